"""Dates resolved against the article's publication date, and the article's event date.

Candidates are spaCy DATE entities plus relative words the model sometimes misses ("today", weekdays).
Resolution, in order:

- relative days: "today", "tonight", "this morning" → the publication date; "yesterday", "last night" → the day
  before; "tomorrow" → the day after; "N days/weeks ago" → counted back;
- weekdays: "Tuesday", "on Tuesday, January 16th": with a month and day, the year (from the publication
  date) is the one within six months of it, preferring one where the weekday agrees; a bare weekday is the most
  recent such day on or before publication ("next Tuesday" looks forward);
- month and day, with or without year ("March 3", "3 March 2021", "Jan. 16, 2024"): as above when the year is
  missing; month and year → "2021-03"; a year alone ("2019", "in 2021") → "2019"; "last year" → the year before;
- anything else goes to dateparser with the publication date as `RELATIVE_BASE` and past dates preferred.

Values are ISO 8601 at the precision written (YYYY-MM-DD, YYYY-MM or YYYY). Durations ("20 years", "the past
two years") are not dates and are left to the numbers step. Vague periods ("last week", "recently", "the 1990s")
keep a null value. Without a publication date only absolute dates (with their own year) are resolved, and a
month and day with a weekday ("Tuesday, January 16th"), which pins the year: the latest fitting year, at most two
years back from today.

`event_date`: the first full date (YYYY-MM-DD) resolved in the lead sentences that is not after publication,
else the publication date, else the first full date anywhere.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from ..model import DateMention

LEAD_SENTENCES = 4
NEAR_DAYS = 183

WEEKDAYS = {name: i for i, name in enumerate(
    ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"))}
MONTHS = {name: i + 1 for i, name in enumerate(
    ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
     "november", "december"))}
MONTHS.update({name[:3]: number for name, number in list(MONTHS.items())})
MONTHS["sept"] = 9

NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "several": None, "few": None}
UNIT_DAYS = {"day": 1, "days": 1, "week": 7, "weeks": 7}
DURATION_UNITS = r"(?:seconds?|minutes?|hours?|days?|nights?|weeks?|months?|years?|decades?|centur(?:y|ies))"
COUNT_WORDS = (r"(?:[\d.,]+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|"
               r"thirty|forty|fifty|hundred|several|few|couple of|many|dozens of|hundreds of|\w+-\w+)")
DURATION = re.compile(
    rf"^(?:(?:the|a|an)\s+)?(?:(?:past|last|next|first|coming|previous|more than|over|nearly|almost|about|"
    rf"around|some|at least|up to)\s+)*{COUNT_WORDS}\s+(?:and a half\s+)?{DURATION_UNITS}"
    rf"(?:\s+(?:old|long|later|earlier))?$",
    re.I,
)
AGO = re.compile(rf"^(\w+)\s+({'|'.join(UNIT_DAYS)})\s+ago$", re.I)
YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
DAY = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\b")
LEADING = re.compile(r"^(?:on|in|at|by|since|from|until|till|during|of|for|early|late|mid|the)\s+", re.I)
EXTRA_WORDS = re.compile(r"\b(today|tonight|yesterday|tomorrow|" + "|".join(WEEKDAYS) + r")\b", re.I)
SAME_DAY = ("today", "tonight", "this morning", "this afternoon", "this evening", "earlier today", "later today")
DAY_BEFORE = ("yesterday", "last night", "yesterday morning", "yesterday afternoon", "yesterday evening")


def parse_published(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z]+", text.lower())


def _month_day(text: str) -> tuple[int | None, int | None]:
    words = _words(text)
    # "May" alone is as likely the verb; with a number beside it ("May 3, 2013", "May 2013") it is the month
    month = next((MONTHS[w] for w in words
                  if w in MONTHS and not (w == "may" and len(words) == 1 and not re.search(r"\d", text))), None)
    if month is None:
        return None, None
    without_years = YEAR.sub(" ", text)
    day = next((int(m.group(1)) for m in DAY.finditer(without_years) if 1 <= int(m.group(1)) <= 31), None)
    return month, day


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _nearest_year(month: int, day: int, weekday: int | None, published: date) -> date | None:
    options = [d for y in (published.year - 1, published.year, published.year + 1)
               if (d := _safe_date(y, month, day)) and abs((d - published).days) <= NEAR_DAYS]
    if weekday is not None:
        options = [d for d in options if d.weekday() == weekday] or options
    return min(options, key=lambda d: abs((d - published).days), default=None)


WEEKDAY_YEARS_BACK = 2  # an undated article's "Tuesday, January 16th" is read in this year or the two before


def _year_of_weekday(month: int, day: int, weekday: int, today: date) -> date | None:
    """The latest day with this month, day and weekday, not after `today` and at most WEEKDAY_YEARS_BACK
    years back (news is read soon after it is written); None when no year in that span fits."""
    for year in range(today.year, today.year - WEEKDAY_YEARS_BACK - 1, -1):
        found = _safe_date(year, month, day)
        if found and found <= today and found.weekday() == weekday:
            return found
    return None


def _weekday_date(weekday: int, published: date, words: list[str]) -> date:
    if "next" in words or "coming" in words:
        return published + timedelta(days=(weekday - published.weekday() - 1) % 7 + 1)
    back = (published.weekday() - weekday) % 7
    if "last" in words and back == 0:
        back = 7
    return published - timedelta(days=back)


def resolve_expression(text: str, published: date | None) -> str | None:
    """ISO value of one date expression, or None when it cannot be pinned down."""
    clean = text.strip().rstrip(".,")
    while LEADING.match(clean):
        clean = LEADING.sub("", clean, count=1)
    lower = clean.lower()
    words = _words(lower)
    years = [int(y) for y in YEAR.findall(clean)]
    month, day = _month_day(clean)
    weekday = next((WEEKDAYS[w] for w in words if w in WEEKDAYS), None)

    if re.search(r"\d0'?s\b", lower):
        return None  # decades
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}(?:T\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:Z|[+-]\d\d:?\d\d)?)?", clean):  # ISO
        found = _safe_date(int(clean[:4]), int(clean[5:7]), int(clean[8:10]))
        return found.isoformat() if found else None
    if re.fullmatch(r"\d{1,4}[/.-]\d{1,2}[/.-]\d{2,4}", clean):
        return _dateparser(clean, published) if published else None
    if month and day and years:
        found = _safe_date(years[0], month, day)
        return found.isoformat() if found else None
    if month and years:
        return f"{years[0]:04d}-{month:02d}"
    if years and len(set(years)) == 1:
        return f"{years[0]:04d}"
    if published is None:
        if month and day and weekday is not None:  # "Tuesday, January 16th": the weekday pins the year
            found = _year_of_weekday(month, day, weekday, date.today())
            return found.isoformat() if found else None
        return None
    if lower in SAME_DAY or (words and words[0] == "today"):
        return published.isoformat()
    if lower in DAY_BEFORE:
        return (published - timedelta(days=1)).isoformat()
    if lower in ("tomorrow", "tomorrow morning", "tomorrow night"):
        return (published + timedelta(days=1)).isoformat()
    if month and day:
        found = _nearest_year(month, day, weekday, published)
        return found.isoformat() if found else None
    if weekday is not None and (month is None):
        return _weekday_date(weekday, published, words).isoformat()
    if month and not day and len(words) <= 2:
        year = published.year - (1 if month > published.month else 0)
        if "next" in words:
            year = published.year + (1 if month <= published.month else 0)
        return f"{year:04d}-{month:02d}"
    if lower in ("this year", "the year"):
        return f"{published.year:04d}"
    if lower in ("last year", "the previous year", "the past year"):
        return f"{published.year - 1:04d}"
    if lower == "next year":
        return f"{published.year + 1:04d}"
    if lower in ("last month", "the previous month"):
        first = published.replace(day=1) - timedelta(days=1)
        return f"{first.year:04d}-{first.month:02d}"
    if lower == "this month":
        return f"{published.year:04d}-{published.month:02d}"
    ago = AGO.match(lower)
    if ago:
        count = NUMBER_WORDS.get(ago.group(1), int(ago.group(1)) if ago.group(1).isdigit() else None)
        if count:
            return (published - timedelta(days=count * UNIT_DAYS[ago.group(2)])).isoformat()
        return None
    return _dateparser(clean, published)


def _dateparser(text: str, published: date | None) -> str | None:
    if not re.search(r"\d|" + "|".join(MONTHS), text.lower()):
        return None  # vague periods ("recent weeks", "the weekend") are not worth a parser call
    import dateparser

    base = datetime(published.year, published.month, published.day) if published else datetime.now()
    settings = {"PREFER_DATES_FROM": "past", "RELATIVE_BASE": base, "REQUIRE_PARTS": ["day", "month"],
                "RETURN_AS_TIMEZONE_AWARE": False}
    parsed = dateparser.parse(text, languages=["en"], settings=settings)
    return parsed.date().isoformat() if parsed is not None else None


def is_duration(text: str) -> bool:
    clean = text.strip()
    return bool(DURATION.match(clean)) and not AGO.match(clean.lower())


def _sentence_index(analysis, char: int) -> int:
    for sentence in analysis.sentences:
        if sentence.start <= char < sentence.end:
            return sentence.index
    return max(0, len(analysis.sentences) - 1)


_MONTH_NAME = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
               r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
_ORDINAL = r"\d{1,2}(?:st|nd|rd|th)?"
# A date written in full: "May 3, 2013", "Thu Jun 13, 2013", "22 Jul 2013", "3rd of March 2021", "2013-09-26".
# Datelines carry them, and spaCy's DATE entity often cuts them short ("13, 2013 08", "MON 22", "May").
FULL_DATE = re.compile(
    rf"\b(?:{_MONTH_NAME}\s+{_ORDINAL},?\s+(?:1[89]|20)\d\d\b|(?P<day>{_ORDINAL})\s+(?:of\s+)?{_MONTH_NAME},?\s+"
    r"(?:1[89]|20)\d\d\b|(?P<iso>(?:1[89]|20)\d\d-[01]\d-[0-3]\d)(?=T\d|\b(?!-)))",
    re.I,
)
# Words that may stand right before the day of "22 Jul 2013"; another capitalised word there is more likely a
# name with a number ("Windows 10 May 2019 Update", "iPhone 11 Sept 2019").
_BEFORE_DAY = frozenset("on of updated published posted created modified dated date last since from by until at "
                        "mon tue tues wed thu thur thurs fri sat sun monday tuesday wednesday thursday friday "
                        "saturday sunday".split())
_BEFORE = re.compile(r"([#\w][\w'.-]*)[ \t]*[:,]?[ \t]*$")


def _full_date_here(text: str, match: re.Match) -> bool:
    """Is this FULL_DATE match a date rather than a name with a number or a reference number?"""
    before = _BEFORE.search(text[max(0, match.start() - 40) : match.start()])
    word = before.group(1).lower().rstrip(".") if before else ""
    if match.group("iso"):
        return word not in ("no", "nr", "number", "ref", "id") and not word.startswith("#")
    if match.group("day") and word and word[0].isalpha() and word not in _BEFORE_DAY:
        return not any(c.isupper() for c in before.group(1))  # "the 10 May 2019"; not a name ("Windows 10")
    return True


def date_spans(doc) -> list[tuple[int, int, str]]:
    """(start_char, end_char, text) of DATE entities plus dates written in full that an entity cut short or
    missed (`FULL_DATE`, which replaces the entities it overlaps) and the relative words spaCy left untagged."""
    spans = [(e.start_char, e.end_char, e.text) for e in doc.ents if e.label_ == "DATE"]
    for match in FULL_DATE.finditer(doc.text):
        if not _full_date_here(doc.text, match):
            continue
        start, end = match.span()
        overlapping = [s for s in spans if s[0] < end and start < s[1]]
        if any(s[0] <= start and end <= s[1] for s in overlapping):
            continue  # an entity already holds the whole date
        spans = [s for s in spans if s not in overlapping] + [(start, end, match.group(0))]
    taken = [(s, e) for s, e, _ in spans] + [(e.start_char, e.end_char) for e in doc.ents]
    for match in EXTRA_WORDS.finditer(doc.text):
        if not any(s <= match.start() < e for s, e in taken):
            spans.append((match.start(), match.end(), match.group(0)))
    return sorted(spans)


def resolve_dates(step) -> None:
    """Pipeline step: fill `analysis.dates` and `analysis.event_date`."""
    analysis = step.analysis
    published = parse_published(step.article.published)
    for start, _end, text in date_spans(step.doc):
        if is_duration(text):
            continue
        analysis.dates.append(DateMention(text=text, value=resolve_expression(text, published),
                                          sentence=_sentence_index(analysis, start)))
    analysis.event_date = choose_event_date(analysis.dates, published)


def choose_event_date(dates: list[DateMention], published: date | None) -> str | None:
    full = [d for d in dates if d.value and len(d.value) == 10]
    for mention in sorted(full, key=lambda d: d.sentence):
        if mention.sentence >= LEAD_SENTENCES:
            break
        if published is None or date.fromisoformat(mention.value) <= published:
            return mention.value
    if published is not None:
        return published.isoformat()
    return full[0].value if full else None
