"""One serverless API shared by usage patterns in several countries (time zones), laptop + screen on wifi.

Exercises: a serverless Server (fractional instance counts = raw load) with an SSD storage, two jobs of different
durations used by two different journeys (one job listed twice in a step), three usage patterns in UNITED_STATES
(America/New_York), JAPAN (Asia/Tokyo) and BRAZIL (America/Sao_Paulo) whose hourly starts are built with
create_hourly_usage_from_frequency (weekly, some days and hours),
create_hourly_usage_from_daily_volume_and_list_of_hours and create_source_hourly_values_from_list (52 weeks from a
naive 2025-03-01 06:00 start), so the usage patterns' UTC series start at different instants and have different
lengths; devices Device.laptop() +
Device.screen(), Network.wifi_network(). Country intensities differ, so device/network energy and the
repartition weights differ per usage pattern.
Every UsageJourneyStep.user_time_spent is given in minutes (one unit per journey) so that the reference's
series/series unit-label bug cannot affect the impact repartitions.
India is NOT used here: efootprint 17.1 crashes when a usage pattern in INDIA (Asia/Kolkata, UTC+05:30, so its UTC
series starts at hh:30) is mixed with whole-hour countries (AssertionError in an hourly series division while
computing impact repartitions: the half-hour series is floored onto the hour grid and then no longer fits inside
the weight sum's span). The same India usage pattern alone computes; see edge_appliance_workload.py for a
reference model whose countries all have the +05:30 offset.
"""
_stage_hook = globals().get("_stage_hook") or (lambda name, g: None)


def stage(name):
    _stage_hook(name, globals())


import math
from datetime import datetime

from efootprint.abstract_modeling_classes.source_objects import SourceValue, Sources
from efootprint.builders.time_builders import (
    create_hourly_usage_from_daily_volume_and_list_of_hours, create_hourly_usage_from_frequency,
    create_source_hourly_values_from_list)
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

serverless = Server.from_defaults(
    "Serverless API",
    server_type=ServerTypes.serverless(),
    carbon_footprint_fabrication=SourceValue(400 * u.kg, Sources.HYPOTHESIS),
    power=SourceValue(250 * u.W, Sources.HYPOTHESIS),
    idle_power=SourceValue(40 * u.W, Sources.HYPOTHESIS),
    ram=SourceValue(64 * u.GB_ram, Sources.HYPOTHESIS),
    compute=SourceValue(16 * u.cpu_core, Sources.HYPOTHESIS),
    average_carbon_intensity=SourceValue(300 * u.g / u.kWh, Sources.HYPOTHESIS),
    storage=Storage.ssd("Serverless SSD", data_storage_duration=SourceValue(6 * u.month, Sources.HYPOTHESIS)))

api_job = Job(
    "API call", server=serverless,
    data_transferred=SourceValue(500 * u.kB, Sources.USER_DATA), data_stored=SourceValue(10 * u.kB, Sources.USER_DATA),
    request_duration=SourceValue(2 * u.s, Sources.HYPOTHESIS),
    compute_needed=SourceValue(0.5 * u.cpu_core, Sources.HYPOTHESIS),
    ram_needed=SourceValue(300 * u.MB_ram, Sources.HYPOTHESIS))
upload_job = Job(
    "Document upload", server=serverless,
    data_transferred=SourceValue(15 * u.MB, Sources.USER_DATA), data_stored=SourceValue(15 * u.MB, Sources.USER_DATA),
    request_duration=SourceValue(40 * u.s, Sources.HYPOTHESIS),
    compute_needed=SourceValue(1 * u.cpu_core, Sources.HYPOTHESIS),
    ram_needed=SourceValue(1 * u.GB_ram, Sources.HYPOTHESIS))

read_step = UsageJourneyStep(
    "Read dashboard", user_time_spent=SourceValue(3 * u.min, Sources.USER_DATA), jobs=[api_job, api_job])
upload_step = UsageJourneyStep(
    "Upload documents", user_time_spent=SourceValue(8 * u.min, Sources.USER_DATA), jobs=[upload_job, api_job])
office_journey = UsageJourney("Office journey", uj_steps=[read_step, upload_step])
quick_journey = UsageJourney("Quick check journey", uj_steps=[UsageJourneyStep(
    "Quick check", user_time_spent=SourceValue(1.5 * u.min, Sources.USER_DATA), jobs=[api_job])])

timespan = 1 * u.year
us_starts = create_hourly_usage_from_frequency(
    timespan, input_volume=400, frequency="weekly", active_days=[0, 1, 2, 3, 4], hours=[8, 9, 10, 13, 14, 15, 16],
    start_date=datetime(2025, 1, 1))
japan_starts = create_hourly_usage_from_daily_volume_and_list_of_hours(
    timespan, daily_volume=2400, hours=[7, 8, 12, 18, 19, 20, 21, 22], start_date=datetime(2025, 1, 1))
brazil_values = [round(50 + 40 * math.sin(2 * math.pi * (h % 24 - 6) / 24) + 10 * ((h // 24) % 7 < 5), 3)
                 for h in range(24 * 7 * 52)]
brazil_starts = create_source_hourly_values_from_list(brazil_values, start_date=datetime(2025, 3, 1, 6))

laptop, screen, wifi = Device.laptop(), Device.screen(), Network.wifi_network()
usage_patterns = [
    UsagePattern("US offices", usage_journey=office_journey, devices=[laptop, screen], network=wifi,
                 country=Countries.UNITED_STATES(), hourly_usage_journey_starts=us_starts),
    UsagePattern("Japan quick checks", usage_journey=quick_journey, devices=[laptop], network=wifi,
                 country=Countries.JAPAN(), hourly_usage_journey_starts=japan_starts),
    UsagePattern("Brazil offices", usage_journey=office_journey, devices=[laptop, screen], network=wifi,
                 country=Countries.BRAZIL(), hourly_usage_journey_starts=brazil_starts),
]

system = System("Serverless multi-country system", usage_patterns=usage_patterns, edge_usage_patterns=[])
