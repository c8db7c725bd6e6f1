"""Build the objects of a ModelPlan through their classes' constructors, so the engine checks every input.

Order: every object whose constructor links are built is built (file order, repeated passes); the objects a
constructor creates itself (parts) take the file's ids and names; then inputs that are not constructor
parameters are set; the System is built last, which computes the model once. The file's objects are only ever
linked to each other, so a failure leaves no existing object changed.
"""
from __future__ import annotations

from contextlib import contextmanager
from typing import Any, Iterator

from efp_core.engine import ModelingObject
from efp_core.errors import ComputationError, EfpError, JsonFormatError, ModelingInputError, UnitError, _describe
from efp_core.io.plan import ModelPlan, ObjectPlan, constructor_params, resolve_refs, value_refs
from efp_core.io.values import Ref


class _Builder:
    def __init__(self, plan: ModelPlan) -> None:
        self.plan = plan
        self.built: dict[str, ModelingObject] = {}
        self.adopted: set[str] = set()
        self.owner_of = self._owners()

    # ---- checks before anything is built ------------------------------------------------------------------
    def check_links(self) -> None:
        objects = self.plan.objects
        for plan in objects.values():
            for ref in plan.refs():
                if ref.id not in objects:
                    raise JsonFormatError(ref.path, "the id of an object of this file", repr(ref.id),
                                          "The link points to no object")
        for change in self.plan.simulation.changes if self.plan.simulation else []:
            if change.object_id not in objects:
                raise JsonFormatError(change.path, "the id of an object of this file", repr(change.object_id))
            for ref in value_refs(change.value):
                if ref.id not in objects:
                    raise JsonFormatError(ref.path, "the id of an object of this file", repr(ref.id))

    def _owners(self) -> dict[str, str]:
        """Part id -> id of the object whose constructor creates it."""
        owners: dict[str, str] = {}
        for plan in self.plan.objects.values():
            params = set(constructor_params(plan.cls))
            own_links = {ref.id for attr in params for ref in value_refs(plan.inputs.get(attr))}
            for ref in self._part_refs(plan):
                if ref.id not in own_links:
                    owners.setdefault(ref.id, plan.id)
        return owners

    @staticmethod
    def _part_refs(plan: ObjectPlan) -> list[Ref]:
        params = set(constructor_params(plan.cls))
        refs = [ref for attr, value in plan.inputs.items() if attr not in params for ref in value_refs(value)]
        return refs + [ref for refs in plan.parts.values() for ref in refs]

    # ---- construction -------------------------------------------------------------------------------------
    def build(self) -> ModelingObject:
        system_plan = self.plan.objects[self.plan.system_id]
        waiting = [p for p in self.plan.objects.values() if p.id not in self.owner_of and p is not system_plan]
        while waiting:
            ready = [p for p in waiting if all(ref.id in self.built for ref in self._constructor_refs(p))]
            if not ready:
                self._raise_stuck(waiting)
            for plan in ready:
                self._construct(plan)
            waiting = [p for p in waiting if p.id not in self.built]
        for plan in self.plan.objects.values():
            if plan is not system_plan and plan.id in self.built:
                self._set_other_inputs(plan)
        if any(ref.id not in self.built for ref in self._constructor_refs(system_plan)):
            self._raise_stuck([system_plan])
        self._order_containers()
        return self._construct(system_plan)

    def _constructor_refs(self, plan: ObjectPlan) -> list[Ref]:
        return [ref for attr in constructor_params(plan.cls) for ref in value_refs(plan.inputs.get(attr))]

    def _construct(self, plan: ObjectPlan) -> ModelingObject:
        kwargs = {attr: resolve_refs(plan.inputs[attr], self.built) for attr in constructor_params(plan.cls)
                  if attr in plan.inputs}
        with errors_at(plan):
            obj = plan.cls(plan.name, **kwargs)
        obj.__dict__["id"] = plan.id
        self.built[plan.id] = obj
        self._adopt_parts(plan, obj)
        return obj

    def _adopt_parts(self, plan: ObjectPlan, obj: ModelingObject) -> None:
        """Give the file's ids and names to the objects `obj`'s constructor created (matched by class, in order)."""
        created = _created_parts(obj)
        used: set[int] = set()
        for ref in self._part_refs(plan):
            if self.owner_of.get(ref.id) != plan.id or ref.id in self.built:
                continue
            part_plan = self.plan.objects[ref.id]
            match = next((c for c in created if type(c) is part_plan.cls and id(c) not in used), None)
            if match is None:
                raise JsonFormatError(ref.path, f"an object that {plan.cls.__name__} creates itself "
                                                f"({_created_classes(obj)})",
                                      f"{part_plan.cls.__name__} {ref.id!r}")
            used.add(id(match))
            match.__dict__["id"] = part_plan.id
            match.__dict__["name"] = part_plan.name
            self.built[part_plan.id] = match
            self.adopted.add(part_plan.id)
            self._adopt_parts(part_plan, match)

    def _set_other_inputs(self, plan: ObjectPlan) -> None:
        """Inputs the constructor did not take: internal inputs, and every input of a part it created."""
        obj = self.built[plan.id]
        params = set() if plan.id in self.adopted else set(constructor_params(plan.cls))
        for attr, value in plan.inputs.items():
            if attr in params:
                continue
            wanted = resolve_refs(value, self.built)
            current = obj._values.get(attr)
            if _same_links(wanted, current):
                continue
            with errors_at(plan):
                obj._init_input(attr, wanted)

    def _order_containers(self) -> None:
        """Reverse links in the file's order: sums over an object's containers then add in the same order."""
        for plan in self.plan.objects.values():
            order = plan.containers
            obj = self.built.get(plan.id)
            if not order or obj is None:
                continue
            current = obj.__dict__["_containers"]
            keyed = {(container.id, attr): (container, attr) for container, attr in current}
            ordered = [keyed[key] for key in order if key in keyed]
            rest = [key for key in current if key not in ordered]
            obj.__dict__["_containers"] = {key: current[key] for key in [*ordered, *rest]}

    def _raise_stuck(self, waiting: list[ObjectPlan]) -> None:
        """Follow unbuilt constructor links from the first waiting object until one repeats: that is the cycle."""
        plan = waiting[0]
        trail: list[tuple[ObjectPlan, Ref]] = []
        while all(p.id != plan.id for p, _ in trail):
            ref = next(r for r in self._constructor_refs(plan) if r.id not in self.built)
            trail.append((plan, ref))
            target = ref.id
            while target in self.owner_of and target not in self.built:
                target = self.owner_of[target]
            plan = self.plan.objects[target]
        cycle = trail[next(n for n, (p, _) in enumerate(trail) if p.id == plan.id):]
        text = " -> ".join(f"{p.cls.__name__} {p.name!r}" for p, _ in [*cycle, cycle[0]])
        raise JsonFormatError(cycle[0][1].path, "links that do not form a cycle (an object is built after the "
                                                "objects it links to)", text)


@contextmanager
def errors_at(plan: ObjectPlan) -> Iterator[None]:
    """Turn the engine's refusals into JsonFormatErrors naming the path of the attribute in the file."""
    try:
        yield
    except JsonFormatError:
        raise
    except ModelingInputError as error:
        path = plan.input_paths.get(error.attribute, plan.path) if error.object_name == plan.name else plan.path
        if isinstance(error, UnitError) and path != plan.path:
            path += ".unit"
        raise JsonFormatError(path, error.expected, _describe(error.received),
                              f"{error.class_name} '{error.object_name}' refused it") from error
    except ComputationError as error:
        raise JsonFormatError(plan.path, "a model efp can compute", None, str(error)) from error
    except (EfpError, TypeError, ValueError) as error:
        raise JsonFormatError(plan.path, f"inputs {plan.cls.__name__} accepts", None, str(error)) from error


def _created_parts(obj: ModelingObject) -> list[ModelingObject]:
    params = set(constructor_params(type(obj)))
    found: list[ModelingObject] = []
    for attr in type(obj)._input_names:
        if attr not in params:
            value = obj._values.get(attr)
            found += [value] if isinstance(value, ModelingObject) else \
                [v for v in value if isinstance(v, ModelingObject)] if isinstance(value, list) else []
    found += [v for k, v in vars(obj).items() if not k.startswith("_") and isinstance(v, ModelingObject)]
    return list(dict.fromkeys(found))


def _created_classes(obj: ModelingObject) -> str:
    parts = _created_parts(obj)
    return ", ".join(type(p).__name__ for p in parts) or "none"


def _same_links(wanted: Any, current: Any) -> bool:
    if isinstance(wanted, ModelingObject) or isinstance(current, ModelingObject):
        return wanted is current
    if isinstance(wanted, list) and isinstance(current, list):
        return len(wanted) == len(current) and all(a is b for a, b in zip(wanted, current))
    return False


def build_model(plan: ModelPlan) -> tuple[ModelingObject, dict[str, ModelingObject]]:
    """The system of `plan` and every object built, by id."""
    builder = _Builder(plan)
    builder.check_links()
    system = builder.build()
    return system, builder.built
