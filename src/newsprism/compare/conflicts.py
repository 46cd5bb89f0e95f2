"""Conflicts: aligned claims that disagree on a number, a date, a place, an actor, a source, or negation.

No entailment model is available offline, so every rule reads the analysis: two claims are compared only when
they are about the same thing (sentences of one fact), and only on values the analysis found in both.
"""

from __future__ import annotations

import re
from itertools import combinations

from .comparison import Claim, Conflict, Fact, QuoteGroup, QuoteItem
from .features import ArticleView, SentenceInfo
from .sources import Attribution, same_source
from .text import same_actor, stem

_HEDGE = re.compile(r"\b(?:about|around|nearly|almost|roughly|approximately|some|over|more than|less than|"
                    r"at least|up to|as many as|dozens|hundreds|thousands|estimated|an estimated)\b", re.I)
_PLACE_PREP = re.compile(r"\b(?:in|at|near|outside|inside)\s+(?:the\s+)?$", re.I)
NEGATION_MIN_COSINE = 0.7
NEGATION_MIN_OVERLAP = 0.4


def _round_sig(x: float, sig: int) -> float:
    return float(f"{x:.{sig}g}")


def _differ(x: float, y: float, hedged: bool) -> bool:
    """Different values, not just different precision ("about 12" vs "12", "1.5 million" vs "1,520,000")."""
    if x == y:
        return False
    low, high = sorted((abs(x), abs(y)))
    if hedged and high > 0 and (high - low) / high <= 0.15:
        return False
    if (x != int(x) or y != int(y)) and round(x) == round(y):
        return False
    if high >= 1000 and any(_round_sig(v, sig) == w for sig in (2, 3) for v, w in ((x, y), (y, x))):
        return False
    return True


def _as_written(n) -> str:
    """ "40 workers" even when the analysis kept only "40" as the number's text."""
    if n.counts and n.counts.lower() not in n.text.lower():
        return f"{n.text} {n.counts}"
    return n.text


def _number_conflicts(a: SentenceInfo, b: SentenceInfo) -> list[tuple[str, str, str]]:
    out = []
    for na in a.numbers:
        if na.value is None:
            continue
        key_a = (stem(na.counts) if na.counts else None, na.unit)
        if key_a == (None, None):
            continue
        same_kind = [nb for nb in b.numbers if nb.value is not None
                     and (stem(nb.counts) if nb.counts else None, nb.unit) == key_a]
        if not same_kind or any(nb.value == na.value for nb in same_kind):
            continue
        hedged = bool(_HEDGE.search(a.text) or _HEDGE.search(b.text))
        nb = same_kind[0]
        if all(not _differ(na.value, x.value, hedged) for x in same_kind):
            continue
        noun = na.counts or na.unit or ""
        out.append((noun, _as_written(na), _as_written(nb)))
    return out


def _comparable_dates(da: set[str], db: set[str]) -> tuple[str, str] | None:
    iso_a = {d for d in da if re.match(r"^[\d?]{4}-\d\d-\d\d", d)}
    iso_b = {d for d in db if re.match(r"^[\d?]{4}-\d\d-\d\d", d)}
    if iso_a and iso_b:
        day_a, day_b = {d[5:10] for d in iso_a}, {d[5:10] for d in iso_b}
        if not day_a & day_b:
            return min(iso_a), min(iso_b)
        return None
    wd_a, wd_b = da - iso_a, db - iso_b
    if wd_a and wd_b and not wd_a & wd_b:
        return min(wd_a), min(wd_b)
    return None


def _places(view: ArticleView, sentence: SentenceInfo) -> set[str]:
    out = set()
    for m in view.item.analysis.mentions:
        if m.sentence != sentence.index or m.label not in ("GPE", "LOC", "FAC"):
            continue
        pos = sentence.text.find(m.text)
        if pos > 0 and _PLACE_PREP.search(sentence.text[:pos]):
            out.add(m.text)
    return out


def _speakers(view: ArticleView, sentence: int) -> set[str]:
    an = view.item.analysis
    found = {q.speaker for q in an.quotes if q.sentence == sentence and q.speaker}
    found |= {r.speaker for r in an.reporting_verbs if r.sentence == sentence and r.speaker}
    return found


def find_conflicts(views: list[ArticleView], facts: list[Fact], attributions: list[Attribution],
                   quote_groups: list[QuoteGroup], quotes: list[QuoteItem],
                   cosines: dict) -> list[Conflict]:
    by_id = {v.id: v for v in views}
    out: list[Conflict] = []
    for fact in facts:
        for ea, eb in combinations(fact.evidence, 2):
            va, vb = by_id[ea.article], by_id[eb.article]
            sa, sb = va.sentences[ea.sentence], vb.sentences[eb.sentence]
            out.extend(_claim_conflicts(fact, va, sa, vb, sb, _cosine(cosines, va, sa, vb, sb)))
    out.extend(_source_conflicts(views, facts, attributions))
    out.extend(_speaker_conflicts(views, quote_groups, quotes))
    return out


def _cosine(cosines, va, sa, vb, sb) -> float:
    if (va.id, vb.id) in cosines:
        return float(cosines[(va.id, vb.id)][sa.index, sb.index])
    if (vb.id, va.id) in cosines:
        return float(cosines[(vb.id, va.id)][sb.index, sa.index])
    return float(va.embeddings[sa.index] @ vb.embeddings[sb.index])


def _claims(va, sa, value_a, vb, sb, value_b) -> list[Claim]:
    return [Claim(article=va.id, text=sa.text, value=value_a, sentence=sa.index),
            Claim(article=vb.id, text=sb.text, value=value_b, sentence=sb.index)]


def _claim_conflicts(fact, va, sa, vb, sb, cosine) -> list[Conflict]:
    out = []
    for noun, xa, xb in _number_conflicts(sa, sb):
        out.append(Conflict("number", f"{va.label} says {xa}, {vb.label} says {xb} ({noun})",
                            _claims(va, sa, xa, vb, sb, xb), fact.id))
    dates = _comparable_dates(sa.dates, sb.dates)
    if dates:
        out.append(Conflict("date", f"{va.label} dates it {dates[0]}, {vb.label} {dates[1]}",
                            _claims(va, sa, dates[0], vb, sb, dates[1]), fact.id))
    pa, pb = _places(va, sa), _places(vb, sb)
    text_a, text_b = va.item.article.text, vb.item.article.text
    if pa and pb and not (pa & pb) and not any(p in text_b for p in pa) and not any(p in text_a for p in pb):
        xa, xb = sorted(pa)[0], sorted(pb)[0]
        out.append(Conflict("place", f"{va.label} places it in {xa}, {vb.label} in {xb}",
                            _claims(va, sa, xa, vb, sb, xb), fact.id))
    ka, kb = _speakers(va, sa.index), _speakers(vb, sb.index)
    if ka and kb and not any(same_actor(x, y) for x in ka for y in kb):
        xa, xb = sorted(ka)[0], sorted(kb)[0]
        out.append(Conflict("actor", f"{va.label} attributes it to {xa}, {vb.label} to {xb}",
                            _claims(va, sa, xa, vb, sb, xb), fact.id))
    overlap = len(sa.stems & sb.stems) / max(1, len(sa.stems | sb.stems))
    if (sa.negations % 2) != (sb.negations % 2) and cosine >= NEGATION_MIN_COSINE and overlap >= NEGATION_MIN_OVERLAP:
        neg, pos = (va, vb) if sa.negations % 2 else (vb, va)
        out.append(Conflict("negation", f"{neg.label} negates what {pos.label} states",
                            _claims(va, sa, "negated" if sa.negations % 2 else "affirmed",
                                    vb, sb, "negated" if sb.negations % 2 else "affirmed"), fact.id))
    return out


def _source_conflicts(views, facts, attributions) -> list[Conflict]:
    """Two articles crediting the same interview (same interviewee, or none named) to different sources,
    or the same fact to different outside sources."""
    by_id = {v.id: v for v in views}
    fact_of = {(e.article, e.sentence): f.id for f in facts for e in f.evidence}
    out = []
    seen = set()
    for x, y in combinations(attributions, 2):
        if x.article == y.article or same_source(x.value, y.value) or x.kind == "dateline" or y.kind == "dateline":
            continue
        same_interview = x.kind == y.kind == "interview" and (
            not x.speakers or not y.speakers or any(same_actor(p, q) for p in x.speakers for q in y.speakers))
        same_fact = fact_of.get((x.article, x.sentence)) is not None and \
            fact_of.get((x.article, x.sentence)) == fact_of.get((y.article, y.sentence))
        if not (same_interview or same_fact):
            continue
        key = (x.article, y.article, x.value, y.value)
        if key in seen:
            continue
        seen.add(key)
        va, vb = by_id[x.article], by_id[y.article]
        what = "the interview" if same_interview else "the report"
        own = lambda a: " (its own reporter)" if a.self_source else ""  # noqa: E731
        out.append(Conflict(
            "source", f"{va.label} credits {what} to {x.value}{own(x)}; {vb.label} to {y.value}{own(y)}",
            [Claim(x.article, x.text, x.value, x.sentence), Claim(y.article, y.text, y.value, y.sentence)],
            fact_of.get((x.article, x.sentence))))
    return out


def _speaker_conflicts(views, groups, quotes) -> list[Conflict]:
    by_id = {v.id: v for v in views}
    out = []
    for g in groups:
        if not g.speaker_changed:
            continue
        members = [q for q in quotes if q.group == g.id and q.speaker]
        for qa, qb in combinations(members, 2):
            if qa.article == qb.article or same_actor(qa.speaker, qb.speaker):
                continue
            out.append(Conflict(
                "actor", f"{by_id[qa.article].label} attributes the quote to {qa.speaker}, "
                         f"{by_id[qb.article].label} to {qb.speaker}",
                [Claim(qa.article, qa.text, qa.speaker, qa.sentence), Claim(qb.article, qb.text, qb.speaker,
                                                                             qb.sentence)]))
            break
    return out
