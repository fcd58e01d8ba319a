"""The store on SQLite and PostgreSQL: schema, migrations, documents, entities, facts."""

from __future__ import annotations

import pytest
from sqlalchemy import func, inspect, select

from newsreel.model import Article, Entity, Evidence, Fact, Quote, Record
from newsreel.resolve import merge_record
from newsreel.store import DocumentStatus, open_engine, resolve_url, schema, write_document
from newsreel.store.db import schema_version
from newsreel.store.migrations import STEPS
from newsreel.store.upsert import insert_ignore


def _record(article: Article) -> Record:
    body = article.body
    s = body.index("Ada Vance")
    return Record(
        doc=article.doc_dict(),
        entities=[Entity("Ada Vance", "person", mentions=[(s, s + 9)]),
                  Entity("The Salt Road", "film", aliases=["Saltroad"],
                         mentions=[(0, 13)])],
        facts=[Fact("The Salt Road", "director", "Ada Vance",
                    Evidence(0, len(body), body), confidence=0.9,
                    subject_type="film", object_type="person"),
               Fact("The Salt Road", "release_date", "2025-03-04",
                    Evidence(0, 13, body[:13]), qualifiers={"region": "GB",
                                                            "release_type": "theatrical"},
                    subject_type="film")],
        quotes=[Quote("Ada Vance", "It is a film about roads.", 0, 13, outlet="Reel Weekly")],
    )


ART = Article(body="The Salt Road is directed by Ada Vance. “It is a film about roads.”",
              source="a.txt", title="Salt", published="2025-01-02", outlet="Reel Weekly",
              url="https://example.org/salt")


def test_resolve_url_forms(tmp_path):
    assert resolve_url("postgresql://me@127.0.0.1:5433/news") == \
        "postgresql+psycopg://me@127.0.0.1:5433/news"
    assert resolve_url("postgres://me@h/db") == "postgresql+psycopg://me@h/db"
    assert resolve_url(str(tmp_path / "x.db")) == f"sqlite:///{tmp_path / 'x.db'}"
    assert resolve_url("sqlite:////abs/x.db") == "sqlite:////abs/x.db"


def test_open_creates_every_table_and_version(store_url):
    engine = open_engine(store_url)
    names = set(inspect(engine).get_table_names())
    assert set(schema.metadata.tables) <= names
    assert schema_version(engine) == len(STEPS)
    engine.dispose()
    again = open_engine(store_url)  # reopening migrates nothing and keeps the version
    assert schema_version(again) == len(STEPS)
    again.dispose()


def test_same_body_is_one_document_with_two_sightings(store_url):
    engine = open_engine(store_url)
    other = Article(body=ART.body, source="b.txt", outlet="Other Paper")
    with engine.begin() as conn:
        assert write_document(conn, ART) is DocumentStatus.NEW
        assert write_document(conn, other) is DocumentStatus.SKIPPED
        assert write_document(conn, other) is DocumentStatus.SKIPPED
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(schema.documents)).scalar() == 1
        sources = conn.execute(select(schema.sightings.c.source)
                               .order_by(schema.sightings.c.id)).scalars().all()
    assert sources == ["a.txt", "b.txt"]
    engine.dispose()


def test_new_body_at_same_url_supersedes(store_url):
    engine = open_engine(store_url)
    newer = Article(body=ART.body + " Updated.", source="a2.txt", url=ART.url)
    with engine.begin() as conn:
        write_document(conn, ART)
        write_document(conn, newer)
    with engine.connect() as conn:
        row = conn.execute(select(schema.documents.c.superseded_by)
                           .where(schema.documents.c.id == ART.id)).one()
    assert row.superseded_by == newer.id
    engine.dispose()


def test_insert_ignore_counts_only_new_rows(store_url):
    engine = open_engine(store_url)
    rows = [{"type": "person", "name": n, "key": n.lower(), "created_at": "t"}
            for n in ("Ada", "Bo", "Ada")]
    with engine.begin() as conn:
        assert insert_ignore(conn, schema.entities, rows[:2]) == 2
        assert insert_ignore(conn, schema.entities, rows[2]) == 0
        assert insert_ignore(conn, schema.entities, []) == 0
    engine.dispose()


def test_merge_record_twice_corroborates_without_duplicates(store_url):
    engine = open_engine(store_url)
    second = Article(body=ART.body + " More.", source="b.txt", outlet="Other Paper")
    with engine.begin() as conn:
        write_document(conn, ART)
        first = merge_record(conn, ART.id, _record(ART))
        write_document(conn, second)
        merge_record(conn, second.id, _record(second))
    assert first.facts == 2 and first.quotes == 1
    with engine.connect() as conn:
        count = lambda t: conn.execute(select(func.count()).select_from(t)).scalar()  # noqa: E731
        assert count(schema.facts) == 2
        assert count(schema.evidence) == 4
        assert count(schema.quotes) == 2
        films = conn.execute(select(schema.entities.c.id).where(
            schema.entities.c.type == "film")).all()
        assert len(films) == 1
        alias = conn.execute(select(schema.aliases.c.alias)).scalars().all()
        assert alias == ["Saltroad"]
        slot = conn.execute(select(schema.facts.c.slot).where(
            schema.facts.c.relation == "release_date")).scalar()
        assert slot.endswith("|release_date|GB|theatrical")
    engine.dispose()


def test_text_round_trips_unicode_and_quotes(store_url):
    engine = open_engine(store_url)
    art = Article(body="Zoë’s “Crème” — 映画 it's 'fine' \\ done", source="u.txt")
    with engine.begin() as conn:
        write_document(conn, art)
    with engine.connect() as conn:
        body = conn.execute(select(schema.documents.c.body)).scalar()
    assert body == art.body
    engine.dispose()


def test_unreachable_postgres_is_a_store_error():
    from newsreel.store import StoreError

    with pytest.raises(StoreError, match="cannot open store"):
        open_engine("postgresql://nobody@127.0.0.1:1/none")
