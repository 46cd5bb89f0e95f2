"""Direct and indirect quotes with their speakers, and the reporting verbs that attribute them.

Direct quotes are found in the text (curly, straight and single curly quotation marks, across sentence ends,
never across a paragraph break: a quote continued in the next paragraph reopens there and inherits its
speaker). Indirect speech comes from the parse: a reporting verb's clause or content ("X said that …",
"X accused Y of …", "according to X, …"). Speakers resolve to canonical actors: a named subject directly;
"he"/"she" and definite role nouns ("the representative", "the diplomat") to the nearest preceding compatible
speaker (a person), falling back to the nearest person named before, then to the first person quoted soon
after (a lead that names its speaker later). Resolved role nouns become aliases of their actor.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from ..model import Quote, ReportingVerb
from .actors import alias_table, normalise
from .verbs import Cue, find_cues, stance_of

MIN_DIRECT_WORDS = 3  # shorter quoted words ("scare quotes") count only when a reporting verb frames them
CONTINUATION_SENTENCES = 2  # an unattributed quote this close after a quote continues it
PERSON_PRONOUNS = {"he", "she", "him", "her"}
GROUP_PRONOUNS = {"they", "them", "it", "we"}
PAIRS = {"“": "”", "«": "»", "‘": "’", "„": "“"}
# Scraped and edited text mixes marks: “…" and "…” close as they were meant to.
MIXED_CLOSERS = {('"', "”"), ("”", '"')}


@dataclass
class QuoteSpan:
    start: int  # offsets of the quoted words, without the marks
    end: int


_INFINITIVE = re.compile(r"(?:not\s+)?to\s", re.IGNORECASE)
_REFUSALS = frozenset({"decline", "refuse"})


def _refused(token) -> bool:
    """The verb is what someone declined or refused to do ("declined to comment on the vote")."""
    return token.dep_ == "xcomp" and token.head.lemma_.lower() in _REFUSALS

def find_direct_spans(text: str) -> list[QuoteSpan]:
    """Quoted stretches of text. Straight double quotes alternate; curly ones pair (a straight mark closes a
    curly one and the reverse); a paragraph break closes an open quote (news style reopens a quote that runs on
    into the next paragraph)."""
    spans: list[QuoteSpan] = []
    for paragraph in re.finditer(r"[^\n]+", text):
        line, base = paragraph.group(0), paragraph.start()
        open_at, closer = None, None
        for i, ch in enumerate(line):
            if open_at is None:
                if ch in PAIRS and not (ch == "‘" and i > 0 and line[i - 1].isalnum()):
                    open_at, closer = i, PAIRS[ch]
                elif ch == '"':
                    open_at, closer = i, '"'
            elif (ch == closer or (ch, closer) in MIXED_CLOSERS) \
                    and not (closer == "’" and i + 1 < len(line) and line[i + 1].isalpha()):
                spans.append(QuoteSpan(base + open_at + 1, base + i))
                open_at = None
            elif ch in "“«" and closer == "”":
                spans.append(QuoteSpan(base + open_at + 1, base + i))
                open_at = i
        if open_at is not None and closer != "’" and len(line) - open_at > 20:
            spans.append(QuoteSpan(base + open_at + 1, base + len(line.rstrip())))
    return [s for s in spans if any(ch.isalpha() for ch in text[s.start : s.end])]


class _QuoteFinder:
    def __init__(self, step):
        self.doc = step.doc
        self.analysis = step.analysis
        self.text = step.doc.text
        self.spans = find_direct_spans(self.text)
        self.span_starts = [s.start for s in self.spans]
        self.sent_starts = [s.start for s in self.analysis.sentences]
        self.actor_by_id = {a.id: a for a in self.analysis.actors}
        self.token_actor: dict[int, str] = {}
        for mention in self.analysis.mentions:
            if mention.actor is None:
                continue
            span = self.doc.char_span(mention.start, mention.end, alignment_mode="expand")
            for token in span or ():
                self.token_actor[token.i] = mention.actor
        self.person_mentions = sorted(
            (m.start, m.actor) for m in self.analysis.mentions
            if m.actor and self.actor_by_id[m.actor].type == "PERSON"
        )
        self.roles = alias_table().person_roles
        self.speakers: list[tuple[int, str]] = []  # (char, actor id) of speakers resolved so far

    # -- helpers -------------------------------------------------------------------------------------
    def span_of(self, char: int) -> QuoteSpan | None:
        k = bisect_right(self.span_starts, char) - 1
        if k >= 0 and self.spans[k].start <= char < self.spans[k].end:
            return self.spans[k]
        return None

    def inside_quote(self, token) -> bool:
        return self.span_of(token.idx) is not None

    def sentence_of(self, char: int) -> int:
        if not self.sent_starts:
            return 0
        return self.analysis.sentences[max(0, bisect_right(self.sent_starts, char) - 1)].index

    def name(self, actor_id: str | None) -> str | None:
        return self.actor_by_id[actor_id].name if actor_id else None

    # -- speakers ------------------------------------------------------------------------------------
    def resolve(self, token, cue_char: int) -> tuple[str | None, bool]:
        """Actor id for the phrase headed by `token`, and whether it was resolved from a reference."""
        if token is None:
            return None, False
        if token.i in self.token_actor:
            return self.token_actor[token.i], False
        for child in token.children:
            if child.dep_ in ("appos", "compound") and child.i in self.token_actor:
                actor = self.token_actor[child.i]
                if self.actor_by_id[actor].type == "PERSON" or token.pos_ == "PROPN":
                    return actor, False
        lower = token.lower_
        if lower in PERSON_PRONOUNS:
            return self.governing_person(token) or self.previous_person(cue_char), True
        if lower in GROUP_PRONOUNS:
            return self.previous_speaker(cue_char, person=False), True
        if token.pos_ == "NOUN" and self.is_role(token):
            named = [self.token_actor[t.i] for t in token.subtree
                     if t.i in self.token_actor and self.actor_by_id[self.token_actor[t.i]].type == "PERSON"]
            if named:
                return named[0], False
            if self.is_definite(token):
                return self.previous_person(cue_char), True
        if token.pos_ == "PROPN":
            named = self.actor_by_word(token)
            if named:
                return named, False
        if token.pos_ in ("NOUN", "PROPN"):
            owners = [self.token_actor[t.i] for t in token.subtree if t.i in self.token_actor]
            if owners and not (token.pos_ == "NOUN" and self.is_role(token) and self.is_definite(token)):
                return owners[0], False
        return None, False

    def governing_person(self, pronoun) -> str | None:
        """"Ryan hammered Obama for what he called …": a pronoun inside a clause refers to the person who is
        the subject of a verb that governs that clause, when one is named before it in the same sentence."""
        for verb in pronoun.head.ancestors:
            subject = next((c for c in verb.children if c.dep_ == "nsubj" and c.i < pronoun.i), None)
            if subject is None:
                continue
            actor = self.token_actor.get(subject.i)
            if actor is None:
                actor = next((self.token_actor[c.i] for c in subject.children
                              if c.dep_ in ("compound", "appos") and c.i in self.token_actor), None)
            if actor is not None and self.actor_by_id[actor].type == "PERSON":
                return actor
            return None  # the nearest governing subject is not a named person: no guess
        return None

    def actor_by_word(self, token) -> str | None:
        """A name spaCy did not tag here ("Romney released …") that is part of an actor's name elsewhere."""
        word = " ".join(normalise(token.text))
        if len(word) < 3:
            return None
        matches = [a for a in self.analysis.actors if word in a.key.split()]
        matches.sort(key=lambda a: a.type != "PERSON")
        return matches[0].id if matches else None

    def colon_speaker(self, span: QuoteSpan) -> str | None:
        """"Biden was quick to retort: “…”": the first actor named before a colon that opens the quote."""
        sentence = self.analysis.sentences[self.sentence_of(span.start)]
        lead = self.text[sentence.start : span.start].rstrip(" “\"‘«")
        if not lead.endswith(":"):
            return None
        named = [m for m in self.analysis.mentions if sentence.start <= m.start < span.start and m.actor]
        named.sort(key=lambda m: (self.actor_by_id[m.actor].type != "PERSON", m.start))
        return named[0].actor if named else None

    def is_role(self, token) -> bool:
        return token.lemma_.lower() in self.roles and token.tag_ in ("NN", "NNP")

    @staticmethod
    def is_definite(token) -> bool:
        return any(c.dep_ in ("det", "poss") and c.lower_ not in ("a", "an", "another", "one") for c in token.children)

    def previous_person(self, char: int) -> str | None:
        subject = self.previous_subject(char)
        if subject:
            return subject
        speaker = self.previous_speaker(char, person=True)
        if speaker:
            return speaker
        k = bisect_right(self.person_mentions, (char, "~")) - 1
        return self.person_mentions[k][1] if k >= 0 else None

    def previous_subject(self, char: int) -> str | None:
        """"Prosecutor Dariusz Kell had asked for nine years. He said …": a named person who is the subject of the
        previous sentence, named after the last speaker, is who "he" or "she" is, even if someone else spoke
        before."""
        k = bisect_right(self.person_mentions, (char, "~")) - 1
        if k < 0:
            return None
        start, actor = self.person_mentions[k]
        if self.sentence_of(char) - self.sentence_of(start) != 1:
            return None
        if any(start < at < char for at, _ in self.speakers):
            return None
        span = self.doc.char_span(start, start + 1, alignment_mode="expand")
        token = span[0] if span is not None and len(span) else None
        while token is not None and token.dep_ in ("compound", "amod", "appos", "flat") and token.head is not token:
            token = token.head
        return actor if token is not None and token.dep_ in ("nsubj", "nsubjpass") else None

    def previous_speaker(self, char: int, person: bool) -> str | None:
        for at, actor in reversed(self.speakers):
            if at < char and (self.actor_by_id[actor].type == "PERSON") == person:
                return actor
        return None

    def reference_alias(self, token) -> str:
        start = token.left_edge.i
        return self.doc[start : token.i + 1].text

    def speaker_phrase(self, cue) -> str | None:
        """The unnamed source as written ("regional officials", "the mayor's office", "the interior ministry"),
        for a cue whose subject is a noun no named actor answers to; None for pronouns and named speakers."""
        token = cue.subject
        if token is None or token.pos_ not in ("NOUN", "PROPN") or self.inside_quote(token):
            return None
        start, end = token.left_edge.i, token.i + 1
        of = next((c for c in token.rights if c.dep_ == "prep" and c.lower_ in ("for", "of", "at", "from")), None)
        if of is not None:  # "a spokesman for the company", "officials at the ministry"
            end = of.right_edge.i + 1
        if end - start > 8 or self.doc[start:end].text.count(",") or self.doc[start].is_punct:
            start, end = token.i, token.i + 1
        return " ".join(self.doc[start:end].text.split()) or None

    # -- main ----------------------------------------------------------------------------------------
    def run(self) -> None:
        cues = find_cues(self.doc, self.inside_quote)
        resolved: list[tuple[Cue, str | None]] = []
        pending: list[int] = []
        for cue in cues:
            speaker, from_reference = self.resolve(cue.subject, cue.token.idx)
            if speaker is None and cue.subject is not None and cue.subject.pos_ == "NOUN" \
                    and self.is_role(cue.subject) and self.is_definite(cue.subject):
                pending.append(len(resolved))
            if speaker is not None:
                self.speakers.append((cue.token.idx, speaker))
                if from_reference and cue.subject.pos_ == "NOUN":
                    self.add_alias(speaker, self.reference_alias(cue.subject))
            resolved.append((cue, speaker))
        for k in pending:  # a lead that names its speaker only later: the first person quoted after it
            cue = resolved[k][0]
            later = next((a for at, a in self.speakers if at > cue.token.idx
                          and self.actor_by_id[a].type == "PERSON"), None)
            if later is not None:
                resolved[k] = (cue, later)
                self.add_alias(later, self.reference_alias(cue.subject))
        self.emit(resolved)

    def add_alias(self, actor_id: str, alias: str) -> None:
        actor = self.actor_by_id[actor_id]
        if alias.lower() not in (a.lower() for a in actor.aliases):
            actor.aliases.append(alias)

    def emit(self, resolved: list[tuple[Cue, str | None]]) -> None:
        analysis = self.analysis
        direct_cue: dict[int, tuple[Cue, str | None]] = {}

        def phrase(cue, speaker) -> str | None:
            return self.speaker_phrase(cue) if cue is not None and speaker is None else None

        for cue, speaker in resolved:
            analysis.reporting_verbs.append(ReportingVerb(
                verb=cue.written, lemma=cue.lemma, stance=stance_of(cue.lemma) or "neutral",
                speaker=self.name(speaker), sentence=self.sentence_of(cue.token.idx)))
        for k, span in enumerate(self.spans):
            cue, speaker = self.cue_for_span(span, resolved)
            words = len(self.text[span.start : span.end].split())
            if cue is None and words < MIN_DIRECT_WORDS:
                continue
            if cue is None:
                speaker = self.colon_speaker(span) or self.continued_speaker(k)
            direct_cue[k] = (cue, speaker)
            analysis.quotes.append(Quote(
                speaker=self.name(speaker), text=self.text[span.start : span.end].strip(), kind="direct",
                verb=cue.written if cue else None, sentence=self.sentence_of(span.start),
                start=span.start, end=span.end, speaker_phrase=phrase(cue, speaker)))
        for cue, speaker in resolved:
            if cue.content is None:
                continue
            start = self.doc[cue.content[0]].idx
            end = self.doc[cue.content[1] - 1].idx + len(self.doc[cue.content[1] - 1])
            if self.mostly_quoted(start, end) or len(self.doc[cue.content[0]:cue.content[1]]) < 3:
                continue
            if _INFINITIVE.match(self.text[start:end]) or _refused(cue.token):
                continue  # "asked not to be named", "declined to comment on": a request or refusal, not a statement
            if any(abs(s.start - start) <= 1 for s in self.spans):
                continue  # the parse took a direct quote and its speaker's clause for reported words
            analysis.quotes.append(Quote(
                speaker=self.name(speaker), text=self.text[start:end], kind="indirect", verb=cue.written,
                sentence=self.sentence_of(cue.token.idx), start=start, end=end,
                speaker_phrase=phrase(cue, speaker)))
        analysis.quotes.sort(key=lambda q: (q.start if q.start is not None else 0))

    def cue_for_span(self, span: QuoteSpan, resolved) -> tuple[Cue | None, str | None]:
        """The reporting verb framing a quote: outside the marks, in the sentence where it opens or closes,
        nearest first; a quote inside a verb's clause belongs to that verb."""
        first, last = self.sentence_of(span.start), self.sentence_of(max(span.start, span.end - 1))
        best, best_distance = (None, None), None
        for cue, speaker in resolved:
            at = cue.token.idx
            if span.start <= at < span.end:
                continue
            sentence = self.sentence_of(at)
            if sentence not in (first, last):
                continue
            distance = span.start - at if at < span.start else at - span.end
            if cue.content is not None:
                c_start = self.doc[cue.content[0]].idx
                c_end = self.doc[cue.content[1] - 1].idx + len(self.doc[cue.content[1] - 1])
                if c_start <= span.start and span.end <= c_end + 1:
                    distance = -1
            if best_distance is None or distance < best_distance:
                best, best_distance = (cue, speaker), distance
        return best

    def continued_speaker(self, k: int) -> str | None:
        if k == 0 or not self.analysis.quotes:
            return None
        previous = self.analysis.quotes[-1]
        if previous.kind != "direct" or previous.start != self.spans[k - 1].start:
            return None
        gap = self.sentence_of(self.spans[k].start) - self.sentence_of(self.spans[k - 1].end - 1)
        if gap > CONTINUATION_SENTENCES:
            return None
        return next((a.id for a in self.analysis.actors if a.name == previous.speaker), None)

    def mostly_quoted(self, start: int, end: int) -> bool:
        quoted = sum(max(0, min(end, s.end) - max(start, s.start)) for s in self.spans
                     if s.start < end and s.end > start)
        return quoted > 0.5 * (end - start)


def find_quotes(step) -> None:
    """Fills `analysis.quotes` and `analysis.reporting_verbs` (one pass: they share the attribution cues)."""
    _QuoteFinder(step).run()


def speaker_of_span(analysis, start: int, end: int) -> str | None:
    """The speaker the analysis gives to the text at [start, end): the quote that covers it, else an
    attributed quote in the same sentence. For evaluations such as BASIL's quote spans."""
    best, best_overlap = None, 0
    for quote in analysis.quotes:
        if quote.start is None:
            continue
        overlap = min(end, quote.end) - max(start, quote.start)
        if overlap > best_overlap and quote.speaker:
            best, best_overlap = quote.speaker, overlap
    if best:
        return best
    starts = [s.start for s in analysis.sentences]
    k = bisect_right(starts, start) - 1
    sentence = analysis.sentences[k].index if k >= 0 else 0
    for quote in analysis.quotes:
        if quote.sentence == sentence and quote.speaker:
            return quote.speaker
    for verb in analysis.reporting_verbs:
        if verb.sentence == sentence and verb.speaker:
            return verb.speaker
    return None
