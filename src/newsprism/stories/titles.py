"""A neutral title for a story: not the headline of the outlet with the most loaded language.

Titles are not analysed, so each candidate headline is judged by
- loaded words: its words found in the loaded-terms lexicon (`newsprism.analyze.loaded`) or among the loaded
  terms the analysis found in any article of the story ("mob" in the text makes "mob" in a headline loaded);
- idiosyncrasy: the share of its content words that no other article of the story uses ("pirates", "fiasco":
  words only one outlet chose), a stand-in for distance from the story centroid;
- its article's loaded-language density (loaded-term scores per sentence).
Among the least loaded candidates (within a small margin of the best), the original/earliest independent
article wins (copies last). Articles without a title only supply one (their first sentence) when no article
of the story has a title. The choice depends only on the set of articles, never on their order.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from functools import lru_cache
from importlib.resources import files

from ..model import AnalyzedArticle

MIN_TERM_SCORE = 0.6  # loaded terms of the analyses below this confidence (or capitalised: names) are ignored
MARGIN = 0.25  # candidates within this penalty of the least loaded one count as equally neutral
_WORD = re.compile(r"[^\W\d_][\w'’\-]*", re.UNICODE)
_STOP = frozenset(
    "a an the of in on at to for from by with and or but as is are was were be been after before over under "
    "into out up down off about against amid near its his her their our your this that these those it he she "
    "they we you who what why how when where will would can could may might not no new says said say".split()
)


# Headlines are not tagged, so a lexicon word whose loading depends on its part of speech ("collapse" the noun
# against "they collapsed the talks") or on degree ("massive") counts half.
CATEGORY_WEIGHT = {"emotive-verb": 0.5, "intensifier": 0.5, "scare-word": 0.5}


@lru_cache(maxsize=1)
def lexicon_words() -> dict[str, float]:
    """Entries of the loaded-terms lexicon (lower case) -> weight of a hit in a headline."""
    try:
        data = json.loads(
            files("newsprism.analyze").joinpath("data/loaded_terms.json").read_text(encoding="utf-8")
        )
    except (FileNotFoundError, ModuleNotFoundError, ValueError):
        return {}
    words: dict[str, float] = {}
    for category, spec in data.get("categories", {}).items():
        for item in spec.get("terms", []):
            term = item["term"] if isinstance(item, dict) else item
            words.setdefault(term.lower(), CATEGORY_WEIGHT.get(category, 1.0))
    return words


def _words(text: str) -> list[str]:
    return [w.lower().strip("'’-") for w in _WORD.findall(text)]


_SUFFIX = re.compile(r"(?:ing|ed|es|s|ly)$")


def _stem(word: str) -> str:
    """A crude stem: inflection stripped, then the first five letters ("seizes", "seized" -> "seiz")."""
    if len(word) > 4:
        word = _SUFFIX.sub("", word) or word
    return word[:5]


def _content(words: Sequence[str]) -> list[str]:
    return [w for w in words if len(w) > 2 and w not in _STOP]


def loaded_hits(title: str, story_terms: set[str]) -> float:
    """Weighted count of the title's words (or runs of words) that are loaded terms of the story's analyses
    (weight 1) or of the lexicon (weight by category)."""
    words = _words(title)
    joined = " " + " ".join(words) + " "
    lexicon = lexicon_words()
    hits = 0.0
    for word in words:
        forms = {word, word[:-1] if word.endswith("s") else word}
        if forms & story_terms:
            hits += 1.0
        elif found := [lexicon[f] for f in forms if f in lexicon]:
            hits += max(found)
    for term in story_terms | {t for t in lexicon if " " in t}:
        if " " in term and f" {term} " in joined:
            hits += 1.0 if term in story_terms else lexicon[term]
    return hits


def density(item: AnalyzedArticle) -> float:
    sentences = max(1, len(item.analysis.sentences))
    return min(1.0, sum(t.score or 0.5 for t in item.analysis.loaded_terms) / sentences)


def _fallback(item: AnalyzedArticle) -> str | None:
    if item.analysis.sentences:
        first = item.analysis.sentences[0].text.strip()
        return first if len(first) <= 120 else first[:117].rsplit(" ", 1)[0] + "…"
    return None


def title_penalties(items: Sequence[AnalyzedArticle]) -> dict[str, float]:
    """Penalty per titled article (lower is more neutral)."""
    story_terms = {
        t.term.lower() for x in items for t in x.analysis.loaded_terms
        if t.term and not t.term[:1].isupper() and (t.score or 0.0) >= MIN_TERM_SCORE
    }
    vocab = {x.article.id: {_stem(w) for w in _words(x.article.text + " " + (x.article.title or ""))} for x in items}
    out = {}
    for x in items:
        title = x.article.title
        if not title:
            continue
        content = _content(_words(title))
        others = set().union(*(v for k, v in vocab.items() if k != x.article.id)) if len(items) > 1 else set()
        alone = (sum(1 for w in content if _stem(w) not in others) / len(content)) if content and others else 0.0
        out[x.article.id] = loaded_hits(title, story_terms) + alone + 0.5 * density(x)
    return out


def story_title(items: Sequence[AnalyzedArticle], original_order: Sequence[str], copies: set[str]) -> str | None:
    """The most neutral headline; `original_order` ranks article ids from likeliest original to latest."""
    if not items:
        return None
    rank = {aid: n for n, aid in enumerate(original_order)}
    by_id = {x.article.id: x for x in items}
    penalties = title_penalties(items)
    ordered = sorted(by_id, key=lambda a: (a in copies, rank.get(a, len(rank)), a))
    if penalties:
        best = min(penalties.values())
        for aid in ordered:
            if aid in penalties and penalties[aid] <= best + MARGIN:
                return by_id[aid].article.title
    for aid in ordered:
        title = _fallback(by_id[aid])
        if title:
            return title
    return None
