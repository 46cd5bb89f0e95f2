"""What a text says about itself when its container says nothing: the outlet and a headline.

The outlet comes from a leading dateline or agency marker ("Islamabad (IP)-", "(Reuters) -", "IRNA –",
"Iran PressAsia:", "Meridian News Agency:"), else from the URL's registered domain. Only the first lines
count: an agency named mid-text ("an interview with the Meridian News Agency") is a source the article mentions,
not the outlet that published it. Abbreviations are resolved with the editable table `agencies.json`;
agencies missing from it are returned as written.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources
from types import MappingProxyType
from typing import Mapping
from urllib.parse import urlsplit

_HEAD_LINES = 3
_HEAD_CHARS = 200
_PLACE_WORD = r"(?:[A-Z][\w.'’-]*|de|del|da|do|la|le|el|al|upon|on|\d{1,4}(?:st|nd|rd|th)?\.?)"
_PLACE = rf"{_PLACE_WORD}(?:[ ,/]+{_PLACE_WORD}){{0,9}}"
_DASH = r"(?:-{1,2}|–|—|:)"
_PAREN_MARKER = re.compile(rf"^(?:{_PLACE})?\s*\((?P<agency>[^()\n]{{1,40}})\)\s*{_DASH}")
_NAME_COLON = re.compile(r"^(?P<name>[A-Z][\w&.'’-]*(?:\s+[A-Z][\w&.'’-]*){0,5})\s*:\s*\S")
_AGENCY_WORDS = (
    "News|Press|Agency|Agence|Wire|Service|Services|Network|TV|Radio|Media|Times|Post|Daily|Herald|Tribune"
    "|Gazette|Journal|Telegraph|Chronicle|Broadcasting"
)
_ENDS_WITH_AGENCY_WORD = re.compile(rf"\b(?:{_AGENCY_WORDS})$")
_GLUED_SECTION = re.compile(rf"^(?P<base>.*?\b(?:{_AGENCY_WORDS}))(?P<section>[A-Z][a-z]+)$")
_GENERIC_LABELS = frozenset(
    {"Breaking", "Latest", "Top", "World", "Local", "Business", "Sports", "Live", "Fake", "More", "Related", "Good"}
)
_TITLE_MAX_CHARS = 150
_TITLE_MAX_WORDS = 20
_NOT_A_TITLE_START = re.compile(r"^(?:by\s|published|posted|updated|date[d]?\b|photo|image|credit)", re.IGNORECASE)


@lru_cache(maxsize=1)
def agency_names() -> Mapping[str, str]:
    """Marker as written (dots removed) → outlet name, from agencies.json."""
    raw = resources.files("newsprism.ingest").joinpath("agencies.json").read_text(encoding="utf-8")
    return MappingProxyType(json.loads(raw)["agencies"])


@lru_cache(maxsize=1)
def _known_marker_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    names = sorted(agency_names(), key=len, reverse=True)
    alternation = "|".join(re.escape(name) for name in names)
    dash = re.compile(rf"^(?:{_PLACE}[,\s]+)?(?P<name>{alternation})\s*(?:-{{1,2}}|–|—)\s")
    byline = re.compile(rf"^[Bb][Yy]\s+(?:[Tt]he\s+)?(?P<name>{alternation})\b")
    return dash, byline


@lru_cache(maxsize=1)
def _domain_extractor():
    import tldextract

    return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)


def outlet_from_text(text: str) -> tuple[str, str] | None:
    """(outlet, how it was found) from a dateline or agency marker in the first lines, else None."""
    for line in _head_lines(text):
        found = _outlet_in_line(line)
        if found:
            return found
    return None


def outlet_from_url(url: str | None) -> str | None:
    """The registered domain ("bbc.co.uk"), or None for addresses without one (IPs, localhost)."""
    if not url:
        return None
    return _domain_extractor()(url).top_domain_under_public_suffix or None


def title_from_text(text: str) -> str | None:
    """The first line when it reads like a headline (short, no closing full stop, more text after it)."""
    head = text.lstrip().split("\n", 1)
    if len(head) < 2 or not head[1].strip():
        return None
    line = head[0].strip()
    words = line.split()
    if not words or len(line) > _TITLE_MAX_CHARS or len(words) > _TITLE_MAX_WORDS:
        return None
    if line[-1] in ".,;:" or not (line[0].isupper() or line[0].isdigit() or line[0] in "\"'“‘"):
        return None
    if _NOT_A_TITLE_START.match(line) or _outlet_in_line(line):
        return None
    return line


def _head_lines(text: str) -> list[str]:
    lines = []
    for line in text.split("\n", 20)[:20]:
        if line.strip():
            lines.append(line.strip()[:_HEAD_CHARS])
        if len(lines) == _HEAD_LINES:
            break
    return lines


def _outlet_in_line(line: str) -> tuple[str, str] | None:
    paren = _PAREN_MARKER.match(line)
    if paren:
        agency = _agency_from_parenthesis(paren["agency"])
        if agency:
            return agency, "dateline"
    dash, byline = _known_marker_patterns()
    for pattern, how in ((dash, "agency marker"), (byline, "byline")):
        match = pattern.match(line)
        if match:
            return _resolve(match["name"]), how
    colon = _NAME_COLON.match(line)
    if colon:
        agency = _agency_from_label(colon["name"])
        if agency:
            return agency, "agency marker"
    return None


def _resolve(written: str) -> str:
    return agency_names().get(written.replace(".", "").strip(), written.strip())


def _agency_from_parenthesis(written: str) -> str | None:
    written = re.sub(r"^[Tt]he\s+", "", written.strip())
    if not written or not written[0].isalpha() or any(c.isdigit() for c in written) or len(written.split()) > 6:
        return None
    if not (written[0].isupper() or written in agency_names()):
        return None
    return _resolve(written)


def _agency_from_label(name: str) -> str | None:
    """"Meridian News Agency" → itself; "Iran PressAsia" (a section glued on) → "Iran Press"; "Kabul" → None."""
    known = agency_names()
    glued = _GLUED_SECTION.match(name)
    candidates = [name, glued["base"]] if glued else [name]
    for candidate in candidates:
        if candidate.replace(".", "") in known:
            return _resolve(candidate)
    for candidate in candidates:
        words = candidate.split()
        if len(words) >= 2 and _ENDS_WITH_AGENCY_WORD.search(candidate) and words[0] not in _GENERIC_LABELS:
            return candidate
    return None


_SERVICE_LABELS = frozenset({"www", "feeds", "feed", "rss", "m", "news", "edition", "api"})
_SECTION_SEPARATOR = re.compile(r"\s+[-–—|>:]\s+|:\s+")


def outlet_from_feed_title(title: str | None, link: str | None) -> str | None:
    """The outlet's name in a feed title that adds a section ("Northgate Post - Business", "Reuters: World News"):
    the part that spells the site's domain ("northgatepost.example"); otherwise the title as it is."""
    if not title:
        return title
    parts = [p.strip() for p in _SECTION_SEPARATOR.split(title) if p.strip()]
    host = (urlsplit(link).hostname or "") if link else ""
    labels = [label for label in host.lower().split(".")[:-1] if label not in _SERVICE_LABELS]
    if len(parts) < 2 or not labels:
        return title
    site = re.sub(r"[^a-z0-9]", "", labels[0])

    def spells(part: str) -> bool:
        letters = re.sub(r"[^a-z0-9]", "", part.lower())
        return bool(site) and bool(letters) and (site in letters or letters in site)

    matching = [p for p in parts if spells(p)]
    return matching[0] if len(matching) == 1 else title
