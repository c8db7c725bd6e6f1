"""End-user devices: in use while a journey is in progress; fabrication amortised over hours of use."""
from __future__ import annotations

from typing import Any

from efp_core.domain.repartition import REPARTITION, ImpactRepartition
from efp_core.engine import archetype, calculated
from efp_core.units import u
from efp_core.values import ExplainableObjectDict, ExplainableQuantity, SourceValue
from efp_core.values.empty import sum_values as _sum

ONE_HOUR = SourceValue(1 * u.hour, label="one hour")


class Device(ImpactRepartition):
    default_values = {"carbon_footprint_fabrication": SourceValue(150 * u.kg), "power": SourceValue(50 * u.W),
                      "lifespan": SourceValue(6 * u.year), "fraction_of_usage_time": SourceValue(7 * u.hour / u.day)}
    calculated_attributes_order = ("energy_footprint_per_usage_pattern", "energy_footprint",
                                   "instances_fabrication_footprint", *REPARTITION)

    def __init__(self, name: str, carbon_footprint_fabrication: ExplainableQuantity, power: ExplainableQuantity,
                 lifespan: ExplainableQuantity, fraction_of_usage_time: ExplainableQuantity) -> None:
        super().__init__(name)
        self.carbon_footprint_fabrication = carbon_footprint_fabrication
        self.power = power
        self.lifespan = lifespan
        self.fraction_of_usage_time = fraction_of_usage_time

    @archetype
    def smartphone(cls, name: str = "Default smartphone", **overrides: Any) -> "Device":
        return cls._archetype(name, 30, 1, 3, 3.6, overrides)

    @archetype
    def laptop(cls, name: str = "Default laptop", **overrides: Any) -> "Device":
        return cls._archetype(name, 156, 50, 6, 7, overrides)

    @archetype
    def box(cls, name: str = "Default box", **overrides: Any) -> "Device":
        return cls._archetype(name, 78, 10, 6, 24, overrides)

    @archetype
    def screen(cls, name: str = "Default screen", **overrides: Any) -> "Device":
        return cls._archetype(name, 222, 30, 6, 7, overrides)

    @classmethod
    def _archetype(cls, name: str, kg: float, watts: float, years: float, hours_per_day: float,
                   overrides: dict[str, Any]) -> "Device":
        values: dict[str, Any] = {
            "carbon_footprint_fabrication": SourceValue(kg * u.kg), "power": SourceValue(watts * u.W),
            "lifespan": SourceValue(years * u.year),
            "fraction_of_usage_time": SourceValue(hours_per_day * u.hour / u.day)}
        values.update(overrides)
        return cls(name, **values)

    @property
    def usage_patterns(self) -> list:
        from efp_core.domain.usage.usage_pattern import UsagePattern
        return self.containers_of_type(UsagePattern)

    def _parallel(self, up: Any) -> Any:
        return up.usage_journey.nb_usage_journeys_in_parallel_per_usage_pattern[up]

    @calculated
    def energy_footprint_per_usage_pattern(self) -> ExplainableObjectDict:
        """Devices in use (journeys in progress) × power × 1 h, at the users' country electricity intensity."""
        out = ExplainableObjectDict()
        for up in self.usage_patterns:
            energy = (self._parallel(up) * (self.power * ONE_HOUR)).to(u.kWh)
            out[up] = (energy * up.country.average_carbon_intensity).to(u.kg)
        return out

    @calculated
    def energy_footprint(self) -> Any:
        return _sum(self.energy_footprint_per_usage_pattern.values())

    @calculated
    def instances_fabrication_footprint(self) -> Any:
        """Fabrication amortised over the hours of actual use during the lifespan."""
        per_hour_of_use = (self.carbon_footprint_fabrication * ONE_HOUR
                           / (self.lifespan * self.fraction_of_usage_time)).to(u.g)
        return _sum((self._parallel(up) * per_hour_of_use).to(u.kg) for up in self.usage_patterns)

    def _step_weights(self, phase: str) -> ExplainableObjectDict:
        weights = ExplainableObjectDict()
        for up in self.usage_patterns:
            journey = up.usage_journey
            device_count = sum(1 for d in up.devices if d is self)
            base = self._parallel(up) if phase == "fabrication" else self.energy_footprint_per_usage_pattern[up]
            for step in dict.fromkeys(journey.uj_steps):
                step_count = sum(1 for s in journey.uj_steps if s is step)
                weight = base * (device_count * step_count) if device_count * step_count != 1 else base
                weight = weight * step.user_time_spent
                weights[step] = weights[step] + weight if step in weights else weight
        return weights

    @calculated
    def fabrication_impact_repartition_weights(self) -> ExplainableObjectDict:
        return self._step_weights("fabrication")

    @calculated
    def usage_impact_repartition_weights(self) -> ExplainableObjectDict:
        return self._step_weights("usage")

