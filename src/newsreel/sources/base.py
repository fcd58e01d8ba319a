"""Shared pieces of the readers: failures, size caps, byte decoding."""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from charset_normalizer import from_bytes

DEFAULT_MAX_BYTES = 2_000_000


class SourceError(Exception):
    """An input that cannot become an article; the message is the reason."""


@dataclass
class ReadFailure:
    source: str
    reason: str


def check_size(data: bytes, max_bytes: int) -> None:
    if not data.strip():
        raise SourceError("empty input")
    if len(data) > max_bytes:
        raise SourceError(f"too large ({len(data):,} bytes; the cap is {max_bytes:,})")


def looks_binary(data: bytes) -> bool:
    head = data[:8192]
    if b"\x00" in head and not (head.startswith(b"\xff\xfe") or head.startswith(b"\xfe\xff")):
        return True
    controls = sum(1 for b in head if b < 9 or 13 < b < 32)
    return len(head) > 0 and controls / len(head) > 0.10


UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}"
                            rb"|[\xf0-\xf4][\x80-\xbf]{3}")


def _cp1252_fallback(exc: UnicodeError) -> tuple[str, int]:
    """Decode the bytes UTF-8 rejects as Windows-1252 (Latin-1 where it has no
    character): the usual mix when a Latin-1 snippet is pasted into UTF-8."""
    assert isinstance(exc, UnicodeDecodeError)
    bad = exc.object[exc.start:exc.end]
    out = []
    for b in bad:
        try:
            out.append(bytes([b]).decode("cp1252"))
        except UnicodeDecodeError:
            out.append(chr(b))
    return "".join(out), exc.end


codecs.register_error("newsreel-cp1252", _cp1252_fallback)


def decode_bytes(data: bytes) -> str:
    """UTF-8 when it is UTF-8 (BOM dropped); mostly UTF-8 with a few stray
    single-byte characters (mixed encodings) is read as UTF-8 with those
    bytes as Windows-1252; otherwise charset_normalizer's guess."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    good = len(UTF8_MULTIBYTE.findall(data))
    if good:
        mixed = data.decode("utf-8", errors="newsreel-cp1252")
        strict = data[:first_bad].decode("utf-8")
        stray = sum(1 for b in data[first_bad:] if b >= 0x80) - \
            2 * len(UTF8_MULTIBYTE.findall(data[first_bad:]))
        if good >= max(1, stray) or len(strict) > len(mixed) // 2:
            return mixed
    best = from_bytes(data).best()
    if best is None or best.chaos > 0.3:
        raise SourceError("not UTF-8, and no other text encoding fits (binary or undecodable)")
    return str(best)


SURROGATE = re.compile("[\ud800-\udfff]")


def clean_text(text: str) -> str:
    """Make a string storable everywhere: lone surrogates (from JSON escapes
    or surrogateescape) become U+FFFD and NUL characters are dropped
    (PostgreSQL text cannot hold them)."""
    if "\x00" in text:
        text = text.replace("\x00", "")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        text = SURROGATE.sub("\ufffd", text)
    return text


def bytes_to_text(data: bytes, max_bytes: int) -> str:
    check_size(data, max_bytes)
    if looks_binary(data):
        raise SourceError("binary file, not text")
    text = clean_text(decode_bytes(data))
    if not text.strip():
        raise SourceError("empty input")
    return text
