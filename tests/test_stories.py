"""Stories: articles about one film or event grouped at ingest (issue 4)."""

from __future__ import annotations

import itertools
import json

import pytest
from typer.testing import CliRunner

from newsreel.cli import app
from newsreel.ingest import ingest_articles, store_extracted
from newsreel.model import Article, Entity, Evidence, Fact, Record
from newsreel.query.stories import get_story, list_stories
from newsreel.resolve.stories import rebuild_stories
from newsreel.sources import read_inputs
from newsreel.store import open_engine
from resolve_fixtures import EXAMPLES_STORY_FILES, STORY, store_glasshouse


@pytest.fixture
def engine(sqlite_db):
    return open_engine(sqlite_db)


def groups(conn) -> set[frozenset[str]]:
    """Stories as sets of source file names."""
    out = set()
    for s in list_stories(conn):
        story = get_story(conn, s["id"])
        out.add(frozenset(a["source"].rsplit("/", 1)[-1] for a in story["articles"]))
    return out


GLASSHOUSE = {frozenset(EXAMPLES_STORY_FILES[i] for i in (0, 1, 3)),
              frozenset([EXAMPLES_STORY_FILES[2]])}


@pytest.mark.parametrize("order", [[0, 1, 2, 3], [3, 2, 1, 0], [2, 0, 3, 1]])
def test_glasshouse_story_and_the_other_vellacourt(engine, order):
    store_glasshouse(engine, order)
    with engine.connect() as conn:
        assert groups(conn) == GLASSHOUSE
        (main,) = [s for s in list_stories(conn) if s["articles"] == 3]
        assert main["title"] == "Glasshouse"
        assert (main["first_date"], main["last_date"]) == ("2025-06-02", "2025-10-28")
        story = get_story(conn, main["id"])
        assert [a["outlet"] for a in story["articles"]] == ["Screenline", "Backlot Bulletin",
                                                            "Marquee Report"]


def test_rebuild_gives_the_same_stories(engine):
    store_glasshouse(engine, [3, 2, 1, 0])
    with engine.begin() as conn:
        assert rebuild_stories(conn) == 2
    with engine.connect() as conn:
        assert groups(conn) == GLASSHOUSE


def test_stories_cli(engine, sqlite_db):
    arts = store_glasshouse(engine)
    run = CliRunner().invoke
    res = run(app, ["stories", "--db", sqlite_db, "--format", "json"])
    assert res.exit_code == 0
    items = json.loads(res.stdout)
    assert [s["articles"] for s in items] == [3, 1]
    res = run(app, ["stories", str(items[0]["id"]), "--db", sqlite_db, "--format", "json"])
    data = json.loads(res.stdout)
    assert [a["date"] for a in data["articles"]] == ["2025-06-02", "2025-08-19", "2025-10-28"]
    res = run(app, ["stories", "--doc", arts[2].id[:10], "--db", sqlite_db, "--format", "json"])
    assert json.loads(res.stdout)["title"] == "Blades Up"
    res = run(app, ["stories", "--db", sqlite_db])
    assert "Glasshouse" in res.stdout and "3 article(s)" in res.stdout
    res = run(app, ["stories", "999", "--db", sqlite_db])
    assert res.exit_code == 3
    res = run(app, ["stories", "--rebuild", "--min-articles", "2", "--db", sqlite_db,
                    "--format", "json"])
    assert [s["title"] for s in json.loads(res.stdout)] == ["Glasshouse"]


def _store(engine, tag: str, published: str | None, works: list[str], others: list[tuple]):
    body = f"{tag}: " + ", ".join(works + [n for n, _t in others]) + "."
    a = Article(body=body, source=f"mem:{tag}", published=published, outlet="Synth")
    ents = [Entity(w, "film", [], []) for w in works] + [Entity(n, t, [], []) for n, t in others]
    facts = [Fact(works[0], "genre", "drama", Evidence(0, len(body), body), {}, 0.8, "film")] \
        if works else []
    store_extracted(engine, a, Record(a.doc_dict(), ents, facts))
    return a


def test_events_and_time_windows(engine):
    fest = ("Larkspur Film Festival", "festival")
    jury = [("Ines Vallory", "person"), ("Bram Oteng", "person")]
    _store(engine, "lineup", "2025-05-01", [], [fest, *jury])
    _store(engine, "jury", "2025-05-03", [], [fest, *jury])
    _store(engine, "premiere", "2025-05-04", ["Copperline"], [fest])  # a film's own story
    _store(engine, "review", "2025-06-01", ["Copperline"], [])
    _store(engine, "sequel news", "2027-09-01", ["Copperline"], [])  # two years later
    with engine.connect() as conn:
        got = groups(conn)
    assert got == {frozenset(["mem:lineup", "mem:jury"]), frozenset(["mem:premiere",
                                                                     "mem:review"]),
                   frozenset(["mem:sequel news"])}


def test_examples_stories_with_real_extraction(sqlite_db, extractor):
    """On the extractor's own records: the glasshouse articles and the two Quarry
    Bells articles group, and the rower's article never joins the film's story."""
    engine = open_engine(sqlite_db)
    ingest_articles(engine, read_inputs([str(STORY.parent)]), extractor)
    with engine.connect() as conn:
        got = groups(conn)
    rower = EXAMPLES_STORY_FILES[2]
    (with_rower,) = [g for g in got if rower in g]
    assert with_rower == {rower}
    assert any({"same-film-outlet-a.txt", "same-film-outlet-b.txt"} <= g for g in got)
    film = [g for g in got if EXAMPLES_STORY_FILES[3] in g][0]
    pairs = set(itertools.combinations(sorted(GLASSHOUSE_FILES), 2))
    found = {p for p in pairs if set(p) <= film}
    assert len(found) >= 1  # at least two of the three film articles together


GLASSHOUSE_FILES = [EXAMPLES_STORY_FILES[i] for i in (0, 1, 3)]
