"""Store fixtures: every contract test runs once per backend, each on a fresh, empty database.

The PostgreSQL server comes from tests/conftest.py (`postgres_url`).
"""

from __future__ import annotations

import pytest

BACKENDS = ["sqlite", "postgresql"]


@pytest.fixture(params=BACKENDS)
def store_url(request, tmp_path):
    """The URL of a fresh, empty store (not yet opened) for each backend."""
    if request.param == "sqlite":
        return str(tmp_path / "test.db")
    return request.getfixturevalue("postgres_url")


@pytest.fixture
def store(store_url):
    from newsprism.store import open_store

    opened = open_store(store_url)
    yield opened
    opened.close()
