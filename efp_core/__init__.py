"""efp: explainable, incrementally recomputed footprint models of digital services (e-footprint API)."""
from efp_core.engine import (
    COMPUTED_ON_READ,
    ListLinkedToModelingObj,
    ModelChange,
    ModelingObject,
    ModelingUpdate,
    archetype,
    calculated,
    subscribe,
)
from efp_core.errors import (
    ChoiceError,
    ComputationError,
    DependencyCycleError,
    EfpError,
    InputTypeError,
    ModelingInputError,
    RangeError,
    StructureError,
    UnitError,
)
from efp_core.sources import Source, Sources
from efp_core.units import u
from efp_core.values import (
    EmptyExplainableObject,
    ExplainableHourlyQuantities,
    ExplainableObject,
    ExplainableObjectDict,
    ExplainableQuantity,
    ExplainableRecurrentQuantities,
    ExplainableTimezone,
    SourceHourlyValues,
    SourceObject,
    SourceRecurrentValues,
    SourceTimezone,
    SourceValue,
)

__all__ = [
    "ChoiceError", "ComputationError", "DependencyCycleError", "EfpError", "EmptyExplainableObject",
    "ExplainableHourlyQuantities", "ExplainableObject", "ExplainableObjectDict", "ExplainableQuantity",
    "ExplainableRecurrentQuantities", "ExplainableTimezone", "InputTypeError", "ListLinkedToModelingObj",
    "COMPUTED_ON_READ", "ModelChange", "ModelingInputError", "ModelingObject", "ModelingUpdate", "RangeError",
    "Source",
    "SourceHourlyValues", "SourceObject", "SourceRecurrentValues", "SourceTimezone", "SourceValue", "Sources",
    "StructureError", "UnitError", "archetype", "calculated", "subscribe", "u",
]

from efp_core.builders.time_builders import (  # noqa: E402
    create_hourly_usage_from_daily_volume_and_list_of_hours,
    create_hourly_usage_from_frequency,
    create_random_source_hourly_values,
    create_source_hourly_values_from_list,
    daily_fluct_hourly_values,
    linear_growth_hourly_values,
    sinusoidal_fluct_hourly_values,
)
from efp_core.domain.exports import *  # noqa: E402,F403
from efp_core.domain.exports import __all__ as _domain_names  # noqa: E402

__all__ += [*_domain_names, "create_hourly_usage_from_daily_volume_and_list_of_hours",
            "create_hourly_usage_from_frequency", "create_random_source_hourly_values",
            "create_source_hourly_values_from_list", "daily_fluct_hourly_values", "linear_growth_hourly_values",
            "sinusoidal_fluct_hourly_values"]
