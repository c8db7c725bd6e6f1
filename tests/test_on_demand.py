"""On-demand attributes (impact repartitions, and any class's `on_demand_attributes`): an update invalidates them
without computing them, the change event says so, and the first read computes the value a from-scratch model has.
(tests/test_incremental_property.py draws random edit sequences with such attributes read between edits.)"""
from __future__ import annotations

from typing import Any

import pytest

from efp_core import COMPUTED_ON_READ, EfpError, ModelChange, SourceObject, SourceValue, u
from efp_core.domain.repartition import REPARTITION
from efp_core.engine import runtime
from tests.seed_model import SeedScenario
from tests.toy_model import Machine, ReportingPlant, Task

REPORTS = ("energy_ranking", "top_energy")


def plant() -> dict[str, Any]:
    m1 = Machine("m1", SourceValue(100 * u.W), SourceValue(2 * u.h))
    m2 = Machine("m2", SourceValue(50 * u.W), SourceValue(4 * u.h))
    t1, t2, t3 = Task("t1", m1, SourceValue(1 * u.dimensionless)), Task("t2", m1, SourceValue(3 * u.dimensionless)), \
        Task("t3", m2, SourceValue(2 * u.dimensionless))
    return {"m1": m1, "m2": m2, "t1": t1, "t2": t2, "t3": t3, "plant": ReportingPlant("plant", [t1, t2, t3])}


def top(model: dict[str, Any]) -> float:
    return model["plant"].top_energy.value.to(u.Wh).magnitude


def test_a_new_model_computes_on_demand_attributes_at_their_first_read() -> None:
    model = plant()
    assert all(runtime.pending(model["plant"], attr) for attr in REPORTS)
    before = runtime.STATS.computations
    assert top(model) == pytest.approx(200.0)  # t3: 200 Wh x 2/2 (t2: 200 Wh x 3/4)
    assert runtime.STATS.computations - before == 2  # the ranking, then the top value
    assert not any(runtime.pending(model["plant"], attr) for attr in REPORTS)


def test_an_update_invalidates_without_computing_and_the_event_says_so(events: list[ModelChange]) -> None:
    model = plant()
    top(model)
    model["m2"].power = SourceValue(400 * u.W)
    assert all(runtime.pending(model["plant"], attr) for attr in REPORTS)
    change = events[-1]
    old_top, new_top = change.changes[(model["plant"], "top_energy")]
    assert new_top is COMPUTED_ON_READ and old_top.value.to(u.Wh).magnitude == pytest.approx(200.0)
    assert change.changed(model["plant"], "energy_ranking")
    assert top(model) == pytest.approx(1600.0)  # t3 now: 1600 Wh x 2/2
    assert list(model["plant"].energy_ranking) == [model["t3"], model["t2"], model["t1"]]


def test_an_update_that_touches_nothing_they_read_leaves_them_computed() -> None:
    model = plant()
    spare = Machine("spare", SourceValue(1 * u.W), SourceValue(1 * u.h))
    top(model)
    spare.power = SourceValue(2 * u.W)
    assert not runtime.pending(model["plant"], "top_energy")


REFUSED_EDITS = {
    "refused by validation": lambda m: setattr(m["t1"], "weight", SourceValue(-1 * u.dimensionless)),
    # t3 alone on m2: a zero weight makes its share 0/0 while the update recomputes, after the invalidation.
    "failing during recomputation": lambda m: setattr(m["t3"], "weight", SourceValue(0 * u.dimensionless)),
}


@pytest.mark.parametrize("edit", REFUSED_EDITS.values(), ids=REFUSED_EDITS.keys())
@pytest.mark.parametrize("read_before", [True, False], ids=["computed before", "pending before"])
def test_a_refused_update_leaves_on_demand_attributes_as_they_were(read_before: bool, edit: Any) -> None:
    model = plant()
    if read_before:
        top(model)
    state = {attr: (runtime.pending(model["plant"], attr), model["plant"]._values.get(attr)) for attr in REPORTS}
    with pytest.raises(EfpError):
        edit(model)
    assert {attr: (runtime.pending(model["plant"], attr), model["plant"]._values.get(attr))
            for attr in REPORTS} == state
    assert top(model) == pytest.approx(200.0)


@pytest.fixture(scope="module")
def seed() -> SeedScenario:
    return SeedScenario()


def repartition_nodes(scenario: SeedScenario) -> list[tuple[Any, str]]:
    return [(obj, attr) for obj in scenario.system.all_linked_objects for attr in obj.calculated_attributes
            if attr in type(obj).on_demand_attributes]


def test_a_seed_edit_computes_no_repartition_and_reading_them_gives_the_reference_values(seed: SeedScenario) -> None:
    from tests.golden import compare_stage, load

    nodes = repartition_nodes(seed)
    assert {attr for _, attr in nodes} >= set(REPARTITION)
    for obj, attr in nodes:
        getattr(obj, attr)
    seed.to_after_720p()
    try:
        computed = {node for node in seed.system.previous_change.recomputed
                    if node[1] in type(node[0]).on_demand_attributes and not runtime.pending(*node)}
        assert computed == set()
        assert any(runtime.pending(obj, attr) for obj, attr in nodes)
        compared, problems = compare_stage(seed.system, load("golden_seed_quickstart.json")["stages"]["after_720p"])
        assert compared > 100 and problems == []
    finally:
        seed.streaming_job.resolution = SourceObject("1080p (1920 x 1080)")


def test_an_attribute_still_pending_from_an_earlier_update_stays_pending_through_a_cut_off_one() -> None:
    model = plant()
    model["m2"].power = SourceValue(0 * u.W)
    top(model)
    model["m1"].power = SourceValue(300 * u.W)  # the reports are pending, nobody reads them
    model["m2"].hours = SourceValue(8 * u.h)  # m2's energy is recomputed identical (0): the walk stops there
    assert runtime.pending(model["plant"], "top_energy")
    assert top(model) == pytest.approx(450.0)  # t2: 600 Wh x 3/4
