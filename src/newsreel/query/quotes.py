"""Quotes across the store, filtered by speaker and outlet (fuzzy on names)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, select

from newsreel.names import name_key
from newsreel.store import schema


def list_quotes(conn: Connection, speaker: str | None = None, outlet: str | None = None,
                limit: int = 100, offset: int = 0) -> list[dict[str, Any]]:
    q, d = schema.quotes, schema.documents
    stmt = (select(q.c.id, q.c.speaker, q.c.text, q.c.outlet, q.c.interviewer, q.c.doc_id,
                   q.c.start, q.c.end, d.c.title, d.c.published)
            .join(d, d.c.id == q.c.doc_id).order_by(q.c.id))
    rows = [dict(r._mapping) for r in conn.execute(stmt)]
    if speaker:
        key = name_key(speaker)
        rows = [r for r in rows if key and (key == name_key(r["speaker"]) or
                                            key in name_key(r["speaker"]).split())]
    if outlet:
        key = name_key(outlet)
        rows = [r for r in rows if key and key in name_key(r["outlet"])]
    return rows[offset:offset + limit]
