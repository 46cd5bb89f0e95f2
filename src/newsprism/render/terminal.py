"""Terminal reports, laid out by rich and returned as strings that fit the given width (80 columns by default).

Article text never reaches rich's markup parser: every piece of it goes in through `Text` objects, after
`clean_text()` has removed control characters (a hostile article could otherwise carry escape sequences).
"""

from __future__ import annotations

import os
import sys
import textwrap
from io import StringIO
from typing import Any, Iterable

from rich import box
from rich.console import Console, RenderableType
from rich.padding import Padding
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from ._view import (
    FACT_KINDS,
    KIND_DESCRIPTIONS,
    KIND_TITLES,
    STANCES,
    ArticleView,
    Report,
    build_report,
    clean_inline,
    clean_text,
    plural,
    short_date,
    truncate,
)

KIND_STYLES = {"consensus": "green", "partial": "yellow", "unique": "red", "none": "dim"}
STANCE_STYLES = {"neutral": "", "emphasis": "yellow", "distancing": "magenta"}
YES, NO = "✓", "·"
NBSP = "\u00a0"
SINGLE_QUOTES_SHOWN = 8
# A long story has dozens of single-outlet facts: the terminal shows the first ones (best ranked) and points to
# the full Markdown and HTML reports; the JSON always has everything.
UNIQUE_FACTS_SHOWN = 15
OMISSIONS_SHOWN = 10


def _use_color(color: bool | None) -> bool:
    if color is not None:
        return color
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    return sys.stdout.isatty()


def _print(renderables: Iterable[RenderableType], width: int, color: bool | None) -> str:
    use_color = _use_color(color)
    console = Console(
        file=StringIO(),
        width=width,
        force_terminal=use_color,
        force_interactive=False,
        force_jupyter=False,
        color_system="standard" if use_color else None,
        no_color=not use_color,
        markup=False,
        emoji=False,
        highlight=False,
        legacy_windows=False,
        soft_wrap=False,
    )
    for renderable in renderables:
        console.print(renderable)
    output = console.file.getvalue()
    return "\n".join(line.rstrip() for line in output.splitlines()).rstrip() + "\n"


def _text(*parts: Any) -> Text:
    """A Text from (string, style) pairs or plain strings; strings are cleaned of control characters."""
    text = Text()
    for part in parts:
        if isinstance(part, tuple):
            text.append(clean_inline(part[0]) if part[0] else "", style=part[1])
        elif part:
            text.append(clean_inline(part))
    return text


def _with_tail(body: str, tail: str, width: int) -> Text:
    """`body` then a dimmed `tail`, wrapped to `width` so that the tail is never split across lines."""
    if width < 20:
        return _text(body, "  ", (tail, "dim"))
    lines = textwrap.wrap(f"{body}  {tail.replace(' ', NBSP)}", width=width, break_on_hyphens=False)
    joined = "\n".join(lines).replace(NBSP, " ")
    text = Text(joined)
    text.stylize("dim", len(joined) - len(tail))
    return text


def _section(title: str, count: int | None = None) -> Rule:
    label = f" {title} ({count}) " if count is not None else f" {title} "
    return Rule(Text(label, style="bold"), align="left", characters="─", style="dim")


def _hanging(rows: Iterable[tuple[Text | str, Text]], indent: int = 2) -> Padding:
    """Two columns, the second wrapping under itself: bullets and labels with long text beside them."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column(ratio=1, overflow="fold")
    for left, right in rows:
        grid.add_row(left, right)
    return Padding(grid, (0, 0, 0, indent))


def _nothing(message: str) -> Padding:
    return Padding(Text(message, style="dim italic"), (0, 0, 0, 2))


def _article_ref(article: ArticleView | None, label: str = "") -> Text:
    if article is None:
        return _text((label or "?", "bold"))
    return _text((article.ref, "cyan"), " ", (article.label, "bold"))


def _header(report: Report) -> list[RenderableType]:
    counts = report.kind_counts
    lines: list[RenderableType] = [_text(("newsprism comparison", "dim")), _text((report.title, "bold"))]
    meta = list(report.meta)
    if report.date_range:
        meta.append(report.date_range)
    if report.story_id:
        meta.append(f"story {report.story_id}")
    lines.append(_text((" · ".join(meta), "dim")))
    for warning in report.warnings:
        lines.append(_text(("Note: ", "bold yellow"), (warning, "yellow")))
    stats = Text()
    stats.append(f"{len(report.facts)} facts: ")
    for i, kind in enumerate(FACT_KINDS):
        if i:
            stats.append(" · ")
        stats.append(f"{counts[kind]} {kind}", style=KIND_STYLES[kind])
    stats.append(f"   {plural(len(report.conflicts), 'conflict')} · {plural(report.omission_count, 'omission')}")
    lines.append(stats)

    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False, expand=True, header_style="bold")
    table.add_column("#", no_wrap=True, style="cyan")
    table.add_column("Outlet", overflow="fold", max_width=20)
    table.add_column("Title", ratio=1, overflow="fold")
    table.add_column("Date", no_wrap=True)
    table.add_column("Words", justify="right", no_wrap=True)
    for article in report.articles:
        table.add_row(
            article.ref,
            _text((article.label, "bold")),
            _text(article.title),
            article.published or "—",
            str(article.words) if article.words is not None else "—",
        )
    if report.articles:
        lines.append(Text(""))
        lines.append(table)
    return lines


def _summary(report: Report) -> list[RenderableType]:
    if not report.summary:
        return []
    rows = []
    for i, sentence in enumerate(report.summary, start=1):
        body = _text(sentence.text)
        body.append(" ")
        body.append("".join(a.ref for a in sentence.sources) or "[no source]", style="cyan")
        if sentence.single_outlet:
            body.append(f" ({sentence.single_note})", style="yellow")
        for dispute in sentence.disputed:
            body.append(f"\n   disputed: {dispute}", style="red")
        rows.append((_text((f"{i}.", "dim")), body))
    return [_section("Neutral summary"), _hanging(rows), Text("")]


def _coverage(report: Report) -> list[RenderableType]:
    out: list[RenderableType] = [_section("Coverage", len(report.facts))]
    if not report.facts:
        return out + [_nothing("No facts were aligned."), Text("")]
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False, expand=True, header_style="bold")
    table.add_column("Fact", no_wrap=True, style="dim")
    table.add_column("", ratio=1, no_wrap=True, overflow="ellipsis")
    for article in report.articles:
        table.add_column(str(article.number), justify="center", no_wrap=True, width=max(2, len(str(article.number))))
    for kind in FACT_KINDS:
        facts = report.facts_of(kind)
        if not facts:
            continue
        table.add_row("", _text((f"{KIND_TITLES[kind]} — {KIND_DESCRIPTIONS[kind]} ({len(facts)})",
                                 f"bold {KIND_STYLES[kind]}")))
        shown = facts[:UNIQUE_FACTS_SHOWN] if kind == "unique" else facts
        for fact in shown:
            marks = [
                Text(YES, style=KIND_STYLES[kind]) if fact.reports(a) else Text(NO, style="dim")
                for a in report.articles
            ]
            table.add_row(fact.id, _text(fact.text), *marks)
        if len(shown) < len(facts):
            table.add_row("", Text(f"… and {len(facts) - len(shown)} more (see --md or --html)", style="dim"))
        if kind != FACT_KINDS[-1]:
            table.add_row("", "")
    legend = Text(f"{YES} reports the fact   {NO} does not   columns: ", style="dim")
    legend.append(", ".join(f"{a.number} {a.label}" for a in report.articles), style="dim")
    if report.copy_ids:
        legend.append("   a copy and its original count as one outlet", style="dim")
    return out + [table, legend, Text("")]


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _omissions(report: Report, width: int) -> list[RenderableType]:
    out: list[RenderableType] = [_section("Omissions", report.omission_count)]
    if not report.omissions:
        return out + [_nothing("No outlet left out a fact the others reported."), Text("")]
    for outlet in report.omissions:
        head = _article_ref(outlet.article)
        head.append(" omits:")
        out.append(head)
        rows = []
        id_width = max(len(item.fact_id) for item in outlet.items) + 2
        for item in outlet.items[:OMISSIONS_SHOWN]:
            n = item.reported_by_others
            tail = f"(reported by {n} other{'s' if n != 1 else ''})"
            body = _with_tail(clean_text(item.text or item.fact_id), tail, width - 2 - id_width - 1)
            if item.nearest:
                body.append(f"\nperhaps in other words: “{_clip(item.nearest, 110)}”", style="dim")
            rows.append((_text(("•", "red"), " ", (item.fact_id, "dim")), body))
        out.append(_hanging(rows))
        if len(outlet.items) > OMISSIONS_SHOWN:
            out.append(_nothing(f"… and {len(outlet.items) - OMISSIONS_SHOWN} more (see --md or --html)"))
    return out + [Text("")]


def _conflicts(report: Report) -> list[RenderableType]:
    out: list[RenderableType] = [_section("Conflicts", len(report.conflicts))]
    if not report.conflicts:
        return out + [_nothing("No conflicting details were found.")]
    for conflict in report.conflicts:
        out.append(_text((conflict.kind.upper(), "bold red"), "  ", (conflict.summary, "bold")))
        rows = []
        for claim in conflict.claims:
            body = _text((claim.value or "—", "bold"))
            if claim.text:
                body.append(f" — “{clean_text(claim.text)}”", style="dim")
            rows.append((_article_ref(claim.article, claim.label), body))
        out.append(_hanging(rows))
    return out + [Text("")]


def _quotes(report: Report) -> list[RenderableType]:
    out: list[RenderableType] = [_section("Quotes", len(report.quote_groups))]
    if not report.quote_groups:
        return out + [_nothing("No quotes were found."), Text("")]
    shared = [g for g in report.quote_groups if g.outlets > 1]
    single = [g for g in report.quote_groups if g.outlets <= 1]
    for group in shared:
        head = _text((f"Q{group.number} ", "dim"), (group.speaker, "bold"))
        head.append(f" · {group.outlets} outlet{'s' if group.outlets != 1 else ''}", style="dim")
        if group.wording_changed:
            head.append(" · wording changed", style="bold yellow")
        if group.speaker_changed:
            head.append(" · speaker differs", style="bold yellow")
        out.append(head)
        rows = []
        for quote in group.quotes:
            how = ", ".join(x for x in (quote.kind, quote.verb) if x)
            left = _article_ref(quote.article, quote.label)
            body = Text()
            if how:
                body.append(f"({how}) ", style="dim")
            body.append(f"“{quote.text}”" if quote.kind != "indirect" else quote.text)
            rows.append((left, body))
        out.append(_hanging(rows))
    if single:
        out.append(_text((f"Quoted by one outlet only ({len(single)}):", "dim")))
        rows = []
        for group in single[:SINGLE_QUOTES_SHOWN]:
            quote = group.quotes[0]
            body = _text((group.speaker, "bold"), ": ", truncate(quote.text, 200))
            rows.append((_article_ref(quote.article, quote.label), body))
        out.append(_hanging(rows))
        if len(single) > SINGLE_QUOTES_SHOWN:
            out.append(_nothing(f"… and {len(single) - SINGLE_QUOTES_SHOWN} more (see --md or --html)"))
    return out + [Text("")]


def _framing(report: Report) -> list[RenderableType]:
    out: list[RenderableType] = [_section("Framing")]
    if not report.framing:
        return out + [_nothing("No framing signals were measured."), Text("")]
    for framing in report.framing:
        out.append(_article_ref(framing.article))
        rows = []
        if framing.loaded_terms:
            terms = Text()
            for i, term in enumerate(framing.loaded_terms):
                if i:
                    terms.append(", ")
                terms.append(term.term, style="bold magenta")
                if term.target:
                    terms.append(f" (→ {term.target})", style="dim")
            rows.append((_text(("Loaded terms", "dim")), terms))
        if framing.actor_labels:
            labels = Text()
            for i, actor in enumerate(framing.actor_labels):
                labels.append_text(_text("; " if i else "", (actor.actor, "bold"), " → ", ", ".join(actor.labels)))
            rows.append((_text(("Actor labels", "dim")), labels))
        verbs = Text()
        for i, stance in enumerate(STANCES):
            if i:
                verbs.append(" · ")
            verbs.append(f"{stance} {framing.verb_counts[stance]}", style=STANCE_STYLES[stance])
            examples = framing.examples_for(stance)
            if examples:
                verbs.append(f" ({', '.join(examples[:4])})", style="dim")
        others = framing.untyped_examples()
        if others:
            verbs.append(f" · e.g. {', '.join(others[:4])}", style="dim")
        rows.append((_text(("Verbs", "dim")), verbs))
        if not framing.loaded_terms:
            rows.insert(0, (_text(("Loaded terms", "dim")), _text(("none", "dim"))))
        out.append(_hanging(rows))
    return out + [Text("")]


def _lineage(report: Report) -> list[RenderableType]:
    lineage = report.lineage
    out: list[RenderableType] = [_section("Lineage")]
    if lineage.empty:
        return out + [_nothing("No copies, rewrites or cited sources were found.")]
    if lineage.original:
        where = "" if lineage.original.article else " (outside source)"
        out.append(_text("Original: ", (lineage.original.label, "bold"), (where, "dim"),
                         (f" — {lineage.reason}" if lineage.reason else "", "dim")))
    elif lineage.undetermined:
        out.append(_text("Original: ", ("not determined", "bold"), (f" ({lineage.undetermined[14:]})", "dim")))
    elif lineage.independent:
        out.append(_text("Original: ", ("none", "bold"), (" (independent reports: no article copies or rewrites another)",
                                                          "dim")))
    rows = []
    for edge in lineage.edges:
        arrow = _text((f"─{edge.kind}{' ' + edge.reuse if edge.reuse else ''}→", "yellow"))
        left = _article_ref(edge.source.article, edge.source.label)
        right = _article_ref(edge.target.article, edge.target.label)
        rows.append((left, Text.assemble(arrow, " ", right)))
    if rows:
        out.append(_hanging(rows))
    return out


def render_terminal(comparison: dict, width: int = 80, color: bool | None = None) -> str:
    """The comparison as a terminal report: header, summary, coverage matrix, omissions, conflicts, quotes,
    framing and lineage."""
    report = build_report(comparison)
    parts = (
        _header(report)
        + [Text("")]
        + _summary(report)
        + _coverage(report)
        + _omissions(report, width)
        + _conflicts(report)
        + _quotes(report)
        + _framing(report)
        + _lineage(report)
    )
    return _print(parts, width, color)


def _listing_table() -> Table:
    return Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False, expand=True, header_style="bold")


def render_articles_table(articles: list[dict], width: int = 80, color: bool | None = None) -> str:
    """ARTICLE dicts as a table: id, outlet, title, date, words, language."""
    if not articles:
        return _print([Text("No articles stored yet. Add some with `newsprism ingest PATH`.")], width, color)
    table = _listing_table()
    table.add_column("ID", no_wrap=True, style="cyan")
    table.add_column("Outlet · title · source", ratio=1, overflow="fold")
    table.add_column("Date", no_wrap=True)
    table.add_column("Words", justify="right", no_wrap=True)
    table.add_column("Lang", no_wrap=True)
    for article in articles:
        words = article.get("words")
        cell = _text((article.get("outlet") or "(outlet unknown)", "bold"))
        cell.append("\n")
        cell.append(clean_text(article.get("title") or "(untitled)"))
        cell.append("\n")
        cell.append(clean_text(str(article.get("source") or "")), style="dim")
        table.add_row(
            _text(article.get("id")),
            cell,
            short_date(article.get("published")) or "—",
            str(words) if isinstance(words, int) else "—",
            _text(article.get("language") or "—"),
        )
    return _print([table, Text(f"{len(articles)} article{'s' if len(articles) != 1 else ''}", style="dim")],
                  width, color)


def render_stories_table(stories: list[dict], width: int = 80, color: bool | None = None) -> str:
    """STORY dicts as a table: id, title, outlets (copies counted apart), articles, dates."""
    if not stories:
        return _print([Text("No stories yet. Ingest articles about the same event first.")], width, color)
    table = _listing_table()
    table.add_column("ID", no_wrap=True, style="cyan")
    table.add_column("Story · outlets", ratio=1, overflow="fold")
    table.add_column("Arts", justify="right", no_wrap=True)
    table.add_column("Dates", no_wrap=True)
    for story in stories:
        articles = story.get("articles") if isinstance(story.get("articles"), list) else []
        copies = story.get("copies") if isinstance(story.get("copies"), list) else []
        outlets = story.get("outlets")
        if isinstance(outlets, list):
            outlets_text = ", ".join(clean_text(o) for o in outlets if o)
        else:
            outlets_text = clean_text(outlets) if outlets is not None else ""
        first, last = short_date(story.get("first_published")), short_date(story.get("last_published"))
        dates = first if first == last or not last else f"{first} – {last}" if first else last
        count = Text(str(len(articles)))
        if copies:
            count.append(f"\n({len(copies)} cop{'ies' if len(copies) != 1 else 'y'})", style="dim")
        cell = _text((story.get("title") or "(untitled)", "bold"))
        cell.append("\n")
        cell.append(outlets_text or "—", style="dim")
        table.add_row(_text(story.get("id")), cell, count, dates or "—")
    return _print([table, Text(f"{len(stories)} stor{'ies' if len(stories) != 1 else 'y'}", style="dim")],
                  width, color)


def render_article(article: dict, width: int = 80, color: bool | None = None) -> str:
    """One ARTICLE dict (with its `text` when present): metadata, then the text in paragraphs."""
    article = article if isinstance(article, dict) else {}
    rows = []
    for key, name in (("id", "ID"), ("outlet", "Outlet"), ("published", "Published"), ("url", "URL"),
                      ("source", "Source"), ("language", "Language"), ("words", "Words")):
        if article.get(key) not in (None, ""):
            rows.append((_text((name, "dim")), _text(str(article[key]))))
    parts: list[RenderableType] = [_text((article.get("title") or "(untitled)", "bold")), _hanging(rows, indent=0)]
    text = article.get("text") if isinstance(article.get("text"), str) else ""
    if text.strip():
        parts.append(_section("Text"))
        for paragraph in (p for p in text.replace("\r\n", "\n").split("\n\n") if p.strip()):
            parts += [_text(paragraph), Text("")]
    return _print(parts, width, color)


def render_story(story: dict, width: int = 80, color: bool | None = None) -> str:
    """One STORY dict: title, dates, outlets, its articles, and which of them are copies of which."""
    story = story if isinstance(story, dict) else {}
    articles = [a for a in story.get("articles", []) if isinstance(a, dict)] if isinstance(story.get("articles"), list) else []
    copies = [c for c in story.get("copies", []) if isinstance(c, dict)] if isinstance(story.get("copies"), list) else []
    first, last = short_date(story.get("first_published")), short_date(story.get("last_published"))
    meta = [f"story {clean_text(story.get('id'))}" if story.get("id") else "", f"{len(articles)} articles"]
    if first or last:
        meta.append(first if first == last or not last else f"{first} – {last}" if first else last)
    outlets = story.get("outlets")
    parts: list[RenderableType] = [
        _text((story.get("title") or "(untitled)", "bold")),
        _text((" · ".join(m for m in meta if m), "dim")),
    ]
    if isinstance(outlets, list) and outlets:
        parts.append(_text(("Outlets: ", "dim"), ", ".join(clean_text(o) for o in outlets if o)))
    parts.append(Text(""))
    copy_of = {str(c.get("article")): str(c.get("copy_of")) for c in copies}
    # the original by its id (it is in the table), with its outlet when it has one: a copy's title is the same
    titles = {str(a.get("id")): clean_text(f"{a.get('id')} ({a['outlet']})" if a.get("outlet") else a.get("id"))
              for a in articles}
    table = _listing_table()
    table.add_column("ID", no_wrap=True, style="cyan")
    table.add_column("Outlet", overflow="fold", max_width=18)
    table.add_column("Title", ratio=1, overflow="fold")
    table.add_column("Date", no_wrap=True)
    for a in articles:
        title = _text(a.get("title") or "(untitled)")
        if str(a.get("id")) in copy_of:
            original = copy_of[str(a.get("id"))]
            title.append(f"  copy of {titles.get(original, original)}", style="yellow")
        table.add_row(_text(a.get("id")), _text((a.get("outlet") or "—", "bold")), title,
                      short_date(a.get("published")) or "—")
    parts.append(table)
    if copies:
        parts.append(Text(f"{len(copies)} cop{'ies' if len(copies) != 1 else 'y'}: not counted as independent outlets",
                          style="dim"))
    return _print(parts, width, color)


def _items(analysis: dict, key: str) -> list[dict]:
    value = analysis.get(key) if isinstance(analysis, dict) else None
    return [x for x in value if isinstance(x, dict)] if isinstance(value, list) else []


def render_analysis(article: dict, analysis: dict, width: int = 80, color: bool | None = None) -> str:
    """One article's analysis: sentences, actors and aliases, quotes, reporting verbs by stance, loaded terms
    and dates."""
    article = article if isinstance(article, dict) else {}
    parts: list[RenderableType] = [_text((article.get("title") or "(untitled)", "bold"))]
    meta = [clean_text(article.get(k)) for k in ("outlet", "id") if article.get(k)]
    if article.get("published"):
        meta.append(short_date(article.get("published")))
    if isinstance(article.get("words"), int):
        meta.append(f"{article['words']} words")
    if article.get("language"):
        meta.append(clean_text(article.get("language")))
    parts += [_text((" · ".join(meta), "dim"))]
    versions = analysis.get("versions") if isinstance(analysis.get("versions"), dict) else {}
    if versions.get("skipped"):
        parts.append(_text((f"Not analysed: {clean_text(versions['skipped'])}", "yellow")))
    parts.append(Text(""))

    sentences = _items(analysis, "sentences")
    parts.append(_section("Sentences", len(sentences)))
    parts.append(_hanging(((_text((str(s.get("index", i)), "dim")), _text(s.get("text")))
                           for i, s in enumerate(sentences)), indent=0) if sentences else _nothing("none"))

    actors = _items(analysis, "actors")
    parts.append(_section("Actors", len(actors)))
    if actors:
        table = _listing_table()
        table.add_column("Actor", overflow="fold", ratio=1)
        table.add_column("Type", no_wrap=True, style="dim")
        table.add_column("As written", overflow="fold", ratio=2)
        for actor in actors:
            aliases = actor.get("aliases") if isinstance(actor.get("aliases"), list) else []
            table.add_row(_text((actor.get("name") or "?", "bold")), _text(actor.get("type")),
                          _text(", ".join(clean_text(a) for a in aliases)))
        parts.append(table)
    else:
        parts.append(_nothing("none"))

    quotes = _items(analysis, "quotes")
    parts.append(_section("Quotes", len(quotes)))
    rows = []
    for quote in quotes:
        how = ", ".join(clean_text(x) for x in (quote.get("kind"), quote.get("verb")) if x)
        body = _text((f"({how}) " if how else "", "dim"),
                     f"“{clean_text(quote.get('text'))}”" if quote.get("kind") != "indirect" else quote.get("text"))
        if quote.get("sentence") is not None:
            body.append(f"  s{clean_text(quote.get('sentence'))}", style="dim")
        who = quote.get("speaker") or (f"“{clean_text(quote['speaker_phrase'])}” (unnamed)"
                                       if quote.get("speaker_phrase") else "Unattributed")
        rows.append((_text((who, "bold")), body))
    parts.append(_hanging(rows, indent=0) if rows else _nothing("none"))

    verbs = _items(analysis, "reporting_verbs")
    parts.append(_section("Reporting verbs", len(verbs)))
    rows = []
    for stance in STANCES + ("other",):
        found = [v for v in verbs if (v.get("stance") if v.get("stance") in STANCES else "other") == stance]
        if stance == "other" and not found:
            continue
        body = Text(f"{len(found)}", style="bold")
        if found:
            listed = []
            for v in found:
                who = f" ({clean_text(v.get('speaker'))})" if v.get("speaker") else ""
                listed.append(f"{clean_text(v.get('verb'))}{who}")
            body.append("  " + ", ".join(listed))
        rows.append((_text((stance, STANCE_STYLES.get(stance, ""))), body))
    parts.append(_hanging(rows, indent=0))

    terms = _items(analysis, "loaded_terms")
    parts.append(_section("Loaded terms", len(terms)))
    rows = [(_text((t.get("term") or "?", "bold magenta")),
             _text(f"→ {clean_text(t.get('target'))}" if t.get("target") else ("no target", "dim"),
                   (f"  s{t.get('sentence')}" if t.get("sentence") is not None else "", "dim")))
            for t in terms]
    parts.append(_hanging(rows, indent=0) if rows else _nothing("none"))

    dates = _items(analysis, "dates")
    parts.append(_section("Dates", len(dates)))
    rows = [(_text((d.get("text") or "?", "bold")),
             _text(clean_text(d.get("value")) or ("unresolved", "dim"),
                   (f"  s{d.get('sentence')}" if d.get("sentence") is not None else "", "dim")))
            for d in dates]
    parts.append(_hanging(rows, indent=0) if rows else _nothing("none"))
    return _print(parts, width, color)


__all__ = [
    "render_terminal",
    "render_articles_table",
    "render_stories_table",
    "render_analysis",
    "render_article",
    "render_story",
]
