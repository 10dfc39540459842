"""The domain types of oteo: plain dataclasses, no I/O.

A :class:`Mention` is one post seen on one network; its :class:`AuthorProfile` is what
the network said about its author at that moment.  The understanding step attaches an
:class:`Analysis`; the matcher the names of the watches it belongs to.  Detection turns
per-watch buckets into :class:`Signal` values and, when the evidence is strong enough,
an :class:`Alert`, which the incident stage turns into or adds to an :class:`Incident`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import IntEnum, StrEnum
from typing import Any

#: other names a file or a service gives a channel, Spanish ones included
_CHANNEL_ALIASES = {
    "x": "twitter",
    "tweet": "twitter",
    "x/twitter": "twitter",
    "twitter/x": "twitter",
    "hn": "hackernews",
    "rss": "blog",
    "foro": "forum",
    "noticias": "news",
    "prensa": "news",
    "reseña": "review",
    "reseñas": "review",
    "opiniones": "review",
}


class Channel(StrEnum):
    """The kind of place a mention was published (not the connector that fetched it)."""

    TWITTER = "twitter"
    MASTODON = "mastodon"
    BLUESKY = "bluesky"
    FACEBOOK = "facebook"
    INSTAGRAM = "instagram"
    YOUTUBE = "youtube"
    REDDIT = "reddit"
    HACKERNEWS = "hackernews"
    FORUM = "forum"
    BLOG = "blog"
    NEWS = "news"
    REVIEW = "review"
    OTHER = "other"

    @classmethod
    def parse(cls, value: str | None) -> Channel:
        if not value:
            return cls.OTHER
        value = value.strip().lower()
        value = _CHANNEL_ALIASES.get(value, value)
        try:
            return cls(value)
        except ValueError:
            return cls.OTHER


class Relation(StrEnum):
    """How a mention relates to its parent post."""

    REPLY = "reply"
    REPOST = "repost"
    QUOTE = "quote"


class Severity(IntEnum):
    """The seeds' categories (S6), ordered.  ``ISOLATED`` never escalates: it goes to
    the inbox for a reply."""

    NONE = 0
    ISOLATED = 1
    LIGHT = 2
    STRONG = 3
    CRISIS = 4

    @property
    def key(self) -> str:
        return self.name.lower()


#: the severities that open an incident and escalate
ESCALATING = (Severity.LIGHT, Severity.STRONG, Severity.CRISIS)


class Sentiment(StrEnum):
    NEGATIVE = "negative"
    NEUTRAL = "neutral"
    POSITIVE = "positive"


class Intent(StrEnum):
    COMPLAINT = "complaint"
    QUESTION = "question"
    PRAISE = "praise"
    INFORMATION = "information"
    OTHER = "other"


class IncidentStatus(StrEnum):
    """The incident lifecycle, in order."""

    DETECTED = "detected"
    ACKNOWLEDGED = "acknowledged"
    TRIAGED = "triaged"
    CONVENED = "convened"
    RESPONDING = "responding"
    MONITORING = "monitoring"
    CLOSED = "closed"


OPEN_STATUSES = tuple(s for s in IncidentStatus if s is not IncidentStatus.CLOSED)
#: what an incident is (S6): the levels, and the two kinds a crowd of accounts makes
CATEGORIES = ("isolated", "light", "strong", "crisis", "attack", "bot_flood")
#: who is behind an incident (S9)
ORIGINS = ("customer", "influencer", "troll", "bot_cluster", "competitor", "insider", "brand")


@dataclass(slots=True)
class AuthorProfile:
    """An author as a network showed them when a mention was fetched."""

    handle: str
    external_id: str | None = None
    name: str | None = None
    bio: str | None = None
    followers: int | None = None
    following: int | None = None
    posts: int | None = None
    account_created: datetime | None = None
    avatar: bool | None = None
    verified: bool | None = None
    #: how many posts the author has liked (X gives it; most networks do not)
    liked: int | None = None
    #: the network's own mark of an automated account (Mastodon's ``bot``, Bluesky's
    #: ``bot`` self-label); None where the network has no such mark
    automated: bool | None = None

    def snapshot_key(self) -> tuple[Any, ...]:
        """What makes two snapshots different (a new snapshot is kept on change)."""
        return (
            self.name,
            self.bio,
            self.followers,
            self.following,
            self.posts,
            self.account_created,
            self.avatar,
            self.verified,
            self.liked,
            self.automated,
        )


@dataclass(slots=True)
class AuthorRisk:
    """How likely an author is a troll or a bot, why, and how far they reach."""

    likelihood: float
    tier: str  # none / nano / micro / mid / macro / mega
    #: why, as message keys and their values, told in each reader's language: ``t(key, **values)``
    reasons: list[tuple[str, dict[str, Any]]]


@dataclass(slots=True)
class Analysis:
    """What the understanding step learnt about one mention."""

    lang: str
    sentiment: Sentiment
    scores: dict[str, float]
    offensive: float
    offensive_kind: str | None = None  # insult / threat / hate
    intent: Intent = Intent.OTHER
    harm: tuple[str, ...] = ()  # harm terms found (health, safety, legal, fraud)
    about_brand: bool = True  # False when the post merely names the brand
    #: the text's MinHash signature for near-duplicate search (``understand.coordination``),
    #: worked out with the rest so the pipeline's process need not; None: too short
    signature: bytes | None = field(default=None, repr=False, compare=False)
    #: what makes it an attack by the lexicon's reading (an insult, a slur, a threat);
    #: () when the model alone flags it, None when not known (analysed before it was kept)
    offensive_words: tuple[str, ...] | None = None

    @property
    def negative(self) -> bool:
        return self.sentiment is Sentiment.NEGATIVE


@dataclass(slots=True)
class Mention:
    """One post about (or naming) a brand, as fetched from one source."""

    source: str
    external_id: str
    text: str
    created_at: datetime
    channel: Channel = Channel.OTHER
    received_at: datetime | None = None
    url: str | None = None
    lang: str | None = None
    author: AuthorProfile | None = None
    relation: Relation | None = None
    parent_external_id: str | None = None
    likes: int = 0
    reposts: int = 0
    replies: int = 0
    quotes: int = 0
    raw: dict[str, Any] | None = None
    truncated: bool = False  # the text was cut to the size limit
    ref: Any = None  # where it came from in its source (a file line), for error reports
    cursor: tuple[str, Any] | None = None  # (source, position) to save once it is stored
    drill: bool = False  # played by a drill: never answered on the network
    # filled in along the pipeline
    id: int | None = None
    watches: list[str] = field(default_factory=list)
    analysis: Analysis | None = None
    cluster: int | None = None  # a coordinated cluster of near-identical posts
    author_risk: AuthorRisk | None = None

    @property
    def key(self) -> tuple[str, str]:
        return (self.source, self.external_id)

    @property
    def reach(self) -> int:
        """Followers of the author, the simplest measure of how far a post can go."""
        if self.author is None or self.author.followers is None:
            return 0
        return max(0, self.author.followers)


@dataclass(slots=True)
class Signal:
    """The state of one watch over one closed bucket of time."""

    watch: str
    start: datetime
    end: datetime
    volume: int
    negative: int
    negative_authors: int
    new_authors: int
    expected: float
    expected_negative: float
    score: float
    reach_negative: int = 0
    channels: int = 0
    #: posts and negative posts per channel
    by_channel: dict[str, tuple[int, int]] = field(default_factory=dict)


@dataclass(slots=True)
class Alert:
    """A detector's decision that something is happening on a watch."""

    watch: str
    at: datetime
    severity: Severity
    score: float
    category: str  # isolated / light / strong / crisis / attack / bot_flood
    origin: str  # customer / troll / bot_cluster / competitor / insider / influencer
    why: dict[str, Any]
    mention_ids: list[int] = field(default_factory=list)
    drill: bool = False
    #: the theme each of ``mention_ids`` was read in (an index into ``why["themes"]``),
    #: where it was in one
    mention_themes: dict[int, int] = field(default_factory=dict)
    #: the post ("source:id") the episode's people answer, quote or repost most, when
    #: detection does not hold it (older, or calm): it may have set the story off, and
    #: the pipeline looks it up in the store (not stored with the alert)
    spark: str | None = None


@dataclass(slots=True)
class Person:
    """A member of the crisis team or a stakeholder, from the config."""

    id: str
    name: str
    roles: tuple[str, ...] = ()
    contacts: dict[str, str] = field(default_factory=dict)
    timezone: str = "UTC"
