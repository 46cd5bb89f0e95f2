"""STORY documents for the CLI and the API, exactly as ../shared/CONTRACTS.md promises."""

from __future__ import annotations

from typing import Any

from ..model import Story
from ..store.base import Store

STORIES_SCHEMA = "newsprism.stories/1"


def story_to_json(story: Story, store: Store) -> dict[str, Any]:
    """One STORY: its articles (ARTICLE dicts, oldest first), independent outlets, dates and copies."""
    articles = list(store.articles(story.article_ids))
    copies = {c.article: c for c in story.copies}
    outlets: list[str] = []
    copy_outlets: list[str] = []
    for article in articles:
        name = article.outlet
        if not name:
            continue
        target = copy_outlets if article.id in copies else outlets
        if name not in target:
            target.append(name)
    dates = sorted(a.published for a in articles if a.published)
    return {
        "id": story.id,
        "title": story.title,
        "articles": [a.to_json() for a in articles],
        "outlets": outlets,
        "copy_outlets": [o for o in copy_outlets if o not in outlets],
        "first_published": dates[0] if dates else None,
        "last_published": dates[-1] if dates else None,
        "copies": [{"article": c.article, "copy_of": c.copy_of, "reuse": c.reuse} for c in story.copies],
    }


def stories_to_json(store: Store) -> dict[str, Any]:
    """The `newsprism stories --json` document: live stories, newest first."""
    return {"schema": STORIES_SCHEMA, "stories": [story_to_json(s, store) for s in store.stories()]}


def story_document(story_id: str, store: Store) -> dict[str, Any]:
    """The `newsprism story ID --json` document (an old, merged id resolves to its successor)."""
    story = store.get_story(story_id)
    return {"schema": "newsprism.story/1", "requested": story_id, "story": story_to_json(story, store)}
