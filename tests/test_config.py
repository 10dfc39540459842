from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from oteo.config import ConfigError, load, load_text, render_example
from oteo.i18n import set_lang
from oteo.rota import day_key, make_schedule

MADRID = ZoneInfo("Europe/Madrid")


@pytest.mark.parametrize("lang", ["es", "en"])
def test_the_example_is_valid_and_complete(lang: str) -> None:
    config = load_text(render_example(lang, "Café L'Aurora"), "oteo.yaml")
    assert config.lang == lang
    assert config.brand.name == "Café L'Aurora"
    assert config.watches[0].compiled().terms  # the generated query parses
    assert {r for p in config.team for r in p.roles} >= {
        "community_manager",
        "communications_director",
        "general_manager",
        "legal",
        "spokesperson",
    }
    assert config.warnings == []  # the example rota leaves no hour uncovered
    assert config.stakeholders and config.emergency


def _error(text: str) -> ConfigError:
    with pytest.raises(ConfigError) as info:
        load_text(text, "brand.yaml")
    return info.value


def _line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


def test_errors_name_file_line_and_fix() -> None:
    text = render_example("en", "X")
    bad = text.replace("ack_timeout: 30m", "ack_timeout: 30 minutes").replace(
        "timezone: Europe/Madrid", "timezone: Europe/Madird"
    )
    err = _error(bad)
    by_where = {i.where: i for i in err.issues}
    tz = by_where["timezone"]
    assert (tz.file, tz.line) == ("brand.yaml", _line_of(bad, "Europe/Madird"))
    assert "Europe/Madrid" in tz.fix
    ack = by_where["severity.light.ack_timeout"]
    assert ack.line == _line_of(bad, "30 minutes")
    assert "2h" in ack.fix
    assert str(tz).startswith(f"brand.yaml:{tz.line}: error: timezone:")


def test_unknown_setting_suggests_the_close_one() -> None:
    text = render_example("en", "X").replace("    roles: [legal]", "    roles: [legal]\n    rol: x")
    (issue,) = _error(text).issues
    assert issue.where == "team[6].rol"
    assert issue.line == _line_of(text, "rol: x")
    assert "roles" in issue.fix


def test_query_errors_point_at_the_query_line_and_column() -> None:
    text = render_example("en", "X").replace("query: ", "query: '(lumbre OR' #", 1)
    (issue,) = _error(text).issues
    assert issue.where == "watches[0].query"
    assert issue.line == _line_of(text, "(lumbre OR")
    assert "column" in issue.message


def test_yaml_syntax_error_line() -> None:
    text = "lang: es\nbrand:\n  name: [unclosed\nwatches: []\n"
    (issue,) = _error(text).issues
    assert issue.line in (3, 4)
    assert "YAML" in issue.message


def test_references_across_sections() -> None:
    text = (
        render_example("en", "X")
        .replace("{who: noa, days", "{who: nadie, days")
        .replace(
            "contact: [on_call, role:communications_director]",
            "contact: [on_call, role:janitor, ghost]",
        )
    )
    err = _error(text)
    wheres = {i.where for i in err.issues}
    assert "rota.shifts[4].who" in wheres
    assert "severity.strong.contact[1]" in wheres  # role nobody has
    assert "severity.strong.contact[2]" in wheres  # unknown person


def test_duplicate_keys_and_repeated_ids() -> None:
    text = render_example("en", "X").replace("lang: en", "lang: en\nlang: es", 1)
    repeated = [i for i in _error(text).issues if "repeated" in i.message]
    assert repeated and repeated[0].fix == "keep a single 'lang'."
    text = render_example("en", "X").replace("  - id: sergio", "  - id: lucia")
    assert any("used twice" in i.message for i in _error(text).issues)


def test_messages_in_spanish() -> None:
    set_lang("es")
    issue = _error(
        render_example("es", "X").replace("timezone: Europe/Madrid", "timezone: Marte/Base")
    )
    assert "Zona horaria desconocida" in issue.issues[0].message
    assert "error" in str(issue.issues[0]) and "Solución" in str(issue.issues[0])


def test_file_problems(tmp_path: Path) -> None:
    missing = tmp_path / "nope.yaml"
    assert "oteo init" in _issues(missing)[0].fix
    latin1 = tmp_path / "latin1.yaml"
    latin1.write_bytes("lang: es\nbrand: {name: Caf\xe9}\n".encode("latin-1"))
    (issue,) = _issues(latin1)
    assert "UTF-8" in issue.message and issue.line == 2
    empty = tmp_path / "empty.yaml"
    empty.write_text("", encoding="utf-8")
    assert "key: value" in _issues(empty)[0].message


def _issues(path: Path):  # type: ignore[no-untyped-def]
    with pytest.raises(ConfigError) as info:
        load(path)
    return info.value.issues


def test_rota_gaps_are_warnings_not_errors() -> None:
    text = render_example("en", "X").replace(
        '    - {who: noa, days: [all, holidays], hours: "23:00-08:00"}\n', ""
    )
    config = load_text(text, "x.yaml")
    assert len(config.warnings) == 1
    assert "Nobody is listening" in config.warnings[0].message


def test_relative_sqlite_path_is_next_to_the_config(tmp_path: Path) -> None:
    path = tmp_path / "conf" / "oteo.yaml"
    path.parent.mkdir()
    path.write_text(render_example("en", "X", database="sqlite:///data/oteo.db"), encoding="utf-8")
    assert load(path).database_url() == f"sqlite:///{tmp_path}/conf/data/oteo.db"


def test_a_shifts_days_are_named_by_their_english_alias_in_either_language() -> None:
    assert [day_key(d) for d in ("laborables", "Sáb", "mie", "todos", "weekends", "sun")] == [
        "weekdays",
        "sat",
        "wed",
        "all",
        "weekends",
        "sun",
    ]
    assert day_key("someday") == "someday"  # never valid in a config, shown as written


def test_schedule_nights_weekends_holidays_and_time_zones() -> None:
    s = make_schedule(
        [
            (["ana"], ["weekdays"], "09:00-17:00", "Europe/Madrid"),
            (["luis"], ["weekends"], "10:00-22:00", "Europe/Madrid"),
            (["noa"], ["all"], "22:00-09:00", "Europe/Madrid"),
            (["mx"], ["holidays"], "00:00-24:00", "America/Mexico_City"),
        ],
        [date(2026, 12, 25)],
    )
    assert s.on_duty(datetime(2026, 11, 23, 10, tzinfo=MADRID)) == ["ana"]  # Monday morning
    assert s.on_duty(datetime(2026, 11, 24, 3, tzinfo=MADRID)) == ["noa"]  # night after Monday
    assert s.on_duty(datetime(2026, 11, 28, 12, tzinfo=MADRID)) == ["luis"]  # Saturday
    assert s.on_duty(datetime(2026, 11, 28, 9, 30, tzinfo=MADRID)) == []  # the gap
    # the night shift that started on the 24th (not a holiday) runs into Christmas morning
    assert s.on_duty(datetime(2026, 12, 25, 3, tzinfo=MADRID)) == ["noa"]
    # Christmas in Mexico City starts at 07:00 Madrid time
    assert s.on_duty(datetime(2026, 12, 25, 8, tzinfo=MADRID)) == ["noa", "mx"]
    # on a holiday only holiday shifts start: no weekday shift at noon, no night shift at 23:00
    assert s.on_duty(datetime(2026, 12, 25, 12, tzinfo=MADRID)) == ["mx"]
    assert s.on_duty(datetime(2026, 12, 25, 23, tzinfo=MADRID)) == ["mx"]


def test_resolve_contacts(config) -> None:  # type: ignore[no-untyped-def]
    monday_morning = datetime(2026, 11, 23, 10, tzinfo=MADRID)
    assert [p.id for p in config.resolve_contacts(["on_call"], monday_morning)] == ["lucia"]
    assert [p.id for p in config.resolve_contacts(["role:legal"], monday_morning)] == ["pablo"]
    assert len(config.resolve_contacts(["team"], monday_morning)) == len(config.team)


def test_secrets_come_from_the_environment_and_are_never_shown(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    text = render_example("en", "X").replace(
        "  base_url: http://127.0.0.1:8740",
        '  base_url: http://127.0.0.1:8740\n  telegram: {token: "${OTEO_TEST_TG}"}\n'
        '  smtp: {host: mail.example.com, password: "plain-secret"}',
    )
    monkeypatch.delenv("OTEO_TEST_TG", raising=False)
    err = _error(text)
    (issue,) = [i for i in err.issues if i.where == "notify.telegram.token"]
    assert "OTEO_TEST_TG" in issue.message and "export OTEO_TEST_TG" in issue.fix
    assert issue.line == _line_of(text, "OTEO_TEST_TG")
    monkeypatch.setenv("OTEO_TEST_TG", "123:from-env")
    config = load_text(text, "brand.yaml")
    assert config.notify.telegram.token.get_secret_value() == "123:from-env"
    assert config.notify.smtp.password.get_secret_value() == "plain-secret"
    shown = repr(config) + str(config.model_dump())
    assert "from-env" not in shown and "plain-secret" not in shown
