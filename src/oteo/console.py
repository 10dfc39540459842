"""What the terminal shows while the pipeline runs.

Mention text is a stranger's: it is printed with Rich markup disabled, so ``[bold]``
or ``[link=…]`` in a post stays literal text (control characters were already
removed by the normaliser).
"""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

from rich.console import Console
from rich.text import Text

from oteo.i18n import day_time, decimal, named, number, t
from oteo.model import Alert, Severity
from oteo.notify.channels import Delivery, masked_target
from oteo.notify.message import severity_label, window_minutes

STYLE = {Severity.LIGHT: "yellow", Severity.STRONG: "dark_orange", Severity.CRISIS: "bold red"}


def notified(delivery: Delivery, status: str) -> str:
    """One page as the terminal tells it: to whom, how, about which incident and level
    (a level's pages may be told after the next level's alert), and what became of it."""
    return t(
        "cli.notified",
        person=delivery.person or "?",
        channel=named(delivery.channel, "contact"),
        target=masked_target(delivery.target),
        incident=delivery.message.incident_id,
        level=severity_label(delivery.message.severity),
        status=t("notification." + status),
    )


class Reporter:
    """A pipeline listener that prints alerts, notifications and rejected rows."""

    def __init__(
        self, console: Console, timezone: str, *, shown_rejects: int | None = None
    ) -> None:
        self.console = console
        self.tz = ZoneInfo(timezone)
        #: rejected rows named one by one (None: all); the rest are only counted
        self.shown_rejects = shown_rejects
        self.rejected: list[tuple[Any, str]] = []
        self.on_stored: Any = None

    def __call__(self, kind: str, data: Any) -> None:
        if kind == "alert":
            outcome, alert = data
            self.alert(outcome, alert)
        elif kind == "notified":
            _outcome, delivery, status = data
            self.console.print(Text("    → " + notified(delivery, status)), style="dim")
        elif kind == "calmed":
            watch, incident_id, at = data
            self.console.print(
                Text(
                    t(
                        "cli.calmed",
                        id=incident_id,
                        watch=watch,
                        at=at.astimezone(self.tz).strftime("%d/%m %H:%M"),
                    )
                ),
                style="green",
            )
        elif kind == "rejected":
            mention, error = data
            reason = error.message()
            self.rejected.append((getattr(mention, "ref", None), reason))
            if self.shown_rejects is None or len(self.rejected) <= self.shown_rejects:
                self.reject(getattr(mention, "ref", None), reason)
        elif kind == "stored" and self.on_stored is not None:
            self.on_stored(*data)

    def reject(self, line: Any, reason: str) -> None:
        self.console.print(
            Text(t("import.rejected", line=line if line is not None else "?", reason=reason)),
            style="yellow",
        )

    def alert(self, outcome: Any, alert: Alert) -> None:
        when = day_time(alert.at, tz=self.tz)
        key = (
            "cli.incident_opened"
            if outcome.opened
            else "cli.incident_reopened"
            if outcome.reopened
            else "cli.incident_again"
            if outcome.grouped
            else "cli.incident_raised"
        )
        header = Text(f"{when}  ")
        header.append(
            severity_label(alert.severity).upper(), style=STYLE.get(alert.severity, "bold")
        )
        level = severity_label(outcome.severity)
        header.append("  " + t(key, id=outcome.incident_id, title=outcome.title, level=level))
        self.console.print(header)
        signals = alert.why.get("signals", {})
        authors = signals.get("negative_authors", {})
        self.console.print(
            Text(
                "    "
                + t(
                    "notify.body_authors",
                    minutes=window_minutes(signals),
                    n=authors.get("observed", 0),
                    expected=decimal(authors.get("expected", 0)),
                )
            )
        )
        first = alert.why.get("first_post")
        if first and outcome.opened:
            self.console.print(
                Text(
                    "    "
                    + t(
                        "notify.body_first",
                        channel=t("channel." + first["channel"]),
                        author=first["author"],
                        followers=number(first["followers"]),
                    )
                )
            )
            self.console.print(Text(f"      «{first['text'][:200]}»"), style="italic")
