from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from oteo.cli import app

runner = CliRunner()


def test_init_writes_a_valid_config_in_each_language(tmp_path: Path) -> None:
    for lang in ("es", "en"):
        path = tmp_path / f"{lang}.yaml"
        result = runner.invoke(app, ["init", str(path), "--lang", lang, "--brand", "Panadería Olmo"])
        assert result.exit_code == 0, result.output
        assert "Panadería Olmo" in path.read_text(encoding="utf-8")
        status = runner.invoke(app, ["status", "-c", str(path)])
        assert status.exit_code == 0, status.output
    assert "Escuchas" in path.with_name("es.yaml").read_text(encoding="utf-8") or "Qué escuchar" in path.with_name("es.yaml").read_text(encoding="utf-8")


def test_init_refuses_to_overwrite(tmp_path: Path) -> None:
    path = tmp_path / "oteo.yaml"
    path.write_text("mine", encoding="utf-8")
    result = runner.invoke(app, ["init", str(path)])
    assert result.exit_code == 1
    assert path.read_text(encoding="utf-8") == "mine"


def test_bad_config_exits_1_with_the_line(tmp_path: Path) -> None:
    path = tmp_path / "oteo.yaml"
    path.write_text("lang: es\nbrand: {name: X}\nwatches:\n  - {name: x, query: '(a OR'}\n", encoding="utf-8")
    result = runner.invoke(app, ["status", "-c", str(path)])
    assert result.exit_code == 1
    assert f"{path}:4:" in result.output


def test_run_without_sources_explains(config_path: Path) -> None:
    result = runner.invoke(app, ["run", "-c", str(config_path), "--no-web"])
    assert result.exit_code == 1
    assert "No sources are configured" in result.output


def test_demo_no_serve_exits_zero_with_the_summary(tmp_path: Path) -> None:
    env = {**os.environ, "OTEO_LANG": "es", "COLUMNS": "200"}
    proc = subprocess.run(
        [sys.executable, "-m", "oteo.cli", "demo", "--no-serve", "--workspace", str(tmp_path)],
        capture_output=True, text=True, env=env, timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert "CRISIS" in proc.stdout
    assert "no se escaló" in proc.stdout
    assert (tmp_path / "truth.json").exists() and (tmp_path / "oteo.db").exists()
