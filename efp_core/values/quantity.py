"""Scalar explainable quantities (a pint Quantity with a label, a source and a formula)."""
from __future__ import annotations

import functools
import math
from typing import Any

import numpy as np
import pint

from efp_core.units import compatible, conversion_factor, u
from efp_core.values.empty import EmptyExplainableObject
from efp_core.values.explainable import ExplainableObject


class ExplainableQuantity(ExplainableObject):
    """A single number with a unit. + and − keep the left unit, × and ÷ combine units as pint does."""

    def __init__(self, value: pint.Quantity, label: str | None = None, source: Any = None) -> None:
        if not isinstance(value, pint.Quantity):
            raise TypeError(f"ExplainableQuantity needs a pint Quantity (e.g. 3 * u.kg), received {value!r}")
        super().__init__(value, label, source)

    def derived(self, value: Any, operator: str, *operands: Any, **extra: Any) -> "ExplainableQuantity":
        """A computed quantity; an input class such as SourceValue is never passed on to results."""
        out = super().derived(value, operator, *operands, **extra)
        out.__class__ = ExplainableQuantity
        return out  # type: ignore[return-value]

    @property
    def magnitude(self) -> float:
        return float(self._value.magnitude)

    @property
    def unit(self) -> pint.Unit:
        return self._value.units

    def _binary(self, other: Any, operator: str, fn: Any) -> Any:
        if isinstance(other, EmptyExplainableObject):
            if operator in "+-":
                return self
            return other
        if isinstance(other, ExplainableQuantity):
            return self.derived(fn(self._value, other._value), operator, self, other)
        if isinstance(other, (int, float)) and not isinstance(other, bool):
            if other == 0 and operator in "+-":
                return self
            return self.derived(fn(self._value, other), operator, self, other)
        return NotImplemented

    def __add__(self, other: Any) -> Any:
        return self._binary(other, "+", _plus)

    def __radd__(self, other: Any) -> Any:
        if isinstance(other, (int, float)) and other == 0:
            return self
        return NotImplemented

    def __sub__(self, other: Any) -> Any:
        return self._binary(other, "-", _minus)

    def __rsub__(self, other: Any) -> Any:
        if isinstance(other, (int, float)) and other == 0:
            return -self
        return NotImplemented

    def __mul__(self, other: Any) -> Any:
        return self._binary(other, "*", _times)

    def __rmul__(self, other: Any) -> Any:
        if isinstance(other, (int, float)):
            return self.derived(other * self._value, "*", other, self)
        return NotImplemented

    def __truediv__(self, other: Any) -> Any:
        return self._binary(other, "/", _divided)

    def __rtruediv__(self, other: Any) -> Any:
        if isinstance(other, (int, float)):
            return self.derived(other / self._value, "/", other, self)
        return NotImplemented

    def __neg__(self) -> "ExplainableQuantity":
        return self.derived(-self._value, "-", 0, self)

    def __abs__(self) -> "ExplainableQuantity":
        return self.derived(abs(self._value), "abs", self)

    def _compare(self, other: Any) -> pint.Quantity:
        return other._value if isinstance(other, ExplainableQuantity) else other

    def __eq__(self, other: object) -> bool:
        if isinstance(other, ExplainableQuantity):
            return bool(self._value == other._value)
        if isinstance(other, pint.Quantity) or (isinstance(other, (int, float)) and self._value.dimensionless):
            return bool(self._value == other)
        return False

    __hash__ = ExplainableObject.__hash__

    def __lt__(self, other: Any) -> bool:
        return bool(self._value < self._compare(other))

    def __le__(self, other: Any) -> bool:
        return bool(self._value <= self._compare(other))

    def __gt__(self, other: Any) -> bool:
        return bool(self._value > self._compare(other))

    def __ge__(self, other: Any) -> bool:
        return bool(self._value >= self._compare(other))

    def __round__(self, ndigits: int = 0) -> "ExplainableQuantity":
        return self.derived(round(self._value, ndigits), "round", self, ndigits)

    def to(self, unit: Any) -> "ExplainableQuantity":
        """This quantity expressed in `unit` (a new value; the original is unchanged)."""
        converted = self._value.to(unit)
        if self.formula is None and self.modeling_obj_container is None:
            clone = self.copy()
            clone._value = converted
            return clone
        return self.derived(converted, "to", self, converted.units)

    def ceil(self) -> "ExplainableQuantity":
        return self.derived(u.Quantity(math.ceil(self.magnitude), self.unit), "ceil", self)

    def sum(self) -> "ExplainableQuantity":
        return self

    def max(self) -> "ExplainableQuantity":
        return self

    def magnitude_sum(self, unit: Any = None) -> float:
        return float(self._value.to(unit).magnitude if unit is not None else self.magnitude)

    def short_str(self) -> str:
        return format_quantity(self._value)


# Scalar arithmetic without pint's general dispatch (a tenth of its cost): magnitudes are combined exactly as
# pint combines them (the other operand converted by the same cached factor for + and -), units through cached
# container algebra. Anything else (plain numbers, incompatible units: pint raises) goes through pint.
def _plus(a: Any, b: Any) -> Any:
    return _additive(a, b, 1)


def _minus(a: Any, b: Any) -> Any:
    return _additive(a, b, -1)


def _additive(a: Any, b: Any, sign: int) -> Any:
    if not isinstance(b, pint.Quantity):
        return a + b if sign > 0 else a - b
    if a._units == b._units:
        other = b._magnitude
    elif compatible(b.units, a.units):
        other = b._magnitude * conversion_factor(b.units, a.units)
    else:
        return a + b if sign > 0 else a - b
    return u.Quantity(a._magnitude + other if sign > 0 else a._magnitude - other, a._units)


def _times(a: Any, b: Any) -> Any:
    if not isinstance(b, pint.Quantity):
        return a * b
    return u.Quantity(a._magnitude * b._magnitude, _container_product(a._units, b._units))


def _divided(a: Any, b: Any) -> Any:
    if not isinstance(b, pint.Quantity):
        return a / b
    return u.Quantity(a._magnitude / b._magnitude, _container_quotient(a._units, b._units))


@functools.lru_cache(maxsize=4096)
def _container_product(a: Any, b: Any) -> Any:
    return a * b


@functools.lru_cache(maxsize=4096)
def _container_quotient(a: Any, b: Any) -> Any:
    return a / b


def format_quantity(value: pint.Quantity) -> str:
    """`12.3 kg`: three significant digits, unit abbreviated, dimensionless shown bare."""
    unit = format(value.units, "~P")
    return f"{_fmt_number(float(value.magnitude))} {unit}".rstrip()


def _fmt_number(x: float) -> str:
    """Three significant digits written positionally, as the seed prints them (10900, 0.0701, 0.0000025)."""
    return str(np.format_float_positional(x, precision=3, fractional=False, trim="-"))
