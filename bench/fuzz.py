"""Fuzz run: N generated hostile inputs through the readers, the extractor and
the ingest path into a fresh SQLite store; reports crashes and seconds.

    .venv/bin/python bench/fuzz.py [--n 10000] [--seed 0] [--db PATH] [--json]

A crash is any exception escaping a reader, an article whose extraction
raised ("extraction failed"), a store error, or a record with an invalid
offset (evidence text != body[start:end], a mention or quote outside the
body). Read failures (empty, binary, invalid JSON ...) are the expected
answer to bad input and are counted separately. The run ends with
`newsreel check` on the store. Exit 1 when there was any crash.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
import traceback
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "tests")]

from hostile_gen import generate, hostile_text, long_line  # noqa: E402
from newsreel.extract import Extractor  # noqa: E402
from newsreel.ingest import ingest_articles  # noqa: E402
from newsreel.model import Article  # noqa: E402
from newsreel.sources import ReadFailure  # noqa: E402
from newsreel.sources.dispatch import read_bytes_as  # noqa: E402
from newsreel.store import open_engine  # noqa: E402
from newsreel.store.integrity import check_store  # noqa: E402


def offset_errors(article, record) -> list[str]:
    body, n, bad = article.body, len(article.body), []
    for ent in record.entities:
        bad += [f"mention {ent.name!r} {s}:{e}" for s, e in ent.mentions
                if not (0 <= s < e <= n)]
    for f in record.facts:
        ev = f.evidence
        if not (0 <= ev.start <= ev.end <= n) or body[ev.start:ev.end] != ev.text:
            bad.append(f"evidence {f.relation} {ev.start}:{ev.end}")
    bad += [f"quote {q.start}:{q.end}" for q in record.quotes if not (0 <= q.start < q.end <= n)]
    return bad


class CheckingExtractor:
    """The real extractor, checking every record it hands to the ingest path."""

    def __init__(self, inner: Extractor, problems: list[str]) -> None:
        self.inner, self.problems = inner, problems

    def extract_many(self, articles, batch_size: int = 16):
        for article, record in self.inner.extract_many(articles, batch_size=batch_size):
            for p in offset_errors(article, record):
                self.problems.append(f"{article.source}: {p}")
            yield article, record


def inputs(n: int, seed: int):
    for i in range(n):
        rng = random.Random(seed * 1_000_003 + i)
        if i % 1000 == 999:  # now and then one 2-MB line
            yield i, "text", ("Long\n\n" + long_line(rng, 1_999_000)).encode()
        elif i % 4 == 3:  # straight to the extractor, control characters and all
            yield i, "article", hostile_text(rng).encode("utf-8", "surrogatepass")
        else:
            yield i, *generate(rng)


def run(n: int, seed: int, db: str) -> dict:
    started = time.perf_counter()
    reader_crashes: list[str] = []
    problems: list[str] = []
    kinds: Counter[str] = Counter()
    read_failures = 0

    def items():
        nonlocal read_failures
        for i, kind, data in inputs(n, seed):
            kinds[kind] += 1
            if kind == "article":
                body = data.decode("utf-8", "surrogatepass")
                if body.strip():
                    yield Article(body=body, source=f"fuzz-{i}")
                continue
            try:
                for item in read_bytes_as(data, f"fuzz-{i}.{kind}", kind, 2_000_000):
                    read_failures += isinstance(item, ReadFailure)
                    yield item
            except Exception:  # a reader let an exception out: a crash
                reader_crashes.append(f"input {i}: {traceback.format_exc(limit=3)}")

    load = time.perf_counter()
    extractor = CheckingExtractor(Extractor(), problems)
    load = time.perf_counter() - load
    engine = open_engine(db)
    ingest_crash = None
    try:
        summary = ingest_articles(engine, items(), extractor, batch_size=16)
    except Exception:
        ingest_crash = traceback.format_exc(limit=5)
        summary = None
    seconds = time.perf_counter() - started
    failed = Counter()
    crashes_in_ingest = []
    if summary is not None:
        for source, reason in summary.failed:
            if reason == "extraction failed" or reason.startswith("store error"):
                crashes_in_ingest.append(f"{source}: {reason}")
            failed[reason.split(" (")[0][:60]] += 1
    report = check_store(engine)
    engine.dispose()
    crashes = len(reader_crashes) + len(problems) + len(crashes_in_ingest) + \
        (1 if ingest_crash else 0) + (0 if report.ok else 1)
    return {
        "inputs": n, "seed": seed, "kinds": dict(kinds), "crashes": crashes,
        "reader_crashes": reader_crashes[:5], "offset_errors": problems[:5],
        "ingest_crashes": crashes_in_ingest[:5], "ingest_exception": ingest_crash,
        "articles_new": summary.new if summary else None,
        "articles_skipped": summary.skipped if summary else None,
        "read_failures": read_failures, "failure_reasons": dict(failed.most_common(12)),
        "facts": summary.facts if summary else None,
        "store_check_ok": report.ok, "store_counts": report.counts,
        "seconds": round(seconds, 1), "model_load_seconds": round(load, 1),
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--db", help="SQLite file (default: a temporary one)")
    ap.add_argument("--json", action="store_true", help="print the whole report as JSON")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        result = run(args.n, args.seed, args.db or str(Path(tmp) / "fuzz.db"))
    if args.json:
        print(json.dumps(result, indent=2, ensure_ascii=False))
    else:
        print(f"fuzz: {result['inputs']:,} inputs ({result['kinds']}), "
              f"{result['crashes']} crashes, {result['read_failures']:,} read failures, "
              f"{result['articles_new']:,} articles stored, check "
              f"{'clean' if result['store_check_ok'] else 'FAILED'}, "
              f"{result['seconds']} s")
        for key in ("reader_crashes", "offset_errors", "ingest_crashes"):
            for line in result[key]:
                print(f"  {key}: {line}")
        if result["ingest_exception"]:
            print(result["ingest_exception"])
    return 1 if result["crashes"] else 0


if __name__ == "__main__":
    raise SystemExit(main())
