"""Edge workload component (an appliance's whole hardware): its power follows the share of capacity in use."""
from __future__ import annotations

from typing import Any

from efp_core.domain.edge.common import root_unit
from efp_core.domain.edge.hardware.edge_component import COMPONENT_CHAIN, EdgeComponent
from efp_core.engine import calculated
from efp_core.units import u
from efp_core.values import EmptyExplainableObject, ExplainableObjectDict, ExplainableQuantity, SourceValue

WORKLOAD_CHAIN: tuple[str, ...] = ("unitary_hourly_workload_per_usage_pattern", *COMPONENT_CHAIN)


class EdgeWorkloadComponent(EdgeComponent):
    default_values = {
        "carbon_footprint_fabrication": SourceValue(100 * u.kg), "power": SourceValue(50 * u.W),
        "lifespan": SourceValue(6 * u.year), "idle_power": SourceValue(5 * u.W)}
    calculated_attributes_order = WORKLOAD_CHAIN
    need_root_unit = root_unit(u.concurrent)
    need_in_unit_interval = True

    def __init__(self, name: str, carbon_footprint_fabrication: ExplainableQuantity, power: ExplainableQuantity,
                 lifespan: ExplainableQuantity, idle_power: ExplainableQuantity) -> None:
        super().__init__(name)
        self.carbon_footprint_fabrication = carbon_footprint_fabrication
        self.power = power
        self.lifespan = lifespan
        self.idle_power = idle_power

    @calculated
    def unitary_hourly_workload_per_usage_pattern(self) -> ExplainableObjectDict:
        """Share of one device's capacity in use each hour (needs summed; each need is within [0, 1])."""
        return ExplainableObjectDict({eup: self._needs_sum(eup) for eup in self.edge_usage_patterns})

    def _unitary_power(self, edge_usage_pattern: Any) -> Any:
        workload = self.unitary_hourly_workload_per_usage_pattern.get(edge_usage_pattern, EmptyExplainableObject())
        if isinstance(workload, EmptyExplainableObject):
            return self.idle_power
        return self.idle_power + (self.power - self.idle_power) * workload
