"""Ingest over the API: one JSON article (or a list), an uploaded file, or `{"url": …}` to fetch.

Everything goes through the ingest stage's own readers and fetcher (which refuses private, loopback and
link-local addresses unless `settings.allow_private`), then the pipeline's public analyse → store → group
calls, so an article stored over the API is stored exactly as `newsprism ingest` would store it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from ..errors import InputError
from ..ingest import read_inputs
from ..ingest.formats import Payload, format_for_path, parse_payload
from ..model import AnalyzedArticle, Article, IngestResult
from ..pipeline import analyze_many, group_articles
from ..settings import Settings
from ..store import Store

SCHEMA = "newsprism.ingest/1"
API_SOURCE = "api"


class BadInput(ValueError):
    """The request cannot be read as an article; the message is one line for the client."""


def read_json_request(body: bytes, settings: Settings) -> list[Article | InputError]:
    """A JSON body: `{"url": "https://…"}` fetches that page; anything else is read as article record(s)."""
    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BadInput(f"the body is not valid JSON ({exc.__class__.__name__}: {str(exc).splitlines()[0]})")
    if isinstance(data, dict) and "url" in data and not any(k in data for k in ("text", "body", "content")):
        url = data["url"]
        if not isinstance(url, str) or not url.lower().startswith(("http://", "https://")):
            raise BadInput('"url" must be an http:// or https:// URL')
        return list(read_inputs([url], settings))
    if not isinstance(data, (dict, list)) or not data:
        raise BadInput("send a JSON article object (with a text field), a list of them, or {\"url\": …}")
    return list(parse_payload(Payload(API_SOURCE, body, "json"), settings))


def read_upload(filename: str | None, data: bytes, settings: Settings) -> list[Article | InputError]:
    """An uploaded file in any format `newsprism ingest` reads; the format comes from its name or is sniffed."""
    name = (filename or "upload").replace("\\", "/").rsplit("/", 1)[-1] or "upload"
    if not data.strip():
        raise BadInput(f"the uploaded file {name!r} is empty")
    return list(parse_payload(Payload(f"{API_SOURCE}:{name}", data, format_for_path(name)), settings))


def store_articles(items: Iterable[Article | InputError], store: Store, settings: Settings) -> list[IngestResult]:
    """Analyse the new articles in one batch, store each with its analysis, then group them into stories."""
    results: list[IngestResult] = []
    fresh: dict[str, Article] = {}
    for item in items:
        if isinstance(item, InputError):
            results.append(IngestResult(source=item.source, status="rejected", reason=item.reason))
        elif store.has_article(item.id) or item.id in fresh:
            results.append(IngestResult(source=item.source, status="present", article_id=item.id))
        else:
            fresh[item.id] = item
    articles = list(fresh.values())
    analyses = analyze_many(articles, settings) if articles else []
    stored = []
    for article, analysis in zip(articles, analyses):
        status = store.add_article(article, analysis)
        results.append(IngestResult(source=article.source, status=status, article_id=article.id))
        if status != "present":
            stored.append(AnalyzedArticle(article, analysis))
    if stored:
        group_articles(stored, store, settings)
    return results


def ingest_document(results: list[IngestResult], store: Store) -> dict[str, Any]:
    """The response: every input's outcome with its story, and the first stored one's at the top level."""
    rows = []
    for r in results:
        rows.append({
            "source": r.source,
            "status": r.status,
            "id": r.article_id,
            "story": store.story_of(r.article_id) if r.article_id else None,
            "reason": r.reason,
        })
    first = next((row for row in rows if row["status"] != "rejected"), rows[0] if rows else {})
    return {"schema": SCHEMA, "status": first.get("status"), "id": first.get("id"), "story": first.get("story"),
            "results": rows}
