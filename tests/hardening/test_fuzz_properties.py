"""CI-sized runs of benchmarks/fuzz.py's properties (the long run is `benchmarks/fuzz.py`, 10,000+ per format).

Every generated input, through the front door and into a real SQLite store, is stored correctly or rejected
with a one-line reason, never an exception; no article holds the content of a file an XML entity pointed at;
at the end the store passes `integrity_problems()`. URL strings in any notation are refused when their host
is not public.
"""

from __future__ import annotations

import random
import socket

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsprism.settings import Settings
from newsprism.store import SQLiteStore

from .conftest import load_fuzz

FUZZ = load_fuzz()
PROPERTY = settings(max_examples=50, deadline=None, suppress_health_check=list(HealthCheck))


@pytest.fixture(scope="module")
def workspace(tmp_path_factory):
    folder = tmp_path_factory.mktemp("fuzz")
    canary = folder / "canary.txt"
    canary.write_text(FUZZ.CANARY + "\n", encoding="utf-8")
    work = folder / "work"
    work.mkdir()
    store = SQLiteStore(str(folder / "fuzz.db"))
    yield {"generator_seeds": FUZZ.seeds(), "canary": str(canary), "work": str(work), "store": store}
    assert store.integrity_problems() == []
    store.close()


@pytest.mark.parametrize("fmt", FUZZ.FORMATS)
def test_fuzzed_inputs_are_stored_or_rejected_in_one_line(workspace, fmt):
    @PROPERTY
    @given(seed=st.integers(0, 2**32 - 1))
    def check(seed):
        generator = FUZZ.Generator(random.Random(seed), workspace["generator_seeds"], workspace["canary"])
        data = generator.input(fmt) or b" "
        outcome = FUZZ.check_input(fmt, data, workspace["work"], workspace["store"],
                                   Settings(max_input_bytes=4 * 1024 * 1024))
        assert outcome["problems"] == [], (outcome["problems"], data[:300])
        assert outcome["articles"] + outcome["errors"] >= 1

    check()
    assert workspace["store"].integrity_problems() == []


@PROPERTY
@given(seed=st.integers(0, 2**32 - 1))
def test_urls_in_any_notation_are_refused_unless_public(seed):
    url, must_be_refused = FUZZ.url_input(random.Random(seed))
    original = socket.getaddrinfo
    socket.getaddrinfo = FUZZ.stub_getaddrinfo(original)
    try:
        outcome = FUZZ.check_url(url, must_be_refused)
    finally:
        socket.getaddrinfo = original
    assert outcome["problems"] == [], outcome["problems"]


def test_xxe_and_billion_laughs_in_feeds_and_html_read_nothing_and_expand_nothing(workspace):
    generator = FUZZ.Generator(random.Random(0), workspace["generator_seeds"], workspace["canary"])
    xxe = FUZZ.xxe_dtd(workspace["canary"])
    inputs = {
        "feed": [f'{xxe}<rss version="2.0"><channel><title>&xxe;</title><item><title>&xxe;</title><description>'
                 f'Leak &xxe; here, the council said on Monday.</description></item></channel></rss>',
                 f'{FUZZ.BILLION_LAUGHS}<rss version="2.0"><channel><title>&lol9;</title><item><title>t</title>'
                 f'<description>&lol9; The council said on Monday.</description></item></channel></rss>'],
        "html": [f"{xxe}<html><body><article><p>&xxe; {generator.body()}</p></article></body></html>",
                 f"{FUZZ.BILLION_LAUGHS}<html><body><article><p>&lol9; {generator.body()}</p></article></body></html>"],
    }
    for fmt, documents in inputs.items():
        for document in documents:
            outcome = FUZZ.check_input(fmt, document.encode(), workspace["work"], workspace["store"], Settings())
            assert outcome["problems"] == []
    for article in workspace["store"].articles():
        assert FUZZ.CANARY not in article.text and "lollollol" not in article.text
