"""Concurrent writers on one store, SQLite and PostgreSQL (`store_url`).

Two `newsreel ingest` processes start at the same moment on a store that
does not exist yet (so their migrations race too) with inputs that overlap
in the same order (so they race on every shared article, its entities and
its facts). Every article must be stored once, nobody may see "database is
locked", and `newsreel check` must be clean."""

from __future__ import annotations

import json
import subprocess
import sys
import time

import pytest

from newsreel.sources import read_inputs
from rel_util import (
    assert_clean,
    assert_complete,
    count,
    env,
    n_rows,
    start,
)
from synth import write_articles

SHARED, OWN = 80, 30  # articles both writers get, articles each gets alone


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> tuple[list[str], list[str], dict]:
    d = tmp_path_factory.mktemp("concurrent")
    paths = [str(p) for p in write_articles(d, SHARED + 2 * OWN, seed=11)]
    shared, a_own, b_own = paths[:SHARED], paths[SHARED:SHARED + OWN], paths[SHARED + OWN:]
    articles = {a.id: a for a in read_inputs(paths)}
    return shared + a_own, shared + b_own, articles


def _both(db: str, a: list[str], b: list[str]) -> list[tuple[int, str, str]]:
    procs = [start("ingest", *inputs, "--db", db, "--format", "json") for inputs in (a, b)]
    results = []
    for p in procs:
        out, err = p.communicate(timeout=600)
        results.append((p.returncode, out.decode(), err.decode()))
    return results


def test_two_writers_overlapping(store_url, corpus, extractor):
    a, b, articles = corpus
    results = _both(store_url, a, b)

    news = 0
    for rc, out, err in results:
        assert rc == 0, err
        assert "locked" not in err.lower() and "Traceback" not in err, err
        summary = json.loads(out)
        assert summary["failed"] == []
        assert summary["new"] + summary["skipped"] == SHARED + OWN
        news += summary["new"]
    total = SHARED + 2 * OWN
    assert news == total  # each article was new to exactly one writer
    assert count(store_url, "documents") == total
    rows = n_rows(store_url)
    assert rows["sightings"] == total  # same path seen twice is one sighting
    report = assert_clean(store_url)
    assert report["counts"]["documents"] == total
    assert_complete(store_url, articles, extractor, sample=25, seed=3)


OPEN = """
import sys, time
from newsreel.store import open_engine
t = float(sys.argv[2])
while time.time() < t:
    time.sleep(0.001)
open_engine(sys.argv[1]).dispose()
print("opened")
"""


def test_many_processes_open_a_new_store_at_once(store_url, tmp_path):
    script = tmp_path / "open.py"
    script.write_text(OPEN)
    at = str(time.time() + 2.0)
    procs = [subprocess.Popen([sys.executable, str(script), store_url, at], env=env(),
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE)
             for _ in range(8)]
    for p in procs:
        out, err = p.communicate(timeout=120)
        assert p.returncode == 0 and out.strip() == b"opened", err.decode()
    report = assert_clean(store_url)
    assert report["counts"]["meta"] >= 1


def test_ingest_into_a_store_another_process_is_reading(tmp_path, corpus):
    """A long read (an open transaction) does not block a writer in WAL mode."""
    import sqlite3

    a, _b, _articles = corpus
    db = tmp_path / "store.db"
    first = start("ingest", *a[:5], "--db", str(db))
    assert first.wait(timeout=300) == 0
    reader = sqlite3.connect(db)
    reader.execute("BEGIN")
    assert reader.execute("SELECT count(*) FROM documents").fetchone()[0] == 5
    try:
        second = start("ingest", *a[5:40], "--db", str(db))
        _out, err = second.communicate(timeout=300)
        assert second.returncode == 0, err.decode()
        # the reader still sees its snapshot
        assert reader.execute("SELECT count(*) FROM documents").fetchone()[0] == 5
    finally:
        reader.rollback()
        reader.close()
    assert count(str(db), "documents") == 40
