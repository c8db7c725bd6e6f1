"""pandas export: footprint rows add up to the golden totals (per phase, category and in total); calculated
attributes come with their units."""
from __future__ import annotations

import math

import pandas as pd
import pytest

from efp_core.analysis.dataframes import (
    calculated_attributes_dataframe,
    calculated_hourly_dataframe,
    footprints_dataframe,
)
from tests.golden import load
from tests.seed_model import SeedScenario

GOLDEN = load("golden_seed_quickstart.json")["stages"]
RTOL = 1e-6


@pytest.fixture(scope="module")
def frames_by_stage() -> dict[str, tuple[pd.DataFrame, pd.DataFrame]]:
    seed = SeedScenario()
    out = {"base": (seed.system.footprints_dataframe(), footprints_dataframe(seed.system, by_hour=False))}
    for stage in ("after_720p", "after_llm_step"):
        getattr(seed, f"to_{stage}")()
        out[stage] = (seed.system.footprints_dataframe(), footprints_dataframe(seed.system, by_hour=False))
    return out


@pytest.mark.parametrize("stage", ["base", "after_720p", "after_llm_step"])
def test_sums_equal_golden_totals(frames_by_stage, stage):
    hourly, totals = frames_by_stage[stage]
    golden = GOLDEN[stage]
    assert math.isclose(hourly.kg.sum(), golden["total_footprint_sum_kg"], rel_tol=RTOL)
    assert math.isclose(totals.kg.sum(), golden["total_footprint_sum_kg"], rel_tol=RTOL)
    by_phase_category = hourly.groupby(["phase", "category"], observed=True).kg.sum()
    for phase, categories in golden["by_category_and_phase_kg"].items():
        for category, kg in categories.items():
            assert math.isclose(by_phase_category.get((phase, category), 0.0), kg, rel_tol=RTOL, abs_tol=1e-6), \
                (phase, category)


def test_footprint_rows_are_tidy(frames_by_stage):
    hourly, totals = frames_by_stage["after_llm_step"]
    assert list(hourly.columns) == ["object", "object_id", "class", "category", "phase", "hour", "kg"]
    assert list(totals.columns) == ["object", "object_id", "class", "category", "phase", "kg"]
    assert not hourly.duplicated(["object_id", "phase", "hour"]).any()
    assert str(hourly.hour.dt.tz) == "UTC"
    assert hourly.attrs["units"] == {"kg": "kg CO2-eq"}
    api = totals[totals.object == "Openai’s gpt-4o"]
    assert set(api.phase) == {"fabrication", "energy"} and set(api["class"]) == {"EcoLogitsGenAIExternalAPI"}
    assert set(api.category) == {"ExternalAPIs"}
    per_object = hourly.groupby(["object_id", "phase"], observed=True).kg.sum()
    for row in totals.itertuples():
        assert math.isclose(per_object[(row.object_id, row.phase)], row.kg, rel_tol=1e-12)


def test_calculated_attributes_with_units():
    seed = SeedScenario()
    frame = seed.server.calculated_attributes_dataframe()
    assert list(frame.columns) == ["attribute", "key", "label", "kind", "unit", "value", "hours", "sum", "mean",
                                   "min", "max"]
    rows = frame.set_index(["attribute", "key"], drop=False)
    energy = rows.loc[("energy_footprint", None)]
    assert energy.kind == "hourly" and energy.unit == "kg" and energy.hours == 26298
    assert math.isclose(energy["sum"], GOLDEN["base"]["by_category_and_phase_kg"]["energy"]["Servers"], rel_tol=RTOL)
    ram = rows.loc[("occupied_ram_per_instance", None)]
    assert ram.kind == "quantity" and ram.unit == "GB_ram" and ram.value == pytest.approx(2.3)
    volumes = frame[frame.attribute == "service_total_job_volumes"]
    assert list(volumes.key) == ["Video streaming service"]
    assert set(frame.attribute) == set(seed.server.calculated_attributes)


def test_hourly_attributes_side_by_side():
    seed = SeedScenario()
    frame = calculated_hourly_dataframe(seed.server)
    assert frame.attrs["units"]["instances_energy"] == "kWh"
    assert frame.index.name == "hour" and len(frame) == 26298
    assert math.isclose(frame.energy_footprint.sum(), seed.server.energy_footprint.magnitude_sum(), rel_tol=1e-12)
    assert "occupied_ram_per_instance" not in frame.columns


@pytest.mark.parametrize("function, argument, message", [
    (footprints_dataframe, "System", "expected a System"),
    (calculated_attributes_dataframe, 3, "expected a modeling object"),
    (calculated_hourly_dataframe, None, "expected a modeling object"),
])
def test_bad_arguments_are_named(function, argument, message):
    with pytest.raises(TypeError, match=message):
        function(argument)
