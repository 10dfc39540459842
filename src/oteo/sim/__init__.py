"""The crisis simulator: realistic brand conversations with ground truth."""

from oteo.sim.scenarios import (
    CRISES,
    NON_CRISES,
    SPECS,
    Episode,
    Spec,
    demo_episodes,
    place,
    re_outbreak_episodes,
)
from oteo.sim.stream import Brand, Simulation

__all__ = [
    "CRISES",
    "NON_CRISES",
    "SPECS",
    "Brand",
    "Episode",
    "Simulation",
    "Spec",
    "demo_episodes",
    "place",
    "re_outbreak_episodes",
]
