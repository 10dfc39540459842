"""How each configured source is doing, for ``oteo status`` and the dashboard.

A source is ``ok``; ``failing`` when its last call to the network failed; ``quiet`` when
it has brought nothing for longer than its ``quiet_after`` (24 hours unless the source
says otherwise: a brand's forum may be quiet for days, a busy brand's search never);
``waiting`` when it has never been asked (``oteo run`` has not run with it yet).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from oteo.config import Config
from oteo.durations import parse_duration
from oteo.store import Store

QUIET_AFTER = timedelta(hours=24)


@dataclass(slots=True)
class Health:
    source: str
    state: str  # ok / failing / quiet / waiting
    polled_at: datetime | None = None
    last_item_at: datetime | None = None
    last_hour: int = 0
    items: int = 0
    errors: int = 0
    quarantined: int = 0
    last_error: str | None = None


def health(config: Config, store: Store, now: datetime) -> list[Health]:
    """One line per source that has reported, and per named source that has not."""
    rows = {r["source"]: r for r in store.source_health(now - timedelta(hours=1))}
    quiet = {
        spec.name: parse_duration(getattr(spec, "quiet_after", None) or QUIET_AFTER)
        for spec in config.sources
        if spec.name
    }
    out = []
    for name in sorted(set(rows) | set(quiet)):
        row = rows.get(name)
        if row is None:
            out.append(Health(name, "waiting"))
            continue
        since = row["last_item_at"] or None
        if row["last_error_at"] is not None and row["last_error_at"] >= row["polled_at"]:
            state = "failing"
        elif since is None or now - since > quiet.get(name, QUIET_AFTER):
            state = "quiet"
        else:
            state = "ok"
        out.append(
            Health(
                name,
                state,
                row["polled_at"],
                row["last_item_at"],
                row["recent"],
                row["items"],
                row["errors"],
                row["quarantined"],
                row["last_error"],
            )
        )
    return out
