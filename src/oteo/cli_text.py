"""Typer's own words in the user's language.

Typer writes the frame of every help page ("Usage:", "Options", "[default: 7]") and of
every usage error ("Try 'oteo demo --help' for help.", "Invalid value for '--days': …")
in English, with no catalogue to translate them. The command line's groups are built
with :class:`Group`, whose contexts translate what Typer wrote into Spanish when that
is the language asked for, and which shows usage errors itself. A phrase this module
does not know stays in English: nothing is lost, only left untranslated.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence
from typing import Any

import typer
from typer.core import TyperGroup

from oteo.i18n import current_lang, t

#: (pattern over a whole message, its message key): Typer's usage errors and the checks
#: of its parameter types; the groups fill the message (an inner message is translated)
ERRORS = (
    (r"Invalid value for (?P<param>.+?): (?P<message>.*)", "cli.typer.invalid_for"),
    (r"Invalid value: (?P<message>.*)", "cli.typer.invalid"),
    (r"Missing argument (?P<param>.+?)\.", "cli.typer.missing_argument"),
    (r"Missing option (?P<param>.+?)\.", "cli.typer.missing_option"),
    (
        r"No such option: (?P<name>\S+)(?: \(Possible options: (?P<options>.*)\))?",
        "cli.typer.no_option",
    ),
    (
        r"No such command (?P<name>.+?)\.+(?: Did you mean (?P<options>.*)\?)?",
        "cli.typer.no_command",
    ),
    (r"Missing command\.", "cli.typer.missing_command"),
    (r"Got unexpected extra arguments? \((?P<args>.*)\)", "cli.typer.extra"),
    (r"Option (?P<name>.+?) requires an argument\.", "cli.typer.needs_value"),
    (r"Input should be greater than or equal to (?P<n>\S+)", "cli.typer.at_least"),
    (r"Input should be less than or equal to (?P<n>\S+)", "cli.typer.at_most"),
    (r"Input should be greater than (?P<n>\S+)", "cli.typer.above"),
    (r"Input should be less than (?P<n>\S+)", "cli.typer.below"),
    (r"Input should be a valid integer.*", "cli.typer.integer"),
    (r"Input should be a valid number.*", "cli.typer.number"),
    (r"(?P<value>.+?) is not one of (?P<choices>.+)\.", "cli.typer.choice"),
    (r"(?P<kind>File|Directory|Path) (?P<path>.+) does not exist\.", "cli.typer.no_path"),
    (r"(?P<kind>File|Directory|Path) (?P<path>.+) is a directory\.", "cli.typer.is_dir"),
)
_ERRORS = [(re.compile(p, re.S), key) for p, key in ERRORS]
#: the words in brackets after an option's help
_EXTRA = re.compile(r"\[((?:default:\s|env var:\s|required\b)[^\[\]]*)\]")
_ITEM = re.compile(r"(default|env var):(\s+)(.*)", re.S)
_HEADING = re.compile(r"^(Options|Commands|Arguments):$", re.M)


def error_text(message: str) -> str:
    """A usage error of Typer's in the current language."""
    if current_lang() != "es":
        return message
    for pattern, key in _ERRORS:
        found = pattern.fullmatch(message.strip())
        if found:
            values = {k: v or "" for k, v in found.groupdict().items()}
            if "message" in values:
                values["message"] = error_text(values["message"])
            if "kind" in values:
                values["kind"] = t(f"cli.typer.kind.{values['kind'].lower()}")
            text = t(key, **values)
            if values.get("options"):
                text += " " + t("cli.typer.did_you_mean", options=values["options"])
            return text
    return message


def help_text(text: str) -> str:
    """A help page or usage line as Typer wrote it, in the current language."""
    if current_lang() != "es":
        return text
    text = re.sub(r"^Usage: ", t("cli.typer.usage") + " ", text, flags=re.M)
    text = _HEADING.sub(lambda m: t(f"cli.typer.{m.group(1).lower()}") + ":", text)
    text = text.replace("Show this message and exit.", t("cli.typer.help_option"))
    return _EXTRA.sub(_extra, text)


def _extra(found: re.Match[str]) -> str:
    """``[default: 7; 3<=x<=60]``, ``[env var: X; required]``: each item in its turn (the
    page may wrap between them; a range such as 3<=x<=60 reads the same)."""
    items = re.split(r"(;\s+)", found.group(1))
    for i, item in enumerate(items):
        named = _ITEM.fullmatch(item)
        if item == "required":
            items[i] = t("cli.typer.required")
        elif named:
            name, space, value = named.groups()
            said = t(f"cli.typer.{name.replace(' ', '_')}", value=value)
            items[i] = said.replace(": ", ":" + space, 1)  # where the page wrapped
    return "[" + "".join(items) + "]"


class Context(typer.Context):
    def get_help(self) -> str:
        return help_text(super().get_help())

    def get_usage(self) -> str:
        return help_text(super().get_usage())


class Group(TyperGroup):
    """A group whose commands speak the user's language, help and usage errors too."""

    context_class = Context

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        command = super().get_command(ctx, cmd_name)
        if command is not None:
            command.context_class = Context
        return command

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        if ctx.parent is None:
            args = self._lang_first(ctx, args)
        return super().parse_args(ctx, args)

    def _lang_first(self, ctx: Any, args: list[str]) -> list[str]:
        """``--lang`` after a command that has no such option of its own is the whole
        command line's: moved before the command, so ``oteo analyze x.txt --lang es``
        means ``oteo --lang es analyze x.txt``."""
        command: Any = self
        i = 0
        while isinstance(command, TyperGroup) and i < len(args):
            arg = args[i]
            if arg == "--":
                return args
            if arg.startswith("-"):  # the line's own options: --lang es, --help
                i += 2 if arg == "--lang" else 1
                continue
            command = command.get_command(ctx, arg)
            if command is None:  # an unknown command: Typer says so
                return args
            i += 1
        if any("--lang" in p.opts for p in command.params):
            return args
        moved: list[str] = []
        rest = args[:i]
        while i < len(args):
            arg = args[i]
            if arg == "--":
                rest += args[i:]
                break
            step = 1 if arg.startswith("--lang=") else 0
            if arg == "--lang" and i + 1 < len(args):
                step = 2
            (moved if step else rest).extend(args[i : i + max(step, 1)])
            i += max(step, 1)
        return moved + rest

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, False, **extra)
        try:
            code = super().main(args, prog_name, complete_var, False, **extra)
        except typer.Abort:
            typer.echo(t("cli.typer.aborted"), err=True)
            sys.exit(1)
        except _CLICK_ERROR as exc:
            _show(exc)
            sys.exit(exc.exit_code)
        # a command that ends normally returns nothing; typer.Exit(n) returns n
        sys.exit(code if isinstance(code, int) else 0)


def commands(help: str, **settings: Any) -> typer.Typer:
    """A group of commands (the ``oteo`` command, or one of its groups): plain text
    help, shown when a group is called with nothing, in the user's language."""
    return typer.Typer(
        cls=Group, help=help, no_args_is_help=True, rich_markup_mode=None, **settings
    )


#: what Typer raises for a usage error (its click is vendored, the base not exported)
_CLICK_ERROR: type[Exception] = next(
    c for c in typer.BadParameter.__mro__ if c.__name__ == "ClickException"
)


def _show(exc: Any) -> None:
    shows = next(c for c in type(exc).__mro__ if "show" in vars(c))
    if shows.__name__ not in ("UsageError", "ClickException"):
        exc.show()  # its own way (a group called with nothing shows its help)
        return
    ctx = getattr(exc, "ctx", None)
    if ctx is not None:
        hint = ""
        if ctx.command.get_help_option(ctx) is not None:
            hint = t("cli.typer.try", command=ctx.command_path, option=ctx.help_option_names[0])
        typer.echo(f"{ctx.get_usage()}\n{hint}", err=True)  # our Context translates it
    typer.echo(t("cli.typer.error", message=error_text(exc.format_message())), err=True)
