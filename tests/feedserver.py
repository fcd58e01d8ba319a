"""A real HTTP server on 127.0.0.1 for feed and webhook tests.

Routes are mutable between requests: path -> Route(status, body, headers,
delay, etag). GET honours If-None-Match against the route's ETag (304);
POSTs are recorded as JSON in `posted`; every request is logged in
`requests` as (method, path, headers, monotonic time)."""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Route:
    body: bytes | str = b""
    status: int = 200
    ctype: str = "application/rss+xml"
    delay: float = 0.0
    etag: str | None = None
    headers: dict[str, str] = field(default_factory=dict)


class FeedServer:
    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[tuple[str, str, dict[str, str], float]] = []
        self.posted: list[dict] = []
        self.post_status = 200
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:  # keep test output clean
                pass

            def _record(self) -> None:
                server.requests.append((self.command, self.path, dict(self.headers),
                                        time.monotonic()))

            def do_GET(self) -> None:  # noqa: N802 - http.server API
                self._record()
                route = server.routes.get(self.path)
                if route is None:
                    self.send_response(404)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                if route.delay:
                    time.sleep(route.delay)
                if route.etag and self.headers.get("If-None-Match") == route.etag:
                    self.send_response(304)
                    self.send_header("ETag", route.etag)
                    self.end_headers()
                    return
                body = route.body.encode() if isinstance(route.body, str) else route.body
                try:
                    self.send_response(route.status)
                    self.send_header("Content-Type", route.ctype)
                    self.send_header("Content-Length", str(len(body)))
                    if route.etag:
                        self.send_header("ETag", route.etag)
                    for k, v in route.headers.items():
                        self.send_header(k, v)
                    self.end_headers()
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            def do_POST(self) -> None:  # noqa: N802
                self._record()
                length = int(self.headers.get("Content-Length") or 0)
                data = self.rfile.read(length)
                server.posted.append(json.loads(data))
                self.send_response(server.post_status)
                self.send_header("Content-Length", "0")
                self.end_headers()

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def base(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}"

    def url(self, path: str) -> str:
        return self.base + path

    def hits(self, path: str, method: str = "GET") -> int:
        return sum(1 for m, p, _h, _t in self.requests if p == path and m == method)

    def __enter__(self) -> FeedServer:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def rss(items: list[dict], title: str = "Trade Daily") -> str:
    """An RSS 2.0 feed; an item dict has guid, title, pubDate, and content
    (content:encoded) or link."""
    parts = ['<?xml version="1.0" encoding="utf-8"?>',
             '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">',
             f"<channel><title>{title}</title><link>http://127.0.0.1/</link>"
             "<description>test feed</description>"]
    for it in items:
        parts.append("<item>")
        parts.append(f"<title>{it['title']}</title><guid isPermaLink=\"false\">{it['guid']}"
                     "</guid>")
        if it.get("pubDate"):
            parts.append(f"<pubDate>{it['pubDate']}</pubDate>")
        if it.get("link"):
            parts.append(f"<link>{it['link']}</link>")
        if it.get("content"):
            parts.append(f"<content:encoded><![CDATA[{it['content']}]]></content:encoded>")
        parts.append("</item>")
    parts.append("</channel></rss>")
    return "\n".join(parts)
