"""Whatever bytes arrive, every parser answers with Articles or InputErrors, never an exception."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsprism.errors import InputError
from newsprism.ingest.formats import EXTENSIONS, Payload, parse_payload
from newsprism.model import Article
from newsprism.settings import Settings

FORMATS = sorted(set(EXTENSIONS.values())) + [None]
PREFIXES = [b"", b"{", b"[", b"<rss>", b"<html><body><p>", b"text,title\n", b"\xef\xbb\xbf", b"\xff\xfe"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(fmt=st.sampled_from(FORMATS), prefix=st.sampled_from(PREFIXES), data=st.binary(max_size=600))
def test_any_bytes_give_articles_or_input_errors(fmt, prefix, data):
    results = list(parse_payload(Payload("input", prefix + data, fmt), Settings()))
    assert results
    for result in results:
        assert isinstance(result, (Article, InputError))
        if isinstance(result, Article):
            assert result.text.strip() and result.words > 0 and len(result.id) == 16
        else:
            assert result.reason and "\n" not in result.reason


@settings(max_examples=100, deadline=None)
@given(text=st.text(min_size=1, max_size=400))
def test_any_text_file_gives_an_article_or_a_reason(text):
    [result] = list(parse_payload(Payload("input.txt", text.encode("utf-8"), "text"), Settings()))
    if isinstance(result, Article):
        assert result.text == result.text.strip()
    else:
        assert result.reason in {"no text", "empty file", "binary file"}
