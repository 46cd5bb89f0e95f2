"""The analysis stage: one `Analysis` per article, filled by small named steps.

spaCy parses every article in one streamed `nlp.pipe` call; each step then reads the parsed doc and
fills its part of the analysis; finally every sentence of the batch is embedded in one call.
The batch path is the fast path: `analyze_articles([a])` is the single-article convenience.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from ..model import Analysis, Article
from . import actors, dates, loaded, numbers, quotes, sentences
from .models import EMBEDDING_MODEL, SPACY_MODEL, sentence_encoder, spacy_pipeline

Step = Callable[["StepInput"], None]


@dataclass
class StepInput:
    """What a step sees: the article, its parsed spaCy doc and the analysis filled so far."""

    article: Article
    doc: object  # spacy.tokens.Doc
    analysis: Analysis


# Order matters: later steps read what earlier ones wrote (quotes need actors, loaded terms need quotes).
DEFAULT_STEPS: tuple[tuple[str, Step], ...] = (
    ("sentences", sentences.split_sentences),
    ("mentions", actors.find_mentions),
    ("actors", actors.merge_actors),
    ("quotes", quotes.find_quotes),
    ("loaded_terms", loaded.find_loaded_terms),
    ("dates", dates.resolve_dates),
    ("numbers", numbers.find_numbers),
)

LEAD_SENTENCES = 3


class Analyzer:
    def __init__(self, steps: Sequence[tuple[str, Step]] = DEFAULT_STEPS, batch_size: int = 32):
        self.steps = list(steps)
        self.batch_size = batch_size

    def analyze(self, articles: Sequence[Article]) -> list[Analysis]:
        nlp = sentences.with_boundaries(spacy_pipeline())
        results = []
        docs = nlp.pipe((a.text for a in articles), batch_size=self.batch_size)
        for article, doc in zip(articles, docs):
            analysis = Analysis(article_id=article.id)
            context = StepInput(article=article, doc=doc, analysis=analysis)
            for _name, step in self.steps:
                step(context)
            analysis.versions = {"spacy": SPACY_MODEL, "embeddings": EMBEDDING_MODEL}
            results.append(analysis)
        embed_analyses(articles, results)
        return results


def embed_analyses(articles: Sequence[Article], analyses: Sequence[Analysis]) -> None:
    """Sentence, article and lead embeddings for a whole batch in one encoder call."""
    texts: list[str] = []
    for article, analysis in zip(articles, analyses):
        texts.extend(s.text for s in analysis.sentences)
        texts.append(lead_text(article, analysis))
    vectors = sentence_encoder().encode(texts)
    offset = 0
    for analysis in analyses:
        n = len(analysis.sentences)
        analysis.sentence_embeddings = vectors[offset : offset + n]
        analysis.lead_embedding = vectors[offset + n]
        analysis.article_embedding = _mean_direction(vectors[offset : offset + n], fallback=vectors[offset + n])
        offset += n + 1


def lead_text(article: Article, analysis: Analysis) -> str:
    lead = " ".join(s.text for s in analysis.sentences[:LEAD_SENTENCES])
    return f"{article.title}. {lead}" if article.title else lead


def _mean_direction(vectors: np.ndarray, fallback: np.ndarray) -> np.ndarray:
    if len(vectors) == 0:
        return fallback
    mean = vectors.mean(axis=0)
    norm = np.linalg.norm(mean)
    return (mean / norm).astype(np.float32) if norm > 0 else fallback


def analyze_articles(articles: Sequence[Article], batch_size: int = 32) -> list[Analysis]:
    return Analyzer(batch_size=batch_size).analyze(articles)
