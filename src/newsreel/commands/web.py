"""`newsreel serve`: the web pages and JSON API over a store (uvicorn)."""

from __future__ import annotations

import os
from typing import Annotated

import typer

from newsreel.cli import EXIT_USAGE, DbOpt, err, fail, open_store


def register(app: typer.Typer) -> None:
    @app.command()
    def serve(
        db: DbOpt = None,
        host: Annotated[str, typer.Option("--host", help="Address to bind (loopback by "
                                          "default; anything else exposes the store).")]
        = "127.0.0.1",
        port: Annotated[int, typer.Option("--port", help="TCP port.")] = 8000,
        log_level: Annotated[str, typer.Option("--log-level", help="uvicorn log level.")]
        = "warning",
    ) -> None:
        """Serve the store: HTML pages at /, a JSON API at /api, its docs at /docs.

        Read-only unless NEWSREEL_TOKEN is set; then POST /api/documents ingests an
        article when the request sends "Authorization: Bearer $NEWSREEL_TOKEN"."""
        import uvicorn

        from newsreel.web import create_app

        if not 0 < port < 65536:
            raise fail(f"bad port {port}", EXIT_USAGE)
        engine = open_store(db)
        web_app = create_app(engine=engine)
        mode = "ingest enabled (bearer token)" if os.environ.get("NEWSREEL_TOKEN") \
            else "read-only"
        shown = f"[{host}]" if ":" in host else host
        err.print(f"newsreel: serving http://{shown}:{port}/ ({mode}); Ctrl-C stops",
                  markup=False)
        try:
            uvicorn.run(web_app, host=host, port=port, log_level=log_level,
                        server_header=False, proxy_headers=False)
        except OSError as exc:
            raise fail(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
