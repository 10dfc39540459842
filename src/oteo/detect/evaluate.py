"""How well detection does on the simulator's scenarios, against their ground truth.

Each scenario is placed in a few days of a brand's ordinary conversation and replayed
through the whole pipeline (understanding, detection, incidents) into a throw-away
SQLite store, with the product's default settings; then the alerts are compared with
the truth: was a crisis detected, how long after its onset, how severe, what origin;
did a non-crisis escalate; how many alerts fell outside any episode.
"""

from __future__ import annotations

import asyncio
import statistics
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from oteo.clock import ReplayClock
from oteo.config import Mode
from oteo.model import Alert, Severity
from oteo.sim.scenarios import SPECS, place
from oteo.sim.stream import Brand, Simulation

#: scenarios whose wave peaks within two hours: "the fast ones"
FAST_RISE_HOURS = 2.0
#: what each kind of non-crisis may reach without counting as an escalation
ALLOWED = {"isolated": Severity.LIGHT, "bot_flood": Severity.ISOLATED}
BRANDS = {
    "sparse": Brand(name="Panadería Olmo", handle="panaderiaolmo", daily_volume=15.0),
    "medium": Brand(name="Lumbre Burger", handle="lumbreburger", daily_volume=800.0),
    "busy": Brand(name="Lumbre Burger", handle="lumbreburger", daily_volume=6000.0),
}
#: the origin detection should name for each of the simulator's origin roles (a
#: journalist is read by reach, as an influencer)
ORIGIN_OF_ROLE = {
    "brand": "brand",
    "customer": "customer",
    "ex_employee": "insider",
    "competitor": "competitor",
    "troll": "troll",
    "influencer": "influencer",
    "journalist": "influencer",
    "bot": "bot_cluster",
}


@dataclass(slots=True)
class Run:
    """One replayed stream and what detection made of it."""

    scenario: str | None
    seed: int
    lang: str
    brand: str
    days: float
    truth: dict[str, Any] | None
    alerts: list[Alert] = field(default_factory=list)
    mentions: int = 0
    #: of the first alert in the episode: the share of the episode's own posts among
    #: the posts it read in its first theme, and among all the posts it handed over;
    #: the share of the episode's posts it handed over that its first theme holds
    theme_share: float | None = None
    window_share: float | None = None
    theme_recall: float | None = None
    #: what the first alert in the episode said of who started it, and where
    origin: str | None = None
    origin_channel: str | None = None
    #: what its incident says of it when the stream ends (escalations and posts read
    #: late may have moved where it began)
    incident_origin: str | None = None
    incident_channel: str | None = None
    #: the incident each alert went to
    incident_ids: list[int] = field(default_factory=list)

    def during(self) -> list[Alert]:
        """Alerts from the onset to the end of the episode (plus an hour of slack)."""
        if not self.truth:
            return []
        onset = datetime.fromisoformat(self.truth["onset"])
        end = datetime.fromisoformat(self.truth["end"]) + timedelta(hours=1)
        return [a for a in self.alerts if onset <= a.at <= end]

    def outside(self) -> list[Alert]:
        inside = {id(a) for a in self.during()}
        return [a for a in self.alerts if id(a) not in inside]

    @property
    def first(self) -> Alert | None:
        """The episode's first alert of light criticism or more (alerts come in order)."""
        return next((a for a in self.during() if a.severity >= Severity.LIGHT), None)

    @property
    def delay_minutes(self) -> float | None:
        first = self.first
        if first is None or not self.truth:
            return None
        onset = datetime.fromisoformat(self.truth["onset"])
        return (first.at - onset).total_seconds() / 60

    @property
    def category(self) -> str | None:
        """What its first alert called it (light, strong, crisis, attack, bot_flood)."""
        return None if self.first is None else self.first.category

    @property
    def top(self) -> Severity:
        return max((a.severity for a in self.during()), default=Severity.NONE)

    @property
    def escalated(self) -> bool:
        """A non-crisis that went further than it deserves."""
        if not self.truth or self.truth["crisis"]:
            return False
        allowed = ALLOWED.get(self.truth["category"], Severity.NONE)
        wrong_kind = self.truth["category"] == "bot_flood" and any(
            a.category != "bot_flood" for a in self.during()
        )
        return self.top > allowed or wrong_kind


def replay(
    scenario: str | None,
    *,
    seed: int = 1,
    lang: str = "es",
    brand: str = "medium",
    days: float = 4.0,
    mode: Mode = Mode.FULL,
    start: datetime | None = None,
) -> Run:
    """Replay one stream (``scenario`` placed in it, or none) through the pipeline."""
    from oteo.demo import prepare
    from oteo.pipeline import Pipeline
    from oteo.store import Store

    the_brand = BRANDS[brand]
    with tempfile.TemporaryDirectory(prefix="oteo-eval-") as tmp:
        config = prepare(Path(tmp), lang, f"sqlite:///{tmp}/eval.db", the_brand.name)
        config.understanding.mode = mode
        tz = config.tz
        start = (start or datetime(2026, 10, 5, tzinfo=tz)).astimezone(tz)
        episodes = [place(scenario, start, days, lang)] if scenario else []
        sim = Simulation(
            the_brand,
            start=start,
            duration=timedelta(days=days),
            seed=seed,
            episodes=episodes,
        )
        store = Store(config.database_url())
        run = Run(scenario, seed, lang, brand, days, None)

        def listen(kind: str, data: Any) -> None:
            if kind == "alert":
                run.alerts.append(data[1])
                run.incident_ids.append(data[0].incident_id)

        pipeline = Pipeline(config, store, clock=ReplayClock(sim.start, None), listener=listen)
        stats = asyncio.run(pipeline.run(sim))
        run.mentions = stats.received
        run.truth = sim.ground_truth()["episodes"][0] if scenario else None
        first = run.first
        if first is not None:
            first_post = first.why.get("first_post") or {}
            run.origin, run.origin_channel = first.origin, first_post.get("channel")
            incident = store.incident(run.incident_ids[run.alerts.index(first)])
            if incident is not None:
                run.incident_origin = incident["origin"]
                run.incident_channel = incident["origin_channel"]
            run.theme_share, run.window_share, run.theme_recall = _theme_shares(store, first)
        store.close()
    return run


def _theme_shares(store: Any, alert: Alert) -> tuple[float | None, ...]:
    """Is the alert's first theme the crisis?  The share of the simulated episode's
    own posts among the posts read in it, and among every post the alert handed over;
    the share of the episode's posts handed over that were read in it."""
    from sqlalchemy import select

    from oteo.store import schema as s

    with store.engine.connect() as conn:
        raw = dict(
            conn.execute(
                select(s.mentions.c.id, s.mentions.c.raw).where(
                    s.mentions.c.id.in_(alert.mention_ids)
                )
            ).all()
        )
    ours = {mid: bool(((raw.get(mid) or {}).get("sim") or {}).get("episode")) for mid in raw}
    first = {m for m, rank in alert.mention_themes.items() if rank == 0 and m in ours}
    in_first = [ours[m] for m in first]

    def share(flags: list[bool]) -> float | None:
        return sum(flags) / len(flags) if flags else None

    return (
        share(in_first),
        share(list(ours.values())),
        share([m in first for m, crisis in ours.items() if crisis]),
    )


@dataclass(slots=True)
class Summary:
    crises: list[Run]
    non_crises: list[Run]
    quiet: list[Run]

    def lines(self) -> list[str]:
        out = [f"{'scenario':22} {'runs':>4} {'found':>5} {'delay min':>9} {'top severity':>13}"]
        by: dict[str, list[Run]] = {}
        for r in self.crises + self.non_crises:
            by.setdefault(r.scenario or "", []).append(r)
        for name, runs in by.items():
            delays = [r.delay_minutes for r in runs if r.delay_minutes is not None]
            med = f"{statistics.median(delays):.0f}" if delays else "-"
            tops = ", ".join(sorted({r.top.key for r in runs}))
            found = sum(r.delay_minutes is not None for r in runs)
            flag = ""
            if not SPECS[name].crisis:
                flag = f"  escalated {sum(r.escalated for r in runs)}"
            out.append(f"{name:22} {len(runs):4d} {found:5d} {med:>9} {tops:>13}{flag}")
        detected = [r for r in self.crises if r.delay_minutes is not None]
        fast = [
            r.delay_minutes
            for r in detected
            if r.delay_minutes is not None and SPECS[r.scenario or ""].rise <= FAST_RISE_HOURS
        ]
        every = [r.delay_minutes for r in detected if r.delay_minutes is not None]
        themed = [r for r in detected if r.theme_share is not None]
        months = sum(r.days for r in self.quiet) / 30.0
        false = sum(len(r.alerts) for r in self.quiet)
        around = sum(len(r.outside()) for r in self.crises + self.non_crises)
        isolated = [r for r in self.non_crises if r.truth and r.truth["category"] == "isolated"]
        out += [
            "",
            f"crises detected          {len(detected)}/{len(self.crises)}",
            f"median delay             {_median(every)} min (all), {_median(fast)} min "
            f"(fast: peak within {FAST_RISE_HOURS:g} h)",
            f"non-crises escalated     {sum(r.escalated for r in self.non_crises)}/{len(self.non_crises)}",
            f"isolated above light     {sum(r.top > Severity.LIGHT for r in isolated)}/{len(isolated)}",
            f"false alerts             {false} in {months:.1f} brand-months of crisis-free "
            f"streams: {false / months if months else 0:.2f} per brand-month",
            f"alerts outside episodes  {around} in the scenario streams",
            f"first theme              {_median([100 * r.theme_share for r in themed])}% the crisis's "
            f"own posts, holds {_median([100 * (r.theme_recall or 0) for r in themed])}% of them "
            f"(medians of {len(themed)} first alerts; of all their posts "
            f"{_median([100 * (r.window_share or 0) for r in themed])}% are the crisis's)",
        ]
        # illegitimate attacks (trolls, a competitor's rumour) call for another answer (S19)
        raids, others = [], []
        for r in detected:
            (raids if r.truth and r.truth["category"] == "attack" else others).append(r)
        missed = Counter(
            f"{r.scenario} {r.lang}: {r.category}" for r in raids if r.category != "attack"
        )
        called = Counter(f"{r.scenario} {r.lang}" for r in others if r.category == "attack")
        out += [
            f"attacks called attacks   {len(raids) - missed.total()}/{len(raids)} (first alert)"
            f"{_wrong(missed)}",
            f"other crises called so   {called.total()}/{len(others)} (first alert){_wrong(called)}",
        ]
        judged = [
            (r, ORIGIN_OF_ROLE[r.truth["origin_role"]])
            for r in detected
            if r.truth and r.truth["origin_role"] in ORIGIN_OF_ROLE
        ]
        for when, origin_of, channel_of in (
            ("first alert", lambda r: r.origin, lambda r: r.origin_channel),
            ("its incident at the end", lambda r: r.incident_origin, lambda r: r.incident_channel),
        ):
            wrong = Counter(
                f"{r.scenario} {r.lang}: {origin_of(r)}" for r, o in judged if origin_of(r) != o
            )
            missed = Counter(
                f"{r.scenario} {r.lang}: {channel_of(r)}"
                for r in detected
                if r.truth and channel_of(r) != r.truth["origin_channel"]
            )
            out += [
                f"origin named             {len(judged) - wrong.total()}/{len(judged)} right "
                f"({when}){_wrong(wrong)}",
                f"channel where it began   {len(detected) - missed.total()}/{len(detected)} right "
                f"({when}){_wrong(missed)}",
            ]
        for r in self.quiet:
            out.append(
                f"  quiet {r.brand:7} seed {r.seed}: {r.mentions:,} mentions, "
                f"{len(r.alerts)} alerts {[a.at.isoformat(timespec='minutes') for a in r.alerts][:5]}"
            )
        return out


def _wrong(counts: Counter[str]) -> str:
    return (
        "; wrong: " + ", ".join(k + (f" ×{n}" if n > 1 else "") for k, n in sorted(counts.items()))
        if counts
        else ""
    )


def _median(values: list[float]) -> str:
    return f"{statistics.median(values):.0f}" if values else "-"


def evaluate(
    *,
    seeds: int = 2,
    langs: tuple[str, ...] = ("es", "en"),
    scenarios: tuple[str, ...] | None = None,
    quiet_days: float = 30.0,
    quiet_brands: tuple[str, ...] = ("sparse", "medium", "busy"),
    mode: Mode = Mode.FULL,
    progress: Any = None,
) -> Summary:
    names = scenarios or tuple(SPECS)
    crises: list[Run] = []
    non: list[Run] = []
    for name in names:
        for seed in range(1, seeds + 1):
            for lang in langs:
                run = replay(name, seed=seed, lang=lang, mode=mode)
                (crises if SPECS[name].crisis else non).append(run)
                if progress:
                    progress(run)
    quiet = []
    for brand in quiet_brands:
        run = replay(None, seed=100, brand=brand, days=quiet_days, mode=mode)
        quiet.append(run)
        if progress:
            progress(run)
    return Summary(crises, non, quiet)
