"""Understanding each mention: language, sentiment, offence, intent, harm."""

from oteo.understand.analyzer import Analyzer

__all__ = ["Analyzer"]
