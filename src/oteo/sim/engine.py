"""The vectorised engine: events as arrays, generated a chunk of time at a time.

* **Background**: per hour, a Poisson number of posts whose rate follows the brand's
  hour of the week; roles, authors, kinds and channels drawn in bulk.
* **Cascades**: each post triggers a Poisson number of reactions (replies, reposts,
  quotes) with mean ``branching × boost × sqrt(1 + followers) / 10``, generation after
  generation: a Hawkes-type branching process in which who posts decides how far it
  goes.  Posts of a spreading episode draw their reactions from the episode's own mix
  and from people new to the conversation.
* **Reception**: each post is found some time after it is published (seconds on
  streaming networks, hours on forums and blogs); a chunk yields the events received
  in it, in order, and carries the rest to the next.

Everything is numpy; strings appear only when a consumer turns events into mentions.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

import numpy as np

from oteo.model import Channel
from oteo.sim.population import ROLE, Population
from oteo.sim.textbank import POOL
from oteo.sim.texts import KINDS, NEGATIVE_KINDS

CHANNELS = tuple(Channel)
CHANNEL = {c: i for i, c in enumerate(CHANNELS)}
KIND = {k: i for i, k in enumerate(KINDS)}
NEGATIVE = np.array([k in NEGATIVE_KINDS for k in KINDS])
NONE, REPLY, REPOST, QUOTE = 0, 1, 2, 3
#: gids from here on are roots named ahead (:meth:`Engine.reserve_gid`)
RESERVED_GIDS = 1 << 40
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
    Channel.FACEBOOK: (60, 900),
    Channel.HACKERNEWS: (60, 900),
    Channel.OTHER: (60, 900),
}
LAT_LO = np.array([LATENCY[c][0] for c in CHANNELS], float)
LAT_SPAN = np.array([LATENCY[c][1] - LATENCY[c][0] for c in CHANNELS], float)
#: channels where people reply but cannot repost
NO_REPOST = np.array(
    [
        c in (Channel.FORUM, Channel.BLOG, Channel.REVIEW, Channel.NEWS, Channel.YOUTUBE)
        for c in CHANNELS
    ]
)
#: hour-of-day shape of a restaurant brand's conversation, and weekday factors
DAILY_SHAPE = np.array(
    [
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
    ]
)
WEEKDAY_FACTOR = np.array([0.85, 0.85, 0.9, 0.95, 1.1, 1.3, 1.2])
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
BACKGROUND_KINDS = {
    "customer": {
        "praise": 0.30,
        "question": 0.14,
        "neutral": 0.20,
        "complaint_light": 0.22,
        "complaint_strong": 0.06,
        "sarcasm": 0.03,
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
#: reply mixes: after a negative post, after a positive or neutral one
REPLIES_NEGATIVE = {"reply_agree": 0.3, "reply_support": 0.4, "reply_defend": 0.25, "insult": 0.05}
REPLIES_OTHER = {"praise": 0.4, "neutral": 0.35, "question": 0.25}
MAX_MU = 400.0
MAX_CASCADE = 4000


class Table:
    """A categorical distribution over kinds (or any codes), sampled in bulk."""

    def __init__(self, weights: dict[str, float], codes: dict[str, int] | None = None) -> None:
        codes = codes if codes is not None else KIND
        self.codes = np.array([codes[k] for k in weights], np.int64)
        p = np.array(list(weights.values()), float)
        self.cum = np.cumsum(p / p.sum())

    def sample(self, rng: np.random.Generator, n: int) -> np.ndarray:
        return self.codes[
            np.minimum(np.searchsorted(self.cum, rng.random(n), side="right"), len(self.codes) - 1)
        ]


@dataclass
class Events:
    """Posts as columns; times are Unix seconds; ``parent`` is a global event id."""

    gid: np.ndarray
    created: np.ndarray
    received: np.ndarray
    author: np.ndarray
    channel: np.ndarray
    kind: np.ndarray
    lang: np.ndarray
    relation: np.ndarray
    parent: np.ndarray
    parent_author: np.ndarray
    episode: np.ndarray
    text: np.ndarray
    boost: np.ndarray
    reactions: np.ndarray
    likes: np.ndarray
    reposts: np.ndarray
    replies: np.ndarray

    def __len__(self) -> int:
        return len(self.gid)

    def take(self, index: np.ndarray) -> Events:
        return Events(**{f.name: getattr(self, f.name)[index] for f in fields(self)})

    @classmethod
    def concat(cls, parts: list[Events]) -> Events:
        parts = [p for p in parts if len(p)]
        if not parts:
            return empty_events()
        if len(parts) == 1:
            return parts[0]
        return cls(
            **{f.name: np.concatenate([getattr(p, f.name) for p in parts]) for f in fields(cls)}
        )


def empty_events() -> Events:
    int64 = np.zeros(0, np.int64)
    return Events(
        int64,
        np.zeros(0),
        np.zeros(0),
        int64,
        np.zeros(0, np.int8),
        np.zeros(0, np.int16),
        np.zeros(0, np.int8),
        np.zeros(0, np.int8),
        int64,
        int64,
        np.zeros(0, np.int16),
        np.zeros(0, np.int32),
        np.zeros(0, np.float32),
        np.zeros(0, np.int16),
        np.zeros(0, np.int32),
        np.zeros(0, np.int32),
        np.zeros(0, np.int32),
    )


def make_events(
    rng: np.random.Generator,
    *,
    created: np.ndarray,
    author: np.ndarray,
    channel: np.ndarray,
    kind: np.ndarray,
    lang: np.ndarray,
    episode: np.ndarray | None = None,
    boost: np.ndarray | None = None,
    reactions: np.ndarray | None = None,
) -> Events:
    """Root events (no parent), gid to be assigned by the engine."""
    n = len(created)
    minus = np.full(n, -1, np.int64)
    return Events(
        gid=minus.copy(),
        created=created.astype(float),
        received=created.astype(float),
        author=author.astype(np.int64),
        channel=channel.astype(np.int8),
        kind=kind.astype(np.int16),
        lang=lang.astype(np.int8),
        relation=np.zeros(n, np.int8),
        parent=minus.copy(),
        parent_author=minus.copy(),
        episode=(episode if episode is not None else np.full(n, -1)).astype(np.int16),
        text=rng.integers(0, POOL, n).astype(np.int32),
        boost=(boost if boost is not None else np.ones(n)).astype(np.float32),
        reactions=(reactions if reactions is not None else np.full(n, -1)).astype(np.int16),
        likes=np.zeros(n, np.int32),
        reposts=np.zeros(n, np.int32),
        replies=np.zeros(n, np.int32),
    )


class Engine:
    def __init__(
        self,
        population: Population,
        rng: np.random.Generator,
        *,
        daily_volume: float,
        channels: dict[Channel, float],
        tz_offset_hours,
        branching: float = 0.22,
    ) -> None:  # type: ignore[no-untyped-def]
        self.pop = population
        self.rng = rng
        self.daily_volume = daily_volume
        self.branching = branching
        self.tz_offset_hours = tz_offset_hours  # callable: unix hour -> local (hour, weekday)
        self.channel_table = Table(
            {c.value: w for c, w in channels.items()}, {c.value: i for i, c in enumerate(CHANNELS)}
        )
        self.role_table = Table(BACKGROUND_ROLES, ROLE)
        self.kind_tables = {ROLE[r]: Table(t) for r, t in BACKGROUND_KINDS.items()}
        self.reply_tables: list[Table] = [Table(REPLIES_NEGATIVE), Table(REPLIES_OTHER)]
        self.quote_other = Table({"praise": 0.5, "neutral": 0.5})
        self.next_gid = 0
        self.reserved_gids = 0

    def reaction_table(self, weights: dict[str, float]) -> int:
        """Register an episode's reply mix; returns its id for ``Events.reactions``."""
        self.reply_tables.append(Table(weights))
        return len(self.reply_tables) - 1

    # ------------------------------------------------------------------ background

    def background(self, hour_starts: np.ndarray) -> Events:
        """Ordinary posts for each hour starting at ``hour_starts`` (Unix seconds)."""
        rng = self.rng
        local = np.array([self.tz_offset_hours(h) for h in hour_starts], np.int64).reshape(-1, 2)
        rates = (
            self.daily_volume / 24.0 * DAILY_SHAPE[local[:, 0]] * WEEKDAY_FACTOR[local[:, 1]] / 1.02
        )
        counts = rng.poisson(rates)
        n = int(counts.sum())
        created = np.repeat(hour_starts.astype(float), counts) + rng.random(n) * 3600.0
        roles = self.role_table.sample(rng, n)
        author = self.pop.pick_roles(roles)
        kind = np.empty(n, np.int64)
        for role in np.unique(roles):
            mask = roles == role
            kind[mask] = self.kind_tables[int(role)].sample(rng, int(mask.sum()))
        channel = self.channel_table.sample(rng, n)
        news = (roles == ROLE["news_outlet"]) & (rng.random(n) < 0.7)
        channel[news] = CHANNEL[Channel.NEWS]
        return make_events(
            rng,
            created=created,
            author=author,
            channel=channel,
            kind=kind,
            lang=self.pop.lang[author],
        )

    # ------------------------------------------------------------------ cascades

    def cascade(self, roots: Events) -> Events:
        """The roots and every reaction they trigger (all generations)."""
        rng = self.rng
        # roots an episode named ahead (others quote them) keep their gid; the numbers
        # are drawn for all the same, so nobody else's changes
        roots.gid = np.where(roots.gid >= 0, roots.gid, self._gids(len(roots)))
        generations = [roots]
        current = roots
        total = len(roots)
        while len(current) and total < MAX_CASCADE * max(1, len(roots)):
            followers = self.pop.followers[current.author]
            mu = np.minimum(
                self.branching * current.boost * np.sqrt(1.0 + followers) / 10.0, MAX_MU
            )
            counts = rng.poisson(mu)
            m = int(counts.sum())
            if m == 0:
                break
            p = np.repeat(np.arange(len(current)), counts)
            children = self._reactions(current, p)
            current.reposts += np.bincount(
                p[children.relation == REPOST], minlength=len(current)
            ).astype(np.int32)
            current.replies += np.bincount(
                p[children.relation != REPOST], minlength=len(current)
            ).astype(np.int32)
            generations.append(children)
            current = children
            total += m
        out = Events.concat(generations)
        lo = LAT_LO[out.channel]
        out.received = out.created + lo + LAT_SPAN[out.channel] * rng.random(len(out))
        out.likes = rng.poisson(
            np.sqrt(1.0 + self.pop.followers[out.author]) * np.where(out.relation == NONE, 0.3, 0.1)
        ).astype(np.int32)
        return out

    def _reactions(self, parents: Events, p: np.ndarray) -> Events:
        rng = self.rng
        m = len(p)
        channel = parents.channel[p]
        r = rng.random(m)
        relation = np.where(r < 0.45, REPOST, np.where(r < 0.85, REPLY, QUOTE)).astype(np.int8)
        relation[NO_REPOST[channel]] = REPLY
        mean_delay = (
            np.where(relation == REPOST, 25.0, np.where(relation == REPLY, 40.0, 60.0)) * 60.0
        )
        created = parents.created[p] + rng.exponential(1.0, m) * mean_delay
        reactions = parents.reactions[p]
        spreading = reactions >= 0
        roles = np.where(rng.random(m) < 0.9, ROLE["customer"], self.role_table.sample(rng, m))
        author = self.pop.pick_roles(roles)
        fresh = spreading & (
            rng.random(m) < 0.6
        )  # people joining are mostly new to the conversation
        if fresh.any():
            author[fresh] = self.pop.add("customer", int(fresh.sum()))
        parent_kind = parents.kind[p]
        negative = NEGATIVE[parent_kind]
        kind = parent_kind.astype(np.int64).copy()
        lang = parents.lang[p].copy()
        text = parents.text[p].copy()
        own = relation != REPOST
        quote = relation == QUOTE
        kind[quote & negative] = KIND["quote_comment"]
        other_quotes = quote & ~negative
        kind[other_quotes] = self.quote_other.sample(rng, int(other_quotes.sum()))
        replies = relation == REPLY
        table = np.where(reactions >= 0, reactions, np.where(negative, 0, 1))
        for t in np.unique(table[replies]):
            mask = replies & (table == t)
            kind[mask] = self.reply_tables[int(t)].sample(rng, int(mask.sum()))
        switch = own & (rng.random(m) < 0.3)  # some reply in their own language
        lang[switch] = self.pop.lang[author[switch]]
        text[own] = rng.integers(0, POOL, int(own.sum()))
        return Events(
            gid=self._gids(m),
            created=created,
            received=created.copy(),
            author=author,
            channel=channel,
            kind=kind.astype(np.int16),
            lang=lang,
            relation=relation,
            parent=parents.gid[p],
            parent_author=parents.author[p],
            episode=parents.episode[p],
            text=text.astype(np.int32),
            boost=np.where(spreading, parents.boost[p] * 0.8, 1.0).astype(np.float32),
            reactions=reactions,
            likes=np.zeros(m, np.int32),
            reposts=np.zeros(m, np.int32),
            replies=np.zeros(m, np.int32),
        )

    def reserve_gid(self) -> int:
        """A gid for a root named before the cascades run, apart from theirs."""
        self.reserved_gids += 1
        return RESERVED_GIDS + self.reserved_gids

    def _gids(self, n: int) -> np.ndarray:
        gids = np.arange(self.next_gid, self.next_gid + n, dtype=np.int64)
        self.next_gid += n
        return gids
