"""Bilingual user-facing text.

Every string a user can see lives in :mod:`oteo.messages` as an ``(english, spanish)``
pair, so a missing translation cannot exist.  :func:`t` picks the language of the
current context: a web request sets it per user, the CLI from ``--lang``, the config or
the environment.
"""

from __future__ import annotations

import os
from contextvars import ContextVar
from datetime import datetime, tzinfo
from string import Formatter
from typing import Any

from oteo.messages import MESSAGES

LANGS = ("en", "es")

_current: ContextVar[str | None] = ContextVar("oteo_lang", default=None)
_process: str | None = None  # worker threads do not inherit context variables

WEEKDAYS = {
    "en": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
    "es": ("lun", "mar", "mié", "jue", "vie", "sáb", "dom"),
}


def default_lang() -> str:
    """The language from the environment: ``OTEO_LANG``, then the POSIX locale."""
    explicit = os.environ.get("OTEO_LANG", "").strip().lower()
    if explicit in LANGS:
        return explicit
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "").lower()
        if value:
            return "es" if value.startswith(("es", "ca", "gl", "eu")) else "en"
    return "en"


def normalise_lang(lang: str | None) -> str:
    if not lang:
        return current_lang()
    lang = lang.strip().lower()[:2]
    return lang if lang in LANGS else "en"


def current_lang() -> str:
    return _current.get() or _process or default_lang()


def set_lang(lang: str | None) -> None:
    """Set the language of this process (the CLI) and of the current context."""
    global _process
    _process = normalise_lang(lang) if lang else None
    _current.set(_process)


def weekday_name(value: datetime, lang: str | None = None) -> str:
    return WEEKDAYS[normalise_lang(lang)][value.weekday()]


def day_time(value: datetime | None, lang: str | None = None, *, tz: tzinfo | None = None) -> str:
    """``jue 19/11 23:10`` / ``Thu 19/11 23:10`` in the given time zone; "—" for no time."""
    if value is None:
        return "—"
    local = value.astimezone(tz) if tz else value
    return f"{weekday_name(local, lang)} {local:%d/%m %H:%M}"


def t(key: str, lang: str | None = None, /, **values: object) -> str:
    """The message ``key`` in ``lang`` (default: the current language), formatted."""
    pair = MESSAGES.get(key)
    if pair is None:
        raise KeyError(f"no message {key!r}")
    text = pair[1] if normalise_lang(lang) == "es" else pair[0]
    return text.format(**values) if values else text


def named(value: str, kind: str, lang: str | None = None) -> str:
    """A config word (an action, a contact channel, a group) by its name in ``lang``
    where oteo knows it (the message ``kind.value``), else as the config writes it."""
    key = f"{kind}.{value}"
    return t(key, lang) if key in MESSAGES else value


def number(value: float | None, lang: str | None = None) -> str:
    """A count as the reader writes it: whole, its thousands grouped (128,622; 128.622)."""
    if value is None:
        return "?"
    text = f"{value:,.0f}"
    return text.replace(",", ".") if normalise_lang(lang) == "es" else text


def decimal(value: float | None, lang: str | None = None) -> str:
    """A measured amount as the reader writes it, to two places at most: 8.64 and
    1,204.5 in English, 8,64 and 1.204,5 in Spanish."""
    if value is None:
        return "?"
    text = f"{value:,.2f}".rstrip("0").rstrip(".")
    return text.translate({44: ".", 46: ","}) if normalise_lang(lang) == "es" else text


def span(minutes: float | None, lang: str | None = None) -> str:
    """A stretch of time as the reader says it: "45 min", "2 h 1 min", "3 d 4 h"."""
    if minutes is None:
        return "—"
    m = max(round(minutes), 0)
    if m < 60:
        return t("span.minutes", lang, m=m)
    if m < 24 * 60:
        h, m = divmod(m, 60)
        return t("span.hours", lang, h=h, m=m) if m else t("span.whole_hours", lang, h=h)
    d, h = divmod(m // 60, 24)
    return (
        t("span.days", lang, d=number(d, lang), h=h)
        if h
        else t("span.whole_days", lang, d=number(d, lang))
    )


def numbers(values: dict[str, Any], lang: str | None = None) -> dict[str, Any]:
    """A message's values with its counts as the reader writes them; text as it is."""
    return {
        k: number(v, lang) if isinstance(v, int | float) and not isinstance(v, bool) else v
        for k, v in values.items()
    }


def placeholders(text: str) -> set[str]:
    """The ``{names}`` a message expects (used to check both languages agree)."""
    return {name for _, name, _, _ in Formatter().parse(text) if name}
