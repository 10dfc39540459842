"""Benchmarks: they measure and print, they do not pass or fail.

``oteo bench pipeline`` replays simulated mentions of a busy brand through the whole
pipeline into a fresh store, and reports mentions per second end to end and the
pipeline process's peak resident memory.  The simulator runs in a child process and
streams JSON Lines records through a pipe, as a source would deliver them: the
pipeline parses every record, and the simulator's own memory (its author population)
is reported apart instead of being charged to the pipeline.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import multiprocessing
import os
import platform
import resource
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from oteo.clock import ReplayClock
from oteo.config import load_text, render_example
from oteo.model import Mention
from oteo.pipeline import Pipeline
from oteo.records import from_record, to_record
from oteo.sim import Brand, Simulation
from oteo.store import Store


@dataclass
class PipelineBench:
    mentions: int
    seconds: float
    rate: float
    peak_rss_mb: float
    generator_rss_mb: float
    stored: int
    matched: int
    alerts: int
    database: str
    db_mb: float | None

    def lines(self) -> list[str]:
        out = [
            f"mentions         {self.mentions}",
            f"seconds          {self.seconds:.1f}",
            f"mentions/s       {self.rate:.0f}",
            f"peak RSS         {self.peak_rss_mb:.0f} MB (pipeline process)",
            f"generator RSS    {self.generator_rss_mb:.0f} MB (simulator, child process)",
            f"stored           {self.stored}",
            f"matched          {self.matched}",
            f"alerts           {self.alerts}",
            f"database         {self.database}",
        ]
        if self.db_mb is not None:
            out.append(f"database size    {self.db_mb:.0f} MB")
        out.append(
            f"machine          {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
        )
        return out


def peak_rss_mb(who: int = resource.RUSAGE_SELF) -> float:
    return resource.getrusage(who).ru_maxrss / 1024.0  # KiB on Linux


def _produce(
    fd: int, mentions: int, daily_volume: float, seed: int, start: datetime, days: float
) -> None:
    """Child process: write the simulated stream as JSON Lines into ``fd``."""
    sim = Simulation(
        Brand(daily_volume=daily_volume), start=start, duration=timedelta(days=days), seed=seed
    )
    with os.fdopen(fd, "wb", buffering=1 << 20) as out:
        for m in itertools.islice(sim, mentions):
            out.write(json.dumps(to_record(m), ensure_ascii=False).encode("utf-8") + b"\n")


class _Feed:
    """Parse the child's records; remember when the first one arrived (the simulator
    builds its population before writing anything, and that is not the pipeline's time)."""

    def __init__(self, fd: int, now: datetime) -> None:
        self.fd = fd
        self.now = now
        self.first: float | None = None

    def __iter__(self) -> Iterator[Mention]:
        with os.fdopen(self.fd, "rb", buffering=1 << 20) as lines:
            for line in lines:
                if self.first is None:
                    self.first = time.perf_counter()
                yield from_record(json.loads(line), now=self.now)


def bench_pipeline(
    mentions: int, *, database: str | None = None, daily_volume: float = 50_000.0, seed: int = 1
) -> PipelineBench:
    workdir = Path(tempfile.mkdtemp(prefix="oteo-bench-"))
    url = database or f"sqlite:///{workdir / 'bench.db'}"
    config = load_text(render_example("es", "Lumbre Burger", database=url), "bench.yaml")
    store = Store(url)
    start = datetime(2026, 1, 5, tzinfo=ZoneInfo(config.timezone))
    days = max(1.0, mentions / daily_volume * 1.5)
    read_fd, write_fd = os.pipe()
    child = multiprocessing.get_context("fork").Process(
        target=_produce, args=(write_fd, mentions, daily_volume, seed, start, days)
    )
    child.start()
    os.close(write_fd)
    pipeline = Pipeline(config, store, clock=ReplayClock(start), batch_size=500)
    feed = _Feed(read_fd, start)
    stats = asyncio.run(pipeline.run(feed))
    seconds = time.perf_counter() - (feed.first or time.perf_counter())
    child.join()
    stored = store.counts()["mentions"]
    db_mb = None
    if url.startswith("sqlite:///"):
        path = Path(url[len("sqlite:///") :])
        db_mb = sum(p.stat().st_size for p in path.parent.glob(path.name + "*")) / 1e6
    store.close()
    return PipelineBench(
        stats.received,
        seconds,
        stats.received / seconds,
        peak_rss_mb(),
        peak_rss_mb(resource.RUSAGE_CHILDREN),
        stored,
        stats.matched,
        stats.alerts,
        url.split("@")[-1],
        db_mb,
    )


def bench_sim(
    *, days: float = 5.0, volume: float = 200_000.0, seed: int = 1, sample: int = 200_000
) -> list[str]:
    """How fast the simulator generates: events as arrays (what benchmarks consume),
    then as Mention objects and as JSON Lines records (a sample)."""
    from oteo.sim.export import build

    sim = build(["food_poisoning"], days=days, seed=seed, volume=volume)
    began = time.perf_counter()
    events = sum(len(batch) for batch in sim.batches())
    arrays = time.perf_counter() - began
    sim = build(["food_poisoning"], days=days, seed=seed, volume=volume)
    began = time.perf_counter()
    made = sum(1 for _ in itertools.islice(sim.mentions(), sample))
    objects = time.perf_counter() - began
    sim = build(["food_poisoning"], days=days, seed=seed, volume=volume)
    began = time.perf_counter()
    lines = sum(
        len(json.dumps(to_record(m), ensure_ascii=False)) > 0
        for m in itertools.islice(sim.mentions(), sample)
    )
    records = time.perf_counter() - began
    return [
        f"events           {events} in {arrays:.2f} s: {events / arrays:,.0f} events/s (arrays)",
        f"mentions         {made} in {objects:.2f} s: {made / objects:,.0f} mentions/s (Mention objects)",
        f"records          {lines} in {records:.2f} s: {lines / records:,.0f} records/s (JSON Lines)",
        f"machine          {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
    ]
