"""The one bridge between the engine's change events and the live widgets.

A single subscription to `efp_core.subscribe` fans each `ModelChange` out to the views that show one of the
changed (object, attribute) pairs. Views are held by weak reference, so a widget that is closed (or simply
dropped) stops receiving events and can be collected. Writes go the other way through `apply_changes`, which
runs one `ModelingUpdate` and turns an engine error into a message instead of an exception.
"""
from __future__ import annotations

import contextlib
import logging
import weakref
from typing import Any, Callable, Collection, Iterator, Protocol

from ipywidgets import Widget

from efp_core import ModelChange, ModelingUpdate, subscribe
from efp_core.errors import EfpError

logger = logging.getLogger("efp_widgets")
Node = tuple[Any, str]


class ModelView(Protocol):
    """What the binding needs from a widget: the nodes it shows and how to redraw some of them."""

    def watched_nodes(self) -> Collection[Node]:
        """(object, attribute) pairs whose change must redraw this view (read on every event)."""
        ...

    def on_model_change(self, change: ModelChange, relevant: set[Node]) -> None:
        """Redraw what `relevant` (changed and watched) touches; never write back to the model."""
        ...


class ModelBinding:
    """Subscribes once to the engine and dispatches each change to the live views that watch it."""

    def __init__(self, subscribe_fn: Callable[[Callable[[ModelChange], None]], Callable[[], None]] = subscribe,
                 ) -> None:
        self._subscribe_fn = subscribe_fn
        self._views: list[weakref.ReferenceType[Any]] = []
        self._unsubscribe: Callable[[], None] | None = None
        self.events_dispatched = 0

    def bind(self, view: ModelView) -> None:
        """Start sending changes to `view` (held weakly); the engine subscription starts with the first view."""
        if any(ref() is view for ref in self._views):
            return
        self._views.append(weakref.ref(view))
        if self._unsubscribe is None:
            self._unsubscribe = self._subscribe_fn(self.dispatch)

    def unbind(self, view: ModelView) -> None:
        """Stop sending changes to `view`; the engine subscription ends with the last view."""
        self._views = [ref for ref in self._views if ref() is not None and ref() is not view]
        self._release_if_idle()

    @property
    def views(self) -> list[ModelView]:
        """The views still alive, in binding order."""
        return [view for view in (ref() for ref in self._views) if view is not None]

    @property
    def subscribed(self) -> bool:
        return self._unsubscribe is not None

    def dispatch(self, change: ModelChange) -> None:
        """Give each live view the changed nodes it watches; a failing view is logged, the others still run."""
        self.events_dispatched += 1
        changed = change.changes.keys()
        for view in self.views:
            relevant = {node for node in view.watched_nodes() if node in changed}
            if not relevant:
                continue
            try:
                with engine_sync(view):
                    view.on_model_change(change, relevant)
            except Exception:  # noqa: BLE001 - a broken view must not hide the change from the others
                logger.exception("view %r failed to redraw", view)
        self._views = [ref for ref in self._views if ref() is not None]
        self._release_if_idle()

    def _release_if_idle(self) -> None:
        if not self._views and self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None


BINDING = ModelBinding()


@contextlib.contextmanager
def engine_sync(view: Any) -> Iterator[None]:
    """Mark `view` as being redrawn from the engine, so its control observers do not write back."""
    previous = getattr(view, "_efp_engine_sync", False)
    object.__setattr__(view, "_efp_engine_sync", True)
    try:
        yield
    finally:
        object.__setattr__(view, "_efp_engine_sync", previous)


def syncing_from_engine(view: Any) -> bool:
    """True while `view` is being redrawn from an engine event (its observers must then do nothing)."""
    return bool(getattr(view, "_efp_engine_sync", False))


def apply_changes(changes: list[list[Any]]) -> str | None:
    """Run one ModelingUpdate; return None on success, or the engine's error message (the model is unchanged)."""
    try:
        ModelingUpdate(changes)
    except (EfpError, ValueError, TypeError) as error:
        return str(error)
    return None


def _referenced_widgets(value: Any) -> list[Widget]:
    if isinstance(value, Widget):
        return [value]
    if isinstance(value, (list, tuple)):
        return [w for item in value for w in _referenced_widgets(item)]
    if isinstance(value, dict):
        return [w for item in value.values() for w in _referenced_widgets(item)]
    return []


def close_descendants(root: Widget) -> None:
    """Close every widget `root` references, directly or not, through its synced traits (children, marks,
    axes, scales, layouts...), so that none stays in ipywidgets' registry holding observers back to `root`.
    `root` itself is left to its caller (usually its own `close`)."""
    seen: dict[int, Widget] = {}
    stack = [root]
    while stack:
        widget = stack.pop()
        if id(widget) in seen:
            continue
        seen[id(widget)] = widget
        for name in widget.keys:
            stack.extend(_referenced_widgets(getattr(widget, name, None)))
    for widget in seen.values():
        if widget is not root:
            widget.close()


def release(view: Any) -> None:
    """What a bound widget does when closed: stop receiving changes and close the widgets it made."""
    BINDING.unbind(view)
    close_descendants(view)
