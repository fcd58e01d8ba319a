"""Gazetteers shipped as data files: outlets, festivals, awards, organizations,
countries. Each maps every alias to its canonical name (and countries to ISO
codes). Loaded once per process."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from newsreel.names import name_key

KINDS = {
    "outlet": "outlets.tsv",
    "festival": "festivals.tsv",
    "award": "awards.tsv",
    "organization": "organizations.tsv",
}


@dataclass
class Gazetteer:
    kind: str
    canonical: dict[str, str] = field(default_factory=dict)  # name_key(alias) -> canonical
    surface: dict[str, list[str]] = field(default_factory=dict)  # canonical -> spellings

    def lookup(self, text: str) -> str | None:
        return self.canonical.get(name_key(text))


def _rows(filename: str):
    text = resources.files("newsreel.data").joinpath(filename).read_text(encoding="utf-8")
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        head = parts[0].strip()
        rest = [a.strip() for a in (parts[1] if len(parts) > 1 else "").split("|") if a.strip()]
        yield head, rest


@cache
def gazetteer(kind: str) -> Gazetteer:
    gaz = Gazetteer(kind)
    for name, alts in _rows(KINDS[kind]):
        gaz.surface[name] = [name, *alts]
        for spelling in (name, *alts):
            gaz.canonical.setdefault(name_key(spelling), name)
    return gaz


@cache
def countries() -> dict[str, str]:
    """Surface form (exact case) -> ISO code."""
    out: dict[str, str] = {}
    for code, names in _rows("countries.tsv"):
        for n in names:
            out.setdefault(n, code)
    return out


def country_code(text: str) -> str | None:
    table = countries()
    text = text.strip()
    if text in table:
        return table[text]
    if text.lower().startswith("the ") and text[4:] in table:
        return table[text[4:]]
    for k, v in table.items():
        if k.lower() == text.lower() and len(k) > 3:
            return v
    return None


def all_patterns() -> list[tuple[str, str, str]]:
    """(label, surface, canonical) for every gazetteer spelling, for the EntityRuler."""
    out = []
    for kind in KINDS:
        gaz = gazetteer(kind)
        for canonical, spellings in gaz.surface.items():
            for s in spellings:
                out.append((kind.upper(), s, canonical))
    return out
