"""Hostile inputs from a seeded random generator (for bench/fuzz.py and tests).

Each generator returns (kind, bytes): kind is what the reader is told the
input is ("text", "html" or "jsonl"). The inputs mix film-news fragments (so
the extractor's relation code runs) with control, zero-width and
right-to-left characters, combining marks, lone surrogates in JSON escapes,
mixed encodings, deeply nested or unclosed HTML and very long lines."""

from __future__ import annotations

import json
import random

FRAGMENTS = [
    "Mara Carter", " directed by ", " stars in ", " will direct ", " plays ", " as ",
    "The Ninth Lantern", "Harbour Lights", " opens in the US on ", "May 1, 2026",
    " premiered at the Venice Film Festival", " was nominated for best actor",
    " grossed $12.5 million", " said", "\u201c", "\u201d", "\"", "'s ", ", ", ". ",
    "\n", "\n\n", " ", "(", ")", " Hugo Novak", " Netflix", " based on the novel by ",
    "Source: Variety", "Image credit: AP", " date 2025-11-04 ",
]
SPECIALS = [
    "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad",  # zero-width, soft hyphen
    "\u202e", "\u202b", "\u202a", "\u202c", "\u200f", "\u200e", "\u2067", "\u2069",  # bidi
    "\u05e9\u05dc\u05d5\u05dd", "\u0645\u0631\u062d\u0628\u0627",  # Hebrew, Arabic
    "\x00", "\x01", "\x07", "\x08", "\x0b", "\x0c", "\x1b", "\x1c", "\x1e", "\x7f",
    "\x85", "\u2028", "\u2029", "\r", "\r\n", "\t",
    "e\u0301", "\u0301", "\u0338", "Z\u0351\u0352\u0353\u0354",  # combining marks
    "\U0001f3ac", "\U0001f600\u200d\U0001f525", "\ufffd", "\uffff", "\U0010ffff",
    "\u212b", "\ufb01", "\u1e9b\u0323",  # characters NFC changes
    "&amp;", "&#0;", "<", ">", "&",
]


def hostile_text(rng: random.Random, size: int = 40) -> str:
    parts = []
    for _ in range(rng.randint(1, size)):
        r = rng.random()
        if r < 0.45:
            parts.append(rng.choice(FRAGMENTS))
        elif r < 0.8:
            parts.append(rng.choice(SPECIALS))
        else:
            parts.append("".join(chr(rng.choice([rng.randint(32, 0x2FF),
                                                  rng.randint(0x370, 0xFFFF),
                                                  rng.randint(0x10000, 0x10FFFF)]))
                                 for _ in range(rng.randint(1, 8))
                                 ).encode("utf-8", "replace").decode("utf-8", "replace"))
    return "".join(parts)


def mixed_bytes(rng: random.Random, text: str) -> bytes:
    """Text whose pieces are encoded differently (UTF-8, Latin-1, cp1252, UTF-16)."""
    out = b""
    for piece in text.split(" "):
        enc = rng.choice(["utf-8", "utf-8", "latin-1", "cp1252", "utf-16-le"])
        out += piece.encode(enc, "replace") + b" "
    return out


def nested_html(rng: random.Random, text: str) -> str:
    depth = rng.choice([1, 10, 200, 3000])
    tags = ["div", "p", "span", "b", "table", "tr", "td", "ul", "li", "article", "i"]
    opened = [rng.choice(tags) for _ in range(depth)]
    head = "".join(f"<{t}>" for t in opened)
    close = rng.random() < 0.5  # unclosed half the time
    tail = "".join(f"</{t}>" for t in reversed(opened)) if close else ""
    junk = rng.choice(["", "<script>alert(1)</script>", "<!--", "<![CDATA[", "<p <p",
                       "</html></html>", "<title>", "<meta charset=\"koi8-r\">"])
    return f"<html><head><title>{text[:30]}</title></head><body>{head}{junk}" \
           f"<p>{text}</p>{tail}"


def jsonl_lines(rng: random.Random, text: str) -> bytes:
    lines = []
    for _ in range(rng.randint(1, 4)):
        r = rng.random()
        rec = {"text": text, "title": text[:20], "url": rng.choice([None, "http://x/1", 3]),
               "published": rng.choice([None, "2025-13-45", "2025-05-01T10:00:00Z", 7]),
               "outlet": rng.choice([None, text[:5], ["a"]]),
               "authors": rng.choice([None, "A B", ["A", 1, None, True], {"x": 1}])}
        line = json.dumps(rec, ensure_ascii=rng.random() < 0.5)
        if r < 0.3:  # lone surrogates as JSON escapes
            line = line.replace('"text": "', '"text": "\\ud800\\udfff\\udc00x', 1)
            line = line.replace('"title": "', '"title": "\\udbff', 1)
        elif r < 0.4:
            line = line[: rng.randint(0, len(line))]  # truncated
        elif r < 0.5:
            line = "[" * rng.choice([10, 5000]) + "]" * rng.choice([0, 10])
        elif r < 0.55:
            line = '{"text": ' + "9" * 5000 + "}"
        lines.append(line)
    return "\n".join(lines).encode("utf-8", "surrogatepass")


def long_line(rng: random.Random, size: int = 2_000_000, prose: bool = False) -> str:
    """One line of `size` characters: long words or zero-width characters; with
    `prose`, a repeated sentence (slow: extraction time grows faster than the
    length, see docs/reliability.md)."""
    word = "Mara Carter directed Harbour Lights. " if prose else \
        rng.choice(["x" * 997 + " ", "\u200b" * 50, "\u202e" + "\u05e9" * 999 + " "])
    return (word * (size // len(word) + 1))[:size]


def generate(rng: random.Random) -> tuple[str, bytes]:
    """One hostile input: (kind, bytes)."""
    text = hostile_text(rng)
    r = rng.random()
    if r < 0.35:
        return "text", text.encode("utf-8", "surrogatepass")
    if r < 0.5:
        return "text", mixed_bytes(rng, text)
    if r < 0.55:
        return "text", bytes(rng.randrange(256) for _ in range(rng.randint(0, 300)))
    if r < 0.75:
        return "html", nested_html(rng, text).encode("utf-8", "replace")
    return "jsonl", jsonl_lines(rng, text)
