"""Fact identity and conflict slots (CONTRACTS.md section 4).

The key says when two articles state the same fact (corroboration); the slot
says where two different values are a disagreement: release date per (work,
region, release type, with limited and wide kinds of theatrical), box office
per (film, region, period), the actor of a named character per work (a
recast), and a work's premiere."""

from __future__ import annotations

from typing import Any

from newsreel.names import name_key

THEATRICAL = {"limited", "wide", "theatrical"}


def release_class(release_type: str | None) -> str:
    if release_type in THEATRICAL:
        return "theatrical"
    return release_type or ""


def fact_key(subject_id: int, relation: str, value: str, q: dict[str, Any]) -> str:
    parts = [str(subject_id), relation, name_key(value)]
    if relation in ("nominated_for", "award_received"):
        parts.append(name_key(q.get("category")))
        parts.append(name_key(q.get("for_work")))
    elif relation == "release_date":
        parts += [q.get("region") or "", release_class(q.get("release_type"))]
    elif relation == "box_office":
        parts += [q.get("region") or "", name_key(q.get("period"))]
    elif relation == "distributor":
        parts.append(q.get("region") or "")
    return "|".join(parts)


def fact_slot(subject_id: int, relation: str, value: str, q: dict[str, Any]) -> str | None:
    if relation == "release_date":
        return f"{subject_id}|release_date|{q.get('region') or ''}|" \
               f"{release_class(q.get('release_type'))}"
    if relation == "box_office":
        return f"{subject_id}|box_office|{q.get('region') or ''}|{name_key(q.get('period'))}"
    if relation in ("cast_member", "voice_actor") and q.get("character"):
        return f"{subject_id}|{relation}|{name_key(q.get('character'))}"
    if relation == "premiere":
        return f"{subject_id}|premiere"
    return None
