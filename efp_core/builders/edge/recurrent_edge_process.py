"""A process running on an edge computer: weekly CPU, RAM and storage needs, one component need for each."""
from __future__ import annotations

from typing import Any

import numpy as np

from efp_core.builders.edge.edge_computer import EdgeComputer
from efp_core.builders.edge.need_from_parent import NeedFromParent
from efp_core.domain.edge.common import check_recurrent, root_unit
from efp_core.domain.edge.hardware.edge_component import EdgeComponent
from efp_core.domain.edge.hardware.edge_storage import EdgeStorage
from efp_core.domain.edge.internal_inputs import InternalInputs
from efp_core.domain.edge.usage.recurrent_edge_component_need import NEED_CHAIN, RecurrentEdgeComponentNeed
from efp_core.domain.edge.usage.recurrent_edge_device_need import RecurrentEdgeDeviceNeed
from efp_core.domain.edge.usage.recurrent_edge_storage_need import STORAGE_NEED_CHAIN, RecurrentEdgeStorageNeed
from efp_core.domain.repartition import REPARTITION
from efp_core.engine import ModelingObject
from efp_core.engine.inputs import InputSpec
from efp_core.units import u
from efp_core.values import ExplainableRecurrentQuantities, SourceRecurrentValues


def _week(value: float, unit: Any) -> SourceRecurrentValues:
    return SourceRecurrentValues(u.Quantity(np.full(168, value, dtype=np.float32), unit))


class RecurrentEdgeProcessNeed(NeedFromParent, RecurrentEdgeComponentNeed):
    calculated_attributes_order = ("recurrent_need", *NEED_CHAIN, *REPARTITION)

    def __init__(self, name: str, edge_component: EdgeComponent) -> None:
        ModelingObject.__init__(self, name)
        self.edge_component = edge_component


class RecurrentEdgeProcessRAMNeed(RecurrentEdgeProcessNeed):
    parent_attribute = "recurrent_ram_needed"
    default_need_unit = u.GB_ram


class RecurrentEdgeProcessCPUNeed(RecurrentEdgeProcessNeed):
    parent_attribute = "recurrent_compute_needed"
    default_need_unit = u.cpu_core


class RecurrentEdgeProcessStorageNeed(RecurrentEdgeProcessNeed, RecurrentEdgeStorageNeed):
    calculated_attributes_order = ("recurrent_need", *STORAGE_NEED_CHAIN, *REPARTITION)
    parent_attribute = "recurrent_storage_needed"
    default_need_unit = u.GB

    def __init__(self, name: str, edge_component: EdgeStorage) -> None:
        ModelingObject.__init__(self, name)
        self.edge_component = edge_component


# Unit each weekly input must reduce to.
PROCESS_INPUT_ROOTS = {"recurrent_compute_needed": root_unit(u.cpu_core),
                       "recurrent_ram_needed": root_unit(u.bit_ram),
                       "recurrent_storage_needed": root_unit(u.bit)}


class RecurrentEdgeProcess(InternalInputs, RecurrentEdgeDeviceNeed):
    default_values = {"recurrent_compute_needed": _week(1, u.cpu_core), "recurrent_ram_needed": _week(1, u.GB_ram),
                      "recurrent_storage_needed": _week(0, u.GB)}
    internal_inputs = {"recurrent_edge_component_needs": InputSpec("links", RecurrentEdgeComponentNeed)}
    calculated_attributes_order = REPARTITION
    signed_inputs = frozenset({"recurrent_storage_needed"})  # data deleted in some hours; the total stays ≥ 0

    def __init__(self, name: str, edge_device: EdgeComputer, recurrent_compute_needed: ExplainableRecurrentQuantities,
                 recurrent_ram_needed: ExplainableRecurrentQuantities,
                 recurrent_storage_needed: ExplainableRecurrentQuantities) -> None:
        ModelingObject.__init__(self, name)
        self.edge_device = edge_device
        self.recurrent_compute_needed = recurrent_compute_needed
        self.recurrent_ram_needed = recurrent_ram_needed
        self.recurrent_storage_needed = recurrent_storage_needed
        self.recurrent_edge_component_needs = [
            RecurrentEdgeProcessRAMNeed(f"{name} RAM need", edge_component=edge_device.ram_component),
            RecurrentEdgeProcessCPUNeed(f"{name} CPU need", edge_component=edge_device.cpu_component),
            RecurrentEdgeProcessStorageNeed(f"{name} storage need", edge_component=edge_device.storage)]

    def entangled_changes(self, attr: str, new_value: Any) -> list[tuple[ModelingObject, str, Any]]:
        """Moving the process to another computer moves its RAM, CPU and storage needs to that computer's parts."""
        if attr != "edge_device" or not isinstance(new_value, EdgeComputer):
            return []
        targets = {RecurrentEdgeProcessRAMNeed: new_value.ram_component,
                   RecurrentEdgeProcessCPUNeed: new_value.cpu_component,
                   RecurrentEdgeProcessStorageNeed: new_value.storage}
        return [(need, "edge_component", targets[type(need)]) for need in self.recurrent_edge_component_needs
                if type(need) in targets]

    def validated_input(self, attr: str, value: Any, pending: Any = None) -> Any:
        value = super().validated_input(attr, value, pending)
        if attr in PROCESS_INPUT_ROOTS:
            check_recurrent(self, attr, value, PROCESS_INPUT_ROOTS[attr])
        return value
