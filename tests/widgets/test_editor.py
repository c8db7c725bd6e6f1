"""ObjectEditor: edits through the controls go through ModelingUpdate; refused edits show the engine's error and
change nothing; changes made elsewhere update the controls."""
from __future__ import annotations

from typing import Any

import pytest

import efp_core as efp
from efp_core import EmptyExplainableObject, ModelChange, SourceObject, Sources, SourceValue, subscribe, u
from efp_widgets.editor import ObjectEditor
from tests.seed_model import SeedScenario


@pytest.fixture
def seed() -> SeedScenario:
    return SeedScenario()


@pytest.fixture
def events() -> Any:
    received: list[ModelChange] = []
    unsubscribe = subscribe(received.append)
    yield received
    unsubscribe()


def total_kg(seed: SeedScenario) -> float:
    return seed.system.total_footprint.magnitude_sum(u.kg)


def test_every_input_has_a_row_with_dom_hooks(seed: SeedScenario) -> None:
    for obj in (seed.server, seed.storage, seed.streaming_job, seed.usage_pattern, seed.journey,
                seed.usage_pattern.country, seed.system):
        editor = ObjectEditor(obj)
        assert list(editor.rows) == obj.input_attributes
        for attr, row in editor.rows.items():
            hooks = [w for w in _descendants(row) if f"efp-attr-{attr}" in getattr(w, "_dom_classes", ())]
            assert len(hooks) == 1 and "efp-input" in hooks[0]._dom_classes, (type(obj).__name__, attr)
        editor.close()


def _descendants(widget: Any) -> list[Any]:
    out = [widget]
    for child in getattr(widget, "children", ()):
        out += _descendants(child)
    return out


def test_rows_show_value_unit_and_source(seed: SeedScenario) -> None:
    row = ObjectEditor(seed.server).rows["average_carbon_intensity"]
    assert (row.number.value, row.unit.value, row.source.value) == (100.0, "gram / kilowatt_hour",
                                                                   Sources.HYPOTHESIS.name)
    assert "kilogram / kilowatt_hour" in [value for _, value in row.unit.options]
    assert "Average carbon intensity" in row.title.value
    storage_row = ObjectEditor(seed.storage).rows["carbon_footprint_fabrication_per_storage_capacity"]
    assert storage_row.source.value == Sources.STORAGE_EMBODIED_CARBON_STUDY.name


@pytest.mark.parametrize("edit", ["control", "set_state"])
def test_number_edit_goes_through_the_engine(seed: SeedScenario, events: list[ModelChange], edit: str) -> None:
    editor = ObjectEditor(seed.server)
    number = editor.rows["average_carbon_intensity"].number
    before = total_kg(seed)
    if edit == "control":
        number.value = 300.0
    else:
        number.set_state({"value": 300.0})  # what the front end sends
    assert seed.server.average_carbon_intensity.value == 300 * u.g / u.kWh
    assert total_kg(seed) > before
    assert len(events) == 1 and events[0].changed(seed.server, "energy_footprint")
    assert editor.errors == {} and editor.edits_applied == 1


@pytest.mark.parametrize("attr, typed, error_part", [
    ("average_carbon_intensity", -1.0, "expected a value ≥ 0"),
    ("power", -250.0, "expected a value ≥ 0"),
    ("lifespan", float("nan"), "it is NaN"),
])
def test_refused_number_shows_the_engine_error_and_changes_nothing(seed: SeedScenario, events: list[ModelChange],
                                                                   attr: str, typed: float, error_part: str) -> None:
    editor = ObjectEditor(seed.server)
    row = editor.rows[attr]
    shown_before, value_before, total_before = row.number.value, getattr(seed.server, attr).value, total_kg(seed)
    row.number.value = typed
    assert error_part in editor.errors[attr] and f"attribute '{attr}'" in editor.errors[attr]
    assert getattr(seed.server, attr).value == value_before and total_kg(seed) == total_before
    assert events == [] and row.number.value == shown_before
    row.number.value = shown_before * 2  # a valid entry clears the error
    assert attr not in editor.errors


def test_changing_the_unit_keeps_the_physical_value_and_writes_nothing(seed: SeedScenario,
                                                                       events: list[ModelChange]) -> None:
    row = ObjectEditor(seed.server).rows["average_carbon_intensity"]
    row.unit.value = "kilogram / kilowatt_hour"
    assert row.number.value == pytest.approx(0.1) and events == []
    row.number.value = 0.25  # now read in kg/kWh
    assert seed.server.average_carbon_intensity.value.to(u.g / u.kWh).magnitude == pytest.approx(250)


def test_changes_from_code_update_the_editor(seed: SeedScenario, events: list[ModelChange]) -> None:
    editor = ObjectEditor(seed.server)
    seed.server.power = SourceValue(0.5 * u.kW, Sources.USER_DATA)
    row = editor.rows["power"]
    # The unit shown is the person's choice (watt here): the new value is shown in it.
    assert (row.number.value, row.unit.value, row.source.value) == (500.0, "watt", Sources.USER_DATA.name)
    assert len(events) == 1  # showing the new value wrote nothing back
    other = ObjectEditor(seed.server)
    other.rows["power"].unit.value = "kilowatt"
    other.rows["power"].number.value = 0.7  # another editor of the same object, in kW
    assert row.number.value == 700.0 and len(events) == 2


def test_source_is_picked_or_typed(seed: SeedScenario) -> None:
    row = ObjectEditor(seed.server).rows["power"]
    row.source.value = Sources.USER_DATA.name
    assert seed.server.power.source is Sources.USER_DATA and seed.server.power.value == 300 * u.W
    row.source.value = "datasheet of our servers"
    assert seed.server.power.source.name == "datasheet of our servers"


def test_choice_edit_and_options_that_follow_their_condition(seed: SeedScenario) -> None:
    editor = ObjectEditor(seed.server)
    choice, fixed = editor.rows["server_type"], editor.rows["fixed_nb_of_instances"]
    assert list(choice.choice.options) == ["autoscaling", "on-premise", "serverless"]
    assert fixed.number.disabled and fixed.empty.disabled and "not used when" in fixed.title.value
    choice.choice.value = "on-premise"
    assert seed.server.server_type.value == "on-premise"
    assert not fixed.empty.disabled and "not used when" not in fixed.title.value
    fixed.empty.value = False
    assert not fixed.number.disabled and isinstance(seed.server.fixed_nb_of_instances, EmptyExplainableObject)
    fixed.number.value = 3.0  # fewer than the peak needs: the engine refuses, the input stays empty
    assert "28 instances are needed at peak" in editor.errors["fixed_nb_of_instances"]
    assert isinstance(seed.server.fixed_nb_of_instances, EmptyExplainableObject)
    fixed.empty.value = False
    fixed.number.value = 40.0
    assert seed.server.fixed_nb_of_instances.value.magnitude == 40 and editor.errors == {}
    # Back to autoscaling: the fixed number is no longer allowed, so it is cleared in the same update.
    choice.choice.value = "autoscaling"
    assert isinstance(seed.server.fixed_nb_of_instances, EmptyExplainableObject)
    assert fixed.empty.value and fixed.number.disabled and editor.errors == {}


def test_dependent_choice_options_follow_the_provider(seed: SeedScenario) -> None:
    api = efp.EcoLogitsGenAIExternalAPI("LLM", provider=SourceObject("openai"), model_name=SourceObject("gpt-4o"))
    editor = ObjectEditor(api)
    provider, model = editor.rows["provider"], editor.rows["model_name"]
    openai_models = list(model.choice.options)
    assert "gpt-4o" in openai_models
    other_provider = next(p for p in provider.choice.options if p != "openai")
    provider.choice.value = other_provider
    assert api.provider.value == other_provider and editor.errors == {}
    assert list(model.choice.options) != openai_models and api.model_name.value in model.choice.options
    assert model.choice.value == api.model_name.value


def test_refused_choice_from_code_is_not_possible_and_editor_is_unchanged(seed: SeedScenario) -> None:
    editor = ObjectEditor(seed.streaming_job)
    row = editor.rows["resolution"]
    seed.to_after_720p()
    assert row.choice.value == "720p (1280 x 720)"
    with pytest.raises(efp.ChoiceError):
        seed.streaming_job.resolution = SourceObject("16K")
    assert row.choice.value == "720p (1280 x 720)"


def test_links_add_remove_reorder(seed: SeedScenario, events: list[ModelChange]) -> None:
    editor = ObjectEditor(seed.journey)
    steps = editor.rows["uj_steps"]

    def names() -> list[str]:
        return [step.name for step in seed.journey.uj_steps]

    def shown() -> list[str]:
        return [item.children[0].value.split(" (")[0] for item in steps.items.children]

    assert shown() == names() == ["20 min streaming", "1 min video capture then upload"]
    assert steps.move(0, 1) and names() == ["1 min video capture then upload", "20 min streaming"] == shown()
    assert steps.add(seed.upload_step) and names()[-1] == "1 min video capture then upload" and len(shown()) == 3
    assert steps.remove_at(2) and names() == shown() and len(names()) == 2
    assert len(events) == 3
    # Removing every step is refused by the engine: the error shows and the journey keeps its step.
    assert steps.remove_at(0)
    assert not steps.remove_at(0)
    assert "uj_steps" in editor.errors and names() == ["20 min streaming"] == shown()


def test_link_options_follow_structure_edits(seed: SeedScenario) -> None:
    editor = ObjectEditor(seed.journey)
    steps = editor.rows["uj_steps"]
    assert len(steps.to_add.options) == 2
    seed.to_after_llm_step()  # from code
    assert [obj.name for _, obj in steps.to_add.options][-1] == "Chat with LLM to select video"
    assert len(steps.items.children) == 3
    job_editor = ObjectEditor(seed.upload_job)
    assert [obj for _, obj in job_editor.rows["server"].link.options][0] is seed.server
    assert job_editor.rows["server"].link.value is seed.server


def test_hourly_input_rebuilt_from_builder_parameters(seed: SeedScenario, events: list[ModelChange]) -> None:
    editor = ObjectEditor(seed.usage_pattern)
    row = editor.rows["hourly_usage_journey_starts"]
    assert "<polyline" in row.sparkline.value and row.summary.value.startswith("26298 values")
    row.builder.value = "daily volume at given hours"
    row.parameter_controls["timespan"].value = "2 week"
    row.parameter_controls["daily_volume"].value = 900.0
    row.parameter_controls["hours"].value = "9, 18"
    row.source.value = Sources.USER_DATA.name  # cites the current series, and the next one built here
    assert row.preview.value.startswith("preview: <svg")  # the form's series, before it is applied
    assert row.apply()
    series = seed.usage_pattern.hourly_usage_journey_starts
    assert len(series) == 14 * 24 + 1 and series.magnitude.sum() == pytest.approx(900 * 14)
    assert series.unit == u.occurrence and row.summary.value.startswith("337 values")
    assert events[-1].changed(seed.usage_pattern, "hourly_usage_journey_starts")


@pytest.mark.parametrize("builder, parameters, period, low, mean, high", [
    # 168 pasted hours: short enough to draw hour by hour
    ("pasted hourly values", {"input_list": ", ".join(str(h % 24) for h in range(168))}, "hour", 0.0, None, 23.0),
    # two weeks with two peaks a day: daily means are flat at 900 / 24, the band shows 0 to 450 each day
    ("daily volume at given hours", {"timespan": "2 week", "daily_volume": 900.0, "hours": "9, 18"}, "day", 0.0,
     900 / 24, 450.0),
])
def test_sparkline_after_an_edit_keeps_the_daily_cycle(seed: SeedScenario, builder: str, parameters: dict[str, Any],
                                                      period: str, low: float, mean: float | None,
                                                      high: float) -> None:
    from efp_widgets.hourly_input import sparkline_bins

    row = ObjectEditor(seed.usage_pattern).rows["hourly_usage_journey_starts"]
    row.builder.value = builder
    for name, value in parameters.items():
        row.parameter_controls[name].value = value
    assert f"data-period='{period}'" in row.preview.value  # the form's preview, before it is applied
    assert row.apply()
    series = seed.usage_pattern.hourly_usage_journey_starts
    bins = sparkline_bins(series.magnitude, series.start_date)
    assert bins.period == period and f"data-period='{period}'" in row.sparkline.value
    assert bins.low.min() == pytest.approx(low) and bins.high.max() == pytest.approx(high)
    if mean is not None:
        whole_days = bins.mean[:-1]  # the 337th hour starts a last, one-hour day
        assert whole_days == pytest.approx([mean] * len(whole_days))
        assert "efp-sparkline-band" in row.sparkline.value
    else:
        assert len(bins.mean) == 168 and "efp-sparkline-band" not in row.sparkline.value


def test_hourly_input_from_pasted_values_and_refused_parameters(seed: SeedScenario) -> None:
    editor = ObjectEditor(seed.usage_pattern)
    row = editor.rows["hourly_usage_journey_starts"]
    before = total_kg(seed)
    row.builder.value = "pasted hourly values"
    row.parameter_controls["input_list"].value = "10, 20\n30\t40"
    assert row.apply()
    assert list(seed.usage_pattern.hourly_usage_journey_starts.magnitude) == [10, 20, 30, 40]
    after_paste = total_kg(seed)
    assert after_paste < before
    for control, bad in (("input_list", "10, twenty"), ("start_date", "yesterday")):
        row.parameter_controls[control].value = bad
        assert row.preview.value == "<i>preview: incomplete parameters</i>"
        assert not row.apply()
        assert "hourly_usage_journey_starts" in editor.errors["hourly_usage_journey_starts"]
        assert total_kg(seed) == after_paste
        row.parameter_controls["input_list"].value, row.parameter_controls["start_date"].value = (
            "1, 2", "2025-01-01 00:00")
    row.builder.value = "linear growth"
    row.parameter_controls["timespan"].value = "-3 day"
    assert not row.apply() and "positive duration" in editor.errors["hourly_usage_journey_starts"]


def test_closed_editor_stops_listening(seed: SeedScenario) -> None:
    editor = ObjectEditor(seed.server)
    row = editor.rows["power"]
    editor.close()
    seed.server.power = SourceValue(400 * u.W)
    assert row.number.value == 300.0


def test_condition_changed_from_code_updates_the_dependent_row(seed: SeedScenario) -> None:
    editor = ObjectEditor(seed.server)
    fixed = editor.rows["fixed_nb_of_instances"]
    assert fixed.empty.disabled
    seed.server.server_type = SourceObject("on-premise")
    assert editor.rows["server_type"].choice.value == "on-premise"
    assert not fixed.empty.disabled and "not used when" not in fixed.title.value
