"""The empty value: 'no value yet'. It is neutral in sums and absorbing in products."""
from __future__ import annotations

from typing import Any

from efp_core.values.explainable import ExplainableObject, Formula


class EmptyExplainableObject(ExplainableObject):
    """No value. ∅ + X = X, ∅ × X = ∅, ∅ / X = ∅, sums and maxima of ∅ are ∅; totals count it as 0."""

    is_empty = True

    def __init__(self, label: str = "no value", formula: Formula | None = None) -> None:
        super().__init__(None, label if label != "no value" else None, formula=formula)

    def short_str(self) -> str:
        return "no value"

    def __bool__(self) -> bool:
        return False

    def __eq__(self, other: object) -> bool:
        return isinstance(other, EmptyExplainableObject)

    __hash__ = ExplainableObject.__hash__

    def _same(self, operator: str, other: Any) -> "EmptyExplainableObject":
        return EmptyExplainableObject(formula=Formula(operator, (self, other)))

    def __add__(self, other: Any) -> Any:
        if isinstance(other, ExplainableObject) or other == 0:
            return other if isinstance(other, ExplainableObject) else self
        return NotImplemented

    def __radd__(self, other: Any) -> Any:
        return self.__add__(other)

    def __sub__(self, other: Any) -> Any:
        if isinstance(other, EmptyExplainableObject) or (not isinstance(other, ExplainableObject) and other == 0):
            return self
        if isinstance(other, ExplainableObject):
            return -other
        return NotImplemented

    def __rsub__(self, other: Any) -> Any:
        return other

    def __mul__(self, other: Any) -> "EmptyExplainableObject":
        return self

    __rmul__ = __mul__
    __truediv__ = __mul__
    __rtruediv__ = __mul__

    def __neg__(self) -> "EmptyExplainableObject":
        return self

    def to(self, unit: Any) -> "EmptyExplainableObject":
        return self

    def ceil(self) -> "EmptyExplainableObject":
        return self

    def sum(self) -> "EmptyExplainableObject":
        return self

    def max(self) -> "EmptyExplainableObject":
        return self

    def min(self) -> "EmptyExplainableObject":
        return self

    def copy(self) -> "EmptyExplainableObject":
        return EmptyExplainableObject()

    def np_compared_with(self, other: Any, comparator: str) -> Any:
        return other

    def magnitude_sum(self, unit: Any = None) -> float:
        """Totals over a period treat the empty value as 0."""
        return 0.0


def sum_values(values: Any) -> Any:
    """Left-to-right sum starting from the empty value (so in the first value's unit; ∅ when there is none)."""
    from efp_core.values.hourly import ExplainableHourlyQuantities, sum_series

    values = list(values)
    series = [value for value in values if not isinstance(value, EmptyExplainableObject)]
    if len(series) > 2 and all(isinstance(value, ExplainableHourlyQuantities) for value in series):
        try:
            return sum_series(series)  # same result, one buffer instead of one array per partial sum
        except Exception:  # noqa: BLE001 - misaligned series: the pairwise sum below raises the precise error
            pass
    total: Any = EmptyExplainableObject()
    for value in values:
        total = total + value
    return total
