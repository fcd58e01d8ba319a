"""Commands over the merged view: conflicts, timeline, stories, why-merged, and
the editors' corrections merge, split and rename (kept and re-applied to
every new article)."""

from __future__ import annotations

from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape

from newsreel.cli import (
    EXIT_NOT_FOUND,
    EXIT_USAGE,
    DbOpt,
    FormatOpt,
    check_format,
    fail,
    not_found,
    open_store,
    print_json,
)

console = Console(highlight=False, soft_wrap=True)
NoteOpt = Annotated[str | None, typer.Option("--note", help="Why (kept with the correction).")]
TypeOpt = Annotated[str | None, typer.Option("--type", help="Entity type when the name is "
                                             "ambiguous (person, film, ...).")]


def _quals(q: dict[str, Any]) -> str:
    return ", ".join(f"{k} {v}" for k, v in q.items() if v)


def _pick(conn, name: str, etype: str | None):
    """The one entity a correction is about: `#ID` or a name that is unambiguous."""
    from sqlalchemy import select

    from newsreel.query.lookup import NotFound
    from newsreel.query.why import _entities_named
    from newsreel.store import schema

    if name.startswith("#") and name[1:].isdigit():
        e = schema.entities
        row = conn.execute(select(e.c.id, e.c.type, e.c.name, e.c.key)
                           .where(e.c.id == int(name[1:]))).first()
        if row is None:
            raise NotFound(f"no entity {name}", [])
        return dict(row._mapping)
    found = [x for x in _entities_named(conn, name) if etype is None or x["type"] == etype]
    if not found:
        from newsreel.model import ENTITY_TYPES
        from newsreel.query.lookup import find

        find(conn, name, (etype,) if etype else ENTITY_TYPES)  # raises with suggestions
        raise NotFound(f"no entity named {name!r}", [])
    exact = [x for x in found if x["name"].casefold() == name.casefold()]
    if len(found) > 1 and len(exact) == 1:
        return exact[0]
    if len(found) > 1:
        listing = "; ".join(f"#{x['id']} {x['name']} ({x['type']})" for x in found)
        raise fail(f"{name!r} names several entities: {listing}; give #ID or --type",
                   EXIT_USAGE)
    return found[0]


def _doc_ids(conn, prefixes: list[str]) -> list[str]:
    from sqlalchemy import select

    from newsreel.store import schema

    d = schema.documents
    out = []
    for p in prefixes:
        rows = conn.execute(select(d.c.id).where(d.c.id.like(p + "%")).limit(2)).scalars().all()
        if len(rows) != 1:
            raise fail(f"no single document with id {p!r}", EXIT_NOT_FOUND)
        out.append(rows[0])
    return out


def conflicts_text(items: list[dict[str, Any]]) -> None:
    if not items:
        console.print("[dim]no conflicts[/dim]")
    for c in items:
        label = "conflict" if c["status"] == "conflict" else "superseded"
        console.print(f"[bold]{escape(c['subject'])}[/bold]  {c['relation']} "
                      f"({escape(_quals(c['qualifiers']))})  [dim]{label}[/dim]")
        for v in c["values"]:
            console.print(f"  {escape(v['value'])}  [dim]{v['status']}; {v['articles']} "
                          f"article(s): {escape(', '.join(v['outlets']) or '?')}; first "
                          f"reported {v['first_reported'] or '?'}[/dim]")
        console.print(f"  [dim]{escape(c['summary'])}[/dim]")


def timeline_text(data: dict[str, Any]) -> None:
    console.print(f"[bold]{escape(data['entity']['name'])}[/bold]  [dim]timeline[/dim]")
    for r in data["reports"]:
        who = ", ".join(r["outlets"]) or (r["title"] or r["doc_id"][:12])
        when = r["date"] or "?"
        if r["date_source"] == "ingested":
            when += " (ingested)"
        console.print(f"\n[bold]{when}[/bold]  {escape(who)}  [dim]{r['doc_id'][:12]}[/dim]")
        for f in r["facts"]:
            mark = {"moved": "→ ", "disputed": "≠ ", "repeated": "= "}.get(f["event"], "+ ")
            q = _quals({k: v for k, v in f["qualifiers"].items()
                        if k in ("region", "release_type", "character", "period")})
            console.print(f"  {mark}{f['relation']}: {escape(f['value'])}"
                          f"{escape(f' ({q})' if q else '')}  [dim]{f['event']}[/dim]")
    changed = [s for s in data["slots"] if s["status"] != "agreed"]
    if changed:
        console.print("\n[bold]History[/bold]")
        for s in changed:
            console.print(f"  {s['relation']} ({escape(_quals(s['qualifiers']))}): "
                          f"{escape(s['summary'])}")


def stories_text(items: list[dict[str, Any]]) -> None:
    if not items:
        console.print("[dim]no stories[/dim]")
    for s in items:
        span = s["first_date"] or "?"
        if s["last_date"] and s["last_date"] != s["first_date"]:
            span += f" – {s['last_date']}"
        console.print(f"[bold]#{s['id']} {escape(s['title'] or '?')}[/bold]  "
                      f"[dim]{s['articles']} article(s), {span}[/dim]")


def story_text(s: dict[str, Any]) -> None:
    console.print(f"[bold]#{s['id']} {escape(s['title'] or '?')}[/bold]")
    for a in s["articles"]:
        console.print(f"  {a['date'] or '?'}  {escape(a['outlet'] or '')}  "
                      f"{escape(a['title'] or a['source'])}  [dim]{a['doc_id'][:12]}[/dim]")


def why_text(data: dict[str, Any]) -> None:
    if data["merged"]:
        ent = data["entity"]
        console.print(f"merged: one {ent['type']} [bold]{escape(ent['name'])}[/bold] "
                      f"(#{ent['id']})")
        for n in data["names"]:
            where = ""
            if n.get("doc_id"):
                where = f" in {n.get('outlet') or ''} {n.get('published') or ''} " \
                        f"{n['doc_id'][:12]}"
            extra = ""
            d = n.get("detail") or {}
            if d.get("shared_works"):
                extra = f"; shared works: {', '.join(d['shared_works'])}"
            if d.get("canonical"):
                extra = f"; canonical {d['canonical']}"
            console.print(f"  {escape(n['name'])}: {escape(n['explanation'])}"
                          f"{escape(extra)}{escape(where)}")
    else:
        a = ", ".join(f"{x['name']} (#{x['id']}, {x['type']})" for x in data["a"])
        b = ", ".join(f"{x['name']} (#{x['id']}, {x['type']})" for x in data["b"])
        console.print(f"not merged: {escape(a)} / {escape(b)}")
        for r in data["reasons"]:
            console.print(f"  {escape(r)}")
        for side in ("a_works", "b_works"):
            if data.get(side):
                console.print(f"  works of {side[0]}: {escape(', '.join(data[side]))}")


def register(app: typer.Typer) -> None:
    @app.command()
    def conflicts(
        film: Annotated[str | None, typer.Option("--film", help="Only this work.")] = None,
        include_settled: Annotated[bool, typer.Option(
            "--all", help="Also values a newer report superseded.")] = False,
        db: DbOpt = None, fmt: FormatOpt = "text",
    ) -> None:
        """Disagreements on single-valued facts (release date per region and kind, box
        office per period, the actor of a character, a world premiere) that no newer
        report settles, each side with its sources."""
        from newsreel.query.conflicts import list_conflicts
        from newsreel.query.lookup import NotFound

        check_format(fmt)
        engine = open_store(db)
        try:
            with engine.connect() as conn:
                items = list_conflicts(conn, film, include_settled)
        except NotFound as exc:
            raise not_found(exc) from None
        print_json(items) if fmt == "json" else conflicts_text(items)

    @app.command()
    def timeline(title: Annotated[str, typer.Argument(help="Film or series title (fuzzy).")],
                 db: DbOpt = None, fmt: FormatOpt = "text") -> None:
        """What was reported about a work, when and by whom (oldest first), with the
        history of every value that changed."""
        from newsreel.query.lookup import NotFound
        from newsreel.query.timeline import timeline as timeline_q

        check_format(fmt)
        engine = open_store(db)
        try:
            with engine.connect() as conn:
                data = timeline_q(conn, title)
        except NotFound as exc:
            raise not_found(exc) from None
        print_json(data) if fmt == "json" else timeline_text(data)

    @app.command()
    def stories(
        story: Annotated[int | None, typer.Argument(help="A story id: its articles in order.")]
        = None,
        doc: Annotated[str | None, typer.Option("--doc", help="The story of this document.")]
        = None,
        min_articles: Annotated[int, typer.Option("--min-articles")] = 1,
        limit: Annotated[int, typer.Option("--limit")] = 100,
        offset: Annotated[int, typer.Option("--offset")] = 0,
        rebuild: Annotated[bool, typer.Option(
            "--rebuild", help="Recompute all stories from the store first.")] = False,
        db: DbOpt = None, fmt: FormatOpt = "text",
    ) -> None:
        """Articles grouped into stories about one film or event (assigned at ingest by
        shared entities); with an id, that story's articles oldest first."""
        from newsreel.query.stories import get_story, list_stories, story_for_document

        check_format(fmt)
        engine = open_store(db)
        if rebuild:
            from newsreel.resolve.stories import rebuild_stories

            with engine.begin() as conn:
                rebuild_stories(conn)
        with engine.connect() as conn:
            if doc is not None:
                story = story_for_document(conn, doc)
                if story is None:
                    raise fail(f"no story for document {doc!r}", EXIT_NOT_FOUND)
            if story is not None:
                data = get_story(conn, story)
                if data is None:
                    raise fail(f"no story {story}", EXIT_NOT_FOUND)
                print_json(data) if fmt == "json" else story_text(data)
                return
            items = list_stories(conn, limit, offset, min_articles)
        print_json(items) if fmt == "json" else stories_text(items)

    @app.command("why-merged")
    def why_merged(a: Annotated[str, typer.Argument(help="A name.")],
                   b: Annotated[str, typer.Argument(help="Another name.")],
                   db: DbOpt = None, fmt: FormatOpt = "text") -> None:
        """Whether two names are one entity, and the rule (and article) that joined them;
        or why they were kept apart."""
        from newsreel.query.lookup import NotFound
        from newsreel.query.why import why_merged as why_q

        check_format(fmt)
        engine = open_store(db)
        try:
            with engine.connect() as conn:
                data = why_q(conn, a, b)
        except NotFound as exc:
            raise not_found(exc) from None
        print_json(data) if fmt == "json" else why_text(data)

    def _correct(db: str | None, fmt: str, action) -> None:
        from newsreel.query.lookup import NotFound
        from newsreel.resolve.corrections import CorrectionError

        check_format(fmt)
        engine = open_store(db)
        try:
            with engine.begin() as conn:
                result = action(conn)
        except NotFound as exc:
            raise not_found(exc) from None
        except CorrectionError as exc:
            raise fail(str(exc), EXIT_USAGE) from None
        if fmt == "json":
            print_json(result)
        else:
            console.print(escape(result["message"]))

    @app.command()
    def merge(keep: Annotated[str, typer.Argument(help="The entity that stays (name or #ID).")],
              drop: Annotated[str, typer.Argument(help="The entity merged into it.")],
              etype: TypeOpt = None, note: NoteOpt = None,
              db: DbOpt = None, fmt: FormatOpt = "text") -> None:
        """Merge DROP into KEEP. Kept as a correction: later articles naming DROP
        resolve to KEEP."""
        from newsreel.resolve.corrections import merge_entities

        def action(conn):
            k, d = _pick(conn, keep, etype), _pick(conn, drop, etype)
            ent = merge_entities(conn, k["id"], d["id"], note)
            return {"action": "merge", "entity": {"id": ent.id, "type": ent.type,
                                                  "name": ent.name},
                    "merged": {"id": d["id"], "name": d["name"]},
                    "message": f"merged {d['name']} (#{d['id']}) into {ent.name} (#{ent.id})"}
        _correct(db, fmt, action)

    @app.command()
    def split(entity: Annotated[str, typer.Argument(help="The entity (name or #ID).")],
              doc: Annotated[list[str], typer.Option(
                  "--doc", help="A document (id or unique prefix) whose mentions belong "
                  "to another entity; repeat for several.")],
              name: Annotated[str | None, typer.Option(
                  "--name", help="Name of the new entity (default: the same name).")] = None,
              etype: TypeOpt = None, note: NoteOpt = None,
              db: DbOpt = None, fmt: FormatOpt = "text") -> None:
        """Split the given documents' mentions and facts off ENTITY into a new entity.
        Kept as a correction: new versions of those documents go to the new entity, other
        new articles to whichever of the two shares their works."""
        from newsreel.resolve.corrections import split_entity

        def action(conn):
            ent = _pick(conn, entity, etype)
            new = split_entity(conn, ent["id"], _doc_ids(conn, doc), name, note)
            return {"action": "split", "entity": {"id": ent["id"], "name": ent["name"]},
                    "new": {"id": new.id, "type": new.type, "name": new.name},
                    "message": f"split {len(doc)} document(s) off {ent['name']} (#{ent['id']})"
                               f" into {new.name} (#{new.id})"}
        _correct(db, fmt, action)

    @app.command()
    def rename(entity: Annotated[str, typer.Argument(help="The entity (name or #ID).")],
               new_name: Annotated[str, typer.Argument(help="Its new name.")],
               etype: TypeOpt = None, note: NoteOpt = None,
               db: DbOpt = None, fmt: FormatOpt = "text") -> None:
        """Rename an entity; both names keep resolving to it. Kept as a correction."""
        from newsreel.resolve.corrections import rename_entity

        def action(conn):
            ent = _pick(conn, entity, etype)
            new = rename_entity(conn, ent["id"], new_name, note)
            return {"action": "rename", "entity": {"id": new.id, "type": new.type,
                                                   "name": new.name},
                    "previous": ent["name"],
                    "message": f"renamed {ent['name']} (#{new.id}) to {new.name}"}
        _correct(db, fmt, action)
