"""Component needs made by a builder: their weekly series is their parent process's (or workload's) input."""
from __future__ import annotations

from typing import Any, ClassVar

import numpy as np

from efp_core.domain.edge.usage.recurrent_edge_device_need import RecurrentEdgeDeviceNeed
from efp_core.engine import calculated
from efp_core.units import u
from efp_core.values import ExplainableRecurrentQuantities, SourceRecurrentValues


class NeedFromParent:
    """Mixin (first in the bases): `recurrent_need` is calculated from the parent device need's input."""

    parent_attribute: ClassVar[str] = ""
    default_need_unit: ClassVar[Any] = None

    @calculated
    def recurrent_need(self) -> ExplainableRecurrentQuantities:
        """The parent's weekly series; 168 zeros while the need has no parent."""
        for parent in self.containers_of_type(RecurrentEdgeDeviceNeed):  # type: ignore[attr-defined]
            if self.parent_attribute in type(parent)._input_names:
                return getattr(parent, self.parent_attribute)
        return SourceRecurrentValues(u.Quantity(np.zeros(168, dtype=np.float32), self.default_need_unit))
