"""The notification channels, each speaking its service's documented format.

* email: SMTP (standard library), plain text;
* Slack: incoming webhook with Block Kit blocks and a ``text`` fallback;
* Microsoft Teams: a Workflows webhook ("post to a channel when a webhook request is
  received") taking a message with an Adaptive Card attachment (the old Office 365
  connectors are retired);
* Telegram: the Bot API's ``sendMessage`` with HTML text and an inline button;
* PagerDuty: Events API v2, ``trigger`` / ``acknowledge`` / ``resolve`` sharing one
  ``dedup_key`` per incident, so the page follows the incident;
* ntfy: JSON publishing to the server's root URL;
* webhook: any endpoint, signed per the Standard Webhooks specification.

A channel raises :class:`ChannelError` when the service refuses or cannot be reached;
``retry`` says whether trying again later may help (network errors, 429, 5xx).
"""

from __future__ import annotations

import html
import json
import smtplib
import ssl
import time
from dataclasses import dataclass
from email.message import EmailMessage
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import httpx

from oteo.config import NotifyConfig, SmtpConfig
from oteo.notify.message import Message
from oteo.remote import TIMEOUT, RemoteError, call
from oteo.signatures import StandardWebhooks


@dataclass(slots=True)
class Delivery:
    """One stored notification on its way to one recipient."""

    id: int
    channel: str
    target: str
    message: Message
    person: str | None = None
    attempts: int = 0

    @property
    def subject(self) -> str:
        return self.message.subject


#: a channel's failure: ``retry`` says whether trying again later may help
ChannelError = RemoteError


def _post(
    url: str, *, body: bytes, headers: dict[str, str] | None = None, timeout: float = TIMEOUT
) -> httpx.Response:
    return call(
        "POST",
        url,
        content=body,
        headers={"Content-Type": "application/json", **(headers or {})},
        timeout=timeout,
    )


def _json(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False).encode("utf-8")


# --------------------------------------------------------------------------- channels


class EmailChannel:
    name = "email"

    def __init__(self, smtp: SmtpConfig, timeout: float = 15.0) -> None:
        self.smtp = smtp
        self.timeout = timeout

    def send(self, d: Delivery) -> None:
        msg = EmailMessage()
        msg["From"] = self.smtp.sender
        msg["To"] = d.target
        msg["Subject"] = d.subject
        if d.message.drill:
            msg["X-Oteo-Drill"] = "yes"
        msg.set_content(d.message.text())
        try:
            with smtplib.SMTP(self.smtp.host, self.smtp.port, timeout=self.timeout) as client:
                if self.smtp.starttls:
                    client.starttls(context=ssl.create_default_context())
                if self.smtp.username:
                    password = self.smtp.password.get_secret_value() if self.smtp.password else ""
                    client.login(self.smtp.username, password)
                client.send_message(msg)
        except smtplib.SMTPResponseException as exc:
            # 4xx: try again later; 5xx: the server refuses for good
            raise ChannelError(
                f"SMTP {exc.smtp_code}: {exc.smtp_error!r}"[:300], retry=exc.smtp_code < 500
            ) from exc
        except (OSError, smtplib.SMTPException) as exc:
            raise ChannelError(f"{type(exc).__name__}: {exc}"[:300], retry=True) from exc


def _slack_escape(text: str) -> str:
    """Slack's mrkdwn needs only &, < and > escaped; the rest is shown as written."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class SlackChannel:
    name = "slack"

    def payload(self, m: Message) -> dict[str, Any]:
        blocks: list[dict[str, Any]] = [
            {"type": "header", "text": {"type": "plain_text", "text": m.subject[:150]}},
            {"type": "section", "text": {"type": "mrkdwn", "text": _slack_escape(m.intro)}},
        ]
        if m.facts:
            facts = "\n".join("• " + _slack_escape(f) for f in m.facts)
            blocks.append({"type": "section", "text": {"type": "mrkdwn", "text": facts[:3000]}})
        if m.first_post:
            quote = f"{_slack_escape(m.first_post)}\n>{_slack_escape(m.first_text or '')}"
            blocks.append({"type": "section", "text": {"type": "mrkdwn", "text": quote[:3000]}})
        buttons = [_slack_button(label, url, key) for key, label, url in m.buttons()]
        blocks.append({"type": "actions", "elements": buttons})
        if m.drill:
            blocks.append(
                {
                    "type": "context",
                    "elements": [{"type": "mrkdwn", "text": _slack_escape(m.drill_note)}],
                }
            )
        return {"text": m.subject, "blocks": blocks}

    def send(self, d: Delivery) -> None:
        _post(d.target, body=_json(self.payload(d.message)))


def _slack_button(label: str, url: str, action: str) -> dict[str, Any]:
    button: dict[str, Any] = {
        "type": "button",
        "text": {"type": "plain_text", "text": label[:75]},
        "url": url,
        "action_id": f"oteo_{action}",
    }
    if action == "ack":
        button["style"] = "primary"
    return button


class TeamsChannel:
    name = "teams"

    def payload(self, m: Message) -> dict[str, Any]:
        body: list[dict[str, Any]] = [
            {
                "type": "TextBlock",
                "text": m.subject,
                "weight": "Bolder",
                "size": "Medium",
                "wrap": True,
                "color": "Attention" if m.severity >= 3 else "Default",
            },
            {"type": "TextBlock", "text": m.intro, "wrap": True},
        ]
        body += [
            {"type": "TextBlock", "text": f, "wrap": True, "spacing": "Small"} for f in m.facts
        ]
        if m.first_post:
            body += [
                {"type": "TextBlock", "text": m.first_post, "wrap": True, "isSubtle": True},
                {"type": "TextBlock", "text": m.first_text or "", "wrap": True},
            ]
        if m.drill:
            body.append(
                {"type": "TextBlock", "text": m.drill_note, "wrap": True, "color": "Warning"}
            )
        actions = [
            {"type": "Action.OpenUrl", "title": label, "url": url} for _, label, url in m.buttons()
        ]
        card = {
            "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
            "type": "AdaptiveCard",
            "version": "1.4",
            "body": body,
            "actions": actions,
        }
        return {
            "type": "message",
            "attachments": [
                {
                    "contentType": "application/vnd.microsoft.card.adaptive",
                    "contentUrl": None,
                    "content": card,
                }
            ],
        }

    def send(self, d: Delivery) -> None:
        _post(d.target, body=_json(self.payload(d.message)))


class TelegramChannel:
    name = "telegram"

    def __init__(self, token: str, api_url: str) -> None:
        self._token = token
        self.api_url = api_url.rstrip("/")

    def payload(self, chat_id: str, m: Message) -> dict[str, Any]:
        text = f"<b>{html.escape(m.subject)}</b>\n\n{html.escape(m.text())}"
        buttons = [{"text": label, "url": url} for _, label, url in m.buttons()]
        return {
            "chat_id": chat_id,
            "text": text[:4096],
            "parse_mode": "HTML",
            "link_preview_options": {"is_disabled": True},
            "reply_markup": {"inline_keyboard": [buttons]},
        }

    def send(self, d: Delivery) -> None:
        url = f"{self.api_url}/bot{self._token}/sendMessage"
        try:
            response = _post(url, body=_json(self.payload(d.target, d.message)))
        except ChannelError as exc:
            raise ChannelError(str(exc).replace(self._token, "***"), retry=exc.retry) from None
        if not response.json().get("ok", False):
            raise ChannelError(f"Telegram: {response.text[:300]}", retry=False)


#: PagerDuty's severities for oteo's levels
PD_SEVERITY = {1: "info", 2: "warning", 3: "error", 4: "critical"}


class PagerDutyChannel:
    name = "pagerduty"

    def __init__(self, events_url: str) -> None:
        self.events_url = events_url

    @staticmethod
    def dedup_key(incident_id: int) -> str:
        return f"oteo-incident-{incident_id}"

    def payload(self, routing_key: str, m: Message) -> dict[str, Any]:
        action = {"acknowledged": "acknowledge", "closed": "resolve"}.get(m.kind, "trigger")
        event: dict[str, Any] = {
            "routing_key": routing_key,
            "event_action": action,
            "dedup_key": self.dedup_key(m.incident_id),
        }
        if action == "trigger":
            event["payload"] = {
                "summary": m.subject[:1024],
                "source": "oteo",
                "severity": PD_SEVERITY.get(m.severity, "warning"),
                "component": "social-media",
                "group": "brand-reputation",
                "class": m.kind,
                "custom_details": {"intro": m.intro, "facts": m.facts, "drill": m.drill},
            }
            event["client"] = "oteo"
            event["client_url"] = m.incident_url
            event["links"] = [{"href": m.incident_url, "text": m.open_label}]
            if m.ack_url:
                event["links"].append({"href": m.ack_url, "text": m.ack_label})
        return event

    def send(self, d: Delivery) -> None:
        _post(self.events_url, body=_json(self.payload(d.target, d.message)))


NTFY_PRIORITY = {1: 2, 2: 3, 3: 4, 4: 5}


class NtfyChannel:
    name = "ntfy"

    def payload(self, topic: str, m: Message) -> dict[str, Any]:
        actions = [{"action": "view", "label": label, "url": url} for _, label, url in m.buttons()]
        return {
            "topic": topic,
            "title": m.subject,
            "message": m.text()[:4000],
            "priority": NTFY_PRIORITY.get(m.severity, 3),
            "tags": ["rotating_light" if m.severity >= 4 else "warning"]
            + (["drill"] if m.drill else []),
            "click": m.incident_url,
            "actions": actions,
        }

    def send(self, d: Delivery) -> None:
        # the target is the topic's URL (https://ntfy.sh/mytopic); JSON goes to the root
        parts = urlsplit(d.target)
        topic = parts.path.strip("/")
        if not topic or "/" in topic:
            raise ChannelError(f"not an ntfy topic URL: {d.target}", retry=False)
        root = urlunsplit((parts.scheme, parts.netloc, "/", "", ""))
        _post(root, body=_json(self.payload(topic, d.message)))


class WebhookChannel:
    """Standard Webhooks: ``webhook-id``, ``webhook-timestamp`` and ``webhook-signature``
    (``v1,`` + base64 HMAC-SHA256 of ``id.timestamp.body`` under the decoded secret).
    The id stays the same on retries, so the receiver can drop repeats."""

    name = "webhook"

    def __init__(self, secret: str) -> None:
        self.signer = StandardWebhooks(secret)

    def send(self, d: Delivery) -> None:
        m = d.message
        msg_id = f"msg_oteo_{d.id}"
        timestamp = int(time.time())
        body = _json(
            {
                "type": f"incident.{m.kind}",
                "timestamp": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(timestamp)),
                "data": m.to_json(),
            }
        )
        headers = {
            "webhook-id": msg_id,
            "webhook-timestamp": str(timestamp),
            "webhook-signature": self.signer.sign(msg_id, timestamp, body),
        }
        _post(d.target, body=body, headers=headers)


def masked_target(target: str) -> str:
    """Webhook URLs and routing keys are credentials: show where, not the secret."""
    if "://" in target:
        scheme, rest = target.split("://", 1)
        return f"{scheme}://{rest.split('/', 1)[0]}/…"
    if "@" in target or len(target) <= 16:
        return target
    return target[:4] + "…"


def build_channels(config: NotifyConfig) -> dict[str, Any]:
    """The channels this config can deliver through (the others go to the outbox)."""
    channels: dict[str, Any] = {
        "slack": SlackChannel(),
        "teams": TeamsChannel(),
        "ntfy": NtfyChannel(),
        "pagerduty": PagerDutyChannel(config.pagerduty.events_url),
    }
    if config.smtp is not None:
        channels["email"] = EmailChannel(config.smtp)
    if config.telegram is not None:
        channels["telegram"] = TelegramChannel(
            config.telegram.token.get_secret_value(), config.telegram.api_url
        )
    if config.webhook is not None:
        channels["webhook"] = WebhookChannel(config.webhook.secret.get_secret_value())
    return channels
