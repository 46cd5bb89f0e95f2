"""Publication dates: normalise what metadata says to ISO 8601, or find the date a text states about itself.

Only absolute dates with a year are accepted ("3 hours ago" or "Tuesday" say nothing on their own), so an
unknown date stays None rather than becoming today.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timezone
from email.utils import parsedate_to_datetime

_TIME_OF_DAY = re.compile(r"\d{1,2}:\d{2}")
_YEAR = re.compile(r"\b(1[89]\d\d|2[01]\d\d)\b")
_PUBLISHED_LINE = re.compile(
    r"^\s*(?:published|posted|first published|date|dated|updated|last updated)\s*(?:on|at)?\s*[:\-–—]?\s*(?P<value>.{6,80}?)\s*$",
    re.IGNORECASE,
)
_DATELINE_PLACE = re.compile(r"^(?P<place>[^()\n]{3,80}?)\s*\([^()\n]{1,40}\)\s*[-–—:]")
_HEAD_LINES = 20
_DATE_LINE_MAX_CHARS = 40


def normalise_date(value: object) -> str | None:
    """ISO 8601 date ("2024-01-16") or datetime ("2024-01-16T09:30:00+00:00") for a metadata value."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return _iso(value, has_time=True)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return _from_timestamp(float(value))
    text = str(value).strip()
    if not text or len(text) > 100:
        return None
    return _parse_iso(text) or _parse_rfc822(text) or _parse_free(text)


def date_from_text(text: str) -> tuple[str, str] | None:
    """(ISO date, where it was found) from the head of an article: its dateline, a "Published: …" line,
    or a line holding nothing but a date."""
    lines = [line.strip() for line in text.split("\n", _HEAD_LINES)[:_HEAD_LINES] if line.strip()]
    if not lines:
        return None
    dateline = _DATELINE_PLACE.match(lines[0])
    if dateline and "," in dateline["place"]:
        found = _parse_free(dateline["place"].split(",", 1)[1])
        if found:
            return found, "dateline"
    for line in lines:
        match = _PUBLISHED_LINE.match(line)
        if match:
            found = _parse_free(match["value"])
            if found:
                return found, "published line"
    for line in lines[:5]:
        if len(line) <= _DATE_LINE_MAX_CHARS and _YEAR.search(line):
            found = _parse_free(line)
            if found:
                return found, "date line"
    return None


def _iso(moment: datetime, has_time: bool) -> str:
    if not has_time:
        return moment.date().isoformat()
    return moment.isoformat(timespec="seconds")


def _from_timestamp(seconds: float) -> str | None:
    if seconds > 1e11:  # milliseconds
        seconds /= 1000
    try:
        return datetime.fromtimestamp(seconds, tz=timezone.utc).isoformat(timespec="seconds")
    except (OverflowError, OSError, ValueError):
        return None


def _parse_iso(text: str) -> str | None:
    candidate = text[:-1] + "+00:00" if text.endswith(("Z", "z")) else text
    try:
        parsed = datetime.fromisoformat(candidate)
    except ValueError:
        return None
    has_time = "T" in candidate or " " in candidate.strip()
    return _iso(parsed, has_time)


def _parse_rfc822(text: str) -> str | None:
    if not re.match(r"^(?:[A-Za-z]{3},\s*)?\d{1,2}\s+[A-Za-z]{3}\s+\d{4}", text):
        return None
    try:
        parsed = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    return _iso(parsed, has_time=bool(_TIME_OF_DAY.search(text)))


def _parse_free(text: str) -> str | None:
    """Human-written dates in many languages ("January 16th, 2024", "16. Januar 2024"), year required."""
    text = text.strip(" .,;:-–—")
    if not _YEAR.search(text):
        return None
    import dateparser

    parsed = dateparser.parse(
        text,
        settings={
            "PARSERS": ["timestamp", "custom-formats", "absolute-time"],
            "REQUIRE_PARTS": ["day", "month", "year"],
            "PREFER_DAY_OF_MONTH": "first",
            "RETURN_AS_TIMEZONE_AWARE": False,
            "STRICT_PARSING": False,
        },
    )
    if parsed is None:
        return None
    has_time = bool(_TIME_OF_DAY.search(text)) and parsed.time() != time(0, 0)
    return _iso(parsed, has_time)
