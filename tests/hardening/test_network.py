"""Network safety beyond tests/ingest/test_fetch.py: other notations of refused addresses, DNS names that
resolve to them (a stub resolver: no DNS is asked), redirects into them, limits, and the same through the web
API's `POST /api/v1/articles {"url": …}`. Only servers on 127.0.0.1 that these tests start are contacted."""

from __future__ import annotations

import socket
import time
from http.server import BaseHTTPRequestHandler

import pytest

from newsprism.errors import BlockedURLError, InputError
from newsprism.ingest import fetch as fetch_module
from newsprism.ingest import read_inputs
from newsprism.settings import Settings

from .conftest import raw_server, serve

BODY = b"<html><body><article><p>" + b"The harbour council met on Monday to discuss the sea wall. " * 5 + b"</p></article></body></html>"

# Not in tests/ingest/test_fetch.py: hex, octal and short IPv4 forms, IPv6 ULA and the IPv6 metadata address,
# IPv4-mapped metadata, 6to4 and NAT64 wrappings, carrier-grade NAT.
NOTATIONS = [
    ("http://0x7f.1/", "loopback"),
    ("http://0x7f000001/", "loopback"),
    ("http://017700000001/", "loopback"),
    ("http://127.1:9/", "loopback"),
    ("http://0/", "unspecified"),
    ("http://[fd00:ec2::254]/latest/meta-data/", "cloud metadata"),
    ("http://[fc00::1]/", "private"),
    ("http://[fd12:3456:789a::1]/", "private"),
    ("http://[::ffff:169.254.169.254]/", "cloud metadata"),
    ("http://[::ffff:a9fe:a9fe]/", "cloud metadata"),
    ("http://[0:0:0:0:0:ffff:7f00:1]/", "loopback"),
    ("http://[2002:7f00:1::]/", "loopback"),
    ("http://[2002:a9fe:a9fe::]/", "cloud metadata"),
    ("http://[64:ff9b::7f00:1]/", "reserved"),
    ("http://[::127.0.0.1]/", "reserved"),
    ("http://100.64.0.1/", "non-public"),
    ("http://[ff02::1]/", "multicast"),
    ("http://user:pw@127.0.0.1:9/", "loopback"),
]


@pytest.fixture
def stub_dns(monkeypatch, fuzz):
    """Names from benchmarks/fuzz.py's FAKE_DNS resolve without DNS; numeric hosts as the C library reads them."""
    monkeypatch.setattr(socket, "getaddrinfo", fuzz.stub_getaddrinfo(socket.getaddrinfo))
    return fuzz.FAKE_DNS


def _refused(url: str) -> BlockedURLError:
    items = list(read_inputs([url], Settings()))
    assert len(items) == 1 and isinstance(items[0], BlockedURLError), items
    assert "\n" not in items[0].reason and "NEWSPRISM_ALLOW_PRIVATE=1" in items[0].reason
    return items[0]


@pytest.mark.parametrize(("url", "kind"), NOTATIONS)
def test_every_notation_of_a_refused_address_is_refused(url, kind):
    assert kind in _refused(url).reason


@pytest.mark.parametrize("name", ["internal.test", "metadata.test", "rebind.test", "v6local.test", "ula.test",
                                  "mapped.test", "localhost", "LOCALHOST.", "Internal.Test."])
def test_names_that_resolve_to_refused_addresses_are_refused(stub_dns, name):
    """rebind.test answers a public and a loopback address: one refused answer refuses the name."""
    assert "refused: " in _refused(f"http://{name}/news").reason


class _Redirects(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.0"

    def log_message(self, *args):
        pass

    def do_GET(self):
        port = self.server.server_port
        targets = {
            "/to-ipv6-loopback": f"http://[::1]:{port}/article",
            "/to-hex": f"http://0x7f.0.0.2:{port}/article",
            "/to-decimal": f"http://2130706434:{port}/article",
            "/to-ipv6-metadata": "http://[fd00:ec2::254]/latest/meta-data/",
            "/to-mapped": f"http://[::ffff:10.0.0.1]:{port}/article",
            "/to-name": "http://metadata.test/latest/meta-data/",
            "/to-relative-then-private": "/to-hex",
            "/to-file": "file:///etc/passwd",
            "/to-gopher": "gopher://127.0.0.1:11211/_stats",
        }
        if self.path == "/article":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(BODY)))
            self.end_headers()
            self.wfile.write(BODY)
            return
        self.send_response(302)
        self.send_header("Location", targets[self.path])
        self.send_header("Content-Length", "0")
        self.end_headers()


@pytest.fixture(scope="module")
def redirector():
    base, httpd = serve(_Redirects)
    yield base
    httpd.shutdown()


@pytest.fixture
def only_the_test_server_is_public(monkeypatch):
    """127.0.0.1 (the test server) counts as public, so that where its redirects lead can be checked."""
    original = fetch_module.blocked_reason
    monkeypatch.setattr(fetch_module, "blocked_reason", lambda a: None if str(a) == "127.0.0.1" else original(a))


@pytest.mark.parametrize(("path", "expected"), [
    ("/to-ipv6-loopback", "::1 is a loopback address"),
    ("/to-hex", "0x7f.0.0.2 is a loopback address"),
    ("/to-decimal", "2130706434 is a loopback address"),
    ("/to-ipv6-metadata", "the cloud metadata address"),
    ("/to-mapped", "a private address"),
    ("/to-name", "metadata.test is the cloud metadata address"),
    ("/to-relative-then-private", "0x7f.0.0.2 is a loopback address"),
])
def test_redirects_into_refused_addresses_are_refused(redirector, only_the_test_server_is_public, stub_dns,
                                                      path, expected):
    error = _refused(redirector + path)
    assert error.reason.startswith("refused: redirect to ") and expected in error.reason


@pytest.mark.parametrize("path", ["/to-file", "/to-gopher"])
def test_redirects_to_other_schemes_are_refused(redirector, only_the_test_server_is_public, path):
    [error] = list(read_inputs([redirector + path], Settings()))
    assert isinstance(error, InputError) and "not an http or https URL" in error.reason


def _endless(connection) -> None:
    connection.send(b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n")
    chunk = b"The council met on Monday. " * 1000
    for _ in range(10_000):
        connection.send(b"%x\r\n%s\r\n" % (len(chunk), chunk))


def _lying_length(connection) -> None:
    connection.send(b"HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 10\r\n\r\n" + b"x" * 5_000_000)


@pytest.mark.parametrize("respond", [_endless, _lying_length], ids=["endless-chunked", "lying-content-length"])
def test_the_size_limit_holds_whatever_the_server_claims(respond):
    base, listener = raw_server(respond)
    started = time.monotonic()
    items = list(read_inputs([base + "/"], Settings(allow_private=True, fetch_timeout=5, max_input_bytes=100_000)))
    assert time.monotonic() - started < 10
    [item] = items
    if isinstance(item, InputError):
        assert "too large" in item.reason
    else:  # a Content-Length of 10 is read as 10 bytes and the rest dropped
        assert item.words <= 2
    listener.close()


@pytest.fixture
def api(tmp_path, monkeypatch):
    from fastapi.testclient import TestClient

    from newsprism.web import create_app

    monkeypatch.setenv("NEWSPRISM_TOKEN", "hardening-token")
    with TestClient(create_app(str(tmp_path / "api.db"), Settings())) as client:
        yield client


def _post_url(api, url: str):
    return api.post("/api/v1/articles", json={"url": url}, headers={"Authorization": "Bearer hardening-token"})


@pytest.mark.parametrize(("url", "kind"), NOTATIONS[:12] + [("http://[::1]:9/", "loopback")])
def test_the_web_api_refuses_the_same_addresses(api, url, kind):
    response = _post_url(api, url)
    assert response.status_code == 422, response.text
    assert kind in response.json()["detail"] and "\n" not in response.json()["detail"]


@pytest.mark.parametrize("url", ["http://metadata.test/latest/meta-data/", "http://rebind.test/", "http://ula.test/"])
def test_the_web_api_refuses_names_that_resolve_to_refused_addresses(api, stub_dns, url):
    response = _post_url(api, url)
    assert response.status_code == 422 and "refused" in response.json()["detail"], response.text


def test_the_web_api_refuses_redirects_into_refused_addresses(api, stub_dns, redirector, only_the_test_server_is_public):
    for path in ("/to-ipv6-metadata", "/to-hex", "/to-name"):
        response = _post_url(api, redirector + path)
        assert response.status_code == 422 and "refused: redirect to" in response.json()["detail"], response.text
