"""Run one relation family over a sentence with the titles and people given,
so a family's tests do not depend on how well titles are found elsewhere."""

from __future__ import annotations

from functools import cache

from newsreel.extract.context import DocContext, Mention
from newsreel.extract.entities import build_mentions
from newsreel.model import Article


@cache
def _nlp():
    from newsreel.extract.nlp import load_nlp

    return load_nlp()


def context(text: str, names: dict[str, str] | None = None, published: str | None = None,
            ) -> DocContext:
    """A parsed context whose mentions are the model's plus `names` (surface -> type)."""
    doc = _nlp()(text)
    forced: list[Mention] = []
    for surface, etype in (names or {}).items():
        start = 0
        while (k := text.find(surface, start)) >= 0:
            span = doc.char_span(k, k + len(surface), alignment_mode="expand")
            source = "person" if etype == "person" else "title"
            forced.append(Mention(span.start, span.end, etype, surface, source))
            start = k + len(surface)
    taken = {i for m in forced for i in range(m.start, m.end)}
    mentions = [m for m in build_mentions(doc) if not taken & set(range(m.start, m.end))]
    ctx = DocContext(doc=doc, article=Article(body=text, source="test.txt",
                                              published=published), anchor=None)
    ctx.set_mentions(mentions + forced)
    return ctx


def run(family, text: str, names: dict[str, str] | None = None) -> list[tuple]:
    """(subject, relation, object, qualifiers) for every fact the family adds."""
    ctx = context(text, names)
    family(ctx)
    return [(f.subject, f.relation, f.object, dict(f.qualifiers)) for f in ctx.facts]
