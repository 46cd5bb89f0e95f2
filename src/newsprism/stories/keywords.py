"""What an article is about, as weighted words: each word weighs by how rare it is in the language at large
(wordfreq's Zipf frequencies, a table shipped inside the package), so two reports sharing "Carrier", "Cohn" or
"tariffs" count for much and two sharing "said" or "president" for little.

The weights come from a fixed table, never from the store: an article's words weigh the same whatever else the
store holds.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache

_WORD = re.compile(r"[^\W\d_](?:[^\W_]|['’\-](?=[^\W_]))*", re.UNICODE)
ZIPF_CEILING = 7.0  # Zipf 7 is about "the": a word this common weighs nothing; a word the table lacks weighs 7
# Languages written without spaces between words (the word pattern above cannot segment them), and Korean, whose
# words wordfreq looks up only through MeCab: wordfreq needs tokenizers we do not install (jieba, MeCab) for
# these. They get no keyword vector.
UNSEGMENTED = frozenset({"zh", "ja", "ko", "th", "lo", "km", "my"})


@lru_cache(maxsize=1)
def _languages() -> frozenset[str]:
    import wordfreq

    return frozenset(wordfreq.available_languages())


@lru_cache(maxsize=200_000)
def rarity(word: str, language: str = "en") -> float:
    import wordfreq

    return max(0.0, ZIPF_CEILING - wordfreq.zipf_frequency(word, language))


def keyword_vector(text: str, language: str | None = None) -> dict[str, float]:
    """Word -> weight ((1 + log count) × rarity), L2-normalised; empty for a text without words, and for a
    language written without spaces between words (`UNSEGMENTED`)."""
    lang = (language or "en").split("-")[0].lower()
    if lang in UNSEGMENTED:
        return {}
    if lang not in _languages():
        lang = "en"
    counts: dict[str, int] = {}
    for token in _WORD.findall(text.lower()):
        token = token.replace("’", "'")
        if token.endswith("'s"):
            token = token[:-2]
        if len(token) > 1:
            counts[token] = counts.get(token, 0) + 1
    weights = {w: (1.0 + math.log(c)) * rarity(w, lang) for w, c in counts.items()}
    norm = math.sqrt(sum(v * v for v in weights.values()))
    return {w: v / norm for w, v in weights.items() if v > 0} if norm else {}


def keyword_cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(w, 0.0) for w, v in a.items())
