"""Editor rows for time series: hourly inputs built from the time builders' parameters (or pasted values), and
168-hour recurrent weeks from pasted values; both with a sparkline of the current value.

Parameter controls are generated from each builder's signature, so a builder gains a form by existing.
"""
from __future__ import annotations

import html
import inspect
import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Callable

import ipywidgets as widgets
import numpy as np
import pint

from efp_core import EmptyExplainableObject, SourceRecurrentValues, u
from efp_core.builders import time_builders
from efp_widgets.aggregation import aggregate, auto_period, period_bins
from efp_widgets.binding import close_descendants
from efp_widgets.editor_rows import SourcedRow, mark_input
from efp_widgets.units_choice import unit_label

SPARKLINE_POINTS = 180  # a week (168 h) is drawn hour by hour
SPARKLINE_SIZE = (240, 40)
DATE_FORMAT = "%Y-%m-%d %H:%M"


@dataclass(frozen=True)
class Builder:
    """A time builder offered by the editor, with the defaults its form starts from."""

    label: str
    function: Callable[..., Any]
    defaults: dict[str, Any]


BUILDERS: dict[str, Builder] = {b.label: b for b in (
    Builder("daily volume at given hours", time_builders.create_hourly_usage_from_daily_volume_and_list_of_hours,
            {"timespan": "1 year", "daily_volume": 1000.0, "hours": "8, 12, 19"}),
    Builder("linear growth", time_builders.linear_growth_hourly_values,
            {"timespan": "1 year", "start_value": 1000.0, "end_value": 2000.0}),
    Builder("sinusoidal fluctuation", time_builders.sinusoidal_fluct_hourly_values,
            {"timespan": "1 year", "sin_fluct_amplitude": 100.0, "sin_fluct_period_in_hours": 2160.0}),
    Builder("daily fluctuation", time_builders.daily_fluct_hourly_values,
            {"timespan": "1 year", "fluct_scale": 0.8, "hour_of_day_for_min_value": 4.0}),
    Builder("volume at a frequency", time_builders.create_hourly_usage_from_frequency,
            {"timespan": "1 year", "input_volume": 1000.0, "frequency": "weekly", "active_days": "0",
             "hours": "12"}),
    Builder("pasted hourly values", time_builders.create_source_hourly_values_from_list,
            {"input_list": ""}),
)}
FREQUENCIES = ("daily", "weekly", "monthly", "yearly")


def parse_numbers(text: str) -> list[float]:
    """Numbers separated by commas, spaces, tabs or new lines (as pasted from a spreadsheet)."""
    parts = [p for p in re.split(r"[,;\s]+", text.strip()) if p]
    try:
        return [float(p) for p in parts]
    except ValueError as error:
        raise ValueError(f"expected numbers separated by commas or spaces, received {text[:40]!r}") from error


def parse_timespan(text: str) -> Any:
    """A duration typed as "3 years", "365 day", "6 month"."""
    try:
        quantity = u.Quantity(text.strip())
    except (pint.PintError, AttributeError, ValueError, TypeError) as error:
        raise ValueError(f"expected a duration such as '1 year' or '365 day', received {text!r}") from error
    if not isinstance(quantity, pint.Quantity) or not quantity.is_compatible_with(u.hour) or quantity.magnitude <= 0:
        raise ValueError(f"expected a positive duration such as '1 year' or '365 day', received {text!r}")
    return quantity


@dataclass(frozen=True)
class SparklineBins:
    """A series reduced to at most SPARKLINE_POINTS bins, each with its lowest, mean and highest hourly value:
    a mean alone (daily means of a daily cycle are flat) would hide how much the series swings within a bin."""

    period: str
    low: np.ndarray
    mean: np.ndarray
    high: np.ndarray


def sparkline_bins(magnitude: np.ndarray, start: datetime, max_points: int = SPARKLINE_POINTS) -> SparklineBins:
    values = np.asarray(magnitude, dtype=np.float64)
    period = auto_period(values.size, max_points)
    mean = aggregate(values, start, period, "mean").values
    if period == "hour":
        return SparklineBins(period, values, values, values)
    first = period_bins(start, values.size, period)[0]
    return SparklineBins(period, np.minimum.reduceat(values, first), mean, np.maximum.reduceat(values, first))


def sparkline_svg(magnitude: np.ndarray, start: datetime) -> str:
    """A small SVG of a series: hour by hour when it is short, else a band from each day's (week's...) lowest
    to highest hourly value around the line of its means, so the daily cycle stays visible."""
    if magnitude.size == 0:
        return "<i>empty</i>"
    bins = sparkline_bins(magnitude, start)
    width, height = SPARKLINE_SIZE
    low, high = float(bins.low.min()), float(bins.high.max())
    span = high - low or 1.0
    xs = np.linspace(0, width, bins.mean.size) if bins.mean.size > 1 else np.array([0.0])

    def ys(values: np.ndarray) -> np.ndarray:
        return height - 2 - (values - low) / span * (height - 4)

    def points(x: np.ndarray, y: np.ndarray) -> str:
        return " ".join(f"{a:.1f},{b:.1f}" for a, b in zip(x, y))

    band = ""
    caption = "hourly values"
    if bins.period != "hour":
        caption = f"per {bins.period}: lowest to highest hourly value (band) and mean (line)"
        outline = points(np.concatenate([xs, xs[::-1]]), np.concatenate([ys(bins.high), ys(bins.low)[::-1]]))
        band = (f"<polygon class='efp-sparkline-band' fill='#9ecae1' fill-opacity='0.6' stroke='none' "
                f"points='{outline}'/>")
    return (f"<svg class='efp-sparkline' data-period='{bins.period}' width='{width}' height='{height}' "
            f"viewBox='0 0 {width} {height}'><title>{caption}</title>{band}"
            f"<polyline fill='none' stroke='#1f77b4' stroke-width='1.2' points='{points(xs, ys(bins.mean))}'/></svg>")


def _summary(magnitude: np.ndarray, unit: Any, first: str) -> str:
    return (f"{magnitude.size} values from {first} in {html.escape(unit_label(unit))}, "
            f"min {float(magnitude.min()):.4g}, max {float(magnitude.max()):.4g}" if magnitude.size else "no values")


class HourlyRow(SourcedRow):
    """An hourly input: its sparkline and summary, and a form to rebuild it from a builder's parameters."""

    def build(self) -> widgets.Widget:
        self.sparkline = widgets.HTML()
        self.summary = widgets.HTML()
        self.builder = mark_input(widgets.Dropdown(options=list(BUILDERS), description="rebuild with",
                                                   style={"description_width": "initial"},
                                                   layout=widgets.Layout(width="340px")), self.attr)
        self.parameters = widgets.VBox()
        self.apply_button = widgets.Button(description="Apply", icon="check", layout=widgets.Layout(width="90px"))
        self.apply_button.add_class("efp-apply")
        self.apply_button.on_click(lambda _: self.apply())
        self.preview = widgets.HTML()
        self.preview.add_class("efp-preview")
        self.parameter_controls: dict[str, widgets.Widget] = {}
        source = self.source_control()
        self.builder.observe(lambda _: self._build_form(), names="value")
        self._build_form()
        return widgets.VBox([widgets.HBox([self.sparkline, self.summary]),
                             widgets.HBox([self.builder, source]), self.parameters,
                             widgets.HBox([self.apply_button, self.preview])])

    def _build_form(self) -> None:
        """One control per builder parameter, from its signature (pint_unit is the attribute's own unit)."""
        chosen = BUILDERS[self.builder.value]
        controls: dict[str, widgets.Widget] = {}
        for name, parameter in inspect.signature(chosen.function).parameters.items():
            if name == "pint_unit":
                continue
            default = chosen.defaults.get(name, parameter.default)
            if name == "start_date":
                control: widgets.Widget = widgets.Text(value=self._start_text(default), continuous_update=False)
            elif name == "frequency":
                control = widgets.Dropdown(options=FREQUENCIES, value=default)
            elif name == "input_list":
                control = widgets.Textarea(value=default, placeholder="values, one per hour, from start date",
                                           continuous_update=False)
            elif isinstance(default, float):
                control = widgets.FloatText(value=default)
            else:
                control = widgets.Text(value=str(default), continuous_update=False)
            control.description = name.replace("_", " ")
            control.style = {"description_width": "160px"}
            control.add_class("efp-param")
            control.add_class(f"efp-param-{name}")
            control.observe(lambda _: self.update_preview(), names="value")
            controls[name] = control
        for old in self.parameter_controls.values():
            close_descendants(old)
            old.close()
        self.parameter_controls = controls
        self.parameters.children = list(controls.values())
        self.update_preview()

    def _start_text(self, default: Any) -> str:
        value = self.current
        start = getattr(value, "start_date", None) or (default if isinstance(default, datetime) else None)
        return start.strftime(DATE_FORMAT) if start else time_builders.DEFAULT_START.strftime(DATE_FORMAT)

    def _arguments(self) -> dict[str, Any]:
        arguments: dict[str, Any] = {}
        for name, control in self.parameter_controls.items():
            raw = control.value
            if name == "timespan":
                arguments[name] = parse_timespan(raw)
            elif name == "start_date":
                arguments[name] = datetime.strptime(raw.strip(), DATE_FORMAT)
            elif name in ("hours", "active_days"):
                arguments[name] = [int(x) for x in parse_numbers(raw)]
            elif name == "input_list":
                arguments[name] = parse_numbers(raw)
            elif name in ("sin_fluct_period_in_hours", "hour_of_day_for_min_value"):
                arguments[name] = int(raw)
            else:
                arguments[name] = raw
        return arguments

    def built_value(self) -> Any:
        """The series the form describes, in the attribute's unit, citing the chosen source."""
        unit = type(self.obj).expected_unit(self.attr) or getattr(self.current, "unit", u.occurrence)
        series = BUILDERS[self.builder.value].function(**self._arguments(), pint_unit=unit)
        series.source = self.current_source()
        return series

    def update_preview(self) -> None:
        """Sparkline of the series the form describes, before it is applied (nothing while it is invalid)."""
        try:
            series = self.built_value()
        except (ValueError, TypeError, KeyError):
            self.preview.value = "<i>preview: incomplete parameters</i>"
            return
        self.preview.value = "preview: " + sparkline_svg(series.magnitude, series.start_date)

    def apply(self) -> bool:
        """Build the series from the form and submit it; a builder's own error is shown like the engine's."""
        try:
            value = self.built_value()
        except (ValueError, TypeError, KeyError) as error:
            self.set_error(f"{type(self.obj).__name__} '{self.obj.name}', attribute '{self.attr}': {error}")
            return False
        return self.submit(value)

    def show(self, value: Any) -> None:
        if isinstance(value, EmptyExplainableObject) or value is None:
            self.sparkline.value, self.summary.value = "", "no value"
        else:
            self.sparkline.value = sparkline_svg(value.magnitude, value.start_date)
            self.summary.value = _summary(value.magnitude, value.unit, value.start_date.strftime(DATE_FORMAT))
        self.show_source(value)


class RecurrentRow(SourcedRow):
    """A canonical week (168 hourly values, Monday 00:00 first) as pasted values, with its sparkline."""

    def build(self) -> widgets.Widget:
        self.sparkline = widgets.HTML()
        self.values_text = mark_input(widgets.Textarea(placeholder="168 values, Monday 00:00 first",
                                                       continuous_update=False,
                                                       layout=widgets.Layout(width="420px", height="60px")),
                                      self.attr)
        self.values_text.observe(self._on_values, names="value")
        return widgets.VBox([widgets.HBox([self.sparkline, self.source_control()]), self.values_text])

    def show(self, value: Any) -> None:
        if isinstance(value, EmptyExplainableObject) or value is None:
            self.sparkline.value, self.values_text.value = "", ""
        else:
            magnitude = np.asarray(value.value.magnitude)
            self.sparkline.value = sparkline_svg(magnitude, datetime(2024, 1, 1))
            self.values_text.value = ", ".join(f"{x:.6g}" for x in magnitude)
        self.show_source(value)

    def _on_values(self, change: dict[str, Any]) -> None:
        if self.muted:
            return
        try:
            numbers = parse_numbers(change["new"])
            unit = getattr(self.current, "unit", None) or type(self.obj).expected_unit(self.attr)
            value = SourceRecurrentValues(u.Quantity(np.asarray(numbers, dtype=np.float32), unit),
                                          self.current_source())
        except (ValueError, TypeError) as error:
            self.set_error(f"{type(self.obj).__name__} '{self.obj.name}', attribute '{self.attr}': {error}")
            self.refresh()
            return
        self.submit(value)
