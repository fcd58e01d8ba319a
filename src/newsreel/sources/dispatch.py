"""Which reader reads what: paths, directories (recursive), `-` for stdin, URLs."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from newsreel.model import Article
from newsreel.sources.base import (
    DEFAULT_MAX_BYTES,
    ReadFailure,
    SourceError,
    bytes_to_text,
    check_size,
)
from newsreel.sources.html import parse_html
from newsreel.sources.jsonl import parse_jsonl, read_jsonl_file
from newsreel.sources.text import parse_text

TEXT_EXT = {".txt", ".text", ""}
HTML_EXT = {".html", ".htm"}
JSONL_EXT = {".jsonl", ".ndjson"}
FEED_EXT = {".xml", ".rss", ".atom"}
WARC_EXT = {".warc", ".gz"}
SKIP_NAMES = {"readme", "readme.md", "readme.txt", "source.md", "license", "license.txt"}

Item = Article | ReadFailure


def _is_warc(path: Path) -> bool:
    name = path.name.lower()
    return name.endswith(".warc") or name.endswith(".warc.gz")


def read_bytes_as(data: bytes, source: str, kind: str, max_bytes: int,
                  url: str | None = None, allow_private: bool = False) -> Iterator[Item]:
    """Parse bytes already in hand as `kind` (text, html, jsonl, feed)."""
    try:
        if kind == "jsonl":
            check_size(data, max_bytes * 50)
            yield from parse_jsonl(bytes_to_text(data, max_bytes * 50), source)
            return
        if kind == "feed":
            from newsreel.sources.feeds import parse_feed_bytes

            yield from parse_feed_bytes(data, source, max_bytes=max_bytes,
                                        allow_private=allow_private)
            return
        text = bytes_to_text(data, max_bytes)
        if kind == "html":
            yield parse_html(text, source, url=url)
        else:
            article = parse_text(text, source)
            if not article.body.strip():
                raise SourceError("no body text")
            yield article
    except SourceError as exc:
        yield ReadFailure(source, str(exc))


def kind_of(path: Path) -> str | None:
    suffix = path.suffix.lower()
    if _is_warc(path):
        return "warc"
    if suffix in HTML_EXT:
        return "html"
    if suffix in JSONL_EXT:
        return "jsonl"
    if suffix in FEED_EXT:
        return "feed"
    if suffix in TEXT_EXT:
        return "text"
    return None


def read_file(path: Path, max_bytes: int = DEFAULT_MAX_BYTES, kind: str | None = None,
              ) -> Iterator[Item]:
    kind = kind or kind_of(path) or "text"
    source = str(path)
    if kind == "warc":
        try:
            from newsreel.sources.warc import read_warc
        except ImportError:
            yield ReadFailure(source, "WARC reading is not available")
            return
        yield from read_warc(path, max_bytes=max_bytes)
        return
    if kind == "jsonl":
        try:
            yield from read_jsonl_file(path, max_bytes)
        except OSError as exc:
            yield ReadFailure(source, f"cannot read: {exc.strerror or exc}")
        return
    try:
        size = path.stat().st_size
        if kind != "jsonl" and size > max_bytes:
            raise SourceError(f"too large ({size:,} bytes; the cap is {max_bytes:,})")
        data = path.read_bytes()
    except SourceError as exc:
        yield ReadFailure(source, str(exc))
        return
    except OSError as exc:
        yield ReadFailure(source, f"cannot read: {exc.strerror or exc}")
        return
    yield from read_bytes_as(data, source, kind, max_bytes)


def read_url(url: str, max_bytes: int = DEFAULT_MAX_BYTES, allow_private: bool = False,
             timeout: float = 10.0) -> Iterator[Item]:
    from newsreel.sources.url import fetch

    try:
        resp = fetch(url, timeout=timeout, max_bytes=max_bytes, allow_private=allow_private)
        if resp.status_code >= 400:
            raise SourceError(f"HTTP {resp.status_code} from {url}")
    except SourceError as exc:
        yield ReadFailure(url, str(exc))
        return
    ctype = resp.headers.get("content-type", "").lower()
    kind = "html"
    if "xml" in ctype and "html" not in ctype:
        kind = "feed"
    elif "text/plain" in ctype:
        kind = "text"
    elif "json" in ctype:
        kind = "jsonl"
    yield from read_bytes_as(resp.content, url, kind, max_bytes, url=url,
                             allow_private=allow_private)


def read_inputs(inputs: Iterable[str], *, max_bytes: int = DEFAULT_MAX_BYTES,
                allow_private: bool = False, notes: list[str] | None = None,
                stdin_kind: str = "text") -> Iterator[Item]:
    """Yield an Article or a ReadFailure for everything the inputs hold.

    Directories are walked recursively in sorted order; files of unknown kind
    in a directory are skipped with a note (appended to `notes`)."""
    for raw in inputs:
        if raw == "-":
            data = sys.stdin.buffer.read()
            yield from read_bytes_as(data, "<stdin>", stdin_kind, max_bytes)
            continue
        if raw.startswith(("http://", "https://")) or "://" in raw:
            yield from read_url(raw, max_bytes=max_bytes, allow_private=allow_private)
            continue
        path = Path(raw)
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                if child.name.lower() in SKIP_NAMES or child.name.startswith("."):
                    if notes is not None:
                        notes.append(f"skipped {child}: not an article")
                    continue
                if kind_of(child) is None or child.suffix == "":
                    if notes is not None:
                        notes.append(f"skipped {child}: unknown file type")
                    continue
                yield from read_file(child, max_bytes)
        elif path.is_file():
            yield from read_file(path, max_bytes)
        elif not path.exists():
            yield ReadFailure(raw, "no such file or directory")
        else:
            yield ReadFailure(raw, "not a regular file")
