"""The seed's notebook=True calls show the live widgets in a kernel (found through the efp.notebook_views entry
point, so efp_core never imports efp_widgets) and the static figure elsewhere."""
from __future__ import annotations

from typing import Any, Callable

import pytest
from IPython.display import HTML

import efp_core.analysis.html_page as html_page
from efp_core import INFRA_VIEW_CLASSES_TO_IGNORE
from efp_core.analysis.html_page import StaticFigure
from efp_core.analysis.sankey import ImpactRepartitionSankey
from efp_widgets.explainer import CalculusExplainer
from efp_widgets.footprint_bars import FootprintBars
from efp_widgets.relationship_graph import RelationshipGraph
from efp_widgets.sankey_widget import SankeyWidget
from tests.seed_model import SeedScenario


@pytest.fixture(scope="module")
def seed() -> Any:
    return SeedScenario()


CALLS: dict[str, tuple[Callable[[Any, Any], Any], type, type]] = {
    "sankey figure": (lambda s, d: ImpactRepartitionSankey(s.system, skipped_impact_repartition_classes=["Job"])
                      .figure(d / "s.html", notebook=True), SankeyWidget, HTML),
    "relationship graph": (lambda s, d: s.usage_pattern.object_relationship_graph_to_file(
        d / "g.html", classes_to_ignore=INFRA_VIEW_CLASSES_TO_IGNORE, notebook=True), RelationshipGraph, HTML),
    "calculus graph": (lambda s, d: s.usage_pattern.devices[0].instances_fabrication_footprint.calculus_graph_to_file(
        d / "c.html", notebook=True), CalculusExplainer, HTML),
    "footprint bars": (lambda s, d: s.system.plot_footprints_by_category_and_object(d / "f.html"), FootprintBars,
                       StaticFigure),
}


@pytest.mark.parametrize("name", list(CALLS))
def test_notebook_call_shows_the_live_widget_in_a_kernel(seed, tmp_path, monkeypatch, name):
    call, live_type, _ = CALLS[name]
    monkeypatch.setattr(html_page, "in_notebook", lambda: True)
    shown = call(seed, tmp_path)
    try:
        assert isinstance(shown, live_type)
    finally:
        shown.close()
    assert list(tmp_path.iterdir()), "the file is written as well"


@pytest.mark.parametrize("name", list(CALLS))
def test_notebook_call_outside_a_kernel_shows_the_static_figure(seed, tmp_path, name):
    call, _, static_type = CALLS[name]
    assert isinstance(call(seed, tmp_path), static_type)


def test_the_sankey_widget_gets_the_figure_parameters(seed, tmp_path, monkeypatch):
    monkeypatch.setattr(html_page, "in_notebook", lambda: True)
    sankey = ImpactRepartitionSankey(seed.system, skipped_impact_repartition_classes=["Job"],
                                     aggregation_threshold_percent=5, skip_phase_footprint_split=True)
    widget = sankey.figure(tmp_path / "s.html", notebook=True)
    try:
        sankey.build()
        assert widget.data["labels"] == sankey.data.labels
        assert sum(widget.data["values"][i] for i, c in enumerate(widget.data["columns"]) if c == 0) == \
            pytest.approx(sankey.total_system_value)
    finally:
        widget.close()
