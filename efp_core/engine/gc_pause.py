"""Python's cyclic garbage collector paused while the engine computes.

A model holds many long-lived objects (values, formulas, dependency dicts); every few hundred allocations the
collector would walk them all while a recomputation allocates its results, which cost more than the
recomputation itself. Values freed during the pause are still freed by reference counting; cycles wait for
the next collection after the pause.
"""
from __future__ import annotations

import gc
from contextlib import contextmanager
from typing import Iterator


@contextmanager
def paused_gc() -> Iterator[None]:
    """Disable the cyclic collector for the block; nested pauses re-enable it only at the outermost exit."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
