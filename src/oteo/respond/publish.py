"""Publishing through the networks' documented APIs, and by hand where they allow none.

* Mastodon: ``POST /api/v1/statuses`` with an ``Idempotency-Key`` (a retry never posts
  twice); a reply resolves the post's URL on the brand's own instance first
  (``/api/v2/search?resolve=true``); blocking with ``/api/v1/accounts/:id/block``.
* Bluesky: ``com.atproto.server.createSession`` with an app password, then
  ``com.atproto.repo.createRecord`` of an ``app.bsky.feed.post`` whose record key is
  derived from the response, so a retry finds the post already there
  (``com.atproto.repo.getRecord``) instead of posting it again; a reply carries the
  parent's and the thread root's ``uri`` and ``cid`` (``app.bsky.feed.getPosts``);
  blocking writes an ``app.bsky.graph.block`` record.
* Any other network: the text and a deep link, for a person to paste (``manual``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import quote, urlencode

from oteo.atproto import Session
from oteo.config import AccountConfig
from oteo.remote import RemoteError, call

__all__ = ["Published", "Publisher", "RemoteError", "deep_link", "publisher_for", "tid"]


@dataclass(frozen=True, slots=True)
class Published:
    external_id: str
    url: str | None


class Publisher:
    """What every network's publisher offers."""

    network = ""

    def post(
        self,
        text: str,
        *,
        key: str,
        lang: str,
        created: datetime,
        reply_to: dict[str, Any] | None = None,
        again: bool = False,
    ) -> Published:
        """Publish ``text`` (a reply when ``reply_to`` is the mention); ``key`` is the
        same on every attempt, ``again`` says an earlier attempt may have gone out."""
        raise NotImplementedError

    def block(self, author: dict[str, Any]) -> None:
        raise NotImplementedError


class Mastodon(Publisher):
    network = "mastodon"

    def __init__(self, account: AccountConfig) -> None:
        assert account.token is not None
        self.base = account.url.rstrip("/")
        self.headers = {"Authorization": f"Bearer {account.token.get_secret_value()}"}

    def _status_id(self, mention: dict[str, Any]) -> str:
        """The post's id on the brand's own instance (a remote post is fetched there)."""
        url = mention.get("url")
        if url:
            found = call(
                "GET",
                f"{self.base}/api/v2/search",
                params={"q": url, "resolve": "true", "type": "statuses", "limit": 1},
                headers=self.headers,
            ).json()
            statuses = found.get("statuses") or []
            if statuses:
                return str(statuses[0]["id"])
        return str(mention["external_id"])

    def post(self, text, *, key, lang, created, reply_to=None, again=False):  # type: ignore[no-untyped-def]
        body: dict[str, Any] = {"status": text, "visibility": "public", "language": lang}
        if reply_to is not None:
            body["in_reply_to_id"] = self._status_id(reply_to)
        status = call(
            "POST",
            f"{self.base}/api/v1/statuses",
            json=body,
            headers={**self.headers, "Idempotency-Key": key},
        ).json()
        return Published(str(status["id"]), status.get("url") or status.get("uri"))

    def block(self, author: dict[str, Any]) -> None:
        found = call(
            "GET",
            f"{self.base}/api/v1/accounts/lookup",
            params={"acct": author["handle"].lstrip("@")},
            headers=self.headers,
        ).json()
        call("POST", f"{self.base}/api/v1/accounts/{found['id']}/block", headers=self.headers)


_TID_CHARS = "234567abcdefghijklmnopqrstuvwxyz"


def tid(created: datetime, clock_id: int) -> str:
    """An AT Protocol timestamp identifier: 53 bits of microseconds since the epoch and
    10 bits of clock id, in base32-sortable, 13 characters."""
    micros = int(created.timestamp() * 1_000_000)
    value = (micros << 10) | (clock_id & 0x3FF)
    out = []
    for _ in range(13):
        out.append(_TID_CHARS[value & 31])
        value >>= 5
    return "".join(reversed(out))


_BSKY_URL = re.compile(r"^https://bsky\.app/profile/([^/]+)/post/([^/?#]+)")
POST = "app.bsky.feed.post"


class Bluesky(Publisher):
    network = "bluesky"

    def __init__(self, account: AccountConfig) -> None:
        assert account.password is not None
        self.handle = account.handle.lstrip("@")
        self.session = Session(account.url, self.handle, account.password)

    def _xrpc(self, method: str, name: str, **kwargs: Any) -> dict[str, Any]:
        return self.session.xrpc(method, name, **kwargs)

    @property
    def did(self) -> str:
        return self.session.did

    @staticmethod
    def post_uri(mention: dict[str, Any]) -> str:
        external = str(mention.get("external_id") or "")
        if external.startswith("at://"):
            return external
        raw = mention.get("raw") or {}
        if isinstance(raw, dict) and str(raw.get("uri", "")).startswith("at://"):
            return str(raw["uri"])
        m = _BSKY_URL.match(str(mention.get("url") or ""))
        if m:
            return f"at://{m.group(1)}/{POST}/{m.group(2)}"
        raise RemoteError("no AT URI for this post", retry=False)

    def _reply_refs(self, mention: dict[str, Any]) -> dict[str, Any]:
        uri = self.post_uri(mention)
        posts = self._xrpc("GET", "app.bsky.feed.getPosts", params={"uris": uri}).get("posts")
        if not posts:
            raise RemoteError(f"the post {uri} is gone", retry=False)
        parent = {"uri": posts[0]["uri"], "cid": posts[0]["cid"]}
        root = (posts[0].get("record") or {}).get("reply", {}).get("root") or parent
        return {"root": {"uri": root["uri"], "cid": root["cid"]}, "parent": parent}

    def _url(self, rkey: str) -> str:
        return f"https://bsky.app/profile/{self.handle}/post/{rkey}"

    def post(self, text, *, key, lang, created, reply_to=None, again=False):  # type: ignore[no-untyped-def]
        rkey = tid(created, sum(key.encode()) % 1024)
        if again:  # an earlier attempt's answer may have been lost: is the post there?
            try:
                found = self._xrpc(
                    "GET",
                    "com.atproto.repo.getRecord",
                    params={"repo": self.did, "collection": POST, "rkey": rkey},
                )
                return Published(str(found["uri"]), self._url(rkey))
            except RemoteError as exc:
                if exc.status not in (400, 404):
                    raise
        record: dict[str, Any] = {
            "$type": POST,
            "text": text,
            "createdAt": created.astimezone(UTC).isoformat().replace("+00:00", "Z"),
            "langs": [lang],
        }
        if reply_to is not None:
            record["reply"] = self._reply_refs(reply_to)
        made = self._xrpc(
            "POST",
            "com.atproto.repo.createRecord",
            json={"repo": self.did, "collection": POST, "rkey": rkey, "record": record},
        )
        return Published(str(made["uri"]), self._url(rkey))

    def block(self, author: dict[str, Any]) -> None:
        subject = author.get("external_id") or ""
        if not str(subject).startswith("did:"):
            profile = self._xrpc(
                "GET", "app.bsky.actor.getProfile", params={"actor": author["handle"].lstrip("@")}
            )
            subject = profile["did"]
        self._xrpc(
            "POST",
            "com.atproto.repo.createRecord",
            json={
                "repo": self.did,
                "collection": "app.bsky.graph.block",
                "record": {
                    "$type": "app.bsky.graph.block",
                    "subject": subject,
                    "createdAt": datetime.now(UTC).isoformat().replace("+00:00", "Z"),
                },
            },
        )


PUBLISHERS: dict[str, type[Publisher]] = {"mastodon": Mastodon, "bluesky": Bluesky}


def publisher_for(account: AccountConfig) -> Publisher:
    return PUBLISHERS[account.network](account)


def deep_link(network: str, mention: dict[str, Any] | None, text: str) -> str | None:
    """Where a person publishes a text by hand: X's compose box with the reply filled
    in, otherwise the post itself (to answer under it)."""
    if network == "twitter" and mention is not None:
        params = {"text": text, "in_reply_to": mention.get("external_id") or ""}
        return "https://twitter.com/intent/tweet?" + urlencode(params, quote_via=quote)
    if network == "twitter":
        return "https://twitter.com/intent/tweet?" + urlencode({"text": text}, quote_via=quote)
    return (mention or {}).get("url")
