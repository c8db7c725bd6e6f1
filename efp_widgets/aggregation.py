"""Hourly series reduced to hours, days, weeks, months or years in the kernel, so that only a few thousand
points ever cross the wire, whatever the length of the model.

Everything is vectorised: bin labels come from numpy datetime64 casts and the sums from `np.add.reduceat`.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import UTC, datetime

import numpy as np
import pint

from efp_core import u
from efp_core.units import compatible

PERIODS = ("hour", "day", "week", "month", "year")
HOURS_PER_PERIOD = {"hour": 1, "day": 24, "week": 168, "month": 730, "year": 8766}
DEFAULT_MAX_POINTS = 2000
# Units whose hourly values are amounts (summed over a day); other units are levels (averaged over a day).
_SUMMED_DIMENSIONS = (u.Unit("kilogram"), u.Unit("joule"))
_SUMMED_NAMES = ("occurrence", "bit", "byte")


@dataclass(frozen=True)
class Aggregated:
    """One series reduced to periods: bin start dates (datetime64[h], UTC) and one float64 value per bin."""

    starts: np.ndarray
    values: np.ndarray
    period: str
    how: str  # "sum" or "mean"

    def __len__(self) -> int:
        return int(self.values.shape[0])


def is_summed(unit: pint.Unit) -> bool:
    """True for amounts (kg, kWh, occurrences, bytes transferred), False for levels (W, concurrent, GB_ram)."""
    if any(not u.Quantity(1.0, unit).dimensionless and compatible(unit, d) for d in _SUMMED_DIMENSIONS):
        return True
    names = list(unit._units)
    return len(names) == 1 and (names[0] in _SUMMED_NAMES or names[0].endswith("byte"))


def auto_period(n_hours: int, max_points: int = DEFAULT_MAX_POINTS) -> str:
    """The finest period that keeps a series of `n_hours` at or under `max_points` points."""
    for period in PERIODS:
        if n_hours / HOURS_PER_PERIOD[period] <= max_points:
            return period
    return "year"


def hour_stamps(start: datetime, n_hours: int) -> np.ndarray:
    """datetime64[h] of each hour of a series (aware starts are taken in UTC, naive ones as they are)."""
    if start.tzinfo is not None:
        start = start.astimezone(UTC).replace(tzinfo=None)
    return np.datetime64(start, "h") + np.arange(n_hours, dtype=np.int64).astype("timedelta64[h]")


def bin_labels(stamps: np.ndarray, period: str) -> np.ndarray:
    """The start (datetime64[h]) of the period each hour falls in; weeks start on Monday."""
    if period == "hour":
        return stamps
    if period == "day":
        return stamps.astype("datetime64[D]").astype("datetime64[h]")
    if period == "week":
        days = stamps.astype("datetime64[D]")
        monday_offset = (days.astype(np.int64) + 3) % 7  # 1970-01-01 was a Thursday
        return (days - monday_offset.astype("timedelta64[D]")).astype("datetime64[h]")
    if period == "month":
        return stamps.astype("datetime64[M]").astype("datetime64[h]")
    if period == "year":
        return stamps.astype("datetime64[Y]").astype("datetime64[h]")
    raise ValueError(f"aggregate must be one of {list(PERIODS)} or 'auto', received {period!r}")


@functools.lru_cache(maxsize=512)
def period_bins(start: datetime, n_hours: int, period: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """For a series of `n_hours` from `start`: the index of the first hour of each period, the period's start
    (datetime64[h]) and its number of hours in the series. Cached (read-only arrays): every redraw of series
    of the same span asks for the same bins."""
    labels = bin_labels(hour_stamps(start, n_hours), period)
    if n_hours == 0:
        first = np.zeros(0, dtype=np.int64)
    else:
        first = np.concatenate(([0], np.flatnonzero(labels[1:] != labels[:-1]) + 1))
    counts = np.diff(np.concatenate((first, [n_hours])))
    bins = (first, labels[first], counts)
    for array in bins:
        array.flags.writeable = False
    return bins


def aggregate(magnitude: np.ndarray, start: datetime, period: str, how: str = "sum") -> Aggregated:
    """Reduce hourly `magnitude` (from `start`) to one value per period, summed or averaged."""
    values = np.asarray(magnitude, dtype=np.float64)
    first, starts, counts = period_bins(start, values.shape[0], period)
    if values.shape[0] == 0:
        return Aggregated(starts, values, period, how)
    sums = np.add.reduceat(values, first)
    if how == "mean":
        sums = sums / counts
    return Aggregated(starts, sums, period, how)


def align(series: list[Aggregated]) -> tuple[np.ndarray, np.ndarray]:
    """Several aggregated series on one shared axis: (union of bin starts, values with zeros where absent)."""
    if not series:
        return np.array([], dtype="datetime64[h]"), np.zeros((0, 0))
    axis = np.unique(np.concatenate([s.starts for s in series]))
    table = np.zeros((len(series), axis.shape[0]))
    for row, s in enumerate(series):
        table[row, np.searchsorted(axis, s.starts)] = s.values
    return axis, table
