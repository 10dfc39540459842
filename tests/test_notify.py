"""Notifications and escalation against real peers: an SMTP server and local HTTP
servers that check each service's documented payload shape and signature."""

from __future__ import annotations

import base64
import hashlib
import hmac
from collections import deque
from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

from notify_peers import (
    T0,
    WEBHOOK_KEY,
    HttpPeer,
    alert,
    free_port,
    make_config,
    manager_for,
)
from oteo.model import IncidentStatus, Severity
from oteo.notify import backoff, links
from oteo.store import Store


def test_every_channel_gets_its_documented_payload(peers, store: Store) -> None:  # type: ignore[no-untyped-def]
    http, smtp = peers
    config = make_config(http.url, smtp.port)
    manager = manager_for(config, store)
    # strong at 10:00 on a Monday: Lucía (on call) and Marta (communications director)
    outcome = manager.on_alert(alert(config, T0, Severity.STRONG))
    results = manager.notifier.deliver(outcome.deliveries, T0)
    assert sorted(status for _, status in results) == ["sent"] * 5
    assert {(d.person, d.channel) for d, _ in results} == {
        ("lucia", "email"),
        ("lucia", "slack"),
        ("lucia", "telegram"),
        ("marta", "pagerduty"),
        ("marta", "webhook"),
    }

    (mail,) = smtp.messages
    assert mail["To"] == "lucia@example.com" and "Lumbre Burger" in mail["Subject"]
    text = mail.get_content()
    assert "14" in text and "/incidents/" in text and "/ack/" in text

    (slack,) = http.to("/slack/")
    body = slack.json
    assert body["text"] and [b["type"] for b in body["blocks"]][0] == "header"
    quoted = [b for b in body["blocks"] if b["type"] == "section"][-1]["text"]["text"]
    assert (
        "&lt;script&gt;" in quoted and "&lt;!channel&gt;" in quoted and "<!channel>" not in quoted
    )
    buttons = next(b for b in body["blocks"] if b["type"] == "actions")["elements"]
    assert "/ack/" in buttons[0]["url"] and buttons[0]["style"] == "primary"

    (tg,) = http.to("/bot")
    assert tg.path == "/bot123456:SECRET-token/sendMessage"
    msg = tg.json
    assert msg["chat_id"] == "-100123" and msg["parse_mode"] == "HTML"
    assert "&lt;script&gt;" in msg["text"] and "<script>" not in msg["text"]
    assert "/ack/" in msg["reply_markup"]["inline_keyboard"][0][0]["url"]

    (pd,) = http.to("/v2/enqueue")
    event = pd.json
    assert event["event_action"] == "trigger" and event["routing_key"].startswith("R0UT")
    assert event["dedup_key"] == f"oteo-incident-{outcome.incident_id}"
    assert event["payload"]["severity"] in ("critical", "error", "warning", "info")
    assert event["payload"]["summary"] and event["payload"]["source"] == "oteo"

    (hook,) = http.to("/hook")
    signed = (
        f"{hook.headers['webhook-id']}.{hook.headers['webhook-timestamp']}.".encode() + hook.body
    )
    expected = base64.b64encode(hmac.new(WEBHOOK_KEY, signed, hashlib.sha256).digest()).decode()
    assert hook.headers["webhook-signature"] == f"v1,{expected}"
    assert hook.json["type"] == "incident.alert" and hook.json["data"]["incident_id"]

    # the crisis convenes everyone: Sergio's Teams workflow and ntfy topic too
    crisis = manager.on_alert(alert(config, T0 + timedelta(minutes=5), Severity.CRISIS))
    manager.notifier.deliver(crisis.deliveries, T0)
    (teams,) = http.to("/teams/")
    card = teams.json["attachments"][0]
    assert teams.json["type"] == "message"
    assert card["contentType"] == "application/vnd.microsoft.card.adaptive"
    assert card["content"]["type"] == "AdaptiveCard" and card["content"]["version"] == "1.4"
    assert {a["type"] for a in card["content"]["actions"]} == {"Action.OpenUrl"}
    (ntfy,) = [r for r in http.requests if r.path == "/"]
    assert ntfy.json["topic"] == "oteo-alerts" and 1 <= ntfy.json["priority"] <= 5
    assert ntfy.json["actions"][0]["action"] == "view"


def test_the_chain_walks_until_someone_acknowledges(peers, store: Store) -> None:  # type: ignore[no-untyped-def]
    http, smtp = peers
    config = make_config(http.url, smtp.port)
    manager = manager_for(config, store)
    outcome = manager.on_alert(alert(config, T0, Severity.LIGHT))
    assert {d.person for d in outcome.deliveries} == {"lucia"}
    # light waits 30 minutes, then strong's new people (Marta), 15 minutes, then everyone
    assert manager.tick(T0 + timedelta(minutes=29)) == []
    step1 = manager.tick(T0 + timedelta(minutes=30))
    assert {d.person for d in step1} == {"marta"}
    assert all(d.message.kind == "chain" for d in step1)
    assert manager.tick(T0 + timedelta(minutes=44)) == []
    step2 = manager.tick(T0 + timedelta(minutes=45))
    assert {d.person for d in step2} == {"sergio", "noa", "jorge", "elena", "pablo"}
    # the last step gets its wait too; then the timeline says nobody acknowledged
    assert manager.tick(T0 + timedelta(minutes=60)) == []
    kinds = [e["kind"] for e in store.incident_events(outcome.incident_id)]
    assert kinds.count("escalation_step") == 2 and kinds[-1] == "unacknowledged"


def test_a_replay_takes_each_step_when_it_fell_due(peers, store: Store) -> None:  # type: ignore[no-untyped-def]
    """An import or a replay jumps from one mention to the next: the steps due in
    between are taken at their own moments (live, a late step says it is late)."""
    http, smtp = peers
    config = make_config(http.url, smtp.port)
    manager = manager_for(config, store)
    outcome = manager.on_alert(alert(config, T0, Severity.LIGHT))
    # the next mention comes 65 minutes later: both steps and the end of the chain
    sent = manager.tick(T0 + timedelta(minutes=65), catch_up=True)
    assert {d.person for d in sent} == {"marta", "sergio", "noa", "jorge", "elena", "pablo"}
    events = store.incident_events(outcome.incident_id)
    steps = [(e["kind"], e["at"]) for e in events if e["kind"] != "opened"]
    assert [(k, at - T0) for k, at in steps if k in ("escalation_step", "unacknowledged")] == [
        ("escalation_step", timedelta(minutes=30)),
        ("escalation_step", timedelta(minutes=45)),
        ("unacknowledged", timedelta(minutes=55)),  # after the last step's 10 minutes
    ]
    assert manager.tick(T0 + timedelta(hours=3), catch_up=True) == []


def test_live_a_late_step_is_taken_and_dated_now(peers, store: Store) -> None:  # type: ignore[no-untyped-def]
    http, smtp = peers
    config = make_config(http.url, smtp.port)
    manager = manager_for(config, store)
    outcome = manager.on_alert(alert(config, T0, Severity.LIGHT))
    late = T0 + timedelta(minutes=65)  # oteo was down when the first step fell due
    assert {d.person for d in manager.tick(late)} == {"marta"}
    (step,) = [
        e for e in store.incident_events(outcome.incident_id) if e["kind"] == "escalation_step"
    ]
    assert step["at"] == late


def test_an_acknowledgement_in_time_stops_the_chain_and_the_page(peers, store: Store) -> None:  # type: ignore[no-untyped-def]
    http, smtp = peers
    config = make_config(http.url, smtp.port)
    manager = manager_for(config, store)
    outcome = manager.on_alert(alert(config, T0, Severity.STRONG))
    manager.notifier.deliver(outcome.deliveries, T0)
    assert manager.acknowledge(outcome.incident_id, "lucia", T0 + timedelta(minutes=5))
    assert not manager.acknowledge(outcome.incident_id, "marta", T0 + timedelta(minutes=6))
    assert manager.tick(T0 + timedelta(hours=3)) == []
    # PagerDuty hears the acknowledgement, with the incident's dedup key
    (ack,) = manager.take_pending()
    manager.notifier.deliver([ack], T0 + timedelta(minutes=5))
    pages = [r.json for r in http.to("/v2/enqueue")]
    assert [p["event_action"] for p in pages] == ["trigger", "acknowledge"]
    assert pages[0]["dedup_key"] == pages[1]["dedup_key"]
    incident = store.incident(outcome.incident_id)
    assert incident["status"] == "acknowledged" and incident["next_escalation_at"] is None
    # closing resolves the page
    manager.move(outcome.incident_id, IncidentStatus.CLOSED, "marta", T0 + timedelta(hours=5))
    manager.notifier.deliver(manager.take_pending(), T0 + timedelta(hours=5))
    assert http.to("/v2/enqueue")[-1].json["event_action"] == "resolve"


def test_a_channel_that_is_down_is_retried_and_its_failure_is_visible(store: Store) -> None:
    http = HttpPeer().start()
    try:
        config = make_config(http.url, free_port(), max_attempts=3)  # no SMTP server there
        manager = manager_for(config, store)
        http.failures["/slack/"] = deque([503, 503])  # Slack has a bad minute, then recovers
        outcome = manager.on_alert(alert(config, T0, Severity.LIGHT))
        results = dict((d.channel, s) for d, s in manager.notifier.deliver(outcome.deliveries, T0))
        # the SMTP port is closed: email fails and is retried; Slack answered 503
        assert results["slack"] == "retrying" and results["email"] == "retrying"
        assert results["telegram"] == "sent"
        assert manager.notifier.due(T0 + timedelta(seconds=30)) == []  # not yet
        now = T0
        for _ in range(4):
            now += timedelta(hours=2)
            manager.notifier.deliver(manager.notifier.due(now), now)
        rows = {n["channel"]: n for n in store.notifications(outcome.incident_id)}
        assert rows["slack"]["status"] == "sent" and rows["slack"]["attempts"] == 3
        assert rows["email"]["status"] == "failed" and rows["email"]["attempts"] == 3
        assert "Connection" in rows["email"]["error"] or "refused" in rows["email"]["error"]
        failed = [
            e for e in store.incident_events(outcome.incident_id) if e["kind"] == "notify_failed"
        ]
        assert [e["data"]["channel"] for e in failed] == ["email"]
        assert store.incident(outcome.incident_id)["status"] == "detected"  # never lost
    finally:
        http.stop()


def test_backoff_grows_with_jitter_and_respects_retry_after() -> None:
    import random

    rng = random.Random(1)
    waits = [backoff(n, rng=rng).total_seconds() for n in (1, 2, 3, 10)]
    assert 48 <= waits[0] <= 72 and 96 <= waits[1] <= 144 and 192 <= waits[2] <= 288
    assert waits[3] <= 3600 * 1.2
    assert backoff(1, retry_after=600, rng=rng) >= timedelta(seconds=600)


def test_no_alert_storms(peers, store: Store) -> None:  # type: ignore[no-untyped-def]
    http, smtp = peers
    config = make_config(http.url, smtp.port, max_per_hour=2)
    manager = manager_for(config, store)
    first = manager.on_alert(alert(config, T0, Severity.LIGHT))
    # the same alert again (a restart replaying it) is not sent twice
    store.update_incident(first.incident_id, status="closed", closed_at=T0, aftercare_until=None)
    again = manager_for(config, store)._send(  # noqa: SLF001
        first.incident_id,
        [config.people()["lucia"]],
        first.deliveries[0].message,
        T0,
        "alert:2",
    )
    assert again == []
    # three more incidents on other watches within the hour: the third is held, kept
    statuses = []
    for i in range(3):
        incident = manager_for(config, store).on_alert(
            alert(config, T0 + timedelta(minutes=10 * (i + 1)), Severity.LIGHT)
        )
        statuses += [
            n["status"]
            for n in store.notifications(incident.incident_id)
            if n["channel"] == "slack"
        ]
        store.update_incident(incident.incident_id, status="closed", aftercare_until=None)
    assert statuses == ["pending", "held", "held"]


def test_drill_messages_say_so_everywhere(peers, store: Store) -> None:  # type: ignore[no-untyped-def]
    http, smtp = peers
    config = make_config(http.url, smtp.port)
    manager = manager_for(config, store)
    outcome = manager.on_alert(alert(config, T0, Severity.STRONG, drill=True))
    manager.notifier.deliver(outcome.deliveries, T0)
    assert smtp.messages[0]["Subject"].startswith("[DRILL]")
    assert "DRILL" in smtp.messages[0].get_content()
    assert http.to("/slack/")[0].json["text"].startswith("[DRILL]")
    assert http.to("/bot")[0].json["text"].startswith("<b>[DRILL]")
    assert http.to("/v2/enqueue")[0].json["payload"]["summary"].startswith("[DRILL]")
    assert http.to("/hook")[0].json["data"]["drill"] is True


def test_ack_links_are_signed_personal_and_expire() -> None:
    secret = links.new_secret()
    expires = T0 + timedelta(hours=24)
    url = links.ack_url("https://oteo.example.com", secret, 7, "lucia", expires)
    parts = urlsplit(url)
    assert parts.path == "/ack/7"
    q = {k: v[0] for k, v in parse_qs(parts.query).items()}
    assert links.check(secret, 7, q["p"], q["e"], q["s"], T0) is links.LinkCheck.OK
    assert links.check(secret, 8, q["p"], q["e"], q["s"], T0) is links.LinkCheck.INVALID
    assert links.check(secret, 7, "marta", q["e"], q["s"], T0) is links.LinkCheck.INVALID
    later = str(int(q["e"]) + 3600)
    assert links.check(secret, 7, q["p"], later, q["s"], T0) is links.LinkCheck.INVALID
    assert links.check("other", 7, q["p"], q["e"], q["s"], T0) is links.LinkCheck.INVALID
    assert links.check(secret, 7, q["p"], q["e"], q["s"], expires) is links.LinkCheck.EXPIRED


def test_credentials_in_targets_are_masked_when_shown() -> None:
    from oteo.notify.channels import masked_target

    assert (
        masked_target("https://hooks.slack.com/services/T0/B0/secret")
        == "https://hooks.slack.com/…"
    )
    assert masked_target("R0UT1NGKEY0000000000000000000000") == "R0UT…"
    assert masked_target("lucia@example.com") == "lucia@example.com"
    assert masked_target("-100123") == "-100123"


def test_a_retry_is_handed_out_once(store: Store) -> None:
    http = HttpPeer().start()
    try:
        config = make_config(http.url, free_port(), max_attempts=3)
        manager = manager_for(config, store)
        outcome = manager.on_alert(alert(config, T0, Severity.LIGHT))
        manager.notifier.deliver(outcome.deliveries, T0)  # email fails: no SMTP server
        later = T0 + timedelta(hours=1)
        first = manager.notifier.due(later)
        assert [d.channel for d in first] == ["email"]
        assert manager.notifier.due(later) == []  # on its way: not twice
        assert [d.channel for d in manager.notifier.due(later + timedelta(minutes=6))] == ["email"]
    finally:
        http.stop()


def test_messages_name_the_configured_window_not_always_an_hour() -> None:
    from oteo.notify.message import compose

    def body(why: dict, lang: str) -> tuple[str, str]:  # type: ignore[type-arg]
        m = compose(
            brand="Lumbre",
            severity=Severity.STRONG,
            why=why,
            incident_id=1,
            base_url="http://127.0.0.1",
            lang=lang,
        )
        return m.subject, m.text()

    signals = {
        "window_minutes": 30,
        "negative_authors": {"observed": 14, "expected": 2.5},
        "talk": {"harm": {"authors": 5, "expected": 0.4, "score": 9.0}},
    }
    subject, text = body({"signals": signals}, "en")
    assert "14 people complaining in 30 min" in subject
    assert "in the last 30 minutes: 14 (usual at this hour: 2.5)" in text
    assert "People speaking of harm in the last 30 minutes: 5" in text
    subject, text = body({"signals": signals}, "es")
    assert "14 personas quejándose en 30 min" in subject
    assert "en los últimos 30 minutos: 14 (lo habitual a esta hora: 2,5)" in text
    # counts read as the reader writes them
    known = {"signals": signals, "key_authors": [{"handle": "rubengarcia", "followers": 128622}]}
    assert "@rubengarcia (128,622)" in body(known, "en")[1]
    assert "@rubengarcia (128.622)" in body(known, "es")[1]
    # an alert recorded before the window was: the default hour
    del signals["window_minutes"]
    assert "in the last 60 minutes: 14" in body({"signals": signals}, "en")[1]
