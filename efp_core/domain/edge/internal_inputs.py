"""Inputs an object sets itself in its constructor (not parameters): the parts a builder creates, fixed zeros."""
from __future__ import annotations

import inspect
from typing import Any, ClassVar

from efp_core.engine.inputs import InputSpec
from efp_core.engine.modeling_object import CalculatedAttribute, InputAttribute


class InternalInputs:
    """Mixin (put it first in the bases) declaring `internal_inputs` {name: InputSpec}.

    They are stored, linked and checked like constructor inputs, so links they hold make their targets'
    containers, and a later ModelingUpdate of them is checked; they are just not constructor parameters.
    """

    internal_inputs: ClassVar[dict[str, InputSpec]] = {}

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        names: tuple[str, ...] = cls._input_names  # type: ignore[attr-defined]
        added = [n for n in cls.internal_inputs if n not in names]
        if added:
            cls._input_names = (*names, *added)  # type: ignore[attr-defined]
        for name in added:
            if not isinstance(inspect.getattr_static(cls, name, None),
                              (CalculatedAttribute, InputAttribute, property)):
                setattr(cls, name, InputAttribute(name))

    @classmethod
    def input_specs(cls) -> dict[str, InputSpec]:
        specs: dict[str, InputSpec] = super().input_specs()  # type: ignore[misc]
        specs.update({n: s for n, s in cls.internal_inputs.items() if n in cls._input_names})  # type: ignore[attr-defined]
        return specs
