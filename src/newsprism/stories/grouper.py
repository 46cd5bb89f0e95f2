"""Incremental story grouping with stable ids, and `regroup` that rebuilds the same grouping from scratch.

The grouping is a function of the set of articles, never of their arrival order:
1. candidate edges: each article's nearest neighbours in the faiss index (cosine above a floor) that the
   calibrated "same story" score links (score ≥ LINK_THRESHOLD, inside the time window). The score reads a
   pair's cosine against both articles' neighbourhoods (how close their nearest neighbours are), so a new
   article that becomes one of an old article's closest neighbours changes that article's scores: its links
   are recomputed and its story is re-clustered with the new article's;
2. connected components of those edges;
3. average-link clustering inside each component (deterministic, ties broken by article id);
4. a story's id comes from its founding article (earliest published, then smallest id).
`add()` recomputes only the components the new articles touch; an old story id that disappears (merge, split)
is retired with `successor` pointing at the story that now holds its founding article.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np

from ..model import AnalyzedArticle, Copy, Story
from ..settings import Settings
from ..store.base import Store
from .clustering import average_link, connected_components
from .copies import find_copies, originality_order
from .embeddings import multilingual_vectors
from .index import CandidateIndex, StoreVectorIndex, index_day
from .profile import Neighbourhood, Profile, build_profile, cosine, day_from_text, story_day
from .similarity import (
    LINK_THRESHOLD,
    MULTILINGUAL_FLOOR,
    NEIGHBOURS,
    SEARCH_FLOOR,
    profile_similarity,
    static_logit,
)
from .titles import story_title as neutral_title

STORY_PREFIX = "s-"
# Articles whose analysis, profile and links the grouper keeps between `add()` calls. Beyond this the oldest half
# is dropped (each is read or computed again when needed), so a long-running ingest holds a bounded amount.
CACHE_ARTICLES = 4_000
# A store that searches vectors itself (pgvector) keeps them under "<model>-<version>": the version changes when
# the index's days are coded differently (2: days read from the text kept apart), and the rows of older versions
# are dropped and rebuilt once.
STORE_KEY_VERSION = "days2"
LEGACY_STORE_KEYS = {"minilm": ("minilm",), "e5": ("e5",)}


def founding_key(item: AnalyzedArticle) -> tuple:
    """Order-independent "who came first": publication date (undated last), then id."""
    return (item.article.published is None, item.article.published or "", item.article.id)


def story_id_for(items: Sequence[AnalyzedArticle]) -> str:
    return STORY_PREFIX + min(items, key=founding_key).article.id


class StoryGrouper:
    def __init__(self, store: Store, settings: Settings):
        self.store = store
        self.settings = settings
        self.window = settings.story_window_days
        self.multilingual = settings.multilingual
        self._items: dict[str, AnalyzedArticle] = {}
        self._profiles: dict[str, Profile] = {}
        self._edges: dict[str, dict[str, float]] = {}  # article -> linked neighbour -> score (cache)
        self._hoods: dict[str, Neighbourhood] = {}  # article -> its neighbourhood in the store (cache)
        # pair -> the link log-odds less its neighbourhood terms (which change as articles arrive; cheap to add)
        self._scores: dict[tuple[str, str], float] = {}
        self._index: CandidateIndex | StoreVectorIndex | None = None

    # --- public ---------------------------------------------------------------------------------
    def add(self, items: list[AnalyzedArticle]) -> list[Story]:
        """Assign new articles to stories (joining, merging or founding them); returns the touched stories."""
        fresh = []
        for item in items:
            if not self.store.has_article(item.article.id):
                self.store.add_article(item.article, item.analysis)
            self._items[item.article.id] = item
            self._profiles.pop(item.article.id, None)
            self._hoods.pop(item.article.id, None)
            fresh.append(item.article.id)
        if not fresh:
            return []
        index = self._ensure_index(extra=fresh)
        hits = dict(zip(fresh, self._search(fresh, index)))
        touched = self._refresh_neighbourhoods(hits, index)
        self._link(fresh, index, hits)
        reached = self._reach(set(fresh) | touched, index)
        old_ids = {sid for aid in reached if (sid := self.store.story_of(aid))}
        old_stories = [self.store.get_story(sid) for sid in sorted(old_ids)]
        edges = [(a, b) for a in reached for b in self._edges.get(a, {}) if b in reached]
        stories = []
        for component in connected_components(reached, edges):
            stories.extend(self._stories_for(component))
        retired = retire(old_stories, stories)
        self.store.save_stories(stories, retired)
        self._save_index_if_small(index)
        self._trim_caches()
        return stories

    def regroup(self) -> list[Story]:
        """All stories rebuilt from every analysed article in the store."""
        ids = self._analysed_ids()
        self._edges.clear()
        self._hoods.clear()
        index = self._ensure_index(extra=[], rebuild=True)
        self._link(ids, index)
        nodes = set(ids)
        edges = [(a, b) for a in ids for b in self._edges.get(a, {}) if b in nodes]
        stories = []
        for component in connected_components(ids, edges):
            stories.extend(self._stories_for(component))
        old_stories = self.store.stories()
        retired = retire(old_stories, stories)
        self.store.replace_all_stories(stories, retired)
        self._save_index(index)
        return stories

    def _trim_caches(self) -> None:
        """Drop the oldest half of the per-article caches once they hold more than CACHE_ARTICLES articles. They
        are caches only: an article's analysis comes back from the store and its profile and links are
        recomputed, as in a new process (which starts with empty caches)."""
        limit = CACHE_ARTICLES
        for cache in (self._items, self._profiles, self._edges, self._hoods):
            if len(cache) > limit:
                for key in list(cache)[: len(cache) - limit // 2]:
                    del cache[key]
        if len(self._scores) > limit * NEIGHBOURS:
            for key in list(self._scores)[: len(self._scores) - limit * NEIGHBOURS // 2]:
                del self._scores[key]

    def similarity(self, a: str, b: str) -> float:
        key = (a, b) if a < b else (b, a)
        pa, pb = self._profile(key[0]), self._profile(key[1])
        if key not in self._scores:
            self._scores[key] = static_logit(pa, pb)
        return profile_similarity(pa, pb, self.window, self._hood(key[0]), self._hood(key[1]), self._scores[key])

    # --- neighbourhoods -------------------------------------------------------------------------
    def _hood(self, article_id: str) -> Neighbourhood:
        if article_id not in self._hoods:
            index = self._index if self._index is not None else self._ensure_index(extra=[])
            self._search([article_id], index)
        return self._hoods[article_id]

    def _set_hood(self, article_id: str, others: list[str]) -> None:
        self._hoods[article_id] = Neighbourhood.of(self._profile(article_id), [self._profile(o) for o in others])

    def _search(self, article_ids: Sequence[str], index) -> list[list[tuple[str, float]]]:
        """Each article's nearest neighbours inside the window (itself left out); records its neighbourhood
        when none is known."""
        if not article_ids:
            return []
        vectors = np.stack([self._search_vector(a, index) for a in article_ids])
        days = [self._day(a) for a in article_ids]  # only the days inside the window are searched (index.py)
        found = []
        for aid, hits in zip(article_ids, index.search(vectors, NEIGHBOURS + 1, days=days, window=self.window)):
            hits = [(o, c) for o, c in hits if o != aid][:NEIGHBOURS]
            if aid not in self._hoods:
                self._set_hood(aid, [o for o, _ in hits])
            found.append(hits)
        return found

    def _refresh_neighbourhoods(self, fresh_hits: dict[str, list[tuple[str, float]]], index) -> set[str]:
        """New articles enter their old neighbours' neighbourhoods: recompute those, and return the old articles
        whose links and story may change: those whose local density changed, whose links are not cached, or
        that now have a new article at least as close (by lead) as one of their story-mates or linked
        neighbours (which changes those pairs' ranks). `fresh_hits`: the new articles' own search results."""
        fresh_set = set(fresh_hits)
        olds = sorted({o for hits in fresh_hits.values() for o, _ in hits if o not in fresh_set})
        before = {o: self._hoods.pop(o, None) for o in olds}
        touched: set[str] = set()
        for old, hits in zip(olds, self._search(olds, index)):
            entered = [o for o, _ in hits if o in fresh_set]
            if entered and self._reorders(old, before[old], self._hoods[old], entered):
                touched.add(old)
                self._edges.pop(old, None)
                for linked in self._edges.values():
                    linked.pop(old, None)
        return touched

    def _reorders(self, article_id: str, before: Neighbourhood | None, hood: Neighbourhood,
                  entered: list[str]) -> bool:
        if (before is None or article_id not in self._edges or before.lead_density != hood.lead_density
                or before.article_density != hood.article_density):
            return True
        profile = self._profile(article_id)
        sid = self.store.story_of(article_id)
        mates = set(self.store.get_story(sid).article_ids) if sid else set()
        mates |= set(self._edges[article_id])
        mates.discard(article_id)
        floor = min((cosine(profile.lead, self._profile(m).lead) for m in mates), default=None)
        return floor is not None and any(cosine(profile.lead, self._profile(n).lead) >= floor for n in entered)

    def _reach(self, start: set[str], index) -> list[str]:
        """Everything linked to `start`, with every member of the old stories it reaches (a story some of whose
        links are gone is re-clustered whole)."""
        reached = set(self._component(sorted(start), index))
        while True:
            mates = set()
            for sid in {self.store.story_of(a) for a in reached} - {None}:
                mates.update(self.store.get_story(sid).article_ids)
            if mates <= reached:
                return sorted(reached)
            reached |= set(self._component(sorted(mates - reached), index))

    # --- candidate graph ------------------------------------------------------------------------
    def _link(self, article_ids: Sequence[str], index: CandidateIndex | StoreVectorIndex,
              searched: dict[str, list[tuple[str, float]]] | None = None) -> None:
        """Compute (and cache, both ways) the linked neighbours of these articles; `searched` holds search
        results the caller already has."""
        todo = [a for a in article_ids if a not in self._edges]
        if not todo:
            return
        floor = MULTILINGUAL_FLOOR if self.multilingual else SEARCH_FLOOR
        searched = searched or {}
        missing = [a for a in todo if a not in searched]
        searched = {**searched, **dict(zip(missing, self._search(missing, index)))}
        for aid in todo:
            hits = searched[aid]
            linked = self._edges.setdefault(aid, {})
            for other, found in hits:
                if found < floor:
                    continue
                score = self.similarity(aid, other)
                if score >= LINK_THRESHOLD:
                    linked[other] = score
                    if other in self._edges:
                        self._edges[other][aid] = score
                elif other in self._edges:
                    self._edges[other].pop(aid, None)  # a link the other side cached before a neighbourhood changed

    def _component(self, start: Sequence[str], index: CandidateIndex | StoreVectorIndex) -> list[str]:
        seen, frontier = set(start), list(start)
        while frontier:
            self._link(frontier, index)
            nxt = []
            for aid in frontier:
                for other in self._edges[aid]:
                    if other not in seen:
                        seen.add(other)
                        nxt.append(other)
            frontier = nxt
        return sorted(seen)

    def _stories_for(self, component: list[str]) -> list[Story]:
        clusters = average_link(component, self.similarity, LINK_THRESHOLD)
        return [self._story(cluster) for cluster in clusters]

    def _story(self, cluster: list[str]) -> Story:
        items = [self._item(a) for a in cluster]
        items.sort(key=founding_key)
        copies = find_copies(items, {a.article.id: self._profile(a.article.id).signature for a in items})
        copied = {c.article for c in copies}
        order = [x.article.id for x in originality_order(items)]
        dates = sorted(x.article.published for x in items if x.article.published)
        return Story(
            id=story_id_for(items),
            title=neutral_title(items, order, copied),
            article_ids=[x.article.id for x in items],
            first_published=dates[0] if dates else None,
            last_published=dates[-1] if dates else None,
            copies=copies,
        )

    # --- articles, profiles and the index -------------------------------------------------------
    def _item(self, article_id: str) -> AnalyzedArticle:
        if article_id not in self._items:
            analysis = self.store.get_analysis(article_id)
            if analysis is None:
                raise ValueError(f"article {article_id} has no analysis; run the analysis stage first")
            self._items[article_id] = AnalyzedArticle(self.store.get_article(article_id), analysis)
        return self._items[article_id]

    def _profile(self, article_id: str) -> Profile:
        if article_id not in self._profiles:
            extra = self._index.vector(article_id) if self.multilingual and self._index is not None else None
            self._profiles[article_id] = build_profile(self._item(article_id), multilingual=extra)
        return self._profiles[article_id]

    def _search_vector(self, article_id: str, index: CandidateIndex | StoreVectorIndex) -> np.ndarray:
        if self.multilingual:
            return index.vector(article_id)
        return self._vector_of(self._item(article_id))

    def _vector_of(self, item: AnalyzedArticle) -> np.ndarray:
        vector = item.analysis.article_embedding
        if vector is None:
            raise ValueError(f"article {item.article.id} has no embedding; run the analysis stage first")
        return vector

    def _vectors(self, article_ids: list[str]) -> np.ndarray:
        items = [self._item(a) for a in article_ids]
        if self.multilingual:
            return multilingual_vectors(items)
        return np.stack([self._vector_of(x) for x in items])

    def _analysed_ids(self) -> list[str]:
        missing = set(self.store.articles_without_analysis())
        return [a.id for a in self.store.articles() if a.id not in missing]

    @property
    def _model(self) -> str:
        return "e5" if self.multilingual else "minilm"

    def _index_path(self) -> Path | None:
        """Where the faiss index is saved: beside a store file; nowhere for a server store or in memory."""
        path = getattr(self.store, "path", None)
        if not path or path == ":memory:" or "://" in str(path):
            return None
        return Path(f"{path}.stories-{self._model}.faiss")

    def _ensure_index(self, extra: list[str], rebuild: bool = False) -> CandidateIndex | StoreVectorIndex:
        """The index over every analysed article (and `extra`), loaded, brought up to date, or rebuilt."""
        if self.store.searches_vectors:
            return self._ensure_store_index(extra, rebuild)
        if self._index is None or rebuild:
            known = self._analysed_ids()
            path = self._index_path()
            index = CandidateIndex.load(path, known + extra) if path and not rebuild else None
            if index is None and rebuild and self._index is not None and self.multilingual:
                index = self._index  # keep the (slow to compute) multilingual vectors
            if index is None:
                index = self._empty_index(known + extra)
            missing = [a for a in known if a not in index]
            self._add_vectors(index, missing)
            self._index = index
        self._add_vectors(self._index, [a for a in extra if a not in self._index])
        return self._index

    def _ensure_store_index(self, extra: list[str], rebuild: bool) -> StoreVectorIndex:
        """The store's own index (pgvector), brought up to date; on rebuild its vectors are recomputed, except
        the multilingual ones (slow to compute, and a function of the text alone)."""
        if self._index is None or rebuild:
            for legacy in LEGACY_STORE_KEYS.get(self._model, ()):
                if self.store.vector_days(legacy):  # vectors of an older day coding: searched wrongly, dropped
                    self.store.drop_vectors(legacy)
            index = StoreVectorIndex(self.store, f"{self._model}-{STORE_KEY_VERSION}")
            if rebuild and not self.multilingual:
                index.clear()
            known = self._analysed_ids()
            self._index = index
            self._add_vectors(index, [a for a in known if a not in index])
        self._add_vectors(self._index, [a for a in extra if a not in self._index])
        return self._index

    def _empty_index(self, ids: list[str]) -> CandidateIndex:
        probe = self._vectors(ids[:1]) if ids else np.zeros((1, 384), np.float32)
        return CandidateIndex(probe.shape[1])

    def _add_vectors(self, index: CandidateIndex | StoreVectorIndex, ids: list[str], batch: int = 256) -> None:
        for begin in range(0, len(ids), batch):
            chunk = ids[begin : begin + batch]
            index.add(chunk, self._vectors(chunk), days=[self._day(a) for a in chunk])

    def _day(self, article_id: str) -> int | None:
        """The article's index day (`index.index_day`): the publication date, else the event date read from the
        text, which the index keeps apart (time holds it apart from others only beyond a wider span)."""
        if article_id in self._profiles:
            profile = self._profiles[article_id]
            return index_day(profile.day, profile.day_from_text)
        item = self._item(article_id)
        return index_day(story_day(item), day_from_text(item))

    def _save_index(self, index: CandidateIndex | StoreVectorIndex) -> None:
        path = self._index_path()
        if path is not None and isinstance(index, CandidateIndex):
            index.save(path)

    def _save_index_if_small(self, index: CandidateIndex | StoreVectorIndex) -> None:
        # Writing a large index after every batch would cost more than the batch; large stores save on regroup
        # and call `save_index()` when they finish a run.
        if len(index) <= 50_000:
            self._save_index(index)

    def save_index(self) -> None:
        if self._index is not None:
            self._save_index(self._index)


def retire(old_stories: Iterable[Story], new_stories: Sequence[Story]) -> list[Story]:
    """Old stories whose id is gone, each pointing at the new story holding most of its articles."""
    live = {s.id for s in new_stories}
    home = {aid: s.id for s in new_stories for aid in s.article_ids}
    retired = []
    for old in old_stories:
        if old.id in live or old.successor:
            continue
        votes: dict[str, int] = {}
        founding = old.id[len(STORY_PREFIX):]
        for aid in old.article_ids:
            if aid in home:
                votes[home[aid]] = votes.get(home[aid], 0) + (2 if aid == founding else 1)
        if votes:
            successor = max(sorted(votes), key=lambda s: votes[s])
            retired.append(Story(id=old.id, title=old.title, successor=successor))
    return retired


def regroup(store: Store, settings: Settings) -> list[Story]:
    return StoryGrouper(store, settings).regroup()


def copies_of(stories: Iterable[Story]) -> list[Copy]:
    return [c for s in stories for c in s.copies]
