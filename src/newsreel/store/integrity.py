"""Store integrity checks (`newsreel check`) and SQLite online backups (`newsreel backup`).

`check_store(engine)` returns a `CheckReport`: rows per table, problems
(anything that means data is damaged or lost: a failed SQLite
`integrity_check`, `foreign_key_check` violations, rows pointing at a
missing document/entity/fact, facts without evidence, evidence whose text is
not the document's body at its offsets, a document whose id is not the
sha256 of its body) and warnings (legal but worth knowing: entities no row
refers to, documents without a sighting).

Orphan queries are derived from the foreign keys of `schema.metadata`, so
tables other modules add are checked too, on SQLite and PostgreSQL alike.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, and_, exists, func, inspect, not_, or_, select, text
from sqlalchemy.engine import make_url

from newsreel.model import body_id
from newsreel.store import schema

SAMPLE = 5  # ids shown per problem


@dataclass
class Finding:
    check: str
    count: int
    detail: str
    sample: list[Any] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {"check": self.check, "count": self.count, "detail": self.detail,
                "sample": self.sample}


@dataclass
class CheckReport:
    backend: str
    counts: dict[str, int] = field(default_factory=dict)
    problems: list[Finding] = field(default_factory=list)
    warnings: list[Finding] = field(default_factory=list)
    passed: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def as_dict(self) -> dict[str, Any]:
        return {"ok": self.ok, "backend": self.backend, "counts": self.counts,
                "problems": [p.as_dict() for p in self.problems],
                "warnings": [w.as_dict() for w in self.warnings], "passed": self.passed}


def _record(report: CheckReport, name: str, count: int, detail: str, sample: list[Any],
            warning: bool = False) -> None:
    if count:
        target = report.warnings if warning else report.problems
        target.append(Finding(name, count, detail, sample[:SAMPLE]))
    else:
        report.passed.append(name)


def _sqlite_checks(conn, report: CheckReport) -> None:
    rows = [r[0] for r in conn.exec_driver_sql("PRAGMA integrity_check").fetchall()]
    bad = [r for r in rows if r != "ok"]
    _record(report, "sqlite integrity_check", len(bad), "SQLite reports damage", bad)
    fk = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
    _record(report, "sqlite foreign_key_check", len(fk),
            "rows whose foreign key points at nothing",
            [f"{r[0]} rowid {r[1]} -> {r[2]}" for r in fk])


def _postgres_checks(conn, report: CheckReport, tables: list) -> None:
    declared = sum(len(t.foreign_keys) > 0 for t in tables)
    present = conn.execute(text(
        "SELECT count(DISTINCT conrelid) FROM pg_constraint WHERE contype = 'f' "
        "AND connamespace = current_schema()::regnamespace")).scalar_one()
    _record(report, "postgresql foreign key constraints", max(0, declared - present),
            f"tables that should carry foreign key constraints but do not "
            f"({present} of {declared} do)", [])
    invalid = conn.execute(text(
        "SELECT conname FROM pg_constraint WHERE contype IN ('f', 'u', 'p') "
        "AND NOT convalidated AND connamespace = current_schema()::regnamespace")).fetchall()
    _record(report, "postgresql constraints validated", len(invalid),
            "constraints marked NOT VALID", [r[0] for r in invalid])


def _orphans(conn, report: CheckReport, tables: list) -> None:
    for table in tables:
        for fk in sorted(table.foreign_keys, key=lambda f: f.parent.name):
            child, parent = fk.parent, fk.column
            cond = and_(child.isnot(None), not_(exists().where(parent == child)))
            count = conn.execute(select(func.count()).select_from(table).where(cond)).scalar_one()
            pk = next(iter(table.primary_key.columns), child)  # a table may have no key
            sample = [r[0] for r in conn.execute(
                select(pk).where(cond).limit(SAMPLE))] if count else []
            _record(report, f"orphans {table.name}.{child.name}", count,
                    f"{table.name} rows whose {child.name} is not in {parent.table.name}",
                    sample)


def _facts_without_evidence(conn, report: CheckReport) -> None:
    f, ev = schema.facts, schema.evidence
    cond = not_(exists().where(ev.c.fact_id == f.c.id))
    count = conn.execute(select(func.count()).select_from(f).where(cond)).scalar_one()
    sample = [r[0] for r in conn.execute(select(f.c.id).where(cond).limit(SAMPLE))]
    _record(report, "facts with evidence", count, "facts no evidence supports", sample)


def _unreferenced(conn, report: CheckReport, tables: list) -> None:
    e = schema.entities
    refs = [fk.parent for t in tables for fk in t.foreign_keys
            if fk.column.table is e and t is not schema.aliases]
    cond = and_(*[not_(exists().where(c == e.c.id)) for c in refs]) if refs else None
    if cond is None:
        return
    count = conn.execute(select(func.count()).select_from(e).where(cond)).scalar_one()
    sample = [r[0] for r in conn.execute(select(e.c.name).where(cond).limit(SAMPLE))]
    _record(report, "entities referenced", count,
            "entities nothing refers to (harmless; left by merges or deletions)", sample,
            warning=True)
    d, s = schema.documents, schema.sightings
    cond = not_(exists().where(s.c.doc_id == d.c.id))
    count = conn.execute(select(func.count()).select_from(d).where(cond)).scalar_one()
    sample = [r[0] for r in conn.execute(select(d.c.id).where(cond).limit(SAMPLE))]
    _record(report, "documents sighted", count, "documents without a sighting", sample,
            warning=True)


def _spans(conn, report: CheckReport) -> None:
    """Document ids are body hashes; every stored span lies inside its body
    and every evidence text is the body at its offsets (checked in SQL:
    substr and length count characters on SQLite and PostgreSQL alike)."""
    d, ev = schema.documents, schema.evidence
    bad_ids: list[str] = []
    for doc_id, body in conn.execution_options(yield_per=500).execute(
            select(d.c.id, d.c.body)):
        if body_id(body) != doc_id:
            bad_ids.append(doc_id)
    _record(report, "document ids are body hashes", len(bad_ids),
            "documents whose id is not the sha256 of their body", bad_ids)
    size = func.length(d.c.body)
    outside = lambda t: or_(t.c.start < 0, t.c.end < t.c.start, t.c.end > size)  # noqa: E731
    cond = or_(outside(ev), func.substr(d.c.body, ev.c.start + 1, ev.c.end - ev.c.start)
               != ev.c.text)
    q = select(ev.c.id).join(d, d.c.id == ev.c.doc_id).where(cond)
    rows = [r[0] for r in conn.execute(q)]
    _record(report, "evidence matches body", len(rows),
            "evidence whose text is not body[start:end]", rows)
    bad: list[str] = []
    for table in (schema.mentions, schema.quotes):
        q = select(table.c.id).join(d, d.c.id == table.c.doc_id).where(outside(table))
        bad += [f"{table.name} {r[0]}" for r in conn.execute(q)]
    _record(report, "spans inside body", len(bad),
            "mentions or quotes whose offsets fall outside the body", bad)


def check_store(engine: Engine, spans: bool = True) -> CheckReport:
    """Run every check; read-only."""
    backend = engine.dialect.name
    report = CheckReport(backend=backend)
    existing = set(inspect(engine).get_table_names())
    tables = [t for t in schema.metadata.sorted_tables if t.name in existing]
    missing = [t.name for t in schema.metadata.sorted_tables if t.name not in existing]
    _record(report, "tables present", len(missing), "tables missing from the store", missing)
    with engine.connect() as conn:
        for t in tables:
            report.counts[t.name] = conn.execute(
                select(func.count()).select_from(t)).scalar_one()
        if backend == "sqlite":
            _sqlite_checks(conn, report)
        elif backend == "postgresql":
            _postgres_checks(conn, report, tables)
        _orphans(conn, report, tables)
        _facts_without_evidence(conn, report)
        _unreferenced(conn, report, tables)
        if spans:
            _spans(conn, report)
    return report


class BackupError(Exception):
    """The backup cannot be made; the message says why."""


def refuse_non_sqlite(url: str) -> None:
    """Raise BackupError unless `url` is a SQLite store."""
    backend = make_url(url).get_backend_name()
    if backend != "sqlite":
        raise BackupError(
            f"backup copies SQLite stores only; for this {backend} store use pg_dump "
            "(e.g. `pg_dump -Fc -f newsreel.dump DBNAME`, restore with pg_restore)")


def sqlite_path(engine: Engine) -> Path:
    refuse_non_sqlite(str(engine.url))
    db = engine.url.database
    if not db or db == ":memory:":
        raise BackupError("an in-memory store cannot be backed up")
    return Path(db)


def backup_sqlite(engine: Engine, target: Path, overwrite: bool = False) -> dict[str, Any]:
    """Copy the store with SQLite's online backup API into `target`.

    The copy is one consistent snapshot even while other processes write (in
    WAL mode readers and writers do not block each other). It is written to a
    temporary file next to `target`, checked with `integrity_check`, then
    renamed into place, so `target` is never a half-written file."""
    source = sqlite_path(engine)
    if target.resolve() == source.resolve():
        raise BackupError("the backup file is the store itself")
    if target.exists() and not overwrite:
        raise BackupError(f"{target} exists (use --force to replace it)")
    if not target.parent.is_dir():
        raise BackupError(f"no directory {target.parent}")
    tmp = target.with_name(f".{target.name}.partial")
    tmp.unlink(missing_ok=True)
    src = sqlite3.connect(str(source), timeout=30)
    try:
        src.execute("PRAGMA busy_timeout=30000")
        dst = sqlite3.connect(str(tmp))
        try:
            src.backup(dst)  # all pages in one step: one snapshot
            dst.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
            verdict = dst.execute("PRAGMA integrity_check").fetchone()[0]
            docs = dst.execute("SELECT count(*) FROM documents").fetchone()[0]
        finally:
            dst.close()
    except sqlite3.Error as exc:
        tmp.unlink(missing_ok=True)
        raise BackupError(f"backup failed: {exc}") from None
    finally:
        src.close()
    if verdict != "ok":
        tmp.unlink(missing_ok=True)
        raise BackupError(f"the copy failed its integrity check: {verdict}")
    tmp.replace(target)
    return {"source": str(source), "target": str(target), "documents": docs,
            "bytes": target.stat().st_size}
