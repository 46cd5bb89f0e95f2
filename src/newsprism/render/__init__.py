"""The render stage: the comparison document (and article and story listings) as terminal, Markdown and HTML.

Every renderer takes the plain dicts that the `--json` commands print, so every view tells the same story.
"""

from .html import content_security_policy, render_html, render_html_body, report_assets
from .markdown import render_markdown
from .terminal import (
    render_analysis,
    render_article,
    render_articles_table,
    render_stories_table,
    render_story,
    render_terminal,
)

__all__ = [
    "render_terminal",
    "render_markdown",
    "render_html",
    "render_html_body",
    "content_security_policy",
    "report_assets",
    "render_articles_table",
    "render_stories_table",
    "render_analysis",
    "render_article",
    "render_story",
]
