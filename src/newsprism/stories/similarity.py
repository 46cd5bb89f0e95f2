"""Two scores of a pair of articles, both 0..1, from the same pair features (`profile.FEATURES`).

- `graded_similarity`: how similar the two reports are, graded (SemEval-2022 Task 8 "Overall" style). A logistic
  curve over what the texts say (article and lead cosine, sentence alignment, actor and name overlap, shared years,
  salient actors one text never names), fitted on the SemEval-2022 training pairs only, with the gold score mapped
  to 0..1 (1 = very similar, 4 = unrelated).
- `profile_similarity` (the grouper's link score): the probability that the two report the same story. A
  logistic model over the graded similarity's log-odds plus signals whose meaning does not change from one corpus
  to the next: shared named persons, organisations and places, shared numbers and dates, and the discriminating
  details that keep look-alike events apart (disjoint places, persons, numbers, dates, years; the day gap).
  Fitted on the pooled tune splits of ECB+, BASIL and NeuS (each corpus weighing the same). Time is also a hard
  rule: two dated articles further apart than the story window are different stories; an undated article is
  not held apart by time.
`benchmarks/stories.py --calibrate` refits both and prints the constants below.
"""

from __future__ import annotations

import math

import numpy as np

from ..model import AnalyzedArticle
from .profile import FEATURES, GRADED, Profile, build_profile, days_apart, pair_features

GRADED_INDEX = np.array([FEATURES.index(f) for f in GRADED])
# Fitted by `benchmarks/stories.py --calibrate` on the tune splits only; orders follow GRADED and FEATURES
# (the link model's first weight is for the graded log-odds).
GRADED_WEIGHTS = np.array([1.609, 4.972, 0.747, 0.149, -2.724, 1.056, -0.56, -0.825])
GRADED_BIAS = -2.519
WEIGHTS = np.array([1.343, -1.383, 2.205, 2.417, 0.495, 2.883, -1.263, 0.364, 0.97, 1.85, 18.245, 1.291, 0.958,
                    -0.303, 1.708, -0.58, -0.57, -0.056, -0.511, 0.458, -0.76, -1.058, -0.814])
BIAS = -4.224

assert len(GRADED_WEIGHTS) == len(GRADED) and len(WEIGHTS) == len(FEATURES) + 1
# The multilingual model's cosines are compressed (unrelated pairs ~0.75): mapped onto the MiniLM scale
# before the same model is applied.
MULTILINGUAL_SCALE = (3.0, -2.2)
DEFAULT_WINDOW_DAYS = 4.0


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
        mapped = max(-1.0, min(1.0, slope * float(np.dot(a.multilingual, b.multilingual)) + intercept))
        for name in ("cosine", "lead"):
            features[FEATURES.index(name)] = mapped
        # sentence alignment is measured with the English model: across languages use the mapped cosine
        features[FEATURES.index("alignment")] = max(features[FEATURES.index("alignment")], mapped)
        features[FEATURES.index("alignment_share")] = max(features[FEATURES.index("alignment_share")], mapped)
    return features


def graded_logit(features: np.ndarray) -> float:
    return float(GRADED_WEIGHTS @ features[GRADED_INDEX]) + GRADED_BIAS


def link_logit(features: np.ndarray) -> float:
    return float(WEIGHTS[0] * graded_logit(features) + WEIGHTS[1:] @ features) + BIAS


def profile_similarity(a: Profile, b: Profile, window_days: float = DEFAULT_WINDOW_DAYS) -> float:
    """The link score: probability that the two articles report the same story (0 outside the window)."""
    gap = days_apart(a, b)
    if gap is not None and gap > window_days:
        return 0.0
    return _sigmoid(link_logit(profile_features(a, b)))


def graded_profile_similarity(a: Profile, b: Profile) -> float:
    return _sigmoid(graded_logit(profile_features(a, b)))


def article_similarity(a: AnalyzedArticle, b: AnalyzedArticle, window_days: float = DEFAULT_WINDOW_DAYS) -> float:
    """0..1: how likely the two articles report the same story (same event, same occasion)."""
    return profile_similarity(build_profile(a), build_profile(b), window_days)


def graded_similarity(a: AnalyzedArticle, b: AnalyzedArticle) -> float:
    """0..1: how similar the two reports are, graded (not a same-story decision)."""
    return graded_profile_similarity(build_profile(a), build_profile(b))

# Tuned on the pooled tune splits (best mean B-cubed F1, 0.903): linked when the calibrated probability of "same
# story" is at least this.
LINK_THRESHOLD = 0.35
NEIGHBOURS = 48  # candidates fetched per article from the index
SEARCH_FLOOR = 0.3  # MiniLM cosine below which a candidate is not scored
MULTILINGUAL_FLOOR = 0.8  # the same floor on the multilingual model's compressed scale
