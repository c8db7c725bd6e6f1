"""Tests of efp_core.builders.boavizta: offline lists, in-process impacts, errors, and the HTTP path against a real
boaviztapi server started on 127.0.0.1 (no outside network)."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from efp_core.builders import boavizta as bz  # noqa: E402


@pytest.fixture(autouse=True)
def _in_process_by_default(monkeypatch):
    """Every test starts on the in-process path whatever the environment says, and leaves no URL setting behind."""
    monkeypatch.delenv(bz.API_URL_ENV_VAR, raising=False)
    bz.reset_boavizta_api_url()
    yield
    bz.reset_boavizta_api_url()


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# ---------------------------------------------------------------------------------------------------------------
# Offline lists
# ---------------------------------------------------------------------------------------------------------------

def test_providers():
    assert bz.providers() == ["aws", "azure", "gcp", "ovhcloud", "scaleway"]


@pytest.mark.parametrize("provider, count, first", [
    ("aws", 1479, ["a1.medium", "a1.large", "a1.xlarge", "a1.2xlarge", "a1.4xlarge"]),
    ("azure", 394, ["d2ads_v5", "d4ads_v5", "d8ads_v5", "d16ads_v5", "d32ads_v5"]),
    ("gcp", 339, ["c4a-standard-1", "c4a-standard-2", "c4a-standard-4", "c4a-standard-8", "c4a-standard-16"]),
    ("ovhcloud", 50, ["b3-8", "b3-16", "b3-32", "b3-64", "b3-128"]),
    ("scaleway", 69, ["coparm1-16c-64g", "coparm1-2c-8g", "coparm1-32c-128g", "coparm1-4c-16g", "coparm1-8c-32g"]),
])
def test_instance_types_counts_and_order(provider, count, first):
    types = bz.instance_types(provider)
    assert len(types) == count
    assert types[:5] == first
    assert all(isinstance(t, str) for t in types)


def test_lists_are_copies():
    bz.providers().append("x")
    bz.instance_types("scaleway").clear()
    assert "x" not in bz.providers()
    assert len(bz.instance_types("scaleway")) == 69


# ---------------------------------------------------------------------------------------------------------------
# In-process impacts
# ---------------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("provider, instance_type, expected", [
    ("scaleway", "ent1-s", (80.0, 33.70958534188034, 32.0, 8.0)),
    ("aws", "m5.xlarge", (48.0, 22.591823333333338, 16.0, 4.0)),
    ("ovhcloud", "b3-8", (23.0, 6.698759062500001, 8.0, 2.0)),
])
def test_characteristics(provider, instance_type, expected):
    response = bz.cloud_instance_impact(provider, instance_type)
    chars = bz.cloud_instance_characteristics(response)
    assert set(chars) == {"carbon_footprint_fabrication_kg", "power_w", "ram_gb", "vcpu"}
    fabrication, power, ram, vcpu = expected
    assert chars["carbon_footprint_fabrication_kg"] == fabrication
    assert chars["power_w"] == pytest.approx(power, rel=1e-12)
    assert chars["ram_gb"] == ram
    assert chars["vcpu"] == vcpu


def test_default_is_scaleway_ent1_s():
    chars = bz.cloud_instance_characteristics(bz.cloud_instance_impact())
    assert chars["carbon_footprint_fabrication_kg"] == 80
    assert chars["power_w"] == pytest.approx(33.70958534, rel=1e-9)
    assert chars["ram_gb"] == 32
    assert chars["vcpu"] == 8


def test_raw_response_shape():
    response = bz.cloud_instance_impact("scaleway", "ent1-s")
    assert set(response) == {"impacts", "verbose"}
    assert list(response["impacts"]) == ["gwp"]  # criteria gwp only
    gwp = response["impacts"]["gwp"]
    assert gwp["unit"] == "kgCO2eq"
    assert gwp["embedded"]["value"] == 80.0
    verbose = response["verbose"]
    assert verbose["avg_power"]["unit"] == "W"
    assert verbose["use_time_ratio"]["value"] == 1.0
    # Default duration = the instance lifetime (6 years of 8760 h in BoaviztAPI).
    assert verbose["duration"] == {"value": 52560.0, "unit": "hours"}
    assert verbose["hours_life_time"]["value"] == 52560.0
    # JSON-like: only dicts, lists, str, int, float, bool, None.
    import json
    assert json.loads(json.dumps(response, allow_nan=False)) == response


def test_cached_and_copied():
    first = bz.cloud_instance_impact("scaleway", "ent1-s")
    first["impacts"]["gwp"]["embedded"]["value"] = -1
    start = time.perf_counter()
    second = bz.cloud_instance_impact("scaleway", "ent1-s")
    assert time.perf_counter() - start < 0.5
    assert second["impacts"]["gwp"]["embedded"]["value"] == 80.0


def test_works_inside_a_running_event_loop():
    # Notebooks run user code inside an event loop; the in-process path must still work there.
    import asyncio

    async def inside():
        return bz.cloud_instance_characteristics(bz.cloud_instance_impact("gcp", "n2-standard-8"))

    assert asyncio.run(inside()) == {"carbon_footprint_fabrication_kg": 80.0, "power_w": 38.54990222222222,
                                     "ram_gb": 32.0, "vcpu": 8.0}


# ---------------------------------------------------------------------------------------------------------------
# Errors
# ---------------------------------------------------------------------------------------------------------------

def test_unknown_provider():
    with pytest.raises(bz.BoaviztaError) as info:
        bz.cloud_instance_impact("amazon", "m5.xlarge")
    message = str(info.value)
    assert "'amazon'" in message
    for provider in ["aws", "azure", "gcp", "ovhcloud", "scaleway"]:
        assert provider in message
    assert isinstance(info.value, ValueError)
    with pytest.raises(bz.BoaviztaError):
        bz.instance_types("amazon")


def test_unknown_instance_type_lists_count_and_closest():
    with pytest.raises(bz.BoaviztaError) as info:
        bz.cloud_instance_impact("aws", "m5.xlarg")
    message = str(info.value)
    assert "'m5.xlarg'" in message and "1479" in message and "m5.xlarge" in message


def test_case_matters_but_hint_helps():
    with pytest.raises(bz.BoaviztaError, match="ent1-s"):
        bz.cloud_instance_impact("scaleway", "ENT1-S")


def test_no_fuzzy_substitution():
    # BoaviztAPI itself would answer for a fuzzy match; we refuse instead.
    with pytest.raises(bz.BoaviztaError):
        bz.cloud_instance_impact("scaleway", "ent1-s ")


def test_characteristics_checks_units():
    response = bz.cloud_instance_impact()
    response["verbose"]["avg_power"]["unit"] = "kW"
    with pytest.raises(bz.BoaviztaError, match="avg_power"):
        bz.cloud_instance_characteristics(response)
    response = bz.cloud_instance_impact()
    response["verbose"]["use_time_ratio"]["value"] = 0.5
    with pytest.raises(bz.BoaviztaError, match="use_time_ratio"):
        bz.cloud_instance_characteristics(response)
    with pytest.raises(bz.BoaviztaError, match="impacts.gwp"):
        bz.cloud_instance_characteristics({"verbose": {}})


# ---------------------------------------------------------------------------------------------------------------
# URL setting
# ---------------------------------------------------------------------------------------------------------------

def test_url_setting_precedence(monkeypatch):
    assert bz.get_boavizta_api_url() is None
    monkeypatch.setenv(bz.API_URL_ENV_VAR, "http://127.0.0.1:1/")
    assert bz.get_boavizta_api_url() == "http://127.0.0.1:1"
    bz.set_boavizta_api_url("http://127.0.0.1:2")
    assert bz.get_boavizta_api_url() == "http://127.0.0.1:2"
    bz.set_boavizta_api_url(None)  # forces the package even though the env var is set
    assert bz.get_boavizta_api_url() is None
    bz.reset_boavizta_api_url()
    assert bz.get_boavizta_api_url() == "http://127.0.0.1:1"
    with pytest.raises(bz.BoaviztaError):
        bz.set_boavizta_api_url("  ")


# ---------------------------------------------------------------------------------------------------------------
# HTTP path
# ---------------------------------------------------------------------------------------------------------------

def test_unreachable_url_raises_quickly_naming_url():
    url = f"http://127.0.0.1:{_free_port()}"
    bz.set_boavizta_api_url(url)
    start = time.perf_counter()
    with pytest.raises(bz.BoaviztaError) as info:
        bz.cloud_instance_impact("scaleway", "ent1-s", timeout=2)
    assert time.perf_counter() - start < 5
    assert url in str(info.value)
    assert "ent1-s" in str(info.value)


def test_unreachable_url_from_environment(monkeypatch):
    url = f"http://127.0.0.1:{_free_port()}"
    monkeypatch.setenv(bz.API_URL_ENV_VAR, url)
    with pytest.raises(bz.BoaviztaError, match=url.replace(".", r"\.")):
        bz.cloud_instance_impact("aws", "m5.xlarge", timeout=2)


@pytest.fixture(scope="module")
def boavizta_server():
    """A real BoaviztAPI (the installed package's FastAPI app under uvicorn) on a free loopback port."""
    import requests

    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k != bz.API_URL_ENV_VAR}
    proc = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "boaviztapi.main:app", "--host", "127.0.0.1", "--port", str(port),
         "--log-level", "warning"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, cwd=str(Path(__file__).resolve().parent))
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"boaviztapi server exited with {proc.returncode}: "
                                   f"{proc.stderr.read().decode(errors='replace')[-2000:]}")
            try:
                if requests.get(url + "/v1/cloud/instance/all_providers", timeout=2).status_code == 200:
                    break
            except requests.RequestException:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("boaviztapi server did not answer within 90 s")
            time.sleep(0.25)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)
        proc.stderr.close()


@pytest.mark.parametrize("provider, instance_type", [
    ("scaleway", "ent1-s"), ("aws", "m5.xlarge"), ("ovhcloud", "b3-8"),
])
def test_http_equals_in_process(boavizta_server, provider, instance_type):
    local = bz.cloud_instance_impact(provider, instance_type)
    bz.set_boavizta_api_url(boavizta_server)
    remote = bz.cloud_instance_impact(provider, instance_type, timeout=60)
    assert remote == local
    assert bz.cloud_instance_characteristics(remote) == bz.cloud_instance_characteristics(local)


def test_http_error_status_names_url(boavizta_server):
    # A wrong root (route not found -> HTTP 404) is a clear error, not a fallback to the package.
    bad_root = boavizta_server + "/nope"
    bz.set_boavizta_api_url(bad_root)
    with pytest.raises(bz.BoaviztaError) as info:
        bz.cloud_instance_impact("scaleway", "ent1-s", timeout=30)
    assert bad_root in str(info.value) and "404" in str(info.value)
