"""A static SVG drawing of Sankey data: one rect per node, one path per link, values in <title> tooltips.

Pure functions of `SankeyData` (no engine access), so a file written from a built Sankey opens in any browser with
nothing fetched from the network.
"""
from __future__ import annotations

from dataclasses import dataclass
from html import escape
from typing import Any

NODE_WIDTH = 14
NODE_GAP = 10
MARGIN = {"left": 8, "right": 8, "top": 8, "bottom": 8}
HEADER_LINE_PX = 13
LABEL_ROOM_PX = 90  # right of the last column, for its labels
LABEL_FONT_PX = 11


@dataclass(frozen=True)
class NodeBox:
    x: float
    y: float
    height: float


def format_mass(kg: float) -> str:
    """kg with a readable unit (g, kg, t, kt)."""
    for unit, factor in (("kt", 1e6), ("t", 1e3), ("kg", 1.0)):
        if abs(kg) >= factor:
            return f"{kg / factor:,.3g} {unit}" if abs(kg / factor) < 1000 else f"{kg / factor:,.0f} {unit}"
    return f"{kg * 1000:.3g} g"


def column_step(data: Any, width: float) -> float:
    """Pixels between the left edges of two neighbouring columns."""
    n_columns = max(data.columns) + 1 if data.columns else 1
    drawable = width - MARGIN["left"] - MARGIN["right"] - NODE_WIDTH - min(LABEL_ROOM_PX, width * 0.15)
    return drawable / max(n_columns - 1, 1)


def layout(data: Any, width: float, height: float, header: float) -> dict[int, NodeBox]:
    """Columns spread evenly over the width; in each column nodes stacked in data order, heights ∝ kg (one scale
    for the whole drawing, so equal flows have equal widths everywhere)."""
    n_columns = max(data.columns) + 1 if data.columns else 0
    by_column: dict[int, list[int]] = {}
    for index, column in enumerate(data.columns):
        by_column.setdefault(column, []).append(index)
    inner_height = max(height - header - MARGIN["top"] - MARGIN["bottom"], 10.0)
    column_totals = [sum(data.values[i] for i in by_column.get(c, [])) for c in range(n_columns)]
    crowded = max((len(nodes) for nodes in by_column.values()), default=1)
    usable = max(inner_height - NODE_GAP * (crowded - 1), inner_height * 0.3)
    scale = usable / max(max(column_totals, default=0.0), 1e-300)
    step = column_step(data, width)
    boxes: dict[int, NodeBox] = {}
    for column, nodes in by_column.items():
        y = MARGIN["top"] + header
        for index in nodes:
            box_height = max(data.values[index] * scale, 1.0)
            boxes[index] = NodeBox(MARGIN["left"] + column * step, y, box_height)
            y += box_height + NODE_GAP
    return boxes


def _percent(kg: float, total: float) -> str:
    return f" ({kg / total * 100:.1f}%)" if total > 0 else ""


def _node_tooltip(data: Any, index: int) -> str:
    label = data.full_labels[index] if data.full_labels else data.labels[index]
    text = f"{label}: {format_mass(data.values[index])} CO2-eq{_percent(data.values[index], data.total)}"
    for member, kg in data.members.get(index, []):
        text += f"\n  {member}: {format_mass(kg)}"
    return text


def _visible_end(data: Any, index: int, step: dict[int, int]) -> int:
    """Follow blank spacer nodes to the real node a link comes from or goes to (for its tooltip)."""
    seen = set()
    while data.kinds and data.kinds[index] == "spacer" and index in step and index not in seen:
        seen.add(index)
        index = step[index]
    return index


def sankey_svg(data: Any, width: int = 800, height: int = 600, show_column_titles: bool = True) -> str:
    """The SVG markup of `data` (a SankeyData) at the given pixel size."""
    if not data.labels:
        return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" role="img">'
                f'<text x="10" y="20" font-size="13">No footprint to show.</text></svg>')
    step = column_step(data, width)
    heading_lines = [_heading_lines(title, step) for title in data.column_titles] if show_column_titles else []
    header = (max((len(lines) for lines in heading_lines), default=0) * HEADER_LINE_PX + 8) if heading_lines else 0
    boxes = layout(data, width, height, header)
    scale_by_node = {i: boxes[i].height / data.values[i] if data.values[i] > 0 else 0.0 for i in boxes}
    out_offset = {i: 0.0 for i in boxes}
    in_offset = {i: 0.0 for i in boxes}
    first_target = {s: t for s, t in zip(data.sources, data.targets)}
    first_source = {t: s for s, t in zip(data.sources, data.targets)}
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
             f'viewBox="0 0 {width} {height}" font-family="system-ui, sans-serif" role="img">']
    for column, lines in enumerate(heading_lines):
        x = MARGIN["left"] + column * step
        spans = "".join(f'<tspan x="{x:.1f}" dy="{HEADER_LINE_PX if i else 0}">{escape(line)}</tspan>'
                        for i, line in enumerate(lines))
        parts.append(f'<text class="efp-sankey-column" x="{x:.1f}" y="{MARGIN["top"] + 10}" font-size="10" '
                     f'font-weight="600">{spans}<title>{escape(data.column_titles[column])}</title></text>')
    order = sorted(range(len(data.sources)), key=lambda j: (boxes[data.sources[j]].y, boxes[data.targets[j]].y))
    for j in order:
        source, target, kg = data.sources[j], data.targets[j], data.link_values[j]
        thickness = kg * scale_by_node[source]
        y0 = boxes[source].y + out_offset[source] + thickness / 2
        y1 = boxes[target].y + in_offset[target] + thickness / 2
        out_offset[source] += thickness
        in_offset[target] += thickness
        x0, x1 = boxes[source].x + NODE_WIDTH, boxes[target].x
        middle = (x0 + x1) / 2
        color = data.colors[source].replace("0.8)", "0.35)") if data.colors else "rgba(120,120,120,0.35)"
        start = _visible_end(data, source, first_source)
        end = _visible_end(data, target, first_target)
        tooltip = (f"{data.full_labels[start]} → {data.full_labels[end]}: {format_mass(kg)} CO2-eq"
                   f"{_percent(kg, data.total)}")
        parts.append(f'<path class="efp-sankey-link" d="M{x0:.1f},{y0:.2f} C{middle:.1f},{y0:.2f} '
                     f'{middle:.1f},{y1:.2f} {x1:.1f},{y1:.2f}" fill="none" stroke="{color}" '
                     f'stroke-width="{max(thickness, 0.5):.2f}"><title>{escape(tooltip)}</title></path>')
    for index, box in boxes.items():
        kind = data.kinds[index] if data.kinds else "node"
        color = data.colors[index] if data.colors else "rgba(90,110,140,0.8)"
        parts.append(f'<g class="efp-sankey-node efp-sankey-{kind}" data-index="{index}">'
                     f'<rect x="{box.x:.1f}" y="{box.y:.2f}" width="{NODE_WIDTH}" height="{box.height:.2f}" '
                     f'fill="{color}"><title>{escape(_node_tooltip(data, index))}</title></rect>')
        if kind != "spacer" and data.labels[index]:
            parts.append(f'<text x="{box.x + NODE_WIDTH + 3:.1f}" y="{box.y + box.height / 2:.2f}" '
                         f'font-size="{LABEL_FONT_PX}" dominant-baseline="middle">{escape(data.labels[index])}</text>')
        parts.append("</g>")
    parts.append("</svg>")
    return "\n".join(parts)


def _heading_lines(title: str, step: float) -> list[str]:
    """A column title as lines that fit the column (one class name a line)."""
    room = max(int(step / 6.2), 4)
    return [_short(name, room) for name in title.split(", ") if name]


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit - 1] + "…"


__all__ = ["format_mass", "layout", "sankey_svg"]
