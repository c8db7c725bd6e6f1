"""One editor row per input kind: the control(s), the label with its unit and source, and the error line.

A row never changes the model itself: it builds the new value and hands `[[slot, value], ...]` to its
editor's `submit`, which runs one ModelingUpdate. A row's observers do nothing while its editor is being
redrawn from the engine, so an engine update never writes back.
"""
from __future__ import annotations

import html
from typing import TYPE_CHECKING, Any

import ipywidgets as widgets
import pytz

from efp_core import EmptyExplainableObject, ModelingObject, Source, SourceObject, Sources, SourceValue, u
from efp_core.engine.inputs import InputSpec
from efp_core.engine.modeling_update import AttributeRef
from efp_widgets.binding import close_descendants, syncing_from_engine
from efp_widgets.units_choice import convert, unit_label, unit_options

if TYPE_CHECKING:
    from efp_widgets.editor import ObjectEditor

KNOWN_SOURCES: dict[str, Source] = {value.name: value for name, value in vars(Sources).items()
                                    if isinstance(value, Source) and name != "CALCULATED"}
SIGNIFICANT_DIGITS = 12


def humanize(attr: str) -> str:
    text = attr.replace("_", " ")
    return text[:1].upper() + text[1:]


def source_of(text: str) -> Source:
    """A known source by its name, or a new one named by what the person typed."""
    text = text.strip()
    return KNOWN_SOURCES.get(text) or Source(text or Sources.USER_DATA.name)


def rounded(number: float) -> float:
    """Drop float noise from unit conversions (0.1 kg → 100.00000000000001 g)."""
    return float(f"{number:.{SIGNIFICANT_DIGITS}g}")


def mark_input(control: widgets.Widget, attr: str) -> widgets.Widget:
    """The DOM hooks every input control carries (end-to-end tests select on them)."""
    control.add_class("efp-input")
    control.add_class(f"efp-attr-{attr}")
    return control


class InputRow(widgets.VBox):
    """Base row: a title line (label, unit, source), the controls, and an error line under them."""

    def __init__(self, editor: ObjectEditor, attr: str, spec: InputSpec) -> None:
        self.editor, self.obj, self.attr, self.spec = editor, editor.obj, attr, spec
        self.title = widgets.HTML(layout=widgets.Layout(width="210px", min_width="210px"))
        self.error = widgets.HTML(layout=widgets.Layout(display="none", margin="0 0 0 214px"))
        self.error_message: str | None = None
        self.error.add_class("efp-error")
        self.controls = self.build()
        line = widgets.HBox([self.title, self.controls], layout=widgets.Layout(align_items="flex-start"))
        super().__init__(children=[line, self.error], layout=widgets.Layout(margin="1px 0"))
        self.add_class("efp-input-row")
        self.add_class(f"efp-row-{attr}")
        self.refresh()

    # ---- to override ----------------------------------------------------------------------------------
    def build(self) -> widgets.Widget:
        raise NotImplementedError

    def show(self, value: Any) -> None:
        """Put the model's current `value` into the controls (observers are muted by the caller)."""
        raise NotImplementedError

    # ---- shared -------------------------------------------------------------------------------------------
    @property
    def current(self) -> Any:
        return self.obj._values.get(self.attr)

    @property
    def muted(self) -> bool:
        return syncing_from_engine(self.editor)

    def refresh(self) -> None:
        """Show the model's current value and title (called from engine events and after a refused edit)."""
        with self.editor.muted():
            self.title.value = self.title_html()
            self.show(self.current)

    def title_html(self) -> str:
        return f"<span title='{html.escape(self.attr)}'>{html.escape(humanize(self.attr))}</span>"

    def submit(self, value: Any, extra: list[list[Any]] | None = None) -> bool:
        """Ask the editor to apply `value` (and `extra` changes); show the engine's error if it refuses."""
        message = self.editor.submit([[AttributeRef(self.obj, self.attr), value], *(extra or [])])
        self.set_error(message)
        if message is not None:
            self.refresh()
        return message is None

    def set_error(self, message: str | None) -> None:
        """Show `message` under the controls (None hides the error line)."""
        self.error_message = message
        self.error.value = "" if message is None else (
            f"<span style='color:#b00020'>{html.escape(message)}</span>")
        self.error.layout.display = "none" if message is None else None


class SourcedRow(InputRow):
    """A row whose value carries a source: a combobox of the known sources that also accepts a typed one."""

    def source_control(self) -> widgets.Combobox:
        self.source = widgets.Combobox(options=sorted(KNOWN_SOURCES), placeholder="source", ensure_option=False,
                                       continuous_update=False, layout=widgets.Layout(width="220px"))
        self.source.add_class("efp-source")
        self.source.observe(self._on_source, names="value")
        return self.source

    def current_source(self) -> Source:
        source = getattr(self.current, "source", None)
        return source if isinstance(source, Source) else source_of(self.source.value)

    def show_source(self, value: Any) -> None:
        source = getattr(value, "source", None)
        self.source.value = source.name if isinstance(source, Source) else ""

    def _on_source(self, change: dict[str, Any]) -> None:
        if self.muted or isinstance(self.current, EmptyExplainableObject):
            return
        self.submit(self.with_source(source_of(change["new"])))

    def with_source(self, source: Source) -> Any:
        """The current value again, citing `source`."""
        value = self.current.copy()
        value.source = source
        return value


class QuantityRow(SourcedRow):
    """A number and a unit among the compatible ones; changing the unit keeps the physical value."""

    def build(self) -> widgets.Widget:
        self.number = mark_input(widgets.FloatText(layout=widgets.Layout(width="140px")), self.attr)
        self.unit = widgets.Dropdown(layout=widgets.Layout(width="110px"))
        self.unit.add_class("efp-unit")
        self.empty = widgets.Checkbox(description="no value", indent=False, layout=widgets.Layout(width="90px"))
        self.empty.layout.display = None if self.spec.allow_empty else "none"
        self.number.observe(self._on_number, names="value")
        self.unit.observe(self._on_unit, names="value")
        self.empty.observe(self._on_empty, names="value")
        self.display_unit: Any = None
        return widgets.HBox([self.number, self.unit, self.empty, self.source_control()])

    def expected_unit(self) -> Any:
        value = self.current
        if not isinstance(value, EmptyExplainableObject) and value is not None:
            return value.value.units
        return type(self.obj).expected_unit(self.attr) or u.Unit("dimensionless")

    def show(self, value: Any) -> None:
        base = self.expected_unit()
        if self.display_unit is None or self.display_unit not in unit_options(base):
            self.display_unit = base
        self.unit.options = [(unit_label(option), str(option)) for option in unit_options(base)]
        self.unit.value = str(self.display_unit)
        is_empty = isinstance(value, EmptyExplainableObject) or value is None
        self.empty.value = is_empty
        self.number.value = 0.0 if is_empty else rounded(value.value.to(self.display_unit).magnitude)
        locked = self.editor.only_empty_allowed(self.attr)
        self.number.disabled = is_empty or locked
        self.empty.disabled = locked
        self.show_source(value)

    def title_html(self) -> str:
        note = self.editor.condition_note(self.attr)
        return super().title_html() + (f" <i>({html.escape(note)})</i>" if note else "")

    def typed_value(self) -> SourceValue:
        return SourceValue(u.Quantity(float(self.number.value), self.display_unit), self.current_source())

    def _on_number(self, change: dict[str, Any]) -> None:
        if not self.muted:
            self.submit(self.typed_value())

    def _on_unit(self, change: dict[str, Any]) -> None:
        """Only the display changes: the number is converted so that the physical value stays the same."""
        if self.muted or change["new"] is None:
            return
        new_unit = u.Unit(change["new"])
        old_unit = self.display_unit
        self.display_unit = new_unit
        with self.editor.muted():
            self.number.value = rounded(convert(float(self.number.value), old_unit, new_unit))

    def _on_empty(self, change: dict[str, Any]) -> None:
        """Checked: the input becomes empty. Unchecked: the number is enabled; typing it sets the value."""
        if self.muted:
            return
        if change["new"]:
            self.submit(EmptyExplainableObject())
        else:
            self.number.disabled = False


class ChoiceRow(SourcedRow):
    """A dropdown of the allowed values; its options follow the attribute they depend on."""

    def build(self) -> widgets.Widget:
        self.choice = mark_input(widgets.Dropdown(layout=widgets.Layout(width="260px")), self.attr)
        self.choice.observe(self._on_choice, names="value")
        return widgets.HBox([self.choice, self.source_control()])

    def show(self, value: Any) -> None:
        options = [str(v) for v in self.editor.allowed_values(self.attr) or []]
        shown = str(getattr(value, "value", value))
        if shown not in options:
            options = [shown, *options]
        self.choice.options = options
        self.choice.value = shown
        self.show_source(value)

    def _on_choice(self, change: dict[str, Any]) -> None:
        if self.muted or change["new"] is None:
            return
        new_value = SourceObject(change["new"], self.current_source())
        self.submit(new_value, self.editor.dependent_fixes(self.attr, new_value))


class TimezoneRow(SourcedRow):
    """A time zone among pytz's common zones."""

    def build(self) -> widgets.Widget:
        self.zone = mark_input(widgets.Dropdown(options=pytz.common_timezones, layout=widgets.Layout(width="260px")),
                               self.attr)
        self.zone.observe(self._on_zone, names="value")
        return widgets.HBox([self.zone, self.source_control()])

    def show(self, value: Any) -> None:
        zone = str(getattr(getattr(value, "value", None), "zone", getattr(value, "value", "UTC")))
        if zone not in self.zone.options:
            self.zone.options = [zone, *pytz.common_timezones]
        self.zone.value = zone
        self.show_source(value)

    def _on_zone(self, change: dict[str, Any]) -> None:
        if self.muted or change["new"] is None:
            return
        value_class = type(self.current) if self.current is not None else SourceObject
        self.submit(value_class(change["new"], self.current_source()))


class PlainRow(InputRow):
    """An input that is not an explainable value (a short name): shown, not edited here."""

    def build(self) -> widgets.Widget:
        self.text = mark_input(widgets.HTML(), self.attr)
        return self.text

    def show(self, value: Any) -> None:
        self.text.value = html.escape(str(value))


def object_label(obj: ModelingObject) -> str:
    return f"{obj.name} ({type(obj).__name__})"


class LinkRow(InputRow):
    """A dropdown of the compatible objects of the system."""

    def build(self) -> widgets.Widget:
        self.link = mark_input(widgets.Dropdown(layout=widgets.Layout(width="320px")), self.attr)
        self.link.observe(self._on_link, names="value")
        return self.link

    def show(self, value: Any) -> None:
        candidates = self.editor.candidates(self.spec.target)
        if value is not None and value not in candidates:
            candidates = [value, *candidates]
        self.link.options = [(object_label(obj), obj) for obj in candidates]
        self.link.value = value

    def _on_link(self, change: dict[str, Any]) -> None:
        if not self.muted and change["new"] is not None and change["new"] is not self.current:
            self.submit(change["new"])


class LinksRow(InputRow):
    """A list of links: each item can move up or down or be removed; a dropdown adds a compatible object."""

    def build(self) -> widgets.Widget:
        self.items = widgets.VBox()
        self.to_add = mark_input(widgets.Dropdown(layout=widgets.Layout(width="260px")), self.attr)
        self.add_button = widgets.Button(description="Add", icon="plus", layout=widgets.Layout(width="80px"))
        self.add_button.on_click(lambda _: self.add(self.to_add.value))
        return widgets.VBox([self.items, widgets.HBox([self.to_add, self.add_button])])

    def show(self, value: Any) -> None:
        current = list(value or [])
        rows = []
        for index, obj in enumerate(current):
            up = widgets.Button(icon="arrow-up", tooltip="move up", disabled=index == 0,
                                layout=widgets.Layout(width="36px"))
            down = widgets.Button(icon="arrow-down", tooltip="move down", disabled=index == len(current) - 1,
                                  layout=widgets.Layout(width="36px"))
            remove = widgets.Button(icon="times", tooltip="remove", layout=widgets.Layout(width="36px"))
            up.on_click(lambda _, i=index: self.move(i, -1))
            down.on_click(lambda _, i=index: self.move(i, 1))
            remove.on_click(lambda _, i=index: self.remove_at(i))
            rows.append(widgets.HBox([widgets.Label(object_label(obj), layout=widgets.Layout(width="300px")),
                                      up, down, remove]))
        old_rows, self.items.children = self.items.children, rows
        for row in old_rows:
            close_descendants(row)
            row.close()
        candidates = self.editor.candidates(self.spec.target)
        self.to_add.options = [(object_label(obj), obj) for obj in candidates]
        self.add_button.disabled = not candidates

    @property
    def linked(self) -> list[Any]:
        return list(self.current or [])

    def add(self, obj: Any) -> bool:
        if obj is None:
            return False
        return self.submit([*self.linked, obj])

    def remove_at(self, index: int) -> bool:
        items = self.linked
        del items[index]
        return self.submit(items)

    def move(self, index: int, delta: int) -> bool:
        items = self.linked
        target = index + delta
        if not 0 <= target < len(items):
            return False
        items[index], items[target] = items[target], items[index]
        return self.submit(items)
