"""efp against the reference e-footprint 17.1 on the same models, in alternating runs of one session.

Each run is one process (`bench_worker.py`) that imports its package, builds the model, reads the total,
applies input changes and structure changes, and reports its peak memory. Runs alternate efp / reference
(order swapped every round) so that machine load hits both sides alike; results are ratios per round,
reported as median and spread (min–max).

    python3 benchmarks/bench_vs_reference.py                      # big model, 3 rounds, then scaling
    python3 benchmarks/bench_vs_reference.py --rounds 5 --no-scaling
    python3 benchmarks/bench_vs_reference.py --scaling 1,10,50,200 --scaling-years 1 --rounds 1
    python3 benchmarks/bench_vs_reference.py --ref-python /path/to/python3.12   # an existing reference install

The reference venv (/work/refvenv, efootprint==17.1.0) is created when missing; it is never a dependency of efp.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any, Callable

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from reference_env import reference_python  # noqa: E402

SIDES = ("efp", "reference")
TOTAL_TOLERANCE = 1e-6


PYCACHE = Path(tempfile.gettempdir()) / "efp-bench-pycache"


def worker_env() -> dict[str, str]:
    """Both sides import from bytecode caches (kept out of the source trees), as an installed package does."""
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    env.update(USE_BOAVIZTAPI_PACKAGE="1", PYTHONPYCACHEPREFIX=str(PYCACHE))
    return env


def warm_bytecode_caches(pythons: dict[str, Path]) -> None:
    """Import each side once, so that no timed import compiles source files."""
    from model_api import load_api  # noqa: F401 - only checks the module is importable here

    for side, python in pythons.items():
        subprocess.run([str(python), "-c", f"import sys; sys.path[:0] = [{str(HERE)!r}, {str(HERE.parent)!r}]; "
                        f"import model_api; model_api.load_api({side!r})"], env=worker_env(), check=True,
                       capture_output=True, cwd=str(HERE.parent))


EFP_PATCH: list[str] = []  # set from --efp-patch


def run_worker(python: Path, side: str, options: list[str]) -> dict[str, Any]:
    """One side, one fresh process; its JSON line."""
    env = worker_env()
    if side == "efp" and EFP_PATCH:
        options = [*options, "--patch", EFP_PATCH[0]]
    completed = subprocess.run([str(python), str(HERE / "bench_worker.py"), "--side", side, *options],
                               capture_output=True, text=True, env=env, cwd=str(HERE.parent))
    if completed.returncode != 0:
        raise RuntimeError(f"{side} worker failed:\n{completed.stderr[-3000:]}")
    return json.loads(completed.stdout.strip().splitlines()[-1])


def alternating_runs(pythons: dict[str, Path], options: list[str], rounds: int) -> list[dict[str, dict]]:
    """`rounds` pairs of runs, efp first in even rounds and the reference first in odd ones."""
    results = []
    for index in range(rounds):
        order = SIDES if index % 2 == 0 else SIDES[::-1]
        pair = {}
        for side in order:
            pair[side] = run_worker(pythons[side], side, options)
            print(f"  round {index + 1} {side}: build {pair[side]['build_s']:.2f} s, change "
                  f"{1000 * pair[side]['median_change_s']:.1f} ms, peak {pair[side]['peak_rss_mb']:.0f} MB",
                  flush=True)
        check_same_totals(pair)
        results.append(pair)
    return results


def check_same_totals(pair: dict[str, dict]) -> None:
    """Both sides must compute the same model: totals after building and after the edits agree."""
    for key in ("total_kg", "total_kg_after_edits"):
        ours, theirs = pair["efp"][key], pair["reference"][key]
        if abs(ours - theirs) > TOTAL_TOLERANCE * abs(theirs):
            raise AssertionError(f"{key}: efp {ours} and reference {theirs} differ: not the same model")


def _median_of(key: str, scale: float = 1.0) -> Callable[[dict], float]:
    def read(result: dict) -> float:
        value = result[key]
        return scale * (statistics.median(value) if isinstance(value, list) else value)
    return read


# Rows that are not goals of their own: efp computes impact repartitions when first read (the reference on every
# build and update), so these rows also read all of them, as the dashboard's Sankey does.
INFO = "(what the Sankey reads)"
# (row label, wall measure, CPU measure or None, True when the ratio is reference/efp (a speed-up), goal, check)
METRICS: list[tuple[str, Callable[[dict], float], Callable[[dict], float] | None, bool, str,
                    Callable[[float], bool]]] = [
    ("import (s)", _median_of("import_s"), _median_of("import_cpu_s"), True, "efp < 0.5 s", lambda x: True),
    ("build + first read of the total (s)", _median_of("build_s"), _median_of("build_cpu_s"), True, "≥ 3×",
     lambda x: x >= 3),
    ("build + read of the total and every impact repartition (s)", _median_of("build_all_s"),
     _median_of("build_all_cpu_s"), True, INFO, lambda x: True),
    ("one input change + read (ms, median)", _median_of("change_s", 1000), _median_of("change_cpu_s", 1000), True,
     "≥ 10×", lambda x: x >= 10),
    ("one input change + read of the total and every impact repartition (ms, median)", _median_of("change_all_s", 1000),
     _median_of("change_all_cpu_s", 1000), True, INFO, lambda x: True),
    ("append + remove a step, + reads (ms, median)", _median_of("structure_s", 1000),
     _median_of("structure_cpu_s", 1000), True, "≥ 10×", lambda x: x >= 10),
    ("peak memory, ru_maxrss (MB)", _median_of("peak_rss_mb"), None, False, "≤ 0.5", lambda x: x <= 0.5),
]


def _ratios(results: list[dict[str, dict]], measure: Callable[[dict], float], speedup: bool) -> list[float]:
    ours = [measure(pair["efp"]) for pair in results]
    theirs = [measure(pair["reference"]) for pair in results]
    return [(t / o if speedup else o / t) for o, t in zip(ours, theirs)]


def _ratio_text(ratios: list[float]) -> str:
    return f"{statistics.median(ratios):.2f}× ({min(ratios):.2f}–{max(ratios):.2f})"


def summary_rows(results: list[dict[str, dict]]) -> list[list[str]]:
    """One row per measure: medians of each side (wall), ratio on wall time and on CPU time, goal."""
    rows = []
    for label, wall, cpu, speedup, goal, check in METRICS:
        ours = statistics.median(wall(pair["efp"]) for pair in results)
        theirs = statistics.median(wall(pair["reference"]) for pair in results)
        wall_ratios = _ratios(results, wall, speedup)
        cpu_ratios = _ratios(results, cpu, speedup) if cpu else None
        if label.startswith("import"):
            efp_cpu = statistics.median(cpu(pair["efp"]) for pair in results)  # type: ignore[misc]
            met = f"wall {'yes' if ours < 0.5 else 'no'}, CPU {'yes' if efp_cpu < 0.5 else 'no'} ({efp_cpu:.2f} s)"
        elif goal == INFO:
            met = "-"
        else:
            met = "wall " + ("yes" if check(statistics.median(wall_ratios)) else "no")
            if cpu_ratios:
                met += ", CPU " + ("yes" if check(statistics.median(cpu_ratios)) else "no")
        rows.append([label, _fmt(ours), _fmt(theirs), _ratio_text(wall_ratios),
                     _ratio_text(cpu_ratios) if cpu_ratios else "", goal, met])
    return rows


def change_rows(results: list[dict[str, dict]]) -> list[list[str]]:
    """The input-change timing split by the input changed (CPU ms, medians over every run)."""
    rows = []
    for name in dict.fromkeys(results[0]["efp"]["change_inputs"]):
        medians = {}
        for side in SIDES:
            medians[side] = statistics.median(1000 * t for pair in results
                                              for t, n in zip(pair[side]["change_cpu_s"], pair[side]["change_inputs"])
                                              if n == name)
        rows.append([name, _fmt(medians["efp"]), _fmt(medians["reference"]),
                     f"{medians['reference'] / medians['efp']:.2f}×"])
    return rows


def scaling_rows(pythons: dict[str, Path], sizes: list[int], years: int, changes: int) -> list[list[str]]:
    """One alternating pair per size; the cost per added usage pattern should stay flat (linear growth)."""
    measured = []
    for index, size in enumerate(sizes):
        options = ["--usage-patterns", str(size), "--years", str(years), "--changes", str(changes),
                   "--structure-changes", "2"]
        order = SIDES if index % 2 == 0 else SIDES[::-1]
        pair = {side: run_worker(pythons[side], side, options) for side in order}
        check_same_totals(pair)
        print(f"  {size} usage patterns: efp build {pair['efp']['build_cpu_s']:.2f} s CPU, reference "
              f"{pair['reference']['build_cpu_s']:.2f} s CPU", flush=True)
        measured.append((size, pair))
    rows = []
    previous: tuple[int, dict] | None = None
    for size, pair in measured:
        row = [str(size)]
        for side in SIDES:
            result = pair[side]
            row += [_fmt(result["build_cpu_s"]), _fmt(1000 * statistics.median(result["change_cpu_s"])),
                    _fmt(1000 * statistics.median(result["structure_cpu_s"])), _fmt(result["peak_rss_mb"])]
        if previous is not None:
            added = size - previous[0]
            growth = [f"{1000 * (pair[s]['build_cpu_s'] - previous[1][s]['build_cpu_s']) / added:.1f}"
                      for s in SIDES]
            row.append(" / ".join(growth))
        else:
            row.append("")
        rows.append(row)
        previous = (size, pair)
    return rows


def markdown_table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "| " + " | ".join("---" for _ in header) + " |"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def machine() -> str:
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    return f"{model or platform.processor()}, {os.cpu_count()} cores, {platform.system()}; load average {load}"


def _fmt(x: float) -> str:
    return f"{x:.3g}" if x < 100 else f"{x:.0f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3, help="alternating pairs on the big model (0: skip it)")
    parser.add_argument("--changes", type=int, default=15, help="input changes per run (median reported)")
    parser.add_argument("--structure-changes", type=int, default=3)
    parser.add_argument("--no-scaling", action="store_true")
    parser.add_argument("--scaling", default="1,10,50,200", help="usage-pattern counts for the scaling table")
    parser.add_argument("--scaling-years", type=int, default=1, help="years of hourly data in the scaling runs")
    parser.add_argument("--tracemalloc", action="store_true",
                        help="one more run per side tracing Python allocations during the build (slow)")
    parser.add_argument("--ref-python", help="a Python with efootprint 17.1 installed (default: /work/refvenv)")
    parser.add_argument("--efp-patch", help="a Python file the efp runs execute after their import: measures a "
                        "proposed change (e.g. monkeypatching a domain method) without applying it")
    args = parser.parse_args()
    pythons = {"efp": Path(sys.executable), "reference": reference_python(args.ref_python)}
    if args.efp_patch:
        EFP_PATCH.append(str(Path(args.efp_patch).resolve()))
        print(f"efp runs patched with {args.efp_patch}")
    print(f"{dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC; {machine()}")
    options = ["--changes", str(args.changes), "--structure-changes", str(args.structure_changes)]
    warm_bytecode_caches(pythons)
    if args.rounds:
        big_model_report(pythons, options, args.rounds, args.tracemalloc)
    if not args.no_scaling:
        sizes = [int(x) for x in args.scaling.split(",")]
        print(f"\nscaling ({args.scaling_years} year(s) of hourly data, other parts of the model as above)", flush=True)
        header = ["usage patterns"] + [f"{side} {m}" for side in SIDES for m in
                                       ("build CPU s", "change CPU ms", "structure CPU ms", "peak MB")]
        header.append("build CPU ms per added pattern (efp / reference)")
        print(markdown_table(header, scaling_rows(pythons, sizes, args.scaling_years, max(3, args.changes // 3))))


def big_model_report(pythons: dict[str, Path], options: list[str], rounds: int, trace_memory: bool) -> None:
    print("big model: 20 usage patterns, 5 servers, 30 jobs, 4 years, 1 edge usage pattern", flush=True)
    results = alternating_runs(pythons, options, rounds)
    header = ["measure (big model)", "efp", "reference 17.1", "ratio on wall time, median (spread)",
              "ratio on CPU time", "goal", "met"]
    print(markdown_table(header, summary_rows(results)))
    print("\none input change + read, by input (CPU ms, median)")
    print(markdown_table(["input changed", "efp", "reference 17.1", "ratio"], change_rows(results)))
    if trace_memory:
        traced = {side: run_worker(pythons[side], side, [*options, "--tracemalloc"]) for side in SIDES}
        ours, theirs = traced["efp"]["tracemalloc_peak_mb"], traced["reference"]["tracemalloc_peak_mb"]
        print(f"\ntracemalloc peak during build: efp {ours:.0f} MB, reference {theirs:.0f} MB "
              f"(ratio {ours / theirs:.2f})")


if __name__ == "__main__":
    main()
