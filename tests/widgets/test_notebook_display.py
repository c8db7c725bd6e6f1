"""show(kind, subject): the live widget for each display kind of the seed's calls."""
from __future__ import annotations

import pytest

from efp_widgets.footprint_bars import FootprintBars
from efp_widgets.notebook_display import show
from efp_widgets.relationship_graph import RelationshipGraph
from efp_widgets.timeline import Timeline
from tests.seed_model import SeedScenario


@pytest.fixture
def seed() -> SeedScenario:
    return SeedScenario()


def test_each_kind_gives_its_live_widget(seed: SeedScenario) -> None:
    timeline = show("timeline", seed.server.energy_footprint, cumulative=True, filename="x.html", notebook=True)
    assert isinstance(timeline, Timeline) and timeline.cumulative
    assert isinstance(show("footprints", seed.system), FootprintBars)
    graph = show("relationship_graph", seed.usage_pattern, classes_to_ignore=["Network"], width="800px",
                 height="500px", notebook=True)
    assert isinstance(graph, RelationshipGraph) and seed.network.id not in graph.node_ids


def test_unknown_kind_is_refused(seed: SeedScenario) -> None:
    with pytest.raises(ValueError, match="kind must be one of"):
        show("pie", seed.system)
