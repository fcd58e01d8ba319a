"""Merging one article's extraction record into the store's entities and facts."""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlalchemy import Connection, select

from newsreel.model import RELATIONS, Record
from newsreel.resolve.entities import entity_id
from newsreel.resolve.keys import fact_key, fact_slot
from newsreel.store import schema
from newsreel.store.db import now
from newsreel.store.upsert import insert_ignore

ENTITY_OBJECTS = {"person", "work", "organization", "festival", "award"}


@dataclass
class MergeCounts:
    entities: int = 0
    facts: int = 0
    quotes: int = 0


def _object_type(relation: str, declared: str | None) -> str | None:
    kind = RELATIONS.get(relation, (None, "text"))[1]
    if kind not in ENTITY_OBJECTS:
        return None
    return declared or kind


def merge_record(conn: Connection, doc_id: str, record: Record) -> MergeCounts:
    counts = MergeCounts()
    types = {}
    for ent in record.entities:
        eid = entity_id(conn, ent.type, ent.name, ent.aliases)
        types[ent.name] = ent.type
        counts.entities += 1
        insert_ignore(conn, schema.mentions, [
            {"doc_id": doc_id, "entity_id": eid, "start": s, "end": e}
            for s, e in ent.mentions])
    for fact in record.facts:
        stype = fact.subject_type or types.get(fact.subject) or "film"
        sid = entity_id(conn, stype, fact.subject)
        otype = _object_type(fact.relation, fact.object_type or types.get(fact.object))
        oid = entity_id(conn, otype, fact.object) if otype else None
        q = {k: v for k, v in fact.qualifiers.items() if v is not None}
        key = fact_key(sid, fact.relation, fact.object, q)
        f = schema.facts
        row = conn.execute(select(f.c.id, f.c.qualifiers).where(f.c.key == key)).first()
        if row is None:
            insert_ignore(conn, f, {
                "key": key, "subject_id": sid, "relation": fact.relation, "object_id": oid,
                "value": fact.object, "qualifiers": json.dumps(q, sort_keys=True),
                "slot": fact_slot(sid, fact.relation, fact.object, q), "created_at": now(),
            })
            row = conn.execute(select(f.c.id, f.c.qualifiers).where(f.c.key == key)).first()
        else:  # fill qualifiers the earlier articles did not give
            merged = json.loads(row.qualifiers)
            extra = {k: v for k, v in q.items() if k not in merged}
            if extra:
                merged.update(extra)
                conn.execute(f.update().where(f.c.id == row.id).values(
                    qualifiers=json.dumps(merged, sort_keys=True)))
        ev = fact.evidence
        insert_ignore(conn, schema.evidence, {
            "fact_id": row.id, "doc_id": doc_id, "start": ev.start, "end": ev.end,
            "text": ev.text, "confidence": fact.confidence,
            "qualifiers": json.dumps(q, sort_keys=True)})
        counts.facts += 1
    for quote in record.quotes:
        sid = entity_id(conn, quote.speaker_type or "person", quote.speaker) \
            if quote.speaker else None
        counts.quotes += insert_ignore(conn, schema.quotes, {
            "doc_id": doc_id, "speaker_id": sid, "speaker": quote.speaker, "text": quote.text,
            "start": quote.start, "end": quote.end, "outlet": quote.outlet,
            "interviewer": quote.interviewer})
    return counts
