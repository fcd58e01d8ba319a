"""Who said a quote: attribution verbs, their subjects, and the person a
pronoun or a description ("she", "the actor", "the 74-year-old") stands for.

`Speakers` is built once per document. It knows which tokens are inside
quotes (people named inside a quote are never its speaker), each
sentence's subject (a person mention, or a pronoun resolved along the
chain of earlier subjects), what the document says about each person's
gender ("actress", "Mr", pronouns in sentences naming only them) and role
("director Ottavio Brandi", the crew and cast facts), and resolves a
subject token to a canonical name. Everything works on the spaCy parse of
the whole document; nothing is re-parsed.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

import numpy
from spacy.attrs import IDX, LOWER, ORTH, POS
from spacy.tokens import Span, Token

from newsreel.extract.context import WORK_TYPES, DocContext, Mention
from newsreel.extract.gazetteer import gazetteer

SPEECH_LEMMAS = {
    "say", "tell", "add", "explain", "recall", "joke", "admit", "note", "insist", "reveal",
    "claim", "comment", "remark", "continue", "declare", "describe", "call", "state", "ask",
    "reply", "answer", "quip", "laugh", "confess", "concede", "argue", "warn", "acknowledge",
    "observe", "muse", "enthuse", "gush", "rave", "praise", "thank", "announce", "suggest",
    "predict", "agree", "maintain", "stress", "speak", "confirm", "promise", "tweet",
    "write", "post", "complain", "boast", "urge", "vow", "tease", "hint", "shout",
    "exclaim", "reflect", "dub", "hail", "sigh", "smile", "chuckle", "deadpan", "offer",
    "elaborate", "emphasise", "emphasize", "point", "conclude", "assert", "lament",
    "recount", "read", "told", "said", "says", "adding", "telling", "joking", "saying",
}
SPEECH_NOUNS = {"statement", "interview", "speech", "address", "tweet", "post", "podcast"}
PRONOUNS = {"he": "m", "she": "f", "him": "m", "her": "f"}
GENDER_PRONOUNS = {"he": "m", "him": "m", "his": "m", "himself": "m",
                   "she": "f", "her": "f", "hers": "f", "herself": "f"}
FEMALE_WORDS = {"actress", "actresses", "wife", "mother", "sister", "daughter", "widow",
                "girlfriend", "spokeswoman", "chairwoman", "businesswoman", "queen",
                "princess", "mrs", "mrs.", "ms", "ms.", "miss", "dame", "lady", "woman",
                "aunt", "niece", "grandmother", "heroine", "songstress", "diva"}
MALE_WORDS = {"mr", "mr.", "sir", "lord", "husband", "father", "brother", "son",
              "boyfriend", "spokesman", "chairman", "businessman", "king", "prince", "man",
              "uncle", "nephew", "grandfather", "actor's"}
ROLE_SYNONYMS = {
    "actor": "actor", "actress": "actor", "star": "actor", "performer": "actor",
    "co-star": "actor", "costar": "actor", "newcomer": "actor", "comedian": "actor",
    "director": "director", "filmmaker": "director", "film-maker": "director",
    "helmer": "director", "auteur": "director", "showrunner": "writer",
    "writer": "writer", "screenwriter": "writer", "author": "writer", "novelist": "writer",
    "playwright": "writer", "scribe": "writer", "creator": "writer",
    "producer": "producer", "composer": "composer", "singer": "singer",
    "musician": "singer", "rapper": "singer", "critic": "critic", "analyst": "analyst",
    "founder": "founder", "president": "executive", "chief": "executive",
    "executive": "executive", "chairman": "executive", "chairwoman": "executive",
    "boss": "executive", "head": "executive", "spokesman": "spokesperson",
    "spokeswoman": "spokesperson", "spokesperson": "spokesperson",
}
LOOSE_ROLES = {"actor", "singer", "spokesperson", "executive"}  # said of the main person
FACT_ROLES = {"director": "director", "cast_member": "actor", "voice_actor": "actor",
              "screenwriter": "writer", "author": "writer", "producer": "producer",
              "composer": "composer"}
ORG_NOUNS = {"studio", "company", "streamer", "network", "distributor", "firm",
             "broadcaster", "festival", "organisers", "organizers", "agency", "channel",
             "label", "academy", "service", "platform", "group", "corporation", "bbc",
             "publisher", "band", "magazine", "newspaper", "paper", "organisation",
             "station", "organization", "charity", "union"}
PERSON_NOUNS = {"man", "woman", "presenter", "host", "winner", "nominee", "veteran",
                "frontman", "frontwoman", "singer", "rapper", "model", "designer", "artist",
                "dancer", "judge", "coach", "lawyer", "manager", "agent", "star", "legend",
                "icon", "chairman", "chairwoman", "mogul", "entrepreneur", "broadcaster",
                "journalist", "editor", "reporter", "organiser", "organizer", "curator",
                "programmer", "photographer", "cinematographer", "animator",
                "duo", "pair", "couple", "youngster", "teenager", "girl", "boy", "guitarist",
                "drummer", "bassist", "songwriter", "dj", "comic", "satirist", "historian",
                "expert", "professor", "politician", "minister", "mayor", "senator", "king",
                "queen", "prince", "princess", "duke", "duchess", "bishop", "archbishop",
                "pope", "priest", "leader", "campaigner", "activist", "fan", "mother",
                "father", "son", "daughter", "wife", "husband", "widow", "brother", "sister",
                "octogenarian", "nonagenarian", "septuagenarian", "grandmother",
                "grandfather", "heir", "heiress", "native", "oscar-winner"}
PEOPLE_PLURALS = {"critic", "fan", "analyst", "organiser", "organizer", "judge", "witness",
                  "lawyer", "official", "executive", "expert", "campaigner", "minister",
                  "viewer", "reviewer", "resident", "insider", "source", "member", "boss",
                  "police", "officer", "prosecutor", "juror", "voter", "student", "parent",
                  "teacher", "doctor", "scientist", "researcher", "observer", "commentator",
                  "insiders", "bookmaker", "bookie", "promoter", "representative",
                  "spokesperson", "people", "audience", "protester", "activist"}
COLLECTIVES = {"pair", "couple", "duo", "trio", "band", "group", "family", "cast", "crew",
               "team", "quartet", "siblings", "brothers", "sisters", "organisers",
               "organizers", "producers", "filmmakers", "directors"}
GENERIC_PEOPLE = {"spokesman", "spokeswoman", "spokesperson", "representative", "source",
                  "insider", "friend", "rep", "publicist", "aide", "statement", "official",
                  "executive", "member"}
SUBJ_DEPS = ("nsubj", "nsubjpass")
COMPANY_WORDS = {"Films", "Film", "Pictures", "Studios", "Studio", "Entertainment", "Media",
                 "Releasing", "Animation", "Productions", "TV", "Television", "Network",
                 "Records", "Group", "Inc", "Ltd", "Company", "Features", "Distribution",
                 "Channel", "News", "Radio", "Festival", "Awards", "Academy", "Magazine"}
MAKER_VERBS = {"direct": "director", "helm": "director", "co-direct": "director",
               "write": "writer", "pen": "writer", "adapt": "writer", "co-write": "writer",
               "script": "writer", "produce": "producer", "compose": "composer",
               "score": "composer", "create": "writer"}
WRITTEN_NOUNS = {"novel", "book", "memoir", "play", "script", "screenplay", "story",
                 "novels", "books", "series"}
CAST_VERBS = {"play", "star", "portray", "voice", "co-star", "costar", "join", "reprise",
              "embody", "board"}
CLIMB_DEPS = {"advcl", "conj", "xcomp", "ccomp", "pcomp", "dep", "parataxis", "acl", "prep",
              "pobj", "relcl"}
AGE = re.compile(r"^(\d{1,3})-year-old$")
AGE_TEXT = re.compile(r"\b(\d{1,3})\s?-\s?year\s?-\s?old\b")
PERSONISH = ("person",)
NAME_PARTICLES = {"de", "van", "von", "da", "del", "der", "le", "la", "bin", "al", "du", "di"}
TITLES = {"Mr", "Mr.", "Mrs", "Mrs.", "Ms", "Ms.", "Miss", "Dr", "Dr.", "Prof", "Prof."}
NOT_FIRST = {"Mr", "Mrs", "Ms", "Miss", "Dr", "Sir", "Dame", "Lord", "Lady", "The", "A", "An",
             "In", "On", "At", "As", "But", "And", "Film", "Director", "Actor", "Actress",
             "Star", "Producer", "Writer", "Speaking", "Said", "President", "Chief",
             "Professor", "Captain", "Officer", "Agent", "Detective", "Judge"}
ORGISH = ("organization", "outlet", "festival", "award")


@dataclass
class Who:
    """A resolved speaker: the canonical name and its entity type."""

    name: str
    type: str = "person"


def _drop_roles(name: str) -> str:
    """A name without the role or title words a tagger left in front of it:
    "Judges Simon Cowell", "Carib Chief Charles Williams" -> the person."""
    words = name.split()
    if not all(w[:1].isupper() or w in NAME_PARTICLES for w in words):
        return name  # "a spokesman for the author" is no proper name
    last_role = -1
    for k, w in enumerate(words[:-1]):
        if w in TITLES or w in NOT_FIRST or w.lower() in ROLE_SYNONYMS or \
                w.lower() in PERSON_NOUNS or w.lower().rstrip("s") in PERSON_NOUNS or \
                w.lower() in ("vice", "deputy", "acting", "dj", "chief", "agent"):
            last_role = k
    if last_role >= 0 and len(words) - last_role - 1 >= 1:
        rest = words[last_role + 1:]
        if len(rest) >= 2 or len(words) == 2:
            return " ".join(rest)
    return name


UNKNOWN = Who("")  # attributed, but to no one the text names


@dataclass
class SentInfo:
    subject: Who | None = None
    subject_tok: int = -1
    people: list[Mention] = field(default_factory=list)


class Speakers:
    def __init__(self, ctx: DocContext, in_quote: list[bool], text: str | None = None,
                 ) -> None:
        self.ctx = ctx
        self.doc = ctx.doc
        self.text = text if text is not None else ctx.body
        # token attributes as arrays, so that whole-document passes touch
        # only the tokens they need (a spaCy Token object is costly to make)
        arr = ctx.doc.to_array([POS, ORTH, LOWER, IDX])
        self._orth = arr[:, 1]
        self._idx = arr[:, 3].tolist()
        propn = ctx.doc.vocab.strings["PROPN"]
        self._propn = numpy.nonzero(arr[:, 0] == propn)[0].tolist()
        pron = {ctx.doc.vocab.strings[w] for w in GENDER_PRONOUNS}
        self._pronouns = [i for i, h in enumerate(arr[:, 2].tolist()) if h in pron]
        self.in_quote = in_quote
        self.sents: list[Span] = list(self.doc.sents)
        self.sent_of = [0] * len(self.doc)
        for k, s in enumerate(self.sents):
            for i in range(s.start, s.end):
                self.sent_of[i] = k
        self.people = [Mention(m.start, m.end, m.type, self.mention_name(m), m.source)
                       for m in ctx.mentions if m.type == "person"
                       and not any(in_quote[i] for i in range(m.start, m.end))
                       and m.name.split()[-1] not in COMPANY_WORDS]
        self._occ_cache: dict[str, list[int]] = {}
        self._full_cache: dict[str, str] = {}
        more = self._more_people()
        self.extra = {i: m for m in more for i in range(m.start, m.end)}
        self.people = sorted(self.people + more, key=lambda m: m.start)
        orgs = self._surname_orgs()
        self.extra.update({i: m for m in orgs for i in range(m.start, m.end)})
        self.people = sorted(self.people + orgs, key=lambda m: m.start)
        self.orgs = [m for m in ctx.mentions if m.type in ("organization",)
                     and not any(in_quote[i] for i in range(m.start, m.end))]
        self.surnames: dict[str, str] = {}
        for m in self.people:
            self.surnames.setdefault(m.name.split()[-1], m.name)
        self.by_sent: list[list[Mention]] = [[] for _ in self.sents]
        for m in self.people:
            self.by_sent[self.sent_of[m.start]].append(m)
        self.gender = self._genders()
        self.roles = self._roles()
        self.characters = self._characters()
        self.chain: list[SentInfo] = []
        self._full_cache: dict[str, str] = {}
        self.last_org: tuple[int, Who] | None = None

    # -- names --------------------------------------------------------------
    def _more_people(self) -> list[Mention]:
        """People the entity layer missed: a capitalized proper-noun run of
        two or more words that the model calls a person, or that is the
        subject of a verb ("Wilhelmina Okafor-Sand directed the chiller")."""
        doc, ctx = self.doc, self.ctx
        out: list[Mention] = []
        for i in self._propn:
            tok = doc[i]
            if self.in_quote[i] or not tok.text[:1].isupper():
                continue
            if tok.dep_ not in SUBJ_DEPS and tok.ent_type_ != "PERSON":
                continue
            if tok.i + 1 < len(doc) and doc[tok.i + 1].pos_ == "PROPN" and \
                    doc[tok.i + 1].dep_ in ("compound", "flat"):
                continue  # not the last word of the run
            start = self._run_start(tok)
            if tok.i + 1 - start < 2 or tok.text in COMPANY_WORDS:
                continue
            if ctx.mention_at(tok.i) or any(self._blocks_name(i, tok.i)
                                            for i in range(start, tok.i)):
                continue
            if tok.ent_type_ not in ("PERSON", "", "FAC", "WORK_OF_ART", "ORG", "NORP"):
                continue
            out.append(Mention(start, tok.i + 1, "person", doc[start:tok.i + 1].text,
                               "quotes"))
        return out

    def _surname_orgs(self) -> list[Mention]:
        """Surnames the model took for organizations ("Morrow-Lund admitted"):
        an organization mention the model found whose text ends a person's
        fuller name elsewhere in the body."""
        out = []
        for m in self.ctx.mentions:
            if m.type != "organization" or m.source != "ner" or m.end - m.start > 3 or \
                    any(self.in_quote[i] for i in range(m.start, m.end)):
                continue
            text = self.doc[m.start:m.end].text
            if text.split()[-1] in COMPANY_WORDS or not all(
                    t.text[:1].isupper() or t.text == "-" for t in self.doc[m.start:m.end]):
                continue
            while text.split(" ", 1)[0] in TITLES and " " in text:
                text = text.split(" ", 1)[1]  # "Dr Houck"
            if " " in text:  # "directed by Ilse Varga" tagged as a company
                if self._person_context(m):
                    out.append(Mention(m.start, m.end, "person", text, "quotes"))
                continue
            full = self.full_name(text)
            if full != text:
                out.append(Mention(m.start, m.end, "person", full, "quotes"))
        return out

    def _person_context(self, m: Mention) -> bool:
        root = self.doc[m.start:m.end].root
        if any(t.lower_ in ROLE_SYNONYMS or t.lower_ in PERSON_NOUNS
               for t in self._before_words(m, 3)):
            return True
        head = root.head
        if root.dep_ == "pobj" and head.lower_ == "by" and head.head.lemma_ in MAKER_VERBS:
            return True
        if root.dep_ in SUBJ_DEPS and (head.lemma_ in MAKER_VERBS or head.lemma_ in
                                       CAST_VERBS or is_speech_verb(head)):
            return True
        return root.dep_ in ("dobj", "pobj") and head.lower_ in ("starring", "stars")

    def _run_start(self, tok: Token) -> int:
        doc = self.doc
        start = tok.i
        while start > 0 and (doc[start - 1].pos_ == "PROPN" and doc[start - 1].text[:1]
                             .isupper() or doc[start - 1].text == "-"
                             and not doc[start - 1].whitespace_) \
                and doc[start - 1].text not in NOT_FIRST and tok.i - start < 4 \
                and not doc[start - 1].is_sent_end \
                and not (doc[start - 1].is_sent_start and doc[start - 1].lower_.endswith(
                    ("ing", "ed"))):  # "Describing Mr Jackson"
            start -= 1
        if doc[start].text == "-":
            start += 1
        if start > 0 and doc[start - 1].like_num and doc[start - 1].head.i in range(
                start, tok.i + 1) and doc[start - 1].dep_ in ("compound", "nummod"):
            start -= 1  # "50 Cent"
        return start

    def full_name(self, surface: str) -> str:
        """The fullest spelling of a person the document gives: "Wilson" ->
        "Tony Wilson" (a person mention ending in it, or the surface preceded by
        capitalized proper nouns somewhere in the body)."""
        surface = surface.strip()
        if not surface:
            return surface
        cached = self._full_cache.get(surface)
        if cached is None:
            cached = self._full_cache[surface] = self._full_name(surface)
        return cached

    def _full_name(self, surface: str) -> str:
        surface = _drop_roles(surface)  # "Vice Chairman Chris McGurk", "Dr Houck"
        ends, longer = [], []
        names = self.__dict__.get("_dropped_names")
        if names is None:  # each person mention's name without role words, once
            by_name: dict[str, str] = {}
            names = [by_name.setdefault(m.name, _drop_roles(m.name)) for m in self.people]
            self.__dict__["_dropped_names"] = names
        for name in names:
            if name.endswith(" " + surface):
                ends.append(name)
            elif name.startswith(surface + "-"):  # "Sofia Adeyemi" -> "...-Ruiz"
                longer.append(name)
        if longer:
            return max(longer, key=len)
        if ends:  # the plainest spelling: "Charles Williams", not "Carib Chief ..."
            return min(ends, key=lambda n: (len(n.split()), -ends.count(n)))
        if " " in surface:
            return surface
        doc = self.doc
        for start in self._occurrences(surface):
            j = start
            while j > 0 and doc[j - 1].pos_ == "PROPN" and doc[j - 1].text[:1].isupper() \
                    and doc[j - 1].text not in NOT_FIRST and not doc[j - 1].is_stop \
                    and not doc[j - 1].is_sent_end and start - j < 2 \
                    and not self._blocks_name(j - 1, start):
                j -= 1
            if j < start:
                return doc[j:start].text + " " + surface
        return surface

    def _blocks_name(self, i: int, surname: int) -> bool:
        """Token i belongs to a title or a gazetteer name, not to a first name
        (unless that span is exactly first name and surname: a name the
        other layers mistyped)."""
        m = self.ctx.mention_at(i)
        if m is None or m.start <= i and m.end == surname + 1 and m.end - m.start == 2:
            return False
        return m.type in WORK_TYPES or m.source == "gazetteer" and m.end - m.start > 1

    def _occurrences(self, surface: str) -> list[int]:
        if surface not in self._occ_cache:
            first = surface.split("-")[0]
            h = self.doc.vocab.strings[first]
            out = [i for i in numpy.nonzero(self._orth == h)[0].tolist()
                   if self.text.startswith(surface, self._idx[i])]
            self._occ_cache[surface] = out
        return self._occ_cache[surface]

    def person(self, surface: str) -> Who:
        return Who(self.full_name(surface))

    def mention_name(self, m: Mention) -> str:
        """A person mention's name, with a hyphenated second half the model
        cut off ("Malin Oyelowo" + "-Park")."""
        doc = self.doc
        e = m.end
        if e + 1 < len(doc) and doc[e].text == "-" and not doc[e - 1].whitespace_ \
                and not doc[e].whitespace_ and doc[e + 1].text[:1].isupper() \
                and doc[e + 1].pos_ == "PROPN" and m.name == doc[m.start:e].text:
            return m.name + "-" + doc[e + 1].text
        return m.name

    # -- document knowledge -------------------------------------------------
    def _before_words(self, m: Mention, n: int = 4) -> list[Token]:
        doc = self.doc
        out = []
        j = m.start - 1
        while j >= 0 and len(out) < n and not doc[j].is_sent_end:
            t = doc[j]
            if t.is_punct and t.text not in ("-", "'s", "’s") or self.ctx.mention_at(j) \
                    and self.ctx.mention_at(j).type == "person":
                break
            out.append(t)
            j -= 1
        return out

    def _known_words(self, m: Mention) -> tuple[list[Token], list[Token]]:
        """(`_before_words(m, 7)`, `_appos_words(m)`), made once per mention for the
        gender and role passes (the first three of seven words before a name are
        its three words before)."""
        memo = self.__dict__.setdefault("_known_memo", {})
        key = (m.start, m.end)
        got = memo.get(key)
        if got is None:
            got = memo[key] = (self._before_words(m, 7), self._appos_words(m))
        return got

    def _appos_words(self, m: Mention) -> list[Token]:
        root = self.doc[m.start:m.end].root
        out = [c for c in root.children if c.dep_ == "appos"]
        if root.dep_ == "appos":
            out.append(root.head)
        return [t for t in out if t.pos_ == "NOUN"]

    def _genders(self) -> dict[str, str]:
        votes: dict[str, list[int]] = {}

        def vote(name: str, g: str, w: int = 1) -> None:
            v = votes.setdefault(self.full_name(name), [0, 0])
            v[0 if g == "m" else 1] += w

        for m in self.people:
            before, appos = self._known_words(m)
            for t in before[:3] + appos:
                low = t.lower_
                if low in FEMALE_WORDS:
                    vote(m.name, "f", 3)
                elif low in MALE_WORDS:
                    vote(m.name, "m", 3)
        for k, sent in enumerate(self.sents):
            names = {m.name for m in self.by_sent[k]}
            if len(names) != 1:
                continue
            name = next(iter(names))
            first = self.by_sent[k][0].start
            j = bisect.bisect_right(self._pronouns, first)
            while j < len(self._pronouns) and self._pronouns[j] < sent.end:
                t = self.doc[self._pronouns[j]]
                j += 1
                if not self.in_quote[t.i]:
                    vote(name, GENDER_PRONOUNS[t.lower_])
            if k + 1 < len(self.sents) and not self.by_sent[k + 1]:
                nxt = self.sents[k + 1]  # its first "he"/"she" subject, among the pronouns
                j = bisect.bisect_left(self._pronouns, nxt.start)
                while j < len(self._pronouns) and self._pronouns[j] < nxt.end:
                    t = self.doc[self._pronouns[j]]
                    j += 1
                    if t.dep_ in SUBJ_DEPS and not self.in_quote[t.i] \
                            and t.lower_ in ("he", "she"):
                        vote(name, PRONOUNS[t.lower_])
                        break
        return {n: ("m" if v[0] > v[1] else "f") for n, v in votes.items() if v[0] != v[1]}

    def _roles(self) -> dict[str, set[str]]:
        roles: dict[str, set[str]] = {}
        for m in self.people:
            mine = roles.setdefault(self.full_name(m.name), set())
            before, appos = self._known_words(m)
            for t in before + appos:
                low = t.lower_
                if low in ROLE_SYNONYMS:
                    mine.add(ROLE_SYNONYMS[low])
            if before:  # "the 74-year-old actor Harold Quennell"
                age = AGE_TEXT.search(self.doc[before[-1].i:m.start].text)
                if age:
                    mine.add("age:" + age.group(1))
            j = m.end
            doc = self.doc
            if j + 2 < len(doc) and doc[j].text == "," and doc[j + 1].like_num \
                    and doc[j + 2].text in (",", ")"):  # "Spacey, 45,"
                mine.add("age:" + doc[j + 1].text)
            root = self.doc[m.start:m.end].root
            if root.dep_ in SUBJ_DEPS and root.head.lemma_ in CAST_VERBS or \
                    root.dep_ in ("dobj", "pobj") and root.head.lower_ in ("starring", "stars"):
                mine.add("actor")
            if root.dep_ in SUBJ_DEPS and root.head.lemma_ in MAKER_VERBS:
                mine.add(MAKER_VERBS[root.head.lemma_])
            if root.dep_ == "poss" and root.head.lemma_ in WRITTEN_NOUNS:
                mine.add("writer")
            if root.dep_ == "pobj" and root.head.lower_ == "by" and \
                    root.head.head.lemma_ in MAKER_VERBS:  # "directed by Ilse Varga"
                mine.add(MAKER_VERBS[root.head.head.lemma_])
        for f in self.ctx.facts:
            role = FACT_ROLES.get(f.relation)
            if role and f.object_type in ("person", "organization") and \
                    f.subject_type in WORK_TYPES:
                roles.setdefault(self.full_name(f.object), set()).add(role)
        return roles

    def _characters(self) -> set[str]:
        return {str(f.qualifiers.get("character")) for f in self.ctx.facts
                if f.qualifiers.get("character")}

    # -- the subject chain --------------------------------------------------
    def _sent_subject(self, k: int) -> tuple[Token | None]:
        best, best_depth = None, 99
        for t in self.sents[k]:
            if t.dep_ not in SUBJ_DEPS or self.in_quote[t.i] or self.in_quote[t.head.i]:
                continue
            depth, h = 0, t
            while h.head.i != h.i and depth < 20:
                h, depth = h.head, depth + 1
            if depth < best_depth:
                best, best_depth = t, depth
        return best

    def info(self, k: int) -> SentInfo:
        while len(self.chain) <= k:
            j = len(self.chain)
            tok = self._sent_subject(j)
            info = SentInfo(people=self.by_sent[j])
            self.chain.append(info)
            if tok is not None and tok.head.lemma_ == "be":
                for c in tok.head.children:
                    m = self.ctx.mention_at(c.i)
                    if c.dep_ == "attr" and m is not None and m.type == "person":
                        tok = c
            if tok is not None:
                who = self.resolve(tok, chain_only=True)
                if who and who.name and who.type == "person":
                    info.subject, info.subject_tok = who, tok.i
        return self.chain[k]

    def set_subject(self, k: int, who: Who) -> None:
        if not who.name:
            return
        if who.type == "person":
            self.info(k).subject = who
        else:
            self.last_org = (k, who)

    def ranked(self, before: int, max_sents: int = 8) -> list[tuple[str, int, bool]]:
        """People that a pronoun or description before token `before` may
        stand for, most salient first: each sentence's subject, then its
        other people (nearest first), sentence by sentence backwards; then
        everyone else named earlier. Each as (name, sentences back, is the
        subject). Film characters the document names go last: the people
        quoted in film news are the real ones."""
        k0 = self.sent_of[min(before, len(self.doc) - 1)]
        seen: set[str] = set()
        out: list[tuple[str, int, bool]] = []

        def add(name: str, dist: int, subj: bool) -> None:
            name = self.full_name(name)
            if name not in seen:
                seen.add(name)
                out.append((name, dist, subj))

        for k in range(k0, max(-1, k0 - max_sents - 1), -1):
            info = self.info(k)
            if info.subject and (k < k0 or info.subject_tok < before):
                add(info.subject.name, k0 - k, True)
            for m in reversed(info.people):
                if k < k0 or m.end <= before:
                    add(m.name, k0 - k, False)
        for m in reversed(self.people):
            if m.end <= before:
                add(m.name, 99, False)
        return [c for c in out if c[0] not in self.characters] + \
            [c for c in out if c[0] in self.characters]

    def candidates(self, before: int, max_sents: int = 8):
        for name, _, _ in self.ranked(before, max_sents):
            yield name

    # -- resolution ---------------------------------------------------------
    def _gender_of(self, name: str) -> str | None:
        g = self.gender.get(name)
        if g is None and " " in name:  # "a spokeswoman for the label"
            words = set(name.lower().split())
            g = "f" if words & FEMALE_WORDS else "m" if words & MALE_WORDS else None
        return g

    def pronoun(self, gender: str | None, before: int) -> Who | None:
        for name in self.candidates(before):
            g = self._gender_of(name)
            if gender and g and g != gender:
                continue
            return Who(name)
        return None

    def description(self, head: Token) -> Who | None:
        words = {t.lower_ for t in head.subtree if not self.in_quote[t.i]}
        low = head.lower_
        if low in ORG_NOUNS:
            return self._org_before(head)
        a = AGE_TEXT.search(self.doc[head.left_edge.i:head.i + 1].text)
        age = "age:" + a.group(1) if a else None
        if low not in ROLE_SYNONYMS and low not in PERSON_NOUNS and not age:
            return None  # "the period drama": not a person
        want = ROLE_SYNONYMS.get(low)
        gender = "f" if words & FEMALE_WORDS else None
        if gender is None:  # "the actor told Collider, adding that he had ..."
            for t in head.head.subtree:
                if t.i > head.i and not self.in_quote[t.i] and t.lower_ in GENDER_PRONOUNS:
                    gender = GENDER_PRONOUNS[t.lower_]
                    break
        def fits(name: str) -> bool:
            g = self._gender_of(name)
            return not (gender and g and g != gender)

        cands = [c for c in self.ranked(head.i) if fits(c[0])]
        if age:
            for name, _, _ in cands:
                if age in self.roles.get(name, ()):
                    return Who(name)
        # the nearest person with the role, or a subject just before that
        # nothing contradicts ("Corbett ... the Two Ronnies star said")
        for name, dist, subj in cands:
            roles = {r for r in self.roles.get(name, ()) if not r.startswith("age:")}
            if want and want in roles:
                return Who(name)
            if subj and dist <= 1 and (not want or not roles and want in LOOSE_ROLES):
                return Who(name)
        return Who(cands[0][0]) if cands else None

    def _org_before(self, head: Token) -> Who | None:
        """The organization "the studio" stands for: a recent one named with
        that noun ("streamer Vantage+", "the studio, Brightwater Pictures"),
        else the most recent one; none within a few sentences: the words."""
        i, noun = head.i, head.lower_
        k0 = self.sent_of[i]
        near = [m for m in self.orgs if m.end <= i and k0 - self.sent_of[m.start] <= 6]
        for m in reversed(near):
            around = self.doc[max(0, m.start - 3):min(len(self.doc), m.end + 3)]
            if any(t.lower_ == noun for t in around):
                return Who(m.name, "organization")
        for m in reversed(near):  # else one that a recent sentence is about
            root = self.doc[m.start:m.end].root
            if root.dep_ in SUBJ_DEPS and k0 - self.sent_of[m.start] <= 3:
                return Who(m.name, "organization")
        return self._generic(head)

    def _mention_near(self, tok: Token) -> Mention | None:
        """A person or organization mention at the token or in its name."""
        ctx = self.ctx
        toks = [tok] + [c for c in tok.children if c.dep_ in ("compound", "flat", "appos")]
        toks += [c for c in tok.children if c.dep_ == "compound" for c in c.children]
        found = []
        for t in toks:
            m = ctx.mention_at(t.i)
            if m and (m.type in PERSONISH or m.type in ORGISH and m.start <= tok.i < m.end):
                found.append(m)
        if not found:
            return None
        people = [m for m in found if m.type == "person"]
        return (people or found)[0]

    def resolve(self, tok: Token, chain_only: bool = False) -> Who | None:
        """The speaker a subject token names."""
        if tok.lower_ in ("who", "that", "which") and tok.head.dep_ == "relcl":
            tok = tok.head.head
        extra = self.extra.get(tok.i)
        if extra is not None:
            return Who(self.full_name(extra.name))
        m = self._mention_near(tok)
        if m is not None:
            if m.type == "person" and m.name.split()[-1] in COMPANY_WORDS:
                return None if chain_only else Who(m.name, "organization")
            if m.type == "person":
                return self.person(self.mention_name(m))
            if m.end - m.start == 1 and m.name in self.surnames:
                return Who(self.surnames[m.name])
            if m.type == "organization" and m.source == "ner":
                full = self.full_name(self.doc[m.start:m.end].text)
                if full != self.doc[m.start:m.end].text or tok.ent_type_ == "PERSON":
                    return Who(full)  # a surname the model took for a company
            if m.type == "organization":
                return Who(m.name, "organization")
            return None
        low = tok.lower_
        if low == "old" and AGE_TEXT.search(self.doc[tok.left_edge.i:tok.i + 1].text):
            return self.description(tok)  # "the 74-year-old said"
        if low in PRONOUNS and tok.pos_ == "PRON":
            return self.pronoun(PRONOUNS[low], tok.i)
        if low in ("it", "they", "we") and tok.pos_ == "PRON":
            if chain_only:
                return None
            if self.last_org and self.sent_of[tok.i] - self.last_org[0] <= 3:
                return self.last_org[1]  # the organization just quoted
            if low != "it":  # "The pair ... they said": the plural subject
                k = self.sent_of[tok.i]
                for kk in (k, k - 1):
                    subj = self._sent_subject(kk) if kk >= 0 else None
                    lem = subj.lemma_.lower() if subj is not None else ""
                    if subj is not None and subj.i < tok.i and subj.pos_ == "NOUN" and (
                            lem in COLLECTIVES or lem in ORG_NOUNS or subj.tag_ == "NNS" and (
                                lem in PEOPLE_PLURALS or lem in PERSON_NOUNS
                                or lem in ROLE_SYNONYMS)):
                        return self._generic(subj) or UNKNOWN
            return UNKNOWN
        if tok.pos_ == "PROPN" and tok.text[:1].isupper():
            if tok.text in self.surnames:
                return Who(self.surnames[tok.text])
            extra = self.extra.get(tok.i)
            if extra is not None:
                return Who(self.full_name(extra.name))
            doc = self.doc
            start = self._run_start(tok)
            surface = doc[start:tok.i + 1].text
            if tok.text in COMPANY_WORDS:
                return None if chain_only else Who(surface, "organization")
            full = self.full_name(surface)
            if tok.ent_type_ in ("ORG", "GPE", "NORP") and full == surface:
                return None if chain_only else Who(surface, "organization")
            if chain_only and full == surface and (tok.ent_type_ not in ("PERSON", "") or
                                                   " " in surface and tok.ent_type_ == ""):
                return None
            return Who(full)
        if low == "statement":  # "a BBC statement read"
            for c in tok.children:
                if c.dep_ in ("compound", "poss") and c.pos_ == "PROPN":
                    m = self.ctx.mention_at(c.i)
                    return Who(m.name if m else c.text, "organization")
        if low in ORG_NOUNS and tok.pos_ == "NOUN" and any(
                c.dep_ == "compound" and c.pos_ == "PROPN" for c in tok.children):
            return None if chain_only else self._generic(tok)  # "Us magazine said"
        if tok.pos_ in ("NOUN", "PROPN"):
            dets = [c for c in tok.children if c.dep_ in ("det", "poss")]
            definite = any(d.lower_ in ("the", "this", "that", "its", "his", "her", "their")
                           for d in dets) or any(AGE.match(c.lower_) for c in tok.children)
            owner = next((d for d in dets if d.dep_ == "poss" and d.lower_ in (
                "his", "her", "their") and low not in ROLE_SYNONYMS), None)
            if owner is not None:  # "his lawyer said": someone of the possessor's
                if chain_only:
                    return None
                who = self.pronoun(GENDER_PRONOUNS.get(owner.lower_), owner.i)
                if who is None:
                    return self._generic(tok)
                return Who(f"{self.full_name(who.name)}'s {self.doc[owner.i + 1:tok.i + 1]}")
            if definite and tok.lower_ not in GENERIC_PEOPLE:
                return self.description(tok)
            if chain_only and low not in GENERIC_PEOPLE:
                return None
            if not dets and tok.tag_ == "NNS" and (tok.lemma_.lower() in PERSON_NOUNS or
                                                   tok.lemma_.lower() in PEOPLE_PLURALS or
                                                   tok.lemma_.lower() in ROLE_SYNONYMS):
                return self._generic(tok)  # "Critics have called it ..."
            if low in GENERIC_PEOPLE or any(d.lower_ in ("a", "an") for d in dets):
                return self._generic(tok)
            if definite:
                return self._generic(tok)
        return None

    def _generic(self, tok: Token) -> Who | None:
        """An unnamed speaker: "a spokesman for the author"."""
        end = tok.i + 1
        for c in tok.rights:
            if c.dep_ == "prep":
                end = max(end, c.right_edge.i + 1)
            else:
                break
        start = tok.left_edge.i
        span = self.doc[start:end]
        if len(span) > 8:
            return None
        text = span.text.strip(" ,")
        kind = "organization" if tok.lower_ in ORG_NOUNS else "person"
        return Who(text, kind) if text else None


def outlet_name(text: str) -> str | None:
    return gazetteer("outlet").lookup(text)


def is_speech_verb(tok: Token) -> bool:
    if tok.pos_ in ("VERB", "AUX") or tok.tag_.startswith("VB"):
        return tok.lemma_.lower() in SPEECH_LEMMAS or tok.lower_ in SPEECH_LEMMAS
    return False


def subject_of(verb: Token, in_quote: list[bool]) -> Token | None:
    v = verb
    for _ in range(5):
        subs = [c for c in v.children if c.dep_ in SUBJ_DEPS and not in_quote[c.i]
                and c.lower_ not in ("which", "that")]
        if subs:  # "said Bellwether co-president Desmond Arlie": several nsubj
            return next((c for c in subs if c.pos_ == "PROPN"), subs[0]) if len(subs) > 1 \
                else subs[0]
        if v.dep_ == "relcl" and v.head.pos_ in ("PROPN", "NOUN"):
            return v.head
        if v.dep_ in CLIMB_DEPS and v.head.i != v.i:
            v = v.head
        else:
            break
    return None
