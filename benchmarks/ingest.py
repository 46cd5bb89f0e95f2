"""Ingestion throughput on the ECB+ and BASIL corpora (1,282 articles) from ../shared/data.

Three stages, each timed on its own, printing articles per second and the process's peak memory so far:
  parse     read_inputs over the two JSONL files (decoding, metadata inference, language detection)
  store     parse + SQLiteStore.add_article into a temporary database, no analysis
  pipeline  newsprism.pipeline.ingest (analysis, storage, story grouping) into a fresh temporary database,
            when that function exists; skipped with --no-pipeline

Usage: python benchmarks/ingest.py [--limit N] [--no-pipeline]
"""

from __future__ import annotations

import argparse
import importlib
import resource
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from newsprism.ingest import read_inputs
from newsprism.model import Article
from newsprism.settings import Settings
from newsprism.store import SQLiteStore

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
CORPORA = (DATA / "ecbplus" / "articles.jsonl", DATA / "basil" / "articles.jsonl")


def peak_memory_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux reports KiB


def report(stage: str, articles: int, rejected: int, seconds: float) -> None:
    rate = articles / seconds if seconds else float("inf")
    print(
        f"{stage:<9} {articles:>5} articles  {rejected:>3} rejected  {seconds:7.2f} s"
        f"  {rate:8.1f} articles/s  peak memory {peak_memory_mb():7.1f} MB"
    )


def limited_inputs(folder: Path, limit: int | None) -> list[str]:
    """The corpus files, or for --limit a JSONL file holding the first N records of them."""
    if limit is None:
        return [str(path) for path in CORPORA]
    lines = []
    for path in CORPORA:
        with path.open(encoding="utf-8") as handle:
            lines.extend(line for line in handle if line.strip())
    sample = folder / "sample.jsonl"
    sample.write_text("".join(lines[:limit]), encoding="utf-8")
    return [str(sample)]


def timed(run: Callable[[], tuple[int, int]]) -> tuple[int, int, float]:
    start = time.perf_counter()
    articles, rejected = run()
    return articles, rejected, time.perf_counter() - start


def parse_only(inputs: list[str], settings: Settings) -> tuple[int, int]:
    articles = rejected = 0
    for item in read_inputs(inputs, settings):
        if isinstance(item, Article):
            articles += 1
        else:
            rejected += 1
    return articles, rejected


def parse_and_store(inputs: list[str], settings: Settings, db: Path) -> tuple[int, int]:
    articles = rejected = 0
    store = SQLiteStore(str(db))
    try:
        for item in read_inputs(inputs, settings):
            if isinstance(item, Article):
                store.add_article(item)
                articles += 1
            else:
                rejected += 1
    finally:
        store.close()
    return articles, rejected


def full_pipeline(pipeline, inputs: list[str], settings: Settings, db: Path) -> tuple[int, int]:
    store = SQLiteStore(str(db))
    try:
        summary = pipeline.ingest(inputs, store, settings)
    finally:
        store.close()
    return summary.count("added") + summary.count("revision") + summary.count("present"), summary.count("rejected")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--limit", type=int, help="only the first N records")
    parser.add_argument("--no-pipeline", action="store_true", help="skip the full pipeline stage")
    args = parser.parse_args(argv)
    missing = [str(path) for path in CORPORA if not path.is_file()]
    if missing:
        print(f"skipped: corpus not found ({', '.join(missing)}); the benchmark needs ../shared/data")
        return 0
    settings = Settings()
    with tempfile.TemporaryDirectory() as folder:
        inputs = limited_inputs(Path(folder), args.limit)
        print(f"inputs: {', '.join(inputs)}")
        report("parse", *timed(lambda: parse_only(inputs, settings)))
        report("store", *timed(lambda: parse_and_store(inputs, settings, Path(folder) / "store.db")))
        pipeline = _pipeline_module()
        if args.no_pipeline or pipeline is None:
            print("pipeline  skipped" + ("" if args.no_pipeline else ": newsprism.pipeline.ingest not available"))
        else:
            try:
                report("pipeline", *timed(lambda: full_pipeline(pipeline, inputs, settings, Path(folder) / "full.db")))
            except Exception as exc:  # report a later stage's failure without hiding the ingest figures
                print(f"pipeline  failed: {type(exc).__name__}: {exc}".rstrip(": "))
                return 1
    return 0


def _pipeline_module():
    try:
        module = importlib.import_module("newsprism.pipeline")
    except ImportError:
        return None
    return module if hasattr(module, "ingest") else None


if __name__ == "__main__":
    sys.exit(main())
