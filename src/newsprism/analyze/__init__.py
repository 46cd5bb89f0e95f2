"""The analysis stage: sentences, actors, quotes, reporting verbs, loaded language, dates, numbers, embeddings."""

from .pipeline import Analyzer, analyze_articles

__all__ = ["Analyzer", "analyze_articles"]
