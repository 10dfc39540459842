"""Notifications: one small interface, one class per channel (:mod:`.channels`).

A notification is stored before it is sent, so it is never lost: a channel that is not
configured leaves it in the dashboard's outbox; a channel that fails is retried with
growing, jittered waits (``retrying``) until it works or the attempts run out
(``failed``, written in the incident's timeline for everyone to see).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from oteo.config import NotifyConfig
from oteo.notify.channels import ChannelError, Delivery, build_channels
from oteo.notify.message import Message
from oteo.remote import backoff
from oteo.store import Store

__all__ = ["ChannelError", "Delivery", "Notifier", "backoff"]

#: a retry handed out is not handed out again for this long (it is on its way)
LEASE = timedelta(minutes=5)


class Notifier:
    """Delivers stored notifications through the configured channels."""

    def __init__(
        self,
        store: Store,
        config: NotifyConfig | None = None,
        *,
        channels: dict[str, Any] | None = None,
        send_from: datetime | None = None,
    ) -> None:
        self.store = store
        self.config = config or NotifyConfig()
        self.channels = channels if channels is not None else build_channels(self.config)
        #: what is delivered for an earlier moment (an import of the past) is kept, not
        #: sent: nobody is paged today about last month's incident
        self.send_from = send_from

    def can_deliver(self, channel: str) -> bool:
        return channel in self.channels

    def deliver(self, deliveries: Sequence[Delivery], now: datetime) -> list[tuple[Delivery, str]]:
        """Send each one; return ``(delivery, status)``: sent, outbox, past, retrying or
        failed."""
        out = []
        for d in deliveries:
            if self.send_from is not None and now < self.send_from:
                self.store.mark_notification(d.id, status="past")
                out.append((d, "past"))
                continue
            channel = self.channels.get(d.channel)
            if channel is None:
                self.store.mark_notification(d.id, status="outbox")
                out.append((d, "outbox"))
                continue
            d.attempts += 1
            try:
                channel.send(d)
            except ChannelError as exc:
                out.append((d, self._failed(d, exc, now)))
            else:
                self.store.mark_notification(
                    d.id, status="sent", attempts=d.attempts, sent_at=now, error=None
                )
                out.append((d, "sent"))
        return out

    def _failed(self, d: Delivery, exc: ChannelError, now: datetime) -> str:
        reason = str(exc)[:2000]
        if exc.retry and d.attempts < self.config.max_attempts:
            self.store.mark_notification(
                d.id,
                status="retrying",
                attempts=d.attempts,
                error=reason,
                next_attempt_at=now + backoff(d.attempts, exc.retry_after),
            )
            return "retrying"
        self.store.mark_notification(
            d.id, status="failed", attempts=d.attempts, error=reason, next_attempt_at=None
        )
        self.store.add_event(
            d.message.incident_id,
            now,
            "notify_failed",
            "oteo",
            {"person": d.person, "channel": d.channel, "error": reason[:300]},
        )
        return "failed"

    def due(self, now: datetime) -> list[Delivery]:
        """The failed deliveries whose next attempt is due, ready for :meth:`deliver`."""
        return [
            Delivery(
                r["id"],
                r["channel"],
                r["target"],
                Message.from_json(r["payload"] or {}),
                r["person_id"],
                r["attempts"],
            )
            for r in self.store.due_notifications(now, lease=LEASE)
            if r["payload"]
        ]
