"""What only the stream shows: coordinated clusters, and how each author behaves.

The understanding step sees one post at a time; :class:`Crowd` follows the stream, so
a post can be marked as part of a coordinated cluster (several accounts posting the
same text within minutes) and its author assessed with the behaviour oteo has seen
(how often they post, how many of their posts are reposts, replies, links or insults).
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Iterable
from datetime import datetime, timedelta

from oteo.model import AuthorRisk, Mention, Relation
from oteo.recent import Recent
from oteo.understand.authors import HABIT, Behaviour, assess
from oteo.understand.coordination import Coordination

_LINK = re.compile(r"https?://")
MEMORY = timedelta(hours=24)
MAX_AUTHORS = 50_000
MAX_POSTS = 200


REPOST, REPLY, LINK, INSULT = 1, 2, 4, 8  # what a post was, as bits

#: an author's posts of the last MEMORY, oldest first: (POSIX time, bits).  Most authors
#: post once, so a plain list rather than a deque with room for MAX_POSTS
_Posts = list[tuple[float, int]]


class Crowd:
    def __init__(
        self, window: timedelta = timedelta(minutes=30), reassess: timedelta = timedelta(minutes=10)
    ) -> None:
        self.coordination = Coordination(window)
        self.reassess = reassess
        self._authors: Recent[str, _Posts] = Recent(MAX_AUTHORS)
        # assessments younger than ``reassess`` (an older one is never used again, so it
        # is not kept: its reasons are most of an author's memory), and when each was
        # made, oldest first (an author assessed again is in it twice: the first goes)
        self._fresh: dict[str, tuple[datetime, AuthorRisk]] = {}
        self._made: deque[tuple[datetime, str]] = deque()

    def observe(self, mentions: Iterable[Mention]) -> None:
        """Set ``cluster`` and ``author_risk`` on each mention (in place)."""
        for m in mentions:
            at = m.received_at or m.created_at
            key = _author_key(m)
            a = m.analysis
            if m.relation is not Relation.REPOST:
                cluster = (  # the workers' signature when there is one (too short: none)
                    self.coordination.add(m.text, key, at)
                    if a is None or a.signature is None
                    else self.coordination.add_signed(a.signature, m.text, key, at)
                )
                if cluster is not None and cluster.coordinated:
                    m.cluster = cluster.id
            if m.author is None:
                continue
            insult = bool(a and a.offensive >= 0.5)
            bits = (
                REPOST * (m.relation is Relation.REPOST)
                | REPLY * (m.relation is Relation.REPLY)
                | LINK * bool(_LINK.search(m.text))
                | INSULT * insult
            )
            now = at.timestamp()
            posts = self._authors.get(key) or []
            posts.append((now, bits))
            horizon = now - MEMORY.total_seconds()
            if posts[0][0] < horizon or len(posts) > MAX_POSTS:
                posts = [p for p in posts[-MAX_POSTS:] if p[0] >= horizon]
            self._authors.put(key, posts)
            fresh = self._fresh.get(key)
            if fresh is None or at - fresh[0] >= self.reassess or insult:
                fresh = (at, self._assess(m, posts, at))
                self._forget_stale(at)
                self._fresh[key] = fresh
                self._made.append((at, key))
            m.author_risk = fresh[1]

    def _forget_stale(self, now: datetime) -> None:
        """Drop the assessments too old to be used again (and the oldest, past
        MAX_AUTHORS of them)."""
        made, fresh = self._made, self._fresh
        while made and (now - made[0][0] >= self.reassess or len(fresh) >= MAX_AUTHORS):
            at, key = made.popleft()
            if key in fresh and fresh[key][0] == at:
                del fresh[key]

    @staticmethod
    def _assess(m: Mention, recent: _Posts, at: datetime) -> AuthorRisk:
        """``recent``: the author's posts of the last MEMORY, trimmed as they arrive."""
        n = len(recent)
        span_hours = max((at.timestamp() - recent[0][0]) / 3600.0, 1.0) if recent else 1.0

        def count(bit: int) -> int:
            return sum(1 for _, bits in recent if bits & bit)

        def share(bit: int) -> float:
            return count(bit) / n

        behaviour: Behaviour | None = None
        insulting: float | None = None
        per_hour: float | None = None
        insults = count(INSULT)
        if n >= HABIT:
            behaviour = Behaviour(
                posts_per_day=24.0 * n / max(span_hours, 24.0),
                repost_share=share(REPOST),
                reply_share=share(REPLY),
                link_share=share(LINK),
            )
            insulting = insults / n
            per_hour = n / span_hours
        assert m.author is not None
        return assess(
            m.author,
            at,
            behaviour=behaviour,
            insulting_share=insulting,
            insults=insults,
            posts_per_hour=per_hour,
        )


def _author_key(m: Mention) -> str:
    if m.author is None:
        return f"?{m.source}:{m.external_id}"
    return f"{m.source}\x1f{m.author.external_id or m.author.handle.lower()}"
