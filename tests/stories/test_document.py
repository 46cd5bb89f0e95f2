"""The document embedding: the article read as one passage, and the pair feature that compares two of them."""

from __future__ import annotations

import dataclasses

import numpy as np

from newsprism.analyze.models import sentence_encoder
from newsprism.analyze.pipeline import document_text
from newsprism.model import AnalyzedArticle
from newsprism.stories.profile import FEATURES, build_profile, pair_features

DOCUMENT = FEATURES.index("document")


def test_the_document_embedding_reads_title_and_text_as_one_passage(analysed):
    item = analysed["bridge-herald"]
    assert document_text(item.article).startswith(f"{item.article.title}. {item.article.text[:40]}")
    expected = sentence_encoder().encode([document_text(item.article)])[0]
    np.testing.assert_allclose(item.analysis.document_embedding, expected, atol=1e-5)
    # not the mean of the sentence vectors, nor the lead
    assert float(item.analysis.document_embedding @ item.analysis.article_embedding) < 0.99
    assert float(item.analysis.document_embedding @ item.analysis.lead_embedding) < 0.99


def test_document_cosine_is_higher_for_one_event_than_for_a_look_alike(analysed):
    herald, courier, far = (build_profile(analysed[k]) for k in ("bridge-herald", "bridge-courier", "bridge-far"))
    same = pair_features(herald, courier)[DOCUMENT]
    assert same == float(herald.document @ courier.document)
    assert same > pair_features(herald, far)[DOCUMENT]


def test_an_analysis_stored_without_a_document_embedding_compares_article_embeddings(analysed):
    """Analyses stored before document embeddings existed: both sides fall back to the article embedding."""
    herald, courier = analysed["bridge-herald"], analysed["bridge-courier"]
    old = AnalyzedArticle(courier.article, dataclasses.replace(courier.analysis, document_embedding=None))
    a, b = build_profile(herald), build_profile(old)
    assert b.document is None
    assert pair_features(a, b)[DOCUMENT] == float(a.vector @ b.vector)
    assert pair_features(a, b)[DOCUMENT] != pair_features(a, build_profile(courier))[DOCUMENT]
