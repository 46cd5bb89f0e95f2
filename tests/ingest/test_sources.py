"""Directories (recursive, sorted, hidden and unknown files skipped), standard input, and the store."""

from __future__ import annotations

import io
import json
import os

from newsprism.ingest import article_id, read_inputs
from newsprism.model import Article
from newsprism.settings import Settings

TEXT = "A storm struck the coast on Tuesday, officials said."


def make_tree(root):
    (root / "b" / "deeper").mkdir(parents=True)
    (root / "a.txt").write_text("First. " + TEXT)
    (root / "b" / "c.md").write_text("# Heading\n\nSecond. " + TEXT)
    (root / "b" / "deeper" / "d.jsonl").write_text(json.dumps({"text": "Third. " + TEXT}) + "\n")
    (root / "b" / "notes.docx").write_bytes(b"PK\x03\x04 not read")
    (root / "b" / "README").write_text("no extension: skipped inside a directory")
    (root / ".hidden.txt").write_text("hidden file")
    (root / "README.md").write_text("# About this folder\n\nNot an article.")
    (root / "b" / "LICENSE.txt").write_text("Not an article either.")
    (root / ".git").mkdir()
    (root / ".git" / "config.txt").write_text("hidden folder")


def test_directory_is_read_recursively_in_sorted_order(tmp_path, read):
    make_tree(tmp_path)
    articles, errors = read([tmp_path])
    assert errors == []
    assert [a.source for a in articles] == [
        os.path.join(str(tmp_path), "a.txt"),
        os.path.join(str(tmp_path), "b", "c.md"),
        os.path.join(str(tmp_path), "b", "deeper", "d.jsonl") + "#1",
    ]
    assert [a.text.split(".")[0] for a in articles] == ["First", "Second", "Third"]


def test_directory_source_keeps_the_form_given(tmp_path, read, monkeypatch):
    make_tree(tmp_path)
    monkeypatch.chdir(tmp_path)
    articles, _ = read(["b/"])
    assert [a.source for a in articles] == ["b/c.md", "b/deeper/d.jsonl#1"]


def test_readme_named_directly_is_read(tmp_path, read):
    make_tree(tmp_path)
    [article], _ = read([tmp_path / "README.md"])
    assert article.title == "About this folder"


def test_unreadable_entry_in_a_directory_is_reported(tmp_path, read):
    (tmp_path / "good.txt").write_text(TEXT)
    os.symlink(tmp_path / "gone.txt", tmp_path / "dangling.txt")
    articles, errors = read([tmp_path])
    assert [a.source for a in articles] == [str(tmp_path / "good.txt")]
    assert [str(e) for e in errors] == [f"{tmp_path / 'dangling.txt'}: cannot read file (No such file or directory)"]


def test_symlinked_folder_loops_are_not_followed(tmp_path, read):
    (tmp_path / "a.txt").write_text(TEXT)
    os.symlink(tmp_path, tmp_path / "loop")
    articles, errors = read([tmp_path])
    assert (len(articles), errors) == (1, [])


def test_stdin_text(read):
    articles, errors = read(["-"], stdin=io.BytesIO(TEXT.encode()))
    assert errors == []
    assert [(a.source, a.text) for a in articles] == [("-", TEXT)]


def test_stdin_is_sniffed(read):
    jsonl = "\n".join(json.dumps({"text": f"Record {n}. {TEXT}"}) for n in (1, 2))
    articles, errors = read(["-"], stdin=io.BytesIO(jsonl.encode()))
    assert errors == []
    assert [a.source for a in articles] == ["-#1", "-#2"]
    html = b"<!DOCTYPE html><html><body><article><p>" + (TEXT.encode() + b" ") * 5 + b"</p></article></body></html>"
    [article], errors = read(["-"], stdin=io.BytesIO(html))
    assert errors == [] and article.text.startswith("A storm struck")
    csv_text = b"title,text\nStorm," + TEXT.replace(",", "").encode() + b"\n"
    [article], errors = read(["-"], stdin=io.BytesIO(csv_text))
    assert errors == [] and article.title == "Storm"


def test_stdin_empty_and_too_large(read):
    _, [empty] = read(["-"], stdin=io.BytesIO(b""))
    assert str(empty) == "-: empty file"
    _, [large] = read(["-"], Settings(max_input_bytes=10), stdin=io.BytesIO(TEXT.encode()))
    assert large.reason == "too large: more than 10 bytes on standard input (the limit is 10)"


def test_read_inputs_is_lazy(tmp_path):
    (tmp_path / "a.txt").write_text(TEXT)
    items = read_inputs([str(tmp_path / "a.txt"), str(tmp_path / "missing.txt")], Settings())
    first = next(items)
    assert isinstance(first, Article)


def test_article_id_normalises_unicode_and_spacing_but_keeps_case():
    assert article_id("Café  au\n lait") == article_id("Cafe\u0301 au lait")
    assert article_id("ﬁne text") == article_id("fine text")
    assert article_id("Storm") != article_id("storm")
    assert len(article_id("x")) == 16 and all(c in "0123456789abcdef" for c in article_id("x"))


def test_one_text_from_two_outlets_is_two_articles(tmp_path, read):
    """A wire story and its verbatim reprint are two articles (the reprint is later marked as a copy); the same
    outlet's text read twice, from two containers, is one."""
    wire = tmp_path / "wire.json"
    wire.write_text(json.dumps({"text": TEXT, "outlet": "Pellmark Wire"}))
    reprint = tmp_path / "reprint.json"
    reprint.write_text(json.dumps({"text": TEXT, "outlet": "Northgate Post"}))
    again = tmp_path / "again.jsonl"
    again.write_text(json.dumps({"text": TEXT, "site": "pellmark wire"}) + "\n")
    articles, errors = read([wire, reprint, again])
    assert errors == []
    ids = {a.outlet: a.id for a in articles}
    assert ids["Pellmark Wire"] != ids["Northgate Post"]
    assert articles[2].id == ids["Pellmark Wire"]
    assert article_id(TEXT, "Pellmark Wire") == ids["Pellmark Wire"]


def test_ingesting_twice_into_the_store_is_a_no_op(tmp_path, read, tmp_store):
    (tmp_path / "a.txt").write_text(TEXT)
    (tmp_path / "data.jsonl").write_text(json.dumps({"text": "Another article entirely."}) + "\n")
    first, _ = read([tmp_path])
    again, _ = read([tmp_path])
    assert [tmp_store.add_article(a) for a in first] == ["added", "added"]
    assert [tmp_store.add_article(a) for a in again] == ["present", "present"]
    stored = tmp_store.get_article(first[0].id)
    assert (stored.text, stored.source, stored.meta) == (first[0].text, first[0].source, first[0].meta)
