"""People the small model misses: name-shaped runs in person positions.

The small English model tags invented or unusual names ("Cassia Morrow",
"Ana Ruiz") as places, dates or nothing. A run of two to four capitalized
proper nouns is taken for a person when the text treats it as one: a role
noun before it ("director Ana Ruiz"), "who" or a verb of speaking, acting or
making after it, or its surname standing alone elsewhere ("Morrow said").
"""

from __future__ import annotations

from spacy.attrs import POS
from spacy.symbols import ADJ, NOUN, PROPN, VERB, X
from spacy.tokens import Doc

from newsreel.extract.context import token_index, token_texts

PARTICLES = {"de", "van", "von", "da", "del", "della", "der", "le", "la", "di", "du", "bin",
             "al", "ter", "ten", "y"}
ROLE_BEFORE = {"actor", "actress", "director", "star", "producer", "writer", "composer",
               "filmmaker", "film-maker", "newcomer", "singer", "screenwriter", "novelist",
               "author", "co-star", "comedian", "showrunner", "creator", "presenter", "host",
               "critic", "executive", "chief", "president", "by", "veteran", "cinematographer",
               "editor", "helmer", "rapper", "musician", "dancer", "model", "playwright",
               "journalist", "chairman", "chairwoman", "head", "boss", "agent", "spokesman",
               "spokeswoman", "spokesperson", "analyst", "told", "according", "starring",
               "co-starring", "featuring", "alongside", "opposite", "stars", "starred",
               "co-stars", "casts", "cast"}
VERB_AFTER = {"stars", "starred", "plays", "played", "portrays", "voices", "said", "says",
              "told", "tells", "added", "directed", "directs", "wrote", "writes", "produced",
              "won", "wins", "joins", "joined", "returns", "leads", "led", "who", "whose",
              "co-stars", "co-wrote", "scored", "admitted", "explained", "recalled", "noted",
              "revealed", "insisted", "boarded", "signed", "received", "earned", "accepted",
              "thanked", "praised", "described", "called", "helmed", "will", "has", "is",
              "was", "had", "also", "previously", "recently", "rounds", "took", "picked",
              "serving", "serves", "served", "acting"}
NOT_NAME = {"Oscar", "Oscars", "Bafta", "Baftas", "Hollywood", "Golden", "Globe", "Globes",
            "Academy", "Film", "Films", "Awards", "Award", "Festival", "Emmy", "Grammy",
            "Pictures", "Studios", "Entertainment", "Productions", "Media", "Releasing",
            "Television", "TV", "Group", "Company", "Features", "Animation", "Big", "Picture",
            "Season", "Series", "Episode", "Part", "Chapter", "Volume", "Street", "Road",
            "Avenue", "Square", "Hotel", "Theatre", "Theater", "Cinema", "Museum", "Hall",
            "Park", "Bridge", "Island", "River", "Lake", "Mount", "North", "South", "East",
            "West", "New", "Old", "Royal", "National", "International", "British",
            "American", "European", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
            "Saturday", "Sunday", "January", "February", "March", "April", "May", "June",
            "July", "August", "September", "October", "November", "December", "Christmas",
            "University", "College", "School", "Club", "Society", "Council", "Foundation",
            "Association", "Guild", "Institute", "League", "Cup", "Prize", "Best", "The",
            "A", "An", "This", "That", "It", "He", "She", "They", "We", "I", "In", "On", "At"}


HONORIFICS = {"Mr", "Mrs", "Ms", "Miss", "Dr", "Sir", "Dame", "Lord", "Lady", "Prof",
              "Professor", "Actress", "Actor", "Director", "Star", "Singer", "Producer",
              "Rapper", "Comedian", "Presenter", "Captain", "Judge", "Father", "Sister",
              "Brother", "Uncle", "Aunt", "President", "Chancellor", "Minister", "Senator",
              "King", "Queen", "Prince", "Princess", "Saint", "St", "Veteran", "Newcomer",
              "Filmmaker", "Writer", "Novelist", "Author", "Critic", "Briton", "Oscar-winner"}


def _name_token(tok) -> bool:
    t = tok.text
    return (t[:1].isupper() and tok.is_alpha and t not in NOT_NAME and not t.isupper()
            and tok.pos_ in ("PROPN", "NOUN", "ADJ", "VERB", "X"))


NAME_POS = frozenset({PROPN, NOUN, ADJ, VERB, X})


def _name_flags(doc: Doc, texts: list[str]) -> list[bool]:
    """_name_token for every token, from the text list and the POS array (no Token
    object is built for the tokens that are not names)."""
    pos = doc.to_array(POS).tolist() if len(doc) else []
    return [bool(t) and t[0].isupper() and t.isalpha() and t not in NOT_NAME and
            not t.isupper() and p in NAME_POS for t, p in zip(texts, pos, strict=True)]


def name_runs(doc: Doc) -> list[tuple[int, int]]:
    """Maximal runs of name-shaped tokens ("Ana Ruiz", "Saskia Morrow-Lund")."""
    out = []
    n = len(doc)
    texts = token_texts(doc)
    ok = _name_flags(doc, texts)
    i = 0
    while i < n:
        if not ok[i]:
            i += 1
            continue
        j = i + 1
        while j < n:
            t = texts[j]
            if ok[j]:
                j += 1
            elif t in ("-", "‐") and not doc[j - 1].whitespace_ and j + 1 < n and ok[j + 1]:
                j += 2
            elif t.islower() and t in PARTICLES and j + 1 < n and ok[j + 1]:
                j += 2
            else:
                break
        s = i
        while s < j and texts[s] in HONORIFICS:
            s += 1
        words = sum(1 for t in texts[s:j] if t.isalpha() and t[:1].isupper())
        if 2 <= words <= 4:
            out.append((s, j))
        i = j
    return out


def cued_people(doc: Doc, taken: set[int]) -> list[tuple[int, int]]:
    """Name runs (not overlapping `taken` tokens) that the text treats as people."""
    runs = [r for r in name_runs(doc) if not any(k in taken for k in range(*r))]
    texts = token_texts(doc)
    index = token_index(doc)
    cued_ends: set[int] = set()
    out = []
    for s, e in runs:
        before = doc[s - 1] if s else None
        after = doc[e] if e < len(doc) else None
        after2 = doc[e + 1] if e + 1 < len(doc) else None
        if before is not None and before.lower_ == "the":
            continue  # "the Salt Roads": a name with an article is no person
        if after is not None and after.text in NOT_NAME:
            continue  # "Tallow Lane Pictures": the start of a company's name
        cue = False
        if before is not None and before.lower_ in ROLE_BEFORE:
            cue = True
        elif after is not None and (after.lower_ in VERB_AFTER or after.text == "," and
                                    after2 is not None and after2.lower_ in ("who", "whose")):
            cue = True
        elif after is not None and after.text in ("'s", "’s") and after2 is not None and \
                after2.lower_ in ROLE_BEFORE:
            cue = True
        elif after is not None and after.lower_ == "as" and after2 is not None and (
                after2.lower_ in ROLE_BEFORE or after2.lower_ in ("executive", "co", "lead") or
                after2.lower_.rstrip("s") in ROLE_BEFORE):
            cue = True  # "Lennart Quaade as executive producers"
        elif before is not None and before.lower_ in ("and", ",") and s >= 2 and (
                doc[s - 2].ent_type_ == "PERSON" or (s - 1) in cued_ends):
            cue = True  # "Okoro-Lang and Lennart Quaade"
        elif before is not None and before.text == "(" and after is not None and \
                after.text == ")" and s >= 2 and doc[s - 2].text[:1].isupper():
            cue = True  # "Sophie (Celia Rowlson-Hall)"
        last = texts[e - 1]
        if not cue and len(index.get(last, ())) >= 2 and e - s >= 2:
            alone = [i for i in index[last] if not s <= i < e and
                     not (i and texts[i - 1][:1].isupper() and
                          not doc[i - 1].is_sent_start and texts[i - 1].isalpha())]
            cue = bool(alone)
        if cue:
            out.append((s, e))
            cued_ends.add(e)
    return out
