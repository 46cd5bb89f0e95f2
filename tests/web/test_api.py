"""The JSON API with FastAPI's TestClient on a store built from examples/: documents, redirects, errors, auth."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from newsprism.model import Story
from newsprism.settings import Settings
from newsprism.store import SQLiteStore
from newsprism.web import create_app

from .conftest import HOSTILE_TITLE

TOKEN = "s3cret-token-for-tests"
NEW_ARTICLE = {
    "title": "Kasmere ferry service resumes after week-long halt",
    "outlet": "Test Wire",
    "url": "https://testwire.example/kasmere-ferry",
    "published": "2025-11-03",
    "text": "Ferries between Kasmere and the outer islands resumed on Monday after a week-long halt caused by "
            "storm damage to the main pier. The harbour authority said repairs cost 1.2 million crowns. "
            "About 4,000 passengers had been stranded, according to the ferry operator.",
}


def test_stories_document(client, stories):
    doc = client.get("/api/v1/stories").json()
    assert doc["schema"] == "newsprism.stories/1"
    assert len(stories) >= 5
    for story in stories:
        assert {"id", "title", "articles", "outlets", "first_published", "last_published", "copies"} <= set(story)
    dates = [s["last_published"] or "" for s in stories]
    assert dates == sorted(dates, reverse=True)  # newest first
    titles = " ".join(s["title"] for s in stories)
    assert "trawler" in titles and "Valdoria" in titles


def test_stories_filters(client, stories):
    by_outlet = client.get("/api/v1/stories", params={"outlet": "Merovia Voice"}).json()["stories"]
    assert by_outlet and all("Merovia Voice" in s["outlets"] + s["copy_outlets"] for s in by_outlet)
    by_text = client.get("/api/v1/stories", params={"q": "trawler"}).json()["stories"]
    assert [s["title"] for s in by_text] == ["Tarsova seizes Merovian trawler near Calder Bank"]
    in_may = client.get("/api/v1/stories", params={"since": "2025-05-01", "until": "2025-05-31"}).json()["stories"]
    assert in_may and all(s["first_published"].startswith("2025-05") for s in in_may)
    bad = client.get("/api/v1/stories", params={"since": "last tuesday"})
    assert bad.status_code == 422 and "since" in bad.json()["detail"]


def test_comparison_document(client, compared_story):
    doc = client.get(f"/api/v1/stories/{compared_story['id']}").json()
    assert doc["schema"] == "newsprism.comparison/1"
    assert doc["story"]["id"] == compared_story["id"]
    assert {a["id"] for a in doc["articles"]} == {a["id"] for a in compared_story["articles"]}
    assert doc["facts"] and doc["omissions"] and doc["conflicts"]
    kinds = {f["kind"] for f in doc["facts"]}
    assert kinds <= {"consensus", "partial", "unique"}
    assert all(c["kind"] in {"number", "date", "place", "actor", "source", "negation", "other"} for c in doc["conflicts"])


def test_story_prefix_and_merged_ids_redirect(client, compared_story, writable_db):
    full = compared_story["id"]
    short = client.get(f"/api/v1/stories/{full[:9]}", follow_redirects=False)
    assert short.status_code == 307 and short.headers["location"] == f"/api/v1/stories/{full}"
    with SQLiteStore(writable_db) as store:
        store.save_stories([], retired=[Story(id="s-merged0000000000", title="old", successor=full)])
    with TestClient(create_app(writable_db, Settings())) as other:
        page = other.get("/stories/s-merged0000000000", follow_redirects=False)
        assert page.status_code == 307 and page.headers["location"] == f"/stories/{full}"
        api = other.get("/api/v1/stories/s-merged0000000000")  # followed
        assert api.status_code == 200 and api.json()["story"]["id"] == full


def test_unknown_ids_are_404_with_a_reason(client):
    r = client.get("/api/v1/stories/s-doesnotexist")
    assert r.status_code == 404 and "no story" in r.json()["detail"]
    assert "/" not in r.json()["detail"]  # no server paths
    assert client.get("/api/v1/articles/ffffffffffff").status_code == 404
    assert client.get("/stories/s-doesnotexist").status_code == 404


def test_article_document(client, hostile_article):
    doc = client.get(f"/api/v1/articles/{hostile_article['id']}").json()
    assert doc["schema"] == "newsprism.analysis/1"
    assert doc["article"]["title"] == HOSTILE_TITLE
    assert "lighthouse keepers" in doc["article"]["text"]
    assert {"sentences", "actors", "quotes", "reporting_verbs", "loaded_terms", "dates"} <= set(doc)
    assert doc["story"]
    assert any(q["speaker"] and "Olenska" in q["speaker"] for q in doc["quotes"])


def test_search_text_and_meaning_grouped_by_story(client):
    doc = client.get("/api/v1/search", params={"q": "trawler"}).json()
    assert doc["schema"] == "newsprism.search/1"
    top = doc["groups"][0]
    assert "trawler" in top["story"]["title"]
    assert all(h["article"]["id"] for h in top["hits"])
    # no shared words with the query: only the sentence embeddings can find it
    meaning = client.get("/api/v1/search", params={"q": "electricity outage left millions in the dark"}).json()
    assert meaning["semantic"] is True
    assert meaning["groups"] and "Valdoria" in meaning["groups"][0]["story"]["title"]
    assert meaning["groups"][0]["hits"][0]["match"] == "semantic"
    assert client.get("/api/v1/search").status_code == 422


def test_openapi_lists_the_routes(client):
    spec = client.get("/api/v1/openapi.json").json()
    paths = spec["paths"]
    for path in ("/api/v1/stories", "/api/v1/stories/{story_id}", "/api/v1/articles/{article_id}", "/api/v1/search"):
        assert "get" in paths[path]
    assert "post" in paths["/api/v1/articles"]
    assert "/" not in paths  # pages are not API
    post = paths["/api/v1/articles"]["post"]
    assert post["security"] == [{"bearerToken": []}]
    assert spec["components"]["securitySchemes"]["bearerToken"] == {
        "type": "http", "scheme": "bearer", "description": "the server's NEWSPRISM_TOKEN"}
    assert {"200", "201", "401", "413", "422"} <= set(post["responses"])


# --- writes -------------------------------------------------------------------------------------------------
@pytest.fixture
def write_client(writable_db, monkeypatch):
    monkeypatch.setenv("NEWSPRISM_TOKEN", TOKEN)
    with TestClient(create_app(writable_db, Settings())) as test_client:
        yield test_client


def auth(token=TOKEN):
    return {"Authorization": f"Bearer {token}"}


def test_writes_are_off_without_the_token_variable(client, monkeypatch):
    monkeypatch.delenv("NEWSPRISM_TOKEN", raising=False)
    r = client.post("/api/v1/articles", json=NEW_ARTICLE, headers=auth())
    assert r.status_code == 403
    assert "NEWSPRISM_TOKEN" in r.json()["detail"]


def test_wrong_or_missing_token_is_401(write_client):
    r = write_client.post("/api/v1/articles", json=NEW_ARTICLE, headers=auth("nope"))
    assert r.status_code == 401 and r.headers["www-authenticate"] == "Bearer"
    assert write_client.post("/api/v1/articles", json=NEW_ARTICLE).status_code == 401
    assert write_client.post("/api/v1/articles", json=NEW_ARTICLE, headers={"Authorization": TOKEN}).status_code == 401


def test_right_token_ingests_a_json_article(write_client):
    r = write_client.post("/api/v1/articles", json=NEW_ARTICLE, headers=auth())
    assert r.status_code == 201, r.text
    doc = r.json()
    assert doc["schema"] == "newsprism.ingest/1" and doc["status"] == "added"
    assert doc["id"] and doc["story"]
    article = write_client.get(f"/api/v1/articles/{doc['id']}").json()
    assert article["article"]["title"] == NEW_ARTICLE["title"]
    assert article["article"]["source"] == "api"
    listed = write_client.get("/api/v1/stories").json()["stories"]
    assert any(a["id"] == doc["id"] for s in listed for a in s["articles"])  # the cached listing was refreshed
    again = write_client.post("/api/v1/articles", json=NEW_ARTICLE, headers=auth())
    assert again.status_code == 200 and again.json()["status"] == "present"


def test_upload_a_file(write_client):
    text = "Kasmere Gazette\n\n" + NEW_ARTICLE["text"].replace("Monday", "Tuesday")
    r = write_client.post("/api/v1/articles", headers=auth(),
                          files={"file": ("kasmere-ferry.txt", text.encode("utf-8"), "text/plain")})
    assert r.status_code == 201, r.text
    assert r.json()["results"][0]["source"] == "api:kasmere-ferry.txt"


@pytest.mark.parametrize(
    ("kwargs", "reason"),
    [
        ({"content": b"{not json", "headers": {"Content-Type": "application/json"}}, "not valid JSON"),
        ({"json": {"title": "no text here"}}, "text"),
        ({"json": {"text": ""}}, ""),
        ({"content": b"", "headers": {"Content-Type": "application/json"}}, "empty"),
        ({"json": {"url": "ftp://example.com/a"}}, "http"),
        ({"content": b"hello", "headers": {"Content-Type": "text/plain"}}, "content type"),
        ({"files": {"file": ("empty.txt", b"  ", "text/plain")}}, "empty"),
        ({"json": {"text": "rates " * 200_000}}, "text too long"),
    ],
)
def test_bad_input_is_422_with_one_line(write_client, kwargs, reason):
    headers = {**auth(), **kwargs.pop("headers", {})}
    r = write_client.post("/api/v1/articles", headers=headers, **kwargs)
    assert r.status_code == 422, r.text
    detail = r.json()["detail"]
    assert isinstance(detail, str) and "\n" not in detail and reason in detail


@pytest.mark.parametrize("url", ["http://127.0.0.1:9/article", "http://localhost/x", "http://169.254.169.254/latest/meta-data",
                                 "http://10.0.0.1/news"])
def test_urls_to_private_addresses_are_refused(write_client, url):
    r = write_client.post("/api/v1/articles", json={"url": url}, headers=auth())
    assert r.status_code == 422, r.text
    detail = r.json()["detail"].lower()
    assert any(word in detail for word in ("loopback", "private", "link-local", "not allowed", "refus", "blocked"))
