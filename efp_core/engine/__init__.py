"""The engine: modeling objects, the dependency graph they build by being computed, and updates."""
from efp_core.engine.events import COMPUTED_ON_READ, ModelChange, subscribe
from efp_core.engine.link_list import ListLinkedToModelingObj
from efp_core.engine.modeling_object import ModelingObject, archetype, calculated
from efp_core.engine.modeling_update import ModelingUpdate

__all__ = ["COMPUTED_ON_READ", "ListLinkedToModelingObj", "ModelChange", "ModelingObject", "ModelingUpdate",
           "archetype", "calculated", "subscribe"]
