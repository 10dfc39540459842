"""Mastodon: the public timelines of hashtags, polled over the REST API.

Config: ``{type: mastodon, url: https://mastodon.social, tags: [lumbreburger],
name: optional, every: 2m, token: "${OTEO_MASTODON_TOKEN}"}``.  The token is optional
(most servers show hashtag timelines without one; some ask for it).

Each poll asks ``GET /api/v1/timelines/tag/:hashtag`` with ``min_id`` (the statuses
immediately newer than the last one seen) for every tag, oldest first; a full page is
followed by another at once.  Statuses map to mentions with their author's profile
(followers, following, posts, account age, avatar, bio), replies and boosts.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from functools import partial
from typing import Any
from urllib.parse import quote, urlsplit

from oteo.config import SourceConfig
from oteo.durations import parse_duration
from oteo.model import AuthorProfile, Channel, Mention, Relation
from oteo.records import RecordError, parse_time
from oteo.remote import call
from oteo.sources import SourceContext
from oteo.sources.poll import Page, Rejected, count, polling, setting, when
from oteo.text import clean_field, html_text

LIMIT = 40  # the most the API gives in one page


def build(spec: SourceConfig, ctx: SourceContext) -> AsyncIterator[Mention]:
    server = str(setting(spec, "url", kind="mastodon")).rstrip("/")
    tags = setting(spec, "tags", kind="mastodon")
    # hashtags are case-insensitive: one cursor per tag, however it is written
    tags = list(
        dict.fromkeys(
            str(x).lstrip("#").lower() for x in ([tags] if isinstance(tags, str) else tags)
        )
    )
    token = getattr(spec, "token", None)
    every = parse_duration(setting(spec, "every", "2m", kind="mastodon")).total_seconds()
    name = spec.name or "mastodon:" + (urlsplit(server).hostname or "server")
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
    )
