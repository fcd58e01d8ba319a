"""Helpers for the reliability tests: the CLI as a subprocess, row counts, and
comparing what the store holds for a document with what extraction gives."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import create_engine, func, select, text

ROOT = Path(__file__).resolve().parents[1]
CLI = [sys.executable, "-m", "newsreel"]


def env() -> dict[str, str]:
    e = dict(os.environ)
    e["PYTHONPATH"] = str(ROOT / "src") + os.pathsep + e.get("PYTHONPATH", "")
    e.pop("NEWSREEL_DB", None)
    e["COLUMNS"] = "200"
    return e


def run(*args: str, timeout: float = 300, stdin: bytes | None = None,
        ) -> subprocess.CompletedProcess:
    return subprocess.run([*CLI, *args], capture_output=True, timeout=timeout, env=env(),
                          input=stdin)


def start(*args: str) -> subprocess.Popen:
    return subprocess.Popen([*CLI, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env=env())


def sa_url(db: str) -> str:
    if db.startswith("postgresql://"):
        return "postgresql+psycopg://" + db.split("://", 1)[1]
    return db if "://" in db else f"sqlite:///{db}"


def count(db: str, table: str) -> int:
    """Rows in `table`, 0 when the store or table does not exist yet."""
    if "://" not in db and not Path(db).exists():
        return 0
    engine = create_engine(sa_url(db))
    try:
        with engine.connect() as conn:
            return conn.execute(text(f"SELECT count(*) FROM {table}")).scalar_one()
    except Exception:
        return 0
    finally:
        engine.dispose()


def wait_for(pred, timeout: float = 120, every: float = 0.05) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if pred():
            return True
        time.sleep(every)
    return False


def check_json(db: str) -> tuple[int, dict]:
    proc = run("check", "--db", db, "--format", "json")
    assert b"Traceback" not in proc.stderr, proc.stderr.decode()
    return proc.returncode, json.loads(proc.stdout)


def stored_spans(db: str, doc_id: str) -> dict[str, set]:
    """The evidence, mention and quote spans the store holds for one document."""
    from newsreel.store import schema

    engine = create_engine(sa_url(db))
    ev, m, q = schema.evidence, schema.mentions, schema.quotes
    try:
        with engine.connect() as conn:
            return {
                "evidence": {tuple(r) for r in conn.execute(
                    select(ev.c.start, ev.c.end, ev.c.text).where(ev.c.doc_id == doc_id))},
                "mentions": {tuple(r) for r in conn.execute(
                    select(m.c.start, m.c.end).where(m.c.doc_id == doc_id))},
                "quotes": {tuple(r) for r in conn.execute(
                    select(q.c.start, q.c.end).where(q.c.doc_id == doc_id))},
            }
    finally:
        engine.dispose()


def record_spans(record) -> dict[str, set]:
    return {
        "evidence": {(f.evidence.start, f.evidence.end, f.evidence.text) for f in record.facts},
        "mentions": {tuple(s) for e in record.entities for s in e.mentions},
        "quotes": {(q.start, q.end) for q in record.quotes},
    }


def doc_ids(db: str) -> list[str]:
    from newsreel.store import schema

    engine = create_engine(sa_url(db))
    try:
        with engine.connect() as conn:
            return [r[0] for r in conn.execute(select(schema.documents.c.id))]
    finally:
        engine.dispose()


def n_rows(db: str) -> dict[str, int]:
    from newsreel.store import schema

    engine = create_engine(sa_url(db))
    try:
        with engine.connect() as conn:
            return {t.name: conn.execute(select(func.count()).select_from(t)).scalar_one()
                    for t in (schema.documents, schema.sightings, schema.facts,
                              schema.evidence, schema.entities, schema.quotes)}
    finally:
        engine.dispose()


def assert_complete(db: str, articles: dict, extractor, sample: int, seed: int) -> None:
    """A random sample of stored documents each hold exactly their extraction."""
    rng = random.Random(seed)
    ids = doc_ids(db)
    for doc_id in rng.sample(ids, min(sample, len(ids))):
        record = extractor.extract(articles[doc_id])
        assert stored_spans(db, doc_id) == record_spans(record), doc_id


def assert_clean(db: str) -> dict:
    rc, report = check_json(db)
    assert rc == 0 and report["ok"], report["problems"]
    assert not report["warnings"], report["warnings"]  # no unreferenced entities either
    return report
