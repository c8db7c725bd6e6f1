"""ModelingUpdate: several input changes applied as one transaction, optionally as a simulation at a date."""
from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Iterable

from efp_core.engine import runtime
from efp_core.engine.events import COMPUTED_ON_READ, ModelChange, emit, has_listeners
from efp_core.engine.gc_pause import paused_gc
from efp_core.engine.link_list import ListLinkedToModelingObj
from efp_core.engine.modeling_object import CONTAINERS, ModelingObject
from efp_core.engine.tracking import TRACKER, Node
from efp_core.errors import EfpError, StructureError
from efp_core.values import ExplainableHourlyQuantities, ExplainableObject, ExplainableObjectDict

logger = logging.getLogger("efp_core")


@dataclass(frozen=True)
class AttributeRef:
    """Names an input slot directly (what `obj.attr = value` changes)."""

    obj: Any
    attr: str


def _slots_of(old: Any) -> list[Node]:
    """The (object, attribute) slots that `old` (an attribute's current value, or a linked object) occupies."""
    if isinstance(old, AttributeRef):
        return [(old.obj, old.attr)]
    if isinstance(old, (ExplainableObject, ExplainableObjectDict, ListLinkedToModelingObj)):
        container = old.modeling_obj_container
        if container is None:
            raise ValueError(f"{old!r} is not the current value of any object's attribute: pass the attribute "
                             "itself, e.g. ModelingUpdate([[server.power, SourceValue(...)]])")
        attr = old.attr_name_in_mod_obj_container
        if attr in type(container)._calculated_names:
            raise AttributeError(f"{type(container).__name__} '{container.name}': '{attr}' is calculated; "
                                 "change one of its inputs instead")
        return [(container, attr)]
    if isinstance(old, ModelingObject):
        slots = [(c, a) for (c, a) in old._containers]
        if not slots:
            raise ValueError(f"{type(old).__name__} '{old.name}' is not linked to any object: nothing to replace")
        return slots
    raise TypeError(f"cannot update {old!r}: pass an attribute value, a list attribute or a linked object")


class ModelingUpdate:
    """Apply `[[old_value, new_value], ...]` at once: validate all, change all, recompute once, emit one event.

    If anything fails, every value is exactly as before. With `simulation_date` (tz-aware), values are
    recomputed as if the change happened at that date (unchanged hourly ancestors are cut to hours from
    the date on); the baseline is restored afterwards and `set_updated_values()` / `reset_values()`
    switch between the two states. An ordinary update keeps only the inputs of both states (the systems
    keep every update, and old calculated values would pile up edit after edit); switching it back and
    forth recomputes from those inputs, which gives the same values.
    """

    def __init__(self, changes_list: list[list[Any]], simulation_date: datetime | None = None,
                 compute_previous_system_footprints: bool = True) -> None:
        self.changes_list = changes_list
        self.simulation_date = simulation_date
        self.compute_previous_system_footprints = compute_previous_system_footprints
        self.updated_values_set = False
        self.recomputed: list[Node] = []
        if simulation_date is not None and simulation_date.tzinfo is None:
            raise ValueError("simulation_date must be timezone-aware, e.g. pytz.utc.localize(datetime(2026, 1, 1))")
        with paused_gc():
            self._run(changes_list, simulation_date, compute_previous_system_footprints)

    def _run(self, changes_list: list[list[Any]], simulation_date: datetime | None,
             compute_previous_system_footprints: bool) -> None:
        start = time.perf_counter()
        before = runtime.STATS.computations
        assignments = self._resolve(changes_list)
        # In assignment order (not a set), so that errors name the same object on every run.
        touched = list(dict.fromkeys([*(obj for (obj, _), _ in assignments),
                                      *(t for _, v in assignments for t in _targets(v))]))
        systems = _systems_of(touched)
        self.systems = systems
        self.previous_footprints = {s: _detached_snapshot(s.footprint_snapshot()) for s in systems
                                    if compute_previous_system_footprints and hasattr(s, "footprint_snapshot")}
        journal = runtime.push_journal()
        try:
            changed: list[Node] = []
            for (obj, attr), value in assignments:
                changed += obj._store_input(attr, value)
            _check_structure(touched, systems)
            sim_filter = _SimulationFilter(simulation_date, journal) if simulation_date is not None else None
            TRACKER.read_filter = sim_filter
            self.recomputed = runtime.recompute(changed)
            affected = _systems_of(touched) | systems
            for system in affected:
                runtime.compute_stale(runtime.linked_objects(system))
            TRACKER.read_filter = None
            if sim_filter is not None:
                sim_filter.install_filtered_values()
        except BaseException:
            TRACKER.read_filter = None
            journal.previous_state().apply()
            runtime.pop_journal()
            raise
        TRACKER.read_filter = None
        runtime.pop_journal()
        self._baseline = journal.previous_state()
        self._updated = journal.current_state()
        self.computations = runtime.STATS.computations - before
        elapsed_ms = (time.perf_counter() - start) * 1000
        logger.info("%d changes lead to %d update computations done in %.1f ms", len(assignments),
                    self.computations, elapsed_ms)
        if simulation_date is None:
            self.updated_values_set = True
            for system in affected:
                system.register_change(self) if hasattr(system, "register_change") else None
            if has_listeners():
                emit(self._event(self._baseline, self._updated, "update"))
            self._baseline = runtime.State(self._baseline.inputs, {})
            self._updated = runtime.State(self._updated.inputs, {})
        else:
            self._baseline.apply()
            for system in affected:
                if hasattr(system, "simulation"):
                    system.simulation = self
            logger.info("Simulation computed; baseline values restored (call set_updated_values() to see it)")

    @staticmethod
    def _resolve(changes_list: list[list[Any]]) -> list[tuple[Node, Any]]:
        """Slots and validated new values; raises before anything changes."""
        resolved: list[tuple[Node, Any]] = []
        for change in changes_list:
            if not isinstance(change, (list, tuple)) or len(change) != 2:
                raise TypeError(f"each change is [old_value, new_value], received {change!r}")
            old, new = change
            for obj, attr in _slots_of(old):
                if isinstance(old, ModelingObject) and not isinstance(old, AttributeRef):
                    current = obj._values.get(attr)
                    if isinstance(current, list):
                        resolved.append(((obj, attr), [new if x is old else x for x in current]))
                        continue
                resolved.append(((obj, attr), new))
        resolved += _entangled_changes(resolved)
        pending = {node: value for node, value in resolved}
        return [((obj, attr), obj.validated_input(attr, value, pending)) for (obj, attr), value in resolved]

    def _event(self, before: runtime.State, after: runtime.State, kind: str) -> ModelChange:
        changes: dict[Node, tuple[Any, Any]] = {}
        for node, old in before.inputs.items():
            new = after.inputs.get(node)
            if not _same(old, new):
                changes[node] = (old, new)
        for node, (old, _, _) in before.calcs.items():
            new, _, stale = after.calcs.get(node, (None, (), False))
            old_value = None if old is runtime._MISSING else old
            new_value = None if new is runtime._MISSING else new
            if stale and node[1] in type(node[0]).on_demand_attributes:
                changes[node] = (old_value, COMPUTED_ON_READ)
                continue
            if not _same(old_value, new_value):
                changes[node] = (old_value, new_value)
        return ModelChange(changes, self, kind, frozenset(obj for obj, _ in changes))

    def set_updated_values(self) -> None:
        """Show the simulated state (values as recomputed from the simulation date)."""
        if self.simulation_date is None:
            self._switch_inputs(self._updated, "simulation-applied")
        else:
            self._updated.apply()
            emit(self._event(self._baseline, self._updated, "simulation-applied"))
        self.updated_values_set = True

    def reset_values(self) -> None:
        """Go back to the baseline state."""
        if self.simulation_date is None:
            self._switch_inputs(self._baseline, "simulation-reset")
        else:
            self._baseline.apply()
            emit(self._event(self._updated, self._baseline, "simulation-reset"))
        self.updated_values_set = False

    def _switch_inputs(self, target: runtime.State, kind: str) -> None:
        """Put the inputs of `target` back and recompute what depends on them (an ordinary update's states
        keep no calculated values)."""
        with paused_gc():
            journal = runtime.push_journal()
            try:
                changed: list[Node] = []
                for (obj, attr), value in target.inputs.items():
                    stored = list(value) if isinstance(value, tuple) else value
                    if stored is None and attr not in obj._values:
                        continue
                    changed += obj._store_input(attr, stored)
                runtime.recompute(changed)
                for system in self.systems | _systems_of({obj for obj, _ in changed}):
                    runtime.compute_stale(runtime.linked_objects(system))
            except BaseException:
                journal.previous_state().apply()
                raise
            finally:
                runtime.pop_journal()
            emit(self._event(journal.previous_state(), journal.current_state(), kind))


def _entangled_changes(resolved: list[tuple[Node, Any]]) -> list[tuple[Node, Any]]:
    """Changes that must accompany the requested ones (e.g. a process moved to another computer moves its
    component needs to that computer's components), unless the caller already changes those slots."""
    requested = {node for node, _ in resolved}
    extra: list[tuple[Node, Any]] = []
    queue = list(resolved)
    while queue:
        (obj, attr), value = queue.pop()
        for other, other_attr, other_value in obj.entangled_changes(attr, value):
            node = (other, other_attr)
            if node not in requested:
                requested.add(node)
                extra.append((node, other_value))
                queue.append((node, other_value))
    return extra


def _detached_snapshot(snapshot: Any) -> Any:
    """The footprint values of a snapshot without their formulas: the numbers are what later comparisons use,
    and a formula would keep every old value it was computed from alive for as long as the update is kept."""
    if isinstance(snapshot, dict):
        return {key: _detached_snapshot(value) for key, value in snapshot.items()}
    if isinstance(snapshot, ExplainableObject) and snapshot.formula is not None:
        detached = snapshot.copy()
        detached.formula = None
        return detached
    return snapshot


def _same(a: Any, b: Any) -> bool:
    if a is b:
        return True
    try:
        return bool(a == b) and type(a) is type(b)
    except Exception:  # noqa: BLE001 - incomparable values are different
        return False


def _targets(value: Any) -> list[ModelingObject]:
    if isinstance(value, ModelingObject):
        return [value]
    if isinstance(value, list):
        return [v for v in value if isinstance(v, ModelingObject)]
    return []


def _systems_of(objects: Iterable[Any]) -> set[Any]:
    systems: set[Any] = set()
    for obj in objects:
        systems.update(obj.systems)
    return systems


def _check_structure(touched: list[Any], systems_before: set[Any]) -> None:
    """No link cycle, and no object (touched, or linked below a touched one) in two systems."""
    explored: set[int] = set()
    reached: list[ModelingObject] = []
    for obj in touched:
        reached += _check_no_link_cycle(obj, explored)
    for obj in reached:
        roots = obj.systems
        if len(roots) > 1:
            raise StructureError(obj, "systems", "to belong to one system at most",
                                 [r.name for r in roots], "build a separate object for each system")


def _check_no_link_cycle(start: ModelingObject, explored: set[int]) -> list[ModelingObject]:
    """Raise on a cycle of links reachable from `start`; return the objects newly explored."""
    path: list[ModelingObject] = []
    on_path: set[int] = set()
    found: list[ModelingObject] = []

    def visit(obj: ModelingObject) -> None:
        if id(obj) in on_path:
            cycle = " -> ".join(o.name for o in path[path.index(obj):] + [obj])
            raise StructureError(start, "links", "objects that do not contain themselves", cycle,
                                 "a link cycle was created")
        if id(obj) in explored:  # fully explored before without finding a cycle
            return
        on_path.add(id(obj))
        path.append(obj)
        for target in obj.linked_objects:
            visit(target)
        path.pop()
        on_path.discard(id(obj))
        explored.add(id(obj))
        found.append(obj)
    visit(start)
    return found


class _SimulationFilter:
    """During a simulation, values that the update does not recompute are seen from the simulation date on."""

    def __init__(self, date: datetime, journal: runtime.Journal) -> None:
        self.date = date
        self.journal = journal
        self.cache: dict[Node, Any] = {}

    def __call__(self, node: Node, value: Any) -> Any:
        if node in self.journal.calcs or node in self.journal.inputs or node[1] == CONTAINERS:
            return value
        if node in self.cache:
            return self.cache[node]
        filtered = self._filter(node[0], value)
        self.cache[node] = filtered
        return filtered

    def install_filtered_values(self) -> None:
        """Make the cut ancestors part of the simulated state, as the values the simulation was computed from."""
        for (obj, attr), filtered in self.cache.items():
            current = obj._values.get(attr)
            if filtered is current:
                continue
            if attr in type(obj)._calculated_names:
                self.journal.record_calc(obj, attr)
            else:
                self.journal.record_input(obj, attr, current)
            if isinstance(filtered, (ExplainableObject, ExplainableObjectDict)):
                filtered.label = getattr(current, "label", None)
                filtered.modeling_obj_container = obj
                filtered.attr_name_in_mod_obj_container = attr
            obj._values[attr] = filtered

    def _filter(self, owner: Any, value: Any) -> Any:
        if isinstance(value, ExplainableHourlyQuantities):
            start = value.start_date
            if start.tzinfo is None:
                tz = owner.local_timezone()
                series = value
                if tz is not None and hasattr(owner, "to_utc"):
                    series = owner.to_utc(value)
                elif tz is None:
                    import pytz
                    series = value.copy()
                    series.start_date = pytz.utc.localize(start)
                value = series
            if value.end_date < self.date:
                return value
            return value.from_date(self.date) if value.start_date < self.date else value
        if isinstance(value, ExplainableObjectDict):
            out = ExplainableObjectDict({k: self._filter(owner, v) for k, v in value.items()})
            out.label = value.label
            return out
        return value


__all__ = ["AttributeRef", "ModelingUpdate", "EfpError"]
