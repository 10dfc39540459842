from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from fastapi.testclient import TestClient

from conftest import signed_in
from oteo.config import Config
from oteo.incidents import IncidentManager
from oteo.model import Alert, Analysis, AuthorProfile, Channel, Intent, Mention, Sentiment, Severity
from oteo.notify import Notifier
from oteo.respond.desk import Desk
from oteo.store import Store
from oteo.web.app import create_app

XSS = "<script>alert('x')</script><img src=x onerror=alert(1)>"


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
        "key_authors": [{"handle": stored.author.handle, "followers": 5, "posts": 1}],
        "themes": [XSS],
        "channels": {"forum": {"count": 1, "first": at.isoformat()}},
    }
    outcome = manager.on_alert(
        Alert(
            config.watches[0].name, at, Severity.STRONG, 6.0, "strong", "customer", why, [stored.id]
        )
    )
    return store, outcome.incident_id


@pytest.mark.parametrize("path", ["/", "/watches/lumbreburger", "/incidents/{id}", "/inbox"])
def test_pages_escape_every_strangers_text(seeded, config: Config, path: str) -> None:  # type: ignore[no-untyped-def]
    store, incident_id = seeded
    client = signed_in(TestClient(create_app(config, store)), store)
    response = client.get(path.format(id=incident_id))
    assert response.status_code == 200
    html = response.text
    assert "<script>alert" not in html and "<img src=x" not in html
    if path != "/":
        assert "&lt;script&gt;alert(" in html
    assert response.headers["content-security-policy"].startswith("default-src 'self'")


def test_language_per_user(seeded, config: Config) -> None:  # type: ignore[no-untyped-def]
    store, _ = seeded
    client = signed_in(TestClient(create_app(config, store)), store)
    assert "Open incidents" in client.get("/").text  # the config's language (en)
    assert "Incidentes abiertos" in client.get("/?lang=es").text
    assert "Incidentes abiertos" in client.get("/").text  # remembered
    assert "Open incidents" in client.get("/?lang=en").text


def test_not_found_and_api(seeded, config: Config) -> None:  # type: ignore[no-untyped-def]
    store, incident_id = seeded
    client = signed_in(TestClient(create_app(config, store)), store)
    assert client.get("/incidents/99999").status_code == 404
    assert client.get("/api/incidents/99999").json() == {"detail": "not found"}
    incident = client.get(f"/api/incidents/{incident_id}").json()
    assert incident["severity"] == Severity.STRONG and incident["events"][0]["kind"] == "detected"
    assert client.get("/api/status").json()["counts"]["mentions"] == 1
    assert "openapi" in client.get("/openapi.json").json()
    assert client.get("/docs").status_code == 404  # no CDN-backed docs page


def test_assets_are_served_locally(seeded, config: Config) -> None:  # type: ignore[no-untyped-def]
    store, _ = seeded
    client = signed_in(TestClient(create_app(config, store)), store)
    html = client.get("/").text
    assert "http://" not in html.replace("http://127.0.0.1", "") and "https://" not in html
    assert client.get("/static/oteo.css").status_code == 200
