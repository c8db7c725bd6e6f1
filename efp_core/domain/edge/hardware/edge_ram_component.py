"""Edge RAM: its power grows with the RAM in use (needs plus the base consumption)."""
from __future__ import annotations

from typing import Any

from efp_core.domain.edge.common import root_unit
from efp_core.domain.edge.hardware.edge_component import COMPONENT_CHAIN, EdgeComponent
from efp_core.engine import calculated
from efp_core.errors import RangeError
from efp_core.units import u
from efp_core.values import EmptyExplainableObject, ExplainableObjectDict, ExplainableQuantity, SourceValue

RAM_CHAIN: tuple[str, ...] = ("available_ram_per_instance", "unitary_hourly_ram_need_per_usage_pattern",
                              *COMPONENT_CHAIN)


class EdgeRAMComponent(EdgeComponent):
    default_values = {
        "carbon_footprint_fabrication": SourceValue(20 * u.kg), "power": SourceValue(10 * u.W),
        "lifespan": SourceValue(6 * u.year), "idle_power": SourceValue(2 * u.W), "ram": SourceValue(8 * u.GB_ram),
        "base_ram_consumption": SourceValue(1 * u.GB_ram)}
    calculated_attributes_order = RAM_CHAIN
    need_root_unit = root_unit(u.bit_ram)

    def __init__(self, name: str, carbon_footprint_fabrication: ExplainableQuantity, power: ExplainableQuantity,
                 lifespan: ExplainableQuantity, idle_power: ExplainableQuantity, ram: ExplainableQuantity,
                 base_ram_consumption: ExplainableQuantity) -> None:
        super().__init__(name)
        self.carbon_footprint_fabrication = carbon_footprint_fabrication
        self.power = power
        self.lifespan = lifespan
        self.idle_power = idle_power
        self.ram = ram
        self.base_ram_consumption = base_ram_consumption

    @calculated
    def available_ram_per_instance(self) -> Any:
        """RAM left for the needs once the base consumption is taken."""
        available = (self.ram - self.base_ram_consumption)
        if isinstance(available, ExplainableQuantity):
            available = available.to(u.GB_ram)
            if available.magnitude < 0:
                raise RangeError(self, "base_ram_consumption", f"at most the RAM ({self.ram})",
                                 self.base_ram_consumption, "the base consumption exceeds the RAM")
        return available

    @calculated
    def unitary_hourly_ram_need_per_usage_pattern(self) -> ExplainableObjectDict:
        """RAM needed by one device each hour (all needs on this component)."""
        out = ExplainableObjectDict()
        for eup in self.edge_usage_patterns:
            need = self._needs_sum(eup).to(u.GB_ram)
            _check_within(self, "unitary_hourly_ram_need_per_usage_pattern", need, self.available_ram_per_instance,
                          eup, "available RAM")
            out[eup] = need
        return out

    def _unitary_power(self, edge_usage_pattern: Any) -> Any:
        need = self.unitary_hourly_ram_need_per_usage_pattern.get(edge_usage_pattern, EmptyExplainableObject())
        if isinstance(need, EmptyExplainableObject):
            return self.idle_power
        load = (need + self.base_ram_consumption) / self.ram
        return self.idle_power + (self.power - self.idle_power) * load


def _check_within(component: Any, attr: str, need: Any, available: Any, edge_usage_pattern: Any, what: str) -> None:
    """Raise if one device's hourly need ever exceeds what the component has available."""
    if isinstance(need, EmptyExplainableObject) or not isinstance(available, ExplainableQuantity):
        return
    peak = need.max()
    if peak.magnitude > available.value.to(peak.unit).magnitude:
        raise RangeError(component, attr, f"at most the {what} per device ({available})", peak,
                         f"the needs of '{edge_usage_pattern.name}' reach {peak}")
