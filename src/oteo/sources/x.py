"""X (Twitter): recent search of the API v2, or its filtered stream, with a paid key's
bearer token.

Config: ``{type: x, query: "\\"lumbre burger\\" OR @lumbreburger -is:retweet",
token: "${OTEO_X_BEARER}", name: optional, every: 5m, stream: false}``; ``api`` changes
the address.  The query is in X's own search syntax.

Each poll asks ``GET /2/tweets/search/recent`` with ``since_id`` (the newest post seen),
page by page (``next_token``), with the authors expanded (followers, following, posts,
account age, verified, bio, avatar), and passes them on oldest first.  With
``stream: true`` oteo keeps one filtered-stream rule tagged ``oteo:NAME`` equal to the
query (replacing an old one), catches up with recent search, then reads
``GET /2/tweets/search/stream`` (one JSON object a line, keep-alive blank lines); after
a disconnection it catches up again.  X's rate-limit headers (``x-rate-limit-reset``)
set the wait after a 429.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from functools import partial
from typing import Any

import httpx

from oteo.config import SourceConfig
from oteo.durations import parse_duration
from oteo.model import AuthorProfile, Channel, Mention, Relation
from oteo.records import RecordError
from oteo.remote import USER_AGENT, RemoteError, call, opening, refusal, stream_lines
from oteo.sources import SourceContext, or_stop, pause
from oteo.sources.poll import Page, Rejected, accept, count, failed, polling, setting, when
from oteo.text import clean_field, clean_text, unescape_entities

API = "https://api.twitter.com/2"
MAX_PAGES = 5
TWEET_FIELDS = "created_at,lang,public_metrics,referenced_tweets,author_id,conversation_id"
USER_FIELDS = "created_at,public_metrics,verified,description,profile_image_url,name,username"
#: seconds without a byte (X sends a blank line every 20 seconds) before reconnecting
STREAM_SILENCE = 60.0
RELATIONS = {"replied_to": Relation.REPLY, "quoted": Relation.QUOTE, "retweeted": Relation.REPOST}


def build(spec: SourceConfig, ctx: SourceContext) -> AsyncIterator[Mention]:
    query = str(setting(spec, "query", kind="x"))
    token = str(setting(spec, "token", kind="x"))
    api = str(setting(spec, "api", API, kind="x")).rstrip("/")
    every = parse_duration(setting(spec, "every", "5m", kind="x")).total_seconds()
    if getattr(spec, "stream", False):
        return streaming(ctx, spec.name or "x", api, token, query)
    return polling(ctx, spec.name or "x", partial(fetch, api, token, query), every=every)


async def streaming(
    ctx: SourceContext, name: str, api: str, token: str, query: str
) -> AsyncIterator[Mention]:
    """Catch up with recent search, then read the filtered stream; again after every
    disconnection."""
    tag = f"oteo:{name}"
    cursor = await asyncio.to_thread(ctx.store.cursor, name)
    failures = 0
    while not ctx.stop.is_set():
        try:
            await asyncio.to_thread(ensure_rule, api, token, query, tag)
            page = await asyncio.to_thread(fetch, api, token, query, cursor)
            for m in await accept(ctx, name, page, cursor):
                yield m
            cursor = page.cursor
            failures = 0
            async for data in _stream(api, token, ctx.stop):
                rules = {str(r.get("tag")) for r in data.get("matching_rules") or []}
                tweet = data.get("data")
                if tag not in rules or not isinstance(tweet, dict):
                    continue  # another program's rule on the same key
                users = {
                    str(u["id"]): u
                    for u in (data.get("includes") or {}).get("users") or []
                    if isinstance(u, dict) and u.get("id")
                }
                if count(tweet.get("id")) > count(cursor):
                    cursor = str(tweet["id"])
                for m in await accept(ctx, name, Page([_tweet(tweet, users)], cursor), None):
                    yield m
        except (RemoteError, ValueError) as exc:
            failures += 1
            if await failed(ctx, name, exc, failures, 5.0):
                return
            continue
        if await pause(ctx.stop, 1.0):
            return


def ensure_rule(api: str, token: str, query: str, tag: str) -> None:
    """One stream rule with ``tag`` whose value is ``query`` (old values deleted)."""
    headers = {"Authorization": f"Bearer {token}"}
    url = f"{api}/tweets/search/stream/rules"
    rules = call("GET", url, headers=headers).json().get("data") or []
    ours = [r for r in rules if isinstance(r, dict) and r.get("tag") == tag]
    stale = [str(r["id"]) for r in ours if r.get("value") != query]
    if stale:
        call("POST", url, headers=headers, json={"delete": {"ids": stale}})
    if len(stale) == len(ours):
        call("POST", url, headers=headers, json={"add": [{"value": query, "tag": tag}]})


async def _stream(api: str, token: str, stop: asyncio.Event) -> AsyncIterator[dict[str, Any]]:
    """The filtered stream's objects until it ends or ``stop``."""
    params = {"tweet.fields": TWEET_FIELDS, "expansions": "author_id", "user.fields": USER_FIELDS}
    headers = {"Authorization": f"Bearer {token}", "User-Agent": USER_AGENT}
    timeout = httpx.Timeout(10.0, read=STREAM_SILENCE)
    async with (
        httpx.AsyncClient(headers=headers, timeout=timeout) as client,
        client.stream("GET", f"{api}/tweets/search/stream", params=params) as response,
    ):
        if response.status_code != 200:
            raise refusal(response.status_code, await opening(response), response.headers)
        lines = stream_lines(response).__aiter__()
        while True:
            try:
                got, line = await or_stop(lines.__anext__(), stop)
            except StopAsyncIteration:
                return
            if not got or line is None:
                return
            if line.strip():  # blank lines keep the connection alive
                data = json.loads(line)
                if isinstance(data, dict):
                    yield data


def fetch(api: str, token: str, query: str, cursor: str | None) -> Page:
    tweets: list[dict[str, Any]] = []
    users: dict[str, dict[str, Any]] = {}
    newest = cursor
    next_token = None
    for _ in range(MAX_PAGES):
        params: dict[str, Any] = {
            "query": query,
            "max_results": 100,
            "tweet.fields": TWEET_FIELDS,
            "expansions": "author_id",
            "user.fields": USER_FIELDS,
        }
        if cursor:
            params["since_id"] = cursor
        if next_token:
            params["next_token"] = next_token
        data = call(
            "GET",
            f"{api}/tweets/search/recent",
            params=params,
            headers={"Authorization": f"Bearer {token}"},
        ).json()
        tweets += [t for t in data.get("data") or [] if isinstance(t, dict)]
        for user in (data.get("includes") or {}).get("users") or []:
            if isinstance(user, dict) and user.get("id"):
                users[str(user["id"])] = user
        meta = data.get("meta") or {}
        if meta.get("newest_id") and (newest is None or int(meta["newest_id"]) > int(newest)):
            newest = str(meta["newest_id"])
        next_token = meta.get("next_token")
        if not next_token:
            break
    tweets.sort(key=lambda t: count(t.get("id")))
    return Page([_tweet(t, users) for t in tweets], newest)


def _tweet(tweet: dict[str, Any], users: dict[str, dict[str, Any]]) -> Mention | Rejected:
    key = tweet.get("id")
    if not key:
        return Rejected(RecordError("record.no_id"), tweet)
    created = when(tweet.get("created_at"))
    if created is None:
        return Rejected(
            RecordError("record.bad_time", field="created_at", value=tweet.get("created_at")),
            tweet,
        )
    raw = tweet.get("text")
    text, _ = clean_text(unescape_entities(raw) if isinstance(raw, str) else raw or "")
    if not text:
        return Rejected(RecordError("record.no_text"), tweet)
    user = users.get(str(tweet.get("author_id")), {})
    metrics = tweet.get("public_metrics") or {}
    refs = [r for r in tweet.get("referenced_tweets") or [] if r.get("type") in RELATIONS]
    handle = clean_field(user.get("username"), 200)
    return Mention(
        source="x",
        external_id=str(key),
        text=text,
        created_at=created,
        channel=Channel.TWITTER,
        url=f"https://x.com/{handle or 'i'}/status/{key}",
        lang=tweet.get("lang") if tweet.get("lang") not in (None, "und", "zxx") else None,
        author=_user(user, handle) if handle else None,
        relation=RELATIONS[refs[0]["type"]] if refs else None,
        parent_external_id=str(refs[0].get("id")) if refs else None,
        likes=count(metrics.get("like_count")),
        reposts=count(metrics.get("retweet_count")),
        replies=count(metrics.get("reply_count")),
        quotes=count(metrics.get("quote_count")),
        raw={"x": {"conversation_id": tweet.get("conversation_id")}},
    )


def _user(user: dict[str, Any], handle: str) -> AuthorProfile:
    metrics = user.get("public_metrics") or {}
    avatar = str(user.get("profile_image_url") or "")
    return AuthorProfile(
        handle=handle,
        external_id=clean_field(user.get("id"), 300),
        name=clean_field(user.get("name"), 300),
        bio=clean_field(user.get("description"), 2000),
        followers=count(metrics.get("followers_count")),
        following=count(metrics.get("following_count")),
        posts=count(metrics.get("tweet_count")),
        account_created=when(user.get("created_at")),
        avatar=bool(avatar) and "default_profile" not in avatar,
        verified=bool(user.get("verified")),
        liked=None if metrics.get("like_count") is None else count(metrics.get("like_count")),
    )
