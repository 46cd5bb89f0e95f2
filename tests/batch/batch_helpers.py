"""Helpers shared by the batch tests."""

from __future__ import annotations


def snapshot(store, summary=None) -> dict:
    """Everything a run decides: articles (order, revisions), analyses, stories with copies, and each input's
    status (the batch run reports rejected and present inputs sooner, so statuses are compared as a set)."""
    articles = list(store.articles())
    return {
        "articles": [(a.id, a.source, a.revision_of) for a in articles],
        "analyses": {a.id: store.get_analysis(a.id, embeddings=False).to_json() for a in articles},
        "stories": [(s.id, s.title, s.article_ids, [(c.article, c.copy_of) for c in s.copies])
                    for s in store.stories()],
        "statuses": None if summary is None else sorted(
            (r.source, r.status, r.article_id or "") for r in summary.results
        ),
    }
