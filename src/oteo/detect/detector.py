"""Streaming detection for one watch: buckets, signals, alerts, triage and the why.

The detector is fed mentions in order of reception (:meth:`WatchDetector.observe`) and
the passing of time (:meth:`WatchDetector.advance`); it closes fixed buckets, compares
what the last window holds with what the baseline expects at that hour of the week,
and decides.  It never looks ahead, touches no database, and its state is a small
JSON-able dict that survives a restart.

The main evidence is the number of *distinct people* posting negatively in the window
(S5: more and more users joining a complaint), scored as a Poisson tail against the
seasonal baseline; one angry person posting ten times is still one person.
"""

from __future__ import annotations

from collections import Counter, OrderedDict, deque
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from oteo.detect.baseline import SeasonalBaseline
from oteo.detect.stats import poisson_surprise, wilson_interval
from oteo.model import Alert, Mention, Relation, Severity, Signal
from oteo.understand.authors import affiliation
from oteo.understand.features import Embedder
from oteo.understand.topics import theme_words, themes

#: (score to raise an alert, score under which it calms down)
SENSITIVITY = {"low": (6.0, 2.0), "normal": (4.5, 1.5), "high": (3.0, 1.0)}
INFLUENCER_FOLLOWERS = 50_000
#: an author this likely to be a troll or a bot does not count as a person joining
SUSPECT = 0.7
#: share of the negative people that makes a window a bot flood, or a troll attack
DOMINANT = 0.5
#: distinct negative authors in a window that alert even before the baseline is warm
WARMUP_AUTHORS = 25
DISPERSION_RATE = 1.0 / 2016  # a week of 5-minute buckets
#: social-media counts are burstier than Poisson: start from twice its variance, worth a
#: day of evidence, then learn the watch's own
DISPERSION_PRIOR, DISPERSION_PRIOR_WEIGHT = 2.0, 288
MAX_WINDOW_OBSERVATIONS = 5_000
KNOWN_AUTHORS = 50_000


@dataclass(slots=True)
class DetectorSettings:
    bucket: timedelta = timedelta(minutes=5)
    window: timedelta = timedelta(hours=1)
    sensitivity: str = "normal"
    cooldown: timedelta = timedelta(hours=2)
    min_authors: int = 3
    timezone: str = "UTC"
    ignore_words: frozenset[str] = frozenset()  # the watch's own terms, not themes
    brand: str = ""  # to recognise insiders by their profiles
    competitors: tuple[str, ...] = ()
    # groups the window's posts into themes by meaning; without it, by shared words
    embedder: Embedder | None = None

    @property
    def thresholds(self) -> tuple[float, float]:
        return SENSITIVITY[self.sensitivity]


@dataclass(slots=True)
class Observation:
    """What the detector keeps of a mention: small, no full text."""

    mention_id: int
    at: datetime  # received
    created: datetime
    author: str
    handle: str
    followers: int
    channel: str
    negative: bool
    repost: bool
    harm: tuple[str, ...]
    snippet: str
    risk: float = 0.0  # troll/bot likelihood of the author
    coordinated: bool = False  # part of a coordinated cluster of near-identical posts
    tier: str = "none"
    bio: str = ""

    @classmethod
    def of(cls, m: Mention) -> Observation:
        author = m.author.handle if m.author else f"?{m.source}:{m.external_id}"
        return cls(
            mention_id=m.id or 0,
            at=m.received_at or m.created_at,
            created=m.created_at,
            author=(m.author.external_id or author) if m.author else author,
            handle=author,
            followers=m.reach,
            channel=m.channel.value,
            negative=bool(m.analysis and m.analysis.negative),
            repost=m.relation is Relation.REPOST,
            harm=m.analysis.harm if m.analysis else (),
            snippet=m.text[:280],
            risk=m.author_risk.likelihood if m.author_risk else 0.0,
            coordinated=m.cluster is not None,
            tier=m.author_risk.tier if m.author_risk else "none",
            bio=(m.author.bio or "")[:200] if m.author else "",
        )


@dataclass(slots=True)
class _Bucket:
    start: datetime
    volume: int = 0
    negative: int = 0
    negative_authors: set[str] = field(default_factory=set)
    suspect_authors: set[str] = field(default_factory=set)  # likely trolls or bots
    coordinated_authors: set[str] = field(default_factory=set)
    harm_authors: set[str] = field(default_factory=set)
    channels: set[str] = field(default_factory=set)  # of negative posts
    by_channel: dict[str, list[int]] = field(default_factory=dict)  # [posts, negative]
    reach: dict[str, int] = field(default_factory=dict)
    new_authors: int = 0
    expected_authors: float = 0.0
    expected_volume: float = 0.0
    expected_suspects: float = 0.0
    suspect_posts: int = 0
    observations: list[Observation] = field(default_factory=list)

    def summary(self) -> dict[str, Any]:
        return {
            "start": self.start.isoformat(),
            "volume": self.volume,
            "negative": self.negative,
            "negative_authors": sorted(self.negative_authors),
            "suspect_authors": sorted(self.suspect_authors),
            "coordinated_authors": sorted(self.coordinated_authors),
            "harm_authors": sorted(self.harm_authors),
            "channels": sorted(self.channels),
            "by_channel": self.by_channel,
            "reach": self.reach,
            "expected_authors": self.expected_authors,
            "expected_volume": self.expected_volume,
            "expected_suspects": self.expected_suspects,
            "suspect_posts": self.suspect_posts,
        }

    @classmethod
    def from_summary(cls, data: dict[str, Any]) -> _Bucket:
        return cls(
            start=datetime.fromisoformat(data["start"]),
            volume=data["volume"],
            negative=data["negative"],
            negative_authors=set(data["negative_authors"]),
            suspect_authors=set(data["suspect_authors"]),
            coordinated_authors=set(data["coordinated_authors"]),
            harm_authors=set(data["harm_authors"]),
            channels=set(data["channels"]),
            by_channel={k: list(v) for k, v in data.get("by_channel", {}).items()},
            reach=dict(data["reach"]),
            expected_authors=data["expected_authors"],
            expected_volume=data["expected_volume"],
            expected_suspects=data.get("expected_suspects", 0.0),
            suspect_posts=data.get("suspect_posts", 0),
        )


@dataclass(slots=True)
class BucketResult:
    signal: Signal
    alert: Alert | None = None
    ended: bool = False


class WatchDetector:
    """Detects crises on one watch.  Feed it with :meth:`observe` and :meth:`advance`."""

    def __init__(
        self,
        watch: str,
        settings: DetectorSettings | None = None,
        state: dict[str, Any] | None = None,
    ) -> None:
        self.watch = watch
        self.settings = settings or DetectorSettings()
        self.tz = ZoneInfo(self.settings.timezone)
        self.bucket_seconds = int(self.settings.bucket.total_seconds())
        per_hour = max(1, round(3600 / self.bucket_seconds))
        self.window_buckets = max(
            1, round(self.settings.window.total_seconds() / self.bucket_seconds)
        )
        self.warmup_buckets = 24 * per_hour  # one day
        self.volume = SeasonalBaseline(buckets_per_hour=per_hour)
        self.authors = SeasonalBaseline(buckets_per_hour=per_hour)
        # negative posts by likely trolls or bots, or in coordinated clusters: their own
        # baseline, so an attack shows even when the public stays calm
        self.suspects = SeasonalBaseline(buckets_per_hour=per_hour)
        self.window: deque[_Bucket] = deque(maxlen=self.window_buckets)
        self.current: _Bucket | None = None
        self.active = False
        self.level = Severity.NONE
        self.category = ""
        self.last_hot: datetime | None = None
        self.episode_start: datetime | None = None
        self.previous_authors = 0
        self.dispersion = DISPERSION_PRIOR
        self.dispersion_n = 0
        self.known: OrderedDict[str, None] = OrderedDict()
        self._ready: list[BucketResult] = []
        if state:
            self._restore(state)

    # ------------------------------------------------------------------ feeding

    def observe(self, obs: Observation) -> None:
        start = self._bucket_start(obs.at)
        if self.current is None:
            self.current = _Bucket(start)
        elif start > self.current.start:
            self._close_until(start)
            self.current = _Bucket(start)
        b = self.current
        b.volume += 1
        counts = b.by_channel.setdefault(obs.channel, [0, 0])
        counts[0] += 1
        counts[1] += obs.negative
        if obs.author not in self.known:
            if obs.negative:
                b.new_authors += 1
            self.known[obs.author] = None
            if len(self.known) > KNOWN_AUTHORS:
                self.known.popitem(last=False)
        else:
            self.known.move_to_end(obs.author)
        if obs.negative:
            b.negative += 1
            b.negative_authors.add(obs.author)
            if obs.coordinated:
                b.coordinated_authors.add(obs.author)
                b.suspect_posts += 1
            elif obs.risk >= SUSPECT:
                b.suspect_authors.add(obs.author)
                b.suspect_posts += 1
            b.channels.add(obs.channel)
            b.reach[obs.author] = max(obs.followers, b.reach.get(obs.author, 0))
            if obs.harm:
                b.harm_authors.add(obs.author)
            if len(b.observations) < MAX_WINDOW_OBSERVATIONS // self.window_buckets:
                b.observations.append(obs)

    def advance(self, now: datetime) -> list[BucketResult]:
        """Close every bucket that ended by ``now``; return what they concluded."""
        if self.current is not None:
            self._close_until(self._bucket_start(now))
        ready, self._ready = self._ready, []
        return ready

    # ------------------------------------------------------------------ closing

    def _bucket_start(self, at: datetime) -> datetime:
        epoch = int(at.timestamp())
        return datetime.fromtimestamp(epoch - epoch % self.bucket_seconds, UTC)

    def _close_until(self, start: datetime) -> None:
        """Close the current bucket and the empty ones up to (not including) ``start``."""
        step = timedelta(seconds=self.bucket_seconds)
        b = self.current
        gaps = 0
        while b is not None and b.start < start:
            self._ready.append(self._close(b))
            nxt = b.start + step
            gaps += 1
            # after a long silence, jump ahead instead of closing every empty bucket
            if gaps > 2016 and nxt < start:
                nxt = start - step
            b = _Bucket(nxt) if nxt < start else None
        self.current = b if b is not None else None
        if self.current is None:
            self.current = _Bucket(start)

    def _close(self, b: _Bucket) -> BucketResult:
        local = b.start.astimezone(self.tz)
        hour, weekday = local.hour, local.weekday()
        b.expected_authors = self.authors.expected(hour, weekday)
        b.expected_volume = self.volume.expected(hour, weekday)
        b.expected_suspects = self.suspects.expected(hour, weekday)
        self.window.append(b)
        n_authors = len(set().union(*(w.negative_authors for w in self.window)))
        expected = max(sum(w.expected_authors for w in self.window), 0.5)
        # quasi-Poisson: cascades make real counts burstier than Poisson by ``dispersion``,
        # and a young baseline is itself uncertain (one day of history doubles the variance)
        days = self.authors.updates / (24.0 * self.volume.buckets_per_hour)
        spread = self.dispersion * (1.0 + 1.0 / max(days, 1.0))
        score = poisson_surprise(n_authors / spread, expected / spread)
        on, off = self.settings.thresholds
        warm = self.authors.updates >= self.warmup_buckets
        # during an alert learn ten times slower: the crisis must not become the norm
        weight = 0.1 if self.active and warm else 1.0
        if warm and not self.active and len(self.window) == self.window_buckets:
            pearson = min((n_authors - expected) ** 2 / expected, 25.0)
            self.dispersion_n += 1
            rate = max(DISPERSION_RATE, 1.0 / (self.dispersion_n + DISPERSION_PRIOR_WEIGHT))
            self.dispersion = min(
                max(self.dispersion + rate * (pearson - self.dispersion), 1.0), 10.0
            )
        self.authors.update(len(b.negative_authors), hour, weekday, weight)
        self.volume.update(b.volume, hour, weekday, weight)
        self.suspects.update(len(b.suspect_authors | b.coordinated_authors), hour, weekday, weight)
        end = b.start + timedelta(seconds=self.bucket_seconds)
        signal = Signal(
            watch=self.watch,
            start=b.start,
            end=end,
            volume=b.volume,
            negative=b.negative,
            negative_authors=len(b.negative_authors),
            new_authors=b.new_authors,
            expected=b.expected_volume,
            expected_negative=b.expected_authors,
            score=round(score, 3),
            reach_negative=sum(b.reach.values()),
            channels=len(b.channels),
            by_channel={k: (v[0], v[1]) for k, v in b.by_channel.items()},
        )
        result = BucketResult(signal)
        # people who join a complaint count; coordinated clusters and likely trolls or
        # bots are set apart (a bot flood is labelled as such, not taken for a backlash)
        coordinated = self._window_union("coordinated_authors")
        suspects = self._window_union("suspect_authors") - coordinated
        genuine = n_authors - len(coordinated) - len(suspects)
        genuine_score = poisson_surprise(genuine / spread, expected / spread)
        least = self.settings.min_authors if warm else WARMUP_AUTHORS  # a young watch: only a crowd
        hot_people = genuine_score >= on and genuine >= least
        hot_any = score >= on and n_authors >= least
        # an attack: many negative posts from accounts that are likely trolls or bots, or
        # post in clusters (their posts, not the people, since a few accounts do it all)
        suspect_posts = sum(w.suspect_posts for w in self.window)
        expected_suspects = max(sum(w.expected_suspects for w in self.window), 0.5)
        suspect_score = poisson_surprise(suspect_posts / spread, expected_suspects / spread)
        hot_suspects = (
            warm
            and suspect_score >= on
            and len(coordinated) + len(suspects) >= 2 * self.settings.min_authors
        )
        composition = {
            "people": n_authors,
            "genuine": genuine,
            "coordinated": len(coordinated),
            "suspect": len(suspects),
        }
        category = self._category(hot_people, n_authors, composition)
        severity = Severity.NONE
        if hot_people:
            severity = self._triage(genuine, expected)
        elif hot_any or hot_suspects:
            if category == "backlash":  # the crowd that moved is not the public
                category = "bot_flood" if len(coordinated) > len(suspects) else "attack"
            severity = Severity.ISOLATED if category == "bot_flood" else Severity.LIGHT
        if not self.active:
            if severity is not Severity.NONE:
                self.active = True
                self.episode_start = b.start
                self.level = severity
                self.category = category
                self.last_hot = end
                result.alert = self._alert(
                    end, score, n_authors, expected, composition, escalation=False
                )
        else:
            if score >= off:
                self.last_hot = end
            if severity > self.level:
                self.level = severity
                self.category = category
                result.alert = self._alert(
                    end, score, n_authors, expected, composition, escalation=True
                )
            elif self.last_hot is not None and end - self.last_hot >= self.settings.cooldown:
                self.active = False
                self.level = Severity.NONE
                self.category = ""
                self.episode_start = None
                result.ended = True
        self.previous_authors = (
            n_authors if len(self.window) == self.window_buckets else self.previous_authors
        )
        return result

    # ------------------------------------------------------------------ triage and the why

    @staticmethod
    def _category(hot_people: bool, people: int, composition: dict[str, int]) -> str:
        """Who is behind it: a coordinated cluster, trolls, or the public."""
        if people and composition["coordinated"] / people >= DOMINANT and not hot_people:
            return "bot_flood"
        if people and composition["suspect"] / people >= DOMINANT:
            return "attack"
        return "backlash"

    def _window_union(self, attr: str) -> set[str]:
        out: set[str] = set()
        for w in self.window:
            out |= getattr(w, attr)
        return out

    def _triage(self, n_authors: int, expected: float) -> Severity:
        """The seeds' categories (S6) from how many more people than usual complain,
        whether they speak of harm (S4: several diners got sick) and who is involved."""
        excess = n_authors - expected
        harm = len(self._window_union("harm_authors"))
        reach = self._window_reach()
        influencer = any(f >= INFLUENCER_FOLLOWERS for f in reach.values())
        if excess >= 30 or (harm >= 8 and excess >= 12):
            return Severity.CRISIS
        if excess >= 10 or (harm >= 3 and excess >= 5) or (influencer and excess >= 5):
            return Severity.STRONG
        return Severity.LIGHT

    def _window_reach(self) -> dict[str, int]:
        reach: dict[str, int] = {}
        for w in self.window:
            for author, f in w.reach.items():
                reach[author] = max(f, reach.get(author, 0))
        return reach

    def _alert(
        self,
        at: datetime,
        score: float,
        n_authors: int,
        expected: float,
        composition: dict[str, int],
        escalation: bool,
    ) -> Alert:
        observations = [o for w in self.window for o in w.observations]
        originals = [o for o in observations if not o.repost] or observations
        ignore = self.settings.ignore_words
        found = themes([o.snippet for o in originals], self.settings.embedder, ignore=ignore)
        first = _first_post(originals, set(found[0].terms) if found else set(), ignore)
        reach = self._window_reach()
        posts_by = Counter(o.author for o in observations)
        latest = {o.author: o for o in observations}
        key_authors = [
            {
                "handle": latest[a].handle,
                "followers": reach.get(a, 0),
                "posts": posts_by[a],
                "tier": latest[a].tier,
                "risk": round(latest[a].risk, 2),
                "coordinated": latest[a].coordinated,
            }
            for a in sorted(latest, key=lambda a: -reach.get(a, 0))[:5]
        ]
        origin = self._origin(first)
        channels: dict[str, dict[str, Any]] = {}
        for o in sorted(observations, key=lambda o: o.created):
            entry = channels.setdefault(o.channel, {"count": 0, "first": o.created.isoformat()})
            entry["count"] += 1
        volume = sum(w.volume for w in self.window)
        negative = sum(w.negative for w in self.window)
        expected_volume = sum(w.expected_volume for w in self.window)
        low, high = wilson_interval(negative, volume)
        harm = Counter(h for o in observations for h in o.harm)
        hours = max(len(self.window) * self.bucket_seconds / 3600, 1e-9)
        why = {
            "signals": {
                "negative_authors": {"observed": n_authors, "expected": round(expected, 2)},
                "volume": {"observed": volume, "expected": round(expected_volume, 2)},
                "negative_share": {
                    "value": round(negative / volume, 3) if volume else 0.0,
                    "low": round(low, 3),
                    "high": round(high, 3),
                },
                "reach": sum(reach.values()),
                "channels": len(channels),
                "harm": dict(harm),
                "score": round(score, 2),
                "composition": composition,
            },
            "first_post": None
            if first is None
            else {
                "mention_id": first.mention_id,
                "text": first.snippet,
                "channel": first.channel,
                "author": first.handle,
                "followers": first.followers,
                "created_at": first.created.isoformat(),
            },
            "key_authors": key_authors,
            "channels": channels,
            "themes": [f.label for f in found],
            "speed": {
                "authors_per_hour": round(n_authors / hours, 1),
                "growth": round(n_authors / max(self.previous_authors, 1), 2),
            },
        }
        return Alert(
            watch=self.watch,
            at=at,
            severity=self.level,
            score=round(score, 2),
            category=self.category if self.category in ("bot_flood", "attack") else self.level.key,
            origin=origin,
            why=why,
            mention_ids=[o.mention_id for o in observations if o.mention_id][:200],
        )

    def _origin(self, first: Observation | None) -> str:
        """Who started it: a bot cluster, trolls, an insider, a competitor, an
        influencer or a customer."""
        crowd = {"bot_flood": "bot_cluster", "attack": "troll"}.get(self.category)
        if first is None:
            return crowd or "customer"
        s = self.settings
        side = affiliation(first.bio, first.handle, s.brand, s.competitors)
        if side is not None:
            return side
        if crowd is not None:
            return crowd
        return "influencer" if first.followers >= INFLUENCER_FOLLOWERS else "customer"

    # ------------------------------------------------------------------ state

    def state(self) -> dict[str, Any]:
        return {
            "version": 1,
            "volume": self.volume.state(),
            "authors": self.authors.state(),
            "suspects": self.suspects.state(),
            "window": [w.summary() for w in self.window],
            "current": self.current.summary() if self.current else None,
            "active": self.active,
            "level": int(self.level),
            "category": self.category,
            "last_hot": self.last_hot.isoformat() if self.last_hot else None,
            "episode_start": self.episode_start.isoformat() if self.episode_start else None,
            "previous_authors": self.previous_authors,
            "dispersion": self.dispersion,
            "dispersion_n": self.dispersion_n,
        }

    def _restore(self, state: dict[str, Any]) -> None:
        per_hour = self.volume.buckets_per_hour
        self.volume = SeasonalBaseline.from_state(state["volume"], per_hour)
        self.authors = SeasonalBaseline.from_state(state["authors"], per_hour)
        if "suspects" in state:
            self.suspects = SeasonalBaseline.from_state(state["suspects"], per_hour)
        self.window.extend(_Bucket.from_summary(w) for w in state["window"])
        if state.get("current"):
            self.current = _Bucket.from_summary(state["current"])
        self.active = state["active"]
        self.level = Severity(state["level"])
        self.category = state["category"]
        self.last_hot = datetime.fromisoformat(state["last_hot"]) if state["last_hot"] else None
        self.episode_start = (
            datetime.fromisoformat(state["episode_start"]) if state["episode_start"] else None
        )
        self.previous_authors = state["previous_authors"]
        self.dispersion = state["dispersion"]
        self.dispersion_n = state["dispersion_n"]


def _first_post(
    observations: list[Observation], terms: set[str], ignore: frozenset[str]
) -> Observation | None:
    """The earliest post about what drives the episode: when people speak of harm
    (illness, injury, fraud, lawsuits), the earliest of those; else the earliest that
    shares its top themes."""
    if not observations:
        return None
    related = [o for o in observations if o.harm]
    if len(related) < 3:
        related = [
            o for o in observations if terms and terms.intersection(theme_words(o.snippet, ignore))
        ]
    return min(related or observations, key=lambda o: o.created)
