"""A neutral, extractive summary: one sentence per widely shared fact, each citing the outlets reporting it.

Facts are taken by support (consensus first, then partial); for each, the wording with the fewest framing
signals is chosen (loaded terms, distancing or emphatic verbs, quotation marks, datelines); sentences are
then ordered by where the facts appear in the articles. A fact the outlets dispute (a conflict on its number,
date, place, speaker or negation) is left out: whichever wording was picked would take a side. A source conflict
(whose interview it was) does not dispute what was said, so its fact stays. When fewer than
`min_sentences` facts are shared, the most salient single-outlet facts fill in, marked `single_source`. A
sentence cites only the outlets whose own sentence of the fact is close in meaning to the wording chosen.
"""

from __future__ import annotations

from dataclasses import dataclass

from .comparison import Fact, SummarySentence
from .features import ArticleView, framing_cost
from .text import strip_dateline


@dataclass(frozen=True)
class SummaryParams:
    max_sentences: int = 5  # NeuS val: 3, 4 and 5 score the same (few facts are shared by all three leads)
    min_sentences: int = 3


CITE_MIN_COSINE = 0.62  # the alignment's threshold, on meaning alone (without its word-overlap bonuses)


def _citing(fact: Fact, best, by_id: dict[str, ArticleView]) -> list[str]:
    """The articles a summary sentence cites: those whose own sentence of the fact says what the chosen wording
    says. A sentence joined to the fact loosely (an outlet's "the company claimed its crew followed every
    procedure" beside "the company said it was cooperating fully") is not cited for words it never wrote."""
    chosen = by_id[best.article].embeddings[best.sentence]
    close = {e.article for e in fact.evidence if e.article == best.article
             or float(by_id[e.article].embeddings[e.sentence] @ chosen) >= CITE_MIN_COSINE}
    return [a for a in fact.reported_by if a in close]


def neutral_summary(views: list[ArticleView], facts: list[Fact], params: SummaryParams = SummaryParams(),
                    disputed: frozenset[str] = frozenset(),
                    independent: dict[str, str] | None = None) -> list[SummarySentence]:
    """`disputed`: ids of facts with a conflict; they stay out of the summary. `independent`: article → the
    original it copies (a copy and its original cited together are one source)."""
    independent = independent or {}
    by_id = {v.id: v for v in views}
    facts = [f for f in facts if f.id not in disputed]
    shared = [f for f in facts if f.support >= 2]
    shared.sort(key=lambda f: (-f.support, -f.salience))
    chosen = shared[: params.max_sentences]
    if len(chosen) < params.min_sentences:
        singles = sorted((f for f in facts if f.support < 2), key=lambda f: -f.salience)
        chosen += singles[: params.min_sentences - len(chosen)]
    out = []
    for f in chosen:
        best = min(f.evidence, key=lambda e: (framing_cost(by_id[e.article], e.sentence, e.text),
                                              by_id[e.article].sentences[e.sentence].position))
        position = min(by_id[e.article].sentences[e.sentence].position for e in f.evidence)
        text = strip_dateline(best.text).strip()
        sources = _citing(f, best, by_id)
        outlets = {independent.get(a, a) for a in sources}
        out.append((position, SummarySentence(text=text, sources=sources, fact=f.id,
                                              single_source=len(outlets) < 2)))
    out.sort(key=lambda x: x[0])
    return [s for _p, s in out]
