"""Helpers the relation families share: finding the work a sentence is about,
the person a token belongs to, and the document's main work."""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter

from spacy.tokens import Span, Token

from newsreel.extract.context import WORK_TYPES, DocContext, Mention, sent_bounds
from newsreel.extract.gazetteer import countries
from newsreel.names import name_key

EPISODE_NOUNS = {"episode", "installment", "instalment", "finale", "premiere"}
SERIES_NOUNS = {"series", "show", "sitcom", "programme", "program", "miniseries", "serial",
                "soap", "telenovela"}


def lead_work(ctx: DocContext) -> tuple[Mention, str] | None:
    """The work an encyclopedia-style lead is about, and the noun it is called by."""
    lead = ctx.doc.user_data.get("newsreel_lead")
    if lead is None:
        return None
    m = ctx.mention_at(lead[0])
    return (m, lead[2]) if m is not None and m.type in WORK_TYPES else None


def _lead_matches(noun: str, lead_noun: str, lead_type: str) -> bool:
    """ "the episode" in an episode's article, "the film" in a film's."""
    if lead_noun in EPISODE_NOUNS:
        return noun in EPISODE_NOUNS
    if lead_type == "tv_series":
        return noun in SERIES_NOUNS
    if lead_type == "film":
        return noun not in EPISODE_NOUNS | SERIES_NOUNS | {"season", "episodes"}
    songs = {"song", "single", "track", "record"}
    return noun == lead_noun or noun in songs and lead_noun in songs


def default_work(ctx: DocContext, i: int) -> Mention | None:
    """The work a statement that names none is about ("The cast included ...",
    "The music was composed by ..."): in a work's own article that work, else
    the last one named."""
    lead = lead_work(ctx)
    if lead is not None and lead[0].type in ("film", "tv_series"):
        return lead[0]
    return recent_work(ctx, i)


def main_work(ctx: DocContext) -> Mention | None:
    """The work the article is mostly about: the one an encyclopedia lead names,
    else the most-mentioned film or series."""
    lead = lead_work(ctx)
    if lead is not None and lead[0].type in ("film", "tv_series"):
        return lead[0]
    counts = Counter((m.name, m.type) for m in ctx.mentions if m.type in ("film", "tv_series"))
    if not counts:
        counts = Counter((m.name, m.type) for m in ctx.mentions if m.type in WORK_TYPES)
    if not counts:
        return None
    headline = set(name_key(ctx.article.title).split()) - {"the", "a", "of", "and", "in"}
    if headline:  # the work the headline names ("Tautou to star in Da Vinci film")
        for (name, etype) in list(counts):
            words = set(name_key(name).split()) - {"the", "a", "of", "and", "in"}
            if words and len(words & headline) >= min(2, len(words)):
                counts[(name, etype)] += 3
    (name, _), _ = counts.most_common(1)[0]
    return next(m for m in ctx.mentions if m.name == name)


def works_in(ctx: DocContext, sent: Span) -> list[Mention]:
    return ctx.mentions_in(sent.start, sent.end, WORK_TYPES)


def people_in(ctx: DocContext, start: int, end: int) -> list[Mention]:
    return ctx.mentions_in(start, end, ("person",))


def work_before(ctx: DocContext, i: int, sent: Span) -> Mention | None:
    """The nearest work mention before token i in its sentence (not one in a
    "best known for X" aside)."""
    best = None
    for m in works_in(ctx, sent):
        if m.end <= i and not in_known_for(ctx.doc[m.start]):
            best = m
    return best


def work_near(ctx: DocContext, tok: Token) -> Mention | None:
    """The work a token's sentence is about: nearest before, else after, else
    the document's main work when the sentence names no work at all."""
    sent = tok.sent
    before = work_before(ctx, tok.i, sent)
    if before:
        return before
    after = [m for m in works_in(ctx, sent) if m.start > tok.i]
    if after:
        return after[0]
    return None


def person_at(ctx: DocContext, i: int) -> Mention | None:
    m = ctx.mention_at(i)
    return m if m and m.type == "person" else None


def person_list_after(ctx: DocContext, i: int, limit: int = 40) -> list[Mention]:
    """People in a coordinated list starting at token i: "A, B and C"."""
    doc = ctx.doc
    out: list[Mention] = []
    j = i
    end = min(len(doc), i + limit, doc[i].sent.end if i < len(doc) else i)
    while j < end:
        m = person_at(ctx, j) or _single_name(ctx, j, end, bool(out))
        if m:
            out.append(m)
            j = m.end
            continue
        if doc[j].text in {",", "and", "&"} and out:
            j += 1
            continue
        break
    return out


def _single_name(ctx: DocContext, j: int, end: int, listed: bool) -> Mention | None:
    """A one-word name inside a list of people ("Thalía and Fernando Colunga",
    "Narain, Innocent, Kalabhavan Shajon, and Lena"): a capitalized word nothing
    else claims, between list separators, next to a person."""
    doc = ctx.doc
    t = doc[j]
    if not (t.text[:1].isupper() and t.pos_ == "PROPN" and t.ent_type_ in (
            "", "PERSON", "GPE", "LOC", "ORG")) or ctx.mention_at(j) is not None or \
            t.is_sent_start:
        return None
    # the model's "Thalía" (LOC) or "Sakribai" (GPE) only between people, never a country
    strict = t.ent_type_ not in ("", "PERSON")
    if strict and t.text in countries():
        return None
    nxt = doc[j + 1].text if j + 1 < end else ""
    if nxt not in (",", "and") and not (listed and not strict and nxt in (".", ";", "")):
        return None
    if not listed or strict:  # the list must go on to a person
        k = j + 1
        while k < end and doc[k].text in (",", "and"):
            k += 1
        if k >= end or person_at(ctx, k) is None:
            return None
    return Mention(j, j + 1, "person", t.text, "pattern")


def negated(tok: Token) -> bool:
    """The verb or its head carries a negation ("will not play", "no UK premiere")."""
    for t in (tok, tok.head):
        if any(c.dep_ == "neg" for c in t.children):
            return True
    return False


RUMOUR_WORDS = {"tipped", "rumoured", "rumored", "odds", "favourite", "favorite", "bookmakers",
                "speculation", "reportedly", "circling", "talks", "could", "might", "may",
                "hopes", "hoping", "wants", "bid", "frontrunner", "front-runner", "bet",
                "predicted", "expected"}


def hedged_at(doc, i: int) -> bool:
    """hedged() of token i's sentence, from a per-document table built once."""
    table = doc.user_data.get("newsreel_hedged_tokens")
    if table is None:
        table = []
        for sent in doc.sents:
            flag = any(t.lower_ in RUMOUR_WORDS for t in sent)
            table.extend([flag] * len(sent))
        doc.user_data["newsreel_hedged_tokens"] = table
    return table[i]


def hedged(sent: Span) -> bool:
    """The sentence speaks of rumour, bets or possibility (see hedged_at)."""
    return hedged_at(sent.doc, sent.start)


REFERRING = {"film", "movie", "picture", "drama", "comedy", "thriller", "series", "show",
             "project", "adaptation", "feature", "documentary", "sequel", "version",
             "release", "pic", "effort", "outing", "prequel", "follow-up", "debut", "season",
             "episode", "episodes", "programme", "miniseries"}
GENERIC_REFERRING = {"film", "movie", "picture", "project", "feature", "release", "pic",
                     "version", "effort", "outing"}


def _says_the_film(ctx: DocContext, start: int, end: int) -> str | None:
    """The film noun by which the span refers to a work ("the film", "the chiller"),
    or None."""
    from newsreel.extract.titles import FILM_NOUNS

    doc = ctx.doc
    for t in doc[start:end]:
        if t.lower_ in REFERRING or t.lower_ in FILM_NOUNS and t.pos_ == "NOUN":
            dets = [c for c in t.children if c.dep_ in ("det", "poss")]
            if any(d.lower_ in ("the", "this", "its", "that") for d in dets):
                return t.lower_
    return None


def referent(ctx: DocContext, i: int, noun: str) -> Mention | None:
    return _referent(ctx, i, noun)


def says_the_film(ctx: DocContext, start: int, end: int) -> str | None:
    return _says_the_film(ctx, start, end)


def _referent(ctx: DocContext, i: int, noun: str) -> Mention | None:
    """ "the film" -> the salient work; "the chiller" -> the work last named;
    "the episode" in an episode's article -> that episode."""
    lead = lead_work(ctx)
    if lead is not None and _lead_matches(noun, lead[1], lead[0].type):
        return lead[0]
    return recent_work(ctx, i, specific=noun not in GENERIC_REFERRING)


def recent_work(ctx: DocContext, i: int, sentences: int = 2,
                specific: bool = False) -> Mention | None:
    """The last work named before token i within this and the previous sentences,
    which is what "the film" or "the period drama" refers to; else the main work."""
    doc = ctx.doc
    sent = doc[i].sent
    floor = sent.start
    for _ in range(sentences):
        if floor == 0:
            break
        floor = doc[floor - 1].sent.start
    works = [m for m in _works_before(ctx, i)]
    best = None
    for m in works:
        if m.start >= floor and not in_known_for(doc[m.start]) and \
                (best is None or m.type != "work" or best.type == "work"):
            best = m  # a film or series before a novel it is based on
    main = main_work(ctx)
    if best is None:  # the last work named earlier in the same paragraph
        para = ctx.body.rfind("\n\n", 0, doc[i].idx)
        for m in reversed(works):
            if doc[m.start].idx <= para:
                break
            if m.type in ("film", "tv_series") and not in_known_for(doc[m.start]):
                best = m
                break
    if best is None and main is not None and not any(m.name == main.name for m in works):
        # the main work is not introduced yet: the last work named before
        for m in reversed(works):
            if m.type in ("film", "tv_series") and not in_known_for(doc[m.start]):
                best = m
                break
    if best is None or main is None:
        return best or main
    counts = Counter(m.name for m in ctx.mentions if m.type in WORK_TYPES)
    if not specific and counts[main.name] >= 3 and counts[main.name] >= 3 * counts[best.name]:
        return main  # an article about one film: "the drama" is that film
    return best


def _works_before(ctx: DocContext, i: int) -> list[Mention]:
    """Work mentions that start before token i, in order (a per-document index)."""
    index = ctx.doc.user_data.get("newsreel_works")
    if index is None:
        index = [m for m in ctx.mentions if m.type in WORK_TYPES]
        ctx.doc.user_data["newsreel_works"] = index
    return index[:bisect_left([m.start for m in index], i)] if index else []


def in_known_for(tok: Token) -> bool:
    """A work inside "best known for X" / "Varga, who scored X," asides."""
    doc = tok.doc
    for t in doc[max(tok.sent.start, tok.i - 5):tok.i]:
        if t.lower_ == "whose" and t.i > 0 and doc[t.i - 1].text == ",":
            return True  # ", whose debut feature X won ..." (however it is parsed)
    for anc in tok.ancestors:
        if anc.lemma_ in ("know", "remember", "recognise", "recognize"):
            return True
        if anc.dep_ == "relcl" and anc.head.pos_ == "PROPN" and any(
                c.lower_ in ("who", "whose") or any(g.lower_ == "whose" for g in c.children)
                for c in anc.children):
            return True  # "Varga, who scored X", "Oyelaran, whose debut feature X won"
        if anc.dep_ == "ROOT":
            break
    return False


def work_of(ctx: DocContext, tok: Token, arg: Token | None) -> Mention | None:
    """The work a verb is about, given its subject or object `arg`: a work named in
    it; "the film" -> the document's main work; with no argument, the nearest
    work in the sentence, else the main work when the sentence says "the film"."""
    if arg is not None and arg.lower_ == "it" and arg.dep_ in ("nsubj", "nsubjpass"):
        lead = lead_work(ctx)
        if lead is not None and arg.i == tok.sent.start:
            return lead[0]  # "It was directed by ..." in a work's own encyclopedia article
        return work_before(ctx, tok.i, tok.sent) or recent_work(ctx, tok.i, sentences=1)
    if arg is not None and arg.lower_ not in ("which", "that", "it"):
        at = ctx.mention_at(arg.i)
        if at is not None and at.type in WORK_TYPES:
            return at
        found = ctx.mentions_in(arg.left_edge.i, arg.right_edge.i + 1, WORK_TYPES)
        if found:
            return found[0]
        noun = _says_the_film(ctx, arg.left_edge.i, arg.right_edge.i + 1)
        if noun:
            return _referent(ctx, tok.i, noun)
        if arg.pos_ in ("NOUN", "PROPN"):
            return None
    near = work_before(ctx, tok.i, tok.sent) or work_near(ctx, tok)
    if near is not None:
        return near
    noun = _says_the_film(ctx, tok.sent.start, tok.sent.end)
    if noun:
        return _referent(ctx, tok.i, noun)
    return None


def antecedent(ctx: DocContext, pron: Token) -> Mention | None:
    """He/she: the person a profile is about, else the nearest person before, in
    this sentence or the one before."""
    doc = ctx.doc
    profile = doc.user_data.get("newsreel_profile")
    if profile is not None:  # an encyclopedia profile: he/she is its subject
        lead = ctx.mention_at(profile[0])
        if lead is not None and lead.type == "person":
            return lead
    sent = pron.sent
    floor = doc[sent.start - 1].sent.start if sent.start > 0 else 0
    lead = next((m for m in ctx.mentions if m.type == "person"), None)
    if lead is not None and lead.start < 5 and sum(
            1 for m in ctx.mentions if m.name == lead.name) >= 3:
        return lead
    best = None
    for m in ctx.mentions_in(floor, pron.i, ("person",)):
        best = m
    if best is None and lead is not None and lead.start < 5:
        best = lead  # a profile: the person the document opens with
    return best


def clause_person(ctx: DocContext, tok: Token) -> Mention | None:
    """The person doing what a clause says: the subject (active or passive) of the
    nearest word up the tree that has one, a pronoun through its antecedent."""
    for v in [tok, *tok.ancestors]:
        subj = next((c for c in v.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is None:
            continue
        if subj.lower_ in ("he", "she"):
            return antecedent(ctx, subj)
        return person_at(ctx, subj.i)
    return None


def work_list(ctx: DocContext, first: Mention) -> list[Mention]:
    """A work and the works coordinated after it: "Beer League, The Usual Suspects and X",
    "Blue Swallow (2005) and The Fox Family (2006)"."""
    doc = ctx.doc
    out = [first]
    j = first.end
    end = sent_bounds(doc)[first.start][1]
    while True:
        if j + 2 < end and doc[j].text == "(" and doc[j + 2].text == ")":
            j += 3
        if not (j < end and doc[j].text in (",", "and", "or")):
            break
        k = j + 1
        if k < end and doc[k].text == "and":
            k += 1
        m = ctx.mention_at(k)
        if m is None or m.type not in WORK_TYPES or m.start != k:
            break
        out.append(m)
        j = m.end
    return out


def works_following(ctx: DocContext, i: int) -> list[Mention]:
    """Films and series listed from token i on, past bracketed years and dash asides:
    ", B (1990), C (1997) – which won X – and D"."""
    doc = ctx.doc
    end = sent_bounds(doc)[i][1] if i < len(doc) else i
    out: list[Mention] = []
    j = i
    while j < end:
        t = doc[j]
        if t.text in (",", "and"):
            j += 1
        elif t.text in ("(", "–", "—"):
            close_mark = ")" if t.text == "(" else t.text
            limit = 8 if t.text == "(" else 25
            close = next((k for k in range(j + 1, min(end, j + limit))
                          if doc[k].text == close_mark), None)
            if close is None:
                break
            j = close + 1
        else:
            m = ctx.mention_at(j)
            if m is None or m.type not in ("film", "tv_series") or m.start != j:
                break
            out.append(m)
            j = m.end
    return out
