"""Servers: sized hour by hour from the RAM and compute their jobs need; footprints per provisioned instance."""
from __future__ import annotations

from typing import Any

import numpy as np

from efp_core.domain.repartition import ImpactRepartition, repartition, weights_total
from efp_core.engine import calculated
from efp_core.errors import ComputationError, RangeError
from efp_core.units import u
from efp_core.values import (
    EmptyExplainableObject,
    ExplainableHourlyQuantities,
    ExplainableObjectDict,
    SourceObject,
    SourceValue,
)
from efp_core.values.empty import sum_values as _sum
from efp_core.values.time_ops import constant_like

ONE_HOUR = SourceValue(1 * u.hour, label="one hour")


class ServerTypes:
    """How instances are provisioned: per hour (autoscaling), fixed (on-premise) or fractional (serverless)."""

    @staticmethod
    def autoscaling() -> SourceObject:
        return SourceObject("autoscaling")

    @staticmethod
    def on_premise() -> SourceObject:
        return SourceObject("on-premise")

    @staticmethod
    def serverless() -> SourceObject:
        return SourceObject("serverless")

    @classmethod
    def all(cls) -> list[SourceObject]:
        return [cls.autoscaling(), cls.on_premise(), cls.serverless()]


SERVER_CALCULATED = (
    "hour_by_hour_ram_need", "hour_by_hour_compute_need", "occupied_ram_per_instance",
    "occupied_compute_per_instance", "available_ram_per_instance", "available_compute_per_instance",
    "raw_nb_of_instances", "nb_of_instances", "instances_fabrication_footprint", "instances_energy",
    "energy_footprint", "service_total_job_volumes", "job_repartition_weights",
    "fabrication_impact_repartition_weight_sum", "fabrication_impact_repartition",
    "usage_impact_repartition_weight_sum", "usage_impact_repartition")

FIXED_NB_CONDITIONS = {"depends_on": "server_type", "conditional_list_values": {
    "autoscaling": [EmptyExplainableObject()], "serverless": [EmptyExplainableObject()]}}



class ServerBase(ImpactRepartition):
    """What Server, GPUServer and cloud servers share: sizing from job needs and instance footprints."""

    list_values = {"server_type": ServerTypes.all()}
    conditional_list_values = {"fixed_nb_of_instances": FIXED_NB_CONDITIONS}
    calculated_attributes_order = SERVER_CALCULATED
    # The job weights feed only the repartitions (see ImpactRepartition).
    on_demand_attributes = ImpactRepartition.on_demand_attributes | {"service_total_job_volumes",
                                                                     "job_repartition_weights"}
    compute_unit = u.cpu_core

    def validated_input(self, attr: str, value: Any, pending: Any = None) -> Any:
        value = super().validated_input(attr, value, pending)
        if attr == "fixed_nb_of_instances" and not getattr(value, "is_empty", True):
            server_type = (pending or {}).get((self, "server_type"), self._values.get("server_type"))
            if getattr(server_type, "value", None) in ("autoscaling", "serverless"):
                raise RangeError(self, attr, "no value (only on-premise servers have a fixed number of instances)",
                                 value)
        return value

    @property
    def services(self) -> list:
        from efp_core.domain.services.service import Service
        return self.containers_of_type(Service)

    @property
    def jobs(self) -> list:
        """Jobs naming this server directly, then the jobs of the services installed on it."""
        from efp_core.domain.usage.job import DirectServerJob
        jobs = [c for c in self.containers_of_type(DirectServerJob)]
        for service in self.services:
            jobs.extend(service.jobs)
        return list(dict.fromkeys(jobs))

    @calculated
    def hour_by_hour_ram_need(self) -> Any:
        return _sum(job.hourly_avg_occurrences_across_usage_patterns * job.ram_needed for job in self.jobs) \
            .to(u.GB_ram)

    @calculated
    def hour_by_hour_compute_need(self) -> Any:
        return _sum(job.hourly_avg_occurrences_across_usage_patterns * job.compute_needed for job in self.jobs) \
            .to(self.compute_unit)

    @calculated
    def occupied_ram_per_instance(self) -> Any:
        return _sum([self.base_ram_consumption, *(s.base_ram_consumption for s in self.services)]).to(u.GB_ram)

    @calculated
    def occupied_compute_per_instance(self) -> Any:
        return _sum([self.base_compute_consumption, *(s.base_compute_consumption for s in self.services)]) \
            .to(self.compute_unit)

    @calculated
    def available_ram_per_instance(self) -> Any:
        available = self.ram * self.utilization_rate - self.occupied_ram_per_instance
        if available.magnitude <= 0:
            raise ComputationError(f"{type(self).__name__} '{self.name}': RAM left per instance is {available} "
                                   "once base consumptions are taken; raise ram or utilization_rate")
        return available

    @calculated
    def available_compute_per_instance(self) -> Any:
        available = self.compute * self.utilization_rate - self.occupied_compute_per_instance
        if available.magnitude <= 0:
            raise ComputationError(f"{type(self).__name__} '{self.name}': compute left per instance is "
                                   f"{available}; raise compute or utilization_rate")
        return available

    @calculated
    def raw_nb_of_instances(self) -> Any:
        """Instances needed each hour: the larger of the RAM and compute ratios (fractional)."""
        ram_ratio = (self.hour_by_hour_ram_need / self.available_ram_per_instance).to(u.concurrent)
        compute_ratio = (self.hour_by_hour_compute_need / self.available_compute_per_instance).to(u.concurrent)
        if isinstance(ram_ratio, EmptyExplainableObject):
            return compute_ratio
        return ram_ratio.np_compared_with(compute_ratio, "max")

    @calculated
    def nb_of_instances(self) -> Any:
        raw = self.raw_nb_of_instances
        if isinstance(raw, EmptyExplainableObject):
            return raw
        server_type = self.server_type.value
        if server_type == "autoscaling":
            return raw.ceil()
        if server_type == "serverless":
            return raw
        needed = float(np.ceil(np.max(raw.magnitude)))
        fixed = self.fixed_nb_of_instances
        if isinstance(fixed, EmptyExplainableObject):
            return constant_like(raw, SourceValue(needed * u.concurrent, label="max of raw instances, ceiled"))
        if needed > fixed.value.to(u.concurrent).magnitude:
            raise ComputationError(f"{type(self).__name__} '{self.name}': {needed:g} instances are needed at peak "
                                   f"but fixed_nb_of_instances is {fixed}")
        return constant_like(raw, fixed.to(u.concurrent))

    @calculated
    def instances_fabrication_footprint(self) -> Any:
        """Fabrication amortised linearly over the lifespan, per provisioned instance-hour."""
        return (self.carbon_footprint_fabrication * self.nb_of_instances * ONE_HOUR / self.lifespan).to(u.kg)

    @calculated
    def instances_energy(self) -> Any:
        """Idle power for every provisioned instance, dynamic power in proportion to the raw load."""
        nb = self.nb_of_instances
        if isinstance(nb, EmptyExplainableObject):
            return nb
        idle = self.idle_power * self.power_usage_effectiveness * ONE_HOUR
        dynamic = (self.power - self.idle_power) * self.power_usage_effectiveness * ONE_HOUR
        return (nb * idle + self.raw_nb_of_instances * dynamic).to(u.kWh)

    @calculated
    def energy_footprint(self) -> Any:
        return (self.instances_energy * self.average_carbon_intensity).to(u.kg)

    @calculated
    def service_total_job_volumes(self) -> ExplainableObjectDict:
        return ExplainableObjectDict({
            service: _sum(j.hourly_avg_occurrences_across_usage_patterns for j in service.jobs).to(u.concurrent)
            for service in self.services})

    def _resource_share(self, compute: Any, ram: Any) -> Any:
        parts = []
        if not getattr(compute, "is_empty", False):
            parts.append((compute / self.compute).to(u.dimensionless))
        if not getattr(ram, "is_empty", False):
            parts.append((ram / self.ram).to(u.dimensionless))
        return _sum(parts)

    @calculated
    def job_repartition_weights(self) -> ExplainableObjectDict:
        """Each job's share of the server: its RAM and compute fractions times its requests in progress."""
        weights = ExplainableObjectDict()
        services = self.services
        for job in self.jobs:
            avg = job.hourly_avg_occurrences_across_usage_patterns
            own = self._resource_share(job.compute_needed, job.ram_needed) * avg
            service = getattr(job, "service", None)
            if service is not None and service in services:
                if isinstance(avg, EmptyExplainableObject):
                    weights[job] = avg
                    continue
                base = self._resource_share(service.base_compute_consumption, service.base_ram_consumption)
                share_of_service = avg / self.service_total_job_volumes[service]
                weights[job] = (base * self.nb_of_instances * share_of_service + own).to(u.concurrent)
            else:
                weights[job] = own.to(u.concurrent) if not isinstance(own, EmptyExplainableObject) else own
        return weights

    @property
    def fabrication_impact_repartition_weights(self) -> ExplainableObjectDict:  # type: ignore[override]
        return self.job_repartition_weights

    @property
    def usage_impact_repartition_weights(self) -> ExplainableObjectDict:  # type: ignore[override]
        return self.job_repartition_weights

    @calculated
    def fabrication_impact_repartition_weight_sum(self) -> Any:
        return weights_total(self.job_repartition_weights)

    @calculated
    def fabrication_impact_repartition(self) -> ExplainableObjectDict:
        return repartition(self.job_repartition_weights, self.fabrication_impact_repartition_weight_sum)

    @calculated
    def usage_impact_repartition_weight_sum(self) -> Any:
        return weights_total(self.job_repartition_weights)

    @calculated
    def usage_impact_repartition(self) -> ExplainableObjectDict:
        return repartition(self.job_repartition_weights, self.usage_impact_repartition_weight_sum)


__all__ = ["ExplainableHourlyQuantities", "ServerBase", "ServerTypes"]
