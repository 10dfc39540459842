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
from oteo.config import Config, SourceConfig
from oteo.model import Mention
from oteo.sim import Brand, Simulation
from oteo.sources import SourceContext, until


def build(spec: SourceConfig, ctx: SourceContext) -> AsyncIterator[Mention]:
    config = ctx.config
    speed = float(getattr(spec, "speed", 60.0))
    seed = int(getattr(spec, "seed", 1))
    volume = float(getattr(spec, "volume", 800.0))
    brand = brand_of(config, volume)
    sim = Simulation(
        brand,
        start=ctx.clock.now(),
        duration=timedelta(days=365),
        seed=seed,
        source=spec.name or "sim",
    )
    return play(sim, ctx.clock, ctx.stop, speed=speed)


def brand_of(config: Config, volume: float = 800.0) -> Brand:
    """The configured brand, as the simulator's fictional one (its first account)."""
    handle = (config.brand.accounts or [config.brand.name.replace(" ", "").lower()])[0]
    return Brand(name=config.brand.name, handle=handle.lstrip("@"), daily_volume=volume)


async def play(
    sim: Simulation, clock: Clock, stop: asyncio.Event, *, speed: float
) -> AsyncIterator[Mention]:
    """The simulation's mentions, as they happen: its own time runs ``speed`` times
    faster than ``clock``, from the simulation's start; each mention is stamped with
    the clock's time when it arrives."""
    start = sim.start
    for m in sim:
        due = start + (m.received_at - start) / speed  # type: ignore[operator]
        if await until(clock, stop, due):
            return
        shift = clock.now() - m.received_at  # type: ignore[operator]
        m.created_at += shift
        m.received_at = clock.now()
        yield m
