"""An edge function: needs on the device's components and requests to web servers that serve one purpose."""
from __future__ import annotations

from typing import TYPE_CHECKING, List

from efp_core.domain.edge.common import patterns_of
from efp_core.domain.repartition import REPARTITION, ImpactRepartition

if TYPE_CHECKING:
    from efp_core.domain.edge.usage.recurrent_edge_device_need import RecurrentEdgeDeviceNeed
    from efp_core.domain.edge.usage.recurrent_server_need import RecurrentServerNeed


class EdgeFunction(ImpactRepartition):
    calculated_attributes_order = REPARTITION

    def __init__(self, name: str, recurrent_edge_device_needs: "List[RecurrentEdgeDeviceNeed]",
                 recurrent_server_needs: "List[RecurrentServerNeed]") -> None:
        super().__init__(name)
        self.recurrent_edge_device_needs = recurrent_edge_device_needs
        self.recurrent_server_needs = recurrent_server_needs

    @property
    def edge_usage_journeys(self) -> list:
        from efp_core.domain.edge.usage.edge_usage_journey import EdgeUsageJourney
        return self.containers_of_type(EdgeUsageJourney)

    @property
    def edge_usage_patterns(self) -> list:
        return patterns_of(self.edge_usage_journeys)
