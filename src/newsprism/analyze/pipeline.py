"""The analysis stage: one `Analysis` per article, filled by small named steps.

spaCy parses the articles in one streamed `nlp.pipe` call, a chunk of articles at a time. For each chunk the
`sentences` step runs first, then every sentence of the chunk (plus each article's lead) is embedded in one
encoder call, and only then do the other steps run: steps that need sentence vectors (actor merging breaks name
ties by the similarity of the mentions' sentences) read `analysis.sentence_embeddings` instead of encoding the
same sentences again. The batch path is the fast path: `analyze_articles([a])` is the single-article convenience.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from ..model import Analysis, Article
from . import actors, dates, loaded, numbers, quotes, sentences
from .models import EMBEDDING_MODEL, SPACY_MODEL, preload_sentence_encoder, sentence_encoder, spacy_pipeline

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

# Steps whose models and lexicons read English only (the spaCy model, the quote and reporting-verb rules, the
# loaded-word lexicon, the date and number grammars). Another language gets sentences and embeddings (grouping
# across languages works on those) and `versions["skipped"]` says what was left out, rather than actors such as
# "jeudi" (ORG) read from French by an English model.
ENGLISH_ONLY = frozenset({"mentions", "actors", "quotes", "loaded_terms", "dates", "numbers"})
MIN_WORDS_FOR_LANGUAGE = 15  # below this the language detector's answer is not trusted to skip steps

LEAD_SENTENCES = 3
EMBED_AFTER = "sentences"
CHUNK_SIZE = 64  # articles whose parsed docs are held at once


class Analyzer:
    def __init__(self, steps: Sequence[tuple[str, Step]] = DEFAULT_STEPS, batch_size: int = 32,
                 chunk_size: int = CHUNK_SIZE):
        self.steps = list(steps)
        self.batch_size = batch_size
        self.chunk_size = max(1, chunk_size)
        names = [name for name, _ in self.steps]
        # steps up to and including "sentences" run before the chunk's embeddings, the rest after them
        self.split = names.index(EMBED_AFTER) + 1 if EMBED_AFTER in names else 0

    def analyze(self, articles: Sequence[Article]) -> list[Analysis]:
        if articles:  # embedding below waits for the preload, so no thread outlives this call (fork safety)
            preload_sentence_encoder()
        nlp = sentences.with_boundaries(spacy_pipeline())
        results: list[Analysis] = []
        docs = iter(nlp.pipe((a.text for a in articles), batch_size=self.batch_size))
        for begin in range(0, len(articles), self.chunk_size):
            chunk = articles[begin : begin + self.chunk_size]
            contexts = [StepInput(article=a, doc=next(docs), analysis=Analysis(article_id=a.id)) for a in chunk]
            for context in contexts:
                for _name, step in self.steps[: self.split]:
                    step(context)
            analyses = [c.analysis for c in contexts]
            embed_analyses(chunk, analyses)
            for context in contexts:
                other = _other_language(context.article)
                for name, step in self.steps[self.split :]:
                    if not (other and name in ENGLISH_ONLY):
                        step(context)
                context.analysis.versions = {"spacy": SPACY_MODEL, "embeddings": EMBEDDING_MODEL}
                if other:
                    skipped = ", ".join(n for n, _ in self.steps[self.split :] if n in ENGLISH_ONLY)
                    context.analysis.versions["skipped"] = f"{skipped}: English models only (language {other})"
            results.extend(analyses)
        return results


def _other_language(article: Article) -> str | None:
    """The article's language when it is known, not English, and the text long enough to trust the detector."""
    language = (article.language or "").lower()
    if language and language != "en" and len(article.text.split()) >= MIN_WORDS_FOR_LANGUAGE:
        return language
    return None


def embed_analyses(articles: Sequence[Article], analyses: Sequence[Analysis]) -> None:
    """Sentence, article, lead and document embeddings for a whole batch in one encoder call."""
    texts: list[str] = []
    for article, analysis in zip(articles, analyses):
        texts.extend(s.text for s in analysis.sentences)
        texts.append(lead_text(article, analysis))
        texts.append(document_text(article))
    vectors = sentence_encoder().encode(texts)
    offset = 0
    for analysis in analyses:
        n = len(analysis.sentences)
        analysis.sentence_embeddings = vectors[offset : offset + n]
        analysis.lead_embedding = vectors[offset + n]
        analysis.document_embedding = vectors[offset + n + 1]
        analysis.article_embedding = _mean_direction(vectors[offset : offset + n], fallback=vectors[offset + n])
        offset += n + 2


def lead_text(article: Article, analysis: Analysis) -> str:
    lead = " ".join(s.text for s in analysis.sentences[:LEAD_SENTENCES])
    return article.titled(lead)


DOCUMENT_CHARS = 6000  # more than 256 word pieces of any language: the tokenizer need not read the rest


def document_text(article: Article) -> str:
    """The article as one passage: the encoder reads as much of it as fits (its first 256 word pieces, about
    200 words). Where the mean of the sentence vectors weighs every sentence the same and reads each alone, and
    the lead stops after three sentences, this reads the opening in context (docs/stories.md)."""
    return article.titled(article.text[:DOCUMENT_CHARS])


def _mean_direction(vectors: np.ndarray, fallback: np.ndarray) -> np.ndarray:
    if len(vectors) == 0:
        return fallback
    mean = vectors.mean(axis=0)
    norm = np.linalg.norm(mean)
    return (mean / norm).astype(np.float32) if norm > 0 else fallback


def analyze_articles(articles: Sequence[Article], batch_size: int = 32) -> list[Analysis]:
    return Analyzer(batch_size=batch_size).analyze(articles)
