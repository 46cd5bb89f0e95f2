"""Two `newsprism ingest` processes into one SQLite store at the same time, on overlapping inputs, lose and
duplicate nothing (tests/store covers two writers at the store layer; this goes through the whole CLI:
reading, analysis, the store and story grouping)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from newsprism.store import open_store

pytestmark = pytest.mark.slow

PLACES = ["Vellmar", "Ostrava Bay", "Kittering", "Lunden Moor", "Prael", "Harrowgate Sound"]
EVENTS = ["a ferry terminal fire", "a school roof collapse", "a harbour crane strike", "a flood of the old mill"]


def _record(i: int) -> dict:
    place, event = PLACES[i % len(PLACES)], EVENTS[i % len(EVENTS)]
    return {
        "title": f"Report {i}: {event} in {place}",
        "outlet": f"Outlet {i % 5}",
        "published": f"2025-0{1 + i % 9}-1{i % 10}",
        "text": f"Officials in {place} described {event} on Monday in report number {i}. "
                f"The mayor said {10 + i} people were affected and repairs would cost {2000 + 91 * i} crowns. "
                f"Residents said they had warned the council about the risk {i % 7 + 2} years ago.",
    }


def _write(path, numbers) -> None:
    path.write_text("\n".join(json.dumps(_record(i)) for i in numbers) + "\n", encoding="utf-8")


@pytest.fixture(scope="module")
def concurrent_run(tmp_path_factory) -> dict:
    folder = tmp_path_factory.mktemp("concurrent")
    first, second = folder / "first.jsonl", folder / "second.jsonl"
    _write(first, range(0, 30))
    _write(second, range(15, 45))  # 15 articles in both
    db = str(folder / "shared.db")
    env = {**os.environ, "NEWSPRISM_BATCH_SIZE": "4", "OMP_NUM_THREADS": "1"}
    procs = [subprocess.Popen([sys.executable, "-m", "newsprism.cli", "ingest", str(path), "--db", db],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
             for path in (first, second)]
    errors = [proc.communicate(timeout=600)[1].decode() for proc in procs]
    return {"db": db, "codes": [proc.returncode for proc in procs], "errors": errors}


def test_two_concurrent_cli_ingests_lose_and_duplicate_nothing(concurrent_run):
    with open_store(concurrent_run["db"]) as store:
        titles = sorted(a.title for a in store.articles())
        assert titles == sorted(_record(i)["title"] for i in range(45))  # each exactly once
        assert store.integrity_problems() == []  # integrity_check, no orphan rows, every article analysed
        assert all(store.story_of(a.id) for a in store.articles())


def test_two_concurrent_cli_ingests_leave_every_article_in_exactly_one_live_story(concurrent_run):
    with open_store(concurrent_run["db"]) as store:
        members = [a for s in store.stories() for a in s.article_ids]
        assert sorted(members) == sorted(a.id for a in store.articles())


def test_two_concurrent_cli_ingests_both_exit_cleanly(concurrent_run):
    assert concurrent_run["codes"] == [0, 0], concurrent_run["errors"]
    assert not any("Traceback" in e for e in concurrent_run["errors"]), concurrent_run["errors"]
