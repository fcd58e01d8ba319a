"""`why-merged A B`: are two names one entity, and by which rule.

Looks both names up (key or alias, any type), and when they share an entity
returns the resolution-log entries that attached each name to it (rule,
the article, shared works); otherwise says why they are apart (for people:
different given names, or no work in common)."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Connection, select

from newsreel.names import name_key
from newsreel.query.lookup import NotFound
from newsreel.store import schema

RULES = {
    "new": "first seen under this name",
    "homonym": "a second entity of the same name (told apart by its works)",
    "alias_in_article": "the article itself used both names for one entity",
    "gazetteer_alias": "the gazetteer lists it as another spelling",
    "company_suffix": "the same company name without its suffix",
    "title_note": "the same title with a year or medium note",
    "same_name_works": "same name; the entity sharing the article's works",
    "surname+works": "surname only; the article names a work this person is known with",
    "short_form+works": "a short form of the given name; shares a work",
    "initial+works": "an initial of the given name; shares a work",
    "nickname+works": "a nickname of the given name; shares a work",
    "same+works": "the same given name; shares a work",
    "short_form+only_candidate": "a short form of the given name; the only person of that "
                                 "surname",
    "initial+only_candidate": "an initial of the given name; the only person of that surname",
    "nickname+only_candidate": "a nickname; the only person of that surname",
    "editor_merge": "an editor merged them",
    "editor_split": "an editor split documents off into this entity",
    "editor_rename": "an editor renamed the entity",
}


def _entities_named(conn: Connection, name: str) -> list[dict[str, Any]]:
    e, a = schema.entities, schema.aliases
    key = name_key(name)
    ids = set(conn.execute(select(e.c.id).where(e.c.key == key)).scalars())
    ids |= set(conn.execute(select(a.c.entity_id).where(a.c.key == key)).scalars())
    rows = conn.execute(select(e.c.id, e.c.type, e.c.name, e.c.key).where(e.c.id.in_(ids))
                        .order_by(e.c.id)).all()
    return [dict(r._mapping) for r in rows]


def _why(conn: Connection, eid: int, name: str, ent: dict[str, Any]) -> dict[str, Any]:
    log, d = schema.resolution_log, schema.documents
    key = name_key(name)
    row = conn.execute(select(log.c.rule, log.c.detail, log.c.doc_id, log.c.name,
                              log.c.created_at, d.c.title, d.c.outlet, d.c.published)
                       .outerjoin(d, d.c.id == log.c.doc_id)
                       .where(log.c.entity_id == eid, log.c.name_key == key)).first()
    if row is None:
        if key == ent["key"].split("#")[0] or key == name_key(ent["name"]):
            return {"name": name, "rule": "canonical", "explanation": "the entity's own name"}
        return {"name": name, "rule": "alias", "explanation": "a stored alias"}
    detail = json.loads(row.detail or "{}")
    out = {"name": row.name, "rule": row.rule,
           "explanation": RULES.get(row.rule, row.rule), "detail": detail,
           "doc_id": row.doc_id, "outlet": row.outlet, "published": row.published,
           "title": row.title, "at": row.created_at}
    return out


def why_merged(conn: Connection, a: str, b: str) -> dict[str, Any]:
    ea, eb = _entities_named(conn, a), _entities_named(conn, b)
    for name, found in ((a, ea), (b, eb)):
        if not found:
            from newsreel.model import ENTITY_TYPES
            from newsreel.query.lookup import find

            try:
                find(conn, name, ENTITY_TYPES)
            except NotFound as exc:
                raise NotFound(f"no entity named {name!r}", exc.suggestions) from None
            raise NotFound(f"no entity named {name!r}", [])
    common = [x for x in ea if x["id"] in {y["id"] for y in eb}]
    if common:
        ent = common[0]
        return {"merged": True, "entity": {k: ent[k] for k in ("id", "type", "name")},
                "names": [_why(conn, ent["id"], a, ent), _why(conn, ent["id"], b, ent)]}
    out: dict[str, Any] = {"merged": False,
                           "a": [{k: x[k] for k in ("id", "type", "name")} for x in ea],
                           "b": [{k: x[k] for k in ("id", "type", "name")} for x in eb]}
    reasons = []
    log = schema.resolution_log
    for x, other in [(y, eb) for y in ea] + [(y, ea) for y in eb]:
        for row in conn.execute(select(log.c.name, log.c.rule, log.c.detail)
                                .where(log.c.entity_id == x["id"])):
            detail = json.loads(row.detail or "{}")
            names = detail.get("not_merged_with") or []
            hit = [n for n in names if any(name_key(n) == name_key(o["name"]) for o in other)]
            if hit:
                reasons.append(f"{row.name!r} was kept apart from {', '.join(hit)}: "
                               f"{detail.get('why')}")
    if not reasons:
        types = {x["type"] for x in ea} & {x["type"] for x in eb}
        reasons.append("no rule connects them" if types else "they are of different types")
    out["reasons"] = reasons
    w, e = schema.entity_works, schema.entities
    for side, found in (("a_works", ea), ("b_works", eb)):
        out[side] = sorted(conn.execute(select(e.c.name).join(w, w.c.work_id == e.c.id)
                                        .where(w.c.entity_id.in_([x["id"] for x in found])))
                           .scalars().unique())
    return out
