"""Sankey data of a system's footprint: system → life-cycle phase → category → object (kg over the period).

This first version splits the footprint by phase, category and object; the attribution columns that follow
the impact repartition (objects → jobs → steps → journeys → usage patterns) come with the analysis issue.
Every column adds up to the system total, and each node's inflow equals its outflow.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from efp_core.domain.lifecycle_phases import LifeCyclePhases
from efp_core.domain.system import category_of
from efp_core.units import u
from efp_core.values import EmptyExplainableObject

PHASE_ATTRIBUTES = {LifeCyclePhases.MANUFACTURING: "instances_fabrication_footprint",
                    LifeCyclePhases.USAGE: "energy_footprint"}


@dataclass
class SankeyData:
    labels: list[str] = field(default_factory=list)
    values: list[float] = field(default_factory=list)
    columns: list[int] = field(default_factory=list)
    sources: list[int] = field(default_factory=list)
    targets: list[int] = field(default_factory=list)
    link_values: list[float] = field(default_factory=list)


def _class_names(obj: Any) -> set[str]:
    return {cls.__name__ for cls in type(obj).__mro__}


class ImpactRepartitionSankey:
    """Nodes and links of the footprint breakdown; `build()` computes them from the system's current values."""

    def __init__(self, system: Any, aggregation_threshold_percent: float = 1.0, node_label_max_length: int | None = 15,
                 skipped_impact_repartition_classes: Sequence[type | str] | None = None,
                 skip_phase_footprint_split: bool = False, skip_object_category_footprint_split: bool = False,
                 skip_object_footprint_split: bool = False, excluded_object_types: Sequence[type | str] | None = None,
                 lifecycle_phase_filter: LifeCyclePhases | None = None,
                 display_column_information: bool = True) -> None:
        self.system = system
        self.aggregation_threshold_percent = aggregation_threshold_percent
        self.node_label_max_length = node_label_max_length
        self.skipped_impact_repartition_classes = [c if isinstance(c, str) else c.__name__
                                                   for c in skipped_impact_repartition_classes or []]
        self.skip_phase_footprint_split = skip_phase_footprint_split
        self.skip_object_category_footprint_split = skip_object_category_footprint_split
        self.skip_object_footprint_split = skip_object_footprint_split
        self.excluded_object_types = [c if isinstance(c, str) else c.__name__ for c in excluded_object_types or []]
        self.lifecycle_phase_filter = lifecycle_phase_filter
        self.display_column_information = display_column_information
        self.data = SankeyData()
        self.full_node_labels: list[str] = []
        self.node_total_values: list[float] = []
        self.total_system_value = 0.0

    def _kg(self, value: Any) -> float:
        return 0.0 if isinstance(value, EmptyExplainableObject) else value.magnitude_sum(u.kg)

    def _flows(self) -> list[tuple[str, str, Any, float]]:
        """(phase, category, object, kg) for every footprint kept by the filters."""
        flows = []
        for phase, attr in PHASE_ATTRIBUTES.items():
            if self.lifecycle_phase_filter is not None and phase != self.lifecycle_phase_filter:
                continue
            for obj in self.system.all_linked_objects:
                category = category_of(obj)
                if category is None or _class_names(obj) & set(self.excluded_object_types):
                    continue
                kg = self._kg(getattr(obj, attr))
                if kg:
                    flows.append((phase.value, category, obj, kg))
        return flows

    def _label(self, text: str) -> str:
        limit = self.node_label_max_length
        return text if limit is None or len(text) <= limit else text[:limit] + "…"

    def build(self) -> SankeyData:
        flows = self._flows()
        self.total_system_value = sum(kg for *_, kg in flows)
        threshold = self.total_system_value * self.aggregation_threshold_percent / 100
        data = SankeyData()
        index: dict[tuple[int, str], int] = {}

        def node(column: int, key: str) -> int:
            if (column, key) not in index:
                index[(column, key)] = len(data.labels)
                data.labels.append(key)
                data.values.append(0.0)
                data.columns.append(column)
            return index[(column, key)]

        links: dict[tuple[int, int], float] = {}
        root = node(0, self.system.name)
        for phase, category, obj, kg in flows:
            path = [root]
            column = 1
            if not self.skip_phase_footprint_split:
                path.append(node(column, phase))
                column += 1
            if not self.skip_object_category_footprint_split:
                path.append(node(column, category))
                column += 1
            if not self.skip_object_footprint_split:
                obj_key = obj.name if kg >= threshold else f"Other {category}"
                path.append(node(column, obj_key))
            for i, node_id in enumerate(path):
                data.values[node_id] += kg
                if i:
                    links[(path[i - 1], node_id)] = links.get((path[i - 1], node_id), 0.0) + kg
        for (source, target), kg in links.items():
            data.sources.append(source)
            data.targets.append(target)
            data.link_values.append(kg)
        self.data = data
        self.full_node_labels = list(data.labels)
        self.node_total_values = list(data.values)
        data.labels = [self._label(label) for label in data.labels]
        return data
