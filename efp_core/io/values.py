"""Explainable values to and from JSON (efp's own format): exact numbers, units, labels and sources.

Hourly series and weeks are written as base64 of their little-endian float32 bytes, so that a value read back
is bit-identical; scalar magnitudes are JSON numbers (Python writes floats with their shortest exact repr).
"""
from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Callable

import numpy as np
import pint
import pytz

from efp_core.errors import JsonFormatError
from efp_core.io.paths import child
from efp_core.sources import Source, Sources
from efp_core.units import u
from efp_core.values import (
    EmptyExplainableObject,
    ExplainableHourlyQuantities,
    ExplainableObjectDict,
    ExplainableObjectValue,
    ExplainableQuantity,
    ExplainableRecurrentQuantities,
    ExplainableTimezone,
    SourceHourlyValues,
    SourceObject,
    SourceRecurrentValues,
    SourceTimezone,
    SourceValue,
)

FLOAT32_LE = np.dtype("<f4")
# Value classes the format names, by value type; the first one is what a value of that type is read as by default.
VALUE_CLASSES: dict[str, dict[str, type]] = {
    "quantity": {"SourceValue": SourceValue, "ExplainableQuantity": ExplainableQuantity},
    "hourly": {"SourceHourlyValues": SourceHourlyValues, "ExplainableHourlyQuantities": ExplainableHourlyQuantities},
    "recurrent": {"SourceRecurrentValues": SourceRecurrentValues,
                  "ExplainableRecurrentQuantities": ExplainableRecurrentQuantities},
    "choice": {"SourceObject": SourceObject, "ExplainableObjectValue": ExplainableObjectValue},
    "timezone": {"SourceTimezone": SourceTimezone, "ExplainableTimezone": ExplainableTimezone},
    "empty": {"EmptyExplainableObject": EmptyExplainableObject},
}
_NUMBER_DTYPES = {"float16", "float32", "float64", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32",
                  "uint64", "bool"}
_KNOWN_SOURCES = {value for value in vars(Sources).values() if isinstance(value, Source)}


@dataclass(frozen=True)
class Ref:
    """A link to another object of the file, by id; `path` is where the link was written."""

    id: str
    path: str


# ---- writing ----------------------------------------------------------------------------------------------------
def encode_source(source: Source | None) -> dict[str, Any] | None:
    return None if source is None else {"name": source.name, "link": source.link}


def encode_array(magnitude: np.ndarray) -> str:
    return base64.b64encode(np.asarray(magnitude).astype(FLOAT32_LE).tobytes()).decode("ascii")


def encode_start_date(start: datetime) -> tuple[str, str | None]:
    """ISO date (with its UTC offset when aware, so no hour is ambiguous) and time zone name (None when naive)."""
    if start.tzinfo is None:
        return start.isoformat(), None
    zone = getattr(start.tzinfo, "zone", None)
    if zone is None:  # a non-pytz zone: written in UTC
        start, zone = start.astimezone(pytz.utc), "UTC"
    return start.isoformat(), zone


def _class_name(value: Any, kind: str) -> str:
    """The value class the format names for `value`: its own, or the nearest one the format knows."""
    known = VALUE_CLASSES[kind]
    return next((cls.__name__ for cls in type(value).__mro__ if cls.__name__ in known), next(iter(known)))


def _encode_magnitude(magnitude: Any, where: str) -> dict[str, Any]:
    if isinstance(magnitude, np.ndarray):
        return {"value": magnitude.tolist(), "dtype": magnitude.dtype.name, "ndarray": True}
    if isinstance(magnitude, np.generic):
        return {"value": magnitude.item(), "dtype": magnitude.dtype.name}
    if isinstance(magnitude, (int, float)) and not isinstance(magnitude, bool):
        return {"value": magnitude}
    raise JsonFormatError(where, "a number", type(magnitude).__name__, "efp cannot write this magnitude")


def encode_value(value: Any, where: str, calculated: bool = False) -> dict[str, Any]:
    """The JSON form of an input (or, with `calculated`, of a calculated value) held at `where`."""
    from efp_core.engine import ModelingObject

    if value is None:
        return {"type": "none"}
    if isinstance(value, ModelingObject):
        return {"type": "link", "id": value.id}
    if isinstance(value, list) and all(isinstance(item, ModelingObject) for item in value):
        return {"type": "links", "ids": [item.id for item in value]}
    if isinstance(value, (str, int, float, bool)):
        return {"type": "plain", "value": value}
    if isinstance(value, ExplainableObjectDict):
        items = [{"key": _encode_key(key), "value": encode_value(item, child(where, str(index)), calculated)}
                 for index, (key, item) in enumerate(value.items())]
        return {"type": "dict", "items": items, "label": value.label}
    fields = _value_fields(value)
    if fields is None:
        if calculated:  # written for reading and diffing only
            return {"type": "text", "class": type(value).__name__, "text": str(value)}
        raise JsonFormatError(where, "a value efp can write (a quantity, an hourly series, a recurrent week, a "
                                     "choice, a time zone, an empty value, a link or a plain str/number)",
                              type(value).__name__)
    kind = fields["type"]
    if kind != "empty":
        fields["class"] = _class_name(value, kind)
    if kind == "quantity":
        fields.update(_encode_magnitude(value.value.magnitude, where))
    return {**fields, "label": getattr(value, "label", None), "source": encode_source(getattr(value, "source", None))}


def _value_fields(value: Any) -> dict[str, Any] | None:
    """Type and data of an explainable value (None for values the format has no form for)."""
    if isinstance(value, EmptyExplainableObject):
        return {"type": "empty"}
    if isinstance(value, ExplainableHourlyQuantities):
        start, zone = encode_start_date(value.start_date)
        return {"type": "hourly", "unit": str(value.unit), "start_date": start, "timezone": zone,
                "length": len(value), "values": encode_array(value.magnitude)}
    if isinstance(value, ExplainableRecurrentQuantities):
        return {"type": "recurrent", "unit": str(value.unit), "values": encode_array(value.magnitude)}
    if isinstance(value, ExplainableQuantity):
        return {"type": "quantity", "unit": str(value.value.units)}
    if isinstance(value, ExplainableTimezone):
        return {"type": "timezone", "zone": str(getattr(value.value, "zone", value.value))}
    if isinstance(value, ExplainableObjectValue) and (value.value is None
                                                      or isinstance(value.value, (str, int, float, bool))):
        return {"type": "choice", "value": value.value}
    return None


def _encode_key(key: Any) -> dict[str, Any]:
    from efp_core.engine import ModelingObject
    return {"id": key.id} if isinstance(key, ModelingObject) else {"text": str(key)}


# ---- reading ----------------------------------------------------------------------------------------------------
def expect_dict(data: Any, path: str, what: str = "an object") -> dict[str, Any]:
    if not isinstance(data, dict):
        raise JsonFormatError(path, what, _kind(data))
    return data


def required(data: dict[str, Any], key: str, path: str, what: str) -> Any:
    if key not in data:
        raise JsonFormatError(child(path, key), what, "nothing (the field is missing)")
    return data[key]


def _kind(data: Any) -> str:
    if isinstance(data, (dict, list)):
        return f"a JSON {'object' if isinstance(data, dict) else 'array'}"
    return repr(data)[:80]


def parse_unit(text: Any, path: str) -> pint.Unit:
    if not isinstance(text, str):
        raise JsonFormatError(path, "a unit name such as \"watt\" or \"gram / kilowatt_hour\"", _kind(text))
    try:
        return u.Unit(text)
    except (pint.PintError, AttributeError, ValueError, TypeError, SyntaxError) as exc:
        raise JsonFormatError(path, "a unit known to efp (pint names such as \"watt\", \"megabyte_ram\", "
                                    "\"gram / kilowatt_hour\")", repr(text), str(exc)) from None


def decode_source(data: Any, path: str) -> Source | None:
    if data is None:
        return None
    data = expect_dict(data, path, "a source {\"name\": ..., \"link\": ...} or null")
    name = required(data, "name", path, "the source's name")
    link = data.get("link")
    if not isinstance(name, str) or not (link is None or isinstance(link, str)):
        raise JsonFormatError(path, "a source name (string) and link (string or null)", _kind(data))
    source = Source(name, link)
    return next((known for known in _KNOWN_SOURCES if known == source), source)


def decode_label(data: dict[str, Any], path: str) -> str | None:
    label = data.get("label")
    if label is not None and not isinstance(label, str):
        raise JsonFormatError(child(path, "label"), "a string or null", _kind(label))
    return label


def decode_array(text: Any, path: str, length: int | None = None) -> np.ndarray:
    """float32 values from base64 of their little-endian bytes; `length` values when given."""
    if not isinstance(text, str):
        raise JsonFormatError(path, "base64 text of little-endian float32 values", _kind(text))
    try:
        raw = base64.b64decode(text.encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError, ValueError):
        raise JsonFormatError(path, "base64 text of little-endian float32 values", "malformed base64") from None
    if len(raw) % FLOAT32_LE.itemsize:
        raise JsonFormatError(path, "a whole number of float32 values (4 bytes each)", f"{len(raw)} bytes")
    values = np.frombuffer(raw, dtype=FLOAT32_LE).astype(np.float32)
    if length is not None and values.size != length:
        raise JsonFormatError(path, f"{length} values (the \"length\" field)", f"{values.size} values")
    return values


def decode_start_date(text: Any, zone: Any, path: str) -> datetime:
    if not isinstance(text, str):
        raise JsonFormatError(child(path, "start_date"), "an ISO date such as \"2025-01-01T00:00:00\"", _kind(text))
    try:
        start = datetime.fromisoformat(text)
    except ValueError:
        raise JsonFormatError(child(path, "start_date"), "an ISO date such as \"2025-01-01T00:00:00\"",
                              repr(text)) from None
    if start.tzinfo is not None:
        return start.astimezone(pytz.utc) if zone is None else start.astimezone(timezone_named(zone, path))
    return start if zone is None else timezone_named(zone, path).localize(start)


def timezone_named(zone: Any, path: str) -> Any:
    try:
        return pytz.timezone(zone)
    except (pytz.UnknownTimeZoneError, AttributeError, TypeError):
        raise JsonFormatError(child(path, "timezone"), "an IANA time zone name such as \"Europe/Paris\" or null",
                              repr(zone)) from None


def _value_class(data: dict[str, Any], kind: str, path: str) -> type:
    classes = VALUE_CLASSES[kind]
    name = data.get("class", next(iter(classes)))
    if name not in classes:
        raise JsonFormatError(child(path, "class"), f"one of {sorted(classes)} for a {kind} value", repr(name))
    return classes[name]


def _decode_magnitude(data: dict[str, Any], path: str) -> Any:
    value = required(data, "value", path, "a number")
    dtype = data.get("dtype")
    if dtype is None:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise JsonFormatError(child(path, "value"), "a number", _kind(value))
        return value
    if dtype not in _NUMBER_DTYPES:
        raise JsonFormatError(child(path, "dtype"), f"a numpy number type ({', '.join(sorted(_NUMBER_DTYPES))})",
                              repr(dtype))
    try:
        return np.array(value, dtype=dtype) if data.get("ndarray") else np.dtype(dtype).type(value)
    except (TypeError, ValueError, OverflowError):
        raise JsonFormatError(child(path, "value"), f"numbers of type {dtype}", _kind(value)) from None


def decode_value(data: Any, path: str) -> Any:
    """An input read from its JSON form: a new value object, a plain value, a Ref, a list of Refs or None."""
    data = expect_dict(data, path, "a value {\"type\": ..., ...}")
    kind = required(data, "type", path, "the value's type")
    label, source = decode_label(data, path), decode_source(data.get("source"), child(path, "source"))
    if kind == "none":
        return None
    if kind == "plain":
        value = required(data, "value", path, "a string, number, boolean or null")
        if isinstance(value, (dict, list)):
            raise JsonFormatError(child(path, "value"), "a string, number, boolean or null", _kind(value))
        return value
    if kind == "link":
        target = required(data, "id", path, "the id of the linked object")
        if target is None:
            return None
        if not isinstance(target, str):
            raise JsonFormatError(child(path, "id"), "an object id (a string)", _kind(target))
        return Ref(target, child(path, "id"))
    if kind == "links":
        ids = required(data, "ids", path, "a list of object ids")
        if not isinstance(ids, list) or not all(isinstance(i, str) for i in ids):
            raise JsonFormatError(child(path, "ids"), "a list of object ids (strings)", _kind(ids))
        return [Ref(i, child(child(path, "ids"), n)) for n, i in enumerate(ids)]
    if kind not in VALUE_CLASSES:
        raise JsonFormatError(child(path, "type"), "one of none, plain, link, links, "
                                                   f"{', '.join(VALUE_CLASSES)}", repr(kind))
    cls = _value_class(data, kind, path)
    if kind == "empty":
        value = EmptyExplainableObject(label or "no value")
        if source is not None:
            value.source = source
        return value
    if kind == "choice":
        choice = required(data, "value", path, "the chosen value")
        return cls(choice, label=label, source=source) if cls is ExplainableObjectValue else \
            cls(choice, source or Sources.HYPOTHESIS, label)
    if kind == "timezone":
        zone = timezone_named(required(data, "zone", path, "a time zone name"), path)
        return cls(zone, label, source) if cls is ExplainableTimezone else cls(zone, source or Sources.HYPOTHESIS,
                                                                               label)
    unit = parse_unit(required(data, "unit", path, "a unit name"), child(path, "unit"))
    if kind == "quantity":
        quantity = u.Quantity(_decode_magnitude(data, path), unit)
        return cls(quantity, label, source) if cls is ExplainableQuantity else cls(quantity, source or
                                                                                   Sources.HYPOTHESIS, label)
    if kind == "recurrent":
        values = decode_array(required(data, "values", path, "base64 float32 values"), child(path, "values"), 168)
        quantity = u.Quantity(values, unit)
        return checked(lambda: cls(quantity, label, source) if cls is ExplainableRecurrentQuantities
                        else cls(quantity, source or Sources.HYPOTHESIS, label), path)
    length = data.get("length")
    if length is not None and (isinstance(length, bool) or not isinstance(length, int)):
        raise JsonFormatError(child(path, "length"), "a whole number of hours", _kind(length))
    values = decode_array(required(data, "values", path, "base64 float32 values"), child(path, "values"), length)
    start = decode_start_date(required(data, "start_date", path, "the first hour"), data.get("timezone"), path)
    quantity = u.Quantity(values, unit)
    return checked(lambda: cls(quantity, start, label, source) if cls is ExplainableHourlyQuantities
                    else cls(quantity, start, source or Sources.HYPOTHESIS, label), path)


def checked(build: Callable[[], Any], path: str) -> Any:
    """Run a value constructor; its own checks (e.g. a dimensionless series) become errors at `path`."""
    try:
        return build()
    except (ValueError, TypeError) as exc:
        raise JsonFormatError(path, "a value its class accepts", None, str(exc)) from None
