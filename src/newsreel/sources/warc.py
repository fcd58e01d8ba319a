"""WARC and WARC.gz files (Common Crawl News layout) into Articles, with warcio.

Each `response` record whose HTTP payload is an HTML page (status 200,
`text/html` or XHTML) becomes one Article, parsed by `sources.html.parse_html`
with the record's `WARC-Target-URI` as source and URL. Request, metadata and
warcinfo records, redirects, errors and non-HTML payloads (images, robots.txt)
are not articles and are passed over silently.

Error isolation is per record: a page that cannot be parsed or exceeds the
size cap yields a `ReadFailure` and the file goes on. When the container
itself is damaged (a corrupt gzip member, a garbled WARC header), the reader
reports the damaged record and resynchronizes at the next record start (the
next gzip member for .warc.gz, the next `WARC/1.x` line for .warc), so the
records after the damage are still read."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from warcio.archiveiterator import ArchiveIterator

from newsreel.model import Article
from newsreel.sources.base import DEFAULT_MAX_BYTES, ReadFailure, SourceError, decode_bytes
from newsreel.sources.html import parse_html

HTML_TYPES = ("text/html", "application/xhtml+xml")
GZIP_MAGIC = b"\x1f\x8b\x08"
WARC_LINE = re.compile(rb"(?:^|\n)WARC/1\.[01]\r?\n")
SCAN_CHUNK = 1 << 20

Item = Article | ReadFailure


def _charset(content_type: str) -> str | None:
    m = re.search(r"charset=[\"']?([\w.:-]+)", content_type, re.IGNORECASE)
    return m.group(1) if m else None


def _decode(data: bytes, charset: str | None) -> str:
    if charset:
        try:
            return data.decode(charset)
        except (LookupError, UnicodeDecodeError):
            pass
    return decode_bytes(data)


def record_article(record, max_bytes: int, warc_name: str) -> Article | None:
    """The Article in one WARC record, None when the record is not an HTML page.

    Raises SourceError when it is a page that cannot become an article."""
    if record.rec_type != "response" or record.http_headers is None:
        return None
    status = record.http_headers.get_statuscode()
    ctype = (record.http_headers.get_header("Content-Type") or "").lower()
    if status != "200" or not ctype.startswith(HTML_TYPES):
        return None
    url = record.rec_headers.get_header("WARC-Target-URI")
    data = record.content_stream().read(max_bytes + 1)
    if len(data) > max_bytes:
        raise SourceError(f"page larger than the cap of {max_bytes:,} bytes")
    if not data.strip():
        raise SourceError("empty HTML payload")
    article = parse_html(_decode(data, _charset(ctype)), url or warc_name, url=url)
    article.meta["warc"] = {
        "file": warc_name,
        "record_id": record.rec_headers.get_header("WARC-Record-ID"),
        "date": record.rec_headers.get_header("WARC-Date"),
    }
    return article


def _next_start(fh: BinaryIO, after: int, gz: bool) -> int | None:
    """Offset of the first record start strictly after `after`, None at the end."""
    pos = after + 1
    while True:
        fh.seek(pos)
        chunk = fh.read(SCAN_CHUNK + 16)
        if not chunk:
            return None
        if gz:
            i = chunk.find(GZIP_MAGIC)
            if i >= 0:
                return pos + i
        else:
            m = WARC_LINE.search(chunk)
            if m:
                return pos + m.start() + (1 if chunk[m.start():m.start() + 1] == b"\n" else 0)
        if len(chunk) <= SCAN_CHUNK:
            return None
        pos += SCAN_CHUNK


def read_warc(path: Path | str, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Item]:
    """Yield an Article per HTML response record, a ReadFailure per broken one."""
    path = Path(path)
    name = str(path)
    try:
        fh = path.open("rb")
    except OSError as exc:
        yield ReadFailure(name, f"cannot read: {exc.strerror or exc}")
        return
    with fh:
        gz = fh.read(2) == GZIP_MAGIC[:2]
        start = 0
        found_any = False
        yielded = 0
        while start is not None:
            fh.seek(start)
            records = ArchiveIterator(fh)
            good_end = start  # where the record being read began
            reported = False  # a failure for the current record was already yielded
            try:
                for record in records:
                    found_any = True
                    where = record.rec_headers.get_header("WARC-Target-URI") or \
                        f"{name}@{good_end}"
                    try:
                        article = record_article(record, max_bytes, name)
                    except SourceError as exc:
                        reported, yielded = True, yielded + 1
                        yield ReadFailure(where, str(exc))
                    except Exception as exc:  # a malformed payload of this record only
                        reported, yielded = True, yielded + 1
                        yield ReadFailure(where, f"unreadable record ({type(exc).__name__})")
                    else:
                        if article is not None:
                            yielded += 1
                            yield article
                    records.read_to_end()
                    good_end, reported = records.offset, False
                if not yielded:
                    yield ReadFailure(name, "no HTML article records in this WARC file"
                                      if found_any else "no WARC records found")
                return
            except Exception as exc:  # the container is damaged here: skip to the next record
                if not reported:
                    yielded += 1
                    yield ReadFailure(f"{name}@{good_end}",
                                      f"damaged WARC record ({type(exc).__name__}); skipped")
                found_any = True
                start = _next_start(fh, good_end, gz)
