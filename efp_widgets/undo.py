"""Undo and redo of a system's edits, recorded from the engine's change events (whoever made the edit).

An edit is the list of input changes one update made: (object, attribute, old input, new input). Undo applies
the old inputs through one `ModelingUpdate`, so it is itself an ordinary, validated, recomputed update.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from efp_core import ModelChange, ModelingUpdate, subscribe
from efp_core.engine.modeling_update import AttributeRef


@dataclass(frozen=True)
class InputChange:
    """One input of one object, before and after an update (lists of links as tuples)."""

    obj: Any
    attr: str
    old: Any
    new: Any


Edit = tuple[InputChange, ...]


def _stored(value: Any) -> Any:
    return list(value) if isinstance(value, tuple) else value


def _belongs_to(obj: Any, system: Any) -> bool:
    return obj is system or system in getattr(obj, "systems", ())


class EditHistory:
    """Stacks of applied and undone edits of `system`; `on_change` is called after either stack changes."""

    def __init__(self, system: Any, limit: int = 100) -> None:
        self.system = system
        self.limit = limit
        self.done: list[Edit] = []
        self.undone: list[Edit] = []
        self._replaying = False
        self._listeners: list[Callable[[], None]] = []
        self._unsubscribe = subscribe(self._record)

    def on_change(self, listener: Callable[[], None]) -> None:
        self._listeners.append(listener)

    @property
    def can_undo(self) -> bool:
        return bool(self.done)

    @property
    def can_redo(self) -> bool:
        return bool(self.undone)

    def undo(self) -> Edit | None:
        """Put back the inputs of the last edit; returns it (None when there is nothing to undo)."""
        if not self.done:
            return None
        edit = self.done[-1]
        self._replay([(c.obj, c.attr, c.old) for c in reversed(edit)])
        self.done.pop()
        self.undone.append(edit)
        self._notify()
        return edit

    def redo(self) -> Edit | None:
        """Apply again the inputs of the last undone edit."""
        if not self.undone:
            return None
        edit = self.undone[-1]
        self._replay([(c.obj, c.attr, c.new) for c in edit])
        self.undone.pop()
        self.done.append(edit)
        self._notify()
        return edit

    def clear(self) -> None:
        self.done.clear()
        self.undone.clear()
        self._notify()

    def close(self) -> None:
        """Stop listening to the engine (the history keeps what it recorded)."""
        self._unsubscribe()

    def _replay(self, assignments: list[tuple[Any, str, Any]]) -> None:
        self._replaying = True
        try:
            ModelingUpdate([[AttributeRef(obj, attr), _stored(value)] for obj, attr, value in assignments])
        finally:
            self._replaying = False

    def _record(self, change: ModelChange) -> None:
        if self._replaying or change.kind != "update":
            return
        edit = tuple(InputChange(obj, attr, old, new) for (obj, attr), (old, new) in change.changes.items()
                     if attr in type(obj)._input_names and _belongs_to(obj, self.system))
        if not edit:
            return
        self.done.append(edit)
        del self.done[:-self.limit]
        self.undone.clear()
        self._notify()

    def _notify(self) -> None:
        for listener in self._listeners:
            listener()
