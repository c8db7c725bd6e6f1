"""Which units a person may pick for a quantity, and which unit reads best for a range of numbers.

Several efp units share pint's dimensionless base (occurrence, concurrent, byte, byte_ram...), so
"compatible" here means "same family by name", not merely "convertible by pint": a count of occurrences must
not be offered in gigabytes.
"""
from __future__ import annotations

from functools import lru_cache

import pint

from efp_core import u

# Each family lists units a person would type, smallest first (the order of dropdowns and axis choices).
UNIT_FAMILIES: tuple[tuple[str, ...], ...] = (
    ("second", "minute", "hour", "day", "week", "month", "year"),
    ("gram", "kilogram", "metric_ton", "kilometric_ton", "megametric_ton"),
    ("joule", "watt_hour", "kilowatt_hour", "megawatt_hour", "gigawatt_hour"),
    ("milliwatt", "watt", "kilowatt", "megawatt"),
    ("byte", "kilobyte", "megabyte", "gigabyte", "terabyte", "petabyte"),
    ("byte_ram", "kilobyte_ram", "megabyte_ram", "gigabyte_ram", "terabyte_ram"),
    ("meter", "kilometer"),
)
MAX_OPTIONS = 30


@lru_cache(maxsize=256)
def _family_of(name: str) -> tuple[str, ...] | None:
    unit = u.Unit(name)
    for family in UNIT_FAMILIES:
        if any(u.Unit(member) == unit for member in family):
            return family
    return None


@lru_cache(maxsize=512)
def unit_options(unit: pint.Unit) -> tuple[pint.Unit, ...]:
    """Units a value in `unit` may be shown in: each factor swapped, one at a time, for another of its family
    (g/kWh → kg/kWh, t/kWh, g/Wh, g/MWh...), in family order; `unit` itself is always among them."""
    factors = list(unit._units.items())
    options: list[pint.Unit] = []
    for index, (name, exponent) in enumerate(factors):
        rest = u.Unit("dimensionless")
        for other_index, (other, other_exponent) in enumerate(factors):
            if other_index != index:
                rest = rest * u.Unit(other) ** other_exponent
        for member in _family_of(name) or (name,):
            candidate = u.Unit(member) ** exponent * rest
            if candidate not in options:
                options.append(candidate)
    if unit not in options:
        options.insert(0, unit)
    return tuple(options[:MAX_OPTIONS])


def unit_label(unit: pint.Unit) -> str:
    """Short form for display ("g/kWh", "GB_ram"); an empty short form (dimensionless) reads "no unit"."""
    short = f"{unit:~P}"
    return short or "no unit"


def same_unit_family(a: pint.Unit, b: pint.Unit) -> bool:
    """True when `b` is one of the options offered for `a` (conversion keeps the meaning, not only the number)."""
    return b in unit_options(a)


def convert(magnitude: float, from_unit: pint.Unit, to_unit: pint.Unit) -> float:
    """The same physical value expressed in `to_unit`."""
    return float(u.Quantity(magnitude, from_unit).to(to_unit).magnitude)


def readable_unit(unit: pint.Unit, largest: float) -> tuple[pint.Unit, float]:
    """The family unit in which `largest` (given in `unit`) reads between 1 and 1000, and the factor to it.

    Only single-factor units are rescaled; others are kept as they are.
    """
    factors = list(unit._units.items())
    if len(factors) != 1 or factors[0][1] != 1 or largest <= 0:
        return unit, 1.0
    family = _family_of(factors[0][0])
    if family is None:
        return unit, 1.0
    best, best_factor = unit, 1.0
    for member in family:
        candidate = u.Unit(member)
        factor = float(u.Quantity(1.0, unit).to(candidate).magnitude)
        if largest * factor >= 1:
            best, best_factor = candidate, factor
    return best, best_factor
