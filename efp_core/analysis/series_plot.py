"""`.plot()` of an hourly value: a static line chart (daily mean and min-max band over long spans)."""
from __future__ import annotations

import pathlib
from datetime import datetime
from typing import Any

import numpy as np

from efp_core.analysis.html_page import StaticFigure
from efp_core.analysis.svg_chart import LineSeries, line_chart_svg

PIXELS_PER_INCH = 80


def _xlims(value: Any, xlims: Any) -> tuple[datetime, datetime] | None:
    """Limits on the series' own clock: naive limits for a naive series, aware ones for an aware (UTC) series."""
    if xlims is None:
        return None
    if len(xlims) != 2 or not all(isinstance(x, datetime) for x in xlims):
        raise ValueError(f"plot of '{value.label}': xlims must be two datetimes [start, end], received {xlims!r}")
    start, end = xlims
    aware = value.start_date.tzinfo is not None
    converted = []
    for moment in (start, end):
        if aware and moment.tzinfo is None:
            moment = moment.replace(tzinfo=value.start_date.tzinfo)
        elif not aware and moment.tzinfo is not None:
            moment = moment.replace(tzinfo=None)
        converted.append(moment)
    if converted[1] <= converted[0]:
        raise ValueError(f"plot of '{value.label}': xlims end {end} is not after start {start}")
    return converted[0], converted[1]


def hourly_figure(value: Any, *, xlims: Any = None, cumsum: bool = False, width: int = 800,
                  height: int = 320) -> StaticFigure:
    if not hasattr(value, "start_date"):
        raise TypeError(f"plot: '{getattr(value, 'label', value)}' has no hourly values to plot "
                        f"({type(value).__name__})")
    values = np.asarray(value.magnitude, dtype=np.float64)
    if cumsum:
        values = np.cumsum(values)
    label = value.label or "Hourly values"
    title = f"Cumulative {label[0].lower()}{label[1:]}" if cumsum else label
    unit = f"{value.unit:~P}"
    svg = line_chart_svg([LineSeries(label, value.start_date, values)], title=title, y_label=unit or "value",
                         xlims=_xlims(value, xlims), width=width, height=height)
    return StaticFigure(title, svg, f"{width}px", f"{height}px")


def plot_hourly(value: Any, figsize: tuple[float, float] | None = None, filepath: str | pathlib.Path | None = None,
                plt_show: bool = False, xlims: Any = None, cumsum: bool = False,
                filename: str | pathlib.Path | None = None) -> StaticFigure:
    """Draw the series (returned figure displays in a notebook); saved to `filename` (or `filepath`) when given."""
    width, height = ((int(figsize[0] * PIXELS_PER_INCH), int(figsize[1] * PIXELS_PER_INCH)) if figsize
                     else (800, 320))
    figure = hourly_figure(value, xlims=xlims, cumsum=cumsum, width=width, height=height)
    target = filename if filename is not None else filepath
    if target is not None:
        figure.save(target)
    return figure
