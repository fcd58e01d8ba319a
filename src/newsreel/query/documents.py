"""Documents in the store: listing and one document with its body."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Connection, func, select

from newsreel.store import schema


def list_documents(conn: Connection, limit: int = 100, offset: int = 0) -> list[dict[str, Any]]:
    d, ev, q = schema.documents, schema.evidence, schema.quotes
    nf = select(func.count(func.distinct(ev.c.fact_id))).where(ev.c.doc_id == d.c.id) \
        .scalar_subquery()
    nq = select(func.count()).where(q.c.doc_id == d.c.id).scalar_subquery()
    rows = conn.execute(select(d.c.id, d.c.title, d.c.source, d.c.outlet, d.c.published,
                               d.c.ingested_at, d.c.superseded_by, nf.label("facts"),
                               nq.label("quotes"))
                        .order_by(d.c.ingested_at, d.c.id).limit(limit).offset(offset))
    return [dict(r._mapping) for r in rows]


def get_document(conn: Connection, doc_id: str) -> dict[str, Any] | None:
    d = schema.documents
    if len(doc_id) < 64:
        rows = conn.execute(select(d).where(d.c.id.like(doc_id + "%")).limit(2)).all()
        if len(rows) != 1:
            return None
        row = rows[0]
    else:
        row = conn.execute(select(d).where(d.c.id == doc_id)).first()
    if row is None:
        return None
    out = dict(row._mapping)
    out["authors"] = json.loads(out["authors"])
    out["meta"] = json.loads(out["meta"])
    s = schema.sightings
    out["sightings"] = [dict(r._mapping) for r in conn.execute(
        select(s.c.source, s.c.outlet, s.c.url, s.c.published, s.c.seen_at)
        .where(s.c.doc_id == row.id).order_by(s.c.id))]
    return out
