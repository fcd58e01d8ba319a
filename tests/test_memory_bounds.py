"""What keeps ingest memory flat (issue 6): bounded caches and statements.

Behaviour only (no RSS figures, those are bench/memory.py's): the ids an
ingest run remembers are a bounded LRU, the CLI's run keeps counts instead of
a list of ids, and story assignment reads a bounded number of ids per SQL
statement however many stories share a term, still choosing the right story."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import event

import newsreel.ingest as ingest
from newsreel.ingest import RecentIds, ingest_articles, store_extracted
from newsreel.model import Article, Entity, Evidence, Fact, Record
from newsreel.resolve import stories
from newsreel.resolve.stories import story_of
from newsreel.store import open_engine


@pytest.fixture
def engine(sqlite_db):
    return open_engine(sqlite_db)


class EmptyExtractor:
    """Records without entities: the ingest bookkeeping is what is tested."""

    def __init__(self) -> None:
        self.seen: list[str] = []

    def extract_many(self, articles, batch_size=16):
        for a in articles:
            self.seen.append(a.source)
            yield a, Record(a.doc_dict())


def test_recent_ids_is_a_bounded_lru():
    ids = RecentIds(3)
    for x in "abc":
        ids.add(x)
    assert "a" in ids  # touched: now the most recent
    ids.add("d")
    assert len(ids) == 3
    assert "b" not in ids and {"a", "c", "d"} == {x for x in "abcd" if x in ids}
    for i in range(100):
        ids.add(str(i))
    assert len(ids) == 3


def _articles(*tags: str) -> list[Article]:
    return [Article(body=f"Body of article {t}.", source=f"mem:{t}-{i}")
            for i, t in enumerate(tags)]


@pytest.mark.parametrize("keep_ids", [True, False])
def test_repeats_are_skipped_after_the_recent_ids_forgot_them(engine, monkeypatch, keep_ids):
    monkeypatch.setattr(ingest, "RECENT_IDS", 2)
    items = _articles("a", "b", "c", "a", "b", "d", "a")
    ex = EmptyExtractor()
    summary = ingest_articles(engine, items, ex, batch_size=1, keep_ids=keep_ids)
    assert (summary.new, summary.skipped, summary.failed) == (4, 3, [])
    # the repeats were known before extraction (by the store, once forgotten here)
    assert ex.seen == ["mem:a-0", "mem:b-1", "mem:c-2", "mem:d-5"]
    new_ids = [items[i].id for i in (0, 1, 2, 5)]
    assert summary.doc_ids == (new_ids if keep_ids else [])
    assert summary.as_dict()["new"] == 4


def test_cli_ingest_summary_counts_without_listing_ids(sqlite_db, tmp_path):
    import json

    from typer.testing import CliRunner

    from newsreel.cli import app

    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(json.dumps({"text": f"Plain note number {i}, nothing else."})
                             for i in range(3)) + "\n")
    res = CliRunner().invoke(app, ["ingest", str(src), "--db", sqlite_db, "--format", "json"])
    assert res.exit_code == 0, res.output
    out = json.loads(res.stdout)
    assert (out["new"], out["skipped"], out["failed"]) == (3, 0, [])


def _film_article(engine, n: int, when: date, film: str) -> Article:
    body = f"Note {n}: {film}, released by Northgate Pictures, with Mara Carrow."
    a = Article(body=body, source=f"mem:{n}", published=when.isoformat(), outlet="Synth")
    ents = [Entity(film, "film", [], []), Entity("Northgate Pictures", "organization", [], []),
            Entity("Mara Carrow", "person", [], [])]
    facts = [Fact(film, "genre", "drama", Evidence(0, len(body), body), {}, 0.8, "film")]
    store_extracted(engine, a, Record(a.doc_dict(), ents, facts))
    return a


def test_story_statements_stay_bounded_and_pick_the_right_story(engine):
    """More stories share the film (years apart) and the distributor than one
    IN list holds; the new article joins the one story near its date."""
    count = stories.CHUNK + 20
    first = date(1950, 1, 1)
    step = timedelta(days=stories.GAP_DAYS + 30)  # every article starts its own story
    arts = [_film_article(engine, i, first + i * step, "Copperline") for i in range(count)]
    with engine.connect() as conn:
        ids = [story_of(conn, a.id) for a in arts]
    assert len(set(ids)) == count

    widest: list[int] = []

    @event.listens_for(engine, "before_cursor_execute")
    def count_params(_conn, _cursor, statement, params, _ctx, _many):
        widest.append(statement.count("?"))

    k = count - 7
    late = _film_article(engine, 10_000, first + k * step + timedelta(days=10), "Copperline")
    event.remove(engine, "before_cursor_execute", count_params)
    with engine.connect() as conn:
        assert story_of(conn, late.id) == ids[k]
    assert widest and max(widest) <= stories.CHUNK + 10
