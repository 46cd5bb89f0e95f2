"""The command line contract (../shared/CONTRACTS.md), run as a user runs it: a real process, a real store."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

SAMPLES = Path(__file__).resolve().parents[2].parent / "shared" / "samples"
AFGHAN = SAMPLES / "000_3c8c79a0ff0d5c27.txt"
IRAN_PRESS = SAMPLES / "003_bd36ac4c104837f8.txt"


def newsprism(*args: str, stdin: bytes | None = None, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "newsprism.cli", *args], input=stdin, capture_output=True,
                          cwd=cwd, timeout=300)


def needs_samples():
    if not IRAN_PRESS.exists():
        pytest.skip(f"the seed articles are not at {SAMPLES} (../shared beside the repo)")


def _json(result: subprocess.CompletedProcess) -> dict:
    assert result.returncode == 0, result.stderr.decode()
    return json.loads(result.stdout)


def test_ingest_seeds_then_articles_shows_both_with_outlets(tmp_path):
    needs_samples()
    db = str(tmp_path / "seeds.db")
    first = newsprism("ingest", str(AFGHAN), str(IRAN_PRESS), "--db", db)
    assert first.returncode == 0, first.stderr.decode()
    doc = _json(newsprism("articles", "--db", db, "--json"))
    assert doc["schema"] == "newsprism.articles/1"
    by_source = {a["source"]: a for a in doc["articles"]}
    assert by_source[str(IRAN_PRESS)]["outlet"] == "Iran Press"
    assert by_source[str(AFGHAN)]["language"] == "en"
    assert set(by_source) == {str(AFGHAN), str(IRAN_PRESS)}

    again = newsprism("ingest", str(IRAN_PRESS), "--db", db)
    assert again.returncode == 0
    assert "1 already present" in again.stderr.decode()
    assert len(_json(newsprism("articles", "--db", db, "--json"))["articles"]) == 2


def test_one_bad_input_is_named_and_the_rest_are_stored(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("The harbour of Port Ellis reopened on Monday after a week of repairs, officials said. "
                    "Ships queued outside the breakwater for most of the morning.", encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    db = str(tmp_path / "mixed.db")
    result = newsprism("ingest", str(empty), str(good), "--db", db)
    assert result.returncode == 1
    rejected = [line for line in result.stderr.decode().splitlines() if "rejected" in line and "empty.txt" in line]
    assert len(rejected) == 1
    assert [a["source"] for a in _json(newsprism("articles", "--db", db, "--json"))["articles"]] == [str(good)]


def test_stdin_is_an_input(tmp_path):
    db = str(tmp_path / "stdin.db")
    text = ("Flooding closed the coastal road near Brisk Harbour on Sunday, the regional office said. "
            "Crews expected to reopen one lane by Tuesday.").encode()
    result = newsprism("ingest", "-", "--db", db, stdin=text)
    assert result.returncode == 0, result.stderr.decode()
    articles = _json(newsprism("articles", "--db", db, "--json"))["articles"]
    assert len(articles) == 1 and articles[0]["words"] > 10


def test_usage_errors_exit_2():
    assert newsprism("ingest").returncode == 2
    assert newsprism("no-such-command").returncode == 2


def test_unknown_article_is_a_one_line_error(tmp_path):
    result = newsprism("show", "doesnotexist", "--db", str(tmp_path / "empty.db"))
    assert result.returncode == 1
    lines = result.stderr.decode().strip().splitlines()
    assert len(lines) == 1 and "doesnotexist" in lines[0] and "Traceback" not in lines[0]


def test_show_analysis_json_follows_the_contract(tmp_path):
    needs_samples()
    db = str(tmp_path / "show.db")
    assert newsprism("ingest", str(IRAN_PRESS), "--db", db).returncode == 0
    article_id = _json(newsprism("articles", "--db", db, "--json"))["articles"][0]["id"]
    doc = _json(newsprism("show", article_id, "--db", db, "--analysis", "--json"))
    assert doc["schema"] == "newsprism.analysis/1"
    assert doc["article"]["id"] == article_id
    for key in ("sentences", "actors", "quotes", "reporting_verbs", "loaded_terms", "dates"):
        assert isinstance(doc[key], list), key
    first = doc["sentences"][0]
    text = IRAN_PRESS.read_text(encoding="utf-8")
    assert text[first["start"] : first["end"]] == first["text"]
