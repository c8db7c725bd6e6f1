"""Time operators on hourly series: local time to UTC, shift, spread of events over a duration, cumulative sum.

They work on whole numpy arrays (no per-hour Python loop) and keep e-footprint's float32 semantics.
"""
from __future__ import annotations

import math
from datetime import datetime, timedelta, tzinfo

import numpy as np
import pytz

from efp_core.units import u
from efp_core.values.empty import EmptyExplainableObject
from efp_core.values.hourly import DTYPE, HOUR, ExplainableHourlyQuantities
from efp_core.values.quantity import ExplainableQuantity


def utc_start(start: datetime, timezone: tzinfo) -> datetime:
    """The UTC instant of a naive local start (ambiguous hours read as standard time)."""
    if start.tzinfo is None:
        localize = getattr(timezone, "localize", None)
        start = localize(start, is_dst=False) if localize else start.replace(tzinfo=timezone)
    return start.astimezone(pytz.utc)


def to_utc(series: ExplainableHourlyQuantities, timezone: tzinfo) -> ExplainableHourlyQuantities:
    """Place a local-time series on the UTC hour grid.

    Only the first hour's offset is used (no DST realignment later), as the reference does. For zones
    with a fractional-hour offset (India, +5:30), each local hour is split between the two UTC hours it
    overlaps, in proportion of the overlap: totals of counts and time-averages are both preserved.
    """
    start = utc_start(series.start_date, timezone)
    minutes = start.minute + start.second / 60
    if minutes == 0:
        return series._derive(series.magnitude, series.unit, start, "to UTC", series, str(timezone))
    fraction = DTYPE(minutes / 60)
    values = series.magnitude
    out = np.zeros(len(values) + 1, dtype=DTYPE)
    out[:-1] += values * (DTYPE(1) - fraction)
    out[1:] += values * fraction
    floor_start = start.replace(minute=0, second=0, microsecond=0)
    return series._derive(out, series.unit, floor_start, "to UTC", series, str(timezone))


def shift(series: ExplainableHourlyQuantities, delay: ExplainableQuantity) -> ExplainableHourlyQuantities:
    """The series started later by the whole hours of `delay` (floored)."""
    hours = int(math.floor(delay.value.to(u.hour).magnitude))
    if hours == 0:
        return series
    return series._derive(series.magnitude, series.unit, series.start_date + hours * HOUR, "shift", series, delay)


def spread(series: ExplainableHourlyQuantities | EmptyExplainableObject, duration: ExplainableQuantity
           ) -> ExplainableHourlyQuantities | EmptyExplainableObject:
    """Average number of events in progress each hour, for events starting per `series` and lasting `duration`.

    y[t] = Σ_{k<F} x[t−k] + r·x[t−F] (F, r: whole and fractional hours of the duration), length N+F−1 (+1 if
    r>0). The boxcar is an exact float64 running sum rounded once to float32. The reference convolves in float32
    by FFT, whose noise depends on the FFT library version (scipy 1.17 and 1.18 differ): hours with no event get
    tiny residues there, which a ceil() downstream turns into whole server instances. The exact sum gives exact
    zeros and stays within float32 rounding of the reference everywhere else.
    """
    if isinstance(series, EmptyExplainableObject):
        return series
    hours = float(duration.value.to(u.hour).magnitude)
    if hours == 0:
        return EmptyExplainableObject()
    whole = int(math.floor(hours))
    rest = hours - whole
    x = series.magnitude
    if whole == 0:
        values = x * DTYPE(rest)
    else:
        n = len(x)
        running = np.concatenate(([0.0], np.cumsum(x, dtype=np.float64)))
        hour = np.arange(n + whole - 1)
        boxcar = (running[np.minimum(hour, n - 1) + 1] - running[np.maximum(hour - whole + 1, 0)]).astype(DTYPE)
        np.clip(boxcar, 0, None, out=boxcar)
        if rest > 0:
            values = np.zeros(n + whole, dtype=DTYPE)
            values[:-1] = boxcar
            values[whole:] += x * DTYPE(rest)
        else:
            values = boxcar
    return series._derive(values, u.concurrent, series.start_date, "spread over duration", series, duration)


def cumsum32(series: ExplainableHourlyQuantities) -> ExplainableHourlyQuantities:
    """Running total with a float32 accumulator (as the reference; a float64 one drifts from it)."""
    return series._derive(np.cumsum(series.magnitude, dtype=DTYPE), series.unit, series.start_date, "cumsum", series)


def constant_like(series: ExplainableHourlyQuantities, value: ExplainableQuantity) -> ExplainableHourlyQuantities:
    """A series over `series`' span whose every hour equals `value`."""
    mag = np.full(len(series), DTYPE(value.magnitude), dtype=DTYPE)
    return series._derive(mag, value.unit, series.start_date, "constant over span", value, series)


def hours_between(a: datetime, b: datetime) -> float:
    return (b - a) / timedelta(hours=1)
