"""Story grouping on PostgreSQL: with pgvector the candidate vectors live in the store; without it a faiss index is
kept in memory. Either way the stories are those of SQLite with its faiss file, and no file is written."""

from __future__ import annotations

import pytest

from newsprism.settings import Settings
from newsprism.stories import StoryGrouper, regroup
from newsprism.stories.grouper import STORE_KEY_VERSION
from newsprism.store import SQLiteStore

SETTINGS = Settings(story_window_days=4.0)


def grouping(store) -> set[frozenset[str]]:
    return {frozenset(s.article_ids) for s in store.stories()}


@pytest.mark.parametrize("vectors", [True, False], ids=["pgvector", "faiss-in-memory"])
def test_postgres_groups_like_sqlite(tmp_path, analysed, open_postgres, vectors, monkeypatch):
    monkeypatch.chdir(tmp_path)
    items = sorted(analysed.values(), key=lambda x: x.article.id)
    lite = SQLiteStore(str(tmp_path / "lite.db"))
    StoryGrouper(lite, SETTINGS).add(items)
    want = grouping(lite)
    assert len(want) > 2  # several stories, so the comparison means something

    pg = open_postgres(vectors=vectors)
    first, rest = items[: len(items) // 2], items[len(items) // 2:]
    StoryGrouper(pg, SETTINGS).add(first)
    # a second process: with pgvector it finds the first half's vectors in the store instead of re-reading them
    later = StoryGrouper(pg, SETTINGS)
    for item in reversed(rest):
        later.add([item])
    assert grouping(pg) == want
    if vectors:
        assert set(pg.vector_days(f"minilm-{STORE_KEY_VERSION}")) == {x.article.id for x in items}
    regroup(pg, SETTINGS)
    assert grouping(pg) == want
    assert pg.integrity_problems() == []
    assert [p.name for p in tmp_path.iterdir() if not p.name.startswith("lite.db")] == []  # no index file for PG
    lite.close()


def test_vectors_of_an_older_day_coding_are_dropped_and_rebuilt(analysed, open_postgres):
    """Rows under the old key coded days read from the text like publication days; they are not reused."""
    import numpy as np

    pg = open_postgres(vectors=True)
    items = sorted(analysed.values(), key=lambda x: x.article.id)[:3]
    for x in items:
        pg.add_article(x.article, x.analysis)
    pg.put_vectors("minilm", [(x.article.id, 1, np.ones(384, np.float32) / np.sqrt(384)) for x in items])
    StoryGrouper(pg, SETTINGS).add(items)
    assert pg.vector_days("minilm") == {}
    assert set(pg.vector_days(f"minilm-{STORE_KEY_VERSION}")) == {x.article.id for x in items}
