"""Where input bytes come from: files, directories (recursive), standard input and URLs.

Every reader checks the size limit before holding the data: a file's size is checked before it is read, and
standard input and URL bodies are read only up to the limit.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from typing import BinaryIO

import re

from ..errors import InputError
from ..settings import Settings
from .fetch import fetch
from .formats import Payload, format_for_path, format_for_response

_PROJECT_FILES = re.compile(r"^(?:readme|license|licence|changelog|contributing|authors|notice)(?:\.|$)", re.I)


def read_path(given: str, settings: Settings) -> Iterator[Payload | InputError]:
    """A file (any extension: unknown ones are sniffed) or a directory (known extensions only)."""
    try:
        mode = os.stat(given).st_mode
    except FileNotFoundError:
        yield InputError(given, "no such file or directory")
        return
    except OSError as exc:
        yield InputError(given, f"cannot read ({exc.strerror or exc})")
        return
    if stat.S_ISDIR(mode):
        yield from _read_directory(given, settings)
    else:
        yield _read_file(given, settings, format_for_path(given))


def read_stdin(stream: BinaryIO, settings: Settings) -> Payload | InputError:
    limit = settings.max_input_bytes
    data = stream.read(limit + 1)
    if len(data) > limit:
        return InputError("-", f"too large: more than {limit} bytes on standard input (the limit is {limit})")
    return Payload("-", data)


def read_url(url: str, settings: Settings) -> Payload:
    fetched = fetch(url, settings)
    return Payload(
        url,
        fetched.data,
        format_for_response(fetched.media_type, fetched.final_url),
        url=url,
        charset=fetched.charset,
        final_url=fetched.final_url,
    )


def _read_directory(directory: str, settings: Settings) -> Iterator[Payload | InputError]:
    """Files with a known extension, recursively, in sorted order. Skipped: hidden files and folders, a
    folder's own README/LICENSE/CHANGELOG (documentation, not articles; still read when named directly),
    and symbolic links to folders (no loops)."""
    try:
        entries = sorted(os.scandir(directory), key=lambda entry: entry.name)
    except OSError as exc:
        yield InputError(directory, f"cannot read directory ({exc.strerror or exc})")
        return
    for entry in entries:
        if entry.name.startswith(".") or _PROJECT_FILES.match(entry.name):
            continue
        path = os.path.join(directory, entry.name)
        if entry.is_dir(follow_symlinks=False):
            yield from _read_directory(path, settings)
            continue
        fmt = format_for_path(entry.name)
        if fmt is not None:
            yield _read_file(path, settings, fmt)


def _read_file(path: str, settings: Settings, fmt: str | None) -> Payload | InputError:
    limit = settings.max_input_bytes
    opened, path = path, _printable(path)
    try:
        size = os.stat(opened).st_size
        if size > limit:
            return InputError(path, f"too large: {size} bytes (the limit is {limit})")
        with open(opened, "rb") as handle:
            data = handle.read(limit + 1)
    except IsADirectoryError:
        return InputError(path, "is a directory")
    except OSError as exc:
        return InputError(path, f"cannot read file ({exc.strerror or exc})")
    if len(data) > limit:
        return InputError(path, f"too large: more than {limit} bytes (the limit is {limit})")
    return Payload(path, data, fmt)


def _printable(path: str) -> str:
    """The path as a storable string: bytes that are not UTF-8 in a file name (which Python carries as lone
    surrogates) are written as \\xff escapes."""
    try:
        return os.fsencode(path).decode("utf-8", "backslashreplace")
    except UnicodeError:
        return path.encode("utf-8", "replace").decode("utf-8")
