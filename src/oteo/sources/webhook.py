"""Inbound webhooks: services push to ``POST /hooks/{name}`` on oteo's web server.

Config: ``{type: webhook, name: fb, format: meta, secret: "${OTEO_META_APP_SECRET}",
verify_token: "${OTEO_META_VERIFY_TOKEN}"}`` or ``{type: webhook, name: crm,
format: oteo, secret: "${OTEO_INBOUND_SECRET}"}``.

- ``format: oteo`` (the default): Standard Webhooks signatures (``webhook-id``,
  ``webhook-timestamp``, ``webhook-signature``; a stale timestamp is refused); the body
  is one mention record in ``oteo import``'s format, a list of them, or an envelope
  ``{"type": …, "data": record or [records]}``.
- ``format: meta``: Facebook Page and Instagram webhooks, signed with
  ``X-Hub-Signature-256`` under the app secret; ``GET /hooks/{name}`` answers Meta's
  subscription check (``hub.verify_token``).  Page feed posts and comments, and
  Instagram comments, become mentions.

The web server verifies the signature and keeps the body in the database before it
answers 200, so nothing accepted is lost even if ``oteo run`` is not running then;
this source reads what was kept, in order, and its cursor is the last row read.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime
from functools import partial
from typing import Any

from oteo.config import SourceConfig
from oteo.model import AuthorProfile, Channel, Mention, Relation
from oteo.records import RecordError, from_record, read_json
from oteo.signatures import StandardWebhooks, verify_hub
from oteo.sources import SourceContext, SourceError
from oteo.sources.poll import Page, Rejected, count, plain, polling
from oteo.store import Store
from oteo.text import clean_field, clean_text

FORMATS = ("oteo", "meta")
#: the largest body a webhook may push (bigger ones are refused with 413)
MAX_BODY = 1_000_000


def build(spec: SourceConfig, ctx: SourceContext) -> AsyncIterator[Mention]:
    name, fmt = hook_settings(spec)
    every = float(getattr(spec, "every", 2.0))
    return polling(ctx, name, partial(fetch, ctx.store, name, fmt), every=every)


def hook_settings(spec: SourceConfig) -> tuple[str, str]:
    """The hook's name (its URL) and format; a clear error when they are missing."""
    if not spec.name:
        raise SourceError("source.missing_setting", type="webhook", setting="name")
    fmt = str(getattr(spec, "format", None) or "oteo")
    if fmt not in FORMATS:
        raise SourceError(
            "source.bad_setting", type="webhook", setting="format", known=", ".join(FORMATS)
        )
    if not plain(getattr(spec, "secret", None)):
        raise SourceError("source.missing_setting", type="webhook", setting="secret")
    return spec.name, fmt


def verified(spec: SourceConfig, headers: dict[str, str], body: bytes, now: float) -> bool:
    """Whether a push is signed with the hook's secret (headers in lower case)."""
    _, fmt = hook_settings(spec)
    secret = str(plain(getattr(spec, "secret", "")))
    if fmt == "meta":
        return verify_hub(headers.get("x-hub-signature-256", ""), secret, body)
    return StandardWebhooks(secret).verify(headers, body, now)


def fetch(store: Store, name: str, fmt: str, cursor: int | None) -> Page:
    rows = store.inbound_after(name, int(cursor or 0))
    items: list[Mention | Rejected] = []
    now = datetime.now(UTC)
    for row in rows:
        try:
            body = read_json(row["payload"])
        except ValueError as exc:
            items.append(
                Rejected(RecordError("record.bad_json", error=str(exc)[:200]), row["payload"])
            )
            continue
        items += meta_items(body, now) if fmt == "meta" else oteo_items(body, name, now)
    return Page(items, rows[-1]["id"] if rows else cursor, more=len(rows) >= 500)


def oteo_items(body: Any, name: str, now: datetime) -> list[Mention | Rejected]:
    if isinstance(body, dict) and "data" in body and "text" not in body:
        body = body["data"]
    records = body if isinstance(body, list) else [body]
    out: list[Mention | Rejected] = []
    for record in records:
        try:
            out.append(from_record(record, now=now, default_source=name))
        except RecordError as exc:
            out.append(Rejected(exc, record))
    return out


def meta_items(body: Any, now: datetime) -> list[Mention | Rejected]:
    """Page feed changes (posts, comments) and Instagram comments, as Meta sends them."""
    if not isinstance(body, dict) or body.get("object") not in ("page", "instagram"):
        return [Rejected(RecordError("record.not_object"), body)]
    instagram = body["object"] == "instagram"
    out: list[Mention | Rejected] = []
    for entry in body.get("entry") or []:
        if not isinstance(entry, dict):
            continue
        for change in entry.get("changes") or []:
            value = change.get("value") if isinstance(change, dict) else None
            field = change.get("field") if isinstance(change, dict) else None
            if not isinstance(value, dict):
                continue
            if instagram and field == "comments":
                out.append(_instagram_comment(value, entry, now))
            elif not instagram and field == "feed" and _new_post_or_comment(value):
                out.append(_page_item(value, now))
    return out


def _new_post_or_comment(value: dict[str, Any]) -> bool:
    """A feed change that adds or edits a post or comment (not a like, not a removal)."""
    return value.get("verb") in ("add", "edited") and value.get("item") in (
        "comment",
        "post",
        "status",
    )


def _page_item(value: dict[str, Any], now: datetime) -> Mention | Rejected:
    key = value.get("comment_id") or value.get("post_id")
    text, _ = clean_text(value.get("message") or "")
    if not key:
        return Rejected(RecordError("record.no_id"), value)
    if not text:
        return Rejected(RecordError("record.no_text"), value)
    who = value.get("from") or {}
    comment = value.get("item") == "comment"
    parent = value.get("parent_id") or value.get("post_id")
    return Mention(
        source="facebook",
        external_id=str(key),
        text=text,
        created_at=_epoch(value.get("created_time"), now),
        channel=Channel.FACEBOOK,
        url=f"https://www.facebook.com/{key}",
        author=_author(who.get("id"), who.get("name"), who.get("name")),
        relation=Relation.REPLY if comment and parent else None,
        parent_external_id=str(parent) if comment and parent else None,
        raw={
            "meta": {
                "item": value.get("item"),
                "verb": value.get("verb"),
                "post_id": value.get("post_id"),
            }
        },
    )


def _instagram_comment(
    value: dict[str, Any], entry: dict[str, Any], now: datetime
) -> Mention | Rejected:
    key = value.get("id")
    text, _ = clean_text(value.get("text") or "")
    if not key:
        return Rejected(RecordError("record.no_id"), value)
    if not text:
        return Rejected(RecordError("record.no_text"), value)
    who = value.get("from") or {}
    media = (value.get("media") or {}).get("id")
    parent = value.get("parent_id") or media
    return Mention(
        source="instagram",
        external_id=str(key),
        text=text,
        created_at=_epoch(entry.get("time"), now),
        channel=Channel.INSTAGRAM,
        author=_author(who.get("id"), who.get("username"), None),
        relation=Relation.REPLY if parent else None,
        parent_external_id=str(parent) if parent else None,
        raw={"meta": {"media": media}},
    )


def _author(uid: Any, handle: Any, name: Any) -> AuthorProfile | None:
    handle = clean_field(handle, 200) or clean_field(uid, 200)
    if not handle:
        return None
    return AuthorProfile(
        handle=handle, external_id=clean_field(uid, 300), name=clean_field(name, 300)
    )


def _epoch(value: Any, now: datetime) -> datetime:
    """Meta's times: epoch seconds (or milliseconds); now when missing."""
    seconds = count(value)
    if seconds > 10**11:
        seconds //= 1000
    return min(datetime.fromtimestamp(seconds, UTC), now) if seconds else now
