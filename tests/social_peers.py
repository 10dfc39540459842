"""Local servers that speak the documented HTTP APIs of Mastodon and Bluesky, far
enough for publishing and blocking: authentication, validation, idempotency, rate
limits, and failures on demand (``Peer.failures``, including "done, but the answer
was lost").

Mastodon: docs.joinmastodon.org/methods/statuses (POST /api/v1/statuses, Idempotency-Key),
/methods/timelines (GET /api/v1/timelines/tag/:hashtag, min_id, limit), /methods/streaming
(GET /api/v1/streaming/hashtag: server-sent events update and delete),
/methods/search (GET /api/v2/search, resolve), /methods/accounts (lookup, block).
Bluesky: the XRPC methods com.atproto.server.createSession, com.atproto.repo.createRecord
and getRecord, app.bsky.feed.getPosts and searchPosts (sort=latest, since, cursor),
app.bsky.actor.getProfile and getProfiles (at most 25 actors), ExpiredToken on demand.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from notify_peers import Peer, Raw, Request

TOKEN = "mastodon-token-ABC"
APP_PASSWORD = "abcd-efgh-ijkl-mnop"


@dataclass
class MastodonPeer(Peer):
    statuses: dict[str, dict[str, Any]] = field(default_factory=dict)
    by_key: dict[str, str] = field(default_factory=dict)
    remote: dict[str, str] = field(default_factory=dict)  # a post's URL -> its id here
    accounts: dict[str, str] = field(default_factory=dict)  # acct -> id
    blocked: list[str] = field(default_factory=list)
    timeline: list[dict[str, Any]] = field(default_factory=list)  # public statuses
    streams: deque[list[tuple[str, str]]] = field(default_factory=deque)  # per connection

    def rate_limit_headers(self) -> dict[str, str]:
        reset = datetime.now(UTC) + timedelta(hours=2)  # as Mastodon says it: ISO 8601
        return {
            "X-RateLimit-Limit": "300",
            "X-RateLimit-Remaining": "0",
            "X-RateLimit-Reset": reset.isoformat(timespec="milliseconds").replace("+00:00", "Z"),
        }

    def handle(self, request: Request) -> tuple[int, Any]:
        method, path, query, headers, body = (
            request.method,
            request.path,
            request.query,
            request.headers,
            request.json,
        )
        if method == "GET" and path == "/api/v1/streaming/hashtag":
            return self.stream(headers)
        if method == "GET" and path.startswith("/api/v1/timelines/tag/"):
            return self.tag_timeline(path.rsplit("/", 1)[1], query, headers)
        if headers.get("authorization") != f"Bearer {TOKEN}":
            return 401, {"error": "The access token is invalid"}
        if method == "POST" and path == "/api/v1/statuses":
            key = headers.get("idempotency-key")
            if key in self.by_key:
                return 200, self.statuses[self.by_key[key]]
            text = (body or {}).get("status") or ""
            if not text.strip():
                return 422, {"error": "Validation failed: Text can't be blank"}
            if len(text) > 500:
                return 422, {"error": "Validation failed: Text character limit of 500 exceeded"}
            reply_to = body.get("in_reply_to_id")
            if reply_to is not None and reply_to not in self.remote.values():
                return 404, {"error": "Record not found"}
            sid = str(100 + len(self.statuses))
            status = {
                "id": sid,
                "uri": f"{self.url}/users/brand/statuses/{sid}",
                "url": f"{self.url}/@brand/{sid}",
                "content": f"<p>{text}</p>",
                "in_reply_to_id": reply_to,
                "visibility": body.get("visibility", "public"),
                "language": body.get("language"),
            }
            self.statuses[sid] = status
            if key:
                self.by_key[key] = sid
            return 200, status
        if method == "GET" and path == "/api/v2/search":
            q = query.get("q", [""])[0]
            if q in self.remote and query.get("resolve") == ["true"]:
                return 200, {
                    "accounts": [],
                    "statuses": [{"id": self.remote[q], "url": q}],
                    "hashtags": [],
                }
            return 200, {"accounts": [], "statuses": [], "hashtags": []}
        if method == "GET" and path == "/api/v1/accounts/lookup":
            acct = query.get("acct", [""])[0]
            if acct not in self.accounts:
                return 404, {"error": "Record not found"}
            return 200, {"id": self.accounts[acct], "acct": acct}
        if method == "POST" and path.startswith("/api/v1/accounts/") and path.endswith("/block"):
            account_id = path.split("/")[4]
            self.blocked.append(account_id)
            return 200, {"id": account_id, "blocking": True}
        return 404, {"error": "Not found"}

    def stream(self, headers: dict[str, str]) -> tuple[int, Any]:
        """GET /api/v1/streaming/hashtag: server-sent events (a heartbeat comment, then
        ``event: update`` with a status as JSON, ``event: delete`` with an id); each
        connection sends the next batch of ``streams`` and then the server closes it."""
        if headers.get("authorization") != f"Bearer {TOKEN}":
            return 401, {"error": "This method requires an authenticated user"}
        events = self.streams.popleft() if self.streams else []
        body = ":thump\n\n" + "".join(f"event: {e}\ndata: {d}\n\n" for e, d in events)
        return 200, Raw(body.encode(), "text/event-stream; charset=utf-8")

    def tag_timeline(
        self, tag: str, query: dict[str, list[str]], headers: dict[str, str]
    ) -> tuple[int, Any]:
        """GET /api/v1/timelines/tag/:hashtag: public (a token, if sent, must be
        valid); ``min_id`` gives the page just after it, newest first; ``limit`` ≤ 40."""
        if "authorization" in headers and headers["authorization"] != f"Bearer {TOKEN}":
            return 401, {"error": "The access token is invalid"}
        after = int(query.get("min_id", ["0"])[0])
        limit = min(int(query.get("limit", ["20"])[0]), 40)
        tagged = sorted(
            (
                s
                for s in self.timeline
                if int(s["id"]) > after and tag.lower() in (t["name"] for t in s.get("tags", []))
            ),
            key=lambda s: int(s["id"]),
        )
        return 200, list(reversed(tagged[:limit]))


@dataclass
class BlueskyPeer(Peer):
    account: str = "brand.example.social"
    did: str = "did:plc:brand0000000000000000000"
    records: dict[tuple[str, str], dict[str, Any]] = field(
        default_factory=dict
    )  # (collection, rkey)
    posts: dict[str, dict[str, Any]] = field(default_factory=dict)  # other people's, by URI
    profiles: dict[str, str] = field(default_factory=dict)  # handle -> did
    found: list[dict[str, Any]] = field(default_factory=list)  # post views searchPosts finds
    people: dict[str, dict[str, Any]] = field(default_factory=dict)  # did -> profile view
    logins: int = 0
    expire_after: int | None = None  # calls a session lasts before ExpiredToken
    calls: int = 0

    def rate_limit_headers(self) -> dict[str, str]:
        return {
            "RateLimit-Limit": "5000",
            "RateLimit-Remaining": "0",
            "RateLimit-Reset": str(int(datetime.now(UTC).timestamp()) + 3600),  # epoch
        }

    def search(self, query: dict[str, list[str]]) -> dict[str, Any]:
        """searchPosts with sort=latest: newest first, ``since`` inclusive (on the time
        the post was indexed), ``limit`` ≤ 100, an opaque ``cursor`` between pages."""
        q = query["q"][0].lower()
        since = query.get("since", [""])[0]
        limit = min(int(query.get("limit", ["25"])[0]), 100)
        start = int(query.get("cursor", ["0"])[0])
        hits = sorted(
            (p for p in self.found if q in p["record"]["text"].lower() and p["indexedAt"] >= since),
            key=lambda p: p["indexedAt"],
            reverse=True,
        )
        page = hits[start : start + limit]
        out: dict[str, Any] = {"posts": page, "hitsTotal": len(hits)}
        if start + limit < len(hits):
            out["cursor"] = str(start + limit)
        return out

    def handle(self, request: Request) -> tuple[int, Any]:
        query, headers, body = request.query, request.headers, request.json
        name = request.path.removeprefix("/xrpc/")
        if name == "com.atproto.server.createSession":
            if body.get("identifier") != self.account or body.get("password") != APP_PASSWORD:
                return 401, {
                    "error": "AuthenticationRequired",
                    "message": "Invalid identifier or password",
                }
            self.logins += 1
            return 200, {
                "accessJwt": f"jwt-access-{self.logins}",
                "refreshJwt": "jwt-refresh",
                "handle": self.account,
                "did": self.did,
            }
        if headers.get("authorization") != f"Bearer jwt-access-{self.logins}":
            return 401, {"error": "AuthenticationRequired", "message": "Authentication Required"}
        self.calls += 1
        if self.expire_after is not None and self.calls > self.expire_after:
            self.calls = 0
            return 400, {"error": "ExpiredToken", "message": "Token has expired"}
        if name == "app.bsky.feed.searchPosts":
            return 200, self.search(query)
        if name == "app.bsky.actor.getProfiles":
            actors = query.get("actors", [])
            if len(actors) > 25:
                return 400, {
                    "error": "InvalidRequest",
                    "message": "actors must not have more than 25 elements",
                }
            return 200, {"profiles": [self.people[a] for a in actors if a in self.people]}
        if name == "app.bsky.feed.getPosts":
            return 200, {"posts": [self.posts[u] for u in query.get("uris", []) if u in self.posts]}
        if name == "app.bsky.actor.getProfile":
            actor = query.get("actor", [""])[0]
            if actor not in self.profiles:
                return 400, {"error": "InvalidRequest", "message": "Profile not found"}
            return 200, {"did": self.profiles[actor], "handle": actor, "followersCount": 3}
        if name == "com.atproto.repo.getRecord":
            key = (query["collection"][0], query["rkey"][0])
            if query["repo"][0] != self.did or key not in self.records:
                return 400, {"error": "RecordNotFound", "message": "Could not locate record"}
            return 200, self.records[key]
        if name == "com.atproto.repo.createRecord":
            return self._create(body)
        return 400, {"error": "MethodNotImplemented"}

    def _create(self, body: dict[str, Any]) -> tuple[int, Any]:
        if body.get("repo") != self.did:
            return 400, {"error": "InvalidRequest", "message": "repo must be the session's"}
        record, collection = body["record"], body["collection"]
        if record.get("$type") != collection or "createdAt" not in record:
            return 400, {"error": "InvalidRequest", "message": "Invalid record"}
        if collection == "app.bsky.feed.post":
            if len(record.get("text", "")) > 300:
                return 400, {
                    "error": "InvalidRequest",
                    "message": "Record/text must not be longer than 300 graphemes",
                }
            reply = record.get("reply")
            if reply is not None and not all(
                reply.get(k, {}).get("cid") for k in ("root", "parent")
            ):
                return 400, {"error": "InvalidRequest", "message": "reply refs need uri and cid"}
        rkey = body.get("rkey") or f"auto{len(self.records)}"
        if (collection, rkey) in self.records:
            return 400, {"error": "InvalidRequest", "message": "Record already exists"}
        uri = f"at://{self.did}/{collection}/{rkey}"
        self.records[(collection, rkey)] = {"uri": uri, "cid": f"bafy{rkey}", "value": record}
        return 200, {"uri": uri, "cid": f"bafy{rkey}"}
