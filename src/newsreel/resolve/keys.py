"""Fact identity and conflict slots (CONTRACTS.md section 4).

The key says when two articles state the same fact (corroboration); the slot
says where two different values are a disagreement:

- release date per (work, region, release type). `limited` and `wide` are
  kinds of `theatrical`: the key uses the theatrical class, so "limited, US,
  2023-12-22" and "in US theaters on 2023-12-22" are one fact; the slot keeps
  the kind, so a limited date and a later wide expansion are two slots, not
  a conflict, while two plain "theatrical" dates are. A release with no type
  counts as theatrical.
- box office per (film, region, period);
- the actor of a named character per work (a recast);
- a work's world premiere.
Directors, cast, genres and nominations are multi-valued: no slot."""

from __future__ import annotations

from typing import Any

from newsreel.names import name_key

THEATRICAL = {"limited", "wide", "theatrical"}
SPECIFIC = {"limited", "wide"}


def release_class(release_type: str | None) -> str:
    """The release type's class for fact identity: theatrical kinds and no type
    are one class."""
    if not release_type or release_type in THEATRICAL:
        return "theatrical"
    return release_type


def release_kind(release_type: str | None) -> str:
    """The release type's kind for conflict slots: limited, wide, theatrical
    (generic or unsaid), streaming ..."""
    if not release_type:
        return "theatrical"
    return release_type


def refine_release_type(old: str | None, new: str | None) -> str | None:
    """A later article may say which theatrical kind an earlier plain
    "theatrical" date was."""
    if new in SPECIFIC and (not old or old == "theatrical"):
        return new
    return old or new


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
               f"{release_kind(q.get('release_type'))}"
    if relation == "box_office":
        return f"{subject_id}|box_office|{q.get('region') or ''}|{name_key(q.get('period'))}"
    if relation in ("cast_member", "voice_actor") and q.get("character"):
        return f"{subject_id}|{relation}|{name_key(q.get('character'))}"
    if relation == "premiere" and not q.get("region"):  # a regional premiere is no world one
        return f"{subject_id}|premiere"
    return None
