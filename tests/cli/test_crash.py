"""Crash safety: `newsprism ingest` killed with SIGKILL at random moments loses and duplicates nothing."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time

import pytest

from newsprism.store import open_store

pytestmark = pytest.mark.slow

TOPICS = ["harbour", "railway", "library", "bridge", "orchard", "stadium", "clinic", "ferry", "market", "school"]


def _corpus(path, n: int) -> list[str]:
    """n distinct invented articles as JSONL; returns their titles."""
    titles = []
    with open(path, "w", encoding="utf-8") as out:
        for i in range(n):
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


def _ingest(db: str, source: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "newsprism.cli", "ingest", source, "--db", db],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env={**os.environ, "NEWSPRISM_BATCH_SIZE": "4"},
    )


def test_sigkill_during_ingest_then_rerun_completes_everything(tmp_path):
    source = tmp_path / "batch.jsonl"
    titles = _corpus(source, 40)
    db = str(tmp_path / "crash.db")
    rng = random.Random(7)
    kills = 0
    for _ in range(5):
        proc = _ingest(db, str(source))
        time.sleep(rng.uniform(2.0, 6.0))
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            kills += 1
        proc.wait(timeout=60)
        with open_store(db) as store:  # every interrupted state is consistent (maybe incomplete)
            assert not [p for p in store.integrity_problems() if "without analysis" not in p]
    final = _ingest(db, str(source))
    _, err = final.communicate(timeout=600)
    assert final.returncode == 0, err.decode()
    assert kills >= 1, "no run was interrupted; the test proved nothing"
    with open_store(db) as store:
        articles = list(store.articles())
        assert sorted(a.title for a in articles) == sorted(titles)  # each exactly once
        assert store.integrity_problems() == []  # every article analysed, no orphans
        assert all(store.story_of(a.id) for a in articles)  # and grouped
