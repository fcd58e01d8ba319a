"""The JSON API under /api: lists with paging, dossiers, people, search and
autocomplete, facts with evidence, quotes, conflicts, stories, documents.

Paging: `limit` (1..200, larger values are capped) and `offset`. Errors are
JSON: 400 for a bad parameter value, 404 for an unknown id or name (with
suggestions), 422 for a malformed request."""

from __future__ import annotations

import re
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query
from sqlalchemy import Connection

from newsreel.model import RELATIONS
from newsreel.query import browse
from newsreel.query.documents import get_document, list_documents
from newsreel.query.dossier import SECTIONS, WORK_TYPES, conflicts_in, dossier, facts_of
from newsreel.query.lookup import NotFound, find
from newsreel.query.people import person
from newsreel.query.quotes import list_quotes
from newsreel.store import schema
from newsreel.web.app import NotFoundError, db
from newsreel.web.filters import evidence_href

router = APIRouter(prefix="/api", tags=["api"])
Conn = Annotated[Connection, Depends(db)]
Limit = Annotated[int, Query(ge=1, description="Page size (capped at 200).")]
Offset = Annotated[int, Query(ge=0, description="Items to skip.")]
_HEX = re.compile(r"^[0-9a-f]{4,64}$")


def check_doc_id(doc_id: str) -> str:
    doc_id = doc_id.lower()
    if not _HEX.match(doc_id):
        raise HTTPException(400, "a document id is 4 to 64 hex digits (a prefix of its sha256)")
    return doc_id


def with_links(facts: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each evidence item gains `url`: the article page with the span highlighted."""
    for fact in facts:
        for ev in fact.get("evidence", []):
            ev["url"] = evidence_href(ev)
    return facts


def work_dossier(conn: Connection, ent: dict[str, Any]) -> dict[str, Any]:
    """The dossier of the work with this id (query.dossier looks works up by name)."""
    try:
        data = dossier(conn, ent["name"])
    except NotFound:
        data = None
    if data is None or data["entity"]["id"] != ent["id"]:
        facts = facts_of(conn, schema.facts.c.subject_id == ent["id"])
        data = {"entity": {"id": ent["id"], "name": ent["name"], "type": ent["type"]},
                "documents": ent["documents"], "conflicts": conflicts_in(facts),
                "facts": {rel: [x for x in facts if x["relation"] == rel]
                          for rel, _ in SECTIONS
                          if any(x["relation"] == rel for x in facts)}, "quotes": []}
    data.setdefault("history", [])
    data.setdefault("superseded", [])
    if "big_picture" not in data:
        from newsreel.query.bigpicture import big_picture

        data["big_picture"] = big_picture(conn, data)
    for items in data["facts"].values():
        with_links(items)
    with_links(data["superseded"])
    data["entity"]["aliases"] = ent["aliases"]
    return data


def entity_or_404(conn: Connection, entity_id: int, types: tuple[str, ...] | None = None,
                  ) -> dict[str, Any]:
    ent = browse.get_entity(conn, entity_id)
    if ent is None or (types and ent["type"] not in types):
        what = "/".join(types) if types else "entity"
        raise NotFoundError(f"no {what} with id {entity_id}")
    return ent


@router.get("", summary="What the store holds, and the endpoints")
def index(conn: Conn) -> dict[str, Any]:
    return {"store": browse.overview(conn),
            "endpoints": sorted({r.path for r in router.routes})}  # type: ignore[attr-defined]


@router.get("/films", summary="Films, by name")
def films(conn: Conn, limit: Limit = 50, offset: Offset = 0,
          prefix: str | None = None) -> dict[str, Any]:
    return browse.list_entities(conn, ("film",), limit, offset, prefix)


@router.get("/series", summary="TV series, by name")
def series(conn: Conn, limit: Limit = 50, offset: Offset = 0,
           prefix: str | None = None) -> dict[str, Any]:
    return browse.list_entities(conn, ("tv_series",), limit, offset, prefix)


@router.get("/works", summary="Films, series and other works")
def works(conn: Conn, limit: Limit = 50, offset: Offset = 0,
          prefix: str | None = None) -> dict[str, Any]:
    return browse.list_entities(conn, WORK_TYPES, limit, offset, prefix)


@router.get("/works/{entity_id}", summary="A work's dossier by id")
def work(conn: Conn, entity_id: int) -> dict[str, Any]:
    ent = entity_or_404(conn, entity_id, WORK_TYPES)
    data = work_dossier(conn, ent)
    data["press_quotes"] = browse.quotes_about(conn, entity_id)
    return data


@router.get("/films/{entity_id}", summary="A film's dossier by id (any work type)")
def film(conn: Conn, entity_id: int) -> dict[str, Any]:
    return work(conn, entity_id)


@router.get("/dossier", summary="A work's dossier by title (fuzzy 'did you mean' on miss)")
def dossier_by_title(conn: Conn, title: Annotated[str, Query(min_length=1, max_length=300)],
                     ) -> dict[str, Any]:
    try:
        found = find(conn, title, WORK_TYPES)
    except NotFound as exc:
        raise NotFoundError(exc.what, exc.suggestions) from None
    return work(conn, found.id)


@router.get("/people", summary="People, by name")
def people(conn: Conn, limit: Limit = 50, offset: Offset = 0,
           prefix: str | None = None) -> dict[str, Any]:
    return browse.list_entities(conn, ("person",), limit, offset, prefix)


def person_page(conn: Connection, ent: dict[str, Any]) -> dict[str, Any]:
    try:
        data = person(conn, ent["name"])
    except NotFound:
        data = None
    if data is None or data["entity"]["id"] != ent["id"]:
        facts = browse.entity_facts(conn, ent["id"])
        data = {"entity": {"id": ent["id"], "name": ent["name"], "type": ent["type"]},
                "credits": [x for x in facts if x["object_id"] == ent["id"]],
                "facts": [x for x in facts if x["object_id"] != ent["id"]], "quotes": []}
    with_links(data["credits"])
    with_links(data["facts"])
    data["entity"]["aliases"] = ent["aliases"]
    data["entity"]["documents"] = ent["documents"]
    return data


@router.get("/people/{entity_id}", summary="A person: credits, facts and quotes")
def person_by_id(conn: Conn, entity_id: int) -> dict[str, Any]:
    return person_page(conn, entity_or_404(conn, entity_id, ("person",)))


@router.get("/characters", summary="Named characters with actor and work")
def characters(conn: Conn, limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
    return browse.characters(conn, limit, offset)


@router.get("/organizations", summary="Studios, distributors, production companies")
def organizations(conn: Conn, limit: Limit = 50, offset: Offset = 0,
                  prefix: str | None = None) -> dict[str, Any]:
    return browse.list_entities(conn, ("organization",), limit, offset, prefix)


@router.get("/festivals", summary="Festivals and markets")
def festivals(conn: Conn, limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
    return browse.list_entities(conn, ("festival",), limit, offset)


@router.get("/awards", summary="Awards and ceremonies")
def awards(conn: Conn, limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
    return browse.list_entities(conn, ("award",), limit, offset)


@router.get("/outlets", summary="Outlets that published or were quoted to")
def outlets(conn: Conn, limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
    return browse.outlets(conn, limit, offset)


@router.get("/outlets/{name:path}", summary="One outlet: articles, quotes, facts reported")
def outlet(conn: Conn, name: str, limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
    data = browse.outlet(conn, name, limit, offset)
    if data is None:
        raise NotFoundError(f"no outlet named {name!r}")
    return data


@router.get("/entities/{entity_id}", summary="Any entity with the facts it is part of")
def entity(conn: Conn, entity_id: int) -> dict[str, Any]:
    ent = entity_or_404(conn, entity_id)
    ent["facts_list"] = with_links(browse.entity_facts(conn, entity_id))
    return ent


def check_types(types: list[str] | None) -> tuple[str, ...] | None:
    if not types:
        return None
    bad = [t for t in types if t not in browse.KNOWN_TYPES]
    if bad:
        raise HTTPException(400, f"unknown entity type {bad[0]!r}; use one of: "
                                 + ", ".join(browse.KNOWN_TYPES))
    return tuple(types)


@router.get("/search", summary="Entities (names and aliases, then fuzzy) and documents")
def search(conn: Conn, q: Annotated[str, Query(min_length=1, max_length=200)],
           type: Annotated[list[str] | None, Query()] = None,  # noqa: A002
           limit: Limit = 20) -> dict[str, Any]:
    return browse.search(conn, q, check_types(type), limit)


@router.get("/autocomplete", summary="Names starting with (then containing) q")
def autocomplete(conn: Conn, q: Annotated[str, Query(max_length=200)] = "",
                 limit: Limit = 10) -> list[dict[str, Any]]:
    return browse.autocomplete(conn, q, limit)


@router.get("/facts", summary="Facts with evidence and sources, filtered")
def facts(conn: Conn, relation: str | None = None, subject_id: int | None = None,
          object_id: int | None = None, limit: Limit = 50, offset: Offset = 0,
          ) -> dict[str, Any]:
    if relation and relation not in RELATIONS:
        raise HTTPException(400, f"unknown relation {relation!r}; use one of: "
                                 + ", ".join(RELATIONS))
    data = browse.list_facts(conn, relation, subject_id, object_id, limit, offset)
    with_links(data["items"])
    return data


@router.get("/facts/{fact_id}", summary="One fact with every evidence span")
def fact(conn: Conn, fact_id: int) -> dict[str, Any]:
    data = browse.get_fact(conn, fact_id)
    if data is None:
        raise NotFoundError(f"no fact with id {fact_id}")
    return with_links([data])[0]


@router.get("/quotes", summary="Quotes by speaker, outlet or film")
def quotes(conn: Conn, speaker: str | None = None, outlet: str | None = None,
           film_id: int | None = None, limit: Limit = 50, offset: Offset = 0,
           ) -> dict[str, Any]:
    lim, off = browse.clamp(limit, offset)
    if film_id is not None:
        entity_or_404(conn, film_id, WORK_TYPES)
        items = browse.quotes_about(conn, film_id, browse.MAX_LIMIT * 5, 0)
        if speaker or outlet:
            allowed = {q["id"] for q in list_quotes(conn, speaker, outlet, 10**9, 0)}
            items = [q for q in items if q["id"] in allowed]
        items = items[off:off + lim]
    else:
        items = list_quotes(conn, speaker, outlet, lim, off)
    return {"limit": lim, "offset": off, "items": items}


@router.get("/conflicts", summary="Where sources disagree and no newer report settles it")
def conflicts(conn: Conn, subject_id: int | None = None, limit: Limit = 50,
              offset: Offset = 0, include_settled: bool = False) -> dict[str, Any]:
    return browse.conflicts(conn, subject_id, limit, offset, include_settled)


@router.get("/stories", summary="Stories (articles grouped about one event), when built")
def stories(conn: Conn, limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
    return browse.stories(conn, limit, offset)


@router.get("/documents", summary="Stored documents")
def documents(conn: Conn, limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
    lim, off = browse.clamp(limit, offset)
    return {"limit": lim, "offset": off, "items": list_documents(conn, lim, off)}


@router.get("/documents/{doc_id}", summary="One document: body, sightings and its spans")
def document(conn: Conn, doc_id: str) -> dict[str, Any]:
    doc = get_document(conn, check_doc_id(doc_id))
    if doc is None:
        raise NotFoundError(f"no document with id {doc_id!r} (or the prefix is ambiguous)")
    doc.update(browse.document_spans(conn, doc["id"]))
    return doc


@router.get("/graph/{entity_id}", summary="An entity's neighbourhood: nodes and edges")
def graph(conn: Conn, entity_id: int,
          max_nodes: Annotated[int, Query(ge=2, le=200)] = 60) -> dict[str, Any]:
    data = browse.graph(conn, entity_id, max_nodes)
    if data is None:
        raise NotFoundError(f"no entity with id {entity_id}")
    return data
