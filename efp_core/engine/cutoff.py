"""Early cut-off: a recomputed value identical to the one it replaces does not make its dependants recompute.

An update marks everything downstream of its inputs stale, but often only part of it really changes (a step's
duration moves its jobs, not the shares of the other journeys). Walking the stale nodes in dependency order,
a node is recomputed only when something it read changed; otherwise its value is kept. "Identical" is strict
(same type, unit, dtype, start hour, key order and numbers), so the kept values are those a recomputation
would give. A recomputed value keeps its new formula; kept values that used it as an operand get a copy whose
formula points at the new operand (no arithmetic), so explanations stay those of a from-scratch computation.
"""
from __future__ import annotations

from typing import Any

import numpy as np

from efp_core.engine.array_pool import same_bits
from efp_core.values import (
    EmptyExplainableObject,
    ExplainableHourlyQuantities,
    ExplainableObject,
    ExplainableObjectDict,
    ExplainableQuantity,
    ExplainableRecurrentQuantities,
    Formula,
)


def identical(old: Any, new: Any) -> bool:
    """True when every later computation would give the same result from `new` as from `old`."""
    if type(old) is not type(new):
        return False
    if isinstance(old, ExplainableObjectDict):
        return (list(old.keys()) == list(new.keys())
                and all(identical(old[key], new[key]) for key in old))
    if isinstance(old, EmptyExplainableObject):
        return True
    if isinstance(old, ExplainableHourlyQuantities):
        return (old.start_date == new.start_date and old.start_date.tzinfo == new.start_date.tzinfo
                and old.unit == new.unit and _same_array(old.magnitude, new.magnitude))
    if isinstance(old, ExplainableRecurrentQuantities):
        return old.unit == new.unit and _same_array(old.magnitude, new.magnitude)
    if isinstance(old, ExplainableQuantity):
        a, b = old.value, new.value
        return (a.units == b.units and type(a.magnitude) is type(b.magnitude)
                and bool(np.all(a.magnitude == b.magnitude)))
    return False  # other values (choices, time zones...) are cheap: always passed on


def _same_array(a: np.ndarray, b: np.ndarray) -> bool:
    """Bit for bit (a signed zero or a NaN payload could change what a later formula computes)."""
    return a is b or (a.dtype == b.dtype and a.shape == b.shape and same_bits(a, b))


def record_replacement(old: Any, new: Any, replaced: dict[int, tuple[Any, Any]]) -> None:
    """Remember that `new` stands for `old` (and each item of a dict for the old item under the same key)."""
    replaced[id(old)] = (old, new)
    if isinstance(old, ExplainableObjectDict):
        for key, item in old.items():
            replaced[id(item)] = (item, new[key])


def rebound(value: Any, replaced: dict[int, tuple[Any, Any]]) -> Any:
    """`value` with formula operands that were replaced pointing at their replacements (a copy if any)."""
    if isinstance(value, ExplainableObjectDict):
        items = {key: rebound(item, replaced) for key, item in value.items()}
        if all(items[key] is value[key] for key in value):
            return value
        out = ExplainableObjectDict(items)
        out.label = value.label
        out.modeling_obj_container = value.modeling_obj_container
        out.attr_name_in_mod_obj_container = value.attr_name_in_mod_obj_container
        return out
    if isinstance(value, ExplainableObject) and value.formula is not None:
        formula = _rebound_formula(value.formula, replaced)
        if formula is value.formula:
            return value
        clone = value.copy()
        clone.formula = formula
        clone.modeling_obj_container = value.modeling_obj_container
        clone.attr_name_in_mod_obj_container = value.attr_name_in_mod_obj_container
        return clone
    return value


def _rebound_formula(formula: Formula, replaced: dict[int, tuple[Any, Any]]) -> Formula:
    operands = []
    for operand in formula.operands:
        if isinstance(operand, Formula):
            operand = _rebound_formula(operand, replaced)
        elif isinstance(operand, ExplainableObject) and id(operand) in replaced:
            old, new = replaced[id(operand)]
            operand = new if old is operand else operand
        operands.append(operand)
    if all(new is old for new, old in zip(operands, formula.operands)):
        return formula
    return Formula(formula.operator, tuple(operands))
