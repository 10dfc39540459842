"""``oteo drill SCENARIO``: rehearse the crisis plan (see :mod:`oteo.drill`)."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.text import Text

from oteo.cli import ConfigPath, Lang, _lang_for, _load, _output, _store, app, console, errors
from oteo.console import Reporter
from oteo.i18n import day_time, t


class DrillReporter(Reporter):
    """The pipeline's events, and what the drill and the team do."""

    def __call__(self, kind: str, data: Any) -> None:
        if kind == "started":
            self.console.print(
                Text(
                    t(
                        "drill.banner",
                        scenario=data["scenario"],
                        what=t("scenario." + data["scenario"]),
                        start=day_time(data["started"], tz=self.tz),
                        end=day_time(data["ends"], tz=self.tz),
                        speed=f"{data['speed']:g}",
                    )
                ),
                style="bold magenta",
            )
            if data["gaps"]:
                self.console.print(Text(t("drill.before")), style="yellow")
                for gap in data["gaps"]:
                    self.console.print(Text("  - " + gap.text()), style="yellow")
        elif kind == "team":
            self.console.print(
                Text(
                    t(
                        "drill.team",
                        at=day_time(data["at"], tz=self.tz),
                        id=data["incident_id"],
                        what=t("event." + data["kind"]),
                        who=data["actor"],
                    )
                ),
                style="cyan",
            )
        elif kind == "closed_by_team":
            self.console.print(Text(t("drill.closed_by_team")), style="green")
        else:
            super().__call__(kind, data)


@app.command(help=t("cli.drill.help"))
def drill(
    scenario: Annotated[str, typer.Argument(help=t("cli.drill.scenario"))],
    config: ConfigPath = Path("oteo.yaml"),
    speed: Annotated[float, typer.Option(min=0.1, max=1000, help=t("cli.drill.speed"))] = 10.0,
    length: Annotated[str, typer.Option(help=t("cli.drill.length"))] = "1h",
    seed: Annotated[int, typer.Option(help=t("cli.demo.seed"))] = 1,
    out: Annotated[Path | None, typer.Option("--out", "-o", help=t("cli.drill.out"))] = None,
    serve: Annotated[bool, typer.Option(help=t("cli.drill.serve"))] = False,
    lang: Lang = None,
) -> None:
    from oteo.clock import SystemClock
    from oteo.drill import Drill, DrillError
    from oteo.durations import parse_duration

    cfg = _load(config)
    _lang_for(cfg, lang)
    if out is not None:
        _output(out)
    try:
        duration = parse_duration(length)
    except ValueError:
        errors.print(Text(t("cli.drill.bad_length", value=length)), style="red")
        raise typer.Exit(2) from None
    store = _store(cfg)
    exercise = Drill(
        cfg,
        store,
        scenario,
        SystemClock(),
        speed=speed,
        length=duration,
        seed=seed,
        listener=DrillReporter(console, cfg.timezone),
    )
    try:
        result = asyncio.run(_run(exercise, serve))
    except DrillError as exc:
        errors.print(Text(str(exc)), style="red")
        raise typer.Exit(2) from None
    console.print()
    for i, line in enumerate(result.lines(cfg.timezone)):
        console.print(Text(line), style="bold" if i == 0 else None)
    if out is not None:
        out.write_text(json.dumps(result.to_json(), ensure_ascii=False, indent=2), "utf-8")
        console.print(Text(t("drill.report.saved", path=str(out))))


async def _run(exercise: Any, serve: bool) -> Any:
    from oteo.web.app import create_app
    from oteo.web.serve import free_port, serve_until, server, stop_on_signals

    stop_on_signals(exercise.stop)
    if not serve:
        return await exercise.run()
    cfg = exercise.config
    port = free_port(cfg.web.host, cfg.web.port)
    console.print(Text(t("cli.serving", url=f"http://{cfg.web.host}:{port}/")), style="bold green")
    web_stop = asyncio.Event()
    web = asyncio.create_task(
        serve_until(server(create_app(cfg, exercise.store), cfg.web.host, port), web_stop)
    )
    try:
        return await exercise.run()
    finally:
        web_stop.set()
        await web
