"""ModelingUpdate(simulation_date=...): values recomputed from the date on, baseline restored, and two switches."""
from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any, List

import numpy as np
import pytest
import pytz

from efp_core import (
    EmptyExplainableObject,
    ExplainableHourlyQuantities,
    ExplainableQuantity,
    ModelChange,
    ModelingObject,
    ModelingUpdate,
    SourceHourlyValues,
    SourceValue,
    calculated,
    u,
)
from efp_core.engine.runtime import compute_system
from efp_core.values.time_ops import cumsum32

START = pytz.utc.localize(datetime(2025, 1, 1))
HOURS = 48
SIMULATION_DATE = START + timedelta(hours=30)
CUT = 30  # hours before the simulation date
F32 = np.float32


class Usage(ModelingObject):
    """Hourly starts times an energy per start, and the running total of that energy."""

    def __init__(self, name: str, hourly_starts: ExplainableHourlyQuantities,
                 energy_per_start: ExplainableQuantity) -> None:
        super().__init__(name)
        self.hourly_starts = hourly_starts
        self.energy_per_start = energy_per_start

    @calculated
    def hourly_energy(self) -> ExplainableHourlyQuantities:
        return (self.hourly_starts * self.energy_per_start).to(u.kWh)

    @calculated
    def cumulative_energy(self) -> ExplainableHourlyQuantities:
        return cumsum32(self.hourly_energy)


class Site(ModelingObject):
    is_system_root = True

    def __init__(self, name: str, usages: List[Usage]) -> None:
        super().__init__(name)
        self.usages = usages

    @property
    def all_linked_objects(self) -> list[ModelingObject]:
        return list(self.usages)

    @calculated
    def total_energy(self) -> Any:
        return sum((usage.hourly_energy for usage in self.usages), start=EmptyExplainableObject())

    def after_init(self) -> None:
        compute_system(self)


def starts(values: np.ndarray) -> SourceHourlyValues:
    return SourceHourlyValues(values.astype(F32) * u.occurrence, START)


A_STARTS = np.arange(HOURS, dtype=F32) + 1
B_STARTS = np.full(HOURS, 10, dtype=F32)


@pytest.fixture
def site() -> Site:
    a = Usage("a", starts(A_STARTS), SourceValue(1 * u.Wh))
    b = Usage("b", starts(B_STARTS), SourceValue(1 * u.Wh))
    return Site("site", [a, b])


def values_of(site: Site) -> dict[tuple[str, str], Any]:
    """Every input and calculated value of the model, by identity (the objects themselves)."""
    out: dict[tuple[str, str], Any] = {}
    for obj in [*site.usages, site]:
        for attr in [*obj.input_attributes, *obj.calculated_attributes]:
            value = obj._values[attr]
            out[(obj.name, attr)] = tuple(value) if isinstance(value, list) else value
    return out


def assert_same_values(before: dict[tuple[str, str], Any], after: dict[tuple[str, str], Any]) -> None:
    assert before.keys() == after.keys()
    for node, value in before.items():
        if isinstance(value, tuple):
            assert all(x is y for x, y in zip(value, after[node])) and len(value) == len(after[node]), node
        else:
            assert after[node] is value, node


def simulate(site: Site) -> ModelingUpdate:
    a = site.usages[0]
    return ModelingUpdate([[a.energy_per_start, SourceValue(2 * u.Wh)]], simulation_date=SIMULATION_DATE)


def test_baseline_is_restored_after_the_simulation_is_computed(site: Site, events: list[ModelChange]) -> None:
    baseline = values_of(site)
    simulation = simulate(site)
    assert_same_values(baseline, values_of(site))
    assert not simulation.updated_values_set
    assert events == []  # nothing visible changed
    assert {(o.name, a) for o, a in simulation.recomputed} == {
        ("a", "hourly_energy"), ("a", "cumulative_energy"), ("site", "total_energy")}


def _kwh(values: np.ndarray) -> np.ndarray:
    """Wh per start × starts, converted to kWh as the formula does (float32 product by the factor)."""
    return values.astype(F32) * F32(0.001)


def test_set_updated_values_shows_the_chain_recomputed_from_the_date(site: Site) -> None:
    a, b = site.usages
    baseline = values_of(site)
    simulation = simulate(site)
    simulation.set_updated_values()
    assert simulation.updated_values_set

    # The change itself.
    assert a.energy_per_start.value == 2 * u.Wh
    # The recomputed chain starts at the simulation date.
    for series in (a.hourly_energy, a.cumulative_energy, site.total_energy):
        assert series.start_date == SIMULATION_DATE
        assert len(series) == HOURS - CUT
    expected_a = (A_STARTS[CUT:] * F32(2)) * F32(0.001)
    np.testing.assert_allclose(a.hourly_energy.magnitude, expected_a, rtol=1e-6)
    # Accumulations restart at the date: the running total forgets what came before.
    np.testing.assert_allclose(a.cumulative_energy.magnitude, np.cumsum(a.hourly_energy.magnitude, dtype=F32))
    expected_b = _kwh(B_STARTS[CUT:])
    np.testing.assert_allclose(site.total_energy.magnitude, a.hourly_energy.magnitude + expected_b, rtol=1e-6)
    # The values the recomputed formulas read are cut to the date as well (methodology §8.3, step 2).
    assert a.hourly_starts.start_date == SIMULATION_DATE
    assert np.array_equal(a.hourly_starts.magnitude, A_STARTS[CUT:])
    assert b.hourly_energy.start_date == SIMULATION_DATE and len(b.hourly_energy) == HOURS - CUT
    # Values outside the recomputation chain keep their full baseline series.
    assert b.cumulative_energy is baseline[("b", "cumulative_energy")]
    assert b.cumulative_energy.start_date == START and len(b.cumulative_energy) == HOURS
    assert b.energy_per_start is baseline[("b", "energy_per_start")]


def test_reset_values_restores_the_baseline_and_switches_both_ways(site: Site, events: list[ModelChange]) -> None:
    a = site.usages[0]
    baseline = values_of(site)
    simulation = simulate(site)
    simulation.set_updated_values()
    simulated = values_of(site)
    simulation.reset_values()
    assert not simulation.updated_values_set
    assert_same_values(baseline, values_of(site))
    assert a.hourly_energy.start_date == START and len(a.hourly_energy) == HOURS
    simulation.set_updated_values()
    assert_same_values(simulated, values_of(site))
    simulation.reset_values()
    assert_same_values(baseline, values_of(site))
    assert [e.kind for e in events] == ["simulation-applied", "simulation-reset"] * 2
    applied = events[0]
    assert (a, "energy_per_start") in applied.changes and (site, "total_energy") in applied.changes
    old, new = applied.changes[(site, "total_energy")]
    assert old is baseline[("site", "total_energy")] and new is simulated[("site", "total_energy")]


def test_a_plain_update_after_a_simulation_uses_the_full_baseline(site: Site) -> None:
    a, b = site.usages
    simulation = simulate(site)
    simulation.set_updated_values()
    simulation.reset_values()
    a.energy_per_start = SourceValue(3 * u.Wh)
    assert a.hourly_energy.start_date == START and len(a.hourly_energy) == HOURS
    np.testing.assert_allclose(a.hourly_energy.magnitude, (A_STARTS * F32(3)) * F32(0.001), rtol=1e-6)
    np.testing.assert_allclose(site.total_energy.magnitude, a.hourly_energy.magnitude + b.hourly_energy.magnitude)


def test_simulation_date_after_the_series_end_keeps_everything_whole(site: Site) -> None:
    """Ancestors ending before the date are left whole (methodology §8.3)."""
    a = site.usages[0]
    simulation = ModelingUpdate([[a.energy_per_start, SourceValue(2 * u.Wh)]],
                                simulation_date=START + timedelta(hours=HOURS + 5))
    simulation.set_updated_values()
    assert a.hourly_energy.start_date == START and len(a.hourly_energy) == HOURS
    simulation.reset_values()


def test_naive_simulation_date_raises(site: Site) -> None:
    a = site.usages[0]
    baseline = values_of(site)
    with pytest.raises(ValueError, match="timezone-aware"):
        ModelingUpdate([[a.energy_per_start, SourceValue(2 * u.Wh)]], simulation_date=datetime(2025, 1, 2))
    assert_same_values(baseline, values_of(site))
