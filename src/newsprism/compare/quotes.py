"""Quotes grouped across outlets: the same statement, quoted in other words or given to another speaker.

Two quotes of different articles are one statement when their words overlap a lot (stem containment ≥ 0.6),
or when their sentences are close in meaning (cosine ≥ 0.7, or the same fact) and the speakers are the same
actor. Groups flag `wording_changed` (the texts differ) and `speaker_changed` (different speakers).
"""

from __future__ import annotations

import re

from .comparison import QuoteGroup, QuoteItem
from .features import ArticleView
from .text import content_stems, same_actor

WORD_CONTAINMENT = 0.6
SENTENCE_COSINE = 0.7


def _normal(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


def group_quotes(views: list[ArticleView], sentence_facts: dict[str, dict[int, str]]
                 ) -> tuple[list[QuoteItem], list[QuoteGroup]]:
    items: list[tuple[ArticleView, QuoteItem, set[str]]] = []
    for v in views:
        for q in v.item.analysis.quotes:
            item = QuoteItem(speaker=q.speaker, text=q.text, kind=q.kind, verb=q.verb, article=v.id, group="",
                             sentence=q.sentence)
            items.append((v, item, content_stems(q.text)))
    parent = list(range(len(items)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i, (va, qa, sa) in enumerate(items):
        for j in range(i + 1, len(items)):
            vb, qb, sb = items[j]
            if va.id == vb.id:
                continue
            containment = len(sa & sb) / max(1, min(len(sa), len(sb)))
            n_a, n_b = len(va.embeddings), len(vb.embeddings)
            cosine = float(va.embeddings[qa.sentence] @ vb.embeddings[qb.sentence]) \
                if qa.sentence < n_a and qb.sentence < n_b else 0.0
            fa = sentence_facts.get(va.id, {}).get(qa.sentence)
            same_fact = fa is not None and fa == sentence_facts.get(vb.id, {}).get(qb.sentence)
            speakers_agree = same_actor(qa.speaker, qb.speaker) or not qa.speaker or not qb.speaker
            if containment >= WORD_CONTAINMENT and min(len(sa), len(sb)) >= 3 or \
                    speakers_agree and (cosine >= SENTENCE_COSINE or same_fact) and containment >= 0.2:
                parent[find(j)] = find(i)

    roots: dict[int, str] = {}
    groups: list[QuoteGroup] = []
    members: dict[str, list[QuoteItem]] = {}
    for i, (_v, item, _s) in enumerate(items):
        root = find(i)
        if root not in roots:
            roots[root] = f"Q{len(roots) + 1}"
        item.group = roots[root]
        members.setdefault(item.group, []).append(item)
    for gid, qs in members.items():
        speakers: list[str | None] = []
        for q in qs:
            if not any(same_actor(q.speaker, s) or q.speaker == s for s in speakers):
                speakers.append(q.speaker)
        named = [s for s in speakers if s]
        groups.append(QuoteGroup(
            id=gid, speaker=named[0] if named else None, text=max(qs, key=lambda q: len(q.text)).text,
            articles=sorted({q.article for q in qs}, key=[v.id for v in views].index),
            wording_changed=len({_normal(q.text) for q in qs}) > 1 and len({q.article for q in qs}) > 1,
            speaker_changed=len(named) > 1, speakers=speakers))
    return [item for _v, item, _s in items], groups
