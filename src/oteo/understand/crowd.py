"""What only the stream shows: coordinated clusters, and how each author behaves.

The understanding step sees one post at a time; :class:`Crowd` follows the stream, so
a post can be marked as part of a coordinated cluster (several accounts posting the
same text within minutes) and its author assessed with the behaviour oteo has seen
(how often they post, how many of their posts are reposts, replies, links or insults).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from oteo.model import AuthorRisk, Mention, Relation
from oteo.recent import Recent
from oteo.understand.authors import Behaviour, assess
from oteo.understand.coordination import Coordination

_LINK = re.compile(r"https?://")
MEMORY = timedelta(hours=24)
MAX_AUTHORS = 50_000
MAX_POSTS = 200


REPOST, REPLY, LINK, INSULT = 1, 2, 4, 8  # what a post was, as bits


@dataclass(slots=True)
class _Seen:
    """An author's posts of the last MEMORY, oldest first: (POSIX time, bits).  Most
    authors post once, so this is a plain list rather than a deque with room for
    MAX_POSTS."""

    posts: list[tuple[float, int]] = field(default_factory=list)
    assessed_at: datetime | None = None
    assessment: AuthorRisk | None = None


class Crowd:
    def __init__(
        self, window: timedelta = timedelta(minutes=30), reassess: timedelta = timedelta(minutes=10)
    ) -> None:
        self.coordination = Coordination(window)
        self.reassess = reassess
        self._authors: Recent[str, _Seen] = Recent(MAX_AUTHORS)

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
            seen = self._authors.get(key) or _Seen()
            self._authors.put(key, seen)
            insult = bool(a and a.offensive >= 0.5)
            bits = (
                REPOST * (m.relation is Relation.REPOST)
                | REPLY * (m.relation is Relation.REPLY)
                | LINK * bool(_LINK.search(m.text))
                | INSULT * insult
            )
            now = at.timestamp()
            posts = seen.posts
            posts.append((now, bits))
            horizon = now - MEMORY.total_seconds()
            if posts[0][0] < horizon or len(posts) > MAX_POSTS:
                seen.posts = posts = [p for p in posts[-MAX_POSTS:] if p[0] >= horizon]
            if (
                seen.assessment is None
                or seen.assessed_at is None
                or at - seen.assessed_at >= self.reassess
                or insult
            ):
                seen.assessment = self._assess(m, seen, at)
                seen.assessed_at = at
            m.author_risk = seen.assessment

    @staticmethod
    def _assess(m: Mention, seen: _Seen, at: datetime) -> AuthorRisk:
        recent = seen.posts  # the last MEMORY's, trimmed as they arrive
        n = len(recent)
        span_hours = max((at.timestamp() - recent[0][0]) / 3600.0, 1.0) if recent else 1.0

        def share(bit: int) -> float:
            return sum(1 for _, bits in recent if bits & bit) / n

        behaviour = None
        if n >= 3:  # too few posts say nothing about a habit
            behaviour = Behaviour(
                posts_per_day=24.0 * n / max(span_hours, 24.0),
                repost_share=share(REPOST),
                reply_share=share(REPLY),
                link_share=share(LINK),
            )
        insulting = share(INSULT) if n else None
        per_hour = n / span_hours if n >= 3 else None
        assert m.author is not None
        return assess(
            m.author, at, behaviour=behaviour, insulting_share=insulting, posts_per_hour=per_hour
        )


def _author_key(m: Mention) -> str:
    if m.author is None:
        return f"?{m.source}:{m.external_id}"
    return f"{m.source}\x1f{m.author.external_id or m.author.handle.lower()}"
