"""A work's timeline: what was reported when, and by whom.

One entry per reporting article (dated by its published date, else the day
it was ingested), oldest first, listing the facts it stated about the work.
Each fact is marked `new` (first report), `repeated` (corroborates an
earlier report), or on single-valued slots `moved` (a new value replacing
the current one) / `disputed` (a different value the same day). Earlier
versions of a document (same URL, older body) are included and marked."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection

from newsreel.query.conflicts import analyze_slots
from newsreel.query.dossier import WORK_TYPES, facts_of
from newsreel.query.lookup import find
from newsreel.store import schema


def timeline(conn: Connection, title: str) -> dict[str, Any]:
    ent = find(conn, title, WORK_TYPES)
    facts = facts_of(conn, schema.facts.c.subject_id == ent.id, include_superseded=True)
    slot_events: dict[tuple[int, str], str] = {}
    slots = analyze_slots(facts)
    for a in slots:
        for ev in a["history"]:
            slot_events[(ev["fact_id"], ev["doc_id"])] = ev["event"]
    reports: dict[str, dict[str, Any]] = {}
    seen_fact: set[int] = set()
    rows = []
    for fact in facts:
        for ev in fact["evidence"]:
            rows.append((ev.get("reported") or "", ev["doc_id"], fact, ev))
    rows.sort(key=lambda r: (r[0], r[1], r[2]["id"]))
    for when, doc_id, fact, ev in rows:
        entry = reports.setdefault(doc_id, {
            "date": when or None, "date_source": ev.get("date_source"), "doc_id": doc_id,
            "title": ev.get("title"), "outlets": ev.get("outlets") or [],
            "superseded_version": ev.get("superseded_version", False), "facts": []})
        if any(x["fact_id"] == fact["id"] for x in entry["facts"]):
            continue
        kind = slot_events.get((fact["id"], doc_id))
        if kind in (None, "first", "confirmed"):
            kind = "repeated" if fact["id"] in seen_fact else "new"
        seen_fact.add(fact["id"])
        entry["facts"].append({"fact_id": fact["id"], "relation": fact["relation"],
                               "value": fact["object"], "qualifiers": ev.get("qualifiers")
                               or fact["qualifiers"], "event": kind,
                               "evidence": ev["text"]})
    ordered = sorted(reports.values(), key=lambda r: (r["date"] or "", r["doc_id"]))
    return {"entity": {"id": ent.id, "name": ent.name, "type": ent.type},
            "reports": ordered,
            "slots": [{k: a[k] for k in ("slot", "relation", "qualifiers", "status", "current",
                                         "summary")} for a in slots]}
