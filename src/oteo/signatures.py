"""Signed webhooks, both ways: Standard Webhooks (what oteo sends, and what it accepts
from any service that signs that way) and Meta's ``X-Hub-Signature-256`` (Facebook
and Instagram webhooks).  Comparisons take constant time.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from collections.abc import Mapping

#: how far a Standard Webhooks timestamp may be from now (replays are refused)
TOLERANCE = 300


class StandardWebhooks:
    """``webhook-signature: v1,<base64 HMAC-SHA256 of "id.timestamp.body">`` under the
    secret (``whsec_`` + base64; a plain shared secret is used as is)."""

    def __init__(self, secret: str) -> None:
        raw = secret.removeprefix("whsec_")
        try:
            self._key = base64.b64decode(raw, validate=True)
        except ValueError:
            self._key = secret.encode()

    def sign(self, msg_id: str, timestamp: int, body: bytes) -> str:
        signed = f"{msg_id}.{timestamp}.".encode() + body
        return (
            "v1," + base64.b64encode(hmac.new(self._key, signed, hashlib.sha256).digest()).decode()
        )

    def verify(self, headers: Mapping[str, str], body: bytes, now: float) -> bool:
        """Whether the request is signed with the secret, recently (headers in lower case)."""
        msg_id, stamp = headers.get("webhook-id", ""), headers.get("webhook-timestamp", "")
        try:
            timestamp = int(stamp)
        except ValueError:
            return False
        if not msg_id or abs(now - timestamp) > TOLERANCE:
            return False
        expected = self.sign(msg_id, timestamp, body)
        offered = headers.get("webhook-signature", "").split()
        return any(hmac.compare_digest(expected, s) for s in offered if s.startswith("v1,"))


def hub_signature(secret: str, body: bytes) -> str:
    """Meta's ``X-Hub-Signature-256``: ``sha256=`` + hex HMAC-SHA256 of the body under
    the app secret."""
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def verify_hub(header: str, secret: str, body: bytes) -> bool:
    return hmac.compare_digest(hub_signature(secret, body), header or "")
