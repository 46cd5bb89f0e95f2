"""Hostile text in titles, outlets, article text and URLs, through every HTML output in a real headless Chromium.

Two stories are ingested and analysed once: one whose articles carry an XSS corpus (script tags, event
handlers, `javascript:` URLs, SVG onload, CSS expressions, meta refresh, `<base>`, `</script>` breakouts,
template and Markdown injection, bidi overrides and zero-width characters), and a clean one of the same shape
as the baseline. Each output (`newsprism compare --html`, the web app's `/`, `/stories/{id}`,
`/articles/{id}`, `/search`, the exported report, and the Markdown as a permissive viewer renders it) is
opened for both; the hostile page must open no dialog, log no CSP violation or error, navigate nowhere,
request nothing off-site, and hold exactly as many active elements (scripts, frames, objects, elements with
`on*` handlers…) as the clean one. The terminal output must be free of control and bidi characters.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import threading
import time

import pytest
from click.testing import CliRunner

from newsprism import pipeline
from newsprism.cli import cli
from newsprism.settings import Settings
from newsprism.store import SQLiteStore

pytestmark = [pytest.mark.slow, pytest.mark.browser]

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]

PAYLOADS = [
    "<script>window.__pwned=1;alert('script')</script>",
    "<img src=x onerror=\"window.__pwned=2;alert('img')\">",
    "<svg onload=\"window.__pwned=3;alert('svg')\"></svg>",
    "<svg><script>alert('svg-script')</script></svg>",
    "<a href=\"javascript:alert('a')\">click me</a>",
    "<div style=\"background:url(javascript:alert('css'))\">css</div>",
    "<p style=\"width:expression(alert('expr'))\">expr</p>",
    "<meta http-equiv=\"refresh\" content=\"0;url=https://evil.example/\">",
    "<base href=\"https://evil.example/\">",
    "</script><script>window.__pwned=4;alert('breakout')</script>",
    "</textarea></style></title><script>alert('close')</script>",
    "\"><script>alert('attr')</script>",
    "' onmouseover='alert(1)' data-x='",
    "<iframe src=\"javascript:alert('iframe')\"></iframe>",
    "<object data=\"javascript:alert('object')\"></object><embed src=\"javascript:alert('embed')\">",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert('mxss')>",
    "<details open ontoggle=\"alert('toggle')\">",
    "<input autofocus onfocus=\"alert('focus')\">",
    "{{7*7}} ${7*7} {{constructor.constructor('alert(1)')()}}",
    "[click](javascript:alert('md')) ![x](javascript:alert('mdimg')) <javascript:alert('auto')>",
    "\u202egnp.exe\u202c zero\u200bwidth\u200d joiner\u2066isolate\u2069 bom\ufeff",
]
URLS = ["javascript:alert('url')", "data:text/html,<script>alert('data')</script>",
        "https://example.org/\"><script>alert('u')</script>", "https://example.org/a?<svg onload=alert(1)>"]
BIDI_AND_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")

STORY = [
    ("Lighthouse keepers end strike", "Orlen Point",
     "The lighthouse keepers of Orlen Point voted to end their strike on Thursday, the union said. Keepers will "
     "return to the towers next week after a pay agreement with the harbour board. The board said the new "
     "contract raises wages by six percent. \"We are relieved this is over,\" said union secretary Mara Olenska."),
    ("Orlen lighthouse strike is over", "Coast Courier",
     "Striking lighthouse keepers at Orlen Point accepted a pay deal on Thursday, union secretary Mara Olenska "
     "said. The harbour board agreed to raise wages by six percent and the keepers return next week. Ships had "
     "been told to keep clear of the Orlen shoals while the lights were dark."),
    ("Keepers back at Orlen Point lights", "Harbour Times",
     "The strike by lighthouse keepers at Orlen Point ended on Thursday after the harbour board offered a six "
     "percent raise, according to the union. Mara Olenska, who led the talks, said keepers would be back next week."),
]
CLEAN = [
    ("Ferry crews end walkout", "Brisk Sound",
     "The ferry crews of Brisk Sound voted to end their walkout on Tuesday, the crew association said. Ferries "
     "will sail again on Friday after a deal with the transport office. The office said the deal raises pay by "
     "four percent. \"Passengers can plan again,\" said association chair Piet Volkov."),
    ("Brisk Sound ferry walkout is over", "Sound Daily",
     "Ferry crews at Brisk Sound accepted a pay deal on Tuesday, association chair Piet Volkov said. The "
     "transport office agreed to raise pay by four percent and ferries sail on Friday. Islanders had relied "
     "on a single water taxi during the walkout."),
    ("Ferries to sail again in Brisk Sound", "Island Post",
     "The walkout by ferry crews in Brisk Sound ended on Tuesday after the transport office offered a four "
     "percent raise, according to the association. Piet Volkov, who led the talks, said ferries sail on Friday."),
]

COUNT_ACTIVE = """() => {
  const all = Array.from(document.querySelectorAll('*'));
  const attrs = e => Array.from(e.attributes);
  const count = s => document.querySelectorAll(s).length;
  return {
    script: count('script'), iframe: count('iframe, frame'), object: count('object'), embed: count('embed'),
    svg_onload: count('svg[onload]'), base: count('base'), meta_refresh: count('meta[http-equiv]'),
    form: count('form'), input: count('input, textarea, button'), img: count('img'),
    on_handlers: all.filter(e => attrs(e).some(a => a.name.toLowerCase().startsWith('on'))).length,
    script_urls: all.filter(e => attrs(e).some(a => /^\\s*(javascript|vbscript|data):/i.test(a.value)
        && ['href', 'src', 'action', 'formaction', 'data', 'xlink:href'].includes(a.name.toLowerCase()))).length,
    css_script: all.filter(e => /expression\\(|javascript:/i.test(e.getAttribute('style') || '')).length,
  };
}"""


POINT_AT_EVERYTHING = """() => document.querySelectorAll('body *').forEach(e => {
  for (const type of ['mouseover', 'mouseenter', 'focus']) e.dispatchEvent(new Event(type, {bubbles: true}));
})"""


def _hostile_records() -> list[dict]:
    records = []
    for i, (title, outlet, text) in enumerate(STORY):
        sentences = text.split(". ")
        mixed = ". ".join(f"{s} {PAYLOADS[(i * 7 + j) % len(PAYLOADS)]}" for j, s in enumerate(sentences))
        records.append({
            "title": f"{title} {PAYLOADS[i]} {PAYLOADS[9 + i]} {PAYLOADS[-1]}",
            "outlet": f"{outlet} {PAYLOADS[1 + i]}{PAYLOADS[-1]}",
            "url": URLS[i],
            "published": "2025-10-02",
            "text": mixed + " " + " ".join(PAYLOADS),
        })
    return records


def _clean_records() -> list[dict]:
    return [{"title": t, "outlet": o, "url": f"https://news.example/{n}", "published": "2025-10-07", "text": x}
            for n, (t, o, x) in enumerate(CLEAN)]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> dict:
    folder = tmp_path_factory.mktemp("hostile")
    (folder / "hostile.json").write_text(json.dumps(_hostile_records()), encoding="utf-8")
    (folder / "clean.json").write_text(json.dumps(_clean_records()), encoding="utf-8")
    db = str(folder / "newsprism.db")
    with SQLiteStore(db) as store:
        summary = pipeline.ingest([str(folder / "hostile.json"), str(folder / "clean.json")], store, Settings())
        assert not summary.rejected, [r.reason for r in summary.rejected]
        assert store.integrity_problems() == []
        articles = list(store.articles())
        hostile = [a for a in articles if "<script>" in (a.title or "")]
        clean = [a for a in articles if a not in hostile]
        story_of = {a.id: store.story_of(a.id) for a in articles}
    return {"db": db, "folder": folder, "hostile": hostile, "clean": clean,
            "hostile_story": story_of[hostile[0].id], "clean_story": story_of[clean[0].id]}


def _skip_or_fail(message: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"{message} (CI=true: browser tests must run)")
    pytest.skip(message)


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM:
        _skip_or_fail("chromium is not installed (apt-get install -y chromium); hostile text was not opened in a browser")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _skip_or_fail("playwright is not installed (pip install playwright); never run `playwright install`")
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def live_server(corpus):
    import uvicorn

    from newsprism.web import create_app

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    config = uvicorn.Config(create_app(corpus["db"], Settings()), host="127.0.0.1", port=port,
                            log_level="warning", access_log=False)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert time.monotonic() < deadline and thread.is_alive(), "the test server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


def _open(browser, url: str, allowed_prefix: str) -> dict:
    """Load `url`, wait a moment for anything that would fire, and report what the page did and holds."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    seen = {"dialogs": [], "errors": [], "csp": [], "offsite": [], "navigations": 0}
    page.on("dialog", lambda d: (seen["dialogs"].append(d.message), d.dismiss()))
    page.on("pageerror", lambda e: seen["errors"].append(str(e)))
    page.on("console", lambda m: seen["csp"].append(m.text)
            if "Content Security Policy" in m.text or m.type == "error" else None)
    page.on("request", lambda r: None if r.url.startswith(allowed_prefix) else seen["offsite"].append(r.url))
    page.on("framenavigated", lambda f: seen.__setitem__("navigations", seen["navigations"] + 1)
            if f == page.main_frame else None)
    page.goto(url)
    page.wait_for_load_state("load")
    page.evaluate(POINT_AT_EVERYTHING)  # what a reader's mouse would do, to every element
    if page.locator("#side-by-side .s").count():
        page.locator("#side-by-side .s").first.click(timeout=5000)  # our script handles hostile data as text
    page.wait_for_timeout(400)
    seen["final_url"] = page.url
    seen["active"] = page.evaluate(COUNT_ACTIVE)
    seen["pwned"] = page.evaluate("window.__pwned === undefined ? null : window.__pwned")
    seen["text"] = page.inner_text("body")
    page.close()
    return seen


def _assert_inert(hostile: dict, clean: dict, url: str) -> None:
    assert hostile["dialogs"] == [] and hostile["pwned"] is None, hostile["dialogs"]
    assert hostile["errors"] == [] and hostile["csp"] == [], hostile["errors"] + hostile["csp"]
    assert hostile["offsite"] == [], hostile["offsite"]
    assert hostile["navigations"] == 1 and hostile["final_url"] == url
    assert hostile["active"]["script_urls"] == 0 and hostile["active"]["css_script"] == 0
    assert hostile["active"] == clean["active"]


def _pairs(corpus) -> list[tuple[str, str]]:
    h, c = corpus["hostile"], corpus["clean"]
    pairs = [(f"/stories/{corpus['hostile_story']}", f"/stories/{corpus['clean_story']}"),
             (f"/stories/{corpus['hostile_story']}/report.html", f"/stories/{corpus['clean_story']}/report.html"),
             ("/search?q=lighthouse+keepers", "/search?q=ferry+crews"),
             ("/?q=lighthouse", "/?q=ferry")]
    pairs += [(f"/articles/{a.id}", f"/articles/{b.id}") for a, b in zip(h, c)]
    return pairs


def test_web_pages_run_nothing_and_inject_nothing(browser, live_server, corpus):
    for hostile_path, clean_path in _pairs(corpus):
        hostile = _open(browser, live_server + hostile_path, live_server)
        clean = _open(browser, live_server + clean_path, live_server)
        _assert_inert(hostile, clean, live_server + hostile_path)
    everything = _open(browser, live_server + "/", live_server)
    assert everything["dialogs"] == [] and everything["errors"] == [] and everything["csp"] == []
    assert everything["active"]["on_handlers"] == 0 and everything["active"]["script_urls"] == 0
    article = _open(browser, f"{live_server}/articles/{corpus['hostile'][0].id}", live_server)
    assert "<script>window.__pwned=1;alert('script')</script>" in article["text"]  # shown as text


def _cli(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout


def test_compare_html_report_runs_nothing_and_injects_nothing(browser, corpus, tmp_path):
    pages = {}
    for kind in ("hostile", "clean"):
        path = tmp_path / f"{kind}.html"
        _cli("compare", "--story", corpus[f"{kind}_story"], "--db", corpus["db"], "--html", str(path))
        pages[kind] = _open(browser, path.as_uri(), "file:")
    _assert_inert(pages["hostile"], pages["clean"], (tmp_path / "hostile.html").as_uri())
    assert "<script>window.__pwned=1" in pages["hostile"]["text"]


def test_markdown_rendered_by_a_permissive_viewer_runs_nothing(browser, corpus, live_server, tmp_path):
    """The Markdown (CLI and the web app's export) through markdown-it with raw HTML and linkify on: the
    escaping alone must keep every payload inert."""
    import httpx
    from markdown_it import MarkdownIt

    viewer = MarkdownIt("commonmark", {"html": True, "linkify": False}).enable("table")
    pages = {}
    for kind in ("hostile", "clean"):
        for source in ("cli", "web"):
            if source == "cli":
                markdown = _cli("compare", "--story", corpus[f"{kind}_story"], "--db", corpus["db"], "--md")
            else:
                markdown = httpx.get(f"{live_server}/stories/{corpus[f'{kind}_story']}.md").text
            path = tmp_path / f"{kind}-{source}.html"
            path.write_text(f"<!doctype html><meta charset=utf-8><body>{viewer.render(markdown)}</body>", "utf-8")
            pages[kind, source] = _open(browser, path.as_uri(), "file:")
    for source in ("cli", "web"):
        _assert_inert(pages["hostile", source], pages["clean", source], (tmp_path / f"hostile-{source}.html").as_uri())
        assert pages["hostile", source]["active"]["script"] == 0


def test_terminal_output_has_no_control_or_bidi_characters(corpus):
    outputs = [
        _cli("compare", "--story", corpus["hostile_story"], "--db", corpus["db"]),
        _cli("articles", "--db", corpus["db"]),
        _cli("stories", "--db", corpus["db"]),
        _cli("show", corpus["hostile"][0].id, "--db", corpus["db"]),
    ]
    for output in outputs:
        assert "Orlen" in output or "Lighthouse" in output or "lighthouse" in output
        found = BIDI_AND_CONTROL.findall(output)
        assert not found, sorted({f"U+{ord(c):04X}" for c in found})
