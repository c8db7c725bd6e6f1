"""Results that depend only on how objects are linked, kept until any link changes.

A root lists its objects (`all_linked_objects`, objects by footprint category) by following links; an update
reads these lists several times (footprint snapshot, total footprint, first computation of new objects) while
links rarely change. `structure_cached` keeps a method's result with the engine's link-change count and the
(object, attribute) reads it made; a later call with no link changed in between returns a copy of the result
and records the same reads, so a calculated attribute using it still depends on those links.
"""
from __future__ import annotations

import functools
from typing import Any, Callable, TypeVar

from efp_core.engine import runtime
from efp_core.engine.tracking import TRACKER

R = TypeVar("R")


def structure_cached(method: Callable[[Any], R]) -> Callable[[Any], R]:
    """Decorate a no-argument method whose result depends on link inputs and containers only."""
    name = method.__name__

    @functools.wraps(method)
    def cached(self: Any) -> R:
        if TRACKER.read_filter is not None:  # a simulation sees values through its filter: no shortcut
            return method(self)
        store = self.__dict__.setdefault("_structure_cache", {})
        hit = store.get(name)
        if hit is not None and hit[0] == runtime.STATS.link_changes:
            _, result, reads = hit
        else:
            TRACKER.reads.append({})
            try:
                result = method(self)
            finally:
                reads = tuple(TRACKER.reads.pop())
            store[name] = (runtime.STATS.link_changes, result, reads)
        for node in reads:
            TRACKER.record(node)
        return _copy(result)

    return cached


def _copy(result: Any) -> Any:
    """A copy callers may change without changing the cache (lists, and dicts of lists, are copied)."""
    if isinstance(result, list):
        return list(result)
    if isinstance(result, dict):
        return {key: _copy(value) for key, value in result.items()}
    return result
