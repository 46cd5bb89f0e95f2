"""Plain text (.txt) and Markdown (.md) articles: one file, one article.

Markdown may open with a front-matter block (`---` … `---`, simple `key: value` lines) naming the title,
date, outlet or URL; a leading `# Heading` is the title. Markdown markup is reduced to plain text.
"""

from __future__ import annotations

import re

from ..model import Article
from .assemble import Found, build_article
from .records import pick_fields

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?P<body>.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_FRONT_MATTER_LINE = re.compile(r"^(?P<key>[A-Za-z_][\w-]*)\s*:\s*(?P<value>.*?)\s*$")
_HEADING = re.compile(r"^#{1,6}\s+(?P<text>.+?)\s*#*\s*$", re.MULTILINE)
_SETEXT_RULE = re.compile(r"^(?:=+|-+)\s*$", re.MULTILINE)
_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_LINK = re.compile(r"\[(?P<text>[^\]]+)\]\([^)]*\)")
_EMPHASIS = re.compile(r"(\*{1,3}|_{2,3})(?P<text>\S.*?\S|\S)\1")
_LIST_MARKER = re.compile(r"^[ \t]*(?:[-*+]|>)[ \t]+", re.MULTILINE)
_CODE_FENCE = re.compile(r"^```.*$", re.MULTILINE)


def parse_text(text: str, source: str, url: str | None = None) -> Article:
    return build_article(text, source, Found(url=url), infer_title=True)


def parse_markdown(text: str, source: str, url: str | None = None) -> Article:
    found = Found(url=url, origin="front matter")
    text = text.replace("\r\n", "\n")
    front = _FRONT_MATTER.match(text)
    if front:
        found = _front_matter(front["body"], url)
        text = text[front.end() :]
    heading = _HEADING.match(text.lstrip())
    if heading and not found.title:
        found.title = heading["text"]
        found.origin_of["title"] = "heading"
        text = text.lstrip()[heading.end() :]
    return build_article(markdown_to_text(text), source, found, infer_title=not found.title)


def markdown_to_text(text: str) -> str:
    text = _CODE_FENCE.sub("", text)
    text = _IMAGE.sub("", text)
    text = _LINK.sub(lambda m: m["text"], text)
    text = _HEADING.sub(lambda m: m["text"], text)
    text = _SETEXT_RULE.sub("", text)
    text = _EMPHASIS.sub(lambda m: m["text"], text)
    return _LIST_MARKER.sub("", text)


def _front_matter(body: str, url: str | None) -> Found:
    values = {}
    for line in body.split("\n"):
        match = _FRONT_MATTER_LINE.match(line)
        if match and match["value"]:
            values[match["key"]] = match["value"].strip("\"'")
    fields = pick_fields(values)
    return Found(
        title=fields.get("title"),
        url=fields.get("url") or url,
        published=fields.get("published"),
        outlet=fields.get("outlet"),
        origin="front matter",
    )
