"""The app in a real browser: what a person sees and does on the page (Voila + Debian chromium).

Expected numbers come from efp_core on the same bundled model, never from the page itself.
"""
from __future__ import annotations

import re
from pathlib import Path

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


@pytest.fixture()
def app(page: Page, app_url: str) -> Page:
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


def test_app_renders_every_panel_without_widget_errors(app: Page, screenshot_dir: Path) -> None:
    shoot(app, screenshot_dir, "01_loaded")
    assert app.get_by_text("Error displaying widget").count() == 0
    for panel in PANELS:
        expect(app.locator(f".{panel}")).to_be_visible()
    model = load_example_system()
    assert app.locator(".efp-total").inner_text() == format_total(total_kg(model))
    assert len(graph_labels(app)) == len(model.all_linked_objects) + 1


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
