"""Synthetic film-news articles for the memory and scaling benchmarks (JSON Lines).

    .venv/bin/python bench/synth.py N OUT.jsonl [--seed S]

Each article is short (four sentences, ~70 words), distinct (its number is in
the title and the body) and names a film, a director, two actors with a
character, a distributor and a release date, so extraction and resolution do
real work: the film entities grow with N, the people are drawn from a pool of
a few thousand names so they recur across articles as real names do.
Deterministic for a given seed. Nothing here is taken from any corpus."""

from __future__ import annotations

import argparse
import json
import random
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

FIRST = ["Mara", "Teodoro", "Ilse", "Casimir", "Noor", "Hugo", "Priya", "Bastian", "Odile",
         "Desmond", "Celeste", "Winifred", "Anselm", "Perpetua", "Dashiell", "Ines", "Oona",
         "Piet", "Yara", "Callum", "Saskia", "Tobias", "Leonie", "Rafferty", "Maeve",
         "Jules", "Ottilie", "Ambrose", "Delphine", "Florian", "Greta", "Ivo", "Lorcan",
         "Nell", "Quentin", "Rosalind", "Soren", "Thea", "Umberto", "Vesna"]
LAST = ["Carrow", "Bellweather", "Hightower", "Moraine", "Novakova", "Okonjo", "Lindqvist",
        "Moreau-Vance", "Takahara", "Fischbach", "Romanelli", "Walsingham", "Ashdown",
        "Brightwater", "Calloway", "Demirel", "Falkenrath", "Greaves", "Hallorann",
        "Ingleby", "Jessop", "Kestrel", "Larkspur", "Mottram", "Nightingale", "Oudekerk",
        "Penhallow", "Quarrie", "Rookwood", "Sallow", "Thornbury", "Underhill", "Vellacourt",
        "Wexley", "Yarrow", "Zennor", "Ablewhite", "Birchall", "Coldwell", "Dunmore"]
WORDS = ["Lantern", "Orchard", "Harbour", "Glasshouse", "Meridian", "Copper", "Winter",
         "Saltmarsh", "Raven", "Atlas", "Parish", "Crown", "Signal", "Tide", "Ember",
         "Quarry", "Bells", "Wolves", "Almanac", "Ferry", "Pilgrim", "Lighthouse", "Orbit"]
GENRES = ["drama", "thriller", "comedy", "period romance", "horror film", "documentary"]
DISTRIBUTORS = ["Northgate Pictures", "Brackwater Films", "Silverbirch Releasing",
                "Fenwick & Hale Pictures", "Lanternfish Films"]
REGIONS = ["the US", "the UK", "Ireland", "France", "Germany", "Japan", "Canada"]
OUTLETS = ["The Long Lens", "Trade Screen Daily", "Reel Weekly", "Frame Rate", "The Cutaway"]


def _person(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def article(i: int, seed: int = 0) -> dict:
    """Synthetic article number `i` as a JSON Lines record."""
    rng = random.Random(seed * 1_000_003 + i)
    film = f"The {rng.choice(WORDS)} {rng.choice(WORDS)} {i}"
    director, lead, second = _person(rng), _person(rng), _person(rng)
    when = date(2025, 1, 1) + timedelta(days=rng.randrange(700))
    published = when - timedelta(days=rng.randrange(30, 200))
    text = (
        f"{film}, a {rng.choice(GENRES)} directed by {director}, will open in "
        f"{rng.choice(REGIONS)} on {when.strftime('%B')} {when.day}, {when.year}, "
        f"{rng.choice(DISTRIBUTORS)} said on Monday.\n\n"
        f"{lead} stars as {rng.choice(FIRST)} {rng.choice(LAST)}, a ferry pilot, opposite "
        f"{second}, who plays her brother.\n\n"
        f"\u201cIt is a film about keeping count,\u201d {director} said in an interview.\n\n"
        f"The production shot for {rng.randrange(20, 90)} days on location last year."
    )
    return {"text": text, "title": f"{film} sets release date",
            "published": published.isoformat(), "outlet": rng.choice(OUTLETS),
            "url": f"https://synthetic.example/news/{seed}/{i}"}


def articles(n: int, seed: int = 0) -> Iterator[dict]:
    for i in range(n):
        yield article(i, seed)


def write_jsonl(n: int, path: Path, seed: int = 0) -> Path:
    with path.open("w", encoding="utf-8") as fh:
        for rec in articles(n, seed):
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return path


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n", type=int)
    ap.add_argument("out", type=Path)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    write_jsonl(args.n, args.out, args.seed)


if __name__ == "__main__":
    main()
