"""What web and edge journeys share: their impact is split between patterns by journeys (devices) in progress."""
from __future__ import annotations

from typing import Any

from efp_core.domain.repartition import ImpactRepartition
from efp_core.engine import calculated
from efp_core.values import ExplainableObjectDict


class JourneyRepartition(ImpactRepartition):
    """Weights per pattern = journeys in progress × times the pattern lists the journey; usage weights are
    further scaled by the pattern's country carbon intensity."""

    weight_unit: Any = None  # unit the in-progress counts are converted to (None keeps theirs)

    def _parallel_per_pattern(self) -> ExplainableObjectDict:
        raise NotImplementedError

    def _weights(self, with_intensity: bool) -> ExplainableObjectDict:
        weights = ExplainableObjectDict()
        for pattern, parallel in self._parallel_per_pattern().items():
            count = self.container_count(pattern)
            weight = parallel * count if count != 1 else parallel
            if self.weight_unit is not None:
                weight = weight.to(self.weight_unit)
            weights[pattern] = weight * pattern.country.average_carbon_intensity if with_intensity else weight
        return weights

    @calculated
    def fabrication_impact_repartition_weights(self) -> ExplainableObjectDict:
        return self._weights(False)

    @calculated
    def usage_impact_repartition_weights(self) -> ExplainableObjectDict:
        return self._weights(True)
