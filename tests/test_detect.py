from __future__ import annotations

import json
import math
import random
from datetime import UTC, datetime, timedelta

import pytest

from oteo.detect import DetectorSettings, Observation, WatchDetector
from oteo.detect.baseline import SeasonalBaseline
from oteo.detect.stats import poisson_surprise, wilson_interval
from oteo.model import Alert, Severity
from oteo.notify.message import why_lines
from oteo.understand.topics import theme_words

START = datetime(2026, 11, 2, tzinfo=UTC)  # a Monday
SHAPE = [0.2] * 7 + [1.0] * 5 + [3.0] * 3 + [1.0] * 4 + [2.5] * 3 + [0.5] * 2  # per hour of day


def test_poisson_surprise() -> None:
    assert poisson_surprise(3, 5.0) == 0.0
    assert 1.2 < poisson_surprise(10, 5.0) < 1.5  # P(X>=10 | 5) = 0.0318
    assert poisson_surprise(60, 10.0) > 20
    assert poisson_surprise(5, 0.0) > 30  # never seen before


def test_wilson_interval_is_wide_for_small_counts() -> None:
    lo, hi = wilson_interval(1, 2)
    assert hi - lo > 0.6
    lo, hi = wilson_interval(500, 1000)
    assert hi - lo < 0.07


def test_baseline_learns_the_shape_of_the_day() -> None:
    rng = random.Random(1)
    b = SeasonalBaseline(buckets_per_hour=1)
    for day in range(14):
        for hour in range(24):
            b.update(rng.gauss(10 * SHAPE[hour], 1.0), hour, day % 7)
    assert abs(b.expected(13, 2) - 30) < 3
    assert abs(b.expected(3, 2) - 2) < 1


def test_a_burst_does_not_drag_the_baseline_up() -> None:
    b = SeasonalBaseline(buckets_per_hour=1)
    for day in range(10):
        for hour in range(24):
            b.update(10.0, hour, day % 7)
    before = b.expected(12, 3)
    b.update(500.0, 12, 3)  # one crazy hour: unclipped, the running mean would jump to ~54
    assert b.expected(12, 3) < before + math.sqrt(
        before
    )  # it moves less than one standard deviation


def test_sparse_brands_get_a_sensible_baseline() -> None:
    rng = random.Random(2)
    b = SeasonalBaseline(buckets_per_hour=12)
    for step in range(288 * 7):  # a week of 5-minute buckets, ~3 mentions a day
        b.update(1.0 if rng.random() < 3 / 288 else 0.0, (step // 12) % 24, (step // 288) % 7)
    per_day = sum(b.expected(h, 0) for h in range(24)) * 12
    assert 1.0 < per_day < 6.0


def _stream(
    seed: int, days: int = 6, burst_at: datetime | None = None, burst_people: int = 60
) -> list[Observation]:
    """Ordinary negative chatter shaped by the hour of day, and optionally a burst of
    many different people complaining within an hour."""
    rng = random.Random(seed)
    out = []
    i = 0
    for minute in range(days * 24 * 60):
        at = START + timedelta(minutes=minute)
        if rng.random() < 0.15 * SHAPE[at.hour]:
            i += 1
            out.append(_obs(i, at, f"u{rng.randrange(3000)}", negative=rng.random() < 0.25))
    if burst_at is not None:
        for k in range(burst_people):
            i += 1
            out.append(
                _obs(
                    i,
                    burst_at + timedelta(seconds=k * 3600 / burst_people),
                    f"angry{k}",
                    negative=True,
                    harm=("health",),
                )
            )
    return sorted(out, key=lambda o: o.at)


def _obs(
    i: int, at: datetime, author: str, *, negative: bool, harm: tuple[str, ...] = ()
) -> Observation:
    return Observation(
        i,
        at,
        at,
        author,
        author,
        100,
        "twitter",
        negative,
        False,
        harm,
        "me puse enfermo tras comer" if harm else "hola",
    )


def _run(observations: list[Observation], detector: WatchDetector | None = None):  # type: ignore[no-untyped-def]
    detector = detector or WatchDetector("w", DetectorSettings())
    results = []
    for o in observations:
        detector.observe(o)
        results.extend(detector.advance(o.at))
    return detector, results


def _first_author(observations: list[Observation], after: datetime | None = None) -> str:
    """Who wrote the post the first alert (after ``after``) names as where it began."""
    _, results = _run(sorted(observations, key=lambda o: o.at))
    alert = next(r.alert for r in results if r.alert and (after is None or r.alert.at > after))
    return alert.why["first_post"]["author"]


def test_ordinary_days_raise_no_alert() -> None:
    for seed in range(3):
        _, results = _run(_stream(seed))
        assert [r for r in results if r.alert] == []


def test_many_people_joining_raise_a_crisis_fast() -> None:
    burst = START + timedelta(days=5, hours=20)
    _, results = _run(_stream(1, burst_at=burst))
    alerts = [r.alert for r in results if r.alert]
    assert alerts, "the burst was not detected"
    first = alerts[0]
    assert first.at - burst < timedelta(minutes=30)
    assert max(a.severity for a in alerts) == Severity.CRISIS
    assert first.why["first_post"]["author"].startswith("angry")
    # with a higher line the hour's count is not enough yet: the fast wave shows first
    # over the short time scale, and the why says so
    _, results = _run(
        _stream(1, burst_at=burst), WatchDetector("w", DetectorSettings(sensitivity="low"))
    )
    first = next(r.alert for r in results if r.alert)
    assert first.at - burst < timedelta(minutes=30)
    scale = first.why["signals"]["scale"]
    assert scale["minutes"] == 15 and not scale["main"]
    assert scale["negative_authors"] > scale["expected"] * 3


def test_one_person_posting_many_times_is_not_a_crisis() -> None:
    base = _stream(1)
    at = START + timedelta(days=5, hours=20)
    spam = [
        _obs(100_000 + k, at + timedelta(minutes=k), "same_angry_person", negative=True)
        for k in range(50)
    ]
    _, results = _run(sorted(base + spam, key=lambda o: o.at))
    assert [r for r in results if r.alert] == []


def test_state_survives_a_restart() -> None:
    stream = _stream(3, burst_at=START + timedelta(days=5, hours=20))
    half = len(stream) // 2
    whole, expected = _run(stream)
    first, before = _run(stream[:half])
    state = json.loads(json.dumps(first.state()))  # what the store keeps
    _, after = _run(stream[half:], WatchDetector("w", DetectorSettings(), state))

    def key(r):
        return (
            r.signal.start,
            r.signal.volume,
            r.signal.negative_authors,
            r.signal.score,
            r.alert and r.alert.severity,
        )

    assert [key(r) for r in before + after] == [key(r) for r in expected]


def test_a_restart_keeps_the_posts_an_alert_is_explained_by() -> None:
    """The saved state keeps the buckets' counts, not their posts: a detector restarted
    minutes into a burst, given back the posts it held (as the pipeline reads them from
    the store), explains its alert as if it had never stopped."""
    burst = START + timedelta(days=5, hours=20)
    stream = _stream(3, burst_at=burst, burst_people=30)
    for k, o in enumerate(stream):  # posts worth telling apart
        o.snippet = f"{o.snippet} {k}"
    cut = next(i for i, o in enumerate(stream) if o.at >= burst + timedelta(minutes=7))
    _, whole = _run(stream)
    expected = next(r.alert for r in whole if r.alert and r.alert.at > burst)

    def restarted(hold: bool) -> Alert:
        before, results = _run(stream[:cut])
        assert not any(r.alert and r.alert.at > burst for r in results)
        detector = WatchDetector("w", DetectorSettings(), json.loads(json.dumps(before.state())))
        if hold:
            assert detector.held_span == (
                before.recent[0].start,
                before.current.start + DetectorSettings().bucket,
            )
            assert detector.hold_again(stream[:cut]) == sum(
                len(b.observations) for b in [*before.recent, before.current]
            )
        _, results = _run(stream[cut:], detector)
        return next(r.alert for r in results if r.alert and r.alert.at > burst)

    alert = restarted(hold=True)
    assert (alert.at, alert.why, alert.mention_ids) == (
        expected.at,
        expected.why,
        expected.mention_ids,
    )
    # without its posts, the restarted detector names a later post as the first
    assert restarted(hold=False).why["first_post"] != expected.why["first_post"]


def test_detection_is_causal() -> None:
    stream = _stream(4, burst_at=START + timedelta(days=5, hours=20))
    cut = START + timedelta(days=5, hours=21)
    _, full = _run(stream)
    _, truncated = _run([o for o in stream if o.at < cut])
    closed = [r for r in full if r.signal.end <= truncated[-1].signal.end]
    assert [(r.signal, r.alert and r.alert.severity) for r in closed] == [
        (r.signal, r.alert and r.alert.severity) for r in truncated
    ]


@pytest.mark.parametrize("risk", [0.6, 0.9])
def test_a_few_trolls_posting_a_lot_are_an_attack_not_a_backlash(risk: float) -> None:
    """Accounts more likely trolls than not (the line the web UI flags them at) are
    suspects, not people joining."""
    base = _stream(5)
    at = START + timedelta(days=5, hours=20)
    trolls = []
    for k in range(90):  # 10 likely trolls, 9 negative posts each within the hour
        o = _obs(200_000 + k, at + timedelta(seconds=40 * k), f"troll{k % 10}", negative=True)
        o.risk = risk
        trolls.append(o)
    _, results = _run(sorted(base + trolls, key=lambda o: o.at))
    alerts = [r.alert for r in results if r.alert]
    assert alerts, "the attack was not noticed"
    assert {a.category for a in alerts} == {"attack"}
    assert max(a.severity for a in alerts) == Severity.LIGHT
    assert alerts[0].origin == "troll"


def _crowd_at(at: datetime, *, risk: float, coordinated: bool) -> list[Observation]:
    """10 accounts, 6 posts each within the hour, none read as negative."""
    out = []
    for k in range(60):
        o = _obs(300_000 + k, at + timedelta(seconds=60 * k), f"acct{k % 10}", negative=False)
        o.risk, o.coordinated = risk, coordinated
        out.append(o)
    return out


def test_trolls_jeering_in_a_neutral_tone_are_still_an_attack() -> None:
    """A troll's jeer often reads as neutral: likely trolls are counted whatever their
    tone.  A cheerful coordinated cluster (a campaign, a giveaway) is not an attack."""
    at = START + timedelta(days=5, hours=20)
    trolls = _crowd_at(at, risk=0.9, coordinated=False)
    _, results = _run(sorted(_stream(5) + trolls, key=lambda o: o.at))
    alerts = [r.alert for r in results if r.alert]
    assert alerts and {a.category for a in alerts} == {"attack"}
    cheerful = _crowd_at(at, risk=0.1, coordinated=True)
    _, results = _run(sorted(_stream(5) + cheerful, key=lambda o: o.at))
    assert not [r.alert for r in results if r.alert]


def test_the_origin_names_insiders_and_competitors() -> None:
    from oteo.understand.authors import affiliation

    brand, rivals = "Lumbre Burger", ("BurgerRival", "Brasa Norte")
    assert affiliation("Ex-Lumbre Burger. Ahora en otra etapa", "ana", brand) == "insider"
    assert affiliation("Proud to work at Lumbre Burger", "ana", brand) == "insider"
    assert affiliation("Me encanta Lumbre Burger", "ana", brand, rivals) is None
    assert affiliation("Marketing en BurgerRival", "pepe", brand, rivals) == "competitor"
    assert affiliation("", "brasanorte_oficial", brand, rivals) == "competitor"

    burst = START + timedelta(days=5, hours=20)
    stream = _stream(1, burst_at=burst)
    first = next(o for o in stream if o.author == "angry0")
    first.bio = "Antiguo empleado de Lumbre Burger"
    settings = DetectorSettings(brand=brand, competitors=rivals)
    _, results = _run(stream, WatchDetector("w", settings))
    alerts = [r.alert for r in results if r.alert]
    assert alerts[0].origin == "insider"
    # a leak is not an illegitimate attack; a competitor's rumour is one (S19), whatever
    # its severity
    assert [a.category for a in alerts] == [a.severity.key for a in alerts]
    first.bio = "Marketing en BurgerRival"
    alerts = [r.alert for r in _run(stream, WatchDetector("w", settings))[1] if r.alert]
    assert alerts[0].origin == "competitor" and {a.category for a in alerts} == {"attack"}
    assert max(a.severity for a in alerts) == Severity.CRISIS
    first.bio = "Antiguo empleado de Lumbre Burger"

    # the same employee answering someone did not start the story: the earliest post
    # that answers nobody did
    first.reply = True
    _, results = _run(stream, WatchDetector("w", settings))
    alert = next(r.alert for r in results if r.alert)
    assert alert.origin == "customer"
    assert alert.why["first_post"]["author"] == "angry1"

    # an audience of the mid tier (10,000 followers, as authors' tiers are shown) or more
    # is an influencer's: the team should contact them fast (S9)
    first.reply, first.bio = False, ""
    for followers, origin in ((29_000, "influencer"), (9_000, "customer")):
        first.followers = followers
        _, results = _run(stream, WatchDetector("w", settings))
        assert next(r.alert for r in results if r.alert).origin == origin
    # a news site's or a blog's post is the press's: feeds give no follower count
    for channel, origin in (("news", "influencer"), ("blog", "influencer"), ("forum", "customer")):
        first.followers, first.channel = 0, channel
        _, results = _run(stream, WatchDetector("w", settings))
        assert next(r.alert for r in results if r.alert).origin == origin


def test_insults_with_no_grievance_are_a_trolls_start() -> None:
    """A raid's first alert may come before its accounts have posted enough to be known
    suspects, and its leader may keep an ordinary profile: its first post then says
    what the profile does not (S9: insults are a troll's sign). A customer's anger names
    what went wrong."""
    from oteo.detect.detector import origin_of

    settings = DetectorSettings(brand="Lumbre Burger")
    post = _obs(1, START, "rebelde", negative=True)
    for snippet, harm, origin in (
        ("@lumbreburger sois unos sinvergüenzas y lo sabe todo el mundo", (), "troll"),
        ("@lumbreburger sinvergüenzas, llevo tres días esperando el reembolso", (), "customer"),
        ("@lumbreburger sinvergüenzas, me puse enfermo tras comer", ("health",), "customer"),
    ):
        post.snippet, post.harm, post.attack = snippet, harm, True
        assert origin_of(post, "strong", settings) == origin, snippet
        post.attack = False  # the same words unread as an attack
        assert origin_of(post, "strong", settings) == "customer", snippet
    # a call to turn on the brand is a raid's start too, with no grievance; a customer's
    # boycott names what went wrong
    post.attack = False
    for snippet, harm, origin in (
        ("Todos a por @lumbreburger, que se enteren", (), "troll"),
        ("Let's flood their page #LumbreBurger", (), "troll"),
        ("No compréis en Lumbre Burger, me puse enfermo tras comer", ("health",), "customer"),
        ("No vayáis a Lumbre Burger, nadie me responde", (), "customer"),
    ):
        post.snippet, post.harm = snippet, harm
        assert origin_of(post, "strong", settings) == origin, snippet
    # an influencer's insults are still an influencer's, to contact fast
    post.snippet, post.harm, post.attack, post.followers = "sois unos payasos", (), True, 50_000
    assert origin_of(post, "strong", settings) == "influencer"


def test_the_conversation_under_a_story_keeps_it_alive() -> None:
    """A review of a second poisoning, then an hour in which people only answer it
    ("Confirmo", "sois unos inútiles"), then the crowd: one story, begun by the review."""
    burst = START + timedelta(days=5, hours=20)
    stream = _stream(1, burst_at=burst)
    review = _obs(900_001, burst - timedelta(minutes=70), "resena", negative=True, harm=("health",))
    review.post, review.channel = "x:resena", "review"
    answers = [
        _obs(900_002 + k, burst - timedelta(minutes=minutes), f"vecino{k}", negative=True)
        for k, minutes in enumerate((45, 20))
    ]
    for o in answers:
        o.reply, o.parent, o.post = True, review.post, f"x:{o.author}"

    assert _first_author([*stream, review, *answers]) == "resena"
    # an answer to the answers keeps it too
    answers[1].parent = answers[0].post
    assert _first_author([*stream, review, *answers]) == "resena"
    # with nobody speaking for seventy minutes, the review was another story
    assert _first_author([*stream, review]) == "angry0"


def test_a_story_of_illness_does_not_begin_with_a_complaint_of_overcharging() -> None:
    """Harm talk links a story's posts when it is the harm the story speaks of: an
    overcharged customer twenty minutes before the first people poisoned told another
    story; a scam, then "rigged", tell one."""
    burst = START + timedelta(days=5, hours=20)
    stream = _stream(1, burst_at=burst)
    earlier = _obs(900_001, burst - timedelta(minutes=20), "cobro", negative=True, harm=("fraud",))
    earlier.snippet = "Me han cobrado dos veces el pedido"
    assert _first_author([*stream, earlier]) == "angry0"
    earlier.harm = ("health",)
    assert _first_author([*stream, earlier]) == "cobro"


def test_a_call_to_turn_on_the_brand_begins_the_story_it_calls_for() -> None:
    """ "A reventar a #LumbreBurger" shares no word with the insults that follow it, but
    it is where the raid began; a call older than the story's silences is not."""
    burst = START + timedelta(days=5, hours=20)
    stream = _stream(1, burst_at=burst)
    call = _obs(900_001, burst - timedelta(minutes=12), "cabecilla", negative=True)
    call.snippet = "A reventar a #LumbreBurger"
    _, results = _run(sorted([*stream, call], key=lambda o: o.at))
    alert = next(r.alert for r in results if r.alert)
    assert alert.why["first_post"]["author"] == "cabecilla"
    assert alert.origin == "troll" and alert.category == "attack"
    call.at = call.created = burst - timedelta(minutes=60)
    assert _first_author([*stream, call]) == "angry0"


def _joiners(prefix: str, start: datetime, n: int, minutes: float, **kw) -> list[Observation]:  # type: ignore[no-untyped-def]
    """``n`` different people posting once each, evenly over ``minutes``."""
    out = []
    for k in range(n):
        o = _obs(300_000 + k, start + timedelta(minutes=k * minutes / n), f"{prefix}{k}", **kw)
        out.append(o)
    return out


def _answers(
    post: Observation, n: int, first_id: int, prefix: str, after: int = 3
) -> list[Observation]:
    """``n`` different people answering ``post`` in anger, a minute apart from ``after``
    minutes on."""
    out = []
    for k in range(n):
        o = _obs(
            first_id + k, post.at + timedelta(minutes=after + k), f"{prefix}{k}", negative=True
        )
        o.reply, o.parent = True, post.post
        out.append(o)
    return out


def test_people_asking_about_harm_raise_an_alert_though_nobody_sounds_negative() -> None:
    # a rumour: people ask whether the kitchen has rats, in a neutral tone
    at = START + timedelta(days=5, hours=20)
    rumour = _joiners("asker", at, 12, 40, negative=False, harm=("health",))
    _, results = _run(sorted(_stream(6) + rumour, key=lambda o: o.at))
    alerts = [r.alert for r in results if r.alert]
    assert alerts, "the harm talk was not noticed"
    assert alerts[0].at - at < timedelta(minutes=45)
    assert alerts[0].severity == Severity.LIGHT
    talk = alerts[0].why["signals"]["talk"]["harm"]
    assert talk["authors"] >= 3 and talk["authors"] > 5 * talk["expected"]
    # the same posts from a coordinated cluster are not people speaking of harm
    for o in rumour:
        o.coordinated = True
    _, results = _run(sorted(_stream(6) + rumour, key=lambda o: o.at))
    assert not [r for r in results if r.alert and r.alert.severity >= Severity.LIGHT]


def test_a_slow_wave_shows_over_the_long_time_scale() -> None:
    # a few more unhappy people than usual each hour, for hours: no single hour is
    # enough, four hours together are
    at = START + timedelta(days=5, hours=12)
    slow = _joiners("slow", at, 72, 240, negative=True)
    _, results = _run(sorted(_stream(7) + slow, key=lambda o: o.at))
    alerts = [r.alert for r in results if r.alert]
    assert alerts, "the slow wave was not noticed"
    assert alerts[0].why["signals"]["scale"]["minutes"] == 240


def test_a_state_saved_before_the_time_scales_still_loads() -> None:
    detector, _ = _run(_stream(8, days=2))
    state = json.loads(json.dumps(detector.state()))
    state["dispersion"] = 1.7  # one number, as states saved before had
    del state["talk"]
    restored = WatchDetector("w", DetectorSettings(), state)
    assert restored.dispersion == [1.7] * len(restored.dispersion)
    assert restored.authors.updates == detector.authors.updates


def test_the_baseline_doubts_the_hours_and_weekdays_it_has_not_seen() -> None:
    b = SeasonalBaseline(buckets_per_hour=1)
    assert math.isclose(b.doubt(9, 0), math.hypot(0.5, 0.3))
    for day in range(2):  # Monday and Tuesday
        for hour in range(24):
            b.update(10.0 * SHAPE[hour], hour, day)
    assert math.isclose(b.doubt(9, 5), math.hypot(0.5 / 9, 0.3))  # no weekend seen
    # a Wednesday is new, but two working days were seen: it doubts less
    assert b.doubt(9, 1) < b.doubt(9, 2) < b.doubt(9, 5)
    for day in range(2, 28):
        for hour in range(24):
            b.update(10.0 * SHAPE[hour], hour, day % 7)
    assert b.doubt(9, 5) < 0.1


def _busy(days: int, weekend: float, surge_at: datetime | None = None) -> list[Observation]:
    """A busy watch: about 90 different people a (mean) hour speak negatively, more at
    weekends; and optionally four times as many for an hour from ``surge_at``."""
    rng = random.Random(7)
    out = []
    for minute in range(days * 24 * 60):
        at = START + timedelta(minutes=minute)
        rate = 1.5 * SHAPE[at.hour] / (sum(SHAPE) / 24) * (weekend if at.weekday() >= 5 else 1.0)
        if surge_at is not None and surge_at <= at < surge_at + timedelta(hours=1):
            rate *= 4.0
        # a Poisson count of new people this minute (Knuth's method: small rates)
        n, p, limit = 0, rng.random(), math.exp(-rate)
        while p > limit:
            n, p = n + 1, p * rng.random()
        out += [_obs(len(out) + 1, at, f"p{rng.randrange(10**9)}", negative=True) for _ in range(n)]
    return out


def test_a_busy_watch_does_not_alert_on_its_first_weekend() -> None:
    # a new watch on a busy brand: its first Saturday and Sunday are half as busy again
    # as the weekdays it has learnt; that is the week's rhythm, not a crisis
    _, results = _run(_busy(7, weekend=1.5))
    assert [r.alert.at for r in results if r.alert] == []
    # four times the people in an hour that first Saturday is one
    surge = START + timedelta(days=5, hours=18)
    _, results = _run(_busy(6, weekend=1.5, surge_at=surge))
    alerts = [r.alert for r in results if r.alert]
    assert alerts and surge <= alerts[0].at < surge + timedelta(minutes=45)


def _worded(observations: list[Observation], seed: int) -> list[Observation]:
    """Give ordinary chatter varied words: three of two hundred topics each."""
    rng = random.Random(seed)
    vocabulary = [f"asunto{k}x" for k in range(200)]
    for o in observations:
        o.snippet = " ".join(rng.sample(vocabulary, 3))
    return observations


def test_many_people_upset_about_the_same_new_thing_alert_sooner() -> None:
    # a dozen people within the hour: barely more than the evening's usual, but all of
    # them on one thing the watch never heard of (the app is down)
    at = START + timedelta(days=5, hours=20)

    def first_alert(snippet: str | None) -> Alert | None:
        wave = _joiners("upset", at, 14, 60, negative=True)
        if snippet is not None:
            for o in wave:
                o.snippet = snippet
        else:
            _worded(wave, 99)
        _, results = _run(sorted(_worded(_stream(9), 9) + wave, key=lambda o: o.at))
        return next((r.alert for r in results if r.alert and r.alert.at >= at), None)

    topic = first_alert("la app caida otra vez, no puedo pedir")
    assert topic is not None and topic.at - at <= timedelta(minutes=45)
    words = [w["word"] for w in topic.why["signals"]["words"]]
    assert "caida" in words
    assert any("caida" in line for line in why_lines(topic.why["signals"], "es"))
    scattered = first_alert(None)  # the same people on as many different things
    assert scattered is None or scattered.at > topic.at


def test_a_stored_mention_brings_its_authors_reasons_to_a_backtest() -> None:
    from oteo.detect.backtest import observation

    row = {
        "id": 7,
        "source": "x",
        "external_id": "7",
        "received_at": START,
        "created_at": START,
        "handle": "troll_1",
        "author_external_id": "99",
        "followers": 12,
        "channel": "twitter",
        "negative": True,
        "relation": None,
        "parent_external_id": None,
        "harm": "",
        "text": "hola",
        "risk": 0.9,
        "risk_reasons": [["author.age", {"days": 3}], "no avatar"],  # the text: an older oteo
        "cluster": None,
        "tier": "none",
        "bio": None,
    }
    assert observation(row).reasons == (("author.age", {"days": 3}),)
    assert not observation(row).attack  # no offence kind: not an attack
    assert observation({**row, "offensive_kind": "insult"}).attack


def test_what_moved_comes_first_and_the_watchs_usual_chatter_after() -> None:
    """A brand whose people often grumble about its Larios branch's slow service: when
    some of them fall ill, the alert's first theme is the illness, named by words the
    watch seldom hears, and its posts are the first handed to the incident; the usual
    grumbling, as many posts, comes after."""
    rng = random.Random(3)
    chatter = [
        "Bastante lento el servicio hoy en la calle Larios",
        "Otra vez una hora esperando en el local de Larios",
        "Servicio flojo en Larios, nadie atiende",
        "En Larios tardan muchísimo, qué lento",
    ]
    ill = [
        "Intoxicación tras cenar allí, {k} amigos con fiebre",
        "Mi hijo con fiebre y vómitos después de cenar, {k} días ya",
        "Acabé en urgencias con fiebre tras la cena, somos {k}",
    ]
    stream = []
    for minute in range(0, 6 * 24 * 60, 2):
        at = START + timedelta(minutes=minute)
        o = _obs(minute, at, f"u{rng.randrange(3000)}", negative=True)
        o.snippet = rng.choice(chatter)
        stream.append(o)
    onset = START + timedelta(days=5, hours=20)
    for k in range(25):
        at = onset + timedelta(seconds=70 * k)
        o = _obs(900_000 + k, at, f"ill{k}", negative=True, harm=("health",))
        o.snippet = ill[k % len(ill)].format(k=k + 2)
        stream.append(o)
        if k % 5 == 0:  # passed on as X writes it: goes with what it passes on
            rt = _obs(950_000 + k, at + timedelta(seconds=30), f"fan{k}", negative=True)
            rt.repost, rt.snippet = True, f"RT @ill{k}: {o.snippet}"
            stream.append(rt)
    _, results = _run(sorted(stream, key=lambda o: o.at))
    alerts = [r.alert for r in results if r.alert and r.alert.at >= onset]
    assert alerts, "the illness was not detected"
    first = alerts[0]
    lead = first.why["themes"][0].split(" · ")
    assert "fiebre" in lead and "larios" not in lead, first.why["themes"]
    read_first = {m for m, rank in first.mention_themes.items() if rank == 0}
    ill_ids = {m for m in first.mention_ids if m >= 900_000}
    assert ill_ids and read_first == ill_ids
    # the incident gets them first, the usual grumbling after
    assert set(first.mention_ids[: len(ill_ids)]) == ill_ids
    assert len(first.mention_ids) > 2 * len(ill_ids)


def test_a_crowd_that_moved_without_a_word_of_its_own_is_led_by_its_likeliest_words() -> None:
    """An alert on the crowd alone (no harm talk, no word past the calm line) still has
    what drives it: the posts with the young topic's words that stand out at all, when
    enough people wrote them; words past the calm line win when they name enough."""
    detector = WatchDetector("w", DetectorSettings())
    off = detector.settings.thresholds[1]
    at = START
    boycott = [_obs(k, at, f"b{k}", negative=True) for k in range(4)]
    for o in boycott:
        o.snippet = "después de leer ese mensaje no vuelvo"
    chatter = [_obs(10 + k, at, f"c{k}", negative=True) for k in range(8)]
    for o in chatter:
        o.snippet = "servicio lento en el local de Larios"
    posts = boycott + chatter
    quiet_harm = {"harm": (0, 0.5, 0.0)}

    def driving(topics: list[tuple[str, int, float, float]]) -> list[Observation]:
        return detector._driving(posts, {"talk": quiet_harm, "topics": topics})

    weak = [("vuelvo", 4, 0.4, off / 3)]
    assert driving(weak) == boycott
    assert driving([("vuelvo", 4, 0.4, off / 3), ("larios", 8, 2.0, off)]) == chatter
    # too few people behind the words: nothing drives it but the crowd
    for o in boycott[1:]:
        o.author = "b0"
    assert driving(weak) == []


def test_the_alert_is_named_by_what_people_talk_about_not_by_their_insults() -> None:
    """More people insult than tell what happened, yet the insults share no subject: the
    alert's first theme (the incident's title) is the one its words name."""
    at = START + timedelta(days=5, hours=20)
    insults = ["Sois unos inútiles", "Sois unos sinvergüenzas", "Idiotas, sois lo peor"]
    burst = []
    for k in range(60):
        o = _obs(400_000 + k, at + timedelta(seconds=50 * k), f"angry{k}", negative=True)
        if k % 3:
            o.snippet = insults[k % len(insults)]
        else:
            o.snippet = f"Intoxicación en el local de Ruzafa, {k} con fiebre en urgencias"
        burst.append(o)
    _, results = _run(sorted(_stream(5) + burst, key=lambda o: o.at))
    alerts = [r.alert for r in results if r.alert]
    assert alerts
    themes = alerts[0].why["themes"]
    assert len(themes) >= 2 and {"intoxicacion", "fiebre", "urgencias"} & set(
        themes[0].split(" · ")
    )
    assert not {"sois", "unos", "ultima"} & set(theme_words("Sois unos inútiles, la última vez"))
    # a name called goes whole; the same word where it names a thing stays
    assert theme_words("Panda de payasos, otra vez sin reserva") == ["reserva"]
    # stretched for emphasis, still a name called, not the theme "panda"
    assert theme_words("Sois una pandaaa de inútiles, sin reservaaa") == ["reserva"]
    assert "ratas" in theme_words("Había ratas en la cocina del local")
    # the harm a story is about is what it is about, though the lexicon reads it as
    # negative; how people feel about it is not
    said = theme_words("Lamentable: intoxicación y vómitos, una estafa. Pondré una denuncia")
    assert {"intoxicacion", "vomitos", "estafa", "denuncia"} <= set(said)
    assert "lamentable" not in said
    # "isn't what it used to be", said of four different dishes, is not a theme
    assert theme_words("the double burger at lumbre burger isn't what it used to be") == [
        "double",
        "burger",
        "lumbre",
        "burger",
    ]


def test_the_first_post_is_where_the_story_began() -> None:
    burst = START + timedelta(days=5, hours=20)
    stream = _stream(1, burst_at=burst)
    # someone spoke of harm three hours before: another story, not this one's start
    stream.append(
        _obs(900_001, burst - timedelta(hours=3), "earlier", negative=True, harm=("health",))
    )
    _, results = _run(sorted(stream, key=lambda o: o.at))
    alert = next(r.alert for r in results if r.alert)
    assert alert.why["first_post"]["author"] == "angry0"

    # a post that half a dozen people answer before the crowd comes set it off, though
    # it came before the hour that moved and shares no word with it, when some of the
    # people answering it are the crowd (the answers alone make a light alert first:
    # the crowd's is the one that tells)
    spark = _obs(900_002, burst - timedelta(minutes=80), "spark", negative=True)
    spark.post = "x:spark"

    def first_author(extra: list[Observation]) -> str:
        return _first_author(stream + extra, after=burst)

    assert first_author([spark, *_answers(spark, 6, 900_010, "angry")]) == "spark"
    # fewer answers than that are ordinary conversation
    assert first_author([spark, *_answers(spark, 4, 900_010, "angry")]) == "angry0"
    # strangers answering a post about something else (an influencer's gripe of the
    # day) did not set off the crowd...
    answers = _answers(spark, 6, 900_010, "answer")
    assert first_author([spark, *answers]) == "angry0"
    # ...unless the crowd answers them
    for o in answers:
        o.post = f"x:{o.author}"
    echo = _answers(answers[0], 1, 900_020, "angry")
    assert first_author([spark, *answers, *echo]) == "spark"
    # or the post said what the crowd says
    spark.harm, spark.snippet = ("health",), "me puse enfermo tras comer"
    assert first_author([spark, *answers]) == "spark"
    spark.harm, spark.snippet = (), "hola"
    # a post that draws the answers once the crowd has begun spread the story, but the
    # story began before it
    for o in [spark, *answers]:  # a minute after the first of the crowd
        o.at = o.created = o.at + timedelta(minutes=81)
    _, results = _run(sorted(stream + [spark, *answers], key=lambda o: o.at))
    alert = [r.alert for r in results if r.alert][-1]  # the crisis, the answers all in
    assert alert.severity == Severity.CRISIS
    assert alert.why["first_post"]["author"] == "angry0"


def test_a_story_that_speaks_of_harm_only_now_and_then_begins_where_its_words_began() -> None:
    """A rigged giveaway: the first post calls it a scam (fraud, a harm), the next ones
    say "rigged" (no harm word) every ten minutes, and "scam" comes back only later.
    The story is both: its harm posts alone break at the hour without one and would
    name a post written an hour and twenty minutes after it began."""
    from oteo.detect.detector import _first_post

    t0 = START + timedelta(days=5, hours=20)

    def post(i: int, minutes: int, text: str, harm: tuple[str, ...] = ()) -> Observation:
        o = _obs(i, t0 + timedelta(minutes=minutes), f"p{i}", negative=True, harm=harm)
        o.snippet = text
        return o

    held = [post(1, 0, "The giveaway is a scam: an employee won", ("fraud",))]
    held += [post(i, 10 * i, "The giveaway is rigged: a fake account won") for i in range(2, 8)]
    held += [post(10 + i, 80 + 5 * i, "This giveaway is a scam", ("fraud",)) for i in range(3)]
    first = _first_post(held, held[-3:], {"giveaway"}, frozenset(), {})
    assert first is not None and first.mention_id == 1


def test_the_brands_own_post_is_held_as_a_start_but_never_counted_as_a_complaint() -> None:
    """A post of the brand's own account that people answer in anger set the story off:
    the alert names it and says the origin is the brand's own post.  The brand posting
    angry words itself is no complaint: alone, its posts raise nothing."""
    burst = START + timedelta(days=5, hours=20)
    stream = _stream(1, burst_at=burst)
    own = _obs(900_002, burst - timedelta(minutes=40), "@LumbreBurger", negative=False)
    own.post = "x:own"
    answers = _answers(own, 6, 900_010, "answer")
    settings = DetectorSettings(accounts=frozenset({"lumbreburger"}))
    _, results = _run(
        sorted(stream + [own, *answers], key=lambda o: o.at), WatchDetector("w", settings)
    )
    alert = next(r.alert for r in results if r.alert and r.alert.at > burst)
    assert alert.why["first_post"]["author"] == "@LumbreBurger"
    assert alert.origin == "brand"
    # without the brand's handles it is just a post people answered
    _, results = _run(sorted(stream + [own, *answers], key=lambda o: o.at))
    alert = next(r.alert for r in results if r.alert and r.alert.at > burst)
    assert alert.origin == "customer"
    # a hacked account posting again and again: two people answer each of three posts,
    # six in all, answering one act that began with the first
    spree = []
    for n in range(3):
        post = _obs(900_100 + n, own.at + timedelta(minutes=8 * n), "lumbreburger", negative=False)
        post.post = f"x:spree{n}"
        spree += [post, *_answers(post, 2, 900_200 + 2 * n, f"re{n}", after=2)]
    _, results = _run(sorted(stream + spree, key=lambda o: o.at), WatchDetector("w", settings))
    alert = next(r.alert for r in results if r.alert and r.alert.at > burst)
    assert alert.origin == "brand" and alert.why["first_post"]["text"] == spree[0].snippet
    # the brand's own posts, however negative and many, are not people complaining
    shouting = [
        _obs(
            910_000 + k,
            burst + timedelta(minutes=k),
            "lumbreburger",
            negative=True,
            harm=("health",),
        )
        for k in range(60)
    ]
    _, results = _run(
        sorted(_stream(1) + shouting, key=lambda o: o.at), WatchDetector("w", settings)
    )
    assert [r for r in results if r.alert] == []


def test_people_speaking_of_the_brands_post_point_at_it() -> None:
    """A wrong post's backlash is often written as posts of their own ("Vuestro tuit es
    una vergüenza, borradlo"), not answers: when three people of the story speak of a
    post of the brand's, its latest own post shortly before the story's first is where
    it began.  Not an answer of the brand's to someone, nor one from hours before, and
    not when nobody speaks of a post."""
    burst = START + timedelta(days=5, hours=20)
    settings = DetectorSettings(accounts=frozenset({"lumbreburger"}))

    def first_named(own_at: timedelta, reply: bool = False, talking: int = 3) -> str:
        stream = _stream(1, burst_at=burst)
        own = _obs(900_002, burst - own_at, "lumbreburger", negative=False)
        own.post, own.reply, own.snippet = (
            "x:own",
            reply,
            "Si no te gusta, el problema es tu paladar",
        )
        angry = sorted((o for o in stream if o.author.startswith("angry")), key=lambda o: o.at)
        for o in angry[1 : 1 + talking]:
            o.snippet = "Vuestro tuit es una vergüenza, borradlo ya"
        _, results = _run(sorted(stream + [own], key=lambda o: o.at), WatchDetector("w", settings))
        alert = next(r.alert for r in results if r.alert and r.alert.at > burst)
        return f"{alert.why['first_post']['author']} {alert.origin}"

    assert first_named(timedelta(minutes=10)) == "lumbreburger brand"
    assert first_named(timedelta(minutes=10), talking=2) == "angry0 customer"
    assert first_named(timedelta(minutes=10), reply=True) == "angry0 customer"
    assert first_named(timedelta(hours=2)) == "angry0 customer"


def test_people_reacting_to_a_post_count_whatever_their_tone() -> None:
    """Outrage often reads as neutral ("Qué fuerte esto!!") and a repost copies the tone
    of what it reposts: the people who answer or repost a post make it the spark
    whatever their tone, though only the negative ones are kept for the why."""
    burst = START + timedelta(days=5, hours=20)
    stream = _stream(1, burst_at=burst)
    own = _obs(900_002, burst - timedelta(minutes=40), "@LumbreBurger", negative=False)
    own.post = "x:own"
    reactions = _answers(own, 6, 900_010, "answer")
    for k, o in enumerate(reactions):
        o.negative, o.repost = False, k % 2 == 0
        o.reply = not o.repost
    settings = DetectorSettings(accounts=frozenset({"lumbreburger"}))
    _, results = _run(
        sorted(stream + [own, *reactions], key=lambda o: o.at), WatchDetector("w", settings)
    )
    alert = next(r.alert for r in results if r.alert and r.alert.at > burst)
    assert alert.origin == "brand"
    assert alert.why["first_post"]["author"] == "@LumbreBurger"
    # the brand answering a post itself is not people reacting to it
    post = _obs(900_003, burst - timedelta(minutes=40), "client", negative=True)
    post.post = "x:client"
    mine = _answers(post, 6, 900_020, "answer")
    for o in mine:
        o.author = o.handle = "lumbreburger"
    _, results = _run(
        sorted(stream + [post, *mine], key=lambda o: o.at), WatchDetector("w", settings)
    )
    alert = next(r.alert for r in results if r.alert and r.alert.at > burst)
    assert alert.why["first_post"]["author"] == "angry0"


def test_the_detection_bench_scores_the_origin_and_the_channel() -> None:
    from oteo.detect.evaluate import Run, Summary

    onset = START + timedelta(days=2)

    def crisis(  # type: ignore[no-untyped-def]
        name: str, role: str, channel: str, origin: str, began: str, kind="crisis", read="strong"
    ) -> Run:
        truth = {
            "onset": onset.isoformat(),
            "end": (onset + timedelta(hours=6)).isoformat(),
            "origin_role": role,
            "origin_channel": channel,
            "category": kind,
        }
        alert = Alert("w", onset + timedelta(minutes=40), Severity.STRONG, 5.0, read, origin, {})
        run = Run(name, 1, "es", "medium", 4.0, truth, alerts=[alert])
        run.origin, run.origin_channel = origin, began
        run.incident_origin, run.incident_channel = origin, began
        return run

    runs = [
        crisis("ex_employee_leak", "ex_employee", "forum", "insider", "forum"),
        crisis("blog_expose", "journalist", "blog", "customer", "twitter"),
        crisis("wrong_post", "brand", "twitter", "brand", "twitter"),
        crisis("hacked_account", "brand", "twitter", "customer", "twitter"),
    ]
    # the blog post was read after the first alert: the incident began there
    runs[1].incident_origin, runs[1].incident_channel = "influencer", "blog"
    lines = Summary(runs, [], []).lines()
    origin = [line for line in lines if line.startswith("origin named")]
    assert origin[0].endswith(
        "2/4 right (first alert); wrong: blog_expose es: customer, hacked_account es: customer"
    ), origin
    assert origin[1].endswith(
        "3/4 right (its incident at the end); wrong: hacked_account es: customer"
    ), origin
    channel = [line for line in lines if line.startswith("channel where")]
    assert channel[0].endswith("3/4 right (first alert); wrong: blog_expose es: twitter")
    assert channel[1].endswith("4/4 right (its incident at the end)")
    # what the first alert calls a raid, and what it wrongly calls one
    runs = [
        crisis("troll_attack", "troll", "twitter", "troll", "twitter", "attack", "attack"),
        crisis("troll_attack", "troll", "twitter", "customer", "twitter", "attack", "light"),
        crisis("wrong_post", "brand", "twitter", "brand", "twitter", read="attack"),
    ]
    lines = Summary(runs, [], []).lines()
    assert "attacks called attacks   1/2 (first alert); wrong: troll_attack es: light" in lines
    assert "other crises called so   1/1 (first alert); wrong: wrong_post es" in lines


def _replay(  # type: ignore[no-untyped-def]
    db_url: str, folder, scenario: str, days: float = 2.0, restart_after: timedelta | None = None
):
    """A scenario in ``days`` of the medium brand, replayed through the pipeline in fast
    mode (optionally restarted ``restart_after`` its onset): its alerts, its truth and
    the config."""
    import asyncio

    from oteo.clock import ReplayClock
    from oteo.config import Mode
    from oteo.demo import prepare
    from oteo.detect.evaluate import BRANDS
    from oteo.pipeline import Pipeline
    from oteo.sim.scenarios import place
    from oteo.sim.stream import Simulation
    from oteo.store import Store

    config = prepare(folder, "es", db_url, BRANDS["medium"].name)
    config.understanding.mode = Mode.FAST
    start = datetime(2026, 10, 5, tzinfo=config.tz)
    sim = Simulation(
        BRANDS["medium"],
        start=start,
        duration=timedelta(days=days),
        seed=1,
        episodes=[place(scenario, start, days, "es")],
    )
    mentions = list(sim)
    truth = sim.ground_truth()["episodes"][0]
    onset = datetime.fromisoformat(truth["onset"])
    parts = [mentions]
    if restart_after is not None:
        cut = next(i for i, m in enumerate(mentions) if m.received_at >= onset + restart_after)
        parts = [mentions[:cut], mentions[cut:]]
    alerts: list[Alert] = []
    for part in parts:
        store = Store(db_url)
        pipeline = Pipeline(
            config,
            store,
            clock=ReplayClock(sim.start, None),
            listener=lambda kind, data: alerts.append(data[1]) if kind == "alert" else None,
        )
        asyncio.run(pipeline.run(part))
        store.close()
    return alerts, truth, config


def test_a_pipeline_restarted_mid_crisis_explains_it_from_the_store(db_url: str, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The brand's post gone wrong, replayed through the pipeline with a restart forty
    minutes in (a deploy, a crash): the crisis alert still names the brand's own post
    as where it began, read back from the store with the rest of what detection held."""
    alerts, truth, _ = _replay(db_url, tmp_path, "wrong_post", restart_after=timedelta(minutes=40))
    onset = datetime.fromisoformat(truth["onset"])
    crisis = next(a for a in alerts if a.at > onset + timedelta(minutes=40))
    assert crisis.origin == "brand"
    assert crisis.why["first_post"]["author"] == "lumbreburger"
    assert datetime.fromisoformat(crisis.why["first_post"]["created_at"]) == onset


def test_the_post_people_point_at_is_named_though_detection_no_longer_holds_it(
    db_url: str, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    """An ex-employee's thread, calm in tone, quoted in anger for hours before the crowd
    is unusual: the alert names the thread, read from the store, and its author as an
    insider; not the customer whose relay happens to be the oldest held."""
    from oteo.detect.backtest import backtest
    from oteo.store import Store

    alerts, truth, config = _replay(db_url, tmp_path, "ex_employee_leak", days=3.0)
    onset = datetime.fromisoformat(truth["onset"])
    first = next(a for a in alerts if a.at > onset)
    assert first.at - onset > timedelta(hours=4)  # older than the four hours held
    assert first.spark is not None
    assert first.origin == "insider"
    assert first.why["first_post"]["author"] == truth["origin_author"]
    assert first.why["first_post"]["channel"] == truth["origin_channel"] == "forum"
    # a backtest of the watch reads it the same way
    store = Store(db_url)
    replayed = backtest(config, store, config.watches[0].name).alerts
    store.close()
    again = next(a for a in replayed if a.at > onset)
    assert (again.at, again.origin, again.why["first_post"]) == (
        first.at,
        first.origin,
        first.why["first_post"],
    )


def test_the_post_the_crowd_points_at_set_it_off_only_if_it_came_first() -> None:
    from oteo.detect.detector import began_with

    burst = START + timedelta(days=5, hours=20)
    thread = _obs(900_002, burst - timedelta(hours=6), "insider", negative=False)
    thread.post, thread.bio = "x:thread", "Ex-empleado de Lumbre Burger"
    # people quote it in anger (it is neither negative nor held: six hours old)
    quotes = _answers(thread, 6, 900_010, "quote", after=6 * 60 - 30)
    settings = DetectorSettings(brand="Lumbre Burger", competitors=("BurgerRival",))
    _, results = _run(
        sorted(_stream(1, burst_at=burst) + quotes, key=lambda o: o.at),
        WatchDetector("w", settings),
    )
    alert = next(r.alert for r in results if r.alert and r.alert.at > burst)
    assert alert.spark == "x:thread" and alert.origin == "customer"
    assert began_with(alert, thread, settings)
    assert alert.origin == "insider" and alert.why["first_post"]["author"] == "insider"
    # a post after the story's first spread it: it is not named
    late = _obs(900_003, burst + timedelta(minutes=20), "late", negative=False)
    assert not began_with(alert, late, settings)
    assert alert.why["first_post"]["author"] == "insider"
    assert alert.category == alert.severity.key  # a leak is no illegitimate attack
    # an incident kept by an older oteo has no time for its first post: the post the
    # crowd points at is better evidence than none
    del alert.why["first_post"]["created_at"]
    late.bio = "Marketing en BurgerRival"
    assert began_with(alert, late, settings)
    assert (alert.origin, alert.category) == ("competitor", "attack")
    # fewer people than make a spark point at nothing
    _, results = _run(sorted(_stream(1, burst_at=burst) + quotes[:4], key=lambda o: o.at))
    alert = next(r.alert for r in results if r.alert and r.alert.at > burst)
    assert alert.spark is None
