"""Near-duplicates and wire copies: MinHash candidates, confirmed by sentence-level reuse.

A copy reuses most of another article's sentences (near-identical sentence embeddings or word shingles).
`copy_of` is the original (`originality`): the article whose outlet the other credits as its source (byline,
author or dateline: a reprint bylined "Tri-County Press Agency" or datelined "(TCPA)" copies that agency's
report); else the earlier publication time (days only when either has no time); else the one with an
agency/wire dateline or byline credit ("VELMORA, March 12 (Coastline Wire) -", "(Reuters) -", "By Jane Doe,
AP"); then the more complete text; then the first ingested. A copy is never counted as an independent outlet.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

import numpy as np

from ..model import AnalyzedArticle, Copy
from . import minhash

SENTENCE_COSINE = 0.9  # two sentences are "the same sentence" above this embedding cosine
SENTENCE_SHINGLE = 0.6  # ...or above this word-shingle Jaccard
COPY_REUSE = 0.6  # a copy has at least this share of its sentences in the original
COPY_JACCARD = 0.5  # ...or this whole-text shingle Jaccard
MIN_SENTENCE_WORDS = 4


def chronological_key(item: AnalyzedArticle) -> tuple:
    """Sort key for "which came first": published, then ingested, then id (undated articles last)."""
    a = item.article
    return (a.published is None, published_key(a.published), a.ingested_at is None, a.ingested_at or "", a.id)


def published_key(value: str | None) -> str:
    """An ISO date or datetime as a sortable UTC string ("2025-03-12T09:05:00"); date-only values sort at the
    start of their day; unparseable values sort as written."""
    if not value:
        return ""
    from datetime import datetime, timezone

    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return value
    if moment.tzinfo is not None:
        moment = moment.astimezone(timezone.utc).replace(tzinfo=None)
    return moment.isoformat(timespec="seconds")


# "VELMORA, March 12 (Coastline Wire) - ", "LONDON (Reuters) - ", "Meridian News Agency: ", "By Jane Doe, AP"
_DATELINE = re.compile(
    r"^\s*(?:#[^\n]*\n+\s*)?"  # a Markdown title line before the dateline
    r"(?:[A-Z][A-Za-z .'\-]{1,40},?\s*(?:[A-Z][a-z]{2,9}\.?\s+\d{1,2},?\s*)?\([^()\n]{2,40}\)\s*[-–—:]"
    r"|[A-Z][A-Za-z&.' ]{1,40}\b(?:News|Press|Wire|Agency|Service|Reuters|AP|AFP|dpa|ANSA|EFE)\s*:)"
)
_CREDIT = re.compile(
    r"(?:^|\n)\s*(?:By\s+[A-Z][\w.'\-]+(?:\s+[A-Z][\w.'\-]+){0,3}\s*(?:,|\bfor\b)\s*[A-Z][\w&.' ]{1,40}"
    r"|\((?:Reuters|AP|AFP|dpa|ANSA|EFE|Bloomberg|UPI|PA|Xinhua|TASS)\)\s*[-–—])"
)


def has_wire_credit(item: AnalyzedArticle) -> bool:
    """An agency/wire dateline or a byline credit at the top of the text: the mark of an original report."""
    head = item.article.text[:400]
    return bool(_DATELINE.match(head) or _CREDIT.search(head))


def _completeness(item: AnalyzedArticle) -> int:
    return len(minhash.words(item.article.text))


def _ingested(item: AnalyzedArticle) -> tuple:
    a = item.article
    return (a.ingested_at is None, a.ingested_at or "", a.id)


def _acronym(name: str) -> str:
    return "".join(w[0] for w in re.findall(r"[A-Za-z]+", name)).upper()


def same_outlet(a: str, b: str) -> bool:
    """One outlet named two ways: equal ignoring case, or one is the other's acronym ("TCPA")."""
    na, nb = a.lower().strip(), b.lower().strip()
    if na == nb:
        return True
    return _acronym(a) == b.upper() or _acronym(b) == a.upper()


_MARK = re.compile(r"^[^()\n]{0,60}\(([A-Za-z][\w .&'-]{0,40})\)\s*[-–—:]")
_BYLINE_CREDIT = re.compile(r"(?:^|\n)\s*By\s+[A-Z][\w.'\-]+(?:\s+[A-Z][\w.'\-]+){0,3}\s*(?:,|\bfor\b)\s*"
                            r"([A-Z][\w&.' ]{1,40})")


def credited(item: AnalyzedArticle) -> list[str]:
    """Who the article says reported it: its dateline's agency, its byline's credit, the page's author."""
    head = item.article.text[:400]
    names = [m.group(1) for m in (_MARK.match(head), _BYLINE_CREDIT.search(head)) if m]
    author = (item.article.meta or {}).get("author")
    if isinstance(author, str) and author.strip():
        names.append(author.strip())
    return names


def credits_outlet_of(item: AnalyzedArticle, other: AnalyzedArticle) -> bool:
    """Does `item` credit `other`'s outlet (not its own) as the source of its report?"""
    outlet, own = other.article.outlet, item.article.outlet
    if not outlet or (own and same_outlet(own, outlet)):
        return False
    return any(same_outlet(name, outlet) for name in credited(item))


def _times(a: str, b: str) -> tuple[str, str]:
    """Comparable forms of two publication values: UTC datetimes when both give a time, else the days."""
    if "T" in a and "T" in b:
        return published_key(a), published_key(b)
    return a[:10], b[:10]


def originality(a: AnalyzedArticle, b: AnalyzedArticle) -> tuple[int, str]:
    """(-1 when `a` is the likelier original of the pair, 1 when `b` is; never 0 for two different articles), and
    what decided it: "credit" | "date" | "dateline" | "length" | "order"."""
    ca, cb = credits_outlet_of(b, a), credits_outlet_of(a, b)
    if ca != cb:
        return (-1 if ca else 1), "credit"
    pa, pb = a.article.published, b.article.published
    if pa and pb:
        ka, kb = _times(pa, pb)
        if ka != kb:
            return (-1 if ka < kb else 1), "date"
    wa, wb = has_wire_credit(a), has_wire_credit(b)
    if wa != wb:
        return (-1 if wa else 1), "dateline"
    la, lb = _completeness(a), _completeness(b)
    if la != lb:
        return (-1 if la > lb else 1), "length"
    ka, kb = _ingested(a), _ingested(b)
    return (ka > kb) - (ka < kb), "order"


def compare_originality(a: AnalyzedArticle, b: AnalyzedArticle) -> int:
    """-1 when `a` is the likelier original of the pair, 1 when `b` is (never 0 for two different articles)."""
    return originality(a, b)[0]


def originality_order(items: Sequence[AnalyzedArticle]) -> list[AnalyzedArticle]:
    """Likely originals first. Order-independent: the items are sorted by id before the pairwise rule."""
    return sorted(sorted(items, key=lambda x: x.article.id), key=functools.cmp_to_key(compare_originality))


def _sentence_texts(item: AnalyzedArticle) -> list[str]:
    if item.analysis.sentences:
        return [s.text for s in item.analysis.sentences]
    return [s for s in re.split(r"(?<=[.!?])\s+", item.article.text) if s.strip()]


def sentence_reuse(copy: AnalyzedArticle, original: AnalyzedArticle) -> float:
    """Share of the copy's (substantial) sentences that have a near-identical sentence in the original."""
    texts_a, texts_b = _sentence_texts(copy), _sentence_texts(original)
    keep = [i for i, t in enumerate(texts_a) if len(minhash.words(t)) >= MIN_SENTENCE_WORDS]
    if not keep or not texts_b:
        return 0.0
    matched = np.zeros(len(keep), dtype=bool)
    emb_a, emb_b = copy.analysis.sentence_embeddings, original.analysis.sentence_embeddings
    if (
        emb_a is not None and emb_b is not None and len(emb_a) == len(texts_a) and len(emb_b) == len(texts_b)
        and len(emb_b) and emb_a.shape[-1] == emb_b.shape[-1]
    ):
        best = (emb_a[keep] @ emb_b.T).max(axis=1)
        matched |= best >= SENTENCE_COSINE
    shingles_b = [minhash.shingles(t, 2) for t in texts_b]
    for row, i in enumerate(keep):
        if matched[row]:
            continue
        mine = minhash.shingles(texts_a[i], 2)
        matched[row] = any(len(mine & other) / max(1, len(mine | other)) >= SENTENCE_SHINGLE for other in shingles_b)
    return float(matched.mean())


def find_copies(items: Sequence[AnalyzedArticle], signatures: dict[str, np.ndarray] | None = None) -> list[Copy]:
    """Near-duplicates and wire copies among `items`: each later article copying an earlier one, at most one
    `Copy` per article (pointing at the earliest original it reuses, through chains of copies)."""
    by_id = {x.article.id: x for x in items}
    if signatures is None:
        signatures = minhash.signatures((x.article.id, x.article.text) for x in items)
    order = {x.article.id: rank for rank, x in enumerate(originality_order(items))}
    best: dict[str, Copy] = {}
    for a, b in sorted(minhash.candidate_pairs({k: signatures[k] for k in by_id})):
        later, earlier = (a, b) if compare_originality(by_id[a], by_id[b]) > 0 else (b, a)
        jac = minhash.jaccard(signatures[a], signatures[b])
        reuse = sentence_reuse(by_id[later], by_id[earlier])
        if reuse < COPY_REUSE and jac < COPY_JACCARD:
            continue
        reuse = max(reuse, jac)
        current = best.get(later)
        if current is None or (order[earlier], -reuse) < (order[current.copy_of], -current.reuse):
            best[later] = Copy(article=later, copy_of=earlier, reuse=round(reuse, 3))
    for copy in best.values():  # a copy of a copy points at the first original
        seen = {copy.article}
        while copy.copy_of in best and copy.copy_of not in seen:
            seen.add(copy.copy_of)
            copy.copy_of = best[copy.copy_of].copy_of
    return sorted(best.values(), key=lambda c: order[c.article])
