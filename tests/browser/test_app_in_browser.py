"""The app in a real browser: what a person sees and does on the page (Voila + Debian chromium).

Expected numbers come from efp_core on the same bundled model, never from the page itself.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from efp_core import SourceValue, u
from efp_widgets.dashboard import format_total, total_kg
from efp_widgets.example_model import load_example_system

RENDER_TIMEOUT_MS = 90_000
UPDATE_TIMEOUT_MS = 30_000
PANELS = ("efp-graph-panel", "efp-editor-panel", "efp-explainer-panel", "efp-bars-panel", "efp-timeline-panel",
          "efp-sankey-panel")
TOTAL_PATTERN = re.compile(r"^([\d,]+\.\d) (t|kt|Mt) CO2-eq$")
KG_PER_UNIT = {"t": 1e3, "kt": 1e6, "Mt": 1e9}
MIN_LABEL_PX = 11.0
TIMELINE_SERIES = ("Servers", "Storage", "ExternalAPIs", "Network", "Devices", "EdgeDevices")
# Console errors known to be harmless, as (pattern on the text, pattern on the source URL or None for any).
HARMLESS_CONSOLE = (
    (re.compile(r"^Failed to load resource"), re.compile(r"^https://cdn\.jsdelivr\.net/")),  # font CDN, blocked here
    (re.compile(r"Unsatisfied version .* @jupyter-widgets/base"), None),  # ipycytoscape's declared version range
)


@pytest.fixture()
def console_errors(page: Page) -> list[str]:
    """Console errors and uncaught exceptions of the page, minus the known harmless ones (HARMLESS_CONSOLE)."""
    errors: list[str] = []

    def on_console(message: Any) -> None:
        if message.type != "error":
            return
        url = (message.location or {}).get("url", "")
        if not any(text.search(message.text) and (source is None or source.search(url))
                   for text, source in HARMLESS_CONSOLE):
            errors.append(f"{message.text} ({url})")

    page.on("console", on_console)
    page.on("pageerror", lambda error: errors.append(f"uncaught: {error}"))
    return errors


@pytest.fixture()
def app(page: Page, app_url: str, console_errors: list[str]) -> Page:
    """A freshly loaded app page (each load gets its own kernel and its own copy of the model)."""
    page.route("https://cdn.jsdelivr.net/**", lambda route: route.abort())
    page.goto(f"{app_url}/")
    page.wait_for_selector(".efp-total", timeout=RENDER_TIMEOUT_MS)
    page.wait_for_selector(".efp-sankey-panel svg path", state="attached", timeout=RENDER_TIMEOUT_MS)
    page.wait_for_selector(".efp-timeline-panel path.line", state="attached", timeout=RENDER_TIMEOUT_MS)
    return page


def shoot(page: Page, folder: Path, name: str) -> None:
    path = folder / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    print(f"screenshot: {path}")


def total_in_kg(text: str) -> float:
    match = TOTAL_PATTERN.match(text.strip())
    assert match, f"headline total {text!r} is not written as '<number> t|kt|Mt CO2-eq'"
    return float(match.group(1).replace(",", "")) * KG_PER_UNIT[match.group(2)]


def drawn_paths(page: Page, panel: str) -> list[str]:
    return page.eval_on_selector_all(f".{panel} svg path", "paths => paths.map(p => p.getAttribute('d') || '')")


def graph_labels(page: Page) -> list[str]:
    """Labels of the nodes cytoscape draws (on a canvas, so read from the cytoscape instance)."""
    return page.evaluate("""() => {
        const holder = Array.from(document.querySelectorAll('.efp-relationship-graph')).find(e => e._cyreg);
        return holder ? holder._cyreg.cy.nodes().map(n => n.data('label') || n.data('name') || n.id()) : null;
    }""")


def graph_view(page: Page) -> dict[str, Any]:
    """On-screen size of the graph's labels and where its nodes are drawn, relative to the graph's own box."""
    return page.evaluate("""() => {
        const cy = Array.from(document.querySelectorAll('.efp-relationship-graph')).find(e => e._cyreg)._cyreg.cy;
        const box = cy.nodes().renderedBoundingBox({includeLabels: true});
        return {label_px: Math.min(...cy.nodes().map(n => parseFloat(n.style('font-size')) * cy.zoom())),
                nodes: [box.x1, box.y1, box.x2, box.y2], panel: [cy.width(), cy.height()]};
    }""")


def axis_boxes(page: Page, panel: str) -> list[dict[str, Any]]:
    """For each bqplot axis of a panel: its label's box, its line's box and its tick labels' boxes (page px)."""
    return page.evaluate("""panel => Array.from(document.querySelectorAll(`.${panel} g.axis`)).map(axis => {
        const box = e => { const r = e.getBoundingClientRect(); return {top: r.top, bottom: r.bottom}; };
        const label = axis.querySelector('text.axislabel'), line = axis.querySelector('path.domain');
        return {label: label.textContent, label_box: box(label), line: box(line),
                ticks: Array.from(axis.querySelectorAll('g.tick text')).map(box)};
    })""", panel)


def shown_tooltips(page: Page) -> list[str]:
    return page.evaluate("() => Array.from(document.querySelectorAll('.bqplot_mark_tooltip'))"
                         ".filter(d => d.style.display !== 'none' && d.style.opacity !== '0').map(d => d.innerText)")


def test_app_renders_every_panel_without_widget_errors(app: Page, screenshot_dir: Path,
                                                       console_errors: list[str]) -> None:
    shoot(app, screenshot_dir, "01_loaded")
    assert app.get_by_text("Error displaying widget").count() == 0
    for panel in PANELS:
        expect(app.locator(f".{panel}")).to_be_visible()
    model = load_example_system()
    assert app.locator(".efp-total").inner_text() == format_total(total_kg(model))
    assert len(graph_labels(app)) == len(model.all_linked_objects) + 1
    assert console_errors == []  # e.g. no "Could not create a view" for a bqplot Tooltip


def test_graph_labels_are_readable_and_every_node_is_in_view(app: Page) -> None:
    view = graph_view(app)
    assert view["label_px"] >= MIN_LABEL_PX
    x1, y1, x2, y2 = view["nodes"]
    width, height = view["panel"]
    assert 0 <= x1 < x2 <= width and 0 <= y1 < y2 <= height, view


def test_bars_legend_and_axis_labels_leave_the_bars_and_names_readable(app: Page) -> None:
    expect(app.locator(".efp-bars-legend")).to_contain_text("fabrication")
    assert app.locator(".efp-bars-panel svg g.legend").count() == 0  # no legend box drawn over the bars
    x_axes = [axis for axis in axis_boxes(app, "efp-bars-panel") if axis["label"] in ("category", "object")]
    assert [axis["label"] for axis in x_axes] == ["category", "object"]
    for axis in x_axes:
        assert axis["ticks"], axis["label"]
        assert all(tick["top"] >= axis["line"]["top"] for tick in axis["ticks"])  # names below the axis line
        assert max(tick["bottom"] for tick in axis["ticks"]) <= axis["label_box"]["top"]  # above the axis label


def test_chart_tooltips_are_created_and_shown_on_hover(app: Page, console_errors: list[str]) -> None:
    # One tooltip view per timeline series and per bar mark: each was created (none failed with a bad format).
    # (bqplot puts the tooltips at the end of the page, outside the panels)
    expect(app.locator(".bqplot_mark_tooltip table", has_text="series")).to_have_count(len(TIMELINE_SERIES))
    expect(app.locator(".bqplot_mark_tooltip table", has_text="t CO2-eq")).to_have_count(4)
    app.dispatch_event(".efp-timeline-panel path.line >> nth=0", "mouseover")
    assert any(text.startswith("series") for text in shown_tooltips(app)), shown_tooltips(app)
    app.locator(".efp-bars-panel rect.bar").nth(1).hover()
    assert any("t CO2-eq" in text for text in shown_tooltips(app)), shown_tooltips(app)
    assert console_errors == []


def test_hourly_input_sparkline_shows_the_daily_range(app: Page, screenshot_dir: Path) -> None:
    app.locator(".efp-object-picker select").select_option(label="UsagePattern: Daily video streaming consumption")
    sparkline = app.locator(".efp-editor-panel svg.efp-sparkline").first
    expect(sparkline).to_be_visible(timeout=UPDATE_TIMEOUT_MS)
    assert sparkline.get_attribute("data-period") in ("day", "week")
    band = sparkline.locator("polygon.efp-sparkline-band")
    assert band.count() == 1 and band.bounding_box()["height"] > 10  # lowest to highest hour, not a flat mean
    shoot(app, screenshot_dir, "06_usage_pattern_sparkline")


def test_typing_a_carbon_intensity_updates_total_timeline_and_sankey(app: Page, screenshot_dir: Path) -> None:
    model = load_example_system()
    model.servers[0].average_carbon_intensity = SourceValue(2500 * u.g / u.kWh)
    expected = format_total(total_kg(model))
    timeline_before, sankey_before = drawn_paths(app, "efp-timeline-panel"), drawn_paths(app, "efp-sankey-panel")
    assert app.locator(".efp-total").inner_text() != expected

    field = app.locator(".efp-input.efp-attr-average_carbon_intensity input")
    field.fill("2500")
    field.press("Enter")

    expect(app.locator(".efp-total")).to_have_text(expected, timeout=UPDATE_TIMEOUT_MS)
    assert total_in_kg(expected) == pytest.approx(total_kg(model), abs=50.0)  # one decimal of a tonne
    expect(app.locator(".efp-graph-panel")).to_be_visible()
    app.wait_for_function("before => { const now = Array.from(document.querySelectorAll("
                          "'.efp-timeline-panel svg path')).map(p => p.getAttribute('d') || '');"
                          " return JSON.stringify(now) !== JSON.stringify(before); }", arg=timeline_before,
                          timeout=UPDATE_TIMEOUT_MS)
    app.wait_for_function("before => { const now = Array.from(document.querySelectorAll("
                          "'.efp-sankey-panel svg path')).map(p => p.getAttribute('d') || '');"
                          " return JSON.stringify(now) !== JSON.stringify(before); }", arg=sankey_before,
                          timeout=UPDATE_TIMEOUT_MS)
    assert drawn_paths(app, "efp-timeline-panel") != timeline_before
    assert drawn_paths(app, "efp-sankey-panel") != sankey_before
    expect(app.locator(".efp-timeline-legend")).to_contain_text("before the last edit (total +",
                                                               timeout=UPDATE_TIMEOUT_MS)
    dashed = app.evaluate("() => Array.from(document.querySelectorAll('.efp-timeline-panel path.line'))"
                          ".filter(p => getComputedStyle(p).strokeDasharray !== 'none')"
                          ".map(p => [p.getBBox().width, getComputedStyle(p).strokeWidth])")
    assert len(dashed) == 1 and dashed[0][0] > 100 and dashed[0][1] == "2px", dashed  # the state before, drawn
    expect(app.locator(".efp-timeline-note")).to_contain_text("partial week")
    shoot(app, screenshot_dir, "02_after_carbon_intensity")

    app.get_by_role("button", name="Undo").click()
    expect(app.locator(".efp-total")).to_have_text(format_total(total_kg(load_example_system())),
                                                   timeout=UPDATE_TIMEOUT_MS)
    expect(field).to_have_value("100")


def test_adding_a_step_adds_a_node_to_the_graph(app: Page, screenshot_dir: Path) -> None:
    labels_before = graph_labels(app)
    app.locator(".efp-object-picker select").select_option(label="UsageJourney: Mean video consumption user journey")
    step_name = app.locator(".efp-editor-panel input[placeholder='name of the new step']")
    step_name.fill("Chat with a video assistant")
    step_name.press("Tab")
    app.locator(".efp-add-step").click()

    app.wait_for_function("count => { const holder = Array.from(document.querySelectorAll("
                          "'.efp-relationship-graph')).find(e => e._cyreg);"
                          " return holder && holder._cyreg.cy.nodes().length === count; }",
                          arg=len(labels_before) + 1, timeout=UPDATE_TIMEOUT_MS)
    assert sorted(graph_labels(app)) == sorted([*labels_before, "Chat with a video assistant"])
    expect(app.locator(".efp-object-picker select option",
                       has_text="UsageJourneyStep: Chat with a video assistant")).to_have_count(1)
    expect(app.locator(".efp-object-picker select")).to_have_value(
        "UsageJourney: Mean video consumption user journey")
    expect(app.locator(".efp-status")).to_contain_text("Added the step 'Chat with a video assistant'")
    shoot(app, screenshot_dir, "03_after_new_step")


def test_explainer_shows_the_chosen_values_formula(app: Page, screenshot_dir: Path) -> None:
    model = load_example_system()
    network = next(obj for obj in model.all_linked_objects if obj.name == "WIFI network")
    formula_line = network.energy_footprint.explain().splitlines()[0]

    app.locator(".efp-object-picker select").select_option(label="Network: WIFI network")
    expect(app.locator(".efp-attribute-picker select")).to_have_value("energy footprint", timeout=UPDATE_TIMEOUT_MS)
    explainer = app.locator(".efp-explainer-panel")
    expect(explainer).to_contain_text("Energy footprint of WIFI network", timeout=UPDATE_TIMEOUT_MS)
    shown = " ".join(explainer.inner_text().split())
    assert " ".join(formula_line.split()) in shown
    shoot(app, screenshot_dir, "04_explainer_network")


def test_a_model_loaded_from_the_page_replaces_the_shown_one_and_saves_back(app: Page, screenshot_dir: Path,
                                                                           tmp_path: Path) -> None:
    import base64

    import efp_core

    model = load_example_system()
    model.servers[0].average_carbon_intensity = SourceValue(700 * u.g / u.kWh)
    upload = efp_core.save_json(model, tmp_path / "dirtier grid.json")

    with app.expect_file_chooser() as chooser:
        app.locator(".efp-load").click()
    chooser.value.set_files(str(upload))
    expect(app.locator(".efp-total")).to_have_text(format_total(total_kg(model)), timeout=UPDATE_TIMEOUT_MS)
    expect(app.locator(".efp-status")).to_contain_text("from dirtier grid.json")
    expect(app.locator(".efp-input.efp-attr-average_carbon_intensity input")).to_have_value("700")

    app.get_by_role("button", name="Save JSON").click()
    link = app.locator("a.efp-download")
    expect(link).to_be_visible(timeout=UPDATE_TIMEOUT_MS)
    saved = tmp_path / "saved.json"
    saved.write_bytes(base64.b64decode(link.get_attribute("href").split("base64,", 1)[1]))
    assert total_kg(efp_core.load_json(saved)) == pytest.approx(total_kg(model), rel=1e-9)
    shoot(app, screenshot_dir, "05_loaded_and_saved")
