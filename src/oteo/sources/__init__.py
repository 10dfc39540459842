"""Sources of mentions for ``oteo run``: one module per kind, one small interface.

A source is an async iterator of :class:`~oteo.model.Mention`.  A source that can
resume sets ``mention.cursor = (name, position)``; the store saves that position in
the same transaction as the mention, so after a crash or restart the source resumes
without losing or repeating anything.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar

from oteo.clock import Clock
from oteo.config import Config, SourceConfig
from oteo.model import Mention
from oteo.pipeline import Tick
from oteo.records import RecordError
from oteo.store import Store

T = TypeVar("T")


class SourceError(ValueError):
    """A source declared in the config that cannot be built."""

    def __init__(self, key: str, **values: Any) -> None:
        self.key = key
        self.values = values
        super().__init__(key)


@dataclass
class SourceContext:
    """What a source may use: the config, the store (for its cursor), the clock, the
    stop signal, and ``report(position, error)`` for items it had to skip (a
    :class:`~oteo.records.RecordError`, so the reason is in the user's language)."""

    config: Config
    store: Store
    clock: Clock
    stop: asyncio.Event
    report: Callable[[Any, RecordError], None] = lambda position, error: None


Builder = Callable[[SourceConfig, SourceContext], AsyncIterator[Mention]]


def _registry() -> dict[str, Builder]:
    from oteo.sources import (
        bluesky,
        hackernews,
        jetstream,
        jsonl,
        mastodon,
        reddit,
        rss,
        simlive,
        webhook,
        x,
        youtube,
    )

    return {
        "bluesky": bluesky.build,
        "hackernews": hackernews.build,
        "jetstream": jetstream.build,
        "jsonl": jsonl.build,
        "mastodon": mastodon.build,
        "reddit": reddit.build,
        "rss": rss.build,
        "sim": simlive.build,
        "webhook": webhook.build,
        "x": x.build,
        "youtube": youtube.build,
    }


def build_sources(ctx: SourceContext) -> list[AsyncIterator[Mention]]:
    registry = _registry()
    out = []
    for spec in ctx.config.sources:
        builder = registry.get(spec.type)
        if builder is None:
            raise SourceError(
                "source.unknown_type", type=spec.type, known=", ".join(sorted(registry))
            )
        out.append(builder(spec, ctx))
    return out


async def pause(stop: asyncio.Event, seconds: float) -> bool:
    """Sleep up to ``seconds``; return True if ``stop`` was set meanwhile."""
    try:
        await asyncio.wait_for(stop.wait(), timeout=max(seconds, 0.0))
    except TimeoutError:
        return False
    return True


async def or_stop(awaitable: Awaitable[T], stop: asyncio.Event) -> tuple[bool, T | None]:
    """``(True, result)`` of ``awaitable``, or ``(False, None)`` if ``stop`` is set first
    (the awaitable is then cancelled).  Its exception, if it raises one, is raised."""
    if stop.is_set():
        if asyncio.iscoroutine(awaitable):
            awaitable.close()
        return False, None
    working = asyncio.ensure_future(awaitable)
    stopping = asyncio.ensure_future(stop.wait())
    try:
        done, _ = await asyncio.wait({working, stopping}, return_when=asyncio.FIRST_COMPLETED)
    finally:
        stopping.cancel()
        if not working.done():
            working.cancel()
    if working not in done:
        return False, None
    return True, working.result()


async def until(clock: Clock, stop: asyncio.Event, at: datetime) -> bool:
    """Wait on ``clock`` until ``at``; return True if ``stop`` was set meanwhile."""
    await or_stop(clock.wait_until(at), stop)
    return stop.is_set()


async def ticks(clock: Clock, stop: asyncio.Event, every: float = 10.0) -> AsyncIterator[Tick]:
    """The passing of time, so buckets close even when nothing is said."""
    while not await pause(stop, every):
        yield Tick(clock.now())


async def merge(iterators: list[AsyncIterator[Any]]) -> AsyncIterator[Any]:
    """Interleave several async iterators as their items arrive (bounded buffer)."""
    queue: asyncio.Queue[Any] = asyncio.Queue(maxsize=1024)
    done = object()

    async def pump(it: AsyncIterator[Any]) -> None:
        try:
            async for item in it:
                await queue.put(item)
        finally:
            await queue.put(done)

    tasks = [asyncio.create_task(pump(it)) for it in iterators]
    remaining = len(tasks)
    try:
        while remaining:
            item = await queue.get()
            if item is done:
                remaining -= 1
                continue
            yield item
    finally:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
