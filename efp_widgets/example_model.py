"""The bundled example: daily video streaming by French households (the quickstart's base scenario) built in efp.

The app opens this model when no file is given; the bundled JSON in `efp_widgets/data/` is generated from
`build_example_system()` by `write_bundled_model()`, so the two cannot drift apart unnoticed (a test compares them).
"""
from __future__ import annotations

from datetime import datetime
from pathlib import Path

import efp_core as efp
from efp_core import SourceObject, Sources, SourceValue, u

START_DATE = datetime(2025, 1, 1)
BUNDLED_MODEL = Path(__file__).parent / "data" / "video_streaming_base.json"


def hourly_journey_starts(timespan=3 * u.year) -> efp.SourceHourlyValues:
    """Linear growth from 5,000 to 100,000 journeys an hour, a 90-day seasonal wave, and a night-time dip."""
    growth = efp.linear_growth_hourly_values(timespan, start_value=5000, end_value=100000, start_date=START_DATE)
    seasons = efp.sinusoidal_fluct_hourly_values(timespan, sin_fluct_amplitude=3000,
                                                 sin_fluct_period_in_hours=90 * 24, start_date=START_DATE)
    night_dip = efp.daily_fluct_hourly_values(timespan, fluct_scale=0.8, hour_of_day_for_min_value=4,
                                              start_date=START_DATE)
    return (growth + seasons) * night_dip


def build_example_system() -> efp.System:
    """A streaming platform: one autoscaling server with SSD storage, a streaming step and an upload step."""
    storage = efp.Storage(
        "SSD storage",
        carbon_footprint_fabrication_per_storage_capacity=SourceValue(160 * u.kg / u.TB,
                                                                      Sources.STORAGE_EMBODIED_CARBON_STUDY),
        lifespan=SourceValue(6 * u.years), storage_capacity=SourceValue(1 * u.TB),
        data_replication_factor=SourceValue(3 * u.dimensionless), data_storage_duration=SourceValue(2 * u.year),
        base_storage_need=SourceValue(100 * u.TB), fixed_nb_of_instances=efp.EmptyExplainableObject())
    server = efp.Server.from_defaults(
        "server", server_type=efp.ServerTypes.autoscaling(),
        power_usage_effectiveness=SourceValue(1.2 * u.dimensionless),
        average_carbon_intensity=SourceValue(100 * u.g / u.kWh),
        utilization_rate=SourceValue(0.9 * u.dimensionless), base_ram_consumption=SourceValue(300 * u.MB_ram),
        base_compute_consumption=SourceValue(2 * u.cpu_core), storage=storage)
    streaming_service = efp.VideoStreaming.from_defaults("Video streaming service", server=server)
    streaming_job = efp.VideoStreamingJob.from_defaults(
        "streaming job", service=streaming_service, resolution=SourceObject("1080p (1920 x 1080)"),
        video_duration=SourceValue(20 * u.min))
    upload_job = efp.Job(
        "upload job", server=server, data_transferred=SourceValue(20 * u.MB, Sources.USER_DATA),
        data_stored=SourceValue(20 * u.MB, Sources.USER_DATA), request_duration=SourceValue(2 * u.s),
        compute_needed=SourceValue(1 * u.cpu_core), ram_needed=SourceValue(50 * u.MB_ram))
    journey = efp.UsageJourney("Mean video consumption user journey", uj_steps=[
        efp.UsageJourneyStep("20 min streaming", user_time_spent=SourceValue(20 * u.min, Sources.USER_DATA),
                             jobs=[streaming_job]),
        efp.UsageJourneyStep("1 min video capture then upload",
                             user_time_spent=SourceValue(70 * u.s, Sources.USER_DATA), jobs=[upload_job])])
    network = efp.Network("WIFI network", bandwidth_energy_intensity=SourceValue(0.05 * u("kWh/GB")))
    usage_pattern = efp.UsagePattern(
        "Daily video streaming consumption", usage_journey=journey, devices=[efp.Device.laptop()],
        network=network, country=efp.Countries.FRANCE(), hourly_usage_journey_starts=hourly_journey_starts())
    return efp.System("System", usage_patterns=[usage_pattern], edge_usage_patterns=[])


def load_example_system() -> efp.System:
    """The bundled model (JSON when the package ships it and efp can read it, else built in code)."""
    load_json = getattr(efp, "load_json", None)
    if load_json is not None and BUNDLED_MODEL.exists():
        return load_json(BUNDLED_MODEL)
    return build_example_system()


def write_bundled_model(path: Path = BUNDLED_MODEL) -> Path:
    """Regenerate the bundled JSON (run after changing the example): `python -m efp_widgets.example_model`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    efp.save_json(build_example_system(), path)
    return path


if __name__ == "__main__":
    print(write_bundled_model())
