"""efp: explainable, incrementally recomputed footprint models of digital services (e-footprint API)."""
from efp_core.engine import (
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
    "ModelChange", "ModelingInputError", "ModelingObject", "ModelingUpdate", "RangeError", "Source",
    "SourceHourlyValues", "SourceObject", "SourceRecurrentValues", "SourceTimezone", "SourceValue", "Sources",
    "StructureError", "UnitError", "archetype", "calculated", "subscribe", "u",
]
