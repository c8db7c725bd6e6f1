"""Tests of efp_core.builders.ecologits_data against the seed's gpt-4o numbers (methodology §5.5) and other models."""
from __future__ import annotations

import math
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from efp_core.builders import ecologits_data as el  # noqa: E402

# The seed's EcoLogits impacts dict for openai/gpt-4o, 1000 output tokens (efootprint 17.1 + ecologits 0.10.2).
GPT_4O_IMPACTS = {
    "model_active_parameter_count": 88.0, "model_total_parameter_count": 440.0, "model_quantization_bits": 16,
    "output_token_count": 1000.0, "request_latency": math.inf, "if_electricity_mix_gwp": 0.3844,
    "if_electricity_mix_adpe": 0, "if_electricity_mix_pe": 0, "if_electricity_mix_wue": 0, "datacenter_wue": 0.569,
    "datacenter_pue": 1.2, "gpu_energy_alpha": 1.1665273170451914e-06, "gpu_energy_beta": -0.011205921025579175,
    "gpu_energy_gamma": 4.052928146734005e-05, "latency_alpha": 0.0006785088094353663,
    "latency_beta": 0.0003119310311688259, "latency_gamma": 0.019473717579473387, "gpu_memory": 80,
    "gpu_embodied_gwp": 273, "gpu_embodied_adpe": 0.00895, "gpu_embodied_pe": 3721, "server_gpu_count": 8,
    "server_power": 1.2, "server_embodied_gwp": 5700, "server_embodied_adpe": 0.37, "server_embodied_pe": 70000,
    "server_lifetime": 94608000, "batch_size": 64, "tps": 46.2, "ttft": 0.53, "gpu_energy": 9.06377035298003e-05,
    "generation_latency": 22.175021645021644, "model_required_memory": 1056.0, "gpu_required_count": 16,
    "server_energy": 0.00023098980880230878, "server_gpu_embodied_gwp": 15768.0, "server_gpu_embodied_adpe": 0.8832,
    "server_gpu_embodied_pe": 199536.0, "request_it_energy": 0.0016811930652791136,
    "request_embodied_gwp": 5.7747452200577196e-05, "request_embodied_adpe": 3.234560488555922e-09,
    "request_embodied_pe": 0.0007307645625503787, "request_energy": 0.002017431678334936,
    "request_usage_wcf": 0.0009565988541438156, "request_usage_gwp": 0.0007755007371519494,
    "request_usage_adpe": 0.0, "request_usage_pe": 0.0,
}


# ---------------------------------------------------------------------------------------------------------------
# Lists
# ---------------------------------------------------------------------------------------------------------------

def test_providers():
    assert el.providers() == ["anthropic", "cohere", "google_genai", "huggingface_hub", "mistralai", "openai"]


@pytest.mark.parametrize("provider, count, first", [
    ("anthropic", 16, ["claude-opus-4-1-20250805", "claude-opus-4-20250514", "claude-sonnet-4-20250514",
                       "claude-sonnet-4-5-20250929", "claude-sonnet-4-6"]),
    ("cohere", 11, ["c4ai-aya-expanse-32b", "c4ai-aya-vision-32b", "command-a-03-2025", "command-a-plus-05-2026",
                    "command-a-reasoning-08-2025"]),
    ("google_genai", 22, ["gemini-2.0-flash", "gemini-2.0-flash-001", "gemini-2.0-flash-lite",
                          "gemini-2.0-flash-lite-001", "gemini-2.5-flash"]),
    ("huggingface_hub", 176, ["databricks/dolly-v1-6b", "databricks/dolly-v2-12b", "databricks/dolly-v2-7b",
                              "databricks/dolly-v2-3b", "databricks/dbrx-base"]),
    ("mistralai", 46, ["codestral-2405", "codestral-2411-rc5", "codestral-2412", "codestral-2501", "codestral-2508"]),
    ("openai", 85, ["chat-latest", "gpt-3.5-turbo", "gpt-3.5-turbo-0125", "gpt-3.5-turbo-1106",
                    "gpt-3.5-turbo-16k"]),
])
def test_models_counts_and_order(provider, count, first):
    names = el.models(provider)
    assert len(names) == count
    assert names[:5] == first


def test_defaults():
    assert (el.DEFAULT_PROVIDER, el.DEFAULT_MODEL) == ("anthropic", "claude-opus-4-5")
    assert el.DEFAULT_MODEL in el.models(el.DEFAULT_PROVIDER)
    assert el.model_info()["model_name"] == "claude-opus-4-5"


def test_every_model_has_usable_info():
    for provider in el.providers():
        for name in el.models(provider):
            info = el.model_info(provider, name)
            assert 0 < info["active_params_billion"] <= info["total_params_billion"]
            impacts = el.llm_request_impacts(info, 100)
            assert all(isinstance(v, float) and math.isfinite(v) and v > 0 for v in impacts.values())


# ---------------------------------------------------------------------------------------------------------------
# model_info
# ---------------------------------------------------------------------------------------------------------------

def test_model_info_gpt_4o():
    info = el.model_info("openai", "gpt-4o")
    assert info["total_params_billion"] == 440.0
    assert info["active_params_billion"] == 88.0  # MoE active range 44..132 -> midpoint
    assert info["tokens_per_second"] == 46.2
    assert info["time_to_first_token_s"] == 0.53
    assert info["datacenter_location"] == "USA"
    assert info["electricity_mix_zone"] == "USA"
    assert info["data_center_pue"] == 1.2
    assert info["datacenter_wue"] == 0.569
    assert info["average_carbon_intensity_kg_per_kwh"] == 0.3844


def test_model_info_ranges_are_midpoints():
    info = el.model_info("anthropic", "claude-opus-4-5")
    assert info["total_params_billion"] == 670.0
    assert info["active_params_billion"] == (67 + 200) / 2
    assert info["data_center_pue"] == pytest.approx(1.115)  # range 1.09..1.14
    assert info["datacenter_wue"] == pytest.approx((0.13 + 0.999) / 2)
    assert (info["tokens_per_second"], info["time_to_first_token_s"]) == (39.6, 1.56)


def test_model_info_dense_and_sweden():
    info = el.model_info("mistralai", "mistral-large-latest")
    assert info["architecture"] == "dense"
    assert info["total_params_billion"] == info["active_params_billion"] == 123.0
    assert info["datacenter_location"] == "SWE"
    assert info["data_center_pue"] == 1.16
    assert info["datacenter_wue"] == 0.09
    assert info["average_carbon_intensity_kg_per_kwh"] == 0.03526


def test_model_info_without_deployment_speed():
    info = el.model_info("huggingface_hub", "databricks/dolly-v2-12b")
    assert info["tokens_per_second"] is None and info["time_to_first_token_s"] is None


# ---------------------------------------------------------------------------------------------------------------
# Impacts
# ---------------------------------------------------------------------------------------------------------------

def test_gpt_4o_dag_equals_seed_exactly():
    dag = el.llm_impacts_dag(el.model_info("openai", "gpt-4o"), 1000)
    assert list(dag) == list(GPT_4O_IMPACTS)
    assert dag == GPT_4O_IMPACTS


def test_gpt_4o_request_impacts():
    impacts = el.llm_request_impacts(el.model_info("openai", "gpt-4o"), 1000)
    assert list(impacts) == list(el.IMPACT_KEYS)
    assert impacts["generation_latency"] == pytest.approx(22.175022, rel=1e-7)
    assert impacts["gpu_required_count"] == 16
    assert impacts["model_required_memory"] == 1056
    assert impacts["request_energy"] * 1000 == pytest.approx(2.0174317, rel=1e-7)  # Wh
    assert impacts["request_usage_gwp"] * 1000 == pytest.approx(0.77550074, rel=1e-7)  # g
    assert impacts["request_embodied_gwp"] * 1000 == pytest.approx(0.057747452, rel=1e-7)  # g
    assert impacts["server_gpu_embodied_gwp"] == 15768.0
    for key in el.IMPACT_KEYS:
        assert impacts[key] == GPT_4O_IMPACTS[key]


def test_explicit_arguments_match_info_and_override():
    explicit = el.llm_request_impacts(None, 1000, active_params_billion=88, total_params_billion=440,
                                      tokens_per_second=46.2, time_to_first_token_s=0.53, data_center_pue=1.2,
                                      datacenter_wue=0.569, average_carbon_intensity_kg_per_kwh=0.3844)
    assert explicit == el.llm_request_impacts(el.model_info("openai", "gpt-4o"), 1000)
    # Overriding tps with None switches to the latency regression: n × (lat_α·A + lat_β·B + lat_γ).
    regression = el.llm_request_impacts(el.model_info("openai", "gpt-4o"), 1000, tokens_per_second=None,
                                        time_to_first_token_s=None)
    expected = 1000 * (6.785088094353663e-4 * 88 + 3.119310311688259e-4 * 64 + 0.019473717579473387)
    assert regression["generation_latency"] == pytest.approx(expected, rel=1e-12)
    with pytest.raises(el.EcoLogitsError, match="active_params_billion"):
        el.llm_request_impacts(None, 1000)


def _formulas(a, t, n, tps, ttft, pue, mix):
    """Methodology §5.5 written out, to check the DAG call independently."""
    b = 64
    gpu_energy = n * (1.1665273170451914e-06 * math.exp(-0.011205921025579175 * b) * a + 4.052928146734005e-05) / 1000
    if tps is None:
        latency = n * (6.785088094353663e-4 * a + 3.119310311688259e-4 * b + 0.019473717579473387)
    else:
        latency = n / tps + (ttft or 0)
    memory = 1.2 * t * 16 / 8
    gpus = 2 ** math.ceil(math.log2(math.ceil(memory / 80)))
    server_energy = (latency / 3600) * 1.2 * (gpus / 8) / b
    request_energy = pue * (server_energy + gpus * gpu_energy)
    embodied = (gpus / 8) * 5700 + gpus * 273
    return {
        "gpu_energy": gpu_energy, "generation_latency": latency, "model_required_memory": memory,
        "gpu_required_count": gpus, "server_energy": server_energy, "request_energy": request_energy,
        "request_usage_gwp": request_energy * mix, "server_gpu_embodied_gwp": embodied,
        "request_embodied_gwp": latency * embodied / (3 * 365 * 24 * 3600 * b),
    }


@pytest.mark.parametrize("provider, model, tokens, expected_gpus", [
    ("anthropic", "claude-opus-4-5", 1000, 32),          # MoE with range, anthropic PUE/WUE ranges
    ("mistralai", "mistral-large-latest", 250, 4),       # dense, Sweden mix
    ("huggingface_hub", "databricks/dolly-v2-12b", 500, 1),  # no tps/ttft: latency regression
])
def test_other_models_follow_the_formulas(provider, model, tokens, expected_gpus):
    info = el.model_info(provider, model)
    impacts = el.llm_request_impacts(info, tokens)
    expected = _formulas(info["active_params_billion"], info["total_params_billion"], tokens,
                         info["tokens_per_second"], info["time_to_first_token_s"], info["data_center_pue"],
                         info["average_carbon_intensity_kg_per_kwh"])
    assert impacts["gpu_required_count"] == expected_gpus
    for key, value in expected.items():
        assert impacts[key] == pytest.approx(value, rel=1e-12), key


def test_claude_opus_4_5_values():
    impacts = el.llm_request_impacts(el.model_info(), 1000)
    # 1000/39.6 + 1.56 s; 670 B params -> 1608 GB -> 21 GPUs -> 32.
    assert impacts["generation_latency"] == pytest.approx(1000 / 39.6 + 1.56, rel=1e-12)
    assert impacts["model_required_memory"] == pytest.approx(1608.0)
    assert impacts["server_gpu_embodied_gwp"] == 32 / 8 * 5700 + 32 * 273


# ---------------------------------------------------------------------------------------------------------------
# Errors
# ---------------------------------------------------------------------------------------------------------------

def test_unknown_provider():
    with pytest.raises(el.EcoLogitsError) as info:
        el.model_info("open-ai", "gpt-4o")
    message = str(info.value)
    assert isinstance(info.value, ValueError)
    assert "'open-ai'" in message
    for provider in el.providers():
        assert provider in message
    with pytest.raises(el.EcoLogitsError):
        el.models("open-ai")


def test_unknown_model_lists_count_and_closest():
    with pytest.raises(el.EcoLogitsError) as info:
        el.model_info("openai", "gpt4o")
    message = str(info.value)
    assert "'gpt4o'" in message and "85" in message and "gpt-4o" in message


def test_bad_numbers():
    info = el.model_info("openai", "gpt-4o")
    with pytest.raises(el.EcoLogitsError, match="output_token_count"):
        el.llm_request_impacts(info, -1)
    with pytest.raises(el.EcoLogitsError, match="tokens_per_second"):
        el.llm_request_impacts(info, 10, tokens_per_second=0)
