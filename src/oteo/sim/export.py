"""Building simulations from scenario names, and writing them out.

The stream is written as JSON Lines in the format ``oteo import`` reads; the ground
truth as JSON.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from oteo.config import brand_handle
from oteo.records import to_record
from oteo.sim.scenarios import SPECS, Episode, demo_episodes, place, re_outbreak_episodes
from oteo.sim.stream import Brand, Simulation

PRESETS = {
    "demo": "angry_customer + food_poisoning",
    "re_outbreak_preset": "food_poisoning, then re_outbreak three weeks later",
}


#: the most ordinary mentions (a day's volume times the days) one export simulates: the
#: simulator holds a stream in memory, about 1.1 kB a mention (1,000,000 take 1.5 GB)
MOST = 5_000_000


class UnknownScenario(ValueError):
    def __init__(self, name: str) -> None:
        self.name = name
        super().__init__(name)


def build(
    names: list[str],
    *,
    start: datetime | None = None,
    days: float = 7.0,
    seed: int = 1,
    volume: float = 800.0,
    lang: str = "es",
    brand: str = "Lumbre Burger",
    timezone: str = "Europe/Madrid",
) -> Simulation:
    """A simulation of ``days`` with the named scenarios (``none`` for background only)."""
    tz = ZoneInfo(timezone)
    start = (start or datetime(2026, 11, 2, tzinfo=tz)).astimezone(tz)
    episodes: list[Episode] = []
    for name in names:
        if name == "none":
            continue
        if name == "demo":
            episodes += demo_episodes(start, int(days))
        elif name == "re_outbreak_preset":
            days = max(days, 28)
            episodes += re_outbreak_episodes(start)
        elif name in SPECS:
            episodes.append(place(name, start, days, lang))
        else:
            raise UnknownScenario(name)
    sim_brand = Brand(name=brand, handle=brand_handle(brand), daily_volume=volume)
    return Simulation(
        sim_brand, start=start, duration=timedelta(days=days), seed=seed, episodes=episodes
    )


@dataclass
class Written:
    mentions: int
    seconds: float


def write(sim: Simulation, out: Path, truth: Path | None = None) -> Written:
    began = time.perf_counter()
    count = 0
    with out.open("w", encoding="utf-8") as f:
        for m in sim.mentions():
            f.write(json.dumps(to_record(m), ensure_ascii=False))
            f.write("\n")
            count += 1
    if truth is not None:
        truth.write_text(
            json.dumps(sim.ground_truth(), ensure_ascii=False, indent=2), encoding="utf-8"
        )
    return Written(count, time.perf_counter() - began)
