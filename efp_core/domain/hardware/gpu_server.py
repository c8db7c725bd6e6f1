"""A GPU server: power, RAM and fabrication follow from its number of GPUs."""
from __future__ import annotations

from typing import Any

from efp_core.domain.hardware.server_base import SERVER_CALCULATED, ServerBase
from efp_core.domain.hardware.storage import Storage
from efp_core.engine import calculated
from efp_core.units import u
from efp_core.values import EmptyExplainableObject, ExplainableObject, ExplainableQuantity, SourceObject, SourceValue


class GPUServer(ServerBase):
    default_values = {
        "server_type": SourceObject("serverless"), "gpu_power": SourceValue(400 * u.W / u.gpu),
        "gpu_idle_power": SourceValue(50 * u.W / u.gpu), "ram_per_gpu": SourceValue(80 * u.GB_ram / u.gpu),
        "carbon_footprint_fabrication_per_gpu": SourceValue(150 * u.kg / u.gpu),
        "average_carbon_intensity": SourceValue(400 * u.g / u.kWh), "compute": SourceValue(4 * u.gpu),
        "carbon_footprint_fabrication_without_gpu": SourceValue(2500 * u.kg), "lifespan": SourceValue(6 * u.year),
        "power_usage_effectiveness": SourceValue(1.2 * u.dimensionless),
        "utilization_rate": SourceValue(1 * u.dimensionless), "base_compute_consumption": SourceValue(0 * u.gpu),
        "base_ram_consumption": SourceValue(0 * u.GB_ram), "fixed_nb_of_instances": EmptyExplainableObject()}
    calculated_attributes_order = ("carbon_footprint_fabrication", "power", "idle_power", "ram", *SERVER_CALCULATED)
    compute_unit = u.gpu

    def __init__(self, name: str, server_type: ExplainableObject, gpu_power: ExplainableQuantity,
                 gpu_idle_power: ExplainableQuantity, ram_per_gpu: ExplainableQuantity,
                 carbon_footprint_fabrication_per_gpu: ExplainableQuantity,
                 average_carbon_intensity: ExplainableQuantity, compute: ExplainableQuantity,
                 carbon_footprint_fabrication_without_gpu: ExplainableQuantity, lifespan: ExplainableQuantity,
                 power_usage_effectiveness: ExplainableQuantity, utilization_rate: ExplainableQuantity,
                 base_compute_consumption: ExplainableQuantity, base_ram_consumption: ExplainableQuantity,
                 storage: Storage, fixed_nb_of_instances: ExplainableQuantity | EmptyExplainableObject | None = None
                 ) -> None:
        super().__init__(name)
        self.server_type = server_type
        self.gpu_power = gpu_power
        self.gpu_idle_power = gpu_idle_power
        self.ram_per_gpu = ram_per_gpu
        self.carbon_footprint_fabrication_per_gpu = carbon_footprint_fabrication_per_gpu
        self.average_carbon_intensity = average_carbon_intensity
        self.compute = compute
        self.carbon_footprint_fabrication_without_gpu = carbon_footprint_fabrication_without_gpu
        self.lifespan = lifespan
        self.power_usage_effectiveness = power_usage_effectiveness
        self.utilization_rate = utilization_rate
        self.base_compute_consumption = base_compute_consumption
        self.base_ram_consumption = base_ram_consumption
        self.storage = storage
        self.fixed_nb_of_instances = fixed_nb_of_instances

    @calculated
    def carbon_footprint_fabrication(self) -> Any:
        return (self.carbon_footprint_fabrication_without_gpu
                + self.compute * self.carbon_footprint_fabrication_per_gpu).to(u.kg)

    @calculated
    def power(self) -> Any:
        return (self.gpu_power * self.compute).to(u.W)

    @calculated
    def idle_power(self) -> Any:
        return (self.gpu_idle_power * self.compute).to(u.W)

    @calculated
    def ram(self) -> Any:
        return (self.ram_per_gpu * self.compute).to(u.GB_ram)
