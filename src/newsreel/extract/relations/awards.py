"""Awards: `nominated_for` and `award_received` with `category`, `for_work`, `count`.

The object is the award body or ceremony (gazetteer mentions of type
"award", or a title-case run ending in "Awards": "the Meridian Film
Awards"); a sentence that names none uses the article's main award. The
category ("best actor", "best supporting actress in a TV drama", "the
Alexander Walker Special Award") goes in the `category` qualifier, lower
case.

Patterns, all read from the dependency parse:
- winning verbs: "X won / took / scooped / picked up / collected best actor
  for Ray", "X was named / declared / crowned best film", "X was best
  actress", "the award went to X", "Best British film was X", "X beat Y to
  the best director award", "Y was beaten to the title by X";
- nominations: "X was nominated for best director", "X is up for six
  awards", "X received five nominations", "a best actor nomination for
  his role in Y", "leads the field with 13 nods", "Oscar nominee X",
  "Oscar-nominated X", "in the running for best film", "faces competition
  from A (F1), B (F2)", "Fellow nominees include ...", "The nominees for
  best film are:" followed by a list, "Best actress: A (F1), B (F2)";
- honours in passing: "Oscar-winning director X", "double Oscar-winner".
Filters: bets, tips and predictions ("tipped for", "odds of 3-1", "could
win"), negations ("missed out on a nomination", "was snubbed"), questions.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field

from spacy.attrs import POS, SENT_START
from spacy.tokens import Span, Token

from newsreel.extract.context import (
    WORK_TYPES,
    DocContext,
    Mention,
    doc_ents,
    doc_text,
    sent_bounds,
    token_hashes,
)
from newsreel.extract.gazetteer import gazetteer
from newsreel.extract.relations.common import main_work

SUBJECT_TYPES = ("person", *WORK_TYPES)
AWARD_NOUNS = {"award", "awards", "prize", "prizes", "title", "titles", "trophy", "trophies",
               "statuette", "statuettes", "gong", "gongs", "honour", "honours", "honor",
               "honors", "accolade", "accolades", "crown", "category", "categories"}
NOMINATION_NOUNS = {"nomination", "nominations", "nod", "nods", "nomination.", "nominee",
                    "nominees"}
CATEGORY_STOP = AWARD_NOUNS | NOMINATION_NOUNS | {"winner", "winners", "contender",
                                                  "contenders", "race", "statue", "field",
                                                  "shortlist", "list", "line-up", "lineup",
                                                  "ceremony", "night", "season"}
WIN_VERBS = {"win", "take", "scoop", "collect", "pick", "claim", "bag", "grab", "receive",
             "earn", "land", "secure", "sweep", "garner", "clinch", "score", "get",
             "lift", "net", "snag", "nab", "capture", "carry"}
NAME_VERBS = {"name", "declare", "crown", "vote", "award", "give", "hand", "present"}
NOMINATION_VERBS = {"nominate", "shortlist", "short-list", "recognise", "recognize"}
TRIGGER_LEMMAS: set[str] = set()  # filled below: verbs whose facts a hedge cancels
COMPETE_VERBS = {"compete", "vie", "battle", "contend", "head", "go"}
TRIGGER_LEMMAS.update(WIN_VERBS | NAME_VERBS | NOMINATION_VERBS)
HEDGE_LEMMAS = {"tip", "bet", "predict", "expect", "believe", "rumour", "rumor", "speculate",
                "tout", "fancy", "hope", "forecast", "wager", "think", "suggest"}
HEDGE_WORDS = {"favourites", "favorites", "likely", "unlikely",
               "odds", "bookmaker", "bookmakers", "bookies", "favourite",
               "favorite",
               "frontrunner", "front-runner", "tipped", "rumoured", "rumored", "punters",
               "pundits", "speculation", "predicted", "predictions"}
HEDGE_VERBS = {"hoping", "hoped", "aiming", "aims", "wants", "wanting", "bidding",
               "eyeing", "chasing", "seeking"}
MODALS = {"could", "might", "may", "would", "should", "can"}
NEG_LEMMAS = {"miss", "fail", "snub", "overlook", "ignore", "deny"}
ROLE_WORDS = {"role", "roles", "performance", "performances", "turn", "portrayal", "part",
              "work", "cinematography", "lead", "playing", "score", "screenplay", "debut"}
CATEGORY_HEADS = {"actor", "actress", "director", "film", "picture", "screenplay", "movie",
                  "documentary", "drama", "comedy", "series", "performance", "newcomer",
                  "debut", "score", "song", "music", "editing", "cinematography", "design",
                  "sound", "effects", "make-up", "makeup", "animation", "costume"}
JOINT_CATEGORIES = {("make-up", "hair"), ("hair", "make-up"), ("makeup", "hairstyling"),
                    ("sound", "music"), ("costume", "make-up")}
NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
           "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
           "fourteen": 14, "fifteen": 15, "a": 1, "an": 1, "single": 1, "double": 2,
           "twice": 2, "triple": 3, "both": 2}
RESPECTIVELY = "respectively"
CATEGORY_TRIGGERS = {"best", "outstanding", "award", "prize", "trophy", "medal", "category",
                     "title", "statuette"}
PERSON_CATEGORY = {"actor", "actress", "performer", "performance", "newcomer", "director",
                   "directorial", "screenwriter", "writer", "actors", "actresses"}
BODY_WORDS = ("Critics", "Association", "Academy", "Guild", "Society", "Circle", "Awards",
              "Institute", "Council", "Foundation")
PLURAL_CATEGORY_WORDS = {"roles", "categories", "prizes", "awards", "honours", "actors",
                         "actresses", "performances"}
FILM_HEADS = {"film", "movie", "drama", "comedy", "thriller", "documentary", "biopic",
              "picture", "feature", "series", "show", "epic", "musical", "adaptation"}
CATEGORY_WORDS = {"supporting", "leading", "adapted", "animated", "original", "visual",
                  "foreign", "international", "british", "dramatic", "comedic"}
GENERIC_PRIZE_WORDS = {"best", "top", "special", "main", "big", "major", "first", "second",
                       "third", "last", "only", "biggest", "highest", "new", "same", "own",
                       "other", "several", "many", "two", "three", "prestigious", "coveted",
                       "honorary", "early", "previous", "award", "awards"}
GENERIC_AWARD_WORDS = {"Upcoming", "Major", "Top", "Big", "Other", "Annual", "Film", "Movie",
                       "These", "Those", "Best", "Industry", "Guild", "Critics", "TV"}
TIMES_RE = re.compile(r"^(\w+)-time$")


@dataclass
class Category:
    start: int
    end: int
    text: str


@dataclass
class AwardMention:
    start: int
    end: int
    name: str


@dataclass
class State:
    """What the article has said so far: its main award, the last category."""

    main: str | None = None
    awards: list[AwardMention] = field(default_factory=list)
    categories: dict[int, Category] = field(default_factory=dict)  # start token -> category
    cat_tokens: dict[int, Category] = field(default_factory=dict)  # every token -> category
    last_category: Category | None = None

    def award_at(self, i: int) -> AwardMention | None:
        return next((a for a in self.awards if a.start <= i < a.end), None)


# -- token caches (one Token object per token and document, shared by the passes) ----

class _Tokens:
    """doc[i] with one Token object per position, made on first use: a list of
    every Token would cost an object per token (and the collector's time)."""

    __slots__ = ("doc", "made")

    def __init__(self, doc) -> None:
        self.doc = doc
        self.made: dict[int, Token] = {}

    def __getitem__(self, i: int) -> Token:
        tok = self.made.get(i)
        if tok is None:
            tok = self.made[i] = self.doc[i]
        return tok

    def __len__(self) -> int:
        return len(self.doc)


def tokens(ctx: DocContext) -> _Tokens:
    cached = ctx.__dict__.get("_tokens")
    if cached is None:
        cached = ctx.__dict__["_tokens"] = _Tokens(ctx.doc)
    return cached


def lowers(ctx: DocContext) -> list[str]:
    cached = ctx.__dict__.get("_lowers")
    if cached is None:
        strings = ctx.doc.vocab.strings
        cached = ctx.__dict__["_lowers"] = [strings[h] for h in token_hashes(ctx.doc).lower]
    return cached


def sentences(ctx: DocContext) -> list[Span]:
    cached = ctx.__dict__.get("_sents")
    if cached is None:
        doc = ctx.doc
        flags = doc.to_array([SENT_START]).tolist() if len(doc) else []
        starts = [i for i, f in enumerate(flags) if f == 1 or i == 0]
        ends = [*starts[1:], len(doc)] if starts else []
        cached = ctx.__dict__["_sents"] = [doc[a:b] for a, b in zip(starts, ends, strict=True)
                                           if b > a]
    return cached


def sent_of(tok: Token) -> Span:
    """The sentence of a token. `Token.sent` scans the document's sentences on every
    call; this reads the per-document table of sentence bounds."""
    doc = tok.doc
    start, end = sent_bounds(doc)[tok.i]
    return doc[start:end]


# -- numbers, awards, categories ---------------------------------------------

def number(tok: Token) -> int | None:
    text = tok.lower_.replace(",", "")
    if text.isdigit():
        n = int(text)
        return n if 0 < n <= 100 else None  # "the 2003 Golden Lion" is a year
    return NUMBERS.get(text) if text not in ("a", "an") else None


def find_awards(ctx: DocContext) -> list[AwardMention]:
    """Gazetteer award mentions plus title-case runs ending in "Awards"."""
    doc = ctx.doc
    out = [AwardMention(m.start, m.end, m.name) for m in ctx.mentions if m.type == "award"]
    covered = {i for a in out for i in range(a.start, a.end)}
    gaz = gazetteer("award")
    toks = tokens(ctx)
    for i in token_hashes(doc).find(("awards", "award"), attrs=("lower",)):
        tok = toks[i]
        if tok.text not in ("Awards", "Award") or tok.i in covered:
            continue
        j = tok.i
        while j > 0 and (doc[j - 1].text[:1].isupper() or doc[j - 1].text in ("'", "’")) \
                and not doc[j - 1].is_sent_start and doc[j - 1].lower_ != "the" \
                and not doc[j - 1].like_num:
            j -= 1
        if j == tok.i or all(t.text in GENERIC_AWARD_WORDS or t.is_punct for t in doc[j:tok.i]):
            continue
        before = doc[j - 1] if j else None
        if before is None or not (before.lower_ in ("the", "'s", "’s") or before.like_num
                                  or before.ent_type_ in ("ORDINAL", "DATE")):
            continue  # a heading ("Upcoming Awards"), not a ceremony's name
        m = ctx.mention_at(j)
        if m is not None and m.type == "person":
            continue
        name = doc[j:tok.i + 1].text
        canon = gaz.lookup(name)
        if canon is None and tok.text == "Award":
            continue  # a named prize ("the Peter Sellers Award") is a category
        out.append(AwardMention(j, tok.i + 1, canon or name))
    return sorted(out, key=lambda a: a.start)


def main_award(ctx: DocContext, awards: list[AwardMention]) -> str | None:
    awards = [a for a in awards if not adjectival(ctx.doc, a)] or awards
    if not awards:
        return None
    counts: Counter[str] = Counter(a.name for a in awards)
    sents = sentences(ctx)
    lead_end = sents[min(2, len(sents) - 1)].end if sents else 0
    lead = [a for a in awards if a.start < lead_end]
    if lead:
        counts[lead[0].name] += 3
    first_line = next((t.i for t in ctx.doc if "\n" in t.text or "\n" in t.whitespace_), 0)
    for a in awards:  # the headline
        if a.start < first_line:
            counts[a.name] += 2
    return counts.most_common(1)[0][0]


def _cat_text(doc, start: int, end: int) -> str:
    text = doc[start:end].text.lower()
    text = re.sub(r"\s*-\s*", "-", text)
    text = re.sub(r"\s*/\s*", "/", text)
    return re.sub(r"^(the|a|an) ", "", text).strip()


def _best_span(doc, i: int) -> int:
    """End (exclusive) of the category phrase starting at token i ("best ...")."""
    j = i + 1
    n = len(doc)
    sent_end = sent_of(doc[i]).end
    while j < min(n, sent_end):
        t = doc[j]
        low = t.lower_
        if low in CATEGORY_STOP or low in ("for", "at", "to", "by", "with", "from", "while",
                                           "on", "but", "as", "after", "this", "who",
                                           "which", "that", "is", "was", "went"):
            break
        if low in ("-", "/", "'") or low in CATEGORY_WORDS or t.pos_ in (
                "ADJ", "NOUN", "PROPN") and (not t.like_num or low in ("first", "debut")) or \
                j + 1 < n and doc[
                j + 1].text == "-" and not t.is_punct:
            if t.pos_ == "PROPN" and t.ent_type_ == "AWARD":
                break
            j += 1
            continue
        if low == "and" and j + 1 < sent_end and doc[j + 1].pos_ in ("ADJ", "NOUN") and \
                doc[j + 1].text.islower() and doc[j + 1].lower_ not in CATEGORY_STOP | {
                    "best", "outstanding"} and (
                    j + 2 >= sent_end or doc[j + 2].pos_ not in ("VERB", "AUX")):
            j += 1  # "best make-up and hair and production design"
            continue
        if low == "or" and j + 1 < n and doc[j + 1].pos_ in ("ADJ", "NOUN", "PROPN"):
            j += 1
            continue
        if low == "in" and j + 1 < n:  # "best actor in a musical/comedy", "in a TV drama"
            k = j + 1
            if doc[k].lower_ in ("a", "an", "the"):
                k += 1
            m = k
            while m < sent_end and (doc[m].pos_ in ("ADJ", "NOUN", "PROPN") or doc[m].lower_
                                    in ("/", "-", "or")) and doc[m].lower_ not in CATEGORY_STOP:
                m += 1
            if m > k and doc[m - 1].lower_ in CATEGORY_HEADS | {"role", "musical", "tv",
                                                                "motion", "leading",
                                                                "supporting", "language"}:
                j = m
                continue
        break
    while j > i + 1 and doc[j - 1].lower_ in ("-", "/", "'", "or"):
        j -= 1
    return j


def find_categories(ctx: DocContext, awards: list[AwardMention]) -> dict[int, Category]:
    doc = ctx.doc
    award_tokens = {i for a in awards for i in range(a.start, a.end)}
    out: dict[int, Category] = {}
    i = 0
    n = len(doc)
    toks, lows = tokens(ctx), lowers(ctx)
    while i < n:
        low = lows[i]
        if low not in CATEGORY_TRIGGERS and i not in award_tokens:
            i += 1
            continue
        tok = toks[i]
        if low in ("best", "outstanding") and i + 1 < n and (
                doc[i + 1].pos_ in ("ADJ", "NOUN", "PROPN") or doc[i + 1].text == "-"
                or doc[i + 1].lower_ in CATEGORY_WORDS or i + 2 < n and doc[i + 2].text == "-"
                ) and doc[i + 1].lower_ not in (
                "known", "selling", "loved", "remembered", "friend", "friends", "way",
                "part", "thing", "things", "of", "chance", "time", "years", "work"):
            end = _best_span(doc, i)
            if end <= i + 1 or i + 1 in award_tokens:
                i += 1
                continue
            parts = _split_and(doc, i, end)
            for s, e in parts:
                out[s] = Category(s, e, _cat_text(doc, i, i + 1) + " " + _cat_text(doc, s, e)
                                  if s != i else _cat_text(doc, s, e))
            if len(parts) == 2 and parts[0][1] - parts[0][0] == 2 and \
                    parts[1][1] - parts[1][0] >= 2 and doc[parts[0][0] + 1].pos_ == "ADJ" \
                    and doc[parts[1][0]].pos_ == "ADJ":
                # "best male and female film actor": the noun belongs to both
                tail = _cat_text(doc, parts[1][0] + 1, parts[1][1])
                first = out[parts[0][0]]
                first.text = f"{first.text} {tail}"
            # "best screenplay and best comedy": the next "best" starts its own category
            i = end
            continue
        # named prizes: "the Alexander Walker Special Award", "Orange Film Of The Year"
        if low in ("award", "prize", "trophy", "medal") and i not in award_tokens:
            j = i
            while j > 0 and (doc[j - 1].text[:1].isupper() or doc[j - 1].like_num) \
                    and not doc[j - 1].is_sent_start and doc[j - 1].lower_ != "the" \
                    and doc[j - 1].i not in award_tokens:
                j -= 1
            if j < i - (0 if tok.text[:1].isupper() else 1):
                k = i + 1
                if k + 1 < n and doc[k].lower_ == "for" and doc[k + 1].text[:1].isupper():
                    k += 2
                out[j] = Category(j, k, _cat_text(doc, j, k))
                i = k
                continue
        # "In the debut category", "the directing prize", "the trophy for lead actress ..."
        if (low in ("category", "prize", "award", "trophy", "title", "statuette") or
                i in award_tokens and i + 1 < n and doc[i + 1].lower_ == "for") and i > 0:
            mods = [c for c in tok.children if c.dep_ in ("compound", "amod", "nmod")
                    and c.i < i and c.lower_ not in GENERIC_PRIZE_WORDS
                    and (c.pos_ in ("NOUN", "VERB") or c.lower_ in CATEGORY_WORDS)
                    and c.i not in award_tokens and not c.like_num]
            covered = any(c.start <= m.i < c.end for c in out.values() for m in mods)
            if mods and not covered:
                s = min(m.left_edge.i for m in mods)
                if doc[s].lower_ in ("the", "a", "an"):
                    s += 1
                text = _cat_text(doc, s, i)
                if text and text not in ("", "-") and not any(
                        c.text[:1].isupper() for c in doc[s:i]):
                    if low != "category":  # "the audience award", "the grand jury prize"
                        text = f"{text} {low}"
                    out[s] = Category(s, i, text)
            elif (low in ("prize", "award", "trophy") or i in award_tokens and i + 1 not in
                  award_tokens) and i + 2 < n and doc[i + 1].lower_ == "for":
                s = i + 2
                if doc[s].lower_ in ("the", "a", "an"):
                    s += 1
                if s < n and s not in out and doc[s].lower_ not in ("best", "outstanding") and (
                        doc[s].pos_ in ("NOUN", "ADJ") or doc[
                        s].pos_ == "PROPN" and doc[s].text.islower()) and \
                        doc[s].lower_ not in ROLE_WORDS - {"cinematography", "screenplay",
                                                           "score", "lead", "debut"}:
                    e = _best_span(doc, s - 1) if s > 0 else s + 1
                    e = max(e, s + 1)
                    if ctx.mention_at(s) is None:
                        out[s] = Category(s, e, "best " + _cat_text(doc, s, e))
        i += 1
    return out


def _split_pair(doc, cats: list[Category]) -> bool:
    """Categories split out of one "best male and female film actor" phrase."""
    return all(c.text.startswith("best ") for c in cats) and len({
        sent_of(doc[c.start]).start for c in cats}) == 1 and all(
        b.start - a.end == 1 and doc[a.end].lower_ == "and"
        for a, b in zip(cats, cats[1:], strict=False))


def _split_and(doc, start: int, end: int) -> list[tuple[int, int]]:
    """ "best make-up and hair and production design" -> two categories."""
    parts: list[tuple[int, int]] = []
    s = start
    for j in range(start + 1, end):
        if doc[j].lower_ != "and":
            continue
        prev = doc[j - 1].lower_
        if j >= 3 and doc[j - 2].text == "-":
            prev = doc[j - 3].lower_ + "-" + prev
        nxt = doc[j + 1].lower_ if j + 1 < end else ""
        if j + 3 < end and doc[j + 2].text == "-":
            nxt = nxt + "-" + doc[j + 3].lower_
        if (prev, nxt) in JOINT_CATEGORIES:
            continue
        parts.append((s, j))
        s = j + 1
    parts.append((s, end))
    return [(a, b) for a, b in parts if b > a]


def adjectival(doc, a: AwardMention) -> bool:
    """ "Oscar-winning", "Oscar nominee", "Oscar hopefuls": not this sentence's award."""
    if a.end < len(doc) and doc[a.end].text == "-":
        return True
    nxt = doc[a.end].lower_ if a.end < len(doc) else ""
    return nxt in ("hopefuls", "hopeful", "nominee", "nominees", "winner", "winners",
                   "winning", "nominated", "glory", "hopes", "season", "race", "night",
                   "voters", "favourite", "contender", "contenders", "buzz", "attention")


# -- subjects, works ----------------------------------------------------------

def _ok_subject(m: Mention | None) -> bool:
    return m is not None and (m.type in SUBJECT_TYPES or m.type == "organization"
                              and m.source == "ner")


def mention_of(ctx: DocContext, tok: Token) -> Mention | None:
    m = ctx.mention_at(tok.i)
    if _ok_subject(m):
        return m
    if tok.dep_ == "appos" and tok.head.i < tok.i:  # "X, a film biography that ..."
        m = ctx.mention_at(tok.head.i)
        if _ok_subject(m):
            return m
    for c in tok.children:
        if c.dep_ in ("appos", "compound", "flat", "npadvmod") and c.i > tok.i - 6:
            m = ctx.mention_at(c.i)
            if _ok_subject(m):
                return m
    if tok.lower_ in FILM_HEADS:  # "Vera Drake - Leigh's 1950s drama - was named best film"
        nxt = ctx.mention_at(tok.i + 1)
        if nxt is not None and nxt.type in WORK_TYPES:  # "Spanish drama Maria Full of Grace"
            return nxt
        for m in ctx.mentions_in(tok.left_edge.i, tok.i):
            if m.type in WORK_TYPES:
                return m
        if tok.lower_ in ("film", "movie", "series", "show") and any(
                c.lower_ == "the" for c in tok.children):
            main = main_work(ctx)  # "The film went into the ceremony with five nominations"
            if main is not None and main.type in ("film", "tv_series"):
                return main
    if tok.ent_type_ == "PERSON":  # a name the mention layer left out
        ent = next((e for e in sent_of(tok).ents if e.start <= tok.i < e.end), None)
        if ent is not None and len(ent) >= 2 and ctx.mention_at(ent.start) is None:
            return Mention(ent.start, ent.end, "person", ent.text, "ner")
    if tok.pos_ == "PROPN" and ctx.mention_at(tok.i) is None and tok.text[:1].isupper():
        full = _full_name(ctx, tok.text)  # "DiCaprio, who lost out on ..."
        if full:
            return Mention(tok.i, tok.i + 1, "person", full, "alias")
    return None


def star_of(ctx: DocContext, m: Mention) -> Mention | None:
    """ "Ray star Jamie Foxx", "its star Hilary Swank": the work the person stars in."""
    doc = ctx.doc
    j = m.start - 1
    if j < 1 or doc[j].lower_ not in ("star", "stars", "actor", "actress", "director", "lead",
                                      "co-star"):
        return None
    prev = ctx.mention_at(j - 1)
    if prev is not None and prev.type in WORK_TYPES:
        return prev
    if doc[j - 1].lower_ == "its":
        works = [w for w in ctx.mentions if w.end <= j - 1 and w.type in WORK_TYPES
                 and w.start >= sent_of(doc[j]).start]
        return works[-1] if works else None
    return None


def resolve_pronoun(ctx: DocContext, tok: Token) -> Mention | None:
    low = tok.lower_
    if low in ("he", "she", "him", "her", "his", "hers", "himself", "herself"):
        types: tuple[str, ...] = ("person",)
    elif low in ("it", "its"):
        types = WORK_TYPES
    else:
        return None
    sents_back = 0
    sent_start = sent_of(tok).start
    for m in reversed(ctx.mentions):
        if m.start >= tok.i:
            continue
        while m.start < sent_start and sent_start > 0:
            sents_back += 1
            sent_start = sent_of(ctx.doc[sent_start - 1]).start
        if sents_back > 2:
            return None
        if m.type in types:
            if types == ("person",) and sents_back > 0 and not _is_subject(ctx, m):
                best = _recent_subject(ctx, m, tok)  # the sentence's topic, not a passer-by
                return best or m
            return m
    return None


def _is_subject(ctx: DocContext, m: Mention) -> bool:
    return any(t.dep_ in ("nsubj", "nsubjpass") for t in ctx.doc[m.start:m.end])


def _recent_subject(ctx: DocContext, m: Mention, tok: Token) -> Mention | None:
    """The latest person who was a grammatical subject between two sentences back and tok."""
    sent_start = m.start
    lo = sent_of(ctx.doc[sent_start]).start
    for o in reversed(ctx.mentions):
        if o.start >= tok.i or o.start < lo:
            continue
        if o.type == "person" and _is_subject(ctx, o):
            return o
    return None


def full_person(ctx: DocContext, m: Mention) -> Mention:
    """ "Leigh" -> the article's "Mike Leigh" when the model left the surname alone."""
    if " " in m.name or m.type != "person" and m.source != "ner":
        return m
    full = _full_name(ctx, m.name)
    return Mention(m.start, m.end, "person", full, m.source) if full else m


def _full_name(ctx: DocContext, surname: str) -> str | None:
    """The article's full name for a bare surname, from person mentions or the model's
    PERSON entities (the mention layer sometimes files a name under another type)."""
    for o in ctx.mentions:
        if o.type == "person" and o.name.endswith(" " + surname):
            return o.name
    for e in doc_ents(ctx.doc):
        if e.label_ == "PERSON" and len(e) in (2, 3) and e.text.endswith(" " + surname):
            return e.text
    return None


def mentions_of(ctx: DocContext, tok: Token) -> list[Mention]:
    """The subject-like mentions a token stands for, with its conjuncts."""
    out: list[Mention] = []
    if any(t.lower_ in ("each", "apiece") for t in sent_of(tok)):
        # "A and the thriller B, starring C, received three nominations each"
        works = [m for m in ctx.mentions_in(tok.left_edge.i, tok.right_edge.i + 1)
                 if m.type in WORK_TYPES]
        if works and tok.dep_ in ("nsubj", "nsubjpass"):
            return works
    for t in (tok, *tok.conjuncts):
        if t.pos_ == "PRON" and not _ok_subject(ctx.mention_at(t.i)):
            m = resolve_pronoun(ctx, t)
        else:
            m = mention_of(ctx, t)
            m = full_person(ctx, m) if m is not None else None
        if m is not None and all(m.name != o.name for o in out):
            out.append(m)
    return out


def subjects_of(ctx: DocContext, verb: Token) -> list[Mention]:
    """The subject mentions of a verb, through relative clauses and coordination; never
    across a line break (list lines the parser ran into the next sentence)."""
    doc = ctx.doc

    def same_line(found: list[Mention]) -> list[Mention]:
        out = []
        for m in found:
            lo, hi = sorted((min(m.end, len(doc) - 1), verb.i))
            if not any("\n" in t.text or "\n" in t.whitespace_ for t in doc[max(0, lo - 1):hi]):
                out.append(m)
        return out

    return same_line(_subjects_of(ctx, verb)) or same_line(_adjacent_subjects(ctx, verb))


def _adjacent_subjects(ctx: DocContext, verb: Token) -> list[Mention]:
    """ "... A and B go head to head": names right before a verb the parse left
    without a subject."""
    if verb.dep_ in ("advcl", "xcomp") and verb.head is not verb:
        found = _adjacent_subjects(ctx, verb.head)
        if found:
            return found
    doc = ctx.doc
    out: list[Mention] = []
    j = verb.i - 1
    while j >= sent_of(verb).start:
        m = ctx.mention_at(j)
        if _ok_subject(m):
            out.insert(0, full_person(ctx, m))
            j = m.start - 1
            continue
        if doc[j].lower_ in ("and", ",") and out:
            j -= 1
            continue
        break
    if out and (j < sent_of(verb).start or doc[j].is_space or "\n" in doc[j].text or
                doc[j].is_punct):
        return out
    return []


def _subjects_of(ctx: DocContext, verb: Token) -> list[Mention]:
    v = verb
    for _ in range(5):
        subj = sorted((c for c in v.children if c.dep_ in ("nsubj", "nsubjpass")),
                      key=lambda c: abs(v.i - c.i))  # two subjects: a misparse; take the nearer
        if subj:
            for s in subj:
                if s.lower_ in ("who", "which", "that") and v.dep_ == "relcl":
                    m = mention_of(ctx, v.head)  # the antecedent, not its conjuncts
                    if m is None and s.lower_ == "who" and v.head.pos_ == "PROPN" and \
                            v.head.text[:1].isupper() and v.head.dep_ in ("nsubj", "nsubjpass"):
                        h = v.head  # "DiCaprio, who lost out ...": "who" names a person
                        m = Mention(h.i, h.i + 1, "person", h.text, "ner")
                    return [full_person(ctx, m)] if m is not None else []
                found = mentions_of(ctx, s)
                if found:
                    return found
            return []
        if v.dep_ in ("relcl", "acl") and v.head.pos_ in ("NOUN", "PROPN"):
            found = mentions_of(ctx, v.head)
            if not found and v.head.lower_ in ("films", "titles", "movies", "shows", "series"):
                cop = v.head.head.head if v.head.dep_ == "pobj" else v.head.head
                if cop.lemma_ == "be":
                    found = [m for c in cop.children if c.dep_ in ("nsubj", "attr")
                             for m in ctx.mentions_in(c.left_edge.i, c.right_edge.i + 1)
                             if m.type in WORK_TYPES]
            return found
        if v.dep_ == "conj" and v.pos_ in ("VERB", "AUX"):
            found = _subject_after_cc(ctx, v)
            if found:
                return found
        if v.dep_ in ("conj", "xcomp", "advcl", "ccomp", "pcomp", "prep") and v.head is not v:
            v = v.head
            continue
        break
    return []


def _subject_after_cc(ctx: DocContext, v: Token) -> list[Mention]:
    """ "A was named best film and B, who played the lead, was named best actress":
    the parser often hangs B on the first clause; take the mention after "and"."""
    doc = ctx.doc
    for j in range(v.i - 1, v.head.i, -1):
        if doc[j].lower_ in ("and", "but", "while", "whereas") and doc[j].pos_ in (
                "CCONJ", "SCONJ"):
            for k in range(j + 1, min(j + 5, v.i)):
                m = ctx.mention_at(k)
                if _ok_subject(m):
                    return [full_person(ctx, m)]
                if doc[k].pos_ in ("VERB", "AUX") or doc[k].text == ",":
                    break
            return []
    return []


def works_in(ctx: DocContext, start: int, end: int, exclude: set[str] = frozenset(),
             ) -> list[Mention]:
    out = []
    for m in ctx.mentions_in(start, end):
        if m.name in exclude:
            continue
        if m.type in WORK_TYPES or m.type in ("person", "organization") and m.source == "ner":
            if all(m.name != o.name for o in out):
                out.append(m)
    return out


def for_phrase(ctx: DocContext, heads: list[Token], exclude: set[str],
               ) -> tuple[list[Mention], list[Mention]]:
    """Works and people in "for X" / "for his role in X" attached to any of heads."""
    works: list[Mention] = []
    people: list[Mention] = []
    seen: set[int] = set()
    for h in heads:
        preps = [c for c in h.children if c.dep_ == "prep" and c.lower_ in ("for", "on")]
        if h.dep_ in ("dobj", "attr", "oprd", "pobj") and not preps:
            # "best actress in a musical/comedy for Being Julia": the parse hangs "for" deep
            preps = [t for t in h.subtree if t.dep_ == "prep" and t.lower_ == "for"
                     and t.i > h.i and t.head.pos_ in ("NOUN", "PROPN")]
        for c in preps:
            if c.i in seen:
                continue
            seen.add(c.i)
            for m in ctx.mentions:
                if not c.i < m.start <= c.right_edge.i or m.name in exclude:
                    continue
                if m.type == "person" and m.source in ("person", "alias"):
                    people.append(m)
                elif m.type in WORK_TYPES or m.source == "ner" and m.type in (
                        "person", "organization"):
                    works.append(m)
    return works, people


# -- filters -------------------------------------------------------------------

def filtered(tok: Token) -> bool:
    if _question(tok):
        return True
    clause = _clause(tok)
    if any(t.lower_ in HEDGE_WORDS for t in clause):
        return True
    inf = next((t for t in clause if any(c.dep_ == "aux" and c.lower_ == "to"
                                         for c in t.children) and t.head is not t), None)
    if inf is not None and any(t.lower_ in HEDGE_WORDS for t in _clause(inf.head)):
        return True  # "is second favourite to take the award": the hedge governs
    t = tok
    for _ in range(6):
        if t.lemma_.lower() in HEDGE_LEMMAS or t.lemma_.lower() in NEG_LEMMAS or \
                t.lower_ in HEDGE_WORDS or t.pos_ in ("VERB", "AUX") and t.lower_ in HEDGE_VERBS:
            return True  # "second favourite to take the award"
        if any(c.dep_ == "neg" or c.dep_ == "aux" and c.lower_ in MODALS for c in t.children):
            return True
        if t.head is t or t.dep_ in ("pcomp", "relcl", "advcl", "acl", "appos"):
            break  # "can X collect prizes after being nominated": the nomination holds
        t = t.head
    return False


def _question(tok: Token) -> bool:
    """The token's sentence ends in a question mark."""
    sent = sent_of(tok)
    doc = tok.doc
    j = sent.end - 1
    while j > sent.start and doc[j].is_space:
        j -= 1
    return doc[j].text == "?"


def _clause(tok: Token) -> list[Token]:
    """The tokens of the clause a trigger sits in, without the relative and adverbial
    clauses hanging off it ("X is nominated, where it is seen as the frontrunner")."""
    head = tok
    while head.dep_ not in ("ROOT", "conj", "ccomp", "advcl", "relcl", "xcomp") and \
            head.head is not head:
        head = head.head
    while head.dep_ in ("xcomp",) and head.head is not head:
        head = head.head  # "is tipped to win": the hedge is on the governing verb
    skip: set[int] = set()
    for t in head.subtree:
        if t is not head and t.dep_ in ("relcl", "advcl", "ccomp", "conj") and t.pos_ in (
                "VERB", "AUX") and not (t.left_edge.i <= tok.i <= t.right_edge.i):
            skip.update(range(t.left_edge.i, t.right_edge.i + 1))
    return [t for t in head.subtree if t.i not in skip]


# -- the families -----------------------------------------------------------------

@dataclass
class Finder:
    ctx: DocContext
    state: State

    # award for a trigger: in its subtree, else the sentence, else the article's main
    def festival_for(self, tok: Token) -> str | None:
        """A festival's own prize: "won the audience award at the Red Prairie Film Festival",
        "premiered at the X Festival, where it won the audience award"."""
        sent = sent_of(tok)
        fests = [m for m in self.ctx.mentions_in(sent.start, sent.end, ("festival",))]
        if not fests:
            return None
        inside = [m for m in fests if tok.left_edge.i <= m.start <= tok.right_edge.i]
        if inside:
            return inside[0].name
        before = [m for m in fests if m.end <= tok.i]
        if before and any(t.lower_ == "where" for t in tok.subtree):
            return before[-1].name
        if before and tok.dep_ == "relcl":
            return before[-1].name
        return None

    def award_for(self, tok: Token, lo: int | None = None, hi: int | None = None) -> str | None:
        lo = tok.left_edge.i if lo is None else lo
        hi = tok.right_edge.i + 1 if hi is None else hi
        inside = [a for a in self.state.awards if a.start >= lo and a.end <= hi
                  and not adjectival(self.ctx.doc, a)]
        if inside:
            return min(inside, key=lambda a: abs(a.start - tok.i)).name
        t = tok
        for _ in range(4):  # "... at the Emmys, where X took home the trophy"
            if t.head is t:
                break
            if t.dep_ == "relcl" and self.state.award_at(t.head.i) is not None:
                return self.state.award_at(t.head.i).name
            t = t.head
        sent = sent_of(tok)
        clause = {t.i for t in _clause(tok)}
        in_sent = [a for a in self.state.awards if a.start >= sent.start and a.end <= sent.end
                   and not adjectival(self.ctx.doc, a) and a.start in clause]
        if len({a.name for a in in_sent}) == 1:
            return in_sent[0].name
        return self.state.main


    def cats_in(self, lo: int, hi: int) -> list[Category]:
        return [c for s, c in sorted(self.state.categories.items()) if lo <= s < hi]

    def cats_under(self, heads: list[Token], skip: set[int] = frozenset()) -> list[Category]:
        """Categories under the heads, leaving out clauses nested below them."""
        out: list[Category] = []
        doc = self.ctx.doc
        for h in heads:
            nested: set[int] = set()
            for t in h.subtree:
                if t is not h and t.dep_ in ("relcl", "advcl", "acl") and t.pos_ in (
                        "VERB", "AUX"):
                    nested.update(range(t.left_edge.i, t.right_edge.i + 1))
            for c in self.cats_in(h.left_edge.i, h.right_edge.i + 1):
                if c.start not in skip and c.start not in nested and c not in out:
                    out.append(c)
        _ = doc
        return out

    def emit(self, relation: str, subjects: list[Mention], award: str | None,
             cats: list[Category | None], where: Token | Span, *, works: list[Mention] = (),
             count: int | None = None, conf: float = 0.8) -> None:
        if not subjects or not award:
            return
        ctx = self.ctx
        doc = ctx.doc
        cats = [c for c in cats if c is None or not any(
            o is not None and o is not c and o.end + 1 == c.start and o.end < len(doc)
            and doc[o.end].lower_ == "for" for o in cats)]
        if len(cats) == len(subjects) > 1 and all(c is not None for c in cats) and \
                _split_pair(doc, cats):
            for s_, c_ in zip(subjects, cats, strict=True):  # "best male and female actor"
                self.emit(relation, [s_], award, [c_], where, works=works, conf=conf)
            return
        for k, subj in enumerate(subjects):
            work = None
            if works:
                work = works[k] if len(works) == len(subjects) else works[0]
            if work is not None and work.name == subj.name:
                work = None
            if work is None and subj.type == "person":
                work = star_of(ctx, subj)
            for cat in cats or [None]:
                if cat is not None and cat.text.split()[-1] in PLURAL_CATEGORY_WORDS:
                    continue  # "won prizes for best supporting roles": which is whose?
                personal = cat is not None and bool(PERSON_CATEGORY & set(
                    cat.text.replace("-", " ").split()))
                if personal and subj.type in WORK_TYPES and work is None:
                    continue  # a film does not win best actor; its star does
                q: dict = {}
                if cat is not None:
                    q["category"] = cat.text
                    self.state.last_category = cat
                if work is not None and (subj.type not in WORK_TYPES or personal):
                    q["for_work"] = work.name
                elif personal and subj.type == "person":
                    role_work = _own_work(ctx, subj.name, cat.text)
                    if role_work:
                        q["for_work"] = role_work
                if count is not None and (cat is None or len(cats) == 1):
                    q["count"] = count
                ctx.add_fact(subj, relation, award, where, qualifiers=q, confidence=conf,
                             object_type="award")


def _own_work(ctx: DocContext, person: str, category: str) -> str | None:
    """The one work the article gives the person in the category's role (cast for acting,
    director for directing), when the award sentence names none."""
    words = set(category.replace("-", " ").split())
    if words & {"actor", "actress", "performance", "performer", "newcomer"}:
        relations: tuple[str, ...] = ("cast_member", "voice_actor")
    elif words & {"director", "directorial", "directing"}:
        relations = ("director",)
    elif words & {"screenplay", "writer", "screenwriter"}:
        relations = ("screenwriter",)
    else:
        return None
    works = {f.subject for f in ctx.facts if f.relation in relations and f.object == person}
    return next(iter(works)) if len(works) == 1 else None


def _children(tok: Token, deps: tuple[str, ...]) -> list[Token]:
    return [c for c in tok.children if c.dep_ in deps]


def _objects(tok: Token) -> list[Token]:
    """Direct objects, attributes and "for"/"to"/"as" objects of a verb, with conjuncts."""
    out: list[Token] = []
    for c in tok.children:
        if c.dep_ in ("dobj", "attr", "oprd", "acomp", "ccomp", "xcomp") and c.pos_ != "VERB":
            out.append(c)
        elif c.dep_ in ("prt",):
            for cc in c.children:
                if cc.dep_ == "dobj":
                    out.append(cc)
        elif c.dep_ == "prep" and c.lower_ in ("as", "for"):
            out.extend(_children(c, ("pobj",)))
    more = []
    for o in out:
        more.extend(x for x in o.conjuncts if x not in out)
    return out + more


def extract(ctx: DocContext) -> None:
    awards = find_awards(ctx)
    state = State(main=main_award(ctx, awards), awards=awards)
    state.categories = find_categories(ctx, awards)
    for c in state.categories.values():
        for i in range(c.start, c.end):
            state.cat_tokens[i] = c
    f = Finder(ctx, state)
    for sent in sentences(ctx):
        _sentence(f, sent)
    _lists(f)
    _prune(ctx)


def _prune(ctx: DocContext) -> None:
    """A bare "X won at the Y Awards" adds nothing when X's category there is known."""
    specific = {(f.subject, f.relation, f.object, f.qualifiers.get("for_work"))
                for f in ctx.facts if f.relation in ("award_received", "nominated_for")
                and f.qualifiers.get("category")}
    specific |= {(s, r, o, None) for s, r, o, _ in specific}
    keep = []
    for f in ctx.facts:
        q = f.qualifiers
        if f.relation in ("award_received", "nominated_for") and not q.get("category") and \
                not q.get("count") and (f.subject, f.relation, f.object,
                                        q.get("for_work")) in specific:
            continue
        keep.append(f)
    if len(keep) != len(ctx.facts):
        ctx.facts[:] = keep
        ctx._fact_keys.clear()
        for k, f in enumerate(ctx.facts):
            ctx._fact_keys[_key(f)] = k


def _key(f) -> tuple:
    from newsreel.names import name_key
    q = f.qualifiers
    return (name_key(f.subject), f.relation, name_key(f.object),
            name_key(q.get("category")) if f.relation in ("nominated_for", "award_received")
            else "", q.get("region") if f.relation in ("release_date", "box_office",
                                                       "distributor") else "")


def _category_led(f: Finder, tok: Token) -> Category | None:
    c = f.state.cat_tokens.get(tok.left_edge.i) or f.state.cat_tokens.get(tok.i)
    if c is None:
        for ch in tok.children:
            if ch.dep_ in ("compound", "amod") and ch.i in f.state.cat_tokens:
                return f.state.cat_tokens[ch.i]
    return c


# what `_sentence` can act on: every other token it passes over without effect
SENTENCE_POS = ("VERB", "AUX", "NOUN", "ADJ", "ADP", "PROPN", "ADV", "PUNCT")
ACTING_POS = ("VERB", "AUX", "NOUN", "ADJ", "ADP", "PROPN")
VERB_LEMMAS = (TRIGGER_LEMMAS | NOMINATION_VERBS | WIN_VERBS | NAME_VERBS | COMPETE_VERBS |
               {"be", "go", "honour", "honor", "beat", "lose", "face", "challenge", "include",
                "pass"})  # every lemma `_verb` reads; it does nothing for the others
NOUN_WORDS = {"nomination", "nominations", "nod", "nods", "nominee", "nominees", "contender",
              "contenders", "running", "contention", "race", "winner", "winners"}


def _sentence_tokens(f: Finder) -> list[int]:
    """Positions `_sentence` acts on, found on the doc's attribute arrays in one
    pass (no Token built): award ends, category starts, "up", and words of a
    POS it reads whose lemma or lower-case form one of its branches handles."""
    ctx = f.ctx
    cached = ctx.__dict__.get("_award_sentence_tokens")
    if cached is not None:
        return cached
    table = token_hashes(ctx.doc)
    strings = ctx.doc.vocab.strings
    pos = ctx.doc.to_array([POS]).tolist() if table.n else []
    acting = {strings[p] for p in ACTING_POS}
    verbal = {strings["VERB"], strings["AUX"]}
    lemma_low = {h: strings[h].lower() for h in set(table.lemma)}
    lows = {strings.add(w) for w in NOMINATION_NOUNS | NOUN_WORDS}
    up = strings.add("up")
    special = {a.end for a in f.state.awards} | set(f.state.categories)
    out = []
    for i, (p, low, lem) in enumerate(zip(pos, table.lower, table.lemma, strict=True)):
        if i in special or low == up:
            out.append(i)
        elif p in acting:
            # a trigger lemma on a noun ("the award", "a win") reaches no branch
            if low in lows or p in verbal and lemma_low[lem] in VERB_LEMMAS:
                out.append(i)
    ctx.__dict__["_award_sentence_tokens"] = out
    return out


def _sentence(f: Finder, sent: Span) -> None:
    ctx = f.ctx
    seen_cat = None
    award_ends = {a.end for a in f.state.awards}
    toks = tokens(ctx)
    acting = _sentence_tokens(f)
    lo, hi = bisect_left(acting, sent.start), bisect_left(acting, sent.end)
    for tok in [toks[i] for i in acting[lo:hi]]:
        low = tok.lower_
        if tok.pos_ not in ("VERB", "AUX", "NOUN", "ADJ", "ADP", "PROPN", "ADV", "PUNCT") and \
                tok.i not in award_ends:
            continue
        lemma = tok.lemma_.lower()
        if tok.i in f.state.categories:
            seen_cat = f.state.categories[tok.i]
        # compounds in passing: "Oscar-winning X", "Oscar nominee X", "double Oscar-winner"
        a = next((a for a in f.state.awards if a.end == tok.i), None) \
            if tok.i in award_ends else None
        if a is not None:
            _compound(f, a, tok)
        if low == "up" and tok.i + 1 < sent.end and ctx.doc[tok.i + 1].lower_ == "for":
            if not filtered(tok):
                _up_for(f, tok)
            continue
        if low == "up" and tok.i + 1 < sent.end and ctx.doc[tok.i + 1].lower_ == "against":
            if not filtered(tok):
                _up_against(f, tok)
            continue
        if tok.pos_ not in ("VERB", "AUX", "NOUN", "ADJ", "ADP", "PROPN"):
            continue
        if (lemma in TRIGGER_LEMMAS or low in NOMINATION_NOUNS) and filtered(tok):
            continue
        if tok.pos_ in ("VERB", "AUX"):
            _verb(f, tok, lemma, seen_cat)
        elif low in ("nomination", "nominations", "nod", "nods"):
            _nomination_noun(f, tok)
        elif low in ("nominee", "nominees", "contender", "contenders") and tok.pos_ == "NOUN":
            _nominee_noun(f, tok)
        elif low in ("running", "contention", "race") and tok.head.lower_ == "in":
            _running(f, tok)
        elif low in ("winner", "winners") and tok.dep_ in ("attr", "appos") and \
                tok.pos_ == "NOUN":
            _winner_noun(f, tok)


def _compound(f: Finder, a: AwardMention, tok: Token) -> None:
    """tok follows the award mention: "-winning", "-nominated", "nominee", "winner"."""
    ctx, doc = f.ctx, f.ctx.doc
    i = tok.i
    if doc[i].text == "-" and i + 1 < len(doc):
        i += 1
    word = doc[i].lower_
    pre_cat = None
    if i in f.state.categories and doc[i].text != "-":  # "Oscar best-picture nominee X"
        pre_cat = f.state.categories[i]
        if pre_cat.end < len(doc) and doc[pre_cat.end].lower_ in ("nominee", "winner"):
            i = pre_cat.end
            word = doc[i].lower_
        else:
            pre_cat = None
    if word in ("winning", "nominated", "winner", "nominee", "award-winning"):
        rel = "award_received" if word.startswith("winn") else "nominated_for"
        if doc[i].text != "-" and i == tok.i and word in ("winning", "nominated"):
            return  # "Oscar winning" without a hyphen is rare and ambiguous
        cat = pre_cat
        j = i + 1
        subj: Mention | None = None
        # the noun the compound modifies: "Oscar-winning director Ron Howard"
        k = j
        while k < min(len(doc), j + 4) and ctx.mention_at(k) is None and not doc[k].is_punct \
                and doc[k].pos_ != "ADP":
            if doc[k].lower_ in ROLE_WORDS | {"film", "movie", "song", "score"} and word in (
                    "winning", "nominated"):
                return  # "his Oscar-winning role in X": the winner is the possessor
            k += 1
        if word in ("winner", "nominee"):
            # "Spacey, a double Oscar-winner," / "Oscar nominee Clive Owen"
            m = ctx.mention_at(j)
            if _ok_subject(m) and m.type == "person" or _ok_subject(m):
                subj = m
            else:
                head = doc[i]
                if head.dep_ in ("appos", "attr") and head.head.i < head.i:
                    subj = mention_of(ctx, head.head) or next(
                        (m for m in ctx.mentions_in(head.head.left_edge.i, head.head.i + 1)
                         if _ok_subject(m)), None)
                elif head.dep_ == "attr":
                    subs = subjects_of(ctx, head.head)
                    subj = subs[0] if subs else None
        else:
            m = ctx.mention_at(k) if k < len(doc) else None
            if _ok_subject(m):
                subj = m
        if subj is None or _question(doc[i]) or any(
                c.dep_ == "neg" for c in doc[i].head.children):
            return  # a descriptor holds even in a sentence about bets
        works, _ = for_phrase(ctx, [doc[i]], {subj.name})  # "a five-time Globe winner for X"
        f.emit(rel, [subj], a.name, [cat], doc[i], works=works, conf=0.75)


def _verb(f: Finder, tok: Token, lemma: str, seen_cat: Category | None) -> None:
    ctx = f.ctx
    if lemma in ("recognise", "recognize") and not any(
            t.lower_ in ("category", "nominated", "nominations", "nominees") for t in sent_of(tok)):
        return
    if lemma in NOMINATION_VERBS and tok.tag_ == "VBN" and not (
            tok.i > 0 and ctx.doc[tok.i - 1].text == "-"):
        subs = subjects_of(ctx, tok)
        if not subs and tok.dep_ in ("amod", "acl"):
            subs = [m for m in [mention_of(ctx, tok.head)] if m]
        objs = _children(tok, ("prep",))
        heads = [p for p in objs if p.lower_ in ("for", "as")]
        heads += [p for p in objs if p.lower_ == "in" and any(
            t.lower_ in ("category", "categories", "race", "shortlist") for t in p.subtree)]
        cats = f.cats_under(heads)
        count = None
        for p in heads:
            for o in _children(p, ("pobj",)):
                if o.lower_ in AWARD_NOUNS or f.state.award_at(o.i) is not None:
                    count = next((number(c) for c in o.children if c.dep_ == "nummod"
                                  and number(c)), None)
        works, people = for_phrase(ctx, [tok, *heads, *[o for p in heads for o in
                                                          _children(p, ("pobj",))]],
                                   {s.name for s in subs})
        if not cats and not count and seen_cat is not None and seen_cat.start < tok.i:
            cats = [seen_cat]  # "In the best lead performance category, X is nominated for Y"
        award = f.award_for(tok)
        several = {a.name for p in heads for a in f.state.awards
                   if p.i < a.start <= p.right_edge.i and not adjectival(ctx.doc, a)}
        if not cats and not count and len(several) > 1:
            for name in sorted(several):  # "nominated for several Baftas and a Globe"
                f.emit("nominated_for", subs, name, [None], tok, works=works, conf=0.8)
            return
        respectively = any(t.lower_ == RESPECTIVELY for t in sent_of(tok))
        if respectively and len(works) == len(subs):
            for s, w in zip(subs, works, strict=True):
                f.emit("nominated_for", [s], award, cats, tok, works=[w])
        else:
            f.emit("nominated_for", subs, award, cats or [None], tok, works=works,
                   count=count, conf=0.85)
        return
    if lemma in WIN_VERBS and tok.pos_ == "VERB":
        _win_verb(f, tok, lemma)
        return
    if lemma in NAME_VERBS and tok.tag_ in ("VBN", "VBD", "VBZ", "VBP"):
        objs = _objects(tok)
        cats = f.cats_under(objs) if objs else []
        if not cats:
            if lemma == "award" and tok.tag_ == "VBN":  # "X was awarded the Palme d'Or"
                given = [f.state.award_at(o.i) for o in _children(tok, ("dobj", "oprd"))]
                given = [a for a in given if a is not None and not adjectival(ctx.doc, a)]
                if given:
                    f.emit("award_received", subjects_of(ctx, tok), given[0].name, [None], tok,
                           conf=0.75)
            return
        named = [m for o in _children(tok, ("dobj", "dative")) for m in mentions_of(ctx, o)]
        if not named and tok.tag_ != "VBN":  # "named Tomas Reyes best actor", parsed as one NP
            named = [m for o in objs for m in ctx.mentions_in(o.left_edge.i, cats[0].start)
                     if _ok_subject(m)]
        subs = named or subjects_of(ctx, tok)
        if not subs and tok.dep_ == "acl":
            subs = [m for m in [mention_of(ctx, tok.head)] if m]
        award = f.award_for(tok)
        if named:  # "The CFCA named X best actor": the subject is the awarding body
            body = next((c for c in tok.children if c.dep_ == "nsubj"), None)
            if body is not None:
                a = f.state.award_at(body.i)
                m = ctx.mention_at(body.i)
                if a is not None:
                    award = a.name
                elif m is not None and m.type == "organization" and any(
                        w in m.name for w in BODY_WORDS):
                    award = m.name
        works, people = for_phrase(ctx, [tok, *objs], {s.name for s in subs})
        if len(named) == len(cats) > 1:  # "awarded A the X prize and B the Y prize"
            for s_, c_ in zip(named, cats, strict=True):
                f.emit("award_received", [s_], award, [c_], tok, conf=0.8)
            return
        f.emit("award_received", subs, award, cats, tok, works=works, conf=0.85)
        return
    if lemma == "be" and tok.dep_ in ("ROOT", "conj", "relcl", "ccomp", "advcl"):
        attrs = _children(tok, ("attr",))
        subj = _children(tok, ("nsubj",))
        if not attrs or not subj:
            return
        attr, s = attrs[0], subj[0]
        c_attr = _category_led(f, attr)
        c_subj = _category_led(f, s)
        if c_attr is not None and c_attr.text.startswith("best"):  # "Swank was best actress"
            subs = subjects_of(ctx, tok)
            works, _ = for_phrase(ctx, [tok, attr], {x.name for x in subs})
            f.emit("award_received", subs, f.award_for(tok), [c_attr], tok, works=works,
                   conf=0.75)
        elif c_subj is not None and c_subj.text.startswith("best") and s.i < tok.i:
            winners = mentions_of(ctx, attr)  # "Best British film was My Summer of Love"
            f.emit("award_received", winners, f.award_for(tok), [c_subj], tok, conf=0.75)
        return
    if lemma == "go" and any(c.dep_ == "prep" and c.lower_ == "to" for c in tok.children):
        to = next(c for c in tok.children if c.dep_ == "prep" and c.lower_ == "to")
        winners = [m for o in _children(to, ("pobj",)) for m in mentions_of(ctx, o)]
        subj = _children(tok, ("nsubj",))
        if not winners or not subj:
            return
        s = subj[0]
        cats = f.cats_under([s])
        named_award = f.state.award_at(s.i)
        if not cats and s.lower_ in AWARD_NOUNS | {"it"} and named_award is None:
            cats = [f.state.last_category] if f.state.last_category else []
        if not cats and s.lower_ not in AWARD_NOUNS:
            return
        works, _ = for_phrase(ctx, [tok, to, *_children(to, ("pobj",))],
                              {w.name for w in winners})
        f.emit("award_received", winners, f.award_for(tok), cats or [None], tok, works=works,
               conf=0.8)
        return
    if lemma in ("honour", "honor") and tok.tag_ == "VBN":  # "was honoured with an award"
        withs = [c for c in tok.children if c.dep_ == "prep" and c.lower_ == "with"]
        prizes = [o for w in withs for o in _children(w, ("pobj",)) if o.lower_ in AWARD_NOUNS]
        if prizes and not filtered(tok):
            cats = f.cats_under(prizes)
            works, _ = for_phrase(ctx, prizes, set())
            f.emit("award_received", subjects_of(ctx, tok), f.award_for(tok), cats or [None],
                   tok, works=works, conf=0.7)
        return
    if lemma == "beat" or lemma == "lose":
        _beat(f, tok, lemma)
        return
    if lemma in COMPETE_VERBS:
        fors = [c for c in tok.children if c.dep_ == "prep" and c.lower_ == "for"]
        if lemma == "go" and not any(c.lower_ == "head" for c in tok.subtree):
            return
        cats = f.cats_under(fors)
        if cats:
            award = f.award_for(tok)
            f.emit("nominated_for", subjects_of(ctx, tok), award, cats, tok, conf=0.7)
            for p in tok.children:  # "... for the best actor award with A (F1) and B (F2)"
                if p.dep_ == "prep" and p.lower_ in ("with", "against"):
                    for person, work in _paren_list(ctx, p.i + 1, p.right_edge.i + 1):
                        f.emit("nominated_for", [person], award, cats[:1], tok,
                               works=[work] if work else [], conf=0.65)
        return
    if lemma in ("face", "challenge") and tok.pos_ == "VERB":
        _competition(f, tok, lemma)
    if lemma == "include" and any(c.lower_ in ("nominees", "contenders") for c in
                                  _children(tok, ("nsubj",))):
        _include(f, tok)
    if lemma == "pass" and any(c.lower_ == "over" for c in tok.children):
        _passed_over(f, tok, seen_cat)


def _win_verb(f: Finder, tok: Token, lemma: str) -> None:
    ctx, doc = f.ctx, f.ctx.doc
    objs = _objects(tok)
    if lemma == "pick" and not any(c.dep_ == "prt" and c.lower_ == "up" for c in tok.children):
        return
    if lemma == "take" and any(c.dep_ == "prt" and c.lower_ not in ("home", "away")
                               for c in tok.children):
        return
    if lemma in ("get", "score", "land", "earn", "secure", "receive", "garner", "net") and \
            not objs:
        return
    subs = subjects_of(ctx, tok)
    dative = _children(tok, ("dative",))
    if dative:  # "earned her an Independent Spirit Award nomination"
        d = mentions_of(ctx, dative[0])
        if dative[0].pos_ == "PRON":  # "Foxx's portrayal of X earned him a Globe"
            for sj in _children(tok, ("nsubj",)):
                poss = [m for c in sj.children if c.dep_ == "poss"
                        for m in [ctx.mention_at(c.i)] if m is not None and m.type == "person"]
                if poss:
                    d = [full_person(ctx, poss[0])]
        if d:
            prior = subs
            subs = d
        else:
            prior = []
    else:
        prior = []
    if not objs:
        return
    nominations = [o for o in objs if o.lower_ in NOMINATION_NOUNS]
    if nominations:
        return  # handled from the noun
    cats = f.cats_under(objs)
    for o in objs:  # "the BIFA for breakthrough performance": category under the prep
        for c in o.children:
            if c.dep_ == "prep" and c.lower_ == "for":
                cats.extend(x for x in f.cats_under([c]) if x not in cats)
    if not cats and any(o.lower_ in AWARD_NOUNS or f.state.award_at(o.i) for o in objs):
        for c in tok.children:  # "took the prize for cinematography"
            if c.dep_ == "prep" and c.lower_ == "for":
                cats.extend(x for x in f.cats_under([c]) if x not in cats)
    count = None
    award_words = [o for o in objs if o.lower_ in AWARD_NOUNS or
                   any(a.start <= o.i < a.end for a in f.state.awards)]
    if not cats and not award_words:  # "won the Orange Film Of The Year"
        for o in objs:
            if o.dep_ == "dobj" and o.pos_ == "PROPN" and not _ok_subject(ctx.mention_at(o.i)):
                lo = o.left_edge.i + (1 if doc[o.left_edge.i].lower_ in ("the", "a") else 0)
                run = doc[lo:o.right_edge.i + 1]
                if 2 <= len(run) <= 8 and all(t.text[:1].isupper() or t.lower_ in (
                        "of", "the", "for", "and") or t.like_num for t in run):
                    cats = [Category(lo, run.end, _cat_text(doc, lo, run.end))]
    if not cats:
        for o in award_words:
            n = next((number(c) for c in o.children if c.dep_ == "nummod" and number(c)), None)
            if n:
                count = n
            elif o.lower_ in ("award", "prize", "title", "trophy") and any(
                    c.lower_ == "the" for c in o.children) and f.state.last_category:
                cats = [f.state.last_category]
        if not award_words:
            numeric = [o for o in objs if o.like_num and number(o)]
            if numeric and lemma in ("pick", "get", "receive", "earn", "land", "score",
                                     "collect", "garner", "bag") and any(
                    t.lower_ in NOMINATION_NOUNS for t in sent_of(tok)):
                # "... follows with nine nods, while X picked up six"
                f.emit("nominated_for", subs, f.award_for(tok), [None], tok,
                       count=number(numeric[0]), conf=0.7)
            return
    if not subs:
        return
    works, people = for_phrase(ctx, [tok, *objs], {s.name for s in subs})
    if prior and not works:
        works = [p for p in prior if p.type in WORK_TYPES]
    personal = any(PERSON_CATEGORY & set(c.text.replace("-", " ").split()) for c in cats)
    if people and (all(s.type in WORK_TYPES for s in subs) or personal and all(
            s.source in ("title", "ner") or s.type in WORK_TYPES for s in subs)):
        # "Vera Drake scored best director for Mike Leigh"
        f.emit("award_received", people, f.award_for(tok), cats or [None], tok,
               works=subs, conf=0.8)
        f.emit("award_received", subs, f.award_for(tok), cats or [None], tok, conf=0.6)
        return
    award = f.award_for(tok)
    fest = f.festival_for(tok)
    if fest and not any(tok.left_edge.i <= a.start <= tok.right_edge.i for a in f.state.awards):
        award = fest  # a festival's own prize
    if not cats and not count and not award_words:
        return
    named = {a.name for o in award_words for a in f.state.awards if a.start <= o.i < a.end}
    if not cats and len(named) > 1:  # "won the Golden Globe and Oscar for Boys Don't Cry"
        for name in sorted(named):
            f.emit("award_received", subs, name, [None], tok, works=works, conf=0.7)
        return
    f.emit("award_received", subs, award, cats or [None], tok, works=works, count=count,
           conf=0.85 if cats else 0.7)


def _cast_from_role(f: Finder, tok: Token, subs: list[Mention], works: list[Mention]) -> None:
    """ "won best actor for his role in X" also says X stars the winner."""
    if not works:
        return
    words = {t.lower_ for t in tok.subtree}
    if not words & {"role", "performance", "turn", "portrayal", "lead"}:
        return
    for s in subs:
        if s.type == "person":
            f.ctx.add_fact(works[0], "cast_member", s, tok, confidence=0.7)


def _nomination_noun(f: Finder, tok: Token) -> None:
    ctx, doc = f.ctx, f.ctx.doc
    if tok.dep_ == "conj" or any(c.dep_ == "neg" for c in tok.children):
        return
    head = tok.head
    count = next((number(c) for c in tok.children if c.dep_ == "nummod" and number(c)), None)
    if count is None:  # "leads the Bafta nominations with 11 nods"
        count = next((number(y) for c in tok.children if c.dep_ == "prep" and c.lower_ == "with"
                      for x in c.children if x.dep_ == "pobj" and x.lower_ in NOMINATION_NOUNS
                      for y in x.children if y.dep_ == "nummod" and number(y)), None)
    if count is None and tok.i > 0 and number(doc[tok.i - 1]) and doc[tok.i - 1].lower_ not in (
            "a", "an"):
        count = number(doc[tok.i - 1])
    cats = f.cats_in(tok.left_edge.i, tok.right_edge.i + 1)
    # "lead actress nominations", "best actor nomination"
    if not cats:
        mods = [c for c in tok.children if c.dep_ in ("compound", "amod")
                and c.lower_ in CATEGORY_HEADS | {"lead", "supporting", "leading"}]
        if mods:
            s = min(m.left_edge.i for m in mods)
            cats = [Category(s, tok.i, "best " + _cat_text(doc, s, tok.i))]
    award = f.award_for(tok, tok.left_edge.i, tok.right_edge.i + 1)
    subs: list[Mention] = []
    prior: list[Mention] = []
    verb = head
    if head.dep_ == "prt":
        verb = head.head
    if tok.dep_ in ("dobj", "attr", "nsubj") or head.dep_ == "prt":
        if filtered(verb):
            return
        dative = _children(verb, ("dative",))
        subs = subjects_of(ctx, verb)
        if dative:
            prior, subs = subs, mentions_of(ctx, dative[0])
        if verb.lemma_.lower() == "lead" and count is None:  # "leads the nominations with 13"
            for c in verb.children:
                if c.dep_ == "prep" and c.lower_ == "with":
                    n = next((number(x) for x in c.children if x.dep_ == "pobj" and number(x)),
                             None) or next((number(y) for x in c.children if x.dep_ == "pobj"
                                            for y in x.children if y.dep_ == "nummod"
                                            and number(y)), None)
                    count = n or count
    elif tok.dep_ == "appos" and mention_of(ctx, head) is not None:
        subs = [full_person(ctx, mention_of(ctx, head))]
        w = [m for m in ctx.mentions_in(sent_of(tok).start, tok.i) if m.type in WORK_TYPES]
        prior = w[-1:]
    elif tok.dep_ == "pobj" and head.lower_ in ("despite", "with", "after", "including", "on"):
        verb = head.head
        if filtered(verb):
            return
        subs = subjects_of(ctx, verb) if verb.pos_ in ("VERB", "AUX") else mentions_of(
            ctx, verb)
        if not subs and verb.pos_ == "AUX":
            subs = [m for a in _children(verb, ("attr",)) for m in mentions_of(ctx, a)]
    else:
        return
    works, people = for_phrase(ctx, [tok, *([verb] if verb is not tok else [])],
                               {s.name for s in subs})
    if people and subs and all(s.type in WORK_TYPES for s in subs):
        works, subs = subs, people  # "The Aviator scored a nomination for Martin Scorsese"
    if prior and not works:
        works = [p for p in prior if p.type in WORK_TYPES]
    if prior and not works:  # "that 2023 film ... earned her a nomination"
        w = [m for m in ctx.mentions if m.end <= tok.i and m.type in WORK_TYPES]
        works = w[-1:] if w else []
    if not subs:
        return
    if any(t.lower_ == RESPECTIVELY for t in sent_of(tok)) and len(works) == len(subs):
        for s, w in zip(subs, works, strict=True):
            f.emit("nominated_for", [s], award, cats or [None], tok, works=[w], conf=0.8)
        return
    including = any(t.lower_ in ("including", "among") for t in doc[tok.i:tok.right_edge.i + 1])
    if cats and including and count is not None and count > 1:
        # "13 nominations, including best picture": the count and one of its categories
        f.emit("nominated_for", subs, award, cats, tok, works=works, conf=0.8)
        f.emit("nominated_for", subs, award, [None], tok, count=count, conf=0.8)
    elif cats:
        f.emit("nominated_for", subs, award, cats, tok, works=works, count=count, conf=0.8)
    elif count is not None:
        f.emit("nominated_for", subs, award, [None], tok, count=count, conf=0.8)
    else:
        f.emit("nominated_for", subs, award, [None], tok, works=works, conf=0.65)


def _nominee_noun(f: Finder, tok: Token) -> None:
    """ "X is among this year's best actress contenders for her role in Y"."""
    ctx = f.ctx
    if filtered(tok):
        return
    cats = f.cats_in(tok.left_edge.i, tok.right_edge.i + 1)
    head = tok.head
    if head.lower_ == "among" and head.head.lemma_ == "be":
        subs = subjects_of(ctx, head.head)
    elif tok.dep_ == "attr":
        subs = subjects_of(ctx, tok.head)
    else:
        return
    if not cats and head.lower_ == "among":  # "A and B are among the nominees for best actor"
        cats = f.cats_under([c for c in head.head.children if c.dep_ == "prep"
                             and c.lower_ == "for"])
    if not cats:
        return
    works, _ = for_phrase(ctx, [tok], {s.name for s in subs})
    f.emit("nominated_for", subs, f.award_for(tok), cats, tok, works=works, conf=0.75)


def _winner_noun(f: Finder, tok: Token) -> None:
    """ "A and B were both winners at the X Awards"."""
    if filtered(tok):
        return
    subs = subjects_of(f.ctx, tok.head) if tok.dep_ == "attr" else mentions_of(f.ctx, tok.head)
    cats = f.cats_in(tok.left_edge.i, tok.right_edge.i + 1)
    if tok.dep_ == "appos" and not cats:
        return  # "X, the Venice winner," names no category of this ceremony
    works, _ = for_phrase(f.ctx, [tok], {s.name for s in subs})
    f.emit("award_received", subs, f.award_for(tok), cats[:1] or [None], tok, works=works,
           conf=0.7)


def _running(f: Finder, tok: Token) -> None:
    """ "Joining A and B in the running for best film are C, D and E"."""
    ctx = f.ctx
    if filtered(tok):
        return
    sent = sent_of(tok)
    fors = [c for c in tok.children if c.dep_ == "prep" and c.lower_ == "for"]
    cats = f.cats_under(fors)
    if not cats and not any(t.lower_ in AWARD_NOUNS for f_ in fors for t in f_.subtree):
        return
    cat_toks = {i for c in cats for i in range(c.start, c.end)}
    works = [m for m in ctx.mentions_in(sent.start, sent.end) if m.type in WORK_TYPES
             and m.start not in cat_toks]
    f.emit("nominated_for", works, f.award_for(tok), cats or [None], tok, conf=0.7)


def _up_for(f: Finder, tok: Token) -> None:
    ctx, doc = f.ctx, f.ctx.doc
    prep = doc[tok.i + 1]
    verb = tok.head
    subs = subjects_of(ctx, verb) if verb.pos_ in ("VERB", "AUX") else []
    if not subs:
        return
    objs = _children(prep, ("pobj",)) or [t for t in prep.subtree if t is not prep][:1]
    lo, hi = prep.i, prep.right_edge.i + 1
    cats = f.cats_in(lo, hi)
    award = f.award_for(prep, lo, hi)
    count = None
    for o in objs:
        n = next((number(c) for c in o.children if c.dep_ == "nummod" and number(c)), None)
        count = n or count
    works, _ = for_phrase(ctx, [*objs, verb], {s.name for s in subs})
    f.emit("nominated_for", subs, award, cats or [None], tok, works=works, count=count,
           conf=0.8)


def _up_against(f: Finder, tok: Token) -> None:
    """ "X is up against A, B and C in the best supporting actress category"."""
    ctx = f.ctx
    sent = sent_of(tok)
    cats = [c for c in f.cats_in(tok.i, sent.end)]
    if not cats:
        return
    verb = tok.head
    subs = subjects_of(ctx, verb) if verb.pos_ in ("VERB", "AUX") else []
    rivals = [m for m in ctx.mentions_in(tok.i + 2, cats[0].start) if _ok_subject(m)]
    people = [m for m in rivals if m.type == "person"]
    if subs and subs[0].type == "person":
        rivals = people
    f.emit("nominated_for", [*subs, *rivals], f.award_for(tok), cats[:1], tok, conf=0.7)


def _beat(f: Finder, tok: Token, lemma: str) -> None:
    """ "W beat L to the best director award", "L was beaten to X by W", "L lost out on X to W"."""
    ctx, doc = f.ctx, f.ctx.doc
    if filtered(tok):
        return
    award = f.award_for(tok)
    if lemma == "beat" and tok.tag_ != "VBN":
        winners = subjects_of(ctx, tok)
        sent_end = sent_of(tok).end
        to = next((t for t in doc[tok.i + 1:sent_end] if t.lower_ == "to"), None)
        if to is None:
            return
        cats = [c for c in f.cats_in(to.i + 1, min(sent_end, to.i + 4))]
        if not cats:
            return
        between = [m for m in ctx.mentions_in(tok.i + 1, to.i) if _ok_subject(m)]
        losers = [m for m in between if m.type == "person"] or between
        works, _ = for_phrase(ctx, [tok], set())
        f.emit("award_received", winners, award, cats, tok, works=works, conf=0.8)
        f.emit("nominated_for", losers, award, cats, tok, conf=0.75)
        return
    losers = subjects_of(ctx, tok)
    if lemma == "lose" and not any(c.lower_ == "out" for c in tok.children):
        return
    cat = None
    for t in doc[tok.i + 1:tok.right_edge.i + 1]:  # "to X by W and to Y by V", in order
        c = f.state.categories.get(t.i)
        if c is not None:
            cat = c
            f.emit("nominated_for", losers, award, [cat], tok, conf=0.75)
        if t.lower_ in ("by", "to") and cat is not None and t.i + 1 < len(doc):
            m = mention_of(ctx, doc[t.i + 1]) or ctx.mention_at(t.i + 1)
            if _ok_subject(m) and m.name not in {x.name for x in losers}:
                works, _ = for_phrase(ctx, [t], set())
                f.emit("award_received", [m], award, [cat], tok, works=works, conf=0.75)


def _people_or_works(ctx: DocContext, tok: Token) -> list[Mention]:
    ms = [m for m in ctx.mentions_in(tok.left_edge.i, tok.right_edge.i + 1)
          if _ok_subject(m)]
    people = [m for m in ms if m.type == "person"]
    return people or ms


def _paren_list(ctx: DocContext, start: int, end: int) -> list[tuple[Mention, Mention | None]]:
    """ "A (Film1), B (Film2) and C's star D": people with the work in brackets."""
    doc = ctx.doc
    out: list[tuple[Mention, Mention | None]] = []
    for m in ctx.mentions_in(start, end):
        if m.type != "person":
            continue
        work = None
        if m.end + 1 < end and doc[m.end].text == "(":
            w = ctx.mention_at(m.end + 1)
            if w is not None and w.type != "person" or w is not None and w.source == "ner":
                work = w
        elif m.start >= 3 and doc[m.start - 1].lower_ in ("star", "actor", "actress") and \
                doc[m.start - 2].text in ("'s", "’s", "'"):
            w = ctx.mention_at(m.start - 3)
            if w is not None and w.type in WORK_TYPES:
                work = w
        out.append((m, work))
    return out


def _competition(f: Finder, tok: Token, lemma: str) -> None:
    """ "X faces competition from A (F1), B (F2)", "A and B challenge them to the award"."""
    ctx = f.ctx
    if filtered(tok):
        return
    here = f.cats_in(sent_of(tok).start, sent_of(tok).end)
    cat = here[0] if here else f.state.last_category
    if cat is None:
        return
    award = f.award_for(tok)
    if lemma == "face":
        if not any(c.lower_ in ("competition", "rivals", "challenge") for c in tok.subtree):
            return
        rivals = _paren_list(ctx, tok.i + 1, sent_of(tok).end)
    else:
        subs = subjects_of(ctx, tok)
        rivals = [(s, None) for s in subs if s.type == "person"]
        if not any(t.lower_ in AWARD_NOUNS for t in tok.subtree):
            return
    for person, work in rivals:
        f.emit("nominated_for", [person], award, [cat], tok, works=[work] if work else [],
               conf=0.7)


def _include(f: Finder, tok: Token) -> None:
    """ "Fellow nominees include A (F1), B (F2) ..."."""
    ctx = f.ctx
    nsubj = next(c for c in tok.children if c.dep_ == "nsubj")
    cats = f.cats_under([nsubj]) or ([f.state.last_category] if f.state.last_category else [])
    if not cats:
        return
    award = f.award_for(tok)
    for person, work in _paren_list(ctx, tok.i + 1, sent_of(tok).end):
        f.emit("nominated_for", [person], award, cats, tok, works=[work] if work else [],
               conf=0.7)


def _passed_over(f: Finder, tok: Token, seen_cat: Category | None) -> None:
    """ "L was passed over in favour of W for F" (in "the debut category")."""
    ctx, doc = f.ctx, f.ctx.doc
    cat = seen_cat or f.state.last_category
    if cat is None:
        return
    for t in doc[tok.i + 1:sent_of(tok).end]:
        if t.lower_ == "of" and doc[t.i - 1].lower_ in ("favour", "favor"):
            m = mention_of(ctx, doc[t.i + 1]) if t.i + 1 < len(doc) else None
            if m is not None and m.type == "person":
                works, _ = for_phrase(ctx, [doc[t.i + 1], t], {m.name})
                f.emit("award_received", [m], f.award_for(tok), [cat], tok, works=works,
                       conf=0.7)
                losers = subjects_of(ctx, tok)
                f.emit("nominated_for", losers, f.award_for(tok), [cat], tok, conf=0.55)
            return


def _lists(f: Finder) -> None:
    """ "The nominees for best film are:" + one title per line; "Best actress: A (F1), B (F2)"."""
    ctx, doc = f.ctx, f.ctx.doc
    text = doc_text(doc)
    toks = tokens(ctx)
    for k in token_hashes(doc).find((":",), attrs=("lower",)):
        colon = toks[k]
        if not text[colon.idx + 1:colon.idx + 4].lstrip(" ").startswith(
                "\n"):
            continue
        head = doc[sent_of(colon).start:colon.i + 1]
        if not any(t.lower_ in ("nominees", "nominated", "contenders", "shortlist",
                                "shortlisted", "nominations") for t in head):
            continue
        cats = f.cats_in(head.start, head.end)
        if not cats:
            continue
        award = f.award_for(head[0], head.start, head.end)
        pos = colon.idx + 1
        for line in text[pos:].split("\n")[1:30]:
            start = text.index(line, pos) if line else pos
            pos = start + len(line)
            if not line.startswith(("- ", "* ", "• ")):
                if line.strip():
                    break
                continue
            item = line[2:].strip()
            start += 2
            span = doc.char_span(start, start + len(item), alignment_mode="expand")
            if span is None or not item[:1].isupper():
                continue
            m = next((m for m in ctx.mentions_in(span.start, span.end)
                      if m.start == span.start and m.end == span.end and _ok_subject(m)), None)
            if m is not None:
                f.emit("nominated_for", [m], award, cats[:1], span, conf=0.75)
                continue
            name = re.sub(r"\s*\(.*\)$", "", item)
            if len(name.split()) <= 8:
                ctx.add_fact(name, "nominated_for", award, span, qualifiers={
                    "category": cats[0].text}, confidence=0.7, subject_type="film",
                    object_type="award")
    for sent in sentences(ctx):  # "Best actress: A (F1), B (F2)"
        first = sent[0]
        if first.i in f.state.categories and first.lower_ == "best":
            cat = f.state.categories[first.i]
            if cat.end < sent.end and doc[cat.end].text == ":":
                award = f.award_for(first, sent.start, sent.end)
                for person, work in _paren_list(ctx, cat.end + 1, sent.end):
                    f.emit("nominated_for", [person], award, [cat], sent,
                           works=[work] if work else [], conf=0.7)
