"""A step of a user journey: time spent by the user and the jobs it triggers on servers."""
from __future__ import annotations

from typing import TYPE_CHECKING, List

from efp_core.domain.repartition import REPARTITION, ImpactRepartition
from efp_core.units import u
from efp_core.values import ExplainableQuantity, SourceValue

if TYPE_CHECKING:
    from efp_core.domain.usage.job import JobBase


class UsageJourneyStep(ImpactRepartition):
    default_values = {"user_time_spent": SourceValue(1 * u.min)}
    calculated_attributes_order = REPARTITION

    def __init__(self, name: str, user_time_spent: ExplainableQuantity, jobs: "List[JobBase]") -> None:
        super().__init__(name)
        self.user_time_spent = user_time_spent
        self.jobs = jobs

    @property
    def usage_journeys(self) -> list:
        from efp_core.domain.usage.usage_journey import UsageJourney
        return self.containers_of_type(UsageJourney)
