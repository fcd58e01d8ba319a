"""`newsreel serve`: the web pages and JSON API over a store (uvicorn)."""

from __future__ import annotations

import os
import socket
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
        article when the request sends "Authorization: Bearer $NEWSREEL_TOKEN" (and a
        missing store is created). Binds 127.0.0.1 unless --host says otherwise."""
        import uvicorn

        from newsreel.web import create_app

        if not 0 < port < 65536:
            raise fail(f"bad port {port}", EXIT_USAGE)
        writable = bool(os.environ.get("NEWSREEL_TOKEN"))
        # a read-only server on a store that does not exist would only show emptiness
        engine = open_store(db, create=writable)
        web_app = create_app(engine=engine)
        _check_bind(host, port)
        mode = "ingest enabled (bearer token)" if writable else "read-only"
        shown = f"[{host}]" if ":" in host else host
        err.print(f"newsreel: serving http://{shown}:{port}/ ({mode}); Ctrl-C stops",
                  markup=False)
        try:
            uvicorn.run(web_app, host=host, port=port, log_level=log_level,
                        server_header=False, proxy_headers=False)
        except SystemExit as exc:  # uvicorn exits when it cannot start
            if exc.code:
                raise fail(f"cannot serve on {host}:{port}") from None
        except OSError as exc:
            raise fail(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None


def _check_bind(host: str, port: int) -> None:
    """Fail with one clear line when the address cannot be bound (in use, unknown host)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise fail(f"cannot resolve --host {host!r}: {exc.strerror}", EXIT_USAGE) from None
    family, kind, proto, _name, addr = infos[0]
    with socket.socket(family, kind, proto) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(addr)
        except OSError as exc:
            raise fail(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
