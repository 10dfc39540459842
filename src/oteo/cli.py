"""The command line.  Thin: it parses, calls into the modules, and prints.

Exit codes: 0 done; 1 could not run (bad config, unreadable file, no sources);
2 wrong usage; 3 import (or detect-series) finished but some rows were rejected.
"""

from __future__ import annotations

import asyncio
import errno
import os
import sys
import time
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from oteo.cli_text import commands
from oteo.config import Config, ConfigError, Mode, load, render_example
from oteo.i18n import current_lang, day_time, decimal, named, number, numbers, set_lang, t
from oteo.notify.message import severity_label

console = Console(soft_wrap=True)
errors = Console(stderr=True, soft_wrap=True)
#: an incident's posts `oteo incident show` prints (by theme, what drives it first)
SHOWN_POSTS = 20
#: bad rows `oteo import` and `oteo detect-series` name one by one before they only
#: count the rest
SHOWN_BAD_ROWS = 20

app = commands(t("cli.help"), add_completion=False)
bench_app = commands(t("cli.bench.help"))
app.add_typer(bench_app, name="bench")
sim_app = commands(t("cli.sim.help"))
app.add_typer(sim_app, name="sim")
incident_app = commands(t("cli.incident.help"))
app.add_typer(incident_app, name="incident")

ConfigPath = Annotated[
    Path, typer.Option("--config", "-c", envvar="OTEO_CONFIG", help=t("cli.opt.config"))
]
Lang = Annotated[str | None, typer.Option("--lang", help=t("cli.opt.lang"))]


def _load(path: Path) -> Config:
    """The config at ``path``, or a printed explanation and exit 1."""
    try:
        config = load(path)
    except ConfigError as exc:
        for issue in exc.issues:
            errors.print(Text(str(issue)), style="red")
        raise typer.Exit(1) from None
    for issue in config.warnings:
        errors.print(Text(str(issue)), style="yellow")
    return config


#: ``--lang`` given before the command (``oteo --lang en status``), for every command
_asked: dict[str, str | None] = {"lang": None}


def _lang_for(config: Config, explicit: str | None) -> None:
    """The output's language: ``--lang`` after or before the command, ``OTEO_LANG``,
    then the config's."""
    set_lang(explicit or _asked["lang"] or os.environ.get("OTEO_LANG") or config.lang)


def _store(config: Config):  # type: ignore[no-untyped-def]
    from oteo.store import Store

    try:
        return Store(config.database_url())
    except Exception as exc:  # noqa: BLE001 - any driver error becomes a clear message
        errors.print(
            Text(
                t(
                    "cli.db_error",
                    url=config.database_url().split("@")[-1],
                    error=str(exc).splitlines()[0][:300],
                )
            ),
            style="red",
        )
        raise typer.Exit(1) from None


def _output(path: Path) -> Path:
    """``path`` ready to be written before any work is done: its folder made if
    missing, or a clear error and exit 1 (a folder of that name, no permission), so a
    long run's result is never lost to a path that cannot take it."""
    try:
        if path.is_dir():
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR))
        path.parent.mkdir(parents=True, exist_ok=True)
        if not os.access(path if path.exists() else path.parent, os.W_OK):
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))
    except OSError as exc:
        errors.print(
            Text(t("cli.cannot_write", path=str(path), error=exc.strerror or str(exc))),
            style="red",
        )
        raise typer.Exit(1) from None
    return path


def only_known(values: Sequence[str] | None, known: Sequence[str], what: str = "state") -> None:
    """A clear message and exit 2 for a value oteo does not have (a state, a
    sensitivity): a filter on an unknown state would only show nothing."""
    for value in values or ():
        if value not in known:
            message = t(
                "unknown_value", value=value, what=t("what." + what), known=", ".join(known)
            )
            errors.print(Text(message), style="red")
            raise typer.Exit(2)


def _titled(incident: dict) -> str:
    """An incident's title, a drill's marked as one."""
    return incident["title"] + (f" ({t('web.drill')})" if incident.get("drill") else "")


def _when(text: str | None, config: Config) -> datetime:
    """An ISO 8601 time (the config's time zone when it names none), or now."""
    if not text:
        return datetime.now(UTC)
    try:
        at = datetime.fromisoformat(text)
    except ValueError:
        errors.print(Text(t("cli.backtest.bad_date", text=text)), style="red")
        raise typer.Exit(2) from None
    return at.replace(tzinfo=at.tzinfo or config.tz)


@app.callback()
def main_options(lang: Lang = None) -> None:
    _asked["lang"] = lang
    if lang:
        set_lang(lang)


@app.command(help=t("cli.init.help"))
def init(
    path: Annotated[Path, typer.Argument(help=t("cli.init.path"))] = Path("oteo.yaml"),
    lang: Lang = None,
    brand: Annotated[str | None, typer.Option(help=t("cli.init.brand"))] = None,
    force: Annotated[bool, typer.Option("--force", help=t("cli.init.force"))] = False,
) -> None:
    lang = lang or current_lang()
    set_lang(lang)
    if path.exists() and not force:
        errors.print(Text(t("cli.init.exists", path=str(path))), style="red")
        raise typer.Exit(1)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_example(lang, brand), encoding="utf-8")
    console.print(Text(t("cli.init.done", path=str(path))))


@app.command(help=t("cli.demo.help"))
def demo(
    no_serve: Annotated[bool, typer.Option("--no-serve", help=t("cli.demo.no_serve"))] = False,
    lang: Lang = None,
    days: Annotated[int, typer.Option(min=3, max=60, help=t("cli.demo.days"))] = 7,
    seed: Annotated[int, typer.Option(help=t("cli.demo.seed"))] = 7,
    port: Annotated[int, typer.Option(help=t("cli.opt.port"))] = 8740,
    speed: Annotated[float | None, typer.Option(help=t("cli.demo.speed"))] = None,
    workspace: Annotated[Path | None, typer.Option(help=t("cli.demo.workspace"))] = None,
) -> None:
    from oteo import demo as demo_mod

    lang = lang or current_lang()
    set_lang(lang)
    if workspace is not None:
        workspace.mkdir(parents=True, exist_ok=True)
    result = demo_mod.replay(
        console=console, lang=lang, days=days, seed=seed, speed=speed, workspace=workspace
    )
    if no_serve:
        return
    _serve(result.config, result.store, "127.0.0.1", port, now=lambda: result.end)


def warn_no_users(store) -> None:  # type: ignore[no-untyped-def]
    """Nobody can sign in to the dashboard yet: say how to fix it."""
    if store.user_count() == 0:
        console.print(Text(t("cli.no_users")), style="yellow")


def _serve(config: Config, store, host: str, port: int, now=None) -> None:  # type: ignore[no-untyped-def]
    from oteo.web.app import create_app
    from oteo.web.serve import free_port, serve_until, server, stop_on_signals

    port = free_port(host, port)
    console.print(Text(t("cli.serving", url=f"http://{host}:{port}/")), style="bold green")
    warn_no_users(store)
    console.print(Text(t("cli.stop_hint")), style="dim")

    async def go() -> None:
        stop = asyncio.Event()
        stop_on_signals(stop)
        await serve_until(server(create_app(config, store, now=now), host, port), stop)

    asyncio.run(go())


@app.command(help=t("cli.serve.help"))
def serve(
    config: ConfigPath = Path("oteo.yaml"),
    host: Annotated[str | None, typer.Option(help=t("cli.opt.host"))] = None,
    port: Annotated[int | None, typer.Option(help=t("cli.opt.port"))] = None,
    lang: Lang = None,
) -> None:
    cfg = _load(config)
    _lang_for(cfg, lang)
    _serve(cfg, _store(cfg), host or cfg.web.host, port or cfg.web.port)


@app.command(help=t("cli.run.help"))
def run(
    config: ConfigPath = Path("oteo.yaml"),
    no_web: Annotated[bool, typer.Option("--no-web", help=t("cli.run.no_web"))] = False,
    lang: Lang = None,
) -> None:
    from oteo.runner import run_live
    from oteo.sources import SourceError

    cfg = _load(config)
    _lang_for(cfg, lang)
    store = _store(cfg)
    try:
        stats = asyncio.run(run_live(cfg, store, console, web=not no_web))
    except SourceError as exc:
        errors.print(Text(t(exc.key, **exc.values)), style="red")
        errors.print(Text(t(exc.key + ".fix", **exc.values)), style="red")
        raise typer.Exit(1) from None
    console.print(Text(t("cli.run.stopped", n=stats.received, new=stats.new)))


@app.command("import", help=t("cli.import.help"))
def import_(
    file: Annotated[Path, typer.Argument(help=t("cli.import.file"))],
    config: ConfigPath = Path("oteo.yaml"),
    source: Annotated[str | None, typer.Option(help=t("cli.import.source"))] = None,
    lang: Lang = None,
) -> None:
    from oteo.console import Reporter
    from oteo.importer import import_file
    from oteo.sources.files import FileError

    cfg = _load(config)
    _lang_for(cfg, lang)
    store = _store(cfg)
    reporter = Reporter(console, cfg.timezone, shown_rejects=SHOWN_BAD_ROWS)
    try:
        result = import_file(cfg, store, file, reporter, source=source)
    except FileError as exc:
        errors.print(Text(t(exc.key, **exc.values)), style="red")
        fix = exc.key + ".fix"
        from oteo.messages import MESSAGES

        if fix in MESSAGES:
            errors.print(Text(t(fix, **exc.values)), style="red")
        raise typer.Exit(1) from None
    if len(result.rejected) > SHOWN_BAD_ROWS:
        console.print(
            Text(t("import.more_rejected", n=len(result.rejected) - SHOWN_BAD_ROWS)),
            style="yellow",
        )
    stats = result.stats
    console.print(
        Text(
            t(
                "import.summary",
                accepted=result.accepted,
                new=stats.new,
                duplicates=stats.duplicates,
                rejected=len(result.rejected),
            )
        ),
        style="bold",
    )
    if stats.late:
        console.print(Text(t("import.late", late=stats.late)), style="yellow")
    if result.rejected:
        raise typer.Exit(3)


@app.command(help=t("cli.status.help"))
def status(config: ConfigPath = Path("oteo.yaml"), lang: Lang = None) -> None:
    cfg = _load(config)
    _lang_for(cfg, lang)
    console.print(
        Text(
            t(
                "cli.status.config_ok",
                path=str(config),
                watches=len(cfg.watches),
                people=len(cfg.team),
            )
        ),
        style="green",
    )
    store = _store(cfg)
    counts = store.counts()
    last = store.last_received()
    console.print(
        Text(
            t(
                "cli.status.counts",
                **numbers({k: counts[k] for k in ("mentions", "authors", "incidents", "inbox")}),
            )
        )
    )
    console.print(Text(t("cli.status.last", at=day_time(last, tz=cfg.tz))))
    now = datetime.now(UTC)
    table = Table(t("web.watch"), t("cli.status.last24"), t("web.negative_share"))
    held = {w["name"]: w["id"] for w in store.watches()}
    for watch in cfg.watches:  # a watch oteo has not listened to yet is listed too
        totals = (
            store.watch_totals(held[watch.name], now - timedelta(days=1))
            if watch.name in held
            else {"volume": 0, "negative": 0}
        )
        share = f"{100 * totals['negative'] / totals['volume']:.0f}%" if totals["volume"] else "—"
        table.add_row(Text(watch.name), number(totals["volume"]), share)
    console.print(table)
    incidents = store.incidents(open_only=True)
    console.print(Text(t("cli.status.open_incidents", n=len(incidents))))
    for i in incidents:
        console.print(Text(f"  #{i['id']} [{severity_label(i['severity'])}] {_titled(i)}"))
    people = cfg.people()
    on_duty = [people[p].name for p in cfg.schedule().on_duty(now) if p in people]
    console.print(
        Text(t("cli.status.on_duty", people=", ".join(on_duty) or t("cli.status.nobody")))
    )
    _source_health(cfg, store, now)
    sent = store.notification_counts()
    if sent:
        console.print(
            Text(
                t("cli.status.notifications")
                + ", ".join(f"{n} {t('notification.' + k)}" for k, n in sorted(sent.items()))
            ),
            style="yellow" if {"failed", "retrying", "held"} & set(sent) else None,
        )


def _source_health(cfg: Config, store, now: datetime) -> None:  # type: ignore[no-untyped-def]
    """One line per source: its state, last poll and item, items in the last hour."""
    from oteo.sources.health import health

    rows = health(cfg, store, now)
    if not rows:
        return
    table = Table(
        t("cli.status.source"),
        t("web.status"),
        t("cli.status.polled"),
        t("cli.status.last_item"),
        t("cli.status.last_hour"),
        t("cli.status.errors"),
        t("cli.status.quarantined"),
    )
    styles = {"failing": "red", "quiet": "yellow", "waiting": "dim"}
    for h in rows:
        table.add_row(
            Text(h.source),
            Text(t("source.state." + h.state), style=styles.get(h.state, "green")),
            day_time(h.polled_at, tz=cfg.tz),
            day_time(h.last_item_at, tz=cfg.tz),
            number(h.last_hour),
            str(h.errors),
            str(h.quarantined),
        )
    console.print(table)
    for h in rows:
        if h.state == "failing" and h.last_error:
            console.print(Text(f"  {h.source}: {h.last_error[:300]}"), style="red")


@app.command(help=t("cli.oncall.help"))
def oncall(
    config: ConfigPath = Path("oteo.yaml"),
    at: Annotated[str | None, typer.Option(help=t("cli.oncall.at"))] = None,
    days: Annotated[int, typer.Option(min=1, max=60, help=t("cli.oncall.days"))] = 7,
    lang: Lang = None,
) -> None:
    """Who listens at a given time, who each level pages in turn, and where the gaps are."""
    from oteo.incidents.manager import escalation_chain
    from oteo.model import ESCALATING

    cfg = _load(config)
    _lang_for(cfg, lang)
    tz = cfg.tz
    when = _when(at, cfg)
    people = cfg.people()
    on_duty = [people[p].name for p in cfg.schedule().on_duty(when) if p in people]
    console.print(
        Text(
            t(
                "cli.oncall.now",
                at=day_time(when, tz=tz),
                people=", ".join(on_duty) or t("cli.status.nobody"),
            )
        ),
        style="bold" if on_duty else "bold red",
    )
    for severity in ESCALATING:
        steps = escalation_chain(cfg, severity, when)
        chain = " → ".join(
            f"{', '.join(p.name for p in step.people)} ({int(step.timeout.total_seconds() // 60)} min)"
            for step in steps
        )
        console.print(Text(f"  {severity_label(severity)}: {chain or t('cli.status.nobody')}"))
    for person in people.values():
        if not {c for c in person.contacts if c != "phone"}:
            console.print(Text(t("cli.oncall.no_contact", name=person.name)), style="yellow")
    gaps = cfg.schedule().gap_ranges(when, days=days) if cfg.rota.shifts else []
    for start, end in gaps:
        console.print(
            Text(t("cli.oncall.gap", start=day_time(start, tz=tz), end=day_time(end, tz=tz))),
            style="yellow",
        )


def _protocol(config: Path, lang: str | None, by: str):  # type: ignore[no-untyped-def]
    """Config, store and incident manager for a protocol command by team member ``by``."""
    from oteo.incidents import IncidentManager
    from oteo.notify import Notifier

    cfg = _load(config)
    _lang_for(cfg, lang)
    if by not in cfg.people():
        known = ", ".join(sorted(cfg.people())) or "-"
        errors.print(Text(t("cli.incident.unknown_person", who=by, known=known)), style="red")
        raise typer.Exit(2)
    store = _store(cfg)
    manager = IncidentManager(cfg, store, store.watch_ids(), Notifier(store, cfg.notify))
    return cfg, store, manager


def _apply(manager, action) -> None:  # type: ignore[no-untyped-def]
    """Run a protocol action; a refused move is a clear message and exit 1; any
    follow-up (PagerDuty acknowledge / resolve) is sent right away."""
    from oteo.console import notified
    from oteo.incidents.manager import ProtocolError

    try:
        action()
    except ProtocolError as exc:
        errors.print(Text(str(exc)), style="red")
        raise typer.Exit(1) from None
    for delivery, status in manager.notifier.deliver(manager.take_pending(), datetime.now(UTC)):
        console.print(Text(notified(delivery, status)), style="dim")


By = Annotated[str, typer.Option("--by", help=t("cli.incident.by"))]
IncidentId = Annotated[int, typer.Argument(help=t("cli.incident.id"))]


@incident_app.command("list", help=t("cli.incident.list.help"))
def incident_list(
    config: ConfigPath = Path("oteo.yaml"),
    all_: Annotated[bool, typer.Option("--all", help=t("cli.incident.all"))] = False,
    lang: Lang = None,
) -> None:
    cfg = _load(config)
    _lang_for(cfg, lang)
    store = _store(cfg)
    table = Table(
        "#", t("web.status"), t("cli.incident.level"), t("web.opened"), t("cli.incident.title")
    )
    for i in store.incidents(open_only=not all_):
        table.add_row(
            str(i["id"]),
            t("status." + i["status"]),
            severity_label(i["severity"]),
            day_time(i["opened_at"], tz=cfg.tz),
            Text(_titled(i)),
        )
    console.print(table)


@incident_app.command("show", help=t("cli.incident.show.help"))
def incident_show(
    incident: IncidentId, config: ConfigPath = Path("oteo.yaml"), lang: Lang = None
) -> None:
    from oteo.flags import attack_flag, troll_flag
    from oteo.model import Severity
    from oteo.notify.message import compose
    from oteo.respond.templates import STATEMENTS, listed, playbooks
    from oteo.web.app import by_theme, checklist

    cfg = _load(config)
    _lang_for(cfg, lang)
    store = _store(cfg)
    row = store.incident(incident)
    if row is None:
        errors.print(Text(t("protocol.no_incident", id=incident)), style="red")
        raise typer.Exit(1)
    tz = cfg.tz
    console.print(
        Text(f"#{row['id']} [{severity_label(row['severity'])}] {_titled(row)}"), style="bold"
    )
    console.print(Text(f"{t('web.status')}: {t('status.' + row['status'])}"))
    console.print(
        Text(
            f"{t('web.category')}: {t('category.' + row['category'])} · "
            f"{t('web.origin')}: {t('origin.' + row['origin'])}"
        )
    )
    fitting = [
        named(tid, "template")
        for tid, fits in listed(cfg.respond.templates, STATEMENTS, playbooks(row))
        if fits
    ]
    if fitting:
        console.print(Text(f"{t('cli.incident.fits')}: {', '.join(fitting)}"))
    # why, in the words of the team's messages: what moved, who, the themes, the first post
    why = compose(
        brand=cfg.brand.name,
        severity=Severity(row["severity"]),
        why=row.get("why") or {},
        incident_id=incident,
        base_url="",
        lang=current_lang(),
    )
    console.print(Text(t("web.why")), style="bold")
    for fact in why.facts:
        console.print(Text(f"  {fact}"))
    if why.first_post:
        console.print(Text(f"  {why.first_post}"))
        console.print(Text(f"    «{why.first_text}»"))
    events = store.incident_events(incident)
    console.print(Text(t("web.checklist")), style="bold")
    for step, done in checklist(events):
        console.print(Text(f"  {'☑' if done else '☐'} {t('step.' + step)}"))
    console.print(Text(t("web.timeline")), style="bold")
    for e in events:
        data = e["data"]
        action = data.get("action") and named(data["action"], "action")  # in the reader's words
        detail = data.get("text") or data.get("note") or action or data.get("label") or ""
        console.print(
            Text(
                f"  {day_time(e['at'], tz=tz)}  {t('event.' + e['kind'])}  {detail}  ({e['actor']})"
            )
        )
    # what is being said, by theme: what drives it first, as on the incident's page
    listed = store.incident_mentions(incident, limit=SHOWN_POSTS)
    if not listed:
        return
    console.print(Text(t("web.mentions")), style="bold")
    total = store.incident_mention_count(incident)
    if total > len(listed):
        shown = t("web.mentions.shown", shown=number(len(listed)), total=number(total))
        console.print(Text(f"  {shown}"), style="dim")
    reader = current_lang()
    groups = by_theme(listed)
    for theme, posts in groups:
        if theme or len(groups) > 1:
            head = t("web.mentions.theme", theme=theme) if theme else t("web.mentions.other")
            console.print(Text(f"  {head}"), style="bold")
        for m in posts:
            line = Text(
                f"    {day_time(m['created_at'], tz=tz)} · {t('channel.' + m['channel'])} · "
                f"@{m['handle'] or '?'}: {(m['text'] or '')[:200]}"
            )
            if troll := troll_flag(m["risk"], m["risk_reasons"], reader):
                line.append(f"  {troll[0]}", style="bold red")
            if attack := attack_flag(
                m["offensive"], m["offensive_kind"], m["offensive_words"], reader
            ):
                line.append(f"  {attack[0]}", style="bold red" if attack[1] else "dim")
            console.print(line)


@incident_app.command("ack", help=t("cli.incident.ack.help"))
def incident_ack(
    incident: IncidentId, by: By, config: ConfigPath = Path("oteo.yaml"), lang: Lang = None
) -> None:
    _, _, manager = _protocol(config, lang, by)
    done: list[bool] = []
    _apply(manager, lambda: done.append(manager.acknowledge(incident, by, datetime.now(UTC))))
    console.print(
        Text(t("cli.incident.acked" if done[0] else "cli.incident.not_acked", id=incident))
    )


@incident_app.command("move", help=t("cli.incident.move.help"))
def incident_move(
    incident: IncidentId,
    status: Annotated[str, typer.Argument(help=t("cli.incident.status"))],
    by: By,
    note: Annotated[str | None, typer.Option(help=t("cli.incident.note_opt"))] = None,
    origin: Annotated[str | None, typer.Option(help=t("cli.incident.origin"))] = None,
    category: Annotated[str | None, typer.Option(help=t("cli.incident.category"))] = None,
    channel: Annotated[str | None, typer.Option(help=t("cli.incident.channel"))] = None,
    config: ConfigPath = Path("oteo.yaml"),
    lang: Lang = None,
) -> None:
    from oteo.model import IncidentStatus

    _, _, manager = _protocol(config, lang, by)
    only_known([status], [s.value for s in IncidentStatus])
    target = IncidentStatus(status)
    data = {"origin": origin, "category": category, "origin_channel": channel}
    data = {k: v for k, v in data.items() if v}
    _apply(
        manager,
        lambda: manager.move(incident, target, by, datetime.now(UTC), note=note, data=data),
    )
    console.print(Text(t("cli.incident.moved", id=incident, status=t("status." + target.value))))


@incident_app.command("note", help=t("cli.incident.note.help"))
def incident_note(
    incident: IncidentId,
    text: Annotated[str, typer.Argument(help=t("cli.incident.text"))],
    by: By,
    decision: Annotated[bool, typer.Option(help=t("cli.incident.decision"))] = False,
    config: ConfigPath = Path("oteo.yaml"),
    lang: Lang = None,
) -> None:
    _, _, manager = _protocol(config, lang, by)
    kind = "decision" if decision else "note"
    _apply(manager, lambda: manager.note(incident, by, datetime.now(UTC), text, kind))
    console.print(Text(t("cli.incident.noted", id=incident)))


@incident_app.command("check", help=t("cli.incident.check.help"))
def incident_check(
    incident: IncidentId,
    step: Annotated[str, typer.Argument(help=t("cli.incident.step"))],
    by: By,
    undo: Annotated[bool, typer.Option(help=t("cli.incident.undo"))] = False,
    config: ConfigPath = Path("oteo.yaml"),
    lang: Lang = None,
) -> None:
    _, _, manager = _protocol(config, lang, by)
    _apply(manager, lambda: manager.check(incident, step, by, datetime.now(UTC), not undo))
    console.print(Text(t("cli.incident.checked", id=incident, step=t("step." + step))))


@bench_app.command("pipeline", help=t("cli.bench.pipeline.help"))
def bench_pipeline(
    mentions: Annotated[int, typer.Option(min=1, help=t("cli.bench.mentions"))] = 50_000,
    database: Annotated[str | None, typer.Option(help=t("cli.bench.database"))] = None,
    mode: Annotated[Mode, typer.Option(help=t("cli.bench.mode"))] = Mode.FULL,
) -> None:
    from oteo.bench import bench_pipeline as run_bench

    result = run_bench(mentions, database=database, mode=mode)
    for line in result.lines():
        console.print(Text(line))


@bench_app.command("web", help=t("cli.bench.web.help"))
def bench_web(
    database: Annotated[str, typer.Option(help=t("cli.bench.database"))],
    repeats: Annotated[int, typer.Option(min=3, max=1000)] = 20,
) -> None:
    from oteo.bench import bench_web as run_bench

    for line in run_bench(database, repeats):
        console.print(Text(line))


@app.command(help=t("cli.analyze.help"))
def analyze(
    file: Annotated[Path, typer.Argument(help=t("cli.analyze.file"))],
    out: Annotated[Path | None, typer.Option("--out", "-o", help=t("cli.analyze.out"))] = None,
) -> None:
    from oteo.sources.files import FileError
    from oteo.understand.batch import analyze_file

    try:
        if out is None:
            analyze_file(file, sys.stdout)
        else:
            _output(out)
            began = time.perf_counter()

            def rate(n: int) -> str:
                return number(n / max(time.perf_counter() - began, 1e-9))

            # shown on a terminal only (standard error), replaced as batches are written
            with out.open("w", encoding="utf-8") as handle, errors.status("") as shown:
                n = analyze_file(
                    file,
                    handle,
                    progress=lambda n: shown.update(
                        t("cli.analyze.progress", n=number(n), rate=rate(n))
                    ),
                )
            errors.print(Text(t("cli.analyze.done", n=number(n), out=str(out), rate=rate(n))))
    except FileError as exc:
        errors.print(Text(t(exc.key, **exc.values)), style="red")
        raise typer.Exit(1) from None


@app.command(help=t("cli.backtest.help"))
def backtest(
    watch: Annotated[str, typer.Argument(help=t("cli.backtest.watch"))],
    config: ConfigPath = Path("oteo.yaml"),
    since: Annotated[str | None, typer.Option(help=t("cli.backtest.since"))] = None,
    until: Annotated[str | None, typer.Option(help=t("cli.backtest.until"))] = None,
    sensitivity: Annotated[
        str | None, typer.Option(help=t("cli.detect_series.sensitivity"))
    ] = None,
    lang: Lang = None,
) -> None:
    from oteo.detect.backtest import backtest as run_backtest
    from oteo.detect.detector import SENSITIVITY

    cfg = _load(config)
    _lang_for(cfg, lang)
    if watch not in {w.name for w in cfg.watches}:
        names = ", ".join(w.name for w in cfg.watches)
        errors.print(Text(t("cli.backtest.no_watch", watch=watch, names=names)), style="red")
        raise typer.Exit(2)
    if sensitivity is not None:
        only_known([sensitivity], list(SENSITIVITY), "sensitivity")
        cfg.detection.sensitivity = sensitivity
    tz = cfg.tz
    bounds = [_when(text, cfg) if text else None for text in (since, until)]
    if bounds[0] is not None and bounds[1] is not None and bounds[0] >= bounds[1]:
        errors.print(Text(t("cli.backtest.order", since=since, until=until)), style="red")
        raise typer.Exit(2)
    store = _store(cfg)
    result = run_backtest(cfg, store, watch, bounds[0], bounds[1])
    if not result.mentions:
        console.print(Text(t("cli.backtest.empty", watch=watch)))
        return
    assert result.first is not None and result.last is not None
    console.print(
        Text(
            t(
                "cli.backtest.summary",
                watch=watch,
                mentions=number(result.mentions),
                first=day_time(result.first, tz=tz),
                last=day_time(result.last, tz=tz),
                alerts=len(result.alerts),
                sensitivity=cfg.detection.sensitivity,
                stored=result.stored_alerts,
            )
        )
    )
    for a in result.alerts:
        first = (a.why.get("first_post") or {}).get("text", "")
        # an attack or a bot flood says so; otherwise the category is the severity's
        kind = "" if a.category == a.severity.key else f"{t('category.' + a.category)} · "
        console.print(
            Text(
                f"  {day_time(a.at, tz=tz)}  [{severity_label(int(a.severity))}] "
                f"{kind}{t('origin.' + a.origin)} · "
                f"{t('cli.backtest.score', score=decimal(round(a.score, 1)))}  {first[:80]}"
            )
        )


@app.command("detect-series", help=t("cli.detect_series.help"))
def detect_series(
    file: Annotated[Path, typer.Argument(help=t("cli.detect_series.file"))],
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help=t("cli.detect_series.out"))
    ] = None,
    sensitivity: Annotated[str, typer.Option(help=t("cli.detect_series.sensitivity"))] = "normal",
) -> None:
    from oteo.detect.series import (
        SERIES_SENSITIVITY,
        RowError,
        SeriesFileError,
        detect_rows,
        read_rows,
        write_output,
    )

    only_known([sensitivity], list(SERIES_SENSITIVITY), "sensitivity")
    if out is not None:
        _output(out)
    rejected: list[RowError] = []
    try:
        with file.open("rb") as raw:
            points = detect_rows(read_rows(raw, rejected), sensitivity)
            if out is None:
                write_output(points, sys.stdout)
            else:
                with out.open("w", newline="", encoding="utf-8") as handle:
                    rows, alerts = write_output(points, handle)
    except BrokenPipeError:  # the reader (e.g. head) has had enough: exit quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        raise typer.Exit(0) from None
    except OSError as exc:
        errors.print(Text(t("import.unreadable", path=str(file), error=str(exc))), style="red")
        raise typer.Exit(1) from None
    except SeriesFileError as exc:
        errors.print(Text(f"{file}: {t(exc.key, **exc.values)}"), style="red")
        raise typer.Exit(1) from None
    for r in rejected[:SHOWN_BAD_ROWS]:
        said = "series.kept" if r.kept else "series.rejected"
        errors.print(Text(t(said, line=r.line, reason=t(r.key, **r.values))), style="yellow")
    if len(rejected) > SHOWN_BAD_ROWS:
        errors.print(
            Text(t("series.more_rejected", n=len(rejected) - SHOWN_BAD_ROWS)), style="yellow"
        )
    if out is not None:
        errors.print(Text(t("cli.detect_series.done", rows=rows, alerts=alerts, out=str(out))))
    if any(not r.kept for r in rejected):
        raise typer.Exit(3)


@app.command(help=t("cli.train.help"))
def train(
    data: Annotated[Path, typer.Option(help=t("cli.train.data"))] = Path("../shared/data"),
    model: Annotated[list[str] | None, typer.Option("--model", help=t("cli.train.model"))] = None,
    cards: Annotated[Path, typer.Option(help=t("cli.train.cards"))] = Path("docs/models"),
    cache: Annotated[Path | None, typer.Option(help=t("cli.train.cache"))] = None,
) -> None:
    from oteo.understand.cards import write_cards
    from oteo.understand.train import model_names, train_all

    known = model_names()
    for name in model or ():
        if name not in known:
            errors.print(
                Text(t("cli.train.unknown_model", name=name, known=", ".join(known))), style="red"
            )
            raise typer.Exit(2)
    _public_data(data, "sentiment")
    _output(cards / "authors.md")
    metrics = train_all(data, model, log=lambda line: console.print(Text(line)), cache=cache)
    for path in write_cards(metrics, cards):
        console.print(Text(t("cli.train.card", path=str(path))))


@sim_app.command("list", help=t("cli.sim.list.help"))
def sim_list() -> None:
    from oteo.sim import SPECS
    from oteo.sim.export import PRESETS

    table = Table(
        t("cli.sim.scenario"),
        t("cli.sim.crisis"),
        t("cli.sim.category"),
        t("cli.sim.expected"),
        t("cli.sim.what"),
    )
    for name, spec in SPECS.items():
        table.add_row(
            name,
            t("cli.yes") if spec.crisis else t("cli.no"),
            spec.category,
            spec.max_severity,
            t("scenario." + name),
        )
    for name in PRESETS:
        table.add_row(name, "", "", "", t("scenario." + name))
    console.print(table)


@sim_app.command("export", help=t("cli.sim.export.help"))
def sim_export(
    scenarios: Annotated[list[str] | None, typer.Argument(help=t("cli.sim.scenarios"))] = None,
    out: Annotated[Path, typer.Option("--out", "-o", help=t("cli.sim.out"))] = Path("sim.jsonl"),
    truth: Annotated[Path | None, typer.Option(help=t("cli.sim.truth"))] = None,
    days: Annotated[float, typer.Option(min=1, max=400, help=t("cli.demo.days"))] = 7.0,
    seed: Annotated[int, typer.Option(help=t("cli.demo.seed"))] = 1,
    volume: Annotated[float, typer.Option(min=0.5, help=t("cli.sim.volume"))] = 800.0,
    start: Annotated[str | None, typer.Option(help=t("cli.sim.start"))] = None,
    brand: Annotated[str, typer.Option(help=t("cli.init.brand"))] = "Lumbre Burger",
    lang: Lang = None,
) -> None:
    from oteo.sim.export import MOST, UnknownScenario, build, write

    if not brand.strip():
        errors.print(Text(t("cli.sim.no_brand")), style="red")
        raise typer.Exit(2)
    if volume * days > MOST:
        errors.print(
            Text(t("cli.sim.too_big", n=number(volume * days), most=number(MOST))), style="red"
        )
        raise typer.Exit(2)
    truth = _output(truth or out.with_suffix(".truth.json"))
    _output(out)
    try:
        when = datetime.fromisoformat(start) if start else None
    except ValueError:
        errors.print(Text(t("cli.sim.bad_start", value=start)), style="red")
        raise typer.Exit(2) from None
    if when is not None and when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    try:
        sim = build(
            scenarios or [],
            start=when,
            days=days,
            seed=seed,
            volume=volume,
            lang=lang or "es",
            brand=brand.strip(),
        )
    except UnknownScenario as exc:
        errors.print(Text(t("cli.sim.unknown", name=exc.name)), style="red")
        raise typer.Exit(2) from None
    written = write(sim, out, truth)
    console.print(
        Text(
            t(
                "cli.sim.written",
                n=number(written.mentions),
                out=str(out),
                truth=str(truth),
                seconds=decimal(round(written.seconds, 1)),
            )
        )
    )


def _public_data(data: Path, folder: str) -> None:
    """A clear error, not a traceback, when ``data`` is not the public data's folder."""
    if not (data / folder).is_dir():
        errors.print(Text(t("cli.data.missing", path=str(data), folder=folder)), style="red")
        raise typer.Exit(1)


@bench_app.command("understand", help=t("cli.bench.understand.help"))
def bench_understand(
    posts: Annotated[int, typer.Option(min=100, help=t("cli.bench.posts"))] = 5000,
    data: Annotated[Path | None, typer.Option(help=t("cli.train.data"))] = None,
    mode: Annotated[Mode, typer.Option(help=t("cli.bench.mode"))] = Mode.FULL,
    workers: Annotated[int, typer.Option(min=0, max=16, help=t("cli.bench.workers"))] = 0,
) -> None:
    from oteo.bench import bench_understand as run_bench

    if data is not None:
        _public_data(data, "sentiment")
    for line in run_bench(posts, data, mode, workers):
        console.print(Text(line))


@bench_app.command("langid", help=t("cli.bench.langid.help"))
def bench_langid(
    data: Annotated[Path, typer.Option(help=t("cli.train.data"))] = Path("../shared/data"),
) -> None:
    from oteo.bench import bench_langid as run_bench

    _public_data(data, "sentiment")
    for line in run_bench(data):
        console.print(Text(line))


@bench_app.command("nab", help=t("cli.bench.nab.help"))
def bench_nab(
    data: Annotated[Path, typer.Option(help=t("cli.train.data"))] = Path("../shared/data"),
) -> None:
    from oteo.bench import bench_nab as run_bench

    _public_data(data, "nab")
    for line in run_bench(data):
        console.print(Text(line))


@bench_app.command("offence", help=t("cli.bench.offence.help"))
def bench_offence(
    data: Annotated[Path, typer.Option(help=t("cli.train.data"))] = Path("../shared/data"),
) -> None:
    from oteo.bench import bench_offence as run_bench

    _public_data(data, "sentiment")
    for line in run_bench(data):
        console.print(Text(line))


@bench_app.command("airlines", help=t("cli.bench.airlines.help"))
def bench_airlines(
    data: Annotated[Path, typer.Option(help=t("cli.train.data"))] = Path("../shared/data"),
) -> None:
    from oteo.bench import bench_airlines as run_bench

    _public_data(data, "sentiment")
    for line in run_bench(data):
        console.print(Text(line))


@bench_app.command("detection", help=t("cli.bench.detection.help"))
def bench_detection(
    seeds: Annotated[int, typer.Option(min=1, max=20, help=t("cli.bench.seeds"))] = 2,
    mode: Annotated[Mode, typer.Option(help=t("cli.bench.mode"))] = Mode.FULL,
    quiet_days: Annotated[float, typer.Option(min=1, help=t("cli.bench.quiet_days"))] = 30.0,
) -> None:
    from oteo.bench import bench_detection as run_bench

    def echo(run) -> None:  # type: ignore[no-untyped-def]
        what = run.scenario or f"quiet {run.brand}"
        errors.print(Text(f"{what} seed {run.seed} {run.lang}: {len(run.alerts)} alerts"))

    for line in run_bench(seeds, mode, quiet_days, echo):
        console.print(Text(line))


@bench_app.command("sim", help=t("cli.bench.sim.help"))
def bench_sim(
    days: Annotated[float, typer.Option(min=1, help=t("cli.demo.days"))] = 5.0,
    volume: Annotated[float, typer.Option(min=1, help=t("cli.sim.volume"))] = 200_000.0,
) -> None:
    from oteo.bench import bench_sim as run_bench

    for line in run_bench(days=days, volume=volume):
        console.print(Text(line))


from oteo import cli_desk, cli_drill, cli_users  # noqa: E402, F401  (more commands)


def main() -> None:
    """The command line (the ``oteo`` command starts in :mod:`oteo.__main__`)."""
    try:
        app(prog_name="oteo")
    except KeyboardInterrupt:
        sys.exit(130)
