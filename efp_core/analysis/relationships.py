"""Which object links to which, as data: the graph behind `object_relationship_graph_to_file` and the widgets.

Nodes are the objects reachable from a root through its inputs; an edge `source -> target` means `source` has
`target` in its input `attribute`. Ignoring a class hides its objects without cutting the graph: a path that runs
through hidden objects only becomes one edge between its visible ends (attribute names joined by dots).
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from efp_core.domain.system import category_of
from efp_core.engine import ModelingObject

# The two views of the reference, by class name (an object is hidden when any class of its hierarchy is listed).
# Usage view: who uses what, from usage patterns down to the servers (no infrastructure details).
USAGE_PATTERN_VIEW_CLASSES_TO_IGNORE: list[str] = [
    "System", "Network", "Device", "Country", "JobBase", "RecurrentEdgeDeviceNeed", "Storage", "EdgeComponent",
    "Service", "RecurrentEdgeComponentNeed", "ExternalAPI", "ExternalAPIServer"]
# Infrastructure view: journeys, jobs and what runs them (no patterns, steps or user hardware).
INFRA_VIEW_CLASSES_TO_IGNORE: list[str] = [
    "UsagePattern", "EdgeUsagePattern", "Network", "Device", "System", "UsageJourneyStep", "EdgeFunction", "Country",
    "EdgeComponent", "RecurrentEdgeComponentNeed"]


@dataclass(frozen=True)
class GraphNode:
    id: str
    label: str
    class_name: str
    category: str | None  # footprint category ("Servers", "Devices", ...) or None for objects without footprint


@dataclass(frozen=True)
class GraphEdge:
    source: str  # links to target
    target: str
    attribute: str  # the source's input holding the target ("jobs.server" when hidden objects were bridged)


@dataclass
class RelationshipGraph:
    nodes: list[GraphNode] = field(default_factory=list)
    edges: list[GraphEdge] = field(default_factory=list)

    def node(self, node_id: str) -> GraphNode:
        for node in self.nodes:
            if node.id == node_id:
                return node
        raise KeyError(f"no node with id {node_id!r} in the relationship graph")


def _class_names(obj: Any) -> set[str]:
    return {cls.__name__ for cls in type(obj).__mro__}


def _links(obj: ModelingObject) -> list[tuple[str, ModelingObject]]:
    """(attribute, linked object): inputs in input order, then objects owned by construction (an API's server).

    A list input gives one pair per distinct object.
    """
    out: list[tuple[str, ModelingObject]] = []
    for attr in type(obj)._input_names:
        value = obj._values.get(attr)
        targets = [value] if isinstance(value, ModelingObject) else value if isinstance(value, list) else []
        out.extend((attr, t) for t in dict.fromkeys(t for t in targets if isinstance(t, ModelingObject)))
    out.extend((attr, value) for attr, value in vars(obj).items()
               if not attr.startswith("_") and isinstance(value, ModelingObject))
    return out


def reachable_objects(root: ModelingObject) -> list[ModelingObject]:
    """Objects reachable from root through inputs, depth-first in input order (root first)."""
    order: list[ModelingObject] = []
    seen: set[int] = set()
    stack = [root]
    while stack:
        obj = stack.pop()
        if id(obj) in seen:
            continue
        seen.add(id(obj))
        order.append(obj)
        stack.extend(target for _, target in reversed(_links(obj)))
    return order


def _check_root(root: Any, classes_to_ignore: Iterable[str]) -> list[str]:
    if not isinstance(root, ModelingObject):
        raise TypeError(f"relationship_graph: root must be a System or a modeling object, received "
                        f"{type(root).__name__} {root!r}")
    names = list(classes_to_ignore)
    bad = [n for n in names if not isinstance(n, str)]
    if bad:
        raise TypeError(f"relationship_graph: classes_to_ignore must hold class names (str), received {bad!r}")
    return names


def relationship_graph(root: Any, classes_to_ignore: Iterable[str] = ()) -> RelationshipGraph:
    """Visible objects reachable from `root` and the links between them (hidden objects bridged)."""
    ignored = set(_check_root(root, classes_to_ignore))
    objects = reachable_objects(root)
    visible = {id(obj) for obj in objects if not (_class_names(obj) & ignored)}
    graph = RelationshipGraph(nodes=[
        GraphNode(id=obj.id, label=obj.name, class_name=type(obj).__name__, category=category_of(obj))
        for obj in objects if id(obj) in visible])
    seen_edges: set[tuple[str, str]] = set()
    for obj in objects:
        if id(obj) in visible:
            for attribute, target in _visible_ends(obj, visible):
                if target is not obj and (obj.id, target.id) not in seen_edges:
                    seen_edges.add((obj.id, target.id))
                    graph.edges.append(GraphEdge(obj.id, target.id, attribute))
    return graph


def _visible_ends(obj: ModelingObject, visible: set[int]) -> list[tuple[str, ModelingObject]]:
    """Visible objects linked from `obj` directly or through hidden objects only, in input order, with the path."""
    found: list[tuple[str, ModelingObject]] = []
    crossed: set[int] = set()

    def follow(current: ModelingObject, path: str) -> None:
        for attr, target in _links(current):
            attribute = f"{path}.{attr}" if path else attr
            if id(target) in visible:
                found.append((attribute, target))
            elif id(target) not in crossed:
                crossed.add(id(target))
                follow(target, attribute)

    follow(obj, "")
    return found
