"""A baseline that knows the week and is not dragged up by bursts.

``expected(hour, weekday) = hour_mean[hour] × week[weekday]`` per bucket, where

* ``hour_mean`` holds 24 averages of what a bucket at that hour of the day holds,
  shrunk towards the overall average while an hour has little history (sparse brands
  and young watches get sensible numbers from the first day);
* ``week`` holds 7 weekday multipliers (mean 1) learnt from decaying sums of observed
  against expected, with one ordinary day as prior, and only from calm periods, so
  Saturdays may be busier than Tuesdays but one bad Sunday does not make all busy.

Averages start as running means and become exponentially weighted once there is
enough history.  Updates clip the value to a high quantile of what was expected, and
the detector learns ten times slower during an alert, so a crisis does not become the
norm.  Cost per update is constant; the state is about 70 numbers.

What the baseline has not seen yet it cannot know: :meth:`SeasonalBaseline.doubt` says
how far off its expectation may be, as a share of it, while an hour of the day or a day
of the week is new.  For a busy watch that share, not chance, is most of the
uncertainty: its first Saturday may well be half as busy again as the weekdays it knows.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

#: how far off the expectation for an hour of the day, or a day of the week, the baseline
#: has never seen may be, as a share of it: a day's rhythm easily moves counts by half
#: from the average hour, and a brand's weekend by a third from its working days
HOUR_DOUBT, WEEKDAY_DOUBT = 0.5, 0.3
#: working days are alike, and so are Saturday and Sunday: each one seen of the same
#: kind counts this much of a day seen of the weekday itself
KIN = 0.5


@dataclass(slots=True)
class SeasonalBaseline:
    overall: float = 0.0
    hour_mean: list[float] = field(default_factory=lambda: [0.0] * 24)
    hour_n: list[float] = field(default_factory=lambda: [0.0] * 24)
    week_observed: list[float] = field(default_factory=lambda: [0.0] * 7)
    week_expected: list[float] = field(default_factory=lambda: [0.0] * 7)
    updates: int = 0
    buckets_per_hour: int = 12
    halflife_days: float = 7.0
    week_halflife_days: float = 28.0
    prior: float = 0.01  # a floor so sparse brands never expect exactly nothing

    def _hour(self, hour: int) -> float:
        # one day of that hour's buckets pulls a young hour towards the overall mean
        n, prior = self.hour_n[hour], float(self.buckets_per_hour)
        return (self.hour_mean[hour] * n + self.overall * prior) / (n + prior)

    def week(self, weekday: int) -> float:
        prior = 24 * self.buckets_per_hour * self.overall + 1.0  # one ordinary day
        factors = [
            (o + prior) / (e + prior)
            for o, e in zip(self.week_observed, self.week_expected, strict=True)
        ]
        mean = sum(factors) / 7.0
        return min(max(factors[weekday] / mean, 0.25), 4.0) if mean > 0 else 1.0

    def expected(self, hour: int, weekday: int) -> float:
        return max(self._hour(hour) * self.week(weekday), self.prior)

    def doubt(self, hour: int, weekday: int) -> float:
        """The relative uncertainty of :meth:`expected` that comes from not having seen
        this hour of the day and this day of the week enough (0 once well known): an
        hour's halves with each day of it seen, then falls faster (its mean is learnt
        from all twelve of its buckets a day); a weekday's shrinks with each day of it,
        or of its kind, seen."""
        per_hour = self.buckets_per_hour
        hour_doubt = HOUR_DOUBT * (per_hour / (per_hour + self.hour_n[hour])) ** 2
        # days of each weekday seen: what they were expected to hold, in ordinary days
        day = 24 * per_hour * self.overall
        if day <= 0:
            return math.hypot(hour_doubt, WEEKDAY_DOUBT)
        seen = [e / day for e in self.week_expected]
        kind = range(5, 7) if weekday >= 5 else range(5)
        kin = sum(seen[d] for d in kind if d != weekday)
        return math.hypot(hour_doubt, WEEKDAY_DOUBT / (1.0 + seen[weekday] + KIN * kin))

    def update(self, value: float, hour: int, weekday: int, weight: float = 1.0) -> None:
        """Learn from one closed bucket (``hour``/``weekday`` in the brand's time).

        ``weight`` below 1 learns more slowly (the detector uses it during an alert, so
        a crisis barely moves the baseline but a lasting change of level still does).
        """
        per_day = 24 * self.buckets_per_hour
        if self.hour_n[hour] >= 2 * self.buckets_per_hour:  # clip once this hour has history
            expected = self.expected(hour, weekday)
            value = min(value, expected + 3.0 * math.sqrt(expected) + 1.0)
        week = self.week(weekday)
        plain = value / week  # what this bucket would hold on an average weekday
        hour_value = self._hour(hour)
        alpha = weight * max(_rate(self.halflife_days * per_day), 1.0 / (self.updates + 1))
        self.overall += alpha * (plain - self.overall)
        beta = weight * max(
            _rate(self.halflife_days * self.buckets_per_hour), 1.0 / (self.hour_n[hour] + 1)
        )
        self.hour_mean[hour] += beta * (plain - self.hour_mean[hour])
        self.hour_n[hour] = min(
            self.hour_n[hour] + weight, 10 * self.halflife_days * self.buckets_per_hour
        )
        if weight == 1.0 and self.updates >= per_day:  # weekdays learn from calm, known days
            decay = 1.0 - _rate(self.week_halflife_days * per_day)
            for d in range(7):
                self.week_observed[d] *= decay
                self.week_expected[d] *= decay
            self.week_observed[weekday] += value
            self.week_expected[weekday] += hour_value
        self.updates += 1

    def state(self) -> dict[str, Any]:
        return {
            "overall": self.overall,
            "hour_mean": self.hour_mean,
            "hour_n": self.hour_n,
            "week_observed": self.week_observed,
            "week_expected": self.week_expected,
            "updates": self.updates,
        }

    @classmethod
    def from_state(cls, state: dict[str, Any], buckets_per_hour: int = 12) -> SeasonalBaseline:
        return cls(
            overall=state["overall"],
            hour_mean=list(state["hour_mean"]),
            hour_n=list(state["hour_n"]),
            week_observed=list(state["week_observed"]),
            week_expected=list(state["week_expected"]),
            updates=state["updates"],
            buckets_per_hour=buckets_per_hour,
        )


def _rate(halflife: float) -> float:
    """The weight of one new observation for a given half-life (in observations)."""
    return 1.0 - 0.5 ** (1.0 / halflife)
