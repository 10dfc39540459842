"""Replay a watch's stored history through a fresh detector with the current settings.

Nothing is written: it answers "with these settings, how many alerts would we have
had, and when?" before one changes the sensitivity or the window.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from oteo.config import Config
from oteo.detect.detector import (
    DetectorSettings,
    Observation,
    WatchDetector,
    began_with,
    post_key,
)
from oteo.model import Alert
from oteo.store import Store, words_of
from oteo.text import tokens


def detector_settings(config: Config, watch: str, embedder: Any = None) -> DetectorSettings:
    """A watch's detector settings from the config (the pipeline and backtests share it)."""
    d = config.detection
    query = next(w for w in config.watches if w.name == watch).compiled()
    ignore = frozenset(word.lstrip("@#") for term in query.terms for word in tokens(term))
    return DetectorSettings(
        bucket=d.bucket,
        window=d.window,
        sensitivity=d.sensitivity,
        timezone=config.timezone,
        ignore_words=ignore,
        brand=config.brand.name,
        competitors=tuple(config.brand.competitors),
        accounts=config.brand.handles,
        embedder=embedder,
    )


@dataclass(slots=True)
class Backtest:
    watch: str
    mentions: int = 0
    first: datetime | None = None
    last: datetime | None = None
    alerts: list[Alert] = field(default_factory=list)
    stored_alerts: int = 0  # what the watch actually raised over the same span


def observation(row: dict[str, Any]) -> Observation:
    """What the detector keeps of a stored mention (see :meth:`Store.history`)."""
    handle = row["handle"] or f"?{row['source']}:{row['external_id']}"
    return Observation(
        mention_id=row["id"],
        at=row["received_at"],
        created=row["created_at"],
        author=row["author_external_id"] or handle,
        handle=handle,
        followers=int(row["followers"] or 0),
        channel=row["channel"],
        negative=bool(row["negative"]),
        repost=row["relation"] == "repost",
        reply=row["relation"] == "reply",
        post=post_key(row["source"], row["external_id"]) or "",
        parent=post_key(row["source"], row["parent_external_id"]),
        harm=words_of(row["harm"]),
        attack=bool(row.get("offensive_kind")),
        snippet=(row["text"] or "")[:280],
        risk=float(row["risk"] or 0.0),
        coordinated=row["cluster"] is not None,
        tier=row["tier"] or "none",
        bio=(row["bio"] or "")[:200],
        # (message key, values) pairs; an older oteo stored text, which is left out
        reasons=tuple(
            (r[0], r[1])
            for r in row.get("risk_reasons") or ()
            if isinstance(r, list) and len(r) == 2
        ),
    )


def stored_post(store: Store, watch_id: int, key: str) -> Observation | None:
    """A stored post by its name (:func:`post_key`), as the watch's detector would see
    it, matched by the watch or not (see :meth:`Store.post`); None if it is not stored."""
    source, _, external_id = key.partition(":")
    row = store.post(watch_id, source, external_id)
    return None if row is None else observation(row)


def read_spark(store: Store, watch_id: int, alert: Alert, settings: DetectorSettings) -> bool:
    """Read the alert's spark (:attr:`Alert.spark`, a post detection did not hold) from
    the store and name it first if it came first (:func:`began_with`).  False when the
    store has not got it."""
    assert alert.spark is not None
    spark = stored_post(store, watch_id, alert.spark)
    if spark is not None:
        began_with(alert, spark, settings)
    return spark is not None


def backtest(
    config: Config,
    store: Store,
    watch: str,
    since: datetime | None = None,
    until: datetime | None = None,
) -> Backtest:
    watch_id = store.watch_ids().get(watch)
    if watch_id is None:  # in the config, but nothing stored for it yet
        return Backtest(watch)
    settings = detector_settings(config, watch)
    detector = WatchDetector(watch, settings)
    out = Backtest(watch)
    for row in store.history(watch_id, since, until):
        obs = observation(row)
        detector.observe(obs)
        out.mentions += 1
        out.first = out.first or obs.at
        out.last = obs.at
        out.alerts.extend(r.alert for r in detector.advance(obs.at) if r.alert is not None)
    if out.last is not None:  # let the last window close
        end = out.last + settings.window + settings.bucket
        out.alerts.extend(r.alert for r in detector.advance(end) if r.alert is not None)
        stored = store.alerts(watch_id=watch_id, since=out.first, limit=100_000)
        out.stored_alerts = sum(1 for a in stored if a["at"] <= end and not a["drill"])
    for alert in out.alerts:  # as the pipeline does, with what the store holds now
        if alert.spark is not None:
            read_spark(store, watch_id, alert, settings)
    return out
