"""Crew: director, screenwriter, producer, composer.

Patterns: "directed by P" (and written/produced/scored by), "P directed X",
"X director P" / "director P" with a work in the sentence, "the director of
X, P", "P-directed X", "P's drama X" when P is named as a film-maker.
"""

from __future__ import annotations

from spacy.tokens import Token

from newsreel.extract.context import WORK_TYPES, DocContext, Mention, token_hashes
from newsreel.extract.entities import ORG_WORDS
from newsreel.extract.relations.common import (
    antecedent,
    clause_person,
    default_work,
    hedged_at,
    negated,
    person_at,
    person_list_after,
    recent_work,
    work_before,
    work_list,
    works_following,
)
from newsreel.extract.relations.common import (
    work_of as _work_of,
)

VERB_ROLES = {
    "make": "director", "adapt": "screenwriter",
    "direct": "director", "helm": "director", "write": "screenwriter", "co-write": "screenwriter",
    "script": "screenwriter", "pen": "screenwriter", "produce": "producer",
    "compose": "composer", "score": "composer",
}
NOUN_ROLES = {
    "director": "director", "film-maker": "director", "filmmaker": "director",
    "co-director": "director", "helmer": "director",
    "screenwriter": "screenwriter", "writer": "screenwriter", "scriptwriter": "screenwriter",
    "co-writer": "screenwriter",
    "producer": "producer", "co-producer": "producer",
    "composer": "composer",
}
FILM_NOUNS = {"film", "drama", "movie", "debut", "comedy", "thriller", "documentary", "feature",
              "adaptation", "picture", "story", "epic", "biopic", "musical", "romance"}


def _credit(ctx: DocContext, work: Mention, role: str, person, where, **kw) -> None:
    """A crew fact; a song or novel has no director or screenwriter (SCHEMA: those
    are film and series credits; its writer is its author, found elsewhere)."""
    if work.type == "work" and role in ("director", "screenwriter"):
        return
    ctx.add_fact(work, role, person, where, **kw)


def filmmakers(ctx: DocContext) -> set[str]:
    """People the article names as directors / film-makers anywhere."""
    out = set()
    doc = ctx.doc
    for m in ctx.mentions:
        if m.type != "person":
            continue
        before = doc[m.start - 1].lower_ if m.start else ""
        before2 = doc[m.start - 2].lower_ if m.start > 1 else ""
        after = doc[m.end + 1].lower_ if m.end + 1 < len(doc) else ""
        if before in ("director", "film-maker", "filmmaker") or before2 in (
                "director", "filmmaker", "film-maker") and before in (",", "the"):
            out.add(m.name)
        if m.end < len(doc) and doc[m.end].text == "," and after in (
                "director", "filmmaker", "film-maker"):
            out.add(m.name)
    # "Seasoned film-makers Roger Michell, Mike Leigh and Pavel Pavlikowsky"
    makers = {"film-makers", "filmmakers", "directors", "makers"}
    for i in token_hashes(doc).find(makers, attrs=("lower",)):
        if doc[i].lower_ != "makers" or i >= 2 and doc[i - 1].text == "-" and \
                doc[i - 2].lower_ == "film":
            out.update(p.name for p in person_list_after(ctx, i + 1))
    # a best-director nominee or winner (known once the award family has run)
    out.update(f.subject for f in ctx.facts if f.relation in ("nominated_for", "award_received")
               and "direct" in (f.qualifiers.get("category") or "") and
               f.subject_type in (None, "person"))
    return out


def _role_verbs(tok: Token, ctx: DocContext | None = None) -> set[Token]:
    """The verb and the verbs coordinated with it ("wrote, directed and starred")."""
    def own_subject(t: Token) -> bool:
        if any(c.dep_ in ("nsubj", "nsubjpass") for c in t.children):
            return True
        before = person_at(ctx, t.i - 1) if ctx is not None and t.i else None
        return before is not None and before.end == t.i  # "composer X wrote"

    out = {tok}
    head = tok
    while head.dep_ == "conj" and head.head is not head and not own_subject(head):
        head = head.head
        out.add(head)
    stack = [head]
    while stack:
        t = stack.pop()
        for c in t.children:
            # "Kostova produced it ..., and Sigvaldason wrote the score": a conjunct
            # with a subject of its own is another clause, not the same people's role
            if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX") and c not in out and \
                    not own_subject(c):
                out.add(c)
                stack.append(c)
    return out


def _verb_people(ctx: DocContext, verb: Token) -> list[Mention]:
    """People who do the verb: its subject, a relative clause's antecedent
    ("Payne, who directed ..."), or the subject up a chain of conj/xcomp."""
    if not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children) and verb.i > 0:
        before = person_at(ctx, verb.i - 1)  # a subject the parser attached elsewhere
        if before is not None and before.end == verb.i:
            return [before]
    t = verb
    for _ in range(4):
        if t is not verb and t.i > 0 and not any(c.dep_ in ("nsubj", "nsubjpass")
                                                 for c in t.children):
            before = person_at(ctx, t.i - 1)  # "with Ridley Scott set to direct"
            if before is not None and before.end == t.i:
                return [before]
        for c in t.children:
            if c.dep_ == "nsubj" or c.dep_ == "nsubjpass" and t.lemma_ in (
                    "set", "tap", "hire", "attach", "slate", "sign", "line", "name", "choose"):
                if c.lower_ in ("who", "that") and t.dep_ == "relcl":
                    p = person_at(ctx, t.head.i)
                    return [p] if p else []
                people = [person_at(ctx, x.i) for x in [c, *c.conjuncts]]
                people = [p for p in people if p]
                if not people and c.lower_ in ("he", "she"):
                    p = antecedent(ctx, c)
                    people = [p] if p else []
                if not people and c.lower_ in DESCRIPTIONS:
                    p = describe(ctx, c)
                    people = [p] if p else []
                return people
        if t.dep_ == "relcl":
            # "Tidewrack, which Dana Whitcombe directed": the person right before
            before = person_at(ctx, t.i - 1) if t.i else None
            if before is not None and any(c.lower_ in ("which", "that") for c in t.children):
                return [before]
            p = person_at(ctx, t.head.i)
            return [p] if p else []
        if t.dep_ in ("conj", "xcomp", "advcl") and t.head is not t:
            t = t.head
            continue
        break
    return []


def extract(ctx: DocContext) -> None:
    doc = ctx.doc
    for i in token_hashes(doc).find(CREW_TRIGGERS):  # only tokens a branch below opens on
        tok = doc[i]
        lemma = tok.lemma_.lower()
        if lemma in VERB_ROLES and tok.pos_ in ("VERB", "AUX") and not negated(tok) \
                and not _rumour(tok):
            # the verb itself first, then its conjuncts in text order (a set's order
            # would change which object is read from run to run)
            verbs = sorted(_role_verbs(tok, ctx), key=lambda v: (v.i != tok.i, v.i))
            roles = sorted({VERB_ROLES[v.lemma_.lower()] for v in verbs
                            if v.lemma_.lower() in VERB_ROLES})
            # passive: "directed by P", "written and directed by P"
            by = None
            for v in verbs:
                by = by or next((c for c in v.children if c.dep_ == "agent"), None)
            if by is None and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "by":
                by = doc[tok.i + 1]
            # "written by A and directed by B": each verb with its own agent holds its
            # own role; a verb without one shares the next agent ("written and directed by")
            agents = {v.i: next((c for c in v.children if c.dep_ == "agent"), None)
                      for v in verbs}
            if by is not None and tok.tag_ == "VBN" and sum(
                    1 for a in agents.values() if a is not None) > 1:
                mine = next((agents[v] for v in sorted(agents) if v >= tok.i and agents[v]),
                            None)
                if mine is not None:
                    roles = sorted({VERB_ROLES[v.lemma_.lower()] for v in verbs
                                    if v.lemma_.lower() in VERB_ROLES and
                                    tok.i <= v.i <= mine.i and
                                    not any(agents[u] for u in agents if tok.i <= u < v.i)})
                    by = mine
            if by is not None and tok.tag_ == "VBN":
                people = person_list_after(ctx, by.i + 1) or _name_after(ctx, by.i + 1)
                if not people:  # "written by showrunner Bettina Okoro-Lang"
                    p = _person_after_descriptors(ctx, by.i + 1)
                    people = [p] if p else []
                subj = next((c for v in verbs for c in v.children if c.dep_ == "nsubjpass"),
                            None)
                if subj is None and tok.dep_ == "acl" and tok.head.pos_ == "NOUN" and any(
                        c.dep_ == "det" and c.lower_ in ("the", "this") for c in tok.head.children):
                    subj = tok.head  # "The Sablewood Pictures release, directed by ..."
                work = _work_of(ctx, tok, subj)
                if work is not None:
                    starred = any(v.lower_ == "starred" and v.i < by.i for v in verbs)
                    for p in people:
                        for role in roles:
                            _credit(ctx, work, role, p, tok, confidence=0.9)
                        if starred:  # "It is starred and produced by Alain Delon"
                            _credit(ctx, work, "cast_member", p, tok, confidence=0.8)
                continue
            if tok.tag_ == "VBN" and tok.dep_ in ("acl", "amod"):
                continue  # "the film directed by" handled above; "a directed film" nothing
            people = _verb_people(ctx, tok)
            if not people:
                continue
            obj = next((c for v in verbs for c in v.children if c.dep_ == "dobj"), None)
            if lemma == "make" and obj is None:  # "made her film debut" misparsed
                obj = next((c for c in tok.children if c.lower_ == "debut"), None)
            if lemma == "make" and obj is not None and obj.lower_ == "debut":
                _debut(ctx, tok, obj, people)  # "made his acting debut in Cycle (2008)"
                continue
            if lemma == "direct" and obj is not None and person_at(ctx, obj.i):
                # "directing Tautou in Amelie": the director and an actor of the work
                prep = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "in"),
                            None)
                pobj = next((c for c in prep.children if c.dep_ == "pobj"), None) \
                    if prep is not None else None
                work = ctx.mention_at(pobj.i) if pobj is not None else None
                if work is not None and work.type in ("film", "tv_series"):
                    for p in people:
                        _credit(ctx, work, "director", p, tok, confidence=0.8)
                    _credit(ctx, work, "cast_member", person_at(ctx, obj.i), tok,
                                 confidence=0.8)
                continue
            if obj is not None and obj.lower_ in ("which", "that") and tok.dep_ == "relcl":
                work = ctx.mention_at(tok.head.i)  # "Tidewrack, which W directed"
                if work is None or work.type not in WORK_TYPES:
                    work = _apposed_work(ctx, tok.head)
            elif obj is not None and obj.lower_ in ("score", "music", "soundtrack") and \
                    lemma in ("write", "compose"):
                work = work_before(ctx, tok.i, tok.sent) or recent_work(ctx, tok.i)
                roles = ["composer"]
            elif lemma == "adapt":  # "Brandvold has adapted the book herself"
                work = recent_work(ctx, tok.i)
                if work is not None and work.type == "work":
                    continue
            elif obj is not None and obj.lower_ == "it":
                work = work_before(ctx, tok.i, tok.sent) or recent_work(ctx, tok.i, sentences=1)
            elif obj is None and tok.dep_ == "relcl":  # "a thriller she is writing now"
                work = _apposed_work(ctx, tok.head)
            elif obj is None and lemma in ("direct", "helm", "produce") and \
                    tok.tag_ in ("VB", "VBZ", "VBP") and not any(
                        c.dep_ == "prep" for c in tok.children if c.lower_ in ("in", "on")):
                # "Oyelaran will direct from a screenplay by ...": the article's film
                work = work_before(ctx, tok.i, tok.sent) or recent_work(ctx, tok.i)
            else:
                work = _work_of(ctx, tok, obj)
                if lemma == "make" and (obj is None or obj.lemma_ in (
                        "appearance", "cameo", "comeback", "return", "splash", "name") or
                        not ctx.mentions_in(obj.left_edge.i, obj.right_edge.i + 1, WORK_TYPES)):
                    continue  # "made a comeback", "made $20m", "made a cameo appearance in X"
            if work is None:
                continue
            for p in people:
                for role in roles:
                    _credit(ctx, work, role, p, tok, confidence=0.85)
                if any(v.lemma_.lower() == "star" for v in verbs):
                    _credit(ctx, work, "cast_member", p, tok, confidence=0.8)
        elif tok.lower_ in TO_ROLES and tok.pos_ not in ("VERB", "AUX"):
            _to_role(ctx, tok)
        # "from a screenplay by A and B", "the script by A"
        elif tok.lower_ in ("screenplay", "script", "teleplay") and tok.i + 2 < len(doc) and \
                doc[tok.i + 1].lower_ == "by" and person_at(ctx, tok.i + 2) and \
                not hedged_at(doc, tok.i):
            work = work_before(ctx, tok.i, tok.sent) or recent_work(ctx, tok.i)
            if work is not None and work.type in ("film", "tv_series"):
                for p in person_list_after(ctx, tok.i + 2):
                    _credit(ctx, work, "screenwriter", p, tok, confidence=0.8)
        # "P serving as producer", "with A and B as executive producers"
        elif tok.lower_ == "as" and tok.i + 1 < len(doc) and not hedged_at(doc, tok.i) and \
                _as_role(ctx, tok):
            pass
        # "the debut feature from P", "the new film from P"
        elif tok.lower_ in ("from", "by") and tok.i > 0 and doc[tok.i - 1].lower_ in FILM_NOUNS \
                and _person_after_descriptors(ctx, tok.i + 1) and not hedged_at(doc, tok.i):
            work = work_before(ctx, tok.i, tok.sent)
            if work is not None and work.type in ("film", "tv_series"):
                person = _person_after_descriptors(ctx, tok.i + 1)
                _credit(ctx, work, "director", person, tok, confidence=0.7)
                if "writer" in [t.lower_ for t in doc[tok.i + 1:person.start]]:
                    _credit(ctx, work, "screenwriter", person, tok, confidence=0.7)
        # "X director P", "director P", "the film's director, P"
        elif tok.lower_ in NOUN_ROLES and not hedged_at(doc, tok.i):
            role = NOUN_ROLES[tok.lower_]
            j = tok.i + 1
            if j < len(doc) and doc[j].text == ",":
                j += 1
            also = None  # "Million Dollar Baby director and co-star Clint Eastwood"
            if j + 1 < len(doc) and doc[j].lower_ == "and" and doc[j + 1].lower_ in (
                    "co-star", "star", "writer", "co-writer", "producer", "screenwriter"):
                also = {"co-star": "cast_member", "star": "cast_member"}.get(
                    doc[j + 1].lower_, NOUN_ROLES.get(doc[j + 1].lower_))
                j += 2
            people = person_list_after(ctx, j) if person_at(ctx, j) else []
            if also and people:
                k = tok.i - 1
                prev = ctx.mention_at(k) if k >= 0 else None
                if prev is not None and prev.type in ("film", "tv_series") and prev.end == tok.i:
                    for p in people:
                        _credit(ctx, prev, role, p, tok, confidence=0.85)
                        _credit(ctx, prev, also, p, tok, confidence=0.85)
                continue
            if not people:
                continue
            k = tok.i - 1
            if k >= 0 and doc[k].text in ("'s", "’s", "'", "’"):
                k -= 1
            prev = ctx.mention_at(k) if k >= 0 else None
            if prev is not None and prev.type in ("film", "tv_series") and prev.end == k + 1:
                for p in people:
                    _credit(ctx, prev, role, p, tok, confidence=0.85)
                    if doc[tok.i + 1].lower_ == "and" and doc[tok.i + 2].lower_ in (
                            "co-star", "star"):
                        _credit(ctx, prev, "cast_member", p, tok, confidence=0.8)

    possessive_directors(ctx)
    _role_lists(ctx)
    _gerund_credits(ctx)
    _directorial(ctx)
    _music_by(ctx)
    _adapted_for_screen(ctx)
    _the_person_film(ctx)


def _adapted_for_screen(ctx: DocContext) -> None:
    """ "adapted to screen by Gerald Duffy", "adapted for the screen by A and B"."""
    doc = ctx.doc
    for i in token_hashes(doc).find({"adapted"}, attrs=("lower",)):
        tok = doc[i]
        if tok.i + 3 >= len(doc) or hedged_at(doc, tok.i):
            continue
        j = tok.i + 1
        if doc[j].lower_ not in ("to", "for"):
            continue
        j += 1
        if doc[j].lower_ == "the":
            j += 1
        if j + 1 >= len(doc) or doc[j].lower_ not in ("screen", "film", "cinema", "television") \
                or doc[j + 1].lower_ != "by" or not person_at(ctx, j + 2):
            continue
        work = work_before(ctx, tok.i, tok.sent) or default_work(ctx, tok.i)
        if work is None or work.type not in ("film", "tv_series"):
            continue
        for p in person_list_after(ctx, j + 2):
            _credit(ctx, work, "screenwriter", p, tok, confidence=0.75)


def _the_person_film(ctx: DocContext) -> None:
    """ "in the Zhang Yimou film Coming Home": a film-maker named as the film's maker."""
    doc = ctx.doc
    for m in ctx.mentions:
        if m.type != "person" or m.start == 0:
            continue
        k = m.start - 1  # "the more ambitious Alberto Bevilacqua drama film Le rose"
        while k > 0 and k > m.start - 4 and doc[k].text.islower() and doc[k].pos_ in (
                "ADJ", "ADV"):
            k -= 1
        j = m.end  # "the Zhang Yimou film", "the Bevilacqua drama film"
        while j < len(doc) and j < m.end + 2 and doc[j].text.islower() and \
                doc[j].lower_ not in ("film", "movie", "documentary") and doc[j].pos_ in (
                    "NOUN", "ADJ"):
            j += 1
        if doc[k].lower_ != "the" or j + 1 >= len(doc) or \
                doc[j].lower_ not in ("film", "movie", "documentary"):
            continue
        work = ctx.mention_at(j + 1)
        if work is not None and work.type == "film" and work.start == j + 1 and \
                not hedged_at(doc, m.start):
            _credit(ctx, work, "director", m, doc[m.start], confidence=0.7)


GERUNDS = {"directing", "writing", "co-writing", "producing", "composing", "scoring",
           "scripting", "penning", "helming", "adapting", "making"}


def _gerund_credits(ctx: DocContext) -> None:
    """ "won acclaim for directing A (1987), B (1990) and C": the works listed after
    a credit gerund, for the person the clause is about."""
    doc = ctx.doc
    for i in token_hashes(doc).find(GERUNDS, attrs=("lower",)):
        tok = doc[i]
        role = VERB_ROLES.get(tok.lemma_.lower())
        if role is None or role == "director" and tok.lemma_.lower() == "make" or \
                tok.tag_ != "VBG" or tok.dep_ not in ("pcomp", "advcl", "pobj") or \
                negated(tok) or hedged_at(doc, tok.i):
            continue
        k = tok.i + 1
        while k < len(doc) and k < tok.i + 4 and doc[k].lower_ in ("the", "both", "his", "her"):
            k += 1
        first = ctx.mention_at(k)
        if first is not None and first.type in ("film", "tv_series") and first.start == k:
            works = work_list(ctx, first)
            works += [w for w in works_following(ctx, works[-1].end) if w not in works]
        else:  # "directing the Koker trilogy (1987 – 94), Close - Up (1990), ... and X"
            obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
            works = [] if obj is None else [
                m for m in ctx.mentions_in(obj.left_edge.i, obj.right_edge.i + 1,
                                           ("film", "tv_series"))]
            if obj is not None:  # the list the parser lost: ", B (1990), C – aside – and D"
                after = works[-1].end if works else obj.right_edge.i + 1
                works += [w for w in works_following(ctx, after) if w not in works]
        person = clause_person(ctx, tok) if works else None
        if person is None:
            continue
        for w in works:
            _credit(ctx, w, role, person, tok, confidence=0.75)


DEBUT_ROLES = {"acting": "cast_member", "screen": "cast_member", "stage": None,
               "directorial": "director", "directing": "director", "feature": "director",
               "writing": "screenwriter", "screenwriting": "screenwriter"}


def _debut(ctx: DocContext, tok: Token, obj: Token, people: list[Mention]) -> None:
    """ "made his acting debut in X" (cast), "made her directorial debut with X"
    (director); a bare "film debut" says nothing of the role."""
    kinds = [DEBUT_ROLES[c.lower_] for c in obj.children if c.lower_ in DEBUT_ROLES]
    role = kinds[0] if kinds else None
    if role is None and any(c.lower_ in ("film", "screen", "movie", "feature", "big-screen")
                            for c in obj.children) and _profiled_actor(ctx, people):
        role = "cast_member"  # an actress's profile: "made her film debut in 1979 in X"
    if role is None:
        return
    work = next(iter(ctx.mentions_in(obj.i + 1, min(obj.sent.end, obj.i + 8),
                                     ("film", "tv_series"))), None)
    if work is None:
        return
    for p in people:
        _credit(ctx, work, role, p, tok, confidence=0.8)


def _profiled_actor(ctx: DocContext, people: list[Mention]) -> bool:
    """The people are the subject of an actor's or actress's profile."""
    profile = ctx.doc.user_data.get("newsreel_profile")
    lead = ctx.mention_at(profile[0]) if profile is not None else None
    if lead is None or len(people) != 1 or lead.name != people[0].name:
        return False
    first = ctx.doc[profile[0]].sent
    return any(t.lower_ in ("actor", "actress") for t in first)


def _directorial(ctx: DocContext) -> None:
    """ "Vineeth's second directorial venture Thattathin Marayathu", "his directorial
    debut was in 2010 with Malarvaadi Arts Club": the possessor directed the work."""
    doc = ctx.doc
    for i in token_hashes(doc).find({"directorial", "directing"}, attrs=("lower",)):
        tok = doc[i]
        if hedged_at(doc, tok.i):
            continue
        person = None
        for t in reversed(doc[max(tok.sent.start, tok.i - 4):tok.i]):
            if t.lower_ in ("his", "her"):
                person = antecedent(ctx, t)
                break
            if t.text in ("'s", "’s") and t.i > 0:
                person = person_at(ctx, t.i - 1)
                break
        if person is None:
            continue
        work = next((m for m in ctx.mentions_in(tok.i + 1, min(tok.sent.end, tok.i + 10),
                                                ("film", "tv_series"))), None)
        if work is not None:
            _credit(ctx, work, "director", person, tok, confidence=0.75)


MUSIC_NOUNS = {"music", "score", "soundtrack", "songs", "production"}


def _music_by(ctx: DocContext) -> None:
    """ "The music was composed by A", "the score is by B", "music by C"."""
    doc = ctx.doc
    for i in token_hashes(doc).find(MUSIC_NOUNS, attrs=("lower",)):
        tok = doc[i]
        if hedged_at(doc, tok.i):
            continue
        j = tok.i + 1
        while j < len(doc) and j < tok.i + 5 and doc[j].lower_ in (
                "was", "were", "is", "are", "composed", "written", "scored", "and", "by",
                "soundtrack", "score", "music", "also", "created", "provided", "done",
                "handled"):
            if doc[j].lower_ == "by":
                break
            j += 1
        if j >= len(doc) or doc[j].lower_ != "by" or not person_at(ctx, j + 1):
            continue
        # "with production done by Braide": the record's producer
        role = "producer" if tok.lower_ == "production" else "composer"
        if role == "producer" and not any(t.lower_ in ("done", "handled") for t in
                                          doc[tok.i + 1:j]):
            continue
        work = work_before(ctx, tok.i, tok.sent) or default_work(ctx, tok.i)
        if work is None or role == "composer" and work.type not in ("film", "tv_series"):
            continue
        for p in person_list_after(ctx, j + 1):
            _credit(ctx, work, role, p, tok, confidence=0.8)




DESCRIPTIONS = {"filmmaker", "film-maker", "director", "actor", "actress", "star", "writer",
                "screenwriter", "author", "novelist", "producer", "composer", "showrunner",
                "creator", "singer", "comedian", "helmer", "auteur", "newcomer"}


def describe(ctx: DocContext, noun: Token) -> Mention | None:
    """ "The filmmaker is set to helm X": the person last named before the
    description (this or the two sentences before)."""
    doc = ctx.doc
    if not any(c.dep_ == "det" and c.lower_ == "the" for c in noun.children):
        return None
    sent = noun.sent
    floor = sent.start
    for _ in range(2):
        if floor > 0:
            floor = doc[floor - 1].sent.start
    best = None
    for m in ctx.mentions_in(floor, noun.i, ("person",)):
        best = m
    return best


def _to_role(ctx: DocContext, tok: Token) -> None:
    """ "is set to helm Lamplight" where the parser takes "helm" for a name."""
    doc = ctx.doc
    role = TO_ROLES.get(tok.lower_)
    if role is None or tok.i < 1 or doc[tok.i - 1].lower_ != "to" or tok.i + 1 >= len(doc):
        return
    work = ctx.mention_at(tok.i + 1)
    if work is None or work.type not in ("film", "tv_series") or _rumour(tok):
        return
    gov = tok.head
    while gov.pos_ not in ("VERB", "AUX") and gov.head is not gov:
        gov = gov.head
    people = _verb_people(ctx, gov) if gov.pos_ in ("VERB", "AUX") else []
    for p in people:
        _credit(ctx, work, role, p, tok, confidence=0.8)


TO_ROLES = {"helm": "director", "direct": "director", "co-direct": "director",
            "write": "screenwriter", "pen": "screenwriter", "produce": "producer",
            "score": "composer"}


def _as_role(ctx: DocContext, tok: Token) -> bool:
    doc = ctx.doc
    j = tok.i + 1
    while j < len(doc) and j < tok.i + 4 and doc[j].lower_ in ("executive", "co", "-", "a", "an",
                                                            "the", "lead", "its", "his", "her"):
        j += 1
    if j >= len(doc):
        return False
    noun = doc[j].lower_.rstrip("s") if doc[j].lower_ != "series" else doc[j].lower_
    role = {"producer": "producer", "director": "director", "writer": "screenwriter",
            "screenwriter": "screenwriter", "composer": "composer"}.get(noun)
    if role is None:
        return False
    k = tok.i - 1
    if k >= 0 and doc[k].lower_ in ("serving", "serves", "served", "acting", "acts", "credited",
                                    "works", "working", "signed", "on", "board", "aboard"):
        k -= 1
        people = [person_at(ctx, k)] if person_at(ctx, k) else []
    else:
        people = []
        m = person_at(ctx, k)
        # "with Okoro-Lang and Lennart Quaade as executive producers"
        while m is not None:
            people.append(m)
            k = m.start - 1
            if k >= 0 and doc[k].text in (",", "and"):
                k -= 1
            m = person_at(ctx, k) if k >= 0 else None
        if not people or k < 0 or doc[k].lower_ not in ("with", ","):
            return False
    work = work_before(ctx, tok.i, tok.sent) or recent_work(ctx, tok.i)
    if work is None or work.type == "work":
        return False
    for p in people:
        _credit(ctx, work, role, p, tok, confidence=0.75)
    return True


def _apposed_work(ctx: DocContext, noun: Token) -> Mention | None:
    """The work a film noun stands in apposition to: "The Quota, a thriller ..."."""
    if noun.dep_ == "appos":
        m = ctx.mention_at(noun.head.i)
        if m is not None and m.type in WORK_TYPES:
            return m
    m = ctx.mention_at(noun.i)
    return m if m is not None and m.type in WORK_TYPES else None


def _person_after_descriptors(ctx: DocContext, i: int) -> Mention | None:
    """A person after up to four descriptors: "the late director Aldo Verrecchia",
    "Argentine director Julián Ferrabosco"."""
    doc = ctx.doc
    for j in range(i, min(len(doc), i + 6)):
        p = person_at(ctx, j)
        if p is not None:
            return p
        t = doc[j]
        if t.text == "-" and not t.whitespace_:
            continue  # "writer-director"
        if t.is_punct or not (t.text.islower() or t.pos_ == "ADJ" or t.ent_type_ == "NORP"):
            return None
    return None


def _name_after(ctx: DocContext, i: int) -> list[Mention]:
    """After "directed by", a name the model took for an organization is a person."""
    m = ctx.mention_at(i)
    if m is None or m.type != "organization" or m.source != "ner" or m.start != i:
        return []
    toks = [t for t in ctx.doc[m.start:m.end] if t.text not in ("-", "‐")]
    if not 2 <= len(toks) <= 4 or not all(t.text[:1].isupper() for t in toks):
        return []
    if toks[-1].text in ORG_WORDS:
        return []
    return [Mention(m.start, m.end, "person", m.name, "pattern")]


def _rumour(tok: Token) -> bool:
    return any(t.lower_ in ("rumoured", "rumored", "tipped", "talks", "odds")
               for t in tok.sent)


def possessive_directors(ctx: DocContext) -> None:
    """ "P's drama X": a possessive film-maker (run by crew, and again by implied
    once awards have named more film-makers)."""
    doc = ctx.doc
    makers = filmmakers(ctx) | {f.object for f in ctx.facts if f.relation == "director"}
    for m in ctx.mentions:
        if m.type != "person" or m.name not in makers or m.end + 2 >= len(doc):
            continue
        if doc[m.end].text not in ("'s", "’s", "'"):
            continue
        direct = ctx.mention_at(m.end + 1)
        if direct is not None and direct.type in ("film", "tv_series") and \
                direct.start == m.end + 1:  # "Julián Ferrabosco's Ash Country"
            _credit(ctx, direct, "director", m, doc[m.start], confidence=0.7)
            continue
        j = m.end + 1
        while j < len(doc) and j < m.end + 5 and doc[j].lower_ not in FILM_NOUNS:
            if doc[j].is_punct and doc[j].text != "-":
                break
            j += 1
        if j >= len(doc) or doc[j].lower_ not in FILM_NOUNS:
            continue
        k = j + 1
        if k < len(doc) and doc[k].text in (",", "-", "–"):
            k += 1
        work = ctx.mention_at(k)
        if work is None:  # "Vera Drake - Leigh's 1950s drama"
            if m.start >= 2 and doc[m.start - 1].text in ("-", "–", ","):
                work = ctx.mention_at(m.start - 2)
        if work is not None and work.type in ("film", "tv_series"):
            _credit(ctx, work, "director", m, doc[m.start], confidence=0.75)


LIST_ROLES = {"written": "screenwriter", "directed": "director", "produced": "producer",
              "starring": "cast_member", "scripted": "screenwriter", "co-written": "screenwriter",
              "co-directed": "director", "co-starring": "cast_member", "scored": "composer"}


def _role_lists(ctx: DocContext) -> None:
    """ "Garden State - written, directed and starring Scrubs star Zach Braff alongside
    Natalie Portman": a list of roles after a work, then the person who holds them."""
    doc = ctx.doc
    for m in ctx.mentions:
        if m.type not in ("film", "tv_series") or m.end + 2 >= len(doc):
            continue
        if doc[m.end].text not in ("-", "–", ","):
            continue
        j = m.end + 1
        roles = []
        while j < len(doc) and (doc[j].lower_ in LIST_ROLES or doc[j].text in (",", "and")):
            if doc[j].lower_ in LIST_ROLES:
                roles.append(LIST_ROLES[doc[j].lower_])
            j += 1
        if len(roles) < 2 or j < len(doc) and doc[j].lower_ == "by":
            continue  # "X, written and directed by P" is the passive pattern's
        person = None
        for k in range(j, min(len(doc), j + 6)):
            person = person_at(ctx, k)
            if person is not None:
                break
        if person is None or hedged_at(doc, m.start):
            continue
        for role in roles:
            _credit(ctx, m, role, person, doc[m.end + 1], confidence=0.75)
        k = person.end
        if k + 1 < len(doc) and doc[k].lower_ in ("alongside", "opposite", "with"):
            other = person_at(ctx, k + 1)
            if other is not None and "cast_member" in roles:
                _credit(ctx, m, "cast_member", other, doc[k], confidence=0.75)


# every word a branch of extract() opens on, by lower-case form or lemma
CREW_TRIGGERS = frozenset(VERB_ROLES) | frozenset(TO_ROLES) | frozenset(NOUN_ROLES) | {
    "screenplay", "script", "teleplay", "as", "from", "by"}
