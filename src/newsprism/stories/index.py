"""Candidate search over article vectors, bucketed by day (inner product on L2-normalised vectors).

The grouping only links two published articles when their days are at most `story_window_days` apart (and
articles whose day was read from the text when at most `profile.TEXT_DATE_WINDOW` days apart), so a dated
query only needs the vectors of the days inside its window. The index therefore keeps
- one small index per day (the article's `published` date, else its `event_date` read from the text, kept
  apart from the published days at `TEXT_DAYS` + its ordinal: `index_day`, `day_ranges`): exact `IndexFlatIP`
  while the day holds up to `FLAT_LIMIT` vectors, converted to HNSW beyond that;
- one HNSW index (M=16, efConstruction=64, efSearch=64) for undated articles, searched by every query (an
  undated article is never held apart by time).
A dated query with a window searches the days inside the window plus the undated index, so its cost depends on
how many articles fall inside the window, not on the size of the store. An undated query (or a search without
a window) searches every bucket: that is the worst case, and it grows with the store.

Without days (`add(ids, vectors)`, `search(vectors, k)`) everything lives in the undated HNSW index, exactly
as the index did before buckets existed. Ids are 60-bit integers derived from article ids. Beside a SQLite
file the index is saved as `<db>.stories-<model>.faiss` (a zip of serialised faiss indexes, one per bucket)
and reloaded, then brought up to date (missing articles added; rebuilt when it holds articles the store no
longer has, or when the file is unreadable or in the old single-index format).
"""

from __future__ import annotations

import hashlib
import os
import threading
import zipfile
from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path

import numpy as np

from . import profile

HNSW_M = 16
EF_CONSTRUCTION = 64
EF_SEARCH = 64
FLAT_LIMIT = 5_000  # a day above this many vectors becomes HNSW (measured here: exact search is cheaper below ~5k)
FORMAT = "newsprism-bucketed-index-2"  # 2: days read from the text are kept apart (TEXT_DAYS)
TEXT_DAYS = 10_000_000  # a day read from the text is indexed at TEXT_DAYS + its ordinal

def vector_id(article_id: str) -> int:
    return int(hashlib.sha1(article_id.encode("utf-8")).hexdigest()[:15], 16)


def day_number(day) -> int | None:
    """A date (or ISO string, or ordinal) as a day ordinal; None when undated."""
    if day is None:
        return None
    if isinstance(day, date):
        return day.toordinal()
    if isinstance(day, str):
        try:
            return date.fromisoformat(day[:10]).toordinal()
        except ValueError:
            return None
    return int(day)


def index_day(day, from_text: bool = False) -> int | None:
    """The index's day of an article: its day ordinal, offset by TEXT_DAYS when the day was read from the text."""
    ordinal = day_number(day)
    return None if ordinal is None else ordinal + (TEXT_DAYS if from_text else 0)


def day_ranges(day, window: float | None, text_days: bool = True) -> list[tuple[int, int]] | None:
    """The index days (inclusive ranges) a query on index day `day` may link to; None: every day. Two published
    days may be `window` days apart; when either day was read from the text, max(window, TEXT_DATE_WINDOW)
    (`profile.held_apart`). Days are whole, so "more than w days apart" is "more than floor(w)". With
    `text_days=False` (nothing stored is dated by its text) the range of text days is left out."""
    code = day_number(day)
    if code is None or window is None:
        return None
    reach, text_reach = int(np.floor(window)), int(np.floor(max(window, profile.TEXT_DATE_WINDOW)))
    ordinal = code - TEXT_DAYS if code >= TEXT_DAYS else code
    own = text_reach if code >= TEXT_DAYS else reach
    ranges = [(ordinal - own, ordinal + own)]
    if text_days:
        ranges.append((TEXT_DAYS + ordinal - text_reach, TEXT_DAYS + ordinal + text_reach))
    return ranges


def _hnsw(dim: int, m: int, ef_construction: int, ef_search: int):
    import faiss

    hnsw = faiss.IndexHNSWFlat(dim, m, faiss.METRIC_INNER_PRODUCT)
    hnsw.hnsw.efConstruction = ef_construction
    hnsw.hnsw.efSearch = ef_search
    return faiss.IndexIDMap2(hnsw)


def _flat(dim: int):
    import faiss

    return faiss.IndexIDMap2(faiss.IndexFlatIP(dim))


class CandidateIndex:
    def __init__(self, dim: int, m: int = HNSW_M, ef_construction: int = EF_CONSTRUCTION, ef_search: int = EF_SEARCH,
                 flat_limit: int = FLAT_LIMIT):
        self.dim = dim
        self.m, self.ef_construction, self.ef_search = m, ef_construction, ef_search
        self.flat_limit = flat_limit
        self.undated = _hnsw(dim, m, ef_construction, ef_search)
        self.buckets: dict[int, object] = {}  # day ordinal -> faiss index (IndexIDMap2)
        self.names: dict[int, str] = {}  # vector id -> article id
        self.days: dict[int, int | None] = {}  # vector id -> day ordinal (None: undated)
        self._owners: list = []  # C++ owners of downcast proxies (loaded indexes)

    @property
    def index(self):
        """The undated HNSW index (the whole index when no days are given; kept for older callers)."""
        return self.undated

    def __len__(self) -> int:
        return len(self.names)

    def __contains__(self, article_id: str) -> bool:
        return vector_id(article_id) in self.names

    def add(self, article_ids: Sequence[str], vectors: np.ndarray, days: Sequence | None = None) -> None:
        """Add vectors not indexed yet. `days`: per article a date, ISO string or index day (`index_day`), or None
        (undated)."""
        ordinals = [day_number(d) for d in days] if days is not None else [None] * len(article_ids)
        fresh: dict[int | None, list[int]] = {}
        seen: set[int] = set()
        for i, a in enumerate(article_ids):
            vid = vector_id(a)
            if vid in self.names or vid in seen:
                continue
            seen.add(vid)
            fresh.setdefault(ordinals[i], []).append(i)
        for day, rows in fresh.items():
            ids = np.array([vector_id(article_ids[i]) for i in rows], dtype=np.int64)
            block = np.ascontiguousarray(np.asarray(vectors)[rows], dtype=np.float32)
            self._bucket_for(day, len(rows)).add_with_ids(block, ids)
            for i, vid in zip(rows, ids.tolist()):
                self.names[vid] = article_ids[i]
                self.days[vid] = day

    def _bucket_for(self, day: int | None, adding: int):
        if day is None:
            return self.undated
        bucket = self.buckets.get(day)
        if bucket is None:
            bucket = self.buckets[day] = _flat(self.dim)
        elif bucket.ntotal + adding > self.flat_limit and _is_flat(bucket):
            bucket = self.buckets[day] = self._to_hnsw(bucket)
        return bucket

    def _to_hnsw(self, flat):
        import faiss

        ids = faiss.vector_to_array(flat.id_map).astype(np.int64)
        vectors = flat.index.reconstruct_n(0, flat.ntotal)
        hnsw = _hnsw(self.dim, self.m, self.ef_construction, self.ef_search)
        hnsw.add_with_ids(vectors, ids)
        return hnsw

    def search(self, vectors: np.ndarray, k: int, days: Sequence | None = None,
               window: float | None = None) -> list[list[tuple[str, float]]]:
        """For each query vector, up to k (article id, cosine) pairs, best first.

        With `days` and `window`, a dated query only sees the articles whose days `day_ranges` allows, plus every
        undated article; an undated query sees everything. Without them, everything.
        """
        vectors = np.ascontiguousarray(vectors, dtype=np.float32).reshape(-1, self.dim) if len(vectors) else vectors
        n = len(vectors)
        if len(self) == 0 or n == 0:
            return [[] for _ in range(n)]
        import faiss

        hits: list[list[tuple[np.ndarray, np.ndarray]]] = [[] for _ in range(n)]
        everyone = list(range(n))
        # Many small searches: faiss's OpenMP fork/join costs more than the search itself (measured on 2 shared
        # cores: 1.4 ms per call with 2 threads against 0.03 ms with one), so search with one thread.
        threads = faiss.omp_get_max_threads()
        faiss.omp_set_num_threads(1)
        try:
            self._search_into(self.undated, vectors, everyone, k, hits)
            for day, queries in self._plan(n, days, window).items():
                self._search_into(self.buckets[day], vectors, queries, k, hits)
        finally:
            faiss.omp_set_num_threads(threads)
        return [self._merge(row, k) for row in hits]

    def _plan(self, n: int, days: Sequence | None, window: float | None) -> dict[int, list[int]]:
        """Which queries search which day bucket."""
        if not self.buckets:
            return {}
        plan: dict[int, list[int]] = {}
        all_days = sorted(self.buckets)
        if days is None or window is None:
            return {d: list(range(n)) for d in all_days}
        text_days = all_days[-1] >= TEXT_DAYS  # any day read from the text stored (sorted: they come last)
        for q, value in enumerate(days):
            ranges = day_ranges(value, window, text_days)
            if ranges is None:
                candidates = all_days
            elif sum(hi - lo + 1 for lo, hi in ranges) >= len(all_days):  # cheaper to walk the existing days
                candidates = [d for d in all_days if any(lo <= d <= hi for lo, hi in ranges)]
            else:
                candidates = [d for lo, hi in ranges for d in range(lo, hi + 1) if d in self.buckets]
            for d in candidates:
                plan.setdefault(d, []).append(q)
        return plan

    @staticmethod
    def _search_into(bucket, vectors: np.ndarray, queries: list[int], k: int, hits) -> None:
        if bucket.ntotal == 0 or not queries:
            return
        block = vectors if len(queries) == len(vectors) else vectors[queries]
        scores, ids = bucket.search(block, min(k, bucket.ntotal))
        for q, s, i in zip(queries, scores, ids):
            hits[q].append((s, i))

    def _merge(self, parts: list[tuple[np.ndarray, np.ndarray]], k: int) -> list[tuple[str, float]]:
        if not parts:
            return []
        if len(parts) == 1:
            scores, ids = parts[0]
        else:
            scores = np.concatenate([p[0] for p in parts])
            ids = np.concatenate([p[1] for p in parts])
            if len(scores) > k:
                keep = np.argpartition(-scores, k - 1)[:k]
                scores, ids = scores[keep], ids[keep]
            order = np.lexsort((ids, -scores))  # best first; ties by id, so the order never depends on buckets
            scores, ids = scores[order], ids[order]
        return [(self.names[i], float(s)) for s, i in zip(scores.tolist(), ids.tolist()) if i >= 0]

    def vector(self, article_id: str) -> np.ndarray:
        vid = vector_id(article_id)
        day = self.days[vid]
        return (self.undated if day is None else self.buckets[day]).reconstruct(vid)

    def ids(self) -> set[str]:
        return set(self.names.values())

    def day_of(self, article_id: str) -> int | None:
        return self.days.get(vector_id(article_id))

    def stats(self) -> dict:
        sizes = [b.ntotal for b in self.buckets.values()]
        return {"vectors": len(self), "undated": self.undated.ntotal, "days": len(sizes),
                "largest_day": max(sizes, default=0),
                "hnsw_days": sum(1 for b in self.buckets.values() if not _is_flat(b))}

    # --- persistence ----------------------------------------------------------------------------
    def save(self, path: Path) -> None:
        """One zip (stored, not compressed): a header, the undated index and one serialised index per day."""
        import faiss

        path = Path(path)
        tmp = path.with_name(f"{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")  # writers never share it
        with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_STORED, allowZip64=True) as zf:
            zf.writestr("format", f"{FORMAT}\n{self.dim}\n{self.m}\n{self.ef_construction}\n{self.ef_search}\n"
                                  f"{self.flat_limit}\n")
            zf.writestr("undated", faiss.serialize_index(self.undated).tobytes())
            for day in sorted(self.buckets):
                zf.writestr(f"day-{day}", faiss.serialize_index(self.buckets[day]).tobytes())
        tmp.replace(path)

    @classmethod
    def load(cls, path: Path, known_ids: Iterable[str]) -> CandidateIndex | None:
        """The saved index, or None when it is missing, unreadable, in another format or holds vectors of
        unknown articles."""
        import faiss

        path = Path(path)
        if not path.exists():
            return None
        try:
            with zipfile.ZipFile(path) as zf:
                header = zf.read("format").decode().split()
                if header[0] != FORMAT:
                    return None
                dim, m, efc, efs, flat_limit = (int(x) for x in header[1:6])
                index = cls(dim, m, efc, efs, flat_limit)
                raw = {name: faiss.deserialize_index(np.frombuffer(zf.read(name), dtype=np.uint8))
                       for name in zf.namelist() if name == "undated" or name.startswith("day-")}
        except (OSError, ValueError, IndexError, KeyError, RuntimeError, zipfile.BadZipFile, EOFError):
            return None
        if "undated" not in raw:
            return None
        names = {vector_id(a): a for a in known_ids}
        for name, owner in raw.items():
            proxy = faiss.downcast_index(owner)
            if not hasattr(proxy, "id_map") or proxy.d != dim:
                return None
            index._owners.append(owner)  # the downcast proxy does not own the C++ index: keep its owner alive
            day = None if name == "undated" else int(name[4:])
            stored = faiss.vector_to_array(proxy.id_map) if proxy.ntotal else np.array([], np.int64)
            for i in stored.tolist():
                if i not in names:
                    return None
                index.names[i] = names[i]
                index.days[i] = day
            inner = faiss.downcast_index(proxy.index)
            if hasattr(inner, "hnsw"):
                inner.hnsw.efSearch = efs
            if day is None:
                index.undated = proxy
            else:
                index.buckets[day] = proxy
        return index


def _is_flat(bucket) -> bool:
    import faiss

    return isinstance(faiss.downcast_index(bucket.index), faiss.IndexFlat)


class StoreVectorIndex:
    """The candidate index kept inside a store that searches vectors itself (PostgreSQL with pgvector).

    It answers like `CandidateIndex` (a dated query sees the days `day_ranges` allows plus every undated article)
    but exactly, and the vectors persist in the store, so every process writing to it shares one index and none
    rebuilds it on start. Only the article → day map is held in memory.
    """

    def __init__(self, store, model: str):
        self.store = store
        self.model = model
        self.days: dict[str, int | None] = store.vector_days(model)

    def __len__(self) -> int:
        return len(self.days)

    def __contains__(self, article_id: str) -> bool:
        return article_id in self.days

    def add(self, article_ids: Sequence[str], vectors: np.ndarray, days: Sequence | None = None) -> None:
        ordinals = [day_number(d) for d in days] if days is not None else [None] * len(article_ids)
        rows, seen = [], set()
        for article_id, vector, day in zip(article_ids, np.asarray(vectors, dtype=np.float32), ordinals):
            if article_id in self.days or article_id in seen:
                continue
            seen.add(article_id)
            rows.append((article_id, day, vector))
        self.store.put_vectors(self.model, rows)
        self.days.update((article_id, day) for article_id, day, _ in rows)

    def search(self, vectors: np.ndarray, k: int, days: Sequence | None = None,
               window: float | None = None) -> list[list[tuple[str, float]]]:
        vectors = np.asarray(vectors, dtype=np.float32)
        if len(vectors) == 0:
            return []
        # Always with the range of days read from the text: another process may have stored such days since.
        ranges = [day_ranges(days[q], window) if days is not None else None for q in range(len(vectors))]
        return self.store.nearest_vectors(self.model, vectors, k, ranges)

    def vector(self, article_id: str) -> np.ndarray:
        return np.asarray(self.store.get_vector(self.model, article_id), dtype=np.float32)

    def ids(self) -> set[str]:
        return set(self.days)

    def day_of(self, article_id: str) -> int | None:
        return self.days.get(article_id)

    def clear(self) -> None:
        self.store.drop_vectors(self.model)
        self.days = {}

    def stats(self) -> dict:
        dated = [d for d in self.days.values() if d is not None]
        return {"vectors": len(self), "undated": len(self) - len(dated), "days": len(set(dated)),
                "backend": "pgvector"}
