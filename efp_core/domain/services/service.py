"""Services installed on a server (video streaming...): they add base load and offer higher-level jobs."""
from __future__ import annotations

from typing import Any

from efp_core.domain.repartition import REPARTITION
from efp_core.domain.usage.job import JOB_CHAIN, JobBase
from efp_core.engine import ModelingObject


class Service(ModelingObject):
    """A service runs on one server; its jobs are the ServiceJobs that name it."""

    calculated_attributes_order: tuple[str, ...] = ()

    @property
    def jobs(self) -> list:
        return self.containers_of_type(ServiceJob)

    @classmethod
    def compatible_jobs(cls) -> list[type]:
        return [job for job in _all_subclasses(ServiceJob) if job.__init__.__annotations__.get("service") in
                (cls, cls.__name__)]


class ServiceJob(JobBase):
    """A job whose resource needs are computed by its service from simpler inputs."""

    calculated_attributes_order = (*JOB_CHAIN, *REPARTITION)

    @property
    def server(self) -> Any:
        return self.service.server


def _all_subclasses(cls: type) -> list[type]:
    found: list[type] = []
    for sub in cls.__subclasses__():
        found.append(sub)
        found.extend(_all_subclasses(sub))
    return found
