"""The store contract. Every backend must pass these; the `store` fixture (conftest.py) lists the backends."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from newsprism.errors import NotFoundError, StoreError
from newsprism.model import Analysis, Article, Copy, Sentence, Story
from newsprism.store import SQLiteStore, open_store


def _article(article_id: str, text: str = "Some text.", url: str | None = None, published=None) -> Article:
    return Article(id=article_id, text=text, source=f"{article_id}.txt", url=url, published=published,
                   words=len(text.split()))


def _analysis(article_id: str, n: int = 2, dim: int = 8) -> Analysis:
    rng = np.random.default_rng(0)
    vectors = rng.normal(size=(n, dim)).astype(np.float32)
    return Analysis(
        article_id=article_id,
        sentences=[Sentence(index=i, text=f"S{i}.", start=3 * i, end=3 * i + 3) for i in range(n)],
        sentence_embeddings=vectors,
        article_embedding=vectors.mean(axis=0),
        lead_embedding=vectors[0],
        document_embedding=vectors[-1],
    )


def test_add_is_idempotent_and_reports_present(store):
    assert store.add_article(_article("a" * 16)) == "added"
    assert store.add_article(_article("a" * 16)) == "present"
    assert store.count_articles() == 1


def test_same_url_new_text_is_a_revision_linked_to_the_old(store):
    store.add_article(_article("a" * 16, "First text.", url="https://x.example/n"))
    assert store.add_article(_article("b" * 16, "Second text.", url="https://x.example/n")) == "revision"
    assert store.get_article("b" * 16).revision_of == "a" * 16


def test_article_and_analysis_round_trip_with_embeddings(store):
    analysis = _analysis("c" * 16, n=3)
    store.add_article(_article("c" * 16), analysis)
    back = store.get_analysis("c" * 16)
    assert [s.text for s in back.sentences] == ["S0.", "S1.", "S2."]
    assert back.sentence_embeddings.shape == (3, 8)
    np.testing.assert_allclose(back.sentence_embeddings, analysis.sentence_embeddings)
    np.testing.assert_allclose(back.article_embedding, analysis.article_embedding)
    np.testing.assert_allclose(back.lead_embedding, analysis.lead_embedding)
    np.testing.assert_allclose(back.document_embedding, analysis.document_embedding)
    assert store.get_analysis("c" * 16, embeddings=False).sentence_embeddings is None


def test_single_sentence_embeddings_keep_their_matrix_shape(store):
    store.add_article(_article("d" * 16), _analysis("d" * 16, n=1))
    assert store.get_analysis("d" * 16).sentence_embeddings.shape == (1, 8)


def test_get_by_unique_prefix_and_not_found(store):
    store.add_article(_article("abcdef0123456789"))
    assert store.get_article("abcdef01").id == "abcdef0123456789"
    with pytest.raises(NotFoundError):
        store.get_article("zzzzzzzz")


def test_article_without_analysis_is_reported_until_analysed(store):
    store.add_article(_article("e" * 16))
    assert store.articles_without_analysis() == ["e" * 16]
    assert any("without analysis" in p for p in store.integrity_problems())
    store.save_analysis(_analysis("e" * 16))
    assert store.articles_without_analysis() == []
    assert store.integrity_problems() == []


def test_failed_write_leaves_nothing_behind(store):
    broken = _analysis("f" * 16)
    broken.sentences = [object()]  # not serialisable: the transaction must roll back the article too
    with pytest.raises(TypeError):
        store.add_article(_article("f" * 16), broken)
    assert not store.has_article("f" * 16)
    assert store.integrity_problems() == []


def test_stories_membership_copies_and_successors(store):
    for i, day in enumerate(["2024-01-16", "2024-01-17", "2024-01-15"]):
        store.add_article(_article(f"{i}" * 16, f"Text {i}.", published=day), _analysis(f"{i}" * 16))
    story = Story(id="s-one", title="One", article_ids=["0" * 16, "1" * 16],
                  copies=[Copy(article="1" * 16, copy_of="0" * 16, reuse=0.93)])
    store.save_stories([story, Story(id="s-two", title="Two", article_ids=["2" * 16])])
    assert store.story_of("1" * 16) == "s-one"
    got = store.get_story("s-one")
    assert got.article_ids == ["0" * 16, "1" * 16]
    assert (got.first_published, got.last_published) == ("2024-01-16", "2024-01-17")
    assert got.copies == [Copy(article="1" * 16, copy_of="0" * 16, reuse=0.93)]
    assert [s.id for s in store.stories()] == ["s-one", "s-two"]

    merged = Story(id="s-one", title="One", article_ids=["0" * 16, "1" * 16, "2" * 16])
    store.save_stories([merged], retired=[Story(id="s-two", title="Two", successor="s-one")])
    assert store.get_story("s-two").id == "s-one"
    assert [s.id for s in store.stories()] == ["s-one"]


def test_a_copy_whose_story_splits_from_its_original_is_no_longer_recorded_as_a_copy(store):
    for i in range(3):
        store.add_article(_article(f"{i}" * 16, f"Text {i}."), _analysis(f"{i}" * 16))
    store.save_stories([Story(id="s-one", title="One", article_ids=["0" * 16, "1" * 16, "2" * 16],
                              copies=[Copy(article="1" * 16, copy_of="0" * 16, reuse=0.93),
                                      Copy(article="2" * 16, copy_of="0" * 16, reuse=0.91)])])
    # evidence splits the story: the first copy leaves with its original gone, the second stays a copy
    store.save_stories([Story(id="s-one", title="One", article_ids=["0" * 16, "2" * 16],
                              copies=[Copy(article="2" * 16, copy_of="0" * 16, reuse=0.91)]),
                        Story(id="s-split", title="Split", article_ids=["1" * 16])])
    assert store.get_story("s-split").copies == []
    assert store.get_story("s-one").copies == [Copy(article="2" * 16, copy_of="0" * 16, reuse=0.91)]
    assert store.integrity_problems() == []


def test_replace_all_stories_drops_old_assignments(store):
    store.add_article(_article("g" * 16), _analysis("g" * 16))
    store.save_stories([Story(id="old", title=None, article_ids=["g" * 16])])
    store.replace_all_stories([Story(id="new", title=None, article_ids=["g" * 16])])
    assert store.story_of("g" * 16) == "new"
    assert [s.id for s in store.stories()] == ["new"]


def test_reopening_keeps_data_and_schema_version(store_url):
    with open_store(store_url) as first:
        first.add_article(_article("h" * 16))
        version = first.schema_version
    with open_store(store_url) as second:
        assert second.has_article("h" * 16)
        assert second.schema_version == version >= 2


def test_a_store_from_before_document_embeddings_migrates_and_is_backfilled(store_url):
    """A store at schema 2 (no document_embedding column: migrations 3 and 4 undone) opens, migrates,
    keeps its analyses, lists those without the vector, and `finish_pending` gives them one."""
    from newsprism.pipeline import finish_pending
    from newsprism.settings import Settings

    with open_store(store_url) as store:
        store.add_article(_article("e" * 16, "Old text about a bridge."), _analysis("e" * 16, dim=384))
        store.add_article(_article("g" * 16, "No embeddings."), Analysis(article_id="g" * 16))
        store.db.execute("DROP INDEX analyses_without_document")
        store.db.execute("ALTER TABLE analyses DROP COLUMN document_embedding")
        store.db.execute("DELETE FROM schema_version WHERE version >= 3")
    with open_store(store_url) as store:
        assert store.schema_version == 4
        old = store.get_analysis("e" * 16)
        np.testing.assert_allclose(old.article_embedding, _analysis("e" * 16, dim=384).article_embedding)
        assert old.document_embedding is None
        assert store.articles_without_document_embedding() == ["e" * 16]  # not the one without any embedding
        store.add_article(_article("f" * 16), _analysis("f" * 16))
        assert store.articles_without_document_embedding() == ["e" * 16]
        finish_pending(store, Settings(), group=False)
        assert store.articles_without_document_embedding() == []
        back = store.get_analysis("e" * 16).document_embedding
        assert back.shape == (384,) and abs(float(np.linalg.norm(back)) - 1.0) < 1e-4
        assert store.get_analysis("g" * 16).document_embedding is None


def test_a_file_that_is_not_a_database_is_a_clear_error(tmp_path):
    bad = tmp_path / "not.db"
    bad.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match="not.db"):
        open_store(str(bad))


def test_an_unreachable_server_is_a_clear_error_without_the_password():
    pytest.importorskip("psycopg")
    with pytest.raises(StoreError, match="cannot connect to PostgreSQL") as caught:
        open_store("postgresql://someone:s3cret@127.0.0.1:1/newsprism?connect_timeout=2")
    assert "s3cret" not in str(caught.value)


def test_search_finds_every_word_in_title_or_text_best_first(store):
    store.add_article(Article(id="i" * 16, title="Flood in Zurich", text="The river rose overnight.", source="i"))
    store.add_article(Article(id="j" * 16, title="Zurich budget", source="j",
                              text="The council met. Flood defences, flood maps and flood insurance were discussed."))
    store.add_article(Article(id="k" * 16, title="Geneva", text="A quiet day by the lake.", source="k"))
    hits = store.search_articles("flood ZURICH")
    assert {article_id for article_id, _ in hits} == {"i" * 16, "j" * 16}
    assert all(score > 0 for _, score in hits)
    assert hits == sorted(hits, key=lambda h: -h[1])
    assert store.search_articles("lake") == [("k" * 16, store.search_articles("lake")[0][1])]
    assert store.search_articles("zurich", limit=1)[0][0] in {"i" * 16, "j" * 16}
    assert len(store.search_articles("zurich", limit=1)) == 1
    assert store.search_articles("mountain") == []
    assert store.search_articles("\"*:) OR (") == []  # operators are not syntax errors


def test_orphan_rows_are_integrity_problems(store, store_url):
    store.add_article(_article("l" * 16), _analysis("l" * 16))
    if store_url.startswith("postgresql://"):
        store.db.execute("SET session_replication_role = replica")  # a superuser's way to bypass foreign keys
    else:
        store.db.execute("PRAGMA foreign_keys = OFF")
    store.db.execute(f"INSERT INTO story_articles(article_id, story_id) VALUES ('{'l' * 16}', 'no-such-story')")
    problems = store.integrity_problems()
    assert any("no-such-story" in p or "story_articles" in p for p in problems), problems


def test_two_processes_writing_overlapping_articles_lose_and_duplicate_nothing(store_url):
    """Two writers race over the same 100 ids and the same URLs (four texts per URL, so revisions)."""
    writer = Path(__file__).with_name("_writer.py")
    if not store_url.startswith("postgresql://"):
        # SQLite: create the file first. Two connections switching a brand-new file to WAL at the same instant
        # is suspected of one rare "database is locked" seen here; PostgreSQL writers also race on migrating.
        open_store(store_url).close()
    start_at = time.time() + 3.0  # both processes import first, then start writing together
    plans = [(50, 150, "head"), (50, 200, "reversed")]  # overlap 50..149; the first also adds 0..49 last
    procs = [
        subprocess.Popen([sys.executable, str(writer), store_url, str(start_at), str(lo), str(hi), head],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for lo, hi, head in plans
    ]
    statuses: dict[str, int] = {}
    for proc in procs:
        out, err = proc.communicate(timeout=180)
        assert proc.returncode == 0, err
        for status, n in json.loads(out).items():
            statuses[status] = statuses.get(status, 0) + n
    with open_store(store_url) as store:
        assert store.count_articles() == 200
        assert statuses == {"added": 50, "revision": 150, "present": 100}
        by_url: dict[str, list[Article]] = {}
        for article in store.articles():
            by_url.setdefault(article.url, []).append(article)
        assert len(by_url) == 50
        for url, texts in by_url.items():
            ids = {a.id for a in texts}
            assert [a.revision_of for a in texts].count(None) == 1, url  # exactly one first text per URL
            assert all(a.revision_of in ids for a in texts if a.revision_of)
        assert store.integrity_problems() == []


def test_article_left_in_a_story_another_writer_retired_moves_to_the_successor(store):
    """Two groupers race: one adds an article to story A while the other merges A into B."""
    for i in "123":
        store.add_article(_article(i * 16, f"Text {i}."), _analysis(i * 16))
    store.save_stories([Story(id="s-a", title="A", article_ids=["1" * 16]),
                        Story(id="s-b", title="B", article_ids=["2" * 16])])
    store.save_stories([Story(id="s-b", title="B", article_ids=["1" * 16, "2" * 16])],
                       retired=[Story(id="s-a", title="A", successor="s-b")])
    store.save_stories([Story(id="s-a", title="A", article_ids=["1" * 16, "3" * 16], successor="s-b")])
    assert store.story_of("3" * 16) == "s-b"
    assert sorted(a for s in store.stories() for a in s.article_ids) == ["1" * 16, "2" * 16, "3" * 16]
    assert store.integrity_problems() == []


def test_opening_retries_when_sqlite_says_locked_at_once(tmp_path, monkeypatch):
    # Two `ingest`s starting together on a new file: one failed with "database is locked" while opening (seen
    # once in CI), an answer SQLite gives without waiting in some setup races. Opening retries instead.
    import sqlite3

    real_open, calls = SQLiteStore._open, []

    def flaky_open(self):
        calls.append(1)
        if len(calls) <= 2:
            self.db = sqlite3.connect(":memory:")
            raise sqlite3.OperationalError("database is locked")
        real_open(self)

    monkeypatch.setattr(SQLiteStore, "_open", flaky_open)
    store = SQLiteStore(str(tmp_path / "new.db"))
    try:
        assert len(calls) == 3 and store.count_articles() == 0
    finally:
        store.close()
    monkeypatch.setattr("newsprism.store.sqlite.OPEN_PATIENCE", 0.0)
    calls.clear()
    with pytest.raises(StoreError, match="cannot open as a newsprism store .database is locked"):
        SQLiteStore(str(tmp_path / "other.db"))
