"""The document's entity mentions: gazetteers, titles, people, organizations.

Order of trust: gazetteer names (outlets, festivals, awards, studios), then
titles found in a strong context and spread to their other mentions, then
people (full names from the model, spread to every occurrence; surnames and
first names resolved to the full name), then the model's remaining
organizations. Overlaps are settled by that order, then by length.
"""

from __future__ import annotations

from spacy.tokens import Doc

from newsreel.extract.context import Mention, doc_ents, sent_bounds, token_index, token_texts
from newsreel.extract.people import cued_people
from newsreel.extract.titles import (
    STOP_TITLES,
    TitleCandidate,
    contains,
    find_titles,
    lead_alternates,
    lead_person,
    lead_title,
)

GAZ_LABELS = {"OUTLET": "outlet", "FESTIVAL": "festival", "AWARD": "award",
              "ORGANIZATION": "organization"}
HONORIFICS = {"Sir", "Dame", "Dr", "Dr.", "Mr", "Mr.", "Mrs", "Mrs.", "Ms", "Ms.", "Lord",
              "Lady", "Prof", "Professor", "Director", "Actor", "Actress", "Star"}
DEMONYMS = {"Briton", "British", "American", "Australian", "Irish", "Scottish", "Scot",
            "Welsh", "English", "French", "Spanish", "Italian", "German", "Canadian",
            "Danish", "Swedish", "Norwegian", "Dutch", "Mexican", "Indian", "Chinese",
            "Japanese", "Korean", "Brazilian", "Finnish", "Polish", "Russian", "Oscar-winner",
            "Hollywood", "Veteran", "Newcomer", "Comedian", "Singer", "Rapper", "Producer"}
ROLE_TITLES = {"Vice", "Chairman", "Chairwoman", "Chief", "Judges", "Judge", "President",
               "Executive", "Senior", "Boss", "Head", "Founder", "Director", "Editor",
               "Commissioner", "Controller", "Governor", "Secretary", "Minister", "Mayor",
               "General", "Manager", "Agent", "Spokesman", "Spokeswoman", "Chancellor"}
PRIORITY = {"gazetteer": 5, "title": 4, "person": 3, "alias": 2, "ner": 1}
NOT_PERSON_WORDS = {"Oscar", "Oscars", "Bafta", "Baftas", "Hollywood", "Golden", "Globe",
                    "Academy", "Film", "Awards", "Festival", "Emmy", "Grammy", "God",
                    "Christmas", "Easter", "Big", "Picture"}


def _tokens_text(doc: Doc, start: int, end: int) -> tuple[str, ...]:
    return tuple(token_texts(doc)[start:end])


def _find_all(doc: Doc, seq: tuple[str, ...]) -> list[int]:
    texts = token_texts(doc)
    k = len(seq)
    return [i for i in token_index(doc).get(seq[0], ()) if tuple(texts[i:i + k]) == seq]


def _inside_longer_name(doc: Doc, i: int) -> bool:
    nxt = doc[i + 1] if i + 1 < len(doc) else None
    prev = doc[i - 1] if i > 0 else None
    return bool(nxt is not None and nxt.text[:1].isupper() and nxt.is_alpha and
                nxt.ent_type_ == "PERSON" or prev is not None and prev.text[:1].isupper() and
                prev.is_alpha and prev.ent_type_ == "PERSON" and not prev.is_sent_start)


def _clean_person(doc: Doc, start: int, end: int) -> tuple[int, int]:
    while start < end and (doc[start].text in HONORIFICS or doc[start].is_punct or
                           end - start > 2 and doc[start].text in DEMONYMS or
                           end - start > 2 and doc[start].pos_ == "NOUN" or
                           end - start > 2 and doc[start].text in ROLE_TITLES):
        start += 1
    while end > start and (doc[end - 1].text in {"'s", "’s", "'", "’"} or doc[end - 1].is_punct):
        end -= 1
    return start, end


def _looks_like_name(doc: Doc, start: int, end: int) -> bool:
    toks = doc[start:end]
    if not 1 <= len(toks) <= 4:
        return False
    for t in toks:
        if not (t.text[:1].isupper() or t.text in {"de", "van", "von", "da", "del", "le"}):
            return False
        if t.text in NOT_PERSON_WORDS or t.text in ORG_WORDS or t.like_num:
            return False
    return True


def build_mentions(doc: Doc, italic_spans: list[tuple[int, int]] | None = None,
                   title: str | None = None) -> list[Mention]:
    candidates: list[Mention] = []

    # 1. gazetteer names from the EntityRuler
    for ent in doc_ents(doc):
        if ent.label_ in GAZ_LABELS:
            if len(ent) == 1 and _inside_longer_name(doc, ent.start):
                continue  # "Max Houck", "Tony Wilson": a one-word alias inside a name
            candidates.append(Mention(ent.start, ent.end, GAZ_LABELS[ent.label_],
                                      ent.ent_id_ or ent.text, "gazetteer"))

    # 2. titles in strong contexts, then spread to every occurrence
    titles: dict[tuple[str, ...], TitleCandidate] = {}
    lead = lead_title(doc, title)
    for cand in [*find_titles(doc, italic_spans), *([lead] if lead else [])]:
        seq = _tokens_text(doc, cand.start, cand.end)
        old = titles.get(seq)
        if old is None or cand.strength > old.strength:
            titles[seq] = cand
    # a profile's subject is a person, and no part of that name is a title
    profile = lead_person(doc, title) if lead is None else None
    if profile is not None:
        pseq = _tokens_text(doc, *profile)
        for seq, cand in list(titles.items()):
            if seq == pseq or len(seq) == 1 and seq[0] in pseq or \
                    cand.start < profile[1] and cand.end > profile[0] or contains(seq, pseq):
                del titles[seq]
        doc.user_data["newsreel_profile"] = profile
    # the other titles a lead gives its work name the same work
    if lead is not None:
        doc.user_data["newsreel_lead"] = (lead.start, lead.end, lead.noun)
        lead_name = doc[lead.start:lead.end].text
        for s_, e_ in lead_alternates(doc, lead.start, lead.end):
            seq = _tokens_text(doc, s_, e_)
            titles.pop(seq, None)
            for i in _find_all(doc, seq):
                candidates.append(Mention(i, i + len(seq), lead.type, lead_name, "title"))
    for seq, cand in titles.items():
        name = doc[cand.start:cand.end].text
        for i in _find_all(doc, seq):
            candidates.append(Mention(i, i + len(seq), cand.type, name, "title"))

    # 3. people: full names from the model, spread to every occurrence
    full_names: dict[tuple[str, ...], str] = {}
    profile_name = doc[profile[0]:profile[1]].text if profile is not None else None
    if profile is not None:
        full_names[_tokens_text(doc, *profile)] = profile_name
    for ent in doc_ents(doc):
        if ent.label_ not in ("PERSON", "ORG", "GPE", "NORP", "WORK_OF_ART", "PRODUCT"):
            continue
        s, e = _clean_person(doc, ent.start, ent.end)
        if e - s < 2 or not _looks_like_name(doc, s, e):
            continue
        if ent.label_ != "PERSON" and not (_person_elsewhere(doc, s, e) or
                                           ent.label_ != "NORP" and
                                           _name_shaped_person(doc, s, e)):
            continue  # "South Korean" is no one, though "Korean" stands alone
        if _tokens_text(doc, s, e) in titles:
            continue
        full_names.setdefault(_tokens_text(doc, s, e), doc[s:e].text)
    # names the model missed, in person positions ("director Ana Ruiz, who ...")
    taken = {i for m in candidates for i in range(m.start, m.end)}
    for s_, e_ in cued_people(doc, taken):
        seq = _tokens_text(doc, s_, e_)
        if seq not in titles:
            full_names.setdefault(seq, doc[s_:e_].text)
    # "De Niro" is "Robert De Niro" when the article names him in full
    for seq in list(full_names):
        longer = [o for o in full_names if len(o) > len(seq) and o[-len(seq):] == seq]
        if longer:
            del full_names[seq]
    for seq, name in full_names.items():
        for i in _find_all(doc, seq):
            candidates.append(Mention(i, i + len(seq), "person", name, "person"))

    # 4. surnames and first names of those people
    by_part: dict[str, list[str]] = {}
    by_pair: dict[tuple[str, str], list[str]] = {}
    by_tail: dict[tuple[str, ...], list[str]] = {}  # "Okoro - Lang" of "Bettina Okoro-Lang"
    for seq, name in full_names.items():
        by_part.setdefault(seq[-1], []).append(name)
        if len(seq) >= 3:  # "Robert De Niro" -> "De Niro"
            by_pair.setdefault(seq[-2:], []).append(name)
        if len(seq) >= 4 and "-" in seq[1:]:
            by_tail.setdefault(seq[1:], []).append(name)
    first_names: dict[str, list[str]] = {}
    for seq, name in full_names.items():
        first_names.setdefault(seq[0], []).append(name)
    last_seen: dict[str, int] = {}
    person_starts = sorted((m.start, m.name) for m in candidates if m.source == "person")
    pi = 0
    texts = token_texts(doc)
    bounds = sent_bounds(doc)
    # only capitalized words can be a surname or first name: no Token for the rest
    for i in [k for k, t in enumerate(texts) if t[:1].isupper()]:
        while pi < len(person_starts) and person_starts[pi][0] <= i:
            last_seen[person_starts[pi][1]] = person_starts[pi][0]
            pi += 1
        text = texts[i]
        if text in STOP_TITLES:
            continue
        tail = next((t for t in by_tail if tuple(texts[i:i + len(t)]) == t), None)
        if tail is not None and not (i > 0 and texts[i - 1][:1].isupper() and
                                     bounds[i - 1][0] != i - 1):
            names = by_tail[tail]
            name = max(names, key=lambda n: last_seen.get(n, -1))
            candidates.append(Mention(i, i + len(tail), "person", name, "alias"))
            continue
        if i + 1 < len(doc) and (text, doc[i + 1].text) in by_pair:
            names = by_pair[(text, doc[i + 1].text)]
            name = max(names, key=lambda n: last_seen.get(n, -1))
            candidates.append(Mention(i, i + 2, "person", name, "alias"))
            continue
        names = by_part.get(text) or (first_names.get(text) if len(first_names.get(
            text, [])) == 1 else None)
        if not names:
            continue
        if profile_name in names:
            names = [profile_name]  # "Mumba" in Omero Mumba's profile is Omero
        if i + 1 < len(doc) and doc[i + 1].text[:1].isupper() and not doc[i + 1].is_punct \
                and doc[i + 1].text not in {"'s", "’s"}:
            continue  # part of a longer name: "Scott Free", "Paul Smith"
        if i > 0 and doc[i - 1].text[:1].isupper() and not doc[i - 1].is_punct \
                and not doc[i - 1].is_sent_start:
            continue
        name = max(names, key=lambda n: last_seen.get(n, -1))
        candidates.append(Mention(i, i + 1, "person", name, "alias"))

    # 5. the model's remaining people and organizations
    for ent in doc_ents(doc):
        if ent.label_ == "PERSON":
            s, e = _clean_person(doc, ent.start, ent.end)
            if e > s and _looks_like_name(doc, s, e):
                candidates.append(Mention(s, e, "person", doc[s:e].text, "ner"))
        elif ent.label_ == "ORG":
            s, e = ent.start, ent.end
            if doc[s].lower_ == "the":
                s += 1
            if e > s:
                candidates.append(Mention(s, e, "organization", doc[s:e].text, "ner"))

    return _settle(candidates)


ORG_WORDS = {"Pictures", "Films", "Film", "Studios", "Studio", "Entertainment", "Productions",
             "Media", "Releasing", "Television", "TV", "Group", "Company", "Features", "Awards",
             "Animation", "Distribution", "Network", "Channel", "Records",
             "Festival", "Association", "Academy", "Institute", "Council", "Foundation", "Guild",
             "Club", "Society", "University", "College", "Theatre", "Theater", "Ltd", "Inc"}


def _name_shaped_person(doc: Doc, s: int, e: int) -> bool:
    """A name the model calls an organization that the text treats as a person:
    name-shaped, and its last word stands alone elsewhere ("Morrow-Lund said")
    or it sits in brackets after a character ("Sophie (Celia Rowlson-Hall)")."""
    words = [t for t in doc[s:e] if t.text not in ("-", "‐")]
    if not 2 <= len(words) <= 3 or any(t.text in ORG_WORDS or t.is_upper and len(t) > 1
                                       for t in words):
        return False
    if s >= 2 and doc[s - 1].text == "(" and e < len(doc) and doc[e].text == ")" and \
            doc[s - 2].text[:1].isupper():
        return True
    last = doc[e - 1].text if doc[e - 1].text not in ("-",) else doc[e - 2].text
    surname = doc[s:e].text.split()[-1]
    texts = token_texts(doc)
    index = token_index(doc)
    for i in [*index.get(last, ()), *index.get(surname, ())]:
        if s <= i < e:
            continue
        prev = texts[i - 1] if i else None
        nxt = texts[i + 1] if i + 1 < len(texts) else None
        if (prev is None or not prev[:1].isupper() or doc[i - 1].is_sent_start or
                not prev[:1].isalnum()) and (nxt is None or not nxt[:1].isupper() or
                                            not nxt[:1].isalnum()):
            return True
    return False


def _person_elsewhere(doc: Doc, s: int, e: int) -> bool:
    """The model tags this name, or its last word alone, as a person somewhere."""
    seen = doc.user_data.get("newsreel_person_ents")
    if seen is None:
        seen = doc.user_data["newsreel_person_ents"] = (
            {tuple(t.text for t in ent) for ent in doc_ents(doc) if ent.label_ == "PERSON"},
            {ent.text for ent in doc_ents(doc) if ent.label_ == "PERSON" and len(ent) == 1})
    seq = _tokens_text(doc, s, e)
    return seq in seen[0] or seq[-1] in seen[1]


def _settle(candidates: list[Mention]) -> list[Mention]:
    """Non-overlapping mentions: higher priority first, then longer. A title that
    extends a gazetteer company name ("Neon Harbor" after "Neon") beats it."""
    title_spans = {(m.start, m.end) for m in candidates if m.source == "title"}
    if title_spans:
        candidates = [m for m in candidates if not (
            m.source == "gazetteer" and m.type in ("organization", "outlet") and any(
                s <= m.start and e >= m.end and e - s > m.end - m.start
                for s, e in title_spans))]
    chosen: list[Mention] = []
    taken: set[int] = set()
    for m in sorted(candidates, key=lambda m: (-PRIORITY[m.source], -(m.end - m.start),
                                               m.start)):
        if any(i in taken for i in range(m.start, m.end)):
            continue
        chosen.append(m)
        taken.update(range(m.start, m.end))
    return sorted(chosen, key=lambda m: m.start)
