"""The rows that the scale engines pass around, their Parquet shards, and storing them.

A row is one input item after reading and extraction, every column a string
(so Arrow blocks from different tasks always share one schema):

    id       document id (sha256 of the body), "" for a failed read
    source   where the item came from
    status   "extract" (record holds its extraction), "known" (the body is
             already stored or claimed by an earlier row of this run: only a
             sighting is added), or "failed" (error says why)
    article  the Article as JSON (doc fields, body and meta)
    record   the extraction record as JSON (Record.to_dict plus speaker types)
    error    the reason of a failure
    pos      the row's place in the input order ("<input #>:<row #>", zero-padded)

`--out DIR` writes these rows as Parquet shards (`part-<run>-<n>.parquet`,
written to a temporary name and renamed, so a stopped run never leaves a
half shard); `newsreel load DIR` stores them. `StoreSink` is the one place
rows reach the store, through `newsreel.ingest.store_extracted`."""

from __future__ import annotations

import json
import os
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
from sqlalchemy import Engine

from newsreel.ingest import IngestSummary, store_extracted
from newsreel.model import Article, Record
from newsreel.store import DocumentStatus
from newsreel.store.documents import add_sighting, has_document

FIELDS = ("id", "source", "status", "article", "record", "error", "pos")
SCHEMA = pa.schema([(name, pa.string()) for name in FIELDS])
EXTRACT, KNOWN, FAILED = "extract", "known", "failed"
DUPLICATE = "duplicate"  # this very sighting (body and source) is in the shards: not rewritten


def article_to_json(article: Article) -> str:
    return json.dumps({
        "body": article.body, "source": article.source, "title": article.title,
        "published": article.published, "outlet": article.outlet, "url": article.url,
        "authors": list(article.authors), "language": article.language,
        "meta": article.meta}, ensure_ascii=False, default=str)


def article_from_json(text: str) -> Article:
    return Article(**json.loads(text))


def record_to_json(record: Record) -> str:
    data = record.to_dict()
    for out, quote in zip(data["quotes"], record.quotes, strict=True):
        out["speaker_type"] = quote.speaker_type
    return json.dumps(data, ensure_ascii=False, default=str)


def record_from_json(text: str) -> Record:
    data = json.loads(text)
    record = Record.from_dict(data)
    for quote, raw in zip(record.quotes, data.get("quotes", []), strict=True):
        if "speaker_type" in raw:
            quote.speaker_type = raw["speaker_type"]
    return record


def row(status: str, *, article: Article | None = None, source: str = "",
        record: Record | None = None, error: str = "") -> dict[str, str]:
    return {"id": article.id if article else "",
            "source": article.source if article else source,
            "status": status, "article": article_to_json(article) if article else "",
            "record": record_to_json(record) if record else "", "error": error, "pos": ""}


# -- Parquet shards -------------------------------------------------------------
def shard_files(out_dir: Path | str) -> list[Path]:
    return sorted(Path(out_dir).glob("part-*.parquet"))


def shard_sightings(out_dir: Path | str) -> set[tuple[str, str]]:
    """(document id, source) of every article row the shards already hold."""
    seen: set[tuple[str, str]] = set()
    for path in shard_files(out_dir):
        table = pq.read_table(path, columns=["id", "source", "status"])
        for doc_id, source, status in zip(table.column("id").to_pylist(),
                                          table.column("source").to_pylist(),
                                          table.column("status").to_pylist(), strict=True):
            if doc_id and status != FAILED:
                seen.add((doc_id, source))
    return seen


def iter_shard_rows(out_dir: Path | str) -> Iterator[dict[str, str]]:
    for path in shard_files(out_dir):
        for batch in pq.ParquetFile(path).iter_batches(batch_size=256):
            yield from batch.to_pylist()


class ShardWriter:
    """Buffers rows and writes a shard every `rows_per_shard` rows (and at close)."""

    def __init__(self, out_dir: Path | str, rows_per_shard: int = 1000) -> None:
        self.dir = Path(out_dir)
        self.dir.mkdir(parents=True, exist_ok=True)
        self.run = time.strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:6]
        self.rows_per_shard = rows_per_shard
        self.buffer: list[dict[str, str]] = []
        self.count = 0

    def add(self, item: dict[str, str]) -> None:
        self.buffer.append({k: item.get(k) or "" for k in FIELDS})
        if len(self.buffer) >= self.rows_per_shard:
            self.flush()

    def flush(self) -> None:
        if not self.buffer:
            return
        final = self.dir / f"part-{self.run}-{self.count:05d}.parquet"
        tmp = final.with_suffix(".parquet.tmp")
        pq.write_table(pa.Table.from_pylist(self.buffer, schema=SCHEMA), tmp,
                       compression="zstd")
        os.replace(tmp, final)
        self.count += 1
        self.buffer = []


# -- into the store ---------------------------------------------------------------
class StoreSink:
    """Stores rows one article per transaction; sightings of bodies another row
    of this run claimed wait until that body is stored."""

    def __init__(self, engine: Engine, summary: IngestSummary) -> None:
        self.engine = engine
        self.summary = summary
        self.waiting: list[Article] = []

    def add(self, item: dict[str, Any]) -> None:
        status = item["status"]
        if status == FAILED:
            self.summary.failed.append((item["source"], item["error"] or "failed"))
            return
        article = article_from_json(item["article"])
        if status == KNOWN:
            if not self._sight(article):
                self.waiting.append(article)  # its body is stored later in this run
            return
        try:
            stored, nfacts, nquotes = store_extracted(
                self.engine, article, record_from_json(item["record"]))
        except Exception as exc:
            self.summary.failed.append(
                (article.source, f"store error: {str(exc).splitlines()[0]}"))
            return
        if stored is DocumentStatus.NEW:
            self.summary.new += 1
            self.summary.facts += nfacts
            self.summary.quotes += nquotes
            self.summary.doc_ids.append(article.id)
        else:
            self.summary.skipped += 1

    def _sight(self, article: Article) -> bool:
        with self.engine.begin() as conn:
            if not has_document(conn, article.id):
                return False
            add_sighting(conn, article)
        self.summary.skipped += 1
        return True

    def finish(self) -> None:
        for article in self.waiting:
            if not self._sight(article):
                self.summary.failed.append(
                    (article.source, "the article with the same body failed"))
        self.waiting = []


def load_shards(engine: Engine, out_dir: Path | str) -> IngestSummary:
    """Store every row of the shards in `out_dir`; known bodies are skipped."""
    summary = IngestSummary()
    started = time.perf_counter()
    sink = StoreSink(engine, summary)
    try:
        for item in iter_shard_rows(out_dir):
            sink.add(item)
    finally:
        sink.finish()
        summary.seconds = time.perf_counter() - started
    return summary
