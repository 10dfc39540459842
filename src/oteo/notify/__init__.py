"""Notifications: one small interface, one module per channel.

A notification is stored before it is sent, so it is never lost: a channel that is
not configured leaves it in the dashboard's outbox, a channel that fails marks it
failed with the reason.
"""

from __future__ import annotations

import smtplib
import ssl
from collections.abc import Sequence
from dataclasses import dataclass
from email.message import EmailMessage
from typing import Any

from oteo.config import SmtpConfig
from oteo.store import Store
from oteo.store.schema import utcnow


@dataclass(slots=True)
class Delivery:
    id: int
    channel: str
    target: str
    subject: str
    body: str
    person: str | None = None


class EmailChannel:
    """Plain SMTP (optionally STARTTLS and login), standard library only."""

    name = "email"

    def __init__(self, smtp: SmtpConfig, timeout: float = 15.0) -> None:
        self.smtp = smtp
        self.timeout = timeout

    def send(self, d: Delivery) -> None:
        msg = EmailMessage()
        msg["From"] = self.smtp.sender
        msg["To"] = d.target
        msg["Subject"] = d.subject
        msg.set_content(d.body)
        with smtplib.SMTP(self.smtp.host, self.smtp.port, timeout=self.timeout) as client:
            if self.smtp.starttls:
                client.starttls(context=ssl.create_default_context())
            if self.smtp.username:
                client.login(self.smtp.username, self.smtp.password or "")
            client.send_message(msg)


class Notifier:
    """Delivers stored notifications through the configured channels."""

    def __init__(self, store: Store, smtp: SmtpConfig | None = None) -> None:
        self.store = store
        self.channels: dict[str, Any] = {}
        if smtp is not None:
            self.channels["email"] = EmailChannel(smtp)

    def can_deliver(self, channel: str) -> bool:
        return channel in self.channels

    def deliver(self, deliveries: Sequence[Delivery]) -> list[tuple[Delivery, str]]:
        """Send each one; return ``(delivery, status)`` with status sent/outbox/failed."""
        out = []
        for d in deliveries:
            channel = self.channels.get(d.channel)
            if channel is None:
                self.store.mark_notification(d.id, status="outbox")
                out.append((d, "outbox"))
                continue
            try:
                channel.send(d)
            except (OSError, smtplib.SMTPException) as exc:
                self.store.mark_notification(
                    d.id, status="failed", attempts=1, error=f"{type(exc).__name__}: {exc}"[:2000]
                )
                out.append((d, "failed"))
            else:
                self.store.mark_notification(d.id, status="sent", attempts=1, sent_at=utcnow())
                out.append((d, "sent"))
        return out
