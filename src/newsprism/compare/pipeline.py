"""`compare()`: one story's articles in, one `Comparison` out. Needs analyses, never a model call."""

from __future__ import annotations

import time

from ..model import AnalyzedArticle, Story
from ..settings import Settings
from .comparison import Comparison
from .conflicts import find_conflicts
from .facts import AlignParams, align_facts
from .features import article_label, build_view, dedupe_labels
from .framing import describe_framing
from .lineage import find_lineage
from .omissions import find_omissions
from .quotes import group_quotes
from .sources import find_attributions
from .summary import SummaryParams, neutral_summary


def compare(items: list[AnalyzedArticle], settings: Settings | None = None, story: Story | None = None,
            align: AlignParams | None = None, summary: SummaryParams | None = None) -> Comparison:
    """Compare the articles of one story fact by fact (see docs/comparison.md)."""
    timings: dict[str, float] = {}
    clock = time.perf_counter()

    def lap(name: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        timings[name] = round(now - clock, 4)
        clock = now

    items = _distinct(items)
    labels = dedupe_labels([article_label(it) for it in items])
    views = [build_view(it, label) for it, label in zip(items, labels)]
    attributions = [a for v in views for a in find_attributions(v)]
    lap("features")
    lineage, independent = find_lineage(views, attributions, story)
    lap("lineage")
    facts, sentence_facts, cosines = align_facts(views, independent, align or AlignParams())
    lap("facts")
    provenance = frozenset((a.article, a.sentence) for a in attributions if a.kind != "dateline")
    omissions = find_omissions(views, facts, independent, provenance)
    quotes, quote_groups = group_quotes(views, sentence_facts)
    conflicts = find_conflicts(views, facts, attributions, quote_groups, quotes, cosines, independent)
    framing = [describe_framing(v) for v in views]
    lap("findings")
    # what a fact says is disputed by a number, date, place, speaker or negation; a source conflict disputes who
    # got the story (whose interview), not what was said
    disputed: dict[str, list] = {}
    for c in conflicts:
        if c.kind != "source":
            for f in dict.fromkeys(c.facts or [c.fact]):
                if f:
                    disputed.setdefault(f, []).append(c)
    sentences = neutral_summary(views, facts, summary or SummaryParams(), disputed, independent)
    lap("summary")
    labels = {v.id: v.label for v in views}
    return Comparison(items=items, labels=labels, facts=facts,
                      sentence_facts=sentence_facts, omissions=omissions, conflicts=conflicts, quotes=quotes,
                      quote_groups=quote_groups, framing=framing, lineage=lineage, summary=sentences, story=story,
                      timings=timings, title=_title(items, lineage, story),
                      warnings=_one_story_warnings(items, labels, settings, story))


def _one_story_warnings(items: list[AnalyzedArticle], labels: dict[str, str], settings: Settings | None,
                        story: Story | None) -> list[str]:
    """Files compared directly are checked with the stories stage's rule: when they fall into several stories,
    the report says so (the comparison still runs, but its omissions mean little across stories)."""
    if story is not None or len(items) < 2:
        return []
    from ..stories.clustering import average_link
    from ..stories.profile import build_profile, neighbourhoods
    from ..stories.similarity import DEFAULT_WINDOW_DAYS, LINK_THRESHOLD, profile_similarity

    window = settings.story_window_days if settings is not None else DEFAULT_WINDOW_DAYS
    profiles = {it.article.id: build_profile(it) for it in items}
    hoods = neighbourhoods(profiles, window)
    groups = average_link(
        list(profiles),
        lambda a, b: profile_similarity(profiles[a], profiles[b], window, hoods[a], hoods[b]),
        LINK_THRESHOLD,
    )
    if len(groups) < 2:
        return []
    order = {it.article.id: n for n, it in enumerate(items)}
    groups.sort(key=lambda g: min(order[a] for a in g))
    named = "; ".join(", ".join(labels[a] for a in sorted(g, key=order.get)) for g in groups)
    return [f"These {len(items)} articles look like {len(groups)} different stories ({named}): facts one "
            f"story lacks are reported as omissions."]


def _title(items: list[AnalyzedArticle], lineage, story: Story | None) -> str | None:
    """The story's title; for files compared directly, the most neutral headline of the articles, the likeliest
    original first (the stories stage's rule; untitled articles give their first sentence)."""
    if story is not None and story.title:
        return story.title
    from ..stories.titles import story_title  # an earlier stage: the same rule as stored stories

    ids = [it.article.id for it in items]
    order = ([lineage.original] if lineage.original in ids else []) + ids
    copies = {e.target for e in lineage.edges if e.kind == "copy"}  # "to": the copy
    return story_title(items, list(dict.fromkeys(order)), copies)


def _distinct(items: list[AnalyzedArticle]) -> list[AnalyzedArticle]:
    seen: set[str] = set()
    out = []
    for it in items:
        if it.article.id not in seen:
            seen.add(it.article.id)
            out.append(it)
    return out
