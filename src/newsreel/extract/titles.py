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

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from newsreel.extract.context import (
    doc_ents,
    doc_text,
    sent_bounds,
    token_hashes,
    token_texts,
)
from newsreel.extract.gazetteer import countries
from newsreel.names import name_key

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
    "mystery": "film", "production": "film", "outing": "film", "titles": "film",
    "credits": "film",
    "entry": "film", "instalment": "film", "installment": "film", "docuseries": "tv_series",
    "shows": "tv_series", "sitcoms": "tv_series", "dramas": "film", "soaps": "tv_series",
    "programmes": "tv_series", "programs": "tv_series", "telenovela": "tv_series",
    "telenovelas": "tv_series", "comedies": "film", "thrillers": "film",
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
    ("acted", "in"), ("acting", "in"), ("appeared", "on"), ("role", "on"), ("roles", "on"),
    ("credits", "include"), ("credits", "including"), ("credits", "included"),
    ("roles", "include"), ("roles", "including"), ("roles", "included"),
    ("debut", "in"), ("starred", "on"), ("starring", "in"), ("cast", "in"),
    ("revival", "of"), ("member", "of"),
}
BEFORE_VERBS = {"directed", "wrote", "produced", "co-wrote", "scripted", "helmed",
                "directs", "headlines", "headlined", "fronts",
                "dated", "slated", "greenlit", "titled", "entitled", "called", "scored",
                "acquired", "shelved", "re-dated", "retitled", "helm", "helming", "direct",
                "directing", "co-direct", "headline", "front", "adapting"}
# a noun right after the title: "Cold Mountain director Anthony Minghella"
AFTER_NOUNS = {"director", "star", "stars", "actor", "actress", "co-star", "creator",
               "writer", "producer", "composer", "screenwriter", "author", "cast",
               "filmmaker", "film-maker", "helmer", "actors", "novelist"}
FILM_NOUN_LEMMAS = set(FILM_NOUNS)
# box-office verbs whose subject is a film when a money figure follows
TAKINGS_WORDS = {"took", "grossed", "earned", "added", "opened", "debuted", "bowed", "scored",
                 "collected", "pulled", "raked", "slipped", "fell", "dropped", "climbed",
                 "rose", "topped", "scared", "notched", "finished", "dipped", "slid"}
STOP_TITLES = {
    "The", "A", "An", "It", "He", "She", "They", "We", "I", "This", "That", "In", "On",
    "Mr", "Mrs", "Ms", "Dr", "Sir", "Dame", "Lord", "Oscar", "Oscars", "Hollywood",
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
    "January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December", "US", "UK", "TV", "BBC",
}


PRONOUNS = {"her", "his", "its", "their", "our", "my", "your", "this", "that", "these",
            "those", "he", "she", "they", "it", "we", "i", "you"}
AFTER_TRIGGERS = {"starring", "directed", "written", "co-starring", "featuring",
                  "based", "produced", "adapted"}
AWARDISH = {"best", "prize", "prizes", "award", "awards", "nomination", "nominations",
            "nominated", "won", "win", "wins", "winning", "nods", "nod", "oscar", "oscars",
            "bafta", "baftas", "globe", "globes", "statuette", "trophy", "honour", "honor"}


MAKE_VERBS = {"direct", "write", "produce", "release", "adapt", "base",
              "shoot", "co-write", "screen", "premiere"}


ACTING_LEMMAS = {"appear", "star", "play", "role", "cast", "feature", "act", "guest",
                 "portray", "perform", "voice", "co-star", "roles"}


WORK_ONLY_VERBS = {"direct", "write", "produce", "adapt", "base", "co-write", "create"}


def _first_noun_type(doc: Doc, start: int, end: int) -> str | None:
    for t in doc[start:min(end, len(doc))]:
        kind = _noun_type(t)
        if kind:
            return kind
    return None


def _reused_alone(doc: Doc, word: str, start: int, end: int) -> bool:
    """The word stands alone elsewhere, as a surname does ("Morrow-Lund said")."""
    from newsreel.extract.context import token_index

    for i in token_index(doc).get(word, ()):
        t = doc[i]
        if not start <= t.i < end:
            before = doc[t.i - 1] if t.i else None
            after = doc[t.i + 1] if t.i + 1 < len(doc) else None
            if not (before is not None and _is_cap(before) and not before.is_sent_start) and \
                    not (after is not None and _is_cap(after) and not after.is_punct):
                return True
    return False


def contains(seq: tuple[str, ...], part: tuple[str, ...]) -> bool:
    """`part` is a run of consecutive items of `seq`."""
    k = len(part)
    return any(seq[i:i + k] == part for i in range(len(seq) - k + 1))


def _award_sentence(sent) -> bool:
    return any(t.lower_ in AWARDISH for t in sent)


def _run_back(doc: Doc, end: int) -> int | None:
    """Start of a title-case run ending just before token `end`."""
    start = end
    sent_start = sent_bounds(doc)[end - 1][0] if end > 0 else 0
    while start > sent_start:
        prev = doc[start - 1]
        if _is_cap(prev) and not prev.is_punct or prev.text in {"'s", "’s", ":"}:
            start -= 1
            continue
        if prev.text in ("-", "‐") and not prev.whitespace_ and start - 2 >= sent_start and \
                not doc[start - 2].whitespace_ and _is_cap(doc[start - 2]):
            start -= 1  # "Okoro-Lang"
            continue
        if prev.lower_ in FUNCTION_WORDS and prev.text.islower():
            # one or two lower-case function words with a capital before: "Door in the Floor"
            k = start - 1
            while k > sent_start and k > start - 3 and doc[k - 1].lower_ in FUNCTION_WORDS \
                    and doc[k - 1].text.islower():
                k -= 1
            if k - 1 >= sent_start and _is_cap(doc[k - 1]) and not doc[k - 1].is_punct:
                start = k
                continue
        break
    while start < end and not _is_cap(doc[start]):
        start += 1
    if start >= end:
        return None
    return start


def _takings_subject_start(doc: Doc, end: int) -> int | None:
    """Start of the title-case subject ending at `end`; up to two lower-case
    function words may sit inside it ("Pip and the Paper Dragons", "Last Call at
    the Starlite")."""
    sent_start = sent_bounds(doc)[end - 1][0]
    start = end
    while start > sent_start:
        prev = doc[start - 1]
        if _is_cap(prev) and not prev.is_punct or prev.text in {"'s", "’s", ":"} and \
                start < end:
            start -= 1
            continue
        k = start - 1
        while k > sent_start and k > start - 3 and doc[k].text.islower() and \
                doc[k].lower_ in FUNCTION_WORDS:
            k -= 1
        if k < start - 1 and _is_cap(doc[k]) and not doc[k].is_punct:
            start = k
            continue
        break
    while start < end and not _is_cap(doc[start]):
        start += 1
    return start if start < end else None


def _split_and(doc: Doc, start: int, end: int, known: set, force: bool = False,
               ) -> list[tuple[int, int]]:
    """Split "Eternal Sunshine of the Spotless Mind and Vera Drake" at "and" when
    in a list (force) or when a part is known as a title on its own."""
    for k in range(start + 1, end - 1):
        if doc[k].lower_ in ("and", "&") and doc[k].text.islower():
            left = tuple(t.text for t in doc[start:k])
            right = tuple(t.text for t in doc[k + 1:end])
            if force or left in known or right in known:
                return [(start, k), (k + 1, end)]
    return [(start, end)]


SPEECH = {"said", "says", "told", "added", "explained", "revealed", "admitted", "joked"}
PERSON_CUES = {"actor", "actress", "director", "star", "singer", "producer", "writer",
               "showrunner", "creator", "newcomer", "composer", "screenwriter",
               "sir", "dame", "by", "mr", "mrs", "ms", "dr", "comedian", "presenter",
               "co-star", "film-maker", "filmmaker", "novelist", "author", "veteran"}


@dataclass
class People:
    full: set[tuple[str, ...]]
    parts: set[str]
    surnames: set[str]


def confirmed_people(doc: Doc) -> People:
    """Names the model tags as people that the text also treats as people: used
    twice, or with a role noun or honorific before, or a speech verb after."""
    counts: dict[tuple[str, ...], int] = {}
    cued: set[tuple[str, ...]] = set()
    for ent in doc_ents(doc):
        if ent.label_ != "PERSON" or len(ent) < 2:
            continue
        seq = tuple(t.text for t in ent)
        counts[seq] = counts.get(seq, 0) + 1
        before = doc[ent.start - 1].lower_ if ent.start else ""
        after = doc[ent.end].lower_ if ent.end < len(doc) else ""
        after2 = doc[ent.end + 1].lower_ if ent.end + 1 < len(doc) else ""
        if before in PERSON_CUES or after in SPEECH or after == "," and after2 in (
                "who", "whose") or after in ("and", ",") and before in PERSON_CUES:
            cued.add(seq)
    full = {seq for seq in counts if seq in cued}
    parts = {seq[-1] for seq in full} | {seq[0] for seq in full}
    return People(full, parts, {seq[-1] for seq in full})


@dataclass
class TitleCandidate:
    start: int
    end: int
    type: str  # film, tv_series, work
    strength: float
    noun: str = ""  # for an encyclopedia lead, what it says the work is ("episode")


def _is_cap(tok: Token) -> bool:
    t = tok.text
    return bool(t) and (t[0].isupper() or t[0].isdigit()) and t not in {"'s", "’s"}


def title_run(doc: Doc, i: int, limit: int = 12) -> int:
    """End (exclusive) of the title-case run starting at token i, or i."""
    if i >= len(doc) or not _is_cap(doc[i]) or doc[i].is_punct:
        return i
    sent_end = sent_bounds(doc)[i][1]
    end = i + 1
    j = i + 1
    while j < min(sent_end, i + limit):
        tok = doc[j]
        if _is_cap(tok) and not tok.is_punct:
            end = j + 1
            j += 1
            continue
        if tok.text in {"'s", "’s"} and j + 1 < sent_end and _is_cap(doc[j + 1]) and \
                not doc[j + 1].text[:1].isdigit():
            j += 1
            continue
        # glued pieces: "Don't" (Do + n't), "Nip/Tuck", "Are We There Yet?"
        if not doc[j - 1].whitespace_ and (tok.text in {"n't", "'t", "/", "?", "!"} or
                                          tok.text.startswith("'") and tok.text not in (
                                              "'s", "’s")) and j + 1 <= sent_end:
            if tok.text in {"?", "!"}:
                end = j + 1
                break
            if j + 1 < sent_end and (_is_cap(doc[j + 1]) or tok.text == "n't"):
                if tok.text == "n't":
                    end = j + 1
                j += 1
                continue
        if tok.text in {":", "-", "–"} and j + 1 < sent_end and _is_cap(doc[j + 1]) \
                and not doc[j + 1].ent_type_ == "PERSON":
            j += 1
            continue
        if tok.lower_ in FUNCTION_WORDS and (tok.text.islower() or tok.text == "&"):
            # allow a run of lower-case function words followed by a capital
            k = j
            while k < sent_end and doc[k].lower_ in FUNCTION_WORDS and (
                    doc[k].text.islower() or doc[k].text == "&"):
                k += 1
            if k < sent_end and k - j <= 2 and _is_cap(doc[k]) and not doc[k].is_punct \
                    and (doc[k].ent_type_ not in ("PERSON", "DATE", "GPE") or
                         j - i >= 2 and doc[k].ent_type_ != "DATE" and
                         doc[k - 1].lower_ in ("of", "to", "at", "the")):
                j = k
                continue
        break
    # a trailing function word never ends a title
    while end > i and doc[end - 1].lower_ in FUNCTION_WORDS and doc[end - 1].text.islower():
        end -= 1
    return end


WEEKDAYS = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}
CALENDAR = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
            "January", "February", "March", "April", "May", "June", "July", "August",
            "September", "October", "November", "December"}
SENTENCE_WORDS = {"In", "On", "It", "He", "She", "They", "We", "I", "This", "That", "At",
                  "For", "With", "From", "By", "As", "But", "And", "Also", "After", "When"}


def _trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Drop leading punctuation, honorifics and weekday-like words; a leading
    "In" or "It" only where it opens the sentence ("were In Good Company")."""
    while start < end and (doc[start].is_punct or doc[start].text in STOP_TITLES
                           and end - start > 1 and doc[start].text not in ("The", "A", "An")
                           and doc[start].text not in CALENDAR
                           and (doc[start].text not in SENTENCE_WORDS or
                                doc[start].is_sent_start)
                           or doc[start].like_num and start + 1 < end and
                           doc[start + 1].text.islower()):  # "3-1 on Harbour Lights"
        start += 1
    while start < end and doc[start].text.islower():
        start += 1
    while end - start > 1 and doc[end - 1].text in WEEKDAYS:
        end -= 1  # "won best actor for Copperhead Sunday"
    return start, end


NAMING_VERBS = {"called", "titled", "entitled"}  # only after a film noun: "a film called X"
SAFE_NOUNS = {"film", "films", "movie", "movies", "drama", "comedy", "thriller", "documentary",
              "series", "sitcom", "novel", "biopic", "miniseries", "romcom", "rom-com", "hit",
              "western", "titles"}


def _noun_type(tok: Token) -> str | None:
    """The kind of work a lower-case film noun announces ("Film Festival" is no noun)."""
    if not (tok.text[:1].islower() or tok.is_sent_start):
        return None
    kind = FILM_NOUNS.get(tok.lower_)
    if kind and tok.lower_ not in SAFE_NOUNS and tok.pos_ != "NOUN":
        return None  # "will play Maud", "stars Tom": verbs, not nouns
    return kind


EXACT_TRIGGERS = frozenset({"(", "'", "‘", "“", '"', "'s", "’s", "’", ","})


def _trigger_words() -> frozenset[str]:
    """Every lower-case word or lemma a branch of find_titles opens on."""
    return frozenset(FILM_NOUNS) | {a for a, _ in BEFORE_WORDS} | BEFORE_VERBS | \
        AFTER_NOUNS | AFTER_TRIGGERS | TAKINGS_WORDS | {
            "directorial", "directing", "as", "including", "include", "included", "like",
            "which", "for", "play", "portray"}


def _trigger_positions(doc: Doc, texts: list[str], bounds: list[tuple[int, int]],
                       ) -> list[int]:
    """The tokens find_titles must look at: its trigger words and marks, sentence
    starts and the word after each comma; the rest of the document cannot open a
    title context, so no Token is built for it."""
    table = token_hashes(doc)
    hits = set(table.find(TRIGGER_WORDS))
    hits.update(table.find(EXACT_TRIGGERS, exact=True))
    hits.update(i + 1 for i in table.find({","}, exact=True) if i + 1 < len(texts))
    hits.update(start for start, _ in set(bounds))
    return sorted(hits)


def find_titles(doc: Doc, italic_spans: list[tuple[int, int]] | None = None,
                ) -> list[TitleCandidate]:
    """Title spans found in a strong context (before spreading)."""
    out: list[TitleCandidate] = []
    n = len(doc)
    known: set[tuple[str, ...]] = set()
    people = confirmed_people(doc)

    def add(start: int, end: int, etype: str, strength: float) -> None:
        start, end = _trim(doc, start, end)
        if end <= start:
            return
        cut = next((k for k in range(start + 1, end) if doc[k].text == "as"), None)
        if cut is not None and any(t.lemma_ in ACTING_LEMMAS
                                   for t in doc[max(0, start - 6):start]):
            end = cut  # "appeared in the horror film Epitaph as Asako": a role follows
        text = doc[start:end].text
        if text in STOP_TITLES or len(text) < 2:
            return
        first = doc[start]
        if (first.lower_ in PRONOUNS or first.pos_ == "PRON") and (
                end - start == 1 or strength < 0.6):
            return  # "My Summer of Love" after "story," is a title; a lone "Her" never
        if end - start == 1 and first.pos_ == "ADJ" and strength < 0.8:
            return  # "Icelandic composer ..."
        if end - start == 1 and (first.ent_type_ == "DATE" or first.ent_type_ in (
                "GPE", "LOC", "NORP") and (strength < 0.6 or first.text in countries())):
            return
        seq = tuple(t.text for t in doc[start:end])
        if seq in people.full or end - start == 1 and first.text in people.surnames:
            return
        if end - start > 2 and doc[start].tag_ == "VBN" and doc[start + 1].lower_ == "by":
            return  # "Directed by Tamsin Ruddock-Fane, the film ...": a credit, not a title
        if end + 1 < n and doc[end].text in ("-", "‐") and not doc[end - 1].whitespace_ and \
                doc[end + 1].text.islower():
            return  # "The Manchester-based production": an adjective, not a title
        for pseq in people.full:
            if len(pseq) + 2 >= end - start and contains(seq, pseq):
                return  # "Actor Tom Hanks"
            if len(seq) < len(pseq) and pseq[-len(seq):] == seq:
                return  # "Osei-Lindgren" of "Henrietta Osei-Lindgren"
        for k in range(start + 1, end - 1):  # "Michelle Paver's Wolf Brother"
            if doc[k].text in ("'s", "’s") and doc[k - 1].ent_type_ == "PERSON" and \
                    doc[start].ent_type_ == "PERSON" and \
                    _reused_alone(doc, doc[k - 1].text, start, k):
                add(k + 1, end, etype, strength)
                return
        if any(doc[k].lower_ == "and" and doc[k - 1].ent_type_ == "PERSON" and k >= 2 and
               doc[k - 2].ent_type_ == "PERSON" and doc[k + 1].text[:1].isupper()
               for k in range(start + 1, end - 1)):
            return  # "Jude Law and Troy": a person and a title, not one title
        if end < n and doc[end].text in ("'s", "’s") and first.ent_type_ == "PERSON" and \
                end + 1 < n and (doc[end + 1].text.islower() or doc[end + 1].like_num):
            return  # "Dan Brown's best-selling novel": a person's possessive
        if any(t.text in people.parts for t in doc[start:start + 1]) and \
                tuple(t.text for t in doc[start:start + 2]) in people.full:
            return  # "Tom Hanks and director ..."
        if all(t.ent_type_ in ("TIME", "MONEY", "CARDINAL", "ORDINAL")
               or t.ent_type_ == "NORP" and (strength < 0.6 or t.text in countries())
               or t.ent_type_ == "DATE" and (t.like_num or t.text in CALENDAR or strength < 0.6)
               or t.ent_type_ == "GPE" and (strength < 0.6 or t.text in countries())
               or t.lower_ in ("the", "a", "an")
               for t in doc[start:end]):
            return
        out.append(TitleCandidate(start, end, etype, strength))

    def add_list(start: int, end: int, etype: str, strength: float,
                 force: bool = False) -> None:
        """A title and the titles coordinated after it: "A, B and C"."""
        parts = _split_and(doc, start, end, known, force=force)
        for s_, e_ in parts:
            add(s_, e_, etype, strength)
        j = end
        sent_end = sent_bounds(doc)[start][1]
        while j < sent_end and doc[j].text in {",", "and", "or"}:
            k = j + 1
            if k < sent_end and doc[k].text == "and":
                k += 1
            nxt = title_run(doc, k)
            if nxt <= k or tuple(t.text for t in doc[k:nxt]) in people.full:
                break
            for s_, e_ in _split_and(doc, k, nxt, known, force=True):
                add(s_, e_, etype, strength * 0.9)
            j = nxt

    bounds = sent_bounds(doc)
    texts = token_texts(doc)
    for i in _trigger_positions(doc, texts, bounds):
        tok = doc[i]
        # 1. after a film noun: "the thriller Hide and Seek", "comedy Sideways"
        etype = _noun_type(tok)
        if etype and i + 1 < n:
            j = i + 1
            if doc[j].text in {",", ":"} and j + 1 < n:
                j += 1
            if doc[j].text in {"'", "‘", '"', "“"}:
                j += 1
            end = title_run(doc, j)
            if end > j and not (
                    doc[j].text in ("The", "A") and end == j + 1):
                # "the drama Vera Drake", not "the film's star", not "film Festival"
                if not (end - j == 1 and doc[j].is_sent_start):
                    strength = 0.8 if tok.i and doc[i - 1].lower_ in (
                        "the", "his", "her", "their", "new", "its", "hit") else 0.6
                    if tok.tag_ == "NNS" or tok.lower_.endswith("s") and tok.lower_ != "series":
                        add_list(j, end, etype, strength)
                    else:
                        add(j, end, etype, strength)
        # 1b. "his second directorial venture Iron Tide", "her directorial debut was in
        #     2010 with Blue Garden"
        if tok.lower_ in ("directorial", "directing") and i + 1 < n and doc[i + 1].lower_ in (
                "debut", "venture", "effort", "outing", "feature", "film"):
            j = i + 2
            while j < n and j < i + 8 and (doc[j].lower_ in ("was", "is", "came", "in", "with",
                                                            ",", "came", "film", "feature")
                                          or doc[j].like_num):
                j += 1
            end = title_run(doc, j)
            if end > j:
                add(j, end, "film", 0.6)
        # 2. after "starred in", "role in", "directed"
        if i + 1 < n and (tok.lower_, doc[i + 1].lower_) in BEFORE_WORDS:
            j = i + 2
            end = title_run(doc, j)
            if end + 1 < n and end > j and doc[end].text in ("'", "’") and \
                    _is_cap(doc[end + 1]):  # "version of H.G. Wells' The Time Machine"
                j = end + 1
                end = title_run(doc, j)
            if end > j and not (end < n and doc[end].text in ("'s", "’s") and end - j == 1) \
                    and not (tok.lower_ == "cast" and doc[j].ent_type_ == "PERSON") and \
                    not (doc[i + 1].lower_.startswith("includ") and any(
                        t.lower_ == "in" for t in doc[j:end])):  # "C in W" pairs, below
                add_list(j, end, "film", 0.6,  # not "a role in Kiarostami's works"
                         force=tok.lower_ in ("roles", "credits", "performances"))
        if tok.lower_ in BEFORE_VERBS and i + 1 < n and (
                tok.lower_ not in NAMING_VERBS or any(
                    _noun_type(t) for t in doc[max(0, i - 3):i])):
            j = i + 1
            end = title_run(doc, j)
            if end > j:
                add(j, end, "film", 0.5)
        # 3. quoted titles: 'Vera Drake', “Paper Moths”
        if tok.text in {"'", "‘", "“", '"'} and i + 1 < n:
            end = title_run(doc, i + 1)
            if end > i + 1 and end < n and doc[end].text in {"'", "’", "”", '"'} \
                    and end - (i + 1) <= 8:
                add(i + 1, end, "film", 0.7)
        # 4. "Title (2019)"
        if tok.text == "(" and i + 2 < n and doc[i + 1].like_num and len(doc[i + 1].text) == 4 \
                and (doc[i + 2].text == ")" or year_range(doc, i)):
            k = i
            start = k
            while start > 0 and (_is_cap(doc[start - 1]) or doc[start - 1].lower_ in
                                 FUNCTION_WORDS or doc[start - 1].text == "-" and start > 1
                                 and _is_cap(doc[start - 2])) and start > bounds[i][0]:
                start -= 1  # "Close - Up (1990)"
            while start < k and not _is_cap(doc[start]):
                start += 1
            if start < k:
                add(start, k, "film", 0.7)
        # 5. title before a role noun: "Cold Mountain director Anthony Minghella"
        if tok.lower_ in AFTER_NOUNS and i > 0 and i + 1 < n and (
                _is_cap(doc[i + 1]) or i + 3 < n and doc[i + 1].lower_ == "and" and
                doc[i + 2].lower_ in AFTER_NOUNS and _is_cap(doc[i + 3])):
            end = i
            if doc[i - 1].lower_ in ("film", "movie", "series") and i >= 2 and \
                    _is_cap(doc[i - 2]):
                end = i - 1  # "The Lord of the Rings film director Peter Jackson"
            start = end
            while start > bounds[i][0] and (_is_cap(doc[start - 1]) or (
                    doc[start - 1].lower_ in FUNCTION_WORDS and doc[start - 1].text.islower()
                    and start - 2 >= bounds[i][0] and _is_cap(doc[start - 2]))):
                start -= 1
            if start < end and doc[start].ent_type_ not in ("NORP", "GPE") \
                    and doc[start].lower_ not in ("oscar", "hollywood", "bafta", "film"):
                add(start, end, "film", 0.6)
        # 6. "films such as A, B and C", "titles including A and B"
        if tok.lower_ in ("as", "including", "like") and i >= 2 and (
                doc[i - 1].lower_ == "such" and _noun_type(doc[i - 2]) or
                tok.lower_ != "as" and _noun_type(doc[i - 1])) and i + 1 < n:
            noun = doc[i - 2] if tok.lower_ == "as" else doc[i - 1]
            j = i + 1
            if j + 2 < n and doc[j].lower_ == "the" and doc[j + 2].text in ("'s", "’s"):
                j += 3  # "shows such as the BBC's My Family"
            end = title_run(doc, j)
            if end > j and j > i + 1:
                add_list(j, end, _noun_type(noun) or "film", 0.7, force=True)
                end = j
            end = title_run(doc, i + 1) if end != j else end
            if end > i + 1:
                add_list(i + 1, end, _noun_type(noun) or "film", 0.7, force=True)
        # 7. "Daniel Craig (Enduring Love)": a work in brackets after a person
        if tok.text == "(" and i > 0 and doc[i - 1].ent_type_ == "PERSON" and i + 1 < n and \
                not _titled_character(doc, i - 1):
            end = title_run(doc, i + 1)
            if end > i + 1 and end < n and doc[end].text == ")" and \
                    doc[i + 1].ent_type_ not in ("GPE", "NORP", "ORG", "PERSON", "CARDINAL") \
                    and not doc[i + 1].like_num and doc[i + 1].text not in CALENDAR and \
                    not _reused_alone(doc, doc[end - 1].text, i + 1, end):
                add(i + 1, end, "film", 0.6)
        # 8. "Clint Eastwood's Million Dollar Baby", "Meadows' acclaimed Dead Man's Shoes"
        if tok.text in ("'s", "’s", "'", "’") and i > 0 and doc[i - 1].ent_type_ == "PERSON":
            j = i + 1
            while j < n and j < i + 4 and doc[j].text.islower() and doc[j].pos_ in (
                    "ADV", "ADJ", "VERB") and not _noun_type(doc[j]):
                j += 1
            end = title_run(doc, j)
            if end > j and doc[j].ent_type_ not in ("GPE", "NORP", "DATE", "ORG"):
                add(j, end, "film", 0.5)
        # 9. "Title, starring ...", "Title - directed by", "Title, in which ..."
        if tok.lower_ in AFTER_TRIGGERS and i >= 2 and doc[i - 1].text in (",", "-", "–"):
            start = _run_back(doc, i - 1)
            if start is not None and start == i - 2 and doc[start].ent_type_ in ("GPE", "LOC") \
                    and start > 0 and doc[start - 1].lower_ in ("in", "at", "from", "near"):
                start = None  # "on location in Paris, produced by": a place
            if start is not None:
                if start > 0 and doc[start - 1].text == ",":  # the last of a list: "A, B and C"
                    for s_, e_ in _split_and(doc, start, i - 1, known, force=True):
                        add(s_, e_, "film", 0.6)
                else:
                    add(start, i - 1, "film", 0.6)
        if tok.lower_ == "which" and i >= 3 and doc[i - 1].lower_ == "in" and \
                doc[i - 2].text == ",":
            start = _run_back(doc, i - 2)
            if start is not None:
                add(start, i - 2, "film", 0.6)
        # 10. "best director prize for Million Dollar Baby", "roles in Closer"
        if tok.text == "for" and i + 1 < n and _award_sentence(doc[bounds[i][0]:bounds[i][1]]):
            end = title_run(doc, i + 1)
            if end > i + 1 and doc[i + 1].ent_type_ not in ("GPE", "NORP", "DATE") \
                    and doc[i + 1].text not in {"best", "the"} \
                    and doc[i + 1].lower_ not in AWARDISH and not (
                        end - i - 1 >= 2 and all(t.ent_type_ == "PERSON"
                                                 for t in doc[i + 1:end])):
                # ("best director for Mike Leigh" names a person, not a film)
                add_list(i + 1, end, "film", 0.5, force=any(
                    t == "respectively" for t in texts[bounds[i][0]:bounds[i][1]]))
        # 11. "Sideways is written and directed by", "X is a romantic drama film"
        if (tok.is_sent_start or i > 0 and doc[i - 1].text == ",") and _is_cap(tok) and \
                not tok.is_punct:
            end = title_run(doc, i)
            if end < n and end > i and doc[end].lower_ in ("is", "was", "will", "has", "'s"):
                k = end + 1
                while k < n and k < end + 3 and doc[k].lower_ in ("be", "been", "being", "also"):
                    k += 1
                nxt = doc[k] if k < n else None
                verbs = MAKE_VERBS if tok.ent_type_ != "PERSON" else WORK_ONLY_VERBS
                if nxt is not None and (nxt.lemma_.lower() in verbs and nxt.tag_ == "VBN"
                                        or nxt.lower_ in ("a", "an", "the") and any(
                                            _noun_type(t) for t in doc[k + 1:k + 5]) and
                                        not _person_noun_first(doc, k + 1, k + 5)):
                    add(i, end, _first_noun_type(doc, k, k + 5) or "film", 0.6)
        # 15. "has been cast as Ilse Brandvold in The Cartographer's Daughters",
        #     "played Dr Rowan Hale in Tide Hospital and Jen Marsh in Holloway Rise"
        if (tok.lemma_ in ("play", "portray") and tok.pos_ == "VERB" or (tok.lower_ in (
                "including", "include", "included") or tok.lower_ == "as" and i > 0 and
                doc[i - 1].lower_ == "such") and any(
                    t.lower_ in ("roles", "role", "credits", "parts", "characters")
                    for t in doc[max(bounds[i][0], i - 12):i])) and i + 1 < n:
            j = i + 1
            while j < n and j < i + 12 and bounds[j][0] == bounds[i][0]:
                if doc[j].lower_ == "in" and j > i + 1 and _is_cap(doc[j - 1]):
                    end = title_run(doc, j + 1)
                    for q in range(j + 2, min(n, end + 1)):  # "A and Jen Marsh in ..."
                        if doc[q].lower_ == "in" and any(
                                doc[a].text in (",", "and") for a in range(j + 2, q)):
                            end = max(a for a in range(j + 2, q) if doc[a].text in (",", "and"))
                            break
                    if end > j + 1:
                        add(j + 1, end, "film", 0.6)
                    j = end
                    if j + 1 < n and doc[j].text in (",", "and") and _is_cap(doc[j + 1]):
                        j += 1
                        continue
                    break
                if doc[j].text in (".", ";", "(") or doc[j].pos_ == "VERB":
                    break
                j += 1
        if tok.lower_ == "as" and i + 1 < n and _is_cap(doc[i + 1]):
            j = i + 1
            while j < n and j < i + 5 and _is_cap(doc[j]) and not doc[j].is_punct:
                j += 1
            if j > i + 1 and j + 1 < n and doc[j].lower_ in ("in", "on") and any(
                    t.lemma_ in ("cast", "star", "play", "portray", "return", "join", "voice",
                                 "role", "appear")
                    for t in doc[max(bounds[i][0], i - 4):i]):
                end = title_run(doc, j + 1)
                if end > j + 1:
                    add(j + 1, end, "film", 0.6)
        # 14. "who made last year's Dry Season"
        if tok.text in ("'s", "’s") and i > 0 and doc[i - 1].lower_ == "year" and \
                i > 1 and doc[i - 2].lower_ in ("last", "this", "next") and i + 1 < n:
            end = title_run(doc, i + 1)
            if end > i + 1 and not _noun_type(doc[i + 1]):
                add(i + 1, end, "film", 0.5)
        # 13. "Moth Light, which Greta Lund directed": people take "who", works "which"
        if tok.lower_ == "which" and i >= 2 and doc[i - 1].text == "," and any(
                t.lemma_.lower() in MAKE_VERBS | {"star", "premiere", "open", "screen"}
                for t in doc[i + 1:min(n, i + 6)] if t.pos_ == "VERB"):
            start = _run_back(doc, i - 1)
            if start is not None:
                add(start, i - 1, "film", 0.6)
        # 12. "Tidewrack, the debut feature from ...": an apposition to a film noun
        if tok.text == "," and i > 0 and i + 2 < n:
            k = i + 1
            if doc[k].ent_type_ == "PERSON" or _is_cap(doc[k]) and doc[k].lower_ != "the":
                # ", Henrietta Osei-Lindgren's follow-up", ", Hollowpine Studios' adaptation"
                while k < n and k < i + 5 and (doc[k].ent_type_ == "PERSON" or _is_cap(doc[k])):
                    k += 1
                k = k + 1 if k < n and doc[k].text in ("'s", "’s", "'", "’") else -1
            elif doc[k].lower_ in ("the", "a", "an", "his", "her", "their"):
                k += 1
            else:
                k = -1
            kind = None
            for t in doc[k:min(n, k + 4)] if k > 0 else []:
                if t.is_punct:
                    break
                kind = _noun_type(t)
                if kind:
                    break
            if kind:
                start = _run_back(doc, i)
                if start is not None and start > 0 and doc[start - 1].lower_ in PERSON_CUES:
                    start = None  # "showrunner Bettina Okoro-Lang, the series ..."
                if start is not None and doc[start].ent_type_ != "PERSON" or \
                        start is not None and doc[start].is_sent_start:
                    add(start, i, kind, 0.6)
        # 13. "Neon Harbor took $84.6m", "Pip and the Paper Dragons, slipped to No. 2 with
        #     $38.2m": the subject of a takings verb with a money figure is a film
        if tok.lower_ in TAKINGS_WORDS and tok.pos_ == "VERB" and i > 1:
            end = i - 1 if doc[i - 1].text == "," else i
            window = doc[i:min(n, i + 10)]
            if _is_cap(doc[end - 1]) and any(t.text in ("$", "£", "€") for t in window):
                start = _takings_subject_start(doc, end)
                person = start is not None and any(
                    e.start == start and e.end == end and e.label_ == "PERSON"
                    for e in doc_ents(doc)) and not (start > 0 and doc[start - 1].lower_ in (
                        "'s", "’s", "the", "its", "hit"))  # "Tom Cruise earned $20m"
                whole = start is not None and any(
                    e.start == start and e.end == end for e in doc_ents(doc)
                    if e.label_ in ("ORGANIZATION", "OUTLET", "GPE", "NORP", "AWARD"))
                if start is not None and not whole and not person:
                    add(start, end, "film", 0.6)
    for s, e in italic_spans or []:
        span = doc.char_span(s, e, alignment_mode="expand")
        if span is not None:
            add(span.start, span.end, "film", 0.8)
    return _join_commas(doc, _split_known(doc, out))


def _join_commas(doc: Doc, cands: list[TitleCandidate]) -> list[TitleCandidate]:
    """ "Goodnight, Mr Dabrowski": a title with a comma inside, when the whole
    recurs in the article or the part after the comma opens with an honorific."""
    text = doc_text(doc)
    out = []
    for c in cands:
        k = c.end
        if k + 1 < len(doc) and doc[k].text == "," and _is_cap(doc[k + 1]) and \
                doc[k + 1].ent_type_ not in ("GPE", "DATE"):
            end = title_run(doc, k + 1, limit=6)
            if end > k + 1:
                whole = doc[c.start:end].text
                if doc[k + 1].text in ("Mr", "Mrs", "Ms", "Dr", "Sir", "Miss") or \
                        text.count(whole) >= 2:
                    out.append(TitleCandidate(c.start, end, c.type, c.strength))
                    continue
        out.append(c)
    return out


def _split_known(doc: Doc, cands: list[TitleCandidate]) -> list[TitleCandidate]:
    """ "for Eternal Sunshine of the Spotless Mind and Vera Drake respectively": a run
    joined by "and" whose part is a title on its own elsewhere is two titles."""
    known = {tuple(t.text for t in doc[c.start:c.end]) for c in cands}
    out = []
    for c in cands:
        parts = _split_and(doc, c.start, c.end, known)
        if len(parts) == 2 and all(doc[s].text[:1].isupper() for s, _ in parts) and any(
                e - s >= 2 and tuple(t.text for t in doc[s:e]) in known for s, e in parts):
            out += [TitleCandidate(s, e, c.type, c.strength) for s, e in parts]
        else:
            out.append(c)
    return out


LEAD_TYPES = {"film": "film", "movie": "film", "documentary": "film", "short": "film",
              "series": "tv_series", "show": "tv_series", "telenovela": "tv_series",
              "sitcom": "tv_series", "programme": "tv_series", "program": "tv_series",
              "miniseries": "tv_series", "serial": "tv_series", "soap": "tv_series",
              "episode": "tv_series", "finale": "tv_series", "premiere": "tv_series",
              "song": "work", "single": "work", "album": "work", "novel": "work",
              "book": "work", "game": "work", "play": "work", "musical": "work", "opera": "work",
              "ep": "work", "video": "work", "comic": "work", "manga": "work", "anime": "tv_series"}
PERSON_LEAD = {"actor", "actress", "singer", "director", "filmmaker", "film-maker", "writer",
               "producer", "musician", "journalist", "composer", "songwriter", "comedian",
               "presenter", "screenwriter", "rapper", "entertainer", "model", "dancer",
               "artist", "band", "group", "duo", "company", "character", "author"}
# nouns that make a lead a person's ("is an American actor"), not a group's
PERSON_NOUNS = PERSON_LEAD - {"band", "group", "duo", "company", "character"} | {
    "wrestler", "personality", "host", "television", "cinematographer", "editor", "poet",
    "novelist", "playwright", "choreographer", "animator", "voice", "broadcaster"}
# ", also known as X," / ", released in the US as X," between a lead's name and its verb
APPOSITION_OPENERS = {"also", "known", "released", "originally", "literally", "sometimes",
                      "or", "formerly", "translated", "titled", "retitled", "aka", "a.k.a."}
LEAD_VERBS = ("is", "was", "are", "were")


def _lead_start(doc: Doc, name: str) -> tuple[int, int] | None:
    """The token span of `name` where the body opens with it (after an opening
    quote or "The"), spaces around hyphens forgiven ("Ko Joo - yeon")."""
    text = doc_text(doc)
    offset = 0
    for prefix in ('"', "“", "'", "The ", '" ', "“ "):
        if not text.startswith(name, offset) and text.startswith(prefix, offset):
            offset += len(prefix)
    if text.startswith(name, offset):
        span = doc.char_span(offset, offset + len(name), alignment_mode="strict")
        return (span.start, span.end) if span is not None else None
    key = name_key(name)
    first = next((t.i for t in doc[:4] if not t.is_punct), None)
    if first is None or not key:
        return None
    for end in range(first + 1, min(len(doc), first + 9)):
        if name_key(doc[first:end].text) == key:
            return first, end
    return None


HONORIFICS = {"Dr", "Dr.", "Mr", "Mr.", "Mrs", "Mrs.", "Ms", "Ms.", "Detective", "Captain",
              "Agent", "Officer", "Sergeant", "Inspector", "Nurse", "Professor", "Lady",
              "King", "Queen", "Prince", "Princess", "Uncle", "Aunt"}


def _titled_character(doc: Doc, i: int) -> bool:
    """The name ending at token i opens with a rank ("Dr. Penelope Blake"): a
    character, so "(Samantha Sloyan)" after it is the actor, not a title."""
    k = i
    while k > 0 and doc[k - 1].text[:1].isupper() and i - k < 4:
        k -= 1
    return doc[k].text in HONORIFICS


def _person_noun_first(doc: Doc, start: int, end: int) -> bool:
    """ "is an actor whose new film": a person noun comes before the film noun."""
    for t in doc[start:min(end, len(doc))]:
        if _noun_type(t):
            return False
        if t.lower_ in PERSON_NOUNS:
            return True
    return False


def year_range(doc: Doc, i: int) -> bool:
    """ "(1989 – 94)", "(1992-1994)" opening at token i: a series' run of years."""
    return i + 4 < len(doc) and doc[i].text == "(" and doc[i + 1].like_num and \
        len(doc[i + 1].text) == 4 and doc[i + 2].text in ("–", "-", "—") and \
        doc[i + 3].like_num and len(doc[i + 3].text) in (2, 4) and doc[i + 4].text == ")"


def lead_verb(doc: Doc, end: int) -> int | None:
    """The index of the "is"/"was" that a lead's name at [.., end) is the subject
    of, past closing quotes, brackets ("(born 1985)", "(The Guests in Our Home)")
    and a comma apposition (", also known as X,"); None if there is none."""
    n = len(doc)
    k = end
    while k < n and doc[k].text in ('"', "”", "'"):
        k += 1
    for _ in range(2):
        if k < n and doc[k].text.startswith("("):  # "(also known as ...)", "(born 1985)"
            depth = 0
            while k < n:
                depth += doc[k].text.count("(") - doc[k].text.count(")")
                k += 1
                if depth <= 0:
                    break
    if k + 1 < n and doc[k].text == "," and doc[k + 1].lower_ in APPOSITION_OPENERS:
        depth = 0
        stop = min(n, k + 40, sent_bounds(doc)[k][1])
        j = k + 1
        while j < stop:
            t = doc[j]
            depth += t.text == "("
            depth -= t.text == ")"
            if depth == 0 and t.lower_ in LEAD_VERBS and doc[j - 1].text in (",", ")"):
                return j
            j += 1
        return None
    if k < n and doc[k].lower_ in LEAD_VERBS + ("a", "an"):
        return k
    return None


def lead_alternates(doc: Doc, start: int, end: int) -> list[tuple[int, int]]:
    """Other titles a lead gives its work before the verb: "Khooni Khanjar
    (Fighting Blade) is", "La prima notte di quiete, released in USA as Indian
    Summer (...) is", "(also known as X)"."""
    verb = lead_verb(doc, end)
    if verb is None:
        return []
    out = []
    k = end
    while k < verb:
        t = doc[k]
        if t.text == "(" and k + 1 < verb:
            run = title_run(doc, k + 1)
            if run > k + 1 and run < len(doc) and doc[run].text in (")", ";", ",") and \
                    not any(x.ent_type_ in ("DATE", "GPE", "NORP", "LANGUAGE")
                            for x in doc[k + 1:run]):
                out.append((k + 1, run))
        if t.lower_ == "as" and k + 1 < verb and any(x.lower_ in (
                "known", "released", "titled", "retitled", "aka") for x in doc[k - 4:k]):
            run = title_run(doc, k + 1)
            if run > k + 1:  # "also known as Wedding Trough and The Pig Movie": two
                out += _split_and(doc, k + 1, run, set(), force=doc[run].text == ")")
        k += 1
    return out


def lead_title(doc: Doc, title: str | None) -> TitleCandidate | None:
    """An encyclopedia-style lead: the body opens with the document's title and
    "is a 1936 British film ..." — the title is the work the document is about.
    (A news headline never opens its body like that.)"""
    if not title:
        return None
    name = re.sub(r"\s*\([^)]*\)\s*$", "", title).strip()
    # "List of Property Brothers episodes" opens "Property Brothers is a ... series"
    name = re.sub(r"^List of (.+?) (episodes|characters|cast members)$", r"\1", name)
    if not name or name.lower().startswith("list of"):
        return None
    n = len(doc)
    at = _lead_start(doc, name)
    if at is None:
        return None
    start, end = at
    k = lead_verb(doc, end)
    if k is None:
        return None
    for t in doc[k:min(n, k + 14)]:
        if t.is_punct and t.text in (".", ";"):
            break
        if t.lower_ in PERSON_LEAD:
            return None
        kind = LEAD_TYPES.get(t.lower_)
        if kind and t.pos_ in ("NOUN", "PROPN", "ADJ"):
            # "an anime television film": the last noun of the compound says what it is
            noun = t.lower_
            for nxt in doc[t.i + 1:min(n, t.i + 4)]:
                if nxt.pos_ not in ("NOUN", "PROPN", "ADJ") and nxt.text != "-":
                    break
                if nxt.lower_ in PERSON_LEAD:
                    return None  # "an Iranian film director"
                if nxt.lower_ in LEAD_TYPES:
                    kind, noun = LEAD_TYPES[nxt.lower_], nxt.lower_
            return TitleCandidate(start, end, kind, 0.95, noun)
    return None


def lead_person(doc: Doc, title: str | None) -> tuple[int, int] | None:
    """A profile's lead: the body opens with the person the document is about
    ("Omero James Mumba (born 2 July 1989) is an Irish actor"). The span of the
    name in the body, when its words include the title's."""
    if not title:
        return None
    name = re.sub(r"\s*\([^)]*\)\s*$", "", title).strip()
    words = set(name_key(name).split())
    if not words or len(words) > 5:
        return None
    at = _lead_start(doc, name)
    if at is None:  # "Matthew Scott Porter (born ...)" for "Scott Porter"
        end = title_run(doc, 0, limit=6)
        body_words = set(name_key(doc[0:end].text).split())
        if end < 2 or not words <= body_words:
            return None
        at = (0, end)
    start, end = at
    k = lead_verb(doc, end)
    bracket = end < len(doc) and doc[end].text.startswith("(")
    if k is None or not bracket and doc[k].lower_ not in LEAD_VERBS:
        return None
    born = bracket and any(
        t.lower_ in ("born", "née", "nee") or t.ent_type_ == "DATE" for t in doc[end:k])
    for t in doc[k:min(len(doc), k + 16)]:
        if t.is_punct and t.text in (".", ";"):
            break
        if t.lower_ in LEAD_TYPES and t.pos_ == "NOUN" and not born and not (
                t.i + 1 < len(doc) and doc[t.i + 1].lower_ in PERSON_NOUNS):
            return None  # "is a 2004 film", not "is an American film director"
        if t.lower_ in PERSON_NOUNS:
            return start, end
    return (start, end) if born else None


TRIGGER_WORDS = _trigger_words()
