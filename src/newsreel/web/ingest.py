"""Ingest over HTTP: `POST /api/documents` with JSON `{text, title?, url?, outlet?,
published?, authors?}` or `{url}` (fetched under the URL rules: http(s) only,
no private addresses, size cap).

Enabled only when the server has a token (env NEWSREEL_TOKEN) and the request
sends it as `Authorization: Bearer TOKEN` (constant-time comparison). Without
a token the server is read-only (403). The body is capped (413) and each
client may write a limited number of times per minute (429). Everything goes
through `newsreel.ingest.ingest_articles`, the one ingest path."""

from __future__ import annotations

import hashlib
import hmac
import json
import re
from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from newsreel.model import Article

router = APIRouter(prefix="/api", tags=["ingest"])
_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}([T ][0-9:.+\-Z]*)?$")


class DocumentIn(BaseModel):
    """An article to ingest: its text, or a URL to fetch."""

    model_config = ConfigDict(extra="forbid")
    text: str | None = Field(None, description="The article body (plain text).")
    url: str | None = Field(None, max_length=2000)
    title: str | None = Field(None, max_length=1000)
    outlet: str | None = Field(None, max_length=300)
    published: str | None = Field(None, description="ISO date or datetime.")
    authors: list[str] = Field(default_factory=list, max_length=50)

    @field_validator("published")
    @classmethod
    def _iso(cls, v: str | None) -> str | None:
        if v is None or v == "":
            return None
        if not _ISO.match(v):
            raise ValueError("published must be an ISO date (YYYY-MM-DD) or datetime")
        return v[:10]

    @field_validator("url")
    @classmethod
    def _http(cls, v: str | None) -> str | None:
        if v and not v.lower().startswith(("http://", "https://")):
            raise ValueError("url must be http or https")
        return v or None


def _check_token(request: Request) -> None:
    token = request.app.state.token
    if not token:
        raise HTTPException(403, "read-only server: start it with NEWSREEL_TOKEN set to "
                                 "enable ingest")
    auth = request.headers.get("authorization", "")
    scheme, _, sent = auth.partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(
            sent.strip().encode("utf-8"), token.encode("utf-8")):
        raise HTTPException(401, "missing or wrong bearer token",
                            headers={"WWW-Authenticate": "Bearer"})


async def _read_capped(request: Request, cap: int) -> bytes:
    length = request.headers.get("content-length")
    if length is not None:
        if not length.isdigit():
            raise HTTPException(400, "bad Content-Length")
        if int(length) > cap:
            raise HTTPException(413, f"request body larger than {cap:,} bytes")
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > cap:
            raise HTTPException(413, f"request body larger than {cap:,} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


def _extractor(request: Request):
    state = request.app.state
    with state.extract_lock:
        if state.extractor is None:
            from newsreel.extract import Extractor

            state.extractor = Extractor()
        return state.extractor


def _ingest(request: Request, doc: DocumentIn) -> tuple[int, dict[str, Any]]:
    from newsreel.ingest import ingest_articles
    from newsreel.sources import ReadFailure
    from newsreel.sources.dispatch import read_url

    state = request.app.state
    if doc.text is not None:
        body = doc.text
        source = doc.url or "api:" + hashlib.sha256(body.encode("utf-8", "replace")) \
            .hexdigest()[:16]
        items: list[Any] = [Article(body=body, source=source, title=doc.title,
                                    published=doc.published, outlet=doc.outlet, url=doc.url,
                                    authors=list(doc.authors))]
    else:
        items = list(read_url(doc.url or "", max_bytes=state.max_body))
        failures = [i for i in items if isinstance(i, ReadFailure)]
        if failures and len(failures) == len(items):
            raise HTTPException(400, f"cannot ingest {doc.url}: {failures[0].reason}")
        for item in items:
            if isinstance(item, Article):
                item.title = doc.title or item.title
                item.outlet = doc.outlet or item.outlet
                item.published = doc.published or item.published
    articles = [i for i in items if isinstance(i, Article)]
    extractor = _extractor(request)
    with state.extract_lock:  # spaCy pipelines are not shared across threads
        summary = ingest_articles(state.engine, items, extractor)
    out = summary.as_dict()
    out["documents"] = [{"id": a.id, "url": f"/doc/{a.id}",
                         "status": "new" if a.id in summary.doc_ids else "skipped"}
                        for a in articles]
    if summary.failed and not summary.new and not summary.skipped:
        return 400, out
    return (201 if summary.new else 200), out


@router.post("/documents", status_code=201, summary="Ingest one article (needs the token)",
             openapi_extra={"requestBody": {"required": True, "content": {
                 "application/json": {"schema": DocumentIn.model_json_schema()}}}},
             responses={201: {"description": "stored"}, 200: {"description": "already known"},
                        401: {"description": "bad token"}, 403: {"description": "read-only"},
                        413: {"description": "too large"}, 429: {"description": "slow down"}})
async def post_document(request: Request) -> JSONResponse:
    _check_token(request)
    client = request.client.host if request.client else "?"
    wait = request.app.state.limiter.hit(client)
    if wait:
        raise HTTPException(429, "too many writes; slow down",
                            headers={"Retry-After": str(int(wait) + 1)})
    raw = await _read_capped(request, request.app.state.max_body)
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise HTTPException(400, "the body must be a JSON object") from None
    if not isinstance(data, dict):
        raise HTTPException(400, "the body must be a JSON object")
    try:
        doc = DocumentIn.model_validate(data)
    except ValidationError as exc:
        errors = [{"loc": list(e["loc"]), "msg": e["msg"], "type": e["type"]}
                  for e in exc.errors()]
        return JSONResponse({"error": {"status": 422, "message": "invalid document",
                                       "detail": errors}}, status_code=422)
    if doc.text is None and not doc.url:
        return JSONResponse({"error": {"status": 422, "message": "give text or url"}},
                            status_code=422)
    if doc.text is not None and not doc.text.strip():
        return JSONResponse({"error": {"status": 422, "message": "text is empty"}},
                            status_code=422)
    status, out = await run_in_threadpool(_ingest, request, doc)
    return JSONResponse(out, status_code=status)
