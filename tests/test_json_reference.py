"""Files written by e-footprint 17.1 `system_to_json` load into efp and give the reference's numbers: the headline
totals and every calculated value the golden files list (seed stages, and the reference-model scenarios)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from efp_core import EdgeComputer, EdgeComputerCPUComponent, Sources, SourceTimezone, json_to_system, load_json, u
from efp_core.io.own_format import system_to_dict
from tests.golden import DATA, SUM_RTOL, compare_stage, load
from tests.test_json_own_format import differences

SEED_FILES = sorted((DATA / "json" / "reference").glob("seed_*.json"))
# Written with save_calculated_attributes=True (values efp recomputes and ignores).
WITH_CALCULATED = sorted((DATA / "json" / "reference").glob("*_with_calculated.json"))
SCENARIO_FILES = [*sorted((DATA / "reference_json").glob("*.json")), *WITH_CALCULATED]


def golden_stage(path: Path) -> dict:
    """The golden stage a reference file was saved at (seed files name it; scenario files are their last stage)."""
    if path.name.startswith("seed_"):
        return load("golden_seed_quickstart.json")["stages"][path.stem.removeprefix("seed_")]
    stages = load(f"reference_models/{path.name.replace('_with_calculated', '')}")["stages"]
    return stages[list(stages)[-1]]


@pytest.mark.parametrize("path", [*SEED_FILES, *SCENARIO_FILES], ids=lambda p: p.stem)
def test_reference_file_gives_the_reference_numbers(path):
    gold = golden_stage(path)
    system = load_json(path)
    compared, problems = compare_stage(system, gold)
    assert compared > 100
    assert problems == []
    if "fabrication_total_kg" in gold:
        fabrication = sum(v.magnitude_sum(u.kg) for v in system.total_fabrication_footprints.values()
                          if hasattr(v, "magnitude_sum"))
        energy = sum(v.magnitude_sum(u.kg) for v in system.total_energy_footprints.values()
                     if hasattr(v, "magnitude_sum"))
        assert fabrication == pytest.approx(gold["fabrication_total_kg"], rel=SUM_RTOL)
        assert energy == pytest.approx(gold["energy_total_kg"], rel=SUM_RTOL)


@pytest.mark.parametrize("path", [*SEED_FILES, *SCENARIO_FILES], ids=lambda p: p.stem)
def test_reference_model_keeps_its_ids_and_survives_an_efp_round_trip(path):
    document = json.loads(path.read_text())
    by_class, flat = json_to_system(document)
    file_ids = {object_id for key, objects in document.items() if key != "efootprint_version" for object_id in objects}
    assert set(flat) == file_ids
    assert {name: set(objects) for name, objects in by_class.items()} == \
        {key: set(objects) for key, objects in document.items() if key != "efootprint_version"}
    system = next(iter(by_class["System"].values()))
    saved = system_to_dict(system, include_calculated=True)
    reloaded, _ = json_to_system(json.loads(json.dumps(saved)))
    compared, found = differences(saved, system_to_dict(next(iter(reloaded["System"].values())), True))
    assert compared > 100 and found == []


def test_values_keep_the_reference_sources_and_labels_without_the_source_suffix():
    by_class, _ = json_to_system(json.loads((DATA / "json" / "reference" / "seed_base.json").read_text()))
    country = next(iter(by_class["Country"].values()))
    assert isinstance(country.timezone, SourceTimezone) and country.timezone.value.zone == "Europe/Paris"
    assert country.average_carbon_intensity.source.name == "Our world in data (2024)"
    assert country.average_carbon_intensity.label == "Average carbon intensity of France"
    server = next(iter(by_class["Server"].values()))
    assert server.carbon_footprint_fabrication.source is Sources.BASE_ADEME_V19
    assert server.power.value == 300 * u.W


def test_parts_created_by_constructors_take_the_file_ids():
    document = json.loads((DATA / "json" / "reference" / "seed_with_recurrent_server_need.json").read_text())
    by_class, flat = json_to_system(document)
    computer_id, computer_entry = next(iter(document["EdgeComputer"].items()))
    computer = flat[computer_id]
    assert isinstance(computer, EdgeComputer)
    cpu_id = next(i for i in computer_entry["components"] if i in document["EdgeComputerCPUComponent"])
    assert computer.cpu_component is flat[cpu_id] and isinstance(flat[cpu_id], EdgeComputerCPUComponent)
    process_id, process_entry = next(iter(document["RecurrentEdgeProcess"].items()))
    assert [need.id for need in flat[process_id].recurrent_edge_component_needs] == \
        process_entry["recurrent_edge_component_needs"]
    assert flat[process_id].recurrent_edge_component_needs[1].edge_component is flat[cpu_id]
