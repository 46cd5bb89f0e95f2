"""What the web app reads: one store connection per worker thread, and caches that keep pages fast.

Comparisons are computed on demand and kept in an in-process LRU keyed by the story id and its article ids,
so a story that gains an article is compared again while an unchanged one is served from memory. The
stories listing is cached the same way, keyed by every live story's membership.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from ..model import Story
from ..settings import Settings
from ..store import Store, open_store

V = TypeVar("V")


class LRUCache(Generic[V]):
    """A small thread-safe LRU. Values are computed outside the lock; two racing misses compute twice."""

    def __init__(self, size: int):
        self.size = size
        self._items: OrderedDict[Hashable, V] = OrderedDict()
        self._lock = threading.Lock()

    def get_or_compute(self, key: Hashable, compute: Callable[[], V]) -> V:
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]
        value = compute()
        with self._lock:
            self._items[key] = value
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)
        return value

    def __len__(self) -> int:
        return len(self._items)


@dataclass
class StoryEntry:
    """One story's comparison, with everything derived from it computed at most once."""

    story: Story
    document: dict[str, Any]
    _derived: dict[str, Any] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def counts(self) -> dict[str, int]:
        doc = self.document
        return {
            "facts": len(doc.get("facts", [])),
            "omissions": len(doc.get("omissions", [])),
            "conflicts": len(doc.get("conflicts", [])),
        }

    def derived(self, name: str, compute: Callable[[], Any]) -> Any:
        with self._lock:
            if name not in self._derived:
                self._derived[name] = compute()
            return self._derived[name]


@dataclass
class Listing:
    """The stories document and its JSON encoding, made once per version of the store's stories."""

    document: dict[str, Any]
    body: bytes


def story_key(story: Story) -> tuple:
    return (story.id, tuple(story.article_ids))


class Library:
    """The store and the caches behind every route. Safe to share between the server's worker threads."""

    def __init__(self, db: str, settings: Settings, cache_size: int = 256):
        self.db = db
        self.settings = settings
        self.comparisons: LRUCache[StoryEntry] = LRUCache(cache_size)
        self.listings: LRUCache[Listing] = LRUCache(4)
        self.write_lock = threading.Lock()
        self._local = threading.local()
        self._opened: list[Store] = []
        self._opened_lock = threading.Lock()
        self._semantic = None
        self._semantic_lock = threading.Lock()

    # --- stores ---------------------------------------------------------------------------------
    def store(self) -> Store:
        """This thread's connection: SQLite and psycopg connections are not shared between threads."""
        store = getattr(self._local, "store", None)
        if store is None:
            store = open_store(self.db)
            self._local.store = store
            with self._opened_lock:
                self._opened.append(store)
        return store

    @contextmanager
    def writing(self) -> Iterator[Store]:
        """One writer at a time inside this process (the store itself serialises writers across processes)."""
        with self.write_lock:
            yield self.store()

    def close(self) -> None:
        with self._opened_lock:
            stores, self._opened = self._opened, []
        for store in stores:
            try:
                store.close()
            except Exception:  # a connection owned by a finished thread may already be gone
                pass

    # --- stories and comparisons ----------------------------------------------------------------
    def live_stories(self) -> list[Story]:
        return self.store().stories()

    def stories_listing(self) -> Listing:
        """The `newsprism.stories/1` document, rebuilt only when some story's membership or copies changed."""
        stories = self.live_stories()
        key = tuple((s.id, s.title, tuple(s.article_ids), tuple((c.article, c.copy_of) for c in s.copies))
                    for s in stories)
        return self.listings.get_or_compute(key, lambda: self._listing(stories))

    def _listing(self, stories: list[Story]) -> Listing:
        import json

        from ..stories import STORIES_SCHEMA, story_to_json

        store = self.store()
        document = {"schema": STORIES_SCHEMA, "stories": [story_to_json(s, store) for s in stories]}
        return Listing(document, json.dumps(document, ensure_ascii=False).encode("utf-8"))

    def comparison(self, story: Story) -> StoryEntry:
        return self.comparisons.get_or_compute(story_key(story), lambda: self._compare(story))

    def _compare(self, story: Story) -> StoryEntry:
        from ..compare import compare
        from ..pipeline import load_analyzed

        items = load_analyzed(self.store(), story.article_ids)
        document = compare(items, self.settings, story=story).to_json()
        document["story"] = {"id": story.id, "title": story.title}
        return StoryEntry(story=story, document=document)

    # --- search ---------------------------------------------------------------------------------
    def semantic_index(self):
        from .search import SemanticIndex

        with self._semantic_lock:
            if self._semantic is None:
                self._semantic = SemanticIndex()
            return self._semantic
