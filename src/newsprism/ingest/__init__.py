"""Ingest: every input newsprism accepts, read into `Article` objects.

`read_inputs` takes file paths, directories (recursive), http(s) URLs and "-" for standard input. Formats:
plain text and Markdown, HTML pages (main text via trafilatura), JSON (an object or a list), JSON Lines, CSV,
and RSS/Atom feeds. Bad inputs become `InputError`s with a one-line reason; they never stop the batch.

`Article.source` is the path or URL exactly as given (a file found inside a given directory is named by
joining the two). An article from inside a container is named `<path>#<n>`: n is the 1-based position in a
JSON list, the line number in a JSON Lines file, the data-row number in a CSV file (header excluded), or the
entry number in a feed. A rejected record is reported against its container with its position, e.g.
`InputError("data.jsonl", "line 7: no text field …")`.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from typing import BinaryIO

from ..errors import InputError
from ..model import Article
from ..settings import Settings
from .fetch import is_url
from .formats import Payload, parse_payload
from .identity import article_id
from .sources import read_path, read_stdin, read_url

__all__ = ["read_inputs", "article_id"]


def read_inputs(
    inputs: list[str], settings: Settings, stdin: BinaryIO | None = None
) -> Iterator[Article | InputError]:
    """One Article per article found and one InputError per rejected input or record, input by input."""
    for given in inputs:
        for item in _guarded(given, _read_input(given, settings, stdin)):
            yield _one_line(item) if isinstance(item, InputError) else item


def _read_input(given: str, settings: Settings, stdin: BinaryIO | None) -> Iterator[Article | InputError]:
    for payload in _payloads(given, settings, stdin):
        if isinstance(payload, InputError):
            yield payload
            continue
        articles = _guarded(payload.source, parse_payload(payload, settings))
        redirected = payload.final_url and payload.final_url != payload.url
        yield from _noting_final_url(articles, payload.final_url) if redirected else articles


def _payloads(given: str, settings: Settings, stdin: BinaryIO | None) -> Iterable[Payload | InputError]:
    if given == "-":
        return [read_stdin(stdin or sys.stdin.buffer, settings)]
    if is_url(given):
        return [read_url(given, settings)]
    return read_path(given, settings)


def _noting_final_url(items: Iterator[Article | InputError], final_url: str) -> Iterator[Article | InputError]:
    for item in items:
        if isinstance(item, Article):
            item.meta["final_url"] = final_url
        yield item


def _one_line(error: InputError) -> InputError:
    """Reasons are printed one per line on stderr: fold any line breaks a library put in a message."""
    if "\n" not in error.reason and "\r" not in error.reason:
        return error
    return type(error)(error.source, " ".join(error.reason.split()))


def _guarded(source: str, items: Iterator[Article | InputError]) -> Iterator[Article | InputError]:
    """Turn any failure while reading one input into an InputError for it, so the batch goes on."""
    try:
        yield from items
    except InputError as exc:
        yield exc
    except Exception as exc:  # a parser's unforeseen failure on odd input must not end the batch
        yield InputError(source, f"could not be read ({type(exc).__name__}: {exc})")
