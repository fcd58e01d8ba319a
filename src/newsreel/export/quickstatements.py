"""QuickStatements V1 (tab-separated lines) for Wikidata editors.

A statement is written only when its item and its value have Q-ids (from
`--qids FILE`, a name,qid CSV; countries and the main currencies are
built in). Names without one are collected (`unmapped`), never created
silently; with `create_missing` each unmapped subject gets a CREATE block
(label, instance of) and its statements follow on LAST. Every line carries
its reference: S854 reference URL, S1476 title, S813 retrieved, S1683
quotation (one line per source document, which QuickStatements merges into
one statement with several references). Qualifiers whose item is unmapped
are dropped (and the name listed). Nothing is sent anywhere.
"""

from __future__ import annotations

import sqlite3
import tempfile
from collections import Counter
from collections.abc import Iterable, Iterator
from typing import TextIO

from newsreel.export.walker import Group
from newsreel.export.wikidata import (
    CURRENCY_QIDS,
    INSTANCE_OF,
    Item,
    Quantity,
    Reference,
    Time,
    Value,
    qid_of,
    statement,
)

MAX_QUOTATION = 1500  # Wikidata's limit for a monolingual text
SPILL = 5000  # distinct unmapped names kept in memory before they go to disk


class Unmapped:
    """Counts of unmapped (name, type), in memory up to SPILL distinct names,
    then in a temporary SQLite file, so memory stays flat on any store."""

    def __init__(self) -> None:
        self._mem: Counter[tuple[str, str]] = Counter()
        self._db: sqlite3.Connection | None = None
        self._dir: tempfile.TemporaryDirectory | None = None

    def add(self, name: str, etype: str) -> None:
        self._mem[(name, etype)] += 1
        if len(self._mem) >= SPILL:
            self._spill()

    def _spill(self) -> None:
        if self._db is None:
            self._dir = tempfile.TemporaryDirectory(prefix="newsreel-qs-")
            self._db = sqlite3.connect(f"{self._dir.name}/unmapped.db")
            self._db.execute("CREATE TABLE u (name TEXT, type TEXT, n INTEGER, "
                             "PRIMARY KEY (name, type))")
        self._db.executemany("INSERT INTO u VALUES (?, ?, ?) ON CONFLICT (name, type) "
                             "DO UPDATE SET n = n + excluded.n",
                             [(k[0], k[1], n) for k, n in self._mem.items()])
        self._mem.clear()

    def __contains__(self, key: tuple[str, str]) -> bool:
        return any(k == key for k, _n in self.sorted())

    def __len__(self) -> int:
        if self._db is None:
            return len(self._mem)
        self._spill()
        return self._db.execute("SELECT count(*) FROM u").fetchone()[0]

    def __bool__(self) -> bool:
        return len(self) > 0

    def sorted(self) -> Iterator[tuple[tuple[str, str], int]]:
        """((name, type), statements) by most statements first, then name."""
        if self._db is None:
            yield from sorted(self._mem.items(), key=lambda x: (-x[1], x[0]))
            return
        self._spill()
        for name, etype, n in self._db.execute("SELECT name, type, n FROM u "
                                               "ORDER BY n DESC, name, type"):
            yield (name, etype), n

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None
        if self._dir is not None:
            self._dir.cleanup()
            self._dir = None


def qs_string(text: str) -> str:
    """A QuickStatements string: one line, no double quotes (V1 cannot escape them)."""
    return '"' + " ".join(str(text).replace('"', "'").split()) + '"'


def qs_time(iso: str) -> str:
    parts = iso.split("-")
    precision = {1: 9, 2: 10}.get(len(parts), 11)
    year, month, day = (parts + ["00", "00"])[:3]
    return f"+{year}-{month}-{day}T00:00:00Z/{precision}"


class QuickStatementsWriter:
    def __init__(self, out: TextIO, qids: dict[str, str] | None = None,
                 create_missing: bool = False):
        self.out = out
        self.qids = qids or {}
        self.create_missing = create_missing
        self.unmapped = Unmapped()
        self.lines = 0
        self.statements = 0
        self.skipped = 0
        self.created = 0

    def _qid(self, item: Item) -> str | None:
        qid = qid_of(item, self.qids)
        if qid is None:
            self.unmapped.add(item.name, item.type)
        return qid

    def _value(self, value: Value) -> str | None:
        if isinstance(value, Item):
            return self._qid(value)
        if isinstance(value, Time):
            return qs_time(value.iso)
        if isinstance(value, Quantity):
            if value.unit is None:
                return value.amount
            unit = self.qids.get(value.unit.lower()) or CURRENCY_QIDS.get(value.unit)
            if unit is None:
                self.unmapped.add(value.unit, "currency")
                return None
            return f"{value.amount}U{unit.lstrip('Q')}"
        return qs_string(str(value))

    def _reference(self, ref: Reference) -> list[str]:
        cells: list[str] = []
        if ref.url:
            cells += ["S854", qs_string(ref.url)]
        if ref.title:
            cells += ["S1476", "en:" + qs_string(ref.title)]
        if ref.retrieved:
            cells += ["S813", qs_time(ref.retrieved[:10])]
        quotation = " ".join(ref.quotation.split())
        if quotation and len(quotation) <= MAX_QUOTATION:
            cells += ["S1683", "en:" + qs_string(quotation)]
        return cells

    def _emit(self, cells: list[str]) -> None:
        self.out.write("\t".join(cells) + "\n")
        self.lines += 1

    def group(self, group: Group) -> None:
        subject = Item(group.subject, group.subject_type, group.subject_id)
        sid = qid_of(subject, self.qids)
        created = False
        for fact in group.facts:
            st = statement(fact)
            if st is None:
                self.skipped += 1
                continue
            if sid is None and not self.create_missing:
                self.unmapped.add(subject.name, subject.type)
                self.skipped += 1
                continue
            value = self._value(st.value)
            if value is None:
                self.skipped += 1
                continue
            quals: list[str] = []
            for pid, qval in st.qualifiers:
                rendered = self._value(qval)
                if rendered is not None:
                    quals += [pid, rendered]
            if sid is None and not created:
                self._emit(["CREATE"])
                self._emit(["LAST", "Len", qs_string(subject.name)])
                if subject.type in INSTANCE_OF:
                    self._emit(["LAST", "P31", INSTANCE_OF[subject.type]])
                created = True
                self.created += 1
            head = [sid or "LAST", st.property, value] + quals
            for ref in st.references or [None]:
                self._emit(head + (self._reference(ref) if ref else []))
            self.statements += 1


def write_quickstatements(groups: Iterable[Group], out: TextIO,
                          qids: dict[str, str] | None = None, create_missing: bool = False,
                          ) -> QuickStatementsWriter:
    writer = QuickStatementsWriter(out, qids, create_missing)
    for group in groups:
        writer.group(group)
    return writer
