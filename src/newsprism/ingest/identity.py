"""Stable article ids: the same text, however it was encoded or spaced, always gets the same id."""

from __future__ import annotations

import hashlib
import unicodedata


def normalise_for_id(text: str) -> str:
    """NFKC, whitespace collapsed to single spaces, case kept."""
    return " ".join(unicodedata.normalize("NFKC", text).split())


def article_id(text: str) -> str:
    """First 16 hex characters of the sha256 of the normalised text."""
    return hashlib.sha256(normalise_for_id(text).encode("utf-8")).hexdigest()[:16]


def count_words(text: str) -> int:
    return len(text.split())
