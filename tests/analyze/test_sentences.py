"""Sentence splitting on news quirks, with exact character offsets."""

from __future__ import annotations


def _check_offsets(text, analysis):
    for s in analysis.sentences:
        assert text[s.start : s.end] == s.text


def test_glued_full_stop_line_breaks_and_datelines(analyze):
    text = (
        "KABUL (Reuters) - The minister said the plan was part of a conspiracy.The envoy disagreed.\n"
        "Zentra NewsAsia:\n"
        "Officials met on Monday in Kandahar.\n"
        "“We will stay. We will not leave,” said Dariusz Velk."
    )
    analysis = analyze(text)
    _check_offsets(text, analysis)
    texts = [s.text for s in analysis.sentences]
    assert texts[0].startswith("KABUL (Reuters) - The minister said")  # the dateline stays with its sentence
    assert texts[0].endswith("conspiracy.")
    assert texts[1] == "The envoy disagreed."
    assert "Zentra NewsAsia:" in texts and "Officials met on Monday in Kandahar." in texts


def test_seed_sentences(sample):
    text, analysis = sample("003_bd36ac4c104837f8.txt")
    _check_offsets(text, analysis)
    texts = [s.text for s in analysis.sentences]
    assert texts[0].startswith("Islamabad (IP)- ")
    assert any(t.endswith("ongoing conspiracy.") for t in texts)
    assert any(t.startswith("The representative warned") for t in texts)
    assert not any("PressAsia" in t and "exclusive interview" in t for t in texts)


def test_a_two_word_capitalised_dateline_stays_one_sentence_with_its_lead(analyze):
    text = ("Seven dead after ferry capsizes off Port Ellis\n\n"
            "PORT ELLIS, June 3 (The Ellis Gazette) - Seven people died when the ferry capsized on Tuesday. "
            "Rescuers pulled 41 survivors from the water.")
    sentences = [s.text for s in analyze(text).sentences]
    assert sentences[0] == "Seven dead after ferry capsizes off Port Ellis"
    assert sentences[1].startswith("PORT ELLIS, June 3 (The Ellis Gazette) - Seven people died")
    assert len(sentences) == 3
