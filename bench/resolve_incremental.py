"""Incremental resolution: the cost of merging one article does not grow with the store.

    .venv/bin/python bench/resolve_incremental.py [--sizes 1000,10000,100000]
        [--probe 200] [--db PATH] [--json OUT]

Builds a synthetic SQLite store by inserting ROWS (documents, sightings,
entities, aliases, surname keys, mentions, facts, evidence, the works each
person is known with, entity counts, stories), not by extracting: per
article one film (each film reported by two articles), four people drawn
from a pool that grows with the store (a few thousand surnames, so a
surname has ~10 candidates at 100k), a company. At each size it merges
`--probe` new articles through the real ingest path (`store_extracted`),
each naming an already-known film, two known people by full name, one by
surname only, one new person and a company, and reports per-article time
(median, p95) and SQL statements. Then, at the largest size, the same for
articles with 5-80 entities, to show the cost follows the article. Finally
the query plans of the resolver's lookups (all indexed).
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import tempfile
import time
from pathlib import Path

from sqlalchemy import event, func, select, text

from newsreel.ingest import store_extracted
from newsreel.model import Article, Entity, Evidence, Fact, Record
from newsreel.names import name_key
from newsreel.store import open_engine, schema

SURNAMES = 4000
CHUNK = 20_000
T0 = "2026-01-01T00:00:00.000000Z"


def surname(i: int) -> str:
    return f"Surn{i % SURNAMES:04d}ley"


def person_name(p: int) -> str:
    return f"Given{p // SURNAMES} {surname(p)}"


def film_name(f: int) -> str:
    return f"The Synthetic Picture {f}"


class Builder:
    """Appends synthetic rows for articles [done, n)."""

    def __init__(self, engine) -> None:
        self.engine = engine
        self.done = 0
        self.ids = {"entity": 0, "fact": 0, "story": 0}
        self.people_made = 0
        self.films_made = 0
        self.story_of_film: dict[int, int] = {}

    def _entity(self, rows: list, etype: str, name: str) -> int:
        self.ids["entity"] += 1
        rows.append({"id": self.ids["entity"], "type": etype, "name": name,
                     "key": name_key(name), "created_at": T0})
        return self.ids["entity"]

    def _sync(self) -> None:
        """Probes add rows too: continue after the highest ids."""
        with self.engine.connect() as conn:
            for key, table in (("entity", schema.entities), ("fact", schema.facts),
                               ("story", schema.stories)):
                self.ids[key] = conn.execute(select(func.max(table.c.id))).scalar() or 0

    def grow(self, n: int) -> None:
        self._sync()
        rng = random.Random(n)
        t = {k: [] for k in ("documents", "sightings", "entities", "entity_keys", "aliases",
                             "mentions", "facts", "evidence", "entity_works", "entity_stats",
                             "stories", "story_docs", "story_terms")}
        if not hasattr(self, "film_ids"):
            self.film_ids: list[int] = []
            self.person_ids: list[int] = []
            self.org_ids = [self._entity(t["entities"], "organization", f"Synthwave Pictures {k}")
                            for k in range(50)]
        stats: dict[int, int] = {}
        for i in range(self.done, n):
            doc = f"{i:064x}"
            t["documents"].append({"id": doc, "body": f"synthetic article {i}", "title": None,
                                   "published": f"2025-{1 + i % 12:02d}-{1 + i % 28:02d}",
                                   "outlet": f"Outlet {i % 40}", "url": None,
                                   "source": f"synth:{i}", "authors": "[]", "language": "en",
                                   "meta": "{}", "ingested_at": T0})
            t["sightings"].append({"doc_id": doc, "source": f"synth:{i}",
                                   "outlet": f"Outlet {i % 40}", "published": None,
                                   "seen_at": T0})
            if i % 2 == 0:  # a new film every other article
                fid = self._entity(t["entities"], "film", film_name(self.films_made))
                self.films_made += 1
                self.film_ids.append(fid)
                self.ids["story"] += 1
                sid = self.ids["story"]
                self.story_of_film[fid] = sid
                t["stories"].append({"id": sid, "main_entity_id": fid, "first_date": None,
                                     "last_date": None, "created_at": T0})
            else:
                fid = self.film_ids[-1]
            while self.people_made < max(400, n // 5):  # the pool grows with the store
                pid = self._entity(t["entities"], "person", person_name(self.people_made))
                t["entity_keys"].append({"entity_id": pid, "type": "person", "kind": "surname",
                                         "key": name_key(surname(self.people_made))})
                self.people_made += 1
                self.person_ids.append(pid)
            people = rng.sample(self.person_ids, 4)
            org = rng.choice(self.org_ids)
            for k, eid in enumerate([fid, *people, org]):
                t["mentions"].append({"doc_id": doc, "entity_id": eid, "start": k * 10,
                                      "end": k * 10 + 5})
                stats[eid] = stats.get(eid, 0) + 1
            story = self.story_of_film[fid]
            t["story_docs"].append({"doc_id": doc, "story_id": story, "score": 3.0})
            for eid in [fid, *people]:
                t["story_terms"].append({"story_id": story, "entity_id": eid, "weight": 1.0})
            for rel, obj in (("director", people[0]), ("cast_member", people[1]),
                             ("cast_member", people[2]), ("distributor", org)):
                self.ids["fact"] += 1
                t["facts"].append({"id": self.ids["fact"],
                                   "key": f"{fid}|{rel}|entity {obj}|{i}",
                                   "subject_id": fid, "relation": rel, "object_id": obj,
                                   "value": "x", "qualifiers": "{}", "slot": None,
                                   "created_at": T0})
                t["evidence"].append({"fact_id": self.ids["fact"], "doc_id": doc, "start": 0,
                                      "end": 5, "text": "synth", "confidence": 0.8,
                                      "qualifiers": "{}"})
            for p in people:
                t["entity_works"].append({"entity_id": p, "work_id": fid, "docs": 1})
        self.done = n
        with self.engine.begin() as conn:
            for name, rows in t.items():
                table = schema.metadata.tables[name]
                if name in ("entity_works", "story_terms"):
                    rows = list({(r["entity_id"], r.get("work_id", r.get("story_id"))): r
                                 for r in rows}.values())
                for k in range(0, len(rows), CHUNK):
                    stmt = table.insert()
                    if name in ("entity_works", "story_terms", "mentions"):
                        stmt = stmt.prefix_with("OR IGNORE")
                    conn.execute(stmt, rows[k:k + CHUNK])
            s = schema.entity_stats
            conn.execute(s.insert().prefix_with("OR IGNORE"),
                         [{"entity_id": e, "docs": 0} for e in stats])
            for e, c in stats.items():
                conn.execute(s.update().where(s.c.entity_id == e).values(docs=s.c.docs + c))


def probe_article(b: Builder, k: int, extra: int = 0) -> tuple[Article, Record]:
    """A new article about a known film: two known people by full name, one by
    surname alone, a new person, a company; `extra` more people and films."""
    rng = random.Random(10_000_000 + k)
    film = film_name(rng.randrange(b.films_made))
    known = [person_name(p) for p in rng.sample(range(b.people_made), 3)]
    new_person = f"Newface{k} Probe{k}"
    names = [film, known[0], known[1], surname(rng.randrange(b.people_made)), new_person]
    body = f"Probe {k}. " + ". ".join(names) + "."
    ents = [Entity(film, "film", [], []), *[Entity(n, "person", [], []) for n in names[1:]],
            Entity("Synthwave Pictures 3", "organization", [], [])]
    for j in range(extra):
        if j % 4 == 0:
            ents.append(Entity(f"Other Picture {k}-{j}", "film", [], []))
        else:
            ents.append(Entity(person_name(rng.randrange(b.people_made)), "person", [], []))
    ev = Evidence(0, len(body), body)
    facts = [Fact(film, "director", known[0], ev, {}, 0.8, "film"),
             Fact(film, "cast_member", known[1], ev, {"character": f"Role {k}"}, 0.8, "film"),
             Fact(film, "release_date", "2026-05-01", ev, {"region": "US"}, 0.8, "film")]
    a = Article(body=body, source=f"probe:{k}:{extra}", published="2026-02-01",
                outlet="Probe Daily")
    return a, Record(a.doc_dict(), ents, facts)


def measure(engine, b: Builder, n: int, extra: int = 0, start: int = 0) -> dict:
    counter = {"n": 0}

    def count(*_a, **_k):
        counter["n"] += 1
    event.listen(engine, "before_cursor_execute", count)
    times, stmts = [], []
    try:
        for k in range(start, start + n):
            a, r = probe_article(b, k, extra)
            counter["n"] = 0
            t0 = time.perf_counter()
            store_extracted(engine, a, r)
            times.append((time.perf_counter() - t0) * 1000)
            stmts.append(counter["n"])
    finally:
        event.remove(engine, "before_cursor_execute", count)
    times.sort()
    return {"entities": len(probe_article(b, start, extra)[1].entities),
            "median_ms": round(statistics.median(times), 2),
            "p95_ms": round(times[int(0.95 * (len(times) - 1))], 2),
            "statements": round(statistics.mean(stmts), 1)}


PLANS = {
    "entity by key": "SELECT id FROM entities WHERE type='person' AND key='x'",
    "alias by key": "SELECT entity_id FROM aliases WHERE key='x'",
    "alias type": "SELECT id FROM entities WHERE id IN (1, 2) AND type='person'",
    "surname key": "SELECT entity_id FROM entity_keys WHERE type='person' AND kind='surname' "
                   "AND key='x'",
    "shared works": "SELECT entity_id, work_id FROM entity_works WHERE entity_id IN (1,2) "
                    "AND work_id IN (3)",
    "fact by key": "SELECT id FROM facts WHERE key='x'",
    "story terms": "SELECT story_id, entity_id FROM story_terms WHERE entity_id IN (1,2)",
    "corrections": "SELECT target_key FROM corrections WHERE kind='merge' AND etype='person' "
                   "AND key='x'",
}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default="1000,10000,100000")
    ap.add_argument("--probe", type=int, default=200)
    ap.add_argument("--db")
    ap.add_argument("--json")
    args = ap.parse_args()
    db = args.db or str(Path(tempfile.mkdtemp()) / "bench.db")
    engine = open_engine(db)
    b = Builder(engine)
    results = {"sizes": [], "entities": [], "plans": {}}
    probes = 0
    for size in [int(x) for x in args.sizes.split(",")]:
        t0 = time.perf_counter()
        b.grow(size)
        built = time.perf_counter() - t0
        m = measure(engine, b, args.probe, start=probes)
        probes += args.probe
        with engine.connect() as conn:
            m["entities_in_store"] = conn.execute(select(func.count()).select_from(
                schema.entities)).scalar_one()
        m.update({"articles": size, "build_s": round(built, 1)})
        results["sizes"].append(m)
        print(f"store {size:>7} articles ({m['entities_in_store']:>7} entities, built in "
              f"{built:5.1f} s): {m['median_ms']:6.2f} ms median, {m['p95_ms']:6.2f} ms p95, "
              f"{m['statements']:5.1f} statements per article", flush=True)
    for extra in (0, 10, 30, 75):
        m = measure(engine, b, max(20, args.probe // 4), extra=extra, start=probes)
        probes += max(20, args.probe // 4)
        results["entities"].append(m)
        print(f"article with {m['entities']:>3} entities: {m['median_ms']:6.2f} ms median, "
              f"{m['statements']:6.1f} statements", flush=True)
    with engine.connect() as conn:
        for label, sql in PLANS.items():
            plan = " / ".join(r[-1] for r in conn.execute(text("EXPLAIN QUERY PLAN " + sql)))
            results["plans"][label] = plan
            print(f"plan {label:14}: {plan}")
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
