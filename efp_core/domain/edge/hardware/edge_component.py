"""An edge component (RAM, CPU, workload, storage): its per-device power and the footprint of devices in service."""
from __future__ import annotations

from typing import Any, ClassVar

from efp_core.domain.edge.common import ONE_HOUR, devices_in_parallel, patterns_of
from efp_core.engine import ModelingObject, calculated
from efp_core.units import u
from efp_core.values import EmptyExplainableObject, ExplainableObjectDict
from efp_core.values.empty import sum_values

COMPONENT_CHAIN: tuple[str, ...] = (
    "unitary_power_per_usage_pattern", "instances_fabrication_footprint_per_usage_pattern",
    "instances_energy_per_usage_pattern", "energy_footprint_per_usage_pattern", "instances_fabrication_footprint",
    "instances_energy", "energy_footprint", "total_unitary_hourly_need_per_usage_pattern")


class EdgeComponent(ModelingObject):
    """What every edge component computes once its subclass gives the power of one device each hour."""

    calculated_attributes_order = COMPONENT_CHAIN
    # Unit every need on this component must reduce to, and whether needs are shares in [0, 1].
    need_root_unit: ClassVar[Any] = None
    need_in_unit_interval: ClassVar[bool] = False
    is_storage: ClassVar[bool] = False

    @property
    def edge_devices(self) -> list:
        from efp_core.domain.edge.hardware.edge_device import EdgeDevice
        return self.containers_of_type(EdgeDevice)

    @property
    def edge_device(self) -> Any:
        devices = self.edge_devices
        return devices[0] if devices else None

    @property
    def recurrent_edge_component_needs(self) -> list:
        from efp_core.domain.edge.usage.recurrent_edge_component_need import RecurrentEdgeComponentNeed
        return self.containers_of_type(RecurrentEdgeComponentNeed)

    @property
    def edge_usage_patterns(self) -> list:
        """Patterns where one of this component's needs runs."""
        return patterns_of(self.recurrent_edge_component_needs)

    def _needs_sum(self, edge_usage_pattern: Any) -> Any:
        return sum_values(need.unitary_hourly_need_per_usage_pattern.get(edge_usage_pattern, EmptyExplainableObject())
                     for need in self.recurrent_edge_component_needs)

    @calculated
    def unitary_power_per_usage_pattern(self) -> ExplainableObjectDict:
        """Power drawn by one device's component each hour (subclass rule)."""
        return ExplainableObjectDict({eup: self._unitary_power(eup) for eup in self.edge_usage_patterns})

    def _unitary_power(self, edge_usage_pattern: Any) -> Any:
        raise NotImplementedError

    @calculated
    def instances_fabrication_footprint_per_usage_pattern(self) -> ExplainableObjectDict:
        """Fabrication amortised over the lifespan, for every device in service (load does not matter)."""
        per_hour = self.carbon_footprint_fabrication / self.lifespan * ONE_HOUR
        return ExplainableObjectDict({eup: (devices_in_parallel(eup) * per_hour).to(u.kg)
                                      for eup in self.edge_usage_patterns})

    @calculated
    def instances_energy_per_usage_pattern(self) -> ExplainableObjectDict:
        """Energy of the component in all devices in service (unit kept as concurrent·h·W)."""
        return ExplainableObjectDict({eup: devices_in_parallel(eup) * (power * ONE_HOUR)
                                      for eup, power in self.unitary_power_per_usage_pattern.items()})

    @calculated
    def energy_footprint_per_usage_pattern(self) -> ExplainableObjectDict:
        """Energy at the electricity intensity of the pattern's country."""
        return ExplainableObjectDict({eup: (energy * eup.country.average_carbon_intensity).to(u.kg)
                                      for eup, energy in self.instances_energy_per_usage_pattern.items()})

    @calculated
    def instances_fabrication_footprint(self) -> Any:
        return sum_values(self.instances_fabrication_footprint_per_usage_pattern.values())

    @calculated
    def instances_energy(self) -> Any:
        return sum_values(self.instances_energy_per_usage_pattern.values())

    @calculated
    def energy_footprint(self) -> Any:
        return sum_values(self.energy_footprint_per_usage_pattern.values())

    @calculated
    def total_unitary_hourly_need_per_usage_pattern(self) -> ExplainableObjectDict:
        """Need of one device on this component each hour, summed over the needs that use it."""
        return ExplainableObjectDict({eup: self._needs_sum(eup) for eup in self.edge_usage_patterns})
