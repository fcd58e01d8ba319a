"""Finding or creating the store entity for a name an article uses.

`Resolver` resolves the names of one article against the store with indexed
lookups only (entity key, alias key, and `entity_keys` rows for surnames,
title years and company base names), so its cost grows with the article's
entities, never with the store. Rules, in order:

- editors' corrections first (a merged name goes to the surviving entity, a
  document split off an entity goes to the new one);
- outlets, festivals, awards, organizations: the gazetteer's canonical name
  ("EW" -> "Entertainment Weekly"), then the exact key, then a company name
  without "Pictures"/"Releasing"... when exactly one entity has it;
- works: the title without a "(1987 novel)" note; a different year keeps
  two works apart;
- people: the same full name (several entities sharing it are told apart by
  the works the article names); a surname alone or a short/initial/nickname
  form joins a same-surname person only when the article shares a work with
  them, or (given names only) when that person is the only candidate and
  nothing contradicts it; otherwise a new entity;
- characters are keyed by their work ("Adam" of one film is not "Adam" of
  another).

Every non-trivial attachment of a name to an entity is logged in
`resolution_log` (for `newsreel why-merged`)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from sqlalchemy import Connection, func, select

from newsreel.names import name_key
from newsreel.resolve.namekeys import (
    GAZETTEER_TYPES,
    WORK_TYPES,
    canonical_name,
    given_compatible,
    given_kind,
    org_base,
    person_parts,
    title_parts,
)
from newsreel.store import schema
from newsreel.store.db import now
from newsreel.store.upsert import insert_ignore

MAX_HOPS = 5
MAX_WORKS = 8
MAX_CANDIDATES = 500  # namesakes considered for a surname (a bound, not a scan)


class Resolver:
    """Resolves the names of one document (or of no document, doc_id=None)."""

    def __init__(self, conn: Connection, doc_id: str | None = None) -> None:
        self.conn = conn
        self.doc_id = doc_id
        self.works: set[int] = set()  # works this document names (resolved ids)
        self.main_work: int | None = None
        self.cache: dict[tuple[str, str, int | None], int] = {}
        self._splits: dict[tuple[str, str], str] | None = None
        self._merges: bool | None = None  # does the store hold any merge correction?
        self.fact_works: set[int] = set()  # works the article states facts about

    # -- public ------------------------------------------------------------
    def resolve(self, etype: str, name: str, aliases: Iterable[str] = (),
                work_id: int | None = None) -> int:
        name = " ".join(name.split())
        ck = (etype, name, work_id if etype == "character" else None)
        if ck in self.cache:
            return self.cache[ck]
        if etype in GAZETTEER_TYPES:
            eid = self._gazetteer_kind(etype, name)
        elif etype in WORK_TYPES:
            eid = self._work(etype, name)
        elif etype == "person":
            eid = self._person(name)
        elif etype == "character":
            eid = self._character(name, work_id)
        else:
            eid = self._plain(etype, name)
        eid = self._apply_split(etype, eid)
        for alias in aliases:
            self._add_alias(eid, etype, alias, "alias_in_article")
        self.cache[ck] = eid
        if etype in WORK_TYPES:
            self.works.add(eid)
        return eid

    # -- lookups -----------------------------------------------------------
    def _by_key(self, etype: str, key: str) -> list[int]:
        e, a = schema.entities, schema.aliases
        ids = list(self.conn.execute(select(e.c.id).where(e.c.type == etype, e.c.key == key))
                   .scalars())
        # aliases by their key index first (a join lets SQLite scan entities by type)
        via = [i for i in self.conn.execute(select(a.c.entity_id).where(a.c.key == key))
               .scalars() if i not in ids]
        if via:
            ids += list(self.conn.execute(select(e.c.id).where(e.c.id.in_(via),
                                                               e.c.type == etype)).scalars())
        return ids

    def _by_index(self, etype: str, kind: str, key: str) -> list[int]:
        k = schema.entity_keys
        return list(dict.fromkeys(self.conn.execute(
            select(k.c.entity_id).where(k.c.type == etype, k.c.kind == kind, k.c.key == key)
            .limit(MAX_CANDIDATES)).scalars()))

    def _keys_of(self, ids: list[int], kind: str) -> dict[int, set[str]]:
        k = schema.entity_keys
        out: dict[int, set[str]] = {}
        for eid, key in self.conn.execute(select(k.c.entity_id, k.c.key).where(
                k.c.entity_id.in_(ids), k.c.kind == kind)):
            out.setdefault(eid, set()).add(key)
        return out

    def _names(self, ids: list[int]) -> dict[int, str]:
        e = schema.entities
        return dict(self.conn.execute(select(e.c.id, e.c.name).where(e.c.id.in_(ids))).all())

    def _support(self, ids: list[int]) -> dict[int, int]:
        s = schema.entity_stats
        return dict(self.conn.execute(select(s.c.entity_id, s.c.docs)
                                      .where(s.c.entity_id.in_(ids))).all())

    def _overlap(self, ids: list[int]) -> dict[int, list[int]]:
        """candidate -> the works of this document it is already known with."""
        if not ids or not self.works:
            return {}
        w = schema.entity_works
        out: dict[int, list[int]] = {}
        for eid, wid in self.conn.execute(select(w.c.entity_id, w.c.work_id).where(
                w.c.entity_id.in_(ids), w.c.work_id.in_(self.works))):
            out.setdefault(eid, []).append(wid)
        return out

    def _has_works(self, ids: list[int]) -> set[int]:
        w = schema.entity_works
        return set(self.conn.execute(select(w.c.entity_id).where(w.c.entity_id.in_(ids))
                                     .group_by(w.c.entity_id)).scalars())

    def _best(self, ids: list[int]) -> int:
        """Among same-name candidates: most shared works, then most documents, then oldest."""
        if len(ids) == 1:
            return ids[0]
        overlap = self._overlap(ids)
        support = self._support(ids)
        return max(ids, key=lambda i: (len(overlap.get(i, [])), support.get(i, 0), -i))

    # -- corrections -------------------------------------------------------
    def _redirect(self, etype: str, key: str) -> int | None:
        """An editor merged this name into another entity: follow it."""
        c, e = schema.corrections, schema.entities
        if self._merges is None:
            self._merges = self.conn.execute(select(c.c.id).where(c.c.kind == "merge")
                                             .limit(1)).first() is not None
        if not self._merges:
            return None
        seen = set()
        target = None
        for _ in range(MAX_HOPS):
            row = self.conn.execute(select(c.c.target_key).where(
                c.c.kind == "merge", c.c.etype == etype, c.c.key == key)
                .order_by(c.c.id.desc()).limit(1)).first()
            if row is None or row.target_key in seen:
                break
            seen.add(row.target_key)
            key = row.target_key
            target = self.conn.execute(select(e.c.id).where(
                e.c.type == etype, e.c.key == key)).scalar()
        return target

    def _apply_split(self, etype: str, eid: int) -> int:
        """An editor split this document off the entity: use the split-off one."""
        if self.doc_id is None:
            return eid
        if self._splits is None:
            c, d = schema.corrections, schema.documents
            docs = [self.doc_id]
            url = self.conn.execute(select(d.c.url).where(d.c.id == self.doc_id)).scalar()
            if url:  # a split of an earlier version of this article holds for this one
                docs += [i for i in self.conn.execute(select(d.c.id).where(d.c.url == url))
                         .scalars() if i != self.doc_id]
            self._splits = {(r.etype, r.key): r.target_key for r in self.conn.execute(
                select(c.c.etype, c.c.key, c.c.target_key).where(
                    c.c.kind == "split", c.c.doc_id.in_(docs)).order_by(c.c.id))}
        if not self._splits:
            return eid
        e = schema.entities
        key = self.conn.execute(select(e.c.key).where(e.c.id == eid)).scalar()
        target_key = self._splits.get((etype, key))
        if target_key is None:
            return eid
        target = self.conn.execute(select(e.c.id).where(
            e.c.type == etype, e.c.key == target_key)).scalar()
        return target if target is not None else eid

    # -- writing -----------------------------------------------------------
    def _create(self, etype: str, name: str, key: str, rule: str = "new",
                detail: dict[str, Any] | None = None) -> int:
        e = schema.entities
        final = key
        if self.conn.execute(select(e.c.id).where(e.c.type == etype, e.c.key == key)
                             ).first() is not None:
            # a second entity of this name: its key gets its own id (two statements,
            # whatever the number of namesakes)
            eid = self.conn.execute(e.insert().values(
                type=etype, name=name, key=f"{key}#new:{self.doc_id}:{now()}",
                created_at=now())).inserted_primary_key[0]
            final = f"{key}#{eid}"
            self.conn.execute(e.update().where(e.c.id == eid).values(key=final))
        else:
            insert_ignore(self.conn, e, {"type": etype, "name": name, "key": final,
                                         "created_at": now()})
            eid = self.conn.execute(select(e.c.id).where(e.c.type == etype, e.c.key == final)
                                    ).scalar_one()
        if final != key:  # a second entity of that name: findable by the name itself
            insert_ignore(self.conn, schema.aliases, {"entity_id": eid, "alias": name,
                                                      "key": key})
        self._index(eid, etype, name)
        self.log(eid, name, rule if final == key else "homonym", detail or {})
        return eid

    def _index(self, eid: int, etype: str, name: str) -> None:
        rows = []
        if etype == "person":
            p = person_parts(name)
            if p.surname:
                rows.append({"kind": "surname", "key": p.surname})
        elif etype in WORK_TYPES:
            t = title_parts(name)
            if t.year:
                rows.append({"kind": "year", "key": t.year})
        elif etype == "organization":
            base = org_base(name)
            if base and base != name_key(name):
                rows.append({"kind": "orgbase", "key": base})
        if rows:
            insert_ignore(self.conn, schema.entity_keys, [
                {"entity_id": eid, "type": etype, **r} for r in rows])

    def _add_alias(self, eid: int, etype: str, alias: str, rule: str,
                   detail: dict[str, Any] | None = None) -> None:
        key = name_key(alias)
        e = schema.entities
        own = self.conn.execute(select(e.c.key).where(e.c.id == eid)).scalar()
        if not key or key == own:
            return
        if insert_ignore(self.conn, schema.aliases, {"entity_id": eid, "alias": alias,
                                                     "key": key}):
            self._index(eid, etype, alias)
        self.log(eid, alias, rule, detail or {})

    def log(self, eid: int, name: str, rule: str, detail: dict[str, Any]) -> None:
        insert_ignore(self.conn, schema.resolution_log, {
            "entity_id": eid, "name": name, "name_key": name_key(name), "rule": rule,
            "detail": json.dumps(detail, sort_keys=True, default=str), "doc_id": self.doc_id,
            "created_at": now()})

    def _attach(self, eid: int, etype: str, name: str, rule: str,
                detail: dict[str, Any] | None = None) -> int:
        """`name` resolved to `eid` by `rule`: keep the spelling as an alias."""
        self._add_alias(eid, etype, name, rule, detail)
        return eid

    def _work_names(self, ids: Iterable[int]) -> list[str]:
        ids = list(ids)
        return sorted(self._names(ids).values()) if ids else []

    # -- per type ----------------------------------------------------------
    def _plain(self, etype: str, name: str) -> int:
        key = name_key(name)
        redirect = self._redirect(etype, key)
        if redirect is not None:
            return self._attach(redirect, etype, name, "editor_merge")
        found = self._by_key(etype, key)
        if found:
            return self._best(found)
        return self._create(etype, name, key)

    def _gazetteer_kind(self, etype: str, name: str) -> int:
        canonical = canonical_name(etype, name)
        key = name_key(canonical)
        redirect = self._redirect(etype, key) or self._redirect(etype, name_key(name))
        if redirect is not None:
            return self._attach(redirect, etype, name, "editor_merge")
        found = self._by_key(etype, key) or (self._by_key(etype, name_key(name))
                                             if canonical != name else [])
        if found:
            eid = self._best(found)
            if canonical != name:
                self._attach(eid, etype, name, "gazetteer_alias", {"canonical": canonical})
            return eid
        if etype == "organization":
            base = org_base(canonical)
            cands = list(dict.fromkeys(self._by_index(etype, "orgbase", base)
                                       + self._by_key(etype, base))) if base else []
            if len(cands) == 1:
                return self._attach(cands[0], etype, name, "company_suffix", {"base": base})
        eid = self._create(etype, canonical, key)
        if canonical != name:
            self._attach(eid, etype, name, "gazetteer_alias", {"canonical": canonical})
        return eid

    def _work(self, etype: str, name: str) -> int:
        t = title_parts(name)
        key = t.key or name_key(name)
        redirect = self._redirect(etype, key)
        if redirect is not None:
            return self._attach(redirect, etype, name, "editor_merge")
        cands = self._by_key(etype, key)
        if t.year and cands:
            years = self._keys_of(cands, "year")
            cands = [c for c in cands if not years.get(c) or t.year in years[c]]
        if cands:
            eid = self._best(cands)
            if name_key(name) != key:
                self._attach(eid, etype, name, "title_note",
                             {"year": t.year, "medium": t.medium})
                if t.year:
                    insert_ignore(self.conn, schema.entity_keys, {
                        "entity_id": eid, "type": etype, "kind": "year", "key": t.year})
            return eid
        eid = self._create(etype, name, key)
        return eid

    def _character(self, name: str, work_id: int | None) -> int:
        plain = name_key(name)
        scope = str(work_id) if work_id is not None else (
            f"doc:{self.doc_id[:16]}" if self.doc_id else "none")
        key = f"{scope}:{plain}"
        found = self._by_key("character", key)
        if found:
            return found[0]
        eid = self._create("character", name, key, "new",
                           {"work": self._work_names([work_id]) if work_id else None})
        insert_ignore(self.conn, schema.aliases, {"entity_id": eid, "alias": name, "key": plain})
        if work_id is not None:
            insert_ignore(self.conn, schema.entity_works, {"entity_id": eid, "work_id": work_id,
                                                           "docs": 1})
        return eid

    def _person(self, name: str) -> int:
        key = name_key(name)
        redirect = self._redirect("person", key)
        if redirect is not None:
            return self._attach(redirect, "person", name, "editor_merge")
        p = person_parts(name)
        full = bool(p.given)
        if full:
            same = self._by_key("person", key)
            if same:
                eid = self._best(same)
                if len(same) > 1:
                    self.log(eid, name, "same_name_works",
                             {"candidates": len(same),
                              "shared_works": self._work_names(
                                  self._overlap(same).get(eid, []))})
                return eid
        cands = self._by_index("person", "surname", p.surname) if p.surname else []
        if not full:
            cands = list(dict.fromkeys(cands + self._by_key("person", key)))
        if not cands:
            return self._create("person", name, key)
        names = self._names(cands)
        givens = {c: person_parts(names[c]).given for c in cands}
        compatible = [c for c in cands if given_compatible(p.given, givens[c])]
        overlap = self._overlap(compatible)
        with_works = [c for c in compatible if overlap.get(c)]
        if with_works:
            support = self._support(with_works)
            eid = max(with_works, key=lambda c: (len(overlap[c]), support.get(c, 0), -c))
            rule = given_kind(p.given, givens[eid])
            detail = {"shared_works": self._work_names(overlap[eid]), "as": names[eid],
                      "candidates": len(cands)}
            self._upgrade_name(eid, names[eid], name)
            return self._attach(eid, "person", name, f"{rule}+works", detail)
        if full:
            named = [c for c in compatible if givens[c]]
            if len(named) == 1 and len(compatible) == 1:
                eid = named[0]
                if not self.works or eid not in self._has_works([eid]):
                    rule = given_kind(p.given, givens[eid])
                    self._upgrade_name(eid, names[eid], name)
                    return self._attach(eid, "person", name, f"{rule}+only_candidate",
                                        {"as": names[eid]})
        detail = {"not_merged_with": sorted(names[c] for c in cands),
                  "why": "no shared work" if compatible else "different given names"}
        return self._create("person", name, key, "new", detail)

    def _upgrade_name(self, eid: int, current: str, new: str) -> None:
        """Show the fullest form: "Vellacourt" becomes "Saskia Vellacourt"
        unless an editor renamed the entity."""
        a, b = person_parts(current), person_parts(new)
        fuller = (b.tokens > a.tokens and b.given) or (
            a.given and b.given and len(b.given) > len(a.given) and b.tokens >= a.tokens)
        if not fuller:
            return
        e, c = schema.entities, schema.corrections
        key = self.conn.execute(select(e.c.key).where(e.c.id == eid)).scalar()
        pinned = self.conn.execute(select(func.count()).where(
            c.c.kind == "rename", c.c.etype == "person", c.c.key == key)).scalar()
        if pinned:
            return
        self.conn.execute(e.update().where(e.c.id == eid).values(name=new))
        insert_ignore(self.conn, schema.aliases, {"entity_id": eid, "alias": current,
                                                  "key": name_key(current)})

    # -- after the article -------------------------------------------------
    def note_cooccurrence(self, entity_ids: Iterable[int]) -> None:
        """People and characters of this document are known with its works: the
        main work and the works it states facts about (at most MAX_WORKS, so a
        chart of fifty films stays cheap)."""
        works = ([self.main_work] if self.main_work is not None else []) + sorted(
            self.fact_works - {self.main_work})
        works = works[:MAX_WORKS] or sorted(self.works)[:MAX_WORKS]
        if not works:
            return
        rows = [{"entity_id": eid, "work_id": wid, "docs": 1}
                for eid in set(entity_ids) for wid in works if eid != wid]
        if rows:
            insert_ignore(self.conn, schema.entity_works, rows)

    def note_documents(self, entity_ids: Iterable[int]) -> None:
        """Count this document once for each entity it names."""
        s = schema.entity_stats
        ids = sorted(set(entity_ids))
        if not ids:
            return
        insert_ignore(self.conn, s, [{"entity_id": i, "docs": 0} for i in ids])
        self.conn.execute(s.update().where(s.c.entity_id.in_(ids)).values(docs=s.c.docs + 1))


def find_entity(conn: Connection, etype: str, name: str) -> int | None:
    """An existing entity for a name (exact key, then alias), or None."""
    r = Resolver(conn)
    found = r._by_key(etype, name_key(name))
    return r._best(found) if found else None


def entity_id(conn: Connection, etype: str, name: str, aliases: list[str] | None = None) -> int:
    """Find or create the entity for a name outside any document context."""
    return Resolver(conn).resolve(etype, name, aliases or [])
