"""Signing in to the web app: users and roles, hashed passwords, sessions with CSRF
tokens, limited attempts, API tokens; and the commands that manage them."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from conftest import PASSWORD, add_user, login_csrf, signed_in
from oteo.cli import app
from oteo.config import Config, load, render_example
from oteo.store import Store
from oteo.web import auth
from oteo.web.app import create_app


def web(config: Config, store: Store) -> TestClient:
    return TestClient(create_app(config, store))


def test_passwords_are_salted_scrypt_hashes() -> None:
    one, two = auth.hash_password(PASSWORD), auth.hash_password(PASSWORD)
    assert one != two and one.startswith("scrypt$16384$8$1$") and PASSWORD not in one
    assert auth.verify_password(PASSWORD, one) and auth.verify_password(PASSWORD, two)
    assert not auth.verify_password(PASSWORD + " ", one)
    assert not auth.verify_password(PASSWORD, one[:-4] + "AAA=")
    assert not auth.verify_password(PASSWORD, "md5$whatever")
    assert [r for r in auth.ROLES if auth.allowed("approver", r)] == [
        "viewer",
        "responder",
        "approver",
    ]
    assert not auth.allowed(None, "viewer") and not auth.allowed("root", "viewer")


def test_nothing_but_the_sign_in_page_without_signing_in(config: Config, store: Store) -> None:
    client = web(config, store)
    first = client.get("/incidents/1?x=1", follow_redirects=False)
    assert (
        first.status_code == 303
        and first.headers["location"] == "/login?next=%2Fincidents%2F1%3Fx%3D1"
    )
    page = client.get("/login")
    assert "oteo user add NAME --role admin" in page.text  # nobody can sign in yet
    api = client.get("/api/status")
    assert api.status_code == 401 and api.headers["www-authenticate"] == "Bearer"
    assert client.get("/static/oteo.css").status_code == 200
    assert client.get("/openapi.json").status_code == 200


def test_sign_in_out_with_csrf_and_no_open_redirect(config: Config, store: Store) -> None:
    add_user(store, "ana", "viewer")
    client = web(config, store)
    assert login_csrf(client) == login_csrf(client)  # one token while this browser signs in
    no_cookie = TestClient(create_app(config, store)).post(
        "/login", data={"username": "ana", "password": PASSWORD, "csrf": "x"}
    )
    assert no_cookie.status_code == 403  # the form did not come from the sign-in page
    ok = client.post(
        "/login",
        data={
            "username": "ana",
            "password": PASSWORD,
            "csrf": login_csrf(client),
            "next": "//evil.example/x",
        },
        follow_redirects=False,
    )
    assert ok.status_code == 303 and ok.headers["location"] == "/"
    cookie = ok.headers["set-cookie"]
    assert "oteo_session=" in cookie and "HttpOnly" in cookie and "samesite=lax" in cookie.lower()
    home = client.get("/")
    assert home.status_code == 200 and "Ana" in home.text and "viewer" in home.text
    assert client.post("/logout", data={"csrf": "forged"}).status_code == 403
    csrf = home.text.split('name="csrf" value="')[1].split('"')[0]
    out = client.post("/logout", data={"csrf": csrf}, follow_redirects=False)
    assert out.status_code == 303
    assert client.get("/", follow_redirects=False).status_code == 303  # the session is over
    actions = [a["action"] for a in store.audit_log()]
    assert "user.login" in actions and "user.logout" in actions


def test_failed_sign_ins_are_limited_and_audited(config: Config, store: Store) -> None:
    add_user(store, "ana", "admin")
    client = web(config, store)
    for _ in range(5):
        wrong = client.post(
            "/login", data={"username": "ana", "password": "nope", "csrf": login_csrf(client)}
        )
        assert wrong.status_code == 401 and "Wrong user name or password" in wrong.text
    blocked = client.post(
        "/login", data={"username": "ana", "password": PASSWORD, "csrf": login_csrf(client)}
    )
    assert blocked.status_code == 429  # even with the right password, for a while
    failures = [a for a in store.audit_log() if a["action"] == "user.login_failed"]
    assert len(failures) == 5 and failures[0]["target"] == "user:ana"
    unknown = client.post(
        "/login", data={"username": "bob", "password": "x", "csrf": login_csrf(client)}
    )
    assert unknown.status_code == 429  # the same address is limited too


def test_each_user_reads_in_their_language(config: Config, store: Store) -> None:
    add_user(store, "marta", "viewer", lang="es")
    client = web(config, store)
    client.post(
        "/login", data={"username": "marta", "password": PASSWORD, "csrf": login_csrf(client)}
    )
    assert "Incidentes abiertos" in client.get("/").text
    assert "Open incidents" in client.get("/?lang=en").text


def test_user_and_token_commands(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "oteo.yaml"
    path.write_text(
        render_example("en", "Lumbre Burger", database=f"sqlite:///{tmp_path / 'o.db'}"), "utf-8"
    )
    cli = CliRunner()
    add = [
        "user",
        "add",
        "lucia",
        "--role",
        "responder",
        "--person",
        "lucia",
        "--password-stdin",
        "-c",
        str(path),
    ]
    assert cli.invoke(app, add, input=PASSWORD + "\n").exit_code == 0
    assert cli.invoke(app, add, input=PASSWORD + "\n").exit_code == 1  # already there
    # asked at the terminal: twice, in the reader's language, again until both agree
    typed = iter(["a-long-password", "a-long-passwrod", "a-long-password", "a-long-password"])
    asked: list[str] = []

    def terminal(prompt: str) -> str:
        asked.append(prompt)
        return next(typed)

    monkeypatch.setattr("getpass.getpass", terminal)
    prompted = cli.invoke(app, ["user", "add", "noa", "-c", str(path), "--lang", "es"])
    assert prompted.exit_code == 0, prompted.output
    assert asked == ["Nueva contraseña: ", "La misma contraseña otra vez: "] * 2
    assert "Las dos contraseñas no coinciden" in prompted.output
    short = cli.invoke(
        app, ["user", "add", "x", "--password-stdin", "-c", str(path)], input="short\n"
    )
    assert short.exit_code == 2 and "10" in short.output
    bad = cli.invoke(
        app,
        ["user", "add", "x", "--role", "root", "--password-stdin", "-c", str(path)],
        input=PASSWORD + "\n",
    )
    assert bad.exit_code == 2 and "viewer" in bad.output
    listed = cli.invoke(app, ["user", "list", "-c", str(path)])
    assert "lucia" in listed.output and "Lucía Ortega" in listed.output
    made = cli.invoke(app, ["token", "create", "lucia", "--name", "grafana", "-c", str(path)])
    assert made.exit_code == 0
    token = made.output.strip().splitlines()[-1]
    assert token.startswith("oteo_")
    config = load(path)
    store = Store(config.database_url())
    try:
        client = web(config, store)
        headers = {"Authorization": f"Bearer {token}"}
        assert client.get("/api/status", headers=headers).status_code == 200
        assert (
            client.get("/api/status", headers={"Authorization": "Bearer oteo_wrong"}).status_code
            == 401
        )
        assert token not in str(store.tokens())  # only its digest is kept
        assert cli.invoke(app, ["token", "revoke", "1", "-c", str(path)]).exit_code == 0
        assert client.get("/api/status", headers=headers).status_code == 401
        # a disabled user cannot sign in, and their sessions end
        browser = web(config, store)
        browser.post(
            "/login", data={"username": "lucia", "password": PASSWORD, "csrf": login_csrf(browser)}
        )
        assert browser.get("/", follow_redirects=False).status_code == 200
        assert cli.invoke(app, ["user", "disable", "lucia", "-c", str(path)]).exit_code == 0
        assert browser.get("/", follow_redirects=False).status_code == 303
        again = browser.post(
            "/login", data={"username": "lucia", "password": PASSWORD, "csrf": login_csrf(browser)}
        )
        assert again.status_code == 401
        assert cli.invoke(app, ["user", "disable", "nobody", "-c", str(path)]).exit_code == 1
    finally:
        store.close()


@pytest.mark.parametrize("role", ["viewer", "admin"])
def test_every_role_reads_the_pages(config: Config, store: Store, role: str) -> None:
    client = signed_in(web(config, store), store, role)
    for page in ("/", "/inbox", "/api/incidents"):
        assert client.get(page).status_code == 200


def test_cookies_are_secure_when_oteo_is_served_over_https(config: Config, store: Store) -> None:
    config.notify.base_url = "https://oteo.example.com"
    add_user(store, "ana", "viewer")
    plain = web(config, store)
    assert "secure" in plain.get("/login").headers["set-cookie"].lower()
    client = TestClient(create_app(config, store), base_url="https://testserver")
    ok = client.post(
        "/login",
        data={"username": "ana", "password": PASSWORD, "csrf": login_csrf(client)},
        follow_redirects=False,
    )
    assert ok.status_code == 303 and "secure" in ok.headers["set-cookie"].lower()
