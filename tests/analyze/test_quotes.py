"""Quotes with speakers and reporting verbs with their stance."""

from __future__ import annotations

from newsprism.analyze.quotes import find_direct_spans
from newsprism.analyze.verbs import stance_of


def _quotes(analysis, kind=None):
    return [q for q in analysis.quotes if kind is None or q.kind == kind]


def _verbs(analysis):
    return {(v.verb, v.stance, v.speaker) for v in analysis.reporting_verbs}


def test_stance_table_is_data():
    assert stance_of("say") == "neutral"
    assert stance_of("emphasize") == "emphasis" and stance_of("point out") == "emphasis"
    assert stance_of("claim") == stance_of("accuse") == stance_of("argue") == "distancing"


def test_direct_spans_curly_straight_and_paragraphs():
    text = 'He said, “One. Two three.” Then "four five six," she said.\n“Seven eight\n“Nine ten eleven.”'
    spans = [text[s.start : s.end] for s in find_direct_spans(text)]
    assert spans[:2] == ["One. Two three.", "four five six,"]
    assert "Nine ten eleven." in spans


def test_mixed_quotation_marks_close_and_leave_the_verb_outside(analyze):
    text = ('“I find the new levy unfair, and so do the fishers," Governor Tamsin Ollerby said in a statement.\n'
            '"We will appeal the ruling,” the harbour master Ilse Varga told reporters.')
    spans = [text[s.start : s.end] for s in find_direct_spans(text)]
    assert spans == ["I find the new levy unfair, and so do the fishers,", "We will appeal the ruling,"]
    quotes = _quotes(analyze(text), "direct")
    assert [q.speaker for q in quotes] == ["Tamsin Ollerby", "Ilse Varga"]


def test_calling_something_in_quotes_is_attributed_but_calling_a_meeting_is_not(analyze):
    analysis = analyze("Senator Orla Brightwater criticised the harbour plan on Monday, calling the levy "
                       "“a tax on every fisher in Dunmore.” The council called a meeting for Friday.")
    (quote,) = _quotes(analysis, "direct")
    assert quote.speaker == "Orla Brightwater" and quote.verb == "calling"
    assert [v.lemma for v in analysis.reporting_verbs].count("call") == 1


def test_pronoun_in_a_clause_refers_to_the_governing_subject(analyze):
    analysis = analyze("Mayor Ilse Varga said the ferry would run all winter. "
                       "In a radio interview, Councillor Piet Holm took a swipe at the ferry company for what he called "
                       "“a timetable written for tourists.”")
    quote = next(q for q in _quotes(analysis, "direct"))
    assert "Piet Holm" in quote.speaker  # not the previous speaker, Varga


def test_invented_article_speakers_pronouns_and_roles(analyze):
    text = (
        "Mirela Dostanova, the Karvenian foreign minister, arrived in Lusaka on Friday.\n"
        "Dostanova said that the border would reopen next month. She added, “We have waited long enough. "
        "Our farmers cannot wait any longer.”\n"
        "The minister insisted that the embargo was illegal.\n"
        "According to Dostanova, trade fell by half last year.\n"
        "“This is a disgrace,” said Osei Brandtmann, a spokesman for the opposition. "
        "He accused the government of hiding the figures."
    )
    analysis = analyze(text)
    speakers = {q.text[:20]: q.speaker for q in analysis.quotes}
    direct = _quotes(analysis, "direct")
    assert [q.speaker for q in direct] == ["Mirela Dostanova", "Osei Brandtmann"]
    assert direct[0].text.startswith("We have waited") and direct[0].text.endswith("any longer.")
    assert direct[0].verb == "added"
    indirect = {q.verb: q for q in _quotes(analysis, "indirect")}
    assert indirect["said"].speaker == "Mirela Dostanova"
    assert indirect["said"].text == "the border would reopen next month"
    assert indirect["insisted"].speaker == "Mirela Dostanova"  # "The minister" → the last person quoted
    assert indirect["According to"].text == "trade fell by half last year"
    assert indirect["accused"].speaker == "Osei Brandtmann"
    verbs = _verbs(analysis)
    assert ("insisted", "distancing", "Mirela Dostanova") in verbs
    assert ("accused", "distancing", "Osei Brandtmann") in verbs
    assert ("added", "neutral", "Mirela Dostanova") in verbs
    minister = analysis.actor_by_name("Mirela Dostanova")
    assert "The minister" in minister.aliases
    assert speakers


def test_non_attribution_senses_are_not_reporting_verbs(analyze):
    text = (
        "The country recalled its ambassador. The company has maintained good relations with its rivals. "
        "Rebels continue to try to take the city."
    )
    assert _verbs(analyze(text)) == set()


def test_seed_003_quotes_and_distancing_verbs(sample):
    _, analysis = sample("003_bd36ac4c104837f8.txt")
    qomi = next(a.name for a in analysis.actors if a.key == "hassan kazemi qomi")
    stances = {v.verb: v.stance for v in analysis.reporting_verbs}
    assert stances["claimed"] == stances["argued"] == stances["accusing"] == "distancing"
    assert stances["emphasized"] == stances["stressed"] == "emphasis"
    assert all(v.speaker == qomi for v in analysis.reporting_verbs if v.verb in {"claimed", "argued", "accusing"})
    by_verb = {q.verb: q for q in analysis.quotes}
    assert by_verb["argued"].speaker == qomi  # "He argued" → Qomi
    assert by_verb["warned"].speaker == qomi  # "The representative warned"
    assert by_verb["stressed"].speaker == qomi  # "The diplomat stressed"
    assert by_verb["claimed"].text.startswith("despite the absence")
    assert len([q for q in analysis.quotes if q.speaker == qomi]) >= 10


def test_seed_000_direct_quotes_attributed_to_qomi(sample):
    _, analysis = sample("000_3c8c79a0ff0d5c27.txt")
    qomi = next(a.name for a in analysis.actors if a.key == "hassan kazemi qomi")
    direct = _quotes(analysis, "direct")
    assert len(direct) == 4 and all(q.speaker == qomi for q in direct)
    added = next(q for q in direct if q.verb == "added")
    assert added.text.startswith("The more Afghanistan moves") and "terrorist groups like ISIS" in added.text
    assert ("emphasized", "emphasis", qomi) in _verbs(analysis)


def test_an_unnamed_source_keeps_its_words_as_the_speaker_phrase(analyze):
    analysis = analyze("At least 12 people died in the flood, regional officials said on Monday. "
                       "“The water rose faster than anyone expected,” the mayor's office said. He said it would hold.")
    by_text = {q.text[:12]: q for q in analysis.quotes}
    assert by_text["At least 12 "].speaker is None and by_text["At least 12 "].speaker_phrase == "regional officials"
    assert by_text["The water ro"].speaker_phrase == "the mayor's office"
    assert all(q.speaker_phrase is None for q in analysis.quotes if q.text.startswith("it would"))  # a pronoun


def test_asking_not_to_be_named_is_no_statement(analyze):
    analysis = analyze("“Inflation is still too high,” a senior official at the bank, who asked not to be named, "
                       "told reporters. The governor declined to comment on the vote.")
    assert [q.text.rstrip(",") for q in analysis.quotes] == ["Inflation is still too high"]


def test_he_after_a_named_subject_is_that_person_not_the_last_speaker(analyze):
    analysis = analyze("His lawyer, Marta Oyelaran, said the defence would appeal within 30 days. "
                       "Prosecutor Dariusz Kell had asked for a sentence of nine years. "
                       "He said the prosecution would study the written judgment before deciding whether to appeal.")
    quote = next(q for q in analysis.quotes if q.text.startswith("the prosecution would study"))
    assert quote.speaker == "Dariusz Kell"
