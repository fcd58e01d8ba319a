"""Export benchmark: peak RSS and throughput of `newsreel export --all` by store size.

    .venv/bin/python bench/export_memory.py [--sizes 10000 100000] [--formats ...] [--json OUT]

Each store is synthesized as rows (CONTRACTS.md 6: not extracted): per
article one document with a sighting, a film, a director and two actors
from a pool of a few thousand people (with characters), a genre, a release
date with region and a distributor, so ~6 facts and ~6 evidence spans per
article; people recur across articles. Each format is exported by the CLI in
its own process to a file; the peak resident set size is the kernel's
`ru_maxrss` of that child. The bar: the peak at the largest size is within
10% of the peak at the smallest (memory does not grow with the store)."""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FORMATS = ["jsonld", "turtle", "quickstatements", "csv", "jsonl"]
MEASURE = r"""
import resource, subprocess, sys, time
t = time.perf_counter()
rc = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode
print(rc, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, time.perf_counter() - t)
"""
STAMP = "2026-01-01T00:00:00.000000Z"


def synthesize(path: Path, n: int, seed: int = 0) -> int:
    """A store of `n` articles as rows; returns the number of facts."""
    sys.path.insert(0, str(ROOT / "src"))
    from newsreel.store import open_engine

    open_engine(str(path)).dispose()  # the schema
    rng = random.Random(seed)
    con = sqlite3.connect(path)
    con.execute("PRAGMA synchronous=OFF")
    people = [f"Person {i:05d}" for i in range(3000)]
    ents: list[tuple] = [(i + 1, "person", p, p.lower(), STAMP) for i, p in enumerate(people)]
    ents += [(len(ents) + 1, "organization", "Northgate Pictures", "northgate pictures", STAMP)]
    dist_id = len(ents)
    docs, sights, facts, evs = [], [], [], []
    fid = 0
    eid = len(ents)
    for i in range(n):
        body = f"Film {i} is a drama directed by someone; it opens on a date. Story {i}."
        doc = hashlib.sha256(body.encode()).hexdigest()
        url = f"https://synthetic.example/{i}"
        docs.append((doc, body, f"Film {i} dated", "2025-06-01", "Trade Daily", url, url,
                     "[]", "en", "{}", STAMP))
        sights.append((doc, url, "Trade Daily", url, "2025-06-01", STAMP))
        eid += 1
        film = eid
        ents.append((film, "film", f"Film {i}", f"film {i}", STAMP))
        d, a1, a2 = rng.sample(range(1, 3001), 3)
        rows = [("director", d, people[d - 1], "{}"),
                ("cast_member", a1, people[a1 - 1], json.dumps({"character": "Nell"})),
                ("cast_member", a2, people[a2 - 1], "{}"),
                ("genre", None, "drama", "{}"),
                ("release_date", None, "2026-03-06",
                 json.dumps({"region": "US", "release_type": "theatrical"})),
                ("distributor", dist_id, "Northgate Pictures", "{}")]
        for rel, obj, value, q in rows:
            fid += 1
            facts.append((fid, f"{film}|{rel}|{value}", film, rel, obj, value, q, None, STAMP))
            evs.append((fid, doc, 0, 20, body[:20], 0.9, q))
    con.executemany("INSERT INTO entities (id, type, name, key, created_at) VALUES "
                    "(?, ?, ?, ?, ?)", ents)
    con.executemany("INSERT INTO documents (id, body, title, published, outlet, url, source, "
                    "authors, language, meta, ingested_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                    docs)
    con.executemany("INSERT INTO sightings (doc_id, source, outlet, url, published, seen_at) "
                    "VALUES (?,?,?,?,?,?)", sights)
    con.executemany("INSERT INTO facts (id, key, subject_id, relation, object_id, value, "
                    "qualifiers, slot, created_at) VALUES (?,?,?,?,?,?,?,?,?)", facts)
    con.executemany('INSERT INTO evidence (fact_id, doc_id, start, "end", text, confidence, '
                    "qualifiers) VALUES (?,?,?,?,?,?,?)", evs)
    con.commit()
    con.close()
    return fid


def measure(db: Path, fmt: str, out: Path) -> tuple[int, float]:
    cmd = [sys.executable, "-m", "newsreel", "export", "--all", "--format", fmt,
           "--db", str(db), "-o", str(out)]
    res = subprocess.run([sys.executable, "-c", MEASURE, *cmd], capture_output=True,
                         text=True, cwd=ROOT, check=True)
    rc, kb, secs = res.stdout.split()
    if rc != "0":
        raise SystemExit(f"export {fmt} failed with {rc}")
    return int(kb), float(secs)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    ap.add_argument("--formats", nargs="+", default=FORMATS)
    ap.add_argument("--json", help="write the results here too")
    opts = ap.parse_args()
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in opts.sizes:
            db = Path(tmp) / f"store-{n}.db"
            t = time.perf_counter()
            nfacts = synthesize(db, n)
            print(f"{n} articles, {nfacts} facts synthesized in {time.perf_counter() - t:.1f} s",
                  file=sys.stderr)
            for fmt in opts.formats:
                out = Path(tmp) / f"out-{n}.{fmt}"
                kb, secs = measure(db, fmt, out)
                size = out.stat().st_size
                out.unlink()
                row = {"articles": n, "facts": nfacts, "format": fmt, "peak_rss_mb":
                       round(kb / 1024, 1), "seconds": round(secs, 1),
                       "facts_per_second": round(nfacts / secs), "output_mb":
                       round(size / 2**20, 1)}
                results.append(row)
                print(json.dumps(row), flush=True)
            db.unlink()
    by_fmt: dict[str, list[dict]] = {}
    for r in results:
        by_fmt.setdefault(r["format"], []).append(r)
    ok = True
    for fmt, rows in by_fmt.items():
        lo, hi = rows[0]["peak_rss_mb"], rows[-1]["peak_rss_mb"]
        growth = hi / lo - 1
        ok &= growth <= 0.10
        print(f"{fmt}: peak {lo} MB at {rows[0]['articles']} -> {hi} MB at "
              f"{rows[-1]['articles']} articles ({growth:+.1%})", file=sys.stderr)
    if opts.json:
        Path(opts.json).write_text(json.dumps(results, indent=2))
    raise SystemExit(0 if ok else 1)


if __name__ == "__main__":
    main()
