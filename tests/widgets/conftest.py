"""Fixtures of the widget tests."""
from __future__ import annotations

from collections.abc import Iterator

import pytest
from ipywidgets.widgets import widget as widget_registry


@pytest.fixture(autouse=True)
def close_new_widgets() -> Iterator[None]:
    """Close the widgets a test made, so they stop listening to the engine's updates of later tests."""
    before = set(widget_registry._instances)
    yield
    for model_id, widget in list(widget_registry._instances.items()):
        if model_id not in before:
            widget.close()
