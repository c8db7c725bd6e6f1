"""Static charts as inline SVG (no plotting library): bar groups with stacked segments, and time lines.

Every mark carries a <title>, so hovering it in a browser shows its exact value.
"""
from __future__ import annotations

import html
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import numpy as np

FONT = 'font-family="system-ui, sans-serif"'
AXIS_COLOR = "#9aa5b1"
TEXT_COLOR = "#1f2933"
MUTED_COLOR = "#52606d"


def nice_ticks(top: float, count: int = 5) -> list[float]:
    """Round tick values from 0 to at least `top` (1, 2, 2.5 or 5 times a power of ten apart)."""
    if top <= 0 or not math.isfinite(top):
        return [0.0, 1.0]
    raw = top / count
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    return [i * step for i in range(int(math.ceil(top / step - 1e-9)) + 1)]


def format_number(value: float) -> str:
    """Short human number: 1 234, 12.3, 0.0123, 1.2e+07."""
    magnitude = abs(value)
    if magnitude == 0:
        return "0"
    if magnitude >= 1e7 or magnitude < 1e-3:
        return f"{value:.2g}"
    if magnitude >= 100:
        return f"{value:,.0f}".replace(",", " ")
    return f"{value:.3g}"


def _text(x: float, y: float, content: str, *, anchor: str = "middle", size: float = 12, color: str = TEXT_COLOR,
          extra: str = "") -> str:
    return (f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" font-size="{size}" fill="{color}"{extra}>'
            f"{html.escape(content)}</text>")


def _svg_open(width: float, height: float, css_class: str) -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" class="{css_class}" width="{width:.0f}" height="{height:.0f}" '
            f'viewBox="0 0 {width:.0f} {height:.0f}" {FONT}>')


def _legend(items: list[tuple[str, str, float]], x: float, y: float) -> list[str]:
    parts = []
    for text, color, opacity in items:
        parts.append(f'<rect x="{x:.1f}" y="{y - 10:.1f}" width="12" height="12" fill="{color}" '
                     f'fill-opacity="{opacity}"/>')
        parts.append(_text(x + 17, y, text, anchor="start", color=MUTED_COLOR))
        x += 17 + len(text) * 7 + 18
    return parts


def _y_axis(ticks: list[float], scale: float, left: float, right: float, bottom: float, label: str) -> list[str]:
    parts = []
    for tick in ticks:
        y = bottom - tick * scale
        parts.append(f'<line x1="{left:.1f}" x2="{right:.1f}" y1="{y:.1f}" y2="{y:.1f}" stroke="#e4e7eb"/>')
        parts.append(_text(left - 6, y + 4, format_number(tick), anchor="end", size=11, color=MUTED_COLOR))
    middle = (bottom + bottom - ticks[-1] * scale) / 2
    parts.append(_text(16, middle, label, size=12, color=MUTED_COLOR,
                       extra=f' transform="rotate(-90 16 {middle:.1f})"'))
    parts.append(f'<line x1="{left:.1f}" x2="{right:.1f}" y1="{bottom:.1f}" y2="{bottom:.1f}" stroke="{AXIS_COLOR}"/>')
    return parts


# ---- bars ---------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class BarSegment:
    value: float
    color: str
    tooltip: str
    opacity: float = 1.0
    dashed: bool = False  # outline only, for a part that is no longer there


@dataclass
class Bar:
    segments: list[BarSegment]
    note: str | None = None  # written above the bar
    note_color: str = MUTED_COLOR

    @property
    def height(self) -> float:
        return sum(max(s.value, 0.0) for s in self.segments)


@dataclass
class BarGroup:
    label: str
    bars: list[Bar] = field(default_factory=list)


def bar_chart_svg(groups: list[BarGroup], *, title: str, y_label: str,
                  legend: Sequence[tuple[str, str, float]] = (), width: float = 800, height: float = 420) -> str:
    """Groups of bars side by side, each bar a stack of segments from zero."""
    top_margin, bottom_margin, left, right_margin = 58.0, 46.0, 74.0, 16.0
    bottom = height - bottom_margin
    right = width - right_margin
    ticks = nice_ticks(max((bar.height for g in groups for bar in g.bars), default=0.0) * 1.08)
    scale = (bottom - top_margin) / ticks[-1]
    parts = [_svg_open(width, height, "efp-chart efp-bar-chart"), _text(width / 2, 22, title, size=14,
                                                                      extra=' font-weight="600"')]
    parts += _legend(list(legend), left, 44)
    parts += _y_axis(ticks, scale, left, right, bottom, y_label)
    slot = (right - left) / max(len(groups), 1)
    for index, group in enumerate(groups):
        centre = left + slot * (index + 0.5)
        bar_width = min(56.0, slot * 0.8 / max(len(group.bars), 1))
        first = centre - bar_width * len(group.bars) / 2
        for position, bar in enumerate(group.bars):
            x = first + position * bar_width
            y = bottom
            for segment in bar.segments:
                if segment.value <= 0:
                    continue
                h = segment.value * scale
                y -= h
                style = (f'fill="none" stroke="{segment.color}" stroke-dasharray="4 3" stroke-width="1.2"'
                         if segment.dashed else f'fill="{segment.color}" fill-opacity="{segment.opacity}" '
                                                'stroke="#ffffff" stroke-width="0.6"')
                parts.append(f'<rect class="efp-bar" x="{x + 2:.1f}" y="{y:.1f}" width="{bar_width - 4:.1f}" '
                             f'height="{h:.1f}" {style}><title>{html.escape(segment.tooltip)}</title></rect>')
            if bar.note:
                parts.append(_text(x + bar_width / 2, y - 5, bar.note, size=11, color=bar.note_color))
        parts.append(_text(centre, bottom + 18, group.label, size=12))
    parts.append("</svg>")
    return "\n".join(parts)


# ---- time lines ---------------------------------------------------------------------------------------------
@dataclass
class LineSeries:
    name: str
    start: datetime
    values: np.ndarray  # one value per hour
    color: str = "#1c7ed6"


DAILY_ABOVE_HOURS = 24 * 45  # longer views are drawn as daily means with a min-max band


def _daily(values: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    days = len(values) // 24 + (1 if len(values) % 24 else 0)
    padded = np.full(days * 24, np.nan)
    padded[: len(values)] = values
    grid = padded.reshape(days, 24)
    return np.nanmean(grid, axis=1), np.nanmin(grid, axis=1), np.nanmax(grid, axis=1)


def _date_label(moment: datetime, span: timedelta) -> str:
    if span > timedelta(days=90):
        return moment.strftime("%Y-%m")
    if span > timedelta(days=3):
        return moment.strftime("%Y-%m-%d")
    return moment.strftime("%m-%d %H:%M")


def line_chart_svg(series: list[LineSeries], *, title: str, y_label: str,
                   xlims: tuple[datetime, datetime] | None = None, width: float = 900, height: float = 360) -> str:
    """Hourly lines over time (daily mean and min-max band when the view is long)."""
    top_margin, bottom_margin, left, right_margin = 50.0, 40.0, 74.0, 44.0
    bottom, right = height - bottom_margin, width - right_margin
    visible: list[tuple[LineSeries, datetime, np.ndarray]] = []
    for line in series:
        start, values = line.start, np.asarray(line.values, dtype=np.float64)
        if xlims is not None:
            first = max(0, int((xlims[0] - start) / timedelta(hours=1)))
            last = min(len(values), int(math.ceil((xlims[1] - start) / timedelta(hours=1))) + 1)
            start, values = start + timedelta(hours=first), values[first:max(first, last)]
        visible.append((line, start, values))
    present = [(s, v) for _, s, v in visible if len(v)]
    t0 = min((s for s, _ in present), default=xlims[0] if xlims else datetime(2000, 1, 1))
    t1 = max((s + timedelta(hours=len(v) - 1) for s, v in present), default=t0 + timedelta(hours=1))
    if xlims is not None:
        t0, t1 = xlims
    span_hours = max((t1 - t0) / timedelta(hours=1), 1.0)
    daily = span_hours > DAILY_ABOVE_HOURS
    ticks = nice_ticks(max((float(np.nanmax(v)) for _, v in present), default=0.0) * 1.05)
    y_scale = (bottom - top_margin) / ticks[-1]

    def x_of(moment: datetime) -> float:
        return left + (moment - t0) / timedelta(hours=1) / span_hours * (right - left)

    parts = [_svg_open(width, height, "efp-chart efp-line-chart"),
             _text(width / 2, 22, title, size=14, extra=' font-weight="600"')]
    if len(series) > 1:
        parts += _legend([(line.name, line.color, 1.0) for line in series], left, 40)
    parts += _y_axis(ticks, y_scale, left, right, bottom, y_label)
    for i in range(6):
        moment = t0 + (t1 - t0) * i / 5
        x = x_of(moment)
        parts.append(f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{bottom:.1f}" y2="{bottom + 4:.1f}" stroke="{AXIS_COLOR}"/>')
        parts.append(_text(x, bottom + 17, _date_label(moment, t1 - t0), size=11, color=MUTED_COLOR))
    for line, start, values in visible:
        if not len(values):
            continue
        step = 24 if daily else 1
        mean, low, high = _daily(values) if daily else (values, values, values)
        xs = [x_of(start + timedelta(hours=step * i + (step - 1) / 2)) for i in range(len(mean))]
        if daily:
            band = [f"{x:.1f},{bottom - v * y_scale:.1f}" for x, v in zip(xs, high)]
            band += [f"{x:.1f},{bottom - v * y_scale:.1f}" for x, v in zip(reversed(xs), reversed(low))]
            parts.append(f'<polygon class="efp-band" points="{" ".join(band)}" fill="{line.color}" '
                         f'fill-opacity="0.18" stroke="none"><title>{html.escape(line.name)}: daily min and max'
                         f'</title></polygon>')
        points = " ".join(f"{x:.1f},{bottom - v * y_scale:.1f}" for x, v in zip(xs, mean))
        parts.append(f'<polyline class="efp-line" points="{points}" fill="none" stroke="{line.color}" '
                     f'stroke-width="1.5"><title>{html.escape(line.name)}'
                     f'{" (daily mean)" if daily else ""}</title></polyline>')
    if daily:
        parts.append(_text(right, height - 6, "daily mean; band: daily min to max", anchor="end", size=10,
                           color=MUTED_COLOR))
    parts.append("</svg>")
    return "\n".join(parts)
