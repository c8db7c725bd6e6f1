"""efp's own JSON format ("efp-json", docs/json_format.md): writing a system, and reading a file into a ModelPlan."""
from __future__ import annotations

from collections import deque
from datetime import datetime
from importlib import metadata
from typing import Any, Callable

import pytz

from efp_core.engine import ListLinkedToModelingObj, ModelingObject
from efp_core.engine.modeling_update import AttributeRef
from efp_core.errors import JsonFormatError
from efp_core.io.paths import child, object_path
from efp_core.io.plan import ChangePlan, ModelPlan, ObjectPlan, SimulationPlan, required_params
from efp_core.io.values import Ref, decode_value, encode_value, expect_dict, required

FORMAT_NAME = "efp-json"
FORMAT_VERSION = 1
OBJECTS = "$.objects"


# ---- writing ----------------------------------------------------------------------------------------------------
def system_to_dict(system: ModelingObject, include_calculated: bool = False) -> dict[str, Any]:
    """The JSON document of `system`: every object it links to, by class and id, with its inputs.

    While a simulation is shown (`set_updated_values()`), the baseline inputs are written with the simulation's
    changes, so loading shows the same simulated values and `reset_values()` gives the baseline back. A
    simulation that is not shown is not written.
    """
    simulation = getattr(system, "simulation", None)
    if simulation is not None and not simulation.updated_values_set:
        simulation = None
    baseline = _baseline_inputs(simulation)
    changes = _simulation_changes(simulation) if simulation is not None else []
    objects = _objects_to_save(system, baseline, [value for _, _, value in changes])
    saved = set(objects)
    by_class: dict[str, dict[str, Any]] = {}
    seen_ids: set[str] = set()
    for obj in objects:
        class_name = type(obj).__name__
        where = object_path(OBJECTS, class_name, obj.id)
        if obj.id in seen_ids:
            raise JsonFormatError(where, "one object per id", f"two objects with id {obj.id!r}",
                                  "Give one of them another id before saving")
        seen_ids.add(obj.id)
        entry: dict[str, Any] = {"name": obj.name, "inputs": {
            attr: encode_value(baseline.get((obj, attr), obj._values.get(attr)), child(child(where, "inputs"), attr))
            for attr in type(obj)._input_names}}
        parts = {key: value.id for key, value in vars(obj).items()
                 if not key.startswith("_") and isinstance(value, ModelingObject)}
        if parts:
            entry["parts"] = parts
        containers = [[container.id, attr] for container, attr in obj._containers if container in saved]
        if containers:
            entry["containers"] = containers
        if include_calculated:
            entry["calculated"] = {attr: encode_value(getattr(obj, attr), child(child(where, "calculated"), attr),
                                                      calculated=True) for attr in type(obj)._calculated_names}
        by_class.setdefault(class_name, {})[obj.id] = entry
    document: dict[str, Any] = {"format": FORMAT_NAME, "version": FORMAT_VERSION,
                                "written_by": {"package": "efp", "version": _efp_version()},
                                "system": system.id, "objects": by_class}
    if simulation is not None:
        document["simulation"] = {
            "date": simulation.simulation_date.isoformat(), "applied": True,
            "changes": [{"object": obj.id, "attribute": attr,
                         "value": encode_value(value, f"$.simulation.changes[{n}].value")}
                        for n, (obj, attr, value) in enumerate(changes)]}
    return document


def _efp_version() -> str:
    try:
        return metadata.version("efp")
    except metadata.PackageNotFoundError:
        return "unknown"


def _baseline_inputs(simulation: Any) -> dict[tuple[Any, str], Any]:
    """Inputs as they are outside the simulation, for the nodes a shown simulation changed."""
    if simulation is None:
        return {}
    return {node: list(value) if isinstance(value, tuple) else value
            for node, value in simulation._baseline.inputs.items()}


def _simulation_changes(simulation: Any) -> list[tuple[Any, str, Any]]:
    """(object, attribute, new value) for each input slot the simulation's change list names."""
    baseline, updated = simulation._baseline.inputs, simulation._updated.inputs
    slots: list[tuple[Any, Any]] = []
    for old, _ in simulation.changes_list:
        if isinstance(old, AttributeRef):
            slots.append((old.obj, old.attr))
        elif isinstance(old, ListLinkedToModelingObj) and old.modeling_obj_container is not None:
            slots.append((old.modeling_obj_container, old.attr_name_in_mod_obj_container))
        elif isinstance(old, ModelingObject):
            slots += [node for node, value in baseline.items()
                      if value is old or (isinstance(value, tuple) and any(v is old for v in value))]
        else:
            slots += [node for node, value in baseline.items() if value is old]
    changes = []
    for obj, attr in dict.fromkeys(slots):
        value = updated.get((obj, attr))
        changes.append((obj, attr, list(value) if isinstance(value, tuple) else value))
    return changes


def _objects_to_save(system: ModelingObject, baseline: dict[tuple[Any, str], Any], extra_values: list[Any]
                     ) -> list[ModelingObject]:
    """The system's objects in its listing order, then any object reachable through inputs or parts."""
    ordered: dict[ModelingObject, None] = dict.fromkeys([*getattr(system, "all_linked_objects", []), system])
    stack = deque([*ordered, *(v for value in extra_values for v in _objects_in(value))])
    while stack:
        obj = stack.popleft()
        ordered.setdefault(obj, None)
        for attr in type(obj)._input_names:
            for target in _objects_in(baseline.get((obj, attr), obj._values.get(attr))):
                if target not in ordered:
                    ordered[target] = None
                    stack.append(target)
        for value in vars(obj).values():
            if isinstance(value, ModelingObject) and value not in ordered:
                ordered[value] = None
                stack.append(value)
    return list(ordered)


def _objects_in(value: Any) -> list[ModelingObject]:
    if isinstance(value, ModelingObject):
        return [value]
    if isinstance(value, list):
        return [v for v in value if isinstance(v, ModelingObject)]
    return []


# ---- reading ----------------------------------------------------------------------------------------------------
def read_plan(data: dict[str, Any], class_named: Callable[[str, str], type[ModelingObject]]) -> ModelPlan:
    version = data.get("version")
    if isinstance(version, bool) or not isinstance(version, int):
        raise JsonFormatError("$.version", f"the format version (a whole number; this efp reads {FORMAT_VERSION})",
                              repr(version))
    if version != FORMAT_VERSION:
        newer = "a newer efp" if version > FORMAT_VERSION else "an unknown version"
        raise JsonFormatError("$.version", f"format version {FORMAT_VERSION}", repr(version),
                              f"The file was written by {newer}")
    system_id = required(data, "system", "$", "the id of the file's System")
    if not isinstance(system_id, str):
        raise JsonFormatError("$.system", "the id of the file's System (a string)", repr(system_id))
    classes = expect_dict(required(data, "objects", "$", "the objects by class and id"), OBJECTS)
    objects: dict[str, ObjectPlan] = {}
    for class_name, entries in classes.items():
        cls = class_named(class_name, child(OBJECTS, class_name))
        entries = expect_dict(entries, child(OBJECTS, class_name), "objects of this class by id")
        for object_id, entry in entries.items():
            path = object_path(OBJECTS, class_name, object_id)
            if object_id in objects:
                raise JsonFormatError(path, "ids unique across the file", repr(object_id),
                                      f"already used by {objects[object_id].path}")
            objects[object_id] = _read_object(cls, object_id, expect_dict(entry, path), path)
    system = objects.get(system_id)
    if system is None or not system.cls.is_system_root:
        raise JsonFormatError("$.system", "the id of a System of the file", repr(system_id))
    simulation = data.get("simulation")
    return ModelPlan(objects, system_id, _read_simulation(simulation) if simulation is not None else None)


def _read_object(cls: type[ModelingObject], object_id: str, entry: dict[str, Any], path: str) -> ObjectPlan:
    name = required(entry, "name", path, "the object's name")
    if not isinstance(name, str):
        raise JsonFormatError(child(path, "name"), "a string", repr(name))
    plan = ObjectPlan(cls, object_id, name, path)
    inputs_path = child(path, "inputs")
    inputs = expect_dict(required(entry, "inputs", path, "the object's inputs"), inputs_path)
    names = cls._input_names
    for attr, encoded in inputs.items():
        attr_path = child(inputs_path, attr)
        if attr not in names:
            raise JsonFormatError(attr_path, f"an input of {cls.__name__} ({', '.join(names)})", repr(attr))
        plan.inputs[attr] = decode_value(encoded, attr_path)
        plan.input_paths[attr] = attr_path
    for attr in required_params(cls):
        if attr not in inputs:
            raise JsonFormatError(child(inputs_path, attr), f"the input {attr!r} of {cls.__name__}",
                                  "nothing (the field is missing)")
    parts = expect_dict(entry.get("parts", {}), child(path, "parts"))
    for attr, target in parts.items():
        if not isinstance(target, str):
            raise JsonFormatError(child(child(path, "parts"), attr), "an object id (a string)", repr(target))
        plan.parts[attr] = [Ref(target, child(child(path, "parts"), attr))]
    containers = entry.get("containers", [])
    if not isinstance(containers, list) or not all(
            isinstance(c, list) and len(c) == 2 and all(isinstance(x, str) for x in c) for c in containers):
        raise JsonFormatError(child(path, "containers"), "a list of [object id, attribute] pairs", repr(containers))
    plan.containers = [(c[0], c[1]) for c in containers]
    plan.calculated = expect_dict(entry.get("calculated", {}), child(path, "calculated"))
    return plan


def _read_simulation(data: Any) -> SimulationPlan:
    path = "$.simulation"
    data = expect_dict(data, path)
    text = required(data, "date", path, "the simulation date")
    try:
        date = datetime.fromisoformat(text) if isinstance(text, str) else None
    except ValueError:
        date = None
    if date is None or date.tzinfo is None:
        raise JsonFormatError(child(path, "date"), "an ISO date with its UTC offset", repr(text))
    date = date.astimezone(pytz.utc)
    applied = data.get("applied", True)
    changes_data = required(data, "changes", path, "the simulation's changes")
    if not isinstance(changes_data, list):
        raise JsonFormatError(child(path, "changes"), "a list of changes", repr(changes_data)[:80])
    changes = []
    for n, change in enumerate(changes_data):
        where = child(child(path, "changes"), n)
        change = expect_dict(change, where)
        object_id = required(change, "object", where, "the changed object's id")
        attribute = required(change, "attribute", where, "the changed input's name")
        value = decode_value(required(change, "value", where, "the new value"), child(where, "value"))
        changes.append(ChangePlan(object_id, attribute, value, where))
    return SimulationPlan(date, bool(applied), changes, path)
