"""Who may do what in the web app: users with roles, passwords, sessions, API tokens.

- Roles, each including the ones before it: ``viewer`` (reads everything), ``responder``
  (acknowledges, works the inbox, drafts), ``approver`` (approves and rejects
  responses), ``admin`` (everything).
- Passwords are hashed with scrypt (memory-hard; n=2**14, r=8, p=1, a 16-byte salt)
  and compared in constant time.
- A session is a random id in an HttpOnly, SameSite=Lax cookie; the database keeps
  only its SHA-256 digest and the session's CSRF token, which every form sends back.
- API tokens (``oteo token create``) are random, shown once, stored as digests, sent
  as ``Authorization: Bearer …``.
- Sign-in attempts are limited: after 5 failures for one user name or from one
  address within 15 minutes, further attempts are refused until the window passes.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import time
from collections import defaultdict, deque
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from oteo.store import Store

ROLES = ("viewer", "responder", "approver", "admin")
RANK = {role: n for n, role in enumerate(ROLES)}
SCRYPT = {"n": 2**14, "r": 8, "p": 1}
MIN_PASSWORD = 10
TOKEN_PREFIX = "oteo_"


def allowed(role: str | None, needed: str) -> bool:
    return role in RANK and RANK[role] >= RANK[needed]


def hash_password(password: str) -> str:
    salt = secrets.token_bytes(16)
    key = hashlib.scrypt(password.encode(), salt=salt, dklen=32, **SCRYPT)
    b64 = base64.b64encode
    return (
        f"scrypt${SCRYPT['n']}${SCRYPT['r']}${SCRYPT['p']}${b64(salt).decode()}${b64(key).decode()}"
    )


def verify_password(password: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt, key = stored.split("$")
        if scheme != "scrypt":
            return False
        got = hashlib.scrypt(
            password.encode(),
            salt=base64.b64decode(salt),
            n=int(n),
            r=int(r),
            p=int(p),
            dklen=len(base64.b64decode(key)),
        )
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(got, base64.b64decode(key))


def user_row(
    username: str,
    role: str,
    password: str,
    *,
    name: str | None = None,
    person: str | None = None,
    lang: str | None = None,
) -> dict[str, Any]:
    """A new user as the ``users`` table keeps it (the password hashed)."""
    return {
        "username": username,
        "name": name,
        "role": role,
        "password": hash_password(password),
        "person_id": person,
        "lang": lang,
        "disabled": False,
        "created_at": datetime.now(UTC),
    }


def fresh_password(
    store: Store, username: str, role: str, *, actor: str, name: str | None = None
) -> str:
    """Give ``username`` (made with ``role`` if new) a new random password; return it."""
    password = new_secret()[:16]
    now = datetime.now(UTC)
    if store.user(username) is None:
        store.add_user(user_row(username, role, password, name=name), actor=actor, at=now)
    else:
        values = {"password": hash_password(password)}
        store.update_user(username, values, actor=actor, at=now, action="user.password")
    return password


def new_secret() -> str:
    return secrets.token_urlsafe(32)


def new_token() -> str:
    return TOKEN_PREFIX + secrets.token_urlsafe(32)


def digest(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()


class LoginLimiter:
    """Failed sign-ins per user name and per address in a sliding window."""

    def __init__(self, limit: int = 5, window: float = 900.0) -> None:
        self.limit = limit
        self.window = window
        self.failures: dict[str, deque[float]] = defaultdict(deque)

    def _recent(self, key: str, now: float) -> deque[float]:
        seen = self.failures[key]
        while seen and now - seen[0] > self.window:
            seen.popleft()
        return seen

    def blocked(self, keys: tuple[str, ...], now: float | None = None) -> bool:
        now = time.monotonic() if now is None else now
        return any(len(self._recent(k, now)) >= self.limit for k in keys)

    def failed(self, keys: tuple[str, ...], now: float | None = None) -> None:
        now = time.monotonic() if now is None else now
        for key in keys:
            self._recent(key, now).append(now)

    def succeeded(self, keys: tuple[str, ...]) -> None:
        for key in keys:
            self.failures.pop(key, None)
