"""Speaker attribution as a callable service, and its measure on BASIL's quote spans.

`attribute_speakers(texts)` runs only what speakers need (spaCy, sentences, mentions, actors, quotes; no
embedding of every sentence), and `speaker_of_span` (in `quotes`) answers "who said the words at these
offsets". `basil_speaker_accuracy` scores that against BASIL's gold `speaker` on spans with `quote = yes`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..model import Analysis, Article
from .actors import normalise
from .quotes import speaker_of_span

SPEAKER_STEPS = ("sentences", "mentions", "actors", "quotes")
GENERIC_SPEAKERS = {"other_anti", "other_pro", "other_neutral"}  # BASIL's unnamed speakers
NAME_STOPWORDS = {"the", "and", "of", "mr", "mrs", "ms", "officials", "members", "campaign", "committee"}


def attribute_speakers(texts: Sequence[str], batch_size: int = 32) -> list[Analysis]:
    from .pipeline import DEFAULT_STEPS, StepInput
    from .models import spacy_pipeline
    from .sentences import with_boundaries

    steps = [step for name, step in DEFAULT_STEPS if name in SPEAKER_STEPS]
    nlp = with_boundaries(spacy_pipeline())
    out = []
    for k, doc in enumerate(nlp.pipe(texts, batch_size=batch_size)):
        analysis = Analysis(article_id=str(k))
        context = StepInput(article=Article(id=str(k), text=texts[k], source=""), doc=doc, analysis=analysis)
        for step in steps:
            step(context)
        out.append(analysis)
    return out


def same_speaker(predicted: str | None, gold: str) -> bool:
    """BASIL writes speakers as "Donald_Trump", "House_Democrats": a shared name word counts as a match."""
    if not predicted:
        return False
    gold_words = {w for w in normalise(gold.replace("_", " ")) if w not in NAME_STOPWORDS and len(w) > 2}
    predicted_words = {w for w in normalise(predicted) if w not in NAME_STOPWORDS and len(w) > 2}
    stems = {w.rstrip("s") for w in gold_words}
    return bool(gold_words & predicted_words) or any(w.rstrip("s") in stems for w in predicted_words)


@dataclass
class SpeakerScore:
    named: int = 0
    named_correct: int = 0
    generic: int = 0
    generic_attributed: int = 0
    missing_spans: int = 0

    @property
    def accuracy(self) -> float:
        return self.named_correct / self.named if self.named else 0.0


def _read_jsonl(path: Path) -> Iterable[dict]:
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


def basil_speaker_accuracy(folder: Path, split: str = "report") -> SpeakerScore:
    """Accuracy on BASIL spans with `quote = yes` and a named speaker; `split` "report" = published 2016 and
    later, "tune" = earlier. Generic speakers ("other_anti") are counted apart: attributed or not."""
    articles = {a["id"]: a for a in _read_jsonl(folder / "articles.jsonl")}
    chosen = [a for a in articles.values()
              if (str(a.get("published") or "") >= "2016") == (split == "report")]
    gold: dict[str, list[tuple[str, str]]] = {a["id"]: [] for a in chosen}
    for record in _read_jsonl(folder / "annotations.jsonl"):
        if record["article_id"] not in gold:
            continue
        for span in record["phrase-level-annotations"]:
            if span.get("quote") == "yes" and span.get("speaker"):
                gold[record["article_id"]].append((span["txt"], span["speaker"]))
    chosen = [a for a in chosen if gold[a["id"]]]
    analyses = attribute_speakers([a["text"] for a in chosen])
    score = SpeakerScore()
    for article, analysis in zip(chosen, analyses):
        for words, speaker in gold[article["id"]]:
            start = article["text"].find(words.strip())
            if start < 0:
                score.missing_spans += 1
                continue
            predicted = speaker_of_span(analysis, start, start + len(words.strip()))
            if speaker in GENERIC_SPEAKERS:
                score.generic += 1
                score.generic_attributed += predicted is not None
            else:
                score.named += 1
                score.named_correct += same_speaker(predicted, speaker)
    return score
