"""Facts: sentences of different articles that report the same thing, aligned into one fact.

For every pair of articles one similarity matrix is computed with numpy: the cosine of the sentence
embeddings, plus a share of shared content words, plus small bonuses for shared rare actors, numbers and
dates. A pair of sentences is a candidate when its score passes `threshold` and it is (nearly) the best match
of both sentences. Candidates are joined best-first into facts, never putting two sentences of one article
into the same fact, so each sentence belongs to at most one fact. Two partial facts join only when their
sentences agree as a group, not just through the one candidate pair: more than half of the cross pairs must
pass the threshold and none may fall more than `group_floor` below it, so a chain A≈B, B≈C does not make a fact
of A and C when they say different things, while a claim that differs in one detail (a number) from several
outlets that agree with each other still joins their fact, where the conflict is found.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .comparison import Evidence, Fact
from .features import ArticleView, framing_cost
from .grouping import join_best_first
from .text import strip_dateline


@dataclass(frozen=True)
class AlignParams:
    threshold: float = 0.62  # NeuS val is flat over 0.50-0.74 (R1 37.2-38.3); see docs/comparison.md
    margin: float = 0.08  # a candidate may fall this far below each sentence's best match
    lexical_weight: float = 0.25
    actor_bonus: float = 0.05  # per shared actor that is not everywhere in the story, at most two
    number_bonus: float = 0.05
    slot_bonus: float = 0.05  # both give a figure for the same quantity ("% of the vote"), equal or not
    date_bonus: float = 0.03
    group_majority: float = 0.5  # joining two partial facts: more than this share of cross pairs pass the threshold
    group_floor: float = 0.12  # and none falls further than this below it
    contain_share: float = 0.85  # a longer sentence holding this share of a fact sentence's content words…
    contain_cosine: float = 0.35  # …with at least this cosine to it states that fact too (`_contained`)
    contain_min_words: int = 4  # fact sentences with fewer content words are not looked for inside others


@dataclass
class _Node:
    article: int
    sentence: int


def _binary(rows: list[set[str]], vocab: dict[str, int]) -> np.ndarray:
    m = np.zeros((len(rows), len(vocab)), dtype=np.float32)
    for r, items in enumerate(rows):
        for t in items:
            m[r, vocab[t]] = 1.0
    return m


def pair_scores(a: ArticleView, b: ArticleView, rare_actors: set[str], params: AlignParams,
                stems: tuple[np.ndarray, np.ndarray], actors: tuple[np.ndarray, np.ndarray]) -> np.ndarray:
    """Score of every sentence of `a` against every sentence of `b` (shape len(a) × len(b))."""
    cos = a.embeddings @ b.embeddings.T
    sa, sb = stems
    overlap = sa @ sb.T
    sizes = sa.sum(axis=1)[:, None] + sb.sum(axis=1)[None, :] - overlap
    jaccard = np.divide(overlap, sizes, out=np.zeros_like(overlap), where=sizes > 0)
    shared_actors = np.minimum(actors[0] @ actors[1].T, 2.0)
    score = cos + params.lexical_weight * jaccard + params.actor_bonus * shared_actors
    for i, si in enumerate(a.sentences):
        if not (si.numbers or si.dates):
            continue
        values_i = {n.value for n in si.numbers if n.value is not None}
        slots_i = _slots(si.numbers)
        for j, sj in enumerate(b.sentences):
            if values_i and values_i & {n.value for n in sj.numbers if n.value is not None}:
                score[i, j] += params.number_bonus
            if slots_i and slots_i & _slots(sj.numbers):
                score[i, j] += params.slot_bonus
            if si.dates and si.dates & sj.dates:
                score[i, j] += params.date_bonus
    return score


def _slots(numbers) -> set[tuple[str, str]]:
    """The measured quantities a sentence gives figures for: (unit, counted noun), "% of the vote", "$ of aid".
    Two reports of one fact give the same quantity, even when they disagree on its value: that is where a number
    conflict is found, so the alignment favours it over a sentence that merely names the same people. Bare
    counts ("five states", "two chances") are not slots: too many different things are counted in one story."""
    return {(n.unit.lower(), (n.counts or "").lower().rstrip("s")) for n in numbers
            if n.value is not None and n.unit}


def align_facts(views: list[ArticleView], independent: dict[str, str], params: AlignParams = AlignParams()
                ) -> tuple[list[Fact], dict[str, dict[int, str]], dict[tuple[str, str], np.ndarray]]:
    """Facts over all articles; `independent` maps each article id to its independent group (copies share one).

    Returns the facts, article → sentence → fact id, and the cosine matrices per pair (reused later).
    """
    stem_vocab: dict[str, int] = {}
    actor_count: dict[str, int] = {}
    total = 0
    for v in views:
        for s in v.sentences:
            total += 1
            for t in s.stems:
                stem_vocab.setdefault(t, len(stem_vocab))
            for k in s.actors:
                actor_count[k] = actor_count.get(k, 0) + 1
    rare = {k for k, c in actor_count.items() if c <= max(2, 0.25 * total)}
    actor_vocab = {k: i for i, k in enumerate(sorted(rare))}
    stem_m = [_binary([s.stems for s in v.sentences], stem_vocab) for v in views]
    actor_m = [_binary([s.actors & rare for s in v.sentences], actor_vocab) for v in views]

    edges: list[tuple[float, int, int, int, int]] = []
    cosines: dict[tuple[str, str], np.ndarray] = {}
    scores: dict[tuple[int, int], np.ndarray] = {}  # (article index, later article index) → sentence scores
    for ia in range(len(views)):
        for ib in range(ia + 1, len(views)):
            a, b = views[ia], views[ib]
            if not a.sentences or not b.sentences:
                continue
            score = pair_scores(a, b, rare, params, (stem_m[ia], stem_m[ib]), (actor_m[ia], actor_m[ib]))
            cosines[(a.id, b.id)] = a.embeddings @ b.embeddings.T
            usable_a = np.array([not s.boilerplate for s in a.sentences])
            usable_b = np.array([not s.boilerplate for s in b.sentences])
            score = np.where(usable_a[:, None] & usable_b[None, :], score, -1.0)
            scores[(ia, ib)] = score
            best_row = score.max(axis=1, keepdims=True)
            best_col = score.max(axis=0, keepdims=True)
            ok = (score >= params.threshold) & (score >= best_row - params.margin) & (score >= best_col - params.margin)
            for i, j in zip(*np.nonzero(ok)):
                edges.append((float(score[i, j]), ia, int(i), ib, int(j)))
    edges.sort(key=lambda e: -e[0])

    clusters = [dict(group) for group in join_best_first(
        (((ia, i), (ib, j)) for _score, ia, i, ib, j in edges), article_of=lambda node: node[0],
        agree=lambda ga, gb: _agree(dict(ga), dict(gb), scores, params))]
    clustered = {(ai, si) for m in clusters for ai, si in m.items()}
    for ai, v in enumerate(views):
        for s in v.sentences:
            if not s.boilerplate and (ai, s.index) not in clustered:
                clusters.append({ai: s.index})
    contained = _contained(views, clusters, params)
    facts, sentence_facts = _make_facts(views, clusters, independent, contained)
    return facts, sentence_facts, cosines


def _contained(views: list[ArticleView], clusters: list[dict[int, int]], params: AlignParams
               ) -> set[tuple[int, int, int]]:
    """Adds to each fact the articles that state it inside a longer sentence aligned elsewhere ("Shelters are
    open at the high school" inside "The mayor ordered the evacuation and opened shelters at the high school"):
    a longer sentence of the article holding at least `contain_share` of the content words of one of the fact's
    sentences, every figure of it, its negation or none, and a cosine of at least `contain_cosine` with it.
    Returns (cluster, article, sentence) of those additions; they count for coverage and omissions, not for
    conflicts or sentence → fact links."""
    added = set()
    for c, cluster in enumerate(clusters):
        members = [views[ai].sentences[si] for ai, si in cluster.items()]
        members = [(m, ai) for m, ai in zip(members, cluster) if len(m.stems) >= params.contain_min_words]
        if not members:
            continue
        for ai, view in enumerate(views):
            if ai in cluster:
                continue
            best = None
            for s in view.sentences:
                if s.boilerplate:
                    continue
                for m, mi in members:
                    if len(s.stems) <= len(m.stems) or len(m.stems & s.stems) < params.contain_share * len(m.stems):
                        continue
                    if not s.holds(m):
                        continue
                    cosine = float(view.embeddings[s.index] @ views[mi].embeddings[m.index])
                    if cosine >= params.contain_cosine and (best is None or cosine > best[0]):
                        best = (cosine, s.index)
            if best is not None:
                cluster[ai] = best[1]
                added.add((c, ai, best[1]))
    return added


def _agree(ma: dict[int, int], mb: dict[int, int], scores: dict[tuple[int, int], np.ndarray],
           params: AlignParams) -> bool:
    """Do two partial facts (article index → sentence) say the same thing as a group?"""
    if len(ma) == 1 and len(mb) == 1:
        return True  # the candidate pair itself
    cross = []
    for xa, xs in ma.items():
        for ya, ys in mb.items():
            cross.append(scores[(xa, ya)][xs, ys] if xa < ya else scores[(ya, xa)][ys, xs])
    passing = float(np.mean([c >= params.threshold for c in cross]))
    return min(cross) >= params.threshold - params.group_floor and passing > params.group_majority


def _make_facts(views, clusters, independent, contained=frozenset()):
    groups = {independent.get(v.id, v.id) for v in views}
    n_groups = len(groups)
    drafts = []
    for c, cluster in enumerate(clusters):
        items = sorted(cluster.items())
        vecs = np.stack([views[ai].embeddings[si] for ai, si in items])
        sims = vecs @ vecs.T
        centrality = sims.sum(axis=1)
        rep = min(range(len(items)), key=lambda k: (
            (c, items[k][0], items[k][1]) in contained,
            framing_cost(views[items[k][0]], items[k][1], views[items[k][0]].sentences[items[k][1]].text),
            -round(float(centrality[k]), 3)))
        evidence = [
            Evidence(article=views[ai].id, sentence=si, text=views[ai].sentences[si].text,
                     similarity=float(sims[rep, k]), contained=(c, ai, si) in contained)
            for k, (ai, si) in enumerate(items)
        ]
        reported_by = [views[ai].id for ai, _ in items]
        support = len({independent.get(a, a) for a in reported_by})
        if len(reported_by) == 1:
            kind = "unique"
        elif n_groups == 1:  # one original and its copies only: what each of them reports
            kind = "consensus" if len(reported_by) == len(views) else "partial"
        elif support >= n_groups:
            kind = "consensus"
        elif support > 1:
            kind = "partial"
        else:
            kind = "unique"  # only copies of one original report it
        position = float(np.mean([views[ai].sentences[si].position for ai, si in items]))
        rep_ai, rep_si = items[rep]
        text = strip_dateline(views[rep_ai].sentences[rep_si].text).strip()
        drafts.append((support, position, Fact(id="", text=text, reported_by=reported_by, evidence=evidence,
                                               kind=kind, support=support)))
    drafts.sort(key=lambda d: (-d[0], d[1]))
    facts = []
    sentence_facts: dict[str, dict[int, str]] = {v.id: {} for v in views}
    for n, (_support, _pos, fact) in enumerate(drafts, start=1):
        fact.id = f"F{n}"
        for ev in fact.evidence:
            if not ev.contained:
                sentence_facts[ev.article][ev.sentence] = fact.id
        facts.append(fact)
    return facts, sentence_facts
