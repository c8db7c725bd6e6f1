"""Pure graph algorithms over hashable nodes: reachability and a deterministic topological order."""
from __future__ import annotations

from collections import deque
from typing import Callable, Hashable, Iterable, TypeVar

N = TypeVar("N", bound=Hashable)


def descendants(starts: Iterable[N], successors: Callable[[N], Iterable[N]]) -> dict[N, None]:
    """Every node reachable from `starts` (excluded unless reachable), in breadth-first discovery order."""
    found: dict[N, None] = {}
    queue = deque(starts)
    while queue:
        node = queue.popleft()
        for nxt in successors(node):
            if nxt not in found:
                found[nxt] = None
                queue.append(nxt)
    return found


def topological_order(nodes: Iterable[N], predecessors: Callable[[N], Iterable[N]]) -> list[N]:
    """Kahn's algorithm restricted to `nodes`; ties keep the input order so results are reproducible.

    Raises ValueError listing the nodes left when the subgraph has a cycle.
    """
    ordered = list(dict.fromkeys(nodes))
    rank = {node: i for i, node in enumerate(ordered)}
    indegree = {node: 0 for node in ordered}
    children: dict[N, list[N]] = {node: [] for node in ordered}
    for node in ordered:
        for pred in predecessors(node):
            if pred in rank and pred != node:
                indegree[node] += 1
                children[pred].append(node)
    import heapq
    ready = [(rank[n], n) for n in ordered if indegree[n] == 0]
    heapq.heapify(ready)  # type: ignore[arg-type]
    result: list[N] = []
    while ready:
        _, node = heapq.heappop(ready)  # type: ignore[misc]
        result.append(node)
        for child in children[node]:
            indegree[child] -= 1
            if indegree[child] == 0:
                heapq.heappush(ready, (rank[child], child))  # type: ignore[misc]
    if len(result) != len(ordered):
        left = [n for n in ordered if indegree[n] > 0]
        raise ValueError(f"cycle among {left}")
    return result
