"""Facts and their support across articles: corroboration, confidence,
single-valued slots, supersession by the newer report, history, conflicts and
the timeline (issue 4; CONTRACTS.md section 4)."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from newsreel.cli import app
from newsreel.ingest import store_extracted
from newsreel.model import Article, Entity, Evidence, Fact, Record
from newsreel.query.conflicts import list_conflicts
from newsreel.query.dossier import dossier
from newsreel.query.timeline import timeline
from newsreel.store import open_engine
from resolve_fixtures import store_glasshouse


@pytest.fixture
def engine(sqlite_db):
    return open_engine(sqlite_db)


def cli(*args: str):
    return CliRunner().invoke(app, list(args), catch_exceptions=False)


def report(engine, film: str, sentences: list[tuple[str, str, str, dict]], *,
           published: str | None, outlet: str | None, tag: str, url: str | None = None,
           conf: float = 0.8) -> Article:
    """Store an article whose body is the sentences; each is (relation, object,
    sentence, qualifiers) evidence for one fact about `film`."""
    body = f"{film}: " + " ".join(s for _r, _o, s, _q in sentences) + f" ({tag})"
    a = Article(body=body, source=f"mem:{tag}", published=published, outlet=outlet, url=url)
    facts, pos = [], 0
    for rel, obj, s, q in sentences:
        start = body.index(s, pos)
        facts.append(Fact(film, rel, obj, Evidence(start, start + len(s), s), dict(q), conf,
                          "film"))
        pos = start + len(s)
    ents = [Entity(film, "film", [], [(body.index(film), body.index(film) + len(film))])]
    store_extracted(engine, a, Record(a.doc_dict(), ents, facts))
    return a


def release(date: str, region: str = "US", kind: str | None = "theatrical", text=None):
    q = {"region": region, "release_type": kind}
    return ("release_date", date, text or f"Marlpit opens in {region} on {date}.",
            {k: v for k, v in q.items() if v})


# -- the glasshouse story ------------------------------------------------------

def test_glasshouse_date_moved_by_the_later_article(engine):
    store_glasshouse(engine)
    with engine.connect() as conn:
        d = dossier(conn, "Glasshouse")
    us = [f for f in d["facts"]["release_date"] if f["qualifiers"]["region"] == "US"]
    assert [f["object"] for f in us] == ["2026-04-24"]
    assert us[0]["status"] == "current" and us[0]["outlets"] == ["Marquee Report"]
    assert d["conflicts"] == []  # superseded, not an unsettled conflict
    (old,) = [f for f in d["superseded"] if f["relation"] == "release_date"]
    assert old["object"] == "2026-02-13" and old["documents"] == 2
    assert old["outlets"] == ["Backlot Bulletin", "Screenline"]
    (h,) = d["history"]
    assert h["status"] == "superseded" and h["current"] == "2026-04-24"
    assert h["summary"] == ("first reported 2025-06-02 by Screenline as 2026-02-13; "
                            "confirmed 2025-08-19 by Backlot Bulletin; "
                            "moved to 2026-04-24 by Marquee Report on 2025-10-28")
    sides = {v["value"]: v for v in h["values"]}
    assert sides["2026-02-13"]["status"] == "superseded"
    assert [r["outlets"] for r in sides["2026-02-13"]["reports"]] == [["Screenline"],
                                                                     ["Backlot Bulletin"]]
    assert sides["2026-04-24"]["first_reported"] == "2025-10-28"
    # corroboration and confidence
    director = d["facts"]["director"][0]
    assert director["corroboration"] == 3 and director["documents"] == 3
    assert director["confidence"] == pytest.approx(1 - (1 - 0.9) * (1 - 0.8) * (1 - 0.85),
                                                   abs=1e-3)


def test_glasshouse_newer_report_wins_whatever_the_ingest_order(engine):
    store_glasshouse(engine, [3, 1, 0])
    with engine.connect() as conn:
        d = dossier(conn, "Glasshouse")
    assert [f["object"] for f in d["facts"]["release_date"]] == ["2026-04-24"]
    assert d["history"][0]["summary"].startswith("first reported 2025-06-02 by Screenline")


def test_glasshouse_cli_show_conflicts_timeline(engine, sqlite_db):
    store_glasshouse(engine)
    res = cli("conflicts", "--db", sqlite_db, "--format", "json")
    assert res.exit_code == 0 and json.loads(res.stdout) == []
    res = cli("conflicts", "--all", "--db", sqlite_db, "--format", "json")
    (c,) = json.loads(res.stdout)
    assert c["subject"] == "Glasshouse" and c["current"] == "2026-04-24"
    res = cli("timeline", "glasshouse", "--db", sqlite_db, "--format", "json")
    data = json.loads(res.stdout)
    assert [r["date"] for r in data["reports"]] == ["2025-06-02", "2025-08-19", "2025-10-28"]
    assert [r["outlets"] for r in data["reports"]] == [["Screenline"], ["Backlot Bulletin"],
                                                      ["Marquee Report"]]
    events = {(f["relation"], f["value"]): f["event"] for f in data["reports"][2]["facts"]}
    assert events[("release_date", "2026-04-24")] == "moved"
    assert events[("director", "Emeric Tallon-Weiss")] == "repeated"
    first = {(f["relation"], f["value"]): f["event"] for f in data["reports"][0]["facts"]}
    assert first[("release_date", "2026-02-13")] == "new"
    res = cli("timeline", "glasshouse", "--db", sqlite_db)
    assert "moved to 2026-04-24 by Marquee Report on 2025-10-28" in res.stdout
    res = cli("show", "Glasshouse", "--db", sqlite_db)
    assert "History" in res.stdout and "3 articles, 3 outlets" in res.stdout
    assert "2026-02-13" in res.stdout.split("History")[1]  # only in the history
    assert "2026-02-13" not in res.stdout.split("History")[0]
    res = cli("timeline", "Glashouse", "--db", sqlite_db)
    assert res.exit_code == 3 and "did you mean" in res.stderr


# -- slots ----------------------------------------------------------------------------

def test_same_day_disagreement_is_a_conflict_until_a_newer_report(engine, sqlite_db):
    report(engine, "Marlpit", [release("2026-05-01")], published="2026-01-10",
           outlet="Daily Reel", tag="a")
    report(engine, "Marlpit", [release("2026-05-08")], published="2026-01-10",
           outlet="Frame Weekly", tag="b")
    with engine.connect() as conn:
        (c,) = list_conflicts(conn)
        d = dossier(conn, "Marlpit")
    assert c["status"] == "conflict" and c["current"] is None
    assert {v["value"]: v["outlets"] for v in c["values"]} == {
        "2026-05-01": ["Daily Reel"], "2026-05-08": ["Frame Weekly"]}
    assert {f["status"] for f in d["facts"]["release_date"]} == {"disputed"}
    assert len(d["conflicts"]) == 1
    res = cli("conflicts", "--db", sqlite_db)
    assert "Daily Reel" in res.stdout and "Frame Weekly" in res.stdout
    report(engine, "Marlpit", [release("2026-05-08")], published="2026-02-01",
           outlet="Daily Reel", tag="c")
    with engine.connect() as conn:
        assert list_conflicts(conn) == []
        d = dossier(conn, "Marlpit")
    assert [f["object"] for f in d["facts"]["release_date"]] == ["2026-05-08"]


def test_limited_and_wide_are_kinds_of_theatrical(engine):
    report(engine, "Marlpit", [release("2026-03-06", kind="limited"),
                               release("2026-03-20", kind="wide",
                                       text="It expands wide on 2026-03-20.")],
           published="2026-01-01", outlet="Daily Reel", tag="a")
    report(engine, "Marlpit", [release("2026-03-06", kind=None,
                                       text="Marlpit reaches US theaters on 2026-03-06.")],
           published="2026-01-05", outlet="Frame Weekly", tag="b")
    with engine.connect() as conn:
        d = dossier(conn, "Marlpit")
        assert list_conflicts(conn, include_settled=True) == []
    dates = {f["object"]: f for f in d["facts"]["release_date"]}
    assert set(dates) == {"2026-03-06", "2026-03-20"}
    assert dates["2026-03-06"]["documents"] == 2  # the same date is corroboration
    assert dates["2026-03-06"]["qualifiers"]["release_type"] == "limited"


def test_precision_agrees_and_streaming_is_its_own_slot(engine):
    report(engine, "Marlpit", [release("2026-05")], published="2026-01-01", outlet="A", tag="a")
    report(engine, "Marlpit", [release("2026-05-01"), release("2026-09-01", kind="streaming")],
           published="2026-01-05", outlet="B", tag="b")
    with engine.connect() as conn:
        d = dossier(conn, "Marlpit")
        assert list_conflicts(conn, include_settled=True) == []
    assert d["history"] == [] and d["conflicts"] == []


def test_the_moving_article_may_name_the_old_date(engine):
    report(engine, "Marlpit", [release("2026-05-01")], published="2026-01-01", outlet="A",
           tag="a")
    report(engine, "Marlpit", [release("2026-05-01", text="It was due on 2026-05-01."),
                               release("2026-07-10", text="It now opens on 2026-07-10.")],
           published="2026-02-01", outlet="B", tag="b")
    with engine.connect() as conn:
        d = dossier(conn, "Marlpit")
    assert d["conflicts"] == []
    assert [f["object"] for f in d["facts"]["release_date"]] == ["2026-07-10"]


def test_recast_box_office_and_multi_valued_directors(engine):
    cast = ("cast_member", "Ada Quinlan", "Ada Quinlan plays Mira.", {"character": "Mira"})
    recast = ("cast_member", "Bea Thornfield", "Bea Thornfield now plays Mira.",
              {"character": "Mira"})
    d1 = ("director", "Cal Renn", "Cal Renn directs.", {})
    d2 = ("director", "Dee Oduya", "Dee Oduya co-directs.", {})
    bo = ("box_office", "USD 5000000", "It took $5 million.", {"region": "US",
                                                                 "period": "2026-03-06"})
    bo2 = ("box_office", "USD 5400000", "Actuals were $5.4 million.",
           {"region": "US", "period": "2026-03-06"})
    bo3 = ("box_office", "USD 3000000", "Its second weekend: $3 million.",
           {"region": "US", "period": "2026-03-13"})
    report(engine, "Marlpit", [cast, d1, bo], published="2026-03-08", outlet="A", tag="a")
    report(engine, "Marlpit", [recast, d2, bo2, bo3], published="2026-03-15", outlet="B",
           tag="b")
    with engine.connect() as conn:
        d = dossier(conn, "Marlpit")
        assert list_conflicts(conn) == []
        settled = list_conflicts(conn, include_settled=True)
    assert {f["object"] for f in d["facts"]["director"]} == {"Cal Renn", "Dee Oduya"}
    assert [f["object"] for f in d["facts"]["cast_member"]] == ["Bea Thornfield"]
    assert {f["object"] for f in d["facts"]["box_office"]} == {"USD 5400000", "USD 3000000"}
    summaries = {c["relation"]: c["summary"] for c in settled}
    assert summaries["cast_member"] == ("first reported 2026-03-08 by A as Ada Quinlan; "
                                        "recast with Bea Thornfield by B on 2026-03-15")
    assert "revised to USD 5400000" in summaries["box_office"]


def test_undated_articles_are_ordered_by_ingest_time(engine):
    report(engine, "Marlpit", [release("2026-05-01")], published="2026-01-01", outlet="A",
           tag="a")
    report(engine, "Marlpit", [release("2026-06-12")], published=None, outlet="B", tag="b")
    with engine.connect() as conn:
        d = dossier(conn, "Marlpit")
        t = timeline(conn, "Marlpit")
    assert [f["object"] for f in d["facts"]["release_date"]] == ["2026-06-12"]
    assert t["reports"][-1]["date_source"] == "ingested"


def test_outlet_aliases_count_once_and_one_document_counts_once(engine):
    g = ("genre", "thriller", "A thriller.", {})
    g2 = ("genre", "thriller", "Truly a thriller.", {})
    report(engine, "Marlpit", [g, g2], published="2026-01-01", outlet="EW", tag="a",
           conf=0.5)
    with engine.connect() as conn:
        (f,) = dossier(conn, "Marlpit")["facts"]["genre"]
    assert f["confidence"] == pytest.approx(0.5)  # two spans of one article: one report
    report(engine, "Marlpit", [g], published="2026-01-02", outlet="Entertainment Weekly",
           tag="b", conf=0.5)
    with engine.connect() as conn:
        (f,) = dossier(conn, "Marlpit")["facts"]["genre"]
    assert f["confidence"] == pytest.approx(0.75)
    assert f["outlets"] == ["Entertainment Weekly"] and f["corroboration"] == 1
    assert f["articles"] == 2


def test_a_new_version_replaces_the_old_but_the_timeline_keeps_both(engine):
    report(engine, "Marlpit", [release("2026-05-01")], published="2026-01-01", outlet="A",
           tag="v1", url="https://example.test/marlpit")
    report(engine, "Marlpit", [release("2026-05-22")], published="2026-01-02", outlet="A",
           tag="v2", url="https://example.test/marlpit")
    with engine.connect() as conn:
        d = dossier(conn, "Marlpit")
        t = timeline(conn, "Marlpit")
    assert [f["object"] for f in d["facts"]["release_date"]] == ["2026-05-22"]
    assert d["superseded"] == [] and d["conflicts"] == []
    assert [r["superseded_version"] for r in t["reports"]] == [True, False]
    assert t["slots"][0]["summary"].endswith("moved to 2026-05-22 by A on 2026-01-02")


def test_two_values_from_one_article_are_no_conflict(engine):
    bo = ("box_office", "USD 5000000", "It took $5 million on Friday.", {"region": "US"})
    bo2 = ("box_office", "USD 9000000", "It took $9 million over the weekend.",
           {"region": "US"})
    report(engine, "Marlpit", [bo, bo2], published="2026-03-08", outlet="A", tag="a")
    with engine.connect() as conn:
        assert list_conflicts(conn) == []
        d = dossier(conn, "Marlpit")
    assert {f["object"] for f in d["facts"]["box_office"]} == {"USD 5000000", "USD 9000000"}
    assert d["conflicts"] == [] and d["history"] == []
    # another outlet the same day with a third figure: now sources disagree
    report(engine, "Marlpit", [("box_office", "USD 7000000", "It made $7 million.",
                                {"region": "US"})], published="2026-03-08", outlet="B",
           tag="b")
    with engine.connect() as conn:
        (c,) = list_conflicts(conn)
    assert {v["value"] for v in c["values"] if v["status"] == "disputed"} == {
        "USD 5000000", "USD 9000000", "USD 7000000"}
    assert "also USD 9000000 in the same article" in c["summary"]
