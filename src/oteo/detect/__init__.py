"""Streaming detection: signals per watch against a seasonal baseline, alerts, triage."""

from oteo.detect.detector import BucketResult, DetectorSettings, Observation, WatchDetector

__all__ = ["BucketResult", "DetectorSettings", "Observation", "WatchDetector"]
