"""Every seed cell that writes a file, run as the quickstart writes it (same names and arguments), then each file
opened in headless chromium: the SVG is there and drawn (marks with a size), no page error, nothing fetched from
the network. Screenshots go to a temporary folder (printed with -s) for a human look."""
from __future__ import annotations

import os
import warnings
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

import efp_core as efp
from efp_core.analysis.relationships import INFRA_VIEW_CLASSES_TO_IGNORE, USAGE_PATTERN_VIEW_CLASSES_TO_IGNORE
from tests.seed_model import START, SeedScenario, seed_usage_series
from tests.test_edge import SeedEdge

GRAPH, CHART, SANKEY = ".efp-node", ".efp-bar, .efp-line", ".efp-sankey-node"
SEED_SIZE = {"width": "800px", "height": "500px", "notebook": True}
SANKEY_ARGS = {"aggregation_threshold_percent": 1, "skip_phase_footprint_split": False,
               "skip_object_category_footprint_split": False, "skip_object_footprint_split": False,
               "lifecycle_phase_filter": None, "display_column_information": True, "node_label_max_length": 6}
SKIPPED = ["System", "JobBase", "UsagePattern"]


def _sankey(system: Any, filename: Path, height: int, **overrides: Any) -> None:
    sankey_class = getattr(efp, "ImpactRepartitionSankey", None)
    if sankey_class is None or not hasattr(sankey_class, "figure"):
        return
    arguments = {**SANKEY_ARGS, "skipped_impact_repartition_classes": None, "excluded_object_types": None,
                 **overrides}
    sankey_class(system, **arguments).figure(filename=filename, height=height, width=800, notebook=True)


def write_seed_outputs(folder: Path) -> dict[str, str]:
    """Run the quickstart's file-writing cells in order; returns file name -> CSS selector of its drawn marks."""
    seed = SeedScenario()
    up, system = seed.usage_pattern, seed.system
    expected: dict[str, str] = {}

    def graph(obj: Any, name: str, ignored: list[str]) -> None:
        obj.object_relationship_graph_to_file(folder / name, classes_to_ignore=ignored, **SEED_SIZE)
        expected[name] = GRAPH

    def chart(name: str, written: Any) -> None:
        assert Path(written).name == name
        expected[name] = CHART

    # Results: time builders, Sankey diagrams, relationship and calculus graphs, hourly plots.
    usage = seed_usage_series()
    chart("hourly usage first week.html", usage.plot(xlims=[START, START + timedelta(days=7)],
                                                     filename=folder / "hourly usage first week.html").path)
    chart("hourly usage.html", usage.plot(filename=folder / "hourly usage.html").path)
    _sankey(system, folder / "Full impact repartition sankey.html", 600)
    _sankey(system, folder / "Full impact repartition sankey skip jobs and usage patterns.html", 600,
            skipped_impact_repartition_classes=SKIPPED)
    _sankey(system, folder / "Usage impact repartition sankey skip jobs and usage patterns exclude devices.html", 400,
            skipped_impact_repartition_classes=SKIPPED, excluded_object_types=["Device"],
            lifecycle_phase_filter=efp.LifeCyclePhases.USAGE)
    graph(up, "object_relationships_graph_up_view.html", USAGE_PATTERN_VIEW_CLASSES_TO_IGNORE)
    graph(up, "object_relationships_graph_infra_view.html", INFRA_VIEW_CLASSES_TO_IGNORE)
    graph(up, "object_relationships_graph_all_objects.html", [])
    up.devices[0].instances_fabrication_footprint.calculus_graph_to_file(
        folder / "device_population_fab_footprint_calculus_graph.html", **SEED_SIZE)
    expected["device_population_fab_footprint_calculus_graph.html"] = GRAPH
    chart("server energy footprint.html", seed.server.energy_footprint.plot(
        filename=folder / "server energy footprint.html").path)
    chart("total footprint cumulated.html", system.total_footprint.plot(
        cumsum=True, filename=folder / "total footprint cumulated.html").path)
    # Changes: the seed names these .png; efp writes its SVG figures as pages next to them.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        seed.to_after_720p()
        chart("bandwidth reduction.html", system.plot_emission_diffs(folder / "bandwidth reduction.png").path)
        seed.to_after_llm_step()
        graph(up, "object_relationships_graph_with_genai_infra_view.html", INFRA_VIEW_CLASSES_TO_IGNORE)
        chart("LLM chat addition.html", system.plot_emission_diffs(folder / "LLM chat addition.png").path)
        _sankey(system, folder / "Full impact repartition sankey with external API skip jobs and usage patterns.html",
                600, skipped_impact_repartition_classes=SKIPPED, skip_phase_footprint_split=True)
        chart("All changes.html", system.plot_emission_diffs(folder / "All changes.png", from_start=True).path)
    seed.to_after_reset()
    chart("System footprints after reset.html",
          system.plot_footprints_by_category_and_object(folder / "System footprints after reset.html").path)
    edge = SeedEdge(with_system=False)
    system.edge_usage_patterns = [edge.edge_usage_pattern]
    chart("System with edge objects footprints.html", system.plot_footprints_by_category_and_object(
        folder / "System with edge objects footprints.html").path)
    graph(system, "system_with_edge_objects_graph_up_view.html", USAGE_PATTERN_VIEW_CLASSES_TO_IGNORE)
    graph(system, "system_with_edge_objects_graph_infra_view.html", INFRA_VIEW_CLASSES_TO_IGNORE)
    edge.add_server_need()
    graph(system, "system_with_edge_objects_graph_infra_view_with_server_job.html", INFRA_VIEW_CLASSES_TO_IGNORE)
    for name in os.listdir(folder):
        if "sankey" in name:
            expected[name] = SANKEY
    return expected


@pytest.fixture(scope="module")
def seed_outputs(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    folder = tmp_path_factory.mktemp("seed_outputs")
    return folder, write_seed_outputs(folder)


@pytest.fixture(scope="module")
def screenshots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("seed_output_screenshots")
    print(f"\nscreenshots: {folder}")
    return folder


SEED_FILES = [
    "hourly usage first week.html", "hourly usage.html", "object_relationships_graph_up_view.html",
    "object_relationships_graph_infra_view.html", "object_relationships_graph_all_objects.html",
    "device_population_fab_footprint_calculus_graph.html", "server energy footprint.html",
    "total footprint cumulated.html", "bandwidth reduction.html",
    "object_relationships_graph_with_genai_infra_view.html",
    "LLM chat addition.html", "All changes.html", "System footprints after reset.html",
    "System with edge objects footprints.html", "system_with_edge_objects_graph_up_view.html",
    "system_with_edge_objects_graph_infra_view.html", "system_with_edge_objects_graph_infra_view_with_server_job.html",
]
SANKEY_FILES = [
    "Full impact repartition sankey.html", "Full impact repartition sankey skip jobs and usage patterns.html",
    "Usage impact repartition sankey skip jobs and usage patterns exclude devices.html",
    "Full impact repartition sankey with external API skip jobs and usage patterns.html",
]


def test_every_seed_file_was_written(seed_outputs):
    folder, expected = seed_outputs
    assert set(SEED_FILES) <= set(expected)
    assert {name for name in expected if expected[name] == SANKEY} == set(SANKEY_FILES)
    assert all((folder / name).stat().st_size > 0 for name in expected)


@pytest.mark.parametrize("name", SEED_FILES + SANKEY_FILES)
def test_file_renders_in_chromium(seed_outputs, browser, screenshots, name):
    folder, expected = seed_outputs
    page = browser.new_page(viewport={"width": 1000, "height": 700})
    errors: list[str] = []
    requests: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("request", lambda request: requests.append(request.url))
    page.goto((folder / name).as_uri())
    page.wait_for_load_state("load")
    marks = page.locator(f"svg :is({expected[name]})")
    count = marks.count()
    sizes = page.evaluate("""(selector) => Array.from(document.querySelectorAll(selector)).map(e => {
        const box = e.getBoundingClientRect(); return box.width * box.height; })""", f"svg :is({expected[name]})")
    page.screenshot(path=str(screenshots / name.replace(".html", ".png")), full_page=True)
    page.close()
    assert count > 0
    assert sum(size > 0 for size in sizes) > 0
    assert errors == []
    assert [url for url in requests if not url.startswith("file://")] == []
