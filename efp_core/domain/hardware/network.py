"""Network: energy per byte transferred, at the electricity intensity of the users' country."""
from __future__ import annotations

from typing import Any

from efp_core.domain.repartition import ImpactRepartition, repartition, weights_total
from efp_core.engine import archetype, calculated
from efp_core.units import u
from efp_core.values import EmptyExplainableObject, ExplainableObjectDict, ExplainableQuantity, SourceValue


class Network(ImpactRepartition):
    default_values = {"bandwidth_energy_intensity": SourceValue(0.1 * u.kWh / u.GB)}
    calculated_attributes_order = (
        "energy_footprint_per_job", "instances_fabrication_footprint", "energy_footprint",
        "fabrication_impact_repartition_weights", "fabrication_impact_repartition_weight_sum",
        "fabrication_impact_repartition", "usage_impact_repartition_weight_sum", "usage_impact_repartition")

    def __init__(self, name: str, bandwidth_energy_intensity: ExplainableQuantity) -> None:
        super().__init__(name)
        self.bandwidth_energy_intensity = bandwidth_energy_intensity

    @archetype
    def wifi_network(cls, name: str = "Default wifi network", **overrides: Any) -> "Network":
        return cls(name, overrides.get("bandwidth_energy_intensity", SourceValue(0.05 * u.kWh / u.GB)))

    @archetype
    def mobile_network(cls, name: str = "Default mobile network", **overrides: Any) -> "Network":
        return cls(name, overrides.get("bandwidth_energy_intensity", SourceValue(0.12 * u.kWh / u.GB)))

    @property
    def usage_patterns(self) -> list:
        """Web and edge usage patterns whose traffic goes through this network."""
        return [c for c in self.modeling_obj_containers if hasattr(c, "country") and c.network is self]

    @property
    def jobs(self) -> list:
        jobs: list = []
        for up in self.usage_patterns:
            jobs.extend(up.jobs)
        return list(dict.fromkeys(jobs))

    @calculated
    def energy_footprint_per_job(self) -> ExplainableObjectDict:
        """Energy of the data each job sends through this network, at its users' country intensity."""
        out = ExplainableObjectDict()
        patterns = self.usage_patterns
        for job in self.jobs:
            total: Any = EmptyExplainableObject()
            for up, data in job.hourly_data_transferred_per_usage_pattern.items():
                if up in patterns:
                    energy = (self.bandwidth_energy_intensity * data).to(u.kWh)
                    total = total + (energy * up.country.average_carbon_intensity).to(u.kg)
            out[job] = total
        return out

    @calculated
    def instances_fabrication_footprint(self) -> EmptyExplainableObject:
        """Network equipment fabrication is not modelled."""
        return EmptyExplainableObject()

    @calculated
    def energy_footprint(self) -> Any:
        return weights_total(self.energy_footprint_per_job)

    @calculated
    def fabrication_impact_repartition_weights(self) -> ExplainableObjectDict:
        return ExplainableObjectDict()

    @property
    def usage_impact_repartition_weights(self) -> ExplainableObjectDict:  # type: ignore[override]
        return self.energy_footprint_per_job

    @calculated
    def usage_impact_repartition_weight_sum(self) -> Any:
        return weights_total(self.energy_footprint_per_job)

    @calculated
    def usage_impact_repartition(self) -> ExplainableObjectDict:
        return repartition(self.energy_footprint_per_job, self.usage_impact_repartition_weight_sum)
