"""Best-first grouping shared by facts and quotes: candidate pairs, strongest first, join two groups only when the
groups agree as a whole, so a chain A≈B, B≈C never makes one group of A and C by itself."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from typing import TypeVar

N = TypeVar("N", bound=Hashable)


def join_best_first(pairs: Iterable[tuple[N, N]], article_of: Callable[[N], Hashable],
                    agree: Callable[[list[N], list[N]], bool]) -> list[list[N]]:
    """Groups of two or more nodes, formed from `pairs` in the order given (strongest first). Two groups join when
    no article appears in both and `agree(group_a, group_b)` holds; members keep the order they joined in."""
    root: dict[N, N] = {}
    groups: dict[N, list[N]] = {}

    def find(x: N) -> N:
        while root.get(x, x) != x:
            x = root[x]
        return x

    for x, y in pairs:
        rx, ry = find(x), find(y)
        if rx == ry:
            continue
        gx, gy = groups.get(rx, [rx]), groups.get(ry, [ry])
        if {article_of(n) for n in gx} & {article_of(n) for n in gy} or not agree(gx, gy):
            continue
        root[ry] = rx
        groups[rx] = gx + gy
        groups.pop(ry, None)
    return list(groups.values())
