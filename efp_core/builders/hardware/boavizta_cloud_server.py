"""A cloud server whose fabrication footprint, power, RAM and vCPUs come from BoaviztAPI (offline by default)."""
from __future__ import annotations

from typing import Any

from efp_core.builders import boavizta
from efp_core.domain.hardware.server import Server
from efp_core.domain.hardware.server_base import SERVER_CALCULATED, ServerBase
from efp_core.domain.hardware.storage import Storage
from efp_core.engine import calculated
from efp_core.engine.lazy_class_value import lazy_class_value
from efp_core.sources import Source
from efp_core.units import u
from efp_core.values import EmptyExplainableObject, ExplainableObject, ExplainableQuantity, SourceObject, SourceValue

BOAVIZTA = Source("BoaviztAPI", "https://doc.api.boavizta.org/")


def _choices() -> dict[str, Any]:
    return {"depends_on": "provider", "conditional_list_values": {
        SourceObject(p): [SourceObject(t) for t in boavizta.instance_types(p)] for p in boavizta.providers()}}


class BoaviztaCloudServer(Server):
    default_values = {
        "provider": SourceObject(boavizta.DEFAULT_PROVIDER),
        "instance_type": SourceObject(boavizta.DEFAULT_INSTANCE_TYPE),
        "server_type": SourceObject("autoscaling"), "average_carbon_intensity": SourceValue(400 * u.g / u.kWh),
        "lifespan": SourceValue(6 * u.year), "idle_power": SourceValue(0 * u.W),
        "power_usage_effectiveness": SourceValue(1.2 * u.dimensionless),
        "utilization_rate": SourceValue(0.9 * u.dimensionless), "base_ram_consumption": SourceValue(0 * u.GB_ram),
        "base_compute_consumption": SourceValue(0 * u.cpu_core), "fixed_nb_of_instances": EmptyExplainableObject()}
    # Read from boaviztapi's data (pandas, boaviztapi: about 1 s to import) when first needed, not at import.
    list_values = lazy_class_value(lambda: {**ServerBase.list_values,
                                            "provider": [SourceObject(p) for p in boavizta.providers()]})
    conditional_list_values = lazy_class_value(lambda: {**ServerBase.conditional_list_values,
                                                        "instance_type": _choices()})
    calculated_attributes_order = ("api_call_response", "carbon_footprint_fabrication", "power", "ram", "compute",
                                   *SERVER_CALCULATED)

    def __init__(self, name: str, provider: ExplainableObject, instance_type: ExplainableObject,
                 server_type: ExplainableObject, lifespan: ExplainableQuantity, idle_power: ExplainableQuantity,
                 power_usage_effectiveness: ExplainableQuantity, average_carbon_intensity: ExplainableQuantity,
                 utilization_rate: ExplainableQuantity, base_ram_consumption: ExplainableQuantity,
                 base_compute_consumption: ExplainableQuantity, storage: Storage,
                 fixed_nb_of_instances: ExplainableQuantity | EmptyExplainableObject | None = None) -> None:
        ServerBase.__init__(self, name)
        self.provider = provider
        self.instance_type = instance_type
        self.server_type = server_type
        self.lifespan = lifespan
        self.idle_power = idle_power
        self.power_usage_effectiveness = power_usage_effectiveness
        self.average_carbon_intensity = average_carbon_intensity
        self.utilization_rate = utilization_rate
        self.base_ram_consumption = base_ram_consumption
        self.base_compute_consumption = base_compute_consumption
        self.storage = storage
        self.fixed_nb_of_instances = fixed_nb_of_instances

    @calculated
    def api_call_response(self) -> ExplainableObject:
        """BoaviztAPI's verbose cloud-instance answer for (provider, instance_type)."""
        response = boavizta.cloud_instance_impact(self.provider.value, self.instance_type.value)
        return SourceObject(response, BOAVIZTA, label=f"BoaviztAPI response for {self.instance_type.value}")

    def _characteristic(self, key: str) -> float:
        return boavizta.cloud_instance_characteristics(self.api_call_response.value)[key]

    @calculated
    def carbon_footprint_fabrication(self) -> Any:
        return SourceValue(self._characteristic("carbon_footprint_fabrication_kg") * u.kg, BOAVIZTA)

    @calculated
    def power(self) -> Any:
        return SourceValue(self._characteristic("power_w") * u.W, BOAVIZTA)

    @calculated
    def ram(self) -> Any:
        return SourceValue(self._characteristic("ram_gb") * u.GB_ram, BOAVIZTA)

    @calculated
    def compute(self) -> Any:
        return SourceValue(self._characteristic("vcpu") * u.cpu_core, BOAVIZTA)
