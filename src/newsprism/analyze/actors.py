"""Named-entity mentions and their merge into canonical actors (first version: exact-name grouping)."""

from __future__ import annotations

import re

from ..model import Actor, Mention

ACTOR_LABELS = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT"}


def _sentence_of(analysis, char: int) -> int:
    for s in analysis.sentences:
        if s.start <= char < s.end:
            return s.index
    return max(0, len(analysis.sentences) - 1)


def find_mentions(step) -> None:
    for ent in step.doc.ents:
        if ent.label_ in ACTOR_LABELS:
            step.analysis.mentions.append(
                Mention(text=ent.text, label=ent.label_, sentence=_sentence_of(step.analysis, ent.start_char),
                        start=ent.start_char, end=ent.end_char)
            )


def actor_key(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", name.lower()).strip()


def merge_actors(step) -> None:
    groups: dict[str, Actor] = {}
    for mention in step.analysis.mentions:
        key = actor_key(mention.text)
        actor = groups.get(key)
        if actor is None:
            actor = groups[key] = Actor(id=f"a{len(groups)}", name=mention.text, type=mention.label, key=key)
        if mention.text not in actor.aliases:
            actor.aliases.append(mention.text)
        if mention.sentence not in actor.sentences:
            actor.sentences.append(mention.sentence)
    step.analysis.actors = list(groups.values())
