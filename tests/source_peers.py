"""Local servers that speak the networks' documented formats, for the connectors.

- :class:`FeedPeer`: an Atom feed as Google Alerts publishes it (entries with
  ``google.com/url?…&url=REAL`` links and ``<b>`` marks in titles), or RSS 2.0, with
  ``ETag`` and ``If-None-Match`` (``304 Not Modified``).
- :class:`AlgoliaPeer`: Hacker News' Algolia API, ``GET /api/v1/search_by_date`` with
  ``query``, ``tags``, ``numericFilters=created_at_i>=T``, ``hitsPerPage`` and ``page``;
  answers ``hits``, ``nbHits``, ``nbPages``, ``page``, ``hitsPerPage`` as hn.algolia.com
  does.

The fixtures are the project's own: invented entries about the demo's fictional brand.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from html import escape
from typing import Any

from notify_peers import Peer, Raw, Request


@dataclass
class FeedPeer(Peer):
    entries: list[dict[str, Any]] = field(default_factory=list)  # newest last
    rss: bool = False

    def rate_limit_headers(self) -> dict[str, str]:
        return {"Retry-After": "1"}

    def body(self) -> bytes:
        if self.rss:
            items = "".join(
                f"<item><title>{escape(e['title'])}</title><link>{escape(e['link'])}</link>"
                f"<guid>{escape(e['id'])}</guid><description>{escape(e.get('summary', ''))}"
                f"</description><pubDate>{e['at'].strftime('%a, %d %b %Y %H:%M:%S +0000')}"
                "</pubDate></item>"
                for e in reversed(self.entries)
            )
            return (
                '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
                f"<title>Foro</title><language>es-es</language>{items}</channel></rss>"
            ).encode()
        entries = "".join(
            f'<entry><id>{escape(e["id"])}</id><title type="html">{escape(e["title"])}</title>'
            f'<link href="{escape(e["link"])}"/><published>{e["at"].isoformat()}</published>'
            f"<updated>{e['at'].isoformat()}</updated>"
            f'<content type="html">{escape(e.get("summary", ""))}</content></entry>'
            for e in reversed(self.entries)
        )
        return (
            '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
            "<id>tag:google.com,2005:reader/user/1/state/com.google/alerts/1</id>"
            f"<title>Google Alert - lumbre burger</title>{entries}</feed>"
        ).encode()

    def handle(self, request: Request) -> tuple[int, Any]:
        body = self.body()
        etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
        if request.headers.get("if-none-match") == etag:
            return 304, Raw(b"", headers={"ETag": etag})
        return 200, Raw(body, "application/atom+xml; charset=utf-8", {"ETag": etag})


def alert_link(real: str) -> str:
    return f"https://www.google.com/url?rct=j&sa=t&url={real}&ct=ga&cd=CAIyGg&usg=AOvVaw1"


@dataclass
class AlgoliaPeer(Peer):
    hits: list[dict[str, Any]] = field(default_factory=list)

    def rate_limit_headers(self) -> dict[str, str]:
        return {"Retry-After": "1"}

    def handle(self, request: Request) -> tuple[int, Any]:
        if request.path != "/api/v1/search_by_date":
            return 404, {"message": "not found"}
        q = {k: v[0] for k, v in request.query.items()}
        since = int(q["numericFilters"].split(">=")[1])
        per_page, page = int(q["hitsPerPage"]), int(q.get("page", 0))
        found = sorted(
            (
                h
                for h in self.hits
                if h.get("created_at_i", 0) >= since and q["query"].lower() in str(h).lower()
            ),
            key=lambda h: -h.get("created_at_i", 0),
        )
        pages = max(1, -(-len(found) // per_page))
        return 200, {
            "hits": found[page * per_page : (page + 1) * per_page],
            "nbHits": len(found),
            "nbPages": pages,
            "page": page,
            "hitsPerPage": per_page,
        }


def hn_hit(n: int, at: datetime, *, comment: bool = True, text: str | None = None) -> dict:
    base = {
        "objectID": str(40_000_000 + n),
        "created_at": at.isoformat().replace("+00:00", ".000Z"),
        "created_at_i": int(at.timestamp()),
        "author": f"hacker{n}",
        "points": None if comment else 12,
        "story_id": 39_999_999,
        "_tags": ["comment" if comment else "story", f"author_hacker{n}"],
    }
    if comment:
        base |= {
            "comment_text": text or f"Lumbre Burger &amp; their <i>app</i> broke again ({n})",
            "parent_id": 39_999_999,
            "story_title": "Lumbre Burger outage",
        }
    else:
        base |= {
            "title": text or f"Lumbre Burger outage ({n})",
            "url": "https://status.example",
            "num_comments": 3,
            "story_text": None,
        }
    return base


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


def toot(n: int, at: datetime, *, tags: tuple[str, ...] = ("lumbreburger",), **extra: Any) -> dict:
    """A status as Mastodon's API returns it (an account on the same server)."""
    status = {
        "id": str(109_000_000_000_000_000 + n),
        "created_at": at.isoformat().replace("+00:00", ".000Z"),
        "in_reply_to_id": None,
        "sensitive": False,
        "spoiler_text": "",
        "visibility": "public",
        "language": "es",
        "uri": f"https://social.example/users/ana{n}/statuses/{n}",
        "url": f"https://social.example/@ana{n}/{n}",
        "replies_count": 1,
        "reblogs_count": 2,
        "favourites_count": 3,
        "content": f'<p>La app de <a href="https://social.example/tags/lumbreburger">#<span>'
        f"LumbreBurger</span></a> no va &amp; nadie responde ({n})</p>",
        "reblog": None,
        "account": {
            "id": str(n),
            "username": f"ana{n}",
            "acct": f"ana{n}",
            "display_name": f"Ana {n} <script>x</script>",
            "created_at": "2022-03-01T00:00:00.000Z",
            "note": "<p>Madrid · café</p>",
            "url": f"https://social.example/@ana{n}",
            "avatar": "https://social.example/avatars/original/missing.png",
            "followers_count": 10 * n,
            "following_count": 80,
            "statuses_count": 400,
            "bot": n % 10 == 7,  # the account's "automated" box
        },
        "tags": [{"name": t, "url": f"https://social.example/tags/{t}"} for t in tags],
    }
    status.update(extra)
    return status


def skeet(n: int, at: datetime, *, text: str | None = None, reply_to: str | None = None) -> dict:
    """A post view as app.bsky.feed.searchPosts returns it."""
    did = f"did:plc:author{n:04d}"
    record: dict[str, Any] = {
        "$type": "app.bsky.feed.post",
        "text": text or f"Lumbre Burger me ha cobrado dos veces ({n})",
        "createdAt": at.isoformat().replace("+00:00", ".000Z"),
        "langs": ["es"],
    }
    if reply_to:
        record["reply"] = {
            "root": {"uri": reply_to, "cid": "bafyroot"},
            "parent": {"uri": reply_to, "cid": "bafyparent"},
        }
    return {
        "uri": f"at://{did}/app.bsky.feed.post/3l{n:011d}",
        "cid": f"bafy{n}",
        "author": {
            "did": did,
            "handle": f"persona{n}.bsky.social",
            "displayName": f"Persona {n}",
            "avatar": "https://cdn.bsky.app/img/avatar/plain/x",
        },
        "record": record,
        "replyCount": 0,
        "repostCount": 1,
        "likeCount": 2,
        "quoteCount": 0,
        "indexedAt": at.isoformat().replace("+00:00", ".000Z"),
    }


def bsky_profile(n: int) -> dict:
    return {
        "did": f"did:plc:author{n:04d}",
        "handle": f"persona{n}.bsky.social",
        "followersCount": 100 + n,
        "followsCount": 50,
        "postsCount": 9,
        "createdAt": "2024-01-01T00:00:00.000Z",
        "description": "Valencia",
        # the second marks itself as a bot; a labeller calls the third one a bot
        "labels": [
            {"src": did, "uri": f"at://{did}/app.bsky.actor.profile/self", "val": "bot"}
            for did in [f"did:plc:author{n:04d}"]
            if n == 2
        ]
        + [{"src": "did:plc:somelabeller", "uri": f"at://did:plc:author{n:04d}", "val": "bot"}]
        * (n == 3),
    }


@dataclass
class YouTubePeer(Peer):
    """YouTube Data API v3 ``GET /youtube/v3/commentThreads`` (part=snippet,replies,
    order=time, maxResults ≤ 100, pageToken), keyed by ``key``; a wrong key is a 400
    ``keyInvalid``, ``quota`` exhausted a 403 ``quotaExceeded`` as Google answers."""

    key: str = "AIza-test-key"
    threads: list[dict[str, Any]] = field(default_factory=list)
    quota: int = 1000

    def handle(self, request: Request) -> tuple[int, Any]:
        q = {k: v[0] for k, v in request.query.items()}
        if q.get("key") != self.key:
            return 400, {
                "error": {
                    "code": 400,
                    "message": "API key not valid.",
                    "errors": [{"reason": "keyInvalid"}],
                }
            }
        self.quota -= 1
        if self.quota < 0:
            return 403, {"error": {"code": 403, "errors": [{"reason": "quotaExceeded"}]}}
        target = q.get("videoId") or q.get("allThreadsRelatedToChannelId")
        mine = sorted(
            (
                t
                for t in self.threads
                if target in (t["snippet"]["videoId"], t["snippet"]["channelId"])
            ),
            key=lambda t: t["snippet"]["topLevelComment"]["snippet"]["publishedAt"],
            reverse=True,
        )
        size, start = min(int(q.get("maxResults", 20)), 100), int(q.get("pageToken") or 0)
        out: dict[str, Any] = {
            "kind": "youtube#commentThreadListResponse",
            "items": mine[start : start + size],
        }
        if start + size < len(mine):
            out["nextPageToken"] = str(start + size)
        return 200, out


def yt_comment(cid: str, at: datetime, text: str, video: str, parent: str | None = None) -> dict:
    snippet = {
        "videoId": video,
        "textDisplay": text,
        "textOriginal": text,
        "authorDisplayName": f"@fan{cid[-3:]}",
        "authorProfileImageUrl": "https://yt3.ggpht.example/a.jpg",
        "authorChannelId": {"value": f"UCfan{cid[-3:]}"},
        "likeCount": 4,
        "publishedAt": at.isoformat().replace("+00:00", "Z"),
        "updatedAt": at.isoformat().replace("+00:00", "Z"),
    }
    if parent:
        snippet["parentId"] = parent
    return {"kind": "youtube#comment", "id": cid, "snippet": snippet}


def yt_thread(n: int, at: datetime, video: str = "vid001", replies: int = 0) -> dict:
    cid = f"Ugz{n:06d}"
    return {
        "kind": "youtube#commentThread",
        "id": cid,
        "snippet": {
            "channelId": "UCbrand",
            "videoId": video,
            "topLevelComment": yt_comment(cid, at, f"El anuncio de Lumbre Burger ({n})", video),
            "totalReplyCount": replies,
        },
        "replies": {
            "comments": [
                yt_comment(
                    f"{cid}.r{k:03d}",
                    at + timedelta(minutes=k + 1),
                    f"Respuesta {k}",
                    video,
                    cid,
                )
                for k in range(replies)
            ]
        }
        if replies
        else {},
    }


@dataclass
class RedditPeer(Peer):
    """Reddit's OAuth API: ``POST /api/v1/access_token`` (client_credentials, HTTP
    Basic) and the listings ``GET /search`` and ``GET /r/{sub}/comments`` (newest first,
    ``limit`` ≤ 100, ``after`` a fullname), with a bearer token that ``expire()`` ends."""

    client_id: str = "app-id"
    secret: str = "app-secret"
    posts: list[dict[str, Any]] = field(default_factory=list)  # t3 data
    comments: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # sub -> t1 data
    tokens: int = 0

    def expire(self) -> None:
        self.tokens += 1000  # every token handed out so far stops working

    def handle(self, request: Request) -> tuple[int, Any]:
        import base64

        if request.path == "/api/v1/access_token":
            basic = base64.b64encode(f"{self.client_id}:{self.secret}".encode()).decode()
            if request.headers.get("authorization") != f"Basic {basic}":
                return 401, {"message": "Unauthorized", "error": 401}
            if request.body != b"grant_type=client_credentials":
                return 400, {"error": "unsupported_grant_type"}
            self.tokens += 1
            return 200, {
                "access_token": f"tok{self.tokens}",
                "token_type": "bearer",
                "expires_in": 86400,
                "scope": "*",
            }
        if request.headers.get("authorization") != f"bearer tok{self.tokens}":
            return 401, {"message": "Unauthorized", "error": 401}
        q = {k: v[0] for k, v in request.query.items()}
        if request.path == "/search":
            words = q["q"].lower().split()
            kind, items = (
                "t3",
                [
                    p
                    for p in self.posts
                    if all(w in (p["title"] + p["selftext"]).lower() for w in words)
                ],
            )
        elif request.path.startswith("/r/") and request.path.endswith("/comments"):
            kind, items = "t1", self.comments.get(request.path.split("/")[2], [])
        else:
            return 404, {"message": "Not Found", "error": 404}
        items = sorted(items, key=lambda i: -i["created_utc"])
        start = 0
        if q.get("after"):
            start = next(n for n, i in enumerate(items) if i["name"] == q["after"]) + 1
        size = min(int(q.get("limit", 25)), 100)
        page = items[start : start + size]
        after = page[-1]["name"] if start + size < len(items) and page else None
        return 200, {
            "kind": "Listing",
            "data": {
                "after": after,
                "before": None,
                "dist": len(page),
                "children": [{"kind": kind, "data": i} for i in page],
            },
        }


def reddit_post(n: int, at: datetime) -> dict:
    return {
        "id": f"p{n}",
        "name": f"t3_p{n}",
        "title": f"Lumbre Burger subió los precios ({n})",
        "selftext": "¿A alguien más le pasa?",
        "author": f"user{n}",
        "subreddit": "spain",
        "created_utc": float(int(at.timestamp())),
        "permalink": f"/r/spain/comments/p{n}/x/",
        "score": 7,
        "num_comments": 2,
        "over_18": False,
    }


def reddit_comment(n: int, at: datetime, body: str) -> dict:
    return {
        "id": f"c{n}",
        "name": f"t1_c{n}",
        "body": body,
        "author": f"user{n}",
        "subreddit": "madrid",
        "link_id": "t3_p1",
        "parent_id": "t3_p1",
        "created_utc": float(int(at.timestamp())),
        "permalink": f"/r/madrid/comments/p1/x/c{n}/",
        "score": 1,
    }


@dataclass
class XPeer(Peer):
    """X API v2 ``GET /2/tweets/search/recent``: bearer token, ``since_id``,
    ``max_results`` (10-100), ``next_token``, ``expansions=author_id`` with
    ``includes.users``, ``meta.newest_id``; a 429 carries ``x-rate-limit-reset``."""

    bearer: str = "AAAA-x-bearer"
    tweets: list[dict[str, Any]] = field(default_factory=list)
    users: dict[str, dict[str, Any]] = field(default_factory=dict)
    rules: list[dict[str, str]] = field(default_factory=list)
    streams: list[list[dict[str, Any]]] = field(default_factory=list)  # per connection

    def stream_rules(self, request: Request) -> tuple[int, Any]:
        """GET/POST /2/tweets/search/stream/rules: list, ``add`` [{value, tag}],
        ``delete`` {ids}."""
        if request.method == "GET":
            return 200, {"data": self.rules, "meta": {"result_count": len(self.rules)}}
        body = request.json or {}
        for rule in body.get("add") or []:
            self.rules.append({"id": str(len(self.rules) + 100), **rule})
        gone = set((body.get("delete") or {}).get("ids") or [])
        self.rules = [r for r in self.rules if r["id"] not in gone]
        return 200, {"meta": {"summary": {"created": len(body.get("add") or [])}}}

    def stream(self) -> tuple[int, Any]:
        """GET /2/tweets/search/stream: one JSON object a line and blank keep-alive
        lines; each connection sends the next batch, then the server closes it."""
        events = self.streams.pop(0) if self.streams else []
        lines = ["\r\n"] + [json.dumps(e) + "\r\n" for e in events] + ["\r\n"]
        return 200, Raw("".join(lines).encode(), "application/json")

    def rate_limit_headers(self) -> dict[str, str]:
        reset = int(datetime.now(UTC).timestamp()) + 1
        return {
            "x-rate-limit-limit": "450",
            "x-rate-limit-remaining": "0",
            "x-rate-limit-reset": str(reset),
        }

    def handle(self, request: Request) -> tuple[int, Any]:
        if request.headers.get("authorization") != f"Bearer {self.bearer}":
            return 401, {"title": "Unauthorized", "type": "about:blank", "status": 401}
        if request.path == "/2/tweets/search/stream/rules":
            return self.stream_rules(request)
        if request.path == "/2/tweets/search/stream":
            return self.stream()
        q = {k: v[0] for k, v in request.query.items()}
        size = int(q["max_results"])
        if not 10 <= size <= 100:
            return 400, {"errors": [{"message": "max_results must be between 10 and 100"}]}
        since = int(q.get("since_id", 0))
        found = sorted(
            (t for t in self.tweets if int(t["id"]) > since), key=lambda t: -int(t["id"])
        )
        start = int(q.get("next_token") or 0)
        page = found[start : start + size]
        if not page:
            return 200, {"meta": {"result_count": 0}}
        meta: dict[str, Any] = {
            "newest_id": page[0]["id"],
            "oldest_id": page[-1]["id"],
            "result_count": len(page),
        }
        if start + size < len(found):
            meta["next_token"] = str(start + size)
        authors = {t["author_id"] for t in page}
        return 200, {
            "data": page,
            "includes": {"users": [u for i, u in self.users.items() if i in authors]},
            "meta": meta,
        }


def tweet(n: int, at: datetime, author: str = "7", **extra: Any) -> dict:
    base = {
        "id": str(1_860_000_000_000_000_000 + n),
        "text": f"@lumbreburger llevo 40 min esperando ({n})",
        "created_at": at.isoformat().replace("+00:00", ".000Z"),
        "author_id": author,
        "lang": "es",
        "conversation_id": str(1_860_000_000_000_000_000 + n),
        "public_metrics": {"retweet_count": 1, "reply_count": 2, "like_count": 3, "quote_count": 0},
    }
    base.update(extra)
    return base


def x_user(uid: str, username: str, followers: int) -> dict:
    return {
        "id": uid,
        "username": username,
        "name": username.title(),
        "verified": False,
        "created_at": "2019-05-01T10:00:00.000Z",
        "description": "Opino de todo",
        "profile_image_url": "https://pbs.twimg.com/profile_images/1/a_normal.jpg",
        "public_metrics": {
            "followers_count": followers,
            "following_count": 300,
            "tweet_count": 12000,
            "listed_count": 1,
            "like_count": 4500,
        },
    }


@dataclass
class AppViewPeer(Peer):
    """Bluesky's public AppView: ``GET /xrpc/app.bsky.actor.getProfiles`` (no login)."""

    people: dict[str, dict[str, Any]] = field(default_factory=dict)

    def handle(self, request: Request) -> tuple[int, Any]:
        if request.path != "/xrpc/app.bsky.actor.getProfiles":
            return 404, {"error": "MethodNotImplemented"}
        actors = request.query.get("actors", [])
        return 200, {"profiles": [self.people[a] for a in actors if a in self.people]}


def jet_post(n: int, at: datetime, text: str) -> dict:
    """A Jetstream commit event creating a post (as jetstream2.*.bsky.network sends it)."""
    return {
        "did": f"did:plc:author{n:04d}",
        "time_us": int(at.timestamp() * 1_000_000),
        "kind": "commit",
        "commit": {
            "rev": f"3l{n:011d}rev",
            "operation": "create",
            "collection": "app.bsky.feed.post",
            "rkey": f"3l{n:011d}",
            "record": {
                "$type": "app.bsky.feed.post",
                "text": text,
                "langs": ["es"],
                "createdAt": at.isoformat().replace("+00:00", ".000Z"),
            },
            "cid": f"bafyjet{n}",
        },
    }
