"""The library's front door: ingest → analyze → store → group, the same calls the CLI and web app make.

Crash safety: an article and its analysis are written in one transaction, and story assignment
follows in another. A run that is killed leaves whole articles behind; the next run first finishes
what the last one left (articles without analysis, analysed articles without a story).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import BinaryIO

from .errors import InputError
from .model import Analysis, AnalyzedArticle, Article, IngestResult
from .settings import Settings
from .store import Store

Report = Callable[[IngestResult], None]


@dataclass
class IngestSummary:
    results: list[IngestResult] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(1 for r in self.results if r.status == status)

    @property
    def rejected(self) -> list[IngestResult]:
        return [r for r in self.results if r.status == "rejected"]

    def line(self) -> str:
        parts = [f"{self.count(s)} {label}" for s, label in
                 (("added", "added"), ("revision", "new revisions"), ("present", "already present"),
                  ("rejected", "rejected"))]
        return "ingest: " + ", ".join(parts)


def ingest(
    inputs: Sequence[str],
    store: Store,
    settings: Settings,
    analyze: bool = True,
    group: bool = True,
    workers: int = 1,
    stdin: BinaryIO | None = None,
    on_result: Report | None = None,
) -> IngestSummary:
    """Read every input, analyse new articles in batches, store each with its analysis, group into stories."""
    from .ingest import read_inputs

    summary = IngestSummary()

    def report(result: IngestResult) -> None:
        summary.results.append(result)
        if on_result:
            on_result(result)

    grouper = _grouper(store, settings) if group and analyze else None
    if analyze:
        finish_pending(store, settings, group=group, workers=workers, grouper=grouper)
    for batch in _batches(read_inputs(list(inputs), settings, stdin=stdin), settings.batch_size):
        _ingest_batch(batch, store, settings, analyze, grouper, workers, report)
    if grouper is not None:
        grouper.save_index()
    return summary


def _grouper(store: Store, settings: Settings):
    from .stories import StoryGrouper

    return StoryGrouper(store, settings)


def _batches(items: Iterable[Article | InputError], size: int) -> Iterator[list[Article | InputError]]:
    batch: list[Article | InputError] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _ingest_batch(batch, store: Store, settings: Settings, analyze: bool, grouper, workers: int,
                  report: Report) -> None:
    fresh: dict[str, Article] = {}
    for item in batch:
        if isinstance(item, InputError):
            report(IngestResult(source=item.source, status="rejected", reason=item.reason))
        elif store.has_article(item.id) or item.id in fresh:
            report(IngestResult(source=item.source, status="present", article_id=item.id))
        else:
            fresh[item.id] = item
    articles = list(fresh.values())
    if analyze and articles:
        articles, analyses = _analyze_or_reject(articles, settings, workers, report)
    else:
        analyses = [None] * len(articles)
    stored: list[AnalyzedArticle] = []
    for article, analysis in zip(articles, analyses):
        status = store.add_article(article, analysis)
        report(IngestResult(source=article.source, status=status, article_id=article.id))
        if status != "present" and analysis is not None:
            stored.append(AnalyzedArticle(article, analysis))
    if grouper is not None and stored:
        grouper.add(stored)


def _analyze_or_reject(articles: list[Article], settings: Settings, workers: int, report: Report
                       ) -> tuple[list[Article], list[Analysis]]:
    """Analyses of the batch; when the batch fails, each article again on its own, so that one article the models
    cannot read is rejected by name (and not stored) while the others are stored."""
    try:
        return articles, analyze_many(articles, settings, workers)
    except Exception:  # noqa: BLE001 - retried one by one below, where the failing article is named
        pass
    kept: list[Article] = []
    analyses: list[Analysis] = []
    for article in articles:
        try:
            [analysis] = analyze_many([article], settings, 1)
        except Exception as exc:  # noqa: BLE001 - reported as this input's rejection
            report(IngestResult(source=article.source, status="rejected",
                                reason=f"analysis failed ({type(exc).__name__}: {' '.join(str(exc).split())[:160]})"))
            continue
        kept.append(article)
        analyses.append(analysis)
    return kept, analyses


def analyze_many(articles: Sequence[Article], settings: Settings, workers: int = 1) -> list[Analysis]:
    """Analyse in this process, or split across `workers` processes that each load the models once."""
    from .analyze import analyze_articles

    if workers <= 1 or len(articles) < 2 * workers:
        return analyze_articles(articles, batch_size=settings.batch_size)
    chunk = -(-len(articles) // workers)
    parts = [list(articles[i : i + chunk]) for i in range(0, len(articles), chunk)]
    with ProcessPoolExecutor(max_workers=workers, initializer=_worker_init) as pool:
        results = pool.map(analyze_articles, parts)
        return [analysis for part in results for analysis in part]


def _worker_init() -> None:
    # Each worker process is one model instance; keep math libraries from oversubscribing the cores.
    os.environ.setdefault("OMP_NUM_THREADS", "1")


def group_articles(items: list[AnalyzedArticle], store: Store, settings: Settings) -> None:
    """Group a few stored, analysed articles into stories (one-off callers such as the web API)."""
    grouper = _grouper(store, settings)
    grouper.add(items)
    grouper.save_index()


def backfill_document_embeddings(store: Store, batch: int = 256) -> int:
    """Analyses stored before document embeddings existed get one: one encoder pass over each article's title and
    text, nothing else of the analysis redone. Returns how many."""
    from .analyze.models import sentence_encoder
    from .analyze.pipeline import document_text

    ids = store.articles_without_document_embedding()
    if ids:  # once after an upgrade; a large store takes a while (about 40 articles a second on 2 cores)
        logging.getLogger("newsprism").warning(
            "newsprism: giving %d stored analyses their document embedding (once, after an upgrade)", len(ids))
    for begin in range(0, len(ids), batch):
        articles = list(store.articles(ids[begin : begin + batch]))
        vectors = sentence_encoder().encode([document_text(a) for a in articles])
        store.save_document_embeddings({a.id: v for a, v in zip(articles, vectors)})
    return len(ids)


def finish_pending(store: Store, settings: Settings, group: bool = True, workers: int = 1, grouper=None) -> int:
    """Complete work an interrupted run or an older version left: analyse unanalysed articles, give older analyses
    their document embedding, group ungrouped ones."""
    backfill_document_embeddings(store)
    missing = store.articles_without_analysis()
    if missing:
        reanalyze(store, settings, missing, workers=workers, group=False)
    if not group:
        return len(missing)
    ungrouped = [a for a in store.articles() if store.story_of(a.id) is None]
    items = [AnalyzedArticle(a, store.get_analysis(a.id)) for a in ungrouped]
    items = [i for i in items if i.analysis is not None]
    if items:
        (grouper or _grouper(store, settings)).add(items)
    return len(missing) + len(items)


def reanalyze(store: Store, settings: Settings, ids: Sequence[str] | None = None, workers: int = 1,
              group: bool = False) -> int:
    """Run the analysis again for these articles (all when `ids` is None) and store the results."""
    articles = list(store.articles(ids))
    done = 0
    for begin in range(0, len(articles), max(settings.batch_size, 1) * max(workers, 1)):
        part = articles[begin : begin + settings.batch_size * max(workers, 1)]
        for analysis in analyze_many(part, settings, workers):
            store.save_analysis(analysis)
            done += 1
    if group and articles:
        from .stories import regroup

        regroup(store, settings)
    return done


def load_analyzed(store: Store, ids: Iterable[str]) -> list[AnalyzedArticle]:
    items = []
    for article_id in ids:
        article = store.get_article(article_id)
        analysis = store.get_analysis(article.id)
        if analysis is None:
            raise InputError(article.source, "article has no analysis; run `newsprism analyze` first")
        items.append(AnalyzedArticle(article, analysis))
    return items
