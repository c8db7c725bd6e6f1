"""The benchmark model, built the same way with either side's API (see `model_api.load_api`).

Shape of the issue's "big model": 20 usage patterns, 5 servers, 30 jobs, 4 years of hourly usage and one edge
usage pattern (an edge computer with a recurrent process and a recurrent need on the first server). Jobs,
steps and journeys are spread so that every server serves several journeys and every journey several
usage patterns; the scaling runs change only the number of usage patterns.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from types import SimpleNamespace
from typing import Any

import numpy as np

START = datetime(2025, 1, 1)
COUNTRIES = ("FRANCE", "GERMANY", "UNITED_STATES", "ITALY", "BRAZIL", "JAPAN", "SPAIN", "POLAND")
SERVER_TYPES = ("autoscaling", "on_premise", "serverless")


@dataclass(frozen=True)
class ModelShape:
    usage_patterns: int = 20
    servers: int = 5
    jobs: int = 30
    years: int = 4
    edge: bool = True

    @property
    def steps(self) -> int:
        return max(1, self.jobs // 3)

    @property
    def journeys(self) -> int:
        return max(1, self.steps // 2)


@dataclass
class BuiltModel:
    """The system and the objects the timed edits act on."""

    system: Any
    jobs: list[Any]
    servers: list[Any]
    steps: list[Any]
    journeys: list[Any]
    spare_step: Any


def usage_series(api: SimpleNamespace, index: int, years: int) -> Any:
    """Seed-like usage (linear growth plus seasons, times a daily cycle), different for each pattern."""
    timespan = years * api.u.year
    growth = api.linear_growth_hourly_values(timespan, start_value=1000 * (1 + index % 7),
                                             end_value=20000 * (1 + index % 5), start_date=START)
    seasons = api.sinusoidal_fluct_hourly_values(timespan, sin_fluct_amplitude=500, sin_fluct_period_in_hours=2160,
                                                 start_date=START)
    daily = api.daily_fluct_hourly_values(timespan, fluct_scale=0.8, hour_of_day_for_min_value=index % 24,
                                          start_date=START)
    return (growth + seasons) * daily


def build_model(api: SimpleNamespace, shape: ModelShape) -> BuiltModel:
    """Build every object, then the System (whose construction computes the whole model on both sides)."""
    u, SourceValue = api.u, api.SourceValue
    servers = [api.Server.from_defaults(f"server {i}",
                                        server_type=getattr(api.ServerTypes, SERVER_TYPES[i % len(SERVER_TYPES)])(),
                                        storage=api.Storage.from_defaults(f"storage {i}"))
               for i in range(shape.servers)]
    jobs = [api.Job.from_defaults(f"job {j}", server=servers[j % shape.servers],
                                  data_transferred=SourceValue((1 + j % 9) * u.MB),
                                  data_stored=SourceValue((j % 4) * u.MB),
                                  request_duration=SourceValue((1 + j % 3) * u.s))
            for j in range(shape.jobs)]
    steps = [api.UsageJourneyStep(f"step {k}", user_time_spent=SourceValue((1 + k % 5) * u.min),
                                  jobs=jobs[3 * k:3 * k + 3] or jobs[:1])
             for k in range(shape.steps)]
    journeys = [api.UsageJourney(f"journey {j}", uj_steps=steps[2 * j:2 * j + 2] or steps[:1])
                for j in range(shape.journeys)]
    patterns = [api.UsagePattern(
        f"usage pattern {p}", usage_journey=journeys[p % len(journeys)],
        devices=[api.Device.laptop() if p % 2 else api.Device.smartphone()],
        network=api.Network.wifi_network() if p % 3 else api.Network.mobile_network(),
        country=getattr(api.Countries, COUNTRIES[p % len(COUNTRIES)])(),
        hourly_usage_journey_starts=usage_series(api, p, shape.years))
        for p in range(shape.usage_patterns)]
    spare_job = api.Job.from_defaults("spare job", server=servers[-1])
    spare_step = api.UsageJourneyStep("spare step", user_time_spent=SourceValue(2 * u.min), jobs=[spare_job])
    edge_patterns = [build_edge_pattern(api, servers[0], shape.years)] if shape.edge else []
    system = api.System("benchmark system", usage_patterns=patterns, edge_usage_patterns=edge_patterns)
    return BuiltModel(system, jobs, servers, steps, journeys, spare_step)


def build_edge_pattern(api: SimpleNamespace, server: Any, years: int) -> Any:
    """The seed's edge computer and process, plus a recurrent need served by `server`."""
    u, SourceValue = api.u, api.SourceValue

    def week(value: float, unit: Any) -> Any:
        return api.SourceRecurrentValues(u.Quantity(np.full(168, value, dtype=np.float32), unit))

    edge_storage = api.EdgeStorage(
        "edge storage", carbon_footprint_fabrication_per_storage_capacity=SourceValue(160 * u.kg / u.TB),
        lifespan=SourceValue(6 * u.years), storage_capacity=SourceValue(256 * u.GB),
        base_storage_need=SourceValue(10 * u.GB))
    computer = api.EdgeComputer(
        "edge computer", carbon_footprint_fabrication=SourceValue(60 * u.kg), power=SourceValue(30 * u.W),
        lifespan=SourceValue(8 * u.year), idle_power=SourceValue(5 * u.W), ram=SourceValue(16 * u.GB_ram),
        compute=SourceValue(8 * u.cpu_core), base_ram_consumption=SourceValue(1 * u.GB_ram),
        base_compute_consumption=SourceValue(0.1 * u.cpu_core), storage=edge_storage)
    process = api.RecurrentEdgeProcess(
        "edge process", edge_device=computer, recurrent_compute_needed=week(1, u.cpu_core),
        recurrent_ram_needed=week(2, u.GB_ram), recurrent_storage_needed=week(200, u.kB))
    edge_job = api.Job.from_defaults("edge-triggered job", server=server)
    server_need = api.RecurrentServerNeed("edge server need", edge_device=computer,
                                          recurrent_volume_per_edge_device=week(2, u.occurrence), jobs=[edge_job])
    function = api.EdgeFunction("edge function", recurrent_edge_device_needs=[process],
                                recurrent_server_needs=[server_need])
    journey = api.EdgeUsageJourney("edge journey", edge_functions=[function], usage_span=SourceValue(6 * u.year))
    return api.EdgeUsagePattern(
        "edge usage pattern", edge_usage_journey=journey, network=api.Network.wifi_network(),
        country=api.Countries.FRANCE(),
        hourly_edge_usage_journey_starts=api.create_hourly_usage_from_frequency(
            timespan=years * u.year, input_volume=10, frequency="weekly", active_days=[0, 1, 2, 3, 4, 5],
            hours=[9, 10, 11, 12, 15, 16, 17, 18, 19], start_date=START))


def input_changes(api: SimpleNamespace, model: BuiltModel) -> list[tuple[Any, str, list[Any]]]:
    """(object, input, values to cycle through) for the one-input-change timing: a job, a server, a step."""
    u, SourceValue = api.u, api.SourceValue
    return [
        (model.jobs[0], "data_transferred", [SourceValue(7 * u.MB), SourceValue(1 * u.MB)]),
        (model.servers[1], "average_carbon_intensity", [SourceValue(300 * u.g / u.kWh),
                                                        SourceValue(100 * u.g / u.kWh)]),
        (model.steps[2], "user_time_spent", [SourceValue(4 * u.min), SourceValue(3 * u.min)]),
    ]
