"""Search: full-text (the store's FTS) plus semantic search over stored sentence embeddings, grouped by story.

The semantic side keeps one float32 matrix of every stored sentence vector in memory (rows are
L2-normalised, so a matrix-vector product gives cosine similarities). It is built on first use and rebuilt
when the number of stored articles changes; the query is embedded with the same sentence encoder the
analysis used.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..store import Store

SCHEMA = "newsprism.search/1"
MIN_SIMILARITY = 0.35  # cosine below this is rarely the same topic for MiniLM sentence vectors
SNIPPET_CHARS = 220


@dataclass
class SentenceRows:
    matrix: np.ndarray  # (n, dim) float32
    article_ids: list[str]
    sentence_index: list[int]
    sentence_text: list[str]


class SemanticIndex:
    """Every stored sentence vector as one matrix, refreshed when the article count changes."""

    def __init__(self):
        self._rows: SentenceRows | None = None
        self._count = -1
        self._lock = threading.Lock()

    def rows(self, store: Store) -> SentenceRows:
        count = store.count_articles()
        with self._lock:
            if self._rows is None or count != self._count:
                self._rows = self._build(store)
                self._count = count
            return self._rows

    @staticmethod
    def _build(store: Store) -> SentenceRows:
        blocks, ids, indexes, texts = [], [], [], []
        for article in store.articles():
            analysis = store.get_analysis(article.id, embeddings=True)
            if analysis is None or analysis.sentence_embeddings is None:
                continue
            vectors = np.asarray(analysis.sentence_embeddings, dtype=np.float32)
            sentences = analysis.sentences[: len(vectors)]
            if not sentences:
                continue
            blocks.append(vectors[: len(sentences)])
            ids += [article.id] * len(sentences)
            indexes += [s.index for s in sentences]
            texts += [s.text for s in sentences]
        matrix = np.vstack(blocks) if blocks else np.zeros((0, 1), dtype=np.float32)
        return SentenceRows(matrix, ids, indexes, texts)

    def search(self, store: Store, query: str, limit: int = 20) -> list[dict[str, Any]]:
        """The best sentence of each article that is close in meaning to the query, best first."""
        rows = self.rows(store)
        if not len(rows.article_ids):
            return []
        from ..analyze.models import sentence_encoder

        vector = sentence_encoder().encode([query])[0]
        if vector.shape[0] != rows.matrix.shape[1]:
            return []
        scores = rows.matrix @ vector
        order = np.argsort(-scores)[: max(limit * 8, 50)]
        best: dict[str, dict[str, Any]] = {}
        for i in order:
            score = float(scores[i])
            if score < MIN_SIMILARITY:
                break
            article_id = rows.article_ids[i]
            if article_id not in best:
                best[article_id] = {"article": article_id, "score": round(score, 3),
                                    "sentence": {"index": rows.sentence_index[i], "text": rows.sentence_text[i]}}
            if len(best) >= limit:
                break
        return list(best.values())


def snippet(text: str, query: str, width: int = SNIPPET_CHARS) -> str:
    """A window of the text around the first query word found, with ellipses where it was cut."""
    words = [w for w in re.findall(r"\w+", query.lower()) if w]
    lowered = text.lower()
    positions = [p for p in (lowered.find(w) for w in words) if p >= 0]
    if not positions:
        start = 0
    else:
        start = max(0, min(positions) - width // 3)
    end = min(len(text), start + width)
    piece = " ".join(text[start:end].split())
    return ("…" if start > 0 else "") + piece + ("…" if end < len(text) else "")


def search(store: Store, index: SemanticIndex | None, query: str, limit: int = 20) -> dict[str, Any]:
    """The `newsprism.search/1` document: text and semantic hits, grouped by the story they belong to."""
    query = " ".join(query.split())
    hits: dict[str, dict[str, Any]] = {}
    notes: list[str] = []
    for article_id, score in store.search_articles(query, limit=limit) if query else []:
        hits[article_id] = {"article": article_id, "text_score": round(score, 3), "semantic_score": None,
                            "sentence": None}
    semantic = False
    if query and index is not None:
        try:
            found = index.search(store, query, limit=limit)
            semantic = True
        except Exception as exc:  # the encoder's model files may be missing; text search still answers
            found = []
            notes.append(f"semantic search unavailable: {exc.__class__.__name__}: {str(exc).splitlines()[0][:200]}")
        for hit in found:
            entry = hits.setdefault(hit["article"], {"article": hit["article"], "text_score": None,
                                                     "semantic_score": None, "sentence": None})
            entry["semantic_score"] = hit["score"]
            entry["sentence"] = hit["sentence"]
    groups: dict[str | None, dict[str, Any]] = {}
    for article_id, hit in hits.items():
        article = store.get_article(article_id)
        story_id = store.story_of(article_id)
        group = groups.get(story_id)
        if group is None:
            story = store.get_story(story_id) if story_id else None
            group = groups[story_id] = {
                "story": {"id": story.id, "title": story.title} if story else None,
                "score": 0.0,
                "hits": [],
            }
        hit["article"] = article.to_json()
        hit["match"] = ("both" if hit["text_score"] is not None and hit["semantic_score"] is not None
                        else "text" if hit["text_score"] is not None else "semantic")
        hit["snippet"] = hit["sentence"]["text"] if hit["sentence"] else snippet(article.text, query)
        group["hits"].append(hit)
        group["score"] = max(group["score"], _rank(hit))
    ordered = sorted(groups.values(), key=lambda g: -g["score"])
    for group in ordered:
        group["hits"].sort(key=lambda h: -_rank(h))
        group["score"] = round(group["score"], 3)
    return {"schema": SCHEMA, "query": query, "semantic": semantic, "notes": notes,
            "count": len(hits), "groups": ordered}


def _rank(hit: dict[str, Any]) -> float:
    """Text hits first (every word occurs), then by meaning; a hit found both ways ranks highest."""
    return (1.0 if hit["text_score"] is not None else 0.0) + (hit["semantic_score"] or 0.0)
