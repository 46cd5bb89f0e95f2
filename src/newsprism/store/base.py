"""The store interface every backend implements (SQLite and PostgreSQL), and the tests share."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator

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
