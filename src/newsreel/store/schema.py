"""The tables (SQLAlchemy Core), one schema for SQLite and PostgreSQL.

documents   one row per distinct body (id = sha256 of the body)
sightings   where a body was seen: source, outlet, url, published (wire copy
            run by two outlets is one document with two sightings)
entities    resolved entities across articles (unique per type and key)
aliases     other names of an entity
mentions    character spans of entities in documents
facts       one row per claim (unique key), qualifiers as JSON
evidence    every span that supports a fact, with its document
quotes      direct speech with speaker, outlet and interviewer
"""

from __future__ import annotations

from sqlalchemy import (
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

SCHEMA_VERSION = 1

metadata = MetaData()

meta = Table(
    "meta", metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)

documents = Table(
    "documents", metadata,
    Column("id", String(64), primary_key=True),
    Column("body", Text, nullable=False),
    Column("title", Text),
    Column("published", String(32)),
    Column("outlet", Text),
    Column("url", Text),
    Column("source", Text, nullable=False),
    Column("authors", Text, nullable=False, default="[]"),
    Column("language", String(16), nullable=False, default="en"),
    Column("meta", Text, nullable=False, default="{}"),
    Column("ingested_at", String(32), nullable=False),
    Column("superseded_by", String(64)),  # a newer version at the same URL
    Index("ix_documents_url", "url"),
)

sightings = Table(
    "sightings", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("doc_id", String(64), ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    Column("source", Text, nullable=False),
    Column("outlet", Text),
    Column("url", Text),
    Column("published", String(32)),
    Column("seen_at", String(32), nullable=False),
    UniqueConstraint("doc_id", "source", name="uq_sightings_doc_source"),
)

entities = Table(
    "entities", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("type", String(32), nullable=False),
    Column("name", Text, nullable=False),
    Column("key", Text, nullable=False),
    Column("created_at", String(32), nullable=False),
    UniqueConstraint("type", "key", name="uq_entities_type_key"),
    Index("ix_entities_name", "name"),
)

aliases = Table(
    "aliases", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("entity_id", Integer, ForeignKey("entities.id", ondelete="CASCADE"), nullable=False),
    Column("alias", Text, nullable=False),
    Column("key", Text, nullable=False),
    UniqueConstraint("entity_id", "key", name="uq_aliases_entity_key"),
    Index("ix_aliases_key", "key"),
)

mentions = Table(
    "mentions", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("doc_id", String(64), ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    Column("entity_id", Integer, ForeignKey("entities.id", ondelete="CASCADE"), nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    UniqueConstraint("doc_id", "entity_id", "start", name="uq_mentions_span"),
    Index("ix_mentions_entity", "entity_id"),
)

facts = Table(
    "facts", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("key", Text, nullable=False, unique=True),
    Column("subject_id", Integer, ForeignKey("entities.id", ondelete="CASCADE"), nullable=False),
    Column("relation", String(32), nullable=False),
    Column("object_id", Integer, ForeignKey("entities.id", ondelete="CASCADE")),
    Column("value", Text, nullable=False),  # the object as text (name, date, money)
    Column("qualifiers", Text, nullable=False, default="{}"),
    # single-valued relations: facts sharing a slot and differing in value conflict
    Column("slot", Text),
    Column("created_at", String(32), nullable=False),
    Index("ix_facts_subject", "subject_id", "relation"),
    Index("ix_facts_slot", "slot"),
    Index("ix_facts_object", "object_id"),
)

evidence = Table(
    "evidence", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("fact_id", Integer, ForeignKey("facts.id", ondelete="CASCADE"), nullable=False),
    Column("doc_id", String(64), ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("confidence", Float, nullable=False),
    Column("qualifiers", Text, nullable=False, default="{}"),  # as this article gave them
    UniqueConstraint("fact_id", "doc_id", "start", "end", name="uq_evidence_span"),
    Index("ix_evidence_doc", "doc_id"),
)

quotes = Table(
    "quotes", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("doc_id", String(64), ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    Column("speaker_id", Integer, ForeignKey("entities.id", ondelete="SET NULL")),
    Column("speaker", Text),
    Column("text", Text, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("outlet", Text),
    Column("interviewer", Text),
    UniqueConstraint("doc_id", "start", name="uq_quotes_span"),
    Index("ix_quotes_speaker", "speaker_id"),
)
