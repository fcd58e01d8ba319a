"""HTML pages, server-rendered from the same queries as the API: home, lists,
film dossier (with release timeline), person, outlet, entity, search, document
view with highlighted spans, fact page, neighbourhood graph, conflicts."""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from sqlalchemy import Connection

from newsreel.query import browse
from newsreel.query.documents import get_document, list_documents
from newsreel.query.dossier import WORK_TYPES
from newsreel.web import api, charts
from newsreel.web.app import NotFoundError, db
from newsreel.web.highlight import render_body

router = APIRouter(include_in_schema=False)
Conn = Annotated[Connection, Depends(db)]
Page = Annotated[int, Query(ge=1, le=100_000)]
PER_PAGE = 50
LISTS = {
    "films": ("Films", ("film",)), "series": ("TV series", ("tv_series",)),
    "works": ("Other works", ("work",)), "people": ("People", ("person",)),
    "organizations": ("Organizations", ("organization",)),
    "festivals": ("Festivals", ("festival",)), "awards": ("Awards", ("award",)),
}


def render(request: Request, template: str, status: int = 200, **ctx: Any) -> HTMLResponse:
    html = request.app.state.templates.get_template(template).render(
        request_path=request.url.path, **ctx)
    return HTMLResponse(html, status_code=status)


@router.get("/", response_class=HTMLResponse)
def home(request: Request, conn: Conn) -> HTMLResponse:
    return render(request, "home.html", overview=browse.overview(conn),
                  films=browse.list_entities(conn, WORK_TYPES, 30, 0),
                  docs=list_documents(conn, 15, 0), title="newsreel")


@router.get("/list/{kind}", response_class=HTMLResponse)
def entity_list(request: Request, conn: Conn, kind: str, page: Page = 1,
                prefix: str | None = None) -> HTMLResponse:
    if kind not in LISTS:
        raise NotFoundError(f"no list {kind!r}")
    label, types = LISTS[kind]
    data = browse.list_entities(conn, types, PER_PAGE, (page - 1) * PER_PAGE, prefix)
    return render(request, "list.html", title=label, kind=kind, data=data, page=page,
                  prefix=prefix or "", pages=max(1, -(-data["total"] // PER_PAGE)))


@router.get("/characters", response_class=HTMLResponse)
def characters_page(request: Request, conn: Conn, page: Page = 1) -> HTMLResponse:
    data = browse.characters(conn, PER_PAGE, (page - 1) * PER_PAGE)
    return render(request, "characters.html", title="Characters", data=data, page=page,
                  pages=max(1, -(-data["total"] // PER_PAGE)))


@router.get("/outlets", response_class=HTMLResponse)
def outlets_page(request: Request, conn: Conn, page: Page = 1) -> HTMLResponse:
    data = browse.outlets(conn, PER_PAGE, (page - 1) * PER_PAGE)
    return render(request, "outlets.html", title="Outlets", data=data, page=page,
                  pages=max(1, -(-data["total"] // PER_PAGE)))


@router.get("/documents", response_class=HTMLResponse)
def documents_page(request: Request, conn: Conn, page: Page = 1) -> HTMLResponse:
    docs = list_documents(conn, PER_PAGE + 1, (page - 1) * PER_PAGE)
    return render(request, "documents.html", title="Documents", docs=docs[:PER_PAGE],
                  page=page, more=len(docs) > PER_PAGE)


@router.get("/conflicts", response_class=HTMLResponse)
def conflicts_page(request: Request, conn: Conn, page: Page = 1,
                   settled: bool = False) -> HTMLResponse:
    data = browse.conflicts(conn, None, PER_PAGE, (page - 1) * PER_PAGE, settled)
    return render(request, "conflicts.html", title="Conflicts", data=data, page=page,
                  settled=settled, pages=max(1, -(-data["total"] // PER_PAGE)))


@router.get("/stories", response_class=HTMLResponse)
def stories_page(request: Request, conn: Conn, page: Page = 1) -> HTMLResponse:
    data = browse.stories(conn, PER_PAGE, (page - 1) * PER_PAGE)
    return render(request, "stories.html", title="Stories", data=data, page=page,
                  pages=max(1, -(-data["total"] // PER_PAGE)))


@router.get("/film/{entity_id}", response_class=HTMLResponse)
def film_page(request: Request, conn: Conn, entity_id: int) -> HTMLResponse:
    ent = browse.get_entity(conn, entity_id)
    if ent is None:
        raise NotFoundError(f"no film with id {entity_id}")
    if ent["type"] not in WORK_TYPES:
        return RedirectResponse(f"/entity/{entity_id}", status_code=302)  # type: ignore
    data = api.work_dossier(conn, ent)
    conflict_ids = {v["fact_id"] for c in data["conflicts"] for v in c["values"]
                    if v.get("status", "disputed") == "disputed"}
    facts_by_id = {x["id"]: x for items in data["facts"].values() for x in items}
    facts_by_id.update({x["id"]: x for x in data["superseded"]})
    return render(request, "film.html", title=ent["name"], ent=ent, d=data,
                  conflict_ids=conflict_ids, facts_by_id=facts_by_id,
                  timeline=charts.timeline(data["facts"], conflict_ids, data["superseded"]),
                  quotes=_merge_quotes(data["quotes"], browse.quotes_about(conn, entity_id, 30, 0)))


def _merge_quotes(*groups: list[dict[str, Any]]) -> list[dict[str, Any]]:
    seen: set[int] = set()
    out = []
    for group in groups:
        for q in group:
            if q["id"] not in seen:
                seen.add(q["id"])
                out.append(q)
    return out


@router.get("/person/{entity_id}", response_class=HTMLResponse)
def person_page(request: Request, conn: Conn, entity_id: int) -> HTMLResponse:
    ent = browse.get_entity(conn, entity_id)
    if ent is None:
        raise NotFoundError(f"no person with id {entity_id}")
    if ent["type"] != "person":
        return RedirectResponse(f"/entity/{entity_id}", status_code=302)  # type: ignore
    data = api.person_page(conn, ent)
    return render(request, "person.html", title=ent["name"], ent=ent, p=data)


@router.get("/entity/{entity_id}", response_class=HTMLResponse)
def entity_page(request: Request, conn: Conn, entity_id: int) -> HTMLResponse:
    ent = browse.get_entity(conn, entity_id)
    if ent is None:
        raise NotFoundError(f"no entity with id {entity_id}")
    if ent["type"] in WORK_TYPES:
        return RedirectResponse(f"/film/{entity_id}", status_code=302)  # type: ignore
    if ent["type"] == "person":
        return RedirectResponse(f"/person/{entity_id}", status_code=302)  # type: ignore
    if ent["type"] == "outlet" and browse.outlet(conn, ent["name"], 1, 0):
        return RedirectResponse("/outlet/" + quote(ent["name"], safe=""),
                                status_code=302)  # type: ignore
    facts = api.with_links(browse.entity_facts(conn, entity_id))
    return render(request, "entity.html", title=ent["name"], ent=ent, facts=facts)


@router.get("/outlet/{name:path}", response_class=HTMLResponse)
def outlet_page(request: Request, conn: Conn, name: str, page: Page = 1) -> HTMLResponse:
    data = browse.outlet(conn, name, PER_PAGE, (page - 1) * PER_PAGE)
    if data is None:
        raise NotFoundError(f"no outlet named {name!r}")
    return render(request, "outlet.html", title=data["name"], o=data, page=page,
                  pages=max(1, -(-data["articles"] // PER_PAGE)))


@router.get("/search", response_class=HTMLResponse)
def search_page(request: Request, conn: Conn,
                q: Annotated[str, Query(max_length=200)] = "") -> HTMLResponse:
    results = browse.search(conn, q, None, 50) if q.strip() else None
    return render(request, "search.html", title="Search", q=q, results=results)


@router.get("/fact/{fact_id}", response_class=HTMLResponse)
def fact_page(request: Request, conn: Conn, fact_id: int) -> HTMLResponse:
    fact = browse.get_fact(conn, fact_id)
    if fact is None:
        raise NotFoundError(f"no fact with id {fact_id}")
    api.with_links([fact])
    return render(request, "fact.html", title=f"Fact {fact_id}", f=fact)


@router.get("/doc/{doc_id}", response_class=HTMLResponse)
def doc_page(request: Request, conn: Conn, doc_id: str, ev: int | None = None,
             q: int | None = None) -> HTMLResponse:
    doc = get_document(conn, api.check_doc_id(doc_id))
    if doc is None:
        raise NotFoundError(f"no document with id {doc_id!r} (or the prefix is ambiguous)")
    spans = browse.document_spans(conn, doc["id"])
    selected = next((x for x in spans["evidence"] if x["id"] == ev), None)
    body = render_body(doc["body"], spans, selected_ev=ev, selected_q=q)
    facts: dict[int, dict[str, Any]] = {}
    for x in spans["evidence"]:
        facts.setdefault(x["fact_id"], {**x, "evidence_ids": []})["evidence_ids"].append(x["id"])
    entities: dict[int, dict[str, Any]] = {}
    for m in spans["mentions"]:
        entities.setdefault(m["entity_id"], {**m, "count": 0})["count"] += 1
    return render(request, "doc.html", title=doc["title"] or doc["source"], doc=doc,
                  body=body, facts=list(facts.values()), selected=selected,
                  entities=sorted(entities.values(), key=lambda m: (m["type"], m["name"])),
                  quotes=spans["quotes"])


@router.get("/graph/{entity_id}", response_class=HTMLResponse)
def graph_page(request: Request, conn: Conn, entity_id: int) -> HTMLResponse:
    data = browse.graph(conn, entity_id)
    if data is None:
        raise NotFoundError(f"no entity with id {entity_id}")
    return render(request, "graph.html", title=f"Graph: {data['center']['name']}",
                  ent=data["center"], g=charts.graph_layout(data))
