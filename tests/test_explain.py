"""explain() text and calculus_graph() data, on plain values and on the toy model, at depths 1, 2 and None."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Callable

import numpy as np
import pytest
import pytz

from efp_core import SourceHourlyValues, Sources, SourceValue, u
from tests.toy_model import Machine, Plant, Task


def plain_values() -> dict[str, Any]:
    power = SourceValue(2 * u.W, Sources.USER_DATA, label="power")
    duration = SourceValue(3 * u.h, label="duration")
    extra = SourceValue(1 * u.W * u.h, label="extra")
    energy = (power * duration).set_label("energy")
    total = (power * duration + extra).set_label("total")
    doubled = (energy * 2).set_label("doubled")
    return {"power": power, "duration": duration, "extra": extra, "energy": energy, "total": total,
            "doubled": doubled}


def toy_model() -> dict[str, Any]:
    machine = Machine("m1", SourceValue(100 * u.W), SourceValue(2 * u.h, Sources.USER_DATA))
    t1 = Task("t1", machine, SourceValue(1 * u.dimensionless))
    t2 = Task("t2", machine, SourceValue(3 * u.dimensionless))
    plant = Plant("plant", [t1, t2])
    return {"machine": machine, "t1": t1, "t2": t2, "plant": plant}


# ---- explain() text -------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class ExplainCase:
    name: str
    value: Callable[[], Any]
    text: str


EXPLAIN_CASES = [
    ExplainCase("input: value and source", lambda: plain_values()["power"], "power = 2 W\n  source: user data"),
    ExplainCase("product of two inputs", lambda: plain_values()["energy"],
                "energy = power * duration\n"
                "  = 6 h·W\n"
                "where:\n"
                "  power = 2 W (source: user data)\n"
                "  duration = 3 h (source: e-footprint hypothesis)"),
    ExplainCase("unlabelled intermediate inlined in parentheses", lambda: plain_values()["total"],
                "total = (power * duration) + extra\n"
                "  = 7 h·W\n"
                "where:\n"
                "  power = 2 W (source: user data)\n"
                "  duration = 3 h (source: e-footprint hypothesis)\n"
                "  extra = 1 h·W (source: e-footprint hypothesis)"),
    ExplainCase("labelled intermediate is an operand, shown without a source", lambda: plain_values()["doubled"],
                "doubled = energy * 2\n"
                "  = 12 h·W\n"
                "where:\n"
                "  energy = 6 h·W"),
    ExplainCase("model: formula over attribute labels", lambda: toy_model()["t1"].energy,
                "Energy of t1 = Energy of m1 * Share of t1\n"
                "  = 0.05 kWh\n"
                "where:\n"
                "  Energy of m1 = 0.2 kWh\n"
                "  Share of t1 = 0.25"),
    ExplainCase("model: a sum over linked objects names each input with its source",
                lambda: toy_model()["machine"].load,
                "Load of m1 = Weight of t1 + Weight of t2\n"
                "  = 4\n"
                "where:\n"
                "  Weight of t1 = 1 (source: e-footprint hypothesis)\n"
                "  Weight of t2 = 3 (source: e-footprint hypothesis)"),
    ExplainCase("model: conversion wraps the formula", lambda: toy_model()["machine"].energy,
                "Energy of m1 = to(Power of m1 * Hours of m1, kilowatt_hour)\n"
                "  = 0.2 kWh\n"
                "where:\n"
                "  Power of m1 = 100 W (source: e-footprint hypothesis)\n"
                "  Hours of m1 = 2 h (source: user data)"),
    ExplainCase("model: input attribute", lambda: toy_model()["t1"].weight,
                "Weight of t1 = 1\n  source: e-footprint hypothesis"),
]


@pytest.mark.parametrize("case", EXPLAIN_CASES, ids=lambda c: c.name)
def test_explain_text(case: ExplainCase) -> None:
    assert case.value().explain() == case.text


def test_explain_follows_updates() -> None:
    model = toy_model()
    model["machine"].power = SourceValue(200 * u.W, Sources.USER_DATA)
    assert model["t1"].energy.explain() == (
        "Energy of t1 = Energy of m1 * Share of t1\n"
        "  = 0.1 kWh\n"
        "where:\n"
        "  Energy of m1 = 0.4 kWh\n"
        "  Share of t1 = 0.25")
    assert model["machine"].energy.explain().endswith("  Power of m1 = 200 W (source: user data)\n"
                                                      "  Hours of m1 = 2 h (source: user data)")


def test_explain_of_an_hourly_value_prints_the_series() -> None:
    start = pytz.utc.localize(datetime(2025, 1, 1))
    load = SourceHourlyValues(np.array([1, 2, 3], dtype=np.float32) * u.concurrent, start, label="load")
    power = SourceValue(10 * u.W, label="unit power")
    text = (load * power).set_label("power draw").explain()
    assert text.split("\n") == [
        "power draw = load * unit power",
        "  = 3 values from 2025-01-01 00:00:00+00:00 to 2025-01-01 02:00:00+00:00 in concurrent·W:",
        "    first 10 vals [10, 20, 30],",
        "    last 10 vals [10, 20, 30]",
        "where:",
        "  load = 3 values from 2025-01-01 00:00:00+00:00 to 2025-01-01 02:00:00+00:00 in concurrent:",
        "    first 10 vals [1, 2, 3],",
        "    last 10 vals [1, 2, 3] (source: e-footprint hypothesis)",
        "  unit power = 10 W (source: e-footprint hypothesis)",
    ]


# ---- calculus_graph() data ----------------------------------------------------------------------------------------
def node_facts(graph: Any) -> set[tuple[Any, ...]]:
    return {(n.label, n.value, n.unit, n.source) for n in graph.nodes.values()}


def edge_facts(graph: Any) -> list[tuple[str, str, str]]:
    return [(graph.nodes[e.source].label, graph.nodes[e.target].label, e.operation) for e in graph.edges]


@dataclass(frozen=True)
class GraphCase:
    name: str
    value: Callable[[], Any]
    depth: int | None
    nodes: set[tuple[Any, ...]]  # (label, value, unit, source)
    edges: list[tuple[str, str, str]]  # (operand label, result label, operation), in discovery order


CALC = "calculated by efp"
HYP = "e-footprint hypothesis"
T1_ENERGY = ("Energy of t1", "0.05 kWh", "kilowatt_hour", CALC)
M1_ENERGY = ("Energy of m1", "0.2 kWh", "kilowatt_hour", CALC)
T1_SHARE = ("Share of t1", "0.25", "dimensionless", CALC)
DEPTH_1_EDGES = [("Energy of m1", "Energy of t1", "*"), ("Share of t1", "Energy of t1", "*")]
DEPTH_2_NODES = {("Power of m1", "100 W", "watt", HYP), ("Hours of m1", "2 h", "hour", "user data"),
                 ("Weight of t1", "1", "dimensionless", HYP), ("Load of m1", "4", "dimensionless", CALC)}
DEPTH_2_EDGES = [("Power of m1", "Energy of m1", "*"), ("Hours of m1", "Energy of m1", "*"),
                 ("Weight of t1", "Share of t1", "/"), ("Load of m1", "Share of t1", "/")]

GRAPH_CASES = [
    GraphCase("model depth 1: the value and its direct operands", lambda: toy_model()["t1"].energy, 1,
              {T1_ENERGY, M1_ENERGY, T1_SHARE}, DEPTH_1_EDGES),
    GraphCase("model depth 2: operands of operands; the operation is the one applied to each operand",
              lambda: toy_model()["t1"].energy, 2, {T1_ENERGY, M1_ENERGY, T1_SHARE, *DEPTH_2_NODES},
              DEPTH_1_EDGES + DEPTH_2_EDGES),
    GraphCase("model depth None: down to the inputs, a shared input is one node with two edges",
              lambda: toy_model()["t1"].energy, None,
              {T1_ENERGY, M1_ENERGY, T1_SHARE, *DEPTH_2_NODES, ("Weight of t2", "3", "dimensionless", HYP)},
              DEPTH_1_EDGES + DEPTH_2_EDGES + [("Weight of t1", "Load of m1", "+"),
                                               ("Weight of t2", "Load of m1", "+")]),
    GraphCase("model depth 0: the value alone", lambda: toy_model()["t1"].energy, 0, {T1_ENERGY}, []),
    GraphCase("input: a single node", lambda: toy_model()["t1"].weight, None,
              {("Weight of t1", "1", "dimensionless", HYP)}, []),
    GraphCase("plain values: nested formula, operands once each", lambda: plain_values()["total"], None,
              {("total", "7 h·W", "hour * watt", CALC), ("power", "2 W", "watt", "user data"),
               ("duration", "3 h", "hour", HYP), ("extra", "1 h·W", "hour * watt", HYP)},
              [("power", "total", "*"), ("duration", "total", "*"), ("extra", "total", "+")]),
    GraphCase("plain values depth 1 stops at the labelled intermediate", lambda: plain_values()["doubled"], 1,
              {("doubled", "12 h·W", "hour * watt", CALC), ("energy", "6 h·W", "hour * watt", CALC)},
              [("energy", "doubled", "*")]),
    GraphCase("plain values depth 2 goes through it", lambda: plain_values()["doubled"], 2,
              {("doubled", "12 h·W", "hour * watt", CALC), ("energy", "6 h·W", "hour * watt", CALC),
               ("power", "2 W", "watt", "user data"), ("duration", "3 h", "hour", HYP)},
              [("energy", "doubled", "*"), ("power", "energy", "*"), ("duration", "energy", "*")]),
]


@pytest.mark.parametrize("case", GRAPH_CASES, ids=lambda c: c.name)
def test_calculus_graph(case: GraphCase) -> None:
    value = case.value()
    graph = value.calculus_graph(case.depth)
    assert node_facts(graph) == case.nodes
    assert len(graph.nodes) == len(case.nodes)
    assert edge_facts(graph) == case.edges
    assert graph.root in graph.nodes and graph.nodes[graph.root].label == value.label
    assert all(e.source in graph.nodes and e.target in graph.nodes for e in graph.edges)


def test_calculus_graph_node_ids_and_formulas() -> None:
    model = toy_model()
    t1, machine = model["t1"], model["machine"]
    graph = t1.energy.calculus_graph(2)
    assert graph.root == f"{t1.id}.energy"
    energy_node = graph.nodes[f"{machine.id}.energy"]
    assert energy_node.formula == "to(Power of m1 * Hours of m1, kilowatt_hour)"
    assert graph.nodes[f"{machine.id}.power"].formula is None
    assert graph.nodes[f"{machine.id}.hours"].source == "user data"
    assert graph.nodes[f"{machine.id}.hours"].source_link is None


def test_calculus_graph_source_links() -> None:
    study = SourceValue(5 * u.kg, Sources.BASE_ADEME_V19, label="factor")
    graph = (study * 2).set_label("twice").calculus_graph(None)
    (factor,) = [n for n in graph.nodes.values() if n.label == "factor"]
    assert factor.source == "Base ADEME_V19"
    assert factor.source_link == "https://data.ademe.fr/datasets/base-carbone(r)"


def test_calculus_graph_of_a_plant_total_goes_through_the_dict_entries() -> None:
    model = toy_model()
    graph = model["plant"].total_energy.calculus_graph(2)
    edges = edge_facts(graph)
    assert edges[:2] == [("Energy per task of plant for t1", "Total energy of plant", "+"),
                         ("Energy per task of plant for t2", "Total energy of plant", "+")]
    assert edges[2:] == [("Energy of t1", "Energy per task of plant for t1", "copy"),
                         ("Energy of t2", "Energy per task of plant for t2", "copy")]
