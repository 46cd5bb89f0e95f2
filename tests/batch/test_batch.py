"""The batch pipeline gives what `ingest` gives, on every engine, and resumes without repeating work."""

from __future__ import annotations

import pytest

import newsprism.analyze
from newsprism.batch import run_batch
from newsprism.store import open_store

from batch_helpers import snapshot

pytestmark = pytest.mark.slow  # real models


def test_reference_run_covers_every_case(ingested):
    statuses = [s for _, s, _ in ingested["statuses"]]
    assert statuses.count("rejected") == 1 and statuses.count("present") == 1 and statuses.count("revision") == 1
    assert len(ingested["stories"]) >= 3
    assert any(copies for *_, copies in ingested["stories"])


@pytest.mark.parametrize("workers", [1, 2])
def test_local_engine_matches_ingest(corpus, ingested, settings, tmp_path, workers, capsys):
    with open_store(str(tmp_path / "batch.db")) as store:
        summary = run_batch(corpus, store, settings, engine="local", workers=workers)
        assert snapshot(store, summary) == ingested
        assert store.integrity_problems() == []
    assert "articles/s" in capsys.readouterr().err  # progress on stderr


def test_ray_engine_matches_ingest(corpus, ingested, settings, tmp_path):
    pytest.importorskip("ray")
    with open_store(str(tmp_path / "ray.db")) as store:
        summary = run_batch(corpus, store, settings, engine="ray", workers=2)
        assert snapshot(store, summary) == ingested


def test_interrupted_run_resumes_without_analysing_anything_twice(corpus, ingested, settings, tmp_path,
                                                                   monkeypatch):
    analysed: list[str] = []
    real = newsprism.analyze.analyze_articles

    def counting(articles, batch_size=32):
        analysed.extend(a.id for a in articles)
        return real(articles, batch_size=batch_size)

    monkeypatch.setattr(newsprism.analyze, "analyze_articles", counting)

    def crash_after_three(result):
        if result.status in ("added", "revision") and len(analysed) >= 3:
            raise KeyboardInterrupt

    path = str(tmp_path / "resumed.db")
    with open_store(path) as store, pytest.raises(KeyboardInterrupt):
        run_batch(corpus, store, settings, on_result=crash_after_three)
    with open_store(path) as store:
        stored_before = {a.id for a in store.articles()}
        assert 0 < len(stored_before) < len(ingested["articles"])
        assert all(store.story_of(a) is None for a in stored_before)  # grouping had not started
        analysed.clear()
        run_batch(corpus, store, settings)
        assert analysed and not stored_before & set(analysed)  # what was stored is not analysed again
        assert len(analysed) == len(set(analysed)) == len(ingested["articles"]) - len(stored_before)
        again = snapshot(store)
        assert again["stories"] == ingested["stories"]
        assert again["analyses"] == ingested["analyses"]
        assert sorted(again["articles"]) == sorted(ingested["articles"])
        assert store.integrity_problems() == []


def test_local_engine_splits_batches_across_workers_and_caps_threads():
    from newsprism.batch.engines import split, worker_threads

    batch = list(range(32))
    assert split(batch, 2) == [batch[:16], batch[16:]]
    assert split(batch[:5], 2) == [batch[:4], batch[4:5]]  # chunks of at least 4 while there are enough
    assert [x for part in split(batch, 3) for x in part] == batch
    assert split([], 2) == [[]]
    assert worker_threads(1) >= 1 and worker_threads(10_000) == 1
