"""Fixtures shared by the test modules."""
from __future__ import annotations

from collections.abc import Iterator

import pytest

from efp_core import ModelChange, subscribe


@pytest.fixture
def events() -> Iterator[list[ModelChange]]:
    """The change events emitted while the test runs, in order."""
    received: list[ModelChange] = []
    unsubscribe = subscribe(received.append)
    yield received
    unsubscribe()
