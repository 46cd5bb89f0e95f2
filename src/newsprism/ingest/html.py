"""HTML pages: the main text and metadata with trafilatura, boilerplate (navigation, ads, comments) dropped.

Also `html_to_text`, which keeps all of a small HTML fragment (a feed entry, a record's body) as plain text
with paragraph breaks.
"""

from __future__ import annotations

import re

from ..errors import InputError
from ..model import Article
from .assemble import Found, build_article

_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_BLOCKS = frozenset(
    "p div br li ul ol h1 h2 h3 h4 h5 h6 blockquote pre table tr section article header footer figure"
    " figcaption dd dt hr".split()
)
_DROPPED = frozenset({"script", "style", "noscript", "template", "iframe", "object", "svg"})
_BLANK_LINES = re.compile(r"\n\s*\n\s*")
_SPACES = re.compile(r"[ \t\u00a0]+")
_MIN_MAIN_TEXT_WORDS = 8  # below this, what trafilatura keeps is a menu or a caption, not an article
_DATE_PARAMS = {"extensive_search": False, "original_date": True}
# The page's own publication timestamp (trafilatura keeps the date only): a meta tag, JSON-LD or microdata.
_PUBLISHED_TIME = re.compile(
    r"""(?:(?:property|name|itemprop)\s*=\s*["'](?:article:published_time|og:published_time|datePublished|"""
    r"""pubdate|publishdate|sailthru\.date|dc\.date\.issued)["'][^>]*?(?:content|datetime)\s*=\s*["']"""
    r"""|"datePublished"\s*:\s*")(?P<value>\d{4}-\d\d-\d\d[T ]\d\d:\d\d[^"'<>]{0,12})""",
    re.IGNORECASE,
)


def declared_charset(data: bytes) -> str | None:
    """The charset a page names in its first 2 KB (`<meta charset=…>` or http-equiv)."""
    match = _CHARSET.search(data[:2048])
    return match.group(1).decode("ascii") if match else None


def parse_html(html: str, source: str, url: str | None = None) -> Article:
    """One page → one Article; InputError when trafilatura finds no main text."""
    from trafilatura import bare_extraction

    try:
        document = bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            date_extraction_params=_DATE_PARAMS,
        )
    except (ValueError, TypeError, AttributeError) as exc:
        raise InputError(source, f"not readable as HTML ({exc})") from None
    text = getattr(document, "text", None) if document is not None else None
    if not text or len(text.split()) < _MIN_MAIN_TEXT_WORDS:
        raise InputError(source, "no main text found in the HTML")
    found = _page_metadata(document, url)
    found.published = _with_time(found.published, html)
    return build_article(_without_title_line(text, found.title), source, found)


def _with_time(day: str | None, html: str) -> str | None:
    """The page's publication timestamp when it falls on the day trafilatura found (so two reports of one day
    can still be ordered); otherwise the day as found."""
    if not day:
        return day
    for match in _PUBLISHED_TIME.finditer(html[:200_000]):
        value = match.group("value").strip().replace(" ", "T", 1)
        if value[:10] == day[:10]:
            return value
    return day


def html_to_text(fragment: str) -> str:
    """All the text of an HTML fragment, block elements on their own lines."""
    import lxml.etree
    import lxml.html

    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (lxml.etree.ParserError, ValueError):
        return fragment
    parts: list[str] = []
    _collect_text(root, parts)
    text = _SPACES.sub(" ", "".join(parts))
    return _BLANK_LINES.sub("\n\n", text).strip()


def _without_title_line(text: str, title: str | None) -> str:
    """Drop the headline trafilatura keeps as the first line: it is the title, not body text."""
    first, _, rest = text.strip().partition("\n")
    if title and rest.strip() and " ".join(first.split()) == " ".join(title.split()):
        return rest
    return text


def _collect_text(element, parts: list[str]) -> None:
    tag = element.tag if isinstance(element.tag, str) else ""
    if tag in _DROPPED:
        parts.append(_tail(element))
        return
    block = tag.lower() in _BLOCKS
    if block:
        parts.append("\n\n")
    if tag:
        parts.append(element.text or "")
    for child in element:
        _collect_text(child, parts)
    if block:
        parts.append("\n\n")
    parts.append(_tail(element))


def _tail(element) -> str:
    return element.tail or ""


def _page_metadata(document, url: str | None) -> Found:
    """What the page says about itself. A sitename trafilatura derived from the URL counts as a domain,
    not as metadata, so that a dateline in the text can still name the outlet."""
    sitename = getattr(document, "sitename", None)
    hostname = getattr(document, "hostname", None)
    page_url = getattr(document, "url", None)
    if sitename and (sitename == hostname or (page_url and sitename in page_url)):
        sitename = None
    found = Found(
        title=getattr(document, "title", None),
        url=url or page_url,
        published=getattr(document, "date", None),
        outlet=sitename,
        language=getattr(document, "language", None),
        origin="html metadata",
    )
    if url and page_url and page_url != url:
        found.notes["canonical_url"] = page_url
    author = getattr(document, "author", None)
    if author:
        found.notes["author"] = author
    return found
