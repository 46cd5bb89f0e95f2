"""Fetch a URL with httpx, safely: timeouts, a streamed size limit, and redirects followed by hand so that
every hop is checked.

Unless `settings.allow_private`, each hop's host name is resolved and refused when any of its addresses is
loopback, private, link-local (which includes the 169.254.169.254 metadata service), multicast, reserved or
otherwise not global; the connection then goes to the checked address itself, so a second DNS answer cannot
swap in another one. Proxies from the environment are ignored for the same reason.
"""

from __future__ import annotations

import ipaddress
import socket
import time
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from urllib.parse import urljoin

import httpcore
import httpx

from ..errors import BlockedURLError, InputError
from ..settings import Settings

MAX_REDIRECTS = 5
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_USER_AGENT = "newsprism/0.1 (news comparison; +https://github.com/newsprism)"
_DEADLINE_FACTOR = 3  # the whole fetch, all hops and the body, may take this many fetch_timeouts
_METADATA_ADDRESSES = frozenset({ipaddress.ip_address("169.254.169.254"), ipaddress.ip_address("fd00:ec2::254")})

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


@dataclass(frozen=True)
class Fetched:
    url: str  # as requested
    final_url: str  # after redirects
    data: bytes
    media_type: str | None  # "text/html", without parameters
    charset: str | None


@dataclass(frozen=True)
class _Hop:
    url: httpx.URL  # what to request: the checked address in place of the host name, when pinned
    headers: dict[str, str]
    extensions: dict[str, str]


def is_url(value: str) -> bool:
    return value.lower().startswith(("http://", "https://"))


def blocked_reason(address: IPAddress) -> str | None:
    """Why an address must not be fetched from, or None when it is a public one."""
    if isinstance(address, ipaddress.IPv6Address) and (address.ipv4_mapped or address.sixtofour):
        address = address.ipv4_mapped or address.sixtofour  # ::ffff:10.0.0.1 and 6to4 2002:0a00:0001:: wrap IPv4
    checks = (
        (address in _METADATA_ADDRESSES, "the cloud metadata address"),
        (address.is_loopback, "a loopback address"),
        (address.is_link_local, "a link-local address"),
        (address.is_multicast, "a multicast address"),
        (address.is_unspecified, "an unspecified address"),
        (address.is_reserved, "a reserved address"),
        (address.is_private, "a private address"),
        (not address.is_global, "a non-public address"),
    )
    return next((reason for refused, reason in checks if refused), None)


def fetch(url: str, settings: Settings) -> Fetched:
    """The body of `url` after redirects; InputError (BlockedURLError for refused addresses) otherwise."""
    deadline = time.monotonic() + _DEADLINE_FACTOR * settings.fetch_timeout
    current = url
    with httpx.Client(
        transport=_deadline_transport(deadline),
        timeout=httpx.Timeout(settings.fetch_timeout),
        follow_redirects=False,
        trust_env=False,
        headers={"User-Agent": _USER_AGENT, "Accept-Encoding": "gzip, deflate", "Accept": "text/html, application/xhtml+xml, application/rss+xml,"
                 " application/atom+xml, application/json, text/plain;q=0.9, */*;q=0.5"},
    ) as client:
        for _ in range(MAX_REDIRECTS + 1):
            hop = _prepare_hop(current, url, settings)
            fetched, location = _request(client, hop, current, url, settings, deadline)
            if fetched is not None:
                return fetched
            current = location
    raise InputError(url, f"too many redirects (more than {MAX_REDIRECTS})")


def _deadline_transport(deadline: float) -> httpx.HTTPTransport:
    """A transport whose every socket operation ends by `deadline`: httpx's timeouts are per operation, so a
    server dripping one header byte at a time would otherwise hold the fetch for hours."""
    transport = httpx.HTTPTransport(trust_env=False)
    transport._pool._network_backend = _DeadlineBackend(deadline)  # httpcore's public backend interface
    return transport


class _DeadlineBackend(httpcore.NetworkBackend):
    def __init__(self, deadline: float):
        self.deadline = deadline
        self.backend = httpcore.SyncBackend()

    def timeout(self, timeout: float | None) -> float:
        remaining = self.deadline - time.monotonic()
        if remaining <= 0:
            raise httpcore.ReadTimeout("the fetch deadline passed")
        return remaining if timeout is None else min(timeout, remaining)

    def connect_tcp(self, host, port, timeout=None, local_address=None, socket_options=None):
        stream = self.backend.connect_tcp(host, port, self.timeout(timeout), local_address, socket_options)
        return _DeadlineStream(stream, self)

    def connect_unix_socket(self, path, timeout=None, socket_options=None):
        raise httpcore.ConnectError("unix sockets are not fetched")

    def sleep(self, seconds: float) -> None:
        time.sleep(min(seconds, max(self.deadline - time.monotonic(), 0)))


class _DeadlineStream(httpcore.NetworkStream):
    def __init__(self, stream: httpcore.NetworkStream, backend: _DeadlineBackend):
        self.stream, self.backend = stream, backend

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self.stream.read(max_bytes, self.backend.timeout(timeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self.stream.write(buffer, self.backend.timeout(timeout))

    def close(self) -> None:
        self.stream.close()

    def start_tls(self, ssl_context, server_hostname=None, timeout=None):
        stream = self.stream.start_tls(ssl_context, server_hostname, self.backend.timeout(timeout))
        return _DeadlineStream(stream, self.backend)

    def get_extra_info(self, info: str):
        return self.stream.get_extra_info(info)


def _prepare_hop(current: str, source: str, settings: Settings) -> _Hop:
    try:
        target = httpx.URL(current)
    except (httpx.InvalidURL, UnicodeError) as exc:
        raise InputError(source, f"not a valid URL: {current} ({exc})") from None
    if target.scheme not in ("http", "https") or not target.host:
        raise InputError(source, f"not an http or https URL: {current}")
    if settings.allow_private:
        return _Hop(target, {}, {})
    address = _checked_address(target, current, source)
    host_header = target.netloc.decode("ascii")
    extensions = {"sni_hostname": target.host} if target.scheme == "https" else {}
    return _Hop(target.copy_with(host=str(address)), {"Host": host_header}, extensions)


def _checked_address(target: httpx.URL, current: str, source: str) -> IPAddress:
    port = target.port or (443 if target.scheme == "https" else 80)
    try:
        infos = socket.getaddrinfo(target.host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError, OSError) as exc:
        raise InputError(source, f"cannot resolve host {target.host} ({exc})") from None
    addresses = [ipaddress.ip_address(info[4][0].split("%", 1)[0]) for info in infos]
    if not addresses:
        raise InputError(source, f"cannot resolve host {target.host}")
    for address in addresses:
        reason = blocked_reason(address)
        if reason:
            hop = "" if current == source else f"redirect to {current}: "
            raise BlockedURLError(
                source,
                f"refused: {hop}{target.host} is {reason} ({address}); private addresses are fetched only when "
                f"the operator allows them (--allow-private, NEWSPRISM_ALLOW_PRIVATE=1)",
            )
    return addresses[0]


def _request(
    client: httpx.Client, hop: _Hop, current: str, source: str, settings: Settings, deadline: float
) -> tuple[Fetched | None, str]:
    """(Fetched, "") for a final response, or (None, next URL) for a redirect."""
    try:
        with client.stream("GET", hop.url, headers=hop.headers, extensions=hop.extensions) as response:
            if response.status_code in _REDIRECTS and "location" in response.headers:
                return None, urljoin(current, response.headers["location"])
            if response.status_code >= 400:
                raise InputError(source, f"HTTP {response.status_code} {response.reason_phrase}".rstrip())
            data = _read_limited(response, source, settings.max_input_bytes, deadline)
            media_type = response.headers.get("content-type", "").split(";", 1)[0].strip().lower() or None
            return Fetched(source, current, data, media_type, response.charset_encoding), ""
    except httpx.TimeoutException:
        if time.monotonic() >= deadline:
            whole = _DEADLINE_FACTOR * settings.fetch_timeout
            raise InputError(source, f"timed out: no complete answer within {whole:g} s") from None
        raise InputError(source, f"timed out after {settings.fetch_timeout:g} s") from None
    except httpx.ConnectError as exc:
        raise InputError(source, f"cannot connect ({exc or 'connection refused'})") from None
    except httpx.HTTPError as exc:
        raise InputError(source, f"fetch failed ({type(exc).__name__}: {exc})") from None


def _read_limited(response: httpx.Response, source: str, limit: int, deadline: float) -> bytes:
    """The decoded body, refused as soon as it grows past `limit`: compressed bodies are inflated a bounded
    piece at a time (httpx would inflate a whole network chunk at once, and a 500 KB bomb holds 500 MB)."""
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise InputError(source, f"too large: {declared} bytes (the limit is {limit})")
    inflate = _inflater(response.headers.get("content-encoding", ""), source)
    chunks: list[bytes] = []
    size = 0
    for raw in response.iter_raw():
        for chunk in inflate(raw, limit + 1 - size):
            size += len(chunk)
            if size > limit:
                raise InputError(source, f"too large: more than {limit} bytes (the limit is {limit}); download stopped")
            chunks.append(chunk)
        if time.monotonic() > deadline:
            raise InputError(source, "timed out while downloading the body")
    return b"".join(chunks)


def _inflater(content_encoding: str, source: str) -> Callable[[bytes, int], Iterator[bytes]]:
    """A function from raw bytes and the room left to decoded pieces, for the Content-Encodings we ask for."""
    encoding = content_encoding.strip().lower()
    if encoding in ("", "identity"):
        return lambda raw, room: iter((raw,))
    if encoding not in ("gzip", "x-gzip", "deflate"):
        raise InputError(source, f"unsupported content encoding: {content_encoding[:50]}")
    return _Inflater(encoding, source).pieces


class _Inflater:
    """gzip (possibly several members) or deflate (zlib-wrapped by the standard, raw in practice)."""

    def __init__(self, encoding: str, source: str):
        self.encoding, self.source = encoding, source
        self.wbits = zlib.MAX_WBITS | 16 if "gzip" in encoding else zlib.MAX_WBITS
        self.decoder = zlib.decompressobj(self.wbits)
        self.started = False

    def pieces(self, raw: bytes, room: int) -> Iterator[bytes]:
        while raw and room > 0:
            try:
                piece = self.decoder.decompress(raw, room)
            except zlib.error as exc:
                if self.encoding == "deflate" and not self.started and self.wbits > 0:
                    self.wbits = -zlib.MAX_WBITS
                    self.decoder = zlib.decompressobj(self.wbits)
                    continue
                raise InputError(self.source, f"corrupt {self.encoding} body ({exc})") from None
            self.started = True
            room -= len(piece)
            yield piece
            raw = self.decoder.unconsumed_tail
            if self.decoder.eof:  # another gzip member may follow; trailing garbage is ignored, as httpx does
                unused = self.decoder.unused_data
                raw = unused if self.wbits > zlib.MAX_WBITS and unused.startswith(b"\x1f\x8b") else b""
                self.decoder = zlib.decompressobj(self.wbits)
