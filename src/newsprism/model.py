"""Plain data objects passed between the stages: ingest → analyze → stories → compare → render.

Every stage takes and returns these; none of them knows about storage or presentation.
`to_json()` methods produce exactly the shapes promised in ../shared/CONTRACTS.md.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np


@dataclass
class Article:
    """One ingested article. `id` is derived from its normalised text and its outlet (see ingest.identity)."""

    id: str
    text: str
    source: str
    outlet: str | None = None
    title: str | None = None
    url: str | None = None
    published: str | None = None  # ISO 8601 date or datetime
    language: str | None = None  # ISO 639-1
    words: int = 0
    revision_of: str | None = None  # id of the earlier text stored for the same URL
    ingested_at: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)  # where each field came from, extractor notes

    def titled(self, text: str) -> str:
        """`text` after the title ("Title. text"), or `text` alone when the article has no title."""
        return f"{self.title}. {text}" if self.title else text

    def to_json(self, with_text: bool = False) -> dict[str, Any]:
        out = {
            "id": self.id,
            "source": self.source,
            "outlet": self.outlet,
            "title": self.title,
            "url": self.url,
            "published": self.published,
            "language": self.language,
            "words": self.words,
        }
        if self.revision_of:
            out["revision_of"] = self.revision_of
        if with_text:
            out["text"] = self.text
        return out


@dataclass
class Sentence:
    index: int
    text: str
    start: int  # character offsets into Article.text
    end: int


@dataclass
class Mention:
    """A named-entity mention as written in one sentence."""

    text: str
    label: str  # spaCy label: PERSON, ORG, GPE, NORP, ...
    sentence: int
    start: int
    end: int
    actor: str | None = None  # id of the actor this mention was merged into


@dataclass
class Actor:
    id: str  # stable within the article: "a0", "a1", ...
    name: str  # canonical name
    type: str  # PERSON | ORG | GPE | GROUP | NORP | ...
    aliases: list[str] = field(default_factory=list)  # mentions as written, distinct
    sentences: list[int] = field(default_factory=list)  # where it is mentioned
    key: str = ""  # cross-article key (normalised canonical name), used to match actors between articles


@dataclass
class Quote:
    speaker: str | None  # canonical actor name
    text: str
    kind: str  # "direct" | "indirect"
    verb: str | None
    sentence: int
    start: int | None = None  # character offsets of the quoted words / reported clause in the article text
    end: int | None = None
    # who spoke, as the text puts it, when no named actor does: "regional officials", "the interior ministry"
    speaker_phrase: str | None = None


@dataclass
class ReportingVerb:
    verb: str  # as written
    lemma: str
    stance: str  # "neutral" | "emphasis" | "distancing"
    speaker: str | None
    sentence: int


@dataclass
class LoadedTerm:
    term: str
    target: str | None  # canonical actor name
    sentence: int
    score: float = 0.0  # 0..1 confidence that the word is loaded
    category: str = ""  # lexicon category: "pejorative-label", "conspiracy", "emotive-verb", ...


@dataclass
class DateMention:
    text: str
    value: str | None  # ISO date
    sentence: int


@dataclass
class NumberMention:
    text: str  # as written: "two children", "CHF 3 billion"
    value: float | None
    unit: str | None  # currency or unit, when there is one
    counts: str | None  # the noun it counts ("children", "people")
    sentence: int


@dataclass
class Analysis:
    """Everything the analysis stage learned about one article."""

    article_id: str
    sentences: list[Sentence] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    reporting_verbs: list[ReportingVerb] = field(default_factory=list)
    loaded_terms: list[LoadedTerm] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    numbers: list[NumberMention] = field(default_factory=list)
    event_date: str | None = None  # best guess of when the reported event happened (ISO date)
    sentence_embeddings: np.ndarray | None = None  # (n_sentences, dim) float32, L2-normalised
    article_embedding: np.ndarray | None = None  # (dim,) float32, L2-normalised
    lead_embedding: np.ndarray | None = None  # (dim,) float32: title + first sentences
    # (dim,) float32: title and text read as one passage (the encoder reads its first 256 word pieces)
    document_embedding: np.ndarray | None = None
    versions: dict[str, str] = field(default_factory=dict)  # model and lexicon versions used

    _ARRAYS = ("sentence_embeddings", "article_embedding", "lead_embedding", "document_embedding")

    def to_json(self) -> dict[str, Any]:
        """The ANALYSIS contract (embeddings left out)."""
        data = {k: v for k, v in asdict(self).items() if k not in self._ARRAYS}
        data.pop("article_id")
        return data

    @classmethod
    def from_json(cls, article_id: str, data: dict[str, Any]) -> Analysis:
        return cls(
            article_id=article_id,
            sentences=[Sentence(**s) for s in data.get("sentences", [])],
            actors=[Actor(**a) for a in data.get("actors", [])],
            mentions=[Mention(**m) for m in data.get("mentions", [])],
            quotes=[Quote(**q) for q in data.get("quotes", [])],
            reporting_verbs=[ReportingVerb(**r) for r in data.get("reporting_verbs", [])],
            loaded_terms=[LoadedTerm(**t) for t in data.get("loaded_terms", [])],
            dates=[DateMention(**d) for d in data.get("dates", [])],
            numbers=[NumberMention(**n) for n in data.get("numbers", [])],
            event_date=data.get("event_date"),
            versions=data.get("versions", {}),
        )

    def actor_by_name(self, name: str) -> Actor | None:
        return next((a for a in self.actors if a.name == name), None)


@dataclass
class AnalyzedArticle:
    """An article with its analysis: the unit the later stages work on."""

    article: Article
    analysis: Analysis


@dataclass
class Copy:
    article: str
    copy_of: str
    reuse: float  # share of the copy's text found in the original, 0..1


@dataclass
class Story:
    id: str
    title: str | None
    article_ids: list[str] = field(default_factory=list)
    first_published: str | None = None
    last_published: str | None = None
    copies: list[Copy] = field(default_factory=list)
    successor: str | None = None  # set when this story was merged into another


@dataclass
class IngestResult:
    """What happened to one input."""

    source: str
    status: str  # "added" | "present" | "revision" | "rejected"
    article_id: str | None = None
    reason: str | None = None
