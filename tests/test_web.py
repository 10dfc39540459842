from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from conftest import raise_themed, signed_in
from oteo.config import Config
from oteo.model import Severity
from oteo.web.app import create_app


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


@pytest.mark.parametrize("path", ["/incidents/{id}", "/inbox", "/watches/lumbreburger"])
def test_a_likely_trolls_reasons_in_the_readers_language(seeded, config: Config, path: str) -> None:  # type: ignore[no-untyped-def]
    store, incident_id = seeded
    client = signed_in(TestClient(create_app(config, store)), store)
    english = client.get(path.format(id=incident_id) + "?lang=en").text
    spanish = client.get(path.format(id=incident_id) + "?lang=es").text
    assert "likely troll or bot (" in english and "account 3 days old" in english
    assert "cuenta de 3 días" not in english
    assert "probable troll o bot (" in spanish and "cuenta de 3 días" in spanish


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


def test_an_address_or_form_oteo_cannot_read_gets_a_page_not_a_crash(
    seeded, config: Config
) -> None:  # type: ignore[no-untyped-def]
    store, _ = seeded
    client = signed_in(TestClient(create_app(config, store), raise_server_exceptions=False), store)
    # past the database's integers: the query failed (500) and the connection was dropped
    for path in ("/incidents/9223372036854775808", "/incidents/abc", "/incidents/-1"):
        page = client.get(path + "?lang=es")
        assert page.status_code == 404 and "No encontrado." in page.text, path
    bad = client.get("/watches/lumbreburger?days=abc&lang=en")
    assert bad.status_code == 400 and "cannot read (a number, a date?)" in bad.text
    form = {"csrf": "x", "mention": str(2**64), "action": "hide"}
    assert client.post("/inbox/moderate", data=form).status_code == 400
    api = client.get("/api/incidents/9223372036854775808")
    assert api.status_code == 422 and api.json()["detail"][0]["loc"] == ["path", "incident_id"]


def test_assets_are_served_locally(seeded, config: Config) -> None:  # type: ignore[no-untyped-def]
    store, _ = seeded
    client = signed_in(TestClient(create_app(config, store)), store)
    html = client.get("/").text
    assert "http://" not in html.replace("http://127.0.0.1", "") and "https://" not in html
    assert client.get("/static/oteo.css").status_code == 200


def test_reasons_stored_as_text_by_an_older_oteo_still_show(seeded, config: Config) -> None:  # type: ignore[no-untyped-def]
    from oteo.store import schema as s

    store, _ = seeded
    with store.engine.begin() as conn:
        conn.execute(s.authors.update().values(risk_reasons=["no avatar, 3 days old"]))
    client = signed_in(TestClient(create_app(config, store)), store)
    page = client.get("/inbox?lang=es")
    assert page.status_code == 200 and "(no avatar, 3 days old)" in page.text


@pytest.mark.parametrize(("risk", "flagged"), [(0.6, True), (0.4, False)])
def test_an_author_is_flagged_from_the_line_detection_discounts_at(
    seeded, config: Config, risk: float, flagged: bool
) -> None:  # type: ignore[no-untyped-def]
    """The screen and the detector agree on who is a likely troll or bot: more likely than
    not (the detector stops counting such authors as people joining)."""
    from oteo.store import schema as s

    store, _ = seeded
    with store.engine.begin() as conn:
        conn.execute(s.authors.update().values(risk=risk))
    client = signed_in(TestClient(create_app(config, store)), store)
    assert ("likely troll or bot" in client.get("/inbox?lang=en").text) is flagged


@pytest.mark.parametrize(
    ("words", "english", "spanish"),
    [
        (
            "sois unos <b>ladrones",
            "insult: “sois unos &lt;b&gt;ladrones”",
            "insulto: «sois unos &lt;b&gt;ladrones»",
        ),
        ("", "insult? the model&#39;s reading only", "¿insulto? solo lo lee así el modelo"),
        (None, "insult</strong>", "insulto</strong>"),
    ],
)
def test_an_attack_shows_what_in_its_words_makes_it_one(
    seeded, config: Config, words: str | None, english: str, spanish: str
) -> None:  # type: ignore[no-untyped-def]
    """A moderator sees why a post reads as an attack, or that only a model says so (on
    posts to brands that is mostly harsh criticism); posts analysed before the words were
    kept show the kind alone."""
    from oteo.store import schema as s

    store, _ = seeded
    with store.engine.begin() as conn:
        conn.execute(
            s.mentions.update().values(
                offensive=0.8, offensive_kind="insult", offensive_words=words
            )
        )
    client = signed_in(TestClient(create_app(config, store)), store)
    assert english in client.get("/inbox?lang=en").text
    assert spanish in client.get("/inbox?lang=es").text
    with store.engine.begin() as conn:
        conn.execute(s.mentions.update().values(offensive=0.3))
    assert "insult" not in client.get("/inbox?lang=en").text.lower()


def test_the_timeline_says_each_steps_level_and_counts_read_as_written(
    seeded, config: Config
) -> None:  # type: ignore[no-untyped-def]
    from datetime import UTC, datetime

    from oteo.i18n import number

    store, incident_id = seeded
    store.add_event(incident_id, datetime.now(UTC), "active_again", "oteo", {"severity": 2})
    # an automatic action as a team writing its config in English recorded it
    done = {"action": "war_room_note", "label": "Open the war-room note"}
    store.add_event(incident_id, datetime.now(UTC), "action", "oteo", done)
    client = signed_in(TestClient(create_app(config, store)), store)
    page = " ".join(client.get(f"/incidents/{incident_id}?lang=en").text.split())
    assert "Activity again</strong> · light criticism" in page
    assert "Automatic action</strong> · Open the war-room note" in page
    page = " ".join(client.get(f"/incidents/{incident_id}?lang=es").text.split())
    assert "Acción automática</strong> · Abrir la nota de la sala de crisis" in page
    from oteo.store import schema as s

    with store.engine.begin() as conn:
        conn.execute(
            s.authors.update().values(
                risk=0.9, risk_reasons=[["author.prolific", {"posts": 18033}]]
            )
        )
    assert "(18.033 publicaciones)" in client.get("/inbox?lang=es").text
    assert "(18,033 posts)" in client.get("/inbox?lang=en").text
    assert number(128622, "es") == "128.622" and number(32.0, "es") == "32"
    assert number(128622, "en") == "128,622" and number(None, "en") == "?"


def test_an_incidents_posts_come_by_theme_what_drives_it_first(
    seeded, config: Config, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    from datetime import UTC, datetime, timedelta

    from oteo.incidents import IncidentManager
    from oteo.notify import Notifier

    store, incident_id = seeded
    ids = store.sync_watches((w.name, w.title, w.query) for w in config.watches)
    raise_themed(  # the seeded incident's second alert, older chatter handed over last
        config,
        store,
        IncidentManager(config, store, ids, Notifier(store)),
        datetime.now(UTC) - timedelta(hours=1),
        (
            ("chatter", "Lumbre Burger tarda muchísimo en Larios", 0),
            ("ill", "Lumbre Burger: acabé en urgencias con fiebre", 5),
        ),
        {"ill"},
        Severity.CRISIS,
    )
    client = signed_in(TestClient(create_app(config, store)), store)
    for lang, theme, other in (
        ("en", "About «fiebre · urgencias»", "Other negative posts of the moment"),
        ("es", "Sobre «fiebre · urgencias»", "Otras publicaciones negativas del momento"),
    ):
        page = " ".join(client.get(f"/incidents/{incident_id}?lang={lang}").text.split())
        # each alert's first theme first (the older one's too), the posts in none last,
        # though older than the rest
        at_theme, at_ill = page.index(theme), page.index("acabé en urgencias")
        at_other, at_chatter = page.index(other), page.index("tarda muchísimo")
        assert at_theme < at_ill < at_other < at_chatter
        assert "3 of its" not in page and "3 de sus" not in page  # every post is listed
    # a page lists so many; it says how many more the incident holds
    monkeypatch.setattr("oteo.web.app.INCIDENT_POSTS", 2)
    assert "2 of its 3 posts" in client.get(f"/incidents/{incident_id}?lang=en").text
    page = client.get(f"/incidents/{incident_id}?lang=es").text
    assert "2 de sus 3 publicaciones" in page and "tarda muchísimo" not in page


def test_a_crisis_raised_again_reads_as_one_theme(seeded, config: Config) -> None:  # type: ignore[no-untyped-def]
    """Each alert names what drove it in its own words; the incident's page gathers the
    drivers whose names share a word, or whose posts speak of the same harm, under the
    first one's name, and keeps apart one that shares neither."""
    from datetime import UTC, datetime, timedelta

    from oteo.incidents import IncidentManager
    from oteo.notify import Notifier

    store, incident_id = seeded  # its first alert: a post of harm to health, themed XSS
    ids = store.sync_watches((w.name, w.title, w.query) for w in config.watches)
    manager = IncidentManager(config, store, ids, Notifier(store))
    at = datetime.now(UTC) - timedelta(hours=1)
    ill = ("health",)
    for key, text, theme, harm, minutes in (
        ("ill", "Lumbre Burger: acabé en urgencias con fiebre", "fiebre · urgencias", ill, 0),
        ("again", "Lumbre Burger: vómitos toda la noche, urgencias", "urgencias · vomitos", (), 0),
        # a later alert (read over a longer view) hands over a post older than any before
        ("later", "Comí en Lumbre Burger esta semana y terminé mal", "comi · semana", ill, -300),
        ("bill", "Lumbre Burger me cobró dos veces la cena", "cobro · cena", (), 0),
    ):
        found, _ = raise_themed(
            config, store, manager, at, ((key, text, minutes),), {key}, Severity.CRISIS, theme, harm
        )
        assert found == incident_id
        at += timedelta(minutes=5)
    client = signed_in(TestClient(create_app(config, store)), store)
    page = " ".join(client.get(f"/incidents/{incident_id}?lang=en").text.split())
    # the illness (health, then a word of it) is one group under the first alert's name
    heads = [
        page[i : page.index("»", i)] for i in range(len(page)) if page.startswith("About «", i)
    ]
    assert len(heads) == 2 and "&lt;script&gt;" in heads[0] and heads[1] == "About «cobro · cena"
    at_bill = page.index("About «cobro · cena»")
    posts = ("acabé en urgencias", "vómitos toda la noche", "terminé mal")
    assert (
        page.index(heads[0]) < min(map(page.index, posts)) and max(map(page.index, posts)) < at_bill
    )
    assert at_bill < page.index("me cobró dos veces")
    # within the group, oldest first: the later alert's older post leads
    assert page.index("terminé mal") < page.index("acabé en urgencias")
    # the why says what is said as the posts are grouped, not in the last alert's words
    said = page[page.index("What drives it: ") :]
    said = said[: said.index("</li>")]
    assert "&lt;script&gt;" in said and "cobro · cena" in said and "comi · semana" not in said


def test_a_watch_silent_for_the_period_shows_its_last_days(seeded, config: Config) -> None:  # type: ignore[no-untyped-def]
    """An imported history (or a source paused for weeks) is not an empty chart."""
    from datetime import UTC, datetime, timedelta

    from oteo.model import Signal

    store, _ = seeded
    at = datetime.now(UTC) - timedelta(hours=2)  # when the seeded forum post arrived
    bucket = Signal("lumbreburger", at, at + timedelta(minutes=5), 1, 1, 1, 1, 0.2, 0.1, 3.0)
    bucket.by_channel = {"forum": (1, 1)}
    store.save_signals([bucket], store.watch_ids())
    later = datetime.now(UTC) + timedelta(days=60)  # the seeded mention is two months old
    client = signed_in(TestClient(create_app(config, store, now=lambda: later)), store)
    page = client.get("/watches/lumbreburger?days=7&lang=en").text
    assert "these are the 7 days up to the last mention" in page
    # the period's channels are those of the days shown, not of the empty last week
    assert "1 mentions, 1 negative (100%)" in page and "<td>forum</td>" in page
    recent = signed_in(TestClient(create_app(config, store)), store, username="bea")
    assert "up to the last mention" not in recent.get("/watches/lumbreburger?lang=en").text


def test_a_watch_not_yet_listened_to_has_its_page(config: Config, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from oteo.store import Store

    store = Store(f"sqlite:///{tmp_path / 'fresh.db'}")  # `oteo serve` before any `oteo run`
    client = signed_in(TestClient(create_app(config, store)), store)
    watch = config.watches[0]
    page = client.get(f"/watches/{watch.name}")
    assert page.status_code == 200, page.text
    assert f'href="/watches/{watch.name}"' in client.get("/").text
    assert "no mention received yet" in client.get("/?lang=en").text
    store.close()


def test_every_page_says_when_the_last_mention_came_in(seeded, config: Config) -> None:  # type: ignore[no-untyped-def]
    store, _ = seeded
    client = TestClient(create_app(config, store))
    last = store.last_received()
    shown = last.astimezone(config.tz).strftime("%d/%m/%Y %H:%M")
    # not to a stranger: the sign-in page tells nothing of the brand's listening
    assert "last mention" not in client.get("/login?lang=en").text
    signed_in(client, store)
    for path in ("/", "/inbox", "/settings"):
        assert f"last mention received {shown}" in client.get(path + "?lang=en").text
    assert f"última mención recibida el {shown}" in client.get("/?lang=es").text
