"""Walking the store's facts for exports, page by page (constant memory).

`walk(conn, selection)` yields one `Group` per subject entity: the entity and
its facts, each fact with its evidence and, per evidence, the source article
(title, URL, outlet, published, retrieved). Subjects are read in pages of
about `PAGE` facts (keyset pagination on the subject id, through the facts'
subject index), so memory stays bounded by one page (or one subject's facts,
if a single subject has more), whatever the size of the store. Evidence from superseded
document versions (same URL, newer body) is left out, as in the dossier.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, and_, func, or_, select, true

from newsreel.model import RELATIONS
from newsreel.store import schema

PAGE = 500
SMALL_WORDS = {"a", "an", "and", "by", "for", "in", "of", "or", "the", "to"}


@dataclass
class Selection:
    """Which facts to export: a work's, a person's (as subject or object), or all."""

    work_id: int | None = None
    person_id: int | None = None

    def where(self):
        f = schema.facts
        if self.work_id is not None:
            return f.c.subject_id == self.work_id
        if self.person_id is not None:
            return or_(f.c.subject_id == self.person_id, f.c.object_id == self.person_id)
        return true()


@dataclass
class Source:
    doc_id: str
    title: str | None
    url: str | None
    outlet: str | None
    published: str | None
    retrieved: str | None  # date the article was first seen (YYYY-MM-DD)
    source: str


@dataclass
class EvidenceRow:
    text: str
    start: int
    end: int
    confidence: float
    source: Source


@dataclass
class FactRow:
    id: int
    subject: str
    subject_type: str
    subject_id: int
    relation: str
    object: str
    object_id: int | None
    object_type: str | None
    qualifiers: dict[str, Any]
    evidence: list[EvidenceRow] = field(default_factory=list)

    @property
    def pid(self) -> str | None:
        return RELATIONS.get(self.relation, (None, ""))[0]

    @property
    def articles(self) -> int:
        return len({e.source.doc_id for e in self.evidence})

    @property
    def outlets(self) -> list[str]:
        return sorted({e.source.outlet for e in self.evidence if e.source.outlet})


@dataclass
class Group:
    subject_id: int
    subject: str
    subject_type: str
    facts: list[FactRow]


def _sources(conn: Connection, doc_ids: set[str]) -> dict[str, Source]:
    d, s = schema.documents, schema.sightings
    out: dict[str, Source] = {}
    sight: dict[str, list[Any]] = defaultdict(list)
    for r in conn.execute(select(s.c.doc_id, s.c.url, s.c.outlet, s.c.published, s.c.seen_at)
                          .where(s.c.doc_id.in_(doc_ids)).order_by(s.c.id)):
        sight[r.doc_id].append(r)
    for r in conn.execute(select(d.c.id, d.c.title, d.c.url, d.c.outlet, d.c.published,
                                 d.c.ingested_at, d.c.source).where(d.c.id.in_(doc_ids))):
        first = sight[r.id][0] if sight[r.id] else None
        url = r.url or next((x.url for x in sight[r.id] if x.url), None)
        outlet = r.outlet or next((x.outlet for x in sight[r.id] if x.outlet), None)
        seen = (first.seen_at if first else r.ingested_at) or ""
        out[r.id] = Source(r.id, r.title, url, outlet, r.published, seen[:10] or None, r.source)
    return out


def _rows(conn: Connection, where) -> list[FactRow]:
    """The facts matching `where` (ordered by subject, id) with their live evidence."""
    f, ev, e, d = schema.facts, schema.evidence, schema.entities, schema.documents
    subj, obj = e.alias("subj"), e.alias("obj")
    rows = conn.execute(
        select(f.c.id, f.c.relation, f.c.value, f.c.qualifiers, f.c.subject_id, f.c.object_id,
               subj.c.name.label("subject"), subj.c.type.label("subject_type"),
               obj.c.name.label("object_name"), obj.c.type.label("object_type"))
        .join(subj, subj.c.id == f.c.subject_id)
        .outerjoin(obj, obj.c.id == f.c.object_id)
        .where(where).order_by(f.c.subject_id, f.c.id)).all()
    if not rows:
        return []
    facts = {r.id: FactRow(r.id, r.subject, r.subject_type, r.subject_id, r.relation, r.value,
                           r.object_id, r.object_type, json.loads(r.qualifiers or "{}"))
             for r in rows}
    evs = conn.execute(
        select(ev.c.fact_id, ev.c.doc_id, ev.c.start, ev.c.end, ev.c.text, ev.c.confidence)
        .join(d, d.c.id == ev.c.doc_id)
        .where(ev.c.fact_id.in_(list(facts)), d.c.superseded_by.is_(None))
        .order_by(ev.c.id)).all()
    sources = _sources(conn, {x.doc_id for x in evs})
    for x in evs:
        facts[x.fact_id].evidence.append(
            EvidenceRow(x.text, x.start, x.end, x.confidence, sources[x.doc_id]))
    return [facts[r.id] for r in rows]


def _subject_pages(conn: Connection, selection: Selection, page: int) -> Iterator[list[int]]:
    """Subject ids in order, a page at a time (at most about `page` facts each,
    one subject at least), via the (subject_id, relation) index."""
    f = schema.facts
    after = -1
    while True:
        counts = conn.execute(
            select(f.c.subject_id, func.count()).where(selection.where(), f.c.subject_id > after)
            .group_by(f.c.subject_id).order_by(f.c.subject_id).limit(page)).all()
        if not counts:
            return
        chunk, total = [], 0
        for sid, n in counts:
            if chunk and total + n > page:
                break
            chunk.append(sid)
            total += n
        after = chunk[-1]
        yield chunk


def walk_facts(conn: Connection, selection: Selection, page: int = PAGE) -> Iterator[FactRow]:
    """Every selected fact with live evidence, ordered by (subject, id)."""
    f = schema.facts
    for chunk in _subject_pages(conn, selection, page):
        for row in _rows(conn, and_(selection.where(), f.c.subject_id.in_(chunk))):
            if row.evidence:
                yield row


def walk(conn: Connection, selection: Selection, page: int = PAGE) -> Iterator[Group]:
    """Facts grouped by subject entity, one group at a time."""
    current: Group | None = None
    for fact in walk_facts(conn, selection, page):
        if current is None or current.subject_id != fact.subject_id:
            if current is not None:
                yield current
            current = Group(fact.subject_id, fact.subject, fact.subject_type, [])
        current.facts.append(fact)
    if current is not None:
        yield current


def category_item(award: str, category: str | None) -> str:
    """The item an award or nomination points at (CONTRACTS.md 5):
    "<award> for <category>" when the category is known, else the award."""
    if not category:
        return award
    words = category.split()
    cat = " ".join(w if w.isupper() or not w.isalpha() or (i and w in SMALL_WORDS)
                   else w.capitalize() for i, w in enumerate(words))
    return f"{award} for {cat}"
