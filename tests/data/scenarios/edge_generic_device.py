"""A generic EdgeDevice assembled from components, with hand-made component needs, beside a web server it calls.

Exercises: EdgeDevice with EdgeCPUComponent, EdgeRAMComponent, EdgeWorkloadComponent and EdgeStorage components;
RecurrentEdgeComponentNeed on each of the first three, RecurrentEdgeStorageNeed on the storage (a weekly write that
is kept, then deleted), grouped by one RecurrentEdgeDeviceNeed; a RecurrentServerNeed whose job runs on a web
Server; two EdgeUsagePatterns (GERMANY yearly deployments, JAPAN monthly) of one EdgeUsageJourney (3-year usage span).
Stage "base" then stage "after_edits": one ModelingUpdate changes the CPU component's power, the workload week and
the usage span.
"""
_stage_hook = globals().get("_stage_hook") or (lambda name, g: None)


def stage(name):
    _stage_hook(name, globals())


from datetime import datetime

import numpy as np
from pint import Quantity

from efootprint.abstract_modeling_classes.modeling_update import ModelingUpdate
from efootprint.abstract_modeling_classes.source_objects import SourceRecurrentValues, SourceValue, Sources
from efootprint.builders.time_builders import create_hourly_usage_from_frequency
from efootprint.constants.countries import Countries
from efootprint.constants.units import u
from efootprint.core.hardware.edge.edge_cpu_component import EdgeCPUComponent
from efootprint.core.hardware.edge.edge_device import EdgeDevice
from efootprint.core.hardware.edge.edge_ram_component import EdgeRAMComponent
from efootprint.core.hardware.edge.edge_storage import EdgeStorage
from efootprint.core.hardware.edge.edge_workload_component import EdgeWorkloadComponent
from efootprint.core.hardware.network import Network
from efootprint.core.hardware.server import Server, ServerTypes
from efootprint.core.hardware.storage import Storage
from efootprint.core.system import System
from efootprint.core.usage.edge.edge_function import EdgeFunction
from efootprint.core.usage.edge.edge_usage_journey import EdgeUsageJourney
from efootprint.core.usage.edge.edge_usage_pattern import EdgeUsagePattern
from efootprint.core.usage.edge.recurrent_edge_component_need import RecurrentEdgeComponentNeed
from efootprint.core.usage.edge.recurrent_edge_device_need import RecurrentEdgeDeviceNeed
from efootprint.core.usage.edge.recurrent_edge_storage_need import RecurrentEdgeStorageNeed
from efootprint.core.usage.edge.recurrent_server_need import RecurrentServerNeed
from efootprint.core.usage.job import Job

week_hours = np.arange(168)
hour_of_day = week_hours % 24
is_open = (week_hours < 144) & (hour_of_day >= 8) & (hour_of_day < 22)


def weekly(values, unit):
    return SourceRecurrentValues(Quantity(np.asarray(values, dtype=np.float32), unit), Sources.HYPOTHESIS)


server = Server.from_defaults(
    "Catalogue server", server_type=ServerTypes.on_premise(), fixed_nb_of_instances=SourceValue(2 * u.dimensionless),
    storage=Storage.hdd("Catalogue HDD"))
sync_job = Job.from_defaults("Catalogue sync", server=server, data_transferred=SourceValue(2 * u.MB),
                             data_stored=SourceValue(0 * u.MB), request_duration=SourceValue(2 * u.s))

cpu = EdgeCPUComponent.from_defaults("Kiosk CPU", compute=SourceValue(4 * u.cpu_core))
ram = EdgeRAMComponent.from_defaults("Kiosk RAM", ram=SourceValue(8 * u.GB_ram))
screen = EdgeWorkloadComponent.from_defaults("Kiosk screen", power=SourceValue(60 * u.W),
                                             idle_power=SourceValue(4 * u.W))
disk = EdgeStorage("Kiosk disk", storage_capacity=SourceValue(256 * u.GB),
                   carbon_footprint_fabrication_per_storage_capacity=SourceValue(160 * u.kg / u.TB),
                   base_storage_need=SourceValue(20 * u.GB), lifespan=SourceValue(6 * u.year))
kiosk = EdgeDevice("Kiosk", structure_carbon_footprint_fabrication=SourceValue(120 * u.kg),
                   components=[cpu, ram, screen, disk], lifespan=SourceValue(6 * u.year))

cpu_need = RecurrentEdgeComponentNeed("Kiosk app CPU", edge_component=cpu,
                                      recurrent_need=weekly(np.where(is_open, 1.5, 0.2), u.cpu_core))
ram_need = RecurrentEdgeComponentNeed("Kiosk app RAM", edge_component=ram,
                                      recurrent_need=weekly(np.where(is_open, 3, 1), u.GB_ram))
screen_need = RecurrentEdgeComponentNeed("Kiosk display", edge_component=screen,
                                         recurrent_need=weekly(np.where(is_open, 1.0, 0.05), u.concurrent))
storage_writes = np.where(hour_of_day == 23, 200.0, 0.0)
storage_writes[167] = -200.0 * 6  # weekly clean-up of the week's logs
disk_need = RecurrentEdgeStorageNeed("Kiosk logs", edge_component=disk, recurrent_need=weekly(storage_writes, u.MB))
kiosk_need = RecurrentEdgeDeviceNeed("Kiosk software", edge_device=kiosk,
                                     recurrent_edge_component_needs=[cpu_need, ram_need, screen_need, disk_need])
catalogue_need = RecurrentServerNeed(
    "Catalogue refresh", edge_device=kiosk,
    recurrent_volume_per_edge_device=weekly(np.where(hour_of_day == 6, 4, 0), u.occurrence), jobs=[sync_job])

kiosk_function = EdgeFunction("Self-service", recurrent_edge_device_needs=[kiosk_need],
                              recurrent_server_needs=[catalogue_need])
kiosk_journey = EdgeUsageJourney("Kiosk fleet", edge_functions=[kiosk_function], usage_span=SourceValue(3 * u.year))
germany = EdgeUsagePattern(
    "Kiosks in Germany", edge_usage_journey=kiosk_journey, network=Network.wifi_network(),
    country=Countries.GERMANY(),
    hourly_edge_usage_journey_starts=create_hourly_usage_from_frequency(
        timespan=2 * u.year, input_volume=40, frequency="yearly", active_days=[10], hours=[9],
        start_date=datetime(2025, 1, 1)))
japan = EdgeUsagePattern(
    "Kiosks in Japan", edge_usage_journey=kiosk_journey, network=Network.mobile_network(),
    country=Countries.JAPAN(),
    hourly_edge_usage_journey_starts=create_hourly_usage_from_frequency(
        timespan=1 * u.year, input_volume=5, frequency="monthly", active_days=[3], hours=[10],
        start_date=datetime(2025, 1, 1)))

system = System("Kiosk system", usage_patterns=[], edge_usage_patterns=[germany, japan])
stage("base")

ModelingUpdate([
    [cpu.power, SourceValue(25 * u.W)],
    [screen_need.recurrent_need, weekly(np.where(is_open, 0.8, 0.0), u.concurrent)],
    [kiosk_journey.usage_span, SourceValue(4 * u.year)],
])
stage("after_edits")
