"""Crash safety: SIGKILL during ingest, Ctrl-C during ingest, online backup while
writing, and `newsreel check` catching damage.

The kill test ingests 1,000 generated articles, kills the process with
SIGKILL at three random moments (the seed is printed; set NEWSREEL_KILL_SEED
to replay one), reruns between and to the end, and then requires every
article exactly once, complete (its stored spans equal a fresh extraction),
no orphan or unreferenced rows, and `newsreel check` clean."""

from __future__ import annotations

import os
import random
import shutil
import signal
import sqlite3
import time
from pathlib import Path

import pytest

from newsreel.sources import read_inputs
from rel_util import (
    assert_clean,
    assert_complete,
    check_json,
    count,
    doc_ids,
    n_rows,
    run,
    start,
    wait_for,
)
from synth import write_articles

N = 1000


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("synth") / "articles"
    write_articles(d, N)
    return d


@pytest.fixture(scope="module")
def expected(corpus: Path) -> dict[str, object]:
    """doc id -> Article, as the readers see the corpus."""
    return {a.id: a for a in read_inputs([str(corpus)])}


SMALL = 200


@pytest.fixture(scope="module")
def small(tmp_path_factory) -> tuple[Path, dict[str, object]]:
    """A 200-article corpus (another seed) and its articles by id."""
    d = tmp_path_factory.mktemp("synth") / "small"
    write_articles(d, SMALL, seed=7)
    return d, {a.id: a for a in read_inputs([str(d)])}


@pytest.fixture(scope="module")
def template_db(small, tmp_path_factory) -> Path:
    """A clean store of 10 articles, copied by the damage tests."""
    db = tmp_path_factory.mktemp("tpl") / "store.db"
    assert run("ingest", *sorted(map(str, small[0].glob("a0000*.txt"))), "--db", str(db)
               ).returncode == 0
    return db


def test_sigkill_three_times_then_complete(corpus, expected, extractor, tmp_path):
    assert len(expected) == N  # the generator makes distinct articles
    seed = int(os.environ.get("NEWSREEL_KILL_SEED", time.time_ns() % 1_000_000))
    print(f"kill seed {seed}")
    rng = random.Random(seed)
    db = str(tmp_path / "store.db")
    kills = 0
    for k in range(3):
        before = count(db, "documents")
        proc = start("ingest", str(corpus), "--db", db)
        if k == 0:  # the first kill lands anywhere from start-up (migrating a new store,
            time.sleep(rng.uniform(0.05, 3.0))  # loading the model) to the first articles
        else:
            target = before + rng.randint(10, 200)
            assert wait_for(lambda t=target, p=proc: count(db, "documents") >= t
                            or p.poll() is not None, timeout=900)  # slow only when loaded
            time.sleep(rng.uniform(0, 0.25))  # land anywhere inside an article's work
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            kills += 1
        _out, errb = proc.communicate(timeout=60)
        assert b"Traceback" not in errb, errb.decode()
        # what a killed writer leaves is a consistent store
        if Path(db).exists():
            with sqlite3.connect(db) as conn:
                assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert count(db, "documents") >= before
    assert kills == 3
    assert count(db, "documents") < N

    final = run("ingest", str(corpus), "--db", db)
    assert final.returncode == 0, final.stderr.decode()
    assert b"Traceback" not in final.stderr
    ids = doc_ids(db)
    assert len(ids) == N and len(set(ids)) == N
    assert set(ids) == set(expected)
    rows = n_rows(db)
    assert rows["sightings"] == N  # one sighting per article, none twice
    assert rows["facts"] > 0 and rows["evidence"] >= rows["facts"]
    report = assert_clean(db)
    assert report["counts"]["documents"] == N
    assert_complete(db, expected, extractor, sample=40, seed=seed)

    again = run("ingest", str(corpus), "--db", db, "--format", "json")
    assert again.returncode == 0
    assert b'"new": 0' in again.stdout and f'"skipped": {N}'.encode() in again.stdout
    assert n_rows(db) == rows


def test_ctrl_c_stops_after_current_article(small, extractor, tmp_path):
    corpus, articles = small
    db = str(tmp_path / "store.db")
    proc = start("ingest", str(corpus), "--db", db)
    assert wait_for(lambda: count(db, "documents") >= 20 or proc.poll() is not None,
                    timeout=600)
    proc.send_signal(signal.SIGINT)
    _out, errb = proc.communicate(timeout=60)
    err = errb.decode()
    assert proc.returncode == 130, err
    assert "Traceback" not in err
    assert "interrupted:" in err and " new, " in err  # the summary
    stored = count(db, "documents")
    assert 20 <= stored < SMALL
    summary = next(line for line in err.splitlines() if line.startswith("interrupted:"))
    assert summary.startswith(f"interrupted: {stored} new,")
    assert_clean(db)
    assert_complete(db, articles, extractor, sample=15, seed=1)
    rest = run("ingest", str(corpus), "--db", db)
    assert rest.returncode == 0
    assert f"{SMALL - stored} new, {stored} skipped".encode() in rest.stderr
    assert count(db, "documents") == SMALL


def test_backup_while_another_process_writes(small, tmp_path):
    corpus, _articles = small
    db = str(tmp_path / "store.db")
    assert run("ingest", *sorted(map(str, corpus.glob("a0000*.txt"))),
               "--db", db).returncode == 0
    base = count(db, "documents")
    writer = start("ingest", str(corpus), "--db", db)
    try:
        assert wait_for(lambda: count(db, "documents") > base + 10, timeout=600)
        copies = []
        for k in range(3):
            target = tmp_path / f"backup{k}.db"
            proc = run("backup", str(target), "--db", db)
            assert proc.returncode == 0, proc.stderr.decode()
            assert b"backed up" in proc.stderr
            copies.append(target)
    finally:
        writer.send_signal(signal.SIGKILL)
        writer.communicate(timeout=60)
    for target in copies:
        assert not (target.parent / f"{target.name}-wal").exists()
        report = assert_clean(str(target))
        assert report["counts"]["documents"] >= base + 10
        assert report["counts"]["documents"] == report["counts"]["sightings"]
    # a restored copy is a working store
    restored = tmp_path / "restored.db"
    restored.write_bytes(copies[-1].read_bytes())
    proc = run("ingest", str(corpus), "--db", str(restored))
    assert proc.returncode == 0
    assert count(str(restored), "documents") == SMALL
    assert_clean(str(restored))
    # refusals: an existing file, a PostgreSQL store
    again = run("backup", str(copies[0]), "--db", db)
    assert again.returncode == 1 and b"exists" in again.stderr
    assert run("backup", str(copies[0]), "--db", db, "--force").returncode == 0
    pg = run("backup", str(tmp_path / "x.db"), "--db", "postgresql://u@127.0.0.1:9/x")
    assert pg.returncode == 2 and b"pg_dump" in pg.stderr
    assert len(pg.stderr.decode().strip().splitlines()) == 1


def _damage(db: str, sql: str) -> None:
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA foreign_keys=OFF")
    conn.executescript(sql)
    conn.commit()
    conn.close()


@pytest.mark.parametrize("sql, check", [
    ("DELETE FROM documents WHERE rowid = (SELECT min(rowid) FROM documents)",
     "orphans evidence.doc_id"),
    ("DELETE FROM evidence WHERE id = (SELECT min(id) FROM evidence)", "facts with evidence"),
    ("UPDATE evidence SET text = 'not the body' WHERE id = (SELECT min(id) FROM evidence)",
     "evidence matches body"),
    ("UPDATE mentions SET \"end\" = 99999 WHERE id = (SELECT min(id) FROM mentions)",
     "spans inside body"),
    ("UPDATE documents SET body = body || ' edited' WHERE rowid = "
     "(SELECT min(rowid) FROM documents)", "document ids are body hashes"),
    ("DELETE FROM entities WHERE id = (SELECT min(subject_id) FROM facts)",
     "orphans facts.subject_id"),
])
def test_check_finds_damage(template_db, tmp_path, sql, check):
    db = str(tmp_path / "store.db")
    shutil.copyfile(template_db, db)
    assert_clean(db)
    _damage(db, sql)
    rc, report = check_json(db)
    assert rc == 1 and not report["ok"]
    assert check in {p["check"] for p in report["problems"]}, report["problems"]
    text = run("check", "--db", db)
    assert text.returncode == 1 and b"PROBLEM" in text.stdout
    assert b"integrity problem" in text.stderr


def test_check_missing_store(tmp_path):
    proc = run("check", "--db", str(tmp_path / "nothing.db"))
    assert proc.returncode == 1
    assert proc.stderr.decode().strip().startswith("newsreel: no store at")
    assert not (tmp_path / "nothing.db").exists()


def test_second_ctrl_c_aborts_at_once_and_leaves_no_half_article(small, extractor, tmp_path):
    corpus, articles = small
    db = str(tmp_path / "store.db")
    proc = start("ingest", str(corpus), "--db", db)
    assert wait_for(lambda: count(db, "documents") >= 10 or proc.poll() is not None,
                    timeout=600)
    proc.send_signal(signal.SIGINT)
    time.sleep(0.02)
    proc.send_signal(signal.SIGINT)
    _out, errb = proc.communicate(timeout=60)
    assert proc.returncode == 130, errb.decode()
    assert b"Traceback" not in errb
    assert count(db, "documents") < SMALL
    assert_clean(db)
    assert_complete(db, articles, extractor, sample=10, seed=2)


def test_check_on_both_backends(store_url, small):
    from sqlalchemy import create_engine, text

    from rel_util import sa_url

    files = sorted(map(str, small[0].glob("a0000*.txt")))[:5]
    assert run("ingest", *files, "--db", store_url).returncode == 0
    report = assert_clean(store_url)
    assert report["counts"]["documents"] == 5
    engine = create_engine(sa_url(store_url))
    with engine.begin() as conn:
        conn.execute(text("DELETE FROM evidence WHERE id = (SELECT min(id) FROM evidence)"))
    engine.dispose()
    rc, report = check_json(store_url)
    assert rc == 1
    assert [p["check"] for p in report["problems"]] == ["facts with evidence"]
