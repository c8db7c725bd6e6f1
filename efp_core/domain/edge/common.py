"""Small helpers shared by the edge classes: walking the edge links, and sums that start from the empty value."""
from __future__ import annotations

from typing import Any, Iterable

import numpy as np

from efp_core.units import u
from efp_core.values import ExplainableQuantity, SourceValue
from efp_core.values.time_ops import spread

ONE_HOUR = SourceValue(1 * u.hour, label="one hour")


def unique(items: Iterable[Any]) -> list:
    return list(dict.fromkeys(items))


def devices_in_parallel(edge_usage_pattern: Any) -> Any:
    """Edge devices in service each hour for this pattern (one device per started edge journey)."""
    journey = edge_usage_pattern.edge_usage_journey
    return journey.nb_edge_usage_journeys_in_parallel_per_edge_usage_pattern[edge_usage_pattern]


def patterns_of(containers: Iterable[Any]) -> list:
    """Edge usage patterns reached through objects that expose `edge_usage_patterns`, deduplicated in order."""
    return unique(eup for container in containers for eup in container.edge_usage_patterns)


def root_unit(unit: Any) -> Any:
    """The unit a quantity reduces to (bit for kB, bit_ram for GB_ram, cpu_core, concurrent, occurrence)."""
    return u.Quantity(1.0, unit).to_root_units().units


def check_recurrent(obj: Any, attr: str, value: Any, root: Any, unit_interval: bool = False) -> None:
    """Raise a typed error naming `obj` and `attr` unless `value` is a 168-hour week reducing to `root`.

    `unit_interval`: values must also lie in [0, 1] (a share of the component's capacity).
    """

    from efp_core.errors import RangeError, UnitError
    from efp_core.values import ExplainableRecurrentQuantities

    if not isinstance(value, ExplainableRecurrentQuantities):
        return
    if len(value.magnitude) != 168:
        raise RangeError(obj, attr, "a canonical week of 168 hourly values (Monday 00:00 first)", value,
                         f"it holds {len(value.magnitude)} values")
    if root_unit(value.unit) != root:
        raise UnitError(obj, attr, f"a recurrent need in a unit that reduces to {root:~P} ({root})", value,
                        f"{value.unit:~P} reduces to {root_unit(value.unit):~P}")
    if unit_interval and (np.max(value.magnitude) > 1 or np.min(value.magnitude) < 0):
        raise RangeError(obj, attr, "values between 0 and 1 (the share of the component in use)", value,
                         f"values range from {np.min(value.magnitude):g} to {np.max(value.magnitude):g}")


def devices_in_service(starts: Any, usage_span: ExplainableQuantity) -> Any:
    """Edge devices in service each hour: deployments spread over the usage span (the same exact SPREAD as jobs)."""
    return spread(starts, usage_span)
