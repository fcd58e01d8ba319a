"""Cast and characters: cast_member (with `character`) and voice_actor.

Patterns: "starring A, B and C"; "A stars / starred / will star in X";
"X star A"; "A plays / will play / portrays / voices C"; "A as C";
"C (A)"; "A and B star as ..."; "step into the shoes of C".
"""

from __future__ import annotations

from spacy.tokens import Token

from newsreel.extract.context import WORK_TYPES, DocContext, Mention, token_hashes
from newsreel.extract.relations.common import (
    antecedent,
    clause_person,
    default_work,
    hedged,
    hedged_at,
    main_work,
    negated,
    person_at,
    person_list_after,
    recent_work,
    referent,
    says_the_film,
    work_before,
    work_list,
    work_near,
    work_of,
)
from newsreel.extract.titles import title_run

PLAY_LEMMAS = {"play", "portray", "voice", "star", "reprise", "depict"}


def _subjects(ctx: DocContext, verb: Token) -> list[Mention]:
    """People who are the subject of a verb (with coordination)."""
    out = []
    for c in verb.children:
        if c.dep_ in ("nsubj", "nsubjpass"):
            if c.lower_ == "who" and verb.dep_ == "relcl":  # "Grazer (who also appeared in"
                doc = ctx.doc
                p = person_at(ctx, verb.head.i)
                if p is not None and p.end + 2 < len(doc) and doc[p.end].text == "(" and \
                        person_at(ctx, p.end + 1):
                    p = person_at(ctx, p.end + 1)  # "Derek Shepherd (Patrick Dempsey), who"
                elif p is not None and p.start > 0 and doc[p.start - 1].pos_ in ("ADJ", "DET"):
                    p = None  # "likened to a contemporary Indiana Jones, who ..."
                if p:
                    out.append(p)
                continue
            if c.lower_ in ("he", "she"):
                p = antecedent(ctx, c)
                if p:
                    out.append(p)
                continue
            for t in [c, *c.conjuncts]:
                p = person_at(ctx, t.i)
                if p:
                    out.append(p)
    if not out and verb.i > 0 and not any(c.dep_ in ("nsubj", "nsubjpass")
                                          for c in verb.children):
        before = person_at(ctx, verb.i - 1)  # "Tom Vell stars in": a misparsed subject
        if before is not None and before.end == verb.i:
            return [before]
    if not out and verb.dep_ in ("xcomp", "conj", "ccomp") and verb.head.pos_ in ("VERB", "AUX"):
        return _subjects(ctx, verb.head)
    return out


def _character_after(ctx: DocContext, i: int) -> str | None:
    doc = ctx.doc
    if i >= len(doc):
        return None
    if doc[i].lower_ in ("the",) and i + 1 < len(doc) and doc[i + 1].lower_ == "role":
        i += 3 if i + 2 < len(doc) and doc[i + 2].lower_ == "of" else 2
    end = title_run(doc, i, limit=5)
    if end <= i:
        return None
    for k in range(i + 1, end):  # a character's name stops at "and": "Eli Shaw and Dee Ames"
        if doc[k].lower_ in ("and", "or", "&", "with", "in", "on", "at", "for", "from", "to",
                             "opposite", "alongside"):
            end = k
            break
    m = ctx.mention_at(i)
    if m is not None and m.type not in ("person", "character") and m.source != "ner":
        return None
    text = doc[i:end].text
    if text in {"The", "A", "He", "She", "They", "It"}:
        return None
    # "Darin's wife", "Vera's weary handler, Tomas Hale"
    if end + 1 < len(doc) and doc[end].text in ("'s", "’s"):
        k = end + 1
        while k < len(doc) and k < end + 7 and (doc[k].text.islower() and doc[k].is_alpha or
                                                 doc[k].text == "-" and not doc[k].whitespace_
                                                 and not doc[k - 1].whitespace_):
            k += 1
        if k > end + 1:
            if k + 1 < len(doc) and doc[k].text == "," and doc[k + 1].text[:1].isupper():
                later = title_run(doc, k + 1, limit=5)
                if later > k + 1 and doc[k + 1].pos_ == "PROPN":
                    return doc[k + 1:later].text
            return doc[i:k].text
    # "KGB colonel Arkady Sorin": a title-case name after a descriptor
    k = end
    while k < len(doc) and k < end + 3 and doc[k].text.islower() and doc[k].is_alpha:
        k += 1
    if k > end and k < len(doc) and doc[k].pos_ == "PROPN" and doc[k].text[:1].isupper():
        later = title_run(doc, k, limit=5)
        if later > k and (end - i == 1 and doc[i].text.isupper()):
            return doc[k:later].text
    return text


JOIN_LEMMAS = {"join", "return", "be", "cast", "tap", "sign", "board", "reprise", "come",
               "round", "appear", "hire", "step"}


def _as_character(ctx: DocContext, p: Mention) -> str | None:
    """The role after an actor: "Liam Neeson as sex researcher Alfred Kinsey",
    "Brenda Blethyn, as Darin's mother"."""
    doc = ctx.doc
    k = p.end
    if k < len(doc) and doc[k].text == ",":
        k += 1
    if k >= len(doc) or doc[k].lower_ != "as":
        return None
    return _character_after(ctx, k + 1) or _name_in(ctx, k + 1, min(len(doc), k + 6))


def _verb_people_cast(ctx: DocContext, verb: Token) -> list[Mention]:
    """Subjects of a casting verb, through "who" relative clauses."""
    people = _subjects(ctx, verb)
    if people:
        return people
    if verb.dep_ == "relcl":
        p = person_at(ctx, verb.head.i)
        return [p] if p else []
    return []


def _name_in(ctx: DocContext, start: int, end: int) -> str | None:
    """The first capitalized name in a span ("the double agent Edmund Crane")."""
    doc = ctx.doc
    for i in range(start, min(end, len(doc))):
        if doc[i].text[:1].isupper() and not doc[i].is_sent_start and doc[i].pos_ == "PROPN":
            name = _character_after(ctx, i)
            if name:
                return name
    return None


def _apposed_credit(ctx: DocContext, tok: Token) -> bool:
    """ "X star/actor P" and "P, star of X": a credit stated in apposition."""
    doc = ctx.doc
    done = False
    if tok.lower_ in ("star", "actor", "actress", "co-star") and tok.i + 1 < len(doc) and \
            doc[tok.i + 1].lower_ == "of":
        k = tok.i + 2
        while k < len(doc) and k < tok.i + 6 and ctx.mention_at(k) is None and \
                doc[k].text.islower():
            k += 1
        work = ctx.mention_at(k)
        person = None
        j = tok.i - 1
        while j >= 0 and j > tok.i - 4 and doc[j].text in (",", "the", "a", "former"):
            j -= 1
        person = person_at(ctx, j) if j >= 0 else None
        if work is not None and work.type in WORK_TYPES and person is not None:
            ctx.add_fact(work, "cast_member", person, tok, confidence=0.8)
            done = True
    prev = ctx.mention_at(tok.i - 1) if tok.i else None
    if prev is not None and prev.type in WORK_TYPES and prev.end == tok.i and \
            person_at(ctx, tok.i + 1) if tok.i + 1 < len(doc) else False:
        for p in person_list_after(ctx, tok.i + 1):
            ctx.add_fact(prev, "cast_member", p, tok, confidence=0.8)
        done = True
    return done


def _known_for(ctx: DocContext, tok: Token) -> bool:
    """ "P, best known for the crime drama series X": P's credit on X."""
    doc = ctx.doc
    if tok.i + 1 >= len(doc) or doc[tok.i + 1].lower_ not in ("for", "as"):
        return False
    k = tok.i + 2
    while k < len(doc) and k < tok.i + 8 and ctx.mention_at(k) is None and \
            not doc[k].is_punct:
        k += 1
    work = ctx.mention_at(k)
    if work is None or work.type not in ("film", "tv_series"):
        return False
    j = tok.i - 1
    while j >= 0 and j > tok.i - 4 and doc[j].lower_ in (",", "best", "well", "widely",
                                                         "perhaps", "most", "is", "was"):
        j -= 1
    person = person_at(ctx, j) if j >= 0 else None
    if person is None:
        return False
    from newsreel.extract.relations.crew import filmmakers

    role = "director" if person.name in filmmakers(ctx) else "cast_member"
    for w in work_list(ctx, work):
        ctx.add_fact(w, role, person, tok, confidence=0.7)
    return True


def _sentence_opens_with_film_noun(ctx: DocContext, tok: Token) -> bool:
    """ "The period drama, set in 1950s Sicily, stars ...": the sentence opens with
    "the <film noun>"."""
    from newsreel.extract.titles import FILM_NOUNS

    sent = tok.sent
    doc = ctx.doc
    if doc[sent.start].lower_ not in ("the", "this"):
        return False
    for t in doc[sent.start + 1:min(tok.i, sent.start + 5)]:
        if t.lower_ in FILM_NOUNS:
            return True
        if not t.text.islower():
            return False
    return False


def _film_noun_subject(ctx: DocContext, tok: Token) -> bool:
    from newsreel.extract.titles import FILM_NOUNS

    doc = ctx.doc
    k = tok.i - 1
    seen_noun = False
    while k >= tok.sent.start and doc[k].pos_ in ("ADJ", "NOUN", "ADV", "PUNCT") and \
            doc[k].text.islower() or k >= tok.sent.start and doc[k].text == "-":
        seen_noun = seen_noun or doc[k].lower_ in FILM_NOUNS
        k -= 1
    return seen_noun and k >= tok.sent.start and doc[k].lower_ in ("the", "this", "its")


def _cast_with_characters(ctx: DocContext, work: Mention, tok: Token) -> None:
    """Every person after the trigger in the sentence, with "as C" characters."""
    doc = ctx.doc
    for m in ctx.mentions_in(tok.i + 1, tok.sent.end, ("person",)):
        prev = doc[m.start - 1]
        if prev.lower_ == "as":
            continue  # the character itself
        char = None
        if m.end < len(doc) and doc[m.end].lower_ == "as":
            char = _character_after(ctx, m.end + 1)
        ctx.add_fact(work, "cast_member", m, tok, confidence=0.8,
                     qualifiers={"character": char} if char else None)


def _recent_work(ctx: DocContext, i: int) -> Mention | None:
    """The last work mentioned before token i, within this or the previous sentence."""
    sent = ctx.doc[i].sent
    floor = sent.start
    if sent.start > 0:
        floor = ctx.doc[sent.start - 1].sent.start
    best = None
    for m in ctx.mentions:
        if m.start >= i:
            break
        if m.type in WORK_TYPES and m.start >= floor:
            best = m
    return best


def _coordinated(ctx: DocContext, person: Mention) -> list[Mention]:
    """A person and the people coordinated with them: "Emily Blunt and Nathalie Press"."""
    doc = ctx.doc
    out = [person]
    j = person.end
    while j + 1 < len(doc) and doc[j].text in (",", "and"):
        k = j + 1 if doc[j + 1].text != "and" else j + 2
        nxt = person_at(ctx, k) if k < len(doc) else None
        if nxt is None or nxt.start != k:
            break
        out.append(nxt)
        j = nxt.end
    k = person.start - 1  # and those before it: "A, B and C"
    while k > 0 and doc[k].text in (",", "and"):
        prev = person_at(ctx, k - 1)
        if prev is None:
            break
        out.insert(0, prev)
        k = prev.start - 1
    return out


def _sentence_person(ctx: DocContext, tok: Token) -> Mention | None:
    """The person a "his/her role" belongs to: the subject of the clause, else the
    nearest person before the token in its sentence, else (he/she) the antecedent."""
    head = tok
    while head.head is not head and head.dep_ not in ("ROOT",):
        if head.pos_ in ("VERB", "AUX"):
            break
        head = head.head
    for c in head.children:
        if c.dep_ in ("nsubj", "nsubjpass"):
            p = person_at(ctx, c.i)
            if p:
                return p
            if c.lower_ in ("he", "she"):
                return antecedent(ctx, c)
    best = None
    for m in ctx.mentions_in(tok.sent.start, tok.i, ("person",)):
        best = m
    if best is None and any(t.lower_ in ("his", "her") for t in ctx.doc[tok.i - 2:tok.i]):
        return antecedent(ctx, tok)
    return best


def _role_pairs(ctx: DocContext, start: int) -> list[tuple[str, Mention]]:
    """ "Merle Jackson in Coronation Street, Mandy Cutler in Paradise Heights and
    Mand in Grease Monkeys": (character, work) pairs from token `start` on."""
    doc = ctx.doc
    end = doc[start].sent.end if start < len(doc) else start
    out: list[tuple[str, Mention]] = []
    j = start
    while j < end:
        if doc[j].lower_ in ("the", "a", "an", "roles", "role", "characters", "such", "as",
                             "including", "include", "included"):
            j += 1
            continue
        if doc[j].text.islower() and doc[j].lower_ not in ("and", "in") and j + 1 < end and \
                doc[j + 1].text[:1].isupper():
            j += 1  # "nurse Sarah in Death Becomes Him"
        k = j
        while k < end and k < j + 8 and doc[k].lower_ != "in" and not doc[k].is_punct:
            k += 1
        if k >= end or k == j or doc[k].lower_ != "in" or not doc[k - 1].text[:1].isupper():
            break
        work = ctx.mention_at(k + 1)
        if work is None or work.type not in WORK_TYPES or work.start != k + 1:
            break
        char = _character_after(ctx, j)
        if not char:
            break
        out.append((char, work))
        j = work.end
        if j + 2 < end and doc[j].text == "(" and doc[j + 2].text == ")":
            j += 3
        if j < end and doc[j].text == "," and j + 1 < end and doc[j + 1].lower_ == "and":
            j += 2
        elif j < end and doc[j].text in (",", "and"):
            j += 1
        else:
            break
    return out


def _add_role_pairs(ctx: DocContext, tok: Token, people: list[Mention]) -> bool:
    pairs = _role_pairs(ctx, tok.i + 1)
    for char, work in pairs:
        ctx.mark_character(char)
        for p in people:
            ctx.add_fact(work, "cast_member", p, tok, qualifiers={"character": char},
                         confidence=0.8)
    return bool(pairs)


CREDIT_ROLES = {"writing": "screenwriter", "directing": "director", "directorial": "director",
                "producing": "producer", "production": "producer", "screenwriting":
                "screenwriter"}


def _credits_list(ctx: DocContext, tok: Token) -> bool:
    """ "Her television credits include X and Y", "roles including C in X": the
    credits of the person the clause is about."""
    doc = ctx.doc
    sent = tok.sent
    noun = next((t for t in reversed(doc[max(sent.start, tok.i - 12):tok.i])
                 if t.lower_ in ("credits", "roles", "role", "parts", "characters")), None)
    if noun is None or hedged_at(doc, tok.i):
        return False
    role = next((CREDIT_ROLES[t.lower_] for t in doc[max(sent.start, noun.i - 3):noun.i]
                 if t.lower_ in CREDIT_ROLES), "cast_member")
    poss = next((t for t in doc[max(sent.start, noun.i - 4):noun.i]
                 if t.lower_ in ("his", "her") and t.head.i == noun.i), None)
    person = antecedent(ctx, poss) if poss is not None else _sentence_person(ctx, noun)
    if person is None:  # "She is known for playing characters such as ...": up the tree
        person = clause_person(ctx, noun)
    if person is None:
        return False
    if role == "cast_member" and _add_role_pairs(ctx, tok, [person]):
        return True
    k = tok.i + 1
    while k < sent.end and k < tok.i + 4 and doc[k].lower_ in ("the", "a", "an", ":"):
        k += 1
    work = ctx.mention_at(k)
    if work is None or work.type not in WORK_TYPES or work.start != k:
        return False
    for w in work_list(ctx, work):
        ctx.add_fact(w, role, person, tok, confidence=0.75)
    return True


def _as_list(ctx: DocContext) -> None:
    """ "starred María Corda as Helen, Lewis Stone as Menelaus, and Ricardo Cortez as
    Paris": after a cast member with a role, each "Name as Role" in the same list is
    one too, even a name the model missed."""
    doc = ctx.doc
    for f in list(ctx.facts):
        if f.relation != "cast_member" or not f.qualifiers.get("character"):
            continue
        person = next((m for m in ctx.mentions_in(*_sent_bounds(ctx, f), ("person",))
                       if m.name == f.object and m.end < len(doc) and
                       doc[m.end].lower_ == "as"), None)
        if person is None:
            continue
        j = person.end + 1
        end = doc[person.start].sent.end
        char_end = _name_end(doc, j, end)
        while char_end < end:
            k = char_end
            if doc[k].text == ",":
                k += 1
            if k < end and doc[k].lower_ == "and":
                k += 1
            if k == char_end:
                break
            name_end = k
            while name_end < end and name_end < k + 4 and doc[name_end].text[:1].isupper():
                name_end += 1
            if not 2 <= name_end - k <= 4 or name_end >= end or doc[name_end].lower_ != "as":
                break
            if any(t.is_punct or t.pos_ in ("PRON", "DET") for t in doc[k:name_end]):
                break
            m = ctx.mention_at(k)
            if m is not None and m.type != "person" and m.source != "ner":
                break
            if m is not None and m.type != "person":
                m = None  # the model's "Helen, Lewis Stone" organization
            actor = m if m is not None else Mention(k, name_end, "person", doc[k:name_end].text,
                                                    "pattern")
            char = _character_after(ctx, name_end + 1)
            if not char:
                break
            ctx.add_fact(f.subject, "cast_member", actor, doc[k], confidence=0.75,
                         qualifiers={"character": char}, subject_type=f.subject_type)
            char_end = _name_end(doc, name_end + 1, end)


def _name_end(doc, i: int, end: int) -> int:
    """End of a role's name: capitalized words, or "the captain"-style words, up
    to the next comma or "and"."""
    k = i
    while k < end and k < i + 6 and doc[k].text not in (",", ".", ";") and \
            doc[k].lower_ != "and":
        k += 1
    return k


def _sent_bounds(ctx: DocContext, f) -> tuple[int, int]:
    span = ctx.doc.char_span(f.evidence.start, f.evidence.end, alignment_mode="expand")
    return (span.start, span.end) if span is not None else (0, 0)


def _alongside(ctx: DocContext, tok: Token) -> None:
    """The subject and the people "with"/"alongside"/"opposite" them, when the
    same clause names the work "in" which they appear."""
    preps = [c for c in tok.children if c.dep_ == "prep"]
    works = [m for c in preps if c.lower_ == "in"
             for m in ctx.mentions_in(c.i + 1, c.right_edge.i + 1, ("film", "tv_series"))]
    others = [m for c in preps if c.lower_ in ("with", "alongside", "opposite")
              for m in ctx.mentions_in(c.i + 1, c.right_edge.i + 1, ("person",))]
    if len(works) != 1 or not others or hedged_at(ctx.doc, tok.i):
        return
    people = _subjects(ctx, tok)
    for p in [*people, *others]:
        ctx.add_fact(works[0], "cast_member", p, tok, confidence=0.75)


INSTRUMENTS = {"bass", "guitar", "drum", "drums", "piano", "keyboard", "keyboards", "violin",
               "cello", "saxophone", "sax", "trumpet", "organ", "harmonica", "banjo", "flute",
               "percussion", "synthesizer", "synth", "harp", "ukulele", "mandolin", "fiddle",
               "gig", "concert"}


NOT_CAST_OBJECTS = {"music", "song", "songs", "score", "soundtrack", "track", "tracks",
                    "vocals", "interview", "interviews", "work", "works", "artwork", "photos"}


def _features_people(ctx: DocContext, tok: Token) -> bool:
    subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
    dobj = next((c for c in tok.children if c.dep_ == "dobj"), None)
    if subj is None or dobj is None or dobj.lemma_ in NOT_CAST_OBJECTS or \
            person_at(ctx, subj.i) or subj.lower_ in ("he", "she", "they", "who"):
        return False
    at = ctx.mention_at(subj.i)
    if at is not None and at.type in WORK_TYPES:
        work = at
    elif says_the_film(ctx, subj.left_edge.i, subj.i + 1):
        work = work_of(ctx, tok, subj)
    else:
        return False
    people = ctx.mentions_in(dobj.left_edge.i, dobj.right_edge.i + 1, ("person",))
    if work is None or not people:
        return False
    for p in people:
        if ctx.doc[p.start - 1].lower_ == "as":
            continue  # a character
        ctx.add_fact(work, "cast_member", p, tok, confidence=0.75)
    return True


def _work_for(ctx: DocContext, tok: Token) -> Mention | None:
    return work_near(ctx, tok) or recent_work(ctx, tok.i)


CAST_TRIGGERS = frozenset({
    "star", "stars", "starred", "starring", "co-star", "co-stars", "co-starring", "actor",
    "actress", "actors", "lead", "leads", "known", "featuring", "including", "include",
    "includes", "included", "as", "role", "roles", "performance", "performances", "turn",
    "part", "appearance", "appearances", "cameo", "fame", "cast", "ensemble", "line-up",
    "lineup", "protagonists", "feature", "pair", "team", "reunite", "appear", "act",
    "play", "portray", "voice", "reprise", "depict"}) | JOIN_LEMMAS | PLAY_LEMMAS


def extract(ctx: DocContext) -> None:
    doc = ctx.doc
    # only the tokens a branch below opens on (by lower-case form or lemma)
    for i in token_hashes(doc).find(CAST_TRIGGERS):
        tok = doc[i]
        lemma = tok.lemma_.lower()
        low = tok.lower_
        # appositive credits hold in any sentence: "Star Wars actor Ewan McGregor",
        # "star of hit film Amelie", "best known for the series X"
        if low in ("star", "stars", "actor", "actress", "co-star") and _apposed_credit(ctx, tok):
            continue
        if low == "known" and _known_for(ctx, tok):
            continue
        if hedged_at(doc, tok.i) and low not in ("starring",):
            continue
        # "starring A, B and C"
        if low in ("starring", "co-starring", "featuring"):
            # not "featuring Clancy's character Jack Ryan": a possessor is no cast member
            people = [p for p in person_list_after(ctx, tok.i + 1)
                      if p.end >= len(doc) or doc[p.end].text not in ("'s", "’s", "'")]
            work = work_before(ctx, tok.i, tok.sent)
            if work is None:  # "The Sablewood Pictures release, ... starring X"
                noun = says_the_film(ctx, tok.sent.start, tok.i)
                work = referent(ctx, tok.i, noun) if noun else _work_for(ctx, tok)
            for p in people:
                if work:
                    ctx.add_fact(work, "cast_member", p, tok, confidence=0.85,
                                 qualifiers={"character": _as_character(ctx, p)})
            continue
        # "X star A", "X stars A and B", "Dead Man's Shoes' star A", "its star A",
        # "X director and co-star A"
        if low in ("star", "stars", "co-star", "co-stars", "actor", "actress", "actors",
                   "lead", "leads") and tok.i + 1 < len(doc) and person_at(ctx, tok.i + 1):
            people = person_list_after(ctx, tok.i + 1)
            k = tok.i - 1
            if k >= 0 and doc[k].text in ("'s", "’s", "'", "’"):
                k -= 1
            while k >= 1 and doc[k].lower_ in ("and", "director", "writer", "producer",
                                                 "creator", "co-writer", "-"):
                k -= 1
            prev = ctx.mention_at(k) if k >= 0 else None
            if prev is not None and prev.type in WORK_TYPES and prev.end == k + 1:
                for p in people:
                    ctx.add_fact(prev, "cast_member", p, tok, confidence=0.85)
                continue
            if k >= 0 and doc[k].lower_ in ("its", "whose"):
                work = _recent_work(ctx, tok.i)
                if work is not None:
                    for p in people:
                        ctx.add_fact(work, "cast_member", p, tok, confidence=0.75)
                continue
        # "her credits include X and Y", "roles including C in X, D in Y"
        if (low in ("including", "include", "includes", "included") or low == "as" and
                tok.i > 0 and doc[tok.i - 1].lower_ == "such") and _credits_list(ctx, tok):
            continue
        # "for her role in X", "his performance in X", "for his role as C in X"
        if low in ("role", "roles", "performance", "performances", "turn", "part", "appearance",
                   "appearances", "cameo", "fame") and \
                tok.i + 2 < len(doc):
            j = tok.i + 1
            char = None
            if doc[j].lower_ == "as":
                char = _character_after(ctx, j + 1)
                while j < len(doc) and j < tok.i + 8 and doc[j].lower_ != "in":
                    j += 1
            if j < len(doc) and doc[j].lower_ in ("in", "on"):
                k = j + 1
                while k < len(doc) and k < j + 12 and (ctx.mention_at(k) is None or
                                                      ctx.mention_at(k).type not in WORK_TYPES) \
                        and (not doc[k].is_punct or doc[k].text in ("-", ",", "'s", "’s")):
                    k += 1
                work = ctx.mention_at(k)
                if work is not None and work.type in WORK_TYPES and not hedged_at(doc, tok.i):
                    person = _sentence_person(ctx, tok)
                    people = [person] if person is not None else []
                    if person is not None and any(t.lower_ == "their" for t in
                                                  doc[max(0, tok.i - 3):tok.i]):
                        people = _coordinated(ctx, person)  # "A and B ... their performances"
                    works = work_list(ctx, work)
                    for person in people:
                        for w in works:
                            ctx.add_fact(w, "cast_member", person, tok,
                                         qualifiers={"character": char}
                                         if char and len(works) == 1 else None,
                                         confidence=0.75)
                continue
        # "The cast included A, B and C", "the ensemble features A and B"
        if (low in ("cast", "ensemble", "line-up", "lineup") and tok.i + 2 < len(doc) and
                (doc[tok.i + 1].lemma_ in ("include", "feature", "comprise", "be") or
                 doc[tok.i + 1].lower_ == "of") or
                low in ("protagonists", "leads", "stars") and tok.i + 2 < len(doc) and
                doc[tok.i + 1].lower_ in ("are", "were") and tok.i > 0 and
                doc[tok.i - 1].lower_ in ("the", "main", "its", "two", "lead")) and \
                person_list_after(ctx, tok.i + 2) and not hedged_at(doc, tok.i):
            work = work_before(ctx, tok.i, tok.sent) or default_work(ctx, tok.i)
            if work is not None:
                for p in person_list_after(ctx, tok.i + 2):
                    ctx.add_fact(work, "cast_member", p, tok, confidence=0.8)
            continue
        # "The supernatural mystery stars A as C, ... and B as D" (parsed as a noun)
        if low in ("stars", "starred", "co-stars") and tok.pos_ != "VERB" and \
                person_at(ctx, tok.i + 1) and tok.i > 0:
            prev = ctx.mention_at(tok.i - 1)
            work = prev if prev is not None and prev.type in WORK_TYPES else None
            if work is None and (_film_noun_subject(ctx, tok) or _sentence_opens_with_film_noun(
                    ctx, tok)):
                work = work_before(ctx, tok.i, tok.sent) or main_work(ctx)
            if work is not None:
                _cast_with_characters(ctx, work, tok)
                continue
        if tok.pos_ not in ("VERB", "AUX") or negated(tok):
            continue
        # "The series features twin brothers A and B", "The episode featured guest
        # performances by A, B and C"
        if lemma == "feature" and _features_people(ctx, tok):
            continue
        # "Porter was paired with A and B in the 2009 film Bandslam"
        if lemma in ("pair", "team", "reunite", "co-star", "star", "appear", "cast", "act"):
            _alongside(ctx, tok)
        # "A stars in X", "A starred in X", "A appeared in X"
        if lemma in ("star", "appear", "co-star") or low == "starred":
            preps = [c for c in tok.children if c.dep_ == "prep" and c.lower_ in (
                "in", "opposite", "alongside", "on")]
            # "In 2009 she appeared in Nightjar": the "in" that holds a work
            prep = next((c for c in preps if c.lower_ in ("in", "on") and ctx.mentions_in(
                c.i + 1, c.right_edge.i + 1, WORK_TYPES)), None) or next(
                (c for c in preps if c.lower_ != "on"), None)
            people = _subjects(ctx, tok)
            if prep is not None and prep.lower_ in ("in", "on"):
                obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
                if obj is None:  # "stars in and co-wrote Shaun of the Dead"
                    obj = next((d for c in tok.children if c.dep_ == "conj"
                                for d in c.children if d.dep_ == "dobj"), None)
                work = ctx.mention_at(obj.i) if obj is not None else None
                if work is None and obj is not None:
                    work = next(iter(ctx.mentions_in(obj.left_edge.i, obj.right_edge.i + 1,
                                                     WORK_TYPES)), None)
                if work is None and obj is not None:  # "starred in that 2023 film"
                    noun = says_the_film(ctx, obj.left_edge.i, obj.right_edge.i + 1)
                    work = referent(ctx, tok.i, noun) if noun else None
                if work is not None and work.type in WORK_TYPES:
                    works = ctx.mentions_in(obj.left_edge.i, obj.right_edge.i + 1, WORK_TYPES) \
                        if obj is not None else []
                    works = works or [work]
                    char = None
                    if len(works) == 1 and works[0].end + 1 < len(doc) and \
                            doc[works[0].end].lower_ == "as":  # "appeared in X as Ada"
                        char = _character_after(ctx, works[0].end + 1)
                    for w in works:
                        for p in people:
                            ctx.add_fact(w, "cast_member", p, tok, confidence=0.85,
                                         qualifiers={"character": char} if char else None)
                    continue
            # "the film ... also stars Tom Hanks", "X stars A and B"
            dobj = next((c for c in tok.children if c.dep_ == "dobj"), None)
            if dobj is not None and not person_at(ctx, dobj.i) and dobj.lower_ in (
                    "actors", "actor", "actresses", "actress", "stars", "newcomers", "veterans"):
                inner = ctx.mentions_in(dobj.left_edge.i, dobj.right_edge.i + 1, ("person",))
                if inner:  # "also stars British actors Bob Hoskins and Brenda Blethyn"
                    dobj = ctx.doc[inner[0].end - 1]
            if dobj is not None and person_at(ctx, dobj.i) and tok.lower_ in (
                    "stars", "starred", "star", "co-stars"):
                subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
                if subj is None and tok.dep_ == "conj":
                    subj = next((c for c in tok.head.children if c.dep_ in (
                        "nsubj", "nsubjpass")), None)
                work = work_of(ctx, tok, subj)
                if work is not None:
                    for t in [dobj, *dobj.conjuncts]:
                        p = person_at(ctx, t.i)
                        if p:
                            char = _as_character(ctx, p)
                            ctx.add_fact(work, "cast_member", p, tok, confidence=0.85,
                                         qualifiers={"character": char} if char else None)
                continue
            # "A and B star as the two leads"
            as_prep = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "as"),
                           None)
            if people and (as_prep is not None or lemma == "star"):
                work = work_before(ctx, tok.i, tok.sent) or _work_for(ctx, tok)
                if work is None:
                    continue
                char = (_character_after(ctx, as_prep.i + 1) or _name_in(
                    ctx, as_prep.i + 1, as_prep.right_edge.i + 1)) if as_prep is not None else None
                for p in people:
                    ctx.add_fact(work, "cast_member", p, tok,
                                 qualifiers={"character": char} if char and len(people) == 1
                                 else None, confidence=0.8)
            continue
        # "A plays C", "A will portray C", "A voices C"
        if lemma in ("play", "portray", "voice", "reprise", "depict"):
            people = _subjects(ctx, tok)
            if not people or lemma == "play" and any(
                    c.dep_ == "dobj" and c.lemma_ in INSTRUMENTS for c in tok.children):
                continue  # "Manring plays fretless bass on the album"
            if lemma in ("play", "portray") and _add_role_pairs(ctx, tok, people):
                continue
            obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
            char = None
            if obj is not None:
                start = obj.left_edge.i
                char = _character_after(ctx, start if doc[start].lower_ not in (
                    "the", "a", "an") else start + 1)
                if char is None:  # "played the double agent Edmund Crane"
                    last = max((c.right_edge.i for c in tok.children if c.dep_ == "dobj"),
                               default=obj.i)
                    char = _name_in(ctx, start, last + 1)
                if char is None and obj.left_edge.lower_ in ("the", "a") and obj.lower_ in (
                        "role", "part"):
                    of = next((c for c in obj.children if c.lower_ == "of"), None)
                    if of is not None:
                        char = _character_after(ctx, of.i + 1)
                if char is None and doc[start].lower_ in ("the", "a", "an"):
                    # "plays the title role", "plays a widow": not a name
                    char = None
            work = work_before(ctx, tok.i, tok.sent) or _work_for(ctx, tok)
            if work is None:
                continue
            relation = "voice_actor" if lemma == "voice" else "cast_member"
            for p in people:
                ctx.add_fact(work, relation, p, tok,
                             qualifiers={"character": char} if char else None, confidence=0.8)
        # "joins as C", "is back as C", "has been cast as C", "tapped for the role of C"
        if lemma in JOIN_LEMMAS or lemma == "lead" and any(
                c.dep_ == "dobj" and c.lower_ in ("cast", "ensemble") for c in tok.children) or \
                lemma == "step" and "shoes" in [t.lower_ for t in tok.subtree]:
            people = _verb_people_cast(ctx, tok)
            if not people:
                continue
            char = None
            joins_work = lemma in ("lead", "step") or any(
                c.dep_ == "dobj" and (c.lower_ in ("cast", "ensemble", "film", "drama", "project",
                                                   "series", "movie") or ctx.mention_at(c.i))
                for c in tok.children)
            extra = [x for x in tok.subtree if x.lower_ == "as" and x.i > tok.i and
                     x.head in (tok, *[c for c in tok.children if c.dep_ == "dobj"])]
            for x in extra:
                char = char or _character_after(ctx, x.i + 1)
            if lemma == "step":
                of = next((x for x in tok.subtree if x.lower_ == "of" and x.head.lower_ ==
                           "shoes"), None)
                if of is not None:
                    char = _character_after(ctx, of.i + 1)
            for c in tok.children:
                if c.dep_ == "prep" and c.lower_ == "as":
                    char = _character_after(ctx, c.i + 1) or _name_in(
                        ctx, c.i + 1, c.right_edge.i + 1)
                elif c.dep_ == "prep" and c.lower_ == "for" or c.dep_ in ("attr", "dobj"):
                    of = next((x for x in c.subtree if x.lower_ == "of" and x.head.lower_ in (
                        "role", "part")), None)
                    if of is not None:
                        char = _character_after(ctx, of.i + 1)
                elif c.dep_ == "advmod" and c.lower_ == "back":
                    as_ = next((x for x in c.children if x.lower_ == "as"), None)
                    if as_ is not None:
                        char = _character_after(ctx, as_.i + 1)
            if char is None and not (joins_work or lemma == "cast" or lemma == "return" and any(
                    c.lower_ == "as" for c in tok.children)):
                continue
            work = work_before(ctx, tok.i, tok.sent) or _work_for(ctx, tok)
            if work is not None:
                for p in people:
                    ctx.add_fact(work, "cast_member", p, tok,
                                 qualifiers={"character": char} if char else None,
                                 confidence=0.75)
    _as_list(ctx)
    # "A (Title)": an actor with the work in brackets (nominee lists)
    for m in ctx.mentions:
        if m.type not in WORK_TYPES or m.start < 2:
            continue
        if doc[m.start - 1].text != "(" or m.end >= len(doc) or doc[m.end].text != ")":
            continue
        p = person_at(ctx, m.start - 2)
        if p is not None and not hedged(doc[m.start].sent):
            ctx.add_fact(m, "cast_member", p, doc[m.start], confidence=0.7)
    # "C (A)": a character with the actor in brackets
    for m in ctx.mentions:
        if m.type != "person" or m.start < 2:
            continue
        if doc[m.start - 1].text != "(" or m.end >= len(doc) or doc[m.end].text != ")":
            continue
        j = m.start - 1
        k = j
        while k > doc[j].sent.start and doc[k - 1].text[:1].isupper() and not doc[k - 1].is_punct:
            k -= 1
        if k == j:
            continue
        char = doc[k:j].text
        work = work_before(ctx, k, doc[k].sent) or work_near(ctx, doc[k]) or \
            default_work(ctx, k)
        if work is not None:
            ctx.add_fact(work, "cast_member", m, doc[m.start],
                         qualifiers={"character": char}, confidence=0.75)
