"""`calculus_graph_to_file`: how a value is computed, as a self-contained HTML page (hover a node for its formula)."""
from __future__ import annotations

import pathlib
from typing import Any

from efp_core.analysis.graph_svg import DrawnEdge, DrawnNode, graph_svg
from efp_core.analysis.html_page import figure_html, notebook_display, write_html_page
from efp_core.values.calculus_graph import CalculusNode, build_calculus_graph

ROOT_STYLE = ("Value explained", "#d0ebff", "#1864ab")
CALCULATED_STYLE = ("Calculated", "#e5dbff", "#5f3dc4")
INPUT_STYLE = ("Input", "#d3f9d8", "#2b8a3e")


def _subtitle(node: CalculusNode) -> str:
    """A short value line: the value itself when short, else what kind of series it is."""
    if "\n" not in node.value and len(node.value) <= 30:
        return node.value
    first_line = node.value.splitlines()[0]
    if "values from" in first_line:
        return f"hourly values ({node.unit})" if node.unit else "hourly values"
    return first_line[:29] + "…"


def _tooltip(node: CalculusNode) -> str:
    lines = [node.label]
    if node.formula:
        lines.append(f"= {node.formula}")
    lines.append(f"value: {node.value}")
    if node.source:
        lines.append(f"source: {node.source}" + (f" ({node.source_link})" if node.source_link else ""))
    return "\n".join(lines)


def calculus_svg(value: Any, depth: int | None = None) -> str:
    graph = build_calculus_graph(value, depth)
    drawn: list[DrawnNode] = []
    used: dict[str, tuple[str, str, str]] = {}
    for node in graph.nodes.values():
        style = ROOT_STYLE if node.id == graph.root else CALCULATED_STYLE if node.formula else INPUT_STYLE
        used.setdefault(style[0], style)
        drawn.append(DrawnNode(node.id, node.label, style[1], style[2], _tooltip(node),
                               css_class="efp-node efp-calculus-node", subtitle=_subtitle(node)))
    edges = [DrawnEdge(e.source, e.target, f"{graph.nodes[e.source].label} ({e.operation}) → "
                                           f"{graph.nodes[e.target].label}") for e in graph.edges]
    order = [ROOT_STYLE[0], CALCULATED_STYLE[0], INPUT_STYLE[0]]
    legend = [used[name] for name in order if name in used]
    return graph_svg(drawn, edges, direction="LR", legend=legend, wrap=(30, 4), toward_sinks=True)


def calculus_graph_to_file(value: Any, filename: str | pathlib.Path | None = None, width: str = "1800px",
                           height: str = "900px", notebook: bool = False, depth: int | None = None) -> Any:
    """Write the page and return its path; with `notebook=True` return the displayable graph instead."""
    if depth is not None and (not isinstance(depth, int) or depth < 1):
        raise ValueError(f"calculus_graph_to_file of '{value.label}': depth must be a positive int or None "
                         f"(down to the inputs), received {depth!r}")
    svg = calculus_svg(value, depth)
    title = f"How {value.label or 'this value'} is computed"
    if filename is None:
        filename = f"{value.label or 'value'} calculus graph.html"
    path = write_html_page(filename, title, svg, width=width, height=height)
    if notebook:
        return notebook_display(figure_html(svg, width=width, height=height), "calculus_graph", value, depth=depth)
    return path
