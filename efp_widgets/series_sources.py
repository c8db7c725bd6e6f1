"""What a chart plots, as live references: each series knows how to read its current value and which
(object, attribute) pairs must change for that value to change."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Mapping

from efp_core import EmptyExplainableObject, ExplainableHourlyQuantities, ModelingObject
from efp_core.domain.system import OBJECT_CATEGORIES

Node = tuple[Any, str]
FOOTPRINT_ATTRIBUTES = ("instances_fabrication_footprint", "energy_footprint")


@dataclass
class SeriesSource:
    """One plotted series: a label, a reader of its current hourly value, and the nodes it depends on."""

    label: str
    read: Callable[[], Any]
    nodes: Callable[[], set[Node]] = field(default=lambda: set())

    def value(self) -> ExplainableHourlyQuantities | None:
        """The current hourly value, or None when it is empty."""
        value = self.read()
        if isinstance(value, EmptyExplainableObject) or value is None:
            return None
        if not isinstance(value, ExplainableHourlyQuantities):
            raise TypeError(f"series '{self.label}': expected an hourly value, received {type(value).__name__}")
        return value


def attribute_series(obj: ModelingObject, attr: str, label: str | None = None) -> SeriesSource:
    """The live series held by `obj.attr` (input or calculated)."""
    return SeriesSource(label or f"{attr.replace('_', ' ')} of {obj.name}",
                        lambda: getattr(obj, attr), lambda: {(obj, attr)})


def series_from(subject: Any, label: str | None = None) -> SeriesSource:
    """A series from a value held by an object (followed live), an (object, attribute) pair, or a bare value."""
    if isinstance(subject, SeriesSource):
        return subject
    if isinstance(subject, tuple) and len(subject) == 2 and isinstance(subject[0], ModelingObject):
        return attribute_series(subject[0], subject[1], label)
    container = getattr(subject, "modeling_obj_container", None)
    attr = getattr(subject, "attr_name_in_mod_obj_container", None)
    if isinstance(container, ModelingObject) and attr:
        return attribute_series(container, attr, label or getattr(subject, "label", None))
    if isinstance(subject, ExplainableHourlyQuantities):
        return SeriesSource(label or subject.label or "series", lambda: subject)
    raise TypeError(f"cannot plot {subject!r}: pass an hourly value, an (object, attribute) pair, a dict or a "
                    "list of them, or a System")


def _summed(objects: Callable[[], list[Any]], attributes: tuple[str, ...] = FOOTPRINT_ATTRIBUTES
            ) -> Callable[[], Any]:
    """Reader of the sum of `attributes` over the objects (fabrication and energy footprints by default)."""
    def read() -> Any:
        total: Any = EmptyExplainableObject()
        for obj in objects():
            for attr in attributes:
                total = total + getattr(obj, attr)
        return total
    return read


def _footprint_nodes(system: Any, objects: Callable[[], list[Any]]) -> Callable[[], set[Node]]:
    def nodes() -> set[Node]:
        # The total changes whenever a footprint does, and also covers objects added by a structure edit.
        return {(system, "total_footprint")} | {(obj, attr) for obj in objects() for attr in FOOTPRINT_ATTRIBUTES}
    return nodes


def system_series(system: Any, by: str) -> list[SeriesSource]:
    """A system's footprint split by "category", by "object" or by "phase" (fabrication and usage)."""
    if by == "category":
        out = []
        for category in OBJECT_CATEGORIES:
            objects = _category_objects(system, category)
            out.append(SeriesSource(category, _summed(objects), _footprint_nodes(system, objects)))
        return out
    if by == "object":
        # One series per object present now; objects added later appear in the category split, not here.
        out = []
        for objects in system.objects_by_category().values():
            for obj in objects:
                only = _only(obj)
                out.append(SeriesSource(obj.name, _summed(only), _footprint_nodes(system, only)))
        return out
    if by == "phase":
        def everything() -> list[Any]:
            return [obj for objects in system.objects_by_category().values() for obj in objects]
        return [SeriesSource(label, _summed(everything, (attr,)), _footprint_nodes(system, everything))
                for label, attr in (("fabrication", "instances_fabrication_footprint"), ("usage", "energy_footprint"))]
    raise ValueError(f"by must be 'category', 'object' or 'phase', received {by!r}")


def _category_objects(system: Any, category: str) -> Callable[[], list[Any]]:
    return lambda: system.objects_by_category()[category]


def _only(obj: Any) -> Callable[[], list[Any]]:
    return lambda: [obj]


def resolve_series(values: Any, by: str | None = None) -> list[SeriesSource]:
    """Series for a Timeline: a System (total, or split `by`), one value, a dict {label: value} or a list."""
    if isinstance(values, ModelingObject) and getattr(values, "is_system_root", False):
        if by is None:
            return [attribute_series(values, "total_footprint", f"total footprint of {values.name}")]
        return system_series(values, by)
    if isinstance(values, Mapping):
        return [series_from(value, str(label)) for label, value in values.items()]
    if isinstance(values, list):
        return [series_from(value) for value in values]
    return [series_from(values)]
