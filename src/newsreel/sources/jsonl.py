"""JSON Lines: one article per line with `text` (or `body`), `title`, `url`,
`published`, `outlet`, `authors`. A record's source is its url, else PATH:LINE."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

from newsreel.model import Article
from newsreel.sources.base import ReadFailure, SourceError, clean_text


def _published(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    m = re.match(r"(\d{4}-\d{2}-\d{2})", value.strip())
    return m.group(1) if m else None


def parse_record(obj: object, source: str) -> Article:
    if not isinstance(obj, dict):
        raise SourceError("a JSON Lines record must be an object")
    body = obj.get("text") or obj.get("body")
    if not isinstance(body, str) or not body.strip():
        raise SourceError("record has no text or body")
    authors = obj.get("authors") or []
    if isinstance(authors, str):
        authors = [authors]
    if not isinstance(authors, list):
        authors = []
    # lone surrogates from JSON escapes and NULs cannot be stored: clean every string
    url, title, outlet = (clean_text(v) if isinstance(v, str) and v.strip() else None
                          for v in (obj.get("url"), obj.get("title"), obj.get("outlet")))
    clean = clean_text(body).strip("\n")
    if not clean.strip():
        raise SourceError("record has no text or body")
    return Article(body=clean, source=url or source, title=title,
                   published=_published(obj.get("published")), outlet=outlet, url=url,
                   authors=[clean_text(str(a)) for a in authors
                            if isinstance(a, str | int) and not isinstance(a, bool)])


def parse_jsonl(text: str, path: str) -> Iterator[Article | ReadFailure]:
    # split on newlines only: str.splitlines() would also split at U+2028,
    # U+0085 and other characters JSON allows unescaped inside strings
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    yield from parse_lines(enumerate(text.split("\n"), 1), path)


def read_jsonl_file(path, max_bytes: int) -> Iterator[Article | ReadFailure]:
    """A JSON Lines file read one line at a time, so memory does not grow with
    the file; each line is decoded on its own (UTF-8, else the best guess)."""
    from newsreel.sources.base import decode_bytes

    def lines():
        with open(path, "rb") as fh:
            for lineno, raw in enumerate(fh, 1):
                if len(raw) > max_bytes:
                    yield lineno, None
                    continue
                try:
                    yield lineno, decode_bytes(raw).rstrip("\r\n")
                except SourceError:
                    yield lineno, ""
    seen = False
    for item in parse_lines(lines(), str(path), max_bytes):
        seen = True
        yield item
    if not seen:
        yield ReadFailure(str(path), "empty input")


def parse_lines(lines, path: str, max_bytes: int | None = None,
                ) -> Iterator[Article | ReadFailure]:
    for lineno, line in lines:
        if line is None:
            yield ReadFailure(f"{path}:{lineno}", f"record larger than {max_bytes:,} bytes")
            continue
        if not line.strip():
            continue
        where = f"{path}:{lineno}"
        try:
            yield parse_record(json.loads(line), where)
        except json.JSONDecodeError as exc:
            yield ReadFailure(where, f"invalid JSON ({exc.msg})")
        except RecursionError:
            yield ReadFailure(where, "invalid JSON (nested too deeply)")
        except ValueError as exc:  # e.g. an integer beyond Python's digit limit
            yield ReadFailure(where, f"invalid JSON ({str(exc).splitlines()[0][:80]})")
        except SourceError as exc:
            yield ReadFailure(where, str(exc))
