"""Edge CPU: its power grows with the cores in use (needs plus the base consumption)."""
from __future__ import annotations

from typing import Any

from efp_core.domain.edge.common import root_unit
from efp_core.domain.edge.hardware.edge_component import COMPONENT_CHAIN, EdgeComponent
from efp_core.domain.edge.hardware.edge_ram_component import _check_within
from efp_core.engine import calculated
from efp_core.errors import RangeError
from efp_core.units import u
from efp_core.values import EmptyExplainableObject, ExplainableObjectDict, ExplainableQuantity, SourceValue

CPU_CHAIN: tuple[str, ...] = ("available_compute_per_instance", "unitary_hourly_compute_need_per_usage_pattern",
                              *COMPONENT_CHAIN)


class EdgeCPUComponent(EdgeComponent):
    default_values = {
        "carbon_footprint_fabrication": SourceValue(20 * u.kg), "power": SourceValue(15 * u.W),
        "lifespan": SourceValue(6 * u.year), "idle_power": SourceValue(3 * u.W),
        "compute": SourceValue(4 * u.cpu_core), "base_compute_consumption": SourceValue(0.1 * u.cpu_core)}
    calculated_attributes_order = CPU_CHAIN
    need_root_unit = root_unit(u.cpu_core)

    def __init__(self, name: str, carbon_footprint_fabrication: ExplainableQuantity, power: ExplainableQuantity,
                 lifespan: ExplainableQuantity, idle_power: ExplainableQuantity, compute: ExplainableQuantity,
                 base_compute_consumption: ExplainableQuantity) -> None:
        super().__init__(name)
        self.carbon_footprint_fabrication = carbon_footprint_fabrication
        self.power = power
        self.lifespan = lifespan
        self.idle_power = idle_power
        self.compute = compute
        self.base_compute_consumption = base_compute_consumption

    @calculated
    def available_compute_per_instance(self) -> Any:
        """Cores left for the needs once the base consumption is taken."""
        available = (self.compute - self.base_compute_consumption)
        if isinstance(available, ExplainableQuantity):
            available = available.to(u.cpu_core)
            if available.magnitude < 0:
                raise RangeError(self, "base_compute_consumption", f"at most the compute ({self.compute})",
                                 self.base_compute_consumption, "the base consumption exceeds the compute")
        return available

    @calculated
    def unitary_hourly_compute_need_per_usage_pattern(self) -> ExplainableObjectDict:
        """Cores needed by one device each hour (all needs on this component)."""
        out = ExplainableObjectDict()
        for eup in self.edge_usage_patterns:
            need = self._needs_sum(eup).to(u.cpu_core)
            _check_within(self, "unitary_hourly_compute_need_per_usage_pattern", need,
                          self.available_compute_per_instance, eup, "available compute")
            out[eup] = need
        return out

    def _unitary_power(self, edge_usage_pattern: Any) -> Any:
        need = self.unitary_hourly_compute_need_per_usage_pattern.get(edge_usage_pattern, EmptyExplainableObject())
        if isinstance(need, EmptyExplainableObject):
            return self.idle_power
        load = (need + self.base_compute_consumption) / self.compute
        return self.idle_power + (self.power - self.idle_power) * load
