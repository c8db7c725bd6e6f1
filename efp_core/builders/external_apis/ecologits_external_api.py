"""Generative-AI APIs modelled with EcoLogits: model size and provider datacenter from the (provider, model)
choice (methodology §6.2), per-request energy and embodied impacts from the number of generated tokens (§5.5), and
the API server's footprints = per-request values × requests started each hour (§6.4).

All EcoLogits data comes through `efp_core.builders.ecologits_data`.
"""
from __future__ import annotations

from typing import Any

from efp_core.builders import ecologits_data
from efp_core.builders.external_apis.external_api import ExternalAPI, ExternalAPIJob, ExternalAPIServer
from efp_core.domain.repartition import REPARTITION
from efp_core.domain.usage.job import JOB_CHAIN
from efp_core.engine import calculated
from efp_core.engine.lazy_class_value import lazy_class_value
from efp_core.errors import ChoiceError
from efp_core.sources import Source
from efp_core.units import u
from efp_core.values import (
    EmptyExplainableObject,
    ExplainableObject,
    ExplainableObjectValue,
    ExplainableQuantity,
    Formula,
    SourceObject,
    SourceValue,
)

ECOLOGITS = Source("EcoLogits", "https://ecologits.ai/")
BYTES_PER_OUTPUT_TOKEN = SourceValue(5 * u.B, label="Data transferred per generated token")

# Per-request values read from the EcoLogits impacts DAG, in the order they are calculated, with their units.
REQUEST_IMPACTS = tuple(ecologits_data.IMPACT_KEYS)


def _provider_choices() -> list[SourceObject]:
    return [SourceObject(provider) for provider in ecologits_data.providers()]


def _model_choices() -> dict[SourceObject, list[SourceObject]]:
    return {SourceObject(provider): [SourceObject(model) for model in ecologits_data.models(provider)]
            for provider in ecologits_data.providers()}


def _quantity(value: Any, unit: Any, operator: str, *operands: Any) -> ExplainableQuantity:
    """A calculated quantity read from EcoLogits, explained by the inputs it was looked up from."""
    out = ExplainableQuantity._from_formula(u.Quantity(value, unit), Formula(operator, operands))
    out.source = ECOLOGITS
    return out  # type: ignore[return-value]


def _readable(value: float, unit: str) -> Any:
    """EcoLogits' kWh and kg values below 0.01 are expressed in Wh and g (same quantity, handier unit)."""
    if unit == "kWh" and abs(value) < 0.01:
        return value * 1000, u.Wh
    if unit == "kg" and abs(value) < 0.01:
        return value * 1000, u.g
    return value, u(unit).units if unit != "dimensionless" else u.dimensionless


class EcoLogitsGenAIExternalAPI(ExternalAPI):
    """A generative-AI API (provider, model) whose request impacts EcoLogits estimates."""

    default_values = {"provider": SourceObject(ecologits_data.DEFAULT_PROVIDER),
                      "model_name": SourceObject(ecologits_data.DEFAULT_MODEL)}
    # Read from EcoLogits' model repository when first needed, not at import.
    list_values = lazy_class_value(lambda: {"provider": _provider_choices()})
    conditional_list_values = lazy_class_value(lambda: {"model_name": {"depends_on": "provider",
                                                                       "conditional_list_values": _model_choices()}})
    calculated_attributes_order = ("model_total_params", "model_active_params", "tokens_per_second",
                                   "time_to_first_token", "datacenter_location", "data_center_pue",
                                   "average_carbon_intensity")

    def __init__(self, name: str, provider: ExplainableObject, model_name: ExplainableObject) -> None:
        super().__init__(name)
        self.provider = provider
        self.model_name = model_name
        self._create_server()

    def validated_input(self, attr: str, value: Any, pending: Any = None) -> Any:
        value = super().validated_input(attr, value, pending)
        if attr == "provider" and "model_name" in self._values:
            # A new provider must come with one of its models (change both in one ModelingUpdate).
            model = (pending or {}).get((self, "model_name"), self._values["model_name"])
            valid = ecologits_data.models(value.value)
            if getattr(model, "value", model) not in valid:
                raise ChoiceError(self, "model_name", f"one of {valid} (the models of provider {value.value!r})",
                                  getattr(model, "value", model),
                                  "change provider and model_name together in one ModelingUpdate")
        return value

    @classmethod
    def compatible_jobs(cls) -> list[type]:
        return [EcoLogitsGenAIExternalAPIJob]

    def _info(self) -> dict[str, Any]:
        return ecologits_data.model_info(self.provider.value, self.model_name.value)

    def _lookup(self, key: str, unit: Any, what: str) -> Any:
        value = self._info()[key]
        if value is None:
            return EmptyExplainableObject(f"no {what} known for {self.model_name.value}")
        return _quantity(value, unit, f"EcoLogits {what}", self.provider, self.model_name)

    @calculated
    def model_total_params(self) -> Any:
        """Total parameter count (mixture of experts: all experts; a range gives its midpoint)."""
        return self._lookup("total_params_billion", u.billion, "total parameter count")

    @calculated
    def model_active_params(self) -> Any:
        """Parameters active per generated token (equal to the total for dense models)."""
        return self._lookup("active_params_billion", u.billion, "active parameter count")

    @calculated
    def tokens_per_second(self) -> Any:
        """Generation speed of the provider's deployment (∅ when EcoLogits does not know it)."""
        return self._lookup("tokens_per_second", u.dimensionless, "tokens per second")

    @calculated
    def time_to_first_token(self) -> Any:
        """Delay before the first token (∅ when EcoLogits does not know it)."""
        return self._lookup("time_to_first_token_s", u.s, "time to first token")

    @calculated
    def datacenter_location(self) -> Any:
        """Country code of the provider's datacenters."""
        location = self._info()["datacenter_location"]
        if location is None:
            return EmptyExplainableObject(f"no datacenter location known for {self.provider.value}")
        out = ExplainableObjectValue._from_formula(
            location, Formula("EcoLogits datacenter location", (self.provider,)))
        out.source = ECOLOGITS
        return out

    @calculated
    def data_center_pue(self) -> Any:
        """Power usage effectiveness of the provider's datacenters (a range gives its midpoint)."""
        return _quantity(self._info()["data_center_pue"], u.dimensionless, "EcoLogits datacenter PUE",
                         self.provider)

    @calculated
    def average_carbon_intensity(self) -> Any:
        """Carbon intensity of the electricity of the datacenter location (world average when unknown)."""
        return _quantity(self._info()["average_carbon_intensity_kg_per_kwh"], u.kg / u.kWh,
                         "EcoLogits electricity mix", self.datacenter_location)


class EcoLogitsGenAIExternalAPIJob(ExternalAPIJob):
    """A request to an EcoLogits GenAI API generating `output_token_count` tokens."""

    default_values = {"output_token_count": SourceValue(1000 * u.dimensionless)}
    calculated_attributes_order = ("data_transferred", "impacts", *REQUEST_IMPACTS,  # type: ignore[assignment]
                                   "request_duration",
                                   *JOB_CHAIN, *REPARTITION, "hourly_occurrences_across_usage_patterns")

    def __init__(self, name: str, external_api: EcoLogitsGenAIExternalAPI,
                 output_token_count: ExplainableQuantity) -> None:
        super().__init__(name)
        self.external_api = external_api
        self.output_token_count = output_token_count

    @calculated
    def data_transferred(self) -> Any:
        """About 5 bytes of text per generated token."""
        return (BYTES_PER_OUTPUT_TOKEN * self.output_token_count).to(u.kB)

    @calculated
    def impacts(self) -> Any:
        """Every input and intermediate value of EcoLogits' LLM impacts computation for one request."""
        api = self.external_api
        tps, ttft = api.tokens_per_second, api.time_to_first_token
        operands = (api.model_active_params, api.model_total_params, self.output_token_count, tps, ttft,
                    api.data_center_pue, api.average_carbon_intensity, api.provider)
        dag = ecologits_data.llm_impacts_dag(
            ecologits_data.model_info(api.provider.value, api.model_name.value),
            self.output_token_count.value.to(u.dimensionless).magnitude,
            active_params_billion=api.model_active_params.value.to(u.billion).magnitude,
            total_params_billion=api.model_total_params.value.to(u.billion).magnitude,
            tokens_per_second=None if tps.is_empty else tps.value.to(u.dimensionless).magnitude,
            time_to_first_token_s=None if ttft.is_empty else ttft.value.to(u.s).magnitude,
            data_center_pue=api.data_center_pue.value.to(u.dimensionless).magnitude,
            average_carbon_intensity_kg_per_kwh=api.average_carbon_intensity.value.to(u.kg / u.kWh).magnitude)
        out = ExplainableObjectValue._from_formula(
            dag, Formula("EcoLogits compute_llm_impacts_dag", tuple(o for o in operands if not o.is_empty)))
        out.source = ECOLOGITS
        return out

    def _impact(self, key: str) -> ExplainableQuantity:
        value, unit = _readable(float(ecologits_data.extract_request_impacts(self.impacts.value)[key]),
                                ecologits_data.IMPACT_UNITS[key])
        return _quantity(value, unit, f"EcoLogits {key}", self.impacts)

    @calculated
    def gpu_energy(self) -> Any:
        """Energy of one GPU generating the tokens."""
        return self._impact("gpu_energy")

    @calculated
    def generation_latency(self) -> Any:
        """Time to generate the answer (tokens / tokens per second + time to first token)."""
        return self._impact("generation_latency")

    @calculated
    def model_required_memory(self) -> Any:
        """GPU memory needed to hold the model's weights (with a 1.2 overhead)."""
        return self._impact("model_required_memory")

    @calculated
    def gpu_required_count(self) -> Any:
        """GPUs needed for that memory (a power of two)."""
        return self._impact("gpu_required_count")

    @calculated
    def server_energy(self) -> Any:
        """Energy of the rest of the server during the request (shared by the batch)."""
        return self._impact("server_energy")

    @calculated
    def request_energy(self) -> Any:
        """Datacenter energy of one request (PUE × (server + GPUs))."""
        return self._impact("request_energy")

    @calculated
    def request_usage_gwp(self) -> Any:
        """Usage emissions of one request (energy × datacenter electricity mix)."""
        return self._impact("request_usage_gwp")

    @calculated
    def server_gpu_embodied_gwp(self) -> Any:
        """Embodied emissions of the server share and GPUs the model needs."""
        return self._impact("server_gpu_embodied_gwp")

    @calculated
    def request_embodied_gwp(self) -> Any:
        """Embodied emissions of one request (hardware amortised over its lifetime and the batch)."""
        return self._impact("request_embodied_gwp")

    @calculated
    def request_duration(self) -> Any:
        """A request lasts its generation latency."""
        return self.generation_latency


class EcoLogitsGenAIExternalAPIServer(ExternalAPIServer):
    """The provider infrastructure behind an EcoLogitsGenAIExternalAPI (created by the API)."""


EcoLogitsGenAIExternalAPI.server_class = EcoLogitsGenAIExternalAPIServer

__all__ = ["EcoLogitsGenAIExternalAPI", "EcoLogitsGenAIExternalAPIJob", "EcoLogitsGenAIExternalAPIServer"]
