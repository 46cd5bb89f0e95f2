"""`newsprism batch`: ingest → analyze → store → group over large inputs on a batch engine (local or Ray).

It gives the same articles, analyses and stories as `pipeline.ingest` on the same inputs: inputs are read and
filtered in the driver in input order, only the analysis runs on the engine (results come back in input
order), each article is stored with its analysis in one transaction, and stories are merged once at the end.
A run that is interrupted resumes: stored articles are skipped before analysis, and whatever was stored but
not grouped is grouped by the next run. See docs/scaling.md.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from functools import partial
from typing import BinaryIO

from ..model import IngestResult
from ..pipeline import IngestSummary, finish_pending
from ..settings import Settings
from ..store import Store
from . import stages
from .engines import Engine, LocalEngine, RayEngine, make_engine
from .progress import Progress


def run_batch(
    inputs: list[str],
    store: Store,
    settings: Settings,
    engine: str = "local",
    workers: int = 1,
    on_result: Callable[[IngestResult], None] | None = None,
    stdin: BinaryIO | None = None,
    progress: Progress | None = None,
) -> IngestSummary:
    """Run the batch pipeline; progress goes to stderr. `engine` is "local" or "ray"."""
    summary = IngestSummary()
    progress = progress or Progress()

    def report(result: IngestResult) -> None:
        summary.results.append(result)
        progress(result)
        if on_result:
            on_result(result)

    started = time.perf_counter()
    finish_pending(store, settings, group=False, workers=workers)  # analyse what a killed run left unanalysed
    runner = make_engine(engine, workers, batch_size=settings.batch_size)
    signatures = {}
    try:
        fresh = stages.read(inputs, store, settings, report, stdin=stdin)
        for results in runner.map_batches(partial(stages.AnalyzeStage, settings.batch_size), fresh):
            for stored in stages.write(results, store, report):
                signatures[stored.article.id] = stored.signature
    finally:
        runner.close()
    progress.print()
    analysed = time.perf_counter()
    pairs = stages.candidates(signatures)
    progress.note(f"{len(pairs)} near-duplicate candidate pair(s) among {len(signatures)} new articles; grouping")
    near = time.perf_counter()
    grouped = stages.group(store, settings)
    done = time.perf_counter()
    progress.timings = {"analyse+store": analysed - started, "minhash candidates": near - analysed,
                        "group": done - near}
    progress.note(f"grouped {grouped} article(s) in {done - near:.1f} s (analyse+store {analysed - started:.1f} s);"
                  f" {summary.line()}")
    return summary


__all__ = ["Engine", "LocalEngine", "Progress", "RayEngine", "make_engine", "run_batch", "stages"]
