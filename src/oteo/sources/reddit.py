"""Reddit posts (site search) and the new comments of chosen subreddits, through the
OAuth API with an application-only token.

Config: ``{type: reddit, query: "lumbre burger", client_id: "${OTEO_REDDIT_ID}",
client_secret: "${OTEO_REDDIT_SECRET}", subreddits: [madrid], name: optional,
every: 5m}`` (create a "script" app at reddit.com/prefs/apps; Reddit's API terms apply).
``api`` and ``auth_url`` change the addresses (tests, proxies).

Each poll asks ``/search?sort=new`` (and ``/r/{sub}/comments`` for each subreddit, kept
when they say the query's words) newest first, page by page (``after``), until it
reaches what it saw before (the cursor: the newest ``created_utc`` per listing).  The
token (valid a day) is asked again when it expires or is refused.
"""

from __future__ import annotations

import base64
import time
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from functools import partial
from typing import Any

from oteo.config import SourceConfig
from oteo.durations import parse_duration
from oteo.model import AuthorProfile, Channel, Mention, Relation
from oteo.query import Doc
from oteo.records import RecordError
from oteo.remote import RemoteError, call
from oteo.sources import SourceContext
from oteo.sources.poll import Page, Rejected, count, polling, setting
from oteo.text import clean_field, clean_text

API = "https://oauth.reddit.com"
AUTH = "https://www.reddit.com/api/v1/access_token"
PER_PAGE = 100
MAX_PAGES = 5


class Token:
    """An application-only OAuth token, asked again before it expires."""

    def __init__(self, auth_url: str, client_id: str, secret: str) -> None:
        self.auth_url = auth_url
        self.basic = base64.b64encode(f"{client_id}:{secret}".encode()).decode()
        self.value: str | None = None
        self.expires = 0.0

    def headers(self, fresh: bool = False) -> dict[str, str]:
        if fresh or self.value is None or time.monotonic() > self.expires - 60:
            got = call(
                "POST",
                self.auth_url,
                content=b"grant_type=client_credentials",
                headers={
                    "Authorization": f"Basic {self.basic}",
                    "Content-Type": "application/x-www-form-urlencoded",
                },
            ).json()
            self.value = str(got["access_token"])
            self.expires = time.monotonic() + float(got.get("expires_in") or 3600)
        return {"Authorization": f"bearer {self.value}"}

    def get(self, url: str, params: dict[str, Any]) -> dict[str, Any]:
        try:
            return call("GET", url, params=params, headers=self.headers()).json()
        except RemoteError as exc:
            if exc.status != 401:
                raise
        return call("GET", url, params=params, headers=self.headers(fresh=True)).json()


def build(spec: SourceConfig, ctx: SourceContext) -> AsyncIterator[Mention]:
    query = str(setting(spec, "query", kind="reddit"))
    token = Token(
        str(setting(spec, "auth_url", AUTH, kind="reddit")),
        str(setting(spec, "client_id", kind="reddit")),
        str(setting(spec, "client_secret", kind="reddit")),
    )
    api = str(setting(spec, "api", API, kind="reddit")).rstrip("/")
    subreddits = [str(s).removeprefix("r/") for s in getattr(spec, "subreddits", None) or []]
    every = parse_duration(setting(spec, "every", "5m", kind="reddit")).total_seconds()
    fetcher = partial(fetch, api, token, query, subreddits)
    return polling(ctx, spec.name or "reddit", fetcher, every=every)


def fetch(
    api: str, token: Token, query: str, subreddits: list[str], cursor: dict[str, float] | None
) -> Page:
    cursor = dict(cursor or {})
    words = [w for w in Doc.build(query).words if len(w) > 2] if subreddits else []
    listings = [("search", f"{api}/search", {"q": query, "sort": "new", "type": "link"})]
    listings += [(f"r/{s}", f"{api}/r/{s}/comments", {}) for s in subreddits]
    found: list[tuple[float, Mention | Rejected]] = []
    for key, url, params in listings:
        since = float(cursor.get(key, 0))
        newest, after = since, None
        for _ in range(MAX_PAGES):
            page = {
                **params,
                "limit": PER_PAGE,
                "raw_json": 1,
                **({"after": after} if after else {}),
            }
            data = token.get(url, page).get("data") or {}
            older = False
            for child in data.get("children") or []:
                item = (child or {}).get("data") if isinstance(child, dict) else None
                if not isinstance(item, dict):
                    continue
                at = float(item.get("created_utc") or 0)
                if at <= since:
                    older = True
                    continue
                mention = _item(item, child.get("kind"))
                if key != "search" and isinstance(mention, Mention) and not _about(mention, words):
                    continue  # a subreddit's comment that does not name the brand
                newest = max(newest, at)
                found.append((at, mention))
            after = data.get("after")
            if older or not after:
                break
        cursor[key] = newest
    found.sort(key=lambda pair: pair[0])
    return Page([item for _, item in found], cursor)


def _about(mention: Mention, words: list[str]) -> bool:
    tokens = set(Doc.build(mention.text).words)
    return all(w in tokens for w in words)


def _item(item: dict[str, Any], kind: Any) -> Mention | Rejected:
    key = item.get("name") or (f"{kind}_{item['id']}" if item.get("id") else None)
    if not key:
        return Rejected(RecordError("record.no_id"), item)
    created = count(item.get("created_utc"))
    if not created:
        return Rejected(
            RecordError("record.bad_time", field="created_utc", value=item.get("created_utc")),
            item,
        )
    comment = kind == "t1"
    parts = [item.get("body")] if comment else [item.get("title"), item.get("selftext")]
    text, _ = clean_text("\n".join(p for p in parts if isinstance(p, str) and p.strip()))
    if not text:
        return Rejected(RecordError("record.no_text"), item)
    author = clean_field(item.get("author"), 200)
    permalink = item.get("permalink")
    return Mention(
        source="reddit",
        external_id=str(key),
        text=text,
        created_at=datetime.fromtimestamp(created, UTC),
        channel=Channel.REDDIT,
        url=f"https://www.reddit.com{permalink}" if permalink else item.get("url"),
        author=AuthorProfile(handle=author) if author and author != "[deleted]" else None,
        relation=Relation.REPLY if comment and item.get("parent_id") else None,
        parent_external_id=str(item["parent_id"]) if comment and item.get("parent_id") else None,
        likes=count(item.get("score")),
        replies=count(item.get("num_comments")),
        raw={"reddit": {k: item.get(k) for k in ("subreddit", "permalink", "over_18")}},
    )
