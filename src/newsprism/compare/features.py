"""What the comparison needs to know about each sentence, gathered once per article.

It reads the analysis (actors, numbers, dates, quotes, verbs, loaded terms) and falls back to light
regular expressions for numbers and dates when the analysis has none, so that the comparison works with
any analysis, from a hand-built one to the full pipeline.
"""

from __future__ import annotations

import os
import re
import zlib
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import numpy as np

from ..model import AnalyzedArticle, NumberMention
from .text import DATELINE, content_stems, is_boilerplate, negation_count, normal_actor_key, words

_NUMBER_WORDS = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "hundred": 100, "dozen": 12, "dozens": 24, "hundreds": 200, "thousands": 2000,
}
_SCALE = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_NUMBER = re.compile(
    r"(?<![\w.])(?P<num>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?|(?:" + "|".join(_NUMBER_WORDS) + r")\b)"
    r"(?:\s+(?P<scale>thousand|million|billion|trillion))?"
    r"(?:\s*(?P<pct>%|percent|per cent))?"
    r"(?:\s+(?:[a-z]+(?:-[a-z]+)?\s+)?(?P<noun>[a-z]{3,}))?",
    re.IGNORECASE,
)
_MONTHS = ("january february march april may june july august september october november december").split()
_DATE = re.compile(
    r"\b(?:(?P<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday)|"
    r"(?P<month>" + "|".join(_MONTHS) + r")\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(?P<year>\d{4}))?)\b",
    re.IGNORECASE,
)
_YEAR_NOUNS = {"years", "year", "days", "day", "months", "month", "weeks", "week"}


@dataclass
class SentenceInfo:
    index: int
    text: str
    boilerplate: bool
    stems: set[str]
    actors: set[str]  # normalised actor keys
    numbers: list[NumberMention]
    dates: set[str]
    negations: int
    position: float  # 0 = lead, 1 = last sentence
    date_texts: dict[str, list[str]] = field(default_factory=dict)  # date value → the words it was read from

    def holds(self, other: SentenceInfo) -> bool:
        """Does this sentence give every figure the other gives, and negate alike (both or neither)? What a
        sentence must at least share to say what another says."""
        figures = {n.value for n in self.numbers if n.value is not None}
        return (self.negations > 0) == (other.negations > 0) and \
            all(n.value is None or n.value in figures for n in other.numbers)


@dataclass
class ArticleView:
    item: AnalyzedArticle
    label: str
    sentences: list[SentenceInfo]
    embeddings: np.ndarray  # (n_sentences, dim), L2-normalised
    actor_names: dict[str, str] = field(default_factory=dict)  # normalised key → canonical name
    id: str = ""

    def __post_init__(self) -> None:
        self.id = self.item.article.id


def fallback_numbers(text: str, sentence: int) -> list[NumberMention]:
    out = []
    text = _DATE.sub(lambda m: " " * len(m.group(0)), text)
    for m in _NUMBER.finditer(text):
        raw = m.group("num").lower()
        if raw in _NUMBER_WORDS:
            value = float(_NUMBER_WORDS[raw])
        else:
            value = float(raw.replace(",", ""))
            if 1900 <= value <= 2100 and "." not in raw and not m.group("noun"):
                continue  # a year
        if m.group("scale"):
            value *= _SCALE[m.group("scale").lower()]
        noun = (m.group("noun") or "").lower() or None
        if noun in _MONTHS:
            continue
        unit = "%" if m.group("pct") else None
        out.append(NumberMention(text=m.group(0), value=value, unit=unit, counts=noun, sentence=sentence))
    return out


def fallback_dates(text: str) -> set[str]:
    return set(fallback_date_texts(text))


def fallback_date_texts(text: str) -> dict[str, list[str]]:
    """Date value → the words it was read from."""
    out: dict[str, list[str]] = {}
    for m in _DATE.finditer(text):
        if m.group("wd"):
            value = m.group("wd").lower()
        else:
            month = _MONTHS.index(m.group("month").lower()) + 1
            year = m.group("year") or "????"
            value = f"{year}-{month:02d}-{int(m.group('day')):02d}"
        out.setdefault(value, []).append(m.group(0))
    return out


def article_label(item: AnalyzedArticle) -> str:
    """Who the report says "says" something: the outlet, else the URL's site, else the file the user gave,
    else the headline (a label reads as a name, so a headline comes last)."""
    a = item.article
    if a.outlet:
        return a.outlet
    site = _site(a.url) or _site(a.source)
    if site:
        return site
    base = os.path.basename(a.source.rstrip("/")) if a.source and a.source != "-" else ""
    if base:
        return base
    if a.title:
        return a.title if len(a.title) <= 40 else a.title[:37] + "…"
    return a.id


def _site(url: str | None) -> str | None:
    if not url or "://" not in url:
        return None
    host = (urlsplit(url).hostname or "").lower()
    return host.removeprefix("www.") or None


def dedupe_labels(labels: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for label in labels:
        seen[label] = seen.get(label, 0) + 1
        out.append(label if seen[label] == 1 else f"{label} ({seen[label]})")
    return out


def build_view(item: AnalyzedArticle, label: str) -> ArticleView:
    an = item.analysis
    n = len(an.sentences)
    actors_by_sentence: dict[int, set[str]] = {}
    names: dict[str, str] = {}
    for actor in an.actors:
        key = normal_actor_key(actor.key or actor.name)
        names.setdefault(key, actor.name)
        for s in actor.sentences:
            actors_by_sentence.setdefault(s, set()).add(key)
    numbers: dict[int, list[NumberMention]] = {}
    for num in an.numbers:
        numbers.setdefault(num.sentence, []).append(num)
    dates: dict[int, set[str]] = {}
    date_texts: dict[int, dict[str, list[str]]] = {}
    datelines = {s.index: m.group(0) for s in an.sentences if (m := DATELINE.match(s.text))}
    for d in an.dates:
        if d.text and d.text in datelines.get(d.sentence, ""):
            continue  # the dateline's day is when the report was filed, not the day of what it reports
        # a day the analysis could not pin to a year (an undated article's "on Monday", "March 10") still
        # names a day: kept as the weekday or as "????-03-10", so that two reports of one event can disagree
        values = [d.value] if d.value else list(fallback_date_texts(d.text or ""))
        for value in values:
            dates.setdefault(d.sentence, set()).add(value)
            date_texts.setdefault(d.sentence, {}).setdefault(value, []).append(d.text)
    infos = []
    title = [w.casefold() for w in words(item.article.title or "")]
    for s in an.sentences:
        # the headline repeated as the text's first line is the article's title, not a fact of its body
        headline = bool(title) and s.index < 2 and [w.casefold() for w in words(s.text)] == title
        nums = numbers.get(s.index) if an.numbers else fallback_numbers(s.text, s.index)
        dtexts = date_texts.get(s.index, {}) if an.dates else fallback_date_texts(s.text)
        dset = dates.get(s.index, set()) if an.dates else set(dtexts)
        infos.append(
            SentenceInfo(
                index=s.index, text=s.text, boilerplate=headline or is_boilerplate(s.text),
                stems=content_stems(s.text),
                actors=actors_by_sentence.get(s.index, set()),
                numbers=[x for x in (nums or []) if not (x.counts or "") in _YEAR_NOUNS or x.value is not None],
                dates=dset, negations=negation_count(s.text), position=s.index / max(n - 1, 1),
                date_texts=dtexts,
            )
        )
    emb = an.sentence_embeddings
    if emb is None or len(emb) != n:
        emb = _hashed_embeddings(infos)
    return ArticleView(item=item, label=label, sentences=infos, embeddings=np.asarray(emb, dtype=np.float32),
                       actor_names=names)


def _hashed_embeddings(infos: list[SentenceInfo], dim: int = 384) -> np.ndarray:
    """A bag-of-stems vector when an analysis carries no embeddings (hand-built analyses in scripts).

    The bucket comes from crc32, not `hash()`: Python salts string hashes per process, which made the vectors,
    and so the facts and conflicts, change from one run to the next."""
    out = np.zeros((len(infos), dim), dtype=np.float32)
    for row, info in enumerate(infos):
        for token in info.stems:
            out[row, zlib.crc32(token.encode("utf-8")) % dim] += 1.0
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    return out / np.maximum(norms, 1e-12)


def framing_cost(view: ArticleView, sentence: int, text: str) -> float:
    """How far a sentence's wording is from neutral: loaded terms, non-neutral reporting verbs, quotation
    marks, a dateline, very short or very long sentences. Lower is more neutral."""
    an = view.item.analysis
    loaded = sum(3 * max(t.score, 0.5) for t in an.loaded_terms if t.sentence == sentence)
    verbs = sum(1 for r in an.reporting_verbs if r.sentence == sentence and r.stance != "neutral")
    quotes = 1 if re.search(r"[“”\"]", text) else 0
    n = len(words(text))
    length = 0.0 if 8 <= n <= 40 else 0.5
    dateline = 0.2 if DATELINE.match(text) else 0.0
    return loaded + verbs + 0.5 * quotes + length + dateline
