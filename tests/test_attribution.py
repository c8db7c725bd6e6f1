"""Attribution of footprints down the repartition chain: golden sums where the reference is right, conservation
everywhere (the System receives exactly the category totals), the splitting rules as a table, fresh after edits."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

import numpy as np
import pytest
import pytz
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import efp_core as efp
from efp_core import LifeCyclePhases, SourceValue, u
from efp_core.analysis.attribution import (
    NOT_ATTRIBUTABLE,
    Attribution,
    Grid,
    attributed_footprint_sums_kg,
    split_shares,
)
from efp_core.errors import ComputationError
from efp_core.values import ExplainableHourlyQuantities, ExplainableObjectDict
from tests.golden import load, named_objects
from tests.seed_model import SeedScenario
from tests.test_edge import SeedEdge

GOLDEN = load("golden_seed_quickstart.json")["stages"]
PHASES = {"fabrication": LifeCyclePhases.MANUFACTURING, "energy": LifeCyclePhases.USAGE}
STAGES = ["base", "after_720p", "after_llm_step", "after_reset", "simulation", "with_edge",
          "with_recurrent_server_need"]


def category_totals_kg(system: Any) -> dict[LifeCyclePhases, float]:
    return {LifeCyclePhases.MANUFACTURING: sum(v.magnitude_sum("kg")
                                               for v in system.total_fabrication_footprints.values()),
            LifeCyclePhases.USAGE: sum(v.magnitude_sum("kg") for v in system.total_energy_footprints.values())}


def seed_stage_systems() -> Any:
    """Yield (stage name, system) for the seven seed stages, in order (edits applied in place)."""
    scenario = SeedScenario()
    yield "base", scenario.system
    for stage in STAGES[1:5]:
        getattr(scenario, f"to_{stage}")()
        yield stage, scenario.system
    scenario.leave_simulation()
    edge = SeedEdge(with_system=False)
    scenario.system.edge_usage_patterns = [edge.edge_usage_pattern]
    yield "with_edge", scenario.system
    edge.add_server_need()
    yield "with_recurrent_server_need", scenario.system


@pytest.fixture(scope="module")
def seed_results() -> dict[str, tuple[dict[str, dict[str, float]], dict[LifeCyclePhases, float],
                                      dict[LifeCyclePhases, float]]]:
    """Per stage: attributed sums by golden object name, System totals per phase, category totals per phase."""
    results = {}
    for stage, system in seed_stage_systems():
        names = {id(obj): name for name, obj in named_objects(system).items()}
        sums = {names[id(obj)]: value for obj, value in attributed_footprint_sums_kg(system).items()}
        attribution = Attribution(system)
        results[stage] = (sums, {p: attribution.total_kg(p) for p in LifeCyclePhases}, category_totals_kg(system))
    return results


@pytest.mark.parametrize("stage", STAGES)
def test_attributed_sums_match_the_corrected_golden_numbers(seed_results, stage):
    sums, _, _ = seed_results[stage]
    golden = GOLDEN[stage]["attributed_footprint_sums_kg"]
    assert set(golden) <= set(sums)
    for name, gold in golden.items():
        for phase in PHASES:
            assert sums[name][phase] == pytest.approx(gold[phase], rel=1e-6, abs=1e-6), (name, phase)


@pytest.mark.parametrize("stage", STAGES)
def test_the_system_receives_exactly_the_category_totals(seed_results, stage):
    _, attributed, totals = seed_results[stage]
    for phase in LifeCyclePhases:
        assert attributed[phase] == pytest.approx(totals[phase], rel=1e-7)  # float32 unit conversions


def test_the_reference_loss_of_the_upload_step_is_not_reproduced():
    """§7.4: the reference gives the upload step 70/1270/60 of the laptop instead of 70/1270."""
    scenario = SeedScenario()
    attribution = Attribution(scenario.system)
    laptop = scenario.usage_pattern.devices[0]
    from_laptop = attribution.per_source_kg(scenario.upload_step, LifeCyclePhases.MANUFACTURING)[laptop]
    laptop_total = laptop.instances_fabrication_footprint.magnitude_sum("kg")
    assert from_laptop / laptop_total == pytest.approx(70 / 1270, rel=1e-5)


def test_attribution_is_fresh_after_an_edit():
    scenario = SeedScenario()
    before = Attribution(scenario.system).footprint_sum_kg(scenario.streaming_job, LifeCyclePhases.USAGE)
    scenario.to_after_720p()
    after = Attribution(scenario.system).footprint_sum_kg(scenario.streaming_job, LifeCyclePhases.USAGE)
    gold = GOLDEN["after_720p"]["attributed_footprint_sums_kg"]["streaming job"]["energy"]
    assert before == pytest.approx(GOLDEN["base"]["attributed_footprint_sums_kg"]["streaming job"]["energy"], 1e-6)
    assert after == pytest.approx(gold, rel=1e-6)


def test_attributed_hourly_series_add_up_over_the_keys():
    """Hour by hour, what a server passes on equals its footprint (two jobs share it)."""
    scenario = SeedScenario()
    attribution = Attribution(scenario.system)
    flows = attribution.phases[LifeCyclePhases.USAGE]
    server = scenario.server
    passed_on = sum(share * flows.inflow[server] for share in flows.parents[server].values())
    assert np.allclose(passed_on, flows.inflow[server], rtol=1e-12, atol=0)
    series = attribution.footprint(scenario.streaming_step, LifeCyclePhases.USAGE)
    assert series.unit == u.kg and len(series) == flows.grid.n_hours


# ---- the splitting rules, as a table ----------------------------------------------------------------------------
@dataclass
class SplitCase:
    name: str
    weights: list[Any]
    expected: list[list[float]]  # per key, per hour


GRID = Grid(datetime(2025, 1, 1, tzinfo=pytz.utc), 3)
SPLIT_CASES = [
    SplitCase("one key takes everything", [np.array([0.0, 2.0, 0.0])], [[1, 1, 1]]),
    SplitCase("proportional where weights are positive", [np.array([1.0, 3.0, 2.0]), np.array([1.0, 1.0, 6.0])],
              [[0.5, 0.75, 0.25], [0.5, 0.25, 0.75]]),
    SplitCase("all-zero hour: period shares, not 100% each", [np.array([2.0, 0.0, 0.0]), np.array([1.0, 0.0, 1.0])],
              [[2 / 3, 0.5, 0], [1 / 3, 0.5, 1]]),
    SplitCase("zero over the whole period: equal split", [np.zeros(3), np.zeros(3)], [[0.5] * 3, [0.5] * 3]),
    SplitCase("negative weights count as 0", [np.array([-1.0, 1.0, 1.0]), np.array([1.0, 1.0, 3.0])],
              [[0, 0.5, 0.25], [1, 0.5, 0.75]]),
    SplitCase("constant weights", [1.0, 3.0], [[0.25] * 3, [0.75] * 3]),
    SplitCase("constant and hourly weights", [1.0, np.array([1.0, 0.0, 3.0])], [[0.5, 1, 0.25], [0.5, 0, 0.75]]),
]


@pytest.mark.parametrize("case", SPLIT_CASES, ids=lambda c: c.name)
def test_split_rules(case):
    shares = split_shares(case.weights, GRID)
    got = [np.broadcast_to(np.asarray(s, dtype=float), (GRID.n_hours,)) for s in shares]
    assert np.allclose(got, case.expected)
    assert np.allclose(np.sum(got, axis=0), 1.0)


# ---- rules 4 (scope), not attributable, errors: with stand-in objects -------------------------------------------
class Stand:
    """A stand-in model object (attribution only reads names, footprints and weights)."""

    def __init__(self, name: str, **attrs: Any) -> None:
        self.name = name
        self.id = name
        self.__dict__.update(attrs)


class Device(Stand):
    """Named like the class so that its category is Devices."""


def hourly(values: list[float], unit: Any = u.kg, start: datetime = GRID.start) -> ExplainableHourlyQuantities:
    return ExplainableHourlyQuantities(u.Quantity(np.array(values, dtype=np.float32), unit), start)


def stand_system(device_weights: dict, extra: list | None = None) -> tuple[Stand, Device]:
    device = Device("device", instances_fabrication_footprint=hourly([1, 2, 3]),
                    energy_footprint=hourly([0, 0, 4]),
                    fabrication_impact_repartition_weights=ExplainableObjectDict(device_weights),
                    usage_impact_repartition_weights=ExplainableObjectDict(device_weights))
    system = Stand("system")
    system.all_linked_objects = [device, *(extra or [])]
    return system, device


def test_keys_outside_the_system_do_not_take_footprint():
    system, _ = stand_system({})
    other_system = Stand("other system")
    country = Stand("country", fabrication_impact_repartition_weights={system: hourly([1, 1, 1], u.dimensionless),
                                                                       other_system: hourly([1, 1, 1],
                                                                                            u.dimensionless)})
    system.all_linked_objects[0].fabrication_impact_repartition_weights = {country: hourly([1, 1, 1],
                                                                                           u.dimensionless)}
    system.all_linked_objects.append(country)
    attribution = Attribution(system, phases=[LifeCyclePhases.MANUFACTURING])
    assert attribution.total_kg() == pytest.approx(6.0)
    assert attribution.footprint_sum_kg(country, LifeCyclePhases.MANUFACTURING) == pytest.approx(6.0)


def test_footprint_without_keys_goes_to_not_attributable():
    system, device = stand_system({})
    attribution = Attribution(system)
    assert attribution.total_kg(LifeCyclePhases.MANUFACTURING) == pytest.approx(6.0)
    assert attribution.footprint_sum_kg(NOT_ATTRIBUTABLE, LifeCyclePhases.USAGE) == pytest.approx(4.0)
    assert attribution.per_source_kg(NOT_ATTRIBUTABLE, LifeCyclePhases.USAGE) == {device: pytest.approx(4.0)}


def test_weights_in_mixed_units_are_converted_before_splitting():
    step_a, step_b = Stand("a"), Stand("b")
    system, _ = stand_system({step_a: hourly([60, 60, 60], u.s), step_b: hourly([1, 1, 1], u.min)}, [step_a, step_b])
    for step in (step_a, step_b):
        step.fabrication_impact_repartition_weights = {system: hourly([1, 1, 1], u.dimensionless)}
    attribution = Attribution(system, phases=[LifeCyclePhases.MANUFACTURING])
    assert attribution.footprint_sum_kg(step_a, LifeCyclePhases.MANUFACTURING) == pytest.approx(3.0)


def test_incompatible_weight_units_name_the_object():
    step_a, step_b = Stand("a"), Stand("b")
    system, _ = stand_system({step_a: hourly([1, 1, 1], u.s), step_b: hourly([1, 1, 1], u.kg)}, [step_a, step_b])
    with pytest.raises(ComputationError, match="Device 'device'.*fabrication_impact_repartition_weights"):
        Attribution(system)


def test_a_cycle_of_keys_is_an_error():
    step_a, step_b = Stand("a"), Stand("b")
    system, _ = stand_system({step_a: 1.0 * u.dimensionless}, [step_a, step_b])
    one = efp.SourceValue(1 * u.dimensionless)
    step_a.fabrication_impact_repartition_weights = {step_b: one}
    step_b.fabrication_impact_repartition_weights = {step_a: one}
    system.all_linked_objects[0].fabrication_impact_repartition_weights = {step_a: one}
    with pytest.raises(ComputationError, match="cycle"):
        Attribution(system, phases=[LifeCyclePhases.MANUFACTURING])


def test_an_api_and_its_server_are_counted_once():
    scenario = SeedScenario()
    scenario.to_after_llm_step()
    attribution = Attribution(scenario.system)
    job = scenario.llm_step.jobs[0]
    api = job.external_api
    sources = attribution.per_source_kg(job, LifeCyclePhases.USAGE)
    assert api in sources and api.server not in sources
    assert sources[api] == pytest.approx(api.energy_footprint.magnitude_sum("kg"), rel=1e-9)


# ---- random models ----------------------------------------------------------------------------------------------
START = datetime(2025, 1, 1)


@st.composite
def model_specs(draw: Any) -> dict[str, Any]:
    n_jobs = draw(st.integers(1, 4))
    n_steps = draw(st.integers(1, 3))
    return {
        "servers": draw(st.lists(st.sampled_from(["autoscaling", "on-premise"]), min_size=1, max_size=2)),
        "job_server": draw(st.lists(st.integers(0, 1), min_size=n_jobs, max_size=n_jobs)),
        "step_jobs": draw(st.lists(st.lists(st.integers(0, n_jobs - 1), min_size=1, max_size=3),
                                   min_size=n_steps, max_size=n_steps)),
        "step_seconds": draw(st.lists(st.sampled_from([30, 70, 600, 3600, 5400]), min_size=n_steps,
                                      max_size=n_steps)),
        "journeys": draw(st.lists(st.lists(st.integers(0, n_steps - 1), min_size=1, max_size=3), min_size=1,
                                  max_size=2)),
        "patterns": draw(st.lists(st.tuples(st.integers(0, 1), st.lists(st.integers(0, 23), min_size=1, max_size=3,
                                                                         unique=True),
                                            st.sampled_from([0, 1, 2]), st.booleans()), min_size=1, max_size=3)),
    }


def build_model(spec: dict[str, Any]) -> efp.System:
    """A small web model from a spec: shared servers, jobs, steps, devices and countries, usage in a few hours."""
    servers = []
    for i, kind in enumerate(spec["servers"]):
        storage = efp.Storage.ssd(f"storage {i}")
        if kind == "on-premise":
            servers.append(efp.Server.from_defaults(f"server {i}", server_type=efp.ServerTypes.on_premise(),
                                                    fixed_nb_of_instances=SourceValue(2 * u.dimensionless),
                                                    storage=storage))
        else:
            servers.append(efp.Server.from_defaults(f"server {i}", storage=storage))
    jobs = [efp.Job.from_defaults(f"job {i}", server=servers[s % len(servers)])
            for i, s in enumerate(spec["job_server"])]
    steps = [efp.UsageJourneyStep(f"step {i}", user_time_spent=SourceValue(seconds * u.s),
                                  jobs=[jobs[j] for j in job_ids])
             for i, (job_ids, seconds) in enumerate(zip(spec["step_jobs"], spec["step_seconds"]))]
    journeys = [efp.UsageJourney(f"journey {i}", uj_steps=[steps[s] for s in step_ids])
                for i, step_ids in enumerate(spec["journeys"])]
    devices = [efp.Device.laptop(), efp.Device.smartphone()]
    networks = [efp.Network.wifi_network(), efp.Network.mobile_network()]
    countries = [efp.Countries.FRANCE(), efp.Countries.GERMANY()]
    patterns = []
    for i, (journey, hours, device_choice, second_network) in enumerate(spec["patterns"]):
        patterns.append(efp.UsagePattern(
            f"pattern {i}", usage_journey=journeys[journey % len(journeys)],
            devices=devices[:1] if device_choice == 0 else devices[1:] if device_choice == 1 else devices,
            network=networks[int(second_network)], country=countries[i % 2],
            hourly_usage_journey_starts=efp.create_hourly_usage_from_daily_volume_and_list_of_hours(
                2 * u.day, daily_volume=1000 * (i + 1), hours=hours, start_date=START)))
    return efp.System("random system", usage_patterns=patterns, edge_usage_patterns=[])


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(model_specs())
def test_random_models_conserve_the_footprint(spec):
    system = build_model(spec)
    attribution = Attribution(system)
    totals = category_totals_kg(system)
    for phase in LifeCyclePhases:
        assert attribution.total_kg(phase) == pytest.approx(totals[phase], rel=1e-7, abs=1e-9)
        flows = attribution.phases[phase]
        for obj, shares in flows.parents.items():
            hourly_total = sum(np.broadcast_to(s, (flows.grid.n_hours,)) for s in shares.values())
            assert obj is system or np.allclose(hourly_total, 1.0)
        assert all(np.all(np.asarray(value) >= -1e-12) for value in flows.inflow.values())


def test_idle_hours_of_a_shared_server_are_split_not_duplicated():
    """An on-premise server runs all day for two jobs used at 8h only: the reference gives every idle hour to both
    jobs (its repartition adds up to 2); the attribution splits it by the jobs' period shares."""
    spec = {"servers": ["on-premise"], "job_server": [0, 0], "step_jobs": [[0, 1]], "step_seconds": [30],
            "journeys": [[0]], "patterns": [(0, [8], 0, False)]}
    system = build_model(spec)
    server = system.servers[0]
    repartition = server.usage_impact_repartition
    reference_sum = sum(share.magnitude.astype(float) for share in repartition.values())
    assert reference_sum.max() == pytest.approx(2.0)
    attribution = Attribution(system)
    server_kg = server.energy_footprint.magnitude_sum("kg")
    to_jobs = sum(attribution.per_source_kg(job, LifeCyclePhases.USAGE)[server] for job in system.jobs)
    assert to_jobs == pytest.approx(server_kg, rel=1e-9)
