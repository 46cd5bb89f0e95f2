"""Sentences with character offsets into the article text."""

from __future__ import annotations

from ..model import Sentence


def split_sentences(step) -> None:
    """spaCy's parser splits sentences; `boundaries` (a pipeline component) adds line breaks and run-ons."""
    out = step.analysis.sentences
    for sent in step.doc.sents:
        text = sent.text.strip()
        if not any(ch.isalnum() for ch in text):
            continue
        start = sent.start_char + (len(sent.text) - len(sent.text.lstrip()))
        out.append(Sentence(index=len(out), text=text, start=start, end=start + len(text)))
