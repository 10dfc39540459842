"""What the inbox, the incident page and the terminal say beside a stranger's post: its
author may be a troll or a bot (and why), or the post reads as an attack (and on what
grounds).  Plain text in the reader's language; each surface adds its own markup."""

from __future__ import annotations

from typing import Any

from oteo.i18n import numbers, t
from oteo.respond.risk import OFFENSIVE
from oteo.understand.authors import SUSPECT


def troll_flag(risk: Any, reasons: Any, lang: str | None) -> tuple[str, str] | None:
    """(flag, its reasons) for an author at the suspect line or above, else None.
    Reasons are message keys with values; those stored as text by an older oteo pass
    as they are."""
    if not isinstance(risk, int | float) or risk < SUSPECT:
        return None
    told = ", ".join(
        r if isinstance(r, str) else t(r[0], lang, **numbers(r[1], lang)) for r in reasons or ()
    )
    return t("web.flag.troll", lang, p=f"{100 * risk:.0f}"), told


def attack_flag(
    score: Any, kind: str | None, words: str | None, lang: str | None
) -> tuple[str, bool] | None:
    """(flag, grounds) for a post that reads as an attack, else None.  ``grounds`` is
    False for a model's reading alone (no words that make it one: ``words`` ""), which
    is a reading to check, not grounds to moderate; posts analysed before the words
    were kept (``words`` None) show their kind alone."""
    if not isinstance(score, int | float) or score < OFFENSIVE:
        return None
    named = t("offence." + (kind or "insult"), lang)
    if words:
        return t("web.flag.attack", lang, kind=named, words=", ".join(words.split(","))), True
    if words is None:
        return named, True
    return t("web.flag.model_only", lang, kind=named), False
