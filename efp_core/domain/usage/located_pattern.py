"""What web and edge usage patterns share: a country that gives their time zone and takes all their impact."""
from __future__ import annotations

from datetime import tzinfo

from efp_core.domain.repartition import ImpactRepartition
from efp_core.engine import calculated
from efp_core.units import u
from efp_core.values import ExplainableHourlyQuantities, ExplainableObjectDict, SourceValue
from efp_core.values.time_ops import to_utc


class LocatedPattern(ImpactRepartition):
    """Starts are given in the country's local time (or already in UTC when tz-aware); the whole impact of the
    pattern is attributed to its country."""

    def local_timezone(self) -> tzinfo:
        return self.country.tz

    def to_utc(self, series: ExplainableHourlyQuantities) -> ExplainableHourlyQuantities:
        return to_utc(series, self.country.tz)

    def utc_starts(self, starts: ExplainableHourlyQuantities) -> ExplainableHourlyQuantities:
        """Starts in occurrences on the UTC hour grid."""
        starts = starts.to(u.occurrence)
        return starts if starts.start_date.tzinfo is not None else to_utc(starts, self.country.tz)

    def _country_weights(self) -> ExplainableObjectDict:
        return ExplainableObjectDict({self.country: SourceValue(1 * u.dimensionless)})

    @calculated
    def fabrication_impact_repartition_weights(self) -> ExplainableObjectDict:
        return self._country_weights()

    @calculated
    def usage_impact_repartition_weights(self) -> ExplainableObjectDict:
        return self._country_weights()
