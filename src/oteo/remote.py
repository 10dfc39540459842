"""Talking to other services over HTTP, with one error type and one idea of "later".

:func:`call` raises :class:`RemoteError` when a service refuses or cannot be reached;
``retry`` says whether trying again may help (network errors, 429, 5xx) and
``retry_after`` how long the service asked to wait (``Retry-After`` in seconds or as a
date, or the ``RateLimit-Reset`` / ``X-RateLimit-Reset`` / ``x-rate-limit-reset``
headers Bluesky, Mastodon and X send with a 429).
"""

from __future__ import annotations

import random
import time
from collections.abc import AsyncIterator
from datetime import datetime, timedelta
from email.utils import parsedate_to_datetime
from typing import Any

import httpx

TIMEOUT = 10.0
#: the most bytes of an answer oteo reads, once decompressed: a page of posts or a feed
#: is a few hundred KB; a service sending more is broken or hostile, and would fill the
#: memory of a small server
MAX_RESPONSE_BYTES = 32 * 1024 * 1024
#: the longest line (or event) a stream may send: a post is a few KB
MAX_STREAM_LINE = 1 << 20
#: headers that describe the bytes as sent, not the body as read
_TRANSFER_HEADERS = frozenset({"content-encoding", "content-length", "transfer-encoding"})
#: a service asking to wait longer than this is taken to mean this (a clock gone wrong)
LONGEST_WAIT = 86_400.0
USER_AGENT = "oteo/0.1 (+https://github.com/oteo)"


class RemoteError(Exception):
    def __init__(
        self,
        reason: str,
        *,
        retry: bool,
        retry_after: float | None = None,
        status: int | None = None,
    ) -> None:
        super().__init__(reason)
        self.retry = retry
        self.retry_after = retry_after
        self.status = status


def backoff(
    attempts: int,
    retry_after: float | None = None,
    rng: random.Random | None = None,
    *,
    first: timedelta = timedelta(minutes=1),
    longest: timedelta = timedelta(hours=1),
) -> timedelta:
    """Wait before attempt ``attempts + 1``: ``first``, twice that, four times… up to
    ``longest``, ±20% jitter so that many failures do not retry in step; never sooner
    than the service's own ``Retry-After``."""
    base = min(first * 2 ** min(max(attempts - 1, 0), 30), longest)
    wait = base * (rng or random).uniform(0.8, 1.2)
    if retry_after:
        wait = max(wait, timedelta(seconds=retry_after))
    return wait


def wait_asked(headers: httpx.Headers, now: float | None = None) -> float | None:
    """Seconds the service asked to wait, from its rate-limit headers, or None."""
    asked = _asked(headers, time.time() if now is None else now)
    return None if asked is None else min(asked, LONGEST_WAIT)


def _asked(headers: httpx.Headers, now: float) -> float | None:
    value = headers.get("Retry-After")
    if value:
        try:
            return max(0.0, float(value))
        except ValueError:
            try:
                return max(0.0, parsedate_to_datetime(value).timestamp() - now)
            except (TypeError, ValueError):
                pass
    for name in ("RateLimit-Reset", "X-RateLimit-Reset", "X-Rate-Limit-Reset"):
        value = headers.get(name)
        if not value:
            continue
        try:
            number = float(value)
        except ValueError:
            try:  # Mastodon: an ISO 8601 time
                return max(0.0, datetime.fromisoformat(value).timestamp() - now)
            except ValueError:
                continue
        # an epoch time (Bluesky) or, when small, seconds from now
        return max(0.0, number - now) if number > 1e9 else max(0.0, number)
    return None


def call(
    method: str,
    url: str,
    *,
    content: bytes | None = None,
    json: Any = None,
    params: dict[str, Any] | None = None,
    headers: dict[str, str] | None = None,
    timeout: float = TIMEOUT,
) -> httpx.Response:
    """One request; a response under 300 or :class:`RemoteError`. Its body is read up
    to :data:`MAX_RESPONSE_BYTES`."""
    all_headers = {"User-Agent": USER_AGENT}
    all_headers.update(headers or {})
    try:
        with httpx.stream(
            method,
            url,
            content=content,
            json=json,
            params=params,
            headers=all_headers,
            timeout=timeout,
        ) as streamed:
            body = bytearray()
            for chunk in streamed.iter_bytes():
                body += chunk
                if len(body) > MAX_RESPONSE_BYTES:
                    raise RemoteError(
                        f"the answer is larger than {MAX_RESPONSE_BYTES >> 20} MB", retry=True
                    )
    except httpx.HTTPError as exc:
        raise RemoteError(f"{type(exc).__name__}: {exc}", retry=True) from exc
    response = httpx.Response(
        streamed.status_code,
        headers=[(k, v) for k, v in streamed.headers.multi_items() if k not in _TRANSFER_HEADERS],
        content=bytes(body),
        request=streamed.request,
    )
    if response.status_code >= 300:
        raise refusal(response.status_code, response.text, response.headers)
    return response


def refusal(code: int, text: str, headers: httpx.Headers) -> RemoteError:
    """What an answer of status ``code`` (300 or more) means: whether to try again,
    and when the service asked us to."""
    return RemoteError(
        f"HTTP {code}: {text[:300]}",
        retry=code == 429 or code >= 500,
        retry_after=wait_asked(headers) if code in (429, 503) else None,
        status=code,
    )


async def stream_lines(
    response: httpx.Response, limit: int = MAX_STREAM_LINE
) -> AsyncIterator[str]:
    """The lines of a streamed answer, without their ends, each up to ``limit`` bytes: a
    longer one is a :class:`RemoteError` (a broken or hostile server), not a buffer
    growing until the memory is full."""
    pending = b""
    async for chunk in response.aiter_bytes():
        *lines, pending = (pending + chunk).split(b"\n")
        for line in lines:
            yield _stream_line(line, limit)
        if len(pending) > limit:
            raise _too_long(limit)
    if pending:
        yield _stream_line(pending, limit)


def _stream_line(line: bytes, limit: int) -> str:
    if len(line) > limit:
        raise _too_long(limit)
    return line.rstrip(b"\r").decode("utf-8", "replace")


def _too_long(limit: int) -> RemoteError:
    return RemoteError(f"a line of the stream is longer than {limit:,} bytes", retry=True)


async def opening(response: httpx.Response, size: int = 300) -> str:
    """The first ``size`` bytes of a streamed answer (a refusal's explanation), decoded;
    the rest is never read."""
    head = b""
    async for chunk in response.aiter_bytes():
        head += chunk
        if len(head) >= size:
            break
    return head[:size].decode("utf-8", "replace")
