"""Jobs: requests made on servers during journey steps; their hourly occurrences drive server load."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from efp_core.domain.repartition import REPARTITION, ImpactRepartition
from efp_core.engine import calculated
from efp_core.units import u
from efp_core.values import EmptyExplainableObject, ExplainableObjectDict, ExplainableQuantity, SourceValue
from efp_core.values.empty import sum_values as _sum
from efp_core.values.time_ops import shift, spread

if TYPE_CHECKING:
    from efp_core.domain.hardware.gpu_server import GPUServer
    from efp_core.domain.hardware.server import Server

ONE_HOUR = SourceValue(1 * u.hour, label="one hour")

JOB_CHAIN = ("hourly_occurrences_per_usage_pattern", "hourly_avg_occurrences_per_usage_pattern",
             "hourly_data_transferred_per_usage_pattern", "hourly_data_stored_per_usage_pattern",
             "hourly_avg_occurrences_across_usage_patterns", "hourly_data_transferred_across_usage_patterns",
             "hourly_data_stored_across_usage_patterns")



class JobBase(ImpactRepartition):
    """What every job has: request duration, data transferred and stored, and the hourly chain from them."""

    calculated_attributes_order = (*JOB_CHAIN, *REPARTITION)

    @property
    def usage_journey_steps(self) -> list:
        from efp_core.domain.usage.usage_journey_step import UsageJourneyStep
        return self.containers_of_type(UsageJourneyStep)

    @property
    def usage_patterns(self) -> list:
        """Web usage patterns whose journeys include this job, then edge patterns that call it."""
        patterns: list = []
        for step in self.usage_journey_steps:
            for journey in step.usage_journeys:
                patterns.extend(journey.usage_patterns)
        for container in self.modeling_obj_containers:
            patterns.extend(getattr(container, "edge_usage_patterns", []))
        return list(dict.fromkeys(patterns))

    @calculated
    def hourly_occurrences_per_usage_pattern(self) -> ExplainableObjectDict:
        """Requests started each hour: journey starts shifted by the time spent in earlier steps."""
        out = ExplainableObjectDict()
        for step in self.usage_journey_steps:
            for journey in step.usage_journeys:
                for up in journey.usage_patterns:
                    if up in out:
                        continue
                    occurrences: Any = EmptyExplainableObject()
                    delay: Any = SourceValue(0 * u.min)
                    for journey_step in journey.uj_steps:
                        for job in journey_step.jobs:
                            if job is self:
                                occurrences = occurrences + shift(up.utc_hourly_usage_journey_starts, delay)
                        delay = delay + journey_step.user_time_spent
                    out[up] = occurrences
        for container in self.modeling_obj_containers:
            contribution = getattr(container, "job_occurrences_per_usage_pattern", None)
            if contribution is not None:
                for up, occurrences in contribution(self).items():
                    out[up] = out[up] + occurrences if up in out else occurrences
        return out

    @calculated
    def hourly_avg_occurrences_per_usage_pattern(self) -> ExplainableObjectDict:
        """Requests in progress each hour (each lasts `request_duration`)."""
        return ExplainableObjectDict({up: spread(occ, self.request_duration)
                                      for up, occ in self.hourly_occurrences_per_usage_pattern.items()})

    def _hourly_volume(self, volume: ExplainableQuantity) -> ExplainableObjectDict:
        rate = volume * ONE_HOUR / self.request_duration
        return ExplainableObjectDict({up: (avg * rate).to(u.MB)
                                      for up, avg in self.hourly_avg_occurrences_per_usage_pattern.items()})

    @calculated
    def hourly_data_transferred_per_usage_pattern(self) -> ExplainableObjectDict:
        """Data sent each hour, spread like the requests themselves."""
        return self._hourly_volume(self.data_transferred)

    @calculated
    def hourly_data_stored_per_usage_pattern(self) -> ExplainableObjectDict:
        return self._hourly_volume(self.data_stored)

    @calculated
    def hourly_avg_occurrences_across_usage_patterns(self) -> Any:
        return _sum(self.hourly_avg_occurrences_per_usage_pattern.values()).to(u.concurrent)

    @calculated
    def hourly_data_transferred_across_usage_patterns(self) -> Any:
        return _sum(self.hourly_data_transferred_per_usage_pattern.values()).to(u.MB)

    @calculated
    def hourly_data_stored_across_usage_patterns(self) -> Any:
        return _sum(self.hourly_data_stored_per_usage_pattern.values()).to(u.MB)


class DirectServerJob(JobBase):
    """A job described by its resource needs on a server it names directly."""

    def __init__(self, name: str, server: Any, data_transferred: ExplainableQuantity,
                 data_stored: ExplainableQuantity, request_duration: ExplainableQuantity,
                 compute_needed: ExplainableQuantity, ram_needed: ExplainableQuantity) -> None:
        super().__init__(name)
        self.server = server
        self.data_transferred = data_transferred
        self.data_stored = data_stored
        self.request_duration = request_duration
        self.compute_needed = compute_needed
        self.ram_needed = ram_needed.to(u.MB_ram) if hasattr(ram_needed, "to") else ram_needed


class Job(DirectServerJob):
    default_values = {
        "data_transferred": SourceValue(150 * u.kB), "data_stored": SourceValue(100 * u.kB),
        "request_duration": SourceValue(1 * u.s), "compute_needed": SourceValue(0.1 * u.cpu_core),
        "ram_needed": SourceValue(50 * u.MB_ram)}

    def __init__(self, name: str, server: "Server", data_transferred: ExplainableQuantity,
                 data_stored: ExplainableQuantity, request_duration: ExplainableQuantity,
                 compute_needed: ExplainableQuantity, ram_needed: ExplainableQuantity) -> None:
        super().__init__(name, server, data_transferred, data_stored, request_duration, compute_needed, ram_needed)


class GPUJob(DirectServerJob):
    default_values = {
        "data_transferred": SourceValue(150 * u.kB), "data_stored": SourceValue(100 * u.kB),
        "request_duration": SourceValue(1 * u.s), "compute_needed": SourceValue(1 * u.gpu),
        "ram_needed": SourceValue(50 * u.MB_ram)}

    def __init__(self, name: str, server: "GPUServer", data_transferred: ExplainableQuantity,
                 data_stored: ExplainableQuantity, request_duration: ExplainableQuantity,
                 compute_needed: ExplainableQuantity, ram_needed: ExplainableQuantity) -> None:
        super().__init__(name, server, data_transferred, data_stored, request_duration, compute_needed, ram_needed)
