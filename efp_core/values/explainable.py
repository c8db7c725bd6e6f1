"""The explainable value base: a value with a label, a source and the formula that produced it."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterator

from efp_core.sources import Source, Sources


@dataclass(frozen=True)
class Formula:
    """An operation over operands; an operand is a labelled value (a leaf) or a nested unlabelled Formula.

    Intermediate results are inlined as nested formulas so that their arrays can be freed while the
    expression stays explainable down to named values.
    """

    operator: str
    operands: tuple[Any, ...]

    def leaves(self) -> Iterator["ExplainableObject"]:
        """Labelled values used by the formula, in reading order, each once."""
        seen: set[int] = set()
        stack: list[Any] = list(reversed(self.operands))
        while stack:
            item = stack.pop()
            if isinstance(item, Formula):
                stack.extend(reversed(item.operands))
            elif isinstance(item, ExplainableObject) and id(item) not in seen:
                seen.add(id(item))
                yield item

    def render(self, name_of: Any = None) -> str:
        """Text of the formula with operands written by their labels."""
        name_of = name_of or (lambda leaf: leaf.label_or_value())
        parts = [op.render(name_of) if isinstance(op, Formula) else
                 (name_of(op) if isinstance(op, ExplainableObject) else str(op)) for op in self.operands]
        if self.operator in _INFIX and len(parts) == 2:
            left, right = (f"({p})" if isinstance(o, Formula) and o.operator in _INFIX else p
                           for p, o in zip(parts, self.operands))
            return f"{left} {self.operator} {right}"
        return f"{self.operator}({', '.join(parts)})"


_INFIX = {"+", "-", "*", "/"}


class ExplainableObject:
    """Base of every value of a model: `.value`, `.label`, `.source`, and `.formula` when computed.

    Numbers are never changed in place: operations return new objects. Only metadata (label, the
    attribute holding the value) is set after creation.
    """

    is_empty = False

    def __init__(self, value: Any, label: str | None = None, source: Source | None = None,
                 formula: Formula | None = None) -> None:
        self._value = value
        self.label = label
        self.source = source if source is not None else (Sources.CALCULATED if formula else Sources.HYPOTHESIS)
        self.formula = formula
        self.modeling_obj_container: Any = None
        self.attr_name_in_mod_obj_container: str | None = None

    @property
    def value(self) -> Any:
        return self._value

    # ---- metadata -------------------------------------------------------------------------------
    def set_label(self, label: str) -> "ExplainableObject":
        """Name this value (chainable); a named value appears as a leaf in the formulas that use it."""
        self.label = label
        return self

    def label_or_value(self) -> str:
        return self.label if self.label else self.short_str()

    @property
    def id(self) -> str:
        container = self.modeling_obj_container
        if container is None:
            return f"{self.label or type(self).__name__}-{id(self):x}"
        return f"{container.id}.{self.attr_name_in_mod_obj_container}"

    def copy(self) -> "ExplainableObject":
        """A new wrapper around the same (immutable) value, with no container."""
        clone = object.__new__(type(self))
        clone.__dict__.update(self.__dict__)
        clone.modeling_obj_container = None
        clone.attr_name_in_mod_obj_container = None
        return clone

    def derived(self, value: Any, operator: str, *operands: Any, **extra: Any) -> "ExplainableObject":
        """A new value of this class computed from operands by `operator`."""
        return type(self)._from_formula(value, Formula(operator, tuple(_operand(o) for o in operands)), **extra)

    @classmethod
    def _from_formula(cls, value: Any, formula: Formula, **extra: Any) -> "ExplainableObject":
        obj = object.__new__(cls)
        ExplainableObject.__init__(obj, value, None, Sources.CALCULATED, formula)
        for key, val in extra.items():
            setattr(obj, key, val)
        return obj

    # ---- explanation ----------------------------------------------------------------------------
    def direct_operands(self) -> list["ExplainableObject"]:
        """The labelled values this one was computed from (empty for inputs)."""
        return list(self.formula.leaves()) if self.formula else []

    def explain(self) -> str:
        """Readable text: the formula over named operands, then each operand with its value and source."""
        from efp_core.values.calculus_graph import explain_text
        return explain_text(self)

    def calculus_graph(self, depth: int | None = None) -> Any:
        """Nodes and edges of the computation of this value, `depth` levels of named operands deep."""
        from efp_core.values.calculus_graph import build_calculus_graph
        return build_calculus_graph(self, depth)

    def calculus_graph_to_file(self, filename: Any = None, width: str = "1800px", height: str = "900px",
                               notebook: bool = False, depth: int | None = None) -> Any:
        """Write the calculus graph as an HTML page (see efp_core.analysis.calculus_graph_file)."""
        from efp_core.analysis.calculus_graph_file import calculus_graph_to_file
        return calculus_graph_to_file(self, filename, width, height, notebook, depth)

    def short_str(self) -> str:
        return str(self._value)

    def __str__(self) -> str:
        return self.short_str()

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.short_str()!s}, label={self.label!r})"


def _operand(value: Any) -> Any:
    """How an operand is kept in a formula: named values and inputs by reference, intermediates inlined."""
    if isinstance(value, ExplainableObject):
        if value.formula is not None and not value.label and value.modeling_obj_container is None:
            return value.formula
        return value
    return value


class ExplainableObjectValue(ExplainableObject):
    """A non-numeric explainable value: a choice such as a resolution or a provider name."""

    def __eq__(self, other: object) -> bool:
        if isinstance(other, ExplainableObject):
            return bool(self.value == other.value)
        return bool(self.value == other)

    __hash__ = ExplainableObject.__hash__
