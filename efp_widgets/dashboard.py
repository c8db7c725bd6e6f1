"""Dashboard: the live widgets of one system put together on a page (the Voila app is this, in a notebook).

The dashboard adds no computation of its own: the picker and the relationship graph choose an object, whose
editor writes through `ModelingUpdate`; every panel redraws from the engine's change events. It only adds what
belongs to a page: the headline total, undo/redo (from the change events, see `undo.py`), and JSON save/load.
"""
from __future__ import annotations

import base64
import html
import tempfile
from collections.abc import Collection
from pathlib import Path
from typing import Any

import ipywidgets as widgets

import efp_core
from efp_core import ModelChange, ModelingObject, u
from efp_core.values import EmptyExplainableObject, ExplainableHourlyQuantities
from efp_widgets.aggregation import auto_period
from efp_widgets.binding import BINDING
from efp_widgets.editor import ObjectEditor
from efp_widgets.explainer import CalculusExplainer
from efp_widgets.footprint_bars import FootprintBars
from efp_widgets.relationship_graph import RelationshipGraph
from efp_widgets.sankey_widget import SankeyWidget
from efp_widgets.timeline import Timeline
from efp_widgets.undo import EditHistory

TOTAL_UNITS = (("t", 1e3), ("kt", 1e6), ("Mt", 1e9))  # (unit, kg in one unit), smallest first
TOTAL_UNIT_SWITCH = 1e5  # switch to the next unit from 100,000 of the current one
PREFERRED_ATTRIBUTES = ("energy_footprint", "total_footprint", "instances_fabrication_footprint")
NEW_STEP_DURATION = 1 * u.min
SANKEY_SIZE = (1340, 460)  # px: the page's width on a laptop screen
# The timeline's first period: the finest with at most this many points, about one per 1.5 px of its half-page
# panel (3 years: weeks); its "per" menu goes down to days or hours.
OVERVIEW_POINTS = 450
GRAPH_SIZE = (680.0, 500.0)  # px: the graph panel on a 1440 px wide page; the graph lays itself out for it
GRAPH_HEIGHT = f"{GRAPH_SIZE[1]:g}px"
EDITOR_HEIGHT = "900px"


def format_total(kg: float) -> str:
    """A footprint in t, kt or Mt with one decimal, e.g. "11,150.3 t CO2-eq" (kg CO2-eq in)."""
    unit, scale = next((choice for choice in TOTAL_UNITS if abs(kg) / choice[1] < TOTAL_UNIT_SWITCH), TOTAL_UNITS[-1])
    return f"{kg / scale:,.1f} {unit} CO2-eq"


def total_kg(system: Any) -> float:
    total = system.total_footprint
    return 0.0 if isinstance(total, EmptyExplainableObject) else float(total.magnitude_sum(u.kg))


def object_label(obj: ModelingObject) -> str:
    return f"{type(obj).__name__}: {obj.name}"


def model_objects(system: Any) -> list[ModelingObject]:
    """The system first, then its objects in the order a reader meets them (usage, then infrastructure)."""
    return [system, *system.all_linked_objects]


def default_attribute(obj: ModelingObject) -> str | None:
    """The value a reader most likely wants explained: a footprint that has a value, else the first one."""
    names = obj.calculated_attributes
    footprints = [name for name in PREFERRED_ATTRIBUTES if name in names]
    with_value = [name for name in footprints if not isinstance(getattr(obj, name), EmptyExplainableObject)]
    return next(iter(with_value or footprints or names), None)


class HeadlineTotal(widgets.HTML):
    """The system's total footprint over the modelled period, redrawn when the total changes."""

    def __init__(self, system: Any, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.system = system
        self.add_class("efp-headline")
        self._redraw()
        BINDING.bind(self)

    def watched_nodes(self) -> Collection[tuple[Any, str]]:
        return ((self.system, "total_footprint"),)

    def on_model_change(self, change: ModelChange, relevant: set[tuple[Any, str]]) -> None:
        self._redraw()

    def _redraw(self) -> None:
        self.value = ("<span class='efp-total-label'>Total footprint over the modelled period</span> "
                      f"<span class='efp-total'>{html.escape(format_total(total_kg(self.system)))}</span>")

    def close(self) -> None:
        BINDING.unbind(self)
        super().close()


def _panel(title: str, body: widgets.Widget, css_class: str, width: str = "auto") -> widgets.VBox:
    """A titled, bordered box: one per view, so a reader sees which chart is which."""
    box = widgets.VBox([widgets.HTML(f"<h3 class='efp-panel-title'>{html.escape(title)}</h3>"), body],
                       layout=widgets.Layout(width=width, min_width="0", padding="4px 8px",
                                             border="1px solid #ddd", margin="4px"))
    box.add_class("efp-panel")
    box.add_class(css_class)
    return box


STYLE = """<style>
.efp-dashboard h3.efp-panel-title { margin: 4px 0 6px 0; font-size: 15px; font-weight: 600; }
.efp-dashboard .efp-headline { font-size: 16px; }
.efp-dashboard .efp-total { font-size: 26px; font-weight: 700; margin-left: 8px; }
.efp-dashboard .efp-status-error { color: #b00020; }
.efp-dashboard .efp-status-info { color: #2e7d32; }
</style>"""


def overview_period(system: Any) -> str:
    """The period the dashboard's timeline starts with for `system` (see OVERVIEW_POINTS)."""
    total = system.total_footprint
    return auto_period(len(total) if isinstance(total, ExplainableHourlyQuantities) else 0, OVERVIEW_POINTS)


class Dashboard(widgets.VBox):
    """Every live view of `system` on one page: choose an object, edit it, see the footprint follow.

    `Dashboard(system)` shows it in a notebook; `efp-app` serves the same widget with Voila.
    """

    def __init__(self, system: Any, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.add_class("efp-dashboard")
        self.status = widgets.HTML(layout=widgets.Layout(min_height="20px"))
        self.status.add_class("efp-status")
        self.undo_button = widgets.Button(description="Undo", icon="undo", disabled=True,
                                          tooltip="Undo the last edit")
        self.redo_button = widgets.Button(description="Redo", icon="repeat", disabled=True,
                                          tooltip="Redo the last undone edit")
        self.save_button = widgets.Button(description="Save JSON", icon="download",
                                          tooltip="Prepare a download of the model as efp JSON")
        self.download_link = widgets.HTML()
        self.upload = widgets.FileUpload(accept=".json", multiple=False, description="Load JSON")
        self.upload.add_class("efp-load")
        self.undo_button.on_click(lambda _: self._run(self.undo))
        self.redo_button.on_click(lambda _: self._run(self.redo))
        self.save_button.on_click(lambda _: self._run(self.prepare_download))
        self.upload.observe(self._on_upload, names="value")
        self.system: Any = None
        self.history: EditHistory | None = None
        self.chosen: ModelingObject | None = None
        self._parts: list[widgets.Widget] = []
        self.show_system(system)

    # ---- building ---------------------------------------------------------------------------------
    def show_system(self, system: Any) -> None:
        """Show another system (a loaded file): every panel is rebuilt, the edit history starts afresh."""
        self._close_parts()
        self.system = system
        self.history = EditHistory(system)
        self.history.on_change(self._sync_history_buttons)
        self.total = HeadlineTotal(system)
        self.picker = widgets.Dropdown(description="Object", layout=widgets.Layout(width="100%"))
        self.picker.add_class("efp-object-picker")
        self.picker.observe(self._on_pick, names="value")
        self.graph = RelationshipGraph(system, view="all", panel_size=GRAPH_SIZE)
        self.graph.observe(self._on_graph_selection, names="selected")
        self.attribute_picker = widgets.Dropdown(description="Explain", layout=widgets.Layout(width="100%"))
        self.attribute_picker.add_class("efp-attribute-picker")
        self.attribute_picker.observe(self._on_attribute, names="value")
        self.editor_box = widgets.VBox()
        self.step_name = widgets.Text(placeholder="name of the new step", layout=widgets.Layout(width="60%"))
        self.add_step_button = widgets.Button(description="Add step", icon="plus",
                                              tooltip="Append a new step (1 min, no job yet) to this journey")
        self.add_step_button.add_class("efp-add-step")
        self.add_step_button.on_click(lambda _: self._run(self.add_step))
        self.add_step_row = widgets.HBox([widgets.HTML("<b>New step</b>", layout=widgets.Layout(width="120px")),
                                          self.step_name, self.add_step_button],
                                         layout=widgets.Layout(margin="8px 0 0 0", align_items="center"))
        self.bars = FootprintBars(system)
        self.timeline = Timeline(system, stacked=True, aggregate=overview_period(system))
        self.sankey = SankeyWidget(system, aggregation_threshold_percent=1)
        self.sankey.width, self.sankey.height = SANKEY_SIZE
        self.explainer_box = widgets.VBox()
        self.explainer: CalculusExplainer | None = None
        self._parts = [self.total, self.picker, self.graph, self.attribute_picker, self.step_name,
                       self.add_step_button, self.bars, self.timeline, self.sankey]
        self._refresh_picker()
        self.children = self._layout()
        self.choose(self._first_server() or system)
        self._sync_history_buttons()
        BINDING.bind(self)

    def _layout(self) -> list[widgets.Widget]:
        tools = widgets.HBox([self.undo_button, self.redo_button, self.save_button, self.upload, self.download_link],
                             layout=widgets.Layout(flex_flow="row wrap", align_items="center"))
        title = widgets.HTML(f"<h2 style='margin:4px 0'>{html.escape(self.system.name)}</h2>")
        header = widgets.VBox([widgets.HBox([title, self.total], layout=widgets.Layout(
            justify_content="space-between", align_items="center", width="100%")), tools, self.status])
        self.graph.layout = widgets.Layout(width="100%", height=GRAPH_HEIGHT)
        chooser = _panel("Objects: pick one, or click it in the graph", widgets.VBox([self.picker, self.graph]),
                         "efp-graph-panel")
        explainer = _panel("How a value of the chosen object is calculated",
                           widgets.VBox([self.attribute_picker, self.explainer_box]), "efp-explainer-panel")
        self.editor_box.layout = widgets.Layout(max_height=EDITOR_HEIGHT, overflow_y="auto")
        editor = _panel("Inputs of the chosen object", widgets.VBox([self.editor_box, self.add_step_row]),
                        "efp-editor-panel", "50%")
        left = widgets.VBox([chooser, explainer], layout=widgets.Layout(width="50%", min_width="0"))
        bars = _panel("Footprint by category and object", self.bars, "efp-bars-panel", "50%")
        timeline = _panel("Total footprint over time, by category", self.timeline, "efp-timeline-panel", "50%")
        sankey = _panel("Where the footprint comes from", self.sankey, "efp-sankey-panel", "100%")
        row = widgets.Layout(width="100%", align_items="stretch")
        return [widgets.HTML(STYLE), header, widgets.HBox([left, editor], layout=row),
                widgets.HBox([bars, timeline], layout=row), widgets.HBox([sankey], layout=row)]

    def _first_server(self) -> ModelingObject | None:
        servers = getattr(self.system, "servers", [])
        return servers[0] if servers else None

    # ---- choosing ---------------------------------------------------------------------------------
    def choose(self, obj: ModelingObject) -> None:
        """Show `obj` in the editor and the explainer (and in the picker and the graph)."""
        if obj is self.chosen:
            return
        self.chosen = obj
        if self.picker.value is not obj:
            self.picker.value = obj
        if self.graph.selected is not obj and obj.id in self.graph.node_ids:
            self.graph.select(obj.id)
        old_editors = list(self.editor_box.children)
        editor = ObjectEditor(obj)
        editor.layout.flex = "0 0 auto"  # keep its natural height: the box scrolls instead of squeezing rows
        self.editor_box.children = [editor]
        for editor in old_editors:
            editor.close()
        self.add_step_row.layout.display = None if isinstance(obj, efp_core.UsageJourney) else "none"
        options = [(name.replace("_", " "), name) for name in obj.calculated_attributes]
        self.attribute_picker.options = options
        self.attribute_picker.value = default_attribute(obj)
        if not options:
            self._explain(None)

    def _on_pick(self, change: dict[str, Any]) -> None:
        if change["new"] is not None:
            self._run(lambda: self.choose(change["new"]))

    def _on_graph_selection(self, change: dict[str, Any]) -> None:
        if isinstance(change["new"], ModelingObject):
            self._run(lambda: self.choose(change["new"]))

    def _on_attribute(self, change: dict[str, Any]) -> None:
        self._run(lambda: self._explain(change["new"]))

    def _explain(self, attr: str | None) -> None:
        if attr is None or self.chosen is None:
            self.explainer_box.children = [widgets.HTML("<i>This object has no calculated value.</i>")]
            return
        if self.explainer is None:
            self.explainer = CalculusExplainer(self.chosen, attr)
        else:
            self.explainer.explain(self.chosen, attr)
        self.explainer_box.children = [self.explainer]

    def _refresh_picker(self) -> None:
        """New options keep the chosen object (a Dropdown would otherwise jump to its first option)."""
        options = [(object_label(obj), obj) for obj in model_objects(self.system)]
        if [o for _, o in options] == [o for _, o in self.picker.options]:
            return
        self.picker.unobserve(self._on_pick, names="value")
        try:
            self.picker.options = options
            if self.chosen is not None and self.chosen in [o for _, o in options]:
                self.picker.value = self.chosen
        finally:
            self.picker.observe(self._on_pick, names="value")

    # ---- engine events ------------------------------------------------------------------------------
    def watched_nodes(self) -> Collection[tuple[Any, str]]:
        """Link inputs of the model: the object list follows structure edits."""
        return [(obj, attr) for obj in model_objects(self.system)
                for attr, spec in type(obj).input_specs().items() if spec.is_link]

    def on_model_change(self, change: ModelChange, relevant: set[tuple[Any, str]]) -> None:
        self._refresh_picker()
        if self.chosen is not None and self.chosen not in model_objects(self.system):
            self.choose(self.system)

    # ---- edits: undo, redo, new step ----------------------------------------------------------------
    def undo(self) -> None:
        edit = self.history.undo() if self.history else None
        self._say(f"Undid the change of {_describe(edit)}." if edit else "Nothing to undo.")

    def redo(self) -> None:
        edit = self.history.redo() if self.history else None
        self._say(f"Redid the change of {_describe(edit)}." if edit else "Nothing to redo.")

    def add_step(self) -> None:
        """Append a new step to the chosen journey (one ModelingUpdate: undoable like any edit)."""
        journey = self.chosen
        if not isinstance(journey, efp_core.UsageJourney):
            raise ValueError("choose a usage journey to add a step to it")
        name = self.step_name.value.strip() or f"Step {len(journey.uj_steps) + 1}"
        step = efp_core.UsageJourneyStep(name, user_time_spent=efp_core.SourceValue(NEW_STEP_DURATION), jobs=[])
        efp_core.ModelingUpdate([[journey.uj_steps, [*journey.uj_steps, step]]])
        self.step_name.value = ""
        self._say(f"Added the step '{name}' to '{journey.name}'.")

    def _sync_history_buttons(self) -> None:
        """After any edit, undo or redo: buttons follow the stacks, and a prepared download is out of date."""
        self.undo_button.disabled = not (self.history and self.history.can_undo)
        self.redo_button.disabled = not (self.history and self.history.can_redo)
        self.download_link.value = ""

    # ---- files ------------------------------------------------------------------------------------
    def prepare_download(self) -> None:
        """Write the model as efp JSON into a download link (the browser saves it when the link is clicked)."""
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "model.json"
            efp_core.save_json(self.system, path)
            content = path.read_bytes()
        encoded = base64.b64encode(content).decode("ascii")
        filename = html.escape(f"{self.system.name}.json")
        self.download_link.value = (f"<a class='efp-download' download='{filename}' "
                                    f"href='data:application/json;base64,{encoded}'>⬇ {filename} "
                                    f"({len(content) / 1000:,.0f} kB)</a>")
        self._say("The model is ready: click the link to download it.")

    def load_bytes(self, content: bytes, name: str = "model.json") -> None:
        """Replace the shown system by the one in `content` (efp JSON); on error the page stays as it was."""
        from efp_widgets.app import load_model

        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / Path(name).name
            path.write_bytes(content)
            system = load_model(path)
        self.show_system(system)
        self._say(f"Loaded '{system.name}' from {name}.")

    def _on_upload(self, change: dict[str, Any]) -> None:
        files = change["new"]
        if not files:
            return
        uploaded = files[0]
        self.upload.value = ()  # so that choosing the same file again is seen as a new upload
        self._run(lambda: self.load_bytes(bytes(uploaded["content"]), uploaded["name"]))

    # ---- messages ---------------------------------------------------------------------------------
    def _run(self, action: Any) -> None:
        """Run a page action; an error is shown in the status line instead of being lost in the kernel log."""
        try:
            action()
        except Exception as error:  # noqa: BLE001 - every failure of a page action is reported on the page
            self._say(str(error), error=True)

    def _say(self, message: str, error: bool = False) -> None:
        css = "efp-status-error" if error else "efp-status-info"
        self.status.value = f"<span class='{css}'>{html.escape(message)}</span>"

    def _close_parts(self) -> None:
        BINDING.unbind(self)
        if self.history is not None:
            self.history.close()
        for part in [*self._parts, *getattr(self, "editor_box", widgets.VBox()).children]:
            part.close()
        if getattr(self, "explainer", None) is not None:
            self.explainer.close()
        self._parts = []
        self.chosen = None

    def close(self) -> None:
        self._close_parts()
        super().close()


def _describe(edit: Any) -> str:
    return ", ".join(f"{change.attr.replace('_', ' ')} of '{change.obj.name}'" for change in edit)
