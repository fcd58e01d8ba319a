"""Load on the web server: a store of N synthetic articles written AS ROWS (no
extraction), `newsreel serve` on 127.0.0.1 in its own process, then a bounded
number of requests to the dossier and search endpoints from a few client
threads. Prints p50/p95/p99 latency per endpoint (milliseconds) as a table
and, with --json, as JSON.

    .venv/bin/python bench/serve_load.py [--articles 10000] [--requests 400]
        [--threads 2] [--db PATH] [--json OUT]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import date, timedelta
from pathlib import Path

import httpx
from sqlalchemy import insert

from newsreel.names import name_key
from newsreel.store import open_engine, schema
from newsreel.store.db import now

FIRST = ["Mara", "Teodoro", "Ilse", "Casimir", "Noor", "Hugo", "Priya", "Bastian", "Odile",
         "Desmond", "Celeste", "Winifred", "Anselm", "Perpetua", "Dashiell", "Ottilie",
         "Rafferty", "Sunniva", "Leopold", "Marisol"]
LAST = ["Carter", "Bennett", "Hughes", "Morales", "Novak", "Okafor", "Lindqvist", "Moreau",
        "Tanaka", "Fischer", "Romano", "Walsh", "Ashdown", "Quell", "Brandvold", "Tern",
        "Haugland", "Vellacourt", "Oyelaran", "Pettigrew"]
WORDS = ["Lantern", "Orchard", "Harbour", "Glasshouse", "Meridian", "Copper", "Winter",
         "Saltmarsh", "Raven", "Atlas", "Parish", "Crown", "Signal", "Tide", "Ember", "Quarry",
         "Bells", "Juror", "Wolves", "Keeper"]
OUTLETS = ["Screenline", "Backlot Bulletin", "The Marquee Report", "Film Ledger",
           "Casting Call Report", "Screen Almanac", "Reel Review", "Nordic Reel"]
REGIONS = ["US", "GB", "FR", "DE", "JP", "CA"]


def build(path: Path, n: int, seed: int = 7) -> dict[str, int]:
    """Write n synthetic articles with entities, mentions, facts, evidence, quotes."""
    rng = random.Random(seed)
    engine = open_engine(str(path))
    n_films, n_people = max(10, n // 3), max(20, n // 5)
    stamp = now()
    films = []
    seen_titles: set[str] = set()
    while len(films) < n_films:
        t = f"The {rng.choice(WORDS)} {rng.choice(WORDS)}"
        if len(seen_titles) > 300:
            t += f" {len(films)}"
        if t not in seen_titles:
            seen_titles.add(t)
            films.append(t)
    people = sorted({f"{a} {b}" for a in FIRST for b in LAST})
    while len(people) < n_people:
        people.append(f"{rng.choice(FIRST)} {rng.choice(LAST)}-{len(people)}")
    people = people[:n_people]
    ent_rows = [{"id": i + 1, "type": "film", "name": t, "key": name_key(t),
                 "created_at": stamp} for i, t in enumerate(films)]
    base = len(ent_rows)
    ent_rows += [{"id": base + i + 1, "type": "person", "name": p, "key": name_key(p),
                  "created_at": stamp} for i, p in enumerate(people)]
    film_id = {t: i + 1 for i, t in enumerate(films)}
    person_id = {p: base + i + 1 for i, p in enumerate(people)}
    docs, sights, mentions, facts, evidence, quotes = [], [], [], [], [], []
    fact_ids: dict[str, int] = {}
    film_director = {t: rng.choice(people) for t in films}

    def fact(sid: int, rel: str, value: str, oid: int | None, q: dict, slot: str | None,
             doc_id: str, start: int, end: int, text: str) -> None:
        key = f"{sid}|{rel}|{name_key(value)}|{json.dumps(q, sort_keys=True)}"
        if key not in fact_ids:
            fact_ids[key] = len(fact_ids) + 1
            facts.append({"id": fact_ids[key], "key": key, "subject_id": sid, "relation": rel,
                          "object_id": oid, "value": value,
                          "qualifiers": json.dumps(q, sort_keys=True), "slot": slot,
                          "created_at": stamp})
        evidence.append({"fact_id": fact_ids[key], "doc_id": doc_id, "start": start,
                         "end": end, "text": text, "confidence": 0.8,
                         "qualifiers": json.dumps(q, sort_keys=True)})

    for i in range(n):
        film = films[i % n_films] if i < n_films else rng.choice(films)
        director, actor = film_director[film], rng.choice(people)
        character = f"{rng.choice(FIRST)} {rng.choice(WORDS)}"
        region = rng.choice(REGIONS)
        when = date(2025, 1, 1) + timedelta(days=rng.randrange(700))
        published = (when - timedelta(days=rng.randrange(30, 200))).isoformat()
        outlet = rng.choice(OUTLETS)
        s1 = (f"{film}, directed by {director}, opens in {region} on "
              f"{when.strftime('%B')} {when.day}, {when.year}, the studio said (story {i}).")
        s2 = f"{actor} stars in {film} as {character}."
        s3 = f"\u201cIt is a film about keeping count,\u201d {director} said."
        filler = " ".join(rng.choice(WORDS).lower() for _ in range(120))
        body = f"{s1}\n\n{s2}\n\n{s3}\n\n{filler}.\n"
        doc_id = hashlib.sha256(body.encode()).hexdigest()
        docs.append({"id": doc_id, "body": body, "title": f"{film}: story {i}",
                     "published": published, "outlet": outlet, "url": None,
                     "source": f"synthetic:{i}", "authors": "[]", "language": "en",
                     "meta": "{}", "ingested_at": stamp})
        sights.append({"doc_id": doc_id, "source": f"synthetic:{i}", "outlet": outlet,
                       "url": None, "published": published, "seen_at": stamp})
        fid, did, aid = film_id[film], person_id[director], person_id[actor]
        o2 = len(s1) + 2
        o3 = o2 + len(s2) + 2
        for eid, name, off in ((fid, film, 0), (did, director, s1.index(director)),
                               (aid, actor, o2), (fid, film, o2 + s2.index(film)),
                               (did, director, o3 + s3.index(director))):
            mentions.append({"doc_id": doc_id, "entity_id": eid, "start": off,
                             "end": off + len(name)})
        fact(fid, "director", director, did, {}, None, doc_id, 0, len(s1), s1)
        fact(fid, "release_date", when.isoformat(), None,
             {"region": region, "release_type": "theatrical"},
             f"{fid}|release_date|{region}|theatrical", doc_id, 0, len(s1), s1)
        fact(fid, "cast_member", actor, aid, {"character": character},
             f"{fid}|cast_member|{name_key(character)}", doc_id, o2, o2 + len(s2), s2)
        quotes.append({"doc_id": doc_id, "speaker_id": did, "speaker": director,
                       "text": "It is a film about keeping count,", "start": o3,
                       "end": o3 + len(s3), "outlet": outlet, "interviewer": None})
    with engine.begin() as conn:
        for table, rows in ((schema.entities, ent_rows), (schema.documents, docs),
                            (schema.sightings, sights), (schema.mentions, mentions),
                            (schema.facts, facts), (schema.evidence, evidence),
                            (schema.quotes, quotes)):
            for k in range(0, len(rows), 5000):
                conn.execute(insert(table), rows[k:k + 5000])
    engine.dispose()
    return {"articles": n, "films": n_films, "people": n_people, "facts": len(facts),
            "evidence": len(evidence), "mentions": len(mentions)}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1))))
    return ordered[k]


def run_load(base: str, targets: dict[str, list[str]], per_endpoint: int, threads: int,
             ) -> dict[str, dict[str, float]]:
    results: dict[str, dict[str, float]] = {}
    for name, paths in targets.items():
        times: list[float] = []
        errors = [0]
        lock = threading.Lock()
        jobs = [paths[i % len(paths)] for i in range(per_endpoint)]

        def worker(my_jobs: list[str], times=times, errors=errors, lock=lock) -> None:
            with httpx.Client(base_url=base, timeout=30) as c:
                for path in my_jobs:
                    t0 = time.perf_counter()
                    r = c.get(path)
                    dt = (time.perf_counter() - t0) * 1000
                    with lock:
                        times.append(dt)
                        if r.status_code != 200:
                            errors[0] += 1
        with httpx.Client(base_url=base, timeout=30) as warm:
            for path in paths[:3]:
                warm.get(path)
        started = time.perf_counter()
        pool = [threading.Thread(target=worker, args=(jobs[k::threads],))
                for k in range(threads)]
        for t in pool:
            t.start()
        for t in pool:
            t.join()
        wall = time.perf_counter() - started
        results[name] = {"requests": len(times), "errors": errors[0],
                         "p50_ms": round(statistics.median(times), 1),
                         "p95_ms": round(percentile(times, 95), 1),
                         "p99_ms": round(percentile(times, 99), 1),
                         "max_ms": round(max(times), 1),
                         "req_per_s": round(len(times) / wall, 1)}
    return results


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=10_000)
    ap.add_argument("--requests", type=int, default=400, help="per endpoint")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--db", help="reuse or create this SQLite file")
    ap.add_argument("--json", help="write the results here")
    args = ap.parse_args()
    tmp = tempfile.mkdtemp(prefix="newsreel-serve-load-")
    path = Path(args.db) if args.db else Path(tmp) / "load.db"
    info: dict = {}
    if not path.exists():
        t0 = time.perf_counter()
        info = build(path, args.articles)
        info["build_seconds"] = round(time.perf_counter() - t0, 1)
        print(f"built {path}: {info}", file=sys.stderr)
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k != "NEWSREEL_TOKEN"}
    proc = subprocess.Popen([sys.executable, "-m", "newsreel", "serve", "--db", str(path),
                             "--port", str(port)], env=env, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                httpx.get(base + "/api", timeout=2)
                break
            except httpx.TransportError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    print("server did not start", file=sys.stderr)
                    return 1
                time.sleep(0.2)
        rng = random.Random(1)
        with httpx.Client(base_url=base, timeout=30) as c:
            works = c.get("/api/works", params={"limit": 200}).json()["items"]
        ids = [w["id"] for w in works]
        rng.shuffle(ids)
        terms = ["lantern", "glasshouse orchard", "the copper", "Mara Quell", "harbor",
                 "raven tide", "Priya Tanaka", "winter", "ember crown", "Odile"]
        targets = {
            "GET /api/works/{id} (dossier JSON)": [f"/api/works/{i}" for i in ids[:50]],
            "GET /film/{id} (dossier HTML)": [f"/film/{i}" for i in ids[:50]],
            "GET /api/search?q=": [f"/api/search?q={t}" for t in terms],
            "GET /api/autocomplete?q=": [f"/api/autocomplete?q={t[:4]}" for t in terms],
        }
        results = run_load(base, targets, args.requests, args.threads)
    finally:
        proc.terminate()
        proc.wait(20)
    out = {"store": info or {"db": str(path)}, "threads": args.threads,
           "requests_per_endpoint": args.requests, "results": results}
    print(f"{'endpoint':40} {'n':>5} {'err':>4} {'p50':>8} {'p95':>8} {'p99':>8} {'req/s':>7}")
    for name, r in results.items():
        print(f"{name:40} {r['requests']:5d} {r['errors']:4d} {r['p50_ms']:8.1f} "
              f"{r['p95_ms']:8.1f} {r['p99_ms']:8.1f} {r['req_per_s']:7.1f}")
    if args.json:
        Path(args.json).write_text(json.dumps(out, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
