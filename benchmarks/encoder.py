"""Encoder batching benchmark: the MiniLM encoder's batches by word-piece budget against fixed 64-text batches.

Run: `.venv/bin/python benchmarks/encoder.py [--articles 150] [--repeats 3]`.

The texts are what the analysis encodes for each article: its sentences, its lead (title + three sentences) and
its document passage (title + text, up to 256 word pieces). Articles: the project's examples corpus, and the first
`--articles` ECB+ articles when ../shared/data is present. Both batchings run side by side in one process on
the same texts (median of `--repeats` passes each, alternating); the script prints the seconds, the ratio and
the largest difference between the two sets of embeddings (the batching must not change them).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))


def corpus(articles: int) -> list:
    from newsprism.ingest import read_inputs
    from newsprism.settings import Settings

    from newsprism.model import Article

    found = [a for a in read_inputs([str(ROOT / "examples")], Settings()) if isinstance(a, Article)]
    from stories import DATA, load_ecbplus  # the shared evaluation data, when present

    if DATA.exists():
        found += load_ecbplus()[0][:articles]
    else:
        print(f"note: {DATA} is absent: the examples corpus only", file=sys.stderr)
    return found


def texts_of(articles: list) -> list[str]:
    """Each article's sentences (from the real analysis), lead and document passage."""
    from newsprism.analyze import analyze_articles
    from newsprism.analyze.pipeline import document_text, lead_text

    texts = []
    for article, analysis in zip(articles, analyze_articles(articles)):
        texts += [s.text for s in analysis.sentences] + [lead_text(article, analysis), document_text(article)]
    return texts


def main() -> None:
    from newsprism.analyze.models import BATCH_TOKENS, sentence_encoder

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=150)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    articles = corpus(args.articles)
    texts = texts_of(articles)
    encoder = sentence_encoder()
    tokens = sum(len(e.ids) for e in encoder.tokenizer.encode_batch(texts))
    encoder.encode(texts[:8])  # warm up
    runs = {"64 texts a batch": dict(batch_size=64, batch_tokens=10**9),
            f"{BATCH_TOKENS} word pieces a batch (default)": {}}
    seconds = {name: [] for name in runs}
    vectors = {}
    for _ in range(args.repeats):
        for name, kwargs in runs.items():
            started = time.perf_counter()
            vectors[name] = encoder.encode(texts, **kwargs)
            seconds[name].append(time.perf_counter() - started)
    (fixed, fixed_s), (budget, budget_s) = ((n, statistics.median(s)) for n, s in seconds.items())
    difference = float(np.abs(vectors[fixed] - vectors[budget]).max())
    print(f"encoder batching: {len(articles)} articles, {len(texts)} texts, {tokens} word pieces")
    print(f"  {fixed:<40} {fixed_s:7.2f} s  {tokens / fixed_s:7.0f} pieces/s")
    print(f"  {budget:<40} {budget_s:7.2f} s  {tokens / budget_s:7.0f} pieces/s  ({fixed_s / budget_s:.2f}x faster)")
    print(f"  largest difference between the two sets of embeddings: {difference:.2e}")


if __name__ == "__main__":
    main()
