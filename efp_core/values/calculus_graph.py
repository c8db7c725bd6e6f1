"""Explanations of computed values as data (nodes and edges) and as text, built from formulas, never from strings."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from efp_core.values.explainable import ExplainableObject, Formula


@dataclass(frozen=True)
class CalculusNode:
    id: str
    label: str
    value: str
    unit: str | None
    source: str | None
    source_link: str | None
    formula: str | None


@dataclass(frozen=True)
class CalculusEdge:
    source: str  # the operand's node id
    target: str  # the result's node id
    operation: str


@dataclass
class CalculusGraph:
    """The computation of one value: the value itself, its named operands, theirs, ... to a given depth."""

    root: str
    nodes: dict[str, CalculusNode] = field(default_factory=dict)
    edges: list[CalculusEdge] = field(default_factory=list)


def _unit(value: ExplainableObject) -> str | None:
    unit = getattr(value, "unit", None)
    if unit is None and hasattr(value, "value") and hasattr(value.value, "units"):
        unit = value.value.units
    return None if unit is None else str(unit)


def _node_id(value: Any) -> str:
    return getattr(value, "id", None) or f"{type(value).__name__}-{id(value):x}"


def _node(value: Any) -> CalculusNode:
    formula = value.formula.render() if getattr(value, "formula", None) else None
    source = getattr(value, "source", None)
    return CalculusNode(
        id=_node_id(value), label=value.label or type(value).__name__, value=str(value), unit=_unit(value),
        source=getattr(source, "name", None), source_link=getattr(source, "link", None), formula=formula)


def _direct_operations(value: Any) -> dict[int, str]:
    """For each named operand, the operator applied to it directly: `*` for a and b in `to(a * b, kWh)`."""
    found: dict[int, str] = {}

    def visit(formula: Formula) -> None:
        for operand in formula.operands:
            if isinstance(operand, Formula):
                visit(operand)
            elif isinstance(operand, ExplainableObject):
                found.setdefault(id(operand), formula.operator)

    formula = getattr(value, "formula", None)
    if formula is not None:
        visit(formula)
    return found


def build_calculus_graph(root: Any, depth: int | None = None) -> CalculusGraph:
    """Breadth-first walk over named operands; `depth=None` walks down to the inputs."""
    graph = CalculusGraph(root=_node_id(root))
    graph.nodes[graph.root] = _node(root)
    frontier = [root]
    level = 0
    while frontier and (depth is None or level < depth):
        next_frontier = []
        for value in frontier:
            operations = _direct_operations(value)
            for operand in value.direct_operands():
                operand_id = _node_id(operand)
                graph.edges.append(CalculusEdge(operand_id, _node_id(value), operations.get(id(operand), "compose")))
                if operand_id not in graph.nodes:
                    graph.nodes[operand_id] = _node(operand)
                    next_frontier.append(operand)
        frontier = next_frontier
        level += 1
    return graph


def explain_text(value: Any) -> str:
    """`label = formula` with operands by name, then one line per operand: its value, unit and source."""
    label = value.label or "value"
    if getattr(value, "formula", None) is None:
        source = getattr(value, "source", None)
        return f"{label} = {value}" + (f"\n  source: {source}" if source else "")
    lines = [f"{label} = {value.formula.render()}", f"  = {value}", "where:"]
    for operand in value.direct_operands():
        source = getattr(operand, "source", None)
        origin = f" (source: {source.name})" if source is not None and operand.formula is None else ""
        lines.append(f"  {operand.label_or_value()} = {operand}{origin}")
    return "\n".join(lines)
