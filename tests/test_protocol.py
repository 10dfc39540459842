"""The crisis protocol: lifecycle, checklist, aftercare, acknowledge links, on-call."""

from __future__ import annotations

from datetime import datetime, timedelta
from urllib.parse import urlsplit

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from conftest import raise_themed
from notify_peers import T0, alert, make_config, manager_for
from oteo.cli import app
from oteo.i18n import day_time, t
from oteo.incidents.manager import ProtocolError
from oteo.model import IncidentStatus, Severity
from oteo.store import Store
from oteo.web.app import checklist, create_app


def test_lifecycle_with_every_step_in_the_timeline(peers, store: Store) -> None:  # type: ignore[no-untyped-def]
    http, smtp = peers
    config = make_config(http.url, smtp.port)
    manager = manager_for(config, store)
    iid = manager.on_alert(alert(config, T0, Severity.STRONG)).incident_id
    at = T0 + timedelta(minutes=3)
    # triage straight from detected: the acknowledgement is implied and recorded
    manager.move(
        iid,
        IncidentStatus.TRIAGED,
        "lucia",
        at,
        note="salmonella rumour from one forum",
        data={"origin": "competitor", "origin_channel": "forum"},
    )
    incident = store.incident(iid)
    assert incident["status"] == "triaged" and incident["origin"] == "competitor"
    assert incident["acknowledged_at"] == at
    manager.move(iid, IncidentStatus.CONVENED, "marta", at + timedelta(minutes=20))
    manager.note(
        iid, "marta", at + timedelta(minutes=25), "Statement on X and the blog", "decision"
    )
    manager.check(iid, "spokespeople_assigned", "marta", at + timedelta(minutes=26))
    manager.move(iid, IncidentStatus.RESPONDING, "marta", at + timedelta(minutes=40))
    manager.move(iid, IncidentStatus.MONITORING, "lucia", at + timedelta(hours=5))
    manager.move(iid, IncidentStatus.RESPONDING, "lucia", at + timedelta(hours=6))  # it flared
    with pytest.raises(ProtocolError):
        manager.move(iid, IncidentStatus.TRIAGED, "lucia", at + timedelta(hours=7))
    with pytest.raises(ProtocolError):
        manager.check(iid, "pray", "lucia", at)
    with pytest.raises(ProtocolError):
        manager.note(iid, "lucia", at, "   ")
    manager.move(iid, IncidentStatus.CLOSED, "marta", at + timedelta(days=2))
    with pytest.raises(ProtocolError):
        manager.move(iid, IncidentStatus.RESPONDING, "marta", at + timedelta(days=2))

    events = store.incident_events(iid)
    kinds = [e["kind"] for e in events]
    for kind in ("detected", "acknowledged", "triaged", "convened", "decision", "closed"):
        assert kind in kinds
    assert [e["actor"] for e in events if e["kind"] == "convened"] == ["marta"]
    done = dict(checklist(events))
    assert done["origin_identified"] and done["relevance_judged"] and done["team_convened"]
    assert done["spokespeople_assigned"] and done["watch_45_days"]
    assert not done["profiles_analysed"] and not done["response_decided"]
    closed = store.incident(iid)
    assert closed["aftercare_until"] - closed["closed_at"] == timedelta(days=45)
    # every act is in the audit log too, with who did it
    from sqlalchemy import select

    from oteo.store import schema

    log = schema.audit_log
    with store.engine.connect() as conn:
        acts = conn.execute(
            select(log.c.action, log.c.actor).where(log.c.target == f"incident:{iid}")
        ).all()
    assert ("incident.open", "oteo") in acts and ("incident.acknowledge", "lucia") in acts
    assert ("incident.convened", "marta") in acts and ("incident.decision", "marta") in acts
    assert ("incident.checklist", "marta") in acts and ("incident.closed", "marta") in acts


def test_an_outbreak_during_aftercare_reopens_and_alerts(peers, store: Store) -> None:  # type: ignore[no-untyped-def]
    http, smtp = peers
    config = make_config(http.url, smtp.port)
    manager = manager_for(config, store)
    first = manager.on_alert(alert(config, T0, Severity.CRISIS))
    manager.move(first.incident_id, IncidentStatus.CLOSED, "marta", T0 + timedelta(days=1))
    watch = config.watches[0].name
    assert manager.aftercare_watches(T0 + timedelta(days=30)) == {watch}
    assert manager.aftercare_watches(T0 + timedelta(days=47)) == set()
    again = manager.on_alert(alert(config, T0 + timedelta(days=20), Severity.LIGHT))
    assert again.incident_id == first.incident_id and again.reopened and not again.opened
    assert again.deliveries and all(d.message.kind == "reopened" for d in again.deliveries)
    reopened = store.incident(first.incident_id)
    assert reopened["status"] == "detected" and reopened["closed_at"] is None
    assert reopened["severity"] == int(Severity.CRISIS)
    assert [e["kind"] for e in store.incident_events(first.incident_id)].count("reopened") == 1
    # after the watch, a new outbreak is a new incident
    manager.move(first.incident_id, IncidentStatus.CLOSED, "marta", T0 + timedelta(days=21))
    later = manager.on_alert(alert(config, T0 + timedelta(days=70), Severity.LIGHT))
    assert later.opened and later.incident_id != first.incident_id


def test_the_acknowledge_link_works_once_and_only_for_its_incident(peers, store: Store) -> None:  # type: ignore[no-untyped-def]
    http, smtp = peers
    config = make_config(http.url, smtp.port)
    manager = manager_for(config, store)
    outcome = manager.on_alert(alert(config, T0, Severity.STRONG))
    manager.notifier.deliver(outcome.deliveries, T0)
    link = next(d for d in outcome.deliveries if d.person == "lucia").message.ack_url
    parts = urlsplit(link)
    client = TestClient(create_app(config, store, now=lambda: T0 + timedelta(minutes=4)))
    page = client.get(f"{parts.path}?{parts.query}")
    assert page.status_code == 200 and 'method="post"' in page.text
    assert store.incident(outcome.incident_id)["status"] == "detected"  # a GET changes nothing
    form = dict(kv.split("=", 1) for kv in parts.query.split("&"))
    forged = client.post(parts.path, data={**form, "p": "marta"})
    assert forged.status_code == 403
    done = client.post(parts.path, data=form)
    assert done.status_code == 200 and "Acknowledged" in done.text
    incident = store.incident(outcome.incident_id)
    assert incident["status"] == "acknowledged"
    ack = [e for e in store.incident_events(outcome.incident_id) if e["kind"] == "acknowledged"]
    assert [(e["actor"], e["data"]["via"]) for e in ack] == [("lucia", "link")]
    # PagerDuty was told the page is over
    assert [r.json["event_action"] for r in http.to("/v2/enqueue")] == ["trigger", "acknowledge"]
    again = client.post(parts.path, data=form)
    assert "already" in again.text
    late = TestClient(create_app(config, store, now=lambda: T0 + timedelta(days=2)))
    assert late.get(f"{parts.path}?{parts.query}").status_code == 410


def test_an_escalation_that_reaches_further_back_moves_where_the_incident_started(
    config_path,
) -> None:  # type: ignore[no-untyped-def]
    """The first alert saw a review; a later one finds the forum post an hour before it,
    read after the first alert: the incident started there (its origin, its first post,
    how long detection took).  A later wave's first post is not where it started."""
    from oteo.config import load

    config = load(config_path)
    store = Store(config.database_url())
    manager = manager_for(config, store)

    def raised(at, severity, posted, channel, origin="customer"):  # type: ignore[no-untyped-def]
        a = alert(config, at, severity)
        a.why["first_post"] = {
            **a.why["first_post"],
            "channel": channel,
            "created_at": posted.isoformat(),
            "received_at": at.isoformat(),
        }
        a.why["signals"] = {"negative_authors": {"observed": int(severity) * 10, "expected": 2}}
        a.origin = origin
        return a

    iid = manager.on_alert(raised(T0, Severity.LIGHT, T0 - timedelta(minutes=30), "review"))
    iid = iid.incident_id
    manager.on_alert(raised(T0 + timedelta(minutes=20), Severity.STRONG, T0, "twitter"))
    incident = store.incident(iid)
    assert incident["origin_channel"] == "review"
    assert incident["why"]["first_post"]["channel"] == "review"
    assert incident["why"]["signals"]["negative_authors"]["observed"] == 30  # the latest's
    earlier = T0 - timedelta(hours=1)
    manager.on_alert(
        raised(T0 + timedelta(minutes=40), Severity.CRISIS, earlier, "forum", "influencer")
    )
    incident = store.incident(iid)
    assert (incident["origin"], incident["origin_channel"]) == ("influencer", "forum")
    assert incident["why"]["first_post"]["created_at"] == earlier.isoformat()
    from oteo.web.app import incident_times

    assert dict(incident_times(incident, []))["detect"] == 60  # opened at T0
    store.close()


def test_an_incident_a_competitor_started_is_called_an_attack_until_it_is_triaged(
    config_path,
) -> None:  # type: ignore[no-untyped-def]
    """A rumour a competitor started is an illegitimate attack (S19), whatever its
    severity: a later alert whose story begins at a customer's later post does not make
    it a backlash.  An influencer's earlier post, read late, does; and once the team
    has judged the incident, what it is called is theirs."""
    from oteo.config import load

    config = load(config_path)
    store = Store(config.database_url())
    manager = manager_for(config, store)

    def raised(minutes: int, severity: Severity, written: int, origin: str, drill=False):  # type: ignore[no-untyped-def]
        a = alert(config, T0 + timedelta(minutes=minutes), severity, drill)
        a.why["first_post"] = {
            **a.why["first_post"],
            "created_at": (T0 + timedelta(minutes=written)).isoformat(),
            "received_at": (T0 + timedelta(minutes=minutes)).isoformat(),
        }
        a.why["crowd"], a.origin = "backlash", origin
        a.category = "attack" if origin == "competitor" else severity.key
        return manager.on_alert(a).incident_id

    def said(iid: int) -> tuple[str, str, int]:
        incident = store.incident(iid)
        return incident["origin"], incident["category"], incident["severity"]

    iid = raised(0, Severity.LIGHT, -30, "competitor")
    assert said(iid) == ("competitor", "attack", Severity.LIGHT)
    raised(20, Severity.STRONG, -10, "customer")
    assert said(iid) == ("competitor", "attack", Severity.STRONG)
    raised(40, Severity.CRISIS, -60, "influencer")
    assert said(iid) == ("influencer", "crisis", Severity.CRISIS)
    # (a drill's incident is one of its own) the team judged it a light matter
    drill = raised(0, Severity.LIGHT, -30, "competitor", drill=True)
    manager.move(drill, IncidentStatus.TRIAGED, "lucia", T0, data={"category": "light"})
    raised(20, Severity.STRONG, -60, "competitor", drill=True)
    assert said(drill) == ("competitor", "light", Severity.STRONG)
    store.close()


def test_an_older_post_the_first_alert_read_and_did_not_name_is_not_where_it_started(
    config_path,
) -> None:  # type: ignore[no-untyped-def]
    """A later alert's story may take in a customer's complaint from hours before that
    shares a word or two with it (a street, slow service): read before the first alert,
    which did not name it, it is not where the incident started.  Read only after the
    first alert (a forum read late), it is."""
    from oteo.config import load

    config = load(config_path)
    store = Store(config.database_url())
    manager = manager_for(config, store)

    def raised(minutes: int, severity: Severity, written: timedelta, read: timedelta):  # type: ignore[no-untyped-def]
        a = alert(config, T0 + timedelta(minutes=minutes), severity)
        a.why["first_post"] = {
            **a.why["first_post"],
            "channel": "twitter" if minutes == 0 else "forum",
            "created_at": (T0 + written).isoformat(),
            "received_at": (T0 + read).isoformat(),
        }
        return manager.on_alert(a).incident_id

    iid = raised(0, Severity.LIGHT, timedelta(minutes=-30), timedelta(minutes=-29))
    older = timedelta(hours=-2)
    raised(20, Severity.STRONG, older, timedelta(minutes=-90))
    assert store.incident(iid)["origin_channel"] == "twitter"
    raised(40, Severity.CRISIS, older, timedelta(minutes=30))
    assert store.incident(iid)["origin_channel"] == "forum"
    store.close()


def test_an_escalation_that_has_seen_more_names_the_incident_until_it_is_triaged(
    config_path,
) -> None:  # type: ignore[no-untyped-def]
    """The first alert may name its theme by one word of a few posts; a later one that
    reads more of them names it better.  A thinner name never replaces a fuller one, and
    once the team has triaged the incident its name stays."""
    from oteo.config import load

    config = load(config_path)
    store = Store(config.database_url())
    manager = manager_for(config, store)

    def raised(minutes: int, severity: Severity, theme: str, drill: bool = False):  # type: ignore[no-untyped-def]
        a = alert(config, T0 + timedelta(minutes=minutes), severity, drill)
        a.why["themes"] = [theme]
        return manager.on_alert(a)

    iid = raised(0, Severity.LIGHT, "cenar").incident_id
    assert store.incident(iid)["title"] == "Lumbre Burger: cenar"
    stronger = raised(5, Severity.STRONG, "fiebre · cenar · urgencias")
    named = "Lumbre Burger: fiebre · cenar · urgencias"
    assert stronger.title == store.incident(iid)["title"] == named
    manager.move(iid, IncidentStatus.TRIAGED, "lucia", T0 + timedelta(minutes=7))
    raised(10, Severity.CRISIS, "fiebre · hospital · urgencias · hijos")
    assert store.incident(iid)["title"] == named  # the team's by now
    # (a drill's incident is one of its own) a thinner name never replaces a fuller one
    drill = raised(0, Severity.LIGHT, "fiebre · cenar", drill=True).incident_id
    raised(5, Severity.STRONG, "hijo", drill=True)
    assert drill != iid and store.incident(drill)["title"] == "Lumbre Burger: fiebre · cenar"
    store.close()


def test_oncall_shows_who_listens_and_the_chains(config_path) -> None:  # type: ignore[no-untyped-def]
    runner = CliRunner()
    night = runner.invoke(
        app, ["oncall", "--config", str(config_path), "--at", "2026-12-25T03:00", "--lang", "en"]
    )
    assert night.exit_code == 0, night.output
    assert "On duty Fri 25/12 03:00: Noa Ferrer" in night.output
    assert "light criticism: Noa Ferrer (30 min) → Marta Ibáñez (15 min)" in night.output
    day = runner.invoke(
        app, ["oncall", "--config", str(config_path), "--at", "2026-11-23T10:00", "--lang", "en"]
    )
    assert "On duty Mon 23/11 10:00: Lucía Ortega" in day.output
    bad = runner.invoke(app, ["oncall", "--config", str(config_path), "--at", "tomorrow"])
    assert bad.exit_code == 2


def test_incident_commands_follow_the_protocol(config_path, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from oteo.config import load

    config = load(config_path)
    store = Store(config.database_url())
    manager = manager_for(config, store)
    iid = manager.on_alert(alert(config, T0, Severity.LIGHT)).incident_id
    store.close()
    runner = CliRunner()
    base = ["--config", str(config_path), "--lang", "en"]
    assert runner.invoke(app, ["incident", "ack", str(iid), "--by", "nobody", *base]).exit_code == 2
    ok = runner.invoke(app, ["incident", "ack", str(iid), "--by", "lucia", *base])
    assert ok.exit_code == 0 and f"#{iid} acknowledged" in ok.output
    # an assessment oteo cannot show is refused whole, and the incident stays as it was
    martians = runner.invoke(
        app,
        ["incident", "move", str(iid), "triaged", "--by", "lucia", "--origin", "troll"]
        + ["--category", "weird", *base],
    )
    assert martians.exit_code == 1 and "'weird' is not a category" in martians.output
    early = runner.invoke(
        app, ["incident", "move", str(iid), "convened", "--by", "lucia", "--origin", "troll", *base]
    )
    assert early.exit_code == 1 and "moving the incident to triaged" in early.output
    unknown = runner.invoke(app, ["incident", "move", str(iid), "solved", "--by", "lucia", *base])
    assert unknown.exit_code == 2 and "'solved' is not a state" in unknown.output
    check = Store(config.database_url())
    assert check.incident(iid)["status"] == "acknowledged"
    assert check.incident(iid)["origin"] != "troll"
    check.close()
    moved = runner.invoke(
        app, ["incident", "move", str(iid), "triaged", "--by", "lucia", "--origin", "troll", *base]
    )
    assert moved.exit_code == 0, moved.output
    back = runner.invoke(app, ["incident", "move", str(iid), "detected", "--by", "lucia", *base])
    assert back.exit_code == 1 and "cannot go back" in back.output
    runner.invoke(app, ["incident", "note", str(iid), "<b>ok</b>", "--by", "marta", *base])
    runner.invoke(app, ["incident", "check", str(iid), "profiles_analysed", "--by", "noa", *base])
    shown = runner.invoke(app, ["incident", "show", str(iid), *base])
    assert "☑ Profiles analysed" in shown.output and "<b>ok</b>" in shown.output
    assert "☐ Response and where to publish it decided" in shown.output
    listed = runner.invoke(app, ["incident", "list", *base])
    assert "triaged" in listed.output
    # opened when the team's clock said so, not the server's UTC
    assert config.timezone == "Europe/Madrid"
    assert day_time(T0, "en", tz=config.tz) in listed.output, listed.output
    assert day_time(T0, "en") not in listed.output
    status = runner.invoke(app, ["status", *base])
    assert "Notifications: 1 pending" in status.output  # Lucía's page, never delivered here
    assert "incidents: 1 · in the inbox:" in status.output


def test_incident_show_tells_what_is_said_by_theme(config_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from oteo.config import load

    config = load(config_path)
    store = Store(config.database_url())
    incident, _ = raise_themed(
        config,
        store,
        manager_for(config, store),
        T0,
        (
            ("chatter", "Lumbre Burger tarda muchísimo en Larios", 0),
            ("ill", "Lumbre Burger: acabé en urgencias con fiebre", 5),
            ("ill2", "Lumbre Burger: <b>fiebre</b> toda la noche", 6),
        ),
        {"ill", "ill2"},
    )
    store.update_incident(incident, origin="competitor", category="attack")
    store.close()
    runner = CliRunner()
    for lang, theme, other in (
        ("en", "About «fiebre · urgencias»", "Other negative posts of the moment"),
        ("es", "Sobre «fiebre · urgencias»", "Otras publicaciones negativas del momento"),
    ):
        out = runner.invoke(
            app, ["incident", "show", str(incident), "--config", str(config_path), "--lang", lang]
        ).output
        # what it is, who started it, and the statements that fit (S19: a denial)
        assert f"{t('web.category', lang)}: {t('category.attack', lang)}" in out
        fits = f"{t('cli.incident.fits', lang)}: {t('template.competitor_rumour_statement', lang)}"
        assert fits in out, out
        assert (
            out.index(theme)
            < out.index("acabé en urgencias")
            < out.index("<b>fiebre</b>")
            < out.index(other)
            < out.index("tarda muchísimo")
        ), out
        # why it was raised, as the team's messages tell it, before its protocol
        said = t("notify.body_themes", lang, themes="fiebre · urgencias")
        assert out.index(t("web.why", lang)) < out.index(said) < out.index(t("web.checklist", lang))
    monkeypatch.setattr("oteo.cli.SHOWN_POSTS", 2)
    out = runner.invoke(
        app, ["incident", "show", str(incident), "--config", str(config_path), "--lang", "en"]
    ).output
    assert "2 of its 3 posts" in out and "tarda muchísimo" not in out


def _replay_pipeline(peers, store: Store, now: datetime = T0):  # type: ignore[no-untyped-def]
    """The config for the peers and a pipeline on a replay clock at ``now``, without models."""
    from oteo.clock import ReplayClock
    from oteo.pipeline import Pipeline
    from oteo.understand import Analyzer

    http, smtp = peers
    config = make_config(http.url, smtp.port)
    return config, Pipeline(
        config, store, clock=ReplayClock(now), analyzer=Analyzer(threads=1, embeddings=False)
    )


def test_the_pipeline_walks_the_chain_and_sharpens_aftercare(peers, store: Store) -> None:  # type: ignore[no-untyped-def]
    http, _ = peers
    config, pipeline = _replay_pipeline(peers, store)
    watch = config.watches[0].name
    opened = pipeline.incidents.on_alert(alert(config, T0, Severity.LIGHT))
    pipeline.notifier.deliver(opened.deliveries, T0)
    work = {"changes": [], "signals": [], "states": None, "mentions": [], "arrived": []}
    # time passes in the stream's ticks: after light's 30 minutes, Marta is paged
    early, _ = pipeline._incidents({**work, "now": T0 + timedelta(minutes=20)})  # noqa: SLF001
    late = pipeline._incidents({**work, "now": T0 + timedelta(minutes=31)})  # noqa: SLF001
    assert early == [] and {d.person for _, d in late[0]} == {"marta"}
    pipeline._notify(late)  # noqa: SLF001
    assert [r.json["event_action"] for r in http.to("/v2/enqueue")] == ["trigger"]
    assert pipeline.detectors[watch].settings.sensitivity == "normal"
    pipeline.incidents.move(
        opened.incident_id, IncidentStatus.CLOSED, "marta", T0 + timedelta(hours=1)
    )
    pipeline._aftercare_checked = None  # noqa: SLF001
    closed, _ = pipeline._incidents({**work, "now": T0 + timedelta(hours=2)})  # noqa: SLF001
    # closing implies the acknowledgement: PagerDuty hears both, acknowledge then resolve
    assert [d.message.kind for _, d in closed] == ["acknowledged", "closed"]
    assert pipeline.detectors[watch].settings.sensitivity == "high"


def test_an_episode_that_ends_reaches_its_incident_before_the_next_alert(
    peers, store: Store
) -> None:  # type: ignore[no-untyped-def]
    """A crisis left unacknowledged calms down after a day, and a new wave comes an hour
    later, in the same batch of a replay: the wave is more of the open crisis (its calm
    was an hour ago), not a new incident that would also get the crisis's calm."""
    config, pipeline = _replay_pipeline(peers, store)
    watch = config.watches[0].name
    crisis = pipeline.incidents.on_alert(alert(config, T0, Severity.CRISIS))
    calm, wave = T0 + timedelta(hours=27), T0 + timedelta(hours=28)
    work = {"signals": [], "states": None, "mentions": [], "arrived": [], "now": None}
    pipeline._incidents(  # noqa: SLF001
        {**work, "changes": [(watch, calm), alert(config, wave, Severity.LIGHT)]}
    )
    (incident,) = store.incidents()
    assert incident["id"] == crisis.incident_id and incident["severity"] == Severity.CRISIS
    timeline = [(e["kind"], e["at"]) for e in store.incident_events(crisis.incident_id)]
    # the wave, told to nobody (the crisis is known), stands in the timeline after the calm
    assert timeline[-2:] == [("calmed", calm), ("active_again", wave)]


def _awaiting_thread(peers, store: Store):  # type: ignore[no-untyped-def]
    """A pipeline whose strong alert's people quote a forum thread oteo has not read
    ("forum:thread-1"; the alert's first post half an hour before it): the config, the
    pipeline, the incident it opened and the work dict its stages pass on."""
    config, pipeline = _replay_pipeline(peers, store)
    raised = alert(config, T0, Severity.STRONG)
    raised.why["first_post"]["created_at"] = (T0 - timedelta(minutes=30)).isoformat()
    raised.spark = "forum:thread-1"
    work = {"signals": [], "states": None, "mentions": [], "arrived": [], "now": T0}
    pipeline._incidents({**work, "changes": [raised]})  # noqa: SLF001
    (incident,) = store.incidents()
    return config, pipeline, incident, work


def _thread(config, store: Store, watch_ids, external_id: str, written: timedelta):  # type: ignore[no-untyped-def]
    """An ex-employee's forum thread written ``written`` from T0, read three hours
    after T0 and stored (as it is before it reaches the incidents)."""
    from oteo.model import AuthorProfile, Channel, Mention

    m = Mention(
        "forum",
        external_id,
        "Trabajé 5 años en Lumbre: <b>se recongela la carne</b>",
        T0 + written,
        channel=Channel.FORUM,
        received_at=T0 + timedelta(hours=3),
        author=AuthorProfile("exlumbre", bio=f"Ex-empleado de {config.brand.name}"),
    )
    store.ingest([m], watch_ids)
    return m


def test_a_quoted_post_read_after_its_alert_becomes_where_the_incident_began(
    peers, store: Store
) -> None:  # type: ignore[no-untyped-def]
    """The alert's people quote a forum thread oteo has not read yet (forums are read
    hours after they are written): when it comes, the open incident began there, with
    the thread's author as its origin (an insider by their profile), and its timeline
    says so.  A post written after the incident's first post changes nothing."""
    config, pipeline, incident, work = _awaiting_thread(peers, store)
    watch = config.watches[0].name
    assert pipeline._awaited == {"forum:thread-1": watch}  # noqa: SLF001
    assert incident["origin"] == "customer"
    # written after the first post
    _thread(config, store, pipeline.watch_ids, "thread-2", timedelta(minutes=-10))
    pipeline._awaited["forum:thread-2"] = watch  # noqa: SLF001
    pipeline._incidents({**work, "changes": [], "arrived": ["forum:thread-2"]})  # noqa: SLF001
    assert store.incident(incident["id"])["origin"] == "customer"
    # no watch matched it (it says "Lumbre"): it is the watch's all the same, the post
    # the watch's people quote
    m = _thread(config, store, pipeline.watch_ids, "thread-1", timedelta(hours=-4))
    later = T0 + timedelta(hours=3)
    pipeline._incidents({**work, "changes": [], "arrived": ["forum:thread-1"], "now": later})  # noqa: SLF001
    incident = store.incident(incident["id"])
    assert (incident["origin"], incident["origin_channel"]) == ("insider", "forum")
    assert incident["why"]["first_post"]["author"] == "exlumbre"
    assert incident["first_mention_id"] == m.id
    events = store.incident_events(incident["id"])
    assert [(e["kind"], e["at"]) for e in events][-1] == ("began_earlier", later)
    assert pipeline._awaited == {}  # noqa: SLF001


def test_a_restarted_pipeline_still_awaits_the_quoted_post(peers, store: Store) -> None:  # type: ignore[no-untyped-def]
    """The alert keeps the key of the post it awaits: a pipeline restarted before the
    thread is read waits for it again, and one that finds it stored meanwhile (read
    by the pipeline before it stopped, or by an import) names where the incident began
    as it starts."""
    config, pipeline, incident, _ = _awaiting_thread(peers, store)
    watch = config.watches[0].name
    assert store.awaited_sparks() == [(pipeline.watch_ids[watch], "forum:thread-1")]
    _, restarted = _replay_pipeline(peers, store, T0 + timedelta(hours=1))
    assert restarted._awaited == {"forum:thread-1": watch}  # noqa: SLF001
    assert store.incident(incident["id"])["origin"] == "customer"
    m = _thread(config, store, restarted.watch_ids, "thread-1", timedelta(hours=-4))
    later = T0 + timedelta(hours=3)
    _, again = _replay_pipeline(peers, store, later)
    assert again._awaited == {}  # noqa: SLF001
    found = store.incident(incident["id"])
    assert (found["origin"], found["origin_channel"]) == ("insider", "forum")
    assert found["first_mention_id"] == m.id
    events = store.incident_events(incident["id"])
    assert [(e["kind"], e["at"]) for e in events][-1] == ("began_earlier", later)
    # a closed incident's alerts await nothing
    store.update_incident(incident["id"], status="closed")
    assert store.awaited_sparks() == []
