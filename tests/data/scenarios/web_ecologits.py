"""Three EcoLogits GenAI external APIs (Anthropic default, Mistral, Google Gemini) called by one journey; Italy, 1 year.

Exercises: EcoLogitsGenAIExternalAPI.from_defaults (provider anthropic, model claude-opus-4-5), mistralai /
mistral-large-latest and google_genai / gemini-2.0-flash (model parameters, tokens-per-second / time-to-first-token,
provider PUE and datacenter electricity mix from ecologits 0.10.2), EcoLogitsGenAIExternalAPIJobs with output token
counts 150, 800, 2500 and 6000 (two jobs on the same API), the external-API servers' footprints (per-request values
x raw occurrences, Wh/g units below 0.01), a plain Job on a Server in the same journey, Device.laptop(),
Network.wifi_network(), Countries.ITALY(), usage from create_hourly_usage_from_frequency (daily, several hours).
Every UsageJourneyStep.user_time_spent is given in minutes (one unit per journey) so that the reference's
series/series unit-label bug cannot affect the impact repartitions.
Stages: "base", then "after_token_change" (the Gemini job's output_token_count 800 -> 3000).
"""
_stage_hook = globals().get("_stage_hook") or (lambda name, g: None)


def stage(name):
    _stage_hook(name, globals())


from efootprint.abstract_modeling_classes.source_objects import SourceObject, SourceValue, Sources
from efootprint.builders.external_apis.ecologits.ecologits_external_api import (
    EcoLogitsGenAIExternalAPI, EcoLogitsGenAIExternalAPIJob)
from efootprint.builders.time_builders import create_hourly_usage_from_frequency
from efootprint.constants.countries import Countries
from efootprint.constants.units import u
from efootprint.core.hardware.device import Device
from efootprint.core.hardware.network import Network
from efootprint.core.hardware.server import Server
from efootprint.core.hardware.storage import Storage
from efootprint.core.system import System
from efootprint.core.usage.job import Job
from efootprint.core.usage.usage_journey import UsageJourney
from efootprint.core.usage.usage_journey_step import UsageJourneyStep
from efootprint.core.usage.usage_pattern import UsagePattern

STAGE_DESCRIPTIONS = {
    "base": "Claude (default), Mistral large and Gemini 2.0 flash APIs + a small web server; Italy.",
    "after_token_change": "base + Gemini job output_token_count 800 -> 3000.",
}

claude = EcoLogitsGenAIExternalAPI.from_defaults("Claude default API")
mistral = EcoLogitsGenAIExternalAPI(
    "Mistral large API", provider=SourceObject("mistralai"), model_name=SourceObject("mistral-large-latest"))
gemini = EcoLogitsGenAIExternalAPI(
    "Gemini flash API", provider=SourceObject("google_genai"), model_name=SourceObject("gemini-2.0-flash"))

claude_short = EcoLogitsGenAIExternalAPIJob(
    "Claude short answer", claude, output_token_count=SourceValue(150 * u.dimensionless))
claude_long = EcoLogitsGenAIExternalAPIJob(
    "Claude long report", claude, output_token_count=SourceValue(6000 * u.dimensionless))
mistral_job = EcoLogitsGenAIExternalAPIJob(
    "Mistral summary", mistral, output_token_count=SourceValue(2500 * u.dimensionless))
gemini_job = EcoLogitsGenAIExternalAPIJob(
    "Gemini translation", gemini, output_token_count=SourceValue(800 * u.dimensionless))
web_job = Job.from_defaults("Web page", server=Server.from_defaults("Web server", storage=Storage.ssd("Web SSD")))

journey = UsageJourney("GenAI journey", uj_steps=[
    UsageJourneyStep("Ask", user_time_spent=SourceValue(2 * u.min, Sources.USER_DATA),
                     jobs=[web_job, claude_short, gemini_job]),
    UsageJourneyStep("Draft report", user_time_spent=SourceValue(10 * u.min, Sources.USER_DATA),
                     jobs=[claude_long, mistral_job, web_job]),
])

starts = create_hourly_usage_from_frequency(
    1 * u.year, input_volume=250, frequency="daily", hours=[8, 9, 10, 11, 14, 15, 16, 17, 21])

usage_pattern = UsagePattern(
    "Italian GenAI users", usage_journey=journey, devices=[Device.laptop()], network=Network.wifi_network(),
    country=Countries.ITALY(), hourly_usage_journey_starts=starts)

system = System("EcoLogits system", usage_patterns=[usage_pattern], edge_usage_patterns=[])
stage("base")

gemini_job.output_token_count = SourceValue(3000 * u.dimensionless)
stage("after_token_change")
