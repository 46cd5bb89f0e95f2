"""The link score reads a pair's cosine against how crowded both articles' neighbourhoods are."""

from __future__ import annotations

import numpy as np
import pytest

from newsprism.stories.keywords import keyword_cosine, keyword_vector
from newsprism.stories.profile import (
    DUPLICATE,
    LOCAL_K,
    PRIOR_ARTICLE,
    PRIOR_LEAD,
    Neighbourhood,
    build_profile,
    neighbourhoods,
)
from newsprism.stories.similarity import profile_similarity


def test_rare_words_weigh_more_than_common_ones():
    weights = keyword_vector("The minister said the Carrier plant in Indiana will keep its jobs.")
    assert weights["carrier"] > weights["minister"] > weights["said"]
    assert "the" not in weights  # as common as a word gets: no weight
    shared_rare = keyword_cosine(weights, keyword_vector("Carrier keeps Indiana plant open"))
    shared_common = keyword_cosine(weights, keyword_vector("The minister said it will keep its word."))
    assert shared_rare > 0.5 > shared_common


def test_a_language_written_without_spaces_gets_no_keywords_and_still_groups(tmp_path):
    """wordfreq needs jieba to look up Chinese words, which is not installed: such text has no keyword vector
    (it used to crash ingestion) and is still grouped."""
    from newsprism.analyze import analyze_articles
    from newsprism.model import AnalyzedArticle
    from newsprism.settings import Settings
    from newsprism.stories import StoryGrouper
    from newsprism.store import SQLiteStore
    from stories_helpers import make_article

    text = "北京市政府星期二宣布，一座新的地铁站将于明年开放。市长说，这个项目耗资五十亿元。附近居民对这一消息表示欢迎。"
    assert keyword_vector(text, "zh") == {} and keyword_vector(text, "zh-CN") == {}
    article = make_article("zh-metro", "Metro Daily", "2025-03-11", "", text, language="zh")
    item = AnalyzedArticle(article, analyze_articles([article])[0])
    with SQLiteStore(str(tmp_path / "zh.db")) as store:
        store.add_article(item.article, item.analysis)
        StoryGrouper(store, Settings()).add([item])
        assert store.story_of("zh-metro") is not None


def test_sparse_neighbourhood_is_padded_with_the_prior():
    alone = Neighbourhood.from_cosines([], [])
    assert alone.lead_density == pytest.approx(PRIOR_LEAD)
    assert alone.article_density == pytest.approx(PRIOR_ARTICLE)
    one = Neighbourhood.from_cosines([0.9], [0.8])
    assert one.lead_density == pytest.approx((0.9 + (LOCAL_K - 1) * PRIOR_LEAD) / LOCAL_K)


def test_copies_do_not_make_a_neighbourhood_crowded():
    hood = Neighbourhood.from_cosines([0.99, 0.5, 0.4, 0.3], [0.99, 0.5, 0.4, 0.3])
    assert DUPLICATE < 0.99
    assert hood.lead_density == pytest.approx(np.mean([0.5, 0.4, 0.3][:LOCAL_K]))
    assert hood.rank(0.45) == 3  # the copy and the 0.5 neighbour are closer


def test_a_crowded_neighbourhood_lowers_the_score(analysed):
    a, b = build_profile(analysed["fire-north"]), build_profile(analysed["fire-south"])
    lead = float(np.dot(a.lead, b.lead))
    article = float(np.dot(a.vector, b.vector))
    sparse = Neighbourhood.from_cosines([lead, 0.1, 0.1], [article, 0.1, 0.1])
    crowded = Neighbourhood.from_cosines([min(0.94, lead + 0.1)] * 3 + [lead], [min(0.94, article + 0.1)] * 3 + [article])
    assert profile_similarity(a, b, 4.0, crowded, crowded) < profile_similarity(a, b, 4.0, sparse, sparse)


def test_pair_alone_is_judged_as_a_set_of_two(analysed):
    """Without neighbourhoods, the pair is what `neighbourhoods()` gives for a set of two articles."""
    a, b = build_profile(analysed["bridge-herald"]), build_profile(analysed["bridge-courier"])
    hoods = neighbourhoods({"x": a, "y": b})
    assert profile_similarity(a, b, 4.0) == pytest.approx(profile_similarity(a, b, 4.0, hoods["x"], hoods["y"]))


def test_new_close_article_reclusters_its_old_neighbours(tmp_path, analysed):
    """An article that becomes an old article's nearest neighbour changes that article's scores: the old article
    is returned as touched (its links and story recomputed), and the stories equal those of a regroup."""
    from newsprism.settings import Settings
    from newsprism.stories import StoryGrouper, regroup
    from newsprism.store import SQLiteStore

    settings = Settings(story_window_days=4.0)
    store = SQLiteStore(str(tmp_path / "n.db"))
    grouper = StoryGrouper(store, settings)
    grouper.add([analysed["bridge-herald"], analysed["fire-north"], analysed["fire-south"]])
    store.add_article(analysed["bridge-courier"].article, analysed["bridge-courier"].analysis)
    grouper._items["bridge-courier"] = analysed["bridge-courier"]
    index = grouper._ensure_index(extra=["bridge-courier"])
    before = grouper._hood("bridge-herald")
    touched = grouper._refresh_neighbourhoods({"bridge-courier": grouper._search(["bridge-courier"], index)[0]}, index)
    assert "bridge-herald" in touched  # the courier is now its closest neighbour
    assert grouper._hood("bridge-herald") != before
    store = SQLiteStore(str(tmp_path / "m.db"))  # again, the courier arriving through add()
    grouper = StoryGrouper(store, settings)
    grouper.add([analysed["bridge-herald"], analysed["fire-north"], analysed["fire-south"]])
    grouper._hood("bridge-herald")
    grouper.add([analysed["bridge-courier"]])
    # the old article's neighbourhood is the one a new process computes from the store, not the one before
    assert grouper._hood("bridge-herald") == StoryGrouper(store, settings)._hood("bridge-herald")
    incremental = {frozenset(s.article_ids) for s in store.stories()}
    regroup(store, settings)
    assert {frozenset(s.article_ids) for s in store.stories()} == incremental


def test_near_copy_by_lead_is_padded_like_a_copy():
    """One rule says what a copy is (article cosine ≥ DUPLICATE), for the padding and both densities alike."""
    hood = Neighbourhood.from_cosines([0.97, 0.97], [0.8, 0.8])  # same lead, other bodies: not copies
    assert hood.lead_density == pytest.approx(0.97)
    copies = Neighbourhood.from_cosines([0.99], [0.99])  # a copy only: the prior stands in for real neighbours
    assert copies.lead_density == pytest.approx(PRIOR_LEAD) and copies.rank(0.5) == 2 + LOCAL_K  # the copy and the prior neighbours


def _copy_of(item, new_id):
    import dataclasses

    from newsprism.model import AnalyzedArticle

    article = dataclasses.replace(item.article, id=new_id, source=f"test://{new_id}", outlet="Wire")
    return AnalyzedArticle(article, dataclasses.replace(item.analysis, article_id=new_id))


def test_incremental_equals_regroup_when_a_copy_fills_the_neighbourhood(tmp_path, analysed):
    """An article whose only story-mate is its copy: a new neighbour changes its density although the copy is
    still closer than anyone, and the incremental path must see that (found by review: it did not)."""
    import dataclasses

    from newsprism.model import AnalyzedArticle
    from newsprism.settings import Settings
    from newsprism.stories import StoryGrouper, regroup
    from newsprism.store import SQLiteStore

    settings = Settings()
    north, south = analysed["fire-north"], analysed["fire-south"]
    far = analysed["bridge-far"]
    unrelated = AnalyzedArticle(dataclasses.replace(far.article, id="unrelated", published="2025-05-06"),
                                dataclasses.replace(far.analysis, article_id="unrelated"))
    store = SQLiteStore(str(tmp_path / "c.db"))
    grouper = StoryGrouper(store, settings)
    grouper.add([north, _copy_of(north, "fire-copy")])
    grouper.add([south])
    grouper.add([unrelated])
    incremental = {frozenset(s.article_ids) for s in store.stories()}
    regroup(store, settings)
    assert {frozenset(s.article_ids) for s in store.stories()} == incremental


def test_an_article_without_a_lead_vector_is_grouped(tmp_path, analysed):
    import dataclasses

    from newsprism.model import AnalyzedArticle
    from newsprism.settings import Settings
    from newsprism.stories import StoryGrouper
    from newsprism.store import SQLiteStore

    south = analysed["fire-south"]
    no_lead = AnalyzedArticle(south.article, dataclasses.replace(south.analysis, lead_embedding=None))
    store = SQLiteStore(str(tmp_path / "l.db"))
    grouper = StoryGrouper(store, Settings())
    grouper.add([analysed["fire-north"]])
    grouper.add([no_lead])
    assert {frozenset(s.article_ids) for s in store.stories()} == {frozenset({"fire-north"}), frozenset({"fire-south"})}
