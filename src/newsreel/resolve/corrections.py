"""Editors' corrections: merge two entities, split documents off one, rename.

Each correction changes the store now and is kept in the `corrections`
table, where the resolver (resolve/entities.py) consults it for every new
article, so it survives re-ingests:

- merge KEEP DROP: everything of DROP moves to KEEP (facts are re-keyed, so
  duplicates become one fact with the evidence of both); a later article
  naming DROP resolves to KEEP.
- split ENTITY --doc ID...: the named documents' mentions, evidence, quotes
  and co-occurring works move to a new entity (same name unless a new one
  is given). A later version of those documents resolves to the new entity;
  other new articles go to whichever of the two shares their works.
- rename ENTITY NEW: the display name changes; both names keep resolving to
  the entity, and automatic "fuller name" upgrades no longer touch it."""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlalchemy import Connection, Table, delete, select

from newsreel.names import name_key
from newsreel.resolve.entities import Resolver
from newsreel.resolve.keys import fact_key, fact_slot
from newsreel.store import schema
from newsreel.store.db import now
from newsreel.store.upsert import insert_ignore


class CorrectionError(Exception):
    """A correction that cannot be made (the message says why)."""


@dataclass
class EntityRef:
    id: int
    type: str
    name: str
    key: str


def get_entity(conn: Connection, eid: int) -> EntityRef:
    e = schema.entities
    row = conn.execute(select(e.c.id, e.c.type, e.c.name, e.c.key).where(e.c.id == eid)).first()
    if row is None:
        raise CorrectionError(f"no entity {eid}")
    return EntityRef(row.id, row.type, row.name, row.key)


def _entity_columns() -> list[tuple[Table, str, bool]]:
    """(table, column, in a unique constraint) for every reference to entities.id."""
    out = []
    for table in schema.metadata.sorted_tables:
        if table.name == "facts":
            continue
        uniques = set()
        for c in table.constraints:
            cols = getattr(c, "columns", None)
            if cols is not None and c.__class__.__name__ in ("UniqueConstraint",
                                                             "PrimaryKeyConstraint"):
                uniques.update(col.name for col in cols)
        uniques.update(col.name for col in table.columns if col.unique)
        for col in table.columns:
            if any(fk.column.table.name == "entities" for fk in col.foreign_keys):
                out.append((table, col.name, col.name in uniques))
    return out


def _move_refs(conn: Connection, drop: int, keep: int) -> None:
    for table, col, unique in _entity_columns():
        c = table.c[col]
        if not unique:
            conn.execute(table.update().where(c == drop).values({col: keep}))
            continue
        auto = [k.name for k in table.primary_key.columns
                if k.autoincrement is True or (k.name == "id" and k.type.python_type is int)]
        rows = [dict(r._mapping) for r in conn.execute(select(table).where(c == drop))]
        for r in rows:
            for k in auto:
                r.pop(k, None)
            r[col] = keep
        if rows:
            insert_ignore(conn, table, rows)
        conn.execute(delete(table).where(c == drop))


def _rekey(conn: Connection, fact_ids: list[int]) -> None:
    """Recompute keys after an entity changed; facts that now coincide merge."""
    f, ev = schema.facts, schema.evidence
    for fid in fact_ids:
        row = conn.execute(select(f).where(f.c.id == fid)).first()
        if row is None:
            continue
        q = json.loads(row.qualifiers)
        value = f"entity {row.object_id}" if row.object_id else row.value
        key = fact_key(row.subject_id, row.relation, value, q)
        slot = fact_slot(row.subject_id, row.relation, row.value, q)
        other = conn.execute(select(f.c.id, f.c.qualifiers).where(f.c.key == key, f.c.id != fid)
                             ).first()
        if other is None:
            conn.execute(f.update().where(f.c.id == fid).values(key=key, slot=slot))
            continue
        evs = [dict(r._mapping) for r in conn.execute(select(ev).where(ev.c.fact_id == fid))]
        for r in evs:
            r.pop("id")
            r["fact_id"] = other.id
        if evs:
            insert_ignore(conn, ev, evs)
        merged = {**q, **json.loads(other.qualifiers)}
        conn.execute(f.update().where(f.c.id == other.id).values(
            qualifiers=json.dumps(merged, sort_keys=True)))
        if "changes" in schema.metadata.tables:
            ch = schema.metadata.tables["changes"]
            conn.execute(ch.update().where(ch.c.fact_id == fid).values(fact_id=other.id))
        conn.execute(delete(ev).where(ev.c.fact_id == fid))
        conn.execute(delete(f).where(f.c.id == fid))


def _affected_facts(conn: Connection, eid: int) -> list[int]:
    f = schema.facts
    return list(conn.execute(select(f.c.id).where((f.c.subject_id == eid) |
                                                  (f.c.object_id == eid))).scalars())


def merge_entities(conn: Connection, keep_id: int, drop_id: int, note: str | None = None,
                   record: bool = True) -> EntityRef:
    """Merge DROP into KEEP (same type). Returns the surviving entity."""
    keep, drop = get_entity(conn, keep_id), get_entity(conn, drop_id)
    if keep.id == drop.id:
        raise CorrectionError(f"{keep.name!r} and {drop.name!r} are already one entity")
    if keep.type != drop.type:
        raise CorrectionError(f"cannot merge a {drop.type} into a {keep.type}")
    f = schema.facts
    conn.execute(f.update().where(f.c.subject_id == drop.id).values(subject_id=keep.id))
    conn.execute(f.update().where(f.c.object_id == drop.id).values(object_id=keep.id))
    _move_refs(conn, drop.id, keep.id)
    a = schema.aliases
    insert_ignore(conn, a, {"entity_id": keep.id, "alias": drop.name, "key": drop.key})
    if name_key(drop.name) != drop.key:
        insert_ignore(conn, a, {"entity_id": keep.id, "alias": drop.name,
                                "key": name_key(drop.name)})
    conn.execute(delete(schema.entities).where(schema.entities.c.id == drop.id))
    _rekey(conn, _affected_facts(conn, keep.id))
    log = schema.resolution_log
    conn.execute(delete(log).where(log.c.entity_id == keep.id,
                                   log.c.name_key == name_key(drop.name)))
    Resolver(conn).log(keep.id, drop.name, "editor_merge", {"note": note, "into": keep.name})
    if record:
        insert_ignore(conn, schema.corrections, {
            "kind": "merge", "etype": keep.type, "key": drop.key, "name": drop.name,
            "target_key": keep.key, "target_name": keep.name, "note": note,
            "created_at": now()})
    return keep


def split_entity(conn: Connection, eid: int, doc_ids: list[str], new_name: str | None = None,
                 note: str | None = None, record: bool = True) -> EntityRef:
    """Move what the given documents say about ENTITY to a new entity."""
    old = get_entity(conn, eid)
    m, f, ev, q = schema.mentions, schema.facts, schema.evidence, schema.quotes
    docs = [d for d in dict.fromkeys(doc_ids)]
    if not docs:
        raise CorrectionError("split needs at least one --doc")
    used = set(conn.execute(select(m.c.doc_id).where(m.c.entity_id == eid,
                                                     m.c.doc_id.in_(docs))).scalars())
    used |= set(conn.execute(select(ev.c.doc_id).join(f, f.c.id == ev.c.fact_id).where(
        (f.c.subject_id == eid) | (f.c.object_id == eid), ev.c.doc_id.in_(docs))).scalars())
    missing = [d for d in docs if d not in used]
    if missing:
        raise CorrectionError(f"{old.name!r} is not named in document(s) "
                              f"{', '.join(d[:12] for d in missing)}")
    res = Resolver(conn)
    name = new_name or old.name
    new_id = res._create(old.type, name, name_key(name), "editor_split",
                         {"from": old.name, "documents": docs, "note": note})
    new = get_entity(conn, new_id)
    if name_key(name) != name_key(old.name):
        insert_ignore(conn, schema.aliases, {"entity_id": new_id, "alias": old.name,
                                             "key": name_key(old.name)})
    conn.execute(m.update().where(m.c.entity_id == eid, m.c.doc_id.in_(docs))
                 .values(entity_id=new_id))
    conn.execute(q.update().where(q.c.speaker_id == eid, q.c.doc_id.in_(docs))
                 .values(speaker_id=new_id))
    touched: list[int] = []
    for fid in _affected_facts(conn, eid):
        row = conn.execute(select(f).where(f.c.id == fid)).first()
        in_docs = conn.execute(select(ev.c.id).where(ev.c.fact_id == fid,
                                                     ev.c.doc_id.in_(docs))).scalars().all()
        if not in_docs:
            continue
        values = dict(row._mapping)
        values.pop("id")
        if values["subject_id"] == eid:
            values["subject_id"] = new_id
        if values["object_id"] == eid:
            values["object_id"] = new_id
        values["key"] = f"split:{fid}:{new_id}"
        copy_id = conn.execute(f.insert().values(values)).inserted_primary_key[0]
        conn.execute(ev.update().where(ev.c.id.in_(in_docs)).values(fact_id=copy_id))
        left = conn.execute(select(ev.c.id).where(ev.c.fact_id == fid).limit(1)).first()
        if left is None:
            conn.execute(delete(f).where(f.c.id == fid))
        else:
            _requalify(conn, fid)
        _requalify(conn, copy_id)
        touched.append(copy_id)
    _rekey(conn, touched)
    _recompute_works(conn, eid)
    _recompute_works(conn, new_id)
    if record:
        insert_ignore(conn, schema.corrections, [{
            "kind": "split", "etype": old.type, "key": old.key, "name": old.name,
            "target_key": new.key, "target_name": new.name, "doc_id": d, "note": note,
            "created_at": now()} for d in docs])
    return new


def _requalify(conn: Connection, fid: int) -> None:
    """A fact's qualifiers as its remaining evidence gave them (oldest first)."""
    f, ev = schema.facts, schema.evidence
    merged: dict = {}
    for q in conn.execute(select(ev.c.qualifiers).where(ev.c.fact_id == fid).order_by(ev.c.id)
                          ).scalars():
        for k, v in json.loads(q or "{}").items():
            merged.setdefault(k, v)
    row = conn.execute(select(f.c.subject_id, f.c.relation, f.c.value).where(f.c.id == fid)
                       ).first()
    conn.execute(f.update().where(f.c.id == fid).values(
        qualifiers=json.dumps(merged, sort_keys=True),
        slot=fact_slot(row.subject_id, row.relation, row.value, merged)))


def _recompute_works(conn: Connection, eid: int) -> None:
    """The works an entity co-occurs with, from the documents that name it."""
    m, e, w = schema.mentions, schema.entities, schema.entity_works
    other = m.alias("other")
    works = conn.execute(
        select(other.c.entity_id).distinct()
        .select_from(m.join(other, other.c.doc_id == m.c.doc_id)
                     .join(e, e.c.id == other.c.entity_id))
        .where(m.c.entity_id == eid, e.c.type.in_(("film", "tv_series", "work")),
               other.c.entity_id != eid)).scalars().all()
    f = schema.facts
    works = set(works)
    for col, other_col in ((f.c.object_id, f.c.subject_id), (f.c.subject_id, f.c.object_id)):
        works |= set(conn.execute(select(other_col).join(e, e.c.id == other_col).where(
            col == eid, e.c.type.in_(("film", "tv_series", "work")))).scalars())
    works.discard(eid)
    conn.execute(delete(w).where(w.c.entity_id == eid))
    if works:
        insert_ignore(conn, w, [{"entity_id": eid, "work_id": x, "docs": 1} for x in works])


def rename_entity(conn: Connection, eid: int, new_name: str, note: str | None = None,
                  record: bool = True) -> EntityRef:
    old = get_entity(conn, eid)
    new_name = " ".join(new_name.split())
    if not new_name:
        raise CorrectionError("the new name is empty")
    e, a = schema.entities, schema.aliases
    clash = conn.execute(select(e.c.id).where(e.c.type == old.type,
                                              e.c.key == name_key(new_name),
                                              e.c.id != eid)).first()
    if clash is not None:
        raise CorrectionError(f"another {old.type} is already named {new_name!r} "
                              f"(id {clash.id}); merge them instead")
    conn.execute(e.update().where(e.c.id == eid).values(name=new_name))
    for alias in (old.name, new_name):
        if name_key(alias) != old.key:
            insert_ignore(conn, a, {"entity_id": eid, "alias": alias, "key": name_key(alias)})
    Resolver(conn).log(eid, new_name, "editor_rename", {"from": old.name, "note": note})
    if record:
        insert_ignore(conn, schema.corrections, {
            "kind": "rename", "etype": old.type, "key": old.key, "name": old.name,
            "target_key": old.key, "target_name": new_name, "note": note,
            "created_at": now()})
    return get_entity(conn, eid)


def list_corrections(conn: Connection) -> list[dict]:
    c = schema.corrections
    return [dict(r._mapping) for r in conn.execute(select(c).order_by(c.c.id))]


def reapply(conn: Connection) -> int:
    """Re-apply every recorded correction whose effect is missing (for a store
    rebuilt from its articles with the corrections table kept). Returns how
    many were applied again."""
    e, m = schema.entities, schema.mentions
    done = 0

    def by_key(etype: str, key: str | None) -> int | None:
        return conn.execute(select(e.c.id).where(e.c.type == etype, e.c.key == key)).scalar() \
            if key else None

    for row in list_corrections(conn):
        if row["kind"] == "merge":
            keep, drop = by_key(row["etype"], row["target_key"]), by_key(row["etype"], row["key"])
            if keep and drop and keep != drop:
                merge_entities(conn, keep, drop, row["note"], record=False)
                done += 1
        elif row["kind"] == "rename":
            eid = by_key(row["etype"], row["key"])
            if eid and get_entity(conn, eid).name != row["target_name"]:
                rename_entity(conn, eid, row["target_name"], row["note"], record=False)
                done += 1
        elif row["kind"] == "split":
            eid = by_key(row["etype"], row["key"])
            named = eid and conn.execute(select(m.c.id).where(
                m.c.entity_id == eid, m.c.doc_id == row["doc_id"]).limit(1)).first()
            if named:
                target = by_key(row["etype"], row["target_key"])
                if target:  # move this document's mentions to the split-off entity
                    tmp = split_entity(conn, eid, [row["doc_id"]], note=row["note"],
                                       record=False)
                    merge_entities(conn, target, tmp.id, record=False)
                else:
                    split_entity(conn, eid, [row["doc_id"]], row["target_name"], row["note"],
                                 record=False)
                done += 1
    return done
