"""The library of scenarios, from the seeds, each with ground truth.

A scenario is declared as a :class:`Spec`: who starts it, where and with what; who
amplifies it and when; a wave of people joining (how many an hour at the worst moment,
how fast it rises and fades, what they say and where); what the replies say.  The
simulation's cascade engine makes the reactions.  ``Episode.truth`` says what a
perfect listener would conclude: whether it is a crisis, its category, when it started
and ended, where and by whom, who spread it, and the most severe level it deserves.

Crises: a product that made customers sick (and its re-outbreak weeks later), a
service failure, the brand's own mistaken post, a hacked account, a competitor's
rumour, an ex-employee's leak, a troll attack with no real backing, a contest gone
wrong, an influencer's complaint, a crisis born on a blog.  Non-crises that must not
escalate: one angry customer, a busy day, a marketing campaign, a bot flood.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

import numpy as np

from oteo.model import Channel
from oteo.sim.engine import CHANNELS, KIND, QUOTE, Events, Table
from oteo.sim.population import ROLE

if TYPE_CHECKING:
    from oteo.sim.stream import Simulation

SOCIAL = {
    Channel.TWITTER: 0.55,
    Channel.BLUESKY: 0.12,
    Channel.MASTODON: 0.08,
    Channel.YOUTUBE: 0.1,
    Channel.INSTAGRAM: 0.08,
    Channel.REVIEW: 0.07,
}
EARLY = {Channel.REVIEW: 0.45, Channel.FORUM: 0.35, Channel.TWITTER: 0.2}
ONLY_TWITTER = {Channel.TWITTER: 0.7, Channel.BLUESKY: 0.15, Channel.MASTODON: 0.15}
CHANNEL_CODES = {c.value: i for i, c in enumerate(CHANNELS)}


@dataclass(frozen=True)
class Amplifier:
    role: str
    after: timedelta
    channel: Channel
    kind: str
    boost: float = 1.5


@dataclass(frozen=True)
class Spec:
    """A scenario, declared."""

    type: str
    crisis: bool
    category: str  # backlash / attack / service / isolated / positive / bot_flood / busy
    max_severity: str  # none / isolated / light / strong / crisis
    origin_role: str
    origin_channel: Channel
    origin_kind: str
    origin_posts: int = 1
    origin_spacing: timedelta = timedelta(minutes=30)
    origin_boost: float = 2.0
    amplifiers: tuple[Amplifier, ...] = ()
    peak: float = 0.0  # joiners an hour at the worst moment
    rise: float = 3.0  # hours to the peak
    decay: float = 6.0  # hours for the wave to fall to a third after the peak
    duration: timedelta = timedelta(hours=24)
    joiners: dict[str, float] = field(default_factory=dict)
    joiner_role: str = "customer"
    early_channels: dict[Channel, float] = field(default_factory=lambda: dict(EARLY))
    social_channels: dict[Channel, float] = field(default_factory=lambda: dict(SOCIAL))
    social_after: timedelta = timedelta(0)
    reactions: dict[str, float] | None = None
    contagious: bool = True  # reactions come from people new to the conversation
    #: of the joiners' posts of each kind, the share that quote the origin's first post:
    #: relays of an insider's thread or of an article point at it (a quote, a link)
    quoting: dict[str, float] = field(default_factory=dict)
    #: the response templates' scenario that fits it (``respond/templates.yaml``)
    playbook: str = "general"

    def intensity(self, hours: float | np.ndarray) -> np.ndarray:
        """Joiners an hour, ``hours`` after onset: a fast rise, then a slow decay."""
        h = np.asarray(hours, float)
        rise = self.peak * np.exp(-((h - self.rise) ** 2) / (2 * max(self.rise / 2.5, 0.1) ** 2))
        fall = self.peak * np.exp(-(h - self.rise) / max(self.decay, 0.1))
        out = np.where(h < self.rise, rise, fall)
        return np.where((h < 0) | (h > self.duration.total_seconds() / 3600), 0.0, out)


HEALTH_REACTIONS = {
    "health_joinin": 0.25,
    "reply_agree": 0.25,
    "boycott": 0.1,
    "insult": 0.06,
    "reply_support": 0.2,
    "reply_defend": 0.14,
}
ANGER_REACTIONS = {
    "reply_agree": 0.35,
    "quote_comment": 0.1,
    "boycott": 0.1,
    "insult": 0.07,
    "reply_support": 0.2,
    "reply_defend": 0.18,
}

SPECS: dict[str, Spec] = {
    "food_poisoning": Spec(
        "health",
        True,
        "backlash",
        "crisis",
        "customer",
        Channel.FORUM,
        "health_origin",
        amplifiers=(
            Amplifier(
                "influencer", timedelta(hours=2, minutes=30), Channel.TWITTER, "health_amplify"
            ),
            Amplifier("news_outlet", timedelta(hours=4), Channel.NEWS, "health_news", 1.0),
            Amplifier(
                "journalist", timedelta(hours=4, minutes=40), Channel.TWITTER, "health_news", 1.2
            ),
        ),
        peak=60,
        rise=7,
        decay=8,
        duration=timedelta(hours=36),
        social_after=timedelta(hours=2, minutes=30),
        joiners={
            "health_joinin": 0.5,
            "boycott": 0.12,
            "complaint_strong": 0.1,
            "quote_comment": 0.1,
            "insult": 0.05,
            "sarcasm": 0.03,
            "reply_defend": 0.1,
        },
        reactions=HEALTH_REACTIONS,
        playbook="food_safety",
    ),
    "re_outbreak": Spec(
        "health",
        True,
        "backlash",
        "crisis",
        "customer",
        Channel.REVIEW,
        "health_again",
        amplifiers=(
            Amplifier("journalist", timedelta(hours=3), Channel.TWITTER, "health_news", 1.2),
        ),
        peak=35,
        rise=4,
        decay=6,
        duration=timedelta(hours=24),
        social_after=timedelta(hours=1),
        joiners={
            "health_again": 0.3,
            "health_joinin": 0.3,
            "boycott": 0.15,
            "complaint_strong": 0.15,
            "reply_defend": 0.1,
        },
        reactions=HEALTH_REACTIONS,
        playbook="food_safety",
    ),
    "service_outage": Spec(
        "service",
        True,
        "service",
        "strong",
        "customer",
        Channel.TWITTER,
        "outage_report",
        amplifiers=(
            Amplifier(
                "news_outlet", timedelta(hours=1, minutes=30), Channel.NEWS, "outage_news", 1.0
            ),
        ),
        peak=120,
        rise=0.75,
        decay=1.2,
        duration=timedelta(hours=5),
        joiners={
            "outage_report": 0.35,
            "outage_joinin": 0.45,
            "sarcasm": 0.1,
            "complaint_strong": 0.1,
        },
        early_channels=ONLY_TWITTER,
        social_channels=ONLY_TWITTER,
        reactions={"reply_agree": 0.5, "reply_support": 0.3, "outage_joinin": 0.2},
        playbook="service_outage",
    ),
    "wrong_post": Spec(
        "own_post",
        True,
        "backlash",
        "strong",
        "brand",
        Channel.TWITTER,
        "brand_wrong_post",
        origin_boost=4.0,
        amplifiers=(
            Amplifier("journalist", timedelta(hours=2), Channel.TWITTER, "wrong_post_news", 1.2),
            Amplifier(
                "news_outlet", timedelta(hours=3, minutes=30), Channel.NEWS, "wrong_post_news", 1.0
            ),
        ),
        peak=80,
        rise=1.5,
        decay=5,
        duration=timedelta(hours=24),
        joiners={
            "wrong_post_backlash": 0.55,
            "quote_comment": 0.15,
            "boycott": 0.15,
            "insult": 0.05,
            "reply_defend": 0.1,
        },
        early_channels=ONLY_TWITTER,
        reactions=ANGER_REACTIONS,
        playbook="wrong_post",
    ),
    "hacked_account": Spec(
        "hacked",
        True,
        "backlash",
        "strong",
        "brand",
        Channel.TWITTER,
        "hacked_post",
        origin_posts=4,
        origin_spacing=timedelta(minutes=8),
        origin_boost=3.0,
        peak=50,
        rise=0.75,
        decay=2,
        duration=timedelta(hours=8),
        joiners={"hacked_alert": 0.8, "reply_agree": 0.1, "sarcasm": 0.1},
        early_channels=ONLY_TWITTER,
        social_channels=ONLY_TWITTER,
        reactions={"hacked_alert": 0.5, "reply_agree": 0.3, "reply_support": 0.2},
        playbook="hacked_account",
    ),
    "competitor_rumour": Spec(
        "rumour",
        True,
        "attack",
        "strong",
        "competitor",
        Channel.TWITTER,
        "rumour_post",
        origin_posts=3,
        origin_spacing=timedelta(minutes=25),
        amplifiers=(Amplifier("troll", timedelta(minutes=40), Channel.TWITTER, "rumour_post"),),
        peak=25,
        rise=3,
        decay=6,
        duration=timedelta(hours=24),
        joiners={"rumour_spread": 0.6, "rumour_post": 0.15, "rumour_denial": 0.25},
        reactions={"rumour_spread": 0.4, "rumour_denial": 0.3, "reply_agree": 0.3},
        playbook="competitor_rumour",
    ),
    "ex_employee_leak": Spec(
        "leak",
        True,
        "backlash",
        "strong",
        "ex_employee",
        Channel.FORUM,
        "leak_post",
        amplifiers=(
            Amplifier("journalist", timedelta(hours=5), Channel.TWITTER, "leak_spread", 1.5),
        ),
        peak=35,
        rise=6,
        decay=10,
        duration=timedelta(hours=36),
        social_after=timedelta(hours=5),
        joiners={"leak_spread": 0.6, "boycott": 0.1, "quote_comment": 0.15, "reply_defend": 0.15},
        reactions=ANGER_REACTIONS,
        quoting={"leak_spread": 0.5},
        playbook="insider",
    ),
    "troll_attack": Spec(
        "troll_attack",
        True,
        "attack",
        "light",
        "troll",
        Channel.TWITTER,
        "troll_attack",
        origin_posts=2,
        peak=30,
        rise=1.5,
        decay=2,
        duration=timedelta(hours=6),
        joiner_role="troll",
        joiners={"troll_attack": 0.8, "insult": 0.2},
        early_channels=ONLY_TWITTER,
        social_channels=ONLY_TWITTER,
        reactions={"reply_defend": 0.6, "reply_support": 0.2, "troll_attack": 0.2},
        contagious=False,
    ),
    "contest_gone_wrong": Spec(
        "contest",
        True,
        "backlash",
        "strong",
        "customer",
        Channel.INSTAGRAM,
        "contest_complaint",
        peak=50,
        rise=2,
        decay=5,
        duration=timedelta(hours=24),
        joiners={"contest_complaint": 0.75, "sarcasm": 0.1, "reply_agree": 0.15},
        early_channels={Channel.INSTAGRAM: 0.6, Channel.TWITTER: 0.4},
        social_channels={Channel.INSTAGRAM: 0.5, Channel.TWITTER: 0.5},
        reactions=ANGER_REACTIONS,
        playbook="contest",
    ),
    "influencer_complaint": Spec(
        "influencer",
        True,
        "backlash",
        "strong",
        "influencer",
        Channel.TWITTER,
        "influencer_complaint",
        origin_boost=3.0,
        peak=40,
        rise=1.5,
        decay=4,
        duration=timedelta(hours=18),
        joiners={
            "reply_agree": 0.4,
            "complaint_strong": 0.35,
            "boycott": 0.1,
            "reply_defend": 0.15,
        },
        early_channels=ONLY_TWITTER,
        reactions=ANGER_REACTIONS,
        playbook="influencer",
    ),
    "blog_expose": Spec(
        "blog",
        True,
        "backlash",
        "strong",
        "journalist",
        Channel.BLOG,
        "blog_expose",
        origin_boost=1.5,
        peak=45,
        rise=5,
        decay=8,
        duration=timedelta(hours=36),
        social_after=timedelta(hours=4),
        joiners={"blog_spread": 0.7, "boycott": 0.1, "quote_comment": 0.1, "reply_defend": 0.1},
        early_channels={Channel.BLOG: 0.5, Channel.FORUM: 0.5},
        reactions=ANGER_REACTIONS,
        quoting={"blog_spread": 0.5},
    ),
    # ------------------------------------------------------------------ non-crises
    "angry_customer": Spec(
        "isolated_complaint",
        False,
        "isolated",
        "isolated",
        "customer",
        Channel.TWITTER,
        "complaint_strong",
        origin_posts=3,
        origin_spacing=timedelta(minutes=65),
        origin_boost=1.0,
        contagious=False,
    ),
    "busy_day": Spec(
        "busy_day",
        False,
        "busy",
        "none",
        "customer",
        Channel.TWITTER,
        "praise",
        origin_boost=1.0,
        peak=70,
        rise=4,
        decay=8,
        duration=timedelta(hours=14),
        joiners={"praise": 0.45, "neutral": 0.25, "question": 0.15, "complaint_light": 0.15},
        early_channels=dict(SOCIAL),
        contagious=False,
    ),
    "campaign_spike": Spec(
        "campaign",
        False,
        "positive",
        "none",
        "brand",
        Channel.TWITTER,
        "campaign_praise",
        origin_boost=3.0,
        amplifiers=(
            Amplifier("influencer", timedelta(hours=1), Channel.INSTAGRAM, "campaign_praise", 2.0),
        ),
        peak=150,
        rise=2,
        decay=6,
        duration=timedelta(hours=24),
        joiners={"campaign_praise": 0.7, "praise": 0.2, "question": 0.1},
        early_channels=dict(SOCIAL),
        contagious=False,
    ),
    "bot_flood": Spec(
        "bot_flood",
        False,
        "bot_flood",
        "none",
        "bot",
        Channel.TWITTER,
        "bot_spam",
        origin_posts=3,
        origin_spacing=timedelta(minutes=2),
        origin_boost=0.1,
        peak=120,
        rise=0.5,
        decay=1.0,
        duration=timedelta(hours=3),
        joiner_role="bot",
        joiners={"bot_spam": 1.0},
        early_channels=ONLY_TWITTER,
        social_channels=ONLY_TWITTER,
        contagious=False,
    ),
}
#: scenarios that are crises (and must be detected), and those that must not escalate
CRISES = tuple(name for name, spec in SPECS.items() if spec.crisis)
NON_CRISES = tuple(name for name, spec in SPECS.items() if not spec.crisis)


@dataclass
class Episode:
    """A scenario placed in time in one simulation."""

    name: str
    onset: datetime
    spec: Spec | None = None
    lang: str = "es"
    truth: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.spec is None:
            self.spec = SPECS[self.name]

    def plan(self, sim: Simulation) -> Events:
        spec = self.spec
        assert spec is not None
        rng, pop = sim.rng, sim.population
        lang = sim.lang_code(self.lang)
        reactions = (
            sim.engine.reaction_table(spec.reactions) if spec.reactions and spec.contagious else -1
        )
        bots = (
            pop.bot_cluster(max(20, int(spec.peak)), lang)
            if spec.joiner_role == "bot" or spec.origin_role == "bot"
            else None
        )
        if spec.origin_role == "brand":
            origin = np.array([pop.brand])
        elif bots is not None:
            origin = bots[:1]
        elif spec.origin_role in ("customer", "troll"):
            origin = pop.add(spec.origin_role, 1, lang)
        else:
            origin = pop.pick(spec.origin_role, 1, lang)
        if self.name == "angry_customer":  # an ordinary person with a small audience
            pop.followers[origin] = np.minimum(pop.followers[origin], 400)
        origin_times = [self.onset + i * spec.origin_spacing for i in range(spec.origin_posts)]
        parts = [
            sim.roots(
                origin_times,
                np.repeat(origin, spec.origin_posts),
                spec.origin_channel,
                spec.origin_kind,
                lang=lang,
                boost=spec.origin_boost,
                reactions=reactions,
            )
        ]
        spreaders = []
        for amp in spec.amplifiers:
            who = pop.pick(amp.role, 1, lang)
            spreaders.append(pop.profile(int(who[0])).handle)
            parts.append(
                sim.roots(
                    [self.onset + amp.after],
                    who,
                    amp.channel,
                    amp.kind,
                    lang=lang,
                    boost=amp.boost,
                    reactions=reactions,
                )
            )
        hours = self._joiner_hours(rng)
        if len(hours):
            n = len(hours)
            if bots is not None:
                authors = bots[rng.integers(0, len(bots), n)]
            elif spec.joiner_role == "troll":
                crowd = pop.add("troll", max(8, int(spec.peak / 2)), lang)
                authors = crowd[rng.integers(0, len(crowd), n)]
            else:
                authors = pop.add(spec.joiner_role, n)
                pop.lang[authors] = np.where(rng.random(n) < 0.9, lang, pop.lang[authors])
            social = hours >= spec.social_after.total_seconds() / 3600
            channel = np.where(
                social,
                _channels(spec.social_channels).sample(rng, n),
                _channels(spec.early_channels).sample(rng, n),
            )
            kinds = Table(spec.joiners).sample(rng, n)
            times = self.onset.timestamp() + hours * 3600.0
            roots = sim.roots(
                times, authors, CHANNELS[0], "praise", lang=pop.lang[authors], reactions=reactions
            )
            roots.channel[:] = channel
            roots.kind[:] = kinds
            if bots is not None:  # a coordinated cluster pastes one message (varied a little)
                roots.text[:] = rng.integers(0, 1 << 20)
            if spec.quoting:
                # drawn from a generator of their own: the simulation's draws, and so the
                # rest of the stream, are what they were without them
                draw = np.random.default_rng([sim.seed, n]).random(n)
                share = np.zeros(len(KIND))
                for kind, q in spec.quoting.items():
                    share[KIND[kind]] = q
                quote = draw < share[kinds]
                parts[0].gid[0] = sim.engine.reserve_gid()
                roots.relation[quote] = QUOTE
                roots.parent[quote] = parts[0].gid[0]
                roots.parent_author[quote] = origin[0]
            parts.append(roots)
        end = self.onset + max(
            spec.duration, spec.origin_spacing * spec.origin_posts, timedelta(hours=3)
        )
        # expected joiners within each hour after onset (the intensity averaged over the hour)
        curve = [
            {
                "hour": h,
                "expected_joiners": round(
                    float(spec.intensity(h + np.linspace(0, 1, 13)).mean()), 2
                ),
            }
            for h in range(math.ceil(spec.duration.total_seconds() / 3600))
        ]
        origin_profile = pop.profile(int(origin[0]))
        self.truth = {
            "name": self.name,
            "type": spec.type,
            "crisis": spec.crisis,
            "category": spec.category,
            "max_severity": spec.max_severity,
            "onset": self.onset.isoformat(),
            "end": end.isoformat(),
            "origin_channel": spec.origin_channel.value,
            "origin_author": origin_profile.handle,
            "origin_role": spec.origin_role,
            "spreaders": spreaders,
            "bot_cluster": int(pop.cluster[bots[0]]) if bots is not None else None,
            "intensity": curve,
        }
        return Events.concat(parts)

    def _joiner_hours(self, rng: np.random.Generator) -> np.ndarray:
        """Joining times (hours after onset): an inhomogeneous Poisson process by thinning."""
        spec = self.spec
        assert spec is not None
        if spec.peak <= 0:
            return np.zeros(0)
        hours = spec.duration.total_seconds() / 3600
        n = rng.poisson(spec.peak * hours)
        candidates = np.sort(rng.random(n) * hours)
        keep = rng.random(n) * spec.peak < spec.intensity(candidates)
        return candidates[keep]


def _channels(weights: dict[Channel, float]) -> Table:
    return Table({c.value: w for c, w in weights.items()}, CHANNEL_CODES)


def place(name: str, start: datetime, days: float, lang: str = "es") -> Episode:
    """A scenario at a sensible moment of a stream: the evening of the day before the
    last (so most of it fits), in the brand's local time of ``start``."""
    day0 = start.replace(hour=0, minute=0, second=0, microsecond=0)
    when = {
        "angry_customer": timedelta(hours=13, minutes=10),
        "service_outage": timedelta(hours=13, minutes=5),
        "campaign_spike": timedelta(hours=11),
        "busy_day": timedelta(hours=9),
    }.get(name, timedelta(hours=20, minutes=30))
    return Episode(name, day0 + timedelta(days=max(1, math.ceil(days) - 2)) + when, lang=lang)


def demo_episodes(start: datetime, days: int = 7) -> list[Episode]:
    """The demo's story: an isolated complaint on day 3, an outbreak on the evening
    of the day before the last (``start`` in the brand's local time)."""
    day0 = start.replace(hour=0, minute=0, second=0, microsecond=0)
    return [
        Episode("angry_customer", day0 + timedelta(days=2, hours=13, minutes=10)),
        Episode("food_poisoning", day0 + timedelta(days=days - 2, hours=20, minutes=30)),
    ]


def re_outbreak_episodes(start: datetime) -> list[Episode]:
    """A crisis, and its re-outbreak three weeks later (a 28-day stream)."""
    day0 = start.replace(hour=0, minute=0, second=0, microsecond=0)
    return [
        Episode("food_poisoning", day0 + timedelta(days=3, hours=20, minutes=30)),
        Episode("re_outbreak", day0 + timedelta(days=24, hours=14)),
    ]


def validate_roles() -> list[str]:
    """Roles named by specs that the population does not know (a test keeps this empty)."""
    names = (
        {s.origin_role for s in SPECS.values()}
        | {s.joiner_role for s in SPECS.values()}
        | {a.role for s in SPECS.values() for a in s.amplifiers}
    )
    return sorted(n for n in names if n not in ROLE)
