"""The web app in a real browser: Debian's headless Chromium, driven by Selenium with the
system's chromedriver (nothing is downloaded), against oteo's own server on a free
port.  A simulated crisis is replayed; an approver signs in, opens the incident,
acknowledges it, approves the reply waiting for her, and watches the overview update
by itself.  Screenshots of the main pages are kept in ``test-artifacts/``.

``scripts/test`` installs chromium and chromium-driver and sets OTEO_REQUIRE_BROWSER=1,
so there a missing browser fails the run; elsewhere the test is skipped.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console

from conftest import PASSWORD, add_user

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")
END = datetime(2026, 11, 13, 12, 0, tzinfo=UTC)

if not (CHROMIUM and DRIVER):
    if os.environ.get("OTEO_REQUIRE_BROWSER") == "1":
        pytest.fail(
            "chromium and chromedriver are required (OTEO_REQUIRE_BROWSER=1)", pytrace=False
        )
    pytest.skip("chromium or chromedriver not installed", allow_module_level=True)


@pytest.fixture
def crisis(tmp_path: Path) -> Any:
    from oteo.demo import replay

    result = replay(
        console=Console(file=StringIO()), lang="es", days=4, workspace=tmp_path, end=END
    )
    assert any(i["severity"] >= 3 for i in result.incidents), "the replay opened no incident"
    return result


@pytest.fixture
def server(crisis: Any) -> Iterator[str]:
    from oteo.web.app import create_app
    from oteo.web.serve import free_port, serve_until
    from oteo.web.serve import server as make_server

    port = free_port("127.0.0.1", 0)
    stop = asyncio.Event()
    loop = asyncio.new_event_loop()
    app = create_app(crisis.config, crisis.store, now=lambda: crisis.end)
    thread = threading.Thread(
        target=loop.run_until_complete,
        args=(serve_until(make_server(app, "127.0.0.1", port), stop),),
        daemon=True,
    )
    thread.start()
    yield f"http://127.0.0.1:{port}"
    loop.call_soon_threadsafe(stop.set)
    thread.join(timeout=15)


@pytest.fixture
def browser() -> Iterator[Any]:
    os.environ["SE_OFFLINE"] = "true"  # Selenium must never fetch a driver or browser
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM  # type: ignore[assignment]
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--window-size=1280,1000",
    ):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(executable_path=DRIVER), options=options)
    driver.set_page_load_timeout(30)
    yield driver
    driver.quit()


def shot(driver: Any, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    driver.save_screenshot(str(ARTIFACTS / f"{name}.png"))


def test_a_crisis_in_the_browser(crisis: Any, server: str, browser: Any) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as seen
    from selenium.webdriver.support.ui import WebDriverWait

    from oteo.incidents import IncidentManager
    from oteo.model import Alert, Severity
    from oteo.notify import Notifier
    from oteo.respond.desk import Desk

    store, config = crisis.store, crisis.config
    add_user(store, "marta", "approver")
    store.update_user(
        "marta", {"person_id": "marta"}, actor="test", at=datetime.now(UTC), action="user.link"
    )
    incident = max(crisis.incidents, key=lambda i: i["severity"])
    desk = Desk(config, store)
    item = next(r for r in desk.queue(crisis.end, limit=500) if r["incident"] == incident["id"])
    reply = desk.draft(by="lucia", now=crisis.end, item=item["id"], template="complaint", lang="es")
    assert reply["state"] == "pending"  # during an incident a reply needs an approval
    wait = WebDriverWait(browser, 20)

    browser.get(server + "/")
    assert "/login" in browser.current_url
    browser.find_element(By.NAME, "username").send_keys("marta")
    browser.find_element(By.NAME, "password").send_keys(PASSWORD)
    browser.find_element(By.CSS_SELECTOR, "form.login button").click()
    wait.until(seen.presence_of_element_located((By.CSS_SELECTOR, "form.who")))
    assert "Incidentes abiertos" in browser.page_source
    shot(browser, "overview")

    browser.find_element(By.CSS_SELECTOR, f"a[href='/incidents/{incident['id']}']").click()
    wait.until(seen.presence_of_element_located((By.ID, "ack")))
    shot(browser, "incident")
    browser.find_element(By.ID, "ack").click()
    wait.until(seen.invisibility_of_element_located((By.ID, "ack")))
    assert store.incident(incident["id"])["status"] == "acknowledged"
    assert any(
        e["kind"] == "acknowledged" and e["actor"] == "marta"
        for e in store.incident_events(incident["id"])
    )

    browser.get(server + "/inbox")
    form = browser.find_element(By.CSS_SELECTOR, f"form[action='/responses/{reply['id']}/decide']")
    form.find_element(By.CSS_SELECTOR, "button[value=approve]").click()
    wait.until(lambda d: desk.response(reply["id"])["state"] != "pending")
    assert [a["by"] for a in desk.response(reply["id"])["approvals"]] == ["marta"]
    shot(browser, "inbox")

    # the overview updates by itself when something new happens
    browser.get(server + "/")
    wait.until(seen.presence_of_element_located((By.CSS_SELECTOR, "form.who")))
    time.sleep(1)  # the page's event stream is connected
    manager = IncidentManager(config, store, store.watch_ids(), Notifier(store, config.notify))
    why = {"themes": ["app caída"], "signals": {}}
    new = manager.on_alert(
        Alert(
            config.watches[0].name,
            crisis.end + timedelta(days=2),
            Severity.LIGHT,
            3.0,
            "light",
            "customer",
            why,
            [],
        )
    )
    wait.until(lambda d: f"/incidents/{new.incident_id}" in d.page_source)
    assert browser.find_element(By.TAG_NAME, "body").get_attribute("data-live-updated")
    shot(browser, "overview-live")
