"""Omissions: for each article, the facts other outlets reported that it left out, most telling first.

Salience of a fact (0..1) rewards how many independent outlets report it, how early it comes in their texts
(the lead), how many actors it involves (actors no other fact mentions count double: new information),
whether it carries numbers or dates, and whether it is an event the outlet reports in its own voice rather
than one more line of someone's statement. Sentences that only say who reported the story (an interview
credit) are halved: they are provenance, covered by source conflicts and lineage. A fact whose every sentence
carries a loaded term is not an omission of the others: it is framing, and the framing section shows it. An
omission whose article has a sentence close in meaning to the fact (cosine ≥ 0.65) is listed last, with that
sentence: the outlet may have said it in other words.
"""

from __future__ import annotations

import re

import numpy as np

from .comparison import Fact, Omission
from .features import ArticleView

# Words that mark a sentence as someone's statement rather than an event the outlet reports itself.
SPEECH = re.compile(
    r"\b(?:said|says|say|stated|states|told|tells|added|adds|claimed|claims|argued|argues|emphasi[sz]ed|stressed|"
    r"warned|believes|believed|according to|mentioned|noted|announced|concluded|statements?|interview|quoted|"
    r"insisted|accused|accusing|expressed|asserted|remarked|explained)\b|[“”\"]", re.I)


def fact_salience(fact: Fact, views: dict[str, ArticleView], n_groups: int, actor_facts: dict[str, int],
                  provenance: frozenset[tuple[str, int]] = frozenset()) -> float:
    infos = [views[e.article].sentences[e.sentence] for e in fact.evidence]
    support = fact.support / max(1, n_groups)
    lead = 1.0 - min(i.position for i in infos)
    actors = set().union(*(i.actors for i in infos))
    novel = sum(1 for a in actors if actor_facts.get(a, 0) <= 1)
    involvement = min(1.0, (len(actors) + novel) / 6)
    concrete = 1.0 if any(i.numbers or i.dates for i in infos) else 0.0
    event = 0.0 if any(SPEECH.search(i.text) for i in infos) else 1.0
    score = 0.35 * support + 0.2 * lead + 0.2 * involvement + 0.1 * concrete + 0.15 * event
    if all((e.article, e.sentence) in provenance for e in fact.evidence):
        score *= 0.5
    return round(score, 3)


NEAREST_COSINE = 0.65  # above the alignment's 0.62 on meaning alone: close enough to be worth a look
NEAREST_SHARED = 0.3  # and holding this share of the fact sentence's content words (same topic is not enough)


def _nearest(view: ArticleView, fact: Fact, by_id: dict[str, ArticleView]) -> dict | None:
    """The article's sentence closest in meaning to one of the fact's sentences, when at least NEAREST_COSINE and
    sharing NEAREST_SHARED of its content words: the
    outlet may have told the fact in other words that the alignment did not join ("cleared of a third charge" for
    "acquitted him of abuse of office"). The omission stays listed, last, with that sentence beside it."""
    if not len(view.sentences):
        return None
    vectors = np.stack([by_id[e.article].embeddings[e.sentence] for e in fact.evidence])
    cosines = view.embeddings @ vectors.T  # (sentences of the view) × (sentences of the fact), one product
    best = None
    for i, k in zip(*np.nonzero(cosines >= NEAREST_COSINE)):
        s, e = view.sentences[int(i)], fact.evidence[int(k)]
        theirs = by_id[e.article].sentences[e.sentence]
        if s.boilerplate or not theirs.stems or len(theirs.stems & s.stems) < NEAREST_SHARED * len(theirs.stems):
            continue
        if best is None or cosines[i, k] > best[0]:
            best = (float(cosines[i, k]), s.index)
    if best is None:
        return None
    return {"sentence": best[1], "text": view.sentences[best[1]].text, "similarity": round(best[0], 3)}


def find_omissions(views: list[ArticleView], facts: list[Fact], independent: dict[str, str],
                   provenance: frozenset[tuple[str, int]] = frozenset()) -> list[Omission]:
    by_id = {v.id: v for v in views}
    n_groups = len(set(independent.values()))
    actor_facts: dict[str, int] = {}
    for f in facts:
        for a in set().union(*(by_id[e.article].sentences[e.sentence].actors for e in f.evidence)):
            actor_facts[a] = actor_facts.get(a, 0) + 1
    for f in facts:
        f.salience = fact_salience(f, by_id, n_groups, actor_facts, provenance)
    loaded = {(v.id, t.sentence) for v in views for t in v.item.analysis.loaded_terms}
    out = []
    for v in views:
        group = independent.get(v.id, v.id)
        mine = []
        for f in facts:
            if v.id in f.reported_by:
                continue
            others = {independent.get(a, a) for a in f.reported_by} - {group}
            if not others:
                continue  # only copies of this article report it
            if all((e.article, e.sentence) in loaded for e in f.evidence):
                continue  # a loaded line ("not another whitewash from the regime") is framing, shown there
            mine.append(Omission(article=v.id, fact=f.id, reported_by_others=len(others), text=f.text,
                                 salience=f.salience, reported_by=list(f.reported_by), nearest=_nearest(v, f, by_id)))
        mine.sort(key=lambda o: (o.nearest is not None, -o.reported_by_others, -o.salience))
        out.extend(mine)
    return out
