"""Builders of input hourly series (growth, seasonality, daily cycles, frequencies), with the reference's signatures.

All return a `SourceHourlyValues` in float32 starting at a naive local `start_date`; the country of the
usage pattern that uses it later places it on the UTC grid.
"""
from __future__ import annotations

from datetime import datetime
from typing import List

import numpy as np
import pint

from efp_core.units import u
from efp_core.values import SourceHourlyValues

DEFAULT_START = datetime(2025, 1, 1, 0, 0)
F32 = np.float32


def _hours(timespan: pint.Quantity) -> int:
    return int(timespan.to(u.hour).magnitude)


def _series(values: np.ndarray, start_date: datetime, pint_unit: pint.Unit) -> SourceHourlyValues:
    return SourceHourlyValues(u.Quantity(np.asarray(values, dtype=F32), pint_unit), start_date)


def linear_growth_hourly_values(timespan: pint.Quantity, start_value: int, end_value: int,
                                start_date: datetime = DEFAULT_START,
                                pint_unit: pint.Unit = u.occurrence) -> SourceHourlyValues:
    """Values growing linearly from `start_value` to `end_value` over the timespan."""
    return _series(np.linspace(start_value, end_value, _hours(timespan)), start_date, pint_unit)


def sinusoidal_fluct_hourly_values(timespan: pint.Quantity, sin_fluct_amplitude: int,
                                   sin_fluct_period_in_hours: int, start_date: datetime = DEFAULT_START,
                                   pint_unit: pint.Unit = u.occurrence) -> SourceHourlyValues:
    """A zero-mean sine of the given amplitude and period (seasonality to add to a trend)."""
    t = np.arange(_hours(timespan), dtype=F32)
    values = F32(sin_fluct_amplitude) * np.sin(F32(2 * np.pi) * t / F32(sin_fluct_period_in_hours))
    return _series(values, start_date, pint_unit)


def daily_fluct_hourly_values(timespan: pint.Quantity, fluct_scale: float, hour_of_day_for_min_value: int = 4,
                              start_date: datetime = DEFAULT_START,
                              pint_unit: pint.Unit = u.occurrence) -> SourceHourlyValues:
    """A daily multiplier around 1: minimum 1 − scale at the given hour, maximum 1 + scale twelve hours later."""
    if not 0 <= fluct_scale <= 1:
        raise ValueError(f"fluct_scale must lie in [0, 1] (a multiplier around 1), received {fluct_scale}")
    hour_of_day = (start_date.hour + np.arange(_hours(timespan))) % 24
    phase = F32(3 * np.pi / 2) + F32(2 * np.pi) * (hour_of_day - hour_of_day_for_min_value).astype(F32) / F32(24)
    return _series(F32(1) + F32(fluct_scale) * np.sin(phase), start_date, pint_unit)


def create_hourly_usage_from_frequency(timespan: pint.Quantity, input_volume: float, frequency: str,
                                       active_days: list | None = None, hours: list | None = None,
                                       start_date: datetime = DEFAULT_START,
                                       pint_unit: pint.Unit = u.occurrence) -> SourceHourlyValues:
    """`input_volume` at each listed hour of each active day (daily, weekly, monthly or yearly pattern).

    Like the reference, the series holds one hour more than the timespan.
    """
    frequencies = ("daily", "weekly", "monthly", "yearly")
    if frequency not in frequencies:
        raise ValueError(f"frequency must be one of {list(frequencies)}, received {frequency!r}")
    hours = [0] if hours is None else list(hours)
    if active_days is None:
        active_days = [0] if frequency == "weekly" else [1]
    n = _hours(timespan) + 1
    stamps = np.datetime64(start_date) + np.arange(n).astype("timedelta64[h]")
    hour_of_day = (stamps - stamps.astype("datetime64[D]")).astype("timedelta64[h]").astype(int)
    active = np.isin(hour_of_day, hours)
    days = stamps.astype("datetime64[D]")
    if frequency == "weekly":
        weekday = (days.astype(int) + 3) % 7
        active &= np.isin(weekday, active_days)
    elif frequency == "monthly":
        day_of_month = (days - days.astype("datetime64[M]")).astype(int) + 1
        active &= np.isin(day_of_month, active_days)
    elif frequency == "yearly":
        day_of_year = (days - days.astype("datetime64[Y]")).astype(int) + 1
        active &= np.isin(day_of_year, active_days)
    return _series(np.where(active, F32(input_volume), F32(0)), start_date, pint_unit)


def create_hourly_usage_from_daily_volume_and_list_of_hours(
        timespan: pint.Quantity, daily_volume: float, hours: List[int], start_date: datetime = DEFAULT_START,
        pint_unit: pint.Unit = u.occurrence) -> SourceHourlyValues:
    """A daily volume spread evenly over the listed hours of every day."""
    if not hours:
        raise ValueError("hours must list at least one hour of the day (0-23)")
    return create_hourly_usage_from_frequency(timespan, daily_volume / len(hours), "daily", hours=hours,
                                              start_date=start_date, pint_unit=pint_unit)


def create_source_hourly_values_from_list(input_list: List[float], start_date: datetime = DEFAULT_START,
                                          pint_unit: pint.Unit = u.occurrence) -> SourceHourlyValues:
    """A series from explicit hourly values."""
    return _series(np.asarray(input_list, dtype=F32), start_date, pint_unit)


def create_random_source_hourly_values(timespan: pint.Quantity = 1 * u.day, min_val: int = 1, max_val: int = 10,
                                       start_date: datetime = DEFAULT_START,
                                       pint_unit: pint.Unit = u.occurrence) -> SourceHourlyValues:
    """Random integers in [min_val, max_val) each hour (for examples and tests)."""
    values = np.random.randint(min_val, max_val, size=_hours(timespan))
    return _series(values, start_date, pint_unit)


__all__ = ["create_hourly_usage_from_daily_volume_and_list_of_hours", "create_hourly_usage_from_frequency",
           "create_random_source_hourly_values", "create_source_hourly_values_from_list",
           "daily_fluct_hourly_values", "linear_growth_hourly_values", "sinusoidal_fluct_hourly_values"]
