"""The walking skeleton end to end: the demo's story, on SQLite and on PostgreSQL."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from io import StringIO
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from rich.console import Console

from oteo.demo import replay
from oteo.model import Severity

END = datetime(2026, 11, 21, 12, tzinfo=ZoneInfo("Europe/Madrid"))


@pytest.mark.slow
def test_demo_detects_the_crisis_and_not_the_isolated_complaint(
    db_url: str, tmp_path: Path
) -> None:
    out = StringIO()
    result = replay(
        console=Console(file=out, width=200),
        lang="en",
        workspace=tmp_path,
        end=END,
        database=db_url,
    )
    episodes = {e["name"]: e for e in result.truth["episodes"]}
    outbreak, angry = episodes["food_poisoning"], episodes["angry_customer"]
    onset = datetime.fromisoformat(outbreak["onset"])

    # the crisis is detected, as a crisis, within hours of its start on a forum
    crisis = [i for i in result.incidents if i["severity"] == Severity.CRISIS]
    assert len(crisis) == 1
    incident = crisis[0]
    assert onset < incident["opened_at"] < onset + timedelta(hours=4)
    assert "health" in incident["why"]["signals"]["harm"]
    timeline = result.store.incident_events(incident["id"])
    events = [e["kind"] for e in timeline]
    assert events[0] == "detected" and "notified" in events
    assert all(e["at"] >= incident["opened_at"] for e in timeline)  # nothing before it
    notified = result.store.notifications(incident["id"])
    assert {n["person_id"] for n in notified} == {
        p.id for p in result.config.team
    }  # crisis: the whole team
    assert all(n["status"] == "outbox" for n in notified)  # no SMTP configured: kept, not lost

    # the isolated complaint gets a reply (the inbox) and no escalation
    complaint_at = datetime.fromisoformat(angry["onset"])
    assert not [
        i for i in result.incidents if abs(i["opened_at"] - complaint_at) < timedelta(hours=12)
    ]
    inbox = result.store.inbox_queue(datetime.now(UTC), timedelta(0), limit=100_000)
    waiting = [i for i in inbox if i["handle"] == angry["origin_author"]]
    assert len(waiting) >= 2

    # nothing else escalated that week
    assert len(result.incidents) == 1
    text = out.getvalue()
    assert "CRISIS" in text and "is in the inbox" in text and "was not escalated" in text
    # counts as the reader writes them: thousands grouped
    assert re.search(r"\b\d{1,3},\d{3} mentions replayed \(\d{1,3},\d{3} about the brand\)", text)
    # the dashboard is ready to sign in to, with the password the demo printed
    from oteo.web.auth import verify_password

    password = text.split("with the password ")[1].split()[0]
    demo = result.store.user("demo")
    assert demo is not None and demo["role"] == "admin"
    assert verify_password(password, demo["password"])
    assert result.stats.received == result.store.counts()["mentions"]

    # replaying the stored history with the same settings finds the same crisis; writes
    # nothing; a lower sensitivity alerts no sooner and on no other occasion (its steps up
    # the severity ladder may be alerts of their own)
    from oteo.detect.backtest import backtest

    watch = result.config.watches[0].name
    before = result.store.counts()
    again = backtest(result.config, result.store, watch)
    assert again.mentions >= result.stats.matched - result.stats.late
    assert again.stored_alerts == len(result.store.alerts())
    live = min(a["at"] for a in result.store.alerts() if a["severity"] == Severity.CRISIS)
    replayed = [a.at for a in again.alerts if a.severity == Severity.CRISIS]
    assert replayed and abs(min(replayed) - live) <= timedelta(minutes=30)
    assert result.store.counts() == before
    result.config.detection.sensitivity = "low"
    low = backtest(result.config, result.store, watch).alerts
    assert low and min(a.at for a in low) >= min(a.at for a in again.alerts)
    assert all(any(abs(a.at - b.at) <= timedelta(hours=3) for b in again.alerts) for a in low)

    from typer.testing import CliRunner

    from oteo.cli import app

    cli = CliRunner().invoke(
        app, ["backtest", watch, "-c", str(tmp_path / "oteo.yaml"), "--lang", "es"]
    )
    assert cli.exit_code == 0, cli.output
    assert "menciones" in cli.output and "alertas" in cli.output
    # in the reader's language: counts grouped, scores with a decimal comma, no raw keys
    assert re.search(r"\b\d{1,3}\.\d{3} menciones de ", cli.output), cli.output
    assert re.search(r"\] clientes · puntuación \d+,\d ", cli.output), cli.output
    assert "light" not in cli.output
    bad = CliRunner().invoke(app, ["backtest", "nope", "-c", str(tmp_path / "oteo.yaml")])
    assert bad.exit_code == 2 and "no watch named nope" in bad.output
