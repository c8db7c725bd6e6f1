"""Bad JSON files raise JsonFormatError naming the JSON path and what was expected, and load nothing."""
from __future__ import annotations

import copy
import json
from dataclasses import dataclass
from typing import Any, Callable

import pytest

from efp_core import JsonFormatError, ModelChange, load_json, subscribe, u
from efp_core.engine import runtime
from efp_core.engine.tracking import TRACKER
from efp_core.io.own_format import system_to_dict
from tests.golden import DATA
from tests.seed_model import SeedScenario

Document = dict[str, Any]


@pytest.fixture(scope="module")
def own_document() -> Document:
    return system_to_dict(SeedScenario().system)


@pytest.fixture(scope="module")
def reference_document() -> Document:
    return json.loads((DATA / "json" / "reference" / "seed_base.json").read_text())


def own(document: Document, class_name: str) -> dict[str, Any]:
    """The inputs of the only object of `class_name` in an efp document."""
    return next(iter(document["objects"][class_name].values()))["inputs"]


def ref(document: Document, class_name: str) -> dict[str, Any]:
    return next(iter(document[class_name].values()))


def id_of(document: Document, class_name: str) -> str:
    objects = document["objects"] if "objects" in document else document
    return json.dumps(next(iter(objects[class_name])))


def rename_class(document: Document, old: str, new: str) -> None:
    objects = document["objects"] if "objects" in document else document
    objects[new] = objects.pop(old)


@dataclass(frozen=True)
class BadFile:
    name: str
    fmt: str  # "own" or "reference"
    mutate: Callable[[Document], None]
    path: str  # {Class} is replaced by the JSON-quoted id of the file's only object of that class
    message: str


def _set(target: Callable[[Document], dict[str, Any]], key: str, value: Any) -> Callable[[Document], None]:
    return lambda d: target(d).__setitem__(key, value)


def _delete(target: Callable[[Document], dict[str, Any]], key: str) -> Callable[[Document], None]:
    return lambda d: target(d).pop(key)


OWN_SERVER = '$.objects.Server[{Server}].inputs'
CASES = [
    BadFile("unknown class", "own", lambda d: rename_class(d, "Server", "Serveur"),
            "$.objects.Serveur", "expected an efp modeling class"),
    BadFile("missing input", "own", _delete(lambda d: own(d, "Server"), "power"),
            f"{OWN_SERVER}.power", "the field is missing"),
    BadFile("missing unit", "own", _delete(lambda d: own(d, "Server")["power"], "unit"),
            f"{OWN_SERVER}.power.unit", "expected a unit name"),
    BadFile("unknown unit", "own", _set(lambda d: own(d, "Server")["power"], "unit", "furlong_per_fortnight"),
            f"{OWN_SERVER}.power.unit", "expected a unit known to efp"),
    BadFile("unit of the wrong dimension", "own", _set(lambda d: own(d, "Server")["power"], "unit", "kilogram"),
            f"{OWN_SERVER}.power.unit", "compatible with W"),
    BadFile("negative value", "own", _set(lambda d: own(d, "Server")["power"], "value", -3),
            f"{OWN_SERVER}.power", "expected a value ≥ 0"),
    BadFile("unknown input", "own", lambda d: own(d, "Server").__setitem__("powr", own(d, "Server")["power"]),
            f"{OWN_SERVER}.powr", "expected an input of Server"),
    BadFile("dangling link", "own", _set(lambda d: own(d, "Job")["server"], "id", "nowhere"),
            "$.objects.Job[{Job}].inputs.server.id", "The link points to no object"),
    BadFile("link to an object of the wrong class", "own",
            lambda d: own(d, "Job")["server"].__setitem__("id", json.loads(id_of(d, "Storage"))),
            "$.objects.Job[{Job}].inputs.server", "expected a Server, found Storage"),
    BadFile("links forming a cycle", "own",
            lambda d: own(d, "Server")["storage"].__setitem__("id", json.loads(id_of(d, "Job"))),
            f"{OWN_SERVER}.storage.id", "found Server 'server' -> Job 'upload job' -> Server 'server'"),
    BadFile("choice outside the list", "own", _set(lambda d: own(d, "VideoStreamingJob")["resolution"], "value", "8K"),
            "$.objects.VideoStreamingJob[{VideoStreamingJob}].inputs.resolution", "expected one of"),
    BadFile("malformed base64", "own",
            _set(lambda d: own(d, "UsagePattern")["hourly_usage_journey_starts"], "values", "%%not base64%%"),
            "$.objects.UsagePattern[{UsagePattern}].inputs.hourly_usage_journey_starts.values", "malformed base64"),
    BadFile("series shorter than its length", "own",
            _set(lambda d: own(d, "UsagePattern")["hourly_usage_journey_starts"], "values", "AACAPw=="),
            "$.objects.UsagePattern[{UsagePattern}].inputs.hourly_usage_journey_starts.values", "values (the"),
    BadFile("unknown value type", "own", _set(lambda d: own(d, "Server")["power"], "type", "quantityy"),
            f"{OWN_SERVER}.power.type", "expected one of none, plain, link"),
    BadFile("newer format version", "own", lambda d: d.__setitem__("version", 2), "$.version",
            "The file was written by a newer efp"),
    BadFile("version that is not a number", "own", lambda d: d.__setitem__("version", "1"), "$.version",
            "expected the format version"),
    BadFile("other format name", "own", lambda d: d.__setitem__("format", "efp-yaml"), "$.format",
            "expected 'efp-json'"),
    BadFile("system id of no System", "own", lambda d: d.__setitem__("system", json.loads(id_of(d, "Server"))),
            "$.system", "expected the id of a System"),
    BadFile("simulation date without its UTC offset", "own",
            lambda d: d.__setitem__("simulation", {"date": "2026-01-01T00:00:00", "changes": []}),
            "$.simulation.date", "expected an ISO date with its UTC offset"),
    BadFile("simulation change of no input", "own", lambda d: d.__setitem__("simulation", {
        "date": "2026-01-01T00:00:00+00:00",
        "changes": [{"object": d["system"], "attribute": "colour", "value": {"type": "plain", "value": "blue"}}]}),
            "$.simulation.changes[0]", "expected an input of System"),
    BadFile("neither format", "own", lambda d: d.pop("format"), "$", "expected an efp file"),
    BadFile("reference: unknown class", "reference", lambda d: rename_class(d, "Server", "Mainframe"),
            "$.Mainframe", "expected an efp modeling class"),
    BadFile("reference: missing field", "reference", _delete(lambda d: ref(d, "Server"), "power"),
            "$.Server[{Server}].power", "the field is missing"),
    BadFile("reference: dangling link", "reference", _set(lambda d: ref(d, "Job"), "server", "gone"),
            "$.Job[{Job}].server", "The link points to no object"),
    BadFile("reference: bad unit", "reference", _set(lambda d: ref(d, "Server")["power"], "unit", "wat"),
            "$.Server[{Server}].power.unit", "expected a unit known to efp"),
    BadFile("reference: version 16", "reference", lambda d: d.__setitem__("efootprint_version", "16.2.1"),
            "$.efootprint_version", "expected an e-footprint 17.x file"),
    BadFile("reference: malformed base64", "reference",
            _set(lambda d: ref(d, "UsagePattern")["hourly_usage_journey_starts"], "compressed_values", "***"),
            "$.UsagePattern[{UsagePattern}].hourly_usage_journey_starts.compressed_values", "malformed base64"),
    BadFile("reference: base64 that is not zstd", "reference",
            _set(lambda d: ref(d, "UsagePattern")["hourly_usage_journey_starts"], "compressed_values", "AAAAAA=="),
            "$.UsagePattern[{UsagePattern}].hourly_usage_journey_starts.compressed_values", "not zstd-compressed"),
    BadFile("reference: a constant efp does not model set otherwise", "reference",
            _set(lambda d: ref(d, "Server")["fraction_of_usage_time"], "value", 0.5),
            "$.Server[{Server}].fraction_of_usage_time", "efp models Server.fraction_of_usage_time as this constant"),
    BadFile("reference: unknown attribute", "reference", _set(lambda d: ref(d, "Network"), "colour", "blue"),
            "$.Network[{Network}].colour", "expected an attribute of Network"),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_bad_file_names_the_json_path(case, own_document, reference_document, tmp_path):
    document = copy.deepcopy(own_document if case.fmt == "own" else reference_document)
    expected_path = case.path
    for class_name in ("Server", "Job", "UsagePattern", "VideoStreamingJob", "Network"):
        expected_path = expected_path.replace("{" + class_name + "}", id_of(document, class_name))
    case.mutate(document)
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(document))
    with pytest.raises(JsonFormatError) as error:
        load_json(path)
    assert error.value.path == expected_path
    assert case.message in str(error.value)
    assert str(error.value).startswith(f"{expected_path}: expected ")


def test_text_that_is_not_json(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text("{\"format\": ")
    with pytest.raises(JsonFormatError, match=r"^\$: expected a JSON document"):
        load_json(path)


def test_a_failed_load_changes_nothing_that_existed(own_document, tmp_path):
    """The file fails late (an input refused while its objects are being built): nothing existing is touched."""
    existing = SeedScenario()
    before = system_to_dict(existing.system, include_calculated=True)
    containers_before = {obj.id: dict(obj._containers) for obj in existing.system.all_linked_objects}
    events: list[ModelChange] = []
    unsubscribe = subscribe(events.append)
    document = copy.deepcopy(own_document)
    own(document, "VideoStreamingJob")["resolution"]["value"] = "8K"
    path = tmp_path / "late.json"
    path.write_text(json.dumps(document))
    try:
        with pytest.raises(JsonFormatError):
            load_json(path)
    finally:
        unsubscribe()
    assert events == []
    assert runtime.current_journal() is None and TRACKER.stack == []
    assert system_to_dict(existing.system, include_calculated=True) == before
    assert {obj.id: dict(obj._containers) for obj in existing.system.all_linked_objects} == containers_before
    # The same file, repaired, loads next to the existing model without touching it either.
    own(document, "VideoStreamingJob")["resolution"]["value"] = "1080p (1920 x 1080)"
    path.write_text(json.dumps(document))
    loaded = load_json(path)
    assert loaded is not existing.system and loaded.id == own_document["system"]
    assert loaded.total_footprint.magnitude_sum(u.kg) == existing.system.total_footprint.magnitude_sum(u.kg)
    assert system_to_dict(existing.system, include_calculated=True) == before
