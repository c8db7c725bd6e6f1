"""Engine benchmark: full computation of a synthetic model against the recomputation after one change.

The model has about 1,000 modeling objects with 3-year hourly series (26,298 float32 values): demands feed
hosts, hosts feed clusters, clusters feed one root. Everything is measured in one run, as medians of a few
repeats, and reported as ratios so that the numbers compare across machines.

    python3 benchmarks/bench_engine.py [--objects 1000] [--repeats 5] [--hours 26298]
"""
from __future__ import annotations

import argparse
import gc
import statistics
import sys
import time
from dataclasses import dataclass
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import Any, Callable, List

import numpy as np
import pytz

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from efp_core import (  # noqa: E402 - the repository root is put on the path first
    EmptyExplainableObject,
    ExplainableHourlyQuantities,
    ExplainableQuantity,
    ModelingObject,
    SourceHourlyValues,
    SourceValue,
    calculated,
    u,
)
from efp_core.engine import runtime  # noqa: E402

START = pytz.utc.localize(datetime(2025, 1, 1))
ONE_HOUR = SourceValue(1 * u.h, label="one hour")


class Cluster(ModelingObject):
    def __init__(self, name: str, carbon_intensity: ExplainableQuantity) -> None:
        super().__init__(name)
        self.carbon_intensity = carbon_intensity

    @calculated
    def hourly_energy(self) -> ExplainableHourlyQuantities:
        return sum((host.hourly_energy for host in self.containers_of_type(Host)), start=EmptyExplainableObject())

    @calculated
    def hourly_footprint(self) -> ExplainableHourlyQuantities:
        return (self.hourly_energy * self.carbon_intensity).to(u.kg)


class Host(ModelingObject):
    def __init__(self, name: str, power_per_core: ExplainableQuantity, idle_power: ExplainableQuantity,
                 cluster: Cluster) -> None:
        super().__init__(name)
        self.power_per_core = power_per_core
        self.idle_power = idle_power
        self.cluster = cluster

    @calculated
    def hourly_load(self) -> ExplainableHourlyQuantities:
        return sum((demand.hourly_load for demand in self.containers_of_type(Demand)),
                   start=EmptyExplainableObject())

    @calculated
    def hourly_energy(self) -> ExplainableHourlyQuantities:
        return (self.hourly_load * self.power_per_core).to(u.kWh) + (self.idle_power * ONE_HOUR).to(u.kWh)

    @calculated
    def energy_over_period(self) -> ExplainableQuantity:
        return self.hourly_energy.sum()


class Demand(ModelingObject):
    def __init__(self, name: str, hourly_requests: ExplainableHourlyQuantities,
                 compute_per_request: ExplainableQuantity, host: Host) -> None:
        super().__init__(name)
        self.hourly_requests = hourly_requests
        self.compute_per_request = compute_per_request
        self.host = host

    @calculated
    def hourly_load(self) -> ExplainableHourlyQuantities:
        return (self.hourly_requests * self.compute_per_request).to(u.cpu_core * u.h)

    @calculated
    def requests_over_period(self) -> ExplainableQuantity:
        return self.hourly_requests.sum()


class Grid(ModelingObject):
    """The root links the demands, as a System links usage patterns: links point from the root downwards."""

    is_system_root = True

    def __init__(self, name: str, demands: List[Demand]) -> None:
        super().__init__(name)
        self.demands = demands

    @property
    def hosts(self) -> list[Host]:
        return list(dict.fromkeys(demand.host for demand in self.demands))

    @property
    def clusters(self) -> list[Cluster]:
        return list(dict.fromkeys(host.cluster for host in self.hosts))

    @property
    def all_linked_objects(self) -> list[ModelingObject]:
        return [*self.demands, *self.hosts, *self.clusters]

    @calculated
    def total_footprint(self) -> ExplainableHourlyQuantities:
        return sum((c.hourly_footprint for c in self.clusters), start=EmptyExplainableObject())

    @calculated
    def footprint_over_period(self) -> ExplainableQuantity:
        return self.total_footprint.sum()

    def after_init(self) -> None:
        runtime.compute_system(self)


@dataclass
class Model:
    grid: Grid
    demands: list[Demand]
    hosts: list[Host]
    clusters: list[Cluster]
    full_compute_s: float

    @property
    def object_count(self) -> int:
        return len(self.demands) + len(self.hosts) + len(self.clusters) + 1

    @property
    def calculated_count(self) -> int:
        objects = [*self.demands, *self.hosts, *self.clusters, self.grid]
        return sum(len(obj.calculated_attributes) for obj in objects)


def build(objects: int, hours: int, seed: int = 0) -> Model:
    """About `objects` objects: 85 % demands, 14 % hosts, 1 % clusters, one root; returns the compute time."""
    rng = np.random.default_rng(seed)
    n_clusters = max(1, objects // 100)
    n_hosts = max(1, objects * 14 // 100)
    n_demands = max(1, objects - n_hosts - n_clusters - 1)
    hour_of_day = np.arange(hours) % 24
    daily_profile = (1 + 0.5 * np.sin(2 * np.pi * (hour_of_day - 6) / 24)).astype(np.float32)
    clusters = [Cluster(f"cluster {i}", SourceValue(rng.uniform(0.05, 0.5) * u.kg / u.kWh))
                for i in range(n_clusters)]
    hosts = [Host(f"host {i}", SourceValue(rng.uniform(5, 20) * u.W / u.cpu_core),
                  SourceValue(rng.uniform(20, 80) * u.W), clusters[i % n_clusters]) for i in range(n_hosts)]
    demands = []
    for i in range(n_demands):
        requests = daily_profile * np.float32(rng.uniform(100, 10_000))
        demands.append(Demand(f"demand {i}", SourceHourlyValues(requests * u.occurrence, START),
                              SourceValue(rng.uniform(0.01, 2) * u.cpu_core * u.s), hosts[i % n_hosts]))
    start = time.perf_counter()
    grid = Grid("grid", demands)
    elapsed = time.perf_counter() - start
    return Model(grid, demands, hosts, clusters, elapsed)


def timed(action: Callable[[], Any]) -> tuple[float, int]:
    """Seconds taken by `action` and the number of calculated attributes it computed."""
    before = runtime.STATS.computations
    start = time.perf_counter()
    action()
    return time.perf_counter() - start, runtime.STATS.computations - before


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--objects", type=int, default=1000, help="number of modeling objects (about)")
    parser.add_argument("--repeats", type=int, default=5, help="repeats; medians are reported")
    parser.add_argument("--hours", type=int, default=26298, help="length of every hourly series")
    args = parser.parse_args()

    full_times: list[float] = []
    model: Model | None = None
    for repeat in range(args.repeats):
        model = None
        gc.collect()
        model = build(args.objects, args.hours, seed=repeat)
        full_times.append(model.full_compute_s)
    assert model is not None

    rng = np.random.default_rng(1)
    input_times: list[float] = []
    input_nodes: list[int] = []
    link_times: list[float] = []
    link_nodes: list[int] = []
    for repeat in range(args.repeats):
        demand = model.demands[int(rng.integers(len(model.demands)))]
        new_value = SourceValue(float(rng.uniform(0.01, 2)) * u.cpu_core * u.s)
        seconds, nodes = timed(partial(setattr, demand, "compute_per_request", new_value))
        input_times.append(seconds)
        input_nodes.append(nodes)
        other_host = model.hosts[(model.hosts.index(demand.host) + 1 + repeat) % len(model.hosts)]
        seconds, nodes = timed(partial(setattr, demand, "host", other_host))
        link_times.append(seconds)
        link_nodes.append(nodes)

    total_nodes = model.calculated_count
    full = statistics.median(full_times)
    one_input = statistics.median(input_times)
    one_link = statistics.median(link_times)
    print(f"synthetic model: {model.object_count} objects, {total_nodes} calculated attributes, "
          f"hourly series of {args.hours} float32 values, medians of {args.repeats} repeats")
    print()
    rows = [
        ("full computation", full, total_nodes, 1.0),
        ("one input change (a demand's compute per request)", one_input, statistics.median(input_nodes),
         full / one_input),
        ("one link change (a demand moved to another host)", one_link, statistics.median(link_nodes),
         full / one_link),
    ]
    header = ("measure", "median time", "nodes computed", "share of nodes", "full / this")
    table = [[name, f"{seconds * 1000:.1f} ms", f"{nodes:.0f}", f"{nodes / total_nodes:.2%}", f"{ratio:.0f}x"]
             for name, seconds, nodes, ratio in rows]
    widths = [max(len(line[i]) for line in [list(header), *table]) for i in range(len(header))]
    print("| " + " | ".join(h.ljust(w) if i == 0 else h.rjust(w) for i, (h, w) in enumerate(zip(header, widths)))
          + " |")
    print("|" + "|".join("-" * (w + 2) if i == 0 else "-" * (w + 1) + ":" for i, w in enumerate(widths)) + "|")
    for line in table:
        print("| " + " | ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(line, widths)))
              + " |")

if __name__ == "__main__":
    main()
