"""Release dates, festival premieres and screenings, distributors.

release_date: a release trigger ("released", "opens", "hits cinemas",
"debuted on", "the December 22 release", "due for release") with the DATE
entities of its clause, paired with the markets of that clause ("in the U.S.
on December 22, 2023 and in the U.K. on January 26, 2024" -> two facts; "opens
May 19 in the US and France" -> one fact per region), and a release type
from the clause's words (limited, wide, streaming, tv, home_media,
theatrical). Year-only dates from "Title (2019)", "the 2002 hit Title",
"Title, the 1974 film", "last year's drama Title", "starred in Title in 2002".

premiere / screened_at: "premiered at F", "will world premiere at F", "open
F with its world premiere", "screens at / played at / will screen out of
competition", "F will present Title". distributor: "distributed by X",
"X will distribute / release / open the film", "X scheduling the movie for
a late December release", "Distributor X", "the X release Title", "X has
North American rights", "opened in UK cinemas through X".

Negated clauses ("will not be released in China", "no UK premiere"),
rumours ("rumoured to be eyeing a February bow") and questions are skipped."""

from __future__ import annotations

import re

from spacy.tokens import Token

from newsreel.extract.context import WORK_TYPES, DocContext, Mention, doc_ents
from newsreel.extract.dates import normalize_date, shift
from newsreel.extract.relations.venues import (
    Named,
    antecedent,
    clause_tokens,
    companies_after,
    company_at,
    dates_in,
    festivals_in,
    hits,
    home_region,
    is_question,
    main_festival,
    negated_clause,
    regions_in,
    sent_ev,
    sent_of,
    subject_work,
)

RELEASE_VERBS = {"release", "open", "hit", "debut", "bow", "arrive", "land", "launch", "air",
                 "premiere", "expand", "stream", "reach", "date", "schedule", "slate", "drop",
                 "publish", "roll", "return", "come", "go", "screen", "begin", "broadcast",
                 "televise"}
RELEASE_NOUNS = {"release", "opening", "debut", "bow", "launch", "rollout", "premiere", "run",
                 "release.", "bows", "releases", "premieres", "debuts", "launches", "openings",
                 "expansion"}
NEEDS_PLACE = {"hit", "land", "arrive", "come", "go", "return", "reach", "begin", "roll",
               "drop", "run", "screen"}  # only with "cinemas", a streamer, "out", "wide" ...
PLACE_WORDS = {"cinemas", "cinema", "theaters", "theatres", "theater", "theatre", "screens",
               "out", "wide", "streaming", "digital", "dvd", "blu-ray", "netflix", "streamer",
               "nationwide", "theatrically", "platforms", "tv", "television", "channel"}
TYPE_WORDS = [
    ("limited", {"limited", "platform", "exclusive", "one-week", "two-week", "awards-qualifying"}),
    ("wide", {"wide", "nationwide", "expands", "expand", "expansion", "wider", "wide-release",
              "countrywide"}),
    ("home_media", {"dvd", "blu-ray", "home-entertainment", "vod", "4k uhd"}),
    ("tv", {"airs", "air", "aired", "airing", "broadcast", "broadcasts", "channel", "bbc one",
            "itv", "channel 4", "terrestrial", "free-to-air"}),
    ("streaming", {"streaming", "streamer", "stream", "streams", "digital", "digitally",
                   "online", "svod"}),
    ("theatrical", {"cinemas", "cinema", "theaters", "theatres", "theater", "theatre",
                    "theatrical", "theatrically", "multiplexes", "big-screen", "screens"}),
]
HEDGE_LEMMAS = {"rumour", "rumor", "rumoured", "rumored", "tip", "odds", "speculate",
                "speculation", "eye", "circle", "bet", "gamble", "hope", "wish", "consider",
                "mull", "eyeing", "tipped", "unconfirmed"}
MODALS = {"could", "might", "may", "would"}
PREMIERE_WORDS = {"premiere", "premiered", "premieres", "premiering", "bow", "bowed",
                  "debut", "debuted", "debuts", "launch", "unveil", "unveiled"}
SCREEN_VERBS = {"screen", "show", "play", "present", "unspool", "compete", "select", "include"}
DISTRIB_VERBS = {"distribute", "release", "open", "schedule", "date", "slate", "handle",
                 "acquire", "launch", "dated", "hold", "push", "move", "delay", "shift",
                 "postpone", "bring"}
MAKING_VERBS = {"star", "direct", "appear", "make", "play", "write", "produce", "publish",
                "co-star", "co-write", "helm", "shoot", "film", "voice", "release", "record",
                "be"}
JOB_WORDS = {"head", "president", "chief", "director", "executive", "vice-president", "vp",
             "boss", "chairman", "manager", "officer", "senior", "co-president"}
MOVE_VERBS = {"push", "move", "delay", "shift", "postpone", "bring", "bump", "change"}
RIGHTS_WORDS = {"rights", "distribution"}
RIGHTS_VERBS = {"have", "pick", "acquire", "buy", "win", "secure", "land", "ink", "take", "board",
                "nab", "snap", "grab", "bag", "pre-buy", "close", "strike", "hold", "own"}
FESTIVAL_CONTEXT = {"competition", "lido", "croisette", "lineup", "line-up", "strand",
                    "sidebar", "selection", "section", "festival"}
YEAR = re.compile(r"^(1[89]\d\d|20\d\d)$")
FILM_HEADS = {"film", "movie", "drama", "comedy", "thriller", "hit", "feature", "documentary",
              "debut", "novel", "book", "series", "show", "musical", "biopic", "horror",
              "adaptation", "picture", "sequel", "romance", "western", "epic", "sitcom",
              "play", "memoir", "blockbuster", "animation", "chiller", "satire", "fantasy",
              "short", "miniseries", "release", "effort", "outing", "smash", "flop", "remake",
              "caper", "weepie", "romcom", "mockumentary", "film's", "noir", "procedural"}


def hedged_clause(tokens: list[Token]) -> bool:
    for t in tokens:
        if t.lemma_.lower() in HEDGE_LEMMAS or t.lower_ in HEDGE_LEMMAS:
            return True
        if t.tag_ == "MD" and t.lower_ in MODALS:
            return True
        if t.lower_ == "talks" and t.i > 0 and t.doc[t.i - 1].lower_ == "in":
            return True
    return False


def _prefer(verb: Token) -> str:
    aux = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    if aux & {"will", "'ll", "shall", "to"} or verb.tag_ in ("VBZ", "VBP", "VBG", "VB"):
        return "future"
    if verb.tag_ in ("VBD",) or aux & {"has", "have", "had", "was", "were"}:
        return "past"
    return "future"


def _verb_of(tok: Token) -> Token:
    v = tok
    for _ in range(4):
        if v.pos_ in ("VERB", "AUX") or v.dep_ == "ROOT":
            return v
        v = v.head
    return v


STREAMERS = {"netflix", "disney+", "hulu", "prime", "apple", "max", "peacock", "paramount+",
             "mubi", "shudder", "britbox", "iplayer", "now"}


def _release_type(tokens: list[Token], ctx: DocContext) -> str | None:
    words = {t.lower_ for t in tokens}
    texts = "".join(t.text_with_ws for t in tokens).lower()
    words.difference_update(STREAMERS)
    for t in tokens:  # "hits Netflix", "on Parallax+": a streamer as the place of release
        if (t.lower_ in STREAMERS or t.text.endswith("+") and len(t.text) > 1) and \
                t.dep_ not in ("nsubj", "nsubjpass", "poss", "compound"):
            words.add("streaming")
    for rtype, cues in TYPE_WORDS:
        if words & cues or any((" " in c or "-" in c) and c in texts for c in cues):
            if rtype == "tv" and "series" not in words and words & {"channel"} and \
                    words & {"streamer", "streaming"}:
                continue
            return rtype
    return None


def _is_release_trigger(tok: Token, ctx: DocContext) -> bool:
    lemma = tok.lemma_.lower()
    if tok.pos_ in ("VERB", "AUX") and lemma in RELEASE_VERBS:
        if lemma in ("screen", "premiere"):
            return True  # decided later by whether a festival is named
        if lemma in NEEDS_PLACE:
            around = {t.lower_ for t in tok.subtree} | {
                c.lower_ for c in tok.children}
            return bool(around & PLACE_WORDS) or any(t.text.endswith("+") for t in tok.subtree)
        if lemma == "open":  # "opens May 19", not "opens the festival"
            for c in tok.children:
                if c.dep_ == "dobj" and any(n.start <= c.i < n.end for n in festivals_in(
                        ctx, c.left_edge.i, c.right_edge.i + 1)):
                    return False
        return True
    if (tok.pos_ in ("NOUN", "PROPN") or tok.pos_ == "ADJ" and tok.lower_ in (
            "premiere", "release")) and tok.lower_ in RELEASE_NOUNS:  # "the premiere date"
        if tok.lower_ == "run":
            return any(t.lower_ in ("theatrical", "limited", "exclusive", "cinema")
                       for t in tok.children)
        return True
    if tok.lower_ == "out" and tok.head.lemma_ in ("be", "come"):
        return True  # "is out on DVD on Monday", "comes out in May"
    if tok.lower_ == "due" and tok.i + 2 < len(tok.doc) and tok.doc[tok.i + 1].lower_ in (
            "for", "in", "out", "on"):
        return True
    return False


def _pair(dates: list[tuple[int, str]], regions: list[tuple[int, str]],
          ) -> list[tuple[str, list[str]]]:
    """Each date with the markets that go with it."""
    if not dates:
        return []
    if len(dates) == 1 or not regions:
        return [(dates[0][1], [c for _, c in regions])] + [(d, []) for _, d in dates[1:]]
    out: dict[int, list[str]] = {k: [] for k in range(len(dates))}
    before_mode = regions[0][0] < dates[0][0]
    for ri, code in regions:
        if before_mode:
            k = next((k for k, (di, _) in enumerate(dates) if di > ri), None)
        else:
            k = max((k for k, (di, _) in enumerate(dates) if di < ri), default=None)
        if k is not None and code not in out[k]:
            out[k].append(code)
    return [(d, out[k]) for k, (_, d) in enumerate(dates)]


def _own_tokens(tok: Token) -> set[int]:
    """What a premiere/debut word governs: a noun's subtree, a verb's at/in phrases."""
    if tok.pos_ in ("NOUN", "PROPN"):
        return {t.i for t in tok.subtree}
    return {t.i for c in tok.children if c.dep_ in ("prep", "dobj") and c.lower_ not in (
        "after", "before", "since", "following") for t in c.subtree}


def _festival_near(ctx: DocContext, tokens: list[Token], tok: Token) -> Named | None:
    idx = {t.i for t in tokens}
    sent = sent_of(ctx, tok.i)
    fests = [f for f in festivals_in(ctx, sent.start, sent.end) if f.start in idx]
    if not fests:
        return None
    after = [f for f in fests if f.start > tok.i]
    return after[0] if after else fests[-1]


def _add_release(ctx: DocContext, work: Mention, tok: Token, tokens: list[Token],
                 confidence: float) -> list[str]:
    verb = _verb_of(tok)
    scheduling = verb.lemma_.lower() in ("date", "schedule", "slate", "set", "target", "plan",
                                         "dated", "hold", "move", "push")
    prefer = _prefer(verb) if tok.pos_ in ("VERB", "AUX") and not scheduling else "future"
    if tok.pos_ == "NOUN" and (tok.head.lower_ in ("since", "after") or not scheduling and
                               _prefer(verb) == "past"):
        prefer = "past"  # "since its release in March", "its release in May was a hit"
    own = [e for e in doc_ents(ctx.doc) if e.label_ == "DATE" and tok.left_edge.i <= e.start
           and e.end <= tok.right_edge.i + 1] if tok.pos_ == "NOUN" else []
    if tok.pos_ == "NOUN" and tok.lower_ in ("opening", "openings", "launch", "run", "bow"):
        spans = own  # "took $38m on its opening weekend" dates nothing by itself
    else:
        spans = own or dates_in(ctx, tokens)
    if verb.dep_ == "advcl" and verb.head.pos_ in ("VERB", "AUX"):
        # "Viewers in the UK get it a day later, when it airs on Albion TV"
        outer = clause_tokens(verb.head)
        tokens = sorted({t.i: t for t in tokens + outer}.values(), key=lambda t: t.i)
        spans = spans or dates_in(ctx, outer)
    if verb.lemma_.lower() in MOVE_VERBS or any(t.lemma_.lower() in MOVE_VERBS for t in tokens):
        # "pushed back the release from February 13 to April 24": the old date goes
        spans = [sp for sp in spans if sp.root.head.lower_ != "from" and
                 (sp.start == 0 or ctx.doc[sp.start - 1].lower_ != "from")]
    if any(c.lower_ == "had" and c.dep_ in ("aux", "auxpass") for c in verb.children):
        return []  # "had been set for February": a superseded plan
    dates = []
    for span in spans:
        iso = normalize_date(span.text, ctx.anchor, prefer)
        later = LATER.match(span.text.lower())
        if iso is None and later:
            iso = _shifted(ctx, work, later)
        if iso:
            dates.append((span.start, iso))
    if not dates:  # "a day later" (the model does not tag it as a date)
        for t in tokens:
            if t.lower_ in ("later", "after") and t.i >= 2:
                later = LATER.match(ctx.doc[t.i - 2:t.i + 1].text.lower())
                iso = _shifted(ctx, work, later) if later else None
                if iso:
                    dates.append((t.i - 2, iso))
    if not dates:
        return []
    regions = regions_in(ctx, tokens[0].i, tokens[-1].i + 1) if tokens else []
    idx = {t.i for t in tokens}
    regions = [r for r in regions if r[0] in idx]
    if not regions and any(t.lower_ in ("nationwide", "countrywide") for t in tokens):
        home = home_region(ctx)  # "expands nationwide" in a US box-office report
        if home:
            regions = [(tok.i, home)]
    rtype = _release_type(tokens, ctx)
    added = []
    for iso, codes in _pair(dates, regions):
        for code in codes or [None]:
            ctx.add_fact(work, "release_date", iso, sent_ev(ctx, tok), confidence=confidence,
                         qualifiers={"region": code, "release_type": rtype})
        added.append(iso)
    return added


LATER = re.compile(r"^(a|an|one|two|three|four|\d+) (day|days|week|weeks) (later|after)$")
NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4}


def _shifted(ctx: DocContext, work: Mention, later: re.Match) -> str | None:
    """"a day later": the work's last day-precise release date, moved on."""
    n = NUMBERS.get(later.group(1)) or int(later.group(1)) if later.group(1).isdigit() or \
        later.group(1) in NUMBERS else None
    if n is None:
        return None
    days = n * (7 if later.group(2).startswith("week") else 1)
    last = next((f.object for f in reversed(ctx.facts) if f.relation == "release_date" and
                 f.subject == work.name and len(f.object) == 10), None)
    return shift(last, days) if last else None


def _org_subject(ctx: DocContext, verb: Token) -> Named | None:
    for c in verb.children:
        if c.dep_ in ("nsubj", "nsubjpass") or c.dep_ == "agent":
            n = company_at(ctx, c.i)
            if n is None and c.dep_ == "agent":
                n = next((company_at(ctx, g.i) for g in c.children if company_at(ctx, g.i)),
                         None)
            if n is not None:
                return n
    if verb.dep_ == "relcl" and any(c.dep_ == "nsubj" and c.lower_ in ("which", "that", "who")
                                    for c in verb.children):
        n = company_at(ctx, verb.head.i)
        if n is not None:
            return n
    if verb.dep_ in ("conj", "xcomp") and verb.head.pos_ in ("VERB", "AUX"):
        return _org_subject(ctx, verb.head)
    # the parse lost the subject (a headline run into the first line): "X will open"
    k = verb.i - 1
    while k >= 0 and ctx.doc[k].lower_ in ("will", "'ll", "has", "have", "is", "would", "also",
                                           "now", "already", "plans", "to"):
        k -= 1
    if k >= 0 and k < verb.i - 1:
        return company_at(ctx, k)
    return None


def _object_is_work(ctx: DocContext, verb: Token) -> bool:
    for c in verb.children:
        if c.dep_ in ("dobj", "nsubjpass"):
            m = ctx.mention_at(c.i)
            if m is not None and m.type in WORK_TYPES:
                return True
            if c.lower_ in ("it", "film", "movie", "drama", "series", "picture", "them",
                            "comedy", "thriller", "documentary", "title", "feature", "show"):
                return True
            if any(ctx.mention_at(t.i) and ctx.mention_at(t.i).type in WORK_TYPES
                   for t in c.subtree):
                return True
    return False


TRIGGERS = (RELEASE_VERBS | RELEASE_NOUNS | PREMIERE_WORDS | SCREEN_VERBS | DISTRIB_VERBS |
            RIGHTS_WORDS | {"due", "distribute", "distributor", "distributors", "title",
                            "through", "premiere", "bow", "debut", "launch", "competition",
                            "close", "pick", "unveil", "out", "return", "come", "head"})


def extract(ctx: DocContext) -> None:
    doc = ctx.doc
    for i in hits(ctx, TRIGGERS):
        tok = doc[i]
        if is_question(ctx, tok):
            continue
        lemma = tok.lemma_.lower()
        if _is_release_trigger(tok, ctx):
            _release(ctx, tok)
        if lemma in ("premiere", "bow", "debut", "launch", "unveil") or \
                tok.lower_ in PREMIERE_WORDS:
            _premiere(ctx, tok)
        elif tok.pos_ in ("VERB",) and lemma in SCREEN_VERBS:
            _screening(ctx, tok)
        if lemma in ("competition", "open", "close", "return", "come", "head"):
            _lineup(ctx, tok)
        _distributor(ctx, tok)
    _premiere_over_screening(ctx)
    _title_years(ctx)


def _release(ctx: DocContext, tok: Token) -> None:
    tokens = clause_tokens(tok)
    if negated_clause(tokens, tok) or hedged_clause(tokens):
        return
    fest = _festival_near(ctx, tokens, tok)
    lemma = tok.lemma_.lower()
    if fest is not None and (lemma == "premiere" or lemma in (
            "screen", "bow", "debut", "open", "launch") and fest.start in _own_tokens(tok)):
        return  # a festival premiere or screening, not a release
    if tok.lemma_.lower() == "screen":
        return
    work = subject_work(ctx, tok, allow_main=False)
    if work is None:
        return
    verb = _verb_of(tok)
    added = _add_release(ctx, work, tok, tokens, 0.8)
    org = _org_subject(ctx, verb)
    if org is not None and added and verb.lemma_.lower() in DISTRIB_VERBS | {"set", "target"}:
        _add_distributor(ctx, work, org, tokens, tok)


def _premiere(ctx: DocContext, tok: Token) -> None:
    tokens = clause_tokens(tok)
    if negated_clause(tokens, tok) or hedged_clause(tokens):
        return
    words = {t.lower_ for t in tokens}
    fest = _festival_near(ctx, tokens, tok)
    if tok.lower_ in ("debut", "debuts", "debuted", "bow", "bowed", "bows", "launch") or \
            tok.lemma_.lower() in ("debut", "bow", "launch", "unveil"):
        if tok.dep_ in ("amod", "compound", "nmod"):
            return  # "her 2019 debut feature"
        if fest is None or fest.start not in _own_tokens(tok):
            return
    name = fest.name if fest else None
    if name is None:
        if words & {"theaters", "theatres", "cinemas", "date", "streamer", "season",
                    "episodes"} or tok.lower_ in ("bow", "debut", "launch"):
            return
        if not (words & FESTIVAL_CONTEXT or "world" in words or "premiere" == tok.lower_
                and any(c.lower_ == "world" for c in tok.children)):
            return
        name = main_festival(ctx)
        if name is None:
            return
    work = subject_work(ctx, tok, allow_main=False, types=("film", "tv_series"))
    if work is None:
        return
    verb = _verb_of(tok)
    date = None
    for span in dates_in(ctx, tokens):
        date = normalize_date(span.text, ctx.anchor, _prefer(verb))
        if date:
            break
    ctx.add_fact(work, "premiere", name, sent_ev(ctx, tok), qualifiers={"date": date},
                 confidence=0.85 if fest else 0.65, object_type="festival")


def _screening(ctx: DocContext, tok: Token) -> None:
    tokens = clause_tokens(tok)
    if negated_clause(tokens, tok) or hedged_clause(tokens):
        return
    fest = _festival_near(ctx, tokens, tok)
    lemma = tok.lemma_.lower()
    if fest is None:
        words = {t.lower_ for t in tokens}
        if lemma != "screen" or not words & FESTIVAL_CONTEXT:
            return
        name = main_festival(ctx)
        if name is None:
            return
    else:
        name = fest.name
        if lemma in ("play", "show", "include", "select") and not any(
                t.lower_ in ("at", "in", "for") for t in ctx.doc[tok.i:fest.start]):
            return
    work = subject_work(ctx, tok, allow_main=False, types=("film", "tv_series"))
    if work is None:
        return
    if lemma == "present" and fest is not None and not any(
            c.dep_ == "nsubj" and fest.start <= c.i < fest.end or
            c.dep_ == "nsubj" and any(fest.start <= t.i < fest.end for t in c.subtree)
            for c in tok.children):
        return
    ctx.add_fact(work, "screened_at", name, sent_ev(ctx, tok), confidence=0.75,
                 object_type="festival")


def _lineup(ctx: DocContext, tok: Token) -> None:
    """"Also in competition is X", "X is in competition", "X will close the festival"."""
    doc = ctx.doc
    verb = _verb_of(tok)
    tokens = clause_tokens(tok)
    if negated_clause(tokens, verb) or hedged_clause(tokens):
        return
    if tok.lemma_.lower() == "competition":
        if tok.dep_ != "pobj" or tok.head.lower_ not in ("in", "of") or verb.lemma_ != "be":
            return
        fest = _festival_near(ctx, tokens, tok)
        name = fest.name if fest else main_festival(ctx)
        work = None
        for c in verb.children:
            if c.dep_ in ("nsubj", "attr") and work is None:
                own = ctx.mention_at(c.i)
                work = own if own is not None and own.type in ("film", "tv_series") else next(
                    (ctx.mention_at(t.i) for t in c.subtree if ctx.mention_at(t.i) is not None
                     and ctx.mention_at(t.i).type in ("film", "tv_series")), None)
        if name and work:
            ctx.add_fact(work, "screened_at", name, sent_ev(ctx, tok), confidence=0.7,
                         object_type="festival")
        return
    if tok.pos_ != "VERB":
        return
    dobj = next((c for c in tok.children if c.dep_ == "dobj"), None)
    if dobj is None:
        _return_with(ctx, tok, tokens)
        return
    fests = festivals_in(ctx, dobj.left_edge.i, dobj.right_edge.i + 1)
    if fests:
        name = fests[0].name
    elif dobj.lower_ in ("festival", "fest") and any(c.lower_ == "the" for c in dobj.children):
        name = main_festival(ctx)
    else:
        return
    subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
    if subj is None or name is None:
        return
    work = next((ctx.mention_at(t.i) for t in subj.subtree if ctx.mention_at(t.i) is not None
                 and ctx.mention_at(t.i).type in ("film", "tv_series")), None)
    if work is not None:
        _ = doc
        ctx.add_fact(work, "screened_at", name, sent_ev(ctx, tok), confidence=0.7,
                     object_type="festival")


def _return_with(ctx: DocContext, verb: Token, tokens: list[Token]) -> None:
    """"X returns to the festival with Title", "comes to Cannes with Title"."""
    to = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ == "to"), None)
    with_ = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ == "with"), None)
    if to is None or with_ is None:
        return
    fests = festivals_in(ctx, to.i, to.right_edge.i + 1)
    if fests:
        name = fests[0].name
    elif any(t.lower_ in ("festival", "fest") for t in to.subtree):
        name = main_festival(ctx)
    else:
        return
    work = next((ctx.mention_at(t.i) for t in with_.subtree if ctx.mention_at(t.i) is not None
                 and ctx.mention_at(t.i).type in ("film", "tv_series")), None)
    if name and work is not None:
        ctx.add_fact(work, "screened_at", name, sent_ev(ctx, verb), confidence=0.65,
                     object_type="festival")


def _premiere_over_screening(ctx: DocContext) -> None:
    """A film's world premiere at a festival is not also listed as a screening there."""
    premieres = {(f.subject, f.object) for f in ctx.facts if f.relation == "premiere"}
    if not premieres:
        return
    keep = [f for f in ctx.facts if not (f.relation == "screened_at" and
                                          (f.subject, f.object) in premieres)]
    if len(keep) != len(ctx.facts):
        _replace_facts(ctx, keep)


def _replace_facts(ctx: DocContext, kept: list) -> None:
    """Swap the context's fact list, keeping its duplicate index consistent."""
    old = {id(f): i for i, f in enumerate(ctx.facts)}
    index_of_key = {v: k for k, v in ctx._fact_keys.items()}
    new_keys = {}
    for pos, f in enumerate(kept):
        key = index_of_key.get(old[id(f)])
        if key is not None:
            new_keys[key] = pos
    ctx.facts[:] = kept
    ctx._fact_keys.clear()
    ctx._fact_keys.update(new_keys)


# -- distributors ----------------------------------------------------------------
def _add_distributor(ctx: DocContext, work: Mention, org: Named, tokens: list[Token],
                     tok: Token, regions: list[str] | None = None) -> None:
    if regions is None:
        idx = {t.i for t in tokens}
        regions = [c for i, c in regions_in(ctx, tokens[0].i, tokens[-1].i + 1) if i in idx] \
            if tokens else []
    seen = []
    for code in regions or [None]:
        if code in seen:
            continue
        seen.append(code)
        ctx.add_fact(work, "distributor", org.name, sent_ev(ctx, tok), qualifiers={"region": code},
                     confidence=0.8 if org.strong else 0.65, object_type="organization")


def _distributor(ctx: DocContext, tok: Token) -> None:
    doc = ctx.doc
    lemma = tok.lemma_.lower()
    # "distributed by X"
    if lemma == "distribute" and tok.tag_ == "VBN":
        # "distributed by X", "distributed in the UK by X and Y"
        by = next((c for c in tok.children if c.dep_ == "agent"), None)
        if by is None and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "by":
            by = doc[tok.i + 1]
        if by is None:
            return
        tokens = clause_tokens(tok)
        if negated_clause(tokens, tok):
            return
        work = subject_work(ctx, tok)
        if work:
            for org in companies_after(ctx, by.i + 1):
                _add_distributor(ctx, work, org, tokens, tok)
        return
    # "X will distribute (the film)", "X is distributing"
    if lemma == "distribute" and tok.pos_ == "VERB":
        tokens = clause_tokens(tok)
        org = _org_subject(ctx, tok)
        if org and not negated_clause(tokens, tok) and not hedged_clause(tokens):
            work = subject_work(ctx, tok)
            if work:
                _add_distributor(ctx, work, org, tokens, tok)
        return
    # "X is handling the UK and Ireland release"
    if tok.pos_ == "VERB" and lemma in ("handle", "distribute", "oversee", "manage") and any(
            c.dep_ == "dobj" and c.lower_ in ("release", "distribution", "rollout")
            for c in tok.children):
        dobj = next(c for c in tok.children if c.dep_ == "dobj")
        org = _org_subject(ctx, tok)
        tokens = clause_tokens(tok)
        if org and not negated_clause(tokens, tok) and not hedged_clause(tokens):
            work = subject_work(ctx, dobj)
            if work:
                _add_distributor(ctx, work, org, tokens, tok, regions=[
                    c for _, c in regions_in(ctx, dobj.left_edge.i, dobj.right_edge.i + 1)])
        return
    # "X will release / open / schedule the film ...", "X picked up the film"
    if tok.pos_ == "VERB" and (lemma in DISTRIB_VERBS or lemma == "pick" and any(
            c.dep_ == "prt" and c.lower_ == "up" for c in tok.children)) and \
            _object_is_work(ctx, tok):
        tokens = clause_tokens(tok)
        org = _org_subject(ctx, tok)
        if org and not negated_clause(tokens, tok) and not hedged_clause(tokens):
            work = subject_work(ctx, tok)
            if work:
                _add_distributor(ctx, work, org, tokens, tok)
        return
    # "Distributor Sony Pictures", "for distributor Tanager Films"
    if tok.lower_ in ("distributor", "distributors") and tok.i + 1 < len(doc):
        org = company_at(ctx, tok.i + 1) or (company_at(ctx, tok.i + 2)
                                             if doc[tok.i + 1].text == "," else None)
        if org:
            tokens = clause_tokens(tok)
            work = subject_work(ctx, tok)
            if work and not negated_clause(tokens, tok):
                _add_distributor(ctx, work, org, tokens, tok, regions=[
                    c for i, c in regions_in(ctx, tok.i - 3, tok.i + 1)])
        return
    # "the Sablewood Pictures release (Title)"
    if tok.lower_ in ("release", "title") and tok.i > 0:
        org = company_at(ctx, tok.i - 1)
        if org is None or org.end != tok.i:
            return
        nxt = ctx.mention_at(tok.i + 1)
        if nxt is not None and nxt.type in WORK_TYPES:
            work = nxt
        elif tok.dep_ in ("nsubj", "nsubjpass") or sent_of(ctx, tok.i).start >= org.start - 1:
            work = antecedent(ctx, tok.i)
        else:
            work = subject_work(ctx, tok)
        if work:
            _add_distributor(ctx, work, org, [], tok, regions=[])
        return
    # "X has North American rights", "where X picked up US rights"
    if tok.lower_ in RIGHTS_WORDS and tok.pos_ == "NOUN" and not (
            tok.dep_ == "pobj" and tok.head.head.lower_ in JOB_WORDS):  # "head of distribution"
        regions = [c for _, c in regions_in(ctx, tok.left_edge.i, tok.i + 1)]
        if tok.lower_ == "rights" and not regions and not any(
                t.lower_ in ("distribution", "worldwide", "global", "international")
                for t in tok.lefts):
            return
        verb = _verb_of(tok)
        if verb.lemma_.lower() not in RIGHTS_VERBS and not any(
                a.lemma_.lower() in RIGHTS_VERBS for a in tok.ancestors):
            return
        org = _org_subject(ctx, verb)
        if org is None:
            for a in tok.ancestors:
                if a.pos_ in ("VERB", "AUX"):
                    org = _org_subject(ctx, a)
                    if org:
                        break
        tokens = clause_tokens(tok)
        if org is None or negated_clause(tokens, verb) or hedged_clause(tokens):
            return
        work = subject_work(ctx, verb)
        if work:
            _add_distributor(ctx, work, org, tokens, tok, regions=regions)
        return
    # "opened in UK cinemas in September through Redpoll Pictures"
    if tok.lower_ == "through" and tok.head.lemma_.lower() in RELEASE_VERBS:
        org = company_at(ctx, tok.i + 1)
        if org is None:
            return
        verb = tok.head
        tokens = clause_tokens(verb)
        if negated_clause(tokens, verb):
            return
        work = subject_work(ctx, verb)
        if work:
            _add_distributor(ctx, work, org, tokens, tok)


# -- year-only release dates ----------------------------------------------------------
def _title_years(ctx: DocContext) -> None:
    doc = ctx.doc
    # "that 2023 film": the film just named
    for i in hits(ctx, {"that", "this"}):
        if i + 2 < len(doc) and YEAR.match(doc[i + 1].text) and doc[i + 2].lower_ in FILM_HEADS \
                and ctx.mention_at(i + 3) is None:
            m = antecedent(ctx, i, recent=True)
            if m is not None:
                ctx.add_fact(m, "release_date", doc[i + 1].text, sent_ev(ctx, doc[i]),
                             confidence=0.65)
    # "In 2010, he played Blake in the legal drama The Good Wife", "In 2005 starred in X",
    # "his directorial debut was in 2010 with X"
    for i in hits(ctx, {"in"}):
        if i + 1 >= len(doc) or not YEAR.match(doc[i + 1].text) or (
                i + 2 < len(doc) and doc[i + 2].text in ("-", "–", "/")):
            continue
        verb = doc[i].head
        if verb.pos_ not in ("VERB", "AUX") or verb.tag_ not in ("VBD", "VBN") or not (
                verb.lemma_.lower() in MAKING_VERBS or any(
                    c.lower_ == "debut" for c in verb.children)):
            continue  # "plays a teacher in 1949" is the story's time, not the film's
        tokens = clause_tokens(verb)
        if negated_clause(tokens, verb) or hedged_clause(tokens):
            continue
        idx = {t.i for t in tokens}
        named = [m for m in ctx.mentions if m.type in WORK_TYPES and m.start in idx]
        if len({m.name for m in named}) == 1:
            ctx.add_fact(named[0], "release_date", doc[i + 1].text, sent_ev(ctx, doc[i]),
                         confidence=0.6)
    works = [m for m in ctx.mentions if m.type in WORK_TYPES]
    for m in works:
        # "X is a 1930 Indian silent film", "X was a 2004 British comedy"
        j = m.end
        if j + 3 < len(doc) and doc[j].lemma_ == "be" and doc[j + 1].lower_ in ("a", "an") \
                and YEAR.match(doc[j + 2].text):
            heads = [t for t in doc[j + 3:min(len(doc), j + 8)]]
            for t in heads:
                if t.lower_ in FILM_HEADS:
                    ctx.add_fact(m, "release_date", doc[j + 2].text,
                                 sent_ev(ctx, doc[m.start]), confidence=0.8)
                    break
                if t.pos_ not in ("ADJ", "NOUN", "PROPN") or t.is_punct:
                    break
        # "Title (2019)"
        if m.end + 2 < len(doc) and doc[m.end].text == "(" and YEAR.match(doc[m.end + 1].text) \
                and doc[m.end + 2].text == ")":
            ctx.add_fact(m, "release_date", doc[m.end + 1].text,
                         sent_ev(ctx, doc[m.start]),
                         confidence=0.8)
            continue
        year = _year_before(ctx, m)
        if year:
            ctx.add_fact(m, "release_date", year, sent_ev(ctx, doc[m.start]), confidence=0.75)
            continue
        year = _year_apposition_after(ctx, m)
        if year:
            ctx.add_fact(m, "release_date", year, sent_ev(ctx, doc[m.start]), confidence=0.7)
            continue
        # "starred in Amelie in 2001", "directing Tautou in Amelie in 2001"
        if m.end + 1 < len(doc) and doc[m.end].lower_ == "in" and YEAR.match(
                doc[m.end + 1].text) and (m.end + 2 >= len(doc) or not doc[m.end + 2].like_num):
            prep = doc[m.end]
            verbs = [a for a in list(prep.ancestors)[:3] if a.pos_ in ("VERB", "AUX")
                     and a.tag_ in ("VBD", "VBN", "VBG")]
            if any(v.lemma_.lower() in (
                    "star", "direct", "appear", "make", "play", "release", "shoot", "film",
                    "write", "produce", "publish", "debut", "launch", "feature") for v in verbs):
                ctx.add_fact(m, "release_date", doc[m.end + 1].text,
                         sent_ev(ctx, doc[m.start]),
                             confidence=0.6)


def _year_before(ctx: DocContext, m: Mention) -> str | None:
    """"the 2002 hit About Schmidt", "her 2019 debut feature, Bright Hollow",
    "last year's heist thriller Counterweight", "Brandvold's 2022 novel Title"."""
    doc = ctx.doc
    j = m.start - 1
    if j >= 0 and doc[j].text == ",":
        j -= 1
    if j < 0 or doc[j].lower_ not in FILM_HEADS:
        return None
    k = j - 1
    steps = 0
    while k >= 0 and steps < 4:
        t = doc[k]
        if YEAR.match(t.text):
            return t.text
        if t.text in ("'s", "’s") and k >= 2 and doc[k - 1].lower_ == "year" and \
                doc[k - 2].lower_ in ("last", "this", "next"):
            return normalize_date(doc[k - 2:k + 1].text, ctx.anchor)
        if t.pos_ not in ("ADJ", "NOUN", "PROPN", "PUNCT") or t.text in (",", ".", ";", ":"):
            return None
        if ctx.mention_at(k) is not None:
            return None
        k -= 1
        steps += 1
    return None


def _year_apposition_after(ctx: DocContext, m: Mention) -> str | None:
    """"The Lantern Men, the 1974 film by ...", "Aftersun, last year's intense drama"."""
    doc = ctx.doc
    j = m.end
    if j + 2 >= len(doc) or doc[j].text not in (",", "(", "-", "–"):
        return None
    j += 1
    if doc[j].lower_ in ("the", "a", "his", "her", "their", "its") and j + 1 < len(doc) and \
            YEAR.match(doc[j + 1].text):
        year_tok = j + 1
        k = year_tok + 1
        while k < len(doc) and k < year_tok + 4 and doc[k].pos_ in ("ADJ", "NOUN", "PROPN"):
            if doc[k].lower_ in FILM_HEADS:
                return doc[year_tok].text
            k += 1
        return None
    if j + 2 < len(doc) and doc[j].lower_ in ("last", "this") and doc[j + 1].lower_ == "year" \
            and doc[j + 2].text in ("'s", "’s"):
        k = j + 3
        while k < len(doc) and k < j + 7 and doc[k].pos_ in ("ADJ", "NOUN", "PROPN", "ADV"):
            if doc[k].lower_ in FILM_HEADS:
                return normalize_date(doc[j:j + 3].text, ctx.anchor)
            k += 1
    return None


def tidy(ctx: DocContext) -> None:
    """Drop a region-less copy of a release/distributor/box-office fact when the
    same fact is also stated with its region (qualifiers merged), so the one
    reported first carries the region."""
    grouped: dict[tuple, list[int]] = {}
    drop: set[int] = set()
    dates: dict[str, list[int]] = {}
    for i, f in enumerate(ctx.facts):
        if f.relation == "release_date":
            dates.setdefault(f.subject, []).append(i)
    for idxs in dates.values():  # "a late December release" beside "December 22"
        for i in idxs:
            coarse = ctx.facts[i]
            if any(j != i and len(ctx.facts[j].object) > len(coarse.object) and
                   ctx.facts[j].object.startswith(coarse.object + "-") and
                   ctx.facts[j].qualifiers.get("region") in (None, coarse.qualifiers.get("region"))
                   for j in idxs):
                drop.add(i)
    for i, f in enumerate(ctx.facts):
        if f.relation in ("release_date", "distributor", "box_office") and i not in drop:
            grouped.setdefault((f.subject, f.relation, f.object), []).append(i)
    for idxs in grouped.values():
        with_region = [i for i in idxs if ctx.facts[i].qualifiers.get("region")]
        if not with_region:
            continue
        for i in idxs:
            if not ctx.facts[i].qualifiers.get("region"):
                f = ctx.facts[i]
                for j in with_region:
                    for k, v in f.qualifiers.items():
                        ctx.facts[j].qualifiers.setdefault(k, v)
                    ctx.facts[j].confidence = max(ctx.facts[j].confidence, f.confidence)
                drop.add(i)
    if not drop:
        return
    _replace_facts(ctx, [f for i, f in enumerate(ctx.facts) if i not in drop])
