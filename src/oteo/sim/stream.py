"""The generative model of a brand's conversation.

* **Background**: an inhomogeneous Poisson process whose rate follows the hour of the
  week (quiet nights, busy lunch and dinner, livelier weekends), split by channel and
  language, written by a population of authors with believable profiles.
* **Cascades**: every post may trigger replies, reposts and quotes, and those trigger
  more (a Hawkes-type branching process).  The expected number of direct reactions
  grows with the square root of the poster's followers, so an influencer's post
  travels and a small account's mostly does not.
* **Episodes**: scenarios (an isolated complaint, an outbreak...) add their own posts
  on top, with ground truth.
* **Discovery latency**: a post is *received* some time after it is *created*:
  seconds on streaming networks, hours on forums and blogs.  Mentions come out in
  order of reception, as a live system would see them.

The same seed gives the same stream.
"""

from __future__ import annotations

import heapq
import math
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from oteo.model import AuthorProfile, Channel, Mention, Relation
from oteo.sim.authors import Population, SimAuthor
from oteo.sim.grammar import Grammar, Node, compile_template
from oteo.sim.texts import SECTOR_SLOTS, SLOTS_EN, SLOTS_ES, TEMPLATES_EN, TEMPLATES_ES

#: the kinds whose reactions are mostly negative
NEGATIVE_KINDS = frozenset(
    {
        "complaint_light",
        "complaint_strong",
        "sarcasm",
        "insult",
        "threat",
        "boycott",
        "reply_agree",
        "quote_comment",
        "health_origin",
        "health_joinin",
        "health_amplify",
        "health_news",
    }
)
#: hour-of-day shape of a restaurant brand's conversation (mean about 1)
DAILY_SHAPE = (
    0.35,
    0.2,
    0.12,
    0.08,
    0.08,
    0.12,
    0.25,
    0.5,
    0.75,
    0.85,
    0.95,
    1.15,
    1.6,
    1.9,
    1.7,
    1.2,
    1.0,
    1.05,
    1.25,
    1.6,
    1.95,
    1.8,
    1.25,
    0.7,
)
WEEKDAY_FACTOR = (0.85, 0.85, 0.9, 0.95, 1.1, 1.3, 1.2)
DEFAULT_CHANNELS = {
    Channel.TWITTER: 0.40,
    Channel.BLUESKY: 0.08,
    Channel.MASTODON: 0.06,
    Channel.REVIEW: 0.16,
    Channel.YOUTUBE: 0.10,
    Channel.FORUM: 0.08,
    Channel.NEWS: 0.04,
    Channel.BLOG: 0.04,
    Channel.INSTAGRAM: 0.04,
}
#: seconds between a post being published and a listener finding it (min, max)
LATENCY = {
    Channel.TWITTER: (5, 120),
    Channel.BLUESKY: (2, 60),
    Channel.MASTODON: (5, 120),
    Channel.INSTAGRAM: (60, 900),
    Channel.YOUTUBE: (300, 3600),
    Channel.REVIEW: (600, 3600),
    Channel.NEWS: (300, 2400),
    Channel.FORUM: (1800, 10800),
    Channel.BLOG: (3600, 21600),
    Channel.REDDIT: (60, 900),
    Channel.OTHER: (60, 900),
}
DOMAINS = {
    Channel.TWITTER: "x.example",
    Channel.BLUESKY: "bsky.example",
    Channel.MASTODON: "mastodon.example",
    Channel.INSTAGRAM: "insta.example",
    Channel.YOUTUBE: "video.example",
    Channel.REVIEW: "reviews.example",
    Channel.NEWS: "news.example",
    Channel.FORUM: "foro.example",
    Channel.BLOG: "blog.example",
}
#: channels where people reply but cannot repost
NO_REPOST = frozenset({Channel.FORUM, Channel.BLOG, Channel.REVIEW, Channel.NEWS, Channel.YOUTUBE})
BACKGROUND_KINDS = {
    "customer": {
        "praise": 0.30,
        "question": 0.14,
        "neutral": 0.20,
        "complaint_light": 0.22,
        "complaint_strong": 0.06,
        "sarcasm": 0.03,
        "news": 0.0,
        "reply_support": 0.0,
        "insult": 0.005,
    },
    "fan": {"praise": 0.75, "neutral": 0.15, "question": 0.1},
    "influencer": {"praise": 0.5, "neutral": 0.3, "complaint_light": 0.2},
    "journalist": {"news": 0.8, "neutral": 0.2},
    "news_outlet": {"news": 1.0},
    "troll": {"insult": 0.4, "sarcasm": 0.3, "complaint_strong": 0.3},
    "employee": {"praise": 0.7, "news": 0.3},
    "competitor": {"complaint_light": 0.5, "sarcasm": 0.5},
}
BACKGROUND_ROLES = {
    "customer": 0.86,
    "fan": 0.07,
    "influencer": 0.006,
    "journalist": 0.01,
    "news_outlet": 0.015,
    "troll": 0.02,
    "employee": 0.01,
    "competitor": 0.004,
}
POOL_SIZE = 300


@dataclass(slots=True)
class Brand:
    """A fictional brand and the size and shape of its conversation."""

    name: str = "Lumbre Burger"
    handle: str = "lumbreburger"
    sector: str = "restaurant"
    langs: dict[str, float] = field(default_factory=lambda: {"es": 0.82, "en": 0.18})
    daily_volume: float = 800.0
    channels: dict[Channel, float] = field(default_factory=lambda: dict(DEFAULT_CHANNELS))

    @property
    def tag(self) -> str:
        return "#" + "".join(w.capitalize() for w in self.name.split())


class TextBank:
    """Pools of generated texts per (language, kind), built once per brand and seed."""

    def __init__(self, brand: Brand, seed: int) -> None:
        self.seed = seed
        self.grammars: dict[str, Grammar] = {}
        for lang, templates, slots in (
            ("es", TEMPLATES_ES, SLOTS_ES),
            ("en", TEMPLATES_EN, SLOTS_EN),
        ):
            sector = SECTOR_SLOTS.get(brand.sector, SECTOR_SLOTS["restaurant"])[lang]
            merged = {
                **slots,
                **sector,
                "brand": [brand.name],
                "handle": ["@" + brand.handle],
                "tag": [brand.tag],
            }
            self.grammars[lang] = Grammar(templates, merged)
        self._pools: dict[tuple[str, str], list[str]] = {}

    def text(self, lang: str, kind: str, rng: random.Random) -> str:
        lang = lang if lang in self.grammars else "es"
        if kind not in self.grammars[lang].templates:
            lang = "es"
        pool = self._pools.get((lang, kind))
        if pool is None:
            pool = self._build(lang, kind)
        return pool[rng.randrange(len(pool))]

    def _build(self, lang: str, kind: str) -> list[str]:
        rng = random.Random(f"{self.seed}:{lang}:{kind}")
        grammar = self.grammars[lang]
        seen: dict[str, None] = {}
        for _ in range(POOL_SIZE * 3):
            seen.setdefault(grammar.expand(kind, rng), None)
            if len(seen) >= POOL_SIZE:
                break
        pool = list(seen)
        self._pools[(lang, kind)] = pool
        return pool

    def extra(self, name: str, values: list[str]) -> dict[str, list[Node]]:
        return {name: [compile_template(v) for v in values]}


@dataclass(slots=True)
class Draft:
    """A post before it becomes a Mention."""

    created: datetime
    author: SimAuthor
    channel: Channel
    kind: str
    lang: str
    text: str
    relation: Relation | None = None
    parent: Draft | None = None
    episode: str | None = None
    boost: float = 1.0  # how much more reaction this post draws than usual
    reactions: list[tuple[str, float]] | None = None  # reply kinds, when an episode spreads
    id: str = ""
    children: int = 0
    reposts: int = 0


class Simulation:
    """A deterministic stream of mentions of one brand, with ground truth."""

    def __init__(
        self,
        brand: Brand | None = None,
        *,
        start: datetime,
        duration: timedelta,
        seed: int = 1,
        episodes: list[Any] | None = None,
        background: bool = True,
        source: str = "sim",
        branching: float = 0.22,
    ) -> None:
        if start.tzinfo is None:
            raise ValueError("start must be an aware datetime")
        self.brand = brand or Brand()
        self.tz = start.tzinfo  # the brand's local time, for the hour-of-week rhythm
        self.start = start.astimezone(UTC)
        self.end = self.start + duration
        self.seed = seed
        self.rng = random.Random(seed)
        self.background = background
        self.source = source
        self.branching = branching
        self.episodes = list(episodes or [])
        self.population = Population(
            self.brand.name,
            self.rng,
            start,
            self.brand.langs,
            scale=max(0.2, self.brand.daily_volume / 800),
        )
        self.texts = TextBank(self.brand, seed)
        self._counter = 0
        self._channels = list(self.brand.channels.items())
        self._roles = list(BACKGROUND_ROLES.items())

    # ------------------------------------------------------------------ public

    def __iter__(self) -> Iterator[Mention]:
        return self.mentions()

    def mentions(self) -> Iterator[Mention]:
        """Mentions in order of reception, generated hour by hour (bounded memory)."""
        heap: list[tuple[datetime, int, Mention]] = []
        scheduled: list[Draft] = []
        for episode in self.episodes:
            scheduled.extend(episode.roots(self))
        scheduled.sort(key=lambda d: d.created)
        hour = self.start
        s_index = 0
        while hour < self.end or heap:
            next_hour = hour + timedelta(hours=1)
            if hour < self.end:
                roots: list[Draft] = list(self._background(hour)) if self.background else []
                while s_index < len(scheduled) and scheduled[s_index].created < next_hour:
                    roots.append(scheduled[s_index])
                    s_index += 1
                for root in roots:
                    for draft in self._cascade(root):
                        if draft.created < self.end:
                            mention = self._to_mention(draft)
                            heapq.heappush(heap, (mention.received_at, self._counter, mention))  # type: ignore[arg-type]
            limit = next_hour if hour < self.end else datetime.max.replace(tzinfo=UTC)
            while heap and heap[0][0] < limit:
                yield heapq.heappop(heap)[2]
            hour = next_hour

    def ground_truth(self) -> dict[str, Any]:
        return {
            "brand": self.brand.name,
            "seed": self.seed,
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "episodes": [e.truth for e in self.episodes],
        }

    # ------------------------------------------------------------------ helpers for episodes

    def draft(
        self,
        created: datetime,
        author: SimAuthor,
        channel: Channel,
        kind: str,
        *,
        episode: str | None = None,
        boost: float = 1.0,
        lang: str | None = None,
    ) -> Draft:
        lang = lang or author.lang
        return Draft(
            created,
            author,
            channel,
            kind,
            lang,
            self.texts.text(lang, kind, self.rng),
            episode=episode,
            boost=boost,
        )

    def pick_channel(self) -> Channel:
        r = self.rng.random() * sum(w for _, w in self._channels)
        for channel, weight in self._channels:
            r -= weight
            if r <= 0:
                return channel
        return self._channels[-1][0]

    def rate(self, at: datetime) -> float:
        """Expected background mentions per hour at ``at`` (brand's local hour of week)."""
        local = at.astimezone(self.tz)
        return (
            self.brand.daily_volume
            / 24.0
            * DAILY_SHAPE[local.hour]
            * WEEKDAY_FACTOR[local.weekday()]
            / 1.02
        )

    # ------------------------------------------------------------------ internals

    def _background(self, hour: datetime) -> Iterator[Draft]:
        rng = self.rng
        n = _poisson(rng, self.rate(hour))
        for _ in range(n):
            created = hour + timedelta(seconds=rng.random() * 3600)
            role = _choose(rng, self._roles)
            author = self.population.pick(role)
            kind = _choose(rng, list(BACKGROUND_KINDS[role].items()))
            channel = (
                Channel.NEWS
                if role == "news_outlet" and rng.random() < 0.7
                else self.pick_channel()
            )
            yield self.draft(created, author, channel, kind)

    def _cascade(self, root: Draft) -> list[Draft]:
        """The root and every reaction it triggers, breadth first, at most 4,000 posts."""
        rng = self.rng
        out = [root]
        queue = [root]
        while queue and len(out) < 4000:
            parent = queue.pop(0)
            negative = parent.kind in NEGATIVE_KINDS
            mu = self.branching * parent.boost * math.sqrt(1.0 + parent.author.followers) / 10.0
            for _ in range(_poisson(rng, min(mu, 400.0))):
                child = self._reaction(parent, negative)
                if child is None:
                    continue
                out.append(child)
                queue.append(child)
        return out

    def _reaction(self, parent: Draft, negative: bool) -> Draft | None:
        rng = self.rng
        r = rng.random()
        if parent.channel in NO_REPOST:
            relation = Relation.REPLY
        else:
            relation = (
                Relation.REPOST if r < 0.45 else Relation.REPLY if r < 0.85 else Relation.QUOTE
            )
        mean_delay = {Relation.REPOST: 25, Relation.REPLY: 40, Relation.QUOTE: 60}[relation]
        created = parent.created + timedelta(minutes=rng.expovariate(1.0 / mean_delay))
        role = "customer" if rng.random() < 0.9 else _choose(rng, self._roles)
        spreading = parent.reactions is not None
        # people joining a spreading episode are mostly new to the brand's conversation
        author = (
            self.population.fresh(role)
            if spreading and rng.random() < 0.6
            else self.population.pick(role)
        )
        if relation is Relation.REPOST:
            kind, text, lang = parent.kind, parent.text, parent.lang
            if parent.channel is Channel.TWITTER:
                text = f"RT @{parent.author.profile.handle}: {parent.text}"
        else:
            if relation is Relation.QUOTE:
                kind = (
                    "quote_comment"
                    if negative
                    else _choose(rng, [("praise", 0.5), ("neutral", 0.5)])
                )
            elif parent.reactions is not None:
                kind = _choose(rng, parent.reactions)
            elif negative:
                kind = _choose(
                    rng,
                    [
                        ("reply_agree", 0.3),
                        ("reply_support", 0.4),
                        ("reply_defend", 0.25),
                        ("insult", 0.05),
                    ],
                )
            else:
                kind = _choose(rng, [("praise", 0.4), ("neutral", 0.35), ("question", 0.25)])
            lang = author.lang if rng.random() < 0.3 else parent.lang
            text = f"@{parent.author.profile.handle} {self.texts.text(lang, kind, rng)}"
        child = Draft(
            created, author, parent.channel, kind, lang, text, relation, parent, parent.episode
        )
        if spreading:
            child.boost, child.reactions = parent.boost * 0.8, parent.reactions
        parent.children += 1
        if relation is Relation.REPOST:
            parent.reposts += 1
        return child

    def _to_mention(self, draft: Draft) -> Mention:
        rng = self.rng
        self._counter += 1
        draft.id = f"{self.seed}-{self._counter}"
        lo, hi = LATENCY.get(draft.channel, (60, 900))
        received = draft.created + timedelta(seconds=lo + (hi - lo) * rng.random())
        profile: AuthorProfile = draft.author.profile
        followers = draft.author.followers
        likes = _poisson(rng, math.sqrt(1.0 + followers) * (0.3 if draft.relation is None else 0.1))
        domain = DOMAINS.get(draft.channel, "web.example")
        return Mention(
            source=self.source,
            external_id=draft.id,
            text=draft.text,
            created_at=draft.created,
            channel=draft.channel,
            received_at=received,
            url=f"https://{domain}/{profile.handle}/{draft.id}",
            lang=None,
            author=profile,
            relation=draft.relation,
            parent_external_id=draft.parent.id if draft.parent else None,
            likes=likes,
            reposts=draft.reposts,
            replies=draft.children - draft.reposts,
            raw={
                "sim": {
                    "kind": draft.kind,
                    "role": draft.author.role,
                    "episode": draft.episode,
                    "lang": draft.lang,
                    "cluster": draft.author.cluster,
                }
            },
        )


def _poisson(rng: random.Random, lam: float) -> int:
    """A Poisson draw (Knuth for small means, normal approximation for large)."""
    if lam <= 0:
        return 0
    if lam > 50:
        return max(0, int(round(rng.gauss(lam, math.sqrt(lam)))))
    limit = math.exp(-lam)
    k, p = 0, rng.random()
    while p > limit:
        k += 1
        p *= rng.random()
    return k


def _choose(rng: random.Random, weighted: list[tuple[Any, float]]) -> Any:
    total = sum(w for _, w in weighted)
    r = rng.random() * total
    for item, weight in weighted:
        r -= weight
        if r <= 0:
            return item
    return weighted[-1][0]
