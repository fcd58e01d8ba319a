"""The one ingest path: read, extract, store, resolve.

The CLI, the server, the watcher and the Ray engine all call `ingest_articles`
(or `store_extracted` for records extracted elsewhere). Each article is one
transaction: it is stored whole or not at all; a failing article is reported
and the batch goes on."""

from __future__ import annotations

import random
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from sqlalchemy import Engine
from sqlalchemy.exc import OperationalError

from newsreel.model import Article, Record
from newsreel.resolve import merge_record
from newsreel.resolve.changes import record_changes
from newsreel.sources import ReadFailure
from newsreel.store import DocumentStatus, write_document
from newsreel.store.documents import add_sighting, has_document


@dataclass
class IngestSummary:
    new: int = 0
    skipped: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    facts: int = 0
    quotes: int = 0
    seconds: float = 0.0
    doc_ids: list[str] = field(default_factory=list)  # ids of new documents, with keep_ids

    @property
    def total(self) -> int:
        return self.new + self.skipped + len(self.failed)

    def as_dict(self) -> dict:
        return {"new": self.new, "skipped": self.skipped,
                "failed": [{"source": s, "reason": r} for s, r in self.failed],
                "facts": self.facts, "quotes": self.quotes,
                "seconds": round(self.seconds, 3),
                "articles_per_second": round(self.total / self.seconds, 2)
                if self.seconds else None}


ProgressFn = Callable[[str, str], None]  # (source, outcome)

RECENT_IDS = 4096  # ids of documents stored in this run that skip the store lookup


class RecentIds:
    """The most recent `size` document ids stored in this run (least recently
    used dropped first): a repeated body is known without asking the store,
    and memory does not grow with the run (an id not here is looked up)."""

    def __init__(self, size: int | None = None) -> None:
        self.size = RECENT_IDS if size is None else size
        self._ids: OrderedDict[str, None] = OrderedDict()

    def add(self, doc_id: str) -> None:
        self._ids[doc_id] = None
        self._ids.move_to_end(doc_id)
        if len(self._ids) > self.size:
            self._ids.popitem(last=False)

    def __contains__(self, doc_id: object) -> bool:
        if doc_id in self._ids:
            self._ids.move_to_end(doc_id)  # type: ignore[arg-type]
            return True
        return False

    def __len__(self) -> int:
        return len(self._ids)


TRANSIENT = ("locked", "busy", "deadlock detected", "could not serialize")


def _retrying(fn: Callable[[], object], attempts: int = 8) -> object:
    """Run a transaction, retrying when SQLite reports the database locked or
    PostgreSQL a deadlock between concurrent writers (the loser is rolled back
    whole, so a retry starts clean)."""
    delay = 0.05
    for attempt in range(attempts):
        try:
            return fn()
        except OperationalError as exc:
            if not any(t in str(exc).lower() for t in TRANSIENT) or attempt == attempts - 1:
                raise
            time.sleep(delay * (1 + random.random()))
            delay = min(delay * 2, 2.0)
    return None


def store_extracted(engine: Engine, article: Article, record: Record,
                    ) -> tuple[DocumentStatus, int, int]:
    """Store one article and its record in one transaction."""
    def tx():
        with engine.begin() as conn:
            status = write_document(conn, article)
            if status is DocumentStatus.SKIPPED:
                return status, 0, 0
            counts = merge_record(conn, article.id, record)
            record_changes(conn, article.id)
            return status, counts.facts, counts.quotes
    return _retrying(tx)  # type: ignore[return-value]


def ingest_articles(engine: Engine, items: Iterable[Article | ReadFailure], extractor,
                    progress: ProgressFn | None = None, batch_size: int = 16,
                    stop: Callable[[], bool] | None = None,
                    keep_ids: bool = True) -> IngestSummary:
    """Ingest readers' output; known bodies are skipped before extraction.

    When `stop()` turns true (Ctrl-C), no further article is stored: the one
    being stored completes, extracted but unstored ones are left for a rerun.
    With `keep_ids=False` the summary counts new documents without listing their
    ids (`doc_ids` stays empty), so a long run's memory does not grow with it."""
    summary = IngestSummary()
    started = time.perf_counter()
    tell = progress or (lambda source, outcome: None)

    def fresh() -> Iterator[Article]:
        for item in items:
            if isinstance(item, ReadFailure):
                summary.failed.append((item.source, item.reason))
                tell(item.source, "failed")
                continue
            try:
                known = has_document_cached(item.id)
            except Exception as exc:  # pragma: no cover - store unreachable
                summary.failed.append((item.source, f"store error: {exc}"))
                tell(item.source, "failed")
                continue
            if known:
                def sight(article=item):
                    with engine.begin() as conn:
                        add_sighting(conn, article)
                _retrying(sight)
                summary.skipped += 1
                tell(item.source, "skipped")
                continue
            yield item

    seen_ids = RecentIds()

    def has_document_cached(doc_id: str) -> bool:
        if doc_id in seen_ids:
            return True
        with engine.connect() as conn:
            return has_document(conn, doc_id)

    for article, record in _safe_extract(extractor, fresh(), batch_size, summary, tell):
        if stop is not None and stop():
            break
        try:
            status, nfacts, nquotes = store_extracted(engine, article, record)
        except Exception as exc:
            summary.failed.append((article.source, f"store error: {str(exc).splitlines()[0]}"))
            tell(article.source, "failed")
            continue
        doc_id = article.id
        seen_ids.add(doc_id)
        if status is DocumentStatus.NEW:
            summary.new += 1
            summary.facts += nfacts
            summary.quotes += nquotes
            if keep_ids:
                summary.doc_ids.append(doc_id)
            tell(article.source, "new")
        else:
            summary.skipped += 1
            tell(article.source, "skipped")
    summary.seconds = time.perf_counter() - started
    return summary


def _safe_extract(extractor, articles: Iterator[Article], batch_size: int,
                  summary: IngestSummary, tell: ProgressFn) -> Iterator[tuple[Article, Record]]:
    """Extract in batches; if a batch fails, redo it one article at a time so
    one bad article never stops the others."""
    batch: list[Article] = []

    def run(group: list[Article]) -> Iterator[tuple[Article, Record]]:
        try:
            results = list(extractor.extract_many(group, batch_size=batch_size))
        except Exception:
            if len(group) == 1:
                summary.failed.append((group[0].source, "extraction failed"))
                tell(group[0].source, "failed")
                return
            for one in group:
                yield from run([one])
            return
        yield from results

    for article in articles:
        batch.append(article)
        if len(batch) >= batch_size:
            yield from run(batch)
            batch = []
    if batch:
        yield from run(batch)
