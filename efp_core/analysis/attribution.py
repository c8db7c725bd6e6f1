"""Attribution of a system's footprint to the objects that cause it, hour by hour, with nothing lost or counted twice.

Each impact source (an object of a System category: server, storage, external API, network, device, edge device)
splits its footprint, hour by hour, between the keys of its impact-repartition weights (methodology §7: jobs, steps,
component needs, ...); each key splits what it receives between the keys of its own weights, and so on through
steps, journeys, usage patterns and countries up to the System. Everything is recomputed from the engine's current
values on each call, so the result is always fresh after an edit.

Splitting rules (the reference's repartition attributes are kept unchanged for comparison; only this flow uses them):

1. An hour where the weights add up to more than 0: each key receives weight ÷ sum of weights. The weights of one
   object are first converted to one unit, so mixed units (a step weighted in s, another in min) are exact.
2. An hour where every weight is 0 or missing (weights shorter than the footprint): each key receives its share of
   the weights summed over the whole period. (The reference gives 100 % of such an hour to every key: counted
   several times.)
3. Weights that are 0 over the whole period: equal split between the keys. (The reference drops the footprint.)
4. Only keys inside the system count: a Country shared with another System passes everything to this one.
   An object that has footprint to pass on but no key inside the system sends it to the ``NOT_ATTRIBUTABLE`` node,
   which hangs directly under the System, so the System always receives the whole footprint.
5. Negative weights count as 0.

An ExternalAPI is one source: it shows its server's footprint and uses its server's weights, and the server is not
a second source. An edge device's flow is further broken down between its components (its fabrication breakdown by
component, and each component's energy footprint) with the same rules; this breakdown is for display only.

Excluded objects (a predicate) take no part: a flow that starts at, passes through or ends in an excluded object is
left out, in every column alike. ``inflow`` (what reaches an object from its sources) and ``onward`` (which fraction
of it reaches the System through objects that are not excluded) give every displayed quantity as Σ_hours
inflow × share × onward, which is what keeps a Sankey built from them conserving.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

import numpy as np

from efp_core.domain.lifecycle_phases import LifeCyclePhases
from efp_core.domain.system import category_of
from efp_core.errors import ComputationError
from efp_core.units import conversion_factor, u
from efp_core.values import EmptyExplainableObject, ExplainableHourlyQuantities, ExplainableQuantity

HOUR = timedelta(hours=1)
Hourly = float | np.ndarray
"""A per-hour float64 value on the attribution grid; a plain float stands for the same value every hour."""

PHASE_FOOTPRINTS = {LifeCyclePhases.MANUFACTURING: "instances_fabrication_footprint",
                    LifeCyclePhases.USAGE: "energy_footprint"}
PHASE_WEIGHTS = {LifeCyclePhases.MANUFACTURING: "fabrication_impact_repartition_weights",
                 LifeCyclePhases.USAGE: "usage_impact_repartition_weights"}


class NotAttributable:
    """Stands for footprint that no object of the system can take (an object without keys in the system)."""

    name = "Not attributable"
    id = "not-attributable"

    def __repr__(self) -> str:
        return "NOT_ATTRIBUTABLE"


NOT_ATTRIBUTABLE = NotAttributable()


@dataclass(frozen=True)
class Grid:
    """The hours the attribution covers: from the earliest to the latest hour of any source footprint (UTC)."""

    start: datetime | None
    n_hours: int

    def place(self, value: Any, unit: Any) -> Hourly:
        """`value` (∅, a scalar or an hourly series) in `unit` on this grid; hours it does not cover are 0."""
        if isinstance(value, EmptyExplainableObject) or value is None:
            return 0.0
        if isinstance(value, ExplainableQuantity):
            return float(value.value.to(unit).magnitude)
        if not isinstance(value, ExplainableHourlyQuantities):
            raise TypeError(f"expected a quantity or an hourly series, received {type(value).__name__}")
        out = np.zeros(self.n_hours, dtype=np.float64)
        if self.start is None or len(value) == 0:
            return out
        offset = value.hour_offset(self.start)  # hours from the series' start to the grid's start
        first = max(0, offset)
        last = min(len(value), offset + self.n_hours)
        if last > first:
            factor = 1.0 if value.unit == unit else conversion_factor(value.unit, unit)
            out[first - offset:last - offset] = value.magnitude[first:last].astype(np.float64) * factor
        return out

    def total(self, value: Hourly) -> float:
        """Σ over the grid's hours."""
        if isinstance(value, np.ndarray):
            return float(value.sum())
        return float(value) * self.n_hours


def grid_of(series: Iterable[Any]) -> Grid:
    """The smallest grid holding every hourly series given (∅ and scalars ignored)."""
    hourly = [s for s in series if isinstance(s, ExplainableHourlyQuantities) and len(s)]
    if not hourly:
        return Grid(None, 0)
    start = min(s.start_date for s in hourly)
    end = max(s.start_date + len(s) * HOUR for s in hourly)
    return Grid(start, int((end - start) / HOUR))


def split_shares(weights: list[Hourly], grid: Grid) -> list[Hourly]:
    """Each key's share of every hour (rules 1, 2, 3 and 5 of the module docstring); shares add up to 1 each hour."""
    if len(weights) == 1:
        return [1.0]
    if all(not isinstance(w, np.ndarray) for w in weights):
        clipped = [max(float(w), 0.0) for w in weights]
        total = sum(clipped)
        return [w / total if total > 0 else 1.0 / len(weights) for w in clipped]
    arrays = [np.clip(np.broadcast_to(np.asarray(w, dtype=np.float64), (grid.n_hours,)), 0.0, None)
              for w in weights]
    hourly_total = np.zeros(grid.n_hours, dtype=np.float64)
    for array in arrays:
        hourly_total += array
    period = np.array([float(array.sum()) for array in arrays])
    fallback = period / period.sum() if period.sum() > 0 else np.full(len(arrays), 1.0 / len(arrays))
    positive = hourly_total > 0
    inverse = np.divide(1.0, hourly_total, out=np.zeros(grid.n_hours, dtype=np.float64), where=positive)
    shares: list[Hourly] = [array * inverse for array in arrays]
    if not positive.all():
        idle = ~positive
        for share, fallback_share in zip(shares, fallback):
            share[idle] = fallback_share  # type: ignore[index]
    return shares


class ShareCache:
    """Key shares of the last attribution of each phase, reused while an object's weights are the very same value
    (values are immutable) on the same hour grid and the same scope: a Sankey rebuilt after an edit splits again
    only the weights the edit changed. Entries not used by the last attribution of a phase are dropped."""

    def __init__(self) -> None:
        self._entries: dict[tuple[int, LifeCyclePhases], tuple[Any, Grid, frozenset[int], dict[Any, Hourly]]] = {}
        self._used: set[tuple[int, LifeCyclePhases]] = set()

    def shares(self, obj: Any, phase: LifeCyclePhases, weights: Any, grid: Grid, scope: frozenset[int],
               split: Callable[[], dict[Any, Hourly]]) -> dict[Any, Hourly]:
        key = (id(obj), phase)
        self._used.add(key)
        kept = self._entries.get(key)
        if kept is not None and kept[0] is weights and kept[1] == grid and kept[2] == scope:
            return kept[3]
        shares = split()
        for share in shares.values():
            if isinstance(share, np.ndarray):
                share.flags.writeable = False  # shared by later attributions
        self._entries[key] = (weights, grid, scope, shares)
        return shares

    def finish(self, phase: LifeCyclePhases) -> None:
        """Forget this phase's entries that the attribution just made did not use."""
        self._entries = {key: kept for key, kept in self._entries.items() if key[1] != phase or key in self._used}
        self._used = {key for key in self._used if key[1] != phase}


def breakdown_weights(source: Any, phase: LifeCyclePhases) -> dict[Any, Any]:
    """How an edge device's footprint divides between its components (empty for other sources)."""
    components = list(getattr(source, "components", None) or [])
    if not components or not hasattr(source, "fabrication_footprint_breakdown_by_source"):
        return {}
    if phase == LifeCyclePhases.MANUFACTURING:
        return dict(source.fabrication_footprint_breakdown_by_source.items())
    return {component: component.energy_footprint for component in components}


@dataclass
class PhaseFlows:
    """One phase's attribution: the grid, each object's keys with their hourly shares, and the flows."""

    phase: LifeCyclePhases
    grid: Grid
    system: Any
    sources: dict[Any, Hourly] = field(default_factory=dict)
    """Impact source -> its own footprint in kg (less the share of excluded components)."""
    parents: dict[Any, dict[Any, Hourly]] = field(default_factory=dict)
    """Object -> {key it passes footprint to: hourly share}; shares add up to 1 every hour."""
    breakdown: dict[Any, dict[Any, Hourly]] = field(default_factory=dict)
    """Edge device -> {component not excluded: hourly share of the device's counted footprint}."""
    order: list[Any] = field(default_factory=list)
    """Every object reached, each before the keys it passes footprint to (the System last)."""
    inflow: dict[Any, Hourly] = field(default_factory=dict)
    """Object -> kg reaching it each hour from the sources below (own footprint included for a source)."""
    onward: dict[Any, Hourly] = field(default_factory=dict)
    """Object -> fraction of its inflow that reaches the System through objects that are not excluded."""

    def children(self, obj: Any) -> list[Any]:
        return [child for child in self.order if obj in self.parents.get(child, {})]

    def total(self) -> float:
        """kg reaching the System over the whole period."""
        return self.grid.total(self.inflow.get(self.system, 0.0) * self.onward.get(self.system, 1.0))


class Attribution:
    """Where a system's fabrication and usage footprints go (see the module docstring for the rules)."""

    def __init__(self, system: Any, excluded: Callable[[Any], bool] | None = None,
                 phases: Iterable[LifeCyclePhases] = tuple(LifeCyclePhases), shares: ShareCache | None = None
                 ) -> None:
        self.system = system
        self.excluded = excluded or (lambda obj: False)
        self.scope = [*system.all_linked_objects, system]
        self._in_scope = frozenset(id(obj) for obj in self.scope)
        self._shares = shares
        self.phases: dict[LifeCyclePhases, PhaseFlows] = {phase: self._phase_flows(phase) for phase in phases}

    # ---- public views ----------------------------------------------------------------------------
    def footprint(self, obj: Any, phase: LifeCyclePhases) -> ExplainableHourlyQuantities | EmptyExplainableObject:
        """The hourly kg attributed to `obj` (its own footprint for an impact source, or an API's server)."""
        flows = self.phases[phase]
        value = flows.inflow.get(obj, 0.0)
        if obj not in flows.inflow and hasattr(obj, PHASE_FOOTPRINTS[phase]):
            value = flows.grid.place(getattr(obj, PHASE_FOOTPRINTS[phase]), u.kg)
        if flows.grid.start is None:
            return EmptyExplainableObject()
        array = np.broadcast_to(np.asarray(value, dtype=np.float64), (flows.grid.n_hours,))
        return ExplainableHourlyQuantities(u.Quantity(array, u.kg), flows.grid.start,
                                           label=f"{obj.name} attributed {phase.value.lower()} footprint")

    def footprint_sum_kg(self, obj: Any, phase: LifeCyclePhases) -> float:
        """kg attributed to `obj` over the period (float64 sum)."""
        flows = self.phases[phase]
        if obj in flows.inflow:
            return flows.grid.total(flows.inflow[obj])
        own = getattr(obj, PHASE_FOOTPRINTS[phase], None)
        return 0.0 if own is None else flows.grid.total(flows.grid.place(own, u.kg))

    def per_source_kg(self, obj: Any, phase: LifeCyclePhases) -> dict[Any, float]:
        """kg `obj` receives from each object that passes footprint to it, over the period."""
        flows = self.phases[phase]
        return {child: flows.grid.total(flows.inflow[child] * flows.parents[child][obj])
                for child in flows.children(obj)}

    def total_kg(self, phase: LifeCyclePhases | None = None) -> float:
        """kg reaching the System (one phase, or both)."""
        phases = [phase] if phase is not None else list(self.phases)
        return sum(self.phases[p].total() for p in phases)

    # ---- construction ------------------------------------------------------------------------------
    def _is_source(self, obj: Any) -> bool:
        return category_of(obj) is not None

    def _source_excluded(self, obj: Any) -> bool:
        server = getattr(obj, "server", None) if category_of(obj) == "ExternalAPIs" else None
        return self.excluded(obj) or (server is not None and self.excluded(server))

    def _keys(self, obj: Any, phase: LifeCyclePhases, grid: Grid) -> dict[Any, Hourly]:
        """`obj`'s keys inside the system and their hourly shares; NOT_ATTRIBUTABLE when it has none."""
        if obj is self.system:
            return {}
        weights = getattr(obj, PHASE_WEIGHTS[phase], None)
        if self._shares is None:
            return self._split(obj, phase, weights, grid)
        return self._shares.shares(obj, phase, weights, grid, self._in_scope,
                                   lambda: self._split(obj, phase, weights, grid))

    def _split(self, obj: Any, phase: LifeCyclePhases, weights: Any, grid: Grid) -> dict[Any, Hourly]:
        items = [(key, w) for key, w in (weights.items() if weights is not None else [])
                 if id(key) in self._in_scope]
        if not items:
            return {NOT_ATTRIBUTABLE: 1.0}
        units = [w.unit for _, w in items if isinstance(w, (ExplainableQuantity, ExplainableHourlyQuantities))]
        unit = units[0] if units else u.dimensionless
        try:
            placed = [grid.place(w, unit) for _, w in items]
        except Exception as error:  # an incompatible unit or a misaligned series: name the object
            raise ComputationError(f"{type(obj).__name__} '{obj.name}', attribute '{PHASE_WEIGHTS[phase]}': "
                                   f"expected weights in one unit on the hour grid, received {error}") from error
        return dict(zip([key for key, _ in items], split_shares(placed, grid)))

    def _phase_flows(self, phase: LifeCyclePhases) -> PhaseFlows:
        sources = [obj for obj in self.system.all_linked_objects if self._is_source(obj)]
        footprints = {obj: getattr(obj, PHASE_FOOTPRINTS[phase]) for obj in sources}
        grid = grid_of(footprints.values())
        flows = PhaseFlows(phase, grid, self.system)
        for obj, footprint in footprints.items():
            own = grid.place(footprint, u.kg)
            bd_weights = breakdown_weights(obj, phase)
            if bd_weights:
                shares = dict(zip(bd_weights, split_shares([grid.place(w, u.kg) for w in bd_weights.values()], grid)))
                kept: Hourly = sum((s for c, s in shares.items() if not self.excluded(c)), 0.0)
                own = own * kept
                flows.breakdown[obj] = {c: _ratio(s, kept) for c, s in shares.items() if not self.excluded(c)}
            flows.sources[obj] = 0.0 if self._source_excluded(obj) else own
        self._reach(flows)
        if self._shares is not None:
            self._shares.finish(phase)
        self._propagate(flows)
        return flows

    def _reach(self, flows: PhaseFlows) -> None:
        """Keys of every object reached from the sources, and an order with each object before its keys."""
        pending = list(flows.sources)
        while pending:
            obj = pending.pop()
            if obj in flows.parents or obj is NOT_ATTRIBUTABLE:
                continue
            flows.parents[obj] = self._keys(obj, flows.phase, flows.grid)
            pending.extend(flows.parents[obj])
        flows.parents[NOT_ATTRIBUTABLE] = {self.system: 1.0}
        flows.parents.setdefault(self.system, {})
        flows.order = _children_first(flows.parents)

    def _propagate(self, flows: PhaseFlows) -> None:
        inflow: dict[Any, Hourly] = {obj: flows.sources.get(obj, 0.0) for obj in flows.order}
        for obj in flows.order:
            if obj is not self.system and self.excluded(obj):
                inflow[obj] = 0.0
                continue
            for parent, share in flows.parents[obj].items():
                inflow[parent] = inflow[parent] + inflow[obj] * share
        flows.inflow = inflow
        if not any(self.excluded(obj) for obj in flows.order if obj is not NOT_ATTRIBUTABLE):
            flows.onward = {obj: 1.0 for obj in flows.order}  # every flow reaches the System
            return
        onward: dict[Any, Hourly] = {}
        for obj in reversed(flows.order):
            if obj is self.system:
                onward[obj] = 0.0 if self.excluded(obj) else 1.0
            elif obj is not NOT_ATTRIBUTABLE and self.excluded(obj):
                onward[obj] = 0.0
            else:
                onward[obj] = sum((share * onward[p] for p, share in flows.parents[obj].items()), 0.0)
        flows.onward = onward


def _ratio(part: Hourly, whole: Hourly) -> Hourly:
    """part ÷ whole hour by hour, 0 where whole is 0 (a component's share among the components kept)."""
    if not isinstance(part, np.ndarray) and not isinstance(whole, np.ndarray):
        return part / whole if whole else 0.0
    whole_array = np.asarray(whole, dtype=np.float64)
    return np.where(whole_array > 0, np.asarray(part, dtype=np.float64) / np.where(whole_array > 0, whole_array, 1.0),
                    0.0)


def _children_first(parents: dict[Any, dict[Any, Hourly]]) -> list[Any]:
    """Kahn's algorithm on object -> key links (deterministic: discovery order as tie-break)."""
    objects = list(parents)
    waiting = {obj: 0 for obj in objects}
    for obj in objects:
        for parent in parents[obj]:
            waiting[parent] = waiting.get(parent, 0) + 1
    ready = [obj for obj in objects if waiting[obj] == 0]
    order: list[Any] = []
    while ready:
        obj = ready.pop(0)
        order.append(obj)
        for parent in parents.get(obj, {}):
            waiting[parent] -= 1
            if waiting[parent] == 0:
                ready.append(parent)
    if len(order) != len(waiting):
        stuck = [getattr(obj, "name", str(obj)) for obj, n in waiting.items() if n > 0]
        raise ComputationError(f"impact repartition: expected weights that never lead back to the same object, "
                               f"received a cycle through {', '.join(stuck)}")
    return order


def attributed_footprint_sums_kg(system: Any) -> dict[Any, dict[str, float]]:
    """{object: {"fabrication": kg, "energy": kg}} for the system and every linked object (golden file format)."""
    attribution = Attribution(system)
    objects = [*system.all_linked_objects, system]
    return {obj: {"fabrication": attribution.footprint_sum_kg(obj, LifeCyclePhases.MANUFACTURING),
                  "energy": attribution.footprint_sum_kg(obj, LifeCyclePhases.USAGE)} for obj in objects}


__all__ = ["Attribution", "Grid", "NOT_ATTRIBUTABLE", "PhaseFlows", "attributed_footprint_sums_kg",
           "breakdown_weights", "grid_of", "split_shares"]
