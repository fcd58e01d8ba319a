"""Plain-text articles in the seeds' form (SCHEMA.md section 7).

- a leading ` date YYYY-MM-DD` sets `published`; the rest of that line is body;
- otherwise a first line followed by a blank line is the title;
- `Image credit: X` lines and a trailing `Source: X` line are metadata.
"""

from __future__ import annotations

import re

from newsreel.model import Article

DATE_PREFIX = re.compile(r"\A[ \t]*date[ \t]+(\d{4}-\d{2}-\d{2})[ \t]*")
CREDIT_LINE = re.compile(r"^[ \t]*Image credit:[ \t]*(.*?)[ \t]*$\n?", re.MULTILINE)
SOURCE_LINE = re.compile(r"\n?^[ \t]*Source:[ \t]*(.+?)[ \t]*\s*\Z", re.MULTILINE)


def parse_text(text: str, source: str) -> Article:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    published = title = outlet = None
    meta: dict[str, object] = {}
    m = DATE_PREFIX.match(text)
    if m:
        published = m.group(1)
        text = text[m.end():]
    else:
        lines = text.split("\n", 2)
        if len(lines) >= 2 and lines[0].strip() and not lines[1].strip():
            title = lines[0].strip()
            text = lines[2] if len(lines) > 2 else ""
    m = SOURCE_LINE.search(text)
    if m:
        outlet = m.group(1).strip()
        text = text[: m.start()]
    credits = [c for c in CREDIT_LINE.findall(text) if c]
    if credits:
        meta["image_credits"] = credits
        text = CREDIT_LINE.sub("", text)
    body = text.strip("\n")
    return Article(body=body, source=source, title=title, published=published,
                   outlet=outlet, meta=meta)
