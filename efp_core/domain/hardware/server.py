"""A CPU server with explicit characteristics."""
from __future__ import annotations

from efp_core.domain.hardware.server_base import ServerBase
from efp_core.domain.hardware.storage import Storage
from efp_core.units import u
from efp_core.values import EmptyExplainableObject, ExplainableObject, ExplainableQuantity, SourceObject, SourceValue


class Server(ServerBase):
    default_values = {
        "server_type": SourceObject("autoscaling"), "carbon_footprint_fabrication": SourceValue(600 * u.kg),
        "power": SourceValue(300 * u.W), "lifespan": SourceValue(6 * u.year), "idle_power": SourceValue(50 * u.W),
        "ram": SourceValue(128 * u.GB_ram), "compute": SourceValue(24 * u.cpu_core),
        "power_usage_effectiveness": SourceValue(1.2 * u.dimensionless),
        "average_carbon_intensity": SourceValue(400 * u.g / u.kWh),
        "utilization_rate": SourceValue(0.9 * u.dimensionless), "base_ram_consumption": SourceValue(0 * u.GB_ram),
        "base_compute_consumption": SourceValue(0 * u.cpu_core), "fixed_nb_of_instances": EmptyExplainableObject()}

    def __init__(self, name: str, server_type: ExplainableObject, carbon_footprint_fabrication: ExplainableQuantity,
                 power: ExplainableQuantity, lifespan: ExplainableQuantity, idle_power: ExplainableQuantity,
                 ram: ExplainableQuantity, compute: ExplainableQuantity,
                 power_usage_effectiveness: ExplainableQuantity, average_carbon_intensity: ExplainableQuantity,
                 utilization_rate: ExplainableQuantity, base_ram_consumption: ExplainableQuantity,
                 base_compute_consumption: ExplainableQuantity, storage: Storage,
                 fixed_nb_of_instances: ExplainableQuantity | EmptyExplainableObject | None = None) -> None:
        super().__init__(name)
        self.server_type = server_type
        self.carbon_footprint_fabrication = carbon_footprint_fabrication
        self.power = power
        self.lifespan = lifespan
        self.idle_power = idle_power
        self.ram = ram
        self.compute = compute
        self.power_usage_effectiveness = power_usage_effectiveness
        self.average_carbon_intensity = average_carbon_intensity
        self.utilization_rate = utilization_rate
        self.base_ram_consumption = base_ram_consumption
        self.base_compute_consumption = base_compute_consumption
        self.storage = storage
        self.fixed_nb_of_instances = fixed_nb_of_instances

    def installable_services(self) -> list[type]:
        from efp_core.domain.services.video_streaming import VideoStreaming
        return [VideoStreaming]
