"""Single-valued slots across articles: current value, history, conflicts.

A slot (resolve/keys.py) holds the facts that compete for one value: a
release date per (work, region, release kind), box office per (film,
region, period), the actor of a named character, a world premiere. Each
evidence row is a report dated by its article's published date, else by
the day it was ingested.

- The newest report's value is the current one; older different values are
  `superseded` ("first reported 2025-06-02 by Screenline as 2026-02-13;
  confirmed ...; moved to 2026-04-24 by Marquee Report on 2025-10-28").
- Dates at different precision that agree ("2024-01", "2024-01-26") are one
  claim; the most precise is shown.
- When the newest reports (same day) disagree, the slot is a `conflict`:
  nothing settles it. If they all come from one article, the value that
  article is first to report wins (it names the old date only to replace
  it); several new values from one article remain a conflict.
- Values stated by one article only are no disagreement between sources:
  the slot is `one_article` (both shown, not listed as a conflict)."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy import Connection, func, select

from newsreel.names import name_key
from newsreel.store import schema

SLOT_QUALIFIERS = ("region", "release_type", "character", "period")
VERB = {"release_date": "moved to", "cast_member": "recast with", "voice_actor": "recast with",
        "box_office": "revised to", "premiere": "changed to"}


def _identity(fact: dict[str, Any]) -> str:
    return f"#{fact['object_id']}" if fact.get("object_id") else name_key(fact["object"])


def _compatible(relation: str, a: str, b: str) -> bool:
    if relation == "release_date":
        return a.startswith(b) or b.startswith(a)
    return a == b


def _groups(relation: str, values: list[tuple[str, str]]) -> list[list[tuple[str, str]]]:
    """Cluster (identity, value) pairs into claims that agree."""
    groups: list[list[tuple[str, str]]] = []
    for ident, value in values:
        probe = value if relation == "release_date" else ident
        for g in groups:
            other = g[0][1] if relation == "release_date" else g[0][0]
            if _compatible(relation, probe, other):
                g.append((ident, value))
                break
        else:
            groups.append([(ident, value)])
    return groups


def _reports(group: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out = []
    for fact in group:
        for ev in fact["evidence"]:
            out.append({"date": ev.get("reported") or ev.get("published") or "",
                        "date_source": ev.get("date_source") or "published",
                        "value": fact["object"], "identity": _identity(fact),
                        "fact_id": fact["id"], "doc_id": ev["doc_id"],
                        "outlets": ev.get("outlets") or [], "title": ev.get("title"),
                        "superseded_version": ev.get("superseded_version", False)})
    out.sort(key=lambda r: (r["date"], r["fact_id"], r["doc_id"]))
    seen, uniq = set(), []
    for r in out:  # one report per (document, value)
        k = (r["doc_id"], r["identity"])
        if k not in seen:
            seen.add(k)
            uniq.append(r)
    return uniq


def _by(r: dict[str, Any]) -> str:
    if r["outlets"]:
        return ", ".join(r["outlets"])
    return f"“{r['title']}”" if r["title"] else f"document {r['doc_id'][:12]}"


def analyze_slot(group: list[dict[str, Any]]) -> dict[str, Any]:
    """Current value, per-value status and the history of one slot."""
    relation = group[0]["relation"]
    reports = _reports(group)
    ident_value = {r["identity"]: r["value"] for r in reports}
    claims = _groups(relation, list(ident_value.items()))
    claim_of = {ident: i for i, g in enumerate(claims) for ident, _v in g}
    newest = max((r["date"] for r in reports), default="")
    latest = [r for r in reports if r["date"] == newest]
    latest_claims = {claim_of[r["identity"]] for r in latest}
    one_article = len({r["doc_id"] for r in latest}) == 1
    if len(latest_claims) > 1 and one_article:
        earlier = {claim_of[r["identity"]] for r in reports if r["date"] < newest}
        fresh = latest_claims - earlier
        if len(fresh) == 1:
            latest_claims = fresh
    if len(claims) == 1:
        status = "agreed"
    elif len(latest_claims) == 1:
        status = "superseded"
    elif one_article:  # several values from one article: no disagreement between sources
        status = "one_article"
    else:
        status = "conflict"
    current_claim = next(iter(latest_claims)) if len(latest_claims) == 1 else None

    def precise(i: int) -> str:
        return max(claims[i], key=lambda iv: (len(iv[1]), iv[1]))[1]

    current = precise(current_claim) if current_claim is not None else None
    values = []
    for fact in group:
        i = claim_of.get(_identity(fact))
        mine = [r for r in reports if r["fact_id"] == fact["id"]]
        if status == "conflict":
            st = "disputed" if i in latest_claims else "superseded"
        elif status == "one_article":
            st = "current" if i in latest_claims else "superseded"
        else:
            st = "current" if i == current_claim else "superseded"
        values.append({
            "value": fact["object"], "fact_id": fact["id"], "status": st,
            "articles": fact["articles"], "outlets": fact["outlets"],
            "first_reported": mine[0]["date"] if mine else None,
            "last_reported": mine[-1]["date"] if mine else None,
            "reports": [{k: r[k] for k in ("date", "date_source", "doc_id", "outlets", "title")}
                        for r in mine]})
    history, summary = _history(relation, reports, claim_of, current_claim)
    first = group[0]
    return {"slot": first["slot"], "relation": relation, "subject": first["subject"],
            "subject_id": first.get("subject_id"),
            "qualifiers": {k: v for k, v in first["qualifiers"].items() if k in SLOT_QUALIFIERS},
            "status": status, "current": current, "values": values,
            "history": history, "summary": summary}


def _history(relation: str, reports: list[dict[str, Any]], claim_of: dict[str, int],
             final: int | None) -> tuple[list[dict[str, Any]], str]:
    events, parts = [], []
    current: int | None = None
    for r in reports:
        c = claim_of[r["identity"]]
        if current is None:
            kind, text = "first", f"first reported {r['date']} by {_by(r)} as {r['value']}"
        elif c == current:
            kind, text = "confirmed", f"confirmed {r['date']} by {_by(r)}"
        else:
            same_day = [x for x in reports if x["date"] == r["date"]
                        and claim_of[x["identity"]] == current]
            same_doc = any(x["doc_id"] == r["doc_id"] for x in same_day)
            if same_doc and c != final:
                kind = "also"
                text = f"also {r['value']} in the same article"
            elif same_day and not same_doc:
                kind = "disputed"
                text = f"disputed {r['date']} by {_by(r)}: {r['value']}"
            else:
                kind = "moved"
                text = f"{VERB.get(relation, 'changed to')} {r['value']} by {_by(r)} " \
                       f"on {r['date']}"
        if kind not in ("disputed", "also"):
            current = c
        events.append({"date": r["date"], "date_source": r["date_source"], "event": kind,
                       "value": r["value"], "fact_id": r["fact_id"], "doc_id": r["doc_id"],
                       "outlets": r["outlets"], "title": r["title"]})
        parts.append(text)
    return events, "; ".join(parts)


def analyze_slots(facts: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Every slot of `facts` that holds more than one value."""
    by_slot: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for fact in facts:
        if fact.get("slot"):
            by_slot[fact["slot"]].append(fact)
    return [analyze_slot(g) for g in by_slot.values() if len({_identity(x) for x in g}) > 1]


def list_conflicts(conn: Connection, title: str | None = None,
                   include_settled: bool = False) -> list[dict[str, Any]]:
    """Disagreements across the store (or about one work): by default only the
    ones no newer report settles; with include_settled also superseded values."""
    from newsreel.query.dossier import WORK_TYPES, facts_of
    from newsreel.query.lookup import find

    f = schema.facts
    where = [f.c.slot.is_not(None)]
    if title:
        where.append(f.c.subject_id == find(conn, title, WORK_TYPES).id)
    slots = conn.execute(select(f.c.slot).where(*where).group_by(f.c.slot)
                         .having(func.count() > 1)).scalars().all()
    out: list[dict[str, Any]] = []
    for i in range(0, len(slots), 500):
        facts = facts_of(conn, f.c.slot.in_(slots[i:i + 500]))
        for a in analyze_slots(facts):
            if a["status"] == "conflict" or (include_settled and a["status"] == "superseded"):
                out.append(a)
    out.sort(key=lambda a: (a["subject"], a["relation"], a["slot"]))
    return out
