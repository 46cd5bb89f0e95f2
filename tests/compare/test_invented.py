"""The comparison on small invented articles with hand-built analyses (no model)."""

from __future__ import annotations

import json

from newsprism.compare import SCHEMA, compare

from compare_helpers import make_item

BASE = (
    "Floodwaters broke through the Tarsa river dam in Velmora on Tuesday night. "
    "Emergency crews evacuated residents from the low streets near the river. "
    "Mayor Lena Ostrova said the city would open three shelters in school buildings. "
)


def _flood_story():
    a = make_item("a", BASE + "The storm killed 12 people across the northern province.", outlet="Coastline Wire",
                  published="2025-03-12", actors={"Velmora": "GPE", "Lena Ostrova": "PERSON"},
                  numbers=[(3, "12 people", 12, "people")])
    b = make_item("b", BASE.replace("Emergency crews evacuated", "Rescue crews evacuated")
                  + "The storm killed 15 people across the northern province.", outlet="Daily Sentinel",
                  published="2025-03-12", actors={"Velmora": "GPE", "Lena Ostrova": "PERSON"},
                  numbers=[(3, "15 people", 15, "people")])
    c = make_item("c", "Floodwaters broke through the Tarsa river dam in Velmora on Tuesday night. "
                  "The storm killed 12 people across the northern province. "
                  "Officials have not said what caused the dam to fail.", outlet="Harbour Gazette",
                  published="2025-03-13", actors={"Velmora": "GPE"}, numbers=[(1, "12 people", 12, "people")])
    return [a, b, c]


def test_consensus_partial_and_unique_facts_point_at_exact_sentences():
    result = compare(_flood_story())
    by_text = {f.text.split()[0] + " " + f.text.split()[1]: f for f in result.facts}
    dam = next(f for f in result.facts if "dam in Velmora" in f.text)
    assert dam.kind == "consensus" and sorted(dam.reported_by) == ["a", "b", "c"]
    assert {(e.article, e.sentence) for e in dam.evidence} == {("a", 0), ("b", 0), ("c", 0)}
    shelters = next(f for f in result.facts if "shelters" in f.text)
    assert shelters.kind == "partial" and sorted(shelters.reported_by) == ["a", "b"]
    cause = next(f for f in result.facts if "caused the dam" in f.text)
    assert cause.kind == "unique" and cause.reported_by == ["c"]
    assert by_text  # ids are F1, F2, ... in order
    assert [f.id for f in result.facts] == [f"F{n}" for n in range(1, len(result.facts) + 1)]


def test_omission_lists_facts_others_reported():
    result = compare(_flood_story())
    omitted = [o for o in result.omissions if o.article == "c"]
    shelters = next(o for o in omitted if "shelters" in o.text)
    assert shelters.reported_by_others == 2
    assert omitted[0].reported_by_others == 2  # most widely reported first
    assert not any("dam in Velmora" in o.text for o in omitted)


def test_conflicting_number_is_reported_with_both_claims():
    result = compare(_flood_story())
    numbers = [c for c in result.conflicts if c.kind == "number"]
    assert numbers, result.conflicts
    values = {(cl.article, cl.value) for c in numbers for cl in c.claims}
    assert ("b", "15 people") in values and (("a", "12 people") in values or ("c", "12 people") in values)
    assert "15 people" in numbers[0].summary
    assert all(cl.sentence is not None for c in numbers for cl in c.claims)


def test_different_precision_is_not_a_conflict():
    a = make_item("a", "Officials said about 12 people died in the flood in Velmora on Tuesday.",
                  numbers=[(0, "12 people", 12, "people")])
    b = make_item("b", "Officials said 12.4 thousand people died in the flood in Velmora on Tuesday.",
                  numbers=[(0, "12.4 thousand people", 12400, "people")])
    c = make_item("c", "Officials said about 13 people died in the flood in Velmora on Tuesday.",
                  numbers=[(0, "13 people", 13, "people")])
    kinds = [x.kind for x in compare([a, c]).conflicts]
    assert "number" not in kinds  # "about 12" vs "about 13"
    assert "number" in [x.kind for x in compare([a, b]).conflicts]


def test_source_conflict_between_agency_and_own_reporter():
    a = make_item("a", "Minister Arlo Venn spoke about the border talks with Merovia on Monday. "
                  "Venn made these remarks during an interview with the Xinhua news agency in Lisova.",
                  actors={"Arlo Venn": "PERSON", "Venn": "PERSON", "Merovia": "GPE"})
    b = make_item("b", "Lisova (KT)- Minister Arlo Venn spoke about the border talks with Merovia on Monday. "
                  "In an exclusive interview with Kestrel Times reporter in Lisova, Arlo Venn said the talks would go on.",
                  actors={"Arlo Venn": "PERSON", "Merovia": "GPE"})
    result = compare([a, b])
    sources = [c for c in result.conflicts if c.kind == "source"]
    assert len(sources) == 1
    assert {cl.value for cl in sources[0].claims} == {"Xinhua", "Kestrel Times"}
    assert "Xinhua" in sources[0].summary and "Kestrel Times" in sources[0].summary
    edges = result.lineage.edges
    assert any(e.kind == "cites" and e.source == "Xinhua" and e.target == "a" for e in edges)
    assert not any(e.source == "Kestrel Times" for e in edges)  # its own reporter is not an outside source
    # whose interview it was is disputed, not what was said: the shared facts stay in the neutral summary
    disputed = set(sources[0].facts or [sources[0].fact])
    assert disputed and disputed <= {s.fact for s in result.summary}


def test_changed_quote_wording_and_speaker_are_flagged():
    a = make_item("a", "The port reopened on Friday after the strike. "
                  "“We will not accept any cuts to our wages,” union leader Mira Tal said.",
                  actors={"Mira Tal": "PERSON"},
                  quotes=[(1, "Mira Tal", "We will not accept any cuts to our wages", "said")])
    b = make_item("b", "The port reopened on Friday after the strike. "
                  "“We will never accept cuts to our wages,” said Mira Tal, the union leader.",
                  actors={"Mira Tal": "PERSON"},
                  quotes=[(1, "Mira Tal", "We will never accept cuts to our wages", "said")])
    c = make_item("c", "The port reopened on Friday after the strike. "
                  "“We will not accept any cuts to our wages,” port director Ivo Brand said.",
                  actors={"Ivo Brand": "PERSON"},
                  quotes=[(1, "Ivo Brand", "We will not accept any cuts to our wages", "said")])
    result = compare([a, b, c])
    groups = {q.group for q in result.quotes}
    assert len(groups) == 1
    group = result.quote_groups[0]
    assert group.wording_changed and group.speaker_changed
    assert any(c.kind == "actor" for c in result.conflicts)
    two = compare([a, b])
    assert two.quote_groups[0].wording_changed and not two.quote_groups[0].speaker_changed


def test_copy_is_found_and_not_counted_as_independent():
    a = make_item("a", BASE + "The storm killed 12 people across the northern province.", outlet="Coastline Wire",
                  published="2025-03-12T08:00:00")
    copy = make_item("copy", BASE, outlet="Riverbend Observer", published="2025-03-12T10:00:00")
    other = make_item("other", "Floodwaters broke through the Tarsa river dam in Velmora on Tuesday night. "
                      "Schools across the province stayed closed on Wednesday.", outlet="Harbour Gazette")
    result = compare([a, copy, other])
    copies = [e for e in result.lineage.edges if e.kind == "copy"]
    assert len(copies) == 1 and copies[0].source == "a" and copies[0].target == "copy"
    assert copies[0].reuse >= 0.8
    assert result.lineage.original == "a"
    shelters = next(f for f in result.facts if "shelters" in f.text)
    assert sorted(shelters.reported_by) == ["a", "copy"] and shelters.support == 1 and shelters.kind == "unique"
    dam = next(f for f in result.facts if "dam in Velmora" in f.text)
    assert dam.kind == "consensus"


def test_framing_counts_verbs_and_reads_appositive_labels():
    a = make_item("a", "The militia, a gang of foreign mercenaries, seized the port of Lisova. "
                  "The governor claimed the town was safe.",
                  actors={"The militia": "GROUP"}, verbs=[(1, "claimed", "distancing", "governor")])
    framing = compare([a, a.__class__(article=a.article.__class__(**{**a.article.__dict__, "id": "b"}),
                                      analysis=a.analysis)]).framing[0]
    assert framing.reporting_verbs["distancing"] == 1
    assert framing.reporting_verbs["examples"][0]["verb"] == "claimed"
    assert {"actor": "The militia", "label": "a gang of foreign mercenaries"} in [
        {"actor": x["actor"], "label": x["label"]} for x in framing.actor_labels]


def test_json_document_shape():
    result = compare(_flood_story())
    doc = json.loads(json.dumps(result.to_json()))
    assert doc["schema"] == SCHEMA
    assert set(doc) >= {"articles", "facts", "omissions", "conflicts", "quotes", "framing", "lineage", "summary"}
    art = doc["articles"][0]
    assert art["label"] == "Coastline Wire" and art["text"].startswith("Floodwaters")
    assert {"index", "text", "start", "end", "fact"} <= set(art["sentences"][0])
    fact_ids = {f["id"] for f in doc["facts"]}
    assert all(s["fact"] in fact_ids for a in doc["articles"] for s in a["sentences"] if s["fact"])
    for fact in doc["facts"]:
        for ev in fact["evidence"]:
            article = next(a for a in doc["articles"] if a["id"] == ev["article"])
            assert article["sentences"][ev["sentence"]]["text"] == ev["text"]
            assert article["sentences"][ev["sentence"]]["fact"] == fact["id"]
    assert all(set(s) >= {"text", "sources"} and s["sources"] for s in doc["summary"])
    assert 1 <= len(doc["summary"]) <= 6
    assert doc["summary"][0]["text"].startswith("Floodwaters")
    assert set(doc["lineage"]) >= {"original", "edges"}


def test_labels_fall_back_to_source_and_are_deduplicated():
    a = make_item("x1", BASE, outlet="Iran Press")
    b = make_item("x2", BASE.replace("Tuesday", "Wednesday"), outlet="Iran Press")
    labels = [a["label"] for a in compare([a, b]).to_json()["articles"]]
    assert labels == ["Iran Press", "Iran Press (2)"]


def _dated(article_id: str, text: str, outlet: str):
    from newsprism.model import DateMention
    item = make_item(article_id, text, outlet=outlet, published="2025-06-20",
                     actors={"Tomas Berg": "PERSON", "Alba Reyes": "PERSON"})
    for s in item.analysis.sentences:
        for word, value in (("Sunday", "2025-06-15"), ("Thursday", "2025-06-19"), ("Tuesday", "2025-06-17")):
            if word in s.text:
                item.analysis.dates.append(DateMention(text=word, value=value, sentence=s.index))
    return item


def test_different_events_on_different_days_are_not_a_date_conflict():
    # one outlet dates the announcement, the other the resignation: two events, not a dispute
    a = _dated("a", "Prime Minister Alba Reyes announced Sunday that defence minister Tomas Berg will leave the "
                    "cabinet. The harbour reopened after the storm.", "Coastline Wire")
    b = _dated("b", "Defence minister Tomas Berg resigned Thursday from the cabinet of Prime Minister Alba Reyes. "
                    "The harbour reopened after the storm.", "Daily Sentinel")
    result = compare([a, b])
    assert any(f.reported_by == ["a", "b"] and "announced" in f.text for f in result.facts)  # aligned as one fact
    assert not [c for c in result.conflicts if c.kind == "date"], [c.summary for c in result.conflicts]


def test_same_event_on_a_different_day_is_a_date_conflict():
    a = _dated("a", "Defence minister Tomas Berg resigned on Tuesday from the cabinet of Prime Minister Alba Reyes. "
                    "The harbour reopened after the storm.", "Coastline Wire")
    b = _dated("b", "Defence minister Tomas Berg resigned on Thursday from the cabinet of Prime Minister Alba "
                    "Reyes. The harbour reopened after the storm.", "Daily Sentinel")
    result = compare([a, b])
    dates = [c for c in result.conflicts if c.kind == "date"]
    assert len(dates) == 1, [c.summary for c in result.conflicts]
    assert {cl.value for cl in dates[0].claims} == {"2025-06-17", "2025-06-19"}
    assert 0.5 <= dates[0].confidence <= 1.0


def test_a_chain_of_similar_sentences_is_not_one_fact():
    # b's sentence repeats a's and then c's; a's and c's say different things: b may join one of them, never both
    a = make_item("a", "The council approved the new harbour budget on Monday evening. "
                  "Fishermen had asked for a new quay.", outlet="Coastline Wire")
    b = make_item("b", "The council approved the new harbour budget, and the mayor promised two ferries for the "
                  "islands. Fishermen had asked for a new quay.", outlet="Daily Sentinel")
    c = make_item("c", "The mayor promised two ferries for the islands by next summer. "
                  "Fishermen had asked for a new quay.", outlet="Harbour Gazette")
    result = compare([a, b, c])
    first = [f for f in result.facts if any(e.sentence == 0 for e in f.evidence)]
    assert not any({"a", "c"} <= {e.article for e in f.evidence if e.sentence == 0} for f in first)
    assert any(sorted(f.reported_by) == ["a", "b"] or sorted(f.reported_by) == ["b", "c"] for f in first)
    quay = next(f for f in result.facts if "quay" in f.text)
    assert quay.kind == "consensus"  # sentences that agree as a group still make one fact


def test_quotes_chained_through_a_middle_one_are_not_one_statement():
    qa = "The new port will bring two thousand jobs to the valley"
    qb = "The new port will bring two thousand jobs, and the ferries will be free for pupils"
    qc = "The ferries will be free for pupils from next spring"
    a = make_item("a", f"The council met on Monday. “{qa},” Mayor Lena Ostrova said.",
                  actors={"Lena Ostrova": "PERSON"}, quotes=[(1, "Lena Ostrova", qa, "said")])
    b = make_item("b", f"The council met on Monday. “{qb},” Mayor Lena Ostrova said.",
                  actors={"Lena Ostrova": "PERSON"}, quotes=[(1, "Lena Ostrova", qb, "said")])
    c = make_item("c", f"The council met on Monday. “{qc},” Mayor Lena Ostrova said.",
                  actors={"Lena Ostrova": "PERSON"}, quotes=[(1, "Lena Ostrova", qc, "said")])
    result = compare([a, b, c])
    groups = {}
    for q in result.quotes:
        groups.setdefault(q.group, set()).add(q.article)
    assert {"a", "c"} not in [g & {"a", "c"} for g in groups.values()]  # a and c never share a group
    assert any(len(g) == 2 for g in groups.values())  # b still joins one of them


def test_the_neutral_summary_keeps_only_the_main_event_of_disputed_facts_and_says_what_is_disputed():
    """A disputed fact stays out of the summary, except the main event every outlet reports: it is told in the
    wording of the side most outlets take (12 killed, two outlets against one) and lists its dispute."""
    result = compare(_flood_story())  # 12 against 15 people killed
    disputed = {f for c in result.conflicts for f in (c.facts or [c.fact]) if f}
    assert disputed
    kept = [s for s in result.summary if s.fact in disputed]
    assert len(kept) == 1
    assert "12 people" in kept[0].text and "15" not in kept[0].text
    assert kept[0].disputed and "15 people" in kept[0].disputed[0]
    assert all(not s.disputed for s in result.summary if s.fact not in disputed)
    assert result.to_json()["summary"][[s.fact for s in result.summary].index(kept[0].fact)]["disputed"]


def test_files_compared_directly_get_a_title_from_their_headlines_or_first_sentence():
    items = _flood_story()
    doc = compare(items).to_json()
    assert doc["title"].startswith("Floodwaters broke through the Tarsa river dam")  # no headlines: first sentence
    items[1].article.title = "Dam bursts in Velmora"
    assert compare(items).to_json()["title"] == "Dam bursts in Velmora"


def test_a_copy_is_neither_an_outlet_in_the_header_nor_counted_in_a_conflict():
    from newsprism.render import render_markdown

    a, b, _ = _flood_story()
    copy = make_item("copy", a.article.text, outlet="Riverbend Observer", published="2025-03-12T10:00:00",
                     actors={"Velmora": "GPE", "Lena Ostrova": "PERSON"}, numbers=[(3, "12 people", 12, "people")])
    result = compare([a, b, copy])
    (toll,) = [c for c in result.conflicts if c.kind == "number"]
    assert sorted(c.article for c in toll.claims) == ["a", "b", "copy"]  # every claim is listed
    assert toll.summary.startswith("Coastline Wire says 12") and "2 outlets" not in toll.summary
    assert "3 articles · 2 outlets · 1 copy" in render_markdown(result.to_json())


def test_quote_group_ids_follow_the_order_every_report_shows():
    from newsprism.render import render_markdown

    text = "Dock workers in Velmora went on strike on Monday. Their leader spoke at the gate. The port stayed shut."
    a = make_item("a", text, outlet="Coastline Wire",
                  quotes=[(0, "Port owner", "The strike will cost the town dearly", "said"),
                          (1, "Mira Tal", "We will not accept any cuts to our wages", "said")])
    b = make_item("b", text, outlet="Daily Sentinel",
                  quotes=[(1, "Mira Tal", "We will never accept cuts to our wages", "said")])
    doc = compare([a, b]).to_json()
    first = doc["quote_groups"][0]
    assert first["id"] == "Q1" and len(first["articles"]) == 2  # the quote both outlets carry comes first
    assert [q["group"] for q in doc["quotes"] if q["speaker"] == "Mira Tal"] == ["Q1", "Q1"]
    markdown = render_markdown(doc)
    assert markdown.index("### Q1: Mira Tal") < markdown.index("Port owner")


def test_one_speaker_spelt_two_ways_is_shown_once():
    from newsprism.render import render_markdown

    text = "Dock workers in Velmora went on strike on Monday. Their leader spoke at the gate."
    a = make_item("a", text, outlet="Coastline Wire",
                  quotes=[(1, "Anna Kazemi-Tal", "We will not accept any cuts to our wages", "said")])
    b = make_item("b", text, outlet="Daily Sentinel",
                  quotes=[(1, "Anna Kazemi Tal", "We will never accept cuts to our wages", "said")])
    markdown = render_markdown(compare([a, b]).to_json())
    assert "### Q1: Anna Kazemi-Tal" in markdown and "Anna Kazemi-Tal / Anna Kazemi Tal" not in markdown


def test_a_quote_group_without_a_named_speaker_shows_how_the_text_names_the_source():
    from newsprism.model import Quote
    from newsprism.render import render_markdown

    text = "The river flooded Velmora on Monday. The water rose fast."
    a, b = make_item("a", text, outlet="Coastline Wire"), make_item("b", text, outlet="Daily Sentinel")
    for item, words in ((a, "The water rose faster than anyone expected"), (b, "The water rose faster than expected")):
        item.analysis.quotes = [Quote(speaker=None, text=words, kind="direct", verb="said", sentence=1,
                                      speaker_phrase="the mayor's office")]
    doc = compare([a, b]).to_json()
    assert [q["speaker_phrase"] for q in doc["quotes"]] == ["the mayor's office"] * 2
    assert "### Q1: “the mayor's office” \\(unnamed\\)" in render_markdown(doc)


def test_the_summary_cites_only_outlets_whose_sentence_says_the_chosen_words():
    import numpy as np

    from newsprism.compare import SummaryParams
    from newsprism.compare.comparison import Evidence, Fact
    from newsprism.compare.features import build_view
    from newsprism.compare.summary import neutral_summary

    text = "The company said it was cooperating fully with investigators. The port reopened on Friday."
    items = [make_item(k, text if k != "c" else "The company claimed its crew followed every procedure. "
                       "The port reopened on Friday.", outlet=k.upper()) for k in ("a", "b", "c")]
    views = [build_view(it, it.article.outlet) for it in items]
    close, far = np.eye(1, 384, 0, dtype=np.float32)[0], np.eye(1, 384, 1, dtype=np.float32)[0]
    for v in views:  # sentence 0: a and b say the same, c something else (cosine 0 to them)
        v.embeddings = np.stack([far if v.id == "c" else close, close])
    fact = Fact(id="F1", text=text.split(". ")[0], reported_by=["a", "b", "c"], kind="consensus", support=3,
                evidence=[Evidence(article=k, sentence=0, text="", similarity=1.0) for k in ("a", "b", "c")])
    (sentence,) = neutral_summary(views, [fact], SummaryParams(max_sentences=1, min_sentences=1))
    assert sentence.sources == ["a", "b"] and not sentence.single_source
    # when b copies a, the two cited articles are one source
    (sentence,) = neutral_summary(views, [fact], SummaryParams(max_sentences=1, min_sentences=1),
                                  independent={"b": "a"})
    assert sentence.sources == ["a", "b"] and sentence.single_source


def test_a_headline_repeated_as_the_first_line_is_not_a_fact():
    headline = "Seven dead after ferry capsizes off Port Ellis"
    a = make_item("a", headline + ".\n\nThe ferry capsized in Ellis Sound on Tuesday. Rescuers saved 41 people.",
                  outlet="Ellis Gazette")
    b = make_item("b", "The ferry capsized in Ellis Sound on Tuesday. Divers searched all night.", outlet="Sound Observer")
    a.article.title = headline
    result = compare([a, b])
    assert not [f for f in result.facts if "Seven dead" in f.text]
    assert not [o for o in result.omissions if "Seven dead" in next(f.text for f in result.facts if f.id == o.fact)]


def test_an_undated_copy_says_its_direction_is_read_from_length():
    from newsprism.render import render_markdown

    a = make_item("a", BASE + "The storm killed 12 people across the northern province.", outlet="Coastline Wire")
    copy = make_item("copy", BASE, outlet="Riverbend Observer")
    result = compare([a, copy])
    assert result.lineage.original == "a" and "longer text is taken as the source" in result.lineage.reason
    markdown = " ".join(render_markdown(result.to_json()).split())
    assert "Original: **Coastline Wire** — 1 other" in markdown and "longer text is taken as the source" in markdown
    dated = compare([make_item("a", a.article.text, outlet="Coastline Wire", published="2025-03-12T08:00:00"),
                     make_item("copy", BASE, outlet="Riverbend Observer", published="2025-03-12T10:00:00")])
    assert dated.lineage.original == "a" and "longer text" not in dated.lineage.reason


def test_the_story_stage_copies_are_copies_in_every_count_of_the_comparison():
    """A copy the story stage found (a tightened reprint, below the comparison's own copy threshold) is a copy edge
    in the lineage, so the header, the stories list and the kinds agree: one outlet and its copies; a fact only the
    original and one copy report is partial, not consensus."""
    from newsprism.model import Copy, Story

    base = ("The National Bank of Tarvia raised its main rate to 3.75 percent on Thursday. The committee voted six "
            "to one. Consumer prices rose 5.1 percent in September. The Chamber of Commerce warned of a recession.")
    a = make_item("a", base + " Finance Minister Piet Aranda backed the bank.", outlet="Lakeside Courier")
    b = make_item("b", base.replace(" The committee voted six to one.", "") + " Mortgage lenders followed within "
                  "hours. The mark rose against the euro after the decision.", outlet="Capital Observer")
    story = Story(id="s-a", title="Tarvia raises rates", article_ids=["a", "b"],
                  copies=[Copy(article="b", copy_of="a", reuse=0.67)])
    result = compare([a, b], story=story)
    assert [(e.source, e.target, e.kind) for e in result.lineage.edges] == [("a", "b", "copy")]
    from newsprism.render import render_terminal

    assert "2 articles · 1 outlet · 1 copy" in render_terminal(result.to_json(), width=120)
    vote = next(f for f in result.facts if "six to one" in f.text)
    assert vote.kind == "unique"
    rate = next(f for f in result.facts if "3.75 percent" in f.text)
    assert rate.kind == "consensus"
    minister = next(f for f in result.facts if "Aranda" in f.text)
    assert minister.kind == "unique" and not result.omissions  # a copy is not another outlet that left it out


def test_a_quote_credited_to_a_named_speaker_and_to_an_unnamed_source_is_a_changed_speaker():
    from newsprism.model import Quote

    words = "Inflation is still too high, and we will act again"
    a = make_item("a", f"The bank raised rates on Thursday. “{words},” Governor Teodor Ralski said.",
                  outlet="Pellmark Wire", actors={"Teodor Ralski": "PERSON"},
                  quotes=[(1, "Teodor Ralski", words, "said")])
    b = make_item("b", f"Rates rose on Thursday in Halvenia. “{words},” a senior official told reporters.",
                  outlet="Capital Observer")
    b.analysis.quotes = [Quote(speaker=None, text=words, kind="direct", verb="told", sentence=1,
                               speaker_phrase="a senior official")]
    group = next(g for g in compare([a, b]).quote_groups if len(g.articles) == 2)
    assert group.speaker_changed and group.speakers == ["Teodor Ralski", None]


def test_independent_reports_have_no_original():
    from newsprism.render import render_markdown

    a = make_item("a", "The bridge over the Tarsa river collapsed on Monday, killing four people, officials said. "
                  "Rescue teams searched the water through the night.", outlet="Coastline Wire",
                  published="2025-03-11")
    b = make_item("b", "Four people died when a bridge fell into the Tarsa on Monday. The mayor ordered checks on "
                  "every bridge in the province.", outlet="Harbour Gazette", published="2025-03-10")
    result = compare([a, b])
    assert result.lineage.original is None and result.lineage.reason.startswith("independent")
    assert not result.lineage.edges
    assert "No copies, rewrites or cited sources were found." in render_markdown(result.to_json())


def test_a_shorter_excerpt_of_the_same_quote_is_not_a_changed_wording():
    from newsprism.compare.quotes import _reworded

    whole = "The defendant treated the regional budget as his own purse, and he did so for years"
    assert not _reworded([whole, "treated the regional budget as his own purse, and he did so for years"])
    assert _reworded([whole, "The defendant treated the regional budget as a private purse, and he did so for years"])
