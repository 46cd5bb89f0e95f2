"""Small invented articles (written for these tests) analysed once with the real models."""

from __future__ import annotations

import pytest

from newsprism.analyze import analyze_articles
from newsprism.model import AnalyzedArticle
from stories_helpers import BRIDGE, FIRES, OTHER_BRIDGE, WIRE, make_article


@pytest.fixture(scope="session")
def analysed():
    """Every invented article, analysed once per test session: id -> AnalyzedArticle."""
    specs = {**BRIDGE, **OTHER_BRIDGE, **FIRES, "bridge-wire": WIRE}
    articles = [make_article(k, *v) for k, v in specs.items()]
    return {a.id: AnalyzedArticle(a, x) for a, x in zip(articles, analyze_articles(articles))}
