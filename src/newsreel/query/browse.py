"""Browsing queries for the web server and API: lists with paging, search and
autocomplete, single facts with evidence, conflicts, stories, outlets, a
document with its highlighted spans, and a film's neighbourhood graph.

Every query is built with SQLAlchemy Core (bound parameters only); user text
goes into LIKE patterns with its wildcards escaped. Limits are capped."""

from __future__ import annotations

import json
from collections import defaultdict
from typing import Any

from rapidfuzz import fuzz, process
from sqlalchemy import Connection, MetaData, Table, func, inspect, or_, select

from newsreel.names import name_key
from newsreel.query.dossier import WORK_TYPES, facts_of
from newsreel.store import schema

MAX_LIMIT = 200
DEFAULT_LIMIT = 50
KNOWN_TYPES = ("film", "tv_series", "work", "person", "character", "organization",
               "outlet", "festival", "award")


def clamp(limit: int | None, offset: int | None) -> tuple[int, int]:
    """Limit in 1..MAX_LIMIT, offset >= 0."""
    lim = DEFAULT_LIMIT if limit is None else max(1, min(int(limit), MAX_LIMIT))
    return lim, max(0, int(offset or 0))


def like_escape(text: str) -> str:
    """`text` for a LIKE pattern with `\\`, `%` and `_` taken literally (ESCAPE '\\')."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _counts(conn: Connection, ids: list[int]) -> tuple[dict[int, int], dict[int, int]]:
    """entity id -> documents mentioning it, entity id -> facts it is part of."""
    if not ids:
        return {}, {}
    m, f = schema.mentions, schema.facts
    docs = dict(conn.execute(select(m.c.entity_id, func.count(func.distinct(m.c.doc_id)))
                             .where(m.c.entity_id.in_(ids)).group_by(m.c.entity_id)).all())
    nf: dict[int, int] = defaultdict(int)
    for col in (f.c.subject_id, f.c.object_id):
        for eid, n in conn.execute(select(col, func.count()).where(col.in_(ids))
                                   .group_by(col)).all():
            nf[eid] += n
    return docs, dict(nf)


def list_entities(conn: Connection, types: tuple[str, ...], limit: int | None = None,
                  offset: int | None = None, prefix: str | None = None) -> dict[str, Any]:
    """Entities of the given types by name, one page, with document and fact counts."""
    lim, off = clamp(limit, offset)
    e = schema.entities
    where = [e.c.type.in_(types)]
    if prefix:
        where.append(e.c.key.like(like_escape(name_key(prefix)) + "%", escape="\\"))
    total = conn.execute(select(func.count()).select_from(e).where(*where)).scalar_one()
    rows = conn.execute(select(e.c.id, e.c.type, e.c.name).where(*where)
                        .order_by(e.c.key, e.c.id).limit(lim).offset(off)).all()
    docs, nfacts = _counts(conn, [r.id for r in rows])
    items = [{"id": r.id, "type": r.type, "name": r.name, "documents": docs.get(r.id, 0),
              "facts": nfacts.get(r.id, 0)} for r in rows]
    return {"total": total, "limit": lim, "offset": off, "items": items}


def get_entity(conn: Connection, entity_id: int) -> dict[str, Any] | None:
    e, a = schema.entities, schema.aliases
    row = conn.execute(select(e.c.id, e.c.type, e.c.name).where(e.c.id == entity_id)).first()
    if row is None:
        return None
    aliases = conn.execute(select(a.c.alias).where(a.c.entity_id == entity_id)
                           .order_by(a.c.id)).scalars().all()
    docs, nfacts = _counts(conn, [row.id])
    return {"id": row.id, "type": row.type, "name": row.name,
            "aliases": [x for x in aliases if x != row.name],
            "documents": docs.get(row.id, 0), "facts": nfacts.get(row.id, 0)}


def entity_facts(conn: Connection, entity_id: int) -> list[dict[str, Any]]:
    """Facts where the entity is subject or object."""
    f = schema.facts
    return facts_of(conn, or_(f.c.subject_id == entity_id, f.c.object_id == entity_id))


def characters(conn: Connection, limit: int | None = None, offset: int | None = None,
               ) -> dict[str, Any]:
    """Named characters (the `character` qualifier of cast facts), with actor and work."""
    lim, off = clamp(limit, offset)
    f, e = schema.facts, schema.entities
    subj, obj = e.alias("subj"), e.alias("obj")
    rows = conn.execute(
        select(f.c.id, f.c.relation, f.c.qualifiers, f.c.subject_id, subj.c.name.label("work"),
               subj.c.type.label("work_type"), f.c.object_id, f.c.value)
        .join(subj, subj.c.id == f.c.subject_id).outerjoin(obj, obj.c.id == f.c.object_id)
        .where(f.c.relation.in_(("cast_member", "voice_actor")),
               f.c.qualifiers.like('%"character"%'))
        .order_by(f.c.id)).all()
    items = []
    for r in rows:
        character = json.loads(r.qualifiers).get("character")
        if not character:
            continue
        items.append({"character": character, "actor": r.value, "actor_id": r.object_id,
                      "work": r.work, "work_id": r.subject_id, "work_type": r.work_type,
                      "relation": r.relation, "fact_id": r.id})
    items.sort(key=lambda x: (name_key(x["character"]), x["fact_id"]))
    return {"total": len(items), "limit": lim, "offset": off, "items": items[off:off + lim]}


_NAMES: dict[tuple[str, tuple[str, ...]], tuple[tuple, dict, dict]] = {}


def _names(conn: Connection, types: tuple[str, ...]) -> tuple[dict[int, Any], dict[int, str]]:
    """Entity rows and keys of these types for fuzzy matching, cached per store
    until the entities change (count, highest id or total key length differ)."""
    e = schema.entities
    sig = tuple(conn.execute(select(func.count(), func.max(e.c.id),
                                    func.sum(func.length(e.c.key)))).one())
    cache_key = (conn.engine.url.render_as_string(hide_password=False), types)
    hit = _NAMES.get(cache_key)
    if hit and hit[0] == sig:
        return hit[1], hit[2]
    rows = conn.execute(select(e.c.id, e.c.type, e.c.name, e.c.key)
                        .where(e.c.type.in_(types)).limit(500_000)).all()
    by_id, choices = {r.id: r for r in rows}, {r.id: r.key for r in rows}
    if len(_NAMES) > 16:
        _NAMES.clear()
    _NAMES[cache_key] = (sig, by_id, choices)
    return by_id, choices


def _fuzzy(key: str, choices: dict[int, str], limit: int) -> list[tuple[int, float]]:
    """(id, score) of names like `key`: whole-name similarity, or (for keys of five
    characters or more) the best-matching part of a longer name. Small shared
    words ("a", "the") alone never make a match. rapidfuzz's C scorers only."""
    best: dict[int, float] = {}
    passes = [fuzz.ratio] + ([fuzz.partial_ratio] if len(key) >= 5 else [])
    for scorer in passes:
        for _name, score, eid in process.extract(key, choices, scorer=scorer, limit=limit,
                                                 score_cutoff=80):
            best[eid] = max(best.get(eid, 0.0), float(score))
    return sorted(best.items(), key=lambda x: -x[1])[:limit]


def search(conn: Connection, q: str, types: tuple[str, ...] | None = None,
           limit: int | None = 20) -> dict[str, Any]:
    """Entities and documents matching `q`: name/alias substring first, then fuzzy."""
    lim, _ = clamp(limit, 0)
    q = (q or "").strip()[:200]
    key = name_key(q)
    out: dict[str, Any] = {"query": q, "entities": [], "documents": []}
    if not key and not q:
        return out
    e, a, d = schema.entities, schema.aliases, schema.documents
    types = types or KNOWN_TYPES
    pattern = "%" + like_escape(key or q.casefold()) + "%"
    found: dict[int, tuple[float, Any]] = {}
    rows = conn.execute(select(e.c.id, e.c.type, e.c.name, e.c.key)
                        .where(e.c.type.in_(types), e.c.key.like(pattern, escape="\\"))
                        .limit(lim * 5)).all()
    rows += conn.execute(select(e.c.id, e.c.type, e.c.name, e.c.key)
                         .join(a, a.c.entity_id == e.c.id)
                         .where(e.c.type.in_(types), a.c.key.like(pattern, escape="\\"))
                         .limit(lim * 5)).all()
    for r in rows:
        score = 100.0 if r.key == key else (90.0 if r.key.startswith(key) else 80.0)
        if r.id not in found or found[r.id][0] < score:
            found[r.id] = (score, r)
    if len(found) < min(lim, 5) and len(key) >= 4:  # few exact hits: try spellings
        by_id, choices = _names(conn, types)
        for eid, score in _fuzzy(key, choices, lim):
            if eid not in found:
                found[eid] = (min(score, 79.0), by_id[eid])
    ranked = sorted(found.values(), key=lambda x: (-x[0], len(x[1].name), x[1].id))[:lim]
    docs, nfacts = _counts(conn, [r.id for _s, r in ranked])
    out["entities"] = [{"id": r.id, "type": r.type, "name": r.name, "score": round(s, 1),
                        "documents": docs.get(r.id, 0), "facts": nfacts.get(r.id, 0)}
                       for s, r in ranked]
    tpat = "%" + like_escape(q) + "%"
    out["documents"] = [dict(r._mapping) for r in conn.execute(
        select(d.c.id, d.c.title, d.c.outlet, d.c.published)
        .where(func.lower(d.c.title).like(func.lower(tpat), escape="\\"))
        .order_by(d.c.published.desc(), d.c.id).limit(lim))]
    return out


def autocomplete(conn: Connection, q: str, limit: int | None = 10) -> list[dict[str, Any]]:
    """Names starting with `q` (by name key), then names containing it."""
    lim, _ = clamp(limit, 0)
    lim = min(lim, 25)
    key = name_key((q or "")[:200])
    if not key:
        return []
    e = schema.entities
    cols = (e.c.id, e.c.type, e.c.name)
    rows = conn.execute(select(*cols).where(e.c.key.like(like_escape(key) + "%", escape="\\"))
                        .order_by(func.length(e.c.key), e.c.id).limit(lim)).all()
    if len(rows) < lim:
        seen = {r.id for r in rows}
        more = conn.execute(select(*cols)
                            .where(e.c.key.like("%" + like_escape(key) + "%", escape="\\"))
                            .order_by(func.length(e.c.key), e.c.id).limit(lim * 2)).all()
        rows += [r for r in more if r.id not in seen][:lim - len(rows)]
    return [{"id": r.id, "type": r.type, "name": r.name} for r in rows]


def get_fact(conn: Connection, fact_id: int) -> dict[str, Any] | None:
    """One fact with all its evidence, superseded versions included (marked)."""
    found = facts_of(conn, schema.facts.c.id == fact_id, include_superseded=True)
    if not found:
        return None
    fact = found[0]
    d = schema.documents
    doc_ids = {x["doc_id"] for x in fact["evidence"]}
    superseded = {r.id for r in conn.execute(select(d.c.id).where(
        d.c.id.in_(doc_ids), d.c.superseded_by.is_not(None)))}
    for x in fact["evidence"]:
        x["superseded"] = x["doc_id"] in superseded
    return fact


def list_facts(conn: Connection, relation: str | None = None, subject_id: int | None = None,
               object_id: int | None = None, limit: int | None = None,
               offset: int | None = None) -> dict[str, Any]:
    lim, off = clamp(limit, offset)
    f = schema.facts
    where = []
    if relation:
        where.append(f.c.relation == relation)
    if subject_id is not None:
        where.append(f.c.subject_id == subject_id)
    if object_id is not None:
        where.append(f.c.object_id == object_id)
    total = conn.execute(select(func.count()).select_from(f).where(*where)).scalar_one()
    ids = conn.execute(select(f.c.id).where(*where).order_by(f.c.id).limit(lim)
                       .offset(off)).scalars().all()
    items = facts_of(conn, f.c.id.in_(ids)) if ids else []
    return {"total": total, "limit": lim, "offset": off, "items": items}


def conflicts(conn: Connection, subject_id: int | None = None, limit: int | None = None,
              offset: int | None = None, include_settled: bool = False) -> dict[str, Any]:
    """Slots where sources disagree and no newer report settles it (with
    `include_settled` also the ones a newer report superseded), one page."""
    from newsreel.query.conflicts import analyze_slots

    lim, off = clamp(limit, offset)
    f = schema.facts
    where = [f.c.slot.is_not(None)]
    if subject_id is not None:
        where.append(f.c.subject_id == subject_id)
    slots = conn.execute(select(f.c.slot).where(*where).group_by(f.c.slot)
                         .having(func.count() > 1).order_by(f.c.slot)).scalars().all()
    wanted = ("conflict", "superseded") if include_settled else ("conflict",)
    items: list[dict[str, Any]] = []
    for i in range(0, len(slots), 500):
        for a in analyze_slots(facts_of(conn, f.c.slot.in_(slots[i:i + 500]))):
            if a["status"] in wanted:
                items.append(a)
    items.sort(key=lambda a: (name_key(a["subject"]), a["relation"], a["slot"]))
    return {"total": len(items), "limit": lim, "offset": off, "items": items[off:off + lim]}


def stories(conn: Connection, limit: int | None = None, offset: int | None = None,
            ) -> dict[str, Any]:
    """Stories (articles grouped about one film or event) when the store has them,
    newest first, each with its main entity and its documents."""
    lim, off = clamp(limit, offset)
    insp = inspect(conn)
    if not insp.has_table("stories"):
        return {"total": 0, "limit": lim, "offset": off, "items": [], "available": False}
    md = MetaData()
    table = Table("stories", md, autoload_with=conn)
    total = conn.execute(select(func.count()).select_from(table)).scalar_one()
    order = [table.c.last_date.desc()] if "last_date" in table.c else []
    order += list(table.primary_key.columns) or list(table.columns)[:1]
    items = [dict(r._mapping) for r in conn.execute(
        select(table).order_by(*order).limit(lim).offset(off))]
    e, d = schema.entities, schema.documents
    if "main_entity_id" in table.c:
        ids = [x["main_entity_id"] for x in items if x.get("main_entity_id")]
        names = {r.id: r for r in conn.execute(
            select(e.c.id, e.c.name, e.c.type).where(e.c.id.in_(ids)))} if ids else {}
        for x in items:
            row = names.get(x.get("main_entity_id"))
            x["main_entity"] = {"id": row.id, "name": row.name, "type": row.type} \
                if row else None
    if insp.has_table("story_docs") and "id" in table.c and items:
        sd = Table("story_docs", md, autoload_with=conn)
        by_story: dict[int, list[dict[str, Any]]] = defaultdict(list)
        for r in conn.execute(select(sd.c.story_id, d.c.id, d.c.title, d.c.published,
                                     d.c.outlet).join(d, d.c.id == sd.c.doc_id)
                              .where(sd.c.story_id.in_([x["id"] for x in items]))
                              .order_by(d.c.published, d.c.id)):
            by_story[r.story_id].append({"id": r.id, "title": r.title,
                                         "published": r.published, "outlet": r.outlet})
        for x in items:
            x["documents"] = by_story.get(x["id"], [])
    return {"total": total, "limit": lim, "offset": off, "available": True, "items": items}


def outlets(conn: Connection, limit: int | None = None, offset: int | None = None,
            ) -> dict[str, Any]:
    """Outlets that published stored articles (sightings) or were quoted to."""
    lim, off = clamp(limit, offset)
    s, q = schema.sightings, schema.quotes
    counts: dict[str, dict[str, Any]] = {}
    for name, n in conn.execute(select(s.c.outlet, func.count(func.distinct(s.c.doc_id)))
                                .where(s.c.outlet.is_not(None)).group_by(s.c.outlet)):
        counts.setdefault(name, {"name": name, "articles": 0, "quotes": 0})["articles"] = n
    for name, n in conn.execute(select(q.c.outlet, func.count()).where(q.c.outlet.is_not(None))
                                .group_by(q.c.outlet)):
        counts.setdefault(name, {"name": name, "articles": 0, "quotes": 0})["quotes"] = n
    items = sorted(counts.values(), key=lambda x: (-x["articles"], name_key(x["name"])))
    return {"total": len(items), "limit": lim, "offset": off, "items": items[off:off + lim]}


def outlet(conn: Connection, name: str, limit: int | None = None,
           offset: int | None = None) -> dict[str, Any] | None:
    """One outlet: its articles (one page), quotes given to it, facts it reported."""
    lim, off = clamp(limit, offset)
    s, d, q, ev = schema.sightings, schema.documents, schema.quotes, schema.evidence
    key = name_key(name)
    names = {n for n in conn.execute(select(s.c.outlet).where(s.c.outlet.is_not(None))
                                     .distinct()).scalars() if name_key(n) == key}
    names |= {n for n in conn.execute(select(q.c.outlet).where(q.c.outlet.is_not(None))
                                      .distinct()).scalars() if name_key(n) == key}
    if not key or not names:
        return None
    doc_ids = select(s.c.doc_id).where(s.c.outlet.in_(names)).distinct()
    total = conn.execute(select(func.count()).select_from(doc_ids.subquery())).scalar_one()
    docs = [dict(r._mapping) for r in conn.execute(
        select(d.c.id, d.c.title, d.c.published, d.c.source, d.c.superseded_by)
        .where(d.c.id.in_(doc_ids)).order_by(d.c.published.desc(), d.c.id)
        .limit(lim).offset(off))]
    nfacts = conn.execute(select(func.count(func.distinct(ev.c.fact_id)))
                          .where(ev.c.doc_id.in_(doc_ids))).scalar_one()
    quotes = [dict(r._mapping) for r in conn.execute(
        select(q.c.id, q.c.speaker, q.c.speaker_id, q.c.text, q.c.doc_id, q.c.start, q.c.end,
               q.c.interviewer)
        .where(or_(q.c.outlet.in_(names), q.c.doc_id.in_(doc_ids)))
        .order_by(q.c.id).limit(lim))]
    return {"name": sorted(names, key=len)[-1], "names": sorted(names), "articles": total,
            "facts": nfacts, "documents": docs, "quotes": quotes, "limit": lim, "offset": off}


def quotes_about(conn: Connection, entity_id: int, limit: int | None = None,
                 offset: int | None = None) -> list[dict[str, Any]]:
    """Quotes in documents that mention the entity (a film's press)."""
    lim, off = clamp(limit, offset)
    q, m, d = schema.quotes, schema.mentions, schema.documents
    docs = select(m.c.doc_id).where(m.c.entity_id == entity_id).distinct()
    return [dict(r._mapping) for r in conn.execute(
        select(q.c.id, q.c.speaker, q.c.speaker_id, q.c.text, q.c.outlet, q.c.interviewer,
               q.c.doc_id, q.c.start, q.c.end, d.c.title, d.c.published)
        .join(d, d.c.id == q.c.doc_id)
        .where(q.c.doc_id.in_(docs), d.c.superseded_by.is_(None))
        .order_by(q.c.id).limit(lim).offset(off))]


def document_spans(conn: Connection, doc_id: str) -> dict[str, list[dict[str, Any]]]:
    """Mentions, evidence and quote spans of one document (offsets into its body)."""
    m, e, ev, f, q = (schema.mentions, schema.entities, schema.evidence, schema.facts,
                      schema.quotes)
    subj = e.alias("subj")
    mentions = [dict(r._mapping) for r in conn.execute(
        select(m.c.id, m.c.start, m.c.end, m.c.entity_id, e.c.name, e.c.type)
        .join(e, e.c.id == m.c.entity_id).where(m.c.doc_id == doc_id)
        .order_by(m.c.start, m.c.end.desc()))]
    evidence = []
    for r in conn.execute(
            select(ev.c.id, ev.c.start, ev.c.end, ev.c.text, ev.c.confidence, ev.c.fact_id,
                   f.c.relation, f.c.value, f.c.qualifiers, f.c.subject_id, f.c.object_id,
                   subj.c.name.label("subject"))
            .join(f, f.c.id == ev.c.fact_id).join(subj, subj.c.id == f.c.subject_id)
            .where(ev.c.doc_id == doc_id).order_by(ev.c.start, ev.c.id)):
        item = dict(r._mapping)
        item["qualifiers"] = json.loads(item["qualifiers"])
        evidence.append(item)
    quotes = [dict(r._mapping) for r in conn.execute(
        select(q.c.id, q.c.start, q.c.end, q.c.speaker, q.c.speaker_id, q.c.text, q.c.outlet,
               q.c.interviewer).where(q.c.doc_id == doc_id).order_by(q.c.start))]
    return {"mentions": mentions, "evidence": evidence, "quotes": quotes}


def graph(conn: Connection, entity_id: int, max_nodes: int = 60) -> dict[str, Any] | None:
    """A work's neighbourhood: the work, the entities its facts point at, and those
    people's other works (second ring). While the work has few facts, entities
    its articles mention alongside it join the first ring (relation
    `mentioned_with`). Nodes and edges with relation labels."""
    center = get_entity(conn, entity_id)
    if center is None:
        return None
    f, e = schema.facts, schema.entities
    nodes: dict[int, dict[str, Any]] = {center["id"]: {
        "id": center["id"], "name": center["name"], "type": center["type"], "ring": 0}}
    edges: list[dict[str, Any]] = []
    seen_edges: set[tuple[int, int, str]] = set()

    def add_edges(rows, ring: int) -> None:
        for r in rows:
            for nid, nname, ntype in ((r.subject_id, r.sname, r.stype),
                                      (r.object_id, r.oname, r.otype)):
                if nid not in nodes:
                    if len(nodes) >= max_nodes:
                        break
                    nodes[nid] = {"id": nid, "name": nname, "type": ntype, "ring": ring}
            else:
                k = (r.subject_id, r.object_id, r.relation)
                if k not in seen_edges:
                    seen_edges.add(k)
                    q = json.loads(r.qualifiers)
                    edges.append({"source": r.subject_id, "target": r.object_id,
                                  "relation": r.relation, "fact_id": r.id,
                                  "label": q.get("character") or q.get("category") or ""})

    subj, obj = e.alias("subj"), e.alias("obj")

    def neighbour_rows(where):
        return conn.execute(
            select(f.c.id, f.c.relation, f.c.qualifiers, f.c.subject_id, f.c.object_id,
                   subj.c.name.label("sname"), subj.c.type.label("stype"),
                   obj.c.name.label("oname"), obj.c.type.label("otype"))
            .join(subj, subj.c.id == f.c.subject_id).join(obj, obj.c.id == f.c.object_id)
            .where(where).order_by(f.c.id).limit(max_nodes * 4)).all()

    add_edges(neighbour_rows(or_(f.c.subject_id == entity_id, f.c.object_id == entity_id)), 1)
    if len(nodes) < 10:  # few facts yet: show what the articles mention alongside it
        m, m2 = schema.mentions, schema.mentions.alias("m2")
        docs = select(m.c.doc_id).where(m.c.entity_id == entity_id).distinct()
        rows = conn.execute(
            select(e.c.id, e.c.name, e.c.type, func.count(func.distinct(m2.c.doc_id)).label("n"))
            .join(m2, m2.c.entity_id == e.c.id)
            .where(m2.c.doc_id.in_(docs), e.c.id != entity_id, e.c.type != "outlet")
            .group_by(e.c.id, e.c.name, e.c.type)
            .order_by(func.count(func.distinct(m2.c.doc_id)).desc(), e.c.id)
            .limit(12)).all()
        for r in rows:
            if r.id not in nodes and len(nodes) < max_nodes:
                nodes[r.id] = {"id": r.id, "name": r.name, "type": r.type, "ring": 1}
                edges.append({"source": entity_id, "target": r.id, "relation": "mentioned_with",
                              "fact_id": None, "label": f"{r.n} article(s)"})
    ring1 = [n for n in nodes if n != entity_id]
    if ring1:
        add_edges(neighbour_rows(or_(f.c.object_id.in_(ring1), f.c.subject_id.in_(ring1))), 2)
    return {"center": center, "nodes": list(nodes.values()), "edges": edges}


def overview(conn: Connection) -> dict[str, Any]:
    """Counts for the home page."""
    e, d, f, q = schema.entities, schema.documents, schema.facts, schema.quotes
    by_type = dict(conn.execute(select(e.c.type, func.count()).group_by(e.c.type)).all())
    return {"documents": conn.execute(select(func.count()).select_from(d)).scalar_one(),
            "facts": conn.execute(select(func.count()).select_from(f)).scalar_one(),
            "quotes": conn.execute(select(func.count()).select_from(q)).scalar_one(),
            "entities": by_type}


def is_work(entity: dict[str, Any]) -> bool:
    return entity["type"] in WORK_TYPES
