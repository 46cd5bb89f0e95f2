"""Quotes grouped across outlets: the same statement, quoted in other words or given to another speaker.

Two quotes of different articles are one statement when their words overlap a lot (stem containment ≥ 0.6),
or when their sentences are close in meaning (cosine ≥ 0.7, or the same fact) and the speakers are the same
actor. Pairs are joined strongest first into groups that hold at most one quote per article, and two groups join
only when most of their cross pairs are such pairs: a chain of loosely related quotes never becomes one
"statement" (on a long real story, chaining once made one group of 25 quotes by 12 speakers). Groups flag
`wording_changed` (the texts differ) and `speaker_changed` (different speakers).
"""

from __future__ import annotations

import re

import numpy as np

from .comparison import QuoteGroup, QuoteItem
from .features import ArticleView
from .grouping import join_best_first
from .text import content_stems, same_actor

WORD_CONTAINMENT = 0.6
SENTENCE_COSINE = 0.7


def _normal(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


def _candidate_pairs(items, sentence_facts) -> list[tuple[int, int, float]]:
    """Pairs of quotes (of different articles) that state the same thing, found with matrix operations, with
    their strength (word containment plus sentence cosine), strongest first."""
    n = len(items)
    if n < 2:
        return []
    vocab: dict[str, int] = {}
    for _v, _q, stems in items:
        for t in stems:
            vocab.setdefault(t, len(vocab))
    bags = np.zeros((n, max(1, len(vocab))), dtype=np.float32)
    for row, (_v, _q, stems) in enumerate(items):
        for t in stems:
            bags[row, vocab[t]] = 1.0
    sizes = bags.sum(axis=1)
    overlap = bags @ bags.T
    containment = overlap / np.maximum(np.minimum(sizes[:, None], sizes[None, :]), 1.0)
    small = np.minimum(sizes[:, None], sizes[None, :])
    dim = items[0][0].embeddings.shape[1] if items[0][0].embeddings.ndim == 2 else 0
    vectors = np.zeros((n, dim), dtype=np.float32)
    for row, (v, q, _s) in enumerate(items):
        if q.sentence < len(v.embeddings):
            vectors[row] = v.embeddings[q.sentence]
    cosine = vectors @ vectors.T
    article = np.array([hash(v.id) for v, _q, _s in items])
    fact_ids: dict[str, int] = {}
    fact = np.array([fact_ids.setdefault(f, len(fact_ids)) if (f := sentence_facts.get(v.id, {}).get(q.sentence))
                     else -1 - row for row, (v, q, _s) in enumerate(items)])
    different = article[:, None] != article[None, :]
    by_words = (containment >= WORD_CONTAINMENT) & (small >= 3)
    by_meaning = (containment >= 0.2) & (cosine >= SENTENCE_COSINE)
    same_fact = (fact[:, None] == fact[None, :]) & (containment >= 0.2)
    candidates = np.triu(different & (by_words | by_meaning | same_fact), k=1)
    out = []
    for i, j in zip(*np.nonzero(candidates)):
        qa, qb = items[i][1], items[j][1]
        if by_words[i, j] or same_actor(qa.speaker, qb.speaker) or not qa.speaker or not qb.speaker:
            out.append((int(i), int(j), float(containment[i, j] + cosine[i, j])))
    out.sort(key=lambda t: (-t[2], t[0], t[1]))
    return out


def _reworded(texts: list[str]) -> bool:
    """Do two of these quotes give different words? A shorter excerpt of the same words is not a change."""
    forms = sorted({_normal(t) for t in texts}, key=len)
    return any(short not in long for i, short in enumerate(forms) for long in forms[i + 1:])


def _outer_quotes(quotes):
    """The article's quotes without those whose words sit inside a longer quote of the same sentence and speaker:
    the scare-quoted "cooperating fully" in "Greaves claimed the company was "cooperating fully" with
    investigators" is part of that statement, not a second one."""
    def inside(q, other) -> bool:
        return (other is not q and other.sentence == q.sentence and len(other.text) > len(q.text)
                and (q.speaker is None or q.speaker == other.speaker) and _normal(q.text) in _normal(other.text))

    return [q for q in quotes if not any(inside(q, other) for other in quotes)]


def group_quotes(views: list[ArticleView], sentence_facts: dict[str, dict[int, str]]
                 ) -> tuple[list[QuoteItem], list[QuoteGroup]]:
    items: list[tuple[ArticleView, QuoteItem, set[str]]] = []
    for v in views:
        for q in _outer_quotes(v.item.analysis.quotes):
            item = QuoteItem(speaker=q.speaker, text=q.text, kind=q.kind, verb=q.verb, article=v.id, group="",
                             sentence=q.sentence, speaker_phrase=q.speaker_phrase)
            items.append((v, item, content_stems(q.text)))
    pairs = _candidate_pairs(items, sentence_facts)
    linked = {(i, j) for i, j, _ in pairs}

    def most_cross_pairs_linked(a: list[int], b: list[int]) -> bool:
        cross = [(min(x, y), max(x, y)) in linked for x in a for y in b]
        return sum(cross) * 2 > len(cross)

    group_of = {i: n for n, group in enumerate(join_best_first(
        ((i, j) for i, j, _ in pairs), article_of=lambda i: items[i][1].article, agree=most_cross_pairs_linked))
        for i in group}

    by_root: dict[int, list[int]] = {}
    for i in range(len(items)):
        by_root.setdefault(group_of.get(i, -1 - i), []).append(i)  # a quote in no group is its own
    # ids in the order every report shows them: quotes carried by the most outlets first, then as they appear
    ordered = sorted(by_root.values(), key=lambda m: -len({items[i][1].article for i in m}))
    groups: list[QuoteGroup] = []
    for n, rows in enumerate(ordered, start=1):
        gid, qs = f"Q{n}", [items[i][1] for i in rows]
        for q in qs:
            q.group = gid
        speakers: list[str | None] = []
        for q in qs:
            if not any(same_actor(q.speaker, s) or q.speaker == s for s in speakers):
                speakers.append(q.speaker)
        named = [s for s in speakers if s]
        groups.append(QuoteGroup(
            id=gid, speaker=named[0] if named else None, text=max(qs, key=lambda q: len(q.text)).text,
            articles=sorted({q.article for q in qs}, key=[v.id for v in views].index),
            wording_changed=_reworded([q.text for q in qs]) and len({q.article for q in qs}) > 1,
            speaker_changed=len(named) > 1 or bool(named and any(q.speaker is None and q.speaker_phrase for q in qs)),
            speakers=speakers))
    return [item for _v, item, _s in items], groups
