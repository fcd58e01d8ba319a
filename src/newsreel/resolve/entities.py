"""Finding or creating the store entity for a name an article uses.

An entity is unique per (type, key), key = `name_key(name)`. A name is also
looked up among the aliases of entities of its type, so "EW" and
"Entertainment Weekly" meet once either article names both."""

from __future__ import annotations

from sqlalchemy import Connection, select

from newsreel.names import name_key
from newsreel.store import schema
from newsreel.store.db import now
from newsreel.store.upsert import insert_ignore


def find_entity(conn: Connection, etype: str, name: str) -> int | None:
    key = name_key(name)
    e = schema.entities
    row = conn.execute(select(e.c.id).where(e.c.type == etype, e.c.key == key)).first()
    if row:
        return row[0]
    a = schema.aliases
    row = conn.execute(
        select(a.c.entity_id).join(e, e.c.id == a.c.entity_id)
        .where(a.c.key == key, e.c.type == etype).limit(1)).first()
    return row[0] if row else None


def entity_id(conn: Connection, etype: str, name: str, aliases: list[str] | None = None) -> int:
    found = find_entity(conn, etype, name)
    if found is None:
        insert_ignore(conn, schema.entities, {
            "type": etype, "name": name, "key": name_key(name), "created_at": now()})
        found = find_entity(conn, etype, name)
        assert found is not None
    for alias in aliases or []:
        key = name_key(alias)
        if key and key != name_key(name):
            insert_ignore(conn, schema.aliases, {"entity_id": found, "alias": alias, "key": key})
    return found
