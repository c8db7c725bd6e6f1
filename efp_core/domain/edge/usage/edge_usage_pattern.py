"""An edge usage pattern: how many edge devices are deployed each local hour, in which country and network."""
from __future__ import annotations

from efp_core.domain.country import Country
from efp_core.domain.edge.usage.edge_usage_journey import EdgeUsageJourney
from efp_core.domain.hardware.network import Network
from efp_core.domain.repartition import REPARTITION
from efp_core.domain.usage.located_pattern import LocatedPattern
from efp_core.engine import calculated
from efp_core.units import u
from efp_core.values import ExplainableHourlyQuantities


class EdgeUsagePattern(LocatedPattern):
    input_units = {"hourly_edge_usage_journey_starts": u.occurrence}
    calculated_attributes_order = ("utc_hourly_edge_usage_journey_starts", *REPARTITION)

    def __init__(self, name: str, edge_usage_journey: EdgeUsageJourney, network: Network, country: Country,
                 hourly_edge_usage_journey_starts: ExplainableHourlyQuantities) -> None:
        super().__init__(name)
        self.edge_usage_journey = edge_usage_journey
        self.network = network
        self.country = country
        self.hourly_edge_usage_journey_starts = hourly_edge_usage_journey_starts

    @property
    def edge_functions(self) -> list:
        return list(dict.fromkeys(self.edge_usage_journey.edge_functions))

    @property
    def recurrent_server_needs(self) -> list:
        return list(dict.fromkeys(n for f in self.edge_functions for n in f.recurrent_server_needs))

    @property
    def jobs(self) -> list:
        """Web jobs the deployed devices call (through the journey's recurrent server needs)."""
        return list(dict.fromkeys(job for need in self.recurrent_server_needs for job in need.jobs))

    @calculated
    def utc_hourly_edge_usage_journey_starts(self) -> ExplainableHourlyQuantities:
        """Device deployments on the UTC hour grid (the input is in the country's local time)."""
        return self.utc_starts(self.hourly_edge_usage_journey_starts)
