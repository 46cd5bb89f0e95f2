"""Read a comparison document once into what every report shows.

The terminal, Markdown and HTML renderers all start from `build_report()`, so they number articles the same
way, label outlets the same way and group facts, omissions, quotes and framing the same way. Every field of
the document is optional here: a missing or malformed extra degrades a section, it never breaks a report.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

FACT_KINDS = ("consensus", "partial", "unique")
KIND_TITLES = {
    "consensus": "Consensus",
    "partial": "Partial",
    "unique": "Unique",
}
KIND_DESCRIPTIONS = {
    "consensus": "reported by every outlet",
    "partial": "reported by some outlets",
    "unique": "reported by one outlet",
}
STANCES = ("neutral", "emphasis", "distancing")

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")
_SPACES = re.compile(r"\s+")


def clean_text(value: Any) -> str:
    """Text safe to lay out: control and bidi-override characters removed, whitespace collapsed."""
    if value is None:
        return ""
    text = _CONTROL.sub(" ", str(value))
    return _SPACES.sub(" ", text).strip()


def clean_inline(value: Any) -> str:
    """Like clean_text() but keeps leading and trailing spaces: for separators between pieces of text."""
    if value is None:
        return ""
    return _SPACES.sub(" ", _CONTROL.sub(" ", str(value)))


def safe_url(value: Any) -> str | None:
    """The URL if it is an absolute http(s) URL without whitespace or control characters, else None."""
    if not isinstance(value, str):
        return None
    url = value.strip()
    if not url or any(ch.isspace() or unicodedata.category(ch) == "Cc" for ch in url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return url


def short_date(value: Any) -> str:
    """The date part of an ISO 8601 date or datetime ("2024-01-16"), or "" when unknown."""
    text = clean_text(value)
    match = re.match(r"\d{4}-\d{2}-\d{2}", text)
    return match.group(0) if match else text[:10]


def plural(n: int, word: str, many: str | None = None) -> str:
    return f"{n} {word if n == 1 else (many or word + 's')}"


def truncate(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: max(limit - 1, 0)].rstrip() + "…"


def percent(value: Any) -> str:
    """A reuse share as "84%": accepts 0..1 fractions and 0..100 percentages."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return ""
    share = value * 100 if value <= 1 else value
    return f"{round(share):d}%" if share > 0 else ""


def _normalised_words(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(re.findall(r"\w+", text))


@dataclass
class SentenceView:
    index: int
    text: str
    fact: str | None
    kind: str  # a FACT_KIND, or "none" when the sentence matches no fact
    paragraph_break: bool = False  # the article starts a new paragraph before this sentence


@dataclass
class ArticleView:
    id: str
    number: int  # 1-based, the same in every section and every view
    label: str  # outlet name, unique within the report
    outlet: str
    title: str
    url: str | None  # only when safe to link
    raw_url: str  # as given, to show as text
    published: str
    words: int | None
    language: str
    sentences: list[SentenceView] = field(default_factory=list)
    text_source: str = "sentences"  # "sentences" | "text" | "evidence" | "none"
    facts_reported: int = 0
    omissions: int = 0

    @property
    def ref(self) -> str:
        return f"[{self.number}]"


@dataclass
class EvidenceView:
    article: ArticleView | None
    sentence: int | None
    text: str


@dataclass
class FactView:
    id: str
    number: int
    text: str
    kind: str
    reported_by: list[ArticleView]
    evidence: list[EvidenceView]

    def reports(self, article: ArticleView) -> bool:
        return any(a.id == article.id for a in self.reported_by)


@dataclass
class OmissionView:
    fact: FactView | None
    fact_id: str
    text: str
    reported_by_others: int
    nearest: str = ""  # the outlet's own sentence that may say it in other words


@dataclass
class OutletOmissions:
    article: ArticleView
    items: list[OmissionView]


@dataclass
class ClaimView:
    article: ArticleView | None
    label: str
    text: str
    value: str
    fact: str | None  # the fact of the sentence the claim comes from, when it can be found
    sentence: int | None


@dataclass
class ConflictView:
    kind: str
    summary: str
    claims: list[ClaimView]


@dataclass
class QuoteView:
    article: ArticleView | None
    label: str
    speaker: str
    text: str
    kind: str
    verb: str
    speaker_phrase: str = ""  # "regional officials": who spoke as the text puts it, when no one is named


@dataclass
class QuoteGroupView:
    number: int
    speakers: list[str]
    quotes: list[QuoteView]
    wording_changed: bool
    speaker_changed: bool

    @property
    def speaker(self) -> str:
        if self.speakers:
            return " / ".join(self.speakers)
        phrases = list(dict.fromkeys(q.speaker_phrase for q in self.quotes if q.speaker_phrase))
        return " / ".join(f"“{p}” (unnamed)" for p in phrases[:3]) if phrases else "Unattributed"

    @property
    def outlets(self) -> int:
        return len({q.label for q in self.quotes})


@dataclass
class LoadedTermView:
    term: str
    target: str


@dataclass
class ActorLabelsView:
    actor: str
    labels: list[str]


@dataclass
class VerbExampleView:
    verb: str
    stance: str
    speaker: str


@dataclass
class FramingView:
    article: ArticleView
    loaded_terms: list[LoadedTermView]
    actor_labels: list[ActorLabelsView]
    verb_counts: dict[str, int]
    verb_examples: list[VerbExampleView]

    @property
    def verb_total(self) -> int:
        return sum(self.verb_counts.values())

    def examples_for(self, stance: str) -> list[str]:
        seen: list[str] = []
        for example in self.verb_examples:
            if example.stance == stance and example.verb not in seen:
                seen.append(example.verb)
        return seen

    def untyped_examples(self) -> list[str]:
        return list(dict.fromkeys(e.verb for e in self.verb_examples if e.stance not in STANCES))

    @property
    def empty(self) -> bool:
        return not (self.loaded_terms or self.actor_labels or self.verb_total or self.verb_examples)


@dataclass
class LineageNode:
    key: str
    label: str
    article: ArticleView | None
    original: bool


@dataclass
class LineageEdge:
    source: LineageNode
    target: LineageNode
    kind: str
    reuse: str


@dataclass
class LineageView:
    original: LineageNode | None
    nodes: list[LineageNode]
    edges: list[LineageEdge]
    reason: str = ""  # why this original; when there is none, why it could not be told

    @property
    def empty(self) -> bool:
        return self.original is None and not self.edges

    @property
    def undetermined(self) -> str:
        """The reason no original is named, when the comparison gives one ("undetermined: …")."""
        return self.reason if self.original is None and self.reason.startswith("undetermined") else ""

    @property
    def independent(self) -> bool:
        """No article copies or rewrites another: there is no original to name."""
        return self.original is None and self.reason.startswith("independent")


@dataclass
class SummarySentenceView:
    text: str
    sources: list[ArticleView]
    single_outlet: bool
    fact: str | None = None  # the fact it was built from, when the document says
    disputed: list[str] = field(default_factory=list)  # what the outlets dispute in it (conflict summaries)
    copies: frozenset[str] = frozenset()  # ids of the sources that copy another one
    # articles that report the sentence's fact in words that do not support this wording (not cited for it)
    other_wording: list[ArticleView] = field(default_factory=list)

    @property
    def only(self) -> str:
        """Who the one source is: "X", or "X and its copy" when an original and its copies are cited."""
        originals = [a for a in self.sources if a.id not in self.copies] or self.sources[:1]
        extra = len(self.sources) - 1
        return originals[0].label + ("" if not extra else " and its copy" if extra == 1 else " and its copies")

    @property
    def single_note(self) -> str:
        """The note beside a sentence one outlet supports: "only X", or, when others report the same fact in
        words that do not support this wording (another figure, another quote), "in the words of X; [2] words it
        differently": the fact itself is not single-sourced."""
        if not self.other_wording:
            return f"only {self.only}"
        others = "".join(a.ref for a in self.other_wording)
        verb = "words" if len(self.other_wording) == 1 else "word"
        return f"in the words of {self.only}; {others} {verb} it differently"


@dataclass
class Report:
    title: str
    story_id: str
    articles: list[ArticleView]
    facts: list[FactView]
    omissions: list[OutletOmissions]
    conflicts: list[ConflictView]
    quote_groups: list[QuoteGroupView]
    framing: list[FramingView]
    lineage: LineageView
    summary: list[SummarySentenceView]
    schema: str
    warnings: list[str] = field(default_factory=list)

    @property
    def kind_counts(self) -> dict[str, int]:
        counts = {kind: 0 for kind in FACT_KINDS}
        for fact in self.facts:
            counts[fact.kind] = counts.get(fact.kind, 0) + 1
        return counts

    def facts_of(self, kind: str) -> list[FactView]:
        return [f for f in self.facts if f.kind == kind]

    @property
    def copy_ids(self) -> set[str]:
        """Articles the lineage found to be copies of another article here: never counted as outlets."""
        return {e.target.article.id for e in self.lineage.edges if e.kind == "copy" and e.target.article}

    @property
    def outlet_count(self) -> int:
        """Independent outlets: the distinct outlets of the articles that are not copies."""
        copies = self.copy_ids
        return len({a.outlet.casefold() for a in self.articles if a.id not in copies})

    @property
    def meta(self) -> list[str]:
        """"4 articles", "3 outlets", "1 copy": the report's first line, the same in every format."""
        parts = [plural(len(self.articles), "article"), plural(self.outlet_count, "outlet")]
        if self.copy_ids:
            parts.append(plural(len(self.copy_ids), "copy", "copies"))
        return parts

    @property
    def omission_count(self) -> int:
        return sum(len(o.items) for o in self.omissions)

    @property
    def date_range(self) -> str:
        dates = sorted(a.published for a in self.articles if a.published)
        if not dates:
            return ""
        return dates[0] if dates[0] == dates[-1] else f"{dates[0]} – {dates[-1]}"

    def article(self, article_id: Any) -> ArticleView | None:
        for article in self.articles:
            if article.id == article_id:
                return article
        return None


def _list(value: Any) -> list:
    return value if isinstance(value, list) else []


def _dict(value: Any) -> dict:
    return value if isinstance(value, dict) else {}


def _outlet_name(raw: dict, number: int) -> str:
    outlet = clean_text(raw.get("outlet"))
    if outlet:
        return outlet
    label = clean_text(raw.get("label"))
    if label and "://" not in label:
        return label
    for key in ("url", "source"):
        value = raw.get(key)
        if isinstance(value, str) and "://" in value:
            host = urlsplit(value.strip()).hostname or ""
            if host:
                return host.removeprefix("www.")
    return f"Article {number}"


def _unique_labels(names: list[str]) -> list[str]:
    totals: dict[str, int] = {}
    for name in names:
        totals[name.casefold()] = totals.get(name.casefold(), 0) + 1
    seen: dict[str, int] = {}
    labels = []
    for name in names:
        key = name.casefold()
        seen[key] = seen.get(key, 0) + 1
        labels.append(f"{name} ({seen[key]})" if totals[key] > 1 else name)
    return labels


def _words(raw: dict) -> int | None:
    value = raw.get("words")
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return int(value)


def _build_articles(doc: dict) -> list[ArticleView]:
    raws = [a for a in _list(doc.get("articles")) if isinstance(a, dict)]
    names = [_outlet_name(raw, i + 1) for i, raw in enumerate(raws)]
    articles = []
    for i, (raw, name, label) in enumerate(zip(raws, names, _unique_labels(names))):
        raw_url = clean_text(raw.get("url"))
        articles.append(
            ArticleView(
                id=str(raw.get("id") if raw.get("id") is not None else f"article-{i + 1}"),
                number=i + 1,
                label=label,
                outlet=name,
                title=clean_text(raw.get("title")) or "(untitled)",
                url=safe_url(raw.get("url")),
                raw_url=raw_url,
                published=short_date(raw.get("published")),
                words=_words(raw),
                language=clean_text(raw.get("language")),
            )
        )
    return articles


def _fact_kind(raw: dict, reporters: int, total: int) -> str:
    kind = raw.get("kind")
    if kind in FACT_KINDS:
        return kind
    if total and reporters >= total:
        return "consensus"
    return "partial" if reporters > 1 else "unique"


def _build_facts(doc: dict, report_articles: list[ArticleView]) -> list[FactView]:
    by_id = {a.id: a for a in report_articles}
    facts = []
    for i, raw in enumerate(f for f in _list(doc.get("facts")) if isinstance(f, dict)):
        reporter_ids = [str(x) for x in _list(raw.get("reported_by"))]
        reported_by = [a for a in report_articles if a.id in reporter_ids]
        evidence = []
        for ev in _list(raw.get("evidence")):
            if not isinstance(ev, dict):
                continue
            sentence = ev.get("sentence")
            evidence.append(
                EvidenceView(
                    article=by_id.get(str(ev.get("article"))),
                    sentence=sentence if isinstance(sentence, int) and not isinstance(sentence, bool) else None,
                    text=clean_text(ev.get("text")),
                )
            )
        evidence.sort(key=lambda e: (e.article.number if e.article else 10**6, e.sentence or 0))
        text = clean_text(raw.get("text")) or next((e.text for e in evidence if e.text), "")
        facts.append(
            FactView(
                id=clean_text(raw.get("id")) or f"F{i + 1}",
                number=i + 1,
                text=text,
                kind=_fact_kind(raw, len(reported_by), len(report_articles)),
                reported_by=reported_by,
                evidence=evidence,
            )
        )
    return facts


def _paragraph_break(text: str, previous_end: int | None, start: Any) -> bool:
    if previous_end is None or not isinstance(start, int) or start < previous_end:
        return False
    return "\n" in text[previous_end:start]


def _attach_sentences(doc: dict, articles: list[ArticleView], facts: list[FactView]) -> None:
    kind_of = {f.id: f.kind for f in facts}
    raws = [a for a in _list(doc.get("articles")) if isinstance(a, dict)]
    for article, raw in zip(articles, raws):
        text = raw.get("text") if isinstance(raw.get("text"), str) else ""
        raw_sentences = [s for s in _list(raw.get("sentences")) if isinstance(s, dict)]
        if raw_sentences:
            previous_end = None
            for position, s in enumerate(raw_sentences):
                fact = clean_text(s.get("fact")) or None
                article.sentences.append(
                    SentenceView(
                        index=s.get("index") if isinstance(s.get("index"), int) else position,
                        text=clean_text(s.get("text")),
                        fact=fact,
                        kind=kind_of.get(fact, "none") if fact else "none",
                        paragraph_break=_paragraph_break(text, previous_end, s.get("start")),
                    )
                )
                end = s.get("end")
                previous_end = end if isinstance(end, int) else previous_end
            article.text_source = "sentences"
        elif text.strip():
            for position, paragraph in enumerate(p for p in re.split(r"\n\s*\n", text) if p.strip()):
                article.sentences.append(
                    SentenceView(position, clean_text(paragraph), None, "none", paragraph_break=position > 0)
                )
            article.text_source = "text"
        else:
            excerpts = [
                (ev.sentence if ev.sentence is not None else 10**6, ev.text, fact)
                for fact in facts
                for ev in fact.evidence
                if ev.article is article and ev.text
            ]
            for position, (index, sentence_text, fact) in enumerate(sorted(excerpts, key=lambda e: e[0])):
                article.sentences.append(
                    SentenceView(index if index != 10**6 else position, sentence_text, fact.id, fact.kind)
                )
            article.text_source = "evidence" if excerpts else "none"
        article.facts_reported = sum(1 for f in facts if f.reports(article))


def _build_omissions(doc: dict, articles: list[ArticleView], facts: list[FactView]) -> list[OutletOmissions]:
    fact_by_id = {f.id: f for f in facts}
    per_article: dict[str, list[OmissionView]] = {a.id: [] for a in articles}
    for raw in _list(doc.get("omissions")):
        if not isinstance(raw, dict) or str(raw.get("article")) not in per_article:
            continue
        fact_ref = raw.get("fact")
        if isinstance(fact_ref, dict):
            fact_id, fallback = clean_text(fact_ref.get("id")), clean_text(fact_ref.get("text"))
        else:
            fact_id, fallback = clean_text(fact_ref), ""
        fact = fact_by_id.get(fact_id)
        others = raw.get("reported_by_others")
        if isinstance(others, bool) or not isinstance(others, int):
            others = len(fact.reported_by) if fact else 0
        nearest = raw.get("nearest")
        nearest_text = clean_text(nearest.get("text")) if isinstance(nearest, dict) else ""
        per_article[str(raw.get("article"))].append(
            OmissionView(fact, fact_id, fact.text if fact else (fallback or fact_id), others, nearest_text)
        )
    result = []
    for article in articles:
        article.omissions = len(per_article[article.id])
        if per_article[article.id]:
            result.append(OutletOmissions(article, per_article[article.id]))
    return result


def find_sentence(article: ArticleView | None, claim_text: str) -> SentenceView | None:
    if article is None or not claim_text:
        return None
    wanted = _normalised_words(claim_text)
    if not wanted:
        return None
    for sentence in article.sentences:
        have = _normalised_words(sentence.text)
        if have and (wanted == have or wanted in have or (len(have) > 20 and have in wanted)):
            return sentence
    return None


def _sentence_at(article: ArticleView | None, index: Any) -> SentenceView | None:
    if article is None or not isinstance(index, int) or isinstance(index, bool):
        return None
    return next((s for s in article.sentences if s.index == index), None)


def _label(report_articles: dict[str, ArticleView], article_id: Any) -> tuple[ArticleView | None, str]:
    article = report_articles.get(str(article_id))
    return article, article.label if article else (clean_text(article_id) or "unknown article")


def _build_conflicts(doc: dict, by_id: dict[str, ArticleView]) -> list[ConflictView]:
    conflicts = []
    for raw in _list(doc.get("conflicts")):
        if not isinstance(raw, dict):
            continue
        claims = []
        for claim in _list(raw.get("claims")):
            if not isinstance(claim, dict):
                continue
            article, label = _label(by_id, claim.get("article"))
            text = clean_text(claim.get("text"))
            sentence = _sentence_at(article, claim.get("sentence")) or find_sentence(article, text)
            claims.append(
                ClaimView(
                    article=article,
                    label=label,
                    text=text,
                    value=clean_text(claim.get("value")),
                    fact=sentence.fact if sentence else None,
                    sentence=sentence.index if sentence else None,
                )
            )
        claims.sort(key=lambda c: c.article.number if c.article else 10**6)
        kind = clean_text(raw.get("kind")) or "other"
        summary = clean_text(raw.get("summary")) or " vs ".join(c.value for c in claims if c.value)
        conflicts.append(ConflictView(kind=kind, summary=summary, claims=claims))
    return conflicts


def _given_group_flags(doc: dict) -> dict[str, dict]:
    """`quote_groups` (an optional extra of the compare stage): its own wording/speaker flags, by group id."""
    return {f"g:{g['id']}": g for g in _list(doc.get("quote_groups")) if isinstance(g, dict) and g.get("id") is not None}


def _build_quote_groups(doc: dict, by_id: dict[str, ArticleView]) -> list[QuoteGroupView]:
    given = _given_group_flags(doc)
    groups: dict[str, list[QuoteView]] = {}
    for i, raw in enumerate(q for q in _list(doc.get("quotes")) if isinstance(q, dict)):
        key = f"g:{raw['group']}" if raw.get("group") is not None else f"q:{i}"
        article, label = _label(by_id, raw.get("article"))
        groups.setdefault(key, []).append(
            QuoteView(
                article=article,
                label=label,
                speaker=clean_text(raw.get("speaker")),
                text=clean_text(raw.get("text")),
                kind=clean_text(raw.get("kind")),
                verb=clean_text(raw.get("verb")),
                speaker_phrase=clean_text(raw.get("speaker_phrase")),
            )
        )
    ordered = sorted(groups.items(), key=lambda kv: -len({q.label for q in kv[1]}))  # stable: keeps first-seen order
    result = []
    for position, (key, quotes) in enumerate(ordered, start=1):
        number = _group_number(key) or position  # the document's own "Q5" where it gives one
        quotes.sort(key=lambda q: q.article.number if q.article else 10**6)
        # one speaker spelt two ways ("Kazemi-Qomi", "Kazemi Qomi") is shown once
        by_key: dict[str, str] = {}
        for q in quotes:
            if q.speaker:
                by_key.setdefault(_normalised_words(q.speaker), q.speaker)
        speakers = list(by_key.values())
        wordings = {_normalised_words(q.text) for q in quotes}
        flags = given.get(key, {})
        wording_changed = len(quotes) > 1 and len(wordings) > 1
        speaker_changed = len({s.casefold() for s in speakers}) > 1
        result.append(
            QuoteGroupView(
                number=number,
                speakers=speakers,
                quotes=quotes,
                wording_changed=bool(flags.get("wording_changed", wording_changed)),
                speaker_changed=bool(flags.get("speaker_changed", speaker_changed)),
            )
        )
    return result


def _group_number(key: str) -> int | None:
    match = re.fullmatch(r"g:Q(\d+)", key)
    return int(match.group(1)) if match else None


def _build_framing(doc: dict, by_id: dict[str, ArticleView]) -> list[FramingView]:
    framing = []
    for raw in _list(doc.get("framing")):
        if not isinstance(raw, dict) or str(raw.get("article")) not in by_id:
            continue
        terms = []
        for term in _list(raw.get("loaded_terms")):
            if isinstance(term, dict):
                terms.append(LoadedTermView(clean_text(term.get("term")), clean_text(term.get("target"))))
            elif term is not None:
                terms.append(LoadedTermView(clean_text(term), ""))
        labels: dict[str, list[str]] = {}
        for item in _list(raw.get("actor_labels")):
            if isinstance(item, dict) and clean_text(item.get("label")):
                actor = clean_text(item.get("actor")) or "?"
                if clean_text(item.get("label")) not in labels.setdefault(actor, []):
                    labels[actor].append(clean_text(item.get("label")))
        verbs = _dict(raw.get("reporting_verbs"))
        counts = {}
        for stance in STANCES:
            value = verbs.get(stance)
            counts[stance] = value if isinstance(value, int) and not isinstance(value, bool) else 0
        examples = []
        for example in _list(verbs.get("examples")):
            if isinstance(example, dict):
                verb = clean_text(example.get("verb") or example.get("lemma"))
                stance, speaker = clean_text(example.get("stance")), clean_text(example.get("speaker"))
            else:
                verb, stance, speaker = clean_text(example), "", ""
            if verb:
                examples.append(VerbExampleView(verb, stance, speaker))
        framing.append(
            FramingView(
                article=by_id[str(raw.get("article"))],
                loaded_terms=[t for t in terms if t.term],
                actor_labels=[ActorLabelsView(actor, ls) for actor, ls in labels.items()],
                verb_counts=counts,
                verb_examples=examples,
            )
        )
    framing.sort(key=lambda f: f.article.number)
    return framing


def _build_lineage(doc: dict, by_id: dict[str, ArticleView]) -> LineageView:
    raw = _dict(doc.get("lineage"))
    nodes: dict[str, LineageNode] = {}
    original_key = clean_text(raw.get("original")) or None

    def node(key: Any) -> LineageNode:
        key = clean_text(key) or "?"
        if key not in nodes:
            article = by_id.get(key)
            nodes[key] = LineageNode(key, article.label if article else key, article, key == original_key)
        return nodes[key]

    original = node(original_key) if original_key else None
    edges = []
    for edge in _list(raw.get("edges")):
        if isinstance(edge, dict):
            edges.append(
                LineageEdge(
                    source=node(edge.get("from")),
                    target=node(edge.get("to")),
                    kind=clean_text(edge.get("kind")) or "related",
                    reuse=percent(edge.get("reuse")),
                )
            )
    return LineageView(original=original, nodes=list(nodes.values()), edges=edges,
                       reason=clean_text(raw.get("reason")))


def _build_summary(doc: dict, by_id: dict[str, ArticleView], total: int) -> list[SummarySentenceView]:
    summary = []
    copies = frozenset(str(e.get("to")) for e in _list(_dict(doc.get("lineage")).get("edges"))
                       if isinstance(e, dict) and e.get("kind") == "copy")
    for raw in _list(doc.get("summary")):
        disputed: list[str] = []
        single = None  # the document's own call (it knows which articles are copies), else one outlet name
        if isinstance(raw, dict):
            single = raw.get("single_source") if isinstance(raw.get("single_source"), bool) else None
            text, source_ids = clean_text(raw.get("text")), [str(s) for s in _list(raw.get("sources"))]
            fact = clean_text(raw.get("fact")) or None
            disputed = [d for d in (clean_text(x) for x in _list(raw.get("disputed"))) if d]
        else:
            text, source_ids, fact = clean_text(raw), [], None
        sources = sorted({by_id[s].number: by_id[s] for s in source_ids if s in by_id}.values(), key=lambda a: a.number)
        if text:
            outlets = {a.outlet.casefold() for a in sources}
            single_outlet = (len(outlets) == 1 if single is None else single) and total > 1 and bool(sources)
            summary.append(SummarySentenceView(text, sources, single_outlet, fact, disputed, copies))
    return summary


def _title(doc: dict, articles: list[ArticleView]) -> tuple[str, str]:
    story = _dict(doc.get("story"))
    title = clean_text(story.get("title")) or clean_text(doc.get("title"))
    if not title and articles:
        title = articles[0].title if articles[0].title != "(untitled)" else ""
    return title or "Comparison", clean_text(story.get("id"))


def _copy_groups(doc: dict) -> dict[str, str]:
    """Article id -> its copy group (an original and the articles that copy it, following chains)."""
    parent: dict[str, str] = {}

    def root(a: str) -> str:
        while parent.get(a, a) != a:
            a = parent[a]
        return a

    for edge in _list(_dict(doc.get("lineage")).get("edges")):
        if isinstance(edge, dict) and edge.get("kind") == "copy":
            a, b = root(str(edge.get("from"))), root(str(edge.get("to")))
            if a != b:
                parent[b] = a
    return {a: root(a) for a in parent}


def _attach_other_wording(doc: dict, summary: list[SummarySentenceView], facts: list[FactView]) -> None:
    """For a sentence one outlet supports: the independent articles (not a copy of a cited one, nor its original)
    that report the same fact in words that do not support this wording."""
    groups = _copy_groups(doc)
    facts_by_id = {f.id: f for f in facts}
    for sentence in summary:
        fact = facts_by_id.get(sentence.fact or "")
        if fact is not None and sentence.single_outlet:
            cited = {groups.get(a.id, a.id) for a in sentence.sources}
            sentence.other_wording = [a for a in fact.reported_by if groups.get(a.id, a.id) not in cited]


def build_report(comparison: dict) -> Report:
    """The comparison document as the view objects every renderer lays out."""
    doc = comparison if isinstance(comparison, dict) else {}
    articles = _build_articles(doc)
    by_id = {a.id: a for a in articles}
    facts = _build_facts(doc, articles)
    _attach_sentences(doc, articles, facts)
    title, story_id = _title(doc, articles)
    summary = _build_summary(doc, by_id, len(articles))
    _attach_other_wording(doc, summary, facts)
    return Report(
        title=title,
        story_id=story_id,
        articles=articles,
        facts=facts,
        omissions=_build_omissions(doc, articles, facts),
        conflicts=_build_conflicts(doc, by_id),
        quote_groups=_build_quote_groups(doc, by_id),
        framing=_build_framing(doc, by_id),
        lineage=_build_lineage(doc, by_id),
        summary=summary,
        schema=clean_text(doc.get("schema")),
        warnings=[clean_text(w) for w in doc.get("warnings") or [] if isinstance(w, str)],
    )
