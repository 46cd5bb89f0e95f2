"""Hand-built analyses for invented articles: no model, every field set on purpose."""

from __future__ import annotations

import re

from newsprism.model import Actor, Analysis, AnalyzedArticle, Article, NumberMention, Quote, ReportingVerb, Sentence


def make_item(article_id: str, text: str, outlet: str | None = None, published: str | None = None,
              actors: dict[str, str] | None = None, numbers: list[tuple[int, str, float, str]] | None = None,
              quotes: list[tuple[int, str | None, str, str]] | None = None,
              verbs: list[tuple[int, str, str, str | None]] | None = None) -> AnalyzedArticle:
    """`actors` maps a name to its type and is found by substring; numbers are (sentence, text, value, counts);
    quotes are (sentence, speaker, text, verb); verbs are (sentence, verb, stance, speaker)."""
    sentences = []
    for m in re.finditer(r"\S.*?[.!?]+[”\"]?(?=\s|$)", text):
        chunk = m.group(0)
        stripped = chunk.strip()
        start = m.start() + chunk.index(stripped)
        sentences.append(Sentence(index=len(sentences), text=stripped, start=start, end=start + len(stripped)))
    analysis = Analysis(article_id=article_id, sentences=sentences)
    for n, (name, kind) in enumerate((actors or {}).items()):
        where = [s.index for s in sentences if name in s.text]
        analysis.actors.append(Actor(id=f"a{n}", name=name, type=kind, aliases=[name], sentences=where,
                                     key=name.lower()))
    analysis.numbers = [NumberMention(text=t, value=v, unit=None, counts=c, sentence=s) for s, t, v, c in numbers or []]
    analysis.quotes = [Quote(speaker=sp, text=t, kind="direct", verb=vb, sentence=s) for s, sp, t, vb in quotes or []]
    analysis.reporting_verbs = [ReportingVerb(verb=v, lemma=v, stance=st, speaker=sp, sentence=s)
                                for s, v, st, sp in verbs or []]
    article = Article(id=article_id, text=text, source=f"{article_id}.txt", outlet=outlet, published=published,
                      words=len(text.split()))
    return AnalyzedArticle(article=article, analysis=analysis)
