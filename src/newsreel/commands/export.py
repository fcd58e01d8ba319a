"""The `export` command: facts with evidence as JSON-LD, Turtle,
QuickStatements, CSV or JSON Lines (see docs/exports.md)."""

from __future__ import annotations

import csv
import os
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, TextIO

import typer

from newsreel.cli import EXIT_USAGE, DbOpt, err, fail, not_found, open_store

MAX_LISTED = 200  # unmapped names on stderr; --unmapped FILE has them all


@contextmanager
def _output(path: str | None):
    """stdout, or a file written atomically (a temp file renamed at the end)."""
    if path is None or path == "-":
        yield sys.stdout
        sys.stdout.flush()
        return
    target = Path(path)
    try:
        fd, tmp = tempfile.mkstemp(dir=target.parent or ".", prefix=f".{target.name}.")
    except OSError as exc:
        raise fail(f"cannot write {path}: {exc.strerror or exc}", EXIT_USAGE) from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            yield fh
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _write_unmapped(path: str, unmapped) -> None:
    try:
        with open(path, "w", newline="", encoding="utf-8") as fh:
            w = csv.writer(fh, lineterminator="\n")
            w.writerow(["name", "type", "statements"])
            for (name, etype), n in (unmapped.sorted() if unmapped else []):
                w.writerow([name, etype, n])
    except OSError as exc:
        raise fail(f"cannot write {path}: {exc.strerror or exc}", EXIT_USAGE) from None


def _run(fmt: str, groups, out: TextIO, qids: dict[str, str], create_missing: bool):
    from newsreel.export.jsonld import write_jsonld
    from newsreel.export.quickstatements import write_quickstatements
    from newsreel.export.tabular import write_csv, write_jsonl
    from newsreel.export.turtle import write_turtle

    if fmt == "jsonld":
        w = write_jsonld(groups, out, qids)
        return w, f"{w.facts} facts on {w.nodes} nodes"
    if fmt == "turtle":
        w = write_turtle(groups, out, qids)
        return w, f"{w.statements} statements ({w.skipped} facts without a Wikidata form)"
    if fmt == "quickstatements":
        w = write_quickstatements(groups, out, qids, create_missing)
        return w, (f"{w.statements} statements in {w.lines} lines, {w.created} items created, "
                   f"{w.skipped} facts skipped")
    if fmt == "csv":
        return None, f"{write_csv(groups, out)} rows"
    return None, f"{write_jsonl(groups, out)} facts"


def register(app: typer.Typer) -> None:
    @app.command()
    def export(
        fmt: Annotated[str, typer.Option("--format", "-f", help="jsonld, turtle, "
                                         "quickstatements, csv or jsonl.")],
        film: Annotated[str | None, typer.Option("--film", help="One film or series (title "
                                                 "or alias; suggestions if not found).")]
        = None,
        person: Annotated[str | None, typer.Option("--person", help="One person's facts "
                                                   "(as subject or object).")] = None,
        all_: Annotated[bool, typer.Option("--all", help="Every fact (the default).")] = False,
        output: Annotated[str | None, typer.Option("-o", "--output", help="Write here "
                                                   "(default stdout).")] = None,
        qids: Annotated[str | None, typer.Option("--qids", help="name,qid CSV mapping names "
                                                 "to Wikidata items.")] = None,
        unmapped: Annotated[str | None, typer.Option("--unmapped", help="QuickStatements: "
                                                     "write names without a Q-id here (CSV)."
                                                     )] = None,
        create_missing: Annotated[bool, typer.Option(
            "--create-missing", help="QuickStatements: CREATE items for unmapped subjects "
            "(never without this flag).")] = False,
        db: DbOpt = None,
    ) -> None:
        """Export facts with their evidence and sources.

        Formats: jsonld (schema.org), turtle (Wikidata statements with
        references), quickstatements (V1 lines for names --qids maps to
        Q-ids; unmapped names go to stderr and --unmapped FILE), csv (one row
        per evidence span), jsonl (one fact per line). Streams the store."""
        from newsreel.export import FORMATS, Selection, walk
        from newsreel.export.wikidata import QidError, load_qids
        from newsreel.query.dossier import WORK_TYPES
        from newsreel.query.lookup import NotFound, find

        if fmt not in FORMATS:
            raise fail(f"unknown format {fmt!r}; use one of: {', '.join(FORMATS)}", EXIT_USAGE)
        if sum(x is not None and x is not False for x in (film, person, all_ or None)) > 1:
            raise fail("give one of --film, --person, --all", EXIT_USAGE)
        if (unmapped or create_missing) and fmt != "quickstatements":
            raise fail("--unmapped and --create-missing apply to --format quickstatements",
                       EXIT_USAGE)
        mapping: dict[str, str] = {}
        if qids:
            try:
                mapping = load_qids(qids)
            except QidError as exc:
                raise fail(str(exc), EXIT_USAGE) from None
        engine = open_store(db, create=False)
        with engine.connect() as conn:
            try:
                if film:
                    sel = Selection(work_id=find(conn, film, WORK_TYPES).id)
                elif person:
                    sel = Selection(person_id=find(conn, person, ("person",)).id)
                else:
                    sel = Selection()
            except NotFound as exc:
                raise not_found(exc) from None
            with _output(output) as out:
                writer, summary = _run(fmt, walk(conn, sel), out, mapping, create_missing)
        err.print(f"exported {summary}" + (f" to {output}" if output else ""), markup=False)
        names = getattr(writer, "unmapped", None)
        if names:
            total = len(names)
            err.print(f"newsreel: {total} names have no Q-id (give them in --qids "
                      "FILE as name,qid); statements that need them were left out:",
                      markup=False)
            for i, ((name, etype), n) in enumerate(names.sorted()):
                if i == MAX_LISTED:
                    err.print(f"  ... and {total - MAX_LISTED} more"
                              + ("" if unmapped else " (--unmapped FILE lists them all)"),
                              markup=False)
                    break
                err.print(f"  unmapped {etype}: {name} ({n})", markup=False)
        if unmapped:
            _write_unmapped(unmapped, names)
        if names is not None:
            names.close()
