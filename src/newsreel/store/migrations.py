"""Schema versions and the steps between them.

Version 1 is the whole schema of `schema.py`. Each later step is a function
`(connection) -> None` appended to STEPS (needed for changes to existing
tables: new columns, new indexes, data moves); `migrate` runs the missing ones
in order inside one transaction and records the version in `meta`. New
tables need no step: after the steps, every table of `schema.metadata` that
does not exist yet is created."""

from __future__ import annotations

import time
from collections.abc import Callable

from sqlalchemy import Connection, Engine, inspect, select, text
from sqlalchemy.exc import DBAPIError

from newsreel.store import schema


def _v1(conn: Connection) -> None:
    schema.metadata.create_all(conn)


STEPS: list[Callable[[Connection], None]] = [_v1]


MIGRATION_LOCK = 7_271_720  # PostgreSQL advisory lock id held while migrating


def _lock(conn: Connection) -> None:
    """Serialize migrations between processes opening the same store at once."""
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql("BEGIN IMMEDIATE")  # the write lock, waiting busy_timeout
    elif conn.dialect.name == "postgresql":
        conn.execute(text(f"SELECT pg_advisory_xact_lock({MIGRATION_LOCK})"))


def _current(conn: Connection) -> int:
    row = conn.execute(select(schema.meta.c.value).where(
        schema.meta.c.key == "schema_version")).first()
    return int(row[0]) if row else 0


def _up_to_date(engine: Engine) -> bool:
    """True when nothing is to do (checked without taking any lock)."""
    existing = set(inspect(engine).get_table_names())
    if not set(schema.metadata.tables) <= existing:
        return False
    with engine.connect() as conn:
        return _current(conn) >= len(STEPS)


def _migrate_locked(engine: Engine) -> int:
    with engine.begin() as conn:
        _lock(conn)
        schema.meta.create(conn, checkfirst=True)
        current = _current(conn)
        target = len(STEPS)
        if current >= target:
            schema.metadata.create_all(conn, checkfirst=True)
            return current
        for step in STEPS[current:]:
            step(conn)
        if current:
            conn.execute(schema.meta.update().where(schema.meta.c.key == "schema_version")
                         .values(value=str(target)))
        else:
            conn.execute(schema.meta.insert().values(key="schema_version", value=str(target)))
        schema.metadata.create_all(conn, checkfirst=True)
    return target


def migrate(engine: Engine, attempts: int = 8) -> int:
    """Bring the store to the newest version; returns that version.

    Safe when several processes open a new store at the same moment: the
    work runs under a lock (SQLite's write lock, a PostgreSQL advisory lock),
    and a race the lock cannot prevent (a lock timeout, a table created in
    between) is retried after re-reading the state."""
    if _up_to_date(engine):
        with engine.connect() as conn:
            return _current(conn)
    delay = 0.05
    for attempt in range(attempts):
        try:
            return _migrate_locked(engine)
        except DBAPIError:
            if attempt == attempts - 1:
                raise
            time.sleep(delay)
            delay = min(delay * 2, 1.0)
    raise AssertionError("unreachable")
