"""Relation families: each is `extract(ctx: DocContext) -> None` and adds facts.

The order matters only where a later family reads facts of an earlier one."""

from newsreel.extract.relations import awards, cast, crew, implied, lead, quotes, works

FAMILIES = [crew.extract, cast.extract, lead.extract, awards.extract, works.extract,
            implied.extract, quotes.extract]

# release dates, premieres, distributors, box office, production companies
from newsreel.extract.relations import companies, money, release  # noqa: E402

FAMILIES += [release.extract, money.extract, companies.extract]
