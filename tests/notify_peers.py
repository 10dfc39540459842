"""Real peers for the notification tests: an SMTP server (aiosmtpd) and an HTTP server
that records what each webhook receives and answers as the service would (its base,
``Peer``, serves the other local API servers too); and a team whose contacts point at
them."""

from __future__ import annotations

import base64
import json
import socket
import threading
from collections import deque
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email import message_from_bytes, policy
from email.message import EmailMessage
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

import yaml
from aiosmtpd.controller import Controller

from oteo.config import Config, load_text, render_example
from oteo.incidents import IncidentManager
from oteo.model import Alert, Severity
from oteo.notify import Notifier
from oteo.store import Store


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Request:
    method: str
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]
    body: bytes

    @property
    def json(self) -> Any:
        return json.loads(self.body) if self.body else None


@dataclass
class Raw:
    """A reply that is not JSON (a feed, a page), with its own headers."""

    body: bytes
    content_type: str = "application/xml"
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class Peer:
    """A threaded HTTP server that records every request and answers with
    :meth:`handle`; a path starting with a key of ``failures`` is answered with that
    key's statuses in turn (``"lost"``: handled, then answered 502), then normally."""

    requests: list[Request] = field(default_factory=list)
    failures: dict[str, deque[int | str]] = field(default_factory=dict)
    server: ThreadingHTTPServer | None = None

    @property
    def url(self) -> str:
        assert self.server is not None
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def start(self) -> Peer:
        peer = self

        class Handler(BaseHTTPRequestHandler):
            def _serve(self) -> None:
                parts = urlsplit(self.path)
                raw = self.rfile.read(int(self.headers.get("Content-Length", 0) or 0))
                headers = {k.lower(): v for k, v in self.headers.items()}
                request = Request(self.command, parts.path, parse_qs(parts.query), headers, raw)
                peer.requests.append(request)
                queue = next(
                    (q for p, q in peer.failures.items() if parts.path.startswith(p) and q), None
                )
                failure = queue.popleft() if queue else None
                extra: dict[str, str] = {}
                if isinstance(failure, int):
                    status, reply = failure, {"error": "failure on demand"}
                    if failure == 429:
                        extra = peer.rate_limit_headers()
                else:
                    status, reply = peer.handle(request)
                    if failure == "lost":
                        status, reply = 502, {"error": "bad gateway"}
                if isinstance(reply, Raw):
                    data, kind = reply.body, reply.content_type
                    extra.update(reply.headers)
                else:
                    data, kind = json.dumps(reply).encode(), "application/json"
                self.send_response(status)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(data)))
                for k, v in extra.items():
                    self.send_header(k, v)
                self.end_headers()
                self.wfile.write(data)

            do_GET = do_POST = _serve  # noqa: N815

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()

    def to(self, path: str) -> list[Request]:
        return [r for r in self.requests if r.path.startswith(path)]

    def rate_limit_headers(self) -> dict[str, str]:
        return {"Retry-After": "120"}

    def handle(self, request: Request) -> tuple[int, Any]:
        raise NotImplementedError


@dataclass
class HttpPeer(Peer):
    """The notification webhooks: each answers a POST as its service does."""

    def handle(self, request: Request) -> tuple[int, Any]:
        if "/bot" in request.path:  # Telegram
            return 200, {"ok": True, "result": {"message_id": 1}}
        return 200, {"status": "success"}


class _Mailbox:
    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []

    async def handle_DATA(self, server, session, envelope):  # type: ignore[no-untyped-def]  # noqa: N802
        self.messages.append(message_from_bytes(envelope.content, policy=policy.default))
        return "250 Message accepted for delivery"


class SmtpPeer:
    def __init__(self) -> None:
        self.box = _Mailbox()
        self.port = free_port()
        self.controller = Controller(self.box, hostname="127.0.0.1", port=self.port)

    @property
    def messages(self) -> list[EmailMessage]:
        return self.box.messages

    def start(self) -> SmtpPeer:
        self.controller.start()
        return self

    def stop(self) -> None:
        self.controller.stop()


XSS = "<script>alert(1)</script> <!channel> & *bold*"
WEBHOOK_KEY = b"a secret of thirty-two bytes ok!"
WEBHOOK_SECRET = "whsec_" + base64.b64encode(WEBHOOK_KEY).decode()
T0 = datetime(2026, 11, 16, 9, 0, tzinfo=UTC)  # Monday 10:00 in Madrid: Lucía listens


def make_config(http: str, smtp_port: int, **notify: object) -> Config:
    data = yaml.safe_load(render_example("en", "Lumbre Burger"))
    contacts = {
        "lucia": {
            "email": "lucia@example.com",
            "slack": f"{http}/slack/T000/B000/xyz",
            "telegram": "-100123",
        },
        "marta": {"pagerduty": "R0UT1NGKEY0000000000000000000000", "webhook": f"{http}/hook"},
        "sergio": {"teams": f"{http}/teams/workflow", "ntfy": f"{http}/oteo-alerts"},
    }
    for person in data["team"]:
        person["contacts"] = contacts.get(person["id"], {"email": f"{person['id']}@example.com"})
    data["notify"] = {
        "base_url": "https://oteo.example.com",
        "smtp": {"host": "127.0.0.1", "port": smtp_port, "sender": "oteo@example.com"},
        "telegram": {"token": "123456:SECRET-token", "api_url": http},
        "pagerduty": {"events_url": f"{http}/v2/enqueue"},
        "webhook": {"secret": WEBHOOK_SECRET},
        **notify,
    }
    return load_text(yaml.safe_dump(data, allow_unicode=True), "oteo.yaml")


def alert(config: Config, at: datetime, severity: Severity, drill: bool = False) -> Alert:
    why = {
        "signals": {"negative_authors": {"observed": 14, "expected": 1.5}},
        "first_post": {"text": XSS, "channel": "forum", "author": "ana", "followers": 120},
        "key_authors": [{"handle": "ana", "followers": 120, "posts": 3}],
        "themes": ["intoxicación"],
    }
    return Alert(config.watches[0].name, at, severity, 5.0, "strong", "customer", why, [], drill)


def manager_for(config: Config, store: Store) -> IncidentManager:
    ids = store.sync_watches((w.name, w.title, w.query) for w in config.watches)
    store.sync_people(config.people().values())
    return IncidentManager(config, store, ids, Notifier(store, config.notify))
