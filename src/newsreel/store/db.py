"""Opening a store: URL forms, the default SQLite file, pragmas, migrations."""

from __future__ import annotations

import os
import sqlite3
import time
from datetime import UTC, datetime
from pathlib import Path

from platformdirs import user_data_dir
from sqlalchemy import Engine, create_engine, event, select
from sqlalchemy.engine import make_url

from newsreel.store import schema
from newsreel.store.migrations import migrate

ENV_VAR = "NEWSREEL_DB"


def now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def default_path() -> Path:
    return Path(user_data_dir("newsreel", appauthor=False)) / "newsreel.db"


def resolve_url(db: str | None) -> str:
    """`--db` value (or NEWSREEL_DB, or the default file) as a SQLAlchemy URL."""
    db = db or os.environ.get(ENV_VAR) or str(default_path())
    if db.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + db.split("://", 1)[1]
    if "://" in db:
        return db
    return "sqlite:///" + str(Path(db).expanduser().resolve())


def _sqlite_pragmas(dbapi_conn, _record) -> None:  # pragma: no cover - driver hook
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA busy_timeout=30000")
    # WAL is a property of the file: switch once. The switch needs an exclusive
    # lock and SQLite does not wait for it, so processes opening a new store at
    # the same moment retry briefly.
    for attempt in range(50):
        try:
            if cur.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
                cur.execute("PRAGMA journal_mode=WAL")
            break
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) and "busy" not in str(exc) or attempt == 49:
                raise
            time.sleep(0.02 * (1 + attempt % 5))
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()


class StoreError(Exception):
    """The store cannot be opened or used; the message says why."""


def open_engine(db: str | None = None, *, create: bool = True) -> Engine:
    url = resolve_url(db)
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        path = parsed.database
        if path and path != ":memory:":
            p = Path(path)
            if not create and not p.exists():
                raise StoreError(f"no store at {p}")
            try:
                p.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(f"cannot create {p.parent}: {exc.strerror}") from None
        engine = create_engine(url, connect_args={"timeout": 30})
        event.listen(engine, "connect", _sqlite_pragmas)
    else:
        engine = create_engine(url, pool_pre_ping=True)
    try:
        migrate(engine)
    except Exception as exc:
        engine.dispose()
        raise StoreError(f"cannot open store {parsed.render_as_string(hide_password=True)}: "
                         f"{str(exc).splitlines()[0]}") from None
    return engine


def schema_version(engine: Engine) -> int:
    with engine.connect() as conn:
        row = conn.execute(select(schema.meta.c.value).where(
            schema.meta.c.key == "schema_version")).first()
    return int(row[0]) if row else 0
