"""Feeds, the watcher and change records, against a real HTTP server on 127.0.0.1.

The exact-change tests use a small rule-based extractor (release sentences
and quotes of the articles written here) so that they test watching and
change detection, not the NLP; one CLI test runs the real extractor."""

from __future__ import annotations

import json
import os
import queue
import re
import signal
import subprocess
import sys
import threading
import time
from datetime import datetime

import pytest
from sqlalchemy import text

from feedserver import FeedServer, Route, rss
from newsreel.ingest import store_extracted
from newsreel.model import Article, Evidence, Fact, Quote, Record
from newsreel.resolve.changes import list_changes
from newsreel.sources import ReadFailure
from newsreel.sources.feeds import parse_feed_bytes
from newsreel.store import open_engine
from newsreel.watcher import Watcher, parse_duration

DATE = re.compile(r"(January|February|March|April|May|June|July|August|September|October|"
                  r"November|December) (\d{1,2}), (\d{4})")
QUOTE = re.compile(r"\"([^\"]+),\" said ([A-Z]\w+ [A-Z]\w+)")


class RuleExtractor:
    """Release dates of "Foo" in US sentences, and `"...," said First Last` quotes."""

    def extract(self, article: Article) -> Record:
        facts, quotes = [], []
        for sent in re.finditer(r"[^.]*\.", article.body):
            text = sent.group(0)
            m = DATE.search(text)
            if m and "Foo" in text:
                iso = datetime.strptime(m.group(0), "%B %d, %Y").date().isoformat()
                region = "US" if " US" in text else None
                start = sent.start() + len(text) - len(text.lstrip())
                facts.append(Fact("Foo", "release_date", iso,
                                  Evidence(start, sent.end(), article.body[start:sent.end()]),
                                  {"region": region, "release_type": "theatrical"}, 0.9,
                                  "film", None))
        for m in QUOTE.finditer(article.body):
            quotes.append(Quote(m.group(2), m.group(1), m.start(), m.end()))
        return Record(doc=article.doc_dict(), facts=facts, quotes=quotes)

    def extract_many(self, articles, batch_size: int = 16):
        for a in articles:
            yield a, self.extract(a)


FIRST = ("<p>Foo opens in the US on March 6, 2026.</p>"
         "<p>\"We cannot wait for audiences to see it,\" said Jane Roe.</p>")
REAL = ("<p>Foo, the new drama directed by Jane Roe, opens in theaters in the US on "
        "March 6, 2026.</p>")
MOVED = ("<html><head><title>Foo moves</title></head><body><article>"
         "<p>Foo has been pushed back to April 24, 2026 in the US, the studio said on "
         "Tuesday after a scheduling shuffle.</p></article></body></html>")


def _article(body: str, published: str, source: str) -> Article:
    return Article(body=body, source=source, published=published, outlet="Trade Daily")


def _fact(body: str, rel: str, obj: str, q: dict, subject: str = "Foo") -> Fact:
    otype = {"release_date": None, "nominated_for": "award"}.get(rel, "person")
    return Fact(subject, rel, obj, Evidence(0, len(body), body), q, 0.9, "film", otype)


# --- change records -----------------------------------------------------------

def test_changes_from_store(store_url):
    engine = open_engine(store_url)
    b1 = "Foo opens in the US on March 6, 2026."
    a1 = _article(b1, "2026-01-05", "a1")
    store_extracted(engine, a1, Record(a1.doc_dict(), facts=[
        _fact(b1, "release_date", "2026-03-06", {"region": "US", "release_type": "theatrical"})]))
    b2 = "Foo has been pushed back to April 24, 2026 in the US."
    a2 = _article(b2, "2026-01-20", "a2")
    store_extracted(engine, a2, Record(a2.doc_dict(), facts=[
        _fact(b2, "release_date", "2026-04-24", {"region": "US", "release_type": "theatrical"})]))
    # an older article disagreeing with both: a conflict, not a move
    b3 = "Foo will open in the US on May 1, 2026, said a report from December."
    a3 = _article(b3, "2025-12-01", "a3")
    store_extracted(engine, a3, Record(a3.doc_dict(), facts=[
        _fact(b3, "release_date", "2026-05-01", {"region": "US", "release_type": None})]))
    # corroboration and a nomination and a quote
    b4 = "Foo, out in the US on April 24, 2026, was nominated for Gotham Awards best film."
    a4 = _article(b4, "2026-02-01", "a4")
    store_extracted(engine, a4, Record(a4.doc_dict(), facts=[
        _fact(b4, "release_date", "2026-04-24", {"region": "US", "release_type": "theatrical"}),
        _fact(b4, "nominated_for", "Gotham Awards", {"category": "best film"})],
        quotes=[Quote("Jane Roe", "a quote of four words", 0, 10)]))
    with engine.connect() as conn:
        rows = list_changes(conn)
    got = [(r["kind"], r["value"], r["previous"]) for r in rows]
    assert got == [
        ("new_fact", "2026-03-06", None),
        ("date_moved", "2026-04-24", "2026-03-06"),
        ("new_conflict", "2026-05-01", "2026-04-24"),
        ("new_nomination", "Gotham Awards", None),
        ("new_quote", "a quote of four words", None),
    ]
    assert rows[1]["detail"]["qualifiers"]["region"] == "US"
    assert all(r["subject"] == "Foo" for r in rows)
    # the same body again (a re-poll, a second outlet): nothing new
    store_extracted(engine, a4, Record(a4.doc_dict()))
    with engine.connect() as conn:
        assert len(list_changes(conn)) == 5


def test_changes_from_a_new_version_of_an_article(sqlite_db):
    engine = open_engine(sqlite_db)
    url = "https://trade.example/foo"
    b1 = "Foo opens in the US on March 6, 2026. Jane Roe directs."
    a1 = Article(b1, url, published="2026-01-05", url=url)
    store_extracted(engine, a1, Record(a1.doc_dict(), facts=[
        _fact(b1, "release_date", "2026-03-06", {"region": "US"}),
        _fact(b1, "director", "Jane Roe", {})]))
    b2 = "Foo opens in the US on May 8, 2026. Jane Roe directs. (Updated.)"
    a2 = Article(b2, url, published="2026-01-06", url=url)  # same URL, new body
    store_extracted(engine, a2, Record(a2.doc_dict(), facts=[
        _fact(b2, "release_date", "2026-05-08", {"region": "US"}),
        _fact(b2, "director", "Jane Roe", {})]))
    with engine.connect() as conn:
        rows = list_changes(conn, doc_ids=[a2.id])
    assert [(r["kind"], r["previous"], r["value"]) for r in rows] == [
        ("date_moved", "2026-03-06", "2026-05-08")]


# --- feeds --------------------------------------------------------------------

def test_feed_content_and_links_fetched_politely(tmp_path):
    with FeedServer() as srv:
        srv.routes["/robots.txt"] = Route("User-agent: *\nDisallow: /private/\n",
                                          ctype="text/plain")
        srv.routes["/b.html"] = Route(MOVED, ctype="text/html")
        srv.routes["/c.html"] = Route(MOVED.replace("April 24", "May 8"), ctype="text/html")
        srv.routes["/private/d.html"] = Route(MOVED, ctype="text/html")
        feed = rss([
            {"guid": "a", "title": "Foo dated", "content": FIRST,
             "pubDate": "Mon, 05 Jan 2026 10:00:00 GMT"},
            {"guid": "b", "title": "Foo moves", "link": srv.url("/b.html"),
             "pubDate": "Tue, 20 Jan 2026 10:00:00 GMT"},
            {"guid": "c", "title": "Foo again", "link": srv.url("/c.html")},
            {"guid": "d", "title": "Private", "link": srv.url("/private/d.html")},
        ])
        items = list(parse_feed_bytes(feed.encode(), "feed.rss", allow_private=True,
                                      delay=0.3))
        arts = [i for i in items if isinstance(i, Article)]
        fails = [i for i in items if isinstance(i, ReadFailure)]
        assert [a.title for a in arts] == ["Foo dated", "Foo moves", "Foo again"]
        assert arts[0].body.startswith("Foo opens in the US on March 6, 2026.")
        assert arts[0].published == "2026-01-05" and arts[0].outlet == "Trade Daily"
        assert "pushed back to April 24, 2026" in arts[1].body
        assert arts[1].url == srv.url("/b.html") and arts[1].published == "2026-01-20"
        assert len(fails) == 1 and "robots.txt disallows" in fails[0].reason
        assert srv.hits("/private/d.html") == 0 and srv.hits("/robots.txt") == 1
        times = [t for m, p, _h, t in srv.requests if p in ("/b.html", "/c.html")]
        assert times[1] - times[0] >= 0.2  # one request per host per delay (0.3 s)
        # private hosts are refused unless allowed
        items = list(parse_feed_bytes(feed.encode(), "feed.rss", delay=0))
        assert sum(isinstance(i, ReadFailure) and "private" in i.reason for i in items) == 3


@pytest.mark.parametrize("data,reason", [
    (b"<rss><channel><item><title>oops</item></rss", "malformed feed"),
    (b"", "empty feed"),
    (b"just some words, not a feed", "not an RSS or Atom feed"),
])
def test_bad_feed_is_one_failure(data, reason):
    items = list(parse_feed_bytes(data, "bad.xml"))
    assert len(items) == 1 and isinstance(items[0], ReadFailure)
    assert reason in items[0].reason


def test_atom_content():
    atom = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Trade</title><id>urn:t</id>
<updated>2026-01-05T10:00:00Z</updated>
<entry><title>Foo dated</title><id>urn:e1</id><updated>2026-01-05T10:00:00Z</updated>
<content type="html">&lt;p&gt;Foo opens in the US on March 6, 2026.&lt;/p&gt;</content></entry>
</feed>"""
    (art,) = list(parse_feed_bytes(atom.encode(), "a.atom"))
    assert art.body == "Foo opens in the US on March 6, 2026."
    assert art.outlet == "Atom Trade" and art.published == "2026-01-05"


def test_ingest_feed_url_fetches_links(sqlite_db):
    with FeedServer() as srv:
        srv.routes["/b.html"] = Route(MOVED, ctype="text/html")
        srv.routes["/feed.xml"] = Route(rss([{"guid": "b", "title": "Foo moves",
                                              "link": srv.url("/b.html")}]))
        p = subprocess.run(_newsreel("ingest", srv.url("/feed.xml"), "--allow-private",
                                     "--db", sqlite_db, "--format", "json"),
                           capture_output=True, text=True, timeout=120)
        assert p.returncode == 0, p.stderr
        assert json.loads(p.stdout)["new"] == 1 and srv.hits("/b.html") == 1
        p = subprocess.run(_newsreel("ingest", srv.url("/feed.xml"), "--db", sqlite_db),
                           capture_output=True, text=True, timeout=120)
        assert p.returncode == 1 and "private" in p.stderr  # refused without the flag


def test_parse_duration():
    assert parse_duration("15m") == 900 and parse_duration("30s") == 30
    assert parse_duration("1h") == 3600 and parse_duration("250ms") == 0.25
    with pytest.raises(ValueError):
        parse_duration("soon")


# --- the watcher ----------------------------------------------------------------

def test_watch_changes_exactly_once(store_url):
    engine = open_engine(store_url)
    lines: list[str] = []
    seen: list[dict] = []
    with FeedServer() as srv:
        item_a = {"guid": "a", "title": "Foo dated", "content": FIRST,
                  "pubDate": "Mon, 05 Jan 2026 10:00:00 GMT"}
        srv.routes["/feed.xml"] = Route(rss([item_a]), etag='"v1"')
        w = Watcher(engine, [srv.url("/feed.xml")], RuleExtractor(), every=0.05,
                    webhook=srv.url("/hook"), allow_private=True, timeout=2, delay=0,
                    log=lines.append, on_change=seen.append)
        # poll 1: a new item with a release date and a quote
        (r,) = w.poll_round(force=True)
        assert r.status == "new" and r.articles == 1
        assert sorted((c["kind"], c["value"]) for c in r.changes) == [
            ("new_fact", "2026-03-06"), ("new_quote", "We cannot wait for audiences to see it")]
        # poll 2: unchanged feed -> conditional GET answers 304, nothing new
        (r,) = w.poll_round(force=True)
        assert r.status == "unchanged" and r.changes == []
        assert srv.requests[-1][2].get("If-None-Match") == '"v1"'
        # poll 3: a new item whose linked article moves the date
        srv.routes["/b.html"] = Route(MOVED, ctype="text/html")
        item_b = {"guid": "b", "title": "Foo moves", "link": srv.url("/b.html"),
                  "pubDate": "Tue, 20 Jan 2026 10:00:00 GMT"}
        srv.routes["/feed.xml"] = Route(rss([item_b, item_a]), etag='"v2"')
        (r,) = w.poll_round(force=True)
        assert [(c["kind"], c["previous"], c["value"]) for c in r.changes] == [
            ("date_moved", "2026-03-06", "2026-04-24")]
        # poll 4: same items under a new ETag: no refetch of the link, no change
        srv.routes["/feed.xml"] = Route(rss([item_b, item_a]), etag='"v3"')
        (r,) = w.poll_round(force=True)
        assert r.changes == [] and srv.hits("/b.html") == 1
        w.close()
        kinds = [c["kind"] for c in srv.posted]
        assert sorted(kinds) == ["date_moved", "new_fact", "new_quote"]
        assert len(srv.posted) == 3 and {c["subject"] for c in srv.posted} == {"Foo"}
    assert [c["id"] for c in seen] == sorted({c["id"] for c in seen})  # none twice
    with engine.connect() as conn:
        assert len(list_changes(conn)) == 3
    assert all("failure" not in line for line in lines)


def test_watch_survives_bad_feeds(sqlite_db):
    engine = open_engine(sqlite_db)
    lines: list[str] = []
    with FeedServer() as srv:
        srv.routes["/good.xml"] = Route(rss([{"guid": "a", "title": "Foo", "content": FIRST}]))
        srv.routes["/down.xml"] = Route("oops", status=500, ctype="text/plain")
        srv.routes["/broken.xml"] = Route("<rss><channel><item><title>x</item></rss>")
        srv.routes["/slow.xml"] = Route(rss([]), delay=10)
        feeds = [srv.url(p) for p in ("/down.xml", "/broken.xml", "/slow.xml", "/good.xml")]
        clock = [1000.0]
        w = Watcher(engine, feeds, RuleExtractor(), every=60, allow_private=True,
                    timeout=0.5, delay=0, log=lines.append, clock=lambda: clock[0])
        results = {r.feed: r for r in w.poll_round(force=True)}
        assert results[srv.url("/good.xml")].articles == 1
        assert len(results[srv.url("/good.xml")].changes) == 2
        assert [results[f].status for f in feeds[:3]] == ["failed"] * 3
        bad = [line for line in lines if "failure" in line]
        assert len(bad) == 3  # one line per bad feed, none for the good one
        assert "down.xml: HTTP 500" in bad[0] and "broken.xml: malformed feed" in bad[1]
        assert "slow.xml: timed out" in bad[2]
        assert all(line.count("\n") == 0 for line in lines)
        assert not any("good.xml" in line for line in bad)
        # next round: the bad ones back off (twice the interval) while the good goes on
        srv.routes["/good.xml"] = Route(rss([
            {"guid": "b", "title": "Foo later", "content": "<p>Foo opens in the US on "
             "March 20, 2026.</p>", "pubDate": "Tue, 20 Jan 2026 10:00:00 GMT"},
            {"guid": "a", "title": "Foo", "content": FIRST}]))
        clock[0] += 61  # the good feed is due again; the failed ones wait 120 s
        results = w.poll_round()
        assert [r.feed for r in results] == [srv.url("/good.xml")]
        assert [c["kind"] for c in results[0].changes] == ["date_moved"]
        clock[0] += 60
        assert len(w.poll_round()) == 4  # now everyone is tried again
        assert sum("failure 2" in line for line in lines) == 3
        w.close()
    with engine.connect() as conn:
        state = {r.url: r for r in conn.execute(
            text("select url, failures, last_status from feed_state"))}
    assert state[srv.url("/down.xml")].failures == 2
    assert state[srv.url("/down.xml")].last_status == "HTTP 500"
    assert state[srv.url("/good.xml")].failures == 0


def test_webhook_down_keeps_changes_across_restarts(sqlite_db):
    engine = open_engine(sqlite_db)
    lines: list[str] = []
    with FeedServer() as srv:
        # history before the webhook exists is not replayed to it
        srv.routes["/old.xml"] = Route(rss([{"guid": "o", "title": "Bar", "content":
                                             "<p>Foo opens in the US on May 1, 2026.</p>"}]))
        Watcher(engine, [srv.url("/old.xml")], RuleExtractor(), delay=0,
                allow_private=True, log=lines.append).poll_round(force=True)
        srv.routes["/feed.xml"] = Route(rss([{"guid": "a", "title": "Foo", "content": FIRST}]))
        feeds = [srv.url("/feed.xml"), srv.url("/old.xml")]

        def watcher() -> Watcher:
            return Watcher(engine, feeds, RuleExtractor(), every=0.05, webhook=srv.url("/hook"),
                           allow_private=True, delay=0, log=lines.append)
        srv.post_status = 503
        w = watcher()
        w.poll_round(force=True)
        w.close()  # the watcher stops (or dies) with the changes unsent
        assert any("webhook" in line and "HTTP 503" in line for line in lines)
        failed_posts = len(srv.posted)
        srv.post_status = 200
        w = watcher()  # a new run: nothing new in the feeds, the due changes go out
        w.poll_round(force=True)
        w.close()
        delivered = srv.posted[failed_posts:]  # the refused one again, then the rest
        assert sorted(c["kind"] for c in delivered) == ["new_conflict", "new_quote"]  # no dates
        assert {c["subject"] for c in delivered} == {"Foo"}
        w = watcher()  # and never twice
        w.poll_round(force=True)
        w.close()
        assert len(srv.posted) == failed_posts + 2


# --- the command line, real extractor ----------------------------------------------

def _newsreel(*args: str) -> list[str]:
    return [sys.executable, "-m", "newsreel", *args]


def test_watch_cli_once_real_extractor(sqlite_db):
    with FeedServer() as srv:
        srv.routes["/feed.xml"] = Route(rss([{"guid": "a", "title": "Foo dated",
                                              "content": REAL}]), etag='"1"')
        srv.routes["/down.xml"] = Route("no", status=500)
        srv.routes["/slow.xml"] = Route(rss([]), delay=10)
        proc = subprocess.run(_newsreel(
            "watch", srv.url("/feed.xml"), srv.url("/down.xml"), srv.url("/slow.xml"),
            "--once", "--allow-private", "--db", sqlite_db, "--timeout", "1",
            "--webhook", srv.url("/hook"), "--format", "jsonl"),
            capture_output=True, text=True, timeout=120)
        assert proc.returncode == 1, proc.stderr  # two feeds failed, the good one went on
        err_lines = [ln for ln in proc.stderr.splitlines() if "down.xml" in ln]
        assert len(err_lines) == 1 and "HTTP 500" in err_lines[0]
        assert sum("slow.xml" in ln for ln in proc.stderr.splitlines()) == 1
        assert "Traceback" not in proc.stderr
        out = [json.loads(ln) for ln in proc.stdout.splitlines()]
        assert out and len(srv.posted) == len(out)
        assert {c["id"] for c in out} == {c["id"] for c in srv.posted}
    got = subprocess.run(_newsreel("changes", "--db", sqlite_db, "--film", "Foo",
                                   "--format", "json"), capture_output=True, text=True)
    assert got.returncode == 0 and len(json.loads(got.stdout)) == len(out)
    bad = subprocess.run(_newsreel("changes", "--db", sqlite_db, "--since", "yesterday"),
                         capture_output=True, text=True)
    assert bad.returncode == 2 and bad.stderr.count("\n") == 1


def test_watch_ctrl_c_exits_130(sqlite_db):
    with FeedServer() as srv:
        srv.routes["/feed.xml"] = Route(rss([{"guid": "a", "title": "Foo", "content": FIRST}]))
        proc = subprocess.Popen(_newsreel("watch", srv.url("/feed.xml"), "--every", "1s",
                                          "--allow-private", "--db", sqlite_db),
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                env={**os.environ, "PYTHONUNBUFFERED": "1"})
        lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=lambda: [lines.put(x) for x in proc.stderr], daemon=True).start()
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            try:
                if "new article" in lines.get(timeout=1):
                    break
            except queue.Empty:
                continue
        time.sleep(0.3)
        proc.send_signal(signal.SIGINT)
        rc = proc.wait(timeout=30)
        rest = []
        while not lines.empty():
            rest.append(lines.get())
        assert rc == 130
        assert any("interrupted" in ln and "poll" in ln for ln in rest)
        assert not any("Traceback" in ln for ln in rest)
