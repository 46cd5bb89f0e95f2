"""Sentences with character offsets into the article text.

spaCy's parser splits sentences. The `newsprism_boundaries` component runs before it and fixes what news text
does to it: a line break always ends a sentence (so a line such as "Iran PressAsia:" or a byline never glues to
the next one), and a full stop glued to a capitalised word ("conspiracy.The") starts a new sentence. It only
sets `is_sent_start`, so tokens and character offsets stay exactly those of the text.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from spacy.language import Language

from ..model import Sentence

BOUNDARIES = "newsprism_boundaries"
# "Islamabad (IP)- ", "KABUL, Jan 16 (Reuters) - ", "WASHINGTON — " at the start of a paragraph
DATELINE = re.compile(
    r"(?m)^[ \t]*(?:[A-Z][\w.'’]*(?:[ ,]+[\w.'’]+){0,4}?\s*\([A-Za-z .]{1,30}\)\s*[-–—]+"
    r"|[A-Z]{3,}(?:[ ,]+[A-Z]{2,})*(?:,[^\n–—-]{0,30}?)?\s+[-–—]+)[ \t]*"
)


@Language.component(BOUNDARIES)
def mark_boundaries(doc):
    _split_datelines(doc)
    after_break = False
    for i, token in enumerate(doc):
        if token.is_space:
            after_break = after_break or "\n" in token.text
            continue
        if i > 0 and after_break:
            token.is_sent_start = True
        elif i > 1 and _glued_full_stop(doc, i):
            token.is_sent_start = True
        after_break = "\n" in token.whitespace_
    return doc


def _split_datelines(doc) -> None:
    """The parser reads a dateline's city as the subject of the first sentence: parse them apart
    (`split_sentences` glues the dateline back to its sentence in the output)."""
    starts = None
    for match in DATELINE.finditer(doc.text):
        if starts is None:
            starts = [t.idx for t in doc]
        first = bisect_left(starts, match.start() + len(match.group(0)) - len(match.group(0).lstrip()))
        i = bisect_left(starts, match.end())
        for inside in range(first + 1, min(i, len(doc))):  # "PORT | ELLIS, June 3 …": never split a dateline
            if not doc[inside].is_space:
                doc[inside].is_sent_start = False
        if 0 < i < len(doc) and starts[i] == match.end():
            doc[i].is_sent_start = True


def _glued_full_stop(doc, i: int) -> bool:
    """"…conspiracy.The …": a full stop with no space after it, then a capitalised word; not "U.S." or "p.m."."""
    stop, word, before = doc[i - 1], doc[i], doc[i - 2]
    return (
        stop.text in {".", "!", "?"}
        and not stop.whitespace_
        and not before.whitespace_
        and word.text[:1].isupper()
        and word.text[1:2].islower()
        and len(before.text) > 1
        and before.text[-1].islower()
    )


def with_boundaries(nlp):
    """Add the boundary component to a pipeline once (before the parser, so the parser respects it)."""
    if BOUNDARIES not in nlp.pipe_names:
        nlp.add_pipe(BOUNDARIES, first=True)
    return nlp


def split_sentences(step) -> None:
    out = step.analysis.sentences
    text_of = step.doc.text
    carry = None  # start of a dateline waiting for its sentence
    for sent in step.doc.sents:
        text = sent.text.strip()
        if not any(ch.isalnum() for ch in text):
            continue
        start = sent.start_char + (len(sent.text) - len(sent.text.lstrip()))
        match = DATELINE.match(sent.text)
        if match and match.end() >= len(sent.text.rstrip()):
            carry = start if carry is None else carry
            continue
        if carry is not None:
            start, carry = carry, None
        end = sent.start_char + len(sent.text.rstrip())
        out.append(Sentence(index=len(out), text=text_of[start:end], start=start, end=end))
    if carry is not None:
        end = len(text_of.rstrip())
        out.append(Sentence(index=len(out), text=text_of[carry:end], start=carry, end=end))
