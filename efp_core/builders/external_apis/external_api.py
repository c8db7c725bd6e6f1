"""External APIs: a service run by someone else, called by jobs, whose footprint is per request.

An ExternalAPI owns one ExternalAPIServer, created with it (named "<api name> server"). The server adds up the
per-request impacts of the API's jobs hour by hour (methodology §6.4); the API shows the server's footprints as its
own, since the System counts the API (category "ExternalAPIs"), not the server.
"""
from __future__ import annotations

from typing import Any, ClassVar

from efp_core.domain.repartition import REPARTITION, ImpactRepartition
from efp_core.domain.usage.job import JobBase
from efp_core.engine import ModelingObject, calculated
from efp_core.units import u
from efp_core.values import ExplainableObjectDict, SourceValue
from efp_core.values.empty import sum_values as _sum

NO_DATA_STORED = SourceValue(0 * u.kB, label="Data stored by an external API request (none)")

SERVER_FOOTPRINTS = ("instances_fabrication_footprint", "instances_energy", "energy_footprint")



class ExternalAPI(ModelingObject):
    """An API called by ExternalAPIJobs; `server` is created with it and carries its footprints."""

    server_class: ClassVar[type[ExternalAPIServer]]

    def _create_server(self) -> None:
        """Create this API's server (call at the end of the subclass constructor)."""
        server = self.server_class(f"{self.name} server")
        object.__setattr__(self, "server", server)
        server._attach(self)

    @property
    def jobs(self) -> list:
        """The jobs that call this API, in linking order."""
        return self.containers_of_type(ExternalAPIJob)

    @classmethod
    def compatible_jobs(cls) -> list[type]:
        return [job for job in _all_subclasses(ExternalAPIJob)
                if job.__init__.__annotations__.get("external_api") in (cls, cls.__name__)]  # type: ignore[misc]

    # The API has no footprint of its own: it shows its server's (methodology §6.2).
    @property
    def instances_fabrication_footprint(self) -> Any:
        return self.server.instances_fabrication_footprint

    @property
    def instances_energy(self) -> Any:
        return self.server.instances_energy

    @property
    def energy_footprint(self) -> Any:
        return self.server.energy_footprint

    @property
    def fabrication_impact_repartition_weights(self) -> ExplainableObjectDict:
        return self.server.fabrication_impact_repartition_weights

    @property
    def fabrication_impact_repartition_weight_sum(self) -> Any:
        return self.server.fabrication_impact_repartition_weight_sum

    @property
    def fabrication_impact_repartition(self) -> ExplainableObjectDict:
        return self.server.fabrication_impact_repartition

    @property
    def usage_impact_repartition_weights(self) -> ExplainableObjectDict:
        return self.server.usage_impact_repartition_weights

    @property
    def usage_impact_repartition_weight_sum(self) -> Any:
        return self.server.usage_impact_repartition_weight_sum

    @property
    def usage_impact_repartition(self) -> ExplainableObjectDict:
        return self.server.usage_impact_repartition


class ExternalAPIJob(JobBase):
    """A request to an external API. Subclasses compute `data_transferred`, `request_duration` and the per-request
    `request_embodied_gwp`, `request_energy` and `request_usage_gwp` the API's server sums."""

    @property
    def data_stored(self) -> Any:
        """External API requests store nothing on the modelled infrastructure."""
        return NO_DATA_STORED

    @property
    def server(self) -> ExternalAPIServer:
        return self.external_api.server

    @calculated
    def hourly_occurrences_across_usage_patterns(self) -> Any:
        """Requests started each hour, all usage patterns together (not spread over the request duration)."""
        return _sum(self.hourly_occurrences_per_usage_pattern.values()).to(u.occurrence)


class ExternalAPIServer(ImpactRepartition):
    """The infrastructure behind an external API: footprints = per-request values × requests started each hour."""

    calculated_attributes_order = (*SERVER_FOOTPRINTS, *REPARTITION)

    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.__dict__["_external_api"] = None

    def _attach(self, external_api: ExternalAPI) -> None:
        self.__dict__["_external_api"] = external_api
        # The API holds this server: make it visible as the server's container (and lead to the API's systems).
        self._link_container(external_api, "server")

    @property
    def external_api(self) -> ExternalAPI | None:
        return self.__dict__["_external_api"]

    @property
    def jobs(self) -> list:
        api = self.external_api
        return api.jobs if api is not None else []

    def _per_job(self, per_request_attr: str) -> ExplainableObjectDict:
        return ExplainableObjectDict({
            job: getattr(job, per_request_attr) * job.hourly_occurrences_across_usage_patterns for job in self.jobs})

    @calculated
    def instances_fabrication_footprint(self) -> Any:
        """Σ over the API's jobs of embodied impact per request × requests started each hour."""
        return _sum(self._per_job("request_embodied_gwp").values())

    @calculated
    def instances_energy(self) -> Any:
        """Σ over the API's jobs of energy per request × requests started each hour."""
        return _sum(self._per_job("request_energy").values())

    @calculated
    def energy_footprint(self) -> Any:
        """Σ over the API's jobs of usage impact per request (provider datacenter mix) × requests each hour."""
        return _sum(self._per_job("request_usage_gwp").values())

    @calculated
    def fabrication_impact_repartition_weights(self) -> ExplainableObjectDict:
        """Each job's share: its embodied impact per request × its requests started each hour."""
        return self._per_job("request_embodied_gwp")

    @calculated
    def usage_impact_repartition_weights(self) -> ExplainableObjectDict:
        """Each job's share: its usage impact per request × its requests started each hour."""
        return self._per_job("request_usage_gwp")


def _all_subclasses(cls: type) -> list[type]:
    found: list[type] = []
    sub: type
    for sub in cls.__subclasses__():
        found.append(sub)
        found.extend(_all_subclasses(sub))
    return found


__all__ = ["ExternalAPI", "ExternalAPIJob", "ExternalAPIServer", "NO_DATA_STORED"]
