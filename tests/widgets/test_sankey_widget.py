"""SankeyWidget: the engine's Sankey data, rebuilt after updates of its system, with every column summing to the
total."""
from __future__ import annotations

from collections import defaultdict
from typing import Any

import pytest

from efp_core import SourceValue, u
from efp_core.analysis.sankey import ImpactRepartitionSankey
from efp_core.domain.lifecycle_phases import LifeCyclePhases
from efp_widgets.sankey_widget import SANKEY_FIELDS, SankeyWidget
from tests.seed_model import SeedScenario
from tests.toy_model import Machine, Plant, Task


@pytest.fixture
def seed() -> SeedScenario:
    return SeedScenario()


def column_sums(data: dict[str, Any]) -> dict[int, float]:
    sums: dict[int, float] = defaultdict(float)
    for column, value in zip(data["columns"], data["values"]):
        sums[column] += value
    return dict(sums)


def assert_conserved(data: dict[str, Any]) -> None:
    """Every column adds up to the total, and every link leaves and enters nodes of the drawing."""
    assert data["total"] > 0
    for column, total in column_sums(data).items():
        assert total == pytest.approx(data["total"], rel=1e-9), f"column {column}"
    assert len(data["sources"]) == len(data["targets"]) == len(data["link_values"])
    assert all(0 <= i < len(data["labels"]) for i in data["sources"] + data["targets"])


def test_data_is_the_engine_sankey(seed: SeedScenario) -> None:
    widget = SankeyWidget(seed.system)
    expected = ImpactRepartitionSankey(seed.system)
    built = expected.build()
    assert {name: widget.data[name] for name in SANKEY_FIELDS} == {name: getattr(built, name) for name in SANKEY_FIELDS}
    assert widget.data["full_labels"] == expected.full_node_labels
    assert widget.data["total"] == pytest.approx(seed.system.total_footprint.magnitude_sum(u.kg), rel=1e-6)
    assert_conserved(widget.data)


@pytest.mark.parametrize(("edit", "grows"), [
    (lambda seed: setattr(seed.server, "average_carbon_intensity", SourceValue(300 * u.g / u.kWh)), True),
    (lambda seed: seed.to_after_720p(), False),
    (lambda seed: seed.to_after_llm_step(), True),
])
def test_edit_from_code_rebuilds_and_columns_still_sum_to_the_total(seed: SeedScenario, edit, grows: bool) -> None:
    widget = SankeyWidget(seed.system)
    before = widget.data["total"]
    edit(seed)
    assert widget.data["total"] == pytest.approx(seed.system.total_footprint.magnitude_sum(u.kg), rel=1e-6)
    assert (widget.data["total"] > before) is grows
    assert_conserved(widget.data)


@pytest.mark.parametrize(("parameters", "absent_label"), [
    ({"skip_phase_footprint_split": True}, "Manufacturing"),
    ({"lifecycle_phase_filter": LifeCyclePhases.MANUFACTURING}, "Usage"),
    ({"skipped_impact_repartition_classes": ["Country"]}, "France"),
    ({"excluded_object_types": ["Network"]}, "WIFI network"),
])
def test_sankey_parameters_reach_the_engine_sankey(seed: SeedScenario, parameters, absent_label: str) -> None:
    assert absent_label in SankeyWidget(seed.system).data["full_labels"]
    widget = SankeyWidget(seed.system, **parameters)
    built = ImpactRepartitionSankey(seed.system, **parameters).build()
    assert {name: widget.data[name] for name in SANKEY_FIELDS} == {name: getattr(built, name) for name in SANKEY_FIELDS}
    assert absent_label not in widget.data["full_labels"]
    seed.server.average_carbon_intensity = SourceValue(300 * u.g / u.kWh)
    assert_conserved(widget.data)


def test_updates_of_another_model_do_not_rebuild(seed: SeedScenario, monkeypatch) -> None:
    widget = SankeyWidget(seed.system)
    builds = []
    original_build = widget.sankey.build
    monkeypatch.setattr(widget.sankey, "build", lambda: builds.append(1) or original_build())
    machine = Machine("press", power=SourceValue(100 * u.W), hours=SourceValue(2 * u.h))
    Plant("plant", tasks=[Task("stamp", machine=machine, weight=SourceValue(1 * u.dimensionless))])
    machine.power = SourceValue(200 * u.W)
    assert builds == []
    seed.server.average_carbon_intensity = SourceValue(300 * u.g / u.kWh)
    assert builds == [1]


def test_closed_widget_stops_following_the_engine(seed: SeedScenario) -> None:
    widget = SankeyWidget(seed.system)
    before = dict(widget.data)
    widget.close()
    seed.server.average_carbon_intensity = SourceValue(300 * u.g / u.kWh)
    assert widget.data == before


@pytest.mark.parametrize(("args", "kwargs", "match"), [
    (("System",), {}, "expected a System, received str"),
    ((None,), {}, "expected a System, received NoneType"),
])
def test_bad_system_is_refused(args, kwargs, match) -> None:
    with pytest.raises(TypeError, match=match):
        SankeyWidget(*args, **kwargs)


def test_unknown_parameter_is_refused_naming_it(seed: SeedScenario) -> None:
    with pytest.raises(TypeError, match="SankeyWidget: .*'aggregation_threshold'.*ImpactRepartitionSankey"):
        SankeyWidget(seed.system, aggregation_threshold=5)
