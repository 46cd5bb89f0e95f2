"""The stories stage: which articles report the same story, and which are copies of each other.

`StoryGrouper.add()` assigns articles as they arrive; `regroup()` rebuilds every story from scratch and gives
the same grouping. `find_copies()` marks near-duplicates and wire copies; `article_similarity()` is the
calibrated 0..1 "same story" score. See docs/stories.md.
"""

from .copies import find_copies, sentence_reuse
from .grouper import StoryGrouper, regroup
from .output import STORIES_SCHEMA, stories_to_json, story_document, story_to_json
from .similarity import article_similarity

__all__ = [
    "STORIES_SCHEMA",
    "StoryGrouper",
    "article_similarity",
    "find_copies",
    "regroup",
    "sentence_reuse",
    "stories_to_json",
    "story_document",
    "story_to_json",
]
