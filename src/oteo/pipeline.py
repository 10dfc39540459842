"""The road every mention travels, as async stages joined by bounded queues.

    source → normalise → match → understand → store → detect → incidents → notify

Queues hold batches and are bounded, so a slow stage holds back the ones before it
(backpressure) instead of filling memory.  Database work runs on one worker thread,
so understanding the next batch overlaps with writing this one.  Time comes from an
injectable clock: live, or replayed faster than real time; ticks travel behind the
mentions, so detection always sees time in order.
"""

from __future__ import annotations

import asyncio
import copy
import gc
import time
from collections.abc import AsyncIterable, Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import partial
from typing import Any

from oteo.clock import Clock, ReplayClock
from oteo.config import Config
from oteo.detect import Observation, WatchDetector
from oteo.detect.backtest import detector_settings, observation, read_spark, stored_post
from oteo.detect.detector import post_key
from oteo.incidents import IncidentManager, Outcome
from oteo.incidents.manager import SHARPER
from oteo.model import Alert, Mention
from oteo.normalise import normalise
from oteo.notify import Delivery, Notifier
from oteo.query import Doc
from oteo.records import RecordError
from oteo.respond.desk import Desk
from oteo.store import Store
from oteo.text import language_tag
from oteo.understand import Analyzer
from oteo.understand import lang as lang_detect
from oteo.understand.crowd import Crowd
from oteo.understand.parallel import make_analyzer

#: how far behind a watch's current bucket a mention may arrive and still count
LATENESS = timedelta(minutes=30)
#: how often the list of watches in aftercare is read again
AFTERCARE_CHECK = timedelta(minutes=10)
#: how often (clock time) response clocks and follow-ups move on
DESK_CHECK = timedelta(minutes=1)
#: the sparks (posts an alert's people point at) awaited in the store, the latest kept
AWAITED_SPARKS = 100
STORE_BATCH = 2000
#: the cycle collector's thresholds in a pipeline's process (Python's: 700, 10, 10)
COLLECTOR_THRESHOLDS = (20_000, 20, 20)


@dataclass(slots=True)
class Tick:
    """The passing of time, sent behind the mentions received before it."""

    at: datetime


_END = object()


def _quieter_collector() -> None:
    """Python's cycle collector only matters for reference cycles, which the pipeline
    hardly makes (its mentions, authors and analyses are freed by their reference
    counts), yet by default it scans every cached author and analysis again and again:
    a quarter of the process's time on a long replay.  What exists when a pipeline
    starts (modules, configuration; garbage collected first, or its cycles would never
    be) is frozen out of its sight, and it runs about thirty times less often."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(*COLLECTOR_THRESHOLDS)


def _matched(batch: list[Any]) -> list[Mention]:
    return [m for m in batch if not isinstance(m, Tick) and m.watches]


@dataclass
class Stats:
    received: int = 0
    rejected: int = 0
    new: int = 0
    duplicates: int = 0
    matched: int = 0
    late: int = 0
    alerts: int = 0
    incidents: list[int] = field(default_factory=list)
    notifications: int = 0
    inbox: int = 0
    started: float = field(default_factory=time.perf_counter)
    finished: float | None = None

    @property
    def seconds(self) -> float:
        return (self.finished or time.perf_counter()) - self.started

    @property
    def rate(self) -> float:
        return self.received / self.seconds if self.seconds > 0 else 0.0


Listener = Callable[[str, Any], None]


class Pipeline:
    """One run of the pipeline over one source of mentions."""

    def __init__(
        self,
        config: Config,
        store: Store,
        *,
        clock: Clock,
        analyzer: Analyzer | None = None,
        notifier: Notifier | None = None,
        listener: Listener | None = None,
        batch_size: int = 256,
        queue_batches: int = 8,
        drill: bool = False,
        tick_every: float = 10.0,
    ) -> None:
        _quieter_collector()
        self.config = config
        self.store = store
        self.clock = clock
        self._own_analyzer = analyzer is None
        self.analyzer = analyzer or make_analyzer(
            config.understanding.workers, config.understanding.mode
        )
        self.crowd = Crowd()
        #: the stream's languages, for ``lang:`` filters and what no watch matched: a
        #: short post reads as understanding reads it (which takes the language given)
        self.languages = lang_detect.LanguageMix()
        self.notifier = notifier or Notifier(store, config.notify)
        self.listener = listener or (lambda kind, data: None)
        self.batch_size = batch_size
        self.queue_batches = queue_batches
        self.tick_every = tick_every
        #: a drill's pipeline marks what it stores and leaves the real baseline alone
        self.drill = drill
        self.stats = Stats()
        self.watch_ids = store.sync_watches((w.name, w.title, w.query) for w in config.watches)
        store.sync_people(config.people().values())
        self.queries = {w.name: w.compiled() for w in config.watches}
        self.incidents = IncidentManager(config, store, self.watch_ids, self.notifier, drill=drill)
        self.desk = Desk(config, store)
        self._desk_checked: datetime | None = None
        self.detectors = self._detectors()
        self._aftercare_checked: datetime | None = None
        #: sparks the store did not have when their alert came ("source:id" → watch);
        #: changed on the database thread, only tested for a key on the event loop.  The
        #: alert keeps the key (``why["awaited_spark"]``): a restart waits for it again
        self._awaited: dict[str, str] = {}
        if not drill:
            names = {i: n for n, i in self.watch_ids.items()}
            for watch_id, key in store.awaited_sparks():
                if watch_id in names:
                    self._await(key, names[watch_id])
            # one stored while the pipeline was down (another read it) has come
            self._arrived(list(self._awaited), clock.now())
        self._db = ThreadPoolExecutor(max_workers=1, thread_name_prefix="oteo-db")
        # understanding waits on worker processes; the event loop keeps moving meanwhile
        self._think = ThreadPoolExecutor(max_workers=1, thread_name_prefix="oteo-understand")
        # deliveries wait on networks; they must not hold back the database thread
        self._send = ThreadPoolExecutor(max_workers=1, thread_name_prefix="oteo-notify")

    def _detectors(self) -> dict[str, WatchDetector]:
        states = self.store.load_states()
        embedder = self.analyzer.embedder if self.analyzer.embeddings else None
        detectors = {}
        for w in self.config.watches:
            watch_id = self.watch_ids[w.name]
            detector = WatchDetector(
                w.name, detector_settings(self.config, w.name, embedder), states.get(watch_id)
            )
            # a restart: the state keeps the buckets' counts; their posts come from the store
            if (span := detector.held_span) is not None:
                detector.hold_again(map(observation, self.store.history(watch_id, *span)))
            detectors[w.name] = detector
        return detectors

    async def _db_call(self, fn: Callable[..., Any], *args: Any) -> Any:
        return await asyncio.get_running_loop().run_in_executor(self._db, fn, *args)

    async def _understand_call(self, fn: Callable[..., Any], *args: Any) -> Any:
        return await asyncio.get_running_loop().run_in_executor(self._think, fn, *args)

    async def _send_call(self, fn: Callable[..., Any], *args: Any) -> Any:
        return await asyncio.get_running_loop().run_in_executor(self._send, fn, *args)

    def warm_up(self, mentions: Iterable[Mention]) -> int:
        """Teach detection what is usual without storing or alerting anything (a drill
        on a brand with no history yet): the mentions are understood, counted by the
        detectors, and forgotten.  Call before :meth:`run`, with mentions received
        before now: a later one would move the detectors' buckets past now, and every
        mention of the run would then be too late to count."""
        seen = 0
        batch: list[Mention] = []
        for m in [*mentions, None]:
            if m is not None:
                batch.append(m)
            if batch and (m is None or len(batch) >= self.batch_size):
                self._detect(self._understood(self._match_and_begin(self._normalise(batch))))
                seen += len(batch)
                batch = []
        self.stats = Stats()
        return seen

    # ------------------------------------------------------------------ running

    async def run(self, source: AsyncIterable[Mention] | Iterable[Mention]) -> Stats:
        """Push every mention of ``source`` through all stages; return the counts."""
        queues = [asyncio.Queue(maxsize=self.queue_batches) for _ in range(7)]
        q_norm, q_match, q_begun, q_store, q_detect, q_incidents, q_notify = queues
        stages = [
            self._feed(source, q_norm),
            self._stage(q_norm, q_match, self._normalise),
            self._stage(q_match, q_begun, self._match_and_begin),
            # the workers analyse the next batches while this one's crowd is worked out
            self._stage(q_begun, q_store, self._understood, runner=self._understand_call),
            self._store_stage(q_store, q_detect),
            self._stage(q_detect, q_incidents, self._detect),
            self._stage(q_incidents, q_notify, self._incidents, runner=self._db_call),
            self._stage(q_notify, None, self._notify, runner=self._send_call),
        ]
        tasks = [asyncio.create_task(s) for s in stages]
        try:
            await asyncio.gather(*tasks)
        except BaseException:
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
            raise
        finally:
            self.stats.finished = time.perf_counter()
            self._db.shutdown(wait=True)
            self._send.shutdown(wait=True)
            self._think.shutdown(wait=True)
            if self._own_analyzer:
                self.analyzer.close()
        return self.stats

    async def _feed(
        self, source: AsyncIterable[Mention] | Iterable[Mention], out: asyncio.Queue
    ) -> None:
        batch: list[Any] = []
        last_tick = time.monotonic()

        async def flush() -> None:
            nonlocal batch
            if batch:
                await out.put(batch)
                batch = []

        async def take(m: Mention | Tick) -> None:
            nonlocal last_tick
            if isinstance(m, Tick):  # time passing with nothing said
                batch.append(m)
                await flush()
                return
            if isinstance(self.clock, ReplayClock) and m.received_at is not None:
                await self.clock.wait_until(m.received_at)
            elif m.received_at is None:
                m.received_at = self.clock.now()
            batch.append(m)
            self.stats.received += 1
            if len(batch) >= self.batch_size or (
                self.clock.live and time.monotonic() - last_tick > 0.5
            ):
                if self.clock.live:
                    batch.append(Tick(self.clock.now()))
                    last_tick = time.monotonic()
                await flush()

        if isinstance(source, AsyncIterable):
            async for m in source:
                await take(m)
        else:
            for m in source:
                await take(m)
        batch.append(Tick(self.clock.now()))
        await flush()
        await out.put(_END)

    async def _stage(
        self,
        inq: asyncio.Queue,
        outq: asyncio.Queue | None,
        fn: Callable[[Any], Any],
        runner: Callable[..., Any] | None = None,
    ) -> None:
        """Apply ``fn`` to each item (in the event loop, or through ``runner``'s thread)."""
        while True:
            item = await inq.get()
            if item is _END:
                if outq is not None:
                    await outq.put(_END)
                return
            result = await runner(fn, item) if runner else fn(item)
            if outq is not None and result:
                await outq.put(result)

    # ------------------------------------------------------------------ stages

    def _normalise(self, batch: list[Any]) -> list[Any]:
        now = self.clock.now()
        out: list[Any] = []
        for item in batch:
            if isinstance(item, Tick):
                out.append(item)
                continue
            item.drill = item.drill or self.drill
            try:
                out.append(normalise(item, now))
            except RecordError as exc:
                self.stats.rejected += 1
                self.listener("rejected", (item, exc))
        return out

    def _match(self, batch: list[Any]) -> list[Any]:
        for m in batch:
            if isinstance(m, Tick):
                continue
            tagged = language_tag(m.lang)
            if tagged:
                self.languages.learn(tagged)
            doc = Doc.build(
                m.text,
                lang=m.lang,
                channel=m.channel.value,
                author=m.author.handle if m.author else None,
                source=m.source,
                detect=partial(self.languages.detect, m.text),
            )
            m.watches = [name for name, q in self.queries.items() if q.matches(doc)]
            if m.author and self.config.brand.owns(m.author.handle):
                # the brand's own post belongs to every watch's conversation, named or not
                m.watches = list(self.queries)
            if not m.lang:  # a lang: filter may have asked; understanding tells the rest
                m.lang = (doc.lang if m.watches else doc.language()) or None
        return batch

    def _match_and_begin(self, batch: list[Any]) -> tuple[list[Any], Callable[[], None]]:
        """Match, then send the new texts of what a watch matched to understanding (the
        workers start at once).  What no watch matched is stored as it came, with its
        language: its sentiment or author would count nowhere."""
        batch = self._match(batch)
        return batch, self.analyzer.begin(_matched(batch))

    def _understood(self, begun: tuple[list[Any], Callable[[], None]]) -> list[Any]:
        """Wait for the batch's analyses, then see who is posting what (in order)."""
        batch, finish = begun
        finish()
        self.crowd.observe(_matched(batch))
        return batch

    async def _store_stage(self, inq: asyncio.Queue, outq: asyncio.Queue) -> None:
        """Write in transactions of up to STORE_BATCH mentions: whatever has queued up."""
        done = False
        while not done:
            items = await inq.get()
            if items is _END:
                break
            items = list(items)
            while len(items) < STORE_BATCH and not inq.empty():
                more = inq.get_nowait()
                if more is _END:
                    done = True
                    break
                items.extend(more)
            mentions = [m for m in items if not isinstance(m, Tick)]
            result = await self._db_call(self.store.ingest, mentions, self.watch_ids)
            self.stats.new += len(result.new)
            self.stats.duplicates += result.updated
            self.listener("stored", (len(mentions), len(result.new)))
            new_ids = {id(m) for m in result.new}
            # keep ticks in place; drop duplicates, which detection has already counted
            forward = [x for x in items if isinstance(x, Tick) or id(x) in new_ids]
            if forward:
                await outq.put(forward)
        await outq.put(_END)

    def _detect(self, batch: list[Any]) -> dict[str, Any]:
        # alerts, and episodes that ended (watch, when), each watch's in the order they
        # happened: an episode's end must reach its incident before the next alert does
        changes: list[Alert | tuple[str, datetime]] = []
        signals = []
        fresh: list[Mention] = []

        def advance(now: datetime) -> None:
            for name, detector in self.detectors.items():
                for result in detector.advance(now):
                    signals.append(result.signal)
                    if result.ended:
                        changes.append((name, result.signal.end))
                    if result.alert is not None:
                        changes.append(result.alert)

        latest: datetime | None = None
        arrived = []  # keys of posts alerts awaited (see _spark), matched by a watch or not
        for item in batch:
            if isinstance(item, Tick):
                advance(item.at)
                latest = max(latest or item.at, item.at)
                continue
            m: Mention = item
            latest = m.received_at
            if self._awaited and (key := post_key(m.source, m.external_id)) in self._awaited:
                arrived.append(key)
            if not m.watches:
                continue
            self.stats.matched += 1
            fresh.append(m)
            obs = Observation.of(m)
            late = False
            for name in m.watches:
                detector = self.detectors[name]
                # a mention received long after its time (an old import) is kept, not counted
                if detector.current is not None and obs.at < detector.current.start - LATENESS:
                    late = True
                    continue
                detector.observe(obs)
            self.stats.late += late
        if latest is not None:
            advance(latest)
        # The detectors change only here, on the event loop; the database thread saves
        # a copy taken now (their state holds live lists it would read mid-change).
        states = (
            copy.deepcopy({self.watch_ids[n]: d.state() for n, d in self.detectors.items()})
            if signals and not self.drill
            else None
        )
        return {
            "changes": changes,
            "signals": signals,
            "states": states,
            "mentions": fresh,
            "arrived": arrived,
            "now": latest,
        }

    def _sharpen(self, now: datetime) -> None:
        """After a crisis closes its watch stays one step more sensitive (S20).  Runs on
        the database thread; detection reads the new setting from its next bucket on."""
        if self._aftercare_checked is not None and now - self._aftercare_checked < AFTERCARE_CHECK:
            return
        self._aftercare_checked = now
        sharp = self.incidents.aftercare_watches(now)
        base = self.config.detection.sensitivity
        for name, detector in self.detectors.items():
            detector.settings.sensitivity = SHARPER[base] if name in sharp else base

    def _spark(self, alert: Alert) -> None:
        """The post the alert's people point at is not one detection holds (older, or
        calm): read from the store (alerts are rare), it may be where the story began.
        Not there yet (a forum is read hours after it is written), it is awaited."""
        assert alert.spark is not None
        settings = self.detectors[alert.watch].settings
        if read_spark(self.store, self.watch_ids[alert.watch], alert, settings):
            return
        alert.why["awaited_spark"] = alert.spark
        self._await(alert.spark, alert.watch)

    def _await(self, key: str, watch: str) -> None:
        self._awaited[key] = watch
        while len(self._awaited) > AWAITED_SPARKS:
            del self._awaited[next(iter(self._awaited))]

    def _arrived(self, keys: list[str], now: datetime) -> None:
        """An awaited spark the store now has (matched by a watch or not: a post that
        calls the brand by a nickname) may be where an open incident began."""
        for key in keys:
            watch = self._awaited.get(key)
            if watch is None:
                continue
            spark = stored_post(self.store, self.watch_ids[watch], key)
            if spark is None:  # not read yet
                continue
            del self._awaited[key]
            self.incidents.began_earlier(watch, spark, self.detectors[watch].settings, now)

    def _incidents(
        self, work: dict[str, Any]
    ) -> tuple[list[tuple[Outcome | None, Delivery]], datetime | None]:
        if work["states"] is not None:  # a drill's buckets are not the brand's
            self.store.save_signals(work["signals"], self.watch_ids)
            self.store.save_states(work["states"])
        self.stats.inbox += self.desk.to_inbox(work["mentions"], self.watch_ids)
        if work["arrived"] and work["now"] is not None:
            self._arrived(work["arrived"], work["now"])
        sends: list[tuple[Outcome | None, Delivery]] = []
        for change in work["changes"]:
            if isinstance(change, tuple):
                name, at = change
                incident_id = self.incidents.on_ended(name, at)
                if incident_id is not None:
                    self.listener("calmed", (name, incident_id, at))
                continue
            self.stats.alerts += 1
            if change.spark is not None and not self.drill:  # (a drill's posts are not kept)
                self._spark(change)
            outcome = self.incidents.on_alert(change)
            if outcome.opened:
                self.stats.incidents.append(outcome.incident_id)
            sends += [(outcome, d) for d in outcome.deliveries]
            self.listener("alert", (outcome, change))
        now = work["now"]
        if now is not None:
            # nobody acknowledged in time: the next people; failed messages: again
            sends += [(None, d) for d in self.incidents.tick(now, catch_up=not self.clock.live)]
            sends += [(None, d) for d in self.notifier.due(now)]
            self._sharpen(now)
            if self._desk_checked is None or now - self._desk_checked >= DESK_CHECK:
                self._desk_checked = now
                self.desk.tick(now)
        sends += [(None, d) for d in self.incidents.take_pending()]
        return sends, now

    def _notify(self, work: tuple[list[tuple[Outcome | None, Delivery]], datetime | None]) -> None:
        """Deliver notifications and publish the responses that are due (both wait on
        networks, so they run on their own thread)."""
        sends, now = work
        if now is not None:
            self.desk.publish_due(now)
        for outcome, delivery in sends:
            for _, status in self.notifier.deliver([delivery], now or self.clock.now()):
                self.stats.notifications += 1
                self.listener("notified", (outcome, delivery, status))
