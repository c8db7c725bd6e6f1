"""The system's footprint charts: by category and object, and what the last change (or all changes) did."""
from __future__ import annotations

import pathlib
from datetime import timedelta
from typing import Any

from efp_core.analysis.comparison import PHASE_TITLES, PHASES, compare_states, state_before_change, sum_kg
from efp_core.analysis.html_page import StaticFigure, live_or_static
from efp_core.analysis.svg_chart import Bar, BarGroup, BarSegment, bar_chart_svg, format_number

PHASE_COLORS = {"energy": "#6372f2", "fabrication": "#de5f46"}
BAR_ORDER = ("energy", "fabrication")  # electricity first, as in the reference chart
OBJECT_SHADES = (1.0, 0.72, 0.5, 0.85, 0.62, 0.4)  # objects stacked in one bar alternate shades
PIXELS_PER_INCH = 80


def _share(part_kg: float, total_kg: float) -> str:
    """Percent of the total, '<1%' for a small but present part."""
    if not total_kg:
        return ""
    percent = part_kg / total_kg * 100
    return "<1%" if 0 < percent < 1 else f"{percent:.0f}%"


def _unit(total_kg: float) -> tuple[str, float]:
    """Tonnes unless the total is small (under 501 kg, as the reference)."""
    return ("kg", 1.0) if abs(total_kg) < 501 else ("tonnes", 1000.0)


def footprints_by_category_and_object_figure(system: Any, width: int = 800, height: int = 400) -> StaticFigure:
    state = system.footprint_snapshot()
    per_object = {phase: {category: sorted(((obj.name, sum_kg(v)) for obj, v in objects.items()))
                          for category, objects in state[phase].items()} for phase in PHASES}
    total_kg = sum(kg for phase in PHASES for rows in per_object[phase].values() for _, kg in rows)
    unit, divisor = "tonnes", 1000.0
    groups = []
    for category in state["fabrication"]:
        bars = []
        for phase in BAR_ORDER:
            rows = per_object[phase][category]
            segments = [BarSegment(kg / divisor, PHASE_COLORS[phase], f"{category} · {PHASE_TITLES[phase]} · {name}: "
                                   f"{format_number(kg / divisor)} {unit}", OBJECT_SHADES[i % len(OBJECT_SHADES)])
                        for i, (name, kg) in enumerate(rows)]
            bar_kg = sum(kg for _, kg in rows)
            share = _share(bar_kg, total_kg) if bar_kg > 0 else None
            bars.append(Bar(segments, note=share))
        if any(bar.height > 0 for bar in bars):
            groups.append(BarGroup(category, bars))
    total = system.total_footprint
    start = getattr(total, "start_date", None)
    period = (f" from {start.date()} to {(start + timedelta(hours=len(total.magnitude) - 1)).date()}"
              if start is not None else "")
    title = f"Total CO2 emissions{period}: {format_number(total_kg / divisor)} {unit}"
    svg = bar_chart_svg(groups, title=title, y_label=f"{unit} CO2-eq",
                        legend=[(PHASE_TITLES[p], PHASE_COLORS[p], 1.0) for p in BAR_ORDER], width=width,
                        height=height)
    return StaticFigure(title, svg, f"{width}px", f"{height}px")


def plot_footprints_by_category_and_object(system: Any, filename: str | pathlib.Path | None = None,
                                           height: int = 400, width: int = 800, notebook: bool = True) -> StaticFigure:
    """Fabrication and electricity footprints per category, each bar split by object (hover for values).

    Returns the figure (it displays itself in a notebook); saves it when `filename` is given, or, as the
    reference does in a notebook, under '<system name> footprints.html' when `notebook` is true.
    """
    figure = footprints_by_category_and_object_figure(system, width, height)
    if filename is None and notebook:
        filename = f"{system.name} footprints.html"
    if filename is not None:
        figure.save(filename)
    return live_or_static(figure, "footprints", system) if notebook else figure


def _diff_bar(phase: str, category: str, old_kg: float, new_kg: float, divisor: float, unit: str,
              new_total_kg: float) -> Bar:
    color = PHASE_COLORS[phase]
    name = f"{category} · {PHASE_TITLES[phase]}"
    values = (f"{format_number(old_kg / divisor)} → {format_number(new_kg / divisor)} {unit}")
    segments = [BarSegment(min(old_kg, new_kg) / divisor, color, f"{name}: {values}")]
    if new_kg > old_kg:
        segments.append(BarSegment((new_kg - old_kg) / divisor, color,
                                   f"{name}: added {format_number((new_kg - old_kg) / divisor)} {unit}", 0.45))
    elif old_kg > new_kg:
        segments.append(BarSegment((old_kg - new_kg) / divisor, color,
                                   f"{name}: removed {format_number((old_kg - new_kg) / divisor)} {unit}",
                                   dashed=True))
    if old_kg == 0 and new_kg == 0:
        return Bar(segments)
    share = _share(new_kg, new_total_kg) if new_kg > 0 else "0%"
    note_color = "#52606d"
    if old_kg and abs(new_kg - old_kg) / old_kg >= 0.01:
        share += f" ({(new_kg - old_kg) / old_kg * 100:+.0f}%)"
        note_color = "#c92a2a" if new_kg > old_kg else "#2b8a3e"
    elif not old_kg and new_kg:
        share += " (new)"
        note_color = "#c92a2a"
    return Bar(segments, note=share.strip() or None, note_color=note_color)


def emission_diffs_figure(system: Any, *, from_start: bool = False, width: int = 800,
                          height: int = 400) -> StaticFigure:
    comparison = compare_states(state_before_change(system, from_start=from_start), system.footprint_snapshot())
    unit, divisor = _unit(comparison.total.new_kg)
    groups = []
    for category in comparison.by_category:
        diffs = {phase: comparison.by_phase_and_category[(phase, category)] for phase in BAR_ORDER}
        if all(d.old_kg == 0 and d.new_kg == 0 for d in diffs.values()):
            continue
        groups.append(BarGroup(category, [_diff_bar(phase, category, diffs[phase].old_kg, diffs[phase].new_kg,
                                                    divisor, unit, comparison.total.new_kg) for phase in BAR_ORDER]))
    since = "the first change" if from_start else "the last change"
    total = comparison.total
    change = f" ({total.relative * 100:+.1f}%)" if total.relative is not None else ""
    title = (f"CO2 emissions before and after {since}: {format_number(total.old_kg / divisor)} → "
             f"{format_number(total.new_kg / divisor)} {unit}{change}")
    legend = [(PHASE_TITLES[p], PHASE_COLORS[p], 1.0) for p in BAR_ORDER] + [("added", "#868e96", 0.45)]
    svg = bar_chart_svg(groups, title=title, y_label=f"{unit} CO2-eq", legend=legend, width=width, height=height)
    svg = svg.replace("</svg>", _removed_legend_entry(width) + "</svg>")
    return StaticFigure(title, svg, f"{width}px", f"{height}px")


def _removed_legend_entry(width: int) -> str:
    x = width - 130
    return (f'<rect x="{x}" y="34" width="12" height="12" fill="none" stroke="#868e96" stroke-dasharray="4 3"/>'
            f'<text x="{x + 17}" y="44" font-size="12" fill="#52606d">removed</text>')


def plot_emission_diffs(system: Any, filepath: str | pathlib.Path | None = None,
                        figsize: tuple[float, float] | None = None, from_start: bool = False,
                        plt_show: bool = False) -> StaticFigure:
    """Footprint per category and phase before and after the last change (the first one with `from_start`).

    Solid: what stayed; light: what the change added; dashed outline: what it removed. Saved when `filepath`
    is given (SVG drawn in an HTML page; see `html_page.html_path` for image names). `plt_show` is accepted for
    compatibility and does nothing: the returned figure displays itself in a notebook.
    """
    width, height = ((int(figsize[0] * PIXELS_PER_INCH), int(figsize[1] * PIXELS_PER_INCH)) if figsize
                     else (800, 400))
    figure = emission_diffs_figure(system, from_start=from_start, width=width, height=height)
    if filepath is not None:
        figure.save(filepath)
    return figure
