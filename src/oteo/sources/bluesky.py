"""Bluesky: posts found by ``app.bsky.feed.searchPosts``, with their authors' follower
counts from ``app.bsky.actor.getProfiles`` (cached for a day).

Config: ``{type: bluesky, query: "lumbre burger", handle: brand.bsky.social,
password: "${OTEO_BLUESKY_PASSWORD}", name: optional, every: 2m,
url: https://bsky.social}``.  Searching needs a login: an app password (Settings →
App passwords), never the account's own.

Each poll asks for the latest posts since the newest one seen (``sort=latest``,
``since``), page by page with the API's ``cursor``, and passes them on oldest first.
"""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Callable
from functools import partial
from typing import Any

from oteo.atproto import Session
from oteo.config import SourceConfig
from oteo.durations import parse_duration
from oteo.model import AuthorProfile, Channel, Mention, Relation
from oteo.records import RecordError, parse_time
from oteo.sources import SourceContext
from oteo.sources.poll import Page, Rejected, count, polling, setting, when
from oteo.text import clean_field, clean_text

SERVICE = "https://bsky.social"
PER_PAGE = 100
MAX_PAGES = 10
PROFILES_AT_ONCE = 25  # getProfiles' limit
PROFILE_TTL = 86_400.0  # seconds a profile's counts are trusted


class Profiles:
    """Authors' profiles, asked 25 at a time (``getProfiles`` through ``xrpc``: a
    session's, or the public AppView's) and kept for a day."""

    def __init__(self, xrpc: Callable[..., dict[str, Any]]) -> None:
        self.xrpc = xrpc
        self.cache: dict[str, tuple[float, dict[str, Any]]] = {}

    def get(self, dids: list[str]) -> dict[str, dict[str, Any]]:
        now = time.monotonic()
        missing = [
            d for d in dict.fromkeys(dids) if now - self.cache.get(d, (-1e18, {}))[0] > PROFILE_TTL
        ]
        for i in range(0, len(missing), PROFILES_AT_ONCE):
            chunk = missing[i : i + PROFILES_AT_ONCE]
            found = self.xrpc("GET", "app.bsky.actor.getProfiles", params={"actors": chunk})
            for did in chunk:  # a deleted or suspended account is not asked again soon
                self.cache[did] = (now, {})
            for profile in found.get("profiles") or []:
                if isinstance(profile, dict) and profile.get("did") in self.cache:
                    self.cache[profile["did"]] = (now, profile)
        return {d: self.cache[d][1] for d in dids if d in self.cache}


def self_labelled_bot(*views: dict[str, Any]) -> bool | None:
    """Whether the account marks itself as automated: Bluesky's ``bot`` self-label, a
    label the account put on itself (a labeller's "bot" would be someone else's
    opinion).  None when no view carries labels."""
    seen = None
    for view in views:
        labels = view.get("labels")
        if not isinstance(labels, list):
            continue
        seen = False
        for label in labels:
            if (
                isinstance(label, dict)
                and label.get("val") == "bot"
                and label.get("src") == view.get("did")
            ):
                return True
    return seen


def build(spec: SourceConfig, ctx: SourceContext) -> AsyncIterator[Mention]:
    query = str(setting(spec, "query", kind="bluesky"))
    handle = str(setting(spec, "handle", kind="bluesky"))
    password = str(setting(spec, "password", kind="bluesky"))
    service = str(setting(spec, "url", SERVICE, kind="bluesky"))
    every = parse_duration(setting(spec, "every", "2m", kind="bluesky")).total_seconds()
    session = Session(service, handle, password)
    return polling(
        ctx,
        spec.name or "bluesky",
        partial(fetch, session, Profiles(session.xrpc), query),
        every=every,
    )


def fetch(session: Session, profiles: Profiles, query: str, cursor: str | None) -> Page:
    posts: list[dict[str, Any]] = []
    page_cursor = None
    for _ in range(MAX_PAGES):
        params: dict[str, Any] = {"q": query, "sort": "latest", "limit": PER_PAGE}
        if cursor:
            params["since"] = cursor
        if page_cursor:
            params["cursor"] = page_cursor
        found = session.xrpc("GET", "app.bsky.feed.searchPosts", params=params)
        posts += [p for p in found.get("posts") or [] if isinstance(p, dict)]
        page_cursor = found.get("cursor")
        if not page_cursor or not found.get("posts"):
            break
    dids = [(p.get("author") or {}).get("did") for p in posts]
    authors = profiles.get([d for d in dids if isinstance(d, str) and d.startswith("did:")])
    items = sorted(
        (post_mention(p, authors) for p in posts),
        key=lambda m: m.created_at.isoformat() if isinstance(m, Mention) else "",
    )
    seen = [p.get("indexedAt") for p in posts if isinstance(p.get("indexedAt"), str)]
    return Page(items, max([*seen, cursor or ""]) or None)


def post_mention(post: dict[str, Any], authors: dict[str, dict[str, Any]]) -> Mention | Rejected:
    """A post view as the AppView gives it, as a mention."""
    uri, record = post.get("uri"), post.get("record")
    if not isinstance(uri, str) or not uri.startswith("at://") or not isinstance(record, dict):
        return Rejected(RecordError("record.no_id"), post)
    try:
        created = parse_time(record.get("createdAt") or post.get("indexedAt"), "createdAt")
    except RecordError as exc:
        return Rejected(exc, post)
    if created is None:
        return Rejected(RecordError("record.bad_time", field="createdAt", value=None), post)
    text, _ = clean_text(record.get("text") or "")
    if not text:
        return Rejected(RecordError("record.no_text"), post)
    author = post.get("author") or {}
    handle = clean_field(author.get("handle"), 200)
    profile = authors.get(str(author.get("did")), {})
    reply = (record.get("reply") or {}).get("parent") or {}
    langs = record.get("langs") or []
    rkey = uri.rsplit("/", 1)[-1]
    return Mention(
        source="bluesky",
        external_id=uri,
        text=text,
        created_at=created,
        channel=Channel.BLUESKY,
        url=f"https://bsky.app/profile/{handle or author.get('did')}/post/{rkey}",
        lang=str(langs[0])[:12] if langs else None,
        author=AuthorProfile(
            handle=handle,
            external_id=clean_field(author.get("did"), 300),
            name=clean_field(author.get("displayName"), 300),
            bio=clean_field(profile.get("description"), 2000),
            followers=count(profile["followersCount"]) if "followersCount" in profile else None,
            following=count(profile["followsCount"]) if "followsCount" in profile else None,
            posts=count(profile["postsCount"]) if "postsCount" in profile else None,
            account_created=when(profile.get("createdAt")),
            avatar=bool(author.get("avatar")),
            automated=self_labelled_bot(author, profile),
        )
        if handle
        else None,
        relation=Relation.REPLY if reply.get("uri") else None,
        parent_external_id=reply.get("uri"),
        likes=count(post.get("likeCount")),
        reposts=count(post.get("repostCount")),
        replies=count(post.get("replyCount")),
        quotes=count(post.get("quoteCount")),
        raw={"bluesky": {"uri": uri, "cid": post.get("cid"), "indexedAt": post.get("indexedAt")}},
    )
