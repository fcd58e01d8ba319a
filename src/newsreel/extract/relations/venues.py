"""Companies, festivals, regions and the work a release sentence is about.

Shared by the release, money and companies families:
- `companies(ctx)`: organization spans: gazetteer names, the model's ORG
  mentions, and title-case runs ending in a company word ("Bleecker Lane
  Films", "Tallow Street Pictures"), with their short forms ("Halyard" after
  "Halyard Pictures") resolved to the full name;
- `festivals(ctx)`: gazetteer festivals plus unknown "X (International)
  Film Festival" runs;
- `regions_in(ctx, tokens)`: ISO codes of places used as release markets
  ("in the U.S.", "UK cinemas", "Italian cinemas", "North American rights");
- `subject_work(ctx, tok)`: the film a trigger is about (its grammatical
  subject or object, the work named in the sentence, a preceding "the film"
  antecedent).
Results are computed once per document and cached on the context."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass

from spacy.attrs import IDX, SENT_START
from spacy.tokens import Span, Token

from newsreel.extract.context import WORK_TYPES, DocContext, Mention, doc_ents, token_hashes
from newsreel.extract.gazetteer import country_code
from newsreel.extract.relations.common import main_work
from newsreel.model import Evidence
from newsreel.names import name_key

COMPANY_WORDS = {"Pictures", "Films", "Film", "Entertainment", "Studios", "Studio",
                 "Releasing", "Productions", "Production", "Animation", "Media",
                 "Distribution", "Features", "Classics", "Television", "Cinema", "Filmproduktion",
                 "Produzioni", "Distribuzione", "Films'", "Pictures'", "Company",
                 "Corporation", "Studios'"}
NAME_LINKS = {"&", "and", "of", "de", "du", "d'", "la", "le", "di", "del"}
FESTIVAL_WORDS = {"Festival", "Fest", "Biennale", "Berlinale"}
ANAPHORS = {"it", "film", "movie", "drama", "picture", "series", "show", "season", "sequel",
            "comedy", "thriller", "feature", "documentary", "project", "adaptation", "title",
            "release", "chiller", "horror", "romance", "prequel", "remake", "epic", "its",
            "which", "that", "they"}
# nouns a market is named with: "UK cinemas", "North American rights"
REGION_HEADS = {"release", "releases", "cinemas", "cinema", "theaters", "theatres", "theater",
                "theatre", "rights", "distribution", "audiences", "audience", "viewers", "market",
                "markets", "rollout", "run", "debut", "premiere", "box", "office", "opening",
                "screens", "distributor", "launch", "bow", "deal", "territory", "territories",
                "takings", "charts", "chart", "gross", "release.", "multiplexes", "venues"}
REGION_PREPS = {"in", "across", "throughout", "to", "for", "into"}
NOT_REGION = {"English", "French", "Spanish", "German", "Italian"}  # languages unless a market


@dataclass
class Named:
    """An organization or festival found in the text (not necessarily a Mention)."""

    start: int
    end: int
    name: str
    strong: bool  # gazetteer or company-word name, not just the model's ORG guess


def _cache(ctx: DocContext) -> dict:
    return ctx.__dict__.setdefault("_venues_cache", {})


def hits(ctx: DocContext, words: frozenset[str] | set[str], exact: bool = False) -> list[int]:
    """Indices of tokens whose lower-case form or lemma (or, with `exact`,
    exact text) is in `words`, looked up in the doc's hash -> positions
    indexes (`token_hashes`), so no Token object is built and no pass over
    the document is made per call."""
    return token_hashes(ctx.doc).find(words, exact)


def sent_of(ctx: DocContext, i: int) -> Span:
    """The sentence of token i (Token.sent walks every sentence of the doc)."""
    cache = _cache(ctx)
    if "sent_starts" not in cache:
        flags = ctx.doc.to_array([SENT_START]).tolist()
        starts = [k for k, f in enumerate(flags) if f == 1 or k == 0]
        cache["sent_starts"] = starts
        cache["sent_spans"] = {}
    starts = cache["sent_starts"]
    k = max(bisect_right(starts, i) - 1, 0)
    spans = cache["sent_spans"]
    if k not in spans:
        end = starts[k + 1] if k + 1 < len(starts) else len(ctx.doc)
        spans[k] = ctx.doc[starts[k]:end]
    return spans[k]


def sent_ev(ctx: DocContext, tok: Token) -> Evidence:
    """Evidence: the sentence of a token, without Token.sent's walk over the doc."""
    sent = sent_of(ctx, tok.i)
    return ctx.evidence(sent.start_char, sent.end_char)


def doc_text(ctx: DocContext) -> str:
    """The body the doc was parsed from (Doc.text rebuilds it from every token)."""
    cache = _cache(ctx)
    if "text" not in cache:
        cache["text"] = ctx.body
    return cache["text"]


def is_question(ctx: DocContext, tok: Token) -> bool:
    cache = _cache(ctx).setdefault("questions", {})
    sent = sent_of(ctx, tok.i)
    if sent.start not in cache:
        text = doc_text(ctx)
        cache[sent.start] = text[sent.start_char:sent.end_char].rstrip().endswith("?")
    return cache[sent.start]


def _is_cap(tok: Token) -> bool:
    return bool(tok.text) and tok.text[0].isupper() and tok.text not in {"'s", "’s"}


def _line_start(ctx: DocContext, i: int) -> int:
    """First token of token i's line: a name never runs across a line break
    (a headline followed by its first paragraph)."""
    cache = _cache(ctx)
    if "line_starts" not in cache:
        text = doc_text(ctx)
        offsets = ctx.doc.to_array([IDX]).tolist()  # token -> character offset
        starts = [0]
        pos = text.find("\n")
        while pos >= 0:
            starts.append(bisect_right(offsets, pos))
            pos = text.find("\n", pos + 1)
        cache["line_starts"] = starts
    starts = cache["line_starts"]
    return starts[max(bisect_right(starts, i) - 1, 0)]


def _company_runs(ctx: DocContext) -> list[Named]:
    doc = ctx.doc
    out: list[Named] = []
    for i in hits(ctx, COMPANY_WORDS, exact=True):
        tok = doc[i]
        j = tok.i
        sstart = max(sent_of(ctx, tok.i).start, _line_start(ctx, tok.i))
        while j - 1 >= sstart and (_is_cap(doc[j - 1]) and doc[j - 1].text not in {
                "The", "A", "An"} and not doc[j - 1].is_sent_start or doc[j - 1].text in {
                "&"} and j - 2 >= 0 and _is_cap(doc[j - 2])):
            m = ctx.mention_at(j - 1)
            if m is not None and m.type in ("outlet", "award", "festival"):
                break
            j -= 1
            if tok.i - j >= 4:
                break
        if j - 1 >= sstart and doc[j - 1].is_sent_start and _is_cap(doc[j - 1]) \
                and doc[j - 1].text not in {"The", "A", "An", "In", "On", "At", "For", "By"}:
            j -= 1
        if j == tok.i:
            continue
        end = tok.i + 1
        while end < len(doc) and doc[end].text in COMPANY_WORDS:
            end += 1  # "Prabhat Film Company", "Sony Pictures Classics"
        if end < len(doc) and doc[end].text in FESTIVAL_WORDS | {"Awards", "Award", "Market"}:
            continue  # "Red Prairie Film Festival" is no company
        if out and out[-1].start == j:
            continue  # the same run, met again at its second company word
        name = doc[j:end].text.rstrip("'’")
        out.append(Named(j, end, name, True))
    return out


def companies(ctx: DocContext) -> list[Named]:
    cache = _cache(ctx)
    if "companies" in cache:
        return cache["companies"]
    found: list[Named] = []
    taken: set[int] = set()
    doc = ctx.doc
    for m in ctx.mentions:
        if m.type == "organization" and m.source == "gazetteer":
            nxt = doc[m.end] if m.end < len(doc) else None
            if m.end - m.start == 1 and nxt is not None and nxt.pos_ == "PROPN" and \
                    nxt.text[:1].isupper() and nxt.text not in COMPANY_WORDS:
                continue  # "Max Matsuura", not the streamer Max
            found.append(Named(m.start, m.end, m.name, True))
            taken.update(range(m.start, m.end))
    for n in _company_runs(ctx):
        if not any(i in taken for i in range(n.start, n.end)):
            found.append(n)
            taken.update(range(n.start, n.end))
        else:  # a gazetteer short name inside a longer company name: "Fox Searchlight"
            pass
    if "+" in doc_text(ctx):  # streamers named with a plus sign: "Clearwell+", "Vantage+"
        for tok in ctx.doc:
            if len(tok.text) > 2 and tok.text.endswith("+") and tok.text[0].isupper() and \
                    tok.i not in taken:
                found.append(Named(tok.i, tok.i + 1, tok.text, True))
                taken.add(tok.i)
    for m in ctx.mentions:
        if m.type == "organization" and m.source != "gazetteer" and not any(
                i in taken for i in range(m.start, m.end)):
            found.append(Named(m.start, m.end, m.name, False))
            taken.update(range(m.start, m.end))
    # short forms of multi-word company names: "Halyard" for "Halyard Pictures"
    shorts: dict[str, str] = {}
    for n in found:
        words = n.name.split()
        if n.strong and len(words) >= 2 and words[-1].rstrip("'’") in COMPANY_WORDS:
            shorts.setdefault(" ".join(words[:-1]), n.name)
    doc = ctx.doc
    by_first: dict[str, list[tuple[list[str], str]]] = {}
    for short, full in shorts.items():
        parts = short.split()
        by_first.setdefault(parts[0], []).append((parts, full))
    for i in hits(ctx, set(by_first), exact=True) if by_first else ():
        tok = doc[i]
        if i in taken:
            continue
        for parts, full in by_first[tok.text]:
            if [t.text for t in doc[i:i + len(parts)]] == parts and not any(
                    k in taken for k in range(i, i + len(parts))):
                m = ctx.mention_at(i)
                if m is not None and m.type in WORK_TYPES + ("person",):
                    continue
                found.append(Named(i, i + len(parts), full, True))
                taken.update(range(i, i + len(parts)))
    found.sort(key=lambda n: n.start)
    # the fullest name the article itself uses: "Scott Free", not the gazetteer's
    # "Scott Free Productions" when the article never says it
    surfaces: dict[str, list[str]] = {}
    for n in found:
        surfaces.setdefault(n.name, []).append(doc[n.start:n.end].text)
    rename = {}
    for canonical, said in surfaces.items():
        keys = {name_key(x) for x in said}
        if name_key(canonical) not in keys:
            rename[canonical] = max(said, key=len)
    for n in found:
        n.name = rename.get(n.name, n.name)
    # a model-only organization named like a known company is strong too
    strong_names = {n.name for n in found if n.strong}
    for n in found:
        if n.name in strong_names:
            n.strong = True
    cache["companies"] = found
    cache["company_at"] = {i: n for n in found for i in range(n.start, n.end)}
    return found


def company_at(ctx: DocContext, i: int) -> Named | None:
    companies(ctx)
    return _cache(ctx)["company_at"].get(i)


def companies_after(ctx: DocContext, i: int, limit: int = 5) -> list[Named]:
    """The company at or just after token i ("the company X", "the London-based X")
    and the companies coordinated with it ("X and Y", "X, Y and Z")."""
    doc = ctx.doc
    out: list[Named] = []
    k = i
    end = min(len(doc), i + limit)
    while k < end:
        n = company_at(ctx, k)
        if n is not None:
            out.append(n)
            k = n.end
            if k < len(doc) and doc[k].text in (",", "and", "&") and k + 1 < len(doc):
                nxt = company_at(ctx, k + 1) or (company_at(ctx, k + 2) if doc[k + 1].text in (
                    "and",) and k + 2 < len(doc) else None)
                if nxt is not None:
                    k = nxt.start
                    end = min(len(doc), k + 1)
                    continue
            break
        t = doc[k]
        if t.is_punct and t.text not in ("-", "/") or t.pos_ in ("VERB", "AUX", "ADP", "CCONJ") \
                and doc[k - 1].text != "-":
            break
        k += 1
    return out


def companies_in(ctx: DocContext, start: int, end: int) -> list[Named]:
    return [n for n in companies(ctx) if n.start >= start and n.end <= end]


def festivals(ctx: DocContext) -> list[Named]:
    cache = _cache(ctx)
    if "festivals" in cache:
        return cache["festivals"]
    doc = ctx.doc
    found = [Named(m.start, m.end, m.name, True) for m in ctx.mentions if m.type == "festival"]
    taken = {i for n in found for i in range(n.start, n.end)}
    for i in hits(ctx, FESTIVAL_WORDS, exact=True):
        tok = doc[i]
        if tok.i in taken:
            continue
        j = tok.i
        sstart = max(sent_of(ctx, tok.i).start, _line_start(ctx, tok.i))
        while j - 1 >= sstart and (_is_cap(doc[j - 1]) or doc[j - 1].text.startswith(
                ("d'", "d’")) or doc[j - 1].text in {"of", "de", "du"}) and tok.i - j < 6:
            if doc[j - 1].text in {"The", "A", "An"}:
                break
            j -= 1
        while j < tok.i and doc[j].text in {"of", "de", "du"}:
            j += 1
        if tok.i - j < 1 or any(i in taken for i in range(j, tok.i + 1)):
            continue
        found.append(Named(j, tok.i + 1, doc[j:tok.i + 1].text, True))
        taken.update(range(j, tok.i + 1))
    found.sort(key=lambda n: n.start)
    cache["festivals"] = found
    return found


def festivals_in(ctx: DocContext, start: int, end: int) -> list[Named]:
    return [n for n in festivals(ctx) if n.start >= start and n.end <= end]


def main_festival(ctx: DocContext) -> str | None:
    """The festival a festival article is about: named at least twice, the most often."""
    counts: dict[str, int] = {}
    named_fully: set[str] = set()
    for n in festivals(ctx):
        counts[n.name] = counts.get(n.name, 0) + 1
        if n.end - n.start >= 2:  # "Venice Film Festival", not a bare "Berlin"
            named_fully.add(n.name)
    counts = {k: v for k, v in counts.items() if k in named_fully}
    if not counts:
        return None
    name, k = max(counts.items(), key=lambda kv: kv[1])
    return name if k >= 2 or len(counts) == 1 else None


# -- regions -------------------------------------------------------------------
def home_region(ctx: DocContext) -> str | None:
    """The market of the article's "US box office" / "domestic box office"."""
    cache = _cache(ctx)
    if "home_region" not in cache:
        cache["home_region"] = None
        doc = ctx.doc
        for i in hits(ctx, {"office"}):
            if i >= 2 and doc[i - 1].lower_ == "box":
                regs = regions_in(ctx, max(0, i - 4), i - 1)
                if regs:
                    cache["home_region"] = regs[-1][1]
                    break
    return cache["home_region"]


def _region_ok(tok: Token) -> bool:
    """The place names a market: pobj of in/across, modifier of a release noun."""
    t = tok
    for _ in range(3):
        if t.dep_ == "conj":
            t = t.head
            continue
        break
    if t.dep_ == "pobj" and t.head.lower_ in REGION_PREPS:
        return True
    head = tok.head
    if tok.dep_ in ("compound", "amod", "nmod", "npadvmod", "poss") and (
            head.lower_ in REGION_HEADS or head.head.lower_ in REGION_HEADS):
        return True
    nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    if nxt is not None and nxt.lower_ in REGION_HEADS:
        return True
    if nxt is not None and nxt.text == "(":
        return True  # "Mexico ($7.8 million)"
    return t.dep_ in ("nsubj",) and t.head.lemma_ in ("lead", "follow")


def regions_in(ctx: DocContext, start: int, end: int) -> list[tuple[int, str]]:
    """(token index, ISO code) of every market named between two token indices."""
    doc = ctx.doc
    out: list[tuple[int, str]] = []
    covered: set[int] = set()
    for ent in doc_ents(doc):
        if ent.start < start or ent.end > end or ent.label_ not in ("GPE", "NORP", "LOC", "ORG"):
            continue
        code = country_code(ent.text)
        if code is None:
            continue
        covered.update(range(ent.start, ent.end))
        if ent.text in NOT_REGION and not _region_ok(ent.root):
            continue
        if _region_ok(ent.root):
            out.append((ent.start, code))
    for tok in doc[start:end]:
        if tok.i in covered:
            continue
        if tok.lower_ in ("domestic", "domestically", "stateside"):
            out.append((tok.i, "US"))
            continue
        if not tok.text[:1].isupper():
            continue
        # two-token names the model did not tag: "North American", "the States"
        two = doc[tok.i:tok.i + 2].text if tok.i + 1 < end else ""
        code = country_code(two) if two else None
        if code and (tok.i + 1) not in covered:
            if _region_ok(doc[tok.i + 1]) or _region_ok(tok):
                out.append((tok.i, code))
            covered.update((tok.i, tok.i + 1))
            continue
        code = country_code(tok.text)
        if code and _region_ok(tok) and (tok.text not in NOT_REGION or tok.head.lower_ in
                                         REGION_HEADS):
            out.append((tok.i, code))
    out.sort()
    return out


# -- the work ------------------------------------------------------------------
def _work_in_subtree(ctx: DocContext, tok: Token) -> Mention | None:
    for t in tok.subtree:
        m = ctx.mention_at(t.i)
        if m is not None and m.type in WORK_TYPES:
            return m
    return None


EVENT_NOUNS = {"release", "premiere", "opening", "debut", "run", "bow", "launch"}
PROCESS = {"production", "filming", "shooting", "shoot", "principal", "post-production"}
NOT_SAME = {"next", "another", "other", "previous", "new", "first", "second", "third", "last",
            "latest", "earlier", "later", "different", "recent", "forthcoming", "future"}
SALIENT_DEPS = {"nsubj", "nsubjpass", "ROOT", "attr"}
RELATIVE = {"which", "that", "who"}


def _salient(ctx: DocContext, m: Mention, main: Mention | None) -> bool:
    """A mention a later "the film" can point back to: the main work, or a
    film that is (in apposition to) the subject of its sentence."""
    if main is not None and m.name == main.name:
        return True
    root = ctx.doc[m.start:m.end].root
    if root.dep_ in SALIENT_DEPS:
        return True
    if root.dep_ == "appos" and root.head.dep_ in SALIENT_DEPS:
        return True
    return m.start == sent_of(ctx, root.i).start


def main_film(ctx: DocContext) -> Mention | None:
    """The most-mentioned film or series (a novel or album is never the topic);
    one named in the article's headline counts double."""
    cache = _cache(ctx)
    if "main_film" not in cache:
        counts: dict[str, int] = {}
        first: dict[str, Mention] = {}
        headline = name_key(ctx.article.title or "")
        for m in ctx.mentions:
            if m.type in ("film", "tv_series"):
                counts[m.name] = counts.get(m.name, 0) + 1
                first.setdefault(m.name, m)
        for name in counts:
            if headline and name_key(name) and f" {name_key(name)} " in f" {headline} ":
                counts[name] += 2
        cache["main_film"] = first[max(counts, key=lambda k: counts[k])] if counts else None
    return cache["main_film"]


def _passing(ctx: DocContext, m: Mention) -> bool:
    """A mention in passing: "his work in Aftersun", "titles such as Sherlock"."""
    root = ctx.doc[m.start:m.end].root
    while root.dep_ in ("conj", "appos") and root.head.i < root.i:
        root = root.head
    if root.dep_ == "pobj" and root.head.head.pos_ in ("NOUN", "PROPN"):
        return True
    before = {t.lower_ for t in ctx.doc[max(0, m.start - 3):m.start]}
    if before & {"previous", "earlier", "former", "last"}:
        return True  # "whose previous feature Low Tide Motel"
    return m.start >= 2 and ctx.doc[m.start - 2].lower_ == "such" and \
        ctx.doc[m.start - 1].lower_ == "as"


def _paragraph_start(ctx: DocContext, i: int) -> int:
    """Token index where the paragraph holding token i begins."""
    text = doc_text(ctx)
    char = ctx.doc[i].idx if i < len(ctx.doc) else len(text)
    cut = text.rfind("\n\n", 0, char)
    if cut < 0:
        return 0
    span = ctx.doc.char_span(cut + 2, char, alignment_mode="expand")
    return span.start if span is not None else 0


def antecedent(ctx: DocContext, i: int, window: int = 400, recent: bool = False,
               types: tuple[str, ...] = ("film", "tv_series"), prefer_main: bool = False,
               ) -> Mention | None:
    """The film or series a "the film" / "it" at token i points back to: the
    latest one of its paragraph not named in passing, else the latest salient
    one (subject of its sentence, or the main work); with `recent` ("that
    film") simply the latest."""
    main = main_film(ctx)
    best = None
    latest = None
    local = None
    previous = None  # the paragraph before
    para = _paragraph_start(ctx, i)
    prev_para = _paragraph_start(ctx, para - 1) if para > 0 else para
    for m in ctx.mentions:
        if m.start >= i:
            break
        if m.type in types and i - m.start <= window:
            latest = m
            if recent or _salient(ctx, m, main):
                best = m
            if m.start >= para and not _passing(ctx, m):
                local = m
            elif prev_para <= m.start < para and not _passing(ctx, m):
                previous = m
    if recent:
        return latest
    if prefer_main and main is not None:
        # "the movie" in a paragraph that names the article's film means that film
        here = [m for m in ctx.mentions if para <= m.start < i and m.name == main.name]
        if here:
            return here[-1]
    return local or previous or best or latest


def _anaphor(tok: Token) -> str | None:
    """"it", "the film", "this drama", "that 2023 film" -> "salient"/"recent";
    None for other nouns and for "the next Bond film"."""
    if tok.lower_ in ("it", "its", "they") or tok.lower_ in PROCESS and not any(
            c.dep_ == "poss" for c in tok.children):
        return "salient"  # "production will begin next year" is the film's
    if tok.pos_ not in ("NOUN", "PROPN") or tok.lower_ not in ANAPHORS:
        return None
    mods = {t.lower_ for t in tok.subtree if t.i < tok.i}  # "the next Bond film"
    if tok.lower_ not in EVENT_NOUNS and any(
            c.dep_ == "det" and c.lower_ in ("a", "an", "another", "any", "every", "no")
            for c in tok.children):
        return None  # "a sequel is due in 2027" is a new film ("a November release" is not)
    if mods & NOT_SAME or any(c.ent_type_ in ("PERSON", "ORG") for c in tok.children
                              if c.dep_ in ("compound", "poss")):
        return None
    if mods & {"that", "this"}:
        return "recent"
    return "salient"


def _subject_of(verb: Token) -> Token | None:
    for _ in range(3):
        subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None:
            return subj
        if verb.dep_ in ("conj", "xcomp", "advcl") and verb.head.pos_ in ("VERB", "AUX"):
            verb = verb.head
            continue
        return None
    return None


def _work_of(ctx: DocContext, tok: Token) -> Mention | None | bool:
    """A work named by (or in) a noun phrase, its antecedent when it is
    anaphoric, False when it names something else."""
    m = ctx.mention_at(tok.i)
    if m is not None and m.type in WORK_TYPES:
        return m
    found = _work_in_subtree(ctx, tok)
    if found is not None:
        return found
    kind = _anaphor(tok)
    if kind is not None:
        definite = tok.pos_ == "NOUN" and any(c.lower_ == "the" for c in tok.children)
        return antecedent(ctx, tok.left_edge.i, recent=kind == "recent",
                          prefer_main=definite) or (
            antecedent(ctx, tok.left_edge.i, recent=kind == "recent", types=WORK_TYPES)
            if tok.lower_ in ("it", "its") else None)  # "It was released in August 1996"
    return False


def subject_work(ctx: DocContext, tok: Token, *, allow_main: bool = True,
                 types: tuple[str, ...] = WORK_TYPES) -> Mention | None:
    """The work a trigger token (verb or noun) is about: the trigger's subject
    or object when that is a work or "the film"; None when the subject is
    someone else ("the actor was released from his contract"); else the work
    named in the sentence, else (with allow_main) the article's main work."""
    verb = tok
    for _ in range(4):
        if verb.pos_ in ("VERB", "AUX") or verb.dep_ == "ROOT":
            break
        verb = verb.head
    subj = _subject_of(verb)
    other = False
    if subj is not None and subj.lower_ in RELATIVE and verb.dep_ == "relcl":
        subj = verb.head
    top = verb
    while top.dep_ == "conj" and top.head.pos_ in ("VERB", "AUX"):
        top = top.head  # "The sequel, produced by X and distributed by Y"
    if top.dep_ in ("acl", "relcl") and subj is None:
        subj = top.head
    if subj is not None and _anaphor(subj) is not None:
        # "it will release Glasshouse": a work named as the object beats a pronoun
        for child in verb.children:
            if child.dep_ == "dobj":
                m = ctx.mention_at(child.i) or _work_in_subtree(ctx, child)
                if m is not None and m.type in types:
                    return m
    if subj is not None:
        got = _work_of(ctx, subj)
        if got and got.type in types:
            return got
        is_org = any(ctx.mention_at(t.i) is not None and ctx.mention_at(t.i).type in (
            "organization", "outlet", "festival") or company_at(ctx, t.i) is not None
            for t in subj.subtree)  # "the Venice Classics strand will present ..."
        other = got is False and not is_org and subj.pos_ in ("PROPN", "NOUN", "PRON", "ADJ") \
            and subj.lower_ not in ("there", "you", "we", "i", "audiences", "viewers", "fans")
        if other and tok.pos_ in ("VERB", "AUX", "ADJ"):
            return None  # someone else's subject: "The actor was released from ..."
    for child in verb.children:
        if child.dep_ in ("dobj", "attr"):
            got = _work_of(ctx, child)
            if got and got.type in types:
                return got
    sent = sent_of(ctx, tok.i)
    works = ctx.mentions_in(sent.start, sent.end, types)
    before = [m for m in works if m.end <= tok.i]
    if before:
        return before[-1]
    if works:
        return works[0]
    if subj is not None and other:
        return None  # "The next Bond film, originally due for release in 2005"
    if allow_main:
        return main_film(ctx) or main_work(ctx)
    return None


def clause_tokens(tok: Token) -> list[Token]:
    """The trigger's clause: its verbal head's subtree without embedded clauses
    of other verbs ("it hits cinemas in Japan, but will not be released in China")."""
    verb = tok
    for _ in range(4):
        if verb.pos_ in ("VERB", "AUX") or verb.dep_ == "ROOT":
            break
        verb = verb.head
    out: list[Token] = []
    stack = [verb]
    while stack:
        t = stack.pop()
        out.append(t)
        for c in t.children:
            if c.dep_ in ("conj", "advcl", "relcl", "ccomp", "parataxis") and c.pos_ in (
                    "VERB", "AUX") and c is not tok and tok not in c.subtree:
                continue
            stack.append(c)
    return sorted(out, key=lambda t: t.i)


def dates_in(ctx: DocContext, tokens: Iterable[Token]) -> list[Span]:
    idx = {t.i for t in tokens}
    return [e for e in doc_ents(ctx.doc) if e.label_ == "DATE" and e.root.i in idx]


def negated_clause(tokens: list[Token], tok: Token) -> bool:
    """A negation in the trigger's clause: "will not be released", "no UK premiere",
    "a release date ... has not been confirmed"."""
    verb = tok
    for _ in range(4):
        if verb.pos_ in ("VERB", "AUX") or verb.dep_ == "ROOT":
            break
        verb = verb.head
    for t in (tok, tok.head, verb):
        if any(c.dep_ == "neg" or c.lower_ in ("no", "never") and c.dep_ == "det"
               for c in t.children):
            return True
    return False
