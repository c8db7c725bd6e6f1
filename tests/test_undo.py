"""EditHistory: every input edit of a system, from code or widget, can be undone and redone as one update."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

import pytest

import efp_core as efp
from efp_core import SourceObject, SourceValue, u
from efp_widgets.undo import EditHistory
from tests.seed_model import SeedScenario


@pytest.fixture()
def seed() -> SeedScenario:
    return SeedScenario()


def total_kg(scenario: SeedScenario) -> float:
    return scenario.system.total_footprint.magnitude_sum(u.kg)


@dataclass(frozen=True)
class EditCase:
    name: str
    edit: Callable[[SeedScenario], None]
    observed: Callable[[SeedScenario], Any]


CASES = [
    EditCase("number", lambda s: setattr(s.server, "average_carbon_intensity", SourceValue(300 * u.g / u.kWh)),
             lambda s: str(s.server.average_carbon_intensity)),
    EditCase("choice", lambda s: setattr(s.streaming_job, "resolution", SourceObject("720p (1280 x 720)")),
             lambda s: str(s.streaming_job.resolution)),
    EditCase("list of links", lambda s: s.journey.uj_steps.append(
        efp.UsageJourneyStep("new step", user_time_spent=SourceValue(1 * u.min), jobs=[])),
        lambda s: [step.name for step in s.journey.uj_steps]),
    EditCase("batch", lambda s: efp.ModelingUpdate([
        [s.server.power_usage_effectiveness, SourceValue(1.5 * u.dimensionless)],
        [s.upload_job.data_transferred, SourceValue(40 * u.MB)]]),
        lambda s: (str(s.server.power_usage_effectiveness), str(s.upload_job.data_transferred))),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_undo_restores_inputs_and_total_and_redo_reapplies(seed: SeedScenario, case: EditCase) -> None:
    history = EditHistory(seed.system)
    before, total_before = case.observed(seed), total_kg(seed)
    case.edit(seed)
    after, total_after = case.observed(seed), total_kg(seed)
    assert after != before and len(history.done) == 1

    history.undo()
    assert (case.observed(seed), total_kg(seed)) == (before, pytest.approx(total_before, rel=1e-9))
    assert (history.can_undo, history.can_redo) == (False, True)

    history.redo()
    assert (case.observed(seed), total_kg(seed)) == (after, pytest.approx(total_after, rel=1e-9))
    assert (history.can_undo, history.can_redo) == (True, False)
    history.close()


def test_one_entry_per_update_with_every_changed_input(seed: SeedScenario) -> None:
    history = EditHistory(seed.system)
    efp.ModelingUpdate([[seed.server.power_usage_effectiveness, SourceValue(1.5 * u.dimensionless)],
                        [seed.upload_job.data_transferred, SourceValue(40 * u.MB)]])
    assert [{(c.obj.name, c.attr) for c in edit} for edit in history.done] == [
        {("server", "power_usage_effectiveness"), ("upload job", "data_transferred")}]
    history.close()


def test_a_new_edit_after_undo_clears_redo(seed: SeedScenario) -> None:
    history = EditHistory(seed.system)
    seed.server.average_carbon_intensity = SourceValue(300 * u.g / u.kWh)
    history.undo()
    seed.server.average_carbon_intensity = SourceValue(50 * u.g / u.kWh)
    assert (len(history.done), history.can_redo) == (1, False)
    history.close()


def test_edits_of_another_system_and_simulations_are_not_recorded(seed: SeedScenario) -> None:
    other = SeedScenario()
    history = EditHistory(seed.system)
    other.server.average_carbon_intensity = SourceValue(300 * u.g / u.kWh)
    seed.to_after_llm_step()
    seed.to_simulation()
    seed.leave_simulation()
    assert [[c.attr for c in edit] for edit in history.done] == [["uj_steps"]]
    history.close()


def test_undo_and_redo_with_empty_stacks_do_nothing(seed: SeedScenario) -> None:
    history = EditHistory(seed.system)
    total = total_kg(seed)
    assert (history.undo(), history.redo(), total_kg(seed)) == (None, None, total)
    history.close()


def test_closed_history_records_nothing(seed: SeedScenario) -> None:
    history = EditHistory(seed.system)
    history.close()
    seed.server.average_carbon_intensity = SourceValue(300 * u.g / u.kWh)
    assert history.done == []


def test_listeners_hear_each_stack_change(seed: SeedScenario) -> None:
    history = EditHistory(seed.system)
    heard: list[tuple[bool, bool]] = []
    history.on_change(lambda: heard.append((history.can_undo, history.can_redo)))
    seed.server.average_carbon_intensity = SourceValue(300 * u.g / u.kWh)
    history.undo()
    history.redo()
    assert heard == [(True, False), (False, True), (True, False)]
    history.close()
