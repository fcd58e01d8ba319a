"""Schema versions and the steps between them.

Version 1 is the whole schema of `schema.py`. Each later step is a function
`(connection) -> None` appended to STEPS (needed for changes to existing
tables: new columns, new indexes, data moves); `migrate` runs the missing ones
in order inside one transaction and records the version in `meta`. New
tables need no step: after the steps, every table of `schema.metadata` that
does not exist yet is created."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import Connection, Engine, select

from newsreel.store import schema


def _v1(conn: Connection) -> None:
    schema.metadata.create_all(conn)


STEPS: list[Callable[[Connection], None]] = [_v1]


def migrate(engine: Engine) -> int:
    """Bring the store to the newest version; returns that version."""
    with engine.begin() as conn:
        schema.meta.create(conn, checkfirst=True)
        row = conn.execute(select(schema.meta.c.value).where(
            schema.meta.c.key == "schema_version")).first()
        current = int(row[0]) if row else 0
        target = len(STEPS)
        if current >= target:
            schema.metadata.create_all(conn, checkfirst=True)
            return current
        for step in STEPS[current:]:
            step(conn)
        if row:
            conn.execute(schema.meta.update().where(schema.meta.c.key == "schema_version")
                         .values(value=str(target)))
        else:
            conn.execute(schema.meta.insert().values(key="schema_version", value=str(target)))
        schema.metadata.create_all(conn, checkfirst=True)
    return target
