"""Finding an entity by name: exact key, alias, then fuzzy ("did you mean")."""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import fuzz, process
from sqlalchemy import Connection, func, select

from newsreel.names import name_key
from newsreel.store import schema


class NotFound(Exception):
    def __init__(self, what: str, suggestions: list[str]):
        super().__init__(what)
        self.what = what
        self.suggestions = suggestions


@dataclass
class EntityRow:
    id: int
    type: str
    name: str


def _support(conn: Connection, ids: list[int]) -> dict[int, int]:
    m = schema.mentions
    rows = conn.execute(select(m.c.entity_id, func.count(func.distinct(m.c.doc_id)))
                        .where(m.c.entity_id.in_(ids)).group_by(m.c.entity_id))
    return dict(rows.all())


def find(conn: Connection, name: str, types: tuple[str, ...]) -> EntityRow:
    e, a = schema.entities, schema.aliases
    key = name_key(name)
    rows = conn.execute(select(e.c.id, e.c.type, e.c.name)
                        .where(e.c.key == key, e.c.type.in_(types))).all()
    if not rows:
        rows = conn.execute(select(e.c.id, e.c.type, e.c.name).join(a, a.c.entity_id == e.c.id)
                            .where(a.c.key == key, e.c.type.in_(types))).all()
    if rows:
        support = _support(conn, [r.id for r in rows])
        best = max(rows, key=lambda r: (support.get(r.id, 0), -r.id))
        return EntityRow(best.id, best.type, best.name)
    names = conn.execute(select(e.c.name).where(e.c.type.in_(types))).scalars().all()
    close = process.extract(name, names, scorer=fuzz.WRatio, limit=5, score_cutoff=70)
    what = "/".join(types)
    raise NotFound(f"no {what} named {name!r}", [c[0] for c in close])
