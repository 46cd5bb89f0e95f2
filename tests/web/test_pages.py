"""The HTML pages as a client without JavaScript sees them: content, escaping, and the security headers."""

from __future__ import annotations

from newsprism.render import content_security_policy

from .conftest import HOSTILE_TITLE, IMG, SCRIPT

ESCAPED_SCRIPT = "&lt;script&gt;window.__pwned"


def assert_safe_headers(response, policy_part="script-src 'self'"):
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "no-referrer"
    assert response.headers["x-frame-options"] == "DENY"
    policy = response.headers["content-security-policy"]
    assert "default-src 'none'" in policy and policy_part in policy and "unsafe-inline" not in policy


def test_list_page_shows_stories_counts_and_copies(client):
    r = client.get("/")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert_safe_headers(r)
    html = r.text
    titles = [s["title"] for s in client.get("/api/v1/stories").json()["stories"]]
    assert any("Valdoria" in t for t in titles)
    assert all(t.replace("'", "&#39;") in html for t in titles if "<" not in t)
    assert "conflicts" in html and "omissions" in html
    assert "copied from" in html  # the wire copy is shown apart from the independent outlets
    assert SCRIPT not in html and IMG not in html and ESCAPED_SCRIPT in html
    assert "<script" not in html  # the list needs no script at all


def test_list_filters_are_get_parameters(client):
    html = client.get("/", params={"q": "lisova"}).text
    assert "Lisova" in html and "Valdoria" not in html
    assert "1 story matches" in html
    bad = client.get("/", params={"since": "yesterday"})
    assert bad.status_code == 200 and "must be a date" in bad.text


def test_story_page_works_without_javascript(client, compared_story):
    r = client.get(f"/stories/{compared_story['id']}")
    assert_safe_headers(r)
    html = r.text
    for anchor in ('id="coverage"', 'id="side-by-side"', 'id="omissions"', 'id="conflicts"', 'id="quotes"',
                   'id="framing"', 'id="lineage"', "<svg"):
        assert anchor in html
    assert f'href="/api/v1/stories/{compared_story["id"]}"' in html
    assert f'href="/stories/{compared_story["id"]}.md"' in html
    assert '<script src="/static/report.js"></script>' in html
    assert html.count("<script") == 1 and "style=" not in html


def test_exports(client, compared_story):
    md = client.get(f"/stories/{compared_story['id']}.md")
    assert md.status_code == 200 and md.headers["content-type"].startswith("text/markdown")
    assert md.text.startswith("# ")
    report = client.get(f"/stories/{compared_story['id']}/report.html")
    assert report.status_code == 200 and "<!DOCTYPE html>" in report.text
    assert report.headers["content-security-policy"].startswith(content_security_policy())
    assert_safe_headers(report, "frame-ancestors 'none'")


def test_static_assets_match_the_policy(client):
    css = client.get("/static/report.css")
    assert css.status_code == 200 and css.headers["content-type"].startswith("text/css")
    assert client.get("/static/report.js").headers["content-type"].startswith("text/javascript")
    assert client.get("/static/app.css").status_code == 200
    assert client.get("/static/../app.py").status_code == 404


def test_hostile_article_page_escapes_everything(client, hostile_article):
    r = client.get(f"/articles/{hostile_article['id']}")
    assert_safe_headers(r)
    html = r.text
    assert SCRIPT not in html and IMG not in html and ESCAPED_SCRIPT in html
    assert 'href="javascript' not in html.lower()  # the javascript: URL is shown as text, never a link
    assert "<script" not in html
    assert "Olenska" in html


def test_search_page(client):
    html = client.get("/search", params={"q": "lighthouse keepers strike"}).text
    assert HOSTILE_TITLE not in html and ESCAPED_SCRIPT in html
    assert "words and meaning" in html or "words" in html
    assert client.get("/search").status_code == 200


def test_not_found_page(client):
    r = client.get("/articles/nothing-here")
    assert r.status_code == 404 and "No article" in r.text
    assert_safe_headers(r)
