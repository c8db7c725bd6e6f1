"""A workload running on an edge appliance: the weekly share of the appliance in use."""
from __future__ import annotations

from typing import Any

import numpy as np

from efp_core.builders.edge.edge_appliance import EdgeAppliance
from efp_core.builders.edge.need_from_parent import NeedFromParent
from efp_core.domain.edge.common import check_recurrent, root_unit
from efp_core.domain.edge.hardware.edge_component import EdgeComponent
from efp_core.domain.edge.internal_inputs import InternalInputs
from efp_core.domain.edge.usage.recurrent_edge_component_need import NEED_CHAIN, RecurrentEdgeComponentNeed
from efp_core.domain.edge.usage.recurrent_edge_device_need import RecurrentEdgeDeviceNeed
from efp_core.domain.repartition import REPARTITION
from efp_core.engine import ModelingObject
from efp_core.engine.inputs import InputSpec
from efp_core.units import u
from efp_core.values import ExplainableRecurrentQuantities, SourceRecurrentValues


class RecurrentEdgeWorkloadNeed(NeedFromParent, RecurrentEdgeComponentNeed):
    calculated_attributes_order = ("recurrent_need", *NEED_CHAIN, *REPARTITION)
    parent_attribute = "recurrent_workload"
    default_need_unit = u.concurrent

    def __init__(self, name: str, edge_component: EdgeComponent) -> None:
        ModelingObject.__init__(self, name)
        self.edge_component = edge_component


class RecurrentEdgeWorkload(InternalInputs, RecurrentEdgeDeviceNeed):
    default_values = {"recurrent_workload": SourceRecurrentValues(
        u.Quantity(np.ones(168, dtype=np.float32), u.concurrent))}
    internal_inputs = {"recurrent_edge_component_needs": InputSpec("links", RecurrentEdgeComponentNeed)}
    calculated_attributes_order = REPARTITION

    def __init__(self, name: str, edge_device: EdgeAppliance,
                 recurrent_workload: ExplainableRecurrentQuantities) -> None:
        ModelingObject.__init__(self, name)
        self.edge_device = edge_device
        self.recurrent_workload = recurrent_workload
        self.recurrent_edge_component_needs = [
            RecurrentEdgeWorkloadNeed(f"{name} workload need", edge_component=edge_device.appliance_component)]

    def validated_input(self, attr: str, value: Any, pending: Any = None) -> Any:
        value = super().validated_input(attr, value, pending)
        if attr == "recurrent_workload":
            check_recurrent(self, attr, value, root_unit(u.concurrent), unit_interval=True)
        return value
