"""RSS and Atom feeds with feedparser: one Article per entry.

An entry's text is its longest `content` (else its summary), HTML reduced to text; its link is the URL; its
published (else updated) date is the date; the outlet is the entry's own `<source>` title, else the feed's
title (without a section the title adds: "Northgate Post - Business" on northgatepost.example is "Northgate Post").
Entries are named `<path>#<n>` (n from 1, in feed order); a rejected entry is reported as
`InputError(<path>, "entry 3: …")` and the other entries still load.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from datetime import datetime, timezone
from typing import Any

from ..errors import InputError
from ..model import Article
from .assemble import Found, build_article
from .dates import normalise_date
from .html import html_to_text
from .metadata import outlet_from_feed_title

_FEED_ROOT = re.compile(rb"<(?:rss|feed|rdf:RDF)[\s>]", re.IGNORECASE)
_DATE_KEYS = ("published", "updated", "created")


def looks_like_feed(data: bytes) -> bool:
    return bool(_FEED_ROOT.search(data[:2048]))


def parse_feed(data: bytes, source: str) -> Iterator[Article | InputError]:
    """Articles and rejected entries; a malformed feed from which no article could be read is one error."""
    import feedparser

    # A file object, never bytes or str: feedparser would open those as a path or fetch them as a URL.
    parsed = feedparser.parse(io.BytesIO(data))
    if not parsed.entries:
        raise InputError(source, _empty_feed_reason(parsed))
    channel = parsed.get("feed", {})
    results = [_entry_result(entry, channel, source, number) for number, entry in enumerate(parsed.entries, 1)]
    if parsed.get("bozo") and not any(isinstance(result, Article) for result in results):
        raise InputError(source, _empty_feed_reason(parsed))
    yield from results


def _entry_result(entry: Any, channel: Any, source: str, number: int) -> Article | InputError:
    try:
        return _entry_article(entry, channel, f"{source}#{number}")
    except InputError as exc:
        return InputError(source, f"entry {number}: {exc.reason}")
    except Exception as exc:  # one odd entry must not stop the others
        return InputError(source, f"entry {number}: could not be read ({type(exc).__name__}: {exc})")


def _empty_feed_reason(parsed: Any) -> str:
    if parsed.get("bozo"):
        problem = str(parsed.get("bozo_exception", "")).strip() or "malformed XML"
        return f"not a valid RSS or Atom feed ({problem})"
    if not parsed.get("version"):
        return "not an RSS or Atom feed"
    return "feed has no entries"


def _entry_article(entry: Any, channel: Any, source: str) -> Article:
    text = _entry_text(entry)
    if not text:
        raise InputError(source, "no text (neither content nor summary)")
    entry_source = entry.get("source") or {}
    outlet = entry_source.get("title") if hasattr(entry_source, "get") else None
    found = Found(
        title=_plain(entry.get("title")),
        url=entry.get("link"),
        published=_entry_date(entry),
        outlet=outlet or outlet_from_feed_title(_plain(channel.get("title")), channel.get("link")),
        language=channel.get("language"),
        origin="feed",
        origin_of={"outlet": "feed entry source"} if outlet else {},
    )
    author = entry.get("author")
    if author:
        found.notes["author"] = author
    return build_article(text, source, found)


def _entry_text(entry: Any) -> str:
    candidates = [(c.get("value") or "", c.get("type") or "") for c in entry.get("content") or []]
    if not any(value.strip() for value, _ in candidates):
        detail = entry.get("summary_detail") or {}
        candidates = [(entry.get("summary") or "", detail.get("type") or "text/html")]
    value, kind = max(candidates, key=lambda candidate: len(candidate[0]))
    if "html" in kind or "<" in value:
        value = html_to_text(value)
    return value.strip()


def _entry_date(entry: Any) -> str | None:
    for key in _DATE_KEYS:
        iso = normalise_date(entry.get(key))
        if iso:
            return iso
        parsed = entry.get(f"{key}_parsed")
        if parsed:
            return datetime(*parsed[:6], tzinfo=timezone.utc).isoformat(timespec="seconds")
    return None


def _plain(value: str | None) -> str | None:
    if not value:
        return None
    return html_to_text(value) if "<" in value else value
