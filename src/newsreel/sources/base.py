"""Shared pieces of the readers: failures, size caps, byte decoding."""

from __future__ import annotations

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


def decode_bytes(data: bytes) -> str:
    """UTF-8 when it is UTF-8 (BOM dropped), else charset_normalizer's guess."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    best = from_bytes(data).best()
    if best is None:
        raise SourceError("binary or undecodable content")
    return str(best)


def bytes_to_text(data: bytes, max_bytes: int) -> str:
    check_size(data, max_bytes)
    if looks_binary(data):
        raise SourceError("binary file, not text")
    text = decode_bytes(data)
    if not text.strip():
        raise SourceError("empty input")
    return text
