"""efp's own JSON format: every stage of the seed survives a save and a load bit for bit (inputs, links, labels,
sources, and every calculated value recomputed from them), and a reloaded model is a live model."""
from __future__ import annotations

import base64
import json
from datetime import datetime
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import pytz

import efp_core as efp
from efp_core import (
    EmptyExplainableObject,
    ExplainableHourlyQuantities,
    ExplainableQuantity,
    ExplainableRecurrentQuantities,
    JsonFormatError,
    Source,
    SourceHourlyValues,
    SourceObject,
    SourceRecurrentValues,
    Sources,
    SourceTimezone,
    SourceValue,
    load_json,
    save_json,
    system_to_json,
    u,
)
from efp_core.io.json_files import load_dict
from efp_core.io.own_format import FORMAT_NAME, FORMAT_VERSION, system_to_dict
from efp_core.io.values import decode_value, encode_value
from tests.golden import DATA, SUM_RTOL, load
from tests.seed_model import SeedScenario, seed_usage_series
from tests.test_edge import SeedEdge

GOLDEN = load("golden_seed_quickstart.json")["stages"]
STAGES = ["base", "after_720p", "after_llm_step", "after_reset", "simulation", "with_edge",
          "with_recurrent_server_need"]


def differences(before: dict[str, Any], after: dict[str, Any]) -> tuple[int, list[str]]:
    """Number of values compared and where two documents written with include_calculated=True differ."""
    found: list[str] = []
    compared = 0
    if set(before["objects"]) != set(after["objects"]):
        found.append(f"classes {sorted(before['objects'])} != {sorted(after['objects'])}")
    for class_name, objects in before["objects"].items():
        for object_id, entry in objects.items():
            other = after["objects"].get(class_name, {}).get(object_id)
            if other is None:
                found.append(f"{class_name}[{object_id}] missing")
                continue
            for key in ("name", "parts", "containers"):
                if entry.get(key) != other.get(key):
                    found.append(f"{class_name}[{object_id}].{key}")
            for section in ("inputs", "calculated"):
                if set(entry[section]) != set(other[section]):
                    found.append(f"{class_name}[{object_id}].{section} names")
                for attr, value in entry[section].items():
                    compared += 1
                    if other[section].get(attr) != value:
                        found.append(f"{class_name}[{object_id}].{section}.{attr}")
    for key in ("format", "version", "system", "simulation"):
        if before.get(key) != after.get(key):
            found.append(key)
    return compared, found


def seed_stages() -> Any:
    """Walk the quickstart's seven stages on one model, yielding (stage name, system) at each."""
    seed = SeedScenario()
    yield "base", seed.system
    for stage in ["after_720p", "after_llm_step", "after_reset", "simulation"]:
        getattr(seed, f"to_{stage}")()
        yield stage, seed.system
    seed.leave_simulation()
    edge = SeedEdge(with_system=False)
    seed.system.edge_usage_patterns = [edge.edge_usage_pattern]
    yield "with_edge", seed.system
    edge.add_server_need()
    yield "with_recurrent_server_need", seed.system


@pytest.fixture(scope="module")
def round_trips(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Any]]:
    """For each stage: what differs between the model and its reload, and a few facts about both."""
    results: dict[str, dict[str, Any]] = {}
    folder = tmp_path_factory.mktemp("own_format")
    for stage, system in seed_stages():
        path = save_json(system, folder / f"{stage}.json")
        reloaded = load_json(path)
        before, after = system_to_dict(system, True), system_to_dict(reloaded, True)
        compared, found = differences(before, after)
        results[stage] = {"compared": compared, "differences": found,
                          "total": system.total_footprint.magnitude_sum(u.kg),
                          "reloaded_total": reloaded.total_footprint.magnitude_sum(u.kg),
                          "reloaded": reloaded, "has_simulation": "simulation" in before}
    return results


@pytest.mark.parametrize("stage", STAGES)
def test_round_trip_is_bit_identical(round_trips, stage):
    result = round_trips[stage]
    assert result["compared"] > 150
    assert result["differences"] == []
    assert result["reloaded_total"] == result["total"]
    assert result["total"] == pytest.approx(GOLDEN[stage]["total_footprint_sum_kg"], rel=SUM_RTOL)


def test_only_a_shown_simulation_is_written(round_trips):
    assert [stage for stage in STAGES if round_trips[stage]["has_simulation"]] == ["simulation"]


def test_reloaded_simulation_switches_back_to_its_baseline(round_trips):
    system = round_trips["simulation"]["reloaded"]
    assert system.simulation is not None and system.simulation.updated_values_set
    system.simulation.reset_values()
    assert system.total_footprint.magnitude_sum(u.kg) == pytest.approx(GOLDEN["after_reset"]["total_footprint_sum_kg"],
                                                                       rel=SUM_RTOL)
    system.simulation.set_updated_values()
    assert system.total_footprint.magnitude_sum(u.kg) == pytest.approx(GOLDEN["simulation"]["total_footprint_sum_kg"],
                                                                       rel=SUM_RTOL)


def test_the_difference_check_sees_one_float32_step():
    """The comparison used above is not blind: one value moved by one float32 ulp is reported."""
    document = system_to_dict(SeedScenario().system, True)
    changed = json.loads(json.dumps(document))
    pattern = next(iter(changed["objects"]["UsagePattern"].values()))
    series = pattern["inputs"]["hourly_usage_journey_starts"]
    values = np.frombuffer(base64.b64decode(series["values"]), dtype="<f4").copy()
    values[1000] = np.nextafter(values[1000], np.float32(np.inf))
    series["values"] = base64.b64encode(values.tobytes()).decode()
    compared, found = differences(document, changed)
    assert compared > 100
    assert found == [f"UsagePattern[{next(iter(document['objects']['UsagePattern']))}].inputs."
                     "hourly_usage_journey_starts"]


def test_reloaded_values_keep_their_classes_numbers_labels_and_sources(tmp_path):
    seed = SeedScenario()
    reloaded = load_json(save_json(seed.system, tmp_path / "seed.json"))
    by_id = {obj.id: obj for obj in [*reloaded.all_linked_objects, reloaded]}
    for original in [*seed.system.all_linked_objects, seed.system]:
        copy = by_id[original.id]
        assert (type(copy), copy.name) == (type(original), original.name)
        for attr in original.input_attributes:
            old, new = original._values[attr], copy._values[attr]
            assert type(new) is type(old), (original.name, attr)
            assert getattr(new, "label", None) == getattr(old, "label", None)
            assert getattr(new, "source", None) == getattr(old, "source", None)
            if hasattr(old, "magnitude") and isinstance(old.magnitude, np.ndarray):
                assert new.magnitude.dtype == np.float32 and np.array_equal(new.magnitude, old.magnitude)
                assert new.start_date == old.start_date and new.unit == old.unit
    storage = by_id[seed.storage.id]
    assert storage.carbon_footprint_fabrication_per_storage_capacity.source is Sources.STORAGE_EMBODIED_CARBON_STUDY
    assert [step.id for step in by_id[seed.journey.id].uj_steps] == [seed.streaming_step.id, seed.upload_step.id]


def test_a_reloaded_model_recomputes_like_the_original(tmp_path):
    seed = SeedScenario()
    reloaded = load_json(save_json(seed.system, tmp_path / "seed.json"))
    server = next(obj for obj in reloaded.all_linked_objects if obj.id == seed.server.id)
    seed.server.power = SourceValue(250 * u.W)
    server.power = SourceValue(250 * u.W)
    assert reloaded.total_footprint.magnitude_sum(u.kg) == seed.system.total_footprint.magnitude_sum(u.kg)
    assert reloaded.total_footprint.magnitude_sum(u.kg) != GOLDEN["base"]["total_footprint_sum_kg"]


def test_file_header_names_the_format_and_its_version(tmp_path):
    document = json.loads(save_json(SeedScenario().system, tmp_path / "seed.json").read_text())
    assert (document["format"], document["version"]) == (FORMAT_NAME, FORMAT_VERSION)
    assert document["system"] in document["objects"]["System"]
    assert "calculated" not in next(iter(document["objects"]["Server"].values()))


def test_a_version_1_file_written_earlier_still_loads():
    path = DATA / "json" / "seed_base.efp.json"
    document = json.loads(path.read_text())
    system = load_json(path)
    assert system.id == document["system"]
    assert system.total_footprint.magnitude_sum(u.kg) == pytest.approx(GOLDEN["base"]["total_footprint_sum_kg"],
                                                                       rel=SUM_RTOL)


def test_saved_calculated_values_can_be_checked_on_load(tmp_path):
    seed = SeedScenario()
    path = save_json(seed.system, tmp_path / "seed.json", include_calculated=True)
    assert load_json(path, check_calculated=True).total_footprint.magnitude_sum(u.kg) == \
        seed.system.total_footprint.magnitude_sum(u.kg)
    document = json.loads(path.read_text())
    server_id, server = next(iter(document["objects"]["Server"].items()))
    server["calculated"]["nb_of_instances"] = {"type": "empty", "label": None, "source": None}
    tampered = tmp_path / "tampered.json"
    tampered.write_text(json.dumps(document))
    assert load_json(tampered).id == document["system"]  # ignored unless asked
    with pytest.raises(JsonFormatError, match="recomputes") as error:
        load_json(tampered, check_calculated=True)
    assert error.value.path == f'$.objects.Server["{server_id}"].calculated.nb_of_instances'


def test_system_to_json_returns_the_document_and_writes_it(tmp_path):
    seed = SeedScenario()
    target = tmp_path / "out.json"
    document = system_to_json(seed.system, save_calculated_attributes=False, output_filepath=str(target))
    assert json.loads(target.read_text()) == json.loads(json.dumps(document))
    system, built = load_dict(document)
    assert set(built) == {obj.id for obj in [*seed.system.all_linked_objects, seed.system]}
    assert Path(target).exists() and system.name == "System"


UTC_START = pytz.utc.localize(datetime(2025, 1, 1))
PARIS_START = pytz.timezone("Europe/Paris").localize(datetime(2025, 6, 1, 8))
VALUE_CASES = {
    "int quantity": SourceValue(3 * u.kg, Sources.USER_DATA, label="mass"),
    "float quantity": SourceValue(0.1 * u("kWh/GB")),
    "float32 quantity": SourceValue(u.Quantity(np.float32(0.1), u.W)),
    "computed quantity kept as a value": ExplainableQuantity(u.Quantity(2.5, u.hour), "duration", Sources.CALCULATED),
    "naive local series": SourceHourlyValues(u.Quantity(np.array([1.5, 0, 3e-8], dtype=np.float32), u.occurrence),
                                             datetime(2025, 1, 1)),
    "UTC series": ExplainableHourlyQuantities(u.Quantity(np.arange(5, dtype=np.float32), u.kWh), UTC_START, "e"),
    "Paris series": SourceHourlyValues(u.Quantity(np.ones(3, dtype=np.float32), u.concurrent), PARIS_START),
    "recurrent week": SourceRecurrentValues(u.Quantity(np.linspace(0, 1, 168, dtype=np.float32), u.cpu_core)),
    "choice": SourceObject("720p (1280 x 720)", Source("a study", "https://example.org")),
    "time zone": SourceTimezone("Asia/Kolkata"),
    "empty value with a label": EmptyExplainableObject("no fixed count"),
}


@pytest.mark.parametrize("name", VALUE_CASES)
def test_each_kind_of_value_reads_back_identical(name):
    value = VALUE_CASES[name]
    encoded = json.loads(json.dumps(encode_value(value, "$.v")))
    decoded = decode_value(encoded, "$.v")
    assert type(decoded) is type(value)
    assert (decoded.label, decoded.source) == (value.label, value.source)
    if isinstance(value, (ExplainableHourlyQuantities, ExplainableRecurrentQuantities)):
        assert decoded.unit == value.unit and decoded.magnitude.dtype == np.float32
        assert decoded.magnitude.tobytes() == value.magnitude.tobytes()
    if isinstance(value, ExplainableHourlyQuantities):
        assert decoded.start_date == value.start_date
        assert getattr(decoded.start_date.tzinfo, "zone", None) == getattr(value.start_date.tzinfo, "zone", None)
    elif isinstance(value, ExplainableQuantity):
        assert decoded.value.units == value.value.units
        assert type(decoded.value.magnitude) is type(value.value.magnitude)
        assert decoded.value.magnitude == value.value.magnitude
    elif not isinstance(value, (EmptyExplainableObject, ExplainableRecurrentQuantities)):
        assert decoded.value == value.value


def test_linking_order_is_kept_so_sums_add_in_the_same_order():
    """Jobs built c, b, a but listed a, b, c: a server sums its jobs in linking order (float32 sums depend on the
    order), so the file keeps that order; without it the reload differs in the last bits."""
    server = efp.Server.from_defaults("server", storage=efp.Storage.ssd())
    jobs = {name: efp.Job.from_defaults(name, server=server, data_transferred=SourceValue(mb * u.MB),
                                        request_duration=SourceValue(seconds * u.s),
                                        compute_needed=SourceValue(mb / 7 * u.cpu_core))
            for name, mb, seconds in [("c", 0.37, 1.3), ("b", 2.9, 0.21), ("a", 11.3, 3.7)]}
    step = efp.UsageJourneyStep("step", user_time_spent=SourceValue(1 * u.min), jobs=[jobs[n] for n in "abc"])
    usage = efp.UsagePattern("usage", usage_journey=efp.UsageJourney("journey", uj_steps=[step]),
                             devices=[efp.Device.laptop()], network=efp.Network.wifi_network(),
                             country=efp.Countries.FRANCE(), hourly_usage_journey_starts=seed_usage_series())
    document = system_to_dict(efp.System("system", usage_patterns=[usage], edge_usage_patterns=[]), True)
    reloaded, _ = load_dict(json.loads(json.dumps(document)))
    assert [job.name for job in reloaded.usage_patterns[0].usage_journey.uj_steps[0].jobs] == ["a", "b", "c"]
    assert [c.name for c in reloaded.jobs[0].server.modeling_obj_containers] == ["c", "b", "a"]
    assert differences(document, system_to_dict(reloaded, True))[1] == []
    for objects in document["objects"].values():
        for entry in objects.values():
            entry.pop("containers", None)
    unordered, _ = load_dict(json.loads(json.dumps(document)))
    assert f"Server[{server.id}].calculated.hour_by_hour_compute_need" in \
        differences(document, system_to_dict(unordered, True))[1]
