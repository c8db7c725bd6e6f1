"""Class attributes computed on first read, so that importing a class does not import what lists its choices."""
from __future__ import annotations

from typing import Any, Callable, Generic, TypeVar

T = TypeVar("T")
_UNSET: Any = object()


class lazy_class_value(Generic[T]):  # noqa: N801 - used like a decorator, as functools.cached_property
    """A class-level value (e.g. `list_values` read from BoaviztAPI's or EcoLogits' data) built by `factory` the
    first time it is read, from the class or an instance, then kept."""

    def __init__(self, factory: Callable[[], T]) -> None:
        self.factory = factory
        self.value: T = _UNSET
        self.__doc__ = factory.__doc__

    def __get__(self, obj: Any, owner: type | None = None) -> T:
        if self.value is _UNSET:
            self.value = self.factory()
        return self.value
