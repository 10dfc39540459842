"""Mastodon: the public timelines of hashtags, over the REST API or streamed.

Config: ``{type: mastodon, url: https://mastodon.social, tags: [lumbreburger],
name: optional, every: 2m, token: "${OTEO_MASTODON_TOKEN}", stream: false}``.  The
token is optional for polling (most servers show hashtag timelines without one) and
needed by most servers for streaming.

Polling asks ``GET /api/v1/timelines/tag/:hashtag`` with ``min_id`` (the statuses
immediately newer than the last one seen) for every tag, oldest first; a full page is
followed by another at once.  With ``stream: true`` oteo catches up the same way, then
listens to ``GET /api/v1/streaming/hashtag`` (server-sent events, one connection per
tag): each ``update`` is a new status, each ``delete`` marks a stored one deleted
(kept as evidence).  When a connection drops, oteo catches up over REST and listens
again (with backoff after failures), so nothing said meanwhile is lost.  Statuses map
to mentions with their author's profile (followers, following, posts, account age,
avatar, bio), replies and boosts.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from functools import partial
from typing import Any
from urllib.parse import quote, urlsplit

import httpx

from oteo.config import SourceConfig
from oteo.durations import parse_duration
from oteo.model import AuthorProfile, Channel, Mention, Relation
from oteo.records import RecordError, parse_time
from oteo.remote import (
    MAX_STREAM_LINE,
    USER_AGENT,
    RemoteError,
    call,
    opening,
    refusal,
    stream_lines,
)
from oteo.sources import SourceContext, or_stop, pause
from oteo.sources.poll import Page, Rejected, accept, count, failed, plain, polling, setting, when
from oteo.text import clean_field, html_text

LIMIT = 40  # the most the API gives in one page
#: seconds without a byte (servers send a heartbeat every few seconds) before reconnecting
STREAM_SILENCE = 90.0


def build(spec: SourceConfig, ctx: SourceContext) -> AsyncIterator[Mention]:
    server = str(setting(spec, "url", kind="mastodon")).rstrip("/")
    tags = setting(spec, "tags", kind="mastodon")
    # hashtags are case-insensitive: one cursor per tag, however it is written
    tags = list(
        dict.fromkeys(
            str(x).lstrip("#").lower() for x in ([tags] if isinstance(tags, str) else tags)
        )
    )
    token = plain(getattr(spec, "token", None))
    every = parse_duration(setting(spec, "every", "2m", kind="mastodon")).total_seconds()
    name = spec.name or "mastodon:" + (urlsplit(server).hostname or "server")
    if getattr(spec, "stream", False):
        return streaming(ctx, name, server, tags, token)
    return polling(ctx, name, partial(fetch, server, tags, token), every=every)


def fetch(server: str, tags: list[str], token: str | None, cursor: dict[str, str] | None) -> Page:
    cursor = dict(cursor or {})
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    host = urlsplit(server).hostname or ""
    items: list[tuple[int, Mention | Rejected]] = []
    more = False
    for tag in tags:
        params: dict[str, Any] = {"limit": LIMIT}
        if cursor.get(tag):
            params["min_id"] = cursor[tag]
        statuses = call(
            "GET", f"{server}/api/v1/timelines/tag/{quote(tag)}", params=params, headers=headers
        ).json()
        statuses = (
            [s for s in statuses if isinstance(s, dict)] if isinstance(statuses, list) else []
        )
        ids = [count(s.get("id")) for s in statuses]
        if ids and max(ids) > 0:
            cursor[tag] = str(max(ids))
        more |= len(statuses) >= LIMIT
        items += [(count(s.get("id")), status_mention(s, host)) for s in statuses]
    items.sort(key=lambda pair: pair[0])
    return Page([item for _, item in items], cursor, more)


async def streaming(
    ctx: SourceContext, name: str, server: str, tags: list[str], token: str | None
) -> AsyncIterator[Mention]:
    """Catch up over REST, then listen; again after every disconnection."""
    host = urlsplit(server).hostname or ""
    cursor = await asyncio.to_thread(ctx.store.cursor, name) or {}
    failures = 0
    while not ctx.stop.is_set():
        try:
            more = True
            while more:
                page = await asyncio.to_thread(fetch, server, tags, token, cursor)
                for m in await accept(ctx, name, page, cursor):
                    yield m
                cursor, more = page.cursor, page.more
            failures = 0
            async for event, data in listen(server, tags, token, ctx.stop):
                if event == "delete":
                    await asyncio.to_thread(
                        ctx.store.mark_deleted, name, [data.strip()], ctx.clock.now()
                    )
                    continue
                status = json.loads(data)
                if not isinstance(status, dict):
                    continue
                for tag in tags:  # the cursor moves for the tags this status carries
                    if any(str(t.get("name", "")).lower() == tag for t in status.get("tags") or []):
                        cursor[tag] = max(cursor.get(tag, "0"), str(status.get("id")), key=int)
                page = Page([status_mention(status, host)], dict(cursor))
                for m in await accept(ctx, name, page, None):
                    yield m
        except (RemoteError, ValueError) as exc:
            failures += 1
            if await failed(ctx, name, exc, failures, 5.0):
                return
            continue
        if await pause(ctx.stop, 1.0):  # the server closed the stream: catch up, listen again
            return


async def listen(
    server: str, tags: list[str], token: str | None, stop: asyncio.Event
) -> AsyncIterator[tuple[str, str]]:
    """``(event, data)`` from one server-sent events connection per tag, until one of
    them ends (then the caller catches up and connects again) or ``stop``."""
    queue: asyncio.Queue[tuple[str, str] | None] = asyncio.Queue(maxsize=256)
    headers = {"Accept": "text/event-stream", "User-Agent": USER_AGENT}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    timeout = httpx.Timeout(10.0, read=STREAM_SILENCE)
    problems: list[RemoteError] = []

    async def one(client: httpx.AsyncClient, tag: str) -> None:
        try:
            url = f"{server}/api/v1/streaming/hashtag"
            async with client.stream("GET", url, params={"tag": tag}) as response:
                if response.status_code != 200:
                    body = await opening(response)
                    problems.append(refusal(response.status_code, body, response.headers))
                    return
                event, data, size = "message", [], 0
                async for line in stream_lines(response):
                    if line.startswith(":"):
                        continue  # a heartbeat
                    if not line:
                        if data:
                            await queue.put((event, "\n".join(data)))
                        event, data, size = "message", [], 0
                    elif line.startswith("event:"):
                        event = line[6:].strip()
                    elif line.startswith("data:"):
                        data.append(line[5:].lstrip())
                        size += len(data[-1])
                        if size > MAX_STREAM_LINE:  # an event that never ends
                            raise RemoteError("an event of the stream never ends", retry=True)
        except httpx.HTTPError as exc:
            problems.append(RemoteError(f"{type(exc).__name__}: {exc}", retry=True))
        except RemoteError as exc:
            problems.append(exc)
        finally:
            await queue.put(None)

    async with httpx.AsyncClient(headers=headers, timeout=timeout) as client:
        tasks = [asyncio.create_task(one(client, tag)) for tag in tags]
        try:
            while True:
                got, item = await or_stop(queue.get(), stop)
                if not got:
                    return
                if item is None:
                    if problems:
                        raise problems[0]
                    return
                yield item
        finally:
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)


def status_mention(status: dict[str, Any], host: str) -> Mention | Rejected:
    """A status as the API gives it, as a mention (a boost carries the boosted post)."""
    shown = status.get("reblog") if isinstance(status.get("reblog"), dict) else None
    body = shown or status
    key = status.get("id")
    if not key:
        return Rejected(RecordError("record.no_id"), status)
    try:
        created = parse_time(status.get("created_at"), "created_at")
    except RecordError as exc:
        return Rejected(exc, status)
    if created is None:
        return Rejected(RecordError("record.bad_time", field="created_at", value=None), status)
    text = html_text(body.get("content"))
    warning = clean_field(body.get("spoiler_text"), 500)
    if warning:
        text = f"{warning}\n{text}" if text else warning
    if not text:
        return Rejected(RecordError("record.no_text"), status)
    reply_to = body.get("in_reply_to_id") if shown is None else None
    return Mention(
        source="mastodon",
        external_id=str(key),
        text=text,
        created_at=created,
        channel=Channel.MASTODON,
        url=status.get("url") or status.get("uri") or (shown or {}).get("url"),
        lang=(body.get("language") or None),
        author=account_profile(status.get("account") or {}, host),
        relation=Relation.REPOST if shown else (Relation.REPLY if reply_to else None),
        parent_external_id=str(shown["id"]) if shown else (str(reply_to) if reply_to else None),
        likes=count(body.get("favourites_count")),
        reposts=count(body.get("reblogs_count")),
        replies=count(body.get("replies_count")),
        raw={"mastodon": {k: status.get(k) for k in ("id", "uri", "url", "visibility")}},
    )


def account_profile(account: dict[str, Any], host: str) -> AuthorProfile | None:
    acct = clean_field(account.get("acct"), 200)
    if not acct:
        return None
    if "@" not in acct and host:
        acct = f"{acct}@{host}"  # a local account: its full address
    avatar = account.get("avatar") or ""
    return AuthorProfile(
        handle=acct,
        external_id=clean_field(account.get("url"), 300) or acct,
        name=clean_field(account.get("display_name"), 300),
        bio=html_text(account.get("note"), 2000) or None,
        followers=count(account.get("followers_count")),
        following=count(account.get("following_count")),
        posts=count(account.get("statuses_count")),
        account_created=when(account.get("created_at")),
        avatar=bool(avatar) and "missing" not in avatar,
        verified=None,
        # the account's "automated" box (its actor is a Service or an Application)
        automated=account["bot"] if isinstance(account.get("bot"), bool) else None,
    )
