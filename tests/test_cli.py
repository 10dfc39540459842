from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from oteo.cli import app
from oteo.i18n import t

runner = CliRunner()


def test_init_writes_a_valid_config_in_each_language(tmp_path: Path) -> None:
    for lang in ("es", "en"):
        path = tmp_path / f"{lang}.yaml"
        result = runner.invoke(
            app, ["init", str(path), "--lang", lang, "--brand", "Panadería Olmo"]
        )
        assert result.exit_code == 0, result.output
        assert "Panadería Olmo" in path.read_text(encoding="utf-8")
        status = runner.invoke(app, ["status", "-c", str(path)])
        assert status.exit_code == 0, status.output
        # the watch it has not listened to yet is listed, with nothing heard
        assert re.search(r"panaderiaolmo\s+│ 0\s+│ —", status.output), status.output
    assert "Escuchas" in path.with_name("es.yaml").read_text(
        encoding="utf-8"
    ) or "Qué escuchar" in path.with_name("es.yaml").read_text(encoding="utf-8")


def test_init_refuses_to_overwrite(tmp_path: Path) -> None:
    path = tmp_path / "oteo.yaml"
    path.write_text("mine", encoding="utf-8")
    result = runner.invoke(app, ["init", str(path)])
    assert result.exit_code == 1
    assert path.read_text(encoding="utf-8") == "mine"


def test_bad_config_exits_1_with_the_line(tmp_path: Path) -> None:
    path = tmp_path / "oteo.yaml"
    path.write_text(
        "lang: es\nbrand: {name: X}\nwatches:\n  - {name: x, query: '(a OR'}\n", encoding="utf-8"
    )
    result = runner.invoke(app, ["status", "-c", str(path)])
    assert result.exit_code == 1
    assert f"{path}:4:" in result.output


def test_run_without_sources_explains(config_path: Path) -> None:
    result = runner.invoke(app, ["run", "-c", str(config_path), "--no-web"])
    assert result.exit_code == 1
    assert "No sources are configured" in result.output


def test_backtest_of_a_watch_with_nothing_stored_yet_or_a_span_backwards(
    config_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A new install's watch has no history: the backtest says so, no traceback; a
    span whose end comes before its start is a usage error, said in the reader's words."""
    monkeypatch.chdir(config_path.parent)
    runner = CliRunner()
    args = ["backtest", "lumbreburger", "-c", str(config_path)]
    empty = runner.invoke(app, [*args, "--lang", "en"])
    assert empty.exit_code == 0, empty.output
    assert "The watch lumbreburger has no stored mentions" in empty.output
    backwards = runner.invoke(
        app, [*args, "--lang", "es", "--since", "2026-12-05", "--until", "2026-12-01"]
    )
    assert backwards.exit_code == 2
    assert "--since (2026-12-05) debe ser anterior a --until (2026-12-01)" in backwards.output


@pytest.mark.parametrize(
    ("command", "folder"),
    [
        (["train"], "sentiment"),
        (["bench", "nab"], "nab"),
        (["bench", "understand"], "sentiment"),
        (["bench", "langid"], "sentiment"),
        (["bench", "offence"], "sentiment"),
        (["bench", "airlines"], "sentiment"),
    ],
)
def test_a_data_folder_without_the_public_data_is_a_clear_error(
    tmp_path: Path, command: list[str], folder: str
) -> None:
    result = CliRunner().invoke(app, [*command, "--data", str(tmp_path), "--lang", "en"])
    assert result.exit_code == 1
    assert f"{tmp_path} has no {folder}/ folder: give --data" in result.output
    assert "Traceback" not in result.output


def test_lang_after_a_command_that_has_no_lang_option_of_its_own(tmp_path: Path) -> None:
    """``--lang`` may stand after any command, as the README says, not only after
    those that read a config."""
    runner = CliRunner()
    missing = tmp_path / "none.txt"
    for args in (
        ["analyze", str(missing), "--lang", "es"],
        ["analyze", "--lang=es", str(missing)],
    ):
        result = runner.invoke(app, args)
        assert result.exit_code == 1, result.output
        assert f"El fichero {missing} no existe." in result.output
    nab = runner.invoke(app, ["bench", "nab", "--data", str(tmp_path), "--lang", "es"])
    assert nab.exit_code == 1 and "no tiene carpeta nab/" in nab.output
    scenarios = runner.invoke(app, ["sim", "list", "--lang", "en"])
    assert scenarios.exit_code == 0 and "Scenario" in scenarios.output
    alone = runner.invoke(app, ["analyze", str(missing), "--lang"])  # no value: Typer says so
    assert alone.exit_code == 2


def test_outputs_are_checked_before_the_work_and_their_folders_made(
    tmp_path: Path, config_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A path that cannot take the output is said before a long run, not in a
    traceback after it; a folder that does not exist yet is made."""
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    posts = tmp_path / "posts.txt"
    posts.write_text("Qué asco de servicio\n", encoding="utf-8")
    nested = tmp_path / "new" / "folder" / "out.jsonl"
    made = runner.invoke(app, ["analyze", str(posts), "-o", str(nested), "--lang", "en"])
    assert made.exit_code == 0, made.output
    assert len(nested.read_text(encoding="utf-8").splitlines()) == 1
    for args in (
        ["analyze", str(posts), "-o", str(tmp_path)],
        ["sim", "export", "--days", "1", "-o", str(tmp_path)],
        ["drill", "wrong_post", "-c", str(config_path), "-o", str(tmp_path)],
    ):
        result = runner.invoke(app, [*args, "--lang", "en"])
        assert result.exit_code == 1, (args, result.output)
        assert f"Cannot write {tmp_path}: Is a directory." in result.output
    assert not list(tmp_path.glob("*.truth.json"))  # nothing simulated
    bad = runner.invoke(app, ["sim", "export", "--brand", " ", "--lang", "en"])
    assert bad.exit_code == 2 and "--brand needs a name." in bad.output
    big = runner.invoke(
        app, ["sim", "export", "--days", "400", "--volume", "20000", "--lang", "en"]
    )
    assert big.exit_code == 2 and "8,000,000 ordinary mentions" in big.output
    assert not (tmp_path / "sim.jsonl").exists()


def test_help_is_in_the_language_asked_for_wherever_lang_stands() -> None:
    from oteo.__main__ import requested_lang

    env = {**os.environ, "OTEO_LANG": "en", "COLUMNS": "200"}

    def helped(*args: str) -> str:
        proc = subprocess.run(
            [sys.executable, "-m", "oteo", *args],
            capture_output=True,
            text=True,
            env=env,
            timeout=60,
        )
        assert proc.returncode == 0, proc.stderr
        return proc.stdout

    spanish = t("cli.inbox.list.help", "es")
    assert spanish != t("cli.inbox.list.help", "en")
    assert spanish in helped("--lang", "es", "inbox", "list", "--help")
    assert spanish in helped("inbox", "list", "--help", "--lang=es")
    assert t("cli.help", "es").split(",")[0] in helped("--lang", "es", "--help")
    assert t("cli.inbox.list.help", "en") in helped("inbox", "list", "--help")
    assert "Usage: oteo inbox list" in helped("inbox", "list", "--help")
    # the last --lang wins, as the command's own option would; nothing after "--" counts
    assert requested_lang(["--lang", "en", "demo", "--lang", "es"]) == "es"
    assert requested_lang(["--", "--lang", "es"]) is None and requested_lang(["--lang"]) is None


def test_typers_own_words_are_in_the_language_asked_for() -> None:
    """The frame Typer writes around oteo's help and its usage errors."""
    env = {**os.environ, "OTEO_LANG": "en", "COLUMNS": "200"}

    def oteo(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "oteo", *args],
            capture_output=True,
            text=True,
            env=env,
            timeout=60,
        )

    spanish = oteo("--lang", "es", "demo", "--help").stdout
    assert spanish.startswith("Uso: oteo demo [OPTIONS]")
    assert "\nOpciones:\n" in spanish and "Muestra esta ayuda y termina." in spanish
    assert "[por defecto: 7; 3<=x<=60]" in spanish and "default" not in spanish
    assert "\nÓrdenes:\n" in oteo("--lang", "es", "incident", "--help").stdout
    english = oteo("demo", "--help").stdout
    assert english.startswith("Usage: oteo demo") and "[default: 7;" in english

    wrong = oteo("--lang", "es", "demo", "--days", "1")
    assert wrong.returncode == 2
    assert "Prueba 'oteo demo --help' para ver la ayuda." in wrong.stderr
    assert "Error: Valor no válido para '--days': debe ser mayor o igual que 3" in wrong.stderr
    wrong = oteo("--lang", "es", "demo", "--dayz", "3")
    assert "Error: No existe la opción --dayz. ¿Quizá --days?" in wrong.stderr
    wrong = oteo("--lang", "es", "incident", "show")
    assert wrong.returncode == 2 and "Error: Falta el argumento 'incident'." in wrong.stderr
    wrong = oteo("--lang", "es", "nope")
    assert wrong.returncode == 2 and "Error: No existe la orden 'nope'." in wrong.stderr
    # a group called with nothing shows its help, as before
    bare = oteo("--lang", "es", "incident")
    assert (
        bare.returncode == 2 and "Uso: oteo incident" in bare.stderr and "Error" not in bare.stderr
    )
    wrong = oteo("demo", "--days", "1")
    assert "Invalid value for '--days': Input should be greater than or equal to 3" in wrong.stderr
    assert "Try 'oteo demo --help' for help." in wrong.stderr


def test_demo_no_serve_exits_zero_with_the_summary(tmp_path: Path) -> None:
    env = {**os.environ, "OTEO_LANG": "es", "COLUMNS": "200"}
    proc = subprocess.run(
        [sys.executable, "-m", "oteo", "demo", "--no-serve", "--workspace", str(tmp_path)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert "CRISIS" in proc.stdout
    assert "no se escaló" in proc.stdout
    assert (tmp_path / "truth.json").exists() and (tmp_path / "oteo.db").exists()


def test_demo_serves_the_dashboard_until_ctrl_c(tmp_path: Path) -> None:
    import http.cookiejar
    import re
    import signal
    import time
    import urllib.parse
    import urllib.request

    env = {**os.environ, "OTEO_LANG": "en", "COLUMNS": "200"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "oteo", "demo", "--workspace", str(tmp_path), "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        url = password = None
        deadline = time.monotonic() + 120
        while url is None and time.monotonic() < deadline:
            line = proc.stdout.readline()  # type: ignore[union-attr]
            said = re.search(r"with the password (\S+)", line)
            password = said.group(1) if said else password
            found = re.search(r"Dashboard: (http://127\.0\.0\.1:\d+/)", line)
            url = found.group(1) if found else None
        assert url and password, "the demo did not announce its dashboard and how to sign in"
        browser = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )
        for _ in range(50):
            try:
                form = browser.open(url + "login", timeout=5).read().decode()
                break
            except OSError:
                time.sleep(0.1)
        csrf = re.search(r'name="csrf" value="([^"]+)"', form).group(1)  # type: ignore[union-attr]
        fields = {"username": "demo", "password": password, "csrf": csrf, "next": "/"}
        page = browser.open(url + "login", urllib.parse.urlencode(fields).encode(), timeout=5)
        page = page.read().decode()  # the overview, after the redirect
        assert "Lumbre Burger" in page and "crisis" in page
        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=30) == 0
    finally:
        if proc.poll() is None:
            proc.kill()


def test_train_refuses_a_model_it_does_not_have_before_touching_anything(tmp_path: Path) -> None:
    cards = tmp_path / "cards"
    typo = runner.invoke(
        app, ["--lang", "en", "train", "--model", "sentiment_ES", "--cards", str(cards)]
    )
    assert typo.exit_code == 2 and "There is no model 'sentiment_ES'" in typo.output
    assert "sentiment_es" in typo.output and not cards.exists()
    nowhere = runner.invoke(app, ["--lang", "en", "train", "--data", str(tmp_path / "none")])
    assert nowhere.exit_code == 1


def test_lang_before_the_command_wins_over_the_configs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("OTEO_LANG", raising=False)
    path = tmp_path / "es.yaml"
    runner.invoke(app, ["init", str(path), "--lang", "es"])
    before = runner.invoke(app, ["--lang", "en", "status", "-c", str(path)])
    assert "is valid" in before.output, before.output  # it said "es válido": the config's
    assert "es válido" in runner.invoke(app, ["status", "-c", str(path)]).output
