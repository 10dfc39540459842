"""Incident lifecycle, protocol actions and the inbox."""

from oteo.incidents.manager import IncidentManager, Outcome, inbox_priority

__all__ = ["IncidentManager", "Outcome", "inbox_priority"]
