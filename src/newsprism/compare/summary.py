"""A neutral, extractive summary: one sentence per widely shared fact, each citing the outlets reporting it.

Facts are taken by support (consensus first, then partial); for each, the wording with the fewest framing
signals is chosen (loaded terms, distancing or emphatic verbs, quotation marks, datelines); sentences are
then ordered by where the facts appear in the articles. A fact the outlets dispute (a conflict on its number,
date, place, speaker or negation) is left out: whichever wording was picked would take a side; except the main
event (the most salient disputed fact every outlet reports) when most outlets take one side: it is told in that
side's wording with its disputes listed beside it, so that a story whose toll is disputed still says what
happened. A source conflict (whose interview it was) does not dispute what was said, so its fact stays. When fewer
than `min_sentences` facts are shared, the most salient single-outlet facts fill in, marked `single_source`.
A sentence cites only the outlets whose own sentence of the fact supports the wording chosen: close in meaning,
with its figures, named people and quoted words. The wording is the one most outlets support, among those free of
framing signals.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from .comparison import Conflict, Fact, SummarySentence
from .features import ArticleView, framing_cost
from .text import same_actor, strip_dateline, words


@dataclass(frozen=True)
class SummaryParams:
    max_sentences: int = 5  # NeuS val: 3, 4 and 5 score the same (few facts are shared by all three leads)
    min_sentences: int = 3


_QUOTED = re.compile(r"[“\"]([^”\"]*\w[^”\"]*)[”\"]")
CITE_MIN_COSINE = 0.62  # the alignment's threshold, on meaning alone (without its word-overlap bonuses)
CITE_MIN_COVER = 0.2  # share of the chosen wording's content words a supporting sentence holds (see docs)


def _persons(view: ArticleView) -> set[str]:
    return {a.key for a in view.item.analysis.actors if a.type == "PERSON" and a.key}


def _supports(view: ArticleView, sentence: int, chosen_view: ArticleView, chosen: int) -> bool:
    """Does this sentence say what the chosen wording says: close in meaning, negated alike, and every figure, day,
    named person and quoted phrase (word for word) of the chosen wording in it too? "Eleven people were taken to
    hospital" does not support "…, two of them in critical condition"; "The fire broke out after 6 a.m." does not
    support "Chief Dana Whitlock said the fire began after 6 a.m."."""
    if view is chosen_view and sentence == chosen:
        return True
    if float(view.embeddings[sentence] @ chosen_view.embeddings[chosen]) < CITE_MIN_COSINE:
        return False
    mine, theirs = chosen_view.sentences[chosen], view.sentences[sentence]
    if mine.stems and len(mine.stems & theirs.stems) < CITE_MIN_COVER * len(mine.stems):
        return False
    if not theirs.holds(mine) or not mine.dates <= theirs.dates:
        return False  # "was not in court", "on Tuesday": not supported by "was in court", "on Monday"
    named = {w.lower() for w in words(theirs.text)}
    if not all(key in theirs.actors or key.split()[-1] in named for key in _persons(chosen_view) & mine.actors):
        return False
    quoted = _QUOTED.findall(mine.text)
    if not quoted:
        return True
    # quoted words are cited as words: "remains too high" is not what an outlet quoting "is still too high" wrote;
    # and a quote is cited with its speaker: an outlet crediting the words to Ralski does not support "a senior
    # official said" (nor the reverse)
    theirs_words = " ".join(words(theirs.text.lower()))
    if not all(" ".join(words(q.lower())) in theirs_words for q in quoted):
        return False
    mine_speaker, theirs_speaker = _quote_speaker(chosen_view, chosen), _quote_speaker(view, sentence)
    if mine_speaker[0] and theirs_speaker[0]:
        return same_actor(mine_speaker[0], theirs_speaker[0])
    # an unnamed source ("a senior official") against a named one, either way: not the same credit
    return not ((mine_speaker[1] and theirs_speaker[0]) or (theirs_speaker[1] and mine_speaker[0]))


def _quote_speaker(view: ArticleView, sentence: int) -> tuple[str | None, str | None]:
    """(named speaker, unnamed source's phrase) of the first quote in this sentence, as the analysis resolved it
    ("she wrote" → the person "she" is)."""
    quote = next((q for q in view.item.analysis.quotes if q.sentence == sentence), None)
    return (quote.speaker, quote.speaker_phrase) if quote else (None, None)


def _supporters(fact: Fact, best, by_id: dict[str, ArticleView]) -> list[str]:
    """The articles a summary sentence cites: those whose own sentence of the fact supports the chosen wording.
    A sentence joined to the fact loosely (an outlet's "the company claimed its crew followed every procedure"
    beside "the company said it was cooperating fully") is not cited for words it never wrote."""
    chosen_view = by_id[best.article]
    close = {e.article for e in fact.evidence
             if _supports(by_id[e.article], e.sentence, chosen_view, best.sentence)}
    return [a for a in fact.reported_by if a in close]


def _held(fact: Fact, candidate, supporters: list[str], by_id: dict[str, ArticleView]) -> float:
    """How much of the candidate wording its supporters' own sentences hold (mean share of its content words)."""
    stems = by_id[candidate.article].sentences[candidate.sentence].stems
    if not stems:
        return 0.0
    shares = [len(stems & by_id[e.article].sentences[e.sentence].stems) / len(stems) for e in fact.evidence
              if e.article in supporters and e is not candidate]
    return sum(shares) / len(shares) if shares else 0.0


def _majority(evidence, conflicts: list[Conflict], independent: dict[str, str]) -> bool:
    """In every conflict, the value this evidence's article gives is given by more independent outlets than any
    other value."""
    for c in conflicts:
        outlets: dict[str, set[str]] = {}
        for cl in c.claims:
            outlets.setdefault(cl.value, set()).add(independent.get(cl.article, cl.article))
        mine = {cl.value for cl in c.claims if cl.article == evidence.article}
        if len(mine) != 1:
            return False
        [value] = mine
        if any(len(others) >= len(outlets[value]) for v, others in outlets.items() if v != value):
            return False
    return True


def _agreement(article: str, conflicts: list[Conflict], independent: dict[str, str]) -> int:
    """How many independent outlets give the same values as this article in these conflicts (summed)."""
    total = 0
    for c in conflicts:
        mine = {cl.value for cl in c.claims if cl.article == article}
        total += len({independent.get(cl.article, cl.article) for cl in c.claims if cl.value in mine})
    return total


def _wording(fact: Fact, by_id: dict[str, ArticleView], independent: dict[str, str],
             conflicts: list[Conflict] = ()):
    """The evidence sentence to show: a wording free of loaded terms and non-neutral reporting verbs if there is
    one; among those, for a disputed fact the side most outlets take in its conflicts; then the wording the most
    outlets support (what they share, without one outlet's added detail); then the one whose words their own
    sentences hold most fully; then the least framed; then the earliest in its article."""
    def key(e):
        cost = framing_cost(by_id[e.article], e.sentence, e.text)
        supporters = _supporters(fact, e, by_id)
        support = len({independent.get(a, a) for a in supporters})
        framed = cost >= 1  # a loaded term or a non-neutral reporting verb; quotes, length, datelines are style
        return (framed, -_agreement(e.article, conflicts, independent), -support,
                -_held(fact, e, supporters, by_id), cost, by_id[e.article].sentences[e.sentence].position)

    return min((e for e in fact.evidence if not e.contained), key=key)


def neutral_summary(views: list[ArticleView], facts: list[Fact], params: SummaryParams = SummaryParams(),
                    disputed: Mapping[str, list[Conflict]] | None = None,
                    independent: dict[str, str] | None = None) -> list[SummarySentence]:
    """`disputed`: fact id → its conflicts. A disputed fact stays out, except the most salient one every outlet
    reports (the story's main event, whose toll or date they dispute): it is told in the wording of the side most
    outlets take, with its disputes listed. `independent`: article → the original it copies (a copy and its
    original cited together are one source)."""
    independent = independent or {}
    disputed = disputed or {}
    by_id = {v.id: v for v in views}
    n_groups = len({independent.get(v.id, v.id) for v in views})
    main_event = max((f for f in facts if f.id in disputed and f.support >= max(2, n_groups)),
                     key=lambda f: f.salience, default=None)
    wordings = {}
    if main_event is not None:
        wordings[main_event.id] = _wording(main_event, by_id, independent, disputed[main_event.id])
        if not _majority(wordings[main_event.id], disputed[main_event.id], independent):
            main_event = None  # one outlet against one: no side to tell it in
    facts = [f for f in facts if f.id not in disputed or f is main_event]
    shared = [f for f in facts if f.support >= 2]
    shared.sort(key=lambda f: (-f.support, -f.salience))
    chosen = shared[: params.max_sentences]
    if len(chosen) < params.min_sentences:
        singles = sorted((f for f in facts if f.support < 2), key=lambda f: -f.salience)
        chosen += singles[: params.min_sentences - len(chosen)]
    out = []
    for f in chosen:
        best = wordings.get(f.id) or _wording(f, by_id, independent, disputed.get(f.id, []))
        position = min(by_id[e.article].sentences[e.sentence].position for e in f.evidence)
        text = strip_dateline(best.text).strip()
        sources = _supporters(f, best, by_id)
        outlets = {independent.get(a, a) for a in sources}
        out.append((position, SummarySentence(text=text, sources=sources, fact=f.id,
                                              single_source=len(outlets) < 2,
                                              disputed=[c.summary for c in disputed.get(f.id, [])])))
    out.sort(key=lambda x: x[0])
    return [s for _p, s in out]
