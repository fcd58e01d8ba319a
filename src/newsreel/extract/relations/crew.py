"""Crew: director, screenwriter, producer, composer.

Patterns: "directed by P" (and written/produced/scored by), "P directed X",
"X director P" / "director P" with a work in the sentence, "the director of
X, P", "P-directed X", "P's drama X" when P is named as a film-maker.
"""

from __future__ import annotations

from newsreel.extract.context import DocContext
from newsreel.extract.relations.common import (
    hedged,
    negated,
    people_in,
    person_at,
    person_list_after,
    work_before,
    work_near,
)

VERB_ROLES = {
    "direct": "director", "helm": "director", "write": "screenwriter", "co-write": "screenwriter",
    "script": "screenwriter", "pen": "screenwriter", "produce": "producer",
    "compose": "composer", "score": "composer",
}
NOUN_ROLES = {
    "director": "director", "film-maker": "director", "filmmaker": "director",
    "co-director": "director", "helmer": "director",
    "screenwriter": "screenwriter", "writer": "screenwriter", "scriptwriter": "screenwriter",
    "co-writer": "screenwriter",
    "producer": "producer", "co-producer": "producer",
    "composer": "composer",
}
FILM_NOUNS = {"film", "drama", "movie", "comedy", "thriller", "documentary", "feature",
              "adaptation", "picture", "story", "epic", "biopic", "musical", "romance"}


def filmmakers(ctx: DocContext) -> set[str]:
    """People the article names as directors / film-makers anywhere."""
    out = set()
    doc = ctx.doc
    for m in ctx.mentions:
        if m.type != "person":
            continue
        before = doc[m.start - 1].lower_ if m.start else ""
        before2 = doc[m.start - 2].lower_ if m.start > 1 else ""
        after = doc[m.end + 1].lower_ if m.end + 1 < len(doc) else ""
        if before in ("director", "film-maker", "filmmaker") or before2 in (
                "director", "filmmaker", "film-maker") and before in (",", "the"):
            out.add(m.name)
        if m.end < len(doc) and doc[m.end].text == "," and after in (
                "director", "filmmaker", "film-maker"):
            out.add(m.name)
    return out


def extract(ctx: DocContext) -> None:
    doc = ctx.doc
    for tok in doc:
        lemma = tok.lemma_.lower()
        # "directed by P", "written and directed by P"
        if lemma in VERB_ROLES and tok.tag_ == "VBN":
            by = next((c for c in tok.children if c.dep_ == "agent"), None)
            if by is None and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "by":
                by = doc[tok.i + 1]
            if by is None or negated(tok):
                continue
            people = person_list_after(ctx, by.i + 1)
            if not people:
                continue
            roles = {VERB_ROLES[lemma]}
            for c in tok.children:  # "written and directed by"
                if c.dep_ == "conj" and c.lemma_.lower() in VERB_ROLES:
                    roles.add(VERB_ROLES[c.lemma_.lower()])
            head = tok.head
            if head.dep_ == "conj" and head.lemma_.lower() in VERB_ROLES:
                roles.add(VERB_ROLES[head.lemma_.lower()])
            work = work_before(ctx, tok.i, tok.sent) or work_near(ctx, tok)
            if work is None:
                continue
            for p in people:
                for role in roles:
                    ctx.add_fact(work, role, p, tok, confidence=0.9)
        # "P directed X", "P wrote and directed X"
        elif lemma in VERB_ROLES and tok.pos_ == "VERB" and tok.tag_ in ("VBD", "VBZ", "VBP"):
            subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
            if subj is None or negated(tok):
                continue
            p = person_at(ctx, subj.i)
            if p is None:
                continue
            obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
            work = None
            if obj is not None:
                work = ctx.mention_at(obj.i)
                if work is None or work.type not in ("film", "tv_series"):
                    work = next((m for m in ctx.mentions_in(obj.left_edge.i, obj.right_edge.i + 1,
                                                            ("film", "tv_series"))), None)
            if work is None:
                continue
            roles = {VERB_ROLES[lemma]}
            for c in tok.children:
                if c.dep_ == "conj" and c.lemma_.lower() in VERB_ROLES:
                    roles.add(VERB_ROLES[c.lemma_.lower()])
            for role in roles:
                ctx.add_fact(work, role, p, tok, confidence=0.85)
        # "X director P", "director P", "the film's director, P"
        elif tok.lower_ in NOUN_ROLES and not hedged(tok.sent):
            role = NOUN_ROLES[tok.lower_]
            if role == "screenwriter" and tok.lower_ == "writer":
                # "writer" alone is often a novelist or journalist
                pass
            j = tok.i + 1
            if j < len(doc) and doc[j].text == ",":
                j += 1
            p = person_at(ctx, j)
            if p is None:
                continue
            prev = ctx.mention_at(tok.i - 1) if tok.i else None
            if prev is not None and prev.type in ("film", "tv_series"):
                ctx.add_fact(prev, role, p, tok, confidence=0.85)
                continue
            if tok.i >= 2 and doc[tok.i - 1].text in ("'s", "’s"):
                prev = ctx.mention_at(tok.i - 2)
                if prev is not None and prev.type in ("film", "tv_series"):
                    ctx.add_fact(prev, role, p, tok, confidence=0.85)
    # "P's drama X": a possessive film-maker
    makers = filmmakers(ctx) | {f.object for f in ctx.facts if f.relation == "director"}
    for m in ctx.mentions:
        if m.type != "person" or m.name not in makers or m.end + 2 >= len(doc):
            continue
        if doc[m.end].text not in ("'s", "’s", "'"):
            continue
        j = m.end + 1
        while j < len(doc) and j < m.end + 5 and doc[j].lower_ not in FILM_NOUNS:
            if doc[j].is_punct and doc[j].text != "-":
                break
            j += 1
        if j >= len(doc) or doc[j].lower_ not in FILM_NOUNS:
            continue
        k = j + 1
        if k < len(doc) and doc[k].text in (",", "-", "–"):
            k += 1
        work = ctx.mention_at(k)
        if work is None:  # "Vera Drake - Leigh's 1950s drama"
            if m.start >= 2 and doc[m.start - 1].text in ("-", "–", ","):
                work = ctx.mention_at(m.start - 2)
        if work is not None and work.type in ("film", "tv_series"):
            ctx.add_fact(work, "director", m, doc[m.start], confidence=0.75)
    _ = people_in  # re-exported helper kept for other families
