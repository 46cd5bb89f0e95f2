"""Candidate search over article vectors: faiss HNSW (inner product on L2-normalised vectors) in an IndexIDMap2.

HNSW keeps the cost of one query nearly flat as the index grows (it visits O(log n) nodes). Ids are 63-bit
integers derived from article ids. The index lives in memory for the process; beside a SQLite file it is also
saved as `<db>.stories-<model>.faiss` and reloaded, then brought up to date (missing articles added; rebuilt
when it holds articles the store no longer has).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path

import numpy as np

HNSW_M = 16
EF_CONSTRUCTION = 64
EF_SEARCH = 64


def vector_id(article_id: str) -> int:
    return int(hashlib.sha1(article_id.encode("utf-8")).hexdigest()[:15], 16)


class CandidateIndex:
    def __init__(self, dim: int, m: int = HNSW_M, ef_construction: int = EF_CONSTRUCTION, ef_search: int = EF_SEARCH):
        import faiss

        self.dim = dim
        hnsw = faiss.IndexHNSWFlat(dim, m, faiss.METRIC_INNER_PRODUCT)
        hnsw.hnsw.efConstruction = ef_construction
        hnsw.hnsw.efSearch = ef_search
        self.index = faiss.IndexIDMap2(hnsw)
        self.names: dict[int, str] = {}

    def __len__(self) -> int:
        return self.index.ntotal

    def __contains__(self, article_id: str) -> bool:
        return vector_id(article_id) in self.names

    def add(self, article_ids: list[str], vectors: np.ndarray) -> None:
        fresh = [(i, a) for i, a in enumerate(article_ids) if vector_id(a) not in self.names]
        if not fresh:
            return
        rows = np.ascontiguousarray(vectors[[i for i, _ in fresh]], dtype=np.float32)
        ids = np.array([vector_id(a) for _, a in fresh], dtype=np.int64)
        self.index.add_with_ids(rows, ids)
        self.names.update(zip(ids.tolist(), (a for _, a in fresh)))

    def search(self, vectors: np.ndarray, k: int) -> list[list[tuple[str, float]]]:
        """For each query vector, up to k (article id, cosine) pairs, best first."""
        if len(self) == 0 or len(vectors) == 0:
            return [[] for _ in range(len(vectors))]
        scores, ids = self.index.search(np.ascontiguousarray(vectors, dtype=np.float32), min(k, len(self)))
        return [
            [(self.names[i], float(s)) for s, i in zip(row_s, row_i) if i >= 0]
            for row_s, row_i in zip(scores, ids)
        ]

    def vector(self, article_id: str) -> np.ndarray:
        return self.index.reconstruct(vector_id(article_id))

    def ids(self) -> set[str]:
        return set(self.names.values())

    # --- persistence ----------------------------------------------------------------------------
    def save(self, path: Path) -> None:
        import faiss

        tmp = path.with_suffix(path.suffix + ".tmp")
        faiss.write_index(self.index, str(tmp))
        tmp.replace(path)

    @classmethod
    def load(cls, path: Path, known_ids: Iterable[str]) -> CandidateIndex | None:
        """The saved index, or None when it is missing, unreadable or holds vectors of unknown articles."""
        import faiss

        if not path.exists():
            return None
        try:
            raw = faiss.read_index(str(path))
        except RuntimeError:
            return None
        names = {vector_id(a): a for a in known_ids}
        stored = faiss.vector_to_array(faiss.downcast_index(raw).id_map) if raw.ntotal else np.array([], np.int64)
        if any(int(i) not in names for i in stored):
            return None
        index = cls.__new__(cls)
        index.dim = raw.d
        index.index = faiss.downcast_index(raw)
        index._owner = raw  # the downcast proxy does not own the C++ index: keep its owner alive
        faiss.downcast_index(index.index.index).hnsw.efSearch = EF_SEARCH
        index.names = {int(i): names[int(i)] for i in stored}
        return index
