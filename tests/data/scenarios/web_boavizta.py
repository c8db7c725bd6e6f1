"""BoaviztaCloudServer for two non-default cloud instances, one hosting a VideoStreaming service; UK, 1 year.

Exercises: BoaviztaCloudServer.from_defaults with provider aws / instance_type m5.xlarge (autoscaling, with an
installed VideoStreaming service: base RAM, 720p and 1080p VideoStreamingJobs with different durations and refresh
rates) and provider gcp / instance_type n2-standard-4 (serverless, plain Jobs); the BoaviztAPI-derived
api_call_response / carbon_footprint_fabrication / power / ram / compute (offline boaviztapi package,
USE_BOAVIZTAPI_PACKAGE=1), SSD storages, Device.smartphone() + Device.laptop(), Network.mobile_network(),
Countries.UNITED_KINGDOM(), usage from linear growth + sinusoidal fluctuation x daily fluctuation over 2 years.
Every UsageJourneyStep.user_time_spent is given in minutes (one unit per journey) so that the reference's
series/series unit-label bug cannot affect the impact repartitions.
"""
_stage_hook = globals().get("_stage_hook") or (lambda name, g: None)


def stage(name):
    _stage_hook(name, globals())


from datetime import datetime

from efootprint.abstract_modeling_classes.source_objects import SourceObject, SourceValue, Sources
from efootprint.builders.hardware.boavizta_cloud_server import BoaviztaCloudServer
from efootprint.builders.services.video_streaming import VideoStreaming, VideoStreamingJob
from efootprint.builders.time_builders import (
    daily_fluct_hourly_values, linear_growth_hourly_values, sinusoidal_fluct_hourly_values)
from efootprint.constants.countries import Countries
from efootprint.constants.units import u
from efootprint.core.hardware.device import Device
from efootprint.core.hardware.network import Network
from efootprint.core.hardware.server import ServerTypes
from efootprint.core.hardware.storage import Storage
from efootprint.core.system import System
from efootprint.core.usage.job import Job
from efootprint.core.usage.usage_journey import UsageJourney
from efootprint.core.usage.usage_journey_step import UsageJourneyStep
from efootprint.core.usage.usage_pattern import UsagePattern

aws_server = BoaviztaCloudServer.from_defaults(
    "AWS m5.xlarge video server",
    provider=SourceObject("aws"), instance_type=SourceObject("m5.xlarge"),
    server_type=ServerTypes.autoscaling(),
    average_carbon_intensity=SourceValue(210 * u.g / u.kWh, Sources.HYPOTHESIS),
    base_ram_consumption=SourceValue(1 * u.GB_ram, Sources.HYPOTHESIS),
    storage=Storage.ssd("AWS SSD", storage_capacity=SourceValue(500 * u.GB, Sources.HYPOTHESIS)))
gcp_server = BoaviztaCloudServer.from_defaults(
    "GCP n2-standard-4 API",
    provider=SourceObject("gcp"), instance_type=SourceObject("n2-standard-4"),
    server_type=ServerTypes.serverless(),
    idle_power=SourceValue(20 * u.W, Sources.HYPOTHESIS),
    lifespan=SourceValue(4 * u.year, Sources.HYPOTHESIS),
    storage=Storage.ssd("GCP SSD"))

video_service = VideoStreaming.from_defaults(
    "Video service", server=aws_server, base_ram_consumption=SourceValue(1.5 * u.GB_ram, Sources.HYPOTHESIS))
trailer_job = VideoStreamingJob.from_defaults(
    "Trailer 720p", service=video_service, resolution=SourceObject("720p (1280 x 720)"),
    video_duration=SourceValue(3 * u.min, Sources.USER_DATA), refresh_rate=SourceValue(25 / u.s, Sources.HYPOTHESIS))
episode_job = VideoStreamingJob.from_defaults(
    "Episode 1080p", service=video_service, resolution=SourceObject("1080p (1920 x 1080)"),
    video_duration=SourceValue(25 * u.min, Sources.USER_DATA))
catalog_job = Job.from_defaults(
    "Catalog API", server=gcp_server, request_duration=SourceValue(300 * u.ms, Sources.HYPOTHESIS),
    compute_needed=SourceValue(0.05 * u.cpu_core, Sources.HYPOTHESIS))
rating_job = Job.from_defaults(
    "Rating API", server=gcp_server, data_stored=SourceValue(2 * u.kB, Sources.USER_DATA))

journey = UsageJourney("Watch journey", uj_steps=[
    UsageJourneyStep("Browse catalog", user_time_spent=SourceValue(4 * u.min, Sources.USER_DATA),
                     jobs=[catalog_job, catalog_job, trailer_job]),
    UsageJourneyStep("Watch episode", user_time_spent=SourceValue(25 * u.min, Sources.USER_DATA),
                     jobs=[episode_job]),
    UsageJourneyStep("Rate", user_time_spent=SourceValue(0.5 * u.min, Sources.USER_DATA), jobs=[rating_job]),
])

timespan = 2 * u.year
start_date = datetime(2025, 1, 1)
starts = ((linear_growth_hourly_values(timespan, start_value=300, end_value=900, start_date=start_date)
           + sinusoidal_fluct_hourly_values(timespan, sin_fluct_amplitude=100, sin_fluct_period_in_hours=24 * 30,
                                            start_date=start_date))
          * daily_fluct_hourly_values(timespan, fluct_scale=0.9, hour_of_day_for_min_value=5, start_date=start_date))

usage_pattern = UsagePattern(
    "UK viewers", usage_journey=journey, devices=[Device.smartphone(), Device.laptop()],
    network=Network.mobile_network(), country=Countries.UNITED_KINGDOM(), hourly_usage_journey_starts=starts)

system = System("Boavizta system", usage_patterns=[usage_pattern], edge_usage_patterns=[])
