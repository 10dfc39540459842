"""The crisis simulator: realistic brand conversations with ground truth."""

from oteo.sim.scenarios import Episode, IsolatedComplaint, Outbreak, demo_episodes
from oteo.sim.stream import Brand, Simulation

__all__ = ["Brand", "Episode", "IsolatedComplaint", "Outbreak", "Simulation", "demo_episodes"]
