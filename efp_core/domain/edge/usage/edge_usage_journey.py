"""An edge usage journey: the functions one deployed edge device runs during its usage span."""
from __future__ import annotations

from typing import TYPE_CHECKING, List

from efp_core.domain.edge.common import devices_in_service
from efp_core.domain.repartition import REPARTITION
from efp_core.domain.usage.journey_weights import JourneyRepartition
from efp_core.engine import calculated
from efp_core.units import u
from efp_core.values import ExplainableObjectDict, ExplainableQuantity, SourceValue

if TYPE_CHECKING:
    from efp_core.domain.edge.usage.edge_function import EdgeFunction


class EdgeUsageJourney(JourneyRepartition):
    default_values = {"usage_span": SourceValue(6 * u.year)}
    weight_unit = u.concurrent
    calculated_attributes_order = ("nb_edge_usage_journeys_in_parallel_per_edge_usage_pattern", *REPARTITION)

    def __init__(self, name: str, edge_functions: "List[EdgeFunction]", usage_span: ExplainableQuantity) -> None:
        super().__init__(name)
        self.edge_functions = edge_functions
        self.usage_span = usage_span

    @property
    def edge_usage_patterns(self) -> list:
        from efp_core.domain.edge.usage.edge_usage_pattern import EdgeUsagePattern
        return self.containers_of_type(EdgeUsagePattern)

    @calculated
    def nb_edge_usage_journeys_in_parallel_per_edge_usage_pattern(self) -> ExplainableObjectDict:
        """Devices in service each hour: each deployed device runs for the usage span from its start hour."""
        return ExplainableObjectDict({eup: devices_in_service(eup.utc_hourly_edge_usage_journey_starts, self.usage_span)
                                      for eup in self.edge_usage_patterns})

    def _parallel_per_pattern(self) -> ExplainableObjectDict:
        return self.nb_edge_usage_journeys_in_parallel_per_edge_usage_pattern
