"""Edge modeling: devices deployed over time, their components and recurrent needs, and the server needs they create.

Numbers come from the reference (efootprint 17.1): the seed's edge objects (tests/data/golden_edge.json, from the
shared golden) and an appliance + computer model in two countries (tests/data/golden_edge_appliance.json, sums).
"""
from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from typing import Any, Callable

import numpy as np
import pytest
import pytz
from pint import Quantity

from efp_core import (
    Countries,
    EdgeAppliance,
    EdgeComputer,
    EdgeCPUComponent,
    EdgeDevice,
    EdgeFunction,
    EdgeRAMComponent,
    EdgeStorage,
    EdgeUsageJourney,
    EdgeUsagePattern,
    EdgeWorkloadComponent,
    EfpError,
    InputTypeError,
    Job,
    ModelingUpdate,
    Network,
    RangeError,
    RecurrentEdgeComponentNeed,
    RecurrentEdgeDeviceNeed,
    RecurrentEdgeProcess,
    RecurrentEdgeStorageNeed,
    RecurrentEdgeWorkload,
    RecurrentServerNeed,
    Server,
    SourceRecurrentValues,
    SourceValue,
    Storage,
    StructureError,
    System,
    UnitError,
    create_hourly_usage_from_frequency,
    u,
)
from tests.golden import compare_value, load

GOLDEN = load("golden_edge.json")["stages"]
APPLIANCE_GOLDEN = load("golden_edge_appliance.json")


def week(values: Any, unit: Any) -> SourceRecurrentValues:
    return SourceRecurrentValues(Quantity(np.broadcast_to(np.asarray(values, dtype=np.float32), (168,)).copy(), unit))


# ---- the seed's edge part (quickstart "[Optional] Model edge devices") ------------------------------------------
class SeedEdge:
    """The seed's edge objects in a System of their own (edge values do not depend on the web part)."""

    def __init__(self, with_system: bool = True) -> None:
        self.edge_storage = EdgeStorage(
            "Edge SSD storage", carbon_footprint_fabrication_per_storage_capacity=SourceValue(160 * u.kg / u.TB),
            lifespan=SourceValue(6 * u.years), storage_capacity=SourceValue(256 * u.GB),
            base_storage_need=SourceValue(10 * u.GB))
        self.edge_computer = EdgeComputer(
            "Edge device", carbon_footprint_fabrication=SourceValue(60 * u.kg), power=SourceValue(30 * u.W),
            lifespan=SourceValue(8 * u.year), idle_power=SourceValue(5 * u.W), ram=SourceValue(16 * u.GB_ram),
            compute=SourceValue(8 * u.cpu_core), base_ram_consumption=SourceValue(1 * u.GB_ram),
            base_compute_consumption=SourceValue(0.1 * u.cpu_core), storage=self.edge_storage)
        self.edge_process = RecurrentEdgeProcess(
            "Edge process", edge_device=self.edge_computer, recurrent_compute_needed=week(1, u.cpu_core),
            recurrent_ram_needed=week(2, u.GB_ram), recurrent_storage_needed=week(200, u.kB))
        self.edge_function = EdgeFunction("Edge function", recurrent_edge_device_needs=[self.edge_process],
                                          recurrent_server_needs=[])
        self.edge_usage_journey = EdgeUsageJourney("Edge usage journey", edge_functions=[self.edge_function],
                                                   usage_span=SourceValue(6 * u.year))
        self.edge_usage_pattern = EdgeUsagePattern(
            "Edge usage pattern", edge_usage_journey=self.edge_usage_journey, network=Network.wifi_network(),
            country=Countries.FRANCE(),
            hourly_edge_usage_journey_starts=create_hourly_usage_from_frequency(
                timespan=5 * u.year, input_volume=10, frequency="weekly", active_days=[0, 1, 2, 3, 4, 5],
                hours=[9, 10, 11, 12, 15, 16, 17, 18, 19]))
        if with_system:
            self.build_system()

    def build_system(self) -> None:
        self.system = System("System", usage_patterns=[], edge_usage_patterns=[self.edge_usage_pattern])

    def add_server_need(self) -> None:
        server = Server.from_defaults("New server", storage=Storage.from_defaults("New storage"))
        self.job = Job.from_defaults("Job on new server", server=server)
        self.server_need = RecurrentServerNeed(
            "Server need", edge_device=self.edge_computer, recurrent_volume_per_edge_device=week(2, u.occurrence),
            jobs=[self.job])
        self.edge_function.recurrent_server_needs.append(self.server_need)

    def objects(self) -> dict[str, Any]:
        return {obj.name: obj for obj in self.system.all_linked_objects}


def compare_objects(objects: dict[str, Any], golden_objects: dict[str, Any]) -> tuple[int, list[str]]:
    problems: list[str] = []
    compared = 0
    for name, gold in golden_objects.items():
        obj = objects.get(name)
        if obj is None:
            problems.append(f"missing object {name}")
            continue
        assert obj.calculated_attributes == list(gold["calculated"]), name
        for attr, value in gold["calculated"].items():
            if value.get("type") in ("hourly", "quantity", "empty", "dict"):
                compared += 1
                compare_value(f"{name}.{attr}", getattr(obj, attr), value, problems)
    return compared, problems


@pytest.fixture(scope="module")
def seed_stages() -> dict[str, Any]:
    seed = SeedEdge()
    results = {"with_edge": (compare_objects(seed.objects(), GOLDEN["with_edge"]["objects"]),
                             _edge_totals(seed.system))}
    seed.add_server_need()
    results["with_recurrent_server_need"] = (
        compare_objects(seed.objects(), GOLDEN["with_recurrent_server_need"]["objects"]), _edge_totals(seed.system))
    return results


def _edge_totals(system: System) -> tuple[float, float]:
    return (system.total_fabrication_footprints["EdgeDevices"].magnitude_sum("kg"),
            system.total_energy_footprints["EdgeDevices"].magnitude_sum("kg"))


@pytest.mark.parametrize("stage", ["with_edge", "with_recurrent_server_need"])
def test_seed_edge_objects_match_reference(seed_stages, stage):
    (compared, problems), (fabrication, energy) = seed_stages[stage]
    assert compared > 100
    assert problems == []
    assert fabrication == pytest.approx(GOLDEN[stage]["edge_devices_fabrication_kg"], rel=1e-6)
    assert energy == pytest.approx(GOLDEN[stage]["edge_devices_energy_kg"], rel=1e-6)


def test_devices_in_service_are_exact_outside_the_deployment_period():
    """No float residue before the first deployment: a ceil() downstream must not invent a server instance."""
    seed = SeedEdge()
    seed.add_server_need()
    parallel = seed.edge_usage_journey.nb_edge_usage_journeys_in_parallel_per_edge_usage_pattern[
        seed.edge_usage_pattern]
    assert np.all(parallel.magnitude[:9] == 0) and parallel.magnitude[9] == 10
    assert seed.job.server.nb_of_instances.magnitude[:9].sum() == 0


# ---- appliance + computer, two patterns in two countries, server needs with repeated jobs --------------------------
def appliance_model() -> System:
    """tests/data/scenarios/edge_appliance_workload.py, edge part, in its final countries (France, Brazil)."""
    week_hours = np.arange(168)
    hour_of_day = week_hours % 24
    is_weekday = week_hours < 120
    server = Server.from_defaults(
        "Telemetry server", average_carbon_intensity=SourceValue(120 * u.g / u.kWh),
        storage=Storage.ssd("Telemetry SSD", data_storage_duration=SourceValue(1 * u.year)))
    ingest = Job.from_defaults("Telemetry ingest", server=server, data_transferred=SourceValue(40 * u.kB),
                               data_stored=SourceValue(40 * u.kB), request_duration=SourceValue(200 * u.ms))
    dashboard = Job.from_defaults("Dashboard query", server=server, data_transferred=SourceValue(1 * u.MB),
                                  data_stored=SourceValue(0 * u.kB), request_duration=SourceValue(3 * u.s),
                                  compute_needed=SourceValue(0.5 * u.cpu_core))
    camera = EdgeAppliance("Smart camera", carbon_footprint_fabrication=SourceValue(45 * u.kg),
                           power=SourceValue(12 * u.W), lifespan=SourceValue(5 * u.year),
                           idle_power=SourceValue(3 * u.W))
    workload = RecurrentEdgeWorkload(
        "Camera analytics workload", edge_device=camera,
        recurrent_workload=week(np.where(is_weekday & (hour_of_day >= 7) & (hour_of_day < 20), 0.8, 0.15),
                                u.concurrent))
    uploads = RecurrentServerNeed("Camera telemetry uploads", edge_device=camera,
                                  recurrent_volume_per_edge_device=week(np.where(hour_of_day % 6 == 0, 3.0, 1.0),
                                                                        u.occurrence), jobs=[ingest])
    gateway_storage = EdgeStorage(
        "Gateway SSD", carbon_footprint_fabrication_per_storage_capacity=SourceValue(160 * u.kg / u.TB),
        lifespan=SourceValue(5 * u.year), storage_capacity=SourceValue(128 * u.GB),
        base_storage_need=SourceValue(8 * u.GB))
    gateway = EdgeComputer(
        "Edge gateway", carbon_footprint_fabrication=SourceValue(80 * u.kg), power=SourceValue(25 * u.W),
        lifespan=SourceValue(5 * u.year), idle_power=SourceValue(6 * u.W), ram=SourceValue(8 * u.GB_ram),
        compute=SourceValue(4 * u.cpu_core), base_ram_consumption=SourceValue(1 * u.GB_ram),
        base_compute_consumption=SourceValue(0.2 * u.cpu_core), storage=gateway_storage)
    process = RecurrentEdgeProcess(
        "Gateway aggregation", edge_device=gateway,
        recurrent_compute_needed=week(np.where(is_weekday, 1.5, 0.5), u.cpu_core),
        recurrent_ram_needed=week(np.where(hour_of_day < 12, 3.0, 2.0), u.GB_ram),
        recurrent_storage_needed=week(1.5, u.MB))
    sync = RecurrentServerNeed("Gateway sync", edge_device=gateway,
                               recurrent_volume_per_edge_device=week(6, u.occurrence), jobs=[ingest, ingest, dashboard])
    journey = EdgeUsageJourney("Site deployment", edge_functions=[
        EdgeFunction("Video analytics", recurrent_edge_device_needs=[workload], recurrent_server_needs=[uploads]),
        EdgeFunction("Site aggregation", recurrent_edge_device_needs=[process], recurrent_server_needs=[sync])],
        usage_span=SourceValue(2 * u.year))
    start = dt.datetime(2025, 1, 1)
    weekly = create_hourly_usage_from_frequency(timespan=1 * u.year, input_volume=4, frequency="weekly",
                                                active_days=[0, 2], hours=[9, 14], start_date=start)
    monthly = create_hourly_usage_from_frequency(timespan=1 * u.year, input_volume=30, frequency="monthly",
                                                 active_days=[1, 15], hours=[10], start_date=start)
    patterns = [
        EdgeUsagePattern("Sites A", edge_usage_journey=journey, network=Network.wifi_network(),
                         country=Countries.FRANCE(), hourly_edge_usage_journey_starts=weekly),
        EdgeUsagePattern("Sites B", edge_usage_journey=journey, network=Network.mobile_network(),
                         country=Countries.BRAZIL(), hourly_edge_usage_journey_starts=monthly)]
    return System("Edge system", usage_patterns=[], edge_usage_patterns=patterns)


def compare_sums(where: str, value: Any, gold: dict[str, Any], problems: list[str]) -> int:
    """Unit, start, length and period sum (rtol 1e-6) of every value; returns how many were compared."""
    kind = gold["type"]
    if kind == "dict":
        by_name = {k.name: v for k, v in value.items()}
        return sum(compare_sums(f"{where}[{key}]", by_name.get(key), sub, problems)
                   for key, sub in gold["items"].items())
    if kind == "empty":
        if value is not None and "Empty" not in type(value).__name__:
            problems.append(f"{where}: expected no value")
        return 1
    if value is None or "Empty" in type(value).__name__:
        problems.append(f"{where}: no value")
        return 1
    magnitudes = value.value.to(u.Unit(gold["unit"])).magnitude
    if kind == "quantity":
        if not math.isclose(float(magnitudes), gold["value"], rel_tol=1e-6, abs_tol=1e-12):
            problems.append(f"{where}: {float(magnitudes)} != {gold['value']}")
        return 1
    if len(magnitudes) != gold["length"] or value.start_date != dt.datetime.fromisoformat(gold["start_date"]):
        problems.append(f"{where}: span {value.start_date}+{len(magnitudes)} != {gold['start_date']}+{gold['length']}")
    elif not math.isclose(float(magnitudes.astype(np.float64).sum()), gold["sum"], rel_tol=1e-6, abs_tol=1e-9):
        problems.append(f"{where}: sum {magnitudes.astype(np.float64).sum():.9g} != {gold['sum']:.9g}")
    return 1


def test_appliance_and_computer_in_two_countries_match_reference():
    system = appliance_model()
    objects = {obj.name: obj for obj in system.all_linked_objects}
    problems: list[str] = []
    compared = 0
    for name, gold in APPLIANCE_GOLDEN["objects"].items():
        assert [a for a in objects[name].calculated_attributes if a in gold["calculated"]] == list(gold["calculated"])
        for attr, value in gold["calculated"].items():
            compared += compare_sums(f"{name}.{attr}", getattr(objects[name], attr), value, problems)
    assert compared > 150
    assert problems == []
    fabrication, energy = _edge_totals(system)
    assert fabrication == pytest.approx(APPLIANCE_GOLDEN["edge_devices_fabrication_kg"], rel=1e-6)
    assert energy == pytest.approx(APPLIANCE_GOLDEN["edge_devices_energy_kg"], rel=1e-6)


# ---- incremental updates equal a computation from scratch -----------------------------------------------------------
def _footprints(system: System) -> dict[str, float]:
    values = {}
    for obj in system.all_linked_objects:
        for attr in ("instances_fabrication_footprint", "energy_footprint"):
            if attr in obj.calculated_attributes:
                values[f"{obj.name}.{attr}"] = getattr(obj, attr).magnitude_sum("kg")
    values["total"] = system.total_footprint.magnitude_sum("kg")
    return values


EDITS: dict[str, Callable[[SeedEdge], None]] = {
    "usage span": lambda s: setattr(s.edge_usage_journey, "usage_span", SourceValue(4 * u.year)),
    "process RAM week": lambda s: setattr(s.edge_process, "recurrent_ram_needed", week(4, u.GB_ram)),
    "computer power": lambda s: setattr(s.edge_computer, "power", SourceValue(40 * u.W)),
    "storage capacity": lambda s: setattr(s.edge_storage, "storage_capacity", SourceValue(512 * u.GB)),
    "country": lambda s: setattr(s.edge_usage_pattern, "country", Countries.GERMANY()),
    "server need": SeedEdge.add_server_need,
    "process moved to another computer": lambda s: setattr(s.edge_process, "edge_device", EdgeComputer.from_defaults(
        "Bigger edge device", ram=SourceValue(32 * u.GB_ram), lifespan=SourceValue(8 * u.year),
        storage=EdgeStorage.ssd("Bigger SSD", storage_capacity=SourceValue(2 * u.TB)))),
}


def test_moving_a_process_moves_its_component_needs():
    seed = SeedEdge()
    other = EdgeComputer.from_defaults("Other computer", lifespan=SourceValue(8 * u.year),
                                       storage=EdgeStorage.ssd("Other SSD"))
    seed.edge_process.edge_device = other
    assert [need.edge_component for need in seed.edge_process.recurrent_edge_component_needs] == [
        other.ram_component, other.cpu_component, other.storage]
    assert seed.edge_computer not in seed.system.all_linked_objects
    assert other.energy_footprint.magnitude_sum("kg") > 0


@pytest.mark.parametrize("edit", list(EDITS))
def test_incremental_update_equals_from_scratch(edit):
    edited = SeedEdge()
    EDITS[edit](edited)
    fresh = SeedEdge(with_system=False)
    EDITS[edit](fresh)
    fresh.build_system()
    assert _footprints(edited.system) == pytest.approx(_footprints(fresh.system), rel=1e-9)


def test_simulation_recomputes_edge_values_from_the_simulation_date():
    seed = SeedEdge()
    baseline = seed.edge_computer.energy_footprint.magnitude_sum("kg")
    date = pytz.utc.localize(dt.datetime(2027, 1, 1))
    simulation = ModelingUpdate([[seed.edge_computer.power, SourceValue(60 * u.W)]], simulation_date=date)
    assert seed.edge_computer.energy_footprint.magnitude_sum("kg") == baseline
    simulation.set_updated_values()
    assert seed.edge_computer.energy_footprint.start_date == date
    simulation.reset_values()
    assert seed.edge_computer.energy_footprint.magnitude_sum("kg") == baseline


# ---- bad inputs: typed errors naming object and attribute; nothing changed --------------------------------------
@dataclass
class BadInput:
    name: str
    build: Callable[[SeedEdge], Any]
    error: type[EfpError] | type[Exception]
    attribute: str


BAD_INPUTS = [
    BadInput("RAM given in cpu_core", lambda s: RecurrentEdgeProcess(
        "p", edge_device=s.edge_computer, recurrent_compute_needed=week(1, u.cpu_core),
        recurrent_ram_needed=week(1, u.cpu_core), recurrent_storage_needed=week(0, u.GB)),
        UnitError, "recurrent_ram_needed"),
    BadInput("RAM given in storage bytes", lambda s: RecurrentEdgeProcess(
        "p", edge_device=s.edge_computer, recurrent_compute_needed=week(1, u.cpu_core),
        recurrent_ram_needed=week(1, u.kB), recurrent_storage_needed=week(0, u.GB)), UnitError, "recurrent_ram_needed"),
    BadInput("negative compute", lambda s: RecurrentEdgeProcess(
        "p", edge_device=s.edge_computer, recurrent_compute_needed=week(-1, u.cpu_core),
        recurrent_ram_needed=week(1, u.GB_ram), recurrent_storage_needed=week(0, u.GB)),
        RangeError, "recurrent_compute_needed"),
    BadInput("process on an appliance", lambda s: RecurrentEdgeProcess.from_defaults(
        "p", edge_device=EdgeAppliance.from_defaults("appliance")), InputTypeError, "edge_device"),
    BadInput("workload above 1", lambda s: RecurrentEdgeWorkload(
        "w", edge_device=EdgeAppliance.from_defaults("appliance"), recurrent_workload=week(1.5, u.concurrent)),
        RangeError, "recurrent_workload"),
    BadInput("workload in occurrences", lambda s: RecurrentEdgeWorkload(
        "w", edge_device=EdgeAppliance.from_defaults("appliance"), recurrent_workload=week(0.5, u.occurrence)),
        UnitError, "recurrent_workload"),
    BadInput("server need volume in concurrent", lambda s: RecurrentServerNeed(
        "n", edge_device=s.edge_computer, recurrent_volume_per_edge_device=week(1, u.concurrent), jobs=[]),
        UnitError, "recurrent_volume_per_edge_device"),
    BadInput("device need using another device's component", lambda s: RecurrentEdgeDeviceNeed(
        "dn", edge_device=EdgeComputer.from_defaults("other", storage=EdgeStorage.ssd()),
        recurrent_edge_component_needs=list(s.edge_process.recurrent_edge_component_needs)),
        StructureError, "recurrent_edge_component_needs"),
    BadInput("plain need on an edge storage", lambda s: RecurrentEdgeComponentNeed(
        "cn", edge_component=s.edge_storage, recurrent_need=week(1, u.GB)), StructureError, "edge_component"),
    BadInput("storage need on a RAM component", lambda s: RecurrentEdgeStorageNeed(
        "sn", edge_component=EdgeRAMComponent.from_defaults("ram"), recurrent_need=week(1, u.GB)),
        InputTypeError, "edge_component"),
    BadInput("RAM need in cpu_core", lambda s: RecurrentEdgeComponentNeed(
        "cn", edge_component=EdgeRAMComponent.from_defaults("ram"), recurrent_need=week(1, u.cpu_core)),
        UnitError, "recurrent_need"),
    BadInput("storage shared by two computers", lambda s: EdgeComputer.from_defaults("other", storage=s.edge_storage),
             StructureError, "storage"),
    # Updates of a computed model: refused before anything changes.
    BadInput("update: RAM week in cpu_core", lambda s: setattr(
        s.edge_process, "recurrent_ram_needed", week(2, u.cpu_core)), UnitError, "recurrent_ram_needed"),
    BadInput("update: process moved to an appliance", lambda s: setattr(
        s.edge_process, "edge_device", EdgeAppliance.from_defaults("appliance")), InputTypeError, "edge_device"),
    BadInput("update: device lifespan shorter than the usage span", lambda s: setattr(
        s.edge_computer, "lifespan", SourceValue(2 * u.year)), RangeError, "lifespan"),
    BadInput("update: need above the available RAM", lambda s: setattr(
        s.edge_process, "recurrent_ram_needed", week(20, u.GB_ram)), RangeError,
        "unitary_hourly_ram_need_per_usage_pattern"),
    BadInput("update: storage too small", lambda s: setattr(
        s.edge_storage, "storage_capacity", SourceValue(11 * u.GB)), RangeError, "storage_capacity"),
]


@pytest.fixture(scope="module")
def seed_for_bad_inputs() -> SeedEdge:
    return SeedEdge()


@pytest.mark.parametrize("case", BAD_INPUTS, ids=[c.name for c in BAD_INPUTS])
def test_bad_input_raises_typed_error_and_changes_nothing(seed_for_bad_inputs, case):
    seed = seed_for_bad_inputs
    before = _footprints(seed.system)
    needs_before = list(seed.edge_process.recurrent_edge_component_needs)
    containers_before = list(seed.edge_storage.modeling_obj_containers)
    with pytest.raises(case.error) as raised:
        case.build(seed)
    assert f"'{case.attribute}'" in str(raised.value)
    assert _footprints(seed.system) == before
    assert list(seed.edge_process.recurrent_edge_component_needs) == needs_before
    assert seed.edge_storage.modeling_obj_containers == containers_before


def short_week(value: float, unit: Any) -> SourceRecurrentValues:
    return SourceRecurrentValues(Quantity(np.full(100, value, dtype=np.float32), unit))


WRONG_LENGTH_WEEKS = [
    BadInput("process compute week of 100 values", lambda s: RecurrentEdgeProcess(
        "p", edge_device=s.edge_computer, recurrent_compute_needed=short_week(1, u.cpu_core),
        recurrent_ram_needed=week(1, u.GB_ram), recurrent_storage_needed=week(0, u.GB)),
        RangeError, "recurrent_compute_needed"),
    BadInput("workload week of 100 values", lambda s: RecurrentEdgeWorkload(
        "w", edge_device=EdgeAppliance.from_defaults("appliance"), recurrent_workload=short_week(0.5, u.concurrent)),
        RangeError, "recurrent_workload"),
    BadInput("server need week of 100 values", lambda s: RecurrentServerNeed(
        "n", edge_device=s.edge_computer, recurrent_volume_per_edge_device=short_week(1, u.occurrence), jobs=[]),
        RangeError, "recurrent_volume_per_edge_device"),
    BadInput("update: RAM week of 100 values", lambda s: setattr(
        s.edge_process, "recurrent_ram_needed", short_week(2, u.GB_ram)), RangeError, "recurrent_ram_needed"),
]


@pytest.mark.parametrize("case", WRONG_LENGTH_WEEKS, ids=[c.name for c in WRONG_LENGTH_WEEKS])
def test_week_of_wrong_length_names_object_and_attribute(seed_for_bad_inputs, case):
    test_bad_input_raises_typed_error_and_changes_nothing(seed_for_bad_inputs, case)
    with pytest.raises(RangeError, match="168 hourly values"):
        case.build(seed_for_bad_inputs)


def test_week_must_be_flat():
    with pytest.raises(ValueError, match="flat series of 168"):
        SourceRecurrentValues(Quantity(np.ones((7, 24), dtype=np.float32), u.cpu_core))


# ---- structure -------------------------------------------------------------------------------------------------
def test_builders_create_named_parts_linked_to_their_owner():
    seed = SeedEdge()
    computer = seed.edge_computer
    assert [c.name for c in computer.components] == ["Edge device CPU", "Edge device RAM", "Edge SSD storage"]
    assert [n.name for n in seed.edge_process.recurrent_edge_component_needs] == [
        "Edge process RAM need", "Edge process CPU need", "Edge process storage need"]
    assert computer.cpu_component.compute.value == 8 * u.cpu_core
    appliance = EdgeAppliance.from_defaults("Camera")
    workload = RecurrentEdgeWorkload.from_defaults("Analytics", edge_device=appliance)
    assert appliance.components[0].name == "Camera appliance"
    assert workload.recurrent_edge_component_needs[0].name == "Analytics workload need"
    assert EdgeStorage.ssd().name == "Default SSD storage"
    assert EdgeStorage.hdd().lifespan.value == 4 * u.year
    assert sorted(f.__name__ for f in EdgeStorage.archetypes()) == ["hdd", "ssd"]


def test_generic_device_components_follow_their_power_rules():
    """RAM and CPU power grow with (need + base) / capacity, a workload component with its share in use."""
    ram = EdgeRAMComponent.from_defaults("RAM")
    cpu = EdgeCPUComponent.from_defaults("CPU")
    accelerator = EdgeWorkloadComponent.from_defaults("Accelerator")
    disk = EdgeStorage.hdd("Disk")
    device = EdgeDevice.from_defaults("Box", components=[ram, cpu, accelerator, disk])
    needs = [RecurrentEdgeComponentNeed("RAM need", edge_component=ram, recurrent_need=week(2, u.GB_ram)),
             RecurrentEdgeComponentNeed("CPU need", edge_component=cpu, recurrent_need=week(1, u.cpu_core)),
             RecurrentEdgeComponentNeed("Load", edge_component=accelerator, recurrent_need=week(0.5, u.concurrent)),
             RecurrentEdgeStorageNeed("Disk need", edge_component=disk, recurrent_need=week(1, u.MB))]
    function = EdgeFunction("F", recurrent_edge_device_needs=[
        RecurrentEdgeDeviceNeed("Box needs", edge_device=device, recurrent_edge_component_needs=needs)],
        recurrent_server_needs=[])
    pattern = EdgeUsagePattern(
        "P", edge_usage_journey=EdgeUsageJourney.from_defaults("J", edge_functions=[function]),
        network=Network.wifi_network(), country=Countries.FRANCE(),
        hourly_edge_usage_journey_starts=create_hourly_usage_from_frequency(
            timespan=1 * u.year, input_volume=1, frequency="daily"))
    System("S", usage_patterns=[], edge_usage_patterns=[pattern])
    watts = {c.name: c.unitary_power_per_usage_pattern[pattern] for c in device.components}
    assert watts["RAM"].value.to(u.W).magnitude[0] == pytest.approx(2 + 8 * (2 + 1) / 8)
    assert watts["CPU"].value.to(u.W).magnitude[0] == pytest.approx(3 + 12 * (1 + 0.1) / 4)
    assert watts["Accelerator"].value.to(u.W).magnitude[0] == pytest.approx(5 + 45 * 0.5)
    assert watts["Disk"].is_empty
    in_service = device.fabrication_impact_repartition_weight_sum.magnitude > 0
    shares = sum(s.magnitude for s in device.fabrication_impact_repartition.values())
    assert np.allclose(shares[in_service], 1, rtol=1e-5)  # each hour's device footprint is fully attributed
