"""What the pages show, as plain values for the templates: story rows with filters, article text with marks.

Nothing here builds markup: templates autoescape every value, so article text stays text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ..model import Analysis, Article
from ..render._view import clean_text, safe_url

PAGE_SIZE = 25


class BadFilter(ValueError):
    pass


@dataclass
class StoryFilter:
    q: str = ""
    outlet: str = ""
    since: str = ""
    until: str = ""

    @classmethod
    def parse(cls, q: str | None, outlet: str | None, since: str | None, until: str | None) -> StoryFilter:
        found = cls(q=" ".join((q or "").split())[:200], outlet=(outlet or "").strip()[:200],
                    since=(since or "").strip(), until=(until or "").strip())
        for name in ("since", "until"):
            value = getattr(found, name)
            if value:
                try:
                    date.fromisoformat(value)
                except ValueError:
                    raise BadFilter(f"{name!r} must be a date like 2025-03-12, not {value!r}")
        if found.since and found.until and found.since > found.until:
            raise BadFilter(f"'since' ({found.since}) is after 'until' ({found.until})")
        return found

    @property
    def active(self) -> bool:
        return bool(self.q or self.outlet or self.since or self.until)

    def query_items(self) -> list[tuple[str, str]]:
        return [(k, v) for k, v in (("q", self.q), ("outlet", self.outlet), ("since", self.since),
                                    ("until", self.until)) if v]


def filter_stories(stories: list[dict[str, Any]], wanted: StoryFilter, text_hits: set[str] | None = None
                   ) -> list[dict[str, Any]]:
    """Stories matching every given filter. Text matches the title, an outlet or (via `text_hits`, the ids of
    articles the full-text index found) any article's text."""
    out = []
    needle = wanted.q.casefold()
    for story in stories:
        outlets = story.get("outlets", []) + story.get("copy_outlets", [])
        if wanted.outlet and wanted.outlet not in outlets:
            continue
        first = (story.get("first_published") or "")[:10]
        last = (story.get("last_published") or first)[:10]
        if (wanted.since or wanted.until) and not first:
            continue
        if wanted.since and last < wanted.since:
            continue
        if wanted.until and first > wanted.until:
            continue
        if needle:
            in_title = needle in (story.get("title") or "").casefold()
            in_outlet = any(needle in o.casefold() for o in outlets)
            in_text = bool(text_hits) and any(a["id"] in text_hits for a in story.get("articles", []))
            if not (in_title or in_outlet or in_text):
                continue
        out.append(story)
    return out


def all_outlets(stories: list[dict[str, Any]]) -> list[str]:
    names = {o for s in stories for o in s.get("outlets", []) + s.get("copy_outlets", [])}
    return sorted(names, key=str.casefold)


@dataclass
class OutletChip:
    name: str
    articles: int
    copy_of: str | None = None  # the outlet this one copied, for copies


def outlet_chips(story: dict[str, Any]) -> tuple[list[OutletChip], list[OutletChip]]:
    """Independent outlets (with their article counts), then copies, each naming what it copied."""
    by_id = {a["id"]: a for a in story.get("articles", [])}
    copy_of = {c["article"]: c["copy_of"] for c in story.get("copies", [])}
    independent: dict[str, OutletChip] = {}
    copies: list[OutletChip] = []
    for article in story.get("articles", []):
        name = clean_text(article.get("outlet")) or "unknown outlet"
        if article["id"] in copy_of:
            original = by_id.get(copy_of[article["id"]])
            source = clean_text(original.get("outlet")) if original else ""
            copies.append(OutletChip(name, 1, source or "another article"))
        else:
            chip = independent.setdefault(name, OutletChip(name, 0))
            chip.articles += 1
    return list(independent.values()), copies


def date_range(story: dict[str, Any]) -> str:
    first = (story.get("first_published") or "")[:10]
    last = (story.get("last_published") or "")[:10]
    if not first:
        return "undated"
    return first if first == last or not last else f"{first} – {last}"


# --- the article page ------------------------------------------------------------------------------------
@dataclass
class Piece:
    text: str
    mark: str | None = None  # "loaded" for a loaded term
    note: str = ""


@dataclass
class SentenceLine:
    index: int
    pieces: list[Piece]
    quote: bool = False
    classes: str = ""


@dataclass
class ArticleView:
    article: dict[str, Any]
    url: str | None
    paragraphs: list[list[SentenceLine]]
    analysis: dict[str, Any] | None
    verb_counts: dict[str, int] = field(default_factory=dict)


def _pieces(text: str, terms: list[dict[str, Any]]) -> list[Piece]:
    """The sentence split around its loaded terms (case-insensitive, whole words), first match each."""
    spans: list[tuple[int, int, str]] = []
    for term in terms:
        word = term.get("term") or ""
        if not word.strip():
            continue
        match = re.search(r"(?<!\w)" + re.escape(word) + r"(?!\w)", text, re.IGNORECASE)
        if match and not any(s < match.end() and match.start() < e for s, e, _ in spans):
            target = term.get("target")
            spans.append((match.start(), match.end(), f"loaded term{' about ' + target if target else ''}"))
    spans.sort()
    pieces, at = [], 0
    for start, end, note in spans:
        if start > at:
            pieces.append(Piece(text[at:start]))
        pieces.append(Piece(text[start:end], "loaded", note))
        at = end
    if at < len(text):
        pieces.append(Piece(text[at:]))
    return pieces


def article_view(article: Article, analysis: Analysis | None) -> ArticleView:
    data = article.to_json(with_text=True)
    if analysis is None or not analysis.sentences:
        paragraphs = [[SentenceLine(i, [Piece(p)])] for i, p in enumerate(article.text.split("\n\n")) if p.strip()]
        return ArticleView(data, safe_url(article.url), paragraphs, None)
    terms_by_sentence: dict[int, list[dict[str, Any]]] = {}
    for term in analysis.loaded_terms:
        terms_by_sentence.setdefault(term.sentence, []).append({"term": term.term, "target": term.target})
    quoted = {q.sentence for q in analysis.quotes}
    paragraphs: list[list[SentenceLine]] = []
    previous_end = 0
    for sentence in analysis.sentences:
        gap = article.text[previous_end:sentence.start]
        if not paragraphs or "\n" in gap:
            paragraphs.append([])
        previous_end = sentence.end
        line = SentenceLine(sentence.index, _pieces(sentence.text, terms_by_sentence.get(sentence.index, [])),
                            quote=sentence.index in quoted)
        paragraphs[-1].append(line)
    result = analysis.to_json()
    counts = {"neutral": 0, "emphasis": 0, "distancing": 0}
    for verb in analysis.reporting_verbs:
        counts[verb.stance] = counts.get(verb.stance, 0) + 1
    return ArticleView(data, safe_url(article.url), paragraphs, result, counts)
