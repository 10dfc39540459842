"""People who sign in to the web app, their sessions and their API tokens.

A mixin of :class:`~oteo.store.Store`.  Only digests of session ids and API tokens are
stored (a copy of the database does not let anyone in); passwords are stored as the
hashes :mod:`oteo.web.auth` makes.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Engine, delete, func, insert, select, update
from sqlalchemy.exc import IntegrityError

from oteo.store import schema as s
from oteo.store.desk import write_audit


class UserExists(ValueError):
    pass


class UserQueries:
    engine: Engine

    def user_count(self) -> int:
        with self.engine.connect() as conn:
            return conn.execute(select(func.count()).select_from(s.users)).scalar_one()

    def add_user(self, values: dict[str, Any], *, actor: str, at: datetime) -> int:
        try:
            with self.engine.begin() as conn:
                user_id = conn.execute(insert(s.users).values(**values)).inserted_primary_key[0]
                target = f"user:{values['username']}"
                write_audit(conn, at, actor, "user.add", target, {"role": values["role"]})
        except IntegrityError:
            raise UserExists(values["username"]) from None
        return int(user_id)

    def user(self, username: str) -> dict[str, Any] | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(s.users).where(s.users.c.username == username)).first()
            return row._asdict() if row else None

    def users(self) -> list[dict[str, Any]]:
        with self.engine.connect() as conn:
            return [r._asdict() for r in conn.execute(select(s.users).order_by(s.users.c.username))]

    def update_user(
        self, username: str, values: dict[str, Any], *, actor: str, at: datetime, action: str
    ) -> bool:
        """Change a user; signing them out everywhere when the password, role or state
        changes.  False if there is no such user."""
        with self.engine.begin() as conn:
            row = conn.execute(select(s.users.c.id).where(s.users.c.username == username)).first()
            if row is None:
                return False
            conn.execute(update(s.users).where(s.users.c.id == row.id).values(**values))
            conn.execute(delete(s.sessions).where(s.sessions.c.user_id == row.id))
            data = {k: v for k, v in values.items() if k in ("role", "disabled", "lang")}
            write_audit(conn, at, actor, action, f"user:{username}", data)
        return True

    # ------------------------------------------------------------------ sessions

    def add_session(self, values: dict[str, Any]) -> None:
        with self.engine.begin() as conn:
            conn.execute(insert(s.sessions).values(**values))

    def session_user(self, digest: str, now: datetime) -> dict[str, Any] | None:
        """The signed-in user of a live session (with the session's ``csrf``), or None."""
        q = (
            select(s.users, s.sessions.c.csrf, s.sessions.c.id.label("session_id"))
            .join(s.users, s.users.c.id == s.sessions.c.user_id)
            .where(
                s.sessions.c.digest == digest,
                s.sessions.c.expires_at > now,
                s.users.c.disabled.is_(False),
            )
        )
        with self.engine.connect() as conn:
            row = conn.execute(q).first()
            return row._asdict() if row else None

    def end_session(self, digest: str) -> None:
        with self.engine.begin() as conn:
            conn.execute(delete(s.sessions).where(s.sessions.c.digest == digest))

    # ------------------------------------------------------------------ API tokens

    def add_token(self, values: dict[str, Any], *, actor: str, at: datetime) -> int:
        with self.engine.begin() as conn:
            token_id = conn.execute(insert(s.api_tokens).values(**values)).inserted_primary_key[0]
            data = {"name": values["name"], "user": values["user_id"]}
            write_audit(conn, at, actor, "token.create", f"token:{token_id}", data)
        return int(token_id)

    def token_user(self, digest: str, now: datetime) -> dict[str, Any] | None:
        """The user a live API token belongs to (its use is noted), or None."""
        q = (
            select(s.users, s.api_tokens.c.id.label("token_id"))
            .join(s.users, s.users.c.id == s.api_tokens.c.user_id)
            .where(
                s.api_tokens.c.digest == digest,
                s.api_tokens.c.revoked_at.is_(None),
                s.users.c.disabled.is_(False),
            )
        )
        with self.engine.begin() as conn:
            row = conn.execute(q).first()
            if row is None:
                return None
            conn.execute(
                update(s.api_tokens).where(s.api_tokens.c.id == row.token_id).values(used_at=now)
            )
            return row._asdict()

    def tokens(self) -> list[dict[str, Any]]:
        q = (
            select(s.api_tokens, s.users.c.username)
            .join(s.users, s.users.c.id == s.api_tokens.c.user_id)
            .order_by(s.api_tokens.c.id)
        )
        with self.engine.connect() as conn:
            return [r._asdict() for r in conn.execute(q)]

    def revoke_token(self, token_id: int, *, actor: str, at: datetime) -> bool:
        with self.engine.begin() as conn:
            done = conn.execute(
                update(s.api_tokens)
                .where(s.api_tokens.c.id == token_id, s.api_tokens.c.revoked_at.is_(None))
                .values(revoked_at=at)
            ).rowcount
            if done:
                write_audit(conn, at, actor, "token.revoke", f"token:{token_id}", {})
        return bool(done)
