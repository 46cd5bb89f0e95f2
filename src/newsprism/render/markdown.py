"""The comparison as GitHub-flavoured Markdown: the same sections as the terminal report, as tables and lists.

Article text is escaped so that it can neither break a table (`|`, newlines), open HTML (`<`, `>`, `&`) nor
become Markdown structure (emphasis, links, headings, lists, quotes, code).
"""

from __future__ import annotations

import re
from urllib.parse import quote

from ._view import FACT_KINDS, KIND_DESCRIPTIONS, KIND_TITLES, STANCES, ArticleView, Report, build_report, clean_text, plural

_INLINE_SPECIALS = re.compile(r"([\\`*_\[\]{}()#+!|~])")
_LEADING_BULLET = re.compile(r"^([-=])")
_LEADING_NUMBER = re.compile(r"^(\d+)([.)])")


def md_escape(value: object) -> str:
    """Article text as inert Markdown inline text: one line, no HTML, no Markdown structure."""
    text = clean_text(value)
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _INLINE_SPECIALS.sub(r"\\\1", text)
    text = _LEADING_BULLET.sub(r"\\\1", text)
    return _LEADING_NUMBER.sub(r"\1\\\2", text)


def md_link(label: str, url: str | None) -> str:
    """`[label](url)` for a safe http(s) URL (already checked by safe_url), the bare label otherwise."""
    if not url:
        return label
    href = quote(url, safe=":/?#@!$&'*+,;=%-._~").replace("(", "%28").replace(")", "%29")
    return f"[{label}]({href})"


def _ref(article: ArticleView | None, label: str = "") -> str:
    if article is None:
        return md_escape(label or "?")
    return f"\\[{article.number}\\] {md_escape(article.label)}"


def _table(header: list[str], rows: list[list[str]], align: list[str] | None = None) -> list[str]:
    align = align or ["---"] * len(header)
    lines = ["| " + " | ".join(header) + " |", "| " + " | ".join(align) + " |"]
    lines += ["| " + " | ".join(cell or " " for cell in row) + " |" for row in rows]
    return lines + [""]


def _header(report: Report) -> list[str]:
    counts = report.kind_counts
    lines = [f"# {md_escape(report.title)}", ""]
    meta = list(report.meta)
    if report.date_range:
        meta.append(report.date_range)
    if report.story_id:
        meta.append(f"story `{report.story_id.replace('`', '')}`")
    lines += [" · ".join(meta), ""]
    for warning in report.warnings:
        lines += [f"> **Note:** {md_escape(warning)}", ""]
    kinds = ", ".join(f"**{counts[k]}** {k}" for k in FACT_KINDS)
    lines += [
        f"**{len(report.facts)}** facts ({kinds}); {plural(len(report.conflicts), 'conflict')}; "
        f"{plural(report.omission_count, 'omission')}.",
        "",
    ]
    rows = [
        [
            f"{a.number}",
            f"**{md_escape(a.label)}**",
            md_link(md_escape(a.title), a.url),
            a.published or "—",
            str(a.words) if a.words is not None else "—",
        ]
        for a in report.articles
    ]
    return lines + _table(["#", "Outlet", "Title", "Date", "Words"], rows, ["--:", "---", "---", "---", "--:"])


def _summary(report: Report) -> list[str]:
    if not report.summary:
        return []
    lines = ["## Neutral summary", ""]
    for i, sentence in enumerate(report.summary, start=1):
        cites = "".join(f"\\[{a.number}\\]" for a in sentence.sources) or "\\[no source\\]"
        only = f" *({md_escape(sentence.single_note)})*" if sentence.single_outlet else ""
        disputed = "".join(f" *(disputed: {md_escape(d)})*" for d in sentence.disputed)
        lines.append(f"{i}. {md_escape(sentence.text)} {cites}{only}{disputed}")
    sources = "; ".join(f"\\[{a.number}\\] {md_escape(a.label)}" for a in report.articles)
    return lines + ["", f"Sources: {sources}.", ""]


def _coverage(report: Report) -> list[str]:
    lines = ["## Coverage", ""]
    if not report.facts:
        return lines + ["_No facts were aligned._", ""]
    header = ["Fact", "Coverage", "Text"] + [md_escape(a.label) for a in report.articles]
    align = ["---", "---", "---"] + [":-:"] * len(report.articles)
    rows = []
    for kind in FACT_KINDS:
        for fact in report.facts_of(kind):
            marks = ["✓" if fact.reports(a) else "·" for a in report.articles]
            rows.append([md_escape(fact.id), kind, md_escape(fact.text)] + marks)
    legend = "; ".join(f"**{KIND_TITLES[k]}**: {KIND_DESCRIPTIONS[k]}" for k in FACT_KINDS)
    copies = " A copy and its original count as one outlet." if report.copy_ids else ""
    return lines + [legend + ". ✓ reports the fact, · does not." + copies, ""] + _table(header, rows, align)


def _omissions(report: Report) -> list[str]:
    lines = ["## Omissions", ""]
    if not report.omissions:
        return lines + ["_No outlet left out a fact the others reported._", ""]
    for outlet in report.omissions:
        lines.append(f"**{md_escape(outlet.article.label)}** omits:")
        lines.append("")
        for item in outlet.items:
            n = item.reported_by_others
            near = f" — perhaps in other words: “{md_escape(item.nearest)}”" if item.nearest else ""
            lines.append(
                f"- {md_escape(item.text)} ({md_escape(item.fact_id)}; reported by {n} other{'s' if n != 1 else ''})"
                f"{near}"
            )
        lines.append("")
    return lines


def _conflicts(report: Report) -> list[str]:
    lines = ["## Conflicts", ""]
    if not report.conflicts:
        return lines + ["_No conflicting details were found._", ""]
    for conflict in report.conflicts:
        lines += [f"### {md_escape(conflict.kind.capitalize())}: {md_escape(conflict.summary)}", ""]
        rows = [[_ref(c.article, c.label), f"**{md_escape(c.value) or '—'}**", md_escape(c.text)] for c in conflict.claims]
        lines += _table(["Outlet", "Says", "Sentence"], rows)
    return lines


def _quotes(report: Report) -> list[str]:
    lines = ["## Quotes", ""]
    if not report.quote_groups:
        return lines + ["_No quotes were found._", ""]
    for group in report.quote_groups:
        flags = []
        if group.wording_changed:
            flags.append("⚠ wording changed")
        if group.speaker_changed:
            flags.append("⚠ speaker differs")
        suffix = f" — {', '.join(flags)}" if flags else ""
        lines += [f"### Q{group.number}: {md_escape(group.speaker)}{suffix}", ""]
        rows = [
            [_ref(q.article, q.label), md_escape(q.speaker or (f"“{q.speaker_phrase}” (unnamed)" if q.speaker_phrase else "")) or "—", md_escape(" ".join(x for x in (q.kind, q.verb) if x)),
             md_escape(q.text)]
            for q in group.quotes
        ]
        lines += _table(["Outlet", "Speaker", "How", "Wording"], rows)
    return lines


def _framing(report: Report) -> list[str]:
    lines = ["## Framing", ""]
    if not report.framing:
        return lines + ["_No framing signals were measured._", ""]
    rows = []
    for f in report.framing:
        terms = ", ".join(
            f"**{md_escape(t.term)}**" + (f" (→ {md_escape(t.target)})" if t.target else "") for t in f.loaded_terms
        )
        labels = "; ".join(f"{md_escape(a.actor)} → {md_escape(', '.join(a.labels))}" for a in f.actor_labels)
        verbs = []
        for stance in STANCES:
            examples = f.examples_for(stance)
            shown = f" ({md_escape(', '.join(examples[:4]))})" if examples else ""
            verbs.append(f"{stance} {f.verb_counts[stance]}{shown}")
        if f.untyped_examples():
            verbs.append(f"e.g. {md_escape(', '.join(f.untyped_examples()[:4]))}")
        rows.append([_ref(f.article), terms or "—", labels or "—", "; ".join(verbs)])
    return lines + _table(["Outlet", "Loaded terms (target)", "Actor labels", "Reporting verbs"], rows)


def _lineage(report: Report) -> list[str]:
    lineage = report.lineage
    lines = ["## Lineage", ""]
    if lineage.empty:
        return lines + ["_No copies, rewrites or cited sources were found._", ""]
    if lineage.original:
        where = "" if lineage.original.article else " (outside source)"
        why = f" — {md_escape(lineage.reason)}" if lineage.reason else ""
        lines += [f"Original: **{md_escape(lineage.original.label)}**{where}{why}", ""]
    elif lineage.undetermined:
        lines += [f"Original: **not determined** ({md_escape(lineage.undetermined[14:])})", ""]
    elif lineage.independent:
        lines += ["Original: **none** (independent reports: no article copies or rewrites another)", ""]
    if lineage.edges:
        rows = [
            [_ref(e.source.article, e.source.label), md_escape(e.kind), _ref(e.target.article, e.target.label),
             e.reuse or "—"]
            for e in lineage.edges
        ]
        lines += _table(["From", "Kind", "To", "Reused text"], rows, ["---", "---", "---", "--:"])
    return lines


def render_markdown(comparison: dict) -> str:
    """The comparison as one GitHub-flavoured Markdown document."""
    report = build_report(comparison)
    parts = (
        _header(report)
        + _summary(report)
        + _coverage(report)
        + _omissions(report)
        + _conflicts(report)
        + _quotes(report)
        + _framing(report)
        + _lineage(report)
    )
    return "\n".join(parts).rstrip() + "\n"
