"""The store: the only place that talks SQL.

Writes come in batches from the pipeline's store stage (one thread); reads come from
the web app, the CLI and reports.  Ingest is idempotent: a post seen again updates its
engagement counts and nothing else (the first-seen text is the evidence).
"""

from __future__ import annotations

import hashlib
import json
import math
import struct
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any
from uuid import uuid4

from sqlalchemy import Engine, and_, delete, func, insert, select, update
from sqlalchemy.engine import Connection

from oteo.model import (
    OPEN_STATUSES,
    Alert,
    AuthorProfile,
    AuthorRisk,
    Mention,
    Person,
    Signal,
)
from oteo.recent import Recent
from oteo.store import schema as s
from oteo.store.bulk import Writer, in_chunks, key_chunks
from oteo.store.db import make_engine, migrate
from oteo.store.desk import DeskQueries, write_audit
from oteo.store.schema import utcnow
from oteo.store.sources import SourceQueries
from oteo.store.users import UserQueries

#: the most bytes of a mention's raw payload kept (the text itself is bounded apart)
MAX_RAW_BYTES = 64_000
#: how many recently seen authors the store remembers (id, profile and risk), to spare a
#: query for each returning author
AUTHOR_CACHE = 200_000
#: what a network says about an author, in the order ``Store._profile_values`` gives it
PROFILE_COLUMNS = (
    "name",
    "bio",
    "followers",
    "following",
    "posts",
    "account_created",
    "avatar",
    "verified",
    "liked",
    "automated",
)
#: a mention's columns, in the order ``Store._mention_row`` gives them
MENTION_COLUMNS = (
    "source",
    "external_id",
    "channel",
    "url",
    "text",
    "truncated",
    "lang",
    "created_at",
    "received_at",
    "updated_at",
    "author_id",
    "relation",
    "parent_external_id",
    "likes",
    "reposts",
    "replies",
    "quotes",
    "sentiment",
    "p_negative",
    "p_neutral",
    "p_positive",
    "offensive",
    "offensive_kind",
    "offensive_words",
    "intent",
    "harm",
    "cluster",
    "raw",
    "drill",
)


@dataclass(slots=True)
class IngestResult:
    new: list[Mention] = field(default_factory=list)
    updated: int = 0  # posts already stored (earlier, or earlier in the batch)


def _profile_hash(profile: AuthorProfile) -> int:
    digest = hashlib.blake2b(
        repr(profile.snapshot_key()).encode("utf-8", "replace"), digest_size=8
    ).digest()
    return int.from_bytes(digest, "big", signed=True)


def author_uid(source: str, profile: AuthorProfile) -> str:
    key = profile.external_id or profile.handle.lower()
    return f"{source}\x1f{key}"[:400]


def _by_first(pairs: Sequence[tuple[Any, Any]]) -> list[tuple[Any, list[Any]]]:
    """Group ``(a, b)`` keys by ``a``, in chunks (see :func:`key_chunks`):
    ``a = ? AND b IN (...)`` uses the index on both databases, where SQLite scans the
    whole index for ``(a, b) IN (...)``."""
    groups: dict[Any, list[Any]] = {}
    for a, b in pairs:
        groups.setdefault(a, []).append(b)
    return [(a, chunk) for a, bs in groups.items() for chunk in key_chunks(bs)]


def _joined(words: tuple[str, ...] | None) -> str | None:
    """A few words in one bounded column, comma-separated."""
    return None if words is None else ",".join(words)[:200]


def words_of(column: str | None) -> tuple[str, ...]:
    """The words a column written by :func:`_joined` holds (none for NULL)."""
    return tuple(w for w in (column or "").split(",") if w)


def _bounded_raw(raw: dict[str, Any] | None) -> dict[str, Any] | None:
    """The raw payload as JSON-safe data of bounded size."""
    if raw is None:
        return None
    try:
        encoded = json.dumps(raw, ensure_ascii=False)
        plain = True
    except (TypeError, ValueError):  # dates, sets, objects: stored as their text
        try:
            encoded = json.dumps(raw, ensure_ascii=False, default=str)
        except (TypeError, ValueError):
            return {"_unserialisable": True}
        plain = False
    if len(encoded) > MAX_RAW_BYTES:
        return {"_truncated": True, "_bytes": len(encoded), "head": encoded[: MAX_RAW_BYTES // 2]}
    return raw if plain else json.loads(encoded)


#: what the store knows of an author: id, profile hash, last stored risk (or None)
_Known = tuple[int, int, float | None]
#: ... and how it keeps it in memory: 24 packed bytes (no risk stored yet: NaN) are a
#: single small object, where the tuple of three numbers is four bigger ones
_PACKED = struct.Struct("<qqd")


def _pack(known: _Known) -> bytes:
    author_id, profile_hash, risk = known
    return _PACKED.pack(author_id, profile_hash, math.nan if risk is None else risk)


def _unpack(packed: bytes) -> _Known:
    author_id, profile_hash, risk = _PACKED.unpack(packed)
    return author_id, profile_hash, None if math.isnan(risk) else risk


class Store(DeskQueries, SourceQueries, UserQueries):
    """A database of mentions, watches, signals, incidents and everything around them."""

    def __init__(self, url: str, *, engine: Engine | None = None, upgrade: bool = True) -> None:
        self.url = url
        self.engine = engine or make_engine(url)
        if upgrade:
            migrate(self.engine)
        self._authors: Recent[str, bytes] = Recent(AUTHOR_CACHE)  # uid: _pack(known)
        dialect = self.engine.dialect
        self._w_mentions = Writer(s.mentions, MENTION_COLUMNS, dialect)
        self._w_matches = Writer(
            s.matches, ("watch_id", "mention_id", "received_at", "negative"), dialect
        )
        self._w_counts = Writer(
            s.mentions, ("likes", "reposts", "replies", "quotes", "updated_at", "id"), dialect
        )
        self._w_authors = Writer(
            s.authors,
            (
                "uid",
                "source",
                "handle",
                "external_id",
                *PROFILE_COLUMNS,
                "profile_hash",
                "first_seen",
                "last_seen",
            ),
            dialect,
        )
        self._w_profiles = Writer(
            s.authors, (*PROFILE_COLUMNS, "profile_hash", "last_seen", "id"), dialect
        )
        self._w_snapshots = Writer(
            s.author_snapshots, ("author_id", "observed_at", *PROFILE_COLUMNS), dialect
        )
        self._w_risks = Writer(s.authors, ("risk", "tier", "risk_reasons", "id"), dialect)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def close(self) -> None:
        self.engine.dispose()

    # ------------------------------------------------------------------ config sync

    def sync_watches(self, watches: Iterable[tuple[str, str | None, str]]) -> dict[str, int]:
        """Upsert watches (name, title, query) from the config; return name → id."""
        now = utcnow()
        wanted = list(watches)
        with self.engine.begin() as conn:
            existing = {r.name: r for r in conn.execute(select(s.watches))}
            for name, title, query in wanted:
                row = existing.get(name)
                if row is None:
                    conn.execute(
                        insert(s.watches).values(
                            name=name,
                            title=title,
                            query=query,
                            active=True,
                            created_at=now,
                            updated_at=now,
                        )
                    )
                elif (row.title, row.query, row.active) != (title, query, True):
                    conn.execute(
                        update(s.watches)
                        .where(s.watches.c.id == row.id)
                        .values(title=title, query=query, active=True, updated_at=now)
                    )
            names = {w[0] for w in wanted}
            for name, row in existing.items():
                if name not in names and row.active:
                    conn.execute(
                        update(s.watches)
                        .where(s.watches.c.id == row.id)
                        .values(active=False, updated_at=now)
                    )
            return {r.name: r.id for r in conn.execute(select(s.watches.c.name, s.watches.c.id))}

    def sync_people(self, people: Iterable[Person]) -> None:
        now = utcnow()
        wanted = {p.id: p for p in people}
        with self.engine.begin() as conn:
            existing = {r.id for r in conn.execute(select(s.people.c.id))}
            for pid, p in wanted.items():
                values = dict(
                    name=p.name,
                    roles=list(p.roles),
                    contacts=dict(p.contacts),
                    timezone=p.timezone,
                    active=True,
                    updated_at=now,
                )
                if pid in existing:
                    conn.execute(update(s.people).where(s.people.c.id == pid).values(**values))
                else:
                    conn.execute(insert(s.people).values(id=pid, **values))
            gone = existing - set(wanted)
            if gone:
                conn.execute(
                    update(s.people)
                    .where(s.people.c.id.in_(gone))
                    .values(active=False, updated_at=now)
                )

    def watch_ids(self) -> dict[str, int]:
        with self.engine.connect() as conn:
            return {r.name: r.id for r in conn.execute(select(s.watches.c.name, s.watches.c.id))}

    # ------------------------------------------------------------------ ingest

    def ingest(self, batch: Sequence[Mention], watch_ids: dict[str, int]) -> IngestResult:
        """Store a batch of understood, matched mentions in one transaction.

        New mentions get their ``id`` set and are returned in ``new``; mentions already
        stored only have their engagement counts updated.
        """
        if not batch:
            return IngestResult()
        cursors = {m.cursor[0]: m.cursor[1] for m in batch if m.cursor is not None}
        unique: dict[tuple[str, str], Mention] = {}
        for m in batch:
            previous = unique.get(m.key)
            if previous is None:
                unique[m.key] = m
            else:  # the same post twice in one batch: keep the first, newest counts
                previous.likes, previous.reposts = m.likes, m.reposts
                previous.replies, previous.quotes = m.replies, m.quotes
        mentions = list(unique.values())
        now = utcnow()
        with self.engine.begin() as conn:
            author_ids, learnt = self._upsert_authors(conn, mentions, now)
            existing = self._existing_mentions(conn, [m.key for m in mentions])
            fresh = [m for m in mentions if m.key not in existing]
            seen = [m for m in mentions if m.key in existing]
            self._w_counts.update(
                conn,
                [(m.likes, m.reposts, m.replies, m.quotes, now, existing[m.key]) for m in seen],
            )
            if fresh:
                rows = [self._mention_row(m, author_ids, now) for m in fresh]
                returned = self._w_mentions.insert_returning(
                    conn, rows, ("id", "source", "external_id")
                )
                ids = {(source, external_id): i for i, source, external_id in returned}
                match_rows = []
                for m in fresh:
                    m.id = ids[m.key]
                    negative = m.analysis is not None and m.analysis.negative
                    for name in m.watches:
                        wid = watch_ids.get(name)
                        if wid is not None:
                            match_rows.append((wid, m.id, m.received_at, negative))
                self._w_matches.insert(conn, match_rows)
            for source, position in cursors.items():  # in the same transaction: exactly once
                self._save_cursor(conn, source, position, now)
        # remembered once committed: a batch rolled back leaves no author behind
        for uid, known in learnt.items():
            self._authors.put(uid, _pack(known))
        # a post twice in the batch was stored by its first copy
        return IngestResult(new=fresh, updated=len(seen) + len(batch) - len(mentions))

    @staticmethod
    def _existing_mentions(
        conn: Connection, keys: list[tuple[str, str]]
    ) -> dict[tuple[str, str], int]:
        found: dict[tuple[str, str], int] = {}
        for source, external_ids in _by_first(keys):
            q = select(s.mentions.c.id, s.mentions.c.external_id).where(
                s.mentions.c.source == source, s.mentions.c.external_id.in_(external_ids)
            )
            found.update({(source, r.external_id): r.id for r in conn.execute(q)})
        return found

    @staticmethod
    def _mention_row(m: Mention, author_ids: dict[str, int], now: datetime) -> tuple[Any, ...]:
        """``m`` in ``MENTION_COLUMNS`` order."""
        a = m.analysis
        return (
            m.source,
            m.external_id,
            m.channel.value,
            m.url,
            m.text,
            m.truncated,
            m.lang,
            m.created_at,
            m.received_at or now,
            now,
            author_ids.get(author_uid(m.source, m.author)) if m.author else None,
            m.relation.value if m.relation else None,
            m.parent_external_id,
            m.likes,
            m.reposts,
            m.replies,
            m.quotes,
            a.sentiment.value if a else None,
            a.scores.get("negative") if a else None,
            a.scores.get("neutral") if a else None,
            a.scores.get("positive") if a else None,
            a.offensive if a else None,
            a.offensive_kind if a else None,
            _joined(a.offensive_words) if a else None,
            a.intent.value if a else None,
            _joined(a.harm) if a and a.harm else None,
            m.cluster,
            _bounded_raw(m.raw),
            m.drill,
        )

    def _upsert_authors(
        self, conn: Connection, mentions: list[Mention], now: datetime
    ) -> tuple[dict[str, int], dict[str, _Known]]:
        """Make sure every author exists; keep a snapshot whenever a profile changes, and
        each author's latest troll/bot assessment (written when it moves).  Returns
        each author's uid → id, and what to remember of them once the batch is in."""
        profiles: dict[str, AuthorProfile] = {}
        sources: dict[str, str] = {}
        seen_at: dict[str, datetime] = {}
        risks: dict[str, AuthorRisk] = {}
        for m in mentions:
            if m.author is not None:
                uid = author_uid(m.source, m.author)
                profiles[uid] = m.author
                sources[uid] = m.source
                seen_at[uid] = m.received_at or now
                if m.author_risk is not None:
                    risks[uid] = m.author_risk
        if not profiles:
            return {}, {}
        hashes = {uid: _profile_hash(p) for uid, p in profiles.items()}
        known: dict[str, _Known] = {}
        missing = []
        for uid in profiles:
            hit = self._authors.get(uid)
            if hit is None:
                missing.append(uid)
            else:
                known[uid] = _unpack(hit)
        c = s.authors.c
        for chunk in key_chunks(missing):
            q = select(c.uid, c.id, c.profile_hash, c.risk).where(c.uid.in_(chunk))
            known.update({r.uid: (r.id, r.profile_hash, r.risk) for r in conn.execute(q)})
        new_uids = [uid for uid in profiles if uid not in known]
        if new_uids:
            rows = [
                (
                    uid,
                    sources[uid],
                    profiles[uid].handle,
                    profiles[uid].external_id,
                    *self._profile_values(profiles[uid]),
                    hashes[uid],
                    seen_at[uid],
                    seen_at[uid],
                )
                for uid in new_uids
            ]
            for uid, author_id in self._w_authors.insert_returning(conn, rows, ("uid", "id")):
                known[uid] = (author_id, hashes[uid], None)
        fresh = set(new_uids)
        changed = [uid for uid in profiles if uid not in fresh and known[uid][1] != hashes[uid]]
        self._w_profiles.update(
            conn,
            [
                (*self._profile_values(profiles[uid]), hashes[uid], seen_at[uid], known[uid][0])
                for uid in changed
            ],
        )
        self._w_snapshots.insert(
            conn,
            [
                (known[uid][0], seen_at[uid], *self._profile_values(profiles[uid]))
                for uid in (*new_uids, *changed)
            ],
        )
        moved = []
        learnt: dict[str, _Known] = {}
        for uid in profiles:
            author_id, _, stored_risk = known[uid]
            risk = risks.get(uid)
            if risk is not None and (
                stored_risk is None or abs(stored_risk - risk.likelihood) > 0.01
            ):
                moved.append((risk.likelihood, risk.tier, risk.reasons, author_id))
                stored_risk = risk.likelihood
            learnt[uid] = (author_id, hashes[uid], stored_risk)
        self._w_risks.update(conn, moved)
        return {uid: known[uid][0] for uid in profiles}, learnt

    @staticmethod
    def _profile_values(p: AuthorProfile) -> tuple[Any, ...]:
        """``p`` in ``PROFILE_COLUMNS`` order."""
        return tuple(getattr(p, column) for column in PROFILE_COLUMNS)

    # ------------------------------------------------------------------ detection

    def save_signals(self, signals: Sequence[Signal], watch_ids: dict[str, int]) -> None:
        if not signals:
            return
        rows = [
            {
                "watch_id": watch_ids[sig.watch],
                "start": sig.start,
                "end": sig.end,
                "volume": sig.volume,
                "negative": sig.negative,
                "negative_authors": sig.negative_authors,
                "new_authors": sig.new_authors,
                "reach_negative": sig.reach_negative,
                "channels": sig.channels,
                "by_channel": {k: list(v) for k, v in sig.by_channel.items()},
                "expected": sig.expected,
                "expected_negative": sig.expected_negative,
                "score": sig.score,
            }
            for sig in signals
        ]
        with self.engine.begin() as conn:
            for watch_id, starts in _by_first([(r["watch_id"], r["start"]) for r in rows]):
                conn.execute(
                    delete(s.signals).where(
                        s.signals.c.watch_id == watch_id, s.signals.c.start.in_(starts)
                    )
                )
            conn.execute(insert(s.signals), rows)

    def save_states(self, states: dict[int, dict[str, Any]]) -> None:
        if not states:
            return
        now = utcnow()
        with self.engine.begin() as conn:
            existing = {
                r.watch_id
                for r in conn.execute(
                    select(s.detector_state.c.watch_id).where(
                        s.detector_state.c.watch_id.in_(list(states))
                    )
                )
            }
            for wid, state in states.items():
                if wid in existing:
                    conn.execute(
                        update(s.detector_state)
                        .where(s.detector_state.c.watch_id == wid)
                        .values(state=state, updated_at=now)
                    )
                else:
                    conn.execute(
                        insert(s.detector_state).values(watch_id=wid, state=state, updated_at=now)
                    )

    def load_states(self) -> dict[int, dict[str, Any]]:
        with self.engine.connect() as conn:
            return {r.watch_id: r.state for r in conn.execute(select(s.detector_state))}

    # ------------------------------------------------------------------ incidents

    def open_incident_for(self, watch_id: int, drill: bool = False) -> dict[str, Any] | None:
        """The watch's latest open incident (a drill's, with ``drill``: the two never mix)."""
        with self.engine.connect() as conn:
            row = conn.execute(
                select(s.incidents)
                .where(
                    s.incidents.c.watch_id == watch_id,
                    s.incidents.c.status.in_([x.value for x in OPEN_STATUSES]),
                    s.incidents.c.drill == drill,
                )
                .order_by(s.incidents.c.opened_at.desc())
                .limit(1)
            ).first()
            return row._asdict() if row else None

    def awaited_sparks(self) -> list[tuple[int, str]]:
        """The posts the alerts of open incidents pointed at that the store did not have
        when they came (``why["awaited_spark"]``, "source:id"), with their watch's id,
        oldest first: a restarted pipeline waits for them again."""
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(s.alerts.c.watch_id, s.alerts.c.why)
                .join(s.incidents, s.incidents.c.id == s.alerts.c.incident_id)
                .where(
                    s.incidents.c.status.in_([x.value for x in OPEN_STATUSES]),
                    s.incidents.c.drill.is_(False),
                )
                .order_by(s.alerts.c.at)
            ).all()
        return [
            (r.watch_id, r.why["awaited_spark"])
            for r in rows
            if isinstance(r.why, dict) and isinstance(r.why.get("awaited_spark"), str)
        ]

    def create_incident(
        self,
        alert: Alert,
        watch_id: int,
        title: str,
        origin_channel: str | None,
        first_mention_id: int | None,
    ) -> int:
        with self.engine.begin() as conn:
            incident_id = conn.execute(
                insert(s.incidents).values(
                    watch_id=watch_id,
                    status="detected",
                    severity=int(alert.severity),
                    category=alert.category,
                    origin=alert.origin,
                    origin_channel=origin_channel,
                    title=title[:300],
                    opened_at=alert.at,
                    updated_at=alert.at,
                    first_mention_id=first_mention_id,
                    drill=alert.drill,
                    why=alert.why,
                )
            ).inserted_primary_key[0]
            return int(incident_id)

    def update_incident(self, incident_id: int, **values: Any) -> None:
        with self.engine.begin() as conn:
            conn.execute(
                update(s.incidents).where(s.incidents.c.id == incident_id).values(**values)
            )

    def add_alert(self, alert: Alert, watch_id: int, incident_id: int | None) -> int:
        with self.engine.begin() as conn:
            alert_id = conn.execute(
                insert(s.alerts).values(
                    watch_id=watch_id,
                    incident_id=incident_id,
                    at=alert.at,
                    severity=int(alert.severity),
                    category=alert.category,
                    origin=alert.origin,
                    score=alert.score,
                    drill=alert.drill,
                    why=alert.why,
                )
            ).inserted_primary_key[0]
            if incident_id is not None and alert.mention_ids:
                have = {
                    r.mention_id
                    for r in conn.execute(
                        select(s.incident_mentions.c.mention_id).where(
                            s.incident_mentions.c.incident_id == incident_id,
                            s.incident_mentions.c.mention_id.in_(alert.mention_ids),
                        )
                    )
                }
                labels = alert.why.get("themes") or []
                rows = []
                for mid in dict.fromkeys(alert.mention_ids):
                    if mid in have:
                        continue
                    rank = alert.mention_themes.get(mid)
                    known = rank is not None and rank < len(labels)
                    rows.append(
                        {
                            "incident_id": incident_id,
                            "mention_id": mid,
                            "theme": str(labels[rank])[:200] if known else None,
                            "theme_rank": rank if known else None,
                            "alert_id": int(alert_id),
                        }
                    )
                if rows:
                    conn.execute(insert(s.incident_mentions), rows)
            return int(alert_id)

    def add_event(
        self,
        incident_id: int,
        at: datetime,
        kind: str,
        actor: str,
        data: dict[str, Any] | None = None,
        *,
        audit: tuple[str, dict[str, Any]] | None = None,
    ) -> None:
        """An event in the incident's timeline; with ``audit=(action, data)`` the same
        act goes into the audit log, in the same transaction."""
        with self.engine.begin() as conn:
            conn.execute(
                insert(s.incident_events).values(
                    incident_id=incident_id, at=at, kind=kind, actor=actor, data=data or {}
                )
            )
            if audit is not None:
                action, audit_data = audit
                write_audit(conn, at, actor, action, f"incident:{incident_id}", audit_data)

    def add_inbox(self, rows: Sequence[dict[str, Any]]) -> int:
        """Put mentions in the reply inbox (each once); return how many were new there.

        ``rows`` hold ``mention_id``, ``watch_id``, ``reason``, ``priority``, ``at`` and
        optionally ``incident_id`` and ``due_at`` (the response promise).
        """
        if not rows:
            return 0
        values = [
            {
                "mention_id": r["mention_id"],
                "watch_id": r["watch_id"],
                "incident_id": r.get("incident_id"),
                "reason": r["reason"],
                "priority": r["priority"],
                "due_at": r.get("due_at"),
                "state": "new",
                "created_at": r["at"],
                "updated_at": r["at"],
            }
            for r in rows
        ]
        statement = self._insert_ignore(s.inbox, ["mention_id"]).returning(s.inbox.c.id)
        added = 0
        with self.engine.begin() as conn:
            for chunk in in_chunks(values, 512):  # few statement shapes (see bulk)
                added += len(conn.execute(statement, chunk).all())
        return added

    def _insert_ignore(self, table: Any, keys: list[str]) -> Any:
        """INSERT … ON CONFLICT DO NOTHING in this database's dialect."""
        if self.dialect == "postgresql":
            from sqlalchemy.dialects.postgresql import insert as dialect_insert
        else:
            from sqlalchemy.dialects.sqlite import insert as dialect_insert
        return dialect_insert(table).on_conflict_do_nothing(index_elements=keys)

    def add_notifications(self, rows: list[dict[str, Any]]) -> dict[int, int]:
        """Store notifications; a row whose ``dedup_key`` is already there is skipped.
        Returns ``{position in rows: new id}`` for the rows stored."""
        if not rows:
            return {}
        keyed = [dict(r, dedup_key=r.get("dedup_key") or f"row:{uuid4().hex}") for r in rows]
        position = {r["dedup_key"]: i for i, r in enumerate(keyed)}
        with self.engine.begin() as conn:
            result = conn.execute(
                self._insert_ignore(s.notifications, ["dedup_key"]).returning(
                    s.notifications.c.id, s.notifications.c.dedup_key
                ),
                keyed,
            )
            return {position[r.dedup_key]: int(r.id) for r in result}

    def mark_notification(self, notification_id: int, **values: Any) -> None:
        with self.engine.begin() as conn:
            conn.execute(
                update(s.notifications)
                .where(s.notifications.c.id == notification_id)
                .values(**values)
            )

    def notifications_since(self, target: str, since: datetime) -> int:
        """Messages sent or on their way to ``target`` since then (the rate limit)."""
        with self.engine.connect() as conn:
            return conn.execute(
                select(func.count())
                .select_from(s.notifications)
                .where(
                    s.notifications.c.target == target[:300],
                    s.notifications.c.created_at >= since,
                    s.notifications.c.status != "held",
                )
            ).scalar_one()

    def due_notifications(
        self, now: datetime, lease: timedelta, limit: int = 100
    ) -> list[dict[str, Any]]:
        """Failed deliveries whose next attempt is due, claimed for ``lease``: asked
        again meanwhile, they are not handed out twice (and a crash mid-send only
        delays them)."""
        q = (
            select(s.notifications)
            .where(
                s.notifications.c.status == "retrying",
                s.notifications.c.next_attempt_at <= now,
            )
            .order_by(s.notifications.c.next_attempt_at)
            .limit(limit)
        )
        with self.engine.begin() as conn:
            rows = [r._asdict() for r in conn.execute(q)]
            if rows:
                conn.execute(
                    update(s.notifications)
                    .where(s.notifications.c.id.in_([r["id"] for r in rows]))
                    .values(next_attempt_at=now + lease)
                )
            return rows

    def notification_counts(self) -> dict[str, int]:
        """How many notifications are in each status."""
        q = select(s.notifications.c.status, func.count()).group_by(s.notifications.c.status)
        with self.engine.connect() as conn:
            return {status: n for status, n in conn.execute(q)}

    def notified(self, incident_id: int) -> list[dict[str, Any]]:
        """Who was sent what about an incident: person, channel, target, status."""
        q = select(
            s.notifications.c.person_id,
            s.notifications.c.channel,
            s.notifications.c.target,
            s.notifications.c.status,
        ).where(s.notifications.c.incident_id == incident_id)
        with self.engine.connect() as conn:
            return [r._asdict() for r in conn.execute(q)]

    def setting(self, key: str, default: Callable[[], str]) -> str:
        """A value kept in the database; ``default()`` makes it the first time (once,
        even when several processes ask at the same moment)."""
        with self.engine.begin() as conn:
            conn.execute(self._insert_ignore(s.settings, ["key"]).values(key=key, value=default()))
            return conn.execute(
                select(s.settings.c.value).where(s.settings.c.key == key)
            ).scalar_one()

    def incidents_due(self, now: datetime, drill: bool = False) -> list[dict[str, Any]]:
        """Open incidents nobody has acknowledged whose next escalation step is due (the
        drill's, with ``drill``: the running drill walks their chains)."""
        q = select(s.incidents).where(
            s.incidents.c.status == "detected",
            s.incidents.c.next_escalation_at <= now,
            s.incidents.c.drill == drill,
        )
        with self.engine.connect() as conn:
            return [r._asdict() for r in conn.execute(q)]

    def aftercare(self, now: datetime) -> list[dict[str, Any]]:
        """Closed incidents (not drills) still in their watch period, newest first."""
        q = (
            select(s.incidents, s.watches.c.name.label("watch"))
            .join(s.watches, s.watches.c.id == s.incidents.c.watch_id)
            .where(
                s.incidents.c.status == "closed",
                s.incidents.c.aftercare_until > now,
                s.incidents.c.drill.is_(False),
            )
            .order_by(s.incidents.c.closed_at.desc())
        )
        with self.engine.connect() as conn:
            return [r._asdict() for r in conn.execute(q)]

    def audit(
        self,
        actor: str,
        action: str,
        target: str | None = None,
        data: dict[str, Any] | None = None,
        at: datetime | None = None,
    ) -> None:
        with self.engine.begin() as conn:
            write_audit(conn, at or utcnow(), actor, action, target, data or {})

    def audit_log(self, target: str | None = None, limit: int = 500) -> list[dict[str, Any]]:
        """The latest audit lines (of one ``target`` such as ``inbox:3``), newest first."""
        q = select(s.audit_log).order_by(s.audit_log.c.id.desc()).limit(limit)
        if target is not None:
            q = q.where(s.audit_log.c.target == target)
        with self.engine.connect() as conn:
            return [r._asdict() for r in conn.execute(q)]

    # ------------------------------------------------------------------ reading

    def change_marks(self) -> dict[str, int]:
        """The newest row of what the pages show: a change in any means news to show."""
        tables = {
            "mentions": s.mentions.c.id,
            "events": s.incident_events.c.id,
            "alerts": s.alerts.c.id,
            "audit": s.audit_log.c.id,
        }
        with self.engine.connect() as conn:
            return {
                name: int(conn.execute(select(func.max(column))).scalar() or 0)
                for name, column in tables.items()
            }

    def counts(self) -> dict[str, int]:
        tables = {
            "mentions": s.mentions,
            "authors": s.authors,
            "author_snapshots": s.author_snapshots,
            "matches": s.matches,
            "signals": s.signals,
            "alerts": s.alerts,
            "incidents": s.incidents,
            "notifications": s.notifications,
            "inbox": s.inbox,
            "responses": s.responses,
        }
        with self.engine.connect() as conn:
            return {
                name: conn.execute(select(func.count()).select_from(table)).scalar_one()
                for name, table in tables.items()
            }

    def mention(self, mention_id: int) -> dict[str, Any] | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(s.mentions).where(s.mentions.c.id == mention_id)).first()
            return row._asdict() if row else None

    def mention_by_key(self, source: str, external_id: str) -> dict[str, Any] | None:
        with self.engine.connect() as conn:
            row = conn.execute(
                select(s.mentions).where(
                    s.mentions.c.source == source, s.mentions.c.external_id == external_id
                )
            ).first()
            return row._asdict() if row else None

    def author_snapshots(self, author_id: int) -> list[dict[str, Any]]:
        with self.engine.connect() as conn:
            q = (
                select(s.author_snapshots)
                .where(s.author_snapshots.c.author_id == author_id)
                .order_by(s.author_snapshots.c.id)
            )
            return [r._asdict() for r in conn.execute(q)]

    def watches(self) -> list[dict[str, Any]]:
        with self.engine.connect() as conn:
            return [
                r._asdict()
                for r in conn.execute(
                    select(s.watches).where(s.watches.c.active.is_(True)).order_by(s.watches.c.name)
                )
            ]

    def watch(self, name: str) -> dict[str, Any] | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(s.watches).where(s.watches.c.name == name)).first()
            return row._asdict() if row else None

    def incidents(self, *, open_only: bool = False, limit: int = 100) -> list[dict[str, Any]]:
        q = select(s.incidents, s.watches.c.name.label("watch")).join(
            s.watches, s.watches.c.id == s.incidents.c.watch_id
        )
        if open_only:
            q = q.where(s.incidents.c.status.in_([x.value for x in OPEN_STATUSES]))
        q = q.order_by(s.incidents.c.severity.desc(), s.incidents.c.opened_at.desc()).limit(limit)
        with self.engine.connect() as conn:
            return [r._asdict() for r in conn.execute(q)]

    def incident(self, incident_id: int) -> dict[str, Any] | None:
        q = (
            select(s.incidents, s.watches.c.name.label("watch"))
            .join(s.watches, s.watches.c.id == s.incidents.c.watch_id)
            .where(s.incidents.c.id == incident_id)
        )
        with self.engine.connect() as conn:
            row = conn.execute(q).first()
            return row._asdict() if row else None

    def incident_events(self, incident_id: int) -> list[dict[str, Any]]:
        q = (
            select(s.incident_events)
            .where(s.incident_events.c.incident_id == incident_id)
            .order_by(s.incident_events.c.at, s.incident_events.c.id)
        )
        with self.engine.connect() as conn:
            return [r._asdict() for r in conn.execute(q)]

    def incident_mention_count(self, incident_id: int) -> int:
        q = select(func.count()).where(s.incident_mentions.c.incident_id == incident_id)
        with self.engine.connect() as conn:
            return int(conn.execute(q).scalar_one())

    def incident_mentions(self, incident_id: int, limit: int = 50) -> list[dict[str, Any]]:
        """An incident's posts, by the place of the theme they were read in among their
        alert's themes (``theme``, ``theme_rank``: the first theme's first), those in none
        last; of the same place, by the alert that handed them over (the first alert's
        first), then oldest first."""
        q = (
            select(
                s.mentions,
                s.incident_mentions.c.theme,
                s.incident_mentions.c.theme_rank,
                s.authors.c.handle,
                s.authors.c.name.label("author_name"),
                s.authors.c.followers,
                s.authors.c.risk,
                s.authors.c.risk_reasons,
            )
            .join(s.incident_mentions, s.incident_mentions.c.mention_id == s.mentions.c.id)
            .outerjoin(s.authors, s.authors.c.id == s.mentions.c.author_id)
            .where(s.incident_mentions.c.incident_id == incident_id)
            .order_by(
                s.incident_mentions.c.theme_rank.is_(None),
                s.incident_mentions.c.theme_rank,
                s.incident_mentions.c.alert_id.is_not(None),  # kept since 0013: came later
                s.incident_mentions.c.alert_id,
                s.mentions.c.created_at,
            )
            .limit(limit)
        )
        with self.engine.connect() as conn:
            return [r._asdict() for r in conn.execute(q)]

    def notifications(
        self, incident_id: int | None = None, limit: int = 200
    ) -> list[dict[str, Any]]:
        q = select(s.notifications).order_by(s.notifications.c.id.desc()).limit(limit)
        if incident_id is not None:
            q = q.where(s.notifications.c.incident_id == incident_id)
        with self.engine.connect() as conn:
            return [r._asdict() for r in conn.execute(q)]

    def inbox_count(self, state: str = "new") -> int:
        with self.engine.connect() as conn:
            return conn.execute(
                select(func.count()).select_from(s.inbox).where(s.inbox.c.state == state)
            ).scalar_one()

    def signals(
        self, watch_id: int, since: datetime | None = None, until: datetime | None = None
    ) -> list[dict[str, Any]]:
        q = select(s.signals).where(s.signals.c.watch_id == watch_id)
        if since is not None:
            q = q.where(s.signals.c.start >= since)
        if until is not None:
            q = q.where(s.signals.c.start < until)
        with self.engine.connect() as conn:
            return [r._asdict() for r in conn.execute(q.order_by(s.signals.c.start))]

    def alerts(
        self, watch_id: int | None = None, since: datetime | None = None, limit: int = 200
    ) -> list[dict[str, Any]]:
        q = select(s.alerts).order_by(s.alerts.c.at.desc()).limit(limit)
        if watch_id is not None:
            q = q.where(s.alerts.c.watch_id == watch_id)
        if since is not None:
            q = q.where(s.alerts.c.at >= since)
        with self.engine.connect() as conn:
            return [r._asdict() for r in conn.execute(q)]

    def recent_mentions(
        self, watch_id: int, limit: int = 20, negative_only: bool = False
    ) -> list[dict[str, Any]]:
        q = (
            select(s.mentions, s.authors.c.handle, s.authors.c.risk, s.authors.c.risk_reasons)
            .join(s.matches, s.matches.c.mention_id == s.mentions.c.id)
            .outerjoin(s.authors, s.authors.c.id == s.mentions.c.author_id)
            .where(s.matches.c.watch_id == watch_id)
            .order_by(s.matches.c.received_at.desc())
            .limit(limit)
        )
        if negative_only:
            q = q.where(s.matches.c.negative.is_(True))
        with self.engine.connect() as conn:
            return [r._asdict() for r in conn.execute(q)]

    def history(
        self,
        watch_id: int,
        since: datetime | None = None,
        until: datetime | None = None,
        chunk: int = 5000,
    ) -> Iterator[dict[str, Any]]:
        """A watch's stored mentions in order of reception, with what detection needs
        (the author's latest profile snapshot included), streamed in chunks.  A drill's
        posts are not the brand's history and are left out."""
        q = self._history_query(watch_id).order_by(s.matches.c.received_at, s.mentions.c.id)
        if since is not None:
            q = q.where(s.matches.c.received_at >= since)
        if until is not None:
            q = q.where(s.matches.c.received_at < until)
        with self.engine.connect() as conn:
            result = conn.execution_options(yield_per=chunk).execute(q)
            for row in result:
                yield row._asdict()

    def post(self, watch_id: int, source: str, external_id: str) -> dict[str, Any] | None:
        """One stored post as :meth:`history` gives it for a watch, though the watch did
        not match it (people complaining of the brand may quote a post that calls it by
        a nickname); None if it is not stored."""
        q = self._history_query(watch_id, matched=False).where(
            s.mentions.c.source == source, s.mentions.c.external_id == external_id
        )
        with self.engine.connect() as conn:
            row = conn.execute(q).first()
        return row._asdict() if row else None

    @staticmethod
    def _history_query(watch_id: int, matched: bool = True) -> Any:
        snap = s.author_snapshots
        older = snap.alias("older")
        latest = (
            select(func.max(older.c.id))
            .where(older.c.author_id == s.mentions.c.author_id)
            .correlate(s.mentions)
            .scalar_subquery()
        )
        return (
            select(
                s.mentions.c.id,
                s.mentions.c.source,
                s.mentions.c.external_id,
                s.mentions.c.channel,
                s.mentions.c.text,
                s.mentions.c.created_at,
                s.mentions.c.relation,
                s.mentions.c.parent_external_id,
                s.mentions.c.harm,
                s.mentions.c.offensive_kind,
                s.mentions.c.cluster,
                func.coalesce(s.matches.c.received_at, s.mentions.c.received_at).label(
                    "received_at"
                ),
                func.coalesce(s.matches.c.negative, False).label("negative"),
                s.authors.c.handle,
                s.authors.c.external_id.label("author_external_id"),
                s.authors.c.risk,
                s.authors.c.risk_reasons,
                s.authors.c.tier,
                snap.c.followers,
                snap.c.bio,
            )
            .join(
                s.matches,
                and_(s.matches.c.mention_id == s.mentions.c.id, s.matches.c.watch_id == watch_id),
                isouter=not matched,
            )
            .outerjoin(s.authors, s.authors.c.id == s.mentions.c.author_id)
            .outerjoin(snap, snap.c.id == latest)
            .where(s.mentions.c.drill.is_(False))
        )

    def channel_counts(
        self, watch_id: int, since: datetime, until: datetime
    ) -> list[tuple[str, int, int]]:
        """``(channel, mentions, negative)`` of a watch in ``[since, until)``, most first,
        summed from the detection buckets' own counts (cheap at any volume)."""
        q = select(s.signals.c.by_channel).where(
            s.signals.c.watch_id == watch_id,
            s.signals.c.start >= since,
            s.signals.c.start < until,
        )
        totals: dict[str, list[int]] = {}
        with self.engine.connect() as conn:
            for (found,) in conn.execute(q):
                for channel, (n, negative) in (found or {}).items():
                    entry = totals.setdefault(channel, [0, 0])
                    entry[0] += n
                    entry[1] += negative
        return sorted(((c, n, neg) for c, (n, neg) in totals.items()), key=lambda x: -x[1])

    def watch_totals(self, watch_id: int, since: datetime) -> dict[str, int]:
        q = select(func.count(), func.coalesce(func.sum(s.signals.c.negative), 0)).where(
            s.signals.c.watch_id == watch_id, s.signals.c.start >= since
        )
        q_vol = select(func.coalesce(func.sum(s.signals.c.volume), 0)).where(
            s.signals.c.watch_id == watch_id, s.signals.c.start >= since
        )
        with self.engine.connect() as conn:
            _, negative = conn.execute(q).one()
            volume = conn.execute(q_vol).scalar_one()
        return {"volume": int(volume), "negative": int(negative)}

    def last_received(self, watch_id: int | None = None) -> datetime | None:
        """When the last mention (of the watch, if given) was received."""
        if watch_id is None:
            q = select(func.max(s.mentions.c.received_at))
        else:
            q = select(func.max(s.matches.c.received_at)).where(s.matches.c.watch_id == watch_id)
        with self.engine.connect() as conn:
            return conn.execute(q).scalar()
