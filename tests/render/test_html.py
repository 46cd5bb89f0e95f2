import base64
import hashlib
from html.parser import HTMLParser

from newsprism.render import content_security_policy, render_html, render_html_body
from newsprism.render.html import report_assets

from .conftest import IMG, SCRIPT


class Collector(HTMLParser):
    """Every start tag with its attributes, the text inside <script> and <style>, and all visible text."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.scripts: list[str] = []
        self.styles: list[str] = []
        self.text: list[str] = []
        self._inside: str | None = None

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag in ("script", "style"):
            self._inside = tag
            (self.scripts if tag == "script" else self.styles).append("")

    def handle_endtag(self, tag):
        if tag == self._inside:
            self._inside = None

    def handle_data(self, data):
        if self._inside == "script":
            self.scripts[-1] += data
        elif self._inside == "style":
            self.styles[-1] += data
        else:
            self.text.append(data)


def parse(html: str) -> Collector:
    collector = Collector()
    collector.feed(html)
    collector.close()
    return collector


def sha(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()


def test_sections_and_structure(comparison):
    page = render_html(comparison)
    doc = parse(page)
    ids = {attrs.get("id") for _, attrs in doc.tags}
    for section in ("articles", "summary", "coverage", "side-by-side", "omissions", "conflicts", "quotes", "framing",
                    "lineage"):
        assert section in ids
    assert [t for t, _ in doc.tags].count("h1") == 1
    assert "col-1" in ids and "col-3" in ids and "fact-4" in ids
    text = " ".join(" ".join(doc.text).split())
    assert "Iran Press omits 3" in text
    assert "Who conducted the interview" in text and "Iran Press reporter" in text
    assert "wording changed" in text and "occupiers" in text
    assert "Original: IRNA (outside source)" in text


def test_sentences_are_coloured_by_coverage_and_linked_to_facts(comparison):
    doc = parse(render_html(comparison))
    spans = {a["id"]: a for t, a in doc.tags if t == "span" and "s" in a.get("class", "").split()}
    assert spans["s-1-0"]["class"] == "s cov-consensus" and spans["s-1-0"]["data-fact"] == "F1"
    assert spans["s-1-1"]["class"] == "s cov-partial" and spans["s-1-1"]["data-fact"] == "F5"
    assert spans["s-2-2"]["class"] == "s cov-unique"
    assert spans["s-3-5"]["class"] == "s cov-none" and "data-fact" not in spans["s-3-5"]
    assert "F4 · partial · Khaama Press, Tolo News" == spans["s-1-6"]["title"]
    legend = [a for t, a in doc.tags if t == "ul" and a.get("class") == "legend"]
    assert legend
    factrefs = [a for t, a in doc.tags if t == "a" and a.get("class") == "factref" and a.get("data-fact") == "F4"]
    assert factrefs and factrefs[0]["href"] == "#s-1-6"


def test_quote_word_changes_are_marked(comparison):
    page = render_html(comparison)
    assert '<mark class="changed">remains</mark>' in page


def test_lineage_is_an_inline_svg(comparison):
    doc = parse(render_html(comparison))
    tags = [t for t, _ in doc.tags]
    assert "svg" in tags and tags.count("rect") >= 4
    edges = [a for t, a in doc.tags if t == "g" and a.get("class", "").startswith("edge ")]
    assert [e["class"] for e in edges] == ["edge edge-cites", "edge edge-rewrite", "edge edge-rewrite"]
    assert "rewrite 41%" in " ".join(doc.text)


def test_self_contained_with_a_hash_based_policy(comparison):
    page = render_html(comparison)
    doc = parse(page)
    css, js = report_assets()
    assert doc.scripts == [js] and doc.styles == [css]
    meta = [a for t, a in doc.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"]
    assert meta and meta[0]["content"] == content_security_policy()
    policy = meta[0]["content"]
    assert "default-src 'none'" in policy and f"script-src '{sha(js)}'" in policy and f"style-src '{sha(css)}'" in policy
    for tag, attrs in doc.tags:
        assert "style" not in attrs, tag  # inline style attributes would be blocked by the policy
        for name in ("src", "href"):
            value = attrs.get(name) or ""
            assert not value.startswith("//") and not (value.startswith("http") and tag != "a"), (tag, attrs)
    assert not any(t in ("link", "iframe", "img", "object", "embed", "base", "form") for t, _ in doc.tags)


def test_hostile_input_is_escaped(hostile_comparison):
    page = render_html(hostile_comparison)
    doc = parse(page)
    _, js = report_assets()
    assert doc.scripts == [js], "the only script is ours"
    for tag, attrs in doc.tags:
        assert tag not in ("img", "iframe", "object", "embed", "base", "form"), (tag, attrs)
        for name, value in attrs.items():
            assert not name.startswith("on"), (tag, name, value)
            if name in ("href", "src", "action", "formaction", "xlink:href"):
                assert value.startswith(("#", "https://", "http://")), (tag, name, value)
                assert "javascript" not in value.lower()
    text = " ".join(doc.text)
    assert SCRIPT in text and IMG in text and 'He said "leave" & left\'s' in text
    assert "javascript:alert(1)" in text  # an unsafe URL is shown as text, never linked
    hrefs = [a["href"] for t, a in doc.tags if t == "a" and "href" in a]
    assert 'https://ok.example/"><script>alert(1)</script>' in hrefs  # quoted safely inside the attribute
    fact_attrs = {a.get("data-fact") for _, a in doc.tags if a.get("data-fact")}
    assert 'F2"><script>alert(2)</script>' in fact_attrs


def test_body_fragment_for_embedding(comparison):
    body = render_html_body(comparison)
    assert "<html" not in body and "<script" not in body and 'id="coverage"' in body


def test_missing_optional_parts_still_render():
    page = render_html({"articles": [{"id": "a", "title": "Only one"}], "facts": [], "lineage": {}})
    assert "No facts were aligned" in page and "independent report" in page and "No text included" in page
    evidence_only = {
        "articles": [{"id": "a", "outlet": "A"}, {"id": "b", "outlet": "B"}],
        "facts": [{"id": "F1", "text": "t", "reported_by": ["a", "b"], "kind": "consensus",
                   "evidence": [{"article": "a", "sentence": 3, "text": "A says t."},
                                {"article": "b", "sentence": 0, "text": "B says t."}]}],
    }
    page = render_html(evidence_only)
    assert "showing the sentences that carry facts" in page and 'data-fact="F1"' in page and "A says t." in page
