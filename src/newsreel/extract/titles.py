"""Titles of films, series and other works, which the small model misses.

A title is a title-case run of tokens (lower-case function words allowed
inside: "All of Us Strangers", "Shaun of the Dead", "Bridget Jones: The Edge
of Reason") found in a strong context: after a film noun ("the thriller
Hide and Seek"), before one ("Ray star Jamie Foxx"), after a verb of
appearing or making ("starred in Sideways"), in quotes, followed by a year
in brackets, in an italic HTML span, or as the subject of "is a ... film".
A title found once is spread to its other mentions by `entities.py`.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

FUNCTION_WORDS = {
    "of", "the", "a", "an", "and", "in", "on", "to", "for", "at", "with", "from", "by",
    "or", "nor", "but", "into", "over", "under", "upon", "&", "de", "la", "le", "du", "vs",
    "vs.", "is", "are", "as", "who", "not", "no", "my", "your", "his", "her", "our",
    "their", "me", "it", "us", "you", "all",
}
FILM_NOUNS = {
    "film": "film", "films": "film", "movie": "film", "movies": "film", "feature": "film",
    "drama": "film", "comedy": "film", "thriller": "film", "documentary": "film",
    "musical": "film", "sequel": "film", "prequel": "film", "remake": "film",
    "epic": "film", "biopic": "film", "horror": "film", "romance": "film",
    "animation": "film", "blockbuster": "film", "adaptation": "film", "picture": "film",
    "western": "film", "satire": "film", "caper": "film", "chiller": "film",
    "weepie": "film", "romcom": "film", "rom-com": "film", "flick": "film",
    "debut": "film", "hit": "film", "smash": "film", "spoof": "film", "fantasy": "film",
    "cartoon": "film", "short": "film", "mockumentary": "film", "story": "film",
    "tale": "film", "fable": "film", "franchise": "film", "follow-up": "film",
    "series": "tv_series", "sitcom": "tv_series", "show": "tv_series",
    "miniseries": "tv_series", "mini-series": "tv_series", "soap": "tv_series",
    "programme": "tv_series", "program": "tv_series", "serial": "tv_series",
    "novel": "work", "book": "work", "play": "work", "album": "work", "memoir": "work",
    "novella": "work", "single": "work", "song": "work", "game": "work",
    "opera": "work", "stage": "work", "bestseller": "work", "comic": "work",
}
# words before a title: "starred in X", "directed X", "his role in X"
BEFORE_WORDS = {
    ("starred", "in"), ("stars", "in"), ("star", "in"), ("starring", "in"),
    ("appeared", "in"), ("appears", "in"), ("appear", "in"), ("role", "in"),
    ("roles", "in"), ("performance", "in"), ("performances", "in"), ("turn", "in"),
    ("work", "on"), ("sequel", "to"), ("follow-up", "to"), ("cast", "of"),
    ("premiere", "of"), ("success", "of"), ("version", "of"), ("adaptation", "of"),
    ("director", "of"), ("star", "of"), ("stars", "of"), ("makers", "of"),
    ("creator", "of"), ("release", "of"), ("screening", "of"), ("remake", "of"),
}
BEFORE_VERBS = {"directed", "wrote", "produced", "co-wrote", "scripted", "helmed",
                "directs", "starring", "co-starring", "headlines", "headlined", "fronts"}
# a noun right after the title: "Cold Mountain director Anthony Minghella"
AFTER_NOUNS = {"director", "star", "stars", "actor", "actress", "co-star", "creator",
               "writer", "producer", "composer", "screenwriter", "author", "cast",
               "filmmaker", "film-maker", "helmer", "actors", "novelist"}
FILM_NOUN_LEMMAS = set(FILM_NOUNS)
STOP_TITLES = {
    "The", "A", "An", "It", "He", "She", "They", "We", "I", "This", "That", "In", "On",
    "Mr", "Mrs", "Ms", "Dr", "Sir", "Dame", "Lord", "Oscar", "Oscars", "Hollywood",
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
    "January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December", "US", "UK", "TV", "BBC",
}


@dataclass
class TitleCandidate:
    start: int
    end: int
    type: str  # film, tv_series, work
    strength: float


def _is_cap(tok: Token) -> bool:
    t = tok.text
    return bool(t) and (t[0].isupper() or t[0].isdigit()) and t not in {"'s", "’s"}


def title_run(doc: Doc, i: int, limit: int = 12) -> int:
    """End (exclusive) of the title-case run starting at token i, or i."""
    if i >= len(doc) or not _is_cap(doc[i]) or doc[i].is_punct:
        return i
    sent_end = doc[i].sent.end
    end = i + 1
    j = i + 1
    while j < min(sent_end, i + limit):
        tok = doc[j]
        if _is_cap(tok) and not tok.is_punct:
            end = j + 1
            j += 1
            continue
        if tok.text in {"'s", "’s"} and j + 1 < sent_end and _is_cap(doc[j + 1]):
            j += 1
            continue
        if tok.text in {":", "-", "–"} and j + 1 < sent_end and _is_cap(doc[j + 1]) \
                and not doc[j + 1].ent_type_ == "PERSON":
            j += 1
            continue
        if tok.lower_ in FUNCTION_WORDS and tok.text.islower():
            # allow a run of lower-case function words followed by a capital
            k = j
            while k < sent_end and doc[k].lower_ in FUNCTION_WORDS and doc[k].text.islower():
                k += 1
            if k < sent_end and k - j <= 2 and _is_cap(doc[k]) and not doc[k].is_punct \
                    and doc[k].ent_type_ not in ("PERSON", "DATE", "GPE"):
                j = k
                continue
        break
    # a trailing function word never ends a title
    while end > i and doc[end - 1].lower_ in FUNCTION_WORDS and doc[end - 1].text.islower():
        end -= 1
    return end


def _trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    while start < end and (doc[start].is_punct or doc[start].text in STOP_TITLES
                           and end - start > 1 and doc[start].text not in ("The", "A", "An")):
        start += 1
    return start, end


def _noun_type(tok: Token) -> str | None:
    return FILM_NOUNS.get(tok.lower_)


def find_titles(doc: Doc, italic_spans: list[tuple[int, int]] | None = None,
                ) -> list[TitleCandidate]:
    """Title spans found in a strong context (before spreading)."""
    out: list[TitleCandidate] = []
    n = len(doc)

    def add(start: int, end: int, etype: str, strength: float) -> None:
        start, end = _trim(doc, start, end)
        if end <= start:
            return
        text = doc[start:end].text
        if text in STOP_TITLES or len(text) < 2:
            return
        if end - start == 1 and doc[start].ent_type_ in ("PERSON", "GPE", "NORP", "DATE"):
            return
        out.append(TitleCandidate(start, end, etype, strength))

    for i, tok in enumerate(doc):
        # 1. after a film noun: "the thriller Hide and Seek", "comedy Sideways"
        etype = _noun_type(tok)
        if etype and i + 1 < n:
            j = i + 1
            if doc[j].text in {",", ":"} and j + 1 < n:
                j += 1
            if doc[j].text in {"'", "‘", '"', "“"}:
                j += 1
            end = title_run(doc, j)
            if end > j and doc[j].ent_type_ not in ("PERSON",) and not (
                    doc[j].text in ("The", "A") and end == j + 1):
                # "the drama Vera Drake", not "the film's star", not "film Festival"
                if not (end - j == 1 and doc[j].is_sent_start):
                    add(j, end, etype, 0.8 if tok.i and doc[i - 1].lower_ in (
                        "the", "his", "her", "their", "new", "its", "hit") else 0.6)
        # 2. after "starred in", "role in", "directed"
        if i + 1 < n and (tok.lower_, doc[i + 1].lower_) in BEFORE_WORDS:
            j = i + 2
            end = title_run(doc, j)
            if end > j:
                add(j, end, "film", 0.6)
        if tok.lower_ in BEFORE_VERBS and i + 1 < n:
            j = i + 1
            end = title_run(doc, j)
            if end > j and doc[j].ent_type_ != "PERSON":
                add(j, end, "film", 0.5)
        # 3. quoted titles: 'Vera Drake', “Paper Moths”
        if tok.text in {"'", "‘", "“", '"'} and i + 1 < n:
            end = title_run(doc, i + 1)
            if end > i + 1 and end < n and doc[end].text in {"'", "’", "”", '"'} \
                    and end - (i + 1) <= 8:
                add(i + 1, end, "film", 0.7)
        # 4. "Title (2019)"
        if tok.text == "(" and i + 2 < n and doc[i + 1].like_num and len(doc[i + 1].text) == 4 \
                and doc[i + 2].text == ")":
            k = i
            start = k
            while start > 0 and (_is_cap(doc[start - 1]) or doc[start - 1].lower_ in
                                 FUNCTION_WORDS) and start > doc[i].sent.start:
                start -= 1
            while start < k and not _is_cap(doc[start]):
                start += 1
            if start < k:
                add(start, k, "film", 0.7)
        # 5. title before a role noun: "Cold Mountain director Anthony Minghella"
        if tok.lower_ in AFTER_NOUNS and i > 0 and i + 1 < n and _is_cap(doc[i + 1]):
            end = i
            start = end
            while start > tok.sent.start and (_is_cap(doc[start - 1]) or (
                    doc[start - 1].lower_ in FUNCTION_WORDS and doc[start - 1].text.islower()
                    and start - 2 >= tok.sent.start and _is_cap(doc[start - 2]))):
                start -= 1
            if start < end and doc[start].ent_type_ not in ("PERSON", "NORP", "GPE") \
                    and doc[start].lower_ not in ("oscar", "hollywood", "bafta", "film"):
                add(start, end, "film", 0.6)
    for s, e in italic_spans or []:
        span = doc.char_span(s, e, alignment_mode="expand")
        if span is not None:
            add(span.start, span.end, "film", 0.8)
    return out
