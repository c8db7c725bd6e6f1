"""efp_widgets: live Jupyter widgets bound to efp_core models (edit → ModelingUpdate → change event → redraw).

Names are imported lazily so `import efp_widgets` stays cheap and a missing optional front-end package only
fails the widget that needs it.
"""
from __future__ import annotations

import importlib
from typing import Any

_EXPORTS = {
    "ObjectEditor": "efp_widgets.editor",
    "Timeline": "efp_widgets.timeline",
    "FootprintBars": "efp_widgets.footprint_bars",
    "RelationshipGraph": "efp_widgets.relationship_graph",
    "CalculusExplainer": "efp_widgets.explainer",
    "SankeyWidget": "efp_widgets.sankey_widget",
    "Dashboard": "efp_widgets.dashboard",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module 'efp_widgets' has no attribute {name!r}")
    value = getattr(importlib.import_module(_EXPORTS[name]), name)
    globals()[name] = value
    return value
