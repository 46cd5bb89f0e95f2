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
    from newsprism.store import open_store

    with open_store(str(tmp_path / "empty.db")):
        pass
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


def test_a_mistyped_store_is_an_error_not_a_new_empty_store(tmp_path):
    typo = tmp_path / "typo.db"
    for command in (["stories", "--json"], ["articles"], ["story", "s-x"], ["compare", "--story", "s-x"]):
        result = newsprism(*command, "--db", str(typo))
        assert result.returncode == 1 and result.stdout == b""
        (line,) = result.stderr.decode().strip().splitlines()
        assert "no store at" in line and str(typo) in line
    assert not typo.exists()


FLOOD = ("Floodwaters broke through the Tarsa river dam in Velmora on Tuesday night, killing 12 people, "
         "the regional governor Anna Brisk said. Crews evacuated the low streets near the river and the city "
         "opened three shelters in school buildings.")
FLOOD_TOO = ("The Tarsa river dam in Velmora failed on Tuesday night and 12 people died, governor Anna Brisk "
             "told reporters. Three schools were turned into shelters for families from the streets by the river.")
ELECTION = ("Voters in Dunmore chose Petra Lind as mayor on Sunday, ending twelve years of rule by the Harbour "
            "Party. Lind won 54 percent of the vote and promised to rebuild the ferry terminal.")


def test_compare_reports_rejected_inputs_writes_errors_in_one_line_and_warns_across_stories(tmp_path):
    a, b, c = tmp_path / "a.txt", tmp_path / "b.txt", tmp_path / "c.txt"
    for path, text in ((a, FLOOD), (b, FLOOD_TOO), (c, ELECTION)):
        path.write_text(text, encoding="utf-8")
    missing = newsprism("compare", str(a), str(b), str(tmp_path / "nope.txt"), "--json")
    assert missing.returncode == 1  # as `ingest`: the readable inputs are compared, the exit says one was not
    doc = json.loads(missing.stdout)
    assert doc["schema"] == "newsprism.comparison/1" and len(doc["articles"]) == 2 and doc["warnings"] == []
    assert [line for line in missing.stderr.decode().splitlines() if "rejected" in line and "nope.txt" in line]

    unwritable = newsprism("compare", str(a), str(b), "--html", str(tmp_path / "no" / "dir" / "r.html"))
    assert unwritable.returncode == 1
    (line,) = unwritable.stderr.decode().strip().splitlines()
    assert "cannot write the HTML report" in line and "Traceback" not in line

    mixed = _json(newsprism("compare", str(a), str(c), "--json"))
    assert len(mixed["warnings"]) == 1 and "2 different stories" in mixed["warnings"][0]
