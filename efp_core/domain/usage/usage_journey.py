"""A user journey: the ordered steps one user goes through; journeys overlap in time by their duration."""
from __future__ import annotations

from typing import Any, List

from efp_core.domain.repartition import REPARTITION
from efp_core.domain.usage.journey_weights import JourneyRepartition
from efp_core.domain.usage.usage_journey_step import UsageJourneyStep
from efp_core.engine import calculated
from efp_core.errors import StructureError
from efp_core.values import EmptyExplainableObject, ExplainableObjectDict, ExplainableQuantity
from efp_core.values.time_ops import spread


class UsageJourney(JourneyRepartition):
    calculated_attributes_order = ("duration", "nb_usage_journeys_in_parallel_per_usage_pattern", *REPARTITION)

    def __init__(self, name: str, uj_steps: List[UsageJourneyStep]) -> None:
        super().__init__(name)
        self.uj_steps = uj_steps

    def validated_input(self, attr: str, value: Any, pending: Any = None) -> Any:
        value = super().validated_input(attr, value, pending)
        if attr == "uj_steps" and len(value) == 0:
            raise StructureError(self, attr, "at least one UsageJourneyStep", value,
                                 "a journey with no step has no duration")
        return value

    @property
    def usage_patterns(self) -> list:
        from efp_core.domain.usage.usage_pattern import UsagePattern
        return self.containers_of_type(UsagePattern)

    @calculated
    def duration(self) -> ExplainableQuantity:
        """Total user time of the journey (steps in order, in the first step's unit)."""
        total: Any = EmptyExplainableObject()
        for step in self.uj_steps:
            total = total + step.user_time_spent
        return total

    @calculated
    def nb_usage_journeys_in_parallel_per_usage_pattern(self) -> ExplainableObjectDict:
        """Journeys in progress each hour: each started journey lasts `duration` from its start hour."""
        return ExplainableObjectDict({up: spread(up.utc_hourly_usage_journey_starts, self.duration)
                                      for up in self.usage_patterns})

    def _parallel_per_pattern(self) -> ExplainableObjectDict:
        return self.nb_usage_journeys_in_parallel_per_usage_pattern
