"""``oteo drill``: rehearse the crisis plan with a simulated crisis (S14).

A drill plays one of the simulator's scenarios into the brand's own oteo: the same
config, store, team, rota and channels, with every message marked DRILL/SIMULACRO.
Its mentions go through a pipeline of their own that marks them as a drill: it starts
from the brand's real detection baseline but never writes to it, its incidents never
mix with real ones, and a response to it is recorded as published but never sent.
The team acts as it would in a crisis, on the dashboard (``oteo serve``/``oteo run``),
the links in the messages or the command line: it acknowledges, convenes, drafts and
approves a statement, ticks the protocol's steps.

``speed`` compresses the scenario (10: ten hours of it in one), never the clock, so
the times the report measures are the team's real times.  The drill ends after
``length``, when the team has closed every incident the drill opened, or on Ctrl-C;
then the report: how long detection took, how long the team took to acknowledge, to
convene and to say something in public, which protocol steps were done and skipped,
and the gaps found (nobody on call when it broke, a role nobody can reach, an
escalation that timed out, no pre-approved holding statement for the scenario...).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from oteo.clock import Clock
from oteo.config import Config
from oteo.i18n import day_time, decimal, named, t
from oteo.incidents.manager import ACTOR, CHECKLIST
from oteo.model import IncidentStatus, Severity
from oteo.pipeline import Pipeline, Stats
from oteo.respond.templates import STATEMENTS, catalogue
from oteo.sim import SPECS, Episode, Simulation
from oteo.sources import merge, ticks, until
from oteo.sources.simlive import brand_of, play
from oteo.store import Store

#: scenario time before the first post, so the team's screens are ready
LEAD = timedelta(minutes=2)
#: the simulated ordinary conversation that warms up detection on a brand with no history
WARM_UP = timedelta(hours=26)
#: the shortest drill: detection reads closed 5-minute periods, and a drill that ends
#: before a few have closed cannot detect anything, whatever the speed
MIN_LENGTH = timedelta(minutes=15)
#: how often the drill looks at what the team did
LOOK_EVERY = timedelta(seconds=2)


class DrillError(ValueError):
    def __init__(self, key: str, **values: Any) -> None:
        super().__init__(t(key, **values))
        self.key = key
        self.values = values


@dataclass(frozen=True, slots=True)
class Gap:
    """Something the drill found missing; ``key`` names it, ``values`` fill the text."""

    key: str
    values: dict[str, Any] = field(default_factory=dict)

    def text(self, lang: str | None = None) -> str:
        values = dict(self.values)
        if "channel" in values:  # a contact channel, kept as the config names it
            values["channel"] = named(values["channel"], "contact", lang)
        return t("drill.gap." + self.key, lang, **values)


@dataclass(slots=True)
class Report:
    """What one drill measured (times in UTC; minutes from detection)."""

    scenario: str
    run: str
    started: datetime
    ended: datetime
    onset: datetime  # when the scenario's first post went out
    speed: float
    incidents: list[int] = field(default_factory=list)
    detected_at: datetime | None = None
    paged_at: datetime | None = None
    acknowledged_at: datetime | None = None
    acknowledged_by: str | None = None
    convened_at: datetime | None = None
    responded_at: datetime | None = None
    severity: int = 0
    steps_done: list[str] = field(default_factory=list)
    steps_skipped: list[str] = field(default_factory=list)
    gaps: list[Gap] = field(default_factory=list)

    def minutes(self, at: datetime | None) -> float | None:
        """Minutes from detection to ``at`` (None if either did not happen)."""
        if at is None or self.detected_at is None:
            return None
        return round((at - self.detected_at).total_seconds() / 60, 1)

    @property
    def detection_minutes(self) -> float | None:
        if self.detected_at is None:
            return None
        return round((self.detected_at - self.onset).total_seconds() / 60, 1)

    def to_json(self) -> dict[str, Any]:
        out = asdict(self)
        for key, value in out.items():
            if isinstance(value, datetime):
                out[key] = value.isoformat()
        out["gaps"] = [{"key": g.key, **g.values} for g in self.gaps]
        out["minutes"] = {
            "detection": self.detection_minutes,
            "page": self.minutes(self.paged_at),
            "acknowledge": self.minutes(self.acknowledged_at),
            "convene": self.minutes(self.convened_at),
            "first_response": self.minutes(self.responded_at),
        }
        return out

    def lines(self, timezone: str, lang: str | None = None) -> list[str]:
        """The report as text, in ``lang``."""
        tz = ZoneInfo(timezone)
        never = t("drill.never", lang)

        def took(at: datetime | None) -> str:
            minutes = self.minutes(at)
            return (
                never
                if minutes is None
                else t("drill.after_detection", lang, n=decimal(minutes, lang))
            )

        detection = self.detection_minutes
        out = [
            t(
                "drill.report.title",
                lang,
                scenario=self.scenario,
                start=day_time(self.started, lang, tz=tz),
                end=day_time(self.ended, lang, tz=tz),
            ),
            t(
                "drill.report.detected",
                lang,
                took=never
                if detection is None
                else t("drill.after_post", lang, n=decimal(detection, lang)),
                ids=", ".join(f"#{i}" for i in self.incidents) or "-",
            ),
            t("drill.report.paged", lang, took=took(self.paged_at)),
            t(
                "drill.report.acknowledged",
                lang,
                took=took(self.acknowledged_at),
                who=self.acknowledged_by,
            )
            if self.acknowledged_by
            else t("drill.report.unacknowledged", lang, took=took(self.acknowledged_at)),
            t("drill.report.convened", lang, took=took(self.convened_at)),
            t("drill.report.responded", lang, took=took(self.responded_at)),
            t(
                "drill.report.steps",
                lang,
                done=", ".join(t("step." + s, lang) for s in self.steps_done) or "-",
                skipped=", ".join(t("step." + s, lang) for s in self.steps_skipped) or "-",
            ),
        ]
        if self.gaps:
            out.append(t("drill.report.gaps", lang, n=len(self.gaps)))
            out += ["  - " + g.text(lang) for g in self.gaps]
        else:
            out.append(t("drill.report.no_gaps", lang))
        return out


# --------------------------------------------------------------------------- readiness


def readiness_gaps(config: Config, scenario: str, at: datetime) -> list[Gap]:
    """What the plan lacks for ``scenario`` breaking at ``at``, before anyone moves:
    the rota, roles nobody holds or can be reached at, the holding statement."""
    spec = _spec(scenario)
    gaps: list[Gap] = []
    tz = config.tz
    if not config.rota.shifts:
        gaps.append(Gap("no_rota"))
    elif not config.schedule().on_duty(at):
        gaps.append(Gap("nobody_on_call", {"at": day_time(at, config.lang, tz=tz)}))
    people = config.people().values()
    named = {
        target[5:]
        for severity in (Severity.LIGHT, Severity.STRONG, Severity.CRISIS)
        for target in config.severity.level(severity).contact
        if target.startswith("role:")
    } | {a[5:] for a in config.respond.approvers if a.startswith("role:")}
    for role in sorted(named | {r for p in people for r in p.roles}):
        holders = [p for p in people if role in p.roles]
        if not holders:
            gaps.append(Gap("role_vacant", {"role": role}))
        elif not any(p.contacts for p in holders):
            gaps.append(
                Gap("role_no_contact", {"role": role, "people": ", ".join(p.name for p in holders)})
            )
    if spec.crisis:
        ready = [
            tpl
            for tpl in catalogue(config.respond.templates).values()
            if tpl.scenario == spec.playbook and tpl.kind in STATEMENTS and tpl.lang == config.lang
        ]
        if not any(tpl.pre_approved for tpl in ready):
            gaps.append(
                Gap(
                    "no_holding",
                    {
                        "playbook": spec.playbook,
                        "shipped": ", ".join(sorted(tpl.id for tpl in ready)) or "-",
                    },
                )
            )
    return gaps


def _spec(scenario: str):  # type: ignore[no-untyped-def]
    spec = SPECS.get(scenario)
    if spec is None:
        raise DrillError("drill.unknown", name=scenario, known=", ".join(SPECS))
    return spec


# --------------------------------------------------------------------------- the report


def report(
    config: Config,
    store: Store,
    *,
    scenario: str,
    run: str,
    started: datetime,
    ended: datetime,
    onset: datetime,
    speed: float,
    incidents: list[int],
    before: Sequence[Gap] = (),
) -> Report:
    """What the team did about the drill's ``incidents``, read from their timelines."""
    spec = _spec(scenario)
    out = Report(scenario, run, started, ended, onset, speed, sorted(incidents))
    out.gaps = list(before)
    steps: dict[str, bool] = {}
    convene_expected = False
    for incident_id in out.incidents:
        incident = store.incident(incident_id)
        if incident is None:
            continue
        out.severity = max(out.severity, incident["severity"])
        level = config.severity.level(Severity(incident["severity"]))
        convene_expected |= "convene_team" in level.actions
        for event in store.incident_events(incident_id):
            at, kind, data = event["at"], event["kind"], event["data"] or {}
            if kind == "detected":
                out.detected_at = _first(out.detected_at, at)
            elif kind == "notified":
                out.paged_at = _first(out.paged_at, at)
            elif kind == "acknowledged" and _first(out.acknowledged_at, at) == at:
                out.acknowledged_at, out.acknowledged_by = at, event["actor"]
            elif kind == IncidentStatus.CONVENED.value:
                out.convened_at = _first(out.convened_at, at)
            elif kind == "response_published":
                out.responded_at = _first(out.responded_at, at)
            elif kind == "checklist":
                steps[data["step"]] = bool(data.get("done", True))
            elif kind == "escalation_step":
                out.gaps.append(
                    Gap(
                        "chain_timeout",
                        {
                            "id": incident_id,
                            "step": data.get("step"),
                            "minutes": data.get("waited_minutes"),
                            "people": ", ".join(data.get("people") or []),
                        },
                    )
                )
            elif kind == "unacknowledged":
                out.gaps.append(Gap("chain_exhausted", {"id": incident_id}))
            elif kind == "unreachable":
                out.gaps.append(
                    Gap("unreachable", {"name": data.get("name") or data.get("person")})
                )
        for n in store.notifications(incident_id):
            if n["status"] == "failed":
                out.gaps.append(
                    Gap("page_failed", {"person": n["person_id"] or "?", "channel": n["channel"]})
                )
    out.steps_done = [s for s in CHECKLIST if steps.get(s)]
    out.steps_skipped = [s for s in CHECKLIST if not steps.get(s)]
    if spec.crisis and not out.incidents:
        out.gaps.append(Gap("not_detected"))
    elif not spec.crisis and out.incidents:
        out.gaps.append(Gap("false_alarm"))
    if out.incidents:
        if out.acknowledged_at is None:
            out.gaps.append(Gap("not_acknowledged"))
        if convene_expected and out.convened_at is None:
            out.gaps.append(Gap("not_convened"))
        if spec.crisis and out.responded_at is None:
            out.gaps.append(Gap("no_response"))
    return out


def _first(current: datetime | None, at: datetime) -> datetime:
    return at if current is None or at < current else current


# --------------------------------------------------------------------------- running


@dataclass(slots=True)
class Drill:
    """One drill: ``scenario`` played into ``store`` at ``speed`` for ``length``."""

    config: Config
    store: Store
    scenario: str
    clock: Clock
    speed: float = 10.0
    length: timedelta = timedelta(hours=1)
    seed: int = 1
    lang: str | None = None  # of the scenario's posts; the config's by default
    listener: Callable[[str, Any], None] = lambda kind, data: None
    stop: asyncio.Event = field(default_factory=asyncio.Event)
    tick_every: float = 1.0

    async def run(self) -> Report:
        _spec(self.scenario)  # an unknown scenario fails before anything runs
        if self.speed <= 0:
            raise DrillError("drill.bad_speed")
        if self.length < MIN_LENGTH:
            raise DrillError("drill.too_short", least=round(MIN_LENGTH.total_seconds() / 60))
        started = self.clock.now()
        run = "drill-" + started.strftime("%Y%m%d%H%M%S")
        onset = started + LEAD
        ends = started + self.length
        before = readiness_gaps(self.config, self.scenario, started + LEAD / self.speed)
        sim = Simulation(
            brand_of(self.config),
            start=started,
            duration=self.length * self.speed,
            seed=self.seed,
            episodes=[Episode(self.scenario, onset, lang=self.lang or self.config.lang)],
            background=False,
            source=run,
        )
        pipeline = Pipeline(
            self.config, self.store, clock=self.clock, listener=self.listener, drill=True
        )
        if not self.store.load_states():
            # a brand with no history yet: a simulated ordinary day gives detection the
            # baseline a day of listening would (it is not stored)
            before.append(Gap("detection_cold"))
            usual = Simulation(
                brand_of(self.config),
                start=started - WARM_UP,
                duration=WARM_UP,
                seed=self.seed,
                source=run + "-warm-up",
            )
            await asyncio.to_thread(pipeline.warm_up, usual)
        self.listener(
            "started",
            {
                "run": run,
                "scenario": self.scenario,
                "started": started,
                "ends": ends,
                "speed": self.speed,
                "gaps": before,
            },
        )
        stream = merge(
            [
                play(sim, self.clock, self.stop, speed=self.speed),
                ticks(self.clock, self.stop, every=self.tick_every),
            ]
        )
        watcher = asyncio.create_task(self._watch(pipeline.stats, ends))
        try:
            await pipeline.run(stream)
        finally:
            self.stop.set()
            await watcher
        ended = self.clock.now()
        result = report(
            self.config,
            self.store,
            scenario=self.scenario,
            run=run,
            started=started,
            ended=ended,
            onset=started + LEAD / self.speed,
            speed=self.speed,
            incidents=list(pipeline.stats.incidents),
            before=before,
        )
        await asyncio.to_thread(self._close, pipeline, result, ended)
        return result

    async def _watch(self, stats: Stats, ends: datetime) -> None:
        """End the drill at ``ends``, or once the team has closed what it opened; tell
        the listener what the team does meanwhile."""
        seen: set[int] = set()
        while not await until(self.clock, self.stop, self.clock.now() + LOOK_EVERY):
            opened = list(stats.incidents)
            events = await asyncio.to_thread(self._team_events, opened, seen)
            for event in events:
                self.listener("team", event)
            if self.clock.now() >= ends:
                break
            if opened and await asyncio.to_thread(self._all_closed, opened):
                self.listener("closed_by_team", opened)
                break
        self.stop.set()

    def _team_events(self, incidents: list[int], seen: set[int]) -> list[dict[str, Any]]:
        out = []
        for incident_id in incidents:
            for event in self.store.incident_events(incident_id):
                if event["id"] not in seen and event["actor"] != ACTOR:
                    seen.add(event["id"])
                    out.append(event)
        return out

    def _all_closed(self, incidents: list[int]) -> bool:
        rows = [self.store.incident(i) for i in incidents]
        return all(r is None or r["status"] == IncidentStatus.CLOSED.value for r in rows)

    def _close(self, pipeline: Pipeline, result: Report, at: datetime) -> None:
        """File the report in each incident's timeline (closing what the team left
        open, so the next drill starts clean) and in the audit log."""
        data = result.to_json()
        manager = pipeline.incidents
        for incident_id in result.incidents:
            manager.end_drill(incident_id, at, data)
        pipeline.notifier.deliver(manager.take_pending(), at)
        self.store.audit(ACTOR, "drill.report", result.run, data, at=at)
