"""Object relationship graphs: the seed's usage-pattern, infrastructure and full views give the reference's
nodes and links (captured from efootprint 17.1's object_relationships_graphs on the quickstart), and the HTML file
draws exactly those nodes."""
from __future__ import annotations

import re
from dataclasses import dataclass

import pytest

from efp_core.analysis.graph_layout import layered_layout
from efp_core.analysis.relationships import (
    INFRA_VIEW_CLASSES_TO_IGNORE,
    USAGE_PATTERN_VIEW_CLASSES_TO_IGNORE,
    relationship_graph,
)
from tests.seed_model import SeedScenario
from tests.test_edge import SeedEdge

UP, INFRA, ALL = USAGE_PATTERN_VIEW_CLASSES_TO_IGNORE, INFRA_VIEW_CLASSES_TO_IGNORE, []
UP_NAME = "Daily video streaming consumption"
JOURNEY = "Mean video consumption user journey"
STREAM_STEP, UPLOAD_STEP = "20 min streaming", "1 min video capture then upload"
SERVICE = "Video streaming service"
WEB_INFRA = {(JOURNEY, "streaming job"), (JOURNEY, "upload job"), ("streaming job", SERVICE), (SERVICE, "server"),
             ("upload job", "server"), ("server", "SSD storage")}
WEB_USAGE = {(UP_NAME, JOURNEY), (JOURNEY, STREAM_STEP), (JOURNEY, UPLOAD_STEP), (STREAM_STEP, "server"),
             (UPLOAD_STEP, "server")}
EDGE_INFRA = {("Edge usage journey", "Edge process"), ("Edge process", "Edge device")}


@dataclass(frozen=True)
class Case:
    stage: str
    root: str  # "usage_pattern" or "system"
    view: list[str]
    edges: set[tuple[str, str]]  # by object name, as the reference draws them


CASES = {
    "base, usage pattern view": Case("base", "usage_pattern", UP, WEB_USAGE),
    "base, infrastructure view": Case("base", "usage_pattern", INFRA, WEB_INFRA),
    "base, all objects": Case("base", "usage_pattern", ALL, {
        (UP_NAME, JOURNEY), (UP_NAME, "Default laptop"), (UP_NAME, "WIFI network"), (UP_NAME, "France"),
        (JOURNEY, STREAM_STEP), (JOURNEY, UPLOAD_STEP), (STREAM_STEP, "streaming job"), (UPLOAD_STEP, "upload job"),
        ("streaming job", SERVICE), (SERVICE, "server"), ("upload job", "server"), ("server", "SSD storage")}),
    "LLM step, infrastructure view (the API's own server)": Case("after_llm_step", "usage_pattern", INFRA, WEB_INFRA | {
        (JOURNEY, "LLM API call"), ("LLM API call", "Openai’s gpt-4o"), ("Openai’s gpt-4o", "Openai’s gpt-4o server")}),
    "edge, system usage view": Case("with_edge", "system", UP, WEB_USAGE | {
        ("Edge usage pattern", "Edge usage journey"), ("Edge usage journey", "Edge function"),
        ("Edge function", "Edge device")}),
    "edge, system infrastructure view": Case("with_edge", "system", INFRA, WEB_INFRA | EDGE_INFRA),
    "server need, system infrastructure view": Case("with_recurrent_server_need", "system", INFRA,
                                                    WEB_INFRA | EDGE_INFRA | {
        ("Edge usage journey", "Server need"), ("Server need", "Edge device"), ("Server need", "Job on new server"),
        ("Job on new server", "New server"), ("New server", "New storage")}),
}
STAGES = ["base", "after_llm_step", "with_edge", "with_recurrent_server_need"]


@pytest.fixture(scope="module")
def graphs_by_case() -> dict[str, object]:
    """Walk the seed through its stages once, taking every case's graph at its stage."""
    seed = SeedScenario()
    graphs = {}
    for stage in STAGES:
        if stage == "after_llm_step":
            seed.to_after_720p()
            seed.to_after_llm_step()
        elif stage == "with_edge":
            seed.to_after_reset()
            edge = SeedEdge(with_system=False)
            seed.system.edge_usage_patterns = [edge.edge_usage_pattern]
        elif stage == "with_recurrent_server_need":
            edge.add_server_need()
        roots = {"usage_pattern": seed.usage_pattern, "system": seed.system}
        for name, case in CASES.items():
            if case.stage == stage:
                graphs[name] = relationship_graph(roots[case.root], case.view)
    return graphs


def named_edges(graph) -> set[tuple[str, str]]:
    names = {node.id: node.label for node in graph.nodes}
    return {(names[e.source], names[e.target]) for e in graph.edges}


@pytest.mark.parametrize("case_name", CASES)
def test_view_matches_reference(graphs_by_case, case_name):
    graph, case = graphs_by_case[case_name], CASES[case_name]
    assert named_edges(graph) == case.edges
    assert {node.label for node in graph.nodes} == {name for edge in case.edges for name in edge}
    assert len(graph.edges) == len(case.edges)  # no duplicate links


def test_hidden_objects_are_bridged_with_the_attribute_path():
    seed = SeedScenario()
    graph = relationship_graph(seed.usage_pattern, UP)
    by_name = {node.label: node for node in graph.nodes}
    attributes = {(e.source, e.target): e.attribute for e in graph.edges}
    assert attributes[(by_name[STREAM_STEP].id, by_name["server"].id)] == "jobs.service.server"
    assert attributes[(by_name[UPLOAD_STEP].id, by_name["server"].id)] == "jobs.server"
    assert by_name["server"].category == "Servers"
    assert by_name[STREAM_STEP].category is None
    assert by_name["server"].class_name == "Server"


def test_graph_follows_edits():
    seed = SeedScenario()
    before = named_edges(relationship_graph(seed.usage_pattern, ALL))
    seed.journey.uj_steps = [seed.streaming_step]
    after = named_edges(relationship_graph(seed.usage_pattern, ALL))
    assert before - after == {(JOURNEY, UPLOAD_STEP), (UPLOAD_STEP, "upload job"), ("upload job", "server")}
    assert after <= before


@pytest.mark.parametrize("root, ignored, message", [
    ("not an object", (), "root must be a System or a modeling object"),
    (None, (), "root must be a System or a modeling object"),
    ("usage_pattern", [str], "classes_to_ignore must hold class names"),
])
def test_bad_arguments_are_named(root, ignored, message):
    seed = SeedScenario()
    target = seed.usage_pattern if root == "usage_pattern" else root
    with pytest.raises(TypeError, match=message):
        relationship_graph(target, ignored)


def test_file_draws_every_node_and_link(tmp_path):
    seed = SeedScenario()
    graph = relationship_graph(seed.usage_pattern, INFRA)
    path = seed.usage_pattern.object_relationship_graph_to_file(
        tmp_path / "infra view.html", width="800px", height="500px", classes_to_ignore=INFRA)
    page = path.read_text()
    assert path == tmp_path / "infra view.html"
    assert page.count('class="efp-node efp-object"') == len(graph.nodes) == 6
    assert page.count('class="efp-edge"') == len(graph.edges)
    assert set(re.findall(r'data-id="(\w+)"', page)) == {node.id for node in graph.nodes}
    assert "streaming job" in page and "Default laptop" not in page
    assert not re.search(r"(src|href)=\"https?:", page)  # self-contained


def test_default_view_and_notebook_output(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    seed = SeedScenario()
    shown = seed.system.object_relationship_graph_to_file("graph.html", notebook=True)
    assert type(shown).__name__ == "HTML"
    assert "<svg" in shown.data and "System</text>" not in shown.data  # usage view hides the System
    assert (tmp_path / "graph.html").exists()


# ---- layered layout (used by the relationship and calculus graph files) ----------------------------------------
LAYOUT_CASES = {
    "chain": (["a", "b", "c"], [("a", "b"), ("b", "c")], {"a": 0, "b": 1, "c": 2}),
    "diamond": (["a", "b", "c", "d"], [("a", "b"), ("a", "c"), ("b", "d"), ("c", "d")],
                {"a": 0, "b": 1, "c": 1, "d": 2}),
    "long edge": (["a", "b", "c"], [("a", "b"), ("b", "c"), ("a", "c")], {"a": 0, "b": 1, "c": 2}),
    "cycle is cut": (["a", "b", "c"], [("a", "b"), ("b", "c"), ("c", "a")], {"a": 0, "b": 1, "c": 2}),
    "two roots": (["a", "x", "b"], [("a", "b"), ("x", "b")], {"a": 0, "x": 0, "b": 1}),
}


@pytest.mark.parametrize("case", LAYOUT_CASES)
def test_layers_and_no_overlap(case):
    nodes, edges, expected_layers = LAYOUT_CASES[case]
    layout = layered_layout({n: (80.0, 30.0) for n in nodes}, edges, direction="TB")
    rows = sorted({box.y for box in layout.boxes.values()})
    assert {n: rows.index(layout.boxes[n].y) for n in nodes} == expected_layers
    for first in nodes:
        for second in nodes:
            a, b = layout.boxes[first], layout.boxes[second]
            if first < second and a.y == b.y:
                assert abs(a.x - b.x) >= 80.0  # side by side, not on top of each other
    assert all(0 <= box.x - box.width / 2 and box.x + box.width / 2 <= layout.width for box in layout.boxes.values())


def test_toward_sinks_puts_inputs_next_to_their_result():
    edges = [("input", "result"), ("a", "b"), ("b", "result")]
    sizes = {n: (50.0, 20.0) for n in ("input", "a", "b", "result")}
    early = layered_layout(sizes, edges, direction="LR")
    late = layered_layout(sizes, edges, direction="LR", toward_sinks=True)
    assert early.boxes["input"].x == early.boxes["a"].x
    assert late.boxes["input"].x == late.boxes["b"].x


def test_layout_refuses_unknown_nodes_and_directions():
    with pytest.raises(ValueError, match="name nodes that have no size"):
        layered_layout({"a": (1.0, 1.0)}, [("a", "ghost")])
    with pytest.raises(ValueError, match="direction must be 'TB' or 'LR'"):
        layered_layout({"a": (1.0, 1.0)}, [], direction="BT")
