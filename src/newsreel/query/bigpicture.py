"""The Big Picture: three short bullets that open a dossier (or an article).

Written only from extracted facts, each bullet carries the ids of the facts
it rests on, and every name, date and number in it comes from those facts
(dates are spelled out, region codes become country names):

1. what the work is, from the most corroborated facts: genre, director, the
   leading cast (with characters);
2. the newest changes: what the latest reports added or moved (a moved
   date, a recast, nominations, awards, a premiere ...), from the `changes`
   table, else from the facts first reported by the newest article;
3. the next dates: release dates and premieres on or after the newest
   article's date (else the latest known ones).

`big_picture(conn, dossier)` for a dossier (query/dossier.py; each bullet
also lists the evidence spans of its facts: fact_id, doc_id, start, end),
`big_picture_for_record(record)` for one article's extraction record (the
fact ids there are indexes into `record.facts`).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

from sqlalchemy import Connection
from sqlalchemy.exc import SQLAlchemyError

from newsreel.names import name_key

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
COUNTRY_NAMES = {
    "US": "the US", "GB": "the UK", "FR": "France", "DE": "Germany", "CA": "Canada",
    "AU": "Australia", "IT": "Italy", "ES": "Spain", "JP": "Japan", "IE": "Ireland",
    "IN": "India", "CN": "China", "KR": "South Korea", "BR": "Brazil", "MX": "Mexico",
    "NZ": "New Zealand", "NL": "the Netherlands", "SE": "Sweden", "DK": "Denmark",
    "NO": "Norway", "BE": "Belgium", "CH": "Switzerland", "AT": "Austria", "PL": "Poland",
}
KIND_WORDS = {"film": "film", "tv_series": "series", "work": "work"}
CHANGE_PRIORITY = {"date_moved": 0, "recast": 1, "new_conflict": 2, "new_award": 3,
                   "new_nomination": 4, "value_changed": 5, "new_fact": 6}
NEWS_PRIORITY = {"release_date": 0, "premiere": 1, "award_received": 2, "nominated_for": 3,
                 "box_office": 4, "distributor": 5, "cast_member": 6, "director": 7,
                 "screened_at": 8, "production_company": 9}
MAX_CAST = 3


def format_date(iso: str) -> str:
    """2023-12-22 -> December 22, 2023; 2024-01 -> January 2024; 2024 -> 2024."""
    parts = str(iso).split("-")
    try:
        if len(parts) == 3:
            return f"{MONTHS[int(parts[1]) - 1]} {int(parts[2])}, {parts[0]}"
        if len(parts) == 2:
            return f"{MONTHS[int(parts[1]) - 1]} {parts[0]}"
    except (ValueError, IndexError):
        pass
    return str(iso)


def country(code: str | None) -> str | None:
    if not code:
        return None
    return COUNTRY_NAMES.get(str(code).upper(), str(code))


def _join(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _the(name: str) -> str:
    return name if name.lower().startswith("the ") else f"the {name}"


def _article(word: str) -> str:
    return "an" if word[:1].lower() in "aeiou" else "a"


def _rank(facts: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Most corroborated first (articles, then outlets, confidence, first seen),
    one fact per name."""
    ranked = sorted(facts, key=lambda f: (-f.get("articles", 1), -len(f.get("outlets") or []),
                                          -(f.get("confidence") or 0), f["id"]))
    seen: set[str] = set()
    out = []
    for f in ranked:
        key = name_key(f["object"])
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out


# --- the three bullets --------------------------------------------------------------

def identity_bullet(title: str, kind: str, facts: list[dict[str, Any]]) -> dict[str, Any] | None:
    by = defaultdict(list)
    for f in facts:
        by[f["relation"]].append(f)
    used: list[int] = []
    genre = _rank(by["genre"])[:1]
    directors = _rank(by["director"])
    if directors:
        top = directors[0].get("articles", 1)
        directors = [d for d in directors if d.get("articles", 1) == top][:2]
    cast = _rank(by["cast_member"])[:MAX_CAST]
    if not (genre or directors or cast):
        return None
    text = title
    if genre:
        g = genre[0]["object"]
        text += f" is {_article(g)} {g}"
        used.append(genre[0]["id"])
    if directors:
        names = _join([d["object"] for d in directors])
        text += f" directed by {names}" if genre else \
            f" is {_article(kind)} {kind} directed by {names}"
        used += [d["id"] for d in directors]
    if cast:
        people = []
        for c in cast:
            char = (c.get("qualifiers") or {}).get("character")
            people.append(f"{c['object']} as {char}" if char else c["object"])
            used.append(c["id"])
        text += (", starring " if (genre or directors) else " stars ") + _join(people)
    return {"text": text + ".", "fact_ids": used, "kind": "corroborated"}


def _where(q: dict[str, Any]) -> str:
    parts = []
    if q.get("region"):
        parts.append(f"in {country(q['region'])}")
    return " ".join(parts)


def _phrase(f: dict[str, Any]) -> str | None:
    """A short clause for one fact, without the work's title."""
    rel, obj, q = f["relation"], f["object"], f.get("qualifiers") or {}
    if rel == "release_date":
        where = _where(q)
        rtype = q.get("release_type")
        kind = f"{rtype} release" if rtype in ("limited", "wide", "streaming") else "release"
        prep = "on" if len(obj) == 10 else "in"
        return f"{kind} {where + ' ' if where else ''}{prep} {format_date(obj)}"
    if rel == "premiere":
        when = f" on {format_date(q['date'])}" if q.get("date") else ""
        return f"premiered at {_the(obj)}{when}"
    if rel == "screened_at":
        return f"screened at {_the(obj)}"
    if rel == "nominated_for":
        cat = q.get("category")
        return f"nominated for {cat} at {_the(obj)}" if cat else f"nominated at {_the(obj)}"
    if rel == "award_received":
        cat = q.get("category")
        return f"won {cat} at {_the(obj)}" if cat else f"won at {_the(obj)}"
    if rel == "distributor":
        return f"distributed by {obj}" + (f" {_where(q)}" if q.get("region") else "")
    if rel == "production_company":
        return f"produced by {obj}"
    if rel == "box_office":
        cur, _, amount = obj.partition(" ")
        return f"box office of {cur} {amount}" + (f" {_where(q)}" if q.get("region") else "")
    if rel == "cast_member":
        char = q.get("character")
        return f"{obj} cast" + (f" as {char}" if char else "")
    if rel == "director":
        return f"{obj} directing"
    return None


def _change_phrase(change: dict[str, Any], facts: dict[int, dict[str, Any]],
                   ) -> tuple[str, list[int]] | None:
    fid = change.get("fact_id")
    fact = facts.get(fid) if fid is not None else None
    if fact is None:
        return None
    prev_id = (change.get("detail") or {}).get("previous_fact_id")
    prev = facts.get(prev_id) if prev_id is not None else None
    q = fact.get("qualifiers") or {}
    if change["kind"] == "date_moved" and prev is not None:
        where = _where(q)
        return (f"the release {where + ' ' if where else ''}moved from "
                f"{format_date(prev['object'])} to {format_date(fact['object'])}",
                [prev["id"], fact["id"]])
    if change["kind"] == "recast" and prev is not None:
        return (f"{fact['object']} now plays {q.get('character')}, replacing {prev['object']}",
                [prev["id"], fact["id"]])
    if change["kind"] == "new_conflict" and prev is not None:
        return (f"reports disagree on the {fact['relation'].replace('_', ' ')}: "
                f"{_value(prev)} or {_value(fact)}", [prev["id"], fact["id"]])
    phrase = _phrase(fact)
    return (phrase, [fact["id"]]) if phrase else None


def _value(f: dict[str, Any]) -> str:
    return format_date(f["object"]) if f["relation"] == "release_date" else f["object"]


def news_bullet(changes: list[dict[str, Any]], facts: list[dict[str, Any]],
                limit: int = 2, shown: set[int] | None = None) -> dict[str, Any] | None:
    """The newest report's most telling changes (a plain new date already in
    the dates bullet, `shown`, is not repeated)."""
    by_id = {f["id"]: f for f in facts}
    shown = shown or set()
    usable = [c for c in changes if c.get("fact_id") in by_id
              and not (c["kind"] == "new_fact" and c["fact_id"] in shown)]
    if not usable:
        return None
    newest = max(usable, key=lambda c: (c.get("published") or "", c["id"]))
    doc = newest["doc_id"]
    latest = sorted((c for c in usable if c["doc_id"] == doc),
                    key=lambda c: (CHANGE_PRIORITY.get(c["kind"], 9),
                                   NEWS_PRIORITY.get(c.get("relation") or "", 20), c["id"]))
    phrases, ids, seen = [], [], set()
    for c in latest:
        got = _change_phrase(c, by_id)
        if not got or got[0] in seen:
            continue
        seen.add(got[0])
        phrases.append(got[0])
        ids += [i for i in got[1] if i not in ids]
        if len(phrases) >= limit:
            break
    if not phrases:
        return None
    text = "Latest: " + "; ".join(phrases) + "."
    return {"text": text, "fact_ids": ids, "kind": "changes"}


def dates_bullet(facts: list[dict[str, Any]], as_of: str | None, limit: int = 3,
                 ) -> dict[str, Any] | None:
    dated = []
    for f in facts:
        q = f.get("qualifiers") or {}
        if f["relation"] == "release_date" and f["object"][:4].isdigit():
            dated.append((f["object"], f))
        elif f["relation"] == "premiere" and q.get("date") and str(q["date"])[:4].isdigit():
            dated.append((str(q["date"]), f))
    if not dated:
        return None
    ref = (as_of or date.today().isoformat())[:10]
    upcoming = sorted((d for d in dated if d[0] >= ref[:len(d[0])]), key=lambda d: d[0])
    label = "Next"
    if not upcoming:
        upcoming = sorted(dated, key=lambda d: d[0], reverse=True)[:limit][::-1]
        label = "Dates"
    # one line per date and place; a regionless release date equal to a
    # regional one only adds its support to it
    groups: dict[tuple[str, str, str], list[dict[str, Any]]] = {}
    for value, f in upcoming:
        region = (f.get("qualifiers") or {}).get("region") or ""
        key = (value, f["relation"], region if f["relation"] == "release_date" else f["object"])
        groups.setdefault(key, []).append(f)
    for key in list(groups):
        value, rel, region = key
        if rel == "release_date" and not region:
            target = next((k for k in groups if k[0] == value and k[1] == rel and k[2]), None)
            if target is not None:
                groups[target] += groups.pop(key)
    phrases, ids = [], []
    for fs in list(groups.values())[:limit]:
        main = next((f for f in fs if (f.get("qualifiers") or {}).get("region")), fs[0])
        phrases.append(_phrase(main) or "")
        ids += [f["id"] for f in fs]
    phrases = [p for p in phrases if p]
    if not phrases:
        return None
    return {"text": f"{label}: " + "; ".join(phrases) + ".", "fact_ids": ids, "kind": "dates"}


# --- entry points ----------------------------------------------------------------

def _dossier_facts(dossier: dict[str, Any]) -> list[dict[str, Any]]:
    """The dossier's current facts (its sections)."""
    return [f for items in (dossier.get("facts") or {}).values() for f in items]


def _as_of(facts: list[dict[str, Any]]) -> str | None:
    dates = [e.get("published") for f in facts for e in f.get("evidence") or []
             if e.get("published")]
    return max(dates) if dates else None


def _changes_of(conn: Connection, entity_id: int) -> list[dict[str, Any]]:
    from newsreel.resolve.changes import list_changes

    try:
        return list_changes(conn, subject_ids=[entity_id])
    except SQLAlchemyError:  # a store opened without the changes table
        return []


def _fallback_changes(facts: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Without recorded changes: the facts first reported by the newest article."""
    out = []
    for f in facts:
        evs = [e for e in f.get("evidence") or []]
        if not evs:
            continue
        first = min(evs, key=lambda e: (e.get("published") or "", e.get("id") or 0))
        out.append({"id": f["id"], "kind": "new_fact", "fact_id": f["id"],
                    "relation": f["relation"], "doc_id": first.get("doc_id"),
                    "published": first.get("published"), "detail": {}})
    return out


def big_picture(conn: Connection, dossier: dict[str, Any]) -> list[dict[str, Any]]:
    """Three bullets for a dossier; each {"text", "fact_ids", "kind"}."""
    ent = dossier["entity"]
    facts = _dossier_facts(dossier)
    if not facts:
        return []
    kind = KIND_WORDS.get(ent.get("type"), "work")
    # superseded values (an older date a newer report moved) back "moved from"
    known = facts + list(dossier.get("superseded") or [])
    changes = _changes_of(conn, ent["id"]) or _fallback_changes(known)
    dates = dates_bullet(facts, _as_of(known))
    shown = set(dates["fact_ids"]) if dates else set()
    bullets = [b for b in (identity_bullet(ent["name"], kind, facts),
                           news_bullet(changes, known, shown=shown), dates) if b]
    by_id = {f["id"]: f for f in known}
    for b in bullets:  # each bullet linked to the spans behind it
        b["evidence"] = [{"fact_id": i, "doc_id": e.get("doc_id"), "start": e.get("start"),
                          "end": e.get("end")}
                         for i in b["fact_ids"] for e in by_id[i].get("evidence") or []]
    return bullets


def big_picture_for_record(record: Any) -> list[dict[str, Any]]:
    """Three bullets for one article's record; fact ids index `record.facts`."""
    facts_all = []
    for i, f in enumerate(record.facts):
        facts_all.append({"id": i, "subject": f.subject, "relation": f.relation,
                          "object": f.object, "qualifiers": dict(f.qualifiers or {}),
                          "confidence": f.confidence, "articles": 1, "outlets": [],
                          "subject_type": f.subject_type})
    works = [f for f in facts_all if (f["subject_type"] or "film") in KIND_WORDS]
    if not works:
        return []
    counts: dict[str, int] = defaultdict(int)
    for f in works:
        counts[name_key(f["subject"])] += 1
    main = max(counts, key=lambda k: (counts[k], -min(f["id"] for f in works
                                                      if name_key(f["subject"]) == k)))
    facts = [f for f in works if name_key(f["subject"]) == main]
    title = facts[0]["subject"]
    kind = KIND_WORDS.get(facts[0]["subject_type"] or "film", "work")
    published = (record.doc or {}).get("published")
    news = [{"id": f["id"], "kind": "new_fact", "fact_id": f["id"], "relation": f["relation"],
             "doc_id": "record", "published": published, "detail": {}}
            for f in facts if f["relation"] not in ("genre", "director", "cast_member")]
    dates = dates_bullet(facts, published)
    shown = set(dates["fact_ids"]) if dates else set()
    bullets = [identity_bullet(title, kind, facts), news_bullet(news, facts, shown=shown),
               dates]
    return [b for b in bullets if b]
