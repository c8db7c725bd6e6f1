"""Impact repartition: how each object's footprint is split between the objects that use it (methodology §7)."""
from __future__ import annotations

from typing import Any

import numpy as np

from efp_core.engine import ModelingObject, calculated
from efp_core.units import u
from efp_core.values import (
    EmptyExplainableObject,
    ExplainableHourlyQuantities,
    ExplainableObjectDict,
    ExplainableQuantity,
)
from efp_core.values.empty import sum_values


def weights_total(weights: ExplainableObjectDict) -> Any:
    """Σ of the weights in key order, starting from the empty value (so in the first key's unit)."""
    return sum_values(weights.values())


def default_weights(obj: ModelingObject, phase: str) -> ExplainableObjectDict:
    """Each container takes a share proportional to its own total weight times how often it holds `obj`."""
    attr = f"{phase}_impact_repartition_weights"
    weights = ExplainableObjectDict()
    for container in obj.modeling_obj_containers:
        if not hasattr(type(container), attr):
            continue
        total = weights_total(getattr(container, attr))
        count = obj.container_count(container)
        weights[container] = total * count if count != 1 else total
    return weights


def repartition(weights: ExplainableObjectDict, weight_sum: Any) -> ExplainableObjectDict:
    """Share of each key: weight ÷ sum → concurrent; hours where every weight is 0 give 1 (reference rule, kept so
    these attributes compare with the reference; efp_core.analysis.attribution splits footprints without it)."""
    out = ExplainableObjectDict()
    if isinstance(weight_sum, EmptyExplainableObject):
        return out
    if isinstance(weight_sum, ExplainableQuantity) and weight_sum.magnitude == 0:
        return out
    if isinstance(weight_sum, ExplainableHourlyQuantities) and float(np.sum(weight_sum.magnitude)) == 0:
        return out
    for key, weight in weights.items():
        share = (weight / weight_sum)
        if isinstance(share, EmptyExplainableObject):
            out[key] = share
            continue
        share = share.to(u.concurrent)
        if isinstance(share, ExplainableHourlyQuantities) and np.isnan(share.magnitude).any():
            share = share._derive(np.nan_to_num(share.magnitude, nan=1.0), share.unit, share.start_date,
                                  "0/0 as 1", share)
        out[key] = share
    return out


REPARTITION = ("fabrication_impact_repartition_weights", "fabrication_impact_repartition_weight_sum",
               "fabrication_impact_repartition", "usage_impact_repartition_weights",
               "usage_impact_repartition_weight_sum", "usage_impact_repartition")


class ImpactRepartition(ModelingObject):
    """Adds the six repartition attributes; classes override the weights where the rule differs.

    No footprint depends on them: they are computed when first read after a change (analysis, Sankey), so
    editing a model does not pay for attributions nobody looks at."""

    on_demand_attributes = frozenset(REPARTITION)

    @calculated
    def fabrication_impact_repartition_weights(self) -> ExplainableObjectDict:
        return default_weights(self, "fabrication")

    @calculated
    def fabrication_impact_repartition_weight_sum(self) -> Any:
        return weights_total(self.fabrication_impact_repartition_weights)

    @calculated
    def fabrication_impact_repartition(self) -> ExplainableObjectDict:
        return repartition(self.fabrication_impact_repartition_weights,
                           self.fabrication_impact_repartition_weight_sum)

    @calculated
    def usage_impact_repartition_weights(self) -> ExplainableObjectDict:
        return default_weights(self, "usage")

    @calculated
    def usage_impact_repartition_weight_sum(self) -> Any:
        return weights_total(self.usage_impact_repartition_weights)

    @calculated
    def usage_impact_repartition(self) -> ExplainableObjectDict:
        return repartition(self.usage_impact_repartition_weights, self.usage_impact_repartition_weight_sum)
