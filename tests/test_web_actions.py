"""Acting from the pages: each action by role, with the session's CSRF token, recorded
as the commands record it."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from fastapi.testclient import TestClient

from conftest import PASSWORD, add_user, login_csrf, seen
from oteo.config import Config
from oteo.store import Store
from oteo.web.app import create_app


def browser(
    config: Config, store: Store, username: str, role: str, person: str | None
) -> TestClient:
    add_user(store, username, role)
    if person:
        store.update_user(
            username, {"person_id": person}, actor="test", at=datetime.now(UTC), action="user.link"
        )
    client = TestClient(create_app(config, store))
    client.post(
        "/login", data={"username": username, "password": PASSWORD, "csrf": login_csrf(client)}
    )
    return client


def csrf_of(html: str) -> str:
    return re.search(r'name="csrf" value="([^"]+)"', html).group(1)  # type: ignore[union-attr]


def test_a_responder_works_the_incident_from_its_page(seeded, config: Config) -> None:
    store, incident_id = seeded
    lucia = browser(config, store, "lucia", "responder", "lucia")
    page = lucia.get(f"/incidents/{incident_id}").text
    assert 'id="ack"' in page and "Move to" in page
    token = csrf_of(page)
    url = f"/incidents/{incident_id}/act"
    assert lucia.post(url, data={"action": "ack"}).status_code == 403  # no CSRF token
    assert (
        lucia.post(url, data={"action": "ack", "csrf": token}, follow_redirects=False).status_code
        == 303
    )
    assert '<select name="origin">' in page  # the triage's own form: who, what, where
    lucia.post(
        url,
        data={
            "action": "move",
            "status": "triaged",
            "text": "a customer, real harm",
            "origin": "competitor",
            "category": "crisis",
            "channel": "forum",
            "csrf": token,
        },
    )
    lucia.post(
        url, data={"action": "check", "step": "profiles_analysed", "done": "true", "csrf": token}
    )
    lucia.post(
        url,
        data={
            "action": "note",
            "text": "<b>Statement</b> at 18:00",
            "decision": "true",
            "csrf": token,
        },
    )
    events = [(e["kind"], e["actor"]) for e in store.incident_events(incident_id)]
    assert ("acknowledged", "lucia") in events and ("triaged", "lucia") in events
    assert ("checklist", "lucia") in events and ("decision", "lucia") in events
    incident = store.incident(incident_id)
    assert incident["status"] == "triaged"
    shown = lucia.get(f"/incidents/{incident_id}").text
    assert "&lt;b&gt;Statement&lt;/b&gt;" in shown and 'id="ack"' not in shown
    # the room's clocks: detected with the first post, acknowledged (about 2 h later:
    # the alert was at two hours ago), no public response yet
    times = re.findall(r"<dt>([^<]+)</dt><dd>([^<]+)</dd>", shown)
    said = dict(times)
    assert said["Detected after the first post"] == "0 min"
    assert re.fullmatch(r"1 h 5\d min|2 h( \d min)?", said["Acknowledged after detection"])
    assert said["First public response after detection"] == "—"
    assert said["Category"] == "crisis" and said["Origin"] == "a competitor · forum"
    # the statements that fit who started it come first, marked (S19: a denial with facts)
    statements = re.search(r'<select name="template">(.*?)</select>', shown, re.S).group(1)  # type: ignore[union-attr]
    options = re.findall(r'<option value="(\w+)">([^<]+)</option>', statements)
    assert options[0][0] == "competitor_rumour_statement" and "fits this incident" in options[0][1]
    assert not any("fits" in label for _, label in options[1:])
    refused = lucia.post(url, data={"action": "move", "status": "detected", "csrf": token})
    assert refused.status_code == 409  # the protocol's own refusal, in words
    forged = lucia.post(
        url, data={"action": "move", "status": "convened", "origin": "martians", "csrf": token}
    )
    assert forged.status_code == 409 and store.incident(incident_id)["status"] == "triaged"


def test_a_viewer_reads_but_cannot_act(seeded, config: Config) -> None:
    store, incident_id = seeded
    viewer = browser(config, store, "board", "viewer", None)
    page = viewer.get(f"/incidents/{incident_id}").text
    assert 'id="ack"' not in page
    token = csrf_of(viewer.get("/").text)
    denied = viewer.post(f"/incidents/{incident_id}/act", data={"action": "ack", "csrf": token})
    assert denied.status_code == 403 and "responder" in denied.text
    assert store.incident(incident_id)["status"] == "detected"


def test_the_inbox_in_bulk_and_approvals_by_role(seeded, config: Config) -> None:
    from oteo.respond.desk import Desk

    store, incident_id = seeded
    lucia = browser(config, store, "lucia", "responder", "lucia")
    page = lucia.get("/inbox").text
    item = int(re.search(r'name="ids" value="(\d+)"', page).group(1))  # type: ignore[union-attr]
    token = csrf_of(page)
    done = lucia.post(
        "/inbox/act", data={"csrf": token, "action": "assign", "ids": [item], "to": "sergio"}
    )
    assert done.status_code == 200
    assert store.inbox_rows([item])[item]["assignee"] == "sergio"
    # a brand post while the incident is open: two approvals, the warning accepted by the last
    desk = Desk(config, store)
    post = desk.draft(
        by="lucia",
        now=datetime.now(UTC),
        kind="post",
        text="Estamos investigando lo ocurrido.",
    )
    no_person = browser(config, store, "helper", "approver", None)
    helper = no_person.post(
        f"/responses/{post['id']}/decide",
        data={"csrf": csrf_of(no_person.get("/inbox").text), "decision": "approve"},
    )
    assert helper.status_code == 409 and "not a member of the team" in helper.text
    assert (
        lucia.post(
            f"/responses/{post['id']}/decide", data={"csrf": token, "decision": "approve"}
        ).status_code
        == 403
    )
    marta = browser(config, store, "marta", "approver", "marta")
    mtoken = csrf_of(marta.get("/inbox").text)
    assert (
        marta.post(
            f"/responses/{post['id']}/decide", data={"csrf": mtoken, "decision": "approve"}
        ).status_code
        == 200
    )
    elena = browser(config, store, "elena", "approver", "elena")
    etoken = csrf_of(elena.get("/inbox").text)
    no_reason = elena.post(
        f"/responses/{post['id']}/decide", data={"csrf": etoken, "decision": "approve"}
    )
    assert no_reason.status_code == 409  # the warning must be accepted, with a reason
    ok = elena.post(
        f"/responses/{post['id']}/decide",
        data={"csrf": etoken, "decision": "approve", "note": "we must say something now"},
    )
    assert ok.status_code == 200
    assert desk.response(post["id"])["state"] in ("scheduled", "manual")
    assert [a["by"] for a in desk.response(post["id"])["approvals"]] == ["marta", "elena"]
    assert datetime.now(UTC) - timedelta(minutes=5) < store.audit_log()[0]["at"]


def test_pages_hear_about_changes_as_they_happen(seeded, config: Config) -> None:
    import json

    store, incident_id = seeded
    lucia = browser(config, store, "lucia", "responder", "lucia")
    assert '<script src="/static/live.js" defer></script>' in lucia.get("/").text
    assert lucia.get("/static/live.js").status_code == 200
    seen = []
    with lucia.stream("GET", "/events?limit=2") as response:
        assert response.headers["content-type"].startswith("text/event-stream")
        for line in response.iter_lines():
            if line.startswith("event:"):
                seen.append(line.split(":", 1)[1].strip())
            elif line.startswith("data:"):
                marks = json.loads(line[5:])
                if len(seen) == 1:  # after the hello, something happens elsewhere
                    from oteo.incidents import IncidentManager
                    from oteo.notify import Notifier

                    IncidentManager(config, store, store.watch_ids(), Notifier(store)).note(
                        incident_id, "marta", datetime.now(UTC), "live?"
                    )
    assert seen == ["hello", "change"] and marks["events"] > 0
    anonymous = TestClient(create_app(config, store)).get("/events", follow_redirects=False)
    assert anonymous.status_code == 303  # only for people signed in


def test_team_templates_and_settings_pages(seeded, config: Config) -> None:
    store, incident_id = seeded
    config.team[0].contacts["slack"] = "https://hooks.slack.com/services/T0/B0/SECRETPART"
    viewer = browser(config, store, "board", "viewer", None)
    team = viewer.get("/team").text
    assert "Lucía Ortega" in team and "On call now" in team and "SECRETPART" not in team
    assert "hooks.slack.com" in team  # where, not the secret
    templates = viewer.get("/templates").text
    assert "product_recall" in templates and "Pre-approved by Pablo Cano" in templates
    assert "<td>holding statement</td>" in templates  # its kind by name, in either language
    settings = viewer.get("/settings").text
    assert "Severity levels" in settings and "board" not in settings.split("<main>")[1]
    admin = browser(config, store, "root", "admin", None)
    listed = admin.get("/settings").text
    assert "board" in listed and "root" in listed and "API tokens" in listed
    plantillas = viewer.get("/templates?lang=es").text
    assert "<td>comunicado de espera</td>" in plantillas
    # the shipped templates by name over their id; a brand's own by the id it gave
    assert "Respuesta a una queja<br><code>complaint</code>" in plantillas
    assert "<td><code>product_recall</code>" in plantillas
    assert "<td>seguridad alimentaria<br><code>food_safety</code></td>" in plantillas
    incidente = admin.get(f"/incidents/{incident_id}?lang=es").text  # who may act
    assert (
        '<option value="food_safety_holding">Seguridad alimentaria: comunicado de espera<'
        in incidente
    )
    assert '<option value="product_recall">product_recall<' in incidente
    # the config's roles, contact kinds and days by their names in the reader's language
    equipo = viewer.get("/team").text
    assert "dirección de comunicación, portavoz" in equipo and "correo: " in equipo
    assert "laborables" in equipo and "weekdays" not in equipo
    ajustes = viewer.get("/settings").text
    assert "5 min · 1 h · normal" in ajustes and "0:05:00" not in ajustes
    assert "quien esté de guardia, dirección de comunicación" in ajustes


def test_the_page_benchmark_runs_on_a_stored_database(seeded) -> None:
    from oteo.bench import bench_web

    store, _ = seeded
    lines = bench_web(store.url, repeats=3)
    assert lines[0].startswith("mentions stored: 1;")
    assert any(line.startswith("/incidents/") and "median" in line for line in lines)


def test_a_watch_shows_its_channels(seeded, config: Config) -> None:
    from oteo.model import Signal

    store, _ = seeded
    name = config.watches[0].name
    now = datetime.now(UTC).replace(second=0, microsecond=0)
    buckets = [
        Signal(
            name,
            now - timedelta(minutes=m + 5),
            now - timedelta(minutes=m),
            9,
            3,
            2,
            1,
            4.0,
            1.0,
            0.5,
            by_channel={"forum": (3, 3), "twitter": (6, 0)},
        )
        for m in (10, 20)
    ]
    store.save_signals(buckets, store.watch_ids())
    viewer = browser(config, store, "board", "viewer", None)
    page = viewer.get(f"/watches/{name}?days=1").text
    rows = re.findall(
        r"<tr><td>([^<]+)</td><td class=\"num\">(\d+)</td><td class=\"num\">(\d+)%", page
    )
    assert rows == [("X/Twitter", "12", "0"), ("forum", "6", "100")]


def test_buckets_stored_before_get_their_channels_from_the_mentions(
    seeded,
    config: Config,
) -> None:
    """Migration 0008 fills the breakdown of buckets an older oteo stored without one."""
    from alembic import command

    from oteo.model import Signal
    from oteo.store.db import alembic_config

    store, _ = seeded
    name = config.watches[0].name
    at = datetime.now(UTC) - timedelta(hours=2)  # when the seeded forum post arrived
    bucket = Signal(
        name, at - timedelta(minutes=1), at + timedelta(minutes=4), 1, 1, 1, 1, 0.2, 0.1, 3.0
    )
    store.save_signals([bucket], store.watch_ids())
    wid = store.watch_ids()[name]
    window = (at - timedelta(hours=1), at + timedelta(hours=1))
    assert store.channel_counts(wid, *window) == []  # stored without a breakdown
    settings = alembic_config(store.engine)
    command.downgrade(settings, "0007")
    command.upgrade(settings, "head")
    assert store.channel_counts(wid, *window) == [("forum", 1, 1)]


def test_responses_are_drafted_from_the_pages(seeded, config: Config) -> None:
    from oteo.respond.desk import Desk

    store, incident_id = seeded
    lucia = browser(config, store, "lucia", "responder", "lucia")
    page = lucia.get("/inbox").text
    item = int(re.search(r'name="ids" value="(\d+)"', page).group(1))  # type: ignore[union-attr]
    assert f'id="reply-{item}"' in page and '<option value="complaint">' in page
    token = csrf_of(page)
    reply = lucia.post(
        "/responses/draft",
        data={"csrf": token, "kind": "reply", "item": item, "template": "complaint"},
        follow_redirects=False,
    )
    assert reply.status_code == 303 and reply.headers["location"] == "/inbox"
    room = lucia.get(f"/incidents/{incident_id}").text
    assert '<option value="food_safety_holding">' in room
    statement = lucia.post(
        "/responses/draft",
        data={
            "csrf": csrf_of(room),
            "kind": "post",
            "incident": incident_id,
            "text": "Estamos revisando lo ocurrido <b>hoy</b>.",
        },
        follow_redirects=False,
    )
    assert statement.headers["location"] == f"/incidents/{incident_id}"
    made = Desk(config, store).store.responses(["pending", "draft", "manual", "scheduled"])
    kinds = sorted((r["kind"], r["author"], r["incident_id"]) for r in made)
    assert kinds == [("post", "lucia", incident_id), ("reply", "lucia", incident_id)]
    shown = lucia.get("/inbox").text
    assert "&lt;b&gt;hoy&lt;/b&gt;" in shown  # the text a person wrote is escaped too
    viewer = browser(config, store, "board", "viewer", None)
    denied = viewer.post(
        "/responses/draft", data={"csrf": csrf_of(viewer.get("/").text), "text": "x"}
    )
    assert denied.status_code == 403


def test_the_quarantine_is_shown_escaped(seeded, config: Config) -> None:
    store, _ = seeded
    store.quarantine_item(
        "feed", datetime.now(UTC), "The post has no text.", '{"title": "<script>x</script>"}'
    )
    store.source_polled("feed", datetime.now(UTC), 0)
    viewer = browser(config, store, "board", "viewer", None)
    page = viewer.get("/sources").text
    assert "The post has no text." in page and "&lt;script&gt;x&lt;/script&gt;" in page
    assert "<script>x" not in page and "not asked yet" not in page
    only = viewer.get("/sources?source=other").text
    assert "Nothing in quarantine." in only
    assert 'href="/sources"' in viewer.get("/").text  # the overview's sources link here


def test_a_brand_with_no_sources_is_told_where_its_mentions_come_from(
    seeded, config: Config
) -> None:
    store, _ = seeded
    assert config.sources == []  # the example config listens to nothing yet
    viewer = browser(config, store, "board", "viewer", None)
    assert (
        "No hay fuentes configuradas: oteo tiene lo importado"
        in viewer.get("/sources?lang=es").text
    )
    store.source_polled("feed", datetime.now(UTC), 0)
    assert "No source is configured" not in viewer.get("/sources").text


def test_an_approver_moderates_an_insult_from_the_inbox_never_criticism(
    config: Config, store: Store
) -> None:
    at = datetime.now(UTC) - timedelta(hours=1)

    def posted(n: str, text: str, offensive: float, words: tuple[str, ...]) -> int:
        item = seen(
            store,
            config,
            at,
            external_id=n,
            text=text,
            handle=f"user{n}",
            offensive=offensive,
            kind="insult" if words else None,
            words=words,
            followers=10,
        )
        return store.inbox_rows([item])[item]["mention_id"]

    insult = posted(
        "1", "Lumbre Burger, sois unos sinvergüenzas", 0.95, ("sois unos sinvergüenzas",)
    )
    critic = posted("2", "Lumbre Burger, vuestro servicio es lamentable", 0.1, ())
    marta = browser(config, store, "marta", "approver", "marta")
    page = marta.get("/inbox?lang=es").text
    # offered where the policy allows it (an insult in its words), not on criticism
    assert page.count('action="/inbox/moderate"') == 1 and "Moderar (insulto)" in page
    token = csrf_of(page)
    done = marta.post(
        "/inbox/moderate",
        data={"csrf": token, "mention": str(insult), "action": "hide"},
        follow_redirects=False,
    )
    assert done.status_code == 303
    assert [(r["action"], r["decided_by"]) for r in store.moderation_for(insult)] == [
        ("hide", "marta")
    ]
    forged = marta.post(
        "/inbox/moderate", data={"csrf": token, "mention": str(critic), "action": "delete"}
    )
    assert forged.status_code == 409 and store.moderation_for(critic) == []
    lucia = browser(config, store, "lucia", "responder", "lucia")
    token = csrf_of(lucia.get("/inbox").text)
    denied = lucia.post(
        "/inbox/moderate", data={"csrf": token, "mention": str(insult), "action": "delete"}
    )
    assert denied.status_code == 403  # moderating is an approver's
