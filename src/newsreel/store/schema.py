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

# --- feeds and changes (exports/watch area) ---------------------------------

# one row per watched feed: conditional-GET validators and backoff state
feed_state = Table(
    "feed_state", metadata,
    Column("url", Text, primary_key=True),
    Column("etag", Text),
    Column("last_modified", Text),
    Column("last_polled", String(32)),
    Column("last_status", Text),  # "200", "304", or the failure reason
    Column("failures", Integer, nullable=False, default=0),
    Column("next_poll", String(32)),
)

# items of a feed already ingested (guid plus its updated stamp), so a re-poll
# fetches only new or updated items
feed_items = Table(
    "feed_items", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("feed", Text, nullable=False),
    Column("item_key", Text, nullable=False),
    Column("doc_id", String(64)),
    Column("seen_at", String(32), nullable=False),
    UniqueConstraint("feed", "item_key", name="uq_feed_items_key"),
)

# what each ingest changed in a dossier (resolve/changes.py); key is unique so
# the same change is never recorded twice
changes = Table(
    "changes", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("key", Text, nullable=False, unique=True),
    Column("kind", String(32), nullable=False),
    Column("doc_id", String(64), ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    Column("subject_id", Integer, ForeignKey("entities.id", ondelete="CASCADE")),
    Column("subject", Text),
    Column("relation", String(32)),
    Column("fact_id", Integer, ForeignKey("facts.id", ondelete="CASCADE")),
    Column("quote_id", Integer, ForeignKey("quotes.id", ondelete="CASCADE")),
    Column("value", Text),
    Column("previous", Text),  # the value it replaces or contradicts
    Column("detail", Text, nullable=False, default="{}"),  # JSON
    Column("published", String(32)),  # the reporting article's date
    Column("created_at", String(32), nullable=False),
    Index("ix_changes_subject", "subject_id"),
    Index("ix_changes_created", "created_at"),
)

# --- entity resolution, corrections and stories (resolve area) --------------

# secondary lookup keys of an entity: kind "surname" (people), "title" (a work's
# title without year or medium), "year" (a work's year), "orgbase" (a company
# name without "Pictures", "Releasing" ...); all lookups are indexed
entity_keys = Table(
    "entity_keys", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("entity_id", Integer, ForeignKey("entities.id", ondelete="CASCADE"), nullable=False),
    Column("type", String(32), nullable=False),
    Column("kind", String(16), nullable=False),
    Column("key", Text, nullable=False),
    UniqueConstraint("entity_id", "kind", "key", name="uq_entity_keys"),
    Index("ix_entity_keys_lookup", "type", "kind", "key"),
)

# the works a person or character co-occurs with (one row per pair), so people
# sharing a name or a surname are told apart by their works
entity_works = Table(
    "entity_works", metadata,
    Column("entity_id", Integer, ForeignKey("entities.id", ondelete="CASCADE"),
           primary_key=True),
    Column("work_id", Integer, ForeignKey("entities.id", ondelete="CASCADE"), primary_key=True),
    Column("docs", Integer, nullable=False, default=1),
)

# why a name was attached to an entity (first time per entity and name)
resolution_log = Table(
    "resolution_log", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("entity_id", Integer, ForeignKey("entities.id", ondelete="CASCADE"), nullable=False),
    Column("name", Text, nullable=False),
    Column("name_key", Text, nullable=False),
    Column("rule", String(32), nullable=False),
    Column("detail", Text, nullable=False, default="{}"),  # JSON: shared works, target ...
    Column("doc_id", String(64)),
    Column("created_at", String(32), nullable=False),
    UniqueConstraint("entity_id", "name_key", name="uq_resolution_log_name"),
)

# editors' corrections (merge, split, rename), re-applied to every new article
corrections = Table(
    "corrections", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("kind", String(16), nullable=False),  # merge | split | rename
    Column("etype", String(32), nullable=False),
    Column("key", Text, nullable=False),  # name key the correction applies to
    Column("name", Text, nullable=False),
    Column("target_key", Text),  # merge: the surviving entity; split: the new one
    Column("target_name", Text),
    Column("doc_id", String(64)),  # split: one row per document moved
    Column("note", Text),
    Column("created_at", String(32), nullable=False),
    Index("ix_corrections_key", "kind", "etype", "key"),
    Index("ix_corrections_doc", "doc_id"),
)

# stories: articles about one film or event, assigned incrementally at ingest
stories = Table(
    "stories", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("main_entity_id", Integer, ForeignKey("entities.id", ondelete="SET NULL")),
    Column("first_date", String(32)),  # the earliest and latest report dates
    Column("last_date", String(32)),
    Column("created_at", String(32), nullable=False),
    Index("ix_stories_main", "main_entity_id"),
)

story_docs = Table(
    "story_docs", metadata,
    Column("doc_id", String(64), ForeignKey("documents.id", ondelete="CASCADE"),
           primary_key=True),
    Column("story_id", Integer, ForeignKey("stories.id", ondelete="CASCADE"), nullable=False),
    Column("score", Float, nullable=False, default=0.0),
    Index("ix_story_docs_story", "story_id"),
)

# the entities that characterize a story, with accumulated weight
story_terms = Table(
    "story_terms", metadata,
    Column("story_id", Integer, ForeignKey("stories.id", ondelete="CASCADE"), primary_key=True),
    Column("entity_id", Integer, ForeignKey("entities.id", ondelete="CASCADE"), primary_key=True),
    Column("weight", Float, nullable=False, default=0.0),
    Index("ix_story_terms_entity", "entity_id"),
)

# documents per entity (for weighting story terms), kept up to date at ingest
entity_stats = Table(
    "entity_stats", metadata,
    Column("entity_id", Integer, ForeignKey("entities.id", ondelete="CASCADE"),
           primary_key=True),
    Column("docs", Integer, nullable=False, default=0),
)

# --- webhook deliveries (watch area) -----------------------------------------

# a webhook newsreel watch posts to: changes after `since_change` are its due
webhooks = Table(
    "webhooks", metadata,
    Column("url", Text, primary_key=True),
    Column("since_change", Integer, nullable=False, default=0),
    Column("created_at", String(32), nullable=False),
)

# each change posted to a webhook once: a restart sends what a crash left unsent
webhook_deliveries = Table(
    "webhook_deliveries", metadata,
    Column("url", Text, primary_key=True),
    Column("change_id", Integer, ForeignKey("changes.id", ondelete="CASCADE"),
           primary_key=True),
    Column("delivered_at", String(32), nullable=False),
)
