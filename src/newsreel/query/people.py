"""A person's page: the works they are credited on and what they said."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, or_, select

from newsreel.query.dossier import facts_of
from newsreel.query.lookup import find
from newsreel.store import schema


def person(conn: Connection, name: str) -> dict[str, Any]:
    ent = find(conn, name, ("person",))
    f = schema.facts
    facts = facts_of(conn, or_(f.c.object_id == ent.id, f.c.subject_id == ent.id))
    q = schema.quotes
    quotes = [dict(r._mapping) for r in conn.execute(
        select(q.c.id, q.c.text, q.c.outlet, q.c.interviewer, q.c.doc_id, q.c.start, q.c.end)
        .where(q.c.speaker_id == ent.id).order_by(q.c.id))]
    return {"entity": {"id": ent.id, "name": ent.name, "type": ent.type},
            "credits": [x for x in facts if x["object_id"] == ent.id],
            "facts": [x for x in facts if x["object_id"] != ent.id],
            "quotes": quotes}
