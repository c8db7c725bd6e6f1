"""Graph cases: a model, an edit, and the exact set of calculated attributes the edit recomputes (each once, in
dependency order), plus the change event it emits."""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any, Callable, Iterator

import pytest

from efp_core import (
    ExplainableObject,
    ExplainableQuantity,
    ModelChange,
    ModelingObject,
    ModelingUpdate,
    SourceObject,
    SourceValue,
    calculated,
    subscribe,
    u,
)
from efp_core.engine import cutoff, runtime
from tests.toy_model import Machine, Plant, Task

Model = dict[str, Any]
NodeName = tuple[str, str]


class Switch(ModelingObject):
    """Reads `a` or `b` depending on `flag`: its dependencies change with the branch the formula takes."""

    def __init__(self, name: str, flag: ExplainableObject, a: ExplainableQuantity, b: ExplainableQuantity) -> None:
        super().__init__(name)
        self.flag = flag
        self.a = a
        self.b = b

    @calculated
    def chosen(self) -> ExplainableQuantity:
        return self.a if self.flag.value == "a" else self.b

    @calculated
    def doubled(self) -> ExplainableQuantity:
        return self.chosen * 2


def w(weight: float) -> SourceValue:
    return SourceValue(weight * u.dimensionless)


def plant_model() -> Model:
    m1 = Machine("m1", SourceValue(100 * u.W), SourceValue(2 * u.h))
    m2 = Machine("m2", SourceValue(50 * u.W), SourceValue(4 * u.h))
    t1, t2, t3 = Task("t1", m1, w(1)), Task("t2", m1, w(3)), Task("t3", m2, w(2))
    plant = Plant("plant", [t1, t2, t3])
    m3 = Machine("m3", SourceValue(10 * u.W), SourceValue(1 * u.h))  # linked to nothing
    return {"m1": m1, "m2": m2, "m3": m3, "t1": t1, "t2": t2, "t3": t3, "plant": plant}


def switch_model() -> Model:
    switch = Switch("s", SourceObject("a"), SourceValue(1 * u.kg), SourceValue(2 * u.kg))
    switch.doubled  # noqa: B018 - first computation records the dependencies
    return {"s": switch}


def switched_to_b() -> Model:
    model = switch_model()
    model["s"].flag = SourceObject("b")
    return model


PLANT = {("plant", "energy_per_task"), ("plant", "total_energy")}


def _new_task(model: Model, name: str, machine: str, weight: float) -> Task:
    task = Task(name, model[machine], w(weight))
    model[name] = task
    return task


@dataclass(frozen=True)
class GraphCase:
    name: str
    edit: Callable[[Model], Any]
    recomputed: set[NodeName]
    build: Callable[[], Model] = plant_model
    # Values to check after the edit: (object, attribute) -> expected value.
    expected: dict[NodeName, Any] = field(default_factory=dict)


GRAPH_CASES = [
    GraphCase("input assignment: only what reads it, downstream",
              lambda m: setattr(m["m1"], "power", SourceValue(200 * u.W)),
              {("m1", "energy"), ("t1", "energy"), ("t2", "energy"), *PLANT},
              expected={("plant", "total_energy"): 0.6 * u.kWh, ("t2", "energy"): 0.3 * u.kWh}),
    GraphCase("input of another machine", lambda m: setattr(m["m2"], "hours", SourceValue(8 * u.h)),
              {("m2", "energy"), ("t3", "energy"), *PLANT}, expected={("plant", "total_energy"): 0.6 * u.kWh}),
    GraphCase("weight: load, every share on the machine, their energies",
              lambda m: setattr(m["t1"], "weight", w(5)),
              {("m1", "load"), ("t1", "share"), ("t2", "share"), ("t1", "energy"), ("t2", "energy"), *PLANT},
              expected={("t1", "share"): 0.625 * u.dimensionless, ("plant", "total_energy"): 0.4 * u.kWh}),
    GraphCase("replacing a link rewires both machines",
              lambda m: setattr(m["t1"], "machine", m["m2"]),
              {("m1", "load"), ("m2", "load"), ("t1", "share"), ("t2", "share"), ("t3", "share"),
               ("t1", "energy"), ("t2", "energy"), ("t3", "energy"), *PLANT},
              expected={("t2", "share"): 1 * u.dimensionless, ("plant", "total_energy"): 0.4 * u.kWh}),
    GraphCase("list append: the new task, and what its machine's new container changes",
              lambda m: m["plant"].tasks.append(_new_task(m, "t4", "m2", 2)),
              {("t4", "share"), ("t4", "energy"), ("m2", "load"), ("t3", "share"), ("t3", "energy"), *PLANT},
              expected={("t3", "share"): 0.5 * u.dimensionless, ("t4", "energy"): 0.1 * u.kWh,
                        ("plant", "total_energy"): 0.4 * u.kWh}),
    GraphCase("list remove: only the plant (the task still uses its machine)",
              lambda m: m["plant"].tasks.remove(m["t2"]), PLANT,
              expected={("plant", "total_energy"): 0.25 * u.kWh}),
    GraphCase("slice assignment reordering", lambda m: m["plant"].tasks.__setitem__(slice(0, 2), [m["t2"], m["t1"]]),
              PLANT, expected={("plant", "total_energy"): 0.4 * u.kWh}),
    GraphCase("slice assignment removing", lambda m: m["plant"].tasks.__setitem__(slice(1, None), [m["t3"]]),
              PLANT, expected={("plant", "total_energy"): 0.25 * u.kWh}),
    GraphCase("in-place += of a new task on a new machine",
              lambda m: m["plant"].tasks.__iadd__([Task("t5", m["m3"], w(1))]),
              {("t5", "share"), ("t5", "energy"), ("m3", "load"), ("m3", "energy"), *PLANT},
              expected={("plant", "total_energy"): 0.41 * u.kWh}),
    GraphCase("several changes in one update: each node once",
              lambda m: ModelingUpdate([[m["m1"].power, SourceValue(200 * u.W)], [m["m1"].hours, SourceValue(3 * u.h)],
                                        [m["t1"].weight, w(3)]]),
              {("m1", "energy"), ("m1", "load"), ("t1", "share"), ("t2", "share"), ("t1", "energy"),
               ("t2", "energy"), *PLANT},
              expected={("t1", "energy"): 0.3 * u.kWh, ("plant", "total_energy"): 0.8 * u.kWh}),
    # The tasks' energies come out identical to before, so the plant's totals are not recomputed (cut-off).
    GraphCase("swapping two machines everywhere they are linked, in one update",
              lambda m: ModelingUpdate([[m["t1"].machine, m["m2"]], [m["t3"].machine, m["m1"]]]),
              {("m1", "load"), ("m2", "load"), ("t1", "share"), ("t2", "share"), ("t3", "share"),
               ("t1", "energy"), ("t2", "energy"), ("t3", "energy")},
              expected={("t3", "share"): 1 * u.dimensionless, ("t1", "share"): 0.25 * u.dimensionless,
                        ("t2", "energy"): 0.15 * u.kWh, ("t3", "energy"): 0.2 * u.kWh}),
    GraphCase("replacing a linked object by a new one everywhere it is linked",
              lambda m: ModelingUpdate([[m["m2"], Machine("m4", SourceValue(1 * u.kW), SourceValue(1 * u.h))]]),
              {("m4", "energy"), ("m4", "load"), ("t3", "share"), ("t3", "energy"), ("m2", "load"), *PLANT},
              expected={("t3", "energy"): 1 * u.kWh}),
    GraphCase("input of an object linked to nothing: nothing computed before it is read",
              lambda m: setattr(m["m3"], "power", SourceValue(20 * u.W)), set()),
    GraphCase("update_<attr>() recomputes that attribute only", lambda m: m["m1"].update_energy(),
              {("m1", "energy")}, expected={("m1", "energy"): 0.2 * u.kWh}),
    GraphCase("branch input that the formula reads", lambda m: setattr(m["s"], "a", SourceValue(5 * u.kg)),
              {("s", "chosen"), ("s", "doubled")}, build=switch_model, expected={("s", "doubled"): 10 * u.kg}),
    GraphCase("branch input that the formula does not read", lambda m: setattr(m["s"], "b", SourceValue(5 * u.kg)),
              set(), build=switch_model, expected={("s", "doubled"): 2 * u.kg}),
    GraphCase("switching the branch", lambda m: setattr(m["s"], "flag", SourceObject("b")),
              {("s", "chosen"), ("s", "doubled")}, build=switch_model, expected={("s", "doubled"): 4 * u.kg}),
    GraphCase("after switching, the old branch is no longer a dependency",
              lambda m: setattr(m["s"], "a", SourceValue(5 * u.kg)), set(), build=switched_to_b,
              expected={("s", "doubled"): 4 * u.kg}),
    GraphCase("after switching, the new branch is one",
              lambda m: setattr(m["s"], "b", SourceValue(5 * u.kg)), {("s", "chosen"), ("s", "doubled")},
              build=switched_to_b, expected={("s", "doubled"): 10 * u.kg}),
]


@pytest.fixture
def computed(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[tuple[Any, str]]]:
    """Every (object, attribute) computed, recorded when its computation ends (dependencies end first)."""
    record: list[tuple[Any, str]] = []
    original = runtime.compute

    def recording_compute(obj: Any, attr: str) -> Any:
        value = original(obj, attr)
        record.append((obj, attr))
        return value

    monkeypatch.setattr(runtime, "compute", recording_compute)
    yield record


def names(nodes: list[tuple[Any, str]]) -> list[NodeName]:
    return [(obj.name, attr) for obj, attr in nodes]


@pytest.mark.parametrize("case", GRAPH_CASES, ids=lambda c: c.name)
def test_graph_case(case: GraphCase, computed: list[tuple[Any, str]]) -> None:
    model = case.build()
    computed.clear()
    before = runtime.STATS.computations
    case.edit(model)
    done = names(computed)
    assert set(done) == case.recomputed
    assert len(done) == len(set(done)), f"computed more than once: {done}"
    assert runtime.STATS.computations - before == len(done)
    position = {node: i for i, node in enumerate(computed)}
    for obj, attr in computed:
        for dependency in obj._dependencies.get(attr, ()):
            if dependency in position:
                assert position[dependency] < position[(obj, attr)], f"{dependency} after {(obj.name, attr)}"
    for (obj_name, attr), value in case.expected.items():
        assert getattr(model[obj_name], attr).value.to(value.units).magnitude == pytest.approx(value.magnitude)


def all_calculated_values(model: Model) -> dict[NodeName, Any]:
    return {(obj.name, attr): getattr(obj, attr) for obj in model.values() for attr in obj.calculated_attributes}


@pytest.mark.parametrize("case", [c for c in GRAPH_CASES if c.build is plant_model], ids=lambda c: c.name)
def test_graph_case_equals_a_fresh_read_of_every_value(case: GraphCase) -> None:
    """Nodes outside the recomputed set keep their values (the very objects, or identical copies whose formula
    points at a recomputed operand); reading everything computes nothing new."""
    model = case.build()
    before = all_calculated_values(model)
    case.edit(model)
    calls = runtime.STATS.computations
    after = all_calculated_values({k: v for k, v in model.items() if k in {"m1", "m2", "t1", "t2", "t3", "plant"}})
    assert runtime.STATS.computations == calls, "a value was left stale by the update"
    for node, value in after.items():
        if node not in case.recomputed:
            assert value is before[node] or cutoff.identical(before[node], value)


# ---- change events ------------------------------------------------------------------------------------------------
def test_input_change_emits_one_event_with_old_and_new_values(events: list[ModelChange]) -> None:
    model = plant_model()
    m1, plant = model["m1"], model["plant"]
    old_power, old_energy, old_total = m1.power, m1.energy, plant.total_energy
    new_power = SourceValue(200 * u.W)
    m1.power = new_power
    assert len(events) == 1
    event = events[0]
    assert event.kind == "update"
    assert {(o.name, a) for o, a in event.changes} == {
        ("m1", "power"), ("m1", "energy"), ("t1", "energy"), ("t2", "energy"), *PLANT}
    assert event.changes[(m1, "power")] == (old_power, new_power)
    assert event.changes[(m1, "power")][0] is old_power and event.changes[(m1, "power")][1] is m1.power
    assert event.changes[(m1, "energy")][0] is old_energy and event.changes[(m1, "energy")][1] is m1.energy
    assert event.changes[(plant, "total_energy")][0] is old_total
    assert event.changes[(plant, "total_energy")][1].value.magnitude == pytest.approx(0.6)
    assert event.changed(m1, "energy") and event.changed(m1) and not event.changed(model["m2"])
    assert not event.changed(m1, "load")
    assert event.objects == frozenset({m1, model["t1"], model["t2"], plant})


def test_several_changes_emit_one_event(events: list[ModelChange]) -> None:
    model = plant_model()
    update = ModelingUpdate([[model["m1"].power, SourceValue(200 * u.W)], [model["m2"].power, SourceValue(1 * u.W)]])
    assert len(events) == 1
    assert events[0].update is update
    assert (model["m1"], "power") in events[0].changes and (model["m2"], "power") in events[0].changes


def test_list_edit_event_carries_the_old_and_new_lists(events: list[ModelChange]) -> None:
    model = plant_model()
    plant, t1, t2, t3 = model["plant"], model["t1"], model["t2"], model["t3"]
    t4 = Task("t4", model["m2"], w(2))
    plant.tasks.append(t4)
    assert len(events) == 1
    old, new = events[0].changes[(plant, "tasks")]
    assert tuple(old) == (t1, t2, t3)
    assert list(new) == [t1, t2, t3, t4]
    assert plant.tasks == [t1, t2, t3, t4]


def test_event_lists_only_values_that_changed(events: list[ModelChange]) -> None:
    """A reorder recomputes the plant's totals, but they are equal: only the list itself is reported."""
    model = plant_model()
    plant = model["plant"]
    plant.tasks[0:2] = [model["t2"], model["t1"]]
    assert set(events[0].changes) == {(plant, "tasks")}


def test_unsubscribed_listener_gets_nothing() -> None:
    received: list[ModelChange] = []
    unsubscribe = subscribe(received.append)
    unsubscribe()
    plant_model()["m1"].power = SourceValue(1 * u.W)
    assert received == []


def test_a_failing_listener_does_not_break_the_update(events: list[ModelChange], caplog: Any) -> None:
    def broken(change: ModelChange) -> None:
        raise RuntimeError("broken view")

    unsubscribe = subscribe(broken)
    try:
        model = plant_model()
        model["m1"].power = SourceValue(200 * u.W)
    finally:
        unsubscribe()
    assert model["plant"].total_energy.value.magnitude == pytest.approx(0.6)
    assert len(events) == 1
    assert "change listener" in caplog.text


def test_update_logs_its_work(caplog: Any) -> None:
    model = plant_model()
    with caplog.at_level(logging.INFO, logger="efp_core"):
        model["m1"].power = SourceValue(200 * u.W)
    assert any(r.getMessage().startswith("1 changes lead to 5 update computations done in ") for r in caplog.records)


def test_model_construction_logs_its_work(caplog: Any) -> None:
    with caplog.at_level(logging.INFO, logger="efp_core"):
        plant_model()
    messages = [r.getMessage() for r in caplog.records]
    assert any(m.startswith("Computed 12 calculated attributes over 6 objects in ") for m in messages), messages


# ---- what cannot be assigned ----------------------------------------------------------------------------------------
def test_calculated_attributes_cannot_be_assigned() -> None:
    model = plant_model()
    t1 = model["t1"]
    energy = t1.energy
    with pytest.raises(AttributeError, match="'energy' is calculated"):
        t1.energy = SourceValue(1 * u.kWh)
    with pytest.raises(AttributeError, match="'energy' is calculated"):
        ModelingUpdate([[t1.energy, SourceValue(1 * u.kWh)]])
    assert t1.energy is energy


def test_unknown_attribute_assignment_raises() -> None:
    model = plant_model()
    with pytest.raises(AttributeError, match="Machine 'm1' has no input 'powr'"):
        model["m1"].powr = SourceValue(1 * u.W)
    assert not hasattr(model["m1"], "powr")


def test_unknown_attribute_read_and_update_method_raise() -> None:
    machine = plant_model()["m1"]
    with pytest.raises(AttributeError, match="has no attribute 'update_power'"):
        machine.update_power()
    with pytest.raises(AttributeError, match="has no attribute 'colour'"):
        machine.colour  # noqa: B018


def test_update_of_a_value_that_is_not_an_attribute_raises() -> None:
    with pytest.raises(ValueError, match="not the current value of any object's attribute"):
        ModelingUpdate([[SourceValue(1 * u.W), SourceValue(2 * u.W)]])
