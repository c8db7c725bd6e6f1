"""The quickstart scenario reproduces the reference's numbers stage by stage (every calculated value)."""
from __future__ import annotations

import pytest

from tests.golden import compare_stage, load
from tests.seed_model import SeedScenario

GOLDEN = load("golden_seed_quickstart.json")["stages"]
WEB_STAGES = ["base", "after_720p", "after_llm_step", "after_reset", "simulation"]


@pytest.fixture(scope="module")
def scenario_stages() -> dict[str, tuple[int, list[str]]]:
    """Run the scenario once, comparing each stage as it is reached (stages build on each other)."""
    scenario = SeedScenario()
    results = {"base": compare_stage(scenario.system, GOLDEN["base"])}
    for stage in WEB_STAGES[1:]:
        getattr(scenario, f"to_{stage}")()
        results[stage] = compare_stage(scenario.system, GOLDEN[stage])
    scenario.leave_simulation()
    results["after_simulation_reset"] = compare_stage(scenario.system, GOLDEN["after_reset"])
    return results


@pytest.mark.parametrize("stage", [*WEB_STAGES, "after_simulation_reset"])
def test_stage_matches_reference(scenario_stages, stage):
    compared, problems = scenario_stages[stage]
    assert compared > 100
    assert problems == []
