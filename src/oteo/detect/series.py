"""Anomalies in one series of numbers: ``oteo detect-series`` and its benchmark.

A watch's detector works on people and posts; this one works on a bare volume
series (``timestamp,value``, the Numenta Anomaly Benchmark format), so users can
backtest the counts they exported from any tool and we can measure on public data.

Each point is compared with what two fits of the past expect:

* the *recent* fit: a fast-moving level plus a profile by hour of a working or a weekend
  day, with three views of its residual: the point itself, a short average (a few
  points) and a long one (about two hours at 5-minute steps), so spikes, bursts and
  level shifts are all seen;
* the *usual* fit: a level of the last few days plus the same kind of profile (a morning
  that stays flat when it always peaks), with two views;
* each view is divided by its own running mean absolute deviation and *calibrated*
  against its own history: a decaying histogram of the values it took (on a log scale,
  so spikes at hundreds of spreads are told apart), with an exponential tail fitted
  above its 98th percentile (peaks over threshold, as in extreme value theory), gives
  ``-log10 P(view ≥ now)``, never rarer than the histogram itself has seen (a spike that
  comes every night is not news; far out, one within a quarter of its size is not
  either);
* the surprise is the largest of the views; ``anomaly_score = s / (s + threshold)``,
  0.5 exactly at the alert threshold.

Alerts follow the watches' rules: an alert when the surprise first crosses the
threshold, then quiet until it doubles (the situation clearly worsens) or no point has
reached the threshold for the cool-down (it ended; the surprise is calibrated, so half
the threshold is crossed every few dozen points by chance and would keep an episode
open for days, deaf to the next anomaly).  Updates clip outliers, and during the first
half day of an alert learn unusual values ten times slower, so an anomaly does not
become the norm (only its first point enters the views' histories), and ordinary ones
at full speed, so the fits keep up with the day once it is over; a change that lasts
longer is the new normal of both fits.  The usual fit's views start their histories
only once it speaks for that hour: its errors while it learns the profile are not the
ones it makes later, and would make real anomalies look ordinary.  A view says nothing
before its history holds MIN_HISTORY values (a tail fitted on a handful calls the next
one rare).

Every update uses only the past, costs a constant amount of work, and the state is a
few hundred numbers (:meth:`SeriesDetector.state`).  Nothing is tuned per series.
"""

from __future__ import annotations

import bisect
import csv
import itertools
import math
import operator
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, BinaryIO, TextIO

from oteo.sources.files import csv_rows, csv_text
from oteo.text import clean_text

#: the alert threshold on the surprise (-log10 of a tail probability) per sensitivity
SERIES_SENSITIVITY = {"low": 3.25, "normal": 2.75, "high": 2.25}
#: histogram of the standardised views, on a log scale up to Z_MAX: a spiky series has a
#: tiny spread, so its spikes stand at hundreds of spreads and must still be told apart
BINS, Z_MAX = 300, 10_000.0
_STEP = math.log1p(Z_MAX) / BINS
_EDGES = [math.expm1(b * _STEP) for b in range(BINS + 1)]  # bin b: [_EDGES[b], _EDGES[b + 1])
_MIDS = [(lo + hi) / 2.0 for lo, hi in itertools.pairwise(_EDGES)]
TAIL_QUANTILE = 0.98
#: standardised sizes beyond FAR are compared within a factor SEEN_MARGIN (see TailModel)
SEEN_MARGIN, FAR = 1.25, 20.0
#: the largest value read (either sign): beyond it sums of a few values overflow
MAX_VALUE = 1e100
MIN_HISTORY = 144  # values a view must have taken before it says anything
HISTORY_HALFLIFE = 2016  # points: a week of 5-minute steps
LEVEL_HALFLIFE = 3  # points: the recent level follows the last few points closely
HOUR_HALFLIFE = 7  # visits of an hour: how fast the recent fit learns its profile
USUAL_DAYS = 3  # days: the half-life of the usual level and of each hour's place in it
SHORT, LONG = 6, 24  # points averaged by the short and the long view
WARMUP = 144  # points before any alert (half a day of 5-minute steps)
SLOW = 0.1  # learning weight during an alert...
NEW_NORMAL = 144  # ...for its first points; a change that lasts longer is the new normal
ESCALATE = 2.0  # an alert again when the surprise doubles
USUAL_SEEN = 2  # days an hour of the usual fit must have been seen before it speaks
STATE_VERSION = 3  # of SeriesDetector.state()


def _bin(x: float) -> int:
    return min(int(math.log1p(max(x, 0.0)) / _STEP), BINS - 1)


def _rate(halflife: float) -> float:
    return 1.0 - 0.5 ** (1.0 / max(halflife, 1.0))


class TailModel:
    """What values a standardised view has taken, with a fitted exponential tail.

    A decaying histogram (the decay is folded into a growing weight, so an update
    touches one bin) and, above its 98th percentile ``u``, ``P(X > x) = 0.02 ·
    exp(-(x - u) / β)`` with ``β`` the mean excess over ``u``; never below the share of
    the history at or above ``x``'s bin (the last bin holds everything beyond Z_MAX).
    """

    __slots__ = ("bins", "total", "weight", "growth")

    def __init__(self, halflife: float = HISTORY_HALFLIFE) -> None:
        self.bins = [0.0] * BINS
        self.total = 0.0
        self.weight = 1.0
        self.growth = 1.0 / (1.0 - _rate(halflife))

    def add(self, x: float) -> None:
        self.bins[_bin(x)] += self.weight
        self.total += self.weight
        self.weight *= self.growth
        if self.weight > 1e100:  # rescale long before floats overflow
            scale = 1.0 / self.weight
            self.bins = [b * scale for b in self.bins]
            self.total *= scale
            self.weight = 1.0

    def surprise(self, x: float) -> float:
        """``-log10 P(X >= x)`` under the history, 0 while it is too short to say."""
        bins, total = self.bins, self.total
        if total < MIN_HISTORY * self.weight:
            return 0.0
        # u: the top of the highest bin with at least 2% of the history at or above it
        target = (1.0 - TAIL_QUANTILE) * total
        above, edge = total, BINS - 1  # above: the history at or above bin b
        for b in range(BINS):
            if above - bins[b] < target:
                edge = b
                break
            above -= bins[b]
        u = _EDGES[edge + 1]
        # never rarer than the history says: what was seen is not that surprising, and
        # far out (beyond FAR spreads, where a spread is a poor yardstick) neither is
        # what comes within SEEN_MARGIN of it
        seen = sum(bins[_bin(min(x, max(x / SEEN_MARGIN, FAR))) :]) / total
        if x <= u:
            return -math.log10(max(seen, 1e-12))
        # the tail's scale: the mean excess over u, values beyond FAR counted as FAR (a
        # few huge ones, such as a series' first points, would flatten it); the bins
        # above the edge (sums and products in C, not a Python loop over the bins)
        cap = max(FAR, u)
        first = edge + 1
        weight = sum(bins[first:])
        beta = 0.0
        if weight:
            capped = bisect.bisect_left(_MIDS, cap, first)  # mids from here on count as cap
            excess = sum(map(operator.mul, bins[first:capped], _MIDS[first:capped]))
            excess += cap * sum(bins[capped:])
            beta = excess / weight - u
        beta = max(beta, 0.25 * u, 0.3)
        p = (1.0 - TAIL_QUANTILE) * math.exp(-(x - u) / beta)
        return -math.log10(max(p, seen, 1e-300))

    def state(self) -> dict[str, Any]:
        scale = 1.0 / self.weight
        return {"bins": [b * scale for b in self.bins], "total": self.total * scale}

    def restore(self, state: dict[str, Any]) -> None:
        self.bins = list(state["bins"])
        self.total = state["total"]
        self.weight = 1.0


class _View:
    """One smoothed view of the residual and its running scale."""

    __slots__ = ("alpha", "mean", "scale", "tail")

    def __init__(self, span: int) -> None:
        self.alpha = 2.0 / (span + 1.0)
        self.mean = 0.0
        self.scale = 0.0
        self.tail = TailModel()

    def sigma(self, floor: float) -> float:
        """The view's spread as a normal's σ (from its mean absolute deviation)."""
        return max(self.scale * 1.2533, floor)

    def z(self, residual: float, floor: float) -> float:
        """Standardised size of the view if ``residual`` is the new point."""
        mean = self.mean + self.alpha * (residual - self.mean)
        return abs(mean) / self.sigma(floor)

    def learn(self, residual: float, z: float, rate: float, calm: bool) -> None:
        self.mean += self.alpha * (residual - self.mean)
        self.scale += rate * (abs(self.mean) - self.scale)
        if calm:
            self.tail.add(z)


class _Fit:
    """One way of expecting the next value, a level plus a profile by slot of the day,
    and views of what it misses."""

    __slots__ = ("level", "profile", "visits", "views")

    def __init__(self, slots: int, spans: tuple[int, ...]) -> None:
        self.level = 0.0
        self.profile = [0.0] * slots
        self.visits = [0] * slots
        self.views = [_View(span) for span in spans]

    def residual(self, value: float, slot: int) -> float:
        return value - self.level - self.profile[slot]

    def rebase(self, value: float, slot: int) -> None:
        """Take ``value`` as the new normal at ``slot``."""
        self.level = value - self.profile[slot]
        for view in self.views:
            view.mean = 0.0

    def surprises(self, zs: list[float]) -> list[float]:
        return [v.tail.surprise(z) for v, z in zip(self.views, zs, strict=True)]

    def learn(
        self,
        residual: float,
        zs: list[float],
        slot: int,
        halflives: tuple[float, float],
        weight: float,
        floor: float,
        n: int,
        calm: bool,
    ) -> None:
        """Move towards the point (clipped, and ``weight`` times slower during an
        alert); ``halflives``: of the level in points, of the profile in visits."""
        limit = 3.0 * self.views[0].sigma(floor)
        clipped = min(max(residual, -limit), limit) if n > 10 else residual
        first = 1.0 / (n + 1)
        self.level += weight * max(_rate(halflives[0]), first) * clipped
        self.visits[slot] += 1
        self.profile[slot] += weight * max(_rate(halflives[1]), 1.0 / self.visits[slot]) * clipped
        scale_rate = weight * max(_rate(2 * 288), first)
        for view, z in zip(self.views, zs, strict=True):
            view.learn(clipped, z, scale_rate, calm)

    def state(self) -> dict[str, Any]:
        return {
            "level": self.level,
            "profile": self.profile,
            "visits": self.visits,
            "views": [
                {"mean": v.mean, "scale": v.scale, "tail": v.tail.state()} for v in self.views
            ],
        }

    def restore(self, state: dict[str, Any]) -> None:
        self.level = state["level"]
        self.profile = list(state["profile"])
        self.visits = list(state["visits"])
        for view, saved in zip(self.views, state["views"], strict=True):
            view.mean, view.scale = saved["mean"], saved["scale"]
            view.tail.restore(saved["tail"])


@dataclass(slots=True)
class SeriesPoint:
    at: datetime
    value: float
    score: float  # anomaly score in [0, 1): 0.5 at the alert threshold
    alert: bool


class SeriesDetector:
    """Causal anomaly detection on one numeric series; feed it with :meth:`update`."""

    def __init__(
        self,
        sensitivity: str = "normal",
        cooldown: timedelta = timedelta(hours=2),
        state: dict[str, Any] | None = None,
    ) -> None:
        if sensitivity not in SERIES_SENSITIVITY:
            raise ValueError(f"sensitivity must be one of {', '.join(SERIES_SENSITIVITY)}")
        self.threshold = SERIES_SENSITIVITY[sensitivity]
        self.cooldown = cooldown
        # profiles by hour of a working or of a weekend day; the recent past: a level
        # that follows closely; the usual: a level of the last few days
        self.recent = _Fit(48, (1, SHORT, LONG))
        self.usual = _Fit(48, (1, LONG))
        self.step = 0.0  # seconds between points, a running average
        self.n = 0
        self.active = False
        self.episode = 0  # points since the alert
        self.peak = 0.0
        self.last_hot: datetime | None = None
        self.last_at: datetime | None = None
        if state:
            self._restore(state)

    def update(self, at: datetime, value: float) -> SeriesPoint:
        if not math.isfinite(value):
            raise ValueError("the value is not a finite number")
        if self.last_at is not None and at > self.last_at:
            dt = (at - self.last_at).total_seconds()
            self.step = dt if not self.step else self.step + 0.05 * (dt - self.step)
        self.last_at = at
        if self.n == 0:
            self.recent.level = self.usual.level = value
        slot = at.hour + 24 * (at.weekday() >= 5)  # the hour of a working or weekend day
        fits = (self.recent, self.usual)
        residuals = [f.residual(value, slot) for f in fits]
        floor = 1e-6 + 1e-3 * abs(self.recent.level)
        zs = [[v.z(r, floor) for v in f.views] for f, r in zip(fits, residuals, strict=True)]
        per_hour = 3600.0 / self.step if self.step else 1.0
        surprise = point = 0.0  # point: how unusual the value itself is
        usual_ready = self.usual.visits[slot] >= USUAL_SEEN * per_hour
        if self.n >= WARMUP:
            views = self.recent.surprises(zs[0])
            point, surprise = views[0], max(views)
            if usual_ready:
                surprise = max(surprise, *self.usual.surprises(zs[1]))
        alert = self._gate(at, surprise)
        if self.active and self.episode == NEW_NORMAL:  # the change has lasted
            for f in fits:
                f.rebase(value, slot)
        settling = self.active and self.episode < NEW_NORMAL
        # early in an alert, unusual values are learned slowly (the anomaly must not
        # become the norm) and ordinary ones at full speed (or the fits lag behind the
        # day's rhythm once it is over, and the episode never ends)
        weight = SLOW if settling and point >= self.threshold / 2.0 else 1.0
        halflives = (
            (LEVEL_HALFLIFE, HOUR_HALFLIFE),
            (USUAL_DAYS * 24 * per_hour, USUAL_DAYS * per_hour),
        )
        calm = alert or not settling
        speaking = (True, usual_ready)  # only what a fit says once it speaks is history
        for f, r, z, h, ready in zip(fits, residuals, zs, halflives, speaking, strict=True):
            f.learn(r, z, slot, h, weight, floor, self.n, calm=calm and ready)
        self.n += 1
        score = surprise / (surprise + self.threshold)
        return SeriesPoint(at, value, round(score, 4), alert)

    def _gate(self, at: datetime, surprise: float) -> bool:
        """Raise when the surprise first crosses the line; then quiet until it doubles,
        or until it has stayed under the line for the cool-down."""
        if not self.active:
            if surprise >= self.threshold:
                self.active, self.peak, self.last_hot, self.episode = True, surprise, at, 0
                return True
            return False
        self.episode += 1
        if surprise >= self.threshold:
            self.last_hot = at
        if surprise >= ESCALATE * self.peak:
            self.peak = surprise
            return True
        if self.last_hot is not None and at - self.last_hot >= self.cooldown:
            self.active = False
        return False

    # ------------------------------------------------------------------ state

    def state(self) -> dict[str, Any]:
        return {
            "version": STATE_VERSION,
            "recent": self.recent.state(),
            "usual": self.usual.state(),
            "step": self.step,
            "n": self.n,
            "active": self.active,
            "episode": self.episode,
            "peak": self.peak,
            "last_hot": self.last_hot.isoformat() if self.last_hot else None,
            "last_at": self.last_at.isoformat() if self.last_at else None,
        }

    def _restore(self, state: dict[str, Any]) -> None:
        if state.get("version") != STATE_VERSION:
            raise ValueError(f"a saved state of version {STATE_VERSION} was expected")
        self.recent.restore(state["recent"])
        self.usual.restore(state["usual"])
        self.step = state["step"]
        self.n = state["n"]
        self.active = state["active"]
        self.episode = state["episode"]
        self.peak = state["peak"]
        self.last_hot = datetime.fromisoformat(state["last_hot"]) if state["last_hot"] else None
        self.last_at = datetime.fromisoformat(state["last_at"]) if state["last_at"] else None


# ---------------------------------------------------------------------- files


@dataclass(slots=True)
class RowError:
    """A rejected row: its line and a message key (see :mod:`oteo.messages`); ``kept``
    when the row is still written (with score 0), only not scored nor learned from."""

    line: int
    key: str
    values: dict[str, str]
    kept: bool = False


class SeriesFileError(Exception):
    """The file cannot be read as a series at all."""

    def __init__(self, key: str, **values: str) -> None:
        super().__init__(key)
        self.key, self.values = key, values


def parse_timestamp(text: str) -> datetime:
    """ISO 8601 (``2015-07-10 14:24:00`` as NAB writes it, or with a ``T``, or with a
    time zone) or Unix seconds; naive times are taken as UTC."""
    text = text.strip()
    try:
        at = datetime.fromisoformat(text)
    except ValueError:
        try:
            at = datetime.fromtimestamp(float(text), UTC)
        except (ValueError, OverflowError, OSError):
            raise ValueError(text) from None
    return at if at.tzinfo else at.replace(tzinfo=UTC)


def read_rows(
    handle: BinaryIO, errors: list[RowError]
) -> Iterator[tuple[int, str, datetime, float, bool]]:
    """``(line, timestamp as written, time, value, in order)`` of each good row of a
    ``timestamp,value`` CSV (opened as :func:`~oteo.sources.files.csv_text` opens one),
    in file order; bad rows go to ``errors``. A row dated before
    the row above it is yielded out of order, and noted in ``errors`` as kept: scored as
    it comes it would be read as a return to the past (which of the two is wrong only
    the later rows could tell), and leaving it out would misalign the output. A
    file whose cells are separated by ``;`` may write its values with a decimal comma,
    as Spanish spreadsheets do. A line that is not CSV ends the reading: what follows it
    cannot be told apart."""
    f, delimiter = csv_text(handle)
    reader = csv.reader(f, delimiter=delimiter)
    try:
        header = next(reader, None)
    except csv.Error as exc:
        raise SeriesFileError("series.not_csv", error=str(exc)[:200]) from None
    if header is None:
        raise SeriesFileError("series.empty")
    names = [h.strip().lower().lstrip("\ufeff") for h in header]
    if "timestamp" not in names or "value" not in names:
        raise SeriesFileError("series.header", found=_shown(delimiter.join(header[:5]), 120))
    ts, val = names.index("timestamp"), names.index("value")
    last: tuple[str, datetime] | None = None
    for row in csv_rows(reader):
        if isinstance(row, csv.Error):
            errors.append(RowError(reader.line_num, "series.unreadable", {"error": str(row)[:200]}))
            return
        line = reader.line_num
        if not row or all(not c.strip() for c in row):
            continue
        if len(row) <= max(ts, val):
            errors.append(RowError(line, "series.columns", {}))
            continue
        try:
            at = parse_timestamp(row[ts])
        except ValueError:
            errors.append(RowError(line, "series.timestamp", {"text": _shown(row[ts])}))
            continue
        written = row[val].strip()
        if delimiter != "," and "," in written:  # 1.234,5 as a Spanish spreadsheet writes it
            written = written.replace(".", "").replace(",", ".")
        try:
            value = float(written)
        except ValueError:
            value = math.nan
        if not math.isfinite(value):
            errors.append(RowError(line, "series.value", {"text": _shown(row[val])}))
            continue
        if abs(value) > MAX_VALUE:
            errors.append(RowError(line, "series.range", {"text": _shown(row[val])}))
            continue
        if last is not None and at < last[1]:
            values = {"text": _shown(row[ts]), "before": last[0]}
            errors.append(RowError(line, "series.order", values, kept=True))
            yield line, row[ts].strip(), at, value, False
            continue
        last = (_shown(row[ts]), at)
        yield line, row[ts].strip(), at, value, True


def _shown(text: str, limit: int = 40) -> str:
    """A cell as an error message may show it: no control characters, bounded."""
    return clean_text(text[: limit * 4], limit)[0]


def detect_rows(
    rows: Iterable[tuple[int, str, datetime, float, bool]], sensitivity: str = "normal"
) -> Iterator[tuple[str, float, SeriesPoint]]:
    """Each row scored; a row out of time order is written with score 0, unlearned."""
    detector = SeriesDetector(sensitivity)
    for _line, written, at, value, in_order in rows:
        point = detector.update(at, value) if in_order else SeriesPoint(at, value, 0.0, False)
        yield written, value, point


def write_output(points: Iterable[tuple[str, float, SeriesPoint]], out: TextIO) -> tuple[int, int]:
    """Write ``timestamp,value,anomaly_score,alert``; return (rows, alerts)."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["timestamp", "value", "anomaly_score", "alert"])
    rows = alerts = 0
    for written, value, p in points:
        writer.writerow([written, _number(value), f"{p.score:.4f}", int(p.alert)])
        rows += 1
        alerts += p.alert
    return rows, alerts


def _number(value: float) -> str:
    return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)


def detect_file(path: Path, sensitivity: str = "normal") -> list[SeriesPoint]:
    """Every good row of a file, scored (for benchmarks and tests)."""
    errors: list[RowError] = []
    with path.open("rb") as raw:
        return [p for _w, _v, p in detect_rows(read_rows(raw, errors), sensitivity)]
