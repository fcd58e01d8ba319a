"""Relation families: each is `extract(ctx: DocContext) -> None` and adds facts.

The order matters only where a later family reads facts of an earlier one."""

from newsreel.extract.relations import awards, cast, crew, implied, quotes, works

FAMILIES = [crew.extract, cast.extract, awards.extract, works.extract, implied.extract,
            quotes.extract]
