"""What a value in a sentence is about: the predicate a date or a number attaches to, by the dependency parse.

"President Trump announced Sunday that Mattis will be leaving on January 1": Sunday → {announce},
January 1 → {leave}. "His final day would be Feb. 28": Feb. 28 → {be, day} (a copula brings its subject).
Two dates (or counts) are only compared when their anchors share a lemma — "announced Sunday" and "resigned
Thursday" are two events, not a dispute.

The parse uses the analysis's spaCy pipeline (already loaded when `compare` analyses files); it is only run on
the few sentence pairs that are candidate conflicts, and cached per sentence. Without spaCy the anchors are
unknown (None) and the callers fall back to stricter similarity tests.
"""

from __future__ import annotations

import re
from functools import lru_cache

REPORTING = {"say", "tell", "announce", "report", "state", "add", "write", "declare", "confirm", "claim", "note",
             "explain", "disclose", "reveal"}
_GENERIC = {"be", "have", "do", "make", "take", "get", "will"}


@lru_cache(maxsize=1)
def _nlp():
    try:
        from ..analyze.models import spacy_pipeline

        return spacy_pipeline()
    except Exception:  # no model installed: anchors unknown
        return None


@lru_cache(maxsize=4096)
def _parse(text: str):
    nlp = _nlp()
    return nlp(text) if nlp is not None else None


def _tokens_of(doc, needle: str):
    """Tokens of the first occurrence of `needle` (case-insensitive) in the parsed sentence."""
    if not needle:
        return []
    m = re.search(re.escape(needle.strip()), doc.text, re.I)
    if not m:
        return []
    return [t for t in doc if t.idx < m.end() and t.idx + len(t.text) > m.start()]


def _predicate(tok) -> set[str]:
    """Lemmas of the verb (or the copula and its subject) that governs `tok`."""
    seen = 0
    while seen < 12:
        seen += 1
        if tok.pos_ in ("VERB", "AUX") and tok.dep_ not in ("aux", "auxpass"):
            out = {tok.lemma_.lower()}
            if tok.lemma_.lower() == "be":
                out |= {c.lemma_.lower() for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")
                        and c.pos_ in ("NOUN", "PROPN")}
            return out
        if tok.head is tok:
            return {tok.lemma_.lower()} if tok.pos_ in ("NOUN", "PROPN") else set()
        tok = tok.head
    return set()


def anchor(sentence: str, value_text: str) -> set[str] | None:
    """The predicate lemmas `value_text` attaches to in `sentence`; None when unknown."""
    doc = _parse(sentence)
    if doc is None:
        return None
    toks = _tokens_of(doc, value_text)
    if not toks:
        return None
    # the token of the span whose head lies outside it
    inside = {t.i for t in toks}
    root = next((t for t in toks if t.head.i not in inside or t.head is t), toks[0])
    found = _predicate(root.head if root.head is not root else root)
    return found or None


def same_anchor(a: set[str] | None, b: set[str] | None) -> str:
    """ "strong" when the values attach to the same event predicate, "weak" when only to the same reporting or
    generic verb, "none" when the predicates differ, "unknown" when either is not known."""
    if a is None or b is None:
        return "unknown"
    shared = a & b
    if not shared:
        return "none"
    if shared - REPORTING - _GENERIC:
        return "strong"
    return "weak"


def event_lemmas(sentence: str) -> set[str] | None:
    """Lemmas of the sentence's event verbs (not reporting or generic verbs: "injured", "broke up"); None when
    the parse is unknown. Two sentences that share one tell of the same happening."""
    doc = _parse(sentence)
    if doc is None:
        return None
    return {t.lemma_.lower() for t in doc if t.pos_ == "VERB"} - REPORTING - _GENERIC


def negated_verbs(sentence: str) -> tuple[set[str], set[str]] | None:
    """(lemmas of the verbs a "not"/"never"/"n't" negates, lemmas of every word); None when the parse is unknown.
    A negation disputes another sentence only when that sentence has the negated verb ("did not rule out" against
    "ruled out"); "could not get within 100 yards" against "kept our crews 100 yards back" is one claim told two
    ways."""
    doc = _parse(sentence)
    if doc is None:
        return None
    return ({t.head.lemma_.lower() for t in doc if t.dep_ == "neg"}, {t.lemma_.lower() for t in doc})
