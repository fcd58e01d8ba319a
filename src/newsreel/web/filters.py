"""Jinja2 filters and globals: links to entities and evidence, labels, values."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote, urlencode

from jinja2 import Environment

from newsreel.query.dossier import SECTIONS

WORK_TYPES = ("film", "tv_series", "work")
RELATION_LABELS = {**dict(SECTIONS), "mentioned_with": "Mentioned alongside"}
TYPE_LABELS = {"film": "Film", "tv_series": "TV series", "work": "Work", "person": "Person",
               "character": "Character", "organization": "Organization", "outlet": "Outlet",
               "festival": "Festival", "award": "Award"}


def entity_href(entity_id: int | None, etype: str | None = None) -> str:
    if entity_id is None:
        return "#"
    if etype in WORK_TYPES:
        return f"/film/{int(entity_id)}"
    if etype == "person":
        return f"/person/{int(entity_id)}"
    return f"/entity/{int(entity_id)}"


def evidence_href(ev: dict[str, Any]) -> str:
    """The article with this evidence span marked and scrolled to."""
    eid = int(ev["id"])
    return f"/doc/{quote(str(ev['doc_id']), safe='')}?ev={eid}#ev-{eid}"


def quote_href(q: dict[str, Any]) -> str:
    qid = int(q["id"])
    return f"/doc/{quote(str(q['doc_id']), safe='')}?q={qid}#q-{qid}"


def outlet_href(name: str | None) -> str:
    return "/outlet/" + quote(name or "", safe="")


def relation_label(rel: str) -> str:
    return RELATION_LABELS.get(rel, rel.replace("_", " "))


def money(value: str | None) -> str:
    if not value:
        return ""
    parts = str(value).split()
    if len(parts) == 2 and parts[1].isdigit():
        return f"{parts[0]} {int(parts[1]):,}"
    return str(value)


def qualifier_text(q: dict[str, Any] | None, skip: tuple[str, ...] = ()) -> str:
    if not q:
        return ""
    bits = []
    for k in ("character", "category", "for_work", "region", "release_type", "period",
              "date", "rank", "count"):
        if k in q and k not in skip and q[k] not in (None, ""):
            bits.append(f"{k.replace('_', ' ')}: {q[k]}")
    return "; ".join(bits)


def page_href(path: str, params: dict[str, Any], **changes: Any) -> str:
    merged = {k: v for k, v in {**params, **changes}.items() if v not in (None, "")}
    return path + ("?" + urlencode(merged) if merged else "")


def safe_url(url: str | None) -> str | None:
    """An article's URL for an href: http(s) only (never javascript: or data:)."""
    if url and str(url).lower().startswith(("http://", "https://")):
        return str(url)
    return None


def short_id(doc_id: str) -> str:
    return str(doc_id)[:12]


def install(env: Environment) -> None:
    env.globals.update(entity_href=entity_href, evidence_href=evidence_href,
                       quote_href=quote_href, outlet_href=outlet_href, page_href=page_href,
                       relation_label=relation_label, TYPE_LABELS=TYPE_LABELS)
    env.filters.update(money=money, qualifiers=qualifier_text, short_id=short_id, safe_url=safe_url,
                       relation_label=relation_label)
