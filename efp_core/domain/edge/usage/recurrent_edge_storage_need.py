"""A recurrent need on an edge storage: data written each hour, accumulated over the device's service."""
from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, ClassVar

import pytz

from efp_core.domain.edge.usage.recurrent_edge_component_need import NEED_CHAIN, RecurrentEdgeComponentNeed
from efp_core.domain.repartition import REPARTITION
from efp_core.engine import calculated
from efp_core.values import ExplainableHourlyQuantities, ExplainableObjectDict, ExplainableRecurrentQuantities
from efp_core.values.time_ops import cumsum32

if TYPE_CHECKING:
    from efp_core.domain.edge.hardware.edge_storage import EdgeStorage

STORAGE_NEED_CHAIN: tuple[str, ...] = (*NEED_CHAIN[:2], "cumulative_unitary_storage_need_per_usage_pattern",
                                       NEED_CHAIN[2])


def hours_before_first_monday(start: datetime) -> int:
    """Whole hours from `start` (UTC, as the reference) to the next Monday 00:00; 0 on a Monday 00:00."""
    moment = start.astimezone(pytz.utc) if start.tzinfo else start
    if moment.weekday() == 0 and moment.hour == 0:
        return 0
    return (7 - moment.weekday()) * 24 - moment.hour


class RecurrentEdgeStorageNeed(RecurrentEdgeComponentNeed):
    calculated_attributes_order = (*STORAGE_NEED_CHAIN, *REPARTITION)
    is_storage_need: ClassVar[bool] = True
    signed_inputs = frozenset({"recurrent_need"})  # negative hours delete data; the stored total stays ≥ 0

    def __init__(self, name: str, edge_component: "EdgeStorage",
                 recurrent_need: ExplainableRecurrentQuantities) -> None:
        super().__init__(name, edge_component, recurrent_need)

    def _placed(self, hourly: ExplainableHourlyQuantities) -> ExplainableHourlyQuantities:
        """Writes start with the first full week: the hours before the first Monday 00:00 (UTC) write nothing."""
        skipped = min(hours_before_first_monday(hourly.start_date), len(hourly))
        if skipped == 0:
            return hourly
        values = hourly.magnitude.copy()
        values[:skipped] = 0
        return hourly._derive(values, hourly.unit, hourly.start_date, "no writes before the first Monday", hourly,
                              skipped)

    @calculated
    def cumulative_unitary_storage_need_per_usage_pattern(self) -> ExplainableObjectDict:
        """Data stored by one device, accumulated from the start of the pattern's deployments."""
        return ExplainableObjectDict({eup: cumsum32(need) if isinstance(need, ExplainableHourlyQuantities) else need
                                      for eup, need in self.unitary_hourly_need_per_usage_pattern.items()})

    def _per_device(self) -> ExplainableObjectDict:
        return self.cumulative_unitary_storage_need_per_usage_pattern

