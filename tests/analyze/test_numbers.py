"""Numbers with values, units and what they count, on the real spaCy model."""

from __future__ import annotations

from newsprism.analyze import analyze_articles
from newsprism.analyze.numbers import word_value
from newsprism.model import Article


def numbers(text: str) -> dict[str, tuple]:
    analysis = analyze_articles([Article(id="t", text=text, source="test", published="2024-01-17")])[0]
    return {n.text: (n.value, n.unit, n.counts) for n in analysis.numbers}


def test_counts_of_people():
    found = numbers("Two children were killed and 12 people were injured in the blast.")
    assert found["Two"] == (2.0, None, "children")
    assert found["12"] == (12.0, None, "people")


def test_money_with_currency_before_or_after():
    found = numbers("The government pledged CHF 3 billion to the fund; donors added $1.2 million and 40 million euros.")
    assert found["CHF 3 billion"] == (3e9, "CHF", None)
    assert found["$1.2 million"] == (1.2e6, "USD", None)
    assert any(value == (4e7, "EUR", None) for value in found.values()), found


def test_durations_and_vague_counts():
    found = numbers("After 20 years of occupation, hundreds of protesters and a dozen police officers gathered.")
    assert found["20 years"] == (20.0, None, "years")
    assert found["hundreds"] == (200.0, None, "protesters")
    assert found["a dozen"] == (12.0, None, "officers")


def test_percent_and_quantity():
    found = numbers("The convoy travelled 250 km, and 30% of voters backed the plan.")
    assert found["250 km"] == (250.0, "km", None)
    assert found["30%"][:2] == (30.0, "%")


def test_word_values():
    assert word_value(["twenty-five"]) == 25
    assert word_value(["3", "billion"]) == 3e9
    assert word_value(["1,200"]) == 1200
    assert word_value(["two", "hundred", "and", "five"]) == 205
    assert word_value(["a", "dozen"]) == 12
    assert word_value(["hello"]) is None


def test_no_numbers_in_plain_text():
    assert numbers("The minister said the bridge will reopen soon.") == {}


def test_a_duration_written_as_one_hyphenated_word_is_a_count_of_its_unit(analyze):
    analysis = analyze("He was handed a nine-year prison term and a 10-month ban. A 12-year-old boy was hurt.")
    found = [(n.text, n.value, n.counts) for n in analysis.numbers]
    assert ("nine-year", 9.0, "years") in found and ("10-month", 10.0, "months") in found
    assert not any(text.startswith("12-year") for text, _, _ in found)  # an age
