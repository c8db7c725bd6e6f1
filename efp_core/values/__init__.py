"""Explainable values: quantities, hourly series, recurrent weeks, choices and the empty value."""
from efp_core.values.calculus_graph import CalculusEdge, CalculusGraph, CalculusNode
from efp_core.values.empty import EmptyExplainableObject
from efp_core.values.explainable import ExplainableObject, ExplainableObjectValue, Formula
from efp_core.values.hourly import ExplainableHourlyQuantities, HourlyAlignmentError
from efp_core.values.objects import ExplainableObjectDict, ExplainableTimezone
from efp_core.values.quantity import ExplainableQuantity
from efp_core.values.recurrent import ExplainableRecurrentQuantities
from efp_core.values.source_values import (
    SourceHourlyValues,
    SourceObject,
    SourceRecurrentValues,
    SourceTimezone,
    SourceValue,
)

__all__ = [
    "CalculusEdge", "CalculusGraph", "CalculusNode", "EmptyExplainableObject", "ExplainableHourlyQuantities",
    "ExplainableObject", "ExplainableObjectDict", "ExplainableObjectValue", "ExplainableQuantity",
    "ExplainableRecurrentQuantities", "ExplainableTimezone", "Formula", "HourlyAlignmentError", "SourceHourlyValues",
    "SourceObject", "SourceRecurrentValues", "SourceTimezone", "SourceValue",
]
