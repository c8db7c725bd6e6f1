"""Requests that each deployed edge device sends to web jobs, as a canonical week of volumes per device."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, List

import numpy as np

from efp_core.domain.edge.common import check_recurrent, devices_in_parallel
from efp_core.domain.edge.usage.function_member import EdgeFunctionMember
from efp_core.domain.repartition import REPARTITION
from efp_core.engine import calculated
from efp_core.errors import UnitError
from efp_core.units import u
from efp_core.values import (
    EmptyExplainableObject,
    ExplainableObjectDict,
    ExplainableRecurrentQuantities,
    SourceRecurrentValues,
)

if TYPE_CHECKING:
    from efp_core.domain.edge.hardware.edge_device import EdgeDevice
    from efp_core.domain.usage.job import JobBase


class RecurrentServerNeed(EdgeFunctionMember):
    default_values = {"recurrent_volume_per_edge_device": SourceRecurrentValues(
        u.Quantity(np.ones(168, dtype=np.float32), u.occurrence))}
    calculated_attributes_order = ("validated_recurrent_need", "unitary_hourly_volume_per_usage_pattern",
                                   *REPARTITION)

    def __init__(self, name: str, edge_device: "EdgeDevice",
                 recurrent_volume_per_edge_device: ExplainableRecurrentQuantities, jobs: "List[JobBase]") -> None:
        super().__init__(name)
        self.edge_device = edge_device
        self.recurrent_volume_per_edge_device = recurrent_volume_per_edge_device
        self.jobs = jobs

    def validated_input(self, attr: str, value: Any, pending: Any = None) -> Any:
        value = super().validated_input(attr, value, pending)
        if attr == "recurrent_volume_per_edge_device":
            _check_volume(self, attr, value)
        return value

    @calculated
    def validated_recurrent_need(self) -> ExplainableRecurrentQuantities:
        """The weekly request volume per device (occurrences, ≥ 0)."""
        _check_volume(self, "recurrent_volume_per_edge_device", self.recurrent_volume_per_edge_device)
        return self.recurrent_volume_per_edge_device

    @calculated
    def unitary_hourly_volume_per_usage_pattern(self) -> ExplainableObjectDict:
        """Requests sent by one device each hour: the week pattern placed on the pattern's local calendar."""
        out = ExplainableObjectDict()
        for eup in self.edge_usage_patterns:
            count = sum(function.recurrent_server_needs.count(self)
                        for function in eup.edge_usage_journey.edge_functions)
            parallel = devices_in_parallel(eup)
            if isinstance(parallel, EmptyExplainableObject) or count == 0:
                out[eup] = EmptyExplainableObject()
                continue
            hourly = self.validated_recurrent_need.expand_like(parallel, eup.country.tz)
            out[eup] = hourly * count if count != 1 else hourly
        return out

    def job_occurrences_per_usage_pattern(self, job: Any) -> dict:
        """Requests to `job` started each hour by all devices in service, per edge usage pattern."""
        count = sum(1 for listed in self.jobs if listed is job)
        out = {}
        for eup, volume in self.unitary_hourly_volume_per_usage_pattern.items():
            occurrences = volume * devices_in_parallel(eup)
            occurrences = occurrences * count if count != 1 else occurrences
            out[eup] = occurrences.to(u.occurrence)
        return out


def _check_volume(obj: Any, attr: str, value: Any) -> None:
    check_recurrent(obj, attr, value, u.occurrence)
    if isinstance(value, ExplainableRecurrentQuantities) and value.unit != u.occurrence:
        raise UnitError(obj, attr, "request volumes in occurrence", value, f"got {value.unit:~P}")
