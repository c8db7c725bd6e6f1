"""Value arithmetic: units, float32 hourly series on different spans, the empty value, recurrent weeks, printing.

Semantics follow ../shared/reference/methodology.md §0 (left unit for + and −, union span with zero fill,
series ÷ series inside the denominator's span, float32 everywhere, ∅ neutral in sums and absorbing in products).
"""
from __future__ import annotations

import copy
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Callable

import numpy as np
import pint
import pytest
import pytz

from efp_core import (
    EmptyExplainableObject,
    ExplainableHourlyQuantities,
    ExplainableObjectDict,
    ExplainableQuantity,
    ExplainableRecurrentQuantities,
    SourceHourlyValues,
    SourceRecurrentValues,
    SourceValue,
    u,
)
from efp_core.values import HourlyAlignmentError

NAIVE_START = datetime(2025, 1, 1)
UTC_START = pytz.utc.localize(datetime(2025, 1, 1))
HOUR = timedelta(hours=1)
F32 = np.float32


def series(values: list[float], unit: Any = u.kg, offset: int = 0, start: datetime = NAIVE_START
           ) -> SourceHourlyValues:
    """An input series starting `offset` hours after `start`."""
    return SourceHourlyValues(np.array(values, dtype=F32) * unit, start + offset * HOUR)


def as_unit(unit: Any) -> pint.Unit:
    """A unit written as `u.kg`, `u.kg * u.g` or `1 / u.kg` (a Quantity), as a pint Unit."""
    return unit.units if isinstance(unit, pint.Quantity) else u.Unit(unit)


def q(magnitude: float, unit: Any) -> SourceValue:
    return SourceValue(magnitude * unit)


# ---- scalar quantities ------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class ScalarCase:
    name: str
    compute: Callable[[], Any]
    magnitude: float
    unit: Any


SCALAR_CASES = [
    ScalarCase("+ keeps the left unit", lambda: q(1, u.kg) + q(500, u.g), 1.5, u.kg),
    ScalarCase("+ keeps the left unit (g first)", lambda: q(500, u.g) + q(1, u.kg), 1500, u.g),
    ScalarCase("- keeps the left unit", lambda: q(1, u.kg) - q(500, u.g), 0.5, u.kg),
    ScalarCase("* multiplies units", lambda: q(2, u.W) * q(3, u.h), 6, u.W * u.h),
    ScalarCase("/ divides units", lambda: q(6, u.kWh) / q(2, u.h), 3, u.kWh / u.h),
    ScalarCase("* keeps unnormalised units [Q]", lambda: q(160, u.kg / u.TB) * q(256, u.GB), 40960,
               u.kg / u.TB * u.GB),
    ScalarCase("* by a number", lambda: q(3, u.kg) * 2, 6, u.kg),
    ScalarCase("number * quantity", lambda: 2 * q(3, u.kg), 6, u.kg),
    ScalarCase("/ by a number", lambda: q(6, u.kg) / 4, 1.5, u.kg),
    ScalarCase("number / quantity", lambda: 6 / q(2, u.kg), 3, 1 / u.kg),
    ScalarCase("negation", lambda: -q(2, u.kg), -2, u.kg),
    ScalarCase("0 + quantity (Python sum start)", lambda: sum([q(1, u.kg), q(2, u.kg)]), 3, u.kg),
    ScalarCase(".to() converts", lambda: q(1500, u.g).to(u.kg), 1.5, u.kg),
    ScalarCase("ceil", lambda: q(1.2, u.kg).ceil(), 2, u.kg),
    ScalarCase("ceil of an integer stays", lambda: q(3, u.kg).ceil(), 3, u.kg),
    ScalarCase("round", lambda: round(q(1.23456, u.kg), 2), 1.23, u.kg),
]


@pytest.mark.parametrize("case", SCALAR_CASES, ids=lambda c: c.name)
def test_scalar_arithmetic(case: ScalarCase) -> None:
    result = case.compute()
    assert isinstance(result, ExplainableQuantity)
    assert result.value.units == as_unit(case.unit)
    assert result.value.magnitude == pytest.approx(case.magnitude, rel=1e-12)


def test_unnormalised_unit_converts_to_the_expected_mass() -> None:
    result = q(160, u.kg / u.TB) * q(256, u.GB)
    assert result.to(u.kg).value.magnitude == pytest.approx(40.96)


def test_scalar_addition_of_incompatible_units_raises() -> None:
    with pytest.raises(pint.DimensionalityError):
        q(1, u.kg) + q(1, u.W)


def test_scalar_comparisons() -> None:
    assert q(1, u.kg) == q(1000, u.g)
    assert q(1, u.kg) > q(999, u.g)
    assert q(1, u.kg) <= q(1, u.kg)
    assert q(1, u.dimensionless) == 1
    assert q(1, u.kg) != 1


# ---- hourly series ⊕ series ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class SeriesCase:
    name: str
    compute: Callable[[], ExplainableHourlyQuantities]
    start_offset: int  # hours after NAIVE_START
    values: list[float]
    unit: Any


SERIES_CASES = [
    SeriesCase("+ same span", lambda: series([1, 2, 3]) + series([10, 20, 30]), 0, [11, 22, 33], u.kg),
    SeriesCase("+ right later: union span, zero fill, right converted to left unit",
               lambda: series([1, 2, 3]) + series([1000, 1000], u.g, offset=2), 0, [1, 2, 4, 1], u.kg),
    SeriesCase("+ left unit kept when the left is in g",
               lambda: series([1000, 1000], u.g, offset=2) + series([1, 2, 3]), 0, [1000, 2000, 4000, 1000], u.g),
    SeriesCase("+ right earlier", lambda: series([1, 2], offset=2) + series([1, 1]), 0, [1, 1, 1, 2], u.kg),
    SeriesCase("+ disjoint spans leave a zero gap", lambda: series([1]) + series([2], offset=3), 0, [1, 0, 0, 2],
               u.kg),
    SeriesCase("- union span", lambda: series([1, 2, 3]) - series([1000, 1000], u.g, offset=2), 0, [1, 2, 2, -1],
               u.kg),
    SeriesCase("- converts kWh and Wh", lambda: series([1, 2], u.kWh) - series([500, 500], u.Wh), 0, [0.5, 1.5],
               u.kWh),
    SeriesCase("* union span, no unit conversion",
               lambda: series([1, 2, 3]) * series([1000, 1000], u.g, offset=2), 0, [0, 0, 3000, 0], u.kg * u.g),
    SeriesCase("/ numerator inside the denominator's span, result on the denominator's span",
               lambda: series([2, 3], offset=1) / series([1, 2, 4, 8]), 0, [0, 1, 0.75, 0], u.dimensionless),
    SeriesCase("/ denominator converted to the numerator's unit",
               lambda: series([2, 3]) / series([500, 1000], u.g), 0, [4, 3], u.dimensionless),
    SeriesCase("/ different dimensions combine units", lambda: series([6, 8], u.kWh) / series([2, 4], u.h), 0,
               [3, 2], u.kWh / u.h),
    SeriesCase("/ 0/0 gives NaN", lambda: series([0, 1]) / series([0, 2]), 0, [np.nan, 0.5], u.dimensionless),
    SeriesCase("sum() of series starts at 0 and unions spans",
               lambda: sum([series([1]), series([1], offset=1), series([1], offset=1)]), 0, [1, 2], u.kg),
    SeriesCase("max with another series", lambda: series([1, 5, 2]).np_compared_with(series([3, 3, 3]), "max"),
               0, [3, 5, 3], u.kg),
    SeriesCase("min with another series converted", lambda: series([1, 5, 2]).np_compared_with(
        series([3000, 3000, 3000], u.g), "min"), 0, [1, 3, 2], u.kg),
    SeriesCase("max with a quantity", lambda: series([1, 5, 2]).np_compared_with(q(2000, u.g), "max"), 0,
               [2, 5, 2], u.kg),
    SeriesCase("ceil", lambda: series([0.2, 1.0, 1.7, 0.0]).ceil(), 0, [1, 1, 2, 0], u.kg),
    SeriesCase("negation", lambda: -series([1, -2], offset=3), 3, [-1, 2], u.kg),
    SeriesCase(".to() converts in float32", lambda: series([1, 2.5], u.kWh).to(u.Wh), 0, [1000, 2500], u.Wh),
    SeriesCase("abs", lambda: abs(series([-1, 2])), 0, [1, 2], u.kg),
]


@pytest.mark.parametrize("case", SERIES_CASES, ids=lambda c: c.name)
def test_series_arithmetic(case: SeriesCase) -> None:
    result = case.compute()
    assert isinstance(result, ExplainableHourlyQuantities)
    assert result.magnitude.dtype == F32
    assert result.start_date == NAIVE_START + case.start_offset * HOUR
    assert result.unit == as_unit(case.unit)
    np.testing.assert_allclose(result.magnitude, np.array(case.values, dtype=F32), rtol=1e-6)
    assert len(result) == len(case.values)


@dataclass(frozen=True)
class SeriesErrorCase:
    name: str
    compute: Callable[[], Any]
    error: type[BaseException]
    message: str


SERIES_ERROR_CASES = [
    SeriesErrorCase("x/0 with x≠0", lambda: series([1, 0]) / series([0, 0]), ZeroDivisionError, "by zero"),
    SeriesErrorCase("numerator longer than the denominator", lambda: series([1, 1]) / series([1]),
                    HourlyAlignmentError, "within the denominator's span"),
    SeriesErrorCase("numerator starting before the denominator", lambda: series([1, 1]) / series([1, 1], offset=1),
                    HourlyAlignmentError, "within the denominator's span"),
    SeriesErrorCase("local series + UTC series", lambda: series([1]) + series([1], start=UTC_START),
                    HourlyAlignmentError, "local-time series with a UTC series"),
    SeriesErrorCase("starts not whole hours apart",
                    lambda: series([1]) + SourceHourlyValues(np.ones(1, F32) * u.kg,
                                                             NAIVE_START + timedelta(minutes=30)),
                    HourlyAlignmentError, "not whole hours apart"),
    SeriesErrorCase("+ of incompatible units", lambda: series([1]) + series([1], u.W), pint.DimensionalityError,
                    "Cannot convert"),
    SeriesErrorCase("plain dimensionless input series", lambda: SourceHourlyValues(np.ones(2) * u.dimensionless,
                                                                                     NAIVE_START),
                    ValueError, "u.occurrence"),
    SeriesErrorCase("two-dimensional series", lambda: SourceHourlyValues(np.ones((2, 2)) * u.kg, NAIVE_START),
                    ValueError, "one-dimensional"),
]


@pytest.mark.parametrize("case", SERIES_ERROR_CASES, ids=lambda c: c.name)
def test_series_errors(case: SeriesErrorCase) -> None:
    with pytest.raises(case.error, match=case.message):
        case.compute()


# ---- scalar ⊗ series --------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class ScalarSeriesCase:
    name: str
    compute: Callable[[], ExplainableHourlyQuantities]
    expected: Callable[[], np.ndarray]  # built the way methodology §0.2 says, in float32
    unit: Any


BASE = [3, 7, 11, 13, 17, 19, 23, 29]


def _base() -> np.ndarray:
    return np.array(BASE, dtype=F32)


SCALAR_SERIES_CASES = [
    ScalarSeriesCase("series * number: the number cast to float32 first", lambda: series(BASE) * 1.1,
                     lambda: _base() * F32(1.1), u.kg),
    ScalarSeriesCase("number * series", lambda: (1 / 3) * series(BASE), lambda: _base() * F32(1 / 3), u.kg),
    ScalarSeriesCase("series * quantity multiplies units", lambda: series(BASE, u.h) * q(1.1, u.W),
                     lambda: _base() * F32(1.1), u.h * u.W),
    ScalarSeriesCase("quantity * series", lambda: q(1.1, u.W) * series(BASE, u.h), lambda: _base() * F32(1.1),
                     u.W * u.h),
    ScalarSeriesCase("series / quantity", lambda: series(BASE, u.kWh) / q(3.3, u.h), lambda: _base() / F32(3.3),
                     u.kWh / u.h),
    ScalarSeriesCase("quantity / series", lambda: q(0.7, u.kg) / series(BASE, u.h), lambda: F32(0.7) / _base(),
                     u.kg / u.h),
    ScalarSeriesCase("series / number", lambda: series(BASE) / 3, lambda: _base() / F32(3), u.kg),
    ScalarSeriesCase("series + quantity converted to the series unit, on the series span",
                     lambda: series(BASE) + q(500, u.g), lambda: _base() + F32(0.5), u.kg),
    ScalarSeriesCase("series - quantity", lambda: series(BASE) - q(0.5, u.kg), lambda: _base() - F32(0.5), u.kg),
]


@pytest.mark.parametrize("case", SCALAR_SERIES_CASES, ids=lambda c: c.name)
def test_scalar_and_series(case: ScalarSeriesCase) -> None:
    result = case.compute()
    assert result.start_date == NAIVE_START
    assert len(result) == len(BASE)
    assert result.magnitude.dtype == F32
    assert result.unit == as_unit(case.unit)
    assert np.array_equal(result.magnitude, case.expected())


def test_float32_scalar_product_differs_from_float64_product() -> None:
    """The case table above would pass with float64 products only if they rounded the same; they do not."""
    float64_then_cast = (_base().astype(np.float64) * (1 / 3)).astype(F32)
    assert not np.array_equal((series(BASE) * (1 / 3)).magnitude, float64_then_cast)


# ---- the empty value ----------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class EmptyCase:
    name: str
    compute: Callable[[Any, Any], Any]  # (empty, x) -> result
    expect: str  # "x": the very same x, "empty": an empty value, "-x": the negation of x


EMPTY_CASES = [
    EmptyCase("∅ + X = X", lambda e, x: e + x, "x"),
    EmptyCase("X + ∅ = X", lambda e, x: x + e, "x"),
    EmptyCase("X - ∅ = X", lambda e, x: x - e, "x"),
    EmptyCase("∅ - X = -X", lambda e, x: e - x, "-x"),
    EmptyCase("∅ × X = ∅", lambda e, x: e * x, "empty"),
    EmptyCase("X × ∅ = ∅", lambda e, x: x * e, "empty"),
    EmptyCase("∅ / X = ∅", lambda e, x: e / x, "empty"),
    EmptyCase("sum([∅, X, ∅]) = X", lambda e, x: sum([e, x, EmptyExplainableObject()], start=EmptyExplainableObject()),
              "x"),
    EmptyCase("sum([]) starting at ∅ is ∅", lambda e, x: sum([], start=e), "empty"),
    EmptyCase("sum([∅, ∅]) is ∅", lambda e, x: sum([e, EmptyExplainableObject()]), "empty"),
    EmptyCase("ceil(∅) = ∅", lambda e, x: e.ceil(), "empty"),
    EmptyCase("max(∅) = ∅", lambda e, x: e.max(), "empty"),
    EmptyCase("∅.sum() = ∅", lambda e, x: e.sum(), "empty"),
    EmptyCase("∅.to(kg) = ∅", lambda e, x: e.to(u.kg), "empty"),
    EmptyCase("max(∅, X) = X", lambda e, x: e.np_compared_with(x, "max"), "x"),
]


@pytest.mark.parametrize("make_x", [lambda: q(2, u.kg), lambda: series([1, 2])], ids=["quantity", "series"])
@pytest.mark.parametrize("case", EMPTY_CASES, ids=lambda c: c.name)
def test_empty_value_rules(case: EmptyCase, make_x: Callable[[], Any]) -> None:
    empty, x = EmptyExplainableObject(), make_x()
    result = case.compute(empty, x)
    if case.expect == "x":
        assert result is x
    elif case.expect == "empty":
        assert isinstance(result, EmptyExplainableObject)
    else:
        assert result == -x and result is not x


def test_series_max_with_empty_is_the_series() -> None:
    hourly = series([1, 2])
    assert hourly.np_compared_with(EmptyExplainableObject(), "max") is hourly


def test_empty_counts_as_zero_in_totals() -> None:
    empty = EmptyExplainableObject()
    assert empty.magnitude_sum(u.kg) == 0.0
    assert not empty
    assert str(empty) == "no value"
    assert isinstance(ExplainableObjectDict().sum(), EmptyExplainableObject)


# ---- .to(), sums, maxima ------------------------------------------------------------------------------------------
def test_series_to_is_a_float32_product_and_a_new_value() -> None:
    original = series([1.1, 2.2, 3.3], u.kWh)
    converted = original.to(u.Wh)
    assert converted is not original
    assert converted.unit == u.Wh
    assert np.array_equal(converted.magnitude, original.magnitude * F32(1000))
    assert original.unit == u.kWh
    with pytest.raises(pint.DimensionalityError):
        original.to(u.kg)


def test_to_of_a_calculated_value_is_explained() -> None:
    calculated = series([1, 2], u.kWh) * 2
    converted = calculated.to(u.Wh)
    assert converted.formula is not None and converted.formula.operator == "to"


def test_sum_is_a_float32_accumulation() -> None:
    values = np.full(26298, 0.1, dtype=F32)
    hourly = SourceHourlyValues(values * u.kg, NAIVE_START)
    total = hourly.sum()
    assert isinstance(total, ExplainableQuantity)
    assert total.value.units == u.kg
    assert total.value.magnitude == float(np.sum(values, dtype=F32))
    # A float64 accumulation would give another number: the float32 one is the reference's.
    assert total.value.magnitude != pytest.approx(float(values.astype(np.float64).sum()), rel=1e-9)
    assert hourly.magnitude_sum() == float(values.astype(np.float64).sum())
    assert hourly.magnitude_sum(u.g) == pytest.approx(float(values.astype(np.float64).sum()) * 1000)


def test_max_of_a_series_is_a_quantity() -> None:
    peak = series([1, 7, 3], u.W).max()
    assert isinstance(peak, ExplainableQuantity)
    assert peak.value == 7 * u.W


def test_round_is_half_even_in_float32() -> None:
    rounded = round(series([0.00005, 0.00015, 1.23456789], u.kg), 4)
    assert rounded.magnitude.dtype == F32
    assert np.array_equal(rounded.magnitude, np.round(np.array([0.00005, 0.00015, 1.23456789], dtype=F32), 4))


def test_series_equality_compares_start_unit_and_values() -> None:
    assert series([1, 2]) == series([1, 2])
    assert series([1, 2]) != series([1, 2], offset=1)
    assert series([1, 2]) != series([1, 2], u.g)
    assert series([1, 2]) != series([1, 3])


# ---- recurrent weeks ------------------------------------------------------------------------------------------------
WEEK = np.arange(168, dtype=F32)


def week() -> SourceRecurrentValues:
    return SourceRecurrentValues(WEEK * u.occurrence)


@dataclass(frozen=True)
class ExpandCase:
    name: str
    reference_start: datetime
    length: int
    timezone: Any
    offset: int  # 24 × weekday + hour of the first hour in local time


EXPAND_CASES = [
    ExpandCase("UTC Monday midnight", pytz.utc.localize(datetime(2025, 1, 6)), 200, pytz.utc, 0),
    ExpandCase("Paris: 2024-12-31 23:00Z is Wednesday 00:00 local",
               pytz.utc.localize(datetime(2024, 12, 31, 23)), 400, pytz.timezone("Europe/Paris"), 48),
    ExpandCase("Paris: offset read at the first hour only, no DST realignment on 30 March",
               pytz.utc.localize(datetime(2025, 3, 29, 12)), 48, pytz.timezone("Europe/Paris"), 24 * 5 + 13),
    ExpandCase("New York: Monday 03:00Z is Sunday 22:00 local",
               pytz.utc.localize(datetime(2025, 1, 6, 3)), 30, pytz.timezone("America/New_York"), 24 * 6 + 22),
]


@pytest.mark.parametrize("case", EXPAND_CASES, ids=lambda c: c.name)
def test_recurrent_week_expands_from_the_local_time_of_the_first_hour(case: ExpandCase) -> None:
    reference = SourceHourlyValues(np.ones(case.length, dtype=F32) * u.concurrent, case.reference_start)
    expanded = week().expand_like(reference, case.timezone)
    assert isinstance(expanded, ExplainableHourlyQuantities)
    assert expanded.start_date == case.reference_start
    assert len(expanded) == case.length
    assert expanded.unit == u.occurrence
    assert np.array_equal(expanded.magnitude, WEEK[(case.offset + np.arange(case.length)) % 168])


def test_recurrent_week_is_flat_and_needs_a_unit() -> None:
    # A week of the wrong length is refused where it becomes an input, naming the object (tests/test_edge.py).
    assert len(week()) == 168
    assert week().magnitude.dtype == F32
    with pytest.raises(ValueError, match="flat series of 168"):
        SourceRecurrentValues(np.ones((7, 24)) * u.occurrence)
    with pytest.raises(ValueError, match="u.occurrence"):
        SourceRecurrentValues(np.ones(168) * u.dimensionless)


def test_recurrent_week_arithmetic() -> None:
    scaled = week() * q(2, u.W)
    assert isinstance(scaled, ExplainableRecurrentQuantities)
    assert scaled.unit == u.occurrence * u.W
    assert np.array_equal(scaled.magnitude, WEEK * F32(2))
    summed = week() + SourceRecurrentValues(np.ones(168, dtype=F32) * u.occurrence)
    assert np.array_equal(summed.magnitude, WEEK + 1)
    assert week() + EmptyExplainableObject() == week()
    assert week().max().value == 167 * u.occurrence
    assert week().min().value == 0 * u.occurrence


# ---- printing -----------------------------------------------------------------------------------------------------
def test_series_printing_format() -> None:
    hourly = SourceHourlyValues(np.arange(40, dtype=F32) * u.kg, UTC_START)
    lines = str(hourly).split("\n")
    assert lines[0] == "40 values from 2025-01-01 00:00:00+00:00 to 2025-01-02 15:00:00+00:00 in kg:"
    assert lines[1].strip() == "first 10 vals [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],"
    assert lines[2].strip() == "last 10 vals [30, 31, 32, 33, 34, 35, 36, 37, 38, 39]"
    assert len(lines) == 3


@dataclass(frozen=True)
class PrintCase:
    name: str
    value: Callable[[], Any]
    expected: str


PRINT_CASES = [
    # Numbers as the seed notebook prints them: three significant digits, never in exponent notation.
    PrintCase("series values with three significant digits",
              lambda: SourceHourlyValues(np.array([401.2, 10900.3, 0.0701, 0.443608], dtype=F32) * u.B,
                                         UTC_START), "first 10 vals [401, 10900, 0.0701, 0.444],"),
    PrintCase("dimensionless series print an empty unit",
              lambda: series([1], u.occurrence, start=UTC_START) / series([1], u.occurrence, start=UTC_START),
              "1 values from 2025-01-01 00:00:00+00:00 to 2025-01-01 00:00:00+00:00 in :"),
    PrintCase("quantity", lambda: q(0.0031104, u.cpu_core), "0.00311 cpu_core"),
    PrintCase("small quantity, positional", lambda: q(0.0000025, u.mg), "0.0000025 mg"),
    PrintCase("large quantity, positional", lambda: q(16000, u.B), "16000 B"),
    PrintCase("product unit, in pint's abbreviated order", lambda: q(2, u.W) * q(3, u.h), "6 h·W"),
    PrintCase("recurrent week", lambda: week(), "168 weekly values in occurrence: first 10 vals [0, 1, 2, 3, 4, 5, "
                                                 "6, 7, 8, 9]"),
]


@pytest.mark.parametrize("case", PRINT_CASES, ids=lambda c: c.name)
def test_printing(case: PrintCase) -> None:
    text = str(case.value())
    assert case.expected in [text, *(line.strip() for line in text.split("\n"))]


# ---- values are never mutated in place ------------------------------------------------------------------------------
def _snapshot(value: Any) -> tuple[Any, ...]:
    if isinstance(value, (ExplainableHourlyQuantities, ExplainableRecurrentQuantities)):
        return (value.magnitude.copy(), value.unit, getattr(value, "start_date", None), value.label, value.formula,
                value.source)
    return (copy.copy(value.value), value.label, value.formula, value.source)


def _same_snapshot(a: tuple[Any, ...], b: tuple[Any, ...]) -> bool:
    head_a, head_b = a[0], b[0]
    if isinstance(head_a, np.ndarray):
        if not (np.array_equal(head_a, head_b, equal_nan=True) and head_a.dtype == head_b.dtype):
            return False
    elif head_a != head_b or head_a.units != head_b.units:
        return False
    return all(x is y or x == y for x, y in zip(a[1:], b[1:]))


OPERATIONS: list[tuple[str, Callable[[Any, Any], Any]]] = [
    ("+", lambda a, b: a + b), ("-", lambda a, b: a - b), ("*", lambda a, b: a * b), ("/", lambda a, b: a / b),
    ("max", lambda a, b: a.np_compared_with(b, "max")), ("to", lambda a, b: a.to(u.g)), ("ceil", lambda a, b: a.ceil()),
    ("sum", lambda a, b: a.sum()), ("round", lambda a, b: round(a, 1)), ("neg", lambda a, b: -a),
]

OPERAND_PAIRS: list[tuple[str, Callable[[], tuple[Any, Any]]]] = [
    ("series, series", lambda: (series([1.5, 2, 3]), series([500, 700], u.g, offset=1))),
    ("series, quantity", lambda: (series([1.5, 2, 3]), q(300, u.g))),
    ("series, same span", lambda: (series([1.5, 2, 3]), series([4, 5, 6]))),
    ("quantity, quantity", lambda: (q(1.5, u.kg), q(300, u.g))),
]


MUTATION_CASES = [(op, pair) for op in OPERATIONS for pair in OPERAND_PAIRS
                  if not (op[0] == "max" and pair[0] == "quantity, quantity")]  # max(a, b) is for series


@pytest.mark.parametrize(("operation", "pair"), MUTATION_CASES, ids=[f"{o[0]}-{p[0]}" for o, p in MUTATION_CASES])
def test_operations_never_mutate_their_operands(operation: tuple[str, Callable[[Any, Any], Any]],
                                                pair: tuple[str, Callable[[], tuple[Any, Any]]]) -> None:
    name, apply = operation
    left, right = pair[1]()
    if name == "/" and isinstance(right, ExplainableHourlyQuantities) and len(right) < len(left):
        left, right = right, left
    before = (_snapshot(left), _snapshot(right))
    apply(left, right)
    assert _same_snapshot(before[0], _snapshot(left))
    assert _same_snapshot(before[1], _snapshot(right))
