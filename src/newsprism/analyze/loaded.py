"""Loaded language: words and phrases with evaluative or emotive load, and the actor each one describes.

Candidates are lexicon phrases and words plus the content words (noun, adjective, verb, adverb) that VADER or
TextBlob's lexicon knows as evaluative; a word no lexicon knows is not scored (nor embedded: that is most of the
cost), and the head is trained on the same candidates. Not candidates: named entities and plain proper adjectives
("Merovian", "Iranian") unless the lexicon lists them, words whose lexicon entry is for another part of speech
("talks collapsed" vs the scare noun "collapse"), and reporting verbs the parse shows used as attribution
("claimed", "argued": reported once, with their stance, as reporting verbs) unless their lexicon category is
listed under `attribution.loaded_categories` in the lexicon file (emotive verbs: "slammed", "lashed out").

Three signals are combined for every candidate:

1. a curated lexicon (`data/loaded_terms.json`: pejorative labels, contested labels, conspiracy, emotive verbs,
   intensifiers, scare words), each entry with a prior weight;
2. a word head (`data/loaded_head.npz`): logistic regression over VADER valence, TextBlob (Pattern) polarity
   and subjectivity, the lexicon category, the part of speech, sentence-level lexicon signals and the MiniLM
   embedding of the word's lemma. It is trained on BABE's `biased_words` by `benchmarks/train_loaded_head.py`;
   the intercept is shifted so that 0.5 is its decision threshold;
3. for lexicon words the noisy-or `score = 1 - (1 - lexicon weight) * (1 - head probability)`; for other words
   the head probability rescaled so that `LEARNED_MIN` (0.7) maps to 0.5, since BABE, half biased sentences,
   is far richer in loaded words than ordinary news; terms scoring ≥ 0.5 are kept.

Named entities are skipped unless the lexicon lists them ("Takfiri" is tagged as an organisation). Words inside
a direct quotation are the speaker's, not the outlet's: they are kept (they show how a source frames an actor)
but their score is multiplied by `QUOTED_FACTOR`, so a quoted word needs a stronger signal to pass.

The target is the actor the parse says the term describes: an appositive or "as …" phrase attached to an actor
("the coast guard, as yesterday's occupiers of the bank"), a possessor ("their conspiracy"), the subject of a
loaded verb or predicate, the noun an adjective modifies; demonstratives and plural pronouns ("these invaders",
"their") go back to the group most recently labelled, or else the most recent group subject.
"""

from __future__ import annotations

import json
import re
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

import numpy as np

from ..model import LoadedTerm

THRESHOLD = 0.5
QUOTED_FACTOR = 0.75
# Words outside the lexicon need a clearly confident head: BABE is half biased sentences, real news is not.
LEARNED_MIN = 0.7
CONTENT_POS = ("NOUN", "ADJ", "VERB", "ADV")
ENTITY_LABELS = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW"}
NON_ACTOR_LABELS = {"DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "MONEY", "PERCENT"}
# Labels of people or groups: their target is re-used by later "these X" / "their" references.
LABEL_CATEGORIES = {"pejorative-label", "contested-label"}
PLURAL_PRONOUNS = {"they", "them", "their", "theirs", "themselves"}
SINGULAR_PERSON_PRONOUNS = {"he", "him", "his", "she", "her", "hers"}
DEMONSTRATIVES = {"these", "those", "this", "that", "such"}
QUOTE_PATTERN = re.compile(r"“[^”]{2,}”|\"[^\"\n]{2,}\"|«[^»]{2,}»")
CATEGORIES = ("pejorative-label", "contested-label", "conspiracy", "emotive-verb", "intensifier", "scare-word")
MAX_CACHED_WORDS = 50_000


# ---------------------------------------------------------------------------------------------- lexicon


@dataclass(frozen=True)
class LexiconEntry:
    term: str
    category: str
    weight: float
    pos: frozenset[str] = frozenset()  # parts of speech the entry applies to; empty = any


class Lexicon:
    """Single words looked up by lemma or lower-case form; phrases matched on lower-case or lemma tokens."""

    def __init__(self, data: dict, tokenize):
        self.version = data.get("version", "")
        self.words: dict[str, LexiconEntry] = {}
        self.phrases: dict[tuple[str, ...], LexiconEntry] = {}
        # categories whose words stay loaded when the parse shows them used as attribution ("slammed"); other
        # attribution verbs ("claimed") are reported once, with their stance, as reporting verbs
        self.loaded_as_attribution = frozenset(data.get("attribution", {}).get("loaded_categories", ()))
        for category, spec in data["categories"].items():
            for item in spec["terms"]:
                item = item if isinstance(item, dict) else {"term": item}
                term, weight = item["term"], item.get("weight", spec["weight"])
                entry = LexiconEntry(term, category, float(weight), frozenset(item.get("pos", spec.get("pos", ()))))
                tokens = tuple(t.lower() for t in tokenize(term))
                table, key = (self.words, tokens[0]) if len(tokens) == 1 else (self.phrases, tokens)
                table.setdefault(key, entry)
        self.max_phrase = max((len(k) for k in self.phrases), default=1)

    def word(self, token) -> LexiconEntry | None:
        entry = self.words.get(token.lower_) or self.words.get(token.lemma_.lower())
        if entry is not None and entry.pos and token.pos_ not in entry.pos:
            return None  # "a blast" is an explosion, "they blasted the plan" is loaded; "talks collapsed" is plain
        return entry

    def phrase_matches(self, doc) -> list[tuple[int, int, LexiconEntry]]:
        """Non-overlapping (start, end, entry) token spans, longest first."""
        lower = [t.lower_ for t in doc]
        lemma = [t.lemma_.lower() for t in doc]
        found, taken = [], set()
        for length in range(self.max_phrase, 1, -1):
            for start in range(len(doc) - length + 1):
                end = start + length
                entry = self.phrases.get(tuple(lower[start:end])) or self.phrases.get(tuple(lemma[start:end]))
                if entry and not taken.intersection(range(start, end)):
                    found.append((start, end, entry))
                    taken.update(range(start, end))
        return found


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    from .models import spacy_pipeline

    tokenizer = spacy_pipeline().tokenizer
    data = json.loads(files(__package__).joinpath("data/loaded_terms.json").read_text(encoding="utf-8"))
    return Lexicon(data, lambda text: [t.text for t in tokenizer(text)])


# ---------------------------------------------------------------------------------------------- word signals


@lru_cache(maxsize=1)
def _vader_lexicon() -> dict[str, float]:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer().lexicon


@lru_cache(maxsize=1)
def _pattern_lexicon():
    """TextBlob's Pattern lexicon (en-sentiment.xml inside the wheel), read the way `textblob.en.sentiment.load()`
    reads it but without importing textblob (whose package import pulls in NLTK and SciPy: ~2 s cold)."""
    from importlib.util import find_spec
    from pathlib import Path
    from xml.etree import ElementTree

    spec = find_spec("textblob")
    path = Path(next(iter(spec.submodule_search_locations))) / "en" / "en-sentiment.xml"
    senses: dict[str, dict] = {}
    for w in ElementTree.parse(path).getroot().findall("word"):
        form = w.attrib.get("form")
        if form:
            psi = (float(w.attrib.get("polarity", 0.0)), float(w.attrib.get("subjectivity", 0.0)),
                   float(w.attrib.get("intensity", 1.0)))
            senses.setdefault(form, {}).setdefault(w.attrib.get("pos"), []).append(psi)

    def avg(values) -> float:
        values = list(values)
        return sum(values) / float(len(values) or 1)

    lex: dict[str, dict] = {}
    for form, by_pos in senses.items():
        lex[form] = {pos: [avg(each) for each in zip(*psi)] for pos, psi in by_pos.items()}
        lex[form][None] = [avg(each) for each in zip(*lex[form].values())]
    for form, by_pos in list(lex.items()):  # "terrible" → adverb "terribly", as textblob.en.Sentiment does
        if "JJ" in by_pos:
            stem = form[:-1] + "i" if form.endswith("y") else form
            stem = stem[:-2] if stem.endswith("le") else stem
            entry = lex.setdefault(stem + "ly", {})
            entry["RB"] = entry[None] = tuple(by_pos["JJ"])
    return lex


def vader_valence(token) -> float:
    lex = _vader_lexicon()
    value = lex.get(token.lower_, lex.get(token.lemma_.lower(), 0.0))
    return float(value) / 4.0


def pattern_scores(token) -> tuple[float, float]:
    """(polarity, subjectivity) of the word in TextBlob's Pattern lexicon, 0 when absent."""
    lex = _pattern_lexicon()
    entry = lex.get(token.lower_) or lex.get(token.lemma_.lower())
    if not entry:
        return 0.0, 0.0
    values = entry.get(None) or next(iter(entry.values()))
    return float(values[0]), float(values[1])


class WordVectors:
    """MiniLM vectors of isolated lemmas: looked up in the setup-time table of the candidate vocabulary
    (`word_vectors.precomputed()`, float16) when there is one, else encoded in one batch per call and kept in a
    bounded cache."""

    def __init__(self, encoder, max_size: int = MAX_CACHED_WORDS, table=None):
        self.encoder = encoder
        self.max_size = max_size
        self.table = table
        self.cache: OrderedDict[str, np.ndarray] = OrderedDict()

    def _known(self, word: str) -> np.ndarray | None:
        if word in self.cache:
            return self.cache[word]
        return self.table.get(word) if self.table is not None else None

    def vectors(self, words: Sequence[str]) -> np.ndarray:
        if not words:
            return np.zeros((0, self.encoder.dim), np.float32)
        found = [self._known(w) for w in words]
        missing = list(dict.fromkeys(w for w, v in zip(words, found) if v is None))
        if missing:
            for word, vector in zip(missing, self.encoder.encode(missing, batch_size=256)):
                self.cache[word] = vector
            found = [self.cache[w] if v is None else v for w, v in zip(words, found)]
            while len(self.cache) > self.max_size:
                self.cache.popitem(last=False)
        return np.stack(found).astype(np.float32, copy=False)


@lru_cache(maxsize=1)
def word_vectors() -> WordVectors:
    from .models import sentence_encoder
    from .word_vectors import precomputed

    return WordVectors(sentence_encoder(), table=precomputed())


# ---------------------------------------------------------------------------------------------- candidates


@dataclass
class Candidate:
    start: int  # token span in the doc
    end: int
    text: str
    lemma: str
    head: int  # token index the parse uses for the whole span
    entry: LexiconEntry | None
    quoted: bool


def quote_spans(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in QUOTE_PATTERN.finditer(text)]


def _inside(char: int, spans: Iterable[tuple[int, int]]) -> bool:
    return any(start < char < end for start, end in spans)


def attribution_tokens(doc, quotes: Sequence[tuple[int, int]] = ()) -> set[int]:
    """Token indices of the reporting verbs the parse shows used as attribution (`verbs.find_cues`, the same
    rule and lexicon, `data/reporting_verbs.json`, as the reporting-verb step)."""
    from .verbs import find_cues

    return {cue.token.i for cue in find_cues(doc, lambda token: _inside(token.idx, quotes))}


def has_signal(token) -> bool:
    """A word that VADER or TextBlob's lexicon knows as evaluative. Only these (and lexicon words) are scored by
    the head: a word neither lexicon knows is almost never loaded in news prose, and skipping it saves encoding
    its vector (the head is trained on the same candidates)."""
    if vader_valence(token) != 0.0:
        return True
    polarity, subjectivity = pattern_scores(token)
    return polarity != 0.0 or subjectivity != 0.0


def proper_word(token) -> bool:
    """A name or proper adjective used plainly ("Merovian fishermen", "the Iranian minister"), whether or not
    spaCy tagged it as an entity: capitalised inside a sentence, or a proper-noun tag, or a known demonym."""
    if token.tag_ in ("NNP", "NNPS"):
        return True
    if token.text[:1].isupper() and not token.is_sent_start and not token.text.isupper():
        return True
    return token.lower_ in _demonyms()


@lru_cache(maxsize=1)
def _demonyms() -> frozenset[str]:
    from .actors import alias_table

    return frozenset(alias_table().demonyms)


def find_candidates(doc, lex: Lexicon, quotes: Sequence[tuple[int, int]] = (),
                    attribution: set[int] | None = None) -> list[Candidate]:
    """Lexicon phrases plus the content words with some lexicon signal (`has_signal`), without named entities or
    plain proper adjectives (unless the lexicon lists them: "Takfiri") and without attribution verbs (unless
    their lexicon category stays loaded as attribution: "slammed")."""
    out: list[Candidate] = []
    covered: set[int] = set()
    if attribution is None:
        attribution = attribution_tokens(doc, quotes)
    for start, end, entry in lex.phrase_matches(doc):
        span = doc[start:end]
        out.append(Candidate(start, end, span.text, span.lemma_.lower(), span.root.i, entry,
                             _inside(span.start_char, quotes)))
        covered.update(range(start, end))
    for token in doc:
        if token.i in covered or len(token.text) < 3 or not token.text[0].isalpha():
            continue
        entry = lex.word(token)
        if token.i in attribution and (entry is None or entry.category not in lex.loaded_as_attribution):
            continue
        if entry is None:
            if token.pos_ not in CONTENT_POS or token.is_stop or not token.is_alpha:
                continue
            if token.ent_type_ in ENTITY_LABELS or token.ent_type_ in NON_ACTOR_LABELS or proper_word(token):
                continue
            if not has_signal(token):
                continue
        out.append(Candidate(token.i, token.i + 1, token.text, token.lemma_.lower(), token.i, entry,
                             _inside(token.idx, quotes)))
    out.sort(key=lambda c: c.start)
    return out


POS_FEATURES = ("NOUN", "ADJ", "VERB", "ADV", "PROPN")
N_HAND_FEATURES = 9 + len(CATEGORIES) + len(POS_FEATURES)


def hand_features(doc, candidates: Sequence[Candidate]) -> np.ndarray:
    """Lexicon, VADER and TextBlob signals of each candidate and of its sentence (cheap dictionary look-ups)."""
    rows = np.zeros((len(candidates), N_HAND_FEATURES), dtype=np.float32)
    sentence_stats: dict[int, tuple[float, float, float]] = {}
    for row, cand in zip(rows, candidates):
        token = doc[cand.head]
        valence = vader_valence(token)
        polarity, subjectivity = pattern_scores(token)
        sent = token.sent
        if sent.start not in sentence_stats:
            words = [t for t in sent if t.is_alpha]
            lex_hits = sum(1 for t in words if lexicon_or_none(t) is not None)
            subj = [pattern_scores(t)[1] for t in words]
            vad = [abs(vader_valence(t)) for t in words]
            sentence_stats[sent.start] = (min(lex_hits, 5) / 5, max(subj, default=0.0), max(vad, default=0.0))
        entry = cand.entry
        row[:9] = (
            entry.weight if entry else 0.0,
            abs(valence),
            1.0 if valence < 0 else 0.0,
            abs(polarity),
            subjectivity,
            1.0 if cand.quoted else 0.0,
            *sentence_stats[sent.start],
        )
        if entry:
            row[9 + CATEGORIES.index(entry.category)] = 1.0
        if token.pos_ in POS_FEATURES:
            row[9 + len(CATEGORIES) + POS_FEATURES.index(token.pos_)] = 1.0
    return rows


def lexicon_or_none(token) -> LexiconEntry | None:
    return lexicon().word(token)


def candidate_features(doc, candidates: Sequence[Candidate], vectors: WordVectors | None = None) -> np.ndarray:
    """Hand features followed by the MiniLM vector of each candidate's lemma."""
    vectors = vectors or word_vectors()
    embedded = vectors.vectors([c.lemma for c in candidates])
    return np.hstack([hand_features(doc, candidates), embedded]).astype(np.float32)


# ---------------------------------------------------------------------------------------------- the word head


@dataclass
class WordHead:
    """Standardised logistic regression; `intercept` already includes the shift that makes 0.5 the threshold."""

    coef: np.ndarray
    intercept: float
    mean: np.ndarray
    scale: np.ndarray
    about: str = ""

    def probability(self, features: np.ndarray) -> np.ndarray:
        if len(features) == 0:
            return np.zeros(0, dtype=np.float32)
        z = ((features - self.mean) / self.scale) @ self.coef + self.intercept
        return (1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))).astype(np.float32)

    def save(self, path) -> None:
        np.savez_compressed(path, coef=self.coef.astype(np.float32), intercept=np.float32(self.intercept),
                            mean=self.mean.astype(np.float32), scale=self.scale.astype(np.float32),
                            about=np.array(self.about))

    @classmethod
    def load(cls, path) -> WordHead:
        with np.load(path) as data:
            return cls(data["coef"], float(data["intercept"]), data["mean"], data["scale"], str(data["about"]))


HEAD_FILE = "data/loaded_head.npz"


@lru_cache(maxsize=1)
def word_head() -> WordHead | None:
    """The shipped head, or None when it has not been trained (the lexicon alone then decides)."""
    resource = files(__package__).joinpath(HEAD_FILE)
    if not resource.is_file():
        return None
    with resource.open("rb") as handle:
        return WordHead.load(handle)


def score_candidates(doc, candidates: Sequence[Candidate], head: WordHead | None,
                     vectors: WordVectors | None = None) -> np.ndarray:
    """Noisy-or of lexicon prior and head probability, damped inside direct quotations."""
    prior = np.array([c.entry.weight if c.entry else 0.0 for c in candidates], dtype=np.float32)
    if head is not None and candidates:
        learned = head.probability(candidate_features(doc, candidates, vectors))
    else:
        learned = np.zeros(len(candidates), dtype=np.float32)
    return combine_scores(prior, learned, np.array([c.quoted for c in candidates], dtype=bool))


def combine_scores(prior: np.ndarray, learned: np.ndarray, quoted: np.ndarray) -> np.ndarray:
    """Lexicon prior noisy-or head probability; head-only words rescaled so LEARNED_MIN maps to THRESHOLD."""
    learned_only = np.minimum(learned * (THRESHOLD / LEARNED_MIN), 1.0)
    score = np.where(prior > 0, 1.0 - (1.0 - prior) * (1.0 - learned), learned_only)
    return np.where(quoted, score * QUOTED_FACTOR, score).astype(np.float32)


def loaded_spans(doc, head: WordHead | None = None, quotes: Sequence[tuple[int, int]] = (),
                 vectors: WordVectors | None = None) -> list[tuple[Candidate, float]]:
    """(candidate, score) for the terms of a parsed text that pass the threshold."""
    candidates = find_candidates(doc, lexicon(), quotes)
    scores = score_candidates(doc, candidates, head, vectors)
    return [(c, float(s)) for c, s in zip(candidates, scores) if s >= THRESHOLD]


# ---------------------------------------------------------------------------------------------- targets


class TargetResolver:
    """Maps tokens to canonical actors through the parse, remembering which group was labelled last."""

    def __init__(self, doc, analysis):
        self.doc = doc
        alias_to_actor = {}
        for actor in analysis.actors:
            for alias in [actor.name, *actor.aliases]:
                alias_to_actor.setdefault(alias, actor)
        self.spans = []  # (start_char, end_char, actor)
        for mention in analysis.mentions:
            actor = alias_to_actor.get(mention.text)
            if actor is not None and mention.label not in NON_ACTOR_LABELS:
                self.spans.append((mention.start, mention.end, actor))
        self.last_labelled: list[str] = []
        self.last_labelled_sentence = -10

    def actor_at(self, token):
        for start, end, actor in self.spans:
            if start <= token.idx < end:
                return actor
        return None

    def entity_group(self, token) -> list[str]:
        """The actor at a token plus the actors coordinated with it ("the United States and NATO")."""
        actor = self.actor_at(token)
        if actor is None:
            return []
        names = [actor.name]
        for conj in token.conjuncts:
            other = self.actor_at(conj)
            if other is not None and other.name not in names:
                names.append(other.name)
        return names

    def recent_group(self, token) -> list[str]:
        if self.last_labelled and token.sent.start - self.last_labelled_sentence < 400:
            return self.last_labelled
        return self.subject_before(token, person=False)

    def subject_before(self, token, person: bool) -> list[str]:
        """The nearest earlier actor in subject position (a person, or a group/place)."""
        for start, end, actor in sorted(self.spans, key=lambda s: -s[0]):
            if start >= token.idx:
                continue
            if (actor.type == "PERSON") != person:
                continue
            span = self.doc.char_span(start, end, alignment_mode="expand")
            if span is not None and span.root.dep_ in ("nsubj", "nsubjpass", "conj"):
                return self.entity_group(span.root)
        return []

    def resolve(self, token, depth: int = 0) -> list[str]:
        """Who a noun or pronoun refers to."""
        names = self.entity_group(token)
        if names or depth > 2:
            return names
        lower = token.lower_
        if lower in PLURAL_PRONOUNS:
            return self.recent_group(token)
        if lower in SINGULAR_PERSON_PRONOUNS:
            return self.subject_before(token, person=True)
        if token.pos_ in ("NOUN", "PROPN"):
            for child in token.children:
                if child.dep_ in ("compound", "poss", "nmod") and self.entity_group(child):
                    return self.entity_group(child)
                if child.dep_ == "appos":
                    found = self.resolve(child, depth + 1)
                    if found:
                        return found
            if any(c.lower_ in DEMONSTRATIVES for c in token.children if c.dep_ in ("det", "amod")):
                return self.recent_group(token)
        return []

    def subject_of(self, verb, depth: int = 0) -> list[str]:
        for child in verb.children:
            if child.dep_ in ("nsubj", "nsubjpass"):
                return self.resolve(child) or self.label_target(child, depth + 1)
        if verb.dep_ in ("xcomp", "conj", "advcl") and verb.head is not verb and depth < 3:
            return self.subject_of(verb.head, depth + 1)
        return []

    def label_target(self, token, depth: int = 0) -> list[str]:
        """The actor a loaded word describes, per the dependency parse."""
        if depth > 3:
            return []
        if token.pos_ in ("NOUN", "PROPN"):
            for child in token.children:
                if child.dep_ in ("poss", "compound", "nmod"):
                    found = self.resolve(child, depth + 1)
                    if found:
                        return found
            if token.dep_ == "appos":
                return self.resolve(token.head, depth + 1)
            if token.dep_ == "pobj" and token.head.lower_ == "as":
                anchor = token.head.head
                if anchor.pos_ in ("VERB", "AUX"):
                    return self.subject_of(anchor, depth + 1)
                return self.resolve(anchor, depth + 1)
            if token.dep_ in ("attr", "oprd"):
                return self.subject_of(token.head, depth + 1)
            return self.resolve(token, depth + 1)
        if token.pos_ == "ADJ":
            if token.dep_ == "amod":
                return self.resolve(token.head, depth + 1) or self.label_target(token.head, depth + 1)
            if token.dep_ in ("acomp", "attr"):
                return self.subject_of(token.head, depth + 1)
            return []
        if token.pos_ == "VERB":
            return self.subject_of(token, depth + 1)
        if token.pos_ == "ADV" and token.head.pos_ in ("VERB", "ADJ"):
            return self.label_target(token.head, depth + 1)
        return []

    def target(self, candidate: Candidate) -> list[str]:
        token = self.doc[candidate.head]
        if self.actor_at(token) is not None:
            # The term is itself a name ("Takfiri"): it describes whatever it modifies, not itself.
            head = token.head
            names = [] if head is token or self.actor_at(head) is not None else self.resolve(head)
        else:
            names = self.label_target(token)
        if names and candidate.entry is not None and candidate.entry.category in LABEL_CATEGORIES:
            self.last_labelled = names
            self.last_labelled_sentence = token.sent.start
        return names


def _whole_compound(doc, start: int, end: int) -> str:
    """The term as written, with the rest of a hyphenated compound it sits in: "doom" in "doom-mongers" is reported
    as "doom-mongers"."""
    def hyphen(left, dash, right) -> bool:
        return dash.text == "-" and not left.whitespace_ and not dash.whitespace_ and left.is_alpha and right.is_alpha

    while start >= 2 and hyphen(doc[start - 2], doc[start - 1], doc[start]):
        start -= 2
    while end + 1 < len(doc) and hyphen(doc[end - 1], doc[end], doc[end + 1]):
        end += 2
    return doc[start:end].text


def _sentence_index(analysis, char: int) -> int:
    for sentence in analysis.sentences:
        if sentence.start <= char < sentence.end:
            return sentence.index
    return max(0, len(analysis.sentences) - 1)


def find_loaded_terms(step) -> None:
    """Pipeline step: fill `analysis.loaded_terms`."""
    doc, analysis = step.doc, step.analysis
    quotes = quote_spans(step.article.text)
    resolver = TargetResolver(doc, analysis)
    for candidate, score in loaded_spans(doc, word_head(), quotes):
        names = resolver.target(candidate)
        analysis.loaded_terms.append(
            LoadedTerm(
                term=_whole_compound(doc, candidate.start, candidate.end),
                target=names[0] if names else None,
                sentence=_sentence_index(analysis, doc[candidate.start].idx),
                score=round(score, 3),
                category=candidate.entry.category if candidate.entry else "learned",
            )
        )
