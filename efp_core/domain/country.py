"""Country: electricity carbon intensity and time zone of users and devices."""
from __future__ import annotations

from datetime import tzinfo

import pytz

from efp_core.domain.repartition import REPARTITION, ImpactRepartition
from efp_core.engine import calculated
from efp_core.units import u
from efp_core.values import ExplainableObjectDict, ExplainableQuantity, ExplainableTimezone, SourceObject, SourceValue


class Country(ImpactRepartition):
    default_values = {"average_carbon_intensity": SourceValue(50 * u.g / u.kWh),
                      "timezone": SourceObject("Europe/Paris")}
    calculated_attributes_order = REPARTITION

    def __init__(self, name: str, short_name: str, average_carbon_intensity: ExplainableQuantity,
                 timezone: ExplainableTimezone) -> None:
        super().__init__(name)
        self.short_name = short_name
        self.average_carbon_intensity = average_carbon_intensity
        self.timezone = timezone

    @property
    def tz(self) -> tzinfo:
        """The pytz zone of this country's local time."""
        return timezone_of(self.timezone)

    def _weights(self) -> ExplainableObjectDict:
        return ExplainableObjectDict({system: SourceValue(1 * u.dimensionless) for system in self.systems})

    @calculated
    def fabrication_impact_repartition_weights(self) -> ExplainableObjectDict:
        return self._weights()

    @calculated
    def usage_impact_repartition_weights(self) -> ExplainableObjectDict:
        return self._weights()


def timezone_of(value: object) -> tzinfo:
    zone = getattr(value, "value", value)
    return pytz.timezone(zone) if isinstance(zone, str) else zone  # type: ignore[return-value]
