"""Fixtures shared by every test package."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsprism.settings import Settings
from newsprism.store import SQLiteStore

REPO_ROOT = Path(__file__).resolve().parents[1]
SHARED = REPO_ROOT.parent / "shared"


@pytest.fixture
def tmp_store(tmp_path):
    """A fresh SQLite store in a temporary file, closed after the test."""
    store = SQLiteStore(str(tmp_path / "newsprism.db"))
    yield store
    store.close()


@pytest.fixture
def settings() -> Settings:
    """Default settings, not read from the environment."""
    return Settings()


@pytest.fixture
def samples_dir() -> Path:
    """The seed articles in ../shared/samples; the test is skipped where that folder is absent."""
    folder = SHARED / "samples"
    if not folder.is_dir():
        pytest.skip(f"seed samples not found at {folder}")
    return folder
