"""RelationshipGraph: the drawn nodes and edges are the relationship data; structure edits add or remove nodes
and keep the others where they were; a click selects an object."""
from __future__ import annotations

import pytest

from efp_core.analysis.graph_svg import wrap_label
from efp_core.analysis.relationships import (
    INFRA_VIEW_CLASSES_TO_IGNORE,
    USAGE_PATTERN_VIEW_CLASSES_TO_IGNORE,
    relationship_graph,
)
from efp_widgets.relationship_graph import FONT_PX, MIN_LABEL_PX, PANEL_SIZE, WRAP, RelationshipGraph
from tests.seed_model import SeedScenario


@pytest.fixture
def seed() -> SeedScenario:
    return SeedScenario()


def drawn_edges(graph: RelationshipGraph) -> set[tuple[str, str]]:
    return {(edge.data["source"], edge.data["target"]) for edge in graph.graph.edges}


def positions(graph: RelationshipGraph) -> dict[str, tuple[float, float]]:
    return {node.data["id"]: (node.position["x"], node.position["y"]) for node in graph.graph.nodes}


@pytest.mark.parametrize("view, ignored", [("usage", USAGE_PATTERN_VIEW_CLASSES_TO_IGNORE),
                                           ("infra", INFRA_VIEW_CLASSES_TO_IGNORE), ("all", [])])
def test_drawn_graph_is_the_relationship_data(seed: SeedScenario, view: str, ignored: list[str]) -> None:
    graph = RelationshipGraph(seed.usage_pattern, view=view)
    data = relationship_graph(seed.usage_pattern, ignored)
    assert graph.node_ids == [node.id for node in data.nodes]
    assert drawn_edges(graph) == {(edge.source, edge.target) for edge in data.edges}
    assert len(set(positions(graph).values())) == len(graph.node_ids)  # no two nodes on the same spot


def test_nodes_are_styled_by_class_and_category_and_edges_by_link(seed: SeedScenario) -> None:
    graph = RelationshipGraph(seed.system, view="all")
    nodes = {node.data["id"]: node for node in graph.graph.nodes}
    server, laptop, step = nodes[seed.server.id], nodes[seed.usage_pattern.devices[0].id], nodes[seed.upload_step.id]
    assert (server.classes, server.data["category"]) == ("Server", "Servers")
    assert (step.classes, step.data["category"]) == ("UsageJourneyStep", "")
    assert len({server.data["color"], laptop.data["color"], step.data["color"]}) == 3
    edge = next(e for e in graph.graph.edges if e.data["target"] == seed.server.id)
    assert "link-server" in edge.classes.split() and edge.data["attribute"] == "server"
    styled = {rule["selector"] for rule in graph.cytoscape_style}
    assert {"node.UsageJourneyStep", "edge.link-server"} <= styled


def overlapping(graph: RelationshipGraph) -> list[tuple[str, str]]:
    """Pairs of drawn nodes whose boxes (position ± size / 2, from the node data) intersect."""
    boxes = {n.data["id"]: (n.position["x"], n.position["y"], n.data["width"], n.data["height"])
             for n in graph.graph.nodes}
    ids = sorted(boxes)
    return [(a, b) for i, a in enumerate(ids) for b in ids[i + 1:]
            if abs(boxes[a][0] - boxes[b][0]) < (boxes[a][2] + boxes[b][2]) / 2
            and abs(boxes[a][1] - boxes[b][1]) < (boxes[a][3] + boxes[b][3]) / 2]


def test_labels_stay_readable_at_the_dashboards_panel_size(seed: SeedScenario) -> None:
    graph = RelationshipGraph(seed.system, view="all")
    layout = graph.cytoscape_layout
    assert layout["name"] == "preset" and not layout["fit"]  # zoom and pan are given, not left to a fit
    assert layout["zoom"] * FONT_PX >= MIN_LABEL_PX
    assert graph.min_zoom * FONT_PX == pytest.approx(MIN_LABEL_PX)  # zooming out never makes labels smaller
    width, height = graph.layout_size
    assert width * layout["zoom"] <= PANEL_SIZE[0] and height * layout["zoom"] <= PANEL_SIZE[1]  # all in view
    for node in graph.graph.nodes:  # every node is wide enough for its longest wrapped line (~7 px a character)
        longest = max(len(line) for line in wrap_label(node.data["label"], *WRAP))
        assert node.data["text_width"] >= 7 * longest, node.data["label"]
    assert overlapping(graph) == []


@pytest.mark.parametrize("panel, direction", [((680.0, 500.0), "TB"), ((1800.0, 320.0), "LR")])
def test_layers_run_the_way_that_fits_the_panel(seed: SeedScenario, panel: tuple[float, float],
                                                direction: str) -> None:
    graph = RelationshipGraph(seed.system, view="all", panel_size=panel)
    assert graph.direction == direction
    along = 1 if direction == "TB" else 0
    place = positions(graph)
    assert place[seed.system.id][along] < place[seed.usage_pattern.id][along] < place[seed.server.id][along]


@pytest.mark.parametrize("panel", [PANEL_SIZE, (1800.0, 320.0)])
def test_appending_a_step_adds_its_nodes_and_keeps_the_others_in_place(seed: SeedScenario,
                                                                       panel: tuple[float, float]) -> None:
    graph = RelationshipGraph(seed.system, view="all", panel_size=panel)
    before = positions(graph)
    seed.to_after_llm_step()
    after = positions(graph)
    added = set(after) - set(before)
    assert seed.llm_step.id in added and len(added) == 4  # step, LLM job, external API and its server
    assert {node_id: after[node_id] for node_id in before} == before
    assert (seed.journey.id, seed.llm_step.id) in drawn_edges(graph)
    assert overlapping(graph) == []


def test_removing_a_step_removes_its_node_and_edges(seed: SeedScenario) -> None:
    graph = RelationshipGraph(seed.system, view="all")
    seed.journey.uj_steps.remove(seed.upload_step)
    assert seed.upload_step.id not in graph.node_ids and seed.upload_job.id not in graph.node_ids
    assert all(seed.upload_step.id not in edge for edge in drawn_edges(graph))
    assert drawn_edges(graph) == {(e.source, e.target) for e in relationship_graph(seed.system).edges}


def test_a_click_selects_the_object(seed: SeedScenario) -> None:
    graph = RelationshipGraph(seed.system, view="infra")
    click = {"widget": "node", "event": "click", "data": {"data": {"id": seed.server.id}}}
    graph._handle_interaction(graph, click, [])  # what the front end sends on a tap
    assert graph.selected is seed.server and graph.selected_id == seed.server.id
    with pytest.raises(KeyError, match="no object with id"):
        graph.select("nope")


def test_value_edits_leave_the_graph_alone(seed: SeedScenario) -> None:
    graph = RelationshipGraph(seed.system)
    nodes_before = list(graph.graph.nodes)
    seed.to_after_720p()
    assert list(graph.graph.nodes) == nodes_before


def test_explicit_classes_to_ignore_and_bad_view(seed: SeedScenario) -> None:
    graph = RelationshipGraph(seed.usage_pattern, classes_to_ignore=["Network", "Device", "Country"])
    assert seed.network.id not in graph.node_ids and seed.server.id in graph.node_ids
    with pytest.raises(ValueError, match="view must be one of"):
        RelationshipGraph(seed.system, view="everything")
