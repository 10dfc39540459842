"""Connectors against local servers that speak each network's documented format:
normal items, pagination, conditional requests, rate limits, malformed items, and
resuming after a restart without losing or repeating anything."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from typer.testing import CliRunner

from conftest import signed_in
from oteo.cli import app
from oteo.clock import SystemClock
from oteo.config import Config, SourceConfig
from oteo.model import Channel, Mention, Relation
from oteo.normalise import normalise
from oteo.sources import SourceContext, _registry
from oteo.sources.health import health
from oteo.sources.rss import _is_google_alerts, unwrap
from oteo.store import Store
from source_peers import AlgoliaPeer, FeedPeer, alert_link, hn_hit


def collect(config: Config, store: Store, spec: dict[str, Any], want: int) -> list[Mention]:
    """Run one source until it has given ``want`` mentions; store them as the pipeline
    would (with the cursor of each page), then stop it."""
    got: list[Mention] = []
    reports: list[tuple[Any, str]] = []

    async def go() -> None:
        stop = asyncio.Event()
        ctx = SourceContext(
            config, store, SystemClock(), stop, lambda where, err: reports.append((where, err.key))
        )
        source = _registry()[spec["type"]](SourceConfig(**spec), ctx)
        async for m in source:
            got.append(normalise(m, datetime.now(UTC)))
            if len(got) >= want:
                stop.set()

    asyncio.run(asyncio.wait_for(go(), 20))
    store.ingest(got, {})
    return got


def briefly(config: Config, store: Store, spec: dict[str, Any], seconds: float = 0.3) -> None:
    """Run one source for ``seconds``, expecting it to give nothing (it fails meanwhile)."""

    async def go() -> None:
        stop = asyncio.Event()
        source = _registry()[spec["type"]](
            SourceConfig(**spec), SourceContext(config, store, SystemClock(), stop)
        )
        asyncio.get_running_loop().call_later(seconds, stop.set)
        assert [m async for m in source] == []

    asyncio.run(go())


def stored(store: Store, source: str) -> list[str]:
    from sqlalchemy import select

    from oteo.store import schema as s

    with store.engine.connect() as conn:
        q = select(s.mentions.c.external_id).where(s.mentions.c.source == source)
        return sorted(r.external_id for r in conn.execute(q))


# --------------------------------------------------------------------------- RSS / Atom


def test_google_alerts_links_are_unwrapped() -> None:
    real = "https://diario.example/sucesos/lumbre-burger-intoxicacion"
    assert unwrap(alert_link(real)) == real
    assert (
        unwrap("https://www.google.es/url?q=https://blog.example/x&sa=U")
        == "https://blog.example/x"
    )
    assert (
        unwrap("https://blog.example/url?url=https://evil.example")
        == "https://blog.example/url?url=https://evil.example"
    )
    assert unwrap("https://www.google.com/url?url=javascript:alert(1)").startswith(
        "https://www.google"
    )
    assert _is_google_alerts("https://www.google.com/alerts/feeds/0123456789/987654321")
    assert not _is_google_alerts("https://blog.example/alerts/feeds/1")


def test_an_atom_feed_is_read_once_and_resumed(store: Store, config: Config) -> None:
    t = datetime.now(UTC).replace(microsecond=0) - timedelta(hours=3)
    feed = FeedPeer(
        entries=[
            {
                "id": "tag:google.com,2013:googlealerts/feed:1",
                "title": "<b>Lumbre Burger</b> retira un lote tras varias intoxicaciones",
                "link": alert_link("https://diario.example/lumbre-1"),
                "summary": "Varios clientes de <b>Lumbre Burger</b> acudieron a urgencias &amp; …",
                "at": t,
            },
            {"id": "tag:google.com,2013:googlealerts/feed:2", "title": "", "link": "", "at": t},
            {
                "id": "tag:google.com,2013:googlealerts/feed:3",
                "title": "Opinión: <b>Lumbre Burger</b> debe explicarse",
                "link": alert_link("https://blog.example/opinion"),
                "at": t + timedelta(minutes=30),
            },
        ]
    ).start()
    try:
        spec = {
            "type": "rss",
            "name": "alerts",
            "url": feed.url + "/alerts/feeds/1/2",
            "channel": "news",
            "every": 0.05,
        }
        first = collect(config, store, spec, want=2)
        assert [m.url for m in first] == [
            "https://diario.example/lumbre-1",
            "https://blog.example/opinion",
        ]
        assert first[0].text.startswith("Lumbre Burger retira un lote")
        assert (
            "<b>" not in first[0].text and "&amp;" not in first[0].text and "& …" in first[0].text
        )
        assert all(m.channel is Channel.NEWS and m.source == "alerts" for m in first)
        assert first[0].created_at == t
        bad = store.quarantined("alerts")
        assert len(bad) == 1 and bad[0]["reason"] == "The post has no text."
        assert "googlealerts/feed:2" in bad[0]["payload"]
        # a restart: the unchanged feed is a 304, then only the new entry comes
        feed.entries.append(
            {
                "id": "tag:google.com,2013:googlealerts/feed:4",
                "title": "<b>Lumbre Burger</b> responde",
                "link": alert_link("https://diario.example/lumbre-2"),
                "at": t + timedelta(hours=1),
            }
        )
        again = collect(config, store, spec, want=1)
        assert [m.url for m in again] == ["https://diario.example/lumbre-2"]
        assert stored(store, "alerts") == [
            f"tag:google.com,2013:googlealerts/feed:{n}" for n in (1, 3, 4)
        ]
        conditional = [r for r in feed.requests if "if-none-match" in r.headers]
        assert conditional, "the second run asks with the ETag it kept"
    finally:
        feed.stop()


def test_an_rss_feed_keeps_its_language_and_dates(store: Store, config: Config) -> None:
    t = datetime(2026, 11, 20, 18, 5, tzinfo=UTC)
    feed = FeedPeer(
        rss=True,
        entries=[
            {
                "id": "foro-77",
                "title": "¿Alguien más con la app de Lumbre Burger caída?",
                "link": "https://foro.example/t/77",
                "summary": "<p>Desde las 13:00 no va</p>",
                "at": t,
            }
        ],
    ).start()
    try:
        (m,) = collect(
            config,
            store,
            {"type": "rss", "name": "foro", "url": feed.url, "channel": "forum", "every": 0.05},
            want=1,
        )
        assert m.lang == "es" and m.channel is Channel.FORUM and m.created_at == t
        assert m.text == "¿Alguien más con la app de Lumbre Burger caída?\nDesde las 13:00 no va"
        assert m.author is not None and m.author.handle == "foro.example"
    finally:
        feed.stop()


def test_a_rate_limited_feed_waits_as_asked_and_health_shows_it(
    store: Store, config: Config
) -> None:
    from collections import deque

    t = datetime.now(UTC) - timedelta(minutes=5)
    feed = FeedPeer(
        entries=[{"id": "a", "title": "Lumbre Burger", "link": "https://x.example/a", "at": t}]
    )
    feed.failures["/"] = deque([429, 503])
    feed.start()
    try:
        spec = {"type": "rss", "name": "slow", "url": feed.url, "every": 0.05}
        started = datetime.now(UTC)
        collect(config, store, spec, want=1)
        waited = (datetime.now(UTC) - started).total_seconds()
        assert len(feed.requests) == 3 and waited >= 1.0  # Retry-After: 1, then backoff
        (row,) = health(config, store, datetime.now(UTC))
        assert row.source == "slow" and row.errors == 2 and row.state == "ok"
        assert row.items == 1 and row.last_hour == 1
        assert "HTTP 503" in (row.last_error or "")
    finally:
        feed.stop()


def test_an_answer_too_large_to_hold_is_refused_not_read_whole() -> None:
    """A feed or an API page is a few hundred KB; a broken or hostile service sending
    gigabytes (or a small gzip that inflates to them) filled the memory: oteo read every
    answer whole."""
    import gzip
    import json
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    from oteo.remote import MAX_RESPONSE_BYTES, RemoteError, call

    bomb = gzip.compress(b"\0" * (MAX_RESPONSE_BYTES + 1))
    page = gzip.compress(json.dumps({"posts": ["Lumbre"] * 1000}).encode())

    class Peer(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802
            self.send_response(200)
            if self.path == "/huge":  # 1 MB at a time, with no end announced
                self.end_headers()
                try:
                    for _ in range((MAX_RESPONSE_BYTES >> 20) + 8):
                        self.wfile.write(b"x" * (1 << 20))
                except OSError:  # the client stopped reading
                    pass
                return
            body = bomb if self.path == "/bomb" else page
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Link", '<https://a.example/?page=2>; rel="next"')
            self.send_header("Link", '<https://a.example/?page=0>; rel="prev"')
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Peer)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        for path in ("/huge", "/bomb"):
            with pytest.raises(RemoteError, match="larger than 32 MB") as err:
                call("GET", base + path)
            assert err.value.retry, path
        # an ordinary compressed answer reads as before, its headers kept
        ok = call("GET", base + "/page")
        assert ok.json() == {"posts": ["Lumbre"] * 1000}
        assert len(ok.headers.get_list("link")) == 2
    finally:
        server.shutdown()


def test_a_stream_is_read_line_by_line_with_each_line_bounded() -> None:
    """Mastodon's and X's streams were read with httpx's lines, which grow without end
    until a newline comes; a refusal's body was read whole to show its first 300 bytes."""
    import httpx

    from oteo.remote import RemoteError, opening, stream_lines

    async def chunks(parts: list[bytes], forever: bool = False):  # type: ignore[no-untyped-def]
        for part in parts:
            yield part
        while forever:
            yield b"x" * 4096

    async def lines(parts: list[bytes], limit: int) -> list[str]:
        got: list[str] = []
        response = httpx.Response(200, content=chunks(parts))
        try:
            async for line in stream_lines(response, limit):
                got.append(line)
        except RemoteError as exc:
            got.append(f"error: {exc}")
        return got

    parts = [b"event: update\r\nda", b'ta: {"id": 1}\r\n\r\n:hb\n', b"last"]
    assert asyncio.run(lines(parts, 64)) == ["event: update", 'data: {"id": 1}', "", ":hb", "last"]
    endless = [b"data: ok\n", b"data: " + b"y" * 100, b"y" * 100]
    assert asyncio.run(lines(endless, 150)) == [
        "data: ok",
        "error: a line of the stream is longer than 150 bytes",
    ]
    refused = httpx.Response(503, content=chunks([b"Service unavailable. "], forever=True))
    assert asyncio.run(opening(refused, 40)) == "Service unavailable. " + "x" * 19


# --------------------------------------------------------------------------- Hacker News


def test_hacker_news_pages_through_and_resumes_without_repeats(
    store: Store, config: Config
) -> None:
    base = datetime.now(UTC).replace(microsecond=0) - timedelta(hours=5)
    algolia = AlgoliaPeer(
        hits=[hn_hit(n, base + timedelta(seconds=60 * n), comment=n % 5 != 0) for n in range(250)]
        + [{"created_at_i": int(base.timestamp()), "comment_text": "Lumbre Burger, no id"}]
    ).start()
    try:
        spec = {
            "type": "hackernews",
            "name": "hn",
            "query": "lumbre burger",
            "api": algolia.url + "/api/v1",
            "every": 0.05,
        }
        got = collect(config, store, spec, want=250)
        assert len({m.external_id for m in got}) == 250
        assert [m.created_at for m in got] == sorted(m.created_at for m in got)  # oldest first
        pages = {r.query["page"][0] for r in algolia.requests}
        assert pages == {"0", "1", "2"}
        comment = next(m for m in got if m.relation is Relation.REPLY)
        assert comment.parent_external_id == "39999999" and comment.channel is Channel.HACKERNEWS
        assert (
            "&amp;" not in comment.text
            and "<i>" not in comment.text
            and "& their app" in comment.text
        )
        story = next(m for m in got if m.relation is None)
        assert story.likes == 12 and story.replies == 3 and story.url.endswith(story.external_id)
        assert store.quarantined("hn")[0]["reason"] == "The post has no id."
        # a restart: asks from the newest second seen; the one repeat is dropped by the store
        algolia.requests.clear()
        latest = base + timedelta(seconds=60 * 249)
        algolia.hits += [hn_hit(300 + n, latest + timedelta(minutes=n + 1)) for n in range(2)]
        again = collect(config, store, spec, want=3)
        assert algolia.requests[0].query["numericFilters"] == [
            f"created_at_i>={int(latest.timestamp())}"
        ]
        assert len(stored(store, "hn")) == 252 and len(again) == 3
    finally:
        algolia.stop()


def test_health_says_which_sources_fail_go_quiet_or_never_ran(store: Store, config: Config) -> None:
    config.sources = [
        SourceConfig(type="rss", name=n, url="https://x.example", quiet_after="2h")
        for n in ("fine", "broken", "silent", "new")
    ]
    now = datetime.now(UTC)
    store.source_polled("fine", now - timedelta(minutes=30), 4)
    store.source_polled("broken", now - timedelta(hours=1), 2)
    store.source_failed("broken", now - timedelta(minutes=5), "HTTP 401: bad key")
    store.source_polled("silent", now - timedelta(hours=5), 3)
    store.source_polled("silent", now - timedelta(minutes=1), 0)
    states = {h.source: h.state for h in health(config, store, now)}
    assert states == {"fine": "ok", "broken": "failing", "silent": "quiet", "new": "waiting"}


def test_oteo_status_shows_each_source(tmp_path: Any) -> None:
    from oteo.config import render_example

    path = tmp_path / "oteo.yaml"
    path.write_text(
        render_example("en", "Lumbre Burger", database=f"sqlite:///{tmp_path / 'o.db'}").replace(
            "sources: []", "sources:\n  - {type: hackernews, name: hn, query: lumbre}"
        ),
        encoding="utf-8",
    )
    store = Store(f"sqlite:///{tmp_path / 'o.db'}")
    store.source_failed("hn", datetime.now(UTC), "HTTP 403: <b>forbidden</b>")
    store.close()
    result = CliRunner().invoke(app, ["status", "-c", str(path), "--lang", "es"])
    assert result.exit_code == 0, result.output
    assert "hn" in result.output and "falla" in result.output and "HTTP 403" in result.output
    # and on the dashboard, escaped
    from fastapi.testclient import TestClient

    from oteo.config import load
    from oteo.web.app import create_app

    cfg = load(path)
    store = Store(cfg.database_url())
    page = signed_in(TestClient(create_app(cfg, store)), store).get("/?lang=en").text
    store.close()
    assert (
        "failing" in page and "&lt;b&gt;forbidden&lt;/b&gt;" in page and "<b>forbidden" not in page
    )


@pytest.mark.parametrize("kind,missing", [("rss", "url"), ("hackernews", "query")])
def test_a_source_without_its_setting_is_a_clear_error(
    config: Config, store: Store, kind: str, missing: str
) -> None:
    from oteo.sources import SourceError

    ctx = SourceContext(config, store, SystemClock(), asyncio.Event())
    with pytest.raises(SourceError) as err:
        _registry()[kind](SourceConfig(type=kind), ctx)
    assert err.value.values["setting"] == missing


# --------------------------------------------------------------------------- Mastodon


def test_mastodon_tag_timelines_page_through_and_resume(store: Store, config: Config) -> None:
    from collections import deque

    from social_peers import TOKEN, MastodonPeer
    from source_peers import toot

    t = datetime.now(UTC).replace(microsecond=0) - timedelta(hours=2)
    masto = MastodonPeer(
        timeline=[toot(n, t + timedelta(minutes=n)) for n in range(1, 91)]
        + [toot(91, t, tags=("lumbre",), content="<p>#lumbre en otra etiqueta</p>")]
        + [
            {
                "id": "109000000000000999",
                "created_at": "ayer",
                "content": "<p>roto</p>",
                "tags": [{"name": "lumbre"}],
            }
        ]
    )
    masto.failures["/api/v1/timelines/tag/lumbre"] = deque([503])
    masto.start()
    try:
        spec = {
            "type": "mastodon",
            "name": "masto",
            "url": masto.url,
            "tags": ["#LumbreBurger", "lumbre"],
            "token": TOKEN,
            "every": 0.05,
        }
        got = collect(config, store, spec, want=91)
        assert len({m.external_id for m in got}) == 91
        pages = [r for r in masto.requests if r.path.endswith("/lumbreburger")]
        assert len(pages) >= 3  # 40 + 40 + 10, each from the last id seen
        assert all(r.headers["authorization"] == f"Bearer {TOKEN}" for r in pages)
        first = next(m for m in got if m.external_id.endswith("001"))
        assert first.text == "La app de #LumbreBurger no va & nadie responde (1)"
        assert first.lang == "es" and first.channel is Channel.MASTODON
        assert first.likes == 3 and first.reposts == 2 and first.replies == 1
        author = first.author
        assert author.handle == "ana1@127.0.0.1" and author.followers == 10
        assert author.posts == 400 and author.avatar is False and author.bio == "Madrid · café"
        assert "<script>" in (author.name or "")  # kept as text; escaped wherever shown
        assert author.automated is False
        bot = next(m for m in got if m.external_id.endswith("007")).author
        assert bot is not None and bot.automated is True  # its "automated" box
        bad = store.quarantined("masto")
        assert len(bad) == 1 and "created_at" in bad[0]["reason"]
        (row,) = health(config, store, datetime.now(UTC))
        assert row.errors == 1 and row.quarantined == 1  # the 503, then it went on
        # a restart: only what is new, for each tag from its own last id
        masto.requests.clear()
        masto.timeline.append(
            toot(95, t + timedelta(hours=1), in_reply_to_id="109000000000000001", reblog=None)
        )
        masto.timeline.append(
            toot(
                96,
                t + timedelta(hours=1, minutes=1),
                content="",
                reblog=toot(1, t) | {"id": "109000000000000001"},
            )
        )
        again = collect(config, store, spec, want=2)
        reply, boost = again
        assert reply.relation is Relation.REPLY and reply.parent_external_id == "109000000000000001"
        assert (
            boost.relation is Relation.REPOST and boost.parent_external_id == "109000000000000001"
        )
        assert boost.text.startswith("La app de #LumbreBurger")
        assert {r.query.get("min_id", ["-"])[0] for r in masto.requests} >= {
            "109000000000000090",
            "109000000000000999",
        }
        assert len(stored(store, "masto")) == 93
    finally:
        masto.stop()


def test_a_bad_mastodon_token_is_reported_not_fatal(store: Store, config: Config) -> None:
    from social_peers import MastodonPeer

    masto = MastodonPeer().start()
    try:
        spec = {"type": "mastodon", "name": "m", "url": masto.url, "tags": ["x"], "token": "nope"}
        briefly(config, store, spec, seconds=0.5)
        (row,) = health(config, store, datetime.now(UTC))
        assert row.state == "failing" and "HTTP 401" in (row.last_error or "")
        assert len(masto.requests) == 1  # a refusal waits the longest, not a retry storm
    finally:
        masto.stop()


# --------------------------------------------------------------------------- Bluesky


def test_bluesky_search_pages_fetches_followers_and_logs_in_again(
    store: Store, config: Config
) -> None:
    from social_peers import APP_PASSWORD, BlueskyPeer
    from source_peers import bsky_profile, skeet

    t = datetime.now(UTC).replace(microsecond=0) - timedelta(hours=1)
    bsky = BlueskyPeer(
        found=[skeet(n, t + timedelta(seconds=20 * n)) for n in range(1, 131)]
        + [{"uri": "not-a-uri", "record": {"text": "Lumbre Burger"}, "indexedAt": t.isoformat()}],
        people={bsky_profile(n)["did"]: bsky_profile(n) for n in range(1, 131)},
        expire_after=5,
    ).start()
    try:
        spec = {
            "type": "bluesky",
            "name": "sky",
            "url": bsky.url,
            "query": "lumbre burger",
            "handle": bsky.account,
            "password": APP_PASSWORD,
            "every": 0.05,
        }
        got = collect(config, store, spec, want=130)
        assert len({m.external_id for m in got}) == 130
        assert [m.created_at for m in got] == sorted(m.created_at for m in got)
        m = got[0]
        assert m.channel is Channel.BLUESKY and m.lang == "es"
        assert m.url == "https://bsky.app/profile/persona1.bsky.social/post/3l00000000001"
        assert m.author.followers == 101 and m.author.posts == 9 and m.author.bio == "Valencia"
        # the bot self-label counts; a labeller's "bot" is someone else's opinion
        assert [g.author.automated for g in got[:3]] == [False, True, False]
        asked = [a for r in bsky.to("/xrpc/app.bsky.actor.getProfiles") for a in r.query["actors"]]
        # 25 at a time, each author once (the call the expired token cut short, twice)
        assert len(set(asked)) == 130 and len(asked) <= 130 + 25
        assert bsky.logins == 2  # the token expired midway: one new login, nothing lost
        assert store.quarantined("sky")[0]["reason"] == "The post has no id."
        # a restart asks since the newest post seen; a reply arrives
        bsky.requests.clear()
        newest = got[-1].external_id
        bsky.found.append(skeet(500, t + timedelta(hours=1), reply_to=newest))
        again = collect(config, store, spec, want=1)
        last = [r for r in bsky.to("/xrpc/app.bsky.feed.searchPosts")][0]
        assert last.query["since"][0] >= (t + timedelta(seconds=20 * 130)).isoformat()[:19]
        new = [m for m in again if m.external_id.endswith("00000000500")]
        assert new and new[0].relation is Relation.REPLY and new[0].parent_external_id == newest
        assert len(stored(store, "sky")) == 131
        # after a restart, the authors of what it found are asked for once
        asked = [a for r in bsky.to("/xrpc/app.bsky.actor.getProfiles") for a in r.query["actors"]]
        assert sorted(asked) == ["did:plc:author0130", "did:plc:author0500"]
    finally:
        bsky.stop()


# --------------------------------------------------------------------------- inbound webhooks

WHSEC = "whsec_" + __import__("base64").b64encode(b"inbound secret of 32 bytes long!").decode()
APP_SECRET = "meta-app-secret-123"


def hooks_config(config: Config) -> Config:
    config.sources = [
        SourceConfig(type="webhook", name="crm", secret=WHSEC, every=0.05),
        SourceConfig(
            type="webhook",
            name="fb",
            format="meta",
            secret=APP_SECRET,
            verify_token="tok-42",
            every=0.05,
        ),
    ]
    return config


def standard_headers(body: bytes, msg_id: str = "msg_1", at: int | None = None) -> dict[str, str]:
    """Signed as the Standard Webhooks spec says, computed here independently."""
    import base64
    import hashlib
    import hmac
    import time

    stamp = int(time.time()) if at is None else at
    key = base64.b64decode(WHSEC.removeprefix("whsec_"))
    mac = hmac.new(key, f"{msg_id}.{stamp}.".encode() + body, hashlib.sha256).digest()
    return {
        "webhook-id": msg_id,
        "webhook-timestamp": str(stamp),
        "webhook-signature": "v1,bm90IGl0 v1," + base64.b64encode(mac).decode(),
        "content-type": "application/json",
    }


def test_a_signed_push_is_kept_then_read_once(store: Store, config: Config) -> None:
    import json
    import time

    from fastapi.testclient import TestClient

    from oteo.web.app import create_app

    config = hooks_config(config)
    web = TestClient(create_app(config, store))
    body = json.dumps(
        {
            "type": "mention.created",
            "data": [
                {
                    "id": "t-1",
                    "text": "Lumbre Burger no me devuelve el dinero",
                    "channel": "review",
                    "author": "@pepa",
                    "created_at": "2026-11-20T10:00:00Z",
                },
                {"id": "t-2", "text": "   "},
                {"id": "t-3", "text": "¿Abrís el domingo?", "channel": "forum", "author": "@luis"},
            ],
        }
    ).encode()
    assert web.post("/hooks/crm", content=body, headers=standard_headers(body)).status_code == 200
    refused = {
        "forged": (body, {**standard_headers(body), "webhook-signature": "v1,AAAA"}),
        "stale": (body, standard_headers(body, at=int(time.time()) - 3600)),
        "unsigned": (body, {"content-type": "application/json"}),
    }
    for what, (content, headers) in refused.items():
        assert web.post("/hooks/crm", content=content, headers=headers).status_code == 401, what
    big = b"[" + b'{"text": "x"},' * 80_000 + b"{}]"
    assert web.post("/hooks/crm", content=big, headers=standard_headers(big)).status_code == 413
    assert web.post("/hooks/nope", content=body, headers=standard_headers(body)).status_code == 404
    assert len(store.inbound_after("crm", 0)) == 1  # only the signed push was kept

    got = collect(
        config, store, {"type": "webhook", "name": "crm", "secret": WHSEC, "every": 0.05}, want=2
    )
    assert [m.external_id for m in got] == ["t-1", "t-3"]
    assert got[0].channel is Channel.REVIEW and got[0].author.handle == "pepa"
    assert store.quarantined("crm")[0]["reason"] == "The post has no text."
    # the next pushes, after a restart: only they are read; JSON nested too deep for
    # Python's parser raised RecursionError on every poll, and nothing after it was read
    deep = b"[" * 100_000 + b"]" * 100_000
    headers = standard_headers(deep, "msg_deep")
    assert web.post("/hooks/crm", content=deep, headers=headers).status_code == 200
    more = json.dumps({"id": "t-4", "text": "Ya me han contestado, gracias"}).encode()
    assert (
        web.post("/hooks/crm", content=more, headers=standard_headers(more, "msg_2")).status_code
        == 200
    )
    again = collect(
        config, store, {"type": "webhook", "name": "crm", "secret": WHSEC, "every": 0.05}, want=1
    )
    assert [m.external_id for m in again] == ["t-4"]
    assert "nested too deeply" in store.quarantined("crm")[0]["reason"]


def test_meta_webhooks_verify_and_bring_page_and_instagram_comments(
    store: Store, config: Config
) -> None:
    import hashlib
    import hmac
    import json

    from fastapi.testclient import TestClient

    from oteo.web.app import create_app

    config = hooks_config(config)
    web = TestClient(create_app(config, store))
    check = {"hub.mode": "subscribe", "hub.verify_token": "tok-42", "hub.challenge": "1158201444"}
    answer = web.get("/hooks/fb", params=check)
    assert answer.status_code == 200 and answer.text == "1158201444"
    assert web.get("/hooks/fb", params={**check, "hub.verify_token": "wrong"}).status_code == 403
    assert web.get("/hooks/crm", params=check).status_code == 403  # not a Meta hook

    page = {
        "object": "page",
        "entry": [
            {
                "id": "1234",
                "time": 1763700000,
                "changes": [
                    {
                        "field": "feed",
                        "value": {
                            "item": "comment",
                            "verb": "add",
                            "comment_id": "555_777",
                            "post_id": "1234_555",
                            "parent_id": "1234_555",
                            "message": "Me intoxiqué ayer en Lumbre",
                            "from": {"id": "9001", "name": "Marta G."},
                            "created_time": 1763699990,
                        },
                    },
                    {
                        "field": "feed",
                        "value": {
                            "item": "reaction",
                            "verb": "add",
                            "post_id": "1234_555",
                            "reaction_type": "angry",
                            "from": {"id": "9002"},
                        },
                    },
                    {
                        "field": "feed",
                        "value": {"item": "comment", "verb": "remove", "comment_id": "555_1"},
                    },
                    {
                        "field": "feed",
                        "value": {
                            "item": "status",
                            "verb": "add",
                            "post_id": "1234_556",
                            "message": "Comunicado de Lumbre Burger",
                            "from": {"id": "1234", "name": "Lumbre"},
                            "created_time": 1763700001,
                        },
                    },
                ],
            }
        ],
    }
    insta = {
        "object": "instagram",
        "entry": [
            {
                "id": "17841400000000000",
                "time": 1763700100,
                "changes": [
                    {
                        "field": "comments",
                        "value": {
                            "from": {"id": "232323", "username": "pepe_foodie"},
                            "media": {"id": "123123", "media_product_type": "FEED"},
                            "id": "17865799348089039",
                            "text": "Esto huele fatal @lumbreburger",
                        },
                    },
                ],
            }
        ],
    }
    for payload in (page, insta):
        body = json.dumps(payload).encode()
        signature = "sha256=" + hmac.new(APP_SECRET.encode(), body, hashlib.sha256).hexdigest()
        ok = web.post("/hooks/fb", content=body, headers={"X-Hub-Signature-256": signature})
        assert ok.status_code == 200
        bad = web.post("/hooks/fb", content=body, headers={"X-Hub-Signature-256": "sha256=00"})
        assert bad.status_code == 401

    spec = {"type": "webhook", "name": "fb", "format": "meta", "secret": APP_SECRET, "every": 0.05}
    comment, post, photo = collect(config, store, spec, want=3)
    assert comment.channel is Channel.FACEBOOK and comment.external_id == "555_777"
    assert comment.relation is Relation.REPLY and comment.parent_external_id == "1234_555"
    assert comment.author.name == "Marta G." and comment.created_at.timestamp() == 1763699990
    assert post.relation is None and post.text == "Comunicado de Lumbre Burger"
    assert photo.channel is Channel.INSTAGRAM and photo.author.handle == "pepe_foodie"
    assert photo.parent_external_id == "123123" and photo.created_at.timestamp() == 1763700100


def test_a_webhook_source_needs_a_name_and_a_secret(config: Config, store: Store) -> None:
    from oteo.sources import SourceError

    ctx = SourceContext(config, store, SystemClock(), asyncio.Event())
    for spec, missing in (({"secret": "x"}, "name"), ({"name": "h"}, "secret")):
        with pytest.raises(SourceError) as err:
            _registry()["webhook"](SourceConfig(type="webhook", **spec), ctx)
        assert err.value.values["setting"] == missing
    with pytest.raises(SourceError) as err:
        _registry()["webhook"](
            SourceConfig(type="webhook", name="h", secret="s", format="xml"), ctx
        )
    assert err.value.key == "source.bad_setting"


# --------------------------------------------------------------------------- YouTube


def test_youtube_comment_threads_page_until_the_last_seen(store: Store, config: Config) -> None:
    from source_peers import YouTubePeer, yt_thread

    t = datetime.now(UTC).replace(microsecond=0) - timedelta(hours=6)
    yt = YouTubePeer(
        threads=[
            yt_thread(n, t + timedelta(minutes=2 * n), replies=2 if n == 3 else 0)
            for n in range(1, 151)
        ]
        + [yt_thread(900, t, video="other")]
    ).start()
    try:
        spec = {
            "type": "youtube",
            "name": "yt",
            "key": yt.key,
            "channel_id": "UCbrand",
            "api": yt.url + "/youtube/v3",
            "every": 0.05,
        }
        got = collect(config, store, spec, want=153)  # every video of the channel
        assert len({m.external_id for m in got}) == 153
        assert [m.created_at for m in got] == sorted(m.created_at for m in got)
        reply = next(m for m in got if m.relation is Relation.REPLY)
        assert reply.parent_external_id == "Ugz000003" and reply.channel is Channel.YOUTUBE
        assert got[0].url == "https://www.youtube.com/watch?v=other&lc=Ugz000900"
        top = got[1]
        assert top.url == "https://www.youtube.com/watch?v=vid001&lc=Ugz000001"
        assert top.author.handle == "fan001" and top.author.external_id == "UCfan001"
        assert top.likes == 4
        # later: two new threads; the poll stops at the first page, where the old ones begin
        yt.requests.clear()
        yt.threads += [yt_thread(200 + n, t + timedelta(hours=7, minutes=n)) for n in range(2)]
        again = collect(config, store, spec, want=2)
        assert [m.external_id for m in again] == ["Ugz000200", "Ugz000201"]
        assert len(yt.requests) == 1
        # an exhausted quota: reported, and the longest wait
        yt.quota = 0
        briefly(config, store, spec)
        (row,) = health(config, store, datetime.now(UTC))
        assert row.state == "failing" and "quotaExceeded" in (row.last_error or "")
    finally:
        yt.stop()


# --------------------------------------------------------------------------- Reddit


def test_reddit_search_and_subreddit_comments_with_an_app_token(
    store: Store, config: Config
) -> None:
    from source_peers import RedditPeer, reddit_comment, reddit_post

    t = datetime.now(UTC).replace(microsecond=0) - timedelta(hours=3)
    reddit = RedditPeer(
        posts=[reddit_post(n, t + timedelta(minutes=n)) for n in range(1, 131)],
        comments={
            "madrid": [
                reddit_comment(1, t, "En Lumbre Burger de Sol me atendieron fatal"),
                reddit_comment(2, t + timedelta(minutes=1), "¿Alguien sabe si abre el metro?"),
            ]
        },
    ).start()
    try:
        spec = {
            "type": "reddit",
            "name": "rd",
            "query": "lumbre burger",
            "client_id": "app-id",
            "client_secret": "app-secret",
            "subreddits": ["r/madrid"],
            "api": reddit.url,
            "auth_url": reddit.url + "/api/v1/access_token",
            "every": 0.05,
        }
        got = collect(config, store, spec, want=131)
        assert len({m.external_id for m in got}) == 131  # 130 posts, 1 comment naming the brand
        comment = next(m for m in got if m.external_id == "t1_c1")
        assert comment.relation is Relation.REPLY and comment.parent_external_id == "t3_p1"
        assert comment.url == "https://www.reddit.com/r/madrid/comments/p1/x/c1/"
        post = next(m for m in got if m.external_id == "t3_p5")
        assert post.text == "Lumbre Burger subió los precios (5)\n¿A alguien más le pasa?"
        assert post.channel is Channel.REDDIT and post.likes == 7 and post.replies == 2
        assert post.author.handle == "user5"
        assert reddit.tokens == 1
        # a token that stops working is asked for again, once
        from oteo.sources.reddit import Token

        token = Token(reddit.url + "/api/v1/access_token", "app-id", "app-secret")
        assert token.get(reddit.url + "/search", {"q": "lumbre"})["data"]["children"]
        handed_out = reddit.tokens
        reddit.expire()
        assert token.get(reddit.url + "/search", {"q": "lumbre"})["data"]["children"]
        assert reddit.tokens == handed_out + 1000 + 1  # refused once, asked once more
        # after a restart, only the new post
        reddit.posts.append(reddit_post(500, t + timedelta(hours=4)))
        again = collect(config, store, spec, want=1)
        assert [m.external_id for m in again] == ["t3_p500"]
        assert len(stored(store, "rd")) == 132
    finally:
        reddit.stop()


# --------------------------------------------------------------------------- X


def test_x_recent_search_pages_with_authors_and_waits_for_its_reset(
    store: Store, config: Config
) -> None:
    from collections import deque

    from source_peers import XPeer, tweet, x_user

    t = datetime.now(UTC).replace(microsecond=0) - timedelta(hours=2)
    first = 1_860_000_000_000_000_000
    peer = XPeer(
        tweets=[tweet(n, t + timedelta(seconds=30 * n), author=str(n % 3)) for n in range(1, 251)]
        + [
            tweet(
                300,
                t,
                text="RT @ana: @lumbreburger vergüenza",
                referenced_tweets=[{"type": "retweeted", "id": str(first + 1)}],
            ),
            tweet(301, t, created_at="el martes"),
            # the API writes &, < and > as HTML entities
            tweet(302, t, text="@lumbreburger menú &lt;3 &amp; postre &gt; 10€, &amp;lt;b&amp;gt;"),
        ],
        users={str(i): x_user(str(i), f"cliente{i}", 50 * (i + 1)) for i in range(3)},
    )
    peer.failures["/2/tweets"] = deque([429])
    peer.start()
    try:
        spec = {
            "type": "x",
            "name": "x",
            "query": "@lumbreburger",
            "token": peer.bearer,
            "api": peer.url + "/2",
            "every": 0.05,
        }
        got = collect(config, store, spec, want=252)
        assert len({m.external_id for m in got}) == 252
        assert [int(m.external_id) for m in got] == sorted(int(m.external_id) for m in got)
        m = next(x for x in got if x.external_id == str(first + 4))
        assert (
            m.channel is Channel.TWITTER and m.url == f"https://x.com/cliente1/status/{first + 4}"
        )
        assert m.author.followers == 100 and m.author.posts == 12000 and m.author.avatar is True
        assert m.author.liked == 4500
        assert (m.likes, m.reposts, m.replies) == (3, 1, 2)
        rt = next(x for x in got if x.external_id == str(first + 300))
        assert rt.relation is Relation.REPOST and rt.parent_external_id == str(first + 1)
        entities = next(x for x in got if x.external_id == str(first + 302))
        assert entities.text == "@lumbreburger menú <3 & postre > 10€, &lt;b&gt;"
        assert "created_at" in store.quarantined("x")[0]["reason"]
        (row,) = health(config, store, datetime.now(UTC))
        assert row.errors == 1  # the 429, waited out until x-rate-limit-reset
        peer.requests.clear()
        peer.tweets.append(tweet(400, t + timedelta(hours=3)))
        again = collect(config, store, spec, want=1)
        assert [m.external_id for m in again] == [str(first + 400)]
        assert peer.requests[0].query["since_id"] == [str(first + 302)]
    finally:
        peer.stop()


def test_mastodon_streaming_catches_up_listens_and_reconnects(store: Store, config: Config) -> None:
    import json

    from social_peers import TOKEN, MastodonPeer
    from source_peers import toot

    t = datetime.now(UTC).replace(microsecond=0) - timedelta(hours=1)
    masto = MastodonPeer(timeline=[toot(n, t + timedelta(minutes=n)) for n in (1, 2, 3)])
    live = toot(4, t + timedelta(minutes=30))  # said once oteo listens
    masto.streams.append([("update", json.dumps(live))])
    masto.start()
    try:
        spec = {
            "type": "mastodon",
            "name": "live",
            "url": masto.url,
            "tags": ["lumbreburger"],
            "token": TOKEN,
            "stream": True,
        }
        first = collect(config, store, spec, want=4)
        assert [m.external_id[-1] for m in first] == ["1", "2", "3", "4"]
        assert masto.to("/api/v1/streaming/hashtag")[0].query == {"tag": ["lumbreburger"]}
        # down for a while: one status said meanwhile; then the stream deletes one and says one
        masto.requests.clear()
        masto.timeline.append(toot(5, t + timedelta(minutes=40)))
        said = toot(6, t + timedelta(minutes=50))
        masto.streams.append([("delete", toot(1, t)["id"]), ("update", json.dumps(said))])
        again = collect(config, store, spec, want=2)
        assert [m.external_id[-1] for m in again] == ["5", "6"]
        catch_up = masto.to("/api/v1/timelines/tag/lumbreburger")[0]
        assert catch_up.query["min_id"] == [live["id"]]  # resumed where it stopped
        deleted = store.mention_by_key("live", toot(1, t)["id"])
        assert deleted is not None and deleted["deleted_at"] is not None
        assert deleted["text"].startswith("La app de")  # kept as first seen
        assert len(stored(store, "live")) == 6
    finally:
        masto.stop()


# --------------------------------------------------------------------------- Bluesky Jetstream


def test_jetstream_keeps_what_the_watches_match_and_resumes_from_its_cursor(
    store: Store, config: Config
) -> None:
    import json

    from websockets.asyncio.server import serve

    from source_peers import AppViewPeer, bsky_profile, jet_post

    t = datetime.now(UTC).replace(microsecond=0) - timedelta(minutes=10)
    appview = AppViewPeer(people={bsky_profile(n)["did"]: bsky_profile(n) for n in range(1, 9)})
    appview.start()
    connections: list[str] = []
    batches = [
        [
            jet_post(1, t, "Lumbre Burger me ha intoxicado"),
            jet_post(2, t + timedelta(seconds=1), "hoy llueve en Sevilla"),
            {"did": "did:plc:x", "time_us": 1, "kind": "identity", "identity": {}},
            "esto no es JSON",
            jet_post(3, t + timedelta(seconds=2), "Otra queja de Lumbre Burger"),
        ],
        [
            {
                "did": "did:plc:author0001",
                "time_us": int((t + timedelta(seconds=3)).timestamp() * 1e6),
                "kind": "commit",
                "commit": {
                    "operation": "delete",
                    "collection": "app.bsky.feed.post",
                    "rkey": "3l00000000001",
                },
            },
            jet_post(4, t + timedelta(seconds=4), "Lumbre Burger responde por fin"),
        ],
    ]

    async def firehose(ws: Any) -> None:
        connections.append(ws.request.path)
        for event in batches.pop(0) if batches else []:
            await ws.send(event if isinstance(event, str) else json.dumps(event))
        # then the connection drops

    got: list[Mention] = []

    async def go(want: int) -> None:
        async with serve(firehose, "127.0.0.1", 0) as server:
            port = server.sockets[0].getsockname()[1]
            stop = asyncio.Event()
            ctx = SourceContext(config, store, SystemClock(), stop)
            spec = SourceConfig(
                type="jetstream",
                name="jet",
                url=f"ws://127.0.0.1:{port}/subscribe",
                appview=appview.url,
            )
            async for m in _registry()["jetstream"](spec, ctx):
                got.append(normalise(m, datetime.now(UTC)))
                if len(got) >= want:
                    stop.set()

    try:
        asyncio.run(asyncio.wait_for(go(2), 20))
        assert [m.text for m in got] == [
            "Lumbre Burger me ha intoxicado",
            "Otra queja de Lumbre Burger",
        ]
        first = got[0]
        assert first.external_id == "at://did:plc:author0001/app.bsky.feed.post/3l00000000001"
        assert first.author.handle == "persona1.bsky.social" and first.author.followers == 101
        assert "wantedCollections=app.bsky.feed.post" in connections[0]
        (bad,) = store.quarantined("jet")
        assert "Not valid JSON" in bad["reason"] and "esto no es JSON" in bad["payload"]
        assert health(config, store, datetime.now(UTC))[0].items == 2
        store.ingest(got, {})
        got.clear()
        asyncio.run(asyncio.wait_for(go(1), 20))
        assert [m.text for m in got] == ["Lumbre Burger responde por fin"]
        resumed = int(connections[1].split("cursor=")[1])
        assert resumed == int((t + timedelta(seconds=2)).timestamp() * 1e6) - 5_000_000
        assert store.mention_by_key("jet", first.external_id)["deleted_at"] is not None
    finally:
        appview.stop()


def test_x_filtered_stream_keeps_one_rule_catches_up_and_reads_the_stream(
    store: Store, config: Config
) -> None:
    from source_peers import XPeer, tweet, x_user

    t = datetime.now(UTC).replace(microsecond=0) - timedelta(hours=1)
    first = 1_860_000_000_000_000_000
    peer = XPeer(
        tweets=[tweet(1, t), tweet(2, t + timedelta(minutes=1))],
        users={"7": x_user("7", "cliente7", 80)},
        rules=[
            {"id": "1", "value": "old query", "tag": "oteo:xs"},
            {"id": "2", "value": "cats", "tag": "someone-else"},
        ],
    )
    live = tweet(3, t + timedelta(minutes=5))
    peer.streams.append(
        [
            {
                "data": live,
                "includes": {"users": [x_user("7", "cliente7", 80)]},
                "matching_rules": [{"id": "100", "tag": "oteo:xs"}],
            },
            {"data": tweet(9, t), "matching_rules": [{"id": "2", "tag": "someone-else"}]},
        ]
    )
    peer.start()
    try:
        spec = {
            "type": "x",
            "name": "xs",
            "query": "@lumbreburger",
            "token": peer.bearer,
            "api": peer.url + "/2",
            "stream": True,
        }
        got = collect(config, store, spec, want=3)
        assert [m.external_id for m in got] == [str(first + n) for n in (1, 2, 3)]
        assert got[2].author.handle == "cliente7" and got[2].author.followers == 80
        assert {(r["value"], r["tag"]) for r in peer.rules} == {
            ("@lumbreburger", "oteo:xs"),
            ("cats", "someone-else"),
        }
        # reconnecting: the rule stays as it is, the catch-up starts after the streamed post
        peer.requests.clear()
        peer.tweets.append(tweet(4, t + timedelta(minutes=9)))
        again = collect(config, store, spec, want=1)
        assert [m.external_id for m in again] == [str(first + 4)]
        assert not [r for r in peer.requests if r.method == "POST"]
        search = peer.to("/2/tweets/search/recent")[0]
        assert search.query["since_id"] == [str(first + 3)]
    finally:
        peer.stop()


def test_source_credentials_come_from_the_environment_or_a_secrets_file(
    store: Store, tmp_path: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from oteo.config import ConfigError, load_text, render_example
    from source_peers import XPeer, tweet

    peer = XPeer(tweets=[tweet(1, datetime.now(UTC) - timedelta(minutes=5))]).start()
    try:
        secret_file = tmp_path / "x_bearer"
        secret_file.write_text(peer.bearer + "\n", encoding="utf-8")
        monkeypatch.delenv("OTEO_TEST_X", raising=False)
        monkeypatch.setenv("OTEO_TEST_X_FILE", str(secret_file))
        entry = (
            "sources:\n  - {type: x, name: xs, query: lumbre, token: '${OTEO_TEST_X}', "
            f"api: '{peer.url}/2', every: 0.05}}"
        )
        text = render_example("en", "Lumbre Burger").replace("sources: []", entry)
        config = load_text(text, "oteo.yaml")
        assert peer.bearer not in repr(config.sources[0])  # kept as a secret, never printed
        got = collect(config, store, config.sources[0].model_dump(), want=1)
        assert got and peer.requests[0].headers["authorization"] == f"Bearer {peer.bearer}"
        monkeypatch.delenv("OTEO_TEST_X_FILE")
        with pytest.raises(ConfigError) as err:
            load_text(text, "oteo.yaml")
        assert any("OTEO_TEST_X" in str(i) for i in err.value.issues)
    finally:
        peer.stop()
