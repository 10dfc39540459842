"""Words that many people suddenly complain with: a young topic (issue 5's signals).

A crisis is many people upset about *the same thing*: a post gone wrong, an app that is
down, a rumour.  Ordinary negative chatter is many small, different complaints.  So
beside how many people are negative, the detector asks whether some word that says
what posts are about (``theme_words``: no function words, no brand terms, no words of
feeling, but the harm a story is about) is suddenly in far more of the negative
people's posts than it usually is.  A word the watch rarely hears, in the posts of six
people within the hour, shows a topic while the crowd as a whole is still within its
usual range.  What counts is a
word's share of the people: when everybody is twice as many, the words everybody uses
are too, and that is the crowd's own signal, not a topic.

Each word's usual rate (people per bucket who used it) is an exponentially weighted
mean over about a week, and so is the number of people whose words were read.  Rates
are kept lazily: a word not heard is not touched, and its rate is decayed when it is
next read, by the decay every bucket since applied.  Memory is bounded (the least
recently heard words are forgotten, and fall back to the rate of a word never heard);
what is saved with the detector's state is the most frequent words.

Words come in phrases and phrases are repeated ("no me deja pagar"), so a word's
people are far burstier than Poisson chance, and more so the busier the watch.  The
surprise of the most surprising word is therefore measured against the watch's own
calm hours: after the cost of looking at every word, a calibrated surprise would pass
2 in one bucket of a hundred; the watch's own 99th percentile over calm buckets says by
how much its scores run high, and they are divided by that (never multiplied).
"""

from __future__ import annotations

import math
from typing import Any

from oteo.recent import Recent

#: a week of 5-minute buckets: how long a word's rate remembers
HORIZON = 2016
#: words whose rate is remembered, and how many of them are saved with the state
MEMORY, SAVED = 20_000, 1_000
#: what the most surprising word's score passes in 1% of calm buckets when calibrated
CALM_QUANTILE, CALM_SCORE = 0.99, 2.0
#: until the watch's calm hours say otherwise: scores run twice too high, worth a day
SCALE_PRIOR, SCALE_PRIOR_WEIGHT = 2.0, 288
#: the calm scores' histogram: bins of a quarter, up to 15
BIN, BINS = 0.25, 60


class WordRates:
    """The usual number of people per bucket who use each word."""

    def __init__(self, horizon: int = HORIZON, memory: int = MEMORY) -> None:
        self.horizon = horizon
        self.buckets = 0  # buckets learnt from
        self.clock = 0.0  # log of the decay applied since the start: Σ log(1 - rate)
        self._rates: Recent[str, tuple[float, float]] = Recent(memory)  # (rate, clock)
        self.people = 0.0  # people per bucket whose words were read
        self.calm = [0.0] * BINS  # decaying counts of the calm buckets' top scores

    def _step(self) -> float:
        """The learning rate of the next bucket: a running mean at first, then a week's
        exponentially weighted one."""
        return 1.0 / min(self.buckets + 2, self.horizon)

    def floor(self) -> float:
        """The rate of a word never heard: half a person over the history known."""
        return 0.5 * self._step()

    def _rate(self, word: str) -> float:
        saved = self._rates.get(word)
        return 0.0 if saved is None else saved[0] * math.exp(self.clock - saved[1])

    def expected(self, word: str) -> float:
        """People per bucket who usually use ``word``."""
        return max(self._rate(word), self.floor())

    def share(self, word: str) -> float:
        """The share of the people who usually use ``word`` (at most 1)."""
        return min(self.expected(word) / max(self.people, self.floor()), 1.0)

    def update(self, by_word: dict[str, int], people: int, weight: float = 1.0) -> None:
        """Learn one closed bucket: how many people used each word in it (the words
        not in it count as zero), and how many people's words were read."""
        step = self._step()
        self.clock += math.log1p(-step)
        self.buckets += 1
        self.people += step * (weight * people - self.people)
        for word, n in by_word.items():
            self._rates.put(word, (self._rate(word) + step * weight * n, self.clock))

    def learn_calm(self, top: float) -> None:
        """One calm bucket's top word score (its surprise less the cost of the look)."""
        keep = 1.0 - 1.0 / self.horizon
        self.calm = [c * keep for c in self.calm]
        self.calm[min(max(int(top / BIN), 0), BINS - 1)] += 1.0

    def scale(self) -> float:
        """By how much this watch's word scores run high (at least 1)."""
        total = sum(self.calm)
        if total <= 0:
            return SCALE_PRIOR
        seen, q = 0.0, (BINS - 0.5) * BIN
        for i, c in enumerate(self.calm):
            seen += c
            if seen >= CALM_QUANTILE * total:
                q = (i + 0.5) * BIN
                break
        own = max(q / CALM_SCORE, 1.0)
        return (own * total + SCALE_PRIOR * SCALE_PRIOR_WEIGHT) / (total + SCALE_PRIOR_WEIGHT)

    def state(self) -> dict[str, Any]:
        now = {w: self._rate(w) for w in self._rates}
        kept = sorted(now, key=now.__getitem__, reverse=True)[:SAVED]
        return {
            "buckets": self.buckets,
            "people": self.people,
            "rates": {w: now[w] for w in kept},
            "calm": list(self.calm),
        }

    @classmethod
    def from_state(cls, state: dict[str, Any]) -> WordRates:
        out = cls()
        out.buckets = int(state.get("buckets", 0))
        out.people = float(state.get("people", 0.0))
        calm = state.get("calm")
        if isinstance(calm, list) and len(calm) == BINS:
            out.calm = [float(c) for c in calm]
        for word, rate in state.get("rates", {}).items():
            out._rates.put(str(word), (float(rate), 0.0))
        return out
