"""Bad inputs raise typed errors that name the class, the object, the attribute, what was expected and what was
received; after any failure every value, link and dependency edge of the model is exactly as before."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, List

import numpy as np
import pytest

from efp_core import (
    ChoiceError,
    ComputationError,
    DependencyCycleError,
    EfpError,
    ExplainableObject,
    ExplainableQuantity,
    InputTypeError,
    ModelChange,
    ModelingObject,
    ModelingUpdate,
    RangeError,
    SourceObject,
    SourceValue,
    StructureError,
    UnitError,
    calculated,
    u,
)
from efp_core.engine import runtime
from tests.toy_model import Machine, Plant, Task

Model = dict[str, Any]


# ---- small classes for the cases the toy model cannot express ----------------------------------------------------
class Screen(ModelingObject):
    """A choice input with fixed options, and one whose options depend on another input."""

    list_values = {"resolution": [SourceObject("720p"), SourceObject("1080p")]}
    conditional_list_values = {"refresh": {"depends_on": "resolution", "conditional_list_values": {
        SourceObject("720p"): [SourceObject("60 Hz")],
        SourceObject("1080p"): [SourceObject("60 Hz"), SourceObject("120 Hz")]}}}
    input_units = {"size": u.cm}

    def __init__(self, name: str, resolution: ExplainableObject, refresh: ExplainableObject,
                 size: ExplainableQuantity) -> None:
        super().__init__(name)
        self.resolution = resolution
        self.refresh = refresh
        self.size = size

    @calculated
    def diagonal(self) -> ExplainableQuantity:
        return self.size.to(u.m)


class Loop(ModelingObject):
    """x reads y only in 'cyclic' mode; y always reads x: switching the mode creates a dependency cycle."""

    def __init__(self, name: str, mode: ExplainableObject, a: ExplainableQuantity) -> None:
        super().__init__(name)
        self.mode = mode
        self.a = a

    @calculated
    def x(self) -> ExplainableQuantity:
        return self.y + self.a if self.mode.value == "cyclic" else self.a * 1

    @calculated
    def y(self) -> ExplainableQuantity:
        return self.x * 2


class CyclicPlant(Plant):
    """A root whose own formulas read each other: its first computation fails."""

    @calculated
    def p(self) -> ExplainableQuantity:
        return self.q * 1

    @calculated
    def q(self) -> ExplainableQuantity:
        return self.p * 1


class Folder(ModelingObject):
    """Objects that contain objects of their own kind, so that a link cycle can be made."""

    def __init__(self, name: str, children: List[Folder]) -> None:
        super().__init__(name)
        self.children = children


class Gauge(ModelingObject):
    """Reads a machine's energy; its formula raises above a threshold (a formula failing mid-update)."""

    input_units = {"threshold": u.kWh}

    def __init__(self, name: str, machine: Machine, threshold: ExplainableQuantity) -> None:
        super().__init__(name)
        self.machine = machine
        self.threshold = threshold

    @calculated
    def checked_energy(self) -> ExplainableQuantity:
        energy = self.machine.energy
        if energy > self.threshold:
            raise ValueError(f"energy {energy} above the threshold")
        return energy * 1

    @calculated
    def doubled(self) -> ExplainableQuantity:
        return self.checked_energy * 2


class GaugedPlant(Plant):
    """A root that also reads gauges, so that a failing gauge fails the whole update."""

    def __init__(self, name: str, tasks: List[Task], gauges: List[Gauge]) -> None:
        super().__init__(name, tasks)
        self.gauges = gauges

    @property
    def all_linked_objects(self) -> list[ModelingObject]:
        return [*super().all_linked_objects, *self.gauges]

    @calculated
    def gauge_total(self) -> Any:
        return sum((g.doubled for g in self.gauges), start=SourceValue(0 * u.kWh))


def w(weight: float) -> SourceValue:
    return SourceValue(weight * u.dimensionless)


def model() -> Model:
    m1 = Machine("m1", SourceValue(100 * u.W), SourceValue(2 * u.h))
    m2 = Machine("m2", SourceValue(50 * u.W), SourceValue(4 * u.h))
    t1, t2, t3 = Task("t1", m1, w(1)), Task("t2", m1, w(3)), Task("t3", m2, w(2))
    gauge = Gauge("gauge", m1, SourceValue(1 * u.kWh))
    plant = GaugedPlant("plant", [t1, t2, t3], [gauge])
    other_machine = Machine("m_other", SourceValue(1 * u.W), SourceValue(1 * u.h))
    other = Plant("other", [Task("t_other", other_machine, w(1))])
    orphan = Task("orphan", m1, w(1))  # linked to m1, in no plant
    free = Task("free", Machine("m_free", SourceValue(1 * u.W), SourceValue(1 * u.h)), w(1))  # in no plant
    screen = Screen("screen", SourceObject("720p"), SourceObject("60 Hz"), SourceValue(33 * u.cm))
    loop = Loop("loop", SourceObject("acyclic"), SourceValue(1 * u.kg))
    a = Folder("a", [])
    b = Folder("b", [a])
    objects = {o.name: o for o in [m1, m2, t1, t2, t3, gauge, plant, other_machine, other, *other.tasks, orphan,
                                   free, free.machine, screen, loop, a, b]}
    for obj in objects.values():  # compute everything once, so that the snapshot holds every value
        for attr in obj.calculated_attributes:
            getattr(obj, attr)
    return objects


# ---- the snapshot of everything the engine holds ---------------------------------------------------------------
def snapshot(objects: Model) -> dict[str, Any]:
    """Inputs and calculated values (by identity, list contents too), staleness, dependency edges and links."""
    state: dict[str, Any] = {}
    for name, obj in objects.items():
        values = {attr: (value, tuple(value) if isinstance(value, list) else None,
                         getattr(value, "modeling_obj_container", None),
                         getattr(value, "attr_name_in_mod_obj_container", None))
                  for attr, value in obj._values.items()}
        state[name] = {
            "values": values,
            "magnitudes": {attr: np.array(getattr(v, "magnitude", None)).copy() for attr, v in obj._values.items()
                           if isinstance(v, ExplainableQuantity)},
            "stale": frozenset(obj._stale),
            "dependencies": {attr: tuple(deps) for attr, deps in obj._dependencies.items()},
            "dependents": {attr: frozenset(d) for attr, d in obj._dependents.items() if d},
            "containers": dict(obj._containers),
        }
    return state


def assert_same_state(before: dict[str, Any], after: dict[str, Any]) -> None:
    assert before.keys() == after.keys()
    for name in before:
        b, a = before[name], after[name]
        assert b["values"].keys() == a["values"].keys(), name
        for attr, (value, contents, container, slot) in b["values"].items():
            new_value, new_contents, new_container, new_slot = a["values"][attr]
            assert new_value is value, f"{name}.{attr} is another object"
            assert new_contents == contents and (contents is None or all(
                x is y for x, y in zip(contents, new_contents))), f"{name}.{attr} list changed"
            assert (new_container, new_slot) == (container, slot), f"{name}.{attr} container changed"
        for attr, magnitude in b["magnitudes"].items():
            assert np.array_equal(magnitude, a["magnitudes"][attr]), f"{name}.{attr} value changed"
        for key in ("stale", "dependencies", "dependents", "containers"):
            assert b[key] == a[key], f"{name}: {key} changed"


# ---- the cases ----------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class BadInputCase:
    name: str
    edit: Callable[[Model], Any]
    error: type[Exception]
    # The message names the class, the object, the attribute, what was expected and what was received.
    message: list[str] = field(default_factory=list)


def _new_cyclic_plant(m: Model) -> None:
    CyclicPlant("cyclic", [m["free"]])


BAD_INPUT_CASES = [
    BadInputCase("wrong unit", lambda m: setattr(m["m1"], "power", SourceValue(3 * u.kg)), UnitError,
                 ["Machine 'm1'", "attribute 'power'", "compatible with W (watt)", "received SourceValue in kilogram"]),
    BadInputCase("wrong unit at construction", lambda m: Machine("m9", SourceValue(1 * u.kg), SourceValue(1 * u.h)),
                 UnitError, ["Machine 'm9'", "attribute 'power'", "compatible with W (watt)", "kilogram"]),
    BadInputCase("dimensionless expected", lambda m: setattr(m["t1"], "weight", SourceValue(1 * u.kg)), UnitError,
                 ["Task 't1'", "attribute 'weight'", "compatible with dimensionless", "kilogram"]),
    BadInputCase("a half-built object is unlinked again",
                 lambda m: Task("bad", m["m1"], SourceValue(3 * u.kg)), UnitError,
                 ["Task 'bad'", "attribute 'weight'", "dimensionless", "kilogram"]),
    BadInputCase("wrong unit in the second change of an update",
                 lambda m: ModelingUpdate([[m["m1"].power, SourceValue(200 * u.W)],
                                           [m["m2"].hours, SourceValue(2 * u.kWh)]]), UnitError,
                 ["Machine 'm2'", "attribute 'hours'", "compatible with h (hour)", "kilowatt_hour"]),
    BadInputCase("number instead of a SourceValue", lambda m: setattr(m["m1"], "power", 3), InputTypeError,
                 ["Machine 'm1'", "attribute 'power'", "expected a SourceValue", "received int 3"]),
    BadInputCase("object of the wrong class in a link", lambda m: setattr(m["t1"], "machine", m["t2"]),
                 InputTypeError, ["Task 't1'", "attribute 'machine'", "expected a Machine", "received Task 't2'"]),
    BadInputCase("object of the wrong class appended to a list", lambda m: m["plant"].tasks.append(m["m1"]),
                 InputTypeError, ["GaugedPlant 'plant'", "attribute 'tasks'", "a list of Task",
                                  "received Machine 'm1'"]),
    BadInputCase("list expected", lambda m: setattr(m["plant"], "tasks", m["t1"]), InputTypeError,
                 ["GaugedPlant 'plant'", "attribute 'tasks'", "a list of Task", "received Task 't1'"]),
    BadInputCase("negative duration", lambda m: setattr(m["m1"], "hours", SourceValue(-1 * u.h)), RangeError,
                 ["Machine 'm1'", "attribute 'hours'", "a value ≥ 0", "received SourceValue in hour"]),
    BadInputCase("NaN", lambda m: setattr(m["m1"], "hours", SourceValue(float("nan") * u.h)), RangeError,
                 ["Machine 'm1'", "attribute 'hours'", "expected a number", "NaN"]),
    BadInputCase("choice not in list_values", lambda m: setattr(m["screen"], "resolution", SourceObject("4k")),
                 ChoiceError, ["Screen 'screen'", "attribute 'resolution'", "one of ['720p', '1080p']",
                               "received str '4k'"]),
    BadInputCase("choice not allowed by the value it depends on",
                 lambda m: setattr(m["screen"], "refresh", SourceObject("120 Hz")), ChoiceError,
                 ["Screen 'screen'", "attribute 'refresh'", "one of ['60 Hz']", "received str '120 Hz'"]),
    BadInputCase("dependency cycle created by an input change",
                 lambda m: setattr(m["loop"], "mode", SourceObject("cyclic")), DependencyCycleError,
                 ["Loop 'loop'", "attribute 'x'", "expected formulas that do not depend on their own result",
                  "Loop 'loop'.x -> Loop 'loop'.y -> Loop 'loop'.x"]),
    BadInputCase("dependency cycle in a new root's formulas", _new_cyclic_plant, DependencyCycleError,
                 ["CyclicPlant 'cyclic'", "attribute 'p'", "CyclicPlant 'cyclic'.p -> CyclicPlant 'cyclic'.q"]),
    BadInputCase("new root with an object of another root", lambda m: Plant("p2", [m["t1"]]), StructureError,
                 ["Plant 'p2'", "attribute 'tasks'", "belong to no other system", "received Task 't1'",
                  "already in system 'plant'"]),
    BadInputCase("new root with an object linked below another root's object",
                 lambda m: Plant("p2", [m["orphan"]]), StructureError,
                 ["Plant 'p2'", "attribute 'tasks'", "received Machine 'm1'", "already in system 'plant'"]),
    BadInputCase("appending another root's object", lambda m: m["other"].tasks.append(m["t1"]), StructureError,
                 ["Plant 'other'", "attribute 'tasks'", "received Task 't1'", "already in system 'plant'"]),
    BadInputCase("a link that puts a machine under two roots",
                 lambda m: setattr(m["t1"], "machine", m["m_other"]), StructureError,
                 ["Machine 'm_other'", "attribute 'systems'", "one system at most", "['plant', 'other']"]),
    BadInputCase("link cycle", lambda m: m["a"].children.append(m["b"]), StructureError,
                 ["Folder 'a'", "attribute 'links'", "objects that do not contain themselves", "a -> b -> a"]),
    BadInputCase("object linking itself", lambda m: m["a"].children.append(m["a"]), StructureError,
                 ["Folder 'a'", "attribute 'links'", "a -> a"]),
    BadInputCase("a formula raising during an update of several objects",
                 lambda m: ModelingUpdate([[m["plant"].tasks, [m["t3"], m["t1"]]],
                                           [m["m2"].hours, SourceValue(10 * u.h)], [m["t3"].weight, w(7)],
                                           [m["m1"].power, SourceValue(1000 * u.W)]]),
                 ComputationError, ["Gauge 'gauge'", "calculated attribute 'checked_energy'", "above the threshold"]),
]


@pytest.mark.parametrize("case", BAD_INPUT_CASES, ids=lambda c: c.name)
def test_bad_input_raises_a_named_error_and_changes_nothing(case: BadInputCase, events: list[ModelChange]) -> None:
    objects = model()
    before = snapshot(objects)
    with pytest.raises(case.error) as raised:
        case.edit(objects)
    assert isinstance(raised.value, EfpError)
    for part in case.message:
        assert part in str(raised.value)
    assert_same_state(before, snapshot(objects))
    assert events == []
    assert_model_still_updates_like_a_fresh_one(objects)


def calculated_values(objects: Model, names: list[str]) -> dict[tuple[str, str], Any]:
    return {(n, a): getattr(objects[n], a) for n in names for a in objects[n].calculated_attributes}


PLANT_OBJECTS = ["m1", "m2", "t1", "t2", "t3", "gauge", "plant"]


def assert_model_still_updates_like_a_fresh_one(objects: Model) -> None:
    """A later valid edit recomputes exactly as on a model that never saw the failure."""
    fresh = model()
    for target in (objects, fresh):
        ModelingUpdate([[target["t1"].machine, target["m2"]], [target["m1"].hours, SourceValue(1 * u.h)]])
        target["t3"].weight = w(6)
    expected = calculated_values(fresh, PLANT_OBJECTS)
    for node, value in calculated_values(objects, PLANT_OBJECTS).items():
        assert comparable(value) == pytest.approx(comparable(expected[node])), node


def comparable(value: Any) -> Any:
    """A value as plain numbers (base units), dictionaries keyed by object names, ∅ as None."""
    if isinstance(value, dict):
        return {getattr(k, "name", k): comparable(v) for k, v in value.items()}
    if isinstance(value, ExplainableQuantity):
        return value.value.to_base_units().magnitude
    if getattr(value, "is_empty", False):
        return None
    raise TypeError(f"cannot compare {value!r}")


def test_failed_update_really_computed_before_failing() -> None:
    """The rollback case above is meaningful: values were recomputed (and edges rewired) before the failure."""
    objects = model()
    before = runtime.STATS.computations
    with pytest.raises(ComputationError):
        BAD_INPUT_CASES[-1].edit(objects)
    assert runtime.STATS.computations - before >= 3


def test_choices_depending_on_a_value_changed_in_the_same_update() -> None:
    screen = model()["screen"]
    ModelingUpdate([[screen.resolution, SourceObject("1080p")], [screen.refresh, SourceObject("120 Hz")]])
    assert screen.refresh.value == "120 Hz"


def test_structure_checks_accept_valid_links() -> None:
    objects = model()
    objects["other"].tasks.append(Task("t_new", objects["m_other"], w(1)))
    objects["b"].children.append(Folder("c", []))
    assert [t.name for t in objects["other"].tasks] == ["t_other", "t_new"]


def test_failed_construction_leaves_no_trace_in_linked_objects() -> None:
    objects = model()
    m1 = objects["m1"]
    with pytest.raises(UnitError):
        Task("bad", m1, SourceValue(3 * u.kg))
    assert [t.name for t in m1.tasks] == ["t1", "t2", "orphan"]
    m1.power = SourceValue(200 * u.W)  # would fail if 'bad' (which has no weight) were still linked
    assert m1.load.value == 5 * u.dimensionless
