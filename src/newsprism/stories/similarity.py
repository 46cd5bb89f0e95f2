"""The "same story" score of two articles, 0..1.

A logistic model over signals whose meaning does not change from one corpus to the next (shared actors and
places weighted by salience, shared numbers and dates, shingle overlap) next to the embedding cosines, fitted
on the tune splits of ECB+, BASIL and NeuS pooled (`benchmarks/stories.py --calibrate` prints the weights).
Time is a hard rule, not a feature: two dated articles further apart than the story window are different
stories; an undated article is not held apart by time.
"""

from __future__ import annotations

import math

import numpy as np

from ..model import AnalyzedArticle
from .profile import FEATURES, Profile, build_profile, days_apart, pair_features

# Fitted by `benchmarks/stories.py --calibrate` on the tune splits only; order follows profile.FEATURES.
WEIGHTS = np.array([1.211, 10.103, 0.92, 0.905, 0.496, 0.0, 31.118, 2.221, 2.837, 2.455, 1.502, -0.364])
BIAS = -10.873
# The multilingual model's cosines are compressed (unrelated pairs ~0.75): mapped onto the MiniLM scale
# before the same model is applied, fitted on the same tune pairs.
MULTILINGUAL_SCALE = (3.0, -2.2)
DEFAULT_WINDOW_DAYS = 4.0

assert len(WEIGHTS) == len(FEATURES)


def _sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-40.0, min(40.0, x))))


def crosses_languages(a: Profile, b: Profile) -> bool:
    return a.multilingual is not None and b.multilingual is not None and (
        (a.language or "en") != "en" or (b.language or "en") != "en"
    )


def profile_features(a: Profile, b: Profile) -> np.ndarray:
    features = pair_features(a, b)
    if crosses_languages(a, b):
        slope, intercept = MULTILINGUAL_SCALE
        mapped = slope * float(np.dot(a.multilingual, b.multilingual)) + intercept
        features[0] = features[1] = max(-1.0, min(1.0, mapped))
    return features


def profile_similarity(a: Profile, b: Profile, window_days: float = DEFAULT_WINDOW_DAYS) -> float:
    gap = days_apart(a, b)
    if gap is not None and gap > window_days:
        return 0.0
    return _sigmoid(float(WEIGHTS @ profile_features(a, b)) + BIAS)


def article_similarity(a: AnalyzedArticle, b: AnalyzedArticle, window_days: float = DEFAULT_WINDOW_DAYS) -> float:
    """0..1: how likely the two articles report the same story (same event, same occasion)."""
    return profile_similarity(build_profile(a), build_profile(b), window_days)

LINK_THRESHOLD = 0.3  # tuned on the pooled tune splits (mean B-cubed F1); linked when the calibrated probability of "same story" is at least this
NEIGHBOURS = 48  # candidates fetched per article from the index
SEARCH_FLOOR = 0.3  # MiniLM cosine below which a candidate is not scored
MULTILINGUAL_FLOOR = 0.8  # the same floor on the multilingual model's compressed scale
