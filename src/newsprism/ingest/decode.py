"""Bytes to text: byte-order marks, UTF-8, a declared charset, then detection; binary data is refused.

Every failure is an `InputError` whose reason reads well after the input's name: "binary file (PDF)",
"undecodable text (not UTF-8 and no other encoding fits)".
"""

from __future__ import annotations

import codecs
import re

from ..errors import InputError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_SIGNATURES = (
    (b"%PDF-", "PDF"),
    (b"\x89PNG", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF8", "GIF image"),
    (b"PK\x03\x04", "ZIP archive"),
    (b"\x1f\x8b", "gzip archive"),
    (b"\x7fELF", "executable"),
    (b"SQLite format 3\x00", "SQLite database"),
)
_SAMPLE = 8192
_CONTROL_BYTES = frozenset(set(range(0x00, 0x09)) | {0x0E, 0x0F} | set(range(0x10, 0x20)) | {0x7F})
_MAX_CONTROL_SHARE = 0.05
_MAX_CHAOS = 0.3
_WESTERN_HIGH_LETTER_SHARE = 0.3
_TEXT_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_LONE_SURROGATES = re.compile(r"[\ud800-\udfff]")  # JSON "\\ud800" escapes: no UTF-8 form, so unstorable


def decode_bytes(data: bytes, source: str, declared: str | None = None) -> str:
    """Text of `data`, or InputError. `declared` is a charset named by the container (HTTP, HTML, XML)."""
    if not data:
        raise InputError(source, "empty file")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _decode_with(data, encoding, source)
    utf16 = _refuse_binary(data, source)
    if utf16:  # NUL bytes in a pattern like UTF-16's; when they do not decode as such, the data is binary
        try:
            return data.decode(utf16)
        except UnicodeDecodeError:
            raise InputError(source, "binary file") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if declared and _known_codec(declared):
        try:
            return data.decode(declared)
        except UnicodeDecodeError:
            pass
    return _detect(data, source)


def check_text_bytes(data: bytes, source: str) -> None:
    """InputError for empty or binary data, for parsers that decode by themselves (feeds)."""
    if not data:
        raise InputError(source, "empty file")
    if not any(data.startswith(bom) for bom, _ in _BOMS):
        _refuse_binary(data, source)


def clean_text(text: str) -> str:
    """Unix line ends, no stray control characters, no surrounding blank space."""
    text = without_surrogates(text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n\n")
    return _TEXT_CONTROL_CHARS.sub("", text).replace("\ufeff", "").strip()


def without_surrogates(text: str) -> str:
    """Lone surrogates (which only JSON escapes can produce) as U+FFFD, so that the text can be stored."""
    return _LONE_SURROGATES.sub("\ufffd", text)


def clean_field(value: str) -> str:
    """A one-line metadata value (title, outlet, URL, notes): storable, without control characters."""
    return _TEXT_CONTROL_CHARS.sub("", without_surrogates(value))


def _decode_with(data: bytes, encoding: str, source: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError(source, f"undecodable text (invalid {encoding} at byte {exc.start})") from None


def _refuse_binary(data: bytes, source: str) -> str | None:
    """Raise for binary data; return "utf-16-le"/"utf-16-be" when the NUL bytes are BOM-less UTF-16."""
    for signature, kind in _SIGNATURES:
        if data.startswith(signature):
            raise InputError(source, f"binary file ({kind})")
    sample = data[:_SAMPLE]
    if b"\x00" in sample:
        utf16 = _bomless_utf16(sample)
        if utf16 is None:
            raise InputError(source, "binary file")
        return utf16
    control = sum(1 for byte in sample if byte in _CONTROL_BYTES)
    if control > _MAX_CONTROL_SHARE * len(sample):
        raise InputError(source, "binary file")
    return None


def _bomless_utf16(sample: bytes) -> str | None:
    """UTF-16 text without a BOM has its NUL bytes on one side of every pair (for mostly-Latin text)."""
    even_nuls = sample[0::2].count(0)
    odd_nuls = sample[1::2].count(0)
    pairs = len(sample) // 2 or 1
    if odd_nuls > 0.4 * pairs and even_nuls == 0:
        return "utf-16-le"
    if even_nuls > 0.4 * pairs and odd_nuls == 0:
        return "utf-16-be"
    return None


def _known_codec(name: str) -> bool:
    try:
        codecs.lookup(name)
    except LookupError:
        return False
    return True


def _detect(data: bytes, source: str) -> str:
    western = _as_western(data)
    if western is not None:
        return western
    import charset_normalizer

    best = charset_normalizer.from_bytes(data[: 4 * _SAMPLE]).best()
    if best is None or best.chaos > _MAX_CHAOS:
        raise InputError(source, "undecodable text (not UTF-8 and no other encoding fits)")
    return _decode_with(data, best.encoding, source)


def _as_western(data: bytes) -> str | None:
    """Windows-1252 when it decodes and accented letters are a minority, as in Western European prose.

    Statistical detectors guess poorly on short Western text (they pick cp1250 or cp1257); a single-byte
    Cyrillic or Greek text fails this test because almost all of its letters are high bytes.
    """
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return None
    high = sum(1 for c in letters if ord(c) > 0x7F)
    return text if high <= _WESTERN_HIGH_LETTER_SHARE * len(letters) else None
