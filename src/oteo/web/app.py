"""The dashboard: server-rendered pages and a JSON API over the store.

Pages: the overview (watches with volume and negative share, open incidents), a
watch's timeline against its baseline, an incident with its why and timeline, the
inbox.  Every page is in Spanish or English (``?lang=``, remembered in a cookie),
every stranger's text is escaped by Jinja's autoescaping, and every asset is served
by oteo itself.
"""

from __future__ import annotations

import asyncio
import hmac
import json
import time
from collections.abc import AsyncIterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import FastAPI, Form, HTTPException, Request
from fastapi import Path as InPath
from fastapi.concurrency import run_in_threadpool
from fastapi.exception_handlers import request_validation_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.responses import (
    HTMLResponse,
    JSONResponse,
    RedirectResponse,
    Response,
    StreamingResponse,
)
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from oteo.config import Config
from oteo.flags import attack_flag, troll_flag
from oteo.i18n import LANGS, decimal, named, number, span, t
from oteo.incidents import IncidentManager
from oteo.incidents.manager import ASSESSMENT, CHECKLIST
from oteo.model import Severity
from oteo.notify import Notifier, links
from oteo.notify.channels import masked_target
from oteo.notify.message import severity_label, why_lines, window_minutes
from oteo.rota import day_key
from oteo.sources import webhook
from oteo.sources.health import health
from oteo.sources.poll import plain
from oteo.store import Store, words_of
from oteo.store.schema import utcnow
from oteo.text import decode_bytes
from oteo.web import auth
from oteo.web.charts import hourly, sparkline_svg, timeline_svg

#: the largest number a stored row may have (SQLite's and PostgreSQL's 64-bit integers):
#: a larger one in an address or a form names nothing, and the query would fail on it
MAX_ID = 2**63 - 1
#: a row's number in an address
RowId = Annotated[int, InPath(ge=1, le=MAX_ID)]

HERE = Path(__file__).parent
COOKIE = "oteo_lang"
SESSION = "oteo_session"
LOGIN_CSRF = "oteo_login"
SESSION_DAYS = 7
#: what an unknown user name is checked against (same cost as a real one)
DUMMY_HASH = auth.hash_password(auth.new_secret())
#: seconds between two looks for news on a live page
LIVE_EVERY = 2.0
#: what anyone may open: the sign-in page, assets, signed acknowledge links, webhooks
PUBLIC = ("/login", "/static/", "/ack/", "/hooks/", "/openapi.json", "/favicon.ico")


def create_app(config: Config, store: Store, *, now: Any = None) -> FastAPI:
    """The ASGI app.  ``now`` (a callable) lets a replayed demo show its own time."""
    tz = config.tz
    clock = now or utcnow
    # every configured watch has its page, also before oteo has listened to it
    store.sync_watches((w.name, w.title, w.query) for w in config.watches)
    app = FastAPI(title="oteo", docs_url=None, redoc_url=None, version="0.1.0")
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    env = Environment(
        loader=FileSystemLoader(HERE / "templates"), autoescape=select_autoescape(["html"])
    )

    def local(value: datetime | None, fmt: str = "%d/%m %H:%M") -> str:
        return value.astimezone(tz).strftime(fmt) if value else "—"

    env.filters["local"] = local
    env.filters["num"] = number
    env.filters["span"] = span  # minutes
    env.filters["duration"] = lambda d, lang: span(d.total_seconds() / 60, lang)  # a timedelta
    env.filters["dec"] = decimal
    env.filters["severity"] = lambda v, lang: severity_label(int(v), lang)
    env.filters["sevkey"] = lambda v: Severity(int(v)).key
    env.filters["target"] = masked_target
    # a config word by its name where oteo knows it, else as the config writes it
    env.filters["named"] = named
    env.filters["days"] = lambda alias, lang: named(day_key(alias), "days", lang)
    env.globals["troll_note"] = troll_flag
    env.globals["attack_note"] = attack_flag
    managers: list[IncidentManager] = []

    def manager() -> IncidentManager:
        if not managers:
            managers.append(
                IncidentManager(config, store, store.watch_ids(), Notifier(store, config.notify))
            )
        return managers[0]

    def lang_of(request: Request) -> str:
        user = getattr(request.state, "user", None) or {}
        wanted = (
            request.query_params.get("lang")
            or request.cookies.get(COOKIE)
            or user.get("lang")
            or config.lang
        )
        return wanted if wanted in LANGS else config.lang

    def render(request: Request, name: str, status_code: int = 200, **context: Any) -> HTMLResponse:
        lang = lang_of(request)
        user = getattr(request.state, "user", None)
        html = env.get_template(name).render(
            lang=lang,
            t=lambda key, **kw: t(key, lang, **kw),
            brand=config.brand.name,
            now=clock(),
            # when the last mention came in (signed-in pages only): a stopped listening shows
            last_received=store.last_received() if user else None,
            request_path=request.url.path,
            user=user,
            can=lambda role: auth.allowed((user or {}).get("role"), role),
            **context,
        )
        response = HTMLResponse(html, status_code=status_code)
        if request.query_params.get("lang") in LANGS:
            response.set_cookie(COOKIE, lang, max_age=365 * 86400, samesite="lax", httponly=True)
        response.headers["Content-Security-Policy"] = (
            "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'"
        )
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "same-origin"
        return response

    def chart_labels(lang: str) -> dict[str, str]:
        return {
            k: t("web.chart." + k, lang)
            for k in ("title", "band", "volume", "negative", "usual_negative", "alert")
        }

    def watch_summary(watch: dict[str, Any], since: datetime, until: datetime) -> dict[str, Any]:
        signals = store.signals(watch["id"], since, until)
        points = hourly(signals, since, until)
        volume = sum(p.volume for p in points)
        negative = sum(p.negative for p in points)
        alerts = store.alerts(watch["id"], since)
        return {
            "watch": watch,
            "volume": int(volume),
            "negative": int(negative),
            "share": negative / volume if volume else 0.0,
            "points": points,
            # a drill's alerts are not the brand's (its posts are not in the counts either)
            "alerts": [a for a in alerts if not a["drill"]],
            "drills": [a for a in alerts if a["drill"]],
        }

    def template_ids(kinds: tuple[str, ...], fits: tuple[str, ...] = ()) -> list[tuple[str, bool]]:
        from oteo.respond.templates import listed

        return listed(config.respond.templates, kinds, fits)

    # ------------------------------------------------------------------ who is asking

    limiter = auth.LoginLimiter()
    secure = config.notify.base_url.startswith("https://")

    def identify(request: Request) -> dict[str, Any] | None:
        """The user behind an API token or a session cookie, or None."""
        now = utcnow()
        bearer = request.headers.get("authorization", "")
        if bearer.lower().startswith("bearer "):
            return store.token_user(auth.digest(bearer[7:].strip()), now)
        cookie = request.cookies.get(SESSION)
        return store.session_user(auth.digest(cookie), now) if cookie else None

    @app.middleware("http")
    async def signed_in(request: Request, call_next: Any) -> Response:
        path = request.url.path
        request.state.user = await run_in_threadpool(identify, request)
        if request.state.user is None and not path.startswith(PUBLIC):
            if path.startswith("/api/"):
                return JSONResponse(
                    {"detail": "sign in, or send an API token (Authorization: Bearer …)"},
                    status_code=401,
                    headers={"WWW-Authenticate": "Bearer"},
                )
            target = path + (f"?{request.url.query}" if request.url.query else "")
            return RedirectResponse("/login?" + urlencode({"next": target}), status_code=303)
        return await call_next(request)

    def need(request: Request, role: str, csrf: str | None = None) -> dict[str, Any]:
        """The signed-in user, if their role allows ``role``'s actions; a form's
        ``csrf`` (every POST passes one, "" when missing) must be their session's."""
        user = request.state.user
        if user is None or not auth.allowed(user["role"], role):
            raise HTTPException(403, t("web.forbidden", lang_of(request), role=role))
        if csrf is not None and "csrf" in user and not hmac.compare_digest(csrf, user["csrf"]):
            raise HTTPException(403, t("web.csrf", lang_of(request)))
        return user

    def login_page(
        request: Request, next_: str, error: str | None = None, status_code: int = 200
    ) -> HTMLResponse:
        # one token per browser while it signs in: a second tab, or the favicon the
        # browser asks for on its own, must not invalidate the form already shown
        token = request.cookies.get(LOGIN_CSRF) or auth.new_secret()
        response = render(
            request,
            "login.html",
            status_code=status_code,
            next=_local_path(next_),
            csrf=token,
            error=error,
            setup=store.user_count() == 0,
        )
        response.set_cookie(
            LOGIN_CSRF, token, max_age=3600, samesite="strict", httponly=True, secure=secure
        )
        return response

    @app.get("/favicon.ico")
    def favicon() -> Response:
        return Response(status_code=204)

    @app.get("/login", response_class=HTMLResponse)
    def login_form(request: Request, next: str = "/") -> HTMLResponse:
        return login_page(request, next)

    @app.post("/login", response_class=HTMLResponse)
    def login(
        request: Request,
        username: str = Form(""),
        password: str = Form(""),
        csrf: str = Form(""),
        next: str = Form("/"),
    ) -> Response:
        lang = lang_of(request)
        expected = request.cookies.get(LOGIN_CSRF, "")
        if not expected or not hmac.compare_digest(csrf, expected):
            return login_page(request, next, t("web.csrf", lang), 403)
        name = username.strip()[:64]
        keys = ("user:" + name.lower(), "ip:" + (request.client.host if request.client else "?"))
        if limiter.blocked(keys):
            return login_page(request, next, t("web.login.too_many", lang), 429)
        user = store.user(name)
        now = utcnow()
        # an unknown name costs a hash as well, so timing does not tell who exists
        stored = user["password"] if user else DUMMY_HASH
        if not auth.verify_password(password, stored) or user is None or user["disabled"]:
            limiter.failed(keys)
            store.audit(name or "?", "user.login_failed", f"user:{name}", {}, at=now)
            return login_page(request, next, t("web.login.wrong", lang), 401)
        limiter.succeeded(keys)
        session = auth.new_secret()
        store.add_session(
            {
                "digest": auth.digest(session),
                "user_id": user["id"],
                "csrf": auth.new_secret(),
                "created_at": now,
                "expires_at": now + timedelta(days=SESSION_DAYS),
            }
        )
        store.audit(name, "user.login", f"user:{name}", {}, at=now)
        response = RedirectResponse(_local_path(next), status_code=303)
        response.set_cookie(
            SESSION,
            session,
            max_age=SESSION_DAYS * 86400,
            samesite="lax",
            httponly=True,
            secure=secure,
        )
        response.delete_cookie(LOGIN_CSRF)
        return response

    @app.post("/logout")
    def logout(request: Request, csrf: str = Form("")) -> Response:
        user = need(request, "viewer", csrf)
        store.end_session(auth.digest(request.cookies.get(SESSION, "")))
        store.audit(user["username"], "user.logout", f"user:{user['username']}", {}, at=utcnow())
        response = RedirectResponse("/login", status_code=303)
        response.delete_cookie(SESSION)
        return response

    # ------------------------------------------------------------------ pages

    @app.get("/", response_class=HTMLResponse)
    def overview(request: Request) -> HTMLResponse:
        lang = lang_of(request)
        until = clock()
        since = until - timedelta(days=7)
        watches = []
        for w in store.watches():
            summary = watch_summary(w, since, until)
            summary["spark"] = Markup(
                sparkline_svg([p.volume for p in summary["points"]], t("web.chart.volume", lang))
            )
            summary["spark_neg"] = Markup(
                sparkline_svg(
                    [p.negative_authors for p in summary["points"]], t("web.chart.negative", lang)
                )
            )
            watches.append(summary)
        return render(
            request,
            "overview.html",
            watches=watches,
            incidents=store.incidents(open_only=True),
            inbox=store.inbox_count(),
            sources=health(config, store, clock()),
        )

    @app.get("/watches/{name}", response_class=HTMLResponse)
    def watch_page(request: Request, name: str, days: int = 7) -> HTMLResponse:
        lang = lang_of(request)
        watch = store.watch(name)
        if watch is None:
            raise HTTPException(404, t("web.not_found", lang))
        days = min(max(days, 1), 90)
        until = clock()
        since = until - timedelta(days=days)
        # a watch silent for the whole period (an imported history, a paused source)
        # shows the period up to its last mention instead of an empty chart
        anchored = store.last_received(watch["id"])
        if anchored is not None and anchored < since:
            until = anchored.replace(minute=0, second=0, microsecond=0) + timedelta(hours=1)
            since = until - timedelta(days=days)
        else:
            anchored = None
        summary = watch_summary(watch, since, until)
        chart = Markup(
            timeline_svg(
                summary["points"], [a["at"] for a in summary["alerts"]], chart_labels(lang), tz
            )
        )
        negative = store.recent_mentions(watch["id"], limit=30, negative_only=True)
        channels = store.channel_counts(watch["id"], since, until)
        return render(
            request,
            "watch.html",
            s=summary,
            chart=chart,
            days=days,
            negative=negative,
            channels=channels,
            anchored=anchored,
        )

    @app.get("/incidents/{incident_id}", response_class=HTMLResponse)
    def incident_page(request: Request, incident_id: RowId) -> HTMLResponse:
        from oteo.respond.templates import STATEMENTS, playbooks

        lang = lang_of(request)
        incident = store.incident(incident_id)
        if incident is None:
            raise HTTPException(404, t("web.not_found", lang))
        events = store.incident_events(incident_id)
        why = incident.get("why") or {}
        listed = store.incident_mentions(incident_id, limit=INCIDENT_POSTS)
        groups = by_theme(listed)
        return render(
            request,
            "incident.html",
            i=incident,
            why=why,
            why_lines=why_lines(why.get("signals") or {}, lang),
            window_minutes=window_minutes(why.get("signals") or {}),
            events=events,
            checklist=checklist(events),
            stakeholders=config.stakeholders,
            emergency=config.emergency,
            mentions=groups,
            # what is said, as its posts are grouped below (the latest alert's own
            # themes name the crisis in that moment's words); an incident kept before
            # themes were: its alert's
            themes=[label for label, _ in groups if label] or why.get("themes") or [],
            shown=len(listed),
            mention_count=store.incident_mention_count(incident_id),
            notifications=store.notifications(incident_id),
            moves=next_statuses(incident["status"]),
            assessment=ASSESSMENT,
            times=incident_times(incident, events),
            # the statements of the scenarios that fit it (who started it, its harm) first
            statements=template_ids(STATEMENTS, playbooks(incident)),
        )

    # ------------------------------------------------------------------ the team, templates, settings

    @app.get("/team", response_class=HTMLResponse)
    def team_page(request: Request) -> HTMLResponse:
        """Who is on call now, each level's escalation chain now, the rota's gaps in the
        coming week, and how to reach everyone (channels shown masked)."""
        from oteo.incidents.manager import escalation_chain
        from oteo.model import ESCALATING

        at = clock()
        people = config.people()
        schedule = config.schedule()
        chains = [(severity, escalation_chain(config, severity, at)) for severity in ESCALATING]
        return render(
            request,
            "team.html",
            people=list(people.values()),
            on_duty=[people[p] for p in schedule.on_duty(at) if p in people],
            chains=chains,
            gaps=schedule.gap_ranges(at) if config.rota.shifts else [],
            shifts=config.rota.shifts,
        )

    @app.get("/sources", response_class=HTMLResponse)
    def sources_page(request: Request, source: str | None = None) -> HTMLResponse:
        """Each source's health, and the items set aside in quarantine with the reason."""
        return render(
            request,
            "sources.html",
            sources=health(config, store, clock()),
            quarantined=store.quarantined(source, limit=100),
            source=source,
        )

    @app.get("/templates", response_class=HTMLResponse)
    def templates_page(request: Request) -> HTMLResponse:
        from oteo.respond.templates import catalogue

        found = sorted(
            catalogue(config.respond.templates).values(),
            key=lambda x: (x.scenario != "general", x.scenario, x.kind, x.id, x.lang),
        )
        return render(request, "templates.html", templates=found)

    @app.get("/settings", response_class=HTMLResponse)
    def settings_page(request: Request) -> HTMLResponse:
        """The config as oteo reads it (no secrets), and, for admins, users and tokens."""
        admin = auth.allowed(request.state.user["role"], "admin")  # signed in: the middleware
        return render(
            request,
            "settings.html",
            config=config,
            levels=[(sev, config.severity.level(sev)) for sev in Severity if sev],
            people=config.people(),
            users=store.users() if admin else [],
            tokens=store.tokens() if admin else [],
        )

    # ------------------------------------------------------------------ live pages

    @app.get("/events")
    async def events(request: Request, limit: int = 0) -> StreamingResponse:
        """Server-sent events: ``change`` whenever something the pages show changed
        (the script in ``static/live.js`` then refreshes the page's main part); a
        comment every 15 seconds keeps the connection open.  ``limit`` ends the stream
        after that many events (the browser reconnects on its own)."""

        async def stream() -> AsyncIterator[str]:
            marks = await run_in_threadpool(store.change_marks)
            yield f"event: hello\ndata: {json.dumps(marks)}\n\n"
            sent, quiet = 1, 0.0
            while not limit or sent < limit:
                await asyncio.sleep(LIVE_EVERY)
                if await request.is_disconnected():
                    return
                now = await run_in_threadpool(store.change_marks)
                if now != marks:
                    marks, sent, quiet = now, sent + 1, 0.0
                    yield f"event: change\ndata: {json.dumps(marks)}\n\n"
                else:
                    quiet += LIVE_EVERY
                    if quiet >= 15:
                        quiet = 0.0
                        yield ": still here\n\n"

        headers = {"Cache-Control": "no-store", "X-Accel-Buffering": "no"}
        return StreamingResponse(stream(), media_type="text/event-stream", headers=headers)

    # ------------------------------------------------------------------ acting from the pages
    # Every action is a POST with the session's CSRF token, allowed by the user's role,
    # done as the team member the user is (or, for incidents, under the user's name),
    # and recorded in the incident's timeline or the inbox's audit like the commands.

    def person_of(request: Request, user: dict[str, Any]) -> str:
        """The team member a user acts as (the desk's rules need one)."""
        if not user.get("person_id"):
            raise HTTPException(409, t("web.no_person", lang_of(request), user=user["username"]))
        return str(user["person_id"])

    def refused(request: Request, exc: Exception) -> HTTPException:
        return HTTPException(409, t(exc.key, lang_of(request), **exc.values))  # type: ignore[attr-defined]

    def back(path: str) -> RedirectResponse:
        return RedirectResponse(path, status_code=303)

    @app.post("/incidents/{incident_id}/act")
    def incident_act(
        request: Request,
        incident_id: RowId,
        csrf: str = Form(""),
        action: str = Form(""),
        status: str = Form(""),
        step: str = Form(""),
        done: bool = Form(True),
        text: str = Form(""),
        decision: bool = Form(False),
        origin: str = Form(""),
        category: str = Form(""),
        channel: str = Form(""),
    ) -> RedirectResponse:
        from oteo.incidents.manager import ProtocolError
        from oteo.model import IncidentStatus

        user = need(request, "responder", csrf)
        actor = user.get("person_id") or user["username"]
        m, now = manager(), clock()
        try:
            if action == "ack":
                m.acknowledge(incident_id, actor, now, via="web")
            elif action == "move":
                try:
                    target = IncidentStatus(status)
                except ValueError:
                    raise HTTPException(400, t("web.bad_form", lang_of(request))) from None
                # a triage may say who is behind it, what it is and where it began
                assessed = {"origin": origin, "category": category, "origin_channel": channel}
                data = {k: v for k, v in assessed.items() if v}
                m.move(incident_id, target, actor, now, note=text.strip() or None, data=data)
            elif action == "check":
                m.check(incident_id, step, actor, now, done)
            elif action == "note":
                m.note(incident_id, actor, now, text, "decision" if decision else "note")
            else:
                raise HTTPException(400, t("web.bad_form", lang_of(request)))
        except ProtocolError as exc:
            raise refused(request, exc) from None
        m.notifier.deliver(m.take_pending(), now)
        return back(f"/incidents/{incident_id}")

    @app.post("/inbox/act")
    def inbox_act(
        request: Request,
        csrf: str = Form(""),
        action: str = Form(""),
        ids: list[int] = Form(default=[]),
        to: str = Form(""),
    ) -> RedirectResponse:
        from oteo.respond.desk import Desk, DeskError

        user = need(request, "responder", csrf)
        by = person_of(request, user)
        try:
            Desk(config, store).act(ids, action, by, clock(), assignee=to or None)
        except DeskError as exc:
            raise refused(request, exc) from None
        return back("/inbox")

    @app.post("/inbox/moderate")
    def inbox_moderate(
        request: Request,
        csrf: str = Form(""),
        mention: Annotated[int, Form(ge=0, le=MAX_ID)] = 0,
        action: str = Form(""),
    ) -> RedirectResponse:
        """Hide, delete or block a post the policy allows it for (an insult, a threat,
        hate, spam); criticism is refused here, and overriding is for the terminal, with
        an audited reason."""
        from oteo.respond.desk import Desk, DeskError

        user = need(request, "approver", csrf)
        try:
            Desk(config, store).moderate(mention, action, person_of(request, user), clock())
        except DeskError as exc:
            raise refused(request, exc) from None
        return back("/inbox")

    @app.post("/responses/draft")
    def response_draft(
        request: Request,
        csrf: str = Form(""),
        kind: str = Form("reply"),
        item: int | None = Form(None),
        incident: int | None = Form(None),
        template: str = Form(""),
        text: str = Form(""),
    ) -> RedirectResponse:
        """A reply to an inbox item, or a statement for an incident, from a template or
        a text: it then waits for its approvals like one drafted with ``oteo respond``."""
        from oteo.respond.desk import Desk, DeskError

        user = need(request, "responder", csrf)
        by = person_of(request, user)
        try:
            Desk(config, store).draft(
                by=by,
                now=clock(),
                kind=kind,
                item=item,
                incident=incident,
                template=template or None,
                text=None if template else text,
            )
        except DeskError as exc:
            raise refused(request, exc) from None
        return back(f"/incidents/{incident}" if kind == "post" and incident else "/inbox")

    @app.post("/responses/{response_id}/decide")
    def response_decide(
        request: Request,
        response_id: RowId,
        csrf: str = Form(""),
        decision: str = Form(""),
        note: str = Form(""),
    ) -> RedirectResponse:
        from oteo.respond.desk import Desk, DeskError

        user = need(request, "approver", csrf)
        by = person_of(request, user)
        desk = Desk(config, store)
        try:
            if decision == "approve":
                desk.approve(response_id, by, clock(), accept_risk=note.strip() or None)
            elif decision == "reject":
                desk.reject(response_id, by, clock(), note.strip())
            else:
                raise HTTPException(400, t("web.bad_form", lang_of(request)))
        except DeskError as exc:
            raise refused(request, exc) from None
        return back("/inbox")

    # ------------------------------------------------------------------ acknowledge links
    # The link in a notification opens a page with one button: a GET never changes
    # anything, because mail scanners and chat previews open links on their own.

    def checked_link(lang: str, incident_id: int, p: str, e: str, s: str) -> dict[str, Any]:
        result = links.check(manager().secret, incident_id, p, e, s, clock())
        if result is links.LinkCheck.EXPIRED:
            raise HTTPException(410, t("web.ack.expired", lang))
        incident = store.incident(incident_id) if result is links.LinkCheck.OK else None
        if incident is None:
            raise HTTPException(403, t("web.ack.invalid", lang))
        return incident

    @app.get("/ack/{incident_id}", response_class=HTMLResponse)
    def ack_page(
        request: Request, incident_id: RowId, p: str = "", e: str = "", s: str = ""
    ) -> HTMLResponse:
        incident = checked_link(lang_of(request), incident_id, p, e, s)
        return render(request, "ack.html", i=incident, p=p, e=e, s=s, done=None)

    @app.post("/ack/{incident_id}", response_class=HTMLResponse)
    def ack(
        request: Request,
        incident_id: RowId,
        p: str = Form(""),
        e: str = Form(""),
        s: str = Form(""),
    ) -> HTMLResponse:
        incident = checked_link(lang_of(request), incident_id, p, e, s)
        m = manager()
        done = m.acknowledge(incident_id, p, clock(), via="link")
        if done:
            m.notifier.deliver(m.take_pending(), clock())
        return render(request, "ack.html", i=store.incident(incident_id) or incident, done=done)

    @app.get("/inbox", response_class=HTMLResponse)
    def inbox_page(request: Request) -> HTMLResponse:
        from oteo.respond.desk import INBOX_ACTIONS, MODERATION, Desk, moderation_grounds

        at = clock()
        items = Desk(config, store).queue(at, limit=200)
        for item in items:  # what the policy lets be hidden, deleted or blocked (S10)
            item["grounds"] = moderation_grounds(item, {"risk": item["risk"]})
        return render(
            request,
            "inbox.html",
            items=items,
            moderation=MODERATION,
            waiting=store.responses(["pending", "draft", "manual"], limit=50),
            actions=list(INBOX_ACTIONS),
            team=config.people().values(),
            replies=template_ids(("reply",)),
        )

    # ------------------------------------------------------------------ JSON API

    # ------------------------------------------------------------------ inbound webhooks

    hooks = {s.name: s for s in config.sources if s.type == "webhook" and s.name}

    @app.post("/hooks/{name}")
    async def hook(name: str, request: Request) -> JSONResponse:
        """A service pushes mentions: checked, kept, then answered (see
        :mod:`oteo.sources.webhook`)."""
        spec = hooks.get(name)
        if spec is None:
            return JSONResponse({"error": "no such hook"}, status_code=404)
        body = b""
        async for chunk in request.stream():
            body += chunk
            if len(body) > webhook.MAX_BODY:
                return JSONResponse({"error": "body too large"}, status_code=413)
        headers = {k.lower(): v for k, v in request.headers.items()}
        if not webhook.verified(spec, headers, body, time.time()):
            return JSONResponse({"error": "bad or missing signature"}, status_code=401)
        await run_in_threadpool(store.add_inbound, name, decode_bytes(body), utcnow())
        return JSONResponse({"ok": True})

    @app.get("/hooks/{name}")
    def hook_check(name: str, request: Request) -> Response:
        """Meta's subscription check: echo ``hub.challenge`` for the right token."""
        spec = hooks.get(name)
        token = str(plain(getattr(spec, "verify_token", None)) or "")
        q = request.query_params
        if (
            spec is None
            or not token
            or q.get("hub.mode") != "subscribe"
            or not hmac.compare_digest(q.get("hub.verify_token", ""), token)
        ):
            return Response("forbidden", status_code=403, media_type="text/plain")
        return Response(q.get("hub.challenge", "")[:200], media_type="text/plain")

    @app.get("/api/status")
    def api_status() -> dict[str, Any]:
        return {
            "brand": config.brand.name,
            "counts": store.counts(),
            "last_received": store.last_received(),
        }

    @app.get("/api/watches")
    def api_watches() -> list[dict[str, Any]]:
        until = clock()
        since = until - timedelta(days=1)
        out = []
        for w in store.watches():
            totals = store.watch_totals(w["id"], since)
            out.append(
                {"name": w["name"], "title": w["title"], "query": w["query"], "last_24h": totals}
            )
        return out

    @app.get("/api/incidents")
    def api_incidents(open_only: bool = False) -> list[dict[str, Any]]:
        return store.incidents(open_only=open_only)

    @app.get("/api/incidents/{incident_id}")
    def api_incident(incident_id: RowId) -> dict[str, Any]:
        incident = store.incident(incident_id)
        if incident is None:
            raise HTTPException(404, "not found")
        return {**incident, "events": store.incident_events(incident_id)}

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, exc: RequestValidationError) -> Response:
        """An address or a form oteo cannot read: the API answers as FastAPI does, a page
        says what went wrong (a number in the address that names nothing is not found)."""
        if request.url.path.startswith("/api/"):
            return await request_validation_exception_handler(request, exc)
        where = {str(e.get("loc", ("",))[0]) for e in exc.errors()}
        status, key = (
            (404, "web.not_found")
            if "path" in where
            else (400, "web.bad_form")
            if "body" in where
            else (400, "web.bad_address")
        )
        return http_error(request, HTTPException(status, t(key, lang_of(request))))

    @app.exception_handler(HTTPException)
    def http_error(request: Request, exc: HTTPException) -> Response:
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": exc.detail}, status_code=exc.status_code)
        return render(
            request,
            "error.html",
            status_code=exc.status_code,
            status=exc.status_code,
            detail=exc.detail,
        )

    return app


def _local_path(target: str) -> str:
    """Where to go after signing in: a path on this site, never another site."""
    if not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return target


def incident_times(
    incident: dict[str, Any], events: list[dict[str, Any]]
) -> list[tuple[str, float | None]]:
    """Minutes from the first post to detection, and from detection to the
    acknowledgement and to the first public response (None: not yet)."""

    def first(kind: str) -> datetime | None:
        return next((e["at"] for e in events if e["kind"] == kind), None)

    opened = incident["opened_at"]
    posted = ((incident.get("why") or {}).get("first_post") or {}).get("created_at")
    start = datetime.fromisoformat(posted) if isinstance(posted, str) else None

    def minutes(a: datetime | None, b: datetime | None) -> float | None:
        return None if a is None or b is None else (b - a).total_seconds() / 60

    return [
        ("detect", minutes(start, opened)),
        ("acknowledge", minutes(opened, incident.get("acknowledged_at"))),
        ("respond", minutes(opened, first("response_published"))),
    ]


def next_statuses(current: str) -> list[str]:
    """Where an incident may move from ``current`` (forward; monitoring back to responding)."""
    from oteo.incidents.manager import BACK, ORDER
    from oteo.model import IncidentStatus

    now = IncidentStatus(current)
    if now is IncidentStatus.CLOSED:
        return []
    ahead = [s.value for s in ORDER[ORDER.index(now) + 1 :]]
    return ahead + [b.value for a, b in BACK if a is now]


#: an incident's posts its page lists (by theme, see :func:`by_theme`)
INCIDENT_POSTS = 60


def by_theme(mentions: list[dict[str, Any]]) -> list[tuple[str | None, list[dict[str, Any]]]]:
    """An incident's posts grouped by the theme they were read in, in the order
    :meth:`Store.incident_mentions` gives them (those in none, ``None``, come last).
    What drove each of its alerts (their first themes) is one group, under the first
    such theme's name, when their names share a word or most of the posts of both speak
    of the same harm: a crisis raised three times is one "fiebre · cenar", though its
    later alerts name it by words that were rarer by then.  Oldest first within each."""
    from collections import Counter

    from oteo.understand.topics import label_terms

    drivers: dict[str, list[dict[str, Any]]] = {}
    for m in mentions:
        if m.get("theme") is not None and m.get("theme_rank") == 0:
            drivers.setdefault(m["theme"], []).append(m)

    def harm(posts: list[dict[str, Any]]) -> str | None:
        kinds = Counter(k for m in posts for k in set(words_of(m.get("harm"))))
        kind, n = kinds.most_common(1)[0] if kinds else (None, 0)
        return kind if 2 * n >= len(posts) else None

    # each group's name, and the words and harm of every driver gathered in it so far
    heads: list[tuple[str, set[str], set[str | None]]] = []
    alias: dict[str, str] = {}
    for label, posts in drivers.items():
        terms, kind = label_terms(label), harm(posts)
        head = next((h for h in heads if terms & h[1] or (kind is not None and kind in h[2])), None)
        if head is None:
            head = (label, set(), set())
            heads.append(head)
        head[1].update(terms)
        head[2].add(kind)
        alias[label] = head[0]
    groups: dict[str | None, list[dict[str, Any]]] = {}
    for m in mentions:
        theme = m.get("theme")
        if theme is not None and m.get("theme_rank") == 0:
            theme = alias[theme]
        groups.setdefault(theme, []).append(m)
    for posts in groups.values():  # a theme several alerts handed posts to: in time too
        posts.sort(key=lambda m: m["created_at"])
    return list(groups.items())


def checklist(events: list[dict[str, Any]]) -> list[tuple[str, bool]]:
    """The protocol's steps and whether each is done (the latest tick counts)."""
    done = dict.fromkeys(CHECKLIST, False)
    for e in events:
        if e["kind"] == "checklist" and e["data"].get("step") in done:
            done[e["data"]["step"]] = bool(e["data"].get("done"))
    return list(done.items())
