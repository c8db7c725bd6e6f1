"""Saving and loading models as JSON: efp's own format, and e-footprint 17.x files (detected automatically)."""
from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, cast

from efp_core.engine import ModelingObject, ModelingUpdate
from efp_core.engine.modeling_update import AttributeRef
from efp_core.errors import EfpError, JsonFormatError
from efp_core.io import own_format, reference_format
from efp_core.io.builder import build_model
from efp_core.io.plan import ModelPlan, resolve_refs
from efp_core.io.values import encode_value

if TYPE_CHECKING:
    from efp_core.domain.system import System


def save_json(system: ModelingObject, path: str | Path, include_calculated: bool = False) -> Path:
    """Write `system` to `path` in efp's own format (docs/json_format.md).

    `include_calculated=True` also writes every calculated value, to diff two files or to check a reload
    (`load_json(path, check_calculated=True)`); loading never needs them.
    """
    document = own_format.system_to_dict(system, include_calculated)
    target = Path(path)
    target.write_text(json.dumps(document, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return target


def load_json(path: str | Path, check_calculated: bool = False) -> System:
    """The System saved in `path` (efp's own format or an e-footprint 17.x file), built and computed.

    Bad files raise JsonFormatError naming the JSON path of the problem; nothing of the file stays linked to
    objects that existed before. `check_calculated=True` compares the recomputed values with those saved with
    `include_calculated=True` and raises at the first difference.
    """
    text = Path(path).read_text(encoding="utf-8")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise JsonFormatError("$", "a JSON document", None, f"{exc.msg} at line {exc.lineno}") from None
    system, _ = load_dict(data, check_calculated=check_calculated)
    return system


def load_dict(data: Any, classes: dict[str, type] | None = None, check_calculated: bool = False
              ) -> tuple[System, dict[str, ModelingObject]]:
    """The System described by a parsed JSON document, and every object built, by id."""
    plan = decode_document(data, classes)
    system, built = build_model(plan)
    if plan.simulation is not None:
        _replay_simulation(plan, built)
    if check_calculated:
        _check_calculated(plan, built)
    return cast("System", system), built


def decode_document(data: Any, classes: dict[str, type] | None = None) -> ModelPlan:
    """Detect the format and decode the document (no object is built)."""
    if not isinstance(data, dict):
        raise JsonFormatError("$", "a JSON object", type(data).__name__)
    lookup = _class_lookup(classes)
    if "format" in data:
        if data["format"] != own_format.FORMAT_NAME:
            raise JsonFormatError("$.format", f"{own_format.FORMAT_NAME!r}", repr(data["format"]))
        return own_format.read_plan(data, lookup)
    if reference_format.VERSION_KEY in data:
        return reference_format.read_plan(data, lookup)
    raise JsonFormatError("$", f"an efp file (\"format\": \"{own_format.FORMAT_NAME}\") or an e-footprint file "
                               f"(\"{reference_format.VERSION_KEY}\": \"17.x\")", "neither key")


def _class_lookup(extra: dict[str, type] | None) -> Callable[[str, str], type[ModelingObject]]:
    known = modeling_classes()
    known.update(extra or {})

    def class_named(name: str, path: str) -> type[ModelingObject]:
        cls = known.get(name)
        if cls is None:
            raise JsonFormatError(path, "an efp modeling class (such as Server, Job or UsagePattern)", repr(name))
        return cls
    return class_named


def modeling_classes() -> dict[str, type[ModelingObject]]:
    """The modeling classes importable from efp_core, by name (the names the reference uses too)."""
    import efp_core
    return {name: value for name, value in vars(efp_core).items()
            if isinstance(value, type) and issubclass(value, ModelingObject) and value is not ModelingObject}


def _replay_simulation(plan: ModelPlan, built: dict[str, ModelingObject]) -> None:
    simulation = plan.simulation
    assert simulation is not None
    changes = []
    for change in simulation.changes:
        obj = built[change.object_id]
        if change.attribute not in type(obj)._input_names:
            raise JsonFormatError(change.path, f"an input of {type(obj).__name__}", repr(change.attribute))
        changes.append([AttributeRef(obj, change.attribute), resolve_refs(change.value, built)])
    try:
        update = ModelingUpdate(changes, simulation_date=simulation.date)
    except EfpError as exc:
        raise JsonFormatError(simulation.path, "changes efp can simulate", None, str(exc)) from exc
    if simulation.applied:
        update.set_updated_values()


def _check_calculated(plan: ModelPlan, built: dict[str, ModelingObject]) -> None:
    for object_plan in plan.objects.values():
        obj = built[object_plan.id]
        for attr, saved in object_plan.calculated.items():
            where = f"{object_plan.path}.calculated.{attr}"
            if attr not in type(obj)._calculated_names:
                raise JsonFormatError(where, f"a calculated attribute of {type(obj).__name__}", repr(attr))
            if encode_value(getattr(obj, attr), where, calculated=True) != saved:
                raise JsonFormatError(where, "the value efp recomputes from the file's inputs",
                                      "a different saved value")


# ---- e-footprint's names ---------------------------------------------------------------------------------------
def system_to_json(input_system: ModelingObject, save_calculated_attributes: bool, output_filepath: str | None = None,
                   indent: int = 4) -> dict[str, Any]:
    """e-footprint's name for saving: the efp-format document of `input_system`, also written to
    `output_filepath` when given."""
    document = own_format.system_to_dict(input_system, save_calculated_attributes)
    if output_filepath is not None:
        Path(output_filepath).write_text(json.dumps(document, indent=indent, ensure_ascii=False), encoding="utf-8")
    return document


def json_to_system(system_dict: dict[str, Any], launch_system_computations: bool = True,
                   efootprint_classes_dict: dict[str, type] | None = None
                   ) -> tuple[dict[str, dict[str, ModelingObject]], dict[str, ModelingObject]]:
    """e-footprint's name for loading a parsed document (either format): (objects by class then id, objects by id).

    efp computes a model when its System is built, so `launch_system_computations` has no effect.
    """
    _, built = load_dict(system_dict, efootprint_classes_dict)
    by_class: dict[str, dict[str, ModelingObject]] = {}
    for object_id, obj in built.items():
        by_class.setdefault(type(obj).__name__, {})[object_id] = obj
    return by_class, built
