"""Turn extracted text and whatever metadata the container had into an `Article`, inferring the rest.

Every parser ends here, so inference is the same for every format: the container's value wins; otherwise the
outlet comes from a dateline or agency marker, then the URL's domain; the published date from the text; the
language from the packaged detector. `Article.meta` says where each inferred field came from.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..errors import InputError
from ..model import Article
from .dates import date_from_text, normalise_date
from .decode import clean_field, clean_text
from .identity import article_id, count_words
from .language import detect_language
from .metadata import outlet_from_text, outlet_from_url, title_from_text


@dataclass
class Found:
    """What a container said about one article (all optional), and where each value came from."""

    title: str | None = None
    url: str | None = None
    published: Any = None
    outlet: str | None = None
    language: str | None = None
    origin: str = "metadata"  # how to name the container in meta: "metadata", "html metadata", "feed", ...
    origin_of: dict[str, str] = field(default_factory=dict)  # per-field exceptions to `origin`
    notes: dict[str, Any] = field(default_factory=dict)

    def where(self, name: str) -> str:
        return self.origin_of.get(name, self.origin)


# The analysis parses an article in one piece (spaCy's own limit is 1,000,000 characters); a text this long is a
# book or a dump, not an article, and is rejected by name rather than failing the batch it came in.
MAX_TEXT_CHARS = 1_000_000

def build_article(text: str, source: str, found: Found | None = None, infer_title: bool = False) -> Article:
    """The Article for `text`; InputError when there is no text. `infer_title` allows a headline-like first
    line to serve as the title (plain text only: other containers say where their title is)."""
    found = found or Found()
    text = clean_text(text)
    if not text:
        raise InputError(source, "no text")
    if len(text) > MAX_TEXT_CHARS:
        raise InputError(source, f"text too long for one article ({len(text):,} characters; at most "
                                 f"{MAX_TEXT_CHARS:,})")
    meta: dict[str, Any] = dict(found.notes)
    article = Article(id=article_id(text), text=text, source=source, words=count_words(text), meta=meta)
    article.url = _clean(found.url)
    article.title = _title(text, found, infer_title, meta)
    article.outlet = _outlet(text, found, article.url, meta)
    article.id = article_id(text, article.outlet)  # one text from two outlets is two articles
    article.language = _language(text, found, meta)
    article.published = _published(text, found, article.language, meta)
    article.meta = {key: clean_field(value) if isinstance(value, str) else value for key, value in meta.items()}
    return article


def _clean(value: Any) -> str | None:
    if value is None:
        return None
    value = " ".join(clean_field(str(value)).split())
    return value or None


def _title(text: str, found: Found, infer: bool, meta: dict[str, Any]) -> str | None:
    title = _clean(found.title)
    if title:
        meta["title_from"] = found.where("title")
        return title
    if infer:
        title = title_from_text(text)
        if title:
            meta["title_from"] = "first line"
    return title


def _outlet(text: str, found: Found, url: str | None, meta: dict[str, Any]) -> str | None:
    outlet = _clean(found.outlet)
    if outlet:
        meta["outlet_from"] = found.where("outlet")
        return outlet
    marker = outlet_from_text(text)
    if marker:
        meta["outlet_from"] = marker[1]
        return marker[0]
    domain = outlet_from_url(url)
    if domain:
        meta["outlet_from"] = "url domain"
    return domain


def _published(text: str, found: Found, language: str | None, meta: dict[str, Any]) -> str | None:
    published = normalise_date(found.published, language)
    if published:
        meta["published_from"] = found.where("published")
        return published
    if found.published not in (None, ""):
        meta["published_unparsed"] = str(found.published)[:100]
    stated = date_from_text(text, language)
    if stated:
        meta["published_from"] = stated[1]
        return stated[0]
    return None


def _language(text: str, found: Found, meta: dict[str, Any]) -> str | None:
    detected = detect_language(text)
    if detected:
        meta["language_from"] = "detector"
        return detected
    declared = _clean(found.language)
    if declared:
        meta["language_from"] = found.where("language")
        return declared.split("-")[0].split("_")[0].lower()[:2]
    return None
