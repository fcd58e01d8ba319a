"""Fetching articles by URL: http(s) only, timeouts, a size cap, at most five
redirects, and no private, loopback or link-local hosts unless allowed.

Every hop of a redirect chain is checked again (scheme and address), so a
public page cannot redirect into the local network. `timeout` bounds each
network operation *and* the whole fetch (a server that drips one byte at a
time is cut off), and the body is capped while it streams (after gzip
decoding, so a compressed bomb is capped too)."""

from __future__ import annotations

import ipaddress
import socket
import time
from urllib.parse import urljoin, urlsplit

import httpx

from newsreel.sources.base import DEFAULT_MAX_BYTES, SourceError

MAX_REDIRECTS = 5
USER_AGENT = "newsreel/0.1 (+https://example.invalid/newsreel)"


def _blocked(addr: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    if isinstance(addr, ipaddress.IPv6Address) and addr.ipv4_mapped:
        addr = addr.ipv4_mapped  # ::ffff:127.0.0.1 is 127.0.0.1
    return (addr.is_private or addr.is_loopback or addr.is_link_local or addr.is_reserved
            or addr.is_multicast or addr.is_unspecified or not addr.is_global)


def check_url(url: str, allow_private: bool = False) -> None:
    """Raise SourceError unless `url` may be fetched."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise SourceError(f"invalid URL: {exc}") from None
    if parts.scheme.lower() not in ("http", "https"):
        raise SourceError(f"refusing URL scheme {parts.scheme or '(none)'!r}: only http and https")
    if not parts.hostname:
        raise SourceError("URL has no host")
    if allow_private:
        return
    try:
        infos = socket.getaddrinfo(parts.hostname, port or 80, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError):
        raise SourceError(f"cannot resolve host {parts.hostname}") from None
    for info in infos:
        addr = ipaddress.ip_address(str(info[4][0]).split("%", 1)[0])
        if _blocked(addr):
            raise SourceError(
                f"refusing private address {addr} for {parts.hostname} (use --allow-private)")


def fetch(url: str, *, timeout: float = 10.0, max_bytes: int = DEFAULT_MAX_BYTES,
          allow_private: bool = False, headers: dict[str, str] | None = None,
          client: httpx.Client | None = None) -> httpx.Response:
    """GET a URL under the rules above; the response body is read in full (capped)."""
    own = client is None
    client = client or httpx.Client(timeout=timeout, follow_redirects=False,
                                    headers={"User-Agent": USER_AGENT})
    deadline = time.monotonic() + timeout
    try:
        current = url
        for _ in range(MAX_REDIRECTS + 1):
            check_url(current, allow_private)
            try:
                with client.stream("GET", current, headers=headers or {}) as resp:
                    if resp.is_redirect and resp.status_code != 304:  # 304: not modified
                        location = resp.headers.get("location")
                        if not location:
                            raise SourceError(f"redirect without Location from {current}")
                        current = urljoin(current, location)
                        continue
                    declared = resp.headers.get("content-length", "")
                    if declared.isdigit() and int(declared) > max_bytes:
                        raise SourceError(f"response larger than {max_bytes:,} bytes "
                                          f"({int(declared):,} declared)")
                    chunks, size = [], 0
                    for chunk in resp.iter_bytes():
                        size += len(chunk)
                        if size > max_bytes:
                            raise SourceError(f"response larger than {max_bytes:,} bytes")
                        if time.monotonic() > deadline:
                            raise httpx.ReadTimeout("total time exceeded")
                        chunks.append(chunk)
                    resp._content = b"".join(chunks)  # keep .content/.text usable
                    return resp
            except httpx.TimeoutException:
                raise SourceError(f"timed out after {timeout:g} s: {current}") from None
            except httpx.HTTPError as exc:
                reason = type(exc).__name__
                if isinstance(exc, httpx.ConnectError):
                    reason = "connection refused or unreachable"
                raise SourceError(f"cannot fetch {current}: {reason}") from None
            except (httpx.InvalidURL, httpx.CookieConflict, UnicodeError, ValueError) as exc:
                raise SourceError(f"cannot fetch {current}: {exc}") from None
        raise SourceError(f"more than {MAX_REDIRECTS} redirects")
    finally:
        if own:
            client.close()
