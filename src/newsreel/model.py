"""The small types every layer shares: an Article in, a Record out.

`Article` is what a reader produces; `Record` is what extraction produces
from one article, in the shape of SCHEMA.md section 1. Both are plain
dataclasses so they pickle (Ray, multiprocessing) and serialize to JSON.
"""

from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import asdict, dataclass, field
from typing import Any

ENTITY_TYPES = (
    "film", "tv_series", "work", "person", "character",
    "organization", "outlet", "festival", "award",
)

RELATIONS = {
    # relation: (Wikidata property, object kind)
    "director": ("P57", "person"),
    "screenwriter": ("P58", "person"),
    "producer": ("P162", "person"),
    "composer": ("P86", "person"),
    "cast_member": ("P161", "person"),
    "voice_actor": ("P725", "person"),
    "genre": ("P136", "text"),
    "based_on": ("P144", "work"),
    "author": ("P50", "person"),
    "production_company": ("P272", "organization"),
    "distributor": ("P750", "organization"),
    "release_date": ("P577", "date"),
    "premiere": ("P4647", "festival"),
    "screened_at": (None, "festival"),
    "nominated_for": ("P1411", "award"),
    "award_received": ("P166", "award"),
    "box_office": ("P2142", "money"),
    "narrative_location": ("P840", "place"),
}


def normalize_body(text: str) -> str:
    """The body as newsreel keeps it: NFC, `\\n` line ends (CONTRACTS.md 2); NUL
    characters dropped and lone surrogates as U+FFFD, so every store can hold it."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        text = "".join("\ufffd" if "\ud800" <= c <= "\udfff" else c for c in text)
    return unicodedata.normalize("NFC", text)


def body_id(body: str) -> str:
    """Document identity: sha256 of the normalized body's UTF-8 bytes."""
    return hashlib.sha256(body.encode("utf-8", "surrogatepass")).hexdigest()


@dataclass
class Article:
    """One article as a reader found it. `body` is already normalized."""

    body: str
    source: str
    title: str | None = None
    published: str | None = None  # ISO date (YYYY-MM-DD) or None
    outlet: str | None = None
    url: str | None = None
    authors: list[str] = field(default_factory=list)
    language: str = "en"
    meta: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.body = normalize_body(self.body)

    @property
    def id(self) -> str:
        return body_id(self.body)

    def doc_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "source": self.source, "title": self.title,
            "published": self.published, "outlet": self.outlet,
            "authors": list(self.authors), "language": self.language,
            "url": self.url,
        }


@dataclass
class Evidence:
    start: int
    end: int
    text: str


@dataclass
class Entity:
    name: str
    type: str
    aliases: list[str] = field(default_factory=list)
    mentions: list[tuple[int, int]] = field(default_factory=list)


@dataclass
class Fact:
    subject: str
    relation: str
    object: str
    evidence: Evidence
    qualifiers: dict[str, Any] = field(default_factory=dict)
    confidence: float = 0.8
    subject_type: str | None = None
    object_type: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "subject": self.subject, "relation": self.relation, "object": self.object,
            "qualifiers": {k: v for k, v in self.qualifiers.items() if v is not None},
            "evidence": asdict(self.evidence), "confidence": round(self.confidence, 3),
            "subject_type": self.subject_type, "object_type": self.object_type,
        }


@dataclass
class Quote:
    speaker: str | None
    text: str
    start: int
    end: int
    outlet: str | None = None
    interviewer: str | None = None
    speaker_type: str | None = "person"

    def to_dict(self) -> dict[str, Any]:
        return {
            "speaker": self.speaker, "text": self.text, "start": self.start,
            "end": self.end, "outlet": self.outlet, "interviewer": self.interviewer,
        }


@dataclass
class Record:
    """The extraction record of one article (SCHEMA.md section 1)."""

    doc: dict[str, Any]
    entities: list[Entity] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "doc": self.doc,
            "entities": [
                {"name": e.name, "type": e.type, "aliases": e.aliases,
                 "mentions": [list(m) for m in e.mentions]}
                for e in self.entities
            ],
            "facts": [f.to_dict() for f in self.facts],
            "quotes": [q.to_dict() for q in self.quotes],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Record:
        return cls(
            doc=dict(data["doc"]),
            entities=[
                Entity(e["name"], e["type"], list(e.get("aliases", [])),
                       [tuple(m) for m in e.get("mentions", [])])
                for e in data.get("entities", [])
            ],
            facts=[
                Fact(
                    subject=f["subject"], relation=f["relation"], object=f["object"],
                    evidence=Evidence(**f["evidence"]),
                    qualifiers=dict(f.get("qualifiers") or {}),
                    confidence=f.get("confidence", 0.8),
                    subject_type=f.get("subject_type"), object_type=f.get("object_type"),
                )
                for f in data.get("facts", [])
            ],
            quotes=[
                Quote(q.get("speaker"), q["text"], q["start"], q["end"],
                      q.get("outlet"), q.get("interviewer"))
                for q in data.get("quotes", [])
            ],
        )
