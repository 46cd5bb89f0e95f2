"""Time holds stories apart: publication dates by the story window, days read from the text by a wider span
(`profile.TEXT_DATE_WINDOW`), in the link score and in the candidate index alike."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import numpy as np

from newsprism.analyze import analyze_articles
from newsprism.model import AnalyzedArticle, Article
from newsprism.stories.index import TEXT_DAYS, CandidateIndex, index_day
from newsprism.stories.profile import TEXT_DATE_WINDOW, build_profile, held_apart
from newsprism.stories.similarity import profile_similarity

WINDOW = 4.0
FIRST = ("Harbour crane collapse", "March 3, 2025\nA container crane collapsed at the port of Valmora on Monday, "
         "injuring four dock workers. The port authority closed berth 7 while engineers inspect the crane.")
FOLLOW_UP = ("Crane inquiry at Valmora port", "March 12, 2025\nInvestigators at the port of Valmora said a "
             "corroded bolt caused the container crane collapse that injured four dock workers at berth 7.")


def _analysed(published: dict[str, str | None]) -> dict[str, AnalyzedArticle]:
    articles = [Article(id=k, text=text, title=title, source=f"{k}.txt", published=published[k])
                for k, (title, text) in (("first", FIRST), ("later", FOLLOW_UP))]
    return {a.id: AnalyzedArticle(a, x) for a, x in zip(articles, analyze_articles(articles))}


def test_a_day_read_from_the_text_holds_apart_only_beyond_the_wider_span():
    from_text = _analysed({"first": None, "later": None})
    a, b = build_profile(from_text["first"]), build_profile(from_text["later"])
    assert (a.day, b.day) == (date(2025, 3, 3), date(2025, 3, 12))  # the datelines
    assert a.day_from_text and b.day_from_text
    assert not held_apart(a, b, WINDOW)  # 9 days: the follow-up may still be the story
    assert profile_similarity(a, b, WINDOW) > 0.0

    published = _analysed({"first": "2025-03-03", "later": "2025-03-12"})
    pa, pb = build_profile(published["first"]), build_profile(published["later"])
    assert not pa.day_from_text and held_apart(pa, pb, WINDOW)  # two publication dates 9 days apart: two stories
    assert profile_similarity(pa, pb, WINDOW) == 0.0

    far = replace(b, day=a.day + timedelta(days=int(TEXT_DATE_WINDOW) + 1))
    assert held_apart(a, far, WINDOW)  # the same envoy a year later is another story, dates read or published
    assert held_apart(pa, replace(far, day_from_text=False), WINDOW)
    assert not held_apart(a, replace(b, day=None), WINDOW)  # undated: never held apart by time


def test_the_index_finds_what_the_time_rule_allows():
    rng = np.random.default_rng(3)
    vectors = rng.standard_normal((6, 8)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    day = date(2025, 3, 3)
    stored = {  # id -> (day, read from the text)
        "published-2": (day + timedelta(days=2), False),
        "published-30": (day + timedelta(days=30), False),
        "text-30": (day + timedelta(days=30), True),
        "text-far": (day + timedelta(days=int(TEXT_DATE_WINDOW) + 5), True),
        "undated": (None, False),
    }
    index = CandidateIndex(8)
    index.add(list(stored), vectors[:5], days=[index_day(d, t) for d, t in stored.values()])
    assert index.day_of("text-30") == TEXT_DAYS + (day + timedelta(days=30)).toordinal()

    def found(from_text: bool) -> set[str]:
        hits = index.search(vectors[5:], 10, days=[index_day(day, from_text)], window=WINDOW)[0]
        return {a for a, _ in hits}

    assert found(from_text=False) == {"published-2", "text-30", "undated"}
    assert found(from_text=True) == {"published-2", "published-30", "text-30", "undated"}


def test_reports_naming_different_latest_years_are_told_apart():
    from newsprism.stories.profile import FEATURES, pair_features

    from_text = _analysed({"first": None, "later": None})
    a, b = build_profile(from_text["first"]), build_profile(from_text["later"])
    column = FEATURES.index("latest_year_apart")
    assert pair_features(a, b)[column] == 0.0  # both name 2025 last
    assert pair_features(a, replace(b, years={"2012", "2013"}))[column] == 1.0  # a 2013 report
    assert pair_features(a, replace(b, years=set()))[column] == 0.0  # no year named: no evidence


def test_text_dated_articles_group_the_same_incrementally_and_on_regroup(tmp_path, analysed):
    """Without publication dates every day is read from the text (wider span, own index buckets); adding the
    articles one by one in any order still gives regroup's stories. (The two look-alike fires are not checked
    here: with the bridge reports inside their 90 days, each fire's neighbourhood is sparse and the pair is each
    other's nearest neighbour, which the link model reads as one story; docs/stories.md, known limits.)"""
    import random

    from newsprism.settings import Settings
    from newsprism.stories import StoryGrouper, regroup
    from newsprism.store import SQLiteStore

    settings = Settings(story_window_days=WINDOW)
    items = [AnalyzedArticle(replace(x.article, published=None), x.analysis) for x in analysed.values()]
    assert all(build_profile(x).day_from_text for x in items)
    expected = None
    for n, order in enumerate([items, items[::-1], random.Random(7).sample(items, len(items))]):
        store = SQLiteStore(str(tmp_path / f"text{n}.db"))
        grouper = StoryGrouper(store, settings)
        for item in order:
            grouper.add([item])
        incremental = {frozenset(s.article_ids) for s in store.stories()}
        regroup(store, settings)
        assert {frozenset(s.article_ids) for s in store.stories()} == incremental
        expected = expected or incremental
        assert incremental == expected
        store.close()
    assert frozenset({"bridge-herald", "bridge-courier", "bridge-daily", "bridge-wire"}) in expected
    assert frozenset({"bridge-far"}) in expected  # six months later: beyond the 90 days


def test_the_index_reads_the_span_the_time_rule_reads(monkeypatch):
    """`--select` changes profile.TEXT_DATE_WINDOW at run time; the index must search the same span."""
    from newsprism.stories import profile
    from newsprism.stories.index import day_ranges

    monkeypatch.setattr(profile, "TEXT_DATE_WINDOW", 365.0)
    code = index_day(date(2025, 3, 3), from_text=True)
    (published, text) = day_ranges(code, WINDOW)
    assert published[1] - published[0] == text[1] - text[0] == 2 * 365
