"""The classes a benchmark model needs, taken from efp or from the reference e-footprint.

Both packages expose the same modelling API under different import paths, so one model builder
(`big_model.py`) serves both sides. This module imports nothing at load time: `load_api(side)` does,
and the caller times it.
"""
from __future__ import annotations

from types import SimpleNamespace
from typing import Any

SIDES = ("efp", "reference")

_NAMES = ("SourceValue", "SourceObject", "SourceRecurrentValues", "Storage", "Server", "ServerTypes", "Job",
          "UsageJourneyStep", "UsageJourney", "UsagePattern", "Network", "Device", "Countries", "System",
          "ModelingUpdate", "EdgeStorage", "EdgeComputer", "RecurrentEdgeProcess", "EdgeFunction",
          "EdgeUsageJourney", "EdgeUsagePattern", "RecurrentServerNeed", "linear_growth_hourly_values",
          "sinusoidal_fluct_hourly_values", "daily_fluct_hourly_values", "create_hourly_usage_from_frequency", "u")

# (module, names) of the reference package, version 17.1.
_REFERENCE_MODULES = (
    ("efootprint.abstract_modeling_classes.source_objects", ("SourceValue", "SourceObject", "SourceRecurrentValues")),
    ("efootprint.abstract_modeling_classes.modeling_update", ("ModelingUpdate",)),
    ("efootprint.core.hardware.storage", ("Storage",)),
    ("efootprint.core.hardware.server", ("Server", "ServerTypes")),
    ("efootprint.core.hardware.network", ("Network",)),
    ("efootprint.core.hardware.device", ("Device",)),
    ("efootprint.core.hardware.edge.edge_storage", ("EdgeStorage",)),
    ("efootprint.core.usage.job", ("Job",)),
    ("efootprint.core.usage.usage_journey_step", ("UsageJourneyStep",)),
    ("efootprint.core.usage.usage_journey", ("UsageJourney",)),
    ("efootprint.core.usage.usage_pattern", ("UsagePattern",)),
    ("efootprint.core.usage.edge.edge_function", ("EdgeFunction",)),
    ("efootprint.core.usage.edge.edge_usage_journey", ("EdgeUsageJourney",)),
    ("efootprint.core.usage.edge.edge_usage_pattern", ("EdgeUsagePattern",)),
    ("efootprint.core.usage.edge.recurrent_server_need", ("RecurrentServerNeed",)),
    ("efootprint.builders.hardware.edge.edge_computer", ("EdgeComputer",)),
    ("efootprint.builders.usage.edge.recurrent_edge_process", ("RecurrentEdgeProcess",)),
    ("efootprint.core.system", ("System",)),
    ("efootprint.constants.countries", ("Countries",)),
    ("efootprint.constants.units", ("u",)),
    # System imports this lazily at its first computation (1.6 s): imported here so builds time only building.
    ("efootprint.builders.hardware.boavizta_cloud_server", ()),
    ("efootprint.builders.time_builders", ("linear_growth_hourly_values", "sinusoidal_fluct_hourly_values",
                                           "daily_fluct_hourly_values", "create_hourly_usage_from_frequency")),
)


def load_api(side: str) -> SimpleNamespace:
    """Import one side's package and return the names of `_NAMES` from it."""
    import importlib

    if side == "efp":
        package = importlib.import_module("efp_core")
        return SimpleNamespace(side=side, **{name: getattr(package, name) for name in _NAMES})
    if side == "reference":
        found: dict[str, Any] = {}
        for module_name, names in _REFERENCE_MODULES:
            module = importlib.import_module(module_name)
            found.update({name: getattr(module, name) for name in names})
        return SimpleNamespace(side=side, **found)
    raise ValueError(f"side must be one of {SIDES}, received {side!r}")


def total_kg(api: SimpleNamespace, system: Any) -> float:
    """Read the system's total footprint (the hourly series) and sum it, in kg, as a user would."""
    footprint = system.total_footprint
    if api.side == "efp":
        return footprint.magnitude_sum("kg")
    return float(footprint.value.to("kg").magnitude.astype("float64").sum())


# Impact repartition attributes (the Sankey's data): efp computes them when first read, the reference on every
# build and update, so the benchmark also times reading all of them.
REPARTITION_ATTRIBUTES = ("fabrication_impact_repartition_weights", "fabrication_impact_repartition_weight_sum",
                          "fabrication_impact_repartition", "usage_impact_repartition_weights",
                          "usage_impact_repartition_weight_sum", "usage_impact_repartition", "job_repartition_weights")


def read_repartitions(system: Any) -> int:
    """Read every impact repartition attribute of every object of `system`; return how many were read."""
    count = 0
    for obj in system.all_linked_objects:
        for attr in REPARTITION_ATTRIBUTES:
            if hasattr(type(obj), attr) or attr in getattr(obj, "__dict__", {}):
                getattr(obj, attr)
                count += 1
    return count
