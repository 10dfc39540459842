"""The database schema: SQLAlchemy Core tables, the same on SQLite and PostgreSQL.

Changing a table here means writing an Alembic migration in ``migrations/versions``;
``tests/test_store.py`` fails when the two disagree.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    SmallInteger,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.types import TypeDecorator

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
metadata = MetaData(naming_convention=NAMING)

#: a 64-bit key that is SQLite's rowid there (autoincrementing) and BIGINT elsewhere
Key = BigInteger().with_variant(Integer(), "sqlite")
Json = JSON().with_variant(JSONB(), "postgresql")


class UTCDateTime(TypeDecorator[datetime]):
    """Aware UTC datetimes in, aware UTC datetimes out, on every database."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect):  # type: ignore[no-untyped-def]
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the store; use aware UTC datetimes")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def bind_processor(self, dialect):  # type: ignore[no-untyped-def]
        """On SQLite (dates kept as text) one step instead of two, in the very format
        of SQLAlchemy's SQLite DATETIME: ``YYYY-MM-DD HH:MM:SS.ffffff``."""
        if dialect.name != "sqlite":
            return super().bind_processor(dialect)

        def process(value: datetime | None) -> str | None:
            if value is not None and value.tzinfo is UTC:  # nearly always: times in UTC
                return value.isoformat(" ", "microseconds")[:26]
            naive = self.process_bind_param(value, dialect)  # refuses naive datetimes
            return None if naive is None else naive.isoformat(" ", "microseconds")

        return process

    def process_result_value(self, value: datetime | None, dialect):  # type: ignore[no-untyped-def]
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _profile_columns() -> list[Column]:  # type: ignore[type-arg]
    """What a network says about an author: kept as the latest (authors) and over time
    (author_snapshots)."""
    return [
        Column("name", String(300)),
        Column("bio", Text),
        Column("followers", BigInteger),
        Column("following", BigInteger),
        Column("posts", BigInteger),
        Column("account_created", UTCDateTime),
        Column("avatar", Boolean),
        Column("verified", Boolean),
        Column("liked", BigInteger),
        Column("automated", Boolean),
    ]


watches = Table(
    "watches",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(64), nullable=False, unique=True),
    Column("title", String(200)),
    Column("query", Text, nullable=False),
    Column("active", Boolean, nullable=False, default=True),
    Column("created_at", UTCDateTime, nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
)

authors = Table(
    "authors",
    metadata,
    Column("id", Key, primary_key=True),
    Column("uid", String(400), nullable=False, unique=True),  # source + network id or handle
    Column("source", String(100), nullable=False),
    Column("handle", String(200), nullable=False),
    Column("external_id", String(200)),
    *_profile_columns(),
    Column("profile_hash", BigInteger, nullable=False),
    Column("risk", Float),  # troll/bot likelihood, from the last assessment
    Column("tier", String(8)),
    Column("risk_reasons", Json),
    Column("first_seen", UTCDateTime, nullable=False),
    Column("last_seen", UTCDateTime, nullable=False),
)

author_snapshots = Table(
    "author_snapshots",
    metadata,
    Column("id", Key, primary_key=True),
    Column(
        "author_id", Key, ForeignKey("authors.id", ondelete="CASCADE"), nullable=False, index=True
    ),
    Column("observed_at", UTCDateTime, nullable=False),
    *_profile_columns(),
)

mentions = Table(
    "mentions",
    metadata,
    Column("id", Key, primary_key=True),
    Column("source", String(100), nullable=False),
    Column("external_id", String(300), nullable=False),
    Column("channel", String(20), nullable=False),
    Column("url", Text),
    Column("text", Text, nullable=False),
    Column("truncated", Boolean, nullable=False, default=False),
    Column("lang", String(12)),
    Column("created_at", UTCDateTime, nullable=False),
    Column("received_at", UTCDateTime, nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
    Column("author_id", Key, ForeignKey("authors.id"), index=True),
    Column("relation", String(10)),
    Column("parent_external_id", String(300)),
    Column("likes", BigInteger, nullable=False, default=0),
    Column("reposts", BigInteger, nullable=False, default=0),
    Column("replies", BigInteger, nullable=False, default=0),
    Column("quotes", BigInteger, nullable=False, default=0),
    Column("sentiment", String(10)),
    Column("p_negative", Float),
    Column("p_neutral", Float),
    Column("p_positive", Float),
    Column("offensive", Float),
    Column("offensive_kind", String(10)),
    # what makes it an attack (the lexicon's words, comma-separated); "" when the model
    # alone flags it, NULL when analysed before this was kept
    Column("offensive_words", String(200)),
    Column("intent", String(12)),
    Column("harm", String(200)),
    Column("cluster", BigInteger),  # a coordinated cluster of near-identical posts
    Column("raw", Json),
    # the source said it was deleted: the text stays here as first seen (evidence, S21)
    Column("deleted_at", UTCDateTime),
    # played by a drill (``oteo drill``): shown marked, never answered on the network
    Column("drill", Boolean, nullable=False, default=False),
    UniqueConstraint("source", "external_id"),
    Index("ix_mentions_received_at", "received_at"),
)

matches = Table(
    "matches",
    metadata,
    Column("watch_id", Integer, ForeignKey("watches.id", ondelete="CASCADE"), primary_key=True),
    Column("mention_id", Key, ForeignKey("mentions.id", ondelete="CASCADE"), primary_key=True),
    Column("received_at", UTCDateTime, nullable=False),
    Column("negative", Boolean, nullable=False),
    Index("ix_matches_watch_time", "watch_id", "received_at"),
    Index("ix_matches_mention", "mention_id"),
)

signals = Table(
    "signals",
    metadata,
    Column("id", Key, primary_key=True),
    Column("watch_id", Integer, ForeignKey("watches.id", ondelete="CASCADE"), nullable=False),
    Column("start", UTCDateTime, nullable=False),
    Column("end", UTCDateTime, nullable=False),
    Column("volume", Integer, nullable=False),
    Column("negative", Integer, nullable=False),
    Column("negative_authors", Integer, nullable=False),
    Column("new_authors", Integer, nullable=False),
    Column("reach_negative", BigInteger, nullable=False, default=0),
    Column("channels", SmallInteger, nullable=False, default=0),
    Column("by_channel", Json),  # {channel: [posts, negative]}
    Column("expected", Float, nullable=False),
    Column("expected_negative", Float, nullable=False),
    Column("score", Float, nullable=False),
    UniqueConstraint("watch_id", "start"),
)

incidents = Table(
    "incidents",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("watch_id", Integer, ForeignKey("watches.id"), nullable=False, index=True),
    Column("status", String(16), nullable=False),
    Column("severity", SmallInteger, nullable=False),
    Column("category", String(16), nullable=False),
    Column("origin", String(16), nullable=False),
    Column("origin_channel", String(20)),
    Column("title", String(300), nullable=False),
    Column("opened_at", UTCDateTime, nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
    Column("acknowledged_at", UTCDateTime),
    Column("closed_at", UTCDateTime),
    Column("first_mention_id", Key, ForeignKey("mentions.id")),
    Column("drill", Boolean, nullable=False, default=False),
    Column("why", Json),
    # the escalation chain: which step was last contacted, and when the next one is due
    Column("escalation_step", SmallInteger, nullable=False, default=0),
    Column("next_escalation_at", UTCDateTime),
    # after closing, the watch stays sharper until then (S20), and an outbreak reopens it
    Column("aftercare_until", UTCDateTime),
    Index("ix_incidents_status", "status"),
)

alerts = Table(
    "alerts",
    metadata,
    Column("id", Key, primary_key=True),
    Column("watch_id", Integer, ForeignKey("watches.id", ondelete="CASCADE"), nullable=False),
    Column("incident_id", Integer, ForeignKey("incidents.id")),
    Column("at", UTCDateTime, nullable=False),
    Column("severity", SmallInteger, nullable=False),
    Column("category", String(16), nullable=False),
    Column("origin", String(16), nullable=False),
    Column("score", Float, nullable=False),
    Column("drill", Boolean, nullable=False, default=False),
    Column("why", Json),
    Index("ix_alerts_watch_at", "watch_id", "at"),
)

incident_mentions = Table(
    "incident_mentions",
    metadata,
    Column(
        "incident_id", Integer, ForeignKey("incidents.id", ondelete="CASCADE"), primary_key=True
    ),
    Column("mention_id", Key, ForeignKey("mentions.id", ondelete="CASCADE"), primary_key=True),
    # the theme the alert that brought the post read it in (its label, and its place
    # among that alert's themes, 0 first); NULL: in none
    Column("theme", String(200)),
    Column("theme_rank", Integer),
    # the alert that handed it over (alerts.id; NULL before it was kept): an incident's
    # posts of the same rank come in the order of its alerts
    Column("alert_id", Key),
)

incident_events = Table(
    "incident_events",
    metadata,
    Column("id", Key, primary_key=True),
    Column(
        "incident_id",
        Integer,
        ForeignKey("incidents.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    Column("at", UTCDateTime, nullable=False),
    Column("kind", String(32), nullable=False),
    Column("actor", String(100), nullable=False),
    Column("data", Json),
)

people = Table(
    "people",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("name", String(200), nullable=False),
    Column("roles", Json, nullable=False),
    Column("contacts", Json, nullable=False),
    Column("timezone", String(64), nullable=False),
    Column("active", Boolean, nullable=False, default=True),
    Column("updated_at", UTCDateTime, nullable=False),
)

notifications = Table(
    "notifications",
    metadata,
    Column("id", Key, primary_key=True),
    Column("incident_id", Integer, ForeignKey("incidents.id", ondelete="CASCADE"), index=True),
    Column("person_id", String(64)),
    Column("channel", String(20), nullable=False),
    Column("target", String(300), nullable=False),
    Column("subject", String(300), nullable=False),
    Column("body", Text, nullable=False),
    # pending / sent / outbox / past (an import's, kept) / retrying / failed / held (rate limit)
    Column("status", String(12), nullable=False),
    Column("attempts", SmallInteger, nullable=False, default=0),
    Column("error", Text),
    Column("drill", Boolean, nullable=False, default=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("sent_at", UTCDateTime),
    # what the channels render (event, facts, links); the same on every retry
    Column("payload", Json),
    Column("next_attempt_at", UTCDateTime),
    # one message per incident, person, event and level: never the same one twice
    Column("dedup_key", String(200), unique=True),
    Index("ix_notifications_status_next", "status", "next_attempt_at"),
)

inbox = Table(
    "inbox",
    metadata,
    Column("id", Key, primary_key=True),
    Column(
        "mention_id",
        Key,
        ForeignKey("mentions.id", ondelete="CASCADE"),
        nullable=False,
        unique=True,
    ),
    Column("watch_id", Integer, ForeignKey("watches.id", ondelete="CASCADE"), nullable=False),
    Column("incident_id", Integer, ForeignKey("incidents.id")),
    Column("reason", String(32), nullable=False),
    Column("priority", Float, nullable=False),
    # new / acknowledged / replied / private / resolved / follow_up
    Column("state", String(16), nullable=False),
    Column("assignee", String(64)),
    Column("created_at", UTCDateTime, nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
    # the response promise: answer by due_at; clock is ok / warning / breached
    Column("due_at", UTCDateTime),
    Column("clock", String(10), nullable=False, default="ok"),
    Column("responded_at", UTCDateTime),
    Column("resolved_at", UTCDateTime),
    Column("follow_up_at", UTCDateTime),
    Index("ix_inbox_state_priority", "state", "priority"),
    Index("ix_inbox_state_due", "state", "due_at"),
    Index("ix_inbox_state_clock_due", "state", "clock", "due_at"),
)

responses = Table(
    "responses",
    metadata,
    Column("id", Key, primary_key=True),
    Column("kind", String(10), nullable=False),  # reply / post
    Column("inbox_id", Key, ForeignKey("inbox.id", ondelete="SET NULL")),
    Column("mention_id", Key, ForeignKey("mentions.id", ondelete="SET NULL")),
    Column("incident_id", Integer, ForeignKey("incidents.id", ondelete="SET NULL"), index=True),
    Column("account", String(64)),  # one of respond.accounts; none: published by hand
    Column("network", String(20), nullable=False),
    Column("text", Text, nullable=False),
    Column("lang", String(2), nullable=False),
    Column("template", String(64)),
    Column("pre_approved", Boolean, nullable=False, default=False),
    # draft / pending / scheduled / publishing / published / manual / rejected / failed
    Column("state", String(12), nullable=False),
    Column("author", String(64), nullable=False),
    Column("approvals_needed", SmallInteger, nullable=False),
    Column("approvals", Json, nullable=False),
    Column("risks", Json, nullable=False),
    Column("risk_accepted", Text),
    Column("scheduled_for", UTCDateTime),
    Column("attempts", SmallInteger, nullable=False, default=0),
    Column("published_at", UTCDateTime),
    Column("external_id", String(300)),
    Column("external_url", Text),
    Column("error", Text),
    Column("history", Json, nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
    Index("ix_responses_state_scheduled", "state", "scheduled_for"),
)

moderation = Table(
    "moderation",
    metadata,
    Column("id", Key, primary_key=True),
    Column("mention_id", Key, ForeignKey("mentions.id", ondelete="CASCADE"), nullable=False),
    Column("action", String(10), nullable=False),  # hide / delete / block / report
    Column("decided_by", String(64), nullable=False),
    Column("grounds", String(16), nullable=False),  # insult / threat / hate / spam / override
    Column("reason", Text),
    Column("state", String(10), nullable=False),  # done / manual / failed
    Column("error", Text),
    Column("at", UTCDateTime, nullable=False),
    Index("ix_moderation_mention", "mention_id"),
)

audit_log = Table(
    "audit_log",
    metadata,
    Column("id", Key, primary_key=True),
    Column("at", UTCDateTime, nullable=False, index=True),
    Column("actor", String(100), nullable=False),
    Column("action", String(64), nullable=False),
    Column("target", String(200)),
    Column("data", Json),
)

detector_state = Table(
    "detector_state",
    metadata,
    Column("watch_id", Integer, ForeignKey("watches.id", ondelete="CASCADE"), primary_key=True),
    Column("state", Json, nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
)

source_cursors = Table(
    "source_cursors",
    metadata,
    Column("source", String(100), primary_key=True),
    Column("cursor", Json, nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
)

#: how each source is doing: when it last asked, last brought something, last failed
source_health = Table(
    "source_health",
    metadata,
    Column("source", String(100), primary_key=True),
    Column("polled_at", UTCDateTime),
    Column("last_item_at", UTCDateTime),
    Column("items", BigInteger, nullable=False, default=0),
    Column("errors", BigInteger, nullable=False, default=0),
    Column("quarantined", BigInteger, nullable=False, default=0),
    Column("last_error", Text),
    Column("last_error_at", UTCDateTime),
)

#: what services pushed to ``/hooks/{source}``, kept as received until its source reads it
inbound = Table(
    "inbound",
    metadata,
    Column("id", Key, primary_key=True),
    Column("source", String(100), nullable=False),
    Column("received_at", UTCDateTime, nullable=False),
    Column("payload", Text, nullable=False),
    Index("ix_inbound_source_id", "source", "id"),
)

#: items a source could not turn into a mention, kept with the reason for a person to see
quarantine = Table(
    "quarantine",
    metadata,
    Column("id", Key, primary_key=True),
    Column("source", String(100), nullable=False),
    Column("at", UTCDateTime, nullable=False),
    Column("reason", Text, nullable=False),
    Column("payload", Text, nullable=False),
    Index("ix_quarantine_source_at", "source", "at"),
)


settings = Table(
    "settings",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)


def utcnow() -> datetime:
    return datetime.now(UTC)


#: people who sign in to the web app (``oteo user``); passwords as scrypt hashes
users = Table(
    "users",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("username", String(64), nullable=False, unique=True),
    Column("name", String(200)),
    Column("role", String(12), nullable=False),  # viewer / responder / approver / admin
    Column("password", String(300), nullable=False),
    Column("lang", String(2)),
    Column("person_id", String(64)),  # the team member they are, if any
    Column("disabled", Boolean, nullable=False, default=False),
    Column("created_at", UTCDateTime, nullable=False),
)

#: signed-in browsers: the digest of the cookie's session id, and its CSRF token
sessions = Table(
    "sessions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("digest", String(64), nullable=False, unique=True),
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("csrf", String(64), nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("expires_at", UTCDateTime, nullable=False),
)

#: tokens for the JSON API (``oteo token``): only their digests
api_tokens = Table(
    "api_tokens",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("digest", String(64), nullable=False, unique=True),
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("name", String(100), nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("used_at", UTCDateTime),
    Column("revoked_at", UTCDateTime),
)
