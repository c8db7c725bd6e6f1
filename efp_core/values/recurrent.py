"""A canonical week: 168 hourly values (Monday 00:00 to Sunday 23:00, local time) that repeat."""
from __future__ import annotations

from datetime import datetime, tzinfo
from typing import Any

import numpy as np
import pint

from efp_core.units import conversion_factor, u
from efp_core.values.empty import EmptyExplainableObject
from efp_core.values.explainable import ExplainableObject
from efp_core.values.hourly import DTYPE, ExplainableHourlyQuantities
from efp_core.values.quantity import ExplainableQuantity, _fmt_number

HOURS_PER_WEEK = 168


class ExplainableRecurrentQuantities(ExplainableObject):
    """168 float32 values of a typical week in local time, expanded to hourly series over a usage span."""

    def __init__(self, value: pint.Quantity, label: str | None = None, source: Any = None) -> None:
        if not isinstance(value, pint.Quantity):
            raise TypeError(f"recurrent values need a pint Quantity over 168 values, received {type(value).__name__}")
        magnitude = np.asarray(value.magnitude, dtype=DTYPE)
        if magnitude.ndim != 1:
            raise ValueError(f"a recurrent week is a flat series of {HOURS_PER_WEEK} values, received shape "
                             f"{magnitude.shape}")
        # The length is checked where the week becomes an input (check_input), so the error names the object
        # and attribute; a week of the wrong length can exist but cannot be linked to any object.
        super().__init__(None, label, source)
        self.magnitude = magnitude
        self.unit = value.units

    @property
    def value(self) -> pint.Quantity:
        return u.Quantity(self.magnitude, self.unit)

    def __len__(self) -> int:
        return len(self.magnitude)

    def _derive(self, magnitude: np.ndarray, unit: pint.Unit, operator: str, *operands: Any
                ) -> "ExplainableRecurrentQuantities":
        out = self.derived(None, operator, *operands)
        out.__class__ = ExplainableRecurrentQuantities
        out.magnitude = np.asarray(magnitude, dtype=DTYPE)
        out.unit = unit
        return out

    def __mul__(self, other: Any) -> Any:
        if isinstance(other, EmptyExplainableObject):
            return other
        if isinstance(other, ExplainableQuantity):
            return self._derive(self.magnitude * DTYPE(other.magnitude), self.unit * other.unit, "*", self, other)
        if isinstance(other, (int, float)) and not isinstance(other, bool):
            return self._derive(self.magnitude * DTYPE(other), self.unit, "*", self, other)
        return NotImplemented

    __rmul__ = __mul__

    def __add__(self, other: Any) -> Any:
        if isinstance(other, EmptyExplainableObject) or (isinstance(other, (int, float)) and other == 0):
            return self
        if isinstance(other, ExplainableRecurrentQuantities):
            mag = other.magnitude if other.unit == self.unit else \
                other.magnitude * DTYPE(conversion_factor(other.unit, self.unit))
            return self._derive(self.magnitude + mag, self.unit, "+", self, other)
        return NotImplemented

    __radd__ = __add__

    def to(self, unit: Any) -> "ExplainableRecurrentQuantities":
        mag = np.asarray(self.value.to(unit).magnitude, dtype=DTYPE)
        return self._derive(mag, u.Unit(unit) if isinstance(unit, str) else unit, "to", self, str(unit))

    def min(self) -> ExplainableQuantity:
        return ExplainableQuantity(u.Quantity(float(self.magnitude.min()), self.unit))

    def max(self) -> ExplainableQuantity:
        return ExplainableQuantity(u.Quantity(float(self.magnitude.max()), self.unit))

    def expand_like(self, reference: ExplainableHourlyQuantities, timezone: tzinfo
                    ) -> ExplainableHourlyQuantities:
        """Hourly series over `reference`'s span: the week pattern, placed by the local time of its first hour."""
        first_local = _local(reference.start_date, timezone)
        offset = 24 * first_local.weekday() + first_local.hour
        index = (offset + np.arange(len(reference))) % HOURS_PER_WEEK
        out = reference._derive(self.magnitude[index], self.unit, reference.start_date, "expand week", self,
                                reference)
        return out

    def __eq__(self, other: object) -> bool:
        return (isinstance(other, ExplainableRecurrentQuantities) and self.unit == other.unit
                and np.array_equal(self.magnitude, other.magnitude))

    __hash__ = ExplainableObject.__hash__

    def short_str(self) -> str:
        head = ", ".join(_fmt_number(float(x)) for x in self.magnitude[:10])
        return f"168 weekly values in {format(self.unit, '~P')}: first 10 vals [{head}]"


def _local(moment: datetime, timezone: tzinfo) -> datetime:
    if moment.tzinfo is None:
        return moment
    return moment.astimezone(timezone)
