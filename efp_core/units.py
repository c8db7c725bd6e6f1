"""The one pint unit registry of efp, with e-footprint's unit names (cpu_core, gpu, GB_ram, occurrence...)."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pint


class _UnitRegistry(pint.UnitRegistry):
    """pint's registry, with `u.kg`-style look-ups cached: pint parses the name on every access, and
    formulas read units in their hot paths."""

    def __getattr__(self, item: str) -> pint.Unit:
        if item.startswith("_"):
            return super().__getattr__(item)
        cache = self.__dict__.setdefault("_efp_unit_cache", {})
        unit = cache.get(item)
        if unit is None:
            unit = cache[item] = super().__getattr__(item)
        return unit

    def define(self, definition: object) -> None:
        self.__dict__.pop("_efp_unit_cache", None)
        super().define(definition)


u = _UnitRegistry(str(Path(__file__).with_name("custom_units.txt")))
pint.set_application_registry(u)
Quantity = u.Quantity
Unit = u.Unit


@lru_cache(maxsize=4096)
def conversion_factor(from_unit: pint.Unit, to_unit: pint.Unit) -> float:
    """Multiplicative factor from one unit to another, cached because hot paths convert the same pairs."""
    return float(u.Quantity(1.0, from_unit).to(to_unit).magnitude)


@lru_cache(maxsize=4096)
def compatible(a: pint.Unit, b: pint.Unit) -> bool:
    """True when quantities in ``a`` can be converted to ``b``."""
    return bool(u.Quantity(1.0, a).is_compatible_with(b))


def as_unit(unit: str | pint.Unit) -> pint.Unit:
    """A pint Unit from a unit or its name (``"kg"``, ``"gigabyte_ram"``)."""
    return unit if isinstance(unit, pint.Unit) else u.Unit(unit)
