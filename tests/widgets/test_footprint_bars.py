"""FootprintBars: the bars hold the engine's fabrication and usage footprints, in tonnes, and follow edits."""
from __future__ import annotations

from typing import Callable

import numpy as np
import pytest

from efp_core import SourceValue, u
from efp_widgets.footprint_bars import MAX_TICK_CHARS, FootprintBars, short_label
from tests.seed_model import SeedScenario


@pytest.fixture
def seed() -> SeedScenario:
    return SeedScenario()


def engine_tonnes(seed: SeedScenario) -> dict[str, tuple[float, float]]:
    """(fabrication, usage) tonnes per category straight from the engine's totals."""
    fabrication = seed.system.total_fabrication_footprint_sum_over_period
    usage = seed.system.total_energy_footprint_sum_over_period
    return {c: (fabrication[c].value.to(u.t).magnitude, usage[c].value.to(u.t).magnitude) for c in fabrication}


def drawn(bars: FootprintBars) -> dict[str, tuple[float, float]]:
    return {c: (f, s) for c, f, s in zip(bars.categories, bars.category_fabrication_t, bars.category_usage_t)}


def test_bars_hold_the_engine_numbers_in_tonnes(seed: SeedScenario) -> None:
    bars = FootprintBars(seed.system)
    expected = engine_tonnes(seed)
    assert bars.categories == ["Servers", "Storage", "Network", "Devices"]  # categories with objects
    for category, (fabrication, usage) in drawn(bars).items():
        assert fabrication == pytest.approx(expected[category][0], rel=1e-6)
        assert usage == pytest.approx(expected[category][1], rel=1e-6)
    assert bars.total_t == pytest.approx(seed.system.total_footprint.magnitude_sum(u.t), rel=1e-6)
    assert np.allclose(bars.by_category.fabrication.y, bars.category_fabrication_t)
    assert np.allclose(bars.by_category.usage.y, bars.category_usage_t)
    labels = bars.by_object.x_axis.tick_labels
    assert [labels[str(int(i))] for i in bars.by_object.x_axis.tick_values] == [
        "server", "SSD storage", "WIFI network", "Default laptop"]
    assert np.allclose(bars.by_object.usage.x - bars.by_object.fabrication.x, 0.4)  # side by side


@pytest.mark.parametrize("edit, changed_category", [
    (lambda seed: setattr(seed.server, "average_carbon_intensity", SourceValue(300 * u.g / u.kWh)), "Servers"),
    (lambda seed: setattr(seed.network, "bandwidth_energy_intensity", SourceValue(0.1 * u("kWh/GB"))), "Network"),
    (lambda seed: seed.to_after_720p(), "Network"),
])
def test_bars_follow_edits(seed: SeedScenario, edit: Callable[[SeedScenario], None], changed_category: str) -> None:
    bars = FootprintBars(seed.system)
    before = drawn(bars)
    edit(seed)
    after = drawn(bars)
    assert after[changed_category] != before[changed_category]
    expected = engine_tonnes(seed)
    for category, (fabrication, usage) in after.items():
        assert (fabrication, usage) == pytest.approx(expected[category], rel=1e-6)


def test_structure_edit_adds_a_category_and_an_object(seed: SeedScenario) -> None:
    bars = FootprintBars(seed.system)
    seed.to_after_llm_step()
    assert "ExternalAPIs" in bars.categories and "Openai’s gpt-4o" in bars.objects
    assert drawn(bars)["ExternalAPIs"][1] == pytest.approx(engine_tonnes(seed)["ExternalAPIs"][1], rel=1e-6)
    assert drawn(bars)["ExternalAPIs"][1] > 0


def test_closed_bars_stop_following(seed: SeedScenario) -> None:
    bars = FootprintBars(seed.system)
    before = drawn(bars)
    bars.close()
    seed.server.average_carbon_intensity = SourceValue(300 * u.g / u.kWh)
    assert drawn(bars) == before


def test_refuses_what_is_not_a_system(seed: SeedScenario) -> None:
    with pytest.raises(TypeError, match="expected a System"):
        FootprintBars(seed.server)


def test_legend_is_html_above_the_charts_and_long_names_are_shortened(seed: SeedScenario) -> None:
    seed.storage.name = "SSD storage of the streaming platform"
    bars = FootprintBars(seed.system)
    assert bars.children[0] is bars.legend  # above both charts, outside their plot areas
    assert "fabrication" in bars.legend.value and "usage" in bars.legend.value
    assert not any(mark.display_legend for chart in (bars.by_category, bars.by_object) for mark in chart.phase_marks)
    seed.to_after_llm_step()  # adds objects, some with long names
    names = bars.objects
    shown = [bars.by_object.x_axis.tick_labels[str(i)] for i in range(len(names))]
    assert all(len(label) <= MAX_TICK_CHARS for label in shown)
    assert [s for s, n in zip(shown, names) if s != n] == ["SSD storage of th…"]
    assert short_label("SSD storage of the streaming platform") == "SSD storage of th…"
    axis = bars.by_object.x_axis
    assert axis.tick_rotate == -30 and axis.tick_style == {"text-anchor": "end"}  # slanted names end at their tick
    # the axis label sits below the slanted names: its offset leaves room for the longest one, inside the margin
    room = int(axis.label_offset.removesuffix("px"))
    assert MAX_TICK_CHARS * 7 * 0.5 < room < bars.by_object.figure.fig_margin["bottom"]
