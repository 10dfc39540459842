"""YouTube comments, through the YouTube Data API v3 (``commentThreads.list``).

Config: ``{type: youtube, key: "${OTEO_YOUTUBE_KEY}", channel_id: UC…, name: optional,
every: 15m}`` for every comment on a channel's videos, or ``video_ids: [id, …]`` for
chosen videos (both may be given).  ``api`` changes the address (tests, proxies).

Each poll asks for the newest comment threads (``order=time``) of each target, page by
page, until it reaches the newest comment seen before (the cursor, per target); each
thread's top-level comment and the replies the API includes with it become mentions,
oldest first.  The API's daily quota refusals (``403 quotaExceeded``) wait the longest.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from functools import partial
from typing import Any

from oteo.config import SourceConfig
from oteo.durations import parse_duration
from oteo.model import AuthorProfile, Channel, Mention, Relation
from oteo.records import RecordError
from oteo.remote import call
from oteo.sources import SourceContext, SourceError
from oteo.sources.poll import Page, Rejected, count, polling, setting, when
from oteo.text import clean_field, html_text

API = "https://www.googleapis.com/youtube/v3"
MAX_PAGES = 5


def build(spec: SourceConfig, ctx: SourceContext) -> AsyncIterator[Mention]:
    key = str(setting(spec, "key", kind="youtube"))
    channel = getattr(spec, "channel_id", None)
    targets = [("allThreadsRelatedToChannelId", str(channel))] if channel else []
    targets += [("videoId", str(v)) for v in getattr(spec, "video_ids", None) or []]
    if not targets:
        raise SourceError("source.missing_setting", type="youtube", setting="channel_id")
    api = str(setting(spec, "api", API, kind="youtube")).rstrip("/")
    every = parse_duration(setting(spec, "every", "15m", kind="youtube")).total_seconds()
    return polling(ctx, spec.name or "youtube", partial(fetch, api, key, targets), every=every)


def fetch(
    api: str, key: str, targets: list[tuple[str, str]], cursor: dict[str, str] | None
) -> Page:
    cursor = dict(cursor or {})
    found: list[tuple[str, Mention | Rejected]] = []
    for param, value in targets:
        since = cursor.get(value, "")
        newest = since
        token = None
        for _ in range(MAX_PAGES):
            params = {
                "part": "snippet,replies",
                param: value,
                "order": "time",
                "maxResults": 100,
                "textFormat": "plainText",
                "key": key,
            }
            if token:
                params["pageToken"] = token
            data = call("GET", f"{api}/commentThreads", params=params).json()
            threads = [t for t in data.get("items") or [] if isinstance(t, dict)]
            older = False
            for thread in threads:
                for comment, parent in _comments(thread):
                    at = str((comment.get("snippet") or {}).get("publishedAt") or "")
                    if since and at and at <= since:
                        older = older or parent is None
                        continue
                    newest = max(newest, at)
                    found.append((at, _comment(comment, parent)))
            token = data.get("nextPageToken")
            if older or not token:
                break
        if newest:
            cursor[value] = newest
    found.sort(key=lambda pair: pair[0])
    return Page([item for _, item in found], cursor)


def _comments(thread: dict[str, Any]) -> list[tuple[dict[str, Any], dict[str, Any] | None]]:
    """The thread's top-level comment, then the replies it carries."""
    snippet = thread.get("snippet") or {}
    top = snippet.get("topLevelComment") or {}
    out: list[tuple[dict[str, Any], dict[str, Any] | None]] = [(top, None)]
    for reply in (thread.get("replies") or {}).get("comments") or []:
        if isinstance(reply, dict):
            out.append((reply, top))
    return out


def _comment(comment: dict[str, Any], parent: dict[str, Any] | None) -> Mention | Rejected:
    snippet = comment.get("snippet") or {}
    key = comment.get("id")
    if not key:
        return Rejected(RecordError("record.no_id"), comment)
    created = when(snippet.get("publishedAt"), "publishedAt")
    if created is None:
        return Rejected(
            RecordError("record.bad_time", field="publishedAt", value=snippet.get("publishedAt")),
            comment,
        )
    text = html_text(snippet.get("textOriginal") or snippet.get("textDisplay"))
    if not text:
        return Rejected(RecordError("record.no_text"), comment)
    video = snippet.get("videoId") or (parent or {}).get("snippet", {}).get("videoId")
    handle = clean_field(snippet.get("authorDisplayName"), 200)
    return Mention(
        source="youtube",
        external_id=str(key),
        text=text,
        created_at=created,
        channel=Channel.YOUTUBE,
        url=f"https://www.youtube.com/watch?v={video}&lc={key}" if video else None,
        author=AuthorProfile(
            handle=handle.lstrip("@"),
            external_id=clean_field((snippet.get("authorChannelId") or {}).get("value"), 300),
            name=handle,
            avatar=bool(snippet.get("authorProfileImageUrl")),
        )
        if handle
        else None,
        relation=Relation.REPLY if parent is not None else None,
        parent_external_id=str(parent.get("id")) if parent is not None else None,
        likes=count(snippet.get("likeCount")),
        raw={"youtube": {"videoId": video, "parentId": snippet.get("parentId")}},
    )
