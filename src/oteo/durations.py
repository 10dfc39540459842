"""Human durations in the config: ``90s``, ``30m``, ``2h``, ``1h30m``, ``3d``."""

from __future__ import annotations

import re
from datetime import timedelta

_PART = re.compile(r"(\d+)\s*([smhd])", re.IGNORECASE)
_WHOLE = re.compile(r"^\s*(?:\d+\s*[smhd]\s*)+$", re.IGNORECASE)
_UNIT = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_duration(value: object) -> timedelta:
    """Parse ``"2h"``-style durations; a bare number is minutes.  Raises ValueError."""
    if isinstance(value, timedelta):
        return value
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, int | float):
        if value < 0:
            raise ValueError(value)
        return timedelta(minutes=value)
    text = str(value).strip()
    if not _WHOLE.match(text):
        raise ValueError(value)
    seconds = sum(int(n) * _UNIT[u.lower()] for n, u in _PART.findall(text))
    return timedelta(seconds=seconds)
