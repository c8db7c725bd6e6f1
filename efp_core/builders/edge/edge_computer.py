"""An edge computer: CPU and RAM built from its characteristics, plus an EdgeStorage; the rest is structure."""
from __future__ import annotations

from typing import Any

from efp_core.domain.edge.hardware.edge_cpu_component import CPU_CHAIN, EdgeCPUComponent
from efp_core.domain.edge.hardware.edge_device import DEVICE_CHAIN, EdgeDevice
from efp_core.domain.edge.hardware.edge_ram_component import RAM_CHAIN, EdgeRAMComponent
from efp_core.domain.edge.hardware.edge_storage import QUANTITY, EdgeStorage
from efp_core.domain.edge.internal_inputs import InternalInputs
from efp_core.domain.edge.usage.recurrent_edge_device_need import pending_value
from efp_core.engine import ModelingObject, calculated
from efp_core.engine.inputs import InputSpec
from efp_core.units import u
from efp_core.values import EmptyExplainableObject, ExplainableQuantity, SourceValue


class EdgeComputerPart:
    """A component whose characteristics are copies of its EdgeComputer's (no value while unattached)."""

    @property
    def edge_computer(self) -> Any:
        computers = self.containers_of_type(EdgeComputer)  # type: ignore[attr-defined]
        return computers[0] if computers else None

    def _from_computer(self, attr: str) -> Any:
        computer = self.edge_computer
        return getattr(computer, attr) if computer is not None else EmptyExplainableObject()


class EdgeComputerCPUComponent(InternalInputs, EdgeComputerPart, EdgeCPUComponent):
    internal_inputs = {"carbon_footprint_fabrication": QUANTITY}
    calculated_attributes_order = ("compute", "base_compute_consumption", "lifespan", "power", "idle_power",
                                   *CPU_CHAIN)

    def __init__(self, name: str) -> None:
        ModelingObject.__init__(self, name)
        # Its fabrication is part of the computer's structure.
        self.carbon_footprint_fabrication = SourceValue(0 * u.kg)

    @calculated
    def compute(self) -> Any:
        return self._from_computer("compute")

    @calculated
    def base_compute_consumption(self) -> Any:
        return self._from_computer("base_compute_consumption")

    @calculated
    def lifespan(self) -> Any:
        return self._from_computer("lifespan")

    @calculated
    def power(self) -> Any:
        return self._from_computer("power")

    @calculated
    def idle_power(self) -> Any:
        return self._from_computer("idle_power")


class EdgeComputerRAMComponent(InternalInputs, EdgeComputerPart, EdgeRAMComponent):
    # The computer's power is carried by its CPU: its RAM draws none.
    internal_inputs = {"carbon_footprint_fabrication": QUANTITY, "power": QUANTITY, "idle_power": QUANTITY}
    calculated_attributes_order = ("ram", "base_ram_consumption", "lifespan", *RAM_CHAIN)

    def __init__(self, name: str) -> None:
        ModelingObject.__init__(self, name)
        self.carbon_footprint_fabrication = SourceValue(0 * u.kg)
        self.power = SourceValue(0 * u.W)
        self.idle_power = SourceValue(0 * u.W)

    @calculated
    def ram(self) -> Any:
        return self._from_computer("ram")

    @calculated
    def base_ram_consumption(self) -> Any:
        return self._from_computer("base_ram_consumption")

    @calculated
    def lifespan(self) -> Any:
        return self._from_computer("lifespan")


class EdgeComputer(InternalInputs, EdgeDevice):
    default_values = {
        "carbon_footprint_fabrication": SourceValue(60 * u.kg), "power": SourceValue(30 * u.W),
        "lifespan": SourceValue(6 * u.year), "idle_power": SourceValue(5 * u.W), "ram": SourceValue(8 * u.GB_ram),
        "compute": SourceValue(4 * u.cpu_core), "base_ram_consumption": SourceValue(1 * u.GB_ram),
        "base_compute_consumption": SourceValue(0.1 * u.cpu_core)}
    internal_inputs = {"cpu_component": InputSpec("link", EdgeComputerCPUComponent),
                       "ram_component": InputSpec("link", EdgeComputerRAMComponent)}
    calculated_attributes_order = ("structure_carbon_footprint_fabrication", *DEVICE_CHAIN)
    component_attributes = ("storage", "cpu_component", "ram_component")

    def __init__(self, name: str, carbon_footprint_fabrication: ExplainableQuantity, power: ExplainableQuantity,
                 lifespan: ExplainableQuantity, idle_power: ExplainableQuantity, ram: ExplainableQuantity,
                 compute: ExplainableQuantity, base_ram_consumption: ExplainableQuantity,
                 base_compute_consumption: ExplainableQuantity, storage: EdgeStorage) -> None:
        ModelingObject.__init__(self, name)
        self.carbon_footprint_fabrication = carbon_footprint_fabrication
        self.power = power
        self.lifespan = lifespan
        self.idle_power = idle_power
        self.ram = ram
        self.compute = compute
        self.base_ram_consumption = base_ram_consumption
        self.base_compute_consumption = base_compute_consumption
        self.storage = storage
        self.cpu_component = EdgeComputerCPUComponent(f"{name} CPU")
        self.ram_component = EdgeComputerRAMComponent(f"{name} RAM")

    @property
    def components(self) -> list:  # type: ignore[override]
        return [self.cpu_component, self.ram_component, self.storage]

    def components_after(self, pending: dict | None) -> list:
        return [pending_value(self, attr, pending) for attr in ("cpu_component", "ram_component", "storage")
                if pending_value(self, attr, pending) is not None]

    @calculated
    def structure_carbon_footprint_fabrication(self) -> Any:
        """Everything but the storage is structure (the CPU and RAM components carry no fabrication)."""
        return self.carbon_footprint_fabrication
