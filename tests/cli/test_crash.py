"""Crash safety: `newsprism ingest` and `newsprism batch --engine local`, killed with SIGKILL at 20 random
moments each and run again, lose and duplicate nothing.

Three kills in four fall at a random time in the first 2.5 s (start-up, model loading, reading); every
fourth waits until the run is seen writing to the store and kills it within a second, so that kills land between
and inside transactions. After every kill the store must be consistent (articles may still lack analysis or a
story: the next run finishes them); after the last, complete run every article is present exactly once, with
its analysis, in a story, with no orphan rows.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from newsprism.store import open_store

pytestmark = pytest.mark.slow

TOPICS = ["harbour", "railway", "library", "bridge", "orchard", "stadium", "clinic", "ferry", "market", "school"]
KILLS = 20


def _corpus(path, n: int, start: int = 0) -> list[str]:
    """n distinct invented articles (numbered from `start`) as JSONL, appended; returns their titles."""
    titles = []
    with open(path, "a", encoding="utf-8") as out:
        for i in range(start, start + n):
            topic = TOPICS[i % len(TOPICS)]
            title = f"Council report {i} on the {topic}"
            text = (
                f"The town council of Vellmar published report number {i} about the {topic} on Monday. "
                f"According to the report, repairs to the {topic} will cost {1000 + 37 * i} crowns. "
                f"Mayor Ilse Brandvik said the work on the {topic} would start in spring. "
                f"Residents near the {topic} asked for a public meeting before work begins."
            )
            out.write(json.dumps({"title": title, "text": text, "outlet": f"Vellmar Post {i % 3}",
                                  "published": "2024-03-04"}) + "\n")
            titles.append(title)
    return titles


def _run(command: list[str], db: str, source: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "newsprism.cli", *command, source, "--db", db],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        env={**os.environ, "NEWSPRISM_BATCH_SIZE": "4", "OMP_NUM_THREADS": "1"},
    )


def _written(db: str) -> tuple[int, ...]:
    """Rows written so far (articles, analyses, story memberships), read without taking a write lock."""
    if not os.path.exists(db):
        return (0, 0, 0)
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as connection:
            return tuple(connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
                         for table in ("articles", "analyses", "story_articles"))
    except sqlite3.Error:
        return (-1, -1, -1)


def _wait_for_a_write(proc: subprocess.Popen, db: str, limit: float) -> None:
    before = _written(db)
    deadline = time.monotonic() + limit
    while proc.poll() is None and time.monotonic() < deadline and _written(db) == before:
        time.sleep(0.05)


def _kill_repeatedly(command: list[str], db: str, source: str, seed: int, titles: list[str]) -> int:
    """Runs and kills until KILLS runs were killed mid-way; a run that finished before its kill leaves nothing
    to do, so 10 new articles are appended to the source (`titles` grows with them)."""
    rng = random.Random(seed)
    kills = attempts = 0
    while kills < KILLS and attempts < 3 * KILLS:
        attempts += 1
        proc = _run(command, db, source)
        if kills % 4 == 1:
            _wait_for_a_write(proc, db, limit=30)
            time.sleep(rng.uniform(0.0, 1.0))
        else:
            time.sleep(rng.uniform(0.2, 2.5))
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            kills += 1
        else:
            titles.extend(_corpus(source, 10, start=len(titles)))
        proc.wait(timeout=120)
        with open_store(db) as store:  # every interrupted state is consistent (maybe incomplete)
            assert not [p for p in store.integrity_problems() if "without analysis" not in p]
    return kills


def _assert_complete(db: str, titles: list[str]) -> None:
    with open_store(db) as store:
        articles = list(store.articles())
        assert sorted(a.title for a in articles) == sorted(titles)  # each exactly once
        assert store.integrity_problems() == []  # integrity_check, no orphan rows, every article analysed
        for article in articles:
            analysis = store.get_analysis(article.id)
            assert analysis.sentences and analysis.sentences[-1].end <= len(article.text)
            assert store.story_of(article.id)  # and grouped
        assert sum(len(s.article_ids) for s in store.stories()) == len(articles)  # in exactly one live story


@pytest.mark.parametrize("command", [["ingest"], ["batch", "--engine", "local"]], ids=["ingest", "batch-local"])
def test_sigkill_at_20_random_moments_then_rerun_completes_everything(tmp_path, command):
    source = tmp_path / "batch.jsonl"
    titles = _corpus(source, 80)
    db = str(tmp_path / "crash.db")
    kills = _kill_repeatedly(command, db, str(source), seed=7, titles=titles)
    final = _run(command, db, str(source))
    _, err = final.communicate(timeout=600)
    assert final.returncode == 0, err.decode()
    assert kills == KILLS, f"only {kills} of the runs were still going when killed"
    _assert_complete(db, titles)
