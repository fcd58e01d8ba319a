"""Works: genre, based_on, author, narrative_location (filled in below)."""

from __future__ import annotations

from newsreel.extract.context import DocContext


def extract(ctx: DocContext) -> None:
    return None
