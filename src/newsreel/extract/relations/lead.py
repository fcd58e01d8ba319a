"""Release years stated in passing: "Aftersun (2022)", "the 2009 film Bandslam",
"Song of Freedom is a 1936 British film", "a 1967 single".

Only the year: a finer date or a region comes from the release family."""

from __future__ import annotations

import re

from newsreel.extract.context import WORK_TYPES, DocContext, Mention
from newsreel.extract.titles import FILM_NOUNS, lead_verb, year_range

YEAR = re.compile(r"^(18[89]\d|19\d\d|20\d\d)$")
LEAD_NOUNS = set(FILM_NOUNS) | {"single", "song", "album", "telenovela", "ep", "episode",
                                "short", "animated", "series"}


def _year(text: str) -> str | None:
    m = YEAR.match(text)
    return m.group(1) if m else None


def extract(ctx: DocContext) -> None:
    doc = ctx.doc
    n = len(doc)
    for m in ctx.mentions:
        if m.type not in WORK_TYPES:
            continue
        # "Aftersun (2022)", "Duty ( 2000 )"
        if m.end + 2 < n and doc[m.end].text == "(" and (
                doc[m.end + 2].text == ")" or year_range(doc, m.end)):  # "(1992 – 94)"
            year = _year(doc[m.end + 1].text)
            if year:
                ctx.add_fact(m, "release_date", year, doc[m.start], confidence=0.8)
                continue
        # "the 2009 film Bandslam", "her 2012 album Lotus"
        k = m.start - 1
        steps = 0
        while k >= 0 and steps < 4 and doc[k].text.islower() and not doc[k].is_punct:
            k -= 1
            steps += 1
        if 0 <= k < m.start - 1 and _year(doc[k].text) and any(
                t.lower_ in LEAD_NOUNS for t in doc[k + 1:m.start]) and not _is_age(doc, k):
            ctx.add_fact(m, "release_date", _year(doc[k].text), doc[m.start], confidence=0.75)
            continue
        # "the film Dough Boys, released in 2008"
        if m.end + 4 < n and doc[m.end].text in (",", "(") and doc[m.end + 1].lower_ in (
                "released", "broadcast", "aired", "published") and \
                doc[m.end + 2].lower_ == "in" and _year(doc[m.end + 3].text) and \
                not doc[m.end + 4].like_num:
            ctx.add_fact(m, "release_date", _year(doc[m.end + 3].text), doc[m.start],
                         confidence=0.75)
            continue
        # "Song of Freedom is a 1936 British film"
        _lead_year(ctx, m)


def _is_age(doc, k: int) -> bool:
    return k > 0 and doc[k - 1].lower_ in ("since", "until", "from", "in", "by")


def _lead_year(ctx: DocContext, m: Mention) -> None:
    doc = ctx.doc
    n = len(doc)
    k = lead_verb(doc, m.end)  # past quotes, "(Fighting Blade)", ", also known as X,"
    if k is None or doc[k].lower_ not in ("is", "was", "a", "an"):
        return
    if doc[k].lower_ in ("is", "was"):
        k += 1
    if k < n and doc[k].lower_ in ("a", "an", "the"):
        k += 1
    if k < n and _year(doc[k].text):
        rest = doc[k + 1:min(n, k + 8)]
        if any(t.lower_ in LEAD_NOUNS for t in rest):
            ctx.add_fact(m, "release_date", _year(doc[k].text), doc[m.start], confidence=0.8)
