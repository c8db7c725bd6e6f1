"""Timeline: kernel-side aggregation, the engine's numbers on the marks after an edit, the previous state as an
overlay, and only aggregated data on the wire."""
from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import numpy as np
import pytest

from efp_core import SourceValue, u
from efp_widgets.aggregation import aggregate, auto_period, bin_labels, hour_stamps
from efp_widgets.timeline import Timeline, date_tick_format, period_hours, whole_period_rates
from tests.seed_model import SeedScenario

UTC_START = datetime(2024, 12, 31, 23, tzinfo=UTC)


@pytest.fixture
def seed() -> SeedScenario:
    return SeedScenario()


@pytest.mark.parametrize("period, first_bins, first_sums", [
    ("hour", ["2024-12-31T23", "2025-01-01T00"], [0, 1]),
    ("day", ["2024-12-31T00", "2025-01-01T00"], [0, sum(range(1, 25))]),
    ("week", ["2024-12-30T00", "2025-01-06T00"], [sum(range(0, 121)), sum(range(121, 289))]),
    ("month", ["2024-12-01T00", "2025-01-01T00"], [0, sum(range(1, 745))]),
    ("year", ["2024-01-01T00", "2025-01-01T00"], [0, sum(range(1, 8761))]),
])
def test_aggregation_bins_and_sums(period: str, first_bins: list[str], first_sums: list[int]) -> None:
    hours = np.arange(2 * 8760, dtype=np.float32)
    result = aggregate(hours, UTC_START, period)
    assert [str(s) for s in result.starts[:2]] == first_bins
    assert list(result.values[:2]) == first_sums
    assert result.values.sum() == hours.astype(np.float64).sum()


def test_mean_aggregation_and_week_labels_start_on_monday() -> None:
    levels = np.tile(np.array([1.0, 3.0]), 24)  # two days of alternating levels
    assert list(aggregate(levels, datetime(2025, 1, 1), "day", "mean").values) == [2.0, 2.0]
    labels = bin_labels(hour_stamps(datetime(2025, 1, 5, 23), 2), "week")  # a Sunday then a Monday
    assert [str(x) for x in labels] == ["2024-12-30T00", "2025-01-06T00"]


@pytest.mark.parametrize("n_hours, expected", [(24, "hour"), (2000, "hour"), (2001, "day"), (26298, "day"),
                                              (24 * 2001, "week"), (168 * 2001, "month"), (10 ** 8, "year")])
def test_auto_period_keeps_points_under_the_limit(n_hours: int, expected: str) -> None:
    assert auto_period(n_hours, 2000) == expected


SEED_START = datetime(2024, 12, 31, 23, tzinfo=UTC)  # the seed's series: 26,298 h, the last at 2028-01-01 16:00
SEED_HOURS = 26298


@pytest.mark.parametrize("period, first, last", [
    ("hour", None, None),
    ("day", ("2024-12-31", 1, 24), ("2028-01-01", 17, 24)),
    ("week", ("2024-12-30", 168 - 47, 168), ("2027-12-27", 5 * 24 + 17, 168)),  # weeks start on Monday
    ("month", ("2024-12-01", 1, 744), ("2028-01-01", 17, 744)),
    ("year", ("2024-01-01", 1, 8784), ("2028-01-01", 17, 8784)),  # 2024 and 2028 are leap years
])
def test_partial_periods_are_drawn_at_their_hourly_rate(period: str, first: tuple | None,
                                                        last: tuple | None) -> None:
    hourly = np.full(SEED_HOURS, 2.0)  # a flat series: every whole period sums to 2 × its hours
    binned = aggregate(hourly, SEED_START, period)
    scaled, partial = whole_period_rates(binned, SEED_START, SEED_HOURS)
    assert np.allclose(scaled.values, 2.0 * period_hours(scaled.starts, period))  # no drop at either end
    expected = {} if first is None else {np.datetime64(day, "h"): f"{hours} of {full} h"
                                         for day, hours, full in (first, last)}
    assert partial == expected
    whole = slice(1, -1) if partial else slice(None)
    assert np.array_equal(scaled.values[whole], binned.values[whole])  # whole periods keep their exact sums


def rates(value: Any, period: str) -> np.ndarray:
    """What the timeline should draw: period sums, partial first and last periods at their hourly rate."""
    binned = aggregate(value.magnitude, value.start_date, period)
    counts = aggregate(np.ones(len(value)), value.start_date, period).values
    return binned.values / counts * period_hours(binned.starts, period)


def test_timeline_marks_and_names_the_partial_periods(seed: SeedScenario) -> None:
    timeline = Timeline(seed.system.total_footprint, stacked=True)
    assert timeline.period == "day"
    assert timeline.partial_periods == ["2024-12-31: 1 of 24 h", "2028-01-01: 17 of 24 h"]
    top = timeline.drawn_values()[-1]
    circles_x = np.array(timeline.partial_mark.x).astype("datetime64[D]")
    assert set(circles_x.astype(str)) == {"2024-12-31", "2028-01-01"}
    assert np.isclose(max(timeline.partial_mark.y), top[-1], rtol=1e-6)  # a circle on the top of the stack
    assert "partial day" in timeline.note.value and "17 of 24 h" in timeline.note.value
    timeline.cumulative = True  # running sums stay true sums: nothing is scaled
    assert timeline.partial_periods == [] and timeline.note.value == "" and len(timeline.partial_mark.x) == 0
    assert timeline.unit == "kt"
    total = seed.system.total_footprint.magnitude_sum(u.kg)
    assert timeline.drawn_values()[-1][-1] == pytest.approx(total / 1e6, rel=1e-6)


def test_levels_are_averaged_and_never_scaled(seed: SeedScenario) -> None:
    series = seed.server.raw_nb_of_instances  # concurrent instances: a level, averaged over each day
    timeline = Timeline(series, aggregate="day")
    assert timeline.partial_periods == []
    assert np.allclose(timeline.drawn_values()[0],
                       aggregate(series.magnitude, series.start_date, "day", "mean").values, rtol=1e-5)


def test_timeline_draws_the_engine_numbers_and_follows_an_edit(seed: SeedScenario) -> None:
    timeline = Timeline(seed.server.energy_footprint, aggregate="month")
    energy = seed.server.energy_footprint
    expected = rates(energy, "month")
    assert timeline.period == "month" and timeline.unit == "kg"
    assert np.allclose(timeline.drawn_values()[0], expected)
    seed.server.average_carbon_intensity = SourceValue(300 * u.g / u.kWh)
    new_energy = seed.server.energy_footprint
    new_expected = rates(new_energy, "month")
    assert timeline.unit == "t"  # three times larger: the axis switched to tonnes
    assert np.allclose(timeline.drawn_values()[0], new_expected / 1000)
    assert np.allclose(timeline.previous_mark.y, expected / 1000)  # the state before, dashed, in the same unit
    assert timeline.previous_mark.line_style == "dashed"
    assert timeline.last_edit_change == pytest.approx(new_energy.magnitude.sum() / energy.magnitude.sum() - 1)
    assert "before the last edit (total +" in timeline.legend.value


def test_the_previous_overlay_is_the_table_drawn_before_and_follows_period_changes(seed: SeedScenario,
                                                                                  monkeypatch) -> None:
    import efp_widgets.timeline as timeline_module

    timeline = Timeline(seed.server.energy_footprint, aggregate="month")
    energy = seed.server.energy_footprint
    calls: list[int] = []
    original = timeline_module.aggregate
    monkeypatch.setattr(timeline_module, "aggregate", lambda magnitude, *rest: calls.append(len(magnitude)) or
                        original(magnitude, *rest))
    seed.server.average_carbon_intensity = SourceValue(300 * u.g / u.kWh)
    assert len(calls) == 1  # the new value only: the dashed state before is what was drawn
    timeline.aggregate = "week"  # both aggregated again, in the new period
    assert len(calls) == 3
    per_kg = {"kg": 1.0, "t": 1e-3}
    assert np.allclose(timeline.previous_mark.y, rates(energy, "week") * per_kg[timeline.unit])
    timeline.cumulative = True
    assert np.allclose(timeline.previous_mark.y, np.cumsum(aggregate(energy.magnitude, energy.start_date,
                                                                     "week").values) * per_kg[timeline.unit])


@pytest.mark.parametrize("span_hours, expected", [(0, "%d %b %H:%M"), (72, "%d %b %H:%M"), (73, "%d %b %Y"),
                                                   (120 * 24 + 1, "%b %Y"), (26298, "%b %Y")])
def test_date_ticks_tell_their_dates_apart(span_hours: float, expected: str) -> None:
    assert date_tick_format(span_hours) == expected


def test_unrelated_edit_does_not_redraw(seed: SeedScenario) -> None:
    timeline = Timeline(seed.server.energy_footprint)
    marks_before = [np.array(mark.y) for mark in timeline.series_marks]
    seed.network.bandwidth_energy_intensity = SourceValue(0.1 * u("kWh/GB"))
    assert all(np.array_equal(a, np.array(m.y)) for a, m in zip(marks_before, timeline.series_marks))
    assert len(timeline.previous_mark.y) == 0


def test_stacked_by_category_sums_to_the_total(seed: SeedScenario) -> None:
    timeline = Timeline(seed.system.total_footprint, stacked=True)  # the dashboard's call
    assert timeline.labels == ["Servers", "Storage", "ExternalAPIs", "Network", "Devices", "EdgeDevices"]
    total = seed.system.total_footprint
    expected_top = rates(total, timeline.period)
    factor = 1 / 1000 if timeline.unit == "t" else 1.0
    assert np.allclose(timeline.drawn_values()[-1], expected_top * factor, rtol=1e-4)
    assert timeline.series_marks[1].fill == "between"
    seed.to_after_llm_step()
    total = seed.system.total_footprint
    api_row = timeline.drawn_values()[2] - timeline.drawn_values()[1]
    assert api_row.max() > 0  # the new external API category now has a footprint
    assert np.allclose(timeline.drawn_values()[-1], rates(total, timeline.period) * factor, rtol=1e-4)


def test_cumulative_ends_at_the_period_total(seed: SeedScenario) -> None:
    timeline = Timeline(seed.system, cumulative=True, aggregate="week")
    last = timeline.drawn_values()[0][-1]
    assert timeline.unit == "kt"
    assert last == pytest.approx(seed.system.total_footprint.magnitude_sum(u.kg) / 1e6, rel=1e-6)


def _capture(widget: Any, sent: list[dict[str, Any]]) -> None:
    """Record what the kernel would send to the front end for `widget` (bqplot marks have their own comm)."""
    def send(data: Any = None, buffers: Any = None, **_: Any) -> None:
        sent.append({"data": data, "bytes": sum(memoryview(b).nbytes for b in buffers or [])})
    widget.comm.kernel = object()  # a dummy comm only sends when it has a kernel
    widget.comm.send = send


def test_only_aggregated_points_cross_the_wire(seed: SeedScenario) -> None:
    timeline = Timeline(seed.system, stacked=True, aggregate="hour", max_points=2000)
    assert timeline.period == "day"  # 26,298 hours asked per hour: coarsened to stay under the limit
    sent: list[dict[str, Any]] = []
    for mark in [*timeline.series_marks, timeline.previous_mark]:
        _capture(mark, sent)
    seed.server.average_carbon_intensity = SourceValue(300 * u.g / u.kWh)
    updates = [m for m in sent if m["data"]["method"] == "update"]
    assert updates
    for message in updates:
        for name, value in message["data"]["state"].items():
            if isinstance(value, dict) and "shape" in value:
                assert np.prod(value["shape"]) <= 2 * 2000, name
    series_length = len(seed.system.total_footprint)
    total_bytes = sum(m["bytes"] for m in updates)
    # 7 marks, x (8 bytes) and y (<= 2 rows of float32) per day: far below one float per hour per mark.
    assert total_bytes <= 7 * 1100 * 24
    assert total_bytes < 7 * series_length * 4


def test_aggregate_control_redraws_and_close_stops_updates(seed: SeedScenario) -> None:
    timeline = Timeline(seed.server.energy_footprint)
    assert timeline.period == "day" and len(timeline.series_marks[0].y) == 1097
    timeline.aggregate_control.value = "year"
    assert timeline.period == "year" and len(timeline.series_marks[0].y) == 5
    timeline.close()
    drawn = np.array(timeline.series_marks[0].y)
    seed.server.average_carbon_intensity = SourceValue(300 * u.g / u.kWh)
    assert np.array_equal(drawn, timeline.series_marks[0].y)


def test_invalid_aggregate_is_refused(seed: SeedScenario) -> None:
    with pytest.raises(ValueError, match="aggregate must be 'auto' or one of"):
        Timeline(seed.server.energy_footprint, aggregate="fortnight")
