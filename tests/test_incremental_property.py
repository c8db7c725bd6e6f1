"""Incremental equals from scratch: any sequence of edits gives exactly the values of the same model built anew
from the final inputs (every calculated attribute of every object)."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from efp_core import EfpError, ModelingUpdate, SourceValue, u
from tests.toy_model import Machine, ReportingPlant, Task

N_MACHINES = 3
N_TASKS = 5
# Dyadic weights: sums are exact whatever the order in which a machine lists its tasks.
WEIGHTS = [0.5, 1.0, 1.5, 2.0, 3.25]


@dataclass
class Inputs:
    """The inputs of a toy model, as plain data: what a from-scratch build needs."""

    machines: list[tuple[int, int]] = field(default_factory=lambda: [(100, 2), (50, 4), (300, 1)])
    tasks: list[tuple[int, float]] = field(default_factory=lambda: [(0, 1.0), (0, 2.0), (1, 0.5), (2, 1.5),
                                                                     (1, 1.0)])
    plant: list[int] = field(default_factory=lambda: [0, 1, 2])


@dataclass
class Model:
    machines: list[Machine]
    tasks: list[Task]
    plant: ReportingPlant


def build(inputs: Inputs) -> Model:
    machines = [Machine(f"m{i}", SourceValue(p * u.W), SourceValue(h * u.h)) for i, (p, h) in
                enumerate(inputs.machines)]
    tasks = [Task(f"t{i}", machines[m], SourceValue(wt * u.dimensionless)) for i, (m, wt) in enumerate(inputs.tasks)]
    plant = ReportingPlant("plant", [tasks[i] for i in inputs.plant])
    return Model(machines, tasks, plant)


def canonical(value: Any, model: Model) -> Any:
    """A value as plain data: magnitude and unit, ∅ as None, dictionaries keyed by task index."""
    if isinstance(value, dict):
        return [(model.tasks.index(key), canonical(item, model)) for key, item in value.items()]
    if getattr(value, "is_empty", False):
        return None
    return (float(value.value.magnitude), str(value.value.units))


def every_calculated_value(model: Model) -> dict[tuple[str, str], Any]:
    objects = [*model.machines, *model.tasks, model.plant]
    return {(obj.name, attr): canonical(getattr(obj, attr), model) for obj in objects
            for attr in obj.calculated_attributes}


# ---- edits: each applies to the live model and to the plain inputs --------------------------------------------
def apply(edit: tuple[Any, ...], model: Model, inputs: Inputs) -> None:
    kind = edit[0]
    if kind == "power":
        _, i, value = edit
        model.machines[i].power = SourceValue(value * u.W)
        inputs.machines[i] = (value, inputs.machines[i][1])
    elif kind == "hours":
        _, i, value = edit
        model.machines[i].hours = SourceValue(value * u.h)
        inputs.machines[i] = (inputs.machines[i][0], value)
    elif kind == "weight":
        _, t, value = edit
        model.tasks[t].weight = SourceValue(value * u.dimensionless)
        inputs.tasks[t] = (inputs.tasks[t][0], value)
    elif kind == "machine":
        _, t, i = edit
        model.tasks[t].machine = model.machines[i]
        inputs.tasks[t] = (i, inputs.tasks[t][1])
    elif kind == "append":
        _, t = edit
        model.plant.tasks.append(model.tasks[t])
        inputs.plant.append(t)
    elif kind == "remove":
        _, t = edit
        if t in inputs.plant:
            model.plant.tasks.remove(model.tasks[t])
            inputs.plant.remove(t)
    elif kind == "slice":
        _, start, stop, new = edit
        model.plant.tasks[start:stop] = [model.tasks[t] for t in new]
        inputs.plant[start:stop] = list(new)
    elif kind == "new task":
        _, i, value = edit
        model.tasks.append(Task(f"t{len(model.tasks)}", model.machines[i], SourceValue(value * u.dimensionless)))
        inputs.tasks.append((i, value))
    elif kind == "batch":
        _, i, power, t, machine = edit
        ModelingUpdate([[model.machines[i].power, SourceValue(power * u.W)],
                        [model.tasks[t].weight, SourceValue(2.0 * u.dimensionless)],
                        [model.plant.tasks, [model.tasks[k] for k in reversed(inputs.plant)]]])
        model.tasks[t].machine = model.machines[machine]
        inputs.machines[i] = (power, inputs.machines[i][1])
        inputs.tasks[t] = (machine, 2.0)
        inputs.plant.reverse()
    elif kind == "replace machine":
        _, i, j = edit
        old, new = model.machines[i], model.machines[j]
        if i == j or not any(m == i for m, _ in inputs.tasks):
            return
        ModelingUpdate([[old, new]])  # every link to machine i now points to machine j
        inputs.tasks = [(j if m == i else m, wt) for m, wt in inputs.tasks]
    elif kind == "read reports":  # on-demand values computed between edits, then invalidated by later ones
        model.plant.top_energy  # noqa: B018
    elif kind == "bad weight":
        _, t = edit
        with pytest.raises(EfpError):
            model.tasks[t].weight = SourceValue(-1 * u.dimensionless)
    else:  # pragma: no cover - the strategy only draws the kinds above
        raise AssertionError(kind)


machine_index = st.integers(0, N_MACHINES - 1)
task_index = st.integers(0, N_TASKS - 1)
weight = st.sampled_from(WEIGHTS)
edits = st.one_of(
    st.tuples(st.just("power"), machine_index, st.integers(0, 500)),
    st.tuples(st.just("hours"), machine_index, st.integers(0, 24)),
    st.tuples(st.just("weight"), task_index, weight),
    st.tuples(st.just("machine"), task_index, machine_index),
    st.tuples(st.just("append"), task_index),
    st.tuples(st.just("remove"), task_index),
    st.tuples(st.just("slice"), st.integers(0, 3), st.integers(0, 4), st.lists(task_index, max_size=3)),
    st.tuples(st.just("new task"), machine_index, weight),
    st.tuples(st.just("batch"), machine_index, st.integers(1, 400), task_index, machine_index),
    st.tuples(st.just("replace machine"), machine_index, machine_index),
    st.tuples(st.just("bad weight"), task_index),
    st.tuples(st.just("read reports")),
)


@settings(max_examples=50, deadline=None)
@given(st.lists(edits, min_size=1, max_size=12))
def test_incremental_equals_from_scratch(sequence: list[tuple[Any, ...]]) -> None:
    inputs = Inputs()
    model = build(inputs)
    for edit in sequence:
        apply(edit, model, inputs)
    incremental = every_calculated_value(model)
    from_scratch = every_calculated_value(build(inputs))
    assert incremental == from_scratch


def test_an_edit_sequence_that_revisits_every_kind_of_edit() -> None:
    """A fixed sequence, so that a failure here is easy to read."""
    inputs = Inputs()
    model = build(inputs)
    sequence: list[tuple[Any, ...]] = [
        ("machine", 0, 1), ("append", 3), ("weight", 2, 3.25), ("remove", 1), ("slice", 0, 1, [4, 4]),
        ("new task", 2, 0.5), ("read reports",), ("batch", 2, 10, 5, 0), ("replace machine", 1, 2), ("bad weight", 0),
        ("read reports",), ("power", 2, 0),
    ]
    for edit in sequence:
        apply(edit, model, inputs)
    assert every_calculated_value(model) == every_calculated_value(build(inputs))
