"""Loaded language on a real article and on our own sentences, with the real spaCy and MiniLM models."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsprism.analyze import analyze_articles
from newsprism.analyze.loaded import THRESHOLD, lexicon, word_head
from newsprism.model import Article

SAMPLES = Path(__file__).resolve().parents[2].parent / "shared" / "samples"
IRAN_PRESS = SAMPLES / "003_bd36ac4c104837f8.txt"


def analyse(text: str, published: str | None = "2024-01-17"):
    article = Article(id="t", text=text, source="test", published=published)
    return analyze_articles([article])[0]


@pytest.fixture(scope="module")
def iran_press():
    if not IRAN_PRESS.exists():
        pytest.skip(f"sample article not found at {IRAN_PRESS} (the shared samples folder is absent)")
    return analyse(IRAN_PRESS.read_text(encoding="utf-8"))


def terms(analysis) -> dict[str, object]:
    return {t.term.lower(): t for t in analysis.loaded_terms}


def test_sample_labels_and_conspiracy_words_are_loaded(iran_press):
    found = terms(iran_press)
    for word in ("occupiers", "invaders", "plotting", "conspiracy", "takfiri"):
        assert word in found, f"{word!r} missing from {sorted(found)}"
        assert THRESHOLD <= found[word].score <= 1
    assert found["occupiers"].category == "pejorative-label"
    assert found["conspiracy"].category == "conspiracy"


def test_sample_targets_follow_the_parse(iran_press):
    found = terms(iran_press)
    group = {a.name for a in iran_press.actors if {"NATO", "the United States", "US"} & set(a.aliases)}
    assert found["occupiers"].target in group  # appositive "as yesterday's occupiers"
    assert found["invaders"].target == found["occupiers"].target  # "these invaders" re-uses the label
    assert found["plotting"].target == found["occupiers"].target  # subject of the verb
    assert found["conspiracy"].target == found["occupiers"].target  # possessor "their"


def test_sample_neutral_reporting_is_not_loaded(iran_press):
    found = terms(iran_press)
    for word in ("interview", "reporter", "stability", "neighboring", "migration", "cooperation", "stated"):
        assert word not in found


def test_plain_sentences_have_no_loaded_terms():
    for text in (
        "The minister said the bridge will reopen on Monday.",
        "The city council approved the budget on Tuesday after a two-hour meeting.",
        "Rain is expected in the north of the country later this week.",
    ):
        assert analyse(text).loaded_terms == [], text


def test_our_own_loaded_sentence_with_targets():
    analysis = analyse(
        "Senator Maria Lopez slammed the Valdorian regime, calling its leaders thugs. "
        "She said the so-called reforms were a sham."
    )
    found = terms(analysis)
    assert {"slammed", "regime", "thugs", "so-called", "sham"} <= set(found)
    assert found["slammed"].target and "Lopez" in found["slammed"].target
    assert found["slammed"].category == "emotive-verb"
    assert found["so-called"].category == "intensifier"


def test_noun_sense_of_an_emotive_verb_is_not_loaded():
    assert "blast" not in terms(analyse("Two people were injured in the blast near the station."))


def test_quoted_terms_are_kept_with_a_lower_score():
    plain = terms(analyse("The invaders destroyed the village, the report said."))
    quoted = terms(analyse('"The invaders destroyed the village," the mayor said.'))
    assert "invaders" in plain and "invaders" in quoted
    assert quoted["invaders"].score < plain["invaders"].score


def test_lexicon_and_head_are_packaged():
    lex = lexicon()
    assert lex.words["occupier"].category == "pejorative-label"
    assert ("so", "-", "called") in lex.phrases
    head = word_head()
    assert head is not None and head.coef.shape == head.mean.shape


def test_attribution_verbs_are_reporting_verbs_not_loaded_terms():
    analysis = analyse(
        "Interior Minister Petra Lund claimed that the new border fence had cut crossings by half. "
        "Opposition leader Jonas Varga argued that the figures were incomplete and insisted that an audit was needed."
    )
    stances = {v.verb.lower(): v.stance for v in analysis.reporting_verbs}
    assert {"claimed", "argued", "insisted"} <= set(stances)
    assert {stances[v] for v in ("claimed", "argued", "insisted")} == {"distancing"}
    assert not {"claimed", "argued", "insisted"} & set(terms(analysis))


def test_emotive_attribution_verbs_stay_loaded():
    analysis = analyse("Opposition leader Jonas Varga slammed the budget, saying it would ruin farmers.")
    assert "slammed" in {v.verb.lower() for v in analysis.reporting_verbs}
    assert terms(analysis)["slammed"].category == "emotive-verb"


def test_the_attribution_rule_is_data():
    lex = lexicon()
    assert lex.loaded_as_attribution == {"emotive-verb"}
    assert lex.words["collapse"].pos == {"NOUN"}


def test_plain_demonyms_and_event_verbs_are_not_loaded():
    for text in (
        "Merovian fishermen met the Iranian ambassador and two Tarsovan officials in Salven on Monday.",
        "Talks between the two governments collapsed on Friday after the delegations failed to agree on a date.",
        "The roof of the warehouse collapsed around midnight, the fire service said.",
        "Troops attacked the village and killed four people; thousands fled the fighting.",
        "The storm destroyed dozens of homes, and police detained two suspects.",
        "Karen Pell said she woke to sirens at 3 a.m. and saw flames over the river.",  # the verb, not the label
    ):
        assert terms(analyse(text)) == {}, text
    assert "woke" in terms(analyse("The senator attacked the woke agenda of the school board."))


def test_a_loaded_word_inside_a_hyphenated_compound_is_reported_whole():
    found = terms(analyse("The bank ignored the business doom-mongers who cried recession, the governor said."))
    assert "doom-mongers" in found and "doom" not in found


EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
# examples/README.md, "Loaded words": planted per outlet (A3, B2, C3); the other outlets write plainly.
PLANTED = {
    "The Harbour Gazette": {"fiasco", "creaking", "slammed", "so-called"},
    "The Lantern": {"mob", "thugs", "rioters", "pelted", "so-called", "plotting", "foreign-funded", "propaganda"},
    "Merovia Voice": {"regime", "slammed", "occupiers", "puppet"},
}


@pytest.fixture(scope="module")
def examples():
    from newsprism.ingest import read_inputs
    from newsprism.settings import Settings

    articles = [a for a in read_inputs([str(EXAMPLES)], Settings()) if isinstance(a, Article)]
    assert len(articles) == 14
    return list(zip(articles, analyze_articles(articles)))


def test_examples_planted_loaded_words_are_found(examples):
    found = {a.outlet: {t.term.lower() for t in r.loaded_terms} for a, r in examples if a.outlet in PLANTED}
    for outlet, planted in PLANTED.items():
        assert planted <= found[outlet], (outlet, planted - found[outlet])


def test_examples_plain_outlets_have_few_loaded_terms(examples):
    plain = [(a, r) for a, r in examples if a.outlet not in PLANTED]
    assert len(plain) == 11
    flagged = [(a.outlet, t.term) for a, r in plain for t in r.loaded_terms]
    assert all(len(r.loaded_terms) <= 2 for _, r in plain), flagged
    assert len(flagged) <= 5, flagged
    words = {t.lower() for _, t in flagged}
    assert not words & {"merovian", "tarsovan", "valdorian", "collapsed", "claimed", "said"}, flagged


VECTOR_SENTENCES = (
    "Senator Maria Lopez slammed the Valdorian regime, calling its leaders thugs and the reforms a sham.",
    "Critics said the reckless plan was a disastrous betrayal of voters who had hoped for better.",
    "The occupiers and their so-called allies keep plotting a conspiracy against the brave protesters.",
)


def test_precomputed_word_vectors_give_the_on_the_fly_scores():
    """The setup-time float16 table (or, without one, a float16 table of these lemmas) scores like encoding."""
    import numpy as np

    from newsprism.analyze import loaded
    from newsprism.analyze.models import sentence_encoder, spacy_pipeline
    from newsprism.analyze.word_vectors import VectorTable, precomputed

    head = word_head()
    if head is None:
        pytest.skip("no trained word head")
    docs = list(spacy_pipeline().pipe(VECTOR_SENTENCES))
    candidates = [loaded.find_candidates(doc, lexicon(), loaded.quote_spans(doc.text)) for doc in docs]
    lemmas = sorted({c.lemma for cands in candidates for c in cands})
    table = precomputed()
    if table is None:
        table = VectorTable(np.array(lemmas), sentence_encoder().encode(lemmas, batch_size=256).astype(np.float16))
    assert sum(table.get(lemma) is not None for lemma in lemmas) >= 0.9 * len(lemmas)
    cached = loaded.WordVectors(sentence_encoder(), table=table)
    fresh = loaded.WordVectors(sentence_encoder(), table=None)
    for doc, cands in zip(docs, candidates):
        assert cands
        a = loaded.score_candidates(doc, cands, head, cached)
        b = loaded.score_candidates(doc, cands, head, fresh)
        np.testing.assert_allclose(a, b, atol=2e-3)
        assert ((a >= THRESHOLD) == (b >= THRESHOLD)).all()


def test_stale_or_missing_word_vector_table_falls_back(tmp_path):
    import numpy as np

    from newsprism.analyze.word_vectors import lexicon_hash, model_key, read_table

    assert read_table(tmp_path / "absent.npz") is None
    words, vectors = np.array(["sham", "thug"]), np.ones((2, 384), dtype=np.float16)
    np.savez(tmp_path / "stale.npz", words=words, vectors=vectors, model=np.array(model_key()),
             lexicon=np.array("another-lexicon"))
    assert read_table(tmp_path / "stale.npz") is None
    np.savez(tmp_path / "other.npz", words=words, vectors=vectors, model=np.array("another-model"),
             lexicon=np.array(lexicon_hash()))
    assert read_table(tmp_path / "other.npz") is None
    np.savez(tmp_path / "good.npz", words=words, vectors=vectors, model=np.array(model_key()),
             lexicon=np.array(lexicon_hash()))
    table = read_table(tmp_path / "good.npz")
    assert table is not None and table.get("thug") is not None and table.get("regime") is None


def test_an_article_in_another_language_gets_sentences_and_vectors_only_and_says_so():
    from newsprism.render import render_analysis

    text = ("La Banque centrale de Halvénie a relevé jeudi son taux directeur d'un demi-point, à 4,75 %, pour la "
            "troisième fois cette année. Le gouverneur Teodor Ralski a déclaré que l'inflation restait trop élevée.")
    article = Article(id="fr1", text=text, source="t", language="fr")
    [analysis] = analyze_articles([article])
    assert len(analysis.sentences) == 2 and analysis.article_embedding is not None
    assert not (analysis.actors or analysis.quotes or analysis.loaded_terms or analysis.numbers)
    assert "language fr" in analysis.versions["skipped"]
    out = render_analysis(article.to_json(), analysis.to_json(), width=200)
    assert "Not analysed: mentions, actors, quotes" in out
