"""`newsreel ingest --engine ray`: the same pipeline on Ray Data.

The plan, one Ray Data pipeline:

1. inputs: the paths are expanded on the driver like `read_inputs` does
   (directories recursively, README/SOURCE.md and unknown types skipped
   with a note); each file or URL is one item of `ray.data.from_items`;
2. read (`flat_map`, tasks): our readers (`newsreel.sources`) turn each
   file, JSON Lines file or WARC shard into Article rows (or failure rows);
3. claim (`map_batches`, tasks): a `Ledger` actor on the driver's node
   answers which document ids are new, i.e. neither in the store (or, with
   `--out`, in the shards already written) nor claimed by an earlier row of
   this run. Only new rows are extracted, so each document is processed once
   by its hash, and a stopped run resumes where it stopped;
4. extract (`map_batches` on an actor pool of `workers` actors,
   `compute=ActorPoolStrategy(size=workers)`): each actor loads the spaCy
   pipeline (`newsreel.extract.Extractor`) once and extracts batches with
   `nlp.pipe`; a failing batch is redone one article at a time;
5. sink (driver): rows are stored as they stream in, one transaction per
   article through `newsreel.ingest.store_extracted` (the one ingest path),
   or written as Parquet shards with `--out DIR` for `newsreel load DIR`.

Without `--address` Ray starts in-process on this machine with
`include_dashboard=False`, a short `_temp_dir` and RAY_AUTH_MODE=disabled
(unless set), and is shut down at the end; a runtime already initialized in
this process (tests) is reused and left running."""

from __future__ import annotations

import json
import logging
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from newsreel.ingest import IngestSummary
from newsreel.scale.rows import (
    DUPLICATE,
    EXTRACT,
    FAILED,
    KNOWN,
    SCHEMA,
    ShardWriter,
    StoreSink,
    article_from_json,
    record_to_json,
    row,
    shard_sightings,
)
from newsreel.sources.base import DEFAULT_MAX_BYTES

BATCH = 16  # articles per extraction call (nlp.pipe batch)
CLAIM_SQL_CHUNK = 500
MAX_READ_BLOCKS = 1000


class RayEngineError(Exception):
    """Ray cannot run this ingest; the message says why."""


# -- inputs -------------------------------------------------------------------
def expand_inputs(paths: Iterable[str], notes: list[str],
                  ) -> tuple[list[str], list[tuple[str, str]]]:
    """Files and URLs to read, and (input, reason) for inputs that do not exist."""
    from newsreel.sources.dispatch import SKIP_NAMES, kind_of

    units: list[str] = []
    missing: list[tuple[str, str]] = []
    for raw in paths:
        if raw == "-":
            missing.append(("<stdin>", "stdin cannot be read with --engine ray; "
                            "use --engine local or save it to a file"))
            continue
        if "://" in raw:
            units.append(raw)
            continue
        path = Path(raw)
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                if child.name.lower() in SKIP_NAMES or child.name.startswith("."):
                    notes.append(f"skipped {child}: not an article")
                elif kind_of(child) is None or child.suffix == "":
                    notes.append(f"skipped {child}: unknown file type")
                else:
                    units.append(str(child.resolve()))
        elif path.is_file():
            units.append(str(path.resolve()))
        elif not path.exists():
            missing.append((raw, "no such file or directory"))
        else:
            missing.append((raw, "not a regular file"))
    return units, missing


# -- the stages (run in Ray workers) ---------------------------------------------
def read_unit(item: dict[str, Any], max_bytes: int, allow_private: bool) -> list[dict[str, str]]:
    """One file or URL -> rows (flat_map)."""
    from newsreel.sources import ReadFailure, read_inputs

    unit = item["input"]
    out: list[dict[str, str]] = []
    try:
        for x in read_inputs([unit], max_bytes=max_bytes, allow_private=allow_private):
            if isinstance(x, ReadFailure):
                out.append(row(FAILED, source=x.source, error=x.reason))
            else:
                out.append(row(EXTRACT, article=x))
    except Exception as exc:  # a reader bug must not stop the run
        out.append(row(FAILED, source=unit, error=f"cannot read ({type(exc).__name__})"))
    for k, r in enumerate(out):
        r["pos"] = f"{item['n']:09d}:{k:09d}"
    return out


class Ledger:
    """Which documents still need extracting (a Ray actor on the driver's node)."""

    def __init__(self, db_url: str | None, out_dir: str | None) -> None:
        from newsreel.store import open_engine

        # with --out: the sightings already in the shards (rerun rows are dropped)
        self.sightings: set[tuple[str, str]] | None = shard_sightings(out_dir) \
            if out_dir else None
        # id -> input position of the row that extracts it
        self.claimed: dict[str, str] = {i: "" for i, _s in self.sightings or ()}
        self.engine = open_engine(db_url) if db_url else None

    def _stored(self, ids: list[str]) -> set[str]:
        if self.engine is None or not ids:
            return set()
        from sqlalchemy import select

        from newsreel.store import schema

        d = schema.documents
        found: set[str] = set()
        with self.engine.connect() as conn:
            for i in range(0, len(ids), CLAIM_SQL_CHUNK):
                part = ids[i:i + CLAIM_SQL_CHUNK]
                found.update(conn.execute(select(d.c.id).where(d.c.id.in_(part))).scalars())
        return found

    def claim(self, rows: list[tuple[str, str, str]]) -> list[str]:
        """Per (id, source, pos): EXTRACT for the first row in input order with
        that body, KNOWN for another sighting of it, DUPLICATE for a sighting
        the shards already hold.

        Blocks reach the ledger in any order: when a row comes before the row
        that claimed its body, it takes the claim over (both are extracted,
        the sink stores the first and records the second as a sighting), so
        the store sees every body at its place in the input order, as the
        single-process path does."""
        stored = self._stored([i for i, _s, _p in rows if i not in self.claimed])
        out = []
        for doc_id, source, pos in rows:
            if self.sightings is not None:
                if (doc_id, source) in self.sightings:
                    out.append(DUPLICATE)
                    continue
                self.sightings.add((doc_id, source))
            if doc_id in stored or (doc_id in self.claimed and self.claimed[doc_id] <= pos):
                out.append(KNOWN)
            else:
                self.claimed[doc_id] = pos
                out.append(EXTRACT)
        return out


def claim_batch(batch, ledger):
    """map_batches: mark rows whose body is known (stored or claimed) as KNOWN."""
    import pyarrow as pa
    import ray

    rows = batch.to_pylist()
    todo = [i for i, r in enumerate(rows) if r["status"] == EXTRACT]
    if todo:
        verdicts = ray.get(ledger.claim.remote([(rows[i]["id"], rows[i]["source"],
                                                  rows[i]["pos"]) for i in todo]))
        for i, verdict in zip(todo, verdicts, strict=True):
            rows[i]["status"] = verdict
            if verdict == DUPLICATE:  # nothing downstream needs its body
                rows[i]["article"] = ""
    return pa.Table.from_pylist(rows, schema=SCHEMA)


class ExtractActor:
    """Holds one loaded pipeline; extracts the EXTRACT rows of each batch."""

    def __init__(self, min_confidence: float = 0.0) -> None:
        from newsreel.extract import Extractor

        self.extractor = Extractor(min_confidence=min_confidence)

    def _one(self, item: dict[str, str]) -> None:
        try:
            record = self.extractor.extract(article_from_json(item["article"]))
            item["record"] = record_to_json(record)
        except Exception as exc:
            item.update(status=FAILED, error=f"extraction failed ({type(exc).__name__})")

    def __call__(self, batch):
        import pyarrow as pa

        rows = batch.to_pylist()
        todo = [r for r in rows if r["status"] == EXTRACT]
        if todo:
            try:
                articles = [article_from_json(r["article"]) for r in todo]
                results = list(self.extractor.extract_many(articles, batch_size=BATCH))
                for item, (_article, record) in zip(todo, results, strict=True):
                    item["record"] = record_to_json(record)
            except Exception:  # redo one by one: only the bad article fails
                for item in todo:
                    self._one(item)
        return pa.Table.from_pylist(rows, schema=SCHEMA)


# -- the runtime -------------------------------------------------------------------
def start_ray(address: str | None, num_cpus: int) -> str | None:
    """Connect to or start Ray. Returns the temp dir to remove if we started it
    ("" when we connected to a cluster), None when a runtime was already up."""
    os.environ.setdefault("RAY_AUTH_MODE", "disabled")
    import ray

    if ray.is_initialized():
        return None
    if address:
        try:
            ray.init(address=address, ignore_reinit_error=True, logging_level=logging.WARNING,
                     log_to_driver=False)
        except Exception as exc:  # ConnectionError, timeouts, version mismatch
            raise RayEngineError(f"cannot connect to Ray at {address}: "
                                 f"{str(exc).splitlines()[0] if str(exc) else type(exc).__name__}"
                                 ) from None
        return ""
    temp = tempfile.mkdtemp(prefix="nr-ray-", dir="/tmp" if os.path.isdir("/tmp") else None)
    ray.init(num_cpus=num_cpus, include_dashboard=False, _temp_dir=temp,
             ignore_reinit_error=True, logging_level=logging.WARNING, log_to_driver=False)
    return temp


def _configure_ray_data() -> None:
    """Quiet (stdout is data only), and in input order: rows reach the store in
    the order the single-process path stores them, so cross-article entity
    resolution sees the same sequence and gives the same store."""
    import ray.data

    for name in ("ray", "ray.data"):
        logging.getLogger(name).setLevel(logging.ERROR)
    ctx = ray.data.DataContext.get_current()
    ctx.execution_options.preserve_order = True
    ctx.enable_progress_bars = False
    ctx.print_on_execution_start = False
    ctx.enable_auto_log_stats = False


def build_dataset(units: list[str], ledger, *, workers: int, max_bytes: int,
                  allow_private: bool, min_confidence: float, batch_size: int = BATCH):
    import ray.data

    # one read task per file (up to MAX_READ_BLOCKS): WARC and JSONL shards are the unit
    ds = ray.data.from_items([{"input": u, "n": i} for i, u in enumerate(units)],
                             override_num_blocks=max(1, min(len(units), MAX_READ_BLOCKS)))
    ds = ds.flat_map(read_unit, fn_kwargs={"max_bytes": max_bytes,
                                           "allow_private": allow_private}, num_cpus=0.5)
    # per block (batch_size=None): merging blocks here would starve the actor pool
    ds = ds.map_batches(claim_batch, fn_kwargs={"ledger": ledger}, batch_format="pyarrow",
                        batch_size=None, num_cpus=0.25)
    return ds.map_batches(ExtractActor, fn_constructor_kwargs={"min_confidence": min_confidence},
                          compute=ray.data.ActorPoolStrategy(size=workers),
                          batch_format="pyarrow", batch_size=batch_size, num_cpus=1)


def ingest_with_ray(paths: Iterable[str], db: str | None = None, address: str | None = None,
                    out_dir: str | None = None, workers: int = 2,
                    max_bytes: int = DEFAULT_MAX_BYTES, min_confidence: float = 0.0,
                    allow_private: bool = False, notes: list[str] | None = None,
                    rows_per_shard: int = 1000) -> IngestSummary:
    """Read, extract and store (or shard) `paths` with Ray; see the module docstring."""
    import ray

    from newsreel.store import open_engine, resolve_url

    if workers < 1:
        raise RayEngineError("--workers must be at least 1")
    tell_notes = notes is None
    notes = notes if notes is not None else []
    summary = IngestSummary()
    started = time.perf_counter()
    units, missing = expand_inputs(paths, notes)
    summary.failed.extend(missing)
    if tell_notes:
        for note in notes:
            sys.stderr.write(note + "\n")
    engine = None
    db_url = None
    if out_dir is None:
        db_url = resolve_url(db)
        engine = open_engine(db_url)  # creates and migrates the store before any worker
    if not units:
        summary.seconds = time.perf_counter() - started
        return summary

    temp = start_ray(address, num_cpus=max(os.cpu_count() or 1, workers) + 1)
    try:
        _configure_ray_data()
        here = ray.get_runtime_context().get_node_id()
        from ray.util.scheduling_strategies import NodeAffinitySchedulingStrategy

        ledger = ray.remote(num_cpus=0)(Ledger).options(
            scheduling_strategy=NodeAffinitySchedulingStrategy(here, soft=False),
        ).remote(db_url, out_dir)
        ds = build_dataset(units, ledger, workers=workers, max_bytes=max_bytes,
                           allow_private=allow_private, min_confidence=min_confidence)
        if out_dir is not None:
            _to_shards(ds, ShardWriter(out_dir, rows_per_shard), summary)
        else:
            assert engine is not None
            sink = StoreSink(engine, summary)
            try:
                for item in ds.iter_rows():
                    sink.add(dict(item))
            finally:
                sink.finish()
        ray.kill(ledger)
    finally:
        if engine is not None:
            engine.dispose()
        if temp is not None:
            ray.shutdown()
            if temp:
                shutil.rmtree(temp, ignore_errors=True)
    summary.seconds = time.perf_counter() - started
    return summary


def _to_shards(ds, writer: ShardWriter, summary: IngestSummary) -> None:
    try:
        for item in map(dict, ds.iter_rows()):
            if item["status"] == DUPLICATE:  # this sighting is in the shards already
                summary.skipped += 1
                continue
            writer.add(item)
            if item["status"] == FAILED:
                summary.failed.append((item["source"], item["error"] or "failed"))
            elif item["status"] == KNOWN:
                summary.skipped += 1
            else:
                record = json.loads(item["record"])
                summary.new += 1
                summary.facts += len(record["facts"])
                summary.quotes += len(record["quotes"])
                summary.doc_ids.append(item["id"])
    finally:  # a stopped run keeps every row it finished
        writer.flush()
