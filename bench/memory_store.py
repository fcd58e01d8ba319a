"""Memory of the store/resolve path alone, in process (how the growth was located).

    .venv/bin/python bench/memory_store.py [--n 9000] [--step 1000] [--templates 300]

Extracts `--templates` synthetic articles (bench/synth.py) once, then stores
`--n` articles through `ingest_articles` with records made from those
templates by giving the film a new number (so every document and film is
new, the people recur), and prints after every `--step` articles: the
process's RSS (psutil), SQLite's own allocations (`sqlite3_memory_used`, when
the system libsqlite3 is the one loaded), the memory of the statements the
connection holds prepared (the `sqlite_stmt` table) and the Python heap
(tracemalloc, with --trace; slow). Then the largest prepared statements.
Extraction is out of the picture, so what grows here grows in the store path."""

from __future__ import annotations

import argparse
import ctypes
import json
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Iterator
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from newsreel.extract import Extractor  # noqa: E402
from newsreel.ingest import ingest_articles  # noqa: E402
from newsreel.model import Article, Record  # noqa: E402
from newsreel.sources.jsonl import parse_record  # noqa: E402
from newsreel.store import open_engine  # noqa: E402
from synth import article  # noqa: E402

FIRST = 1000  # template numbers and film numbers have four digits: spans stay valid


def _sqlite_used() -> float | None:
    try:
        lib = ctypes.CDLL("libsqlite3.so.0")
    except OSError:
        return None
    lib.sqlite3_memory_used.restype = ctypes.c_int64
    return lib.sqlite3_memory_used() / 2**20


def templates(n: int) -> list[tuple[dict, dict]]:
    raws = [article(i) for i in range(FIRST, FIRST + n)]
    arts = [parse_record(r, f"synth:{i}") for i, r in enumerate(raws)]
    return [(raw, rec.to_dict()) for raw, (_a, rec) in
            zip(raws, Extractor().extract_many(arts, batch_size=8), strict=True)]


def stream(tpl: list[tuple[dict, dict]], n: int) -> Iterator[tuple[Article, Record]]:
    for k in range(n):
        raw, rec = tpl[k % len(tpl)]
        old = raw["title"].removesuffix(" sets release date")
        new = f"{old.rsplit(' ', 1)[0]} {FIRST + k}"
        a = parse_record(json.loads(json.dumps(raw).replace(old, new)), f"synth:{k}")
        d = json.loads(json.dumps(rec).replace(old, new))
        d["doc"] = a.doc_dict()
        yield a, Record.from_dict(d)


class Replay:
    """An extractor that hands back the prepared records, in order."""

    def __init__(self, pairs: Iterator[tuple[Article, Record]]) -> None:
        self.pairs = pairs

    def extract_many(self, articles, batch_size: int = 16):
        for a in articles:
            got, rec = next(self.pairs)
            assert got.id == a.id
            yield a, rec


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=9000)
    ap.add_argument("--step", type=int, default=1000)
    ap.add_argument("--templates", type=int, default=300)
    ap.add_argument("--trace", action="store_true")
    args = ap.parse_args()
    if not 0 < args.n <= 9000 or not 0 < args.templates <= args.n:
        raise SystemExit("--n at most 9000 (four-digit film numbers), --templates <= --n")
    tpl = templates(args.templates)
    with tempfile.TemporaryDirectory(prefix="nr-memstore-") as tmp:
        engine = open_engine(str(Path(tmp) / "store.db"))

        def stmt_rows() -> list[tuple[str, int]]:
            raw = engine.raw_connection()
            try:
                return raw.driver_connection.execute("SELECT sql, mem FROM sqlite_stmt").fetchall()
            finally:
                raw.close()

        proc, done, started = psutil.Process(), [0], time.perf_counter()
        if args.trace:
            tracemalloc.start()

        def progress(_source: str, _outcome: str) -> None:
            done[0] += 1
            if done[0] % args.step:
                return
            used = _sqlite_used()
            line = (f"{done[0]:>6} articles  rss {proc.memory_info().rss / 2**20:7.1f} MiB"
                    f"  prepared statements {sum(m for _s, m in stmt_rows()) / 2**20:5.2f} MiB")
            if used is not None:
                line += f"  sqlite total {used:5.2f} MiB"
            if args.trace:
                line += f"  python heap {tracemalloc.get_traced_memory()[0] / 2**20:6.1f} MiB"
            print(line + f"  {time.perf_counter() - started:5.0f} s", flush=True)

        summary = ingest_articles(engine, (a for a, _r in stream(tpl, args.n)),
                                  Replay(stream(tpl, args.n)), progress=progress,
                                  batch_size=8, keep_ids=False)
        print(f"new {summary.new}, failed {len(summary.failed)}")
        print("largest prepared statements (bytes, parameters, start of the SQL):")
        for sql, mem in sorted(stmt_rows(), key=lambda r: -r[1])[:5]:
            print(f"  {mem:>7} {sql.count('?'):>4}  {' '.join(sql.split())[:90]}")
        engine.dispose()


if __name__ == "__main__":
    main()
