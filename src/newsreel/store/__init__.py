"""The database: schema, opening a store, writing documents (SQLAlchemy Core).

SQLite (one file, WAL) is the default; PostgreSQL through psycopg 3."""

from newsreel.store.db import StoreError, open_engine, resolve_url
from newsreel.store.documents import DocumentStatus, write_document

__all__ = ["DocumentStatus", "StoreError", "open_engine", "resolve_url", "write_document"]
