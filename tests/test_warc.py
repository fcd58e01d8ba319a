"""WARC reader: Common Crawl News style response records, built here with warcio's writer."""

from __future__ import annotations

import gzip
from io import BytesIO
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsreel.model import Article
from newsreel.sources import ReadFailure, read_inputs
from newsreel.sources.warc import read_warc


def page(title: str, sentence: str) -> bytes:
    paras = "".join(f"<p>{sentence} Paragraph {k} adds more words about the film and "
                    f"its long, careful production at the studio.</p>" for k in range(4))
    return (f"<html><head><title>{title}</title>"
            f"<meta property='og:site_name' content='Reel Wire'></head>"
            f"<body><nav>Home | Films</nav><article><h1>{title}</h1>{paras}</article>"
            f"<footer>Copyright</footer></body></html>").encode()


def write_records(fh, records: list[tuple[str, str, str, bytes]], gz: bool) -> None:
    """records: (kind, url, content type, payload); kind response|request|metadata."""
    writer = WARCWriter(fh, gzip=gz)
    writer.write_record(writer.create_warcinfo_record("test.warc", {"software": "tests"}))
    for kind, url, ctype, payload in records:
        if kind == "response":
            status = "404 Not Found" if ctype == "404" else "200 OK"
            http = StatusAndHeaders(status, [("Content-Type", "text/html; charset=utf-8"
                                             if ctype == "404" else ctype)],
                                    protocol="HTTP/1.1")
            rec = writer.create_warc_record(url, "response", payload=BytesIO(payload),
                                            http_headers=http)
        else:
            rec = writer.create_warc_record(url, kind, payload=BytesIO(payload),
                                            warc_content_type="application/warc-fields")
        writer.write_record(rec)


GOOD = [
    ("request", "https://news.example/a", "", b"GET /a HTTP/1.1\r\n\r\n"),
    ("response", "https://news.example/a", "text/html; charset=utf-8",
     page("Ada Vance directs The Salt Road", "Ada Vance directs The Salt Road.")),
    ("metadata", "https://news.example/a", "", b"fetchTimeMs: 12\r\n"),
    ("response", "https://news.example/logo.png", "image/png", b"\x89PNG\r\n\x1a\n..."),
    ("response", "https://news.example/gone", "404", page("Gone", "Nothing here.")),
    ("response", "https://news.example/b", "text/html",
     page("Bo Lind joins Harbour Lights", "Bo Lind joins the cast of Harbour Lights.")),
]


@pytest.mark.parametrize("gz", [True, False])
def test_response_records_of_html_pages_become_articles(tmp_path: Path, gz: bool):
    path = tmp_path / ("news.warc.gz" if gz else "news.warc")
    with path.open("wb") as fh:
        write_records(fh, GOOD, gz)
    items = list(read_warc(path))
    assert all(isinstance(i, Article) for i in items), items
    assert [a.url for a in items] == ["https://news.example/a", "https://news.example/b"]
    first = items[0]
    assert first.source == "https://news.example/a"
    assert "Ada Vance directs The Salt Road." in first.body
    assert "Home | Films" not in first.body and "Copyright" not in first.body
    assert first.meta["warc"]["record_id"].startswith("<urn:uuid:")
    assert first.meta["warc"]["date"]


def test_a_bad_record_fails_alone(tmp_path: Path):
    records = [GOOD[1],
               ("response", "https://news.example/empty", "text/html", b"<html></html>"),
               ("response", "https://news.example/huge", "text/html",
                page("Huge", "x" * 5000)),
               GOOD[5]]
    path = tmp_path / "mixed.warc.gz"
    with path.open("wb") as fh:
        write_records(fh, records, gz=True)
    items = list(read_warc(path, max_bytes=4000))
    kinds = [(type(i).__name__, i.source) for i in items]
    assert kinds == [("Article", "https://news.example/a"),
                     ("ReadFailure", "https://news.example/empty"),
                     ("ReadFailure", "https://news.example/huge"),
                     ("Article", "https://news.example/b")]
    assert "larger than the cap" in items[2].reason


@pytest.mark.parametrize("gz", [True, False])
def test_damaged_container_resyncs_at_the_next_record(tmp_path: Path, gz: bool):
    parts = []
    for rec in (GOOD[1], GOOD[5], GOOD[5][:1] + ("https://news.example/c",) + GOOD[5][2:3]
                + (page("Cleo Marr", "Cleo Marr wins Best Actress at the Meridian awards."),)):
        buf = BytesIO()
        writer = WARCWriter(buf, gzip=gz)
        kind, url, ctype, payload = rec
        http = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(url, kind, payload=BytesIO(payload),
                                                      http_headers=http))
        parts.append(buf.getvalue())
    middle = parts[1]
    if gz:  # keep the gzip magic, garble the compressed bytes
        broken = middle[:12] + bytes(b ^ 0x5A for b in middle[12:200]) + middle[200:]
    else:  # garble the WARC header line
        broken = b"WORC/9.9\r\nnonsense\r\n" + middle[len(b"WARC/1.1\r\n"):]
    path = tmp_path / ("damaged.warc.gz" if gz else "damaged.warc")
    path.write_bytes(parts[0] + broken + parts[2])
    items = list(read_warc(path))
    articles = [i for i in items if isinstance(i, Article)]
    failures = [i for i in items if isinstance(i, ReadFailure)]
    assert [a.url for a in articles] == ["https://news.example/a", "https://news.example/c"]
    assert len(failures) == 1 and failures[0].source.startswith(str(path))
    assert "damaged" in failures[0].reason


def test_not_a_warc_and_missing_file(tmp_path: Path):
    junk = tmp_path / "junk.warc.gz"
    junk.write_bytes(gzip.compress(b"this is not a warc file at all\n"))
    items = list(read_warc(junk))
    assert [i.reason for i in items] == ["no HTML article records in this WARC file"]
    empty = tmp_path / "empty.warc"
    empty.write_bytes(b"")
    assert [i.reason for i in read_warc(empty)] == ["no WARC records found"]
    missing = list(read_warc(tmp_path / "nope.warc"))
    assert len(missing) == 1 and "cannot read" in missing[0].reason


def test_read_inputs_walks_warc_files_in_directories(tmp_path: Path):
    with (tmp_path / "crawl-00001.warc.gz").open("wb") as fh:
        write_records(fh, GOOD, gz=True)
    items = list(read_inputs([str(tmp_path)]))
    assert [i.url for i in items if isinstance(i, Article)] == [
        "https://news.example/a", "https://news.example/b"]
