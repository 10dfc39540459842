"""The simulation: a brand, its population, its background, its episodes, its stream.

``Simulation.batches()`` yields :class:`~oteo.sim.engine.Events` (arrays, fast: what
benchmarks use); ``Simulation.mentions()`` yields :class:`~oteo.model.Mention`
objects in order of reception, as a live system would see them.  The same seed gives
the same stream.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

import numpy as np

from oteo.model import Channel, Mention, Relation
from oteo.sim.engine import CHANNELS, KIND, REPOST, Engine, Events, make_events
from oteo.sim.population import LANG, LANGS, ROLES, Population
from oteo.sim.textbank import TextBank
from oteo.sim.texts import KINDS

if TYPE_CHECKING:
    from oteo.sim.scenarios import Episode

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
RELATIONS = {1: Relation.REPLY, 2: Relation.REPOST, 3: Relation.QUOTE}
CHUNK = timedelta(hours=6)
BOT_SUFFIXES = ("", " !!", " 🔴", " ‼️", " #urgente", " 📢", " ⚠️", " ...", " RT", " 👀")


@dataclass(slots=True)
class Brand:
    """A fictional brand and the size and shape of its conversation."""

    name: str = "Lumbre Burger"
    handle: str = "lumbreburger"
    sector: str = "restaurant"
    langs: dict[str, float] = field(default_factory=lambda: {"es": 0.82, "en": 0.18})
    daily_volume: float = 800.0
    channels: dict[Channel, float] = field(default_factory=lambda: dict(DEFAULT_CHANNELS))


class Simulation:
    def __init__(
        self,
        brand: Brand | None = None,
        *,
        start: datetime,
        duration: timedelta,
        seed: int = 1,
        episodes: list[Episode] | None = None,
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
        self.source = source
        self.background = background
        self.rng = np.random.default_rng(seed)
        scale = max(0.2, self.brand.daily_volume / 800)
        self.population = Population(
            self.brand.name, self.brand.handle, self.rng, seed, self.start, self.brand.langs, scale
        )
        self.engine = Engine(
            self.population,
            self.rng,
            daily_volume=self.brand.daily_volume,
            channels=self.brand.channels,
            tz_offset_hours=self._local,
            branching=branching,
        )
        self.texts = TextBank(self.brand.name, self.brand.handle, self.brand.sector, seed)
        self.episodes = list(episodes or [])
        planned = []
        for number, episode in enumerate(self.episodes):
            roots = episode.plan(self)
            roots.episode[:] = number
            planned.append(roots)
        roots = Events.concat(planned)
        self._scheduled = roots.take(np.argsort(roots.created, kind="stable"))

    # ------------------------------------------------------------------ helpers for episodes

    def roots(
        self,
        times: list[datetime] | np.ndarray,
        authors: np.ndarray,
        channel: Channel | np.ndarray,
        kinds: list[str] | str,
        *,
        lang: int | np.ndarray | None = None,
        boost: float | np.ndarray = 1.0,
        reactions: int = -1,
    ) -> Events:
        """Root posts of an episode."""
        created = (
            np.array([t.timestamp() for t in times], float)
            if isinstance(times, list)
            else np.asarray(times, float)
        )
        n = len(created)
        kind = (
            np.full(n, KIND[kinds])
            if isinstance(kinds, str)
            else np.array([KIND[k] for k in kinds])
        )
        chan = np.full(n, CHANNELS.index(channel)) if isinstance(channel, Channel) else channel
        langs = (
            self.population.lang[authors]
            if lang is None
            else (np.full(n, lang) if isinstance(lang, int) else lang)
        )
        return make_events(
            self.rng,
            created=created,
            author=np.asarray(authors),
            channel=chan,
            kind=kind,
            lang=langs,
            boost=np.full(n, boost) if np.isscalar(boost) else boost,
            reactions=np.full(n, reactions),
        )

    def lang_code(self, lang: str) -> int:
        return LANG[lang]

    def _local(self, unix_hour: float) -> tuple[int, int]:
        local = datetime.fromtimestamp(unix_hour, self.tz)
        return local.hour, local.weekday()

    def rate(self, at: datetime) -> float:
        """Expected background mentions per hour at ``at``."""
        from oteo.sim.engine import DAILY_SHAPE, WEEKDAY_FACTOR

        hour, weekday = self._local(at.timestamp())
        return self.brand.daily_volume / 24.0 * DAILY_SHAPE[hour] * WEEKDAY_FACTOR[weekday] / 1.02

    # ------------------------------------------------------------------ streams

    def batches(self) -> Iterator[Events]:
        """Events in order of reception, a chunk of time at a time (bounded memory).
        The stream is what oteo receives between the start and the end: a post written
        shortly before the end that a slow source delivers after it is not in it (a
        demo's week ending now would otherwise hold posts received hours from now)."""
        start, end = self.start.timestamp(), self.end.timestamp()
        pending = Events.concat([])
        scheduled = self._scheduled
        s_index = 0
        chunk = CHUNK.total_seconds()
        t = start
        while t < end:
            t_next = min(t + chunk, end)
            hours = np.arange(t, t_next, 3600.0)
            parts = [self.engine.background(hours)] if self.background else []
            s_end = s_index + int(np.searchsorted(scheduled.created[s_index:], t_next))
            if s_end > s_index:
                parts.append(scheduled.take(np.arange(s_index, s_end)))
                s_index = s_end
            roots = Events.concat(parts)
            if len(roots):
                events = self.engine.cascade(roots)
                events = events.take(np.flatnonzero(events.created < end))
                pending = Events.concat([pending, events])
            ready = pending.received < t_next
            out = pending.take(np.flatnonzero(ready))
            pending = pending.take(np.flatnonzero(~ready))
            if len(out):
                yield out.take(np.lexsort((out.gid, out.received)))
            t = t_next

    def __iter__(self) -> Iterator[Mention]:
        return self.mentions()

    def mentions(self) -> Iterator[Mention]:
        names = [e.name for e in self.episodes]
        for ev in self.batches():
            yield from self._to_mentions(ev, names)

    def _to_mentions(self, ev: Events, episode_names: list[str]) -> Iterator[Mention]:
        pop, texts, seed = self.population, self.texts, self.seed
        cols = [
            c.tolist()
            for c in (
                ev.gid,
                ev.created,
                ev.received,
                ev.author,
                ev.channel,
                ev.kind,
                ev.lang,
                ev.relation,
                ev.parent,
                ev.parent_author,
                ev.episode,
                ev.text,
                ev.likes,
                ev.reposts,
                ev.replies,
            )
        ]
        for (
            gid,
            created,
            received,
            author,
            channel,
            kind,
            lang,
            relation,
            parent,
            parent_author,
            episode,
            text,
            likes,
            reposts,
            replies,
        ) in zip(*cols, strict=True):
            profile = pop.profile(author)
            chan = CHANNELS[channel]
            kind_name, lang_name = KINDS[kind], LANGS[lang]
            body = texts.text(lang_name, kind_name, text)
            if relation == REPOST:
                body = (
                    f"RT @{pop.profile(parent_author).handle}: {body}"
                    if chan is Channel.TWITTER
                    else body
                )
            elif relation:
                body = f"@{pop.profile(parent_author).handle} {body}"
            cluster = int(pop.cluster[author])
            if (
                cluster >= 0 and relation == 0
            ):  # bots vary a pasted message to slip past spam filters
                body += BOT_SUFFIXES[gid % len(BOT_SUFFIXES)]
            yield Mention(
                source=self.source,
                external_id=f"{seed}-{gid}",
                text=body,
                created_at=datetime.fromtimestamp(created, UTC),
                channel=chan,
                received_at=datetime.fromtimestamp(received, UTC),
                url=f"https://{DOMAINS.get(chan, 'web.example')}/{profile.handle}/{gid}",
                author=profile,
                relation=RELATIONS.get(relation),
                parent_external_id=f"{seed}-{parent}" if parent >= 0 else None,
                likes=likes,
                reposts=reposts,
                replies=replies,
                raw={
                    "sim": {
                        "kind": kind_name,
                        "role": ROLES[pop.role[author]],
                        "episode": episode_names[episode] if episode >= 0 else None,
                        "lang": lang_name,
                        "cluster": cluster if cluster >= 0 else None,
                    }
                },
            )

    def ground_truth(self) -> dict[str, Any]:
        return {
            "brand": self.brand.name,
            "seed": self.seed,
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "episodes": [e.truth for e in self.episodes],
        }


def hours_from(onset: datetime, hours: np.ndarray) -> np.ndarray:
    """Unix times ``hours`` (an array) after ``onset``."""
    return onset.timestamp() + hours * 3600.0
