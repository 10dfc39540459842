"""Mentions as records: the JSON Lines and CSV format of ``oteo import`` and exports.

One record is one post.  JSON Lines nests the author::

    {"source": "x", "id": "1", "text": "…", "created_at": "2026-11-21T10:00:00Z",
     "channel": "twitter", "url": "…", "lang": "es",
     "author": {"handle": "ana", "name": "Ana", "followers": 120, "following": 80,
                "posts": 900, "created_at": "2019-01-01", "avatar": true,
                "verified": false, "liked": 40, "bio": "…", "id": "123"},
     "relation": "reply", "parent_id": "0", "likes": 3, "reposts": 0, "replies": 1,
     "quotes": 0, "raw": {...}}

CSV uses the same names flat, the author's prefixed: ``author``, ``author_name``,
``author_followers``…  Only ``text`` is required; ``id`` defaults to a hash of the
text, author and time, ``created_at`` to when the file is read, ``source`` to
``import``.  HTML entities in ``text`` (``&amp;``, ``&lt;``, ``&quot;``, ``&#39;``…, as
X's API and many export tools write them) are decoded, so the post reads and is
understood as its author wrote it.
"""

from __future__ import annotations

import hashlib
import json
import re
from datetime import UTC, datetime
from typing import Any

from oteo.model import AuthorProfile, Channel, Mention, Relation
from oteo.text import language_tag, unescape_entities

AUTHOR_FIELDS = (
    "handle",
    "id",
    "name",
    "bio",
    "followers",
    "following",
    "posts",
    "created_at",
    "avatar",
    "verified",
    "liked",
    "automated",
)
KNOWN_FIELDS = frozenset(
    {
        "source",
        "id",
        "external_id",
        "text",
        "created_at",
        "received_at",
        "channel",
        "url",
        "lang",
        "author",
        "relation",
        "parent_id",
        "likes",
        "reposts",
        "replies",
        "quotes",
        "raw",
    }
    | {f"author_{f}" for f in AUTHOR_FIELDS}
)


class RecordError(ValueError):
    """A record oteo cannot accept; ``key`` names the bilingual message."""

    def __init__(self, key: str, **values: Any) -> None:
        self.key = key
        self.values = values
        super().__init__(key)

    def message(self, lang: str | None = None) -> str:
        from oteo.i18n import t

        return t(self.key, lang, **self.values)


#: a count with its thousands grouped, as spreadsheets write it (1.234 in Spain, 1,234)
_GROUPED = re.compile(r"\d{1,3}(?:([.,\u00a0\u202f ])\d{3})(?:\1\d{3})*")
#: a date as spreadsheets write it: day first (06/12/2026 10:05, 6-12-26), as in Spain
_SHEET_DATE = re.compile(
    r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})(?:[ T,]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?"
)


def _sheet_date(text: str) -> datetime:
    """A spreadsheet's date: day first; month first only where the day-first reading
    cannot be a date (12/25/2026).  ValueError when it is neither."""
    found = _SHEET_DATE.fullmatch(text)
    if found is None:
        raise ValueError(text)
    day, month, year, hour, minute, second = (int(g) if g else 0 for g in found.groups())
    year += 2000 if len(found.group(3)) == 2 else 0
    if month > 12 >= day:
        day, month = month, day
    return datetime(year, month, day, hour, minute, second)


def parse_time(value: Any, field: str) -> datetime | None:
    """ISO 8601 (``Z`` allowed), epoch seconds or milliseconds, or a spreadsheet's
    day-first date (06/12/2026 10:05); naive means UTC."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        dt = value
    elif isinstance(value, bool):
        raise RecordError("record.bad_time", field=field, value=str(value)[:40])
    elif isinstance(value, int | float) or (
        isinstance(value, str) and value.strip().lstrip("-").replace(".", "", 1).isdigit()
    ):
        number = float(value)
        if number > 1e11:  # milliseconds
            number /= 1000.0
        try:
            dt = datetime.fromtimestamp(number, UTC)
        except (OverflowError, OSError, ValueError):
            raise RecordError("record.bad_time", field=field, value=str(value)[:40]) from None
    else:
        text = str(value).strip()
        try:
            dt = datetime.fromisoformat(text.replace("Z", "+00:00").replace("z", "+00:00"))
        except ValueError:
            try:
                dt = _sheet_date(text)
            except ValueError:
                raise RecordError("record.bad_time", field=field, value=text[:40]) from None
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=UTC)
    if not 1990 <= dt.year <= 2200:
        raise RecordError("record.bad_time", field=field, value=str(value)[:40])
    return dt.astimezone(UTC)


def _int(value: Any, field: str) -> int | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise RecordError("record.bad_number", field=field, value=str(value))
    text = value.strip() if isinstance(value, str) else value
    if isinstance(text, str) and _GROUPED.fullmatch(text):  # 1.234 / 1,234 / 1 234: thousands
        text = re.sub(r"\D", "", text)
    try:
        number = float(text) if isinstance(text, str | float) else int(text)
    except (TypeError, ValueError):
        raise RecordError("record.bad_number", field=field, value=str(value)[:40]) from None
    if isinstance(number, float):
        if not number.is_integer():  # a count is whole: 12.5 is not read as 12 (nor nan)
            raise RecordError("record.bad_number", field=field, value=str(value)[:40])
        number = int(number)
    if number < 0 or number > 10**12:
        raise RecordError("record.bad_number", field=field, value=str(value)[:40])
    return number


def _bool(value: Any, field: str) -> bool | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in ("1", "true", "yes", "si", "sí", "t", "y"):
        return True
    if text in ("0", "false", "no", "f", "n"):
        return False
    raise RecordError("record.bad_bool", field=field, value=text[:40])


def _str(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _author(record: dict[str, Any]) -> AuthorProfile | None:
    nested = record.get("author")
    if isinstance(nested, dict):
        data = {f: nested.get(f) for f in AUTHOR_FIELDS}
    else:
        data = {f: record.get(f"author_{f}") for f in AUTHOR_FIELDS}
        data["handle"] = nested if nested not in (None, "") else data.get("handle")
    handle = _str(data.get("handle"))
    if handle is None:
        if any(v not in (None, "") for v in data.values()):
            raise RecordError("record.author_without_handle")
        return None
    return AuthorProfile(
        handle=handle.lstrip("@"),
        external_id=_str(data.get("id")),
        name=_str(data.get("name")),
        bio=_str(data.get("bio")),
        followers=_int(data.get("followers"), "author.followers"),
        following=_int(data.get("following"), "author.following"),
        posts=_int(data.get("posts"), "author.posts"),
        account_created=parse_time(data.get("created_at"), "author.created_at"),
        avatar=_bool(data.get("avatar"), "author.avatar"),
        verified=_bool(data.get("verified"), "author.verified"),
        liked=_int(data.get("liked"), "author.liked"),
        automated=_bool(data.get("automated"), "author.automated"),
    )


#: why JSON nested deeper than Python's parser follows is refused
TOO_DEEP = "nested too deeply"


def read_json(text: str | bytes) -> Any:
    """``json.loads`` for what strangers send: JSON nested deeper than Python's parser
    can follow (``[[[[…``) is a :class:`json.JSONDecodeError` like any other broken
    JSON, not a crash of whatever reads it."""
    try:
        return json.loads(text)
    except RecursionError:
        raise json.JSONDecodeError(TOO_DEEP, "", 0) from None


def undated_without_id(record: dict[str, Any]) -> bool:
    """Whether a record names neither its id nor its time: its id is a hash of what it
    says, so two such records saying the same are told apart only by their order."""
    return not any(_str(record.get(k)) for k in ("id", "external_id", "created_at"))


def from_record(
    record: Any, *, now: datetime, default_source: str = "import", from_file: bool = False
) -> Mention:
    """A Mention from one record; raises :class:`RecordError` saying what is wrong.
    Without an id, its id is a hash of its source, author, text and time: the time it
    was written, else ``now`` (when it came). ``from_file``: a file read again holds
    the same posts, so an undated record's hash leaves the time out (the importer
    numbers its repeats: :func:`undated_without_id`)."""
    if not isinstance(record, dict):
        raise RecordError("record.not_object")
    text = record.get("text")
    if text is None or (isinstance(text, str) and not text.strip()):
        raise RecordError("record.no_text")
    if not isinstance(text, str):
        raise RecordError("record.text_not_string")
    text = unescape_entities(text)
    source = _str(record.get("source")) or default_source
    written = parse_time(record.get("created_at"), "created_at")
    created = written or now
    received = parse_time(record.get("received_at"), "received_at")
    author = _author(record)
    external_id = _str(record.get("id")) or _str(record.get("external_id"))
    if external_id is None:
        when = written or (None if from_file else now)
        basis = "\x1f".join(
            (source, author.handle if author else "", when.isoformat() if when else "", text)
        )
        external_id = "h" + hashlib.sha1(basis.encode("utf-8", "replace")).hexdigest()[:20]
    relation_raw = _str(record.get("relation"))
    relation = None
    if relation_raw:
        try:
            relation = Relation(relation_raw.lower())
        except ValueError:
            raise RecordError(
                "record.bad_relation",
                value=relation_raw[:40],
                known=", ".join(r.value for r in Relation),
            ) from None
    raw = record.get("raw")
    if raw is not None and not isinstance(raw, dict):
        raw = {"value": raw}
    extra = {k: v for k, v in record.items() if k not in KNOWN_FIELDS}
    if extra:
        raw = {**(raw or {}), "_extra": extra}
    return Mention(
        source=source,
        external_id=external_id,
        text=text,
        created_at=created,
        channel=Channel.parse(_str(record.get("channel"))),
        received_at=received,
        url=_str(record.get("url")),
        lang=language_tag(_str(record.get("lang"))),
        author=author,
        relation=relation,
        parent_external_id=_str(record.get("parent_id")),
        likes=_int(record.get("likes"), "likes") or 0,
        reposts=_int(record.get("reposts"), "reposts") or 0,
        replies=_int(record.get("replies"), "replies") or 0,
        quotes=_int(record.get("quotes"), "quotes") or 0,
        raw=raw,
    )


def to_record(m: Mention) -> dict[str, Any]:
    """The JSON Lines record of a mention (what :func:`from_record` reads back)."""
    record: dict[str, Any] = {
        "source": m.source,
        "id": m.external_id,
        "text": m.text,
        "created_at": m.created_at.isoformat(),
        "channel": m.channel.value,
    }
    if m.received_at is not None:
        record["received_at"] = m.received_at.isoformat()
    for name in ("url", "lang", "parent_external_id"):
        value = getattr(m, name)
        if value:
            record["parent_id" if name == "parent_external_id" else name] = value
    if m.relation is not None:
        record["relation"] = m.relation.value
    for name in ("likes", "reposts", "replies", "quotes"):
        record[name] = getattr(m, name)
    if m.author is not None:
        a = m.author
        author: dict[str, Any] = {"handle": a.handle}
        for name, value in (
            ("id", a.external_id),
            ("name", a.name),
            ("bio", a.bio),
            ("followers", a.followers),
            ("following", a.following),
            ("posts", a.posts),
            ("avatar", a.avatar),
            ("verified", a.verified),
            ("liked", a.liked),
            ("automated", a.automated),
        ):
            if value is not None:
                author[name] = value
        if a.account_created is not None:
            author["created_at"] = a.account_created.isoformat()
        record["author"] = author
    if m.raw:
        record["raw"] = m.raw
    return record
