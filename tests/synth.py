"""Short synthetic film-news articles for kill, concurrency and fuzz runs.

Every article is distinct (its number is in the body and in the names), and
names a director, an actor, a film and a release date, so extraction finds
entities and facts in each one. Deterministic for a given seed."""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

FIRST = ["Mara", "Teodoro", "Ilse", "Casimir", "Noor", "Hugo", "Priya", "Bastian",
         "Odile", "Desmond", "Celeste", "Winifred", "Anselm", "Perpetua", "Dashiell"]
LAST = ["Carter", "Bennett", "Hughes", "Morales", "Novak", "Okafor", "Lindqvist",
        "Moreau", "Tanaka", "Fischer", "Romano", "Walsh"]
WORDS = ["Lantern", "Orchard", "Harbour", "Glasshouse", "Meridian", "Copper", "Winter",
         "Saltmarsh", "Raven", "Atlas", "Parish", "Crown", "Signal", "Tide", "Ember"]
COUNTRIES = ["the US", "the UK", "France", "Germany", "Japan", "Canada"]


def _name(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def article_text(i: int, seed: int = 0) -> str:
    """The text of synthetic article number `i` (the plain-text file form)."""
    rng = random.Random(seed * 1_000_003 + i)
    film = f"The {rng.choice(WORDS)} {rng.choice(WORDS)} {i}"
    director, actor = _name(rng), _name(rng)
    when = date(2025, 1, 1) + timedelta(days=rng.randrange(700))
    day = f"{when.strftime('%B')} {when.day}, {when.year}"
    country = rng.choice(COUNTRIES)
    published = (when - timedelta(days=rng.randrange(30, 200))).isoformat()
    return (
        f" date {published} {film}, directed by {director}, will open in {country} "
        f"on {day}, the studio said on Monday (story {i}).\n\n"
        f"{actor} stars in {film} and plays {rng.choice(FIRST)}, a ferry pilot.\n\n"
        f"\u201cIt is a film about keeping count,\u201d {director} said.\n"
    )


def write_articles(directory: Path, n: int, seed: int = 0, start: int = 0) -> list[Path]:
    """Write articles start..start+n-1 as .txt files; returns their paths."""
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(start, start + n):
        p = directory / f"a{i:05d}.txt"
        p.write_text(article_text(i, seed), encoding="utf-8")
        paths.append(p)
    return paths
