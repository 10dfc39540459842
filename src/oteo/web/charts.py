"""Charts drawn on the server as inline SVG: no scripts, no CDN, nothing to escape wrong.

Every text that reaches the SVG goes through :func:`html.escape`.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from html import escape

WIDTH, HEIGHT, PAD_L, PAD_R, PAD_T, PAD_B = 760, 200, 44, 12, 14, 26


@dataclass(slots=True)
class Point:
    at: datetime
    volume: float
    expected: float
    negative: float
    negative_authors: float
    expected_authors: float


def hourly(signals: Sequence[dict], since: datetime, until: datetime) -> list[Point]:
    """Aggregate 5-minute signal rows into hours (empty hours count as zero)."""
    start = since.replace(minute=0, second=0, microsecond=0)
    hours = max(1, math.ceil((until - start).total_seconds() / 3600))
    points = [Point(start + timedelta(hours=i), 0, 0, 0, 0, 0) for i in range(hours)]
    for row in signals:
        index = int((row["start"] - start).total_seconds() // 3600)
        if 0 <= index < hours:
            p = points[index]
            p.volume += row["volume"]
            p.expected += row["expected"]
            p.negative += row["negative"]
            p.negative_authors += row["negative_authors"]
            p.expected_authors += row["expected_negative"]
    return points


def _scale(points: Sequence[Point]) -> float:
    top = max(
        [p.volume for p in points]
        + [p.expected + 2 * math.sqrt(p.expected) for p in points]
        + [1.0]
    )
    return top * 1.1


def _xy(i: int, n: int, value: float, top: float) -> tuple[float, float]:
    x = PAD_L + (WIDTH - PAD_L - PAD_R) * (i / max(n - 1, 1))
    y = PAD_T + (HEIGHT - PAD_T - PAD_B) * (1 - value / top)
    return round(x, 1), round(y, 1)


def timeline_svg(
    points: Sequence[Point], alerts: Sequence[datetime], labels: dict[str, str], tz
) -> str:  # type: ignore[no-untyped-def]
    """Volume against its usual band, negative authors against theirs, alert marks."""
    n = len(points)
    if n == 0:
        return ""
    top = _scale(points)
    band_hi = [_xy(i, n, p.expected + 2 * math.sqrt(p.expected), top) for i, p in enumerate(points)]
    band_lo = [
        _xy(i, n, max(p.expected - 2 * math.sqrt(p.expected), 0), top) for i, p in enumerate(points)
    ]
    band = " ".join(f"{x},{y}" for x, y in band_hi + band_lo[::-1])
    volume = " ".join(
        f"{x},{y}" for x, y in (_xy(i, n, p.volume, top) for i, p in enumerate(points))
    )
    negative = " ".join(
        f"{x},{y}" for x, y in (_xy(i, n, p.negative_authors, top) for i, p in enumerate(points))
    )
    usual_neg = " ".join(
        f"{x},{y}" for x, y in (_xy(i, n, p.expected_authors, top) for i, p in enumerate(points))
    )
    parts = [
        f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-label="{escape(labels["title"])}">',
        f'<polygon class="band" points="{band}"><title>{escape(labels["band"])}</title></polygon>',
        f'<polyline class="volume" points="{volume}"><title>{escape(labels["volume"])}</title></polyline>',
        f'<polyline class="usual-negative" points="{usual_neg}"><title>{escape(labels["usual_negative"])}</title></polyline>',
        f'<polyline class="negative" points="{negative}"><title>{escape(labels["negative"])}</title></polyline>',
    ]
    start, end = points[0].at, points[-1].at
    span = max((end - start).total_seconds(), 1)
    for at in alerts:
        if start <= at <= end + timedelta(hours=1):
            x = PAD_L + (WIDTH - PAD_L - PAD_R) * min((at - start).total_seconds() / span, 1)
            parts.append(
                f'<line class="alert" x1="{x:.1f}" x2="{x:.1f}" y1="{PAD_T}" y2="{HEIGHT - PAD_B}"><title>{escape(labels["alert"])} {escape(at.astimezone(tz).strftime("%d/%m %H:%M"))}</title></line>'
            )
    for frac in (0, 0.5, 1):
        value = top * frac
        _, y = _xy(0, n, value, top)
        parts.append(
            f'<text class="axis" x="{PAD_L - 6}" y="{y + 4}" text-anchor="end">{int(round(value))}</text>'
        )
    days = sorted({p.at.astimezone(tz).date() for p in points})
    for day in days:
        idx = next(i for i, p in enumerate(points) if p.at.astimezone(tz).date() == day)
        x, _ = _xy(idx, n, 0, top)
        parts.append(
            f'<text class="axis" x="{x}" y="{HEIGHT - 8}">{escape(day.strftime("%d/%m"))}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def sparkline_svg(values: Sequence[float], label: str, width: int = 160, height: int = 32) -> str:
    if not values:
        return ""
    top = max(max(values), 1.0)
    step = width / max(len(values) - 1, 1)
    pts = " ".join(
        f"{i * step:.1f},{height - 2 - (height - 4) * v / top:.1f}" for i, v in enumerate(values)
    )
    return f'<svg class="spark" viewBox="0 0 {width} {height}" role="img" aria-label="{escape(label)}"><polyline points="{pts}"/></svg>'
