"""The `watch` and `changes` commands: poll feeds, list what changed."""

from __future__ import annotations

import json
import sys
from datetime import datetime
from typing import Annotated

import typer

from newsreel.cli import (
    EXIT_FAILED,
    EXIT_USAGE,
    DbOpt,
    check_format,
    err,
    fail,
    not_found,
    open_store,
    print_json,
)


def _print_change(change: dict, fmt: str) -> None:
    from newsreel.resolve.changes import describe

    if fmt == "jsonl":
        sys.stdout.write(json.dumps(change, ensure_ascii=False, default=str) + "\n")
    else:
        stamp = (change.get("created_at") or "")[:19].replace("T", " ")
        sys.stdout.write(f"{stamp}  {describe(change)}\n")
    sys.stdout.flush()


def _check_since(since: str | None) -> str | None:
    if since is None:
        return None
    try:
        datetime.fromisoformat(since.replace("Z", "+00:00"))
    except ValueError:
        raise fail(f"--since wants an ISO date or datetime, not {since!r}", EXIT_USAGE) from None
    return since.replace(" ", "T")


def register(app: typer.Typer) -> None:
    @app.command()
    def watch(
        feeds: Annotated[list[str], typer.Argument(help="Feed URLs (RSS or Atom) or files.")],
        every: Annotated[str, typer.Option("--every", help="Poll interval: 30s, 15m, 1h.")]
        = "15m",
        webhook: Annotated[str | None, typer.Option(
            "--webhook", help="POST each change as JSON to this URL.")] = None,
        db: DbOpt = None,
        allow_private: Annotated[bool, typer.Option(
            "--allow-private", help="Allow feeds and links on private/loopback hosts.")]
        = False,
        once: Annotated[bool, typer.Option("--once", help="Poll once and exit.")] = False,
        max_polls: Annotated[int | None, typer.Option(
            "--max-polls", help="Stop after N polling rounds.")] = None,
        timeout: Annotated[float, typer.Option("--timeout", help="Seconds per request.")]
        = 20.0,
        delay: Annotated[float, typer.Option(
            "--delay", help="Seconds between requests to one host (politeness).")] = 1.0,
        max_bytes: Annotated[int, typer.Option("--max-bytes", help="Size cap per article.")]
        = 2_000_000,
        fmt: Annotated[str, typer.Option("--format", "-f", help="Changes on stdout as text "
                                         "or jsonl.")] = "text",
    ) -> None:
        """Poll feeds, ingest new items, print (and POST) each change.

        Conditional GET (ETag, Last-Modified) each round; items already
        ingested are not fetched again. A feed that is down, slow or malformed
        gets one line on stderr and backs off; the others go on. Ctrl-C stops
        cleanly with a summary (exit 130). With --once or --max-polls the exit
        status is 1 when a feed still failed on its last try."""
        from newsreel.extract import Extractor
        from newsreel.watcher import Watcher, parse_duration

        check_format(fmt, ("text", "jsonl"))
        try:
            interval = parse_duration(every)
        except ValueError as exc:
            raise fail(str(exc), EXIT_USAGE) from None
        if webhook and not webhook.startswith(("http://", "https://")):
            raise fail("--webhook wants an http(s) URL", EXIT_USAGE)
        if max_polls is not None and max_polls < 1:
            raise fail("--max-polls wants a positive number", EXIT_USAGE)
        if timeout <= 0 or delay < 0:
            raise fail("--timeout must be positive and --delay not negative", EXIT_USAGE)
        engine = open_store(db)
        watcher = Watcher(engine, feeds, Extractor(), every=interval, webhook=webhook,
                          allow_private=allow_private, timeout=timeout, max_bytes=max_bytes,
                          delay=delay, log=lambda line: err.print(line, markup=False),
                          on_change=lambda c: _print_change(c, fmt))
        try:
            stats = watcher.run(1 if once else max_polls)
        except KeyboardInterrupt:
            err.print(watcher.stats.text() + " (interrupted)", markup=False)
            raise typer.Exit(130) from None
        finally:
            watcher.close()
        err.print(stats.text(), markup=False)
        if watcher.failing:  # some feeds failed on their last try (the others went on)
            raise typer.Exit(EXIT_FAILED)

    @app.command()
    def changes(
        since: Annotated[str | None, typer.Option(
            "--since", help="Only changes recorded at or after this ISO date/datetime.")]
        = None,
        film: Annotated[str | None, typer.Option("--film", help="Only this film or series.")]
        = None,
        limit: Annotated[int | None, typer.Option("--limit", help="At most N changes.")]
        = None,
        db: DbOpt = None,
        fmt: Annotated[str, typer.Option("--format", "-f", help="text, json or jsonl.")]
        = "text",
    ) -> None:
        """What ingests changed: new facts, moved dates, conflicts, quotes, nominations."""
        from newsreel.query.dossier import WORK_TYPES
        from newsreel.query.lookup import NotFound, find
        from newsreel.resolve.changes import list_changes

        check_format(fmt, ("text", "json", "jsonl"))
        since = _check_since(since)
        engine = open_store(db)
        with engine.connect() as conn:
            subject_ids = None
            if film:
                try:
                    subject_ids = [find(conn, film, WORK_TYPES).id]
                except NotFound as exc:
                    raise not_found(exc) from None
            rows = list_changes(conn, since=since, subject_ids=subject_ids, limit=limit)
        if fmt == "json":
            print_json(rows)
            return
        for row in rows:
            _print_change(row, fmt)
