"""Which parser reads an input: by file extension, by the HTTP content type, or by sniffing the bytes.

`parse_payload` runs the chosen parser and yields Articles and InputErrors; it never raises for bad input.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import PurePosixPath
from urllib.parse import urlsplit

from ..errors import InputError
from ..model import Article
from ..settings import Settings
from .decode import check_text_bytes, decode_bytes
from .feeds import looks_like_feed, parse_feed
from .html import declared_charset, parse_html
from .records import TEXT_ALIASES, parse_csv, parse_json, parse_jsonl
from .text import parse_markdown, parse_text

EXTENSIONS = {
    ".txt": "text", ".text": "text",
    ".md": "markdown", ".markdown": "markdown",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".json": "json",
    ".jsonl": "jsonl", ".ndjson": "jsonl",
    ".csv": "csv", ".tsv": "csv",
    ".xml": "feed", ".rss": "feed", ".atom": "feed",
}
_MEDIA_TYPES = {
    "text/html": "html", "application/xhtml+xml": "html",
    "application/rss+xml": "feed", "application/atom+xml": "feed", "application/rdf+xml": "feed",
    "application/feed+json": "json", "application/json": "json",
    "application/x-ndjson": "jsonl", "application/jsonl": "jsonl", "application/jsonlines": "jsonl",
    "text/csv": "csv", "text/tab-separated-values": "csv",
    "text/markdown": "markdown", "text/x-markdown": "markdown",
}
_HTML_START = re.compile(rb"^\s*<(?:!doctype\s+html|html|head|body|article|div|p|section|main|h[1-6])\b", re.I)
_XML_START = re.compile(rb"^\s*<(?:\?xml|!--)", re.I)


@dataclass(frozen=True)
class Payload:
    """The raw bytes of one input, and what is known about them before parsing."""

    source: str  # as given by the user, or the path found inside a given directory
    data: bytes
    format: str | None = None  # a key of the parsers below, None to sniff
    url: str | None = None
    charset: str | None = None  # declared by HTTP
    final_url: str | None = None  # where the redirects ended


def format_for_path(path: str) -> str | None:
    return EXTENSIONS.get(PurePosixPath(path).suffix.lower())


def format_for_response(media_type: str | None, url: str) -> str | None:
    """The content type decides; generic types (text/plain, XML, octet-stream) fall back to the URL's
    extension, then to sniffing."""
    known = _MEDIA_TYPES.get(media_type or "")
    if known:
        return known
    by_extension = format_for_path(urlsplit(url).path)
    if by_extension:
        return by_extension
    return "text" if media_type == "text/plain" else None


def sniff_format(data: bytes) -> str:
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith((b"{", b"[")):
        return "json"
    if looks_like_feed(head):
        return "feed"
    if _HTML_START.match(head) or _XML_START.match(head):
        return "html"
    first_line = head.split(b"\n", 1)[0].decode("utf-8", "replace").lower()
    columns = {c.strip(" \"'\r") for c in re.split(r"[,\t;|]", first_line)}
    if len(columns) > 1 and columns & set(TEXT_ALIASES):
        return "csv"
    return "text"


def parse_payload(payload: Payload, settings: Settings) -> Iterator[Article | InputError]:
    fmt = payload.format or sniff_format(payload.data)
    source, data = payload.source, payload.data
    try:
        if fmt == "feed":
            check_text_bytes(data, source)
            yield from parse_feed(data, source)
        elif fmt == "html":
            text = decode_bytes(data, source, payload.charset or declared_charset(data))
            yield parse_html(text, source, payload.url)
        else:
            text = decode_bytes(data, source, payload.charset)
            yield from _parse_decoded(fmt, text, source, payload.url, settings)
    except InputError as exc:
        yield exc


def _parse_decoded(fmt: str, text: str, source: str, url: str | None, settings: Settings):
    if fmt == "json":
        yield from parse_json(text, source)
    elif fmt == "jsonl":
        yield from parse_jsonl(text, source)
    elif fmt == "csv":
        yield from parse_csv(text, source, settings.max_input_bytes)
    elif fmt == "markdown":
        yield parse_markdown(text, source, url)
    else:
        yield parse_text(text, source, url)
