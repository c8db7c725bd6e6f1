"""A list of linked objects held by an attribute: in-place edits go through a ModelingUpdate."""
from __future__ import annotations

from typing import Any, Iterable, SupportsIndex


class ListLinkedToModelingObj(list):  # type: ignore[type-arg]
    """The list value of a link attribute (`journey.uj_steps`).

    It stays the same Python object for the attribute's lifetime; `append`, `remove`, slice assignment...
    compute the new contents and apply them as one update, so dependants are recomputed and a failed
    edit changes nothing.
    """

    def __init__(self, items: Iterable[Any] = ()) -> None:
        super().__init__(items)
        self.modeling_obj_container: Any = None
        self.attr_name_in_mod_obj_container: str | None = None

    # Internal: replace the contents without triggering an update (the engine calls this).
    def _set_contents(self, items: Iterable[Any]) -> None:
        super().__init__(items)

    def _update(self, new_items: list[Any]) -> None:
        if self.modeling_obj_container is None:
            super().__init__(new_items)
            return
        from efp_core.engine.modeling_update import ModelingUpdate
        ModelingUpdate([[self, new_items]])

    def append(self, item: Any) -> None:
        self._update([*self, item])

    def extend(self, items: Iterable[Any]) -> None:
        self._update([*self, *items])

    def insert(self, index: SupportsIndex, item: Any) -> None:
        new = list(self)
        new.insert(index, item)
        self._update(new)

    def remove(self, item: Any) -> None:
        new = list(self)
        new.remove(item)
        self._update(new)

    def pop(self, index: SupportsIndex = -1) -> Any:
        new = list(self)
        item = new.pop(index)
        self._update(new)
        return item

    def clear(self) -> None:
        self._update([])

    def __setitem__(self, index: Any, value: Any) -> None:
        new = list(self)
        new[index] = value
        self._update(new)

    def __delitem__(self, index: Any) -> None:
        new = list(self)
        del new[index]
        self._update(new)

    def __iadd__(self, items: Iterable[Any]) -> "ListLinkedToModelingObj":  # type: ignore[override]
        self.extend(items)
        return self

    def sort(self, *args: Any, **kwargs: Any) -> None:
        new = list(self)
        new.sort(*args, **kwargs)
        self._update(new)

    def reverse(self) -> None:
        self._update(list(reversed(self)))

    def copy(self) -> list[Any]:  # type: ignore[override]
        return list(self)

    def __hash__(self) -> int:  # type: ignore[override]
        return id(self)
