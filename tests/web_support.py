"""Shared by the web tests: a real SQLite store (the examples ingested with the
real extractor, plus two hand-written articles stored through the ingest
path with known records, plus a hostile article), and a real uvicorn server
on 127.0.0.1 in a thread."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import uvicorn

from newsreel.ingest import ingest_articles, store_extracted
from newsreel.model import Article, Entity, Evidence, Fact, Quote, Record
from newsreel.sources import read_inputs
from newsreel.store import open_engine

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"

LANTERN_A = (
    "Lanternfish, the new thriller from director Ada Quell, opens in US theaters on "
    "March 6, 2026, its distributor Tidewater Pictures said.\n\n"
    "Bo Tern plays the lighthouse keeper Nell Arden in the film.\n\n"
    "\u201cWe shot every night scene by lamplight,\u201d Quell told Film Ledger.\n"
)
LANTERN_B = (
    "Tidewater Pictures has moved Lanternfish to April 10, 2026 in US theaters.\n\n"
    "The film premiered at the Harbourside Film Festival on 2025-09-12 and is "
    "nominated for the Northlight Awards for best film.\n"
)
LANTERN_C = (
    "Lanternfish will now reach US theaters on May 1, 2026, according to exhibitors.\n"
)
HOSTILE_TITLE = '<script>alert("title")</script> "Quoted\' title'
HOSTILE_BODY = (
    'Director Eve Mallory\'s film "><script>alert("body")</script> Quarry Noon opens '
    "on June 5, 2026.\n\n"
    "It stars Sam Rook.\" onmouseover=\"alert('attr')\" as the narrator.\n"
)
HOSTILE_FILM = 'Quarry Noon"><script>alert(1)</script>'


def _span(body: str, text: str) -> Evidence:
    start = body.index(text)
    return Evidence(start, start + len(text), text)


def _mentions(body: str, name: str) -> list[tuple[int, int]]:
    out, i = [], body.find(name)
    while i >= 0:
        out.append((i, i + len(name)))
        i = body.find(name, i + 1)
    return out


def lantern_records() -> list[tuple[Article, Record]]:
    """Three reports: March 6 (Oct 1), then April 10 and May 1 on the same day
    (Nov 20) from two outlets: the March date is superseded, the other two
    are an open conflict."""
    a = Article(LANTERN_A, "test:lantern-a", title="Lanternfish sets a March date",
                published="2025-10-01", outlet="Film Ledger",
                url="https://example.invalid/lantern-a")
    s1 = LANTERN_A.split("\n\n")
    ra = Record(doc=a.doc_dict(), entities=[
        Entity("Lanternfish", "film", [], _mentions(LANTERN_A, "Lanternfish")),
        Entity("Ada Quell", "person", ["Quell"], _mentions(LANTERN_A, "Ada Quell")),
        Entity("Bo Tern", "person", [], _mentions(LANTERN_A, "Bo Tern")),
        Entity("Tidewater Pictures", "organization", [],
               _mentions(LANTERN_A, "Tidewater Pictures")),
    ], facts=[
        Fact("Lanternfish", "director", "Ada Quell", _span(LANTERN_A, s1[0]),
             subject_type="film", object_type="person", confidence=0.9),
        Fact("Lanternfish", "release_date", "2026-03-06", _span(LANTERN_A, s1[0]),
             {"region": "US", "release_type": "theatrical"}, 0.85, "film"),
        Fact("Lanternfish", "distributor", "Tidewater Pictures", _span(LANTERN_A, s1[0]),
             {"region": "US"}, 0.8, "film", "organization"),
        Fact("Lanternfish", "cast_member", "Bo Tern", _span(LANTERN_A, s1[1]),
             {"character": "Nell Arden"}, 0.9, "film", "person"),
        Fact("Lanternfish", "genre", "thriller", _span(LANTERN_A, s1[0]), {}, 0.7, "film"),
    ], quotes=[Quote("Ada Quell", "We shot every night scene by lamplight,",
                     LANTERN_A.index("\u201c"), len(LANTERN_A) - 1, "Film Ledger")])
    b = Article(LANTERN_B, "test:lantern-b", title="Lanternfish moves to April",
                published="2025-11-20", outlet="Screen Almanac",
                url="https://example.invalid/lantern-b")
    s2 = LANTERN_B.split("\n\n")
    rb = Record(doc=b.doc_dict(), entities=[
        Entity("Lanternfish", "film", [], _mentions(LANTERN_B, "Lanternfish")),
        Entity("Harbourside Film Festival", "festival", [],
               _mentions(LANTERN_B, "Harbourside Film Festival")),
        Entity("Northlight Awards", "award", [], _mentions(LANTERN_B, "Northlight Awards")),
    ], facts=[
        Fact("Lanternfish", "release_date", "2026-04-10", _span(LANTERN_B, s2[0]),
             {"region": "US", "release_type": "theatrical"}, 0.85, "film"),
        Fact("Lanternfish", "premiere", "Harbourside Film Festival", _span(LANTERN_B, s2[1]),
             {"date": "2025-09-12"}, 0.8, "film", "festival"),
        Fact("Lanternfish", "nominated_for", "Northlight Awards", _span(LANTERN_B, s2[1]),
             {"category": "best film"}, 0.8, "film", "award"),
    ])
    c = Article(LANTERN_C, "test:lantern-c", title="Exhibitors expect Lanternfish in May",
                published="2025-11-20", outlet="Reel Review")
    rc = Record(doc=c.doc_dict(), entities=[
        Entity("Lanternfish", "film", [], _mentions(LANTERN_C, "Lanternfish"))], facts=[
        Fact("Lanternfish", "release_date", "2026-05-01", _span(LANTERN_C, LANTERN_C.strip()),
             {"region": "US", "release_type": "theatrical"}, 0.8, "film")])
    return [(a, ra), (b, rb), (c, rc)]


def hostile_record() -> tuple[Article, Record]:
    art = Article(HOSTILE_BODY, "test:hostile", title=HOSTILE_TITLE, published="2026-01-02",
                  outlet='Evil "Outlet" <b>', url="javascript:alert(3)")
    first = HOSTILE_BODY.split("\n\n")[0]
    sent = HOSTILE_BODY.split("\n\n")[1].strip()
    rec = Record(doc=art.doc_dict(), entities=[
        Entity(HOSTILE_FILM, "film", [], [(HOSTILE_BODY.index('"><script>'),
                                           HOSTILE_BODY.index(" opens"))]),
        Entity("Eve Mallory", "person", [], _mentions(HOSTILE_BODY, "Eve Mallory")),
    ], facts=[
        Fact(HOSTILE_FILM, "director", "Eve Mallory", _span(HOSTILE_BODY, first),
             subject_type="film", object_type="person"),
        Fact(HOSTILE_FILM, "cast_member", "Sam Rook\" onmouseover=\"alert('attr')",
             _span(HOSTILE_BODY, sent), {"character": "<i>narrator</i>"}, 0.8, "film",
             "person"),
    ])
    return art, rec


@dataclass
class WebStore:
    path: Path | None
    url: str
    examples: dict = field(default_factory=dict)
    lantern_docs: list[str] = field(default_factory=list)
    hostile_doc: str = ""


def build_store(target: Path | str, extractor) -> WebStore:
    """The examples through the real reader and extractor, then the known records,
    into a SQLite file (a Path) or a store URL (PostgreSQL)."""
    path = target if isinstance(target, Path) else None
    url = "sqlite:///" + str(target) if path else str(target)
    engine = open_engine(url)
    summary = ingest_articles(engine, read_inputs([str(EXAMPLES)]), extractor)
    # extraction quality is others' business; the pages need some real records
    assert summary.new >= 5 and summary.total >= 10, summary.as_dict()
    docs = []
    for art, rec in lantern_records():
        store_extracted(engine, art, rec)
        docs.append(art.id)
    art, rec = hostile_record()
    store_extracted(engine, art, rec)
    engine.dispose()
    return WebStore(path, url, summary.as_dict(), docs, art.id)


class ServerThread:
    """uvicorn serving an app on 127.0.0.1 (a free port) in a daemon thread."""

    def __init__(self, app):
        self.server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=0,
                                                    log_level="warning", lifespan="off"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def start(self) -> str:
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.02)
        port = self.server.servers[0].sockets[0].getsockname()[1]
        return f"http://127.0.0.1:{port}"

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(10)


@contextmanager
def serving(app) -> Iterator[str]:
    srv = ServerThread(app)
    base = srv.start()
    try:
        yield base
    finally:
        srv.stop()
