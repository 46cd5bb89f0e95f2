"""Helpers for the hardening tests: the fuzz generator of benchmarks/fuzz.py, and servers on 127.0.0.1."""

from __future__ import annotations

import importlib.util
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]


def load_fuzz():
    """benchmarks/fuzz.py as a module: the CI properties and the long run share one generator and one oracle."""
    spec = importlib.util.spec_from_file_location("newsprism_fuzz", REPO_ROOT / "benchmarks" / "fuzz.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def fuzz():
    return load_fuzz()


def serve(handler: type[BaseHTTPRequestHandler]):
    """Start `handler` on 127.0.0.1; returns (base URL, server)."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{httpd.server_port}", httpd


def raw_server(respond):
    """A bare TCP server on 127.0.0.1 calling respond(connection) per connection; returns (base URL, socket)."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()

    def accept() -> None:
        while True:
            try:
                connection, _ = listener.accept()
            except OSError:
                return
            threading.Thread(target=_answer, args=(respond, connection), daemon=True).start()

    threading.Thread(target=accept, daemon=True).start()
    return f"http://127.0.0.1:{listener.getsockname()[1]}", listener


def _answer(respond, connection) -> None:
    try:
        connection.recv(65536)
        respond(connection)
    except OSError:
        pass
    finally:
        connection.close()
