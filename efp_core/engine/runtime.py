"""Computing calculated attributes: on demand, once each, in dependency order; journals make updates atomic."""
from __future__ import annotations

import logging
import time
from typing import Any, Iterable

from efp_core.engine import cutoff
from efp_core.engine.array_pool import POOL
from efp_core.engine.gc_pause import paused_gc
from efp_core.engine.graph import descendants, topological_order
from efp_core.engine.tracking import TRACKER, Node
from efp_core.errors import ComputationError, DependencyCycleError, EfpError
from efp_core.values import (
    EmptyExplainableObject,
    ExplainableHourlyQuantities,
    ExplainableObject,
    ExplainableObjectDict,
    Formula,
)

logger = logging.getLogger("efp_core")


class Stats:
    """Counts computations, so updates can report how much work they did."""

    def __init__(self) -> None:
        self.computations = 0
        self.link_changes = 0  # bumped whenever any object gains or loses a container


STATS = Stats()
_JOURNALS: list["Journal"] = []

_MISSING = object()


class Journal:
    """The state of every node an update touches, as it was before, so the update can be undone exactly."""

    def __init__(self) -> None:
        self.inputs: dict[Node, Any] = {}
        self.calcs: dict[Node, tuple[Any, tuple[Node, ...], bool]] = {}

    def record_input(self, obj: Any, attr: str, old: Any) -> None:
        node = (obj, attr)
        if node not in self.inputs:
            self.inputs[node] = tuple(old) if isinstance(old, list) else old

    def record_calc(self, obj: Any, attr: str) -> None:
        node = (obj, attr)
        if node not in self.calcs:
            self.calcs[node] = (obj._values.get(attr, _MISSING), tuple(obj._dependencies.get(attr, ())),
                                attr in obj._stale)

    def absorb(self, child: "Journal") -> None:
        """Take over what a nested journal recorded, so that undoing this one also undoes the nested work."""
        for node, old in child.inputs.items():
            self.inputs.setdefault(node, old)
        for node, calc in child.calcs.items():
            self.calcs.setdefault(node, calc)

    def current_state(self) -> "State":
        """The present values of the nodes this journal knows, to switch back to them later."""
        inputs = {}
        for (obj, attr) in self.inputs:
            value = obj._values.get(attr)
            inputs[(obj, attr)] = tuple(value) if isinstance(value, list) else value
        calcs = {(obj, attr): (obj._values.get(attr, _MISSING), tuple(obj._dependencies.get(attr, ())),
                               attr in obj._stale) for (obj, attr) in self.calcs}
        return State(inputs, calcs)

    def previous_state(self) -> "State":
        return State(dict(self.inputs), dict(self.calcs))


class State:
    """Values, dependencies and staleness of a set of nodes; applying it restores them."""

    def __init__(self, inputs: dict[Node, Any], calcs: dict[Node, tuple[Any, tuple[Node, ...], bool]]) -> None:
        self.inputs = inputs
        self.calcs = calcs

    def apply(self) -> None:
        for (obj, attr), old in reversed(list(self.inputs.items())):
            stored = list(old) if isinstance(old, tuple) else old
            if stored is None and attr not in obj._values:
                continue
            obj._store_input(attr, stored)
        for (obj, attr), (value, deps, stale) in self.calcs.items():
            _set_dependencies((obj, attr), deps)
            if value is _MISSING:
                obj._values.pop(attr, None)
            else:
                obj._values[attr] = value
            if stale:
                obj._stale.add(attr)
            else:
                obj._stale.discard(attr)

    def nodes(self) -> list[Node]:
        return list(self.inputs) + list(self.calcs)


def current_journal() -> Journal | None:
    return _JOURNALS[-1] if _JOURNALS else None


def push_journal() -> Journal:
    journal = Journal()
    _JOURNALS.append(journal)
    return journal


def pop_journal() -> None:
    _JOURNALS.pop()


def _set_dependencies(node: Node, deps: Iterable[Node]) -> None:
    obj, attr = node
    new = deps if isinstance(deps, dict) else dict.fromkeys(deps)
    old = obj._dependencies.get(attr)
    if old is not None and old.keys() == new.keys():
        return  # a recomputation usually reads what it read before: the edges are already there
    for dep_obj, dep_attr in obj._dependencies.get(attr, ()):
        dependents = dep_obj._dependents.get(dep_attr)
        if dependents is not None:
            dependents.pop(node, None)
    obj._dependencies[attr] = new
    for dep_obj, dep_attr in new:
        dep_obj._dependents.setdefault(dep_attr, {})[node] = None


def compute(obj: Any, attr: str) -> Any:
    """Evaluate one calculated attribute now, recording what it reads as its dependencies."""
    node = (obj, attr)
    if node in TRACKER.in_stack:
        start = TRACKER.stack.index(node)
        raise DependencyCycleError([*TRACKER.stack[start:], node])
    journal = current_journal()
    if journal is not None:
        journal.record_calc(obj, attr)
    descriptor = getattr(type(obj), attr)
    TRACKER.push(node)
    try:
        value = descriptor.func(obj)
    except (EfpError, RecursionError):
        raise
    except Exception as exc:
        raise ComputationError(f"{type(obj).__name__} '{obj.name}', calculated attribute '{attr}': "
                               f"{type(exc).__name__}: {exc}") from exc
    finally:
        reads = TRACKER.pop()
    reads.pop(node, None)
    _set_dependencies(node, reads)
    value = _as_attribute_value(obj, attr, value)
    obj._values[attr] = value
    obj._stale.discard(attr)
    STATS.computations += 1
    return value


def _as_attribute_value(obj: Any, attr: str, value: Any) -> Any:
    from efp_core.engine.modeling_object import human_label

    if value is None:
        value = EmptyExplainableObject()
    label = human_label(obj, attr)
    if isinstance(value, ExplainableObjectDict):
        value = ExplainableObjectDict(value)
        for key, item in list(value.items()):
            if isinstance(item, ExplainableObject):
                item = _pooled(_detached(item))
                item.label = f"{label} for {getattr(key, 'name', key)}"
                dict.__setitem__(value, key, item)
    elif isinstance(value, ExplainableObject):
        value = _pooled(_detached(value))
    if isinstance(value, (ExplainableObject, ExplainableObjectDict)):
        value.label = label
        value.modeling_obj_container = obj
        value.attr_name_in_mod_obj_container = attr
    return value


def _pooled(value: ExplainableObject) -> ExplainableObject:
    """A stored hourly value holds the pool's array when an equal one is already kept (see `array_pool`)."""
    if isinstance(value, ExplainableHourlyQuantities):
        value.magnitude = POOL.shared(value.magnitude)
    return value


def _detached(value: ExplainableObject) -> ExplainableObject:
    """A value that belongs to no attribute yet: results already held elsewhere become explained copies."""
    if value.modeling_obj_container is None and not value.label:
        return value
    clone = value.copy()
    clone.formula = Formula("copy", (value,))
    from efp_core.sources import Sources
    clone.source = Sources.CALCULATED
    clone.label = None
    return clone


def invalidate(changed: Iterable[Node], pending_before: set[Node] | None = None) -> list[Node]:
    """Mark everything downstream of `changed` stale; return those nodes in dependency order. On-demand
    attributes that were already pending are added to `pending_before` when given."""
    dirty = descendants(changed, lambda n: list(n[0]._dependents.get(n[1], ())))
    order = topological_order(dirty, lambda n: n[0]._dependencies.get(n[1], ()))
    journal = current_journal()
    for node in order:
        obj, attr = node
        if journal is not None:
            journal.record_calc(obj, attr)
        if pending_before is not None and pending(obj, attr):
            pending_before.add(node)
        obj._stale.add(attr)
    return order


def recompute(changed: Iterable[Node]) -> list[Node]:
    """Bring every calculated attribute downstream of `changed` up to date, in dependency order, computing
    each at most once and only when something it read changed (see `cutoff`); return the nodes visited."""
    changed = list(changed)
    # Nodes whose value differs from the one they had when last computed: the changed inputs, and pending
    # on-demand attributes (invalidated by an earlier update and not read since: their values are outdated).
    moved: set[Node] = set(changed)
    order = invalidate(changed, moved)
    if TRACKER.read_filter is not None:  # a simulation sees cut ancestors: every descendant is recomputed
        for obj, attr in order:
            if attr in obj._stale:
                compute(obj, attr)
        return order
    rebound_nodes: set[Node] = set()  # nodes holding an identical value in a new object
    replaced: dict[int, tuple[Any, Any]] = {}
    for node in order:
        obj, attr = node
        if attr not in obj._stale:  # already computed on demand by a formula read: assume it moved
            moved.add(node)
            continue
        dependencies = obj._dependencies.get(attr, ())
        if attr not in obj._values or node in moved or any(dependency in moved for dependency in dependencies):
            if attr in type(obj).on_demand_attributes:  # stays stale until read; what reads it is recomputed
                moved.add(node)
                continue
            old = obj._values.get(attr, _MISSING)
            new = compute(obj, attr)
            if old is not _MISSING and cutoff.identical(old, new):
                cutoff.record_replacement(old, new, replaced)
                rebound_nodes.add(node)
            else:
                moved.add(node)
        elif any(dependency in rebound_nodes for dependency in dependencies):
            old = obj._values[attr]
            new = cutoff.rebound(old, replaced)
            obj._values[attr] = new
            obj._stale.discard(attr)
            if new is not old:
                cutoff.record_replacement(old, new, replaced)
                rebound_nodes.add(node)
        else:
            obj._stale.discard(attr)  # nothing it read changed: its value stands
    return order


def compute_stale(objects: Iterable[Any]) -> int:
    """Compute every attribute of `objects` that has no fresh value (new objects, first computation), except
    on-demand ones (computed when read), which a simulation computes too: its values depend on the simulation's
    read filter, gone once it ends."""
    before = STATS.computations
    eager_only = TRACKER.read_filter is None
    for obj in objects:
        stale = obj._stale
        if not stale:
            continue
        on_demand = type(obj).on_demand_attributes if eager_only else ()
        for attr in type(obj)._calculated_names:
            if attr in stale and attr not in on_demand:
                compute(obj, attr)
    return STATS.computations - before


def pending(obj: Any, attr: str) -> bool:
    """Whether `attr` of `obj` is an on-demand attribute waiting for its first read since it was invalidated."""
    return attr in obj._stale and attr in type(obj).on_demand_attributes


def linked_objects(root: Any) -> list[Any]:
    """Every object of a root's model and the root (a System keeps `all_linked_objects` until a link changes,
    see `structure_cache`)."""
    return [*root.all_linked_objects, root]


def compute_system(system: Any) -> None:
    """First computation of a whole model, logged like the reference does."""
    start = time.perf_counter()
    objects = linked_objects(system)
    with paused_gc():
        count = compute_stale(objects)
    elapsed = time.perf_counter() - start
    logger.info("Computed %d calculated attributes over %d objects in %.3f s", count, len(objects), elapsed)
