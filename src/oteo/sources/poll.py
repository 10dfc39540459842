"""What every connector that asks a network over HTTP shares: the polling loop.

A connector is a ``fetch(cursor) -> Page`` function (blocking; it runs on a thread):
it asks the network for what came after ``cursor`` and returns the items in order
(mentions, or :class:`Rejected` items with the payload and the reason), the cursor to
start from next time, and whether another page is ready now.  The loop:

- resumes from the stored cursor; the new cursor travels with the page's last mention
  and is saved in the same transaction (a page with nothing to store saves it alone),
  so after a crash the page is asked again and the store drops what it already has;
- waits ``every`` between polls, and after a failure backs off with jitter (never
  sooner than the network's ``Retry-After`` or rate-limit reset); a refusal that
  retrying cannot fix (a bad key: 401, 403, 404) waits the longest;
- quarantines a malformed item with its reason and carries on;
- records each source's health (last poll, last item, counts, last error).
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from pydantic import SecretStr

from oteo.model import Mention
from oteo.records import RecordError, parse_time
from oteo.remote import RemoteError, backoff
from oteo.sources import SourceContext, pause

#: the longest wait between attempts after failures (and after a refusal)
LONGEST = timedelta(minutes=30)


@dataclass(slots=True)
class Rejected:
    """An item the connector could not turn into a mention."""

    error: RecordError
    payload: Any


@dataclass(slots=True)
class Page:
    items: list[Mention | Rejected] = field(default_factory=list)
    cursor: Any = None
    more: bool = False  # another page is ready: ask again without waiting


Fetch = Callable[[Any], Page]


async def polling(
    ctx: SourceContext,
    name: str,
    fetch: Fetch,
    *,
    every: float,
    first_retry: float = 5.0,
) -> AsyncIterator[Mention]:
    """The mentions ``fetch`` finds, as it finds them, until ``ctx.stop``."""
    cursor = await asyncio.to_thread(ctx.store.cursor, name)
    failures = 0
    while not ctx.stop.is_set():
        try:
            page = await asyncio.to_thread(fetch, cursor)
        except RemoteError as exc:
            failures += 1
            if await failed(ctx, name, exc, failures, first_retry):
                return
            continue
        failures = 0
        for m in await accept(ctx, name, page, cursor):
            yield m
        cursor = page.cursor if page.cursor is not None else cursor
        if not page.more and await pause(ctx.stop, every):
            return


async def accept(ctx: SourceContext, name: str, page: Page, cursor: Any) -> list[Mention]:
    """A page's mentions, ready to pass on: its bad items quarantined, the new cursor on
    its last mention (or saved alone when it has none), the source's health noted."""
    store, now = ctx.store, ctx.clock.now()
    mentions = [m for m in page.items if isinstance(m, Mention)]
    for item in page.items:
        if isinstance(item, Rejected):
            await asyncio.to_thread(_quarantine, ctx, name, item)
    for m in mentions:
        m.source = name
    if mentions:
        mentions[-1].cursor = (name, page.cursor)
    elif page.cursor is not None and page.cursor != cursor:
        await asyncio.to_thread(store.save_cursor, name, page.cursor, now)
    await asyncio.to_thread(store.source_polled, name, now, len(mentions))
    return mentions


async def failed(
    ctx: SourceContext, name: str, exc: Exception, failures: int, first_retry: float
) -> bool:
    """Note a failure and wait before the next attempt; True if told to stop meanwhile.
    Anything but a :class:`RemoteError` (a dropped stream, a garbled answer) is taken
    as worth retrying."""
    if not isinstance(exc, RemoteError):
        exc = RemoteError(str(exc), retry=True)
    await asyncio.to_thread(ctx.store.source_failed, name, ctx.clock.now(), str(exc))
    wait = backoff(
        failures if exc.retry else 30,  # a refusal: the longest wait
        exc.retry_after,
        first=timedelta(seconds=first_retry),
        longest=LONGEST,
    )
    return await pause(ctx.stop, wait.total_seconds())


def _quarantine(ctx: SourceContext, name: str, item: Rejected) -> None:
    try:
        payload = json.dumps(item.payload, ensure_ascii=False, default=str)
    except (TypeError, ValueError):
        payload = repr(item.payload)
    ctx.store.quarantine_item(name, ctx.clock.now(), item.error.message(), payload)
    ctx.report(name, item.error)


def count(value: Any) -> int:
    """A network's count (followers, likes, a time in seconds) as a non-negative
    integer; anything unreadable is 0."""
    try:
        return max(0, int(value))
    except (TypeError, ValueError):
        return 0


def when(value: Any, field: str = "created_at") -> datetime | None:
    """A network's time (ISO 8601 or epoch) as an aware UTC datetime; None if absent
    or unreadable (for optional fields such as an account's creation)."""
    try:
        return parse_time(value, field)
    except RecordError:
        return None


def setting(spec: Any, key: str, default: Any = None, *, kind: str) -> Any:
    """A connector's setting from its config entry (``SourceError`` if required)."""
    from oteo.sources import SourceError

    value = plain(getattr(spec, key, None))
    if value in (None, ""):
        if default is None:
            raise SourceError("source.missing_setting", type=kind, setting=key)
        return default
    return value


def plain(value: Any) -> Any:
    """A setting's value, a credential's too (they are kept as ``SecretStr``)."""
    return value.get_secret_value() if isinstance(value, SecretStr) else value
