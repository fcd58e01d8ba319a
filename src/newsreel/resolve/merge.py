"""Merging one article's extraction record into the store's entities and facts.

Works are resolved first, so that people and characters can be told apart by
the works the article names; then everything else; then facts (by key, with
every span as evidence), quotes, the works each person is known with, and
the article's story."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass

from sqlalchemy import Connection, select

from newsreel.model import RELATIONS, Record
from newsreel.names import name_key
from newsreel.resolve.entities import Resolver
from newsreel.resolve.keys import fact_key, fact_slot, refine_release_type
from newsreel.resolve.namekeys import WORK_TYPES, canonical_name
from newsreel.store import schema
from newsreel.store.db import now
from newsreel.store.upsert import insert_ignore

ENTITY_OBJECTS = {"person", "work", "organization", "festival", "award"}
PERSON_RELATIONS = {rel for rel, (_p, kind) in RELATIONS.items() if kind == "person"}


@dataclass
class MergeCounts:
    entities: int = 0
    facts: int = 0
    quotes: int = 0


def _object_type(relation: str, declared: str | None) -> str | None:
    kind = RELATIONS.get(relation, (None, "text"))[1]
    if kind not in ENTITY_OBJECTS:
        return None
    return declared or kind


def _characters(record: Record) -> set[str]:
    """Names the record uses as characters (and never as a credited person)."""
    chars = {name_key(f.qualifiers.get("character")) for f in record.facts
             if f.qualifiers.get("character")}
    people = {name_key(f.object) for f in record.facts if f.relation in PERSON_RELATIONS}
    return {c for c in chars if c and c not in people}


def _work_named(conn: Connection, record: Record, name: str) -> str | None:
    """The work type of a known work with exactly this name (in this record, else
    in the store), for a name the record typed as a company."""
    key = name_key(name)
    for ent in record.entities:
        if ent.type in WORK_TYPES and name_key(ent.name) == key:
            return ent.type
    for fact in record.facts:
        if fact.subject_type in WORK_TYPES and name_key(fact.subject) == key:
            return fact.subject_type
    e = schema.entities
    row = conn.execute(select(e.c.type).where(e.c.type.in_(WORK_TYPES), e.c.key == key)
                       .limit(1)).first()
    return row.type if row else None


def _retype(conn: Connection, record: Record) -> dict[str, str]:
    """Repairs of entity types the resolver can make safely: a name the record
    uses as a character is a character, not a person; a "company" with the exact
    name of a known work, used in no company relation here and unknown to the
    organizations gazetteer, is that work."""
    chars = _characters(record)
    org_used = {name_key(f.object) for f in record.facts
                if RELATIONS.get(f.relation, (None, ""))[1] == "organization"}
    org_used |= {name_key(f.subject) for f in record.facts}
    out: dict[str, str] = {}
    for ent in record.entities:
        key = name_key(ent.name)
        if ent.type == "person" and key in chars:
            out[ent.name] = "character"
        elif ent.type == "organization" and key not in org_used \
                and canonical_name("organization", ent.name) == ent.name.strip() \
                and not _known_org(ent.name):
            work = _work_named(conn, record, ent.name)
            if work:
                out[ent.name] = work
    return out


def _known_org(name: str) -> bool:
    from newsreel.extract.gazetteer import gazetteer

    return gazetteer("organization").lookup(name) is not None


def merge_record(conn: Connection, doc_id: str, record: Record) -> MergeCounts:
    counts = MergeCounts()
    res = Resolver(conn, doc_id)
    retyped = _retype(conn, record)
    ents = []
    for ent in record.entities:
        ents.append((retyped.get(ent.name, ent.type), ent))
    declared = {ent.name: etype for etype, ent in ents}
    ids: dict[tuple[str, str], int] = {}

    def subject_type(fact) -> str:
        return fact.subject_type or declared.get(fact.subject) or "film"

    # 1. works: from the entities and from the facts' subjects and objects
    mentions_of: Counter[int] = Counter()
    for etype, ent in ents:
        if etype in WORK_TYPES:
            eid = res.resolve(etype, ent.name, ent.aliases)
            ids[(etype, ent.name)] = eid
            mentions_of[eid] += len(ent.mentions)
    for fact in record.facts:
        st = subject_type(fact)
        if st in WORK_TYPES and (st, fact.subject) not in ids:
            ids[(st, fact.subject)] = res.resolve(st, fact.subject)
        ot = _object_type(fact.relation, fact.object_type or declared.get(fact.object))
        if ot in WORK_TYPES and (ot, fact.object) not in ids:
            ids[(ot, fact.object)] = res.resolve(ot, fact.object)
    subjects = Counter(ids[(subject_type(f), f.subject)] for f in record.facts
                       if (subject_type(f), f.subject) in ids)
    res.fact_works = set(subjects)
    if res.works:
        res.main_work = max(res.works, key=lambda w: (subjects[w], mentions_of[w], -w))

    # 2. the character -> work map from the facts
    work_of_char: dict[str, int] = {}
    for fact in record.facts:
        c = fact.qualifiers.get("character")
        sid = ids.get((subject_type(fact), fact.subject))
        if c and sid is not None:
            work_of_char.setdefault(name_key(c), sid)

    def resolve(etype: str, name: str, aliases=()) -> int:
        if (etype, name) in ids:
            return ids[(etype, name)]
        work = work_of_char.get(name_key(name), res.main_work) if etype == "character" \
            else None
        eid = res.resolve(etype, name, aliases, work_id=work)
        ids[(etype, name)] = eid
        return eid

    # 3. the other entities (people after organizations, characters last)
    order = {"person": 1, "character": 2}
    for etype, ent in sorted(ents, key=lambda x: order.get(x[0], 0)):
        eid = resolve(etype, ent.name, ent.aliases)
        counts.entities += 1
        insert_ignore(conn, schema.mentions, [
            {"doc_id": doc_id, "entity_id": eid, "start": s, "end": e}
            for s, e in ent.mentions])

    # 4. facts
    f = schema.facts
    for fact in record.facts:
        sid = resolve(subject_type(fact), fact.subject)
        otype = _object_type(fact.relation, fact.object_type or declared.get(fact.object))
        oid = resolve(otype, fact.object) if otype else None
        q = {k: v for k, v in fact.qualifiers.items() if v is not None}
        if q.get("character"):
            resolve("character", q["character"])
        # an entity object is the entity, whatever this article calls it
        key = fact_key(sid, fact.relation, f"entity {oid}" if oid else fact.object, q)
        row = conn.execute(select(f.c.id, f.c.qualifiers).where(f.c.key == key)).first()
        if row is None:
            insert_ignore(conn, f, {
                "key": key, "subject_id": sid, "relation": fact.relation, "object_id": oid,
                "value": fact.object, "qualifiers": json.dumps(q, sort_keys=True),
                "slot": fact_slot(sid, fact.relation, fact.object, q), "created_at": now(),
            })
            row = conn.execute(select(f.c.id, f.c.qualifiers).where(f.c.key == key)).first()
        else:
            _refine(conn, row, sid, fact.relation, fact.object, q)
        ev = fact.evidence
        insert_ignore(conn, schema.evidence, {
            "fact_id": row.id, "doc_id": doc_id, "start": ev.start, "end": ev.end,
            "text": ev.text, "confidence": fact.confidence,
            "qualifiers": json.dumps(q, sort_keys=True)})
        counts.facts += 1

    # 5. quotes
    for quote in record.quotes:
        sid = resolve(quote.speaker_type or "person", quote.speaker) if quote.speaker else None
        counts.quotes += insert_ignore(conn, schema.quotes, {
            "doc_id": doc_id, "speaker_id": sid, "speaker": quote.speaker, "text": quote.text,
            "start": quote.start, "end": quote.end, "outlet": quote.outlet,
            "interviewer": quote.interviewer})

    # 6. what later articles resolve against: works known with, document counts, story
    typed = {}
    for (etype, _name), eid in ids.items():
        typed[eid] = etype
    res.note_cooccurrence(eid for eid, t in typed.items() if t in ("person", "character"))
    res.note_documents(typed)
    from newsreel.resolve.stories import assign_story, focal_work

    work_names = {eid: name for (etype, name), eid in ids.items() if etype in WORK_TYPES}
    assign_story(conn, doc_id, typed, focal_work(subjects, mentions_of, work_names,
                                                 record.doc.get("title")))
    return counts


def _refine(conn: Connection, row, sid: int, relation: str, value: str, q: dict) -> None:
    """Fill qualifiers the earlier articles did not give; a specific theatrical
    kind (limited, wide) refines a plain "theatrical" date (and its slot)."""
    f = schema.facts
    merged = json.loads(row.qualifiers)
    extra = {k: v for k, v in q.items() if k not in merged}
    changed = bool(extra)
    merged.update(extra)
    if relation == "release_date":
        kind = refine_release_type(merged.get("release_type"), q.get("release_type"))
        if kind != merged.get("release_type"):
            merged["release_type"] = kind
            changed = True
    if changed:
        conn.execute(f.update().where(f.c.id == row.id).values(
            qualifiers=json.dumps(merged, sort_keys=True),
            slot=fact_slot(sid, relation, value, merged)))
