"""What the needs an EdgeFunction lists (device needs, server needs) share: the functions and patterns above them."""
from __future__ import annotations

from efp_core.domain.edge.common import patterns_of
from efp_core.domain.repartition import ImpactRepartition


class EdgeFunctionMember(ImpactRepartition):
    """A need listed by edge functions."""

    @property
    def edge_functions(self) -> list:
        from efp_core.domain.edge.usage.edge_function import EdgeFunction
        return self.containers_of_type(EdgeFunction)

    @property
    def edge_usage_patterns(self) -> list:
        return patterns_of(self.edge_functions)
