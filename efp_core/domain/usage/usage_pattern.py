"""A usage pattern: how many journeys start each local hour, in which country, on which devices and network."""
from __future__ import annotations

from typing import List

from efp_core.domain.country import Country
from efp_core.domain.hardware.device import Device
from efp_core.domain.hardware.network import Network
from efp_core.domain.repartition import REPARTITION
from efp_core.domain.usage.located_pattern import LocatedPattern
from efp_core.domain.usage.usage_journey import UsageJourney
from efp_core.engine import calculated
from efp_core.units import u
from efp_core.values import ExplainableHourlyQuantities


class UsagePattern(LocatedPattern):
    input_units = {"hourly_usage_journey_starts": u.occurrence}
    calculated_attributes_order = ("utc_hourly_usage_journey_starts", *REPARTITION)

    def __init__(self, name: str, usage_journey: UsageJourney, devices: List[Device], network: Network,
                 country: Country, hourly_usage_journey_starts: ExplainableHourlyQuantities) -> None:
        super().__init__(name)
        self.usage_journey = usage_journey
        self.devices = devices
        self.network = network
        self.country = country
        self.hourly_usage_journey_starts = hourly_usage_journey_starts

    @property
    def jobs(self) -> list:
        return list(dict.fromkeys(job for step in self.usage_journey.uj_steps for job in step.jobs))

    @calculated
    def utc_hourly_usage_journey_starts(self) -> ExplainableHourlyQuantities:
        """Journey starts on the UTC hour grid (the input is in the country's local time)."""
        return self.utc_starts(self.hourly_usage_journey_starts)
