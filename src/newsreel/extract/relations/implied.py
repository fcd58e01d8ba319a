"""Facts that an award or nomination for a role states in passing.

"Clint Eastwood took the best director prize for Million Dollar Baby" says he
directed it; "best actress for Being Julia" says she is in its cast. Runs
after the award family and reads its facts."""

from __future__ import annotations

from newsreel.extract.context import DocContext
from newsreel.extract.relations.crew import possessive_directors
from newsreel.model import Evidence

CATEGORY_ROLES = (
    (("director", "directing", "directorial"), "director"),
    (("actor", "actress", "performance", "performer", "supporting", "lead role"),
     "cast_member"),
    (("screenplay", "writer", "writing", "script"), "screenwriter"),
    (("score", "composer", "music"), "composer"),
)


def _work_after_for(ctx: DocContext, fact) -> str | None:
    """ "Annette Bening won best actress in a musical/comedy for Being Julia": the
    work after the first "for" that follows the winner in the evidence sentence."""
    doc = ctx.doc
    span = doc.char_span(fact.evidence.start, fact.evidence.end, alignment_mode="expand")
    if span is None:
        return None
    winner = next((m for m in ctx.mentions_in(span.start, span.end, ("person",))
                   if m.name == fact.subject), None)
    if winner is None:
        return None
    for i in range(winner.end, span.end - 1):
        t = doc[i]
        if t.lower_ in (";", "while", "whereas") or t.text == "." or \
                ctx.mention_at(i) is not None and ctx.mention_at(i).type == "person":
            return None  # another clause or another winner
        if t.lower_ == "for" or t.lower_ == "in" and i == winner.end:  # "Rush in X"
            k = i + 1
            while k < span.end and k < i + 4 and doc[k].text.islower():
                k += 1  # "for the comedy Harbour Lights"
            m = ctx.mention_at(k)
            if m is not None and m.start == k and m.type in ("film", "tv_series"):
                return m.name
    return None


def extract(ctx: DocContext) -> None:
    for fact in list(ctx.facts):
        if fact.relation not in ("award_received", "nominated_for"):
            continue
        if not fact.qualifiers.get("for_work") and fact.subject_type in (None, "person"):
            found = _work_after_for(ctx, fact)
            if found:
                fact.qualifiers["for_work"] = found
        work = fact.qualifiers.get("for_work")
        category = (fact.qualifiers.get("category") or "").lower()
        if not work or not category or fact.subject_type not in (None, "person"):
            continue
        if "debut" in category and "director" in category:
            role = "director"
        else:
            role = next((r for words, r in CATEGORY_ROLES if any(w in category for w in words)),
                        None)
        if role is None or "song" in category:
            continue
        ev = Evidence(fact.evidence.start, fact.evidence.end, fact.evidence.text)
        ctx.add_fact(work, role, fact.subject, ev, confidence=min(fact.confidence, 0.75),
                     subject_type="film", object_type="person")
    # "Niamh Carraway's coastal drama Low Water" once she is a best-director nominee
    possessive_directors(ctx)
