"""EcoLogits model data and per-request LLM impacts (methodology §5.5 and §6.2), as plain dicts and floats.

Why this module exists: EcoLogitsGenAIExternalAPI needs, for a (provider, model_name), the model's parameter
counts, its deployment speed and the provider's datacenter (location, PUE, WUE, electricity-mix carbon intensity);
EcoLogitsGenAIExternalAPIJob then needs the per-request impacts of ``output_token_count`` generated tokens.  Both
come from the installed ``ecologits`` package (its bundled model repository, provider configuration and
electricity mixes, and its own ``compute_llm_impacts_dag``), entirely offline.

Ranges (parameter counts, PUE, WUE) are replaced by their midpoint so every value is a plain float; the impacts DAG
is called with exactly the parameters of methodology §5.5 (request_latency = +inf, ADPe/PE/WUE electricity mixes 0,
everything else ecologits' defaults).  Nothing here knows about units or modeling classes.
"""
from __future__ import annotations

import difflib
import functools
import math
from typing import Any, Mapping

__all__ = [
    "EcoLogitsError",
    "DEFAULT_PROVIDER",
    "DEFAULT_MODEL",
    "DEFAULT_ELECTRICITY_MIX_ZONE",
    "IMPACT_KEYS",
    "IMPACT_UNITS",
    "providers",
    "models",
    "model_info",
    "llm_impacts_dag",
    "extract_request_impacts",
    "llm_request_impacts",
]

DEFAULT_PROVIDER = "anthropic"
DEFAULT_MODEL = "claude-opus-4-5"
DEFAULT_ELECTRICITY_MIX_ZONE = "WOR"

# The nine DAG entries a job extracts, with the units ecologits computes them in (methodology §5.5).
IMPACT_UNITS: dict[str, str] = {
    "gpu_energy": "kWh",
    "generation_latency": "s",
    "model_required_memory": "GB",
    "gpu_required_count": "dimensionless",
    "server_energy": "kWh",
    "request_energy": "kWh",
    "request_usage_gwp": "kg",
    "server_gpu_embodied_gwp": "kg",
    "request_embodied_gwp": "kg",
}
IMPACT_KEYS: tuple[str, ...] = tuple(IMPACT_UNITS)

_MISSING: Any = object()


class EcoLogitsError(ValueError):
    """Unknown EcoLogits provider or model, or inputs the impacts DAG cannot use."""


# ----------------------------------------------------------------------------------------------------------------
# Package data
# ----------------------------------------------------------------------------------------------------------------

@functools.lru_cache(maxsize=None)
def _models_by_provider() -> dict[str, tuple[str, ...]]:
    from ecologits.model_repository import models as repository

    by_provider: dict[str, list[str]] = {}
    for model in repository.list_models():  # repository order: models, then aliases
        by_provider.setdefault(model.provider.value, []).append(model.name)
    return {provider: tuple(names) for provider, names in sorted(by_provider.items())}


def providers() -> list[str]:
    """Providers having models in the ecologits repository, sorted
    (``[anthropic, cohere, google_genai, huggingface_hub, mistralai, openai]`` in 0.10.2)."""
    return list(_models_by_provider())


def models(provider: str) -> list[str]:
    """Model names of ``provider`` in the repository's order (models, then aliases).  Raises ``EcoLogitsError``
    for an unknown provider."""
    _check_provider(provider)
    return list(_models_by_provider()[provider])


def _closest(value: Any, valid: list[str] | tuple[str, ...], n: int = 5) -> list[str]:
    """Up to n valid names closest to value (case-insensitive difflib ratio)."""
    lowered: dict[str, str] = {}
    for name in valid:
        lowered.setdefault(name.lower(), name)
    matches = difflib.get_close_matches(str(value).lower(), list(lowered), n=n, cutoff=0.5)
    return [lowered[m] for m in matches]


def _check_provider(provider: Any) -> None:
    valid = list(_models_by_provider())
    if not isinstance(provider, str) or provider not in valid:
        raise EcoLogitsError(f"Unknown EcoLogits provider {provider!r}; valid providers: {', '.join(valid)}")


def _check_model(provider: Any, model_name: Any) -> None:
    _check_provider(provider)
    valid = _models_by_provider()[provider]
    if isinstance(model_name, str) and model_name in valid:
        return
    close = _closest(model_name, valid)
    hint = f"closest matches: {', '.join(close)}" if close else f"e.g. {', '.join(valid[:5])}"
    raise EcoLogitsError(
        f"Unknown EcoLogits model {model_name!r} for provider {provider!r}: {provider} has {len(valid)} models "
        f"({hint}); see models({provider!r}) for all of them")


def _midpoint(value: Any) -> float:
    """A plain number, or the midpoint (min+max)/2 of an ecologits RangeValue."""
    if hasattr(value, "min") and hasattr(value, "max"):
        return float((value.min + value.max) / 2)
    return float(value)


def _optional_float(value: Any) -> float | None:
    return None if value is None else float(value)


@functools.lru_cache(maxsize=None)
def _model_info(provider: str, model_name: str) -> tuple[tuple[str, Any], ...]:
    from ecologits.electricity_mix_repository import electricity_mixes
    from ecologits.model_repository import ParametersMoE
    from ecologits.model_repository import models as repository
    from ecologits.tracers.utils import PROVIDER_CONFIG_MAP

    model = repository.find_model(provider=provider, model_name=model_name)
    if model is None:  # pragma: no cover - names come from the same repository
        raise EcoLogitsError(f"ecologits has no model {model_name!r} for provider {provider!r}")
    parameters = model.architecture.parameters
    if isinstance(parameters, ParametersMoE):
        total, active = _midpoint(parameters.total), _midpoint(parameters.active)
    else:
        total = active = _midpoint(parameters)
    deployment = model.deployment

    config = PROVIDER_CONFIG_MAP.get(provider)
    if config is None:
        raise EcoLogitsError(f"ecologits has no datacenter configuration for provider {provider!r}")
    location = config.datacenter_location
    zone = location or DEFAULT_ELECTRICITY_MIX_ZONE
    mix = electricity_mixes.find_electricity_mix(zone=zone)
    if mix is None:
        raise EcoLogitsError(f"ecologits has no electricity mix for zone {zone!r} (provider {provider!r})")

    return (
        ("provider", provider),
        ("model_name", model_name),
        ("architecture", model.architecture.type.value),
        ("total_params_billion", total),
        ("active_params_billion", active),
        ("tokens_per_second", _optional_float(deployment.tps) if deployment else None),
        ("time_to_first_token_s", _optional_float(deployment.ttft) if deployment else None),
        ("datacenter_location", location),
        ("electricity_mix_zone", zone),
        ("data_center_pue", _midpoint(config.datacenter_pue)),
        ("datacenter_wue", _midpoint(config.datacenter_wue)),
        ("average_carbon_intensity_kg_per_kwh", float(mix.gwp)),
        ("warnings", tuple(w.code for w in model.warnings)),
    )


def model_info(provider: str = DEFAULT_PROVIDER, model_name: str = DEFAULT_MODEL) -> dict[str, Any]:
    """What an EcoLogitsGenAIExternalAPI computes from (provider, model_name) (methodology §6.2), as plain values:

    ``total_params_billion`` / ``active_params_billion`` (MoE total/active, dense: same value; a range becomes its
    midpoint), ``tokens_per_second`` and ``time_to_first_token_s`` (None when absent), ``datacenter_location``
    (e.g. "USA"), ``electricity_mix_zone`` (the location, or "WOR" when none), ``data_center_pue`` and
    ``datacenter_wue`` (midpoints of ranges), ``average_carbon_intensity_kg_per_kwh`` (the zone's mix GWP), plus
    ``provider``, ``model_name``, ``architecture`` ("dense"/"moe") and ``warnings`` (ecologits warning codes).
    Raises ``EcoLogitsError`` for an unknown provider or model.
    """
    _check_model(provider, model_name)
    info = dict(_model_info(provider, model_name))
    info["warnings"] = list(info["warnings"])
    return info


# ----------------------------------------------------------------------------------------------------------------
# Per-request impacts
# ----------------------------------------------------------------------------------------------------------------

def _pick(info: Mapping[str, Any] | None, name: str, explicit: Any, required: bool) -> Any:
    if explicit is not _MISSING:
        return explicit
    if info is not None and name in info:
        return info[name]
    if required:
        raise EcoLogitsError(f"llm impacts need '{name}' (give a model_info dict or the explicit argument)")
    return None


def _number(name: str, value: Any, *, positive: bool = False, optional: bool = False) -> float | None:
    if value is None and optional:
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise EcoLogitsError(f"'{name}' must be a number, got {value!r}") from None
    if math.isnan(number) or (positive and number <= 0) or number < 0:
        raise EcoLogitsError(f"'{name}' must be {'> 0' if positive else '>= 0'}, got {value!r}")
    return number


def llm_impacts_dag(info: Mapping[str, Any] | None = None, output_token_count: float = 1000, *,
                    active_params_billion: Any = _MISSING, total_params_billion: Any = _MISSING,
                    tokens_per_second: Any = _MISSING, time_to_first_token_s: Any = _MISSING,
                    data_center_pue: Any = _MISSING, datacenter_wue: Any = _MISSING,
                    average_carbon_intensity_kg_per_kwh: Any = _MISSING) -> dict[str, Any]:
    """The full result dict of ecologits' ``compute_llm_impacts_dag`` (inputs and every intermediate value; the
    job's ``impacts`` attribute), called as methodology §5.5 says.

    Inputs come from ``info`` (a ``model_info`` dict) and/or the explicit keyword arguments, which win.
    ``tokens_per_second`` / ``time_to_first_token_s`` may be None (latency regression / no first-token delay).
    """
    from ecologits.impacts.llm import compute_llm_impacts_dag

    active = _number("active_params_billion",
                     _pick(info, "active_params_billion", active_params_billion, True), positive=True)
    total = _number("total_params_billion",
                    _pick(info, "total_params_billion", total_params_billion, True), positive=True)
    tps = _number("tokens_per_second", _pick(info, "tokens_per_second", tokens_per_second, False),
                  positive=True, optional=True)
    ttft = _number("time_to_first_token_s", _pick(info, "time_to_first_token_s", time_to_first_token_s, False),
                   optional=True)
    pue = _number("data_center_pue", _pick(info, "data_center_pue", data_center_pue, True), positive=True)
    wue = _number("datacenter_wue", _pick(info, "datacenter_wue", datacenter_wue, True))
    mix_gwp = _number("average_carbon_intensity_kg_per_kwh",
                      _pick(info, "average_carbon_intensity_kg_per_kwh", average_carbon_intensity_kg_per_kwh, True))
    tokens = _number("output_token_count", output_token_count)

    return compute_llm_impacts_dag(
        model_active_parameter_count=active,
        model_total_parameter_count=total,
        output_token_count=tokens,
        request_latency=math.inf,
        if_electricity_mix_adpe=0,
        if_electricity_mix_pe=0,
        if_electricity_mix_gwp=mix_gwp,
        if_electricity_mix_wue=0,
        datacenter_pue=pue,
        datacenter_wue=wue,
        tps=tps,
        ttft=ttft,
    )


def extract_request_impacts(dag_result: Mapping[str, Any]) -> dict[str, float]:
    """The nine entries of ``IMPACT_KEYS`` from an impacts DAG result, as floats in ``IMPACT_UNITS``."""
    out: dict[str, float] = {}
    for key in IMPACT_KEYS:
        value = dag_result[key]
        if hasattr(value, "min") and hasattr(value, "max"):  # only when a caller fed ranges to the DAG
            value = _midpoint(value)
        out[key] = float(value)
    return out


def llm_request_impacts(info: Mapping[str, Any] | None = None, output_token_count: float = 1000,
                        **explicit: Any) -> dict[str, float]:
    """Per-request impacts of generating ``output_token_count`` tokens: ``gpu_energy`` (kWh), ``generation_latency``
    (s), ``model_required_memory`` (GB), ``gpu_required_count``, ``server_energy`` (kWh), ``request_energy`` (kWh),
    ``request_usage_gwp`` (kg), ``server_gpu_embodied_gwp`` (kg), ``request_embodied_gwp`` (kg), all floats.

    ``info`` is a ``model_info`` dict; explicit keyword arguments (as for ``llm_impacts_dag``) override it.
    """
    return extract_request_impacts(llm_impacts_dag(info, output_token_count, **explicit))
