"""RSS and Atom feeds: blogs, news sites, forums, and Google Alerts.

Config: ``{type: rss, url: https://…/feed.xml, name: optional, every: 15m,
channel: blog}``.  ``channel`` says what kind of place the feed is (blog, news, forum,
review…); Google Alerts feeds (``google.com/alerts/feeds/…``) are news by default.

A Google Alerts feed is Atom whose links go through a redirect
(``https://www.google.com/url?…&url=REAL&…``) and whose titles carry ``<b>`` marks: the
mention keeps the real link and the plain text.  Feeds are asked with ``ETag`` and
``Last-Modified``, so an unchanged feed costs one ``304``.  A feed lists its newest
entries first and repeats them until they fall off it: entries are passed on oldest
first, and the ids the feed listed last time are kept in the cursor and skipped (after
a crash, the store drops any entry it already has).
"""

from __future__ import annotations

import hashlib
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from functools import partial
from typing import Any
from urllib.parse import parse_qs, urlsplit

import feedparser

from oteo.config import SourceConfig
from oteo.durations import parse_duration
from oteo.model import AuthorProfile, Channel, Mention
from oteo.records import RecordError
from oteo.remote import RemoteError, call
from oteo.sources import SourceContext
from oteo.sources.poll import Page, Rejected, polling, setting
from oteo.text import clean_field, html_text

#: the most entry ids remembered from the last reading of a feed
MAX_SEEN = 1000


def build(spec: SourceConfig, ctx: SourceContext) -> AsyncIterator[Mention]:
    url = str(setting(spec, "url", kind="rss"))
    alerts = _is_google_alerts(url)
    channel = Channel.parse(getattr(spec, "channel", None) or ("news" if alerts else "blog"))
    name = spec.name or "rss:" + (urlsplit(url).hostname or "feed")
    every = parse_duration(setting(spec, "every", "15m", kind="rss")).total_seconds()
    return polling(ctx, name, partial(fetch, url, channel), every=every)


def fetch(url: str, channel: Channel, cursor: dict[str, Any] | None) -> Page:
    cursor = cursor or {}
    headers = {"Accept": "application/atom+xml, application/rss+xml, application/xml;q=0.9"}
    if cursor.get("etag"):
        headers["If-None-Match"] = cursor["etag"]
    if cursor.get("modified"):
        headers["If-Modified-Since"] = cursor["modified"]
    try:
        response = call("GET", url, headers=headers)
    except RemoteError as exc:
        if exc.status == 304:  # not modified
            return Page([], cursor)
        raise
    feed = feedparser.parse(
        response.content, response_headers={"content-type": response.headers.get("content-type")}
    )
    if not feed.get("version") and not feed.entries:
        problem = feed.get("bozo_exception") or "no <rss> or <feed> element"
        raise RemoteError(f"not an RSS or Atom feed: {problem}", retry=True)
    lang = (feed.feed.get("language") or "")[:2].lower() or None
    now = datetime.now(UTC)
    seen = set(cursor.get("seen") or ())
    listed = [(_key(e), e) for e in reversed(feed.entries)]
    items = [_entry(e, key, channel, lang, now) for key, e in listed if key not in seen]
    return Page(
        items,
        {
            "etag": response.headers.get("ETag"),
            "modified": response.headers.get("Last-Modified"),
            # what the feed lists now: skipped next time (a feed repeats its entries)
            "seen": [key for key, _ in listed][-MAX_SEEN:],
        },
    )


def _key(entry: Any) -> str:
    """An entry's identity: its id, else its link, else a digest of its text."""
    key = entry.get("id") or entry.get("link")
    if not key:
        key = hashlib.sha256(f"{entry.get('title')}|{entry.get('summary')}".encode()).hexdigest()
    return str(key)[:300]


def _entry(
    entry: Any, key: str, channel: Channel, lang: str | None, now: datetime
) -> Mention | Rejected:
    title = html_text(entry.get("title"))
    summary = html_text(entry.get("summary"))
    text = "\n".join(part for part in dict.fromkeys((title, summary)) if part)
    if not text:
        return Rejected(RecordError("record.no_text"), dict(entry))
    link = unwrap(entry.get("link"))
    # feedparser answers a missing "updated" with "published" and a warning: ask first
    updated = entry["updated_parsed"] if "updated_parsed" in entry else None  # noqa: SIM401
    when = entry.get("published_parsed") or updated
    created = datetime(*when[:6], tzinfo=UTC) if when else now
    site = urlsplit(link or "").hostname
    who = clean_field(entry.get("author"), 200) or site
    return Mention(
        source="rss",
        external_id=key,
        text=text,
        created_at=min(created, now),
        channel=channel,
        url=link,
        lang=lang,
        author=AuthorProfile(handle=who, name=who) if who else None,
        raw={"feed_entry": {k: entry[k] for k in ("id", "link", "published") if k in entry}},
    )


def unwrap(link: str | None) -> str | None:
    """The real address behind a Google redirect link (Google Alerts), or the link."""
    if not link:
        return None
    parts = urlsplit(link)
    host = parts.hostname or ""
    if parts.path == "/url" and (host == "google.com" or host.startswith("www.google.")):
        real = parse_qs(parts.query).get("url") or parse_qs(parts.query).get("q")
        if real and real[0].startswith(("http://", "https://")):
            return real[0]
    return link


def _is_google_alerts(url: str) -> bool:
    parts = urlsplit(url)
    return (parts.hostname or "").endswith("google.com") and parts.path.startswith("/alerts/feeds")
