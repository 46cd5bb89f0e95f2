"""Helpers for the ingest tests: read inputs and split the results into articles and errors."""

from __future__ import annotations

import pytest

from newsprism.errors import InputError
from newsprism.ingest import read_inputs
from newsprism.model import Article
from newsprism.settings import Settings


def read_all(inputs, settings: Settings | None = None, stdin=None) -> tuple[list[Article], list[InputError]]:
    articles, errors = [], []
    for item in read_inputs([str(i) for i in inputs], settings or Settings(), stdin=stdin):
        (articles if isinstance(item, Article) else errors).append(item)
    return articles, errors


@pytest.fixture
def read():
    return read_all
