"""Deterministic clustering of one connected component of the candidate graph.

The result depends only on the set of articles (never on the order they arrived in): members are sorted by
id, average-link merges the most similar pair of clusters first and breaks ties by position. That is what
lets the incremental path and `regroup` agree.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import numpy as np


def connected_components(nodes: Iterable[str], edges: Iterable[tuple[str, str]]) -> list[list[str]]:
    parent = {n: n for n in nodes}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in edges:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    groups: dict[str, list[str]] = {}
    for n in parent:
        groups.setdefault(find(n), []).append(n)
    return sorted((sorted(g) for g in groups.values()), key=lambda g: g[0])


def average_link(ids: list[str], similarity: Callable[[str, str], float], threshold: float) -> list[list[str]]:
    """Average-link agglomeration of `ids`, merging while the best average similarity is ≥ threshold."""
    ids = sorted(ids)
    n = len(ids)
    if n == 1:
        return [ids]
    sims = np.zeros((n, n))
    for i in range(n):
        for j in range(i + 1, n):
            sims[i, j] = sims[j, i] = similarity(ids[i], ids[j])
    # totals[i, j]: sum of pairwise similarities between clusters i and j; sizes[i]: members of cluster i
    totals = sims.copy()
    sizes = np.ones(n)
    alive = np.ones(n, dtype=bool)
    members = [[i] for i in range(n)]
    np.fill_diagonal(totals, -np.inf)
    while alive.sum() > 1:
        averages = totals / np.outer(sizes, sizes)
        averages[~alive, :] = -np.inf
        averages[:, ~alive] = -np.inf
        best = int(np.argmax(averages))
        i, j = divmod(best, n)
        if averages[i, j] < threshold:
            break
        i, j = min(i, j), max(i, j)
        members[i].extend(members[j])
        totals[i, :] += totals[j, :]
        totals[:, i] += totals[:, j]
        totals[i, i] = -np.inf
        sizes[i] += sizes[j]
        alive[j] = False
    clusters = [sorted(ids[k] for k in members[i]) for i in range(n) if alive[i]]
    return sorted(clusters, key=lambda c: c[0])
