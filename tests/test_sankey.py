"""ImpactRepartitionSankey: the seed's Sankeys match the reference's node totals, every column adds up to the total
and every node passes on what it receives (seed stages and random models), each parameter does what it says, and
the figure is a self-contained HTML file with one <rect> per node."""
from __future__ import annotations

import html.parser
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import efp_core as efp
from efp_core import ImpactRepartitionSankey, LifeCyclePhases, SourceObject
from efp_core.analysis.sankey import SankeyData
from efp_core.errors import InputTypeError, RangeError
from tests.golden import load
from tests.seed_model import SeedScenario
from tests.test_attribution import build_model, category_totals_kg, model_specs, seed_stage_systems, stand_system

GOLDEN = load("golden_seed_quickstart.json")["stages"]
SKIPPED = ["System", "JobBase", "UsagePattern"]
SEED_CALLS = {  # the quickstart's four calls (golden stage, golden name, parameters)
    "sankey": ("base", dict(skipped_impact_repartition_classes=None)),
    "sankey2": ("base", dict(skipped_impact_repartition_classes=SKIPPED)),
    "sankey3": ("base", dict(skipped_impact_repartition_classes=SKIPPED, excluded_object_types=["Device"],
                             lifecycle_phase_filter=LifeCyclePhases.USAGE)),
    "sankey3_llm": ("after_llm_step", dict(skipped_impact_repartition_classes=SKIPPED,
                                           skip_phase_footprint_split=True)),
}
SEED_DEFAULTS = dict(aggregation_threshold_percent=1, node_label_max_length=6, display_column_information=True)


def assert_conserves(data: SankeyData, total: float) -> None:
    """Every column adds up to the total; a node's inflow equals its outflow (first column: no inflow, last
    column: no outflow); node values are what flows through them."""
    rel = 1e-9
    if not data.labels:
        assert total == 0
        return
    last = max(data.columns)
    inflow = [0.0] * len(data.labels)
    outflow = [0.0] * len(data.labels)
    for source, target, value in zip(data.sources, data.targets, data.link_values):
        assert value > 0
        assert data.columns[target] == data.columns[source] + 1, "links join neighbouring columns"
        outflow[source] += value
        inflow[target] += value
    for column in range(last + 1):
        column_total = sum(v for v, c in zip(data.values, data.columns) if c == column)
        assert column_total == pytest.approx(total, rel=rel), f"column {column}"
    for i, (value, column) in enumerate(zip(data.values, data.columns)):
        if column > 0:
            assert inflow[i] == pytest.approx(value, rel=rel), data.full_labels[i]
        else:
            assert inflow[i] == 0
        if column < last:
            assert outflow[i] == pytest.approx(value, rel=rel), data.full_labels[i]
        else:
            assert outflow[i] == 0


# ---- the seed's calls against the reference ---------------------------------------------------------------------
@pytest.fixture(scope="module")
def seed_sankeys() -> dict[str, tuple[ImpactRepartitionSankey, SankeyData]]:
    scenario = SeedScenario()
    built = {}
    for name in ("sankey", "sankey2", "sankey3"):
        sankey = ImpactRepartitionSankey(scenario.system, **SEED_DEFAULTS, **SEED_CALLS[name][1])
        built[name] = (sankey, sankey.build())
    scenario.to_after_720p()
    scenario.to_after_llm_step()
    sankey = ImpactRepartitionSankey(scenario.system, **SEED_DEFAULTS, **SEED_CALLS["sankey3_llm"][1])
    built["sankey3_llm"] = (sankey, sankey.build())
    return built


@pytest.mark.parametrize("name", list(SEED_CALLS))
def test_seed_sankeys_match_the_reference_nodes(seed_sankeys, name):
    stage, _ = SEED_CALLS[name]
    gold = GOLDEN[stage]["sankeys"][name]
    sankey, data = seed_sankeys[name]
    assert sankey.total_system_value == pytest.approx(gold["total_system_value_kg"], rel=1e-6)
    assert (len(data.labels), len(data.sources)) == (gold["n_nodes"], gold["n_links"])
    mine = sorted(zip(sankey.full_node_labels, sankey.node_total_values))
    expected = sorted((label, value) for label, value in gold["nodes"])
    assert [label for label, _ in mine] == [label for label, _ in expected]
    for (label, value), (_, gold_value) in zip(mine, expected):
        assert value == pytest.approx(gold_value, rel=1e-6), label
    assert_conserves(data, sankey.total_system_value)


def test_seed_sankey_columns(seed_sankeys):
    data = seed_sankeys["sankey"][1]
    assert data.column_titles == ["Total impact", "Life cycle phase", "Country", "UsagePattern", "UsageJourney",
                                  "UsageJourneyStep", "JobBase", "Object category",
                                  "Device, Network, ServerBase, Storage"]
    skipped = seed_sankeys["sankey2"][1]
    assert skipped.column_titles == ["Life cycle phase", "Country", "UsageJourney", "UsageJourneyStep",
                                     "Object category", "Device, Network, ServerBase, Storage"]


PARAMETER_SETS = [
    {},
    dict(skipped_impact_repartition_classes=SKIPPED),
    dict(skip_phase_footprint_split=True, skip_object_category_footprint_split=True),
    dict(skip_object_footprint_split=True, aggregation_threshold_percent=0),
    dict(excluded_object_types=["Device", "Network"], lifecycle_phase_filter=LifeCyclePhases.MANUFACTURING),
    dict(skipped_impact_repartition_classes=["UsageJourneyStep", "Device", "EdgeDevice", "Country"],
         aggregation_threshold_percent=5),
    dict(skipped_impact_repartition_classes=["EdgeComputerCPUComponent", "RecurrentEdgeComponentNeed"],
         excluded_object_types=["EdgeRAMComponent"]),
]


@pytest.fixture(scope="module")
def stage_sankeys() -> dict[str, list[tuple[float, float, SankeyData]]]:
    """For each seed stage and parameter set: expected total, Sankey total, data."""
    results: dict[str, list[tuple[float, float, SankeyData]]] = {}
    for stage, system in seed_stage_systems():
        totals = category_totals_kg(system)
        results[stage] = []
        for parameters in PARAMETER_SETS:
            sankey = ImpactRepartitionSankey(system, **parameters)
            data = sankey.build()
            phases = [parameters["lifecycle_phase_filter"]] if "lifecycle_phase_filter" in parameters else totals
            expected = sum(totals[p] for p in phases) if "excluded_object_types" not in parameters else math.nan
            results[stage].append((expected, sankey.total_system_value, data))
    return results


@pytest.mark.parametrize("stage", ["base", "after_720p", "after_llm_step", "after_reset", "simulation", "with_edge",
                                   "with_recurrent_server_need"])
def test_every_seed_stage_conserves(stage_sankeys, stage):
    for expected, total, data in stage_sankeys[stage]:
        if not math.isnan(expected):
            assert total == pytest.approx(expected, rel=1e-7)
        assert_conserves(data, total)


def test_edge_devices_break_down_into_components(stage_sankeys):
    _, total, data = stage_sankeys["with_edge"][0]
    components = [label for label, kind in zip(data.full_labels, data.kinds) if kind == "breakdown"]
    assert {"Edge device CPU", "Edge SSD storage"} <= set(components)
    assert data.column_titles[-1].startswith("EdgeComponent")


# ---- random models ----------------------------------------------------------------------------------------------
@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(model_specs(), st.fixed_dictionaries({
    "aggregation_threshold_percent": st.sampled_from([0, 1, 10]),
    "skipped_impact_repartition_classes": st.lists(st.sampled_from(
        ["System", "Country", "UsagePattern", "UsageJourney", "UsageJourneyStep", "JobBase", "Device", "Storage"]),
        max_size=3),
    "skip_phase_footprint_split": st.booleans(),
    "skip_object_category_footprint_split": st.booleans(),
    "skip_object_footprint_split": st.booleans(),
    "excluded_object_types": st.lists(st.sampled_from(["Device", "Network", "Storage", "JobBase"]), max_size=1),
    "lifecycle_phase_filter": st.sampled_from([None, LifeCyclePhases.MANUFACTURING, LifeCyclePhases.USAGE]),
}))
def test_random_models_and_parameters_conserve(spec, parameters):
    system = build_model(spec)
    sankey = ImpactRepartitionSankey(system, **parameters)
    data = sankey.build()
    assert_conserves(data, sankey.total_system_value)
    if not parameters["excluded_object_types"]:
        totals = category_totals_kg(system)
        phase = parameters["lifecycle_phase_filter"]
        expected = totals[phase] if phase else sum(totals.values())
        assert sankey.total_system_value == pytest.approx(expected, rel=1e-7)


def test_footprint_without_keys_flows_through_not_attributable():
    system, _ = stand_system({})
    sankey = ImpactRepartitionSankey(system, aggregation_threshold_percent=0)
    data = sankey.build()
    assert sankey.total_system_value == pytest.approx(10.0)
    assert data.full_labels.count("Not attributable") == 2  # one per phase
    assert data.column_titles == ["Total impact", "Life cycle phase", "Not attributable", "Object category", "Device"]
    assert_conserves(data, sankey.total_system_value)


# ---- each parameter ---------------------------------------------------------------------------------------------
@dataclass
class ParameterCase:
    name: str
    parameters: dict[str, Any]
    check: Callable[[ImpactRepartitionSankey, SankeyData, dict[str, float]], bool]
    extra: dict[str, Any] = field(default_factory=dict)


def _labels(data: SankeyData, kind: str) -> list[str]:
    return [label for label, k in zip(data.full_labels, data.kinds) if k == kind]


PARAMETER_CASES = [
    ParameterCase("threshold 0: no Other node", dict(aggregation_threshold_percent=0),
                  lambda s, d, t: not _labels(d, "other")),
    ParameterCase("threshold 1: small nodes merged", dict(aggregation_threshold_percent=1),
                  lambda s, d, t: "Other (2)" in _labels(d, "other") and all(
                      v >= 0.01 * s.total_system_value for v, k in zip(d.values, d.kinds) if k not in
                      ("other", "spacer"))),
    ParameterCase("label length None: full labels", dict(node_label_max_length=None),
                  lambda s, d, t: d.labels == d.full_labels),
    ParameterCase("label length 6: truncated with an ellipsis", dict(node_label_max_length=6),
                  lambda s, d, t: "Mean v…" in d.labels and all(len(label) <= 7 for label in d.labels)),
    ParameterCase("skipped classes by name", dict(skipped_impact_repartition_classes=["JobBase"]),
                  lambda s, d, t: "streaming job" not in d.full_labels and "JobBase" not in d.column_titles),
    ParameterCase("skipped classes as classes", dict(skipped_impact_repartition_classes=[efp.JobBase, efp.System]),
                  lambda s, d, t: "streaming job" not in d.full_labels and "System" not in d.full_labels),
    ParameterCase("skip phase split: phases merged", dict(skip_phase_footprint_split=True),
                  lambda s, d, t: not _labels(d, "phase") and d.full_labels.count("France") == 1
                  and "Devices" in _labels(d, "category")),
    ParameterCase("skip category split", dict(skip_object_category_footprint_split=True),
                  lambda s, d, t: not _labels(d, "category") and "Default laptop" in _labels(d, "source")),
    ParameterCase("skip object split", dict(skip_object_footprint_split=True),
                  lambda s, d, t: not _labels(d, "source") and d.column_titles[-1] == "Object category"),
    ParameterCase("excluded devices leave the total", dict(excluded_object_types=["Device"]),
                  lambda s, d, t: math.isclose(s.total_system_value, t["total"] - t["devices"], rel_tol=1e-7)
                  and "Default laptop" not in d.full_labels),
    ParameterCase("usage phase only", dict(lifecycle_phase_filter=LifeCyclePhases.USAGE),
                  lambda s, d, t: math.isclose(s.total_system_value, t["usage"], rel_tol=1e-7)
                  and "Storage manufacturing" not in d.full_labels),
    ParameterCase("phase given as its name", dict(lifecycle_phase_filter="Manufacturing"),
                  lambda s, d, t: math.isclose(s.total_system_value, t["total"] - t["usage"], rel_tol=1e-7)),
]


@pytest.fixture(scope="module")
def base_scenario() -> SeedScenario:
    return SeedScenario()


def _seed_totals(system: Any) -> dict[str, float]:
    totals = category_totals_kg(system)
    devices = sum(d.instances_fabrication_footprint.magnitude_sum("kg") + d.energy_footprint.magnitude_sum("kg")
                  for d in system.devices)
    return {"total": sum(totals.values()), "usage": totals[LifeCyclePhases.USAGE], "devices": devices}


@pytest.mark.parametrize("case", PARAMETER_CASES, ids=lambda c: c.name)
def test_parameter(base_scenario, case):
    sankey = ImpactRepartitionSankey(base_scenario.system, **case.parameters)
    data = sankey.build()
    assert case.check(sankey, data, _seed_totals(base_scenario.system))
    assert_conserves(data, sankey.total_system_value)


BAD_INPUTS = [
    (dict(aggregation_threshold_percent=-1), RangeError, "aggregation_threshold_percent"),
    (dict(aggregation_threshold_percent="1"), InputTypeError, "aggregation_threshold_percent"),
    (dict(node_label_max_length=0), RangeError, "node_label_max_length"),
    (dict(node_label_max_length=2.5), InputTypeError, "node_label_max_length"),
    (dict(skipped_impact_repartition_classes=["Jobs"]), RangeError, "unknown class name 'Jobs'"),
    (dict(skipped_impact_repartition_classes="JobBase"), InputTypeError, "skipped_impact_repartition_classes"),
    (dict(excluded_object_types=[3]), InputTypeError, "excluded_object_types"),
    (dict(lifecycle_phase_filter="End of life"), InputTypeError, "lifecycle_phase_filter"),
    (dict(skip_phase_footprint_split="yes"), InputTypeError, "skip_phase_footprint_split"),
]


@pytest.mark.parametrize("parameters, error, message", BAD_INPUTS, ids=lambda v: str(v)[:40])
def test_bad_parameters_are_named(base_scenario, parameters, error, message):
    with pytest.raises(error, match=message):
        ImpactRepartitionSankey(base_scenario.system, **parameters)


def test_a_non_system_is_refused():
    with pytest.raises(InputTypeError, match="system"):
        ImpactRepartitionSankey("not a system")


# ---- freshness ----------------------------------------------------------------------------------------------------
def test_build_after_an_edit_gives_the_new_values():
    scenario = SeedScenario()
    sankey = ImpactRepartitionSankey(scenario.system, aggregation_threshold_percent=0)
    sankey.build()
    before = dict(zip(sankey.data.node_ids, sankey.node_total_values))
    scenario.streaming_job.resolution = SourceObject("720p (1280 x 720)")
    sankey.build()
    after = dict(zip(sankey.data.node_ids, sankey.node_total_values))
    gold = GOLDEN["after_720p"]
    system_gold = gold["attributed_footprint_sums_kg"]["System"]
    assert sankey.total_system_value == pytest.approx(system_gold["fabrication"] + system_gold["energy"], rel=1e-7)
    streaming = f"object:{scenario.streaming_job.id}:Usage"
    assert after[streaming] == pytest.approx(
        gold["attributed_footprint_sums_kg"]["streaming job"]["energy"], rel=1e-6)
    assert after[streaming] < before[streaming]
    fresh = ImpactRepartitionSankey(scenario.system, aggregation_threshold_percent=0).build()
    assert fresh.values == pytest.approx(sankey.data.values, rel=1e-12)


REBUILD_EDITS: dict[str, Callable[[SeedScenario], Any]] = {
    "a footprint input (server carbon intensity)":
        lambda s: setattr(s.server, "average_carbon_intensity", efp.SourceValue(300 * efp.u.g / efp.u.kWh)),
    "a weight input (data the upload job transfers)":
        lambda s: setattr(s.upload_job, "data_transferred", efp.SourceValue(80 * efp.u.MB)),
    "a step appended with a new job": lambda s: s.journey.uj_steps.append(efp.UsageJourneyStep(
        "extra step", user_time_spent=efp.SourceValue(1 * efp.u.min),
        jobs=[efp.Job.from_defaults("extra job", server=s.server)])),
    "a step removed": lambda s: s.journey.uj_steps.remove(s.upload_step),
    "the usage pattern's country": lambda s: setattr(s.usage_pattern, "country", efp.Countries.GERMANY()),
}


@pytest.mark.parametrize("edit", REBUILD_EDITS.values(), ids=REBUILD_EDITS.keys())
def test_a_sankey_rebuilt_after_an_edit_equals_a_new_one(edit: Callable[[SeedScenario], Any]) -> None:
    """The same ImpactRepartitionSankey reuses the key shares of weights the edit left unchanged."""
    scenario = SeedScenario()
    sankey = ImpactRepartitionSankey(scenario.system, aggregation_threshold_percent=0)
    sankey.build()
    edit(scenario)
    rebuilt = sankey.build()
    fresh = ImpactRepartitionSankey(scenario.system, aggregation_threshold_percent=0).build()
    assert rebuilt.node_ids == fresh.node_ids
    assert rebuilt.values == pytest.approx(fresh.values, rel=1e-12)
    assert list(zip(rebuilt.sources, rebuilt.targets)) == list(zip(fresh.sources, fresh.targets))
    assert rebuilt.link_values == pytest.approx(fresh.link_values, rel=1e-12)


def test_a_rebuild_splits_again_only_the_weights_an_edit_changed(monkeypatch) -> None:
    from efp_core.analysis.attribution import Attribution

    scenario = SeedScenario()
    sankey = ImpactRepartitionSankey(scenario.system)
    splits: list[str] = []
    original = Attribution._split
    def counted(self: Attribution, obj: Any, phase: LifeCyclePhases, weights: Any, grid: Any) -> Any:
        if weights:  # a weight dict with keys (an empty one, like a storage's usage weights, costs nothing)
            splits.append(obj.name)
        return original(self, obj, phase, weights, grid)
    monkeypatch.setattr(Attribution, "_split", counted)
    sankey.build()
    first = len(splits)
    splits.clear()
    scenario.server.average_carbon_intensity = efp.SourceValue(300 * efp.u.g / efp.u.kWh)  # moves no weight
    sankey.build()
    assert first > 10 and splits == []
    scenario.upload_job.data_transferred = efp.SourceValue(80 * efp.u.MB)
    sankey.build()
    assert 0 < len(splits) < first


# ---- the figure -----------------------------------------------------------------------------------------------------
class Tags(html.parser.HTMLParser):
    """Counts start tags and collects external references."""

    def __init__(self) -> None:
        super().__init__()
        self.counts: dict[str, int] = {}
        self.external: list[str] = []
        self.rect_classes: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.counts[tag] = self.counts.get(tag, 0) + 1
        for name, value in attrs:
            if name in ("src", "href") and value and value.startswith(("http:", "https:", "//")):
                self.external.append(value)


@pytest.mark.parametrize("parameters", [SEED_CALLS["sankey"][1], SEED_CALLS["sankey3"][1],
                                        dict(display_column_information=False)], ids=["full", "usage", "no-columns"])
def test_figure_writes_a_self_contained_page(base_scenario, tmp_path, parameters):
    sankey = ImpactRepartitionSankey(base_scenario.system, **{**SEED_DEFAULTS, **parameters})
    path = sankey.figure(filename=tmp_path / "Full impact repartition sankey.html", height=600, width=800)
    assert path.exists()
    text = path.read_text(encoding="utf-8")
    tags = Tags()
    tags.feed(text)
    tags.close()
    assert text.startswith("<!DOCTYPE html>") and tags.counts["svg"] == 1
    assert tags.counts["rect"] == len(sankey.data.labels)
    assert tags.counts["path"] == len(sankey.data.sources)
    assert tags.external == [] and "<script" not in text
    assert ('class="efp-sankey-column"' in text) == sankey.display_column_information
    assert "Mean video consumption user journey" in text  # full labels in tooltips


def test_figure_in_a_notebook_returns_displayable_html(base_scenario, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    shown = ImpactRepartitionSankey(base_scenario.system).figure(notebook=True)
    assert "<svg" in shown.data
    assert (tmp_path / "System impact repartition.html").exists()


def test_figure_of_an_empty_selection_says_so(base_scenario, tmp_path):
    sankey = ImpactRepartitionSankey(base_scenario.system, excluded_object_types=["System"])
    path = sankey.figure(filename=tmp_path / "empty.html")
    assert sankey.total_system_value == 0 and "No footprint to show." in path.read_text(encoding="utf-8")
