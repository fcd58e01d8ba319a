"""Quotes: direct speech between quotation marks, with speaker, outlet and
interviewer (SCHEMA.md section 5).

1. `quote_marks.scan` finds the quoted stretches of the body.
2. Stretches of fewer than four words, scare quotes and quoted titles
   ('the film "Eternal Sunshine of the Spotless Mind"') are dropped.
3. A quote split by an attribution (`"…," she said. "…"`) is joined into one:
   its text is the spoken parts joined by one space, its span runs from the
   first opening mark to the last closing one.
4. The attribution is looked for between the parts, after the quote (up to
   the end of its sentence), then before it (from the start of its sentence,
   or the sentence ending in a colon just before a quote that opens its own
   paragraph). The subject of the attribution verb is the speaker; pronouns
   and descriptions go through `speakers.Speakers`.
5. A quote with no attribution of its own continues the quote right before
   it (a paragraph left open, or an opener right after an unclosed quote),
   or else belongs to the most salient person before it.
6. Outlet and interviewer come from the attribution ("told Variety",
   "telling EW", "in an MTV interview with Josh Horowitz", "Variety's Ines
   Holloway-Marsh").
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from spacy.attrs import IDX
from spacy.tokens import Token

from newsreel.extract.context import WORK_TYPES, DocContext, doc_text
from newsreel.extract.relations.quote_marks import MarkSpan, scan
from newsreel.extract.relations.speakers import (
    SPEECH_NOUNS,
    Speakers,
    Who,
    is_speech_verb,
    outlet_name,
    subject_of,
)
from newsreel.model import Quote
from newsreel.names import name_key

MIN_WORDS = 4
FUNCTION_WORDS = {"a", "an", "the", "of", "and", "in", "on", "at", "to", "for", "with", "or",
                  "from", "by", "is", "as", "but", "into", "&"}
TITLE_CUES = {"film", "movie", "song", "album", "single", "series", "show", "book", "novel",
              "play", "titled", "entitled", "called", "dubbed", "named", "track", "drama",
              "comedy", "thriller", "documentary", "musical", "sitcom", "programme", "program",
              "episode", "hit", "record", "poem", "memoir", "opera", "ballad", "exhibition"}
MAX_ATTRIBUTION = 30  # tokens


@dataclass
class Group:
    """One quote: one or more spans of the same utterance."""

    spans: list[MarkSpan]
    who: Who | None = None
    outlet: str | None = None
    interviewer: str | None = None
    attributed: bool = False
    regions: list[tuple[int, int]] = field(default_factory=list)

    @property
    def first(self) -> MarkSpan:
        return self.spans[0]

    @property
    def last(self) -> MarkSpan:
        return self.spans[-1]


class _Tokens:
    """Character offset -> token index for the document."""

    def __init__(self, ctx: DocContext, text: str) -> None:
        self.doc = ctx.doc
        self.text = text
        self.starts = ctx.doc.to_array([IDX]).tolist()

    def at(self, char: int) -> int:
        """The token containing (or starting right after) character `char`."""
        i = bisect.bisect_right(self.starts, char) - 1
        if i < 0:
            return 0
        if char >= self.starts[i] + len(self.doc[i].text) and i + 1 < len(self.doc):
            return i + 1
        return i

    def before(self, char: int) -> int:
        """Index just past the last token that ends at or before `char`."""
        return bisect.bisect_left(self.starts, char)


def _words(text: str) -> list[str]:
    return [w for w in text.split() if any(c.isalnum() for c in w)]


def _title_like(words: list[str]) -> bool:
    content = [w for w in words if w.lower().strip(",.:;!?") not in FUNCTION_WORDS]
    if not content:
        return True
    caps = sum(1 for w in content if w[:1].isupper() or w[:1].isdigit())
    return caps == len(content)


def _is_quote(ctx: DocContext, span: MarkSpan, toks: _Tokens) -> bool:
    text = toks.text[span.start:span.end]
    words = _words(text)
    if len(words) < MIN_WORDS:
        return False
    if _title_like(words) and not text.rstrip().endswith((".", "!", "?", ",")):
        return False  # a quoted title, not speech
    a, b = toks.at(span.start), toks.before(span.end)
    for m in ctx.mentions_in(a, b + 1, WORK_TYPES):
        if m.start <= a and m.end >= b:
            return False
    if span.single:
        # single marks are apostrophes as often as quote marks: only a
        # stretch that reads as speech (ends in punctuation or is attributed)
        if text.rstrip()[-1:] not in (",", ".", "!", "?"):
            follow = ctx.doc[toks.at(span.close):toks.at(span.close) + 3]
            if not any(is_speech_verb(t) for t in follow):
                return False
    if not span.para_start and a > 0:
        prev = ctx.doc[max(0, a - 3):a]
        if any(t.lower_ in TITLE_CUES for t in prev) and _title_like(words):
            return False
    return True


def _tokens_between(toks: _Tokens, start_char: int, end_char: int) -> tuple[int, int]:
    return toks.at(start_char), toks.before(end_char)


def _has_speech(sp: Speakers, a: int, b: int) -> bool:
    doc = sp.doc
    return any(not sp.in_quote[i] and (is_speech_verb(doc[i]) or doc[i].lower_ == "according")
               for i in range(a, b))


def _split_join(ctx: DocContext, sp: Speakers, toks: _Tokens, a: MarkSpan, b: MarkSpan,
                ) -> bool:
    """Whether b continues a across an attribution: `"…," she said. "…"`."""
    if not a.closed or a.paragraph != b.paragraph:
        return False
    between = toks.text[a.close:b.open]
    words = between.split()
    if not words or len(words) > 20:
        return False
    body = between.strip()
    inner = body.rstrip(".,:;")
    if any(c in inner for c in ".!?"):
        return False  # a full sentence between: two quotes
    head = toks.text[a.start:a.end].rstrip()
    if not (head.endswith((",", "\u2014", "-", "\u2013")) or body[:1].islower()):
        return False
    i, j = _tokens_between(toks, a.close, b.open)
    return _has_speech(sp, i, j)


def _after_region(ctx: DocContext, sp: Speakers, toks: _Tokens, g: Group,
                  next_open: int | None) -> tuple[int, int] | None:
    doc = ctx.doc
    i = toks.at(g.last.close)
    if g.last.close >= len(toks.text) or i >= len(doc):
        return None
    j = i
    limit = min(len(doc), i + MAX_ATTRIBUTION)
    while j < limit:
        t = doc[j]
        if "\n" in t.text or next_open is not None and t.idx >= next_open:
            break
        j += 1
        if t.text in (".", "!", "?") or t.text.endswith("."):
            break
    if j <= i:
        return None
    region = doc[i:j]
    if region[-1].text == ":" or next_open is not None and j < len(doc) and \
            doc[j].idx >= next_open and region[-1].text in (":",):
        return None  # it introduces the next quote
    content = toks.text[g.last.start:g.last.end].rstrip()
    first = next((t for t in region if not t.is_punct), None)
    if first is None:
        return None
    if content.endswith((".", "!", "?")) and not content.endswith("...") and \
            not first.text[:1].islower() and (len(region) > 7 or region[-1].text not in (
                ".", "!", "?")):
        return None  # a new sentence, not this quote's attribution ('"…." Smith said.')
    return i, j


def _before_region(ctx: DocContext, sp: Speakers, toks: _Tokens, g: Group,
                   prev_close: int) -> tuple[int, int] | None:
    doc = ctx.doc
    o = toks.before(g.first.open)
    if o <= 0:
        return None
    if g.first.para_start or doc[o - 1].is_sent_end and doc[o - 1].text != ":":
        # the quote opens its paragraph or sentence: only a colon before it
        j = o - 1
        while j >= 0 and doc[j].is_space:
            j -= 1
        if j < 0 or doc[j].text != ":" or doc[j].idx < prev_close:
            return None
        start = sp.sents[sp.sent_of[j]].start
        k = j
        while k > start and not doc[k - 1].text.endswith(("\n",)) and doc[k - 1].idx \
                >= prev_close:
            k -= 1
        return k, j
    sent_start = sp.sents[sp.sent_of[o - 1]].start
    k = o
    while k > sent_start and "\n" not in doc[k - 1].text and doc[k - 1].idx >= prev_close:
        k -= 1
    return (k, o) if k < o else None


def _speaker_in(sp: Speakers, a: int, b: int, side: str) -> Who | None:
    doc = sp.doc
    verbs = [doc[i] for i in range(a, b) if not sp.in_quote[i] and is_speech_verb(doc[i])]
    if side == "before":
        verbs.reverse()
    for v in verbs:
        s = subject_of(v, sp.in_quote)
        if s is not None and not sp.in_quote[s.i]:
            who = sp.resolve(s)
            if who:
                return who
    for i in range(a, b):  # "according to X"
        t = doc[i]
        if t.lower_ == "according" and i + 1 < len(doc) and doc[i + 1].lower_ == "to":
            for c in doc[i + 1].children:
                if c.dep_ == "pobj":
                    who = sp.resolve(c)
                    if who:
                        return who
    if verbs or any(doc[i].lower_ in SPEECH_NOUNS for i in range(a, b)):
        # a parse without a subject: the person nearest the verb in the region
        anchor = verbs[0].i if verbs else a
        best = None
        for i in range(a, b):
            m = sp.ctx.mention_at(i)
            if m and m.type == "person" and not sp.in_quote[i]:
                if best is None or abs(i - anchor) < abs(best[0] - anchor):
                    best = (i, m.name)
            elif doc[i].lower_ in ("he", "she") and not sp.in_quote[i] and best is None:
                who = sp.pronoun("m" if doc[i].lower_ == "he" else "f", i)
                if who:
                    best = (i, who.name)
        if best:
            return Who(best[1])
    return None


MEDIA_NOUNS = {"podcast", "show", "programme", "program", "website", "site", "radio",
               "interview", "magazine", "newspaper", "paper", "channel", "network",
               "broadcast", "documentary", "series"}
TO_HEADS = {"speak", "talk", "say", "explain", "reveal", "tell", "confirm", "admit",
            "describe", "confide", "insist", "add", "write", "joke"}
WITH_HEADS = {"interview", "conversation", "chat", "sit-down", "talk", "speak", "q&a",
              "podcast", "appearance"}
INTERVIEW_CUES = {"interview", "interviewed", "speaking", "talking", "told", "telling", "spoke",
                  "chat", "conversation", "podcast", "sitting", "appearance", "asked", "q&a"}
SELF_WORDS = {"us", "this newspaper", "this paper", "this website", "this site",
              "this magazine", "this publication"}


def _outlet_in(sp: Speakers, a: int, b: int, g: Group) -> None:
    """Outlet and interviewer from an attribution region: "told Variety",
    "telling EW", "speaking to BBC Radio 4", "in an MTV interview with Josh
    Horowitz", "told The Hollywood Reporter's Margo Tessier-Blake"."""
    ctx, doc = sp.ctx, sp.doc
    unknown: list[str] = []
    for i in range(a, b):
        if sp.in_quote[i]:
            continue
        t = doc[i]
        low, head = t.lower_, t.head.lemma_.lower()
        if low in ("told", "telling", "tells", "tell") or t.lemma_ == "tell" and t.pos_ == "VERB":
            objs = [c for c in t.children if c.dep_ in ("dobj", "dative", "iobj")]
        elif low == "to" and head in TO_HEADS or low == "with" and head in WITH_HEADS \
                or low in ("on", "in", "for") and t.head.pos_ in ("VERB", "NOUN"):
            objs = [c for c in t.children if c.dep_ == "pobj"]
            if low in ("on", "in", "for"):
                objs = [o for o in objs if _media(o) or o.pos_ == "PROPN" and (
                    is_speech_verb(t.head) or t.head.lower_ in MEDIA_NOUNS) and (
                    low == "on" or ctx.mention_at(o.i) and ctx.mention_at(o.i).type == "outlet")]
        elif low in MEDIA_NOUNS and t.pos_ == "NOUN":
            objs = [t]
        else:
            continue
        for o in objs:
            _assign(sp, g, o, unknown)
    for run in unknown:  # "speaking to Pilar Oyenuga on The Long Take podcast"
        if g.outlet and not g.interviewer and name_key(run) != name_key(g.outlet):
            g.interviewer = sp.full_name(run)
        elif not g.outlet:
            g.outlet = outlet_name(run) or run


def _media(o: Token) -> bool:
    """A media noun, or a name followed by one ("The Long Take podcast")."""
    doc = o.doc
    def media_noun(t: Token) -> bool:
        return t.lower_ in MEDIA_NOUNS and t.pos_ in ("NOUN", "PROPN")

    return media_noun(o) or any(media_noun(c) and c.dep_ in (
        "compound", "npadvmod", "appos", "nmod") for c in o.children) or \
        o.i + 1 < len(doc) and media_noun(doc[o.i + 1]) and o.pos_ != "NOUN"


def _assign(sp: Speakers, g: Group, o: Token, unknown: list[str]) -> None:
    ctx = sp.ctx
    art_outlet = ctx.article.outlet
    if o.lower_ not in MEDIA_NOUNS and _media(o) and o.head.lower_ in ("on", "in", "for"):
        if not g.outlet:
            run = o.doc[o.left_edge.i:o.i + 1].text
            g.outlet = outlet_name(run) or run
        return
    if o.lower_ in SELF_WORDS or o.text.lower() == "us":
        if art_outlet and not g.outlet:
            g.outlet = outlet_name(art_outlet) or art_outlet
        return
    if o.pos_ == "NOUN":  # "on The Long Take podcast", "an MTV interview"
        owners = [c for c in o.children if c.dep_ == "poss" and c.pos_ in ("PROPN", "NUM")]
        parts = [c for c in o.children if c.dep_ in ("compound", "nmod") and c.pos_ == "PROPN"]
        if owners and not g.outlet:  # "BBC Radio 4's Today programme": the broadcaster
            c = owners[-1]
            span = [t for t in c.subtree if t.dep_ != "case"]
            run = o.doc[span[0].i:span[-1].i + 1].text
            g.outlet = outlet_name(run) or run
        elif parts and not g.outlet:
            g.outlet = _outlet_text(sp, parts[-1])
        return
    if o.pos_ != "PROPN":
        return
    run = _proper_run(o)
    if g.who is not None and name_key(sp.full_name(run)) == name_key(
            sp.full_name(g.who.name)):
        return
    m = ctx.mention_at(o.i)
    owner = False
    for c in o.children:  # "Variety's Ines Holloway-Marsh"
        if c.dep_ == "poss" and c.pos_ == "PROPN":
            owner = True
            if not g.outlet:
                g.outlet = _outlet_text(sp, c)
    if owner and not (m is not None and m.type == "outlet"):
        if not g.interviewer:
            g.interviewer = sp.full_name(run)
        return
    outletish = (m is not None and m.type in ("outlet", "organization")) or \
        outlet_name(run) is not None or run.startswith("The ") or (
            art_outlet is not None and name_key(run) == name_key(art_outlet))
    personish = not outletish and (m is not None and m.type == "person" or o.ent_type_ ==
                                   "PERSON" or any(p.start <= o.i < p.end for p in sp.people))
    if personish:
        name = sp.full_name(m.name if m is not None and m.type == "person" else run)
        if not g.interviewer and (g.who is None or name_key(name) != name_key(
                sp.full_name(g.who.name))):
            g.interviewer = name
    elif outletish:
        if not g.outlet:
            g.outlet = _outlet_text(sp, o)
    elif g.who is None or name_key(sp.full_name(run)) != name_key(sp.full_name(g.who.name)):
        unknown.append(run)


def _outlet_text(sp: Speakers, tok: Token) -> str:
    m = sp.ctx.mention_at(tok.i)
    if m is not None and m.type == "outlet":
        return m.name
    run = _proper_run(tok)
    return outlet_name(run) or run


def _context_outlet(sp: Speakers, toks: _Tokens, g: Group) -> None:
    """The interview the quote comes from, named in the sentence before it
    when that sentence is about the speaker ("In an interview with Empire's
    Callum Brightwater, the actor described ...")."""
    o = toks.before(g.first.open) - 1
    if o <= 0 or g.who is None:
        return
    k = sp.sent_of[o]
    for kk in (k, k - 1):
        if kk < 0:
            return
        sent = sp.sents[kk]
        if all(sp.in_quote[i] for i in range(sent.start, min(sent.end, o + 1))):
            continue
        if not any(t.lower_ in INTERVIEW_CUES for t in sent):
            continue
        subj = sp.info(kk).subject
        if subj and name_key(sp.full_name(subj.name)) == name_key(sp.full_name(g.who.name)):
            _outlet_in(sp, sent.start, min(sent.end, o + 1), g)
            return


def _proper_run(tok: Token) -> str:
    """The proper name a token ends: "The Hollywood Reporter", "Okoro-Lang"."""
    left = tok.i
    doc = tok.doc
    while left > 0 and (doc[left - 1].pos_ == "PROPN" and doc[left - 1].text[:1].isupper()
                        or doc[left - 1].text == "-" and not doc[left - 1].whitespace_
                        or doc[left - 1].lower_ == "the" and doc[left - 1].i >=
                        tok.left_edge.i) and doc[left - 1].dep_ != "poss" \
            and doc[left - 1].text not in ("'s", "\u2019s") and not doc[left - 1].is_sent_end:
        left -= 1
        if doc[left].lower_ == "the":
            break
    text = doc[left:tok.i + 1].text
    for suffix in ("'s", "\u2019s"):
        if text.endswith(suffix):
            text = text[: -len(suffix)]
    return text


def _body_text(ctx: DocContext) -> str:
    """The document text: the article body when the parse covers exactly it
    (Doc.text rebuilds the string from every token on each call)."""
    doc, body = ctx.doc, ctx.article.body
    last = doc[-1]
    if last.idx + len(last.text_with_ws) == len(body) and body.startswith(doc[0].text,
                                                                           doc[0].idx):
        return body
    return doc_text(doc)


def extract(ctx: DocContext) -> None:
    doc = ctx.doc
    if len(doc) == 0:
        return
    text = _body_text(ctx)
    marks = scan(text)
    if not marks:
        return
    toks = _Tokens(ctx, text)
    spans = [s for s in marks if _is_quote(ctx, s, toks)]
    if not spans:
        return
    in_quote = [False] * len(doc)
    for s in spans:
        for i in range(toks.at(s.open), toks.before(s.close)):
            in_quote[i] = True
    sp = Speakers(ctx, in_quote, text)

    groups: list[Group] = []
    for s in spans:
        if groups and _split_join(ctx, sp, toks, groups[-1].last, s):
            groups[-1].spans.append(s)
        else:
            groups.append(Group([s]))

    prev: Group | None = None
    prev_close = 0
    for n, g in enumerate(groups):
        next_open = groups[n + 1].first.open if n + 1 < len(groups) else None
        regions: list[tuple[str, tuple[int, int] | None]] = []
        for a, b in zip(g.spans, g.spans[1:], strict=False):
            regions.append(("between", _tokens_between(toks, a.close, b.open)))
        regions.append(("after", _after_region(ctx, sp, toks, g, next_open)))
        regions.append(("before", _before_region(ctx, sp, toks, g, prev_close)))
        for side, region in regions:
            if not region:
                continue
            who = _speaker_in(sp, region[0], region[1], side)
            if who:
                g.who, g.attributed = who, True
                g.regions.append(region)
                sp.set_subject(sp.sent_of[region[0]], who)
                break
        for side, region in regions:
            if region and (side != "after" or g.attributed):
                _outlet_in(sp, region[0], region[1], g)
        if g.who and g.who.name and not g.outlet and not g.interviewer:
            _context_outlet(sp, toks, g)
        if not g.attributed:
            continues = prev is not None and (
                prev.last.unclosed_at_paragraph_end and g.first.para_start
                and g.first.paragraph == prev.last.paragraph + 1
                or not prev.last.closed and prev.last.close == prev.last.end
                and g.first.open - prev.last.end <= 2
                or prev.attributed and not text[prev.last.close:g.first.open].strip())
            if continues and prev is not None:
                g.who, g.outlet, g.interviewer = prev.who, prev.outlet, prev.interviewer
            else:
                k = toks.at(g.first.open)
                name = next(sp.candidates(k), None)
                g.who = Who(name) if name else None
        prev, prev_close = g, g.last.close

    # a paragraph left open takes the speaker of the paragraph that closes it:
    # "...\n\n"...," she said.
    for g, nxt in reversed(list(zip(groups, groups[1:], strict=False))):
        if not g.attributed and nxt.attributed and g.last.unclosed_at_paragraph_end \
                and nxt.first.para_start and nxt.first.paragraph == g.last.paragraph + 1:
            g.who, g.attributed = nxt.who, True
            g.outlet, g.interviewer = g.outlet or nxt.outlet, g.interviewer or nxt.interviewer

    for g in groups:
        if g.who and g.who.type == "person" and g.who.name:
            g.who = Who(sp.full_name(g.who.name))
        parts = [text[s.start:s.end] for s in g.spans]
        quote_text = " ".join(p.strip().rstrip(",").rstrip() for p in parts if p.strip())
        end = g.last.close
        for r in g.regions:  # the attribution after the quote is part of its span
            if r[1] > 0 and doc[r[1] - 1].idx >= end:
                end = doc[r[1] - 1].idx + len(doc[r[1] - 1].text)
        start = g.first.open
        for r in g.regions:  # and so is the attribution before it
            if r[0] < len(doc) and doc[r[0]].idx < start:
                start = doc[r[0]].idx
        ctx.add_quote(Quote(
            speaker=g.who.name if g.who and g.who.name else None, text=quote_text, start=start,
            end=end, outlet=g.outlet, interviewer=g.interviewer,
            speaker_type=g.who.type if g.who else "person"))
