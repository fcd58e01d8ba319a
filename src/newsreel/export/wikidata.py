"""Facts as Wikidata statements: property, value, qualifiers, references.

Shared by the Turtle and QuickStatements exports. A fact becomes one
`Statement` on its subject item; items are `Item(name, type)` (a Q-id comes
later, from the user's `--qids` mapping or the small built-in tables for
countries and currencies). Each source document behind a fact becomes one
`Reference` (reference URL P854, retrieved P813, title P1476, quotation P1683,
publication date P577).
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from pathlib import Path

from newsreel.export.walker import FactRow, category_item
from newsreel.names import name_key

# ISO 3166-1 alpha-2 -> Wikidata item (the countries film news names most)
COUNTRY_QIDS = {
    "US": "Q30", "GB": "Q145", "FR": "Q142", "DE": "Q183", "CA": "Q16", "AU": "Q408",
    "IT": "Q38", "ES": "Q29", "JP": "Q17", "IE": "Q27", "IN": "Q668", "CN": "Q148",
    "KR": "Q884", "BR": "Q155", "MX": "Q96", "NZ": "Q664", "NL": "Q55", "SE": "Q34",
    "DK": "Q35", "NO": "Q20", "BE": "Q31", "CH": "Q39", "AT": "Q40", "PL": "Q36",
    "RU": "Q159",
}
CURRENCY_QIDS = {"USD": "Q4917", "EUR": "Q4916", "GBP": "Q25224", "JPY": "Q8146"}
# P31 (instance of) for items created with --create-missing
INSTANCE_OF = {
    "person": "Q5", "film": "Q11424", "tv_series": "Q5398426", "organization": "Q43229",
    "festival": "Q220505", "award": "Q618779", "work": "Q17537576", "character": "Q95074",
}
RELEASE_TYPE_LABELS = {
    "theatrical": "theatrical release", "limited": "limited release", "wide": "wide release",
    "streaming": "streaming release", "tv": "television premiere",
    "home_media": "home media release", "festival": "festival screening",
}
P_CHARACTER, P_PLACE_OF_PUBLICATION, P_CHARACTERISTIC = "P453", "P291", "P1552"
P_FOR_WORK, P_QUANTITY, P_POINT_IN_TIME, P_VALID_IN_PLACE = "P1686", "P1114", "P585", "P3005"
QID = re.compile(r"^Q[1-9]\d*$")


@dataclass(frozen=True)
class Item:
    name: str
    type: str
    entity_id: int | None = None

    @property
    def key(self) -> str:
        return name_key(self.name)


@dataclass(frozen=True)
class Time:
    iso: str  # YYYY, YYYY-MM or YYYY-MM-DD

    @property
    def precision(self) -> int:
        return {4: 9, 7: 10}.get(len(self.iso), 11)


@dataclass(frozen=True)
class Quantity:
    amount: str
    unit: str | None = None  # currency code


Value = Item | Time | Quantity | str


@dataclass
class Reference:
    url: str | None
    title: str | None
    retrieved: str | None
    quotation: str
    published: str | None


@dataclass
class Statement:
    fact_id: int
    subject: Item
    property: str
    value: Value
    qualifiers: list[tuple[str, Value]] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)


DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def _item(name: str | None, etype: str, entity_id: int | None = None) -> Item | None:
    return Item(name, etype, entity_id) if name else None


def _value(fact: FactRow) -> Value | None:
    rel, obj = fact.relation, fact.object
    if rel == "release_date":
        return Time(obj) if DATE.match(obj or "") else None
    if rel == "box_office":
        m = re.match(r"^([A-Z]{3})\s+(\d+(?:\.\d+)?)$", obj or "")
        return Quantity(m.group(2), m.group(1)) if m else None
    if rel in ("nominated_for", "award_received"):
        return Item(category_item(obj, fact.qualifiers.get("category")), "award",
                    None if fact.qualifiers.get("category") else fact.object_id)
    if rel == "genre":
        return Item(obj, "genre")
    if rel == "narrative_location":
        return Item(obj, "place")
    default = {"cast_member": "person", "voice_actor": "person"}.get(rel, "work")
    return Item(obj, fact.object_type or default, fact.object_id)


def _qualifiers(fact: FactRow) -> list[tuple[str, Value]]:
    q = fact.qualifiers
    out: list[tuple[str, Value]] = []
    rel = fact.relation
    if rel in ("cast_member", "voice_actor") and q.get("character"):
        out.append((P_CHARACTER, Item(q["character"], "character")))
    if rel == "release_date":
        if q.get("region"):
            out.append((P_PLACE_OF_PUBLICATION, Item(str(q["region"]), "country")))
        if q.get("release_type") in RELEASE_TYPE_LABELS:
            out.append((P_CHARACTERISTIC, Item(RELEASE_TYPE_LABELS[q["release_type"]],
                                               "release_type")))
    if rel in ("distributor", "box_office") and q.get("region"):
        out.append((P_VALID_IN_PLACE, Item(str(q["region"]), "country")))
    if rel in ("nominated_for", "award_received"):
        if q.get("for_work"):
            out.append((P_FOR_WORK, Item(str(q["for_work"]), "work")))
        if q.get("count") and str(q["count"]).isdigit():
            out.append((P_QUANTITY, Quantity(str(q["count"]))))
    if rel == "premiere" and q.get("date") and DATE.match(str(q["date"])):
        out.append((P_POINT_IN_TIME, Time(str(q["date"]))))
    return out


def references(fact: FactRow) -> list[Reference]:
    """One reference per source document (its first evidence span as quotation)."""
    seen: dict[str, Reference] = {}
    for ev in fact.evidence:
        s = ev.source
        if s.doc_id not in seen:
            seen[s.doc_id] = Reference(s.url, s.title, s.retrieved, ev.text, s.published)
    return list(seen.values())


def statement(fact: FactRow) -> Statement | None:
    """The Wikidata statement of a fact, or None when the relation has no
    property (screened_at) or the value cannot be written (a malformed date)."""
    prop = fact.pid
    if not prop:
        return None
    value = _value(fact)
    if value is None:
        return None
    subject = Item(fact.subject, fact.subject_type, fact.subject_id)
    return Statement(fact.id, subject, prop, value, _qualifiers(fact), references(fact))


class QidError(ValueError):
    """The --qids file is unreadable or malformed; the message says where."""


def load_qids(path: str | Path) -> dict[str, str]:
    """A name,qid CSV (header optional) as {name_key: Q-id}."""
    out: dict[str, str] = {}
    try:
        with open(path, newline="", encoding="utf-8-sig") as fh:
            for n, row in enumerate(csv.reader(fh), 1):
                if not row or not "".join(row).strip() or row[0].startswith("#"):
                    continue
                if n == 1 and [c.strip().lower() for c in row[:2]] == ["name", "qid"]:
                    continue
                if len(row) < 2:
                    raise QidError(f"{path}:{n}: expected name,qid")
                qid = row[1].strip().upper()
                if not QID.match(qid):
                    raise QidError(f"{path}:{n}: {row[1].strip()!r} is not a Q-id")
                out[name_key(row[0])] = qid
    except OSError as exc:
        raise QidError(f"cannot read {path}: {exc.strerror or exc}") from None
    except (UnicodeDecodeError, csv.Error) as exc:
        raise QidError(f"cannot read {path}: {exc}") from None
    return out


def qid_of(item: Item, qids: dict[str, str]) -> str | None:
    """The user's mapping first; countries and currencies from the built-in tables."""
    if item.key in qids:
        return qids[item.key]
    if item.type == "country":
        return COUNTRY_QIDS.get(item.name.upper())
    return None
