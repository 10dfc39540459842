"""Hacker News stories and comments, through the Algolia search API (no key needed).

Config: ``{type: hackernews, query: "lumbre burger", name: optional, every: 5m,
api: https://hn.algolia.com/api/v1}``.

Each poll asks ``search_by_date`` for stories and comments created since the cursor
(the newest ``created_at_i`` seen; the same second is asked again and the store drops
repeats), page by page, and passes them on oldest first.  Algolia returns at most 1,000
hits for one query, so a poll sees at most that many new items (a brand on Hacker News
is far below it between two polls).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime
from functools import partial
from typing import Any

from oteo.config import SourceConfig
from oteo.durations import parse_duration
from oteo.model import AuthorProfile, Channel, Mention, Relation
from oteo.records import RecordError
from oteo.remote import call
from oteo.sources import SourceContext
from oteo.sources.poll import Page, Rejected, count, polling, setting
from oteo.text import html_text

API = "https://hn.algolia.com/api/v1"
PER_PAGE = 100
MAX_PAGES = 10  # Algolia's own limit: 1,000 hits per query


def build(spec: SourceConfig, ctx: SourceContext) -> AsyncIterator[Mention]:
    query = str(setting(spec, "query", kind="hackernews"))
    api = str(setting(spec, "api", API, kind="hackernews")).rstrip("/")
    every = parse_duration(setting(spec, "every", "5m", kind="hackernews")).total_seconds()
    return polling(ctx, spec.name or "hackernews", partial(fetch, api, query), every=every)


def fetch(api: str, query: str, cursor: int | None) -> Page:
    since = int(cursor) if cursor else int(datetime.now(UTC).timestamp()) - 86_400
    hits: list[dict[str, Any]] = []
    for page in range(MAX_PAGES):
        data = call(
            "GET",
            f"{api}/search_by_date",
            params={
                "query": query,
                "tags": "(story,comment)",
                "numericFilters": f"created_at_i>={since}",
                "hitsPerPage": PER_PAGE,
                "page": page,
            },
        ).json()
        hits += [h for h in data.get("hits") or [] if isinstance(h, dict)]
        if page + 1 >= int(data.get("nbPages") or 0):
            break
    items = [_hit(h) for h in sorted(hits, key=lambda h: count(h.get("created_at_i")))]
    newest = max((count(h.get("created_at_i")) for h in hits), default=0)
    return Page(items, max(newest, since))


def _hit(hit: dict[str, Any]) -> Mention | Rejected:
    key = hit.get("objectID")
    if not key:
        return Rejected(RecordError("record.no_id"), hit)
    at = count(hit.get("created_at_i"))
    if at <= 0:
        return Rejected(
            RecordError("record.bad_time", field="created_at_i", value=hit.get("created_at_i")),
            hit,
        )
    comment = "comment" in (hit.get("_tags") or [])
    text = html_text(hit.get("comment_text")) if comment else _story(hit)
    if not text:
        return Rejected(RecordError("record.no_text"), hit)
    parent = hit.get("parent_id")
    return Mention(
        source="hackernews",
        external_id=str(key),
        text=text,
        created_at=datetime.fromtimestamp(at, UTC),
        channel=Channel.HACKERNEWS,
        url=f"https://news.ycombinator.com/item?id={key}",
        author=AuthorProfile(handle=str(hit["author"])) if hit.get("author") else None,
        relation=Relation.REPLY if comment and parent else None,
        parent_external_id=str(parent) if comment and parent else None,
        likes=count(hit.get("points")),
        replies=count(hit.get("num_comments")),
        raw={"hn": {k: hit.get(k) for k in ("objectID", "story_id", "url", "_tags")}},
    )


def _story(hit: dict[str, Any]) -> str:
    parts = [html_text(hit.get("title")), html_text(hit.get("story_text")), hit.get("url") or ""]
    return "\n".join(p for p in parts if p)
