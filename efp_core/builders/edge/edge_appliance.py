"""An edge appliance: one workload component whose power follows the share of the appliance in use."""
from __future__ import annotations

from typing import Any

from efp_core.domain.edge.hardware.edge_device import DEVICE_CHAIN, EdgeDevice
from efp_core.domain.edge.hardware.edge_storage import QUANTITY
from efp_core.domain.edge.hardware.edge_workload_component import WORKLOAD_CHAIN, EdgeWorkloadComponent
from efp_core.domain.edge.internal_inputs import InternalInputs
from efp_core.domain.edge.usage.recurrent_edge_device_need import pending_value
from efp_core.engine import ModelingObject, calculated
from efp_core.engine.inputs import InputSpec
from efp_core.units import u
from efp_core.values import EmptyExplainableObject, ExplainableQuantity, SourceValue


class EdgeApplianceComponent(InternalInputs, EdgeWorkloadComponent):
    internal_inputs = {"carbon_footprint_fabrication": QUANTITY}
    calculated_attributes_order = ("power", "idle_power", "lifespan", *WORKLOAD_CHAIN)

    def __init__(self, name: str) -> None:
        ModelingObject.__init__(self, name)
        # Its fabrication is the appliance's structure.
        self.carbon_footprint_fabrication = SourceValue(0 * u.kg)

    @property
    def edge_appliance(self) -> Any:
        appliances = self.containers_of_type(EdgeAppliance)
        return appliances[0] if appliances else None

    def _from_appliance(self, attr: str) -> Any:
        appliance = self.edge_appliance
        return getattr(appliance, attr) if appliance is not None else EmptyExplainableObject()

    @calculated
    def power(self) -> Any:
        return self._from_appliance("power")

    @calculated
    def idle_power(self) -> Any:
        return self._from_appliance("idle_power")

    @calculated
    def lifespan(self) -> Any:
        return self._from_appliance("lifespan")


class EdgeAppliance(InternalInputs, EdgeDevice):
    default_values = {
        "carbon_footprint_fabrication": SourceValue(100 * u.kg), "power": SourceValue(50 * u.W),
        "lifespan": SourceValue(6 * u.year), "idle_power": SourceValue(5 * u.W)}
    internal_inputs = {"appliance_component": InputSpec("link", EdgeApplianceComponent)}
    calculated_attributes_order = ("structure_carbon_footprint_fabrication", *DEVICE_CHAIN)
    component_attributes = ("appliance_component",)

    def __init__(self, name: str, carbon_footprint_fabrication: ExplainableQuantity, power: ExplainableQuantity,
                 lifespan: ExplainableQuantity, idle_power: ExplainableQuantity) -> None:
        ModelingObject.__init__(self, name)
        self.carbon_footprint_fabrication = carbon_footprint_fabrication
        self.power = power
        self.lifespan = lifespan
        self.idle_power = idle_power
        self.appliance_component = EdgeApplianceComponent(f"{name} appliance")

    @property
    def components(self) -> list:  # type: ignore[override]
        return [self.appliance_component]

    def components_after(self, pending: dict | None) -> list:
        component = pending_value(self, "appliance_component", pending)
        return [component] if component is not None else []

    @calculated
    def structure_carbon_footprint_fabrication(self) -> Any:
        """The whole appliance is structure (its workload component carries no fabrication)."""
        return self.carbon_footprint_fabrication
