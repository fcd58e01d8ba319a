"""Core commands: extract, ingest, show, person, quotes, docs, show-doc."""

from __future__ import annotations

import json
import os
import signal
import sys
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from newsreel.cli import (
    EXIT_FAILED,
    EXIT_NOT_FOUND,
    DbOpt,
    FormatOpt,
    check_format,
    err,
    fail,
    not_found,
    open_store,
    print_json,
)

PathsArg = Annotated[list[str], typer.Argument(help="Files, directories, URLs, or - for stdin.")]
MaxBytesOpt = Annotated[int, typer.Option("--max-bytes", help="Size cap per article.")]
AllowPrivateOpt = Annotated[bool, typer.Option(
    "--allow-private", help="Allow URLs on private, loopback and link-local addresses.")]


def _read(paths: list[str], max_bytes: int, allow_private: bool, notes: list[str]):
    from newsreel.sources import read_inputs

    return read_inputs(paths, max_bytes=max_bytes, allow_private=allow_private, notes=notes)


def _extractor(min_confidence: float):
    from newsreel.extract import Extractor

    return Extractor(min_confidence=min_confidence)


def _lookup(db: str | None, query):
    """Run a by-name query on the store; a name not found exits 3 with suggestions."""
    from newsreel.query.lookup import NotFound

    engine = open_store(db)
    try:
        with engine.connect() as conn:
            return query(conn)
    except NotFound as exc:
        raise not_found(exc) from None


def register(app: typer.Typer) -> None:
    @app.command()
    def extract(
        paths: PathsArg,
        fmt: Annotated[str, typer.Option("--format", "-f", help="jsonl, json or table.")]
        = "jsonl",
        min_confidence: Annotated[float, typer.Option(
            "--min-confidence", help="Drop facts below this confidence (0-1).")] = 0.0,
        workers: Annotated[int, typer.Option("--workers", help="Processes for extraction.")]
        = 1,
        max_bytes: MaxBytesOpt = 2_000_000,
        allow_private: AllowPrivateOpt = False,
    ) -> None:
        """Extract records from articles and print them; stores nothing."""
        from newsreel.render import record_table
        from newsreel.sources import ReadFailure

        check_format(fmt, ("jsonl", "json", "table"))
        notes: list[str] = []
        items = list(_read(paths, max_bytes, allow_private, notes))
        for note in notes:
            err.print(note, markup=False)
        failures = [i for i in items if isinstance(i, ReadFailure)]
        articles = [i for i in items if not isinstance(i, ReadFailure)]
        for f in failures:
            err.print(f"newsreel: {f.source}: {f.reason}", markup=False)
        records = []
        errors: list = []
        if articles:
            if workers > 1:
                from newsreel.scale.local import extract_parallel

                results = extract_parallel(articles, workers, min_confidence)
            else:
                results = _extractor(min_confidence).extract_many(articles, errors=errors)
            for _article, record in results:
                data = record.to_dict()
                if fmt == "jsonl":
                    sys.stdout.write(json.dumps(data, ensure_ascii=False) + "\n")
                    sys.stdout.flush()
                elif fmt == "json":
                    records.append(data)
                else:
                    record_table(record)
        if fmt == "json":
            print_json(records)
        for article, reason in errors:
            err.print(f"newsreel: {article.source}: {reason}", markup=False)
        if failures or errors:
            raise typer.Exit(EXIT_FAILED)

    @app.command()
    def ingest(
        paths: PathsArg,
        db: DbOpt = None,
        min_confidence: Annotated[float, typer.Option("--min-confidence")] = 0.0,
        max_bytes: MaxBytesOpt = 2_000_000,
        allow_private: AllowPrivateOpt = False,
        fmt: Annotated[str, typer.Option("--format", "-f", help="Summary as text or json.")]
        = "text",
        engine_name: Annotated[str, typer.Option("--engine", help="local or ray.")] = "local",
        address: Annotated[str | None, typer.Option("--address", help="Ray address.")] = None,
        out_dir: Annotated[str | None, typer.Option("--out", help="Ray: write Parquet shards "
                                                    "here instead of the store.")] = None,
        workers: Annotated[int, typer.Option("--workers", help="Ray workers.")] = 2,
    ) -> None:
        """Read, extract and store articles; known bodies are skipped.

        Exit 0 when every input was stored or skipped, 1 when any failed (the
        others are still stored), 130 on Ctrl-C after the current article."""
        from newsreel.ingest import ingest_articles
        from newsreel.render import summary_text

        check_format(fmt)
        if engine_name == "ray":
            from newsreel.scale.ray_engine import RayEngineError, ingest_with_ray
            from newsreel.store import StoreError

            try:
                summary = ingest_with_ray(paths, db=db, address=address, out_dir=out_dir,
                                          workers=workers, max_bytes=max_bytes,
                                          min_confidence=min_confidence,
                                          allow_private=allow_private)
            except (RayEngineError, StoreError) as exc:
                raise fail(str(exc)) from None
        elif engine_name != "local":
            raise fail(f"unknown engine {engine_name!r}; use local or ray", 2)
        else:
            engine = open_store(db)
            notes: list[str] = []
            items = _read(paths, max_bytes, allow_private, notes)
            stop = {"now": False}

            def on_sigint(_sig, _frame):
                if stop["now"]:
                    # abort now: an open transaction is rolled back by the database,
                    # exactly as after a kill (tests/test_crash.py proves both)
                    err.print("aborted", markup=False)
                    os._exit(130)
                stop["now"] = True
                err.print("stopping after the current article (Ctrl-C again to abort)")

            previous = signal.signal(signal.SIGINT, on_sigint)

            def gated(source):
                for item in source:
                    if stop["now"]:
                        return
                    yield item

            with Progress(TextColumn("[bold]ingest"), BarColumn(), MofNCompleteColumn(),
                          TextColumn("{task.fields[last]}"), TimeElapsedColumn(),
                          console=err, transient=True, disable=not err.is_terminal) as bar:
                task = bar.add_task("ingest", total=None, last="")

                def progress(source: str, outcome: str) -> None:
                    bar.update(task, advance=1, last=f"{outcome}: {source[-50:]}")

                summary = ingest_articles(engine, gated(items), _extractor(min_confidence),
                                          progress=progress, batch_size=8,
                                          stop=lambda: stop["now"], keep_ids=False)
            if not stop["now"]:  # once stopping, a second Ctrl-C still aborts with 130
                signal.signal(signal.SIGINT, previous)
            for note in notes:
                err.print(note, markup=False)
            if stop["now"]:
                err.print(f"interrupted: {summary_text(summary)}", markup=False)
                for source, reason in summary.failed:
                    err.print(f"newsreel: failed {source}: {reason}", markup=False)
                # everything is committed: leave with 130 before interpreter shutdown,
                # where another Ctrl-C would meet the default handler (death by SIGINT)
                engine.dispose()
                sys.stdout.flush()
                sys.stderr.flush()
                os._exit(130)
        if fmt == "json":
            print_json(summary.as_dict())
        else:
            err.print(summary_text(summary), markup=False)
        for source, reason in summary.failed:
            err.print(f"newsreel: failed {source}: {reason}", markup=False)
        if summary.failed:
            raise typer.Exit(EXIT_FAILED)

    @app.command()
    def show(title: Annotated[str, typer.Argument(help="Film or series title (fuzzy).")],
             db: DbOpt = None, fmt: FormatOpt = "text") -> None:
        """A film's or series' dossier: every fact with how many articles state it."""
        from newsreel.query.bigpicture import big_picture
        from newsreel.query.dossier import dossier
        from newsreel.render import dossier_text

        check_format(fmt)

        def query(conn):
            data = dossier(conn, title)
            data["big_picture"] = big_picture(conn, data)
            return data

        data = _lookup(db, query)
        if fmt == "json":
            print_json(data)
        else:
            dossier_text(data)

    @app.command()
    def person(name: Annotated[str, typer.Argument(help="Person's name (fuzzy).")],
               db: DbOpt = None, fmt: FormatOpt = "text") -> None:
        """A person's credits and quotes."""
        from newsreel.query.people import person as person_q
        from newsreel.render import person_text

        check_format(fmt)
        data = _lookup(db, lambda conn: person_q(conn, name))
        print_json(data) if fmt == "json" else person_text(data)

    @app.command()
    def quotes(speaker: Annotated[str | None, typer.Option("--speaker")] = None,
               outlet: Annotated[str | None, typer.Option("--outlet")] = None,
               limit: Annotated[int, typer.Option("--limit")] = 100,
               offset: Annotated[int, typer.Option("--offset")] = 0,
               db: DbOpt = None, fmt: FormatOpt = "text") -> None:
        """Quotes, optionally by speaker and outlet."""
        from newsreel.query.quotes import list_quotes
        from newsreel.render import quotes_text

        check_format(fmt, ("text", "json", "jsonl"))
        engine = open_store(db)
        with engine.connect() as conn:
            rows = list_quotes(conn, speaker, outlet, limit, offset)
        if fmt == "json":
            print_json(rows)
        elif fmt == "jsonl":
            for r in rows:
                sys.stdout.write(json.dumps(r, ensure_ascii=False, default=str) + "\n")
        else:
            quotes_text(rows)

    @app.command()
    def docs(limit: Annotated[int, typer.Option("--limit")] = 100,
             offset: Annotated[int, typer.Option("--offset")] = 0,
             db: DbOpt = None, fmt: FormatOpt = "text") -> None:
        """Documents in the store."""
        from newsreel.query.documents import list_documents
        from newsreel.render import docs_text

        check_format(fmt, ("text", "json", "jsonl"))
        engine = open_store(db)
        with engine.connect() as conn:
            rows = list_documents(conn, limit, offset)
        if fmt == "json":
            print_json(rows)
        elif fmt == "jsonl":
            for r in rows:
                sys.stdout.write(json.dumps(r, ensure_ascii=False, default=str) + "\n")
        else:
            docs_text(rows)

    @app.command("show-doc")
    def show_doc(doc_id: Annotated[str, typer.Argument(help="Document id (or a unique prefix).")],
                 body: Annotated[bool, typer.Option("--body", help="Print exactly the stored "
                                                    "body, nothing else.")] = False,
                 db: DbOpt = None, fmt: FormatOpt = "text") -> None:
        """One document: metadata and sightings, or with --body its exact body."""
        from newsreel.query.documents import get_document
        from newsreel.render import doc_text

        check_format(fmt)
        engine = open_store(db)
        with engine.connect() as conn:
            data = get_document(conn, doc_id)
        if data is None:
            raise fail(f"no document {doc_id!r}", EXIT_NOT_FOUND)
        if body:
            sys.stdout.write(data["body"])
            return
        print_json(data) if fmt == "json" else doc_text(data)
