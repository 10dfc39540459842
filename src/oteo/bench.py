"""Benchmarks: they measure and print, they do not pass or fail.

``oteo bench pipeline`` replays simulated mentions of a busy brand through the whole
pipeline into a fresh store, and reports mentions per second end to end and the peak
memory of the pipeline with its understanding workers.  The simulator first writes the
stream as JSON Lines records to a file (in a child process, not timed), as a source
would deliver them; the pipeline then parses every record while it is timed, with the
machine's cores to itself: in production the mentions come from the network, and no
core of ours makes them up.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import multiprocessing
import os
import platform
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import numpy as np

from oteo.clock import ReplayClock
from oteo.config import Mode, load_text, render_example
from oteo.model import Mention
from oteo.pipeline import Pipeline
from oteo.records import from_record, to_record
from oteo.sim import Brand, Simulation
from oteo.store import Store


@dataclass
class PipelineBench:
    mentions: int
    seconds: float
    rate: float
    peak_pss_mb: float
    largest_rss_mb: float
    generated_seconds: float
    stream_mb: float
    stored: int
    matched: int
    alerts: int
    database: str
    db_mb: float | None
    cpu_main: float = 0.0
    cpu_others: float = 0.0

    def lines(self) -> list[str]:
        out = [
            f"mentions         {self.mentions}",
            f"seconds          {self.seconds:.1f}",
            f"mentions/s       {self.rate:.0f}",
            f"peak memory      {self.peak_pss_mb:.0f} MB (PSS of the pipeline process, its understanding workers and their fork server, together; shared pages count once)",
            f"largest process  {self.largest_rss_mb:.0f} MB (RSS)",
            f"CPU time         {self.cpu_main:.0f} s pipeline process, {self.cpu_others:.0f} s"
            " understanding workers and fork server",
            f"stream           {self.stream_mb:.0f} MB of JSON Lines, simulated beforehand in"
            f" {self.generated_seconds:.0f} s (not timed)",
            f"stored           {self.stored}",
            f"matched          {self.matched}",
            f"alerts           {self.alerts}",
            f"database         {self.database}",
        ]
        if self.db_mb is not None:
            out.append(f"database size    {self.db_mb:.0f} MB")
        out.append(
            f"machine          {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
        )
        return out


def _memory_mb(pid: int) -> tuple[float, float]:
    """(PSS, RSS) of a process from /proc/PID/smaps_rollup, in MB, read in one pass (the
    kernel walks the page tables for every read); zeros when the process is gone."""
    found: dict[bytes, float] = {}
    try:
        with open(f"/proc/{pid}/smaps_rollup", "rb") as f:
            for line in f:
                if line.startswith((b"Pss:", b"Rss:")):
                    found[line[:4]] = int(line.split()[1]) / 1024.0
    except (OSError, IndexError, ValueError):
        pass
    return found.get(b"Pss:", 0.0), found.get(b"Rss:", 0.0)


def _cpu_seconds(pid: int) -> float:
    """User and system CPU time a process has used so far (0 when it is gone)."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            fields = f.read().rsplit(b")", 1)[1].split()
    except (OSError, IndexError):
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _descendants(pid: int) -> list[int]:
    """Children of every thread of ``pid``, their children, and so on."""
    out: list[int] = []
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return out
    for task in tasks:
        try:
            with open(f"/proc/{pid}/task/{task}/children", "rb") as f:
                kids = [int(c) for c in f.read().split()]
        except OSError:
            continue
        for kid in kids:
            out += [kid, *_descendants(kid)]
    return out


class _MemoryWatch(threading.Thread):
    """Samples the memory of this process and its descendants (the understanding
    workers and their fork server) every second (the kernel walks every page table to
    answer, at the machine's expense; memory grows slowly here), and the CPU time of
    the descendants (gone by the end: their last reading counts).

    The figure is the proportional set size (PSS): a page shared by several processes
    (the models, loaded once and shared by every forked worker) counts once in the
    sum, shared out among them, so the sum is the memory the pipeline really takes.
    The largest single process's resident size (RSS) is kept too."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.peak = self.largest_rss = 0.0
        self.cpu: dict[int, float] = {}
        self._done = threading.Event()

    def run(self) -> None:
        while not self._done.wait(1.0):
            helpers = _descendants(os.getpid())
            sizes = [_memory_mb(p) for p in [os.getpid(), *helpers]]
            self.peak = max(self.peak, sum(pss for pss, _ in sizes))
            self.largest_rss = max(self.largest_rss, *(rss for _, rss in sizes))
            for pid in helpers:
                self.cpu[pid] = max(self.cpu.get(pid, 0.0), _cpu_seconds(pid))

    def stop(self) -> None:
        self._done.set()
        self.join()


def _produce(
    path: str, mentions: int, daily_volume: float, seed: int, start: datetime, days: float
) -> None:
    """Child process: write the simulated stream as JSON Lines into ``path``."""
    sim = Simulation(
        Brand(daily_volume=daily_volume), start=start, duration=timedelta(days=days), seed=seed
    )
    with open(path, "wb", buffering=1 << 20) as out:
        for m in itertools.islice(sim, mentions):
            out.write(json.dumps(to_record(m), ensure_ascii=False).encode("utf-8") + b"\n")


def _feed(path: Path, now: datetime) -> Iterator[Mention]:
    """Parse the stream's records, one by one."""
    with path.open("rb", buffering=1 << 20) as lines:
        for line in lines:
            yield from_record(json.loads(line), now=now)


def bench_pipeline(
    mentions: int,
    *,
    database: str | None = None,
    daily_volume: float = 50_000.0,
    seed: int = 1,
    mode: str = "full",
) -> PipelineBench:
    workdir = Path(tempfile.mkdtemp(prefix="oteo-bench-"))
    url = database or f"sqlite:///{workdir / 'bench.db'}"
    config = load_text(render_example("es", "Lumbre Burger", database=url), "bench.yaml")
    config.understanding.mode = Mode(mode)
    store = Store(url)
    start = datetime(2026, 1, 5, tzinfo=config.tz)
    days = max(1.0, mentions / daily_volume * 1.5)
    stream = workdir / "stream.jsonl"
    # the simulator's population stays in its own process: not ours to count
    child = multiprocessing.get_context("fork").Process(
        target=_produce, args=(str(stream), mentions, daily_volume, seed, start, days)
    )
    began = time.perf_counter()
    child.start()
    child.join()
    if child.exitcode != 0:
        raise RuntimeError(f"the simulator failed (exit code {child.exitcode})")
    generated = time.perf_counter() - began
    watch = _MemoryWatch()
    watch.start()
    pipeline = Pipeline(config, store, clock=ReplayClock(start), batch_size=500)
    # timed from here: starting the workers and loading the models is not replay
    helpers_before = {p: _cpu_seconds(p) for p in _descendants(os.getpid())}
    main_before = sum(os.times()[:2])
    began = time.perf_counter()
    stats = asyncio.run(pipeline.run(_feed(stream, start)))
    seconds = time.perf_counter() - began
    cpu_main = sum(os.times()[:2]) - main_before
    watch.stop()
    stream_mb = stream.stat().st_size / 1e6
    stream.unlink()
    stored = store.counts()["mentions"]
    db_mb = None
    if url.startswith("sqlite:///"):
        path = Path(url[len("sqlite:///") :])
        db_mb = sum(p.stat().st_size for p in path.parent.glob(path.name + "*")) / 1e6
    store.close()
    return PipelineBench(
        stats.received,
        seconds,
        stats.received / seconds,
        watch.peak,
        watch.largest_rss,
        generated,
        stream_mb,
        stored,
        stats.matched,
        stats.alerts,
        url.split("@")[-1],
        db_mb,
        cpu_main,
        sum(cpu - helpers_before.get(pid, 0.0) for pid, cpu in watch.cpu.items()),
    )


def bench_sim(
    *, days: float = 5.0, volume: float = 200_000.0, seed: int = 1, sample: int = 200_000
) -> list[str]:
    """How fast the simulator generates: events as arrays (what benchmarks consume),
    then as Mention objects and as JSON Lines records (a sample)."""
    from oteo.sim.export import build

    sim = build(["food_poisoning"], days=days, seed=seed, volume=volume)
    began = time.perf_counter()
    events = sum(len(batch) for batch in sim.batches())
    arrays = time.perf_counter() - began
    sim = build(["food_poisoning"], days=days, seed=seed, volume=volume)
    began = time.perf_counter()
    made = sum(1 for _ in itertools.islice(sim.mentions(), sample))
    objects = time.perf_counter() - began
    sim = build(["food_poisoning"], days=days, seed=seed, volume=volume)
    began = time.perf_counter()
    lines = sum(
        len(json.dumps(to_record(m), ensure_ascii=False)) > 0
        for m in itertools.islice(sim.mentions(), sample)
    )
    records = time.perf_counter() - began
    return [
        f"events           {events} in {arrays:.2f} s: {events / arrays:,.0f} events/s (arrays)",
        f"mentions         {made} in {objects:.2f} s: {made / objects:,.0f} mentions/s (Mention objects)",
        f"records          {lines} in {records:.2f} s: {lines / records:,.0f} records/s (JSON Lines)",
        f"machine          {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
    ]


def bench_understand(
    n: int = 5000, data: Path | None = None, mode: str = "full", workers: int = 0
) -> list[str]:
    """Posts a second through the whole understanding step (language, sentiment,
    offence, intent, harm, coordination, author assessment), on distinct posts so no
    cache helps: real public posts when ``data`` is given, else the simulator's."""
    from oteo.model import AuthorProfile, Mention
    from oteo.understand.crowd import Crowd

    start = datetime(2026, 11, 2, tzinfo=ZoneInfo("Europe/Madrid"))
    if data is not None:
        from oteo.understand.train import read_tsv

        files = (
            "sentiment/es_tass_general.tsv",
            "sentiment/en_airline_us.tsv",
            "offensive/es_offendes_train.tsv",
        )
        texts = list(dict.fromkeys(row["text"] for f in files for row in read_tsv(data / f)))
        rng = np.random.default_rng(0)
        texts = [texts[i] for i in rng.permutation(len(texts))[:n]]
        mentions = [
            Mention(
                "bench",
                str(i),
                t,
                start,
                received_at=start,
                author=AuthorProfile(handle=f"u{i % 997}"),
            )
            for i, t in enumerate(texts)
        ]
        origin = "public posts (TASS, US airline tweets, OffendES)"
    else:
        seen: dict[str, Mention] = {}
        for m in Simulation(
            Brand(daily_volume=20_000), start=start, duration=timedelta(days=3), seed=1
        ).mentions():
            if m.relation is None:
                seen.setdefault(m.text, m)
            if len(seen) >= n:
                break
        mentions = list(seen.values())
        origin = "simulated posts"
    from oteo.understand.parallel import make_analyzer

    analyzer, crowd = make_analyzer(workers, mode), Crowd()
    analyzer.analyze_texts(["warm up the models"])
    began = time.perf_counter()
    # as the pipeline does: the workers take the next batch while this one's crowd is
    # worked out
    batches = [mentions[i : i + 256] for i in range(0, len(mentions), 256)]
    begun = [(batches[0], analyzer.begin(batches[0]))]
    for following in [*batches[1:], None]:
        if following is not None:
            begun.append((following, analyzer.begin(following)))
        batch, finish = begun.pop(0)
        finish()
        crowd.observe(batch)
    seconds = time.perf_counter() - began
    analyzer.close()
    length = sum(len(m.text) for m in mentions) / len(mentions)
    return [
        f"posts            {len(mentions)} distinct {origin}, {length:.0f} characters on average",
        f"seconds          {seconds:.1f}",
        f"posts/s          {len(mentions) / seconds:.0f} ({mode} mode, {getattr(analyzer, 'workers', 1)} worker processes)",
        f"machine          {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
    ]


#: XLM-T's multilingual validation file holds eight equal blocks, in this order
XLMT_ORDER = ("ar", "en", "fr", "de", "hi", "it", "pt", "es")


def bench_langid(data: Path) -> list[str]:
    """Accuracy and speed of language identification on the XLM-T multilingual
    validation tweets, whose language is given by their block in the file.  Rows within
    two of a block's edge are left out (blocks differ by a row or two); the Spanish and
    English blocks are checked against those languages' own validation files."""
    from oteo.understand import lang
    from oteo.understand.train import key, read_tsv

    texts = [row["text"] for row in read_tsv(data / "sentiment/multi_xlmt_val.tsv")]
    size = len(texts) / len(XLMT_ORDER)
    labelled = []
    for i, text in enumerate(texts):
        block = min(int(i / size), len(XLMT_ORDER) - 1)
        edge = min(i - block * size, (block + 1) * size - i)
        if edge >= 2:
            labelled.append((text, XLMT_ORDER[block]))
    for code in ("es", "en"):
        own = {key(r["text"]) for r in read_tsv(data / f"sentiment/{code}_xlmt_val.tsv")}
        wrong = sum(key(t) in own and c != code for t, c in labelled)
        if wrong:
            raise ValueError(f"{wrong} {code} tweets fall outside the {code} block")
    lang.detect("warm up")
    began = time.perf_counter()
    found = [lang.detect(t) for t, _ in labelled]
    seconds = time.perf_counter() - began
    right: dict[str, list[int]] = {}
    for (_, code), guess in zip(labelled, found, strict=True):
        right.setdefault(code, []).append(guess == code)
    per = ", ".join(f"{c} {np.mean(right[c]):.3f}" for c in XLMT_ORDER)
    six = [v for c in ("es", "en", "fr", "de", "it", "pt") for v in right[c]]
    rng = np.random.default_rng(0)
    shuffled = [labelled[i] for i in rng.permutation(len(labelled))]
    return [
        f"tweets           {len(labelled)} (XLM-T multilingual validation, 8 languages)",
        f"accuracy         {np.mean([v for vs in right.values() for v in vs]):.3f} overall; "
        f"{np.mean(six):.3f} on es, en, fr, de, it, pt",
        f"per language     {per}",
        f"posts/s          {len(labelled) / seconds:,.0f} (one thread)",
        f"as a stream      {_stream_accuracy(shuffled)} (the same tweets in a random order)",
        *_language_mixes(data, rng),
        f"machine          {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
    ]


def _stream_accuracy(stream: list[tuple[str, str]], short: set[str] | None = None) -> str:
    """Accuracy post by post (``detect``) and as the analyzer reads a stream (learning
    its mix of languages), over all posts and, if given, the ``short`` ones."""
    from oteo.understand import lang

    mix = lang.LanguageMix()
    alone = np.array([lang.detect(t) == c for t, c in stream])
    learnt = np.array([mix.detect(t) == c for t, c in stream])
    out = f"post by post {alone.mean():.3f}, learning the mix {learnt.mean():.3f}"
    if short:
        few = np.array([t in short for t, _ in stream])
        out += (
            f"; posts of 1-3 words ({few.sum()}) {alone[few].mean():.3f} → {learnt[few].mean():.3f}"
        )
    by = {c: np.array([code == c for _, code in stream]) for c in ("es", "en")}
    return out + "".join(
        f"; {c} {alone[m].mean():.3f} → {learnt[m].mean():.3f}" for c, m in by.items() if m.any()
    )


def _language_mixes(data: Path, rng: np.random.Generator) -> list[str]:
    """Streams of 20,000 public posts to brands and influencers in Spanish and English,
    mixed in several proportions: how the learnt mix reads them, short posts above all."""
    import re

    from oteo.understand.train import read_tsv

    pools = {
        "es": (
            "sentiment/es_tass_general.tsv",
            "sentiment/es_intertass.tsv",
            "sentiment/es_airline_train.tsv",
            "offensive/es_offendes_train.tsv",
        ),
        "en": ("sentiment/en_airline_us.tsv", "offensive/en_tweeteval_offensive_train.tsv"),
    }
    posts = {
        c: sorted({r["text"] for f in files for r in read_tsv(data / f)})
        for c, files in pools.items()
    }
    # words, not handles, links, tags or numbers
    words = re.compile(r"@\w+|https?://\S+|#\w+|\b\d+\b")
    short = {t for ts in posts.values() for t in ts if len(words.sub(" ", t).split()) <= 3}
    lines = []
    for es in (0.95, 0.8, 0.5, 0.05):
        n = {"es": round(20_000 * es), "en": round(20_000 * (1 - es))}
        stream = [
            (posts[c][i], c) for c in n for i in rng.choice(len(posts[c]), n[c], replace=False)
        ]
        stream = [stream[i] for i in rng.permutation(len(stream))]
        lines.append(f"es {es:.0%} en {1 - es:.0%}    {_stream_accuracy(stream, short)}")
    return lines


#: how many posts each stratum of the hand-labelled brand sample was drawn from (the
#: posts flagged as attacks at commit e86e288, and the negative ones it did not flag):
#: each labelled post stands for population / sampled posts of its stratum
BRAND_STRATA = {
    ("sentiment/en_airline_us.tsv", "flagged"): 1041,
    ("sentiment/en_airline_us.tsv", "negative"): 8137,
    ("sentiment/es_airline_train.tsv", "flagged"): 15,
    ("sentiment/es_airline_train.tsv", "negative"): 2068,
}
BRAND_LANG = {"sentiment/en_airline_us.tsv": "en", "sentiment/es_airline_train.tsv": "es"}


def bench_offence(data: Path) -> list[str]:
    """Attacks among posts to brands: oteo's flag (offence score 0.5+) against the
    hand-labelled sample (``oteo/understand/labels/brand_offence.tsv``), per half and
    language, with precision and recall estimated over the sampled strata; how many
    posts of each file oteo flags, by kind; and the analyzer's flag on the public
    validation sets (OLID counts any profanity as offensive, oteo does not).  Languages
    are detected, as for a post that comes without one (and as the sample was drawn)."""
    from oteo.understand.analyzer import Analyzer
    from oteo.understand.train import brand_offence_labels, digest, key, read_tsv

    analyzer = Analyzer().load()
    labels = brand_offence_labels()
    lines = []
    for file, lang in BRAND_LANG.items():
        texts = {key(r["text"]): r["text"] for r in read_tsv(data / file)}
        found = analyzer.analyze_texts(list(texts.values()))
        flagged = [a for a in found if a.offensive >= 0.5]
        kinds = Counter(a.offensive_kind for a in flagged)
        lines.append(
            f"{file}: {len(flagged):,} of {len(texts):,} distinct posts flagged ("
            + ", ".join(f"{k} {n}" for k, n in kinds.most_common())
            + ")"
        )
        by_digest = {digest(t): a for t, a in zip(texts.values(), found, strict=True)}
        for sample in ("dev", "test"):
            rows = [r for r in labels if r["file"] == file and r["sample"] == sample]
            if not rows:
                continue
            missing = sum(r["digest"] not in by_digest for r in rows)
            if missing:
                raise ValueError(f"{missing} labelled posts are not in {data / file}")
            read = [by_digest[r["digest"]] for r in rows]
            flags = [a.offensive >= 0.5 for a in read]
            strata = {s: n for (f, s), n in BRAND_STRATA.items() if f == file}
            flagged_posts, precision, recall, f1 = stratified(rows, flags, strata)
            lines.append(
                f"  {sample:4} {lang} {len(rows):3} posts ({sum(r['attack'] == '1' for r in rows)}"
                f" attacks): flagged ~{flagged_posts:,.0f}, precision {precision:.2f}, recall"
                f" {recall:.2f}, F1 {f1:.2f}"
            )
            # what the desk may moderate (words that make it an attack) and what it may not
            for grounds, words in (("with the words", True), ("by a model alone", False)):
                some = [
                    f and bool(a.offensive_words) is words for f, a in zip(flags, read, strict=True)
                ]
                posts, precision, _, _ = stratified(rows, some, strata)
                right = sum(f and r["attack"] == "1" for f, r in zip(some, rows, strict=True))
                lines.append(
                    f"       {grounds}: {right} of {sum(some)} sampled flags are attacks,"
                    f" ~{posts:,.0f} posts, precision {precision:.2f}"
                )
    for file, positive, of_kind in (
        ("offensive/en_tweeteval_offensive_val.tsv", "offensive", None),
        ("offensive/en_tweeteval_hate_val.tsv", "hate", "hate"),
        ("offensive/es_offendes_dev.tsv", "offensive", None),
    ):
        rows = read_tsv(data / file)
        found = analyzer.analyze_texts([r["text"] for r in rows])
        truth = [r["label"] == positive for r in rows]
        guess = [
            a.offensive >= 0.5 if of_kind is None else a.offensive_kind == of_kind for a in found
        ]
        lines.append(f"{file}: macro-F1 {_macro_f1(truth, guess):.3f} ({len(rows)} posts)")
    return [
        *lines,
        f"machine          {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
    ]


def stratified(
    rows: list[dict[str, str]], flags: list[bool], strata: dict[str, int]
) -> tuple[float, float, float, float]:
    """From a sample drawn per stratum (``rows``: ``stratum`` and ``attack``, 1 or 0),
    and whether each sampled post is flagged: how many posts of the strata are flagged,
    and the precision, recall and F1 of the flag over them.  Each sampled post stands
    for its stratum's size over how many were sampled from it (NaN where nothing counts)."""
    sampled = Counter(r["stratum"] for r in rows)
    tp = fp = fn = 0.0
    for r, flag in zip(rows, flags, strict=True):
        weight = strata[r["stratum"]] / sampled[r["stratum"]]
        attack = r["attack"] == "1"
        tp += weight * (attack and flag)
        fp += weight * (flag and not attack)
        fn += weight * (attack and not flag)
    precision = tp / (tp + fp) if tp + fp else float("nan")
    recall = tp / (tp + fn) if tp + fn else float("nan")
    f1 = 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else float("nan")
    return tp + fp, precision, recall, f1


def _macro_f1(truth: list[bool], guess: list[bool]) -> float:
    from sklearn.metrics import f1_score

    return float(f1_score(truth, guess, average="macro"))


def bench_nab(data: Path, sensitivity: str = "normal") -> list[str]:
    """`oteo detect-series` with its defaults on every NAB corpus in ``data``/nab,
    scored by our scorer from the published rules (decision: the alert column)."""
    from oteo.detect import nab
    from oteo.detect.series import detect_file

    root = data / "nab"
    windows = nab.load_windows(root / "labels/combined_windows.json")
    corpora: dict[str, list[nab.FileScore]] = {}
    rows = 0
    began = time.perf_counter()
    for name in sorted(windows):
        path = root / "data" / name
        if not path.exists():
            continue
        points = detect_file(path, sensitivity)
        rows += len(points)
        score = nab.score_file(
            name,
            [p.at for p in points],
            [float(p.alert) for p in points],
            windows[name],
        )
        corpora.setdefault(name.split("/")[0], []).append(score)
    seconds = time.perf_counter() - began
    every = [s for scores in corpora.values() for s in scores]
    lines = [
        f"{'corpus':24} {'files':>5} {'windows':>7} {'found':>5} {'false':>5}   standard  low FP  low FN"
    ]
    for corpus, scores in [*corpora.items(), ("all", every)]:
        lines.append(
            f"{corpus:24} {len(scores):5d} {sum(s.windows for s in scores):7d} "
            f"{sum(s.detected for s in scores):5d} {sum(s.false_positives for s in scores):5d}   "
            + "  ".join(f"{nab.normalised(scores, p):7.1f}" for p in nab.PROFILES)
        )
    positions = [y for s in every for y in s.positions]
    lines += [
        f"median position of the first detection in a window: {np.median(positions):+.2f} "
        "(-1 its start, 0 its end)"
        if positions
        else "no window detected",
        f"rows/s           {rows / seconds:,.0f} ({rows:,} rows)",
        f"machine          {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
    ]
    return lines


def bench_detection(
    seeds: int = 2, mode: str = "full", quiet_days: float = 30.0, echo: Any = None
) -> list[str]:
    """Every scenario of the simulator (each seed, in Spanish and in English) and
    crisis-free months of three brands, replayed through the pipeline and scored
    against the ground truth (see :mod:`oteo.detect.evaluate`)."""
    from oteo.detect.evaluate import evaluate

    began = time.perf_counter()
    summary = evaluate(seeds=seeds, quiet_days=quiet_days, mode=Mode(mode), progress=echo)
    return [
        *summary.lines(),
        f"seconds          {time.perf_counter() - began:.0f} ({mode} mode)",
        f"machine          {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
    ]


#: the airlines of the US airline set with a week of tweets (American's start on its
#: last three days, Virgin America's are a few dozen a day); its "Delta" rows address @JetBlue
AIRLINES = {
    "usairways": "@usairways",
    "united": "@united",
    "jetblue": "@jetblue",
    "southwest": "@southwestair",
}


def bench_airlines(data: Path) -> list[str]:
    """Real brand streams: the tweets to four US airlines in a week of February 2015
    (``sentiment/en_airline_us.tsv``, newest first as published) imported into a fresh
    store, then each watch backtested at each sensitivity.  No truth comes with them:
    the alerts are listed to be read against the week's news."""
    import io

    import yaml
    from rich.console import Console

    from oteo.console import Reporter
    from oteo.detect.backtest import backtest
    from oteo.detect.detector import SENSITIVITY
    from oteo.importer import import_file

    path = data / "sentiment" / "en_airline_us.tsv"
    with tempfile.TemporaryDirectory(prefix="oteo-airlines-") as folder:
        settings = yaml.safe_load(
            render_example(
                "en", "US Airways", timezone="America/New_York", database=f"sqlite:///{folder}/a.db"
            )
        )
        settings["watches"] = [{"name": n, "query": q} for n, q in AIRLINES.items()]
        config = load_text(yaml.safe_dump(settings, allow_unicode=True), "airlines.yaml")
        store = Store(config.database_url())
        reporter = Reporter(Console(file=io.StringIO()), config.timezone)
        began = time.perf_counter()
        result = import_file(config, store, path, reporter)
        seconds = time.perf_counter() - began
        incidents = store.incidents(limit=10_000)
        lines = [
            f"imported         {result.accepted:,} mentions ({len(result.rejected)} rejected) "
            f"in {seconds:.0f} s, incidents raised {len(incidents)}",
            f"{'watch':10} {'mentions':>8}  " + "  ".join(f"{s:>6}" for s in SENSITIVITY),
        ]
        found: dict[str, dict[str, list]] = {}
        for watch in AIRLINES:
            for sensitivity in SENSITIVITY:
                config.detection.sensitivity = sensitivity
                run = backtest(config, store, watch)
                found.setdefault(watch, {})[sensitivity] = run.alerts
            lines.append(
                f"{watch:10} {run.mentions:8,}  "
                + "  ".join(f"{len(found[watch][s]):6d}" for s in SENSITIVITY)
            )
        tz = config.tz
        for watch, by_sensitivity in found.items():
            for sensitivity, alerts in by_sensitivity.items():
                for a in alerts:
                    first = (a.why.get("first_post") or {}).get("text", "")
                    lines.append(
                        f"  {watch:10} {sensitivity:6} {a.at.astimezone(tz):%a %d/%m %H:%M} "
                        f"{a.severity.key:8} {a.category:8} {a.score:4.1f}  {first[:70]!r}"
                    )
        store.close()
    return [
        *lines,
        f"machine          {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
    ]


def bench_web(database: str, repeats: int = 20) -> list[str]:
    """How long the dashboard's main pages take to render over a database (one made by
    ``oteo bench pipeline``, say), signed in, through the app in-process; the pages'
    "now" is the last mention's time, so they show the data as it was then."""
    from fastapi.testclient import TestClient

    from oteo.web import auth
    from oteo.web.app import create_app

    config = load_text(render_example("es", "Lumbre Burger", database=database), "bench.yaml")
    store = Store(database)
    last = store.last_received() or datetime.now(ZoneInfo("UTC"))
    password = auth.fresh_password(store, "bench", "admin", actor="bench")
    client = TestClient(create_app(config, store, now=lambda: last))
    token = client.get("/login").text.split('name="csrf" value="')[1].split('"')[0]
    client.post("/login", data={"username": "bench", "password": password, "csrf": token})
    incidents = store.incidents(limit=1)
    pages = ["/", f"/watches/{config.watches[0].name}", "/inbox", "/api/incidents"]
    if incidents:
        pages.insert(2, f"/incidents/{incidents[0]['id']}")
    lines = [f"mentions stored: {store.counts()['mentions']:,}; now = {last.isoformat()}"]
    for page in pages:
        client.get(page)  # warm: templates compiled, caches filled
        took = []
        for _ in range(repeats):
            started = time.perf_counter()
            response = client.get(page)
            took.append((time.perf_counter() - started) * 1000)
            if response.status_code != 200:
                raise RuntimeError(f"{page}: HTTP {response.status_code}")
        took.sort()
        p95 = took[min(len(took) - 1, int(0.95 * len(took)))]
        lines.append(f"{page}: median {took[len(took) // 2]:.0f} ms, p95 {p95:.0f} ms")
    store.close()
    return lines
