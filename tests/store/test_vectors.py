"""Vector search inside the store: PostgreSQL with pgvector answers candidate searches exactly; SQLite does not
search vectors (the story stage keeps a faiss index beside it)."""

from __future__ import annotations

import numpy as np
import pytest

from newsprism.model import Article
from newsprism.store import open_store


def _unit(rng, n: int, dim: int = 16) -> np.ndarray:
    v = rng.normal(size=(n, dim)).astype(np.float32)
    return v / np.linalg.norm(v, axis=1, keepdims=True)


@pytest.fixture
def vector_store(open_postgres):
    return open_postgres(vectors=True)


def _fill(store, n: int, days: list[int | None], seed: int = 1):
    rng = np.random.default_rng(seed)
    vectors = _unit(rng, n)
    ids = [f"art{i:03d}" for i in range(n)]
    for article_id in ids:
        store.add_article(Article(id=article_id, text=f"text {article_id}", source=f"{article_id}.txt"))
    store.put_vectors("minilm", list(zip(ids, days, vectors)))
    return ids, vectors


def _brute_force(ids, vectors, days, query, k, day_range):
    scores = vectors @ query
    ranges = [day_range] if day_range and isinstance(day_range[0], int) else day_range
    keep = [i for i in range(len(ids))
            if ranges is None or days[i] is None or any(lo <= days[i] <= hi for lo, hi in ranges)]
    keep.sort(key=lambda i: (-scores[i], ids[i]))
    return [(ids[i], float(scores[i])) for i in keep[:k]]


def test_sqlite_does_not_search_vectors(tmp_path):
    store = open_store(str(tmp_path / "x.db"))
    assert store.searches_vectors is False
    with pytest.raises(NotImplementedError):
        store.nearest_vectors("minilm", np.zeros((1, 4), np.float32), 3, [None])
    store.close()


def test_nearest_vectors_are_exact_inside_the_window_plus_undated(vector_store):
    days = [100 + (i % 10) if i % 7 else None for i in range(60)]  # ten days, some undated
    ids, vectors = _fill(vector_store, 60, days)
    queries = _unit(np.random.default_rng(9), 6)
    ranges = [None, (103, 105), (100, 100), (90, 95), (108, 120), [(100, 101), (106, 107)]]
    got = vector_store.nearest_vectors("minilm", queries, 8, ranges)
    for q, r, hits in zip(queries, ranges, got):
        want = _brute_force(ids, vectors, days, q, 8, r)
        assert [a for a, _ in hits] == [a for a, _ in want]
        assert np.allclose([s for _, s in hits], [s for _, s in want], atol=1e-5)
    # a window with no dated article still sees every undated one
    assert {a for a, _ in got[3]} <= {ids[i] for i in range(60) if days[i] is None}


def test_vectors_round_trip_are_kept_once_and_dropped_per_model(vector_store):
    ids, vectors = _fill(vector_store, 5, [1, 2, None, 4, 5])
    assert vector_store.vector_days("minilm") == dict(zip(ids, [1, 2, None, 4, 5]))
    assert np.allclose(vector_store.get_vector("minilm", ids[2]), vectors[2], atol=1e-6)
    # a second writer putting the same article keeps the first vector
    vector_store.put_vectors("minilm", [(ids[0], 9, -vectors[0])])
    assert np.allclose(vector_store.get_vector("minilm", ids[0]), vectors[0], atol=1e-6)
    vector_store.put_vectors("e5", [(ids[0], None, vectors[1])])
    vector_store.drop_vectors("minilm")
    assert vector_store.vector_days("minilm") == {}
    assert list(vector_store.vector_days("e5")) == [ids[0]]


def test_pgvector_can_be_turned_off(postgres_url, monkeypatch):
    from newsprism.store.postgres import PostgresStore

    monkeypatch.setenv("NEWSPRISM_PGVECTOR", "0")
    store = PostgresStore(postgres_url)
    assert store.searches_vectors is False
    store.close()
