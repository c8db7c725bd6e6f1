"""CalculusExplainer: what it sends for a value, the on-demand expansion, and how it follows engine updates."""
from __future__ import annotations

from typing import Any

import pytest
import traitlets

from efp_core import SourceValue, u
from efp_widgets.explainer import CalculusExplainer, value_id
from tests.seed_model import SeedScenario
from tests.toy_model import Machine, Plant, Task


@pytest.fixture
def seed() -> SeedScenario:
    return SeedScenario()


@pytest.fixture
def toy() -> Plant:
    machine = Machine("press", power=SourceValue(100 * u.W), hours=SourceValue(2 * u.h))
    return Plant("plant", tasks=[Task("stamp", machine=machine, weight=SourceValue(1 * u.dimensionless))])


def sent_messages(widget: CalculusExplainer, monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """Custom messages the kernel sends to the front-end, as the comm would carry them."""
    sent: list[dict[str, Any]] = []
    monkeypatch.setattr(widget.comm, "send", lambda data=None, buffers=None, **_: sent.append(data))
    return sent


def ask_children(widget: CalculusExplainer, node_id: str) -> None:
    """The message the front-end sends when a node is expanded."""
    front_end_message(widget, {"type": "children", "id": node_id})


def front_end_message(widget: CalculusExplainer, content: dict[str, Any]) -> None:
    """A custom message arriving from the front-end through the widget's comm."""
    widget._handle_msg({"content": {"data": {"method": "custom", "content": content}}, "buffers": []})


def replies(sent: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [message["content"] for message in sent if message.get("method") == "custom"]


def test_root_and_operands_show_value_formula_unit_and_source(toy: Plant) -> None:
    machine = toy.tasks[0].machine
    widget = CalculusExplainer(machine.energy)
    assert widget.root["id"] == value_id(machine.energy) == f"{machine.id}.energy"
    assert widget.root["value"] == "0.2 kWh"
    assert widget.root["unit"] == "kWh"
    assert widget.root["formula"] == machine.energy.formula.render()
    assert "".join(token["text"] for token in widget.root["tokens"]) == machine.energy.formula.render()
    assert [token["operand"] for token in widget.root["tokens"] if "operand" in token] == \
        [f"{machine.id}.power", f"{machine.id}.hours"]
    assert [(o["label"], o["value"], o["unit"], o["source"], o["operand_count"]) for o in widget.operands] == [
        (machine.power.label, "100 W", "W", "e-footprint hypothesis", 0),
        (machine.hours.label, "2 h", "h", "e-footprint hypothesis", 0)]


@pytest.mark.parametrize(("obj_name", "attr"), [
    ("server", "energy_footprint"),
    ("server", "raw_nb_of_instances"),
    ("storage", "instances_fabrication_footprint"),
    ("usage_pattern", "utc_hourly_usage_journey_starts"),
    ("streaming_job", "data_transferred"),
])
def test_formula_pieces_read_exactly_like_explain(seed: SeedScenario, obj_name: str, attr: str) -> None:
    value = getattr(getattr(seed, obj_name), attr)
    widget = CalculusExplainer(value)
    assert "".join(token["text"] for token in widget.root["tokens"]) == value.formula.render()
    assert [o["id"] for o in widget.operands] == [value_id(operand) for operand in value.direct_operands()]
    assert widget.root["operand_count"] == len(value.direct_operands())


def test_hourly_value_is_summarised_not_sent_hour_by_hour(seed: SeedScenario) -> None:
    widget = CalculusExplainer(seed.server.energy_footprint)
    total = seed.server.energy_footprint.sum().value.to(u.kg).magnitude
    assert widget.root["value"].startswith(f"{float(f'{total:.3g}'):g} kg in total over 26298 h")
    assert 2 <= len(widget.root["sparkline"]) <= 60


def test_children_message_answers_with_the_operands_of_that_node(seed: SeedScenario, monkeypatch) -> None:
    widget = CalculusExplainer(seed.server.energy_footprint)
    sent = sent_messages(widget, monkeypatch)
    instances_energy = seed.server.instances_energy
    ask_children(widget, value_id(instances_energy))
    (reply,) = replies(sent)
    assert reply["type"] == "children" and reply["id"] == value_id(instances_energy)
    assert reply["revision"] == widget.revision
    assert [child["id"] for child in reply["children"]] == [value_id(v) for v in instances_energy.direct_operands()]
    # one level further down: a grandchild is now known and can be expanded in turn
    raw = seed.server.raw_nb_of_instances
    ask_children(widget, value_id(raw))
    assert [child["id"] for child in replies(sent)[-1]["children"]] == [value_id(v) for v in raw.direct_operands()]


def test_children_of_a_node_never_shown_is_an_error_naming_it(toy: Plant, monkeypatch) -> None:
    widget = CalculusExplainer(toy.tasks[0].machine.energy)
    sent = sent_messages(widget, monkeypatch)
    ask_children(widget, "nobody.nothing")
    (reply,) = replies(sent)
    assert reply["type"] == "error" and "'nobody.nothing'" in reply["message"]


@pytest.mark.parametrize("content", [{"type": "refresh"}, {"id": "x"}, ["children"]])
def test_other_front_end_messages_get_no_answer(toy: Plant, monkeypatch, content: Any) -> None:
    widget = CalculusExplainer(toy.tasks[0].machine.energy)
    sent = sent_messages(widget, monkeypatch)
    front_end_message(widget, content)
    assert replies(sent) == []


def test_edit_from_code_updates_the_traits_and_highlights_what_changed(seed: SeedScenario) -> None:
    server = seed.server
    widget = CalculusExplainer(server.energy_footprint)
    revision, before = widget.revision, widget.root["value"]
    server.average_carbon_intensity = SourceValue(300 * u.g / u.kWh)
    assert widget.value is server.energy_footprint
    assert widget.revision == revision + 1
    assert widget.root["value"] != before
    total = server.energy_footprint.sum().value.to(u.kg).magnitude
    assert widget.root["value"].startswith(f"{float(f'{total:.3g}'):g} kg")
    assert widget.root["changed"] is True
    assert {o["label"]: (o["value"], o["changed"]) for o in widget.operands} == {
        server.instances_energy.label: (widget.operands[0]["value"], False),
        server.average_carbon_intensity.label: ("300 g/kWh", True)}


def test_update_elsewhere_clears_highlights_once_then_is_ignored(seed: SeedScenario) -> None:
    widget = CalculusExplainer(seed.server.energy_footprint)
    seed.server.average_carbon_intensity = SourceValue(300 * u.g / u.kWh)
    revision = widget.revision
    seed.network.bandwidth_energy_intensity = SourceValue(0.1 * u("kWh/GB"))
    assert widget.revision == revision + 1
    assert not widget.root["changed"] and not any(o["changed"] for o in widget.operands)
    seed.network.bandwidth_energy_intensity = SourceValue(0.2 * u("kWh/GB"))
    assert widget.revision == revision + 1, "nothing shown changed and nothing was highlighted: no redraw"


def test_explaining_an_input_follows_its_replacement(toy: Plant) -> None:
    machine = toy.tasks[0].machine
    widget = CalculusExplainer(machine, "power")
    machine.power = SourceValue(250 * u.W)
    assert widget.root["value"] == "250 W" and widget.root["changed"] is True
    assert widget.root["tokens"] == [] and widget.operands == []


def test_explain_switches_to_another_value(toy: Plant) -> None:
    task = toy.tasks[0]
    widget = CalculusExplainer(task.machine.energy)
    widget.explain(task, "energy")
    assert widget.root["id"] == f"{task.id}.energy"
    task.machine.power = SourceValue(300 * u.W)
    assert widget.root["changed"] is True
    assert widget.root["value"] == str(task.energy)


def test_graph_view_sends_the_calculus_dag_to_the_chosen_depth(seed: SeedScenario) -> None:
    value = seed.server.energy_footprint
    widget = CalculusExplainer(value)
    assert widget.graph == {}
    widget.show_graph = True
    for depth in (1, 3):
        widget.graph_depth = depth
        expected = value.calculus_graph(depth)
        assert [node["id"] for node in widget.graph["nodes"]] == list(expected.nodes)
        assert len(widget.graph["edges"]) == len(expected.edges)
        assert max(node["level"] for node in widget.graph["nodes"]) == depth
    deep_id = widget.graph["nodes"][-1]["id"]
    assert widget.children_reply(deep_id)["type"] == "children", "a node drawn in the graph can be expanded"
    widget.show_graph = False
    assert widget.graph == {}


@pytest.mark.parametrize("depth", [0, 9, -1])
def test_out_of_range_graph_depth_is_refused_and_changes_nothing(toy: Plant, depth: int) -> None:
    widget = CalculusExplainer(toy.tasks[0].machine.energy)
    with pytest.raises(traitlets.TraitError, match="graph_depth.*from 1 to 8"):
        widget.graph_depth = depth
    assert widget.graph_depth == 2


@pytest.mark.parametrize(("args", "error", "match"), [
    ((5,), TypeError, "explainable value.*received int 5"),
    (("server power",), TypeError, "received str"),
    ((SourceValue(1 * u.W), "power"), TypeError, "must be a modeling object"),
])
def test_bad_arguments_are_refused_with_a_clear_error(args: tuple, error: type, match: str) -> None:
    with pytest.raises(error, match=match):
        CalculusExplainer(*args)


def test_unknown_attribute_is_refused_naming_object_and_attribute(toy: Plant) -> None:
    machine = toy.tasks[0].machine
    with pytest.raises(ValueError, match="Machine 'press' has no attribute 'voltage'"):
        CalculusExplainer(machine, "voltage")
    widget = CalculusExplainer(machine.energy)
    with pytest.raises(ValueError):
        widget.explain(machine, "voltage")
    assert widget.root["id"] == f"{machine.id}.energy", "a refused retarget keeps the current value"


def test_free_value_is_shown_without_following_the_engine() -> None:
    value = (SourceValue(2 * u.W) * SourceValue(3 * u.h)).set_label("free energy")
    widget = CalculusExplainer(value)
    assert widget.root["label"] == "free energy" and widget.root["value"] == str(value)
    assert len(widget.operands) == 2


def test_closed_widget_stops_following_the_engine(toy: Plant) -> None:
    machine = toy.tasks[0].machine
    widget = CalculusExplainer(machine.energy)
    widget.close()
    revision = widget.revision
    machine.power = SourceValue(300 * u.W)
    assert widget.revision == revision


def test_every_calculated_attribute_of_the_seed_expands_down_to_its_inputs(seed: SeedScenario) -> None:
    seed.to_after_llm_step()
    for obj in [seed.system, *seed.system.all_linked_objects]:
        for attr in obj.calculated_attributes:
            widget = CalculusExplainer(obj, attr)
            opened: set[str] = set()
            to_open = [operand for operand in widget.operands if operand["operand_count"]]
            while to_open:
                node = to_open.pop()
                if node["id"] in opened:
                    continue
                opened.add(node["id"])
                reply = widget.children_reply(node["id"])
                assert reply["type"] == "children", f"{obj.name}.{attr}: {reply}"
                assert len(reply["children"]) == node["operand_count"]
                to_open += [child for child in reply["children"] if child["operand_count"]]
            widget.close()


def test_simulation_switches_are_followed(seed: SeedScenario) -> None:
    seed.to_after_llm_step()
    seed.to_after_reset()
    widget = CalculusExplainer(seed.server.energy_footprint)
    baseline = widget.root["value"]
    seed.to_simulation()
    simulated = widget.root["value"]
    assert simulated != baseline and simulated == CalculusExplainer(seed.server.energy_footprint).root["value"]
    seed.leave_simulation()
    assert widget.root["value"] == baseline
