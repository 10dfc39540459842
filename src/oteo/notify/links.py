"""One-click acknowledge links: signed, bound to one incident and one person, expiring.

The link carries the incident, the person and the expiry time, and an HMAC-SHA256 of
the three under a secret only the server knows, so it cannot be forged or moved to
another incident or person, and it stops working when it expires.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from datetime import UTC, datetime
from enum import StrEnum
from urllib.parse import urlencode

SETTING = "ack_link_secret"


class LinkCheck(StrEnum):
    OK = "ok"
    EXPIRED = "expired"
    INVALID = "invalid"


def new_secret() -> str:
    return secrets.token_urlsafe(32)


def _signature(secret: str, incident_id: int, person: str, expires: int) -> str:
    message = f"ack\x1f{incident_id}\x1f{person}\x1f{expires}".encode()
    digest = hmac.new(secret.encode(), message, hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def ack_url(base_url: str, secret: str, incident_id: int, person: str, expires: datetime) -> str:
    stamp = int(expires.timestamp())
    query = urlencode(
        {"p": person, "e": stamp, "s": _signature(secret, incident_id, person, stamp)}
    )
    return f"{base_url.rstrip('/')}/ack/{incident_id}?{query}"


def check(
    secret: str, incident_id: int, person: str, expires: str | int, signature: str, now: datetime
) -> LinkCheck:
    try:
        stamp = int(expires)
    except (TypeError, ValueError):
        return LinkCheck.INVALID
    expected = _signature(secret, incident_id, person, stamp)
    if not hmac.compare_digest(expected.encode(), str(signature).encode()):
        return LinkCheck.INVALID
    if now >= datetime.fromtimestamp(stamp, UTC):
        return LinkCheck.EXPIRED
    return LinkCheck.OK
