"""One entry point from the seed's display calls (`.plot()`, `*_to_file(..., notebook=True)`, `.figure()`) to
the live widgets: `show(kind, subject, **options)` returns the widget, which Jupyter displays when it is the
last expression of a cell."""
from __future__ import annotations

from typing import Any, Callable

import ipywidgets as widgets


def _timeline(subject: Any, **options: Any) -> widgets.Widget:
    from efp_widgets.timeline import Timeline
    return Timeline(subject, **options)


def _footprints(subject: Any, **options: Any) -> widgets.Widget:
    from efp_widgets.footprint_bars import FootprintBars
    return FootprintBars(subject, **options)


def _relationship_graph(subject: Any, **options: Any) -> widgets.Widget:
    from efp_widgets.relationship_graph import RelationshipGraph
    return RelationshipGraph(subject, **options)


def _sankey(subject: Any, **options: Any) -> widgets.Widget:
    from efp_widgets.sankey_widget import SankeyWidget
    return SankeyWidget(subject, **options)


def _calculus_graph(subject: Any, depth: int | None = None, **options: Any) -> widgets.Widget:
    from efp_widgets.explainer import MAX_GRAPH_DEPTH, CalculusExplainer
    return CalculusExplainer(subject, show_graph=True, graph_depth=min(max(depth or 3, 1), MAX_GRAPH_DEPTH),
                             **options)


KINDS: dict[str, Callable[..., widgets.Widget]] = {
    "timeline": _timeline, "footprints": _footprints, "relationship_graph": _relationship_graph,
    "sankey": _sankey, "calculus_graph": _calculus_graph}
# Options of the file-writing calls that mean nothing for a live widget.
FILE_ONLY_OPTIONS = ("filename", "notebook", "width", "height", "xlims")


def show(kind: str, subject: Any, **options: Any) -> widgets.Widget:
    """The live widget of `kind` ("timeline", "footprints", "relationship_graph") for `subject`.

    Options of the file-writing calls (filename, notebook, width, height) are accepted and ignored, so the
    seed's calls can forward theirs unchanged.
    """
    if kind not in KINDS:
        raise ValueError(f"show: kind must be one of {sorted(KINDS)}, received {kind!r}")
    kept = {name: value for name, value in options.items() if name not in FILE_ONLY_OPTIONS}
    return KINDS[kind](subject, **kept)


def registered_view(kind: str, subject: Any, **options: Any) -> widgets.Widget | None:
    """The function efp_core finds through the `efp.notebook_views` entry point: the live widget of `kind`, or
    None for a kind these widgets do not draw (efp_core then shows its static figure)."""
    return show(kind, subject, **options) if kind in KINDS else None
