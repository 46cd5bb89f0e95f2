"""Outlet, title and date inference from the text itself, including the two seed articles."""

from __future__ import annotations

import pytest

from newsprism.ingest.dates import date_from_text, normalise_date
from newsprism.ingest.metadata import outlet_from_text, outlet_from_url, title_from_text

BODY = " The storm struck the coast on Tuesday, officials said."


def test_seed_with_iran_press_dateline(samples_dir, read):
    [article], errors = read([samples_dir / "003_bd36ac4c104837f8.txt"])
    assert errors == []
    assert article.outlet == "Iran Press"
    assert article.meta["outlet_from"] == "dateline"
    assert article.language == "en"
    assert article.title is None


def test_seed_mentioning_irna_mid_text_has_no_outlet(samples_dir, read):
    [article], errors = read([samples_dir / "000_3c8c79a0ff0d5c27.txt"])
    assert errors == []
    assert "IRNA news agency" in article.text
    assert article.outlet is None
    assert "outlet_from" not in article.meta
    assert article.title is None


@pytest.mark.parametrize(
    ("head", "outlet", "how"),
    [
        ("Islamabad (IP)-" + BODY, "Iran Press", "dateline"),
        ("Iran PressAsia:" + BODY, "Iran Press", "agency marker"),
        ("(Reuters) -" + BODY, "Reuters", "dateline"),
        ("WASHINGTON (AP) —" + BODY, "Associated Press", "dateline"),
        ("LONDON, Jan 5, 2024 (Reuters) -" + BODY, "Reuters", "dateline"),
        ("IRNA –" + BODY, "IRNA", "agency marker"),
        ("TEHRAN, IRNA –" + BODY, "IRNA", "agency marker"),
        ("PORT ELLIS (Coastline Wire) - " + BODY, "Coastline Wire", "dateline"),
        ("Meridian News Agency:" + BODY, "Meridian News Agency", "agency marker"),
        ("Rio de Janeiro (Bay Courier) -" + BODY, "Bay Courier", "dateline"),
        ("By The Associated Press\n" + BODY, "Associated Press", "byline"),
        ("Storm hits the coast\n\nKABUL (Xinhua) --" + BODY, "Xinhua", "dateline"),
    ],
)
def test_outlet_from_leading_marker(head, outlet, how):
    assert outlet_from_text(head) == (outlet, how)


@pytest.mark.parametrize(
    "text",
    [
        "The storm struck the coast, Reuters reported on Tuesday.",
        "Kabul: the storm struck the coast on Tuesday.",
        "Breaking News: the storm struck the coast.",
        "WASHINGTON — Michael Steele drew fierce criticism on Friday.",
        "The president (Joe Biden) - said nothing.",
        "One.\nTwo.\nThree.\nIRNA – a fourth line is too far down to be a dateline.",
        "Speaking to the IRNA news agency in Lisova, he said so.",
    ],
)
def test_no_outlet_without_a_leading_marker(text):
    assert outlet_from_text(text) is None


def test_outlet_from_url_is_the_registered_domain():
    assert outlet_from_url("https://www.bbc.co.uk/news/world-123") == "bbc.co.uk"
    assert outlet_from_url("http://edition.cnn.com/2024/story") == "cnn.com"
    assert outlet_from_url("http://127.0.0.1:8000/a") is None
    assert outlet_from_url(None) is None


def test_record_url_gives_the_outlet_when_nothing_else_does(tmp_path, read):
    path = tmp_path / "data.jsonl"
    path.write_text('{"text": "The storm struck the coast.", "url": "https://www.coastline-wire.co.uk/a"}\n')
    [article], _ = read([path])
    assert (article.outlet, article.meta["outlet_from"]) == ("coastline-wire.co.uk", "url domain")


def test_dateline_beats_url_domain(tmp_path, read):
    path = tmp_path / "data.jsonl"
    path.write_text('{"text": "(Reuters) - The storm struck.", "url": "https://aggregator.example/a"}\n')
    [article], _ = read([path])
    assert article.outlet == "Reuters"


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("Storm cuts power to 40,000 homes\nThe storm struck.", "Storm cuts power to 40,000 homes"),
        ("Will the harbour reopen?\nOfficials say soon.", "Will the harbour reopen?"),
        ("The storm struck the coast on Tuesday.\nMore.", None),
        ("Storm cuts power", None),
        ("Islamabad (IP)- Storm cuts power\nMore.", None),
        ("By Jane Ortiz\nThe storm struck.", None),
        ("lowercase start of a line\nMore.", None),
        (" ".join(["word"] * 30).capitalize() + "\nMore.", None),
    ],
)
def test_title_only_when_the_first_line_reads_like_a_headline(text, title):
    assert title_from_text(text) == title


@pytest.mark.parametrize(
    ("value", "iso"),
    [
        ("2024-03-05", "2024-03-05"),
        ("2024-03-05T08:00:00Z", "2024-03-05T08:00:00+00:00"),
        ("Tue, 05 Mar 2024 08:00:00 GMT", "2024-03-05T08:00:00+00:00"),
        ("March 5, 2024", "2024-03-05"),
        ("5 mars 2024", "2024-03-05"),
        ("3 hours ago", None),
        ("Tuesday", None),
        ("not a date", None),
        ("", None),
        (None, None),
    ],
)
def test_normalise_date(value, iso):
    assert normalise_date(value) == iso


def test_published_from_the_text(tmp_path, read):
    dateline = tmp_path / "dateline.txt"
    dateline.write_text("LONDON, January 16, 2024 (Reuters) - The storm struck the coast.\n")
    published = tmp_path / "published.txt"
    published.write_text("Storm cuts power\nPublished: 5 March 2024\nThe storm struck the coast.\n")
    undated = tmp_path / "undated.txt"
    undated.write_text("The minister gave the interview on Tuesday, January 16th, in Lisova.\n")
    articles, _ = read([dateline, published, undated])
    assert [a.published for a in articles] == ["2024-01-16", "2024-03-05", None]
    assert [a.meta.get("published_from") for a in articles] == ["dateline", "published line", None]


def test_date_from_text_ignores_dates_deep_in_the_body():
    text = "He spoke at length.\n" * 30 + "Published: 5 March 2024\n"
    assert date_from_text(text) is None
