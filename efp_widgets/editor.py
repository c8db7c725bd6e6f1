"""ObjectEditor: one control per input of a modeling object, grouped by kind, written through ModelingUpdate.

Edits go out as one `ModelingUpdate` each; an entry the engine refuses shows the engine's own message under the
control and leaves the model (and the control) as they were. Changes made from code or by another widget
arrive as change events and redraw the rows concerned.
"""
from __future__ import annotations

import contextlib
import html
from typing import Any, Iterator

import ipywidgets as widgets

from efp_core import EmptyExplainableObject, ModelChange, ModelingObject
from efp_core.engine.inputs import InputSpec
from efp_core.engine.modeling_update import AttributeRef
from efp_widgets.binding import BINDING, Node, apply_changes, engine_sync, release
from efp_widgets.editor_rows import (
    ChoiceRow,
    InputRow,
    LinkRow,
    LinksRow,
    PlainRow,
    QuantityRow,
    TimezoneRow,
)
from efp_widgets.hourly_input import HourlyRow, RecurrentRow

ROW_CLASSES: dict[str, type[InputRow]] = {
    "quantity": QuantityRow, "choice": ChoiceRow, "timezone": TimezoneRow, "hourly": HourlyRow,
    "recurrent": RecurrentRow, "link": LinkRow, "links": LinksRow, "plain": PlainRow, "any": PlainRow}
# Groups in display order: (title, input kinds).
GROUPS = (("Choices", ("choice", "timezone", "plain", "any")), ("Quantities", ("quantity",)),
          ("Time series", ("hourly", "recurrent")), ("Links", ("link", "links")))


class ObjectEditor(widgets.VBox):
    """Edit the inputs of `obj` (a Server, a Job, a UsagePattern...): every control writes through the engine.

    `rows` maps each input name to its row; `errors` gives the message currently shown per input.
    """

    def __init__(self, obj: ModelingObject, **kwargs: Any) -> None:
        if not isinstance(obj, ModelingObject):
            raise TypeError(f"ObjectEditor: expected a modeling object, received {obj!r}")
        self.obj = obj
        self.specs: dict[str, InputSpec] = type(obj).input_specs()
        self.edits_applied = 0
        super().__init__(**kwargs)
        self.add_class("efp-object-editor")
        self.rows: dict[str, InputRow] = {}
        with self.muted():
            for attr in obj.input_attributes:
                spec = self.specs[attr]
                self.rows[attr] = ROW_CLASSES.get(spec.kind, PlainRow)(self, attr, spec)
        header = widgets.HTML(f"<h4 style='margin:2px 0'>{html.escape(type(obj).__name__)} "
                              f"'{html.escape(obj.name)}'</h4>")
        sections: list[widgets.Widget] = [header]
        for title, kinds in GROUPS:
            rows = [row for attr, row in self.rows.items() if self.specs[attr].kind in kinds]
            if rows:
                heading = widgets.HTML(f"<div class='efp-group-title' style='font-weight:600;color:#555;"
                                       f"border-bottom:1px solid #ddd;margin-top:6px'>{title}</div>")
                section = widgets.VBox([heading, *rows])
                section.add_class("efp-input-group")
                sections.append(section)
        self.children = sections
        BINDING.bind(self)

    # ---- writing ------------------------------------------------------------------------------------
    def submit(self, changes: list[list[Any]]) -> str | None:
        """Apply changes as one ModelingUpdate; return the engine's error message, or None if applied."""
        message = apply_changes(changes)
        if message is None:
            self.edits_applied += 1
        return message

    @contextlib.contextmanager
    def muted(self) -> Iterator[None]:
        """Controls changed inside this block are being shown, not edited: their observers stay quiet."""
        with engine_sync(self):
            yield

    # ---- engine events ----------------------------------------------------------------------------------
    def watched_nodes(self) -> set[Node]:
        """This object's inputs, and the link inputs of its system (link candidates follow structure edits)."""
        nodes = {(self.obj, attr) for attr in self.specs}
        if any(spec.is_link for spec in self.specs.values()):
            for other in self.system_objects():
                nodes.update((other, attr) for attr, spec in type(other).input_specs().items() if spec.is_link)
        return nodes

    def on_model_change(self, change: ModelChange, relevant: set[Node]) -> None:
        own = {attr for obj, attr in relevant if obj is self.obj}
        dependents = {attr for attr, condition in type(self.obj).conditional_list_values.items()
                      if condition.get("depends_on") in own}
        structure_changed = any(obj is not self.obj for obj, _ in relevant)
        for attr, row in self.rows.items():
            if attr in own or attr in dependents or (structure_changed and self.specs[attr].is_link):
                row.refresh()
                if attr in own:
                    row.set_error(None)

    def close(self) -> None:
        release(self)
        super().close()

    # ---- what rows ask the model --------------------------------------------------------------------
    def system_objects(self) -> list[ModelingObject]:
        systems = self.obj.systems
        if not systems:
            return list(self.obj.linked_objects)
        return [system for system in systems] + [o for system in systems for o in system.all_linked_objects]

    def candidates(self, target: type | None) -> list[ModelingObject]:
        """Objects of the system that fit a link to `target`."""
        found = [o for o in self.system_objects() if o is not self.obj and isinstance(o, target or ModelingObject)]
        return list(dict.fromkeys(found))

    def allowed_values(self, attr: str, pending: dict[Node, Any] | None = None) -> list[Any] | None:
        """The values the engine accepts for `attr` (given the values it depends on), or None if free."""
        return self.obj._choices(attr, pending)

    def only_empty_allowed(self, attr: str) -> bool:
        allowed = self.allowed_values(attr)
        return allowed is not None and all(isinstance(v, EmptyExplainableObject) for v in allowed)

    def condition_note(self, attr: str) -> str:
        condition = type(self.obj).conditional_list_values.get(attr)
        if not condition or not self.only_empty_allowed(attr):
            return ""
        depends_on = condition["depends_on"]
        current = getattr(self.obj._values.get(depends_on), "value", None)
        return f"not used when {depends_on.replace('_', ' ')} is {current}"

    def dependent_fixes(self, attr: str, new_value: Any) -> list[list[Any]]:
        """Changes that keep the inputs depending on `attr` valid once it holds `new_value` (sent together)."""
        fixes: list[list[Any]] = []
        pending = {(self.obj, attr): new_value}
        for dependent, condition in type(self.obj).conditional_list_values.items():
            if condition.get("depends_on") != attr:
                continue
            allowed = self.allowed_values(dependent, pending)
            if not allowed:
                continue
            current = self.obj._values.get(dependent)
            current_key = None if isinstance(current, EmptyExplainableObject) else getattr(current, "value", current)
            allowed_keys = [None if isinstance(a, EmptyExplainableObject) else getattr(a, "value", a)
                            for a in allowed]
            if current_key not in allowed_keys:
                replacement = allowed[0].copy() if hasattr(allowed[0], "copy") else allowed[0]
                fixes.append([AttributeRef(self.obj, dependent), replacement])
        return fixes

    @property
    def errors(self) -> dict[str, str]:
        """The error shown under each input that has one."""
        return {attr: row.error_message for attr, row in self.rows.items() if row.error_message}
