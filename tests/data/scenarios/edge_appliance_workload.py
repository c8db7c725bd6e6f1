"""Edge appliances + edge computers with recurrent needs, a recurrent server need and a small web usage pattern.

Exercises: an EdgeAppliance running a RecurrentEdgeWorkload (canonical-week workload in [0, 1] concurrent), an
EdgeComputer (with an EdgeStorage) running a RecurrentEdgeProcess (CPU, RAM and storage weekly needs), a
RecurrentServerNeed whose jobs run on a web Server (per-device weekly request volume), two EdgeFunctions in one
EdgeUsageJourney (2-year usage span), two EdgeUsagePatterns in different countries with deployments built by
create_hourly_usage_from_frequency (weekly and monthly), and a small web UsagePattern whose journey calls the same
server job, all in one System (about 1 year of starts, 3 years of edge series).
Countries and half-hour offsets: efootprint 17.1 crashes (AssertionError in an hourly series division while
computing impact repartitions) as soon as a country with a half-hour UTC offset such as INDIA (Asia/Kolkata,
+05:30) is mixed with whole-hour countries, but it handles a System whose countries all share the +05:30 offset.
Stage "india_sri_lanka": Sites A in INDIA, Sites B in SRI_LANKA (Asia/Colombo, also +05:30), Operators in INDIA
(every UTC series starts at hh:30). Stage "france_brazil": one ModelingUpdate moves the three patterns to FRANCE,
BRAZIL and FRANCE at once (whole-hour offsets); this is the state saved as the reference JSON.
Every UsageJourneyStep.user_time_spent is given in minutes (one unit per journey) so that the reference's
series/series unit-label bug cannot affect the impact repartitions.
"""
_stage_hook = globals().get("_stage_hook") or (lambda name, g: None)


def stage(name):
    _stage_hook(name, globals())


from datetime import datetime

import numpy as np
from pint import Quantity

from efootprint.abstract_modeling_classes.modeling_update import ModelingUpdate
from efootprint.abstract_modeling_classes.source_objects import SourceRecurrentValues, SourceValue, Sources
from efootprint.builders.hardware.edge.edge_appliance import EdgeAppliance
from efootprint.builders.hardware.edge.edge_computer import EdgeComputer
from efootprint.builders.time_builders import create_hourly_usage_from_frequency
from efootprint.builders.usage.edge.recurrent_edge_process import RecurrentEdgeProcess
from efootprint.builders.usage.edge.recurrent_edge_workload import RecurrentEdgeWorkload
from efootprint.constants.countries import Countries
from efootprint.constants.units import u
from efootprint.core.hardware.device import Device
from efootprint.core.hardware.edge.edge_storage import EdgeStorage
from efootprint.core.hardware.network import Network
from efootprint.core.hardware.server import Server, ServerTypes
from efootprint.core.hardware.storage import Storage
from efootprint.core.system import System
from efootprint.core.usage.edge.edge_function import EdgeFunction
from efootprint.core.usage.edge.edge_usage_journey import EdgeUsageJourney
from efootprint.core.usage.edge.edge_usage_pattern import EdgeUsagePattern
from efootprint.core.usage.edge.recurrent_server_need import RecurrentServerNeed
from efootprint.core.usage.job import Job
from efootprint.core.usage.usage_journey import UsageJourney
from efootprint.core.usage.usage_journey_step import UsageJourneyStep
from efootprint.core.usage.usage_pattern import UsagePattern

STAGE_DESCRIPTIONS = {
    "india_sri_lanka": "Sites A: INDIA, Sites B: SRI_LANKA, Operators (web): INDIA -- all UTC+05:30.",
    "france_brazil": "same model, countries changed by one ModelingUpdate to FRANCE / BRAZIL / FRANCE.",
}

week_hours = np.arange(168)
hour_of_day = week_hours % 24
is_weekday = week_hours < 120

# --- web side: one server shared by the edge devices' recurrent requests and a small web usage pattern
server = Server.from_defaults(
    "Telemetry server", server_type=ServerTypes.autoscaling(),
    average_carbon_intensity=SourceValue(120 * u.g / u.kWh, Sources.HYPOTHESIS),
    storage=Storage.ssd("Telemetry SSD", data_storage_duration=SourceValue(1 * u.year, Sources.HYPOTHESIS)))
ingest_job = Job.from_defaults(
    "Telemetry ingest", server=server, data_transferred=SourceValue(40 * u.kB, Sources.USER_DATA),
    data_stored=SourceValue(40 * u.kB, Sources.USER_DATA), request_duration=SourceValue(200 * u.ms, Sources.HYPOTHESIS))
dashboard_job = Job.from_defaults(
    "Dashboard query", server=server, data_transferred=SourceValue(1 * u.MB, Sources.USER_DATA),
    data_stored=SourceValue(0 * u.kB, Sources.USER_DATA), request_duration=SourceValue(3 * u.s, Sources.HYPOTHESIS),
    compute_needed=SourceValue(0.5 * u.cpu_core, Sources.HYPOTHESIS))

# --- edge appliance with a weekly workload
camera = EdgeAppliance(
    "Smart camera", carbon_footprint_fabrication=SourceValue(45 * u.kg, Sources.HYPOTHESIS),
    power=SourceValue(12 * u.W, Sources.HYPOTHESIS), lifespan=SourceValue(5 * u.year, Sources.HYPOTHESIS),
    idle_power=SourceValue(3 * u.W, Sources.HYPOTHESIS))
workload_week = np.where(is_weekday & (hour_of_day >= 7) & (hour_of_day < 20), 0.8, 0.15).astype(np.float32)
camera_workload = RecurrentEdgeWorkload(
    "Camera analytics workload", edge_device=camera,
    recurrent_workload=SourceRecurrentValues(Quantity(workload_week, u.concurrent)))
camera_uploads = RecurrentServerNeed(
    "Camera telemetry uploads", edge_device=camera,
    recurrent_volume_per_edge_device=SourceRecurrentValues(
        Quantity(np.where(hour_of_day % 6 == 0, 3.0, 1.0).astype(np.float32), u.occurrence)),
    jobs=[ingest_job])

# --- edge computer with CPU / RAM / storage weekly needs
gateway_storage = EdgeStorage(
    "Gateway SSD", carbon_footprint_fabrication_per_storage_capacity=SourceValue(160 * u.kg / u.TB),
    lifespan=SourceValue(5 * u.year), storage_capacity=SourceValue(128 * u.GB), base_storage_need=SourceValue(8 * u.GB))
gateway = EdgeComputer(
    "Edge gateway", carbon_footprint_fabrication=SourceValue(80 * u.kg), power=SourceValue(25 * u.W),
    lifespan=SourceValue(5 * u.year), idle_power=SourceValue(6 * u.W), ram=SourceValue(8 * u.GB_ram),
    compute=SourceValue(4 * u.cpu_core), base_ram_consumption=SourceValue(1 * u.GB_ram),
    base_compute_consumption=SourceValue(0.2 * u.cpu_core), storage=gateway_storage)
gateway_process = RecurrentEdgeProcess(
    "Gateway aggregation", edge_device=gateway,
    recurrent_compute_needed=SourceRecurrentValues(
        Quantity(np.where(is_weekday, 1.5, 0.5).astype(np.float32), u.cpu_core)),
    recurrent_ram_needed=SourceRecurrentValues(
        Quantity(np.where(hour_of_day < 12, 3.0, 2.0).astype(np.float32), u.GB_ram)),
    recurrent_storage_needed=SourceRecurrentValues(Quantity(np.full(168, 1.5, dtype=np.float32), u.MB)))
gateway_sync = RecurrentServerNeed(
    "Gateway sync", edge_device=gateway,
    recurrent_volume_per_edge_device=SourceRecurrentValues(Quantity(np.full(168, 6.0, dtype=np.float32), u.occurrence)),
    jobs=[ingest_job, ingest_job, dashboard_job])

camera_function = EdgeFunction(
    "Video analytics", recurrent_edge_device_needs=[camera_workload], recurrent_server_needs=[camera_uploads])
gateway_function = EdgeFunction(
    "Site aggregation", recurrent_edge_device_needs=[gateway_process], recurrent_server_needs=[gateway_sync])
edge_journey = EdgeUsageJourney(
    "Site deployment", edge_functions=[camera_function, gateway_function], usage_span=SourceValue(2 * u.year))

edge_usage_patterns = [
    EdgeUsagePattern(
        "Sites A", edge_usage_journey=edge_journey, network=Network.wifi_network(), country=Countries.INDIA(),
        hourly_edge_usage_journey_starts=create_hourly_usage_from_frequency(
            timespan=1 * u.year, input_volume=4, frequency="weekly", active_days=[0, 2], hours=[9, 14],
            start_date=datetime(2025, 1, 1))),
    EdgeUsagePattern(
        "Sites B", edge_usage_journey=edge_journey, network=Network.mobile_network(), country=Countries.SRI_LANKA(),
        hourly_edge_usage_journey_starts=create_hourly_usage_from_frequency(
            timespan=1 * u.year, input_volume=30, frequency="monthly", active_days=[1, 15], hours=[10],
            start_date=datetime(2025, 1, 1))),
]

# --- small web usage pattern calling the same server
ops_journey = UsageJourney("Ops journey", uj_steps=[
    UsageJourneyStep("Check dashboard", user_time_spent=SourceValue(4 * u.min, Sources.USER_DATA),
                     jobs=[dashboard_job, dashboard_job]),
    UsageJourneyStep("Acknowledge alerts", user_time_spent=SourceValue(1 * u.min, Sources.USER_DATA),
                     jobs=[ingest_job]),
])
web_usage_pattern = UsagePattern(
    "Operators", usage_journey=ops_journey, devices=[Device.laptop()], network=Network.wifi_network(),
    country=Countries.INDIA(),
    hourly_usage_journey_starts=create_hourly_usage_from_frequency(
        timespan=1 * u.year, input_volume=12, frequency="weekly", active_days=[0, 1, 2, 3, 4], hours=[9, 10, 11, 15],
        start_date=datetime(2025, 1, 1)))

system = System("Edge + web system", usage_patterns=[web_usage_pattern], edge_usage_patterns=edge_usage_patterns)
stage("india_sri_lanka")

sites_a, sites_b = edge_usage_patterns
ModelingUpdate([
    [sites_a.country, Countries.FRANCE()],
    [sites_b.country, Countries.BRAZIL()],
    [web_usage_pattern.country, Countries.FRANCE()],
])
stage("france_brazil")
