"""Real models, loaded once per test session; samples read from the sibling ../shared/samples folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsprism.analyze.pipeline import Analyzer
from newsprism.model import Analysis, Article

SAMPLES = Path(__file__).resolve().parents[3] / "shared" / "samples"


@pytest.fixture(scope="session")
def analyzer() -> Analyzer:
    analyzer = Analyzer()
    analyzer.analyze([Article(id="warm-up", text="Models load once.", source="test")])
    return analyzer


@pytest.fixture(scope="session")
def analyze(analyzer):
    cache: dict[str, Analysis] = {}

    def run(text: str) -> Analysis:
        if text not in cache:
            cache[text] = analyzer.analyze([Article(id=str(len(cache)), text=text, source="test")])[0]
        return cache[text]

    return run


@pytest.fixture(scope="session")
def sample(analyze):
    def load(name: str) -> tuple[str, Analysis]:
        path = SAMPLES / name
        if not path.exists():
            pytest.skip(f"sample {name} not found in {SAMPLES} (the shared samples folder sits next to the repo)")
        text = path.read_text(encoding="utf-8")
        return text, analyze(text)

    return load


def _actor_named(analysis: Analysis, alias: str):
    found = [a for a in analysis.actors if alias.lower() in (x.lower() for x in a.aliases)]
    assert len(found) == 1, f"{alias!r} belongs to {len(found)} actors: {[(a.name, a.aliases) for a in analysis.actors]}"
    return found[0]


@pytest.fixture(scope="session")
def actor_named():
    """The one actor that has the given alias among its aliases (case-insensitive)."""
    return _actor_named
