"""A scorer for the Numenta Anomaly Benchmark, written from its published rules.

The rules (Lavin & Ahmad, "Evaluating Real-time Anomaly Detection Algorithms - the
Numenta Anomaly Benchmark", 2015, and the benchmark's README):

* each file holds labelled anomaly *windows*; a detection is a row whose decision is
  at or above the threshold (here the ``alert`` column, threshold 0.5);
* the first ``min(floor(0.15 n), 750)`` rows are a probationary period: detections
  there are ignored;
* a window detected at all scores its *earliest* detection,
  ``A_tp · σ(y) / σ(-1)`` with ``σ(y) = 2 / (1 + e^{5y}) - 1`` and ``y`` the relative
  position in the window, from -1 at its first row to 0 after its last; later
  detections in the same window count for nothing;
* a window with no detection costs ``A_fn``;
* every detection outside the windows costs ``A_fp · σ(y)`` where ``y`` is its
  distance past the end of the preceding window, relative to that window's width
  (``-A_fp`` before the first window or more than three widths after), so a late
  detection of the same anomaly costs less than a false alarm out of the blue;
* a corpus's raw score is the sum over its files, normalised to 100 for a perfect
  detector (every window at its first row, nothing else) and 0 for the null detector
  (no detection at all): ``100 · (raw - null) / (perfect - null)``.

Profiles give the weights: standard, reward_low_FP, reward_low_FN.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from oteo.detect.series import parse_timestamp

PROFILES: dict[str, dict[str, float]] = {
    "standard": {"tp": 1.0, "fp": 0.11, "fn": 1.0},
    "reward_low_FP": {"tp": 1.0, "fp": 0.22, "fn": 1.0},
    "reward_low_FN": {"tp": 1.0, "fp": 0.11, "fn": 2.0},
}
THRESHOLD = 0.5


def scaled_sigmoid(y: float) -> float:
    """``2 / (1 + e^{5y}) - 1``, and -1 for anything more than three widths late."""
    if y > 3.0:
        return -1.0
    return 2.0 / (1.0 + math.exp(5.0 * y)) - 1.0


def probation(n: int, share: float = 0.15) -> int:
    return int(min(math.floor(share * n), share * 5000))


@dataclass(slots=True)
class FileScore:
    name: str
    raw: dict[str, float]
    null: dict[str, float]
    perfect: dict[str, float]
    windows: int
    detected: int
    false_positives: int
    detections: int
    positions: list[float] = field(default_factory=list)  # of each window's first detection


def score_file(
    name: str,
    times: list[datetime],
    decisions: list[float],
    windows: list[tuple[datetime, datetime]],
    threshold: float = THRESHOLD,
) -> FileScore:
    """Score one file's decisions (one per row, in time order) against its windows."""
    if len(times) != len(decisions):
        raise ValueError(f"{name}: {len(times)} timestamps but {len(decisions)} decisions")
    n = len(times)
    # each row's window (index into windows) or None; windows as row index ranges
    spans: list[tuple[int, int]] = []
    for start, end in sorted(windows):
        rows = [i for i, t in enumerate(times) if start <= t <= end]
        if rows:
            spans.append((rows[0], rows[-1]))
    inside: list[int | None] = [None] * n
    for w, (a, b) in enumerate(spans):
        for i in range(a, b + 1):
            inside[i] = w
    first = probation(n)
    best: list[float | None] = [None] * len(spans)  # unweighted credit of each window
    positions: list[float | None] = [None] * len(spans)
    fp_parts: list[float] = []
    previous: tuple[int, int] | None = None
    for i in range(n):
        w = inside[i]
        if w is not None:
            previous = spans[w]
        if i < first or decisions[i] < threshold:
            continue
        if w is not None:
            a, b = spans[w]
            width = b - a + 1
            y = -(b - i + 1) / width
            if best[w] is None:  # the earliest detection is the one that counts
                best[w] = scaled_sigmoid(y) / scaled_sigmoid(-1.0)
                positions[w] = y
        elif previous is None:
            fp_parts.append(-1.0)
        else:
            a, b = previous
            width = b - a + 1
            fp_parts.append(scaled_sigmoid(abs(b - i) / max(width - 1, 1)))
    raw, null, perfect = {}, {}, {}
    for profile, wt in PROFILES.items():
        tp = sum(wt["tp"] * s for s in best if s is not None)
        fn = -wt["fn"] * sum(1 for s in best if s is None)
        raw[profile] = tp + fn + wt["fp"] * sum(fp_parts)
        null[profile] = -wt["fn"] * len(spans)
        perfect[profile] = wt["tp"] * len(spans)
    return FileScore(
        name=name,
        raw=raw,
        null=null,
        perfect=perfect,
        windows=len(spans),
        detected=sum(1 for s in best if s is not None),
        false_positives=len(fp_parts),
        detections=sum(1 for i in range(first, n) if decisions[i] >= threshold),
        positions=[y for y in positions if y is not None],
    )


def normalised(scores: list[FileScore], profile: str) -> float:
    raw = sum(s.raw[profile] for s in scores)
    null = sum(s.null[profile] for s in scores)
    perfect = sum(s.perfect[profile] for s in scores)
    if perfect == null:
        return 0.0
    return 100.0 * (raw - null) / (perfect - null)


def load_windows(labels: Path) -> dict[str, list[tuple[datetime, datetime]]]:
    data = json.loads(labels.read_text(encoding="utf-8"))
    return {
        name: [(parse_timestamp(a), parse_timestamp(b)) for a, b in spans]
        for name, spans in data.items()
    }
