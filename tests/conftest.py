"""Fixtures shared by every test package.

PostgreSQL (`postgres_url`) comes from, in order:
1. `NEWSPRISM_TEST_PG` (a URL to a server where we may create and drop databases), or
2. a throwaway cluster that `scripts/postgres.sh` starts for this session (root; installs postgresql-15 with
   apt and builds pgvector when needed) and stops at the end.
When neither works the PostgreSQL tests are skipped, except under CI (`CI=true`), where they fail.
"""

from __future__ import annotations

import os
import socket
import subprocess
import uuid
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from newsprism.settings import Settings
from newsprism.store import SQLiteStore

REPO_ROOT = Path(__file__).resolve().parents[1]
SHARED = REPO_ROOT.parent / "shared"

SCRIPT = REPO_ROOT / "scripts" / "postgres.sh"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() in ("1", "true", "yes")


def _unavailable(reason: str):
    message = f"PostgreSQL is not available for the store tests: {reason}"
    if in_ci():
        pytest.fail(message + " (CI must test both stores; set NEWSPRISM_TEST_PG or run as root with apt)")
    pytest.skip(message + " (set NEWSPRISM_TEST_PG=postgresql://… to run them)")


@pytest.fixture(scope="session")
def postgres_server():
    """(url, error): a PostgreSQL server URL for the whole session, or why there is none."""
    url = os.environ.get("NEWSPRISM_TEST_PG")
    if url:
        yield url, None
        return
    env = dict(os.environ, NEWSPRISM_PG_PORT=str(_free_port()))  # our own port: sessions never share one
    try:
        started = subprocess.run(["bash", str(SCRIPT), "start"], env=env, capture_output=True, text=True,
                                 timeout=600)
    except (OSError, subprocess.TimeoutExpired) as exc:
        yield None, str(exc)
        return
    if started.returncode != 0:
        yield None, started.stderr.strip().splitlines()[-1] if started.stderr.strip() else "start failed"
        return
    try:
        yield started.stdout.strip().splitlines()[-1], None
    finally:
        subprocess.run(["bash", str(SCRIPT), "stop"], env=env, capture_output=True, timeout=120)


@pytest.fixture
def postgres_url(postgres_server):
    """A fresh, empty database on the session's server; dropped after the test."""
    import psycopg

    server, error = postgres_server
    if server is None:
        _unavailable(error)
    name = f"newsprism_test_{uuid.uuid4().hex[:12]}"
    try:
        admin = psycopg.connect(server, autocommit=True)
    except psycopg.Error as exc:
        _unavailable(f"cannot connect to {server}: {exc}")
    with admin:
        admin.execute(f'CREATE DATABASE "{name}"')
        yield urlsplit(server)._replace(path="/" + name).geturl()
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def open_postgres(postgres_url):
    """Opens PostgreSQL stores on a fresh database: `open_postgres(vectors=True)` insists on pgvector (skipped
    without it, failed under CI, where scripts/postgres.sh builds it); stores are closed after the test."""
    from newsprism.store.postgres import PostgresStore

    opened = []

    def opener(vectors: bool = True):
        store = PostgresStore(postgres_url, vectors=vectors)
        opened.append(store)
        if vectors and not store.searches_vectors:
            message = "pgvector is not installed on the test server (scripts/postgres.sh install builds it)"
            if in_ci():
                pytest.fail(message)
            pytest.skip(message)
        return store

    yield opener
    for store in opened:
        store.close()


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
