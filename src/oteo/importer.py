"""``oteo import FILE``: mentions from a file, each bad row reported with its reason."""

from __future__ import annotations

import asyncio
import heapq
import json
import tempfile
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from oteo.clock import ReplayClock
from oteo.config import Config
from oteo.console import Reporter
from oteo.model import Mention
from oteo.notify import Notifier
from oteo.pipeline import Pipeline, Stats
from oteo.records import RecordError, from_record, undated_without_id
from oteo.sources.files import read_records
from oteo.store import Store

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
#: characters of rows sorted in memory at once; a larger file is sorted in runs of this
#: size on disk, then merged
RUN_CHARS = 8_000_000
#: records with neither id nor time whose repeats are counted at once (their ids, in
#: memory; then the count starts again, so repeats further apart are one post)
REPEATS_HELD = 250_000
#: an import's notifications for moments longer ago than this are kept, not sent
RECENT = timedelta(hours=1)


@dataclass
class ImportResult:
    stats: Stats
    rejected: list[tuple[int | None, str]]

    @property
    def accepted(self) -> int:
        return self.stats.new + self.stats.duplicates


def import_file(
    config: Config, store: Store, path: str | Path, reporter: Reporter, *, source: str | None = None
) -> ImportResult:
    """Read ``path`` through the whole pipeline.  Past mentions count as received when
    they were published (a backfill), so an old file does not look like a burst today.

    Raises :class:`oteo.sources.files.FileError` when the file itself cannot be read.
    """
    now = datetime.now(UTC)

    def parse(line: int, item: dict[str, Any]) -> Mention:
        mention = from_record(item, now=now, default_source=source or "import", from_file=True)
        mention.ref = line
        mention.received_at = mention.received_at or mention.created_at
        return mention

    def checked() -> Iterator[tuple[float, int, dict[str, Any]]]:
        said: Counter[str] = Counter()  # ids of the records with neither id nor time
        for line, item in read_records(path):
            try:
                if isinstance(item, RecordError):
                    raise item
                mention = parse(line, item)
            except RecordError as exc:
                reporter("rejected", (_Row(line), exc))
                continue
            if undated_without_id(item):
                # the same words again in one file are another post (two people, or a
                # copied message), numbered by their order so a new import finds them
                if len(said) >= REPEATS_HELD:
                    said.clear()
                said[mention.external_id] += 1
                if said[mention.external_id] > 1:
                    item["id"] = f"{mention.external_id}.{said[mention.external_id]}"
            yield mention.received_at.timestamp(), line, item

    def mentions() -> Iterator[Mention]:
        # detection reads a watch's mentions in time order: an export written newest
        # first would otherwise leave all but its first mention uncounted
        for _, line, item in in_time_order(checked()):
            yield parse(line, item)

    notifier = Notifier(store, config.notify, send_from=now - RECENT)
    pipeline = Pipeline(
        config, store, clock=ReplayClock(EPOCH), listener=reporter, notifier=notifier
    )
    stats = asyncio.run(pipeline.run(mentions()))
    stop_past_escalations(store, stats.incidents, now - RECENT, now)
    return ImportResult(stats, reporter.rejected)


def stop_past_escalations(
    store: Store, incident_ids: list[int], before: datetime, now: datetime
) -> None:
    """An incident the import left waiting for an acknowledgement long ago stays on the
    dashboard, but its escalation chain stops: ``oteo run`` would page the next people
    today about it."""
    for incident_id in sorted(set(incident_ids)):
        incident = store.incident(incident_id)
        due = incident and incident["next_escalation_at"]
        if due and due < before:
            store.update_incident(incident_id, next_escalation_at=None)
            store.add_event(incident_id, now, "imported", "oteo", {})


def in_time_order(
    rows: Iterable[tuple[float, int, dict[str, Any]]], run_chars: int = RUN_CHARS
) -> Iterator[tuple[float, int, dict[str, Any]]]:
    """``(time, line, record)`` rows sorted by time then line, in bounded memory: runs of
    about ``run_chars`` characters are sorted, and spilled to disk when there are several."""
    with tempfile.TemporaryDirectory(prefix="oteo-import-") as folder:
        runs: list[Path] = []
        run: list[tuple[float, int, dict[str, Any]]] = []
        size = 0
        for row in rows:
            run.append(row)
            size += sum(len(str(v)) for v in row[2].values())
            if size >= run_chars:
                runs.append(_spill(sorted(run, key=_order), Path(folder) / f"{len(runs)}.jsonl"))
                run, size = [], 0
        run.sort(key=_order)
        if not runs:
            yield from run
            return
        yield from heapq.merge(*(_read_run(p) for p in runs), run, key=_order)


def _order(row: tuple[float, int, dict[str, Any]]) -> tuple[float, int]:
    return row[0], row[1]


def _spill(run: list[tuple[float, int, dict[str, Any]]], path: Path) -> Path:
    with path.open("w", encoding="utf-8") as f:
        for row in run:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
    return path


def _read_run(path: Path) -> Iterator[tuple[float, int, dict[str, Any]]]:
    with path.open(encoding="utf-8") as f:
        for text in f:
            at, line, item = json.loads(text)
            yield at, line, item


@dataclass(slots=True)
class _Row:
    """A row that never became a mention, for the report."""

    ref: int
