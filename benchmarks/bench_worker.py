"""One side of the comparison, in its own process: import, build, edits, memory; prints one JSON line.

    python bench_worker.py --side efp|reference [--usage-patterns 20] [--years 4] [--changes 15]
                           [--structure-changes 3] [--tracemalloc]

Run by `bench_vs_reference.py` with the project's Python for efp and with the reference venv's Python for
e-footprint 17.1; it imports nothing from either package until it times the import.
"""
from __future__ import annotations

import argparse
import gc
import json
import logging
import os
import resource
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(1, str(HERE.parent))

from big_model import ModelShape, build_model, input_changes  # noqa: E402
from model_api import load_api, read_repartitions, total_kg  # noqa: E402


def timed(action) -> tuple[tuple[float, float], object]:
    """((wall seconds, CPU seconds of this process), result): CPU time is what a loaded machine disturbs least."""
    start, start_cpu = time.perf_counter(), time.process_time()
    result = action()
    return (time.perf_counter() - start, time.process_time() - start_cpu), result


def run(side: str, shape: ModelShape, changes: int, structure_changes: int, trace_memory: bool,
        patch: str | None = None) -> dict:
    os.environ.setdefault("USE_BOAVIZTAPI_PACKAGE", "1")  # the reference calls BoaviztAPI offline, as efp does
    (import_s, import_cpu_s), api = timed(lambda: load_api(side))
    if patch:  # a proposed change, applied after the timed import (see bench_vs_reference.py --efp-patch)
        exec(compile(Path(patch).read_text(), patch, "exec"), {"__name__": "bench_patch"})
    logging.disable(logging.INFO)  # the reference logs every object it computes at INFO; neither side logs here
    if trace_memory:
        import tracemalloc
        tracemalloc.start()
    gc.collect()

    def build_and_read() -> tuple[object, float]:
        built = build_model(api, shape)
        return built, total_kg(api, built.system)
    (build_s, build_cpu_s), (model, total_after_build) = timed(build_and_read)
    (repartitions_s, repartitions_cpu_s), repartitions_read = timed(lambda: read_repartitions(model.system))
    result: dict = {"side": side, "python": sys.version.split()[0], "import_s": import_s,
                    "import_cpu_s": import_cpu_s, "build_s": build_s, "build_cpu_s": build_cpu_s,
                    "total_kg": total_after_build, "build_all_s": build_s + repartitions_s,
                    "build_all_cpu_s": build_cpu_s + repartitions_cpu_s, "repartitions_read": repartitions_read}
    if trace_memory:
        import tracemalloc
        result["tracemalloc_peak_mb"] = tracemalloc.get_traced_memory()[1] / 2 ** 20
        tracemalloc.stop()

    edits = input_changes(api, model)
    change_times, change_cpu_times, change_inputs = [], [], []
    for i in range(changes):
        obj, attr, values = edits[i % len(edits)]
        value = values[(i // len(edits)) % len(values)]

        def change_and_read(obj=obj, attr=attr, value=value) -> float:
            setattr(obj, attr, value)
            return total_kg(api, model.system)
        (elapsed, elapsed_cpu), _ = timed(change_and_read)
        change_times.append(elapsed)
        change_cpu_times.append(elapsed_cpu)
        change_inputs.append(f"{type(obj).__name__}.{attr}")
    result.update(change_s=change_times, change_cpu_s=change_cpu_times, change_inputs=change_inputs)

    # The same edits read as the dashboard's Sankey does: the total and every impact repartition.
    change_all_times, change_all_cpu_times = [], []
    for i in range(changes):
        obj, attr, values = edits[i % len(edits)]
        value = values[((changes + i) // len(edits)) % len(values)]  # the cycle goes on: every edit changes a value

        def change_and_read_all(obj=obj, attr=attr, value=value) -> float:
            setattr(obj, attr, value)
            read_repartitions(model.system)
            return total_kg(api, model.system)
        (elapsed, elapsed_cpu), _ = timed(change_and_read_all)
        change_all_times.append(elapsed)
        change_all_cpu_times.append(elapsed_cpu)
    result.update(change_all_s=change_all_times, change_all_cpu_s=change_all_cpu_times)

    journey = model.journeys[0]
    structure_times, structure_cpu_times = [], []
    for _ in range(structure_changes):
        original = list(journey.uj_steps)

        def append_remove_and_read(original=original) -> float:
            journey.uj_steps.append(model.spare_step)
            total_kg(api, model.system)
            journey.uj_steps = original
            return total_kg(api, model.system)
        (elapsed, elapsed_cpu), _ = timed(append_remove_and_read)
        structure_times.append(elapsed)
        structure_cpu_times.append(elapsed_cpu)
    result.update(structure_s=structure_times, structure_cpu_s=structure_cpu_times)
    result["total_kg_after_edits"] = total_kg(api, model.system)
    result["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--side", choices=("efp", "reference"), required=True)
    parser.add_argument("--usage-patterns", type=int, default=20)
    parser.add_argument("--years", type=int, default=4)
    parser.add_argument("--changes", type=int, default=15)
    parser.add_argument("--structure-changes", type=int, default=3)
    parser.add_argument("--no-edge", action="store_true")
    parser.add_argument("--tracemalloc", action="store_true", help="also trace Python allocations while building")
    parser.add_argument("--patch", help="a Python file run after the import (to measure a proposed change)")
    args = parser.parse_args()
    shape = ModelShape(usage_patterns=args.usage_patterns, years=args.years, edge=not args.no_edge)
    result = run(args.side, shape, args.changes, args.structure_changes, args.tracemalloc, args.patch)
    result["median_change_s"] = statistics.median(result["change_s"]) if result["change_s"] else None
    print(json.dumps(result))


if __name__ == "__main__":
    main()
