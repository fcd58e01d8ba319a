"""INSERT ... ON CONFLICT DO NOTHING for both dialects."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, Table
from sqlalchemy.dialects import postgresql, sqlite


def insert_ignore(conn: Connection, table: Table, values: dict[str, Any] | list[dict[str, Any]],
                  ) -> int:
    """Insert rows, silently skipping those that break a unique constraint.
    Returns the number of rows inserted."""
    if isinstance(values, list) and not values:
        return 0
    dialect = conn.dialect.name
    mod = postgresql if dialect == "postgresql" else sqlite
    stmt = mod.insert(table).on_conflict_do_nothing()
    result = conn.execute(stmt, values)
    return result.rowcount or 0
