#!/usr/bin/env python3
"""Produce reference numbers ("goldens") for efp's scenario tests by running the reference library.

RUN THIS SCRIPT ONLY WITH THE SEPARATE REFERENCE VENV (e.g. /work/refvenv, holding efootprint==17.1.0,
ecologits==0.10.2, boaviztapi==2.5.0, pint==0.25.3), never with the project's environment:

    USE_BOAVIZTAPI_PACKAGE=1 /work/refvenv/bin/python tools/reference/make_reference_goldens.py

efootprint is NOT a dependency of efp and must never become one: this tool only *executes* the reference library in
its own interpreter to record numbers; no reference code is copied into the project. The capture code below is
written from scratch against the public attribute protocol (``.value`` pint quantities, ``.start_date``,
``calculated_attributes``, ``System.all_linked_objects``).

What it does, for every scenario script ``tests/data/scenarios/<name>.py`` (or those given with ``--only``):
  * runs the script with ``runpy`` (scripts use ``from efootprint... import X`` like the shared seed, define a global
    ``system``, and may call ``stage(name)``; with no stage call one capture named ``final`` is taken at the end);
  * at each stage, serialises the live system with ``system_to_json(system, save_calculated_attributes=False)``,
    reloads it with ``json_to_system`` (a FROM-SCRATCH computation, which avoids the reference's incremental-update
    bugs) and captures the reloaded system. Stages listed in ``INCREMENTAL_STAGES`` (``simulation``) are captured
    from the live system instead, since a simulation state cannot be serialised;
  * writes ``tests/data/reference_models/<name>.json`` = {"meta": {...}, "stages": {stage: capture}} in the format of
    the shared golden_seed_quickstart.json stages, and ``tests/data/reference_json/<name>.json`` = the reference's
    JSON of the final state (without calculated attributes), used to test that efp loads e-footprint JSON files.

Series-division unit label: by default the reference's ``hourly / hourly`` result is relabelled ``unit(num)/unit(num)``
(its magnitudes are already unit-equalised; the raw label applies a conversion twice). This is the correction the
shared golden uses (methodology.md section 0.5); ``--raw-division`` disables it. Scenarios also keep every
``user_time_spent`` of a journey in one unit so the bug cannot show either way.

Spread of events over their duration: by default the reference's float32 FFT boxcar is replaced by an exact running
sum (patch_exact_spread: the FFT's residues in empty hours depend on the scipy version); ``--fft-spread`` keeps it.

``--seed-check`` additionally runs the shared seed and compares this capture with the shared golden (it writes
nothing for the seed).
"""
from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import importlib.metadata as md
import io
import json
import math
import os
import pathlib
import platform
import runpy
import sys
import traceback

import numpy as np

REPO = pathlib.Path(__file__).resolve().parents[2]
SCENARIOS = REPO / "tests" / "data" / "scenarios"
OUT_MODELS = REPO / "tests" / "data" / "reference_models"
OUT_JSON = REPO / "tests" / "data" / "reference_json"
SHARED_REFERENCE = REPO.parent / "shared" / "reference"

INCREMENTAL_STAGES = {"simulation"}
SAMPLE_HOURS = (1000, 5000, 20000)
CATEGORIES = ("Servers", "Storage", "ExternalAPIs", "Network", "Devices", "EdgeDevices")


# ----------------------------------------------------------------------------------------------------------------
# value description
# ----------------------------------------------------------------------------------------------------------------
def g9(x) -> float:
    """A float32 (or any) number printed with 9 significant digits, back as a float."""
    return float(f"{float(x):.9g}")


def unit_names(units) -> tuple[str, str]:
    return str(units), f"{units:~P}"


def utc_iso(start) -> str | None:
    if start is None:
        return None
    if start.tzinfo is None:  # naive: keep it as written (should not happen for calculated series)
        return start.isoformat()
    return start.astimezone(dt.UTC).isoformat()


def jsonable(obj):
    if isinstance(obj, dict):
        return {str(k): jsonable(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [jsonable(v) for v in obj]
    if isinstance(obj, (bool, str)) or obj is None:
        return obj
    if isinstance(obj, (int, np.integer)):
        return int(obj)
    if isinstance(obj, (float, np.floating)):
        return float(obj)
    if hasattr(obj, "magnitude") and hasattr(obj, "units"):
        return {"magnitude": jsonable(np.asarray(obj.magnitude).tolist()), "unit": str(obj.units)}
    if isinstance(obj, np.ndarray):
        return jsonable(obj.tolist())
    return str(obj)


class Describer:
    def __init__(self):
        from efootprint.abstract_modeling_classes.empty_explainable_object import EmptyExplainableObject
        from efootprint.abstract_modeling_classes.explainable_dict import ExplainableDict
        from efootprint.abstract_modeling_classes.explainable_hourly_quantities import ExplainableHourlyQuantities
        from efootprint.abstract_modeling_classes.explainable_object_base_class import ExplainableObject
        from efootprint.abstract_modeling_classes.explainable_object_dict import ExplainableObjectDict
        from efootprint.abstract_modeling_classes.explainable_quantity import ExplainableQuantity
        from efootprint.abstract_modeling_classes.explainable_recurrent_quantities import ExplainableRecurrentQuantities
        from efootprint.abstract_modeling_classes.explainable_timezone import ExplainableTimezone
        self.Empty = EmptyExplainableObject
        self.EDict = ExplainableDict
        self.EHQ = ExplainableHourlyQuantities
        self.EObj = ExplainableObject
        self.EObjDict = ExplainableObjectDict
        self.EQ = ExplainableQuantity
        self.ERQ = ExplainableRecurrentQuantities
        self.ETz = ExplainableTimezone
        self.warnings: list[str] = []

    def __call__(self, value, where: str = "") -> dict:
        if value is None:
            return {"type": "none"}
        if isinstance(value, self.Empty):
            return {"type": "empty"}
        if isinstance(value, self.EObjDict) or (isinstance(value, dict) and not isinstance(value, self.EObj)):
            items = {}
            for key, sub in value.items():
                key_name = getattr(key, "name", str(key))
                if key_name in items:
                    self.warnings.append(f"{where}: duplicate dict key name {key_name!r}")
                items[key_name] = self(sub, f"{where}[{key_name}]")
            return {"type": "dict", "items": items}
        if isinstance(value, self.EHQ):
            return self.hourly(value.value, value.start_date)
        if isinstance(value, self.ERQ):
            quantity = value.value
            mags = np.asarray(quantity.magnitude)
            unit, abbrev = unit_names(quantity.units)
            return {"type": "recurrent_168h", "unit": unit, "unit_abbrev": abbrev, "length": int(len(mags)),
                    "sum": float(mags.astype(np.float64).sum()), "first10": [g9(x) for x in mags[:10]],
                    "last10": [g9(x) for x in mags[-10:]]}
        if isinstance(value, self.EQ):
            quantity = value.value
            unit, abbrev = unit_names(quantity.units)
            return {"type": "quantity", "value": float(quantity.magnitude), "unit": unit, "unit_abbrev": abbrev}
        if isinstance(value, self.EDict):
            return {"type": "ExplainableDict", "value": jsonable(value.value)}
        if isinstance(value, self.ETz):
            return {"type": "ExplainableTimezone", "value": str(value.value)}
        if isinstance(value, self.EObj):
            return {"type": "ExplainableObject", "value": jsonable(value.value)}
        self.warnings.append(f"{where}: unknown value type {type(value).__name__}")
        return {"type": type(value).__name__, "repr": repr(value)[:300]}

    @staticmethod
    def hourly(quantity, start) -> dict:
        mags = np.asarray(quantity.magnitude)
        unit, abbrev = unit_names(quantity.units)
        return {"type": "hourly", "unit": unit, "unit_abbrev": abbrev, "start_date": utc_iso(start),
                "length": int(len(mags)), "sum": float(mags.astype(np.float64).sum()),
                "first10": [g9(x) for x in mags[:10]], "last10": [g9(x) for x in mags[-10:]],
                "at": {str(i): g9(mags[i]) for i in SAMPLE_HOURS if i < len(mags)}}


# ----------------------------------------------------------------------------------------------------------------
# capture of one system
# ----------------------------------------------------------------------------------------------------------------
def kg_sum(value) -> float:
    """float64 sum in kg of an hourly series / quantity / empty value (no in-place conversion)."""
    if value is None or "Empty" in type(value).__name__:
        return 0.0
    quantity = value.value
    return float(np.asarray(quantity.to("kg").magnitude, dtype=np.float64).sum())


def unwrap(obj):
    """The modeling object behind the reference's contextual attribute proxy (lists hold such proxies)."""
    from efootprint.abstract_modeling_classes.contextual_modeling_object_attribute import (
        ContextualModelingObjectAttribute,
    )
    while isinstance(obj, ContextualModelingObjectAttribute):
        obj = obj._value
    return obj


def named_objects(system) -> dict:
    """name -> object for system.all_linked_objects + [system]; repeated names get ' #2', ' #3' in that order."""
    named, seen = {}, set()
    for obj in [unwrap(o) for o in system.all_linked_objects] + [system]:
        if id(obj) in seen:
            continue
        seen.add(id(obj))
        name, k = obj.name, 1
        while name in named:
            k += 1
            name = f"{obj.name} #{k}"
        named[name] = obj
    return named


def capture_system(system) -> dict:
    describe = Describer()
    out: dict = {}
    out["total_footprint_sum_kg"] = kg_sum(system.total_footprint)
    by_cat = {"fabrication": {}, "energy": {}}
    by_cat_f32 = {"fabrication": {}, "energy": {}}
    per_obj = {"fabrication": {}, "energy": {}}
    for phase, totals, totals32, per in (
            ("fabrication", system.total_fabrication_footprints, system.total_fabrication_footprint_sum_over_period,
             system.fabrication_footprints),
            ("energy", system.total_energy_footprints, system.total_energy_footprint_sum_over_period,
             system.energy_footprints)):
        for cat in list(CATEGORIES) + [c for c in totals if c not in CATEGORIES]:
            by_cat[phase][cat] = kg_sum(totals.get(cat))
            v32 = totals32.get(cat)
            by_cat_f32[phase][cat] = 0.0 if v32 is None or "Empty" in type(v32).__name__ \
                else float(v32.value.to("kg").magnitude)
            per_obj[phase][cat] = {obj.name: kg_sum(val) for obj, val in (per.get(cat) or {}).items()}
    out["by_category_and_phase_kg"] = by_cat
    out["by_category_and_phase_kg_efootprint_float32"] = by_cat_f32
    out["per_object_kg"] = per_obj
    out["fabrication_total_kg"] = float(sum(by_cat["fabrication"].values()))
    out["energy_total_kg"] = float(sum(by_cat["energy"].values()))

    named = named_objects(system)
    system_name = next(n for n, o in named.items() if o is system)
    order = [system_name] + [n for n in named if n != system_name]  # the System first, as in the shared golden
    objects = {}
    for name in order:
        obj = named[name]
        calculated = {}
        for attr in obj.calculated_attributes:
            try:
                calculated[attr] = describe(getattr(obj, attr), f"{name}.{attr}")
            except Exception as exc:  # keep going, but say so
                calculated[attr] = {"type": "error", "error": repr(exc)[:300]}
                describe.warnings.append(f"{name}.{attr}: {exc!r}"[:300])
        objects[name] = {"class": type(obj).__name__,
                         "containers": [c.name for c in obj.modeling_obj_containers],
                         "calculated": calculated}
    out["objects"] = objects

    # attributed footprints are cached properties that go stale after incremental updates: drop every cache first
    for obj in named.values():
        for cached in ("attributed_fabrication_footprint_per_source", "attributed_fabrication_footprint",
                       "attributed_energy_footprint_per_source", "attributed_energy_footprint"):
            obj.__dict__.pop(cached, None)
    attributed = {}
    for name in order:
        obj = named[name]
        try:
            attributed[name] = {"fabrication": kg_sum(obj.attributed_fabrication_footprint),
                                "energy": kg_sum(obj.attributed_energy_footprint)}
        except Exception as exc:
            describe.warnings.append(f"{name}: attributed footprint raised {exc!r}"[:300])
    out["attributed_footprint_sums_kg"] = attributed
    sys_attr = attributed.get(order[0], {}) if order else {}
    out["attribution_check"] = {
        phase: {"system_attributed_kg": sys_attr.get(phase),
                "category_total_kg": out[f"{phase}_total_kg"],
                "rel_diff": (abs(sys_attr[phase] - out[f"{phase}_total_kg"]) / out[f"{phase}_total_kg"])
                if sys_attr.get(phase) is not None and out[f"{phase}_total_kg"] else None}
        for phase in ("fabrication", "energy")}
    if describe.warnings:
        out["capture_warnings"] = describe.warnings
    return out


def stable_ids(system_json: dict) -> dict:
    """Replace the reference's random object ids by ids numbered in file order, so regenerated files do not churn."""
    mapping, counter = {}, 0
    for objects in system_json.values():
        if isinstance(objects, dict):
            for obj_id in objects:
                counter += 1
                mapping[obj_id] = f"id{counter:04d}"

    def rewrite(node):
        if isinstance(node, dict):
            return {mapping.get(k, k): rewrite(v) for k, v in node.items()}
        if isinstance(node, list):
            return [rewrite(v) for v in node]
        if isinstance(node, str):
            return mapping.get(node, node)
        return node
    return rewrite(system_json)


def fresh_copy(system):
    """Serialise without calculated attributes, reload, and return the freshly computed System."""
    from efootprint.api_utils.json_to_system import json_to_system
    from efootprint.api_utils.system_to_json import system_to_json
    as_json = stable_ids(json.loads(json.dumps(system_to_json(system, save_calculated_attributes=False))))
    class_obj_dict, _ = json_to_system(as_json)
    systems = list(class_obj_dict["System"].values())
    assert len(systems) == 1, f"expected one System in the reloaded JSON, got {len(systems)}"
    return systems[0], as_json


# ----------------------------------------------------------------------------------------------------------------
# reference patch (series / series unit label), run helpers
# ----------------------------------------------------------------------------------------------------------------
def patch_series_division_label() -> None:
    from efootprint.abstract_modeling_classes.explainable_hourly_quantities import ExplainableHourlyQuantities
    original = ExplainableHourlyQuantities.__truediv__
    if getattr(original, "_efp_label_fix", False):
        return

    def divide_with_consistent_label(self, other):
        result = original(self, other)
        if isinstance(other, ExplainableHourlyQuantities) and isinstance(result, ExplainableHourlyQuantities):
            num_units, den_units = self.value.units, other.value.units
            if num_units != den_units:  # magnitudes were computed with the denominator converted to num_units
                result.value = np.asarray(result.value.magnitude) * (num_units / num_units)
        return result

    divide_with_consistent_label._efp_label_fix = True
    ExplainableHourlyQuantities.__truediv__ = divide_with_consistent_label


def patch_exact_spread() -> None:
    """Replace the reference's float32 FFT boxcar (events in progress, edge devices in service) by an exact one.

    The FFT leaves version-dependent residues (scipy 1.17 and 1.18 differ) in hours with no event; a ceil() or a
    0/0 repartition downstream turns them into visible differences. The exact running sum, rounded once to
    float32, is what the methodology means and what efp computes; elsewhere it agrees with the FFT to float32
    rounding (with this patch the seed totals stay within 2e-8 of the shared golden computed with the FFT).
    """
    from efootprint.core.usage import compute_nb_occurrences_in_parallel as module
    if getattr(module.fftconvolve, "_efp_exact", False):
        return

    def exact_boxcar(values, kernel, mode="full"):
        assert mode == "full" and np.all(kernel == 1), "only the boxcar of ones is patched"
        n, width = len(values), len(kernel)
        running = np.concatenate(([0.0], np.cumsum(np.asarray(values, dtype=np.float64))))
        hour = np.arange(n + width - 1)
        return (running[np.minimum(hour, n - 1) + 1] - running[np.maximum(hour - width + 1, 0)]).astype(np.float32)

    exact_boxcar._efp_exact = True
    module.fftconvolve = exact_boxcar


def versions() -> dict:
    def v(pkg):
        try:
            return md.version(pkg)
        except md.PackageNotFoundError:
            return None
    return {"efootprint_version": v("efootprint"), "ecologits_version": v("ecologits"),
            "boaviztapi_version": v("boaviztapi"), "numpy_version": np.__version__, "pint_version": v("pint"),
            "python": platform.python_version(), "USE_BOAVIZTAPI_PACKAGE": os.environ.get("USE_BOAVIZTAPI_PACKAGE")}


CONVENTIONS = {
    "format": "Same per-stage layout as shared/reference/golden_seed_quickstart.json (checked by the same rules).",
    "totals": "kg CO2eq summed over every hour; *_kg are float64 sums of the reference's float32 hourly series; "
              "by_category_and_phase_kg_efootprint_float32 are the reference's own float32 sums over the period.",
    "hourly": "type=hourly: unit (pint long name), unit_abbrev, start_date (first hour, UTC ISO), length (hours), sum "
              "(float64 sum of the values in that unit), first10/last10, at = values at hour indices 1000/5000/20000 "
              "when they exist; single values printed with 9 significant digits.",
    "objects": "keyed by name in System.all_linked_objects order (+ the System, listed first); repeated names get "
               "' #2', ' #3'; 'calculated' = every calculated attribute in calculated_attributes order; dict-valued "
               "attributes and 'containers' use the plain .name of the key objects.",
    "from_scratch": "each stage (except those in incremental_stages) is captured from the system reloaded with "
                    "json_to_system(system_to_json(system, save_calculated_attributes=False)), i.e. a from-scratch "
                    "computation; incremental_total_kg_in_reference is the live incrementally-updated total.",
    "attribution_check": "System attributed footprint vs category total per phase (should agree to float32 "
                         "precision).",
}


def run_script(path: pathlib.Path, stage_hook) -> dict:
    captured = io.StringIO()
    with contextlib.redirect_stdout(captured):
        return runpy.run_path(str(path), init_globals={"_stage_hook": stage_hook}, run_name="__main__")


def process_scenario(path: pathlib.Path, out_models: pathlib.Path, out_json: pathlib.Path) -> dict:
    stages: dict = {}
    timings: dict = {}
    last_json: dict = {}
    docstrings: dict = {}

    def hook(name: str, glob: dict) -> None:
        t0 = dt.datetime.now()
        system = glob["system"]
        live_total = kg_sum(system.total_footprint)
        if name in INCREMENTAL_STAGES:
            capture = capture_system(system)
            capture["captured_from"] = "incremental (live system)"
        else:
            fresh, as_json = fresh_copy(system)
            capture = capture_system(fresh)
            capture["captured_from"] = "from scratch (system_to_json -> json_to_system)"
            last_json["json"] = as_json
        descriptions = glob.get("STAGE_DESCRIPTIONS") or {}
        ordered = {"description": descriptions.get(name, "")}
        ordered.update(capture)
        ordered["incremental_total_kg_in_reference"] = live_total
        stages[name] = ordered
        timings[name] = (dt.datetime.now() - t0).total_seconds()
        docstrings["doc"] = glob.get("__doc__")

    glob = run_script(path, hook)
    if not stages:
        hook("final", glob)
    docstrings["doc"] = glob.get("__doc__") or docstrings.get("doc")
    meta = versions()
    meta.update({"generated_utc": dt.datetime.now(dt.UTC).isoformat(),
                 "scenario": f"tests/data/scenarios/{path.name}",
                 "scenario_doc": (docstrings.get("doc") or "").strip(),
                 "generator": "tools/reference/make_reference_goldens.py (reference venv only)",
                 "series_division_label_fixed": bool(getattr(_patch_state, "on", False)),
                 "exact_spread": bool(getattr(_patch_state, "exact_spread", False)),
                 "incremental_stages": sorted(INCREMENTAL_STAGES & set(stages)),
                 "stage_seconds": timings, "conventions": CONVENTIONS,
                 "headline_total_kg": {k: v["total_footprint_sum_kg"] for k, v in stages.items()}})
    result = {"meta": meta, "stages": stages}
    if out_models is not None:
        out_models.mkdir(parents=True, exist_ok=True)
        (out_models / f"{path.stem}.json").write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n")
    if out_json is not None and last_json:
        out_json.mkdir(parents=True, exist_ok=True)
        (out_json / f"{path.stem}.json").write_text(json.dumps(last_json["json"], indent=4) + "\n")
    return result


class _PatchState:
    on = False
    exact_spread = False


_patch_state = _PatchState()


# ----------------------------------------------------------------------------------------------------------------
# seed sanity check against the shared golden
# ----------------------------------------------------------------------------------------------------------------
def close(a, b, rtol, scale=0.0) -> bool:
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b):
        return True
    return math.isclose(a, b, rel_tol=rtol, abs_tol=rtol * scale + 1e-12)


def compare_values(mine: dict, gold: dict, where: str, problems: list) -> int:
    kind = gold.get("type")
    if mine.get("type") != kind:
        problems.append(f"{where}: type {mine.get('type')} != {kind}")
        return 1
    if kind == "dict":
        n = 0
        for key, sub in gold["items"].items():
            if key not in mine["items"]:
                problems.append(f"{where}[{key}]: missing")
                n += 1
            else:
                n += compare_values(mine["items"][key], sub, f"{where}[{key}]", problems)
        return n
    if kind == "quantity":
        if mine["unit"] != gold["unit"] or not close(mine["value"], gold["value"], 1e-9, 0):
            problems.append(f"{where}: {mine['value']} {mine['unit']} != {gold['value']} {gold['unit']}")
        return 1
    if kind in ("hourly", "recurrent_168h"):
        keys = ("unit", "start_date", "length")
        bad = [k for k in keys if mine.get(k) != gold.get(k)]
        samples_m = mine["first10"] + mine["last10"] + list(mine.get("at", {}).values())
        samples_g = gold["first10"] + gold["last10"] + list(gold.get("at", {}).values())
        scale = max([abs(x) for x in samples_g if not math.isnan(x)] + [1e-30])
        if not close(mine["sum"], gold["sum"], 1e-9, scale):
            bad.append(f"sum {mine['sum']!r} != {gold['sum']!r}")
        if len(samples_m) != len(samples_g) or not all(close(a, b, 1e-7, scale) for a, b in zip(samples_m, samples_g)):
            bad.append("samples")
        if bad:
            problems.append(f"{where}: {bad}")
        return 1
    if mine != gold:
        problems.append(f"{where}: {str(mine)[:120]} != {str(gold)[:120]}")
    return 1


def seed_check() -> int:
    seed = SHARED_REFERENCE / "seed_quickstart.py"
    golden = json.loads((SHARED_REFERENCE / "golden_seed_quickstart.json").read_text())["stages"]
    result = process_scenario(seed, None, None)
    failures = 0
    for name, mine in result["stages"].items():
        gold = golden.get(name)
        if gold is None:
            print(f"seed {name}: no golden stage")
            continue
        problems: list[str] = []
        compared = 0
        for oname, gobj in gold["objects"].items():
            mobj = mine["objects"].get(oname)
            if mobj is None:
                problems.append(f"object {oname} missing")
                continue
            if mobj["class"] != gobj["class"] or mobj["containers"] != gobj["containers"]:
                problems.append(f"{oname}: class/containers differ")
            if list(mobj["calculated"]) != list(gobj["calculated"]):
                problems.append(f"{oname}: calculated attribute list differs")
            for attr, gval in gobj["calculated"].items():
                if attr in mobj["calculated"]:
                    compared += compare_values(mobj["calculated"][attr], gval, f"{oname}.{attr}", problems)
        for key in ("total_footprint_sum_kg", "fabrication_total_kg", "energy_total_kg"):
            if not close(mine[key], gold[key], 1e-12):
                problems.append(f"{key}: {mine[key]!r} != {gold[key]!r}")
        for phase in ("fabrication", "energy"):
            for cat, val in gold["by_category_and_phase_kg"][phase].items():
                if not close(mine["by_category_and_phase_kg"][phase].get(cat, 0.0), val, 1e-12):
                    problems.append(f"by_category {phase}/{cat}")
        for oname, sums in gold.get("attributed_footprint_sums_kg", {}).items():
            got = mine["attributed_footprint_sums_kg"].get(oname)
            if got is None or not all(close(got[p], sums[p], 1e-7, 1e-3) for p in sums):
                problems.append(f"attributed {oname}: {got} != {sums}")
        status = "OK  " if not problems else "DIFF"
        print(f"seed {name:28s} {status} total {mine['total_footprint_sum_kg']:.2f} vs "
              f"{gold['total_footprint_sum_kg']:.2f}; {compared} values compared, {len(problems)} differences")
        for p in problems[:15]:
            print(f"    {p}")
        failures += bool(problems)
    return failures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--only", nargs="*", help="scenario names (file stems) to run; default: all")
    parser.add_argument("--seed-check", action="store_true",
                        help="also capture the shared seed and compare with the shared golden (writes nothing)")
    parser.add_argument("--raw-division", action="store_true",
                        help="do not correct the reference's series/series unit label")
    parser.add_argument("--fft-spread", action="store_true",
                        help="keep the reference's float32 FFT boxcar (version-dependent noise in empty hours)")
    parser.add_argument("--no-write", action="store_true", help="print totals only")
    args = parser.parse_args()

    if not os.environ.get("USE_BOAVIZTAPI_PACKAGE"):
        print("note: USE_BOAVIZTAPI_PACKAGE is not set; setting it to 1 (offline BoaviztAPI)")
        os.environ["USE_BOAVIZTAPI_PACKAGE"] = "1"
    try:
        import efootprint  # noqa: F401  (reference venv only)
    except ImportError:
        print("efootprint is not importable: run this with the reference venv's python (see the docstring)")
        return 2
    if not args.raw_division:
        patch_series_division_label()
        _patch_state.on = True
    if not args.fft_spread:
        patch_exact_spread()
        _patch_state.exact_spread = True

    failures = 0
    if args.seed_check:
        failures += seed_check()
    paths = sorted(SCENARIOS.glob("*.py"))
    if args.only:
        paths = [p for p in paths if p.stem in set(args.only)]
    for path in paths:
        if path.name.startswith("_"):
            continue
        try:
            result = process_scenario(path, None if args.no_write else OUT_MODELS,
                                      None if args.no_write else OUT_JSON)
        except Exception:
            failures += 1
            print(f"{path.stem}: FAILED\n{traceback.format_exc()}")
            continue
        for name, st in result["stages"].items():
            chk = st["attribution_check"]
            rel = max((c["rel_diff"] or 0.0) for c in chk.values())
            warn = f"; {len(st['capture_warnings'])} capture warnings" if st.get("capture_warnings") else ""
            inc = st["incremental_total_kg_in_reference"]
            inc_note = "" if close(inc, st["total_footprint_sum_kg"], 1e-9) else f" (incremental {inc:.2f})"
            print(f"{path.stem:28s} {name:20s} total {st['total_footprint_sum_kg']:.4f} kg{inc_note}; "
                  f"attribution rel diff {rel:.1e}{warn}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
