"""Where the analysis stage runs. An engine maps a stage over a stream of batches and yields the results in
input order; `local` uses this process or a process pool, `ray` uses Ray Data with one actor per worker.

Another engine (Spark, Dask) only has to implement `Engine.map_batches`.
"""

from __future__ import annotations

import logging
import os
import pickle
from abc import ABC, abstractmethod
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor

from ..model import Article
from .stages import Analyzed, AnalyzeStage

StageFactory = Callable[[], AnalyzeStage]


class Engine(ABC):
    name: str

    @abstractmethod
    def map_batches(self, make_stage: StageFactory, batches: Iterable[list[Article]]) -> Iterator[list[Analyzed]]:
        """Apply `make_stage()` (built once per worker) to every batch; results in input order."""

    def close(self) -> None:
        """Release workers."""


class LocalEngine(Engine):
    """In this process (workers=1) or in a pool of processes, each holding one loaded model."""

    name = "local"

    def __init__(self, workers: int = 1):
        self.workers = max(1, workers)

    def map_batches(self, make_stage: StageFactory, batches: Iterable[list[Article]]) -> Iterator[list[Analyzed]]:
        if self.workers == 1:
            stage = make_stage()
            for batch in batches:
                yield stage(batch)
            return
        threads = worker_threads(self.workers)
        with ProcessPoolExecutor(self.workers, initializer=_init_worker, initargs=(make_stage, threads)) as pool:
            pending: deque[list[Future]] = deque()
            for batch in batches:
                # Each batch goes out in `workers` chunks, so the last batches keep every worker busy too.
                pending.append([pool.submit(_run_stage, chunk) for chunk in split(batch, self.workers)])
                if len(pending) >= 2:  # bounded: the input streams, memory stays flat
                    yield [r for f in pending.popleft() for r in f.result()]
            while pending:
                yield [r for f in pending.popleft() for r in f.result()]


def worker_threads(workers: int) -> int:
    """Math threads per worker: the cores shared out, at least one (2 workers on 2 cores: 1 thread each)."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return max(1, cores // max(1, workers))


def split(batch: list[Article], parts: int, least: int = 4) -> list[list[Article]]:
    """`batch` in up to `parts` contiguous chunks of at least `least` articles (order kept)."""
    size = max(least, -(-len(batch) // max(1, parts)))
    return [batch[i : i + size] for i in range(0, len(batch), size)] or [batch]


def limit_threads(threads: int) -> None:
    """Cap the math libraries of this (worker) process: ONNX Runtime's intra-op pool, OpenMP, BLAS."""
    for name in ("NEWSPRISM_ONNX_THREADS", "OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ[name] = str(threads)
    try:  # BLAS pools already started before the fork keep their size unless told
        from threadpoolctl import threadpool_limits

        threadpool_limits(threads)
    except ImportError:
        pass


_worker_stage: AnalyzeStage | None = None


def _init_worker(make_stage: StageFactory, threads: int = 1) -> None:
    global _worker_stage  # one stage per worker process, built once
    limit_threads(threads)
    _worker_stage = make_stage()


def _run_stage(batch: list[Article]) -> list[Analyzed]:
    return _worker_stage(batch)


class RayEngine(Engine):
    """Ray Data: `map_batches` with a callable class, so each worker actor loads the models once.

    Batches are sent in windows of `window` articles (one Dataset each) so an unbounded input streams through
    a bounded driver. Connects to `RAY_ADDRESS` when set (an existing cluster), else starts a local Ray.
    """

    name = "ray"

    def __init__(self, workers: int = 1, window: int = 4096, batch_size: int = 32):
        os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
        os.environ.setdefault("RAY_AUTH_MODE", "disabled")
        import ray

        self.ray = ray
        self.workers = max(1, workers)
        self.window = window
        self.batch_size = batch_size
        self._started = False
        if not ray.is_initialized():
            address = os.environ.get("RAY_ADDRESS")
            options = {} if address else {"num_cpus": self.workers + 1, "include_dashboard": False}
            ray.init(address=address, log_to_driver=False, logging_level=logging.WARNING,
                     runtime_env={"env_vars": {"OMP_NUM_THREADS": "1", "NEWSPRISM_ONNX_THREADS": "1",
                                               "RAY_USAGE_STATS_ENABLED": "0"}},
                     **options)
            self._started = True
        context = ray.data.DataContext.get_current()
        context.execution_options.preserve_order = True  # results come back in input order
        context.enable_progress_bars = False  # newsprism prints its own progress

    def map_batches(self, make_stage: StageFactory, batches: Iterable[list[Article]]) -> Iterator[list[Analyzed]]:
        window: list[list[Article]] = []
        for batch in batches:
            window.append(batch)
            if sum(len(b) for b in window) >= self.window:
                yield from self._run_window(make_stage, window)
                window = []
        if window:
            yield from self._run_window(make_stage, window)

    def _run_window(self, make_stage: StageFactory, window: list[list[Article]]) -> Iterator[list[Analyzed]]:
        rows = [{"item": pickle.dumps(article)} for batch in window for article in batch]
        # Small enough that every actor gets work (a short input must not leave actors idle), at most batch_size.
        size = max(1, min(self.batch_size, -(-len(rows) // (2 * self.workers))))
        dataset = self.ray.data.from_items(rows).map_batches(
            _RayStage, fn_constructor_args=(make_stage,), batch_size=size, batch_format="numpy",
            concurrency=min(self.workers, -(-len(rows) // size)), num_cpus=1,
        )
        for out in dataset.iter_batches(batch_size=self.batch_size, batch_format="numpy"):
            yield [pickle.loads(item) for item in out["item"]]

    def close(self) -> None:
        if self._started:
            self.ray.shutdown()


class _RayStage:
    """The Ray Data callable class: built once per actor, called per batch of pickled articles."""

    def __init__(self, make_stage: StageFactory):
        self.stage = make_stage()

    def __call__(self, batch):
        import numpy as np

        articles = [pickle.loads(item) for item in batch["item"]]
        results = self.stage(articles)
        return {"item": np.array([pickle.dumps(r) for r in results], dtype=object)}


def make_engine(name: str, workers: int = 1, batch_size: int = 32) -> Engine:
    if name == "local":
        return LocalEngine(workers)
    if name == "ray":
        return RayEngine(workers, batch_size=batch_size)
    raise ValueError(f"unknown engine {name!r}: choose local or ray")
