"""Small text helpers the comparison needs: content words, boilerplate, negation, shingles, actor keys.

Everything here is plain Python and regular expressions: fast, deterministic and language-light (English).
"""

from __future__ import annotations

import re
from functools import lru_cache

STOPWORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been before being below
    between both but by can could did do does doing down during each few for from further had has have having he
    her here hers herself him himself his how i if in into is it its itself just me more most my myself no nor not
    now of off on once only or other our ours ourselves out over own same she should so some such than that the
    their theirs them themselves then there these they this those through to too under until up very was we were
    what when where which while who whom why will with would you your yours yourself yourselves said says say
    told tell according stated added noted mr mrs ms dr one would could may might must shall also however still
    yet even like well per via upon within without""".split()
)

NEGATION = re.compile(
    r"\b(?:not|no|never|none|nobody|nothing|neither|nor|cannot|without|den(?:y|ies|ied|ying)|refus(?:e|es|ed|ing)"
    r"|reject(?:s|ed|ing)?|rul(?:e|es|ed|ing)\s+out)\b|n[’']t\b",
    re.IGNORECASE,
)

_WORD = re.compile(r"[A-Za-z][A-Za-z’'-]*|\d+(?:[.,]\d+)*")
_BOILERPLATE = re.compile(
    r"^(?:read more|click here|subscribe|sign up|follow us|all rights reserved|advertisement|share this|"
    r"related:|photo:|image:|video:|copyright|©)",
    re.IGNORECASE,
)
# the newsroom talking to its readers or crediting its staff: "Call the Courier newsroom at 555-0142.", "Have a tip?
# Email tips@…", "Reporting by Jane Doe; Editing by John Roe"
_INVITATION = re.compile(
    r"^(?:call|contact|email|e-mail|write to|send|text|reach|have a|got a|do you have|know something)\b", re.I
)
_CONTACT = re.compile(r"\b(?:newsroom|news desk|tip ?line|tips?\b|hotline)|\d{3}[-. ]\d{4}\b|[\w.+-]+@[\w-]+\.\w", re.I)
_STAFF_CREDIT = re.compile(r"^\(?(?:additional )?(?:reporting|editing|writing|compiled|produced) by\b", re.IGNORECASE)
# "WASHINGTON (Reuters) -", "Islamabad (IP)-", "KABUL, Jan 16 (AFP) —", "Iran PressAsia:"
DATELINE = re.compile(
    r"^\s*(?P<place>[A-Z][\w .,'’-]{1,40}?)\s*(?:,\s*[A-Z][a-z]{2,8}\.? \d{1,2})?\s*"
    r"\((?P<agency>[A-Za-z][\w .&-]{0,30})\)\s*[-–—:]+\s*"
)


def words(text: str) -> list[str]:
    return _WORD.findall(text)


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A crude suffix stripper, enough to match "supports"/"supported"/"supporting" across outlets."""
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    for suffix in ("ization", "ations", "ation", "ments", "ment", "ingly", "ing", "edly", "ies", "ied", "ed",
                   "es", "ly", "s"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 4:
            w = w[: -len(suffix)]
            break
    return w


def content_stems(text: str) -> set[str]:
    return {stem(w) for w in words(text) if w.lower() not in STOPWORDS and (len(w) > 2 or w.isdigit())}


def strip_dateline(text: str) -> str:
    return DATELINE.sub("", text, count=1)


def is_boilerplate(text: str) -> bool:
    """Datelines, section labels ("Iran PressAsia:"), share buttons, tip lines and staff credits: sentences that
    state no fact of the story."""
    body = strip_dateline(text).strip()
    if _BOILERPLATE.match(body) or _STAFF_CREDIT.match(body) or (_INVITATION.match(body) and _CONTACT.search(body)):
        return True
    content = [w for w in words(body) if w.lower() not in STOPWORDS and (w[0].isalpha() or w[0].isdigit())]
    if len(content) < 3:  # a figure counts: "Turnout was 58 percent." states a fact
        return True
    return body.endswith(":") and len(words(body)) <= 6


def negation_count(text: str) -> int:
    return len(NEGATION.findall(text))


def shingles(text: str, size: int = 5) -> set[int]:
    """Hashes of word n-grams, the unit of text reuse."""
    tokens = [w.lower() for w in words(text)]
    if len(tokens) < size:
        return {hash(tuple(tokens))} if tokens else set()
    return {hash(tuple(tokens[i : i + size])) for i in range(len(tokens) - size + 1)}


# Different spellings of the same actor that plain normalisation does not join.
_ACTOR_SYNONYMS = {
    "us": "united states", "u s": "united states", "usa": "united states", "u s a": "united states",
    "the united states": "united states", "the us": "united states", "the u s": "united states",
    "america": "united states", "american": "united states", "americans": "united states",
    "washington": "united states", "uk": "united kingdom", "u k": "united kingdom", "britain": "united kingdom",
    "the united kingdom": "united kingdom", "british": "united kingdom", "iranian": "iran", "iranians": "iran",
    "tehran": "iran", "afghan": "afghanistan", "afghans": "afghanistan", "pakistani": "pakistan",
    "islamabad": "pakistan", "kabul": "afghanistan", "russian": "russia", "moscow": "russia", "chinese": "china",
    "beijing": "china", "the islamic state": "isis", "islamic state": "isis", "isil": "isis", "daesh": "isis",
    "the european union": "european union", "eu": "european union", "the un": "united nations",
    "un": "united nations", "the united nations": "united nations",
}


@lru_cache(maxsize=16384)
def normal_actor_key(key: str) -> str:
    """Join spellings of one actor: "U.S." / "the United States" / "America" → "united states"."""
    k = re.sub(r"[^a-z0-9]+", " ", key.lower()).strip()
    k = _ACTOR_SYNONYMS.get(k, k)
    return re.sub(r"^the ", "", k)


def key_tokens(key: str) -> set[str]:
    return {t for t in key.split() if len(t) > 1}


@lru_cache(maxsize=65536)
def same_actor(a: str | None, b: str | None) -> bool:
    """Two canonical names of one actor: equal keys, or one's words inside the other's ("Qomi" ⊂ "Hassan Kazemi Qomi")."""
    if not a or not b:
        return False
    ka, kb = normal_actor_key(a), normal_actor_key(b)
    if ka == kb:
        return True
    ta, tb = key_tokens(ka), key_tokens(kb)
    return bool(ta and tb) and (ta <= tb or tb <= ta)
