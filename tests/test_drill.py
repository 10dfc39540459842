"""Drills (simulacros): a scenario played into the brand's own oteo, marked as a drill,
the team measured, the plan's gaps found.  The end-to-end drill runs on a replay clock
(half an hour a second) with a real SMTP server and a local Mastodon."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import yaml
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from conftest import signed_in
from notify_peers import SmtpPeer, alert, manager_for
from oteo.cli import app
from oteo.clock import ReplayClock
from oteo.config import Config, load_text, render_example
from oteo.drill import Drill, Gap, readiness_gaps, report
from oteo.incidents import IncidentManager
from oteo.model import IncidentStatus, Severity
from oteo.notify import Notifier
from oteo.respond.desk import Desk
from oteo.store import Store
from oteo.web.app import create_app
from social_peers import TOKEN, MastodonPeer

NIGHT = datetime(2026, 11, 18, 2, 0, tzinfo=UTC)  # Wednesday 03:00 in Madrid
EVENING = datetime(2026, 11, 18, 19, 0, tzinfo=UTC)  # Wednesday 20:00: Sergio listens


def drill_config(masto: str = "http://127.0.0.1:9", smtp_port: int = 9, **change: Any) -> Config:
    data = yaml.safe_load(render_example("en", "Lumbre Burger"))
    data["notify"] = {
        "base_url": "https://oteo.example.com",
        "smtp": {"host": "127.0.0.1", "port": smtp_port, "sender": "oteo@example.com"},
    }
    data["respond"]["accounts"] = [
        {
            "name": "news",
            "network": "mastodon",
            "purpose": "brand",
            "url": masto,
            "handle": "@lumbreburger",
            "token": TOKEN,
        }
    ]
    for key, value in change.items():
        data[key] = value(data[key]) if callable(value) else value
    return load_text(yaml.safe_dump(data, allow_unicode=True), "oteo.yaml")


def keys(gaps: list[Gap]) -> list[str]:
    return [g.key for g in gaps]


# --------------------------------------------------------------------------- readiness


def test_a_ready_plan_has_no_gaps_for_its_prepared_scenario() -> None:
    config = drill_config()  # 24/7 rota, every role reachable, a pre-approved recall text
    assert readiness_gaps(config, "food_poisoning", NIGHT) == []


def test_a_page_names_its_channel_in_the_readers_language() -> None:
    from io import StringIO
    from types import SimpleNamespace

    from rich.console import Console

    from oteo.console import Reporter
    from oteo.i18n import set_lang

    gap = Gap("page_failed", {"person": "noa", "channel": "email"})
    assert gap.text("es") == "Un aviso a noa por correo no se pudo entregar."
    assert gap.values["channel"] == "email"  # the report keeps the config's word
    out = StringIO()
    about = SimpleNamespace(incident_id=3, severity=int(Severity.LIGHT))
    page = SimpleNamespace(person="noa", channel="email", target="noa@example.com", message=about)
    set_lang("es")
    try:
        Reporter(Console(file=out, width=200), "Europe/Madrid")("notified", (None, page, "sent"))
    finally:
        set_lang(None)
    # which incident and level: a level's pages may be told after the next one's alert
    assert "noa por correo (noa@example.com), #3 crítica leve: enviado" in out.getvalue()


def test_readiness_finds_the_rota_gap_at_the_hour_it_breaks() -> None:
    def no_nights(rota: dict[str, Any]) -> dict[str, Any]:
        rota["shifts"] = [s for s in rota["shifts"] if s["who"] != "noa"]
        return rota

    config = drill_config(rota=no_nights)
    gaps = readiness_gaps(config, "food_poisoning", NIGHT)
    assert keys(gaps) == ["nobody_on_call"]
    assert "03:00" in gaps[0].text("en")
    assert readiness_gaps(config, "food_poisoning", EVENING) == []
    assert keys(readiness_gaps(drill_config(rota={"shifts": []}), "food_poisoning", NIGHT)) == [
        "no_rota"
    ]


def test_readiness_finds_roles_nobody_holds_or_can_be_reached_at() -> None:
    def thin_team(team: list[dict[str, Any]]) -> list[dict[str, Any]]:
        for person in team:
            if person["id"] == "pablo":
                person["contacts"] = {}  # legal, unreachable
            if person["id"] == "elena":
                person["roles"] = ["department_director"]  # nobody is general manager now
        return team

    gaps = readiness_gaps(drill_config(team=thin_team), "food_poisoning", NIGHT)
    assert {(g.key, g.values["role"]) for g in gaps} == {
        ("role_vacant", "general_manager"),  # an approver of statements
        ("role_no_contact", "legal"),
    }
    assert "Pablo Cano" in next(g for g in gaps if g.key == "role_no_contact").text("es")


def test_readiness_wants_a_pre_approved_holding_statement_for_the_scenario() -> None:
    config = drill_config()
    gaps = readiness_gaps(config, "hacked_account", NIGHT)
    # oteo ships a holding text for a hacked account, but nobody approved it in advance
    assert keys(gaps) == ["no_holding"]
    assert gaps[0].values == {"playbook": "hacked_account", "shipped": "hacked_account_holding"}
    # a non-crisis needs no statement
    assert readiness_gaps(config, "angry_customer", NIGHT) == []


def test_an_unknown_scenario_is_a_clear_error(config_path: Any) -> None:
    result = CliRunner().invoke(app, ["drill", "food_poisonning", "-c", str(config_path)])
    assert result.exit_code == 2
    assert "food_poisonning" in result.output and "food_poisoning" in result.output
    result = CliRunner().invoke(
        app, ["drill", "food_poisoning", "-c", str(config_path), "--length", "soon"]
    )
    assert result.exit_code == 2 and "45m" in result.output
    # shorter than detection can see: said before anything is played
    result = CliRunner().invoke(
        app,
        ["drill", "wrong_post", "-c", str(config_path), "--length", "3m", "--lang", "es"],
    )
    assert result.exit_code == 2 and "dura al menos 15 min" in result.output


# --------------------------------------------------------------------------- isolation


def test_drill_incidents_never_mix_with_real_ones(store: Store) -> None:
    config = drill_config()
    real = manager_for(config, store)
    opened = real.on_alert(alert(config, EVENING, Severity.STRONG))
    drill = IncidentManager(
        config, store, store.watch_ids(), Notifier(store, config.notify), drill=True
    )
    rehearsed = drill.on_alert(alert(config, EVENING + timedelta(minutes=5), Severity.CRISIS))
    assert rehearsed.opened and rehearsed.incident_id != opened.incident_id
    assert store.incident(opened.incident_id)["severity"] == Severity.STRONG  # untouched
    assert store.incident(rehearsed.incident_id)["drill"] is True
    # each walks only its own escalation chain
    later = EVENING + timedelta(hours=2)
    drill.tick(later)
    assert store.incident(opened.incident_id)["escalation_step"] == 0
    # a drill after a real crisis was closed does not reopen it
    real.move(opened.incident_id, IncidentStatus.CLOSED, "marta", later)
    again = drill.on_alert(alert(config, later + timedelta(days=1), Severity.STRONG))
    assert again.incident_id not in (opened.incident_id, rehearsed.incident_id)
    assert store.incident(opened.incident_id)["status"] == "closed"


def test_the_report_counts_escalations_that_timed_out_and_what_nobody_did(store: Store) -> None:
    config = drill_config()  # strong: on call and the communications director, then all
    manager_for(config, store)  # the watches and people in the store
    drill = IncidentManager(
        config, store, store.watch_ids(), Notifier(store, config.notify), drill=True
    )
    outcome = drill.on_alert(alert(config, EVENING, Severity.STRONG, drill=True))
    drill.tick(EVENING + timedelta(minutes=16))
    result = report(
        config,
        store,
        scenario="food_poisoning",
        run="drill-x",
        started=EVENING - timedelta(minutes=30),
        ended=EVENING + timedelta(hours=1),
        onset=EVENING - timedelta(minutes=20),
        speed=10,
        incidents=[outcome.incident_id],
    )
    assert result.detection_minutes == 20
    assert result.paged_at == EVENING and result.acknowledged_at is None
    timeout = next(g for g in result.gaps if g.key == "chain_timeout")
    assert timeout.values["minutes"] == 15 and timeout.values["step"] == 1
    assert "lucia" in timeout.values["people"]  # the next step: those not paged yet
    assert {"not_acknowledged", "no_response"} <= set(keys(result.gaps))
    assert "not_convened" not in keys(result.gaps)  # a strong level does not convene
    assert result.steps_done == [] and len(result.steps_skipped) == 8


# --------------------------------------------------------------------------- a whole drill


@pytest.fixture
def masto() -> Iterator[MastodonPeer]:
    peer = MastodonPeer().start()
    yield peer
    peer.stop()


@pytest.fixture
def smtp() -> Iterator[SmtpPeer]:
    peer = SmtpPeer().start()
    yield peer
    peer.stop()


async def team(store: Store, config: Config, clock: ReplayClock, stop: asyncio.Event) -> dict:
    """The crisis team, acting on the drill's clock: Sergio acknowledges 6 minutes after
    the page, Marta convenes the team at 20 and writes the pre-approved recall statement,
    Elena approves it (accepting the warning that an incident is open)."""
    while not stop.is_set():
        drills = [i for i in store.incidents() if i["drill"]]
        if drills:
            break
        await asyncio.sleep(0.01)
    else:
        return {}
    incident = drills[0]
    opened = incident["opened_at"]
    manager = IncidentManager(config, store, store.watch_ids(), Notifier(store, config.notify))
    desk = Desk(config, store)
    await clock.wait_until(opened + timedelta(minutes=6))
    acked = clock.now()
    manager.acknowledge(incident["id"], "sergio", acked, via="link")
    await clock.wait_until(opened + timedelta(minutes=20))
    convened = clock.now()
    manager.move(incident["id"], IncidentStatus.CONVENED, "marta", convened)
    manager.check(incident["id"], "spokespeople_assigned", "marta", convened)
    post = desk.draft(
        by="marta",
        now=convened,
        kind="post",
        template="product_recall",
        incident=incident["id"],
        values={"next_update": "18:00"},
        account="news",
    )
    await clock.wait_until(opened + timedelta(minutes=25))
    approved = clock.now()
    desk.approve(post["id"], "elena", approved, accept_risk="the recall must go out now")
    return {"id": incident["id"], "acked": acked, "convened": convened, "approved": approved}


def test_a_drill_measures_the_team_and_never_speaks_in_public(
    store: Store, masto: MastodonPeer, smtp: SmtpPeer
) -> None:
    config = drill_config(masto.url, smtp.port)
    clock = ReplayClock(EVENING, speed=1800)
    events: list[tuple[str, Any]] = []
    exercise = Drill(
        config,
        store,
        "food_poisoning",
        clock,
        speed=2,
        length=timedelta(hours=4),
        listener=lambda kind, data: events.append((kind, data)),
        tick_every=0.02,
    )

    async def both() -> tuple[Any, dict]:
        acting = asyncio.create_task(team(store, config, clock, exercise.stop))
        result = await exercise.run()
        return result, await acting

    result, did = asyncio.run(both())
    assert did, "the drill opened no incident"
    assert result.incidents == [did["id"]]
    assert 0 < result.detection_minutes < 240
    assert result.paged_at == result.detected_at
    assert result.acknowledged_by == "sergio"
    assert result.minutes(result.acknowledged_at) == pytest.approx(
        (did["acked"] - result.detected_at).total_seconds() / 60, abs=0.1
    )
    # the team acts 6 and 20 minutes after the page at the soonest (later when the test
    # notices the incident late on a busy machine); the report says exactly when
    assert result.minutes(result.acknowledged_at) >= 6
    assert result.minutes(result.convened_at) == pytest.approx(
        (did["convened"] - result.detected_at).total_seconds() / 60, abs=0.1
    )
    assert result.minutes(result.convened_at) >= 20
    assert result.responded_at is not None and result.responded_at >= did["approved"]
    assert {"team_convened", "spokespeople_assigned"} <= set(result.steps_done)
    assert "watch_45_days" in result.steps_skipped
    assert "detection_cold" in keys(result.gaps)  # a new store: no baseline of its own
    assert not {"not_acknowledged", "not_convened", "no_response", "not_detected"} & set(
        keys(result.gaps)
    )
    # nothing reached the network; the statement is recorded as published in a drill
    assert masto.requests == []
    published = [e for e in store.incident_events(did["id"]) if e["kind"] == "response_published"]
    assert published and published[0]["data"]["drill"] is True
    # every message says DRILL, by email too; every stored mention is marked
    rows = store.notifications(did["id"])
    assert rows and all(r["drill"] for r in rows)
    mails = smtp.messages
    # (a long subject arrives folded: its unfolded value may start with a space)
    assert mails and all(m["Subject"].strip().startswith("[DRILL]") for m in mails)
    assert all(m["X-Oteo-Drill"] == "yes" for m in mails)
    with store.engine.connect() as conn:
        from sqlalchemy import select

        from oteo.store import schema as s

        flags = {r.drill for r in conn.execute(select(s.mentions.c.drill))}
        states = conn.execute(select(s.detector_state)).all()
        signals = conn.execute(select(s.signals)).all()
    assert flags == {True}
    assert states == [] and signals == []  # the brand's baseline is not the drill's
    # the drill is over: the incident closed with its report, the audit log has it
    incident = store.incident(did["id"])
    assert incident["status"] == "closed" and incident["aftercare_until"] is None
    ended = [e for e in store.incident_events(did["id"]) if e["kind"] == "drill_ended"]
    assert ended[0]["data"]["report"]["minutes"]["acknowledge"] == result.minutes(
        result.acknowledged_at
    )
    assert store.audit_log(result.run)[0]["action"] == "drill.report"
    # the drill's complaints wait in the inbox, marked, on the dashboard too
    waiting = store.inbox_queue(result.ended, timedelta(0), limit=10_000)
    assert waiting and all(row["drill"] for row in waiting)
    client = signed_in(TestClient(create_app(config, store), base_url="https://testserver"), store)
    page = client.get("/inbox?lang=es")
    assert page.status_code == 200 and page.text.count('class="badge drill"') == min(
        len(waiting), 200
    )
    # the watch's page marks the drill's alert and posts; its chart and counts are the brand's
    watch = client.get(f"/watches/{config.watches[0].name}?lang=es").text
    assert f'#{did["id"]}</a> <span class="badge drill">' in watch
    assert 'class="alert"' not in watch  # no alert marker on the brand's chart
    # nor is it the brand's history: a backtest replays none of its posts or alerts
    from oteo.detect.backtest import backtest

    replayed = backtest(config, store, config.watches[0].name)
    assert replayed.mentions == 0 and replayed.alerts == [] and replayed.stored_alerts == 0
    # and its complaints are not the brand's response promise
    from oteo.respond.desk import Desk

    promise = Desk(config, store).sla_report(
        result.started - timedelta(days=2), result.ended, result.ended
    )
    assert waiting and promise.items == 0
    # what the team did was told as it happened
    told = {data["kind"] for kind, data in events if kind == "team"}
    assert {"acknowledged", "convened", "response_approved"} <= told
    text = "\n".join(result.lines(config.timezone, "es"))
    assert "Confirmado" in text and "sergio" in text


def test_a_drill_on_a_brand_oteo_has_not_listened_to_detects_its_crisis(store: Store) -> None:
    """The simulated ordinary day that stands in for the brand's history has posts that
    reach oteo hours after they were written; taken as history, they moved detection
    past the drill's start and every post of the drill came too late to count."""
    clock = ReplayClock(EVENING, speed=300)
    exercise = Drill(
        drill_config(),
        store,
        "wrong_post",
        clock,
        speed=10,
        length=timedelta(hours=1),
        tick_every=0.02,
    )
    result = asyncio.run(exercise.run())
    assert "detection_cold" in keys(result.gaps)
    assert "not_detected" not in keys(result.gaps)
    assert result.incidents and result.detection_minutes is not None
    # ten times compressed, the wrong post's replies pile up within minutes
    assert 0 < result.detection_minutes < 30


def test_the_report_reads_as_its_reader_writes() -> None:
    from oteo.drill import Report

    start = EVENING
    report = Report(
        "wrong_post",
        "run",
        start,
        start + timedelta(hours=1),
        onset=start,
        speed=10,
        incidents=[7],
        detected_at=start + timedelta(minutes=4, seconds=30),
        paged_at=start + timedelta(minutes=4, seconds=30),
    )
    spanish = "\n".join(report.lines("Europe/Madrid", "es"))
    assert "Detección: 4,5 min tras la primera publicación (incidentes #7)" in spanish
    assert "Primer aviso: 0 min tras la detección" in spanish
    assert "Confirmado: no ocurrió\n" in spanish  # nobody to name, no "(por -)"
    english = "\n".join(report.lines("Europe/Madrid", "en"))
    assert "Detection: 4.5 min after the first post (incidents #7)" in english
