"""Injectable time: the real clock, or replay time that runs faster than real time.

Everything in oteo that needs "now" asks a clock, so tests, the demo, drills and
backtests replay days in seconds with the same code that runs live.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from typing import Protocol


class Clock(Protocol):
    def now(self) -> datetime: ...

    async def wait_until(self, at: datetime) -> None: ...

    @property
    def live(self) -> bool: ...


class SystemClock:
    """Wall-clock time."""

    live = True

    def now(self) -> datetime:
        return datetime.now(UTC)

    async def wait_until(self, at: datetime) -> None:
        delay = (at - self.now()).total_seconds()
        if delay > 0:
            await asyncio.sleep(delay)


class ReplayClock:
    """Time that follows the events being replayed.

    ``speed=None`` replays as fast as the machine allows; ``speed=60`` makes an hour
    of the stream last a minute.  The clock never goes backwards.
    """

    live = False

    def __init__(self, start: datetime, speed: float | None = None) -> None:
        if start.tzinfo is None:
            raise ValueError("the replay start must be an aware datetime")
        self._now = start.astimezone(UTC)
        self.speed = speed

    def now(self) -> datetime:
        return self._now

    def advance(self, at: datetime) -> None:
        if at > self._now:
            self._now = at

    async def wait_until(self, at: datetime) -> None:
        if at <= self._now:
            return
        if self.speed:
            await asyncio.sleep((at - self._now).total_seconds() / self.speed)
        self.advance(at)  # another waiter may have moved the clock further meanwhile
