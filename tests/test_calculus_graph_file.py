"""`value.calculus_graph_to_file`: one drawn node per node of the calculus graph data, hover text with the formula
and the value, depth limits, clear errors."""
from __future__ import annotations

import html
import re

import pytest

from tests.seed_model import SeedScenario


@pytest.fixture(scope="module")
def seed() -> SeedScenario:
    return SeedScenario()


def node_titles(page: str) -> dict[str, str]:
    """data-id -> hover text of each drawn calculus node."""
    found = re.findall(r'<g class="efp-node efp-calculus-node" data-id="([^"]+)"><title>(.*?)</title>', page, re.S)
    return {html.unescape(node_id): html.unescape(title) for node_id, title in found}


@pytest.mark.parametrize("depth", [None, 1, 2])
def test_every_node_is_drawn_with_formula_and_value(seed, tmp_path, depth):
    value = seed.usage_pattern.devices[0].instances_fabrication_footprint
    graph = value.calculus_graph(depth)
    path = value.calculus_graph_to_file(tmp_path / "calc.html", width="800px", height="500px", depth=depth)
    titles = node_titles(path.read_text())
    assert set(titles) == set(graph.nodes)
    assert path.read_text().count('class="efp-edge"') == len(graph.edges)
    for node_id, node in graph.nodes.items():
        assert titles[node_id].startswith(node.label)
        assert f"value: {node.value}" in titles[node_id]
        if node.formula:
            assert f"= {node.formula}" in titles[node_id]


def test_depth_one_is_the_value_and_its_direct_operands(seed, tmp_path):
    value = seed.usage_pattern.devices[0].instances_fabrication_footprint
    path = value.calculus_graph_to_file(tmp_path / "calc.html", depth=1)
    titles = node_titles(path.read_text())
    root = titles.pop(value.id)
    assert root.startswith("Instances fabrication footprint of Default laptop\n= ")
    assert {t.split("\n")[0] for t in titles.values()} == {operand.label for operand in value.direct_operands()}
    assert any(t.startswith("Carbon footprint fabrication of Default laptop") and "value: 156 kg" in t
               for t in titles.values())


def test_full_graph_reaches_the_inputs(seed, tmp_path):
    value = seed.server.energy_footprint
    titles = node_titles(value.calculus_graph_to_file(tmp_path / "server.html").read_text())
    assert len(titles) > 10
    assert any(t.startswith("Power usage effectiveness of server") and "value: 1.2" in t for t in titles.values())


def test_notebook_output_and_default_name(seed, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    shown = seed.server.energy_footprint.calculus_graph_to_file(notebook=True, depth=1)
    assert type(shown).__name__ == "HTML" and "efp-calculus-node" in shown.data
    assert (tmp_path / "Energy footprint of server calculus graph.html").exists()


@pytest.mark.parametrize("depth", [0, -1, 1.5, "2"])
def test_bad_depth_is_refused(seed, tmp_path, depth):
    with pytest.raises(ValueError, match="depth must be a positive int or None"):
        seed.server.energy_footprint.calculus_graph_to_file(tmp_path / "x.html", depth=depth)
    assert not (tmp_path / "x.html").exists()
