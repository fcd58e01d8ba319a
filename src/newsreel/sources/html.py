"""HTML pages: body and metadata (title, date, site name, authors, URL) by trafilatura."""

from __future__ import annotations

import re

import trafilatura

from newsreel.model import Article
from newsreel.sources.base import SourceError


def _iso_date(value: str | None) -> str | None:
    if not value:
        return None
    m = re.match(r"(\d{4}-\d{2}-\d{2})", value)
    return m.group(1) if m else None


def parse_html(html: str, source: str, url: str | None = None) -> Article:
    try:
        doc = trafilatura.bare_extraction(
            html, url=url, with_metadata=True, include_comments=False,
            include_tables=False, favor_recall=True, date_extraction_params={
                "extensive_search": False, "original_date": True},
        )
    except Exception as exc:  # trafilatura raises many kinds on broken markup
        raise SourceError(f"unreadable HTML ({type(exc).__name__})") from None
    if doc is None:
        raise SourceError("no article text found in the HTML")
    data = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    body = (data.get("text") or "").strip()
    if not any(c.isalnum() for c in body):  # nothing, or only leftover markup like "<<>>"
        raise SourceError("no article text found in the HTML")
    authors = [a.strip() for a in re.split(r";|,| and ", data.get("author") or "") if a.strip()]
    return Article(
        body=body, source=source, title=data.get("title") or None,
        published=_iso_date(data.get("date")), outlet=data.get("sitename") or None,
        url=data.get("url") or url, authors=authors,
        meta={"canonical_url": data.get("url")} if data.get("url") else {},
    )
