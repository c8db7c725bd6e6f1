"""Hourly series: a start hour, a unit and a float32 array; series of different spans combine on their union."""
from __future__ import annotations

import functools
from datetime import datetime, timedelta
from typing import Any

import numpy as np
import pint

from efp_core.units import compatible, conversion_factor, u
from efp_core.values.empty import EmptyExplainableObject
from efp_core.values.explainable import ExplainableObject
from efp_core.values.quantity import ExplainableQuantity, _fmt_number

HOUR = timedelta(hours=1)
DTYPE = np.float32


class HourlyAlignmentError(ValueError):
    """Two series cannot be combined: their starts are not on the same hour grid or time reference."""


class ExplainableHourlyQuantities(ExplainableObject):
    """One value per hour from `start_date` (aware UTC for computed series, naive local time for inputs).

    Values are float32, as in e-footprint, so that totals and ceilings reproduce the reference exactly.
    """

    def __init__(self, value: pint.Quantity, start_date: datetime, label: str | None = None,
                 source: Any = None) -> None:
        if not isinstance(value, pint.Quantity):
            raise TypeError(f"hourly values need a pint Quantity over an array, received {type(value).__name__}")
        if not isinstance(start_date, datetime):
            raise TypeError(f"start_date must be a datetime, received {start_date!r}")
        magnitude = np.asarray(value.magnitude, dtype=DTYPE)
        if magnitude.ndim != 1:
            raise ValueError(f"hourly values must be one-dimensional, received shape {magnitude.shape}")
        super().__init__(None, label, source)
        self.magnitude = magnitude
        self.unit = value.units
        self.start_date = start_date

    @classmethod
    def from_array(cls, magnitude: np.ndarray, unit: pint.Unit, start_date: datetime,
                   label: str | None = None, source: Any = None) -> "ExplainableHourlyQuantities":
        obj = object.__new__(ExplainableHourlyQuantities)
        ExplainableObject.__init__(obj, None, label, source)
        obj.magnitude = np.asarray(magnitude, dtype=DTYPE)
        obj.unit = unit
        obj.start_date = start_date
        return obj

    def _derive(self, magnitude: np.ndarray, unit: pint.Unit, start: datetime, operator: str,
                *operands: Any) -> "ExplainableHourlyQuantities":
        out = self.derived(None, operator, *operands)
        out.__class__ = ExplainableHourlyQuantities
        out.magnitude = np.asarray(magnitude, dtype=DTYPE)
        out.unit = unit
        out.start_date = start
        return out

    # ---- the pint view ------------------------------------------------------------------------
    @property
    def value(self) -> pint.Quantity:
        return u.Quantity(self.magnitude, self.unit)

    def __len__(self) -> int:
        return int(self.magnitude.shape[0])

    @property
    def end_date(self) -> datetime:
        """Start of the last hour."""
        return self.start_date + (len(self) - 1) * HOUR

    @property
    def is_utc(self) -> bool:
        return self.start_date.tzinfo is not None

    # ---- alignment ----------------------------------------------------------------------------
    def hour_offset(self, other_start: datetime) -> int:
        """Whole hours from this series' start to `other_start`."""
        if (self.start_date.tzinfo is None) != (other_start.tzinfo is None):
            raise HourlyAlignmentError(
                f"cannot combine a local-time series with a UTC series ({self.start_date} and {other_start}); "
                "convert the local one to UTC with its country's time zone first")
        delta = other_start - self.start_date
        hours, rest = divmod(delta, HOUR)
        if rest:
            raise HourlyAlignmentError(f"series starts {self.start_date} and {other_start} are not whole hours apart")
        return int(hours)

    def _union(self, other: "ExplainableHourlyQuantities", other_mag: np.ndarray
               ) -> tuple[datetime, np.ndarray, np.ndarray]:
        offset = self.hour_offset(other.start_date)
        if offset == 0 and len(self) == len(other_mag):
            return self.start_date, self.magnitude, other_mag
        start_shift = min(0, offset)
        end = max(len(self), offset + len(other_mag))
        n = end - start_shift
        a = np.zeros(n, dtype=DTYPE)
        b = np.zeros(n, dtype=DTYPE)
        a[-start_shift:-start_shift + len(self)] = self.magnitude
        b[offset - start_shift:offset - start_shift + len(other_mag)] = other_mag
        return self.start_date + start_shift * HOUR, a, b

    def _union_sum(self, other: "ExplainableHourlyQuantities", other_mag: np.ndarray, sign: int
                   ) -> tuple[datetime, np.ndarray]:
        """self ± other on the union of their spans, in one array (the same float32 values as padding both)."""
        offset = self.hour_offset(other.start_date)
        if offset == 0 and len(self) == len(other_mag):
            return self.start_date, (self.magnitude + other_mag if sign > 0 else self.magnitude - other_mag)
        start_shift = min(0, offset)
        n = max(len(self), offset + len(other_mag)) - start_shift
        out = np.zeros(n, dtype=DTYPE)
        out[-start_shift:-start_shift + len(self)] = self.magnitude
        window = out[offset - start_shift:offset - start_shift + len(other_mag)]
        if sign > 0:
            window += other_mag
        else:
            window -= other_mag
        return self.start_date + start_shift * HOUR, out

    def _converted(self, other: "ExplainableHourlyQuantities", unit: pint.Unit) -> np.ndarray:
        if other.unit == unit:
            return other.magnitude
        factor = conversion_factor(other.unit, unit)
        return other.magnitude if factor == 1.0 else other.magnitude * DTYPE(factor)

    # ---- arithmetic ---------------------------------------------------------------------------
    def _additive(self, other: Any, operator: str, sign: int) -> Any:
        if isinstance(other, EmptyExplainableObject):
            return self
        if isinstance(other, ExplainableHourlyQuantities):
            start, mag = self._union_sum(other, self._converted(other, self.unit), sign)
            return self._derive(mag, self.unit, start, operator, self, other)
        if isinstance(other, ExplainableQuantity):
            scalar = DTYPE(other.value.to(self.unit).magnitude)
            mag = self.magnitude + scalar if sign > 0 else self.magnitude - scalar
            return self._derive(mag, self.unit, self.start_date, operator, self, other)
        if isinstance(other, (int, float)) and other == 0:
            return self
        return NotImplemented

    def __add__(self, other: Any) -> Any:
        return self._additive(other, "+", 1)

    def __radd__(self, other: Any) -> Any:
        if isinstance(other, (int, float)) and other == 0:
            return self
        if isinstance(other, ExplainableQuantity):
            return self._additive(other, "+", 1)
        return NotImplemented

    def __sub__(self, other: Any) -> Any:
        return self._additive(other, "-", -1)

    def __rsub__(self, other: Any) -> Any:
        if isinstance(other, (int, float)) and other == 0:
            return -self
        return NotImplemented

    def __neg__(self) -> "ExplainableHourlyQuantities":
        return self._derive(-self.magnitude, self.unit, self.start_date, "-", 0, self)

    def __mul__(self, other: Any) -> Any:
        if isinstance(other, EmptyExplainableObject):
            return other
        if isinstance(other, ExplainableHourlyQuantities):
            start, a, b = self._union(other, other.magnitude)
            return self._derive(a * b, _product(self.unit, other.unit), start, "*", self, other)
        if isinstance(other, ExplainableQuantity):
            return self._derive(self.magnitude * DTYPE(other.magnitude), _product(self.unit, other.unit),
                                self.start_date, "*", self, other)
        if isinstance(other, (int, float)) and not isinstance(other, bool):
            return self._derive(self.magnitude * DTYPE(other), self.unit, self.start_date, "*", self, other)
        return NotImplemented

    def __rmul__(self, other: Any) -> Any:
        if isinstance(other, ExplainableQuantity):
            return self._derive(self.magnitude * DTYPE(other.magnitude), _product(other.unit, self.unit),
                                self.start_date, "*", other, self)
        if isinstance(other, (int, float)) and not isinstance(other, bool):
            return self._derive(self.magnitude * DTYPE(other), self.unit, self.start_date, "*", other, self)
        return NotImplemented

    def __truediv__(self, other: Any) -> Any:
        if isinstance(other, EmptyExplainableObject):
            return other
        if isinstance(other, ExplainableHourlyQuantities):
            return self._divide_series(other)
        if isinstance(other, ExplainableQuantity):
            return self._derive(self.magnitude / DTYPE(other.magnitude), _quotient(self.unit, other.unit),
                                self.start_date, "/", self, other)
        if isinstance(other, (int, float)) and not isinstance(other, bool):
            return self._derive(self.magnitude / DTYPE(other), self.unit, self.start_date, "/", self, other)
        return NotImplemented

    def __rtruediv__(self, other: Any) -> Any:
        if isinstance(other, ExplainableQuantity):
            with np.errstate(divide="ignore", invalid="ignore"):
                mag = DTYPE(other.magnitude) / self.magnitude
            return self._derive(mag, _quotient(other.unit, self.unit), self.start_date, "/", other, self)
        return NotImplemented

    def _divide_series(self, den: "ExplainableHourlyQuantities") -> "ExplainableHourlyQuantities":
        offset = den.hour_offset(self.start_date)
        if offset < 0 or offset + len(self) > len(den):
            raise HourlyAlignmentError(
                f"cannot divide a series over {self.start_date}..{self.end_date} by one over "
                f"{den.start_date}..{den.end_date}: the numerator must lie within the denominator's span")
        if offset == 0 and len(self) == len(den):
            num = self.magnitude
        else:
            num = np.zeros(len(den), dtype=DTYPE)
            num[offset:offset + len(self)] = self.magnitude
        if compatible(den.unit, self.unit):
            den_mag = self._converted(den, self.unit)
            unit = _quotient(self.unit, self.unit)
        else:
            den_mag = den.magnitude
            unit = _quotient(self.unit, den.unit)
        with np.errstate(divide="ignore", invalid="ignore"):
            result = num / den_mag
        if np.isinf(result).any():
            raise ZeroDivisionError("division of a non-zero hourly value by zero")
        return self._derive(result, unit, den.start_date, "/", self, den)

    def __abs__(self) -> "ExplainableHourlyQuantities":
        return self._derive(np.abs(self.magnitude), self.unit, self.start_date, "abs", self)

    def __round__(self, ndigits: int = 0) -> "ExplainableHourlyQuantities":
        return self._derive(np.round(self.magnitude, ndigits), self.unit, self.start_date, "round", self, ndigits)

    def np_compared_with(self, other: Any, comparator: str) -> Any:
        """Element-wise max or min with another series (union span, other converted to this unit)."""
        if isinstance(other, EmptyExplainableObject):
            return self
        fn = np.maximum if comparator == "max" else np.minimum
        if isinstance(other, ExplainableQuantity):
            mag = fn(self.magnitude, DTYPE(other.value.to(self.unit).magnitude))
            return self._derive(mag, self.unit, self.start_date, comparator, self, other)
        start, a, b = self._union(other, self._converted(other, self.unit))
        return self._derive(fn(a, b), self.unit, start, comparator, self, other)

    def ceil(self) -> "ExplainableHourlyQuantities":
        return self._derive(np.ceil(self.magnitude), self.unit, self.start_date, "ceil", self)

    def to(self, unit: Any) -> "ExplainableHourlyQuantities":
        """This series expressed in `unit` (a new value)."""
        target = unit if isinstance(unit, pint.Unit) else _parsed_unit(unit)
        if target is self.unit or target == self.unit:
            mag = self.magnitude
        else:
            mag = self.magnitude * DTYPE(conversion_factor(self.unit, target))
        if self.formula is None and self.modeling_obj_container is None:
            clone = self.copy()
            clone.magnitude, clone.unit = mag, target
            return clone
        # The unit itself is the operand (written with str() when the formula is rendered): formatting it
        # here, on every conversion, cost more than the conversion.
        return self._derive(mag, target, self.start_date, "to", self, target)

    def sum(self) -> ExplainableQuantity:
        """Total over the span (float32 accumulation, as the reference reports sums)."""
        total = float(np.sum(self.magnitude, dtype=DTYPE))
        return ExplainableQuantity._from_formula(  # type: ignore[return-value]
            u.Quantity(total, self.unit), _op_formula("sum", self))

    def max(self) -> ExplainableQuantity:
        return ExplainableQuantity._from_formula(  # type: ignore[return-value]
            u.Quantity(float(np.max(self.magnitude)) if len(self) else 0.0, self.unit), _op_formula("max", self))

    def magnitude_sum(self, unit: Any = None) -> float:
        """float64 total of the float32 values, in `unit` (used for reports and golden comparisons)."""
        factor = 1.0 if unit is None else conversion_factor(self.unit, u.Unit(unit) if isinstance(unit, str) else unit)
        return float(self.magnitude.astype(np.float64).sum()) * factor

    def shifted(self, hours: int) -> "ExplainableHourlyQuantities":
        """The same values starting `hours` later."""
        return self._derive(self.magnitude, self.unit, self.start_date + hours * HOUR, "shift", self, hours)

    def from_date(self, date: datetime) -> "ExplainableHourlyQuantities":
        """Only the hours starting at or after `date`, re-started at `date` (used by simulations)."""
        offset = max(0, self.hour_offset(date))
        return self._derive(self.magnitude[offset:], self.unit, date, "from", self, date.isoformat())

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, ExplainableHourlyQuantities):
            return False
        a, b = self.magnitude, other.magnitude
        return (a.shape == b.shape and self.start_date == other.start_date and self.unit == other.unit
                and bool((a == b).all()))

    __hash__ = ExplainableObject.__hash__

    def plot(self, figsize: Any = None, filepath: Any = None, plt_show: bool = False, xlims: Any = None,
             cumsum: bool = False, filename: Any = None) -> Any:
        """A static line chart of the series, saved when a file name is given (efp_core.analysis.series_plot)."""
        from efp_core.analysis.series_plot import plot_hourly
        return plot_hourly(self, figsize, filepath, plt_show, xlims, cumsum, filename)

    def short_str(self) -> str:
        unit = format(self.unit, "~P")
        head = ", ".join(_fmt_number(float(x)) for x in self.magnitude[:10])
        tail = ", ".join(_fmt_number(float(x)) for x in self.magnitude[-10:])
        return (f"{len(self)} values from {self.start_date} to {self.end_date} in {unit}:\n"
                f"    first 10 vals [{head}],\n    last 10 vals [{tail}]")


@functools.lru_cache(maxsize=256)
def _parsed_unit(name: str) -> pint.Unit:
    return u.Unit(name)


# Unit algebra of series operations, cached: pint builds a new unit container on every product, and a
# model multiplies the same few units thousands of times per update.
@functools.lru_cache(maxsize=4096)
def _product(a: pint.Unit, b: pint.Unit) -> pint.Unit:
    return a * b


@functools.lru_cache(maxsize=4096)
def _quotient(a: pint.Unit, b: pint.Unit) -> pint.Unit:
    return a / b


def sum_series(series: list[ExplainableHourlyQuantities]) -> ExplainableHourlyQuantities:
    """`((a + b) + c) + ...` computed in one buffer: the same float32 values (each series, converted to the first
    one's unit, is added in turn; hours outside a series add nothing) and the same formula, without the
    intermediate arrays of the pairwise sums."""
    from efp_core.values.explainable import Formula, _operand

    first = series[0]
    offsets = [0, *(first.hour_offset(value.start_date) for value in series[1:])]
    low = min(offsets)
    high = max(offset + len(value) for offset, value in zip(offsets, series))
    out = np.zeros(high - low, dtype=DTYPE)
    out[-low:-low + len(first)] = first.magnitude
    formula = _operand(first)
    for offset, value in zip(offsets[1:], series[1:]):
        window = out[offset - low:offset - low + len(value)]
        window += first._converted(value, first.unit)
        formula = Formula("+", (formula, _operand(value)))
    result = ExplainableHourlyQuantities._from_formula(None, formula)
    result.magnitude = out
    result.unit = first.unit
    result.start_date = first.start_date + low * HOUR
    return result  # type: ignore[return-value]


def _op_formula(operator: str, *operands: Any) -> Any:
    from efp_core.values.explainable import Formula, _operand
    return Formula(operator, tuple(_operand(o) for o in operands))

