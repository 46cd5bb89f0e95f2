"""Numbers with their value, unit and what they count.

Candidates are spaCy CARDINAL, MONEY, QUANTITY and PERCENT entities, DATE entities that are durations
("20 years of occupation"), and vague counts spaCy leaves untagged ("dozens of", "hundreds of", "a dozen").

- value: digits ("1,200", "3.5"), number words ("two", "twenty-five", "a dozen"), scale words ("3 billion",
  "1.2m") multiplied out. Vague plurals take their smallest reading: "dozens" 24, "hundreds" 200, "thousands"
  2,000, "millions" 2,000,000 (lower bounds, so "hundreds" never contradicts "300").
- unit: ISO currency for money ("$" USD, "€" EUR, "£" GBP, "CHF" CHF, "dollars" USD …), "%" for percents, a
  normalised unit for quantities ("km", "kg", "t", …).
- counts: the noun the number modifies in the parse ("two children" → "children"), or the object of "of"
  ("hundreds of protesters" → "protesters", "30% of voters" → "voters"); for durations the time unit ("years").
"""

from __future__ import annotations

import re

from ..model import NumberMention

SMALL = {
    "zero": 0, "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "dozen": 12, "couple": 2,
}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
        "ninety": 90}
SCALES = {"hundred": 1e2, "thousand": 1e3, "million": 1e6, "mn": 1e6, "m": 1e6, "billion": 1e9, "bn": 1e9,
          "b": 1e9, "trillion": 1e12, "tn": 1e12, "k": 1e3, "lakh": 1e5, "crore": 1e7}
VAGUE = {"dozens": 24, "scores": 40, "hundreds": 200, "thousands": 2e3, "tens of thousands": 2e4,
         "hundreds of thousands": 2e5, "millions": 2e6, "billions": 2e9}
# a duration written as one hyphenated adjective; ages ("a 12-year-old") are not durations
HYPHEN_DURATION = re.compile(
    r"\b(?P<count>\d{1,3}|(?:twenty|thirty|forty|fifty|sixty)(?:-\w+)?|one|two|three|four|five|six|seven|eight|nine|"
    r"ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)-(?P<unit>year|month|week|"
    r"day|hour)(?!-old)\b", re.I)
VAGUE_PATTERN = re.compile(
    r"\b(?:tens of thousands|hundreds of thousands|dozens|hundreds|thousands|millions|billions|a dozen)\b(?= of\b|"
    r"\s+\w)", re.I)
CURRENCY_SYMBOLS = {"us$": "USD", "$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR", "₽": "RUB",
                    "₺": "TRY", "₩": "KRW", "₪": "ILS", "a$": "AUD", "c$": "CAD", "hk$": "HKD"}
CURRENCY_WORDS = {
    "dollar": "USD", "usd": "USD", "euro": "EUR", "eur": "EUR", "gbp": "GBP", "sterling": "GBP", "pound": "GBP",
    "yen": "JPY", "yuan": "CNY", "renminbi": "CNY", "rmb": "CNY", "cny": "CNY", "franc": "CHF", "chf": "CHF",
    "rupee": "INR", "inr": "INR", "ruble": "RUB", "rouble": "RUB", "rub": "RUB", "lira": "TRY", "rial": "IRR",
    "riyal": "SAR", "dirham": "AED", "shekel": "ILS", "won": "KRW", "peso": "MXN", "real": "BRL", "rand": "ZAR",
    "afghani": "AFN", "toman": "IRR", "jpy": "JPY", "cad": "CAD", "aud": "AUD", "sek": "SEK", "nok": "NOK",
    "dkk": "DKK", "pkr": "PKR",
}
UNITS = {
    "km": "km", "kilometre": "km", "kilometer": "km", "mile": "mi", "mi": "mi", "metre": "m", "meter": "m",
    "m": "m", "cm": "cm", "centimetre": "cm", "centimeter": "cm", "mm": "mm", "millimetre": "mm",
    "millimeter": "mm", "foot": "ft", "feet": "ft", "ft": "ft", "inch": "in", "yard": "yd", "kg": "kg",
    "kilogram": "kg", "kilo": "kg", "gram": "g", "g": "g", "tonne": "t", "ton": "t", "t": "t", "lb": "lb",
    "pound": "lb", "litre": "l", "liter": "l", "l": "l", "gallon": "gal", "barrel": "bbl", "acre": "acre",
    "hectare": "ha", "ha": "ha", "mw": "MW", "megawatt": "MW", "gw": "GW", "gigawatt": "GW", "kw": "kW",
    "kwh": "kWh", "degree": "deg", "°c": "°C", "°f": "°F", "knot": "kn", "mph": "mph", "km/h": "km/h",
    "square": "sq", "sq": "sq",
}
TIME_UNITS = {"second", "minute", "hour", "day", "night", "week", "month", "year", "decade", "century"}
NUMBER_TOKEN = re.compile(r"^\d[\d,]*(?:\.\d+)?$|^\.\d+$")
LABELS = {"CARDINAL", "MONEY", "QUANTITY", "PERCENT"}


def word_value(words: list[str]) -> float | None:
    """Value of number words and digits with scales: "twenty-five" 25, "3 billion" 3e9, "a dozen" 12."""
    total, current, seen = 0.0, 0.0, False
    for raw in words:
        word = raw.lower().strip(",")
        for part in word.split("-") if not NUMBER_TOKEN.match(word) else [word]:
            digits = re.match(r"^(\d[\d,]*(?:\.\d+)?)(k|m|mn|bn|b|tn)?$", part)
            if digits:
                current += float(digits.group(1).replace(",", ""))
                if digits.group(2):
                    current *= SCALES[digits.group(2)]
                seen = True
            elif part in SMALL:
                if part == "dozen" and current:
                    current *= 12
                else:
                    current += SMALL[part]
                seen = True
            elif part in TENS:
                current += TENS[part]
                seen = True
            elif part in SCALES and len(part) > 2 and seen:
                scale = SCALES[part]
                if scale >= 1e3:
                    total += (current or 1) * scale
                    current = 0.0
                else:
                    current = (current or 1) * scale
            elif part in ("and", "of", "half"):
                if part == "half":
                    current += 0.5
                continue
    return total + current if seen else None


def vague_value(text: str) -> float | None:
    lower = text.lower().strip()
    for phrase, value in sorted(VAGUE.items(), key=lambda kv: -len(kv[0])):
        if lower.startswith(phrase):
            return float(value)
    return None


def currency_of(span) -> str | None:
    text = span.text.lower()
    for symbol in sorted(CURRENCY_SYMBOLS, key=len, reverse=True):
        if symbol in text:
            return CURRENCY_SYMBOLS[symbol]
    for token in span:
        code = CURRENCY_WORDS.get(token.lemma_.lower()) or CURRENCY_WORDS.get(token.lower_)
        if code:
            return code
        if token.is_upper and len(token.text) == 3 and token.is_alpha:
            return token.text
    return None


def _currency_token(token) -> str | None:
    text = token.text.lower()
    if text in CURRENCY_SYMBOLS:
        return CURRENCY_SYMBOLS[text]
    code = CURRENCY_WORDS.get(token.lemma_.lower()) or CURRENCY_WORDS.get(text)
    if code and (token.is_upper or token.pos_ == "NOUN"):
        return code
    return None


def adjacent_currency(span) -> str | None:
    """Currency written just outside a number spaCy tagged CARDINAL: "CHF 3 billion", "3 billion euros"."""
    doc = span.doc
    if span.start > 0 and (code := _currency_token(doc[span.start - 1])):
        return code
    if span.end < len(doc) and (code := _currency_token(doc[span.end])):
        return code
    return None


def _with_adjacent(span) -> str:
    doc = span.doc
    start = span.start - 1 if span.start > 0 and _currency_token(doc[span.start - 1]) else span.start
    end = span.end + 1 if span.end < len(doc) and _currency_token(doc[span.end]) else span.end
    return doc[start:end].text


def quantity_unit(span) -> str | None:
    for token in span:
        if token.like_num or token.lower_ in SCALES or token.lower_ in SMALL or token.lower_ in TENS:
            continue
        unit = UNITS.get(token.lower_) or UNITS.get(token.lemma_.lower())
        if unit:
            return unit
    return None


def counted_noun(span) -> str | None:
    """The noun a number counts: its syntactic head, a noun inside the span, or the object of "of"."""
    root = span.root
    inside_nouns = [t for t in span if t.pos_ in ("NOUN", "PROPN") and t.lower_ not in SCALES
                    and t.lower_ not in ("%", "percent", "per", "cent")
                    and not t.like_num and t.lower_ not in SMALL and t.lower_ not in VAGUE]
    if inside_nouns and inside_nouns[-1].i == span.end - 1:
        return inside_nouns[-1].text.lower()
    if root.dep_ in ("nummod", "quantmod", "amod", "compound") and root.head.pos_ in ("NOUN", "PROPN"):
        if root.head.i >= span.end or root.head.i < span.start:
            return root.head.text.lower()
    for token in (root, *span):
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                objects = [g for g in child.children if g.dep_ == "pobj"]
                if objects and objects[0].pos_ in ("NOUN", "PROPN"):
                    return objects[0].text.lower()
    if span.end < len(span.doc) and span.doc[span.end].lower_ == "of" and span.end + 1 < len(span.doc):
        following = span.doc[span.end + 1: span.end + 4]
        nouns = [t for t in following if t.pos_ in ("NOUN", "PROPN")]
        if nouns:
            return nouns[0].text.lower()
    return None


def _sentence_index(analysis, char: int) -> int:
    for sentence in analysis.sentences:
        if sentence.start <= char < sentence.end:
            return sentence.index
    return max(0, len(analysis.sentences) - 1)


def number_mention(span, label: str) -> NumberMention | None:
    words = [t.text for t in span]
    text = span.text
    value = vague_value(text)
    if value is None:
        cleaned = [re.sub(r"^(?:[A-Za-z]{0,2}\$|[€£¥₹₽₺₩₪])", "", w) for w in words]
        value = word_value([w for w in cleaned if w])
    if value is None:
        return None
    unit = counts = None
    if label == "CARDINAL":
        unit = adjacent_currency(span)
        if unit:
            label = "MONEY"
            text = _with_adjacent(span)
    if label == "MONEY":
        unit = unit or currency_of(span)
    elif label == "PERCENT":
        unit = "%"
        counts = counted_noun(span)
        if counts in ("percent", "per", "cent", "%"):
            counts = None
    elif label == "QUANTITY":
        unit = quantity_unit(span)
    else:
        counts = counted_noun(span)
    if label == "CARDINAL" and counts is None and span.root.dep_ in ("det", "nsubj", "pobj", "dobj"):
        if span.text.lower() in ("one", "a", "an"):
            return None  # "one of them", pronoun uses of "one"
    return NumberMention(text=text, value=value, unit=unit, counts=counts, sentence=0)


def duration_mention(span) -> NumberMention | None:
    """'20 years', 'the past two years': a count of time units."""
    units = [t for t in span if t.lemma_.lower() in TIME_UNITS]
    numbers = [t for t in span if t.like_num or t.lower_ in SMALL or t.lower_ in TENS or t.lower_ in SCALES]
    if not units or not numbers:
        return None
    value = word_value([t.text for t in numbers])
    if value is None:
        return None
    start = min(numbers[0].i, units[0].i)
    text = span.doc[start: units[-1].i + 1].text
    return NumberMention(text=text, value=value, unit=None, counts=units[-1].text.lower(), sentence=0)


def find_numbers(step) -> None:
    """Pipeline step: fill `analysis.numbers`."""
    from .dates import is_duration

    doc, analysis = step.doc, step.analysis
    taken: list[tuple[int, int]] = []
    found: list[tuple[int, NumberMention]] = []
    for ent in doc.ents:
        mention = None
        if ent.label_ in LABELS:
            mention = number_mention(ent, ent.label_)
        elif ent.label_ == "DATE" and is_duration(ent.text):
            mention = duration_mention(ent)
        if mention is not None:
            found.append((ent.start_char, mention))
            taken.append((ent.start_char, ent.end_char))
    for match in HYPHEN_DURATION.finditer(doc.text):  # "a nine-year prison term", "a five-year ban"
        if any(s <= match.start() < e for s, e in taken):
            continue
        value = word_value(match.group("count").replace("-", " ").split())
        if value is not None:
            found.append((match.start(), NumberMention(text=match.group(0), value=value, unit=None,
                                                       counts=match.group("unit").lower() + "s", sentence=0)))
            taken.append((match.start(), match.end()))
    for match in VAGUE_PATTERN.finditer(doc.text):
        if any(s <= match.start() < e for s, e in taken):
            continue
        span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
        if span is None:
            continue
        value = 12.0 if match.group(0).lower() == "a dozen" else vague_value(match.group(0))
        found.append((match.start(), NumberMention(text=match.group(0), value=value, unit=None,
                                                   counts=counted_noun(span), sentence=0)))
    for start, mention in sorted(found, key=lambda item: item[0]):
        mention.sentence = _sentence_index(analysis, start)
        analysis.numbers.append(mention)
