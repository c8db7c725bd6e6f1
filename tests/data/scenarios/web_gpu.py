"""GPU servers running GPUJobs: a default (serverless) GPUServer and an on-premise GPU cluster, Spain, 1 year.

Exercises: GPUServer.from_defaults with its defaults (serverless, 4 gpu, derived carbon_footprint_fabrication /
power / idle_power / ram computed per GPU), a second GPUServer that is on-premise with 8 GPUs and no
fixed_nb_of_instances (constant instance count = ceiling of the peak load), GPUJob on each (compute_needed in gpu,
GPU RAM needs, request durations of 8 s, 45 s and 3 min), a CPU Server job in the same journey, SSD storages,
Device.laptop(), Network.wifi_network(), Countries.SPAIN(), usage built with linear growth x daily fluctuation.
Every UsageJourneyStep.user_time_spent is given in minutes (one unit per journey) so that the reference's
series/series unit-label bug cannot affect the impact repartitions.
Stages: "base", then "after_gpu_change" (the on-premise cluster gets 4 GPUs per server and a lower GPU power).
"""
_stage_hook = globals().get("_stage_hook") or (lambda name, g: None)


def stage(name):
    _stage_hook(name, globals())


from datetime import datetime

from efootprint.abstract_modeling_classes.source_objects import SourceValue, Sources
from efootprint.builders.time_builders import daily_fluct_hourly_values, linear_growth_hourly_values
from efootprint.constants.countries import Countries
from efootprint.constants.units import u
from efootprint.core.hardware.device import Device
from efootprint.core.hardware.gpu_server import GPUServer
from efootprint.core.hardware.network import Network
from efootprint.core.hardware.server import Server, ServerTypes
from efootprint.core.hardware.storage import Storage
from efootprint.core.system import System
from efootprint.core.usage.job import GPUJob, Job
from efootprint.core.usage.usage_journey import UsageJourney
from efootprint.core.usage.usage_journey_step import UsageJourneyStep
from efootprint.core.usage.usage_pattern import UsagePattern

STAGE_DESCRIPTIONS = {
    "base": "Default serverless GPUServer + on-premise 8-GPU cluster + CPU web server; 3-step journey; Spain.",
    "after_gpu_change": "base + on-premise cluster compute 8 -> 4 gpu and gpu_power 400 -> 300 W/gpu.",
}

gpu_default = GPUServer.from_defaults("Default GPU server", storage=Storage.ssd("GPU server SSD"))
gpu_onprem = GPUServer.from_defaults(
    "On-prem GPU cluster",
    server_type=ServerTypes.on_premise(),
    compute=SourceValue(8 * u.gpu, Sources.HYPOTHESIS),
    gpu_power=SourceValue(400 * u.W / u.gpu, Sources.HYPOTHESIS),
    gpu_idle_power=SourceValue(60 * u.W / u.gpu, Sources.HYPOTHESIS),
    average_carbon_intensity=SourceValue(146 * u.g / u.kWh, Sources.HYPOTHESIS),
    lifespan=SourceValue(4 * u.year, Sources.HYPOTHESIS),
    utilization_rate=SourceValue(0.85 * u.dimensionless, Sources.HYPOTHESIS),
    base_ram_consumption=SourceValue(16 * u.GB_ram, Sources.HYPOTHESIS),
    storage=Storage.ssd("Cluster SSD", storage_capacity=SourceValue(8 * u.TB, Sources.HYPOTHESIS)))
web_server = Server.from_defaults("Web front server", storage=Storage.ssd("Web SSD"))

front_job = Job.from_defaults("Front page", server=web_server)
caption_job = GPUJob.from_defaults(
    "Image captioning", server=gpu_default,
    request_duration=SourceValue(8 * u.s, Sources.HYPOTHESIS),
    compute_needed=SourceValue(1 * u.gpu, Sources.HYPOTHESIS),
    ram_needed=SourceValue(24 * u.GB_ram, Sources.HYPOTHESIS),
    data_transferred=SourceValue(2 * u.MB, Sources.USER_DATA), data_stored=SourceValue(2 * u.MB, Sources.USER_DATA))
chat_job = GPUJob.from_defaults(
    "Chat generation", server=gpu_onprem,
    request_duration=SourceValue(45 * u.s, Sources.HYPOTHESIS),
    compute_needed=SourceValue(2 * u.gpu, Sources.HYPOTHESIS),
    ram_needed=SourceValue(140 * u.GB_ram, Sources.HYPOTHESIS),
    data_transferred=SourceValue(20 * u.kB, Sources.USER_DATA), data_stored=SourceValue(20 * u.kB, Sources.USER_DATA))
finetune_job = GPUJob.from_defaults(
    "Adapter fine-tune", server=gpu_onprem,
    request_duration=SourceValue(3 * u.min, Sources.HYPOTHESIS),
    compute_needed=SourceValue(1 * u.gpu, Sources.HYPOTHESIS),
    ram_needed=SourceValue(60 * u.GB_ram, Sources.HYPOTHESIS),
    data_transferred=SourceValue(50 * u.MB, Sources.USER_DATA), data_stored=SourceValue(200 * u.MB, Sources.USER_DATA))

journey = UsageJourney("AI assistant journey", uj_steps=[
    UsageJourneyStep("Open app", user_time_spent=SourceValue(1 * u.min, Sources.USER_DATA), jobs=[front_job]),
    UsageJourneyStep("Caption photos", user_time_spent=SourceValue(2 * u.min, Sources.USER_DATA),
                     jobs=[caption_job, caption_job, front_job]),
    UsageJourneyStep("Chat", user_time_spent=SourceValue(6 * u.min, Sources.USER_DATA),
                     jobs=[chat_job, chat_job, chat_job, finetune_job]),
])

timespan = 1 * u.year
start_date = datetime(2025, 1, 1)
starts = (linear_growth_hourly_values(timespan, start_value=100, end_value=300, start_date=start_date)
          * daily_fluct_hourly_values(timespan, fluct_scale=0.7, hour_of_day_for_min_value=4, start_date=start_date))

usage_pattern = UsagePattern(
    "Spanish assistant users", usage_journey=journey, devices=[Device.laptop()], network=Network.wifi_network(),
    country=Countries.SPAIN(), hourly_usage_journey_starts=starts)

system = System("GPU system", usage_patterns=[usage_pattern], edge_usage_patterns=[])
stage("base")

gpu_onprem.compute = SourceValue(4 * u.gpu, Sources.HYPOTHESIS)
gpu_onprem.gpu_power = SourceValue(300 * u.W / u.gpu, Sources.HYPOTHESIS)
stage("after_gpu_change")
