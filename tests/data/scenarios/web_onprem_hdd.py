"""On-premise web service on HDD storage, Germany, mobile users on smartphone + box, one year of usage.

Exercises: an on-premise Server with fixed_nb_of_instances whose storage is Storage.hdd() with
fixed_nb_of_instances (constant instance counts), an autoscaling server with its own SSD storage (hourly ceiling),
jobs with different request durations (1 s, 30 s, 20 min and 1.5 h: the 1.5 h job spreads over two hours and
lengthens its series), a step that starts 75 min after the journey start (its job occurrences are shifted by one
hour), a journey with three steps and two jobs in the first step, two end-user devices (smartphone + box),
Network.mobile_network() and Countries.GERMANY() (naive local start -> 2024-12-31T23:00Z).
Every UsageJourneyStep.user_time_spent is given in minutes (one unit per journey) so that the reference's
series/series unit-label bug cannot affect the impact repartitions.
Stages: "base", then "after_changes" (the 1.5 h job becomes a 2.5 h job and the search job's compute need
triples, applied as plain attribute assignments on the live system).
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
from efootprint.core.hardware.network import Network
from efootprint.core.hardware.server import Server, ServerTypes
from efootprint.core.hardware.storage import Storage
from efootprint.core.system import System
from efootprint.core.usage.job import Job
from efootprint.core.usage.usage_journey import UsageJourney
from efootprint.core.usage.usage_journey_step import UsageJourneyStep
from efootprint.core.usage.usage_pattern import UsagePattern

STAGE_DESCRIPTIONS = {
    "base": "On-premise server (4 fixed instances) on fixed HDD storage + autoscaling API server on SSD; "
            "3-step journey (5 min, 70 min, 2 min), Germany, smartphone + box, mobile network, 1 year.",
    "after_changes": "base + render job request_duration 1.5 h -> 2.5 h + search job compute_needed 1 -> 3 cpu_core.",
}

hdd_storage = Storage.hdd(
    "On-prem HDD array",
    storage_capacity=SourceValue(4 * u.TB, Sources.HYPOTHESIS),
    data_storage_duration=SourceValue(1 * u.year, Sources.HYPOTHESIS),
    base_storage_need=SourceValue(20 * u.TB, Sources.HYPOTHESIS),
    fixed_nb_of_instances=SourceValue(1500 * u.dimensionless, Sources.HYPOTHESIS))

onprem_server = Server.from_defaults(
    "On-prem render server",
    server_type=ServerTypes.on_premise(),
    carbon_footprint_fabrication=SourceValue(900 * u.kg, Sources.HYPOTHESIS),
    power=SourceValue(450 * u.W, Sources.HYPOTHESIS),
    idle_power=SourceValue(120 * u.W, Sources.HYPOTHESIS),
    ram=SourceValue(256 * u.GB_ram, Sources.HYPOTHESIS),
    compute=SourceValue(48 * u.cpu_core, Sources.HYPOTHESIS),
    lifespan=SourceValue(5 * u.year, Sources.HYPOTHESIS),
    average_carbon_intensity=SourceValue(344 * u.g / u.kWh, Sources.HYPOTHESIS),
    utilization_rate=SourceValue(0.8 * u.dimensionless, Sources.HYPOTHESIS),
    base_ram_consumption=SourceValue(4 * u.GB_ram, Sources.HYPOTHESIS),
    base_compute_consumption=SourceValue(1 * u.cpu_core, Sources.HYPOTHESIS),
    fixed_nb_of_instances=SourceValue(4 * u.dimensionless, Sources.HYPOTHESIS),
    storage=hdd_storage)

api_server = Server.from_defaults(
    "Autoscaling API server",
    server_type=ServerTypes.autoscaling(),
    ram=SourceValue(16 * u.GB_ram, Sources.HYPOTHESIS),
    compute=SourceValue(4 * u.cpu_core, Sources.HYPOTHESIS),
    average_carbon_intensity=SourceValue(250 * u.g / u.kWh, Sources.HYPOTHESIS),
    base_ram_consumption=SourceValue(1 * u.GB_ram, Sources.HYPOTHESIS),
    base_compute_consumption=SourceValue(0.5 * u.cpu_core, Sources.HYPOTHESIS),
    storage=Storage.ssd("API SSD", storage_capacity=SourceValue(2 * u.TB, Sources.HYPOTHESIS)))

page_job = Job(
    "Page load", server=api_server,
    data_transferred=SourceValue(2 * u.MB, Sources.USER_DATA), data_stored=SourceValue(5 * u.kB, Sources.USER_DATA),
    request_duration=SourceValue(1 * u.s, Sources.HYPOTHESIS),
    compute_needed=SourceValue(0.2 * u.cpu_core, Sources.HYPOTHESIS),
    ram_needed=SourceValue(100 * u.MB_ram, Sources.HYPOTHESIS))
search_job = Job(
    "Search", server=api_server,
    data_transferred=SourceValue(300 * u.kB, Sources.USER_DATA), data_stored=SourceValue(0 * u.kB, Sources.USER_DATA),
    request_duration=SourceValue(30 * u.s, Sources.HYPOTHESIS),
    compute_needed=SourceValue(1 * u.cpu_core, Sources.HYPOTHESIS),
    ram_needed=SourceValue(24 * u.GB_ram, Sources.HYPOTHESIS))
render_job = Job(
    "Video render (1.5 h)", server=onprem_server,
    data_transferred=SourceValue(1.5 * u.GB, Sources.USER_DATA), data_stored=SourceValue(2 * u.GB, Sources.USER_DATA),
    request_duration=SourceValue(1.5 * u.hour, Sources.HYPOTHESIS),
    compute_needed=SourceValue(0.4 * u.cpu_core, Sources.HYPOTHESIS),
    ram_needed=SourceValue(2 * u.GB_ram, Sources.HYPOTHESIS))
export_job = Job(
    "Report export", server=onprem_server,
    data_transferred=SourceValue(20 * u.MB, Sources.USER_DATA), data_stored=SourceValue(20 * u.MB, Sources.USER_DATA),
    request_duration=SourceValue(20 * u.min, Sources.HYPOTHESIS),
    compute_needed=SourceValue(0.5 * u.cpu_core, Sources.HYPOTHESIS),
    ram_needed=SourceValue(1 * u.GB_ram, Sources.HYPOTHESIS))

browse_step = UsageJourneyStep(
    "Browse and search", user_time_spent=SourceValue(5 * u.min, Sources.USER_DATA), jobs=[page_job, search_job])
render_step = UsageJourneyStep(
    "Render a video", user_time_spent=SourceValue(70 * u.min, Sources.USER_DATA), jobs=[render_job, page_job])
export_step = UsageJourneyStep(  # starts 75 min after the journey start -> occurrences shifted by 1 h
    "Export report", user_time_spent=SourceValue(2 * u.min, Sources.USER_DATA), jobs=[export_job])
journey = UsageJourney("Render journey", uj_steps=[browse_step, render_step, export_step])

timespan = 1 * u.year
start_date = datetime(2025, 1, 1)
starts = (linear_growth_hourly_values(timespan, start_value=20, end_value=60, start_date=start_date)
          * daily_fluct_hourly_values(timespan, fluct_scale=0.6, hour_of_day_for_min_value=3, start_date=start_date))
starts.set_label("Render journeys started per hour")

usage_pattern = UsagePattern(
    "German creators",
    usage_journey=journey,
    devices=[Device.smartphone(), Device.box()],
    network=Network.mobile_network(),
    country=Countries.GERMANY(),
    hourly_usage_journey_starts=starts)

system = System("On-prem HDD system", usage_patterns=[usage_pattern], edge_usage_patterns=[])
stage("base")

render_job.request_duration = SourceValue(2.5 * u.hour, Sources.HYPOTHESIS)
search_job.compute_needed = SourceValue(3 * u.cpu_core, Sources.HYPOTHESIS)
stage("after_changes")
