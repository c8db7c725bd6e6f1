"""The engine's fast paths give the same results as the plain ones: ordinary updates that keep only inputs,
detached footprint snapshots, events built only for listeners, the paused collector, lazy class values,
series sums on the union of spans, cached units, and imports that leave heavy packages unloaded."""
from __future__ import annotations

import gc
import subprocess
import sys
from dataclasses import dataclass
from datetime import datetime, timedelta

import numpy as np
import pytest
import pytz

from efp_core import (
    EmptyExplainableObject,
    ExplainableHourlyQuantities,
    ExplainableObjectDict,
    ExplainableQuantity,
    SourceObject,
    SourceValue,
    calculated,
    subscribe,
    u,
)
from efp_core.engine import cutoff, runtime
from efp_core.engine.array_pool import MIN_SIZE, ArrayPool
from efp_core.engine.gc_pause import paused_gc
from efp_core.engine.lazy_class_value import lazy_class_value
from efp_core.engine.structure_cache import structure_cached
from efp_core.values.empty import sum_values
from efp_core.values.hourly import DTYPE
from tests.seed_model import SeedScenario
from tests.toy_model import Machine, Plant, Task

START = pytz.utc.localize(datetime(2025, 1, 1))
HOUR = timedelta(hours=1)


def total(system) -> np.ndarray:
    return system.total_footprint.magnitude.copy()


@pytest.fixture(scope="module")
def scenario() -> SeedScenario:
    return SeedScenario()


def test_an_ordinary_update_keeps_inputs_only_and_still_switches_back_and_forth(scenario: SeedScenario) -> None:
    before = total(scenario.system)
    scenario.to_after_720p()
    after = total(scenario.system)
    update = scenario.system.previous_change
    assert update._baseline.calcs == {} and update._updated.calcs == {}
    assert set(update._baseline.inputs) == {(scenario.streaming_job, "resolution")}
    update.reset_values()
    assert scenario.streaming_job.resolution.value == "1080p (1920 x 1080)"
    np.testing.assert_array_equal(total(scenario.system), before)
    update.set_updated_values()
    np.testing.assert_array_equal(total(scenario.system), after)
    scenario.streaming_job.resolution = SourceObject("1080p (1920 x 1080)")
    np.testing.assert_array_equal(total(scenario.system), before)


def test_previous_footprints_keep_the_numbers_without_the_formulas(scenario: SeedScenario) -> None:
    server_footprint = scenario.server.energy_footprint
    scenario.streaming_job.resolution = SourceObject("720p (1280 x 720)")
    kept = scenario.system.previous_change.previous_footprints[scenario.system]["energy"]["Servers"][scenario.server]
    assert kept.formula is None and server_footprint.formula is not None
    np.testing.assert_array_equal(kept.magnitude, server_footprint.magnitude)
    assert kept.start_date == server_footprint.start_date and kept.unit == server_footprint.unit
    scenario.streaming_job.resolution = SourceObject("1080p (1920 x 1080)")


def test_an_update_builds_its_event_only_when_someone_listens(scenario: SeedScenario, monkeypatch) -> None:
    from efp_core.engine.modeling_update import ModelingUpdate

    built: list[str] = []
    original = ModelingUpdate._event
    monkeypatch.setattr(ModelingUpdate, "_event", lambda self, *a: built.append("event") or original(self, *a))
    scenario.streaming_job.resolution = SourceObject("720p (1280 x 720)")
    assert built == []
    received = []
    unsubscribe = subscribe(received.append)
    try:
        scenario.streaming_job.resolution = SourceObject("1080p (1920 x 1080)")
    finally:
        unsubscribe()
    assert built == ["event"] and (scenario.streaming_job, "resolution") in received[0].changes


@pytest.mark.parametrize("enabled_before, nested", [(True, False), (True, True), (False, False), (False, True)])
def test_paused_gc_restores_the_collector_state_of_the_outermost_caller(enabled_before: bool, nested: bool) -> None:
    was = gc.isenabled()
    (gc.enable if enabled_before else gc.disable)()
    try:
        with paused_gc():
            if nested:
                with paused_gc():
                    assert not gc.isenabled()
            assert not gc.isenabled()
        assert gc.isenabled() == enabled_before
    finally:
        (gc.enable if was else gc.disable)()


def test_a_lazy_class_value_is_built_once_on_first_read() -> None:
    calls: list[int] = []

    class Holder:
        choices = lazy_class_value(lambda: calls.append(1) or ["a", "b"])

    assert calls == []
    assert Holder.choices == ["a", "b"] and Holder().choices is Holder.choices
    assert calls == [1]


@dataclass(frozen=True)
class SpanCase:
    name: str
    offset: int  # start of the second series, in hours after the first one's
    first_length: int
    second_length: int


SPAN_CASES = [
    SpanCase("same span", 0, 48, 48),
    SpanCase("second inside", 5, 48, 10),
    SpanCase("second later and longer", 30, 48, 40),
    SpanCase("second earlier", -7, 48, 20),
    SpanCase("second covers first", -3, 10, 30),
    SpanCase("disjoint", 60, 24, 24),
]


@pytest.mark.parametrize("case", SPAN_CASES, ids=lambda c: c.name)
@pytest.mark.parametrize("sign", [1, -1])
def test_series_sums_on_the_union_of_spans_equal_the_padded_computation(case: SpanCase, sign: int) -> None:
    rng = np.random.default_rng(7)
    a = rng.random(case.first_length, dtype=np.float32) * 1000
    b = rng.random(case.second_length, dtype=np.float32) * 1000
    first = ExplainableHourlyQuantities(u.Quantity(a, u.kWh), START)
    second = ExplainableHourlyQuantities(u.Quantity(b, u.kWh), START + case.offset * HOUR)
    result = first + second if sign > 0 else first - second
    low, high = min(0, case.offset), max(case.first_length, case.offset + case.second_length)
    padded_a, padded_b = np.zeros(high - low, DTYPE), np.zeros(high - low, DTYPE)
    padded_a[-low:-low + case.first_length] = a
    padded_b[case.offset - low:case.offset - low + case.second_length] = b
    expected = padded_a + padded_b if sign > 0 else padded_a - padded_b
    assert result.start_date == START + low * HOUR
    assert result.magnitude.dtype == DTYPE
    np.testing.assert_array_equal(result.magnitude, expected)


def test_unit_lookups_are_cached_and_still_convert() -> None:
    assert u.kWh is u.kWh
    assert (3 * u.kWh).to(u.Wh).magnitude == pytest.approx(3000)


def test_importing_efp_core_leaves_heavy_optional_packages_unloaded() -> None:
    code = ("import sys, efp_core; print(sorted(m for m in ('pandas', 'boaviztapi', 'ecologits', 'scipy.signal') "
            "if m in sys.modules))")
    completed = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert completed.stdout.strip() == "[]"


# ---- early cut-off ------------------------------------------------------------------------------------------------
def hourly(values: list[float], unit=u.kWh, start=START, dtype=DTYPE) -> ExplainableHourlyQuantities:
    return ExplainableHourlyQuantities(u.Quantity(np.array(values, dtype=dtype), unit), start)


def keyed(*pairs: tuple[str, ExplainableHourlyQuantities]) -> ExplainableObjectDict:
    return ExplainableObjectDict(pairs)


IDENTICAL_CASES = [
    ("same series", hourly([1, 2]), hourly([1, 2]), True),
    ("one number differs", hourly([1, 2]), hourly([1, 3]), False),
    ("starts an hour later", hourly([1, 2]), hourly([1, 2], start=START + HOUR), False),
    ("same energy in another unit", hourly([1, 2]), hourly([1000, 2000], unit=u.Wh), False),
    ("same quantity", SourceValue(2 * u.kg).copy(), SourceValue(2 * u.kg).copy(), True),
    ("equal quantity in another unit", SourceValue(2 * u.kg), SourceValue(2000 * u.g), False),
    ("integer against float magnitude", SourceValue(2 * u.kg), SourceValue(2.0 * u.kg), False),
    ("two empty values", EmptyExplainableObject(), EmptyExplainableObject(), True),
    ("dicts in another key order", keyed(("a", hourly([1])), ("b", hourly([2]))),
     keyed(("b", hourly([2])), ("a", hourly([1]))), False),
    ("dicts with identical items", keyed(("a", hourly([1]))), keyed(("a", hourly([1]))), True),
    ("choices are always passed on", SourceObject("x"), SourceObject("x"), False),
]


@pytest.mark.parametrize("old, new, expected", [c[1:] for c in IDENTICAL_CASES], ids=[c[0] for c in IDENTICAL_CASES])
def test_identical_is_strict_about_everything_a_later_formula_can_see(old, new, expected: bool) -> None:
    assert cutoff.identical(old, new) is expected


def formula_leaves_are_current_values(objects) -> list[str]:
    """Every operand of every calculated value that belongs to an attribute is that attribute's current value."""
    stale = []
    for obj in objects:
        for attr in obj.calculated_attributes:
            value = obj._values.get(attr)
            items = list(value.values()) if isinstance(value, dict) else [value]
            for item in items:
                for leaf in item.direct_operands() if hasattr(item, "direct_operands") else []:
                    holder, name = leaf.modeling_obj_container, leaf.attr_name_in_mod_obj_container
                    if holder is None or name not in holder._values:
                        continue
                    current = holder._values[name]
                    held = list(current.values()) if isinstance(current, dict) else [current]
                    if not any(v is leaf for v in held):
                        stale.append(f"{obj.name}.{attr} uses an old {holder.name}.{name}")
    return stale


def test_an_identical_new_input_recomputes_its_readers_only_and_formulas_follow(scenario: SeedScenario) -> None:
    objects = [*scenario.system.all_linked_objects, scenario.system]
    before_total = total(scenario.system)
    readers = len(scenario.streaming_step._dependents.get("user_time_spent", {}))
    computations = runtime.STATS.computations
    scenario.streaming_step.user_time_spent = SourceValue(20 * u.min)
    assert runtime.STATS.computations - computations == readers
    np.testing.assert_array_equal(total(scenario.system), before_total)
    assert formula_leaves_are_current_values(objects) == []


@pytest.mark.parametrize("offsets", [(0, 0, 0), (0, 5, -3, 40), (10, 0, 2), (-2, -2, 60, 1)], ids=str)
def test_sum_values_of_series_equals_the_pairwise_sum_bit_for_bit(offsets: tuple[int, ...]) -> None:
    rng = np.random.default_rng(3)
    series = [ExplainableHourlyQuantities(u.Quantity(rng.random(24 + 7 * i, dtype=np.float32) * 1e3,
                                                     u.kWh if i % 2 else u.Wh), START + offset * HOUR)
              for i, offset in enumerate(offsets)]
    series.insert(1, EmptyExplainableObject())
    pairwise = EmptyExplainableObject()
    for value in series:
        pairwise = pairwise + value
    fast = sum_values(series)
    assert (fast.start_date, fast.unit) == (pairwise.start_date, pairwise.unit)
    np.testing.assert_array_equal(fast.magnitude, pairwise.magnitude)
    assert fast.formula == pairwise.formula


# ---- identical arrays stored once ---------------------------------------------------------------------------------
def series(value: float, size: int = 1000) -> np.ndarray:
    return np.full(size, value, dtype=DTYPE)


POOL_CASES = [
    ("equal arrays share one", series(1.5), series(1.5), True),
    ("one value differs", series(1.5), np.concatenate([series(1.5, 999), series(2.0, 1)]), False),
    ("signed zeros stay apart", series(0.0), series(-0.0), False),
    ("same NaNs share one", series(np.nan), series(np.nan), True),
    ("small arrays are left alone", series(1.5, 10), series(1.5, 10), False),
    ("other dtype", series(1.5), series(1.5).astype(np.float64), False),
]


@pytest.mark.parametrize("first, second, shared", [c[1:] for c in POOL_CASES], ids=[c[0] for c in POOL_CASES])
def test_the_array_pool_shares_arrays_equal_bit_for_bit(first: np.ndarray, second: np.ndarray, shared: bool) -> None:
    pool = ArrayPool()
    assert pool.shared(first) is first
    assert (pool.shared(second) is first) is shared


def test_the_array_pool_forgets_arrays_no_value_holds() -> None:
    pool = ArrayPool()
    pool.shared(series(3.0))
    gc.collect()
    fresh = series(3.0)
    assert pool.shared(fresh) is fresh and len(pool) == 1


def test_a_model_stores_repeated_series_once(scenario: SeedScenario) -> None:
    stored = []
    for obj in [*scenario.system.all_linked_objects, scenario.system]:
        for value in obj._values.values():
            stored += [v for v in (value.values() if isinstance(value, dict) else [value])
                       if isinstance(v, ExplainableHourlyQuantities) and len(v) >= MIN_SIZE]
    distinct = {id(v.magnitude) for v in stored}
    assert len(distinct) < len(stored)
    by_bits = {}
    for v in stored:
        by_bits.setdefault((v.magnitude.dtype.str, v.magnitude.tobytes()), set()).add(id(v.magnitude))
    assert all(len(ids) == 1 for ids in by_bits.values()), "equal arrays left unshared"


# ---- results that depend on links only ----------------------------------------------------------------------------
class CachedPlant(Plant):
    """The toy plant with its machine list cached by structure, and a formula that reads that list."""

    calls = 0

    @structure_cached
    def machines(self) -> list[Machine]:
        CachedPlant.calls += 1
        return list(dict.fromkeys(task.machine for task in self.tasks))

    @calculated
    def machine_count(self) -> ExplainableQuantity:
        return SourceValue(len(self.machines()) * u.dimensionless)


@pytest.fixture
def cached_plant() -> CachedPlant:
    m1 = Machine.from_defaults("m1")
    return CachedPlant("plant", tasks=[Task.from_defaults("t1", machine=m1), Task.from_defaults("t2", machine=m1)])


def test_a_structure_cached_result_is_reused_until_a_link_changes(cached_plant: CachedPlant) -> None:
    calls = CachedPlant.calls
    first = cached_plant.machines()
    first.append("a caller's change")
    assert cached_plant.machines() == [cached_plant.tasks[0].machine]
    assert CachedPlant.calls == calls
    cached_plant.tasks[0].weight = SourceValue(3 * u.dimensionless)  # not a link: still cached
    cached_plant.machines()
    assert CachedPlant.calls == calls
    cached_plant.tasks[1].machine = Machine.from_defaults("m2")
    assert [m.name for m in cached_plant.machines()] == ["m1", "m2"]
    assert CachedPlant.calls == calls + 1


def test_a_formula_reading_a_cached_result_still_follows_the_links(cached_plant: CachedPlant) -> None:
    cached_plant.machines()  # cached outside any formula first
    assert cached_plant.machine_count.magnitude == 1
    cached_plant.tasks[1].machine = Machine.from_defaults("m2")
    assert cached_plant.machine_count.magnitude == 2
    cached_plant.tasks[1].machine = cached_plant.tasks[0].machine
    assert cached_plant.machine_count.magnitude == 1
