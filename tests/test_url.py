"""URL fetching against a real HTTP server on 127.0.0.1: schemes, private
addresses, redirect limits (each hop re-checked), size and time caps."""

from __future__ import annotations

import gzip
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from newsreel.sources import ReadFailure, read_inputs
from newsreel.sources import url as url_mod
from newsreel.sources.base import SourceError
from newsreel.sources.url import check_url, fetch

PAGE = ("<html><head><title>Harbour Lights dated</title></head><body><article>"
        "<h1>Harbour Lights dated</h1><p>Harbour Lights, directed by Mara Carter, opens in "
        "the US on May 1, 2026, the studio said. " + "More detail follows here. " * 20 +
        "</p></article></body></html>").encode()


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *_args) -> None:  # keep test output clean
        pass

    def _send(self, code: int, body: bytes, ctype: str = "text/html",
              length: bool = True, extra: dict[str, str] | None = None) -> None:
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        if length:
            self.send_header("Content-Length", str(len(body)))
        for k, v in (extra or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:  # noqa: N802 - http.server API
        path = self.path
        if path == "/page":
            self._send(200, PAGE)
        elif path == "/plain":
            self._send(200, b"Plain Title\n\nMara Carter will direct Harbour Lights.\n",
                       "text/plain; charset=utf-8")
        elif path.startswith("/hop/"):  # /hop/N redirects N more times, then the page
            n = int(path.rsplit("/", 1)[1])
            target = "/page" if n == 0 else f"/hop/{n - 1}"
            self._send(302, b"", extra={"Location": target})
        elif path == "/to-file":
            self._send(302, b"", extra={"Location": "file:///etc/passwd"})
        elif path == "/to-other-host":
            port = self.server.server_address[1]
            self._send(302, b"", extra={"Location": f"http://127.0.0.2:{port}/page"})
        elif path == "/big":
            self._send(200, b"x" * 50_000, "text/plain")
        elif path == "/big-chunked":  # no Content-Length: the cap applies while streaming
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.end_headers()
            for _ in range(50):
                self.wfile.write(b"y" * 1000)
        elif path == "/gzip-bomb":
            body = gzip.compress(b"z" * 5_000_000)
            self._send(200, body, "text/plain", extra={"Content-Encoding": "gzip"})
        elif path == "/drip":
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.end_headers()
            try:
                for _ in range(40):
                    self.wfile.write(b"d")
                    self.wfile.flush()
                    time.sleep(0.2)
            except OSError:
                pass
        elif path == "/missing":
            self._send(404, b"not here", "text/plain")
        else:
            self._send(500, b"?", "text/plain")


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_fetch_page(server):
    resp = fetch(server + "/page", allow_private=True)
    assert resp.status_code == 200 and resp.content == PAGE


def test_loopback_refused_without_allow_private(server):
    with pytest.raises(SourceError, match="refusing private address 127.0.0.1"):
        fetch(server + "/page")


@pytest.mark.parametrize("host", ["10.1.2.3", "192.168.0.1", "169.254.169.254", "[::1]",
                                  "[::ffff:127.0.0.1]", "0.0.0.0", "100.64.0.1", "[fe80::1]",
                                  "localhost"])
def test_private_addresses_refused(host):
    with pytest.raises(SourceError, match="refusing private address"):
        check_url(f"http://{host}/x")


@pytest.mark.parametrize("url", ["ftp://example.org/a", "file:///etc/passwd",
                                 "gopher://example.org/", "javascript://alert(1)"])
def test_other_schemes_refused(url):
    with pytest.raises(SourceError, match="refusing URL scheme"):
        check_url(url, allow_private=True)


@pytest.mark.parametrize("url", ["http://127.0.0.1:99999/", "http://[::1/", "http:///nohost"])
def test_malformed_urls_refused(url):
    with pytest.raises(SourceError):
        fetch(url, allow_private=True)


def test_five_redirects_followed_six_refused(server):
    assert fetch(server + "/hop/4", allow_private=True).content == PAGE  # 5 redirects
    with pytest.raises(SourceError, match="more than 5 redirects"):
        fetch(server + "/hop/5", allow_private=True)  # 6 redirects


def test_redirect_hops_are_checked_again(server, monkeypatch):
    with pytest.raises(SourceError, match="refusing URL scheme 'file'"):
        fetch(server + "/to-file", allow_private=True)
    # pretend 127.0.0.1 is public and 127.0.0.2 private: the second hop is refused
    monkeypatch.setattr(url_mod, "_blocked", lambda addr: str(addr) == "127.0.0.2")
    assert fetch(server + "/page").status_code == 200
    with pytest.raises(SourceError, match="refusing private address 127.0.0.2"):
        fetch(server + "/to-other-host")


@pytest.mark.parametrize("path", ["/big", "/big-chunked", "/gzip-bomb"])
def test_size_cap(server, path):
    with pytest.raises(SourceError, match="larger than 10,000 bytes"):
        fetch(server + path, allow_private=True, max_bytes=10_000)


def test_total_time_cap(server):
    started = time.monotonic()
    with pytest.raises(SourceError, match="timed out"):
        fetch(server + "/drip", allow_private=True, timeout=1.0)
    assert time.monotonic() - started < 4  # 40 drips would take 8 s


def test_closed_port_is_a_clear_failure():
    import socket

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(SourceError, match="connection refused"):
        fetch(f"http://127.0.0.1:{port}/", allow_private=True, timeout=3)


def test_read_inputs_mixes_urls_and_failures(server):
    items = list(read_inputs([server + "/page", server + "/missing", server + "/plain",
                              "ftp://example.org/x", server + "/hop/9"], allow_private=True))
    assert len(items) == 5
    ok = [i for i in items if not isinstance(i, ReadFailure)]
    bad = {i.source: i.reason for i in items if isinstance(i, ReadFailure)}
    assert [a.url for a in ok if a.url] and "Mara Carter" in ok[0].body
    assert ok[1].title == "Plain Title"
    assert bad[server + "/missing"].startswith("HTTP 404")
    assert "scheme" in bad["ftp://example.org/x"]
    assert "redirects" in bad[server + "/hop/9"]
