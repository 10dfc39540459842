"""A session with a Bluesky (AT Protocol) service: log in with an app password, call
XRPC methods, log in again when the access token has expired.

Used by the publisher (posting, blocking) and by the Bluesky connector (searching).
"""

from __future__ import annotations

from typing import Any

from pydantic import SecretStr

from oteo.remote import RemoteError, call


class Session:
    def __init__(self, service: str, identifier: str, password: SecretStr | str) -> None:
        self.base = service.rstrip("/")
        self.identifier = identifier.lstrip("@")
        self.password = password if isinstance(password, SecretStr) else SecretStr(password)
        self._session: dict[str, Any] | None = None

    def login(self) -> dict[str, Any]:
        """The session (``accessJwt``, ``did``), created with the app password once."""
        if self._session is None:
            self._session = call(
                "POST",
                f"{self.base}/xrpc/com.atproto.server.createSession",
                json={"identifier": self.identifier, "password": self.password.get_secret_value()},
            ).json()
        return self._session

    @property
    def did(self) -> str:
        return str(self.login()["did"])

    def xrpc(self, method: str, name: str, **kwargs: Any) -> dict[str, Any]:
        """One XRPC call with the session; an expired token means one new login."""
        try:
            return self._call(method, name, **kwargs)
        except RemoteError as exc:
            if exc.status not in (400, 401) or "ExpiredToken" not in str(exc):
                raise
        self._session = None
        return self._call(method, name, **kwargs)

    def _call(self, method: str, name: str, **kwargs: Any) -> dict[str, Any]:
        headers = {"Authorization": f"Bearer {self.login()['accessJwt']}"}
        return call(method, f"{self.base}/xrpc/{name}", headers=headers, **kwargs).json()
