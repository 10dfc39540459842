"""Small, dependency-free statistics for streaming detection."""

from __future__ import annotations

import math

LN10 = math.log(10.0)


def poisson_surprise(observed: float, expected: float) -> float:
    """``-log10 P(X >= observed)`` for ``X ~ Poisson(expected)``: 0 when unsurprising.

    Sums the upper tail in log space, so it is exact and stable for the counts a
    watch sees (zero to thousands).
    """
    k = int(math.ceil(observed))
    lam = max(expected, 1e-9)
    if k <= 0 or k <= lam:
        return 0.0
    log_lam = math.log(lam)
    log_term = k * log_lam - lam - math.lgamma(k + 1)
    total = log_term
    i = k
    while True:
        i += 1
        log_term += log_lam - math.log(i)
        if log_term < total - 40.0:
            break
        total = max(total, log_term) + math.log1p(math.exp(-abs(total - log_term)))
    return max(0.0, -total / LN10)


def wilson_interval(successes: float, total: float, z: float = 1.96) -> tuple[float, float]:
    """A binomial share with its uncertainty (small counts get wide intervals)."""
    if total <= 0:
        return 0.0, 1.0
    p = successes / total
    denom = 1 + z * z / total
    centre = (p + z * z / (2 * total)) / denom
    half = z * math.sqrt(p * (1 - p) / total + z * z / (4 * total * total)) / denom
    return max(0.0, centre - half), min(1.0, centre + half)
