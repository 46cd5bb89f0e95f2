"""Train the word head shipped in the package (`src/newsprism/analyze/data/loaded_head.npz`) on all of BABE.

Run: `.venv/bin/python benchmarks/train_loaded_head.py`. It uses the same features and fitting code as
`benchmarks/analysis.py` (`build_babe`, `fit_word_head`: logistic regression on lexicon, VADER, TextBlob and
MiniLM-lemma features; threshold from inner out-of-fold predictions grouped by topic). The benchmark never
scores this file: its figures come from heads refitted inside each cross-validation fold.
"""

from __future__ import annotations

import sys

import numpy as np

from analysis import DATA, ROOT, build_babe, fit_word_head, load_babe

TARGET = ROOT / "src" / "newsprism" / "analyze" / "data" / "loaded_head.npz"


def main() -> int:
    if not (DATA / "babe" / "sentences.jsonl").exists():
        print(f"BABE not found under {DATA}; nothing trained")
        return 1
    data = build_babe(load_babe())
    head, _ = fit_word_head(data, np.arange(len(data.rows)), about="BABE (all sentences, Biased/Non-biased)")
    head.save(TARGET)
    print(f"wrote {TARGET.relative_to(ROOT)}: {len(head.coef)} features; {head.about}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
