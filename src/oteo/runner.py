"""``oteo run``: listen live with the configured sources, serve the dashboard."""

from __future__ import annotations

import asyncio

from rich.console import Console
from rich.text import Text

from oteo.clock import SystemClock
from oteo.config import Config
from oteo.console import Reporter
from oteo.i18n import t
from oteo.pipeline import Pipeline, Stats
from oteo.sources import SourceContext, SourceError, build_sources, merge, ticks
from oteo.store import Store
from oteo.web.app import create_app
from oteo.web.serve import free_port, serve_until, server, stop_on_signals


async def run_live(
    config: Config,
    store: Store,
    console: Console,
    *,
    web: bool = True,
    stop: asyncio.Event | None = None,
) -> Stats:
    stop = stop or asyncio.Event()
    stop_on_signals(stop)
    clock = SystemClock()
    reporter = Reporter(console, config.timezone)
    ctx = SourceContext(
        config,
        store,
        clock,
        stop,
        report=lambda position, error: reporter.reject(position, error.message()),
    )
    sources = build_sources(ctx)
    if not sources:
        raise SourceError("source.none")
    pipeline = Pipeline(config, store, clock=clock, listener=reporter)
    jobs = [pipeline.run(merge([*sources, ticks(clock, stop, every=1.0)]))]
    if web:
        port = free_port(config.web.host, config.web.port)
        jobs.append(serve_until(server(create_app(config, store), config.web.host, port), stop))
        console.print(Text(t("cli.serving", url=f"http://{config.web.host}:{port}/")))
        if store.user_count() == 0:
            console.print(Text(t("cli.no_users")), style="yellow")
    console.print(Text(t("cli.listening", n=len(sources))))
    results = await asyncio.gather(*jobs)
    return results[0]
