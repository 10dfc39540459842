"""Every user-facing string exists in Spanish and English, and every key used exists."""

from __future__ import annotations

import re
from pathlib import Path

from oteo.i18n import placeholders, t
from oteo.messages import MESSAGES

SRC = Path(__file__).resolve().parents[1] / "src" / "oteo"


def test_every_message_has_both_languages_with_the_same_placeholders() -> None:
    for key, (en, es) in MESSAGES.items():
        assert en.strip() and es.strip(), key
        assert placeholders(en) == placeholders(es), key


def test_every_literal_key_used_in_the_code_exists() -> None:
    pattern = re.compile(
        r"""\bt\(\s*["']([a-z_]+(?:\.[a-z0-9_]+)+)["']"""
    )  # whole keys, not prefixes
    used = set()
    for path in list(SRC.rglob("*.py")) + list(SRC.rglob("*.html")):
        used |= set(pattern.findall(path.read_text(encoding="utf-8")))
    assert used, "no keys found: the pattern is wrong"
    missing = sorted(k for k in used if k not in MESSAGES)
    assert missing == []


def test_error_keys_have_fixes() -> None:
    for key in MESSAGES:
        if (
            key.startswith(("query.", "config."))
            and ".fix" not in key
            and key + ".fix" not in MESSAGES
        ):
            assert key in {
                "query.error",
                "config.error",
                "config.warning",
                "config.fix",
                "config.example_brand",
            } or key.startswith("config.kind."), key


def test_prefix_families_used_dynamically_are_complete() -> None:
    from oteo.model import Channel, IncidentStatus, Intent, Severity

    for s in Severity:
        assert t("severity." + s.key, "es")
    for status in IncidentStatus:
        assert t("status." + status.value, "es")
    for intent in Intent:
        assert t("intent." + intent.value, "es")
    for channel in Channel:
        assert t("channel." + channel.value, "es")
    from oteo.config import ACTIONS

    for action in ACTIONS:
        assert t("action." + action, "es")
    from oteo.model import CATEGORIES, ORIGINS
    from oteo.store.desk import INBOX_STATES, OPEN, RESPONSE_STATES, WAITING

    for category in CATEGORIES:
        assert t("category." + category, "es")
    for origin in ORIGINS:
        assert t("origin." + origin, "es")
    assert set(OPEN) | set(WAITING) <= set(INBOX_STATES)
    for state in INBOX_STATES:
        assert t("inbox." + state, "es")
    for state in RESPONSE_STATES:
        assert t("response." + state, "es")


def test_a_stretch_of_time_reads_as_people_say_it() -> None:
    from oteo.i18n import span

    said = [
        span(m, "es") for m in (None, 0.4, 45, 60, 121.1, 24 * 60, 2 * 24 * 60 + 250, 1_500_000)
    ]
    assert said == ["—", "0 min", "45 min", "1 h", "2 h 1 min", "1 d", "2 d 4 h", "1.041 d 16 h"]
    assert span(1_500_000, "en") == "1,041 d 16 h"


def test_a_measured_amount_reads_with_the_readers_decimal_mark() -> None:
    from oteo.i18n import decimal

    assert [decimal(v, "es") for v in (8.64, 0.5, 12.0, 1204.5, 0.004)] == [
        "8,64",
        "0,5",
        "12",
        "1.204,5",
        "0",
    ]
    assert decimal(1204.5, "en") == "1,204.5"


def test_a_moment_reads_as_the_teams_weekday_and_local_time() -> None:
    from datetime import UTC, datetime
    from zoneinfo import ZoneInfo

    from oteo.i18n import day_time

    at = datetime(2026, 11, 19, 22, 10, tzinfo=UTC)  # Thursday 23:10 in Madrid
    assert day_time(at, "es", tz=ZoneInfo("Europe/Madrid")) == "jue 19/11 23:10"
    assert day_time(at, "en") == "Thu 19/11 22:10"
    assert day_time(None, "es") == "—"  # never happened: a dash, as span() says


def test_typers_words_are_read_item_by_item_and_unknown_ones_kept() -> None:
    from oteo.cli_text import error_text, help_text
    from oteo.i18n import set_lang

    page = (
        "Usage: oteo x [OPTIONS]\n\nOptions:\n"
        "  --x  Foo.  [default: 7;\n      3<=x<=60]\n"
        "  --y  Bar.  [env var: OTEO_CONFIG; default: oteo.yaml; required]\n"
        "  --z  Baz [see docs]\n"
        "  --w  Qux.  [default:\n      30m]\n"
    )
    try:
        set_lang("es")
        spanish = help_text(page)
        assert spanish.startswith("Uso: oteo x [OPTIONS]\n\nOpciones:\n")
        assert "[por defecto: 7;\n      3<=x<=60]" in spanish
        assert "[variable de entorno: OTEO_CONFIG; por defecto: oteo.yaml; obligatorio]" in spanish
        assert "[see docs]" in spanish  # not Typer's: left as written
        assert "[por defecto:\n      30m]" in spanish
        assert (
            error_text("Invalid value for '--n': Input should be a valid integer, unable to parse")
            == "Valor no válido para '--n': debe ser un número entero"
        )
        assert (
            error_text("Invalid value for 'FILE': Path 'x.csv' does not exist.")
            == "Valor no válido para 'FILE': La ruta 'x.csv' no existe."
        )
        assert error_text("A phrase never seen") == "A phrase never seen"
        set_lang("en")
        assert help_text(page) == page
        assert error_text("Missing command.") == "Missing command."
    finally:
        set_lang(None)
