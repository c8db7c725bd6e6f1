"""The binding: one engine subscription, dispatch to the views that watch a changed node, weak references,
no write-back from engine-driven redraws."""
from __future__ import annotations

import gc
import weakref
from typing import Any

import pytest

from efp_core import ModelChange, SourceValue, u
from efp_widgets.binding import BINDING, ModelBinding, apply_changes, engine_sync, syncing_from_engine
from tests.seed_model import SeedScenario


@pytest.fixture
def seed() -> SeedScenario:
    return SeedScenario()


class RecordingView:
    """A view that records what it was asked to redraw (and whether it was muted meanwhile)."""

    def __init__(self, nodes: set[tuple[Any, str]]) -> None:
        self.nodes = nodes
        self.calls: list[set[tuple[Any, str]]] = []
        self.muted_during_redraw: list[bool] = []

    def watched_nodes(self) -> set[tuple[Any, str]]:
        return self.nodes

    def on_model_change(self, change: ModelChange, relevant: set[tuple[Any, str]]) -> None:
        self.calls.append(relevant)
        self.muted_during_redraw.append(syncing_from_engine(self))


class FailingView(RecordingView):
    def on_model_change(self, change: ModelChange, relevant: set[tuple[Any, str]]) -> None:
        raise RuntimeError("broken view")


def private_binding() -> tuple[ModelBinding, list[Any]]:
    """A binding with a fake engine subscription, to watch it subscribe and unsubscribe."""
    listeners: list[Any] = []

    def subscribe(listener: Any) -> Any:
        listeners.append(listener)
        return lambda: listeners.remove(listener)
    return ModelBinding(subscribe), listeners


def test_only_views_watching_a_changed_node_are_redrawn(seed: SeedScenario) -> None:
    watches_server = RecordingView({(seed.server, "energy_footprint")})
    watches_storage_input = RecordingView({(seed.storage, "lifespan")})
    BINDING.bind(watches_server)
    BINDING.bind(watches_storage_input)
    try:
        seed.server.average_carbon_intensity = SourceValue(200 * u.g / u.kWh)
    finally:
        BINDING.unbind(watches_server)
        BINDING.unbind(watches_storage_input)
    assert watches_server.calls == [{(seed.server, "energy_footprint")}]
    assert watches_storage_input.calls == []
    assert watches_server.muted_during_redraw == [True]


def test_one_subscription_for_many_views_released_with_the_last() -> None:
    binding, listeners = private_binding()
    first, second = RecordingView(set()), RecordingView(set())
    binding.bind(first)
    binding.bind(second)
    binding.bind(first)  # binding twice changes nothing
    assert len(listeners) == 1 and binding.views == [first, second]
    binding.unbind(first)
    assert len(listeners) == 1
    binding.unbind(second)
    assert listeners == [] and not binding.subscribed


def test_a_dropped_view_is_not_kept_alive_nor_called(seed: SeedScenario) -> None:
    binding, listeners = private_binding()
    view = RecordingView({(seed.server, "power")})
    binding.bind(view)
    calls = view.calls
    del view
    gc.collect()
    assert binding.views == []
    listeners[0](ModelChange({(seed.server, "power"): (None, None)}))
    assert calls == [] and listeners == []


def test_a_failing_view_does_not_stop_the_others(seed: SeedScenario) -> None:
    binding, listeners = private_binding()
    broken, healthy = FailingView({(seed.server, "power")}), RecordingView({(seed.server, "power")})
    binding.bind(broken)
    binding.bind(healthy)
    listeners[0](ModelChange({(seed.server, "power"): (None, None)}))
    assert healthy.calls == [{(seed.server, "power")}]


def test_engine_sync_is_scoped_and_nests() -> None:
    view = RecordingView(set())
    assert not syncing_from_engine(view)
    with engine_sync(view):
        with engine_sync(view):
            assert syncing_from_engine(view)
        assert syncing_from_engine(view)
    assert not syncing_from_engine(view)


@pytest.mark.parametrize("new_value, error_part", [
    (SourceValue(-5 * u.g / u.kWh), "expected a value ≥ 0"),
    (SourceValue(5 * u.kg), "unit compatible with"),
    (5, "expected a SourceValue"),
])
def test_apply_changes_returns_the_engine_error_and_changes_nothing(seed: SeedScenario, new_value: Any,
                                                                   error_part: str) -> None:
    before = seed.system.total_footprint.magnitude_sum(u.kg)
    message = apply_changes([[seed.server.average_carbon_intensity, new_value]])
    assert message is not None and "average_carbon_intensity" in message and error_part in message
    assert seed.server.average_carbon_intensity.value == 100 * u.g / u.kWh
    assert seed.system.total_footprint.magnitude_sum(u.kg) == before


def test_apply_changes_applies_one_update(seed: SeedScenario) -> None:
    assert apply_changes([[seed.server.average_carbon_intensity, SourceValue(300 * u.g / u.kWh)]]) is None
    assert seed.server.average_carbon_intensity.value == 300 * u.g / u.kWh


@pytest.mark.parametrize("make", [
    lambda seed: __import__("efp_widgets.editor", fromlist=["ObjectEditor"]).ObjectEditor(seed.server),
    lambda seed: __import__("efp_widgets.timeline", fromlist=["Timeline"]).Timeline(seed.system, stacked=True),
    lambda seed: __import__("efp_widgets.footprint_bars", fromlist=["FootprintBars"]).FootprintBars(seed.system),
    lambda seed: __import__("efp_widgets.relationship_graph",
                            fromlist=["RelationshipGraph"]).RelationshipGraph(seed.system),
], ids=["editor", "timeline", "footprint_bars", "relationship_graph"])
def test_closed_widgets_are_released(seed: SeedScenario, make: Any) -> None:
    widget = make(seed)
    assert widget in BINDING.views
    reference = weakref.ref(widget)
    widget.close()
    assert widget not in BINDING.views
    del widget
    gc.collect()
    assert reference() is None  # nothing (binding, engine, ipywidgets registry) keeps a closed widget alive
