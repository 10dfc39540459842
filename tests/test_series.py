"""oteo detect-series and the NAB scorer."""

from __future__ import annotations

import csv
import json
import math
import random
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from typer.testing import CliRunner

from oteo.cli import app
from oteo.detect import nab
from oteo.detect.series import SeriesDetector

runner = CliRunner()
START = datetime(2026, 3, 2, tzinfo=UTC)
STEP = timedelta(minutes=5)


def series(days: int, seed: int, spike_at: int | None = None) -> list[tuple[datetime, float]]:
    """Counts with a daily rhythm and Poisson noise, optionally a burst that lasts an hour."""
    rng = random.Random(seed)
    out = []
    for i in range(days * 288):
        at = START + i * STEP
        rate = 20 + 15 * math.sin(2 * math.pi * (at.hour + at.minute / 60) / 24)
        if spike_at is not None and spike_at <= i < spike_at + 12:
            rate *= 4
        # Poisson by inversion (random.Random has no poisson)
        k, p, u = 0, math.exp(-rate), rng.random()
        s = p
        while u > s and k < 1000:
            k += 1
            p *= rate / k
            s += p
        out.append((at, float(k)))
    return out


def run(points: list[tuple[datetime, float]]) -> list[tuple[float, bool]]:
    d = SeriesDetector()
    return [(p.score, p.alert) for p in (d.update(at, v) for at, v in points)]


# ---------------------------------------------------------------------- the detector


def test_a_burst_raises_one_alert_and_ordinary_days_stay_quiet() -> None:
    spike = 6 * 288 + 150
    out = run(series(8, seed=1, spike_at=spike))
    alerts = [i for i, (_, a) in enumerate(out) if a]
    assert any(spike <= i < spike + 6 for i in alerts), alerts  # within half an hour
    assert len([i for i in alerts if spike <= i < spike + 12]) == 1  # then quiet
    # the week before it: a handful of alerts at most over 1,700 five-minute points
    assert len([i for i in alerts if i < spike]) <= 3
    assert out[spike + 2][0] >= 0.5  # the score agrees with the alert


def test_detection_is_causal() -> None:
    points = series(5, seed=2, spike_at=4 * 288)
    full = run(points)
    for cut in (300, 1000, 4 * 288 + 5):
        assert run(points[:cut]) == full[:cut]


def test_state_survives_a_restart() -> None:
    points = series(4, seed=3, spike_at=3 * 288 + 40)
    full = run(points)
    d = SeriesDetector()
    first = [d.update(at, v) for at, v in points[:700]]
    saved = json.loads(json.dumps(d.state()))
    again = SeriesDetector(state=saved)
    rest = [again.update(at, v) for at, v in points[700:]]
    assert [(p.score, p.alert) for p in first + rest] == full


def test_a_level_shift_and_a_drop_are_seen() -> None:
    rng = random.Random(4)
    values = [100 + rng.gauss(0, 3) for _ in range(800)] + [
        160 + rng.gauss(0, 3) for _ in range(200)
    ]
    values += [5 + rng.gauss(0, 1) for _ in range(100)]  # the source goes nearly silent
    d = SeriesDetector()
    alerts = [i for i, v in enumerate(values) if d.update(START + i * STEP, v).alert]
    assert any(800 <= i < 806 for i in alerts)
    assert any(1000 <= i < 1006 for i in alerts)


def test_a_missing_daily_peak_is_seen() -> None:
    """The usual hours: a morning that stays flat when it always peaks is an anomaly,
    though no single point is out of the ordinary range."""
    for seed in (1, 2, 3):
        rng = random.Random(seed)
        points = series(10, seed)
        for i, (at, _) in enumerate(points):
            if i // 288 == 8 and 3 <= at.hour < 10:  # the peak (35 at 6:00) stays at 20
                points[i] = (at, float(sum(rng.random() < 0.2 for _ in range(100))))
        alerts = [i for i, (_, alert) in enumerate(run(points)) if alert]
        assert any(8 * 288 + 36 <= i < 8 * 288 + 120 for i in alerts), (seed, alerts)


def test_an_episode_ends_and_the_next_burst_alerts_again() -> None:
    """Chance alone crosses half the line every few dozen points of a calibrated score:
    an episode must end on the line itself, or a second burst hours after the first goes
    unheard."""
    for seed in (1, 2, 3):
        first, second = 6 * 288 + 12, 6 * 288 + 72  # 1:00 and 6:00
        points = series(8, seed, spike_at=first)
        burst = series(8, seed, spike_at=second)
        points[second : second + 12] = burst[second : second + 12]
        alerts = [i for i, (_, alert) in enumerate(run(points)) if alert]
        assert any(first <= i < first + 12 for i in alerts), (seed, alerts)
        assert any(second <= i < second + 12 for i in alerts), (seed, alerts)


def test_a_working_day_at_half_its_level_is_seen() -> None:
    """A square daily rhythm (busy 9 to 18, quiet at night) whose ninth day stays at
    half its usual level: the usual fit, which speaks only after two days of each hour,
    must not have learned its first days' errors as ordinary."""
    for seed in (1, 2, 3):
        rng = random.Random(seed)
        points = []
        for i in range(10 * 288):
            at = START + i * STEP
            level = 75.0 if 9 <= at.hour < 18 else 20.0
            if i // 288 == 8 and level > 20:
                level = 38.0
            points.append((at, level + rng.gauss(0, 2)))
        alerts = [i for i, (_, alert) in enumerate(run(points)) if alert]
        day = 8 * 288 + 9 * 12  # 9:00 of the ninth day
        assert any(day <= i < day + 9 * 12 for i in alerts), (seed, alerts)


def test_a_young_series_stays_quiet_when_the_usual_fit_starts_to_speak() -> None:
    """From its third day the usual fit speaks, hour by hour, with a history of a few
    values: a tail fitted on so few calls the next value rare."""
    alerts = [sum(alert for _, alert in run(series(4, seed))) for seed in range(1, 11)]
    assert sum(alerts) <= 6, alerts  # ten ordinary four-day series


def test_a_spike_that_comes_every_day_stops_being_news() -> None:
    """A job that spikes once a night, at a slightly different minute each time: its
    size is in the history, so it does not alert night after night."""
    rng = random.Random(5)
    points = []
    for day in range(12):
        spike = 36 + rng.randrange(-3, 4)  # about 03:00
        for j in range(288):
            value = rng.choice((0.066, 0.066, 0.068, 0.134))
            points.append(
                (START + (day * 288 + j) * STEP, 1.3 + 0.2 * rng.random() if j == spike else value)
            )
    nights = {i // 288 for i, (_, alert) in enumerate(run(points)) if alert and i >= 3 * 288}
    assert len(nights) <= 4, sorted(nights)  # of nine nights


def test_a_spike_far_above_the_usual_ones_is_news() -> None:
    """Spikes at hundreds of spreads (a quiet series that jumps now and then): the
    history tells them apart, so one half again as high as any before alerts."""
    for seed in (1, 2, 3):
        rng = random.Random(seed)
        points = []
        for day in range(12):
            spike = rng.randrange(288)
            for j in range(288):
                value = rng.choice((0.066, 0.066, 0.068, 0.134))
                if j == spike:
                    value = (2.4 if day == 11 else 1.4 + 0.2 * rng.random()) + value
                points.append((START + (day * 288 + j) * STEP, value))
        alerts = {i // 288 for i, (_, alert) in enumerate(run(points)) if alert and i >= 3 * 288}
        assert 11 in alerts, (seed, sorted(alerts))


def test_a_state_of_another_version_is_refused() -> None:
    saved = SeriesDetector().state()
    saved["version"] = 1
    with pytest.raises(ValueError, match="version"):
        SeriesDetector(state=saved)


def test_bad_values_are_refused() -> None:
    with pytest.raises(ValueError):
        SeriesDetector().update(START, math.nan)
    with pytest.raises(ValueError):
        SeriesDetector(sensitivity="paranoid")


# ---------------------------------------------------------------------- the command


def write_csv(path: Path, rows: list[tuple[str, str]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["timestamp", "value"])
        w.writerows(rows)


def test_detect_series_writes_one_row_per_input_row(tmp_path: Path) -> None:
    points = series(3, seed=5, spike_at=2 * 288 + 100)
    src, out = tmp_path / "in.csv", tmp_path / "out.csv"
    write_csv(src, [(at.strftime("%Y-%m-%d %H:%M:%S"), f"{v:g}") for at, v in points])
    result = runner.invoke(app, ["detect-series", str(src), "--out", str(out)])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert list(rows[0]) == ["timestamp", "value", "anomaly_score", "alert"]
    assert len(rows) == len(points)
    assert rows[0]["timestamp"] == "2026-03-02 00:00:00"
    assert all(r["alert"] in ("0", "1") and 0 <= float(r["anomaly_score"]) < 1 for r in rows)
    expected = [int(a) for _, a in run(points)]
    assert [int(r["alert"]) for r in rows] == expected
    assert sum(expected) >= 1


def test_detect_series_reports_bad_rows_and_keeps_the_rest(tmp_path: Path) -> None:
    src, out = tmp_path / "in.csv", tmp_path / "out.csv"
    write_csv(
        src,
        [
            ("2026-03-02 00:00:00", "3"),
            ("yesterday", "4"),
            ("2026-03-02 00:10:00", "lots"),
            ("2026-03-02 00:15:00", "inf"),
            ("2026-03-02 00:17:00", "1e308"),  # finite, but two of them overflow a sum
            ("1772410500", "6"),  # Unix seconds
        ],
    )
    with src.open("ab") as f:
        f.write(b"2026-03-02 00:25:00,\xff\xfe\n2026-03-02 00:30:00\n")
    result = runner.invoke(app, ["detect-series", str(src), "--out", str(out)])
    assert result.exit_code == 3
    assert "line 3" in result.output and "not a timestamp: yesterday" in result.output
    assert "line 4" in result.output and "not a finite number: lots" in result.output
    assert "line 6" in result.output and "out of range: 1e308" in result.output
    assert "line 5" in result.output and "line 8" in result.output and "line 9" in result.output
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert [r["value"] for r in rows] == ["3", "6"]


def test_detect_series_writes_rows_that_go_back_in_time_unscored(tmp_path: Path) -> None:
    src, out = tmp_path / "in.csv", tmp_path / "out.csv"
    write_csv(
        src,
        [
            ("2026-03-02 00:00:00", "3"),
            ("2026-03-02 00:10:00", "4"),
            ("2026-03-02 00:05:00", "9"),  # earlier than the row before it
            ("2026-03-02 00:10:00", "5"),  # the same moment again is not going back
            ("2026-03-02 00:15:00", "6"),
        ],
    )
    result = runner.invoke(app, ["--lang", "es", "detect-series", str(src), "--out", str(out)])
    assert result.exit_code == 0, result.output  # nothing was left out
    assert "línea 4: escrita con puntuación 0, sin puntuar ni aprender de ella" in result.output
    assert (
        "2026-03-02 00:05:00 es anterior a la fila de antes (2026-03-02 00:10:00)" in result.output
    )
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert [r["value"] for r in rows] == ["3", "4", "9", "5", "6"]  # one row per input row
    assert (rows[2]["anomaly_score"], rows[2]["alert"]) == ("0.0000", "0")
    # unlearned: the rows after it score as if it were not there
    write_csv(src, [(r["timestamp"], r["value"]) for i, r in enumerate(rows) if i != 2])
    result = runner.invoke(app, ["detect-series", str(src), "--out", str(tmp_path / "b.csv")])
    without = list(csv.DictReader((tmp_path / "b.csv").open(encoding="utf-8")))
    assert [r["anomaly_score"] for r in without] == [
        r["anomaly_score"] for i, r in enumerate(rows) if i != 2
    ]
    # a file written newest first: every row but the first is named up to a bound
    write_csv(src, [(f"2026-03-02 {h:02d}:00:00", "1") for h in range(23, -1, -1)])
    result = runner.invoke(app, ["--lang", "en", "detect-series", str(src), "--out", str(out)])
    assert result.exit_code == 0
    assert result.output.count("written with score 0") == 20
    assert "… and 3 more lines." in result.output
    assert "oldest first" in result.output
    assert len(list(csv.DictReader(out.open(encoding="utf-8")))) == 24


def test_detect_series_refuses_a_file_without_the_columns(tmp_path: Path) -> None:
    src = tmp_path / "in.csv"
    src.write_text("when,count\n2026-03-02,3\n", encoding="utf-8")
    result = runner.invoke(app, ["detect-series", str(src)])
    assert result.exit_code == 1
    assert "timestamp,value" in result.output
    result = runner.invoke(app, ["--lang", "es", "detect-series", str(tmp_path / "none.csv")])
    assert result.exit_code == 1
    assert "No se puede leer" in result.output
    src.write_text("timestamp,value\n2026-03-02 00:00:00,3\n", encoding="utf-8")
    loud = runner.invoke(app, ["--lang", "en", "detect-series", str(src), "--sensitivity", "max"])
    assert loud.exit_code == 2
    assert "'max' is not a sensitivity oteo knows (use one of: low, normal, high)" in loud.output


# ---------------------------------------------------------------------- the NAB scorer


def times(n: int) -> list[datetime]:
    return [START + i * STEP for i in range(n)]


def test_nab_perfect_and_null_detectors() -> None:
    t = times(1000)
    windows = [(t[400], t[449]), (t[700], t[749])]
    null = nab.score_file("f", t, [0.0] * 1000, windows)
    assert null.raw["standard"] == -2.0 and nab.normalised([null], "standard") == 0.0
    perfect = [1.0 if i in (400, 700) else 0.0 for i in range(1000)]
    s = nab.score_file("f", t, perfect, windows)
    assert nab.normalised([s], "standard") == pytest.approx(100.0)
    assert s.positions == [-1.0, -1.0]


def test_nab_rewards_early_detection_and_counts_only_the_first() -> None:
    t = times(1000)
    windows = [(t[400], t[499])]
    early = nab.score_file("f", t, [1.0 if i == 410 else 0.0 for i in range(1000)], windows)
    late = nab.score_file("f", t, [1.0 if i == 490 else 0.0 for i in range(1000)], windows)
    both = nab.score_file("f", t, [1.0 if i in (410, 490) else 0.0 for i in range(1000)], windows)
    assert 0.95 < early.raw["standard"] <= 1.0
    assert 0.0 < late.raw["standard"] < 0.3
    assert both.raw == early.raw and both.detected == 1


def test_nab_false_positives_cost_by_profile_and_probation_is_ignored() -> None:
    t = times(1000)
    windows = [(t[600], t[649])]
    decisions = [0.0] * 1000
    decisions[50] = 1.0  # in the probationary period (first 150 rows): ignored
    decisions[300] = 1.0  # before any window: a full false positive
    s = nab.score_file("f", t, decisions, windows)
    assert s.false_positives == 1
    assert s.raw["standard"] == pytest.approx(-1.0 - 0.11)
    assert s.raw["reward_low_FP"] == pytest.approx(-1.0 - 0.22)
    assert s.raw["reward_low_FN"] == pytest.approx(-2.0 - 0.11)
    # just after the window a detection costs less than far from it
    near = nab.score_file("f", t, [1.0 if i == 652 else 0.0 for i in range(1000)], windows)
    far = nab.score_file("f", t, [1.0 if i == 900 else 0.0 for i in range(1000)], windows)
    assert near.raw["standard"] > far.raw["standard"] == pytest.approx(-1.11)
    assert nab.probation(1000) == 150 and nab.probation(10_000) == 750


def test_nab_reads_its_label_format(tmp_path: Path) -> None:
    labels = tmp_path / "windows.json"
    labels.write_text(
        json.dumps({"c/f.csv": [["2026-03-02 01:00:00.000000", "2026-03-02 02:00:00.000000"]]}),
        encoding="utf-8",
    )
    loaded = nab.load_windows(labels)
    assert loaded["c/f.csv"] == [(START + timedelta(hours=1), START + timedelta(hours=2))]


def test_detect_series_reads_a_spanish_spreadsheet_and_survives_broken_files(
    tmp_path: Path,
) -> None:
    # Excel in Spanish: ";" between cells, a decimal comma, Windows-1252
    src, out = tmp_path / "hoja.csv", tmp_path / "out.csv"
    src.write_bytes(
        "timestamp;value;nota\n2026-03-02 00:00:00;1,5;señal\n"
        "2026-03-02 00:05:00;1.234,5;\n2026-03-02 00:10:00;2.5;\n".encode("cp1252")
    )
    result = runner.invoke(app, ["--lang", "en", "detect-series", str(src), "--out", str(out)])
    assert result.exit_code == 0, result.output
    values = [r["value"] for r in csv.DictReader(out.open(encoding="utf-8"))]
    assert values == ["1.5", "1234.5", "2.5"]

    # a cell past the size bound ends the reading with a clear reason; what came before
    # it is scored
    src.write_text(
        "timestamp,value\n2026-03-02 00:00:00,3\n2026-03-02 00:05:00,"
        + "9" * 8_100_000
        + "\n2026-03-02 00:10:00,4\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["--lang", "en", "detect-series", str(src), "--out", str(out)])
    assert result.exit_code == 3
    assert "line 3: skipped: not readable as CSV" in result.output
    assert "the lines after it are not read" in result.output
    assert [r["value"] for r in csv.DictReader(out.open(encoding="utf-8"))] == ["3"]

    # what a message shows of the file holds no control characters (no terminal escapes)
    src.write_bytes(b"time\x1b[2Jstamp,val\x07ue\n1,2\n")
    result = runner.invoke(app, ["--lang", "en", "detect-series", str(src)])
    assert result.exit_code == 1
    assert "found: time[2Jstamp,value" in result.output and "\x1b" not in result.output
