"""Date normalization for release facts: text -> ISO 8601 at the text's precision.

`normalize_date("December 22", anchor=date(2023, 11, 22))` -> "2023-12-22";
"May 2006" -> "2006-05"; "next year" -> "2024"; "last year's" -> "2022".
Relative dates are anchored on the article's `published` date (`ctx.anchor`).
Without an anchor only dates whose year the text itself gives are kept
("December 22" in an undated article -> None: the fact is dropped).

dateparser does the calendar arithmetic ("next Friday", "26 February"); the
precision (day, month or year) comes from what the text says, never from
dateparser's filled-in defaults. Results are cached per (text, anchor, prefer)."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from functools import lru_cache

from spacy.tokens import Span

MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august",
     "september", "october", "november", "december"], start=1)}
MONTHS.update({m[:3]: i for m, i in list(MONTHS.items())})
MONTHS["sept"] = 9
WEEKDAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
YEAR_RE = re.compile(r"^(1[89]\d\d|20\d\d)$")
DAY_RE = re.compile(r"^(\d{1,2})(st|nd|rd|th)?$")
# words around a date that carry no date information ("late 2002", "until March 6")
NOISE = {"in", "on", "by", "until", "till", "from", "since", "of", "the", "late", "early",
         "mid", "mid-", "around", "about", "before", "after", "as", "'s", "’s", "this",
         "that", "a", "an", "starting", "beginning", "end", "start", "later",
         "earlier", "during", "over", "at", "for", "'", "’"}
# relative expressions dateparser handles once the anchor is known
RELATIVE_YEAR = {("next", "year"): 1, ("last", "year"): -1, ("this", "year"): 0,
                 ("previous", "year"): -1, ("the", "following", "year"): 1,
                 ("this", "past", "year"): -1}
SEASONS = {"spring", "summer", "autumn", "fall", "winter", "christmas", "holiday", "holidays"}


def _words(text: str) -> list[str]:
    text = text.replace("’", "'").replace(",", " , ")
    text = re.sub(r"'s\b", " 's", text)
    return [w for w in text.lower().split() if w]


def _parse(text: str, anchor: date | None) -> datetime | None:
    from dateparser.date import DateDataParser

    base = datetime.combine(anchor or date(2000, 1, 1), datetime.min.time())
    parser = DateDataParser(languages=["en"], settings={
        "RELATIVE_BASE": base, "PREFER_DATES_FROM": "current_period",
        "PREFER_DAY_OF_MONTH": "first", "STRICT_PARSING": False})
    data = parser.get_date_data(text)
    return data.date_obj


@lru_cache(maxsize=4096)
def normalize_date(text: str, anchor: date | None = None, prefer: str | None = None,
                   ) -> str | None:
    """ISO date at the precision the text gives, or None.

    `prefer` is "future" (an upcoming release: "December 22" said in November
    is this year, said in February... still this year, but "January 26" said
    in November is next year) or "past" ("premiered in January" said in
    March is this year's January) or None (the anchor's year)."""
    words = [w for w in _words(text) if w not in NOISE and w != ","]
    if not words:
        return None
    # pure relative years: "next year", "last year's"
    joined = tuple(w for w in _words(text) if w not in {"'s", ","})
    for k in range(len(joined)):
        for pattern, delta in RELATIVE_YEAR.items():
            if joined[k:k + len(pattern)] == pattern:
                return str(anchor.year + delta) if anchor else None
    years = [w for w in words if YEAR_RE.match(w)]
    months = [MONTHS[w.rstrip(".")] for w in words if w.rstrip(".") in MONTHS]
    days = [int(DAY_RE.match(w).group(1)) for w in words
            if DAY_RE.match(w) and 1 <= int(DAY_RE.match(w).group(1)) <= 31]
    weekday = any(w in WEEKDAYS for w in words)
    decade = any(re.match(r"^(1[89]\d0|20\d0)s$", w) for w in words)
    if decade and not months:
        return None
    if any(w in SEASONS for w in words) and not months:
        return years[0] if len(years) == 1 else None
    if len(years) > 1:
        return None  # a range or a list ("2004-2006"): not one date
    year = int(years[0]) if years else None
    if months:
        month = months[0]
        day = days[0] if days else None
        if year is None:
            if anchor is None:
                return None
            year = _pick_year(anchor, month, day or 1, prefer)
        if day is not None:
            try:
                return date(year, month, day).isoformat()
            except ValueError:
                return None
        return f"{year:04d}-{month:02d}"
    if weekday or any(w in {"tomorrow", "today", "yesterday", "tonight"} for w in words):
        if anchor is None:
            return None
        parsed = _parse(text, anchor)
        if parsed is None:
            return None
        d = parsed.date()
        if prefer == "past" and d > anchor and "next" not in words:
            d -= timedelta(days=7)
        if prefer == "future" and d < anchor and "last" not in words:
            d += timedelta(days=7)  # "opens on Friday": the coming one
        return d.isoformat()
    if year is not None:
        return str(year)
    if anchor is None:
        return None
    if "month" in words and ("next" in words or "last" in words or "this" in words):
        parsed = _parse(" ".join(words), anchor)
        return f"{parsed.year:04d}-{parsed.month:02d}" if parsed else None
    return None


def _pick_year(anchor: date, month: int, day: int, prefer: str | None) -> int:
    try:
        cand = date(anchor.year, month, min(day, 28))
    except ValueError:
        return anchor.year
    if prefer == "future" and cand < anchor - timedelta(days=45):
        return anchor.year + 1
    if prefer == "past" and cand > anchor + timedelta(days=45):
        return anchor.year - 1
    return anchor.year


def shift(iso: str, days: int) -> str | None:
    """A day-precise ISO date moved by `days` ("a day later"); None otherwise."""
    if len(iso) != 10:
        return None
    return (date.fromisoformat(iso) + timedelta(days=days)).isoformat()


def span_date(span: Span, anchor: date | None, prefer: str | None = None) -> str | None:
    """Normalize a spaCy DATE span (or any span of tokens)."""
    return normalize_date(span.text, anchor, prefer)


def year_of(iso: str | None) -> int | None:
    return int(iso[:4]) if iso and iso[:4].isdigit() else None
