"""pandas views of a computed model: tidy footprint rows and an object's calculated attributes.

- `footprints_dataframe(system)` (also `system.footprints_dataframe()`): one row per object, phase and hour with
  columns object, object_id, class, category, phase, hour (UTC), kg. `by_hour=False` gives one row per object and
  phase (hour column dropped). Sums match the system totals: `df.kg.sum()` is the total footprint over the period.
- `calculated_attributes_dataframe(obj)` (also `obj.calculated_attributes_dataframe()`): one row per calculated
  attribute (and per key of attributes that hold one value per object): attribute, key, label, kind, unit, value
  for single quantities, hours / sum / mean / min / max for hourly and weekly series.
- `calculated_hourly_dataframe(obj)`: the object's hourly attributes side by side, indexed by UTC hour; units are
  in `df.attrs["units"]` (attribute -> unit).
"""
from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from efp_core.analysis.comparison import PHASES, value_kg
from efp_core.engine import ModelingObject
from efp_core.values import EmptyExplainableObject, ExplainableObjectDict

FOOTPRINT_COLUMNS = ["object", "object_id", "class", "category", "phase", "hour", "kg"]
ATTRIBUTE_COLUMNS = ["attribute", "key", "label", "kind", "unit", "value", "hours", "sum", "mean", "min", "max"]


def _require_system(system: Any) -> None:
    if not hasattr(system, "footprint_snapshot"):
        raise TypeError(f"footprints_dataframe: expected a System, received {type(system).__name__} {system!r}")


def footprints_dataframe(system: Any, *, by_hour: bool = True) -> pd.DataFrame:
    """Tidy footprint rows of every object of the system (see the module docstring)."""
    _require_system(system)
    frames = []
    state = system.footprint_snapshot()
    for phase in PHASES:
        for category, per_object in state[phase].items():
            for obj, value in per_object.items():
                start, kg = value_kg(value)
                if start is None:
                    continue
                frame = pd.DataFrame({"kg": kg} if by_hour else {"kg": [kg.sum()]})
                if by_hour:
                    frame.insert(0, "hour", pd.date_range(start, periods=len(kg), freq="h"))
                for column, content in (("phase", phase), ("category", category), ("class", type(obj).__name__),
                                        ("object_id", obj.id), ("object", obj.name)):
                    frame.insert(0, column, content)
                frames.append(frame)
    columns = FOOTPRINT_COLUMNS if by_hour else [c for c in FOOTPRINT_COLUMNS if c != "hour"]
    if not frames:
        return pd.DataFrame(columns=columns)
    out = pd.concat(frames, ignore_index=True)[columns]
    for column in ("object", "object_id", "class", "category", "phase"):
        out[column] = out[column].astype("category")
    out.attrs["units"] = {"kg": "kg CO2-eq"}
    return out


def _kind(value: Any) -> str:
    if isinstance(value, EmptyExplainableObject):
        return "empty"
    if hasattr(value, "start_date"):
        return "hourly"
    if hasattr(value, "magnitude") and np.ndim(value.magnitude) == 1:
        return "weekly"
    if hasattr(value, "magnitude"):
        return "quantity"
    return "other"


def _row(attribute: str, key: str | None, value: Any) -> dict[str, Any]:
    kind = _kind(value)
    row: dict[str, Any] = {"attribute": attribute, "key": key, "label": getattr(value, "label", None), "kind": kind,
                           "unit": None, "value": np.nan, "hours": 0, "sum": np.nan, "mean": np.nan,
                           "min": np.nan, "max": np.nan}
    if kind in ("hourly", "weekly", "quantity"):
        row["unit"] = f"{value.unit:~}" if hasattr(value.unit, "dimensionality") else str(value.unit)
    if kind == "quantity":
        row["value"] = float(value.magnitude)
    elif kind in ("hourly", "weekly"):
        values = np.asarray(value.magnitude, dtype=np.float64)
        row.update(hours=len(values), sum=values.sum(), mean=values.mean() if len(values) else np.nan,
                   min=values.min() if len(values) else np.nan, max=values.max() if len(values) else np.nan)
    elif kind == "other":
        row["value"] = np.nan
        row["label"] = row["label"] or str(value)
    return row


def calculated_attributes_dataframe(obj: ModelingObject) -> pd.DataFrame:
    """One row per calculated attribute of `obj` (per key for per-object dictionaries)."""
    if not isinstance(obj, ModelingObject):
        raise TypeError(f"calculated_attributes_dataframe: expected a modeling object, received "
                        f"{type(obj).__name__} {obj!r}")
    rows: list[dict[str, Any]] = []
    for attribute in obj.calculated_attributes:
        value = getattr(obj, attribute)
        if isinstance(value, ExplainableObjectDict):
            rows.extend(_row(attribute, getattr(key, "name", str(key)), item) for key, item in value.items())
        else:
            rows.append(_row(attribute, None, value))
    return pd.DataFrame(rows, columns=ATTRIBUTE_COLUMNS)


def calculated_hourly_dataframe(obj: ModelingObject) -> pd.DataFrame:
    """The hourly calculated attributes of `obj` as columns on their union of UTC hours (NaN outside a span)."""
    if not isinstance(obj, ModelingObject):
        raise TypeError(f"calculated_hourly_dataframe: expected a modeling object, received "
                        f"{type(obj).__name__} {obj!r}")
    columns: dict[str, pd.Series] = {}
    units: dict[str, str] = {}
    for attribute in obj.calculated_attributes:
        value = getattr(obj, attribute)
        if _kind(value) != "hourly":
            continue
        index = pd.date_range(value.start_date, periods=len(value.magnitude), freq="h")
        columns[attribute] = pd.Series(np.asarray(value.magnitude, dtype=np.float64), index=index)
        units[attribute] = f"{value.unit:~}"
    frame = pd.DataFrame(columns)
    frame.index.name = "hour"
    frame.attrs["units"] = units
    return frame
