"""Extraction in several local processes (`newsreel extract --workers N`).

A `multiprocessing` pool whose workers each load the spaCy pipeline once (in
the pool initializer) and extract chunks of articles with `nlp.pipe`.
Results come back in input order; at most a few chunks per worker are in
flight, so a long input stream is not buffered whole. A chunk that fails is
redone one article at a time, and an article that still fails is reported
(`on_error`, stderr by default) and left out: one bad article never stops
the others."""

from __future__ import annotations

import multiprocessing as mp
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator

from newsreel.model import Article, Record

CHUNK = 8  # articles per task: large enough for nlp.pipe batching, small for balance
IN_FLIGHT_PER_WORKER = 3

_extractor = None  # the worker's Extractor, loaded once by _init


def _init(min_confidence: float) -> None:
    global _extractor
    from newsreel.extract import Extractor

    _extractor = Extractor(min_confidence=min_confidence)


def _work(chunk: list[Article]) -> list[tuple[Record | None, str | None]]:
    assert _extractor is not None
    try:
        return [(rec, None) for _a, rec in _extractor.extract_many(chunk, batch_size=CHUNK)]
    except Exception:  # redo one by one so only the bad article is lost
        out: list[tuple[Record | None, str | None]] = []
        for article in chunk:
            try:
                out.append((_extractor.extract(article), None))
            except Exception as exc:
                out.append((None, f"extraction failed ({type(exc).__name__}: {exc})"[:300]))
        return out


def _report(article: Article, reason: str) -> None:
    sys.stderr.write(f"newsreel: {article.source}: {reason}\n")


def _chunks(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    chunk: list[Article] = []
    for article in articles:
        chunk.append(article)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _context() -> mp.context.BaseContext:
    methods = mp.get_all_start_methods()
    return mp.get_context("fork" if "fork" in methods else "spawn")


def extract_parallel(articles: Iterable[Article], workers: int, min_confidence: float = 0.0,
                     on_error: Callable[[Article, str], None] | None = None,
                     chunk_size: int = CHUNK) -> Iterator[tuple[Article, Record]]:
    """Yield (article, record) in input order, extracted by `workers` processes."""
    if workers < 1:
        raise ValueError("workers must be at least 1")
    report = on_error or _report
    pending: deque = deque()

    def drain_one() -> Iterator[tuple[Article, Record]]:
        chunk, result = pending.popleft()
        for article, (record, error) in zip(chunk, result.get(), strict=True):
            if record is None:
                report(article, error or "extraction failed")
            else:
                yield article, record

    with _context().Pool(workers, initializer=_init, initargs=(min_confidence,)) as pool:
        for chunk in _chunks(articles, chunk_size):
            pending.append((chunk, pool.apply_async(_work, (chunk,))))
            if len(pending) >= workers * IN_FLIGHT_PER_WORKER:
                yield from drain_one()
        while pending:
            yield from drain_one()
