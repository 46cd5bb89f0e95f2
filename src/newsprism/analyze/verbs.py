"""Reporting (attribution) verbs found in the parse, with their stance from `data/reporting_verbs.json`.

A verb counts as attribution when its lemma (with its particle: "point out") is in the stance table and the
parse shows it reporting something: a clause ("said that …"), an object or prepositional content
("accused X of …", "expressed satisfaction with …"), a direct quote next to it, or, for plain verbs of saying,
a subject ("…, he said."). Verbs inside quotation marks are the speaker's words, not the writer's attribution.
"According to X" is recorded as the attribution phrase "according to" (neutral).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DATA_FILE = Path(__file__).parent / "data" / "reporting_verbs.json"
OBJECT_DEPS = {"dobj", "obj", "xcomp", "dative"}
TAIL_STOP_DEPS = {"advcl", "punct", "cc", "conj", "parataxis", "npadvmod", "advmod"}
CLAUSE_DEPS = {"ccomp", "parataxis"}
INHERIT_DEPS = {"advcl", "pcomp", "xcomp", "conj", "acl", "prep"}
QUOTE_MARKS = set('“”"«»‘')
CONTENT_PREPS = {"of", "with", "about", "on", "over", "for", "that", "against", "to"}


@dataclass(frozen=True)
class StanceTable:
    stance: dict[str, str]  # lemma → neutral | emphasis | distancing
    needs_content: frozenset[str]
    needs_clause: frozenset[str]


@lru_cache(maxsize=1)
def stance_table() -> StanceTable:
    data = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    stance: dict[str, str] = {}
    for name, lemmas in data["stances"].items():
        for lemma in lemmas:
            stance.setdefault(lemma, name)
    return StanceTable(stance=stance, needs_content=frozenset(data["needs_content"]),
                       needs_clause=frozenset(data["needs_clause"]))


def stance_of(lemma: str) -> str | None:
    return stance_table().stance.get(lemma.lower())


@dataclass
class Cue:
    """One attribution in the doc: the verb token (or "according"), its lemma and the tokens it points at."""

    token: object  # spacy Token: the verb, or "according"
    lemma: str
    written: str
    subject: object | None  # Token whose phrase names the speaker
    content: tuple[int, int] | None  # token range [start, end) of the reported words, without "that"
    has_clause: bool


def verb_lemma(token) -> str:
    lemma = token.lemma_.lower()
    particle = next((c for c in token.children if c.dep_ == "prt"), None)
    if particle is not None:
        phrasal = f"{lemma} {particle.lower_}"
        if phrasal in stance_table().stance:
            return phrasal
    if lemma == "make" and any(c.lower_ == "clear" for c in token.children):
        return "make clear"
    return lemma


def written_form(token) -> str:
    particle = next((c for c in token.children if c.dep_ == "prt"), None)
    return f"{token.text} {particle.text}" if particle is not None else token.text


def find_subject(token):
    """The subject of a verb, climbing through participles and coordinated verbs
    ("concluded by accusing", "expressed …, emphasizing …", "said … and added")."""
    current = token
    for _ in range(6):
        subject = next((c for c in current.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None:
            if subject.dep_ == "nsubjpass":
                agent = next((c for c in current.children if c.dep_ == "agent"), None)
                pobj = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
                return pobj
            return subject
        if current.dep_ not in INHERIT_DEPS or current.head is current:
            return None
        current = current.head
    return None


def _content_range(token, inside_quote) -> tuple[tuple[int, int] | None, bool]:
    """Token range of what the verb reports: its clause when it has one ("told reporters that …" → the
    clause), else its object and the complements after it ("accused X under … of …")."""
    clauses = [c for c in token.children if c.dep_ in CLAUSE_DEPS]
    if clauses:
        start = min(c.left_edge.i for c in clauses)
        end = max(c.right_edge.i for c in clauses) + 1
        has_clause = True
    else:
        has_clause = False
        objects = [c for c in token.children if c.i > token.i and (
            c.dep_ in OBJECT_DEPS or (c.dep_ == "prep" and c.lower_ in CONTENT_PREPS))]
        if not objects:
            return None, False
        start = min(c.left_edge.i for c in objects)
        tail = [c for c in token.children if c.i > start and c.dep_ not in TAIL_STOP_DEPS]
        end = max(c.right_edge.i for c in [*objects, *tail]) + 1
    doc = token.doc
    while start < end and (doc[start].lower_ in ("that", ",", ":") or doc[start].is_space):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space) and not inside_quote(doc[end - 1]):
        end -= 1
    return ((start, end) if end > start else None), has_clause


def find_cues(doc, inside_quote) -> list[Cue]:
    """Every attribution in the doc, in order. `inside_quote(token)` says whether a token is in a direct quote."""
    table = stance_table()
    cues: list[Cue] = []
    for token in doc:
        if token.lower_ == "according" and any(c.lower_ == "to" for c in token.children):
            to = next(c for c in token.children if c.lower_ == "to")
            source = next((c for c in to.children if c.dep_ == "pobj"), None)
            if source is None or inside_quote(token):
                continue
            content = _according_content(token)
            cues.append(Cue(token, "according to", f"{token.text} {to.text}", source, content, True))
            continue
        if token.pos_ != "VERB" or inside_quote(token):
            continue
        lemma = verb_lemma(token)
        if lemma not in table.stance:
            continue
        content, has_clause = _content_range(token, inside_quote)
        subject = find_subject(token)
        if lemma in table.needs_clause and not has_clause and not QUOTE_MARKS.intersection(token.sent.text):
            continue
        if content is None and lemma in table.needs_content and not QUOTE_MARKS.intersection(token.sent.text):
            continue
        if content is None and subject is None:
            continue
        cues.append(Cue(token, lemma, written_form(token), subject, content, has_clause))
    return cues


def _according_content(token) -> tuple[int, int] | None:
    """The clause an "according to X" phrase attributes: its sentence without the phrase itself
    ("According to X, CLAUSE." or "CLAUSE, according to X.")."""
    sent = token.sent
    doc = token.doc
    if token.i - sent.start <= 1:
        comma = next((t.i for t in doc[token.i : sent.end] if t.text in {",", ":"}), None)
        if comma is None:
            return None
        start, end = comma + 1, sent.end
    else:
        start, end = sent.start, token.i
    while start < end and (doc[start].is_punct or doc[start].is_space):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space) and doc[end - 1].text not in "”\"":
        end -= 1
    return (start, end) if end > start else None
