"""Edge storage: sized by capacity; its fabrication counts for every device in service, its energy is not modelled."""
from __future__ import annotations

from typing import Any

from efp_core.domain.edge.common import root_unit
from efp_core.domain.edge.hardware.edge_component import COMPONENT_CHAIN, EdgeComponent
from efp_core.domain.edge.internal_inputs import InternalInputs
from efp_core.engine import archetype, calculated
from efp_core.engine.inputs import InputSpec
from efp_core.errors import RangeError
from efp_core.units import u
from efp_core.values import (
    EmptyExplainableObject,
    ExplainableHourlyQuantities,
    ExplainableObjectDict,
    ExplainableQuantity,
    SourceValue,
)
from efp_core.values.empty import sum_values

QUANTITY = InputSpec("quantity", ExplainableQuantity)


class EdgeStorage(InternalInputs, EdgeComponent):
    default_values = {
        "storage_capacity": SourceValue(1 * u.TB),
        "carbon_footprint_fabrication_per_storage_capacity": SourceValue(160 * u.kg / u.TB),
        "base_storage_need": SourceValue(30 * u.GB), "lifespan": SourceValue(6 * u.year)}
    input_units = {"power": u.W, "idle_power": u.W}
    # Storage energy is not modelled: the power inputs exist (as in e-footprint files) and stay at 0 W.
    internal_inputs = {"power": QUANTITY, "idle_power": QUANTITY}
    calculated_attributes_order = ("carbon_footprint_fabrication", "cumulative_unitary_storage_need_per_usage_pattern",
                                   *COMPONENT_CHAIN)
    need_root_unit = root_unit(u.bit)
    is_storage = True

    def __init__(self, name: str, storage_capacity: ExplainableQuantity,
                 carbon_footprint_fabrication_per_storage_capacity: ExplainableQuantity,
                 base_storage_need: ExplainableQuantity, lifespan: ExplainableQuantity) -> None:
        super().__init__(name)
        self.storage_capacity = storage_capacity
        self.carbon_footprint_fabrication_per_storage_capacity = carbon_footprint_fabrication_per_storage_capacity
        self.base_storage_need = base_storage_need
        self.lifespan = lifespan
        self.power = SourceValue(0 * u.W)
        self.idle_power = SourceValue(0 * u.W)

    @archetype
    def ssd(cls, name: str = "Default SSD storage", **overrides: Any) -> "EdgeStorage":
        return cls._archetype(name, 160, 6, overrides)

    @archetype
    def hdd(cls, name: str = "Default HDD storage", **overrides: Any) -> "EdgeStorage":
        return cls._archetype(name, 20, 4, overrides)

    @classmethod
    def _archetype(cls, name: str, kg_per_tb: float, years: float, overrides: dict[str, Any]) -> "EdgeStorage":
        values: dict[str, Any] = {
            "storage_capacity": SourceValue(1 * u.TB),
            "carbon_footprint_fabrication_per_storage_capacity": SourceValue(kg_per_tb * u.kg / u.TB),
            "base_storage_need": SourceValue(0 * u.TB), "lifespan": SourceValue(years * u.year)}
        values.update(overrides)
        return cls(name, **values)

    @property
    def edge_computers(self) -> list:
        return self.edge_devices

    @calculated
    def carbon_footprint_fabrication(self) -> Any:
        """Fabrication footprint per capacity × capacity (unit kept as the product, e.g. GB·kg/TB)."""
        return self.carbon_footprint_fabrication_per_storage_capacity * self.storage_capacity

    @calculated
    def cumulative_unitary_storage_need_per_usage_pattern(self) -> ExplainableObjectDict:
        """Data held by one device each hour: the base need plus what its storage needs accumulated."""
        out = ExplainableObjectDict()
        for eup in self.edge_usage_patterns:
            stored = sum_values(
                need.cumulative_unitary_storage_need_per_usage_pattern.get(eup, EmptyExplainableObject())
                for need in self.recurrent_edge_component_needs
                if hasattr(need, "cumulative_unitary_storage_need_per_usage_pattern"))
            if isinstance(stored, ExplainableHourlyQuantities):
                stored = stored + self.base_storage_need
                self._check_fits(stored, eup)
            out[eup] = stored
        return out

    def _check_fits(self, stored: ExplainableHourlyQuantities, edge_usage_pattern: Any) -> None:
        lowest, highest = float(stored.magnitude.min()), float(stored.magnitude.max())
        capacity = self.storage_capacity.value.to(stored.unit).magnitude
        where = f"per device in '{edge_usage_pattern.name}'"
        if lowest < 0:
            raise RangeError(self, "cumulative_unitary_storage_need_per_usage_pattern", "a stored volume ≥ 0",
                             stored, f"stored data {where} drops to {lowest:g} {stored.unit:~P}")
        if highest > capacity:
            raise RangeError(self, "storage_capacity", f"at least the data stored {where}", self.storage_capacity,
                             f"stored data reaches {highest:g} {stored.unit:~P}")

    @calculated
    def unitary_power_per_usage_pattern(self) -> ExplainableObjectDict:
        """Storage energy is not modelled: no power."""
        return ExplainableObjectDict({eup: EmptyExplainableObject() for eup in self.edge_usage_patterns})
