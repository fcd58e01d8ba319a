"""A work's dossier: every fact about it with support, conflicts and quotes.

Evidence from superseded document versions (same URL, newer body) is left
out. Support counts articles (sightings) and distinct outlets."""

from __future__ import annotations

import json
from collections import defaultdict
from typing import Any

from sqlalchemy import Connection, func, select

from newsreel.query.lookup import find
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
            info["outlets"].add(row.outlet)
    for row in conn.execute(select(d.c.id, d.c.title, d.c.published, d.c.superseded_by)
                            .where(d.c.id.in_(doc_ids))):
        info = out.setdefault(row.id, {"sightings": [], "outlets": set()})
        info["title"], info["published"] = row.title, row.published
        info["superseded_by"] = row.superseded_by
    return out


def facts_of(conn: Connection, where, include_superseded: bool = False) -> list[dict[str, Any]]:
    """Facts matching a WHERE clause on `facts`, each with its evidence and support."""
    f, ev, e = schema.facts, schema.evidence, schema.entities
    subj = e.alias("subj")
    rows = conn.execute(
        select(f.c.id, f.c.relation, f.c.value, f.c.qualifiers, f.c.slot, f.c.subject_id,
               f.c.object_id, subj.c.name.label("subject"), subj.c.type.label("subject_type"))
        .join(subj, subj.c.id == f.c.subject_id).where(where).order_by(f.c.id)).all()
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
        conf = 1.0
        for x in items:
            conf *= 1.0 - x.confidence
        out.append({
            "id": r.id, "subject": r.subject, "subject_type": r.subject_type,
            "relation": r.relation, "object": r.value, "object_id": r.object_id,
            "qualifiers": json.loads(r.qualifiers), "slot": r.slot,
            "articles": articles, "outlets": sorted(outlets), "confidence": round(1 - conf, 3),
            "evidence": [{"id": x.id, "doc_id": x.doc_id, "start": x.start, "end": x.end,
                          "text": x.text, "confidence": x.confidence,
                          "published": support[x.doc_id].get("published"),
                          "outlets": sorted(support[x.doc_id]["outlets"]),
                          "title": support[x.doc_id].get("title")} for x in items],
        })
    return out


def conflicts_in(facts: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Slots with more than one value, each side with its sources."""
    by_slot = defaultdict(list)
    for fact in facts:
        if fact["slot"]:
            by_slot[fact["slot"]].append(fact)
    out = []
    for slot, group in by_slot.items():
        values = {g["object"].casefold() for g in group}
        if len(values) > 1:
            out.append({"slot": slot, "relation": group[0]["relation"],
                        "subject": group[0]["subject"],
                        "qualifiers": {k: v for k, v in group[0]["qualifiers"].items()
                                       if k in ("region", "release_type", "character",
                                                "period")},
                        "values": [{"value": g["object"], "fact_id": g["id"],
                                    "articles": g["articles"], "outlets": g["outlets"],
                                    "first_reported": min((e["published"] or "")
                                                          for e in g["evidence"]) or None}
                                   for g in group]})
    return out


def dossier(conn: Connection, title: str) -> dict[str, Any]:
    ent = find(conn, title, WORK_TYPES)
    f = schema.facts
    facts = facts_of(conn, f.c.subject_id == ent.id)
    people_ids = {x["object_id"] for x in facts if x["object_id"]}
    q = schema.quotes
    quotes = []
    if people_ids:
        for r in conn.execute(select(q.c.id, q.c.speaker, q.c.text, q.c.outlet, q.c.interviewer,
                                     q.c.doc_id, q.c.start, q.c.end)
                              .where(q.c.speaker_id.in_(people_ids)).order_by(q.c.id)):
            quotes.append(dict(r._mapping))
    sections: dict[str, list[dict[str, Any]]] = {}
    for rel, _label in SECTIONS:
        items = [x for x in facts if x["relation"] == rel]
        if items:
            sections[rel] = items
    m = schema.mentions
    n_docs = conn.execute(select(func.count(func.distinct(m.c.doc_id)))
                          .where(m.c.entity_id == ent.id)).scalar_one()
    return {"entity": {"id": ent.id, "name": ent.name, "type": ent.type},
            "documents": n_docs, "facts": sections, "conflicts": conflicts_in(facts),
            "quotes": quotes}
