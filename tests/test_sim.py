"""The simulator is checked on its statistics, not on exact strings."""

from __future__ import annotations

import json
from collections import Counter
from datetime import datetime, timedelta
from itertools import islice
from pathlib import Path
from zoneinfo import ZoneInfo

import numpy as np
import pytest
from typer.testing import CliRunner

from oteo.cli import app
from oteo.model import Channel
from oteo.records import to_record
from oteo.sim import CRISES, NON_CRISES, SPECS, Brand, Episode, Simulation, demo_episodes
from oteo.sim.engine import DAILY_SHAPE, NONE
from oteo.sim.population import ROLE
from oteo.sim.textbank import FORMAL, TextBank, check_complete
from oteo.sim.texts import KINDS
from oteo.text import tokens

MADRID = ZoneInfo("Europe/Madrid")
START = datetime(2026, 11, 9, tzinfo=MADRID)  # a Monday


def _sim(seed: int = 3, days: float = 3, **kw) -> Simulation:  # type: ignore[no-untyped-def]
    return Simulation(start=START, duration=timedelta(days=days), seed=seed, **kw)


def test_same_seed_same_stream() -> None:
    a = [to_record(m) for m in islice(_sim(), 800)]
    b = [to_record(m) for m in islice(_sim(), 800)]
    c = [to_record(m) for m in islice(_sim(seed=4), 800)]
    assert a == b
    assert a != c


def test_mentions_come_in_order_of_reception_and_after_creation() -> None:
    sim = _sim()
    ms = list(sim)
    assert all(x.received_at <= y.received_at for x, y in zip(ms, ms[1:], strict=False))
    assert all(m.received_at >= m.created_at for m in ms)
    assert len({m.external_id for m in ms}) == len(ms)
    # the stream is what is received before its end (a demo's week ends now): the
    # slowest sources deliver hours late, and what they deliver after the end waits
    assert ms[-1].received_at < sim.end
    assert ms[-1].received_at > sim.end - timedelta(minutes=30)


def test_hour_of_week_seasonality() -> None:
    sim = _sim(days=14, brand=Brand(daily_volume=3000))
    roots = [ev.take(np.flatnonzero(ev.relation == NONE)) for ev in sim.batches()]
    created = np.concatenate([r.created for r in roots])
    local = [datetime.fromtimestamp(t, MADRID) for t in created]
    by_hour = np.bincount([d.hour for d in local], minlength=24)
    assert np.corrcoef(by_hour, DAILY_SHAPE)[0, 1] > 0.95
    by_day = np.bincount([d.weekday() for d in local], minlength=7)
    assert by_day[5] > 1.25 * by_day[1]  # Saturdays are livelier than Tuesdays


def test_channel_shares_and_discovery_latency() -> None:
    ms = [m for m in _sim(days=5, brand=Brand(daily_volume=3000)) if m.relation is None]
    shares = Counter(m.channel for m in ms)
    total = sum(shares.values())
    assert abs(shares[Channel.TWITTER] / total - 0.40) < 0.05
    assert abs(shares[Channel.REVIEW] / total - 0.16) < 0.04
    delays: dict[Channel, list[float]] = {}
    for m in ms:
        delays.setdefault(m.channel, []).append((m.received_at - m.created_at).total_seconds())
    assert np.median(delays[Channel.FORUM]) > 20 * np.median(delays[Channel.TWITTER])
    assert np.median(delays[Channel.BLOG]) > np.median(delays[Channel.FORUM])


def test_cascades_follow_followers() -> None:
    sim = _sim(days=7, brand=Brand(daily_volume=3000))
    followers, reactions = [], []
    for ev in sim.batches():
        roots = ev.relation == NONE
        followers.append(sim.population.followers[ev.author[roots]])
        reactions.append(ev.reposts[roots] + ev.replies[roots])
    f, r = np.concatenate(followers), np.concatenate(reactions)
    small, big = r[f < np.quantile(f, 0.5)].mean(), r[f > np.quantile(f, 0.99)].mean()
    assert big > 8 * max(small, 0.01)
    order = np.argsort(np.argsort(f)), np.argsort(np.argsort(r))
    assert np.corrcoef(*order)[0, 1] > 0.3  # rank correlation


def test_followers_are_heavy_tailed_and_trolls_show_the_signs() -> None:
    pop = _sim(brand=Brand(daily_volume=3000)).population
    f = np.sort(pop.followers[: pop.size])[::-1]
    assert f[: pop.size // 100].sum() > 0.3 * f.sum()  # the top 1% hold a large share
    trolls = np.flatnonzero(pop.role[: pop.size] == ROLE["troll"])
    crude, disguised = trolls[~pop.disguised[trolls]], trolls[pop.disguised[trolls]]
    assert len(crude) and len(disguised)
    assert (~pop.avatar[crude]).mean() > 0.6
    assert (pop.age_days[crude] < 150).mean() > 0.9
    assert (pop.following[crude] > 3 * pop.followers[crude] + 1).mean() > 0.9
    assert pop.avatar[disguised].all() and np.median(pop.age_days[disguised]) > 200
    customer = pop.profile(int(np.flatnonzero(pop.role[: pop.size] == ROLE["customer"])[0]))
    assert " " in (customer.name or "") and customer.avatar is not None


def _episode_stream(name: str, days: float = 4, seed: int = 11) -> tuple[Simulation, list, dict]:  # type: ignore[type-arg]
    onset = START + timedelta(days=2, hours=20, minutes=30)
    sim = _sim(seed=seed, days=days, episodes=[Episode(name, onset)])
    ms = list(sim)
    return sim, ms, sim.ground_truth()["episodes"][0]


@pytest.mark.parametrize("name", list(SPECS))
def test_each_scenario_hits_its_ground_truth(name: str) -> None:
    sim, ms, truth = _episode_stream(name)
    spec = SPECS[name]
    onset, end = datetime.fromisoformat(truth["onset"]), datetime.fromisoformat(truth["end"])
    own = [m for m in ms if m.raw["sim"]["episode"] == name]
    assert own, "the episode produced nothing"
    first = min((m for m in own if m.relation is None), key=lambda m: m.created_at)
    assert first.created_at == onset
    assert first.author.handle == truth["origin_author"]
    assert first.channel.value == truth["origin_channel"]
    assert sum(onset <= m.created_at <= end + timedelta(hours=12) for m in own) >= 0.95 * len(own)
    for handle in truth["spreaders"]:
        assert any(m.author.handle == handle for m in own)
    if spec.peak >= 30:  # the wave follows its intensity curve
        hours = int(spec.duration.total_seconds() // 3600)
        roots = [m for m in own if m.relation is None]
        counts = np.bincount(
            [
                int((m.created_at - onset).total_seconds() // 3600)
                for m in roots
                if m.created_at < onset + spec.duration
            ],
            minlength=hours,
        )[:hours]
        curve = [p["expected_joiners"] for p in truth["intensity"]][:hours]
        assert np.corrcoef(counts, curve)[0, 1] > 0.7
    people = {m.author.handle for m in own}
    if name == "angry_customer":
        originals = {m.author.handle for m in own if m.relation is None}
        assert originals == {truth["origin_author"]}
    elif name == "bot_flood":
        roles = {m.raw["sim"]["role"] for m in own if m.relation is None}
        assert roles == {"bot"}
        assert {m.raw["sim"]["cluster"] for m in own if m.relation is None} == {
            truth["bot_cluster"]
        }
    elif name == "troll_attack":
        originals = [m for m in own if m.relation is None]
        assert sum(m.raw["sim"]["role"] == "troll" for m in originals) == len(originals)
    elif spec.crisis:
        assert len(people) > 40  # more and more people join


def test_bot_floods_are_near_duplicates_from_look_alike_young_accounts() -> None:
    sim, ms, truth = _episode_stream("bot_flood")
    bots = [m for m in ms if m.raw["sim"]["episode"] == "bot_flood" and m.relation is None]
    words = [frozenset(tokens(m.text)) for m in bots]
    message = Counter(words).most_common(1)[0][0]
    near = [len(w & message) / len(w | message) >= 0.8 for w in words]
    assert sum(near) > 0.9 * len(bots)  # nearly all paste one message, lightly varied
    assert len({m.text for m in bots}) > 3  # ... with variations
    handles = {m.author.handle for m in bots}
    prefixes = Counter(h[:6] for h in handles)
    assert prefixes.most_common(1)[0][1] == len(handles)  # look-alike handles
    created = [m.author.account_created for m in bots]
    assert max(created) - min(created) < timedelta(days=7)


def test_crises_and_non_crises_are_labelled() -> None:
    assert set(CRISES) >= {
        "food_poisoning",
        "service_outage",
        "wrong_post",
        "hacked_account",
        "competitor_rumour",
        "ex_employee_leak",
        "troll_attack",
        "contest_gone_wrong",
        "influencer_complaint",
        "blog_expose",
        "re_outbreak",
    }
    assert set(NON_CRISES) == {"angry_customer", "busy_day", "campaign_spike", "bot_flood"}


def test_text_variety() -> None:
    assert check_complete() == []
    bank = TextBank("Lumbre Burger", "lumbreburger", "restaurant", seed=5)
    by_design_small = FORMAL | {"threat"}
    for lang in ("es", "en"):
        for kind in KINDS:
            bank.text(lang, kind, 0)
            pool = bank._pools[(lang, kind)]
            if kind not in by_design_small:
                assert len(pool) >= 80, (lang, kind, len(pool))
    rng = np.random.default_rng(0)
    drawn = Counter(
        bank.text("es", "complaint_strong", int(i)) for i in rng.integers(0, 1024, 5000)
    )
    assert sum(c for _, c in drawn.most_common(10)) < 0.05 * 5000  # no handful of strings


def test_the_demo_outbreak_grows_as_more_people_join() -> None:
    sim = Simulation(
        start=START, duration=timedelta(days=5), seed=5, episodes=demo_episodes(START, days=5)
    )
    ms = list(sim)
    truth = {e["name"]: e for e in sim.ground_truth()["episodes"]}
    onset = datetime.fromisoformat(truth["food_poisoning"]["onset"])
    outbreak = [m for m in ms if m.raw["sim"]["episode"] == "food_poisoning"]
    first_hour = {m.author.handle for m in outbreak if m.created_at < onset + timedelta(hours=1)}
    sixth_hour = {
        m.author.handle
        for m in outbreak
        if onset + timedelta(hours=6) <= m.created_at < onset + timedelta(hours=7)
    }
    assert len(sixth_hour) > 5 * len(first_hour)


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


def test_export_reads_back_with_oteo_import(tmp_path: Path, config_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "stream.jsonl"
    result = runner.invoke(
        app,
        [
            "sim",
            "export",
            "angry_customer",
            "bot_flood",
            "--days",
            "3",
            "--volume",
            "200",
            "--out",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    lines = out.read_text(encoding="utf-8").splitlines()
    truth = json.loads(out.with_suffix(".truth.json").read_text(encoding="utf-8"))
    assert {e["name"] for e in truth["episodes"]} == {"angry_customer", "bot_flood"}
    imported = runner.invoke(app, ["import", str(out), "-c", str(config_path)])
    assert imported.exit_code == 0, imported.output
    assert (
        f"{len(lines)} accepted ({len(lines)} new, 0 already stored), 0 rejected" in imported.output
    )
    bad = runner.invoke(app, ["sim", "export", "no_such_thing"])
    assert bad.exit_code == 2 and "Unknown scenario" in bad.output
    # no scenario: ordinary conversation only, as the help says
    quiet = tmp_path / "quiet.jsonl"
    plain = runner.invoke(app, ["sim", "export", "--days", "1", "--out", str(quiet)])
    assert plain.exit_code == 0, plain.output
    calm = json.loads(quiet.with_suffix(".truth.json").read_text(encoding="utf-8"))
    assert calm["episodes"] == [] and quiet.read_text(encoding="utf-8").count("\n") > 100
