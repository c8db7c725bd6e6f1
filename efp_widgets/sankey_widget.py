"""SankeyWidget: where a system's footprint goes (phase, category, object, ...), redrawn after every update.

The kernel computes the nodes and links with `ImpactRepartitionSankey`; the front-end only lays them out and
draws them, so the numbers drawn are the engine's.
"""
from __future__ import annotations

import pathlib
from typing import Any, Callable

import anywidget
import traitlets

from efp_core import ModelChange, subscribe
from efp_core.analysis.sankey import ImpactRepartitionSankey

STATIC = pathlib.Path(__file__).parent / "static"
SANKEY_FIELDS = ("labels", "values", "columns", "sources", "targets", "link_values")
# Per-node display lists that newer SankeyData versions carry; each is sent when present, ignored otherwise.
OPTIONAL_NODE_FIELDS = ("full_labels", "kinds", "colors", "node_ids")


def sankey_data(sankey: ImpactRepartitionSankey) -> dict[str, Any]:
    """The built Sankey as plain lists for the front-end: the six fields every version has, the optional display
    fields it knows when they are there, the total in kg. Other fields are left out."""
    built = sankey.build()
    data: dict[str, Any] = {name: [_plain(x) for x in getattr(built, name)] for name in SANKEY_FIELDS}
    node_count = len(data["labels"])
    for name in OPTIONAL_NODE_FIELDS:
        values = getattr(built, name, None)
        if isinstance(values, list) and len(values) == node_count:
            data[name] = [str(x) for x in values]
    data.setdefault("full_labels", list(getattr(sankey, "full_node_labels", None) or data["labels"]))
    column_titles = getattr(built, "column_titles", None)
    if isinstance(column_titles, list):
        data["column_titles"] = [str(title) for title in column_titles]
    members = getattr(built, "members", None)
    if isinstance(members, dict):
        data["members"] = {str(node): [[str(label), float(kg)] for label, kg in listed]
                           for node, listed in members.items()}
    data["total"] = float(sankey.total_system_value)
    data["unit"] = "kg"
    return data


def _plain(value: Any) -> Any:
    """JSON-ready scalars (numpy numbers become Python ones)."""
    return value.item() if hasattr(value, "item") else value


class SankeyWidget(anywidget.AnyWidget):
    """The ImpactRepartitionSankey of `system` (same keyword parameters), live; the total is shown and conserved
    from column to column."""

    _esm = STATIC / "sankey.js"
    _css = STATIC / "sankey.css"

    data = traitlets.Dict().tag(sync=True)
    title = traitlets.Unicode("").tag(sync=True)
    width = traitlets.Int(1000).tag(sync=True)
    height = traitlets.Int(460).tag(sync=True)
    # Replaced by the engine subscription once built; close() also runs on a widget whose __init__ refused its input.
    _unsubscribe: Callable[[], None] = staticmethod(lambda: None)

    def __init__(self, system: Any, title: str = "", **sankey_parameters: Any) -> None:
        if not hasattr(system, "all_linked_objects"):
            raise TypeError(f"SankeyWidget: expected a System, received {type(system).__name__} {system!r}")
        try:
            self._sankey = ImpactRepartitionSankey(system, **sankey_parameters)
        except TypeError as error:
            raise TypeError(f"SankeyWidget: {error} (the parameters are those of ImpactRepartitionSankey)") from error
        super().__init__(title=title)
        self.system = system
        self.data = sankey_data(self._sankey)
        self._unsubscribe = subscribe(self._on_model_change)

    @property
    def sankey(self) -> ImpactRepartitionSankey:
        """The analysis object behind the drawing (its full labels and node totals after the last build)."""
        return self._sankey

    def close(self) -> None:
        self._unsubscribe()
        super().close()

    def _on_model_change(self, change: ModelChange) -> None:
        """Rebuild when the update touched this system or one of its objects; other systems' updates are ignored."""
        if self.system not in change.objects and change.objects.isdisjoint(self.system.all_linked_objects):
            return
        self.data = sankey_data(self._sankey)
