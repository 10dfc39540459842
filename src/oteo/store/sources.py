"""The connectors' bookkeeping: cursors, health and quarantine.

A mixin of :class:`~oteo.store.Store`.  A source's cursor normally travels with its
mentions and is saved in their transaction (:meth:`Store.ingest`); a page with nothing
to store saves it here.  Health is one row per source; quarantined items keep the
payload as received (bounded) and the reason, for a person to look at.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Engine, func, insert, select, update
from sqlalchemy.engine import Connection

from oteo.store import schema as s

#: the most of a quarantined payload that is kept
MAX_PAYLOAD = 64_000


class SourceQueries:
    engine: Engine

    def _save_cursor(self, conn: Connection, source: str, position: Any, now: datetime) -> None:
        found = conn.execute(
            update(s.source_cursors)
            .where(s.source_cursors.c.source == source)
            .values(cursor=position, updated_at=now)
        )
        if found.rowcount == 0:
            conn.execute(
                insert(s.source_cursors).values(source=source, cursor=position, updated_at=now)
            )

    def save_cursor(self, source: str, position: Any, now: datetime) -> None:
        with self.engine.begin() as conn:
            self._save_cursor(conn, source, position, now)

    def cursor(self, source: str) -> Any:
        with self.engine.connect() as conn:
            return conn.execute(
                select(s.source_cursors.c.cursor).where(s.source_cursors.c.source == source)
            ).scalar()

    # ------------------------------------------------------------------ health

    def _health(
        self, conn: Connection, source: str, add: dict[str, int], values: dict[str, Any]
    ) -> None:
        """Add to the source's counters and set its times (one row per source)."""
        h = s.source_health.c
        found = conn.execute(
            update(s.source_health)
            .where(h.source == source)
            .values(**{k: h[k] + n for k, n in add.items()}, **values)
        )
        if found.rowcount == 0:
            row = {"items": 0, "errors": 0, "quarantined": 0, **add, **values}
            conn.execute(insert(s.source_health).values(source=source, **row))

    def source_polled(self, source: str, at: datetime, items: int) -> None:
        """A call to the network went well and brought ``items`` items."""
        values: dict[str, Any] = {"polled_at": at}
        if items:
            values["last_item_at"] = at
        with self.engine.begin() as conn:
            self._health(conn, source, {"items": items}, values)

    def source_failed(self, source: str, at: datetime, error: str) -> None:
        values = {"polled_at": at, "last_error": error[:2000], "last_error_at": at}
        with self.engine.begin() as conn:
            self._health(conn, source, {"errors": 1}, values)

    def quarantine_item(self, source: str, at: datetime, reason: str, payload: str) -> None:
        with self.engine.begin() as conn:
            conn.execute(
                insert(s.quarantine).values(
                    source=source, at=at, reason=reason[:2000], payload=payload[:MAX_PAYLOAD]
                )
            )
            self._health(conn, source, {"quarantined": 1}, {})

    def source_health(self, since: datetime) -> list[dict[str, Any]]:
        """Every source's health row, with the items received since ``since``."""
        recent = (
            select(s.mentions.c.source, func.count().label("recent"))
            .where(s.mentions.c.received_at >= since)
            .group_by(s.mentions.c.source)
            .subquery()
        )
        q = (
            select(s.source_health, func.coalesce(recent.c.recent, 0).label("recent"))
            .outerjoin(recent, recent.c.source == s.source_health.c.source)
            .order_by(s.source_health.c.source)
        )
        with self.engine.connect() as conn:
            return [r._asdict() for r in conn.execute(q)]

    def quarantined(self, source: str | None = None, limit: int = 100) -> list[dict[str, Any]]:
        q = select(s.quarantine).order_by(s.quarantine.c.id.desc()).limit(limit)
        if source is not None:
            q = q.where(s.quarantine.c.source == source)
        with self.engine.connect() as conn:
            return [r._asdict() for r in conn.execute(q)]

    # ------------------------------------------------------------------ inbound webhooks

    def add_inbound(self, source: str, payload: str, at: datetime) -> int:
        """Keep what a service pushed, before answering it (nothing accepted is lost)."""
        with self.engine.begin() as conn:
            return int(
                conn.execute(
                    insert(s.inbound).values(source=source, received_at=at, payload=payload)
                ).inserted_primary_key[0]
            )

    def inbound_after(self, source: str, after: int, limit: int = 500) -> list[dict[str, Any]]:
        q = (
            select(s.inbound)
            .where(s.inbound.c.source == source, s.inbound.c.id > after)
            .order_by(s.inbound.c.id)
            .limit(limit)
        )
        with self.engine.connect() as conn:
            return [r._asdict() for r in conn.execute(q)]
