"""End to end on both databases: `newsreel ingest examples/` (real extractor), then
`docs`, `show`, `show-doc` as JSON through the CLI, and the same answers from SQLite
and PostgreSQL."""

from __future__ import annotations

import json
import subprocess
import sys

from sqlalchemy import select

from conftest import EXAMPLES
from newsreel.sources import ReadFailure, read_inputs
from newsreel.store import open_engine, schema


def cli(*args: str, db: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "newsreel", *args, "--db", db],
                          capture_output=True, text=True, timeout=300)


def example_articles() -> list:
    return [a for a in read_inputs([str(EXAMPLES)]) if not isinstance(a, ReadFailure)]


def ingest_examples(db: str) -> dict:
    proc = cli("ingest", str(EXAMPLES), "--format", "json", db=db)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def work_titles(db: str) -> list[str]:
    engine = open_engine(db)
    e, f = schema.entities, schema.facts
    with engine.connect() as conn:
        names = conn.execute(select(e.c.name).join(f, f.c.subject_id == e.c.id)
                             .where(e.c.type.in_(("film", "tv_series", "work")))
                             .distinct()).scalars().all()
    engine.dispose()
    return sorted(names)


def comparable_dossier(data: dict) -> dict:
    """A dossier without the store's row ids and timestamps."""
    facts = {}
    for rel, items in data["facts"].items():
        facts[rel] = sorted(
            (x["subject"], x["object"], json.dumps(x["qualifiers"], sort_keys=True),
             x["articles"], tuple(x["outlets"]),
             tuple(sorted((ev["doc_id"], ev["start"], ev["end"], ev["text"])
                          for ev in x["evidence"])))
            for x in items)
    quotes = sorted((q["speaker"], q["text"], q["doc_id"], q["start"]) for q in data["quotes"])
    return {"entity": (data["entity"]["name"], data["entity"]["type"]),
            "documents": data["documents"], "facts": facts, "quotes": quotes,
            "conflicts": len(data["conflicts"])}


def test_ingest_query_and_rerun(store_url):
    articles = example_articles()
    distinct = {a.id for a in articles}
    summary = ingest_examples(store_url)
    assert summary["new"] == len(distinct) and summary["failed"] == []
    assert summary["skipped"] == len(articles) - len(distinct)

    again = ingest_examples(store_url)  # known bodies are skipped before extraction
    assert again["new"] == 0 and again["facts"] == 0
    assert again["skipped"] == len(articles)

    docs = cli("docs", "--format", "json", "--limit", "1000", db=store_url)
    assert docs.returncode == 0, docs.stderr
    rows = json.loads(docs.stdout)
    assert {r["id"] for r in rows} == distinct

    html = next(a for a in articles if a.source.endswith(".html"))
    body = cli("show-doc", html.id[:12], "--body", db=store_url)
    assert body.returncode == 0 and body.stdout == html.body
    meta = json.loads(cli("show-doc", html.id, "--format", "json", db=store_url).stdout)
    assert meta["title"] == html.title and meta["sightings"][0]["source"] == html.source

    titles = work_titles(store_url)
    assert titles, "the extractor found no facts about any work in the examples"
    shown = cli("show", titles[0], "--format", "json", db=store_url)
    assert shown.returncode == 0, shown.stderr
    data = json.loads(shown.stdout)
    assert data["entity"]["name"] == titles[0]
    for items in data["facts"].values():
        for fact in items:
            for ev in fact["evidence"]:
                doc = next(a for a in articles if a.id == ev["doc_id"])
                assert doc.body[ev["start"]:ev["end"]] == ev["text"]

    missing = cli("show", "Zzqx Nonexistent Picture", "--format", "json", db=store_url)
    assert missing.returncode == 3 and missing.stdout == ""
    assert "no " in missing.stderr and "Traceback" not in missing.stderr


def test_sqlite_and_postgresql_give_the_same_dossiers(pg_url, tmp_path):
    sqlite_url = f"sqlite:///{tmp_path / 'same.db'}"
    a, b = ingest_examples(sqlite_url), ingest_examples(pg_url)
    assert (a["new"], a["facts"], a["quotes"]) == (b["new"], b["facts"], b["quotes"])
    titles = work_titles(sqlite_url)
    assert titles == work_titles(pg_url)
    for title in titles:
        left = cli("show", title, "--format", "json", db=sqlite_url)
        right = cli("show", title, "--format", "json", db=pg_url)
        assert left.returncode == right.returncode == 0, (left.stderr, right.stderr)
        assert comparable_dossier(json.loads(left.stdout)) == \
            comparable_dossier(json.loads(right.stdout)), title


def test_bad_postgres_url_is_one_line_not_a_traceback():
    proc = cli("docs", db="postgresql://nobody@127.0.0.1:1/none")
    assert proc.returncode == 1
    assert proc.stderr.startswith("newsreel: cannot open store") and "Traceback" not in proc.stderr
