"""RSS and Atom feeds (feedparser) into Articles.

Each item becomes one article: its full content when the feed carries it
(`content:encoded`, Atom `content`), else the page at its link, fetched with
`sources.url.fetch` (timeouts, size cap, redirects checked, private hosts
refused unless allowed), one request per host per `delay` seconds, and only
where the host's robots.txt allows it (urllib.robotparser, re-read daily; a robots.txt
that is missing allows everything, one that cannot be read blocks the host,
as RFC 9309 asks). An item with neither content nor link falls back to
its summary. Items the caller has already seen (`seen(item_key)`) are
skipped before anything is fetched.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from datetime import date
from html import unescape
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser
from xml.sax import SAXException

import feedparser

from newsreel.model import Article
from newsreel.sources.base import DEFAULT_MAX_BYTES, ReadFailure, SourceError, bytes_to_text
from newsreel.sources.html import parse_html
from newsreel.sources.text import parse_text

ROBOTS_AGENT = "newsreel"
DEFAULT_DELAY = 1.0
BLOCKS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr",
          "section", "article", "ul", "ol", "table", "pre", "figure", "figcaption"}
SKIP_TAGS = {"script", "style", "noscript", "template"}


class _TextOfHtml(HTMLParser):
    """An HTML fragment (feed content) as plain text, one paragraph per block."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in SKIP_TAGS:
            self.skip += 1
        elif tag in BLOCKS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in SKIP_TAGS and self.skip:
            self.skip -= 1
        elif tag in BLOCKS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.parts.append(data)


def html_fragment_text(html: str) -> str:
    parser = _TextOfHtml()
    parser.feed(html)
    parser.close()
    paragraphs = [" ".join(p.split()) for p in "".join(parser.parts).split("\n\n")]
    return "\n\n".join(p for p in paragraphs if p)


class HostGate:
    """At most one request per host every `delay` seconds (thread-safe)."""

    def __init__(self) -> None:
        self._last: dict[str, float] = {}
        self._lock = threading.Lock()

    def wait(self, url: str, delay: float) -> None:
        host = (urlsplit(url).hostname or "").lower()
        with self._lock:
            last = self._last.get(host)
            now = time.monotonic()
            pause = 0.0 if last is None else max(0.0, last + delay - now)
            self._last[host] = now + pause
        if pause:
            time.sleep(pause)


class RobotsCache:
    """robots.txt per origin under the same fetch rules, kept for `ttl` seconds
    (a day: RFC 9309 asks for no more)."""

    def __init__(self, ttl: float = 86400.0) -> None:
        self.ttl = ttl
        self._rules: dict[str, tuple[float, RobotFileParser | bool]] = {}

    def allowed(self, url: str, fetcher: Callable[..., Any], **fetch_args: Any) -> bool:
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        cached = self._rules.get(origin)
        if cached is None or time.monotonic() - cached[0] > self.ttl:
            cached = (time.monotonic(), self._load(origin, fetcher, **fetch_args))
            self._rules[origin] = cached
        rules = cached[1]
        if isinstance(rules, bool):
            return rules
        return rules.can_fetch(ROBOTS_AGENT, url)

    @staticmethod
    def _load(origin: str, fetcher: Callable[..., Any], **fetch_args: Any,
              ) -> RobotFileParser | bool:
        try:
            resp = fetcher(origin + "/robots.txt", **fetch_args)
        except SourceError:
            return False  # unreachable: RFC 9309 says assume disallowed
        if resp.status_code in (401, 403):
            return False
        if resp.status_code >= 500:
            return False
        if resp.status_code >= 400:
            return True  # no robots.txt: everything allowed
        rp = RobotFileParser()
        rp.parse(resp.text.splitlines())
        return rp


GATE = HostGate()
ROBOTS = RobotsCache()


def parse_feed(data: bytes) -> Any:
    """feedparser's result; SourceError when the bytes are no readable feed."""
    if not data.strip():
        raise SourceError("empty feed")
    if not data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
        raise SourceError("not an RSS or Atom feed (no XML)")
    parsed = feedparser.parse(data, sanitize_html=False, resolve_relative_uris=False)
    exc = parsed.get("bozo_exception") if parsed.get("bozo") else None
    # broken XML is refused whole (a lenient parse of it yields half items);
    # benign complaints (a wrong declared encoding) are not
    if isinstance(exc, SAXException) or (exc is not None and not parsed.entries):
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise SourceError(f"malformed feed: {reason}")
    if not parsed.entries and not parsed.get("version"):
        raise SourceError("not an RSS or Atom feed")
    return parsed


def item_key(entry: Any) -> str:
    """What identifies an item across polls: its guid (else link, else title)
    and its updated stamp, so an item updated in place counts as new."""
    ident = entry.get("id") or entry.get("link") or entry.get("title") or ""
    stamp = dict.get(entry, "updated") or ""  # not feedparser's published fallback
    return f"{ident}|{stamp}" if stamp else ident


def _iso(struct: Any) -> str | None:
    if not struct:
        return None
    try:
        return date(struct.tm_year, struct.tm_mon, struct.tm_mday).isoformat()
    except (AttributeError, ValueError):
        return None


def _content(entry: Any) -> str | None:
    best = None
    for part in entry.get("content") or []:
        value = part.get("value") or ""
        if best is None or len(value) > len(best[0]):
            best = (value, part.get("type") or "text/html")
    if not best or not best[0].strip():
        return None
    value, ctype = best
    return html_fragment_text(value) if "html" in ctype else unescape(value).strip()


def _fetch_item(link: str, source: str, max_bytes: int, allow_private: bool, timeout: float,
                delay: float, fetcher: Callable[..., Any]) -> Article:
    args = {"timeout": timeout, "max_bytes": max_bytes, "allow_private": allow_private}
    if not ROBOTS.allowed(link, fetcher, **args):
        raise SourceError(f"robots.txt disallows {link}")
    GATE.wait(link, delay)
    resp = fetcher(link, **args)
    if resp.status_code >= 400:
        raise SourceError(f"HTTP {resp.status_code} from {link}")
    ctype = resp.headers.get("content-type", "").lower()
    text = bytes_to_text(resp.content, max_bytes)
    if "text/plain" in ctype:
        return parse_text(text, link)
    return parse_html(text, link, url=link)


def entry_article(entry: Any, feed: Any, source: str, index: int, *,
                  max_bytes: int = DEFAULT_MAX_BYTES, allow_private: bool = False,
                  timeout: float = 10.0, delay: float = DEFAULT_DELAY,
                  fetcher: Callable[..., Any] | None = None) -> Article:
    """One feed item as an Article (raises SourceError with the reason)."""
    link = entry.get("link") or None
    if link and not link.startswith(("http://", "https://")):
        link = None  # an RSS guid taken for a permalink, not a fetchable URL
    title = entry.get("title") or None
    published = _iso(dict.get(entry, "published_parsed") or dict.get(entry, "updated_parsed"))
    outlet = feed.get("title") or None
    authors = [a.get("name") for a in entry.get("authors") or [] if a.get("name")]
    meta = {"feed": source, "feed_item": item_key(entry)}
    body = _content(entry)
    if body is None and link:
        from newsreel.sources.url import fetch

        page = _fetch_item(link, source, max_bytes, allow_private, timeout, delay,
                           fetcher or fetch)
        return Article(body=page.body, source=link, title=title or page.title,
                       published=published or page.published, outlet=outlet or page.outlet,
                       url=link, authors=authors or page.authors, meta={**page.meta, **meta})
    if body is None:
        summary = entry.get("summary") or ""
        body = html_fragment_text(summary) if "<" in summary else unescape(summary).strip()
        meta["summary_only"] = True
    if not body.strip():
        raise SourceError("feed item has no content, link or summary")
    if len(body.encode("utf-8")) > max_bytes:
        raise SourceError(f"item larger than {max_bytes:,} bytes")
    ident = entry.get("id") or str(index)
    return Article(body=body, source=link or f"{source}#{ident}", title=title,
                   published=published, outlet=outlet, url=link, authors=authors, meta=meta)


def parse_feed_bytes(data: bytes, source: str, max_bytes: int = DEFAULT_MAX_BYTES, *,
                     allow_private: bool = False, timeout: float = 10.0,
                     delay: float = DEFAULT_DELAY, seen: Callable[[str], bool] | None = None,
                     fetcher: Callable[..., Any] | None = None,
                     ) -> Iterator[Article | ReadFailure]:
    """Every item of an RSS/Atom feed as an Article, or a ReadFailure with
    its reason; a feed that cannot be parsed is one ReadFailure."""
    try:
        if len(data) > max_bytes * 50:
            raise SourceError(f"feed larger than {max_bytes * 50:,} bytes")
        parsed = parse_feed(data)
    except SourceError as exc:
        yield ReadFailure(source, str(exc))
        return
    for index, entry in enumerate(parsed.entries, 1):
        key = item_key(entry)
        if seen is not None and seen(key):
            continue
        try:
            yield entry_article(entry, parsed.feed, source, index, max_bytes=max_bytes,
                                allow_private=allow_private, timeout=timeout, delay=delay,
                                fetcher=fetcher)
        except SourceError as exc:
            where = entry.get("link") or f"{source}#item-{index}"
            yield ReadFailure(where, str(exc))


