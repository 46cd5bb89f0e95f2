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
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MONTH = r"(?P<month>(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*)\.?"
_MONTH_DAY_YEAR = re.compile(rf"\b{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>\d{{4}})\b", re.I)
_DAY_MONTH_YEAR = re.compile(rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\.?\s+(?:of\s+)?{_MONTH},?\s+(?P<year>\d{{4}})\b", re.I)
_NUMERIC_DATE = re.compile(r"\b(?P<first>\d{1,2})\s*[/.]\s*(?P<second>\d{1,2})\s*[/.]\s*(?P<year>\d{4})\b")
_HEAD_LINES = 20
_DATE_LINE_MAX_CHARS = 40


def normalise_date(value: object, language: str | None = None) -> str | None:
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
    return _parse_iso(text) or _parse_rfc822(text) or _parse_free(text, language)


def date_from_text(text: str, language: str | None = None) -> tuple[str, str] | None:
    """(ISO date, where it was found) from the head of an article: its dateline, a "Published: …" line,
    or a line holding nothing but a date."""
    lines = [line.strip() for line in text.split("\n", _HEAD_LINES)[:_HEAD_LINES] if line.strip()]
    if not lines:
        return None
    dateline = _DATELINE_PLACE.match(lines[0])
    if dateline and "," in dateline["place"]:
        found = _parse_free(dateline["place"].split(",", 1)[1], language)
        if found:
            return found, "dateline"
    for line in lines:
        match = _PUBLISHED_LINE.match(line)
        if match:
            found = _parse_free(match["value"], language)
            if found:
                return found, "published line"
    for line in lines[:5]:
        if len(line) <= _DATE_LINE_MAX_CHARS and _YEAR.search(line):
            found = _parse_free(line, language)
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


def _parse_free(text: str, language: str | None = None) -> str | None:
    """Human-written dates ("May 3rd, 2013 2: 00pm", "16. Januar 2024"), year required: common English and
    numeric forms by pattern, anything else with dateparser in the article's language."""
    text = text.strip(" .,;:-–—|")
    if not _YEAR.search(text):
        return None
    return _english_date(text) or _dateparser_date(text, language)


def _english_date(text: str) -> str | None:
    for pattern in (_MONTH_DAY_YEAR, _DAY_MONTH_YEAR):
        match = pattern.search(text)
        if match:
            month = _MONTHS.index(match["month"][:3].lower()) + 1
            return _valid_date(int(match["year"]), month, int(match["day"]))
    numeric = _NUMERIC_DATE.search(text)
    if numeric:
        first, second, year = int(numeric["first"]), int(numeric["second"]), int(numeric["year"])
        if first > 12 >= second:
            return _valid_date(year, second, first)
        if second > 12 >= first:
            return _valid_date(year, first, second)
    return None


def _valid_date(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def _dateparser_date(text: str, language: str | None) -> str | None:
    import dateparser

    # With a known language dateparser skips its slow search through every locale.
    languages = list(dict.fromkeys([language, "en"])) if language else None
    try:
        parsed = dateparser.parse(
            text,
            languages=languages,
            settings={
                "PARSERS": ["timestamp", "custom-formats", "absolute-time"],
                "REQUIRE_PARTS": ["day", "month", "year"],
                "PREFER_DAY_OF_MONTH": "first",
                "RETURN_AS_TIMEZONE_AWARE": False,
            },
        )
    except (ValueError, LookupError, OverflowError):
        return None
    if parsed is None:
        return None
    has_time = bool(_TIME_OF_DAY.search(text)) and parsed.time() != time(0, 0)
    return _iso(parsed, has_time)
