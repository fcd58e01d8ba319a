"""The extraction pipeline: parse, build mentions, run every relation family."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from datetime import date
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc

from newsreel.extract.context import DocContext
from newsreel.extract.entities import build_mentions
from newsreel.extract.nlp import load_nlp
from newsreel.extract.relations import FAMILIES
from newsreel.model import Article, Entity, Evidence, Record

CHUNK_CHARS = 100_000  # spaCy's max_length is 1,000,000; parse long bodies in chunks
ZONE_ARTICLES = 64  # articles per spaCy memory zone (see extract_many)


def anchor_date(article: Article) -> date | None:
    if not article.published:
        return None
    try:
        return date.fromisoformat(article.published[:10])
    except ValueError:
        return None


class Extractor:
    """Holds the pipeline; `min_confidence` drops facts below it."""

    def __init__(self, nlp: Language | None = None, min_confidence: float = 0.0,
                 families: Iterable[Callable[[DocContext], None]] | None = None) -> None:
        self.nlp = nlp or load_nlp()
        self.min_confidence = min_confidence
        self.families = list(families) if families is not None else list(FAMILIES)

    # -- parsing -----------------------------------------------------------
    def _texts(self, article: Article) -> list[str]:
        body = article.body
        if len(body) <= CHUNK_CHARS:
            return [body]
        chunks, start = [], 0
        while start < len(body):
            end = min(len(body), start + CHUNK_CHARS)
            if end < len(body):
                cut = body.rfind("\n", start + CHUNK_CHARS // 2, end)
                end = cut + 1 if cut > start else end
            chunks.append(body[start:end])
            start = end
        return chunks

    def parse_many(self, articles: Iterable[Article], batch_size: int = 16,
                   ) -> Iterator[tuple[Article, Doc]]:
        def stream():
            for article in articles:
                texts = self._texts(article)
                for k, text in enumerate(texts):
                    yield text, (article, k, len(texts))

        pending: list[Doc] = []
        for doc, (article, k, total) in self.nlp.pipe(stream(), as_tuples=True,
                                                       batch_size=batch_size):
            pending.append(doc)
            if k == total - 1:
                yield article, pending[0] if len(pending) == 1 else Doc.from_docs(
                    pending, ensure_whitespace=False)
                pending = []

    # -- extraction --------------------------------------------------------
    def from_doc(self, article: Article, doc: Doc) -> Record:
        if len(article.body) > CHUNK_CHARS:
            record = self._from_chunks(article, doc)
        else:
            record = self._from_one(article, doc)
        if self.min_confidence:
            record.facts = [f for f in record.facts if f.confidence >= self.min_confidence]
        return record

    def _from_one(self, article: Article, doc: Doc, text: str | None = None) -> Record:
        doc.user_data["newsreel_text"] = article.body if text is None else text
        ctx = DocContext(doc=doc, article=article, anchor=anchor_date(article))
        ctx.set_mentions(build_mentions(doc, article.meta.get("italic_spans"), article.title))
        for family in self.families:
            family(ctx)
        return ctx.record()

    def _from_chunks(self, article: Article, doc: Doc) -> Record:
        """A long body: the families run on each paragraph-aligned chunk of about
        CHUNK_CHARS (their cost grows faster than the text), offsets re-based."""
        merged = Record(doc=article.doc_dict())
        entities: dict[tuple[str, str], Entity] = {}
        start = 0
        for text in self._texts(article):
            span = doc.char_span(start, start + len(text), alignment_mode="expand")
            base = start
            start += len(text)
            if span is None or not len(span):
                continue
            base = span.start_char
            part = self._from_one(replace(article, meta={}), span.as_doc(), span.text)
            for f in part.facts:
                f.evidence = Evidence(f.evidence.start + base, f.evidence.end + base,
                                      f.evidence.text)
                merged.facts.append(f)
            for q in part.quotes:
                q.start += base
                q.end += base
                merged.quotes.append(q)
            for e in part.entities:
                ent = entities.setdefault((e.type, e.name), Entity(e.name, e.type, [], []))
                ent.aliases = sorted(set(ent.aliases) | set(e.aliases))
                ent.mentions += [(s + base, t + base) for s, t in e.mentions]
        merged.entities = list(entities.values())
        return merged

    def extract(self, article: Article) -> Record:
        return next(self.extract_many([article]))[1]

    def extract_many(self, articles: Iterable[Article], batch_size: int = 16,
                     errors: list[tuple[Article, str]] | None = None,
                     ) -> Iterator[tuple[Article, Record]]:
        """Records in input order. With `errors`, an article whose extraction
        fails is appended there with the reason and skipped, instead of raising.

        Articles are parsed in groups inside spaCy's memory zone, so the strings
        a long stream adds to the vocabulary (new names, titles) are freed after
        each group and memory stays flat; records hold plain Python values."""
        group: list[Article] = []
        for article in articles:
            group.append(article)
            if len(group) >= ZONE_ARTICLES:
                yield from self._extract_group(group, batch_size, errors)
                group = []
        if group:
            yield from self._extract_group(group, batch_size, errors)

    def _extract_group(self, articles: list[Article], batch_size: int,
                       errors: list[tuple[Article, str]] | None,
                       ) -> Iterator[tuple[Article, Record]]:
        with self.nlp.memory_zone():
            results = list(self._extract_stream(articles, batch_size, errors))
        yield from results

    def _extract_stream(self, articles: Iterable[Article], batch_size: int,
                        errors: list[tuple[Article, str]] | None,
                        ) -> Iterator[tuple[Article, Record]]:
        # parse the whole group, then extract: the two phases interleaved per batch
        # run measurably slower (each evicts the other's working set from the caches)
        parsed = list(self.parse_many(articles, batch_size))
        for article, doc in parsed:
            if errors is None:
                yield article, self.from_doc(article, doc)
                continue
            try:
                record = self.from_doc(article, doc)
            except Exception as exc:  # one bad article never stops a batch
                errors.append((article, f"extraction failed: {type(exc).__name__}: {exc}"))
                continue
            yield article, record


@cache
def default_extractor() -> Extractor:
    return Extractor()


def extract_article(article: Article) -> Record:
    return default_extractor().extract(article)
