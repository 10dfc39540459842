"""Alerts become incidents; complaints and questions reach the inbox.

An alert on a watch with no open incident opens one; a more severe alert raises the
open incident's severity.  Each level runs the automatic actions the config gives it
(S6, S12): put mentions in the inbox, notify its contacts, convene the team, and the
rest are written in the incident's timeline as steps to take.  Everything that happens
is an event in the incident's timeline, and in the audit log.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from oteo.config import Config
from oteo.i18n import t
from oteo.model import Alert, Intent, Mention, Person, Relation, Severity
from oteo.notify import Delivery, Notifier
from oteo.notify.message import compose, severity_label
from oteo.store import Store

ACTOR = "oteo"
#: an alert joins the watch's open incident only if that incident moved this recently
MERGE_WINDOW = timedelta(hours=12)
#: contact channels in order of preference when several are configured
CHANNEL_PREFERENCE = (
    "email",
    "slack",
    "teams",
    "telegram",
    "pagerduty",
    "ntfy",
    "webhook",
    "phone",
)


@dataclass(slots=True)
class Outcome:
    """What handling one alert did (for the terminal and the tests)."""

    incident_id: int
    opened: bool
    severity: Severity
    watch: str
    title: str
    deliveries: list[Delivery] = field(default_factory=list)


class IncidentManager:
    def __init__(
        self,
        config: Config,
        store: Store,
        watch_ids: dict[str, int],
        notifier: Notifier,
        *,
        drill: bool = False,
    ) -> None:
        self.config = config
        self.store = store
        self.watch_ids = watch_ids
        self.notifier = notifier
        self.drill = drill
        self.lang = config.lang
        self.titles = {w.name: w.title or w.name for w in config.watches}

    # ------------------------------------------------------------------ alerts

    def on_alert(self, alert: Alert) -> Outcome:
        watch_id = self.watch_ids[alert.watch]
        alert.drill = alert.drill or self.drill
        incident = self.store.open_incident_for(watch_id)
        if incident is not None and alert.at - incident["updated_at"] > MERGE_WINDOW:
            incident = None  # calm for long: a new episode, not more of the old one
        level = self.config.severity.level(alert.severity)
        if incident is None:
            title = self._title(alert)
            first = alert.why.get("first_post") or {}
            incident_id = self.store.create_incident(
                alert, watch_id, title, first.get("channel"), first.get("mention_id")
            )
            self.store.add_alert(alert, watch_id, incident_id)
            self.store.add_event(
                incident_id,
                alert.at,
                "detected",
                ACTOR,
                {
                    "severity": int(alert.severity),
                    "category": alert.category,
                    "origin": alert.origin,
                    "signals": alert.why.get("signals", {}),
                },
            )
            self.store.audit(
                ACTOR,
                "incident.open",
                f"incident:{incident_id}",
                {"watch": alert.watch, "severity": alert.severity.key},
                at=alert.at,
            )
            outcome = Outcome(incident_id, True, alert.severity, alert.watch, title)
            escalation = False
        else:
            incident_id = incident["id"]
            self.store.add_alert(alert, watch_id, incident_id)
            previous = Severity(incident["severity"])
            outcome = Outcome(
                incident_id, False, max(previous, alert.severity), alert.watch, incident["title"]
            )
            if alert.severity <= previous:
                return outcome
            self.store.update_incident(
                incident_id,
                severity=int(alert.severity),
                category=alert.category,
                updated_at=alert.at,
                why=alert.why,
            )
            self.store.add_event(
                incident_id,
                alert.at,
                "severity_raised",
                ACTOR,
                {
                    "from": int(previous),
                    "to": int(alert.severity),
                    "signals": alert.why.get("signals", {}),
                },
            )
            self.store.audit(
                ACTOR,
                "incident.escalate",
                f"incident:{incident_id}",
                {"from": previous.key, "to": alert.severity.key},
                at=alert.at,
            )
            escalation = True
        outcome.deliveries = self._run_actions(
            incident_id, alert, level.actions, level.contact, escalation
        )
        return outcome

    def on_ended(self, watch: str, at: datetime) -> int | None:
        incident = self.store.open_incident_for(self.watch_ids[watch])
        if incident is None:
            return None
        self.store.add_event(incident["id"], at, "calmed", ACTOR, {})
        self.store.update_incident(incident["id"], updated_at=at)
        return int(incident["id"])

    def _title(self, alert: Alert) -> str:
        themes = alert.why.get("themes") or []
        title = self.titles.get(alert.watch, alert.watch)
        return f"{title}: {themes[0]}" if themes else title

    def _run_actions(
        self,
        incident_id: int,
        alert: Alert,
        actions: Sequence[str],
        contacts: Sequence[str],
        escalation: bool,
    ) -> list[Delivery]:
        people: dict[str, Person] = {}
        if "notify" in actions:
            people.update({p.id: p for p in self.config.resolve_contacts(list(contacts), alert.at)})
        if "convene_team" in actions or "notify_all_staff" in actions:
            people.update({p.id: p for p in self.config.resolve_contacts(["team"], alert.at)})
        for action in actions:
            if action in ("notify", "inbox"):
                continue
            self.store.add_event(
                incident_id,
                alert.at,
                "action",
                ACTOR,
                {"action": action, "label": t("action." + action, self.lang)},
            )
        if "inbox" in actions and alert.mention_ids:
            self.store.add_event(
                incident_id,
                alert.at,
                "action",
                ACTOR,
                {"action": "inbox", "label": t("action.inbox", self.lang)},
            )
        subject, body = compose(
            brand=self.config.brand.name,
            severity=alert.severity,
            why=alert.why,
            incident_id=incident_id,
            base_url=self.config.notify.base_url,
            lang=self.lang,
            drill=alert.drill,
            escalation=escalation,
        )
        rows: list[dict[str, Any]] = []
        targets: list[tuple[str, str, str]] = []
        for person in people.values():
            channel, target = self._contact(person)
            if channel is None:
                self.store.add_event(
                    incident_id,
                    alert.at,
                    "unreachable",
                    ACTOR,
                    {"person": person.id, "name": person.name},
                )
                continue
            targets.append((person.id, channel, target))
            rows.append(
                {
                    "incident_id": incident_id,
                    "person_id": person.id,
                    "channel": channel,
                    "target": target,
                    "subject": subject,
                    "body": body,
                    "status": "pending",
                    "attempts": 0,
                    "drill": alert.drill,
                    "created_at": alert.at,
                }
            )
        ids = self.store.add_notifications(rows)
        if rows:
            self.store.add_event(
                incident_id,
                alert.at,
                "notified",
                ACTOR,
                {
                    "people": [p for p, _, _ in targets],
                    "level": severity_label(alert.severity, self.lang),
                },
            )
        return [
            Delivery(i, channel, target, subject, body, person)
            for i, (person, channel, target) in zip(ids, targets, strict=True)
        ]

    def _contact(self, person: Person) -> tuple[str | None, str]:
        deliverable = [
            c for c in CHANNEL_PREFERENCE if c in person.contacts and self.notifier.can_deliver(c)
        ]
        listed = [c for c in CHANNEL_PREFERENCE if c in person.contacts]
        channel = (deliverable or listed or [None])[0]
        return channel, person.contacts.get(channel, "") if channel else ""

    # ------------------------------------------------------------------ inbox

    def to_inbox(self, mentions: Sequence[Mention]) -> int:
        """Complaints and questions get a reply even when nothing escalates (S5, S18).

        A repost repeats someone else's post, so it is not a new message to answer.
        """
        rows = []
        for m in mentions:
            a = m.analysis
            if a is None or m.id is None or m.relation is Relation.REPOST:
                continue
            if a.intent not in (Intent.COMPLAINT, Intent.QUESTION):
                continue
            watch_id = next((self.watch_ids[w] for w in m.watches if w in self.watch_ids), None)
            if watch_id is None:
                continue
            rows.append(
                {
                    "mention_id": m.id,
                    "watch_id": watch_id,
                    "reason": a.intent.value,
                    "priority": inbox_priority(m),
                    "at": m.received_at or m.created_at,
                }
            )
        return self.store.add_inbox(rows)


def inbox_priority(m: Mention) -> float:
    """Complaints before questions, offence and harm first, louder authors sooner."""
    a = m.analysis
    assert a is not None
    score = 2.0 if a.intent is Intent.COMPLAINT else 1.0
    score += 1.5 * a.scores.get("negative", 0.0)
    score += 2.0 if a.harm else 0.0
    score += 1.0 if a.offensive >= 0.5 else 0.0
    score += min(m.reach, 1_000_000) ** 0.25 / 10.0
    return round(score, 3)
