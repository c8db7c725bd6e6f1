"""Dashboard: one page of live widgets over a system; edits, undo/redo and files go through the engine."""
from __future__ import annotations

import html

import pytest

import efp_core as efp
from efp_core import SourceValue, u
from efp_widgets.dashboard import Dashboard, format_total, object_label, total_kg
from efp_widgets.explainer import CalculusExplainer
from tests.seed_model import SeedScenario


@pytest.fixture()
def seed() -> SeedScenario:
    return SeedScenario()


@pytest.fixture()
def dashboard(seed: SeedScenario):
    board = Dashboard(seed.system)
    yield board
    board.close()


@pytest.mark.parametrize("kg, text", [
    (0.0, "0.0 t CO2-eq"),
    (1_234_500.0, "1,234.5 t CO2-eq"),
    (11_150_269.49, "11,150.3 t CO2-eq"),
    (99_999_000.0, "99,999.0 t CO2-eq"),
    (150_000_000.0, "150.0 kt CO2-eq"),
    (250_000_000_000.0, "250.0 Mt CO2-eq"),
])
def test_total_is_written_in_tonnes_kilotonnes_or_megatonnes(kg: float, text: str) -> None:
    assert format_total(kg) == text


def headline(board: Dashboard) -> str:
    return board.total.value.split("class='efp-total'>")[1].split("<")[0]


def test_headline_follows_an_edit_made_in_the_editor(dashboard: Dashboard, seed: SeedScenario) -> None:
    assert dashboard.chosen is seed.server
    row = dashboard.editor_box.children[0].rows["average_carbon_intensity"]
    row.number.value = 300.0
    assert seed.server.average_carbon_intensity.value == 300 * u.g / u.kWh
    assert headline(dashboard) == format_total(total_kg(seed.system)) != format_total(11_150_269.49)


def test_picker_lists_the_system_then_its_objects(dashboard: Dashboard, seed: SeedScenario) -> None:
    labels = [label for label, _ in dashboard.picker.options]
    assert labels[0] == "System: System"
    assert {object_label(obj) for obj in seed.system.all_linked_objects} == set(labels[1:])
    assert "efp-object-picker" in dashboard.picker._dom_classes


@pytest.mark.parametrize("choose_with", ["picker", "graph"])
def test_choosing_an_object_shows_its_editor_and_explains_its_footprint(dashboard: Dashboard, seed: SeedScenario,
                                                                        choose_with: str) -> None:
    if choose_with == "picker":
        dashboard.picker.value = seed.storage
    else:
        dashboard.graph.select(seed.storage.id)
    editor = dashboard.editor_box.children[0]
    assert (editor.obj, dashboard.chosen, dashboard.picker.value) == (seed.storage, seed.storage, seed.storage)
    assert dashboard.attribute_picker.value == "instances_fabrication_footprint"  # its energy footprint is empty
    assert isinstance(dashboard.explainer, CalculusExplainer)
    assert dashboard.explainer.value is seed.storage.instances_fabrication_footprint
    assert "Instances fabrication footprint of SSD storage" in dashboard.explainer.root["label"]


def test_choosing_another_attribute_explains_it(dashboard: Dashboard, seed: SeedScenario) -> None:
    dashboard.attribute_picker.value = "instances_energy"
    assert dashboard.explainer.value is seed.server.instances_energy


def test_adding_a_step_adds_a_node_and_undo_removes_it(dashboard: Dashboard, seed: SeedScenario) -> None:
    nodes_before = set(dashboard.graph.node_ids)
    dashboard.picker.value = seed.journey
    dashboard.step_name.value = "Chat with an assistant"
    dashboard.add_step_button.click()
    step = seed.journey.uj_steps[-1]
    assert step.name == "Chat with an assistant"
    assert set(dashboard.graph.node_ids) == nodes_before | {step.id}
    assert object_label(step) in [label for label, _ in dashboard.picker.options]
    assert dashboard.chosen is dashboard.picker.value is seed.journey  # new options keep the choice
    assert (dashboard.undo_button.disabled, dashboard.redo_button.disabled) == (False, True)

    dashboard.undo_button.click()
    assert [s.name for s in seed.journey.uj_steps] == ["20 min streaming", "1 min video capture then upload"]
    assert set(dashboard.graph.node_ids) == nodes_before
    assert (dashboard.undo_button.disabled, dashboard.redo_button.disabled) == (True, False)


def test_add_step_row_is_shown_for_journeys_only(dashboard: Dashboard, seed: SeedScenario) -> None:
    assert dashboard.add_step_row.layout.display == "none"
    dashboard.picker.value = seed.journey
    assert dashboard.add_step_row.layout.display is None


def test_undo_and_redo_buttons_replay_an_edit(dashboard: Dashboard, seed: SeedScenario) -> None:
    start = headline(dashboard)
    seed.server.average_carbon_intensity = SourceValue(300 * u.g / u.kWh)
    edited = headline(dashboard)
    dashboard.undo_button.click()
    assert (headline(dashboard), str(seed.server.average_carbon_intensity)) == (start, "100 g/kWh")
    assert "average carbon intensity of 'server'" in html.unescape(dashboard.status.value)
    dashboard.redo_button.click()
    assert (headline(dashboard), str(seed.server.average_carbon_intensity)) == (edited, "300 g/kWh")


def test_a_refused_load_leaves_the_page_as_it_was(dashboard: Dashboard, seed: SeedScenario) -> None:
    total = headline(dashboard)
    dashboard.upload.set_state({"value": [{"name": "broken.json", "type": "application/json", "size": 5,
                                           "content": memoryview(b"{oops"), "last_modified": 0}]})
    assert "efp-status-error" in dashboard.status.value and "not valid JSON" in dashboard.status.value
    assert (dashboard.system, headline(dashboard)) == (seed.system, total)
    assert dashboard.upload.value == ()  # emptied, so that the same file can be chosen again


def test_save_then_load_round_trips_the_model(dashboard: Dashboard, seed: SeedScenario) -> None:
    import base64

    seed.server.average_carbon_intensity = SourceValue(300 * u.g / u.kWh)
    dashboard.save_button.click()
    link = dashboard.download_link.value
    assert "download='System.json'" in link
    content = base64.b64decode(link.split("base64,")[1].split("'")[0])
    dashboard.load_bytes(content, "System.json")
    assert dashboard.system is not seed.system
    assert total_kg(dashboard.system) == pytest.approx(total_kg(seed.system), rel=1e-6)
    assert dashboard.history.done == [] and dashboard.undo_button.disabled
    server = next(obj for obj in dashboard.system.all_linked_objects if obj.name == "server")
    assert dashboard.chosen is server and str(server.average_carbon_intensity) == "300 g/kWh"


def test_an_edit_withdraws_a_download_prepared_before_it(dashboard: Dashboard, seed: SeedScenario) -> None:
    dashboard.save_button.click()
    assert "efp-download" in dashboard.download_link.value
    seed.server.average_carbon_intensity = SourceValue(300 * u.g / u.kWh)
    assert dashboard.download_link.value == ""


def test_closed_dashboard_stops_following_the_model(seed: SeedScenario) -> None:
    board = Dashboard(seed.system)
    shown = headline(board)
    board.close()
    seed.server.average_carbon_intensity = SourceValue(300 * u.g / u.kWh)
    assert headline(board) == shown and board.history is not None and board.history.done == []


def test_an_object_removed_from_the_system_is_no_longer_chosen(dashboard: Dashboard, seed: SeedScenario) -> None:
    dashboard.picker.value = seed.upload_step
    efp.ModelingUpdate([[seed.journey.uj_steps, [seed.streaming_step]]])
    assert dashboard.chosen is seed.system
    assert object_label(seed.upload_step) not in [label for label, _ in dashboard.picker.options]
