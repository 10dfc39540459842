from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import select

from oteo.model import (
    Analysis,
    AuthorProfile,
    AuthorRisk,
    Channel,
    Intent,
    Mention,
    Relation,
    Sentiment,
)
from oteo.normalise import normalise
from oteo.store import Store
from oteo.store import schema as s
from oteo.store.db import current_revision, head_revision
from oteo.store.schema import metadata
from oteo.text import clean_text


def mention(
    i: int,
    at: datetime,
    *,
    likes: int = 0,
    followers: int = 10,
    text: str | None = None,
    handle: str | None = None,
) -> Mention:
    return Mention(
        source="test",
        external_id=str(i),
        text=text if text is not None else f"Lumbre Burger post {i}",
        created_at=at,
        received_at=at,
        channel=Channel.TWITTER,
        author=AuthorProfile(handle=handle or f"user{i % 3}", followers=followers, name="Ana"),
        likes=likes,
        watches=["lumbre"],
        analysis=Analysis(
            "es",
            Sentiment.NEGATIVE,
            {"negative": 0.8, "neutral": 0.1, "positive": 0.1},
            0.1,
            intent=Intent.COMPLAINT,
        ),
    )


def test_migrations_build_exactly_the_declared_schema(store: Store) -> None:
    assert current_revision(store.engine) == head_revision()
    with store.engine.connect() as conn:
        diff = compare_metadata(
            MigrationContext.configure(conn, opts={"compare_type": True}), metadata
        )
    assert diff == []
    Store(store.url)  # migrating again is harmless


def test_ingest_is_idempotent(store: Store, t0: datetime) -> None:
    ids = store.sync_watches([("lumbre", "Lumbre", "lumbre")])
    first = store.ingest([mention(i, t0) for i in range(10)], ids)
    assert len(first.new) == 10 and first.updated == 0
    assert all(m.id for m in first.new)
    again = store.ingest([mention(i, t0, likes=7, text="edited later") for i in range(5, 15)], ids)
    assert [m.external_id for m in again.new] == [str(i) for i in range(10, 15)]
    assert again.updated == 5
    counts = store.counts()
    assert counts["mentions"] == 15 and counts["matches"] == 15
    row = store.mention_by_key("test", "7")
    assert row is not None
    assert row["likes"] == 7  # counts updated
    assert row["text"] == "Lumbre Burger post 7"  # the text stays as first seen (evidence)


def test_same_post_twice_in_one_batch(store: Store, t0: datetime) -> None:
    ids = store.sync_watches([("lumbre", "Lumbre", "lumbre")])
    result = store.ingest([mention(1, t0, likes=1), mention(1, t0, likes=9)], ids)
    assert len(result.new) == 1
    assert store.mention_by_key("test", "1")["likes"] == 9  # type: ignore[index]


def test_author_snapshots_over_time(store: Store, t0: datetime) -> None:
    ids = store.sync_watches([("lumbre", "Lumbre", "lumbre")])
    store.ingest([mention(1, t0, followers=10, handle="ana")], ids)
    store.ingest(
        [mention(2, t0 + timedelta(hours=1), followers=10, handle="ana")], ids
    )  # unchanged
    viral = mention(3, t0 + timedelta(days=1), followers=5000, handle="ana")
    assert viral.author is not None
    viral.author.liked = 70
    viral.author.automated = True
    store.ingest([viral], ids)  # went viral
    author_id = store.mention_by_key("test", "3")["author_id"]  # type: ignore[index]
    snaps = store.author_snapshots(author_id)
    assert [s["followers"] for s in snaps] == [10, 5000]
    assert [s["liked"] for s in snaps] == [None, 70]
    assert [s["automated"] for s in snaps] == [None, True]
    assert snaps[1]["observed_at"] == t0 + timedelta(days=1)
    fresh = Store(store.url)  # a new process knows nothing in memory and still does not repeat
    again = mention(4, t0 + timedelta(days=2), followers=5000, handle="ana")
    assert again.author is not None
    again.author.liked = 70
    again.author.automated = True
    fresh.ingest([again], ids)
    assert len(fresh.author_snapshots(author_id)) == 2


def test_author_risk_is_written_when_it_moves(store: Store, t0: datetime) -> None:
    ids = store.sync_watches([("lumbre", "Lumbre", "lumbre")])

    def post(i: int, likelihood: float, reason: str) -> Mention:
        m = mention(i, t0 + timedelta(minutes=i), handle="ana")
        m.author_risk = AuthorRisk(likelihood, "nano", [(reason, {})])
        return m

    def stored() -> tuple[float, list[list]]:
        with store.engine.connect() as conn:
            row = conn.execute(select(s.authors.c.risk, s.authors.c.risk_reasons)).one()
        return row.risk, row.risk_reasons

    store.ingest([mention(0, t0, handle="ana")], ids)  # not assessed yet: no risk
    assert stored() == (None, None)
    store.ingest([post(1, 0.2, "first")], ids)  # the remembered "no risk" is not a risk
    assert stored() == (0.2, [["first", {}]])
    store.ingest([post(2, 0.205, "barely moved")], ids)
    assert stored() == (0.2, [["first", {}]])
    store.ingest([post(3, 0.6, "insults")], ids)
    assert stored() == (0.6, [["insults", {}]])
    # a new process reads the stored risk instead of writing it again
    fresh = Store(store.url)
    fresh.ingest([post(4, 0.605, "barely moved")], ids)
    assert stored() == (0.6, [["insults", {}]])


def test_hostile_input_is_bounded_and_stored(store: Store, t0: datetime) -> None:
    ids = store.sync_watches([("lumbre", "Lumbre", "lumbre")])
    huge = mention(1, t0, text="Lumbre " + "a" * 1_000_000)
    broken = mention(2, t0, text=b"Lumbre caf\xe9 \xff\xfe rota".decode("utf-8", "surrogateescape"))
    nasty = mention(
        3, t0, text="Lumbre\x00\x1b[31m<script>alert(1)</script>\u202e", handle="\x00<b>evil</b>"
    )
    half_emoji = mention(4, t0, text="Lumbre \ud83d rota")
    for m in (huge, broken, nasty, half_emoji):
        normalise(m, t0)
    huge.raw = {"blob": "x" * 500_000}
    store.ingest([huge, broken, nasty, half_emoji], ids)
    row = store.mention_by_key("test", "1")
    assert row is not None and row["truncated"] and len(row["text"]) <= 20_001
    assert row["raw"]["_truncated"] is True
    assert store.mention_by_key("test", "2")["text"] == "Lumbre café ÿþ rota"  # type: ignore[index]
    assert store.mention_by_key("test", "4")["text"] == "Lumbre \ufffd rota"  # type: ignore[index]
    text = store.mention_by_key("test", "3")["text"]  # type: ignore[index]
    assert "\x00" not in text and "\x1b" not in text and "\u202e" not in text
    assert "<script>" in text  # kept as evidence; escaped wherever it is shown


def test_hidden_characters_go_but_joined_emoji_stay() -> None:
    # a zero-width character hidden in a word slips it past any filter of that word
    for hidden in ("\u200b", "\u200c", "\u200d", "\ufeff"):
        assert clean_text(f"eres un id{hidden}iota{hidden}")[0] == "eres un idiota"
    # the joiner between two pictographs makes one emoji of them: a Pride flag, a
    # firefighter, a family, a black cat
    for emoji in ("🏳️\u200d🌈", "👩\u200d🚒", "👨\u200d👩\u200d👧", "🐈\u200d⬛"):
        assert clean_text(f"¡Feliz orgullo! {emoji}")[0] == f"¡Feliz orgullo! {emoji}"


def test_a_failed_batch_loses_nothing_already_stored(store: Store, t0: datetime) -> None:
    ids = store.sync_watches([("lumbre", "Lumbre", "lumbre")])
    store.ingest([mention(i, t0) for i in range(3)], ids)
    bad = mention(99, t0)
    bad.created_at = bad.created_at.replace(tzinfo=None)  # a bug upstream: naive time
    with pytest.raises(Exception, match="naive"):
        store.ingest([mention(10, t0, handle="newcomer"), bad], ids)
    assert store.counts()["mentions"] == 3  # the failed batch rolled back whole
    assert store.mention_by_key("test", "10") is None
    # nor does the store remember the author that was rolled back
    store.ingest([mention(11, t0, handle="newcomer")], ids)
    stored = store.mention_by_key("test", "11")
    assert stored is not None
    with store.engine.connect() as conn:
        handle = conn.execute(
            select(s.authors.c.handle).where(s.authors.c.id == stored["author_id"])
        ).scalar_one()
    assert handle == "newcomer"


def test_relations_and_engagement_are_kept(store: Store, t0: datetime) -> None:
    ids = store.sync_watches([("lumbre", "Lumbre", "lumbre")])
    reply = mention(2, t0, likes=3)
    reply.relation, reply.parent_external_id, reply.reposts, reply.raw = (
        Relation.REPLY,
        "1",
        4,
        {"network": {"id": 2}},
    )
    store.ingest([mention(1, t0), reply], ids)
    row = store.mention_by_key("test", "2")
    assert row is not None
    assert (row["relation"], row["parent_external_id"], row["likes"], row["reposts"]) == (
        "reply",
        "1",
        3,
        4,
    )
    assert row["raw"] == {"network": {"id": 2}}


def test_watches_sync_from_config(store: Store) -> None:
    ids = store.sync_watches([("a", "A", "x"), ("b", "B", "y")])
    again = store.sync_watches([("a", "A2", "x OR z")])
    assert again["a"] == ids["a"]
    assert {w["name"]: w["query"] for w in store.watches()} == {
        "a": "x OR z"
    }  # b is inactive, kept


def test_inbox_keeps_each_mention_once(store: Store, t0: datetime) -> None:
    ids = store.sync_watches([("lumbre", "Lumbre", "lumbre")])
    (m,) = store.ingest([mention(1, t0)], ids).new
    row = {
        "mention_id": m.id,
        "watch_id": ids["lumbre"],
        "reason": "complaint",
        "priority": 3.0,
        "at": t0,
    }
    assert store.add_inbox([row]) == 1
    assert store.add_inbox([row]) == 0
    assert store.inbox_count() == 1


def test_cursor_saved_with_the_mentions(store: Store, t0: datetime) -> None:
    ids = store.sync_watches([("lumbre", "Lumbre", "lumbre")])
    batch = [mention(i, t0) for i in range(3)]
    for i, m in enumerate(batch):
        m.cursor = ("feed", {"offset": (i + 1) * 100})
    store.ingest(batch, ids)
    assert store.cursor("feed") == {"offset": 300}


def test_bulk_writer_stores_what_sqlalchemy_would(store: Store, t0: datetime) -> None:
    """The driver-level writer converts each value with the column's own type: rows
    written through it read back exactly like rows written through ``insert()``
    (aware dates, JSON, booleans, missing values)."""
    from sqlalchemy import insert, select

    from oteo.store import schema as s
    from oteo.store.bulk import Writer

    columns = ("uid", "source", "handle", "profile_hash", "first_seen", "last_seen", "avatar")
    columns += ("account_created", "risk_reasons", "bio")
    values = [
        ("t\x1fa", "t", "a", -5, t0, t0 + timedelta(hours=1), True, t0, ["x", "ñ"], None),
        ("t\x1fb", "t", "b", 2**62, t0, t0, False, None, None, "bío"),
    ]
    with store.engine.begin() as conn:
        conn.execute(insert(s.authors), [dict(zip(columns, v, strict=True)) for v in values])
        writer = Writer(s.authors, columns, store.engine.dialect)
        back = writer.insert_returning(conn, [(f"w{v[0]}", *v[1:]) for v in values], ("uid", "id"))
        assert sorted(uid for uid, _ in back) == ["wt\x1fa", "wt\x1fb"]
        Writer(s.authors, ("tier", "risk", "id"), store.engine.dialect).update(
            conn, [("high", 0.9, i) for _, i in back]
        )
        rows = {r.uid: r for r in conn.execute(select(s.authors))}
    for v in values:
        ours, theirs = rows["w" + v[0]]._asdict(), rows[v[0]]._asdict()
        assert (ours.pop("tier"), ours.pop("risk")) == ("high", 0.9)
        for key in ("id", "uid", "tier", "risk"):
            theirs.pop(key)
        del ours["id"], ours["uid"]
        assert ours == theirs
        assert theirs["last_seen"] == v[5] and theirs["risk_reasons"] == v[8]


def test_sqlite_dates_are_written_as_sqlalchemy_writes_them() -> None:
    from datetime import UTC, timezone

    from sqlalchemy import DateTime
    from sqlalchemy.dialects import sqlite

    from oteo.store.schema import UTCDateTime

    dialect = sqlite.dialect()
    ours = UTCDateTime().bind_processor(dialect)
    theirs = DateTime().dialect_impl(dialect).bind_processor(dialect)
    madrid = timezone(timedelta(hours=2))
    for value in (
        datetime(2026, 11, 21, 9, 30, tzinfo=UTC),
        datetime(2026, 3, 29, 3, 0, 0, 123456, tzinfo=madrid),
        datetime(999, 1, 2, 3, 4, 5, 6, tzinfo=UTC),
    ):
        assert ours(value) == theirs(value.astimezone(UTC).replace(tzinfo=None))
    assert ours(None) is None
    with pytest.raises(ValueError, match="naive"):
        ours(datetime(2026, 1, 1))


def test_chunks_come_in_few_shapes() -> None:
    from oteo.store.bulk import chunk_sizes, key_chunks

    shapes: set[int] = set()
    for n in range(1, 1200):
        sizes = chunk_sizes(n, 1000)
        assert sum(sizes) == n
        assert all(size & (size - 1) == 0 and size <= 512 for size in sizes)
        shapes.update(sizes)
    assert shapes == {2**k for k in range(10)}
    chunks = key_chunks(list(range(700)))
    assert [len(c) for c in chunks] == [512, 256]
    assert chunks[1][187:] == [699] * 69 and sorted(set(chunks[0] + chunks[1])) == list(range(700))
    assert key_chunks([]) == []


def test_ingest_prepares_few_statements_whatever_the_batch_sizes(
    store: Store, t0: datetime
) -> None:
    """SQLite's driver keeps the statements it prepared last; one per batch size filled
    it with large statements used once (about 100 MB in the pipeline)."""
    from sqlalchemy import event

    ids = store.sync_watches([("lumbre", "Lumbre", "lumbre")])
    statements: set[str] = set()

    @event.listens_for(store.engine, "before_cursor_execute")
    def seen(conn, cursor, statement, parameters, context, executemany):  # type: ignore[no-untyped-def]
        statements.add(statement)

    stored, i = [], 0
    for size in range(1, 41):
        batch = [mention(i + k, t0, handle=f"author{i + k}") for k in range(size)]
        stored += store.ingest(batch, ids).new
        i += size
        # the same posts again, with some new: the lookups' IN lists vary in length too
        store.ingest(batch[: size // 2] + [mention(10_000 + i, t0)], ids)
        i += 1
    inserts = [x for x in statements if x.startswith("INSERT INTO mentions")]
    lookups = [x for x in statements if "FROM mentions" in x and " IN (" in x]
    authors = [x for x in statements if x.startswith("INSERT INTO authors")]
    assert 1 <= len(inserts) <= 6 and 1 <= len(lookups) <= 7 and 1 <= len(authors) <= 6
    # and every post has its own id, found again by its key
    assert len({m.id for m in stored}) == len(stored) == sum(range(1, 41))
    with store.engine.connect() as conn:
        rows = dict(conn.execute(select(s.mentions.c.external_id, s.mentions.c.id)).all())
    assert all(rows[m.external_id] == m.id for m in stored)


def test_inbox_adds_many_rows_once_each(store: Store, t0: datetime) -> None:
    ids = store.sync_watches([("lumbre", "Lumbre", "lumbre")])
    new = store.ingest([mention(i, t0, handle=f"a{i}") for i in range(45)], ids).new
    rows = [
        {
            "mention_id": m.id,
            "watch_id": ids["lumbre"],
            "reason": "complaint",
            "priority": 1.0,
            "at": t0,
        }
        for m in new
    ]
    assert store.add_inbox(rows[:30]) == 30
    assert store.add_inbox(rows) == 15
    assert store.inbox_count() == 45
