"""Units of the web layer: the span highlighter (any overlap of mentions,
evidence and quotes gives well-nested, escaped HTML whose text is exactly the
body), the timeline and graph geometry, the rate limiter, LIKE escaping."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from hypothesis import given, settings
from hypothesis import strategies as st

from newsreel.query.browse import clamp, like_escape
from newsreel.web.charts import graph_layout, parse_date, timeline
from newsreel.web.highlight import render_body
from newsreel.web.ratelimit import RateLimiter


class Nesting(HTMLParser):
    """Checks that tags close in order and collects the text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.text: list[str] = []
        self.ok = True

    def handle_starttag(self, tag, attrs):
        self.stack.append(tag)

    def handle_endtag(self, tag):
        if not self.stack or self.stack.pop() != tag:
            self.ok = False

    def handle_data(self, data):
        self.text.append(data)


@st.composite
def body_and_spans(draw):
    body = draw(st.text(alphabet=st.sampled_from(list("ab <>&\"'\n\u00e9")), min_size=1,
                        max_size=60))
    n = len(body)

    def spans(kind):
        out = []
        for i in range(draw(st.integers(0, 6))):
            s = draw(st.integers(-2, n + 1))
            e = draw(st.integers(-2, n + 2))
            item = {"id": i + 1, "start": s, "end": e}
            if kind == "m":
                item.update(entity_id=i + 1, type="person", name=f'n"<{i}>')
            if kind == "ev":
                item["fact_id"] = i
            out.append(item)
        return out

    return body, {"mentions": spans("m"), "evidence": spans("ev"), "quotes": spans("q")}


@settings(max_examples=150, deadline=None)
@given(body_and_spans(), st.integers(0, 7))
def test_highlighted_body_nests_escapes_and_keeps_the_text(data, selected):
    body, spans = data
    out = str(render_body(body, spans, selected_ev=selected))
    parser = Nesting()
    parser.feed(out)
    parser.close()
    assert parser.ok and not parser.stack
    assert "".join(parser.text) == body
    assert "<script" not in out and "<>" not in out
    valid = [x for x in spans["evidence"] if 0 <= x["start"] < x["end"] <= len(body)]
    for x in valid:
        assert f'id="ev-{x["id"]}"' in out
    marked = re.findall(r'<mark class="ev hl" data-ev="([\d ]+)">', out)
    if any(x["id"] == selected for x in valid):
        assert marked and all(str(selected) in m.split() for m in marked)
    else:
        assert not marked


def test_highlight_marks_exactly_the_selected_sentence():
    body = 'Ann Lee directs "Tide". She said <b>hi</b>.'
    spans = {"mentions": [{"id": 1, "start": 0, "end": 7, "entity_id": 9, "type": "person",
                           "name": "Ann Lee"}],
             "evidence": [{"id": 5, "start": 0, "end": 23, "fact_id": 1},
                          {"id": 6, "start": 24, "end": len(body), "fact_id": 2}],
             "quotes": []}
    out = str(render_body(body, spans, selected_ev=5))
    chosen = re.findall(r'<mark class="ev hl"[^>]*>(.*?)</mark>', out)
    assert html.unescape(re.sub(r"<[^>]+>", "", "".join(chosen))) == body[:23]
    assert '<a class="ent t-person" data-entity="9" href="/person/9"' in out
    assert "&lt;b&gt;hi&lt;/b&gt;" in out


def _fact(fid, rel, value, q=None):
    return {"id": fid, "relation": rel, "object": value, "qualifiers": q or {}, "articles": 1,
            "evidence": [{"id": fid * 10, "doc_id": "ab" * 32}]}


def test_timeline_geometry():
    assert parse_date("2026-02") and parse_date("2026-02")[1] == "month"
    assert parse_date("soon") is None and parse_date("2026-13-40") is None
    facts = {"release_date": [_fact(1, "release_date", "2026-02-13",
                                    {"region": "US", "release_type": "theatrical"}),
                              _fact(2, "release_date", "2026-04", {"region": "GB"})],
             "premiere": [_fact(3, "premiere", "Fest", {"date": "2025-09-01"})]}
    old = [_fact(4, "release_date", "2026-01-30", {"region": "US",
                                                   "release_type": "theatrical"})]
    t = timeline(facts, {2}, old)
    assert t is not None
    lanes = [lane["name"] for lane in t["lanes"]]
    assert lanes == ["GB", "US theatrical", "premiere"]
    xs = {p["fact_id"]: p["x"] for p in t["points"]}
    assert xs[3] < xs[4] < xs[1] < xs[2]  # time runs left to right
    assert all(t["left"] <= x <= t["right"] for x in xs.values())
    by_id = {p["fact_id"]: p for p in t["points"]}
    assert by_id[2]["conflict"] and by_id[4]["superseded"] and not by_id[1]["superseded"]
    assert by_id[1]["href"].endswith("?ev=10#ev-10")
    assert t["ticks"]
    assert timeline({"genre": [_fact(5, "genre", "drama")]}, set()) is None


def test_graph_layout_places_rings():
    g = {"center": {"id": 1, "name": "F", "type": "film"},
         "nodes": [{"id": 1, "name": "F", "type": "film", "ring": 0},
                   {"id": 2, "name": "P", "type": "person", "ring": 1},
                   {"id": 3, "name": "Q", "type": "person", "ring": 1},
                   {"id": 4, "name": "G", "type": "film", "ring": 2}],
         "edges": [{"source": 1, "target": 2, "relation": "director", "fact_id": 1, "label": ""},
                   {"source": 1, "target": 3, "relation": "cast_member", "fact_id": 2,
                    "label": ""},
                   {"source": 4, "target": 2, "relation": "director", "fact_id": 3, "label": ""}]}
    lay = graph_layout(g, 900, 680)
    pos = {n["id"]: (n["x"], n["y"]) for n in lay["nodes"]}
    assert pos[1] == (450, 340)

    def dist(i):
        return ((pos[i][0] - 450) ** 2 + (pos[i][1] - 340) ** 2) ** 0.5

    assert abs(dist(2) - dist(3)) < 1 and dist(4) > dist(2) + 50
    assert len(lay["edges"]) == 3 and lay["edges"][2]["outer"]
    assert {n["href"] for n in lay["nodes"]} == {"/film/1", "/person/2", "/person/3", "/film/4"}


def test_rate_limiter_window():
    now = [0.0]
    lim = RateLimiter(2, 60.0, clock=lambda: now[0])
    assert lim.hit("a") == 0.0 and lim.hit("a") == 0.0
    wait = lim.hit("a")
    assert 59 <= wait <= 60
    assert lim.hit("b") == 0.0  # per client
    now[0] = 60.5
    assert lim.hit("a") == 0.0


def test_like_escape_and_clamp():
    assert like_escape("50%_off\\") == "50\\%\\_off\\\\"
    assert clamp(10_000, -5) == (200, 0)
    assert clamp(None, None) == (50, 0)
    assert clamp(0, 3) == (1, 3)
