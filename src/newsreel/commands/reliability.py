"""Reliability commands: `check` (store integrity) and `backup` (SQLite online backup).

`newsreel check` exits 0 when the store is clean and 1 when any problem is
found; warnings (such as entities nothing refers to) do not change the exit
status. `newsreel backup FILE` copies a SQLite store safely while other
processes write; PostgreSQL stores are backed up with pg_dump.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from newsreel.cli import (
    EXIT_FAILED,
    EXIT_USAGE,
    DbOpt,
    FormatOpt,
    check_format,
    err,
    fail,
    open_store,
    out,
    print_json,
)


def _print_report(report) -> None:
    out.print(f"store: {report.backend}", markup=False)
    width = max((len(t) for t in report.counts), default=0)
    for table, n in report.counts.items():
        out.print(f"  {table:<{width}}  {n:>9,}", markup=False)
    for name in report.passed:
        out.print(f"ok       {name}", markup=False)
    for w in report.warnings:
        sample = f" (e.g. {', '.join(map(str, w.sample))})" if w.sample else ""
        out.print(f"warning  {w.check}: {w.count:,} {w.detail}{sample}", markup=False)
    for p in report.problems:
        sample = f" (e.g. {', '.join(map(str, p.sample))})" if p.sample else ""
        out.print(f"PROBLEM  {p.check}: {p.count:,} {p.detail}{sample}", markup=False)
    out.print("clean" if report.ok else f"{len(report.problems)} problem(s) found",
              markup=False)


def register(app: typer.Typer) -> None:
    @app.command()
    def check(db: DbOpt = None, fmt: FormatOpt = "text",
              quick: Annotated[bool, typer.Option(
                  "--quick", help="Skip the per-document hash and span checks.")] = False,
              ) -> None:
        """Check the store: SQLite integrity and foreign keys (constraints on
        PostgreSQL), orphan rows, facts without evidence, evidence that does not
        match its body, and rows per table. Exit 1 on any problem."""
        from newsreel.store.integrity import check_store

        check_format(fmt)
        engine = open_store(db, create=False)
        try:
            report = check_store(engine, spans=not quick)
        except Exception as exc:  # a store too damaged to query
            raise fail(f"cannot check the store: {str(exc).splitlines()[0]}") from None
        if fmt == "json":
            print_json(report.as_dict())
        else:
            _print_report(report)
        if not report.ok:
            err.print(f"newsreel: {len(report.problems)} integrity problem(s) in the store",
                      markup=False)
            raise typer.Exit(EXIT_FAILED)

    @app.command()
    def backup(file: Annotated[Path, typer.Argument(help="Where to write the copy.")],
               db: DbOpt = None,
               force: Annotated[bool, typer.Option("--force", help="Replace FILE if it "
                                                   "exists.")] = False) -> None:
        """Copy a SQLite store with SQLite's online backup API (safe while other
        processes write). For PostgreSQL use pg_dump. See docs/reliability.md
        for restoring."""
        from newsreel.store import resolve_url
        from newsreel.store.integrity import BackupError, backup_sqlite, refuse_non_sqlite

        try:
            refuse_non_sqlite(resolve_url(db))
        except BackupError as exc:
            raise fail(str(exc), EXIT_USAGE) from None
        engine = open_store(db, create=False)
        try:
            info = backup_sqlite(engine, file, overwrite=force)
        except BackupError as exc:
            raise fail(str(exc)) from None
        err.print(f"backed up {info['documents']:,} documents to {info['target']} "
                  f"({info['bytes'] / 1e6:.1f} MB)", markup=False)
