"""Alerts become incidents, and the protocol follows them.

An alert on a watch with no open incident opens one (or, during the watch after a
closed crisis, reopens it); a more severe alert raises the open incident's severity.
Each level runs the automatic actions the config gives it (S6, S12) and pages its
contacts; while nobody acknowledges, :meth:`IncidentManager.tick` walks the escalation
chain on the clock's time.  People move the incident through its lifecycle, tick the
seeds' checklist and write notes and decisions.  Everything that happens is an event in
the incident's timeline, and in the audit log.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import Any

from oteo.config import Config
from oteo.detect.detector import (
    DetectorSettings,
    Observation,
    assessed,
    called,
    came_first,
    first_post_why,
)
from oteo.i18n import t
from oteo.model import CATEGORIES, ORIGINS, Alert, Channel, IncidentStatus, Person, Severity
from oteo.notify import Delivery, Notifier, links
from oteo.notify.message import Message, compose, follow_up, severity_label
from oteo.store import Store

ACTOR = "oteo"
#: an alert joins the watch's open incident only if that incident moved this recently
MERGE_WINDOW = timedelta(hours=12)
#: what a person's triage may say of an incident, and the values each may take
ASSESSMENT = {
    "category": CATEGORIES,
    "origin": ORIGINS,
    "origin_channel": tuple(c.value for c in Channel),
}
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
    reopened: bool = False
    #: joined its open incident at no higher a level: told to nobody
    grouped: bool = False


#: the seeds' protocol steps (S12, S13, S20), shown as a checklist in every incident
CHECKLIST = (
    "origin_identified",
    "relevance_judged",
    "profiles_analysed",
    "comments_prioritised",
    "team_convened",
    "spokespeople_assigned",
    "response_decided",
    "watch_45_days",
)
#: the order of the lifecycle; a move may skip steps forward, and a flare-up may take a
#: monitored incident back to responding
ORDER = list(IncidentStatus)
BACK = {(IncidentStatus.MONITORING, IncidentStatus.RESPONDING)}
#: steps a transition completes by itself
STEPS_DONE = {
    IncidentStatus.TRIAGED: ("origin_identified", "relevance_judged"),
    IncidentStatus.CONVENED: ("team_convened",),
    IncidentStatus.CLOSED: ("watch_45_days",),
}
#: one step sharper while a watch is in aftercare
SHARPER = {"low": "normal", "normal": "high", "high": "high"}


class ProtocolError(ValueError):
    """A move the protocol does not allow (the message key says which)."""

    def __init__(self, key: str, **values: Any) -> None:
        super().__init__(t(key, **values))
        self.key = key
        self.values = values


@dataclass(slots=True)
class Step:
    """One step of an escalation chain: who, and how long they have to acknowledge."""

    people: list[Person]
    timeout: timedelta


def escalation_chain(config: Config, severity: Severity, at: datetime) -> list[Step]:
    """Who is contacted, in turn, while nobody acknowledges: the level's contacts (and
    the whole team when the level convenes it), then each higher level's new people,
    then everyone else; each step waits its level's ``ack_timeout``."""
    steps: list[Step] = []
    seen: set[str] = set()
    for value in range(int(severity), int(Severity.CRISIS) + 1):
        level = config.severity.level(Severity(value))
        targets = list(level.contact) if "notify" in level.actions else []
        if value == int(severity) and {"convene_team", "notify_all_staff"} & set(level.actions):
            targets.append("team")
        people = [p for p in config.resolve_contacts(targets, at) if p.id not in seen]
        if people:
            steps.append(Step(people, level.ack_timeout))
            seen.update(p.id for p in people)
    rest = [p for p in config.resolve_contacts(["team"], at) if p.id not in seen]
    if rest:
        timeout = steps[-1].timeout if steps else config.severity.level(severity).ack_timeout
        steps.append(Step(rest, timeout))
    return steps


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
        self._secret: str | None = None
        #: follow-ups (acknowledged, closed) waiting to be delivered
        self.pending: list[Delivery] = []

    # ------------------------------------------------------------------ alerts

    def on_alert(self, alert: Alert) -> Outcome:
        watch_id = self.watch_ids[alert.watch]
        alert.drill = alert.drill or self.drill
        incident = self.store.open_incident_for(watch_id, drill=alert.drill)
        if incident is not None and alert.at - incident["updated_at"] > MERGE_WINDOW:
            incident = None  # calm for long: a new episode, not more of the old one
        if incident is None:
            # a drill is an exercise of its own: it never reopens a real crisis
            previous = None if alert.drill else self._in_aftercare(alert.watch, alert.at)
            if previous is not None:
                return self._reopen(previous, alert)
            return self._open(alert, watch_id)
        incident_id = incident["id"]
        self.store.add_alert(alert, watch_id, incident_id)
        previous_severity = Severity(incident["severity"])
        outcome = Outcome(
            incident_id,
            False,
            max(previous_severity, alert.severity),
            alert.watch,
            incident["title"],
        )
        if alert.severity <= previous_severity:
            # more of the same says nothing new to anyone, but the timeline shows it (a
            # new wave after a calm, at a level the incident has already reached)
            outcome.grouped = True
            self.store.add_event(
                incident_id,
                alert.at,
                "active_again",
                ACTOR,
                {"severity": int(alert.severity), "signals": alert.why.get("signals", {})},
            )
            self.store.update_incident(incident_id, updated_at=alert.at)
            return outcome
        from oteo.understand.topics import JOIN  # (loaded by detection already)

        why, changes = _where_it_started(incident, alert)
        title = self._title(alert)
        if untriaged(incident) and title.count(JOIN) > incident["title"].count(JOIN):
            # the first alert's theme may stand on a word or two of a few posts ("cenar");
            # a later one that has seen more of it names it better, until the team triages
            changes["title"] = outcome.title = title
        # what it is called follows who started it, until the team has judged it
        category = incident["category"]
        if untriaged(incident):
            origin = changes.get("origin", incident["origin"])
            category = called(why.get("crowd", alert.category), alert.severity, origin)
        self.store.update_incident(
            incident_id,
            severity=int(alert.severity),
            category=category,
            updated_at=alert.at,
            why=why,
            **changes,
        )
        self.store.add_event(
            incident_id,
            alert.at,
            "severity_raised",
            ACTOR,
            {
                "from": int(previous_severity),
                "to": int(alert.severity),
                "signals": alert.why.get("signals", {}),
            },
            audit=("incident.escalate", {"from": previous_severity.key, "to": alert.severity.key}),
        )
        outcome.deliveries = self._run_actions(
            incident_id, alert, "escalated", acknowledged=incident["status"] != "detected"
        )
        return outcome

    def began_earlier(
        self, watch: str, first: Observation, settings: DetectorSettings, at: datetime
    ) -> int | None:
        """The post an alert's people pointed at (:attr:`Alert.spark`), not in the store
        then, has come (a forum is read hours after it is written): when it was written
        before the open incident's first post, and nobody has triaged the incident yet,
        the incident began there.  The incident's id when it changed."""
        incident = self.store.open_incident_for(self.watch_ids[watch], drill=self.drill)
        if incident is None or not untriaged(incident):
            return None
        why = dict(incident.get("why") or {})
        if not came_first(first, why.get("first_post")):
            return None
        why["first_post"] = first_post_why(first)
        crowd = why.get("crowd", incident["category"])  # (an incident of an older oteo)
        origin, category = assessed(first, crowd, Severity(incident["severity"]), settings)
        self.store.update_incident(
            incident["id"],
            why=why,
            origin=origin,
            category=category,
            origin_channel=first.channel,
            first_mention_id=first.mention_id or None,
        )
        self.store.add_event(
            incident["id"],
            at,
            "began_earlier",
            ACTOR,
            {"text": first.snippet, "origin": origin, "channel": first.channel},
        )
        return int(incident["id"])

    def _open(self, alert: Alert, watch_id: int) -> Outcome:
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
            audit=("incident.open", {"watch": alert.watch, "severity": alert.severity.key}),
        )
        outcome = Outcome(incident_id, True, alert.severity, alert.watch, title)
        outcome.deliveries = self._run_actions(incident_id, alert, "alert", acknowledged=False)
        return outcome

    def _reopen(self, incident: dict[str, Any], alert: Alert) -> Outcome:
        """An outbreak during the watch after a crisis: the same incident, open again."""
        incident_id = incident["id"]
        severity = max(Severity(incident["severity"]), alert.severity)
        self.store.update_incident(
            incident_id,
            status=IncidentStatus.DETECTED.value,
            severity=int(severity),
            closed_at=None,
            acknowledged_at=None,
            aftercare_until=None,
            updated_at=alert.at,
            why=alert.why,
            escalation_step=0,
        )
        self.store.add_alert(alert, self.watch_ids[alert.watch], incident_id)
        self.store.add_event(
            incident_id,
            alert.at,
            "reopened",
            ACTOR,
            {
                "severity": int(alert.severity),
                "closed_at": incident["closed_at"].isoformat(),
                "themes": alert.why.get("themes") or [],
                "signals": alert.why.get("signals", {}),
            },
            audit=("incident.reopen", {"watch": alert.watch}),
        )
        outcome = Outcome(incident_id, False, severity, alert.watch, incident["title"])
        outcome.reopened = True
        outcome.deliveries = self._run_actions(incident_id, alert, "reopened", acknowledged=False)
        return outcome

    def on_ended(self, watch: str, at: datetime) -> int | None:
        incident = self.store.open_incident_for(self.watch_ids[watch], drill=self.drill)
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
        self, incident_id: int, alert: Alert, kind: str, *, acknowledged: bool
    ) -> list[Delivery]:
        """The level's automatic actions, its first contacts, and the escalation clock."""
        level = self.config.severity.level(alert.severity)
        for action in level.actions:
            if action == "notify" or (action == "inbox" and not alert.mention_ids):
                continue
            self.store.add_event(
                incident_id,
                alert.at,
                "action",
                ACTOR,
                {"action": action, "label": t("action." + action, self.lang)},
            )
        steps = escalation_chain(self.config, alert.severity, alert.at)
        first = steps[0].people if steps else []
        message = compose(
            brand=self.config.brand.name,
            severity=alert.severity,
            why=alert.why,
            incident_id=incident_id,
            base_url=self.config.notify.base_url,
            lang=self.lang,
            drill=alert.drill,
            kind=kind,
        )
        deliveries = self._send(
            incident_id, first, message, alert.at, f"{kind}:{int(alert.severity)}"
        )
        if not acknowledged:
            self.store.update_incident(
                incident_id,
                escalation_step=0,
                next_escalation_at=alert.at + steps[0].timeout if len(steps) > 1 else None,
            )
        return deliveries

    # ------------------------------------------------------------------ escalation

    def tick(self, now: datetime, *, catch_up: bool = False) -> list[Delivery]:
        """Walk the chain of every unacknowledged incident whose wait is over.

        Live, the next step is taken now (an oteo that was down says it paged late).
        With ``catch_up`` (a replay or an import, where time jumps from one mention to
        the next) each step is taken at the moment it fell due, on that moment's rota,
        and every step due by ``now`` is taken: a 30-minute wait is 30 minutes in the
        timeline however far apart the mentions are."""
        deliveries: list[Delivery] = []
        for incident in self.store.incidents_due(now, drill=self.drill):
            step, at = incident["escalation_step"], now
            if catch_up:
                at = incident["next_escalation_at"]
            while at is not None and at <= now:
                sent, due = self._escalate(incident, step, at)
                deliveries += sent
                step, at = step + 1, due if catch_up else None
        return deliveries

    def _escalate(
        self, incident: dict[str, Any], done: int, at: datetime
    ) -> tuple[list[Delivery], datetime | None]:
        """Take the step after ``done`` of an incident's chain at ``at``; the moment the
        one after it falls due (None: the chain is over)."""
        severity = Severity(incident["severity"])
        steps = escalation_chain(self.config, severity, at)
        step = done + 1
        incident_id = incident["id"]
        if step >= len(steps):
            self.store.update_incident(incident_id, next_escalation_at=None)
            self.store.add_event(incident_id, at, "unacknowledged", ACTOR, {"step": done})
            return [], None
        people = steps[step].people
        message = compose(
            brand=self.config.brand.name,
            severity=severity,
            why=incident["why"] or {},
            incident_id=incident_id,
            base_url=self.config.notify.base_url,
            lang=self.lang,
            drill=incident["drill"],
            kind="chain",
        )
        self.store.add_event(
            incident_id,
            at,
            "escalation_step",
            ACTOR,
            {
                "step": step,
                "people": [p.id for p in people],
                "waited_minutes": round(steps[step - 1].timeout.total_seconds() / 60),
            },
        )
        sent = self._send(incident_id, people, message, at, f"chain:{int(severity)}:{step}")
        due = at + steps[step].timeout
        self.store.update_incident(incident_id, escalation_step=step, next_escalation_at=due)
        return sent, due

    # ------------------------------------------------------------------ the protocol

    def acknowledge(self, incident_id: int, actor: str, at: datetime, via: str = "cli") -> bool:
        """Someone is on it: the chain stops and the pages end. False if it already was."""
        incident = self._get(incident_id)
        if incident["status"] != IncidentStatus.DETECTED.value:
            return False
        self.store.update_incident(
            incident_id,
            status=IncidentStatus.ACKNOWLEDGED.value,
            acknowledged_at=at,
            next_escalation_at=None,
            updated_at=at,
        )
        self.store.add_event(
            incident_id,
            at,
            "acknowledged",
            actor,
            {"via": via},
            audit=("incident.acknowledge", {"via": via}),
        )
        self.pending.extend(self._follow_up(incident, "acknowledged", actor, at))
        return True

    def move(
        self,
        incident_id: int,
        status: IncidentStatus,
        actor: str,
        at: datetime,
        *,
        note: str | None = None,
        data: dict[str, Any] | None = None,
    ) -> None:
        """Take the incident to ``status`` (forward; monitoring may go back to responding).
        ``data`` may hold the triage's assessment (category, origin, origin_channel): only
        with a move to triaged, and only known values."""
        for key, value in (data or {}).items():
            if key in ASSESSMENT and value:
                if value not in ASSESSMENT[key]:
                    raise ProtocolError(
                        "unknown_value",
                        what=t("what." + key),
                        value=value,
                        known=", ".join(ASSESSMENT[key]),
                    )
                if status is not IncidentStatus.TRIAGED:
                    raise ProtocolError("protocol.assessment_at_triage")
        incident = self._get(incident_id)
        current = IncidentStatus(incident["status"])
        if current is status:
            raise ProtocolError("protocol.same_status", status=t("status." + status.value))
        if current is IncidentStatus.CLOSED:
            raise ProtocolError("protocol.closed")
        if ORDER.index(status) < ORDER.index(current) and (current, status) not in BACK:
            raise ProtocolError(
                "protocol.backwards",
                current=t("status." + current.value),
                status=t("status." + status.value),
            )
        if current is IncidentStatus.DETECTED:
            self.acknowledge(incident_id, actor, at)
            if status is IncidentStatus.ACKNOWLEDGED:
                return
        values: dict[str, Any] = {"status": status.value, "updated_at": at}
        details = dict(data or {})
        if status is IncidentStatus.TRIAGED:
            for key in ("category", "origin", "origin_channel"):
                if details.get(key):
                    values[key] = details[key]
        if status is IncidentStatus.CLOSED:
            values["closed_at"] = at
            values["next_escalation_at"] = None
            days = self.config.detection.aftercare_days
            values["aftercare_until"] = at + timedelta(days=days) if days else None
            details["aftercare_days"] = days
        self.store.update_incident(incident_id, **values)
        if note:
            details["note"] = note[:4000]
        self.store.add_event(
            incident_id,
            at,
            status.value,
            actor,
            details,
            audit=("incident." + status.value, details),
        )
        for step in STEPS_DONE.get(status, ()):
            if step == "watch_45_days" and not self.config.detection.aftercare_days:
                continue
            self.check(incident_id, step, actor, at)
        if status is IncidentStatus.CLOSED:
            self.pending.extend(self._follow_up(incident, "closed", actor, at))

    def end_drill(self, incident_id: int, at: datetime, report: dict[str, Any]) -> None:
        """A drill is over: its report goes in the timeline and the incident closes
        (with no watch period), its pages resolved."""
        incident = self._get(incident_id)
        self.store.add_event(incident_id, at, "drill_ended", ACTOR, {"report": report})
        if incident["status"] == IncidentStatus.CLOSED.value:
            return
        self.store.update_incident(
            incident_id,
            status=IncidentStatus.CLOSED.value,
            closed_at=at,
            next_escalation_at=None,
            updated_at=at,
        )
        self.pending.extend(self._follow_up(incident, "closed", ACTOR, at))

    def note(
        self, incident_id: int, actor: str, at: datetime, text: str, kind: str = "note"
    ) -> None:
        """A note or a decision in the timeline (who, when, what)."""
        if kind not in ("note", "decision"):
            raise ValueError(kind)
        self._get(incident_id)
        text = text.strip()[:4000]
        if not text:
            raise ProtocolError("protocol.empty_note")
        self.store.add_event(
            incident_id, at, kind, actor, {"text": text}, audit=("incident." + kind, {})
        )

    def check(
        self, incident_id: int, step: str, actor: str, at: datetime, done: bool = True
    ) -> None:
        """Tick (or untick) one of the protocol's steps."""
        if step not in CHECKLIST:
            raise ProtocolError("protocol.unknown_step", step=step, known=", ".join(CHECKLIST))
        self._get(incident_id)
        ticked = {"step": step, "done": done}
        self.store.add_event(
            incident_id, at, "checklist", actor, ticked, audit=("incident.checklist", ticked)
        )

    def _get(self, incident_id: int) -> dict[str, Any]:
        incident = self.store.incident(incident_id)
        if incident is None:
            raise ProtocolError("protocol.no_incident", id=incident_id)
        return incident

    def _follow_up(
        self, incident: dict[str, Any], kind: str, actor: str, at: datetime
    ) -> list[Delivery]:
        """Tell the paging channels the page is over (PagerDuty acknowledge / resolve)."""
        targets = {
            (n["person_id"], n["target"])
            for n in self.store.notified(incident["id"])
            if n["channel"] == "pagerduty" and n["status"] in ("sent", "retrying")
        }
        if not targets:
            return []
        message = follow_up(
            kind,
            incident_id=incident["id"],
            title=incident["title"],
            severity=incident["severity"],
            actor=actor,
            base_url=self.config.notify.base_url,
            lang=self.lang,
            drill=incident["drill"],
        )
        rows = [
            self._row(incident["id"], person, "pagerduty", target, message, at, f"{kind}:{target}")
            for person, target in sorted(targets, key=lambda x: (x[0] or "", x[1]))
        ]
        ids = self.store.add_notifications(rows)
        return [
            Delivery(ids[i], "pagerduty", rows[i]["target"], message, rows[i]["person_id"])
            for i in sorted(ids)
        ]

    # ------------------------------------------------------------------ aftercare

    def _in_aftercare(self, watch: str, at: datetime) -> dict[str, Any] | None:
        return next((i for i in self.store.aftercare(at) if i["watch"] == watch), None)

    def aftercare_watches(self, at: datetime) -> set[str]:
        return {i["watch"] for i in self.store.aftercare(at)}

    # ------------------------------------------------------------------ sending

    @property
    def secret(self) -> str:
        if self._secret is None:
            configured = self.config.notify.link_secret
            self._secret = (
                configured.get_secret_value()
                if configured
                else self.store.setting(links.SETTING, links.new_secret)
            )
        return self._secret

    def _send(
        self, incident_id: int, people: Sequence[Person], message: Message, at: datetime, what: str
    ) -> list[Delivery]:
        """Store one notification per person and channel (deduplicated, rate-limited)."""
        rows: list[dict[str, Any]] = []
        messages: list[Message] = []  # each row's message, with the person's own link
        hour_ago = at - timedelta(hours=1)
        for person in people:
            contacts = self._contacts(person)
            if not contacts:
                self.store.add_event(
                    incident_id,
                    at,
                    "unreachable",
                    ACTOR,
                    {"person": person.id, "name": person.name},
                )
                continue
            personal = replace(
                message,
                ack_url=links.ack_url(
                    self.config.notify.base_url,
                    self.secret,
                    incident_id,
                    person.id,
                    at + self.config.notify.link_ttl,
                ),
            )
            for channel, target in contacts:
                row = self._row(
                    incident_id,
                    person.id,
                    channel,
                    target,
                    personal,
                    at,
                    f"{what}:{person.id}:{channel}",
                )
                if (
                    self.store.notifications_since(target, hour_ago)
                    >= self.config.notify.max_per_hour
                ):
                    row["status"] = "held"
                rows.append(row)
                messages.append(personal)
        ids = self.store.add_notifications(rows)
        stored = [(ids[i], rows[i], messages[i]) for i in sorted(ids)]
        if stored:
            self.store.add_event(
                incident_id,
                at,
                "notified",
                ACTOR,
                {
                    "people": sorted({r["person_id"] for _, r, _ in stored}),
                    "level": severity_label(message.severity, self.lang),
                    "held": sorted({r["person_id"] for _, r, _ in stored if r["status"] == "held"}),
                },
            )
        return [
            Delivery(i, r["channel"], r["target"], m, r["person_id"])
            for i, r, m in stored
            if r["status"] == "pending"
        ]

    def _row(
        self,
        incident_id: int,
        person: str | None,
        channel: str,
        target: str,
        message: Message,
        at: datetime,
        dedup: str,
    ) -> dict[str, Any]:
        return {
            "incident_id": incident_id,
            "person_id": person,
            "channel": channel,
            "target": target[:300],
            "subject": message.subject,
            "body": message.text(),
            "status": "pending",
            "attempts": 0,
            "drill": message.drill,
            "created_at": at,
            "payload": message.to_json(),
            "dedup_key": f"{incident_id}:{dedup}"[:200],
        }

    def _contacts(self, person: Person) -> list[tuple[str, str]]:
        """Every channel of the person's that oteo can deliver through; if none, the
        first one listed (the message waits in the outbox for a human to pass on)."""
        listed = [(c, person.contacts[c]) for c in CHANNEL_PREFERENCE if c in person.contacts]
        deliverable = [(c, v) for c, v in listed if self.notifier.can_deliver(c)]
        return deliverable or listed[:1]

    def take_pending(self) -> list[Delivery]:
        """Follow-ups queued by acknowledgements and closings, to be delivered."""
        out, self.pending[:] = list(self.pending), []
        return out


def untriaged(incident: dict[str, Any]) -> bool:
    """Nobody has judged the incident yet: what oteo found may still change where it
    started and what it is called."""
    return incident["status"] in (IncidentStatus.DETECTED.value, IncidentStatus.ACKNOWLEDGED.value)


def _where_it_started(
    incident: dict[str, Any], alert: Alert
) -> tuple[dict[str, Any], dict[str, Any]]:
    """The why an escalation gives its incident, and what it changes of where the
    incident started.  The why is the new alert's, but its first post is the earliest
    any of the incident's alerts found: a later alert may reach further back to a post
    the first alert had not seen (a forum read late), and then the incident's origin
    follows it, unless the team has triaged the incident (then the origin is theirs).
    A post the first alert had seen and did not name stays unnamed: a later alert's
    story may take in an older complaint that shares a word or two with it (a street,
    slow service).  A later alert may also start from a later wave, which is not where
    the incident started."""
    why = dict(alert.why)
    known = (incident.get("why") or {}).get("first_post")
    found = why.get("first_post")

    def at(post: dict[str, Any] | None, key: str = "created_at") -> datetime | None:
        text = (post or {}).get(key)
        return datetime.fromisoformat(text) if isinstance(text, str) else None

    was, now, read = at(known), at(found), at(found, "received_at")
    seen = read is not None and read <= incident["opened_at"]
    if was is not None and (now is None or was <= now or seen):
        why["first_post"] = known
        return why, {}
    if now is None or not untriaged(incident):
        return why, {}
    assert found is not None
    start = {"origin": alert.origin, "origin_channel": found.get("channel")}
    if found.get("mention_id"):
        start["first_mention_id"] = found["mention_id"]
    return why, start
