"""Works: `genre`, `based_on`, `author`, `narrative_location`.

Genre (lower-case text) comes from the noun phrase a title stands in:
before it ("the stalker drama Enduring Love", "zombie comedy Shaun of the
Dead", "the Nordic noir series Cold Harbour"), after it as an apposition
("Aftersun, last year's intense drama about ...", "Vera Drake - Leigh's
1950s drama"), as a copula ("X is a romantic drama film"), or as a definite
description that refers back to the last title ("The sci-fi thriller
carries ...", "directed the chiller"). Evaluative and temporal words
("upcoming", "intense", "controversial", "last year's", "1950s") are left
out; a bare "film" or "series" is no genre.

Source works: "an adaptation of X's 2022 novel Y" / "the novel by X" / "based
on" / "directed from X's novel Y" -> based_on(film, Y), author(Y, X) and the
novel's year as its release_date; "Brown's book Angels and Demons" and "a
book by X" -> author. When the novel has no title of its own it shares the
film's.

Narrative location: "set in 1950s Sicily", "the story's 1911 Maine setting",
"moves the action to Helsinki", "takes place in Paris".
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from newsreel.extract.context import WORK_TYPES, DocContext, Mention, doc_ents, token_hashes
from newsreel.extract.relations.awards import sent_of, tokens
from newsreel.extract.relations.common import main_work

GENRE_HEADS = {
    "drama", "comedy", "thriller", "documentary", "biopic", "bio-pic", "western", "horror",
    "musical", "romance", "fantasy", "chiller", "noir", "satire", "mockumentary", "sci-fi",
    "animation", "cartoon", "weepie", "romcom", "rom-com", "melodrama", "farce", "whodunit",
    "mystery", "adventure", "caper", "slasher", "spoof", "parody", "docudrama", "docuseries",
    "sitcom", "biography", "dramedy", "procedural", "actioner", "epic", "sequel", "prequel",
    "remake", "reboot", "fable", "tragedy", "tragicomedy", "miniseries", "anime", "romp",
    "heist", "spy", "crime", "fiction",
}
# heads that need a genre word before them: "animated film", "crime drama series"
PLAIN_HEADS = {"film", "films", "movie", "movies", "feature", "series", "show", "picture",
               "flick", "sequel", "prequel", "remake", "reboot", "epic", "serial", "drama"}
GENRE_MODIFIERS = {
    "romantic", "psychological", "historical", "political", "supernatural", "animated",
    "legal", "medical", "teen", "satirical", "dark", "black", "erotic", "comic", "dramatic",
    "action", "sci-fi", "science-fiction", "fantasy", "biographical", "gothic", "crime",
    "spy", "war", "wartime", "period", "family", "coming-of-age", "dystopian", "apocalyptic",
    "post-apocalyptic", "surreal", "martial", "musical", "horror", "nordic", "scandi",
    "science", "fiction", "courtroom", "disaster", "monster", "zombie", "vampire", "heist",
    "prison", "sports", "road", "buddy", "stoner", "slasher", "revenge", "detective",
    "police", "gangster", "mob", "noir", "silent", "experimental", "independent",
    "coastal", "epic", "adventure", "mystery", "thriller", "comedy", "drama", "documentary",
    "western", "romance", "animation", "superhero", "space", "techno", "cold",
}
NOT_GENRE = {"new", "upcoming", "forthcoming", "recent", "latest", "intense", "acclaimed",
             "controversial", "quirky", "hit", "low-budget", "big-budget", "award-winning",
             "oscar-winning", "critically", "last", "next", "first", "second", "third",
             "final", "original", "classic", "cult", "british", "american", "spanish", "french",
             "low", "budget", "big", "small", "major", "debut", "breakout", "surprise",
             "smash", "blockbuster", "star", "all-star", "short", "feature", "tv", "hollywood",
             "independent", "indie", "art-house", "arthouse", "foreign", "language", "real",
             "life", "real-life", "true", "true-life", "modern", "contemporary", "gritty"}
ADJ_COMPOUNDS = {("high", "school"), ("real", "estate"), ("social", "media"),
                 ("natural", "history"), ("middle", "school"), ("urban", "fantasy")}
SOURCE_NOUNS = {"novel", "book", "play", "memoir", "bestseller", "best-seller", "novella",
                "comic", "story", "stories", "biography", "autobiography", "musical", "series"}
ADAPT_WORDS = {"adaptation", "version", "adapted", "based", "basis", "from", "adapting",
               "adapts", "adapt"}
SETTING_VERBS = {"set", "located", "unfold", "unfolds", "unfolding"}


def extract(ctx: DocContext) -> None:
    _genres(ctx)
    _prune_genres(ctx)
    _sources(ctx)
    _locations(ctx)


def _prune_genres(ctx: DocContext) -> None:
    """ "psychological thriller" and, later, "the thriller": one genre, the fuller one;
    a title named with its genre keeps that one over later descriptions ("the chiller")."""
    by_work: dict[str, list[str]] = {}
    named: set[str] = set()
    for f in ctx.facts:
        if f.relation == "genre":
            by_work.setdefault(f.subject, []).append(f.object)
            if f.confidence >= 0.75:
                named.add(f.subject)
    drop = {(w, g) for w, gs in by_work.items() for g in gs
            if any(o != g and (o.endswith(" " + g) or o.endswith("-" + g) or
                               o.startswith(g + "-")) for o in gs)}
    drop |= {(f.subject, f.object) for f in ctx.facts if f.relation == "genre"
             and f.subject in named and f.confidence < 0.7}
    described: set[str] = set()
    for f in ctx.facts:  # descriptions only: the first ("the horror film's ... the chiller")
        if f.relation == "genre" and f.subject not in named and (f.subject, f.object) not in drop:
            if f.subject in described:
                drop.add((f.subject, f.object))
            described.add(f.subject)
    if drop:
        keep = [f for f in ctx.facts if f.relation != "genre" or (f.subject, f.object) not in drop]
        ctx.facts[:] = keep
        ctx._fact_keys.clear()
        from newsreel.extract.relations.awards import _key
        for k, f in enumerate(ctx.facts):
            ctx._fact_keys[_key(f)] = k


# -- genre --------------------------------------------------------------------------

def _genre_phrase(ctx: DocContext, head: Token, lo: int) -> str | None:
    """The genre words of the noun phrase ending at `head` (tokens >= lo only)."""
    doc = ctx.doc
    words: list[Token] = []
    j = head.i
    while j >= lo:
        t = doc[j]
        low = t.lower_
        if j == head.i:
            words.append(t)
            j -= 1
            continue
        if low == "-" and words and j > lo and not doc[j - 1].is_punct:
            words.append(t)
            j -= 1
            continue
        if words and words[-1].text == "-" and t.is_alpha and low not in NOT_GENRE:
            words.append(t)  # "rites-of-passage", "coming-of-age"
            j -= 1
            continue
        if low in GENRE_MODIFIERS and t.pos_ != "PROPN" or low in GENRE_HEADS:
            words.append(t)
            j -= 1
            continue
        if low in NOT_GENRE or t.like_num or t.ent_type_ in ("DATE", "CARDINAL", "ORDINAL") \
                or t.is_punct or t.pos_ in ("DET", "PRON", "PART", "ADP", "CCONJ", "VERB",
                                            "AUX", "ADV", "NUM"):
            if low == "-" or t.tag_ == "VBG" and t.dep_ in ("amod", "compound") and words \
                    and words[-1].text == "-":
                words.append(t)  # "wine-tasting", "road-trip"
                j -= 1
                continue
            if t.tag_ == "VBG" and t.dep_ in ("amod", "compound") and low not in NOT_GENRE:
                words.append(t)  # "climbing documentary"
                j -= 1
                continue
            break
        if t.pos_ == "PROPN" and low not in GENRE_MODIFIERS and not (
                words and words[-1].text == "-"):
            if low in ("war",) or t.text in ("Cold", "War"):
                words.append(t)
                j -= 1
                continue
            break
        if t.pos_ == "ADJ" and low not in GENRE_MODIFIERS and not (
                words and words[-1].text == "-") and not (
                words[-1].i != head.i and words[-1].pos_ == "NOUN" and (
                    t.head.i == words[-1].i or (low, words[-1].lower_) in ADJ_COMPOUNDS)):
            break  # "quirky comedy" -> "comedy", but "high school comedy" stays whole
        if ctx.mention_at(j) is not None and ctx.mention_at(j).type != "person" and \
                ctx.mention_at(j).source != "ner":
            break
        if ctx.mention_at(j) is not None and ctx.mention_at(j).type == "person":
            break
        words.append(t)
        j -= 1
    words.reverse()
    # "award-winning abortion drama": a hyphenated evaluative word ends the phrase
    for k in range(len(words) - 1, -1, -1):
        if words[k].lower_ in NOT_GENRE | {"winning", "award", "nominated", "budget", "year",
                                           "old", "time", "acclaimed", "starring"}:
            words = words[k + 1:]
            break
    while words and words[0].text == "-":
        words = words[1:]
    if not words:
        return None
    toks = [w.lower_ for w in words]
    # "romantic drama film" -> "romantic drama"; "animated film" -> "animated"
    stripped = False
    while len(toks) > 1 and toks[-1] in PLAIN_HEADS - {"drama", "epic"} and (
            toks[-2] in GENRE_HEADS | GENRE_MODIFIERS or toks[-2] == "-" or len(toks) > 2):
        if toks[-1] in ("sequel", "prequel", "remake", "reboot") and toks[-2] in GENRE_MODIFIERS:
            break
        toks = toks[:-1]
        stripped = True
    if toks[-1] in PLAIN_HEADS - {"drama", "epic", "sequel", "prequel", "remake", "reboot"}:
        return None
    if toks[-1] not in GENRE_HEADS and not any(t in GENRE_HEADS for t in toks) and not (
            stripped and all(t in GENRE_MODIFIERS or t == "-" for t in toks)):
        return None  # ("animated feature" -> "animated", "science fiction film" pass)
    if len(toks) == 1 and toks[0] in ("sequel", "prequel", "remake", "reboot", "epic",
                                      "spy", "crime", "heist", "biography"):
        return None
    text = " ".join(toks).replace(" - ", "-").replace(" -", "-").replace("- ", "-")
    return text


def _add_genre(ctx: DocContext, work: Mention | None, genre: str | None, where,
               conf: float, loose: bool = False) -> None:
    if work is None or not genre:
        return
    if work.type not in WORK_TYPES and not (loose and work.source == "ner" and work.type in (
            "organization", "person")):
        return
    ctx.add_fact(work, "genre", genre, where, confidence=conf, object_type="text")


def _genres(ctx: DocContext) -> None:
    doc = ctx.doc
    works = [m for m in ctx.mentions if m.type in WORK_TYPES or m.source == "ner"
             and m.type in ("organization", "person")]
    for m in works:
        # before the title: "the stalker drama Enduring Love", "the western Gravel Saints"
        if m.start > 0:
            head = doc[m.start - 1]
            if head.lower_ in GENRE_HEADS | PLAIN_HEADS:
                lo = max(sent_of(head).start, m.start - 8)
                _add_genre(ctx, m, _genre_phrase(ctx, head, lo), head, 0.8, loose=True)
        if m.type not in WORK_TYPES:
            continue
        # after it: "Aftersun, last year's intense drama about ...", "X - Leigh's drama"
        j = m.end
        if j < len(doc) and doc[j].text in (",", "-", "–", "—", "("):
            k = j + 1
            limit = min(len(doc), k + 8, sent_of(doc[j]).end)
            while k < limit and doc[k].lower_ not in GENRE_HEADS | PLAIN_HEADS:
                if doc[k].text in (",", ".", ";", ")") or doc[k].pos_ == "AUX" or (
                        doc[k].pos_ == "VERB" and doc[k].dep_ not in ("amod", "compound")):
                    k = limit
                    break
                k += 1
            if k < limit:
                head = doc[k]
                nxt = doc[k + 1] if k + 1 < len(doc) else None
                if nxt is not None and nxt.lower_ in GENRE_HEADS | PLAIN_HEADS:
                    head = nxt
                while head.i + 2 < len(doc) and doc[head.i + 1].text == "-" and doc[
                        head.i + 2].lower_ in GENRE_HEADS | PLAIN_HEADS:
                    head = doc[head.i + 2]  # "the comedy-drama from ..."
                if ctx.mention_at(head.i + 1) is None or head.i + 1 >= len(doc):
                    _add_genre(ctx, m, _genre_phrase(ctx, head, j + 1), head, 0.75)
    heads = GENRE_HEADS | PLAIN_HEADS
    for tok in _matching(ctx, heads):
        if tok.pos_ != "NOUN":
            continue
        # "X is a romantic drama film"
        if tok.dep_ == "attr" and tok.head.lemma_ == "be":
            subj = next((c for c in tok.head.children if c.dep_ == "nsubj"), None)
            if subj is not None:
                m = ctx.mention_at(subj.i)
                if m is not None and m.type in WORK_TYPES:
                    _add_genre(ctx, m, _genre_phrase(ctx, tok, tok.left_edge.i), tok, 0.8)
                    continue
        # "The sci-fi thriller carries ...": a definite description of the last title
        if tok.dep_ == "compound" and tok.head.lower_ not in PLAIN_HEADS | GENRE_HEADS:
            continue  # "the drama teacher"
        if any(t.lower_ in ("best", "outstanding") for t in doc[max(0, tok.i - 4):tok.i]):
            continue  # an award category: "best documentary went to X"
        det = [c for c in tok.children if c.dep_ == "det"]
        poss = [c for c in tok.children if c.dep_ == "poss"]
        nxt = ctx.mention_at(tok.i + 1)
        if nxt is not None and nxt.type in WORK_TYPES:
            continue
        if tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ in GENRE_HEADS | PLAIN_HEADS:
            continue
        if not (det and det[0].lower_ == "the") and not (tok.i > 0 and doc[tok.i - 1].lower_ in (
                "the",)):
            if not (poss or tok.i + 1 < len(doc) and doc[tok.i + 1].text in ("'s", "’s")):
                continue
        if poss and ctx.mention_at(poss[0].i) is not None:
            continue  # "Leigh's drama" names the maker, not an earlier title
        if any(c.dep_ == "prep" and c.lower_ == "of" for c in tok.children):
            continue
        if tok.i + 1 < len(doc) and doc[tok.i + 1].pos_ == "PROPN" and doc[
                tok.i + 1].text[:1].isupper():
            continue  # "the theatre farce Being Julia": a title the mentions missed
        genre = _genre_phrase(ctx, tok, max(sent_of(tok).start, tok.left_edge.i))
        if genre is None or genre in ("sequel",):
            continue
        prev = _last_work(ctx, tok)
        _add_genre(ctx, prev, genre, tok, 0.6)


def _last_work(ctx: DocContext, tok: Token, prefer_main: bool = True) -> Mention | None:
    """What "the thriller" refers to: a title that was a subject in this or the previous
    sentence, else the article's main title when it was named lately, else the last title."""
    doc = ctx.doc
    sent = sent_of(tok)
    start = sent.start
    if start > 0:
        start = sent_of(doc[start - 1]).start
    wider = sent_of(doc[start - 1]).start if start > 0 else start
    best = None
    subject = None
    recent_names = set()
    for m in ctx.mentions:
        if m.start >= tok.i:
            break
        if m.start >= wider and m.type in ("film", "tv_series"):
            recent_names.add(m.name)
        if m.start >= start and m.type in ("film", "tv_series"):
            best = m
            if any(t.dep_ in ("nsubj", "nsubjpass") for t in doc[m.start:m.end]):
                subject = m
    main = main_work(ctx)
    main = main if main is not None and main.type in ("film", "tv_series") else None
    if not prefer_main:
        return best or main
    if subject is not None:
        return subject
    if main is not None and (best is None or prefer_main and main.name in recent_names):
        return main
    return best


# -- based_on / author -----------------------------------------------------------------

def _person_before(ctx: DocContext, i: int, lo: int) -> Mention | None:
    """The possessor of the noun at i: "Ottilie Brandvold's 2022 novel"."""
    doc = ctx.doc
    for j in range(i - 1, max(lo, i - 6) - 1, -1):
        if doc[j].text in ("'s", "’s", "'", "’") and j > 0:
            m = ctx.mention_at(j - 1)
            if m is not None and m.type == "person":
                return _full(ctx, m)
            if doc[j - 1].ent_type_ == "PERSON":  # a name the mention layer missed
                ent = next((e for e in doc_ents(doc) if e.start <= j - 1 < e.end), None)
                if ent is not None and len(ent) >= 2:
                    end = ent.end
                    while end > ent.start and doc[end - 1].text in ("'s", "’s", "'", "’"):
                        end -= 1
                    return Mention(ent.start, end, "person", doc[ent.start:end].text, "ner")
            return None
        if doc[j].is_punct and doc[j].text != "-":
            return None
    return None


def _full(ctx: DocContext, m: Mention) -> Mention:
    if " " in m.name:
        return m
    for o in ctx.mentions:
        if o.type == "person" and o.name.endswith(" " + m.name):
            return Mention(m.start, m.end, "person", o.name, m.source)
    return m


def _person_by(ctx: DocContext, tok: Token) -> Mention | None:
    """ "the novel by Dan Brown", "a book by Curtis's widow Deborah"."""
    for c in tok.children:
        if c.dep_ in ("prep", "agent") and c.lower_ == "by":
            ms = [m for m in ctx.mentions_in(c.i + 1, c.right_edge.i + 1)
                  if m.type == "person"]
            if ms:
                # "Curtis's widow Deborah": the last name in the phrase is the author
                m = ms[-1]
                if len(ms) > 1 and " " not in m.name and " " in ms[0].name:
                    surname = ms[0].name.split()[-1]
                    return Mention(m.start, m.end, "person", f"{m.name} {surname}", m.source)
                return _full(ctx, m)
    return None


def _title_of(ctx: DocContext, tok: Token) -> Mention | None:
    """The title a source noun names: "novel The Lamplighters of Orrin Bay" or
    "The Lamplighters of Orrin Bay, Ottilie Brandvold's 2022 novel"."""
    doc = ctx.doc
    nxt = ctx.mention_at(tok.i + 1)
    if nxt is not None and nxt.type != "person" and nxt.type in WORK_TYPES + ("organization",):
        return nxt
    j = tok.left_edge.i - 1
    if j > 0 and doc[j].lower_ in ("after", "from", "on"):  # "X, after a book by Y"
        j -= 1
    if j > 0 and doc[j].text == ",":  # the title right before the comma, whatever the parse
        m = ctx.mention_at(j - 1)
        if m is not None and m.type in WORK_TYPES:
            return m
        if doc[j - 1].pos_ == "PROPN" and doc[j - 1].text[:1].isupper():
            return None  # a title the mentions missed: not the film further back
    if tok.dep_ == "appos":
        m = ctx.mention_at(tok.head.i)
        if m is not None and m.type in WORK_TYPES:
            return m
    return None


def _adapting_film(ctx: DocContext, tok: Token) -> Mention | None:
    """The film an adaptation phrase belongs to."""
    doc = ctx.doc
    t = tok
    for _ in range(6):
        low = t.lower_
        if low in ("adaptation", "version", "basis"):
            if t.dep_ == "appos" or t.dep_ in ("attr",):
                head = t.head if t.dep_ == "appos" else next(
                    (c for c in t.head.children if c.dep_ == "nsubj"), None)
                if head is not None:
                    m = ctx.mention_at(head.i)
                    if m is not None and m.type in ("film", "tv_series"):
                        return m
            j = t.left_edge.i - 1
            while j > sent_of(t).start and doc[j].text in (",", "-", "–"):
                j -= 1
            m = ctx.mention_at(j)
            if m is not None and m.type in ("film", "tv_series"):
                return m
            break
        if low in ("based", "adapted", "directed", "made") and t.pos_ == "VERB":
            if t.dep_ == "advcl":  # "Based on the novel by X, A Little Princess tells ..."
                subj = next((c for c in t.head.children if c.dep_ in ("nsubj", "nsubjpass")),
                            None)
                m = ctx.mention_at(subj.i) if subj is not None else None
                if m is not None and m.type in ("film", "tv_series"):
                    return m
            subj = next((c for c in t.children if c.dep_ in ("nsubjpass", "nsubj")), None)
            if subj is not None and ctx.mention_at(subj.i) is not None:
                m = ctx.mention_at(subj.i)
                if m.type in ("film", "tv_series"):
                    return m
            if t.dep_ == "relcl" or t.dep_ == "acl":
                m = ctx.mention_at(t.head.i)
                if m is not None and m.type in ("film", "tv_series"):
                    return m
            break
        if t.head is t:
            break
        t = t.head
    if not any(x.lower_ in ("adaptation", "version", "basis", "based") for x in sent_of(tok)):
        return None  # "directed from X's novel": only the sentence's own film will do
    if any(x.lower_ in ("film", "movie") and x.dep_ in ("nsubj", "nsubjpass") and any(
            c.lower_ == "the" for c in x.children) for x in sent_of(tok)):
        recent = _last_work(ctx, tok, prefer_main=False)  # "The film is based on ..."
        if recent is not None:
            return recent
    m = main_work(ctx)
    return m if m is not None and m.type in ("film", "tv_series") else None


def _in_adaptation(tok: Token) -> bool:
    if any(t.lower_ in ("basis", "adapted", "adaptation") for t in tok.subtree):
        return True  # "a book by X which forms the basis for the film"
    t = tok
    for _ in range(4):
        if t.head is t:
            return False
        t = t.head
        if t.lower_ in ADAPT_WORDS or t.lemma_.lower() in ADAPT_WORDS:
            return True
        if t.lower_ == "from" and t.head.lemma_.lower() in ("direct", "adapt", "make",
                                                             "base", "draw"):
            return True
    return False


def _titled(tok: Token) -> bool:
    """A capitalized run next to the noun: its own title, which the mentions missed."""
    doc = tok.doc
    nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    if nxt is not None and nxt.text[:1].isupper() and nxt.pos_ == "PROPN":
        return True
    j = tok.left_edge.i - 1
    return j > 0 and doc[j].text == "," and doc[j - 1].text[:1].isupper() and \
        doc[j - 1].pos_ == "PROPN"


def _author_nouns(ctx: DocContext) -> None:
    """ "Harry Potter author JK Rowling", "Wolf Brother novelist Michelle Paver"."""
    doc = ctx.doc
    for tok in _matching(ctx, {"author", "novelist", "playwright"}):
        if tok.i == 0:
            continue
        work = ctx.mention_at(tok.i - 1)
        person = ctx.mention_at(tok.i + 1) if tok.i + 1 < len(doc) else None
        if work is None or person is None or person.type != "person":
            continue
        if work.type in WORK_TYPES or work.source == "ner" and work.type in (
                "person", "organization") and not any(t.lower_ == "as" for t in doc[
                    work.start:work.end]):
            ctx.add_fact(work.name, "author", person, tok, confidence=0.75,
                         subject_type="work")


def _sources(ctx: DocContext) -> None:
    _author_nouns(ctx)
    doc = ctx.doc
    for tok in _matching(ctx, SOURCE_NOUNS):
        if tok.pos_ not in ("NOUN", "ADJ", "PROPN"):
            continue
        if tok.pos_ != "NOUN" and not (ctx.mention_at(tok.i + 1) is not None or tok.i > 0 and
                                       doc[tok.i - 1].text in ("'s", "’s")):
            continue  # "a novel approach"
        if tok.lower_ in ("story", "stories", "series", "musical", "biography") and not any(
                c.lower_ in ("short", "true") for c in tok.children):
            if tok.lower_ != "series" or True:
                continue
        sent = sent_of(tok)
        author = _person_before(ctx, tok.i, sent.start) or _person_by(ctx, tok)
        title = _title_of(ctx, tok)
        adapting = _in_adaptation(tok)
        film = _adapting_film(ctx, tok) if adapting else None
        if adapting and title is not None and tok.left_edge.i > 0 and doc[
                tok.left_edge.i - 1].lower_ == "after":
            film = title  # "The film is called X, after a book by Y": it keeps the name
        if title is not None and film is not None and title.name == film.name and \
                _title_of(ctx, tok) is not None and tok.dep_ == "appos":
            film = None
        if title is None and film is not None and author is not None and not _titled(tok):
            title = film  # "an adaptation of the best-selling novel by Dan Brown"
        if film is not None and title is not None:
            ctx.add_fact(film, "based_on", title, tok, confidence=0.75, object_type="work")
        if title is not None and author is not None:
            ctx.add_fact(title, "author", author, tok, confidence=0.8, subject_type="work")
            year = next((c for c in tok.children if c.like_num and len(c.text) == 4
                         and c.text.isdigit() and c.text[:2] in ("18", "19", "20")), None)
            if year is None:
                year = next((t for t in doc[max(sent.start, tok.i - 3):tok.i]
                             if t.like_num and len(t.text) == 4 and t.text[:2] in (
                                 "18", "19", "20")), None)
            if year is not None and title is not film:
                ctx.add_fact(title, "release_date", year.text, tok, confidence=0.7,
                             subject_type="work", object_type="date")
    # "X, which forms the basis for the film" / "based on X"
    for tok in _matching(ctx, {"based"}):
        if any(c.lower_ in ("on", "upon") for c in tok.children):
            on = next(c for c in tok.children if c.lower_ in ("on", "upon"))
            src = next((m for m in ctx.mentions_in(on.i + 1, on.right_edge.i + 1)
                        if m.type in WORK_TYPES), None)
            film = _adapting_film(ctx, tok)
            if src is not None and film is not None:
                ctx.add_fact(film, "based_on", src, tok, confidence=0.75, object_type="work")


# -- narrative location ------------------------------------------------------------------

PLACE_LABELS = ("GPE", "LOC", "FAC")


MONTHS = {"January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December", "Monday", "Tuesday", "Wednesday",
          "Thursday", "Friday", "Saturday", "Sunday"}


def _place_in(ctx: DocContext, tok: Token) -> Span | None:
    doc = ctx.doc
    for t in tok.subtree:
        if t.ent_type_ in PLACE_LABELS and t.ent_iob_ == "B":
            ent = next((e for e in doc_ents(doc) if e.start == t.i), None)
            if ent is not None:
                return ent
    # "set in 1950s Sicily": the model often swallows the place into a DATE
    j = tok.i + 1
    while j < len(doc) and j < tok.i + 4 and (doc[j].lower_ in ("the", "a", "an") or
                                               doc[j].like_num or doc[j].text.endswith("0s")):
        j += 1
    k = j
    while k < len(doc) and doc[k].text[:1].isupper() and doc[k].is_alpha and \
            doc[k].text not in MONTHS and k < j + 4:
        k += 1
    if k > j and ctx.mention_at(j) is None or k > j and ctx.mention_at(j).type in (
            "organization", "festival"):
        return doc[j:k]
    return None


def _place_name(ctx: DocContext, ent: Span) -> str:
    from newsreel.extract.gazetteer import country_code
    _ = country_code
    text = ent.text
    if text.lower().startswith("the "):
        text = text[4:]
    return text


LOCATION_WORDS = {"set", "setting", "settings", "takes", "take", "took", "taking", "move",
                  "moves", "moved", "moving", "shift", "shifts", "shifted", "transplant",
                  "transplants", "transplanted", "relocate", "relocates", "relocated"}


def _matching(ctx: DocContext, words: set[str]) -> list[Token]:
    """The tokens whose lower-case form is in `words` (from the shared token cache)."""
    toks = tokens(ctx)
    return [toks[i] for i in token_hashes(ctx.doc).find(words, attrs=("lower",))]


def _locations(ctx: DocContext) -> None:
    doc = ctx.doc
    for tok in _matching(ctx, LOCATION_WORDS):
        low = tok.lower_
        place = None
        if low == "set" and tok.tag_ in ("VBN", "VBD"):
            prep = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ in (
                "in", "on", "against", "during", "around")), None)
            if prep is None:
                continue
            place = _place_in(ctx, prep)
        elif low in ("setting", "settings") and tok.pos_ == "NOUN":
            for c in tok.children:
                if c.dep_ in ("compound", "amod", "nmod") and c.ent_type_ in PLACE_LABELS:
                    place = next((e for e in doc_ents(doc) if e.start <= c.i < e.end), None)
        elif tok.lemma_ in ("move", "shift", "transplant", "relocate") and any(
                c.lower_ == "action" for c in tok.children if c.dep_ == "dobj"):
            prep = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "to"), None)
            place = _place_in(ctx, prep) if prep is not None else None
        elif low in ("takes", "take", "took", "taking") and any(
                c.lower_ == "place" for c in tok.children):
            prep = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "in"), None)
            place = _place_in(ctx, prep) if prep is not None else None
        if place is None:
            continue
        if any(t.lower_ in ("shot", "filmed", "filming", "shooting", "roll", "cameras",
                            "premiere", "premiered", "festival")
               for t in doc[max(sent_of(tok).start, tok.i - 4):tok.i]):
            continue
        work = _setting_work(ctx, tok)
        if low in ("setting", "settings") and any(
                c.dep_ == "poss" and c.lower_ in ("story", "film", "movie", "novel", "series",
                                                  "show", "book")
                for c in tok.children):
            work = main_work(ctx) or work
        if work is not None:
            ctx.add_fact(work, "narrative_location", _place_name(ctx, place), tok,
                         confidence=0.7, object_type="place")


def _setting_work(ctx: DocContext, tok: Token) -> Mention | None:
    t = tok
    for _ in range(4):
        subj = next((c for c in t.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None:
            m = ctx.mention_at(subj.i)
            if m is not None and m.type in WORK_TYPES:
                return m
            break
        if t.dep_ in ("acl", "relcl", "appos"):
            m = ctx.mention_at(t.head.i)
            if m is not None and m.type in WORK_TYPES:
                return m
        if t.head is t:
            break
        t = t.head
    return _last_work(ctx, tok) or main_work(ctx)
