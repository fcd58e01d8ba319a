"""Keys under which a name is looked up across articles.

People: the surname key ("Saskia Vellacourt", "Sas Vellacourt" and
"Vellacourt" share "vellacourt") and given-name compatibility (equal, one a
prefix of the other, an initial, a common nickname). Works: the title
without a trailing "(1987 novel)" / "(2023)" year-or-medium note. Companies:
the name without "Pictures", "Releasing", "Films" ... Gazetteer kinds
(outlets, festivals, awards, organizations) map every alias to the canonical
name first ("EW" -> "Entertainment Weekly")."""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsreel.names import name_key

GAZETTEER_TYPES = ("outlet", "festival", "award", "organization")
WORK_TYPES = ("film", "tv_series", "work")
PARTICLES = {"de", "del", "della", "di", "da", "van", "von", "der", "den", "le", "la", "du",
             "dos", "das", "bin", "al", "st", "st."}
HONORIFICS = {"sir", "dame", "dr", "mr", "mrs", "ms", "miss", "lord", "lady", "prof",
              "professor"}
SUFFIXES = {"jr", "sr", "ii", "iii", "iv"}
NICKNAMES = {
    "bob": "robert", "bobby": "robert", "rob": "robert", "robbie": "robert",
    "bill": "william", "billy": "william", "will": "william", "liam": "william",
    "liz": "elizabeth", "beth": "elizabeth", "betty": "elizabeth", "lizzie": "elizabeth",
    "kate": "katherine", "katie": "katherine", "kathy": "katherine", "cathy": "catherine",
    "tom": "thomas", "tommy": "thomas", "mike": "michael", "mick": "michael",
    "jim": "james", "jimmy": "james", "jamie": "james", "dan": "daniel", "danny": "daniel",
    "dave": "david", "davy": "david", "andy": "andrew", "drew": "andrew", "tony": "anthony",
    "joe": "joseph", "joey": "joseph", "ed": "edward", "ted": "edward", "eddie": "edward",
    "ned": "edward", "dick": "richard", "rick": "richard", "rich": "richard",
    "jack": "john", "johnny": "john", "peggy": "margaret", "maggie": "margaret",
    "meg": "margaret", "sue": "susan", "susie": "susan", "chuck": "charles",
    "charlie": "charles", "harry": "henry", "hank": "henry", "larry": "lawrence",
    "jen": "jennifer", "jenny": "jennifer", "becky": "rebecca", "pat": "patricia",
    "steve": "stephen", "greg": "gregory", "fred": "frederick", "frank": "francis",
}
MEDIA = {"film", "movie", "novel", "book", "play", "series", "tv series", "miniseries",
         "short", "documentary", "album", "game", "video game", "musical", "novella",
         "short story", "tv film", "comic", "manga", "podcast"}
ORG_SUFFIXES = {"pictures", "picture", "releasing", "films", "film", "studios", "studio",
                "entertainment", "productions", "production", "distribution", "inc", "ltd",
                "llc", "co", "company", "corp", "corporation", "media", "group", "plc",
                "features"}
_PAREN = re.compile(r"\s*\(([^()]*)\)\s*$")
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")


@dataclass(frozen=True)
class PersonName:
    given: str  # name key of the first given name, "" for a surname alone
    surname: str  # name key of the surname (with particles)
    tokens: int  # number of name parts


def person_parts(name: str) -> PersonName:
    """Split a person's name into given-name key and surname key."""
    raw = [t for t in re.split(r"\s+", name.strip()) if t]
    toks = [t for t in raw if name_key(t) not in HONORIFICS or len(raw) == 1]
    while len(toks) > 1 and name_key(toks[-1]) in SUFFIXES:
        toks.pop()
    if not toks:
        return PersonName("", name_key(name), 0)
    i = len(toks) - 1
    while i > 0 and toks[i - 1].casefold() in PARTICLES:
        i -= 1
    surname = name_key(" ".join(toks[i:]))
    given = name_key(toks[0]) if i > 0 else ""
    return PersonName(given, surname, len(toks))


def given_compatible(a: str, b: str) -> bool:
    """Could the given names `a` and `b` (name keys) be the same person's?"""
    if not a or not b:
        return True  # a surname alone fits any given name
    a, b = a.replace(" ", ""), b.replace(" ", "")
    if a == b:
        return True
    if len(a) == 1 or len(b) == 1:  # an initial: "A. Scott"
        return a[0] == b[0]
    if NICKNAMES.get(a, a) == NICKNAMES.get(b, b):
        return True
    short, long_ = sorted((a, b), key=len)
    return len(short) >= 3 and long_.startswith(short)


def given_kind(a: str, b: str) -> str:
    """How two compatible given names relate, for the resolution log."""
    if not a or not b:
        return "surname"
    if a == b:
        return "same"
    if len(a) == 1 or len(b) == 1:
        return "initial"
    if NICKNAMES.get(a, a) == NICKNAMES.get(b, b):
        return "nickname"
    return "short_form"


@dataclass(frozen=True)
class TitleName:
    base: str  # the title without its note, as written
    key: str  # name key of base
    year: str | None
    medium: str | None


def title_parts(name: str) -> TitleName:
    """'Strangers (1987 novel)' -> base 'Strangers', year 1987, medium novel."""
    base, year, medium = name.strip(), None, None
    m = _PAREN.search(base)
    if m:
        note = m.group(1).strip()
        y = _YEAR.search(note)
        rest = name_key(_YEAR.sub(" ", note))
        if y or rest in MEDIA:
            base = base[:m.start()].strip()
            year = y.group(1) if y else None
            medium = rest or None
    return TitleName(base, name_key(base), year, medium)


def org_base(name: str) -> str:
    """'Halcyon Gate Releasing' -> 'halcyon gate'; '' when nothing is left."""
    words = name_key(name).split()
    while len(words) > 1 and words[-1] in ORG_SUFFIXES:
        words.pop()
    return " ".join(words)


def canonical_name(etype: str, name: str) -> str:
    """The gazetteer's canonical spelling for a known outlet, festival, award or
    company ("EW" -> "Entertainment Weekly"); the name itself otherwise."""
    if etype in GAZETTEER_TYPES:
        from newsreel.extract.gazetteer import gazetteer

        found = gazetteer(etype).lookup(name)
        if found:
            return found
    return name.strip()


def canonical_outlet(name: str | None) -> str | None:
    """An outlet name as the gazetteer spells it, so "EW" and "Entertainment
    Weekly" count as one outlet."""
    if not name:
        return name
    return canonical_name("outlet", name)
