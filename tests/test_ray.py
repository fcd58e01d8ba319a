"""The Ray engine: same facts as the single-process path, no duplicates on a rerun,
resuming a stopped run, Parquet shards and `newsreel load`, WARC input.

One in-process Ray runtime for the whole session (2 CPUs, no dashboard, auth
off, its temp dir under /tmp); the engine reuses it. Inputs are the examples
and a few short synthetic articles."""

from __future__ import annotations

import json
import logging
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from sqlalchemy import func, select

from conftest import EXAMPLES
from newsreel.ingest import ingest_articles
from newsreel.sources import ReadFailure, read_inputs
from newsreel.store import open_engine, schema

pytestmark = pytest.mark.ray


@pytest.fixture(scope="session")
def ray_runtime():
    os.environ.setdefault("RAY_AUTH_MODE", "disabled")
    ray = pytest.importorskip("ray")
    temp = tempfile.mkdtemp(prefix="nr-ray-", dir="/tmp")
    ray.init(num_cpus=2, include_dashboard=False, _temp_dir=temp, ignore_reinit_error=True,
             logging_level=logging.WARNING, log_to_driver=False)
    yield ray
    ray.shutdown()
    shutil.rmtree(temp, ignore_errors=True)


def fact_set(db: str) -> set[tuple[str, str, str]]:
    engine = open_engine(db)
    f, e = schema.facts, schema.entities
    with engine.connect() as conn:
        rows = conn.execute(select(e.c.name, f.c.relation, f.c.value)
                            .join(e, e.c.id == f.c.subject_id)).all()
    engine.dispose()
    return {tuple(r) for r in rows}


def counts(db: str) -> dict[str, int]:
    engine = open_engine(db)
    with engine.connect() as conn:
        out = {t: conn.execute(select(func.count()).select_from(schema.metadata.tables[t]))
               .scalar() for t in ("documents", "sightings", "entities", "facts", "evidence",
                                   "quotes", "mentions")}
    engine.dispose()
    return out


def local_ingest(db: str, paths: list[str], extractor) -> None:
    engine = open_engine(db)
    ingest_articles(engine, read_inputs(paths), extractor)
    engine.dispose()


def synthetic(dirpath: Path, n: int, start: int = 0) -> Path:
    dirpath.mkdir(parents=True, exist_ok=True)
    for i in range(start, start + n):
        (dirpath / f"s{i:03d}.txt").write_text(
            f"The Lantern Quay {i}, directed by Ada Vance{i}, opens on March {i % 27 + 1}, "
            f"2026.\n\nBo Lind{i} stars in The Lantern Quay {i}.\n")
    return dirpath


@pytest.fixture
def examples_copy(tmp_path: Path) -> Path:
    """The examples plus a wire copy: one body under a second file name."""
    root = tmp_path / "inputs"
    shutil.copytree(EXAMPLES, root)
    shutil.copy(root / "casting-news.txt", root / "zz-wire-copy-casting-news.txt")
    return root


def test_ray_gives_the_same_facts_as_one_process(ray_runtime, examples_copy, tmp_path,
                                                 extractor):
    from newsreel.scale.ray_engine import ingest_with_ray

    local_db, ray_db = str(tmp_path / "local.db"), str(tmp_path / "ray.db")
    local_ingest(local_db, [str(examples_copy)], extractor)
    summary = ingest_with_ray([str(examples_copy)], db=ray_db, workers=1, notes=[])
    articles = [a for a in read_inputs([str(examples_copy)]) if not isinstance(a, ReadFailure)]
    distinct = {a.id for a in articles}
    assert summary.failed == []
    assert summary.new == len(distinct)  # the wire copy is extracted once ...
    assert summary.skipped == len(articles) - len(distinct) == 1  # ... and sighted twice
    assert fact_set(ray_db) == fact_set(local_db)
    assert fact_set(ray_db), "no facts at all: the comparison would prove nothing"
    assert counts(ray_db) == counts(local_db)

    before = counts(ray_db)
    again = ingest_with_ray([str(examples_copy)], db=ray_db, workers=1, notes=[])
    assert again.new == 0 and again.facts == 0 and again.skipped == len(articles)
    assert counts(ray_db) == before  # a rerun adds no duplicates


def test_ray_stores_into_either_database(ray_runtime, store_url, tmp_path, extractor):
    from newsreel.scale.ray_engine import ingest_with_ray

    inputs = synthetic(tmp_path / "in", 5)
    reference = str(tmp_path / "reference.db")
    local_ingest(reference, [str(inputs)], extractor)
    summary = ingest_with_ray([str(inputs)], db=store_url, workers=1, notes=[])
    assert summary.new == 5 and summary.failed == []
    assert fact_set(store_url) == fact_set(reference)
    assert counts(store_url) == counts(reference)


def test_a_stopped_run_resumes_without_duplicates(ray_runtime, tmp_path, extractor):
    from newsreel.scale.ray_engine import ingest_with_ray

    inputs = synthetic(tmp_path / "in", 12)
    whole, resumed = str(tmp_path / "whole.db"), str(tmp_path / "resumed.db")
    local_ingest(whole, [str(inputs)], extractor)
    # "stopped" after the first five articles: they are in the store, the rest not
    local_ingest(resumed, [str(p) for p in sorted(inputs.iterdir())[:5]], extractor)
    summary = ingest_with_ray([str(inputs)], db=resumed, workers=1, notes=[])
    assert (summary.new, summary.skipped) == (7, 5)  # only the missing ones were extracted
    assert counts(resumed) == counts(whole)
    assert fact_set(resumed) == fact_set(whole)


def test_shards_then_load(ray_runtime, tmp_path, extractor):
    from newsreel.scale.ray_engine import ingest_with_ray
    from newsreel.scale.rows import load_shards, shard_files

    inputs = synthetic(tmp_path / "in", 6)
    out = tmp_path / "shards"
    first = ingest_with_ray([str(inputs)], out_dir=str(out), workers=1, notes=[],
                            rows_per_shard=4)
    assert first.new == 6 and len(shard_files(out)) == 2
    synthetic(inputs, 2, start=6)  # two more arrive; the rerun shards only those
    second = ingest_with_ray([str(inputs)], out_dir=str(out), workers=1, notes=[])
    assert (second.new, second.skipped) == (2, 6)
    assert not list(out.glob("*.tmp"))

    db, direct = str(tmp_path / "loaded.db"), str(tmp_path / "direct.db")
    local_ingest(direct, [str(inputs)], extractor)
    engine = open_engine(db)
    loaded = load_shards(engine, out)
    assert loaded.new == 8 and loaded.failed == []
    again = load_shards(engine, out)
    assert again.new == 0 and again.skipped == 8
    engine.dispose()
    assert counts(db) == counts(direct)
    assert fact_set(db) == fact_set(direct)


def test_bad_inputs_fail_alone(ray_runtime, tmp_path):
    from newsreel.scale.ray_engine import ingest_with_ray

    inputs = synthetic(tmp_path / "in", 2)
    (inputs / "broken.jsonl").write_text('{"text": "Ada Vance directs The Salt Road."}\n'
                                         'not json\n{"title": "no body"}\n')
    (inputs / "empty.txt").write_text("")
    summary = ingest_with_ray([str(inputs), str(tmp_path / "missing")],
                              db=str(tmp_path / "s.db"), workers=1, notes=[])
    assert summary.new == 3
    reasons = {source.rsplit("/", 1)[-1]: reason for source, reason in summary.failed}
    assert set(reasons) == {"broken.jsonl:2", "broken.jsonl:3", "empty.txt", "missing"}
    assert "invalid JSON" in reasons["broken.jsonl:2"]


def test_cli_load_and_exit_codes(tmp_path):
    def run(*args):
        return subprocess.run([sys.executable, "-m", "newsreel", *args], capture_output=True,
                              text=True, timeout=120)

    empty = tmp_path / "nothing"
    empty.mkdir()
    proc = run("load", str(empty), "--db", str(tmp_path / "x.db"))
    assert proc.returncode == 2 and "no part-*.parquet" in proc.stderr
    assert "Traceback" not in proc.stderr
    proc = run("load", str(tmp_path / "absent"), "--db", str(tmp_path / "x.db"))
    assert proc.returncode == 2 and "not a directory" in proc.stderr


def test_ray_reads_warc_shards(ray_runtime, tmp_path):
    from newsreel.scale.ray_engine import ingest_with_ray
    from test_warc import GOOD, write_records

    with (tmp_path / "crawl.warc.gz").open("wb") as fh:
        write_records(fh, GOOD, gz=True)
    db = str(tmp_path / "w.db")
    summary = ingest_with_ray([str(tmp_path / "crawl.warc.gz")], db=db, workers=1, notes=[])
    assert summary.new == 2 and summary.failed == []
    engine = open_engine(db)
    with engine.connect() as conn:
        urls = conn.execute(select(schema.documents.c.url).order_by(schema.documents.c.url)) \
            .scalars().all()
    engine.dispose()
    assert urls == ["https://news.example/a", "https://news.example/b"]


def test_cli_ray_summary_is_clean_json(ray_runtime, tmp_path):
    """`ingest --engine ray --format json`: stdout is the JSON summary alone (run
    in-process, so the CLI reuses the session's Ray runtime)."""
    from typer.testing import CliRunner

    from newsreel.cli import app

    inputs = synthetic(tmp_path / "in", 3)
    result = CliRunner().invoke(app, ["ingest", str(inputs), "--engine", "ray", "--workers",
                                      "1", "--db", str(tmp_path / "c.db"), "--format", "json"])
    assert result.exit_code == 0, result.stderr[-2000:]
    data = json.loads(result.stdout)
    assert data["new"] == 3 and data["failed"] == []
    assert ray_runtime.is_initialized()  # the session's runtime was reused, not shut down
