"""An edge device: a structure plus components; deployed devices carry their fabrication and use energy."""
from __future__ import annotations

from typing import Any, List

import numpy as np

from efp_core.domain.edge.common import ONE_HOUR, devices_in_parallel, patterns_of, unique
from efp_core.domain.edge.hardware.edge_component import EdgeComponent
from efp_core.domain.edge.usage.recurrent_edge_device_need import foreign_need, pending_value
from efp_core.domain.repartition import REPARTITION, ImpactRepartition
from efp_core.engine import calculated
from efp_core.errors import RangeError, StructureError
from efp_core.units import u
from efp_core.values import (
    EmptyExplainableObject,
    ExplainableHourlyQuantities,
    ExplainableObjectDict,
    ExplainableQuantity,
    SourceValue,
)
from efp_core.values.empty import sum_values

DEVICE_CHAIN: tuple[str, ...] = (
    "lifespan_validation", "component_needs_edge_device_validation",
    "structure_fabrication_footprint_per_usage_pattern", "instances_fabrication_footprint_per_usage_pattern",
    "instances_energy_per_usage_pattern", "energy_footprint_per_usage_pattern", "instances_fabrication_footprint",
    "fabrication_footprint_breakdown_by_source", "instances_energy", "energy_footprint", *REPARTITION)


class EdgeDevice(ImpactRepartition):
    default_values = {"structure_carbon_footprint_fabrication": SourceValue(50 * u.kg),
                      "lifespan": SourceValue(6 * u.year)}
    calculated_attributes_order = DEVICE_CHAIN
    # Inputs that change which components the device has.
    component_attributes: tuple[str, ...] = ("components",)

    def __init__(self, name: str, structure_carbon_footprint_fabrication: ExplainableQuantity,
                 components: List[EdgeComponent], lifespan: ExplainableQuantity) -> None:
        super().__init__(name)
        self.structure_carbon_footprint_fabrication = structure_carbon_footprint_fabrication
        self.components = components
        self.lifespan = lifespan

    def components_after(self, pending: dict | None) -> list:
        """The components the device will have once the update being validated is applied."""
        return list(pending_value(self, "components", pending) or [])

    def validated_input(self, attr: str, value: Any, pending: Any = None) -> Any:
        value = super().validated_input(attr, value, pending)
        if attr in type(self).component_attributes:
            merged = {**(pending or {}), (self, attr): value}
            components = self.components_after(merged)
            for component in components:
                others = [d for d in component.edge_devices if d is not self
                          and any(component is c for c in d.components_after(merged))]
                if others:
                    raise StructureError(self, attr, "components that belong to no other edge device", component,
                                         f"'{component.name}' is a component of '{others[0].name}'")
            for device_need in self.recurrent_edge_device_needs:
                found = foreign_need(self, pending_value(device_need, "recurrent_edge_component_needs", merged),
                                     merged)
                if found is not None:
                    need, component = found
                    raise StructureError(self, attr, f"components that keep '{component.name}'", value,
                                         f"'{need.name}' of '{device_need.name}' runs on it")
        return value

    # ---- links --------------------------------------------------------------------------------
    @property
    def recurrent_edge_device_needs(self) -> list:
        from efp_core.domain.edge.usage.recurrent_edge_device_need import RecurrentEdgeDeviceNeed
        return self.containers_of_type(RecurrentEdgeDeviceNeed)

    @property
    def recurrent_server_needs(self) -> list:
        from efp_core.domain.edge.usage.recurrent_server_need import RecurrentServerNeed
        return self.containers_of_type(RecurrentServerNeed)

    @property
    def recurrent_edge_component_needs(self) -> list:
        return unique(need for device_need in self.recurrent_edge_device_needs
                      for need in device_need.recurrent_edge_component_needs)

    @property
    def edge_usage_patterns(self) -> list:
        """Patterns that deploy this device (through its device needs or its server needs)."""
        return patterns_of([*self.recurrent_edge_device_needs, *self.recurrent_server_needs])

    # ---- checks -------------------------------------------------------------------------------
    @calculated
    def lifespan_validation(self) -> EmptyExplainableObject:
        """The device must last at least as long as every edge journey that uses it."""
        for journey in unique(eup.edge_usage_journey for eup in self.edge_usage_patterns):
            if self.lifespan < journey.usage_span:
                raise RangeError(self, "lifespan", f"at least the usage span of edge journey '{journey.name}' "
                                                   f"({journey.usage_span})", self.lifespan,
                                 "a device cannot be used longer than it lasts")
        return EmptyExplainableObject()

    @calculated
    def component_needs_edge_device_validation(self) -> EmptyExplainableObject:
        """Every need this device's processes put on components must target this device's components."""
        components = self.components
        for need in self.recurrent_edge_component_needs:
            if not any(need.edge_component is c for c in components):
                raise StructureError(self, "components", f"a component that '{need.name}' runs on", components,
                                     f"'{need.edge_component.name}' belongs to another device")
        return EmptyExplainableObject()

    # ---- footprints ---------------------------------------------------------------------------
    @calculated
    def structure_fabrication_footprint_per_usage_pattern(self) -> ExplainableObjectDict:
        """Fabrication of the structure (all but the components' own), amortised over the device lifespan."""
        per_hour = self.structure_carbon_footprint_fabrication / self.lifespan * ONE_HOUR
        return ExplainableObjectDict({eup: (devices_in_parallel(eup) * per_hour).to(u.kg)
                                      for eup in self.edge_usage_patterns})

    def _components_sum(self, attr: str, edge_usage_pattern: Any) -> Any:
        return sum_values(getattr(c, attr).get(edge_usage_pattern, EmptyExplainableObject()) for c in self.components)

    @calculated
    def instances_fabrication_footprint_per_usage_pattern(self) -> ExplainableObjectDict:
        return ExplainableObjectDict({
            eup: (structure + self._components_sum("instances_fabrication_footprint_per_usage_pattern", eup)).to(u.kg)
            for eup, structure in self.structure_fabrication_footprint_per_usage_pattern.items()})

    @calculated
    def instances_energy_per_usage_pattern(self) -> ExplainableObjectDict:
        return ExplainableObjectDict({eup: self._components_sum("instances_energy_per_usage_pattern", eup)
                                      for eup in self.edge_usage_patterns})

    @calculated
    def energy_footprint_per_usage_pattern(self) -> ExplainableObjectDict:
        return ExplainableObjectDict({eup: self._components_sum("energy_footprint_per_usage_pattern", eup).to(u.kg)
                                      for eup in self.edge_usage_patterns})

    @calculated
    def instances_fabrication_footprint(self) -> Any:
        return sum_values(self.instances_fabrication_footprint_per_usage_pattern.values())

    @calculated
    def fabrication_footprint_breakdown_by_source(self) -> ExplainableObjectDict:
        """Each component's own fabrication plus an equal share of the structure."""
        components = self.components
        own = sum_values(c.instances_fabrication_footprint for c in components)
        structure_share = (self.instances_fabrication_footprint - own) / len(components) if components else None
        return ExplainableObjectDict({c: (c.instances_fabrication_footprint + structure_share).to(u.kg)
                                      for c in components})

    @calculated
    def instances_energy(self) -> Any:
        return sum_values(self.instances_energy_per_usage_pattern.values())

    @calculated
    def energy_footprint(self) -> Any:
        return sum_values(self.energy_footprint_per_usage_pattern.values())

    # ---- repartition --------------------------------------------------------------------------
    def _need_weights(self, phase: str) -> ExplainableObjectDict:
        """Each component need takes its component's impact pro rata of its share of the component's need."""
        components = self.components
        weights = ExplainableObjectDict()
        for need in self.recurrent_edge_component_needs:
            component = need.edge_component
            weight: Any = EmptyExplainableObject()
            for eup, unitary in need.unitary_hourly_need_per_usage_pattern.items():
                component_need = component.total_unitary_hourly_need_per_usage_pattern.get(eup)
                if not isinstance(component_need, ExplainableHourlyQuantities) or \
                        float(np.sum(component_need.magnitude, dtype=np.float32)) == 0:
                    continue
                if phase == "fabrication":
                    own = component.instances_fabrication_footprint_per_usage_pattern.get(eup, EmptyExplainableObject())
                    impact = own + self.structure_fabrication_footprint_per_usage_pattern[eup] / len(components)
                else:
                    impact = component.energy_footprint_per_usage_pattern.get(eup, EmptyExplainableObject())
                weight = weight + impact * (unitary / component_need)
            # 0/0 hours (no need on the component) become 0 after the sum over patterns, as the methodology
            # states: a pattern's 0/0 hour also zeroes the other patterns' weight in that hour.
            weights[need] = _nan_to_zero(weight)
        return weights

    @calculated
    def fabrication_impact_repartition_weights(self) -> ExplainableObjectDict:
        return self._need_weights("fabrication")

    @calculated
    def usage_impact_repartition_weights(self) -> ExplainableObjectDict:
        return self._need_weights("usage")


def _nan_to_zero(value: Any) -> Any:
    """Hours where a component has no need at all (0/0) give the need no weight."""
    if isinstance(value, ExplainableHourlyQuantities) and np.isnan(value.magnitude).any():
        return value._derive(np.nan_to_num(value.magnitude, nan=0.0), value.unit, value.start_date, "0/0 as 0", value)
    return value
