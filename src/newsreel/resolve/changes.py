"""What one ingested article changed in the store's dossiers.

`record_changes(conn, doc_id)` runs inside the ingest transaction right after
`merge_record` and computes, from the store alone, what the document added:

- ``new_fact``: a fact whose first evidence is this document
  (``new_nomination`` / ``new_award`` for nominations and awards);
- ``date_moved``: a release date in a slot (work, region, release type) that
  already held another date, reported by an article at least as new as the
  ones behind the old date (``recast`` for the actor of a character,
  ``value_changed`` for box office and premieres);
- ``new_conflict``: a different value in such a slot from an article that is
  not newer (so nothing settles the disagreement);
- ``new_quote``: a quote not already stored from another document.

Each change has a unique key, so the same change is never recorded twice
(a re-poll or a second sighting of a known body adds nothing).
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Connection, func, or_, select

from newsreel.names import name_key
from newsreel.store import schema
from newsreel.store.db import now
from newsreel.store.upsert import insert_ignore

MOVE_KIND = {"release_date": "date_moved", "cast_member": "recast", "voice_actor": "recast"}
FACT_KIND = {"nominated_for": "new_nomination", "award_received": "new_award"}
KINDS = ("new_fact", "new_nomination", "new_award", "date_moved", "recast", "value_changed",
         "new_conflict", "new_quote")


def _doc_info(conn: Connection, doc_id: str) -> dict[str, Any]:
    d = schema.documents
    row = conn.execute(select(d.c.title, d.c.published, d.c.url, d.c.source, d.c.outlet)
                       .where(d.c.id == doc_id)).first()
    return dict(row._mapping) if row else {}


def _published_of(conn: Connection, fact_ids: list[int], doc_id: str) -> dict[int, list[str]]:
    """fact id -> published dates of the other documents behind it (superseded
    versions count only when this document is their new version)."""
    ev, d = schema.evidence, schema.documents
    out: dict[int, list[str]] = {}
    rows = conn.execute(
        select(ev.c.fact_id, d.c.published).join(d, d.c.id == ev.c.doc_id)
        .where(ev.c.fact_id.in_(fact_ids), ev.c.doc_id != doc_id,
               or_(d.c.superseded_by.is_(None), d.c.superseded_by == doc_id)))
    for r in rows:
        out.setdefault(r.fact_id, []).append(r.published or "")
    return out


def _fact_changes(conn: Connection, doc_id: str, info: dict[str, Any]) -> list[dict[str, Any]]:
    f, ev, e = schema.facts, schema.evidence, schema.entities
    mine = conn.execute(
        select(ev.c.fact_id, func.min(ev.c.id).label("first"))
        .where(ev.c.doc_id == doc_id).group_by(ev.c.fact_id)).all()
    if not mine:
        return []
    ids = [r.fact_id for r in mine]
    firsts = dict(conn.execute(select(ev.c.fact_id, func.min(ev.c.id))
                               .where(ev.c.fact_id.in_(ids)).group_by(ev.c.fact_id)).all())
    new_ids = [r.fact_id for r in mine if firsts.get(r.fact_id) == r.first]
    if not new_ids:
        return []
    rows = conn.execute(
        select(f.c.id, f.c.relation, f.c.value, f.c.qualifiers, f.c.slot, f.c.subject_id,
               e.c.name.label("subject"))
        .join(e, e.c.id == f.c.subject_id).where(f.c.id.in_(new_ids)).order_by(f.c.id)).all()
    texts = dict(conn.execute(select(ev.c.fact_id, ev.c.text).where(
        ev.c.doc_id == doc_id, ev.c.fact_id.in_(new_ids)).order_by(ev.c.id.desc())).all())
    mine_pub = info.get("published") or ""
    out = []
    for r in rows:
        quals = json.loads(r.qualifiers)
        kind = FACT_KIND.get(r.relation, "new_fact")
        previous = prev_id = None
        if r.slot:
            others = [o for o in conn.execute(
                select(f.c.id, f.c.value).where(f.c.slot == r.slot, f.c.id != r.id))
                if name_key(o.value) != name_key(r.value)]
            dates = _published_of(conn, [o.id for o in others], doc_id) if others else {}
            others = [o for o in others if o.id in dates]  # still backed by a document
            if others:
                newest = max(others, key=lambda o: (max(dates[o.id]), o.id))
                previous, prev_id = newest.value, newest.id
                older = all(p <= mine_pub for p in dates[newest.id]) and bool(mine_pub)
                if older:
                    kind = MOVE_KIND.get(r.relation, "value_changed")
                else:
                    kind = "new_conflict"
        key = f"{kind}|{r.id}" + (f"|{prev_id}" if prev_id else "")
        out.append({
            "key": key, "kind": kind, "doc_id": doc_id, "subject_id": r.subject_id,
            "subject": r.subject, "relation": r.relation, "fact_id": r.id, "quote_id": None,
            "value": r.value, "previous": previous,
            "detail": {"qualifiers": quals, "evidence": texts.get(r.id),
                       "previous_fact_id": prev_id},
        })
    return out


def _main_work(conn: Connection, doc_id: str) -> tuple[int | None, str | None]:
    """The work this document is most about (most facts, else most mentions)."""
    f, ev, e, m = schema.facts, schema.evidence, schema.entities, schema.mentions
    row = conn.execute(
        select(e.c.id, e.c.name).select_from(ev).join(f, f.c.id == ev.c.fact_id)
        .join(e, e.c.id == f.c.subject_id)
        .where(ev.c.doc_id == doc_id, e.c.type.in_(("film", "tv_series", "work")))
        .group_by(e.c.id, e.c.name).order_by(func.count().desc(), e.c.id).limit(1)).first()
    if row is None:
        row = conn.execute(
            select(e.c.id, e.c.name).select_from(m).join(e, e.c.id == m.c.entity_id)
            .where(m.c.doc_id == doc_id, e.c.type.in_(("film", "tv_series", "work")))
            .group_by(e.c.id, e.c.name).order_by(func.count().desc(), e.c.id).limit(1)).first()
    return (row.id, row.name) if row else (None, None)


def _quote_changes(conn: Connection, doc_id: str) -> list[dict[str, Any]]:
    q = schema.quotes
    rows = conn.execute(select(q.c.id, q.c.speaker, q.c.speaker_id, q.c.text, q.c.outlet)
                        .where(q.c.doc_id == doc_id).order_by(q.c.id)).all()
    if not rows:
        return []
    wid, wname = _main_work(conn, doc_id)
    out = []
    for r in rows:
        # the same words by the same speaker from another document: not new
        # (looked up through the speaker index, never a scan of all quotes)
        if r.speaker_id is not None and conn.execute(select(q.c.id).where(
                q.c.speaker_id == r.speaker_id, q.c.doc_id != doc_id, q.c.text == r.text,
                q.c.id < r.id).limit(1)).first() is not None:
            continue
        out.append({
            "key": f"new_quote|{r.id}", "kind": "new_quote", "doc_id": doc_id,
            "subject_id": wid, "subject": wname, "relation": None, "fact_id": None,
            "quote_id": r.id, "value": r.text, "previous": None,
            "detail": {"speaker": r.speaker, "outlet": r.outlet},
        })
    return out


def record_changes(conn: Connection, doc_id: str) -> list[dict[str, Any]]:
    """Record (and return) the changes document `doc_id` brought to the store."""
    info = _doc_info(conn, doc_id)
    stamp = now()
    out = []
    for change in _fact_changes(conn, doc_id, info) + _quote_changes(conn, doc_id):
        change["detail"]["source"] = {k: info.get(k) for k in ("title", "url", "source",
                                                               "outlet")}
        row = dict(change, detail=json.dumps(change["detail"], ensure_ascii=False,
                                             sort_keys=True),
                   published=info.get("published"), created_at=stamp)
        if insert_ignore(conn, schema.changes, row):
            out.append(dict(change, published=info.get("published"), created_at=stamp))
    return out


def list_changes(conn: Connection, since: str | None = None, subject_ids: list[int] | None = None,
                 doc_ids: list[str] | None = None, after_id: int | None = None,
                 limit: int | None = None, ids: list[int] | None = None,
                 ) -> list[dict[str, Any]]:
    """Stored changes, oldest first; `since` compares with the time recorded
    (ISO date or datetime prefix)."""
    c = schema.changes
    stmt = select(c).order_by(c.c.id)
    if since:
        stmt = stmt.where(c.c.created_at >= since)
    if subject_ids is not None:
        stmt = stmt.where(c.c.subject_id.in_(subject_ids))
    if doc_ids is not None:
        stmt = stmt.where(c.c.doc_id.in_(doc_ids))
    if after_id is not None:
        stmt = stmt.where(c.c.id > after_id)
    if ids is not None:
        stmt = stmt.where(c.c.id.in_(ids))
    if limit:
        stmt = stmt.limit(limit)
    out = []
    for r in conn.execute(stmt):
        d = dict(r._mapping)
        d["detail"] = json.loads(d["detail"] or "{}")
        out.append(d)
    return out


def describe(change: dict[str, Any]) -> str:
    """One line for people: what changed, where, and from which article."""
    detail = change.get("detail") or {}
    q = detail.get("qualifiers") or {}
    where = ", ".join(str(q[k]) for k in ("region", "release_type", "character", "category",
                                          "for_work") if q.get(k))
    where = f" ({where})" if where else ""
    subject = change.get("subject") or "?"
    rel = (change.get("relation") or "").replace("_", " ")
    kind = change["kind"]
    if kind == "new_quote":
        return f"{kind}: {detail.get('speaker') or '?'} on {subject}: \"{change['value']}\""
    if change.get("previous"):
        arrow = "->" if kind != "new_conflict" else "vs"
        return f"{kind}: {subject} {rel}{where}: {change['previous']} {arrow} {change['value']}"
    return f"{kind}: {subject} {rel}{where}: {change['value']}"
