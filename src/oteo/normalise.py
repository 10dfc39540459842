"""The normalise stage: every mention, from any source, made safe and complete.

Text is cleaned and bounded (:func:`oteo.text.clean_text`), names and handles too;
times become aware UTC; a language the source did not say is left unknown (matching
detects it when a ``lang:`` filter asks, understanding otherwise); a mention that cannot
be made usable is rejected with a reason, never half-stored.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from oteo.model import Mention
from oteo.records import RecordError
from oteo.text import MAX_TEXT_CHARS, clean_field, clean_text

MAX_ID = 300
MAX_SOURCE = 100
MAX_URL = 2000
FUTURE_SLACK = timedelta(days=1)


def normalise(m: Mention, now: datetime) -> Mention:
    """Clean ``m`` in place and return it; raise :class:`RecordError` if unusable."""
    m.text, m.truncated = clean_text(m.text, MAX_TEXT_CHARS)
    if not m.text:
        raise RecordError("record.no_text")
    m.source = (clean_field(m.source, MAX_SOURCE) or "unknown").lower()
    external_id = clean_field(m.external_id, MAX_ID + 1)
    if not external_id:
        raise RecordError("record.no_id")
    if len(external_id) > MAX_ID:
        raise RecordError("record.long_id", limit=MAX_ID)
    m.external_id = external_id
    m.created_at = _utc(m.created_at)
    m.received_at = _utc(m.received_at) if m.received_at else now
    if m.created_at > m.received_at + FUTURE_SLACK:
        raise RecordError("record.future", value=m.created_at.isoformat())
    if m.url is not None:
        url = clean_field(m.url, MAX_URL)
        m.url = url if url and url.lower().startswith(("http://", "https://")) else None
    if m.author is not None:
        a = m.author
        handle = clean_field(a.handle, 200)
        if handle is None:
            m.author = None
        else:
            a.handle = handle.lstrip("@")[:200]
            a.name = clean_field(a.name, 300)
            a.bio = clean_field(a.bio, 2000)
            a.external_id = clean_field(a.external_id, 200)
            if a.account_created is not None:
                a.account_created = _utc(a.account_created)
    m.parent_external_id = clean_field(m.parent_external_id, MAX_ID)
    for name in ("likes", "reposts", "replies", "quotes"):
        setattr(m, name, max(0, min(int(getattr(m, name) or 0), 10**12)))
    lang = (m.lang or "").strip().lower().replace("_", "-")[:12]
    # unknown: matching detects it if a lang: filter asks, understanding otherwise
    m.lang = lang if lang and lang != "und" else None
    return m


def _utc(value: datetime) -> datetime:
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
