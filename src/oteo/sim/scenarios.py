"""Episodes that play on top of a brand's ordinary conversation, with ground truth.

An episode places its root posts in time; the simulation's cascade engine makes the
reactions.  ``truth`` says what a perfect listener would conclude: whether it is a
crisis, when it started and ended, where and by whom, who spread it, and the most
severe level it deserves.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from oteo.model import Channel

if TYPE_CHECKING:
    from oteo.sim.stream import Draft, Simulation

SOCIAL = [
    (Channel.TWITTER, 0.55),
    (Channel.BLUESKY, 0.12),
    (Channel.MASTODON, 0.08),
    (Channel.YOUTUBE, 0.1),
    (Channel.INSTAGRAM, 0.08),
    (Channel.REVIEW, 0.07),
]
EARLY = [(Channel.REVIEW, 0.45), (Channel.FORUM, 0.35), (Channel.TWITTER, 0.2)]


@dataclass
class Episode:
    name: str
    onset: datetime
    truth: dict[str, Any] = field(default_factory=dict)

    def roots(self, sim: Simulation) -> list[Draft]:  # pragma: no cover - abstract
        raise NotImplementedError


@dataclass
class IsolatedComplaint(Episode):
    """One angry customer: a few posts in a morning, a reply or two, no chain (S5)."""

    lang: str = "es"
    channel: Channel = Channel.TWITTER

    def roots(self, sim: Simulation) -> list[Draft]:
        author = sim.population.fresh("customer", self.lang)
        author.profile.followers = min(author.profile.followers or 0, 400)
        kinds = [("complaint_strong", 0), ("complaint_strong", 35), ("complaint_light", 130)]
        drafts = [
            sim.draft(
                self.onset + timedelta(minutes=m), author, self.channel, kind, episode=self.name
            )
            for kind, m in kinds
        ]
        self.truth = {
            "name": self.name,
            "type": "isolated_complaint",
            "crisis": False,
            "onset": self.onset.isoformat(),
            "end": (self.onset + timedelta(hours=3)).isoformat(),
            "origin_channel": self.channel.value,
            "origin_author": author.profile.handle,
            "spreaders": [],
            "max_severity": "isolated",
        }
        return drafts


@dataclass
class Outbreak(Episode):
    """Customers fall ill after eating at the brand (the seeds' "several diners got sick").

    It starts on a forum where the brand has no presence, more and more customers join
    on review sites and social networks, an influencer spreads it, the press picks it up,
    then it fades.  ``peak`` is the joiners per hour at the worst moment.
    """

    lang: str = "es"
    peak: float = 60.0
    rise_hours: float = 7.0
    decay_hours: float = 8.0
    duration: timedelta = timedelta(hours=36)
    amplify_after: timedelta = timedelta(hours=2, minutes=30)
    news_after: timedelta = timedelta(hours=4)
    origin_channel: Channel = Channel.FORUM

    REACTIONS = [
        ("health_joinin", 0.25),
        ("reply_agree", 0.25),
        ("boycott", 0.1),
        ("insult", 0.06),
        ("reply_support", 0.2),
        ("reply_defend", 0.14),
    ]
    JOINERS = [
        ("health_joinin", 0.5),
        ("boycott", 0.12),
        ("complaint_strong", 0.1),
        ("quote_comment", 0.1),
        ("insult", 0.05),
        ("sarcasm", 0.03),
        ("reply_defend", 0.1),
    ]

    def intensity(self, hours: float) -> float:
        """Joiners per hour, ``hours`` after onset: a fast rise, then a slow decay."""
        if hours < 0 or hours > self.duration.total_seconds() / 3600:
            return 0.0
        if hours < self.rise_hours:
            return self.peak * math.exp(
                -((hours - self.rise_hours) ** 2) / (2 * (self.rise_hours / 2.5) ** 2)
            )
        return self.peak * math.exp(-(hours - self.rise_hours) / self.decay_hours)

    def roots(self, sim: Simulation) -> list[Draft]:
        from oteo.sim.stream import _choose

        rng = sim.rng
        spread = dict(episode=self.name)
        origin_author = sim.population.fresh("customer", self.lang)
        origin = sim.draft(
            self.onset, origin_author, self.origin_channel, "health_origin", boost=2.0, **spread
        )
        drafts = [origin]
        influencer = sim.population.pick("influencer", self.lang)
        drafts.append(
            sim.draft(
                self.onset + self.amplify_after,
                influencer,
                Channel.TWITTER,
                "health_amplify",
                boost=1.5,
                **spread,
            )
        )
        outlet = sim.population.pick("news_outlet", self.lang)
        drafts.append(
            sim.draft(
                self.onset + self.news_after,
                outlet,
                Channel.NEWS,
                "health_news",
                boost=1.0,
                **spread,
            )
        )
        journalist = sim.population.pick("journalist", self.lang)
        drafts.append(
            sim.draft(
                self.onset + self.news_after + timedelta(minutes=40),
                journalist,
                Channel.TWITTER,
                "health_news",
                boost=1.2,
                **spread,
            )
        )
        # joiners: an inhomogeneous Poisson process by thinning
        hours = self.duration.total_seconds() / 3600
        t = 0.0
        while True:
            t += rng.expovariate(self.peak)
            if t > hours:
                break
            if rng.random() * self.peak > self.intensity(t):
                continue
            created = self.onset + timedelta(hours=t)
            channels = EARLY if created < self.onset + self.amplify_after else SOCIAL
            channel = _choose(rng, channels)
            author = sim.population.fresh("customer", self.lang if rng.random() < 0.9 else None)
            drafts.append(sim.draft(created, author, channel, _choose(rng, self.JOINERS), **spread))
        for d in drafts:
            d.reactions = self.REACTIONS
        curve = [
            {"hours": h, "joiners_per_hour": round(self.intensity(h), 2)}
            for h in range(0, int(hours) + 1)
        ]
        self.truth = {
            "name": self.name,
            "type": "health",
            "crisis": True,
            "onset": self.onset.isoformat(),
            "end": (self.onset + self.duration).isoformat(),
            "origin_channel": self.origin_channel.value,
            "origin_author": origin_author.profile.handle,
            "spreaders": [
                influencer.profile.handle,
                outlet.profile.handle,
                journalist.profile.handle,
            ],
            "max_severity": "crisis",
            "intensity": curve,
        }
        return drafts


def demo_episodes(start: datetime, days: int = 7) -> list[Episode]:
    """The demo's story: an isolated complaint on day 3, an outbreak on the evening
    of the day before the last (``start`` in the brand's local time)."""
    day0 = start.replace(hour=0, minute=0, second=0, microsecond=0)
    return [
        IsolatedComplaint("angry_customer", day0 + timedelta(days=2, hours=13, minutes=10)),
        Outbreak("outbreak", day0 + timedelta(days=days - 2, hours=20, minutes=30)),
    ]
