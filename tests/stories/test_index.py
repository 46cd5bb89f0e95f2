"""The day-bucketed candidate index: same neighbours as exact search inside the window; persistence."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pytest

from newsprism.stories.index import CandidateIndex, day_number

DIM = 32
START = date(2025, 1, 1)


def corpus(n=600, days=60, undated=40, seed=0):
    rng = np.random.default_rng(seed)
    vectors = rng.standard_normal((n, DIM)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    ids = [f"a{i}" for i in range(n)]
    day_list = [None if i < undated else START + timedelta(days=int(rng.integers(0, days))) for i in range(n)]
    return ids, vectors, day_list


def exact(ids, vectors, day_list, query, qday, k, window):
    """Brute force: every article inside the window (or undated), best k by cosine."""
    allowed = [i for i, d in enumerate(day_list)
               if d is None or qday is None or window is None or abs((d - qday).days) <= window]
    scores = vectors[allowed] @ query
    order = sorted(range(len(allowed)), key=lambda j: (-scores[j], ids[allowed[j]]))[:k]
    return [(ids[allowed[j]], float(scores[j])) for j in order]


def same(got, want):
    assert [a for a, _ in got] == [a for a, _ in want]
    assert np.allclose([s for _, s in got], [s for _, s in want], atol=1e-5)


@pytest.mark.parametrize("window", [0, 4, 4.5, 1000])
def test_bucketed_search_equals_exact_search_inside_the_window(window):
    ids, vectors, day_list = corpus()
    index = CandidateIndex(DIM)
    index.add(ids[:300], vectors[:300], days=day_list[:300])
    index.add(ids[300:], vectors[300:], days=day_list[300:])
    queries = list(range(0, 600, 7))
    results = index.search(vectors[queries], 12, days=[day_list[q] for q in queries], window=window)
    for q, got in zip(queries, results):
        same(got, exact(ids, vectors, day_list, vectors[q], day_list[q], 12, int(window)))


def test_undated_query_sees_every_article_and_undated_articles_are_seen_by_all():
    ids, vectors, day_list = corpus()
    index = CandidateIndex(DIM)
    index.add(ids, vectors, days=day_list)
    got = index.search(vectors[:5], 10, days=[None] * 5, window=4)
    for q in range(5):
        same(got[q], exact(ids, vectors, day_list, vectors[q], None, 10, 4))
    # an undated stored article is found by a dated query whatever its date
    q = 100
    hit = index.search(vectors[3][None, :], 600, days=[day_list[q]], window=0)[0]
    assert "a3" in [a for a, _ in hit]


def test_without_days_it_is_the_old_single_hnsw_index():
    ids, vectors, _ = corpus(n=300)
    index = CandidateIndex(DIM)
    index.add(ids, vectors)
    assert index.stats()["days"] == 0 and index.undated.ntotal == 300
    got = index.search(vectors[:10], 8)
    for q in range(10):
        want = exact(ids, vectors, [None] * 300, vectors[q], None, 8, None)
        assert [a for a, _ in got[q]] == [a for a, _ in want]  # HNSW, exact on a store this small
    assert "a0" in index and "zzz" not in index and index.ids() == set(ids) and len(index) == 300


def test_days_accept_dates_iso_strings_and_ordinals_and_adding_twice_is_a_no_op():
    ids, vectors, day_list = corpus(n=50, undated=0)
    index = CandidateIndex(DIM)
    index.add(ids[:20], vectors[:20], days=day_list[:20])
    index.add(ids[20:35], vectors[20:35], days=[d.isoformat() + "T10:00:00" for d in day_list[20:35]])
    index.add(ids[35:], vectors[35:], days=[d.toordinal() for d in day_list[35:]])
    index.add(ids, vectors, days=[None] * 50)
    assert len(index) == 50 and index.undated.ntotal == 0
    assert index.day_of("a21") == day_number(day_list[21])
    assert np.allclose(index.vector("a40"), vectors[40])


def test_a_large_day_becomes_hnsw_and_still_finds_its_neighbours():
    ids, vectors, _ = corpus(n=400, undated=0)
    index = CandidateIndex(DIM, flat_limit=100)
    for begin in range(0, 400, 50):
        index.add(ids[begin:begin + 50], vectors[begin:begin + 50], days=[START] * 50)
    assert index.stats()["hnsw_days"] == 1
    got = index.search(vectors[:20], 5, days=[START] * 20, window=4)
    assert all(row[0][0] == f"a{q}" for q, row in enumerate(got))
    assert np.allclose(index.vector("a399"), vectors[399])


def test_save_load_round_trip(tmp_path):
    ids, vectors, day_list = corpus()
    index = CandidateIndex(DIM, flat_limit=50)
    index.add(ids, vectors, days=day_list)
    path = tmp_path / "x.faiss"
    index.save(path)
    loaded = CandidateIndex.load(path, ids)
    assert loaded is not None and loaded.ids() == set(ids) and loaded.stats() == index.stats()
    qdays = day_list[:40]
    assert loaded.search(vectors[:40], 9, days=qdays, window=4) == index.search(vectors[:40], 9, days=qdays, window=4)
    assert loaded.day_of("a77") == index.day_of("a77")
    assert np.allclose(loaded.vector("a5"), vectors[5])
    loaded.add(["new"], vectors[:1], days=[START])  # a loaded index keeps growing
    assert "new" in loaded and loaded.search(vectors[:1], 2, days=[START], window=0)[0][0][1] == pytest.approx(1.0)


def test_load_refuses_stale_corrupt_and_old_format_files(tmp_path):
    import faiss

    ids, vectors, day_list = corpus(n=100)
    index = CandidateIndex(DIM)
    index.add(ids, vectors, days=day_list)
    path = tmp_path / "x.faiss"
    index.save(path)
    assert CandidateIndex.load(path, ids[1:]) is None  # holds an article the store no longer has
    assert CandidateIndex.load(tmp_path / "missing.faiss", ids) is None
    path.write_bytes(b"not an index")
    assert CandidateIndex.load(path, ids) is None
    index.save(path)
    path.write_bytes(path.read_bytes()[:500])  # truncated
    assert CandidateIndex.load(path, ids) is None
    faiss.write_index(index.undated, str(path))  # the old single-index format: rebuilt
    assert CandidateIndex.load(path, ids) is None


def test_grouper_rebuilds_a_corrupt_bucketed_index(tmp_path, analysed):
    from newsprism.settings import Settings
    from newsprism.store import SQLiteStore
    from newsprism.stories import StoryGrouper

    path = tmp_path / "g.db"
    first = StoryGrouper(SQLiteStore(str(path)), Settings()).add(list(analysed.values()))
    sidecar = tmp_path / "g.db.stories-minilm.faiss"
    saved = CandidateIndex.load(sidecar, list(analysed))
    assert saved is not None and len(saved) == len(analysed) and saved.stats()["days"] >= 2
    sidecar.write_bytes(sidecar.read_bytes()[:200])
    again = StoryGrouper(SQLiteStore(str(path)), Settings()).regroup()
    assert sorted(s.id for s in again) == sorted(s.id for s in first)
    assert CandidateIndex.load(sidecar, list(analysed)) is not None
