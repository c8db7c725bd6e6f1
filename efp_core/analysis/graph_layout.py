"""Layered layout of a directed graph (pure Python): parents in one layer, their children in the next.

Steps: drop the edges that close a cycle, give each node the layer of its longest path from a root, order each
layer by the mean position of its neighbours (a few sweeps down and up, which removes most crossings), then place
the nodes with their own sizes. The result is plain coordinates, so any renderer (SVG here) can draw it.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

SWEEPS = 4
WAYPOINT_SIZE = 12.0  # room taken across a layer by an edge that crosses it


@dataclass(frozen=True)
class NodeBox:
    x: float  # centre
    y: float  # centre
    width: float
    height: float


@dataclass
class Layout:
    boxes: dict[str, NodeBox]
    width: float
    height: float
    direction: str  # "TB": layers top to bottom; "LR": layers left to right
    # Points an edge passes through on the layers it crosses (reserved room, so it runs between nodes, not under).
    routes: dict[tuple[str, str], list[tuple[float, float]]] = field(default_factory=dict)


def _acyclic(nodes: Sequence[str], edges: Sequence[tuple[str, str]]) -> list[tuple[str, str]]:
    """The edges minus those that point back to a node on the current depth-first path (iterative DFS)."""
    children: dict[str, list[str]] = {n: [] for n in nodes}
    for source, target in edges:
        if source != target:
            children[source].append(target)
    state: dict[str, int] = {}  # 1 on the path, 2 done
    back: set[tuple[str, str]] = set()
    for start in nodes:
        if start in state:
            continue
        state[start] = 1
        stack = [(start, iter(children[start]))]
        while stack:
            node, pending = stack[-1]
            child = next(pending, None)
            if child is None:
                state[node] = 2
                stack.pop()
            elif state.get(child) == 1:
                back.add((node, child))
            elif child not in state:
                state[child] = 1
                stack.append((child, iter(children[child])))
    return [(s, t) for s, t in edges if s != t and (s, t) not in back]


def _layers(nodes: Sequence[str], edges: Sequence[tuple[str, str]]) -> dict[str, int]:
    """Longest-path layering (Kahn order), so every edge points to a later layer."""
    indegree = {n: 0 for n in nodes}
    children: dict[str, list[str]] = {n: [] for n in nodes}
    for source, target in edges:
        indegree[target] += 1
        children[source].append(target)
    layer = {n: 0 for n in nodes}
    ready = [n for n in nodes if indegree[n] == 0]
    while ready:
        node = ready.pop(0)
        for child in children[node]:
            layer[child] = max(layer[child], layer[node] + 1)
            indegree[child] -= 1
            if indegree[child] == 0:
                ready.append(child)
    return layer


def _order(nodes: Sequence[str], edges: Sequence[tuple[str, str]], layer: dict[str, int]) -> list[list[str]]:
    """Nodes of each layer, ordered by the barycentre of their neighbours in the layer above (then below)."""
    rows: list[list[str]] = [[] for _ in range(max(layer.values(), default=-1) + 1)]
    for node in nodes:
        rows[layer[node]].append(node)
    parents: dict[str, list[str]] = {n: [] for n in nodes}
    kids: dict[str, list[str]] = {n: [] for n in nodes}
    for source, target in edges:
        parents[target].append(source)
        kids[source].append(target)

    def sweep(row_indices: range, neighbours: dict[str, list[str]]) -> None:
        for index in row_indices:
            position = {n: i for row in rows for i, n in enumerate(row)}
            keys: dict[str, tuple[float, int]] = {}
            for i, node in enumerate(rows[index]):
                linked = [position[m] for m in neighbours[node]]
                keys[node] = (sum(linked) / len(linked) if linked else float(i), i)
            rows[index].sort(key=keys.__getitem__)

    for _ in range(SWEEPS):
        sweep(range(1, len(rows)), parents)
        sweep(range(len(rows) - 2, -1, -1), kids)
    return rows


def layered_layout(sizes: dict[str, tuple[float, float]], edges: Sequence[tuple[str, str]], *,
                   direction: str = "TB", node_gap: float = 24.0, layer_gap: float = 50.0,
                   margin: float = 20.0, toward_sinks: bool = False) -> Layout:
    """Place nodes (id -> (width, height), in a stable order) so that each edge goes from a layer to a later one.

    By default a node sits one layer after its latest parent; `toward_sinks` puts it one layer before its
    earliest child instead, which keeps the inputs of a computation next to the result that uses them.
    """
    if direction not in ("TB", "LR"):
        raise ValueError(f"layered_layout: direction must be 'TB' or 'LR', received {direction!r}")
    nodes = list(sizes)
    unknown = [e for e in edges if e[0] not in sizes or e[1] not in sizes]
    if unknown:
        raise ValueError(f"layered_layout: edges {unknown[:3]} name nodes that have no size")
    kept = _acyclic(nodes, edges)
    if toward_sinks:
        from_end = _layers(nodes, [(t, s) for s, t in kept])
        last = max(from_end.values(), default=0)
        layer = {n: last - from_end[n] for n in nodes}
    else:
        layer = _layers(nodes, kept)
    # An edge spanning several layers gets a waypoint on each layer in between, ordered like a node.
    all_sizes = dict(sizes)
    chained: list[tuple[str, str]] = []
    waypoints: dict[tuple[str, str], list[str]] = {}
    for source, target in kept:
        chain = [f"\0{source}\0{target}\0{k}" for k in range(layer[source] + 1, layer[target])]
        for k, point in zip(range(layer[source] + 1, layer[target]), chain):
            layer[point] = k
            all_sizes[point] = (WAYPOINT_SIZE, 1.0) if direction == "TB" else (1.0, WAYPOINT_SIZE)
        waypoints[(source, target)] = chain
        path = [source, *chain, target]
        chained.extend(zip(path, path[1:]))
    rows = _order(list(all_sizes), chained, layer)
    across = 0 if direction == "TB" else 1  # index of the size along a layer
    along = 1 - across
    spans = [sum(all_sizes[n][across] for n in row) + node_gap * (len(row) - 1) for row in rows]
    widest = max(spans, default=0.0)
    placed: dict[str, NodeBox] = {}
    depth = margin
    for row, span in zip(rows, spans):
        thickness = max(all_sizes[n][along] for n in row)
        offset = margin + (widest - span) / 2
        for node in row:
            size = all_sizes[node]
            centre_across = offset + size[across] / 2
            centre_along = depth + thickness / 2
            x, y = (centre_across, centre_along) if direction == "TB" else (centre_along, centre_across)
            placed[node] = NodeBox(x, y, size[0], size[1])
            offset += size[across] + node_gap
        depth += thickness + layer_gap
    total_along = depth - layer_gap + margin if rows else 2 * margin
    total_across = widest + 2 * margin
    width, height = (total_across, total_along) if direction == "TB" else (total_along, total_across)
    routes = {edge: [(placed[p].x, placed[p].y) for p in chain] for edge, chain in waypoints.items() if chain}
    return Layout({n: placed[n] for n in nodes}, width, height, direction, routes)
