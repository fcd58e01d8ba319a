"""The FastAPI app factory: store, templates, error handlers, security headers.

Errors are JSON with the right status code under /api (and for any client
that does not ask for HTML); HTML pages get an escaped error page. No
traceback ever reaches a client. CORS is off (no CORS middleware)."""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from fastapi import FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from fastapi_offline import FastAPIOffline
from jinja2 import ChainableUndefined, Environment, FileSystemLoader
from sqlalchemy import Connection, Engine
from starlette.exceptions import HTTPException as StarletteHTTPException

from newsreel import __version__
from newsreel.store import open_engine
from newsreel.web.ratelimit import RateLimiter

HERE = Path(__file__).parent
TOKEN_ENV = "NEWSREEL_TOKEN"
log = logging.getLogger("newsreel.web")

CSP = ("default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
       "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
DOCS_PATHS = ("/docs", "/redoc", "/static-offline-docs")


def make_templates() -> Environment:
    """Jinja2 with autoescape on for every template (everything from articles is
    escaped)."""
    env = Environment(loader=FileSystemLoader(str(HERE / "templates")), autoescape=True,
                      undefined=ChainableUndefined, trim_blocks=True, lstrip_blocks=True)
    from newsreel.web import filters

    filters.install(env)
    return env


def wants_json(request: Request) -> bool:
    if request.url.path.startswith("/api") or request.url.path == "/openapi.json":
        return True
    return "text/html" not in request.headers.get("accept", "")


def error_response(request: Request, status: int, message: str,
                   detail: Any = None, headers: dict[str, str] | None = None):
    if wants_json(request):
        body: dict[str, Any] = {"error": {"status": status, "message": message}}
        if detail is not None:
            body["error"]["detail"] = detail
        return JSONResponse(body, status_code=status, headers=headers)
    html = request.app.state.templates.get_template("error.html").render(
        status=status, message=message, request_path=request.url.path)
    return HTMLResponse(html, status_code=status, headers=headers)


def create_app(db_url: str | None = None, *, token: str | None = None,
               engine: Engine | None = None, max_body: int = 2_000_000,
               writes_per_minute: int = 30, extractor: Any = None) -> FastAPI:
    """The app over the store at `db_url` (or NEWSREEL_DB / the default store).

    Ingest over HTTP is enabled only when `token` (else env NEWSREEL_TOKEN) is set;
    the extractor is loaded on the first ingest unless one is given."""
    app = FastAPIOffline(title="newsreel", version=__version__,
                         description="Film and TV news as a knowledge base of sourced "
                                     "facts. Every fact carries its evidence span.")
    app.state.engine = engine or open_engine(db_url)
    app.state.templates = make_templates()
    tok = token if token is not None else os.environ.get(TOKEN_ENV, "")
    app.state.token = tok or None
    app.state.max_body = max_body
    app.state.limiter = RateLimiter(writes_per_minute, 60.0)
    app.state.extractor = extractor
    app.state.extract_lock = threading.Lock()

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        message = exc.detail if isinstance(exc.detail, str) else "error"
        extra = {"suggestions": exc.suggestions} if getattr(exc, "suggestions", None) else None
        return error_response(request, exc.status_code, message, extra,
                              headers=getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError):
        errors = [{"loc": list(e.get("loc", ())), "msg": e.get("msg", ""),
                   "type": e.get("type", "")} for e in exc.errors()]
        return error_response(request, 422, "invalid request", errors)

    @app.exception_handler(Exception)
    async def server_error(request: Request, exc: Exception):
        log.error("error serving %s: %s: %s", request.url.path, type(exc).__name__, exc)
        return error_response(request, 500, "internal error")

    @app.middleware("http")
    async def security_headers(request: Request, call_next):
        try:
            response = await call_next(request)
        except Exception as exc:  # never a traceback (or a dropped connection)
            log.error("error serving %s: %s: %s", request.url.path, type(exc).__name__,
                      str(exc).splitlines()[0] if str(exc) else "")
            response = error_response(request, 500, "internal error")
        h = response.headers
        h.setdefault("X-Content-Type-Options", "nosniff")
        h.setdefault("Referrer-Policy", "no-referrer")
        h.setdefault("X-Frame-Options", "DENY")
        if not request.url.path.startswith(DOCS_PATHS):
            h.setdefault("Content-Security-Policy", CSP)
        return response

    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    from newsreel.web import api, ingest, pages

    app.include_router(api.router)
    app.include_router(ingest.router)
    app.include_router(pages.router)
    return app


def db(request: Request) -> Iterator[Connection]:
    """A read connection for one request."""
    with request.app.state.engine.connect() as conn:
        yield conn


class NotFoundError(HTTPException):
    """404 with "did you mean" suggestions (JSON: error.detail.suggestions)."""

    def __init__(self, what: str, suggestions: list[str] | None = None):
        super().__init__(404, what)
        self.suggestions = list(suggestions or [])
