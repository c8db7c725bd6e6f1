"""Sankey data of a system's footprint: System → phase → country → … → jobs → category → object → component.

The flows are the hour-by-hour attribution of `efp_core.analysis.attribution` (nothing lost, nothing counted twice),
recomputed from the engine's current values by every `build()`. Columns, left to right (unused ones are dropped):
the System ("Total impact"), the life-cycle phase, one column per group of classes (Country; usage patterns;
journeys; steps and edge functions; edge device and server needs; jobs and component needs), the object category,
the impact source (server, storage, external API, network, device, edge device) and an edge device's components.

Display rules:
* A skipped class (`skipped_impact_repartition_classes`) has no node: its flows join its sources to its keys
  directly, hour by hour. Excluded classes (`excluded_object_types`) are left out of every column and of the total.
* A link that jumps over columns goes through blank spacer nodes (empty label), and a flow that ends before the
  last column (a skipped source, a device without components) continues through spacers to it, so every column
  adds up to `total_system_value` and every node's inflow equals its outflow.
* In each column, nodes below `aggregation_threshold_percent` of the total are merged into "Other (n)" when there
  are at least two of them.
"""
from __future__ import annotations

import colorsys
import hashlib
import pathlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from efp_core.analysis.attribution import NOT_ATTRIBUTABLE, Attribution, Hourly, PhaseFlows, ShareCache
from efp_core.analysis.html_page import notebook_display, write_html_page
from efp_core.analysis.sankey_svg import format_mass, sankey_svg
from efp_core.domain.lifecycle_phases import LifeCyclePhases
from efp_core.domain.system import category_of
from efp_core.engine.modeling_object import ModelingObject, _class_namespace
from efp_core.errors import InputTypeError, RangeError

# Intermediate columns, left to right (a class joins the first group it inherits from).
COLUMN_GROUPS: tuple[tuple[str, ...], ...] = (
    ("Country",), ("UsagePattern", "EdgeUsagePattern"), ("UsageJourney", "EdgeUsageJourney"),
    ("UsageJourneyStep", "EdgeFunction"), ("RecurrentEdgeDeviceNeed", "RecurrentServerNeed"),
    ("JobBase", "RecurrentEdgeComponentNeed"))
# Names shown in column titles: the first of these an object's class inherits from.
CANONICAL_CLASSES = ("Country", "UsagePattern", "UsageJourney", "UsageJourneyStep", "Device", "EdgeUsagePattern",
                     "EdgeUsageJourney", "EdgeFunction", "RecurrentEdgeDeviceNeed", "RecurrentServerNeed",
                     "RecurrentEdgeComponentNeed", "EdgeComponent", "EdgeDevice", "Service", "JobBase", "Network",
                     "ExternalAPI", "ServerBase", "ExternalAPIServer", "Storage", "System")
RANK_ROOT, RANK_PHASE, RANK_GROUPS, RANK_CATEGORY, RANK_SOURCE, RANK_BREAKDOWN = 0, 1, 2, 20, 21, 22
FIXED_COLORS = {"root": "rgba(100,100,100,0.8)", "phase:Manufacturing": "rgba(180,80,80,0.8)",
                "phase:Usage": "rgba(80,120,180,0.8)", "other": "rgba(160,160,160,0.8)",
                "not-attributable": "rgba(120,120,120,0.8)"}
COLUMN_HEADINGS = {"root": "Total impact", "phase": "Life cycle phase", "category": "Object category"}


@dataclass
class SankeyData:
    """Nodes and links as parallel lists (node i: labels[i], values[i], columns[i]; link j: sources[j] → targets[j]).

    Values are kg CO2-eq over the modelled period; columns count from 0 at the left.
    """

    labels: list[str] = field(default_factory=list)
    values: list[float] = field(default_factory=list)
    columns: list[int] = field(default_factory=list)
    sources: list[int] = field(default_factory=list)
    targets: list[int] = field(default_factory=list)
    link_values: list[float] = field(default_factory=list)
    full_labels: list[str] = field(default_factory=list)
    """Untruncated labels ("" for spacers)."""
    node_ids: list[str] = field(default_factory=list)
    """Stable identifiers ("object:<id>:Usage", "category:Servers:Manufacturing", "spacer:3:7:2", ...)."""
    kinds: list[str] = field(default_factory=list)
    """root, phase, object, not_attributable, category, source, breakdown, other or spacer."""
    colors: list[str] = field(default_factory=list)
    column_titles: list[str] = field(default_factory=list)
    """One title per column (class names, or Total impact / Life cycle phase / Object category)."""
    members: dict[int, list[tuple[str, float]]] = field(default_factory=dict)
    """For each "Other (n)" node: the (full label, kg) it stands for, largest first."""
    total: float = 0.0
    title: str = ""


@dataclass
class _Node:
    label: str
    kind: str
    rank: int
    color_key: str
    obj: Any = None
    top_value: float = 0.0  # flow entering the diagram at this node (no node on its left)


class _Graph:
    """Nodes by key and summed links, before columns, aggregation and spacers."""

    def __init__(self) -> None:
        self.nodes: dict[tuple, _Node] = {}
        self.links: dict[tuple[tuple, tuple], float] = {}

    def node(self, key: tuple, label: str, kind: str, rank: int, color_key: str, obj: Any = None) -> tuple:
        if key not in self.nodes:
            self.nodes[key] = _Node(label, kind, rank, color_key, obj)
        return key

    def link(self, source: tuple | None, target: tuple, value: float) -> None:
        if value <= 0:
            return
        if source is None:
            self.nodes[target].top_value += value
            return
        self.links[(source, target)] = self.links.get((source, target), 0.0) + value

    def values(self) -> dict[tuple, float]:
        inflow: dict[tuple, float] = {}
        outflow: dict[tuple, float] = {}
        for (source, target), value in self.links.items():
            outflow[source] = outflow.get(source, 0.0) + value
            inflow[target] = inflow.get(target, 0.0) + value
        return {key: max(inflow.get(key, 0.0) + node.top_value, outflow.get(key, 0.0))
                for key, node in self.nodes.items()}


def _class_names(obj: Any) -> set[str]:
    return {cls.__name__ for cls in type(obj).__mro__}


def canonical_class_name(obj: Any) -> str:
    names = _class_names(obj)
    return next((name for name in CANONICAL_CLASSES if name in names), type(obj).__name__)


def _group_rank(obj: Any) -> int:
    names = _class_names(obj)
    for index, group in enumerate(COLUMN_GROUPS):
        if names & set(group):
            return RANK_GROUPS + index
    return RANK_GROUPS + len(COLUMN_GROUPS)


def color_for(key: str) -> str:
    """A stable, readable colour for a node key (same object, same colour in every build)."""
    if key in FIXED_COLORS:
        return FIXED_COLORS[key]
    digest = hashlib.blake2b(key.encode("utf-8"), digest_size=8).digest()
    hue = int.from_bytes(digest[:2], "big") % 360
    red, green, blue = colorsys.hls_to_rgb(hue / 360, 0.43 + digest[3] / 255 * 0.14, 0.34 + digest[2] / 255 * 0.16)
    return f"rgba({round(red * 255)},{round(green * 255)},{round(blue * 255)},0.8)"


class ImpactRepartitionSankey:
    """Nodes and links of where a system's footprint comes from; `build()` computes them from current values."""

    def __init__(self, system: Any, aggregation_threshold_percent: float = 1.0, node_label_max_length: int | None = 15,
                 skipped_impact_repartition_classes: Sequence[type | str] | None = None,
                 skip_phase_footprint_split: bool = False, skip_object_category_footprint_split: bool = False,
                 skip_object_footprint_split: bool = False, excluded_object_types: Sequence[type | str] | None = None,
                 lifecycle_phase_filter: LifeCyclePhases | None = None,
                 display_column_information: bool = True) -> None:
        self.system = system
        self.name = f"{getattr(system, 'name', system)} impact repartition"
        if not hasattr(system, "all_linked_objects"):
            raise InputTypeError(self, "system", "a System", system)
        if isinstance(aggregation_threshold_percent, bool) or not isinstance(aggregation_threshold_percent,
                                                                             (int, float)):
            raise InputTypeError(self, "aggregation_threshold_percent", "a number of percent",
                                 aggregation_threshold_percent)
        if not 0 <= aggregation_threshold_percent <= 100:
            raise RangeError(self, "aggregation_threshold_percent", "a percentage between 0 and 100",
                             aggregation_threshold_percent)
        if node_label_max_length is not None and (isinstance(node_label_max_length, bool)
                                                  or not isinstance(node_label_max_length, int)):
            raise InputTypeError(self, "node_label_max_length", "a whole number of characters or None",
                                 node_label_max_length)
        if node_label_max_length is not None and node_label_max_length < 1:
            raise RangeError(self, "node_label_max_length", "at least 1 character (or None)", node_label_max_length)
        for attr, flag in (("skip_phase_footprint_split", skip_phase_footprint_split),
                           ("skip_object_category_footprint_split", skip_object_category_footprint_split),
                           ("skip_object_footprint_split", skip_object_footprint_split),
                           ("display_column_information", display_column_information)):
            if not isinstance(flag, bool):
                raise InputTypeError(self, attr, "True or False", flag)
        if lifecycle_phase_filter is not None:
            try:
                lifecycle_phase_filter = LifeCyclePhases(lifecycle_phase_filter)
            except ValueError:
                raise InputTypeError(self, "lifecycle_phase_filter",
                                     "None, LifeCyclePhases.MANUFACTURING or LifeCyclePhases.USAGE",
                                     lifecycle_phase_filter) from None
        self.aggregation_threshold_percent = float(aggregation_threshold_percent)
        self.node_label_max_length = node_label_max_length
        self.skipped_impact_repartition_classes = self._class_names_of("skipped_impact_repartition_classes",
                                                                       skipped_impact_repartition_classes)
        self.skip_phase_footprint_split = skip_phase_footprint_split
        self.skip_object_category_footprint_split = skip_object_category_footprint_split
        self.skip_object_footprint_split = skip_object_footprint_split
        self.excluded_object_types = self._class_names_of("excluded_object_types", excluded_object_types)
        self.lifecycle_phase_filter = lifecycle_phase_filter
        self.display_column_information = display_column_information
        self.data = SankeyData()
        self.total_system_value = 0.0
        self.full_node_labels: list[str] = []
        self.node_labels: list[str] = []
        self.node_total_values: list[float] = []
        self.aggregated_node_members: dict[int, list[tuple[str, float]]] = {}
        self._shares = ShareCache()  # rebuilding after an edit splits again only the weights it changed

    def parameters(self) -> dict[str, Any]:
        """The constructor's parameters (without the system), to build the same Sankey elsewhere (a live widget)."""
        return {"aggregation_threshold_percent": self.aggregation_threshold_percent,
                "node_label_max_length": self.node_label_max_length,
                "skipped_impact_repartition_classes": list(self.skipped_impact_repartition_classes),
                "skip_phase_footprint_split": self.skip_phase_footprint_split,
                "skip_object_category_footprint_split": self.skip_object_category_footprint_split,
                "skip_object_footprint_split": self.skip_object_footprint_split,
                "excluded_object_types": list(self.excluded_object_types),
                "lifecycle_phase_filter": self.lifecycle_phase_filter,
                "display_column_information": self.display_column_information}

    # Names the reference's Sankey also exposes (lists of the last build).
    @property
    def link_sources(self) -> list[int]:
        return self.data.sources

    @property
    def link_targets(self) -> list[int]:
        return self.data.targets

    @property
    def link_values(self) -> list[float]:
        return self.data.link_values

    def _class_names_of(self, attr: str, classes: Sequence[type | str] | None) -> list[str]:
        """Class names from classes or names; unknown names are an error (a typo would silently do nothing)."""
        if classes is None:
            return []
        if isinstance(classes, (str, type)):
            raise InputTypeError(self, attr, "a list of classes or class names", classes)
        known = _class_namespace()
        names = []
        for item in classes:
            name = item.__name__ if isinstance(item, type) and issubclass(item, ModelingObject) else item
            if not isinstance(name, str):
                raise InputTypeError(self, attr, "efp classes or class names such as 'JobBase'", item)
            if name not in known:
                raise RangeError(self, attr, "names of efp classes such as 'JobBase' or 'Device'", item,
                                 hint=f"unknown class name '{name}'")
            names.append(name)
        return names

    # ---- filters ------------------------------------------------------------------------------------------
    def _skipped(self, obj: Any) -> bool:
        return bool(_class_names(obj) & set(self.skipped_impact_repartition_classes))

    def _excluded(self, obj: Any) -> bool:
        return bool(_class_names(obj) & set(self.excluded_object_types))

    def _phases(self) -> list[LifeCyclePhases]:
        return [self.lifecycle_phase_filter] if self.lifecycle_phase_filter else list(LifeCyclePhases)

    def _label(self, text: str) -> str:
        limit = self.node_label_max_length
        return text if limit is None or len(text) <= limit else text[:limit].rstrip() + "…"

    # ---- build --------------------------------------------------------------------------------------------
    def build(self) -> SankeyData:
        """Compute nodes and links from the system's current values (every call: never stale)."""
        phases = self._phases()
        self.total_system_value = 0.0
        graph = _Graph()
        show_root = not self._skipped(self.system)
        show_phases = not self.skip_phase_footprint_split and len(phases) > 1
        root = graph.node(("root",), self.system.name, "root", RANK_ROOT, "root", self.system) if show_root else None
        for phase in phases:  # one phase at a time: only one phase's hourly arrays are held at once
            attribution = Attribution(self.system, excluded=self._excluded, phases=[phase], shares=self._shares)
            flows = attribution.phases[phase]
            self.total_system_value += flows.total()
            top = root
            if show_phases:
                top = graph.node(("phase", phase.value), phase.value, "phase", RANK_PHASE, f"phase:{phase.value}")
                graph.link(root, top, flows.total())
            self._add_phase(graph, flows, top)
        self._place_not_attributable(graph)
        self.data = self._finish(graph)
        return self.data

    def _context(self, phase: LifeCyclePhases) -> str | None:
        return None if self.skip_phase_footprint_split else phase.value

    def _object_key(self, graph: _Graph, obj: Any, ctx: str | None) -> tuple:
        if obj is NOT_ATTRIBUTABLE:
            return graph.node(("not_attributable", ctx), NOT_ATTRIBUTABLE.name, "not_attributable", -1,
                              "not-attributable", obj)
        return graph.node(("object", obj.id, ctx), obj.name, "object", _group_rank(obj), obj.id, obj)

    def _add_phase(self, graph: _Graph, flows: PhaseFlows, top: tuple | None) -> None:
        ctx = self._context(flows.phase)
        total = flows.grid.total
        for obj in flows.order:
            if obj is self.system or not _has_flow(flows.inflow[obj]):
                continue
            is_source = obj in flows.sources
            if not is_source and obj is not NOT_ATTRIBUTABLE and self._skipped(obj):
                continue
            entries = self._entries(graph, flows, obj, ctx) if is_source else [(self._object_key(graph, obj, ctx),
                                                                                 1.0)]
            for ancestor, amount in self._displayed_ancestors(flows, obj):
                target = top if ancestor is self.system else self._object_key(graph, ancestor, ctx)
                onward = flows.onward[ancestor]
                for entry, multiplier in entries:
                    graph.link(target, entry, total(amount * onward * multiplier))
            if is_source:
                self._add_source_chain(graph, flows, obj, ctx)

    def _displayed_ancestors(self, flows: PhaseFlows, obj: Any) -> list[tuple[Any, Hourly]]:
        """The nearest shown objects (or the System) `obj` passes footprint to, with the hourly kg, through skipped
        ones; flows through excluded objects are dropped."""
        found: list[tuple[Any, Hourly]] = []
        stack = [(parent, flows.inflow[obj] * share) for parent, share in flows.parents[obj].items()]
        while stack:
            current, amount = stack.pop()
            if current is self.system or current is NOT_ATTRIBUTABLE:
                found.append((current, amount))
            elif self._excluded(current):
                continue
            elif not self._skipped(current):
                found.append((current, amount))
            else:
                stack.extend((parent, amount * share) for parent, share in flows.parents[current].items())
        return found

    def _category_key(self, graph: _Graph, source: Any, ctx: str | None) -> tuple:
        category = category_of(source) or type(source).__name__
        label = f"{category} {ctx.lower()}" if ctx else category
        return graph.node(("category", category, ctx), label, "category", RANK_CATEGORY, f"category:{category}")

    def _source_key(self, graph: _Graph, source: Any, ctx: str | None) -> tuple:
        return graph.node(("source", source.id, ctx), source.name, "source", RANK_SOURCE, source.id, source)

    def _breakdown_keys(self, graph: _Graph, flows: PhaseFlows, source: Any, ctx: str | None
                        ) -> list[tuple[tuple, Hourly]]:
        return [(graph.node(("breakdown", component.id, ctx), component.name, "breakdown", RANK_BREAKDOWN,
                            component.id, component), share)
                for component, share in flows.breakdown.get(source, {}).items() if not self._skipped(component)]

    def _entries(self, graph: _Graph, flows: PhaseFlows, source: Any, ctx: str | None) -> list[tuple[tuple, Hourly]]:
        """Leftmost node(s) of a source's chain, with the hourly fraction of its flow each receives."""
        if not self.skip_object_category_footprint_split:
            return [(self._category_key(graph, source, ctx), 1.0)]
        if self.skip_object_footprint_split:
            return []
        if not self._skipped(source):
            return [(self._source_key(graph, source, ctx), 1.0)]
        return self._breakdown_keys(graph, flows, source, ctx)

    def _add_source_chain(self, graph: _Graph, flows: PhaseFlows, source: Any, ctx: str | None) -> None:
        """category → source → components, each link the kg of the source that reaches the System."""
        if self.skip_object_footprint_split:
            return
        counted = flows.inflow[source] * flows.onward[source]
        total = flows.grid.total
        left = None if self.skip_object_category_footprint_split else self._category_key(graph, source, ctx)
        if not self._skipped(source):
            source_key = self._source_key(graph, source, ctx)
            if left is not None:
                graph.link(left, source_key, total(counted))
            left = source_key
        elif left is None:
            return  # the components are the entries, already linked from the source's keys
        for key, share in self._breakdown_keys(graph, flows, source, ctx):
            graph.link(left, key, total(counted * share))

    def _place_not_attributable(self, graph: _Graph) -> None:
        """The "Not attributable" node sits in the first column of objects (its own column if there is none)."""
        ranks = [node.rank for node in graph.nodes.values() if node.kind == "object"]
        for node in graph.nodes.values():
            if node.kind == "not_attributable":
                node.rank = min(ranks, default=RANK_GROUPS)

    # ---- columns, aggregation, spacers ----------------------------------------------------------------------
    def _finish(self, graph: _Graph) -> SankeyData:
        values = graph.values()
        keys = [key for key in graph.nodes if values[key] > 0]
        ranks = sorted({graph.nodes[key].rank for key in keys})
        column_of = {key: ranks.index(graph.nodes[key].rank) for key in keys}
        members = self._aggregate(graph, keys, values, column_of)
        self._add_spacers(graph, column_of, graph.values())
        values = graph.values()
        keys = [key for key in graph.nodes if values.get(key, 0.0) > 0]
        ordered = _column_order(_depth_first_order(keys, graph.links, values), graph.links, column_of)
        index = {key: i for i, key in enumerate(ordered)}
        data = SankeyData(total=self.total_system_value, title=self._title())
        for key in ordered:
            node = graph.nodes[key]
            data.full_labels.append(node.label)
            data.labels.append(self._label(node.label))
            data.values.append(values[key])
            data.columns.append(column_of[key])
            data.node_ids.append(":".join(str(part) for part in key if part is not None))
            data.kinds.append(node.kind)
            spacer_color = color_for(node.color_key).replace("0.8)", "0.3)")
            data.colors.append(spacer_color if node.kind == "spacer" else color_for(node.color_key))
            if key in members:
                data.members[index[key]] = members[key]
        for (source, target), value in graph.links.items():
            if source in index and target in index:
                data.sources.append(index[source])
                data.targets.append(index[target])
                data.link_values.append(value)
        data.column_titles = self._column_titles(graph, ordered, column_of)
        self.full_node_labels = list(data.full_labels)
        self.node_labels = list(data.labels)
        self.node_total_values = list(data.values)
        self.aggregated_node_members = dict(data.members)
        return data

    def _aggregate(self, graph: _Graph, keys: list[tuple], values: dict[tuple, float],
                   column_of: dict[tuple, int]) -> dict[tuple, list[tuple[str, float]]]:
        """Merge, column by column, the nodes below the threshold when there are at least two of them."""
        threshold = self.total_system_value * self.aggregation_threshold_percent / 100
        if self.aggregation_threshold_percent <= 0 or self.total_system_value <= 0:
            return {}
        small: dict[int, list[tuple]] = {}
        for key in keys:
            if values[key] < threshold:
                small.setdefault(column_of[key], []).append(key)
        merged_into: dict[tuple, tuple] = {}
        members: dict[tuple, list[tuple[str, float]]] = {}
        for column, group in small.items():
            if len(group) < 2:
                continue
            group.sort(key=lambda k: values[k], reverse=True)
            rank = graph.nodes[group[0]].rank
            other = graph.node(("other", column), f"Other ({len(group)})", "other", rank, "other")
            graph.nodes[other].top_value = sum(graph.nodes[k].top_value for k in group)
            graph.nodes[other].obj = [(graph.nodes[k].kind, graph.nodes[k].obj) for k in group]
            column_of[other] = column
            members[other] = [(graph.nodes[k].label, values[k]) for k in group]
            for k in group:
                merged_into[k] = other
        if not merged_into:
            return {}
        links: dict[tuple[tuple, tuple], float] = {}
        for (source, target), value in graph.links.items():
            pair = (merged_into.get(source, source), merged_into.get(target, target))
            links[pair] = links.get(pair, 0.0) + value
        graph.links = links
        for key in merged_into:
            del graph.nodes[key]
        return members

    def _add_spacers(self, graph: _Graph, column_of: dict[tuple, int], values: dict[tuple, float]) -> None:
        """Blank nodes on links that jump columns, and after flows that end before the last column."""
        last = max(column_of[key] for key in graph.nodes if key in column_of) if column_of else 0
        links: dict[tuple[tuple, tuple], float] = {}

        def chain(source: tuple, target: tuple | None, first: int, stop: int, value: float, tag: tuple) -> tuple:
            previous = source
            for column in range(first, stop):
                spacer = ("spacer", *tag, column)
                graph.node(spacer, "", "spacer", -1, graph.nodes[source].color_key)
                column_of[spacer] = column
                links[(previous, spacer)] = links.get((previous, spacer), 0.0) + value
                previous = spacer
            if target is not None:
                links[(previous, target)] = links.get((previous, target), 0.0) + value
            return previous

        node_ids = {key: i for i, key in enumerate(graph.nodes)}
        outflow: dict[tuple, float] = {}
        for (source, target), value in list(graph.links.items()):
            outflow[source] = outflow.get(source, 0.0) + value
            chain(source, target, column_of[source] + 1, column_of[target], value,
                  (node_ids[source], node_ids[target]))
        for key in list(node_ids):
            ends_here = values.get(key, 0.0) - outflow.get(key, 0.0)
            if column_of.get(key, last) < last and ends_here > 1e-9 * max(self.total_system_value, 1e-30):
                chain(key, None, column_of[key] + 1, last + 1, ends_here, (node_ids[key], "end"))
        graph.links = links

    def _column_titles(self, graph: _Graph, ordered: list[tuple], column_of: dict[tuple, int]) -> list[str]:
        """Each column's heading: its fixed name, or the class names of the objects in it."""
        names: dict[int, set[str]] = {}
        for key in ordered:
            node = graph.nodes[key]
            parts = node.obj if node.kind == "other" else [(node.kind, node.obj)]
            names.setdefault(column_of[key], set()).update(_heading(kind, obj) for kind, obj in parts)
        order = {name: i for i, name in enumerate([*COLUMN_HEADINGS.values(), *CANONICAL_CLASSES])}
        count = max(column_of[key] for key in ordered) + 1 if ordered else 0
        return [", ".join(sorted(names.get(column, set()) - {""}, key=lambda n: (order.get(n, len(order)), n)))
                for column in range(count)]

    def _title(self) -> str:
        phase = f"{self.lifecycle_phase_filter.value.lower()} " if self.lifecycle_phase_filter else ""
        excluded = f" excluding {', '.join(self.excluded_object_types)}" if self.excluded_object_types else ""
        return f"{self.system.name} {phase}impact repartition{excluded}: {format_mass(self.total_system_value)} CO2-eq"

    # ---- figure -----------------------------------------------------------------------------------------------
    def figure(self, filename: str | pathlib.Path | None = None, height: int = 600, width: int = 800,
               notebook: bool = False, title: str | None = None) -> Any:
        """Write a self-contained HTML page (inline SVG, nothing fetched) and return its path; in a notebook
        (`notebook=True`) return something Jupyter displays. Without a filename a notebook call writes
        "<system name> impact repartition.html", as the reference does."""
        data = self.build()
        page_title = title if title is not None else data.title
        svg = sankey_svg(data, width=width, height=height, show_column_titles=self.display_column_information)
        if notebook and filename is None:
            filename = f"{self.system.name} impact repartition.html"
        path = write_html_page(filename, page_title, svg, width=width) if filename is not None else None
        if notebook:
            return notebook_display(svg, "sankey", self.system, **self.parameters())
        return path if path is not None else svg


def _heading(kind: str, obj: Any) -> str:
    if kind in COLUMN_HEADINGS:
        return COLUMN_HEADINGS[kind]
    if kind == "not_attributable":
        return NOT_ATTRIBUTABLE.name
    return canonical_class_name(obj) if obj is not None else ""


def _has_flow(value: Hourly) -> bool:
    return bool(np.any(value != 0))


def _column_order(keys: list[tuple], links: dict[tuple[tuple, tuple], float], column_of: dict[tuple, int]
                  ) -> list[tuple]:
    """Nodes column by column; within a column, by the flow-weighted mean position of the nodes feeding them
    (one left-to-right sweep, the depth-first order breaking ties), so links cross as little as possible."""
    rank = {key: i for i, key in enumerate(keys)}
    incoming: dict[tuple, list[tuple[tuple, float]]] = {}
    for (source, target), value in links.items():
        incoming.setdefault(target, []).append((source, value))
    position: dict[tuple, float] = {}
    ordered: list[tuple] = []
    for column in sorted({column_of[key] for key in keys}):
        members = [key for key in keys if column_of[key] == column]

        def weight(key: tuple) -> tuple[float, int]:
            feeders = [(position[s], v) for s, v in incoming.get(key, []) if s in position]
            flow = sum(v for _, v in feeders)
            return (sum(p * v for p, v in feeders) / flow if flow > 0 else -1.0, rank[key])

        members.sort(key=weight)
        for i, key in enumerate(members):
            position[key] = i / max(len(members) - 1, 1)
        ordered.extend(members)
    return ordered


def _depth_first_order(keys: list[tuple], links: dict[tuple[tuple, tuple], float],
                       values: dict[tuple, float]) -> list[tuple]:
    """Nodes in the order a depth-first walk from the left meets them (biggest flows first): children sit next to
    their parents, which keeps links from crossing."""
    wanted = set(keys)
    children: dict[tuple, list[tuple[float, tuple]]] = {}
    has_parent: set[tuple] = set()
    for (source, target), value in links.items():
        children.setdefault(source, []).append((value, target))
        has_parent.add(target)
    order: list[tuple] = []
    seen: set[tuple] = set()

    def visit(key: tuple) -> None:
        stack = [key]
        while stack:
            current = stack.pop()
            if current in seen:
                continue
            seen.add(current)
            if current in wanted:
                order.append(current)
            for _, child in sorted(children.get(current, []), key=lambda pair: pair[0]):
                if child not in seen:
                    stack.append(child)

    for key in sorted((k for k in keys if k not in has_parent), key=lambda k: -values.get(k, 0.0)):
        visit(key)
    order.extend(key for key in keys if key not in seen)
    return order


__all__ = ["COLUMN_GROUPS", "ImpactRepartitionSankey", "SankeyData", "canonical_class_name", "color_for"]
