"""A small numpy MinHash over word shingles, with LSH banding.

Pure numpy and the standard library, so the same functions run unchanged inside a distributed engine (a Ray
`map_batches` or a Spark UDF): `signature()` per article, `band_keys()` per signature, then group by key.
"""

from __future__ import annotations

import re
import zlib
from collections import defaultdict
from collections.abc import Iterable

import numpy as np

NUM_PERM = 128
BANDS = 32  # 32 bands of 4 rows: pairs with Jaccard ≥ ~0.45 collide in some band with high probability
SHINGLE = 3
_MERSENNE = np.uint64((1 << 61) - 1)
_MAX_HASH = np.uint64((1 << 32) - 1)
_WORD = re.compile(r"\w+", re.UNICODE)


def _permutations(num_perm: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.RandomState(1)
    a = rng.randint(1, (1 << 61) - 1, size=num_perm, dtype=np.uint64)
    b = rng.randint(0, (1 << 61) - 1, size=num_perm, dtype=np.uint64)
    return a, b


def words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def shingles(text: str, size: int = SHINGLE) -> set[str]:
    tokens = words(text)
    if len(tokens) < size:
        return {" ".join(tokens)} if tokens else set()
    return {" ".join(tokens[i : i + size]) for i in range(len(tokens) - size + 1)}


def signature(text: str, num_perm: int = NUM_PERM) -> np.ndarray:
    """(num_perm,) uint64 MinHash of the text's word shingles; all-max for an empty text."""
    found = shingles(text)
    if not found:
        return np.full(num_perm, _MAX_HASH, dtype=np.uint64)
    hashes = np.fromiter((zlib.crc32(s.encode("utf-8")) for s in found), dtype=np.uint64, count=len(found))
    a, b = _permutations(num_perm)
    with np.errstate(over="ignore"):
        permuted = (np.outer(hashes, a) + b) % _MERSENNE & _MAX_HASH
    return permuted.min(axis=0)


def jaccard(sig_a: np.ndarray, sig_b: np.ndarray) -> float:
    """Estimated Jaccard similarity of the two shingle sets."""
    if sig_a[0] == _MAX_HASH and (sig_a == _MAX_HASH).all():
        return 0.0
    return float(np.mean(sig_a == sig_b))


def band_keys(sig: np.ndarray, bands: int = BANDS) -> list[tuple[int, bytes]]:
    rows = len(sig) // bands
    return [(i, sig[i * rows : (i + 1) * rows].tobytes()) for i in range(bands)]


def candidate_pairs(signatures: dict[str, np.ndarray], bands: int = BANDS) -> set[tuple[str, str]]:
    """Pairs (a < b) that share at least one LSH band."""
    buckets: dict[tuple[int, bytes], list[str]] = defaultdict(list)
    for key, sig in signatures.items():
        if (sig == _MAX_HASH).all():
            continue
        for band in band_keys(sig, bands):
            buckets[band].append(key)
    pairs: set[tuple[str, str]] = set()
    for members in buckets.values():
        if len(members) > 1:
            ordered = sorted(members)
            pairs.update((x, y) for i, x in enumerate(ordered) for y in ordered[i + 1 :])
    return pairs


def signatures(items: Iterable[tuple[str, str]]) -> dict[str, np.ndarray]:
    return {key: signature(text) for key, text in items}
