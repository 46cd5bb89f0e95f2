"""The batch pipeline's stages: plain functions (and one callable class) over lists of articles.

An engine only decides where `AnalyzeStage` runs; everything else runs in the driver, in input order, so the
results are the ones `pipeline.ingest` gives:

    read → (fresh articles in batches) → analyze + minhash [engine] → write → candidates → group
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import BinaryIO

import numpy as np

from ..errors import InputError
from ..model import Analysis, Article, IngestResult
from ..settings import Settings
from ..store import Store

Report = Callable[[IngestResult], None]


@dataclass
class Analyzed:
    """What a worker sends back for one article."""

    article: Article
    analysis: Analysis
    signature: np.ndarray  # MinHash of the text, for near-duplicate candidates


def read(inputs: Sequence[str], store: Store, settings: Settings, report: Report,
         stdin: BinaryIO | None = None) -> Iterator[list[Article]]:
    """Batches of articles not stored yet. Rejected inputs and already stored articles are reported here,
    so a resumed run never analyses an article twice."""
    from ..ingest import read_inputs

    batch: list[Article] = []
    seen: set[str] = set()
    for item in read_inputs(list(inputs), settings, stdin=stdin):
        if isinstance(item, InputError):
            report(IngestResult(source=item.source, status="rejected", reason=item.reason))
        elif item.id in seen or store.has_article(item.id):
            report(IngestResult(source=item.source, status="present", article_id=item.id))
        else:
            seen.add(item.id)
            batch.append(item)
            if len(batch) >= settings.batch_size:
                yield batch
                batch = []
    if batch:
        yield batch


class AnalyzeStage:
    """Analysis and MinHash for one batch. One instance per worker: the models load once, on first use."""

    def __init__(self, batch_size: int = 32):
        self.batch_size = batch_size

    def __call__(self, articles: list[Article]) -> list[Analyzed]:
        from ..analyze import analyze_articles

        analyses = analyze_articles(articles, batch_size=self.batch_size)
        signatures = minhash(articles)
        return [Analyzed(a, n, s) for a, n, s in zip(articles, analyses, signatures)]


def minhash(articles: Sequence[Article]) -> list[np.ndarray]:
    from ..stories.minhash import signature

    return [signature(article.text) for article in articles]


def write(results: Iterable[Analyzed], store: Store, report: Report) -> list[Analyzed]:
    """Store each article with its analysis (one transaction each); returns those newly stored."""
    stored = []
    for result in results:
        status = store.add_article(result.article, result.analysis)
        report(IngestResult(source=result.article.source, status=status, article_id=result.article.id))
        if status != "present":
            stored.append(result)
    return stored


def candidates(signatures: dict[str, np.ndarray]) -> set[tuple[str, str]]:
    """Near-duplicate candidate pairs: articles sharing a MinHash LSH band."""
    from ..stories.minhash import candidate_pairs

    return candidate_pairs(signatures)


def group(store: Store, settings: Settings) -> int:
    """Merge everything stored but not yet in a story into the stories, in one pass at the end.

    Also picks up what an interrupted earlier run stored but never grouped. Returns how many were grouped.
    """
    from .. import stories
    from ..pipeline import finish_pending

    if not hasattr(stories, "StoryGrouper"):  # the stories stage is optional while it is being built
        return 0
    return finish_pending(store, settings, group=True)
