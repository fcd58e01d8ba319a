"""INSERT ... ON CONFLICT DO NOTHING for both dialects."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, Table
from sqlalchemy.dialects import postgresql, sqlite

KEEP_COUNT = {"preserve_rowcount": True}
CHUNK_ROWS = 500  # rows per multi-row INSERT (well under SQLite's bound-parameter limit)


def insert_ignore(conn: Connection, table: Table, values: dict[str, Any] | list[dict[str, Any]],
                  ) -> int:
    """Insert rows, silently skipping those that break a unique constraint.
    Returns the number of rows inserted.

    Several rows go as one multi-row INSERT per chunk (psycopg reports no row
    count for executemany), and `preserve_rowcount` keeps the count that
    SQLAlchemy otherwise drops for INSERTs with implicit RETURNING on PostgreSQL."""
    mod = postgresql if conn.dialect.name == "postgresql" else sqlite
    if isinstance(values, dict):
        return conn.execute(mod.insert(table).on_conflict_do_nothing(), values,
                            execution_options=KEEP_COUNT).rowcount or 0
    inserted = 0
    for i in range(0, len(values), CHUNK_ROWS):
        stmt = mod.insert(table).values(values[i:i + CHUNK_ROWS]).on_conflict_do_nothing()
        inserted += conn.execute(stmt, execution_options=KEEP_COUNT).rowcount or 0
    return inserted
