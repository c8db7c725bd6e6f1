"""FootprintBars: fabrication and usage footprints over the modelled period, by category and by object, in
tonnes, redrawn whenever the engine changes one of them (the live form of the seed's
`plot_footprints_by_category_and_object`)."""
from __future__ import annotations

import html
from typing import Any

import bqplot
import ipywidgets as widgets
import numpy as np
import traitlets

from efp_core import EmptyExplainableObject, ModelChange, u
from efp_widgets.binding import BINDING, Node, release
from efp_widgets.series_sources import FOOTPRINT_ATTRIBUTES

PHASES = ("fabrication", "usage")
PHASE_COLORS = ["#8c6d31", "#3182bd"]
KG_PER_TONNE = 1000.0
MAX_TICK_CHARS = 18  # longer object names are shortened on the axis (the tooltip has the value, the picker the name)
ROTATED_MARGIN = {"top": 10, "bottom": 95, "left": 70, "right": 20}
FLAT_MARGIN = {"top": 10, "bottom": 55, "left": 70, "right": 20}
FLAT_LABEL_OFFSET = "38px"
ROTATED_LABEL_OFFSET = "78px"  # below the slanted names, not across them
# Slanted names end at their tick and slope down-left from it, instead of being centred across the axis line.
ROTATED_TICK_STYLE = {"text-anchor": "end"}


def short_label(name: str, limit: int = MAX_TICK_CHARS) -> str:
    return name if len(name) <= limit else name[: limit - 1].rstrip() + "…"


def legend_html() -> str:
    """The phases' swatches as HTML above the charts: a legend inside the plot area would hide the tallest bar."""
    return "".join(
        f"<span style='margin-right:14px;white-space:nowrap'><span style='display:inline-block;width:12px;"
        f"height:12px;background:{color};vertical-align:middle;margin-right:4px'></span>{html.escape(phase)}</span>"
        for phase, color in zip(PHASES, PHASE_COLORS))


def _tonnes(value: Any) -> float:
    if isinstance(value, EmptyExplainableObject) or value is None:
        return 0.0
    return value.magnitude_sum(u.kg) / KG_PER_TONNE


class PhaseBars:
    """Fabrication and usage bars side by side for each label, on one figure.

    Two 1-D bar marks on a numeric x axis (label i at i, fabrication just left of it, usage just right),
    because grouped 2-D bars do not render in current bqplot front ends.
    """

    OFFSET = 0.2

    def __init__(self, x_label: str, rotate_labels: bool = False) -> None:
        self.x_scale, self.y_scale = bqplot.LinearScale(min=-0.5, max=0.5), bqplot.LinearScale(min=0.0)
        scales = {"x": self.x_scale, "y": self.y_scale}
        self.phase_marks = [
            bqplot.Bars(x=np.zeros(0), y=np.zeros(0), scales=scales, colors=[color], labels=[phase],
                        display_legend=False, padding=0.6,
                        tooltip=bqplot.Tooltip(fields=["y"], formats=[",.1f"], labels=[f"{phase}, t CO2-eq"]))
            for phase, color in zip(PHASES, PHASE_COLORS)]
        self.fabrication, self.usage = self.phase_marks
        self.x_axis = bqplot.Axis(scale=self.x_scale, label=x_label, grid_lines="none",
                                  tick_rotate=-30 if rotate_labels else 0,
                                  tick_style=ROTATED_TICK_STYLE if rotate_labels else {},
                                  label_offset=ROTATED_LABEL_OFFSET if rotate_labels else FLAT_LABEL_OFFSET)
        self.figure = bqplot.Figure(
            marks=self.phase_marks,
            axes=[self.x_axis, bqplot.Axis(scale=self.y_scale, side="left", label="t CO2-eq", tick_format=",.3~s")],
            fig_margin=ROTATED_MARGIN if rotate_labels else FLAT_MARGIN,
            layout=widgets.Layout(width="100%", height="340px" if rotate_labels else "290px"))

    def draw(self, labels: list[str], fabrication: list[float], usage: list[float]) -> None:
        positions = np.arange(len(labels), dtype=float)
        with self.x_scale.hold_sync():
            self.x_scale.min, self.x_scale.max = -0.5, max(len(labels) - 0.5, 0.5)
        with self.x_axis.hold_sync():
            self.x_axis.tick_values = positions
            self.x_axis.tick_labels = {str(int(i)): short_label(label) for i, label in zip(positions, labels)}
        for mark, values, shift in ((self.fabrication, fabrication, -self.OFFSET), (self.usage, usage, self.OFFSET)):
            with mark.hold_sync():
                mark.x, mark.y = positions + shift, np.asarray(values, dtype=float)


class FootprintBars(widgets.VBox):
    """Fabrication and usage footprints of `system`, in tonnes CO2-eq, per category and per object.

    Traits hold the drawn numbers (`categories`, `category_fabrication_t`, ...), so a dashboard or a test
    reads the same values as the bars.
    """

    categories = traitlets.List(traitlets.Unicode())
    category_fabrication_t = traitlets.List(traitlets.Float())
    category_usage_t = traitlets.List(traitlets.Float())
    objects = traitlets.List(traitlets.Unicode())
    object_fabrication_t = traitlets.List(traitlets.Float())
    object_usage_t = traitlets.List(traitlets.Float())
    total_t = traitlets.Float(0.0)

    def __init__(self, system: Any, hide_empty: bool = True, **kwargs: Any) -> None:
        if not getattr(system, "is_system_root", False):
            raise TypeError(f"FootprintBars: expected a System, received {system!r}")
        self.system = system
        self.hide_empty = hide_empty
        self.by_category = PhaseBars("category")
        self.by_object = PhaseBars("object", rotate_labels=True)
        self.legend = widgets.HTML(legend_html())
        self.legend.add_class("efp-bars-legend")
        super().__init__(children=[self.legend, self.by_category.figure, self.by_object.figure], **kwargs)
        self.add_class("efp-footprint-bars")
        self.redraw()
        BINDING.bind(self)

    def watched_nodes(self) -> set[Node]:
        by_category = self.system.objects_by_category()
        return {(self.system, "total_footprint")} | {(obj, attr) for objects in by_category.values()
                                                     for obj in objects for attr in FOOTPRINT_ATTRIBUTES}

    def on_model_change(self, change: ModelChange, relevant: set[Node]) -> None:
        self.redraw()

    def close(self) -> None:
        release(self)
        super().close()

    def redraw(self) -> None:
        """Sum each object's fabrication and energy footprints (engine values) and draw them."""
        categories, cat_fab, cat_use = [], [], []
        names, obj_fab, obj_use = [], [], []
        for category, objects in self.system.objects_by_category().items():
            fabrication = [_tonnes(obj.instances_fabrication_footprint) for obj in objects]
            usage = [_tonnes(obj.energy_footprint) for obj in objects]
            if self.hide_empty and not objects:
                continue
            categories.append(category)
            cat_fab.append(float(np.sum(fabrication)))
            cat_use.append(float(np.sum(usage)))
            for obj, fab, use in zip(objects, fabrication, usage):
                names.append(obj.name)
                obj_fab.append(fab)
                obj_use.append(use)
        self.by_category.draw(categories, cat_fab, cat_use)
        self.by_object.draw(names, obj_fab, obj_use)
        with self.hold_trait_notifications():
            self.categories, self.category_fabrication_t, self.category_usage_t = categories, cat_fab, cat_use
            self.objects, self.object_fabrication_t, self.object_usage_t = names, obj_fab, obj_use
            self.total_t = float(sum(cat_fab) + sum(cat_use))
