"""System: the root of a model; it gathers every linked object and sums their footprints by category."""
from __future__ import annotations

from typing import Any, List

from efp_core.engine import ModelingObject, calculated
from efp_core.engine.runtime import compute_system
from efp_core.engine.structure_cache import structure_cached
from efp_core.errors import StructureError
from efp_core.units import u
from efp_core.values import EmptyExplainableObject, ExplainableObjectDict, ExplainableQuantity
from efp_core.values.empty import sum_values

# Category -> class name matched in the object's class hierarchy (first match wins, in this order).
OBJECT_CATEGORIES = {"Servers": "ServerBase", "Storage": "Storage", "ExternalAPIs": "ExternalAPI",
                     "Network": "Network", "Devices": "Device", "EdgeDevices": "EdgeDevice"}


def _is(obj: Any, class_name: str) -> bool:
    return any(cls.__name__ == class_name for cls in type(obj).__mro__)


def category_of(obj: Any) -> str | None:
    for category, class_name in OBJECT_CATEGORIES.items():
        if _is(obj, class_name):
            return category
    return None


def _unique(items: Any) -> list:
    return list(dict.fromkeys(i for i in items if i is not None))


class System(ModelingObject):
    """A whole model: web usage patterns and edge usage patterns, and everything they link to."""

    is_system_root = True
    calculated_attributes_order = ("total_footprint",)
    # Change tracking, set by ModelingUpdate (not model inputs).
    previous_change: Any = None
    all_changes: list[Any]
    simulation: Any = None

    def __init__(self, name: str, usage_patterns: List[Any], edge_usage_patterns: List[Any] | None = None) -> None:
        super().__init__(name)
        self.usage_patterns = usage_patterns
        self.edge_usage_patterns = edge_usage_patterns if edge_usage_patterns is not None else []
        self.previous_change: Any = None
        self.all_changes: list[Any] = []
        self.simulation: Any = None

    def validated_input(self, attr: str, value: Any, pending: Any = None) -> Any:
        value = super().validated_input(attr, value, pending)
        for pattern in value if isinstance(value, list) else []:
            others = [s for s in pattern.systems if s is not self]
            if others:
                raise StructureError(self, attr, "usage patterns that belong to no other system",
                                     pattern, f"'{pattern.name}' is already in system '{others[0].name}'")
        return value

    def after_init(self) -> None:
        compute_system(self)

    def register_change(self, update: Any) -> None:
        self.previous_change = update
        self.all_changes.append(update)

    # ---- object lists ---------------------------------------------------------------------------
    @property
    def usage_journeys(self) -> list:
        return _unique(up.usage_journey for up in self.usage_patterns)

    @property
    def usage_journey_steps(self) -> list:
        return _unique(step for journey in self.usage_journeys for step in journey.uj_steps)

    @property
    def edge_usage_journeys(self) -> list:
        return _unique(eup.edge_usage_journey for eup in self.edge_usage_patterns)

    @property
    def edge_functions(self) -> list:
        return _unique(f for j in self.edge_usage_journeys for f in j.edge_functions)

    @property
    def recurrent_edge_device_needs(self) -> list:
        return _unique(n for f in self.edge_functions for n in f.recurrent_edge_device_needs)

    @property
    def recurrent_server_needs(self) -> list:
        return _unique(n for f in self.edge_functions for n in f.recurrent_server_needs)

    @property
    def recurrent_edge_component_needs(self) -> list:
        return _unique(c for n in self.recurrent_edge_device_needs for c in n.recurrent_edge_component_needs)

    @property
    def edge_devices(self) -> list:
        return _unique([n.edge_device for n in self.recurrent_edge_device_needs]
                       + [n.edge_device for n in self.recurrent_server_needs])

    @property
    def edge_computers(self) -> list:
        return [d for d in self.edge_devices if _is(d, "EdgeComputer")]

    @property
    def edge_components(self) -> list:
        return _unique(c for d in self.edge_devices for c in getattr(d, "components", []))

    @property
    def edge_storages(self) -> list:
        return [c for c in self.edge_components if _is(c, "EdgeStorage")]

    @property
    def devices(self) -> list:
        return _unique(d for up in self.usage_patterns for d in up.devices)

    @property
    def countries(self) -> list:
        return _unique([up.country for up in self.usage_patterns] + [e.country for e in self.edge_usage_patterns])

    @property
    def networks(self) -> list:
        return _unique([up.network for up in self.usage_patterns] + [e.network for e in self.edge_usage_patterns])

    @property
    def jobs(self) -> list:
        return _unique([job for step in self.usage_journey_steps for job in step.jobs]
                       + [job for need in self.recurrent_server_needs for job in need.jobs])

    @property
    def servers(self) -> list:
        return _unique(getattr(job, "server", None) for job in self.jobs if not _is(job, "ExternalAPIJob"))

    @property
    def services(self) -> list:
        return _unique(getattr(job, "service", None) for job in self.jobs)

    @property
    def external_apis(self) -> list:
        return _unique(getattr(job, "external_api", None) for job in self.jobs)

    @property
    def external_api_servers(self) -> list:
        return _unique(api.server for api in self.external_apis)

    @property
    def storages(self) -> list:
        return _unique(getattr(server, "storage", None) for server in self.servers)

    @property
    @structure_cached
    def all_linked_objects(self) -> list:
        """Every object of the model, in the reference's order (duplicates removed)."""
        return _unique([
            *self.networks, *self.jobs, *self.servers, *self.services, *self.external_apis,
            *self.external_api_servers, *self.countries, *self.storages, *self.usage_patterns,
            *self.usage_journeys, *self.usage_journey_steps, *self.devices, *self.edge_storages,
            *self.edge_usage_patterns, *self.edge_usage_journeys, *self.edge_functions,
            *self.recurrent_edge_device_needs, *self.recurrent_server_needs, *self.recurrent_edge_component_needs,
            *self.edge_devices, *self.edge_components])

    # ---- footprints -----------------------------------------------------------------------------
    @structure_cached
    def objects_by_category(self) -> dict[str, list]:
        out: dict[str, list] = {category: [] for category in OBJECT_CATEGORIES}
        for obj in self.all_linked_objects:
            category = category_of(obj)
            if category is not None:
                out[category].append(obj)
        return out

    @calculated
    def total_footprint(self) -> Any:
        """Hourly kg of every fabrication and energy footprint, rounded to 4 decimals like the reference."""
        total: Any = EmptyExplainableObject()
        for objects in self.objects_by_category().values():
            fabrication = sum_values([obj.instances_fabrication_footprint for obj in objects])
            energy = sum_values([obj.energy_footprint for obj in objects])
            total = total + (fabrication + energy)
        if isinstance(total, EmptyExplainableObject):
            return total
        return round(total.to(u.kg), 4)

    def _phase(self, attr: str) -> dict[str, dict[Any, Any]]:
        return {category: {obj: getattr(obj, attr) for obj in objects}
                for category, objects in self.objects_by_category().items()}

    @property
    def fabrication_footprints(self) -> dict[str, dict[Any, Any]]:
        return self._phase("instances_fabrication_footprint")

    @property
    def energy_footprints(self) -> dict[str, dict[Any, Any]]:
        return self._phase("energy_footprint")

    def _totals(self, attr: str) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for category, per_object in self._phase(attr).items():
            total: Any = EmptyExplainableObject()
            for value in per_object.values():
                total = total + value
            out[category] = total.to(u.kg)
        return out

    @property
    def total_fabrication_footprints(self) -> dict[str, Any]:
        return self._totals("instances_fabrication_footprint")

    @property
    def total_energy_footprints(self) -> dict[str, Any]:
        return self._totals("energy_footprint")

    @staticmethod
    def _sum_kg(value: Any) -> ExplainableQuantity:
        if isinstance(value, EmptyExplainableObject):
            return ExplainableQuantity(0 * u.kg)
        return value.sum().to(u.kg)

    @property
    def fabrication_footprint_sum_over_period(self) -> dict[str, dict[Any, ExplainableQuantity]]:
        return {c: {o: self._sum_kg(v) for o, v in d.items()} for c, d in self.fabrication_footprints.items()}

    @property
    def energy_footprint_sum_over_period(self) -> dict[str, dict[Any, ExplainableQuantity]]:
        return {c: {o: self._sum_kg(v) for o, v in d.items()} for c, d in self.energy_footprints.items()}

    @property
    def total_fabrication_footprint_sum_over_period(self) -> ExplainableObjectDict:
        return ExplainableObjectDict({c: self._sum_kg(v) for c, v in self.total_fabrication_footprints.items()})

    @property
    def total_energy_footprint_sum_over_period(self) -> ExplainableObjectDict:
        return ExplainableObjectDict({c: self._sum_kg(v) for c, v in self.total_energy_footprints.items()})

    def footprint_snapshot(self) -> dict[str, dict[str, dict[Any, Any]]]:
        """Footprint values per phase ("fabrication", "energy"), category and object: what a change is compared
        against (efp_core.analysis.comparison). Values are immutable, so this holds them without copying."""
        return {phase: self._phase(attr) for phase, attr in
                (("fabrication", "instances_fabrication_footprint"), ("energy", "energy_footprint"))}

    # ---- analysis (efp_core.analysis, imported when asked for) ----------------------------------
    def plot_footprints_by_category_and_object(self, filename: Any = None, height: int = 400, width: int = 800,
                                               notebook: bool = True) -> Any:
        """Fabrication and electricity footprints per category, split by object (efp_core.analysis.footprint_plots)."""
        from efp_core.analysis.footprint_plots import plot_footprints_by_category_and_object
        return plot_footprints_by_category_and_object(self, filename, height, width, notebook)

    def plot_emission_diffs(self, filepath: Any = None, figsize: Any = None, from_start: bool = False,
                            plt_show: bool = False) -> Any:
        """Footprints before and after the last change, or the first with `from_start` (footprint_plots)."""
        from efp_core.analysis.footprint_plots import plot_emission_diffs
        return plot_emission_diffs(self, filepath, figsize, from_start, plt_show)

    def compare_with_previous(self, from_start: bool = False) -> Any:
        """What the last change (all changes with `from_start`) did, as numbers (efp_core.analysis.comparison)."""
        from efp_core.analysis.comparison import compare_with_previous
        return compare_with_previous(self, from_start=from_start)

    def footprints_dataframe(self, by_hour: bool = True) -> Any:
        """Tidy footprint rows: object, class, category, phase, hour, kg (efp_core.analysis.dataframes)."""
        from efp_core.analysis.dataframes import footprints_dataframe
        return footprints_dataframe(self, by_hour=by_hour)
