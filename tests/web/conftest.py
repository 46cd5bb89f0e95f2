"""One store per test session: the invented corpus in examples/ plus one hostile article, analysed once (~30 s).

Read-only tests share `client`; tests that write get their own copy of the store (`writable_db`).
"""

from __future__ import annotations

import json
import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

from newsprism import pipeline
from newsprism.settings import Settings
from newsprism.store import SQLiteStore

REPO_ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = REPO_ROOT / "examples"

SCRIPT = "<script>window.__pwned = 1; alert('script')</script>"
IMG = "<img src=x onerror=\"alert('img');window.__pwned=2\">"
HOSTILE_TITLE = f"Hostile {SCRIPT} title {IMG}"
HOSTILE_OUTLET = f"Evil Outlet {IMG}"
HOSTILE_TEXT = (
    f"The lighthouse keepers of Orlen Point voted to end their strike on Thursday, {SCRIPT} the union said. "
    f"Keepers will return to the towers next week {IMG} after a pay agreement with the harbour board. "
    "The board said the new contract raises wages by six percent and adds a fourth keeper at each station. "
    "\"We are relieved this is over,\" said union secretary Mara Olenska, who led the talks. "
    "Ships had been warned to keep clear of the Orlen shoals while the lights were dark."
)
HOSTILE_ARTICLE = {
    "title": HOSTILE_TITLE,
    "outlet": HOSTILE_OUTLET,
    "url": "javascript:alert('url')",
    "published": "2025-10-02",
    "text": HOSTILE_TEXT,
}


@pytest.fixture(scope="session")
def session_db(tmp_path_factory) -> str:
    folder = tmp_path_factory.mktemp("web-store")
    hostile = folder / "hostile.json"
    hostile.write_text(json.dumps(HOSTILE_ARTICLE), encoding="utf-8")
    path = str(folder / "newsprism.db")
    with SQLiteStore(path) as store:
        summary = pipeline.ingest([str(EXAMPLES), str(hostile)], store, Settings())
    assert not summary.rejected, [r.reason for r in summary.rejected]
    return path


@pytest.fixture
def writable_db(session_db, tmp_path) -> str:
    copy = tmp_path / "newsprism.db"
    shutil.copyfile(session_db, copy)
    return str(copy)


@pytest.fixture(scope="session")
def client(session_db):
    from fastapi.testclient import TestClient

    from newsprism.web import create_app

    with TestClient(create_app(session_db, Settings())) as test_client:
        yield test_client


@pytest.fixture(scope="session")
def stories(client) -> list[dict]:
    return client.get("/api/v1/stories").json()["stories"]


def _story_with_most(stories, key) -> dict:
    return max(stories, key=key)


@pytest.fixture(scope="session")
def compared_story(client, stories) -> dict:
    """The story with the most conflicts: it also has omissions, quotes and lineage."""
    def conflicts(story):
        return len(client.get(f"/api/v1/stories/{story['id']}").json()["conflicts"])

    return _story_with_most([s for s in stories if len(s["articles"]) > 1], conflicts)


@pytest.fixture(scope="session")
def hostile_article(stories) -> dict:
    return next(a for s in stories for a in s["articles"] if a["title"] == HOSTILE_TITLE)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def live_server(session_db):
    """A real uvicorn server on 127.0.0.1 in a thread, stopped at the end of the session."""
    import uvicorn

    from newsprism.web import create_app

    port = free_port()
    config = uvicorn.Config(create_app(session_db, Settings()), host="127.0.0.1", port=port, log_level="warning",
                            access_log=False)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)
