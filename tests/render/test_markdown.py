import re

from newsprism.render import render_markdown
from newsprism.render.markdown import md_escape


def table_rows(markdown: str) -> list[str]:
    return [line for line in markdown.splitlines() if line.startswith("| ")]


def unescaped_pipes(line: str) -> int:
    return len(re.findall(r"(?<!\\)\|", line))


def test_sections_and_tables(comparison):
    md = render_markdown(comparison)
    for heading in ("# Iranian envoy", "## Neutral summary", "## Coverage", "## Omissions", "## Conflicts",
                    "## Quotes", "## Framing", "## Lineage"):
        assert heading in md
    assert "| # | Outlet | Title | Date | Words |" in md
    assert "| Fact | Coverage | Text | Khaama Press | Iran Press | Tolo News |" in md
    assert "| F4 | partial | The interview came after Iran launched" in md
    assert md.count("| Outlet | Says | Sentence |") == 2
    assert "**Iran Press** omits:" in md
    assert "(F4; reported by 2 others)" in md
    assert "⚠ wording changed" in md
    assert "United States → occupiers, invaders" in md
    assert "| IRNA | rewrite | \\[2\\] Iran Press | 18% |" in md
    assert "[Iran's envoy: US seeks instability in Afghanistan and supports ISIS](https://www.khaama.com/" in md
    assert "\\[1\\]\\[2\\]\\[3\\]" in md


def test_every_table_row_has_as_many_cells_as_its_header(hostile_comparison):
    md = render_markdown(hostile_comparison)
    blocks = re.split(r"\n(?!\| )", md)
    for block in blocks:
        rows = [line for line in block.splitlines() if line.startswith("| ")]
        if rows:
            assert len({unescaped_pipes(r) for r in rows}) == 1, rows


def test_hostile_text_stays_text(hostile_comparison):
    md = render_markdown(hostile_comparison)
    assert "<script" not in md and "<img" not in md
    assert "&lt;script&gt;alert\\(1\\)&lt;/script&gt;" in md
    assert "](javascript" not in md.lower() and "](%20javascript" not in md.lower()
    assert "| \\- \\| \\*\\*bold\\*\\* \\# heading \\[x\\]\\(javascript:alert\\(1\\)\\) |" in md


def test_escape_neutralises_markdown_structure():
    assert md_escape("# Title") == "\\# Title"
    assert md_escape("- item") == "\\- item"
    assert md_escape("1. first") == "1\\. first"
    assert md_escape("> quote") == "&gt; quote"
    assert md_escape("a | b") == "a \\| b"
    assert md_escape("[x](javascript:alert(1))") == "\\[x\\]\\(javascript:alert\\(1\\)\\)"
    assert md_escape("line\nbreak") == "line break"


def test_missing_optional_parts_still_render():
    md = render_markdown({"articles": [{"id": "a"}], "facts": []})
    assert "_No facts were aligned._" in md


def test_an_undetermined_original_says_why():
    from newsprism.render import render_markdown

    from .conftest import build_comparison

    doc = build_comparison()
    doc["lineage"]["original"] = None
    doc["lineage"]["reason"] = "undetermined: 1 article names IRNA as its source; Iran Press says it did it itself"
    out = render_markdown(doc)
    assert "Original: **not determined** (1 article names IRNA as its source; Iran Press says it did it itself)" in out


def test_a_disputed_summary_sentence_and_a_source_with_its_copy_are_named_in_every_format():
    from newsprism.render import render_html, render_markdown, render_terminal

    from .conftest import KHAAMA, TOLO, build_comparison

    doc = build_comparison()
    doc["lineage"]["edges"].append({"from": KHAAMA, "to": TOLO, "kind": "copy", "reuse": 0.95})
    doc["summary"] = [{"text": "About 2 million Afghans live in Iran.", "sources": [KHAAMA, TOLO], "fact": "F10",
                       "single_source": True, "disputed": ["Afghans living in Iran: 2 million or 4 million"]}]
    md, html = render_markdown(doc), render_html(doc)
    term = " ".join(render_terminal(doc, width=200).split())
    for out in (md, html, term):
        assert "disputed: Afghans living in Iran: 2 million or 4 million" in out
    khaama = next(a for a in doc["articles"] if a["id"] == KHAAMA)["outlet"]
    assert f"only {khaama} and its copy" in md and f"only {khaama} and its copy" in term
    assert f"only {khaama} and its copy" in html


def test_a_sentence_in_one_outlets_words_of_a_fact_others_report_says_so_in_every_format():
    """The fact is reported by every outlet, but only one outlet's sentence supports the wording chosen (another
    quote, another figure): the note names the others as wording it differently, not the fact as single-sourced."""
    from newsprism.render import render_html, render_markdown, render_terminal

    from .conftest import IRANPRESS, build_comparison

    doc = build_comparison()
    doc["summary"] = [{"text": "Instability is America's priority.", "sources": [IRANPRESS], "fact": "F1",
                       "single_source": True, "disputed": []}]
    md, html = render_markdown(doc), render_html(doc)
    term = " ".join(render_terminal(doc, width=200).split())
    iranpress = next(a for a in doc["articles"] if a["id"] == IRANPRESS)["outlet"]
    others = [n for n, a in enumerate(doc["articles"], start=1) if a["id"] != IRANPRESS]
    assert len(others) == 2
    note = f"in the words of {iranpress}; " + "".join(f"[{n}]" for n in others) + " word it differently"
    assert note in term
    assert note in html.replace("&#39;", "'").replace("&#x27;", "'")
    assert note.replace("[", "\\[").replace("]", "\\]") in md
    assert f"only {iranpress}" not in md + html + term


def test_a_copy_of_the_cited_article_is_not_another_outlet_wording_the_fact_differently():
    """Tolo copies Khaama: when the sentence cites Khaama, Tolo reporting the same fact is no second source, so
    the note names Iran Press alone; with Iran Press not reporting it, the sentence is "only Khaama"."""
    from newsprism.render import render_terminal

    from .conftest import IRANPRESS, KHAAMA, TOLO, build_comparison

    doc = build_comparison()
    doc["lineage"]["edges"].append({"from": KHAAMA, "to": TOLO, "kind": "copy", "reuse": 0.95})
    labels = {a["id"]: a["outlet"] for a in doc["articles"]}
    refs = {a["id"]: n for n, a in enumerate(doc["articles"], start=1)}
    doc["summary"] = [{"text": "Instability is America's priority.", "sources": [KHAAMA], "fact": "F1",
                       "single_source": True},
                      {"text": "Refugees go to Iran.", "sources": [TOLO], "fact": "F10", "single_source": True}]
    term = " ".join(render_terminal(doc, width=200).split())
    assert f"in the words of {labels[KHAAMA]}; [{refs[IRANPRESS]}] words it differently" in term
    assert f"only {labels[TOLO]}" in term  # F10: Khaama (its original) and Tolo only


def test_an_omission_with_a_nearby_sentence_shows_it_in_every_format():
    from newsprism.render import render_html, render_markdown, render_terminal

    from .conftest import IRANPRESS, build_comparison

    doc = build_comparison()
    doc["omissions"] = [{"article": IRANPRESS, "fact": "F4", "reported_by_others": 2,
                         "nearest": {"sentence": 3, "text": "Qomi said the <neighbours> would bear the cost.",
                                     "similarity": 0.7}}]
    term = " ".join(render_terminal(doc, width=200).split())
    assert "perhaps in other words: “Qomi said the <neighbours> would bear the cost.”" in term
    assert "perhaps in other words: “Qomi said the &lt;neighbours&gt; would bear the cost.”" in render_markdown(doc)
    assert "perhaps in other words: “Qomi said the &lt;neighbours&gt; would bear the cost.”" in render_html(doc)
