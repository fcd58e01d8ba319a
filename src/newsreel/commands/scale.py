"""Scale commands: `load` stores the Parquet shards of `ingest --engine ray --out DIR`.

Loading needs no Ray: each row carries the article and its extraction
record, and goes to the store through `newsreel.ingest.store_extracted`.
Bodies already in the store are skipped (a sighting is added), so loading
the same shards twice, or loading after a stopped run, adds no duplicates."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from newsreel.cli import (
    EXIT_FAILED,
    EXIT_USAGE,
    DbOpt,
    check_format,
    err,
    fail,
    open_store,
    print_json,
)


def register(app: typer.Typer) -> None:
    @app.command()
    def load(
        directory: Annotated[str, typer.Argument(help="Directory of part-*.parquet shards "
                                                 "written by ingest --engine ray --out.")],
        db: DbOpt = None,
        fmt: Annotated[str, typer.Option("--format", "-f", help="Summary as text or json.")]
        = "text",
    ) -> None:
        """Store extracted shards (from `ingest --engine ray --out DIR`) into the store.

        Exit 0 when every row was stored or skipped, 1 when any row holds a
        failed input (the others are stored), 2 when DIR has no shards."""
        from newsreel.render import summary_text
        from newsreel.scale.rows import load_shards, shard_files

        check_format(fmt)
        path = Path(directory)
        if not path.is_dir():
            raise fail(f"{directory}: not a directory", EXIT_USAGE)
        if not shard_files(path):
            raise fail(f"{directory}: no part-*.parquet shards here", EXIT_USAGE)
        engine = open_store(db)
        try:
            summary = load_shards(engine, path)
        except OSError as exc:
            raise fail(f"cannot read shards: {exc}") from None
        except Exception as exc:  # pyarrow's errors for a damaged or foreign file
            raise fail(f"cannot read shards: {type(exc).__name__}: "
                       f"{str(exc).splitlines()[0] if str(exc) else ''}") from None
        if fmt == "json":
            print_json(summary.as_dict())
        else:
            err.print(summary_text(summary), markup=False)
        for source, reason in summary.failed:
            err.print(f"newsreel: failed {source}: {reason}", markup=False)
        if summary.failed:
            raise typer.Exit(EXIT_FAILED)
