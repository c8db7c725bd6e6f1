"""Typed errors: each names the object, the attribute, what was expected and what was received."""
from __future__ import annotations

from typing import Any


class EfpError(Exception):
    """Base of every error efp raises on purpose."""


class ModelingInputError(EfpError, ValueError):
    """An input does not fit its attribute; raised before any state changes."""

    def __init__(self, obj: Any, attribute: str, expected: str, received: Any, hint: str = "") -> None:
        self.object_name = getattr(obj, "name", None) or str(obj)
        self.class_name = type(obj).__name__ if not isinstance(obj, type) else obj.__name__
        self.attribute = attribute
        self.expected = expected
        self.received = received
        text = (f"{self.class_name} '{self.object_name}', attribute '{attribute}': expected {expected}, "
                f"received {_describe(received)}")
        super().__init__(text + (f". {hint}" if hint else ""))


class UnitError(ModelingInputError):
    """A quantity has units of the wrong dimension (kg where W is expected)."""


class InputTypeError(ModelingInputError, TypeError):
    """An input has the wrong type (a number where a SourceValue is expected, a Job where a Server is)."""


class ChoiceError(ModelingInputError):
    """A choice input is not among the attribute's `list_values`."""


class RangeError(ModelingInputError):
    """A number is outside its allowed range (a negative duration or count)."""


class StructureError(ModelingInputError):
    """Objects are linked in a way the model does not allow (an object in two systems, an empty journey)."""


class ComputationError(EfpError, ValueError):
    """A formula could not be evaluated for an object's attribute (its message names both)."""


class DependencyCycleError(EfpError):
    """A calculated attribute depends on itself."""

    def __init__(self, cycle: list[tuple[Any, str]]) -> None:
        self.cycle = cycle
        obj, self.attribute = cycle[-1]
        self.object_name = getattr(obj, "name", None) or str(obj)
        self.class_name = type(obj).__name__
        path = " -> ".join(f"{type(o).__name__} '{getattr(o, 'name', o)}'.{a}" for o, a in cycle)
        super().__init__(f"{self.class_name} '{self.object_name}', calculated attribute '{self.attribute}': expected "
                         f"formulas that do not depend on their own result, received the dependency cycle {path}")


def _describe(value: Any) -> str:
    """A short description of a received value for error messages."""
    unit = getattr(getattr(value, "value", None), "units", None)
    name = getattr(value, "name", None)
    if unit is not None:
        return f"{type(value).__name__} in {unit}"
    if name is not None and not isinstance(value, str):
        return f"{type(value).__name__} '{name}'"
    text = repr(value)
    return f"{type(value).__name__} {text[:80]}"


class JsonFormatError(EfpError, ValueError):
    """A JSON model file cannot be loaded: names the JSON path (`$.objects.Server["a1b2c3"].inputs.power.unit`),
    what was expected there and what was found. Nothing of the file is left linked to existing objects."""

    def __init__(self, path: str, expected: str, found: Any = None, hint: str = "") -> None:
        self.path = path
        self.expected = expected
        self.found = found
        text = f"{path}: expected {expected}"
        if found is not None:
            text += f", found {found if isinstance(found, str) else repr(found)[:120]}"
        super().__init__(text + (f". {hint}" if hint else ""))
