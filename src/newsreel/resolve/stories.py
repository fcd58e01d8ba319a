"""Stories: articles about the same film or event, grouped at ingest.

Method (shared-entity overlap, incremental): an article's terms are the
resolved entities it names, weighted by type (its main work 3, other works
1.5 damped, festivals and awards 2, people, characters and companies 1, damped by
how many documents name the entity, so a prolific studio never glues
stories together; outlets do not count). Candidate stories come from the
`story_terms` index of those entities only: for an article with a main work,
only the stories that have that work are read (a distributor or a prolific
actor is a term of a share of all stories, so reading every story sharing a
term would grow with the store, in time and in memory); a round-up reads the
stories sharing any of its terms and keeps the best `CANDIDATES`. Every IN
list holds at most `CHUNK` ids, so SQLite's prepared statements stay small.

- An article's main work is the one work its title names, else the work with
  clearly the most facts and mentions; a round-up of many works has none.
- An article with a main work joins the best-scoring story that already has
  that work among its terms, if that story's latest article is at most
  `GAP_DAYS` older; else it starts a story.
- An article without a main work (a festival line-up, a ceremony, a chart, a
  profile) joins the most similar of the (at most `CANDIDATES`) stories sharing
  at least `THRESHOLD` of weight with it, if the cosine similarity of its terms
  and the story's accumulated terms is at least `MIN_COSINE`; else it starts one.
Because people are resolved entities, an article about another person of
the same surname shares no term with the story.

`rebuild_stories` recomputes every story from the stored mentions and facts
(after editors' merges or splits, or with other parameters)."""

from __future__ import annotations

import math
from collections import Counter
from datetime import date

from sqlalchemy import Connection, delete, func, select

from newsreel.names import name_key
from newsreel.resolve.namekeys import WORK_TYPES
from newsreel.store import schema
from newsreel.store.db import now
from newsreel.store.upsert import insert_ignore

TYPE_WEIGHT = {"festival": 2.0, "award": 2.0, "person": 1.0, "character": 1.0,
               "organization": 1.0}
MAIN_WORK, OTHER_WORK = 3.0, 1.5
THRESHOLD = 1.5
MIN_COSINE = 0.35  # an article without a main work joins a story this similar
CANDIDATES = 10
GAP_DAYS = 240
MAX_TERMS = 40


DOMINANCE = 1.5  # the main work must outweigh the next one by this factor


def focal_work(facts: Counter[int], mentions: Counter[int], names: dict[int, str],
               title: str | None) -> int | None:
    """The work an article is about: the one work its title names, else the work
    with clearly the most facts and mentions (2 per fact, 1 per mention); None
    for a round-up of many works (a chart, an awards list), which is grouped as
    an event instead."""
    works = list(names)
    if not works:
        return None
    if title:
        t = f" {name_key(title)} "
        in_title = [w for w in works if name_key(names[w]) and f" {name_key(names[w])} " in t]
        if len(in_title) == 1:
            return in_title[0]
    score = {w: 2 * facts[w] + mentions[w] for w in works}
    ranked = sorted(works, key=lambda w: (-score[w], w))
    if len(ranked) == 1 or score[ranked[0]] >= DOMINANCE * max(score[ranked[1]], 1):
        return ranked[0]
    return None


def _doc_date(conn: Connection, doc_id: str) -> str:
    """The article's published date ("" when it has none: an undated article
    fits any story's time window)."""
    d = schema.documents
    row = conn.execute(select(d.c.published).where(d.c.id == doc_id)).first()
    return (row.published or "")[:10] if row else ""


def _days(a: str, b: str) -> int | None:
    try:
        return abs((date.fromisoformat(a[:10]) - date.fromisoformat(b[:10])).days)
    except ValueError:
        return None


def doc_terms(conn: Connection, typed: dict[int, str], main_work: int | None,
              ) -> dict[int, float]:
    """entity id -> weight of this document's story terms."""
    s = schema.entity_stats
    ids = [i for i, t in typed.items() if t in WORK_TYPES or t in TYPE_WEIGHT]
    if not ids:
        return {}
    df = dict(conn.execute(select(s.c.entity_id, s.c.docs).where(s.c.entity_id.in_(ids))).all())
    terms = {}
    for eid in ids:
        t = typed[eid]
        if eid == main_work:
            terms[eid] = MAIN_WORK
        elif t in WORK_TYPES:
            terms[eid] = OTHER_WORK / math.log2(1 + max(df.get(eid, 1), 1))
        else:
            terms[eid] = TYPE_WEIGHT[t] / math.log2(1 + max(df.get(eid, 1), 1))
    best = sorted(terms.items(), key=lambda kv: -kv[1])[:MAX_TERMS]
    return dict(best)


def _cosine(conn: Connection, terms: dict[int, float], stories: list[int]) -> dict[int, float]:
    """Cosine similarity between the document's terms and each story's
    accumulated terms (read for these few candidate stories only)."""
    if not stories:
        return {}
    st = schema.story_terms
    dot: Counter[int] = Counter()
    norm: Counter[int] = Counter()
    for sid, eid, w in conn.execute(select(st.c.story_id, st.c.entity_id, st.c.weight)
                                    .where(st.c.story_id.in_(stories))):
        norm[sid] += w * w
        dot[sid] += w * terms.get(eid, 0.0)
    dn = math.sqrt(sum(w * w for w in terms.values())) or 1.0
    return {s: dot[s] / (dn * (math.sqrt(norm[s]) or 1.0)) for s in stories}


CHUNK = 100  # ids per IN (...) list: bounded, so prepared statements stay small


def _chunks(ids: list[int]) -> list[list[int]]:
    return [ids[i:i + CHUNK] for i in range(0, len(ids), CHUNK)]


def _rows_of(conn: Connection, stories: list[int], entities: list[int],
             ) -> list[tuple[int, int]]:
    """(story, entity) rows of these stories' terms among these entities."""
    st = schema.story_terms
    rows: list[tuple[int, int]] = []
    for chunk in _chunks(stories):
        rows += conn.execute(select(st.c.story_id, st.c.entity_id).where(
            st.c.story_id.in_(chunk), st.c.entity_id.in_(entities))).all()
    return rows


def assign_story(conn: Connection, doc_id: str, typed: dict[int, str],
                 main_work: int | None) -> int | None:
    """Put one just-merged document into a story; returns the story id."""
    terms = doc_terms(conn, typed, main_work)
    when = _doc_date(conn, doc_id)
    st, sd, sy = schema.story_terms, schema.story_docs, schema.stories
    score: Counter[int] = Counter()
    has_main: list[int] = []
    if terms and main_work is not None:
        # only the stories that have the main work can take the article: score those
        # (a common term such as a distributor is shared by a share of all stories)
        if main_work in terms:
            has_main = list(conn.execute(select(st.c.story_id)
                                         .where(st.c.entity_id == main_work)).scalars())
        for sid, eid in _rows_of(conn, has_main, list(terms)):
            score[sid] += terms[eid]
    elif terms:
        for sid, eid in conn.execute(select(st.c.story_id, st.c.entity_id)
                                     .where(st.c.entity_id.in_(list(terms)))):
            score[sid] += terms[eid]
    # dates of the stories that can be chosen only (never one per story sharing a term:
    # that list, and the statement SQLite prepares for it, would grow with the store)
    candidates = has_main if main_work is not None else [
        s for s, _v in score.most_common(CANDIDATES)]
    dates = {}
    for chunk in _chunks(candidates):
        dates.update({r.id: r for r in conn.execute(
            select(sy.c.id, sy.c.first_date, sy.c.last_date).where(sy.c.id.in_(chunk)))})

    def near(sid: int) -> bool:
        r = dates.get(sid)
        if r is None or not when:
            return True
        gaps = [g for g in (_days(when, r.first_date or ""), _days(when, r.last_date or ""))
                if g is not None]
        return not gaps or min(gaps) <= GAP_DAYS or (
            (r.first_date or "") <= when <= (r.last_date or ""))

    if main_work is not None:
        pool = [s for s in has_main if near(s)]
    else:  # an event or round-up: similar enough to a story's whole profile
        top = [s for s, v in score.most_common(CANDIDATES) if v >= THRESHOLD and near(s)]
        sim = _cosine(conn, terms, top)
        pool = [s for s in top if sim[s] >= MIN_COSINE]
        score = Counter({s: sim[s] for s in pool})
    existing = conn.execute(select(sd.c.story_id).where(sd.c.doc_id == doc_id)).scalar()
    if existing is not None:
        return existing
    if pool:
        story = max(pool, key=lambda s: (score[s], -s))
        r = dates[story]
        known = [x for x in (r.first_date, r.last_date, when) if x]
        conn.execute(sy.update().where(sy.c.id == story).values(
            first_date=min(known) if known else None, last_date=max(known) if known else None))
    else:
        main = main_work if main_work is not None else (
            max(terms, key=lambda e: (terms[e], -e)) if terms else None)
        story = conn.execute(sy.insert().values(
            main_entity_id=main, first_date=when or None, last_date=when or None,
            created_at=now())).inserted_primary_key[0]
    insert_ignore(conn, sd, {"doc_id": doc_id, "story_id": story, "score": score[story]})
    if terms:
        insert_ignore(conn, st, [{"story_id": story, "entity_id": e, "weight": 0.0}
                                 for e in terms])
        for eid, w in terms.items():
            conn.execute(st.update().where(st.c.story_id == story, st.c.entity_id == eid)
                         .values(weight=st.c.weight + w))
    return story


def rebuild_stories(conn: Connection) -> int:
    """Recompute all stories from stored mentions and facts, oldest article
    first. Returns the number of stories."""
    for t in (schema.story_terms, schema.story_docs, schema.stories):
        conn.execute(delete(t))
    d, m, e, f, ev = (schema.documents, schema.mentions, schema.entities, schema.facts,
                      schema.evidence)
    docs = conn.execute(select(d.c.id, func.coalesce(d.c.published, d.c.ingested_at)
                               .label("when")).where(d.c.superseded_by.is_(None))
                        .order_by("when", d.c.id)).all()
    for doc in docs:
        typed: dict[int, str] = {}
        mentions: Counter[int] = Counter()
        for eid, etype, n in conn.execute(
                select(m.c.entity_id, e.c.type, func.count()).join(e, e.c.id == m.c.entity_id)
                .where(m.c.doc_id == doc.id).group_by(m.c.entity_id, e.c.type)):
            typed[eid] = etype
            mentions[eid] = n
        subjects: Counter[int] = Counter()
        for sid, oid, stype in conn.execute(
                select(f.c.subject_id, f.c.object_id, e.c.type).join(ev, ev.c.fact_id == f.c.id)
                .join(e, e.c.id == f.c.subject_id).where(ev.c.doc_id == doc.id)):
            typed[sid] = stype
            if stype in WORK_TYPES:
                subjects[sid] += 1
            if oid is not None and oid not in typed:
                typed[oid] = conn.execute(select(e.c.type).where(e.c.id == oid)).scalar()
        works = [i for i, t in typed.items() if t in WORK_TYPES]
        names = dict(conn.execute(select(e.c.id, e.c.name).where(e.c.id.in_(works))).all()) \
            if works else {}
        title = conn.execute(select(d.c.title).where(d.c.id == doc.id)).scalar()
        assign_story(conn, doc.id, typed, focal_work(subjects, mentions, names, title))
    return conn.execute(select(func.count()).select_from(schema.stories)).scalar_one()


def story_of(conn: Connection, doc_id: str) -> int | None:
    sd = schema.story_docs
    return conn.execute(select(sd.c.story_id).where(sd.c.doc_id == doc_id)).scalar()

