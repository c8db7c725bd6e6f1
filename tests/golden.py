"""Compare a model's calculated values with golden values captured from the reference (same format)."""
from __future__ import annotations

import datetime as dt
import json
import math
from pathlib import Path
from typing import Any

from efp_core import u

DATA = Path(__file__).parent / "data"
SUM_RTOL = 1e-6
POINT_RTOL = 1e-5


def load(name: str) -> dict[str, Any]:
    return json.loads((DATA / name).read_text())


def _close(a: float, b: float, rtol: float, scale: float) -> bool:
    return math.isclose(a, b, rel_tol=rtol, abs_tol=rtol * scale + 1e-12)


def _magnitudes(value: Any, unit: str) -> Any:
    return getattr(value, "value", value).to(u.Unit(unit)).magnitude


def compare_value(where: str, value: Any, gold: dict[str, Any], problems: list[str]) -> None:
    kind = gold.get("type")
    empty = "Empty" in type(value).__name__
    if kind == "hourly":
        if empty:
            problems.append(f"{where}: empty, expected a series")
            return
        mags = _magnitudes(value, gold["unit"])
        samples = gold["first10"] + gold["last10"] + list(gold.get("at", {}).values())
        scale = max([abs(x) for x in samples] + [1e-30])
        if len(mags) != gold["length"]:
            problems.append(f"{where}: length {len(mags)} != {gold['length']}")
            return
        want_start = dt.datetime.fromisoformat(gold["start_date"])
        if value.start_date != want_start:
            problems.append(f"{where}: start {value.start_date} != {want_start}")
        total = float(mags.astype("float64").sum())
        if not _close(total, gold["sum"], SUM_RTOL, scale):
            problems.append(f"{where}: sum {total:.9g} != {gold['sum']:.9g}")
        points = list(mags[:10]) + list(mags[-10:]) + [mags[int(i)] for i in gold.get("at", {})]
        if any(not _close(float(a), float(b), POINT_RTOL, scale) for a, b in zip(points, samples)):
            problems.append(f"{where}: sampled hours differ")
    elif kind == "quantity":
        got = float(_magnitudes(value, gold["unit"]))
        if not _close(got, gold["value"], SUM_RTOL, abs(gold["value"])):
            problems.append(f"{where}: {got:.9g} != {gold['value']:.9g}")
    elif kind == "empty":
        if not empty and value is not None:
            problems.append(f"{where}: expected no value, got {type(value).__name__}")
    elif kind == "dict":
        by_name = {getattr(k, "name", str(k)): v for k, v in dict(value).items()}
        for key, sub in gold["items"].items():
            if key in by_name:
                compare_value(f"{where}[{key}]", by_name[key], sub, problems)
            elif sub.get("type") != "empty":
                problems.append(f"{where}[{key}]: missing")


def named_objects(system: Any, extra: list[Any] = ()) -> dict[str, Any]:
    """Objects by name, duplicates suffixed ' #2' in all_linked_objects order (the golden files' convention)."""
    named: dict[str, Any] = {}
    for obj in [*system.all_linked_objects, system, *extra]:
        if any(o is obj for o in named.values()):
            continue
        name, k = obj.name, 1
        while name in named:
            k += 1
            name = f"{obj.name} #{k}"
        named[name] = obj
    return named


def compare_stage(system: Any, gold_stage: dict[str, Any], extra: list[Any] = ()) -> tuple[int, list[str]]:
    """Number of values compared and the list of differences (empty when everything matches)."""
    problems: list[str] = []
    compared = 0
    objects = named_objects(system, list(extra))
    total = system.total_footprint.magnitude_sum(u.kg)
    if not _close(total, gold_stage["total_footprint_sum_kg"], SUM_RTOL, abs(gold_stage["total_footprint_sum_kg"])):
        problems.append(f"total {total:.9g} != {gold_stage['total_footprint_sum_kg']:.9g}")
    for name, gobj in gold_stage["objects"].items():
        obj = objects.get(name)
        if obj is None:
            problems.append(f"object {name} missing")
            continue
        for attr, gval in gobj["calculated"].items():
            if gval.get("type") not in ("hourly", "quantity", "empty", "dict"):
                continue
            compared += 1
            compare_value(f"{name}.{attr}", getattr(obj, attr), gval, problems)
    return compared, problems


def hourly_sums(value: Any, gold: dict[str, Any], where: str = "") -> list[tuple[str, str, float, float]]:
    """(where, unit, efp sum, golden sum) for every hourly series inside a golden value (dicts flattened)."""
    if gold.get("type") == "hourly" and "Empty" not in type(value).__name__:
        return [(where, gold["unit"], float(_magnitudes(value, gold["unit"]).astype("float64").sum()), gold["sum"])]
    if gold.get("type") == "dict":
        by_name = {getattr(k, "name", str(k)): v for k, v in dict(value).items()}
        return [row for key, sub in gold["items"].items() if key in by_name
                for row in hourly_sums(by_name[key], sub, f"{where}[{key}]")]
    return []


def compare_period_sums(system: Any, gold_stage: dict[str, Any], units: set[str], rtol: float
                        ) -> tuple[int, list[str]]:
    """Compare only the period sums of hourly values in `units` (for stages whose hours differ by design)."""
    objects = named_objects(system)
    problems: list[str] = []
    rows = [row for name, gobj in gold_stage["objects"].items()
            for attr, gval in gobj["calculated"].items()
            for row in hourly_sums(getattr(objects[name], attr), gval, f"{name}.{attr}")]
    rows = [row for row in rows if row[1] in units]
    for where, _, got, want in rows:
        if not math.isclose(got, want, rel_tol=rtol, abs_tol=1e-9):
            problems.append(f"{where}: sum {got:.9g} != {want:.9g}")
    return len(rows), problems
