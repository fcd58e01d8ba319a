"""Text rendering of query results for people (Rich, to stdout)."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from newsreel.query.dossier import SECTIONS

console = Console(highlight=False, soft_wrap=True)
LABELS = dict(SECTIONS)


def _support(fact: dict[str, Any]) -> str:
    n = fact["articles"]
    outlets = fact["outlets"]
    s = f"{n} article{'s' if n != 1 else ''}"
    if outlets:
        s += f", {len(outlets)} outlet{'s' if len(outlets) != 1 else ''}"
    return s


def _fact_line(fact: dict[str, Any]) -> str:
    q = fact["qualifiers"]
    rel = fact["relation"]
    value = fact["object"]
    extra = []
    if rel in ("cast_member", "voice_actor") and q.get("character"):
        value = f"{value} as {q['character']}"
    if rel == "release_date":
        extra += [q.get("region") or "no region", q.get("release_type") or ""]
    if rel in ("nominated_for", "award_received"):
        if q.get("category"):
            value = f"{value}: {q['category']}"
        if q.get("for_work"):
            extra.append(f"for {q['for_work']}")
        if q.get("count"):
            extra.append(f"{q['count']} nominations")
    if rel == "box_office":
        extra += [q.get("region") or "worldwide", q.get("period") or "", q.get("rank") or ""]
    if rel in ("premiere", "screened_at") and q.get("date"):
        extra.append(str(q["date"]))
    if rel == "distributor" and q.get("region"):
        extra.append(q["region"])
    extra = [str(x) for x in extra if x]
    tail = f" ({', '.join(extra)})" if extra else ""
    return f"  {escape(value)}{escape(tail)}  [dim]{_support(fact)}[/dim]"


def dossier_text(data: dict[str, Any]) -> None:
    ent = data["entity"]
    kind = ent["type"].replace("_", " ")
    console.print(f"[bold]{escape(ent['name'])}[/bold]  [dim]{kind}, "
                  f"{data['documents']} document(s)[/dim]")
    bp = data.get("big_picture")
    if bp:
        console.print("\n[bold]The Big Picture[/bold]")
        for bullet in bp:
            console.print(f"  • {escape(bullet['text'] if isinstance(bullet, dict) else bullet)}")
    for rel, facts in data["facts"].items():
        console.print(f"\n[bold]{LABELS.get(rel, rel)}[/bold]")
        for fact in facts:
            console.print(_fact_line(fact))
    if data.get("conflicts"):
        console.print("\n[bold red]Conflicts[/bold red]")
        for c in data["conflicts"]:
            quals = ", ".join(f"{k} {v}" for k, v in c["qualifiers"].items())
            console.print(f"  {c['relation']} ({escape(quals)}):")
            for v in c["values"]:
                console.print(f"    {escape(v['value'])}  [dim]{v['articles']} article(s) "
                              f"{escape(', '.join(v['outlets']))} "
                              f"first reported {v['first_reported'] or '?'}[/dim]")
    moved = [h for h in data.get("history", []) if h.get("status") == "superseded"]
    if moved:
        console.print("\n[bold]History[/bold]")
        for h in moved:
            quals = ", ".join(f"{k} {v}" for k, v in h["qualifiers"].items())
            console.print(f"  {h['relation']} ({escape(quals)}): {escape(h['summary'])}")
    if data.get("quotes"):
        console.print("\n[bold]Quotes[/bold]")
        for q in data["quotes"]:
            src = f" ({q['outlet']})" if q.get("outlet") else ""
            console.print(f"  {escape(q['speaker'] or '?')}{escape(src)}: "
                          f"“{escape(q['text'])}”")


def person_text(data: dict[str, Any]) -> None:
    console.print(f"[bold]{escape(data['entity']['name'])}[/bold]")
    if data["credits"]:
        console.print("\n[bold]Credits[/bold]")
        for f in data["credits"]:
            q = f["qualifiers"]
            role = f["relation"].replace("_", " ")
            extra = f" as {q['character']}" if q.get("character") else ""
            console.print(f"  {escape(f['subject'])}: {role}{escape(extra)}  "
                          f"[dim]{_support(f)}[/dim]")
    if data["facts"]:
        console.print("\n[bold]Facts[/bold]")
        for f in data["facts"]:
            console.print(f"  {f['relation'].replace('_', ' ')}:{_fact_line(f)}")
    if data["quotes"]:
        console.print("\n[bold]Quotes[/bold]")
        for q in data["quotes"]:
            src = f" ({q['outlet']})" if q.get("outlet") else ""
            console.print(f"  “{escape(q['text'])}”{escape(src)}")


def quotes_text(rows: list[dict[str, Any]]) -> None:
    for q in rows:
        src = f", {q['outlet']}" if q.get("outlet") else ""
        by = f" (interviewed by {q['interviewer']})" if q.get("interviewer") else ""
        console.print(f"[bold]{escape(q['speaker'] or '?')}[/bold]{escape(src + by)}: "
                      f"“{escape(q['text'])}”  [dim]{q['doc_id'][:12]}[/dim]")
    if not rows:
        console.print("[dim]no quotes[/dim]")


def docs_text(rows: list[dict[str, Any]]) -> None:
    table = Table("id", "title", "outlet", "published", "facts", "quotes")
    for r in rows:
        table.add_row(r["id"][:12], escape(r["title"] or r["source"])[:60],
                      escape(r["outlet"] or ""), r["published"] or "", str(r["facts"]),
                      str(r["quotes"]))
    console.print(table)


def doc_text(data: dict[str, Any]) -> None:
    console.print(f"[bold]{escape(data['title'] or '(untitled)')}[/bold]")
    for k in ("id", "source", "outlet", "url", "published", "ingested_at"):
        if data.get(k):
            console.print(f"  {k}: {escape(str(data[k]))}")
    for s in data["sightings"]:
        console.print(f"  seen: {escape(s['source'])} {escape(s['outlet'] or '')}")
    console.print(f"  body: {len(data['body'])} characters")


def summary_text(summary) -> str:
    rate = f"{summary.total / summary.seconds:.2f}" if summary.seconds else "-"
    return (f"{summary.new} new, {summary.skipped} skipped, {len(summary.failed)} failed; "
            f"{summary.facts} facts, {summary.quotes} quotes; "
            f"{summary.seconds:.1f} s, {rate} articles/s")


def record_table(record) -> None:
    from newsreel.query.bigpicture import big_picture_for_record

    bullets = big_picture_for_record(record)
    if bullets:
        console.print(f"[bold]The Big Picture[/bold]  [dim]{escape(record.doc.get('source'))}"
                      "[/dim]")
        for b in bullets:
            console.print(f"  • {escape(b['text'] if isinstance(b, dict) else b)}")
    table = Table("subject", "relation", "object", "qualifiers", "conf", title=record.doc.get(
        "title") or record.doc.get("source"))
    for f in record.facts:
        q = ", ".join(f"{k}={v}" for k, v in f.qualifiers.items())
        table.add_row(escape(f.subject), f.relation, escape(f.object), escape(q),
                      f"{f.confidence:.2f}")
    console.print(table)
    for q in record.quotes:
        console.print(f"  {escape(q.speaker or '?')}: “{escape(q.text[:100])}”")
