"""Countries at UTC+05:30 mixed with whole-hour countries (the reference cannot mix them; efp can).

efp splits each local hour of a +05:30 country between the two UTC hours it overlaps, so series of every country
share one UTC hour grid. Counts are conserved, and patterns that share nothing add up exactly.
"""
from __future__ import annotations

import datetime as dt

import numpy as np
import pytest
import pytz

from efp_core import (
    Countries,
    Device,
    Job,
    Network,
    Server,
    SourceHourlyValues,
    SourceValue,
    Storage,
    System,
    UsageJourney,
    UsageJourneyStep,
    UsagePattern,
    u,
)
from efp_core.values.time_ops import to_utc

DAILY = np.tile(np.array([0] * 8 + [30, 50, 20] + [0] * 7 + [60, 40] + [0] * 4, dtype=np.float32), 28)


def pattern(name: str, country_factory) -> UsagePattern:
    """A pattern with its own server, journey and devices, so two patterns share no object but the system."""
    server = Server.from_defaults(f"{name} server", storage=Storage.ssd(f"{name} SSD"))
    job = Job.from_defaults(f"{name} job", server=server)
    journey = UsageJourney(f"{name} journey", uj_steps=[
        UsageJourneyStep(f"{name} step", user_time_spent=SourceValue(90 * u.min), jobs=[job])])
    return UsagePattern(name, usage_journey=journey, devices=[Device.smartphone(f"{name} phone")],
                        network=Network.mobile_network(f"{name} network"), country=country_factory(),
                        hourly_usage_journey_starts=SourceHourlyValues(
                            u.Quantity(DAILY, u.occurrence), start_date=dt.datetime(2025, 1, 1)))


@pytest.mark.parametrize("offset_hours, zone", [(5.5, "Asia/Kolkata"), (5.75, "Asia/Kathmandu"),
                                                 (-3.5, "America/St_Johns"), (1, "Europe/Paris")])
def test_local_hours_land_on_the_utc_grid_with_counts_conserved(offset_hours, zone):
    local = SourceHourlyValues(u.Quantity(DAILY, u.occurrence), start_date=dt.datetime(2025, 1, 1))
    utc = to_utc(local, pytz.timezone(zone))
    assert utc.start_date.minute == 0 and utc.start_date.tzinfo is not None
    assert utc.magnitude_sum(u.occurrence) == pytest.approx(float(DAILY.sum()), rel=1e-7)
    first_local_start = dt.datetime(2025, 1, 1) - dt.timedelta(hours=offset_hours)
    assert utc.start_date == pytz.utc.localize(first_local_start.replace(minute=0))
    whole = float(offset_hours).is_integer()
    assert len(utc) == len(DAILY) + (0 if whole else 1)


def footprints(system: System) -> dict[str, float]:
    """kg per object and phase (the system total is rounded hour by hour, like the reference, so not additive)."""
    return {f"{obj.name}.{attr}": getattr(obj, attr).magnitude_sum(u.kg)
            for obj in system.all_linked_objects for attr in ("instances_fabrication_footprint", "energy_footprint")
            if attr in obj.calculated_attributes and hasattr(getattr(obj, attr), "magnitude_sum")}


def test_india_and_france_in_one_system_add_up_to_each_alone():
    together = System("both", usage_patterns=[pattern("IN", Countries.INDIA), pattern("FR", Countries.FRANCE)],
                      edge_usage_patterns=[])
    india = System("india", usage_patterns=[pattern("IN", Countries.INDIA)], edge_usage_patterns=[])
    france = System("france", usage_patterns=[pattern("FR", Countries.FRANCE)], edge_usage_patterns=[])
    assert footprints(together) == pytest.approx({**footprints(india), **footprints(france)}, rel=1e-6)
    assert sum(footprints(together).values()) > 100
    starts = {up.name: up.utc_hourly_usage_journey_starts for up in together.usage_patterns}
    assert {name: s.magnitude_sum(u.occurrence) for name, s in starts.items()} == pytest.approx(
        {"IN": float(DAILY.sum()), "FR": float(DAILY.sum())})
    assert starts["IN"].start_date == pytz.utc.localize(dt.datetime(2024, 12, 31, 18))
    assert starts["FR"].start_date == pytz.utc.localize(dt.datetime(2024, 12, 31, 23))


def test_moving_a_pattern_to_india_keeps_the_model_consistent():
    moved = pattern("P", Countries.FRANCE)
    system = System("moved", usage_patterns=[moved, pattern("Q", Countries.GERMANY)], edge_usage_patterns=[])
    moved.country = Countries.INDIA()
    fresh = System("fresh", usage_patterns=[pattern("P", Countries.INDIA), pattern("Q", Countries.GERMANY)],
                   edge_usage_patterns=[])
    assert system.total_footprint.magnitude_sum(u.kg) == fresh.total_footprint.magnitude_sum(u.kg)
    assert footprints(system) == footprints(fresh)
