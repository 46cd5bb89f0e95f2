"""Defects the hardening work found, each pinned by the smallest input that showed it."""

from __future__ import annotations

import gzip
import ipaddress
import json
import os
import subprocess
import sys
import time
import zlib
from http.server import BaseHTTPRequestHandler

import pytest

from newsprism import pipeline
from newsprism.errors import BlockedURLError, InputError
from newsprism.ingest import read_inputs
from newsprism.ingest.fetch import blocked_reason, fetch
from newsprism.model import Article
from newsprism.settings import Settings
from newsprism.store import SQLiteStore

from .conftest import raw_server, serve

BODY = "The harbour council met on Monday to discuss the cost of the new sea wall, officials said."


def _ingest(paths, db) -> pipeline.IngestSummary:
    with SQLiteStore(db) as store:
        summary = pipeline.ingest([str(p) for p in paths], store, Settings(), analyze=False, group=False)
        assert "integrity_check" not in " ".join(store.integrity_problems())
    return summary


def test_lone_surrogates_in_json_fields_are_stored_not_a_crash(tmp_path):
    """A JSON "\\udfff" escape in a title, outlet or id became a str SQLite cannot encode: UnicodeEncodeError
    and a traceback that ended the whole batch (found by benchmarks/fuzz.py)."""
    record = '{"text": "%s \\ud800", "title": "T\\u0000itle \\udfff", "outlet": "Port \\udc00 Post", "id": "\\ud83d"}'
    (tmp_path / "a.json").write_text(record % BODY, encoding="utf-8")
    (tmp_path / "b.txt").write_text("Another article that must still be stored after the odd one, said the mayor.")
    summary = _ingest([tmp_path / "a.json", tmp_path / "b.txt"], str(tmp_path / "s.db"))
    assert summary.count("added") == 2 and not summary.rejected
    with SQLiteStore(str(tmp_path / "s.db")) as store:
        stored = {a.source.rsplit("/", 1)[-1]: a for a in store.articles()}
    article = stored["a.json"]
    assert article.title == "Title \ufffd" and article.outlet == "Port \ufffd Post"
    assert article.text.endswith("\ufffd") and article.meta["record_id"] == "\ufffd"


def test_lone_surrogate_title_through_the_cli_is_no_traceback(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text('{"text": "%s", "title": "\\udfff"}\n' % BODY, encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "newsprism.cli", "ingest", str(path), "--db", str(tmp_path / "s.db"),
                           "--no-analyze"], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr


def test_a_file_name_that_is_not_utf8_is_stored_with_escapes(tmp_path):
    """os.scandir names such a file with lone surrogates: the insert of its source crashed the batch."""
    folder = tmp_path / "in"
    folder.mkdir()
    with open(os.path.join(os.fsencode(folder), b"caf\xe9-\xff.txt"), "w", encoding="utf-8") as handle:
        handle.write(BODY)
    summary = _ingest([folder], str(tmp_path / "s.db"))
    assert summary.count("added") == 1
    with SQLiteStore(str(tmp_path / "s.db")) as store:
        [article] = list(store.articles())
    assert article.source == f"{folder}/caf\\xe9-\\xff.txt"


def test_utf8_text_with_a_nul_byte_is_binary_not_broken_utf16(tmp_path):
    """b"\\x00\\xc2\\x80" looked like BOM-less UTF-16 and was reported as "invalid utf-16-be at byte 2"
    (found by tests/ingest/test_properties.py under a new hypothesis seed)."""
    for data in (b"\x00", "\x00\x80".encode("utf-8")):
        (tmp_path / "odd.txt").write_bytes(data)
        [error] = list(read_inputs([str(tmp_path / "odd.txt")], Settings()))
        assert isinstance(error, InputError) and error.reason == "binary file"
    (tmp_path / "utf16.txt").write_bytes(BODY.encode("utf-16-le"))
    [article] = list(read_inputs([str(tmp_path / "utf16.txt")], Settings()))
    assert isinstance(article, Article) and article.text == BODY


@pytest.mark.parametrize("address", ["2002:7f00:1::", "2002:a9fe:a9fe::", "2002:0a00:0001::", "2002:c0a8:0101::1"])
def test_6to4_addresses_wrapping_private_ipv4_are_refused(address):
    """2002:7f00:0001:: is 127.0.0.1 through a 6to4 relay; it counted as public (found by the URL fuzzer)."""
    assert blocked_reason(ipaddress.ip_address(address))
    with pytest.raises(BlockedURLError):
        fetch(f"http://[{address}]/", Settings())
    assert blocked_reason(ipaddress.ip_address("2002:0808:0808::")) is None  # 6to4 of a public address


def test_a_url_with_a_lone_surrogate_is_an_input_error():
    """httpx raised UnicodeEncodeError, not InvalidURL, which the URL check did not catch."""
    with pytest.raises(InputError, match="not a valid URL"):
        fetch("https\ud800://example.org/", Settings())


def _zeros_compressed(wbits: int, size: int) -> bytes:
    """`size` zero bytes compressed, without holding them in memory."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, wbits)
    block = b"\x00" * 1_000_000
    return b"".join(compressor.compress(block) for _ in range(size // len(block))) + compressor.flush()


def _payloads() -> dict[str, tuple[str, bytes]]:
    gzip_bomb = _zeros_compressed(31, 200_000_000)
    return {
        "/gzip-bomb": ("gzip", gzip_bomb),
        "/double-gzip": ("gzip, gzip", gzip.compress(gzip_bomb, 9)),
        "/deflate-bomb": ("deflate", _zeros_compressed(15, 200_000_000)),
        "/gzip": ("gzip", gzip.compress(BODY.encode())),
        "/two-members": ("gzip", gzip.compress(BODY[:20].encode()) + gzip.compress(BODY[20:].encode())),
        "/raw-deflate": ("deflate", _raw_deflate(BODY.encode())),
        "/zlib-deflate": ("deflate", zlib.compress(BODY.encode())),
        "/corrupt": ("gzip", b"\x1f\x8b\x08\x00not gzip at all"),
        "/brotli": ("br", b"\x8b\x02\x80hello\x03"),
    }


def _raw_deflate(data: bytes) -> bytes:
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    return compressor.compress(data) + compressor.flush()


class _Compressed(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.0"
    payloads: dict[str, tuple[str, bytes]] = {}

    def log_message(self, *args):
        pass

    def do_GET(self):
        encoding, payload = self.payloads[self.path]
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Encoding", encoding)
        self.end_headers()
        self.wfile.write(payload)


@pytest.fixture(scope="module")
def compressed():
    handler = type("Compressed", (_Compressed,), {"payloads": _payloads()})
    base, httpd = serve(handler)
    yield base
    httpd.shutdown()


@pytest.mark.parametrize("path", ["/gzip-bomb", "/double-gzip", "/deflate-bomb"])
def test_compression_bombs_stop_at_the_size_limit_without_inflating_everything(compressed, path):
    """httpx inflated a whole network chunk at once: 200 KB of double gzip became 200 MB in memory before the
    size check (found by benchmarks/fuzz.py: +505 MB for one response)."""
    import resource

    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with pytest.raises(InputError, match="too large|unsupported content encoding"):
        fetch(compressed + path, Settings(allow_private=True, fetch_timeout=10, max_input_bytes=1_000_000))
    assert (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024 < 100  # MB


@pytest.mark.parametrize("path", ["/gzip", "/two-members", "/raw-deflate", "/zlib-deflate"])
def test_compressed_bodies_still_decode(compressed, path):
    assert fetch(compressed + path, Settings(allow_private=True, fetch_timeout=10)).data == BODY.encode()


@pytest.mark.parametrize(("path", "reason"), [("/corrupt", "corrupt gzip body"), ("/brotli", "unsupported content encoding")])
def test_bad_encodings_are_one_line_errors(compressed, path, reason):
    with pytest.raises(InputError, match=reason):
        fetch(compressed + path, Settings(allow_private=True, fetch_timeout=10))


def _drip_headers(connection) -> None:
    for byte in b"HTTP/1.1 200 OK\r\nX-Slow: " + b"a" * 10_000:
        connection.send(bytes([byte]))
        time.sleep(0.05)


def _drip_body(connection) -> None:
    connection.send(b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\n")
    for _ in range(10_000):
        connection.send(b"word ")
        time.sleep(0.05)


@pytest.mark.parametrize("respond", [_drip_headers, _drip_body], ids=["headers", "body"])
def test_a_slow_drip_server_cannot_hold_a_fetch_past_its_deadline(respond):
    """Timeouts were per socket read, and the deadline was only checked between body chunks: a server sending
    one header byte every 50 ms held the fetch for hours."""
    base, listener = raw_server(respond)
    started = time.monotonic()
    with pytest.raises(InputError, match="timed out"):
        fetch(base + "/", Settings(allow_private=True, fetch_timeout=0.5))
    assert time.monotonic() - started < 3.0  # the deadline is 3 × fetch_timeout
    listener.close()


def test_json_article_from_a_fuzzed_record_keeps_every_field_round_trip(tmp_path):
    record = {"text": BODY + " \u202e\u200b", "title": "<script>alert(1)</script>", "outlet": "A\x00B",
              "url": "javascript:alert(1)", "published": "2024-02-30"}
    (tmp_path / "r.json").write_text(json.dumps(record), encoding="utf-8")
    summary = _ingest([tmp_path / "r.json"], str(tmp_path / "s.db"))
    assert summary.count("added") == 1
    with SQLiteStore(str(tmp_path / "s.db")) as store:
        [article] = list(store.articles())
    assert article.title == "<script>alert(1)</script>" and article.outlet == "AB"
    assert article.published is None and article.meta["published_unparsed"] == "2024-02-30"


def test_an_article_the_models_cannot_read_is_rejected_alone(tmp_path, monkeypatch):
    """When the analysis fails on one article of a batch, that article is rejected by name and not stored; the
    rest of the batch is analysed and stored. A text over a million characters is refused at reading."""
    import newsprism.analyze as analyze_module
    from newsprism import pipeline
    from newsprism.settings import Settings
    from newsprism.store import SQLiteStore

    real = analyze_module.analyze_articles

    def fragile(articles, *args, **kwargs):
        if any("POISON" in a.text for a in articles):
            raise ValueError("cannot parse this text")
        return real(articles, *args, **kwargs)

    monkeypatch.setattr(analyze_module, "analyze_articles", fragile)
    good = tmp_path / "good.txt"
    good.write_text("The harbour in Dunmore reopened on Monday after the storm, the port authority said.")
    bad = tmp_path / "bad.txt"
    bad.write_text("POISON text that the parser fails on, for this test only, in the middle of a batch.")
    huge = tmp_path / "huge.txt"
    huge.write_text("word " * 210_000)
    with SQLiteStore(str(tmp_path / "x.db")) as store:
        summary = pipeline.ingest([str(good), str(bad), str(huge)], store, Settings(), group=False)
        reasons = {os.path.basename(r.source): (r.status, r.reason) for r in summary.results}
        assert reasons["good.txt"][0] == "added"
        assert reasons["bad.txt"] == ("rejected", "analysis failed (ValueError: cannot parse this text)")
        assert reasons["huge.txt"][0] == "rejected" and "text too long" in reasons["huge.txt"][1]
        assert [a.source for a in store.articles()] == [str(good)]
