from newsprism.render import (
    render_analysis,
    render_article,
    render_articles_table,
    render_stories_table,
    render_story,
    render_terminal,
)

from .conftest import IRANPRESS, KHAAMA, TOLO, build_comparison

MINIMAL = {
    "schema": "newsprism.comparison/1",
    "articles": [{"id": "a1", "outlet": None, "title": None}, {"id": "a2", "url": "https://www.example.org/x"}],
    "facts": [{"id": "F1", "text": "Something happened.", "reported_by": ["a1", "a2"], "kind": "consensus"}],
}


def assert_fits(output: str, width: int = 80) -> None:
    too_long = [line for line in output.splitlines() if len(line) > width]
    assert not too_long, too_long


def test_comparison_fits_80_columns_without_colour(comparison):
    out = render_terminal(comparison, width=80, color=False)
    assert_fits(out)
    assert "\x1b" not in out


def test_header_lists_articles_and_fact_counts(comparison):
    out = render_terminal(comparison, color=False)
    assert "Iranian envoy: US seeks instability in Afghanistan" in out
    assert "3 consensus · 4 partial · 3 unique   2 conflicts · 6 omissions" in out
    for outlet in ("Khaama Press", "Iran Press", "Tolo News"):
        assert outlet in out
    assert "2024-01-16" in out and "105" in out  # the Khaama Press article's words


def test_coverage_matrix_marks_who_reports_each_fact(comparison):
    out = render_terminal(comparison, color=False)
    f4 = next(line for line in out.splitlines() if line.startswith("F4 "))
    assert f4.split()[-3:] == ["✓", "·", "✓"]
    f8 = next(line for line in out.splitlines() if line.startswith("F8 "))
    assert f8.split()[-3:] == ["·", "✓", "·"]
    assert "Consensus — reported by every outlet (3)" in out


def test_omissions_are_listed_per_outlet_in_the_given_order(comparison):
    out = render_terminal(comparison, color=False)
    assert "[2] Iran Press omits:" in out
    section = out[out.index("[2] Iran Press omits:"):out.index("[3] Tolo News omits:")]
    assert section.index("F4") < section.index("F10") < section.index("F7")
    assert "(reported by 2 others)" in section
    assert "(reported by 1" in section


def test_conflicts_show_kind_summary_and_each_claim(comparison):
    out = render_terminal(comparison, color=False)
    assert "SOURCE Who conducted the interview" in out
    assert "[1] Khaama Press IRNA" in out
    assert "Iran Press reporter" in out
    assert "NUMBER Afghans living in Iran" in out


def test_quotes_flag_changed_wording_and_framing_and_lineage(comparison):
    out = render_terminal(comparison, color=False)
    flat = " ".join(out.split())
    assert "wording changed" in flat and "speaker differs" in flat
    assert "United States → occupiers, invaders" in flat
    assert "distancing 3 (claimed, argued, accusing)" in flat
    assert "Original: IRNA (outside source)" in out
    assert "─rewrite 41%→ [3] Tolo News" in out
    assert "[1][2][3]" in out  # summary citations


def test_colour_is_opt_in(comparison):
    assert "\x1b[" in render_terminal(comparison, color=True)


def test_other_widths_are_respected(comparison):
    assert_fits(render_terminal(comparison, width=100, color=False), 100)
    assert_fits(render_terminal(comparison, width=60, color=False), 60)


def test_hostile_text_cannot_inject_terminal_escapes(hostile_comparison):
    hostile_comparison["articles"][0]["title"] = "Evil \x1b[2J\x1b]0;owned\x07 title"
    hostile_comparison["facts"][2]["text"] = "fact \x1b[31mred\u202e"
    out = render_terminal(hostile_comparison, color=False)
    assert "\x1b" not in out and "\x07" not in out and "\u202e" not in out
    assert_fits(out)
    assert "<script>alert(1)</script>" in out  # shown as text, not interpreted as rich markup


def test_missing_optional_parts_still_render():
    out = render_terminal(MINIMAL, color=False)
    assert "Article 1" in out and "example.org" in out
    assert "No outlet left out a fact" in out
    assert "No copies, rewrites or cited sources" in out
    assert render_terminal({}, color=False).startswith("newsprism comparison")


def test_articles_table(comparison):
    out = render_articles_table(comparison["articles"], color=False)
    assert_fits(out)
    assert KHAAMA in out and "Tolo News" in out and "3 articles" in out
    assert "No articles" in render_articles_table([], color=False)


def test_stories_table_and_story(comparison):
    story = {
        "id": "st-9f2c1a", "title": "Iranian envoy: US seeks instability in Afghanistan",
        "articles": comparison["articles"], "outlets": ["Khaama Press", "Iran Press", "Tolo News"],
        "first_published": "2024-01-16", "last_published": "2024-01-17T09:30:00+04:30",
        "copies": [{"article": TOLO, "copy_of": KHAAMA}],
    }
    out = render_stories_table([story], color=False)
    assert_fits(out)
    assert "st-9f2c1a" in out and "2024-01-16 – 2024-01-17" in out and "(1 copy)" in out
    one = render_story(story, color=False)
    assert_fits(one)
    assert f"copy of {KHAAMA} (Khaama Press)" in " ".join(one.split()) and "not counted as independent" in one


def test_article_and_analysis(comparison):
    article = build_comparison()["articles"][1]
    assert_fits(render_article(article, color=False))
    analysis = {
        "sentences": article["sentences"],
        "actors": [{"id": "a0", "name": "United States", "type": "GPE", "aliases": ["the United States", "US"]}],
        "quotes": [{"speaker": "Hassan Kazemi Qomi", "text": "these invaders are still plotting", "kind": "indirect",
                    "verb": "claimed", "sentence": 2}],
        "reporting_verbs": [
            {"verb": "claimed", "lemma": "claim", "stance": "distancing", "speaker": "Hassan Kazemi Qomi", "sentence": 2},
            {"verb": "stated", "lemma": "state", "stance": "neutral", "speaker": None, "sentence": 0},
        ],
        "loaded_terms": [{"term": "occupiers", "target": "United States", "sentence": 0}],
        "dates": [{"text": "yesterday", "value": None, "sentence": 0}],
    }
    out = render_analysis(article, analysis, color=False)
    assert_fits(out)
    for expected in ("United States", "the United States, US", "claimed (Hassan Kazemi Qomi)", "occupiers",
                     "→ United States", "yesterday", "unresolved", IRANPRESS):
        assert expected in out


def test_long_stories_cap_unique_facts_and_omissions_with_a_pointer_to_the_full_reports():
    articles = [{"id": "a1", "outlet": "North"}, {"id": "a2", "outlet": "South"}]
    facts = [{"id": "F1", "text": "Both report this.", "reported_by": ["a1", "a2"], "kind": "consensus"}]
    facts += [{"id": f"F{n}", "text": f"Only South says detail number {n}.", "reported_by": ["a2"], "kind": "unique"}
              for n in range(2, 42)]
    omissions = [{"article": "a1", "fact": f"F{n}", "reported_by_others": 1} for n in range(2, 42)]
    doc = {"schema": "newsprism.comparison/1", "articles": articles, "facts": facts, "omissions": omissions}
    out = render_terminal(doc, color=False)
    assert_fits(out)
    assert "detail number 2." in out and "detail number 41." not in out
    assert "… and 25 more (see --md or --html)" in out  # 40 unique facts, 15 shown
    assert "… and 30 more (see --md or --html)" in out  # 40 omissions, 10 shown
    full = render_terminal({**doc, "facts": facts[:5], "omissions": omissions[:4]}, color=False)
    assert "more (see" not in full  # a short story shows everything
