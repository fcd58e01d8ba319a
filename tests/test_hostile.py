"""Hostile input, property-based (hypothesis): readers and the extractor never
let an exception out, and every offset they produce is valid.

Readers must turn any bytes into Articles or ReadFailures (never raise), with
bodies that can be stored (UTF-8 encodable, no NUL, normalized). The
extractor (one instance per session) must return a record for any body,
with `body[start:end] == text` for every evidence span and every mention and
quote inside the body. A batch through `ingest_articles` survives anything
and stores the good article given with the bad ones.
"""

from __future__ import annotations

import gzip
import json
import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hostile_gen import FRAGMENTS, SPECIALS, generate, jsonl_lines, long_line, nested_html
from newsreel.ingest import ingest_articles
from newsreel.model import Article, normalize_body
from newsreel.sources import ReadFailure
from newsreel.sources.dispatch import read_bytes_as, read_file
from newsreel.store import open_engine
from newsreel.store.integrity import check_store

FIXTURES_OK = [HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
               HealthCheck.data_too_large]
BATCH_EXAMPLES = min(10, settings.default.max_examples)

pieces = st.one_of(st.sampled_from(FRAGMENTS), st.sampled_from(SPECIALS),
                   st.text(max_size=12),
                   st.characters(codec="utf-8").map(str))
hostile_text = st.lists(pieces, min_size=1, max_size=40).map("".join)


def check_article(article: Article) -> None:
    body = article.body
    assert isinstance(body, str) and body.strip()
    body.encode("utf-8")  # no lone surrogates
    assert "\x00" not in body
    assert normalize_body(body) == body
    for value in (article.title, article.outlet, article.url, article.source,
                  *article.authors):
        if value is not None:
            value.encode("utf-8")
            assert "\x00" not in value


def check_items(items: list) -> list[Article]:
    assert items, "a reader must say something about every input"
    out = []
    for item in items:
        if isinstance(item, ReadFailure):
            assert item.reason and "\n" not in item.reason
        else:
            check_article(item)
            out.append(item)
    return out


def check_record(article: Article, record) -> None:
    body = article.body
    n = len(body)
    for ent in record.entities:
        for s, e in ent.mentions:
            assert 0 <= s < e <= n, (ent.name, s, e)
            assert body[s:e].strip(), (ent.name, s, e)
    for f in record.facts:
        ev = f.evidence
        assert 0 <= ev.start <= ev.end <= n
        assert body[ev.start:ev.end] == ev.text, (f.relation, ev)
    for q in record.quotes:
        assert 0 <= q.start < q.end <= n, q
    json.dumps(record.to_dict(), ensure_ascii=False).encode("utf-8")


# -- readers ---------------------------------------------------------------------
@settings(suppress_health_check=FIXTURES_OK)
@given(data=st.binary(max_size=3000),
       kind=st.sampled_from(["text", "html", "jsonl", "feed"]))
def test_readers_accept_any_bytes(data, kind):
    check_items(list(read_bytes_as(data, f"fuzz.{kind}", kind, 2_000_000)))


@settings(suppress_health_check=FIXTURES_OK)
@given(data=st.binary(max_size=3000), gz=st.booleans(), text=hostile_text)
def test_warc_reader_accepts_any_bytes(tmp_path, data, gz, text):
    record = (b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: http://x.test/a\r\n"
              b"Content-Type: application/http; msgtype=response\r\n"
              b"Content-Length: 99999\r\n\r\nHTTP/1.1 200 OK\r\n"
              b"Content-Type: text/html\r\n\r\n<p>" + text.encode("utf-8", "replace"))
    path = tmp_path / ("f.warc.gz" if gz else "f.warc")
    payload = data + record
    path.write_bytes(gzip.compress(payload) if gz else payload)
    items = list(read_file(path))
    for item in items:
        if not isinstance(item, ReadFailure):
            check_article(item)


@settings(suppress_health_check=FIXTURES_OK)
@given(text=hostile_text)
def test_feed_reader_hostile_items(text):
    from xml.sax.saxutils import escape

    t = escape(text)
    xml = (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>{t}'
           f'</title><item><title>{t}</title><description>{t} Mara Carter directed '
           f'Harbour Lights.</description><guid>{t[:40]}</guid></item></channel></rss>')
    check_items(list(read_bytes_as(xml.encode("utf-8", "replace"), "f.xml", "feed",
                                   2_000_000)) or [ReadFailure("f.xml", "no items")])


@settings(suppress_health_check=FIXTURES_OK)
@given(rng=st.randoms(use_true_random=False))
def test_readers_on_generated_hostile_inputs(rng):
    kind, data = generate(rng)
    check_items(list(read_bytes_as(data, f"fuzz.{kind}", kind, 2_000_000)))


@settings(suppress_health_check=FIXTURES_OK)
@given(text=hostile_text, enc=st.sampled_from(["utf-8", "utf-16", "latin-1", "cp1252",
                                                "utf-8-sig", "mixed"]))
def test_text_reader_any_encoding(text, enc):
    if enc == "mixed":
        data = b" ".join(w.encode(e, "replace") for w, e in
                         zip(text.split(" "), ["utf-8", "latin-1"] * len(text), strict=False))
    else:
        data = text.encode(enc, "replace")
    check_items(list(read_bytes_as(data, "fuzz.txt", "text", 2_000_000)))


@settings(suppress_health_check=FIXTURES_OK)
@given(text=hostile_text, depth=st.integers(0, 4000), closed=st.booleans())
def test_html_reader_nested_and_unclosed(text, depth, closed):
    html = "<html><body>" + "<div><p><span>" * depth + f"<p>{text}</p>" + \
        ("</span></p></div>" * depth if closed else "")
    check_items(list(read_bytes_as(html.encode("utf-8", "replace"), "f.html", "html",
                                   2_000_000)))


@settings(suppress_health_check=FIXTURES_OK)
@given(rng=st.randoms(use_true_random=False), text=hostile_text)
def test_jsonl_reader_lone_surrogates_and_junk(rng, text):
    data = jsonl_lines(rng, text)
    lines = [ln for ln in data.decode("utf-8", "surrogatepass").split("\n") if ln.strip()]
    items = list(read_bytes_as(data, "f.jsonl", "jsonl", 2_000_000))
    if len(items) == 1 and isinstance(items[0], ReadFailure) and ":" not in items[0].source:
        return  # the whole file was refused (e.g. judged binary)
    assert len(items) == len(lines)  # one answer per record line, none lost to a split
    check_items(items)


def test_jsonl_lone_surrogate_record_is_stored(tmp_path):
    line = '{"text": "Mara Carter \\ud800 directed Harbour Lights.", "title": "\\udc00T"}'
    items = list(read_bytes_as(line.encode(), "s.jsonl", "jsonl", 2_000_000))
    (article,) = check_items(items)
    assert "\ufffd" in article.body and article.title == "\ufffdT"


def test_jsonl_u2028_inside_a_string_is_one_record():
    data = json.dumps({"text": "one\u2028two\x85three\x1cfour"}, ensure_ascii=False)
    (article,) = check_items(list(read_bytes_as(data.encode(), "u.jsonl", "jsonl", 10_000)))
    assert "two" in article.body and "four" in article.body


def test_mixed_encoding_file_reads_both_halves():
    data = "Caf\u00e9 Noir, directed by Ren\u00e9e Dubois".encode() + \
        " \u2013 caf\u00e9 cr\u00e8me".encode("cp1252")
    (article,) = check_items(list(read_bytes_as(data, "m.txt", "text", 10_000)))
    assert article.body == ("Caf\u00e9 Noir, directed by Ren\u00e9e Dubois "
                            "\u2013 caf\u00e9 cr\u00e8me")


# -- extractor -------------------------------------------------------------------
@settings(suppress_health_check=FIXTURES_OK)
@given(text=hostile_text)
def test_extractor_offsets_valid(extractor, text):
    article = Article(body=text, source="fuzz")
    if not article.body.strip():
        return
    check_record(article, extractor.extract(article))


@settings(suppress_health_check=FIXTURES_OK)
@given(rng=st.randoms(use_true_random=False))
def test_read_then_extract(extractor, rng):
    kind, data = generate(rng)
    articles = check_items(list(read_bytes_as(data, f"fuzz.{kind}", kind, 2_000_000)))
    for article, record in extractor.extract_many(articles):
        check_record(article, record)


def test_deeply_nested_html_then_extract(extractor):
    rng = random.Random(5)
    html = nested_html(rng, "Harbour Lights, directed by Mara Carter, opens in May.")
    html = "<div>" * 20000 + html
    items = list(read_bytes_as(html.encode(), "deep.html", "html", 2_000_000))
    for article in check_items(items):
        check_record(article, extractor.extract(article))


def test_two_megabyte_line(extractor):
    rng = random.Random(1)
    line = long_line(rng, 1_990_000)
    data = ("Long Line\n\nHarbour Lights, directed by Mara Carter, opens in the US on "
            "May 1, 2026.\n" + line + "\nHugo Novak stars in Harbour Lights.\n").encode()
    assert len(data) < 2_000_000
    (article,) = check_items(list(read_bytes_as(data, "long.txt", "text", 2_000_000)))
    record = extractor.extract(article)
    check_record(article, record)
    assert any(f.relation == "director" for f in record.facts)
    over = list(read_bytes_as(data + b"x" * 20_000, "long.txt", "text", 2_000_000))
    assert isinstance(over[0], ReadFailure) and "too large" in over[0].reason


# -- a whole batch ----------------------------------------------------------------
GOOD = Article(body="Harbour Lights, directed by Mara Carter, opens in the US on May 1, "
               "2026.\n\nHugo Novak stars in Harbour Lights.", source="good.txt")


@pytest.fixture(scope="module")
def batch_store(tmp_path_factory):
    engine = open_engine(str(tmp_path_factory.mktemp("hostile") / "store.db"))
    yield engine
    engine.dispose()


@settings(max_examples=BATCH_EXAMPLES, suppress_health_check=FIXTURES_OK)
@given(rng=st.randoms(use_true_random=False), where=st.integers(0, 12))
def test_ingest_batch_survives_hostile_articles(extractor, batch_store, rng, where):
    items = []
    for _ in range(12):
        kind, data = generate(rng)
        items += list(read_bytes_as(data, f"fuzz-{rng.random()}.{kind}", kind, 2_000_000))
    good = Article(body=GOOD.body + f"\n\n(variant {rng.random()})", source="good.txt")
    items.insert(min(where, len(items)), good)
    summary = ingest_articles(batch_store, iter(items), extractor, batch_size=4)
    assert summary.total == len(items)
    assert good.id in summary.doc_ids or summary.skipped
    assert not [r for _s, r in summary.failed if r.startswith("store error")], summary.failed
    report = check_store(batch_store)
    assert report.ok, [p.as_dict() for p in report.problems]
