"""Footprint charts: the bars and hover texts carry the golden numbers; emission diffs show what a change added and
removed; hourly `.plot()` draws the hours asked for. Charts are read back from their SVG."""
from __future__ import annotations

import html
import math
import re
from datetime import timedelta

import pytest

from tests.golden import load
from tests.seed_model import START, SeedScenario, seed_usage_series

GOLDEN = load("golden_seed_quickstart.json")["stages"]


def bars(svg: str) -> dict[str, float]:
    """hover text -> drawn height of every bar segment."""
    found = re.findall(r'<rect class="efp-bar"[^>]*height="([\d.]+)"[^>]*><title>(.*?)</title>', svg)
    return {html.unescape(title): float(height) for height, title in found}


@pytest.fixture(scope="module")
def seed_figures():
    seed = SeedScenario()
    figures = {"footprints": seed.system.plot_footprints_by_category_and_object(notebook=False)}
    seed.to_after_720p()
    figures["bandwidth reduction"] = seed.system.plot_emission_diffs()
    seed.to_after_llm_step()
    figures["LLM chat addition"] = seed.system.plot_emission_diffs()
    figures["All changes"] = seed.system.plot_emission_diffs(from_start=True)
    return figures


def test_footprints_chart_has_one_segment_per_object_with_golden_heights(seed_figures):
    segments = bars(seed_figures["footprints"].svg)
    expected = {  # kg, from the golden by-category numbers (one object per category in the seed)
        "Devices · Fabrication · Default laptop": GOLDEN["base"]["by_category_and_phase_kg"]["fabrication"]["Devices"],
        "Storage · Fabrication · SSD storage": GOLDEN["base"]["by_category_and_phase_kg"]["fabrication"]["Storage"],
        "Network · Electricity · WIFI network": GOLDEN["base"]["by_category_and_phase_kg"]["energy"]["Network"],
        "Devices · Electricity · Default laptop": GOLDEN["base"]["by_category_and_phase_kg"]["energy"]["Devices"],
    }
    by_prefix = {title.split(":")[0]: height for title, height in segments.items()}
    laptop = "Devices · Fabrication · Default laptop"
    for prefix, kg in expected.items():
        assert by_prefix[prefix] == pytest.approx(kg / expected[laptop] * by_prefix[laptop], rel=0.01, abs=0.2)
    assert "Devices · Fabrication · Default laptop: 4 955 tonnes" in segments
    assert "Total CO2 emissions from 2024-12-31 to 2028-01-01: 11 150 tonnes" in seed_figures["footprints"].svg
    assert {"44%", "26%", "20%", "10%"} == set(re.findall(r">(\d+%)</text>", seed_figures["footprints"].svg))


def test_bandwidth_reduction_shows_the_removed_network_energy(seed_figures):
    segments = bars(seed_figures["bandwidth reduction"].svg)
    old = GOLDEN["base"]["by_category_and_phase_kg"]["energy"]["Network"] / 1000
    new = GOLDEN["after_720p"]["by_category_and_phase_kg"]["energy"]["Network"] / 1000
    kept = f"Network · Electricity: {old:,.0f} → {new:,.0f} tonnes".replace(",", " ")
    removed = f"Network · Electricity: removed {old - new:,.0f} tonnes".replace(",", " ")
    assert kept in segments and removed in segments
    assert segments[removed] / segments[kept] == pytest.approx((old - new) / new, rel=0.01)
    assert not any("added" in title for title in segments)
    svg = seed_figures["bandwidth reduction"].svg
    assert f"({(new - old) / old * 100:+.0f}%)" in svg
    assert "11 150 → 9 575 tonnes (-14.1%)" in svg


def test_llm_addition_and_all_changes(seed_figures):
    segments = bars(seed_figures["LLM chat addition"].svg)
    assert any(t.startswith("ExternalAPIs · Electricity: added") for t in segments)
    assert any(t.startswith("Devices · Fabrication: added") for t in segments)
    assert "(new)" in seed_figures["LLM chat addition"].svg
    total_base = GOLDEN["base"]["total_footprint_sum_kg"] / 1000
    total_llm = GOLDEN["after_llm_step"]["total_footprint_sum_kg"] / 1000
    assert f"first change: {total_base:,.0f} → {total_llm:,.0f} tonnes".replace(",", " ") in \
        seed_figures["All changes"].svg


def test_files_are_written_and_image_names_become_pages(tmp_path):
    seed = SeedScenario()
    seed.to_after_720p()
    with pytest.warns(UserWarning, match="no .png writer"):
        figure = seed.system.plot_emission_diffs(tmp_path / "bandwidth reduction.png")
    assert figure.path == tmp_path / "bandwidth reduction.html"
    assert "<svg" in figure.path.read_text() and not (tmp_path / "bandwidth reduction.png").exists()
    svg_path = seed.system.plot_footprints_by_category_and_object(tmp_path / "chart.svg").path
    assert svg_path.read_text().startswith("<?xml") and "efp-bar-chart" in svg_path.read_text()


def test_emission_diffs_without_change_is_refused():
    with pytest.raises(ValueError, match="has had no change yet"):
        SeedScenario().system.plot_emission_diffs()


def polyline_points(svg: str) -> list[tuple[float, float]]:
    points = re.search(r'<polyline class="efp-line" points="([^"]+)"', svg).group(1)
    return [tuple(map(float, p.split(","))) for p in points.split()]


@pytest.mark.parametrize("days, hourly_points, band", [(1, 25, False), (7, 169, False), (None, None, True)])
def test_hourly_plot_draws_the_requested_window(days, hourly_points, band):
    series = seed_usage_series()
    xlims = None if days is None else [START, START + timedelta(days=days)]
    figure = series.plot(xlims=xlims)
    points = polyline_points(figure.svg)
    if hourly_points is not None:
        assert len(points) == hourly_points
    else:
        assert len(points) == math.ceil(len(series.magnitude) / 24)  # daily means over three years
    assert ('class="efp-band"' in figure.svg) is band


def test_cumulative_plot_rises_and_is_titled(tmp_path):
    seed = SeedScenario()
    figure = seed.server.energy_footprint.plot(cumsum=True, filename=tmp_path / "cum.html")
    assert "Cumulative energy footprint of server" in figure.svg
    ys = [y for _, y in polyline_points(figure.svg)]
    assert ys == sorted(ys, reverse=True)  # SVG y grows downwards: a rising line has falling y
    assert (tmp_path / "cum.html").exists()


@pytest.mark.parametrize("xlims, message", [([START], "two datetimes"), ([START, START], "is not after start"),
                                            (["2025-01-01", "2025-02-01"], "two datetimes")])
def test_bad_xlims_are_named(xlims, message):
    with pytest.raises(ValueError, match=message):
        seed_usage_series().plot(xlims=xlims)
