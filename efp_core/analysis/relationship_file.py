"""`object_relationship_graph_to_file`: the relationship graph of an object as a self-contained HTML page."""
from __future__ import annotations

import pathlib
from collections.abc import Iterable
from typing import Any

from efp_core.analysis.graph_svg import DrawnEdge, DrawnNode, graph_svg
from efp_core.analysis.html_page import figure_html, notebook_display, write_html_page
from efp_core.analysis.relationships import USAGE_PATTERN_VIEW_CLASSES_TO_IGNORE, reachable_objects, relationship_graph

# (class matched in the object's hierarchy, legend text, fill, stroke); first match wins, then grey.
CLASS_STYLES: list[tuple[str, str, str, str]] = [
    ("UsagePattern", "Usage pattern", "#cfe0fc", "#2f5fb3"),
    ("EdgeUsagePattern", "Usage pattern", "#cfe0fc", "#2f5fb3"),
    ("UsageJourney", "Usage journey", "#d6ecfb", "#1c7ed6"),
    ("EdgeUsageJourney", "Usage journey", "#d6ecfb", "#1c7ed6"),
    ("UsageJourneyStep", "Step / function", "#dff5fb", "#0ea5c6"),
    ("EdgeFunction", "Step / function", "#dff5fb", "#0ea5c6"),
    ("JobBase", "Job / need", "#f8f1c8", "#b59b12"),
    ("RecurrentEdgeDeviceNeed", "Job / need", "#f8f1c8", "#b59b12"),
    ("RecurrentServerNeed", "Job / need", "#f8f1c8", "#b59b12"),
    ("RecurrentEdgeComponentNeed", "Job / need", "#fbf8e3", "#c9b458"),
    ("Service", "Service", "#fde2c4", "#d9480f"),
    ("ExternalAPI", "External API", "#fdd3c8", "#c92a2a"),
    ("ExternalAPIServer", "External API", "#fdd3c8", "#c92a2a"),
    ("ServerBase", "Hardware", "#fad4d4", "#b02525"),
    ("Storage", "Hardware", "#fad4d4", "#b02525"),
    ("Device", "Hardware", "#fad4d4", "#b02525"),
    ("EdgeDevice", "Hardware", "#fad4d4", "#b02525"),
    ("EdgeComponent", "Hardware", "#fad4d4", "#b02525"),
]
OTHER_STYLE = ("Other", "#e4e7eb", "#616e7c")


def class_style(class_names: Iterable[str]) -> tuple[str, str, str]:
    """(legend text, fill, stroke) for an object whose class hierarchy has these names."""
    names = set(class_names)
    for class_name, legend, fill, stroke in CLASS_STYLES:
        if class_name in names:
            return legend, fill, stroke
    return OTHER_STYLE


def relationship_svg(root: Any, classes_to_ignore: Iterable[str]) -> str:
    graph = relationship_graph(root, classes_to_ignore)
    objects = {obj.id: obj for obj in reachable_objects(root)}
    drawn: list[DrawnNode] = []
    legend: dict[str, tuple[str, str, str]] = {}
    for node in graph.nodes:
        text, fill, stroke = class_style(cls.__name__ for cls in type(objects[node.id]).__mro__)
        legend.setdefault(text, (text, fill, stroke))
        drawn.append(DrawnNode(node.id, node.label, fill, stroke, tooltip=str(objects[node.id]),
                               css_class="efp-node efp-object", subtitle=node.class_name))
    labels = {node.id: node.label for node in graph.nodes}
    edges = [DrawnEdge(e.source, e.target, f"{labels[e.source]} —{e.attribute}→ {labels[e.target]}")
             for e in graph.edges]
    return graph_svg(drawn, edges, direction="TB", legend=list(legend.values()))


def object_relationship_graph_to_file(root: Any, filename: str | pathlib.Path | None = None, width: str = "800px",
                                      height: str = "500px", classes_to_ignore: Iterable[str] | None = None,
                                      notebook: bool = False) -> Any:
    """Write the page and return its path; in a notebook (`notebook=True`) return the displayable graph too."""
    ignored = USAGE_PATTERN_VIEW_CLASSES_TO_IGNORE if classes_to_ignore is None else list(classes_to_ignore)
    svg = relationship_svg(root, ignored)
    title = f"Objects linked to {root.name}"
    if filename is None:
        filename = f"{root.name} object relationships.html"
    path = write_html_page(filename, title, svg, width=width, height=height)
    if notebook:
        return notebook_display(figure_html(svg, width=width, height=height), "relationship_graph", root,
                                classes_to_ignore=ignored)
    return path
