"""Story grouping with the real models on small invented articles."""

from __future__ import annotations

import itertools
import random
from pathlib import Path

import pytest

from newsprism.settings import Settings
from newsprism.stories import StoryGrouper, article_similarity, find_copies, regroup, stories_to_json, story_to_json
from newsprism.store import SQLiteStore

SETTINGS = Settings(story_window_days=4.0)


def grouping(store) -> set[frozenset[str]]:
    return {frozenset(s.article_ids) for s in store.stories()}


def add_one_by_one(tmp_path: Path, items, name: str):
    store = SQLiteStore(str(tmp_path / f"{name}.db"))
    grouper = StoryGrouper(store, SETTINGS)
    for item in items:
        grouper.add([item])
    return store


def test_same_event_in_three_outlets_is_one_story(tmp_path, analysed):
    store = add_one_by_one(tmp_path, [analysed[k] for k in ("bridge-herald", "bridge-courier", "bridge-daily")], "a")
    assert grouping(store) == {frozenset({"bridge-herald", "bridge-courier", "bridge-daily"})}
    story = store.stories()[0]
    assert story.id == "s-bridge-herald"  # founded by the earliest article
    doc = story_to_json(story, store)
    assert doc["outlets"] == ["Herald", "Courier", "Daily Post"]
    assert doc["first_published"].startswith("2025-03-11") and doc["last_published"] == "2025-03-12"
    assert [a["id"] for a in doc["articles"]][0] == "bridge-herald"


def test_look_alike_events_stay_apart(analysed):
    bridge, far = analysed["bridge-herald"], analysed["bridge-far"]
    north, south = analysed["fire-north"], analysed["fire-south"]
    assert article_similarity(bridge, analysed["bridge-courier"]) > 0.5
    assert article_similarity(bridge, far) < 0.5  # same kind of event, months apart
    assert article_similarity(north, south) < 0.5  # same kind of event, same day, other place and people


def test_wire_copy_is_marked_and_not_an_outlet(tmp_path, analysed):
    items = [analysed[k] for k in ("bridge-wire", "bridge-courier", "bridge-herald")]
    copies = find_copies(items)
    assert [(c.article, c.copy_of) for c in copies] == [("bridge-wire", "bridge-herald")]
    assert copies[0].reuse > 0.8
    store = add_one_by_one(tmp_path, items, "wire")
    doc = stories_to_json(store)
    assert doc["schema"] == "newsprism.stories/1"
    (story,) = doc["stories"]
    assert story["copies"] == [{"article": "bridge-wire", "copy_of": "bridge-herald", "reuse": copies[0].reuse}]
    assert "Evening Star" not in story["outlets"] and story["copy_outlets"] == ["Evening Star"]


def test_incremental_equals_regroup_in_any_order(tmp_path, analysed):
    items = list(analysed.values())
    expected = None
    orders = [items, items[::-1]] + [random.Random(seed).sample(items, len(items)) for seed in range(2)]
    for n, order in enumerate(orders):
        store = add_one_by_one(tmp_path, order, f"order{n}")
        incremental = {(s.id, frozenset(s.article_ids)) for s in store.stories()}
        regroup(store, SETTINGS)
        assert {(s.id, frozenset(s.article_ids)) for s in store.stories()} == incremental
        expected = expected or incremental
        assert incremental == expected
    groups = {ids for _, ids in expected}
    assert frozenset({"bridge-herald", "bridge-courier", "bridge-daily", "bridge-wire"}) in groups
    assert frozenset({"bridge-far"}) in groups
    assert frozenset({"fire-north"}) in groups and frozenset({"fire-south"}) in groups


def test_batch_add_equals_one_by_one(tmp_path, analysed):
    items = list(analysed.values())
    one = add_one_by_one(tmp_path, items, "one")
    store = SQLiteStore(str(tmp_path / "batch.db"))
    StoryGrouper(store, SETTINGS).add(items)
    assert grouping(store) == grouping(one)


def test_trimmed_caches_change_no_grouping(tmp_path, analysed, monkeypatch):
    """A long-running ingest keeps a bounded cache: with room for 2 articles only, the stories are the same."""
    from newsprism.stories import grouper as grouper_module

    items = list(analysed.values())
    unbounded = add_one_by_one(tmp_path, items, "unbounded")
    monkeypatch.setattr(grouper_module, "CACHE_ARTICLES", 2)
    store = SQLiteStore(str(tmp_path / "bounded.db"))
    grouper = StoryGrouper(store, SETTINGS)
    for item in items:
        grouper.add([item])
        assert len(grouper._items) <= 2 and len(grouper._profiles) <= 2 and len(grouper._edges) <= 2
    assert {(s.id, frozenset(s.article_ids)) for s in store.stories()} == \
        {(s.id, frozenset(s.article_ids)) for s in unbounded.stories()}


def test_merge_keeps_the_old_id_resolving(tmp_path, analysed):
    store = SQLiteStore(str(tmp_path / "merge.db"))
    grouper = StoryGrouper(store, SETTINGS)
    (first,) = grouper.add([analysed["bridge-daily"]])  # published a day later, arrives first
    assert first.id == "s-bridge-daily"
    (merged,) = grouper.add([analysed["bridge-herald"]])
    assert merged.id == "s-bridge-herald"
    resolved = store.get_story("s-bridge-daily")
    assert resolved.id == "s-bridge-herald"
    assert set(resolved.article_ids) == {"bridge-daily", "bridge-herald"}
    assert [s.id for s in store.stories()] == ["s-bridge-herald"]


def test_index_is_saved_and_rebuilt_when_stale(tmp_path, analysed):
    path = tmp_path / "index.db"
    store = SQLiteStore(str(path))
    StoryGrouper(store, SETTINGS).add([analysed["bridge-herald"], analysed["fire-north"]])
    sidecar = Path(f"{path}.stories-minilm.faiss")
    assert sidecar.exists()
    sidecar.write_bytes(b"not an index")  # stale or corrupt: rebuilt from the store
    (story,) = StoryGrouper(store, SETTINGS).add([analysed["bridge-courier"]])
    assert set(story.article_ids) == {"bridge-herald", "bridge-courier"}


SAMPLES = Path(__file__).resolve().parents[3] / "shared" / "samples"


@pytest.mark.skipif(not SAMPLES.exists(), reason=f"{SAMPLES} is absent")
def test_seed_samples_group_into_one_story(tmp_path, analysed):
    from newsprism.analyze import analyze_articles
    from newsprism.model import AnalyzedArticle, Article

    articles = []
    for path in sorted(SAMPLES.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        articles.append(Article(id=path.stem, text=text, source=str(path), words=len(text.split())))
    items = [AnalyzedArticle(a, x) for a, x in zip(articles, analyze_articles(articles))]
    store = add_one_by_one(tmp_path, items + [analysed["bridge-herald"], analysed["fire-north"]], "seeds")
    assert frozenset(a.id for a in articles) in grouping(store)
