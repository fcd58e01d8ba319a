"""A document body as HTML with its spans marked: entity mentions (links),
fact evidence (`<mark>` with the fact ids) and quotes.

Spans may overlap; the body is cut at every span boundary and each piece
carries the spans that cover it (one sweep over the boundaries), so the
markup always nests. Every piece of text goes through `markupsafe.escape`.
Each evidence span gets an anchor
`id="ev-N"` at its start (quotes: `id="q-N"`); the selected evidence or
quote is marked with class `hl`."""

from __future__ import annotations

from typing import Any

from markupsafe import Markup, escape

from newsreel.web.filters import entity_href


def _valid(span: dict[str, Any], n: int) -> bool:
    s, e = span.get("start"), span.get("end")
    return isinstance(s, int) and isinstance(e, int) and 0 <= s < e <= n


def segments(body: str, spans: dict[str, list[dict[str, Any]]]) -> list[dict[str, Any]]:
    """Pieces of the body: text, the covering mention (longest), evidence and quote ids,
    and the anchors that start there."""
    n = len(body)
    mentions = [m for m in spans.get("mentions", []) if _valid(m, n)]
    evidence = [x for x in spans.get("evidence", []) if _valid(x, n)]
    quotes = [x for x in spans.get("quotes", []) if _valid(x, n)]
    cuts = {0, n}
    for group in (mentions, evidence, quotes):
        for x in group:
            cuts.add(x["start"])
            cuts.add(x["end"])
    points = sorted(cuts)
    ev_starts: dict[int, list[int]] = {}
    for x in evidence:
        ev_starts.setdefault(x["start"], []).append(x["id"])
    q_starts: dict[int, list[int]] = {}
    for x in quotes:
        q_starts.setdefault(x["start"], []).append(x["id"])
    starts: dict[int, list[tuple[str, dict[str, Any]]]] = {}
    ends: dict[int, list[tuple[str, dict[str, Any]]]] = {}
    for kind, group in (("m", mentions), ("ev", evidence), ("q", quotes)):
        for x in group:
            starts.setdefault(x["start"], []).append((kind, x))
            ends.setdefault(x["end"], []).append((kind, x))
    active: dict[str, dict[int, dict[str, Any]]] = {"m": {}, "ev": {}, "q": {}}
    out: list[dict[str, Any]] = []
    for a, b in zip(points, points[1:], strict=False):  # sweep: spans open and close
        for kind, x in ends.get(a, []):
            active[kind].pop(id(x), None)
        for kind, x in starts.get(a, []):
            active[kind][id(x)] = x
        cover_m = active["m"].values()
        mention = max(cover_m, key=lambda m: (m["end"] - m["start"], -m["id"])) \
            if cover_m else None
        evs = sorted({x["id"] for x in active["ev"].values()})
        qs = sorted({x["id"] for x in active["q"].values()})
        out.append({"text": body[a:b], "start": a, "mention": mention, "ev": evs, "q": qs,
                    "anchors": ev_starts.get(a, []), "qanchors": q_starts.get(a, [])})
    return out


def render_body(body: str, spans: dict[str, list[dict[str, Any]]],
                selected_ev: int | None = None, selected_q: int | None = None) -> Markup:
    parts: list[str] = []
    for seg in segments(body, spans):
        for a in seg["anchors"]:
            parts.append(f'<span class="anchor" id="ev-{int(a)}"></span>')
        for a in seg["qanchors"]:
            parts.append(f'<span class="anchor" id="q-{int(a)}"></span>')
        html = str(escape(seg["text"]))
        m = seg["mention"]
        if m is not None:
            html = (f'<a class="ent t-{escape(m["type"])}" data-entity="{int(m["entity_id"])}" '
                    f'href="{escape(entity_href(m["entity_id"], m["type"]))}" '
                    f'title="{escape(m["type"])}: {escape(m["name"])}">{html}</a>')
        if seg["ev"]:
            cls = "ev hl" if selected_ev is not None and selected_ev in seg["ev"] else "ev"
            ids = " ".join(str(int(i)) for i in seg["ev"])
            html = f'<mark class="{cls}" data-ev="{ids}">{html}</mark>'
        if seg["q"]:
            cls = "quote hl" if selected_q is not None and selected_q in seg["q"] else "quote"
            ids = " ".join(str(int(i)) for i in seg["q"])
            html = f'<span class="{cls}" data-q="{ids}">{html}</span>'
        parts.append(html)
    return Markup("".join(parts))
