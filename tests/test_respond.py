"""The response desk: SLA arithmetic, templates, approvals, moderation, publishing."""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa
import yaml
from pydantic import SecretStr

from conftest import TOOT, ingested, seen
from notify_peers import T0, alert, manager_for
from oteo.config import Config, ConfigError, load_text, render_example
from oteo.model import Channel, Intent, Mention, Severity
from oteo.respond.desk import Desk, DeskError
from oteo.respond.sla import Clock, ServiceCalendar
from oteo.respond.templates import VARIABLES, builtin, render, unknown_variables
from oteo.rota import make_schedule
from oteo.store import Store, schema
from social_peers import APP_PASSWORD, TOKEN, BlueskyPeer, MastodonPeer

MADRID = ZoneInfo("Europe/Madrid")
MEXICO = ZoneInfo("America/Mexico_City")


def local(tz: ZoneInfo, *args: int) -> datetime:
    return datetime(*args, tzinfo=tz)


def calendar(*entries: tuple[list[str], str, str], holidays=(), within_h: float = 2):  # type: ignore[no-untyped-def]
    schedule = make_schedule(
        [((), days, hours, tz) for days, hours, tz in entries], holidays, closed_on_holidays=True
    )
    return ServiceCalendar(schedule, timedelta(hours=within_h), timedelta(hours=72))


OFFICE = (["weekdays"], "09:00-18:00", "Europe/Madrid")


def test_always_open_without_service_hours() -> None:
    cal = ServiceCalendar(None)
    at = local(MADRID, 2026, 11, 21, 3, 0)  # a Saturday night
    assert cal.deadline(at) == at + timedelta(hours=2)
    assert cal.working_time(at, at + timedelta(hours=5)) == timedelta(hours=5)


def test_the_clock_stops_at_closing_and_runs_again_at_opening() -> None:
    cal = calendar(OFFICE)
    # Monday 17:00: one hour today, one hour on Tuesday morning
    assert cal.deadline(local(MADRID, 2026, 11, 16, 17, 0)) == local(MADRID, 2026, 11, 17, 10, 0)
    # Friday 17:30: half an hour on Friday, an hour and a half on Monday
    assert cal.deadline(local(MADRID, 2026, 11, 20, 17, 30)) == local(MADRID, 2026, 11, 23, 10, 30)
    # well inside the day: plain two hours
    assert cal.deadline(local(MADRID, 2026, 11, 18, 11, 15)) == local(MADRID, 2026, 11, 18, 13, 15)


def test_outside_service_hours_the_public_promise_holds() -> None:
    cal = calendar(OFFICE)
    saturday = local(MADRID, 2026, 11, 21, 11, 0)
    assert not cal.is_open(saturday)
    assert cal.deadline(saturday) == saturday + timedelta(hours=72)
    night = local(MADRID, 2026, 11, 18, 23, 0)
    assert cal.deadline(night) == night + timedelta(hours=72)


def test_holidays_are_closed_unless_listed() -> None:
    # 8 December 2026 is a Tuesday and a holiday in Spain
    cal = calendar(OFFICE, holidays=[date(2026, 12, 8)])
    assert not cal.is_open(local(MADRID, 2026, 12, 8, 11, 0))
    # Monday 7th at 17:30: half an hour, then the 8th is skipped, then 1.5h on the 9th
    assert cal.deadline(local(MADRID, 2026, 12, 7, 17, 30)) == local(MADRID, 2026, 12, 9, 10, 30)
    on_call = calendar(
        OFFICE, (["holidays"], "10:00-14:00", "Europe/Madrid"), holidays=[date(2026, 12, 8)]
    )
    assert on_call.is_open(local(MADRID, 2026, 12, 8, 11, 0))
    assert on_call.deadline(local(MADRID, 2026, 12, 7, 17, 30)) == local(
        MADRID, 2026, 12, 8, 11, 30
    )


def test_daylight_saving_changes_keep_wall_clock_hours() -> None:
    cal = calendar(OFFICE)
    # Friday 27 March 2026 17:00 CET; the clocks go forward on Sunday 29th
    due = cal.deadline(local(MADRID, 2026, 3, 27, 17, 0))
    assert due == local(MADRID, 2026, 3, 30, 10, 0)
    assert due.astimezone(UTC) == datetime(2026, 3, 30, 8, 0, tzinfo=UTC)
    # a night shift across the change lasts an hour less in real time
    nights = calendar((["sat"], "22:00-08:00", "Europe/Madrid"))
    start = local(MADRID, 2026, 3, 28, 21, 0)
    assert nights.working_time(start, start + timedelta(hours=14)) == timedelta(hours=9)
    # and in autumn an hour more (25 October 2026)
    start = local(MADRID, 2026, 10, 24, 21, 0)
    assert nights.working_time(start, start + timedelta(hours=14)) == timedelta(hours=11)


def test_service_hours_in_several_time_zones() -> None:
    # Madrid answers 09-18 Madrid time, Mexico City 09-18 its own: together they cover
    # 09:00 Madrid to 01:00 Madrid (18:00 Mexico, UTC-6) with no break
    cal = calendar(OFFICE, (["weekdays"], "09:00-18:00", "America/Mexico_City"))
    at = local(MADRID, 2026, 11, 18, 23, 30)
    assert cal.is_open(at)
    # 1.5 hours until Mexico closes (01:00 Madrid), then 30 minutes from 09:00 Madrid
    assert cal.deadline(at) == local(MADRID, 2026, 11, 19, 9, 30)
    assert cal.working_time(
        local(MADRID, 2026, 11, 18, 0, 0), local(MADRID, 2026, 11, 19, 0, 0)
    ) == timedelta(hours=16)  # 00:00-01:00 (Mexico's Tuesday) + 09:00-24:00


def test_the_clock_warns_before_a_breach() -> None:
    cal = ServiceCalendar(None, warn_before=timedelta(minutes=30))
    due = datetime(2026, 11, 21, 12, 0, tzinfo=UTC)
    assert cal.clock(due, due - timedelta(hours=1)) is Clock.OK
    assert cal.clock(due, due - timedelta(minutes=30)) is Clock.WARNING
    assert cal.clock(due, due) is Clock.BREACHED


# --------------------------------------------------------------------------- the desk

PARENT = "at://did:plc:ana000/app.bsky.feed.post/3kparent"
ROOT = "at://did:plc:root00/app.bsky.feed.post/3kroot"


@pytest.fixture
def social() -> Iterator[tuple[MastodonPeer, BlueskyPeer]]:
    masto, bsky = MastodonPeer().start(), BlueskyPeer().start()
    masto.remote[TOOT] = "555"
    masto.accounts["troll@social.example"] = "77"
    bsky.posts[PARENT] = {
        "uri": PARENT,
        "cid": "bafyparent",
        "record": {
            "text": "hi",
            "reply": {
                "root": {"uri": ROOT, "cid": "bafyroot"},
                "parent": {"uri": ROOT, "cid": "bafyroot"},
            },
        },
    }
    bsky.profiles["troll.bsky.social"] = "did:plc:troll"
    yield masto, bsky
    masto.stop()
    bsky.stop()


def desk_config(
    masto: str = "http://127.0.0.1:9", bsky: str = "http://127.0.0.1:9", **respond: Any
) -> Config:
    data = yaml.safe_load(render_example("en", "Lumbre Burger"))
    data["brand"]["accounts"] = ["@lumbre", "lumbre.example.social"]
    data["respond"].update(
        {
            "accounts": [
                {
                    "name": "care",
                    "network": "mastodon",
                    "purpose": "service",
                    "url": masto,
                    "handle": "@lumbre",
                    "token": TOKEN,
                },
                {
                    "name": "sky",
                    "network": "bluesky",
                    "purpose": "service",
                    "url": bsky,
                    "handle": "brand.example.social",
                    "password": APP_PASSWORD,
                },
                {
                    "name": "news",
                    "network": "mastodon",
                    "purpose": "brand",
                    "url": masto,
                    "handle": "@lumbre",
                    "token": TOKEN,
                },
            ],
            "private_contact": "DM",
            **respond,
        }
    )
    return load_text(yaml.safe_dump(data, allow_unicode=True), "oteo.yaml")


def open_incident(config: Config, store: Store, at: datetime, severity=Severity.STRONG) -> int:  # type: ignore[no-untyped-def]
    outcome = manager_for(config, store).on_alert(alert(config, at, severity))
    return outcome.incident_id


def test_a_reply_outside_a_crisis_goes_out_on_mastodon(store: Store, social) -> None:  # type: ignore[no-untyped-def]
    masto, _ = social
    config = desk_config(masto.url)
    desk = Desk(config, store)
    item = seen(store, config, T0)
    response = desk.draft(by="lucia", now=T0, item=item, template="complaint")
    assert response["state"] == "scheduled" and response["approvals_needed"] == 0
    assert response["account"] == "care" and response["lang"] == "es"
    assert response["text"].startswith("@ana lo sentimos")
    assert f"#{item}" in response["text"] and "Lucía Ortega" in response["text"]
    assert desk.publish_due(T0) == [(response["id"], "published")]
    (status,) = masto.statuses.values()
    assert status["in_reply_to_id"] == "555"  # the post, resolved on the brand's instance
    posted = masto.to("/api/v1/statuses")
    assert posted[0].headers["idempotency-key"] == f"oteo-response-{response['id']}"
    done = store.response(response["id"])
    assert done["state"] == "published" and done["external_url"] == status["url"]
    (row,) = desk.queue(T0, states=["replied"])
    assert row["id"] == item and row["responded_at"] == T0
    assert desk.publish_due(T0 + timedelta(hours=1)) == []  # never twice


def test_a_lost_answer_is_retried_without_posting_twice(store: Store, social) -> None:  # type: ignore[no-untyped-def]
    masto, bsky = social
    config = desk_config(masto.url, bsky.url)
    desk = Desk(config, store)
    masto.failures["/api/v1/statuses"] = deque(["lost", 429])
    item = seen(store, config, T0)
    response = desk.draft(by="lucia", now=T0, item=item, template="question")
    assert desk.publish_due(T0) == [(response["id"], "scheduled")]
    row = store.response(response["id"])
    assert row["attempts"] == 1 and "502" in row["error"] and row["scheduled_for"] > T0
    later = T0 + timedelta(minutes=5)
    assert desk.publish_due(later) == [(response["id"], "scheduled")]  # 429: wait as asked
    assert store.response(response["id"])["scheduled_for"] > later + timedelta(hours=1)
    assert desk.publish_due(T0 + timedelta(days=1)) == [(response["id"], "published")]
    assert len(masto.statuses) == 1  # the lost one, found again by its idempotency key
    # Bluesky: the record key is the response's, so a retry finds the post already there
    bsky.failures["/xrpc/com.atproto.repo.createRecord"] = deque(["lost"])
    sky_item = seen(store, config, T0, channel=Channel.BLUESKY, external_id=PARENT, url=None)
    reply = desk.draft(by="lucia", now=T0, item=sky_item, template="question")
    assert reply["account"] == "sky"
    assert desk.publish_due(T0) == [(reply["id"], "scheduled")]
    assert desk.publish_due(T0 + timedelta(days=1)) == [(reply["id"], "published")]
    (record,) = bsky.records.values()
    assert record["value"]["reply"] == {
        "root": {"uri": ROOT, "cid": "bafyroot"},
        "parent": {"uri": PARENT, "cid": "bafyparent"},
    }
    assert record["value"]["langs"] == ["es"]
    rkey = record["uri"].rsplit("/", 1)[1]
    assert len(rkey) == 13 and store.response(reply["id"])["external_url"].endswith(rkey)


def test_bluesky_refuses_a_wrong_password_and_the_reply_fails_clearly(store: Store, social) -> None:  # type: ignore[no-untyped-def]
    _, bsky = social
    config = desk_config(bsky=bsky.url)
    config.respond.accounts[1].password = SecretStr("wrong")
    desk = Desk(config, store)
    item = seen(store, config, T0, channel=Channel.BLUESKY, external_id=PARENT, url=None)
    reply = desk.draft(by="lucia", now=T0, item=item, template="question")
    assert desk.publish_due(T0) == [(reply["id"], "failed")]  # 401 is not retried
    failed = store.response(reply["id"])
    assert "401" in failed["error"] and "Invalid identifier or password" in failed["error"]
    assert [h["action"] for h in failed["history"]] == ["drafted", "failed"]


def test_during_an_incident_every_reply_needs_an_approver(store: Store, social) -> None:  # type: ignore[no-untyped-def]
    masto, _ = social
    config = desk_config(masto.url)
    desk = Desk(config, store)
    incident = open_incident(config, store, T0)
    item = seen(store, config, T0)
    reply = desk.draft(by="lucia", now=T0, item=item, template="complaint")
    assert reply["incident_id"] == incident
    assert reply["state"] == "pending" and reply["approvals_needed"] == 1
    assert desk.publish_due(T0) == []  # nothing goes out unapproved
    with pytest.raises(DeskError) as info:
        desk.approve(reply["id"], "sergio", T0)  # a community manager, not an approver
    assert info.value.key == "respond.not_approver"
    with pytest.raises(DeskError) as info:
        desk.approve(reply["id"], "lucia", T0)
    assert info.value.key in ("respond.not_approver", "respond.own_text")
    approved = desk.approve(reply["id"], "marta", T0 + timedelta(minutes=3))
    assert approved["state"] == "scheduled"
    assert [a["by"] for a in approved["approvals"]] == ["marta"]
    assert desk.publish_due(T0 + timedelta(minutes=4)) == [(reply["id"], "published")]
    kinds = [e["kind"] for e in store.incident_events(incident)]
    assert {"response_drafted", "response_approved", "response_published"} <= set(kinds)
    published = next(
        e for e in store.incident_events(incident) if e["kind"] == "response_published"
    )
    assert published["data"]["url"] and published["data"]["text"].startswith("@ana")
    actions = [a["action"] for a in store.audit_log()]
    assert {"response.drafted", "response.approved", "response.published", "inbox.replied"} <= set(
        actions
    )


def test_brand_posts_need_two_approvers_and_pass_the_risk_check(store: Store, social) -> None:  # type: ignore[no-untyped-def]
    masto, _ = social
    config = desk_config(masto.url, risk_words=["oferta"])
    desk = Desk(config, store)
    post = desk.draft(
        by="lucia", now=T0, kind="post", text="Nuestra nueva hamburguesa llega el lunes"
    )
    assert post["account"] == "news" and post["approvals_needed"] == 2 and post["risks"] == []
    desk.approve(post["id"], "marta", T0)
    with pytest.raises(DeskError) as info:
        desk.approve(post["id"], "marta", T0)
    assert info.value.key == "respond.approved_twice"
    assert desk.approve(post["id"], "elena", T0)["state"] == "scheduled"
    # a time already past (a mistyped year) would publish at once on approval: refused
    with pytest.raises(DeskError) as info:
        desk.draft(by="lucia", now=T0, kind="post", text="Mañana abrimos", at=T0.replace(year=2025))
    assert info.value.key == "respond.at_past"
    # offensive words or the brand's forbidden ones: the text must change
    rude = desk.draft(by="lucia", now=T0, kind="post", text="Sois unos idiotas, gran oferta")
    assert rude["state"] == "draft"
    assert {r["code"] for r in rude["risks"]} == {"offensive", "risk_word"}
    with pytest.raises(DeskError) as info:
        desk.approve(rude["id"], "marta", T0)
    assert info.value.key == "respond.blocked"
    fixed = desk.edit(rude["id"], "lucia", T0, "Gracias por estar ahí")
    assert fixed["state"] == "pending" and fixed["risks"] == []
    assert fixed["history"][-1]["previous"] == "Sois unos idiotas, gran oferta"
    # during a strong incident a promotional post, and one touching its themes, are flagged
    open_incident(config, store, T0)
    promo = desk.draft(by="lucia", now=T0, kind="post", text="Hoy intoxicación de sabor: 2x1")
    assert {r["code"] for r in promo["risks"]} == {"open_incident", "sensitive_topic"}
    desk.approve(promo["id"], "marta", T0)
    with pytest.raises(DeskError) as info:
        desk.approve(promo["id"], "elena", T0)
    assert info.value.key == "respond.accept_risk"
    done = desk.approve(promo["id"], "elena", T0, accept_risk="agreed with legal, it is the menu")
    assert done["state"] == "scheduled" and done["risk_accepted"].startswith("elena:")
    # a reply from the brand account, or a post from the service one: wrong account
    wrong = desk.draft(by="lucia", now=T0, kind="post", text="Hola", account="care")
    assert "wrong_account" in {r["code"] for r in wrong["risks"]}


def test_a_pre_approved_statement_counts_as_one_approval(store: Store, social) -> None:  # type: ignore[no-untyped-def]
    masto, _ = social
    config = desk_config(masto.url)
    desk = Desk(config, store)
    incident = open_incident(config, store, T0, Severity.LIGHT)
    item = seen(store, config, T0)
    # the example config's product_recall is pre-approved by legal: verbatim, it goes out
    reply = desk.draft(by="lucia", now=T0, item=item, template="product_recall", lang="en")
    assert reply["incident_id"] == incident and reply["pre_approved"]
    assert reply["state"] == "scheduled"
    assert reply["approvals"][0]["approved_by"] == "Pablo Cano (legal)"
    # edited, it is a new text that needs its approver again
    edited = desk.edit(reply["id"], "lucia", T0, reply["text"] + " Sorry!")
    assert edited["state"] == "pending" and not edited["pre_approved"] and edited["approvals"] == []


def test_where_oteo_cannot_publish_a_person_pastes_it(store: Store) -> None:
    config = desk_config()
    desk = Desk(config, store)
    forum = seen(
        store, config, T0, channel=Channel.FORUM, external_id="f1", url="https://foro.example/t/1"
    )
    reply = desk.draft(by="lucia", now=T0, item=forum, template="complaint")
    assert reply["state"] == "manual" and reply["account"] is None
    assert desk.manual_link(reply) == "https://foro.example/t/1"
    x = seen(
        store,
        config,
        T0,
        channel=Channel.TWITTER,
        external_id="1790",
        url="https://x.com/ana/status/1790",
    )
    tweet = desk.draft(by="lucia", now=T0, item=x, text="Lo sentimos & lo arreglamos")
    link = desk.manual_link(tweet)
    assert link.startswith("https://twitter.com/intent/tweet?") and "in_reply_to=1790" in link
    assert "Lo%20sentimos%20%26%20lo%20arreglamos" in link
    with pytest.raises(DeskError):
        desk.published_by_hand(reply["id"], "nobody", T0)
    done = desk.published_by_hand(reply["id"], "lucia", T0, "https://foro.example/t/1#p2")
    assert done["state"] == "published" and done["external_url"].endswith("#p2")
    assert store.inbox_rows([forum])[forum]["state"] == "replied"


def test_templates_need_their_values_and_an_account_on_the_right_network(store: Store) -> None:
    config = desk_config()
    desk = Desk(config, store)
    item = seen(store, config, T0)
    with pytest.raises(DeskError) as info:
        desk.draft(by="lucia", now=T0, kind="post", template="food_safety_statement", lang="en")
    assert info.value.key == "respond.template_missing"
    assert "what_happened, what_we_do" in str(info.value)
    statement = desk.draft(
        by="marta",
        now=T0,
        kind="post",
        template="food_safety_statement",
        lang="en",
        values={
            "what_happened": "a fridge failed <b>",
            "what_we_do": "daily checks\nby two people",
        },
    )
    assert "What happened: a fridge failed <b>" in statement["text"]
    assert "daily checks by two people" in statement["text"]  # one line per value
    with pytest.raises(DeskError) as info:
        desk.draft(by="lucia", now=T0, item=item, template="question", account="sky")
    assert info.value.key == "respond.account_network"
    with pytest.raises(DeskError) as info:
        desk.draft(by="lucia", now=T0, item=item, template="nope")
    assert info.value.key == "respond.no_template" and "complaint" in str(info.value)


def test_every_shipped_template_in_both_languages_fits_a_reply() -> None:
    shipped = builtin()
    ids = {t.id for t in shipped}
    for template_id in ids:
        langs = {t.lang for t in shipped if t.id == template_id}
        assert langs == {"es", "en"}, template_id
    values = {v: "x" * 12 for v in VARIABLES} | {"author": "@someone_long_handle"}
    for template in shipped:
        assert unknown_variables(template.text) == []
        if template.kind in ("reply", "holding"):
            assert len(render(template, values)) <= 300, (template.id, template.lang)
    assert {t.scenario for t in shipped} >= {"general", "food_safety", "service_outage"}
    assert {t.kind for t in shipped} == {"reply", "holding", "statement"}


def test_a_template_with_an_unknown_variable_is_a_config_error() -> None:
    text = render_example("en", "X").replace("Next update at $next_update.", "Next at $nxt_update.")
    with pytest.raises(ConfigError) as info:
        load_text(text, "oteo.yaml")
    (issue,) = info.value.issues
    assert "nxt_update" in issue.message and issue.where.startswith("respond.templates[0]")


def test_the_inbox_puts_the_most_urgent_first_and_keeps_its_clocks(store: Store) -> None:
    config = desk_config()
    desk = Desk(config, store)
    # Monday 10:00 Madrid: service hours, a two-hour promise
    old = seen(store, config, T0, external_id="1", handle="ana")
    fresh = seen(store, config, T0 + timedelta(hours=1, minutes=50), external_id="2", handle="bea")
    question = seen(store, config, T0 + timedelta(hours=1), external_id="3", intent=Intent.QUESTION)
    rows = {r["id"]: r for r in desk.queue(T0 + timedelta(hours=1, minutes=50))}
    assert rows[old]["due_at"] == T0 + timedelta(hours=2)
    assert rows[old]["clock_now"] == "warning" and rows[fresh]["clock_now"] == "ok"
    # a complaint before a question, one about to run out before both
    assert [r["id"] for r in rows.values()] == [old, fresh, question]
    later = T0 + timedelta(hours=2, minutes=30)
    # breached first, then the question whose promise runs out in 30 minutes
    assert [r["id"] for r in desk.queue(later)] == [old, question, fresh]
    # the tick records each clock change once, in the audit log
    assert desk.tick(T0 + timedelta(hours=1, minutes=45)) == {
        "warnings": 1,
        "breaches": 0,
        "follow_ups": 0,
    }
    assert desk.tick(later)["breaches"] == 1
    assert desk.tick(later)["breaches"] == 0
    log = [a["action"] for a in store.audit_log(f"inbox:{old}")]
    assert log.count("sla.warning") == 1 and log.count("sla.breached") == 1
    # an item of an open incident moves up with the incident's severity
    incident = open_incident(config, store, later)
    question_mention = store.inbox_rows([question])[question]["mention_id"]
    from sqlalchemy import insert

    from oteo.store import schema

    with store.engine.begin() as conn:
        conn.execute(
            insert(schema.incident_mentions).values(
                incident_id=incident, mention_id=question_mention
            )
        )
    top = desk.queue(later)
    assert top[0]["id"] == question and top[0]["incident"] == incident


def test_inbox_states_bulk_actions_and_follow_up(store: Store) -> None:
    config = desk_config()
    desk = Desk(config, store)
    a, b, c = (seen(store, config, T0, external_id=str(i)) for i in range(3))
    changed, skipped = desk.act([a, b], "ack", "lucia", T0)
    assert changed == [a, b] and skipped == []
    assert desk.act([a, c], "ack", "lucia", T0) == ([c], [a])  # a: already acknowledged
    desk.act([a, b, c], "assign", "lucia", T0, assignee="sergio")
    assert {r["id"] for r in desk.queue(T0, assignee="sergio")} == {a, b, c}
    desk.act([a], "private", "sergio", T0 + timedelta(minutes=20))
    assert store.inbox_rows([a])[a]["responded_at"] == T0 + timedelta(minutes=20)
    desk.act([a], "resolve", "sergio", T0 + timedelta(hours=1))
    resolved = store.inbox_rows([a])[a]
    assert resolved["follow_up_at"] == T0 + timedelta(hours=1, days=3)
    assert desk.tick(T0 + timedelta(days=2))["follow_ups"] == 0
    assert desk.tick(T0 + timedelta(days=3, hours=2))["follow_ups"] == 1
    assert [r["id"] for r in desk.queue(T0 + timedelta(days=3, hours=2), states=["follow_up"])] == [
        a
    ]
    desk.act([a], "done", "sergio", T0 + timedelta(days=4))
    assert store.inbox_rows([a])[a]["state"] == "closed"
    with pytest.raises(DeskError) as info:
        desk.act([a, 999], "ack", "sergio", T0)
    assert info.value.key == "respond.no_item"
    with pytest.raises(DeskError):
        desk.act([b], "assign", "sergio", T0, assignee="nobody")
    who = {(x["actor"], x["action"]) for x in store.audit_log(f"inbox:{a}")}
    assert {("lucia", "inbox.ack"), ("sergio", "inbox.private"), ("sergio", "inbox.done")} <= who


def test_the_sla_report_counts_answers_in_time_and_late(store: Store) -> None:
    config = desk_config()
    desk = Desk(config, store)
    quick, slow, waiting = (seen(store, config, T0, external_id=str(i)) for i in range(3))
    desk.act([quick], "replied", "lucia", T0 + timedelta(minutes=30))
    desk.act([slow], "private", "lucia", T0 + timedelta(hours=5))
    report = desk.sla_report(
        T0 - timedelta(days=1), T0 + timedelta(days=1), T0 + timedelta(hours=6)
    )
    assert (report.items, report.answered, report.in_time, report.late) == (3, 2, 1, 1)
    assert report.breached_waiting == 1 and report.waiting == 0
    assert report.median_minutes == (30 + 300) / 2


def test_moderation_removes_insults_never_criticism(store: Store, social) -> None:  # type: ignore[no-untyped-def]
    masto, _ = social
    config = desk_config(masto.url)
    desk = Desk(config, store)
    insult = seen(
        store,
        config,
        T0,
        external_id="i",
        text="sois unos idiotas",
        offensive=0.9,
        kind="insult",
        handle="troll@social.example",
    )
    critic = seen(store, config, T0, external_id="c", text="la carne estaba cruda, mal servicio")
    insult_mention = store.inbox_rows([insult])[insult]["mention_id"]
    critic_mention = store.inbox_rows([critic])[critic]["mention_id"]
    hidden = desk.moderate(insult_mention, "hide", "lucia", T0)
    assert hidden["grounds"] == "insult" and hidden["state"] == "manual"
    assert store.inbox_rows([insult])[insult]["state"] == "closed"  # no answer owed
    blocked = desk.moderate(insult_mention, "block", "lucia", T0)
    assert blocked["state"] == "done" and masto.blocked == ["77"]
    # a drill's insult is moderated on paper only: its author is simulated
    rehearsed = seen(
        store, config, T0, external_id="d", text="sois unos inútiles", offensive=0.9, kind="insult"
    )
    drill_mention = store.inbox_rows([rehearsed])[rehearsed]["mention_id"]
    with store.engine.begin() as conn:
        conn.execute(
            sa.update(schema.mentions)
            .where(schema.mentions.c.id == drill_mention)
            .values(drill=True)
        )
    assert desk.moderate(drill_mention, "block", "lucia", T0)["state"] == "done"
    assert masto.blocked == ["77"]  # nothing more sent
    with pytest.raises(DeskError) as info:
        desk.moderate(critic_mention, "delete", "lucia", T0)
    assert info.value.key == "respond.not_offensive"
    with pytest.raises(DeskError):
        desk.moderate(critic_mention, "delete", "lucia", T0, override=True, reason="meh")
    done = desk.moderate(
        critic_mention,
        "hide",
        "marta",
        T0,
        override=True,
        reason="it reveals a customer's phone number",
    )
    assert done["grounds"] == "override"
    assert (
        store.inbox_rows([critic])[critic]["state"] == "new"
    )  # the criticism still gets its answer
    (line,) = store.audit_log(f"mention:{critic_mention}")
    assert line["actor"] == "marta" and line["action"] == "moderation.hide"
    assert line["data"]["override"] is True and "phone number" in line["data"]["reason"]
    # the text stays, as first seen
    assert store.mention(critic_mention)["text"] == "la carne estaba cruda, mal servicio"


def test_a_models_flag_alone_is_no_grounds_to_moderate(store: Store) -> None:
    """A post the model reads as an attack with no insult, slur or threat in its words is
    mostly harsh criticism on posts to brands: it is moderated only on an audited
    override.  With the words that make it one, it is an insult as before."""
    config = desk_config()
    desk = Desk(config, store)
    harsh = seen(
        store,
        config,
        T0,
        external_id="h",
        text="worst airline ever, shameful",
        offensive=0.7,
        kind="insult",
        words=(),
    )
    named = seen(
        store,
        config,
        T0,
        external_id="n",
        text="sois unos ladrones",
        offensive=0.9,
        kind="insult",
        words=("sois unos ladrones",),
    )
    harsh_mention, named_mention = (store.inbox_rows([i])[i]["mention_id"] for i in (harsh, named))
    assert store.mention(harsh_mention)["offensive_words"] == ""
    with pytest.raises(DeskError) as info:
        desk.moderate(harsh_mention, "hide", "lucia", T0)
    assert info.value.key == "respond.model_only"
    done = desk.moderate(
        harsh_mention, "hide", "marta", T0, override=True, reason="read it: it calls for violence"
    )
    assert done["grounds"] == "override"
    assert store.inbox_rows([harsh])[harsh]["state"] == "new"  # still owed an answer
    assert desk.moderate(named_mention, "delete", "lucia", T0)["grounds"] == "insult"
    assert store.mention(named_mention)["offensive_words"] == "sois unos ladrones"


def test_influential_authors_and_the_brands_own_posts(store: Store) -> None:
    config = desk_config()
    desk = Desk(config, store)
    loud = seen(store, config, T0, external_id="l", offensive=0.9, kind="insult", handle="star")
    mention = store.inbox_rows([loud])[loud]["mention_id"]
    from sqlalchemy import update

    from oteo.store import schema

    with store.engine.begin() as conn:
        conn.execute(update(schema.authors).values(tier="macro"))
    with pytest.raises(DeskError) as info:
        desk.moderate(mention, "block", "lucia", T0)
    assert info.value.key == "respond.influential"
    assert desk.moderate(mention, "hide", "lucia", T0)["grounds"] == "insult"  # hiding is fine
    # the brand's own post is never in the inbox (it does not answer itself), but it
    # can be reached (its page, the API): deleting it is still refused
    stored, ids = ingested(
        store,
        config,
        T0,
        external_id="o",
        text="Lumbre Burger: lo sentimos, nos equivocamos",
        handle="lumbre",
        offensive=0.9,
        kind="insult",
    )
    assert desk.to_inbox([stored], ids) == 0
    own_post = store.mention_by_key("mastodon", "o")
    assert own_post is not None
    with pytest.raises(DeskError) as info:
        desk.moderate(
            own_post["id"],
            "delete",
            "lucia",
            T0,
            override=True,
            reason="we regret that post a lot",
        )
    assert info.value.key == "respond.own_post"


def test_evidence_survives_edits_and_deletion_at_the_source(store: Store) -> None:
    config = desk_config()
    item = seen(store, config, T0, external_id="e1", text="primera versión")
    mention_id = store.inbox_rows([item])[item]["mention_id"]
    ids = store.watch_ids()
    edited = Mention(
        source="mastodon",
        external_id="e1",
        text="versión editada",
        created_at=T0,
        received_at=T0,
        channel=Channel.MASTODON,
        likes=9,
    )
    store.ingest([edited], ids)
    assert store.mention(mention_id)["text"] == "primera versión"
    assert store.mention(mention_id)["likes"] == 9
    assert store.mark_deleted("mastodon", ["e1"], T0 + timedelta(hours=1)) == 1
    assert store.mark_deleted("mastodon", ["e1"], T0 + timedelta(hours=2)) == 0  # first time kept
    kept = store.mention(mention_id)
    assert kept["text"] == "primera versión" and kept["deleted_at"] == T0 + timedelta(hours=1)


def _desk_config(tmp_path):  # type: ignore[no-untyped-def]
    """The example config (English) written to a file, on its own SQLite store."""
    path = tmp_path / "oteo.yaml"
    data = yaml.safe_load(render_example("en", "Lumbre Burger"))
    data["database"] = f"sqlite:///{tmp_path / 'desk.db'}"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    config = load_text(path.read_text(), str(path))
    return path, config, Store(config.database_url())


def test_the_terminals_inbox_flags_trolls_and_attacks_as_the_dashboard_does(
    tmp_path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    from typer.testing import CliRunner

    from oteo.cli import app, console
    from oteo.store import schema as s

    path, config, store = _desk_config(tmp_path)
    now = datetime.now(UTC)
    seen(
        store,
        config,
        now,
        external_id="a",
        text="Sois unos sinvergüenzas",
        handle="troll_1",
        offensive=0.9,
        kind="insult",
        words=("Sois unos sinvergüenzas",),
    )
    seen(
        store,
        config,
        now,
        external_id="m",
        text="Qué vergüenza de sitio",
        handle="ana",
        offensive=0.7,
        kind="insult",
        words=(),
    )
    with store.engine.begin() as conn:
        conn.execute(
            s.authors.update()
            .where(s.authors.c.handle == "troll_1")
            .values(risk=0.91, risk_reasons=[["author.prolific", {"posts": 18033}]])
        )
    store.close()
    runner = CliRunner()
    monkeypatch.setattr(console, "width", 400)  # a wide terminal: one line a row
    for lang, says in (
        (
            "en",
            (
                "likely troll or bot (91%)",
                "18,033 posts",
                "“Sois unos sinvergüenzas”",
                "the model's reading only",
            ),
        ),
        (
            "es",
            (
                "probable troll o bot (91 %)",
                "18.033 publicaciones",
                "«Sois unos sinvergüenzas»",
                "solo lo lee así el modelo",
            ),
        ),
    ):
        out = " ".join(
            runner.invoke(
                app, ["inbox", "list", "--config", str(path), "--lang", lang]
            ).output.split()
        )
        for text in says:
            assert text in out, (lang, text, out)


def test_the_desk_commands(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from typer.testing import CliRunner

    from oteo.cli import app

    path, config, store = _desk_config(tmp_path)
    now = datetime.now(UTC)
    forum = seen(
        store,
        config,
        now - timedelta(hours=80),
        channel=Channel.FORUM,
        external_id="f",
        url="https://foro.example/t/9",
        text="<script>alert(1)</script> fatal servicio",
    )
    critic_mention = store.inbox_rows([forum])[forum]["mention_id"]
    store.close()
    runner = CliRunner()
    base = ["--config", str(path), "--lang", "en"]
    listed = runner.invoke(app, ["inbox", "list", *base])
    assert listed.exit_code == 0, listed.output
    assert "<script>alert(1)</script>" in listed.output and "late" in listed.output
    # the mention's number, the one 'oteo moderate' takes, beside the item's
    assert f"mention #{critic_mention}" in listed.output
    # how late as a span ("8 h late", "2 d 3 h late"); the channel by its name
    assert re.search(r"│ \d+ (d|h|min)( \d+ (h|min))? late", listed.output), listed.output
    assert "forum @" in listed.output
    spanish = runner.invoke(app, ["inbox", "list", "--config", str(path), "--lang", "es"])
    assert "foro @" in spanish.output and re.search(
        r"│ \d+ (d|h|min)( \d+ (h|min))? tarde", spanish.output
    )
    assert runner.invoke(app, ["inbox", "ack", str(forum), "--by", "nobody", *base]).exit_code == 1
    acked = runner.invoke(app, ["inbox", "ack", str(forum), "--by", "lucia", *base])
    assert "Items changed (acknowledge): 1." in acked.output
    # the action by its name in the reader's language; --to belongs to assigning alone
    es = ["--config", str(path), "--lang", "es"]
    twice = runner.invoke(app, ["inbox", "ack", str(forum), "--by", "lucia", *es])
    assert "Sin cambiar (confirmar no se aplica en su estado)" in twice.output
    stray = runner.invoke(app, ["inbox", "resolve", str(forum), "--by", "lucia", "--to", "x", *es])
    assert stray.exit_code == 2
    again = runner.invoke(app, ["inbox", "ack", str(forum), "--by", "lucia", *base])
    assert f"#{forum}" in again.output and "Not changed" in again.output
    drafted = runner.invoke(
        app, ["respond", "reply", str(forum), "--by", "lucia", "--template", "complaint", *base]
    )
    assert drafted.exit_code == 0, drafted.output
    assert "to publish by hand" in drafted.output and "https://foro.example/t/9" in drafted.output
    done = runner.invoke(
        app,
        [
            "respond",
            "published",
            "1",
            "--by",
            "lucia",
            "--url",
            "https://foro.example/t/9#2",
            *base,
        ],
    )
    assert "published" in done.output
    shown = runner.invoke(app, ["respond", "show", "1", *base])
    assert "drafted  (lucia)" in shown.output and "published  (lucia)" in shown.output
    spanish = runner.invoke(app, ["respond", "show", "1", "--config", str(path), "--lang", "es"])
    assert "redactada  (lucia)" in spanish.output and "publicada  (lucia)" in spanish.output
    assert "a mano en foro" in spanish.output, spanish.output
    refused = runner.invoke(
        app, ["moderate", str(critic_mention), "delete", "--by", "lucia", *base]
    )
    assert refused.exit_code == 1 and "criticism is never censored" in refused.output
    overruled = runner.invoke(
        app,
        ["moderate", str(critic_mention), "hide", "--by", "lucia", "--override"]
        + ["--reason", "doxxing in the same thread", "--config", str(path), "--lang", "es"],
    )
    # what was done, to which post, on what grounds, in the reader's words
    assert overruled.exit_code == 0, overruled.output
    assert (
        f"Ocultada: mención #{critic_mention} «<script>alert(1)</script> fatal servicio»"
        in (overruled.output)
        and "(motivo: decisión manual (--override))" in overruled.output
    )
    post = runner.invoke(
        app, ["respond", "post", "--by", "lucia", "--text", "Hola", "--var", "x", *base]
    )
    assert post.exit_code == 2
    report = runner.invoke(app, ["sla", *base])
    assert "1 messages to answer; 1 answered (0 in time, 1 late)" in report.output
    # days of waiting read as days, not thousands of minutes
    assert re.search(r"Median time to answer: \d d( \d+ h)? \(\d", report.output)
    templates = runner.invoke(app, ["respond", "templates", "--in", "es", *base])
    assert (
        "food_safety_holding · Food safety: holding statement" in templates.output
        and "Sabemos que varias personas" in templates.output
    )
    es = runner.invoke(
        app, ["inbox", "list", "--state", "replied", "--config", str(path), "--lang", "es"]
    )
    assert "respondido" in es.output
    # a state the desk does not have is an error, not an empty list
    for command, state in (("inbox", "answered"), ("respond", "sent")):
        typo = runner.invoke(app, [command, "list", "--state", state, *base])
        assert typo.exit_code == 2 and f"'{state}' is not a state" in typo.output, typo.output


def test_the_statements_that_fit_an_incident() -> None:
    """Who started it and the harm its people speak of say which scenario's statements
    fit: an illegitimate attack gets the factual denial (S19), a post of the brand's own
    the wrong post's or the hacked account's; a customer's complaint, none in particular."""
    from oteo.respond.templates import STATEMENTS, listed, playbooks

    def why(**harm: int) -> dict[str, object]:
        return {"signals": {"harm": harm}}

    assert playbooks({"origin": "competitor", "category": "crisis"}) == ("competitor_rumour",)
    assert playbooks({"origin": "customer", "category": "attack"}) == ("competitor_rumour",)
    assert playbooks({"origin": "brand", "category": "crisis"}) == ("wrong_post", "hacked_account")
    # harm that people speak of (three posts at least), the commonest first
    assert playbooks({"origin": "customer", "category": "crisis", "why": why(health=5)}) == (
        "food_safety",
    )
    assert playbooks({"origin": "customer", "category": "crisis", "why": why(health=2)}) == ()
    assert playbooks({"origin": "insider", "category": "strong", "why": why(health=3)}) == (
        "insider",
        "food_safety",
    )
    ordered = listed((), STATEMENTS, ("wrong_post", "hacked_account"))
    assert [fits for _, fits in ordered[:2]] == [True, True] and not any(
        fits for _, fits in ordered[2:]
    )
    assert [tid for tid, _ in ordered[:2]] == ["wrong_post_statement", "hacked_account_holding"]
    # a brand's own Spanish "holding" for food safety: the id is offered once, as fitting
    from oteo.config import TemplateConfig

    own = TemplateConfig(id="holding", scenario="food_safety", kind="holding", lang="es", text="x")
    ordered = listed((own,), STATEMENTS, ("food_safety",))
    assert [tid for tid, _ in ordered].count("holding") == 1
    assert dict(ordered)["holding"] is True
