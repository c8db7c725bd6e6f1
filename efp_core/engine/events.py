"""One change event per update: which (object, attribute) changed, with old and new values."""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any, Callable

logger = logging.getLogger("efp_core")


class _ComputedOnRead:
    """The new value of an on-demand attribute the update invalidated: read the attribute to compute it."""

    def __repr__(self) -> str:
        return "<computed on read>"


COMPUTED_ON_READ = _ComputedOnRead()


@dataclass(frozen=True)
class ModelChange:
    """What an update changed: {(object, attribute): (old value, new value)} and the update itself.

    An on-demand attribute (see `ModelingObject.on_demand_attributes`) that the update invalidated is listed
    with COMPUTED_ON_READ as its new value: reading `getattr(obj, attr)` computes it."""

    changes: dict[tuple[Any, str], tuple[Any, Any]]
    update: Any = None
    kind: str = "update"  # "update", "simulation-applied" or "simulation-reset"
    objects: frozenset[Any] = field(default_factory=frozenset)

    def changed(self, obj: Any, attr: str | None = None) -> bool:
        if attr is None:
            return obj in self.objects
        return (obj, attr) in self.changes


Listener = Callable[[ModelChange], None]
_LISTENERS: list[Listener] = []


def subscribe(listener: Listener) -> Callable[[], None]:
    """Call `listener` after every update; returns a function that unsubscribes it."""
    _LISTENERS.append(listener)

    def unsubscribe() -> None:
        if listener in _LISTENERS:
            _LISTENERS.remove(listener)
    return unsubscribe


def has_listeners() -> bool:
    """Whether anyone listens: an update builds its event (comparing old and new values) only then."""
    return bool(_LISTENERS)


def emit(change: ModelChange) -> None:
    """Deliver an event; a failing listener is logged and does not stop the others (the model is already
    consistent at this point)."""
    for listener in list(_LISTENERS):
        try:
            listener(change)
        except Exception:  # noqa: BLE001 - a broken view must not break the model
            logger.exception("change listener %r failed", listener)
