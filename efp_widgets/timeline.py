"""Timeline: hourly values over dates on bqplot, aggregated in the kernel, redrawn when the engine changes them.

After an edit the state before it stays visible as a dashed overlay, the live form of the seed's before/after
comparison.

A series rarely starts and ends on period boundaries (the seed's runs from 23:00 on a 31 December to 16:00 on a
1 January): a first or last day, week, month or year that holds only some of its hours would be drawn as a sharp
drop. Summed values (footprints, energy) of such partial periods are drawn at their hourly average × the period's
length, marked with hollow circles and named under the chart; cumulative views keep the true sums.
"""
from __future__ import annotations

import html
from typing import Any

import bqplot
import ipywidgets as widgets
import numpy as np
import traitlets

from efp_core import ModelChange
from efp_widgets.aggregation import (
    DEFAULT_MAX_POINTS,
    HOURS_PER_PERIOD,
    PERIODS,
    Aggregated,
    aggregate,
    align,
    auto_period,
    is_summed,
    period_bins,
)
from efp_widgets.binding import BINDING, Node, release
from efp_widgets.series_sources import SeriesSource, resolve_series
from efp_widgets.units_choice import readable_unit, unit_label

COLORS = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22",
          "#17becf"]
PREVIOUS_COLOR = "#000000"  # black over the coloured areas: the dashed line must stand out where it differs
PARTIAL_COLOR = "#000000"
# bqplot's Tooltip takes a format as a date format only when it matches its own pattern (no ':' allowed): any other
# string goes to d3.format, which throws, and the tooltip view is never created. Lines only know their name anyway.
TOOLTIP_FIELDS, TOOLTIP_LABELS = ["name"], ["series"]
DATE_TICKS = 6
# Values are sent as float32: ample for drawing, half the bytes of float64.
WIRE_DTYPE = np.float32


def _system_of_total(values: Any) -> Any:
    """The System whose total `values` is (the System itself or its total_footprint), else None."""
    if getattr(values, "is_system_root", False):
        return values
    container = getattr(values, "modeling_obj_container", None)
    if getattr(container, "is_system_root", False) and values.attr_name_in_mod_obj_container == "total_footprint":
        return container
    return None


def period_hours(starts: np.ndarray, period: str) -> np.ndarray:
    """Hours in each whole period beginning at `starts` (datetime64[h]); months and years vary in length."""
    if period in ("month", "year"):
        unit = "datetime64[M]" if period == "month" else "datetime64[Y]"
        ends = (starts.astype(unit) + 1).astype("datetime64[h]")
        return (ends - starts).astype(np.int64)
    return np.full(starts.shape, HOURS_PER_PERIOD[period], dtype=np.int64)


def whole_period_rates(binned: Aggregated, start: Any, n_hours: int) -> tuple[Aggregated, dict[Any, str]]:
    """Sums of periods that hold only some of their hours scaled to a whole period (hourly average × length),
    and those periods as {bin start: "H of N h"}; whole periods are left exactly as summed."""
    counts = period_bins(start, n_hours, binned.period)[2]
    full = period_hours(binned.starts, binned.period)
    short = counts < full
    if not short.any():
        return binned, {}
    values = np.where(short, binned.values / np.maximum(counts, 1) * full, binned.values)
    scaled = {binned.starts[i]: f"{counts[i]} of {full[i]} h" for i in np.flatnonzero(short)}
    return Aggregated(binned.starts, values, binned.period, binned.how), scaled


def date_tick_format(span_hours: float) -> str:
    """A d3 date format that tells the ticks of a span apart (months and years, days, or hours)."""
    if span_hours > 120 * 24:
        return "%b %Y"
    if span_hours > 3 * 24:
        return "%d %b %Y"
    return "%d %b %H:%M"


def _total(values: list[Any], unit: Any) -> float:
    return float(sum(v.to(unit).magnitude.sum() if v.unit != unit else v.magnitude.sum()
                     for v in values if v is not None))


class Timeline(widgets.VBox):
    """Hourly values as a line (or stacked areas) against dates, aggregated to `aggregate` in the kernel.

    `values`: an hourly value held by an object (followed live), an (object, attribute) pair, a dict
    {label: value}, a list of values, or a System (its total, or split `by` "category", "object" or "phase";
    a System or its `total_footprint` shown `stacked` is split by category unless `by` says otherwise).
    `aggregate="auto"` picks the finest period that keeps at most `max_points` points; an
    explicit period that would exceed it is coarsened (see the `period` trait).
    """

    aggregate = traitlets.Unicode("auto")
    period = traitlets.Unicode("day")
    cumulative = traitlets.Bool(False)
    stacked = traitlets.Bool(False)
    unit = traitlets.Unicode("")
    labels = traitlets.List(traitlets.Unicode())
    show_previous = traitlets.Bool(True)
    # Periods drawn from part of their hours, as "YYYY-MM-DD: H of N h" (empty when none or when cumulative).
    partial_periods = traitlets.List(traitlets.Unicode())
    # Relative change of the period total at the last edit (None before any edit or for averaged levels).
    last_edit_change = traitlets.Float(None, allow_none=True)

    def __init__(self, values: Any, aggregate: str = "auto", cumulative: bool = False, stacked: bool = False,
                 by: str | None = None, title: str = "", max_points: int = DEFAULT_MAX_POINTS,
                 **kwargs: Any) -> None:
        if aggregate != "auto" and aggregate not in PERIODS:
            raise ValueError(f"Timeline: aggregate must be 'auto' or one of {list(PERIODS)}, received {aggregate!r}")
        system = _system_of_total(values)
        if stacked and by is None and system is not None:
            values, by = system, "category"
        self.sources: list[SeriesSource] = resolve_series(values, by)
        self.max_points = max_points
        self._drawn: list[Any] = []
        self._previous: list[Any] | None = None
        # Aggregated tables of the drawn and the previous values, by their identity (values are immutable): after
        # an edit the dashed 'before' overlay is the table drawn just before, not aggregated again.
        self._tables: dict[tuple[Any, ...], tuple[list[Any], tuple[np.ndarray, np.ndarray, dict[Any, str]]]] = {}
        self.x_scale = bqplot.DateScale()
        self.y_scale = bqplot.LinearScale()
        scales = {"x": self.x_scale, "y": self.y_scale}
        # Few date ticks: d3's automatic ones crowd into each other on a half-page chart ("Apr 2025Jul 2025").
        self.x_axis = bqplot.Axis(scale=self.x_scale, label="date (UTC)", grid_lines="none", num_ticks=DATE_TICKS)
        self.y_axis = bqplot.Axis(scale=self.y_scale, side="left", label="", tick_format=".3~s")
        self.series_marks: list[bqplot.Lines] = [
            bqplot.Lines(scales=scales, colors=[COLORS[i % len(COLORS)]], stroke_width=1.5,
                         tooltip=bqplot.Tooltip(fields=TOOLTIP_FIELDS, labels=TOOLTIP_LABELS))
            for i in range(len(self.sources))]
        self.previous_mark = bqplot.Lines(scales=scales, colors=[PREVIOUS_COLOR], line_style="dashed",
                                          opacities=[1.0], stroke_width=2, labels=["before the last edit"])
        self.partial_mark = bqplot.Scatter(x=np.array([], "datetime64[ms]"), y=np.array([]), scales=scales,
                                           marker="circle", fill=False, colors=[PARTIAL_COLOR], stroke=PARTIAL_COLOR,
                                           default_size=40, stroke_width=1.5)
        self.figure = bqplot.Figure(marks=[*self.series_marks, self.previous_mark, self.partial_mark],
                                    axes=[self.x_axis, self.y_axis], title=title,
                                    fig_margin={"top": 20, "bottom": 40, "left": 70, "right": 34},
                                    layout=widgets.Layout(width="100%", height="360px"))
        self.aggregate_control = widgets.Dropdown(options=["auto", *PERIODS], value=aggregate,
                                                  description="per", layout=widgets.Layout(width="160px"))
        self.cumulative_control = widgets.Checkbox(value=cumulative, description="cumulative", indent=False)
        # bqplot's legend would list both edges of each stacked area: the legend is drawn here instead.
        self.legend = widgets.HTML()
        self.legend.add_class("efp-timeline-legend")
        header = widgets.HBox([self.aggregate_control, self.cumulative_control, self.legend],
                              layout=widgets.Layout(align_items="center", flex_flow="row wrap"))
        self.note = widgets.HTML()
        self.note.add_class("efp-timeline-note")
        super().__init__(children=[header, self.figure, self.note],
                         **kwargs)
        self.add_class("efp-timeline")
        self.aggregate, self.cumulative, self.stacked = aggregate, cumulative, stacked
        widgets.link((self.aggregate_control, "value"), (self, "aggregate"))
        widgets.link((self.cumulative_control, "value"), (self, "cumulative"))
        self._drawn = self._read()
        self.redraw()
        self.observe(lambda _: self.redraw(), names=["aggregate", "cumulative", "stacked", "show_previous"])
        BINDING.bind(self)

    # ---- binding ------------------------------------------------------------------------------------
    def watched_nodes(self) -> set[Node]:
        return set().union(*(source.nodes() for source in self.sources)) if self.sources else set()

    def on_model_change(self, change: ModelChange, relevant: set[Node]) -> None:
        """Keep what was drawn as the dashed 'before' state, then draw the engine's new values."""
        self._previous = self._drawn
        self._drawn = self._read()
        self._forget_tables()
        self.redraw()

    def close(self) -> None:
        release(self)
        super().close()

    # ---- drawing ------------------------------------------------------------------------------------
    def _read(self) -> list[Any]:
        return [source.value() for source in self.sources]

    def _effective_period(self) -> str:
        longest = max((len(v) for v in self._drawn if v is not None), default=0)
        coarsest_allowed = auto_period(longest, self.max_points)
        if self.aggregate == "auto":
            return coarsest_allowed
        return max(self.aggregate, coarsest_allowed, key=PERIODS.index)

    def _table(self, values: list[Any], period: str, unit: Any) -> tuple[np.ndarray, np.ndarray, dict[Any, str]]:
        """Aggregated rows on one date axis, in `unit` (empty values give rows of zeros), and the partial
        periods that were scaled to a whole period: {bin start: "H of N h"}. Kept for the drawn and the
        previous values only."""
        key = (*(id(value) for value in values), period, unit, self.cumulative)
        kept = self._tables.get(key)
        if kept is None:
            kept = self._tables[key] = (list(values), self._aggregated_table(values, period, unit))
        return kept[1]

    def _forget_tables(self) -> None:
        """Drop the tables of values that are neither drawn nor the previous state any more."""
        alive = {id(value) for value in [*self._drawn, *(self._previous or [])]}
        self._tables = {key: kept for key, kept in self._tables.items()
                        if all(id(value) in alive for value in kept[0])}

    def _aggregated_table(self, values: list[Any], period: str, unit: Any
                          ) -> tuple[np.ndarray, np.ndarray, dict[Any, str]]:
        present = [v for v in values if v is not None]
        aggregated: list[Aggregated] = []
        partial: dict[Any, str] = {}
        for value in present:
            how = "sum" if is_summed(value.unit) else "mean"
            magnitude = value.to(unit).magnitude if value.unit != unit else value.magnitude
            binned = aggregate(magnitude, value.start_date, period, how)
            if how == "sum" and not self.cumulative:
                binned, scaled = whole_period_rates(binned, value.start_date, magnitude.shape[0])
                partial.update(scaled)
            aggregated.append(binned)
        axis, table = align(aggregated)
        rows = np.zeros((len(values), axis.shape[0]))
        rows[[i for i, v in enumerate(values) if v is not None]] = table
        if self.cumulative:
            rows = np.cumsum(rows, axis=1)
        return axis, rows, partial

    def redraw(self) -> None:
        """Recompute the aggregated rows and send them to the marks (only these arrays cross the wire)."""
        period = self._effective_period()
        present = [v for v in self._drawn if v is not None]
        base_unit = present[0].unit if present else None
        axis, rows, partial = self._table(self._drawn, period, base_unit) if present else (
            np.array([], "datetime64[h]"), np.zeros((len(self._drawn), 0)), {})
        stacks = np.cumsum(rows, axis=0) if self.stacked else rows
        largest = float(np.max(np.abs(stacks))) if stacks.size else 0.0
        display_unit, factor = readable_unit(base_unit, largest) if base_unit is not None else (None, 1.0)
        x = axis.astype("datetime64[ms]")
        span = float((axis[-1] - axis[0]) / np.timedelta64(1, "h")) if axis.shape[0] > 1 else 0.0
        self.x_axis.tick_format = date_tick_format(span)
        for index, mark in enumerate(self.series_marks):
            with mark.hold_sync():
                mark.x = x
                if self.stacked:
                    lower = stacks[index - 1] if index else np.zeros_like(stacks[index])
                    mark.y = (np.vstack([lower, stacks[index]]) * factor).astype(WIRE_DTYPE)
                    mark.fill, mark.fill_opacities = "between", [0.6]
                    mark.fill_colors = [COLORS[index % len(COLORS)]]
                else:
                    mark.y = (rows[index] * factor).astype(WIRE_DTYPE)
                    mark.fill = "none"
                mark.labels = [self.sources[index].label] * (2 if self.stacked else 1)
        self._draw_previous(period, base_unit, factor)
        self._draw_partial(axis, stacks if self.stacked else rows, partial, factor)
        self.partial_periods = [f"{str(start)[:10]}: {hours}" for start, hours in sorted(partial.items())]
        self.last_edit_change = self._last_edit_change(base_unit)
        self.legend.value = self._legend_html()
        self.note.value = self._note_html(period)
        self.period = period
        self.unit = unit_label(display_unit) if display_unit is not None else ""
        self.labels = [source.label for source in self.sources]
        if self.cumulative:
            self.y_axis.label = f"cumulative {self.unit}"
        else:
            averaged = bool(present) and not is_summed(base_unit)
            self.y_axis.label = f"{self.unit} per {period}" + (" (mean)" if averaged else "")

    def _legend_html(self) -> str:
        entries = [(COLORS[i % len(COLORS)], "solid", source.label) for i, source in enumerate(self.sources)]
        if len(self.previous_mark.y):
            change = self.last_edit_change
            entries.append((PREVIOUS_COLOR, "dashed", "before the last edit" + (
                "" if change is None else f" (total {change:+.1%} since)")))
        if len(entries) < 2:
            return ""
        return "".join(
            f"<span style='margin-right:12px;white-space:nowrap'><span style='display:inline-block;width:14px;"
            f"height:0;border-top:3px {style} {color};vertical-align:middle;margin-right:4px'></span>"
            f"{html.escape(label)}</span>" for color, style, label in entries)

    def _note_html(self, period: str) -> str:
        if not self.partial_periods:
            return ""
        listed = "; ".join(html.escape(p) for p in self.partial_periods)
        return (f"<span style='font-size:12px;color:#444'>○ partial {period} ({listed}): drawn at its hourly "
                f"average × the {period}'s length, so that the series does not seem to drop.</span>")

    def _draw_partial(self, axis: np.ndarray, shown: np.ndarray, partial: dict[Any, str], factor: float) -> None:
        """Hollow circles on each drawn line (each stack's top) at the partial periods."""
        columns = np.flatnonzero(np.isin(axis, np.array(list(partial), dtype="datetime64[h]"))) if partial else []
        xs = np.tile(axis[columns].astype("datetime64[ms]"), shown.shape[0]) if len(columns) else np.array(
            [], "datetime64[ms]")
        ys = (shown[:, columns].ravel() * factor).astype(WIRE_DTYPE) if len(columns) else np.array([])
        with self.partial_mark.hold_sync():
            self.partial_mark.x, self.partial_mark.y = xs, ys

    def _last_edit_change(self, unit: Any) -> float | None:
        """(total now - total before) / total before, over the whole period, for summed values."""
        if not self._previous or unit is None or not is_summed(unit):
            return None
        before, now = _total(self._previous, unit), _total(self._drawn, unit)
        return None if before == 0 else (now - before) / abs(before)

    def _draw_previous(self, period: str, unit: Any, factor: float) -> None:
        previous = self._previous if self.show_previous else None
        if not previous or unit is None or all(v is None for v in previous):
            self.previous_mark.x, self.previous_mark.y = np.array([], "datetime64[ms]"), np.array([])
            return
        axis, rows, _ = self._table(previous, period, unit)
        shown = rows.sum(axis=0, keepdims=True) if self.stacked else rows
        with self.previous_mark.hold_sync():
            self.previous_mark.x = axis.astype("datetime64[ms]")
            self.previous_mark.y = ((shown[0] if shown.shape[0] == 1 else shown) * factor).astype(WIRE_DTYPE)

    # ---- reading back what is drawn (tests, dashboards) --------------------------------------------
    def drawn_values(self) -> np.ndarray:
        """The y values currently drawn, one row per series (top of each stack when stacked)."""
        rows = [np.atleast_2d(mark.y)[-1] for mark in self.series_marks]
        return np.vstack(rows) if rows else np.zeros((0, 0))
