"""The JSON API and HTML pages over HTTP: httpx against the real app served by
uvicorn on 127.0.0.1, on a real SQLite store made by ingesting examples/ with
the real extractor (plus known records and a hostile article)."""

from __future__ import annotations

import html
import os
import re
import socket
import subprocess
import sys
import time
from urllib.parse import quote

import httpx
import pytest

from newsreel.store import open_engine
from newsreel.web import create_app
from web_support import (
    HOSTILE_FILM,
    LANTERN_A,
    build_store,
    serving,
)

TOKEN = "s3cret-token-for-tests"


@pytest.fixture(scope="module")
def store(tmp_path_factory, extractor):
    return build_store(tmp_path_factory.mktemp("web") / "web.db", extractor)


@pytest.fixture(scope="module")
def client(store):
    app = create_app(store.url, token="")
    with serving(app) as base, httpx.Client(base_url=base, timeout=30) as c:
        yield c


@pytest.fixture(scope="module")
def writer(store, extractor):
    app = create_app(store.url, token=TOKEN, writes_per_minute=4, max_body=20_000,
                     extractor=extractor)
    with serving(app) as base, httpx.Client(base_url=base, timeout=60) as c:
        yield c


def lantern_id(client) -> int:
    hits = client.get("/api/search", params={"q": "Lanternfish", "type": "film"}).json()
    return hits["entities"][0]["id"]


def test_lists_have_paging_and_caps(client):
    r = client.get("/api/works")
    assert r.status_code == 200
    data = r.json()
    assert data["total"] >= 5 and data["limit"] == 50 and data["offset"] == 0
    names = [x["name"] for x in data["items"]]
    assert "Lanternfish" in names
    one = client.get("/api/works", params={"limit": 1, "offset": 1}).json()
    assert len(one["items"]) == 1 and one["items"][0]["name"] == names[1]
    assert client.get("/api/works", params={"limit": 100000}).json()["limit"] == 200
    for bad in ({"limit": 0}, {"offset": -1}, {"limit": "many"}):
        r = client.get("/api/works", params=bad)
        assert r.status_code == 422
        assert r.json()["error"]["status"] == 422
    for path in ("/api/people", "/api/organizations", "/api/characters", "/api/outlets",
                 "/api/documents", "/api/facts", "/api/conflicts", "/api/quotes",
                 "/api/stories", "/api/series", "/api/films", "/api/festivals", "/api/awards"):
        r = client.get(path, params={"limit": 2})
        assert r.status_code == 200, path
        assert len(r.json()["items"]) <= 2, path


def test_examples_were_extracted_for_real(client, store):
    assert store.examples["new"] >= 5
    docs = client.get("/api/documents", params={"limit": 200}).json()["items"]
    assert len(docs) == store.examples["new"] + 4
    extracted = [d for d in docs if d["facts"] and "examples" in d["source"]]
    assert extracted, "the real extractor found no fact in examples/"
    doc = client.get(f"/api/documents/{extracted[0]['id']}").json()
    for ev in doc["evidence"]:
        assert doc["body"][ev["start"]:ev["end"]] == ev["text"]
    for m in doc["mentions"]:
        assert 0 <= m["start"] < m["end"] <= len(doc["body"])


def test_dossier_by_id_and_by_title(client):
    fid = lantern_id(client)
    d = client.get(f"/api/works/{fid}").json()
    assert d["entity"]["name"] == "Lanternfish"
    facts = d["facts"]
    assert [f["object"] for f in facts["director"]] == ["Ada Quell"]
    assert facts["cast_member"][0]["qualifiers"]["character"] == "Nell Arden"
    assert {f["object"] for f in facts["release_date"]} == {"2026-04-10", "2026-05-01"}
    assert [f["object"] for f in d["superseded"]] == ["2026-03-06"]
    ev = facts["director"][0]["evidence"][0]
    assert ev["text"] == LANTERN_A.split("\n\n")[0]
    assert ev["url"] == f"/doc/{ev['doc_id']}?ev={ev['id']}#ev-{ev['id']}"
    (conflict,) = d["conflicts"]
    assert conflict["relation"] == "release_date"
    status = {v["value"]: v["status"] for v in conflict["values"]}
    assert status == {"2026-03-06": "superseded", "2026-04-10": "disputed",
                      "2026-05-01": "disputed"}
    bullets = d["big_picture"]  # the Big Picture comes with the dossier, each on its facts
    assert 1 <= len(bullets) <= 3 and all(b["fact_ids"] for b in bullets)
    assert any("Ada Quell" in b["text"] for b in bullets)
    page = client.get(f"/film/{fid}").text
    assert "The Big Picture" in page and page.index("The Big Picture") < page.index("Cast")
    by_title = client.get("/api/dossier", params={"title": "lanternfish"}).json()
    assert by_title["entity"]["id"] == fid
    assert any("lamplight" in q["text"] for q in by_title["press_quotes"])


def test_not_found_is_json_with_suggestions(client):
    r = client.get("/api/dossier", params={"title": "Lanternfsh"})
    assert r.status_code == 404
    err = r.json()["error"]
    assert err["status"] == 404 and "Lanternfish" in err["detail"]["suggestions"]
    for path in ("/api/works/999999", "/api/people/999999", "/api/facts/999999",
                 "/api/entities/999999", "/api/graph/999999", "/api/outlets/Nowhere%20Times",
                 "/api/no-such-endpoint", "/api/documents/" + "ab" * 32):
        r = client.get(path)
        assert r.status_code == 404, path
        assert r.headers["content-type"].startswith("application/json"), path
        assert r.json()["error"]["status"] == 404
    assert client.get("/api/works/not-a-number").status_code == 422
    r = client.get("/api/documents/zz%25zz")
    assert r.status_code == 400 and "hex" in r.json()["error"]["message"]
    r = client.get("/api/facts", params={"relation": "married_to"})
    assert r.status_code == 400
    r = client.get("/api/search", params={"q": "x", "type": "spaceship"})
    assert r.status_code == 400
    assert client.get("/api/search").status_code == 422


def test_person_and_characters(client):
    pid = client.get("/api/search", params={"q": "Bo Tern", "type": "person"}) \
        .json()["entities"][0]["id"]
    p = client.get(f"/api/people/{pid}").json()
    (credit,) = p["credits"]
    assert credit["subject"] == "Lanternfish" and credit["relation"] == "cast_member"
    chars = client.get("/api/characters", params={"limit": 200}).json()["items"]
    assert any(c["character"] == "Nell Arden" and c["actor"] == "Bo Tern" for c in chars)


def test_search_autocomplete_and_fuzzy(client):
    hits = client.get("/api/search", params={"q": "lantern"}).json()
    assert hits["entities"][0]["name"] == "Lanternfish"
    assert any(d["title"] == "Lanternfish sets a March date" for d in hits["documents"])
    fuzzy = client.get("/api/search", params={"q": "Lantrenfish"}).json()
    assert "Lanternfish" in [e["name"] for e in fuzzy["entities"]]
    ac = client.get("/api/autocomplete", params={"q": "lant"}).json()
    assert ac and ac[0]["name"] == "Lanternfish"
    assert client.get("/api/autocomplete", params={"q": ""}).json() == []


@pytest.mark.parametrize("q", ["%", "_", "\\", "' OR '1'='1", "\"; DROP TABLE entities; --",
                               "%' UNION SELECT name FROM sqlite_master --", "a%b_c", "'"])
def test_sql_metacharacters_are_harmless(client, store, q):
    before = client.get("/api/works").json()["total"]
    for path in ("/api/search", "/api/autocomplete"):
        r = client.get(path, params={"q": q})
        assert r.status_code == 200, (path, r.text)
    hits = client.get("/api/search", params={"q": q}).json()
    # wildcards are literal: nothing in the store has these characters in its name
    if q in ("%", "_", "a%b_c"):
        assert hits["entities"] == [] and hits["documents"] == []
    assert client.get("/api/autocomplete", params={"q": "%"}).json() == []
    assert client.get("/search", params={"q": q}).status_code == 200
    assert client.get("/api/works/1%20OR%201=1").status_code == 422
    assert client.get("/api/works").json()["total"] == before
    engine = open_engine(store.url)
    with engine.connect() as conn:
        assert conn.exec_driver_sql("select count(*) from entities").scalar_one() > 0
    engine.dispose()


def test_facts_quotes_conflicts_graph_outlets(client):
    fid = lantern_id(client)
    facts = client.get("/api/facts", params={"subject_id": fid, "relation": "director"}).json()
    assert facts["total"] == 1 and facts["items"][0]["object"] == "Ada Quell"
    one = client.get(f"/api/facts/{facts['items'][0]['id']}").json()
    assert one["evidence"][0]["superseded"] is False
    q = client.get("/api/quotes", params={"speaker": "Ada Quell"}).json()["items"]
    assert q and q[0]["outlet"] == "Film Ledger"
    qf = client.get("/api/quotes", params={"film_id": fid}).json()["items"]
    assert any("lamplight" in x["text"] for x in qf)
    conflicts = client.get("/api/conflicts", params={"subject_id": fid}).json()
    assert conflicts["total"] == 1 and conflicts["items"][0]["status"] == "conflict"
    everywhere = client.get("/api/conflicts", params={"limit": 200}).json()["items"]
    assert any(c["subject"] == "Lanternfish" for c in everywhere)
    g = client.get(f"/api/graph/{fid}").json()
    names = {n["name"] for n in g["nodes"]}
    assert {"Lanternfish", "Ada Quell", "Bo Tern", "Tidewater Pictures"} <= names
    assert all(e["source"] in {n["id"] for n in g["nodes"]} for e in g["edges"])
    stories = client.get("/api/stories").json()
    if stories["available"] and stories["total"]:
        docs = [d["id"] for item in stories["items"] for d in item.get("documents", [])]
        assert docs and set(docs) <= {d["id"] for d in client.get(
            "/api/documents", params={"limit": 200}).json()["items"]}
    outlets = client.get("/api/outlets").json()["items"]
    assert "Film Ledger" in [o["name"] for o in outlets]
    o = client.get("/api/outlets/film%20ledger").json()
    assert o["articles"] == 1 and o["quotes"][0]["speaker"] == "Ada Quell"


def test_html_pages_render(client):
    fid = lantern_id(client)
    for path in ("/", "/list/films", "/list/people", "/characters", "/outlets", "/conflicts",
                 "/documents", f"/film/{fid}", f"/graph/{fid}", "/search?q=lantern",
                 "/outlet/Film%20Ledger", "/stories",
                 "/conflicts?settled=1"):
        r = client.get(path, headers={"Accept": "text/html"})
        assert r.status_code == 200, path
        assert r.headers["content-type"].startswith("text/html")
        assert "Traceback" not in r.text
    ids = {e["name"]: e["id"] for e in client.get("/api/search", params={
        "q": "Tidewater Pictures"}).json()["entities"]}
    pid = client.get("/api/search", params={"q": "Bo Tern"}).json()["entities"][0]["id"]
    fact = client.get("/api/facts", params={"subject_id": fid, "limit": 1}).json()["items"][0]
    for path in (f"/entity/{ids['Tidewater Pictures']}", f"/person/{pid}", f"/fact/{fact['id']}",
                 fact["evidence"][0]["url"].split("#")[0]):
        r = client.get(path)
        assert r.status_code == 200, path
    assert "Lanternfish" in client.get(f"/entity/{ids['Tidewater Pictures']}").text
    assert client.get(f"/entity/{pid}", follow_redirects=False).headers["location"] \
        == f"/person/{pid}"
    assert client.get("/list/bogus").status_code == 404
    assert client.get("/doc/not-hex", headers={"Accept": "text/html"}).status_code == 400
    page = client.get(f"/film/{fid}").text
    assert "<svg class=\"timeline\"" in page and "2026-04-10" in page
    assert page.count('class="point') == 4  # three release dates and the premiere
    assert 'point superseded' in page and 'point conflict' in page
    assert "Nell Arden" in page and "Northlight Awards" in page
    r = client.get("/film/999999", headers={"Accept": "text/html"})
    assert r.status_code == 404 and "text/html" in r.headers["content-type"]
    assert "Traceback" not in r.text


def test_article_text_is_escaped_everywhere(client, store):
    doc = client.get(f"/doc/{store.hostile_doc}").text
    assert "<script>alert" not in doc
    assert html.escape('<script>alert("title")</script>') in doc.replace("&#34;", "&quot;")
    assert 'onmouseover="alert' not in doc and "onmouseover='alert" not in doc
    assert 'href="javascript:' not in doc
    assert "<i>narrator</i>" not in doc
    hits = client.get("/api/search", params={"q": "Quarry Noon"}).json()["entities"]
    film = next(e for e in hits if e["name"] == HOSTILE_FILM)
    for path in (f"/film/{film['id']}", f"/graph/{film['id']}", "/search?q=%3Cscript%3E",
                 "/documents", "/list/films?prefix=quarry", "/outlets",
                 "/outlet/" + quote('Evil "Outlet" <b>', safe=""), "/characters", "/"):
        r = client.get(path)
        assert r.status_code == 200, path
        assert "<script>alert" not in r.text, path
        assert 'onmouseover="alert' not in r.text, path
        assert "<b>" not in r.text and "<i>narrator" not in r.text, path
    page = client.get(f"/film/{film['id']}").text
    assert "&lt;script&gt;" in page
    # JSON keeps the text as it is (escaping is the HTML layer's job)
    d = client.get(f"/api/works/{film['id']}").json()
    assert d["entity"]["name"] == HOSTILE_FILM


def test_server_errors_are_json_without_traceback(tmp_path):
    from newsreel.ingest import store_extracted
    from web_support import lantern_records

    engine = open_engine(str(tmp_path / "broken.db"))
    for art, rec in lantern_records():
        store_extracted(engine, art, rec)
    app = create_app(engine=engine, token="")
    with engine.begin() as conn:
        conn.exec_driver_sql("DROP TABLE evidence")  # the store breaks under the server
    with serving(app) as base, httpx.Client(base_url=base, timeout=30) as c:
        fid = c.get("/api/works").json()["items"][0]["id"]
        r = c.get(f"/api/works/{fid}")
        assert r.status_code == 500
        assert r.json() == {"error": {"status": 500, "message": "internal error"}}
        r = c.get(f"/film/{fid}", headers={"Accept": "text/html"})
        assert r.status_code == 500 and "text/html" in r.headers["content-type"]
        assert "Traceback" not in r.text and "evidence" not in r.text.lower()
    engine.dispose()


def test_security_headers_and_no_cors(client):
    r = client.get("/", headers={"Origin": "https://evil.example"})
    assert "access-control-allow-origin" not in r.headers
    assert "script-src 'self'" in r.headers["content-security-policy"]
    assert r.headers["x-content-type-options"] == "nosniff"
    pre = client.options("/api/works", headers={"Origin": "https://evil.example",
                                                "Access-Control-Request-Method": "GET"})
    assert "access-control-allow-origin" not in pre.headers


def test_openapi_docs_work_offline(client):
    r = client.get("/docs")
    assert r.status_code == 200
    urls = re.findall(r"""(?:src|href)=["']([^"']+)""", r.text)
    urls += re.findall(r"""url: *['"]([^'"]+)""", r.text)
    assert urls and all(u.startswith("/") for u in urls), urls
    for u in urls:
        assert client.get(u).status_code == 200, u
    spec = client.get("/openapi.json").json()
    assert "/api/works/{entity_id}" in spec["paths"] and "/api/search" in spec["paths"]
    assert client.get("/redoc").status_code == 200


def test_ingest_is_off_without_token(client):
    r = client.post("/api/documents", json={"text": "Some film news."},
                    headers={"Authorization": "Bearer anything"})
    assert r.status_code == 403 and "read-only" in r.json()["error"]["message"]
    r = client.put("/api/documents", json={})
    assert r.status_code == 405 and r.json()["error"]["status"] == 405


def test_ingest_with_token(writer):
    text = ("Director Juno Halvard will start shooting Saltglass Road in Oslo next spring, "
            "the producers said on Tuesday. Mira Oduya stars in the film.\n")
    body = {"text": text, "title": "Saltglass Road starts", "outlet": "Nordic Reel",
            "published": "2026-02-01"}
    assert writer.post("/api/documents", json=body).status_code == 401
    r = writer.post("/api/documents", json=body, headers={"Authorization": "Bearer wrong"})
    assert r.status_code == 401 and r.headers["www-authenticate"] == "Bearer"
    auth = {"Authorization": f"Bearer {TOKEN}"}
    r = writer.post("/api/documents", json=body, headers=auth)
    assert r.status_code == 201, r.text
    (doc,) = r.json()["documents"]
    assert doc["status"] == "new"
    stored = writer.get(f"/api/documents/{doc['id']}").json()
    assert stored["body"] == text and stored["title"] == "Saltglass Road starts"
    again = writer.post("/api/documents", json=body, headers=auth)
    assert again.status_code == 200 and again.json()["documents"][0]["status"] == "skipped"
    # bad bodies (the limiter allows 4 writes a minute: two left)
    r = writer.post("/api/documents", content=b"{not json", headers=auth)
    assert r.status_code == 400
    r = writer.post("/api/documents", json={"text": "x", "published": "last tuesday"},
                    headers=auth)
    assert r.status_code == 422
    r = writer.post("/api/documents", json={"text": "x"}, headers=auth)
    assert r.status_code == 429 and int(r.headers["retry-after"]) >= 1


def test_ingest_validation_and_size_cap(store, extractor):
    app = create_app(store.url, token=TOKEN, max_body=1000, extractor=extractor)
    auth = {"Authorization": f"Bearer {TOKEN}"}
    with serving(app) as base, httpx.Client(base_url=base, timeout=30) as c:
        r = c.post("/api/documents", json={"text": "x" * 5000}, headers=auth)
        assert r.status_code == 413
        assert c.post("/api/documents", json={}, headers=auth).status_code == 422
        assert c.post("/api/documents", json={"text": "  "}, headers=auth).status_code == 422
        assert c.post("/api/documents", json={"url": "file:///etc/passwd"},
                      headers=auth).status_code == 422
        r = c.post("/api/documents", json={"text": "a", "evil": 1}, headers=auth)
        assert r.status_code == 422
        r = c.post("/api/documents", json={"url": "http://127.0.0.1:9/x"}, headers=auth)
        assert r.status_code == 400 and "private" in r.json()["error"]["message"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _listening_on(port: int) -> list[str]:
    """Local addresses with a listening TCP socket on `port` (from /proc/net/tcp)."""
    out = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = open(table).read().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            fields = line.split()
            addr, hexport = fields[1].split(":")
            if int(hexport, 16) == port and fields[3] == "0A":
                if len(addr) == 8:
                    out.append(socket.inet_ntoa(bytes.fromhex(addr)[::-1]))
                else:
                    out.append("ipv6:" + addr)
    return out


def test_serve_command_binds_loopback(store):
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k != "NEWSREEL_TOKEN"}
    proc = subprocess.Popen([sys.executable, "-m", "newsreel", "serve", "--db", str(store.path),
                             "--port", str(port)], stderr=subprocess.PIPE, text=True, env=env)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                r = httpx.get(f"http://127.0.0.1:{port}/api", timeout=2)
                break
            except httpx.TransportError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise AssertionError(proc.stderr.read() if proc.stderr else "") from None
                time.sleep(0.2)
        assert r.status_code == 200 and r.json()["store"]["documents"] > 10
        assert _listening_on(port) == ["127.0.0.1"]
    finally:
        proc.terminate()
        _, stderr = proc.communicate(timeout=20)
    assert f"http://127.0.0.1:{port}/" in stderr and "read-only" in stderr


@pytest.mark.pg
def test_same_api_on_postgresql(pg_url, extractor):
    store = build_store(pg_url, extractor)
    app = create_app(store.url, token="")
    with serving(app) as base, httpx.Client(base_url=base, timeout=30) as c:
        fid = lantern_id(c)
        d = c.get(f"/api/works/{fid}").json()
        assert {f["object"] for f in d["facts"]["release_date"]} == {"2026-04-10", "2026-05-01"}
        assert len(d["conflicts"]) == 1
        for q in ("%", "' OR '1'='1", "a%b_c", "\\"):
            r = c.get("/api/search", params={"q": q})
            assert r.status_code == 200 and (q == "\\" or r.json()["entities"] == [])
        assert c.get("/api/search", params={"q": "LANTERN"}).json()["entities"][0]["name"] \
            == "Lanternfish"
        assert c.get("/api/search", params={"q": "Lantrenfish"}).json()["entities"]
        assert c.get("/api/autocomplete", params={"q": "lant"}).json()[0]["name"] == "Lanternfish"
        chars = c.get("/api/characters").json()["items"]
        assert any(x["character"] == "Nell Arden" for x in chars)
        assert c.get("/api/conflicts").json()["total"] >= 1
        assert c.get("/api/outlets/Film%20Ledger").json()["articles"] == 1
        assert c.get("/api/stories").status_code == 200
        assert len(c.get(f"/api/graph/{fid}").json()["nodes"]) >= 5
        for path in (f"/film/{fid}", f"/graph/{fid}", "/search?q=lantern", "/characters",
                     "/outlets", "/conflicts", "/stories", "/documents", "/",
                     f"/doc/{store.lantern_docs[0]}", "/list/people"):
            r = c.get(path)
            assert r.status_code == 200, path
        assert c.get(f"/api/documents/{store.lantern_docs[0][:10]}").json()["id"] \
            == store.lantern_docs[0]


def test_serve_command_errors_are_one_line(tmp_path, store):
    env = {k: v for k, v in os.environ.items() if k != "NEWSREEL_TOKEN"}

    def serve(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "newsreel", "serve", *args],
                              capture_output=True, text=True, env=env, timeout=60)

    missing = serve("--db", str(tmp_path / "nope.db"), "--port", str(_free_port()))
    assert missing.returncode == 1 and "no store at" in missing.stderr
    assert not (tmp_path / "nope.db").exists()
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        r = serve("--db", str(store.path), "--port", str(busy.getsockname()[1]))
    assert r.returncode == 1 and "cannot listen" in r.stderr
    assert r.stderr.count("\n") == 1 and "Traceback" not in r.stderr
    bad = serve("--db", str(store.path), "--port", "70000")
    assert bad.returncode == 2
