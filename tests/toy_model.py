"""A small model used by the engine tests: producers feed consumers, a root sums everything."""
from __future__ import annotations

from typing import List

from efp_core import (
    EmptyExplainableObject,
    ExplainableObjectDict,
    ExplainableQuantity,
    ModelingObject,
    SourceValue,
    calculated,
    u,
)


class Machine(ModelingObject):
    default_values = {"power": SourceValue(100 * u.W), "hours": SourceValue(2 * u.h)}

    def __init__(self, name: str, power: ExplainableQuantity, hours: ExplainableQuantity) -> None:
        super().__init__(name)
        self.power = power
        self.hours = hours

    @calculated
    def energy(self) -> ExplainableQuantity:
        return (self.power * self.hours).to(u.kWh)

    @property
    def tasks(self) -> list["Task"]:
        return self.containers_of_type(Task)

    @calculated
    def load(self) -> ExplainableQuantity:
        return sum((t.weight for t in self.tasks), start=EmptyExplainableObject())


class Task(ModelingObject):
    default_values = {"weight": SourceValue(1 * u.dimensionless)}

    def __init__(self, name: str, machine: Machine, weight: ExplainableQuantity) -> None:
        super().__init__(name)
        self.machine = machine
        self.weight = weight

    @calculated
    def share(self) -> ExplainableQuantity:
        return self.weight / self.machine.load

    @calculated
    def energy(self) -> ExplainableQuantity:
        return self.machine.energy * self.share


class Plant(ModelingObject):
    is_system_root = True

    def __init__(self, name: str, tasks: List[Task]) -> None:
        super().__init__(name)
        self.tasks = tasks

    @property
    def all_linked_objects(self) -> list[ModelingObject]:
        out: list[ModelingObject] = []
        for task in self.tasks:
            out += [task, task.machine]
        return list(dict.fromkeys(out))

    @calculated
    def energy_per_task(self) -> ExplainableObjectDict:
        return ExplainableObjectDict({t: t.energy for t in self.tasks})

    @calculated
    def total_energy(self) -> ExplainableQuantity:
        return sum(self.energy_per_task.values(), start=EmptyExplainableObject())

    def after_init(self) -> None:
        from efp_core.engine.runtime import compute_system
        compute_system(self)


class ReportingPlant(Plant):
    """A plant with report attributes computed only when read (on demand), one reading the other."""

    on_demand_attributes = frozenset({"energy_ranking", "top_energy"})

    @calculated
    def energy_ranking(self) -> ExplainableObjectDict:
        """Task energies, largest first (ties in task order)."""
        ranked = sorted(self.tasks, key=lambda t: -t.energy.to(u.kWh).magnitude)
        return ExplainableObjectDict({t: t.energy for t in ranked})

    @calculated
    def top_energy(self) -> ExplainableQuantity:
        return next(iter(self.energy_ranking.values()), EmptyExplainableObject())
