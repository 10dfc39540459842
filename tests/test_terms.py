from __future__ import annotations

import json
import math

from oteo.detect.terms import SCALE_PRIOR, WordRates


def test_a_word_rate_is_the_people_per_bucket_who_use_it() -> None:
    rates = WordRates(horizon=100)
    for i in range(1000):
        rates.update({"caida": 2} if i % 2 else {"pedido": 1}, 2)
    assert math.isclose(rates.expected("caida"), 1.0, rel_tol=0.1)
    assert math.isclose(rates.expected("pedido"), 0.5, rel_tol=0.1)
    # half the people say "caida", a quarter "pedido"
    assert math.isclose(rates.share("caida"), 0.5, rel_tol=0.1)
    assert math.isclose(rates.share("pedido"), 0.25, rel_tol=0.1)
    # a word never heard gets the floor: half a person over the history known
    assert rates.expected("hackeado") == rates.floor() == 0.5 / 100


def test_the_lazy_decay_is_the_exponential_mean_with_every_silent_bucket() -> None:
    rates = WordRates(horizon=50)
    explicit, rate = [], 0.0
    for i in range(400):
        n = 3 if i % 37 == 0 else 0
        step = 1.0 / min(i + 2, 50)
        rate = (1 - step) * rate + step * n
        explicit.append(rate)
        rates.update({"cola": n} if n else {}, n)
    assert math.isclose(rates.expected("cola"), max(explicit[-1], rates.floor()), rel_tol=1e-9)


def test_memory_is_bounded_and_forgotten_words_fall_to_the_floor() -> None:
    rates = WordRates(memory=100)
    for i in range(1000):
        rates.update({f"w{i}": 1}, 1)
    assert len(rates._rates) <= 100
    assert rates.expected("w0") == rates.floor()
    assert rates.expected("w999") > rates.floor()


def test_the_scale_learns_how_high_a_watch_word_scores_run() -> None:
    rates = WordRates()
    assert rates.scale() == SCALE_PRIOR
    calm = WordRates()
    for i in range(3000):  # a calibrated watch: its top score passes 2 in 1% of buckets
        calm.learn_calm(2.5 if i % 100 == 0 else 0.5)
    assert 1.0 <= calm.scale() < 1.2
    noisy = WordRates()
    for i in range(3000):  # a busy one whose scores run three times too high
        noisy.learn_calm(6.5 if i % 20 == 0 else 1.0)
    assert 2.8 < noisy.scale() < 3.5


def test_the_state_keeps_the_commonest_words_and_the_calm_scores() -> None:
    rates = WordRates()
    for i in range(500):
        rates.update({"servicio": 2, f"raro{i}": 1}, 3)
        rates.learn_calm(3.0)
    saved = json.loads(json.dumps(rates.state()))
    back = WordRates.from_state(saved)
    assert math.isclose(back.expected("servicio"), rates.expected("servicio"), rel_tol=1e-9)
    assert back.scale() == rates.scale()
    assert back.floor() == rates.floor()
    assert math.isclose(back.share("servicio"), 2 / 3, rel_tol=0.05)
    assert len(saved["rates"]) <= 1000
