"""Comparing two states of a system: every difference equals new - old of the reference's golden numbers, per
phase and category, per object, in total and hour by hour; the change history gives the states."""
from __future__ import annotations

import math

import numpy as np
import pytest

import efp_core as efp
from efp_core import SourceObject, u
from efp_core.analysis.comparison import PHASES, compare_states, compare_with_previous, hourly_total
from tests.golden import load
from tests.seed_model import SeedScenario

GOLDEN = load("golden_seed_quickstart.json")["stages"]
RTOL = 1e-6
# (stage reached, stage compared with, from_start)
TRANSITIONS = [("after_720p", "base", False), ("after_llm_step", "after_720p", False),
               ("after_reset", "after_llm_step", False), ("after_reset", "base", True)]


def golden_kg(stage: str, phase: str, category: str) -> float:
    return GOLDEN[stage]["by_category_and_phase_kg"][phase][category]


@pytest.fixture(scope="module")
def comparisons() -> dict[tuple[str, str, bool], object]:
    seed = SeedScenario()
    out = {}
    for stage in ("after_720p", "after_llm_step", "after_reset"):
        getattr(seed, f"to_{stage}")()
        for new, old, from_start in TRANSITIONS:
            if new == stage:
                out[(new, old, from_start)] = compare_with_previous(seed.system, from_start=from_start)
    out["system"] = seed.system
    return out


@pytest.mark.parametrize("transition", TRANSITIONS, ids=lambda t: f"{t[1]}->{t[0]}{' from start' * t[2]}")
def test_category_and_phase_differences_are_golden(comparisons, transition):
    new, old, _ = transition
    comparison = comparisons[transition]
    for (phase, category), difference in comparison.by_phase_and_category.items():
        expected = golden_kg(new, phase, category) - golden_kg(old, phase, category)
        scale = max(golden_kg(new, phase, category), golden_kg(old, phase, category), 1.0)
        assert math.isclose(difference.diff_kg, expected, rel_tol=RTOL, abs_tol=RTOL * scale), (phase, category)
        assert math.isclose(difference.new_kg, golden_kg(new, phase, category), rel_tol=RTOL, abs_tol=1e-6)


@pytest.mark.parametrize("transition", TRANSITIONS, ids=lambda t: f"{t[1]}->{t[0]}{' from start' * t[2]}")
def test_totals_objects_and_hours_agree(comparisons, transition):
    comparison = comparisons[transition]
    total = comparison.total
    assert math.isclose(total.diff_kg, sum(d.diff_kg for d in comparison.by_phase.values()), rel_tol=1e-12)
    assert math.isclose(total.diff_kg, sum(r.difference.diff_kg for r in comparison.by_object), rel_tol=1e-9,
                        abs_tol=1e-6)
    assert math.isclose(total.diff_kg, sum(d.diff_kg for d in comparison.by_category.values()), rel_tol=1e-9,
                        abs_tol=1e-6)
    assert math.isclose(comparison.hourly.diff_kg.sum(), total.diff_kg, rel_tol=1e-9, abs_tol=1e-3)
    assert math.isclose(comparison.hourly.old_kg.sum(), total.old_kg, rel_tol=1e-9)


def test_bandwidth_reduction_only_changes_network_energy(comparisons):
    comparison = comparisons[("after_720p", "base", False)]
    changed = {(r.phase, r.object_name) for r in comparison.by_object if r.difference.diff_kg != 0}
    assert changed == {("energy", "WIFI network")}
    assert comparison.by_phase["fabrication"].diff_kg == 0
    assert comparison.by_phase["energy"].relative == pytest.approx(
        (GOLDEN["after_720p"]["total_footprint_sum_kg"] - GOLDEN["base"]["total_footprint_sum_kg"])
        / sum(GOLDEN["base"]["by_category_and_phase_kg"]["energy"].values()), rel=1e-6)


def test_removed_external_api_is_listed_with_nothing_left(comparisons):
    comparison = comparisons[("after_reset", "after_llm_step", False)]
    api_rows = [r for r in comparison.by_object if r.object_name == "Openai’s gpt-4o"]
    assert {r.phase for r in api_rows} == set(PHASES)
    assert all(r.difference.new_kg == 0 and r.difference.old_kg > 0 for r in api_rows)
    assert all(r.category == "ExternalAPIs" and r.class_name == "EcoLogitsGenAIExternalAPI" for r in api_rows)


def test_hourly_new_state_is_the_system_total(comparisons):
    system = comparisons["system"]
    comparison = comparisons[("after_reset", "base", True)]
    assert comparison.hourly.start == system.total_footprint.start_date
    np.testing.assert_allclose(comparison.hourly.new_kg, system.total_footprint.magnitude, atol=2e-3, rtol=1e-6)
    np.testing.assert_allclose(comparison.hourly.diff_kg, 0, atol=2e-3)  # the reset went back to the start


def test_same_state_has_no_difference():
    seed = SeedScenario()
    state = seed.system.footprint_snapshot()
    comparison = compare_states(state, state)
    assert comparison.total.diff_kg == 0 and comparison.total.relative == 0
    assert not comparison.hourly.diff_kg.any()
    start, hourly = hourly_total(state, phase="energy", category="Network")
    assert math.isclose(hourly.sum(), GOLDEN["base"]["by_category_and_phase_kg"]["energy"]["Network"], rel_tol=RTOL)


def test_previous_state_errors_are_named():
    seed = SeedScenario()
    with pytest.raises(ValueError, match="System 'System' has had no change yet"):
        seed.system.compare_with_previous()
    efp.ModelingUpdate([[seed.streaming_job.resolution, SourceObject("720p (1280 x 720)")]],
                       compute_previous_system_footprints=False)
    with pytest.raises(ValueError, match="kept no previous footprints"):
        seed.system.compare_with_previous()


def test_unknown_phase_is_named():
    seed = SeedScenario()
    with pytest.raises(KeyError, match="no phase 'usage'"):
        hourly_total(seed.system.footprint_snapshot(), phase="usage")


def test_state_holds_values_of_its_moment():
    seed = SeedScenario()
    before = seed.system.footprint_snapshot()
    network_before = before["energy"]["Network"][seed.network].magnitude_sum(u.kg)
    seed.to_after_720p()
    assert before["energy"]["Network"][seed.network].magnitude_sum(u.kg) == network_before
    assert seed.system.footprint_snapshot()["energy"]["Network"][seed.network].magnitude_sum(u.kg) < network_before
