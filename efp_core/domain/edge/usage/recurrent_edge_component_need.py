"""A recurrent need on one edge component: a canonical week of load per deployed device, expanded hour by hour."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from efp_core.domain.edge.common import check_recurrent, devices_in_parallel, patterns_of, root_unit
from efp_core.domain.edge.usage.recurrent_edge_device_need import RecurrentEdgeDeviceNeed, pending_value
from efp_core.domain.repartition import REPARTITION, ImpactRepartition
from efp_core.engine import calculated
from efp_core.errors import StructureError, UnitError
from efp_core.values import (
    EmptyExplainableObject,
    ExplainableHourlyQuantities,
    ExplainableObjectDict,
    ExplainableRecurrentQuantities,
)
from efp_core.values.empty import sum_values

if TYPE_CHECKING:
    from efp_core.domain.edge.hardware.edge_component import EdgeComponent

NEED_CHAIN: tuple[str, ...] = ("validated_recurrent_need", "unitary_hourly_need_per_usage_pattern",
              "total_hourly_need_across_usage_patterns")


class RecurrentEdgeComponentNeed(ImpactRepartition):
    calculated_attributes_order = (*NEED_CHAIN, *REPARTITION)
    is_storage_need: ClassVar[bool] = False

    def __init__(self, name: str, edge_component: "EdgeComponent",
                 recurrent_need: ExplainableRecurrentQuantities) -> None:
        super().__init__(name)
        self.edge_component = edge_component
        self.recurrent_need = recurrent_need

    # ---- input checks -------------------------------------------------------------------------
    def validated_input(self, attr: str, value: Any, pending: Any = None) -> Any:
        value = super().validated_input(attr, value, pending)
        merged = {**(pending or {}), (self, attr): value}
        if attr == "edge_component":
            self._check_component(value, merged)
        if attr in ("edge_component", "recurrent_need") and "recurrent_need" in type(self)._input_names:
            component = pending_value(self, "edge_component", merged)
            need = pending_value(self, "recurrent_need", merged)
            if component is not None and need is not None:
                check_recurrent(self, "recurrent_need", need, component.need_root_unit,
                                component.need_in_unit_interval)
        return value

    def _check_component(self, component: Any, pending: dict) -> None:
        if component.is_storage and not self.is_storage_need:
            raise StructureError(self, "edge_component", "a RAM, CPU or workload component", component,
                                 f"'{component.name}' is an EdgeStorage: use a RecurrentEdgeStorageNeed for it")
        own_unit = getattr(self, "default_need_unit", None)
        if own_unit is not None and root_unit(own_unit) != component.need_root_unit:
            raise UnitError(self, "edge_component", f"a component whose needs are in {own_unit:~P}", component,
                            f"'{component.name}' takes needs reducing to {component.need_root_unit:~P}")
        for device_need in self.containers_of_type(RecurrentEdgeDeviceNeed):
            device = pending_value(device_need, "edge_device", pending)
            if device is not None and not any(component is c for c in device.components_after(pending)):
                raise StructureError(self, "edge_component", f"a component of '{device.name}'", component,
                                     f"'{device_need.name}' runs on '{device.name}'")

    # ---- links --------------------------------------------------------------------------------
    @property
    def recurrent_edge_device_needs(self) -> list:
        return self.containers_of_type(RecurrentEdgeDeviceNeed)

    @property
    def edge_usage_patterns(self) -> list:
        return patterns_of(self.recurrent_edge_device_needs)

    def count_in(self, edge_usage_pattern: Any) -> int:
        """How many times this need is listed by the device needs of the pattern's edge functions."""
        return sum(device_need.recurrent_edge_component_needs.count(self)
                   for function in edge_usage_pattern.edge_usage_journey.edge_functions
                   for device_need in function.recurrent_edge_device_needs)

    # ---- formulas -----------------------------------------------------------------------------
    @calculated
    def validated_recurrent_need(self) -> ExplainableRecurrentQuantities:
        """The weekly need, checked against what its component can take (unit, and [0, 1] for workloads)."""
        component = self.edge_component
        check_recurrent(self, "recurrent_need", self.recurrent_need, component.need_root_unit,
                        component.need_in_unit_interval)
        return self.recurrent_need

    def _placed(self, hourly: ExplainableHourlyQuantities) -> ExplainableHourlyQuantities:
        """Hook for storage needs (which ignore the hours before the first full week)."""
        return hourly

    @calculated
    def unitary_hourly_need_per_usage_pattern(self) -> ExplainableObjectDict:
        """Need of one device each hour: the week pattern placed on the pattern's local calendar."""
        out = ExplainableObjectDict()
        for eup in self.edge_usage_patterns:
            count = self.count_in(eup)
            if count == 0:
                raise StructureError(self, "edge_usage_patterns", "a need listed by the pattern's edge functions",
                                     eup, f"'{eup.name}' does not list '{self.name}'")
            parallel = devices_in_parallel(eup)
            if isinstance(parallel, EmptyExplainableObject):
                out[eup] = EmptyExplainableObject()
                continue
            hourly = self.validated_recurrent_need.expand_like(parallel, eup.country.tz)
            out[eup] = self._placed(hourly * count if count != 1 else hourly)
        return out

    def _per_device(self) -> ExplainableObjectDict:
        return self.unitary_hourly_need_per_usage_pattern

    @calculated
    def total_hourly_need_across_usage_patterns(self) -> Any:
        """Need of all devices in service each hour, summed over patterns."""
        return sum_values(need * devices_in_parallel(eup) for eup, need in self._per_device().items())
