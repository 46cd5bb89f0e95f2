"""Conflicts recovered with general rules (invented sentences, hand-built analyses): interview credits in
several phrasings, places on named streets and squares, and the lead's head count of the main event."""

from __future__ import annotations

from newsprism.compare import compare
from newsprism.compare.features import build_view
from newsprism.compare.sources import find_attributions

from compare_helpers import make_item

QUOTE = "“The new tax will close every small bakery in the valley,”"


def _sources(result):
    return [c for c in result.conflicts if c.kind == "source"]


def test_credit_phrasings_are_read():
    item = make_item("a", "Mayor Lena Ostrova spoke to the Coastline Wire after the vote. "
                     f"{QUOTE} she told our correspondent. "
                     "She repeated the claim in an interview with foreign media. "
                     "Speaking to Northfield Daily News, she said the fight would go on.",
                     outlet="Coastline Wire", actors={"Lena Ostrova": "PERSON"})
    found = {(a.sentence, a.value, a.self_source, a.vague) for a in find_attributions(build_view(item, "Coastline Wire"))}
    assert (0, "Coastline Wire", True, False) in found
    assert (1, "Coastline Wire", True, False) in found
    assert (2, "foreign media", False, True) in found
    assert (3, "Northfield Daily News", False, False) in found


def test_same_quote_told_to_different_sources_is_one_conflict():
    a = make_item("a", "Farmers blocked the main road into Velmora on Friday. "
                  f"{QUOTE} union leader Tomas Reyk told Meridian News Agency.", outlet="Meridian News Agency",
                  actors={"Velmora": "GPE", "Tomas Reyk": "PERSON"})
    b = make_item("b", "Farmers blocked the main road into Velmora on Friday. "
                  f"{QUOTE} union leader Tomas Reyk told our correspondent.", outlet="Kestrel Times",
                  actors={"Velmora": "GPE", "Tomas Reyk": "PERSON"})
    c = make_item("c", "Farmers blocked the main road into Velmora on Friday. "
                  f"{QUOTE} union leader Tomas Reyk said in an interview with foreign media.", outlet="The Lantern",
                  actors={"Velmora": "GPE", "Tomas Reyk": "PERSON"})
    sources = _sources(compare([a, b, c]))
    assert len(sources) == 1, [s.summary for s in sources]
    assert {cl.article: cl.value for cl in sources[0].claims} == {
        "a": "Meridian News Agency", "b": "Kestrel Times", "c": "foreign media"}
    assert "interview" in sources[0].summary


def test_different_statements_told_to_different_outlets_are_no_conflict():
    a = make_item("a", "Farmers blocked the main road into Velmora on Friday. "
                  f"{QUOTE} union leader Tomas Reyk told Meridian News Agency.", outlet="Meridian News Agency",
                  actors={"Velmora": "GPE", "Tomas Reyk": "PERSON"})
    b = make_item("b", "Farmers blocked the main road into Velmora on Friday. "
                  "“We will stay on the road until the minister comes to see us,” union leader Tomas Reyk told "
                  "our correspondent.", outlet="Kestrel Times", actors={"Velmora": "GPE", "Tomas Reyk": "PERSON"})
    assert not _sources(compare([a, b]))


def _with_places(item, places: dict[str, str]):
    from newsprism.model import Mention

    for s in item.analysis.sentences:
        for name, label in places.items():
            pos = s.text.find(name)
            if pos >= 0:
                item.analysis.mentions.append(Mention(name, label, s.index, s.start + pos, s.start + pos + len(name)))
    return item


CLASH = "Riot police fired tear gas at demonstrators"


def test_clash_on_a_named_square_vs_a_named_avenue_is_a_place_conflict():
    a = _with_places(make_item("a", f"{CLASH} on Harrow Square in Lisova on Saturday. The march was peaceful at first.",
                               outlet="Northern Ledger"), {"Harrow Square": "FAC", "Lisova": "GPE"})
    b = _with_places(make_item("b", f"{CLASH} on Quill Avenue in Lisova on Saturday. The march was peaceful at first.",
                               outlet="Kestrel Times"), {"Quill Avenue": "FAC", "Lisova": "GPE"})
    c = _with_places(make_item("c", f"{CLASH} on Harrow Square on Saturday. The march was peaceful at first.",
                               outlet="The Lantern"), {"Harrow Square": "FAC"})
    places = [x for x in compare([a, b, c]).conflicts if x.kind == "place"]
    assert len(places) == 1
    assert {cl.article: cl.value for cl in places[0].claims} == {"a": "Harrow Square", "b": "Quill Avenue",
                                                                 "c": "Harrow Square"}


def test_pressure_on_a_country_is_not_a_place():
    a = _with_places(make_item("a", "The ministers agreed new sanctions on Merovia after the talks on Saturday.",
                               outlet="Northern Ledger"), {"Merovia": "GPE"})
    b = _with_places(make_item("b", "The ministers agreed new sanctions on Tarsova after the talks on Saturday.",
                               outlet="Kestrel Times"), {"Tarsova": "GPE"})
    assert not [x for x in compare([a, b]).conflicts if x.kind == "place"]


def test_place_named_elsewhere_in_the_other_article_is_no_conflict():
    a = _with_places(make_item("a", f"{CLASH} on Harrow Square in Lisova on Saturday. Marchers later walked down "
                               "Quill Avenue.", outlet="Northern Ledger"), {"Harrow Square": "FAC", "Quill Avenue": "FAC"})
    b = _with_places(make_item("b", f"{CLASH} on Quill Avenue in Lisova on Saturday. The march was peaceful at first.",
                               outlet="Kestrel Times"), {"Quill Avenue": "FAC"})
    assert not [x for x in compare([a, b]).conflicts if x.kind == "place"]


TAIL = " Engineers worked through the night to restore the grid. The operator promised an inquiry."


def _numbers(result):
    return [x for x in result.conflicts if x.kind == "number"]


def test_lead_head_counts_of_one_event_told_with_different_verbs_conflict():
    a = make_item("a", "A grid failure left about 2.1 million people in the Selby region without electricity on "
                  "Monday night." + TAIL, outlet="Northern Ledger",
                  numbers=[(0, "about 2.1 million", 2.1e6, "people")])
    b = make_item("b", "Some three million Selbians spent Monday night without electricity after the grid failure "
                  "in the Selby region." + TAIL, outlet="Kestrel Times",
                  numbers=[(0, "Some three million", 3e6, "selbians")])
    _with_places(b, {"Selbians": "NORP"})
    numbers = _numbers(compare([a, b]))
    assert len(numbers) == 1, [x.summary for x in numbers]
    assert {cl.article: cl.value for cl in numbers[0].claims} == {"a": "about 2.1 million people",
                                                                  "b": "Some three million Selbians"}


def test_killed_and_injured_counts_in_two_leads_are_no_conflict():
    a = make_item("a", "A bus crash on the coast road near Selby killed 12 people on Monday night." + TAIL,
                  outlet="Northern Ledger", numbers=[(0, "12", 12, "people")])
    b = make_item("b", "A bus crash on the coast road near Selby injured 30 people on Monday night." + TAIL,
                  outlet="Kestrel Times", numbers=[(0, "30", 30, "people")])
    assert not _numbers(compare([a, b]))


def test_people_counts_far_apart_or_outside_the_lead_are_no_conflict():
    a = make_item("a", "The mayor opened the new bridge in Selby on Monday." + TAIL +
                  " About 2,000 people crossed the bridge in the first hour.",
                  outlet="Northern Ledger", numbers=[(3, "About 2,000", 2000, "people")])
    b = make_item("b", "The mayor opened the new bridge in Selby on Monday." + TAIL +
                  " Some 40,000 people live within a mile of the bridge.",
                  outlet="Kestrel Times", numbers=[(3, "Some 40,000", 40000, "people")])
    assert not _numbers(compare([a, b]))


# --- attribution disputes must rest on what the text says, not on a guess of the analysis -----------------------
def _actors(result):
    return [c for c in result.conflicts if c.kind == "actor"]


def test_two_people_with_similar_slogans_are_no_attribution_dispute():
    a = make_item("a", "The assembly passed the election bill on Friday. "
                  "“Yes, it is a land grab, a land grab on behalf of the voters,” Speaker Nadia Velk said.",
                  actors={"Nadia Velk": "PERSON"},
                  quotes=[(1, "Nadia Velk", "Yes, it is a land grab, a land grab on behalf of the voters", "said")])
    b = make_item("b", "The assembly passed the election bill on Friday. "
                  "“It is a land grab for the voters of this country,” said deputy Oren Lask.",
                  actors={"Oren Lask": "PERSON"},
                  quotes=[(1, "Oren Lask", "It is a land grab for the voters of this country", "said")])
    assert not _actors(compare([a, b]))


def test_a_quote_credited_through_a_role_or_subject_the_sentence_does_not_name_is_no_dispute():
    # b's analysis credits the words to the spokesman named in the sentence before, though its own sentence says
    # that the president answered; only a's attribution is written out
    words = "a dark hour for the harbour, but a bright morning for the whole town"
    a = make_item("a", "The prosecutor's office disputed the report on Friday. "
                  f"President Tomas Reyn said the affair was “{words}.”",
                  actors={"Tomas Reyn": "PERSON"}, quotes=[(1, "Tomas Reyn", words, "said")])
    b = make_item("b", "Pavel Dorn, a spokesman for the prosecutor's office, disputed the report on Friday. "
                  f"The president answered on the radio late Friday, calling the statement “{words}.”",
                  actors={"Pavel Dorn": "PERSON"}, quotes=[(1, "Pavel Dorn", words, "calling")])
    assert not _actors(compare([a, b]))


def test_the_same_words_credited_to_two_named_people_are_a_dispute():
    words = "The ministry will find out exactly what failed and why"
    a = make_item("a", "The grid failed across the north on Tuesday. Energy Minister Ilse Varn spoke on Wednesday. "
                  f"“{words},” she said.",
                  actors={"Ilse Varn": "PERSON"}, quotes=[(2, "Ilse Varn", words, "said")])
    b = make_item("b", "The grid failed across the north on Tuesday. "
                  f"“{words},” spokesperson Pavel Orsk said, reading a statement.",
                  actors={"Pavel Orsk": "PERSON"}, quotes=[(1, "Pavel Orsk", words, "said")])
    (dispute,) = _actors(compare([a, b]))
    assert {c.value for c in dispute.claims} == {"Ilse Varn", "Pavel Orsk"}


def test_tallies_ranks_and_sentences_stating_both_figures_are_no_number_conflict():
    a = make_item("a", "The opposition needs 60 votes in the senate to pass the harbour bill this week." + TAIL,
                  outlet="Northern Ledger", numbers=[(0, "60 votes", 60, "votes")])
    b = make_item("b", "The opposition said it had the 41 votes in the senate to block the harbour bill this week." + TAIL,
                  outlet="Kestrel Times", numbers=[(0, "41 votes", 41, "votes")])
    assert not _numbers(compare([a, b]))
    a = make_item("a", "Deputy Ivo Marsh kept the No. 2 job in the party and Lena Ostrova the No. 3 job." + TAIL,
                  outlet="Northern Ledger", numbers=[(0, "2", 2, "job"), (0, "3", 3, "job")])
    b = make_item("b", "Lena Ostrova kept the No. 2 job in the party after the vote on Monday." + TAIL,
                  outlet="Kestrel Times", numbers=[(0, "2", 2, "job")])
    assert not _numbers(compare([a, b]))
    a = make_item("a", "The fishing fleet lost six trawlers in the storm and now has 194 trawlers left." + TAIL,
                  outlet="Northern Ledger", numbers=[(0, "six trawlers", 6, "trawlers"), (0, "194 trawlers", 194, "trawlers")])
    b = make_item("b", "The fishing fleet lost six trawlers in the storm on the coast." + TAIL,
                  outlet="Kestrel Times", numbers=[(0, "six trawlers", 6, "trawlers")])
    assert not _numbers(compare([a, b]))
    b = make_item("b", "The fishing fleet lost nine trawlers in the storm on the coast." + TAIL,
                  outlet="Kestrel Times", numbers=[(0, "nine trawlers", 9, "trawlers")])
    c = make_item("c", "The fishing fleet lost six trawlers in the storm on the coast." + TAIL,
                  outlet="Harbour Gazette", numbers=[(0, "six trawlers", 6, "trawlers")])
    assert _numbers(compare([b, c]))  # a plain disagreement is still found


def test_a_name_after_according_to_is_not_the_speaker_the_role_points_at():
    words = "You cannot close the harbour with a decree"
    a = make_item("a", "The harbour dispute went on. "
                  f"Speaker Ilse Varn said on the radio that “{words}.”",
                  actors={"Ilse Varn": "PERSON"}, quotes=[(1, "Ilse Varn", words, "said")])
    b = make_item("b", "The harbour dispute went on. "
                  f"“{words},” the assembly speaker said on Tuesday, according to radio reporter Tomas Keld.",
                  actors={"Tomas Keld": "PERSON"}, quotes=[(1, "Tomas Keld", words, "said")])
    assert not _actors(compare([a, b]))


def _kinds(result, *kinds):
    return [c for c in result.conflicts if c.kind in kinds]


def test_vague_rate_and_expected_figures_are_no_number_conflict():
    pairs = [
        ("Two men submitted 8,000 false voter forms in the harbour district this spring.",
         [(0, "8,000 false voter forms", 8000, "forms")],
         "Two men submitted thousands of false voter forms in the harbour district this spring.",
         [(0, "thousands", 1000, "forms")]),
        ("The region has recorded 6,500 deaths from the fever since the outbreak began.",
         [(0, "6,500 deaths", 6500, "deaths")],
         "The region is recording more than 150 deaths a day from the fever since the outbreak began.",
         [(0, "more than 150 deaths", 150, "deaths")]),
        ("Economists surveyed by the bank had expected 845,000 new jobs in the harbour economy in July.",
         [(0, "845,000 new jobs", 845000, "jobs")],
         "Analysts polled by the agency were looking for 870,000 new jobs in the harbour economy in July.",
         [(0, "870,000 new jobs", 870000, "jobs")]),
    ]
    for ta, na, tb, nb in pairs:
        a = make_item("a", ta + TAIL, outlet="Northern Ledger", numbers=na)
        b = make_item("b", tb + TAIL, outlet="Kestrel Times", numbers=nb)
        assert not _numbers(compare([a, b])), ta


def test_one_place_spelt_two_ways_and_a_repeated_negation_are_no_conflict():
    a = make_item("a", "A judge blocked the ban on the app in the US on Sunday evening." + TAIL,
                  outlet="Northern Ledger", actors={"US": "GPE"})
    b = make_item("b", "A federal judge blocked the ban on the app in the U.S. on Sunday evening." + TAIL,
                  outlet="Kestrel Times", actors={"U.S.": "GPE"})
    assert not _kinds(compare([a, b]), "place")
    a = make_item("a", "The president said the country will not stand by and let the militia attack the port." + TAIL,
                  outlet="Northern Ledger")
    b = make_item("b", "The president said the country will not, will not stand by and let the militia attack "
                  "the port." + TAIL, outlet="Kestrel Times")
    assert not _kinds(compare([a, b]), "negation")


def test_place_dispute_reads_spellings_and_mentions_as_whole_words():
    from newsprism.compare.conflicts import _place_dispute

    assert _place_dispute({"US": "GPE"}, {"U.S.": "GPE"}, "in the US", "in the U.S.") is None
    assert _place_dispute({"Selby": "GPE"}, {"Brask": "GPE"}, "in Selby", "in Brask") == ("Selby", "Brask")
    assert _place_dispute({"Selby": "GPE"}, {"Brask": "GPE"}, "in Selby", "in Brask, not Selby") is None


def test_tip_lines_and_staff_credits_state_no_fact():
    from newsprism.compare.text import is_boilerplate

    for line in ("Call the Courier newsroom at 555-0142.", "Have a tip? Email tips@courier.example.",
                 "Reporting by Jane Doe; Editing by John Roe", "Contact the news desk at desk@herald.example."):
        assert is_boilerplate(line), line
    for line in ("Call centres in the city were flooded with 3,000 complaints on Monday.",
                 "The newsroom was evacuated at noon after the alarm sounded, staff said.",
                 "Residents can call the county hotline for shelter information, the mayor said."):
        assert not is_boilerplate(line), line


def test_summary_wording_is_what_the_outlets_share_and_cites_only_supporters():
    """The summary shows the wording every outlet supports ("Eleven people were taken to hospital"), not one
    outlet's added detail ("…, two of them in critical condition"), and cites an outlet only when its own sentence
    holds the wording's figures and named people."""
    plain = "Eleven people were taken to Saint Agnes Hospital."
    unnamed = "The fire began shortly after dawn in a storage building."
    a = make_item("a", "Eleven people were taken to Saint Agnes Hospital, two of them in critical condition. "
                  "Fire Chief Dana Whitlock said the fire began shortly after dawn in a storage building. "
                  "The plant will stay closed for a month, the company said.",
                  outlet="Tri-County Press Agency", actors={"Dana Whitlock": "PERSON"},
                  numbers=[(0, "Eleven", 11, "people"), (0, "two", 2, None)])
    b = make_item("b", "Eleven people were hospitalized at Saint Agnes Hospital, two of them in critical condition. "
                  "Fire Chief Dana Whitlock said the blaze started shortly after dawn in a storage building. "
                  "Investigators from the state fire marshal's office arrived on Wednesday.",
                  outlet="Riverside Herald", actors={"Dana Whitlock": "PERSON"},
                  numbers=[(0, "Eleven", 11, "people"), (0, "two", 2, None)])
    c = make_item("c", plain + " " + unnamed + " Shelters opened at the high school for the evacuated families.",
                  outlet="Brennmoor Courier", numbers=[(0, "Eleven", 11, "people")])
    result = compare([a, b, c])
    hospital = next(s for s in result.summary if "Hospital" in s.text)
    assert hospital.text == plain and sorted(hospital.sources) == ["a", "b", "c"]
    fire = next(s for s in result.summary if "storage building" in s.text)
    assert fire.text == unnamed and sorted(fire.sources) == ["a", "b", "c"]
    from newsprism.compare.features import build_view
    from newsprism.compare.summary import _supports

    va, vc = build_view(a, "A"), build_view(c, "C")
    assert not _supports(vc, 0, va, 0)  # no "two … in critical condition"
    assert not _supports(vc, 1, va, 1)  # no Whitlock
    assert _supports(va, 0, vc, 0) and _supports(va, 1, vc, 1)


def test_a_fact_stated_inside_a_longer_sentence_is_not_omitted():
    a = make_item("a", "A fire destroyed the Orlen paint plant in Dunmore on Tuesday. Mayor Ann Holt ordered the "
                  "evacuation of homes near the plant and opened shelters at Dunmore High School and the Lakeview "
                  "Community Center. The cause is not yet known.", outlet="Northern Ledger")
    b = make_item("b", "Fire destroyed the Orlen paint plant in Dunmore on Tuesday. Mayor Ann Holt ordered the "
                  "evacuation of homes near the plant. Shelters are open at Dunmore High School and the Lakeview "
                  "Community Center. Holt urged residents to keep their windows closed.", outlet="Kestrel Times")
    result = compare([a, b])
    shelters = next(f for f in result.facts if f.text.startswith("Shelters are open"))
    assert sorted(shelters.reported_by) == ["a", "b"]
    held = next(e for e in shelters.evidence if e.article == "a")
    assert held.contained and "ordered the evacuation" in held.text
    assert result.sentence_facts["a"][1] != shelters.id  # the longer sentence keeps its own fact
    assert not any(o.fact == shelters.id for o in result.omissions)
    # a sentence that negates it, or gives another figure, does not hold it
    c = make_item("c", "Fire destroyed the Orlen paint plant in Dunmore on Tuesday. Mayor Ann Holt ordered the "
                  "evacuation of homes near the plant but has not opened shelters at Dunmore High School and the "
                  "Lakeview Community Center yet, aides said.", outlet="Harbour Radio")
    result = compare([b, c])
    shelters = next(f for f in result.facts if f.text.startswith("Shelters are open"))
    assert not any(e.contained for e in shelters.evidence)


def test_a_scare_quoted_fragment_of_a_statement_is_not_a_second_quote():
    text = ("Corvane spokesman Martin Greaves claimed the company was “cooperating fully” with investigators. "
            "The plant stays closed.")
    a = make_item("a", text, outlet="Sentinel", actors={"Martin Greaves": "PERSON"},
                  quotes=[(0, "Martin Greaves", "the company was “cooperating fully” with investigators", "claimed"),
                          (0, "Martin Greaves", "cooperating fully", "claimed")])
    b = make_item("b", "Corvane spokesman Martin Greaves said the company was cooperating fully with investigators. "
                  "Crews left the site.", outlet="Herald", actors={"Martin Greaves": "PERSON"},
                  quotes=[(0, "Martin Greaves", "the company was cooperating fully with investigators", "said")])
    result = compare([a, b])
    assert [q.text for q in result.quotes if q.article == "a"] == [
        "the company was “cooperating fully” with investigators"]
    assert len(result.quote_groups) == 1 and result.quote_groups[0].articles == ["a", "b"]


def test_a_loaded_line_is_framing_not_an_omission():
    from newsprism.model import LoadedTerm

    a = make_item("a", "A fire destroyed the Orlen paint plant in Dunmore on Tuesday. Residents deserve answers, "
                  "not another whitewash from the Holt regime. The plant employed 140 people.", outlet="Sentinel")
    a.analysis.loaded_terms = [LoadedTerm(term="whitewash", target=None, sentence=1, score=0.9),
                               LoadedTerm(term="regime", target=None, sentence=1, score=0.9)]
    b = make_item("b", "Fire destroyed the Orlen paint plant in Dunmore on Tuesday. Crews fought the blaze for six "
                  "hours.", outlet="Herald")
    omitted = {o.text for o in compare([a, b]).omissions if o.article == "b"}
    assert "The plant employed 140 people." in omitted
    assert not any("whitewash" in t for t in omitted)


def test_a_quote_in_the_summary_cites_only_outlets_with_its_words_and_its_speaker():
    def item(key, outlet, quote_sentence, rest):
        return make_item(key, "The Central Bank of Halvenia raised its main rate to 4.75 percent on Thursday. "
                         + quote_sentence + " " + rest, outlet=outlet,
                         actors={"Teodor Ralski": "PERSON", "Ralski": "PERSON"},
                         numbers=[(0, "4.75 percent", 4.75, None)])

    a = item("a", "Pellmark Wire", "“Inflation is still too high, and we will act again,” Governor Teodor Ralski "
             "told reporters.", "The committee voted five to two.")
    b = item("b", "Halvenia Herald", "“Inflation is still too high, and we will act again,” Governor Teodor Ralski "
             "said in Varnost.", "Markets had expected the rise.")
    c = item("c", "Lakeside Courier", "“Inflation remains too high, and we will act again,” Governor Teodor Ralski "
             "said.", "Mortgage lenders raised their rates.")
    d = item("d", "Capital Observer", "“Inflation is still too high, and we will act again,” a senior official at "
             "the bank told reporters.", "Business groups warned of a recession.")
    result = compare([a, b, c, d])
    quoted = [s for s in result.summary if "too high" in s.text]
    assert len(quoted) == 1
    assert "is still too high" in quoted[0].text and "Ralski" in quoted[0].text
    assert sorted(quoted[0].sources) == ["a", "b"]


def test_a_negated_wording_is_not_supported_by_a_sentence_that_negates_nothing():
    from newsprism.compare.features import build_view
    from newsprism.compare.summary import _supports

    a = make_item("a", "Lukas Venner, the key witness, was not in court when the verdict was read on Tuesday.",
                  actors={"Lukas Venner": "PERSON"})
    b = make_item("b", "Lukas Venner, the key witness, was in court when the verdict was read on Tuesday.",
                  actors={"Lukas Venner": "PERSON"})
    c = make_item("c", "Lukas Venner, the key witness, did not attend court when the verdict was read on Tuesday.",
                  actors={"Lukas Venner": "PERSON"})
    va, vb, vc = build_view(a, "A"), build_view(b, "B"), build_view(c, "C")
    assert not _supports(vb, 0, va, 0) and not _supports(va, 0, vb, 0)
    assert _supports(vc, 0, va, 0)


def test_a_dated_wording_is_not_supported_by_a_sentence_giving_another_day():
    from newsprism.compare.features import build_view
    from newsprism.compare.summary import _supports

    a = make_item("a", "A court in Tarnholm on Tuesday sentenced former governor Edvin Maraszek to seven years.")
    b = make_item("b", "A court in Tarnholm on Monday sentenced former governor Edvin Maraszek to seven years.")
    c = make_item("c", "Former governor Edvin Maraszek was sentenced to seven years by a court in Tarnholm on Tuesday.")
    va, vb, vc = build_view(a, "A"), build_view(b, "B"), build_view(c, "C")
    assert not _supports(vb, 0, va, 0)
    assert _supports(vc, 0, va, 0)


def test_an_omission_the_outlet_may_have_told_in_other_words_is_listed_last_with_its_sentence():
    from newsprism.compare.features import build_view
    from newsprism.compare.omissions import _nearest

    a = make_item("a", "The court acquitted Maraszek of abuse of office over the 2021 sale of a regional hospital "
                  "building. He was jailed for bribery.", outlet="Norrland Press Agency")
    b = make_item("b", "Maraszek was cleared of a third charge, abuse of office, linked to the sale of a regional "
                  "hospital in 2021. Supporters gathered outside the court.", outlet="Vale Observer")
    c = make_item("c", "Supporters of the former governor sang outside the court in Tarnholm.", outlet="Patriot Voice")
    facts = compare([a, c]).facts
    acquittal = next(f for f in facts if "acquitted" in f.text)
    views = {x.article.id: build_view(x, x.article.outlet) for x in (a, b, c)}
    near = _nearest(views["b"], acquittal, views)
    assert near is not None and near["text"].startswith("Maraszek was cleared") and near["similarity"] >= 0.65
    assert _nearest(views["c"], acquittal, views) is None  # a sentence on another topic is not offered
    result = compare([a, b, c])
    for article in "abc":
        hinted = [o.nearest is not None for o in result.omissions if o.article == article]
        assert hinted == sorted(hinted)  # the doubtful ones last


def test_a_quote_credited_by_a_pronoun_is_supported_by_the_same_words_credited_by_name():
    from newsprism.compare.features import build_view
    from newsprism.compare.summary import _supports
    from newsprism.model import Quote

    words = "For the record, I love my sister, but she is dead wrong on the issue of marriage"
    a = make_item("a", f"Mary Cheney posted on Facebook on Friday. “{words},” she wrote.",
                  actors={"Mary Cheney": "PERSON"}, quotes=[(1, "Mary Cheney", words, "wrote")])
    b = make_item("b", f"Mary Cheney wrote on her Facebook page: “{words}.”",
                  actors={"Mary Cheney": "PERSON"}, quotes=[(0, "Mary Cheney", words, "wrote")])
    c = make_item("c", f"“{words},” a family friend told reporters.")
    c.analysis.quotes = [Quote(speaker=None, text=words, kind="direct", verb="told", sentence=0,
                               speaker_phrase="a family friend")]
    va, vb, vc = build_view(a, "A"), build_view(b, "B"), build_view(c, "C")
    assert _supports(vb, 0, va, 1)  # "she" is Mary Cheney
    assert not _supports(vc, 0, va, 1) and not _supports(va, 1, vc, 0)  # a named and an unnamed source differ
