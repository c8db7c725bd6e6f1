"""BoaviztAPI cloud-instance data for BoaviztaCloudServer (methodology §6.3), as plain dicts and numbers.

Why this module exists: a BoaviztaCloudServer takes its fabrication footprint, power, RAM and vCPU count from
BoaviztAPI's cloud-instance impact for (provider, instance_type), queried with criteria ``gwp``, ``verbose`` and the
default duration (the instance lifetime).  The project must work offline, so by default the query runs IN-PROCESS
through the installed ``boaviztapi`` package: the coroutine behind ``GET /v1/cloud/instance`` is called directly and
its result is passed through the same JSON encoding the HTTP server applies, so both paths return identical dicts.

When a BoaviztAPI URL is configured (``set_boavizta_api_url(url)``, or else the ``EFP_BOAVIZTA_API_URL``
environment variable), the same GET query goes over HTTP with ``requests``; any failure raises ``BoaviztaError``
naming the URL and the cause -- there is deliberately no silent fallback to the package.

Provider and instance-type names are always validated against the installed package's data (the same lists the
modeling classes offer as choices), because BoaviztAPI itself would silently substitute a fuzzy match.

Nothing here knows about units or modeling classes: results are JSON-like dicts and floats.
"""
from __future__ import annotations

import asyncio
import concurrent.futures
import copy
import difflib
import functools
import json
import os
import threading
import warnings
from typing import Any

__all__ = [
    "BoaviztaError",
    "DEFAULT_PROVIDER",
    "DEFAULT_INSTANCE_TYPE",
    "DEFAULT_HTTP_TIMEOUT_S",
    "API_URL_ENV_VAR",
    "INSTANCE_ROUTE",
    "providers",
    "instance_types",
    "set_boavizta_api_url",
    "reset_boavizta_api_url",
    "get_boavizta_api_url",
    "cloud_instance_impact",
    "cloud_instance_characteristics",
    "clear_cache",
]

DEFAULT_PROVIDER = "scaleway"
DEFAULT_INSTANCE_TYPE = "ent1-s"
API_URL_ENV_VAR = "EFP_BOAVIZTA_API_URL"
INSTANCE_ROUTE = "/v1/cloud/instance"
DEFAULT_HTTP_TIMEOUT_S = 30.0

# Query parameters of the GET route, shared by both paths (criteria gwp, verbose, default duration = lifetime).
_CRITERIA = ["gwp"]
_VERBOSE = True


class BoaviztaError(ValueError):
    """A BoaviztAPI query could not be answered: unknown provider/instance type, or a failed HTTP call."""


# ----------------------------------------------------------------------------------------------------------------
# API URL setting
# ----------------------------------------------------------------------------------------------------------------

_UNSET: Any = object()
_url_override: Any = _UNSET


def set_boavizta_api_url(url: str | None) -> None:
    """Choose the query path, taking precedence over ``EFP_BOAVIZTA_API_URL``.

    A URL (e.g. ``"http://127.0.0.1:5000"``, the API root without the route) sends queries over HTTP; ``None``
    forces the in-process package even if the environment variable is set.  ``reset_boavizta_api_url()`` goes back
    to following the environment variable.
    """
    global _url_override
    if url is not None:
        if not isinstance(url, str) or not url.strip():
            raise BoaviztaError(f"BoaviztAPI URL must be a non-empty string or None, got {url!r}")
        url = url.strip().rstrip("/")
    _url_override = url


def reset_boavizta_api_url() -> None:
    """Forget ``set_boavizta_api_url``: the ``EFP_BOAVIZTA_API_URL`` environment variable decides again."""
    global _url_override
    _url_override = _UNSET


def get_boavizta_api_url() -> str | None:
    """The BoaviztAPI root URL queries go to, or None for the in-process package."""
    if _url_override is not _UNSET:
        return _url_override
    env = os.environ.get(API_URL_ENV_VAR, "").strip()
    return env.rstrip("/") or None


# ----------------------------------------------------------------------------------------------------------------
# Offline lists from the package data
# ----------------------------------------------------------------------------------------------------------------

def _cloud_data_path(filename: str) -> str:
    from boaviztapi import data_dir

    return os.path.join(data_dir, "archetypes", "cloud", filename)


@functools.lru_cache(maxsize=None)
def _providers() -> tuple[str, ...]:
    import pandas as pd

    # Same source and column as the package's /v1/cloud/instance/all_providers route.
    df = pd.read_csv(_cloud_data_path("providers.csv"))
    return tuple(str(name) for name in df["provider.name"].tolist())


def providers() -> list[str]:
    """Cloud providers known to the installed boaviztapi (``[aws, azure, gcp, ovhcloud, scaleway]`` in 2.5.0)."""
    return list(_providers())


@functools.lru_cache(maxsize=None)
def _instance_types(provider: str) -> tuple[str, ...]:
    from boaviztapi.data.archetype import get_device_archetype_lst

    # Same function as the package's /v1/cloud/instance/all_instances route; keeps the CSV order.
    return tuple(str(name) for name in get_device_archetype_lst(_cloud_data_path(f"{provider}.csv")))


def instance_types(provider: str) -> list[str]:
    """Instance types of ``provider`` in the package's order (aws 1479, azure 394, gcp 339, ovhcloud 50,
    scaleway 69 in boaviztapi 2.5.0).  Raises ``BoaviztaError`` for an unknown provider."""
    _check_provider(provider)
    return list(_instance_types(provider))


def _closest(value: Any, valid: list[str] | tuple[str, ...], n: int = 5) -> list[str]:
    """Up to n valid names closest to value (case-insensitive difflib ratio)."""
    lowered: dict[str, str] = {}
    for name in valid:
        lowered.setdefault(name.lower(), name)
    matches = difflib.get_close_matches(str(value).lower(), list(lowered), n=n, cutoff=0.5)
    return [lowered[m] for m in matches]


def _check_provider(provider: Any) -> None:
    valid = _providers()
    if not isinstance(provider, str) or provider not in valid:
        raise BoaviztaError(
            f"Unknown BoaviztAPI cloud provider {provider!r}; valid providers: {', '.join(valid)}")


def _check_instance_type(provider: str, instance_type: Any) -> None:
    _check_provider(provider)
    valid = _instance_types(provider)
    if isinstance(instance_type, str) and instance_type in valid:
        return
    close = _closest(instance_type, valid)
    hint = f"closest matches: {', '.join(close)}" if close else f"e.g. {', '.join(valid[:5])}"
    raise BoaviztaError(
        f"Unknown BoaviztAPI instance type {instance_type!r} for provider {provider!r}: "
        f"{provider} has {len(valid)} instance types ({hint}); see instance_types({provider!r}) for all of them")


# ----------------------------------------------------------------------------------------------------------------
# Cloud instance impact
# ----------------------------------------------------------------------------------------------------------------

_package_lock = threading.Lock()


def _run_coroutine(coro: Any) -> Any:
    """Run a coroutine to completion, also from code that already runs inside an event loop (e.g. Jupyter)."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coro)
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coro).result()


def _impact_from_package(provider: str, instance_type: str) -> dict[str, Any]:
    try:
        from boaviztapi.routers.cloud_router import instance_cloud_impact_from_model
        from fastapi.encoders import jsonable_encoder
    except ImportError as exc:  # pragma: no cover - depends on the installation
        raise BoaviztaError(f"the boaviztapi package is not usable in-process: {exc}") from exc

    with _package_lock, warnings.catch_warnings():
        # boaviztapi's consumption-profile fit emits scipy OptimizeWarnings that say nothing to our users.
        warnings.simplefilter("ignore")
        try:
            raw = _run_coroutine(instance_cloud_impact_from_model(
                provider=provider, instance_type=instance_type, verbose=_VERBOSE, duration=None,
                criteria=list(_CRITERIA)))
        except Exception as exc:  # HTTPException for unknown names (validated before), or a computation error
            detail = getattr(exc, "detail", None) or exc
            raise BoaviztaError(
                f"boaviztapi package failed on cloud instance {provider}/{instance_type}: {detail}") from exc
    # Same encoding as the HTTP route's JSON response, so both paths give identical dicts.
    return json.loads(json.dumps(jsonable_encoder(raw), allow_nan=False))


def _impact_over_http(provider: str, instance_type: str, url: str, timeout: float) -> dict[str, Any]:
    import requests

    endpoint = url + INSTANCE_ROUTE
    params: dict[str, Any] = {"provider": provider, "instance_type": instance_type,
                              "verbose": "true" if _VERBOSE else "false", "criteria": list(_CRITERIA)}
    where = f"BoaviztAPI at {url} (GET {endpoint} for {provider}/{instance_type})"
    try:
        response = requests.get(endpoint, params=params, timeout=timeout, headers={"Accept": "application/json"})
    except requests.Timeout as exc:
        raise BoaviztaError(f"{where} timed out after {timeout} s: {exc}") from exc
    except requests.RequestException as exc:
        raise BoaviztaError(f"{where} failed: {type(exc).__name__}: {exc}") from exc
    if response.status_code != 200:
        raise BoaviztaError(f"{where} answered HTTP {response.status_code}: {response.text[:300]!r}")
    try:
        result = response.json()
    except ValueError as exc:
        raise BoaviztaError(f"{where} did not answer JSON: {response.text[:300]!r}") from exc
    if not isinstance(result, dict) or "impacts" not in result or "verbose" not in result:
        raise BoaviztaError(f"{where} answered an unexpected document: {str(result)[:300]!r}")
    if result.get("warnings"):
        # BoaviztAPI substitutes a fuzzy match for names it does not know; never accept a substituted instance.
        raise BoaviztaError(f"{where} answered with warnings {result['warnings']!r}")
    return result


@functools.lru_cache(maxsize=None)
def _cached_impact(provider: str, instance_type: str, url: str | None, timeout: float) -> dict[str, Any]:
    if url is None:
        return _impact_from_package(provider, instance_type)
    return _impact_over_http(provider, instance_type, url, timeout)


def cloud_instance_impact(provider: str = DEFAULT_PROVIDER, instance_type: str = DEFAULT_INSTANCE_TYPE, *,
                          timeout: float | None = None) -> dict[str, Any]:
    """BoaviztAPI's raw cloud-instance response for (provider, instance_type): criteria gwp, verbose, default
    duration (instance lifetime).  A JSON-like dict ``{"impacts": {...}, "verbose": {...}}`` exactly as the API
    returns it (the ``api_call_response`` attribute).

    In-process by default; over HTTP when a URL is configured (``timeout`` seconds, default
    ``DEFAULT_HTTP_TIMEOUT_S``).  Results are cached per (provider, instance_type, url); each call returns a fresh
    copy.  Raises ``BoaviztaError`` for unknown names or a failed query.
    """
    _check_instance_type(provider, instance_type)
    url = get_boavizta_api_url()
    timeout_s = float(DEFAULT_HTTP_TIMEOUT_S if timeout is None else timeout)
    # The timeout only matters for HTTP; keep it out of the in-process cache key.
    result = _cached_impact(provider, instance_type, url, timeout_s if url is not None else 0.0)
    return copy.deepcopy(result)


def _get(response: dict[str, Any], *path: str) -> Any:
    node: Any = response
    for key in path:
        if not isinstance(node, dict) or key not in node:
            raise BoaviztaError(f"BoaviztAPI response has no '{'.'.join(path)}' entry")
        node = node[key]
    return node


def cloud_instance_characteristics(response: dict[str, Any]) -> dict[str, float]:
    """The four server inputs methodology §6.3 takes from a ``cloud_instance_impact`` response:

    ``carbon_footprint_fabrication_kg`` = impacts.gwp.embedded.value (kgCO2eq, whole embodied impact as rounded by
    BoaviztAPI), ``power_w`` = verbose.avg_power.value (unit must be W and verbose.use_time_ratio 1),
    ``ram_gb`` = verbose.memory.value, ``vcpu`` = verbose.vcpu.value.
    """
    gwp_unit = _get(response, "impacts", "gwp").get("unit")
    if gwp_unit not in (None, "kgCO2eq"):
        raise BoaviztaError(f"BoaviztAPI gwp impact is in {gwp_unit!r}, expected 'kgCO2eq'")
    power_unit = _get(response, "verbose", "avg_power").get("unit")
    if power_unit != "W":
        raise BoaviztaError(f"BoaviztAPI avg_power is in {power_unit!r}, expected 'W'")
    use_time_ratio = _get(response, "verbose", "use_time_ratio", "value")
    if float(use_time_ratio) != 1.0:
        raise BoaviztaError(f"BoaviztAPI use_time_ratio is {use_time_ratio!r}, expected 1 (avg_power would not be "
                            "the power while in use)")
    memory_unit = _get(response, "verbose", "memory").get("unit")
    if memory_unit not in (None, "GB"):
        raise BoaviztaError(f"BoaviztAPI memory is in {memory_unit!r}, expected 'GB'")
    return {
        "carbon_footprint_fabrication_kg": float(_get(response, "impacts", "gwp", "embedded", "value")),
        "power_w": float(_get(response, "verbose", "avg_power", "value")),
        "ram_gb": float(_get(response, "verbose", "memory", "value")),
        "vcpu": float(_get(response, "verbose", "vcpu", "value")),
    }


def clear_cache() -> None:
    """Forget cached impacts and lists (e.g. after changing the remote API's data)."""
    _cached_impact.cache_clear()
    _providers.cache_clear()
    _instance_types.cache_clear()
