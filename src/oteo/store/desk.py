"""The response desk's queries: the inbox, responses, moderation decisions.

A mixin of :class:`~oteo.store.Store`.  Every change a person makes is written with its
audit line in the same transaction (who, what, when), so the log cannot miss one.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Engine, and_, bindparam, case, func, insert, literal, or_, select, update
from sqlalchemy.engine import Connection

from oteo.model import IncidentStatus
from oteo.store import schema as s

#: every state of an inbox item, and of a response (a reply or a brand post)
INBOX_STATES = ("new", "acknowledged", "replied", "private", "resolved", "follow_up", "closed")
RESPONSE_STATES = (
    "draft",
    "pending",
    "scheduled",
    "publishing",
    "published",
    "manual",
    "rejected",
    "failed",
)
#: inbox states that still wait for the team (the response clock runs)
WAITING = ("new", "acknowledged")
#: inbox states shown in the queue by default
OPEN = ("new", "acknowledged", "follow_up", "replied", "private")


def write_audit(
    conn: Connection,
    at: datetime,
    actor: str,
    action: str,
    target: str | None,
    data: dict[str, Any],
) -> None:
    """One audit line, in the caller's transaction (every store module writes them so)."""
    conn.execute(
        insert(s.audit_log).values(at=at, actor=actor, action=action, target=target, data=data)
    )


class DeskQueries:
    engine: Engine

    # ------------------------------------------------------------------ inbox

    def inbox_queue(
        self,
        now: datetime,
        warn_before: timedelta,
        *,
        states: Sequence[str] = OPEN,
        assignee: str | None = None,
        ids: Sequence[int] | None = None,
        limit: int = 100,
    ) -> list[dict[str, Any]]:
        """Inbox items, most urgent first: the item's own priority (intent, offence,
        harm, reach), the severity of an open incident it belongs to, and its response
        clock (about to run out, run out)."""
        open_incidents = (
            select(
                s.incident_mentions.c.mention_id,
                func.max(s.incidents.c.severity).label("severity"),
                func.max(s.incidents.c.id).label("incident"),
            )
            .join(s.incidents, s.incidents.c.id == s.incident_mentions.c.incident_id)
            .where(s.incidents.c.status != IncidentStatus.CLOSED.value)
            .group_by(s.incident_mentions.c.mention_id)
            .subquery()
        )
        waiting = s.inbox.c.state.in_(WAITING)
        clock = case(
            (and_(waiting, s.inbox.c.due_at <= now), literal("breached")),
            (and_(waiting, s.inbox.c.due_at <= now + warn_before), literal("warning")),
            else_=literal("ok"),
        )
        urgency = case(
            (and_(waiting, s.inbox.c.due_at <= now), 4.0),
            (and_(waiting, s.inbox.c.due_at <= now + warn_before), 2.0),
            (s.inbox.c.state == "follow_up", 1.0),
            else_=0.0,
        )
        rank = (
            s.inbox.c.priority + 1.5 * func.coalesce(open_incidents.c.severity, 0) + urgency
        ).label("rank")
        # first the ranking, on the inbox alone (a few columns of many rows); then the
        # mentions and authors of the chosen few only
        ranked = (
            select(
                s.inbox.c.id,
                clock.label("clock_now"),
                rank,
                open_incidents.c.severity.label("incident_severity"),
                func.coalesce(s.inbox.c.incident_id, open_incidents.c.incident).label("incident"),
            )
            .outerjoin(open_incidents, open_incidents.c.mention_id == s.inbox.c.mention_id)
            .where(s.inbox.c.state.in_(list(states)))
            .order_by(rank.desc(), s.inbox.c.due_at, s.inbox.c.id)
            .limit(limit)
        )
        if assignee is not None:
            ranked = ranked.where(s.inbox.c.assignee == assignee)
        if ids is not None:
            ranked = ranked.where(s.inbox.c.id.in_(list(ids)))
        top = ranked.subquery()
        q = (
            select(
                s.inbox,
                top.c.clock_now,
                top.c.rank,
                top.c.incident_severity,
                top.c.incident,
                s.mentions.c.text,
                s.mentions.c.channel,
                s.mentions.c.source,
                s.mentions.c.url,
                s.mentions.c.created_at.label("posted_at"),
                s.mentions.c.offensive,
                s.mentions.c.offensive_kind,
                s.mentions.c.offensive_words,
                s.mentions.c.cluster,
                s.mentions.c.deleted_at,
                s.mentions.c.drill,
                s.authors.c.handle,
                s.authors.c.name.label("author_name"),
                s.authors.c.followers,
                s.authors.c.tier,
                s.authors.c.risk,
                s.authors.c.risk_reasons,
            )
            .join(s.inbox, s.inbox.c.id == top.c.id)
            .join(s.mentions, s.mentions.c.id == s.inbox.c.mention_id)
            .outerjoin(s.authors, s.authors.c.id == s.mentions.c.author_id)
            .order_by(top.c.rank.desc(), s.inbox.c.due_at, s.inbox.c.id)
        )
        with self.engine.connect() as conn:
            return [r._asdict() for r in conn.execute(q)]

    def inbox_rows(self, ids: Sequence[int]) -> dict[int, dict[str, Any]]:
        with self.engine.connect() as conn:
            q = select(s.inbox).where(s.inbox.c.id.in_(list(ids)))
            return {r.id: r._asdict() for r in conn.execute(q)}

    def inbox_for_mention(self, mention_id: int) -> dict[str, Any] | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(s.inbox).where(s.inbox.c.mention_id == mention_id)).first()
            return row._asdict() if row else None

    def update_inbox(
        self,
        changes: Sequence[tuple[int, dict[str, Any]]],
        *,
        at: datetime,
        actor: str,
        action: str,
        data: dict[str, Any] | None = None,
    ) -> None:
        """Apply ``(item id, values)`` changes and audit each, in one transaction (the
        changes that set the same columns in one statement)."""
        if not changes:
            return
        groups: dict[tuple[str, ...], list[dict[str, Any]]] = {}
        for item_id, values in changes:
            groups.setdefault(tuple(sorted(values)), []).append(
                {"_id": item_id, **{f"_{k}": v for k, v in values.items()}}
            )
        audits = [
            {
                "at": at,
                "actor": actor,
                "action": action,
                "target": f"inbox:{item_id}",
                "data": {**(data or {}), **_plain(values)},
            }
            for item_id, values in changes
        ]
        with self.engine.begin() as conn:
            for columns, params in groups.items():
                conn.execute(
                    update(s.inbox)
                    .where(s.inbox.c.id == bindparam("_id"))
                    .values(updated_at=at, **{c: bindparam(f"_{c}") for c in columns}),
                    params,
                )
            if audits:
                conn.execute(insert(s.audit_log), audits)

    def clocks_changed(self, now: datetime, warn_before: timedelta) -> list[dict[str, Any]]:
        """Waiting items whose response clock moved on (to warning or breached) since
        it was last recorded."""
        # One range per clock on the (state, clock, due) index, so the items already
        # breached (most of a backlog nobody answers) are never read; a warned item
        # not yet due comes back too and is left out here.
        q = select(s.inbox.c.id, s.inbox.c.clock, s.inbox.c.due_at, s.inbox.c.assignee).where(
            s.inbox.c.state.in_(WAITING),
            s.inbox.c.clock.in_(["ok", "warning"]),
            s.inbox.c.due_at <= now + warn_before,
        )
        with self.engine.connect() as conn:
            rows = [r._asdict() for r in conn.execute(q)]
        return [r for r in rows if r["clock"] == "ok" or r["due_at"] <= now]

    def follow_ups_due(self, now: datetime) -> list[dict[str, Any]]:
        q = select(s.inbox.c.id, s.inbox.c.assignee).where(
            s.inbox.c.state == "resolved", s.inbox.c.follow_up_at <= now
        )
        with self.engine.connect() as conn:
            return [r._asdict() for r in conn.execute(q)]

    def inbox_span(self, since: datetime, until: datetime) -> list[dict[str, Any]]:
        """Items that arrived in ``[since, until)``, for the SLA report (a drill's are
        not the brand's promise: its report measures the team)."""
        q = select(
            s.inbox.c.id,
            s.inbox.c.state,
            s.inbox.c.created_at,
            s.inbox.c.due_at,
            s.inbox.c.responded_at,
            s.mentions.c.created_at.label("posted_at"),
        ).join(s.mentions, s.mentions.c.id == s.inbox.c.mention_id)
        q = q.where(
            s.inbox.c.created_at >= since,
            s.inbox.c.created_at < until,
            s.mentions.c.drill.is_(False),
        )
        with self.engine.connect() as conn:
            return [r._asdict() for r in conn.execute(q)]

    # ------------------------------------------------------------------ incidents

    def incident_for_mention(self, mention_id: int) -> dict[str, Any] | None:
        """The open incident a mention belongs to or, failing that, the open incident
        on one of its watches."""
        open_ = s.incidents.c.status != IncidentStatus.CLOSED.value
        by_mention = (
            select(s.incidents)
            .join(s.incident_mentions, s.incident_mentions.c.incident_id == s.incidents.c.id)
            .where(s.incident_mentions.c.mention_id == mention_id, open_)
        )
        by_watch = (
            select(s.incidents)
            .join(s.matches, s.matches.c.watch_id == s.incidents.c.watch_id)
            .where(s.matches.c.mention_id == mention_id, open_)
        )
        with self.engine.connect() as conn:
            for q in (by_mention, by_watch):
                row = conn.execute(q.order_by(s.incidents.c.severity.desc()).limit(1)).first()
                if row:
                    return row._asdict()
        return None

    # ------------------------------------------------------------------ responses

    def add_response(self, row: dict[str, Any], *, actor: str, at: datetime) -> int:
        with self.engine.begin() as conn:
            response_id = conn.execute(
                insert(s.responses).values(**row).returning(s.responses.c.id)
            ).scalar_one()
            write_audit(
                conn,
                at,
                actor,
                "response.drafted",
                f"response:{response_id}",
                {"kind": row["kind"], "state": row["state"], "text": row["text"][:500]},
            )
            return response_id

    def response(self, response_id: int) -> dict[str, Any] | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(s.responses).where(s.responses.c.id == response_id)).first()
            return row._asdict() if row else None

    def responses(
        self, states: Sequence[str] | None = None, limit: int = 100
    ) -> list[dict[str, Any]]:
        q = select(s.responses).order_by(s.responses.c.id.desc()).limit(limit)
        if states:
            q = q.where(s.responses.c.state.in_(list(states)))
        with self.engine.connect() as conn:
            return [r._asdict() for r in conn.execute(q)]

    def update_response(
        self,
        response_id: int,
        values: dict[str, Any],
        *,
        at: datetime,
        actor: str,
        action: str,
        data: dict[str, Any] | None = None,
        expect_state: str | None = None,
    ) -> bool:
        """Change a response (and audit it); with ``expect_state`` only if it is still
        in that state, so two people acting at once cannot both win."""
        q = update(s.responses).where(s.responses.c.id == response_id)
        if expect_state is not None:
            q = q.where(s.responses.c.state == expect_state)
        with self.engine.begin() as conn:
            if conn.execute(q.values(updated_at=at, **values)).rowcount == 0:
                return False
            write_audit(conn, at, actor, action, f"response:{response_id}", data or {})
            return True

    def claim_responses(self, now: datetime, lease: timedelta) -> list[dict[str, Any]]:
        """Scheduled responses due now, moved to ``publishing`` for ``lease`` (another
        publisher does not take them meanwhile; a crashed one's come back), their
        attempts counted."""
        due = or_(
            and_(s.responses.c.state == "scheduled", s.responses.c.scheduled_for <= now),
            and_(s.responses.c.state == "publishing", s.responses.c.scheduled_for <= now),
        )
        with self.engine.begin() as conn:
            ids = [r.id for r in conn.execute(select(s.responses.c.id).where(due).limit(100))]
            claimed = []
            for rid in ids:
                took = conn.execute(
                    update(s.responses)
                    .where(s.responses.c.id == rid, due)
                    .values(
                        state="publishing",
                        scheduled_for=now + lease,
                        attempts=s.responses.c.attempts + 1,
                        updated_at=now,
                    )
                )
                if took.rowcount:
                    claimed.append(rid)
            if not claimed:
                return []
            q = select(s.responses).where(s.responses.c.id.in_(claimed))
            return [r._asdict() for r in conn.execute(q)]

    # ------------------------------------------------------------------ moderation, evidence

    def add_moderation(self, row: dict[str, Any], *, audit_data: dict[str, Any]) -> int:
        with self.engine.begin() as conn:
            mod_id = conn.execute(
                insert(s.moderation).values(**row).returning(s.moderation.c.id)
            ).scalar_one()
            write_audit(
                conn,
                row["at"],
                row["decided_by"],
                "moderation." + row["action"],
                f"mention:{row['mention_id']}",
                audit_data,
            )
            return mod_id

    def moderation_for(self, mention_id: int) -> list[dict[str, Any]]:
        q = select(s.moderation).where(s.moderation.c.mention_id == mention_id)
        with self.engine.connect() as conn:
            return [r._asdict() for r in conn.execute(q.order_by(s.moderation.c.id))]

    def mark_deleted(self, source: str, external_ids: Sequence[str], at: datetime) -> int:
        """The source says these posts were deleted: they stay, marked (evidence)."""
        if not external_ids:
            return 0
        q = (
            update(s.mentions)
            .where(
                s.mentions.c.source == source,
                s.mentions.c.external_id.in_(list(external_ids)),
                s.mentions.c.deleted_at.is_(None),
            )
            .values(deleted_at=at)
        )
        with self.engine.begin() as conn:
            return conn.execute(q).rowcount

    def author(self, author_id: int) -> dict[str, Any] | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(s.authors).where(s.authors.c.id == author_id)).first()
            return row._asdict() if row else None


def _plain(values: dict[str, Any]) -> dict[str, Any]:
    """Values as JSON for the audit log."""
    return {k: v.isoformat() if isinstance(v, datetime) else v for k, v in values.items()}
