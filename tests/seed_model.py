"""The quickstart scenario (video streaming in France) built with efp, and its successive edits.

`SeedScenario` holds the objects; each `to_<stage>()` method applies the edit that leads to that stage of the
golden file, in order: base, after_720p, after_llm_step, after_reset, simulation, with_edge,
with_recurrent_server_need.
"""
from __future__ import annotations

from datetime import datetime, timedelta

import numpy as np
import pytz

import efp_core as efp
from efp_core import SourceObject, Sources, SourceValue, u

START = datetime(2025, 1, 1)


def seed_usage_series(timespan=3 * u.year) -> efp.SourceHourlyValues:
    growth = efp.linear_growth_hourly_values(timespan, start_value=5000, end_value=100000, start_date=START)
    seasons = efp.sinusoidal_fluct_hourly_values(timespan, sin_fluct_amplitude=3000,
                                                 sin_fluct_period_in_hours=3 * 30 * 24, start_date=START)
    daily = efp.daily_fluct_hourly_values(timespan, fluct_scale=0.8, hour_of_day_for_min_value=4, start_date=START)
    return (growth + seasons) * daily


class SeedScenario:
    def __init__(self) -> None:
        self.storage = efp.Storage(
            "SSD storage",
            carbon_footprint_fabrication_per_storage_capacity=SourceValue(160 * u.kg / u.TB,
                                                                          Sources.STORAGE_EMBODIED_CARBON_STUDY),
            lifespan=SourceValue(6 * u.years), storage_capacity=SourceValue(1 * u.TB),
            data_replication_factor=SourceValue(3 * u.dimensionless), data_storage_duration=SourceValue(2 * u.year),
            base_storage_need=SourceValue(100 * u.TB), fixed_nb_of_instances=efp.EmptyExplainableObject())
        self.server = efp.Server.from_defaults(
            "server", server_type=efp.ServerTypes.autoscaling(),
            power_usage_effectiveness=SourceValue(1.2 * u.dimensionless),
            average_carbon_intensity=SourceValue(100 * u.g / u.kWh),
            utilization_rate=SourceValue(0.9 * u.dimensionless), base_ram_consumption=SourceValue(300 * u.MB_ram),
            base_compute_consumption=SourceValue(2 * u.cpu_core), storage=self.storage)
        self.streaming_service = efp.VideoStreaming.from_defaults("Video streaming service", server=self.server)
        self.streaming_job = efp.VideoStreamingJob.from_defaults(
            "streaming job", service=self.streaming_service, resolution=SourceObject("1080p (1920 x 1080)"),
            video_duration=SourceValue(20 * u.min))
        self.streaming_step = efp.UsageJourneyStep("20 min streaming", user_time_spent=SourceValue(20 * u.min),
                                                   jobs=[self.streaming_job])
        self.upload_job = efp.Job(
            "upload job", server=self.server, data_transferred=SourceValue(20 * u.MB),
            data_stored=SourceValue(20 * u.MB), request_duration=SourceValue(2 * u.s),
            compute_needed=SourceValue(1 * u.cpu_core), ram_needed=SourceValue(50 * u.MB_ram))
        self.upload_step = efp.UsageJourneyStep("1 min video capture then upload",
                                                user_time_spent=SourceValue(70 * u.s), jobs=[self.upload_job])
        self.journey = efp.UsageJourney("Mean video consumption user journey",
                                        uj_steps=[self.streaming_step, self.upload_step])
        self.network = efp.Network("WIFI network", bandwidth_energy_intensity=SourceValue(0.05 * u("kWh/GB")))
        self.usage_pattern = efp.UsagePattern(
            "Daily video streaming consumption", usage_journey=self.journey, devices=[efp.Device.laptop()],
            network=self.network, country=efp.Countries.FRANCE(), hourly_usage_journey_starts=seed_usage_series())
        self.system = efp.System("System", usage_patterns=[self.usage_pattern], edge_usage_patterns=[])
        self.llm_step = None
        self.simulation = None

    def extra_objects(self) -> list:
        """Objects outside the system that the golden file still lists (none until the LLM step exists)."""
        return []

    def to_after_720p(self) -> None:
        self.streaming_job.resolution = SourceObject("720p (1280 x 720)")

    def to_after_llm_step(self) -> None:
        api = efp.EcoLogitsGenAIExternalAPI("Openai’s gpt-4o", provider=SourceObject("openai"),
                                            model_name=SourceObject("gpt-4o"))
        job = efp.EcoLogitsGenAIExternalAPIJob("LLM API call", api,
                                               output_token_count=SourceValue(1000 * u.dimensionless))
        self.llm_step = efp.UsageJourneyStep("Chat with LLM to select video", user_time_spent=SourceValue(1 * u.min),
                                             jobs=[job])
        self.journey.uj_steps.append(self.llm_step)

    def to_after_reset(self) -> None:
        efp.ModelingUpdate([[self.journey.uj_steps, [self.streaming_step, self.upload_step]],
                            [self.streaming_job.resolution, SourceObject("1080p (1920 x 1080)")]])

    def to_simulation(self) -> None:
        self.simulation = efp.ModelingUpdate(
            [[self.journey.uj_steps, [self.streaming_step, self.upload_step, self.llm_step]]],
            simulation_date=pytz.utc.localize(START) + timedelta(days=365))
        self.simulation.set_updated_values()

    def leave_simulation(self) -> None:
        self.simulation.reset_values()


def recurrent(values: float, unit) -> efp.SourceRecurrentValues:
    return efp.SourceRecurrentValues(u.Quantity(np.full(168, values, dtype=np.float32), unit))
