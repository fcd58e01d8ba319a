"""Throughput benchmark: articles/s of bare spaCy, newsreel extract, ingest (SQLite,
PostgreSQL) and the Ray engine (1 and 2 workers) over one corpus, in one run.

    .venv/bin/python bench/throughput.py [--corpus DIR] [--json OUT] [--only NAME ...]
    .venv/bin/python bench/throughput.py --only --repeat 3  # bare vs extract, fastest of 3
    .venv/bin/python bench/throughput.py --profile     # cProfile of the extraction layer

Every rate is articles per second over the whole corpus, with its ratio to
bare spaCy (`nlp.pipe` of the model alone, `bare_nlp()`) at the same number
of processes. In-process rows time a warm pipeline (model loaded before the
clock starts); CLI rows time the whole command as a user runs it, startup
and model loading included. PostgreSQL is a throwaway server started here
(tests/pg.py); Ray starts in-process on this machine."""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import io
import json
import os
import pstats
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "bbc-entertainment"
CLI = [sys.executable, "-m", "newsreel"]
BATCH = 16


def articles_of(corpus: Path) -> list:
    from newsreel.sources import ReadFailure, read_inputs

    return [a for a in read_inputs([str(corpus)]) if not isinstance(a, ReadFailure)]


def cpu_now() -> float:
    """CPU seconds of this process and of its waited-for children (pool workers, CLIs)."""
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + kids.ru_utime + kids.ru_stime


LAST_CPU = {"s": 0.0}


def timed(fn) -> float:
    """Wall seconds of fn(); its CPU seconds are left in LAST_CPU."""
    cpu, start = cpu_now(), time.perf_counter()
    fn()
    wall = time.perf_counter() - start
    LAST_CPU["s"] = cpu_now() - cpu
    return wall


def run_cli(*args: str) -> tuple[float, dict | None]:
    cpu, start = cpu_now(), time.perf_counter()
    proc = subprocess.run([*CLI, *args], capture_output=True, text=True,
                          env=dict(os.environ, RAY_AUTH_MODE="disabled"))
    wall = time.perf_counter() - start
    LAST_CPU["s"] = cpu_now() - cpu
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(args[:2])} failed: {proc.stderr[-500:]}")
    try:
        return wall, json.loads(proc.stdout)
    except json.JSONDecodeError:
        return wall, None


def bench(corpus: Path, only: set[str] | None, repeat: int = 1) -> list[dict]:
    from newsreel.extract import Extractor
    from newsreel.extract.nlp import bare_nlp, load_nlp
    from newsreel.scale.local import extract_parallel

    arts = articles_of(corpus)
    n = len(arts)
    bodies = [a.body for a in arts]
    rows: list[dict] = []

    def want(name: str) -> bool:
        return only is None or name in only

    def add(name: str, procs: int, seconds: float, how: str, base: str,
            cpu: bool = True) -> None:
        cpu_s = LAST_CPU["s"] if cpu else None
        rows.append({"name": name, "processes": procs, "seconds": round(seconds, 2),
                     "articles_per_s": round(n / seconds, 2), "how": how, "base": base,
                     "cpu_seconds": round(cpu_s, 2) if cpu_s else None,
                     "articles_per_cpu_s": round(n / cpu_s, 2) if cpu_s else None})
        print(f"{name:<40} {n / seconds:8.2f} articles/s  ({seconds:.1f} s wall, "
              f"{cpu_s or float('nan'):.1f} s CPU)", file=sys.stderr)

    nlp = bare_nlp()
    list(nlp.pipe(bodies[:8]))  # warm up
    ex = Extractor(load_nlp())
    list(ex.extract_many(arts[:8]))
    # bare and extract alternate, `repeat` times each, and the fastest run of each
    # counts: on a shared machine the ratio then compares like with like
    runs: dict[str, list[tuple[float, float]]] = {"bare": [], "extract": []}
    for _ in range(repeat):
        runs["bare"].append((timed(lambda: list(nlp.pipe(bodies, batch_size=BATCH))),
                             LAST_CPU["s"]))
        runs["extract"].append((timed(lambda: list(ex.extract_many(arts, batch_size=BATCH))),
                                LAST_CPU["s"]))
    how = "in-process" if repeat == 1 else f"in-process, fastest of {repeat} alternating runs"
    for name, key in (("bare spaCy nlp.pipe", "bare"), ("newsreel extract (Extractor)",
                                                        "extract")):
        wall, LAST_CPU["s"] = min(runs[key])
        add(name, 1, wall, how, "bare1")
    if want("parallel"):
        add("bare spaCy nlp.pipe n_process=2", 2,
            timed(lambda: list(nlp.pipe(bodies, batch_size=BATCH, n_process=2))),
            "in-process, 2 processes (start included)", "bare2")
        add("extract_parallel workers=2", 2,
            timed(lambda: list(extract_parallel(arts, workers=2))),
            "in-process, 2 processes (start included)", "bare2")
    with contextlib.ExitStack() as stack:
        tmp = stack.enter_context(tempfile.TemporaryDirectory(prefix="nr-bench-"))
        server = None
        if want("pg"):
            sys.path.insert(0, str(ROOT / "tests"))
            from pg import TempPostgres

            server = stack.enter_context(TempPostgres())
        if want("cli"):
            wall, _ = run_cli("extract", str(corpus), "--format", "jsonl")
            add("newsreel extract (CLI)", 1, wall, "CLI wall time", "bare1")
            wall, _ = run_cli("extract", str(corpus), "--format", "jsonl", "--workers", "2")
            add("newsreel extract --workers 2 (CLI)", 2, wall, "CLI wall time", "bare2")
            wall, _ = run_cli("ingest", str(corpus), "--db", f"{tmp}/s.db", "--format", "json")
            add("newsreel ingest SQLite (CLI)", 1, wall, "CLI wall time", "bare1")
            SIZES["sqlite_bytes"] = sum(p.stat().st_size for p in Path(tmp).glob("s.db*"))
        if server is not None:
            url = server.create_database("bench")
            wall, _ = run_cli("ingest", str(corpus), "--db", url, "--format", "json")
            add("newsreel ingest PostgreSQL (CLI)", 1, wall, "CLI wall time", "bare1")
            SIZES["postgresql_bytes"] = pg_size(url)
        if want("ray"):
            for workers in (1, 2):
                wall, _ = run_cli("ingest", str(corpus), "--engine", "ray", "--workers",
                                  str(workers), "--db", f"{tmp}/ray{workers}.db",
                                  "--format", "json")
                add(f"ingest --engine ray --workers {workers} (CLI)", workers, wall,
                    "CLI wall time (Ray start included)", f"bare{min(workers, 2)}", cpu=False)
            wall, _ = run_cli("ingest", str(corpus), "--engine", "ray", "--workers", "2",
                              "--out", f"{tmp}/shards", "--format", "json")
            add("ingest --engine ray --workers 2 --out DIR (CLI)", 2, wall,
                "CLI wall time (Ray start included)", "bare2", cpu=False)
            SIZES["parquet_bytes"] = sum(p.stat().st_size
                                         for p in Path(tmp, "shards").glob("*.parquet"))
            wall, _ = run_cli("load", f"{tmp}/shards", "--db", f"{tmp}/loaded.db",
                              "--format", "json")
            add("newsreel load DIR into SQLite (CLI, store only)", 1, wall, "CLI wall time",
                "bare1")
            if server is not None:
                url = server.create_database("loaded")
                wall, _ = run_cli("load", f"{tmp}/shards", "--db", url, "--format", "json")
                add("newsreel load DIR into PostgreSQL (CLI, store only)", 1, wall,
                    "CLI wall time", "bare1")
            ray_in_process(corpus, tmp, add)
    bare = {r["base"]: r for r in rows if r["name"].startswith("bare spaCy")}
    bare.setdefault("bare2", bare["bare1"])
    for r in rows:
        b = bare[r["base"]]
        r["ratio_to_bare"] = round(r["articles_per_s"] / b["articles_per_s"], 3)
        r["cpu_ratio_to_bare"] = round(r["articles_per_cpu_s"] / b["articles_per_cpu_s"], 3) \
            if r["articles_per_cpu_s"] and b["articles_per_cpu_s"] else None
    return rows


SIZES: dict[str, int] = {}


def pg_size(url: str) -> int:
    """Bytes the database grew by over an empty one (PostgreSQL's fixed ~7 MiB excluded)."""
    import psycopg

    def size(u: str) -> int:
        with psycopg.connect(u) as conn:
            return conn.execute("SELECT pg_database_size(current_database())").fetchone()[0]

    empty = url.rsplit("/", 1)[0] + "/template1"
    return size(url) - size(empty)


def ray_in_process(corpus: Path, tmp: str, add) -> None:
    """The Ray engine with a runtime already up (as on a cluster), actors' start included."""
    from newsreel.scale.ray_engine import ingest_with_ray, start_ray

    temp = start_ray(None, num_cpus=3)
    try:
        for workers in (1, 2):
            db = f"{tmp}/rayin{workers}.db"
            seconds = timed(lambda w=workers, d=db: ingest_with_ray(
                [str(corpus)], db=d, workers=w, notes=[]))
            add(f"Ray engine workers={workers} (runtime up)", workers, seconds,
                "in-process, Ray already running", f"bare{min(workers, 2)}", cpu=False)
    finally:
        import ray

        ray.shutdown()
        if temp:
            import shutil

            shutil.rmtree(temp, ignore_errors=True)


def table(rows: list[dict], n: int, corpus: Path) -> str:
    out = [f"Corpus: {corpus.name} ({n} articles), {os.cpu_count()} CPUs.", "",
           "| run | processes | wall s | articles/s | ratio to bare | CPU s | "
           "articles/CPU-s | CPU ratio to bare | timing |",
           "|---|---:|---:|---:|---:|---:|---:|---:|---|"]
    for r in rows:
        cpu = r["cpu_seconds"] if r["cpu_seconds"] is not None else "n/a"
        per_cpu = r["articles_per_cpu_s"] if r["articles_per_cpu_s"] is not None else "n/a"
        ratio = f"{r['cpu_ratio_to_bare']:.2f}" if r["cpu_ratio_to_bare"] else "n/a"
        out.append(f"| {r['name']} | {r['processes']} | {r['seconds']} | "
                   f"{r['articles_per_s']} | {r['ratio_to_bare']:.2f} | {cpu} | {per_cpu} | "
                   f"{ratio} | {r['how']} |")
    return "\n".join(out)


def profile(corpus: Path, top: int = 25) -> str:
    """cProfile of Extractor.from_doc (the layer on top of spaCy) over the corpus."""
    from newsreel.extract import Extractor

    arts = articles_of(corpus)
    ex = Extractor()
    docs = list(ex.parse_many(arts))
    prof = cProfile.Profile()
    prof.enable()
    for article, doc in docs:
        ex.from_doc(article, doc)
    prof.disable()
    buf = io.StringIO()
    stats = pstats.Stats(prof, stream=buf).sort_stats("cumulative")
    stats.print_stats(r"newsreel", top)
    stats.sort_stats("tottime").print_stats(top)  # spaCy's own costs (Token, Doc.__getitem__)
    return buf.getvalue()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--json", type=Path, help="also write the rows as JSON here")
    ap.add_argument("--only", nargs="*", choices=["parallel", "cli", "pg", "ray"],
                    help="run the in-process rows plus only these groups")
    ap.add_argument("--repeat", type=int, default=1, metavar="N",
                    help="alternate bare spaCy and the Extractor N times, keep each's fastest")
    ap.add_argument("--profile", action="store_true", help="profile extraction and exit")
    args = ap.parse_args()
    if not args.corpus.is_dir():
        sys.exit(f"throughput: no corpus at {args.corpus}")
    if args.profile:
        print(profile(args.corpus))
        return
    rows = bench(args.corpus, set(args.only) if args.only is not None else None,
                 max(1, args.repeat))
    n = len(articles_of(args.corpus))
    print(table(rows, n, args.corpus))
    if SIZES:
        print("\nstore sizes: " + ", ".join(f"{k} {v / 2**20:.1f} MiB ({v // n:,} B/article)"
                                           for k, v in SIZES.items()))
    if args.json:
        args.json.write_text(json.dumps({"corpus": str(args.corpus), "articles": n,
                                         "cpus": os.cpu_count(), "rows": rows,
                                         "sizes": SIZES}, indent=2))


if __name__ == "__main__":
    main()
