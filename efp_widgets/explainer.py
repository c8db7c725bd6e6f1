"""CalculusExplainer: one value of a model with its formula and operands, expandable down to the inputs, live.

The kernel sends the explained value and its direct operands; deeper levels travel only when the front-end asks
for a node's children (a custom message), so a large calculus graph never crosses the wire at once. The widget
keeps (object, attribute), not the value: values are immutable, so after an update it re-reads the attribute.
"""
from __future__ import annotations

import pathlib
from typing import Any, Callable

import anywidget
import numpy as np
import traitlets

from efp_core import ExplainableObject, ModelChange, ModelingObject, subscribe
from efp_core.values import (
    CalculusGraph,
    CalculusNode,
    ExplainableHourlyQuantities,
    ExplainableObjectDict,
    ExplainableRecurrentQuantities,
    Formula,
)
from efp_core.values.calculus_graph import build_calculus_graph
from efp_core.values.quantity import format_quantity

STATIC = pathlib.Path(__file__).parent / "static"
SPARKLINE_POINTS = 60
MAX_GRAPH_DEPTH = 8
_MARK = "\x00"  # wraps operand indexes in the rendered formula; labels never contain it


def value_id(value: Any) -> str:
    """The node id `build_calculus_graph` gives a value: `<object id>.<attribute>` for attribute values."""
    return getattr(value, "id", None) or f"{type(value).__name__}-{id(value):x}"


def value_text(value: Any) -> str:
    """One short line for a value; hourly series are summed rather than printed hour by hour."""
    if isinstance(value, ExplainableHourlyQuantities):
        if not len(value):
            return "empty hourly series"
        start, end = (f"{moment:%Y-%m-%d %H:%M}" for moment in (value.start_date, value.end_date))
        return f"{format_quantity(value.sum().value)} in total over {len(value)} h ({start} → {end} UTC)"
    if isinstance(value, ExplainableRecurrentQuantities):
        return f"weekly pattern, {value.min()} to {value.max()}"
    if isinstance(value, ExplainableObjectDict):
        return f"{len(value)} value{'' if len(value) == 1 else 's'} by object"
    return str(value)


def sparkline(value: Any) -> list[float]:
    """At most SPARKLINE_POINTS means over equal slices of an hourly or weekly series (empty for scalars)."""
    if not isinstance(value, (ExplainableHourlyQuantities, ExplainableRecurrentQuantities)) or not len(value):
        return []
    magnitudes = np.asarray(value.value.magnitude, dtype=np.float64)
    starts = np.linspace(0, len(magnitudes), min(SPARKLINE_POINTS, len(magnitudes)), endpoint=False).astype(int)
    sums = np.add.reduceat(magnitudes, starts)
    counts = np.diff(np.append(starts, len(magnitudes)))
    return [float(f"{x:.4g}") for x in sums / counts]


def formula_tokens(value: Any) -> list[dict[str, str]]:
    """The formula as text pieces and operand references, rendered by `Formula.render` itself so the widget
    reads exactly like `explain()`."""
    formula = getattr(value, "formula", None)
    if not isinstance(formula, Formula):
        return []
    leaves: list[Any] = []

    def mark(leaf: Any) -> str:
        leaves.append(leaf)
        return f"{_MARK}{len(leaves) - 1}{_MARK}"

    pieces = formula.render(mark).split(_MARK)
    tokens = []
    for position, piece in enumerate(pieces):
        if position % 2:
            leaf = leaves[int(piece)]
            tokens.append({"operand": value_id(leaf), "text": leaf.label_or_value()})
        elif piece:
            tokens.append({"text": piece})
    return tokens


def operands_of(value: Any) -> list[Any]:
    """The labelled values `value` was computed from (the dict's values for values by object)."""
    return list(value.direct_operands()) if hasattr(value, "direct_operands") else []


def short_unit(value: Any, node: CalculusNode) -> str | None:
    """`g/kWh` rather than `gram / kilowatt_hour` when the value has a pint unit."""
    unit = getattr(value, "unit", None)
    return format(unit, "~P") if unit is not None and hasattr(unit, "dimensionality") else node.unit


def node_data(value: Any, node: CalculusNode, changed_ids: frozenset[str]) -> dict[str, Any]:
    """What the front-end shows for one value: the calculus node plus a short value line and the formula pieces."""
    return {
        "id": node.id, "label": node.label, "value": value_text(value), "unit": short_unit(value, node),
        "source": node.source, "source_link": node.source_link, "formula": node.formula,
        "tokens": formula_tokens(value), "sparkline": sparkline(value), "operand_count": len(operands_of(value)),
        "changed": node.id in changed_ids,
    }


class CalculusExplainer(anywidget.AnyWidget):
    """Explains `obj.attr` (or a free value): formula, operands with value, unit and source, expandable on demand;
    what the last update changed is highlighted; an optional graph of the calculus to `graph_depth` levels."""

    _esm = STATIC / "explainer.js"
    _css = STATIC / "explainer.css"

    root = traitlets.Dict().tag(sync=True)
    operands = traitlets.List().tag(sync=True)
    revision = traitlets.Int(0).tag(sync=True)
    show_graph = traitlets.Bool(False).tag(sync=True)
    graph_depth = traitlets.Int(2).tag(sync=True)
    graph = traitlets.Dict().tag(sync=True)
    # Replaced by the engine subscription once built; close() also runs on a widget whose __init__ refused its input.
    _unsubscribe: Callable[[], None] = staticmethod(lambda: None)

    def __init__(self, value: Any, attr: str | None = None, **kwargs: Any) -> None:
        target, free_value = _resolve_target(value, attr)  # refuse bad input before anything is set up
        # Set before the traits: show_graph/graph_depth given here make their observer read the value.
        self._target, self._free_value = target, free_value
        self._known: dict[str, Any] = {}
        self._changed_ids: frozenset[str] = frozenset()
        super().__init__(**kwargs)
        self._unsubscribe = subscribe(self._on_model_change)
        self.on_msg(self._on_front_end_message)
        self._refresh()

    # ---- what is explained ------------------------------------------------------------------------
    def explain(self, value: Any, attr: str | None = None) -> None:
        """Explain another value: `explain(server.energy_footprint)` or `explain(server, "energy_footprint")`."""
        target, free_value = _resolve_target(value, attr)
        self._target, self._free_value = target, free_value
        self._changed_ids = frozenset()
        self._refresh()

    @property
    def value(self) -> Any:
        """The explained value as the engine holds it now."""
        if self._target is None:
            return self._free_value
        obj, attr = self._target
        return getattr(obj, attr)

    def close(self) -> None:
        self._unsubscribe()
        super().close()

    # ---- engine → widget --------------------------------------------------------------------------
    def _on_model_change(self, change: ModelChange) -> None:
        changed_ids = frozenset(f"{obj.id}.{attr}" for obj, attr in change.changes)
        touches_shown = (self._target in change.changes) or not changed_ids.isdisjoint(self._known)
        if not touches_shown and not self._changed_ids:
            return  # nothing shown changed and nothing is highlighted: nothing to redraw
        self._changed_ids = changed_ids if touches_shown else frozenset()
        self._refresh()

    def _refresh(self) -> None:
        """Re-read the value and send it with its operands; the front-end re-asks for the children it shows."""
        self._known = {}
        value = self.value
        graph = build_calculus_graph(value, depth=1)
        children = operands_of(value)
        self._remember(value, *children)
        with self.hold_sync():
            self.root = node_data(value, graph.nodes[graph.root], self._changed_ids)
            self.operands = [node_data(child, graph.nodes[value_id(child)], self._changed_ids) for child in children]
            self.graph = self._graph_data() if self.show_graph else {}
            self.revision += 1

    def _remember(self, *values: Any) -> None:
        for value in values:
            self._known[value_id(value)] = value

    # ---- graph view -------------------------------------------------------------------------------
    @traitlets.validate("graph_depth")
    def _check_depth(self, proposal: dict[str, Any]) -> int:
        depth = proposal["value"]
        if not 1 <= depth <= MAX_GRAPH_DEPTH:
            raise traitlets.TraitError(
                f"CalculusExplainer.graph_depth: expected a whole number of levels from 1 to {MAX_GRAPH_DEPTH}, "
                f"received {depth}")
        return int(depth)

    @traitlets.observe("show_graph", "graph_depth")
    def _on_graph_options(self, _change: dict[str, Any]) -> None:
        self.graph = self._graph_data() if self.show_graph else {}

    def _graph_data(self) -> dict[str, Any]:
        """Nodes (with their level below the root) and edges of the calculus DAG to `graph_depth` levels."""
        value = self.value
        graph: CalculusGraph = build_calculus_graph(value, depth=self.graph_depth)
        values_by_id = _walk(value, self.graph_depth)
        self._known.update(values_by_id)
        levels = _levels(graph)
        nodes = [{**node_data(values_by_id[node_id], node, self._changed_ids), "level": levels[node_id]}
                 for node_id, node in graph.nodes.items()]
        edges = [{"source": edge.source, "target": edge.target, "operation": edge.operation} for edge in graph.edges]
        return {"root": graph.root, "depth": self.graph_depth, "nodes": nodes, "edges": edges}

    # ---- front-end → kernel -----------------------------------------------------------------------
    def _on_front_end_message(self, _widget: Any, content: dict[str, Any], _buffers: Any) -> None:
        if not isinstance(content, dict) or content.get("type") != "children":
            return
        self.send(self.children_reply(str(content.get("id"))))

    def children_reply(self, node_id: str) -> dict[str, Any]:
        """The answer to the front-end's request for a node's operands (an error names the unknown node)."""
        value = self._known.get(node_id)
        if value is None:
            return {"type": "error", "id": node_id, "revision": self.revision,
                    "message": f"CalculusExplainer: node {node_id!r} is not shown any more; expand it again"}
        graph = build_calculus_graph(value, depth=1)
        children = operands_of(value)
        self._remember(*children)
        return {"type": "children", "id": node_id, "revision": self.revision,
                "children": [node_data(child, graph.nodes[value_id(child)], self._changed_ids)
                             for child in children]}


def _resolve_target(value: Any, attr: str | None) -> tuple[tuple[Any, str] | None, Any]:
    """(object, attribute) to follow, or the free value to show as it is; bad input raises before any change."""
    if attr is not None:
        if not isinstance(value, ModelingObject):
            raise TypeError(f"CalculusExplainer: with attr={attr!r}, the first argument must be a modeling object, "
                            f"received {type(value).__name__}")
        try:
            getattr(value, attr)
        except AttributeError as error:
            raise ValueError(f"CalculusExplainer: {type(value).__name__} '{value.name}' has no attribute "
                             f"{attr!r} to explain") from error
        return (value, attr), None
    if not isinstance(value, (ExplainableObject, ExplainableObjectDict)):
        raise TypeError("CalculusExplainer: expected an explainable value such as server.energy_footprint, "
                        f"or an object and an attribute name; received {type(value).__name__} {value!r}")
    container, name = value.modeling_obj_container, value.attr_name_in_mod_obj_container
    if container is not None and name is not None:
        return (container, name), None
    return None, value


def _walk(root: Any, depth: int) -> dict[str, Any]:
    """Values by node id, breadth first over operands, as `build_calculus_graph` walks them."""
    found = {value_id(root): root}
    frontier = [root]
    for _ in range(depth):
        next_frontier = []
        for value in frontier:
            for operand in operands_of(value):
                if value_id(operand) not in found:
                    found[value_id(operand)] = operand
                    next_frontier.append(operand)
        frontier = next_frontier
    return found


def _levels(graph: CalculusGraph) -> dict[str, int]:
    """Each node's distance (in operand steps) from the root, for a layered drawing."""
    operands: dict[str, list[str]] = {}
    for edge in graph.edges:
        operands.setdefault(edge.target, []).append(edge.source)
    levels = {graph.root: 0}
    frontier = [graph.root]
    while frontier:
        next_frontier = []
        for node_id in frontier:
            for operand in operands.get(node_id, []):
                if operand not in levels:
                    levels[operand] = levels[node_id] + 1
                    next_frontier.append(operand)
        frontier = next_frontier
    return levels
