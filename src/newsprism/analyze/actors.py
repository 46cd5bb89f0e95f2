"""Named-entity mentions and their merge into canonical actors.

Rules first, in this order: the editable alias table (`data/aliases.json`) for forms no rule can derive
(America = United States, Daesh = ISIS); demonyms (NORP "Iranian" → Iran, by table or by a prefix rule against
the countries the article names); capitals acting as their government ("Washington said"); exact normalised
forms across spaCy labels (spaCy often calls a surname ORG); person-name token containment (surname-only,
hyphen/space variants, initials, titles stripped); acronyms (initials or "Long Name (LN)"); organisation-name
containment. MiniLM embeddings break ties: a short name that fits several actors goes to the one whose
contexts are most similar, and an organisation-name containment merge needs similar names. Sentence contexts
use the vectors the pipeline computed for the whole chunk before this step; only names (or sentences, when the
step runs without them) are encoded, in one call per article, and only when a tie exists.
"""

from __future__ import annotations

import json
import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np

from ..model import Actor, Mention

COUNTRY_LABELS = {"GPE", "LOC", "PERSON", "ORG"}
ACTOR_LABELS = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT"}
# The last word of a name that makes it a place or a structure, never a person
PLACE_HEADS = frozenset(
    "pier quay wharf dock docks harbour harbor port bridge square street avenue road boulevard lane airport "
    "station bay river lake island islands sound strait canal dam stadium park valley mountain mountains".split())
DATA_DIR = Path(__file__).parent / "data"
ACRONYM_STOPWORDS = {"of", "the", "and", "for", "de", "la", "du", "des", "del", "on", "in", "&"}
SUBJECT_DEPS = {"nsubj", "nsubjpass", "poss", "agent"}
ORG_NAME_SIMILARITY = 0.55  # MiniLM cosine needed to merge "Foreign Ministry" into "Iranian Foreign Ministry"
TIE_MARGIN = 0.03  # context similarity must beat the runner-up by this much, else the nearest mention wins


@dataclass(frozen=True)
class AliasTable:
    canonical: dict[str, tuple[str, str]]  # normalised alias → (canonical name, type)
    demonyms: dict[str, str]
    capitals: dict[str, str]
    titles: frozenset[str]
    person_roles: frozenset[str]


@lru_cache(maxsize=1)
def alias_table() -> AliasTable:
    data = json.loads((DATA_DIR / "aliases.json").read_text(encoding="utf-8"))
    canonical: dict[str, tuple[str, str]] = {}
    for entry in data["actors"]:
        for alias in [entry["name"], *entry["aliases"]]:
            canonical[" ".join(normalise(alias))] = (entry["name"], entry["type"])
    return AliasTable(
        canonical=canonical,
        demonyms={k: v for k, v in data["demonyms"].items()},
        capitals=data["capitals"],
        titles=frozenset(data["titles"]),
        person_roles=frozenset(data["person_roles"]),
    )


_POSSESSIVE = re.compile(r"(?:['’]s|s['’]|['’])$", re.IGNORECASE)
_GLUED = re.compile(r"[a-z]{3}[A-Z][a-z]{2}")


def strip_possessive(text: str) -> str:
    """"America's" → "America", "the U.S.’s" → "the U.S.", "Afghans’" → "Afghans"."""
    text = text.strip()
    match = _POSSESSIVE.search(text)
    if not match:
        return text
    if match.group(0).lower().startswith("s"):  # plural possessive: keep the s
        return text[: match.start() + 1]
    return text[: match.start()]


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in text if not unicodedata.combining(ch)).replace("’", "'").lower()


def normalise(text: str) -> list[str]:
    """Lower-case word tokens of a name: accents folded, possessive and leading "the" dropped, dots of
    acronyms removed ("U.S." → "us"), hyphens treated as spaces."""
    text = _fold(strip_possessive(text))
    text = re.sub(r"(?<=\b[a-z])\.(?=[a-z]\b|\s|$)", "", text)  # u.s. → us, j. smith → j smith
    tokens = [t for t in re.split(r"[^a-z0-9&]+", text) if t]
    while tokens and tokens[0] == "the":
        tokens = tokens[1:]
    return tokens


def actor_key(name: str) -> str:
    """Cross-article key: the normalised canonical name ("Hassan Kazemi-Qomi" → "hassan kazemi qomi")."""
    return " ".join(normalise(name))


def _strip_titles(tokens: list[str], titles: frozenset[str]) -> list[str]:
    while len(tokens) > 1 and (tokens[0] in titles or tokens[0] == "of"):
        tokens = tokens[1:]
    return tokens


def sentence_at(analysis, char: int) -> int:
    starts = [s.start for s in analysis.sentences]
    if not starts:
        return 0
    return analysis.sentences[max(0, bisect_right(starts, char) - 1)].index


def find_mentions(step) -> None:
    """spaCy's entities, plus alias-table names the small model misses or cuts short ("Daesh", "ISIL",
    "Islamic State" tagged as NORP "Islamic")."""
    analysis = step.analysis
    starts = [s.start for s in analysis.sentences]
    spans = [(ent.start_char, ent.end_char, ent.text, ent.label_) for ent in step.doc.ents
             if ent.label_ in ACTOR_LABELS]
    spans = _add_table_matches(step.doc, spans)
    for start, _end, raw, label in spans:
        text = strip_possessive(raw)
        if not any(ch.isalpha() for ch in text) or len(text) < 2:
            continue
        if label == "PERSON" and _GLUED.search(text):
            continue  # "Iran PressAsia": two lines glued by the source, not a person
        if label == "PERSON" and text.split()[-1].casefold() in PLACE_HEADS and len(text.split()) > 1:
            label = "FAC"  # "Corran Pier", "Liberty Square": the small model sometimes reads them as people
        index = analysis.sentences[max(0, bisect_right(starts, start) - 1)].index if starts else 0
        analysis.mentions.append(Mention(text=text, label=label, sentence=index, start=start, end=start + len(text)))


def _add_table_matches(doc, spans: list[tuple[int, int, str, str]]) -> list[tuple[int, int, str, str]]:
    matcher, labels = _alias_matcher(doc.vocab)
    found = []
    for match_id, begin, end in matcher(doc):
        span = doc[begin:end]
        found.append((span.start_char, span.end_char, span.text, labels[doc.vocab.strings[match_id]]))
    if not found:
        return spans
    found.sort(key=lambda f: (f[0], -(f[1] - f[0])))
    kept = []
    for match in found:  # longest match at each place, no overlaps between matches
        if not kept or match[0] >= kept[-1][1]:
            kept.append(match)
    out = [s for s in spans if not any(m[0] <= s[0] and s[1] <= m[1] and (m[1] - m[0]) > (s[1] - s[0])
                                       for m in kept)]
    for match in kept:
        if not any(s[0] < match[1] and match[0] < s[1] for s in out):
            out.append(match)
    return sorted(out)


@lru_cache(maxsize=4)
def _alias_matcher(vocab):
    from spacy.lang.en import English
    from spacy.matcher import PhraseMatcher

    data = json.loads((DATA_DIR / "aliases.json").read_text(encoding="utf-8"))
    matcher = PhraseMatcher(vocab, attr="ORTH")
    tokenizer = English(vocab=vocab).tokenizer
    labels: dict[str, str] = {}
    for entry in data["actors"]:
        label = {"GROUP": "ORG"}.get(entry["type"], entry["type"])
        names = [n for n in [entry["name"], *entry["aliases"]] if len(n.replace(".", "")) > 2]
        key = f"alias:{entry['name']}"
        labels[key] = label
        matcher.add(key, [tokenizer(n) for n in names])
    return matcher, labels


@dataclass
class _Cluster:
    form: list[str]  # the head form (longest) in normalised tokens
    label: str
    mentions: list[int] = field(default_factory=list)
    table_name: str | None = None
    table_type: str | None = None


def _contains(long: list[str], short: list[str]) -> bool:
    """`short` is a contiguous run of `long`; a one-letter token matches a word with that initial."""
    n, m = len(long), len(short)
    if m == 0 or m > n:
        return False
    for i in range(n - m + 1):
        if all(s == w or (len(s) == 1 and w.startswith(s)) for s, w in zip(short, long[i : i + m])):
            return True
    return False


def _initials(tokens: list[str]) -> str:
    return "".join(t[0] for t in tokens if t not in ACRONYM_STOPWORDS)


def _demonym_country(form: str, table: AliasTable, gpe_forms: dict[str, str]) -> str | None:
    if form in table.demonyms:
        return table.demonyms[form]
    word = form[:-1] if form.endswith("s") and len(form) > 4 else form
    for gpe, name in gpe_forms.items():
        if " " in gpe or len(gpe) < 4:
            continue
        if word.startswith(gpe) or (gpe.startswith(word) and len(word) >= 4) or (
            len(gpe) >= 5 and word.startswith(gpe[:-1])
        ):
            return name
    return None


def _acts_as_government(doc, mention: Mention) -> bool:
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None:
        return False
    root = span.root
    return root.dep_ in SUBJECT_DEPS or (root.dep_ == "pobj" and root.head.lower_ == "by")


class _Merger:
    """One article's mentions → clusters. Kept as a small object so each rule is a short method."""

    def __init__(self, step):
        self.doc = step.doc
        self.analysis = step.analysis
        self.table = alias_table()
        self.mentions = step.analysis.mentions
        self.forms: list[list[str]] = []
        self.clusters: list[_Cluster] = []
        self.assigned: list[int | None] = [None] * len(self.mentions)
        self.ties: list[tuple[int, list[int]]] = []  # mention index, candidate clusters
        self.org_checks: list[tuple[int, int]] = []  # mention index, candidate cluster

    def run(self) -> list[Actor]:
        for m in self.mentions:
            tokens = normalise(m.text)
            if m.label == "PERSON":
                tokens = _strip_titles(tokens, self.table.titles)
            self.forms.append(tokens)
        self._table_and_demonyms()
        self._people()
        self._exact_forms()
        self._acronyms()
        self._organisations()
        self._resolve_with_embeddings()
        for i in range(len(self.mentions)):
            if self.assigned[i] is None and self.forms[i]:
                self._new_cluster(i)
        return self._actors()

    def _new_cluster(self, i: int, table: tuple[str, str] | None = None) -> int:
        cluster = _Cluster(form=self.forms[i], label=self.mentions[i].label)
        if table:
            cluster.table_name, cluster.table_type = table
        self.clusters.append(cluster)
        self._assign(i, len(self.clusters) - 1)
        return len(self.clusters) - 1

    def _assign(self, i: int, c: int) -> None:
        self.assigned[i] = c
        self.clusters[c].mentions.append(i)

    def _table_cluster(self, entry: tuple[str, str]) -> int | None:
        return next((c for c, cl in enumerate(self.clusters) if cl.table_name == entry[0]), None)

    def _table_and_demonyms(self) -> None:
        table = self.table
        # spaCy's small model often tags a country PERSON or ORG ("Malawi"): any label may carry the name
        ranked = sorted(range(len(self.mentions)), key=lambda i: self.mentions[i].label != "GPE")
        gpe_forms: dict[str, str] = {}
        for i in ranked:
            if self.mentions[i].label in COUNTRY_LABELS:
                gpe_forms.setdefault(" ".join(self.forms[i]), self.mentions[i].text)
        for i, m in enumerate(self.mentions):
            form = " ".join(self.forms[i])
            entry = table.canonical.get(form)
            if entry is None and m.label == "NORP":
                country = _demonym_country(form, table, gpe_forms)
                if country:
                    entry = table.canonical.get(" ".join(normalise(country)), (country, "GPE"))
            if entry is None and m.label in {"GPE", "ORG", "NORP"} and form in table.capitals and _acts_as_government(self.doc, m):
                country = table.capitals[form]
                entry = table.canonical.get(" ".join(normalise(country)), (country, "GPE"))
            if entry is None:
                continue
            c = self._table_cluster(entry)
            if c is None:
                self._new_cluster(i, entry)
            else:
                self._assign(i, c)
        # a country named plainly ("Iran") joins the cluster its demonym or capital opened
        for i, m in enumerate(self.mentions):
            if self.assigned[i] is None and m.label in COUNTRY_LABELS | {"NORP"}:
                c = next((c for c, cl in enumerate(self.clusters)
                          if cl.table_name and normalise(cl.table_name) == self.forms[i]), None)
                if c is not None:
                    self._assign(i, c)

    def _people(self) -> None:
        people = [i for i, m in enumerate(self.mentions) if m.label == "PERSON" and self.assigned[i] is None]
        people.sort(key=lambda i: (-len(self.forms[i]), self.mentions[i].start))
        person_clusters: list[int] = []
        for i in people:
            form = self.forms[i]
            candidates = [c for c in person_clusters if _contains(self.clusters[c].form, form)]
            distinct = {tuple(self.clusters[c].form) for c in candidates}
            if not candidates:
                person_clusters.append(self._new_cluster(i))
            elif len(candidates) == 1 or len(distinct) == 1:
                self._assign(i, candidates[0])
            else:
                self.ties.append((i, candidates))
                self.assigned[i] = -1  # decided later

    def _exact_forms(self) -> None:
        """A form already clustered joins its cluster whatever spaCy's label; a multi-word non-person form that
        ends a person's name is a mislabelled person ("Kazemi-Qomi" tagged ORG)."""
        by_form: dict[tuple[str, ...], int] = {}
        for c, cl in enumerate(self.clusters):
            for i in cl.mentions:
                by_form.setdefault(tuple(self.forms[i]), c)
        for i, m in enumerate(self.mentions):
            if self.assigned[i] is not None or not self.forms[i]:
                continue
            form = self.forms[i]
            c = by_form.get(tuple(form))
            if c is not None and self.clusters[c].label == "PERSON" and m.label in {"GPE", "LOC"}:
                c = None if not self._is_speaker_subject(m) else c
            if c is None and m.label != "GPE":
                people = [k for k, cl in enumerate(self.clusters)
                          if cl.label == "PERSON" and cl.form[-len(form):] == form
                          and (len(form) >= 2 or m.label in {"ORG", "NORP", "FAC"})]
                c = people[0] if len({tuple(self.clusters[k].form) for k in people}) == 1 else None
            if c is not None:
                self._assign(i, c)
                by_form.setdefault(tuple(form), c)

    def _is_speaker_subject(self, m: Mention) -> bool:
        span = self.doc.char_span(m.start, m.end, alignment_mode="expand")
        return span is not None and span.root.dep_ == "nsubj" and span.root.head.pos_ == "VERB"

    def _acronyms(self) -> None:
        text = self.doc.text
        for i, m in enumerate(self.mentions):
            if self.assigned[i] is not None or m.label == "PERSON":
                continue
            raw = m.text.replace(".", "")
            if not (2 <= len(raw) <= 7 and raw.isupper() and raw.isalpha()):
                continue
            acronym = raw.lower()
            candidates = [c for c, cl in enumerate(self.clusters)
                          if len(cl.form) >= 2 and cl.label != "PERSON" and _initials(cl.form) == acronym]
            if not candidates:
                for k, other in enumerate(self.mentions):  # "National Grid Authority (NGA)"
                    follow = text[other.end : other.end + len(m.text) + 4]
                    if k != i and len(self.forms[k]) >= 2 and re.match(r"\s*\(\s*" + re.escape(m.text) + r"\s*\)", follow):
                        c = self.assigned[k] if self.assigned[k] not in (None, -1) else self._new_cluster(k)
                        candidates = [c]
                        break
            if not candidates:
                for k, other in enumerate(self.mentions):
                    if self.assigned[k] is None and len(self.forms[k]) >= 2 and other.label != "PERSON" \
                            and _initials(self.forms[k]) == acronym:
                        candidates = [self._new_cluster(k)]
                        break
            if candidates:
                self._assign(i, candidates[0])

    def _organisations(self) -> None:
        rest = [i for i, m in enumerate(self.mentions) if self.assigned[i] is None and m.label != "PERSON"]
        rest.sort(key=lambda i: (-len(self.forms[i]), self.mentions[i].start))
        for i in rest:
            if self.assigned[i] is not None:
                continue
            form, label = self.forms[i], self.mentions[i].label
            same = next((c for c, cl in enumerate(self.clusters) if cl.form == form and cl.label == label), None)
            if same is not None:
                self._assign(i, same)
                continue
            candidates = [c for c, cl in enumerate(self.clusters)
                          if cl.label == label and label in {"ORG", "FAC", "EVENT"} and not cl.table_name
                          and len(cl.form) > len(form) and _contains(cl.form, form)]
            if not candidates:
                self._new_cluster(i)
            elif len({tuple(self.clusters[c].form) for c in candidates}) == 1:
                self.org_checks.append((i, candidates[0]))
                self.assigned[i] = -1
            else:
                self.ties.append((i, candidates))
                self.assigned[i] = -1

    def _resolve_with_embeddings(self) -> None:
        """Ties by sentence-context similarity, organisation containment by name similarity. Sentence vectors come
        from the pipeline (`analysis.sentence_embeddings`, computed once per chunk before this step); only what is
        missing (names, or sentences when the step runs alone) is encoded, in one call, through the shared cache of
        short texts."""
        if not self.ties and not self.org_checks:
            return
        from .loaded import word_vectors

        sentences = self.analysis.sentences
        given = self.analysis.sentence_embeddings
        have_sentences = given is not None and len(given) == len(sentences)
        rows: list[np.ndarray | None] = []
        texts: list[str] = []  # to encode
        index: dict[str, int] = {}

        def slot(text: str) -> int:
            if text not in index:
                index[text] = len(rows)
                rows.append(None)
                texts.append(text)
            return index[text]

        sentence_slot: dict[int, int] = {}

        def context(i: int) -> int:
            s = self.mentions[i].sentence
            if s >= len(sentences):
                return slot(self.mentions[i].text)
            if not have_sentences:
                return slot(sentences[s].text)
            if s not in sentence_slot:
                sentence_slot[s] = len(rows)
                rows.append(given[s])
            return sentence_slot[s]

        tie_slots = [(i, context(i), [[context(k) for k in self.clusters[c].mentions] for c in cands], cands)
                     for i, cands in self.ties]
        org_slots = [(i, slot(" ".join(self.forms[i])), slot(" ".join(self.clusters[c].form)), c)
                     for i, c in self.org_checks]
        if texts:
            encoded = word_vectors().vectors(texts)
            for text, vector in zip(texts, encoded):
                rows[index[text]] = vector
        vectors = np.stack(rows)
        for i, own, cand_slots, cands in tie_slots:
            scores = [max(float(vectors[own] @ vectors[k]) for k in slots) if slots else -1.0
                      for slots in cand_slots]
            order = np.argsort(scores)[::-1]
            if len(order) > 1 and scores[order[0]] - scores[order[1]] >= TIE_MARGIN:
                best = cands[int(order[0])]
            else:
                best = self._nearest_preceding(i, cands)
            self.assigned[i] = None
            self._assign(i, best)
        for i, short, long, c in org_slots:
            self.assigned[i] = None
            if float(vectors[short] @ vectors[long]) >= ORG_NAME_SIMILARITY:
                self._assign(i, c)
            else:
                self._new_cluster(i)

    def _nearest_preceding(self, i: int, cands: list[int]) -> int:
        start = self.mentions[i].start

        def last_before(c: int) -> int:
            before = [self.mentions[k].start for k in self.clusters[c].mentions if self.mentions[k].start < start]
            return max(before) if before else -1

        return max(cands, key=last_before)

    def _actors(self) -> list[Actor]:
        order = sorted(range(len(self.clusters)),
                       key=lambda c: min(self.mentions[i].start for i in self.clusters[c].mentions))
        actors: list[Actor] = []
        for c in order:
            cl = self.clusters[c]
            members = sorted(cl.mentions, key=lambda i: self.mentions[i].start)
            actor = Actor(id=f"a{len(actors)}", name=self._canonical(cl, members), type=self._type(cl, members))
            actor.key = actor_key(actor.name)
            for i in members:
                m = self.mentions[i]
                if m.text.lower() not in (a.lower() for a in actor.aliases):
                    actor.aliases.append(m.text)
                if m.sentence not in actor.sentences:
                    actor.sentences.append(m.sentence)
                m.actor = actor.id
            actors.append(actor)
        return actors

    def _canonical(self, cl: _Cluster, members: list[int]) -> str:
        if cl.table_name:
            return cl.table_name
        def weight(i: int) -> tuple[int, int, int]:
            m = self.mentions[i]
            acronym = m.text.replace(".", "").isupper() and " " not in m.text
            return (0 if acronym else 1, len(self.forms[i]), len(m.text))
        best = self.mentions[max(members, key=weight)]
        name = best.text
        if best.label == "PERSON":
            words = name.split()
            while len(words) > 1 and normalise(words[0]) and normalise(words[0])[0] in self.table.titles | {"of"}:
                words = words[1:]
            name = " ".join(words)
        return re.sub(r"^(?:the|The)\s+", "", name)

    def _type(self, cl: _Cluster, members: list[int]) -> str:
        if cl.table_type:
            return cl.table_type
        labels = [self.mentions[i].label for i in members]
        if "PERSON" in labels:
            return "PERSON"
        return max(set(labels), key=labels.count)


def merge_actors(step) -> None:
    step.analysis.actors = _Merger(step).run()


def actor_of_mention(analysis, mention: Mention) -> Actor | None:
    actor_id = getattr(mention, "actor", None)
    return next((a for a in analysis.actors if a.id == actor_id), None)
