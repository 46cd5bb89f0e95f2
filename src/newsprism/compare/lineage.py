"""Lineage: which text is the original, and which articles copy, rewrite or cite another source.

Reuse of article B in article A = the larger of (a) the share of B's 5-word shingles found in A and (b) the
share of B's sentences with a near-identical sentence (cosine ≥ 0.9) in A; ≥ 0.8 is a copy. Otherwise the
reuse is also measured by sentences reused loosely (a sentence of A with cosine ≥ 0.9, or holding ≥ 40% of the
sentence's word trigrams), and a rewrite needs reuse ≥ 0.3 *and* reused narrative: ≥ 8% of B's 5-word shingles
outside quotation marks found in A — independent outlets share verbatim quotes, not their own sentences.
Direction, by the story stage's rule (`stories.copies.originality`): an article whose byline, author or
dateline credits the other's outlet copies it; else the earlier publication; else the one whose dateline or
byline credits a wire or agency ("VELMORA, March 12 (Coastline Wire) -"); then the more complete text; then
ingestion order. An article naming an outside agency as its source ("told IRNA", "according to Reuters") gets
a "cites" edge from that agency.
"""

from __future__ import annotations

import re
from collections import Counter

import numpy as np

from ..model import Story
from ..stories.copies import originality
from .comparison import Lineage, LineageEdge
from .features import ArticleView
from .sources import Attribution, same_source
from .text import shingles

COPY_REUSE = 0.8
REWRITE_REUSE = 0.3
SAME_SENTENCE = 0.9
SENTENCE_TRIGRAMS = 0.4  # share of a sentence's word trigrams found in one sentence of the other article
NARRATIVE_REUSE = 0.08  # share of the text outside quotation marks (5-word shingles) a rewrite must reuse
_QUOTED = re.compile(r"[“\"][^”\"]{8,}[”\"]")


def reuse_share(derived: ArticleView, source: ArticleView, derived_shingles: set[int], source_shingles: set[int],
                cosine: np.ndarray | None = None) -> float:
    """Share of `derived`'s text found in `source` (0..1): the copy measure."""
    if not derived_shingles:
        return 0.0
    by_shingle = len(derived_shingles & source_shingles) / len(derived_shingles)
    if cosine is None:
        cosine = derived.embeddings @ source.embeddings.T
    if cosine.size == 0:
        return by_shingle
    by_sentence = float((cosine.max(axis=1) >= SAME_SENTENCE).mean())
    return max(by_shingle, by_sentence)


def sentence_reuse(derived: ArticleView, source: ArticleView, cosine: np.ndarray | None = None) -> float:
    """Share of `derived`'s sentences reused in `source`: a sentence there at cosine ≥ 0.9, or holding ≥ 40% of
    its word trigrams (close paraphrases keep word runs). The rewrite measure."""
    if not derived.sentences:
        return 0.0
    if cosine is None:
        cosine = derived.embeddings @ source.embeddings.T
    source_tri = [shingles(s.text, 3) for s in source.sentences]
    reused = 0
    for sentence in derived.sentences:
        if cosine.size and cosine[sentence.index].max() >= SAME_SENTENCE:
            reused += 1
            continue
        tri = shingles(sentence.text, 3)
        if tri and max((len(tri & t) for t in source_tri), default=0) >= SENTENCE_TRIGRAMS * len(tri):
            reused += 1
    return reused / len(derived.sentences)


def narrative_reuse(derived_text: str, source_text: str) -> float:
    """Share of `derived`'s 5-word shingles outside quotation marks that `source` has (quotes stripped too)."""
    d = shingles(_QUOTED.sub(" | ", derived_text))
    if not d:
        return 0.0
    return len(d & shingles(_QUOTED.sub(" | ", source_text))) / len(d)


def _which_first(a: ArticleView, b: ArticleView) -> tuple[bool, str]:
    """(is `a` the source of `b`, what decided it), by the same rule as the story stage's copies
    (`stories.copies.originality`): credit, then publication time, wire dateline, completeness, ingestion."""
    sign, reason = originality(a.item, b.item)
    return sign < 0, reason


def find_lineage(views: list[ArticleView], attributions: list[Attribution], story: Story | None = None
                 ) -> tuple[Lineage, dict[str, str]]:
    """The lineage, and for each article the id of the independent original it belongs to (itself if none)."""
    sh = {v.id: shingles(v.item.article.text) for v in views}
    edges: list[LineageEdge] = []
    copy_of: dict[str, str] = {}
    for ia, a in enumerate(views):
        for b in views[ia + 1 :]:
            src, dst = (a, b) if _which_first(a, b)[0] else (b, a)
            reuse = reuse_share(dst, src, sh[dst.id], sh[src.id])
            if reuse >= COPY_REUSE:
                edges.append(LineageEdge(src.id, dst.id, "copy", reuse))
                copy_of.setdefault(dst.id, src.id)
                continue
            reuse = max(reuse, sentence_reuse(dst, src))
            if reuse >= REWRITE_REUSE and \
                    narrative_reuse(dst.item.article.text, src.item.article.text) >= NARRATIVE_REUSE:
                edges.append(LineageEdge(src.id, dst.id, "rewrite", reuse))
    if story is not None:  # the story stage's copies are copies here too, so that every view counts alike
        in_view = {v.id for v in views}
        for c in story.copies:
            if c.article not in in_view or c.copy_of not in in_view:
                continue
            copy_of.setdefault(c.article, c.copy_of)
            pair = {c.article, c.copy_of}
            edges = [e for e in edges if {e.source, e.target} != pair or e.kind == "cites"]
            edges.append(LineageEdge(c.copy_of, c.article, "copy", round(float(c.reuse or 0.0), 3)))
    # a rewrite seen through a copy is already drawn from the copy's original
    drawn = {(e.source, e.target) for e in edges}
    edges = [e for e in edges if not (e.kind == "rewrite" and e.source in copy_of
                                      and (_root(e.source, copy_of), e.target) in drawn)]
    cited: Counter[str] = Counter()
    names: dict[str, str] = {}
    for att in attributions:
        if att.self_source or att.vague:
            continue
        key = next((k for k in names if same_source(k, att.value)), att.value)
        names.setdefault(key, att.value)
        if not any(e.source == names[key] and e.target == att.article for e in edges):
            edges.append(LineageEdge(names[key], att.article, "cites", 0.0))
            cited[names[key]] += 1
    independent = {v.id: _root(v.id, copy_of) for v in views}
    own = {a.article for a in attributions if a.self_source and a.kind in ("interview", "told") and not a.vague}
    original, reason = _original(views, edges, cited, independent, own)
    sources = [{"article": a.article, "kind": a.kind, "source": a.value, "sentence": a.sentence,
                "own": a.self_source} for a in attributions]
    return Lineage(original=original, edges=edges, reason=reason, sources=sources), independent


def _root(article: str, copy_of: dict[str, str]) -> str:
    seen = set()
    while article in copy_of and article not in seen:
        seen.add(article)
        article = copy_of[article]
    return article


def _original(views, edges, cited, independent, own=frozenset()) -> tuple[str | None, str]:
    """The likeliest original and why; None (with the reason) when the articles' own accounts contradict."""
    if not views:
        return None, ""
    derived = Counter(e.source for e in edges if e.kind in ("copy", "rewrite"))
    n_groups = len(set(independent.values()))
    if cited:
        agency, count = cited.most_common(1)[0]
        citing = {e.target for e in edges if e.kind == "cites" and e.source == agency}
        claimants = [v for v in views if v.id in own and v.id not in citing]
        if count == 1 and claimants:  # one article credits an agency, another says it did the interview itself
            return None, (f"undetermined: 1 article names {agency} as its source; "
                          f"{', '.join(v.label for v in claimants)} says it did the reporting itself")
        if count >= 2 or count * 2 >= n_groups:
            if not derived or count > max(derived.values()):
                return agency, f"{count} of {n_groups} independent articles name {agency} as their source"
    if derived:
        article, count = derived.most_common(1)[0]
        by_id = {v.id: v for v in views}
        targets = [e.target for e in edges if e.source == article and e.kind in ("copy", "rewrite")]
        guessed = any(_which_first(by_id[article], by_id[t])[1] in ("length", "order") for t in targets)
        guess = "; neither dates nor datelines tell which came first, so the longer text is taken as the source" \
            if guessed else ""
        return article, f"{count} other article(s) copy or rewrite it{guess}"
    return None, "independent: no article copies or rewrites another"
