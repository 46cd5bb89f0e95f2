"""Lineage: which text is the original, and which articles copy, rewrite or cite another source.

Reuse of article B in article A = the larger of (a) the share of B's 5-word shingles found in A and (b) the
share of B's sentences with a near-identical sentence (cosine ≥ 0.9) in A. Reuse ≥ 0.8 is a copy, ≥ 0.3 a
rewrite. The earlier article (by publication date) is the source; without dates, the more complete text (more
words) is. An article naming an outside agency as its source ("told IRNA", "according to Reuters") gets a
"cites" edge from that agency.
"""

from __future__ import annotations

from collections import Counter

import numpy as np

from ..model import Story
from .comparison import Lineage, LineageEdge
from .features import ArticleView
from .sources import Attribution, same_source
from .text import shingles

COPY_REUSE = 0.8
REWRITE_REUSE = 0.3
SAME_SENTENCE = 0.9


def reuse_share(derived: ArticleView, source: ArticleView, derived_shingles: set[int], source_shingles: set[int],
                cosine: np.ndarray | None = None) -> float:
    """Share of `derived`'s text found in `source` (0..1)."""
    if not derived_shingles:
        return 0.0
    by_shingle = len(derived_shingles & source_shingles) / len(derived_shingles)
    if cosine is None:
        cosine = derived.embeddings @ source.embeddings.T
    if cosine.size == 0:
        return by_shingle
    by_sentence = float((cosine.max(axis=1) >= SAME_SENTENCE).mean())
    return max(by_shingle, by_sentence)


def _source_first(a: ArticleView, b: ArticleView) -> bool:
    """True when `a` is the source of `b`: published earlier, else the more complete text."""
    pa, pb = a.item.article.published, b.item.article.published
    if pa and pb and pa[:19] != pb[:19]:
        return pa < pb
    wa, wb = len(a.item.article.text), len(b.item.article.text)
    if wa != wb:
        return wa > wb
    return a.id < b.id


def find_lineage(views: list[ArticleView], attributions: list[Attribution], story: Story | None = None
                 ) -> tuple[Lineage, dict[str, str]]:
    """The lineage, and for each article the id of the independent original it belongs to (itself if none)."""
    sh = {v.id: shingles(v.item.article.text) for v in views}
    edges: list[LineageEdge] = []
    copy_of: dict[str, str] = {}
    for ia, a in enumerate(views):
        for b in views[ia + 1 :]:
            src, dst = (a, b) if _source_first(a, b) else (b, a)
            reuse = reuse_share(dst, src, sh[dst.id], sh[src.id])
            if reuse >= COPY_REUSE:
                edges.append(LineageEdge(src.id, dst.id, "copy", reuse))
                copy_of.setdefault(dst.id, src.id)
            elif reuse >= REWRITE_REUSE:
                edges.append(LineageEdge(src.id, dst.id, "rewrite", reuse))
    if story is not None:
        for c in story.copies:
            copy_of.setdefault(c.article, c.copy_of)
    cited: Counter[str] = Counter()
    names: dict[str, str] = {}
    for att in attributions:
        if att.self_source:
            continue
        key = next((k for k in names if same_source(k, att.value)), att.value)
        names.setdefault(key, att.value)
        if not any(e.source == names[key] and e.target == att.article for e in edges):
            edges.append(LineageEdge(names[key], att.article, "cites", 0.0))
            cited[names[key]] += 1
    independent = {v.id: _root(v.id, copy_of) for v in views}
    original, reason = _original(views, edges, cited, independent)
    sources = [{"article": a.article, "kind": a.kind, "source": a.value, "sentence": a.sentence,
                "own": a.self_source} for a in attributions]
    return Lineage(original=original, edges=edges, reason=reason, sources=sources), independent


def _root(article: str, copy_of: dict[str, str]) -> str:
    seen = set()
    while article in copy_of and article not in seen:
        seen.add(article)
        article = copy_of[article]
    return article


def _original(views, edges, cited, independent) -> tuple[str | None, str]:
    if not views:
        return None, ""
    derived = Counter(e.source for e in edges if e.kind in ("copy", "rewrite"))
    n_groups = len(set(independent.values()))
    if cited:
        agency, count = cited.most_common(1)[0]
        if count >= 2 or count * 2 >= n_groups:
            if not derived or count > max(derived.values()):
                return agency, f"{count} of {n_groups} independent articles name {agency} as their source"
    if derived:
        article, count = derived.most_common(1)[0]
        return article, f"{count} other article(s) copy or rewrite it"
    ordered = sorted(views, key=lambda v: (v.item.article.published or "9999", -len(v.item.article.text)))
    first = ordered[0]
    why = "published first" if first.item.article.published else "no dates; the most complete text"
    return first.id, why
