"""The HTML report in a real headless Chromium: nothing hostile runs, the payloads read as text, and the
script links a sentence to the same fact in the other columns."""

import shutil
from pathlib import Path

import pytest

from newsprism.render import render_html

from .conftest import IMG, SCRIPT

pytestmark = pytest.mark.browser

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]
OUTPUT = Path(__file__).resolve().parents[2] / "test-output"


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM:
        pytest.skip("chromium is not installed (apt-get install -y chromium); the HTML report was not opened in a browser")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    with sync_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        yield chromium
        chromium.close()


def open_report(browser, html: str, path: Path):
    path.write_text(html, encoding="utf-8")
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    events = {"dialogs": [], "errors": [], "requests": [], "csp": []}
    page.on("dialog", lambda d: (events["dialogs"].append(d.message), d.dismiss()))
    page.on("pageerror", lambda e: events["errors"].append(str(e)))
    page.on("console", lambda m: events["csp"].append(m.text) if "Content Security Policy" in m.text else None)
    page.on("request", lambda r: events["requests"].append(r.url) if not r.url.startswith("file:") else None)
    page.goto(path.as_uri())
    page.wait_for_load_state("load")
    return page, events


def test_hostile_report_runs_nothing_and_shows_payloads_as_text(browser, hostile_comparison, tmp_path):
    page, events = open_report(browser, render_html(hostile_comparison), tmp_path / "hostile.html")
    page.click("#s-1-2")  # a sentence whose fact id is itself a payload
    page.wait_for_timeout(300)
    assert events["dialogs"] == [] and events["errors"] == [] and events["requests"] == []
    assert page.evaluate("document.scripts.length") == 1
    assert page.evaluate("document.images.length") == 0
    assert page.locator("[onerror], [onload], [onclick]").count() == 0
    assert SCRIPT in page.inner_text("h1") and IMG in page.inner_text("h1")
    assert SCRIPT in page.inner_text("#col-1")
    assert page.locator("a[href^='javascript' i]").count() == 0
    assert page.is_visible("#np-inspector")  # our script did run under the policy
    page.close()


def test_report_links_facts_across_columns_and_screenshot(browser, comparison, tmp_path):
    OUTPUT.mkdir(exist_ok=True)
    page, events = open_report(browser, render_html(comparison), OUTPUT / "report.html")
    assert events["csp"] == [], events["csp"]
    page.screenshot(path=str(OUTPUT / "report.png"), full_page=True)
    page.click("#s-3-2")  # Tolo News: the missile strike, a partial fact (F4)
    highlighted = page.eval_on_selector_all(".s.hl", "els => els.map(e => e.id)")
    assert sorted(highlighted) == ["s-1-6", "s-3-2"]
    assert "reported by Khaama Press, Tolo News" in page.inner_text("#np-inspector")
    page.click("#omit-2 a.factref[data-fact='F10']")  # an omission in the panel highlights its sentences
    assert sorted(page.eval_on_selector_all(".s.hl", "els => els.map(e => e.id)")) == ["s-1-3", "s-3-3"]
    page.keyboard.press("Escape")
    assert page.locator(".s.hl").count() == 0 and not page.is_visible("#np-inspector")
    assert events["dialogs"] == [] and events["errors"] == [] and events["requests"] == []
    page.close()
