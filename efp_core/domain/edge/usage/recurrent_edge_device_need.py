"""What one edge function asks of one edge device: a group of recurrent needs on the device's components."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, List

from efp_core.domain.edge.usage.function_member import EdgeFunctionMember
from efp_core.domain.repartition import REPARTITION
from efp_core.errors import StructureError

if TYPE_CHECKING:
    from efp_core.domain.edge.hardware.edge_device import EdgeDevice
    from efp_core.domain.edge.usage.recurrent_edge_component_need import RecurrentEdgeComponentNeed


def pending_value(obj: Any, attr: str, pending: dict | None) -> Any:
    """The value `attr` of `obj` will have once the update being validated is applied."""
    return (pending or {}).get((obj, attr), obj._values.get(attr))


def foreign_need(device: Any, needs: Any, pending: dict | None) -> tuple[Any, Any] | None:
    """The first (need, component) whose component is not one of `device`'s components, or None."""
    if device is None or not needs:
        return None
    components = device.components_after(pending)
    for need in needs:
        component = pending_value(need, "edge_component", pending)
        if component is not None and not any(component is c for c in components):
            return need, component
    return None


class RecurrentEdgeDeviceNeed(EdgeFunctionMember):
    calculated_attributes_order = REPARTITION

    def __init__(self, name: str, edge_device: "EdgeDevice",
                 recurrent_edge_component_needs: "List[RecurrentEdgeComponentNeed]") -> None:
        super().__init__(name)
        self.edge_device = edge_device
        self.recurrent_edge_component_needs = recurrent_edge_component_needs

    def validated_input(self, attr: str, value: Any, pending: Any = None) -> Any:
        value = super().validated_input(attr, value, pending)
        if attr in ("edge_device", "recurrent_edge_component_needs"):
            merged = {**(pending or {}), (self, attr): value}
            device = pending_value(self, "edge_device", merged)
            found = foreign_need(device, pending_value(self, "recurrent_edge_component_needs", merged), merged)
            if found is not None:
                need, component = found
                raise StructureError(self, attr, f"needs on components of its edge device '{device.name}'", need,
                                     f"'{need.name}' runs on '{component.name}', which belongs to another device "
                                     "(create the need or process for this device instead)")
        return value

