"""Facts that an award or nomination for a role states in passing.

"Clint Eastwood took the best director prize for Million Dollar Baby" says he
directed it; "best actress for Being Julia" says she is in its cast. Runs
after the award family and reads its facts."""

from __future__ import annotations

from newsreel.extract.context import DocContext
from newsreel.model import Evidence

CATEGORY_ROLES = (
    (("director", "directing", "directorial"), "director"),
    (("actor", "actress", "performance", "performer", "supporting", "lead role"),
     "cast_member"),
    (("screenplay", "writer", "writing", "script"), "screenwriter"),
    (("score", "composer", "music"), "composer"),
)


def extract(ctx: DocContext) -> None:
    for fact in list(ctx.facts):
        if fact.relation not in ("award_received", "nominated_for"):
            continue
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
