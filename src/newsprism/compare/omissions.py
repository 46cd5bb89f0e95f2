"""Omissions: for each article, the facts other outlets reported that it left out, most telling first.

Salience of a fact (0..1) rewards how many independent outlets report it, how early it comes in their texts
(the lead), how many actors it involves (actors no other fact mentions count double: new information),
whether it carries numbers or dates, and whether it is an event the outlet reports in its own voice rather
than one more line of someone's statement. Sentences that only say who reported the story (an interview
credit) are halved: they are provenance, covered by source conflicts and lineage. A fact whose every sentence
carries a loaded term is not an omission of the others: it is framing, and the framing section shows it.
"""

from __future__ import annotations

import re

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
                                 salience=f.salience, reported_by=list(f.reported_by)))
        mine.sort(key=lambda o: (-o.reported_by_others, -o.salience))
        out.extend(mine)
    return out
