"""The response desk's commands: ``oteo inbox``, ``oteo respond``, ``oteo moderate``,
``oteo sla``.  Thin, like the rest of the CLI: each calls :class:`~oteo.respond.desk.Desk`
and prints; a refusal of the desk's rules is a clear message and exit 1."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table
from rich.text import Text

from oteo.cli import (
    By,
    ConfigPath,
    Lang,
    _lang_for,
    _load,
    _store,
    _when,
    app,
    console,
    errors,
    only_known,
)
from oteo.cli_text import commands
from oteo.i18n import day_time, named, numbers, span, t

inbox_app = commands(t("cli.inbox.help"))
respond_app = commands(t("cli.respond.help"))
app.add_typer(inbox_app, name="inbox")
app.add_typer(respond_app, name="respond")

Ids = Annotated[list[int], typer.Argument(help=t("cli.inbox.ids"))]
ResponseId = Annotated[int, typer.Argument(help=t("cli.respond.id"))]
TextOpt = Annotated[str | None, typer.Option("--text", help=t("cli.respond.text"))]
TemplateOpt = Annotated[str | None, typer.Option("--template", help=t("cli.respond.template"))]
Vars = Annotated[list[str] | None, typer.Option("--var", help=t("cli.respond.var"))]
Account = Annotated[str | None, typer.Option("--account", help=t("cli.respond.account"))]
ReplyLang = Annotated[str | None, typer.Option("--in", help=t("cli.respond.in"))]


def _desk(config: Path, lang: str | None):  # type: ignore[no-untyped-def]
    from oteo.respond.desk import Desk

    cfg = _load(config)
    _lang_for(cfg, lang)
    return Desk(cfg, _store(cfg))


def _run(action: Callable[[], Any]) -> Any:
    from oteo.respond.desk import DeskError

    try:
        return action()
    except DeskError as exc:
        errors.print(Text(str(exc)), style="red")
        raise typer.Exit(1) from None


def _clock(row: dict[str, Any], now: datetime) -> str:
    from oteo.store.desk import WAITING

    if row["due_at"] is None or row["state"] not in WAITING:
        return "—"
    minutes = (row["due_at"] - now).total_seconds() / 60
    if minutes < 0:
        return t("cli.inbox.late", late=span(-minutes))
    return t("cli.inbox.due_in", left=span(minutes))


# --------------------------------------------------------------------------- inbox


@inbox_app.command("list", help=t("cli.inbox.list.help"))
def inbox_list(
    state: Annotated[list[str] | None, typer.Option("--state", help=t("cli.inbox.state"))] = None,
    mine: Annotated[str | None, typer.Option("--mine", help=t("cli.inbox.mine"))] = None,
    limit: Annotated[int, typer.Option(min=1, max=1000)] = 50,
    config: ConfigPath = Path("oteo.yaml"),
    lang: Lang = None,
) -> None:
    from oteo.flags import attack_flag, troll_flag
    from oteo.i18n import current_lang
    from oteo.store.desk import INBOX_STATES, OPEN

    desk = _desk(config, lang)
    only_known(state, INBOX_STATES)
    now = datetime.now(UTC)
    rows = desk.queue(now, states=state or OPEN, assignee=mine, limit=limit)
    table = Table("#", t("web.status"), t("cli.inbox.clock"), t("cli.inbox.who"), t("web.mention"))
    reader = current_lang()
    for r in rows:
        who = Text(f"{t('channel.' + r['channel'])} @{r['handle'] or '?'}")
        if troll := troll_flag(r["risk"], r["risk_reasons"], reader):
            who.append(f"\n{troll[0]}", style="bold red")
            who.append(f" ({troll[1]})" if troll[1] else "", style="dim")
        post = Text(t("cli.inbox.mention", id=r["mention_id"]) + "\n", style="dim")
        post.append((r["text"] or "")[:160], style="")
        if attack := attack_flag(r["offensive"], r["offensive_kind"], r["offensive_words"], reader):
            post.append(f"\n{attack[0]}", style="bold red" if attack[1] else "dim")
        table.add_row(
            str(r["id"]) + (f" {t('web.drill')}" if r["drill"] else ""),
            t("inbox." + r["state"]) + (f" → {r['assignee']}" if r["assignee"] else ""),
            Text(_clock(r, now), style="red" if r["clock_now"] == "breached" else ""),
            who,
            post,
        )
    console.print(table)
    console.print(Text(t("cli.inbox.count", n=len(rows))), style="dim")


def _inbox_command(action: str) -> None:
    def act(items: list[int], by: str, to: str | None, config: Path, lang: str | None) -> None:
        desk = _desk(config, lang)
        changed, skipped = _run(lambda: desk.act(items, action, by, datetime.now(UTC), assignee=to))
        done = t("web.inbox.action." + action)
        console.print(Text(t("cli.inbox.done", n=len(changed), action=done)))
        if skipped:
            ids = ", ".join(f"#{i}" for i in skipped)
            errors.print(Text(t("cli.inbox.skipped", ids=ids, action=done)), style="yellow")

    def command(
        items: Ids, by: By, config: ConfigPath = Path("oteo.yaml"), lang: Lang = None
    ) -> None:
        act(items, by, None, config, lang)

    def assign(
        items: Ids,
        by: By,
        to: Annotated[str, typer.Option("--to", help=t("cli.inbox.to"))],
        config: ConfigPath = Path("oteo.yaml"),
        lang: Lang = None,
    ) -> None:
        act(items, by, to, config, lang)

    # only assigning takes --to (given to another action it was silently ignored)
    chosen = assign if action == "assign" else command
    inbox_app.command(action, help=t(f"cli.inbox.{action}.help"))(chosen)


for _action in ("ack", "assign", "replied", "private", "resolve", "done", "reopen"):
    _inbox_command(_action)


# --------------------------------------------------------------------------- responses


def _values(pairs: list[str] | None) -> dict[str, str]:
    out = {}
    for pair in pairs or []:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            errors.print(Text(t("cli.respond.bad_var", pair=pair)), style="red")
            raise typer.Exit(2)
        out[name.strip()] = value
    return out


def _show(desk, row: dict[str, Any]) -> None:  # type: ignore[no-untyped-def]
    approvals = ", ".join(a["by"] for a in row["approvals"]) or "—"
    where = row["account"] or t("cli.respond.by_hand", network=t("channel." + row["network"]))
    console.print(
        Text(
            t(
                "cli.respond.summary",
                id=row["id"],
                kind=t("response.kind." + row["kind"]),
                state=t("response." + row["state"]),
                where=where,
                have=len(row["approvals"]),
                needed=row["approvals_needed"],
                approvals=approvals,
            )
        ),
        style="bold",
    )
    for r in row["risks"]:
        style = "red" if r["level"] == "block" else "yellow"
        console.print(Text(f"  ⚠ {t('risk.' + r['code'])} {r['detail']}"), style=style)
    console.print(Text(row["text"]))
    if row["state"] == "manual":
        console.print(Text(t("cli.respond.paste", link=desk.manual_link(row) or "—")), style="cyan")
    if row["error"]:
        console.print(Text(row["error"]), style="red")


@respond_app.command("reply", help=t("cli.respond.reply.help"))
def respond_reply(
    item: Annotated[int, typer.Argument(help=t("cli.respond.item"))],
    by: By,
    text: TextOpt = None,
    template: TemplateOpt = None,
    var: Vars = None,
    in_: ReplyLang = None,
    account: Account = None,
    config: ConfigPath = Path("oteo.yaml"),
    lang: Lang = None,
) -> None:
    desk = _desk(config, lang)
    row = _run(
        lambda: desk.draft(
            by=by,
            now=datetime.now(UTC),
            item=item,
            text=text,
            template=template,
            values=_values(var),
            lang=in_,
            account=account,
        )
    )
    _show(desk, row)


@respond_app.command("post", help=t("cli.respond.post.help"))
def respond_post(
    by: By,
    text: TextOpt = None,
    template: TemplateOpt = None,
    var: Vars = None,
    in_: ReplyLang = None,
    account: Account = None,
    at: Annotated[str | None, typer.Option("--at", help=t("cli.respond.at"))] = None,
    incident: Annotated[
        int | None, typer.Option("--incident", help=t("cli.respond.incident"))
    ] = None,
    config: ConfigPath = Path("oteo.yaml"),
    lang: Lang = None,
) -> None:
    desk = _desk(config, lang)
    when = _when(at, desk.config) if at else None
    row = _run(
        lambda: desk.draft(
            by=by,
            now=datetime.now(UTC),
            kind="post",
            text=text,
            template=template,
            values=_values(var),
            lang=in_,
            account=account,
            at=when,
            incident=incident,
        )
    )
    _show(desk, row)


@respond_app.command("list", help=t("cli.respond.list.help"))
def respond_list(
    state: Annotated[list[str] | None, typer.Option("--state", help=t("cli.respond.state"))] = None,
    config: ConfigPath = Path("oteo.yaml"),
    lang: Lang = None,
) -> None:
    from oteo.store.desk import RESPONSE_STATES

    desk = _desk(config, lang)
    only_known(state, RESPONSE_STATES)
    table = Table(
        "#",
        t("web.status"),
        t("cli.respond.kind"),
        t("cli.respond.where"),
        t("cli.respond.text_column"),
    )
    for r in desk.store.responses(state):
        table.add_row(
            str(r["id"]),
            t("response." + r["state"]) + f" {len(r['approvals'])}/{r['approvals_needed']}",
            t("response.kind." + r["kind"]),
            Text(r["account"] or t("channel." + r["network"])),
            Text(r["text"][:120]),
        )
    console.print(table)


@respond_app.command("show", help=t("cli.respond.show.help"))
def respond_show(
    response: ResponseId, config: ConfigPath = Path("oteo.yaml"), lang: Lang = None
) -> None:
    desk = _desk(config, lang)
    row = _run(lambda: desk.response(response))
    _show(desk, row)
    tz = desk.config.tz
    for h in row["history"]:
        at = day_time(datetime.fromisoformat(h["at"]), tz=tz)
        action = t("response.history." + h["action"])
        console.print(Text(f"  {at}  {action}  ({h['by']})"), style="dim")


@respond_app.command("approve", help=t("cli.respond.approve.help"))
def respond_approve(
    response: ResponseId,
    by: By,
    accept_risk: Annotated[
        str | None, typer.Option("--accept-risk", help=t("cli.respond.accept"))
    ] = None,
    config: ConfigPath = Path("oteo.yaml"),
    lang: Lang = None,
) -> None:
    desk = _desk(config, lang)
    _show(desk, _run(lambda: desk.approve(response, by, datetime.now(UTC), accept_risk)))


@respond_app.command("reject", help=t("cli.respond.reject.help"))
def respond_reject(
    response: ResponseId,
    by: By,
    reason: Annotated[str, typer.Option("--reason", help=t("cli.respond.reason"))],
    config: ConfigPath = Path("oteo.yaml"),
    lang: Lang = None,
) -> None:
    desk = _desk(config, lang)
    _show(desk, _run(lambda: desk.reject(response, by, datetime.now(UTC), reason)))


@respond_app.command("edit", help=t("cli.respond.edit.help"))
def respond_edit(
    response: ResponseId,
    by: By,
    text: Annotated[str, typer.Option("--text", help=t("cli.respond.text"))],
    config: ConfigPath = Path("oteo.yaml"),
    lang: Lang = None,
) -> None:
    desk = _desk(config, lang)
    _show(desk, _run(lambda: desk.edit(response, by, datetime.now(UTC), text)))


@respond_app.command("published", help=t("cli.respond.published.help"))
def respond_published(
    response: ResponseId,
    by: By,
    url: Annotated[str | None, typer.Option("--url", help=t("cli.respond.url"))] = None,
    config: ConfigPath = Path("oteo.yaml"),
    lang: Lang = None,
) -> None:
    desk = _desk(config, lang)
    _show(desk, _run(lambda: desk.published_by_hand(response, by, datetime.now(UTC), url)))


@respond_app.command("publish", help=t("cli.respond.publish.help"))
def respond_publish(config: ConfigPath = Path("oteo.yaml"), lang: Lang = None) -> None:
    desk = _desk(config, lang)
    done = desk.publish_due(datetime.now(UTC))
    for response_id, state in done:
        console.print(Text(f"#{response_id}: {t('response.' + state)}"))
    console.print(Text(t("cli.respond.published_n", n=len(done))), style="dim")


@respond_app.command("templates", help=t("cli.respond.templates.help"))
def respond_templates(
    in_: ReplyLang = None,
    scenario: Annotated[str | None, typer.Option("--scenario")] = None,
    config: ConfigPath = Path("oteo.yaml"),
    lang: Lang = None,
) -> None:
    desk = _desk(config, lang)
    wanted = in_ or desk.config.lang
    for (template_id, tlang), tpl in sorted(desk.templates.items()):
        if tlang != wanted or (scenario and tpl.scenario != scenario):
            continue
        mark = f" ✔ {tpl.approved_by}" if tpl.pre_approved else ""
        name = named(template_id, "template")
        title = template_id if name == template_id else f"{template_id} · {name}"
        console.print(
            Text(f"{title}  [{tpl.scenario} · {t('template.kind.' + tpl.kind)}]{mark}"),
            style="bold",
        )
        console.print(Text(tpl.text))
        console.print()


# --------------------------------------------------------------------------- moderation, SLA


@app.command("moderate", help=t("cli.moderate.help"))
def moderate(
    mention: Annotated[int, typer.Argument(help=t("cli.moderate.mention"))],
    action: Annotated[str, typer.Argument(help=t("cli.moderate.action"))],
    by: By,
    override: Annotated[bool, typer.Option("--override", help=t("cli.moderate.override"))] = False,
    reason: Annotated[str | None, typer.Option("--reason", help=t("cli.respond.reason"))] = None,
    config: ConfigPath = Path("oteo.yaml"),
    lang: Lang = None,
) -> None:
    desk = _desk(config, lang)
    row = _run(
        lambda: desk.moderate(
            mention, action, by, datetime.now(UTC), reason=reason, override=override
        )
    )
    text = (desk.store.mention(mention) or {}).get("text") or ""
    console.print(
        Text(
            t(
                "cli.moderate.done",
                action=t("moderation.action." + action),
                id=mention,
                text=text[:80] + ("…" if len(text) > 80 else ""),
                grounds=named(row["grounds"], "offence"),
                state=t("moderation." + row["state"]),
            )
        )
    )
    if row["error"]:
        errors.print(Text(row["error"]), style="red")


@app.command("sla", help=t("cli.sla.help"))
def sla(
    days: Annotated[int, typer.Option(min=1, max=366, help=t("cli.sla.days"))] = 7,
    config: ConfigPath = Path("oteo.yaml"),
    lang: Lang = None,
) -> None:
    desk = _desk(config, lang)
    now = datetime.now(UTC)
    r = desk.sla_report(now - timedelta(days=days), now, now)
    console.print(
        Text(
            t(
                "cli.sla.report",
                **numbers(
                    {
                        "days": days,
                        "items": r.items,
                        "answered": r.answered,
                        "in_time": r.in_time,
                        "late": r.late,
                        "breached": r.breached_waiting,
                        "waiting": r.waiting,
                    }
                ),
            )
        )
    )
    if r.median_minutes is not None:
        console.print(
            Text(
                t(
                    "cli.sla.median",
                    plain=span(r.median_minutes),
                    working=span(r.median_working_minutes or 0),
                )
            )
        )
