"""What an input attribute accepts, read from the constructor's type hints, and the check of a new value."""
from __future__ import annotations

import types
import typing
from dataclasses import dataclass
from typing import Any

import pint

from efp_core.errors import ChoiceError, InputTypeError, RangeError, UnitError
from efp_core.units import compatible
from efp_core.values import (
    EmptyExplainableObject,
    ExplainableHourlyQuantities,
    ExplainableObject,
    ExplainableQuantity,
    ExplainableRecurrentQuantities,
    ExplainableTimezone,
)
from efp_core.values.recurrent import HOURS_PER_WEEK


@dataclass(frozen=True)
class InputSpec:
    """The kind of an input (quantity, hourly, recurrent, choice, timezone, link, links, plain) and its target."""

    kind: str
    target: type | None = None
    allow_empty: bool = False

    @property
    def is_link(self) -> bool:
        return self.kind in ("link", "links")


def spec_from_annotation(annotation: Any) -> InputSpec:
    """Read an `__init__` annotation such as `List[Job]`, `ExplainableQuantity | EmptyExplainableObject`."""
    from efp_core.engine.modeling_object import ModelingObject

    origin = typing.get_origin(annotation)
    if origin in (list, typing.List):
        (item,) = typing.get_args(annotation) or (ModelingObject,)
        return InputSpec("links", item if isinstance(item, type) and item is not Any else ModelingObject)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        allow_empty = any(a is EmptyExplainableObject for a in args) or len(args) < len(typing.get_args(annotation))
        main = [a for a in args if a is not EmptyExplainableObject]
        spec = spec_from_annotation(main[0]) if main else InputSpec("any")
        return InputSpec(spec.kind, spec.target, allow_empty)
    if isinstance(annotation, type) and annotation is not Any:
        if issubclass(annotation, ModelingObject):
            return InputSpec("link", annotation)
        for kind, cls in (("hourly", ExplainableHourlyQuantities), ("recurrent", ExplainableRecurrentQuantities),
                          ("quantity", ExplainableQuantity), ("timezone", ExplainableTimezone),
                          ("choice", ExplainableObject)):
            if issubclass(annotation, cls):
                return InputSpec(kind, cls)
    return InputSpec("plain")


_EXPECTED_TEXT = {
    "quantity": "a SourceValue (a quantity with a unit, e.g. SourceValue(3 * u.kg))",
    "hourly": "an hourly series (SourceHourlyValues)",
    "recurrent": "a recurrent week of 168 values (SourceRecurrentValues)",
    "timezone": "a time zone (SourceTimezone or SourceObject of a pytz zone)",
    "choice": "a SourceObject",
}


def check_input(obj: Any, attr: str, spec: InputSpec, value: Any, expected_unit: pint.Unit | None,
                choices: list[Any] | None, allow_negative: bool = False) -> None:
    """Raise a typed error naming `obj`, `attr`, what was expected and what was received; return if fine."""
    from efp_core.engine.modeling_object import ModelingObject

    if spec.kind == "plain" or spec.kind == "any":
        return
    if spec.kind == "link":
        if not isinstance(value, spec.target or ModelingObject):
            raise InputTypeError(obj, attr, f"a {getattr(spec.target, '__name__', 'modeling object')}", value)
        return
    if spec.kind == "links":
        if not isinstance(value, (list, tuple)):
            raise InputTypeError(obj, attr, f"a list of {spec.target.__name__ if spec.target else 'objects'}", value)
        for item in value:
            if not isinstance(item, spec.target or ModelingObject):
                raise InputTypeError(obj, attr, f"a list of {getattr(spec.target, '__name__', 'objects')}", item)
        return
    if isinstance(value, EmptyExplainableObject):
        if spec.allow_empty:
            return
        raise InputTypeError(obj, attr, _EXPECTED_TEXT.get(spec.kind, spec.kind), value, "this input cannot be empty")
    if spec.kind == "timezone":
        if isinstance(value, ExplainableObject):
            return
        raise InputTypeError(obj, attr, _EXPECTED_TEXT["timezone"], value)
    expected_cls = spec.target or ExplainableObject
    if not isinstance(value, expected_cls):
        raise InputTypeError(obj, attr, _EXPECTED_TEXT.get(spec.kind, expected_cls.__name__), value)
    if spec.kind in ("quantity", "hourly", "recurrent"):
        unit = value.value.units if spec.kind == "quantity" else value.unit
        if expected_unit is not None and not compatible(unit, expected_unit):
            short = f"{expected_unit:~P}"  # empty for dimensionless
            expected = f"{short} ({expected_unit})" if short and short != str(expected_unit) else str(expected_unit)
            raise UnitError(obj, attr, f"a value in a unit compatible with {expected}", value)
        magnitude = value.value.magnitude if spec.kind == "quantity" else value.magnitude
        if spec.kind == "recurrent" and len(magnitude) != HOURS_PER_WEEK:
            raise RangeError(obj, attr, f"a canonical week of {HOURS_PER_WEEK} hourly values (Monday 00:00 first)",
                             value, f"{len(magnitude)} values")
        import numpy as np
        if np.any(np.isnan(magnitude)):
            raise RangeError(obj, attr, "a number", value, "it is NaN")
        if not allow_negative and np.any(np.asarray(magnitude) < 0):
            raise RangeError(obj, attr, "a value ≥ 0", value, f"minimum is {np.min(magnitude):g}")
    if choices is not None and spec.kind == "choice":
        allowed = [getattr(c, "value", c) for c in choices]
        if value.value not in allowed:
            raise ChoiceError(obj, attr, f"one of {allowed}", value.value)
