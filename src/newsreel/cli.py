"""The command line (Typer). stdout carries data only; progress and logs go to stderr.

Exit status: 0 all fine; 1 some inputs failed (the rest processed and
stored); 2 usage error; 3 not found (with "did you mean" on stderr).
Further command groups live in their own modules, each with
`register(app)`, listed in COMMAND_MODULES.
"""

from __future__ import annotations

import importlib
import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from newsreel import __version__

app = typer.Typer(add_completion=False, no_args_is_help=True, rich_markup_mode=None,
                  help="newsreel: film and TV news into a knowledge base of sourced facts.")
err = Console(stderr=True, highlight=False, soft_wrap=True)
out = Console(highlight=False, soft_wrap=True)

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_NOT_FOUND = 0, 1, 2, 3

DbOpt = Annotated[str | None, typer.Option("--db", help="Store URL or SQLite path "
                                           "(default: $NEWSREEL_DB, else the user data dir).")]
FormatOpt = Annotated[str, typer.Option("--format", "-f", help="text or json.")]

COMMAND_MODULES: list[str] = [
    "newsreel.commands.core",
    "newsreel.commands.resolve",
    "newsreel.commands.reliability",
    "newsreel.commands.export",
    "newsreel.commands.watch",
    "newsreel.commands.web",
    "newsreel.commands.scale",
]


def fail(message: str, code: int = EXIT_FAILED) -> typer.Exit:
    err.print(f"newsreel: {message}", markup=False)
    return typer.Exit(code)


def open_store(db: str | None, create: bool = True):
    from newsreel.store import StoreError, open_engine

    try:
        return open_engine(db, create=create)
    except StoreError as exc:
        raise fail(str(exc)) from None


def check_format(fmt: str, allowed: tuple[str, ...] = ("text", "json")) -> str:
    if fmt not in allowed:
        raise fail(f"unknown format {fmt!r}; use one of: {', '.join(allowed)}", EXIT_USAGE)
    return fmt


def print_json(data: object) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")


def not_found(exc) -> typer.Exit:
    msg = f"{exc.what}"
    if exc.suggestions:
        msg += "; did you mean: " + ", ".join(repr(s) for s in exc.suggestions) + "?"
    return fail(msg, EXIT_NOT_FOUND)


def version_callback(value: bool) -> None:
    if value:
        sys.stdout.write(f"newsreel {__version__}\n")
        raise typer.Exit()


@app.callback()
def _root(version: Annotated[bool, typer.Option("--version", callback=version_callback,
                                                is_eager=True, help="Print the version.")]
          = False) -> None:
    """newsreel: film and TV news into a knowledge base of sourced facts."""


for _name in COMMAND_MODULES:
    importlib.import_module(_name).register(app)


def main() -> None:
    try:
        app(standalone_mode=True)
    except KeyboardInterrupt:
        err.print("interrupted")
        sys.exit(130)
    except BrokenPipeError:
        sys.exit(0)


_ = Path
