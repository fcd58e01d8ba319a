"""JSON Lines: one article per line with `text` (or `body`), `title`, `url`,
`published`, `outlet`, `authors`. A record's source is its url, else PATH:LINE."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

from newsreel.model import Article
from newsreel.sources.base import ReadFailure, SourceError


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
    url = obj.get("url") if isinstance(obj.get("url"), str) else None
    title = obj.get("title") if isinstance(obj.get("title"), str) else None
    outlet = obj.get("outlet") if isinstance(obj.get("outlet"), str) else None
    # lone surrogates from JSON escapes cannot be stored as UTF-8: replace them
    clean = body.encode("utf-8", "replace").decode("utf-8")
    return Article(body=clean.strip("\n"), source=url or source, title=title,
                   published=_published(obj.get("published")), outlet=outlet, url=url,
                   authors=[str(a) for a in authors if isinstance(a, str | int)])


def parse_jsonl(text: str, path: str) -> Iterator[Article | ReadFailure]:
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        where = f"{path}:{lineno}"
        try:
            yield parse_record(json.loads(line), where)
        except json.JSONDecodeError as exc:
            yield ReadFailure(where, f"invalid JSON ({exc.msg})")
        except SourceError as exc:
            yield ReadFailure(where, str(exc))
