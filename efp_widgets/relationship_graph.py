"""RelationshipGraph: which object links to which, on ipycytoscape, kept in step with structure edits.

The graph data comes from `efp_core.analysis.relationships`; positions are computed here (layered layout) and
sent with the nodes under cytoscape's "preset" layout, so an appended step gets a place next to its parent
while every other node stays where the person last saw it.

Readability: each node is sized to its wrapped label, the layers run top-to-bottom or left-to-right, whichever
fits the panel at the larger zoom, and the zoom never goes below what keeps labels at MIN_LABEL_PX on screen
(a graph too large for its panel is panned instead of shrunk into illegibility).
"""
from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import ipycytoscape
import traitlets

from efp_core import ModelChange, ModelingObject
from efp_core.analysis.graph_layout import Layout, layered_layout
from efp_core.analysis.graph_svg import wrap_label
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
FONT_PX = 13.0
MIN_LABEL_PX = 11.0  # smallest label size on screen: the zoom is never below MIN_LABEL_PX / FONT_PX
MIN_ZOOM = MIN_LABEL_PX / FONT_PX
MAX_ZOOM = 1.6  # a small graph is not blown up beyond this
CHAR_PX = 7.4  # average width of a character at FONT_PX (sans-serif), generous so labels fit their nodes
LINE_PX = 16.0
WRAP = (22, 3)  # characters per line, lines
PADDING = (12.0, 8.0)  # inside a node, horizontal and vertical
ROUND_SHAPE_WIDENING = 1.3  # ellipses, hexagons and stars have less room for text than their box
NODE_GAP = 16.0
LAYER_GAP = {"TB": 26.0, "LR": 44.0}
PANEL_SIZE = (680.0, 500.0)  # px: the dashboard's graph panel, used to choose the layout direction
# Colours by footprint category; objects without a footprint of their own are grey.
CATEGORY_COLORS = {"Servers": "#1f77b4", "Storage": "#9467bd", "ExternalAPIs": "#d62728", "Network": "#2ca02c",
                   "Devices": "#ff7f0e", "EdgeDevices": "#8c564b", None: "#9e9e9e"}
CLASS_SHAPES = {"UsagePattern": "round-rectangle", "EdgeUsagePattern": "round-rectangle", "UsageJourney": "hexagon",
                "EdgeUsageJourney": "hexagon", "UsageJourneyStep": "ellipse", "System": "star"}
EDGE_STYLES = {"jobs": "solid", "uj_steps": "solid", "server": "dashed", "storage": "dotted"}


def _style() -> list[dict[str, Any]]:
    """Cytoscape style: nodes coloured by category and shaped by class, edges drawn by the link they follow."""
    style: list[dict[str, Any]] = [
        {"selector": "node", "style": {"label": "data(label)", "font-size": f"{FONT_PX:g}px", "text-valign": "center",
                                       "text-halign": "center", "text-wrap": "wrap",
                                       "text-max-width": "data(text_width)", "width": "data(width)",
                                       "height": "data(height)", "shape": "round-rectangle", "color": "#fff",
                                       "text-outline-width": 1, "text-outline-color": "data(color)",
                                       "background-color": "data(color)", "min-zoomed-font-size": 0}},
        {"selector": "node:selected", "style": {"border-width": 3, "border-color": "#000"}},
        {"selector": "edge", "style": {"curve-style": "bezier", "target-arrow-shape": "triangle", "width": 1.5,
                                       "line-color": "#999", "target-arrow-color": "#999", "line-style": "solid"}},
    ]
    style += [{"selector": f"node.{class_name}", "style": {"shape": shape}}
              for class_name, shape in CLASS_SHAPES.items()]
    style += [{"selector": f"edge.link-{attribute}", "style": {"line-style": line}}
              for attribute, line in EDGE_STYLES.items()]
    return style


def node_size(node: GraphNode) -> tuple[float, float]:
    """Width and height (px at zoom 1) that hold the node's label wrapped on at most WRAP[1] lines."""
    lines = wrap_label(node.label, *WRAP)
    width = max(len(line) for line in lines) * CHAR_PX + 2 * PADDING[0]
    if CLASS_SHAPES.get(node.class_name, "round-rectangle") != "round-rectangle":
        width *= ROUND_SHAPE_WIDENING
    return max(width, 70.0), len(lines) * LINE_PX + 2 * PADDING[1]


def fit_zoom(layout: Layout, panel: tuple[float, float] = PANEL_SIZE) -> float:
    """The zoom at which the whole layout fits in `panel` (before the min/max clamp)."""
    return min(panel[0] / max(layout.width, 1.0), panel[1] / max(layout.height, 1.0))


def initial_view(size: tuple[float, float], panel: tuple[float, float]) -> tuple[float, tuple[float, float]]:
    """Zoom (the fitting one, kept within MIN_ZOOM..MAX_ZOOM) and pan that centre a layout of `size` in `panel`;
    a layout taller or wider than the panel at the minimum zoom starts from its top or left edge."""
    zoom = min(max(min(panel[0] / max(size[0], 1.0), panel[1] / max(size[1], 1.0)), MIN_ZOOM), MAX_ZOOM)
    return zoom, (max((panel[0] - zoom * size[0]) / 2, 0.0), max((panel[1] - zoom * size[1]) / 2, 0.0))


def _cy_node(node: GraphNode, position: tuple[float, float], size: tuple[float, float]) -> ipycytoscape.Node:
    return ipycytoscape.Node(
        data={"id": node.id, "label": node.label, "class_name": node.class_name, "category": node.category or "",
              "color": CATEGORY_COLORS.get(node.category, CATEGORY_COLORS[None]), "width": round(size[0], 1),
              "height": round(size[1], 1), "text_width": round(size[0] - 2 * PADDING[0], 1)},
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
                 panel_size: tuple[float, float] = PANEL_SIZE, **kwargs: Any) -> None:
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
        self.panel_size = panel_size
        self.direction = "TB"
        self.positions: dict[str, tuple[float, float]] = {}
        self.sizes: dict[str, tuple[float, float]] = {}
        self._objects: dict[str, ModelingObject] = {}
        self.min_zoom, self.max_zoom = MIN_ZOOM, MAX_ZOOM
        self.set_style(_style())
        self.add_class("efp-relationship-graph")
        self._draw_all()
        self.on("node", "click", self._on_node_click)
        BINDING.bind(self)

    # ---- drawing --------------------------------------------------------------------------------------
    def _draw_all(self) -> None:
        """Lay the graph out in the direction that fits the panel at the larger zoom, and draw it."""
        self.sizes = {node.id: node_size(node) for node in self.data.nodes}
        edges = [(edge.source, edge.target) for edge in self.data.edges]
        layouts = {direction: layered_layout(self.sizes, edges, direction=direction, node_gap=NODE_GAP,
                                             layer_gap=LAYER_GAP[direction]) for direction in ("TB", "LR")}
        self.direction = max(layouts, key=lambda d: fit_zoom(layouts[d], self.panel_size))
        self.layout_size = (layouts[self.direction].width, layouts[self.direction].height)
        self.initial_zoom, pan = initial_view(self.layout_size, self.panel_size)
        # Zoom and pan given, not `fit`: the front end runs the layout before its panel has its final size, and a
        # fit then would shrink the graph to the minimum zoom and cut its top.
        self.set_layout(name="preset", fit=False, zoom=self.initial_zoom, pan={"x": pan[0], "y": pan[1]})
        self.positions = {node_id: (box.x, box.y) for node_id, box in layouts[self.direction].boxes.items()}
        self.graph.clear()
        self.graph.add_nodes([_cy_node(node, self.positions[node.id], self.sizes[node.id])
                              for node in self.data.nodes])
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

    def _place_new(self, node_id: str, size: tuple[float, float], edges: list[GraphEdge]) -> tuple[float, float]:
        """One layer after the first parent already placed (before the first placed child when no parent is),
        then slid along that layer past whatever already sits there."""
        along = 1 if self.direction == "TB" else 0  # the axis layers follow one another on
        across = 1 - along
        anchor_id = next((e.source for e in edges if e.target == node_id and e.source in self.positions), None)
        sign = 1.0
        if anchor_id is None:
            anchor_id = next((e.target for e in edges if e.source == node_id and e.target in self.positions), None)
            sign = -1.0
        if anchor_id is None:
            anchor, anchor_size = (0.0, 0.0), (0.0, 0.0)
        else:
            anchor, anchor_size = self.positions[anchor_id], self.sizes[anchor_id]
        place = list(anchor)
        place[along] += sign * ((anchor_size[along] + size[along]) / 2 + LAYER_GAP[self.direction])

        def overlaps(other_id: str) -> bool:
            other, other_size = self.positions[other_id], self.sizes[other_id]
            return all(abs(other[k] - place[k]) < (other_size[k] + size[k]) / 2 + NODE_GAP / 2 for k in (0, 1))

        while (blocker := next((other for other in self.positions if overlaps(other)), None)) is not None:
            place[across] = (self.positions[blocker][across] + (self.sizes[blocker][across] + size[across]) / 2
                             + NODE_GAP)
        return place[0], place[1]

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
            self.sizes.pop(node_id, None)
        for key in old_edges.keys() - new_edges.keys():
            if key[0] in new_ids and key[1] in new_ids:
                self.graph.remove_edge_by_id(*key)
        added = [node for node in new.nodes if node.id not in old_ids]
        for node in added:
            self.sizes[node.id] = node_size(node)
            self.positions[node.id] = self._place_new(node.id, self.sizes[node.id], new.edges)
        if added:
            self.graph.add_nodes([_cy_node(node, self.positions[node.id], self.sizes[node.id]) for node in added])
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
