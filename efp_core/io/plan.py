"""What a JSON file describes, decoded and checked, before any modeling object exists.

Both file formats are read into a ModelPlan; one builder turns a plan into objects, so the two formats share
the construction rules (constructors, parts, atomicity) and the error messages.
"""
from __future__ import annotations

import inspect
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from efp_core.engine import ModelingObject
from efp_core.io.values import Ref


@dataclass
class ObjectPlan:
    """One object: its class, id and name, and its attributes as decoded values (links as Refs)."""

    cls: type[ModelingObject]
    id: str
    name: str
    path: str
    # Input attribute -> decoded value; `input_paths` says where each was written (for error messages).
    inputs: dict[str, Any] = field(default_factory=dict)
    input_paths: dict[str, str] = field(default_factory=dict)
    # Attributes that are not inputs but hold objects the constructor creates (an API's server, an edge
    # computer's components): the file's ids are given to those created objects.
    parts: dict[str, list[Ref]] = field(default_factory=dict)
    # Encoded calculated values, when the file has them (own format, include_calculated=True).
    calculated: dict[str, Any] = field(default_factory=dict)
    # (container id, attribute) of the objects linking to this one, in linking order (own format).
    containers: list[tuple[str, str]] = field(default_factory=list)

    def refs(self) -> list[Ref]:
        found: list[Ref] = []
        for value in self.inputs.values():
            found += value_refs(value)
        for refs in self.parts.values():
            found += refs
        return found


@dataclass
class ChangePlan:
    """One change of a saved simulation: the object's attribute and its new value."""

    object_id: str
    attribute: str
    value: Any
    path: str


@dataclass
class SimulationPlan:
    date: datetime
    applied: bool
    changes: list[ChangePlan]
    path: str


@dataclass
class ModelPlan:
    objects: dict[str, ObjectPlan]
    system_id: str
    simulation: SimulationPlan | None = None


def resolve_refs(value: Any, built: dict[str, Any]) -> Any:
    """`value` with its Refs replaced by the built objects they name."""
    if isinstance(value, Ref):
        return built[value.id]
    if isinstance(value, list) and any(isinstance(v, Ref) for v in value):
        return [built[v.id] if isinstance(v, Ref) else v for v in value]
    return value


def value_refs(value: Any) -> list[Ref]:
    if isinstance(value, Ref):
        return [value]
    if isinstance(value, list):
        return [v for v in value if isinstance(v, Ref)]
    return []


_PARAMETERS: dict[type, tuple[inspect.Parameter, ...]] = {}


def _parameters(cls: type) -> tuple[inspect.Parameter, ...]:
    """The constructor's parameters after `name` (read once per class)."""
    if cls not in _PARAMETERS:
        params = inspect.signature(cls.__init__).parameters.values()  # type: ignore[misc]
        _PARAMETERS[cls] = tuple(p for p in params if p.name not in ("self", "name")
                                 and p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD))
    return _PARAMETERS[cls]


def constructor_params(cls: type) -> tuple[str, ...]:
    """Names the constructor takes (after `name`): the inputs a file gives to build the object."""
    return tuple(p.name for p in _parameters(cls))


def required_params(cls: type) -> tuple[str, ...]:
    """Constructor parameters without a default: a file must give them."""
    return tuple(p.name for p in _parameters(cls) if p.default is p.empty)
