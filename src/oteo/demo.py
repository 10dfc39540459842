"""``oteo demo``: a week in the life of a fictional brand, replayed in seconds.

A temporary workspace gets a config for *Lumbre Burger*, a burger chain; the simulator
plays a week of ordinary conversation, one angry customer (who deserves a reply, not
an escalation) and an outbreak of food poisoning that more and more people join;
the whole pipeline runs on it with a replay clock, and the dashboard shows the result.
"""

from __future__ import annotations

import asyncio
import json
import tempfile
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn
from rich.text import Text

from oteo.clock import ReplayClock
from oteo.config import Config, load, render_example
from oteo.console import Reporter
from oteo.i18n import day_time, decimal, number, t
from oteo.notify.message import severity_label
from oteo.pipeline import Pipeline, Stats
from oteo.sim import Brand, Simulation, demo_episodes
from oteo.sim.population import RIVALS
from oteo.store import Store

DEMO_BRAND = Brand(name="Lumbre Burger", handle="lumbreburger")
DEMO_USER = "demo"


@dataclass
class DemoResult:
    workspace: Path
    config: Config
    store: Store
    stats: Stats
    truth: dict[str, Any]
    end: datetime
    incidents: list[dict[str, Any]] = field(default_factory=list)


def prepare(
    workspace: Path, lang: str, database: str = "sqlite:///oteo.db", brand: str = DEMO_BRAND.name
) -> Config:
    """A config for a simulated brand (the demo's unless told) in ``workspace``."""
    path = workspace / "oteo.yaml"
    text = render_example(lang, brand, database=database, competitors=RIVALS)
    path.write_text(text, encoding="utf-8")
    return load(path)


def replay(
    *,
    console: Console,
    lang: str = "es",
    days: int = 7,
    seed: int = 7,
    speed: float | None = None,
    workspace: Path | None = None,
    end: datetime | None = None,
    database: str = "sqlite:///oteo.db",
) -> DemoResult:
    """Run the demo's replay and print what happened; the caller may then serve it."""
    workspace = workspace or Path(tempfile.mkdtemp(prefix="oteo-demo-"))
    config = prepare(workspace, lang, database)
    tz = config.tz
    end = (end or datetime.now(tz)).astimezone(tz).replace(minute=0, second=0, microsecond=0)
    start = end - timedelta(days=days)
    sim = Simulation(
        DEMO_BRAND,
        start=start,
        duration=timedelta(days=days),
        seed=seed,
        episodes=demo_episodes(start, days),
    )
    store = Store(config.database_url())
    console.print(
        Text(t("demo.intro", brand=config.brand.name, days=days, workspace=str(workspace)))
    )
    reporter = Reporter(console, config.timezone)
    clock = ReplayClock(sim.start, speed)
    total = (sim.end - sim.start).total_seconds()
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.fields[when]}"),
        TextColumn("{task.fields[count]}"),
        console=console,
        transient=False,
    ) as progress:
        task = progress.add_task(t("demo.replaying"), total=total, when="", count="")
        stored = 0

        def on_stored(n: int, _new: int) -> None:
            nonlocal stored
            stored += n
            now = clock.now()
            progress.update(
                task,
                completed=(now - sim.start).total_seconds(),
                when=day_time(now, tz=tz),
                count=t("demo.count", n=number(stored)),
            )

        reporter.on_stored = on_stored
        pipeline = Pipeline(config, store, clock=clock, listener=reporter)
        stats = asyncio.run(pipeline.run(sim))
        progress.update(task, completed=total)
    truth = sim.ground_truth()
    (workspace / "truth.json").write_text(
        json.dumps(truth, ensure_ascii=False, indent=2), encoding="utf-8"
    )
    result = DemoResult(workspace, config, store, stats, truth, sim.end, store.incidents())
    summarise(result, console)
    password = demo_user(store)
    console.print(Text(t("demo.signin", user=DEMO_USER, password=password)), style="bold")
    return result


def demo_user(store: Store) -> str:
    """An administrator for the demo's dashboard, with a fresh random password."""
    from oteo.web import auth

    return auth.fresh_password(store, DEMO_USER, "admin", actor="demo", name="Demo")


def summarise(result: DemoResult, console: Console) -> None:
    tz = result.config.tz
    stats = result.stats
    console.print()
    console.print(
        Text(
            t(
                "demo.stats",
                n=number(stats.received),
                matched=number(stats.matched),
                rate=number(stats.rate),
                seconds=decimal(round(stats.seconds, 1)),
            )
        ),
        style="bold",
    )
    episodes = {e["name"]: e for e in result.truth["episodes"]}
    if not result.incidents:
        console.print(Text(t("demo.no_incidents")), style="yellow")
    for incident in result.incidents:
        opened = incident["opened_at"]
        line = Text(
            t(
                "demo.incident",
                id=incident["id"],
                title=incident["title"],
                level=severity_label(incident["severity"]),
                at=day_time(opened, tz=tz),
            )
        )
        console.print(line, style="bold red" if incident["severity"] >= 4 else "bold")
        outbreak = episodes.get("food_poisoning")
        if outbreak:
            onset = datetime.fromisoformat(outbreak["onset"])
            minutes = int((opened - onset).total_seconds() // 60)
            console.print(
                Text(
                    "  "
                    + t(
                        "demo.delay",
                        h=minutes // 60,
                        m=minutes % 60,
                        channel=t("channel." + outbreak["origin_channel"]),
                    )
                )
            )
        notified = [n for n in result.store.notifications(incident["id"])]
        if notified:
            console.print(
                Text(
                    "  "
                    + t(
                        "demo.notified",
                        n=len(notified),
                        people=", ".join(sorted({n["person_id"] or "?" for n in notified})),
                    )
                )
            )
    angry = episodes.get("angry_customer")
    if angry:
        handle = angry["origin_author"]
        inbox = result.store.inbox_queue(result.end, timedelta(0), limit=100_000)
        waiting = [i for i in inbox if i["handle"] == handle]
        onset = datetime.fromisoformat(angry["onset"])
        escalated = [
            i for i in result.incidents if abs((i["opened_at"] - onset).total_seconds()) < 6 * 3600
        ]
        key = "demo.isolated_ok" if waiting and not escalated else "demo.isolated_bad"
        console.print(
            Text(t(key, handle=handle, n=len(waiting), at=day_time(onset, tz=tz))),
            style="green" if key.endswith("ok") else "red",
        )
    console.print(Text(t("demo.inbox", n=number(stats.inbox))))
