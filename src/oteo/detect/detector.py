"""Streaming detection for one watch: buckets, signals, alerts, triage and the why.

The detector is fed mentions in order of reception (:meth:`WatchDetector.observe`) and
the passing of time (:meth:`WatchDetector.advance`); it closes fixed buckets, compares
what the last window holds with what the baseline expects at that hour of the week,
and decides.  It never looks ahead, touches no database, and its state is a small
JSON-able dict that survives a restart.

The main evidence is the number of *distinct people* posting negatively in the window
(S5: more and more users joining a complaint), scored as a Poisson tail against the
seasonal baseline; one angry person posting ten times is still one person.  Beside it,
the words those people use (:mod:`oteo.detect.terms`): many people suddenly upset about
the same thing show before the crowd as a whole is unusual.
"""

from __future__ import annotations

import math
from collections import Counter, deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from oteo.detect.baseline import SeasonalBaseline
from oteo.detect.stats import poisson_surprise, wilson_interval
from oteo.detect.terms import WordRates
from oteo.model import Alert, Channel, Mention, Relation, Severity, Signal
from oteo.recent import Recent
from oteo.text import fold, handle_key, reposted_text
from oteo.understand.authors import SUSPECT, TIERS, affiliation
from oteo.understand.features import Embedder
from oteo.understand.lexicon import COMPLAINT_CUES, MOBILISE, OWN_POST_TALK
from oteo.understand.topics import Theme, label, spell, theme_words, themes

#: (score to raise an alert, score under which it calms down)
SENSITIVITY = {"low": (6.0, 2.0), "normal": (4.0, 1.5), "high": (3.0, 1.0)}
#: an influencer's audience: from the mid tier (10,000 followers), the author tiers oteo
#: shows; "if an influencer started it, contact them fast" (S9)
INFLUENCER_FOLLOWERS = next(limit for limit, name in TIERS if name == "mid")
#: where a story's first post is the press's whatever its author's followers: a news
#: site or a blog is read by an audience no follower count shows (feeds give none)
PRESS = frozenset({Channel.NEWS.value, Channel.BLOG.value})
#: share of the negative people that makes a window a bot flood, or a troll attack
DOMINANT = 0.5
#: distinct negative authors in a window that alert even before the baseline is warm
WARMUP_AUTHORS = 25
DISPERSION_RATE = 1.0 / 2016  # a week of 5-minute buckets
#: social-media counts are burstier than Poisson: start from twice its variance, worth a
#: day of evidence, then learn the watch's own
DISPERSION_PRIOR, DISPERSION_PRIOR_WEIGHT = 2.0, 288
MAX_WINDOW_OBSERVATIONS = 5_000
MAX_INCIDENT_MENTIONS = 200  # the window's posts an alert hands to its incident
KNOWN_AUTHORS = 50_000
#: the other time scales people are counted on, as multiples of the main window: a
#: quarter (a fast wave shows in 15 minutes) and four times (a slow one over hours).
#: Each extra look costs a little surprise, to keep chance from alerting more often.
SCALES = ((0.25, 0.5), (1.0, 0.0), (4.0, 0.5))
#: what people may be talking about that ordinary chatter rarely holds, each counted
#: against its own baseline: harm (illness, injury, fraud, lawsuits: S4), in any tone,
#: even in questions about a rumour or denials of it.  (Insults were tried as a second
#: kind: on the simulator they added false alerts and found nothing the suspects'
#: baseline does not.)
TALK = ("harm",)
#: the surprise a young topic's combined evidence (its word's and its people's) pays
TOPIC_COST = 2.0
#: a silence this long among a story's posts: what came before was another story
STORY_GAP = timedelta(minutes=45)
#: people reacting to one post (answering, quoting, reposting it) that make it the spark
SPARK_PEOPLE = 5
#: the people speaking of a post of the brand's own that make it where a story began
OWN_POST_PEOPLE = 3
#: who starts an illegitimate attack (S19: a factual denial, not an apology, answers it)
ILLEGITIMATE = frozenset({"troll", "competitor"})


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
    #: the brand's own handles (:func:`oteo.text.handle_key`): its posts are held for the
    #: why, so that a story it set off (a post gone wrong) names it, but never counted
    #: as people complaining
    accounts: frozenset[str] = frozenset()
    # groups the window's posts into themes by meaning; without it, by shared words
    embedder: Embedder | None = None

    @property
    def thresholds(self) -> tuple[float, float]:
        return SENSITIVITY[self.sensitivity]

    def own(self, obs: Observation) -> bool:
        """Whether one of the brand's own accounts wrote ``obs``."""
        return handle_key(obs.handle) in self.accounts


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
    reasons: tuple[tuple[str, dict[str, Any]], ...] = ()  # why the author may be a troll or bot
    reply: bool = False  # answers another post (one who starts a story answers nobody)
    post: str = ""  # "source:id" of the post, and of the post it answers, quotes or reposts
    parent: str | None = None
    attack: bool = False  # an insult, a threat or hate, by oteo's reading

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
            reasons=tuple(m.author_risk.reasons) if m.author_risk else (),
            reply=m.relation is Relation.REPLY,
            post=post_key(m.source, m.external_id) or "",
            parent=post_key(m.source, m.parent_external_id),
            attack=bool(m.analysis and m.analysis.offensive_kind),
        )


@dataclass(slots=True)
class _Bucket:
    start: datetime
    volume: int = 0
    negative: int = 0
    negative_authors: set[str] = field(default_factory=set)
    suspect_authors: set[str] = field(default_factory=set)  # likely trolls or bots
    coordinated_authors: set[str] = field(default_factory=set)
    # authors talking of each of TALK (harm: genuine people only, in any tone)
    talk: dict[str, set[str]] = field(default_factory=lambda: {k: set() for k in TALK})
    channels: set[str] = field(default_factory=set)  # of negative posts
    by_channel: dict[str, list[int]] = field(default_factory=dict)  # [posts, negative]
    reach: dict[str, int] = field(default_factory=dict)
    new_authors: int = 0
    expected_authors: float = 0.0
    expected_volume: float = 0.0
    expected_suspects: float = 0.0
    expected_talk: dict[str, float] = field(default_factory=dict)
    suspect_posts: int = 0
    #: who posted what counts towards an attack (see :meth:`WatchDetector.observe`)
    suspects_posting: set[str] = field(default_factory=set)
    # the genuine negative people who used each word that says what a post is about
    words: dict[str, set[str]] = field(default_factory=dict)
    observations: list[Observation] = field(default_factory=list)

    def summary(self) -> dict[str, Any]:
        return {
            "start": self.start.isoformat(),
            "volume": self.volume,
            "negative": self.negative,
            "negative_authors": sorted(self.negative_authors),
            "suspect_authors": sorted(self.suspect_authors),
            "coordinated_authors": sorted(self.coordinated_authors),
            "talk": {k: sorted(v) for k, v in self.talk.items()},
            "channels": sorted(self.channels),
            "by_channel": self.by_channel,
            "reach": self.reach,
            "expected_authors": self.expected_authors,
            "expected_volume": self.expected_volume,
            "expected_suspects": self.expected_suspects,
            "expected_talk": self.expected_talk,
            "suspect_posts": self.suspect_posts,
            "suspects_posting": sorted(self.suspects_posting),
            "words": {w: sorted(a) for w, a in self.words.items()},
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
            talk={k: set(data.get("talk", {}).get(k, ())) for k in TALK},
            channels=set(data["channels"]),
            by_channel={k: list(v) for k, v in data.get("by_channel", {}).items()},
            reach=dict(data["reach"]),
            expected_authors=data["expected_authors"],
            expected_volume=data["expected_volume"],
            expected_suspects=data.get("expected_suspects", 0.0),
            expected_talk=dict(data.get("expected_talk", {})),
            suspect_posts=data.get("suspect_posts", 0),
            suspects_posting=set(data.get("suspects_posting", ())),
            words={w: set(a) for w, a in data.get("words", {}).items()},
        )


@dataclass(slots=True)
class _Evidence:
    """Negative people over one time scale, against what the baseline expects."""

    buckets: int
    penalty: float  # the surprise this scale's extra look costs
    people: int
    genuine: int
    coordinated: int
    suspects: int
    expected: float
    score: float = 0.0  # every negative person, less the penalty
    genuine_score: float = 0.0  # without likely trolls, bots and coordinated clusters

    def crowd(self, public: bool) -> str:
        """Who is behind it: a coordinated cluster, trolls, or the public (when the
        genuine people alone moved, a cluster among them does not make it a bot flood)."""
        if self.people and self.coordinated / self.people >= DOMINANT and not public:
            return "bot_flood"
        if self.people and self.suspects / self.people >= DOMINANT:
            return "attack"
        return "backlash"

    def weigh(self, spread: float) -> None:
        expected = self.expected / spread
        self.score = poisson_surprise(self.people / spread, expected) - self.penalty
        self.genuine_score = poisson_surprise(self.genuine / spread, expected) - self.penalty


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
        # posts a bucket keeps for the why
        self._per_bucket = MAX_WINDOW_OBSERVATIONS // self.window_buckets
        self.volume = SeasonalBaseline(buckets_per_hour=per_hour)
        self.authors = SeasonalBaseline(buckets_per_hour=per_hour)
        # negative posts by likely trolls or bots, or in coordinated clusters: their own
        # baseline, so an attack shows even when the public stays calm
        self.suspects = SeasonalBaseline(buckets_per_hour=per_hour)
        # people talking of harm: rare in ordinary chatter, so a few of them together
        # already say something
        self.talk = {k: SeasonalBaseline(buckets_per_hour=per_hour) for k in TALK}
        # how many people usually use each word that says what a post is about
        self.words = WordRates()
        #: (buckets, surprise it costs) for each time scale people are counted on
        self.scales = [
            (max(1, round(self.window_buckets * factor)), penalty) for factor, penalty in SCALES
        ]
        self.recent: deque[_Bucket] = deque(maxlen=max(n for n, _ in self.scales))
        #: for each post the buckets of ``recent`` hold ("source:id"), who answered,
        #: quoted or reposted it, whatever their tone (None: nobody yet): an outraged
        #: answer often reads as neutral ("Qué fuerte esto!!"), a repost copies the tone
        #: of what it reposts
        self.reacting: dict[str, set[str] | None] = {}
        self.current: _Bucket | None = None
        self.active = False
        self.level = Severity.NONE
        self.category = ""
        self.last_hot: datetime | None = None
        self.episode_start: datetime | None = None
        self.previous_authors = 0
        # one per time scale (counts over an hour are burstier than over 15 minutes),
        # then one for each kind of talk
        self.dispersion = [DISPERSION_PRIOR] * (len(self.scales) + len(TALK))
        self.dispersion_n = 0
        self.known: Recent[str, None] = Recent(KNOWN_AUTHORS)
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
        if self.settings.own(obs):
            self._follow(b, obs, own=True)
            return
        counts[1] += obs.negative
        if obs.negative and obs.author not in self.known:
            b.new_authors += 1
        self.known.put(obs.author, None)
        if obs.harm and not obs.coordinated and obs.risk < SUSPECT:  # people, not a cluster
            b.talk["harm"].add(obs.author)
        if (obs.coordinated and obs.negative) or (obs.risk >= SUSPECT and not obs.coordinated):
            # an attack: likely trolls or bots posting whatever the tone (a jeer often
            # reads as neutral, and in calm hours such accounts seldom speak of the
            # brand at all), and coordinated clusters when negative (a cheerful one is a
            # campaign or a giveaway)
            b.suspect_posts += 1
            b.suspects_posting.add(obs.author)
        if obs.negative:
            b.negative += 1
            b.negative_authors.add(obs.author)
            if obs.coordinated:
                b.coordinated_authors.add(obs.author)
            elif obs.risk >= SUSPECT:
                b.suspect_authors.add(obs.author)
            else:
                for word in set(theme_words(obs.snippet, self.settings.ignore_words)):
                    b.words.setdefault(word, set()).add(obs.author)
            b.channels.add(obs.channel)
            b.reach[obs.author] = max(obs.followers, b.reach.get(obs.author, 0))
        self._follow(b, obs, own=False)

    def _buckets(self) -> list[_Bucket]:
        """Every bucket the detector holds, oldest first, the open one last."""
        return [*self.recent, *([self.current] if self.current is not None else [])]

    @property
    def held_span(self) -> tuple[datetime, datetime] | None:
        """From the start of the oldest bucket the detector holds to the end of its
        newest (None: it holds none)."""
        buckets = self._buckets()
        if not buckets:
            return None
        return buckets[0].start, buckets[-1].start + timedelta(seconds=self.bucket_seconds)

    def hold_again(self, posts: Iterable[Observation]) -> int:
        """After a restart: the posts its buckets held, read back from the store in order
        of reception.  The saved state keeps the buckets' counts but not their posts, and
        without them an alert's why (first post, themes, key authors) would know only
        what came after the restart.  Nothing is counted again; returns how many posts it
        holds."""
        buckets = {b.start: b for b in self._buckets()}
        held = 0
        for obs in posts:
            b = buckets.get(self._bucket_start(obs.at))
            if b is not None:
                held += self._follow(b, obs, self.settings.own(obs))
        return held

    def _follow(self, b: _Bucket, obs: Observation, own: bool) -> bool:
        """Who reacts to which held post (the brand's own answers do not count), and the
        posts held for the why: the brand's own (possible starts), the negative ones and
        those speaking of harm.  True when it holds ``obs``."""
        if not own and obs.parent in self.reacting:
            people = self.reacting[obs.parent] or set()
            people.add(obs.author)
            self.reacting[obs.parent] = people
        return (own or obs.negative or bool(obs.harm)) and self._hold(b, obs)

    def _hold(self, b: _Bucket, obs: Observation) -> bool:
        """Keep a post for the why (each bucket up to its share of MAX_WINDOW_OBSERVATIONS)
        and count who reacts to it.  False when the bucket is full."""
        if len(b.observations) >= self._per_bucket:
            return False
        b.observations.append(obs)
        if obs.post:
            self.reacting.setdefault(obs.post, None)
        return True

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

    @property
    def window(self) -> list[_Bucket]:
        """The buckets of the main window (the last hour by default)."""
        return self._last(self.window_buckets)

    def _last(self, n: int) -> list[_Bucket]:
        return list(self.recent)[-n:]

    def _people(self, buckets: list[_Bucket], penalty: float) -> _Evidence:
        """The negative people of ``buckets`` and how many the baseline expects."""
        people = set().union(*(w.negative_authors for w in buckets))
        coordinated = set().union(*(w.coordinated_authors for w in buckets))
        suspects = set().union(*(w.suspect_authors for w in buckets)) - coordinated
        expected = max(sum(w.expected_authors for w in buckets), 0.5)
        genuine = len(people) - len(coordinated) - len(suspects)
        return _Evidence(
            len(buckets), penalty, len(people), genuine, len(coordinated), len(suspects), expected
        )

    def _close(self, b: _Bucket) -> BucketResult:
        local = b.start.astimezone(self.tz)
        hour, weekday = local.hour, local.weekday()
        b.expected_authors = self.authors.expected(hour, weekday)
        b.expected_volume = self.volume.expected(hour, weekday)
        b.expected_suspects = self.suspects.expected(hour, weekday)
        b.expected_talk = {k: base.expected(hour, weekday) for k, base in self.talk.items()}
        if len(self.recent) == self.recent.maxlen:  # its oldest bucket goes
            for o in self.recent[0].observations:
                self.reacting.pop(o.post, None)
        self.recent.append(b)
        if len(self.recent) > self.window_buckets:  # words count over the main window only
            self.recent[-self.window_buckets - 1].words = {}
        window = self.window
        full = len(window) == self.window_buckets
        on, off = self.settings.thresholds
        warm = self.authors.updates >= self.warmup_buckets
        least = self.settings.min_authors if warm else WARMUP_AUTHORS  # a young watch: only a crowd
        # the same people counted over each time scale: a fast wave shows first in the
        # short one, a slow one in the long one; each pays its extra look in surprise
        scales = [self._people(self._last(n), penalty) for n, penalty in self.scales]
        main = scales[[n for n, _ in self.scales].index(self.window_buckets)]
        # a young watch knows too little of its hours for more than the main window
        looks = scales if warm else [main]
        n_authors, expected = main.people, main.expected
        talk = {
            k: (
                len(set().union(*(w.talk[k] for w in window))),
                max(sum(w.expected_talk.get(k, 0.0) for w in window), 0.5),
            )
            for k in TALK
        }
        # quasi-Poisson: cascades make real counts burstier than Poisson by ``dispersion``,
        # a young baseline is itself uncertain (one day of history doubles the variance),
        # and an hour or weekday it has not seen may be off by a share of what it expects
        # (variance dispersion·μ + (doubt·μ)²: for a busy watch, the larger part)
        days = self.authors.updates / (24.0 * self.volume.buckets_per_hour)
        young = 1.0 + 1.0 / max(days, 1.0)
        doubt = self.authors.doubt(hour, weekday) ** 2
        for e, dispersion in zip(scales, self.dispersion, strict=False):
            e.weigh(dispersion * young + doubt * e.expected)
        talk_scores = {}
        for (k, (n, mean)), d in zip(talk.items(), self.dispersion[len(scales) :], strict=True):
            talk_spread = d * young + self.talk[k].doubt(hour, weekday) ** 2 * mean
            talk_scores[k] = poisson_surprise(n / talk_spread, mean / talk_spread)
        hot_talk = [k for k, (n, _) in talk.items() if warm and talk_scores[k] >= on and n >= least]
        spread = self.dispersion[scales.index(main)] * young
        score = max(e.score for e in looks)
        # many people upset about the same thing: a word far commoner than usual among
        # the window's people, while their number is up too.  The two are combined
        # (each must say something), and cost two more of surprise than one of them
        topics = self._topics(window) if warm else []
        raw_topic = topics[0][3] if topics else 0.0
        word_scale = self.words.scale()
        topic_score = raw_topic / word_scale
        hot_topics = topic_score >= off and score >= off and topic_score + score >= on + TOPIC_COST
        # people join with genuine, unsuspected accounts: the public is moving
        moved = [e for e in looks if e.genuine_score >= on and e.genuine >= least]
        hot_people = bool(moved)
        # during an alert learn ten times slower: the crisis must not become the norm
        weight = 0.1 if self.active and warm else 1.0
        if warm and not self.active and len(self.recent) == self.recent.maxlen:
            # how bursty each count is (each time scale, each kind of talk), outside
            # alerts.  (Learning only while every score is low was tried: it made the
            # detector keener, and a busy day then escalated on the simulator.)
            counts = [(e.people, e.expected) for e in scales] + list(talk.values())
            self.dispersion_n += 1
            rate = max(DISPERSION_RATE, 1.0 / (self.dispersion_n + DISPERSION_PRIOR_WEIGHT))
            for i, (observed, mean) in enumerate(counts):
                pearson = min((observed - mean) ** 2 / mean, 25.0)
                d = self.dispersion[i] + rate * (pearson - self.dispersion[i])
                self.dispersion[i] = min(max(d, 1.0), 10.0)
        self.authors.update(len(b.negative_authors), hour, weekday, weight)
        self.volume.update(b.volume, hour, weekday, weight)
        self.suspects.update(len(b.suspects_posting), hour, weekday, weight)
        for k, base in self.talk.items():
            base.update(len(b.talk[k]), hour, weekday, weight)
        self.words.update(
            {w: len(a) for w, a in b.words.items()}, len(set().union(*b.words.values())), weight
        )
        if warm and not self.active:
            self.words.learn_calm(raw_topic)
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
            score=round(max(score, *talk_scores.values()), 3),
            reach_negative=sum(b.reach.values()),
            channels=len(b.channels),
            by_channel={k: (v[0], v[1]) for k, v in b.by_channel.items()},
        )
        result = BucketResult(signal)
        # people who join a complaint count; coordinated clusters and likely trolls or
        # bots are set apart (a bot flood is labelled as such, not taken for a backlash)
        composition = {
            "people": n_authors,
            "genuine": main.genuine,
            "coordinated": main.coordinated,
            "suspect": main.suspects,
        }
        # an attack: many negative posts from accounts that are likely trolls or bots, or
        # post in clusters (their posts, not the people, since a few accounts do it all)
        suspect_posts = sum(w.suspect_posts for w in window)
        expected_suspects = max(sum(w.expected_suspects for w in window), 0.5)
        spread_suspects = spread + self.suspects.doubt(hour, weekday) ** 2 * expected_suspects
        suspect_score = poisson_surprise(
            suspect_posts / spread_suspects, expected_suspects / spread_suspects
        )
        hot_suspects = (
            warm
            and suspect_score >= on
            and len(set().union(*(w.suspects_posting for w in window)))
            >= 2 * self.settings.min_authors
        )
        # who is behind it, read on the time scale that moved most
        crowded = [e for e in looks if e.score >= on and e.people >= least]
        hottest = max(moved or crowded or [main], key=lambda e: e.score)
        category = hottest.crowd(public=hot_people)
        severity = Severity.NONE
        if hot_people:
            harm = talk["harm"][0]  # people speaking of harm in the window
            severity = max(self._triage(e.genuine, e.expected, harm) for e in moved)
        elif crowded or hot_talk or hot_topics or hot_suspects:
            if not (crowded or hot_talk or hot_topics) and category == "backlash":
                # only the suspects' own baseline moved: the crowd is not the public
                category = "bot_flood" if main.coordinated > main.suspects else "attack"
            severity = Severity.ISOLATED if category == "bot_flood" else Severity.LIGHT
        scale = max(looks, key=lambda e: e.score)
        evidence = {
            "score": score,
            "talk": {k: (n, mean, talk_scores[k]) for k, (n, mean) in talk.items()},
            "topics": [(w, n, mean, sc / word_scale) for w, n, mean, sc in topics[:3] if sc > 0],
            "window_minutes": scale.buckets * self.bucket_seconds // 60,
            "main_scale": scale is main,
            "scale_people": scale.people,
            "scale_expected": scale.expected,
        }
        if not self.active:
            if severity is not Severity.NONE:
                self.active = True
                self.episode_start = b.start
                self.level = severity
                self.category = category
                self.last_hot = end
                result.alert = self._alert(
                    end, evidence, n_authors, expected, composition, escalation=False
                )
        else:
            if max(score, *talk_scores.values()) >= off:
                self.last_hot = end
            if severity > self.level:
                self.level = severity
                self.category = category
                result.alert = self._alert(
                    end, evidence, n_authors, expected, composition, escalation=True
                )
            elif self.last_hot is not None and end - self.last_hot >= self.settings.cooldown:
                self.active = False
                self.level = Severity.NONE
                self.category = ""
                self.episode_start = None
                result.ended = True
        self.previous_authors = n_authors if full else self.previous_authors
        return result

    def _topics(self, window: list[_Bucket]) -> list[tuple[str, int, float, float]]:
        """Words a far larger share of the window's genuine negative people used than
        usually do: (word, people, people expected, surprise less the cost of looking
        at every word), the most surprising first."""
        people: dict[str, set[str]] = {}
        for w in window:
            for word, authors in w.words.items():
                people.setdefault(word, set()).update(authors)
        if not people:
            return []
        everyone = len(set().union(*people.values()))
        penalty = math.log10(len(people))
        out = []
        for word, authors in people.items():
            n = len(authors)
            if n < self.settings.min_authors:
                continue
            mean = everyone * self.words.share(word)
            out.append((word, n, mean, poisson_surprise(n, mean) - penalty))
        return sorted(out, key=lambda t: -t[3])

    # ------------------------------------------------------------------ triage and the why

    def _triage(self, n_authors: int, expected: float, harm: int) -> Severity:
        """The seeds' categories (S6) from how many more people than usual complain,
        whether they speak of harm (S4: several diners got sick) and who is involved."""
        excess = n_authors - expected
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
        evidence: dict[str, Any],
        n_authors: int,
        expected: float,
        composition: dict[str, int],
        escalation: bool,
    ) -> Alert:
        # what the scale that moved holds (the main window at least), newest kept
        span = max(evidence["window_minutes"] * 60 // self.bucket_seconds, self.window_buckets)
        observations = [o for w in self._last(span) for o in w.observations]
        observations = observations[-MAX_WINDOW_OBSERVATIONS:]
        score = max(
            evidence["score"],
            *(v[2] for v in evidence["talk"].values()),
            *(t[3] for t in evidence["topics"]),
        )
        originals = [o for o in observations if not o.repost] or observations
        ignore = self.settings.ignore_words
        # what moved comes first: the posts behind the evidence (harm talk, a young
        # topic's words, an attack's accounts); the rest of the window is grouped by meaning
        driving = self._driving(originals, evidence)
        lead = set(map(id, driving))
        rest = [o for o in originals if id(o) not in lead] if driving else originals
        found = themes([o.snippet for o in rest], self.settings.embedder, ignore=ignore)
        # a theme named by its words says what drives it; one named by a post had nothing
        # particular in common (insults, cries of anger) and goes after them all
        found.sort(key=lambda f: not f.terms)
        if driving:
            found.insert(0, self._driving_theme(driving, len(originals)))
        # the story may have begun before the window that moved: its first post is looked
        # for over everything the detector still holds (the longest time scale)
        held = [o for w in self.recent for o in w.observations]
        first = _first_post(
            held,
            originals,
            set(found[0].terms) if found else set(),
            ignore,
            self.reacting,
            self.settings.own,
        )
        # the incident gets the window's posts by theme, the first theme's first: its
        # ordinary chatter (a refund, a slow service) comes after what drives it; a
        # repost goes with what it reposts
        theme_of = {reposted_text(t): i for i, f in enumerate(found) for t in f.members}
        read_in = {
            o.mention_id: theme_of.get(reposted_text(o.snippet))
            for o in observations
            if o.mention_id
        }
        by_theme = sorted(read_in, key=lambda m: len(found) if read_in[m] is None else read_in[m])
        listed = by_theme[:MAX_INCIDENT_MENTIONS]
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
                "reasons": [list(r) for r in latest[a].reasons],
                "coordinated": latest[a].coordinated,
            }
            for a in sorted(latest, key=lambda a: -reach.get(a, 0))[:5]
        ]
        origin, category = assessed(first, self.category, self.level, self.settings)
        spark = _pointed_at(held, self.settings.own)
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
                "window_minutes": self.window_buckets * self.bucket_seconds // 60,
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
                "talk": {
                    k: {"authors": n, "expected": round(mean, 2), "score": round(sc, 2)}
                    for k, (n, mean, sc) in evidence["talk"].items()
                },
                "words": [
                    {"word": shown, "authors": n, "expected": round(mean, 2), "score": round(sc, 2)}
                    for shown, (_, n, mean, sc) in zip(
                        spell([t[0] for t in evidence["topics"]], (o.snippet for o in originals)),
                        evidence["topics"],
                        strict=True,
                    )
                ],
                "scale": {
                    "minutes": evidence["window_minutes"],
                    "main": evidence["main_scale"],
                    "negative_authors": evidence["scale_people"],
                    "expected": round(evidence["scale_expected"], 2),
                },
                "score": round(score, 2),
                "composition": composition,
            },
            "crowd": self.category,
            "first_post": None if first is None else first_post_why(first),
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
            category=category,
            origin=origin,
            why=why,
            mention_ids=listed,
            mention_themes={m: read_in[m] for m in listed if read_in[m] is not None},
            spark=spark,
        )

    def _driving(self, originals: list[Observation], evidence: dict[str, Any]) -> list[Observation]:
        """The window's posts behind the evidence that moved: by the likely trolls, bots
        and clusters of an attack; else those that speak of harm, when harm talk is up,
        and those with a young topic's words.  [] when they are too few people."""
        off = self.settings.thresholds[1]
        least = self.settings.min_authors
        if self.category in ("attack", "bot_flood"):
            posts = [o for o in originals if o.coordinated or o.risk >= SUSPECT]
            return posts if len({o.author for o in posts}) >= least else []
        harm = evidence["talk"]["harm"][2] >= off
        ignore = self.settings.ignore_words
        # the young topic's words past the calm line; when the crowd alone moved, its
        # words that stand out at all (past the cost of looking at every word)
        for line in (off, 0.0):
            words = {w for w, _, _, sc in evidence["topics"] if sc >= line}
            posts = [
                o
                for o in originals
                if (harm and o.harm)
                or (words and not words.isdisjoint(theme_words(o.snippet, ignore)))
            ]
            if len({o.author for o in posts}) >= least:
                return posts
        return []

    def _driving_theme(self, posts: list[Observation], total: int) -> Theme:
        """The driving posts as a theme, named by the words most of their people use that
        the watch's people seldom do (a street the brand's chatter often names is not
        news, "fiebre" is)."""
        ignore = self.settings.ignore_words
        people: dict[str, set[str]] = {}
        for o in posts:
            for w in set(theme_words(o.snippet, ignore)):
                people.setdefault(w, set()).add(o.author)
        least = 2 if len(posts) >= 4 else 1
        scores = {
            w: len(a) * math.log(1.0 + 1.0 / max(self.words.share(w), 1e-6))
            for w, a in people.items()
            if len(a) >= least
        }
        terms = [w for w, _ in sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))[:3]]
        members = list(dict.fromkeys(o.snippet for o in sorted(posts, key=lambda o: o.created)))
        return Theme(
            label(terms, members),
            terms,
            len(posts),
            round(len(posts) / max(total, 1), 3),
            members,
        )

    # ------------------------------------------------------------------ state

    def state(self) -> dict[str, Any]:
        return {
            "version": 1,
            "volume": self.volume.state(),
            "authors": self.authors.state(),
            "suspects": self.suspects.state(),
            "talk": {k: base.state() for k, base in self.talk.items()},
            "words": self.words.state(),
            "window": [w.summary() for w in self.recent],
            "current": self.current.summary() if self.current else None,
            "active": self.active,
            "level": int(self.level),
            "category": self.category,
            "last_hot": self.last_hot.isoformat() if self.last_hot else None,
            "episode_start": self.episode_start.isoformat() if self.episode_start else None,
            "previous_authors": self.previous_authors,
            "dispersion": list(self.dispersion),
            "dispersion_n": self.dispersion_n,
        }

    def _restore(self, state: dict[str, Any]) -> None:
        per_hour = self.volume.buckets_per_hour
        self.volume = SeasonalBaseline.from_state(state["volume"], per_hour)
        self.authors = SeasonalBaseline.from_state(state["authors"], per_hour)
        if "suspects" in state:
            self.suspects = SeasonalBaseline.from_state(state["suspects"], per_hour)
        for k, saved_talk in state.get("talk", {}).items():
            if k in self.talk:
                self.talk[k] = SeasonalBaseline.from_state(saved_talk, per_hour)
        if "words" in state:
            self.words = WordRates.from_state(state["words"])
        self.recent.extend(_Bucket.from_summary(w) for w in state["window"])
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
        saved = state["dispersion"]  # one number before there were several time scales
        saved = saved if isinstance(saved, list) else [saved] * len(self.dispersion)
        if len(saved) == len(self.dispersion):
            self.dispersion = list(saved)
        self.dispersion_n = state["dispersion_n"]


def origin_of(first: Observation | None, category: str, settings: DetectorSettings) -> str:
    """Who started it: the brand's own post, a bot cluster, trolls, an insider, a
    competitor, an influencer or a customer (``category``: the episode's or its alert's)."""
    crowd = {"bot_flood": "bot_cluster", "attack": "troll"}.get(category)
    if first is None:
        return crowd or "customer"
    if settings.own(first):
        return "brand"
    side = affiliation(first.bio, first.handle, settings.brand, settings.competitors)
    if side is not None:
        return side
    if crowd is not None:
        return crowd
    if first.channel in PRESS or first.followers >= INFLUENCER_FOLLOWERS:
        return "influencer"
    said = fold(first.snippet)
    if (
        (first.attack or MOBILISE.search(said))
        and not first.harm
        and not COMPLAINT_CUES.search(said)
    ):
        # insults or a call to turn on the brand with no grievance are a troll's sign
        # (S9) where the profile shows none: a raid's accounts may not have posted
        # enough yet to show a habit
        return "troll"
    return "customer"


def called(crowd: str, severity: Severity, origin: str) -> str:
    """What an alert calls what happens (S6): a bot flood or an attack when the crowd
    behind it is one (``crowd``, :meth:`_Evidence.crowd`); an attack when trolls or a
    competitor started it, whoever joined; else its severity's name."""
    if crowd in ("bot_flood", "attack"):
        return crowd
    return "attack" if origin in ILLEGITIMATE else severity.key


def assessed(
    first: Observation | None, crowd: str, severity: Severity, settings: DetectorSettings
) -> tuple[str, str]:
    """Who started it (:func:`origin_of`) and what it is therefore called (:func:`called`),
    from the post it began with and the crowd behind it: the two change together."""
    origin = origin_of(first, crowd, settings)
    return origin, called(crowd, severity, origin)


def first_post_why(first: Observation) -> dict[str, Any]:
    """What the why says of the post a story began with."""
    return {
        "mention_id": first.mention_id,
        "text": first.snippet,
        "channel": first.channel,
        "author": first.handle,
        "followers": first.followers,
        "created_at": first.created.isoformat(),
        "received_at": first.at.isoformat(),
    }


def _pointed_at(held: list[Observation], own: Callable[[Observation], bool]) -> str | None:
    """The post the held posts' people answer, quote or repost most (:data:`SPARK_PEOPLE`
    of them at least) when it is not held itself: older than what detection holds, or
    calm (an insider's matter-of-fact thread, a report quoted in anger)."""
    keys = {o.post for o in held}
    people: dict[str, set[str]] = {}
    for o in held:
        if o.parent and o.parent not in keys and not own(o):
            people.setdefault(o.parent, set()).add(o.author)
    best = max(people, key=lambda k: (len(people[k]), k), default=None)
    return best if best is not None and len(people[best]) >= SPARK_PEOPLE else None


def came_first(post: Observation, first_post: dict[str, Any] | None) -> bool:
    """Whether ``post`` was written before the why's ``first_post`` (or there is none,
    or its time is not known: an incident kept by an older oteo)."""
    written = (first_post or {}).get("created_at")
    return not written or post.created < datetime.fromisoformat(written)


def began_with(alert: Alert, spark: Observation, settings: DetectorSettings) -> bool:
    """Name ``spark`` (:attr:`~oteo.model.Alert.spark`, read from the store) as where
    the alert's story began, when it came before the post named so far: the post its
    people point at set it off (one that came after spread it).  True when it did."""
    if not came_first(spark, alert.why.get("first_post")):
        return False
    alert.why["first_post"] = first_post_why(spark)
    crowd = alert.why.get("crowd", alert.category)  # (an alert of an older oteo)
    alert.origin, alert.category = assessed(spark, crowd, alert.severity, settings)
    return True


def post_key(source: str, external_id: str | None) -> str | None:
    """A post's name across sources, as :class:`Observation` keeps it."""
    return f"{source}:{external_id}" if external_id else None


def _first_post(
    held: list[Observation],
    window: list[Observation],
    terms: set[str],
    ignore: frozenset[str],
    reacting: dict[str, set[str] | None],
    own: Callable[[Observation], bool] = lambda o: False,
) -> Observation | None:
    """The post that started the story driving the episode, among the posts ``held``
    (hours of them, reposts too). The story's posts: those that share its top theme's
    words, those that speak of the harm (illness, injury, fraud, lawsuits) most of the
    held posts speak of, when three do at least (a story names its harm now and then:
    "a scam", then "rigged" for an hour), calls to turn on the brand, and the answers
    to any of them, to the last one; with none, the ``window``'s. The story is the
    latest run of them with no silence longer than :data:`STORY_GAP` (an older post
    with the same words belongs to another story), and its first post that answers
    nobody started it (whoever answers a story did not), unless the post that most
    people answered, quoted or reposted (:data:`SPARK_PEOPLE` at least) came before it
    and has to do with the story: the brand's own, one that says its words, or one
    whose people (or those answering them) tell it. That one set it off.
    ``reacting``: the people who answered, quoted or reposted each post (None:
    nobody)."""
    held = [o for o in held if not o.repost]
    # the harm most of the held posts speak of, if three do: a story of illness is not
    # one of overcharging
    kinds = Counter(kind for o in held for kind in o.harm)
    told_harm = next((k for k, n in kinds.most_common(1) if n >= 3), None)
    related = [
        o
        for o in held
        if told_harm in o.harm
        or (terms and terms.intersection(theme_words(o.snippet, ignore)))
        or MOBILISE.search(fold(o.snippet))
    ]
    # the conversation under a story's post is the story's, whatever its words: it
    # keeps a story alive through an hour with nothing new said
    told, rest = {o.post for o in related}, [o for o in held if o.parent]
    while answers := [o for o in rest if o.parent in told and o.post not in told]:
        related += answers
        told.update(o.post for o in answers)
        rest = [o for o in rest if o.post not in told]
    # the brand's own posts in a row (a thread, a hacked account posting again and
    # again) are one act: the people answering any of them answer it, from its first
    mine = sorted((o for o in held if own(o)), key=lambda o: o.created)
    head: dict[str, str] = {}  # each of the brand's posts → the first of its run
    runs: dict[str, Observation] = {}  # the first of each run by its key
    for i, o in enumerate(mine):
        run_on = i and o.created - mine[i - 1].created <= STORY_GAP
        head[o.post] = head[mine[i - 1].post] if run_on else o.post
        runs.setdefault(head[o.post], o)
    first = None
    story: list[Observation] = []
    if related or window:
        story = sorted(related or window, key=lambda o: o.created)
        start = len(story) - 1
        while start > 0 and story[start].created - story[start - 1].created <= STORY_GAP:
            start -= 1
        story = story[start:]
        first = next((o for o in story if not o.reply), story[0])
        # people speaking of a post of the brand's own ("Delete it now"), without
        # answering it, point at its latest one (not an answer to someone) shortly before
        talk = {o.author for o in story if OWN_POST_TALK.search(fold(o.snippet))}
        if len(talk) >= OWN_POST_PEOPLE and not own(first):
            before = [
                o
                for o in mine
                if not o.reply and timedelta(0) <= first.created - o.created <= STORY_GAP
            ]
            if before:
                first = runs[head[before[-1].post]]
    people = {post: found for post, found in reacting.items() if found}
    for post, first_of_run in head.items():
        if post != first_of_run:
            people[first_of_run] = people.get(first_of_run, set()) | people.get(post, set())
    sparks = [o for o in held if len(people.get(o.post, ())) >= SPARK_PEOPLE]
    spark = max(sparks, key=lambda o: (len(people[o.post]), -o.created.timestamp()), default=None)
    # a spark after the story's first post spread it (an influencer, the press) but did
    # not start it; one before it set it off if it is the brand's own post, says the
    # story's words, or some of its people or those answering them tell the story (the
    # followers answering an influencer's gripe of the day about the service are not a
    # troll raid)
    if first is None:
        return spark
    if spark is not None and spark.created < first.created:
        circle = set(people[spark.post])
        for o in held:
            if o.author in people[spark.post]:
                circle |= people.get(o.post, set())
        if (
            own(spark)
            or terms.intersection(theme_words(spark.snippet, ignore))
            or circle & {o.author for o in story}
        ):
            return spark
    return first
