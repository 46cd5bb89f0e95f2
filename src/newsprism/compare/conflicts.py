"""Conflicts: aligned claims that disagree on a number, a date, a place, an actor, a source, or negation.

No entailment model is available offline, so every rule reads the analysis: two claims are compared only when
they are about the same thing (sentences of one fact), and only on values the analysis found in both.

Pairwise findings are then consolidated: one conflict per disputed item (a fact, or a quote group, and a kind;
numbers also per counted noun), listing every article's claim once, with a summary that groups the outlets by
value ("3 outlets attribute the statement to Ardan Kovac; Riverbend Observer to Henrik Osei-Varga").
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import combinations

from .anchors import REPORTING, anchor, event_lemmas, negated_verbs, same_anchor
from .comparison import Claim, Conflict, Fact, QuoteGroup, QuoteItem
from .features import ArticleView, SentenceInfo, fallback_date_texts, fallback_numbers
from .sources import Attribution, same_source
from .text import content_stems, negation_count, normal_actor_key, same_actor, stem

_HEDGE = re.compile(r"\b(?:about|around|nearly|almost|roughly|approximately|some|over|more than|less than|"
                    r"at least|up to|as many as|dozens|hundreds|thousands|estimated|an estimated)\b", re.I)
_PLACE_PREP = re.compile(r"\b(?:in|at|near|outside|inside)\s+(?:the\s+)?$", re.I)
_SITE_PREP = re.compile(r"\b(?:on|along)\s+(?:the\s+)?$", re.I)  # "on Sovereignty Square": sites, not countries
NEGATION_MIN_COSINE = 0.7
NEGATION_MIN_OVERLAP = 0.4
MIN_CONFIDENCE = 0.5  # conflicts below this are not reported (precision first; chosen on BASIL tune + examples)
ACTOR_MIN_COSINE = 0.8
SOURCE_CONFIDENCE = 0.7  # credits read from explicit cues ("interview with X", "according to X")
QUOTE_SPEAKER_CONFIDENCE = 0.7  # the same quoted words, each speaker named in its own sentence  # two speakers of one statement, when the statement is not the same quote
PLACE_MIN_COSINE = 0.6
PLACE_EVENT_MIN_COSINE = 0.5  # sentences that share an event verb ("were injured … on X" / "… in Y")
_SPECIFIC_DAY = re.compile(r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday|tonight|"
                           r"jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\b|\d{1,2}(?:st|nd|rd|th)?\b",
                           re.I)
_GENERIC_COUNTS = {stem(w) for w in ("years", "year", "days", "day", "weeks", "months", "times", "percent",
                                     "points", "hours", "minutes", "others", "more", "people", "million", "billion",
                                     # tallies: one story gives several of each (votes needed and votes won,
                                     # seats gained and seats held), so a differing count is no dispute by itself
                                     "votes", "vote", "seats", "seat", "delegates", "members", "counts",
                                     "count", "charges", "charge")}
_RANK = re.compile(r"(?:\bno\.|\bnumber|#)\s*$", re.I)  # "the No. 2 position" is a rank, not a count
# "thousands of applications" is no figure to dispute "8,000 applications" with
_VAGUE = re.compile(r"^\s*(?:a\s+few\s+|several\s+|many\s+)?(?:dozens|hundreds|thousands|millions|billions|scores|"
                    r"tens\s+of\s+thousands|hundreds\s+of\s+thousands)\b", re.I)
# a rate or a share per person is another quantity than a total: "150 cases a day", "one count each"
_RATE = re.compile(r"^[^.;,]{0,30}?\b(?:a|per|each|every)\s+(?:day|week|month|year|hour|person|capita)\b|"
                   r"^\s*(?:\w+\s+){0,3}?(?:each|apiece|daily|weekly|annually|a\s+day|a\s+year)\b", re.I)
# forecasts and expectations are no account of what happened: "analysts had expected 40,000 new jobs"
_EXPECTED = re.compile(r"\b(?:expect(?:ed|ing|s)?|forecast(?:s|ed|ing)?|predict(?:ed|s|ing)?|projected|"
                       r"looking\s+for|estimates?\s+(?:of|that)|surveyed)\b", re.I)
_WEEKDAY_VALUES = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}


def _ramp(x: float, low: float, high: float) -> float:
    return max(0.0, min(1.0, (x - low) / (high - low)))


def _anchored(kind_of_value: str, relation: str, cosine: float) -> float:
    """Confidence that two values in two aligned sentences are about the same event (0 = not comparable).

    relation is `same_anchor`'s answer: the values attach to the same event predicate ("strong"), only to the
    same reporting/generic verb ("weak"), to different predicates ("none"), or the parse is unknown."""
    if relation == "strong":
        return 0.0 if cosine < 0.5 else 0.6 + 0.4 * _ramp(cosine, 0.5, 0.85)
    if relation in ("weak", "unknown"):
        return 0.0 if cosine < 0.8 else 0.5 + 0.4 * _ramp(cosine, 0.8, 0.95)
    # different predicates: never for dates; a count of the same noun only in near-identical sentences
    if kind_of_value == "number" and cosine >= 0.85:
        return 0.5
    return 0.0


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


def _as_written(n, sentence: str = "") -> str:
    """ "40 workers" even when the analysis kept only "40" as the number's text (the noun as the sentence
    writes it: "four million Valdorians")."""
    if n.counts and stem(n.counts) not in n.text.lower():  # "nine-year" already says what it counts
        m = re.search(rf"\b{re.escape(n.counts)}\b", sentence, re.I) if sentence else None
        noun = m.group(0) if m else n.counts
        if n.unit in ("%", "percent") or "percent" in n.text.lower() or n.text.endswith("%"):
            return f"{n.text} of the {noun}"  # "54 percent of the vote"
        return f"{n.text} {noun}"
    return n.text


_PEOPLE = {stem(w) for w in ("people", "persons", "residents", "inhabitants", "citizens", "civilians",
                              "individuals")}
# outcomes that are different counts of people, never one figure told two ways: "killed 50" vs "injured 100"
_OUTCOMES = {"kill", "die", "injure", "wound", "hurt", "arrest", "detain", "evacuate", "rescue", "displace",
             "miss", "infect", "hospitalize", "hospitalise", "treat", "vaccinate", "test", "shoot", "charge",
             "convict", "release", "free", "save", "bury", "flee"}
LEAD_COUNT_CONFIDENCE = 0.55
LEAD_COUNT_MIN_COSINE = 0.6


def _is_rate(n, text: str) -> bool:
    """A figure per day, per person, each…: read the words right after the number and its noun."""
    written = _as_written(n, text)
    at = text.find(written) if written else -1
    if at < 0 and n.text:
        at, written = text.find(n.text), n.text
    return at >= 0 and bool(_RATE.search(text[at + len(written):at + len(written) + 40]))


def _is_rank(n, text: str) -> bool:
    """A number written as a rank or label ("No. 2", "number 3", "#1"), not as a count."""
    at = text.find(n.text) if n.text else -1
    return at >= 0 and bool(_RANK.search(text[max(0, at - 8):at]))


def _counted(n, demonyms: set[str] = frozenset()) -> tuple[str | None, str | None]:
    """What a number counts, as a key: the stemmed noun, with people-words and demonyms ("four million
    Valdorians") read as people."""
    if not n.counts:
        return None, n.unit
    noun = stem(n.counts)
    if noun in _PEOPLE or n.counts.lower() in demonyms:
        return "people", n.unit
    return noun, n.unit


def _lead_count(a: SentenceInfo, b: SentenceInfo, na, nb, key, relation: str, anchors, cosine: float,
                demonyms: tuple[set[str], set[str]]) -> bool:
    """Two leads (first two sentences) of one fact giving one head count each of the story's main event
    ("about 3.2 million people without electricity" vs "some four million Valdorians spent the night in the
    dark"): the same people counted, though the parse ties the figures to different verbs. Not when either
    figure is a distinct outcome (killed vs injured), nor when the figures are far apart (× 3)."""
    if key[0] != "people" or a.index > 1 or b.index > 1 or relation not in ("none", "unknown"):
        return False
    if cosine < LEAD_COUNT_MIN_COSINE:
        return False
    for s, dem in ((a, demonyms[0]), (b, demonyms[1])):
        if sum(1 for n in s.numbers if n.value is not None and _counted(n, dem) == key) != 1:
            return False
    if any(x and (x & _OUTCOMES) for x in anchors):
        return False
    low, high = sorted((abs(na.value), abs(nb.value)))
    return low > 0 and high / low <= 3


PENALTY_CONFIDENCE = 0.55
_TIME_COUNTS = {stem(w) for w in ("years", "months", "weeks", "days", "hours")}
# what a sentence length or a ban is told with: "to seven years in prison", "a nine-year prison term", "jailed
# for seven years", "a four-year ban"
_PENALTY = re.compile(r"\b(?:sentenc\w*|jail\w*|prison\w*|imprison\w*|term|behind bars|ban(?:ned)?|suspen\w+|"
                      r"custod\w+|probation)\b", re.I)


def _penalty_durations(s: SentenceInfo, key, demonyms) -> list:
    """The sentence's durations of this unit told as a penalty: a penalty word within a few words of it."""
    out = []
    for n in s.numbers:
        if n.value is None or _counted(n, demonyms) != key or not n.text:
            continue
        at = s.text.find(n.text)
        if at >= 0 and _PENALTY.search(s.text[max(0, at - 30): at + len(n.text) + 25]):
            out.append(n)
    return out


SHARE_CONFIDENCE = 0.55
SHARE_MIN_COSINE = 0.6


def _one_share_each(a: SentenceInfo, b: SentenceInfo, key, cosine: float, demonyms) -> bool:
    """"Koenig took 54 percent of the vote" against "Koenig won 51 percent of the vote": a share of one named
    thing, one such figure in each sentence of one fact, is one quantity whatever verb carries it. (Sums of money
    are not read this way: on BASIL a story's sums were different quantities five times out of six.)"""
    if key[1] not in ("%", "percent") or not key[0] or cosine < SHARE_MIN_COSINE:
        return False
    return all(sum(1 for n in s.numbers if n.value is not None and _counted(n, dem) == key) == 1
               for s, dem in ((a, demonyms[0]), (b, demonyms[1])))


def _number_conflicts(a: SentenceInfo, b: SentenceInfo, cosine: float = 1.0,
                      demonyms: tuple[set[str], set[str]] = (frozenset(), frozenset())
                      ) -> list[tuple[str, str, str, float]]:
    """(counted noun, value of a, value of b, confidence): the same noun counted for the same predicate."""
    out = []
    if _EXPECTED.search(a.text) or _EXPECTED.search(b.text):
        return out
    values_a = {n.value for n in a.numbers if n.value is not None}
    values_b = {n.value for n in b.numbers if n.value is not None}
    for na in a.numbers:
        if na.value is None or _is_rank(na, a.text) or _VAGUE.match(na.text or ""):
            continue
        key_a = _counted(na, demonyms[0])
        if key_a == (None, None):
            continue
        rate_a = _is_rate(na, a.text)
        same_kind = [nb for nb in b.numbers if nb.value is not None and _counted(nb, demonyms[1]) == key_a
                     and not _is_rank(nb, b.text) and not _VAGUE.match(nb.text or "")
                     and _is_rate(nb, b.text) == rate_a]
        if not same_kind or any(nb.value == na.value for nb in same_kind):
            continue
        # a sentence that states both figures is not contradicting the other ("lost six trawlers and now has
        # 194 left" against "lost six trawlers")
        same_kind = [nb for nb in same_kind if na.value not in values_b and nb.value not in values_a]
        if not same_kind:
            continue
        hedged = bool(_HEDGE.search(a.text) or _HEDGE.search(b.text))
        if all(not _differ(na.value, x.value, hedged) for x in same_kind):
            continue
        nb = next(x for x in same_kind if _differ(na.value, x.value, hedged))
        penalties = ((_penalty_durations(a, key_a, demonyms[0]), _penalty_durations(b, key_a, demonyms[1]))
                     if key_a[0] in _TIME_COUNTS else ([], []))
        if na in penalties[0]:
            # a penalty is compared with the other sentence's penalty, not with another span of time in it
            nb = next((x for x in penalties[1] if x in same_kind and _differ(na.value, x.value, hedged)), nb)
        anchors = (anchor(a.text, na.text), anchor(b.text, nb.text))
        relation = same_anchor(*anchors)
        confidence = _anchored("number", relation, cosine)
        if key_a[0] in _TIME_COUNTS and relation == "none":
            # "ran the region for eight years" and "sentenced to seven years" are two spans of time; "sentenced to
            # seven years in prison" and "handed a nine-year prison term", one penalty in each sentence, are one
            one_each = penalties[0] == [na] and penalties[1] == [nb]
            confidence = PENALTY_CONFIDENCE if one_each and cosine >= SHARE_MIN_COSINE else 0.0
        if confidence <= 0 and na.counts and key_a[0] == stem(na.counts) and key_a[0] not in _GENERIC_COUNTS \
                and cosine >= 0.5:
            confidence = 0.55  # the same specific noun counted in two sentences of one fact ("nine fishermen")
        if confidence <= 0 and _lead_count(a, b, na, nb, key_a, relation, anchors, cosine, demonyms):
            confidence = LEAD_COUNT_CONFIDENCE
        if confidence <= 0 and _one_share_each(a, b, key_a, cosine, demonyms):
            confidence = SHARE_CONFIDENCE
        if confidence <= 0:
            continue
        noun = "people" if key_a[0] == "people" and not (na.counts and stem(na.counts) in _PEOPLE) \
            else (na.counts or na.unit or "")
        out.append((noun, _as_written(na, a.text), _as_written(nb, b.text), confidence))
    return out


def _day_values(s: SentenceInfo) -> dict[str, list[str]]:
    """A sentence's dates that name one day (a weekday or a month and day), with the words they came from;
    "this week", "in August" or "2016" are too vague to dispute."""
    out = {}
    for value in s.dates:
        if not (re.match(r"^[\d?]{4}-\d\d-\d\d", value) or value in _WEEKDAY_VALUES):
            continue
        texts = [t for t in s.date_texts.get(value, []) if _SPECIFIC_DAY.search(t)] if s.date_texts else [value]
        if texts:
            out[value] = texts
    return out


def _day(value: str) -> str:
    return value[5:10] if value[:1].isdigit() or value[:1] == "?" else value


def _comparable(x: str, y: str) -> bool:
    return (x in _WEEKDAY_VALUES) == (y in _WEEKDAY_VALUES)


def _after(day: str, view: ArticleView) -> bool:
    """The day is after the article's publication: that article could not have known of that event."""
    published = (view.item.article.published or "")[:10]
    return bool(re.match(r"^\d{4}-\d\d-\d\d$", day) and re.match(r"^\d{4}-\d\d-\d\d$", published)
                and day > published)


def _lead_event_day(s: SentenceInfo, days: dict[str, list[str]], text: str) -> bool:
    """A lead sentence (first two) with one day, attached to an event verb (not "said Tuesday"): the day of the
    story's main event as this article tells it."""
    if s.index > 1 or len(days) != 1:
        return False
    found = anchor(s.text, text)
    return bool(found) and not (found & REPORTING)


_MONTH_NAMES = tuple(calendar.month_name)[1:]  # "January" … "December"


def _day_label(value: str) -> str:
    """A date value as a reader writes it when it has no year: "Tuesday", "March 10"; ISO dates stay ISO."""
    if value in _WEEKDAY_VALUES:
        return value.capitalize()
    match = re.match(r"^\?{4}-(\d\d)-(\d\d)$", value)
    return f"{_MONTH_NAMES[int(match[1]) - 1]} {int(match[2])}" if match and 1 <= int(match[1]) <= 12 else value


def _day_value(label: str) -> str:
    """The value behind `_day_label`'s label."""
    if label.lower() in _WEEKDAY_VALUES:
        return label.lower()
    month, _, day = label.partition(" ")
    if month in _MONTH_NAMES and day.isdigit():
        return f"????-{_MONTH_NAMES.index(month) + 1:02d}-{int(day):02d}"
    return label


def _told_by_both(day_anchor: set[str] | None, other: str) -> bool:
    """The verb one sentence dates is an event the other sentence tells too ("sentenced on Tuesday" / "convicted
    on Monday and sentenced"). A bare weekday is compared across two leads only then: "closing arguments on
    Monday" and "go to the polls Tuesday" are two happenings."""
    return bool(day_anchor and day_anchor & (event_lemmas(other) or set()))


def _date_conflict(a: SentenceInfo, b: SentenceInfo, cosine: float) -> tuple[str, str, float] | None:
    """(day of a, day of b, confidence): two days given for the same event predicate, and no day in common.
    "announced Sunday" vs "resigned Thursday" attach to different predicates and are not compared."""
    da, db = _day_values(a), _day_values(b)
    if not da or not db:
        return None
    if {_day(x) for x in a.dates} & {_day(y) for y in b.dates}:
        return None  # a day in common: not a clear dispute
    best = None
    for x, tx in sorted(da.items()):
        for y, ty in sorted(db.items()):
            if not _comparable(x, y):
                continue
            ax, ay = anchor(a.text, tx[0]), anchor(b.text, ty[0])
            relation = same_anchor(ax, ay)
            confidence = _anchored("date", relation, cosine)
            if confidence <= 0 and relation == "none" and _lead_event_day(a, da, tx[0]) and \
                    _lead_event_day(b, db, ty[0]) and cosine >= 0.6 and \
                    (x not in _WEEKDAY_VALUES or _told_by_both(ax, b.text) or _told_by_both(ay, a.text)):
                confidence = 0.55  # the two leads date the story's main event differently
            if confidence > 0 and (best is None or confidence > best[2]):
                best = (x, y, confidence)
    return best


def _places(view: ArticleView, sentence: SentenceInfo) -> dict[str, str]:
    """Places the sentence puts something in, at or near (sites also "on": "on Sovereignty Square"): name → label."""
    out = {}
    for m in view.item.analysis.mentions:
        if m.sentence != sentence.index or m.label not in ("GPE", "LOC", "FAC"):
            continue
        pos = sentence.text.find(m.text)
        if pos > 0 and (_PLACE_PREP.search(sentence.text[:pos])
                        or (m.label in ("LOC", "FAC") and _SITE_PREP.search(sentence.text[:pos]))):
            out.setdefault(m.text, m.label)
    return out


def _place_dispute(pa: dict[str, str], pb: dict[str, str], text_a: str, text_b: str) -> tuple[str, str] | None:
    """Two places of the same kind (site vs site, city vs city) with none in common, and neither article naming
    the other's place anywhere ("in Kabul" vs "in Afghanistan", or a square vs its city, is no dispute)."""
    keys_a, keys_b = _place_keys(text_a), _place_keys(text_b)
    for label in ("FAC", "LOC", "GPE"):
        xa = sorted(p for p, k in pa.items() if k == label)
        xb = sorted(p for p, k in pb.items() if k == label)
        if not xa or not xb or {normal_actor_key(p) for p in xa} & {normal_actor_key(p) for p in xb}:
            continue  # "the US" and "the U.S." are one place
        if any(_mentioned(p, keys_b) for p in xa) or any(_mentioned(p, keys_a) for p in xb):
            continue
        return xa[0], xb[0]
    return None


def _mentioned(place: str, keys: str) -> bool:
    plain = re.sub(r"[^a-z0-9]+", " ", place.lower()).strip()
    return any(f and f" {f} " in keys for f in (plain, normal_actor_key(place)))


@lru_cache(maxsize=256)
def _place_keys(text: str) -> str:
    """The article's text as normalised words, padded, so a place key is found as whole words ("u s" in "the u s")."""
    return " " + re.sub(r"[^a-z0-9]+", " ", text.lower()) + " "


def _demonyms(view: ArticleView, sentence: SentenceInfo) -> set[str]:
    """Nationality words of the sentence ("Valdorians"), lower-cased: counted, they count people."""
    return {m.text.lower() for m in view.item.analysis.mentions if m.sentence == sentence.index and m.label == "NORP"}


# An actor conflict needs two named people. Organisations are left out: on real reports, two organisations
# "saying" one thing were nearly always a newsroom cited as the source ("according to Harbour Radio") beside the body
# that spoke, not two outlets crediting one statement to different bodies.
SPEAKER_KINDS = ("PERSON",)


def actor_type(view: ArticleView, name: str | None) -> str | None:
    """The analysis's type of the actor `name` in this article (PERSON, ORG, GPE, GROUP, …)."""
    if not name:
        return None
    for actor in view.item.analysis.actors:
        if actor.name == name:
            return actor.type
    for actor in view.item.analysis.actors:
        if name in actor.aliases:
            return actor.type
    return None


def _speakers(view: ArticleView, sentence: int) -> dict[str, str]:
    """Named speakers of a sentence that can be disputed: people and organisations, by type."""
    an = view.item.analysis
    found = {q.speaker for q in an.quotes if q.sentence == sentence and q.speaker}
    found |= {r.speaker for r in an.reporting_verbs if r.sentence == sentence and r.speaker}
    out = {}
    for name in found:
        kind = actor_type(view, name)
        if kind in SPEAKER_KINDS:
            out[name] = kind
    return out


def _speaker_dispute(ka: dict[str, str], kb: dict[str, str]) -> tuple[str, str] | None:
    """Two different named speakers of the same kind, and no speaker in common; else None (be conservative:
    "Tarsovan officials" vs "officials in Brask" is no dispute, nor a person vs their organisation)."""
    if not ka or not kb or any(same_actor(x, y) for x in ka for y in kb):
        return None
    for kind in SPEAKER_KINDS:
        xa = sorted(n for n, k in ka.items() if k == kind)
        xb = sorted(n for n, k in kb.items() if k == kind)
        if xa and xb:
            return xa[0], xb[0]
    return None



@dataclass
class _Dispute:
    """Pairwise findings about one disputed item, merged: one claim per article."""
    kind: str
    fact: str | None
    noun: str = ""  # numbers: the counted noun; sources: "interview" or "report"
    claims: dict[str, Claim] = field(default_factory=dict)
    order: int = 0
    also: list[str] = field(default_factory=list)  # other facts with the same dispute
    confidence: float = 0.0  # the best pairwise finding's

    def add(self, claim: Claim) -> None:
        self.claims.setdefault(claim.article, claim)

    def seen(self, confidence: float) -> None:
        self.confidence = max(self.confidence, confidence)


def find_conflicts(views: list[ArticleView], facts: list[Fact], attributions: list[Attribution],
                   quote_groups: list[QuoteGroup], quotes: list[QuoteItem],
                   cosines: dict, independent: dict[str, str] | None = None) -> list[Conflict]:
    """`independent`: article → the independent original it copies (itself when none); a copy beside its
    original is not counted as another outlet in the summaries."""
    by_id = {v.id: v for v in views}
    independent = independent or {}
    disputes: dict[tuple, _Dispute] = {}

    def dispute(key: tuple, kind: str, fact: str | None, noun: str = "") -> _Dispute:
        if key not in disputes:
            disputes[key] = _Dispute(kind, fact, noun, order=len(disputes))
        return disputes[key]

    for fact in facts:
        for ea, eb in combinations(fact.evidence, 2):
            if ea.article == eb.article or ea.contained or eb.contained:
                continue  # a sentence holding the fact inside a longer one is compared under its own fact
            va, vb = by_id[ea.article], by_id[eb.article]
            sa, sb = va.sentences[ea.sentence], vb.sentences[eb.sentence]
            for kind, noun, ca, cb, conf in _claim_conflicts(va, sa, vb, sb, _cosine(cosines, va, sa, vb, sb)):
                d = dispute((fact.id, kind, stem(noun) if kind == "number" else ""), kind, fact.id, noun)
                if kind in ("number", "date", "actor") and any(
                        c.article in (ca.article, cb.article) and c.value != new.value
                        for new in (ca, cb) for c in d.claims.values() if c.article == new.article):
                    continue  # an article already in this dispute with another value: not one item
                d.add(ca)
                d.add(cb)
                d.seen(conf)
    _source_conflicts(views, facts, attributions, dispute)
    _speaker_conflicts(views, quote_groups, quotes, facts, disputes, dispute)
    fact_by_id = {f.id: f for f in facts}
    out = []
    kept: list[_Dispute] = []
    for d in sorted(disputes.values(), key=lambda d: d.order):
        if d.kind == "number":
            _add_supporting_numbers(views, d, fact_by_id.get(d.fact))
        if d.kind == "date":
            _add_supporting_dates(views, d, fact_by_id.get(d.fact))
        if d.kind == "place":
            _add_supporting_places(views, d, fact_by_id.get(d.fact))
        if d.kind in ("actor", "date"):  # the same outlets disagreeing the same way on two facts: one dispute
            twin = next((k for k in kept if k.kind == d.kind and _same_split(k, d)), None)
            if twin is not None:
                if d.fact and d.fact != twin.fact and d.fact not in twin.also:
                    twin.also.append(d.fact)
                if d.kind == "actor" and _quoted(d) and not _quoted(twin):  # show the quoted statement
                    twin.claims, twin.fact, twin.also = d.claims, d.fact, [f for f in [twin.fact, *twin.also]
                                                                              if f and f != d.fact]
                continue
        kept.append(d)
    for d in kept:
        if len({c.article for c in d.claims.values()}) < 2 or d.confidence < MIN_CONFIDENCE:
            continue
        claims = [d.claims[v.id] for v in views if v.id in d.claims]
        if d.kind == "date" and _later_development(claims, by_id):
            continue
        if len(_grouped(d.kind, claims)) < 2:
            continue  # every claim gives the same value after all
        out.append(Conflict(d.kind, summarise(d.kind, claims, by_id, d.noun, independent), claims, d.fact,
                            facts=[f for f in [d.fact, *d.also] if f], confidence=round(d.confidence, 2)))
    return out


def _later_development(claims: list[Claim], by_id: dict) -> bool:
    """A disputed day later than the publication of an article that gives an earlier day: that article
    reported its event before the other day came, so the later day is a later development ("drew criticism on
    Friday" in Friday's paper vs "kept up pressure Sunday"), not a dispute. Not when the two sentences retell
    one happening (`_same_happening`): the earlier article already reported it as past."""
    iso = re.compile(r"^\d{4}-\d\d-\d\d$")
    days = [(c.value[:10], (by_id[c.article].item.article.published or "")[:10],
             by_id[c.article].sentences[c.sentence] if c.sentence is not None else None) for c in claims]
    return any(iso.match(x) and iso.match(y) and iso.match(published) and x < y and y > published
               and not (sx and sy and _same_happening(sx, sy))
               for x, published, sx in days for y, _, sy in days)


def _same_happening(a: SentenceInfo, b: SentenceInfo) -> bool:
    """The two sentences retell one happening: they share an event verb (not a reporting or generic one) and a
    figure of at least 10 that is not a year ("killing three workers and forcing the evacuation of about 4,200
    residents" / "five workers were killed … about 4,200 residents were ordered out"). Two meetings of the same
    people on two days share the verb, not the figures."""
    figures = {n.value for n in a.numbers if n.value is not None and n.value >= 10 and not 1900 <= n.value <= 2100}
    if not figures & {n.value for n in b.numbers if n.value is not None}:
        return False
    return bool((event_lemmas(a.text) or set()) & (event_lemmas(b.text) or set()))


def _same_split(a: _Dispute, b: _Dispute) -> bool:
    """Same articles, each with the same value in both disputes."""
    if set(a.claims) != set(b.claims):
        return False
    return all(a.claims[k].value == b.claims[k].value or (a.kind == "actor" and same_actor(a.claims[k].value,
                                                                                             b.claims[k].value))
               for k in a.claims)


def _quoted(d: _Dispute) -> bool:
    return any(re.search(r"[“”\"]", c.text) for c in d.claims.values())


def _grouped(kind: str, claims: list[Claim]) -> list[tuple[str, list[Claim]]]:
    """Claims grouped by value (actors by `same_actor`, sources by `same_source`), the largest group first."""
    groups: list[tuple[str, list[Claim]]] = []
    for c in claims:
        for value, members in groups:
            if kind == "number" and _numeric(value) is not None and _numeric(value) == _numeric(c.value):
                members.append(c)
                break
            if value.lower() == c.value.lower() or (kind == "actor" and same_actor(value, c.value)) or \
                    (kind == "source" and same_source(value, c.value)):
                members.append(c)
                break
        else:
            groups.append((c.value, [c]))
    groups.sort(key=lambda g: -len(g[1]))
    return groups


def _numeric(value: str) -> float | None:
    found = fallback_numbers(value, 0)
    return found[0].value if found else None


# kind → (verb for one outlet, for several, the link later groups keep: "Riverbend Observer to X")
_PHRASES = {
    "number": ("says", "say", "says", "say"),
    "date": ("dates it", "date it", "", ""),
    "place": ("places it in", "place it in", "in", "in"),
    "actor": ("attributes the statement to", "attribute the statement to", "to", "to"),
    "source": ("credits {what} to", "credit {what} to", "to", "to"),
}


def summarise(kind: str, claims: list[Claim], by_id: dict, noun: str = "",
              independent: dict[str, str] | None = None) -> str:
    """One line: "3 outlets attribute the statement to Ardan Kovac; Riverbend Observer to Henrik Osei-Varga".
    A copy whose original makes the same claim is not named or counted again."""
    independent = independent or {}
    parts = []
    for n, (value, members) in enumerate(_grouped(kind, claims)):
        present = {c.article for c in members}
        labels = list(dict.fromkeys(
            by_id[c.article].label for c in members
            if independent.get(c.article, c.article) == c.article or independent[c.article] not in present))
        several = len(labels) > 1
        who = labels[0] if not several else (" and ".join(labels) if len(labels) == 2 else f"{len(labels)} outlets")
        if kind == "negation":
            verb = ("negate it" if several else "negates it") if value == "negated" else \
                ("state it" if several else "states it")
            parts.append(f"{who} {verb}")
            continue
        one, many, link_one, link_many = _PHRASES.get(kind, ("says", "say", "says", "say"))
        verb = (many if several else one) if n == 0 else (link_many if several else link_one)
        verb = verb.format(what="the interview" if noun == "interview" else "the report")
        if kind == "source" and all(same_source(value, by_id[c.article].label) for c in members):
            value += " (its own reporter)"
        parts.append(" ".join(x for x in (who, verb, value) if x))
    line = "; ".join(parts)
    if kind == "number" and noun and noun.lower() not in line.lower() and noun not in ("%", "percent") \
            and not re.fullmatch(r"[A-Z]{3}", noun):  # "$2 million" says its currency already
        line += f" ({noun})"
    return line


def _cosine(cosines, va, sa, vb, sb) -> float:
    if (va.id, vb.id) in cosines:
        return float(cosines[(va.id, vb.id)][sa.index, sb.index])
    if (vb.id, va.id) in cosines:
        return float(cosines[(vb.id, va.id)][sb.index, sa.index])
    return float(va.embeddings[sa.index] @ vb.embeddings[sb.index])


def _claims(va, sa, value_a, vb, sb, value_b) -> tuple[Claim, Claim]:
    return (Claim(article=va.id, text=sa.text, value=value_a, sentence=sa.index),
            Claim(article=vb.id, text=sb.text, value=value_b, sentence=sb.index))


def _named_in(view: ArticleView, name: str, text: str) -> bool:
    """The speaker is named in the sentence itself (not resolved from "he said" or a neighbouring sentence).

    Only forms of the name count: for a person, aliases sharing a word with the canonical name ("Kazemi Qomi",
    "Qomi"), never a role the analysis attached ("the committee chairman", "the port authority's spokesman"), so an
    attribution that rests on resolving a role or a pronoun never makes an actor conflict."""
    names = {name}
    low = text.lower()
    for actor in view.item.analysis.actors:
        if actor.name == name or name in actor.aliases:
            tokens = _name_tokens(actor.name)
            names |= {actor.name}
            names |= {a for a in actor.aliases
                      if (_name_tokens(a) & tokens if actor.type == "PERSON" else a[:1].isupper())}
            surname = _surname(actor.name)
            if actor.type == "PERSON" and " " in actor.name.strip() and len(surname) > 2 and \
                    re.search(rf"(?<![\w-]){re.escape(surname)}(?![\w-])", low):
                return True  # "Kovac said", "Osei-Varga said"
    return any(n and len(n) > 2 and n.lower() in low for n in names)


_PRONOUN_CUE = re.compile(r"\b(?:he|she)\b", re.I)
_ROLE_CUE = re.compile(r"\b(?:the|this)\s+((?:[\w-]+\s+){0,2}?[\w-]+)\s+(?:said|says|added|told|stated|insisted|"
                       r"warned|declared|wrote)\b|\b(?:said|added|told)\s+the\s+([\w-]+)\b", re.I)


def _roles_fit(view: ArticleView, name: str, sentence: str) -> bool:
    """When the sentence credits its words to a role ("…," the assembly speaker said, according to radio reporter
    Tomas Keld), the speaker must carry that title somewhere in the article ("Assembly Speaker Ilse Varn"); else the
    name in the sentence is someone else (the reporter) and the attribution is not the text's."""
    roles = _roles(sentence)
    if not roles:
        return True
    text = view.item.article.text.lower()
    forms = {name.lower(), _surname(name)} - {""}
    for actor in view.item.analysis.actors:
        if actor.name == name:
            forms |= {a.lower() for a in actor.aliases if _name_tokens(a) & _name_tokens(name)}
    for form in forms:
        for m in re.finditer(re.escape(form), text):
            around = text[max(0, m.start() - 25):m.end() + 25]  # a title or an appositive
            if any(re.search(rf"\b{re.escape(role)}\b", around) for role in roles):
                return True
    return False


def _role_names_speaker(own: str, before: str) -> bool:
    """"…," the president said — after a sentence naming "President Ardan Kovac": the role the quote's sentence
    uses is the title the sentence before gives the speaker."""
    before_low = before.lower()
    return any(re.search(rf"\b{re.escape(role)}\b", before_low) for role in _roles(own))


def _roles(sentence: str) -> list[str]:
    """The role words a sentence credits its words to: "the assembly speaker said" → ["speaker"]."""
    words = ((m.group(1) or m.group(2) or "").lower().split() for m in _ROLE_CUE.finditer(sentence))
    return [w[-1] for w in words if w]


def _name_tokens(name: str) -> set[str]:
    return {t for t in re.findall(r"[\w']+", name.lower()) if len(t) > 2}


def _surname(name: str) -> str:
    parts = re.findall(r"[\w'-]+", name.lower())
    return parts[-1] if parts else ""


def _actor_pair_ok(va, sa, vb, sb, pair: tuple[str, str]) -> bool:
    """Both speakers named in their own sentence and not two forms of one name ("Barack Obama" / "Plus Obama")."""
    x, y = pair
    if _surname(x) == _surname(y) or same_actor(x, y):
        return False
    return (_named_in(va, x, sa.text) and _named_in(vb, y, sb.text)
            and _roles_fit(va, x, sa.text) and _roles_fit(vb, y, sb.text))


def _claim_conflicts(va, sa, vb, sb, cosine) -> list[tuple[str, str, Claim, Claim, float]]:
    """(kind, noun, claim of a, claim of b, confidence) for each way two sentences of one fact disagree."""
    out = []
    for noun, xa, xb, conf in _number_conflicts(sa, sb, cosine, (_demonyms(va, sa), _demonyms(vb, sb))):
        out.append(("number", noun, *_claims(va, sa, xa, vb, sb, xb), conf))
    dates = _date_conflict(sa, sb, cosine)
    # a day after the other article's publication is a later development, unless both tell the same happening
    if dates and (not (_after(dates[1], va) or _after(dates[0], vb)) or _same_happening(sa, sb)):
        out.append(("date", "", *_claims(va, sa, _day_label(dates[0]), vb, sb, _day_label(dates[1])), dates[2]))
    pa, pb = _places(va, sa), _places(vb, sb)
    text_a, text_b = va.item.article.text, vb.item.article.text
    pair = _place_dispute(pa, pb, text_a, text_b)
    if pair:
        confidence = 0.5 + 0.4 * _ramp(cosine, PLACE_MIN_COSINE, 0.9) if cosine >= PLACE_MIN_COSINE else 0.0
        if not confidence and cosine >= PLACE_EVENT_MIN_COSINE and (event_lemmas(sa.text) or set()) & \
                (event_lemmas(sb.text) or set()):
            confidence = 0.5 + 0.4 * _ramp(cosine, PLACE_EVENT_MIN_COSINE, 0.9)  # the same happening, elsewhere
        if confidence:
            out.append(("place", "", *_claims(va, sa, pair[0], vb, sb, pair[1]), confidence))
    pair = _speaker_dispute(_speakers(va, sa.index), _speakers(vb, sb.index))
    if pair and cosine >= ACTOR_MIN_COSINE and _actor_pair_ok(va, sa, vb, sb, pair):
        out.append(("actor", "", *_claims(va, sa, pair[0], vb, sb, pair[1]),
                    0.5 + 0.4 * _ramp(cosine, ACTOR_MIN_COSINE, 0.95)))
    overlap = len(sa.stems & sb.stems) / max(1, len(sa.stems | sb.stems))
    # presence, not parity: "will not, will not stand by" repeats one negation, it does not undo it
    if (sa.negations > 0) != (sb.negations > 0) and cosine >= NEGATION_MIN_COSINE and overlap >= NEGATION_MIN_OVERLAP \
            and _negation_on_shared_claim(sa, sb):
        out.append(("negation", "", *_claims(va, sa, "negated" if sa.negations else "affirmed",
                                             vb, sb, "negated" if sb.negations else "affirmed"),
                    0.5 + 0.4 * _ramp(cosine, NEGATION_MIN_COSINE, 0.95)))
    return out


_CLAUSE = re.compile(r"[,;:]|\b(?:yet|but|while|although|though|whereas)\b", re.I)


def _negation_on_shared_claim(sa: SentenceInfo, sb: SentenceInfo) -> bool:
    """The negation sits in a clause both sentences share ("ruled out" vs "did not rule out"), not in a clause
    only one of them adds ("…was four decades old, yet no work had begun"), and the verb it negates is in the
    other sentence too ("could not get within 100 yards" vs "kept our crews 100 yards back" is no dispute)."""
    negated, affirmed = (sa, sb) if sa.negations else (sb, sa)
    parsed, other = negated_verbs(negated.text), negated_verbs(affirmed.text)
    if parsed and other and parsed[0] and not parsed[0] & other[1]:
        return False
    for mine, other in ((sa, sb), (sb, sa)):
        for clause in _CLAUSE.split(mine.text):
            if negation_count(clause):
                stems = content_stems(clause)
                if stems and len(stems & other.stems) < 0.5 * len(stems):
                    return False
    return True


def _add_supporting_numbers(views: list[ArticleView], d: _Dispute, fact: Fact | None) -> None:
    """Articles outside the pairwise findings that state one of the disputed values — in their sentence of the
    same fact (any noun), or for the same noun anywhere — join the conflict on that side: "9 vs 11 fishermen"
    lists every outlet."""
    values = {c.value.lower() for c in d.claims.values()}
    by_id = {v.id: v for v in views}
    numeric = set()
    for c in d.claims.values():
        s = by_id[c.article].sentences[c.sentence] if c.sentence is not None else None
        numeric |= {n.value for n in (s.numbers if s else []) if n.value is not None
                    and _as_written(n).lower() == c.value.lower()}
    if fact is not None:
        for e in fact.evidence:
            if e.article in d.claims:
                continue
            s = by_id[e.article].sentences[e.sentence]
            n = next((n for n in s.numbers if n.value in numeric), None)
            if n is not None:
                d.add(Claim(e.article, s.text, _as_written(n), s.index))
    noun = stem(d.noun) if d.noun else None
    if not noun:
        return
    found_values = {}
    for v in views:
        for s in v.sentences:
            for n in s.numbers:
                if n.value is not None and n.counts and stem(n.counts) == noun:
                    found_values.setdefault((v.id, n.value), (s, n))
    disputed = {n.value for (aid, _val), (_s, n) in found_values.items() if aid in d.claims
                and _as_written(n).lower() in values}
    for v in views:
        if v.id in d.claims:
            continue
        for (aid, val), (s, n) in found_values.items():
            if aid == v.id and val in disputed:
                d.add(Claim(v.id, s.text, _as_written(n), s.index))
                break


def _add_supporting_places(views: list[ArticleView], d: _Dispute, fact: Fact | None) -> None:
    """Other articles of the fact whose sentence names one of the disputed places join that side."""
    if fact is None:
        return
    by_id = {v.id: v for v in views}
    disputed = {c.value for c in d.claims.values()}
    for e in fact.evidence:
        if e.article in d.claims:
            continue
        s = by_id[e.article].sentences[e.sentence]
        same = sorted(set(_places(by_id[e.article], s)) & disputed)
        if len(same) == 1:
            d.add(Claim(e.article, s.text, same[0], s.index))


_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def _add_supporting_dates(views: list[ArticleView], d: _Dispute, fact: Fact | None) -> None:
    """Other articles of the fact that give one of the disputed days join that side — also when their date
    stayed a bare weekday (no publication date to resolve it) that names the disputed day's weekday."""
    if fact is None:
        return
    import datetime as _dt

    by_id = {v.id: v for v in views}
    disputed = {_day_value(c.value) for c in d.claims.values()}
    weekday_of = {}
    for value in disputed:
        try:
            weekday_of[_WEEKDAYS[_dt.date.fromisoformat(value[:10]).weekday()]] = value
        except ValueError:
            continue
    anchors = []  # what the disputed days are the days of, in the claims' own sentences
    for c in d.claims.values():
        s = by_id[c.article].sentences[c.sentence] if c.sentence is not None else None
        texts = _day_values(s).get(_day_value(c.value)) if s else None
        if texts:
            anchors.append(anchor(s.text, texts[0]))

    leads = all(by_id[c.article].sentences[c.sentence].index <= 1 for c in d.claims.values()
                if c.sentence is not None)

    def same_event(s: SentenceInfo, text: str) -> bool:
        mine = anchor(s.text, text)
        if leads and _lead_event_day(s, _day_values(s) or {text: [text]}, text):
            return True
        return any(same_anchor(mine, a) == "strong" for a in anchors)

    for e in fact.evidence:
        if e.article in d.claims:
            continue
        s = by_id[e.article].sentences[e.sentence]
        days = _day_values(s)
        same = sorted(x for x in set(days) & disputed if same_event(s, days[x][0]))
        if same:
            d.add(Claim(e.article, s.text, _day_label(same[0]), s.index))
            continue
        if any(x[:4].isdigit() for x in s.dates):
            continue
        texts = fallback_date_texts(s.text)
        found = {x for x in s.dates | set(texts) if x in weekday_of}
        if len(found) == 1:
            day = found.pop()
            if same_event(s, (days.get(day) or texts.get(day) or [day])[0]):
                d.add(Claim(e.article, s.text, _day_label(weekday_of[day]), s.index))


_QUOTED = re.compile(r"[“\"]([^”\"]{12,})[”\"]")
_CONVERSATION_KINDS = ("interview", "told")


def _same_quote(x: str, y: str) -> bool:
    """The two sentences quote the same words (half of the shorter quote's content words)."""
    return any(_same_words(qa, qb) for qa in _QUOTED.findall(x) for qb in _QUOTED.findall(y))


def _source_conflicts(views, facts, attributions, dispute) -> None:
    """Articles crediting the same interview (same interviewee, or none named) to different sources, or the
    same fact to different outside sources: one conflict per interview / fact. A "told X" credit ("she told
    our correspondent", "speaking to X") disputes another credit of the same fact only when both sentences
    quote the same words — two outlets may each have talked to the same person. Pairs that share a credit are
    merged, so one interview told three ways is one conflict."""
    fact_of = {(e.article, e.sentence): f.id for f in facts for e in f.evidence}
    atts = [a for a in attributions if a.kind != "dateline"]
    parent = list(range(len(atts)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    linked: list[tuple[int, int, bool]] = []
    for (i, x), (j, y) in combinations(enumerate(atts), 2):
        if x.article == y.article or same_source(x.value, y.value):
            continue
        same_interview = x.kind == y.kind == "interview" and (
            not x.speakers or not y.speakers or any(same_actor(p, q) for p in x.speakers for q in y.speakers))
        fx, fy = fact_of.get((x.article, x.sentence)), fact_of.get((y.article, y.sentence))
        same_fact = fx is not None and fx == fy
        if same_fact and "told" in (x.kind, y.kind) and not _same_quote(x.text, y.text):
            same_fact = False
        if not (same_interview or same_fact):
            continue
        linked.append((i, j, x.kind in _CONVERSATION_KINDS and y.kind in _CONVERSATION_KINDS))
        parent[root(i)] = root(j)
    groups: dict[int, list[tuple[int, int, bool]]] = {}
    for i, j, talk in linked:
        groups.setdefault(root(i), []).append((i, j, talk))
    for pairs in groups.values():
        members = sorted({k for i, j, _ in pairs for k in (i, j)}, key=lambda k: (atts[k].article, atts[k].sentence))
        fact_ids = [fact_of.get((atts[k].article, atts[k].sentence)) for k in members]
        fact = max((f for f in fact_ids if f), key=fact_ids.count, default=None)
        talk = any(t for _, _, t in pairs)
        d = dispute(("source", min(members)), "source", fact, "interview" if talk else "report")
        for k in members:
            a = atts[k]
            d.add(Claim(a.article, a.text, a.value, a.sentence))
        d.seen(SOURCE_CONFIDENCE)


def _same_words(x: str, y: str) -> bool:
    """The same quoted statement: at least half of the shorter quote's content words in the other, and at least
    three ("a mosque near Ground Zero" and "Ground zero is hallowed ground" share a place name, not words)."""
    sx, sy = content_stems(x), content_stems(y)
    shared = len(sx & sy)
    return len(sx) >= 3 and len(sy) >= 3 and shared >= 3 and shared >= 0.5 * min(len(sx), len(sy))


def _same_statement(x: str, y: str) -> bool:
    """Near-identical wording, as when one statement is credited to two people: the same words, and at least half
    of the shorter quote's word trigrams in the other. Two people's similar slogans ("a land grab on behalf of
    the voters", "a land grab for the voters of this country") share words, not the sentence."""
    if not _same_words(x, y):
        return False
    wx, wy = re.findall(r"[\w']+", x.lower()), re.findall(r"[\w']+", y.lower())
    short, long_ = (wx, wy) if len(wx) <= len(wy) else (wy, wx)
    grams = {tuple(short[i:i + 3]) for i in range(len(short) - 2)}
    if not grams:
        return short == long_
    other = {tuple(long_[i:i + 3]) for i in range(len(long_) - 2)}
    return len(grams & other) >= 0.5 * len(grams)


def _speaker_conflicts(views, groups, quotes, facts, disputes, dispute) -> None:
    """Quote groups whose named speakers differ (same kind, PERSON or ORG). Merged into the actor conflict of
    the fact the quotes belong to when there is one, so one disputed statement is reported once."""
    by_id = {v.id: v for v in views}
    fact_of = {(e.article, e.sentence): f.id for f in facts for e in f.evidence}
    for g in groups:
        if not g.speaker_changed:
            continue
        def named(q, near: bool) -> bool:
            """Named in the quote's sentence; or, to join a side, in the sentence before it when the quote's own
            sentence attributes it with "he"/"she" ("…held to account," she said). A quote whose sentence has
            another subject ("The president responded, calling it …") never leans on the sentence before."""
            v = by_id[q.article]
            own = v.sentences[q.sentence].text
            if _named_in(v, q.speaker, own):
                return _roles_fit(v, q.speaker, own)
            if not near or q.sentence == 0:
                return False
            before = v.sentences[q.sentence - 1].text
            return _named_in(v, q.speaker, before) and (
                bool(_PRONOUN_CUE.search(own)) or _role_names_speaker(own, before))

        members = [q for q in quotes if q.group == g.id and q.speaker
                   and actor_type(by_id[q.article], q.speaker) in SPEAKER_KINDS and named(q, True)]
        disputed = [(qa, qb) for qa, qb in combinations(members, 2)
                    if qa.article != qb.article and _surname(qa.speaker) != _surname(qb.speaker)
                    and qa.kind == qb.kind == "direct" and _same_statement(qa.text, qb.text)
                    and (named(qa, False) or named(qb, False)) and _speaker_dispute(
                        {qa.speaker: actor_type(by_id[qa.article], qa.speaker)},
                        {qb.speaker: actor_type(by_id[qb.article], qb.speaker)})]
        if not disputed:
            continue
        core = [q for pair in disputed for q in pair]
        # only the disputed statement's quotes take a side, not every quote the group gathered
        members = [q for q in members if any(q is c for c in core)
                   or (q.kind == "direct" and any(_same_statement(q.text, c.text) for c in core))]
        facts_here = [fact_of.get((q.article, q.sentence)) for q in members]
        target = next((disputes[k] for f in facts_here if f for k in [(f, "actor", "")] if k in disputes), None)
        if target is None:
            target = dispute(("quote", g.id), "actor", next((f for f in facts_here if f), None))
        for q in members:
            if q.article not in target.claims:
                s = by_id[q.article].sentences[q.sentence]
                target.add(Claim(q.article, s.text, q.speaker, q.sentence))
        target.seen(QUOTE_SPEAKER_CONFIDENCE)
