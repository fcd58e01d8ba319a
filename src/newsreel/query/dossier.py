"""A work's dossier: every fact about it with support, conflicts and quotes.

Evidence from superseded document versions (same URL, newer body) is left
out. Support counts articles (sightings) and distinct outlets (spelled as the
gazetteer spells them, so "EW" and "Entertainment Weekly" are one outlet). A
fact's confidence combines its documents by noisy-or (each document counts
once, with its most confident span). On single-valued slots (release date,
box office, recast, premiere: resolve/keys.py) the newer report supersedes
the older: `facts` shows the current value, `superseded` the older ones,
`history` every slot that changed, and `conflicts` only the disagreements
no newer report settles (query/conflicts.py)."""

from __future__ import annotations

import json
from collections import defaultdict
from typing import Any

from sqlalchemy import Connection, func, select

from newsreel.query.conflicts import analyze_slots
from newsreel.query.lookup import find
from newsreel.resolve.namekeys import canonical_outlet
from newsreel.store import schema

WORK_TYPES = ("film", "tv_series", "work")
SECTIONS = [
    ("director", "Directors"), ("screenwriter", "Writers"), ("producer", "Producers"),
    ("composer", "Composers"), ("cast_member", "Cast"), ("voice_actor", "Voice cast"),
    ("genre", "Genre"), ("release_date", "Release dates"), ("premiere", "Premieres"),
    ("screened_at", "Screenings"), ("nominated_for", "Nominations"),
    ("award_received", "Awards"), ("distributor", "Distributors"),
    ("production_company", "Production companies"), ("box_office", "Box office"),
    ("based_on", "Based on"), ("author", "Authors"), ("narrative_location", "Set in"),
]


def _doc_support(conn: Connection, doc_ids: set[str]) -> dict[str, dict[str, Any]]:
    """doc id -> {articles: sightings, outlets: set, published, source}."""
    if not doc_ids:
        return {}
    s, d = schema.sightings, schema.documents
    out: dict[str, dict[str, Any]] = {}
    for row in conn.execute(select(s.c.doc_id, s.c.source, s.c.outlet, s.c.published, s.c.url)
                            .where(s.c.doc_id.in_(doc_ids))):
        info = out.setdefault(row.doc_id, {"sightings": [], "outlets": set()})
        info["sightings"].append({"source": row.source, "outlet": row.outlet,
                                  "published": row.published, "url": row.url})
        if row.outlet:
            info["outlets"].add(canonical_outlet(row.outlet))
    for row in conn.execute(select(d.c.id, d.c.title, d.c.published, d.c.superseded_by,
                                   d.c.ingested_at, d.c.outlet)
                            .where(d.c.id.in_(doc_ids))):
        info = out.setdefault(row.id, {"sightings": [], "outlets": set()})
        info["title"], info["published"] = row.title, row.published
        if not info["outlets"] and row.outlet:
            info["outlets"].add(canonical_outlet(row.outlet))
        info["superseded_by"] = row.superseded_by
        info["ingested_at"] = row.ingested_at
        dated = row.published or min((x["published"] for x in info["sightings"]
                                      if x["published"]), default=None)
        info["reported"] = (dated or row.ingested_at or "")[:10] or None
        info["date_source"] = "published" if dated else "ingested"
    return out


def facts_of(conn: Connection, where, include_superseded: bool = False) -> list[dict[str, Any]]:
    """Facts matching a WHERE clause on `facts`, each with its evidence and support."""
    f, ev, e = schema.facts, schema.evidence, schema.entities
    subj, obj = e.alias("subj"), e.alias("obj")
    rows = conn.execute(
        select(f.c.id, f.c.relation, f.c.value, f.c.qualifiers, f.c.slot, f.c.subject_id,
               f.c.object_id, subj.c.name.label("subject"), subj.c.type.label("subject_type"),
               obj.c.name.label("object_name"), obj.c.type.label("object_type"))
        .join(subj, subj.c.id == f.c.subject_id)
        .outerjoin(obj, obj.c.id == f.c.object_id).where(where).order_by(f.c.id)).all()
    if not rows:
        return []
    ids = [r.id for r in rows]
    evs = defaultdict(list)
    for r in conn.execute(select(ev.c.fact_id, ev.c.doc_id, ev.c.start, ev.c.end, ev.c.text,
                                 ev.c.confidence, ev.c.qualifiers, ev.c.id)
                          .where(ev.c.fact_id.in_(ids)).order_by(ev.c.id)):
        evs[r.fact_id].append(r)
    support = _doc_support(conn, {r.doc_id for rs in evs.values() for r in rs})
    out = []
    for r in rows:
        items = [x for x in evs.get(r.id, [])
                 if include_superseded or not support.get(x.doc_id, {}).get("superseded_by")]
        if not items:
            continue
        docs = {x.doc_id for x in items}
        outlets = set().union(*(support[d]["outlets"] for d in docs))
        articles = sum(len(support[d]["sightings"]) or 1 for d in docs)
        best: dict[str, float] = {}  # each document counts once, by its best span
        for x in items:
            best[x.doc_id] = max(best.get(x.doc_id, 0.0), x.confidence)
        conf = 1.0
        for c in best.values():
            conf *= 1.0 - c
        dates = [support[d].get("reported") for d in docs if support[d].get("reported")]
        out.append({
            "id": r.id, "subject": r.subject, "subject_type": r.subject_type,
            "subject_id": r.subject_id, "relation": r.relation,
            "object": r.object_name or r.value,
            "object_id": r.object_id, "object_type": r.object_type, "stated": r.value,
            "qualifiers": json.loads(r.qualifiers), "slot": r.slot,
            "articles": articles, "documents": len(docs), "outlets": sorted(outlets),
            "corroboration": len(outlets), "confidence": round(1 - conf, 3),
            "first_reported": min(dates, default=None), "last_reported": max(dates, default=None),
            "evidence": [{"id": x.id, "doc_id": x.doc_id, "start": x.start, "end": x.end,
                          "text": x.text, "confidence": x.confidence,
                          "qualifiers": json.loads(x.qualifiers),
                          "published": support[x.doc_id].get("published"),
                          "reported": support[x.doc_id].get("reported"),
                          "date_source": support[x.doc_id].get("date_source"),
                          "superseded_version": bool(support[x.doc_id].get("superseded_by")),
                          "outlets": sorted(support[x.doc_id]["outlets"]),
                          "title": support[x.doc_id].get("title")} for x in items],
        })
    return out


def conflicts_in(facts: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Single-valued slots whose values disagree and that no newer report
    settles, each side with its sources (query/conflicts.py)."""
    return [a for a in analyze_slots(facts) if a["status"] == "conflict"]


def dossier(conn: Connection, title: str) -> dict[str, Any]:
    ent = find(conn, title, WORK_TYPES)
    f = schema.facts
    facts = facts_of(conn, f.c.subject_id == ent.id)
    slots = analyze_slots(facts)
    status = {}
    for a in slots:
        for v in a["values"]:
            status[v["fact_id"]] = v["status"]
    superseded = []
    for x in facts:
        if x["slot"]:
            x["status"] = status.get(x["id"], "current")
        if x.get("status") == "superseded":
            superseded.append(x)
    current = [x for x in facts if x.get("status") != "superseded"]
    people_ids = {x["object_id"] for x in current if x["object_id"]}
    q = schema.quotes
    quotes = []
    if people_ids:
        sp = schema.entities
        for r in conn.execute(select(q.c.id, q.c.speaker, q.c.text, q.c.outlet, q.c.interviewer,
                                     q.c.doc_id, q.c.start, q.c.end, q.c.speaker_id,
                                     sp.c.name.label("speaker_name"))
                              .join(sp, sp.c.id == q.c.speaker_id)
                              .where(q.c.speaker_id.in_(people_ids)).order_by(q.c.id)):
            item = dict(r._mapping)
            item["speaker_as_written"] = item["speaker"]
            item["speaker"] = item.pop("speaker_name")  # the resolved person's name
            quotes.append(item)
    sections: dict[str, list[dict[str, Any]]] = {}
    for rel, _label in SECTIONS:
        items = [x for x in current if x["relation"] == rel]
        if items:
            sections[rel] = items
    m = schema.mentions
    n_docs = conn.execute(select(func.count(func.distinct(m.c.doc_id)))
                          .where(m.c.entity_id == ent.id)).scalar_one()
    outlets = sorted(set().union(*(set(x["outlets"]) for x in facts))) if facts else []
    return {"entity": {"id": ent.id, "name": ent.name, "type": ent.type},
            "documents": n_docs, "facts": sections,
            "conflicts": [a for a in slots if a["status"] == "conflict"],
            "history": [a for a in slots if a["status"] in ("superseded", "conflict")],
            "superseded": superseded,
            "support": {"facts": len(current), "outlets": outlets,
                        "corroborated": sum(1 for x in current if x["corroboration"] > 1)},
            "quotes": quotes}
