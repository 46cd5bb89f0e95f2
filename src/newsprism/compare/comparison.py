"""The comparison of one story across outlets, and its JSON form `newsprism.comparison/1`.

Field by field documentation: docs/comparison.md.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, is_dataclass
from typing import Any

from ..model import AnalyzedArticle, Story

SCHEMA = "newsprism.comparison/1"


@dataclass
class Evidence:
    article: str
    sentence: int
    text: str
    similarity: float = 1.0  # cosine to the fact's representative sentence
    contained: bool = False  # a longer sentence of this article (aligned to another fact) that holds this fact


@dataclass
class Fact:
    id: str
    text: str
    reported_by: list[str]
    evidence: list[Evidence]
    kind: str  # consensus | partial | unique
    support: int = 0  # independent outlets reporting it (copies count once)
    salience: float = 0.0


@dataclass
class Omission:
    article: str
    fact: str
    reported_by_others: int
    text: str
    salience: float
    reported_by: list[str] = field(default_factory=list)
    # the article's own sentence closest in meaning to the fact, when close enough that the outlet may have told
    # it in other words: {"sentence", "text", "similarity"}; such omissions are listed last
    nearest: dict | None = None


@dataclass
class Claim:
    article: str
    text: str
    value: str
    sentence: int | None = None


@dataclass
class Conflict:
    kind: str  # number | date | place | actor | source | negation | other
    summary: str
    claims: list[Claim]
    fact: str | None = None
    facts: list[str] = field(default_factory=list)  # every fact where the same outlets disagree the same way
    confidence: float = 1.0  # 0..1: how sure the rules are that the claims are about one item and disagree


@dataclass
class QuoteItem:
    speaker: str | None
    text: str
    kind: str
    verb: str | None
    article: str
    group: str
    sentence: int
    speaker_phrase: str | None = None  # the unnamed source as written, when no named speaker: "officials"


@dataclass
class QuoteGroup:
    id: str
    speaker: str | None
    text: str
    articles: list[str]
    wording_changed: bool
    speaker_changed: bool
    speakers: list[str | None] = field(default_factory=list)


@dataclass
class Framing:
    article: str
    loaded_terms: list[dict[str, Any]]
    actor_labels: list[dict[str, Any]]
    reporting_verbs: dict[str, Any]


@dataclass
class LineageEdge:
    source: str  # "from": article id or an outside agency's name
    target: str  # "to": article id
    kind: str  # copy | rewrite | cites
    reuse: float

    def to_json(self) -> dict[str, Any]:
        return {"from": self.source, "to": self.target, "kind": self.kind, "reuse": round(self.reuse, 3)}


@dataclass
class Lineage:
    original: str | None
    edges: list[LineageEdge] = field(default_factory=list)
    reason: str = ""
    sources: list[dict[str, Any]] = field(default_factory=list)  # every attribution found in the texts

    def to_json(self) -> dict[str, Any]:
        return {"original": self.original, "edges": [e.to_json() for e in self.edges], "reason": self.reason,
                "sources": self.sources}


@dataclass
class SummarySentence:
    text: str
    sources: list[str]
    fact: str
    single_source: bool = False
    disputed: list[str] = field(default_factory=list)  # summaries of the conflicts on this fact, when it has any


@dataclass
class Comparison:
    items: list[AnalyzedArticle]
    labels: dict[str, str]
    facts: list[Fact]
    sentence_facts: dict[str, dict[int, str]]  # article id → sentence index → fact id
    omissions: list[Omission]
    conflicts: list[Conflict]
    quotes: list[QuoteItem]
    quote_groups: list[QuoteGroup]
    framing: list[Framing]
    lineage: Lineage
    summary: list[SummarySentence]
    story: Story | None = None
    timings: dict[str, float] = field(default_factory=dict)
    title: str | None = None  # the story's title, else the most neutral headline (or first sentence) of the articles
    warnings: list[str] = field(default_factory=list)  # e.g. the articles do not look like one story

    def fact(self, fact_id: str) -> Fact:
        return next(f for f in self.facts if f.id == fact_id)

    def facts_of(self, article_id: str) -> list[Fact]:
        return [f for f in self.facts if article_id in f.reported_by]

    def to_json(self) -> dict[str, Any]:
        articles = []
        for item in self.items:
            a = item.article
            facts = self.sentence_facts.get(a.id, {})
            data = a.to_json()
            data["label"] = self.labels[a.id]
            data["text"] = a.text
            data["sentences"] = [
                {"index": s.index, "text": s.text, "start": s.start, "end": s.end, "fact": facts.get(s.index)}
                for s in item.analysis.sentences
            ]
            articles.append(data)
        story = {"story": {"id": self.story.id, "title": self.story.title}} if self.story is not None else {}
        return {
            "schema": SCHEMA,
            **story,
            "title": self.title,
            "articles": articles,
            "facts": [_plain(f, rounded=True) for f in self.facts],
            "omissions": [_plain(o, rounded=True) for o in self.omissions],
            "conflicts": [_plain(c, rounded=True) for c in self.conflicts],
            "quotes": [_plain(q) for q in self.quotes],
            "quote_groups": [_plain(g) for g in self.quote_groups],
            "framing": [_plain(f) for f in self.framing],
            "lineage": self.lineage.to_json(),
            "summary": [_plain(s) for s in self.summary],
            "warnings": list(self.warnings),
        }


def _plain(data: Any, rounded: bool = False) -> Any:
    """Dataclasses as plain dicts and lists (what `asdict` gives, without its deep copies: a third of the time of a
    warm comparison went there); floats to 3 decimals when `rounded`."""
    if is_dataclass(data) and not isinstance(data, type):
        return {f.name: _plain(getattr(data, f.name), rounded) for f in fields(data)}
    if isinstance(data, (list, tuple)):
        return [_plain(v, rounded) for v in data]
    if isinstance(data, dict):
        return {k: _plain(v, rounded) for k, v in data.items()}
    if rounded and isinstance(data, float):
        return round(data, 3)
    return data

