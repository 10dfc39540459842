"""Shared fixtures: stores on SQLite and on a real PostgreSQL, configs, fixed times.

PostgreSQL: a fresh database is created for the session on the server named by
``OTEO_TEST_PG`` (default: the local trust-auth server) and dropped afterwards.  When
the server cannot be reached the PostgreSQL cases are skipped, unless
``OTEO_REQUIRE_PG=1`` (set by the project's test command), which makes that a failure.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from notify_peers import HttpPeer, SmtpPeer
from oteo.config import Config, load, render_example
from oteo.i18n import set_lang
from oteo.incidents import IncidentManager
from oteo.model import (
    Alert,
    Analysis,
    AuthorProfile,
    AuthorRisk,
    Channel,
    Intent,
    Mention,
    Sentiment,
    Severity,
)
from oteo.notify import Notifier
from oteo.respond.desk import Desk
from oteo.store import Store

PG_ADMIN = os.environ.get("OTEO_TEST_PG", "postgresql://postgres@127.0.0.1:5432/test")
REQUIRE_PG = os.environ.get("OTEO_REQUIRE_PG") == "1"


@pytest.fixture(autouse=True)
def _english_by_default() -> Iterator[None]:
    """Tests assert on English text unless they choose otherwise."""
    set_lang("en")
    yield
    set_lang(None)


@pytest.fixture(scope="session")
def pg_database() -> Iterator[str]:
    """The URL of a fresh PostgreSQL database for this session."""
    try:
        import psycopg

        admin = psycopg.connect(PG_ADMIN, autocommit=True, connect_timeout=5)
    except Exception as exc:  # noqa: BLE001
        if REQUIRE_PG:
            pytest.fail(
                f"PostgreSQL is required (OTEO_REQUIRE_PG=1) but unreachable at {PG_ADMIN}: {exc}"
            )
        pytest.skip(f"PostgreSQL unreachable at {PG_ADMIN}: {exc}")
    name = f"oteo_test_{uuid.uuid4().hex[:10]}"
    admin.execute(f'CREATE DATABASE "{name}"')
    base = PG_ADMIN.rsplit("/", 1)[0]
    try:
        yield f"{base}/{name}".replace("postgresql://", "postgresql+psycopg://", 1)
    finally:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


def _reset_pg(url: str) -> None:
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A database URL, once per backend; PostgreSQL starts from an empty schema."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'oteo.db'}"
    url = request.getfixturevalue("pg_database")
    _reset_pg(url)
    return url


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    s = Store(db_url)
    yield s
    s.close()


@pytest.fixture
def config_path(tmp_path: Path) -> Path:
    path = tmp_path / "oteo.yaml"
    path.write_text(render_example("en", "Lumbre Burger"), encoding="utf-8")
    return path


@pytest.fixture
def config(config_path: Path) -> Config:
    return load(config_path)


@pytest.fixture
def t0() -> datetime:
    return datetime(2026, 11, 16, 9, 0, tzinfo=UTC)  # a Monday


@pytest.fixture
def peers() -> Iterator[tuple[HttpPeer, SmtpPeer]]:
    http, smtp = HttpPeer().start(), SmtpPeer().start()
    yield http, smtp
    http.stop()
    smtp.stop()


PASSWORD = "correct horse battery"


def add_user(
    store: Store, username: str = "ana", role: str = "admin", lang: str | None = None
) -> None:
    from oteo.web import auth

    row = auth.user_row(username, role, PASSWORD, name=username.title(), lang=lang)
    store.add_user(row, actor="test", at=datetime.now(UTC))


def login_csrf(client) -> str:  # type: ignore[no-untyped-def]
    import re

    page = client.get("/login").text
    return re.search(r'name="csrf" value="([^"]+)"', page).group(1)  # type: ignore[union-attr]


def signed_in(client, store: Store, role: str = "admin", username: str = "ana"):  # type: ignore[no-untyped-def]
    """``client`` (a TestClient) signed in as a new user with ``role``, as a browser would."""
    add_user(store, username, role)
    response = client.post(
        "/login",
        data={"username": username, "password": PASSWORD, "csrf": login_csrf(client), "next": "/"},
        follow_redirects=False,
    )
    assert response.status_code == 303, response.text
    return client


XSS = "<script>alert('x')</script><img src=x onerror=alert(1)>"
TOOT = "https://social.example/@ana/109"


def ingested(
    store: Store,
    config: Config,
    at: datetime,
    *,
    channel: Channel = Channel.MASTODON,
    external_id: str = "109",
    url: str | None = TOOT,
    text: str = "Lumbre Burger me sirvió carne cruda, vergüenza",
    handle: str = "ana",
    intent: Intent = Intent.COMPLAINT,
    offensive: float = 0.05,
    kind: str | None = None,
    words: tuple[str, ...] | None = None,
    followers: int = 50,
) -> tuple[Mention, dict[str, int]]:
    """A mention understood and stored in the first watch; returns it as stored and the
    watches' ids."""
    m = Mention(
        source=channel.value,
        external_id=external_id,
        text=text,
        created_at=at,
        received_at=at,
        channel=channel,
        url=url,
        lang="es",
        author=AuthorProfile(handle=handle, followers=followers),
        watches=[config.watches[0].name],
        analysis=Analysis(
            "es",
            Sentiment.NEGATIVE,
            {"negative": 0.9, "neutral": 0.05, "positive": 0.05},
            offensive,
            offensive_kind=kind,
            intent=intent,
            offensive_words=words,
        ),
    )
    ids = store.sync_watches((w.name, w.title, w.query) for w in config.watches)
    (stored,) = store.ingest([m], ids).new
    return stored, ids


def seen(store: Store, config: Config, at: datetime, **kw: Any) -> int:
    """A mention stored, understood and put in the inbox (see ``ingested`` for ``kw``);
    returns its inbox item."""
    stored, ids = ingested(store, config, at, **kw)
    Desk(config, store).to_inbox([stored], ids)
    item = store.inbox_for_mention(stored.id)
    assert item is not None
    return item["id"]


@pytest.fixture
def seeded(config: Config, tmp_path) -> tuple[Store, int]:  # type: ignore[no-untyped-def]
    store = Store(f"sqlite:///{tmp_path / 'web.db'}")
    ids = store.sync_watches((w.name, w.title, w.query) for w in config.watches)
    at = datetime.now(UTC) - timedelta(hours=2)
    m = Mention(
        source="test",
        external_id="1",
        text=f"Lumbre Burger {XSS}",
        created_at=at,
        received_at=at,
        channel=Channel.FORUM,
        author=AuthorProfile(handle=f"evil{XSS}", name=XSS, bio=XSS, followers=5),
        watches=[config.watches[0].name],
        analysis=Analysis(
            "es",
            Sentiment.NEGATIVE,
            {"negative": 0.9, "neutral": 0.05, "positive": 0.05},
            0.1,
            intent=Intent.COMPLAINT,
            harm=("health",),
        ),
        author_risk=AuthorRisk(
            0.83, "none", [("author.age", {"days": 3}), ("author.handle", {"handle": f"evil{XSS}"})]
        ),
    )
    (stored,) = store.ingest([m], ids).new
    manager = IncidentManager(config, store, ids, Notifier(store))
    Desk(config, store).to_inbox([stored], ids)
    why = {
        "signals": {"negative_authors": {"observed": 9, "expected": 1.0}, "harm": {"health": 1}},
        "first_post": {
            "mention_id": stored.id,
            "text": stored.text,
            "channel": "forum",
            "author": stored.author.handle,
            "followers": 5,
            "created_at": at.isoformat(),
        },
        "key_authors": [
            {"handle": stored.author.handle, "followers": 5, "posts": 1},
            {
                "handle": "troll_8837",
                "followers": 12,
                "posts": 6,
                "risk": 0.91,
                "reasons": [["author.age", {"days": 3}], ["author.handle", {"handle": XSS}]],
            },
        ],
        "themes": [XSS],
        "channels": {"forum": {"count": 1, "first": at.isoformat()}},
    }
    outcome = manager.on_alert(
        Alert(
            config.watches[0].name,
            at,
            Severity.STRONG,
            6.0,
            "strong",
            "customer",
            why,
            [stored.id],
            mention_themes={stored.id: 0},  # read in its theme, labelled by the stranger
        )
    )
    return store, outcome.incident_id


def raise_themed(  # type: ignore[no-untyped-def]
    config: Config,
    store: Store,
    manager: IncidentManager,
    at: datetime,
    posts: tuple[tuple[str, str, int], ...],
    themed: set[str],
    severity: Severity = Severity.STRONG,
    theme: str = "fiebre · urgencias",
    harm: tuple[str, ...] = (),
) -> tuple[int, dict[str, int]]:
    """Forum posts on the first watch, each (key, text, minutes after ``at``), then an
    alert ten minutes after ``at`` that hands them all to its incident, those in
    ``themed`` read in its first theme, ``theme``, and listed first; every post speaks
    of ``harm``.
    Returns the incident and each post's id by key."""
    ids = store.sync_watches((w.name, w.title, w.query) for w in config.watches)
    stored = store.ingest(
        [
            Mention(
                "test",
                key,
                text,
                at + timedelta(minutes=minutes),
                Channel.FORUM,
                received_at=at + timedelta(minutes=minutes),
                watches=[config.watches[0].name],
                analysis=Analysis(
                    "es",
                    Sentiment.NEGATIVE,
                    {"negative": 0.9, "neutral": 0.05, "positive": 0.05},
                    0.0,
                    harm=harm,
                )
                if harm
                else None,
            )
            for key, text, minutes in posts
        ],
        ids,
    ).new
    by_key = {m.external_id: m.id for m in stored}
    first = [by_key[k] for k in by_key if k in themed]
    outcome = manager.on_alert(
        Alert(
            config.watches[0].name,
            at + timedelta(minutes=10),
            severity,
            6.0,
            severity.key,
            "customer",
            {"signals": {}, "themes": [theme]},
            first + [m for k, m in by_key.items() if k not in themed],
            mention_themes=dict.fromkeys(first, 0),
        )
    )
    return outcome.incident_id, by_key
