"""Stable article ids: the same text from the same outlet, however it was encoded or spaced, always gets the same
id; the same text published by two outlets (a wire story and its reprint) is two articles."""

from __future__ import annotations

import hashlib
import unicodedata


def normalise_for_id(text: str) -> str:
    """NFKC, whitespace collapsed to single spaces, case kept."""
    return " ".join(unicodedata.normalize("NFKC", text).split())


def article_id(text: str, outlet: str | None = None) -> str:
    """First 16 hex characters of the sha256 of the normalised text, preceded by the outlet's name (case-folded)
    when the outlet is known."""
    key = normalise_for_id(text)
    if outlet and outlet.strip():
        key = " ".join(outlet.casefold().split()) + "\x1f" + key
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def count_words(text: str) -> int:
    return len(text.split())
