"""The comparison as one self-contained HTML file: inline CSS and JavaScript, nothing fetched from anywhere.

Safety rules, all enforced here or in the template:
- Jinja2 autoescaping is on for every template; nothing built from the document is marked safe.
- Article data reaches the script only through escaped `data-` attributes; the script holds no data.
- Links are emitted only for absolute http(s) URLs (`safe_url`); anything else is shown as text.
- A Content-Security-Policy `<meta>` allows exactly our one stylesheet and one script, by SHA-256 hash, and
  nothing else: no other script, no inline `style=` attributes, no external requests, no forms, no `<base>`.
"""

from __future__ import annotations

import base64
import difflib
import hashlib
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from ._view import (
    FACT_KINDS,
    KIND_DESCRIPTIONS,
    KIND_TITLES,
    STANCES,
    LineageNode,
    LineageView,
    Report,
    SentenceView,
    find_sentence,
    build_report,
    truncate,
)

NODE_WIDTH, NODE_HEIGHT, LEVEL_GAP, ROW_GAP, MARGIN = 188, 46, 96, 22, 16
EDGE_KINDS = ("copy", "rewrite", "cites")


@cache
def _asset(name: str) -> str:
    return resources.files(__package__).joinpath("static", name).read_text(encoding="utf-8")


def _sha256(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")


def content_security_policy() -> str:
    """The policy the report carries in its <meta> tag; a server sending the report should send it as a header."""
    return (
        "default-src 'none'; "
        f"style-src '{_sha256(_asset('report.css'))}'; "
        f"script-src '{_sha256(_asset('report.js'))}'; "
        "img-src data:; base-uri 'none'; form-action 'none'"
    )


@cache
def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader(__package__, "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["truncate_text"] = truncate
    env.filters["plural"] = lambda n, word, many=None: f"{n} {word if n == 1 else (many or word + 's')}"
    return env


@dataclass
class NodeBox:
    key: str
    label: str
    sublabel: str
    full_label: str
    x: int
    y: int
    outside: bool
    original: bool
    number: int | None


@dataclass
class EdgePath:
    d: str
    kind: str
    label: str
    label_x: int
    label_y: int
    title: str


@dataclass
class LineageGraph:
    width: int
    height: int
    nodes: list[NodeBox]
    edges: list[EdgePath]


def _levels(lineage: LineageView, keys: list[str]) -> dict[str, int]:
    """Longest path from a node without sources; cycles are cut after as many rounds as there are nodes."""
    level = {key: 0 for key in keys}
    for _ in range(len(keys)):
        changed = False
        for edge in lineage.edges:
            if edge.source.key == edge.target.key:
                continue
            wanted = level[edge.source.key] + 1
            if wanted > level[edge.target.key] and wanted < len(keys):
                level[edge.target.key] = wanted
                changed = True
        if not changed:
            break
    return level


def lineage_graph(report: Report) -> LineageGraph | None:
    """Positions for the lineage SVG: sources on the left, copies and rewrites to their right."""
    lineage = report.lineage
    if lineage.empty:
        return None
    nodes = {n.key: n for n in lineage.nodes}
    for article in report.articles:  # articles outside every edge are independent reports: show them too
        if article.id not in nodes:
            nodes[article.id] = LineageNode(article.id, article.label, article, False)
    keys = list(nodes)
    level = _levels(lineage, keys)
    columns: dict[int, list[str]] = {}
    for key in sorted(keys, key=lambda k: (not nodes[k].original, nodes[k].article.number if nodes[k].article else 0)):
        columns.setdefault(level[key], []).append(key)
    rows = max(len(c) for c in columns.values())
    height = MARGIN * 2 + rows * NODE_HEIGHT + (rows - 1) * ROW_GAP
    width = MARGIN * 2 + (max(columns) + 1) * NODE_WIDTH + max(columns) * LEVEL_GAP
    boxes: dict[str, NodeBox] = {}
    for column, members in columns.items():
        offset = (rows - len(members)) * (NODE_HEIGHT + ROW_GAP) // 2
        for row, key in enumerate(members):
            node = nodes[key]
            article = node.article
            label = f"[{article.number}] {article.label}" if article else node.label
            if article:
                sublabel = " · ".join(x for x in (article.published, f"{article.words} words" if article.words else "") if x)
            else:
                sublabel = "outside source"
            if node.original:
                sublabel = "original · " + sublabel if article else "original · outside source"
            boxes[key] = NodeBox(
                key=key,
                label=truncate(label, 24),
                sublabel=truncate(sublabel, 30),
                full_label=label,
                x=MARGIN + column * (NODE_WIDTH + LEVEL_GAP),
                y=MARGIN + offset + row * (NODE_HEIGHT + ROW_GAP),
                outside=article is None,
                original=node.original,
                number=article.number if article else None,
            )
    edges = []
    for edge in lineage.edges:
        a, b = boxes[edge.source.key], boxes[edge.target.key]
        kind = edge.kind if edge.kind in EDGE_KINDS else "other"
        if b.x > a.x:
            x1, y1, x2, y2 = a.x + NODE_WIDTH, a.y + NODE_HEIGHT // 2, b.x - 4, b.y + NODE_HEIGHT // 2
            bend = (x2 - x1) // 2
            d = f"M{x1},{y1} C{x1 + bend},{y1} {x2 - bend},{y2} {x2},{y2}"
        else:  # same column or backwards: loop out below
            x1, y1 = a.x + NODE_WIDTH // 2, a.y + NODE_HEIGHT
            x2, y2 = b.x + NODE_WIDTH // 2 + 12, b.y + NODE_HEIGHT + 4
            d = f"M{x1},{y1} C{x1},{y1 + 40} {x2},{y2 + 40} {x2},{y2}"
        label = " ".join(x for x in (edge.kind, edge.reuse) if x)
        edges.append(
            EdgePath(
                d=d,
                kind=kind,
                label=label,
                label_x=(x1 + x2) // 2,
                label_y=(y1 + y2) // 2 - 6,
                title=f"{a.full_label} → {b.full_label}: {label}",
            )
        )
    extra = 40 if any(boxes[e.target.key].x <= boxes[e.source.key].x for e in lineage.edges) else 0
    return LineageGraph(width=width, height=height + extra, nodes=list(boxes.values()), edges=edges)


def _word_diff(base: str, other: str) -> list[tuple[str, bool]]:
    """`other` as (token, changed) pairs: the words that differ from `base` are marked."""
    a, b = re.findall(r"\S+|\s+", base), re.findall(r"\S+|\s+", other)
    norm = lambda tokens: [t.casefold().strip("\"'“”‘’.,;:!?") for t in tokens]  # noqa: E731
    out: list[tuple[str, bool]] = []
    for op, _, _, j1, j2 in difflib.SequenceMatcher(a=norm(a), b=norm(b), autojunk=False).get_opcodes():
        out += [(t, op != "equal" and not t.isspace()) for t in b[j1:j2]]
    return out


def _quote_diffs(report: Report) -> dict[tuple[int, int], list[tuple[str, bool]]]:
    diffs = {}
    for group in report.quote_groups:
        base = group.quotes[0].text
        for i, quote in enumerate(group.quotes):
            tokens = _word_diff(base, quote.text) if group.wording_changed and i else [(quote.text, False)]
            diffs[(group.number, i)] = tokens
    return diffs


def _paragraphs(sentences: list[SentenceView]) -> list[list[SentenceView]]:
    paragraphs: list[list[SentenceView]] = []
    for sentence in sentences:
        if not paragraphs or sentence.paragraph_break:
            paragraphs.append([])
        paragraphs[-1].append(sentence)
    return paragraphs


def _summary_facts(report: Report) -> list[str | None]:
    known = {f.id for f in report.facts}
    facts = []
    for sentence in report.summary:
        if sentence.fact in known:
            facts.append(sentence.fact)
            continue
        found = None
        for article in sentence.sources or report.articles:
            match = find_sentence(article, sentence.text)
            if match and match.fact:
                found = match.fact
                break
        facts.append(found)
    return facts


def _context(comparison: dict) -> dict:
    report = build_report(comparison)
    facts = {f.id: f for f in report.facts}
    first_sentence = {}
    for article in report.articles:
        for sentence in article.sentences:
            if sentence.fact and sentence.fact not in first_sentence:
                first_sentence[sentence.fact] = f"s-{article.number}-{sentence.index}"
    sentence_counts = {kind: 0 for kind in FACT_KINDS + ("none",)}
    for article in report.articles:
        for sentence in article.sentences:
            sentence_counts[sentence.kind] = sentence_counts.get(sentence.kind, 0) + 1
    return {
        "report": report,
        "facts_by_id": facts,
        "fact_anchor": {f.id: f"fact-{f.number}" for f in report.facts},
        "first_sentence": first_sentence,
        "sentence_counts": sentence_counts,
        "paragraphs": {a.id: _paragraphs(a.sentences) for a in report.articles},
        "quote_diffs": _quote_diffs(report),
        "summary_facts": _summary_facts(report),
        "lineage": lineage_graph(report),
        "kinds": FACT_KINDS,
        "kind_titles": KIND_TITLES,
        "kind_descriptions": KIND_DESCRIPTIONS,
        "stances": STANCES,
        "edge_kinds": EDGE_KINDS,
    }


def render_html_body(comparison: dict) -> str:
    """The report's sections without <html>, <head> or assets: for pages that embed it (the web app). Such a
    page must include `report.css` and `report.js` (see `report_assets()`) and send `content_security_policy()`."""
    return _environment().get_template("report_body.html").render(_context(comparison))


def report_assets() -> tuple[str, str]:
    """The report's stylesheet and script, exactly as hashed in the Content-Security-Policy."""
    return _asset("report.css"), _asset("report.js")


def render_html(comparison: dict) -> str:
    """The comparison as one self-contained HTML page."""
    context = _context(comparison)
    css, js = report_assets()
    context.update(css=Markup(css), js=Markup(js), csp=content_security_policy())
    return _environment().get_template("report.html").render(context)
