"""Writing documents and their sightings; the same body is stored once."""

from __future__ import annotations

import json
from enum import StrEnum

from sqlalchemy import Connection, and_, select

from newsreel.model import Article
from newsreel.store import schema
from newsreel.store.db import now
from newsreel.store.upsert import insert_ignore


class DocumentStatus(StrEnum):
    NEW = "new"
    SKIPPED = "skipped"  # same body already stored (a new sighting may be added)


def has_document(conn: Connection, doc_id: str) -> bool:
    return conn.execute(select(schema.documents.c.id).where(
        schema.documents.c.id == doc_id)).first() is not None


def add_sighting(conn: Connection, article: Article) -> bool:
    return insert_ignore(conn, schema.sightings, {
        "doc_id": article.id, "source": article.source, "outlet": article.outlet,
        "url": article.url, "published": article.published, "seen_at": now(),
    }) > 0


def write_document(conn: Connection, article: Article) -> DocumentStatus:
    """Store the article's body and sighting. SKIPPED when the body is known."""
    doc_id = article.id
    if has_document(conn, doc_id):
        add_sighting(conn, article)
        return DocumentStatus.SKIPPED
    inserted = insert_ignore(conn, schema.documents, {
        "id": doc_id, "body": article.body, "title": article.title,
        "published": article.published, "outlet": article.outlet, "url": article.url,
        "source": article.source, "authors": json.dumps(article.authors),
        "language": article.language, "meta": json.dumps(article.meta, default=str),
        "ingested_at": now(),
    })
    add_sighting(conn, article)
    if not inserted:  # a concurrent writer stored it first
        return DocumentStatus.SKIPPED
    if article.url:  # the same URL with a new body is a new version
        conn.execute(schema.documents.update().where(and_(
            schema.documents.c.url == article.url, schema.documents.c.id != doc_id,
            schema.documents.c.superseded_by.is_(None),
        )).values(superseded_by=doc_id))
    return DocumentStatus.NEW
