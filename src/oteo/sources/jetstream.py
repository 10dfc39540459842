"""Bluesky's Jetstream: every new post on the network, as JSON over a WebSocket, kept
when it matches one of the config's watches (no login needed).

Config: ``{type: jetstream, name: optional,
url: wss://jetstream2.us-east.bsky.network/subscribe,
appview: https://public.api.bsky.app}``.

oteo subscribes to ``app.bsky.feed.post`` only and checks each post's text against the
watches' queries; a match becomes a mention, with its author's handle and follower
counts from the public AppView's ``getProfiles`` (cached a day).  A ``delete`` of a
stored post marks it deleted (kept as evidence).  The cursor is Jetstream's
``time_us``: saved with each kept post, and every half minute while nothing matches;
after a restart or a dropped connection oteo reconnects from it, five seconds early
(the store drops what it already has), with backoff after failures.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any
from urllib.parse import urlencode

import websockets

from oteo.config import SourceConfig
from oteo.model import Mention
from oteo.query import Doc
from oteo.records import RecordError, read_json
from oteo.remote import RemoteError, call
from oteo.sources import SourceContext, or_stop
from oteo.sources.bluesky import Profiles, post_mention
from oteo.sources.poll import Page, Rejected, accept, failed, setting

URL = "wss://jetstream2.us-east.bsky.network/subscribe"
APPVIEW = "https://public.api.bsky.app"
POST = "app.bsky.feed.post"
REWIND_US = 5_000_000
SAVE_EVERY_US = 30_000_000
MAX_MESSAGE = 1 << 20


def build(spec: SourceConfig, ctx: SourceContext) -> AsyncIterator[Mention]:
    url = str(setting(spec, "url", URL, kind="jetstream"))
    appview = str(setting(spec, "appview", APPVIEW, kind="jetstream")).rstrip("/")
    return jetstream(ctx, spec.name or "jetstream", url, appview)


async def jetstream(
    ctx: SourceContext, name: str, url: str, appview: str
) -> AsyncIterator[Mention]:
    queries = [w.compiled() for w in ctx.config.watches]
    profiles = Profiles(
        lambda method, xrpc, **kw: call(method, f"{appview}/xrpc/{xrpc}", **kw).json()
    )
    cursor = await asyncio.to_thread(ctx.store.cursor, name)
    saved = cursor
    failures = 0
    while not ctx.stop.is_set():
        query = {"wantedCollections": POST}
        if cursor:
            query["cursor"] = str(max(0, int(cursor) - REWIND_US))
        try:
            async with websockets.connect(
                f"{url}?{urlencode(query)}", open_timeout=10, max_size=MAX_MESSAGE
            ) as socket:
                failures = 0
                while not ctx.stop.is_set():
                    got, message = await or_stop(socket.recv(), ctx.stop)
                    if not got or message is None:
                        return
                    try:
                        event = read_json(message)
                    except ValueError as exc:  # one bad message is set aside, not fatal
                        bad = RecordError("record.bad_json", error=str(exc)[:200])
                        await accept(ctx, name, Page([Rejected(bad, str(message)[:2000])]), None)
                        continue
                    commit = event.get("commit") if isinstance(event, dict) else None
                    if not isinstance(commit, dict) or commit.get("collection") != POST:
                        continue
                    cursor = event.get("time_us") or cursor
                    uri = f"at://{event.get('did')}/{POST}/{commit.get('rkey')}"
                    if commit.get("operation") == "delete":
                        await asyncio.to_thread(
                            ctx.store.mark_deleted, name, [uri], ctx.clock.now()
                        )
                        continue
                    post = _view(event, commit, uri)
                    text = str((post["record"] or {}).get("text") or "")
                    if commit.get("operation") != "create" or not _wanted(text, queries):
                        if cursor and int(cursor) - int(saved or 0) >= SAVE_EVERY_US:
                            await asyncio.to_thread(
                                ctx.store.save_cursor, name, cursor, ctx.clock.now()
                            )
                            saved = cursor
                        continue
                    did = str(event.get("did"))
                    authors = await asyncio.to_thread(profiles.get, [did])
                    known = authors.get(did, {})
                    post["author"].update(
                        handle=known.get("handle") or did, avatar=known.get("avatar")
                    )
                    page = Page([post_mention(post, authors)], cursor)
                    for m in await accept(ctx, name, page, None):
                        yield m
                    saved = cursor
        except (OSError, websockets.WebSocketException, RemoteError, ValueError) as exc:
            failures += 1
            if await failed(ctx, name, exc, failures, 5.0):
                return


def _wanted(text: str, queries: list[Any]) -> bool:
    if not text:
        return False
    doc = Doc.build(text, channel="bluesky")
    return any(q.matches(doc) for q in queries)


def _view(event: dict[str, Any], commit: dict[str, Any], uri: str) -> dict[str, Any]:
    """A Jetstream commit in the shape of the AppView's post view."""
    return {
        "uri": uri,
        "cid": commit.get("cid"),
        "author": {"did": event.get("did")},
        "record": commit.get("record") if isinstance(commit.get("record"), dict) else {},
        "indexedAt": None,
    }
