"""Every kind of bad input yields one clear InputError, and the rest of the batch still loads."""

from __future__ import annotations

import json
import os

import pytest

from newsprism.settings import Settings

GOOD = "A storm struck the coast on Tuesday, officials said."


def only_error(read, path, settings=None) -> str:
    articles, errors = read([path], settings)
    assert articles == []
    assert len(errors) == 1
    assert errors[0].source == str(path)
    message = str(errors[0])
    assert "\n" not in message and "Traceback" not in message
    return errors[0].reason


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.txt", b"", "empty file"),
        ("blank.txt", b"  \n\t\n", "no text"),
        ("random.txt", bytes(range(256)) * 8, "binary file"),
        ("doc.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "binary file (PDF)"),
        ("image.html", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file (PNG image)"),
        ("garbled.txt", bytes(range(0x80, 0x100)) * 4, "undecodable text (not UTF-8 and no other encoding fits)"),
        ("bad.json", b'{"text": "x",, }', "not valid JSON (line 1, column 14)"),
        ("scalar.json", b"42", "not an article: expected a JSON object or a list of objects"),
        ("empty-list.json", b"[]", "no articles (empty JSON list)"),
        ("notext.json", b'{"title": "Only a title"}', "no text field (expected one of: text, body, content)"),
        ("nocolumn.csv", b"title,author\nA,B\n", "no text column in the CSV header (expected one of: text, body, content)"),
        ("header-only.csv", b"title,text\n", "no rows under the CSV header"),
        ("broken.xml", b"<rss><channel><item><title>x</title", "not a valid RSS or Atom feed"),
        ("other.xml", b"<?xml version='1.0'?><catalog><book>x</book></catalog>", "not an RSS or Atom feed"),
        ("nav.html", b"<html><body><nav><a href='/'>Home</a></nav></body></html>", "no main text found in the HTML"),
    ],
)
def test_rejected_file(tmp_path, read, name, content, reason):
    path = tmp_path / name
    path.write_bytes(content)
    assert only_error(read, path).startswith(reason)


def test_unterminated_csv_quote(tmp_path, read):
    path = tmp_path / "broken.csv"
    path.write_text('title,text\nA,"never closed\n')
    articles, errors = read([path])
    assert articles == []
    assert [e.reason for e in errors] == ["not valid CSV (line 2: unexpected end of data)"]


def test_bad_records_are_reported_by_position_and_good_ones_kept(tmp_path, read):
    path = tmp_path / "data.jsonl"
    lines = [json.dumps({"text": GOOD}), "", json.dumps({"title": "no text"}), "{broken", "[1, 2]",
             json.dumps({"text": "Another good record."}), json.dumps({"Body": "  ", "title": "blank"}),
             json.dumps({"text": 12345})]
    path.write_text("\n".join(lines) + "\n")
    articles, errors = read([path])
    assert [a.source for a in articles] == [f"{path}#1", f"{path}#6"]
    assert [str(e) for e in errors] == [
        f"{path}: line 3: no text field (expected one of: text, body, content)",
        f"{path}: line 4: not valid JSON (column 2)",
        f"{path}: line 5: not a JSON object",
        f"{path}: line 7: empty text (field 'Body')",
        f"{path}: line 8: field 'text' is not text (a number)",
    ]


def test_csv_row_with_wrong_field_count(tmp_path, read):
    path = tmp_path / "data.csv"
    path.write_text(f"title,text\nA,{GOOD.replace(',', '')}\nB,one,two\nC,\n")
    articles, errors = read([path])
    assert len(articles) == 1
    assert [e.reason for e in errors] == [
        "row 2: 3 fields where the header has 2",
        "row 3: empty text (field 'text')",
    ]


def test_feed_entry_without_text(tmp_path, read):
    path = tmp_path / "feed.rss"
    path.write_text(
        "<rss version='2.0'><channel><title>T</title><item><title>Empty</title></item>"
        f"<item><title>Full</title><description>{GOOD}</description></item></channel></rss>"
    )
    articles, errors = read([path])
    assert [a.source for a in articles] == [f"{path}#2"]
    assert [e.reason for e in errors] == ["entry 1: no text (neither content nor summary)"]


def test_file_over_the_size_limit_is_refused_before_reading(tmp_path, read):
    path = tmp_path / "big.txt"
    path.write_text(GOOD * 100)
    reason = only_error(read, path, Settings(max_input_bytes=1000))
    assert reason == f"too large: {len(GOOD) * 100} bytes (the limit is 1000)"


def test_missing_path(tmp_path, read):
    assert only_error(read, tmp_path / "nowhere.txt") == "no such file or directory"


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read files without read permission")
def test_unreadable_file(tmp_path, read):
    path = tmp_path / "secret.txt"
    path.write_text(GOOD)
    path.chmod(0)
    assert only_error(read, path) == "cannot read file (Permission denied)"


def test_one_bad_input_does_not_stop_the_batch(tmp_path, read):
    good = tmp_path / "good.txt"
    good.write_text(GOOD)
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "binary.txt"
    binary.write_bytes(b"\x00\x01\x02" * 100)
    articles, errors = read([empty, good, binary, tmp_path / "missing.txt", good])
    assert [a.source for a in articles] == [str(good), str(good)]
    assert [e.source for e in errors] == [str(empty), str(binary), str(tmp_path / "missing.txt")]
