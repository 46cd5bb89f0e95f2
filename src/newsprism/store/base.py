"""The store interface every backend implements (SQLite and PostgreSQL), and the tests share."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Sequence

import numpy as np

from ..model import Analysis, Article, Copy, Story


class Store(ABC):
    # --- articles -------------------------------------------------------------------------------
    @abstractmethod
    def add_article(self, article: Article, analysis: Analysis | None = None) -> str:
        """Store an article (and its analysis) in one transaction.

        Returns "added", "present" (same id already stored: nothing written) or "revision"
        (same URL, new text: stored with `revision_of` pointing at the latest earlier text).
        """

    @abstractmethod
    def has_article(self, article_id: str) -> bool: ...

    @abstractmethod
    def get_article(self, article_id: str) -> Article:
        """Raises NotFoundError. Accepts a unique id prefix of at least 6 characters."""

    @abstractmethod
    def articles(self, ids: Iterable[str] | None = None) -> Iterator[Article]:
        """Articles in ingestion order (or the given ids, in that order)."""

    @abstractmethod
    def count_articles(self) -> int: ...

    @abstractmethod
    def search_articles(self, query: str, limit: int = 20) -> list[tuple[str, float]]:
        """Full-text search over title and text: (article id, score), best first.

        Every word of the query must occur (case-insensitive, no stemming); punctuation is ignored.
        Scores are comparable within one result list only (BM25 on SQLite, ts_rank on PostgreSQL).
        """

    # --- analyses -------------------------------------------------------------------------------
    @abstractmethod
    def save_analysis(self, analysis: Analysis) -> None:
        """Insert or replace one article's analysis."""

    @abstractmethod
    def get_analysis(self, article_id: str, embeddings: bool = True) -> Analysis | None: ...

    @abstractmethod
    def articles_without_analysis(self) -> list[str]: ...

    @abstractmethod
    def articles_without_document_embedding(self) -> list[str]:
        """Analysed articles (with embeddings) whose analysis predates the document embedding."""

    @abstractmethod
    def save_document_embeddings(self, vectors: dict[str, np.ndarray]) -> None:
        """Set the document embedding of these analysed articles, in one transaction."""

    # --- stories --------------------------------------------------------------------------------
    @abstractmethod
    def save_stories(self, stories: Iterable[Story], retired: Iterable[Story] = ()) -> None:
        """Write stories (their membership and copies) in one transaction.

        `retired` stories are kept with their `successor` set so that old ids still resolve.
        """

    @abstractmethod
    def replace_all_stories(self, stories: Iterable[Story], retired: Iterable[Story] = ()) -> None:
        """Drop every story assignment and write these instead (regroup), in one transaction."""

    @abstractmethod
    def get_story(self, story_id: str) -> Story:
        """Follows `successor` links; raises NotFoundError."""

    @abstractmethod
    def stories(self) -> list[Story]:
        """Live stories (no successor), newest first."""

    @abstractmethod
    def story_of(self, article_id: str) -> str | None: ...

    @abstractmethod
    def copies(self) -> list[Copy]: ...

    # --- article vectors for candidate search (optional) -----------------------------------------
    # A backend that can search vectors itself (PostgreSQL with pgvector) sets `searches_vectors` and keeps the
    # story stage's candidate vectors in the store, shared by every process; the others leave it False and the
    # story stage keeps a faiss index beside the store instead.
    searches_vectors: bool = False

    def put_vectors(self, model: str, rows: Iterable[tuple[str, int | None, Sequence[float]]]) -> None:
        """Store (article id, day ordinal or None, unit vector) rows under `model`; existing ones are kept."""
        raise NotImplementedError(f"{type(self).__name__} does not search vectors")

    def vector_days(self, model: str) -> dict[str, int | None]:
        """Every article with a `model` vector, and its day ordinal (None: undated)."""
        raise NotImplementedError(f"{type(self).__name__} does not search vectors")

    def nearest_vectors(self, model: str, queries: Sequence[Sequence[float]], k: int,
                        day_ranges: Sequence) -> list[list[tuple[str, float]]]:
        """Per query, up to k (article id, inner product) pairs, best first (ties by article id).

        A query with a day range (first, last), or a list of them, sees the vectors dated inside them and every
        undated vector; a query with None sees every vector of `model`.
        """
        raise NotImplementedError(f"{type(self).__name__} does not search vectors")

    def get_vector(self, model: str, article_id: str) -> list[float]:
        raise NotImplementedError(f"{type(self).__name__} does not search vectors")

    def drop_vectors(self, model: str) -> None:
        """Forget every `model` vector (before they are rebuilt)."""
        raise NotImplementedError(f"{type(self).__name__} does not search vectors")

    # --- housekeeping ---------------------------------------------------------------------------
    @abstractmethod
    def integrity_problems(self) -> list[str]:
        """Empty when the store is consistent: backend check, no orphan rows, every article analysed."""

    @abstractmethod
    def close(self) -> None: ...

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
