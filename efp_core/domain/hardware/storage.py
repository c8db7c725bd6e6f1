"""Storage: capacity needed to keep what jobs store for the storage duration, in whole storage units."""
from __future__ import annotations

import math
from typing import Any

import numpy as np

from efp_core.domain.repartition import ImpactRepartition, repartition, weights_total
from efp_core.engine import archetype, calculated
from efp_core.errors import ComputationError
from efp_core.units import u
from efp_core.values import (
    EmptyExplainableObject,
    ExplainableHourlyQuantities,
    ExplainableObjectDict,
    ExplainableQuantity,
    SourceValue,
)
from efp_core.values.empty import sum_values as _sum
from efp_core.values.hourly import DTYPE
from efp_core.values.time_ops import constant_like, cumsum32

ONE_HOUR = SourceValue(1 * u.hour, label="one hour")



class Storage(ImpactRepartition):
    default_values = {
        "storage_capacity": SourceValue(1 * u.TB),
        "carbon_footprint_fabrication_per_storage_capacity": SourceValue(160 * u.kg / u.TB),
        "data_replication_factor": SourceValue(3 * u.dimensionless), "data_storage_duration": SourceValue(5 * u.year),
        "base_storage_need": SourceValue(0 * u.TB), "lifespan": SourceValue(6 * u.year),
        "fixed_nb_of_instances": EmptyExplainableObject()}
    input_units = {"fixed_nb_of_instances": u.concurrent}
    calculated_attributes_order = (
        "carbon_footprint_fabrication", "full_cumulative_storage_need_per_job", "full_cumulative_storage_need",
        "raw_nb_of_instances", "nb_of_instances", "instances_fabrication_footprint", "instances_energy",
        "energy_footprint", "fabrication_impact_repartition_weights", "fabrication_impact_repartition_weight_sum",
        "fabrication_impact_repartition", "usage_impact_repartition_weight_sum", "usage_impact_repartition")

    def __init__(self, name: str, storage_capacity: ExplainableQuantity,
                 carbon_footprint_fabrication_per_storage_capacity: ExplainableQuantity,
                 data_replication_factor: ExplainableQuantity, data_storage_duration: ExplainableQuantity,
                 base_storage_need: ExplainableQuantity, lifespan: ExplainableQuantity,
                 fixed_nb_of_instances: ExplainableQuantity | EmptyExplainableObject | None = None) -> None:
        super().__init__(name)
        self.storage_capacity = storage_capacity
        self.carbon_footprint_fabrication_per_storage_capacity = carbon_footprint_fabrication_per_storage_capacity
        self.data_replication_factor = data_replication_factor
        self.data_storage_duration = data_storage_duration
        self.base_storage_need = base_storage_need
        self.lifespan = lifespan
        self.fixed_nb_of_instances = fixed_nb_of_instances

    @archetype
    def ssd(cls, name: str = "Default SSD storage", **overrides: Any) -> "Storage":
        return cls.from_defaults(name, **overrides)

    @archetype
    def hdd(cls, name: str = "Default HDD storage", **overrides: Any) -> "Storage":
        values = {"carbon_footprint_fabrication_per_storage_capacity": SourceValue(20 * u.kg / u.TB),
                  "lifespan": SourceValue(4 * u.year)}
        values.update(overrides)
        return cls.from_defaults(name, **values)

    @property
    def servers(self) -> list:
        from efp_core.domain.hardware.server_base import ServerBase
        return [s for s in self.containers_of_type(ServerBase) if s.storage is self]

    @property
    def jobs(self) -> list:
        return list(dict.fromkeys(job for server in self.servers for job in server.jobs))

    @calculated
    def carbon_footprint_fabrication(self) -> Any:
        return self.carbon_footprint_fabrication_per_storage_capacity * self.storage_capacity

    @calculated
    def full_cumulative_storage_need_per_job(self) -> ExplainableObjectDict:
        """Data each job keeps stored: what it writes each hour, deleted after the storage duration."""
        out = ExplainableObjectDict()
        duration_hours = math.ceil(self.data_storage_duration.value.to(u.hour).magnitude)
        for job in self.jobs:
            stored = job.hourly_data_stored_across_usage_patterns
            if isinstance(stored, EmptyExplainableObject):
                out[job] = stored
                continue
            replicated = (stored * self.data_replication_factor).to(u.TB)
            written = replicated.magnitude
            delta = written.copy()
            if duration_hours < len(written):
                delta[duration_hours:] = written[duration_hours:] - written[:len(written) - duration_hours]
            net = replicated._derive(delta.astype(DTYPE), replicated.unit, replicated.start_date,
                                     "written minus expired", replicated, self.data_storage_duration)
            out[job] = cumsum32(net)
        return out

    @calculated
    def full_cumulative_storage_need(self) -> Any:
        needs = [v for v in self.full_cumulative_storage_need_per_job.values()
                 if not isinstance(v, EmptyExplainableObject)]
        if not needs:
            return EmptyExplainableObject()
        return _sum(needs) + self.base_storage_need

    @calculated
    def raw_nb_of_instances(self) -> Any:
        return (self.full_cumulative_storage_need / self.storage_capacity).to(u.concurrent)

    @calculated
    def nb_of_instances(self) -> Any:
        raw = self.raw_nb_of_instances
        if isinstance(raw, EmptyExplainableObject):
            return raw
        ceiled = raw.ceil()
        fixed = self.fixed_nb_of_instances
        if isinstance(fixed, EmptyExplainableObject):
            return ceiled
        needed = float(np.max(ceiled.magnitude))
        if needed > fixed.value.to(u.concurrent).magnitude:
            raise ComputationError(f"Storage '{self.name}': {needed:g} storage units are needed at peak but "
                                   f"fixed_nb_of_instances is {fixed}")
        return constant_like(raw, fixed.to(u.concurrent))

    @calculated
    def instances_fabrication_footprint(self) -> Any:
        return (self.carbon_footprint_fabrication * self.nb_of_instances * ONE_HOUR / self.lifespan).to(u.kg)

    @calculated
    def instances_energy(self) -> EmptyExplainableObject:
        """Storage energy is not modelled (as in the reference)."""
        return EmptyExplainableObject()

    @calculated
    def energy_footprint(self) -> EmptyExplainableObject:
        return EmptyExplainableObject()

    @calculated
    def fabrication_impact_repartition_weights(self) -> ExplainableObjectDict:
        """Each job owns its stored data plus an equal share of unused capacity and base need."""
        weights = ExplainableObjectDict()
        # Jobs that store nothing (not used by any journey) take no share of the unused capacity.
        per_job = {job: need for job, need in self.full_cumulative_storage_need_per_job.items()
                   if not isinstance(need, EmptyExplainableObject)}
        if not per_job:
            return weights
        nb = self.nb_of_instances
        if isinstance(nb, EmptyExplainableObject):
            return weights
        unused = ((nb * self.storage_capacity - self.full_cumulative_storage_need).to(u.GB)
                  + self.base_storage_need) / len(per_job)
        for job, need in per_job.items():
            weights[job] = need + unused.to(u.GB)
        return weights

    @property
    def usage_impact_repartition_weights(self) -> ExplainableObjectDict:  # type: ignore[override]
        return ExplainableObjectDict()

    @calculated
    def usage_impact_repartition_weight_sum(self) -> Any:
        return EmptyExplainableObject()

    @calculated
    def usage_impact_repartition(self) -> ExplainableObjectDict:
        return ExplainableObjectDict()


__all__ = ["ExplainableHourlyQuantities", "Storage", "repartition", "weights_total"]
