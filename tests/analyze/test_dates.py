"""Dates resolved against the publication date, on the real spaCy model."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from newsprism.analyze import analyze_articles
from newsprism.analyze.dates import is_duration, resolve_expression
from newsprism.model import Article

SAMPLES = Path(__file__).resolve().parents[2].parent / "shared" / "samples"
AFGHAN_OUTLET = SAMPLES / "000_3c8c79a0ff0d5c27.txt"
PUBLISHED = date(2024, 1, 17)  # a Wednesday


def analyse(text: str, published: str | None = "2024-01-17"):
    return analyze_articles([Article(id="t", text=text, source="test", published=published)])[0]


def values(analysis) -> dict[str, str | None]:
    return {d.text: d.value for d in analysis.dates}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("on Tuesday, January 16th", "2024-01-16"),
        ("Tuesday", "2024-01-16"),
        ("Wednesday", "2024-01-17"),
        ("last Friday", "2024-01-12"),
        ("next Monday", "2024-01-22"),
        ("today", "2024-01-17"),
        ("yesterday", "2024-01-16"),
        ("two days ago", "2024-01-15"),
        ("on March 3", "2024-03-03"),
        ("December 28", "2023-12-28"),
        ("3 March 2021", "2021-03-03"),
        ("Jan. 5, 2023", "2023-01-05"),
        ("March 2021", "2021-03"),
        ("2019", "2019"),
        ("in 2021", "2021"),
        ("last year", "2023"),
        ("last week", None),
        ("the 1990s", None),
    ],
)
def test_expressions_resolve_against_the_publication_date(text, expected):
    assert resolve_expression(text, PUBLISHED) == expected


def test_without_a_publication_date_only_absolute_dates_resolve():
    assert resolve_expression("Tuesday", None) is None
    assert resolve_expression("yesterday", None) is None
    assert resolve_expression("3 March 2021", None) == "2021-03-03"
    assert resolve_expression("in 2019", None) == "2019"
    assert resolve_expression("May 03, 2013", None) == "2013-05-03"  # "May" beside a number is the month
    assert resolve_expression("May 2013", None) == "2013-05"
    assert resolve_expression("2013-09-26", None) == "2013-09-26"  # ISO needs no publication date
    assert resolve_expression("May", None) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a date written in full that spaCy's DATE entity cuts short or misses is still read whole
        ("Lohan leaves rehab\nPosted on Thu Jun 13, 2013 08:45 AM PDT\nThe actress left on Thursday.", "2013-06-13"),
        ("9:53 AM, MON 22 JUL 2013\nLatest on the supermarket fire\nThe site manager spoke.", "2013-07-22"),
        ("Fri., May. 3, 2013 11:45 AM PDT\nEarly Friday morning the actress arrived.", "2013-05-03"),
        ("Turkmen election\n2013-09-26\nFor the first time two parties compete.", "2013-09-26"),
        ("Posted 2013-09-26T08:45:00Z\nThe minister resigned.", "2013-09-26"),
        ("The fire on 10 May 2019 destroyed the mill.", "2019-05-10"),
        # a name with a number, or a reference number, is not a date
        ("Microsoft shipped the Windows 10 May 2019 Update to users.", None),
        ("Apple sold the iPhone 11 Sept 2019 models.", None),
        ("Report no. 2019-05-12 was filed on March 3, 2020.", "2020-03-03"),
    ],
)
def test_event_date_without_metadata(text, expected):
    assert analyse(text, published=None).event_date == expected


def test_durations_are_not_dates():
    for text in ("20 years", "the past two years", "more than three months", "24 hours"):
        assert is_duration(text), text
    for text in ("last year", "last week", "Tuesday", "two days ago"):
        assert not is_duration(text), text


def test_article_dates_and_event_date():
    analysis = analyse(
        "The envoy spoke on Tuesday, January 16th, in Islamabad. After 20 years of war, talks resumed "
        "yesterday. The bridge will reopen on March 3. It was built in 1998."
    )
    found = values(analysis)
    assert found["Tuesday, January 16th"] == "2024-01-16"
    assert found["yesterday"] == "2024-01-16"
    assert found["March 3"] == "2024-03-03"
    assert found["1998"] == "1998"
    assert not any("20 years" in text for text in found)
    assert analysis.event_date == "2024-01-16"
    assert analysis.dates[0].sentence == 0


def test_event_date_falls_back_to_publication_and_skips_future_dates():
    assert analyse("The bridge will reopen on March 3.").event_date == "2024-01-17"
    assert analyse("The minister spoke to reporters.", published=None).event_date is None


def test_sample_interview_date_is_resolved():
    if not AFGHAN_OUTLET.exists():
        pytest.skip(f"sample article not found at {AFGHAN_OUTLET} (the shared samples folder is absent)")
    analysis = analyse(AFGHAN_OUTLET.read_text(encoding="utf-8"))
    assert "2024-01-16" in values(analysis).values()
    assert analysis.event_date == "2024-01-16"
    today = [d for d in analysis.dates if d.text.lower() == "today"]
    assert today and today[0].value == "2024-01-17"


def test_a_weekday_pins_the_year_of_an_undated_month_and_day():
    from datetime import date

    from newsprism.analyze.dates import _year_of_weekday

    today = date(2026, 12, 5)
    assert _year_of_weekday(1, 16, 1, today) == date(2024, 1, 16)  # Tuesday, January 16th
    assert _year_of_weekday(1, 16, 0, today) is None  # a Monday: 2023, three years back, is too far to guess
    assert _year_of_weekday(12, 30, 2, today) is None  # Wednesday 30 December 2026 is still to come
