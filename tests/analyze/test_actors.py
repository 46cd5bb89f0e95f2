"""Actors: mentions merged into canonical actors, on the seed samples and on invented names."""

from __future__ import annotations

from newsprism.analyze.actors import actor_key, normalise, strip_possessive

INVENTED = (
    "Zorvath Melinkov-Arda, the Velorian envoy to Malawi, said on Monday that the talks had failed. "
    "Mr. Melinkov Arda told reporters that he would return. "
    "Melinkov-Arda later claimed that the Malawian government had broken its promise. "
    "Arda also met Priya Okonkwo-Lindqvist of the National Grid Authority (NGA). "
    "The NGA said that power cuts would continue, and Okonkwo-Lindqvist warned of shortages."
)


def test_normalise_strips_possessives_dots_and_hyphens():
    assert strip_possessive("America’s") == "America"
    assert strip_possessive("the U.S.'s") == "the U.S."
    assert normalise("the U.S.’s") == ["us"]
    assert actor_key("Hassan Kazemi-Qomi") == actor_key("Hassan Kazemi Qomi") == "hassan kazemi qomi"


def test_unseen_person_name_variants_merge(analyze, actor_named):
    analysis = analyze(INVENTED)
    envoy = actor_named(analysis, "Zorvath Melinkov-Arda")
    assert envoy.type == "PERSON"
    assert envoy.name == "Zorvath Melinkov-Arda"
    assert envoy.key == "zorvath melinkov arda"
    for variant in ("Melinkov-Arda", "Arda"):
        assert variant in envoy.aliases or any(variant in a for a in envoy.aliases)
    assert actor_named(analysis, "Melinkov-Arda") is envoy
    assert actor_named(analysis, "Okonkwo-Lindqvist").name == "Priya Okonkwo-Lindqvist"


def test_acronym_and_demonym_merge(analyze, actor_named):
    analysis = analyze(INVENTED)
    grid = actor_named(analysis, "NGA")
    assert grid.name == "National Grid Authority"
    malawi = actor_named(analysis, "Malawi")
    assert "Malawian" in malawi.aliases and malawi.type == "GPE"


def test_alias_table_and_capitals(analyze, actor_named):
    text = (
        "Washington said on Tuesday that the United States would not leave. "
        "America's allies, including the U.K., agreed, and the Americans sent more troops. "
        "Daesh and ISIL are names for the Islamic State; ISIS lost ground. "
        "Britain's prime minister travelled to Washington on Friday."
    )
    analysis = analyze(text)
    us = actor_named(analysis, "the United States")
    assert us.name == "United States" and us.key == "united states" and us.type == "GPE"
    for alias in ("America", "Americans", "Washington"):
        assert alias in us.aliases
    isis = actor_named(analysis, "Daesh")
    assert isis.name == "ISIS" and isis.type == "GROUP"
    assert {"ISIL", "ISIS"} <= set(isis.aliases)
    assert actor_named(analysis, "Britain") is actor_named(analysis, "U.K.")


def test_two_people_sharing_a_surname_stay_apart(analyze):
    text = (
        "Tomasz Quenbridge, the mayor of Lorrin, opened the new harbour on Sunday. "
        "His sister Alina Quenbridge, a marine biologist, criticised the dredging of the reef. "
        "Alina Quenbridge said the coral would not recover."
    )
    analysis = analyze(text)
    people = [a for a in analysis.actors if a.type == "PERSON"]
    names = {a.name for a in people}
    assert {"Tomasz Quenbridge", "Alina Quenbridge"} <= names


def test_seed_003_has_one_qomi_actor(sample, actor_named):
    _, analysis = sample("003_bd36ac4c104837f8.txt")
    qomi = actor_named(analysis, "Qomi")
    assert qomi is actor_named(analysis, "Hassan Kazemi Qomi")
    assert qomi.type == "PERSON" and qomi.key == "hassan kazemi qomi"
    assert len([a for a in analysis.actors if "qomi" in a.key]) == 1
    assert actor_named(analysis, "the United States") is actor_named(analysis, "US")
    assert actor_named(analysis, "Afghan").name == "Afghanistan"
    assert actor_named(analysis, "Iranian").name == "Iran"
    assert not any("PressAsia" in alias for a in analysis.actors for alias in a.aliases)


def test_seed_000_merges_qomi_and_the_united_states(sample, actor_named):
    _, analysis = sample("000_3c8c79a0ff0d5c27.txt")
    qomi = actor_named(analysis, "Kazemi-Qomi")
    assert qomi is actor_named(analysis, "Qomi") and qomi.name == "Hassan Kazemi-Qomi"
    us = actor_named(analysis, "U.S.")
    assert us is actor_named(analysis, "America") is actor_named(analysis, "Americans")
    assert us.name == "United States"


def test_ties_use_the_pipeline_sentence_vectors_and_agree_with_the_step_alone(analyze):
    """A bare surname shared by two people is a tie broken by sentence similarity: the pipeline passes the
    chunk's sentence vectors to the step; run alone (no vectors yet) the step encodes the sentences itself."""
    from newsprism.analyze import actors, sentences
    from newsprism.analyze.models import spacy_pipeline
    from newsprism.analyze.pipeline import StepInput
    from newsprism.model import Analysis, Article

    text = (
        "Tomasz Quenbridge, the mayor of Lorrin, opened the new harbour on Sunday. "
        "His sister Alina Quenbridge, a marine biologist, criticised the dredging of the reef. "
        "Quenbridge said the dredging had damaged the coral and the fish of the reef."
    )
    piped = analyze(text)
    assert piped.sentence_embeddings is not None and len(piped.sentence_embeddings) == len(piped.sentences)
    article = Article(id="alone", text=text, source="test")
    step = StepInput(article=article, doc=sentences.with_boundaries(spacy_pipeline())(text),
                     analysis=Analysis(article_id="alone"))
    for run in (sentences.split_sentences, actors.find_mentions, actors.merge_actors):
        run(step)
    assert step.analysis.sentence_embeddings is None

    def grouping(analysis):
        return sorted(sorted(a.aliases) for a in analysis.actors if a.type == "PERSON")

    assert grouping(step.analysis) == grouping(piped)
    assert len(grouping(piped)) == 2


def test_a_name_ending_in_pier_or_square_is_a_place_not_a_person(analyze):
    analysis = analyze("The ferry capsized minutes after leaving Corran Pier, police said. "
                       "Mayor Lena Oduya later spoke to relatives in Liberty Square.")
    types = {a.name: a.type for a in analysis.actors}
    assert types.get("Corran Pier") == "FAC" and types.get("Liberty Square") in ("FAC", "GPE", "LOC")
    assert types.get("Lena Oduya") == "PERSON"
