"""Incident lifecycle and protocol actions."""

from oteo.incidents.manager import IncidentManager, Outcome

__all__ = ["IncidentManager", "Outcome"]
