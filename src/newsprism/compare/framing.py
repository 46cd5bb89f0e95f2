"""Framing per article: loaded terms and their targets, how the outlet labels each actor, reporting verbs."""

from __future__ import annotations

import re

from .comparison import Framing
from .features import ArticleView

_STANCE_ORDER = {"distancing": 0, "emphasis": 1, "neutral": 2}
MAX_EXAMPLES = 8
# "the United States and NATO, as yesterday's occupiers," / "Hassan Kazemi-Qomi, Iran's envoy in Kabul,"
_APPOSITIVE = re.compile(r",\s+(?P<as>as\s+)?(?P<label>(?:the|a|an|its|their|his|her|[A-Z][\w’'-]*['’]s|"
                         r"yesterday['’]s|today['’]s)\s+[^,;:“”\"()]{2,70}?),")


def _appositive_labels(view: ArticleView) -> list[dict]:
    an = view.item.analysis
    aliases = sorted(((alias, actor.name) for actor in an.actors for alias in actor.aliases),
                     key=lambda x: -len(x[0]))
    out = []
    for s in an.sentences:
        for m in _APPOSITIVE.finditer(s.text):
            head = s.text[: m.start()].rstrip()
            label = m.group("label").strip()
            if any(label.startswith(alias) for alias, _ in aliases):
                continue  # a list of names, not a description
            for part in re.split(r"\s+(?:and|&)\s+", head[-80:]):
                for alias, name in aliases:
                    if part.endswith(alias):
                        out.append({"actor": name, "label": label, "sentence": s.index, "source": "appositive"})
                        break
    return out


def describe_framing(view: ArticleView) -> Framing:
    an = view.item.analysis
    loaded = [{"term": t.term, "target": t.target, "sentence": t.sentence, "category": t.category,
               "score": round(t.score, 3)} for t in an.loaded_terms]
    labels = [{"actor": t.target, "label": t.term, "sentence": t.sentence, "source": "loaded_term"}
              for t in an.loaded_terms if t.target]
    seen = {(x["actor"], x["label"].lower()) for x in labels}
    for item in _appositive_labels(view):
        if (item["actor"], item["label"].lower()) not in seen:
            seen.add((item["actor"], item["label"].lower()))
            labels.append(item)
    counts = {"neutral": 0, "emphasis": 0, "distancing": 0}
    for r in an.reporting_verbs:
        counts[r.stance] = counts.get(r.stance, 0) + 1
    ranked = sorted(an.reporting_verbs, key=lambda r: (_STANCE_ORDER.get(r.stance, 3), r.sentence))
    examples, seen_verbs = [], set()
    for r in ranked:
        if (r.verb.lower(), r.stance) in seen_verbs:
            continue
        seen_verbs.add((r.verb.lower(), r.stance))
        examples.append({"verb": r.verb, "lemma": r.lemma, "stance": r.stance, "speaker": r.speaker,
                         "sentence": r.sentence})
        if len(examples) >= MAX_EXAMPLES:
            break
    return Framing(article=view.id, loaded_terms=loaded, actor_labels=labels,
                   reporting_verbs={**counts, "examples": examples})
