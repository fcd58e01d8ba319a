"""Geometry for the server-side SVG charts: a film's release timeline and the
radial layout of its neighbourhood graph. The templates draw the SVG from
these numbers (text goes through Jinja2's autoescape)."""

from __future__ import annotations

import math
import re
from datetime import date
from typing import Any

from newsreel.web.filters import entity_href, evidence_href

_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")
TYPE_COLOURS = {"film": "#c0392b", "tv_series": "#d35400", "work": "#8e44ad",
                "person": "#2471a3", "character": "#17a589", "organization": "#7d6608",
                "outlet": "#566573", "festival": "#1e8449", "award": "#b7950b"}


def parse_date(text: str | None) -> tuple[date, str] | None:
    """ISO date at any precision -> (first day, precision) or None."""
    m = _DATE.match(text or "")
    if not m:
        return None
    y, mo, d = int(m.group(1)), int(m.group(2) or 1), int(m.group(3) or 1)
    try:
        return date(y, mo, d), ("day" if m.group(3) else "month" if m.group(2) else "year")
    except ValueError:
        return None


def timeline(facts: dict[str, list[dict[str, Any]]], conflict_ids: set[int],
             superseded: list[dict[str, Any]] | None = None,
             width: int = 760) -> dict[str, Any] | None:
    """Lanes (region / release type) with dated points for release dates,
    premieres and screenings (superseded values hollow); None when nothing
    is dated."""
    points = []
    old_ids = {x["id"] for x in superseded or []}
    for rel in ("release_date", "premiere", "screened_at"):
        for fact in facts.get(rel, []) + [x for x in superseded or [] if x["relation"] == rel]:
            q = fact["qualifiers"]
            when = parse_date(fact["object"] if rel == "release_date" else q.get("date"))
            if when is None:
                continue
            if rel == "release_date":
                lane = " ".join(x for x in (q.get("region") or "worldwide",
                                            q.get("release_type") or "") if x)
                label = fact["object"]
            else:
                lane = "premiere" if rel == "premiere" else "screenings"
                label = f"{fact['object']} ({q.get('date')})"
            points.append({"day": when[0], "precision": when[1], "lane": lane, "label": label,
                           "fact_id": fact["id"], "conflict": fact["id"] in conflict_ids,
                           "superseded": fact["id"] in old_ids,
                           "articles": fact["articles"],
                           "href": evidence_href(fact["evidence"][0])})
    if not points:
        return None
    lanes = sorted({p["lane"] for p in points}, key=lambda x: (x in ("premiere", "screenings"),
                                                               x))
    left, right, top, lane_h = 150, width - 30, 30, 44
    lo = min(p["day"] for p in points).toordinal()
    hi = max(p["day"] for p in points).toordinal()
    pad = max(15, (hi - lo) // 10)
    lo, hi = lo - pad, hi + pad

    def x_of(d: date) -> float:
        return round(left + (d.toordinal() - lo) / (hi - lo) * (right - left), 1)

    for p in points:
        p["x"] = x_of(p["day"])
        p["y"] = top + lanes.index(p["lane"]) * lane_h + lane_h / 2
        p["date"] = p["day"].isoformat()
        p["label_y"] = p["y"] - 11
    for lane in lanes:  # labels of close points alternate above and below the line
        last_x, below = -1e9, False
        for p in sorted((p for p in points if p["lane"] == lane), key=lambda p: p["x"]):
            below = (not below) if p["x"] - last_x < 70 else False
            p["label_y"] = p["y"] + 20 if below else p["y"] - 11
            last_x = p["x"]
    lane_h_total = len(lanes) * lane_h
    height = top + lane_h_total + 30
    ticks = []
    first, last = date.fromordinal(lo), date.fromordinal(hi)
    months = (last.year - first.year) * 12 + last.month - first.month
    step = 1 if months <= 8 else 3 if months <= 30 else 12
    y, m = first.year, first.month
    while True:
        m += 1
        if m > 12:
            y, m = y + 1, 1
        if (m - 1) % step:
            continue
        d = date(y, m, 1)
        if d > last:
            break
        ticks.append({"x": x_of(d), "label": d.strftime("%Y") if step == 12 or m == 1
                      else d.strftime("%b %Y")})
    return {"width": width, "height": height, "left": left, "right": right,
            "axis_y": height - 24, "lanes": [{"name": name, "y": top + i * lane_h + lane_h / 2}
                                             for i, name in enumerate(lanes)],
            "points": points, "ticks": ticks}


def graph_layout(graph: dict[str, Any], width: int = 900, height: int = 680,
                 ) -> dict[str, Any]:
    """Centre node in the middle, its neighbours on a ring (grouped by relation), the
    neighbours' other connections on an outer ring near the neighbour they hang on."""
    cx, cy = width / 2, height / 2
    r1, r2 = min(width, height) * 0.28, min(width, height) * 0.45
    center_id = graph["center"]["id"]
    nodes = {n["id"]: dict(n) for n in graph["nodes"]}
    rel_of: dict[int, str] = {}
    for e in graph["edges"]:
        for a, b in ((e["source"], e["target"]), (e["target"], e["source"])):
            if a == center_id and nodes.get(b, {}).get("ring") == 1:
                rel_of.setdefault(b, e["relation"])
    ring1 = sorted((n for n in nodes.values() if n["ring"] == 1),
                   key=lambda n: (rel_of.get(n["id"], "~"), n["name"]))
    for i, n in enumerate(ring1):
        a = 2 * math.pi * i / max(1, len(ring1)) - math.pi / 2
        n["angle"], n["x"], n["y"] = a, cx + r1 * math.cos(a), cy + r1 * math.sin(a)
    c = nodes[center_id]
    c["x"], c["y"], c["angle"] = cx, cy, 0.0
    ring2 = [n for n in nodes.values() if n["ring"] == 2]
    for n in ring2:
        angles = []
        for e in graph["edges"]:
            other = e["source"] if e["target"] == n["id"] else \
                e["target"] if e["source"] == n["id"] else None
            if other is not None and nodes.get(other, {}).get("ring") == 1:
                angles.append(nodes[other]["angle"])
        n["angle"] = math.atan2(sum(math.sin(a) for a in angles),
                                sum(math.cos(a) for a in angles)) if angles else 0.0
    ring2.sort(key=lambda n: n["angle"])
    gap = 2 * math.pi / max(len(ring2), 1) * 0.6
    for i in range(1, len(ring2)):  # spread neighbours that would overlap
        if ring2[i]["angle"] - ring2[i - 1]["angle"] < gap:
            ring2[i]["angle"] = ring2[i - 1]["angle"] + gap
    for n in ring2:
        n["x"], n["y"] = cx + r2 * math.cos(n["angle"]), cy + r2 * math.sin(n["angle"])
    for n in nodes.values():
        n["x"], n["y"] = round(n["x"], 1), round(n["y"], 1)
        n["colour"] = TYPE_COLOURS.get(n["type"], "#555")
        n["href"] = entity_href(n["id"], n["type"])
        n["r"] = 16 if n["ring"] == 0 else 9 if n["ring"] == 1 else 6
        n["anchor"] = "middle" if n["ring"] == 0 else "start" if n["x"] >= cx else "end"
        n["lx"] = n["x"] if n["ring"] == 0 else \
            round(n["x"] + (n["r"] + 4) * (1 if n["anchor"] == "start" else -1), 1)
        n["ly"] = round(n["y"] + (n["r"] + 16 if n["ring"] == 0 else 4), 1)
    edges = []
    for e in graph["edges"]:
        a, b = nodes.get(e["source"]), nodes.get(e["target"])
        if a and b:
            edges.append({**e, "x1": a["x"], "y1": a["y"], "x2": b["x"], "y2": b["y"],
                          "outer": a["ring"] + b["ring"] > 1,
                          "weak": e["relation"] == "mentioned_with"})
    return {"width": width, "height": height, "nodes": list(nodes.values()), "edges": edges,
            "types": sorted({n["type"] for n in nodes.values()}), "colours": TYPE_COLOURS}
