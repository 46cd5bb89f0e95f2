"""Who the text says reported the story: interviews, "told X", "according to X", agency datelines.

These attributions feed source conflicts (one outlet credits an interview to IRNA, another to its own
reporter) and lineage "cites" edges (an article naming an outside agency as its source).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..stories.copies import same_outlet as same_source
from .features import ArticleView
from .text import DATELINE

KNOWN_AGENCIES = (
    "Reuters", "Associated Press", "AP", "AFP", "Agence France-Presse", "IRNA", "ISNA", "Tasnim", "Fars", "Mehr",
    "Xinhua", "TASS", "RIA Novosti", "Anadolu", "Bloomberg", "BBC", "CNN", "Al Jazeera", "ANI", "PTI", "dpa",
    "EFE", "ANSA", "Kyodo", "Yonhap", "Interfax", "WAFA", "SANA", "KUNA", "WAM", "SPA", "Press TV", "Tolo News",
    "TOLOnews", "Pajhwok", "Bakhtar", "Iran Press", "Fox News", "NBC", "ABC", "CBS", "NPR", "Sputnik", "RT",
)
_MEDIA_NOUN = (r"(?:news agency|press agency|agency|newspaper|daily|reporter|correspondent|journalist|"
               r"television|TV|broadcaster|channel|radio|website|outlet|magazine|news)")
_NAME = r"(?P<src>(?:[A-Z][\w.&’'-]*)(?:\s+(?:[A-Z][\w.&’'-]*|of|al|el))*)"
_KNOWN = "|".join(sorted((re.escape(a) for a in KNOWN_AGENCIES), key=len, reverse=True))
_SOURCE = (rf"(?:the\s+|an?\s+)?(?:(?:exclusive|telephone|televised|recent)\s+)*"
           rf"(?:{_NAME}(?:['’]s)?(?P<noun>\s+{_MEDIA_NOUN})?)")
PATTERNS = (
    ("interview", re.compile(rf"\binterview(?:ed)?\s+(?:with|by|to|given to)\s+{_SOURCE}")),
    ("interview", re.compile(rf"\bin\s+an?\s+(?:exclusive\s+)?interview\s+with\s+{_SOURCE}")),
    ("told", re.compile(rf"\btold\s+{_SOURCE}")),
    ("told", re.compile(rf"\b(?i:spoke|speaking|talked|talking)\s+(?:exclusively\s+)?to\s+{_SOURCE}")),
    ("according", re.compile(rf"\b[Aa]ccording\s+to\s+{_SOURCE}")),
    ("reported", re.compile(rf"{_SOURCE}\s+(?:reported|quoted|cited)\b")),
)
_TRIM = re.compile(rf"\s+{_MEDIA_NOUN}$", re.IGNORECASE)
_CONVERSATION = (r"(?:told|(?:spoke|speaking|talked|talking)\s+(?:exclusively\s+)?to|"
                 r"(?:in\s+)?an?\s+(?:exclusive\s+|telephone\s+)?interview\s+(?:with|to|given\s+to))")
# the outlet's own staff or paper, unnamed: "told our correspondent", "in an interview with this newspaper"
_OWN = re.compile(rf"\b{_CONVERSATION}\s+(?:our|this)\s+(?:own\s+)?(?:correspondent|reporter|journalist|"
                  rf"newspaper|paper|agency|website|station|channel|programme|program)\b", re.I)
# unnamed media: "in an interview with foreign media", "told state television"
_VAGUE = re.compile(rf"\b{_CONVERSATION}\s+(?P<src>(?:foreign|local|international|state|state-run|western|"
                    rf"domestic|national|independent)\s+(?:media|press|news\s+media|television|TV|radio|"
                    rf"journalists|reporters|news\s+outlets))\b", re.I)


@dataclass
class Attribution:
    article: str
    kind: str  # interview | told | according | reported | dateline
    value: str  # the source's name, e.g. "IRNA"
    sentence: int
    text: str
    self_source: bool  # the outlet's own reporter or marker, not an outside source
    speakers: set[str]
    vague: bool = False  # an unnamed source ("foreign media"): disputable, but not a lineage source


def is_media_name(name: str) -> bool:
    """A known news agency or broadcaster ("Reuters", "IRNA", "AP")."""
    return any(name == k or name.startswith(k + " ") for k in KNOWN_AGENCIES)


def _is_media(name: str, noun: str | None) -> bool:
    return bool(noun) or is_media_name(name)


def find_attributions(view: ArticleView) -> list[Attribution]:
    """Every source the article names for its own reporting."""
    an = view.item.analysis
    persons_by_sentence: dict[int, set[str]] = {}
    for actor in an.actors:
        if actor.type == "PERSON":
            for s in actor.sentences:
                persons_by_sentence.setdefault(s, set()).add(actor.name)
    out: list[Attribution] = []
    markers: list[str] = []
    if an.sentences:
        first = an.sentences[0]
        m = DATELINE.match(first.text)
        if m:
            markers.append(m.group("agency").strip())
    outlet = view.item.article.outlet or ""
    for s in an.sentences:
        for kind, pattern in PATTERNS:
            for m in pattern.finditer(s.text):
                raw = m.group("src").strip().rstrip(".")
                name = _TRIM.sub("", raw).strip()
                name = re.sub(r"^(?:The|An?)\s+", "", name)
                tail = raw[len(_TRIM.sub("", raw)):].strip()  # "Meridian News Agency": the noun inside the name
                if not name or not (_is_media(name, m.group("noun") or tail)
                                    or (kind == "told" and outlet and same_source(name, outlet))):
                    continue  # "told the Kestrel Times" names a source only in the Kestrel Times itself
                if tail and not m.group("noun"):
                    name = re.sub(r"^(?:The|An?)\s+", "", raw)  # keep the full name: "Meridian News Agency"
                noun = (m.group("noun") or tail or "").strip().lower()
                own = (noun in ("reporter", "correspondent", "journalist") and "exclusive" in m.group(0).lower()) \
                    or any(same_source(name, x) for x in markers) or (outlet and same_source(name, outlet))
                out.append(Attribution(article=view.id, kind=kind, value=name, sentence=s.index, text=s.text,
                                       self_source=bool(own), speakers=persons_by_sentence.get(s.index, set())))
        for m in _OWN.finditer(s.text):
            if outlet:
                out.append(Attribution(article=view.id, kind="told", value=outlet, sentence=s.index, text=s.text,
                                       self_source=True, speakers=persons_by_sentence.get(s.index, set())))
        for m in _VAGUE.finditer(s.text):
            out.append(Attribution(article=view.id, kind="told", value=m.group("src").lower(), sentence=s.index,
                                   text=s.text, self_source=False, speakers=persons_by_sentence.get(s.index, set()),
                                   vague=True))
    for marker in markers:
        match = next((a for a in out if same_source(marker, a.value)), None)
        own = bool(outlet and same_source(marker, outlet)) or (match is not None and match.self_source) \
            or (match is None and not _is_media(marker, None))
        out.append(Attribution(article=view.id, kind="dateline", value=match.value if match else marker, sentence=0,
                               text=an.sentences[0].text, self_source=own, speakers=set()))
    unique: dict[tuple[str, str, int], Attribution] = {}
    for a in out:
        unique.setdefault((a.kind, a.value, a.sentence), a)
    return list(unique.values())
