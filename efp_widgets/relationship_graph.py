"""RelationshipGraph: which object links to which, on ipycytoscape, kept in step with structure edits.

The graph data comes from `efp_core.analysis.relationships`; positions are computed here (layered layout) and
sent with the nodes under cytoscape's "preset" layout, so an appended step gets a place next to its parent
while every other node stays where the person last saw it.
"""
from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import ipycytoscape
import traitlets

from efp_core import ModelChange, ModelingObject
from efp_core.analysis.graph_layout import layered_layout
from efp_core.analysis.relationships import (
    INFRA_VIEW_CLASSES_TO_IGNORE,
    USAGE_PATTERN_VIEW_CLASSES_TO_IGNORE,
    GraphEdge,
    GraphNode,
    relationship_graph,
)
from efp_widgets.binding import BINDING, Node, release

VIEWS: dict[str, list[str]] = {"usage": USAGE_PATTERN_VIEW_CLASSES_TO_IGNORE, "infra": INFRA_VIEW_CLASSES_TO_IGNORE,
                               "all": []}
NODE_SIZE = (150.0, 40.0)
NEW_NODE_OFFSET = (0.0, 110.0)
# Colours by footprint category; objects without a footprint of their own are grey.
CATEGORY_COLORS = {"Servers": "#1f77b4", "Storage": "#9467bd", "ExternalAPIs": "#d62728", "Network": "#2ca02c",
                   "Devices": "#ff7f0e", "EdgeDevices": "#8c564b", None: "#9e9e9e"}
CLASS_SHAPES = {"UsagePattern": "round-rectangle", "EdgeUsagePattern": "round-rectangle", "UsageJourney": "hexagon",
                "EdgeUsageJourney": "hexagon", "UsageJourneyStep": "ellipse", "System": "star"}
EDGE_STYLES = {"jobs": "solid", "uj_steps": "solid", "server": "dashed", "storage": "dotted"}


def _style() -> list[dict[str, Any]]:
    """Cytoscape style: nodes coloured by category and shaped by class, edges drawn by the link they follow."""
    style: list[dict[str, Any]] = [
        {"selector": "node", "style": {"label": "data(label)", "font-size": "11px", "text-valign": "center",
                                       "text-wrap": "wrap", "text-max-width": "140px", "width": 150, "height": 40,
                                       "shape": "round-rectangle", "color": "#fff", "text-outline-width": 1,
                                       "text-outline-color": "data(color)", "background-color": "data(color)"}},
        {"selector": "node:selected", "style": {"border-width": 3, "border-color": "#000"}},
        {"selector": "edge", "style": {"curve-style": "bezier", "target-arrow-shape": "triangle", "width": 1.5,
                                       "line-color": "#999", "target-arrow-color": "#999", "line-style": "solid"}},
    ]
    style += [{"selector": f"node.{class_name}", "style": {"shape": shape}}
              for class_name, shape in CLASS_SHAPES.items()]
    style += [{"selector": f"edge.link-{attribute}", "style": {"line-style": line}}
              for attribute, line in EDGE_STYLES.items()]
    return style


def _cy_node(node: GraphNode, position: tuple[float, float]) -> ipycytoscape.Node:
    return ipycytoscape.Node(
        data={"id": node.id, "label": node.label, "class_name": node.class_name, "category": node.category or "",
              "color": CATEGORY_COLORS.get(node.category, CATEGORY_COLORS[None])},
        position={"x": position[0], "y": position[1]}, classes=node.class_name)


def _cy_edge(edge: GraphEdge) -> ipycytoscape.Edge:
    last_link = edge.attribute.split(".")[-1]
    return ipycytoscape.Edge(data={"id": f"{edge.source}->{edge.target}", "source": edge.source,
                                   "target": edge.target, "attribute": edge.attribute},
                             classes=f"link-{last_link}")


class RelationshipGraph(ipycytoscape.CytoscapeWidget):
    """The objects reachable from `root` (a System or any object) and their links, for `view` "usage",
    "infra" or "all" (or explicit `classes_to_ignore`); clicking a node sets `selected` to its object (and
    `selected_id` to its id)."""

    view = traitlets.Unicode("all")
    selected = traitlets.Any(None, allow_none=True)
    selected_id = traitlets.Unicode("")

    def __init__(self, root: Any, view: str = "all", classes_to_ignore: Iterable[str | type] | None = None,
                 **kwargs: Any) -> None:
        if view not in VIEWS:
            raise ValueError(f"RelationshipGraph: view must be one of {list(VIEWS)}, received {view!r}")
        if not isinstance(root, ModelingObject):
            raise TypeError(f"RelationshipGraph: root must be a System or a modeling object, received {root!r}")
        super().__init__(**kwargs)
        self.root = root
        self.view = view
        # Explicit classes (as the seed's `object_relationship_graph_to_file` takes them) override the view.
        self.classes_to_ignore = list(VIEWS[view]) if classes_to_ignore is None else [
            c if isinstance(c, str) else c.__name__ for c in classes_to_ignore]
        self.data = relationship_graph(root, self.classes_to_ignore)
        self.positions: dict[str, tuple[float, float]] = {}
        self._objects: dict[str, ModelingObject] = {}
        self.set_style(_style())
        self.set_layout(name="preset", fit=True, padding=20)
        self.add_class("efp-relationship-graph")
        self._draw_all()
        self.on("node", "click", self._on_node_click)
        BINDING.bind(self)

    # ---- drawing --------------------------------------------------------------------------------------
    def _draw_all(self) -> None:
        layout = layered_layout({node.id: NODE_SIZE for node in self.data.nodes},
                                [(edge.source, edge.target) for edge in self.data.edges], direction="TB")
        self.positions = {node_id: (box.x, box.y) for node_id, box in layout.boxes.items()}
        self.graph.clear()
        self.graph.add_nodes([_cy_node(node, self.positions[node.id]) for node in self.data.nodes])
        self.graph.add_edges([_cy_edge(edge) for edge in self.data.edges], directed=True)
        self._index_objects()

    def _index_objects(self) -> None:
        self._objects = {}
        stack: list[ModelingObject] = [self.root]
        while stack:
            obj = stack.pop()
            if obj.id not in self._objects:
                self._objects[obj.id] = obj
                stack.extend(obj.linked_objects)
                stack.extend(value for value in vars(obj).values() if isinstance(value, ModelingObject))

    def _place_new(self, node_id: str, edges: list[GraphEdge]) -> tuple[float, float]:
        """Below the first parent already placed, right of whatever already sits on that row."""
        parent = next((self.positions[e.source] for e in edges if e.target == node_id and e.source in self.positions),
                      None)
        if parent is None:
            parent = next((self.positions[e.target] for e in edges
                           if e.source == node_id and e.target in self.positions), (0.0, -NEW_NODE_OFFSET[1]))
        x, y = parent[0] + NEW_NODE_OFFSET[0], parent[1] + NEW_NODE_OFFSET[1]
        taken = [px for px, py in self.positions.values() if abs(py - y) < NODE_SIZE[1]]
        while any(abs(px - x) < NODE_SIZE[0] for px in taken):
            x += NODE_SIZE[0] + 20
        return x, y

    def refresh(self) -> None:
        """Bring the drawn graph to the model's current structure: nodes and edges added or removed, every
        node already drawn kept at its position."""
        new = relationship_graph(self.root, self.classes_to_ignore)
        old_ids = {node.id for node in self.data.nodes}
        new_ids = {node.id for node in new.nodes}
        old_edges = {(e.source, e.target): e for e in self.data.edges}
        new_edges = {(e.source, e.target): e for e in new.edges}
        drawn = {node.data["id"]: node for node in self.graph.nodes}
        for node_id in old_ids - new_ids:
            self.graph.remove_node(drawn[node_id])
            self.positions.pop(node_id, None)
        for key in old_edges.keys() - new_edges.keys():
            if key[0] in new_ids and key[1] in new_ids:
                self.graph.remove_edge_by_id(*key)
        added = [node for node in new.nodes if node.id not in old_ids]
        for node in added:
            self.positions[node.id] = self._place_new(node.id, new.edges)
        if added:
            self.graph.add_nodes([_cy_node(node, self.positions[node.id]) for node in added])
        added_edges = [edge for key, edge in new_edges.items() if key not in old_edges]
        if added_edges:
            self.graph.add_edges([_cy_edge(edge) for edge in added_edges], directed=True)
        self.data = new
        self._index_objects()
        if self.selected_id and self.selected_id not in new_ids:
            self.selected_id, self.selected = "", None

    # ---- binding ------------------------------------------------------------------------------------
    def watched_nodes(self) -> set[Node]:
        """Every link input of every object reachable from the root: only they can change the structure."""
        return {(obj, attr) for obj in self._objects.values()
                for attr, spec in type(obj).input_specs().items() if spec.is_link}

    def on_model_change(self, change: ModelChange, relevant: set[Node]) -> None:
        self.refresh()

    def close(self) -> None:
        release(self)
        super().close()

    # ---- selection ----------------------------------------------------------------------------------
    def _on_node_click(self, target: dict[str, Any]) -> None:
        node_id = target.get("data", {}).get("id", "")
        self.select(node_id)

    def select(self, node_id: str) -> None:
        """Select the node `node_id` (what a click does): `selected` becomes its object."""
        if node_id not in self._objects:
            raise KeyError(f"RelationshipGraph: no object with id {node_id!r} in the graph of '{self.root.name}'")
        self.selected_id = node_id
        self.selected = self._objects[node_id]

    def object_of(self, node_id: str) -> ModelingObject:
        return self._objects[node_id]

    @property
    def node_ids(self) -> list[str]:
        """Ids of the nodes drawn, in drawing order."""
        return [node.data["id"] for node in self.graph.nodes]
