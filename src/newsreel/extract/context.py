"""The per-document working state every extractor family shares.

`DocContext` wraps the parsed spaCy `Doc` with the document's entity
mentions (after titles, gazetteers and person resolution), a token ->
mention index, the article's anchor date, and the facts and quotes found so
far. Extractor families read mentions and call `add_fact` / `add_quote`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy
from spacy.attrs import LEMMA, LOWER, ORTH
from spacy.tokens import Doc, Span, Token

from newsreel.model import Article, Entity, Evidence, Fact, Quote, Record
from newsreel.names import name_key

WORK_TYPES = ("film", "tv_series", "work")


def doc_text(doc: Doc) -> str:
    """The text the doc was parsed from, built once (Doc.text joins every token)."""
    text = doc.user_data.get("newsreel_text")
    if text is None:
        text = doc.user_data["newsreel_text"] = doc.text
    return text


def doc_ents(doc: Doc) -> tuple[Span, ...]:
    """`doc.ents`, built once (the property makes a Span per entity on every call)."""
    ents = doc.user_data.get("newsreel_ents")
    if ents is None:
        ents = doc.user_data["newsreel_ents"] = tuple(doc.ents)
    return ents


def sent_chars(doc: Doc) -> list[tuple[int, int]]:
    """Token index -> (start_char, end_char) of its sentence, built once."""
    table = doc.user_data.get("newsreel_sent_chars")
    if table is None:
        _sentence_tables(doc)
        table = doc.user_data["newsreel_sent_chars"]
    return table


def sent_bounds(doc: Doc) -> list[tuple[int, int]]:
    """Token index -> (start, end) token indexes of its sentence, built once
    (`Token.sent` walks the document on every call)."""
    table = doc.user_data.get("newsreel_sent_bounds")
    if table is None:
        _sentence_tables(doc)
        table = doc.user_data["newsreel_sent_bounds"]
    return table


def _sentence_tables(doc: Doc) -> None:
    chars: list[tuple[int, int]] = []
    bounds: list[tuple[int, int]] = []
    for sent in doc.sents:
        chars.extend([(sent.start_char, sent.end_char)] * len(sent))
        bounds.extend([(sent.start, sent.end)] * len(sent))
    doc.user_data["newsreel_sent_chars"] = chars
    doc.user_data["newsreel_sent_bounds"] = bounds


def token_texts(doc: Doc) -> list[str]:
    """Every token's text, built once per document (a spaCy Token costs an object):
    looked up from the ORTH array, no Token built."""
    texts = doc.user_data.get("newsreel_texts")
    if texts is None:
        strings = doc.vocab.strings
        texts = doc.user_data["newsreel_texts"] = [
            strings[h] for h in token_hashes(doc).orth]
    return texts


class TokenHashes:
    """Per-document token attributes as string hashes (one `Doc.to_array`), each
    column also kept sorted, so a family finds its few trigger tokens by binary
    search instead of building a Token for every token of the document."""

    COLUMNS = {"orth": 0, "lower": 1, "lemma": 2}

    def __init__(self, doc: Doc) -> None:
        self.n = len(doc)
        self.array = doc.to_array([ORTH, LOWER, LEMMA]).reshape(self.n, 3)
        self.strings = doc.vocab.strings
        self._sorted: dict[int, tuple[numpy.ndarray, numpy.ndarray]] = {}
        self._lists: dict[str, list[int]] = {}

    def column(self, attr: str) -> list[int]:
        """Hashes of `attr` ("orth", "lower", "lemma"), one per token."""
        got = self._lists.get(attr)
        if got is None:
            got = self._lists[attr] = self.array[:, self.COLUMNS[attr]].tolist()
        return got

    orth = property(lambda self: self.column("orth"))
    lower = property(lambda self: self.column("lower"))
    lemma = property(lambda self: self.column("lemma"))

    def hashes(self, words: Iterable[str]) -> numpy.ndarray:
        """The ids spaCy gives `words` (symbols have small ones), sorted."""
        key = words if isinstance(words, frozenset) else frozenset(words)
        got = _WORD_HASHES.get(key)
        if got is None:
            add = self.strings.add
            got = numpy.unique(numpy.array([add(w) for w in key], dtype=numpy.uint64))
            if len(_WORD_HASHES) >= 512:  # word sets built per document: stay bounded
                _WORD_HASHES.clear()
            _WORD_HASHES[key] = got
        return got

    def _positions(self, col: int, wanted: numpy.ndarray) -> list[int]:
        got = self._sorted.get(col)
        if got is None:
            order = numpy.argsort(self.array[:, col], kind="stable")
            got = self._sorted[col] = (order, self.array[order, col])
        order, values = got
        lo = values.searchsorted(wanted, "left")
        hi = values.searchsorted(wanted, "right")
        out: list[int] = []
        for k in numpy.flatnonzero(hi > lo).tolist():
            out.extend(order[lo[k]:hi[k]].tolist())
        return out

    def find(self, words: Iterable[str], exact: bool = False,
             attrs: tuple[str, ...] = ("lower", "lemma")) -> list[int]:
        """Positions of tokens whose lower-case form or lemma (with `exact`: whose
        text; with `attrs`: whose listed attributes) is one of `words`, ascending,
        each once."""
        if not self.n:
            return []
        wanted = self.hashes(words)
        if exact:
            attrs = ("orth",)
        if len(attrs) == 1:  # one value a token: no duplicates
            return sorted(self._positions(self.COLUMNS[attrs[0]], wanted))
        return sorted({i for a in attrs for i in self._positions(self.COLUMNS[a], wanted)})


_WORD_HASHES: dict[frozenset[str], numpy.ndarray] = {}


def token_hashes(doc: Doc) -> TokenHashes:
    """The document's TokenHashes, built once."""
    table = doc.user_data.get("newsreel_hashes")
    if table is None:
        table = doc.user_data["newsreel_hashes"] = TokenHashes(doc)
    return table


def token_index(doc: Doc) -> dict[str, list[int]]:
    """Token text -> the positions it stands at."""
    index = doc.user_data.get("newsreel_index")
    if index is None:
        index = {}
        for i, text in enumerate(token_texts(doc)):
            index.setdefault(text, []).append(i)
        doc.user_data["newsreel_index"] = index
    return index
PERSON_OBJECTS = {"director", "screenwriter", "producer", "composer", "cast_member",
                  "voice_actor", "author"}
NOT_PEOPLE = {"organization", "outlet", "festival", "award", "film", "tv_series", "work"}
WORK_SUBJECTS = {"director", "screenwriter", "producer", "composer", "cast_member",
                 "voice_actor", "genre", "based_on", "production_company", "distributor",
                 "release_date", "premiere", "screened_at", "box_office", "narrative_location"}


@dataclass
class Mention:
    """One span of the body that names an entity, with its canonical name."""

    start: int  # token index
    end: int  # token index (exclusive)
    type: str
    name: str  # canonical name within the document
    source: str = "ner"  # what found it: ner, gazetteer, title, alias, pattern

    def span(self, doc: Doc) -> Span:
        return doc[self.start:self.end]


@dataclass
class DocContext:
    doc: Doc
    article: Article
    anchor: date | None
    mentions: list[Mention] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    aliases: dict[tuple[str, str], set[str]] = field(default_factory=dict)
    tok2mention: list[Mention | None] = field(default_factory=list)
    _fact_keys: dict[tuple, int] = field(default_factory=dict)

    # -- mentions ----------------------------------------------------------
    def set_mentions(self, mentions: list[Mention]) -> None:
        self.mentions = sorted(mentions, key=lambda m: m.start)
        self.tok2mention = [None] * len(self.doc)
        for m in self.mentions:
            for i in range(m.start, m.end):
                self.tok2mention[i] = m
            surface = self.doc[m.start:m.end].text
            if name_key(surface) != name_key(m.name):
                self.aliases.setdefault((m.type, m.name), set()).add(surface)

    def mention_at(self, i: int) -> Mention | None:
        if 0 <= i < len(self.tok2mention):
            return self.tok2mention[i]
        return None

    def mentions_in(self, start: int, end: int, types: tuple[str, ...] | None = None,
                    ) -> list[Mention]:
        out = []
        for m in self.mentions:
            if m.start >= end:
                break
            if m.start >= start and m.end <= end and (types is None or m.type in types):
                out.append(m)
        return out

    def names_of(self, etype: str) -> list[str]:
        seen: dict[str, None] = {}
        for m in self.mentions:
            if m.type == etype:
                seen.setdefault(m.name, None)
        return list(seen)

    @property
    def body(self) -> str:
        return doc_text(self.doc)

    # -- facts -------------------------------------------------------------
    def evidence(self, start_char: int, end_char: int) -> Evidence:
        return Evidence(start_char, end_char, doc_text(self.doc)[start_char:end_char])

    def sent_evidence(self, token_or_span: Token | Span) -> Evidence:
        if isinstance(token_or_span, Token):  # Token.sent walks the document: use a table
            start, end = sent_chars(self.doc)[token_or_span.i]
            return self.evidence(start, end)
        sent = token_or_span.sent
        return self.evidence(sent.start_char, sent.end_char)

    def add_fact(self, subject: Mention | str, relation: str, obj: Mention | str,
                 where: Token | Span | Evidence, *, qualifiers: dict[str, Any] | None = None,
                 confidence: float = 0.8, subject_type: str | None = None,
                 object_type: str | None = None) -> Fact | None:
        if isinstance(subject, Mention):
            subject_type = subject_type or subject.type
            subject = subject.name
        if isinstance(obj, Mention):
            object_type = object_type or obj.type
            obj = obj.name
        if not subject or not obj or name_key(subject) == name_key(obj) and relation not in (
                "based_on",):
            return None
        if relation in PERSON_OBJECTS and object_type in NOT_PEOPLE:
            return None  # "produced by Tallow Street Pictures" is no producer
        if subject_type in ("person", "organization", "outlet", "festival", "award") and \
                relation in WORK_SUBJECTS:
            return None
        ev = where if isinstance(where, Evidence) else self.sent_evidence(where)
        q = {k: v for k, v in (qualifiers or {}).items() if v not in (None, "")}
        key = (name_key(subject), relation, name_key(obj),
               name_key(q.get("category")) if relation in (
                   "nominated_for", "award_received") else "",
               q.get("region") if relation in ("release_date", "box_office", "distributor")
               else "")
        if key in self._fact_keys:  # same fact twice: keep the more confident, merge quals
            old = self.facts[self._fact_keys[key]]
            for k, v in q.items():
                old.qualifiers.setdefault(k, v)
            old.confidence = max(old.confidence, confidence)
            return old
        if relation in ("cast_member", "voice_actor") and q.get("character"):
            self.mark_character(q["character"])
        fact = Fact(subject=subject, relation=relation, object=obj, evidence=ev,
                    qualifiers=q, confidence=confidence, subject_type=subject_type,
                    object_type=object_type)
        self._fact_keys[key] = len(self.facts)
        self.facts.append(fact)
        return fact

    def mark_character(self, name: str) -> None:
        """A name found as a role is a character, not a person, wherever it stands."""
        key = name_key(name)
        for m in self.mentions:
            if m.type == "person" and name_key(m.name) == key:
                m.type = "character"

    def add_quote(self, quote: Quote) -> None:
        for q in self.quotes:
            if q.start == quote.start:
                return
        self.quotes.append(quote)

    # -- output ------------------------------------------------------------
    def record(self) -> Record:
        body = doc_text(self.doc)
        ents: dict[tuple[str, str], Entity] = {}
        for m in self.mentions:
            key = (m.type, m.name)
            ent = ents.get(key)
            if ent is None:
                ent = ents[key] = Entity(m.name, m.type, sorted(self.aliases.get(key, ())), [])
            span = self.doc[m.start:m.end]
            ent.mentions.append((span.start_char, span.end_char))
        for f in self.facts:
            for name, etype in ((f.subject, f.subject_type), (f.object, f.object_type)):
                if etype and (etype, name) not in ents and etype != "text":
                    ents[(etype, name)] = Entity(name, etype, [], [])
        for ent in ents.values():
            ent.mentions = sorted(set(ent.mentions))
        assert all(body[s:e] for e_ in ents.values() for s, e in e_.mentions)
        return Record(doc=self.article.doc_dict(), entities=list(ents.values()),
                      facts=list(self.facts), quotes=list(self.quotes))
