"""URLs, fetched only from a local server this test starts, and the address checks on every hop."""

from __future__ import annotations

import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from newsprism.errors import BlockedURLError
from newsprism.ingest import fetch as fetch_module
from newsprism.settings import Settings

from .test_formats import STORM_HTML, STORM_RSS

LOCAL = Settings(allow_private=True, fetch_timeout=2.0)


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.0"  # a body without Content-Length runs until the connection closes

    def log_message(self, *args):
        pass

    def do_GET(self):
        routes = {
            "/article": lambda: self.send("text/html; charset=utf-8", STORM_HTML.encode()),
            "/feed": lambda: self.send("application/rss+xml", STORM_RSS.encode()),
            "/data": lambda: self.send("application/json", b'[{"text": "Served as JSON."}]'),
            "/plain": lambda: self.send("text/plain; charset=latin-1", "Caf\xe9 owners said so.".encode("latin-1")),
            "/redirect": lambda: self.redirect("/article"),
            "/loop": lambda: self.redirect("/loop"),
            "/to-loopback": lambda: self.redirect(f"http://127.0.0.2:{self.server.server_port}/article"),
            "/to-metadata": lambda: self.redirect("http://169.254.169.254/latest/meta-data/"),
            "/to-private": lambda: self.redirect("http://10.20.30.40/article"),
            "/big": lambda: self.send("text/plain", b"x" * 5000),
            "/big-stream": self.stream_big,
            "/slow": self.slow,
            "/nav": lambda: self.send("text/html", b"<html><body><nav><a href='/'>Home</a></nav></body></html>"),
        }
        route = routes.get(self.path)
        if route is None:
            self.send_error(404, "Not Found")
        else:
            route()

    def send(self, content_type, body):
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def redirect(self, location):
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def stream_big(self):
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.end_headers()
        for _ in range(50):
            self.wfile.write(b"y" * 1000)

    def slow(self):
        time.sleep(1.5)
        self.send("text/plain", b"Too late to matter.")


@pytest.fixture(scope="module")
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def loopback_server_is_public(monkeypatch):
    """Let 127.0.0.1 (the test server) count as a public address, so redirects from it can be checked."""
    original = fetch_module.blocked_reason
    monkeypatch.setattr(fetch_module, "blocked_reason", lambda a: None if str(a) == "127.0.0.1" else original(a))


def test_html_page(server, read):
    url = server + "/article"
    [article], errors = read([url], LOCAL)
    assert errors == []
    assert (article.source, article.url) == (url, url)
    assert article.title == "Storm cuts power to 40,000 homes"
    assert "rescued 12 people" in article.text and "Subscribe" not in article.text


def test_content_type_decides_the_parser(server, read):
    articles, errors = read([server + "/feed", server + "/data", server + "/plain"], LOCAL)
    assert errors == []
    assert [a.source for a in articles] == [
        server + "/feed#1", server + "/feed#2", server + "/data#1", server + "/plain",
    ]
    assert articles[2].text == "Served as JSON."
    assert articles[3].text == "Café owners said so."


def test_redirect_is_followed(server, read):
    [article], errors = read([server + "/redirect"], LOCAL)
    assert errors == []
    assert article.source == server + "/redirect"
    assert article.meta["final_url"] == server + "/article"


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        ("/missing", "HTTP 404 Not Found"),
        ("/loop", "too many redirects (more than 5)"),
        ("/nav", "no main text found in the HTML"),
    ],
)
def test_http_failures(server, read, path, reason):
    articles, [error] = read([server + path], LOCAL)
    assert articles == []
    assert (error.source, error.reason) == (server + path, reason)


def test_too_large_response_is_cut(server, read):
    small = Settings(allow_private=True, max_input_bytes=1000)
    _, [declared] = read([server + "/big"], small)
    assert declared.reason == "too large: 5000 bytes (the limit is 1000)"
    _, [streamed] = read([server + "/big-stream"], small)
    assert streamed.reason == "too large: more than 1000 bytes (the limit is 1000); download stopped"


def test_timeout(server, read):
    _, [error] = read([server + "/slow"], Settings(allow_private=True, fetch_timeout=0.3))
    assert error.reason == "timed out after 0.3 s"


def test_unreachable_url(read):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    _, [error] = read([f"http://127.0.0.1:{port}/"], LOCAL)
    assert error.reason.startswith("cannot connect")


@pytest.mark.parametrize(
    ("url", "kind"),
    [
        ("http://127.0.0.1:9/", "a loopback address"),
        ("http://localhost:9/", "a loopback address"),
        ("http://[::1]:9/", "a loopback address"),
        ("http://2130706433/", "a loopback address"),
        ("http://10.1.2.3/", "a private address"),
        ("http://192.168.0.1/", "a private address"),
        ("http://169.254.169.254/latest/meta-data/", "the cloud metadata address"),
        ("http://169.254.10.1/", "a link-local address"),
        ("http://[fe80::1]/", "a link-local address"),
        ("http://0.0.0.0/", "an unspecified address"),
        ("http://[::ffff:127.0.0.1]/", "a loopback address"),
    ],
)
def test_private_addresses_are_refused_by_default(read, url, kind):
    articles, [error] = read([url], Settings())
    assert articles == []
    assert isinstance(error, BlockedURLError)
    assert kind in error.reason
    assert "NEWSPRISM_ALLOW_PRIVATE=1" in error.reason


@pytest.mark.parametrize(
    ("path", "kind"),
    [
        ("/to-loopback", "127.0.0.2 is a loopback address"),
        ("/to-metadata", "169.254.169.254 is the cloud metadata address"),
        ("/to-private", "10.20.30.40 is a private address"),
    ],
)
def test_every_redirect_hop_is_checked(server, read, loopback_server_is_public, path, kind):
    articles, [error] = read([server + path], Settings())
    assert articles == []
    assert isinstance(error, BlockedURLError)
    assert error.reason.startswith("refused: redirect to http://")
    assert kind in error.reason


def test_public_first_hop_is_fetched_from_the_checked_address(server, read, loopback_server_is_public):
    [article], errors = read([server + "/article"], Settings())
    assert errors == []
    assert article.outlet == "Coastline Wire"


def test_non_http_scheme_is_not_a_url(read, tmp_path):
    _, [error] = read(["ftp://example.com/file.txt"], Settings())
    assert error.reason == "no such file or directory"
