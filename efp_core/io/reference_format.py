"""Files written by e-footprint 17.x `system_to_json`, read into a ModelPlan.

Layout: `{"efootprint_version": "17.1.0", "<Class>": {"<id>": {"name", "id", <attribute>: value}}}`. Links are
bare ids, lists of links lists of ids; values are told apart by their keys (hourly series are base64 of
zstd-compressed float32 in "compressed_values", weeks a printed list in "recurring_values", time zones "zone",
empty values a null "value"). Attributes the reference stores but efp does not model as inputs are checked
against the only value efp accepts for them, so a file that relies on another value is refused, not misread.
"""
from __future__ import annotations

import base64
import binascii
import json
from typing import Any, Callable

import numpy as np
import zstandard

from efp_core.engine import ModelingObject
from efp_core.engine.inputs import InputSpec
from efp_core.errors import JsonFormatError
from efp_core.io.paths import child, object_path
from efp_core.io.plan import ModelPlan, ObjectPlan, required_params
from efp_core.io.values import (
    FLOAT32_LE,
    Ref,
    checked,
    decode_label,
    decode_source,
    decode_start_date,
    expect_dict,
    parse_unit,
    required,
    timezone_named,
)
from efp_core.sources import Sources
from efp_core.units import u
from efp_core.values import (
    EmptyExplainableObject,
    SourceHourlyValues,
    SourceObject,
    SourceRecurrentValues,
    SourceTimezone,
    SourceValue,
)

VERSION_KEY = "efootprint_version"
READABLE_MAJOR = 17
# (class in the efp class's hierarchy, attribute) -> (value, unit) the reference always stores there; efp models
# them as constants (a server runs all the time, storage power is counted by its server, API jobs need nothing
# from the modelled servers).
FIXED_QUANTITIES: dict[tuple[str, str], tuple[float, str]] = {
    ("ServerBase", "fraction_of_usage_time"): (1.0, "dimensionless"),
    ("Storage", "fraction_of_usage_time"): (1.0, "dimensionless"),
    ("Storage", "power"): (0.0, "watt"),
    ("ExternalAPIJob", "compute_needed"): (0.0, "cpu_core"),
    ("ExternalAPIJob", "ram_needed"): (0.0, "megabyte_ram"),
    ("ExternalAPIJob", "data_stored"): (0.0, "megabyte"),
}
# Attributes efp computes itself from other inputs: the reference value must be empty.
FIXED_EMPTY = {("VideoStreaming", "base_compute_consumption")}
# Informational attributes efp does not use (Boavizta is called in-process).
IGNORED = {("BoaviztaCloudServer", "impact_url")}


def read_plan(data: dict[str, Any], class_named: Callable[[str, str], type[ModelingObject]]) -> ModelPlan:
    version = data.get(VERSION_KEY)
    major = version.split(".")[0] if isinstance(version, str) else None
    if major is None or not major.isdigit() or int(major) != READABLE_MAJOR:
        raise JsonFormatError(f"$.{VERSION_KEY}", f"an e-footprint {READABLE_MAJOR}.x file", repr(version),
                              f"efp reads files written by e-footprint {READABLE_MAJOR}")
    entries: list[tuple[type[ModelingObject], str, dict[str, Any], str]] = []
    for class_name, objects in data.items():
        if class_name == VERSION_KEY:
            continue
        cls = class_named(class_name, f"$.{class_name}")
        for object_id, entry in expect_dict(objects, f"$.{class_name}", "objects of this class by id").items():
            path = object_path("$", class_name, object_id)
            entries.append((cls, object_id, expect_dict(entry, path), path))
    all_ids = {object_id for _, object_id, _, _ in entries}
    objects_by_id: dict[str, ObjectPlan] = {}
    for cls, object_id, entry, path in entries:
        if object_id in objects_by_id:
            raise JsonFormatError(path, "ids unique across the file", repr(object_id),
                                  f"already used by {objects_by_id[object_id].path}")
        objects_by_id[object_id] = _read_object(cls, object_id, entry, path, all_ids)
    systems = [plan for plan in objects_by_id.values() if plan.cls.is_system_root]
    if len(systems) != 1:
        raise JsonFormatError("$.System", "exactly one System", f"{len(systems)}")
    return ModelPlan(objects_by_id, systems[0].id)


def _read_object(cls: type[ModelingObject], object_id: str, entry: dict[str, Any], path: str,
                 all_ids: set[str]) -> ObjectPlan:
    name = required(entry, "name", path, "the object's name")
    if not isinstance(name, str):
        raise JsonFormatError(child(path, "name"), "a string", repr(name))
    plan = ObjectPlan(cls, object_id, name, path)
    specs: dict[str, InputSpec] = cls.input_specs()
    # Written with save_calculated_attributes=True: values efp does not name are the reference's own calculations.
    with_calculated = any(attr in cls._calculated_names for attr in entry)
    for attr, raw in entry.items():
        attr_path = child(path, attr)
        if attr in ("name", "id"):
            continue
        if attr in specs:
            plan.inputs[attr] = _decode(raw, specs[attr], attr_path)
            plan.input_paths[attr] = attr_path
        else:
            _read_other(cls, attr, raw, attr_path, plan, all_ids, with_calculated)
    for attr in required_params(cls):
        if attr not in entry:
            raise JsonFormatError(child(path, attr), f"the input {attr!r} of {cls.__name__}",
                                  "nothing (the field is missing)")
    return plan


def _read_other(cls: type[ModelingObject], attr: str, raw: Any, path: str, plan: ObjectPlan, all_ids: set[str],
                with_calculated: bool) -> None:
    """An attribute that is not an efp input: a part, a fixed value, or a calculated value written by the reference."""
    lineage = [klass.__name__ for klass in cls.__mro__]
    ids = [raw] if isinstance(raw, str) else raw if isinstance(raw, list) else None
    if ids is not None and all(isinstance(i, str) and i in all_ids for i in ids):
        plan.parts[attr] = [Ref(i, child(path, n) if isinstance(raw, list) else path) for n, i in enumerate(ids)]
        return
    fixed = next((FIXED_QUANTITIES[(name, attr)] for name in lineage if (name, attr) in FIXED_QUANTITIES), None)
    if fixed is not None:
        value = _decode(raw, InputSpec("quantity"), path)
        expected = u.Quantity(*fixed)
        if not isinstance(value, SourceValue) or not value.value.dimensionality == expected.dimensionality \
                or value.value.to(expected.units).magnitude != fixed[0]:
            raise JsonFormatError(path, f"{fixed[0]:g} {fixed[1]} (efp models {cls.__name__}.{attr} as this constant)",
                                  str(getattr(value, "value", value)))
        return
    if any((name, attr) in FIXED_EMPTY for name in lineage):
        if not isinstance(_decode(raw, InputSpec("quantity", allow_empty=True), path), EmptyExplainableObject):
            raise JsonFormatError(path, f"an empty value (efp computes {cls.__name__}.{attr} itself)", str(raw)[:80])
        return
    if any((name, attr) in IGNORED for name in lineage):
        return
    if attr in cls._calculated_names or hasattr(cls, attr) or (with_calculated and isinstance(raw, dict)):
        return  # a calculated value (save_calculated_attributes=True): efp recomputes it
    inputs = ", ".join(cls.input_specs())
    raise JsonFormatError(path, f"an attribute of {cls.__name__} (inputs: {inputs})",
                          repr(attr))


def _decode(raw: Any, spec: InputSpec, path: str) -> Any:
    if spec.kind == "link":
        if raw is None:
            return None
        if not isinstance(raw, str):
            raise JsonFormatError(path, "the id of the linked object (a string)", _short(raw))
        return Ref(raw, path)
    if spec.kind == "links":
        if not isinstance(raw, list) or not all(isinstance(i, str) for i in raw):
            raise JsonFormatError(path, "a list of object ids", _short(raw))
        return [Ref(i, child(path, n)) for n, i in enumerate(raw)]
    if not isinstance(raw, dict):
        if spec.kind in ("plain", "any"):
            return raw
        raise JsonFormatError(path, "a value object ({\"value\": ..., \"unit\": ..., ...})", _short(raw))
    return decode_value(raw, path)


def decode_value(data: dict[str, Any], path: str) -> Any:
    """A value told apart by its keys, as the reference writes it."""
    source = decode_source(data.get("source"), child(path, "source"))
    label = _label(decode_label(data, path), source)
    if "compressed_values" in data or "values" in data:
        values = _hourly_values(data, path)
        unit = parse_unit(required(data, "unit", path, "a unit name"), child(path, "unit"))
        start = decode_start_date(required(data, "start_date", path, "the first hour"), data.get("timezone"), path)
        return checked(lambda: SourceHourlyValues(u.Quantity(values, unit), start, source or Sources.HYPOTHESIS,
                                                   label), path)
    if "recurring_values" in data:
        values = _recurring_values(data["recurring_values"], child(path, "recurring_values"))
        unit = parse_unit(required(data, "unit", path, "a unit name"), child(path, "unit"))
        return checked(lambda: SourceRecurrentValues(u.Quantity(values, unit), source or Sources.HYPOTHESIS, label),
                        path)
    if "zone" in data:
        return SourceTimezone(timezone_named(data["zone"], path), source or Sources.HYPOTHESIS, label)
    value = required(data, "value", path, "a value")
    if value is None:
        empty = EmptyExplainableObject(label or "no value")
        if source is not None:
            empty.source = source
        return empty
    if "unit" in data:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise JsonFormatError(child(path, "value"), "a number", _short(value))
        unit = parse_unit(data["unit"], child(path, "unit"))
        return SourceValue(u.Quantity(value, unit), source or Sources.HYPOTHESIS, label)
    if isinstance(value, (dict, list)):
        raise JsonFormatError(child(path, "value"), "a choice (a string or number)", _short(value))
    return SourceObject(value, source or Sources.HYPOTHESIS, label)


def _label(label: str | None, source: Any) -> str | None:
    """The reference appends " from <source>" to input labels; efp shows sources separately."""
    suffix = f" from {source.name}" if source is not None else None
    if label and suffix and label.endswith(suffix):
        return label[: -len(suffix)]
    return label


def _hourly_values(data: dict[str, Any], path: str) -> np.ndarray:
    if "values" in data:
        values = data["values"]
        if not isinstance(values, list) or not all(isinstance(v, (int, float)) and not isinstance(v, bool)
                                                   for v in values):
            raise JsonFormatError(child(path, "values"), "a list of numbers", _short(values))
        return np.asarray(values, dtype=np.float32)
    where = child(path, "compressed_values")
    text = data["compressed_values"]
    expected = "base64 text of zstd-compressed float32 values"
    if not isinstance(text, str):
        raise JsonFormatError(where, expected, _short(text))
    try:
        raw = zstandard.ZstdDecompressor().decompress(base64.b64decode(text.encode("ascii"), validate=True))
    except (binascii.Error, UnicodeEncodeError, ValueError):
        raise JsonFormatError(where, expected, "malformed base64") from None
    except zstandard.ZstdError as exc:
        raise JsonFormatError(where, expected, "data that is not zstd-compressed", str(exc)) from None
    if len(raw) % FLOAT32_LE.itemsize:
        raise JsonFormatError(where, "a whole number of float32 values (4 bytes each)", f"{len(raw)} bytes")
    return np.frombuffer(raw, dtype=FLOAT32_LE).astype(np.float32)


def _recurring_values(text: Any, path: str) -> np.ndarray:
    try:
        values = json.loads(text) if isinstance(text, str) else None
    except json.JSONDecodeError:
        values = None
    if not isinstance(values, list) or not all(isinstance(v, (int, float)) and not isinstance(v, bool)
                                               for v in values):
        raise JsonFormatError(path, "a printed list of 168 numbers (\"[1.0, 2.0, ...]\")", _short(text))
    if len(values) != 168:
        raise JsonFormatError(path, "168 values (one week of hours)", f"{len(values)} values")
    return np.asarray(values, dtype=np.float32)


def _short(value: Any) -> str:
    return repr(value)[:80]
