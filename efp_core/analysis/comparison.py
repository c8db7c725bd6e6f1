"""Compare two states of a system's footprint: per phase, category and object (kg over the period) and hour by hour.

A state is what `System.footprint_snapshot()` returns: {phase: {category: {object: footprint value}}}. Values are
never changed in place, so a snapshot holds the values of its moment by reference and costs no copy. The change
history (`system.previous_change`, `system.all_changes`) keeps the state before each change, which gives the
"previous" and "initial" states compared with the current one.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import numpy as np

from efp_core.units import u
from efp_core.values import EmptyExplainableObject

PHASES = ("fabrication", "energy")
PHASE_TITLES = {"fabrication": "Fabrication", "energy": "Electricity"}
FootprintState = dict[str, dict[str, dict[Any, Any]]]


@dataclass(frozen=True)
class Difference:
    """kg before and after a change."""

    old_kg: float
    new_kg: float

    @property
    def diff_kg(self) -> float:
        return self.new_kg - self.old_kg

    @property
    def relative(self) -> float | None:
        """(new - old) / old; None when there was nothing before."""
        return None if self.old_kg == 0 else self.diff_kg / self.old_kg


@dataclass(frozen=True)
class ObjectDifference:
    phase: str
    category: str
    object_id: str
    object_name: str
    class_name: str
    difference: Difference


@dataclass(frozen=True)
class HourlyDifference:
    """Both states hour by hour (kg, float64) on the union of their spans, from `start` (UTC)."""

    start: datetime | None
    old_kg: np.ndarray
    new_kg: np.ndarray

    @property
    def diff_kg(self) -> np.ndarray:
        return self.new_kg - self.old_kg

    @property
    def hours(self) -> list[datetime]:
        return [] if self.start is None else [self.start + timedelta(hours=i) for i in range(len(self.old_kg))]


@dataclass
class StateComparison:
    total: Difference
    by_phase: dict[str, Difference]
    by_category: dict[str, Difference]  # both phases
    by_phase_and_category: dict[tuple[str, str], Difference]
    by_object: list[ObjectDifference]  # objects of either state, old state's order first
    hourly: HourlyDifference


def value_kg(value: Any) -> tuple[datetime | None, np.ndarray]:
    """(first hour, float64 kg per hour) of a footprint value; (None, []) when it is empty."""
    if value is None or isinstance(value, EmptyExplainableObject):
        return None, np.zeros(0)
    converted = value.to(u.kg)
    return converted.start_date, np.asarray(converted.magnitude, dtype=np.float64)


def sum_kg(value: Any) -> float:
    """Float64 sum of the float32 hourly kg (the way totals are reported)."""
    return float(value_kg(value)[1].sum())


def _phase_values(state: FootprintState, phase: str) -> dict[str, dict[Any, Any]]:
    if phase not in state:
        raise KeyError(f"footprint state has no phase '{phase}' (phases: {', '.join(state)})")
    return state[phase]


def _align(series: list[tuple[datetime | None, np.ndarray]]) -> tuple[datetime | None, list[np.ndarray]]:
    """The series on the union of their spans (zeros outside each one)."""
    present = [(start, values) for start, values in series if start is not None and len(values)]
    if not present:
        return None, [np.zeros(0) for _ in series]
    first = min(start for start, _ in present)
    offsets = [(start, int((start - first) / timedelta(hours=1)) if start is not None else 0, values)
               for start, values in series]
    length = max(offset + len(values) for start, offset, values in offsets if start is not None)
    out = []
    for start, offset, values in offsets:
        row = np.zeros(length)
        if start is not None:
            row[offset:offset + len(values)] = values
        out.append(row)
    return first, out


def hourly_total(state: FootprintState, *, phase: str | None = None,
                 category: str | None = None) -> tuple[datetime | None, np.ndarray]:
    """(first hour, kg per hour) of a state, optionally for one phase and/or one category."""
    series = [value_kg(value) for ph in (PHASES if phase is None else (phase,))
              for cat, per_object in _phase_values(state, ph).items() if category in (None, cat)
              for value in per_object.values()]
    start, aligned = _align(series)
    return start, (np.sum(aligned, axis=0) if aligned else np.zeros(0))


def compare_states(old: FootprintState, new: FootprintState) -> StateComparison:
    """Every difference between two footprint states, as numbers."""
    rows: dict[tuple[str, str, Any], list[Any]] = {}
    for index, state in enumerate((old, new)):
        for phase in PHASES:
            for category, per_object in _phase_values(state, phase).items():
                for obj, value in per_object.items():
                    rows.setdefault((phase, category, obj), [0.0, 0.0])[index] = sum_kg(value)
    by_object = [ObjectDifference(phase, category, obj.id, obj.name, type(obj).__name__, Difference(*kg))
                 for (phase, category, obj), kg in rows.items()]
    categories = list(dict.fromkeys(c for state in (old, new) for ph in PHASES for c in state[ph]))

    def total(keep: Any) -> Difference:
        chosen = [row.difference for row in by_object if keep(row)]
        return Difference(float(sum(d.old_kg for d in chosen)), float(sum(d.new_kg for d in chosen)))

    start_old, old_hourly = hourly_total(old)
    start_new, new_hourly = hourly_total(new)
    start, (old_aligned, new_aligned) = _align([(start_old, old_hourly), (start_new, new_hourly)])
    return StateComparison(
        total=total(lambda row: True),
        by_phase={phase: total(lambda row, p=phase: row.phase == p) for phase in PHASES},
        by_category={c: total(lambda row, c=c: row.category == c) for c in categories},
        by_phase_and_category={(p, c): total(lambda row, p=p, c=c: row.phase == p and row.category == c)
                               for p in PHASES for c in categories},
        by_object=by_object,
        hourly=HourlyDifference(start, old_aligned, new_aligned))


def state_before_change(system: Any, *, from_start: bool = False) -> FootprintState:
    """The state before the last change (or before the first one with `from_start`) of the system."""
    if system.previous_change is None:
        raise ValueError(f"System '{system.name}' has had no change yet, so there is no previous state to compare "
                         f"with (edit an input or use ModelingUpdate first)")
    change = system.all_changes[0] if from_start and system.all_changes else system.previous_change
    state = getattr(change, "previous_footprints", {}).get(system)
    if state is None:
        raise ValueError(f"System '{system.name}': its last change kept no previous footprints "
                         f"(ModelingUpdate(..., compute_previous_system_footprints=False))")
    return state


def compare_with_previous(system: Any, *, from_start: bool = False) -> StateComparison:
    """The system now against its state before the last change (before the first change with `from_start`)."""
    return compare_states(state_before_change(system, from_start=from_start), system.footprint_snapshot())
