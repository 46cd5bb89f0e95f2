"""The web app in a real headless Chromium against a real uvicorn server: a reader's path through the pages,
and hostile article data that must stay text."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from .conftest import HOSTILE_OUTLET, HOSTILE_TITLE, IMG, SCRIPT

pytestmark = pytest.mark.browser

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]
OUTPUT = Path(__file__).resolve().parents[2] / "test-output"


def _skip_or_fail(message: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"{message} (CI=true: browser tests must run)")
    pytest.skip(message)


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM:
        _skip_or_fail("chromium is not installed (apt-get install -y chromium); the web app was not opened in a browser")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _skip_or_fail("playwright is not installed (pip install playwright); never run `playwright install`")
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(viewport={"width": 1360, "height": 900}, base_url=live_server)
    page = context.new_page()
    events = {"dialogs": [], "errors": [], "csp": [], "offsite": []}
    page.on("dialog", lambda d: (events["dialogs"].append(d.message), d.dismiss()))
    page.on("pageerror", lambda e: events["errors"].append(str(e)))
    page.on("console", lambda m: events["csp"].append(m.text) if "Content Security Policy" in m.text else None)
    page.on("request", lambda r: None if r.url.startswith(live_server) else events["offsite"].append(r.url))
    page.events = events
    yield page
    context.close()


def test_list_story_omission_conflict_and_json_export(page, live_server):
    OUTPUT.mkdir(exist_ok=True)
    page.goto("/")
    assert page.title().startswith("Stories")
    cards = page.locator(".story-card")
    assert cards.count() >= 5
    trawler = cards.filter(has_text="Tarsova seizes Merovian trawler")
    assert trawler.locator(".count-conflicts strong").inner_text() != "0"
    page.screenshot(path=str(OUTPUT / "web-list.png"), full_page=True)

    # filter by outlet without JavaScript semantics: a plain GET form
    page.select_option("#f-outlet", "Merovia Voice")
    page.click("button:has-text('Filter')")
    assert "outlet=Merovia+Voice" in page.url
    assert page.locator(".story-card").count() >= 1

    page.goto("/")
    page.click("text=Tarsova seizes Merovian trawler near Calder Bank")
    page.wait_for_load_state("load")
    assert "/stories/" in page.url
    assert page.locator("h1").first.inner_text() == "Tarsova seizes Merovian trawler near Calder Bank"
    page.screenshot(path=str(OUTPUT / "web-story.png"), full_page=False)

    omissions = page.locator("#omissions")
    assert omissions.locator("li").count() >= 1
    assert "left out" in omissions.inner_text() or omissions.locator(".card").count() >= 1
    conflicts = page.locator("#conflicts")
    assert conflicts.locator(".claims li").count() >= 2
    assert page.locator(".matrix .fact-row").count() >= 3
    assert page.locator("#side-by-side .col").count() >= 3
    assert page.locator("#lineage svg").count() == 1

    # the report's script runs under our policy: clicking a sentence highlights its fact elsewhere
    sentence = page.locator("#side-by-side .s[data-fact]").first
    sentence.click()
    assert page.locator(".s.hl").count() >= 1
    page.keyboard.press("Escape")
    page.locator("#omissions").scroll_into_view_if_needed()
    page.screenshot(path=str(OUTPUT / "web-story-panels.png"), full_page=False)

    story_url = page.url
    with page.expect_response(lambda r: "/api/v1/stories/" in r.url) as response:
        page.click("a:has-text('JSON')")
    doc = json.loads(response.value.body())
    assert doc["schema"] == "newsprism.comparison/1" and doc["story"]["id"] in story_url
    assert page.events == {"dialogs": [], "errors": [], "csp": [], "offsite": []}


def test_article_page_and_search(page):
    page.goto("/search?q=electricity+outage+left+millions+in+the+dark")
    groups = page.locator(".result-group")
    assert groups.count() >= 1 and "Valdoria" in groups.first.locator("h2").inner_text()
    groups.first.locator(".hit a").first.click()
    page.wait_for_load_state("load")
    assert "/articles/" in page.url
    assert page.locator(".article-text").inner_text().strip()
    assert page.locator("#actors li").count() >= 1
    page.screenshot(path=str(OUTPUT / "web-article.png"), full_page=False)
    assert page.events["dialogs"] == [] and page.events["errors"] == [] and page.events["csp"] == []


def _assert_inert(page):
    page.wait_for_timeout(300)
    assert page.events["dialogs"] == [] and page.events["errors"] == []
    assert page.evaluate("window.__pwned === undefined")
    assert page.locator("img").count() == 0
    assert page.locator("[onerror], [onload], [onclick]").count() == 0
    scripts = page.evaluate("Array.from(document.scripts).map(s => s.src)")
    assert all(src.endswith("/static/report.js") for src in scripts)
    assert page.locator("a[href^='javascript' i]").count() == 0


def test_hostile_article_shows_as_text_and_runs_nothing(page, hostile_article, stories):
    page.goto(f"/articles/{hostile_article['id']}")
    _assert_inert(page)
    assert page.locator("h1").inner_text() == HOSTILE_TITLE
    assert SCRIPT in page.locator(".article-text").inner_text()
    assert IMG in page.locator(".article-text").inner_text()
    assert HOSTILE_OUTLET in page.locator(".eyebrow-dark").text_content()

    page.goto("/")
    _assert_inert(page)
    assert HOSTILE_TITLE in page.locator(".story-list").inner_text()

    story = next(s for s in stories if any(a["id"] == hostile_article["id"] for a in s["articles"]))
    page.goto(f"/stories/{story['id']}")
    _assert_inert(page)
    assert SCRIPT in page.locator("#side-by-side").inner_text()
    page.locator("#side-by-side .s").first.click()  # our script handles hostile data attributes as text
    _assert_inert(page)

    page.goto("/search?q=lighthouse+keepers")
    _assert_inert(page)
    assert HOSTILE_TITLE in page.locator(".result-group").inner_text()
