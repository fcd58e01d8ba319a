"""Stories (resolve/stories.py): the list, and one story's articles in order."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, func, select

from newsreel.resolve.namekeys import canonical_outlet
from newsreel.store import schema


def _titles(conn: Connection, ids: list[int]) -> dict[int, dict[str, Any]]:
    """story id -> its main entity and its strongest terms."""
    sy, st, e = schema.stories, schema.story_terms, schema.entities
    out: dict[int, dict[str, Any]] = {}
    for r in conn.execute(select(sy.c.id, e.c.id.label("eid"), e.c.name, e.c.type)
                          .outerjoin(e, e.c.id == sy.c.main_entity_id).where(sy.c.id.in_(ids))):
        out[r.id] = {"title": r.name, "main": {"id": r.eid, "name": r.name, "type": r.type}
                     if r.eid else None, "terms": []}
    for r in conn.execute(select(st.c.story_id, e.c.name, e.c.type, st.c.weight)
                          .join(e, e.c.id == st.c.entity_id).where(st.c.story_id.in_(ids))
                          .order_by(st.c.story_id, st.c.weight.desc())):
        terms = out[r.story_id]["terms"]
        if len(terms) < 6:
            terms.append({"name": r.name, "type": r.type, "weight": round(r.weight, 2)})
    for info in out.values():
        if not info["title"] and info["terms"]:
            info["title"] = info["terms"][0]["name"]
    return out


def list_stories(conn: Connection, limit: int = 100, offset: int = 0, min_articles: int = 1,
                 ) -> list[dict[str, Any]]:
    """Stories, the largest and latest first."""
    sy, sd = schema.stories, schema.story_docs
    n = func.count(sd.c.doc_id).label("articles")
    rows = conn.execute(select(sy.c.id, sy.c.first_date, sy.c.last_date, n)
                        .join(sd, sd.c.story_id == sy.c.id).group_by(sy.c.id)
                        .having(n >= min_articles)
                        .order_by(n.desc(), sy.c.last_date.desc(), sy.c.id)
                        .limit(limit).offset(offset)).all()
    titles = _titles(conn, [r.id for r in rows])
    return [{"id": r.id, "title": titles[r.id]["title"], "main": titles[r.id]["main"],
             "articles": r.articles, "first_date": r.first_date, "last_date": r.last_date,
             "terms": titles[r.id]["terms"]} for r in rows]


def get_story(conn: Connection, story_id: int) -> dict[str, Any] | None:
    """One story with its articles, oldest first."""
    sy, sd, d = schema.stories, schema.story_docs, schema.documents
    row = conn.execute(select(sy).where(sy.c.id == story_id)).first()
    if row is None:
        return None
    docs = conn.execute(select(d.c.id, d.c.title, d.c.outlet, d.c.published, d.c.ingested_at,
                               d.c.source, sd.c.score)
                        .join(sd, sd.c.doc_id == d.c.id).where(sd.c.story_id == story_id)
                        .order_by(func.coalesce(d.c.published, d.c.ingested_at), d.c.id)).all()
    info = _titles(conn, [story_id])[story_id]
    return {"id": story_id, "title": info["title"], "main": info["main"],
            "first_date": row.first_date, "last_date": row.last_date, "terms": info["terms"],
            "articles": [{"doc_id": x.id, "title": x.title, "outlet": canonical_outlet(x.outlet),
                          "published": x.published, "date": (x.published or x.ingested_at
                                                             or "")[:10],
                          "source": x.source, "score": round(x.score, 2)} for x in docs]}


def story_for_document(conn: Connection, doc_id: str) -> int | None:
    sd = schema.story_docs
    return conn.execute(select(sd.c.story_id).where(sd.c.doc_id.like(doc_id + "%"))
                        .limit(1)).scalar()
