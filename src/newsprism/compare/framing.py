"""Framing per article: loaded terms and their targets, how the outlet labels each actor, reporting verbs."""

from __future__ import annotations

import re

from .comparison import Framing
from .features import ArticleView

_STANCE_ORDER = {"distancing": 0, "emphasis": 1, "neutral": 2}
MAX_EXAMPLES = 8
# "the coast guard, as yesterday's occupiers of the bank," / "Ardan Kovac, Merovia's president,"
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


_NOUN_CATEGORIES = ("pejorative-label", "contested-label", "conspiracy")
_LABEL_CATEGORIES = ("pejorative-label", "contested-label")
_DET = r"(?:the|a|an|its|their|his|her|these|those|this|that|[A-Z][\w’'-]*['’]s)"
_ADVERB_OR_VERB = re.compile(r"(?:ly|ed|ing)$", re.I)


def _is_noun_label(view: ArticleView, term: str, sentence: int, category: str) -> bool:
    """A loaded term names an actor only when it is a noun: not a reporting or emotive verb ("claimed",
    "slammed"), not an adverb ("angrily"); nouns of the label lexicons, or a word after a determiner."""
    low = term.lower()
    an = view.item.analysis
    if category == "emotive-verb" or any(r.sentence == sentence and r.verb.lower() == low
                                         for r in an.reporting_verbs):
        return False
    if low.endswith("ly"):
        return False
    if category in _NOUN_CATEGORIES and not _ADVERB_OR_VERB.search(low):
        return True
    text = view.sentences[sentence].text if sentence < len(view.sentences) else ""
    return bool(re.search(rf"\b{_DET}\s+(?:[\w-]+\s+)?{re.escape(term)}\b", text)) and \
        not _ADVERB_OR_VERB.search(low)


def _noun_phrase_labels(view: ArticleView, term: str, sentence: int) -> list[dict]:
    """The noun phrase around a loaded noun and the actor it names: "the regime's coast guard" (an actor named
    by the words after the term), "Tarsovan pirates", "the occupiers in Brask", "puppet parliament in the
    Tarsovan capital" (an actor named inside the phrase)."""
    an = view.item.analysis
    if sentence >= len(view.sentences):
        return []
    text = view.sentences[sentence].text
    out = []
    pattern = re.compile(rf"(?:\b{_DET}\s+)?(?:(?:[A-Z][\w-]+|[a-z][\w-]+)\s+)?\b{re.escape(term)}"
                         rf"(?:['’]s(?:\s+[a-z]+){{1,2}}|(?:\s+(?!in\b|of\b|from\b)[a-z]+)?)"
                         rf"(?:\s+(?:in|of|from)\s+(?:the\s+)?(?:[A-Z][\w-]+\s*){{1,3}}(?:[a-z]+)?)?")
    aliases = sorted(((alias, actor) for actor in an.actors for alias in actor.aliases if len(alias) > 2),
                     key=lambda x: -len(x[0]))
    # "Tarsovan Coast Guard" is also named by its head words: "the regime's coast guard"
    aliases += [(" ".join(alias.split()[k:]), actor) for alias, actor in aliases if actor.type == "ORG"
                for k in range(1, len(alias.split()) - 1) if len(alias.split()) >= 3]
    for m in pattern.finditer(text):
        phrase = m.group(0).strip()
        target = None
        for alias, actor in aliases:
            if len(alias.split()) == 1 and actor.type == "ORG" and re.search(r"(?:an|ian|ese|ish)$", alias):
                continue
            if re.search(rf"\b{re.escape(alias)}\b", phrase, re.I) and alias.lower() != term.lower():
                target = actor.name
                break
        if target is None:  # "Tarsovan pirates": a nationality adjective before the term names the country
            for lead in re.finditer(r"\b([A-Z][a-z]+?)(?:an|ian|ese|i|ish)\b", phrase):
                target = next((a.name for a in an.actors if a.type in ("GPE", "NORP", "ORG")
                               and a.name.lower() == lead.group(1).lower()
                               or a.name.lower().startswith(lead.group(1).lower()) and len(a.name.split()) == 1),
                              None)
                if target:
                    break
        if target:
            phrase = re.sub(r"\s+(?:and|to|by|with|on|at|have|has|had|is|are|was|were|who|which|that)\b.*$", "",
                            phrase)
            out.append({"actor": target, "label": phrase, "sentence": sentence, "source": "loaded_term"})
    return out


def describe_framing(view: ArticleView) -> Framing:
    an = view.item.analysis
    loaded = [{"term": t.term, "target": t.target, "sentence": t.sentence, "category": t.category,
               "score": round(t.score, 3)} for t in an.loaded_terms]
    labels = []
    for t in an.loaded_terms:
        if not _is_noun_label(view, t.term, t.sentence, t.category):
            continue  # verbs and adverbs belong to the reporting-verb and loaded-term profiles, not labels
        found = [x for x in _noun_phrase_labels(view, t.term, t.sentence)
                 if x["actor"].lower() != t.term.lower()]  # "Takfiri" is the group's name, not a label for it
        if found:
            labels.extend(found)
        elif t.target and t.category in _LABEL_CATEGORIES:
            # a bare label word for the actor it targets ("invaders"); a "conspiracy" the actor is said to run
            # is what the outlet says it does, not what it calls it
            labels.append({"actor": t.target, "label": t.term, "sentence": t.sentence, "source": "loaded_term"})
    unique, seen = [], set()
    for x in labels:
        if (x["actor"], x["label"].lower()) not in seen:
            seen.add((x["actor"], x["label"].lower()))
            unique.append(x)
    labels = unique
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
