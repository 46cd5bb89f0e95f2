"""Structured records: a JSON object or list of objects (.json), JSON Lines (.jsonl), CSV (.csv, .tsv).

Fields, matched case-insensitively (the first non-empty alias wins): text|body|content, title|headline,
url|link, published|date|published_at, outlet|source_name|site|publisher, id; a NewsAPI-style
`"source": {"name": …}` also names the outlet. A JSON object holding a list of records under "articles",
"items", "data", "records", "results", "entries" or "documents" is read as that list.

Sources: an article from a one-object JSON file has the file's path as its source; records inside a container
are named `<path>#<n>`, where n is the 1-based position in a JSON list, the line number in a JSONL file, or the
data-row number (header excluded) in a CSV file. Rejected records are reported as `InputError(<path>,
"line 7: no text field")`, or "line 7: empty text (field 'body')" when the field is there but blank ("record 3: …"
for JSON lists, "row 4: …" for CSV); the other records still load.
The article id is always derived from the text (and the outlet, when known): a record's own id is kept as
`meta["record_id"]`.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator, Mapping
from typing import Any

from ..errors import InputError
from ..model import Article
from .assemble import Found, build_article
from .html import html_to_text

FIELD_ALIASES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("text", ("text", "body", "content")),
    ("title", ("title", "headline")),
    ("url", ("url", "link")),
    ("published", ("published", "date", "published_at")),
    ("outlet", ("outlet", "source_name", "site", "publisher")),
    ("id", ("id",)),
)
TEXT_ALIASES = FIELD_ALIASES[0][1]
_LIST_KEYS = ("articles", "items", "data", "records", "results", "entries", "documents")
_LOOKS_LIKE_HTML = re.compile(r"<(?:p|div|br|span|a|h[1-6]|ul|ol|li|strong|em|b|i|blockquote|figure)\b[^>]*>", re.I)
_CSV_DELIMITERS = (",", "\t", ";", "|")


def pick_fields(record: Mapping[str, Any]) -> dict[str, Any]:
    """The contract's fields from a record with any of their aliases as keys."""
    lowered = {str(key).strip().lower(): value for key, value in record.items()}
    picked: dict[str, Any] = {}
    for name, aliases in FIELD_ALIASES:
        for alias in aliases:
            value = _usable(lowered.get(alias))
            if value is not None:
                picked[name] = value
                break
    nested_source = lowered.get("source")
    if "outlet" not in picked and isinstance(nested_source, Mapping):
        name = _usable(nested_source.get("name"))
        if isinstance(name, str):
            picked["outlet"] = name
    return picked


def record_article(record: Mapping[str, Any], source: str) -> Article:
    """One record as an Article; InputError(source, "no text field") when it has no usable text."""
    fields = pick_fields(record)
    text = fields.get("text")
    if isinstance(text, list):
        text = "\n\n".join(str(part) for part in text if isinstance(part, (str, int, float)))
    if not isinstance(text, str) or not text.strip():
        present = [str(k).strip() for k in record if str(k).strip().lower() in TEXT_ALIASES]
        raw = next((record[k] for k in record if str(k).strip().lower() in TEXT_ALIASES
                    and record[k] not in (None, "")), None)
        if raw is not None and not isinstance(raw, (str, list)):
            kind = ("true/false" if isinstance(raw, bool) else "a number" if isinstance(raw, (int, float))
                    else "an object")
            raise InputError(source, f"field {present[0]!r} is not text ({kind})")
        if present:
            raise InputError(source, f"empty text (field {present[0]!r})")
        raise InputError(source, "no text field (expected one of: " + ", ".join(TEXT_ALIASES) + ")")
    if _LOOKS_LIKE_HTML.search(text):
        text = html_to_text(text)
    notes = {"record_id": str(fields["id"])} if "id" in fields else {}
    found = Found(
        title=_as_str(fields.get("title")),
        url=_as_str(fields.get("url")),
        published=fields.get("published"),
        outlet=_as_str(fields.get("outlet")),
        origin="record",
        notes=notes,
    )
    return build_article(text, source, found)


def parse_json(text: str, source: str) -> Iterator[Article | InputError]:
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        if exc.msg == "Extra data" and _first_line_is_object(text):
            yield from parse_jsonl(text, source)
            return
        raise InputError(source, f"not valid JSON (line {exc.lineno}, column {exc.colno})") from None
    except RecursionError:
        raise InputError(source, "not valid JSON (nested too deeply)") from None
    if isinstance(document, dict):
        listed = _listed_records(document)
        if listed is None:
            yield _located(source, "", lambda: record_article(document, source))
            return
        document = listed
    if not isinstance(document, list):
        raise InputError(source, "not an article: expected a JSON object or a list of objects")
    if not document:
        raise InputError(source, "no articles (empty JSON list)")
    for number, record in enumerate(document, 1):
        yield _record(record, source, f"{source}#{number}", f"record {number}")


def parse_jsonl(text: str, source: str) -> Iterator[Article | InputError]:
    seen = False
    for number, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        seen = True
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield InputError(source, f"line {number}: not valid JSON (column {exc.colno})")
            continue
        except RecursionError:
            yield InputError(source, f"line {number}: not valid JSON (nested too deeply)")
            continue
        yield _record(record, source, f"{source}#{number}", f"line {number}")
    if not seen:
        raise InputError(source, "no records")


def parse_csv(text: str, source: str, max_field_chars: int) -> Iterator[Article | InputError]:
    if csv.field_size_limit() < max_field_chars:
        csv.field_size_limit(max_field_chars)
    first_line = text.split("\n", 1)[0]
    delimiter = max(_CSV_DELIMITERS, key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        yield from _csv_rows(reader, source)
    except csv.Error as exc:
        yield InputError(source, f"not valid CSV (line {reader.line_num}: {exc})")


def _csv_rows(reader, source: str) -> Iterator[Article | InputError]:
    header = next(reader, None)
    columns = [name.strip() for name in header or []]
    if not any(name.lower() in TEXT_ALIASES for name in columns):
        raise InputError(source, "no text column in the CSV header (expected one of: " + ", ".join(TEXT_ALIASES) + ")")
    number = 0
    for row in reader:
        if not any(cell.strip() for cell in row):
            continue
        number += 1
        if len(row) != len(columns):
            yield InputError(source, f"row {number}: {len(row)} fields where the header has {len(columns)}")
            continue
        yield _record(dict(zip(columns, row)), source, f"{source}#{number}", f"row {number}")
    if number == 0:
        raise InputError(source, "no rows under the CSV header")


def _record(record: Any, container: str, source: str, where: str) -> Article | InputError:
    if not isinstance(record, dict):
        return InputError(container, f"{where}: not a JSON object")
    return _located(container, where, lambda: record_article(record, source))


def _located(container: str, where: str, build) -> Article | InputError:
    """Run `build`, reporting a rejection against the container with its position ("line 7: …")."""
    try:
        return build()
    except InputError as exc:
        return InputError(container, f"{where}: {exc.reason}" if where else exc.reason)
    except Exception as exc:  # one odd record must not stop the others
        reason = f"could not be read ({type(exc).__name__}: {exc})"
        return InputError(container, f"{where}: {reason}" if where else reason)


def _listed_records(document: dict[str, Any]) -> list[Any] | None:
    if any(alias in {str(k).lower() for k in document} for alias in TEXT_ALIASES):
        return None
    for key in _LIST_KEYS:
        value = document.get(key)
        if isinstance(value, list) and value and all(isinstance(item, dict) for item in value):
            return value
    return None


def _first_line_is_object(text: str) -> bool:
    try:
        return isinstance(json.loads(text.lstrip().split("\n", 1)[0]), dict)
    except (json.JSONDecodeError, RecursionError):
        return False


def _usable(value: Any) -> Any:
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, str):
        return value if value.strip() else None
    if isinstance(value, (int, float, list)):
        return value if value != [] else None
    return None


def _as_str(value: Any) -> str | None:
    return value if isinstance(value, str) else None
