"""Draw a laid-out graph as inline SVG: boxes with wrapped labels, curved arrows, hover text in <title> elements."""
from __future__ import annotations

import html
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass

from efp_core.analysis.graph_layout import Layout, layered_layout

CHAR_WIDTH = 6.8  # px per character at 12px sans-serif, a generous average so labels fit their boxes
LINE_HEIGHT = 15.0
PADDING = 8.0


@dataclass(frozen=True)
class DrawnNode:
    id: str
    label: str
    fill: str
    stroke: str
    tooltip: str
    css_class: str = "efp-node"
    subtitle: str | None = None  # a second, smaller line (a value, a class name)


@dataclass(frozen=True)
class DrawnEdge:
    source: str
    target: str
    tooltip: str


def wrap_label(label: str, width: int = 22, max_lines: int = 3) -> list[str]:
    lines = textwrap.wrap(label, width=width, break_long_words=True) or [""]
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1][: width - 1] + "…"
    return lines


def _size(node: DrawnNode, wrap: tuple[int, int]) -> tuple[float, float]:
    lines = wrap_label(node.label, *wrap) + ([node.subtitle] if node.subtitle else [])
    width = max(len(line) for line in lines) * CHAR_WIDTH + 2 * PADDING
    return max(width, 60.0), len(lines) * LINE_HEIGHT + 2 * PADDING - 4


def _curve(start: tuple[float, float], end: tuple[float, float], vertical: bool) -> str:
    """A cubic segment leaving and entering along the layout direction."""
    (x1, y1), (x2, y2) = start, end
    if vertical:
        bend = (y2 - y1) / 2
        return f" C{x1:.1f},{y1 + bend:.1f} {x2:.1f},{y2 - bend:.1f} {x2:.1f},{y2:.1f}"
    bend = (x2 - x1) / 2
    return f" C{x1 + bend:.1f},{y1:.1f} {x2 - bend:.1f},{y2:.1f} {x2:.1f},{y2:.1f}"


def _edge_path(layout: Layout, source: str, target: str) -> str:
    """From the source's outgoing side to the target's incoming side, through the edge's waypoints."""
    a, b = layout.boxes[source], layout.boxes[target]
    vertical = layout.direction == "TB"
    if vertical:
        start, end = (a.x, a.y + a.height / 2), (b.x, b.y - b.height / 2)
    else:
        start, end = (a.x + a.width / 2, a.y), (b.x - b.width / 2, b.y)
    points = [start, *layout.routes.get((source, target), []), end]
    return f"M{start[0]:.1f},{start[1]:.1f}" + "".join(_curve(p, q, vertical) for p, q in zip(points, points[1:]))


def graph_svg(nodes: Sequence[DrawnNode], edges: Sequence[DrawnEdge], *, direction: str = "TB",
              legend: Sequence[tuple[str, str, str]] = (), wrap: tuple[int, int] = (22, 3),
              toward_sinks: bool = False) -> str:
    """The `<svg>` element of the graph.

    `legend` is (text, fill, stroke) swatches drawn under the graph; `wrap` is (characters per line, lines) of labels.
    """
    by_id = {node.id: node for node in nodes}
    layout = layered_layout({node.id: _size(node, wrap) for node in nodes}, [(e.source, e.target) for e in edges],
                            direction=direction, toward_sinks=toward_sinks)
    legend_height = 30.0 if legend else 0.0
    width = max(layout.width, 40.0 + sum(len(text) * CHAR_WIDTH + 40 for text, _, _ in legend))
    height = layout.height + legend_height
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="efp-graph" width="{width:.0f}" height="{height:.0f}" '
        f'viewBox="0 0 {width:.0f} {height:.0f}" font-family="system-ui, sans-serif" font-size="12">',
        '<defs><marker id="efp-arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" '
        'orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#7b8794"/></marker></defs>',
        '<g class="efp-edges">']
    for edge in edges:
        parts.append(f'<path class="efp-edge" d="{_edge_path(layout, edge.source, edge.target)}" fill="none" '
                     f'stroke="#9aa5b1" stroke-width="1.4" marker-end="url(#efp-arrow)">'
                     f'<title>{html.escape(edge.tooltip)}</title></path>')
    parts.append('</g><g class="efp-nodes">')
    for node_id, box in layout.boxes.items():
        node = by_id[node_id]
        left, top = box.x - box.width / 2, box.y - box.height / 2
        lines = wrap_label(node.label, *wrap)
        text_top = box.y - (len(lines) + (1 if node.subtitle else 0)) * LINE_HEIGHT / 2 + 11
        texts = [f'<text x="{box.x:.1f}" y="{text_top + i * LINE_HEIGHT:.1f}" text-anchor="middle" '
                 f'fill="#1f2933">{html.escape(line)}</text>' for i, line in enumerate(lines)]
        if node.subtitle:
            texts.append(f'<text x="{box.x:.1f}" y="{text_top + len(lines) * LINE_HEIGHT:.1f}" text-anchor="middle" '
                         f'fill="#52606d" font-size="10.5">{html.escape(node.subtitle)}</text>')
        parts.append(
            f'<g class="{node.css_class}" data-id="{html.escape(node.id)}"><title>{html.escape(node.tooltip)}</title>'
            f'<rect x="{left:.1f}" y="{top:.1f}" width="{box.width:.1f}" height="{box.height:.1f}" rx="6" '
            f'fill="{node.fill}" stroke="{node.stroke}" stroke-width="1.5"/>{"".join(texts)}</g>')
    parts.append("</g>")
    x = 20.0
    for text, fill, stroke in legend:
        y = layout.height + 8
        parts.append(f'<g class="efp-legend"><rect x="{x:.0f}" y="{y:.0f}" width="14" height="14" rx="3" '
                     f'fill="{fill}" stroke="{stroke}"/><text x="{x + 19:.0f}" y="{y + 11:.0f}" '
                     f'fill="#52606d">{html.escape(text)}</text></g>')
        x += len(text) * CHAR_WIDTH + 40
    parts.append("</svg>")
    return "\n".join(parts)
