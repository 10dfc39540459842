"""``oteo user`` and ``oteo token``: who may sign in to the web app, and API tokens."""

from __future__ import annotations

import getpass
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table
from rich.text import Text

from oteo.cli import ConfigPath, Lang, _lang_for, _load, _store, app, console, errors
from oteo.cli_text import commands
from oteo.i18n import day_time, t
from oteo.web import auth

user_app = commands(t("cli.user.help"))
token_app = commands(t("cli.token.help"))
app.add_typer(user_app, name="user")
app.add_typer(token_app, name="token")

ACTOR = "cli"
Username = Annotated[str, typer.Argument(help=t("cli.user.username"))]
Role = Annotated[str, typer.Option("--role", help=t("cli.user.role"))]
PasswordStdin = Annotated[bool, typer.Option("--password-stdin", help=t("cli.user.password_stdin"))]


def _setup(config: Path, lang: str | None):  # type: ignore[no-untyped-def]
    cfg = _load(config)
    _lang_for(cfg, lang)
    return cfg, _store(cfg)


def _role(role: str) -> str:
    if role not in auth.ROLES:
        errors.print(
            Text(t("cli.user.bad_role", role=role, known=", ".join(auth.ROLES))), style="red"
        )
        raise typer.Exit(2)
    return role


def _password(from_stdin: bool) -> str:
    """A new password: one line from stdin, or asked twice at the terminal."""
    if from_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:  # asked here, not by typer.prompt, whose retry and mismatch lines are English
        while True:
            password = getpass.getpass(t("cli.user.password") + ": ")
            if password == getpass.getpass(t("cli.user.password_again") + ": "):
                break
            errors.print(Text(t("cli.user.mismatch")), style="red")
    if len(password) < auth.MIN_PASSWORD:
        errors.print(Text(t("cli.user.short", n=auth.MIN_PASSWORD)), style="red")
        raise typer.Exit(2)
    return password


@user_app.command("add", help=t("cli.user.add.help"))
def user_add(
    username: Username,
    role: Role = "viewer",
    name: Annotated[str | None, typer.Option(help=t("cli.user.name"))] = None,
    person: Annotated[str | None, typer.Option(help=t("cli.user.person"))] = None,
    password_stdin: PasswordStdin = False,
    config: ConfigPath = Path("oteo.yaml"),
    lang: Lang = None,
) -> None:
    from oteo.store.users import UserExists

    cfg, store = _setup(config, lang)
    if (
        not username
        or len(username) > 64
        or not username.replace(".", "").replace("-", "").replace("_", "").isalnum()
    ):
        errors.print(Text(t("cli.user.bad_name", name=username)), style="red")
        raise typer.Exit(2)
    if person is not None and person not in cfg.people():
        errors.print(
            Text(
                t("cli.incident.unknown_person", who=person, known=", ".join(sorted(cfg.people())))
            ),
            style="red",
        )
        raise typer.Exit(2)
    people = cfg.people()
    values = auth.user_row(
        username,
        _role(role),
        _password(password_stdin),
        name=name or (people[person].name if person else None),
        person=person,
    )
    try:
        store.add_user(values, actor=ACTOR, at=datetime.now(UTC))
    except UserExists:
        errors.print(Text(t("cli.user.exists", name=username)), style="red")
        raise typer.Exit(1) from None
    console.print(Text(t("cli.user.added", name=username, role=t("role." + role))))


@user_app.command("list", help=t("cli.user.list.help"))
def user_list(config: ConfigPath = Path("oteo.yaml"), lang: Lang = None) -> None:
    _, store = _setup(config, lang)
    table = Table(t("cli.user.username"), t("cli.user.name"), t("cli.user.role"), t("web.status"))
    for u in store.users():
        state = t("cli.user.disabled") if u["disabled"] else t("cli.user.active")
        table.add_row(Text(u["username"]), Text(u["name"] or ""), t("role." + u["role"]), state)
    console.print(table)


def _change(username: str, values: dict, action: str, config: Path, lang: str | None) -> None:  # type: ignore[type-arg]
    _, store = _setup(config, lang)
    if not store.update_user(username, values, actor=ACTOR, at=datetime.now(UTC), action=action):
        errors.print(Text(t("cli.user.unknown", name=username)), style="red")
        raise typer.Exit(1)
    console.print(Text(t("cli.user.changed", name=username)))


@user_app.command("passwd", help=t("cli.user.passwd.help"))
def user_passwd(
    username: Username,
    password_stdin: PasswordStdin = False,
    config: ConfigPath = Path("oteo.yaml"),
    lang: Lang = None,
) -> None:
    values = {"password": auth.hash_password(_password(password_stdin))}
    _change(username, values, "user.password", config, lang)


@user_app.command("role", help=t("cli.user.role.help"))
def user_role(
    username: Username,
    role: Annotated[str, typer.Argument(help=t("cli.user.role"))],
    config: ConfigPath = Path("oteo.yaml"),
    lang: Lang = None,
) -> None:
    _change(username, {"role": _role(role)}, "user.role", config, lang)


@user_app.command("disable", help=t("cli.user.disable.help"))
def user_disable(
    username: Username,
    enable: Annotated[bool, typer.Option("--enable", help=t("cli.user.enable"))] = False,
    config: ConfigPath = Path("oteo.yaml"),
    lang: Lang = None,
) -> None:
    _change(
        username,
        {"disabled": not enable},
        "user.enable" if enable else "user.disable",
        config,
        lang,
    )


@token_app.command("create", help=t("cli.token.create.help"))
def token_create(
    username: Username,
    name: Annotated[str, typer.Option("--name", help=t("cli.token.name"))] = "api",
    config: ConfigPath = Path("oteo.yaml"),
    lang: Lang = None,
) -> None:
    _, store = _setup(config, lang)
    user = store.user(username)
    if user is None:
        errors.print(Text(t("cli.user.unknown", name=username)), style="red")
        raise typer.Exit(1)
    token = auth.new_token()
    now = datetime.now(UTC)
    values = {
        "digest": auth.digest(token),
        "user_id": user["id"],
        "name": name[:100],
        "created_at": now,
    }
    token_id = store.add_token(values, actor=ACTOR, at=now)
    console.print(Text(t("cli.token.created", id=token_id, name=username)))
    print(token)  # alone on its line, for scripts; shown once


@token_app.command("list", help=t("cli.token.list.help"))
def token_list(config: ConfigPath = Path("oteo.yaml"), lang: Lang = None) -> None:
    cfg, store = _setup(config, lang)
    table = Table(
        "#", t("cli.user.username"), t("cli.token.purpose"), t("cli.token.used"), t("web.status")
    )
    for row in store.tokens():
        used = day_time(row["used_at"], tz=cfg.tz)
        state = t("cli.token.revoked") if row["revoked_at"] else t("cli.user.active")
        table.add_row(str(row["id"]), Text(row["username"]), Text(row["name"]), used, state)
    console.print(table)


@token_app.command("revoke", help=t("cli.token.revoke.help"))
def token_revoke(
    token_id: Annotated[int, typer.Argument(help=t("cli.token.id"))],
    config: ConfigPath = Path("oteo.yaml"),
    lang: Lang = None,
) -> None:
    _, store = _setup(config, lang)
    if not store.revoke_token(token_id, actor=ACTOR, at=datetime.now(UTC)):
        errors.print(Text(t("cli.token.unknown", id=token_id)), style="red")
        raise typer.Exit(1)
    console.print(Text(t("cli.token.revoked_one", id=token_id)))
