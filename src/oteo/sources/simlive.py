"""A simulated brand conversation played live, to try ``oteo run`` with no network.

Config: ``{type: sim, speed: 60, seed: 1, volume: 800}``: ``speed`` 60 plays an hour
of conversation per minute; ``volume`` is mentions per day.  Mentions are timed from
the moment ``oteo run`` starts.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import timedelta

from oteo.clock import Clock
from oteo.config import SourceConfig
from oteo.model import Mention
from oteo.sim import Brand, Simulation
from oteo.sources import SourceContext, pause


def build(spec: SourceConfig, ctx: SourceContext) -> AsyncIterator[Mention]:
    config = ctx.config
    speed = float(getattr(spec, "speed", 60.0))
    seed = int(getattr(spec, "seed", 1))
    volume = float(getattr(spec, "volume", 800.0))
    handle = (config.brand.accounts or [config.brand.name.replace(" ", "").lower()])[0]
    brand = Brand(name=config.brand.name, handle=handle.lstrip("@"), daily_volume=volume)
    return play(brand, ctx.clock, ctx.stop, speed=speed, seed=seed, name=spec.name or "sim")


async def play(
    brand: Brand, clock: Clock, stop: asyncio.Event, *, speed: float, seed: int, name: str
) -> AsyncIterator[Mention]:
    start = clock.now()
    sim = Simulation(brand, start=start, duration=timedelta(days=365), seed=seed, source=name)
    for m in sim:
        if stop.is_set():
            return
        # the stream's own time runs ``speed`` times faster than the wall clock
        due = start + (m.received_at - start) / speed  # type: ignore[operator]
        delay = (due - clock.now()).total_seconds()
        if delay > 0 and await pause(stop, delay):
            return
        shift = clock.now() - m.received_at  # type: ignore[operator]
        m.created_at += shift
        m.received_at = clock.now()
        yield m
