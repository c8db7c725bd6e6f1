"""Models other than the seed, built with the same API, give the reference's numbers at every stage.

The scenarios in tests/data/scenarios are written against e-footprint's import paths; they run here with
those imports pointed at efp_core, and every calculated value is compared with tests/data/reference_models.
"""
from __future__ import annotations

import re
import runpy
from pathlib import Path

import pytest

from tests.golden import DATA, compare_period_sums, compare_stage, load

# Known gaps, each strict: the test fails as soon as the gap is closed, so the mark gets removed.
KNOWN_GAPS: dict[str, str] = {}
# Stages whose countries are all at UTC+05:30. The reference shifts their series to start at hh:30 (it cannot mix
# them with whole-hour countries); efp splits each local hour between the two UTC hours it overlaps, so every series
# is one hour longer and hour-by-hour values differ by design. Counts of starts are conserved exactly; footprints
# differ only through the per-hour rounding of instances and the half-filled first and last hours (≤ 4e-5 here).
HALF_HOUR_STAGES = {("edge_appliance_workload", "india_sri_lanka")}
HALF_HOUR_TOTAL_RTOL = 1e-5
HALF_HOUR_FOOTPRINT_RTOL = 1e-4
SCENARIOS = [pytest.param(p.stem, marks=pytest.mark.xfail(reason=KNOWN_GAPS[p.stem], strict=True))
             if p.stem in KNOWN_GAPS else p.stem for p in sorted((DATA / "scenarios").glob("*.py"))]


def run_scenario(name: str, tmp_path: Path) -> dict[str, tuple[int, list[str]]]:
    source = (DATA / "scenarios" / f"{name}.py").read_text()
    source = re.sub(r"^from efootprint(\.[\w.]+)? import ", "from efp_core import ", source, flags=re.M)
    source = re.sub(r"^import efootprint\s*$", "import efp_core", source, flags=re.M)
    script = tmp_path / f"{name}.py"
    script.write_text(source)
    golden = load(f"reference_models/{name}.json")["stages"]
    results: dict[str, tuple[int, list[str]]] = {}

    def hook(stage: str, glob: dict) -> None:
        if (name, stage) in HALF_HOUR_STAGES:
            results[stage] = compare_half_hour_stage(glob["system"], golden[stage])
        else:
            results[stage] = compare_stage(glob["system"], golden[stage])

    glob = runpy.run_path(str(script), init_globals={"_stage_hook": hook}, run_name="__main__")
    if not results:
        results["final"] = compare_stage(glob["system"], golden["final"])
    return results


def compare_half_hour_stage(system, gold_stage: dict) -> tuple[int, list[str]]:
    total, want = system.total_footprint.magnitude_sum("kg"), gold_stage["total_footprint_sum_kg"]
    problems = [] if abs(total - want) <= HALF_HOUR_TOTAL_RTOL * want else [f"total {total:.9g} != {want:.9g}"]
    n_kg, kg_problems = compare_period_sums(system, gold_stage, {"kilogram"}, HALF_HOUR_FOOTPRINT_RTOL)
    starts = {"hourly_usage_journey_starts", "hourly_edge_usage_journey_starts", "utc_hourly_usage_journey_starts",
              "hourly_occurrences_per_usage_pattern"}
    conserved = {k: {**v, "calculated": {a: g for a, g in v["calculated"].items() if a in starts}}
                 for k, v in gold_stage["objects"].items()}
    n_counts, count_problems = compare_period_sums(system, {"objects": conserved}, {"occurrence"}, 1e-6)
    assert n_kg > 50 and n_counts > 5, (n_kg, n_counts)
    return n_kg + n_counts, problems + kg_problems + count_problems


@pytest.mark.parametrize("name", SCENARIOS)
def test_scenario_matches_reference(name, tmp_path):
    results = run_scenario(name, tmp_path)
    golden_stages = set(load(f"reference_models/{name}.json")["stages"])
    assert set(results) == golden_stages
    for stage, (compared, problems) in results.items():
        assert compared > 10, stage
        assert problems == [], (stage, problems[:10])
