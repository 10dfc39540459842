from __future__ import annotations

from collections import Counter
from datetime import datetime, timedelta
from itertools import islice
from zoneinfo import ZoneInfo

from oteo.records import to_record
from oteo.sim import Brand, Simulation, demo_episodes

MADRID = ZoneInfo("Europe/Madrid")
START = datetime(2026, 11, 9, tzinfo=MADRID)


def _sim(seed: int = 3, **kw) -> Simulation:  # type: ignore[no-untyped-def]
    return Simulation(start=START, duration=timedelta(days=3), seed=seed, **kw)


def test_same_seed_same_stream() -> None:
    a = [to_record(m) for m in islice(_sim(), 500)]
    b = [to_record(m) for m in islice(_sim(), 500)]
    c = [to_record(m) for m in islice(_sim(seed=4), 500)]
    assert a == b
    assert a != c


def test_mentions_come_in_order_of_reception_and_after_creation() -> None:
    ms = list(_sim())
    assert all(x.received_at <= y.received_at for x, y in zip(ms, ms[1:], strict=False))
    assert all(m.received_at >= m.created_at for m in ms)


def test_nights_are_quieter_than_dinner_time() -> None:
    hours = Counter(m.created_at.astimezone(MADRID).hour for m in _sim())
    assert hours[21] > 4 * hours[4]


def test_forums_are_found_later_than_social_networks() -> None:
    delays: dict[str, list[float]] = {}
    for m in _sim():
        delays.setdefault(m.channel.value, []).append(
            (m.received_at - m.created_at).total_seconds()
        )
    median = {c: sorted(d)[len(d) // 2] for c, d in delays.items()}
    assert median["forum"] > 10 * median["twitter"]


def test_the_demo_outbreak_grows_as_more_people_join() -> None:
    episodes = demo_episodes(START, days=5)
    sim = Simulation(start=START, duration=timedelta(days=5), seed=5, episodes=episodes)
    ms = list(sim)
    truth = {e["name"]: e for e in sim.ground_truth()["episodes"]}
    onset = datetime.fromisoformat(truth["outbreak"]["onset"])
    outbreak = [m for m in ms if m.raw["sim"]["episode"] == "outbreak"]
    per_hour = Counter(int((m.created_at - onset).total_seconds() // 3600) for m in outbreak)
    assert per_hour[6] > 3 * max(per_hour[0], 1)  # it grows
    authors_first_hour = {
        m.author.handle for m in outbreak if m.created_at < onset + timedelta(hours=1)
    }
    authors_sixth_hour = {
        m.author.handle
        for m in outbreak
        if onset + timedelta(hours=6) <= m.created_at < onset + timedelta(hours=7)
    }
    assert len(authors_sixth_hour) > 5 * len(authors_first_hour)  # more and more people
    origin = min(outbreak, key=lambda m: m.created_at)
    assert origin.channel.value == truth["outbreak"]["origin_channel"] == "forum"
    assert origin.author.handle == truth["outbreak"]["origin_author"]
    angry = [m for m in ms if m.raw["sim"]["episode"] == "angry_customer" and m.relation is None]
    assert len({m.author.handle for m in angry}) == 1 and len(angry) == 3


def test_a_busy_brand_and_a_sparse_one() -> None:
    busy = sum(
        1
        for _ in Simulation(
            Brand(daily_volume=5000), start=START, duration=timedelta(days=1), seed=1
        )
    )
    sparse = sum(
        1
        for _ in Simulation(Brand(daily_volume=5), start=START, duration=timedelta(days=1), seed=1)
    )
    assert busy > 4000
    assert 0 < sparse < 20
