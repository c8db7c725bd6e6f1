"""EcoLogitsGenAIExternalAPI / Job / Server (methodology §5.5, §6.2, §6.4): the seed's gpt-4o values, the server's
footprints on a small usage pattern, choice errors, and other models checked against the §5.5 formulas."""
from __future__ import annotations

import math
from datetime import datetime

import numpy as np
import pytest

from efp_core import (
    ChoiceError,
    Countries,
    Device,
    EcoLogitsGenAIExternalAPI,
    EcoLogitsGenAIExternalAPIJob,
    EcoLogitsGenAIExternalAPIServer,
    Job,
    ModelingUpdate,
    Network,
    Server,
    SourceHourlyValues,
    SourceObject,
    SourceValue,
    Storage,
    System,
    UsageJourney,
    UsageJourneyStep,
    UsagePattern,
    u,
)

STARTS = np.array([0, 10, 250, 3000, 40, 0, 7, 1234.5] * 6, dtype=np.float32)  # 48 h


def close(value, expected, unit, rel=1e-7):
    return math.isclose(value.value.to(unit).magnitude, expected, rel_tol=rel)


def gpt4o(name="Openai’s gpt-4o"):
    return EcoLogitsGenAIExternalAPI(name, provider=SourceObject("openai"), model_name=SourceObject("gpt-4o"))


def small_system(*jobs, minutes=1):
    step = UsageJourneyStep("Chat", user_time_spent=SourceValue(minutes * u.min), jobs=list(jobs))
    journey = UsageJourney("Journey", uj_steps=[step])
    pattern = UsagePattern(
        "Pattern", usage_journey=journey, devices=[Device.laptop()], network=Network.wifi_network(),
        country=Countries.FRANCE(),
        hourly_usage_journey_starts=SourceHourlyValues(STARTS * u.occurrence, datetime(2025, 1, 1)))
    return System("System", usage_patterns=[pattern], edge_usage_patterns=[]), step, pattern


# ---------------------------------------------------------------------------------------------------------------
# The seed's gpt-4o (methodology §5.5 and §6.2, golden after_llm_step)
# ---------------------------------------------------------------------------------------------------------------

def test_api_values_and_server():
    api = gpt4o()
    assert isinstance(api.server, EcoLogitsGenAIExternalAPIServer)
    assert api.server.name == "Openai’s gpt-4o server"
    assert api.server.modeling_obj_containers == [api]
    assert close(api.model_total_params, 440, u.billion)
    assert close(api.model_active_params, 88, u.billion)
    assert close(api.tokens_per_second, 46.2, u.dimensionless)
    assert close(api.time_to_first_token, 0.53, u.s)
    assert api.datacenter_location.value == "USA"
    assert close(api.data_center_pue, 1.2, u.dimensionless)
    assert close(api.average_carbon_intensity, 0.3844, u.kg / u.kWh)
    assert api.calculated_attributes == [
        "model_total_params", "model_active_params", "tokens_per_second", "time_to_first_token",
        "datacenter_location", "data_center_pue", "average_carbon_intensity"]
    assert EcoLogitsGenAIExternalAPI.compatible_jobs() == [EcoLogitsGenAIExternalAPIJob]


def test_defaults():
    api = EcoLogitsGenAIExternalAPI.from_defaults("Default API")
    assert (api.provider.value, api.model_name.value) == ("anthropic", "claude-opus-4-5")
    job = EcoLogitsGenAIExternalAPIJob.from_defaults("Default job", external_api=api)
    assert job.output_token_count.value == 1000 * u.dimensionless


def test_gpt4o_job_values():
    job = EcoLogitsGenAIExternalAPIJob("LLM API call", gpt4o(), output_token_count=SourceValue(1000 * u.dimensionless))
    assert close(job.data_transferred, 5, u.kB)
    assert job.impacts.value["gpu_required_count"] == 16
    assert close(job.gpu_energy, 0.0906377035298003, u.Wh)
    assert close(job.generation_latency, 22.175022, u.s)
    assert close(job.model_required_memory, 1056, u.GB)
    assert close(job.gpu_required_count, 16, u.dimensionless)
    assert close(job.server_energy, 0.2309898088023088, u.Wh)
    assert close(job.request_energy, 2.0174317, u.Wh)
    assert close(job.request_usage_gwp, 0.77550074, u.g)
    assert close(job.server_gpu_embodied_gwp, 15768, u.kg)
    assert close(job.request_embodied_gwp, 0.057747452, u.g)
    assert close(job.request_duration, 22.175022, u.s)
    # Values below 0.01 kWh / kg are shown in Wh / g; larger ones keep kWh / kg.
    assert str(job.request_energy.unit) == "watt_hour" and str(job.request_usage_gwp.unit) == "gram"
    assert str(job.server_gpu_embodied_gwp.unit) == "kilogram"
    assert job.data_stored.value.magnitude == 0


def test_server_footprints_on_a_small_usage_pattern():
    api = gpt4o()
    job = EcoLogitsGenAIExternalAPIJob("LLM API call", api, output_token_count=SourceValue(1000 * u.dimensionless))
    system, step, pattern = small_system(job)
    occurrences = job.hourly_occurrences_across_usage_patterns
    assert np.array_equal(occurrences.magnitude, STARTS)
    assert occurrences.start_date.isoformat() == "2024-12-31T23:00:00+00:00"  # Paris midnight in UTC
    server = api.server
    for attr, per_request, unit in (("instances_fabrication_footprint", 0.057747452200577196, u.g),
                                    ("instances_energy", 2.017431678334936, u.Wh),
                                    ("energy_footprint", 0.7755007371519494, u.g)):
        got = getattr(server, attr).value.to(unit * u.occurrence).magnitude
        np.testing.assert_allclose(got, STARTS.astype(np.float64) * per_request, rtol=1e-6)
    # The API shows its server's footprints; the System counts it under ExternalAPIs (the server is not counted).
    assert api.energy_footprint is server.energy_footprint
    assert api.instances_fabrication_footprint is server.instances_fabrication_footprint
    by_category = system.objects_by_category()
    assert by_category["ExternalAPIs"] == [api]
    assert server in system.all_linked_objects and server not in sum(by_category.values(), [])
    total_fab = system.total_fabrication_footprints["ExternalAPIs"].value.to(u.kg).magnitude.sum()
    assert math.isclose(total_fab, STARTS.sum() * 0.057747452200577196e-3, rel_tol=1e-6)
    # Repartition: the server's weights are the jobs' footprints; the job's share goes to its step.
    assert list(server.fabrication_impact_repartition) == [job]
    assert np.allclose(server.usage_impact_repartition[job].magnitude, 1)
    assert list(job.usage_impact_repartition) == [step]
    # Requests last 22.175 s: in progress = occurrences × 22.175/3600; 5 kB each.
    np.testing.assert_allclose(job.hourly_avg_occurrences_across_usage_patterns.magnitude,
                               STARTS * 22.175021645021644 / 3600, rtol=1e-6)
    np.testing.assert_allclose(job.hourly_data_transferred_across_usage_patterns.value.to(u.MB).magnitude,
                               STARTS * 0.005, rtol=1e-6)
    assert not job.hourly_data_stored_across_usage_patterns.magnitude.any()


def test_two_jobs_and_token_change_recompute():
    api = gpt4o()
    short = EcoLogitsGenAIExternalAPIJob("Short", api, output_token_count=SourceValue(100 * u.dimensionless))
    long = EcoLogitsGenAIExternalAPIJob("Long", api, output_token_count=SourceValue(3000 * u.dimensionless))
    system, _, _ = small_system(short, long)
    expected = (short.request_usage_gwp.value + long.request_usage_gwp.value).to(u.g).magnitude
    np.testing.assert_allclose(api.server.energy_footprint.value.to(u.g * u.occurrence).magnitude,
                               STARTS * expected, rtol=1e-6)
    assert list(api.server.usage_impact_repartition_weights) == [short, long]
    long.output_token_count = SourceValue(1000 * u.dimensionless)
    assert close(long.generation_latency, 22.175022, u.s)
    expected = (short.request_usage_gwp.value + long.request_usage_gwp.value).to(u.g).magnitude
    np.testing.assert_allclose(api.server.energy_footprint.value.to(u.g * u.occurrence).magnitude,
                               STARTS * expected, rtol=1e-6)


def test_api_next_to_a_server_job():
    api = gpt4o()
    llm = EcoLogitsGenAIExternalAPIJob("LLM", api, output_token_count=SourceValue(1000 * u.dimensionless))
    web = Job.from_defaults("Web", server=Server.from_defaults("Web server", storage=Storage.ssd("SSD")))
    system, _, _ = small_system(web, llm)
    assert system.servers == [web.server] and system.external_apis == [api]
    assert system.external_api_servers == [api.server]
    assert api.server.jobs == [llm]


# ---------------------------------------------------------------------------------------------------------------
# Choices
# ---------------------------------------------------------------------------------------------------------------

def test_lists():
    providers = [p.value for p in EcoLogitsGenAIExternalAPI.list_values["provider"]]
    assert providers == ["anthropic", "cohere", "google_genai", "huggingface_hub", "mistralai", "openai"]
    conditional = EcoLogitsGenAIExternalAPI.conditional_list_values["model_name"]
    assert conditional["depends_on"] == "provider"
    by_provider = {k.value: [m.value for m in v] for k, v in conditional["conditional_list_values"].items()}
    assert "gpt-4o" in by_provider["openai"] and "gpt-4o" not in by_provider["mistralai"]
    assert {p: len(v) for p, v in by_provider.items()} == {
        "anthropic": 16, "cohere": 11, "google_genai": 22, "huggingface_hub": 176, "mistralai": 46, "openai": 85}


def test_unknown_provider():
    with pytest.raises(ChoiceError) as info:
        EcoLogitsGenAIExternalAPI("Bad", provider=SourceObject("openia"), model_name=SourceObject("gpt-4o"))
    message = str(info.value)
    assert "provider" in message and "openia" in message
    assert all(p in message for p in ("anthropic", "mistralai", "openai", "huggingface_hub"))


def test_unknown_model():
    with pytest.raises(ChoiceError) as info:
        EcoLogitsGenAIExternalAPI("Bad", provider=SourceObject("openai"), model_name=SourceObject("gpt-5-ultra"))
    message = str(info.value)
    assert "model_name" in message and "gpt-5-ultra" in message and "gpt-4o" in message


def test_provider_change_needs_a_model_of_that_provider():
    api = gpt4o()
    with pytest.raises(ChoiceError) as info:
        api.provider = SourceObject("mistralai")
    assert "mistral-large-latest" in str(info.value)
    assert api.provider.value == "openai" and close(api.data_center_pue, 1.2, u.dimensionless)
    with pytest.raises(ChoiceError):
        api.model_name = SourceObject("mistral-large-latest")
    ModelingUpdate([[api.provider, SourceObject("mistralai")],
                    [api.model_name, SourceObject("mistral-large-latest")]])
    assert api.datacenter_location.value == "SWE"
    assert close(api.model_total_params, 123, u.billion)


# ---------------------------------------------------------------------------------------------------------------
# Other models, checked against the §5.5 formulas (ecologits 0.10.2 defaults)
# ---------------------------------------------------------------------------------------------------------------

ALPHA, BETA, GAMMA = 1.1665273170451914e-06, -0.011205921025579175, 4.052928146734005e-05
LAT = (6.785088094353663e-4, 3.119310311688259e-4, 0.019473717579473387)
BATCH, LIFETIME_S = 64, 3 * 365 * 24 * 3600


def formula_values(active, total, tokens, pue, mix, tps=None, ttft=None):
    gpu_energy = tokens * (ALPHA * math.exp(BETA * BATCH) * active + GAMMA) / 1000  # kWh
    if tps is not None:
        latency = tokens / tps + (ttft or 0)
    else:
        latency = tokens * (LAT[0] * active + LAT[1] * BATCH + LAT[2])
    memory = 1.2 * total * 16 / 8
    gpus = 2 ** math.ceil(math.log2(math.ceil(memory / 80)))
    server_energy = latency / 3600 * 1.2 * (gpus / 8) / BATCH
    request_energy = pue * (server_energy + gpus * gpu_energy)
    embodied = (gpus / 8) * 5700 + gpus * 273
    return {"generation_latency": latency, "gpu_required_count": gpus, "request_energy": request_energy,
            "request_usage_gwp": request_energy * mix, "server_gpu_embodied_gwp": embodied,
            "request_embodied_gwp": latency * embodied / (LIFETIME_S * BATCH)}


def check_against_formulas(job, expected):
    assert close(job.generation_latency, expected["generation_latency"], u.s, 1e-9)
    assert job.gpu_required_count.value.to(u.dimensionless).magnitude == expected["gpu_required_count"]
    assert close(job.request_energy, expected["request_energy"], u.kWh, 1e-9)
    assert close(job.request_usage_gwp, expected["request_usage_gwp"], u.kg, 1e-9)
    assert close(job.server_gpu_embodied_gwp, expected["server_gpu_embodied_gwp"], u.kg, 1e-9)
    assert close(job.request_embodied_gwp, expected["request_embodied_gwp"], u.kg, 1e-9)


def test_mistral_large():
    api = EcoLogitsGenAIExternalAPI("Mistral", provider=SourceObject("mistralai"),
                                    model_name=SourceObject("mistral-large-latest"))
    assert close(api.model_total_params, 123, u.billion) and close(api.model_active_params, 123, u.billion)
    assert api.datacenter_location.value == "SWE"
    assert close(api.data_center_pue, 1.16, u.dimensionless)
    assert close(api.average_carbon_intensity, 0.03526, u.kg / u.kWh)
    job = EcoLogitsGenAIExternalAPIJob("Summary", api, output_token_count=SourceValue(2500 * u.dimensionless))
    check_against_formulas(job, formula_values(123, 123, 2500, 1.16, 0.03526, tps=35.6, ttft=0.54))
    assert close(job.data_transferred, 12.5, u.kB)
    system, _, _ = small_system(job)
    np.testing.assert_allclose(api.energy_footprint.value.to(u.kg * u.occurrence).magnitude,
                               STARTS * job.request_usage_gwp.value.to(u.kg).magnitude, rtol=1e-6)


def test_model_without_deployment_data_uses_latency_regression():
    api = EcoLogitsGenAIExternalAPI("Dolly", provider=SourceObject("huggingface_hub"),
                                    model_name=SourceObject("databricks/dolly-v1-6b"))
    assert api.tokens_per_second.is_empty and api.time_to_first_token.is_empty
    job = EcoLogitsGenAIExternalAPIJob("Ask", api, output_token_count=SourceValue(400 * u.dimensionless))
    check_against_formulas(job, formula_values(6, 6, 400, 1.115, 0.3844))
