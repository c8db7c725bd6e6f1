"""Non-numeric explainable values (choices, time zones) and dictionaries of values keyed by objects."""
from __future__ import annotations

from datetime import tzinfo
from typing import Any

import pytz

from efp_core.values.empty import EmptyExplainableObject
from efp_core.values.explainable import ExplainableObject, ExplainableObjectValue


class ExplainableTimezone(ExplainableObjectValue):
    """A time zone (pytz) used to place local-time usage on the UTC hour grid."""

    def __init__(self, value: tzinfo | str, label: str | None = None, source: Any = None) -> None:
        zone = pytz.timezone(value) if isinstance(value, str) else value
        super().__init__(zone, label, source)

    def short_str(self) -> str:
        return str(getattr(self._value, "zone", self._value))


class ExplainableObjectDict(dict):  # type: ignore[type-arg]
    """Values keyed by modeling objects (e.g. a footprint per usage pattern); explainable as a whole."""

    is_empty = False

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.label: str | None = None
        self.modeling_obj_container: Any = None
        self.attr_name_in_mod_obj_container: str | None = None
        self.formula = None
        self.source = None

    def set_label(self, label: str) -> "ExplainableObjectDict":
        self.label = label
        return self

    def copy(self) -> "ExplainableObjectDict":  # type: ignore[override]
        return ExplainableObjectDict(self)

    def sum(self) -> Any:
        """Sum of the values, ∅ when the dict is empty."""
        total: Any = EmptyExplainableObject()
        for value in self.values():
            total = total + value
        return total

    def direct_operands(self) -> list[ExplainableObject]:
        return [v for v in self.values() if isinstance(v, ExplainableObject)]

    def __str__(self) -> str:
        if not self:
            return "{}"
        lines = [f"  {getattr(k, 'name', k)}: {v}" for k, v in self.items()]
        return "{\n" + "\n".join(lines) + "\n}"

    def __eq__(self, other: object) -> bool:
        return dict.__eq__(self, other)

    __hash__ = object.__hash__  # type: ignore[assignment]
